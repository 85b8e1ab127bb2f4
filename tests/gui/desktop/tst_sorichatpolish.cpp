// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's rough edges (issue 21), on the real widgets against a real in-process server: the
// status bar (long texts, stale problems, the words after a drop), the member list while
// offline, the registration form, the room list's names, and what the server says, in the
// user's language.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/messagelistmodel.h"
#include "core/monitor.h"
#include "core/roomlistmodel.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/mainwindow.h"
#include "ui/roomdelegate.h"
#include "ui/signindialog.h"
#include "ui/statusbar.h"
#include "windowtest.h"

#include <QtCore/QDateTime>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>
#include <QtCore/QTranslator>
#include <QtGui/QTextDocument>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QToolButton>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

namespace {
bool hangul(const QString &text)
{
    static const QRegularExpression syllable(u"[\\x{AC00}-\\x{D7A3}]"_s);
    return text.contains(syllable);
}

// Whether the widget, as painted now, shows the member list's "online" green anywhere.
bool showsGreen(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            // The dot's inside (its rim is antialiased).
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - 0x2e) < 8 && std::abs(c.green() - 0xa0) < 8
                && std::abs(c.blue() - 0x43) < 8)
                return true;
        }
    }
    return false;
}
} // namespace

class tst_SoriChatPolish : public test::WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void longStatusTextsEndInAnEllipsis();
    void aProblemIsClearedBySuccess();
    void aDropSaysConnectionLostOnce();
    void memberListIsGreyWhileOffline();
    void registrationAsksTwiceAndSaysTheMinimum();
    void roomNamesComeBeforeKindLabels();
    void serverErrorsAreTranslatedByCode();
    void confirmationsAreTranslated();
    void aBanIsExplainedAndStaysAfterTheClose();
    void aMuteSaysWhereAndUntilWhenInLocalTime();
    void anInvitationOffersAWayIn();
    void anAnnouncementShowsOnceAboveTheRoom();
    void aRenamedRoomIsFollowed();
    void aMemberTakenOutOfARoomLosesIt();
    void aPromotionGivesTheMenusAtOnce();
    void anAdminPromotesAndTakesOutFromTheMemberMenu();

private:
    bool signIn(const QString &name); // as a guest, showing lobby
};

void tst_SoriChatPolish::init()
{
    openWindow({{u"boss"_s, Role::Admin}, {u"kim"_s, Role::Member}});
}

void tst_SoriChatPolish::cleanup()
{
    closeWindow();
}

bool tst_SoriChatPolish::signIn(const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url(), name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

// What a tooltip shows: Qt renders one that looks like HTML as HTML.
static QString shownAs(const QString &toolTip)
{
    if (!Qt::mightBeRichText(toolTip))
        return toolTip;
    QTextDocument document;
    document.setHtml(toolTip);
    return document.toPlainText();
}

void tst_SoriChatPolish::longStatusTextsEndInAnEllipsis()
{
    // A kick with a long reason: the status line would be wider than the window. It ends in
    // "…", keeps the window's width, and the whole text is its tooltip.
    m_window->resize(640, 480);
    QVERIFY(signIn(u"mina"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    // Markup in it is text, in the tooltip too.
    const QString reason =
        u"posting the same <b>link</b> again and again after being asked to stop, three times"_s;
    boss->client.kick(u"mina"_s, reason);
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Offline);
    auto *status = m_window->findChild<ElidedLabel *>(u"connectionStatus"_s);
    QVERIFY(status);
    QVERIFY2(status->text().contains(reason), qPrintable(status->text()));
    QTRY_VERIFY2(status->shownText().endsWith(u"…"_s), qPrintable(status->shownText()));
    QCOMPARE(shownAs(status->toolTip()), status->text());
    QCOMPARE(m_window->width(), 640);
    QVERIFY(status->geometry().right() <= m_window->statusBar()->width());

    // A passing message too long for what is left: the same.
    auto *bar = qobject_cast<StatusBar *>(m_window->statusBar());
    QVERIFY(bar);
    const QString notice = u"A notice that goes on and on: "_s + reason + u", and on."_s;
    Q_EMIT m_session->noticed(notice);
    QCOMPARE(bar->currentMessage(), notice);
    QTRY_VERIFY2(bar->shownMessage().endsWith(u"…"_s), qPrintable(bar->shownMessage()));
    QVERIFY(bar->shownMessage().size() > 20); // the connection status gave up room
    QVERIFY(bar->fontMetrics().horizontalAdvance(bar->shownMessage())
            <= bar->messageRect().width());
    QCOMPARE(shownAs(bar->toolTip()), notice);
    QCOMPARE(m_window->width(), 640);
}

void tst_SoriChatPolish::aProblemIsClearedBySuccess()
{
    // A refused join stays in the status bar until something succeeds: then it goes, and does
    // not linger for its whole time.
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    boss->client.createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_VERIFY(!boss->joins.isEmpty() && boss->joins.last().room == u"team"_s);

    m_session->joinRoom(u"team"_s);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(u"Could not join team"_s));
    m_session->send(u"hello"_s); // delivered: the refusal is old news
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), QString());

    // And after a reconnect.
    m_session->joinRoom(u"team"_s);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(u"Could not join team"_s));
    m_session->client()->setReconnectPolicy({100, 400, 10'000});
    boss.reset();
    const quint16 port = m_server->serverPort();
    startServer([port](server::ServerConfig &config) { config.port = port; });
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().startsWith(u"Connected"_s), 15'000);
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), QString());
}

void tst_SoriChatPolish::aDropSaysConnectionLostOnce()
{
    // The network goes (no close frame): "Connection lost." and what comes next, not "Connection
    // lost: connection lost" or "Connection lost: the connection was lost".
    test::CuttableProxy proxy;
    QVERIFY(proxy.listen(m_server->serverPort()));
    m_session->client()->setReconnectPolicy({60'000, 120'000, 10'000, 200, 300});
    QUrl through = url();
    through.setPort(proxy.port());
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(through, u"mina"_s);
    QVERIFY(signedIn.wait(5000));
    proxy.cut();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->connection() == ChatSession::Connection::Reconnecting,
                             10'000);
    const QString status = m_window->statusText();
    QVERIFY2(status.startsWith(u"Connection lost. Reconnecting"_s), qPrintable(status));
    QCOMPARE(status.count(u"lost"_s, Qt::CaseInsensitive), 1);
}

void tst_SoriChatPolish::memberListIsGreyWhileOffline()
{
    // Green dots while connected; while the connection is down the list is as of the drop, so
    // nobody is shown as online (as in the web client).
    QVERIFY(signIn(u"mina"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    auto *members = m_window->findChild<QListView *>(u"memberList"_s);
    QVERIFY(members);
    QTRY_COMPARE(members->model()->rowCount(), 2);
    QTRY_VERIFY(showsGreen(members->viewport()));

    m_session->client()->setReconnectPolicy({60'000, 120'000, 10'000});
    QSignalSpy stopped(m_server.get(), &server::ChatServer::stopped);
    m_server->stop(u"maintenance"_s);
    QVERIFY(stopped.wait(5000));
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Reconnecting);
    // Still shown, greyed: the list as of the drop. A stopping server closes one connection
    // after the other, so jun's "left" (shutdown) may or may not have come before ours closed;
    // mina herself is listed either way.
    QVERIFY(members->model()->rowCount() >= 1);
    QVERIFY(!members->model()
                 ->match(members->model()->index(0, 0), Qt::DisplayRole, u"mina"_s)
                 .isEmpty());
    QTRY_VERIFY(!showsGreen(members->viewport()));
}

void tst_SoriChatPolish::registrationAsksTwiceAndSaysTheMinimum()
{
    SignInDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setMode(SignInDialog::Mode::Account);
    auto *server = dialog.findChild<QLineEdit *>(u"serverEdit"_s);
    auto *account = dialog.findChild<QLineEdit *>(u"accountEdit"_s);
    auto *password = dialog.findChild<QLineEdit *>(u"passwordEdit"_s);
    auto *confirm = dialog.findChild<QLineEdit *>(u"confirmEdit"_s);
    auto *hint = dialog.findChild<QLabel *>(u"passwordHint"_s);
    auto *create = dialog.findChild<QCheckBox *>(u"registerCheck"_s);
    auto *status = dialog.findChild<QLabel *>(u"statusLabel"_s);
    QVERIFY(server && account && password && confirm && hint && create && status);
    server->setText(url().toString());

    // Signing in to an account asks for no confirmation.
    QVERIFY(!confirm->isVisible());
    QVERIFY(!hint->isVisible());
    create->setChecked(true);
    QVERIFY(confirm->isVisible());
    QVERIFY(hint->isVisible());
    QVERIFY2(hint->text().contains(u"8"_s), qPrintable(hint->text()));

    // Too short: said at once, nothing sent.
    account->setText(u"yuna"_s);
    password->setText(u"short"_s);
    confirm->setText(u"short"_s);
    dialog.accept();
    QVERIFY2(status->text().contains(u"8"_s), qPrintable(status->text()));
    QCOMPARE(m_session->client()->state(), ChatClient::State::Disconnected);

    // Two different passwords: the same.
    password->setText(u"yuna password 1"_s);
    confirm->setText(u"yuna password 2"_s);
    dialog.accept();
    QVERIFY2(status->text().contains(u"differ"_s), qPrintable(status->text()));
    QCOMPARE(m_session->client()->state(), ChatClient::State::Disconnected);
    QVERIFY(confirm->text().isEmpty());
    QVERIFY(dialog.isVisible());

    // The same twice: the account is made.
    password->setText(u"yuna password 1"_s);
    confirm->setText(u"yuna password 1"_s);
    dialog.accept();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), 10'000);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_session->userName(), u"yuna"_s);
    QVERIFY(m_session->isAccount());
}

void tst_SoriChatPolish::roomNamesComeBeforeKindLabels()
{
    // "#news", an announcement room with unread messages, in a narrow list: the name shows in
    // full; the kind label gets what is left (and only there is room, all of it).
    RoomListModel rooms;
    RoomListModel::Entry news;
    news.room = u"news"_s;
    news.kind = RoomKind::Announcement;
    news.joined = true;
    rooms.upsert(news);
    rooms.addUnread(u"news"_s);
    rooms.addUnread(u"news"_s);
    QListView list;
    list.setModel(&rooms);
    auto *delegate = new RoomDelegate(&list);
    list.setItemDelegate(delegate);
    const QModelIndex index = rooms.index(0);

    for (const int width : {90, 110, 130, 170, 400}) {
        list.resize(width, 200);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QStyleOptionViewItem option;
        option.initFrom(list.viewport());
        option.widget = &list;
        option.rect = list.visualRect(index);
        const RoomDelegate::Layout layout = delegate->layout(option, index);
        QCOMPARE(layout.badge, u"2"_s);
        QVERIFY2(layout.name == u"#news"_s, qPrintable(u"%1 at %2"_s.arg(layout.name).arg(width)));
        QVERIFY(layout.nameRect.right() < layout.badgeRect.left());
        if (!layout.kind.isEmpty()) {
            QVERIFY(layout.nameRect.right() < layout.kindRect.left());
            QVERIFY(layout.kindRect.right() < layout.badgeRect.left());
        }
        if (width >= 400)
            QCOMPARE(layout.kind, u"announcements"_s);
    }
}

void tst_SoriChatPolish::serverErrorsAreTranslatedByCode()
{
    // Every code this client knows has its own sentence: the server's English message is the
    // fallback only for a code it does not know.
    const QString english = u"SERVER'S OWN WORDS"_s;
    for (int code = int(ErrorCode::Internal); code <= int(ErrorCode::BadAttachment); ++code) {
        const QString text = ChatSession::errorText(Error{{}, ErrorCode(code), english});
        QVERIFY2(!text.isEmpty() && !text.contains(english), qPrintable(QString::number(code)));
    }
    QCOMPARE(
        ChatSession::errorText(Error{{}, ErrorCode(int(ErrorCode::BadAttachment) + 1), english}),
        english);

    // In Korean, a refused join says it in Korean, not in the server's English.
    QTranslator korean;
    QVERIFY(korean.load(u":/i18n/sori-chat_ko.qm"_s));
    QCoreApplication::installTranslator(&korean);
    const auto removeTranslator =
        qScopeGuard([&korean] { QCoreApplication::removeTranslator(&korean); });
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    boss->client.createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_VERIFY(!boss->joins.isEmpty() && boss->joins.last().room == u"team"_s);
    QSignalSpy noticed(m_session.get(), &ChatSession::noticed);
    m_session->joinRoom(u"team"_s);
    QTRY_COMPARE(noticed.size(), 1);
    const QString notice = noticed.first().at(0).toString();
    QVERIFY2(hangul(notice), qPrintable(notice));
    QVERIFY2(!notice.contains(u"private"_s, Qt::CaseInsensitive), qPrintable(notice));
    QCOMPARE(noticed.first().at(1).value<ChatSession::Notice>(), ChatSession::Notice::Problem);
}

void tst_SoriChatPolish::confirmationsAreTranslated()
{
    // A moderation done is a sentence, never "Done: kick"; an action this client does not know
    // is still not shown by its wire name.
    QVERIFY(signInAs(u"boss"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QSignalSpy noticed(m_session.get(), &ChatSession::noticed);
    m_session->kick(u"jun"_s);
    QTRY_COMPARE(noticed.size(), 1);
    QCOMPARE(noticed.first().at(0).toString(), u"Kicked."_s);
    Q_EMIT m_session->client()->done(Done{{}, u"frobnicate"_s});
    QCOMPARE(noticed.size(), 2);
    QVERIFY(!noticed.last().at(0).toString().contains(u"frobnicate"_s));
}

void tst_SoriChatPolish::aBanIsExplainedAndStaysAfterTheClose()
{
    // The sanction event before the close: by whom, until when (local time, not UTC) and the
    // moderator's words as typed; still there once the connection is closed.
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    QSignalSpy sanctioned(m_session.get(), &ChatSession::sanctioned);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    boss->client.ban(u"kim"_s, 60, u"spam, again & again"_s);
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Offline);
    QCOMPARE(sanctioned.size(), 1);
    const auto sanction = sanctioned.first().at(0).value<SanctionEvent>();
    QCOMPARE(sanction.action, SanctionAction::Ban);
    QCOMPARE(sanction.by, u"boss"_s);
    QVERIFY(sanction.until >= before + 59 * 60'000);
    const QString status = m_window->statusText();
    QVERIFY2(status.contains(u"You were banned by boss until %1."_s.arg(
                 ChatSession::localTime(sanction.until))),
             qPrintable(status));
    QVERIFY2(status.contains(u"spam, again & again"_s), qPrintable(status));
    QVERIFY(!status.contains(
        QDateTime::fromMSecsSinceEpoch(sanction.until, Qt::UTC).toString(Qt::ISODate)));

    // The same ban said again when kim tries to come back: translated, with the local time
    // and the reason as typed.
    const QString refused =
        ChatSession::errorText(Error{{},
                                     ErrorCode::Banned,
                                     u"kim is banned until 2026-12-06T14:02:40Z."_s,
                                     sanction.until,
                                     u"spam, again & again"_s,
                                     0});
    QVERIFY(refused.contains(ChatSession::localTime(sanction.until)));
    QVERIFY(refused.contains(u"spam, again & again"_s));
    QVERIFY(!refused.contains(u"2026-12-06T14:02:40Z"_s));
}

void tst_SoriChatPolish::aMuteSaysWhereAndUntilWhenInLocalTime()
{
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    QSignalSpy sanctioned(m_session.get(), &ChatSession::sanctioned);
    boss->client.mute(u"kim"_s, u"lobby"_s, 10);
    QTRY_COMPARE(sanctioned.size(), 1);
    const auto sanction = sanctioned.first().at(0).value<SanctionEvent>();
    QCOMPARE(sanction.action, SanctionAction::Mute);
    QCOMPARE(sanction.room, u"lobby"_s);
    QVERIFY(sanction.until > 0);
    QCOMPARE(m_window->statusBar()->currentMessage(),
             u"You were muted in #lobby by boss until %1."_s.arg(
                 ChatSession::localTime(sanction.until)));
    QCOMPARE(m_session->connection(), ChatSession::Connection::Connected); // still here

    // What kim writes now is refused, and the mark says until when, in local time.
    const QString msgId = m_session->send(u"can I still talk?"_s);
    MessageListModel *messages = m_session->messages(u"lobby"_s);
    QTRY_COMPARE(messages->entry(messages->rowOfMsgId(msgId)).delivery,
                 MessageListModel::Delivery::Failed);
    const QString why = messages->entry(messages->rowOfMsgId(msgId)).error;
    QVERIFY2(why.contains(ChatSession::localTime(sanction.until)), qPrintable(why));
}

void tst_SoriChatPolish::anInvitationOffersAWayIn()
{
    // boss lets kim into the private room team: kim is told, and one click enters it.
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    boss->client.createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_VERIFY(!boss->joins.isEmpty() && boss->joins.last().room == u"team"_s);
    boss->client.invite(u"team"_s, u"kim"_s);
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"boss invited you to #team."_s);
    auto *join = m_window->findChild<QPushButton *>(u"joinInvitedButton"_s);
    QVERIFY(join);
    QVERIFY(join->isVisible());
    QVERIFY(join->text().contains(u"#team"_s));
    QTest::mouseClick(join, Qt::LeftButton);
    QTRY_COMPARE(m_session->currentRoom(), u"team"_s);
    QVERIFY(!join->isVisible());
}

void tst_SoriChatPolish::anAnnouncementShowsOnceAboveTheRoom()
{
    // In two rooms, an announcement to everyone comes once, in a bar above whatever room is
    // open, with its time in local time.
    QVERIFY(signIn(u"mina"_s));
    m_session->joinRoom(u"design"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"design"_s);
    QSignalSpy announced(m_session.get(), &ChatSession::announced);
    server::Monitor monitor(m_server.get());
    monitor.announce({}, u"The server restarts at noon."_s);
    QTRY_COMPARE(announced.size(), 1);
    auto *banner = m_window->findChild<QLabel *>(u"announcementBanner"_s);
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"The server restarts at noon."_s),
             qPrintable(banner->text()));
    const auto announcement = announced.first().at(0).value<AnnouncementEvent>();
    QVERIFY(banner->text().contains(ChatSession::localTime(announcement.time)));
    // A round trip after it: nothing more came (not once per room).
    m_session->send(u"noted"_s); // to the open room, design
    QTRY_COMPARE(m_session->messages(u"design"_s)->rowCount(), 1);
    QCOMPARE(announced.size(), 1);
    // Not a message in each room: shown once, in the bar.
    QCOMPARE(m_session->messages(u"lobby"_s)->rowCount(), 0);
    m_session->setCurrentRoom(u"lobby"_s);
    QVERIFY(banner->isVisible());
    QTest::mouseClick(m_window->findChild<QToolButton *>(u"dismissAnnouncement"_s), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
}

QTEST_MAIN(tst_SoriChatPolish)
void tst_SoriChatPolish::aRenamedRoomIsFollowed()
{
    // kim has dev open when boss renames it: kim's window goes along to builds, with what was
    // said there, and dev is no longer listed.
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(boss);
    boss->client.sendMessage(u"dev"_s, u"before the rename"_s);
    QTRY_COMPARE(boss->acks.size(), 1);
    m_session->joinRoom(u"dev"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"dev"_s);
    QTRY_COMPARE(m_session->messages(u"dev"_s)->rowCount(), 1);
    // What is shown stays where it is: the same messages, the same place in the list.
    const MessageListModel *shown = m_session->messages(u"dev"_s);
    const int row = m_session->rooms()->rowOf(u"dev"_s);

    QVERIFY(test::doneFor(*boss, boss->client.renameRoom(u"dev"_s, u"builds"_s)));
    QTRY_COMPARE(m_session->currentRoom(), u"builds"_s);
    QCOMPARE(m_session->messages(u"builds"_s), shown);
    QCOMPARE(m_session->rooms()->rowOf(u"builds"_s), row);
    QCOMPARE(m_window->findChild<QLabel *>(u"roomHeader"_s)->text(), u"#builds"_s);
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"boss renamed #dev to #builds."_s);
    QTRY_COMPARE(m_session->messages(u"builds"_s)->rowCount(), 1);
    QCOMPARE(m_session->messages(u"builds"_s)
                 ->data(m_session->messages(u"builds"_s)->index(0), MessageListModel::TextRole)
                 .toString(),
             u"before the rename"_s);
    QVERIFY(!m_session->rooms()->rooms().contains(u"dev"_s));
    // And it goes on there.
    m_session->send(u"after the rename"_s);
    QTRY_VERIFY(std::any_of(boss->messages.cbegin(), boss->messages.cend(), [](const auto &m) {
        return m.room == u"builds"_s && m.text == u"after the rename"_s;
    }));

    // A room renamed while another is shown keeps its unread count.
    m_session->joinRoom(u"lobby"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"lobby"_s);
    boss->client.sendMessage(u"builds"_s, u"one"_s);
    boss->client.sendMessage(u"builds"_s, u"two"_s);
    QTRY_COMPARE(m_session->rooms()->entry(u"builds"_s)->unread, 2);
    QVERIFY(test::doneFor(*boss, boss->client.renameRoom(u"builds"_s, u"ci"_s)));
    QTRY_VERIFY(m_session->rooms()->entry(u"ci"_s));
    QCOMPARE(m_session->rooms()->entry(u"ci"_s)->unread, 2);
    QCOMPARE(m_session->rooms()->rowOf(u"ci"_s), row);
    QCOMPARE(m_session->currentRoom(), u"lobby"_s);
    QCOMPARE(m_session->messages(u"ci"_s)->rowCount(), 4);
}

void tst_SoriChatPolish::aMemberTakenOutOfARoomLosesIt()
{
    QVERIFY(signInAs(u"kim"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    boss->client.createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_VERIFY(!boss->joins.isEmpty() && boss->joins.last().room == u"team"_s);
    boss->client.invite(u"team"_s, u"kim"_s);
    QTRY_VERIFY(!boss->invitations.isEmpty());
    m_session->joinRoom(u"team"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"team"_s);

    QVERIFY(test::doneFor(*boss, boss->client.removeMember(u"team"_s, u"kim"_s)));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"boss took you out of #team."_s);
    QVERIFY(!m_session->rooms()->rooms().contains(u"team"_s));
    QCOMPARE(m_session->currentRoom(), u"lobby"_s);
    // It stays out: a join is refused.
    m_session->joinRoom(u"team"_s);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(u"Could not join team"_s));
}

void tst_SoriChatPolish::aPromotionGivesTheMenusAtOnce()
{
    QVERIFY(signInAs(u"kim"_s));
    QVERIFY(!m_session->canModerate());
    auto boss = test::signedIn(url(), u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    QVERIFY(test::doneFor(*boss, boss->client.setRole(u"kim"_s, Role::Moderator)));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"boss made you a moderator."_s);
    QVERIFY(m_session->canModerate());
    QVERIFY(test::doneFor(*boss, boss->client.setRole(u"kim"_s, Role::Member)));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"boss made you a member again."_s);
    QVERIFY(!m_session->canModerate());
}

void tst_SoriChatPolish::anAdminPromotesAndTakesOutFromTheMemberMenu()
{
    // boss, in the window, makes kim a moderator from kim's menu, then a member again, and in
    // the private room team takes kim out.
    QVERIFY(signInAs(u"boss"_s));
    auto kim = test::signedIn(url(), u"kim"_s, {u"lobby"_s});
    QVERIFY(kim);
    auto *members = m_window->findChild<QListView *>(u"memberList"_s);
    QVERIFY(members);
    const auto kimIndex = [members] {
        for (int row = 0; row < members->model()->rowCount(); ++row) {
            const QModelIndex index = members->model()->index(row, 0);
            if (index.data(MemberListModel::NameRole).toString() == u"kim"_s)
                return index;
        }
        return QModelIndex();
    };
    const auto trigger = [&](const QString &text) {
        const auto menu = m_window->memberMenu(kimIndex());
        if (!menu)
            return false;
        for (QAction *action : menu->actions()) {
            if (action->text().remove(u'&') == text) {
                action->trigger();
                return true;
            }
        }
        return false;
    };
    // The role is known once whois answered.
    QTRY_VERIFY(kimIndex().isValid() && kimIndex().data(MemberListModel::UserRoleRole).isValid());
    QVERIFY(trigger(u"Make kim a moderator"_s));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Role changed."_s);
    QTRY_COMPARE(kimIndex().data(MemberListModel::UserRoleRole).value<Role>(), Role::Moderator);
    QVERIFY(trigger(u"Make kim a member again"_s));
    QTRY_COMPARE(kimIndex().data(MemberListModel::UserRoleRole).value<Role>(), Role::Member);
    // No such entry in a public room.
    QVERIFY(!trigger(u"Take kim out of this room"_s));

    m_session->createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_COMPARE(m_session->currentRoom(), u"team"_s);
    m_session->invite(u"team"_s, u"kim"_s);
    QTRY_VERIFY(!kim->invitations.isEmpty());
    QVERIFY(kim->joinRoom(u"team"_s));
    QTRY_VERIFY(kimIndex().isValid());
    QVERIFY(trigger(u"Take kim out of this room"_s));
    QTRY_VERIFY(!kimIndex().isValid());
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Taken out of the room."_s);
    // And kim cannot come back in.
    const auto refused = test::errorFor(*kim, kim->client.join(u"team"_s));
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::NotMember);
}

#include "tst_sorichatpolish.moc"
