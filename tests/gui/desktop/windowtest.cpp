// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "windowtest.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace sori::test {

void WindowTest::openWindow(const QList<std::pair<QString, protocol::Role>> &accounts)
{
    newDataDir(accounts);
    startServer();
    QVERIFY(m_server);
    m_settings = std::make_unique<chat::ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<chat::ChatSession>(m_settings.get());
    m_window = std::make_unique<chat::MainWindow>(m_session.get());
    m_window->resize(980, 640);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void WindowTest::closeWindow()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool WindowTest::signInAs(const QString &account)
{
    QSignalSpy signedIn(m_session.get(), &chat::ChatSession::signedIn);
    m_session->signIn(url(), account, account + u" password"_s);
    return signedIn.wait(10'000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

bool WindowTest::signInAsGuest(const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &chat::ChatSession::signedIn);
    m_session->signInAsGuest(url(), name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

} // namespace sori::test
