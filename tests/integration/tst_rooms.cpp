// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Kinds of rooms and who may do what in them: public, private (by invitation) and announcement
// rooms; each permission has a case that is allowed and one that is refused.

#include "core/authservice.h"
#include "core/chatserver.h"
#include "core/hub.h"
#include "core/sqlitestore.h"
#include "testclients.h"

#include <QtCore/QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::ChatServer;
using sori::server::ServerConfig;
using sori::test::RecordingClient;

class tst_Rooms : public QObject
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

private:
    void startServer();
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->serverPort())); }
    // Signs in (registering the account first unless it exists).
    std::unique_ptr<RecordingClient> member(const QString &name);
    std::unique_ptr<RecordingClient> guest(const QString &name);
    // The first error or reply after `id`, waiting for it.
    static std::optional<Error> errorFor(RecordingClient &client, const QString &id);

    std::unique_ptr<QTemporaryDir> m_dataDir; // a new one for each test
    std::unique_ptr<ChatServer> m_server;
};

void tst_Rooms::init()
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
    {
        // The admin exists before the server starts, as --create-admin makes it.
        sori::server::SqliteStore store(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY(store.open());
        qint64 id = -1;
        QVERIFY(store.createAccount(u"boss"_s,
                                    sori::server::AuthService::hashPassword(u"boss password"_s),
                                    Role::Admin, 1, &id));
    }
    startServer();
}

void tst_Rooms::cleanup()
{
    m_server.reset();
}

void tst_Rooms::startServer()
{
    m_server.reset();
    ServerConfig config;
    config.bindAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir = m_dataDir->path();
    config.workerThreads = 2;
    m_server = std::make_unique<ChatServer>(config);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
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

std::unique_ptr<RecordingClient> tst_Rooms::guest(const QString &name)
{
    auto client = std::make_unique<RecordingClient>();
    if (!client->greet(url(), name))
        return {};
    return client;
}

std::optional<Error> tst_Rooms::errorFor(RecordingClient &client, const QString &id)
{
    const auto find = [&]() -> std::optional<Error> {
        for (const Error &error : std::as_const(client.errors)) {
            if (error.id == id)
                return error;
        }
        return std::nullopt;
    };
    [[maybe_unused]] const bool found = QTest::qWaitFor([&] { return find().has_value(); }, 5000);
    return find();
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
}

void tst_Rooms::onlyAccountsCreateRooms()
{
    auto visitor = guest(u"visitor"_s);
    QVERIFY(visitor);
    const QString id = visitor->client.createRoom(u"mine"_s, RoomKind::Public);
    QCOMPARE(errorFor(*visitor, id)->code, ErrorCode::Forbidden);
    QVERIFY(!m_server->hub()->rooms().contains(u"mine"_s));
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
    QVERIFY(jun->joinRoom(u"team"_s));
    QCOMPARE(jun->joins.last().kind, RoomKind::Private);
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

QTEST_GUILESS_MAIN(tst_Rooms)
#include "tst_rooms.moc"
