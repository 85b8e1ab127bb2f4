// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// What the tests against an in-process server share: a server on a data directory of the
// test's own, clients in the states the tests start from, and looks at what they received.

#include "protocol/messages.h"
#include "testserver.h"

#include <QtCore/QTemporaryDir>

namespace sori::test {

// A test class's base (instead of QObject) when it runs a server in the test process. The data
// directory and the server are members the tests use directly; cleanup() stops the server.
class ServerTest : public QObject
{
protected:
    // A new, empty data directory for the next server, with these accounts in its database
    // (passwords as createAccounts() makes them). Fails the test if it cannot be made.
    void newDataDir(const QList<std::pair<QString, protocol::Role>> &accounts = {});
    // Stops the server if one runs and starts one on the data directory (a new one if there is
    // none yet): a restart keeps what the last one stored. Fails the test if it does not start.
    void startServer(const Configure &configure = {});
    // The same on a new, empty data directory: each server starts with nothing.
    void startServerOnNewData(const Configure &configure = {});
    QUrl url(const QString &path = QStringLiteral("/ws")) const { return wsUrl(*m_server, path); }
    QVariant query(const QString &sql) const { return queryDatabase(m_dataDir->path(), sql); }

    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<server::ChatServer> m_server; // after the directory: it goes first
};

// A guest, greeted as `name` and in `rooms`; null if any step failed.
std::unique_ptr<RecordingClient> guest(const QUrl &url, const QString &name,
                                       const QStringList &rooms = {},
                                       protocol::ClientKind kind = protocol::ClientKind::Desktop);
// The same with the client's own reconnection on or off; when on, it comes back quickly (50 ms,
// growing to 400 ms).
std::unique_ptr<RecordingClient> reconnectingGuest(const QUrl &url, const QString &name,
                                                   const QStringList &rooms, bool reconnect);
// An account signed in with its password (createAccounts()'s: the name and " password"), then
// in `rooms`; null if any step failed.
std::unique_ptr<RecordingClient> signedIn(const QUrl &url, const QString &name,
                                          const QStringList &rooms = {});
// A sori.v1 socket that has said hello as the guest `name` (coming back with `resume`, a key
// from an earlier welcome) and been welcomed, or, given a room, joined it; null if not.
std::unique_ptr<RawClient> rawGuest(const QUrl &url, const QString &name, const QString &room = {},
                                    const QString &resume = {});

// Whether the request `id` was done (waiting up to 5 s for it).
bool doneFor(RecordingClient &client, const QString &id);
// Waits (up to 10 s) for the first answer to a greeting: a welcome, or an error.
bool answered(RecordingClient &client);
// Sends big messages from `sender` to lobby, 20 a round, until the member `slow` (a peer that
// does not read) has left; after each round the bystander, who reads, must have every message
// so far (it is not held back). Returns how many were sent, or -1 if the bystander fell behind.
int floodUntilLeft(RecordingClient &sender, RecordingClient &bystander, const QString &slow);

// The frames a raw client received that decode as server messages, in order.
QList<protocol::ServerMessage> decodeAll(const QStringList &texts);
// from, from + 1, ..., to.
QList<qint64> range(qint64 from, qint64 to);
// The sequence numbers of the messages, in their order.
QList<qint64> seqsOf(const QList<protocol::MessageEvent> &messages);

// Writes a configuration file with these contents into dir, a new file each call (`sori-N.ini`),
// and returns its path; a test that cannot write it stops.
QString writeConfigFile(const QTemporaryDir &dir, const QByteArray &contents);

} // namespace sori::test
