// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/net/httprequest.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>

namespace sori::server {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers; // besides the standard ones
    // A body the connection streams after the head (a download): its length. -1: body is all.
    qint64 streamedLength = -1;

    // A short plain-text answer for an error status.
    static HttpResponse error(int status, const QByteArray &message);
    // The web client's files, compiled in under :/web. GET and HEAD only.
    static HttpResponse forStaticFile(const HttpRequest &request);

    // The bytes on the wire. headOnly leaves the body out (for HEAD).
    QByteArray serialize(bool headOnly, bool keepAlive) const;
};

} // namespace sori::server
