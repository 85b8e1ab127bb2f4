// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// End to end on loopback: a real ChatServer (worker threads and all) on port 0, real
// ChatClients and raw QWebSockets in the same process.

#include "core/chat/hub.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QTcpSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ChatServer;
using sori::server::ServerConfig;

Q_DECLARE_METATYPE(sori::protocol::ErrorCode)

class tst_Relay : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void servesPages_data();
    void servesPages();
    void servesAPeerThatHalfCloses();
    void acceptedConnectionsDoNotWaitToSend();
    void keepsHttpConnectionsAlive();
    void upgradesAtRootAndWs_data();
    void upgradesAtRootAndWs();
    void refusesBadUpgrades_data();
    void refusesBadUpgrades();
    void threeClientsGetEveryMessageInOrder_data();
    void threeClientsGetEveryMessageInOrder();
    void presenceOnJoinLeaveAndDrop();
    void namesAreUniqueOnline();
    void plainAndProtocolClientsTalk();
    void plainClientsSeeEveryLineWithItsSender();
    void typingReachesOthers();
    void badInputGetsAnErrorAndOthersKeepChatting_data();
    void badInputGetsAnErrorAndOthersKeepChatting();
    void messageSizeLimitEdge();
    void plainClientOverTheLimit();
    void oversizeFrameIsRefusedWithoutHarmingOthers();
    void handshakeTimeout();
    void stopClosesEveryConnectionWithAReason();
    void deadPeersAreDroppedLiveOnesStay();
    void resendingAMessageIdStoresAndDeliversItOnce();
    void aResendAfterARestartIsRecognized();
    void joinDeliversTheLatestMessagesFirst();
    void historyPagesBackOverTheWire();
    void historyRequestsAreChecked();

private:
    // On a new data directory: tests start empty.
    void startServer(const std::function<void(ServerConfig &)> &configure = {});
    std::unique_ptr<RecordingClient> joinedClient(const QString &name,
                                                  const QString &room = u"lobby"_s)
    {
        return test::guest(url(), name, {room});
    }
    // A raw sori.v1 socket that has said hello as `name` and joined the room.
    // resume: a guest's key from an earlier welcome, to come back under the same name.
    std::unique_ptr<RawClient> rawProtocolClient(const QString &name, const QString &room,
                                                 const QString &resume = {});
};

void tst_Relay::init()
{
    startServer();
}

void tst_Relay::cleanup()
{
    m_server.reset();
}

void tst_Relay::startServer(const std::function<void(ServerConfig &)> &configure)
{
    startServerOnNewData(configure);
    QVERIFY(m_server);
    QCOMPARE(m_server->workerCount(), 2);
}

std::unique_ptr<RawClient> tst_Relay::rawProtocolClient(const QString &name, const QString &room,
                                                        const QString &resume)
{
    auto raw = std::make_unique<RawClient>();
    if (!raw->open(url(), {QString::fromLatin1(Subprotocol)}))
        return {};
    raw->socket.sendTextMessage(
        u"{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"name\":\"%1\",\"resume\":\"%2\"}"_s.arg(
            name, resume));
    raw->socket.sendTextMessage(u"{\"type\":\"join\",\"id\":\"j\",\"room\":\"%1\"}"_s.arg(room));
    if (!raw->waitForText([](const QString &t) { return t.contains(u"\"type\":\"joined\""); }))
        return {};
    return raw;
}

void tst_Relay::servesPages_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("bodyContains");

    QTest::addRow("web client at /")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << 200
        << QByteArray("text/html; charset=utf-8") << QByteArray("<!doctype html>");
    QTest::addRow("classic page at /classic")
        << QByteArray("GET /classic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << 200
        << QByteArray("text/html; charset=utf-8") << QByteArray("<!doctype html>");
    QTest::addRow("script") << QByteArray("GET /classic.js HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                            << QByteArray("text/javascript; charset=utf-8") << QByteArray();
    // The largest file, on a connection the server closes: every byte arrives before the end.
    QTest::addRow("largest script")
        << QByteArray("GET /session.js HTTP/1.1\r\nHost: x\r\n\r\n") << 200
        << QByteArray("text/javascript; charset=utf-8") << QByteArray("import ");
    QTest::addRow("stylesheet") << QByteArray("GET /classic.css HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                                << QByteArray("text/css; charset=utf-8") << QByteArray();
    QTest::addRow("icon") << QByteArray("GET /sori.svg HTTP/1.1\r\nHost: x\r\n\r\n") << 200
                          << QByteArray("image/svg+xml") << QByteArray("<svg");
    QTest::addRow("unknown path") << QByteArray("GET /nope.html HTTP/1.1\r\nHost: x\r\n\r\n") << 404
                                  << QByteArray("text/plain; charset=utf-8")
                                  << QByteArray("Not found.");
    QTest::addRow("path traversal")
        << QByteArray("GET /../core/hub.cpp HTTP/1.1\r\nHost: x\r\n\r\n") << 404
        << QByteArray("text/plain; charset=utf-8") << QByteArray();
    QTest::addRow("encoded path") << QByteArray("GET /%2e%2e/x HTTP/1.1\r\nHost: x\r\n\r\n") << 404
                                  << QByteArray("text/plain; charset=utf-8") << QByteArray();
    QTest::addRow("POST is not served")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi") << 405
        << QByteArray("text/plain; charset=utf-8") << QByteArray();
    QTest::addRow("garbage") << QByteArray("EHLO mail\r\n\r\n") << 400
                             << QByteArray("text/plain; charset=utf-8") << QByteArray();
}

void tst_Relay::servesPages()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, bodyContains);

    if (!request.contains("Connection: close") && !request.contains("Content-Length"))
        request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
    const QByteArray response = tcpExchange(m_server->serverPort(), request);
    QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
             response.left(80).constData());
    QVERIFY2(response.contains("\r\nContent-Type: " + contentType + "\r\n"),
             response.left(400).constData());
    const qsizetype bodyStart = response.indexOf("\r\n\r\n") + 4;
    const QByteArray body = response.mid(bodyStart);
    QVERIFY(response.contains("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"));
    QVERIFY(body.contains(bodyContains));
    if (contentType.startsWith("text/html"))
        QVERIFY(response.contains("\r\nContent-Security-Policy: default-src 'self';"));
}

void tst_Relay::servesAPeerThatHalfCloses()
{
    // A hundred requests, pipelined (4 MB of answers: more than the kernel takes at once), then
    // the peer shuts its sending side: every answer arrives whole, then the server closes.
    const int responses = 100;
    const QByteArray request =
        QByteArray("GET /session.js HTTP/1.1\r\nHost: x\r\n\r\n").repeated(responses - 1)
        + QByteArray("GET /sori.svg HTTP/1.1\r\nHost: x\r\n\r\n");
    const QByteArray response = tcpExchangeHalfClosed(m_server->serverPort(), request);
    qsizetype at = 0;
    for (int i = 0; i < responses; ++i) {
        QVERIFY2(response.mid(at).startsWith("HTTP/1.1 200 OK\r\n"),
                 response.mid(at, 80).constData());
        const qsizetype headEnd = response.indexOf("\r\n\r\n", at);
        QVERIFY(headEnd > at);
        const QByteArray head = response.mid(at, headEnd - at);
        const qsizetype lengthAt = head.indexOf("\r\nContent-Length: ");
        QVERIFY2(lengthAt > 0, head.constData());
        const qsizetype length =
            head.mid(lengthAt + 18, head.indexOf("\r\n", lengthAt + 2) - lengthAt - 18)
                .toLongLong();
        QVERIFY(length > 0);
        at = headEnd + 4 + length;
        QVERIFY2(response.size() >= at,
                 qPrintable(u"%1 of %2 bytes"_s.arg(response.size()).arg(at)));
    }
    QCOMPARE(response.size(), at);
}

void tst_Relay::acceptedConnectionsDoNotWaitToSend()
{
    // Nagle's algorithm would hold a small frame back until the peer acknowledged the previous
    // one, which a peer delays by up to 40 ms: every connection the server accepts has it off
    // (TCP_NODELAY). The server runs in this process, so its end of the connection is one of
    // this process's descriptors: the one whose local port is the server's and whose peer is
    // the client.
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write("GET /sori.svg HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY(client.bytesAvailable() > 0); // accepted (on this thread) and served
    int found = 0;
    for (const QString &entry : QDir(u"/proc/self/fd"_s).entryList(QDir::Files | QDir::System)) {
        const int fd = entry.toInt();
        sockaddr_in local{};
        sockaddr_in peer{};
        socklen_t localLength = sizeof local;
        socklen_t peerLength = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) != 0
            || local.sin_family != AF_INET || ntohs(local.sin_port) != m_server->serverPort()
            || ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0
            || ntohs(peer.sin_port) != client.localPort())
            continue;
        int noDelay = 0;
        socklen_t length = sizeof noDelay;
        QVERIFY(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &length) == 0);
        QCOMPARE(noDelay, 1);
        ++found;
    }
    QCOMPARE(found, 1);
}

void tst_Relay::keepsHttpConnectionsAlive()
{
    // Two requests on one connection, then HEAD without a body.
    const QByteArray response =
        tcpExchange(m_server->serverPort(),
                    "GET /sori.svg HTTP/1.1\r\nHost: x\r\n\r\n"
                    "HEAD /classic HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(response.count("HTTP/1.1 200 OK"), 2);
    QVERIFY(response.trimmed().endsWith("Connection: close"));
}

void tst_Relay::upgradesAtRootAndWs_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("protocol");
    QTest::addRow("sori.v1 at /ws") << u"/ws"_s << true;
    QTest::addRow("sori.v1 at /") << u"/"_s << true;
    QTest::addRow("plain at /") << u"/"_s << false;
    QTest::addRow("plain at /ws") << u"/ws"_s << false;
}

void tst_Relay::upgradesAtRootAndWs()
{
    QFETCH(QString, path);
    QFETCH(bool, protocol);
    RawClient raw;
    QVERIFY(raw.open(url(path), protocol ? QStringList{u"sori.v1"_s} : QStringList{}));
    QCOMPARE(raw.socket.subprotocol(), protocol ? u"sori.v1"_s : QString());
    if (protocol) {
        raw.socket.sendTextMessage(u"{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1}"_s);
        QVERIFY(raw.waitForText([](const QString &t) { return t.contains(u"\"welcome\""); }));
    } else {
        QVERIFY(
            raw.waitForText([](const QString &t) { return t.startsWith(u"Welcome to Sori!"); }));
    }
}

void tst_Relay::refusesBadUpgrades_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");

    QTest::addRow("same origin is accepted")
        << QByteArray("Origin: http://localhost:PORT\r\nHost: localhost:PORT\r\n")
        << QByteArray("/ws") << 101;
    QTest::addRow("no origin (not a browser) is accepted")
        << QByteArray("Host: localhost:PORT\r\n") << QByteArray("/") << 101;
    QTest::addRow("origin from the allow-list is accepted")
        << QByteArray("Origin: https://chat.example.org\r\nHost: localhost:PORT\r\n")
        << QByteArray("/ws") << 101;
    QTest::addRow("foreign origin is refused")
        << QByteArray("Origin: http://evil.example\r\nHost: localhost:PORT\r\n")
        << QByteArray("/ws") << 403;
    QTest::addRow("same host, other port is refused")
        << QByteArray("Origin: http://localhost:1\r\nHost: localhost:PORT\r\n") << QByteArray("/ws")
        << 403;
    QTest::addRow("null origin is refused")
        << QByteArray("Origin: null\r\nHost: localhost:PORT\r\n") << QByteArray("/ws") << 403;
    QTest::addRow("other path") << QByteArray("Host: localhost:PORT\r\n") << QByteArray("/chat")
                                << 404;
    QTest::addRow("unknown subprotocol")
        << QByteArray("Host: localhost:PORT\r\nSec-WebSocket-Protocol: mqtt\r\n")
        << QByteArray("/ws") << 400;
    QTest::addRow("old WebSocket version")
        << QByteArray("Host: localhost:PORT\r\nSec-WebSocket-Version: 8\r\n") << QByteArray("/ws")
        << 426;
}

void tst_Relay::refusesBadUpgrades()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    startServer(
        [](ServerConfig &config) { config.allowedOrigins = {u"https://chat.example.org"_s}; });

    headers.replace("PORT", QByteArray::number(m_server->serverPort()));
    if (!headers.contains("Sec-WebSocket-Version"))
        headers += "Sec-WebSocket-Version: 13\r\n";
    const QByteArray request = "GET " + path + " HTTP/1.1\r\n" + headers
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    const QByteArray response = tcpExchange(m_server->serverPort(), request, "\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
             response.constData());
    if (status == 101)
        QVERIFY(response.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
}

void tst_Relay::threeClientsGetEveryMessageInOrder_data()
{
    QTest::addColumn<int>("maxWriteDelayMs");
    QTest::addRow("written at once") << 0;
    QTest::addRow("writes coalesced") << 50; // server/max-write-delay
}

void tst_Relay::threeClientsGetEveryMessageInOrder()
{
    QFETCH(int, maxWriteDelayMs);
    startServer([=](ServerConfig &config) { config.maxWriteDelayMs = maxWriteDelayMs; });
    std::vector<std::unique_ptr<RecordingClient>> clients;
    for (const QString &name : {u"ana"_s, u"bo"_s, u"chae"_s}) {
        clients.push_back(joinedClient(name, u"dev"_s));
        QVERIFY(clients.back());
    }
    constexpr int PerClient = 30;
    QHash<QString, QStringList> sentIds; // by sender, in send order
    for (int i = 0; i < PerClient; ++i) {
        for (auto &c : clients)
            sentIds[c->client.name()].append(
                c->client.sendMessage(u"dev"_s, u"%1 says %2"_s.arg(c->client.name()).arg(i)));
    }
    const int total = PerClient * int(clients.size());
    for (auto &c : clients)
        QTRY_COMPARE_WITH_TIMEOUT(c->messagesIn(u"dev"_s).size(), total, 10000);

    const QList<MessageEvent> reference = clients.front()->messagesIn(u"dev"_s);
    for (auto &c : clients) {
        const QList<MessageEvent> got = c->messagesIn(u"dev"_s);
        // Everybody sees the same sequence: 1, 2, 3, … with nothing missing or twice.
        for (int i = 0; i < total; ++i) {
            QCOMPARE(got[i].seq, qint64(i + 1));
            QCOMPARE(got[i], reference[i]);
        }
        // Each sender's messages come in the order they were sent.
        QHash<QString, QStringList> receivedIds;
        for (const MessageEvent &m : got)
            receivedIds[m.from].append(m.msgId);
        QCOMPARE(receivedIds, sentIds);
        // Every send was acknowledged with the number its event carries.
        QTRY_COMPARE(c->acks.size(), PerClient);
        for (const Ack &ack : std::as_const(c->acks)) {
            const auto event = std::find_if(got.cbegin(), got.cend(), [&](const MessageEvent &m) {
                return m.msgId == ack.msgId;
            });
            QVERIFY(event != got.cend());
            QCOMPARE(ack.seq, event->seq);
            QCOMPARE(event->from, c->client.name());
        }
        QVERIFY(c->errors.isEmpty());
    }
}

void tst_Relay::presenceOnJoinLeaveAndDrop()
{
    // A short grace period: a lost connection is announced soon (tst_reconnect covers it).
    startServer([](ServerConfig &config) { config.presenceGraceMs = 100; });
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    QCOMPARE(ana->joins.last().members, QList<Member>({{u"ana"_s, ClientKind::Desktop}}));

    auto bo = joinedClient(u"bo"_s);
    QVERIFY(bo);
    QCOMPARE(bo->joins.last().members,
             QList<Member>({{u"ana"_s, ClientKind::Desktop}, {u"bo"_s, ClientKind::Desktop}}));
    QTRY_VERIFY(ana->hasPresence(u"bo"_s, PresenceChange::Joined));

    // Leaving on purpose.
    bo->client.leave(u"lobby"_s);
    QTRY_VERIFY(ana->hasPresence(u"bo"_s, PresenceChange::Left, LeaveReason::Left));
    QCOMPARE(m_server->hub()->members(u"lobby"_s).size(), 1);
    // The room's messages stop for who left: what ana says now is not bo's. bo's reply to a
    // join comes after anything the hub sent bo before it, so by then it would be there.
    QVERIFY(!ana->client.sendMessage(u"lobby"_s, u"after bo left"_s).isEmpty());
    QTRY_COMPARE(ana->messagesIn(u"lobby"_s).size(), 1);
    QVERIFY(bo->joinRoom(u"elsewhere"_s));
    QCOMPARE(bo->messagesIn(u"lobby"_s).size(), 0);

    // Closing the connection.
    auto chae = joinedClient(u"chae"_s);
    QVERIFY(chae);
    chae->client.disconnectFromServer();
    QTRY_VERIFY(ana->hasPresence(u"chae"_s, PresenceChange::Left, LeaveReason::Closed));
    QTRY_COMPARE(chae->closeCode, 1000);

    // Just disappearing: the socket is gone without a close frame.
    auto dan = joinedClient(u"dan"_s);
    QVERIFY(dan);
    QTRY_VERIFY(ana->hasPresence(u"dan"_s, PresenceChange::Joined));
    dan->client.abort();
    QTRY_VERIFY(ana->hasPresence(u"dan"_s, PresenceChange::Left, LeaveReason::NetworkLost));
    QTRY_COMPARE(m_server->hub()->onlineCount(), 2); // ana, and bo (still online, in no room)
    QCOMPARE(m_server->hub()->members(u"lobby"_s),
             QList<Member>({{u"ana"_s, ClientKind::Desktop}}));
}

void tst_Relay::namesAreUniqueOnline()
{
    auto first = joinedClient(u"Mina"_s);
    QVERIFY(first);
    RecordingClient second;
    second.client.connectToServer(url(), u"mina"_s); // differs only in case
    QTRY_COMPARE(second.errors.size(), 1);
    QCOMPARE(second.errors.first().code, ErrorCode::NameTaken);
    QCOMPARE(second.client.state(), ChatClient::State::Greeting);

    // Once the first has gone, the name is free again.
    first->client.disconnectFromServer();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);
    RecordingClient third;
    QVERIFY(third.greet(url(), u"mina"_s));
    QCOMPARE(third.welcome.name, u"mina"_s);

    // The operator's name is the server's own.
    RecordingClient impostor;
    impostor.client.connectToServer(url(), u"Server"_s);
    QTRY_COMPARE(impostor.errors.size(), 1);
    QCOMPARE(impostor.errors.first().code, ErrorCode::NameTaken);

    // A guest name is handed out when none is asked for.
    RecordingClient guest;
    QVERIFY(guest.greet(url(), {}));
    QVERIFY(isGuestName(guest.welcome.name));
}

void tst_Relay::plainAndProtocolClientsTalk()
{
    auto mina = joinedClient(u"mina"_s);
    QVERIFY(mina);

    RawClient plain;
    QVERIFY(plain.open(url(u"/"_s)));
    QVERIFY(plain.waitForText([](const QString &t) { return t.startsWith(u"Welcome to Sori!"); }));
    const QRegularExpression guestPattern(u"You are (guest-\\d+), chatting in #lobby"_s);
    const QString guest = guestPattern.match(plain.texts.first()).captured(1);
    QVERIFY2(!guest.isEmpty(), qPrintable(plain.texts.first()));

    // The plain client is online like everyone else.
    QTRY_VERIFY(mina->hasPresence(guest, PresenceChange::Joined));
    QVERIFY(m_server->hub()->members(u"lobby"_s).contains(Member{guest, ClientKind::Plain}));

    // Plain → protocol.
    plain.socket.sendTextMessage(u"hello from the classic page <b>"_s);
    QTRY_COMPARE(mina->messages.size(), 1);
    QCOMPARE(mina->messages.first().from, guest);
    QCOMPARE(mina->messages.first().text, u"hello from the classic page <b>"_s);
    QCOMPARE(mina->messages.first().room, u"lobby"_s);

    // Protocol → plain, as one line "name: text" (its own message came back first).
    mina->client.sendMessage(u"lobby"_s, u"hi guest, 안녕"_s);
    QVERIFY(plain.waitForText([](const QString &t) { return t == u"mina: hi guest, 안녕"; }));
    QVERIFY(plain.texts.contains(guest + u": hello from the classic page <b>"_s));
    // Only chat lines: no JSON, no presence noise.
    for (const QString &line : std::as_const(plain.texts))
        QVERIFY2(!line.startsWith(u'{'), qPrintable(line));

    // Leaving shows as well.
    plain.socket.close();
    QTRY_VERIFY(mina->hasPresence(guest, PresenceChange::Left, LeaveReason::Closed));
}

void tst_Relay::plainClientsSeeEveryLineWithItsSender()
{
    auto mina = joinedClient(u"mina"_s);
    QVERIFY(mina);
    RawClient plain;
    QVERIFY(plain.open(url(u"/"_s)));
    QVERIFY(plain.waitForText([](const QString &t) { return t.startsWith(u"Welcome to Sori!"); }));
    QTRY_COMPARE(m_server->hub()->members(u"lobby"_s).size(), 2);

    // A v1 message with line breaks that try to look like another sender and the server.
    const QString text = u"fine\nguest-1: I agree\r\nerror: you are banned\u2028ok"_s;
    mina->client.sendMessage(u"lobby"_s, text);
    QVERIFY(plain.waitForText([](const QString &t) { return t == u"mina: ok"; }));
    const qsizetype first = plain.texts.indexOf(u"mina: fine"_s);
    QVERIFY2(first > 0, qPrintable(plain.texts.join(u'|')));
    QCOMPARE(plain.texts.mid(first),
             (QStringList{u"mina: fine"_s, u"mina: guest-1: I agree"_s,
                          u"mina: error: you are banned"_s, u"mina: ok"_s}));
    // Protocol clients get the text as it was sent.
    QTRY_COMPARE(mina->messages.size(), 1);
    QCOMPARE(mina->messages.first().text, text);
}

void tst_Relay::typingReachesOthers()
{
    auto ana = joinedClient(u"ana"_s);
    auto bo = joinedClient(u"bo"_s);
    QVERIFY(ana && bo);
    ana->client.setTyping(u"lobby"_s, true);
    QTRY_COMPARE(bo->typing.size(), 1);
    QCOMPARE(bo->typing.first(), (TypingEvent{u"lobby"_s, u"ana"_s, true}));
    bo->client.sendMessage(u"lobby"_s, u"sync"_s);
    QTRY_COMPARE(ana->messages.size(), 1);
    QVERIFY2(ana->typing.isEmpty(), "nobody is told of their own typing");
}

void tst_Relay::badInputGetsAnErrorAndOthersKeepChatting_data()
{
    QTest::addColumn<bool>("binary");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("id");

    QTest::addRow("malformed JSON")
        << false << "{\"type\":\"send\",\"room\""_ba << ErrorCode::BadJson << QString();
    QTest::addRow("not an object") << false << "[\"send\"]"_ba << ErrorCode::BadJson << QString();
    QTest::addRow("unknown type") << false << "{\"type\":\"shout\",\"id\":\"u1\"}"_ba
                                  << ErrorCode::UnknownType << u"u1"_s;
    QTest::addRow("missing field")
        << false << "{\"type\":\"send\",\"id\":\"m1\",\"room\":\"lobby\"}"_ba << ErrorCode::BadField
        << u"m1"_s;
    QTest::addRow("wrong field type")
        << false << "{\"type\":\"send\",\"id\":\"w1\",\"room\":\"lobby\",\"text\":42}"_ba
        << ErrorCode::BadField << u"w1"_s;
    QTest::addRow("empty text")
        << false << "{\"type\":\"send\",\"id\":\"e1\",\"room\":\"lobby\",\"text\":\"  \"}"_ba
        << ErrorCode::BadField << u"e1"_s;
    QTest::addRow("not joined")
        << false << "{\"type\":\"send\",\"id\":\"n1\",\"room\":\"secret\",\"text\":\"hi\"}"_ba
        << ErrorCode::NotJoined << u"n1"_s;
    QTest::addRow("typing where not joined")
        << false << "{\"type\":\"typing\",\"id\":\"t1\",\"room\":\"secret\"}"_ba
        << ErrorCode::NotJoined << u"t1"_s;
    QTest::addRow("leaving a room one is not in")
        << false << "{\"type\":\"leave\",\"id\":\"l1\",\"room\":\"secret\"}"_ba
        << ErrorCode::NotJoined << u"l1"_s;
    QTest::addRow("bad room name")
        << false << "{\"type\":\"join\",\"id\":\"r1\",\"room\":\"no spaces\"}"_ba
        << ErrorCode::BadRoom << u"r1"_s;
    QTest::addRow("oversize text")
        << false
        << "{\"type\":\"send\",\"id\":\"o1\",\"room\":\"lobby\",\"text\":\"" + QByteArray(1025, 'x')
            + "\"}"
        << ErrorCode::TooLarge << u"o1"_s;
    QTest::addRow("second hello") << false << "{\"type\":\"hello\",\"id\":\"h2\",\"protocol\":1}"_ba
                                  << ErrorCode::AlreadyGreeted << u"h2"_s;
    QTest::addRow("binary frame") << true << "\x01\x02"_ba << ErrorCode::UnsupportedFrame
                                  << QString();
}

void tst_Relay::badInputGetsAnErrorAndOthersKeepChatting()
{
    QFETCH(bool, binary);
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);
    QFETCH(QString, id);
    startServer([](ServerConfig &config) { config.maxMessageBytes = 1024; });

    auto ana = joinedClient(u"ana"_s);
    auto bo = joinedClient(u"bo"_s);
    auto bad = rawProtocolClient(u"mallory"_s, u"lobby"_s);
    QVERIFY(ana && bo && bad);

    const qsizetype before = bad->texts.size();
    if (binary)
        bad->socket.sendBinaryMessage(frame);
    else
        bad->socket.sendTextMessage(QString::fromUtf8(frame));
    QVERIFY(bad->waitForText([](const QString &t) { return t.contains(u"\"type\":\"error\""); },
                             before));
    const QString errorText = bad->texts.last();
    const auto decoded = MessageCodec::decodeServerMessage(errorText.toUtf8());
    QVERIFY(decoded.ok());
    const auto &error = std::get<Error>(decoded.message());
    QCOMPARE(toWire(error.code), toWire(code));
    QCOMPARE(error.id, id);
    QVERIFY2(error.message.size() > 10, "a sentence for people");

    // Nothing else changed: the sender is still connected and in the room, others chat on,
    // and nobody received anything from the bad frame.
    ana->client.sendMessage(u"lobby"_s, u"still here?"_s);
    QTRY_COMPARE(bo->messages.size(), 1);
    QCOMPARE(bo->messages.first().text, u"still here?"_s);
    QCOMPARE(bo->messages.first().seq, 1);
    QVERIFY(bad->waitForText([](const QString &t) { return t.contains(u"still here?"); }, before));
    QVERIFY(!bad->closed);
    QCOMPARE(ana->messages.size(), 1);
    QVERIFY(ana->errors.isEmpty() && bo->errors.isEmpty());
    QCOMPARE(m_server->hub()->members(u"lobby"_s).size(), 3);
}

void tst_Relay::messageSizeLimitEdge()
{
    startServer([](ServerConfig &config) { config.maxMessageBytes = 1000; });
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    // 999 bytes: 333 three-byte characters. Then exactly 1,000 bytes, then 1,001.
    const QString atLimit = QString(333, u'가') + u'x';
    QCOMPARE(atLimit.toUtf8().size(), 1000);
    ana->client.sendMessage(u"lobby"_s, atLimit);
    QTRY_COMPARE(ana->acks.size(), 1);
    QTRY_COMPARE(ana->messages.size(), 1);
    QCOMPARE(ana->messages.first().text, atLimit);

    const QString overLimit = atLimit + u'y';
    const QString id = ana->client.sendMessage(u"lobby"_s, overLimit);
    QTRY_COMPARE(ana->errors.size(), 1);
    QCOMPARE(ana->errors.first().code, ErrorCode::TooLarge);
    QCOMPARE(ana->errors.first().id, id);
    QVERIFY(ana->errors.first().message.contains(u"1000"_s));
    QCOMPARE(ana->messages.size(), 1);
}

void tst_Relay::plainClientOverTheLimit()
{
    startServer([](ServerConfig &config) { config.maxMessageBytes = 100; });
    auto mina = joinedClient(u"mina"_s);
    QVERIFY(mina);
    RawClient plain;
    QVERIFY(plain.open(url(u"/"_s)));
    QVERIFY(plain.waitForText([](const QString &t) { return t.startsWith(u"Welcome"); }));
    plain.socket.sendTextMessage(QString(101, u'z'));
    QVERIFY(plain.waitForText(
        [](const QString &t) { return t.startsWith(u"error: message too long"); }));
    plain.socket.sendTextMessage(QString(100, u'z'));
    QTRY_COMPARE(mina->messages.size(), 1);
    QCOMPARE(mina->messages.first().text.size(), 100);
}

void tst_Relay::oversizeFrameIsRefusedWithoutHarmingOthers()
{
    startServer([](ServerConfig &config) {
        config.maxFrameBytes = 4096;
        config.maxMessageBytes = 4096;
        config.presenceGraceMs = 100;
    });
    auto ana = joinedClient(u"ana"_s);
    auto bo = joinedClient(u"bo"_s);
    auto big = rawProtocolClient(u"big"_s, u"lobby"_s);
    QVERIFY(ana && bo && big);

    // A frame of exactly the limit is fine.
    QByteArray atLimit = "{\"type\":\"send\",\"id\":\"a\",\"room\":\"lobby\",\"text\":\"\"}";
    atLimit.insert(atLimit.size() - 2, QByteArray(4096 - atLimit.size(), 'k'));
    QCOMPARE(atLimit.size(), 4096);
    big->socket.sendTextMessage(QString::fromUtf8(atLimit));
    QTRY_COMPARE(ana->messages.size(), 1);

    // One byte more closes that connection with 1009 and a reason.
    QByteArray overLimit = atLimit;
    overLimit.insert(overLimit.size() - 2, 'k');
    big->socket.sendTextMessage(QString::fromUtf8(overLimit));
    QTRY_VERIFY(big->closed);
    QCOMPARE(big->closeCode, 1009);
    QVERIFY2(big->closeReason.contains(u"4096"_s), qPrintable(big->closeReason));
    QTRY_VERIFY(ana->hasPresence(u"big"_s, PresenceChange::Left, LeaveReason::Dropped));

    // The others were not touched.
    bo->client.sendMessage(u"lobby"_s, u"carry on"_s);
    QTRY_COMPARE(ana->messages.size(), 2);
    QCOMPARE(ana->messages.last().text, u"carry on"_s);
    QCOMPARE(ana->disconnects + bo->disconnects, 0);
}

void tst_Relay::handshakeTimeout()
{
    startServer([](ServerConfig &config) { config.handshakeTimeoutMs = 300; });
    // Silent: dropped without a word.
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QSignalSpy dropped(&silent, &QTcpSocket::disconnected);
    QVERIFY(dropped.wait(5000));

    // Half a request: 408.
    const QByteArray response =
        tcpExchange(m_server->serverPort(), "GET / HTTP/1.1\r\nHost: x\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 408 "), response.constData());

    // An upgraded connection is not subject to the handshake timeout.
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    QSignalSpy disconnected(&ana->client, &ChatClient::disconnected);
    QVERIFY(!disconnected.wait(600));
}

void tst_Relay::stopClosesEveryConnectionWithAReason()
{
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    RawClient plain;
    QVERIFY(plain.open(url(u"/"_s)));

    QSignalSpy stopped(m_server.get(), &ChatServer::stopped);
    m_server->stop(u"server shutting down"_s);
    QVERIFY(stopped.wait(5000));
    QTRY_COMPARE(ana->disconnects, 1);
    QCOMPARE(ana->closeCode, 1001);
    QCOMPARE(ana->closeReason, u"server shutting down"_s);
    QTRY_VERIFY(plain.closed);
    QCOMPARE(plain.closeCode, 1001);
    QCOMPARE(m_server->hub()->onlineCount(), 0);
    QVERIFY(!m_server->isListening());
}

// Waits until `count` messages were acknowledged.
static bool sendAndWait(RecordingClient &client, const QString &room, int count)
{
    const qsizetype before = client.acks.size();
    for (int i = 0; i < count; ++i)
        client.client.sendMessage(room, u"message %1"_s.arg(before + i + 1));
    return QTest::qWaitFor([&] { return client.acks.size() == before + count; }, 10000);
}

void tst_Relay::joinDeliversTheLatestMessagesFirst()
{
    startServer([](ServerConfig &config) { config.historyOnJoin = 5; });
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    QCOMPARE(ana->histories.size(), 1); // an empty room: an empty backlog
    QVERIFY(ana->histories.first().messages.isEmpty());
    QVERIFY(!ana->histories.first().more);
    QVERIFY(sendAndWait(*ana, u"lobby"_s, 8));

    RecordingClient bo;
    QVERIFY(bo.greet(url(), u"bo"_s));
    QSignalSpy events(&bo.client, &ChatClient::historyReceived);
    const QString joinId = bo.client.join(u"lobby"_s);
    QVERIFY(events.wait(5000));
    QCOMPARE(bo.joins.size(), 1); // joined came first
    QCOMPARE(bo.joins.first().seq, 8);
    const History backlog = bo.histories.first();
    QCOMPARE(backlog.id, joinId);
    QCOMPARE(backlog.messages.size(), 5);
    QCOMPARE(backlog.messages.first().seq, 4);
    QCOMPARE(backlog.messages.last().seq, 8);
    QCOMPARE(backlog.messages.last().text, u"message 8"_s);
    QVERIFY(backlog.more);
    QVERIFY(bo.messages.isEmpty()); // history is not replayed as live traffic
}

void tst_Relay::historyPagesBackOverTheWire()
{
    startServer([](ServerConfig &config) { config.historyOnJoin = 10; });
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    QVERIFY(sendAndWait(*ana, u"lobby"_s, 95));

    auto bo = joinedClient(u"bo"_s);
    QVERIFY(bo);
    QTRY_COMPARE(bo->histories.size(), 1);
    QList<MessageEvent> all = bo->histories.first().messages;
    bool more = bo->histories.first().more;
    while (more) {
        const qsizetype pages = bo->histories.size();
        bo->client.requestHistory(u"lobby"_s, all.first().seq, 30);
        QTRY_COMPARE(bo->histories.size(), pages + 1);
        const History page = bo->histories.last();
        QVERIFY(page.messages.size() <= 30);
        all = page.messages + all;
        more = page.more;
    }
    QCOMPARE(all.size(), 95);
    for (int i = 0; i < 95; ++i) {
        QCOMPARE(all[i].seq, qint64(i + 1));
        QCOMPARE(all[i].text, u"message %1"_s.arg(i + 1));
    }
}

void tst_Relay::historyRequestsAreChecked()
{
    startServer([](ServerConfig &config) { config.maxHistoryPage = 20; });
    auto ana = joinedClient(u"ana"_s);
    QVERIFY(ana);
    const QString tooMany = ana->client.requestHistory(u"lobby"_s, 0, 21);
    const QString none = ana->client.requestHistory(u"lobby"_s, 0, 0);
    const QString elsewhere = ana->client.requestHistory(u"secret"_s, 0, 10);
    QTRY_COMPARE(ana->errors.size(), 3);
    QCOMPARE(ana->errors[0].id, tooMany);
    QCOMPARE(ana->errors[0].code, ErrorCode::BadField);
    QVERIFY(ana->errors[0].message.contains(u"20"_s));
    QCOMPARE(ana->errors[1].id, none);
    QCOMPARE(ana->errors[1].code, ErrorCode::BadField);
    QCOMPARE(ana->errors[2].id, elsewhere);
    QCOMPARE(ana->errors[2].code, ErrorCode::NotJoined);
    // At the limit it is answered.
    const QString atLimit = ana->client.requestHistory(u"lobby"_s, 0, 20);
    QTRY_COMPARE(ana->histories.size(), 2);
    QCOMPARE(ana->histories.last().id, atLimit);
}

void tst_Relay::deadPeersAreDroppedLiveOnesStay()
{
    startServer([](ServerConfig &config) {
        config.pingIntervalMs = 200;
        config.deadPeerTimeoutMs = 300;
        config.presenceGraceMs = 100;
    });
    auto ana = joinedClient(u"ana"_s); // QWebSocket answers pings by itself
    QVERIFY(ana);

    // A peer that says hello, joins, then neither sends nor answers anything again.
    QTcpSocket silent;
    QByteArray received;
    connect(&silent, &QTcpSocket::readyRead, this, [&] { received += silent.readAll(); });
    silent.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    silent.write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Protocol: sori.v1\r\n\r\n");
    silent.write(test::maskedTextFrame(R"({"type":"hello","protocol":1,"name":"ghost"})"));
    silent.write(test::maskedTextFrame(R"({"type":"join","room":"lobby"})"));
    QTRY_VERIFY(ana->hasPresence(u"ghost"_s, PresenceChange::Joined));

    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(
        ana->hasPresence(u"ghost"_s, PresenceChange::Left, LeaveReason::TimedOut), 5000);
    QVERIFY(clock.elapsed() >= 400); // not before it was due
    QVERIFY(received.contains(QByteArray("\x89\x00", 2))); // it was pinged first
    QTRY_COMPARE(silent.state(), QAbstractSocket::UnconnectedState);

    // The live client was pinged as well, answered, and is still here.
    QSignalSpy disconnected(&ana->client, &ChatClient::disconnected);
    QVERIFY(!disconnected.wait(1000));
    ana->client.sendMessage(u"lobby"_s, u"still here"_s);
    QTRY_COMPARE(ana->messages.size(), 1);
}

// The seq of every ack a raw protocol client received, in order.
static QList<qint64> ackedSeqs(const RawClient &client)
{
    QList<qint64> seqs;
    for (const QString &text : client.texts) {
        const auto decoded = MessageCodec::decodeServerMessage(text.toUtf8());
        if (decoded.ok() && std::holds_alternative<Ack>(decoded.message()))
            seqs.append(std::get<Ack>(decoded.message()).seq);
    }
    return seqs;
}

void tst_Relay::resendingAMessageIdStoresAndDeliversItOnce()
{
    auto bo = joinedClient(u"bo"_s);
    QVERIFY(bo);
    const QString send =
        u"{\"type\":\"send\",\"id\":\"%1\",\"room\":\"lobby\",\"text\":\"only once\","
        "\"msgId\":\"m-42\"}"_s;
    QString resume;
    {
        auto ana = rawProtocolClient(u"ana"_s, u"lobby"_s);
        QVERIFY(ana);
        for (const QString &text : ana->texts) {
            const auto decoded = MessageCodec::decodeServerMessage(text.toUtf8());
            if (decoded.ok() && std::holds_alternative<Welcome>(decoded.message()))
                resume = std::get<Welcome>(decoded.message()).resume;
        }
        QVERIFY(!resume.isEmpty());
        // Twice at once (the second while the first may not be stored yet)...
        ana->socket.sendTextMessage(send.arg(u"s1"_s));
        ana->socket.sendTextMessage(send.arg(u"s2"_s));
        QTRY_COMPARE(ackedSeqs(*ana).size(), 2);
        QCOMPARE(ackedSeqs(*ana), QList<qint64>({1, 1}));
        ana->socket.abort(); // the network drops
    }
    // ...and once more after reconnecting, as the same guest: the same number, nothing new.
    QTRY_COMPARE(m_server->hub()->onlineCount(), 1);
    auto again = rawProtocolClient(u"ana"_s, u"lobby"_s, resume);
    QVERIFY(again);
    again->socket.sendTextMessage(send.arg(u"s3"_s));
    QTRY_COMPARE(ackedSeqs(*again).size(), 1);
    QCOMPARE(ackedSeqs(*again).first(), 1);
    // A new id is a new message.
    again->socket.sendTextMessage(send.arg(u"s4"_s).replace(u"m-42"_s, u"m-43"_s));
    QTRY_COMPARE(bo->messages.size(), 2);
    QCOMPARE(bo->messages.first().text, u"only once"_s);
    QCOMPARE(bo->messages.last().seq, 2);
    QTRY_COMPARE(test::queryDatabase(m_dataDir->path(), u"SELECT count(*) FROM messages"_s).toInt(),
                 2);
}

void tst_Relay::aResendAfterARestartIsRecognized()
{
    // The server goes down after storing a message and before its ack reached the sender, which
    // sends it again to the restarted server. No history on join: what the server remembers of
    // a room's messages for newcomers is not what recognizes the resend.
    const auto noHistory = [](ServerConfig &config) { config.historyOnJoin = 0; };
    startServer(noHistory);
    const QString send = u"{\"type\":\"send\",\"id\":\"%1\",\"room\":\"lobby\",\"text\":\"%2\","
                         "\"msgId\":\"%3\"}"_s;
    {
        auto ana = rawProtocolClient(u"ana"_s, u"lobby"_s);
        QVERIFY(ana);
        for (int i = 1; i <= 4; ++i)
            ana->socket.sendTextMessage(
                send.arg(u"s%1"_s.arg(i), u"message %1"_s.arg(i), u"ana-%1"_s.arg(i)));
        QTRY_COMPARE(ackedSeqs(*ana), QList<qint64>({1, 2, 3, 4}));
    }
    // A restart on the same data directory.
    m_server.reset();
    m_server = test::startServer(m_dataDir->path(), noHistory);
    QVERIFY(m_server);

    auto bo = joinedClient(u"bo"_s);
    QVERIFY(bo);
    auto ana = rawProtocolClient(u"ana"_s, u"lobby"_s);
    QVERIFY(ana);
    // The second and the first again (not the newest), then a new one.
    ana->socket.sendTextMessage(send.arg(u"r2"_s, u"message 2"_s, u"ana-2"_s));
    ana->socket.sendTextMessage(send.arg(u"r1"_s, u"message 1"_s, u"ana-1"_s));
    ana->socket.sendTextMessage(send.arg(u"r5"_s, u"message 5"_s, u"ana-5"_s));
    QTRY_COMPARE(ackedSeqs(*ana), QList<qint64>({2, 1, 5}));
    QTRY_COMPARE(bo->messages.size(), 1);
    QCOMPARE(bo->messages.first().text, u"message 5"_s);
    QCOMPARE(bo->messages.first().seq, 5);
    QTRY_COMPARE(test::queryDatabase(m_dataDir->path(), u"SELECT count(*) FROM messages"_s).toInt(),
                 5);
}

QTEST_GUILESS_MAIN(tst_Relay)
#include "tst_relay.moc"
