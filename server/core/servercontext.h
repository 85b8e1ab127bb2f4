// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

namespace sori::server {

class AuthService;
class ConnectionLimits;
class EventEncoder;
class FileService;
class Hub;
class SearchService;
class TlsContext;
struct ServerConfig;

// The services of one server, made by ChatServer (the composition root) and handed as one to the
// workers, their connections and the sessions. A new service (an HTTP router, metrics, a bus
// between nodes) is added here, not to every constructor on the way. Everything it points to
// outlives the workers. Each layer takes only what it needs: the chat layer (core/chat) never
// touches connectionLimits, which belongs to the network layer.
struct ServerContext
{
    const ServerConfig *config = nullptr;
    Hub *hub = nullptr;
    AuthService *auth = nullptr;
    // How events go out on the wire (core/net/websocketencoder.h).
    const EventEncoder *encoder = nullptr;
    // Where connections give their place back as they upgrade and end (may be null: no caps).
    ConnectionLimits *connectionLimits = nullptr;
    // The certificate and TLS settings when the port speaks TLS (null: plain TCP).
    const TlsContext *tls = nullptr;
    // Full-text search, on a thread of its own (core/chat/searchservice.h; null: none).
    SearchService *search = nullptr;
    // Files over HTTP, on a thread of their own (core/chat/fileservice.h; null: none).
    FileService *files = nullptr;
};

} // namespace sori::server
