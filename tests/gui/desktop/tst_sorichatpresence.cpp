// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Presence and people in sori-chat (issue 22): the status menu (online, away, do not
// disturb) as the others see it in their member list, away by itself after the idle time,
// no pop-ups while "do not disturb"; and "New conversation": people searched by name as one
// types, online or not (last seen in local time), a page at a time, opening a direct
// conversation. Against a real in-process server, offscreen.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/memberlistmodel.h"
#include "core/roomlistmodel.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/mainwindow.h"
#include "ui/memberdelegate.h"
#include "ui/peopledialog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatPresence : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusMenuIsSeenInTheOthersMemberList();
    void idleTurnsAwayAndBack();
    void doNotDisturbSilencesNotifications();
    void peopleSearchOpensADirectConversation();
    void peopleComeAPageAtATime();

private:
    bool signInAs(const QString &account);

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatPresence::init()
{
    newDataDir({{u"mina"_s, Role::Member},
                {u"jun"_s, Role::Member},
                {u"kim"_s, Role::Moderator},
                {u"kimchi"_s, Role::Member}});
    startServer();
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(900, 600);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChatPresence::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool tst_SoriChatPresence::signInAs(const QString &account)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signIn(url(), account, account + u" password"_s);
    return signedIn.wait(10'000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

void tst_SoriChatPresence::statusMenuIsSeenInTheOthersMemberList()
{
    QVERIFY(signInAs(u"mina"_s));
    // jun, in another sori-chat, looks at lobby's member list.
    ChatSettings junSettings(m_dataDir->filePath(u"jun.ini"_s));
    ChatSession jun(&junSettings);
    QSignalSpy junIn(&jun, &ChatSession::signedIn);
    jun.signIn(url(), u"jun"_s, u"jun password"_s);
    QVERIFY(junIn.wait(10'000));
    QTRY_COMPARE(jun.currentRoom(), u"lobby"_s);
    MemberListModel *members = jun.members(u"lobby"_s);
    QTRY_VERIFY(members->rowOf(u"mina"_s) >= 0);
    const auto statusOfMina = [&] {
        return members->index(members->rowOf(u"mina"_s))
            .data(MemberListModel::StatusRole)
            .value<PresenceStatus>();
    };
    QCOMPARE(statusOfMina(), PresenceStatus::Online);

    QMenu *menu = m_window->statusMenu();
    QVERIFY(menu);
    menu->findChild<QAction *>(u"status-away"_s)->trigger();
    QCOMPARE(m_session->status(), PresenceStatus::Away);
    QTRY_COMPARE_WITH_TIMEOUT(statusOfMina(), PresenceStatus::Away, 5000);
    const QModelIndex row = members->index(members->rowOf(u"mina"_s));
    QCOMPARE(MemberDelegate::detailText(row), u"away"_s);
    // One's own row says so too.
    MemberListModel *own = m_session->members(u"lobby"_s);
    QCOMPARE(
        own->index(own->rowOf(u"mina"_s)).data(MemberListModel::StatusRole).value<PresenceStatus>(),
        PresenceStatus::Away);

    menu->findChild<QAction *>(u"status-dnd"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(statusOfMina(), PresenceStatus::Dnd, 5000);
    QCOMPARE(MemberDelegate::detailText(members->index(members->rowOf(u"mina"_s))),
             u"do not disturb"_s);

    // Somebody who comes later sees it in the list they join to.
    ChatSettings kimSettings(m_dataDir->filePath(u"kim.ini"_s));
    ChatSession kim(&kimSettings);
    QSignalSpy kimIn(&kim, &ChatSession::signedIn);
    kim.signIn(url(), u"kim"_s, u"kim password"_s);
    QVERIFY(kimIn.wait(10'000));
    MemberListModel *kimMembers = kim.members(u"lobby"_s);
    QTRY_VERIFY(kimMembers->rowOf(u"mina"_s) >= 0);
    QCOMPARE(kimMembers->index(kimMembers->rowOf(u"mina"_s))
                 .data(MemberListModel::StatusRole)
                 .value<PresenceStatus>(),
             PresenceStatus::Dnd);

    menu->findChild<QAction *>(u"status-online"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(statusOfMina(), PresenceStatus::Online, 5000);
    QCOMPARE(MemberDelegate::detailText(members->index(members->rowOf(u"mina"_s))), u"desktop"_s);
}

void tst_SoriChatPresence::idleTurnsAwayAndBack()
{
    QCOMPARE(m_settings->idleAwayMinutes(), 10); // the default
    QVERIFY(signInAs(u"mina"_s));
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    m_session->setIdleInterval(300);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->isIdle(), 3000);
    QCOMPARE(m_session->status(), PresenceStatus::Away);
    QCOMPARE(m_session->chosenStatus(), PresenceStatus::Online);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(jun->presence.cbegin(), jun->presence.cend(),
                                         [](const PresenceEvent &p) {
                                             return p.change == PresenceChange::Status
                                                 && p.member.name == u"mina"_s
                                                 && p.member.status == PresenceStatus::Away;
                                         }),
                             5000);
    // A key pressed in the window: back.
    m_session->setIdleInterval(60'000);
    QTest::keyClick(m_window->focusWidget() ? m_window->focusWidget() : m_window.get(),
                    Qt::Key_Shift);
    QVERIFY(!m_session->isIdle());
    QCOMPARE(m_session->status(), PresenceStatus::Online);
    QTRY_VERIFY_WITH_TIMEOUT(jun->presence.last().change == PresenceChange::Status
                                 && jun->presence.last().member.status == PresenceStatus::Online,
                             5000);
}

void tst_SoriChatPresence::doNotDisturbSilencesNotifications()
{
    QVERIFY(signInAs(u"mina"_s));
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QSignalSpy notifications(m_session.get(), &ChatSession::notificationRequested);
    m_session->setWindowActive(false);
    jun->client.sendMessage(u"lobby"_s, u"first"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifications.size(), 1, 5000);

    m_session->setStatus(PresenceStatus::Dnd);
    jun->client.sendMessage(u"lobby"_s, u"second, @mina"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->rooms()->totalUnread(), 2, 5000);
    QCOMPARE(notifications.size(), 1); // counted, not shown

    m_session->setStatus(PresenceStatus::Online);
    jun->client.sendMessage(u"lobby"_s, u"third"_s);
    QTRY_COMPARE_WITH_TIMEOUT(notifications.size(), 2, 5000);
}

void tst_SoriChatPresence::peopleSearchOpensADirectConversation()
{
    QVERIFY(signInAs(u"mina"_s));
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    // kim was here once, and is gone.
    {
        auto kim = test::signedIn(url(), u"kim"_s, {u"lobby"_s});
        QVERIFY(kim);
        kim->client.setStatus(PresenceStatus::Away);
        kim->client.disconnectFromServer();
        QTRY_VERIFY(kim->client.state() == ChatClient::State::Disconnected);
    }

    PeopleDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    auto *list = dialog.findChild<QTreeWidget *>(u"peopleList"_s);
    // Everybody at first, by name; oneself not to be chosen.
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 4, 5000);
    QCOMPARE(list->topLevelItem(0)->text(0), u"jun"_s);
    QCOMPARE(list->topLevelItem(0)->text(1), u"online"_s);
    QCOMPARE(list->topLevelItem(3)->text(0), u"mina"_s);
    QVERIFY(list->topLevelItem(3)->isDisabled());

    // As one types: kim, offline, last seen (local time); kimchi never seen.
    auto *search = dialog.findChild<QLineEdit *>(u"peopleSearchEdit"_s);
    QTest::keyClicks(search, u"KIM"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 2, 5000);
    QCOMPARE(list->topLevelItem(0)->text(0), u"kim"_s);
    QTRY_VERIFY_WITH_TIMEOUT(list->topLevelItem(0)->text(1).startsWith(u"last seen "_s), 5000);
    QCOMPARE(list->topLevelItem(0)->text(2), u"moderator"_s);
    QCOMPARE(list->topLevelItem(1)->text(0), u"kimchi"_s);
    QCOMPARE(list->topLevelItem(1)->text(1), u"offline"_s);
    Person seen;
    seen.name = u"kim"_s;
    seen.lastSeen = QDateTime(QDate(2026, 5, 6), QTime(7, 8)).toMSecsSinceEpoch();
    QCOMPARE(PeopleDialog::presenceText(seen),
             u"last seen %1"_s.arg(ChatSession::localTime(seen.lastSeen)));

    // Chosen: the direct conversation opens, and a message reaches kim at the next sign-in.
    list->setCurrentItem(list->topLevelItem(0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.person(), u"kim"_s);

    // The same from the window's "New conversation…": the conversation with kim is shown.
    bool chosen = false;
    QTimer::singleShot(0, this, [&] {
        auto *people = qobject_cast<PeopleDialog *>(QApplication::activeModalWidget());
        if (!people)
            return;
        auto *names = people->findChild<QTreeWidget *>(u"peopleList"_s);
        people->findChild<QLineEdit *>(u"peopleSearchEdit"_s)->setText(u"kim"_s);
        if (QTest::qWaitFor([&] { return names->topLevelItemCount() == 2; }, 5000)) {
            names->setCurrentItem(names->topLevelItem(0));
            chosen = true;
            people->accept();
        } else {
            people->reject();
        }
    });
    m_window->findChild<QAction *>(u"newConversation"_s)->trigger();
    QVERIFY(chosen);
    QCOMPARE(m_session->currentRoom(), directRoomName(u"mina"_s, u"kim"_s));
}

void tst_SoriChatPresence::peopleComeAPageAtATime()
{
    QVERIFY(signInAs(u"mina"_s));
    PeopleDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    auto *list = dialog.findChild<QTreeWidget *>(u"peopleList"_s);
    auto *more = dialog.findChild<QPushButton *>(u"morePeopleButton"_s);
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 4, 5000);
    // A page that says more (as for a server of many): "Show more" asks after the last name.
    Person a;
    a.name = u"aaron"_s;
    a.online = true;
    a.status = PresenceStatus::Dnd;
    Q_EMIT m_session->peopleFound({}, {a}, false, true);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(1), u"do not disturb"_s);
    QVERIFY(more->isVisible());
    QSignalSpy found(m_session.get(), &ChatSession::peopleFound);
    more->click();
    QVERIFY(found.wait(5000));
    QCOMPARE(found.first().at(2).toBool(), true); // appended
    QCOMPARE(list->topLevelItemCount(), 5); // aaron, then everybody after "aaron"
    QVERIFY(!more->isVisible());
}

QTEST_MAIN(tst_SoriChatPresence)
#include "tst_sorichatpresence.moc"
