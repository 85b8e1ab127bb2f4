// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's state and models against a real server: every model under
// QAbstractItemModelTester, and what a user would see in them.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/roomlistmodel.h"
#include "fixtures.h"

#include <QtGui/QTextDocument>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;
using Delivery = MessageListModel::Delivery;
using Tester = QAbstractItemModelTester;

class tst_ChatModels : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void membersFollowPresenceAndTyping();
    void ownMessagesArePendingThenDelivered();
    void refusedMessageIsMarkedAndCanBeRetried();
    void historyIsAWindowThatPagesBothWays();
    void newerPagesCutByBytesLeaveNoHole();
    void unreadCountsAndNotifications();
    void signInIsRememberedUntilSignOut();
    void directConversationStartsWithTheFirstMessage();
    void signInFailuresAreReported();
    void aTopicIsATextTooltip();

private:
    std::unique_ptr<ChatSession> guestSession(const QString &name);
    std::unique_ptr<RecordingClient> guest(const QString &name, const QString &room = u"lobby"_s)
    {
        return test::guest(url(), name, {room});
    }
    std::unique_ptr<RecordingClient> account(const QString &name)
    {
        return test::signedIn(url(), name);
    }

    std::unique_ptr<ChatSettings> m_settings;
};

void tst_ChatModels::init()
{
    newDataDir({{u"boss"_s, Role::Admin}, {u"kim"_s, Role::Member}});
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    startServer();
}

void tst_ChatModels::cleanup()
{
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

std::unique_ptr<ChatSession> tst_ChatModels::guestSession(const QString &name)
{
    auto session = std::make_unique<ChatSession>(m_settings.get());
    QSignalSpy signedIn(session.get(), &ChatSession::signedIn);
    session->signInAsGuest(url(), name);
    if (!signedIn.wait(5000))
        return {};
    // Signed in: it joins lobby by itself and shows it.
    if (!QTest::qWaitFor([&] { return session->currentRoom() == u"lobby"_s; }, 5000))
        return {};
    return session;
}

void tst_ChatModels::membersFollowPresenceAndTyping()
{
    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    MemberListModel *members = mina->members(u"lobby"_s);
    Tester tester(members, Tester::FailureReportingMode::QtTest);
    Tester roomTester(mina->rooms(), Tester::FailureReportingMode::QtTest);
    QCOMPARE(members->names(), QStringList{u"mina"_s});
    QCOMPARE(mina->rooms()->rooms(), QStringList{u"lobby"_s});

    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    QTRY_COMPARE(members->names(), (QStringList{u"jun"_s, u"mina"_s}));
    const QModelIndex junRow = members->index(members->rowOf(u"jun"_s));
    QCOMPARE(junRow.data(MemberListModel::SelfRole).toBool(), false);
    QCOMPARE(members->index(members->rowOf(u"mina"_s)).data(MemberListModel::SelfRole).toBool(),
             true);
    QCOMPARE(junRow.data(MemberListModel::ClientKindRole).value<ClientKind>(), ClientKind::Desktop);
    // Who they are on the server is looked up: a guest.
    const auto junRole = [members] {
        return members->index(members->rowOf(u"jun"_s)).data(MemberListModel::UserRoleRole);
    };
    QTRY_VERIFY(junRole().isValid());
    QCOMPARE(junRole().value<Role>(), Role::Guest);

    QSignalSpy typing(mina.get(), &ChatSession::typingChanged);
    jun->client.setTyping(u"lobby"_s, true);
    QTRY_COMPARE(mina->typing(u"lobby"_s), QStringList{u"jun"_s});
    QVERIFY(members->index(members->rowOf(u"jun"_s)).data(MemberListModel::TypingRole).toBool());
    QCOMPARE(typing.last().at(1).toStringList(), QStringList{u"jun"_s});
    jun->client.setTyping(u"lobby"_s, false);
    QTRY_VERIFY(mina->typing(u"lobby"_s).isEmpty());

    // A second one comes, the first goes.
    auto ari = guest(u"ari"_s);
    QVERIFY(ari);
    QTRY_COMPARE(members->names(), (QStringList{u"ari"_s, u"jun"_s, u"mina"_s}));
    jun->client.leave(u"lobby"_s);
    QTRY_COMPARE(members->names(), (QStringList{u"ari"_s, u"mina"_s}));
    ari->client.disconnectFromServer();
    QTRY_COMPARE(members->names(), QStringList{u"mina"_s});
}

void tst_ChatModels::ownMessagesArePendingThenDelivered()
{
    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    MessageListModel *messages = mina->messages(u"lobby"_s);
    Tester tester(messages, Tester::FailureReportingMode::QtTest);

    const QString msgId = mina->send(u"hello, jun"_s);
    QVERIFY(!msgId.isEmpty());
    // At once: there, marked pending, not yet numbered.
    QCOMPARE(messages->rowCount(), 1);
    QModelIndex row = messages->index(0);
    QCOMPARE(row.data(MessageListModel::TextRole).toString(), u"hello, jun"_s);
    QCOMPARE(row.data(MessageListModel::SenderRole).toString(), u"mina"_s);
    QCOMPARE(row.data(MessageListModel::DeliveryRole).value<Delivery>(), Delivery::Pending);
    QCOMPARE(row.data(MessageListModel::SeqRole).toLongLong(), 0);
    QVERIFY(row.data(MessageListModel::OwnRole).toBool());

    // The server acknowledges it: delivered, with the number jun saw.
    QTRY_COMPARE(messages->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 1);
    QCOMPARE(jun->messages.first().text, u"hello, jun"_s);
    QCOMPARE(messages->index(0).data(MessageListModel::SeqRole).toLongLong(),
             jun->messages.first().seq);
    QCOMPARE(messages->rowCount(), 1); // the event and the ack made no second row

    // Consecutive messages of one sender are one group; another sender starts a new one.
    mina->send(u"second"_s);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 2);
    jun->client.sendMessage(u"lobby"_s, u"hi mina"_s);
    QTRY_COMPARE(messages->rowCount(), 3);
    QTRY_COMPARE(messages->index(1).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Delivered);
    QCOMPARE(messages->index(0).data(MessageListModel::FirstInGroupRole).toBool(), true);
    QCOMPARE(messages->index(1).data(MessageListModel::FirstInGroupRole).toBool(), false);
    QCOMPARE(messages->index(2).data(MessageListModel::FirstInGroupRole).toBool(), true);
    QCOMPARE(messages->index(2).data(MessageListModel::SenderRole).toString(), u"jun"_s);
    QCOMPARE(messages->index(2).data(MessageListModel::OwnRole).toBool(), false);
    QCOMPARE(messages->index(2).data(MessageListModel::TextRole).toString(), u"hi mina"_s);
    // In order of their numbers.
    QVERIFY(messages->entry(0).seq < messages->entry(1).seq);
    QVERIFY(messages->entry(1).seq < messages->entry(2).seq);
}

void tst_ChatModels::refusedMessageIsMarkedAndCanBeRetried()
{
    // An announcement room: the admin makes it; a guest reads and may not post.
    auto boss = account(u"boss"_s);
    QVERIFY(boss);
    boss->client.createRoom(u"news"_s, RoomKind::Announcement, u"What is new"_s);
    QTRY_COMPARE(boss->joins.size(), 1);

    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    mina->joinRoom(u"news"_s);
    QTRY_COMPARE(mina->currentRoom(), u"news"_s);
    QCOMPARE(mina->rooms()->entry(u"news"_s)->kind, RoomKind::Announcement);
    QCOMPARE(mina->rooms()->entry(u"news"_s)->topic, u"What is new"_s);
    MessageListModel *messages = mina->messages(u"news"_s);
    Tester tester(messages, Tester::FailureReportingMode::QtTest);

    const QString msgId = mina->send(u"may I?"_s);
    QCOMPARE(messages->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Pending);
    QTRY_COMPARE(messages->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Failed);
    QVERIFY(!messages->index(0).data(MessageListModel::ErrorRole).toString().isEmpty());
    QCOMPARE(messages->index(0).data(MessageListModel::SeqRole).toLongLong(), 0);

    // Retry sends it again under a new id: pending, then refused again; still one row.
    mina->retry(u"news"_s, msgId);
    QCOMPARE(messages->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
             Delivery::Pending);
    QVERIFY(messages->index(0).data(MessageListModel::MsgIdRole).toString() != msgId);
    QTRY_COMPARE(messages->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
                 Delivery::Failed);
    QCOMPARE(messages->rowCount(), 1);

    // The admin's post arrives, and is above the refused one.
    boss->client.sendMessage(u"news"_s, u"release on Friday"_s);
    QTRY_COMPARE(messages->rowCount(), 2);
    QCOMPARE(messages->index(0).data(MessageListModel::TextRole).toString(),
             u"release on Friday"_s);
    QCOMPARE(messages->index(1).data(MessageListModel::TextRole).toString(), u"may I?"_s);
}

void tst_ChatModels::historyIsAWindowThatPagesBothWays()
{
    auto filler = guest(u"filler"_s);
    QVERIFY(filler);
    for (int i = 1; i <= 300; ++i)
        filler->client.sendMessage(u"lobby"_s, u"message %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(filler->acks.size(), 300, 20000);

    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    MessageListModel *messages = mina->messages(u"lobby"_s);
    Tester tester(messages, Tester::FailureReportingMode::QtTest);
    const auto contiguous = [messages](qint64 first, qint64 last) {
        if (messages->rowCount() != last - first + 1)
            return false;
        for (int row = 0; row < messages->rowCount(); ++row) {
            if (messages->entry(row).seq != first + row
                || messages->entry(row).text != u"message %1"_s.arg(first + row))
                return false;
        }
        return true;
    };
    // The backlog after joining: the latest 50.
    QTRY_COMPARE(messages->rowCount(), 50);
    QVERIFY(contiguous(251, 300));
    QVERIFY(messages->hasOlder());
    QVERIFY(!messages->hasNewer());

    // Scrolling up loads a page; the window keeps 120 rows, so the newest go.
    messages->setMaxRows(120);
    messages->requestOlder();
    QTRY_VERIFY(!messages->isLoading());
    QVERIFY(contiguous(151, 270));
    QVERIFY(messages->hasNewer());

    // A live message beyond the window waits until the window comes down to it.
    filler->client.sendMessage(u"lobby"_s, u"message 301"_s);
    QTRY_COMPARE(messages->latestSeq(), 301);
    QCOMPARE(messages->rowCount(), 120);
    messages->requestNewer();
    QTRY_VERIFY(!messages->isLoading());
    QVERIFY(contiguous(182, 301));
    QVERIFY(!messages->hasNewer());
    QVERIFY(messages->hasOlder());

    // At the bottom again, live messages come in and the oldest make room.
    filler->client.sendMessage(u"lobby"_s, u"message 302"_s);
    QTRY_COMPARE(messages->lastSeq(), 302);
    QVERIFY(contiguous(183, 302));

    // Up to the first message: then there is nothing older.
    messages->setMaxRows(1000);
    while (messages->hasOlder()) {
        messages->requestOlder();
        QTRY_VERIFY(!messages->isLoading());
    }
    QVERIFY(contiguous(1, 302));
}

// Pages cut by bytes (history/max-page-bytes) hold fewer messages than asked for: coming back
// down must still leave no hole between the window and the page after it.
void tst_ChatModels::newerPagesCutByBytesLeaveNoHole()
{
    m_server.reset();
    m_server = test::startServer(m_dataDir->path(), [](server::ServerConfig &config) {
        config.maxHistoryPageBytes = 4096; // about 3 of these messages a page
    });
    QVERIFY(m_server);
    auto filler = guest(u"filler"_s);
    QVERIFY(filler);
    const QString padding(1200, u'x');
    for (int i = 1; i <= 60; ++i)
        filler->client.sendMessage(u"lobby"_s, u"message %1 "_s.arg(i) + padding);
    QTRY_COMPARE_WITH_TIMEOUT(filler->acks.size(), 60, 20000);

    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    MessageListModel *messages = mina->messages(u"lobby"_s);
    QTRY_VERIFY(messages->rowCount() > 0);
    QCOMPARE(messages->lastSeq(), 60);
    // Up to the first message, with a window too small for all: the newest go.
    messages->setMaxRows(20);
    while (messages->hasOlder()) {
        messages->requestOlder();
        QTRY_VERIFY(!messages->isLoading());
    }
    QCOMPARE(messages->firstSeq(), 1);
    QVERIFY(messages->hasNewer());
    // Down again, page by page: every message once, in order, up to the newest.
    QList<qint64> seen;
    for (int row = 0; row < messages->rowCount(); ++row)
        seen.append(messages->entry(row).seq);
    while (messages->hasNewer()) {
        messages->requestNewer();
        QTRY_VERIFY(!messages->isLoading());
        for (int row = 0; row < messages->rowCount(); ++row) {
            const qint64 seq = messages->entry(row).seq;
            if (seq > seen.last())
                seen.append(seq);
        }
        for (int row = 1; row < messages->rowCount(); ++row)
            QCOMPARE(messages->entry(row).seq, messages->entry(row - 1).seq + 1);
    }
    QCOMPARE(seen.size(), 60);
    QCOMPARE(seen.last(), 60);
    QVERIFY(messages->entry(messages->rowCount() - 1).text.startsWith(u"message 60 "_s));
}

void tst_ChatModels::unreadCountsAndNotifications()
{
    auto mina = guestSession(u"mina"_s);
    QVERIFY(mina);
    RoomListModel *rooms = mina->rooms();
    Tester tester(rooms, Tester::FailureReportingMode::QtTest);
    mina->joinRoom(u"dev"_s);
    QTRY_COMPARE(mina->currentRoom(), u"dev"_s);
    QCOMPARE(rooms->rooms(), (QStringList{u"lobby"_s, u"dev"_s}));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    QSignalSpy unread(mina.get(), &ChatSession::totalUnreadChanged);
    QSignalSpy notifications(mina.get(), &ChatSession::notificationRequested);

    // A message in a room that is not shown counts as unread; no notification while the
    // window is active.
    jun->client.sendMessage(u"lobby"_s, u"anyone in lobby?"_s);
    QTRY_COMPARE(rooms->totalUnread(), 1);
    QCOMPARE(rooms->index(rooms->rowOf(u"lobby"_s)).data(RoomListModel::UnreadRole).toInt(), 1);
    QCOMPARE(unread.last().first().toInt(), 1);
    QCOMPARE(notifications.size(), 0);
    mina->setCurrentRoom(u"lobby"_s);
    QCOMPARE(rooms->totalUnread(), 0);
    QCOMPARE(unread.last().first().toInt(), 0);

    // The window goes to the background: messages notify, in the shown room too.
    mina->setWindowActive(false);
    jun->client.sendMessage(u"lobby"_s, u"are you there?"_s);
    QTRY_COMPARE(notifications.size(), 1);
    QCOMPARE(notifications.first().at(0).toString(), u"lobby"_s);
    QCOMPARE(notifications.first().at(1).toString(), u"jun"_s);
    QCOMPARE(notifications.first().at(2).toString(), u"are you there?"_s);
    QCOMPARE(rooms->totalUnread(), 1);

    // The room set to call for nothing: counted as unread (the bold name), but neither badge
    // nor notification.
    const QModelIndex lobby = rooms->index(rooms->rowOf(u"lobby"_s));
    mina->setNotifyLevel(u"lobby"_s, NotifyLevel::None);
    QCOMPARE(lobby.data(RoomListModel::NotifyRole).value<NotifyLevel>(), NotifyLevel::None);
    QCOMPARE(rooms->totalUnread(), 0);
    QCOMPARE(unread.last().first().toInt(), 0);
    jun->client.sendMessage(u"lobby"_s, u"hello?"_s);
    QTRY_COMPARE(lobby.data(RoomListModel::UnreadRole).toInt(), 2);
    QCOMPARE(lobby.data(RoomListModel::BadgeRole).toInt(), 0);
    QCOMPARE(rooms->totalUnread(), 0);
    QCOMPARE(notifications.size(), 1);

    // Back to the window: the shown room is read.
    mina->setWindowActive(true);
    QCOMPARE(lobby.data(RoomListModel::UnreadRole).toInt(), 0);
}

void tst_ChatModels::signInIsRememberedUntilSignOut()
{
    {
        ChatSession mina(m_settings.get());
        QSignalSpy signedIn(&mina, &ChatSession::signedIn);
        mina.registerAccount(url(), u"mina"_s, u"mina's password"_s);
        QVERIFY(signedIn.wait(10000));
        QCOMPARE(mina.role(), Role::Member);
        QTRY_COMPARE(mina.currentRoom(), u"lobby"_s);
        mina.joinRoom(u"dev"_s);
        QTRY_COMPARE(mina.currentRoom(), u"dev"_s);
    }
    QCOMPARE(m_settings->serverUrl(), url());
    QCOMPARE(m_settings->userName(), u"mina"_s);
    QCOMPARE(m_settings->signInMode(), ChatSettings::SignInMode::Account);
    QVERIFY(!m_settings->token().isEmpty());
    QCOMPARE(m_settings->rooms(), (QStringList{u"lobby"_s, u"dev"_s}));

    // The next start signs in with the token, no password, and is back in the same rooms.
    ChatSession again(m_settings.get());
    QSignalSpy signedIn(&again, &ChatSession::signedIn);
    QVERIFY(again.resumeStoredSignIn());
    QVERIFY(signedIn.wait(5000));
    QCOMPARE(again.userName(), u"mina"_s);
    QTRY_COMPARE(again.rooms()->rooms(), (QStringList{u"lobby"_s, u"dev"_s}));

    // Signing out forgets the token, here and on the server.
    const QString token = m_settings->token();
    QSignalSpy signedOut(&again, &ChatSession::signedOut);
    again.signOut();
    QCOMPARE(signedOut.size(), 1);
    QVERIFY(m_settings->token().isEmpty());
    QCOMPARE(again.rooms()->rowCount(), 0);
    QTRY_COMPARE(again.connection(), ChatSession::Connection::Offline);
    ChatSession third(m_settings.get());
    QVERIFY(!third.resumeStoredSignIn());
    RecordingClient stale;
    stale.client.resumeSession(url(), token);
    QTRY_COMPARE(stale.errors.size(), 1);
    QCOMPARE(stale.errors.first().code, ErrorCode::BadToken);
}

void tst_ChatModels::directConversationStartsWithTheFirstMessage()
{
    auto kim = account(u"kim"_s);
    QVERIFY(kim);
    ChatSession mina(m_settings.get());
    QSignalSpy signedIn(&mina, &ChatSession::signedIn);
    mina.registerAccount(url(), u"mina"_s, u"mina's password"_s);
    QVERIFY(signedIn.wait(10000));
    QTRY_COMPARE(mina.currentRoom(), u"lobby"_s);
    Tester tester(mina.rooms(), Tester::FailureReportingMode::QtTest);

    // Staff are known as such in the member list.
    auto boss = account(u"boss"_s);
    QVERIFY(boss);
    QVERIFY(boss->joinRoom(u"lobby"_s));
    MemberListModel *members = mina.members(u"lobby"_s);
    QTRY_VERIFY(members->rowOf(u"boss"_s) >= 0);
    QTRY_COMPARE(
        members->index(members->rowOf(u"boss"_s)).data(MemberListModel::UserRoleRole).value<Role>(),
        Role::Admin);
    QCOMPARE(mina.userRole(u"BOSS"_s), Role::Admin);

    const QString room = mina.openDirect(u"kim"_s);
    QCOMPARE(room, u"dm:kim:mina"_s);
    QCOMPARE(mina.currentRoom(), room);
    const QModelIndex index = mina.rooms()->index(mina.rooms()->rowOf(room));
    QCOMPARE(index.data(Qt::DisplayRole).toString(), u"kim"_s);
    QCOMPARE(index.data(RoomListModel::JoinedRole).toBool(), false);

    mina.send(u"lunch?"_s);
    QTRY_COMPARE(kim->messagesIn(room).size(), 1);
    QCOMPARE(kim->messagesIn(room).first().text, u"lunch?"_s);
    QTRY_COMPARE(
        mina.rooms()->index(mina.rooms()->rowOf(room)).data(RoomListModel::JoinedRole).toBool(),
        true);
    QTRY_COMPARE(
        mina.messages(room)->index(0).data(MessageListModel::DeliveryRole).value<Delivery>(),
        Delivery::Delivered);

    kim->client.sendDirect(u"mina"_s, u"yes, at noon"_s);
    QTRY_COMPARE(mina.messages(room)->rowCount(), 2);
    QCOMPARE(mina.messages(room)->index(1).data(MessageListModel::TextRole).toString(),
             u"yes, at noon"_s);
    QCOMPARE(mina.rooms()->rowCount(), 2); // lobby and the conversation, once
}

void tst_ChatModels::signInFailuresAreReported()
{
    // A taken nickname: the server's reason, and the connection is not kept trying.
    auto ari = guest(u"ari"_s);
    QVERIFY(ari);
    ChatSession session(m_settings.get());
    QSignalSpy failed(&session, &ChatSession::signInFailed);
    session.signInAsGuest(url(), u"ari"_s);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<ErrorCode>(), ErrorCode::NameTaken);
    QTRY_COMPARE(session.connection(), ChatSession::Connection::Offline);

    // A wrong password.
    session.signIn(url(), u"kim"_s, u"not kim's password"_s);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.last().at(0).value<ErrorCode>(), ErrorCode::BadCredentials);

    // No server there: said once, and no retrying in the background.
    const QUrl nowhere = url();
    m_server.reset();
    session.signInAsGuest(nowhere, u"mina"_s);
    QVERIFY(failed.wait(10000));
    QTRY_COMPARE(session.connection(), ChatSession::Connection::Offline);
    QCOMPARE(session.client()->state(), ChatClient::State::Disconnected);
    QCOMPARE(failed.size(), 3);
}

QTEST_GUILESS_MAIN(tst_ChatModels)
// A room's topic is anybody's text: its tooltip shows it as written, markup and all, rather
// than let Qt render it as HTML.
void tst_ChatModels::aTopicIsATextTooltip()
{
    RoomListModel rooms;
    const QString topic = u"<b>bold</b> & <img src=\"x.png\">  two spaces"_s;
    rooms.upsert({u"news"_s, RoomKind::Public, topic});
    const QString toolTip = rooms.index(0).data(Qt::ToolTipRole).toString();
    QTextDocument shown;
    if (Qt::mightBeRichText(toolTip))
        shown.setHtml(toolTip);
    else
        shown.setPlainText(toolTip);
    QCOMPARE(shown.toPlainText(), topic);
    QCOMPARE(rooms.index(0).data(RoomListModel::TopicRole).toString(), topic);
}

#include "tst_chatmodels.moc"
