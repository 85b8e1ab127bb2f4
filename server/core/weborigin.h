// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtNetwork/QHostAddress>

#include <optional>

namespace sori::server {

// A web origin (RFC 6454): scheme, host and port, as a browser sends it in an Origin header
// and as the operator configures it (web/public-origins, --public-origin, --allow-origin).
struct WebOrigin
{
    QString scheme; // "http" or "https"
    QString host; // lower case; an IPv6 address without its brackets
    int port = 0; // the scheme's default port when the origin names none

    // Reads "scheme://host[:port]" strictly: http or https only, a host, and nothing else (no
    // userinfo, path, query or fragment; a browser never sends them). Nothing if it is not one.
    static std::optional<WebOrigin> parse(QStringView text);
    // The host as an address, when it is an IP literal (else a null address).
    QHostAddress address() const { return QHostAddress(host); }
    QString toString() const;

    friend bool operator==(const WebOrigin &, const WebOrigin &) = default;
};

} // namespace sori::server
