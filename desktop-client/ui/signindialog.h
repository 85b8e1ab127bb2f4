// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace sori::chat {

class ChatSession;

// Signing in: the server's address, then a nickname as a guest, or an account's name and
// password (or a new account). It stays open, saying what is going on, until the server has
// welcomed us; a refusal is shown in it.
class SignInDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    enum class Mode { Guest, Account };

    explicit SignInDialog(ChatSession *session, QWidget *parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const;
    void setError(const QString &message);

    void accept() override; // starts signing in; the dialog closes once signed in

private:
    QWidget *createGuestTab();
    QWidget *createAccountTab();
    void setBusy(bool busy);
    bool validate();

    ChatSession *m_session;
    QLineEdit *m_server;
    QTabWidget *m_tabs;
    QLineEdit *m_nickname;
    QLineEdit *m_account;
    QLineEdit *m_password;
    QLabel *m_passwordHint; // the shortest password, for a new account
    QLineEdit *m_confirm; // the password again, for a new account
    QCheckBox *m_register;
    QLabel *m_status;
    QPushButton *m_signIn;
    bool m_busy = false;
};

} // namespace sori::chat
