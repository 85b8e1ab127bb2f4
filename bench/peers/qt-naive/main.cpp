// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// qt-naive-relay: the naive Qt design Sori is measured against (docs/benchmarks.md). One thread,
// one QWebSocketServer, and every text message is sent to every other client of the same path
// (the path is the "room": the load generator's --rooms uses /r0, /r1, ...) as "c<id>: text".
// Deliberately nothing clever: Qt's default event dispatcher, one QWebSocket per client.
//
// --fault KIND:N breaks it on purpose, for the load generator's own test (bench/faults.sh): every
// Nth delivery is dropped (drop), sent twice (duplicate), or every Nth message of a client is
// held back and relayed after that client's next one (reorder).

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtNetwork/QHostAddress>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("qt-naive-relay", "A naive QWebSocketServer broadcast relay."));
    parser.addHelpOption();
    parser.addOption({u"port"_s, QCoreApplication::translate("qt-naive-relay", "Listen on <port>."),
                      u"port"_s, u"8090"_s});
    parser.addOption({u"fault"_s,
                      QCoreApplication::translate("qt-naive-relay",
                                                  "Break the relay on purpose: drop:N, duplicate:N "
                                                  "or reorder:N (the load generator's test)."),
                      u"kind:N"_s});
    parser.process(app);
    const QStringList fault = parser.value(u"fault"_s).split(u':');
    const QString faultKind = fault.value(0);
    const quint64 every = fault.value(1).toULongLong();
    if (parser.isSet(u"fault"_s)
        && (every == 0
            || !QStringList{u"drop"_s, u"duplicate"_s, u"reorder"_s}.contains(faultKind))) {
        std::fprintf(stderr, "qt-naive-relay: --fault takes drop:N, duplicate:N or reorder:N\n");
        return 2;
    }
    quint64 deliveries = 0;
    QHash<QWebSocket *, QString> held; // reorder: a client's message waiting for its next one

    QWebSocketServer server(u"qt-naive-relay"_s, QWebSocketServer::NonSecureMode);
    server.setMaxPendingConnections(100000);
    if (!server.listen(QHostAddress::Any, quint16(parser.value(u"port"_s).toUInt()))) {
        std::fprintf(stderr, "qt-naive-relay: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QHash<QString, QList<QWebSocket *>> rooms;
    quint64 nextId = 0;
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
        while (QWebSocket *client = server.nextPendingConnection()) {
            const QString room = client->requestUrl().path();
            const QString prefix = u"c"_s + QString::number(++nextId) + u": "_s;
            rooms[room].append(client);
            const auto relay = [&, client, room](const QString &line) {
                for (QWebSocket *other : std::as_const(rooms[room])) {
                    if (other == client)
                        continue;
                    ++deliveries;
                    if (faultKind == u"drop"_s && deliveries % every == 0)
                        continue;
                    other->sendTextMessage(line);
                    if (faultKind == u"duplicate"_s && deliveries % every == 0)
                        other->sendTextMessage(line);
                }
            };
            QObject::connect(
                client, &QWebSocket::textMessageReceived, client,
                [&, client, prefix, relay, received = quint64(0)](const QString &text) mutable {
                    const QString line = prefix + text;
                    if (faultKind != u"reorder"_s) {
                        relay(line);
                        return;
                    }
                    if (++received % every == 0) {
                        held.insert(client, line);
                        return;
                    }
                    relay(line);
                    if (held.contains(client))
                        relay(held.take(client));
                });
            QObject::connect(client, &QWebSocket::disconnected, client, [&, client, room] {
                rooms[room].removeOne(client);
                held.remove(client);
                client->deleteLater();
            });
        }
    });
    std::printf("qt-naive-relay is listening on port %u.\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
