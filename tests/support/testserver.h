// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// In-process servers for integration tests, and looks into their database.

#include "core/chatserver.h"
#include "testclients.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace sori::test {

using Configure = std::function<void(server::ServerConfig &)>;

// A started ChatServer on 127.0.0.1, on a free port, with two workers and its data in dataDir;
// null (with a warning that says why) if it could not start.
std::unique_ptr<server::ChatServer> startServer(const QString &dataDir,
                                                const Configure &configure = {});

// Accounts in dataDir's database before a server opens it, as --create-admin makes them. Each
// one's password is its name followed by " password". False (with a warning) on failure.
[[nodiscard]] bool createAccounts(const QString &dataDir,
                                  const QList<std::pair<QString, protocol::Role>> &accounts);

QUrl wsUrl(const server::ChatServer &server, const QString &path = QStringLiteral("/ws"));

// The error a request got, waiting for it (up to 5 s); nothing if none came.
std::optional<protocol::Error> errorFor(RecordingClient &client, const QString &id);

// The first value of a query on the server's database, on a connection of the test's own.
QVariant queryDatabase(const QString &dataDir, const QString &sql);

} // namespace sori::test
