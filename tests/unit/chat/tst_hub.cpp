// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/hub.h"
#include "core/monitorviews.h"
#include "core/serverconfig.h"
#include "core/store/sqlitestore.h"
#include "core/store/storage.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QMutex>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sori::server;
using namespace sori::protocol;

namespace {

// What the hub closed: a session, with a close code and a reason.
struct Closed
{
    CloseCode code = CloseCode::Normal;
    QString reason;
    LeaveReason why = LeaveReason::Closed;
};

// The hub's two doors to the network, without a network: every event is encoded as the JSON of
// the protocol (plain lines as they are) and recorded per session, in the order posted. A close
// is recorded and, like a worker closing the connection, ends the session afterwards (queued:
// the hub posts it under its lock).
class RecordingFanOut : public EventEncoder, public FanOut
{
public:
    QByteArray encode(const ServerMessage &message) const override
    {
        return MessageCodec::encode(message);
    }
    QByteArray encodePlain(QStringView line) const override { return line.toUtf8(); }

    void post(QByteArray event, QList<quint64> sessions) override
    {
        QMutexLocker lock(&m_mutex);
        for (quint64 session : std::as_const(sessions))
            m_events[session].append(event);
    }
    void closeSession(quint64 session, CloseCode code, const QString &reason,
                      LeaveReason why) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_closed.insert(session, Closed{code, reason, why});
        }
        if (onClose)
            QMetaObject::invokeMethod(
                &m_context,
                [this, session, why] {
                    if (onClose)
                        onClose(session, why);
                },
                Qt::QueuedConnection);
    }
    void runForSession(quint64, std::function<void(Session &)>) override
    {
        // The hub asks for no session task in what these tests do.
        QMutexLocker lock(&m_mutex);
        ++m_tasks;
    }

    // What one session received, decoded (a plain session's lines are not JSON: see lines()).
    QList<ServerMessage> received(quint64 session) const
    {
        QList<ServerMessage> messages;
        for (const QByteArray &event : raw(session)) {
            const auto decoded = MessageCodec::decodeServerMessage(event);
            if (decoded.ok())
                messages.append(decoded.message());
        }
        return messages;
    }
    QStringList lines(quint64 session) const
    {
        QStringList result;
        for (const QByteArray &event : raw(session))
            result.append(QString::fromUtf8(event));
        return result;
    }
    QList<QByteArray> raw(quint64 session) const
    {
        QMutexLocker lock(&m_mutex);
        return m_events.value(session);
    }
    std::optional<Closed> closed(quint64 session) const
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_closed.constFind(session);
        return it == m_closed.cend() ? std::nullopt : std::optional<Closed>(*it);
    }
    // A new hub numbers its sessions from 1 again.
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_events.clear();
        m_closed.clear();
    }

    std::function<void(quint64, LeaveReason)> onClose;

private:
    mutable QMutex m_mutex;
    QHash<quint64, QList<QByteArray>> m_events;
    QHash<quint64, Closed> m_closed;
    int m_tasks = 0;
    QObject m_context; // where the closes end their sessions: the test's thread
};

// The messages of one type among those a session received, in order.
template<typename T>
QList<T> only(const QList<ServerMessage> &messages)
{
    QList<T> result;
    for (const ServerMessage &message : messages) {
        if (const auto *m = std::get_if<T>(&message))
            result.append(*m);
    }
    return result;
}

template<typename T>
bool isA(const ServerMessage &message)
{
    return std::holds_alternative<T>(message);
}

constexpr int GraceMs = 400;
const QString Lobby = QString::fromLatin1(DefaultRoom);

} // namespace

class TestHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void greetAndJoinInOrder();
    void joinIsRefusedBeforeHello();
    void sendReachesEveryMemberOnceInOrder();
    void sendFromOutsideTheRoomIsRefused();
    void memberCannotKick();
    void kickClosesAndOthersSeeTheLeave();
    void muteRefusesSends();
    void banClosesAndKeepsOut();
    void operatorActsAsTheServer();
    void operatorCannotKickSomebodyOffline();
    void lostConnectionStaysListedAndComesBackSilently();
    void lostConnectionLeavesAfterTheGracePeriod();
    void whoisTellsOnlineAndLastSeen();
    void guestComingBackIsToldWhatIsUnread();
    void renameFollowsEveryPlaceThatKnowsTheRoom();
    void removingAMemberTakesOutTheirGhostToo();

private:
    // A session online under `name` (kind Other, not plain); accounts have an id >= 0.
    quint64 greet(const QString &name, Role role = Role::Guest, qint64 account = -1);
    quint64 joinLobby(const QString &name, Role role = Role::Guest, qint64 account = -1);
    // Sends and waits until the sender has its ack.
    void sendAndWait(quint64 session, const QString &text, const QString &msgId);

    QTemporaryDir m_dir;
    RecordingFanOut m_fanOut;
    ServerConfig m_config;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<Hub> m_hub;
};

void TestHub::init()
{
    QVERIFY(m_dir.isValid());
    m_fanOut.clear();
    m_config = ServerConfig{};
    m_config.presenceGraceMs = GraceMs;
    m_storage = std::make_unique<Storage>(std::make_unique<SqliteStore>(
        m_dir.filePath(u"hub-%1.db"_s).arg(QLatin1StringView(QTest::currentTestFunction())),
        SqliteStore::Sync::Normal));
    m_hub = std::make_unique<Hub>(m_fanOut, m_storage.get(), m_config);
    // As ChatServer wires them: stored messages go back to the hub, in order.
    m_storage->onStored = [hub = m_hub.get()](const QList<PendingMessage> &batch) {
        hub->onStored(batch);
    };
    m_storage->onFailed = [hub = m_hub.get()](const QList<PendingMessage> &batch, const QString &) {
        hub->onStoreFailed(batch);
    };
    QList<StoredRoom> rooms;
    QList<Sanction> sanctions;
    QString error;
    QVERIFY2(m_storage->start(m_config.historyOnJoin, &rooms, &sanctions, &error),
             qPrintable(error));
    m_hub->loadRooms(rooms);
    m_hub->addAccounts({Account{1, u"mod"_s, {}, Role::Moderator, 0},
                        Account{2, u"bob"_s, {}, Role::Member, 0},
                        Account{3, u"admin"_s, {}, Role::Admin, 0}});
    // A closed connection ends its session, as a worker's would.
    m_fanOut.onClose = [hub = m_hub.get()](quint64 session, LeaveReason why) {
        hub->removeSession(session, why);
    };
}

void TestHub::cleanup()
{
    // Closes still queued end their sessions in this test, not in the next one.
    QCoreApplication::sendPostedEvents();
    m_fanOut.onClose = nullptr;
    if (m_storage)
        m_storage->stop();
    m_hub.reset();
    m_storage.reset();
}

quint64 TestHub::greet(const QString &name, Role role, qint64 account)
{
    const quint64 session = m_hub->newSessionId();
    const auto welcome = m_hub->greet(session, &m_fanOut, u"hello"_s,
                                      Hub::Identity{name, ClientKind::Other, role, account});
    if (!std::holds_alternative<Welcome>(welcome)) {
        const QString why = u"greeting %1 failed: %2"_s.arg(name, std::get<Error>(welcome).message);
        QTest::qFail(qPrintable(why), __FILE__, __LINE__);
    }
    return session;
}

quint64 TestHub::joinLobby(const QString &name, Role role, qint64 account)
{
    const quint64 session = greet(name, role, account);
    const auto joined = m_hub->join(session, Join{u"j"_s, Lobby});
    if (!std::holds_alternative<Joined>(joined)) {
        const QString why = u"%1 could not join: %2"_s.arg(name, std::get<Error>(joined).message);
        QTest::qFail(qPrintable(why), __FILE__, __LINE__);
    }
    return session;
}

void TestHub::sendAndWait(quint64 session, const QString &text, const QString &msgId)
{
    const qsizetype acks = only<Ack>(m_fanOut.received(session)).size();
    QVERIFY(!m_hub->send(session, Send{msgId, Lobby, text, msgId}));
    QTRY_COMPARE(only<Ack>(m_fanOut.received(session)).size(), acks + 1);
}

void TestHub::greetAndJoinInOrder()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const QList<ServerMessage> first = m_fanOut.received(ana);
    // Welcome, then joined (alone), then the room's latest messages (none yet).
    QCOMPARE(first.size(), 3);
    QCOMPARE(std::get<Welcome>(first.at(0)).name, u"ana"_s);
    QCOMPARE(std::get<Joined>(first.at(1)).members, QList<Member>{Member{u"ana"_s}});
    QVERIFY(isA<History>(first.at(2)));

    const quint64 bo = joinLobby(u"bo"_s);
    const QList<ServerMessage> boGot = m_fanOut.received(bo);
    QCOMPARE(boGot.size(), 3);
    QCOMPARE(std::get<Joined>(boGot.at(1)).members,
             (QList<Member>{Member{u"ana"_s}, Member{u"bo"_s}}));
    // Ana sees bo come in, once; bo is not told of its own arrival.
    const QList<ServerMessage> anaGot = m_fanOut.received(ana);
    QCOMPARE(anaGot.size(), 4);
    QCOMPARE(std::get<PresenceEvent>(anaGot.at(3)),
             (PresenceEvent{Lobby, PresenceChange::Joined, Member{u"bo"_s}}));
    QVERIFY(only<PresenceEvent>(boGot).isEmpty());
    QCOMPARE(m_hub->members(Lobby), (QList<Member>{Member{u"ana"_s}, Member{u"bo"_s}}));

    // A second guest may not take a name that is online.
    const quint64 other = m_hub->newSessionId();
    const auto taken = m_hub->greet(other, &m_fanOut, u"hi"_s, Hub::Identity{u"ANA"_s});
    QVERIFY(std::holds_alternative<Error>(taken));
    QCOMPARE(std::get<Error>(taken).code, ErrorCode::NameTaken);
}

void TestHub::joinIsRefusedBeforeHello()
{
    const auto joined = m_hub->join(42, Join{u"j"_s, Lobby});
    QVERIFY(std::holds_alternative<Error>(joined));
    QCOMPARE(std::get<Error>(joined).code, ErrorCode::HelloRequired);
    QVERIFY(m_fanOut.raw(42).isEmpty());
}

void TestHub::sendReachesEveryMemberOnceInOrder()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bo"_s);
    // A plain client is put in the lobby at once and gets lines of text.
    const quint64 plain = m_hub->newSessionId();
    const auto welcome = m_hub->greet(plain, &m_fanOut, {}, Hub::Identity{{}, ClientKind::Plain});
    QVERIFY(std::holds_alternative<Welcome>(welcome));
    const QString plainName = std::get<Welcome>(welcome).name;
    QVERIFY(plainName.startsWith(u"guest-"_s));

    for (int i = 1; i <= 3; ++i)
        QVERIFY(
            !m_hub->send(ana, Send{u"s%1"_s.arg(i), Lobby, u"hi %1"_s.arg(i), u"m%1"_s.arg(i)}));
    QTRY_COMPARE(only<Ack>(m_fanOut.received(ana)).size(), 3);

    // The sender: each message event, then its ack, in the order sent.
    QList<ServerMessage> anaGot = m_fanOut.received(ana);
    anaGot.removeIf([](const ServerMessage &m) { return !isA<MessageEvent>(m) && !isA<Ack>(m); });
    QCOMPARE(anaGot.size(), 6);
    for (int i = 0; i < 3; ++i) {
        const auto &message = std::get<MessageEvent>(anaGot.at(2 * i));
        const auto &ack = std::get<Ack>(anaGot.at(2 * i + 1));
        QCOMPARE(message.seq, i + 1);
        QCOMPARE(message.text, u"hi %1"_s.arg(i + 1));
        QCOMPARE(message.from, u"ana"_s);
        QCOMPARE(ack, (Ack{u"s%1"_s.arg(i + 1), Lobby, i + 1, u"m%1"_s.arg(i + 1)}));
    }
    // Every other member gets each message once, in order, and no ack.
    QTRY_COMPARE(only<MessageEvent>(m_fanOut.received(bo)).size(), 3);
    const QList<MessageEvent> boGot = only<MessageEvent>(m_fanOut.received(bo));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(boGot.at(i).seq, i + 1);
    QVERIFY(only<Ack>(m_fanOut.received(bo)).isEmpty());
    // The plain member: its greeting, then one line a message.
    const QStringList lines = m_fanOut.lines(plain);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"Welcome to Sori! You are %1"_s.arg(plainName)));
    QCOMPARE(lines.mid(1), (QStringList{u"ana: hi 1"_s, u"ana: hi 2"_s, u"ana: hi 3"_s}));

    // A resend with the same msgId gets the first number again and is not delivered twice.
    sendAndWait(ana, u"hi 1"_s, u"m1"_s);
    QCOMPARE(only<Ack>(m_fanOut.received(ana)).last().seq, 1);
    QCOMPARE(only<MessageEvent>(m_fanOut.received(bo)).size(), 3);

    // Who joins later gets the latest messages right after "joined".
    const quint64 cy = joinLobby(u"cy"_s);
    const QList<ServerMessage> cyGot = m_fanOut.received(cy);
    QVERIFY(isA<Joined>(cyGot.at(1)));
    QCOMPARE(std::get<Joined>(cyGot.at(1)).seq, 3);
    QCOMPARE(std::get<History>(cyGot.at(2)).messages.size(), 3);
}

void TestHub::sendFromOutsideTheRoomIsRefused()
{
    const quint64 ana = greet(u"ana"_s);
    const auto error = m_hub->send(ana, Send{u"s"_s, Lobby, u"hello?"_s, {}});
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::NotJoined);
    QCOMPARE(error->id, u"s"_s);
}

void TestHub::memberCannotKick()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const auto result = m_hub->moderation().kick(Actor::forSession(bo), Kick{u"k"_s, u"ana"_s, {}});
    QVERIFY(std::holds_alternative<Error>(result));
    QCOMPARE(std::get<Error>(result).code, ErrorCode::Forbidden);
    QVERIFY(!m_fanOut.closed(ana));
    // Nor may a moderator kick an admin.
    const quint64 mod = joinLobby(u"mod"_s, Role::Moderator, 1);
    joinLobby(u"admin"_s, Role::Admin, 3);
    const auto up = m_hub->moderation().kick(Actor::forSession(mod), Kick{u"k"_s, u"admin"_s, {}});
    QVERIFY(std::holds_alternative<Error>(up));
    QCOMPARE(std::get<Error>(up).code, ErrorCode::Forbidden);
    QCOMPARE(m_hub->onlineCount(), 4);
}

void TestHub::kickClosesAndOthersSeeTheLeave()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 mod = joinLobby(u"mod"_s, Role::Moderator, 1);
    const auto result =
        m_hub->moderation().kick(Actor::forSession(mod), Kick{u"k1"_s, u"ana"_s, u"spam"_s});
    QVERIFY(std::holds_alternative<Done>(result));
    // The moderator is answered in order with its events; ana's connection is closed.
    QCOMPARE(std::get<Done>(m_fanOut.received(mod).last()), (Done{u"k1"_s, u"kick"_s}));
    const std::optional<Closed> closed = m_fanOut.closed(ana);
    QVERIFY(closed);
    QCOMPARE(closed->code, CloseCode::Kicked);
    QCOMPARE(closed->reason, u"kicked by mod: spam"_s);
    // Once the connection is gone, the others see ana leave, kicked (no grace period for that).
    QTRY_COMPARE(only<PresenceEvent>(m_fanOut.received(mod)).size(), 1);
    QCOMPARE(only<PresenceEvent>(m_fanOut.received(mod)).first(),
             (PresenceEvent{Lobby, PresenceChange::Left, Member{u"ana"_s}, LeaveReason::Kicked}));
    QCOMPARE(m_hub->members(Lobby), QList<Member>{Member{u"mod"_s}});
}

void TestHub::muteRefusesSends()
{
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const quint64 mod = joinLobby(u"mod"_s, Role::Moderator, 1);
    sendAndWait(bo, u"before"_s, u"a"_s);
    const auto result =
        m_hub->moderation().mute(Actor::forSession(mod), Mute{u"m"_s, u"bob"_s, Lobby, 10});
    QVERIFY(std::holds_alternative<Done>(result));
    const auto refused = m_hub->send(bo, Send{u"s"_s, Lobby, u"after"_s, u"b"_s});
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::Muted);
    QVERIFY(refused->message.startsWith(u"You are muted here until "_s));
    // The moderator still speaks; once its message is there (storage keeps the order), nothing
    // of bob's came before it.
    sendAndWait(mod, u"still here"_s, u"c"_s);
    const QList<MessageEvent> roomGot = only<MessageEvent>(m_fanOut.received(mod));
    QCOMPARE(roomGot.size(), 2);
    QCOMPARE(roomGot.at(0).text, u"before"_s);
    QCOMPARE(roomGot.at(1).text, u"still here"_s);
    // A mute needs a room that exists (or none: everywhere).
    const auto noRoom = m_hub->moderation().mute(Actor::forSession(mod),
                                                 Mute{u"m2"_s, u"bob"_s, u"elsewhere"_s, 10});
    QCOMPARE(std::get<Error>(noRoom).code, ErrorCode::NoSuchRoom);
}

void TestHub::banClosesAndKeepsOut()
{
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const quint64 mod = joinLobby(u"mod"_s, Role::Moderator, 1);
    const auto result =
        m_hub->moderation().ban(Actor::forSession(mod), Ban{u"b"_s, u"bob"_s, 0, u"rude"_s, {}});
    QVERIFY(std::holds_alternative<Done>(result));
    const std::optional<Closed> closed = m_fanOut.closed(bo);
    QVERIFY(closed);
    QCOMPARE(closed->code, CloseCode::Banned);
    QCOMPARE(closed->reason, u"banned by mod for good: rude"_s);
    QTRY_COMPARE(m_hub->onlineCount(), 1);
    // Signing in again is refused.
    const quint64 again = m_hub->newSessionId();
    const auto welcome = m_hub->greet(again, &m_fanOut, u"h"_s,
                                      Hub::Identity{u"bob"_s, ClientKind::Other, Role::Member, 2});
    QVERIFY(std::holds_alternative<Error>(welcome));
    QCOMPARE(std::get<Error>(welcome).code, ErrorCode::Banned);
    QCOMPARE(std::get<Error>(welcome).message, u"\"bob\" is banned for good. Reason: rude"_s);
}

void TestHub::operatorActsAsTheServer()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const quint64 admin = joinLobby(u"admin"_s, Role::Admin, 3);
    sendAndWait(ana, u"oops"_s, u"x"_s);

    // The operator deletes a message: the room sees it deleted by "server".
    Moderation &moderation = m_hub->moderation();
    // The operator is answered at once (never after a read).
    const auto deleted =
        moderation.deleteMessage(Actor::operatorActor(), DeleteMessage{{}, Lobby, 1});
    QVERIFY(std::holds_alternative<std::optional<Done>>(deleted));
    QVERIFY(std::get<std::optional<Done>>(deleted).has_value());
    QTRY_VERIFY(!only<DeletedEvent>(m_fanOut.received(bo)).isEmpty());
    QCOMPARE(only<DeletedEvent>(m_fanOut.received(bo)).first(),
             (DeletedEvent{Lobby, 1, u"server"_s, 2})); // its own seq: the room's next

    // An announcement comes from "server" to the room.
    QVERIFY(std::holds_alternative<Done>(m_hub->operatorAnnounce(Lobby, u"maintenance at noon"_s)));
    QTRY_COMPARE(only<MessageEvent>(m_fanOut.received(bo)).size(), 2);
    QCOMPARE(only<MessageEvent>(m_fanOut.received(bo)).last().from, u"server"_s);

    // The operator passes no rank check: it may kick an admin, as the server.
    const auto kicked = moderation.kick(Actor::operatorActor(), Kick{{}, u"admin"_s, u"bye"_s});
    QVERIFY(std::holds_alternative<Done>(kicked));
    QCOMPARE(m_fanOut.closed(admin)->code, CloseCode::Kicked);
    QCOMPARE(m_fanOut.closed(admin)->reason, u"kicked by the server: bye"_s);
    QTRY_COMPARE(m_hub->onlineCount(), 2);

    // Rooms: the operator makes one without joining it, and deletes it.
    QVERIFY(std::holds_alternative<Joined>(m_hub->createRoom(
        Actor::operatorActor(), CreateRoom{{}, u"news"_s, RoomKind::Announcement, u"t"_s})));
    QVERIFY(m_hub->rooms().contains(u"news"_s));
    QCOMPARE(m_hub->members(u"news"_s).size(), 0);
    // A member may not make an announcement room; the operator could.
    const auto refused = m_hub->createRoom(Actor::forSession(bo),
                                           CreateRoom{u"c"_s, u"news2"_s, RoomKind::Announcement});
    QCOMPARE(std::get<Error>(refused).code, ErrorCode::Forbidden);
    QVERIFY(std::holds_alternative<Done>(
        m_hub->deleteRoom(Actor::operatorActor(), DeleteRoom{{}, u"news"_s, u"gone"_s})));
    QVERIFY(!m_hub->rooms().contains(u"news"_s));
    // A member may not delete a room.
    const auto notAdmin = m_hub->deleteRoom(Actor::forSession(bo), DeleteRoom{u"d"_s, Lobby, {}});
    QCOMPARE(std::get<Error>(notAdmin).code, ErrorCode::Forbidden);
    // Nobody answers the operator through a session: no "done" went to anyone.
    for (const quint64 session : {ana, bo})
        QVERIFY(!m_fanOut.raw(session).join().contains(R"("type":"done")"));
}

void TestHub::operatorCannotKickSomebodyOffline()
{
    const auto result = m_hub->moderation().kick(Actor::operatorActor(), Kick{{}, u"nobody"_s, {}});
    QVERIFY(std::holds_alternative<Error>(result));
    QCOMPARE(std::get<Error>(result).code, ErrorCode::NoSuchUser);
    QCOMPARE(std::get<Error>(result).message, u"Nobody online is called \"nobody\"."_s);
    // Banning a name nobody has is refused too; an account's (offline) is not.
    const auto ban = m_hub->moderation().ban(Actor::operatorActor(), Ban{{}, u"nobody"_s});
    QCOMPARE(std::get<Error>(ban).code, ErrorCode::NoSuchUser);
    QVERIFY(std::holds_alternative<Done>(
        m_hub->moderation().ban(Actor::operatorActor(), Ban{{}, u"bob"_s, 5})));
}

void TestHub::lostConnectionStaysListedAndComesBackSilently()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const quint64 dan = joinLobby(u"dan"_s);
    const qsizetype before = m_fanOut.received(ana).size();
    m_hub->removeSession(bo, LeaveReason::NetworkLost);
    m_hub->removeSession(dan, LeaveReason::NetworkLost);
    QCOMPARE(m_hub->onlineCount(), 1);
    // Both still listed for a newcomer through the grace period.
    const quint64 cy = joinLobby(u"cy"_s);
    const QList<Member> listed = std::get<Joined>(m_fanOut.received(cy).at(1)).members;
    QCOMPARE(listed.size(), 4);
    QVERIFY(listed.contains(Member{u"bob"_s}));
    QVERIFY(listed.contains(Member{u"dan"_s}));
    // Bob is back within it (the same account, a new session); dan is not.
    const quint64 back = joinLobby(u"bob"_s, Role::Member, 2);
    // (An account's welcome is followed by its unread counts, then the join.)
    QCOMPARE(only<Joined>(m_fanOut.received(back)).size(), 1);
    // Dan leaves when the period ends, lost later than bob: by then bob's would have ended too.
    const auto presenceOf = [this, ana, before](const QString &name) {
        QList<PresenceEvent> seen;
        for (const PresenceEvent &event : only<PresenceEvent>(m_fanOut.received(ana).mid(before))) {
            if (event.member.name == name)
                seen.append(event);
        }
        return seen;
    };
    QTRY_COMPARE_WITH_TIMEOUT(presenceOf(u"dan"_s).size(), 1, GraceMs * 10);
    QCOMPARE(presenceOf(u"dan"_s).first().reason, LeaveReason::NetworkLost);
    // Nobody saw bob go or come.
    QCOMPARE(presenceOf(u"bob"_s).size(), 0);
    QCOMPARE(m_hub->members(Lobby).size(), 3);
}

void TestHub::lostConnectionLeavesAfterTheGracePeriod()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    QElapsedTimer timer;
    timer.start();
    m_hub->removeSession(bo, LeaveReason::TimedOut);
    QTRY_COMPARE_WITH_TIMEOUT(only<PresenceEvent>(m_fanOut.received(ana)).size(), 2, GraceMs * 10);
    // Not before the period's end, and with the reason of the loss.
    QVERIFY(timer.elapsed() >= GraceMs - 10);
    QCOMPARE(only<PresenceEvent>(m_fanOut.received(ana)).last(),
             (PresenceEvent{Lobby, PresenceChange::Left, Member{u"bob"_s}, LeaveReason::TimedOut}));
    // A newcomer no longer sees bob.
    const quint64 cy = joinLobby(u"cy"_s);
    QCOMPARE(std::get<Joined>(m_fanOut.received(cy).at(1)).members,
             (QList<Member>{Member{u"ana"_s}, Member{u"cy"_s}}));
}

void TestHub::whoisTellsOnlineAndLastSeen()
{
    const quint64 ana = joinLobby(u"ana"_s);
    const quint64 bo = joinLobby(u"bob"_s, Role::Member, 2);
    const auto online = m_hub->presence().whois(ana, Whois{u"w1"_s, u"BOB"_s});
    QVERIFY(std::holds_alternative<UserInfo>(online));
    QCOMPARE(std::get<UserInfo>(online).name, u"bob"_s);
    QCOMPARE(std::get<UserInfo>(online).role, Role::Member);
    QVERIFY(std::get<UserInfo>(online).online);
    // The answer is posted to the asker too, in order.
    QCOMPARE(std::get<UserInfo>(m_fanOut.received(ana).last()), std::get<UserInfo>(online));

    // Lost: still online through the grace period, seen last when the connection went.
    const qint64 lostAt = QDateTime::currentMSecsSinceEpoch();
    m_hub->removeSession(bo, LeaveReason::NetworkLost);
    const auto ghost = std::get<UserInfo>(m_hub->presence().whois(ana, Whois{u"w2"_s, u"bob"_s}));
    QVERIFY(ghost.online);
    QVERIFY(ghost.lastSeen >= lostAt);
    // After it: offline, last seen then.
    QTRY_VERIFY_WITH_TIMEOUT(
        !std::get<UserInfo>(m_hub->presence().whois(ana, Whois{u"w3"_s, u"bob"_s})).online,
        GraceMs * 10);
    const auto gone = std::get<UserInfo>(m_hub->presence().whois(ana, Whois{u"w4"_s, u"bob"_s}));
    QCOMPARE(gone.lastSeen, ghost.lastSeen);

    // Somebody never seen.
    const auto nobody = m_hub->presence().whois(ana, Whois{u"w5"_s, u"nobody"_s});
    QCOMPARE(std::get<Error>(nobody).code, ErrorCode::NoSuchUser);
}

void TestHub::guestComingBackIsToldWhatIsUnread()
{
    // A new guest is told nothing unread: its welcome, then what it asked for (joined, history).
    const quint64 first = m_hub->newSessionId();
    const auto welcome =
        m_hub->greet(first, &m_fanOut, u"hello"_s, Hub::Identity{u"ana"_s, ClientKind::Other});
    QVERIFY(std::holds_alternative<Welcome>(welcome));
    const QString key = std::get<Welcome>(welcome).resume;
    QVERIFY(!key.isEmpty());
    QVERIFY(std::holds_alternative<Joined>(m_hub->join(first, Join{u"j"_s, Lobby})));
    const QList<ServerMessage> fresh = m_fanOut.received(first);
    QCOMPARE(fresh.size(), 3);
    QVERIFY(isA<Welcome>(fresh.at(0)));
    QVERIFY(isA<Joined>(fresh.at(1)));
    QVERIFY(isA<History>(fresh.at(2)));

    // Ana reads bo's first message; then bo says three more (one mentions her), and she one of
    // her own, which is not unread for her.
    const quint64 bo = joinLobby(u"bo"_s);
    sendAndWait(bo, u"one"_s, u"b1"_s);
    m_hub->readMarks().markRead(first, MarkRead{{}, Lobby, 1});
    sendAndWait(bo, u"two"_s, u"b2"_s);
    sendAndWait(bo, u"@ana look"_s, u"b3"_s);
    sendAndWait(first, u"mine"_s, u"a1"_s);
    // The network drops; bo goes on.
    m_hub->removeSession(first, LeaveReason::NetworkLost);
    sendAndWait(bo, u"three"_s, u"b4"_s);

    // Back within the grace period with the key: the welcome, then the counts of her session.
    Hub::Identity again{u"ana"_s};
    again.resume = key;
    const quint64 back = m_hub->newSessionId();
    QVERIFY(std::holds_alternative<Welcome>(m_hub->greet(back, &m_fanOut, u"again"_s, again)));
    QTRY_COMPARE(m_fanOut.received(back).size(), 2);
    const QList<ServerMessage> frames = m_fanOut.received(back);
    QCOMPARE(std::get<Welcome>(frames.at(0)).name, u"ana"_s);
    const UnreadEvent unread = std::get<UnreadEvent>(frames.at(1));
    QCOMPARE(unread.rooms.size(), 1);
    QCOMPARE(unread.rooms.first(), (UnreadRoom{Lobby, RoomKind::Public, 5, 1, 3, 1}));
    QVERIFY(!unread.more);
    // Rejoining finds the same mark.
    QVERIFY(std::holds_alternative<Joined>(m_hub->join(back, Join{u"j"_s, Lobby})));
    QCOMPARE(only<Joined>(m_fanOut.received(back)).first().read, 1);

    // A second connection with the key while cy is online, in no room: an empty event at once,
    // as an account following nothing gets.
    const quint64 cy = m_hub->newSessionId();
    const auto cyWelcome =
        m_hub->greet(cy, &m_fanOut, u"hello"_s, Hub::Identity{u"cy"_s, ClientKind::Other});
    QVERIFY(std::holds_alternative<Welcome>(cyWelcome));
    QCOMPARE(m_fanOut.received(cy).size(), 1);
    Hub::Identity second{u"cy"_s};
    second.resume = std::get<Welcome>(cyWelcome).resume;
    const quint64 phone = m_hub->newSessionId();
    QVERIFY(std::holds_alternative<Welcome>(m_hub->greet(phone, &m_fanOut, u"hello"_s, second)));
    const QList<ServerMessage> phoneGot = m_fanOut.received(phone);
    QCOMPARE(phoneGot.size(), 2);
    QVERIFY(isA<Welcome>(phoneGot.at(0)));
    QCOMPARE(std::get<UnreadEvent>(phoneGot.at(1)), UnreadEvent{});
    QCOMPARE(m_fanOut.received(cy).size(), 1);
}

// A rename (core/chat/roomadmin.cpp) moves the room under its new name in every place the hub
// keeps a room by name: its members' room lists, a lost connection still listed in it, the mutes
// given in it, the numbering and the read marks.
void TestHub::renameFollowsEveryPlaceThatKnowsTheRoom()
{
    const auto op = Actor::operatorActor();
    QVERIFY(std::holds_alternative<Joined>(
        m_hub->createRoom(op, CreateRoom{{}, u"dev"_s, RoomKind::Public, {}})));
    const quint64 ana = greet(u"ana"_s);
    const quint64 bo = greet(u"bob"_s, Role::Member, 2);
    for (quint64 session : {ana, bo})
        QVERIFY(std::holds_alternative<Joined>(m_hub->join(session, Join{u"j"_s, u"dev"_s})));
    QVERIFY(!m_hub->send(ana, Send{u"s1"_s, u"dev"_s, u"one"_s, u"s1"_s}));
    QTRY_COMPARE(only<Ack>(m_fanOut.received(ana)).size(), 1);
    m_hub->readMarks().markRead(bo, MarkRead{{}, u"dev"_s, 1});
    QVERIFY(std::holds_alternative<Done>(
        m_hub->moderation().mute(op, Mute{{}, u"bob"_s, u"dev"_s, 10, {}})));
    // bob's connection is lost: he stays listed in dev through the grace period.
    m_hub->removeSession(bo, LeaveReason::NetworkLost);
    const auto bobJoins = [this, ana] {
        int count = 0;
        for (const PresenceEvent &event : only<PresenceEvent>(m_fanOut.received(ana)))
            count += event.member.name == u"bob"_s && event.change == PresenceChange::Joined;
        return count;
    };
    QCOMPARE(bobJoins(), 1);

    QVERIFY(
        std::holds_alternative<Done>(m_hub->renameRoom(op, RenameRoom{{}, u"dev"_s, u"builds"_s})));
    QVERIFY(m_hub->rooms().contains(u"builds"_s));
    QVERIFY(!m_hub->rooms().contains(u"dev"_s));
    RoomChangedEvent renamed{u"dev"_s, RoomChange::Renamed, u"server"_s, {}};
    renamed.name = u"builds"_s;
    QCOMPARE(only<RoomChangedEvent>(m_fanOut.received(ana)).last(), renamed);
    for (const SessionView &view : m_hub->sessionViews())
        QCOMPARE(view.rooms, QStringList{u"builds"_s});
    // The numbers go on; the old name is nobody's room.
    QVERIFY(!m_hub->send(ana, Send{u"s2"_s, u"builds"_s, u"two"_s, u"s2"_s}));
    QTRY_COMPARE(only<Ack>(m_fanOut.received(ana)).size(), 2);
    QCOMPARE(only<Ack>(m_fanOut.received(ana)).last(), (Ack{u"s2"_s, u"builds"_s, 2, u"s2"_s}));
    QCOMPARE(m_hub->send(ana, Send{u"s3"_s, u"dev"_s, u"lost"_s, u"s3"_s})->code,
             ErrorCode::NotJoined);
    // bob comes back within the grace period: silently, as his ghost is in builds now; his mark
    // and his mute went along.
    const quint64 bo2 = greet(u"bob"_s, Role::Member, 2);
    const auto joined = m_hub->join(bo2, Join{u"j"_s, u"builds"_s});
    QVERIFY(std::holds_alternative<Joined>(joined));
    QCOMPARE(std::get<Joined>(joined).read, 1);
    QCOMPARE(bobJoins(), 1);
    QCOMPARE(m_hub->send(bo2, Send{u"s"_s, u"builds"_s, u"hi"_s, u"s"_s})->code, ErrorCode::Muted);
    // The same name again is done and changes nothing; a taken name is refused.
    QVERIFY(std::holds_alternative<Done>(
        m_hub->renameRoom(op, RenameRoom{{}, u"builds"_s, u"builds"_s})));
    QCOMPARE(std::get<Error>(m_hub->renameRoom(op, RenameRoom{{}, u"builds"_s, Lobby})).code,
             ErrorCode::RoomExists);
    QCOMPARE(only<RoomChangedEvent>(m_fanOut.received(ana)).size(), 1);
}

void TestHub::removingAMemberTakesOutTheirGhostToo()
{
    const auto op = Actor::operatorActor();
    QVERIFY(std::holds_alternative<Joined>(
        m_hub->createRoom(op, CreateRoom{{}, u"team"_s, RoomKind::Private, {}})));
    const quint64 mod = greet(u"mod"_s, Role::Moderator, 1);
    QVERIFY(std::holds_alternative<Joined>(m_hub->join(mod, Join{u"j"_s, u"team"_s})));
    QVERIFY(
        std::holds_alternative<Invited>(m_hub->invite(mod, Invite{u"i"_s, u"team"_s, u"bob"_s})));
    const quint64 bo = greet(u"bob"_s, Role::Member, 2);
    QVERIFY(std::holds_alternative<Joined>(m_hub->join(bo, Join{u"j"_s, u"team"_s})));
    // bob's connection drops: he is still listed; being removed, he is gone at once, not after
    // the grace period, and is not let back in.
    m_hub->removeSession(bo, LeaveReason::NetworkLost);
    QVERIFY(std::holds_alternative<Done>(
        m_hub->removeMember(op, RemoveMember{{}, u"team"_s, u"bob"_s})));
    QCOMPARE(
        only<PresenceEvent>(m_fanOut.received(mod)).last(),
        (PresenceEvent{u"team"_s, PresenceChange::Left, Member{u"bob"_s}, LeaveReason::Kicked}));
    const quint64 bo2 = greet(u"bob"_s, Role::Member, 2);
    QCOMPARE(std::get<Error>(m_hub->join(bo2, Join{u"j"_s, u"team"_s})).code, ErrorCode::NotMember);
    QCOMPARE(std::get<Error>(m_hub->removeMember(op, RemoveMember{{}, u"team"_s, u"bob"_s})).code,
             ErrorCode::NotMember);
    // Staff enter every private room: removing one is refused.
    QCOMPARE(std::get<Error>(m_hub->removeMember(op, RemoveMember{{}, u"team"_s, u"mod"_s})).code,
             ErrorCode::Forbidden);
}

QTEST_GUILESS_MAIN(TestHub)
#include "tst_hub.moc"
