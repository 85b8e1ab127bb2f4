// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// In-process servers for integration tests, and looks into their database.

#include "core/chat/authservice.h"
#include "core/chatserver.h"
#include "core/store/sqlitestore.h"
#include "testclients.h"

#include <QtCore/QDir>
#include <QtCore/QUuid>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>

#include <functional>
#include <utility>

namespace sori::test {

// A started ChatServer on 127.0.0.1, on a free port, with two workers and its data in dataDir;
// null (with a warning that says why) if it could not start.
inline std::unique_ptr<server::ChatServer>
startServer(const QString &dataDir,
            const std::function<void(server::ServerConfig &)> &configure = {})
{
    server::ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = dataDir;
    config.workerThreads = 2;
    // The tests of delivery let guests make their rooms by joining them, as every guest could
    // before issue 18; the default (none) is tested in tst_roombudget.
    config.guestRoomsPerSession = 1000;
    if (configure)
        configure(config);
    auto server = std::make_unique<server::ChatServer>(config);
    if (!server->start()) {
        qWarning("the server did not start: %s", qPrintable(server->errorString()));
        return {};
    }
    return server;
}

// Accounts in dataDir's database before a server opens it, as --create-admin makes them. Each
// one's password is its name followed by " password". False (with a warning) on failure.
[[nodiscard]] inline bool createAccounts(const QString &dataDir,
                                         const QList<std::pair<QString, protocol::Role>> &accounts)
{
    server::SqliteStore store(QDir(dataDir).filePath(QStringLiteral("sori.db")));
    if (!store.open()) {
        qWarning("the database did not open: %s", qPrintable(store.errorString()));
        return false;
    }
    for (const auto &[name, role] : accounts) {
        const QString hash = server::AuthService::hashPassword(name + QStringLiteral(" password"));
        qint64 id = -1;
        if (!store.createAccount(name, hash, role, 1, &id)) {
            qWarning("no account %s: %s", qPrintable(name), qPrintable(store.errorString()));
            return false;
        }
    }
    return true;
}

inline QUrl wsUrl(const server::ChatServer &server, const QString &path = QStringLiteral("/ws"))
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
}

// The error a request got, waiting for it (up to 5 s); nothing if none came.
inline std::optional<protocol::Error> errorFor(RecordingClient &client, const QString &id)
{
    const auto find = [&]() -> std::optional<protocol::Error> {
        for (const protocol::Error &error : std::as_const(client.errors)) {
            if (error.id == id)
                return error;
        }
        return std::nullopt;
    };
    [[maybe_unused]] const bool found = QTest::qWaitFor([&] { return find().has_value(); }, 5000);
    return find();
}

// The first value of a query on the server's database, on a connection of the test's own.
inline QVariant queryDatabase(const QString &dataDir, const QString &sql)
{
    const QString name = QUuid::createUuid().toString();
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("sori.db")));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                value = query.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

} // namespace sori::test
