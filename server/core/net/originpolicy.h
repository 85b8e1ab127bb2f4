// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArrayView>
#include <QtNetwork/QHostAddress>

namespace sori::server {

struct ServerConfig;

// Where a connection came in: what the browser's page must have been served from to be the
// server's own (docs/protocol.md, "Origin check").
struct LocalEndpoint
{
    bool tls = false; // the connection speaks TLS: the server's own pages are https
    QHostAddress address; // the local address the client connected to
    quint16 port = 0; // the local port the client connected to
};

// Whether a browser page from origin (an Origin header's value) may open a WebSocket here: one
// of --allow-origin (or '*'), else one of the configured public origins, else (none configured)
// the server's own origin: the connection's scheme, at the port it came in on, on localhost,
// a loopback address, this machine's host name or one of its interface addresses. The request's
// Host header is never trusted (DNS rebinding would put any host name there).
bool originAllowed(QByteArrayView origin, const ServerConfig &config,
                   const LocalEndpoint &endpoint);

} // namespace sori::server
