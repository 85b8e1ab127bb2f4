// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// qt-naive-relay: the naive Qt design Sori is measured against (docs/benchmarks.md). One thread,
// one QWebSocketServer, and every text message is sent to every other client of the same path
// (the path is the "room": the load generator's --rooms uses /r0, /r1, ...) as "c<id>: text".
// Deliberately nothing clever: Qt's default event dispatcher, one QWebSocket per client.

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
    parser.process(app);

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
            QObject::connect(client, &QWebSocket::textMessageReceived, client,
                             [&rooms, client, room, prefix](const QString &text) {
                                 const QString line = prefix + text;
                                 for (QWebSocket *other : std::as_const(rooms[room])) {
                                     if (other != client)
                                         other->sendTextMessage(line);
                                 }
                             });
            QObject::connect(client, &QWebSocket::disconnected, client, [&rooms, client, room] {
                rooms[room].removeOne(client);
                client->deleteLater();
            });
        }
    });
    std::printf("qt-naive-relay is listening on port %u.\n", unsigned(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}
