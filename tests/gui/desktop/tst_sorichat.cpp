// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's real widgets, driven with QTest against a real in-process server and a second
// client: sign in with the dialog, type, press Enter; see the others' messages and presence;
// lose the server and come back; pending, delivered and refused marks.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "ui/composer.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/messageview.h"
#include "ui/signindialog.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QTranslator>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStatusBar>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::server::ChatServer;
using sori::test::RecordingClient;
using Delivery = MessageListModel::Delivery;

namespace {
bool hangul(const QString &text)
{
    static const QRegularExpression syllable(u"[\\x{AC00}-\\x{D7A3}]"_s);
    return text.contains(syllable);
}
} // namespace

class tst_SoriChat : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void signInTypeAndReceive();
    void linksAreClickableAndTextStaysText();
    void memberListFollowsPresence();
    void unreadCountInTheTitle();
    void reconnectNowCatchesUp();
    void reconnectsByItself();
    void pendingDeliveredAndRefusedMarks();
    void moderationMenusOnlyForModerators();
    void commandLineStartsStraightInARoom();
    void koreanTranslationIsComplete();
    void languageIsChosenFromTheMenu();
    void inviteToAPrivateRoom();
    void directConversationShowsWhetherThePeerIsOnline();
    void longHistoryScrollsThroughAWindow();
    void slowDownShowsInTheStatusBar();
    void messagesShowTheSendersBadge();

private:
    // A window signed in as the guest `name`, showing lobby.
    bool signIn(const QString &name);
    std::unique_ptr<RecordingClient> guest(const QString &name, const QString &room = u"lobby"_s)
    {
        return test::guest(url(), name, {room});
    }
    std::unique_ptr<RecordingClient> account(const QString &name)
    {
        return test::signedIn(url(), name, {u"lobby"_s});
    }
    void type(const QString &text); // into the composer, then Enter
    QStringList texts() const; // what the message view shows, top to bottom
    int rowOf(const QString &text) const; // in the message view, -1 if it is not there
    QStringList memberNames() const;
    void restartServer(); // stops the server, starts a new one on the same port and data

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChat::init()
{
    newDataDir({{u"boss"_s, Role::Admin}});
    startServer();
    QVERIFY(m_server);
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChat::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool tst_SoriChat::signIn(const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url(), name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

void tst_SoriChat::type(const QString &text)
{
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QVERIFY(composer);
    QVERIFY(composer->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
}

QStringList tst_SoriChat::texts() const
{
    const auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QStringList result;
    if (!view || !view->model())
        return result;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        result.append(view->model()->index(row, 0).data(MessageListModel::TextRole).toString());
    return result;
}

int tst_SoriChat::rowOf(const QString &text) const
{
    return int(texts().indexOf(text));
}

QStringList tst_SoriChat::memberNames() const
{
    const auto *view = m_window->findChild<QListView *>(u"memberList"_s);
    QStringList result;
    if (!view || !view->model())
        return result;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        result.append(view->model()->index(row, 0).data().toString());
    return result;
}

void tst_SoriChat::restartServer()
{
    const quint16 port = m_server->serverPort();
    QSignalSpy stopped(m_server.get(), &ChatServer::stopped);
    m_server->stop(u"maintenance"_s);
    QVERIFY(stopped.wait(5000));
    startServer([port](server::ServerConfig &config) { config.port = port; });
}

void tst_SoriChat::signInTypeAndReceive()
{
    // The sign-in dialog, as a person uses it: the server's address, a nickname, Enter.
    SignInDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *server = dialog.findChild<QLineEdit *>(u"serverEdit"_s);
    auto *nickname = dialog.findChild<QLineEdit *>(u"nicknameEdit"_s);
    QVERIFY(server && nickname);
    server->selectAll();
    QTest::keyClicks(server, url().toString());
    QCOMPARE(server->text(), url().toString());
    QTest::keyClicks(nickname, u"mina"_s);
    QTest::keyClick(nickname, Qt::Key_Return);
    QTRY_VERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTRY_COMPARE(m_session->currentRoom(), u"lobby"_s);
    QCOMPARE(m_window->findChild<QLabel *>(u"roomHeader"_s)->text(), u"#lobby"_s);
    QVERIFY(m_window->statusText().contains(u"Connected"_s));
    QVERIFY(m_window->windowTitle().contains(u"#lobby"_s));

    // A message typed and sent with Enter reaches the other client.
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    type(u"hello from the desktop"_s);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 1);
    QCOMPARE(jun->messages.first().from, u"mina"_s);
    QCOMPARE(jun->messages.first().text, u"hello from the desktop"_s);
    QVERIFY(m_window->findChild<Composer *>(u"composer"_s)->toPlainText().isEmpty());

    // Shift+Enter adds a line; Enter sends both.
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QTest::keyClicks(composer, u"line one"_s);
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, u"line two"_s);
    QCOMPARE(jun->messagesIn(u"lobby"_s).size(), 1);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 2);
    QCOMPARE(jun->messages.at(1).text, u"line one\nline two"_s);

    // The other client's message appears in the view, at the bottom, in sight.
    jun->client.sendMessage(u"lobby"_s, u"hi mina"_s);
    QTRY_VERIFY(rowOf(u"hi mina"_s) >= 0);
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    const QModelIndex index = view->model()->index(rowOf(u"hi mina"_s), 0);
    QCOMPARE(index.row(), view->model()->rowCount() - 1);
    QCOMPARE(index.data(MessageListModel::SenderRole).toString(), u"jun"_s);
    QTRY_VERIFY(view->viewport()->rect().intersects(view->visualRect(index)));
    QCOMPARE(texts(),
             (QStringList{u"hello from the desktop"_s, u"line one\nline two"_s, u"hi mina"_s}));
}

void tst_SoriChat::linksAreClickableAndTextStaysText()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    jun->client.sendMessage(u"lobby"_s, u"<b>not bold</b> see https://example.org/sori."_s);
    QTRY_VERIFY(rowOf(u"<b>not bold</b> see https://example.org/sori."_s) >= 0);

    // Markup is shown as it was typed; the address (without the full stop) is a link.
    const QString html =
        MessageDelegate::toHtml(u"<b>not bold</b> see https://example.org/sori."_s);
    QVERIFY(html.contains(u"&lt;b&gt;not bold&lt;/b&gt;"_s));
    QVERIFY(!html.contains(u"<b>"_s));
    QVERIFY(html.contains(u"<a href=\"https://example.org/sori\">https://example.org/sori</a>."_s));

    // Clicking the link in the view opens it.
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QSignalSpy opened(view, &MessageView::linkActivated);
    const QModelIndex index =
        view->model()->index(rowOf(u"<b>not bold</b> see https://example.org/sori."_s), 0);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(index)));
    const QRect rect = view->visualRect(index);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = rect;
    option.widget = view;
    QPoint onLink;
    for (int y = rect.top(); y <= rect.bottom() && onLink.isNull(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 3) {
            if (!view->messageDelegate()->linkAt(option, index, QPoint(x, y)).isEmpty()) {
                onLink = QPoint(x, y);
                break;
            }
        }
    }
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toUrl(), QUrl(u"https://example.org/sori"_s));
    // Elsewhere on the message, nothing opens.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.topLeft() + QPoint(2, 2));
    QCOMPARE(opened.size(), 1);
}

void tst_SoriChat::memberListFollowsPresence()
{
    QVERIFY(signIn(u"mina"_s));
    QTRY_COMPARE(memberNames(), QStringList{u"mina"_s});
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    QTRY_COMPARE(memberNames(), (QStringList{u"jun"_s, u"mina"_s}));

    auto *typing = m_window->findChild<QLabel *>(u"typingLabel"_s);
    jun->client.setTyping(u"lobby"_s, true);
    QTRY_COMPARE(typing->text(), u"jun is typing…"_s);
    jun->client.setTyping(u"lobby"_s, false);
    QTRY_VERIFY(typing->text().isEmpty());

    jun->client.leave(u"lobby"_s);
    QTRY_COMPARE(memberNames(), QStringList{u"mina"_s});
    QVERIFY(jun->joinRoom(u"lobby"_s));
    QTRY_COMPARE(memberNames(), (QStringList{u"jun"_s, u"mina"_s}));
    jun->client.disconnectFromServer();
    QTRY_COMPARE(memberNames(), QStringList{u"mina"_s});
}

void tst_SoriChat::unreadCountInTheTitle()
{
    QVERIFY(signIn(u"mina"_s));
    m_session->joinRoom(u"dev"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"dev"_s);
    QCOMPARE(m_window->windowTitle(), u"#dev – Sori"_s);
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    jun->client.sendMessage(u"lobby"_s, u"one"_s);
    jun->client.sendMessage(u"lobby"_s, u"two"_s);
    QTRY_COMPARE(m_window->windowTitle(), u"(2) #dev – Sori"_s);
    // Going to the room reads it.
    auto *rooms = m_window->findChild<QListView *>(u"roomList"_s);
    rooms->setFocus();
    QTest::keyClick(rooms, Qt::Key_Up);
    QTRY_COMPARE(m_session->currentRoom(), u"lobby"_s);
    QCOMPARE(m_window->windowTitle(), u"#lobby – Sori"_s);
    QCOMPARE(texts(), (QStringList{u"one"_s, u"two"_s}));
}

void tst_SoriChat::reconnectNowCatchesUp()
{
    QVERIFY(signIn(u"mina"_s));
    // Long waits between attempts: only "Reconnect now" brings it back within the test.
    m_session->client()->setReconnectPolicy({60'000, 120'000, 10'000});
    {
        auto jun = guest(u"jun"_s);
        QVERIFY(jun);
        jun->client.sendMessage(u"lobby"_s, u"before the break"_s);
        QTRY_VERIFY(rowOf(u"before the break"_s) >= 0);
    }

    const quint16 port = m_server->serverPort();
    QSignalSpy stopped(m_server.get(), &ChatServer::stopped);
    m_server->stop(u"maintenance"_s);
    QVERIFY(stopped.wait(5000));
    m_server.reset();
    // The status line says what happened and what comes next.
    QTRY_VERIFY(m_window->statusText().contains(u"Reconnecting in"_s));
    QVERIFY(m_window->statusText().contains(u"the server is shutting down"_s));
    auto *reconnect = m_window->findChild<QPushButton *>(u"reconnectButton"_s);
    QVERIFY(reconnect->isVisible());

    // Written while offline: pending until the server has it.
    type(u"written offline"_s);
    QTRY_VERIFY(rowOf(u"written offline"_s) >= 0);
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QCOMPARE(view->model()
                 ->index(rowOf(u"written offline"_s), 0)
                 .data(MessageListModel::DeliveryRole)
                 .value<Delivery>(),
             Delivery::Pending);

    // Meanwhile, on the server that came back, others talk.
    m_server = test::startServer(m_dataDir->path(),
                                 [port](server::ServerConfig &config) { config.port = port; });
    QVERIFY(m_server);
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    for (int i = 1; i <= 3; ++i)
        jun->client.sendMessage(u"lobby"_s, u"missed %1"_s.arg(i));
    QTRY_COMPARE(jun->acks.size(), 3);
    QCOMPARE(rowOf(u"missed 1"_s), -1);
    QVERIFY(m_window->statusText().contains(u"Reconnecting"_s));

    QTest::mouseClick(reconnect, Qt::LeftButton);
    QTRY_VERIFY(m_window->statusText().startsWith(u"Connected"_s));
    QVERIFY(!reconnect->isVisible());
    // What was missed, once each, in order, after what was there; and the offline message.
    QTRY_VERIFY(rowOf(u"missed 3"_s) >= 0);
    QTRY_COMPARE(view->model()
                     ->index(rowOf(u"written offline"_s), 0)
                     .data(MessageListModel::DeliveryRole)
                     .value<Delivery>(),
                 Delivery::Delivered);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 4); // its own three and mina's
    QCOMPARE(jun->messages.last().text, u"written offline"_s);
    const QStringList shown = texts();
    for (const QString &text :
         {u"before the break"_s, u"missed 1"_s, u"missed 2"_s, u"missed 3"_s, u"written offline"_s})
        QCOMPARE(shown.count(text), 1);
    QVERIFY(shown.indexOf(u"before the break"_s) < shown.indexOf(u"missed 1"_s));
    QVERIFY(shown.indexOf(u"missed 1"_s) < shown.indexOf(u"missed 2"_s));
    QVERIFY(shown.indexOf(u"missed 2"_s) < shown.indexOf(u"missed 3"_s));
    QTRY_COMPARE(memberNames(), (QStringList{u"jun"_s, u"mina"_s}));
    // Nothing more arrives later.
    QSignalSpy received(m_session->client(), &ChatClient::messageReceived);
    QVERIFY(!received.wait(300));
    QCOMPARE(texts(), shown);
}

void tst_SoriChat::reconnectsByItself()
{
    QVERIFY(signIn(u"mina"_s));
    m_session->client()->setReconnectPolicy({2'000, 4'000, 10'000});
    restartServer();
    QTRY_VERIFY(m_window->statusText().contains(u"Reconnecting"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    jun->client.sendMessage(u"lobby"_s, u"while you were away"_s);
    QTRY_COMPARE(jun->acks.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().startsWith(u"Connected"_s), 15000);
    QTRY_COMPARE(texts().count(u"while you were away"_s), 1);
    jun->client.sendMessage(u"lobby"_s, u"and now"_s);
    QTRY_COMPARE(texts(), (QStringList{u"while you were away"_s, u"and now"_s}));
}

void tst_SoriChat::pendingDeliveredAndRefusedMarks()
{
    QVERIFY(signIn(u"mina"_s));
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    const auto delivery = [view](int row) {
        return view->model()->index(row, 0).data(MessageListModel::DeliveryRole).value<Delivery>();
    };
    type(u"first"_s);
    // Right after Enter it is there and pending; then the server acknowledges it.
    QCOMPARE(rowOf(u"first"_s), 0);
    QCOMPARE(delivery(0), Delivery::Pending);
    QTRY_COMPARE(delivery(0), Delivery::Delivered);
    QVERIFY(view->model()->index(0, 0).data(MessageListModel::SeqRole).toLongLong() > 0);

    // Muted by the admin: the next message is refused and says why.
    auto boss = account(u"boss"_s);
    QVERIFY(boss);
    QSignalSpy done(&boss->client, &ChatClient::done);
    boss->client.mute(u"mina"_s, u"lobby"_s, 0);
    QVERIFY(done.wait(5000));
    type(u"am I heard?"_s);
    QCOMPARE(delivery(1), Delivery::Pending);
    QTRY_COMPARE(delivery(1), Delivery::Failed);
    QVERIFY(!view->model()->index(1, 0).data(MessageListModel::ErrorRole).toString().isEmpty());
    QCOMPARE(view->model()->index(1, 0).data(MessageListModel::SeqRole).toLongLong(), 0);
    // It can be retried from the view (still refused: still one row).
    QSignalSpy retried(view, &MessageView::retryRequested);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(1, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(retried.size(), 1);
    QCOMPARE(delivery(1), Delivery::Pending);
    QTRY_COMPARE(delivery(1), Delivery::Failed);
    QCOMPARE(texts(), (QStringList{u"first"_s, u"am I heard?"_s}));
    QSignalSpy bossReceived(&boss->client, &ChatClient::messageReceived);
    QVERIFY(!bossReceived.wait(200));
    QCOMPARE(boss->messagesIn(u"lobby"_s).size(), 0);
}

void tst_SoriChat::moderationMenusOnlyForModerators()
{
    const auto actionTexts = [](QMenu *menu) {
        QStringList texts;
        for (QAction *action : menu->actions())
            texts.append(action->text().remove(u'&'));
        return texts;
    };
    // A guest: no moderation.
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    QTRY_COMPARE(memberNames(), (QStringList{u"jun"_s, u"mina"_s}));
    auto *members = m_window->findChild<QListView *>(u"memberList"_s);
    auto menu = m_window->memberMenu(members->model()->index(0, 0));
    QVERIFY(menu);
    QVERIFY(!actionTexts(menu.get()).contains(u"Kick jun…"_s));
    QCOMPARE(m_window->memberMenu(members->model()->index(1, 0)), nullptr); // oneself
    jun->client.sendMessage(u"lobby"_s, u"delete me"_s);
    QTRY_VERIFY(rowOf(u"delete me"_s) >= 0);
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QVERIFY(!actionTexts(m_window->messageMenu(view->model()->index(0, 0)).get())
                 .contains(u"Delete message"_s));

    // The admin signed in with the same window: kick, mute, ban, delete.
    m_session->signOut();
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signIn(url(), u"boss"_s, u"boss password"_s);
    QVERIFY(signedIn.wait(10000));
    QTRY_COMPARE(memberNames(), (QStringList{u"boss"_s, u"jun"_s}));
    menu = m_window->memberMenu(members->model()->index(1, 0));
    const QStringList texts = actionTexts(menu.get());
    QVERIFY(texts.contains(u"Kick jun…"_s));
    QVERIFY(texts.contains(u"Mute in this room…"_s));
    QVERIFY(texts.contains(u"Ban…"_s));
    QTRY_VERIFY(rowOf(u"delete me"_s) >= 0);
    auto messageMenu = m_window->messageMenu(view->model()->index(rowOf(u"delete me"_s), 0));
    QAction *remove = nullptr;
    for (QAction *action : messageMenu->actions()) {
        if (action->text().remove(u'&') == u"Delete message"_s)
            remove = action;
    }
    QVERIFY(remove);
    remove->trigger();
    QTRY_COMPARE(
        view->model()->index(rowOf(QString()), 0).data(MessageListModel::DeletedRole).toBool(),
        true);
}

void tst_SoriChat::commandLineStartsStraightInARoom()
{
    auto jun = guest(u"jun"_s, u"dev"_s);
    QVERIFY(jun);
    QProcess chat;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, m_dataDir->filePath(u"config"_s)); // its own settings
    chat.setProcessEnvironment(env);
    chat.start(QStringLiteral(SORI_CHAT_PATH),
               {u"--server"_s, url().toString(), u"--name"_s, u"cli"_s, u"--room"_s, u"dev"_s});
    QVERIFY(chat.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(jun->hasPresence(u"cli"_s, PresenceChange::Joined), 15000);
    QCOMPARE(jun->presence.last().room, u"dev"_s);
    chat.terminate();
    QVERIFY(chat.waitForFinished(5000));
}

void tst_SoriChat::koreanTranslationIsComplete()
{
    // Every string has a Korean translation, and the compiled one is what the app loads.
    QFile ts(QStringLiteral(SORI_SOURCE_DIR "/resources/translations/sori-chat_ko.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QString source = QString::fromUtf8(ts.readAll());
    const qsizetype messages = source.count(u"<message"_s);
    QVERIFY(messages > 50);
    QCOMPARE(source.count(u"type=\"unfinished\""_s), 0);
    QCOMPARE(source.count(u"<translation></translation>"_s), 0);

    QTranslator korean;
    QVERIFY(korean.load(u":/i18n/sori-chat_ko.qm"_s));
    QCoreApplication::installTranslator(&korean);
    const QString offline = QCoreApplication::translate("sori::chat::MainWindow", "Offline: %1");
    const QString signIn = QCoreApplication::translate("sori::chat::SignInDialog", "Sign &in");
    QCoreApplication::removeTranslator(&korean);
    QVERIFY(offline != u"Offline: %1"_s);
    QVERIFY(offline.contains(u"%1"_s));
    QVERIFY(hangul(offline));
    QVERIFY(hangul(signIn));
}

void tst_SoriChat::languageIsChosenFromTheMenu()
{
    // The Language menu shows the choice, applies it at once to the whole window and keeps it
    // for the next start (main() installs the translation the settings name).
    auto *system = m_window->findChild<QAction *>(u"language-system"_s);
    auto *korean = m_window->findChild<QAction *>(u"language-ko"_s);
    auto *english = m_window->findChild<QAction *>(u"language-en"_s);
    QVERIFY(system && korean && english);
    QCOMPARE(korean->text(), u"한국어"_s); // in its own language, whatever the window's
    QVERIFY(system->isChecked()); // nothing chosen yet
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QVERIFY(composer);
    const QAction *chatMenu = m_window->menuBar()->actions().value(0);
    QVERIFY(chatMenu);
    QCOMPARE(chatMenu->text(), u"&Chat"_s);
    const QString statusInEnglish = m_window->statusText();
    const QString placeholderInEnglish = composer->placeholderText();
    QVERIFY(!hangul(statusInEnglish) && !hangul(placeholderInEnglish));

    korean->trigger();
    QVERIFY(korean->isChecked());
    QVERIFY(!system->isChecked());
    QCOMPARE(ChatSettings(m_dataDir->filePath(u"sori-chat.ini"_s)).language(), u"ko"_s);
    // The menus, the status line, the composer and the choice "the system's language" itself
    // are in Korean now, without a restart (the application posts the change to its windows).
    QTRY_VERIFY2(hangul(chatMenu->text()), qPrintable(chatMenu->text()));
    QVERIFY2(hangul(m_window->statusText()), qPrintable(m_window->statusText()));
    QVERIFY2(hangul(composer->placeholderText()), qPrintable(composer->placeholderText()));
    QVERIFY2(hangul(system->text()), qPrintable(system->text()));
    QCOMPARE(korean->text(), u"한국어"_s);

    // A window opened later shows the choice.
    {
        MainWindow another(m_session.get());
        QVERIFY(another.findChild<QAction *>(u"language-ko"_s)->isChecked());
        QVERIFY(hangul(another.menuBar()->actions().value(0)->text()));
    }

    english->trigger();
    QCOMPARE(ChatSettings(m_dataDir->filePath(u"sori-chat.ini"_s)).language(), u"en"_s);
    QTRY_COMPARE(chatMenu->text(), u"&Chat"_s);
    QCOMPARE(m_window->statusText(), statusInEnglish);
    QCOMPARE(composer->placeholderText(), placeholderInEnglish);

    korean->trigger();
    QTRY_VERIFY(hangul(chatMenu->text()));
    system->trigger();
    QCOMPARE(ChatSettings(m_dataDir->filePath(u"sori-chat.ini"_s)).language(), QString());
    if (QLocale::system().language() == QLocale::Korean) {
        QVERIFY(hangul(chatMenu->text()));
    } else { // no translation for this machine's language: English
        QTRY_COMPARE(chatMenu->text(), u"&Chat"_s);
        QCOMPARE(m_window->statusText(), statusInEnglish);
    }
}

void tst_SoriChat::inviteToAPrivateRoom()
{
    // jun has an account but may not enter the private room team until boss invites them from
    // the window's Chat menu.
    RecordingClient jun;
    jun.client.registerAccount(url(), u"jun"_s, u"jun password 123"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun.client.state(), ChatClient::State::Ready, 10'000);
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signIn(url(), u"boss"_s, u"boss password"_s);
    QVERIFY(signedIn.wait(10'000));
    QTRY_COMPARE(m_session->currentRoom(), u"lobby"_s);
    auto *invite = m_window->findChild<QAction *>(u"invite"_s);
    QVERIFY(invite);
    QVERIFY(!invite->isEnabled()); // lobby is public: nobody needs an invitation

    m_session->createRoom(u"team"_s, RoomKind::Private, {});
    QTRY_COMPARE(m_session->currentRoom(), u"team"_s);
    QVERIFY(invite->isEnabled());
    jun.client.join(u"team"_s);
    QTRY_COMPARE(jun.errors.size(), 1); // not yet
    QCOMPARE(jun.errors.first().code, ErrorCode::NotMember);

    // The dialog asks for the name; a name the server does not know is its error.
    const auto answerWith = [](const QString &name) {
        QTimer::singleShot(0, [name] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue(name);
            dialog->accept();
        });
    };
    answerWith(u"nobody"_s);
    invite->trigger();
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"nobody"_s));
    answerWith(u" Jun "_s);
    invite->trigger();
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"jun may join #team now."_s);
    QVERIFY(jun.joinRoom(u"team"_s));
    QTRY_COMPARE(memberNames(), (QStringList{u"boss"_s, u"jun"_s}));
}

void tst_SoriChat::directConversationShowsWhetherThePeerIsOnline()
{
    // The header of a direct conversation says whether the other one is online, and when they
    // leave, when they were last seen.
    auto jun = std::make_unique<RecordingClient>();
    jun->client.registerAccount(url(), u"jun"_s, u"jun password 123"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->client.state(), ChatClient::State::Ready, 10'000);
    QVERIFY(jun->joinRoom(u"lobby"_s));
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signIn(url(), u"boss"_s, u"boss password"_s);
    QVERIFY(signedIn.wait(10'000));
    QTRY_COMPARE(memberNames(), (QStringList{u"boss"_s, u"jun"_s}));

    auto *header = m_window->findChild<QLabel *>(u"roomHeader"_s);
    QVERIFY(header);
    m_session->openDirect(u"jun"_s);
    QTRY_COMPARE(header->text(), u"@jun — online"_s);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    jun->client.disconnectFromServer();
    QTRY_VERIFY(header->text().startsWith(u"@jun — last seen "_s));
    const std::optional<UserInfo> info = m_session->userInfo(u"JUN"_s);
    QVERIFY(info && !info->online);
    QVERIFY(info->lastSeen >= before);
    QVERIFY(header->text().endsWith(
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(info->lastSeen), QLocale::ShortFormat)));

    // A public room keeps its topic line.
    m_session->setCurrentRoom(u"lobby"_s);
    QTRY_VERIFY(header->text().startsWith(u"#lobby"_s));
}

void tst_SoriChat::longHistoryScrollsThroughAWindow()
{
    // A room of 100,000 messages, served page by page as the server would: the view holds a
    // window of them, and scrolling up to the top keeps loading older pages.
    constexpr qint64 Total = 100'000;
    const auto message = [](qint64 seq) {
        return MessageEvent{u"big"_s,
                            seq,
                            seq % 3 ? u"jun"_s : u"ari"_s,
                            u"message %1 with a few words to wrap now and then"_s.arg(seq),
                            1'764'000'000'000 + seq * 1000,
                            {},
                            false};
    };
    MessageListModel model(u"big"_s);
    model.setOwnName(u"mina"_s);
    QList<MessageEvent> latest;
    for (qint64 seq = Total - 99; seq <= Total; ++seq)
        latest.append(message(seq));
    model.addHistory(latest, true);
    int pages = 0;
    connect(&model, &MessageListModel::pageRequested, this,
            [&](const QString &, qint64 before, int limit, qint64 after) {
                QList<MessageEvent> page;
                const qint64 end = before == 0 ? Total : std::min(before - 1, Total);
                // Newer (after > 0): the oldest after it; older: the newest before `before`.
                const qint64 start = after > 0 ? after + 1 : std::max<qint64>(1, end - limit + 1);
                for (qint64 seq = start; seq <= std::min(end, start + limit - 1); ++seq)
                    page.append(message(seq));
                ++pages;
                // Answered later, as the network would.
                QTimer::singleShot(
                    0, &model, [&model, page] { model.addHistory(page, page.first().seq > 1); });
            });

    MessageView view;
    view.resize(700, 500);
    view.setMessages(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.isAtBottom());
    QElapsedTimer clock;
    clock.start();
    // Scroll up as a reader would, to the top, again and again: 30 pages more.
    const auto topSeq = [&view] {
        return view.indexAt(QPoint(1, 1)).data(MessageListModel::SeqRole).toLongLong();
    };
    while (pages < 30) {
        const qint64 firstBefore = model.firstSeq();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->minimum());
        QVERIFY(model.isLoading());
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.firstSeq(), firstBefore - 100);
        // What was at the top is still at the top: the page went in above it.
        QTRY_COMPARE(topSeq(), firstBefore);
    }
    // A generous bound: laying out and paging must not grind (about a second here).
    QVERIFY2(clock.elapsed() < 20'000, qPrintable(u"%1 ms"_s.arg(clock.elapsed())));
    QVERIFY(model.rowCount() <= model.maxRows());
    QCOMPARE(model.rowCount(), model.maxRows());
    for (int row = 1; row < model.rowCount(); ++row)
        QCOMPARE(model.entry(row).seq, model.entry(row - 1).seq + 1);
    QVERIFY(model.hasNewer());
    QCOMPARE(model.firstSeq(), Total - 99 - 30 * 100);

    // Down again to the bottom: the newer pages come back, up to the newest message.
    while (model.hasNewer()) {
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        QTRY_VERIFY(!model.isLoading());
        QApplication::processEvents();
    }
    QCOMPARE(model.lastSeq(), Total);
    QVERIFY(model.rowCount() <= model.maxRows());
}

void tst_SoriChat::slowDownShowsInTheStatusBar()
{
    // Two messages at once, then one a minute: the third is refused, and the window says why.
    m_server.reset();
    m_server = test::startServer(m_dataDir->path(), [](server::ServerConfig &config) {
        config.sendRate = {1, 2};
    });
    QVERIFY(m_server);
    QVERIFY(signIn(u"mina"_s));
    type(u"one"_s);
    type(u"two"_s);
    type(u"three"_s);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().startsWith(
        u"Slow down: the server takes no more messages for "_s));
    QVERIFY(m_window->statusBar()->currentMessage().endsWith(u" s."_s));
    // The refused message is marked: it can be sent again later.
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    const int row = rowOf(u"three"_s);
    QVERIFY(row >= 0);
    QTRY_COMPARE(
        view->model()->index(row, 0).data(MessageListModel::DeliveryRole).value<Delivery>(),
        Delivery::Failed);
}

void tst_SoriChat::messagesShowTheSendersBadge()
{
    // The admin's messages carry "admin", a guest's "guest" (one's own too), whatever the names.
    QVERIFY(signIn(u"mina"_s));
    auto boss = account(u"boss"_s);
    auto jun = guest(u"jun"_s);
    QVERIFY(boss && jun);
    boss->client.sendMessage(u"lobby"_s, u"from the admin"_s);
    QTRY_VERIFY(rowOf(u"from the admin"_s) >= 0);
    jun->client.sendMessage(u"lobby"_s, u"from a guest"_s);
    QTRY_VERIFY(rowOf(u"from a guest"_s) >= 0);
    type(u"from me"_s);
    QTRY_VERIFY(rowOf(u"from me"_s) >= 0);
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    const auto badge = [&](const QString &text) {
        return MessageDelegate::badgeText(
            view->model()->index(rowOf(text), 0).data(MessageListModel::BadgeRole));
    };
    QCOMPARE(badge(u"from the admin"_s), u"admin"_s);
    QCOMPARE(badge(u"from a guest"_s), u"guest"_s);
    QCOMPARE(badge(u"from me"_s), u"guest"_s);
    // Drawn with the header: the rows are painted (and taller than nothing) with it.
    QVERIFY(!view->grab().isNull());

    // In Korean, too.
    QTranslator korean;
    QVERIFY(korean.load(u":/i18n/sori-chat_ko.qm"_s));
    QCoreApplication::installTranslator(&korean);
    const QString guestWord = badge(u"from a guest"_s);
    const QString adminWord = badge(u"from the admin"_s);
    QCoreApplication::removeTranslator(&korean);
    QVERIFY(hangul(guestWord));
    QVERIFY(hangul(adminWord));
}

QTEST_MAIN(tst_SoriChat)
#include "tst_sorichat.moc"
