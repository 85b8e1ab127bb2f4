// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/settingsdialog.h"

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/roomlistmodel.h"
#include "ui/theme.h"

#include <QtCore/QDateTime>
#include <QtCore/QEvent>
#include <QtCore/QLocale>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;
using sori::protocol::NotifyLevel;

namespace sori::chat {

namespace {
constexpr int DeviceIdRole = Qt::UserRole + 1;

QLabel *wrappingLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText); // text, never HTML
    return label;
}

QLineEdit *passwordEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    edit->setMaxLength(256);
    return edit;
}
} // namespace

SettingsDialog::SettingsDialog(ChatSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_tabs(new QTabWidget(this))
{
    setObjectName(u"settingsDialog"_s);
    m_tabs->addTab(createAccountTab(), QString());
    m_tabs->addTab(createDevicesTab(), QString());
    m_tabs->addTab(createNotificationsTab(), QString());
    m_tabs->addTab(createAppearanceTab(), QString());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_close = buttons->button(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    setMinimumSize(520, 400);

    connect(m_session, &ChatSession::settingsDone, this, &SettingsDialog::settingsDone);
    connect(m_session, &ChatSession::settingsRefused, this, &SettingsDialog::settingsRefused);
    connect(m_session, &ChatSession::devicesListed, this, &SettingsDialog::showDevices);
    connect(m_session, &ChatSession::notifyLevelChanged, this,
            [this](const QString &room, NotifyLevel level) {
                if (QComboBox *box = m_levels.value(room)) {
                    const QSignalBlocker blocker(box);
                    box->setCurrentIndex(box->findData(QVariant::fromValue(level)));
                }
            });
    RoomListModel *rooms = m_session->rooms();
    connect(rooms, &QAbstractItemModel::rowsInserted, this, &SettingsDialog::fillRooms);
    connect(rooms, &QAbstractItemModel::rowsRemoved, this, &SettingsDialog::fillRooms);
    connect(rooms, &QAbstractItemModel::modelReset, this, &SettingsDialog::fillRooms);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == DevicesTab && m_session->isAccount())
            m_session->listDevices();
    });
    fillRooms();
    retranslate();
}

QWidget *SettingsDialog::createAccountTab()
{
    auto *page = new QWidget(this);
    m_guestAccount = wrappingLabel(page);
    m_guestAccount->setObjectName(u"guestAccount"_s);
    m_accountIntro = wrappingLabel(page);
    m_oldPassword = passwordEdit(page, u"oldPassword"_s);
    m_newPassword = passwordEdit(page, u"newPassword"_s);
    m_repeatPassword = passwordEdit(page, u"repeatPassword"_s);
    m_signOutOthers = new QCheckBox(page);
    m_signOutOthers->setObjectName(u"signOutOthers"_s);
    m_changePassword = new QPushButton(page);
    m_changePassword->setObjectName(u"changePassword"_s);
    m_passwordStatus = wrappingLabel(page);
    m_passwordStatus->setObjectName(u"passwordStatus"_s);
    connect(m_changePassword, &QPushButton::clicked, this, &SettingsDialog::changePassword);
    connect(m_repeatPassword, &QLineEdit::returnPressed, this, &SettingsDialog::changePassword);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_guestAccount);
    layout->addWidget(m_accountIntro);
    m_passwordForm = new QFormLayout;
    for (QLineEdit *edit : {m_oldPassword, m_newPassword, m_repeatPassword}) {
        auto *label = new QLabel(page); // its text in retranslate()
        label->setBuddy(edit);
        m_passwordForm->addRow(label, edit);
    }
    m_passwordForm->addRow(m_signOutOthers);
    layout->addLayout(m_passwordForm);
    layout->addWidget(m_changePassword, 0, Qt::AlignLeft);
    layout->addWidget(m_passwordStatus);
    layout->addStretch();

    const bool account = m_session->isAccount();
    m_guestAccount->setVisible(!account);
    const QList<QWidget *> form = {m_oldPassword, m_newPassword, m_repeatPassword, m_signOutOthers,
                                   m_changePassword};
    for (QWidget *widget : form)
        widget->setEnabled(account);
    m_accountIntro->setVisible(account);
    return page;
}

QWidget *SettingsDialog::createDevicesTab()
{
    auto *page = new QWidget(this);
    m_guestDevices = wrappingLabel(page);
    m_devices = new QTreeWidget(page);
    m_devices->setObjectName(u"devices"_s);
    m_devices->setColumnCount(3);
    m_devices->setRootIsDecorated(false);
    m_devices->setUniformRowHeights(true);
    m_devices->header()->setStretchLastSection(true);
    m_refreshDevices = new QPushButton(page);
    m_refreshDevices->setObjectName(u"refreshDevices"_s);
    m_endDevice = new QPushButton(page);
    m_endDevice->setObjectName(u"endDevice"_s);
    m_endDevice->setEnabled(false);
    m_devicesStatus = wrappingLabel(page);
    m_devicesStatus->setObjectName(u"devicesStatus"_s);
    connect(m_refreshDevices, &QPushButton::clicked, m_session, &ChatSession::listDevices);
    connect(m_endDevice, &QPushButton::clicked, this, &SettingsDialog::endSelectedDevice);
    connect(m_devices, &QTreeWidget::currentItemChanged, this, &SettingsDialog::updateEndButton);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refreshDevices);
    buttons->addWidget(m_endDevice);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_guestDevices);
    layout->addWidget(m_devices);
    layout->addLayout(buttons);
    layout->addWidget(m_devicesStatus);

    const bool account = m_session->isAccount();
    m_guestDevices->setVisible(!account);
    m_devices->setVisible(account);
    m_refreshDevices->setVisible(account);
    m_endDevice->setVisible(account);
    return page;
}

QWidget *SettingsDialog::createNotificationsTab()
{
    auto *page = new QWidget(this);
    m_notifyIntro = wrappingLabel(page);
    m_noRooms = wrappingLabel(page);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_levelPanel = new QWidget(scroll);
    m_levelForm = new QFormLayout(m_levelPanel);
    scroll->setWidget(m_levelPanel);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_notifyIntro);
    layout->addWidget(m_noRooms);
    layout->addWidget(scroll, 1);
    return page;
}

QWidget *SettingsDialog::createAppearanceTab()
{
    auto *page = new QWidget(this);
    m_language = new QComboBox(page);
    m_language->setObjectName(u"language"_s);
    // Each language is named in its own words (whoever cannot read the current one still finds
    // theirs); the system's is translated in retranslate().
    m_language->addItem(QString(), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"한국어"_s, u"ko"_s);
    m_language->setCurrentIndex(
        std::max(0, m_language->findData(m_session->settings()->language())));
    m_theme = new QComboBox(page);
    m_theme->setObjectName(u"theme"_s);
    for (const QString &theme : {u"system"_s, u"light"_s, u"dark"_s})
        m_theme->addItem(QString(), theme);
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(m_session->settings()->theme())));
    m_appearanceNote = wrappingLabel(page);
    m_languageLabel = new QLabel(page);
    m_languageLabel->setBuddy(m_language);
    m_themeLabel = new QLabel(page);
    m_themeLabel->setBuddy(m_theme);

    connect(m_language, &QComboBox::activated, this, [this] {
        const QString code = m_language->currentData().toString();
        if (code != m_session->settings()->language())
            Q_EMIT languageChosen(code);
    });
    connect(m_theme, &QComboBox::activated, this, [this] {
        const QString theme = m_theme->currentData().toString();
        m_session->settings()->setTheme(theme);
        m_session->settings()->sync();
        applyTheme(theme);
    });

    m_appearanceForm = new QFormLayout(page);
    m_appearanceForm->addRow(m_languageLabel, m_language);
    m_appearanceForm->addRow(m_themeLabel, m_theme);
    m_appearanceForm->addRow(m_appearanceNote);
    return page;
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_tabs->setTabText(AccountTab, tr("&Account"));
    m_tabs->setTabText(DevicesTab, tr("&Devices"));
    m_tabs->setTabText(NotificationsTab, tr("&Notifications"));
    m_tabs->setTabText(AppearanceTab, tr("A&ppearance"));
    m_close->setText(tr("Close"));

    m_guestAccount->setText(tr("You are signed in as a guest: a guest has no password to "
                               "change. Sign in with an account for these settings."));
    m_accountIntro->setText(tr("A new password for %1. It takes effect at once; this device "
                               "stays signed in.")
                                .arg(m_session->userName()));
    qobject_cast<QLabel *>(m_passwordForm->labelForField(m_oldPassword))
        ->setText(tr("&Current password:"));
    qobject_cast<QLabel *>(m_passwordForm->labelForField(m_newPassword))
        ->setText(tr("&New password:"));
    qobject_cast<QLabel *>(m_passwordForm->labelForField(m_repeatPassword))
        ->setText(tr("&Repeat the new one:"));
    m_newPassword->setPlaceholderText(
        tr("at least %n characters", nullptr, ChatSession::MinPasswordLength));
    m_signOutOthers->setText(tr("Also sign out my &other devices"));
    m_changePassword->setText(tr("C&hange the password"));

    m_guestDevices->setText(tr("Devices are the sign-ins of an account: a guest has none."));
    m_devices->setHeaderLabels({tr("Device"), tr("Address"), tr("Last seen")});
    m_refreshDevices->setText(tr("&Refresh"));
    m_endDevice->setText(tr("&End this sign-in"));
    m_endDevice->setToolTip(tr("Signs the chosen device out: it needs the password to come "
                               "back."));
    showDevices(m_deviceInfos);

    m_notifyIntro->setText(
        m_session->isAccount()
            ? tr("What each room may call your attention for, on every device you use: a "
                 "notification and a count in the room list.")
            : tr("What each room may call your attention for: a notification and a count in "
                 "the room list. A guest's choice lasts until signing out."));
    m_noRooms->setText(tr("You are in no room yet."));
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it)
        setLevelTexts(it.value());

    m_languageLabel->setText(tr("&Language:"));
    m_themeLabel->setText(tr("&Theme:"));
    m_language->setItemText(0, tr("The system's language"));
    m_theme->setItemText(0, tr("The system's"));
    m_theme->setItemText(1, tr("Light"));
    m_theme->setItemText(2, tr("Dark"));
    m_appearanceNote->setText(tr("Both apply at once and are kept for the next start."));
}

void SettingsDialog::setLevelTexts(QComboBox *box)
{
    box->setItemText(0, tr("All messages"));
    box->setItemText(1, tr("Mentions only"));
    box->setItemText(2, tr("Nothing"));
}

void SettingsDialog::fillRooms()
{
    while (m_levelForm->rowCount() > 0)
        m_levelForm->removeRow(0);
    m_levels.clear();
    m_levelLabels.clear();
    RoomListModel *rooms = m_session->rooms();
    for (const QString &room : rooms->rooms()) {
        const RoomListModel::Entry *entry = rooms->entry(room);
        // A direct conversation always notifies: it is somebody writing to you.
        if (!entry || entry->kind == protocol::RoomKind::Direct)
            continue;
        auto *box = new QComboBox(m_levelPanel);
        box->setObjectName(u"notify-"_s + room);
        for (const NotifyLevel level : {NotifyLevel::All, NotifyLevel::Mentions, NotifyLevel::None})
            box->addItem(QString(), QVariant::fromValue(level));
        setLevelTexts(box);
        box->setCurrentIndex(box->findData(QVariant::fromValue(m_session->notifyLevel(room))));
        connect(box, &QComboBox::activated, this, [this, room, box] {
            m_session->setNotifyLevel(room, box->currentData().value<NotifyLevel>());
        });
        auto *label = new QLabel(m_levelPanel);
        label->setTextFormat(Qt::PlainText);
        label->setText(u"#"_s + room);
        label->setBuddy(box);
        m_levelForm->addRow(label, box);
        m_levels.insert(room, box);
        m_levelLabels.insert(room, label);
    }
    m_noRooms->setVisible(m_levels.isEmpty());
}

void SettingsDialog::changePassword()
{
    if (!m_session->isAccount())
        return;
    const QString oldPassword = m_oldPassword->text();
    const QString newPassword = m_newPassword->text();
    if (oldPassword.isEmpty()) {
        m_passwordStatus->setText(tr("Type your current password."));
        m_oldPassword->setFocus();
        return;
    }
    if (newPassword.size() < ChatSession::MinPasswordLength) {
        m_passwordStatus->setText(
            tr("A password has at least %n characters.", nullptr, ChatSession::MinPasswordLength));
        m_newPassword->setFocus();
        return;
    }
    if (newPassword != m_repeatPassword->text()) {
        m_passwordStatus->setText(tr("The new password and its repetition differ."));
        m_repeatPassword->setFocus();
        return;
    }
    if (m_session->connection() != ChatSession::Connection::Connected) {
        m_passwordStatus->setText(tr("Not connected: try again once the connection is back."));
        return;
    }
    m_othersAsked = m_signOutOthers->isChecked();
    m_changePassword->setEnabled(false);
    m_passwordStatus->setText(tr("Changing the password…"));
    m_session->changePassword(oldPassword, newPassword, m_othersAsked);
}

QString SettingsDialog::passwordStatus() const
{
    return m_passwordStatus->text();
}

QString SettingsDialog::devicesStatus() const
{
    return m_devicesStatus->text();
}

QString SettingsDialog::passwordError(const protocol::Error &error) const
{
    switch (error.code) {
    case protocol::ErrorCode::BadCredentials:
        return tr("The current password is not right: nothing was changed.");
    case protocol::ErrorCode::WeakPassword:
        return tr("A password has at least %n characters.", nullptr,
                  ChatSession::MinPasswordLength);
    case protocol::ErrorCode::Throttled:
        if (error.waitMs > 0)
            return tr("Too many wrong passwords: try again in %n s.", nullptr,
                      int((error.waitMs + 999) / 1000));
        return tr("Too many wrong passwords: wait a little, then try again.");
    default:
        return ChatSession::errorText(error);
    }
}

void SettingsDialog::settingsDone(const QString &action)
{
    if (action == u"change_password"_s) {
        m_changePassword->setEnabled(true);
        m_oldPassword->clear();
        m_newPassword->clear();
        m_repeatPassword->clear();
        m_passwordStatus->setText(m_othersAsked
                                      ? tr("Done: the password is changed, and your other "
                                           "devices are signed out.")
                                      : tr("Done: the password is changed."));
    } else if (action == u"end_device"_s) {
        m_devicesStatus->setText(tr("Done: that device is signed out."));
        m_session->listDevices();
    }
}

void SettingsDialog::settingsRefused(const QString &action, const protocol::Error &error)
{
    if (action == u"change_password"_s) {
        m_changePassword->setEnabled(true);
        m_passwordStatus->setText(passwordError(error));
    } else if (action == u"end_device"_s) {
        m_devicesStatus->setText(
            error.code == protocol::ErrorCode::NoSuchDevice
                ? tr("That device is signed out already.")
                : tr("Could not end that sign-in: %1").arg(ChatSession::errorText(error)));
        m_session->listDevices();
    } else if (action == u"devices"_s) {
        m_devicesStatus->setText(
            tr("Could not list the devices: %1").arg(ChatSession::errorText(error)));
    }
}

void SettingsDialog::showDevices(const QList<protocol::DeviceInfo> &devices)
{
    m_deviceInfos = devices;
    const QString selected = m_devices->currentItem()
        ? m_devices->currentItem()->data(0, DeviceIdRole).toString()
        : QString();
    m_devices->clear();
    for (const protocol::DeviceInfo &device : devices) {
        QString kind;
        switch (device.client) {
        case protocol::ClientKind::Desktop:
            kind = tr("Desktop app");
            break;
        case protocol::ClientKind::Web:
            kind = tr("Browser");
            break;
        case protocol::ClientKind::Plain:
        case protocol::ClientKind::Other:
            kind = tr("Other program");
            break;
        }
        if (device.current)
            kind = tr("%1 (this device)").arg(kind);
        const QString seen = device.lastSeen > 0
            ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(device.lastSeen),
                                 QLocale::ShortFormat)
            : QString();
        auto *item = new QTreeWidgetItem(
            m_devices, {kind, device.address.isEmpty() ? tr("unknown") : device.address, seen});
        item->setData(0, DeviceIdRole, device.device);
        if (device.current) {
            QFont font = item->font(0);
            font.setBold(true);
            item->setFont(0, font);
        }
        if (device.device == selected)
            m_devices->setCurrentItem(item);
    }
    for (int column = 0; column < 2; ++column)
        m_devices->resizeColumnToContents(column);
    updateEndButton();
}

void SettingsDialog::updateEndButton()
{
    const QTreeWidgetItem *item = m_devices->currentItem();
    bool other = false;
    if (item) {
        const QString id = item->data(0, DeviceIdRole).toString();
        for (const protocol::DeviceInfo &device : std::as_const(m_deviceInfos)) {
            if (device.device == id)
                other = !device.current; // this device signs out with Sign out
        }
    }
    m_endDevice->setEnabled(other);
}

void SettingsDialog::endSelectedDevice()
{
    const QTreeWidgetItem *item = m_devices->currentItem();
    if (!item || !m_endDevice->isEnabled())
        return;
    if (m_session->connection() != ChatSession::Connection::Connected) {
        m_devicesStatus->setText(tr("Not connected: try again once the connection is back."));
        return;
    }
    m_devicesStatus->setText(tr("Ending that sign-in…"));
    m_session->endDevice(item->data(0, DeviceIdRole).toString());
}

} // namespace sori::chat
