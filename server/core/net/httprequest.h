// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QList>

#include <optional>

namespace sori::server {

// The head of one HTTP/1.x request: enough to serve a page or to upgrade to a WebSocket.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query
    QByteArray path; // target without the query
    int minorVersion = 1; // HTTP/1.<minorVersion>
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    // The body's framing, checked by parse(): Content-Length (0 when absent), and whether a
    // Transfer-Encoding header came (the server implements none: the caller refuses it).
    qint64 contentLength = 0;
    bool hasTransferEncoding = false;

    // The first value of a header (name in lower case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    // Whether a comma-separated header lists token (case-insensitive), e.g. Connection: upgrade.
    bool headerHasToken(QByteArrayView name, QByteArrayView token) const;
    bool isWebSocketUpgrade() const;
    bool keepAlive() const;

    enum class ParseStatus { Incomplete, Complete, Invalid, TooLarge };
    // Parses a head from the start of data, strictly (RFC 9112): lines end in CRLF; header
    // names are tokens right before their colon; no control characters but tab in values; no
    // folded lines; exactly one Host in HTTP/1.1 (at most one in 1.0); Content-Length at most
    // once and only digits. On Complete, *headSize is the length of the head including its
    // blank line. On Invalid, *problem (if given) says what was wrong, in one sentence.
    static ParseStatus parse(QByteArrayView data, qsizetype maxHeadBytes, HttpRequest *request,
                             qsizetype *headSize, QByteArray *problem = nullptr);
};

} // namespace sori::server
