// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Never lose a message: a client that drops and comes back gets exactly what it missed, in
// order, then live traffic; a resent message is stored once; a slow reader is dropped without
// slowing the others; presence waits for a grace period; a gap that cannot be filled is said.

#include "core/chat/hub.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QDateTime>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

class tst_Reconnect : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void rejoinWithSinceIsExactUnderLiveTraffic();
    void chatClientComesBackAndCatchesUp();
    void messagesSentWhileOfflineGoOutOnce();
    void aSilentServerIsNoticed();
    void backoffGrowsIsCappedAndStopsWhenSentAway();
    void guestKeepsItsName();
    void anAccountComesBackWithItsToken();
    void orderingUnderLoad();
    void slowReaderIsDroppedOthersKeepFlowing();
    void presenceGracePeriod();
    void lastSeen();
    void lastSeenIsKeptWhenTheServerGoesAway();
    void gapAfterRetentionAndBeyondTheLimit();

private:
    std::unique_ptr<RecordingClient> joined(const QString &name, const QStringList &rooms,
                                            bool reconnect = false)
    {
        return test::reconnectingGuest(url(), name, rooms, reconnect);
    }
    // A protocol client on a bare WebSocket: what the server sends, unfiltered.
    std::unique_ptr<RawClient> rawClient(const QString &name, const QString &resume = {})
    {
        return test::rawGuest(url(), name, {}, resume);
    }
};

void tst_Reconnect::cleanup()
{
    m_server.reset();
}

namespace {

// The sequence numbers of a room, in the order they arrived: replays (history frames) and live
// message events alike, without removing anything.
QList<qint64> seqsArrived(const QList<ServerMessage> &frames, const QString &room)
{
    QList<qint64> seqs;
    for (const ServerMessage &frame : frames) {
        if (const auto *history = std::get_if<History>(&frame); history && history->room == room) {
            for (const MessageEvent &m : history->messages)
                seqs.append(m.seq);
        } else if (const auto *m = std::get_if<MessageEvent>(&frame); m && m->room == room) {
            seqs.append(m->seq);
        }
    }
    return seqs;
}

// Sends `count` messages from `client` to `room` and waits for their acks.
bool sendAll(RecordingClient &client, const QString &room, int count, const QString &prefix)
{
    const qsizetype before = client.acks.size();
    for (int i = 0; i < count; ++i)
        client.client.sendMessage(room, u"%1 %2"_s.arg(prefix).arg(i));
    return QTest::qWaitFor([&] { return client.acks.size() >= before + count; }, 20'000);
}

} // namespace

void tst_Reconnect::rejoinWithSinceIsExactUnderLiveTraffic()
{
    // Few messages in memory: the replay is read from storage while the rooms stay busy.
    startServerOnNewData([](ServerConfig &config) { config.historyOnJoin = 5; });
    auto sender = joined(u"sender"_s, {u"one"_s, u"two"_s});
    QVERIFY(sender);
    QVERIFY(sendAll(*sender, u"one"_s, 10, u"before"_s));
    QVERIFY(sendAll(*sender, u"two"_s, 10, u"before"_s));

    QString resume;
    {
        auto gone = rawClient(u"mina"_s);
        QVERIFY(gone);
        resume = std::get<Welcome>(decodeAll(gone->texts).first()).resume;
        gone->socket.abort(); // the network drops; mina has 10 of each room
    }
    // Missed: 100 more in each room.
    QVERIFY(sendAll(*sender, u"one"_s, 100, u"missed"_s));
    QVERIFY(sendAll(*sender, u"two"_s, 100, u"missed"_s));

    // Back, while the rooms keep going: the replay and the live traffic meet.
    auto back = rawClient(u"mina"_s, resume);
    QVERIFY(back);
    for (int i = 0; i < 40; ++i)
        sender->client.sendMessage(i % 2 ? u"one"_s : u"two"_s, u"live %1"_s.arg(i));
    back->socket.sendTextMessage(
        QString::fromUtf8(MessageCodec::encode(Join{u"j1"_s, u"one"_s, 10})));
    back->socket.sendTextMessage(
        QString::fromUtf8(MessageCodec::encode(Join{u"j2"_s, u"two"_s, 10})));
    for (int i = 0; i < 40; ++i)
        sender->client.sendMessage(i % 2 ? u"one"_s : u"two"_s, u"live more %1"_s.arg(i));
    QTRY_VERIFY_WITH_TIMEOUT(sender->acks.size() == 20 + 200 + 80, 20'000);

    // Every message after 10, once each, in order, per room.
    QTRY_COMPARE_WITH_TIMEOUT(seqsArrived(decodeAll(back->texts), u"one"_s), range(11, 150),
                              10'000);
    QTRY_COMPARE(seqsArrived(decodeAll(back->texts), u"two"_s), range(11, 150));
    // The replay answered the join and came before anything live of the room.
    const QList<ServerMessage> frames = decodeAll(back->texts);
    qsizetype joinedAt = -1, replayAt = -1, firstLiveAt = -1;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        if (const auto *j = std::get_if<Joined>(&frames[i]); j && j->id == u"j1"_s)
            joinedAt = i;
        if (const auto *h = std::get_if<History>(&frames[i]); h && h->id == u"j1"_s)
            replayAt = i;
        if (const auto *m = std::get_if<MessageEvent>(&frames[i]);
            m && m->room == u"one"_s && firstLiveAt < 0)
            firstLiveAt = i;
    }
    QVERIFY(joinedAt >= 0 && replayAt > joinedAt);
    QVERIFY(firstLiveAt < 0 || firstLiveAt > replayAt);
    // Nothing said that a gap remains.
    for (const ServerMessage &frame : frames)
        QVERIFY(!std::holds_alternative<GapEvent>(frame));
}

void tst_Reconnect::chatClientComesBackAndCatchesUp()
{
    startServerOnNewData([](ServerConfig &config) { config.historyOnJoin = 5; });
    auto sender = joined(u"sender"_s, {u"one"_s, u"two"_s});
    QVERIFY(sender);
    auto mina = joined(u"mina"_s, {u"one"_s, u"two"_s}, true);
    QVERIFY(mina);
    QVERIFY(sendAll(*sender, u"one"_s, 3, u"seen"_s));
    QTRY_COMPARE(mina->messages.size(), 3);

    QSignalSpy scheduled(&mina->client, &ChatClient::reconnectScheduled);
    QSignalSpy reconnected(&mina->client, &ChatClient::reconnected);
    // A long wait keeps mina away while the others talk; reconnectNow() ends it.
    mina->client.setReconnectPolicy({60'000, 60'000, 10'000});
    mina->client.abort();
    QCOMPARE(mina->client.state(), ChatClient::State::Reconnecting);
    QCOMPARE(scheduled.size(), 1);
    const int delay = scheduled.first().at(0).toInt();
    QVERIFY2(delay >= 30'000 && delay <= 60'000, qPrintable(QString::number(delay)));
    QVERIFY(mina->client.reconnectDelay() > 0 && mina->client.reconnectDelay() <= delay);
    QCOMPARE(mina->closeCode, 1006);

    // 200 messages across two rooms while she is away.
    for (int i = 0; i < 100; ++i) {
        sender->client.sendMessage(u"one"_s, u"one %1"_s.arg(i));
        sender->client.sendMessage(u"two"_s, u"two %1"_s.arg(i));
    }
    QTRY_VERIFY_WITH_TIMEOUT(sender->acks.size() == 203, 20'000);
    QCOMPARE(mina->client.state(), ChatClient::State::Reconnecting); // still away
    QCOMPARE(mina->messages.size(), 3);

    mina->client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(mina->messagesIn(u"one"_s).size(), 103, 10'000);
    QTRY_COMPARE(mina->messagesIn(u"two"_s).size(), 100);
    QCOMPARE(seqsOf(mina->messagesIn(u"one"_s)), range(1, 103));
    QCOMPARE(seqsOf(mina->messagesIn(u"two"_s)), range(1, 100));
    QCOMPARE(mina->messagesIn(u"one"_s).last().text, u"one 99"_s);
    QCOMPARE(mina->client.lastSeq(u"two"_s), 100);
    // Live again: the next message arrives once.
    QSignalSpy received(&mina->client, &ChatClient::messageReceived);
    sender->client.sendMessage(u"two"_s, u"after"_s);
    QVERIFY(received.wait(5000));
    QVERIFY2(!received.wait(200), "a message came twice");
    QCOMPARE(mina->messagesIn(u"two"_s).size(), 101);
    QCOMPARE(mina->client.name(), u"mina"_s); // the same guest
}

void tst_Reconnect::messagesSentWhileOfflineGoOutOnce()
{
    startServerOnNewData();
    auto bo = joined(u"bo"_s, {u"lobby"_s});
    QVERIFY(bo);
    auto mina = joined(u"mina"_s, {u"lobby"_s}, true);
    QVERIFY(mina);
    mina->client.setReconnectPolicy({400, 400, 10'000});
    mina->client.abort();
    QCOMPARE(mina->client.state(), ChatClient::State::Reconnecting);
    const QString msgId = mina->client.sendMessage(u"lobby"_s, u"written offline"_s);
    QCOMPARE(mina->client.pendingMessages(), QStringList{msgId});
    // It goes out after the reconnect, with its id; stored and delivered once.
    QTRY_COMPARE_WITH_TIMEOUT(mina->acks.size(), 1, 10'000);
    QCOMPARE(mina->acks.first().msgId, msgId);
    QVERIFY(mina->client.pendingMessages().isEmpty());
    QSignalSpy boReceived(&bo->client, &ChatClient::messageReceived);
    QTRY_COMPARE(bo->messages.size(), 1);
    QCOMPARE(bo->messages.first().text, u"written offline"_s);
    QCOMPARE(bo->messages.first().msgId, msgId);
    boReceived.clear();
    QVERIFY2(!boReceived.wait(300), "the message came twice");
    QCOMPARE(bo->messages.size(), 1);
    QCOMPARE(test::queryDatabase(m_dataDir->path(), u"SELECT count(*) FROM messages"_s).toInt(), 1);
}

void tst_Reconnect::aSilentServerIsNoticed()
{
    // Long grace: nobody should notice mina's trouble.
    startServerOnNewData([](ServerConfig &config) { config.presenceGraceMs = 5000; });
    test::CuttableProxy network;
    QVERIFY(network.listen(m_server->serverPort()));
    auto ana = joined(u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    RecordingClient mina;
    mina.client.setAutoReconnect(true);
    mina.client.setReconnectPolicy({50, 400, 10'000, 200, 300});
    QVERIFY(mina.greet(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(network.port())), u"mina"_s));
    QVERIFY(mina.joinRoom(u"lobby"_s));
    QVERIFY(sendAll(*ana, u"lobby"_s, 2, u"before"_s));
    QTRY_COMPARE(mina.messages.size(), 2);
    ana->presence.clear();

    // The network is cut: no close, no error, just silence. Meanwhile ana goes on talking.
    QSignalSpy dropped(&mina.client, &ChatClient::disconnected);
    network.cut();
    QVERIFY(sendAll(*ana, u"lobby"_s, 5, u"during"_s));
    // Noticed after the ping interval and the dead-peer timeout (0.5 s here), and left.
    QTRY_COMPARE_WITH_TIMEOUT(dropped.size(), 1, 5000);
    QCOMPARE(dropped.first().at(0).toInt(), 1006);
    QCOMPARE(dropped.first().at(1).toString(), u"the server stopped answering"_s);
    // Back through a new connection, with what was said meanwhile, once each.
    QTRY_COMPARE_WITH_TIMEOUT(mina.client.state(), ChatClient::State::Ready, 5000);
    QTRY_COMPARE(seqsOf(mina.messages), range(1, 7));
    QCOMPARE(mina.messages.last().text, u"during 4"_s);
    QVERIFY(ana->presence.isEmpty());
}

void tst_Reconnect::backoffGrowsIsCappedAndStopsWhenSentAway()
{
    startServerOnNewData();
    const quint16 port = m_server->serverPort();
    auto mina = joined(u"mina"_s, {u"lobby"_s}, true);
    QVERIFY(mina);
    mina->client.setReconnectPolicy({100, 400, 10'000});
    QSignalSpy scheduled(&mina->client, &ChatClient::reconnectScheduled);
    m_server.reset(); // the server goes away: every attempt fails
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 5, 10'000);
    // Each wait lies in [base/2, base] with base = 100, 200, 400, 400, ... (capped).
    const int bases[] = {100, 200, 400, 400, 400};
    for (int i = 0; i < 5; ++i) {
        const int delay = scheduled.at(i).at(0).toInt();
        QCOMPARE(scheduled.at(i).at(1).toInt(), i + 1);
        QVERIFY2(delay >= bases[i] / 2 && delay <= bases[i],
                 qPrintable(u"attempt %1 waited %2 ms"_s.arg(i + 1).arg(delay)));
    }
    // The server comes back on the same port: the client is in again by itself.
    auto config = [port](ServerConfig &c) { c.port = port; };
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_server = test::startServer(m_dataDir->path(), config);
    QVERIFY(m_server);
    QTRY_COMPARE_WITH_TIMEOUT(mina->client.state(), ChatClient::State::Ready, 10'000);
    QTRY_COMPARE(m_server->hub()->members(u"lobby"_s).size(), 1);

    // Closing on purpose is final: no coming back by itself.
    const int before = int(scheduled.size());
    QSignalSpy states(&mina->client, &ChatClient::stateChanged);
    mina->client.disconnectFromServer();
    QTRY_COMPARE(mina->client.state(), ChatClient::State::Disconnected);
    states.clear();
    QVERIFY2(!states.wait(600), "it tried to come back");
    QCOMPARE(mina->client.state(), ChatClient::State::Disconnected);
    QCOMPARE(int(scheduled.size()), before);

    // And so is a kick (close 4001).
    m_server.reset();
    QVERIFY(test::createAccounts(m_dataDir->path(), {{u"boss"_s, Role::Admin}}));
    m_server = test::startServer(m_dataDir->path(), config);
    QVERIFY(m_server);
    auto boss = std::make_unique<RecordingClient>();
    boss->client.signIn(url(), u"boss"_s, u"boss password"_s);
    QTRY_COMPARE_WITH_TIMEOUT(boss->client.state(), ChatClient::State::Ready, 10'000);
    mina->client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(mina->client.state(), ChatClient::State::Ready, 10'000);
    boss->client.kick(u"mina"_s, u"enough"_s);
    QTRY_COMPARE(mina->closeCode, 4001);
    QCOMPARE(mina->client.state(), ChatClient::State::Disconnected);
    states.clear();
    QVERIFY2(!states.wait(600), "it came back after a kick");
    QCOMPARE(mina->client.state(), ChatClient::State::Disconnected);
    QCOMPARE(m_server->hub()->onlineCount(), 1);
}

void tst_Reconnect::guestKeepsItsName()
{
    startServerOnNewData();
    const quint16 port = m_server->serverPort();
    auto guest = joined({}, {u"lobby"_s}, true);
    QVERIFY(guest);
    const QString name = guest->client.name();
    QVERIFY(isGuestName(name));
    QVERIFY(!guest->welcome.resume.isEmpty());

    // Somebody else cannot take the name, with no key or a wrong one.
    for (const QString &key : {QString(), u"0123456789abcdef"_s}) {
        RawClient other;
        QVERIFY(other.open(url(), {QString::fromLatin1(Subprotocol)}));
        other.socket.sendTextMessage(QString::fromUtf8(
            MessageCodec::encode(Hello{u"h"_s, Version, name, ClientKind::Web, key})));
        QVERIFY(other.waitForText([](const QString &t) { return t.contains(u"\"error\""); }));
        QVERIFY(other.texts.last().contains(key.isEmpty() ? u"bad_name"_s : u"name_taken"_s));
    }

    // A drop: back under the same name (its key), in the same room.
    guest->client.abort();
    QTRY_COMPARE_WITH_TIMEOUT(guest->client.state(), ChatClient::State::Ready, 5000);
    QCOMPARE(guest->client.name(), name);

    // A restart of the server forgets the keys; the free name is given back all the same.
    m_server.reset();
    m_server = test::startServer(m_dataDir->path(), [port](ServerConfig &c) { c.port = port; });
    QVERIFY(m_server);
    QTRY_COMPARE_WITH_TIMEOUT(guest->client.state(), ChatClient::State::Ready, 10'000);
    QCOMPARE(guest->client.name(), name);
    QTRY_COMPARE(m_server->hub()->members(u"lobby"_s),
                 QList<Member>({Member{name, ClientKind::Desktop}}));
}

void tst_Reconnect::anAccountComesBackWithItsToken()
{
    startServerOnNewData();
    RecordingClient registered;
    registered.client.registerAccount(url(), u"kim"_s, u"correct horse battery"_s);
    QTRY_COMPARE_WITH_TIMEOUT(registered.client.state(), ChatClient::State::Ready, 10'000);
    const QString token = registered.client.token();
    QVERIFY(!token.isEmpty());

    // Signed in again later with the stored token, as the apps do at start.
    RecordingClient kim;
    kim.client.setAutoReconnect(true);
    kim.client.setReconnectPolicy({50, 400, 10'000});
    kim.client.resumeSession(url(), token);
    QTRY_COMPARE_WITH_TIMEOUT(kim.client.state(), ChatClient::State::Ready, 10'000);
    QVERIFY(kim.joinRoom(u"lobby"_s));
    QSignalSpy reconnected(&kim.client, &ChatClient::reconnected);
    kim.client.abort();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 5000);
    QCOMPARE(kim.welcome.name, u"kim"_s);
    QCOMPARE(kim.welcome.role, Role::Member);
    QVERIFY(kim.errors.isEmpty());
    QTRY_COMPARE(m_server->hub()->members(u"lobby"_s).size(), 1);
}

void tst_Reconnect::orderingUnderLoad()
{
    startServerOnNewData();
    std::vector<std::unique_ptr<RecordingClient>> senders;
    for (int i = 0; i < 10; ++i) {
        senders.push_back(joined(u"sender%1"_s.arg(i), {u"busy"_s}));
        QVERIFY(senders.back());
    }
    auto reader = joined(u"reader"_s, {u"busy"_s});
    QVERIFY(reader);
    // 10 senders, 100 messages each, all at once.
    for (int n = 0; n < 100; ++n) {
        for (auto &sender : senders)
            sender->client.sendMessage(u"busy"_s, u"%1 %2"_s.arg(sender->client.name()).arg(n));
    }
    QTRY_COMPARE_WITH_TIMEOUT(reader->messages.size(), 1000, 30'000);
    for (auto &sender : senders)
        QTRY_COMPARE_WITH_TIMEOUT(sender->messages.size(), 1000, 10'000);
    // Everybody sees 1..1000 in order, and each sender's own messages in the order it sent them.
    QCOMPARE(seqsOf(reader->messages), range(1, 1000));
    for (auto &sender : senders) {
        QCOMPARE(seqsOf(sender->messages), range(1, 1000));
        int next = 0;
        for (const MessageEvent &m : std::as_const(reader->messages)) {
            if (m.from == sender->client.name())
                QCOMPARE(m.text, u"%1 %2"_s.arg(m.from).arg(next++));
        }
        QCOMPARE(next, 100);
    }
}

void tst_Reconnect::slowReaderIsDroppedOthersKeepFlowing()
{
    startServerOnNewData([](ServerConfig &config) {
        config.maxOutgoingBytes = 256 * 1024;
        config.presenceGraceMs = 100;
    });
    auto ana = joined(u"ana"_s, {u"lobby"_s});
    auto bo = joined(u"bo"_s, {u"lobby"_s});
    QVERIFY(ana && bo);

    // A client that says hello, joins, and then never reads again.
    QTcpSocket slow;
    slow.setReadBufferSize(1); // Qt stops taking bytes from the kernel
    slow.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    slow.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(slow.waitForConnected(5000));
    slow.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sori.v1\r\n\r\n");
    slow.write(test::maskedTextFrame(R"({"type":"hello","protocol":1,"name":"slow"})"));
    slow.write(test::maskedTextFrame(R"({"type":"join","room":"lobby"})"));
    QTRY_VERIFY(ana->hasPresence(u"slow"_s, PresenceChange::Joined));

    // Big messages until the slow reader's queue overflows; the readers that read keep up,
    // round by round.
    const int sent = floodUntilLeft(*bo, *ana, u"slow"_s);
    QVERIFY2(sent > 0, "the bystander was held back");
    QTRY_VERIFY(ana->hasPresence(u"slow"_s, PresenceChange::Left, LeaveReason::Dropped));
    QVERIFY2(sent < 8000, "the slow reader was never dropped");
    // Everybody else got every message, in order.
    QTRY_COMPARE_WITH_TIMEOUT(bo->acks.size(), sent, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(ana->messages.size(), sent, 20'000);
    QCOMPARE(seqsOf(ana->messages), range(1, sent));
    QTRY_COMPARE(m_server->hub()->onlineCount(), 2);
}

void tst_Reconnect::presenceGracePeriod()
{
    startServerOnNewData([](ServerConfig &config) { config.presenceGraceMs = 1500; });
    auto ana = joined(u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    auto mina = joined(u"mina"_s, {u"lobby"_s}, true);
    QVERIFY(mina);
    QTRY_VERIFY(ana->hasPresence(u"mina"_s, PresenceChange::Joined));
    ana->presence.clear();

    // A drop and a return within the grace period: nothing to see for the others.
    QSignalSpy reconnected(&mina->client, &ChatClient::reconnected);
    mina->client.abort();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 5000);
    QTRY_COMPARE(m_server->hub()->members(u"lobby"_s).size(), 2);
    QSignalSpy anaPresence(&ana->client, &ChatClient::presenceChanged);
    QVERIFY2(!anaPresence.wait(2000), "a quick return was announced"); // past the grace period
    QVERIFY(ana->presence.isEmpty());
    // She is still listed for a newcomer, once.
    auto chae = joined(u"chae"_s, {u"lobby"_s});
    QVERIFY(chae);
    QCOMPARE(chae->joins.last().members.size(), 3);

    // Gone for longer than the grace period: left, with the reason, once.
    mina->client.setAutoReconnect(false);
    const qint64 droppedAt = QDateTime::currentMSecsSinceEpoch();
    mina->client.abort();
    anaPresence.clear();
    QVERIFY(!anaPresence.wait(700)); // still within the grace period
    QVERIFY(!ana->hasPresence(u"mina"_s, PresenceChange::Left));
    // Listed still while she may come back.
    QCOMPARE(chae->joins.last().members.size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(
        ana->hasPresence(u"mina"_s, PresenceChange::Left, LeaveReason::NetworkLost), 5000);
    QVERIFY(QDateTime::currentMSecsSinceEpoch() - droppedAt >= 1500);
    int left = 0;
    for (const PresenceEvent &p : std::as_const(ana->presence))
        left += p.member.name == u"mina"_s && p.change == PresenceChange::Left;
    QCOMPARE(left, 1);
    QVERIFY(!ana->hasPresence(u"mina"_s, PresenceChange::Joined));

    // A clean close is announced at once, with its reason.
    ana->presence.clear();
    chae->client.disconnectFromServer();
    QTRY_VERIFY_WITH_TIMEOUT(ana->hasPresence(u"chae"_s, PresenceChange::Left, LeaveReason::Closed),
                             1000);
}

void tst_Reconnect::lastSeen()
{
    startServerOnNewData([](ServerConfig &config) { config.presenceGraceMs = 200; });
    auto ana = joined(u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    auto kim = std::make_unique<RecordingClient>();
    kim->client.registerAccount(url(), u"kim"_s, u"correct horse battery"_s);
    QTRY_COMPARE_WITH_TIMEOUT(kim->client.state(), ChatClient::State::Ready, 10'000);

    // Online: seen now.
    ana->client.whois(u"kim"_s);
    QTRY_COMPARE(ana->users.size(), 1);
    QCOMPARE(ana->users.last().name, u"kim"_s);
    QCOMPARE(ana->users.last().role, Role::Member);
    QVERIFY(ana->users.last().online);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    kim->client.disconnectFromServer();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 1);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    ana->client.whois(u"KIM"_s);
    QTRY_COMPARE(ana->users.size(), 2);
    QCOMPARE(ana->users.last().online, false);
    QVERIFY(ana->users.last().lastSeen >= before && ana->users.last().lastSeen <= after);
    // Kept with the account.
    QTRY_VERIFY(test::queryDatabase(m_dataDir->path(),
                                    u"SELECT last_seen FROM accounts WHERE name = 'kim'"_s)
                    .toLongLong()
                == ana->users.last().lastSeen);

    // Nobody of that name: an error.
    const QString id = ana->client.whois(u"nobody"_s);
    const auto error = test::errorFor(*ana, id);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::NoSuchUser);
}

void tst_Reconnect::lastSeenIsKeptWhenTheServerGoesAway()
{
    // The server is destroyed while kim is online, without stop() first (as a test or an embedding
    // application may do): kim was last seen then, and a restarted server says so.
    startServerOnNewData();
    auto kim = std::make_unique<RecordingClient>();
    kim->client.registerAccount(url(), u"kim"_s, u"correct horse battery"_s);
    QTRY_COMPARE_WITH_TIMEOUT(kim->client.state(), ChatClient::State::Ready, 10'000);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    m_server.reset();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    const qint64 stored =
        test::queryDatabase(m_dataDir->path(),
                            u"SELECT last_seen FROM accounts WHERE name = 'kim'"_s)
            .toLongLong();
    QVERIFY2(stored >= before && stored <= after, QByteArray::number(stored).constData());

    m_server = test::startServer(m_dataDir->path());
    QVERIFY(m_server);
    auto ana = joined(u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    ana->client.whois(u"kim"_s);
    QTRY_COMPARE(ana->users.size(), 1);
    QCOMPARE(ana->users.last().online, false);
    QCOMPARE(ana->users.last().lastSeen, stored);
}

void tst_Reconnect::gapAfterRetentionAndBeyondTheLimit()
{
    int calls = 0; // new names each time: the last ones are still listed (grace period)
    const auto rejoinAfter = [this, &calls](int missed, qint64 since) {
        ++calls;
        auto sender = joined(u"sender%1"_s.arg(calls), {u"lobby"_s});
        if (!sender || !sendAll(*sender, u"lobby"_s, missed, u"m"_s))
            return QList<ServerMessage>();
        auto back = rawClient(u"mina%1"_s.arg(calls));
        if (!back)
            return QList<ServerMessage>();
        back->socket.sendTextMessage(
            QString::fromUtf8(MessageCodec::encode(Join{u"j"_s, u"lobby"_s, since})));
        back->waitForText([](const QString &t) { return t.contains(u"\"type\":\"history\""); });
        return decodeAll(back->texts);
    };

    // Retention keeps 20 messages a room; mina comes back from 0 after 60: 1..40 are gone.
    startServerOnNewData([](ServerConfig &config) {
        config.retainMessages = 20;
        config.historyOnJoin = 5;
    });
    QList<ServerMessage> frames = rejoinAfter(60, 0);
    QList<GapEvent> gaps;
    for (const ServerMessage &frame : std::as_const(frames)) {
        if (const auto *gap = std::get_if<GapEvent>(&frame))
            gaps.append(*gap);
    }
    QCOMPARE(gaps, QList<GapEvent>({GapEvent{u"lobby"_s, 1, 40, GapReason::Retention}}));
    QCOMPARE(seqsArrived(frames, u"lobby"_s), range(41, 60));
    QCOMPARE(test::queryDatabase(m_dataDir->path(), u"SELECT min(seq) FROM messages"_s).toInt(),
             41);
    // At the edge: coming back from the last deleted one, nothing is missing.
    frames = rejoinAfter(0, 40);
    QCOMPARE(seqsArrived(frames, u"lobby"_s), range(41, 60));
    for (const ServerMessage &frame : std::as_const(frames))
        QVERIFY(!std::holds_alternative<GapEvent>(frame));

    // No retention, but more missed than the server replays: the older part is a gap ("limit")
    // that history pages can still fill; also when all of it is in memory.
    startServerOnNewData([](ServerConfig &config) {
        config.maxCatchUp = 10;
        config.historyOnJoin = 50;
    });
    frames = rejoinAfter(60, 30);
    gaps.clear();
    for (const ServerMessage &frame : std::as_const(frames)) {
        if (const auto *gap = std::get_if<GapEvent>(&frame))
            gaps.append(*gap);
    }
    QCOMPARE(gaps, QList<GapEvent>({GapEvent{u"lobby"_s, 31, 50, GapReason::Limit}}));
    QCOMPARE(seqsArrived(frames, u"lobby"_s), range(51, 60));
    // At the edge: exactly as many missed as the cap, all replayed, no gap.
    frames = rejoinAfter(0, 50);
    QCOMPARE(seqsArrived(frames, u"lobby"_s), range(51, 60));
    for (const ServerMessage &frame : std::as_const(frames))
        QVERIFY(!std::holds_alternative<GapEvent>(frame));

    // Through ChatClient, the gap is a signal and the rest comes as messages.
    auto kept = joined(u"kept"_s, {u"lobby"_s}, true);
    QVERIFY(kept);
    QCOMPARE(kept->client.lastSeq(u"lobby"_s), 60);
    kept->client.setReconnectPolicy({60'000, 60'000, 10'000});
    kept->client.abort();
    auto sender = joined(u"talker"_s, {u"lobby"_s});
    QVERIFY(sender);
    QVERIFY(sendAll(*sender, u"lobby"_s, 30, u"while away"_s));
    kept->client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(kept->gaps.size(), 1, 10'000);
    QCOMPARE(kept->gaps.first(), (GapEvent{u"lobby"_s, 61, 80, GapReason::Limit}));
    QTRY_COMPARE(seqsOf(kept->messages), range(81, 90));
}

QTEST_GUILESS_MAIN(tst_Reconnect)
#include "tst_reconnect.moc"
