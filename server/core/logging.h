// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer) // sori.server: start, stop, configuration
Q_DECLARE_LOGGING_CATEGORY(lcNet) // sori.server.net: connections, frames, closes
Q_DECLARE_LOGGING_CATEGORY(lcHttp) // sori.server.http: requests for pages
Q_DECLARE_LOGGING_CATEGORY(lcTls) // sori.server.tls: certificates, reloads, failed handshakes
Q_DECLARE_LOGGING_CATEGORY(lcHub) // sori.server.hub: sessions, rooms, presence
Q_DECLARE_LOGGING_CATEGORY(lcStore) // sori.server.db: the database
Q_DECLARE_LOGGING_CATEGORY(lcFiles) // sori.server.files: uploads, downloads, thumbnails
