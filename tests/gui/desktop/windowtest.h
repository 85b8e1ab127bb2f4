// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// sori-chat's window over a real in-process server, as the desktop GUI tests start from it: the
// server on a data directory of the test's own with some accounts, the app's settings in that
// directory, a session, and the main window shown.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "ui/mainwindow.h"

#include <memory>

namespace sori::test {

class WindowTest : public ServerTest
{
protected:
    // From init(): a server with these accounts, and the window shown over a new session.
    // Fails the test if either does not come up.
    void openWindow(const QList<std::pair<QString, protocol::Role>> &accounts);
    // From cleanup(): the window, the session, the server and the data, in that order.
    void closeWindow();
    // Signs in with an account's password (createAccounts()'s), or as a guest, and waits until
    // lobby is shown.
    bool signInAs(const QString &account);
    bool signInAsGuest(const QString &name);

    std::unique_ptr<chat::ChatSettings> m_settings;
    std::unique_ptr<chat::ChatSession> m_session;
    std::unique_ptr<chat::MainWindow> m_window;
};

} // namespace sori::test
