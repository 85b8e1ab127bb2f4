// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Issue 18, row 4: one guest joined 82,000 unknown room names, each join made a room, and every
// list_rooms reply grew past the outgoing cap (1008 for everybody, forever). Here: guests make no
// rooms by joining (or a few, if the operator allows, which go away when idle), accounts make
// rooms within an allowance, admins archive and delete rooms, and list_rooms comes in pages
// within a byte budget.

#include "core/chat/hub.h"
#include "core/serverconfig.h"
#include "core/store/sqlitestore.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

class tst_RoomBudget : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void guestsMakeNoRoomsByJoining();
    void guestRoomsWithinTheAllowanceExpireWhenIdle();
    void accountsMakeRoomsWithinTheirAllowance();
    void adminsDeleteRooms();
    void archivedRoomsAreReadOnly();
    void listRoomsComesInPages();

private:
    // As an operator gets it without saying anything (the test server lets guests make rooms).
    void startServer(const std::function<void(ServerConfig &)> &configure = {});
    std::unique_ptr<RecordingClient> signIn(const QString &name)
    {
        return test::signedIn(url(), name);
    }
    std::unique_ptr<RecordingClient> guest(const QString &name) { return test::guest(url(), name); }
    // A sori.v1 socket that has said hello as a guest (and been welcomed).
    std::unique_ptr<RawClient> rawGuest(const QString &name) { return test::rawGuest(url(), name); }
    // Every page of list_rooms for the query, asked for on a raw socket (to see the frames'
    // sizes): the rooms in order, and the largest frame.
    QList<RoomInfo> allPages(RawClient &raw, const QString &query, qsizetype *largest, int *pages,
                             bool *cutByBytes);
    static RoomList listOnce(RecordingClient &client, const QString &query = {});
};

void tst_RoomBudget::init()
{
    newDataDir({{u"boss"_s, Role::Admin}, {u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
}

void tst_RoomBudget::cleanup()
{
    m_server.reset();
}

void tst_RoomBudget::startServer(const std::function<void(ServerConfig &)> &configure)
{
    test::ServerTest::startServer([&](ServerConfig &config) {
        config.guestRoomsPerSession = ServerConfig{}.guestRoomsPerSession;
        if (configure)
            configure(config);
    });
}

RoomList tst_RoomBudget::listOnce(RecordingClient &client, const QString &query)
{
    QSignalSpy listed(&client.client, &ChatClient::roomsListed);
    const QString id = client.client.listRooms(query);
    if (!QTest::qWaitFor(
            [&] {
                return std::any_of(listed.cbegin(), listed.cend(), [&](const QList<QVariant> &a) {
                    return a.first().value<RoomList>().id == id;
                });
            },
            5000))
        return {};
    for (const auto &arguments : std::as_const(listed)) {
        if (arguments.first().value<RoomList>().id == id)
            return arguments.first().value<RoomList>();
    }
    return {};
}

QList<RoomInfo> tst_RoomBudget::allPages(RawClient &raw, const QString &query, qsizetype *largest,
                                         int *pages, bool *cutByBytes)
{
    QList<RoomInfo> rooms;
    *largest = 0;
    *pages = 0;
    *cutByBytes = false;
    QString after;
    for (;;) {
        const QString id = u"page-%1"_s.arg(*pages);
        const qsizetype from = raw.texts.size();
        raw.socket.sendTextMessage(
            QString::fromUtf8(MessageCodec::encode(ListRooms{id, query, after, 0})));
        const auto isReply = [&](const QString &text) {
            return text.contains(u"\"id\":\"%1\""_s.arg(id));
        };
        if (!raw.waitForText(isReply, from))
            return {};
        const QString text = *std::find_if(raw.texts.cbegin() + from, raw.texts.cend(), isReply);
        *largest = qMax(*largest, text.toUtf8().size());
        ++*pages;
        const auto decoded = MessageCodec::decodeServerMessage(text.toUtf8());
        if (!decoded.ok() || !std::holds_alternative<RoomList>(decoded.message()))
            return {};
        const RoomList page = std::get<RoomList>(decoded.message());
        rooms.append(page.rooms);
        if (!page.more || page.rooms.isEmpty())
            return rooms;
        if (page.rooms.size() < ServerConfig{}.listMaxRooms)
            *cutByBytes = true;
        after = page.rooms.last().name;
    }
}

void tst_RoomBudget::guestsMakeNoRoomsByJoining()
{
    startServer();
    auto bystander = guest(u"bystander"_s);
    QVERIFY(bystander);
    QVERIFY(bystander->joinRoom(u"lobby"_s)); // the default room is there for guests

    // The attack at a small scale: 2,000 unknown names, pipelined, as fast as the socket goes.
    auto attacker = rawGuest(u"attacker"_s);
    QVERIFY(attacker);
    constexpr int Attempts = 2000;
    for (int i = 0; i < Attempts; ++i)
        attacker->socket.sendTextMessage(
            QString::fromUtf8(MessageCodec::encode(Join{u"j%1"_s.arg(i), u"spam-%1"_s.arg(i)})));
    const auto count = [&](const QString &code) {
        return int(std::count_if(attacker->texts.cbegin(), attacker->texts.cend(),
                                 [&](const QString &t) { return t.contains(code); }));
    };
    // Every join is refused: as a room a guest may not make, or (past the join rate limit's
    // burst, rates/join-burst) as too many joins.
    const auto refusals = [&] { return count(u"no_such_room"_s) + count(u"rate_limited"_s); };
    QTRY_COMPARE_WITH_TIMEOUT(refusals(), Attempts, 20000);
    QVERIFY(count(u"no_such_room"_s) >= qMin(Attempts, ServerConfig{}.joinRate.burst));
    const QString sample = *std::find_if(attacker->texts.cbegin(), attacker->texts.cend(),
                                         [](const QString &t) { return t.contains(u"spam-0"); });
    QVERIFY2(sample.contains(u"guests cannot create rooms"_s), qPrintable(sample));
    QVERIFY(!std::any_of(attacker->texts.cbegin(), attacker->texts.cend(),
                         [](const QString &t) { return t.contains(u"\"type\":\"joined\""_s); }));

    // Nothing was made: not in the hub, not in the list, not in the database.
    const QStringList rooms = m_server->hub()->rooms();
    QVERIFY(!std::any_of(rooms.cbegin(), rooms.cend(),
                         [](const QString &r) { return r.startsWith(u"spam-"); }));
    const RoomList list = listOnce(*bystander);
    QCOMPARE(list.rooms.size(), 1); // lobby
    QCOMPARE(list.rooms.first().name, u"lobby"_s);
    QVERIFY(MessageCodec::encode(list).size() < 1024);
    QCOMPARE(query(u"SELECT count(*) FROM rooms WHERE name LIKE 'spam-%'"_s).toInt(), 0);

    // The bystander was never dropped and still talks.
    QCOMPARE(bystander->disconnects, 0);
    QCOMPARE(bystander->client.state(), ChatClient::State::Ready);
    bystander->client.sendMessage(u"lobby"_s, u"still here"_s);
    QTRY_COMPARE(bystander->acks.size(), 1);

    // create_room is refused to guests as before.
    const QString refused = bystander->client.createRoom(u"mine"_s, RoomKind::Public);
    QCOMPARE(errorFor(*bystander, refused)->code, ErrorCode::Forbidden);
}

void tst_RoomBudget::guestRoomsWithinTheAllowanceExpireWhenIdle()
{
    startServer([](ServerConfig &config) {
        config.guestRoomsPerSession = 2;
        config.guestRoomIdleMs = 300;
    });
    auto visitor = guest(u"visitor"_s);
    QVERIFY(visitor);
    QVERIFY(visitor->joinRoom(u"first"_s));
    QVERIFY(visitor->joinRoom(u"second"_s));
    const auto third = errorFor(*visitor, visitor->client.join(u"third"_s));
    QVERIFY(third);
    QCOMPARE(third->code, ErrorCode::NoSuchRoom);
    QVERIFY2(third->message.contains(u"2 rooms"_s), qPrintable(third->message));
    QVERIFY(!m_server->hub()->rooms().contains(u"third"_s));
    // Rooms that exist are joined as always: that makes nothing.
    QVERIFY(visitor->joinRoom(u"lobby"_s));
    // Each creation is in the audit log, with who made it and how.
    QTRY_COMPARE(query(u"SELECT group_concat(actor || ' ' || action || ' ' || target, ', ')"
                       " FROM audit_log WHERE action = 'create_room'"_s)
                     .toString(),
                 u"visitor create_room first, visitor create_room second"_s);
    QTRY_COMPARE(query(u"SELECT count(*) FROM rooms WHERE by_guest = 1"_s).toInt(), 2);

    // Left alone, "first" goes away after the idle time; "second", with its guest in it, stays.
    visitor->client.leave(u"first"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->hub()->rooms().contains(u"first"_s), 5000);
    QVERIFY(m_server->hub()->rooms().contains(u"second"_s));
    QTRY_COMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'first'"_s).toInt(), 0);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || action || ' ' || target FROM audit_log"
                       " WHERE action = 'delete_room'"_s)
                     .toString(),
                 u"server delete_room first"_s);
    // Another guest's room made and left now expires too: the sweeps went on meanwhile, for a
    // whole idle period, and "second" is still there.
    auto later = guest(u"later"_s);
    QVERIFY(later);
    QVERIFY(later->joinRoom(u"later-room"_s));
    later->client.leave(u"later-room"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->hub()->rooms().contains(u"later-room"_s), 5000);
    QVERIFY(m_server->hub()->rooms().contains(u"second"_s));
    QCOMPARE(visitor->disconnects, 0);
}

void tst_RoomBudget::accountsMakeRoomsWithinTheirAllowance()
{
    startServer([](ServerConfig &config) { config.roomsPerAccount = 2; });
    auto mina = signIn(u"mina"_s);
    auto boss = signIn(u"boss"_s);
    QVERIFY(mina && boss);
    // An account's join of an unknown name makes the room, as before, and counts.
    QVERIFY(mina->joinRoom(u"made-by-join"_s));
    mina->client.createRoom(u"made-by-create"_s, RoomKind::Public);
    QTRY_COMPARE(mina->joins.size(), 2);
    QCOMPARE(errorFor(*mina, mina->client.join(u"one-too-many"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.createRoom(u"one-too-many"_s, RoomKind::Public))->code,
             ErrorCode::Forbidden);
    QVERIFY(!m_server->hub()->rooms().contains(u"one-too-many"_s));
    // Staff have no allowance to keep to.
    for (const QString &room : {u"a1"_s, u"a2"_s, u"a3"_s})
        QVERIFY(boss->joinRoom(room));
    QTRY_COMPARE(query(u"SELECT detail FROM audit_log WHERE target = 'made-by-join'"_s).toString(),
                 u"public by join"_s);
    // A room of hers deleted gives room for another.
    QVERIFY(doneFor(*boss, boss->client.deleteRoom(u"made-by-join"_s)));
    QVERIFY(mina->joinRoom(u"another"_s));
}

void tst_RoomBudget::adminsDeleteRooms()
{
    startServer();
    auto boss = signIn(u"boss"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mina && jun);
    mina->client.createRoom(u"dev"_s, RoomKind::Public, u"builds"_s);
    QTRY_COMPARE(mina->joins.size(), 1);
    QVERIFY(jun->joinRoom(u"dev"_s));
    mina->client.sendMessage(u"dev"_s, u"soon gone"_s);
    QTRY_COMPARE(jun->messagesIn(u"dev"_s).size(), 1);
    QSignalSpy minaTold(&mina->client, &ChatClient::roomChanged);
    QSignalSpy junTold(&jun->client, &ChatClient::roomChanged);

    // Refused: a member; a room that is not there; the default room.
    QCOMPARE(errorFor(*mina, mina->client.deleteRoom(u"dev"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.archiveRoom(u"dev"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*boss, boss->client.deleteRoom(u"nowhere"_s))->code, ErrorCode::NoSuchRoom);
    QCOMPARE(errorFor(*boss, boss->client.deleteRoom(u"lobby"_s))->code, ErrorCode::BadRoom);
    QVERIFY(m_server->hub()->rooms().contains(u"dev"_s));
    QCOMPARE(minaTold.size() + junTold.size(), 0);

    // Done by an admin: the members are told and are out of it.
    QVERIFY(doneFor(*boss, boss->client.deleteRoom(u"dev"_s, u"spam"_s)));
    QTRY_COMPARE(junTold.size(), 1);
    QTRY_COMPARE(minaTold.size(), 1);
    const auto event = junTold.first().first().value<RoomChangedEvent>();
    QCOMPARE(event.room, u"dev"_s);
    QCOMPARE(event.change, RoomChange::Deleted);
    QCOMPARE(event.by, u"boss"_s);
    QCOMPARE(event.reason, u"spam"_s);
    QVERIFY(!jun->client.joinedRooms().contains(u"dev"_s));
    QVERIFY(!m_server->hub()->rooms().contains(u"dev"_s));
    QCOMPARE(errorFor(*jun, jun->client.requestHistory(u"dev"_s, 0))->code, ErrorCode::NotJoined);
    const RoomList list = listOnce(*jun);
    QVERIFY(!std::any_of(list.rooms.cbegin(), list.rooms.cend(),
                         [](const RoomInfo &r) { return r.name == u"dev"; }));
    // Gone from the database with its messages; in the audit log with the admin as the actor.
    QTRY_COMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'dev'"_s).toInt(), 0);
    QCOMPARE(query(u"SELECT count(*) FROM messages"_s).toInt(), 0);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || action || ' ' || target || ' ' || detail"
                       " FROM audit_log WHERE action = 'delete_room'"_s)
                     .toString(),
                 u"boss delete_room dev spam"_s);
    QCOMPARE(jun->disconnects + mina->disconnects, 0);

    // A room of the same name made afterwards starts afresh, and survives a restart.
    QVERIFY(mina->joinRoom(u"dev"_s));
    QCOMPARE(mina->joins.last().seq, 0);
    startServer();
    QVERIFY(m_server->hub()->rooms().contains(u"dev"_s));
}

void tst_RoomBudget::archivedRoomsAreReadOnly()
{
    startServer();
    auto boss = signIn(u"boss"_s);
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(boss && mina && jun);
    QVERIFY(mina->joinRoom(u"old"_s));
    mina->client.sendMessage(u"old"_s, u"for the record"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    QSignalSpy told(&mina->client, &ChatClient::roomChanged);

    QVERIFY(doneFor(*boss, boss->client.archiveRoom(u"old"_s)));
    QTRY_COMPARE(told.size(), 1);
    QCOMPARE(told.first().first().value<RoomChangedEvent>().change, RoomChange::Archived);

    // No new messages; the history is still there for the member; no new members.
    mina->client.sendMessage(u"old"_s, u"one more"_s);
    QTRY_VERIFY(std::any_of(mina->errors.cbegin(), mina->errors.cend(),
                            [](const Error &e) { return e.code == ErrorCode::Archived; }));
    QCOMPARE(mina->acks.size(), 1);
    const qsizetype pages = mina->histories.size();
    mina->client.requestHistory(u"old"_s, 0);
    QTRY_COMPARE(mina->histories.size(), pages + 1);
    QCOMPARE(mina->histories.last().messages.size(), 1);
    QCOMPARE(mina->histories.last().messages.first().text, u"for the record"_s);
    QCOMPARE(errorFor(*jun, jun->client.join(u"old"_s))->code, ErrorCode::Archived);
    const RoomList list = listOnce(*jun, u"old"_s);
    QCOMPARE(list.rooms.size(), 1);
    QVERIFY(list.rooms.first().archived);
    QTRY_COMPARE(query(u"SELECT actor || ' ' || action || ' ' || target"
                       " FROM audit_log WHERE action = 'archive_room'"_s)
                     .toString(),
                 u"boss archive_room old"_s);

    // Still archived after a restart.
    startServer();
    jun = signIn(u"jun"_s);
    QVERIFY(jun);
    QCOMPARE(errorFor(*jun, jun->client.join(u"old"_s))->code, ErrorCode::Archived);
}

void tst_RoomBudget::listRoomsComesInPages()
{
    // 5,000 rooms with topics of different lengths, written straight into the database.
    constexpr int Rooms = 5000;
    QStringList made;
    {
        server::SqliteStore store(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY(store.open());
    }
    {
        const QString connection = u"fill"_s;
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY(db.open());
        QVERIFY(db.transaction());
        QSqlQuery insert(db);
        insert.prepare(u"INSERT INTO rooms (name, created_at, kind, topic) VALUES (?, 1, ?, ?)"_s);
        for (int i = 0; i < Rooms; ++i) {
            const QString name = u"Room-%1"_s.arg(i);
            insert.addBindValue(name);
            insert.addBindValue(i % 7 == 0 ? u"announcement"_s : u"public"_s);
            insert.addBindValue(QString(i % 13 * 30, u't'));
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
            made.append(name);
        }
        QVERIFY(db.commit());
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connection);
    }
    constexpr qint64 Budget = 16 * 1024;
    startServer([](ServerConfig &config) { config.listMaxBytes = Budget; });
    auto raw = rawGuest(u"reader"_s);
    QVERIFY(raw);

    // Every room once, in order, each page within the budget; some pages were cut by bytes.
    qsizetype largest = 0;
    int pages = 0;
    bool cutByBytes = false;
    const QList<RoomInfo> rooms = allPages(*raw, {}, &largest, &pages, &cutByBytes);
    QCOMPARE(rooms.size(), Rooms + 1); // and lobby
    QStringList names;
    for (const RoomInfo &room : rooms)
        names.append(room.name);
    QStringList expected = made;
    expected.append(u"lobby"_s);
    std::sort(expected.begin(), expected.end());
    QCOMPARE(names, expected);
    QVERIFY2(largest <= Budget, qPrintable(QString::number(largest)));
    QVERIFY(pages > 10);
    QVERIFY(cutByBytes);

    // A search: the names holding "room-42", without regard to case.
    QStringList matching;
    for (const QString &name : std::as_const(made)) {
        if (name.contains(u"room-42"_s, Qt::CaseInsensitive))
            matching.append(name);
    }
    std::sort(matching.begin(), matching.end());
    QCOMPARE(matching.size(), 111);
    const QList<RoomInfo> found = allPages(*raw, u"ROOM-42"_s, &largest, &pages, &cutByBytes);
    names.clear();
    for (const RoomInfo &room : found)
        names.append(room.name);
    QCOMPARE(names, matching);

    // A limit: that many and "more"; over the maximum is refused.
    auto client = guest(u"counter"_s);
    QVERIFY(client);
    QSignalSpy listed(&client->client, &ChatClient::roomsListed);
    client->client.listRooms({}, u"Room-100"_s, 10);
    QVERIFY(listed.wait(5000));
    const RoomList page = listed.first().first().value<RoomList>();
    QCOMPARE(page.rooms.size(), 10);
    QVERIFY(page.more);
    QVERIFY(page.rooms.first().name > u"Room-100"_s);
    const QString tooMany = client->client.listRooms({}, {}, ServerConfig{}.listMaxRooms + 1);
    QCOMPARE(errorFor(*client, tooMany)->code, ErrorCode::BadField);
    // Without a limit, as older clients ask: the first page, within the budget.
    const RoomList first = listOnce(*client);
    QVERIFY(first.more);
    QVERIFY(!first.rooms.isEmpty());
    QVERIFY(MessageCodec::encode(first).size() <= Budget);
    QCOMPARE(client->disconnects, 0);
}

QTEST_MAIN(tst_RoomBudget)
#include "tst_roombudget.moc"
