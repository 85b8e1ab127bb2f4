// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Room administration over the wire (issue 23, docs/protocol.md §13): rename_room,
// unarchive_room and remove_member, each allowed for the right role and refused for the wrong
// one; a renamed room keeps its history, numbers, read marks and mutes under its new name (after
// a restart too) and frees the old one; a removed member can neither rejoin nor read; and a
// moderator who floods renames without reading does not slow a bystander down.

#include "core/chat/hub.h"
#include "core/serverconfig.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {

QByteArray encoded(const ClientMessage &message)
{
    return MessageCodec::encode(message);
}

// The room_changed events a client got, in order.
QList<RoomChangedEvent> changesOf(const QSignalSpy &spy)
{
    QList<RoomChangedEvent> changes;
    for (const auto &arguments : spy)
        changes.append(arguments.first().value<RoomChangedEvent>());
    return changes;
}

// The history page answering `id` (waiting up to 5 s).
std::optional<History> historyFor(RecordingClient &client, const QString &id)
{
    std::optional<History> found;
    [[maybe_unused]] const bool came = QTest::qWaitFor(
        [&] {
            for (const History &history : std::as_const(client.histories)) {
                if (history.id == id) {
                    found = history;
                    return true;
                }
            }
            return false;
        },
        5000);
    return found;
}

// Whether the client got the room's backlog after joining (or a page of history) with
// these numbers, every message naming the room.
bool backlogIs(const RecordingClient &client, const QString &room, const QList<qint64> &seqs)
{
    for (const History &history : client.histories) {
        if (history.room != room)
            continue;
        const bool named = std::all_of(history.messages.begin(), history.messages.end(),
                                       [&](const MessageEvent &m) { return m.room == room; });
        if (named && seqsOf(history.messages) == seqs)
            return true;
    }
    return false;
}

} // namespace

class tst_RoomAdmin : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void renameIsRefusedToAllButAdmins();
    void renameKeepsEverythingUnderTheNewName();
    void renameByTheOperator();
    void unarchive();
    void removeMember();
    void theMakerOfARoomRemovesItsMembers();
    void floodingModeratorDoesNotHurtABystander();

private:
    void start(const std::function<void(ServerConfig &)> &configure = {})
    {
        newDataDir({{u"boss"_s, Role::Admin},
                    {u"mod"_s, Role::Moderator},
                    {u"mina"_s, Role::Member},
                    {u"jun"_s, Role::Member},
                    {u"ola"_s, Role::Member}});
        startServer([configure](ServerConfig &config) {
            config.moderateRate = {0, 1};
            if (configure)
                configure(config);
        });
    }
    std::unique_ptr<RecordingClient> signIn(const QString &name, const QStringList &rooms = {})
    {
        return test::signedIn(url(), name, rooms);
    }
    // The one row the query selects from the audit log, once it is written.
    QString auditRow(const QString &action)
    {
        const QString sql =
            u"SELECT actor || ' ' || target || ' ' || room || ' ' || detail"
            " FROM audit_log WHERE action = '%1' ORDER BY id DESC LIMIT 1"_s.arg(action);
        [[maybe_unused]] const bool written =
            QTest::qWaitFor([&] { return !query(sql).toString().isEmpty(); }, 5000);
        return query(sql).toString();
    }
};

void tst_RoomAdmin::init()
{
    start();
}

void tst_RoomAdmin::cleanup()
{
    m_server.reset();
}

void tst_RoomAdmin::renameIsRefusedToAllButAdmins()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    auto mina = signIn(u"mina"_s);
    auto visitor = test::guest(url(), u"visitor"_s, {u"lobby"_s});
    QVERIFY(boss && mod && mina && visitor);
    QVERIFY(boss->client.createRoom(u"dev"_s, RoomKind::Public).size() > 0);
    QTRY_COMPARE(boss->joins.size(), 1);

    QCOMPARE(errorFor(*mod, mod->client.renameRoom(u"dev"_s, u"builds"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.renameRoom(u"dev"_s, u"builds"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.renameRoom(u"dev"_s, u"builds"_s))->code,
             ErrorCode::Forbidden);
    // An admin, but: a bad name, a taken one, no such room, the default room.
    QCOMPARE(errorFor(*boss, boss->client.renameRoom(u"dev"_s, u"no spaces"_s))->code,
             ErrorCode::BadRoom);
    QCOMPARE(errorFor(*boss, boss->client.renameRoom(u"dev"_s, u"lobby"_s))->code,
             ErrorCode::RoomExists);
    QCOMPARE(errorFor(*boss, boss->client.renameRoom(u"nowhere"_s, u"builds"_s))->code,
             ErrorCode::NoSuchRoom);
    QCOMPARE(errorFor(*boss, boss->client.renameRoom(u"lobby"_s, u"hall"_s))->code,
             ErrorCode::BadRoom);
    QCOMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'dev'"_s).toInt(), 1);
    QCOMPARE(query(u"SELECT count(*) FROM audit_log WHERE action = 'rename_room'"_s).toInt(), 0);
    QVERIFY(doneFor(*boss, boss->client.renameRoom(u"dev"_s, u"builds"_s)));
}

void tst_RoomAdmin::renameKeepsEverythingUnderTheNewName()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    QVERIFY(boss && mod);
    boss->client.createRoom(u"dev"_s, RoomKind::Public, u"Builds"_s);
    QTRY_COMPARE(boss->joins.size(), 1);
    auto mina = signIn(u"mina"_s, {u"dev"_s});
    auto jun = signIn(u"jun"_s, {u"dev"_s});
    QVERIFY(mina && jun);
    for (int i = 1; i <= 3; ++i)
        jun->client.sendMessage(u"dev"_s, u"before %1"_s.arg(i));
    QTRY_COMPARE(jun->acks.size(), 3);
    QTRY_COMPARE(mina->messagesIn(u"dev"_s).size(), 3);
    mina->client.markRead(u"dev"_s, 2);
    QVERIFY(doneFor(*mod, mod->client.mute(u"ola"_s, u"dev"_s, 30, u"noise"_s)));
    QSignalSpy minaChanges(&mina->client, &ChatClient::roomChanged);

    QVERIFY(doneFor(*boss, boss->client.renameRoom(u"dev"_s, u"builds"_s)));
    // The members are told the new name.
    QTRY_COMPARE(minaChanges.size(), 1);
    RoomChangedEvent expected{u"dev"_s, RoomChange::Renamed, u"boss"_s, {}};
    expected.name = u"builds"_s;
    QCOMPARE(changesOf(minaChanges).first(), expected);
    QCOMPARE(mina->client.joinedRooms().contains(u"builds"_s), true);
    QCOMPARE(mina->client.joinedRooms().contains(u"dev"_s), false);

    // Sending goes on under the new name with the next number; the old name is nothing.
    jun->client.sendMessage(u"builds"_s, u"after"_s);
    QTRY_COMPARE(jun->acks.size(), 4);
    QCOMPARE(jun->acks.last().room, u"builds"_s);
    QCOMPARE(jun->acks.last().seq, 4);
    QTRY_COMPARE(mina->messagesIn(u"builds"_s).size(), 1);
    QCOMPARE(mina->messagesIn(u"builds"_s).first().seq, 4);
    QCOMPARE(errorFor(*jun, jun->client.sendMessage(u"dev"_s, u"lost"_s))->code,
             ErrorCode::NotJoined);
    // The mute followed the room.
    auto ola = signIn(u"ola"_s, {u"builds"_s});
    QVERIFY(ola);
    QCOMPARE(errorFor(*ola, ola->client.sendMessage(u"builds"_s, u"hi"_s))->code, ErrorCode::Muted);
    // A newcomer gets the recent messages (from memory) under the new name, the topic, and the
    // whole history on asking.
    QCOMPARE(ola->joins.last().seq, 4);
    QCOMPARE(ola->joins.last().topic, u"Builds"_s);
    QTRY_VERIFY(backlogIs(*ola, u"builds"_s, range(1, 4)));
    const auto page = historyFor(*ola, ola->client.requestHistory(u"builds"_s, 0, 50));
    QVERIFY(page);
    QCOMPARE(seqsOf(page->messages), range(1, 4));
    // Read marks followed: mina's second connection joins with the mark she set.
    auto minaToo = signIn(u"mina"_s, {u"builds"_s});
    QVERIFY(minaToo);
    QCOMPARE(minaToo->joins.last().read, 2);
    // A client coming back with the last number it has (a join with "since") catches up from
    // memory under the new name.
    auto late = test::rawGuest(url(), u"late"_s);
    QVERIFY(late);
    late->socket.sendTextMessage(QString::fromUtf8(encoded(Join{u"j"_s, u"builds"_s, 2})));
    QVERIFY(late->waitForText([](const QString &text) {
        return text.contains(u"\"type\":\"message\""_s) && text.contains(u"\"seq\":4"_s)
            && text.contains(u"\"room\":\"builds\""_s);
    }));
    QVERIFY(late->waitForText([](const QString &text) {
        return text.contains(u"\"type\":\"message\""_s) && text.contains(u"\"seq\":3"_s);
    }));

    // The store follows, and the audit log says it.
    QTRY_COMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'builds'"_s).toInt(), 1);
    QCOMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'dev'"_s).toInt(), 0);
    QTRY_COMPARE(query(u"SELECT room FROM sanctions WHERE name_key = 'ola'"_s).toString(),
                 u"builds"_s);
    QCOMPARE(auditRow(u"rename_room"_s), u"boss dev builds builds"_s);

    // The old name is free: a new room by it starts empty.
    boss->client.createRoom(u"dev"_s, RoomKind::Public);
    QTRY_COMPARE(boss->joins.size(), 2);
    QCOMPARE(boss->joins.last().room, u"dev"_s);
    QCOMPARE(boss->joins.last().seq, 0);
    const auto fresh = historyFor(*boss, boss->client.requestHistory(u"dev"_s, 0, 50));
    QVERIFY(fresh);
    QVERIFY(fresh->messages.isEmpty());

    // After a restart: the name, the numbers, the history, the mark, the mute, the unread count.
    mina.reset();
    minaToo.reset();
    startServer();
    auto minaAgain = signIn(u"mina"_s);
    QVERIFY(minaAgain);
    QVERIFY(minaAgain->joinRoom(u"builds"_s));
    QCOMPARE(minaAgain->joins.last().seq, 4);
    QCOMPARE(minaAgain->joins.last().read, 2);
    QTRY_VERIFY(backlogIs(*minaAgain, u"builds"_s, range(1, 4)));
    auto junAgain = signIn(u"jun"_s, {u"builds"_s});
    QVERIFY(junAgain);
    junAgain->client.sendMessage(u"builds"_s, u"after the restart"_s);
    QTRY_COMPARE(junAgain->acks.size(), 1);
    QCOMPARE(junAgain->acks.first().seq, 5);
    auto olaAgain = signIn(u"ola"_s, {u"builds"_s});
    QVERIFY(olaAgain);
    QCOMPARE(errorFor(*olaAgain, olaAgain->client.sendMessage(u"builds"_s, u"hi"_s))->code,
             ErrorCode::Muted);
    // A sign-in's unread counts name the room by its new name, counted from the mark.
    RecordingClient probe;
    QSignalSpy unread(&probe.client, &ChatClient::unreadReceived);
    probe.client.signIn(url(), u"mina"_s, u"mina password"_s);
    QVERIFY(unread.wait(5000));
    std::optional<UnreadRoom> counted;
    for (const UnreadRoom &room : unread.first().first().value<UnreadEvent>().rooms) {
        QVERIFY(room.room != u"dev"_s || room.seq == 0);
        if (room.room == u"builds"_s)
            counted = room;
    }
    QVERIFY(counted);
    QCOMPARE(counted->read, 2);
    QCOMPARE(counted->seq, 5);
    QCOMPARE(counted->unread, 3);
}

void tst_RoomAdmin::renameByTheOperator()
{
    auto mina = signIn(u"mina"_s);
    QVERIFY(mina);
    QVERIFY(std::holds_alternative<Joined>(m_server->hub()->createRoom(
        server::Actor::operatorActor(), CreateRoom{{}, u"news"_s, RoomKind::Announcement, {}})));
    QVERIFY(mina->joinRoom(u"news"_s));
    QSignalSpy changes(&mina->client, &ChatClient::roomChanged);
    QVERIFY(std::holds_alternative<Done>(m_server->hub()->renameRoom(
        server::Actor::operatorActor(), RenameRoom{{}, u"news"_s, u"소식"_s})));
    QTRY_COMPARE(changes.size(), 1);
    QCOMPARE(changesOf(changes).first().name, u"소식"_s);
    QCOMPARE(changesOf(changes).first().by, u"server"_s);
    QCOMPARE(auditRow(u"rename_room"_s), u"server news 소식 소식"_s);
    QVERIFY(m_server->hub()->rooms().contains(u"소식"_s));
    QVERIFY(!m_server->hub()->rooms().contains(u"news"_s));
}

void tst_RoomAdmin::unarchive()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    QVERIFY(boss && mod);
    boss->client.createRoom(u"old"_s, RoomKind::Public);
    QTRY_COMPARE(boss->joins.size(), 1);
    auto mina = signIn(u"mina"_s, {u"old"_s});
    QVERIFY(mina);
    QVERIFY(doneFor(*boss, boss->client.archiveRoom(u"old"_s)));
    QCOMPARE(errorFor(*mina, mina->client.sendMessage(u"old"_s, u"hello?"_s))->code,
             ErrorCode::Archived);
    QSignalSpy changes(&mina->client, &ChatClient::roomChanged);

    QCOMPARE(errorFor(*mod, mod->client.unarchiveRoom(u"old"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.unarchiveRoom(u"old"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.unarchiveRoom(u"nowhere"_s))->code,
             ErrorCode::NoSuchRoom);
    QCOMPARE(changes.size(), 0);

    QVERIFY(doneFor(*boss, boss->client.unarchiveRoom(u"old"_s)));
    QTRY_COMPARE(changes.size(), 1);
    QCOMPARE(changesOf(changes).first(),
             (RoomChangedEvent{u"old"_s, RoomChange::Unarchived, u"boss"_s, {}}));
    mina->client.sendMessage(u"old"_s, u"back"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    // Again: nothing changes, nobody is told.
    QVERIFY(doneFor(*boss, boss->client.unarchiveRoom(u"old"_s)));
    QCOMPARE(query(u"SELECT count(*) FROM audit_log WHERE action = 'unarchive_room'"_s).toInt(), 1);
    QCOMPARE(auditRow(u"unarchive_room"_s), u"boss old old "_s);
    QTRY_COMPARE(query(u"SELECT archived FROM rooms WHERE name = 'old'"_s).toInt(), 0);
    startServer();
    auto minaAgain = signIn(u"mina"_s, {u"old"_s});
    QVERIFY(minaAgain);
    minaAgain->client.sendMessage(u"old"_s, u"still open"_s);
    QTRY_COMPARE(minaAgain->acks.size(), 1);
    QCOMPARE(changes.size(), 1);
}

void tst_RoomAdmin::removeMember()
{
    auto boss = signIn(u"boss"_s);
    auto mod = signIn(u"mod"_s);
    QVERIFY(boss && mod);
    boss->client.createRoom(u"team"_s, RoomKind::Private);
    QTRY_COMPARE(boss->joins.size(), 1);
    boss->client.invite(u"team"_s, u"mina"_s);
    boss->client.invite(u"team"_s, u"jun"_s);
    QTRY_COMPARE(boss->invitations.size(), 2);
    auto mina = signIn(u"mina"_s, {u"team"_s});
    auto jun = signIn(u"jun"_s, {u"team"_s});
    auto junPhone = signIn(u"jun"_s, {u"team"_s});
    auto visitor = test::guest(url(), u"visitor"_s, {u"lobby"_s});
    QVERIFY(mina && jun && junPhone && visitor);
    mina->client.sendMessage(u"team"_s, u"secret plans"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    QSignalSpy junChanges(&jun->client, &ChatClient::roomChanged);

    // Refused: a guest (who cannot see the room), a member who did not make it, staff as the
    // target, nobody, somebody who is not a member, a public room.
    QCOMPARE(errorFor(*visitor, visitor->client.removeMember(u"team"_s, u"jun"_s))->code,
             ErrorCode::NoSuchRoom);
    QCOMPARE(errorFor(*mina, mina->client.removeMember(u"team"_s, u"jun"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.removeMember(u"team"_s, u"mod"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.removeMember(u"team"_s, u"nobody"_s))->code,
             ErrorCode::NoSuchUser);
    const auto notMember = errorFor(*boss, boss->client.removeMember(u"team"_s, u"ola"_s));
    QCOMPARE(notMember->code, ErrorCode::NotMember);
    QVERIFY2(notMember->message.contains(u"ola"_s), qPrintable(notMember->message));
    QCOMPARE(errorFor(*mod, mod->client.removeMember(u"lobby"_s, u"jun"_s))->code,
             ErrorCode::BadRoom);
    QCOMPARE(junChanges.size(), 0);

    // A moderator removes jun: both of jun's connections are out and told; mina sees jun leave.
    QVERIFY(doneFor(*mod, mod->client.removeMember(u"team"_s, u"jun"_s)));
    QTRY_COMPARE(junChanges.size(), 1);
    QCOMPARE(changesOf(junChanges).first(),
             (RoomChangedEvent{u"team"_s, RoomChange::Removed, u"mod"_s, {}}));
    QVERIFY(!jun->client.joinedRooms().contains(u"team"_s));
    QTRY_VERIFY(!junPhone->client.joinedRooms().contains(u"team"_s));
    QTRY_VERIFY(mina->hasPresence(u"jun"_s, PresenceChange::Left, LeaveReason::Kicked));
    const auto members = m_server->hub()->members(u"team"_s);
    QVERIFY(std::none_of(members.begin(), members.end(),
                         [](const Member &m) { return m.name == u"jun"_s; }));
    // jun can neither send, read, nor come back; the others go on.
    QCOMPARE(errorFor(*jun, jun->client.sendMessage(u"team"_s, u"hello?"_s))->code,
             ErrorCode::NotJoined);
    QVERIFY(errorFor(*jun, jun->client.requestHistory(u"team"_s, 0, 50)));
    QCOMPARE(errorFor(*jun, jun->client.join(u"team"_s))->code, ErrorCode::NotMember);
    auto junLater = test::signedIn(url(), u"jun"_s);
    QVERIFY(junLater);
    QCOMPARE(errorFor(*junLater, junLater->client.join(u"team"_s))->code, ErrorCode::NotMember);
    QCOMPARE(errorFor(*mod, mod->client.removeMember(u"team"_s, u"jun"_s))->code,
             ErrorCode::NotMember);
    mina->client.sendMessage(u"team"_s, u"still here"_s);
    QTRY_COMPARE(mina->acks.size(), 2);

    // Stored: no membership, no mark; after a restart jun is still out.
    QTRY_COMPARE(query(u"SELECT count(*) FROM room_members m JOIN accounts a ON a.id ="
                       " m.account_id WHERE a.name = 'jun'"_s)
                     .toInt(),
                 0);
    QCOMPARE(query(u"SELECT count(*) FROM read_markers r JOIN accounts a ON a.id = r.account_id"
                   " JOIN rooms o ON o.id = r.room_id WHERE a.name = 'jun' AND o.name = 'team'"_s)
                 .toInt(),
             0);
    QCOMPARE(auditRow(u"remove_member"_s), u"mod jun team "_s);
    startServer();
    auto junAfter = test::signedIn(url(), u"jun"_s);
    QVERIFY(junAfter);
    QCOMPARE(errorFor(*junAfter, junAfter->client.join(u"team"_s))->code, ErrorCode::NotMember);
    auto minaAfter = signIn(u"mina"_s, {u"team"_s});
    QVERIFY(minaAfter);
}

void tst_RoomAdmin::theMakerOfARoomRemovesItsMembers()
{
    auto mina = signIn(u"mina"_s);
    QVERIFY(mina);
    mina->client.createRoom(u"club"_s, RoomKind::Private);
    QTRY_COMPARE(mina->joins.size(), 1);
    mina->client.invite(u"club"_s, u"jun"_s);
    mina->client.invite(u"club"_s, u"ola"_s);
    QTRY_COMPARE(mina->invitations.size(), 2);
    auto jun = signIn(u"jun"_s, {u"club"_s});
    QVERIFY(jun);
    // Another member may not; the maker may, an invitation not yet taken up too.
    QCOMPARE(errorFor(*jun, jun->client.removeMember(u"club"_s, u"ola"_s))->code,
             ErrorCode::Forbidden);
    QVERIFY(doneFor(*mina, mina->client.removeMember(u"club"_s, u"ola"_s)));
    QVERIFY(doneFor(*mina, mina->client.removeMember(u"club"_s, u"jun"_s)));
    auto ola = signIn(u"ola"_s);
    QVERIFY(ola);
    QCOMPARE(errorFor(*ola, ola->client.join(u"club"_s))->code, ErrorCode::NotMember);
    QCOMPARE(auditRow(u"remove_member"_s), u"mina jun club "_s);
}

void tst_RoomAdmin::floodingModeratorDoesNotHurtABystander()
{
    m_server.reset();
    // Staff exempt from rate limits: only the outgoing budget stands between the flood and
    // everybody else.
    start([](ServerConfig &config) { config.rateExemptStaff = true; });
    auto boss = signIn(u"boss"_s);
    QVERIFY(boss);
    boss->client.createRoom(u"dev"_s, RoomKind::Public);
    QTRY_COMPARE(boss->joins.size(), 1);
    auto ana = test::guest(url(), u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);

    DeafClient flooder;
    QVERIFY(flooder.open(m_server->serverPort(), u"mod"_s));
    // Refused renames (a moderator may not) and removals from a public room: every one is
    // answered with an error that the flooder never reads.
    const QByteArray rename =
        test::maskedTextFrame(encoded(RenameRoom{u"n"_s, u"dev"_s, u"builds"_s}));
    const QByteArray remove =
        test::maskedTextFrame(encoded(RemoveMember{u"m"_s, u"lobby"_s, u"jun"_s}));
    Bystander bystander{ana.get(), u"lobby"_s};
    QElapsedTimer clock;
    clock.start();
    int written = 0;
    bool open = true;
    for (int round = 0; round < 20 && open; ++round) {
        for (int i = 0; i < 200 && open; ++i, ++written)
            open = flooder.tryWrite(i % 2 ? rename : remove);
        bystander.roundTrips(1);
    }
    qInfo() << "flooded" << written << "requests in" << clock.elapsed() << "ms; flooder"
            << (open ? "still connected" : "closed");
    QVERIFY(!bystander.timedOut);
    QVERIFY2(bystander.worst() < 2000, qPrintable(u"worst ack %1 ms"_s.arg(bystander.worst())));
    bystander.roundTrips(5);
    QVERIFY(!bystander.timedOut);
    QCOMPARE(ana->disconnects, 0);
    QCOMPARE(boss->disconnects, 0);
    // Nothing was renamed.
    QVERIFY(m_server->hub()->rooms().contains(u"dev"_s));
}

QTEST_MAIN(tst_RoomAdmin)
#include "tst_roomadmin.moc"
