// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Kinds of rooms and who may do what in them: public, private (by invitation) and announcement
// rooms; each permission has a case that is allowed and one that is refused.

#include "core/chat/hub.h"
#include "fixtures.h"

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::test::errorFor;
using sori::test::RecordingClient;

class tst_Rooms : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void publicRoomWithATopic();
    void onlyAccountsCreateRooms();
    void privateRoomsNeedAnInvitation();
    void announcementRoomsAreForStaffToPost();
    void roomsSurviveARestart();
    void directMessagesReachOnlineAndOfflineAccounts();
    void directMessagesAreChecked();

private:
    // Signs in (registering the account first unless it exists).
    std::unique_ptr<RecordingClient> member(const QString &name);
    std::unique_ptr<RecordingClient> guest(const QString &name) { return test::guest(url(), name); }
};

void tst_Rooms::init()
{
    // A new data directory for each test; the admin exists before the server starts, as
    // --create-admin makes it.
    newDataDir({{u"boss"_s, Role::Admin}});
    startServer();
}

void tst_Rooms::cleanup()
{
    m_server.reset();
}

std::unique_ptr<RecordingClient> tst_Rooms::member(const QString &name)
{
    auto client = std::make_unique<RecordingClient>();
    const QString password = name + u" password"_s;
    const auto done = [&] {
        return client->client.state() == ChatClient::State::Ready || !client->errors.isEmpty();
    };
    client->client.registerAccount(url(), name, password);
    if (!QTest::qWaitFor(done, 10000))
        return {};
    if (client->client.state() != ChatClient::State::Ready) {
        if (client->errors.first().code != ErrorCode::NameTaken)
            return {};
        client = std::make_unique<RecordingClient>();
        client->client.signIn(url(), name, password);
        if (!QTest::qWaitFor(done, 10000) || client->client.state() != ChatClient::State::Ready)
            return {};
    }
    return client;
}

void tst_Rooms::publicRoomWithATopic()
{
    auto mina = member(u"mina"_s);
    QVERIFY(mina);
    mina->client.createRoom(u"dev"_s, RoomKind::Public, u"Builds & releases"_s);
    QTRY_COMPARE(mina->joins.size(), 1);
    QCOMPARE(mina->joins.first().room, u"dev"_s);
    QCOMPARE(mina->joins.first().kind, RoomKind::Public);
    QCOMPARE(mina->joins.first().topic, u"Builds & releases"_s);

    // Anyone, a guest too, sees it and may join.
    auto visitor = guest(u"visitor"_s);
    QVERIFY(visitor);
    QSignalSpy listed(&visitor->client, &ChatClient::roomsListed);
    visitor->client.listRooms();
    QVERIFY(listed.wait(5000));
    const auto rooms = listed.first().first().value<RoomList>().rooms;
    const auto dev = std::find_if(rooms.cbegin(), rooms.cend(),
                                  [](const RoomInfo &r) { return r.name == u"dev"; });
    QVERIFY(dev != rooms.cend());
    QCOMPARE(dev->topic, u"Builds & releases"_s);
    QCOMPARE(dev->online, 1);
    QVERIFY(visitor->joinRoom(u"dev"_s));

    // A name that is taken is refused.
    const QString again = mina->client.createRoom(u"dev"_s, RoomKind::Public);
    QCOMPARE(errorFor(*mina, again)->code, ErrorCode::RoomExists);
    QTRY_COMPARE(query(u"SELECT kind || ':' || topic FROM rooms WHERE name = 'dev'"_s).toString(),
                 u"public:Builds & releases"_s);
    QCOMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'dev'"_s).toInt(), 1);
}

void tst_Rooms::onlyAccountsCreateRooms()
{
    auto visitor = guest(u"visitor"_s);
    QVERIFY(visitor);
    const QString id = visitor->client.createRoom(u"mine"_s, RoomKind::Public);
    QVERIFY(visitor->joinRoom(u"lobby"_s)); // queued to storage after the refused creation
    QCOMPARE(errorFor(*visitor, id)->code, ErrorCode::Forbidden);
    QVERIFY(!m_server->hub()->rooms().contains(u"mine"_s));
    // Storage is behind the hub: a room it stored would be there by now, after the lobby.
    QTRY_COMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'lobby'"_s).toInt(), 1);
    QCOMPARE(query(u"SELECT count(*) FROM rooms WHERE name = 'mine'"_s).toInt(), 0);
}

void tst_Rooms::privateRoomsNeedAnInvitation()
{
    auto mina = member(u"mina"_s);
    auto jun = member(u"jun"_s);
    auto seo = member(u"seo"_s);
    auto visitor = guest(u"visitor"_s);
    QVERIFY(mina && jun && seo && visitor);
    mina->client.createRoom(u"team"_s, RoomKind::Private, u"just us"_s);
    QTRY_COMPARE(mina->joins.size(), 1);

    // Outsiders neither see nor enter it.
    QSignalSpy listed(&jun->client, &ChatClient::roomsListed);
    jun->client.listRooms();
    QVERIFY(listed.wait(5000));
    for (const RoomInfo &room : listed.first().first().value<RoomList>().rooms)
        QVERIFY(room.name != u"team");
    const QString refused = jun->client.join(u"team"_s);
    QCOMPARE(errorFor(*jun, refused)->code, ErrorCode::NotMember);
    const QString refusedGuest = visitor->client.join(u"team"_s);
    QCOMPARE(errorFor(*visitor, refusedGuest)->code, ErrorCode::NotMember);
    // Nor invite others into it.
    const QString notTheirs = jun->client.invite(u"team"_s, u"seo"_s);
    QCOMPARE(errorFor(*jun, notTheirs)->code, ErrorCode::NoSuchRoom);

    // A member invites: then it may enter.
    QSignalSpy invited(&mina->client, &ChatClient::invited);
    mina->client.invite(u"team"_s, u"JUN"_s);
    QVERIFY(invited.wait(5000));
    // The answer names the account as it is spelled, whatever the case asked for.
    QCOMPARE(invited.first().first().value<Invited>().user, u"jun"_s);
    QVERIFY(jun->joinRoom(u"team"_s));
    QCOMPARE(jun->joins.last().kind, RoomKind::Private);
    QTRY_COMPARE(query(u"SELECT group_concat(a.name, ',') FROM room_members m"
                       " JOIN accounts a ON a.id = m.account_id"
                       " JOIN rooms r ON r.id = m.room_id WHERE r.name = 'team'"
                       " ORDER BY a.name"_s)
                     .toString()
                     .split(u',')
                     .size(),
                 2); // mina (the creator) and jun; not seo
    // Guests have no account to be invited with; unknown names are refused.
    const QString noAccount = mina->client.invite(u"team"_s, u"visitor"_s);
    QCOMPARE(errorFor(*mina, noAccount)->code, ErrorCode::NoSuchUser);
    // The admin enters any room.
    auto boss = member(u"boss"_s);
    QVERIFY(boss);
    QCOMPARE(boss->welcome.role, Role::Admin);
    QVERIFY(boss->joinRoom(u"team"_s));
}

void tst_Rooms::announcementRoomsAreForStaffToPost()
{
    auto mina = member(u"mina"_s);
    auto boss = member(u"boss"_s);
    QVERIFY(mina && boss);
    const QString refused = mina->client.createRoom(u"news"_s, RoomKind::Announcement);
    QCOMPARE(errorFor(*mina, refused)->code, ErrorCode::Forbidden);

    boss->client.createRoom(u"news"_s, RoomKind::Announcement, u"Releases"_s);
    QTRY_COMPARE(boss->joins.size(), 1);
    QVERIFY(mina->joinRoom(u"news"_s));
    const QString post = mina->client.sendMessage(u"news"_s, u"may I?"_s);
    QCOMPARE(errorFor(*mina, post)->code, ErrorCode::Forbidden);
    boss->client.sendMessage(u"news"_s, u"Sori 0.2 is out"_s);
    QTRY_COMPARE(mina->messages.size(), 1);
    QCOMPARE(mina->messages.first().text, u"Sori 0.2 is out"_s);
    QCOMPARE(boss->messages.size(), 1); // mina's refused post reached nobody
    QTRY_COMPARE(query(u"SELECT group_concat(sender, ',') FROM messages m"
                       " JOIN rooms r ON r.id = m.room_id WHERE r.name = 'news'"_s)
                     .toString(),
                 u"boss"_s); // nor the database
}

void tst_Rooms::roomsSurviveARestart()
{
    {
        auto mina = member(u"mina"_s);
        auto jun = member(u"jun"_s);
        QVERIFY(mina && jun);
        mina->client.createRoom(u"team"_s, RoomKind::Private, u"just us"_s);
        QTRY_COMPARE(mina->joins.size(), 1);
        QSignalSpy invited(&mina->client, &ChatClient::invited);
        mina->client.invite(u"team"_s, u"jun"_s);
        QVERIFY(invited.wait(5000));
    }
    startServer();
    auto jun = member(u"jun"_s);
    auto seo = member(u"seo"_s);
    QVERIFY(jun && seo);
    QVERIFY(jun->joinRoom(u"team"_s));
    QCOMPARE(jun->joins.last().topic, u"just us"_s);
    const QString refused = seo->client.join(u"team"_s);
    QCOMPARE(errorFor(*seo, refused)->code, ErrorCode::NotMember);
}

void tst_Rooms::directMessagesReachOnlineAndOfflineAccounts()
{
    auto mina = member(u"mina"_s);
    auto jun = member(u"jun"_s);
    QVERIFY(mina && jun);
    const QString conversation = u"dm:jun:mina"_s;

    // Both online: the conversation opens on both sides, then the message arrives.
    const QString first = mina->client.sendDirect(u"Jun"_s, u"lunch?"_s);
    QTRY_COMPARE(jun->messages.size(), 1);
    QCOMPARE(jun->joins.last().room, conversation);
    QCOMPARE(jun->joins.last().kind, RoomKind::Direct);
    QCOMPARE(jun->messages.first().room, conversation);
    QCOMPARE(jun->messages.first().from, u"mina"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    QCOMPARE(mina->acks.first().msgId, first);
    QCOMPARE(mina->acks.first().room, conversation);
    // An answer goes into the same conversation.
    jun->client.sendMessage(conversation, u"yes, 12:30"_s);
    QTRY_COMPARE(mina->messagesIn(conversation).size(), 2);

    // jun goes offline; what mina says meanwhile is there when jun is back.
    jun.reset();
    QTRY_COMPARE(m_server->hub()->members(conversation).size(), 1);
    mina->client.sendDirect(u"jun"_s, u"running late, 10 min"_s);
    QTRY_COMPARE(mina->acks.size(), 2);
    for (int round = 0; round < 2; ++round) {
        auto back = member(u"jun"_s);
        QVERIFY(back);
        QTRY_VERIFY(!back->histories.isEmpty());
        const auto joined = std::find_if(back->joins.cbegin(), back->joins.cend(),
                                         [&](const Joined &j) { return j.room == conversation; });
        QVERIFY(joined != back->joins.cend());
        const History backlog = back->histories.first();
        QCOMPARE(backlog.room, conversation);
        QCOMPARE(backlog.messages.size(), 3);
        QCOMPARE(backlog.messages.last().text, u"running late, 10 min"_s);
        if (round == 0) {
            back.reset();
            mina.reset();
            startServer(); // and after a restart, from the database
        }
    }
}

void tst_Rooms::directMessagesAreChecked()
{
    auto mina = member(u"mina"_s);
    auto jun = member(u"jun"_s);
    auto seo = member(u"seo"_s);
    auto visitor = guest(u"visitor"_s);
    QVERIFY(mina && jun && seo && visitor);
    mina->client.sendDirect(u"jun"_s, u"just between us"_s);
    QTRY_COMPARE(jun->messages.size(), 1);

    QCOMPARE(errorFor(*visitor, visitor->client.sendDirect(u"jun"_s, u"hi"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorFor(*mina, mina->client.sendDirect(u"nobody"_s, u"hi"_s))->code,
             ErrorCode::NoSuchUser);
    QCOMPARE(errorFor(*mina, mina->client.sendDirect(u"mina"_s, u"hi me"_s))->code,
             ErrorCode::BadField);
    // A third party can neither join the conversation, nor read it, nor post to it, nor see it.
    QCOMPARE(errorFor(*seo, seo->client.join(u"dm:jun:mina"_s))->code, ErrorCode::BadRoom);
    QCOMPARE(errorFor(*seo, seo->client.requestHistory(u"dm:jun:mina"_s, 0, 10))->code,
             ErrorCode::NotJoined);
    QCOMPARE(errorFor(*seo, seo->client.sendMessage(u"dm:jun:mina"_s, u"psst"_s))->code,
             ErrorCode::NotJoined);
    QSignalSpy listed(&seo->client, &ChatClient::roomsListed);
    seo->client.listRooms();
    QVERIFY(listed.wait(5000));
    for (const RoomInfo &room : listed.first().first().value<RoomList>().rooms)
        QVERIFY(room.kind != RoomKind::Direct);
    QVERIFY(seo->messages.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Rooms)
#include "tst_rooms.moc"
