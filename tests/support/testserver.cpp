// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

#include "testserver.h"

#include "core/chat/authservice.h"
#include "core/store/sqlitestore.h"

#include <QtCore/QDir>
#include <QtCore/QUuid>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>

namespace sori::test {

std::unique_ptr<server::ChatServer> startServer(const QString &dataDir, const Configure &configure)
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

bool createAccounts(const QString &dataDir,
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

QUrl wsUrl(const server::ChatServer &server, const QString &path)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
}

std::optional<protocol::Error> errorFor(RecordingClient &client, const QString &id)
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

QVariant queryDatabase(const QString &dataDir, const QString &sql)
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
