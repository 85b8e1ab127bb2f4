// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// How sori-chat's connection ends and comes back, with its real window: quitting says goodbye
// with a close frame (the others see the user leave at once), and a server killed after an
// earlier kick and a manual reconnect is a drop the app comes back from by itself.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "serverprocess.h"
#include "ui/mainwindow.h"

#include <QtCore/QProcess>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatConnection : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void quitClosesTheConnection();
    void reconnectsAfterAnEarlierKick();

private:
    // An action of the Chat menu, by its text (shortcuts depend on the platform's key bindings,
    // and the offscreen platform has none: Quit is Ctrl+Q and Reconnect now F5 on a desktop).
    QAction *chatMenuAction(const QString &text) const;
    // A window signed in as the guest `name` to url, showing lobby.
    bool signIn(const QUrl &url, const QString &name);

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatConnection::init()
{
    newDataDir({{u"boss"_s, Role::Admin}});
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChatConnection::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

QAction *tst_SoriChatConnection::chatMenuAction(const QString &text) const
{
    const QList<QAction *> menus = m_window->menuBar()->actions();
    if (menus.isEmpty() || !menus.first()->menu<QMenu *>())
        return nullptr;
    for (QAction *candidate : menus.first()->menu<QMenu *>()->actions()) {
        if (candidate->text() == text)
            return candidate;
    }
    return nullptr;
}

bool tst_SoriChatConnection::signIn(const QUrl &url, const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url, name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

void tst_SoriChatConnection::quitClosesTheConnection()
{
    startServer(); // its grace period for a lost connection: 15 s
    QVERIFY(m_server);
    QVERIFY(signIn(url(), u"mina"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QTRY_VERIFY(m_session->members(u"lobby"_s)->rowCount() == 2);

    QAction *quit = chatMenuAction(u"&Quit"_s);
    QVERIFY(quit);
    quit->trigger();
    // Quit waits for the close handshake: the connection is closed when it returns.
    QCOMPARE(m_session->client()->state(), ChatClient::State::Disconnected);
    // jun sees mina leave at once, for having closed the connection (not, after the grace
    // period, for having lost it).
    QTRY_VERIFY_WITH_TIMEOUT(jun->hasPresence(u"mina"_s, PresenceChange::Left), 3000);
    QVERIFY(jun->hasPresence(u"mina"_s, PresenceChange::Left, LeaveReason::Closed));
    QVERIFY(!jun->hasPresence(u"mina"_s, PresenceChange::Left, LeaveReason::NetworkLost));
}

void tst_SoriChatConnection::reconnectsAfterAnEarlierKick()
{
    // A real sori-server, so that it can be killed: no close frame, no goodbye.
    const QStringList options{u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--data-dir"_s,
                              m_dataDir->path()};
    QProcess server;
    const quint16 port =
        test::startServerProcess(server, options + QStringList{u"--port"_s, u"0"_s});
    QVERIFY(port != 0);
    const QUrl url = test::wsUrl(port);
    QVERIFY(signIn(url, u"mina"_s));
    m_session->client()->setReconnectPolicy({50, 400, 10'000});

    // Kicked: offline, and it does not come back by itself.
    auto boss = test::signedIn(url, u"boss"_s, {u"lobby"_s});
    QVERIFY(boss);
    QVERIFY(test::doneFor(*boss, boss->client.kick(u"mina"_s, u"old reason"_s)));
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Offline);
    QVERIFY2(m_window->statusText().contains(u"kicked"_s), qPrintable(m_window->statusText()));

    // F5: back online.
    QAction *reconnect = chatMenuAction(u"&Reconnect now"_s);
    QVERIFY(reconnect);
    QVERIFY(reconnect->isEnabled());
    reconnect->trigger();
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Connected);
    QTRY_VERIFY(boss->hasPresence(u"mina"_s, PresenceChange::Joined));
    boss.reset();

    // The server dies: a drop like any other, not the old kick.
    ::kill(pid_t(server.processId()), SIGKILL);
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), QProcess::NotRunning, 10000);
    QTRY_COMPARE(m_session->connection(), ChatSession::Connection::Reconnecting);
    QVERIFY2(!m_window->statusText().contains(u"kicked"_s), qPrintable(m_window->statusText()));

    // It comes back on the same port: the app reconnects by itself, into its room.
    QProcess restarted;
    QCOMPARE(test::startServerProcess(restarted,
                                      options + QStringList{u"--port"_s, QString::number(port)}),
             port);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->connection(), ChatSession::Connection::Connected, 10000);
    auto jun = test::guest(url, u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QTRY_VERIFY(m_session->members(u"lobby"_s)->rowCount() == 2);
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(10000));
}

QTEST_MAIN(tst_SoriChatConnection)
#include "tst_sorichatconnection.moc"
