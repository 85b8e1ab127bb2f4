// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/signindialog.h"

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "ui/appicon.h"

#include <QtWidgets/QCheckBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

SignInDialog::SignInDialog(ChatSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Sign in to Sori"));
    setWindowIcon(appIcon());
    ChatSettings *settings = session->settings();

    auto *title = new QLabel(tr("Welcome to Sori"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title->setFont(titleFont);

    m_server = new QLineEdit(settings->serverUrl().toString(), this);
    m_server->setObjectName(u"serverEdit"_s);
    m_server->setPlaceholderText(u"ws://chat.example.org:8080/ws"_s);
    auto *serverForm = new QFormLayout;
    serverForm->addRow(tr("&Server:"), m_server);

    // Made before the tabs that hold them: the keyboard's focus chain follows creation.
    QWidget *guest = createGuestTab();
    QWidget *account = createAccountTab();
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"modeTabs"_s);
    m_tabs->addTab(guest, tr("&Guest"));
    m_tabs->addTab(account, tr("&Account"));

    const QString lastUser = settings->userName();
    if (settings->signInMode() == ChatSettings::SignInMode::Account) {
        m_account->setText(lastUser);
        setMode(Mode::Account);
    } else if (!lastUser.startsWith(u"guest-"_s)) {
        m_nickname->setText(lastUser);
    }

    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign &in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(u"signInButton"_s);
    m_signIn->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    connect(m_register, &QCheckBox::toggled, this,
            [this](bool on) { m_signIn->setText(on ? tr("Create &account") : tr("Sign &in")); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(serverForm);
    layout->addWidget(m_tabs);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    connect(session, &ChatSession::signedIn, this, [this] {
        if (!m_busy)
            return;
        setBusy(false);
        QDialog::accept();
    });
    connect(session, &ChatSession::signInFailed, this,
            [this](protocol::ErrorCode code, const QString &message) {
                if (!m_busy)
                    return;
                setBusy(false);
                if (code == protocol::ErrorCode::NameConfusable)
                    setError(tr("This name looks too much like another one (an account, somebody "
                                "online or the server), or mixes alphabets or look-alike "
                                "letters. Please choose another."));
                else
                    setError(message);
            });
    (mode() == Mode::Guest ? m_nickname : m_account)->setFocus();
}

// The guest tab: a nickname.
QWidget *SignInDialog::createGuestTab()
{
    auto *guest = new QWidget(this);
    m_nickname = new QLineEdit(guest);
    m_nickname->setObjectName(u"nicknameEdit"_s);
    m_nickname->setMaxLength(32);
    m_nickname->setPlaceholderText(tr("empty: the server picks one"));
    auto *guestForm = new QFormLayout(guest);
    guestForm->addRow(tr("&Nickname:"), m_nickname);
    auto *guestNote = new QLabel(tr("Guests chat in public rooms under a nickname that is "
                                    "theirs while they are online."),
                                 guest);
    guestNote->setWordWrap(true);
    guestForm->addRow(guestNote);
    return guest;
}

// The account tab: name and password, or a new account.
QWidget *SignInDialog::createAccountTab()
{
    auto *account = new QWidget(this);
    m_account = new QLineEdit(account);
    m_account->setObjectName(u"accountEdit"_s);
    m_account->setMaxLength(32);
    m_password = new QLineEdit(account);
    m_password->setObjectName(u"passwordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_register = new QCheckBox(tr("&Create a new account"), account);
    m_register->setObjectName(u"registerCheck"_s);
    // A new account: the server's shortest password, said before it refuses one, and the
    // password typed twice.
    m_passwordHint =
        new QLabel(tr("At least %n characters.", nullptr, ChatSession::MinPasswordLength), account);
    m_passwordHint->setObjectName(u"passwordHint"_s);
    m_passwordHint->setEnabled(false); // small print
    m_confirm = new QLineEdit(account);
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_confirm->setEchoMode(QLineEdit::Password);
    auto *accountForm = new QFormLayout(account);
    accountForm->addRow(tr("&User name:"), m_account);
    accountForm->addRow(tr("&Password:"), m_password);
    accountForm->addRow(QString(), m_passwordHint);
    accountForm->addRow(tr("C&onfirm password:"), m_confirm);
    accountForm->addRow(m_register);
    const auto showNewAccountRows = [accountForm, this](bool on) {
        accountForm->setRowVisible(m_passwordHint, on);
        accountForm->setRowVisible(m_confirm, on);
    };
    showNewAccountRows(false);
    connect(m_register, &QCheckBox::toggled, this, showNewAccountRows);
    return account;
}

void SignInDialog::setMode(Mode mode)
{
    m_tabs->setCurrentIndex(mode == Mode::Guest ? 0 : 1);
}

SignInDialog::Mode SignInDialog::mode() const
{
    return m_tabs->currentIndex() == 0 ? Mode::Guest : Mode::Account;
}

void SignInDialog::setError(const QString &message)
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd9, 0x30, 0x25));
    m_status->setPalette(palette);
    m_status->setText(message);
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_server->setEnabled(!busy);
    m_tabs->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
    if (busy) {
        m_status->setPalette(palette());
        m_status->setText(tr("Connecting to %1…").arg(m_server->text().trimmed()));
    }
}

bool SignInDialog::validate()
{
    const QUrl url(m_server->text().trimmed());
    if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
        setError(tr("The server address starts with ws:// or wss://, for example "
                    "ws://localhost:8080/ws."));
        m_server->setFocus();
        return false;
    }
    if (mode() == Mode::Account) {
        if (m_account->text().trimmed().isEmpty()) {
            setError(tr("Enter your user name."));
            m_account->setFocus();
            return false;
        }
        if (m_password->text().isEmpty()) {
            setError(tr("Enter your password."));
            m_password->setFocus();
            return false;
        }
        if (m_register->isChecked() && m_password->text().size() < ChatSession::MinPasswordLength) {
            setError(tr("A password has at least %n characters.", nullptr,
                        ChatSession::MinPasswordLength));
            m_password->setFocus();
            return false;
        }
        if (m_register->isChecked() && m_confirm->text() != m_password->text()) {
            setError(tr("The two passwords differ: type the same password twice."));
            m_confirm->clear();
            m_confirm->setFocus();
            return false;
        }
    }
    return true;
}

void SignInDialog::accept()
{
    if (m_busy || !validate())
        return;
    const QUrl url(m_server->text().trimmed());
    setBusy(true);
    if (mode() == Mode::Guest) {
        m_session->signInAsGuest(url, m_nickname->text().trimmed());
    } else if (m_register->isChecked()) {
        m_session->registerAccount(url, m_account->text().trimmed(), m_password->text());
    } else {
        m_session->signIn(url, m_account->text().trimmed(), m_password->text());
    }
    m_password->clear();
    m_confirm->clear();
}

} // namespace sori::chat
