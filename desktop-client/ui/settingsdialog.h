// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtWidgets/QDialog>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace sori::chat {

class ChatSession;

// Settings… (Preferences): the account (a new password), the account's signed-in devices,
// how much each room may call for attention, and the language and theme. The first three are
// the server's account settings (docs/protocol.md §15); a guest is told they are for accounts
// (a guest's notification levels last the session). The language and the theme apply at once
// and are kept in the settings.
class SettingsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    enum Tab { AccountTab, DevicesTab, NotificationsTab, AppearanceTab };

    explicit SettingsDialog(ChatSession *session, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    // What the account tab says after a password change (done, or why not).
    QString passwordStatus() const;
    QString devicesStatus() const;
    QTreeWidget *deviceList() const { return m_devices; }
    // The level chooser of a room on the notifications tab (null if the room is not listed).
    QComboBox *levelChooser(const QString &room) const { return m_levels.value(room); }

Q_SIGNALS:
    // The user chose a language ("" the system's, "en", "ko"): the window applies it.
    void languageChosen(const QString &language);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createAccountTab();
    QWidget *createDevicesTab();
    QWidget *createNotificationsTab();
    QWidget *createAppearanceTab();
    void retranslate();
    void changePassword();
    void showDevices(const QList<protocol::DeviceInfo> &devices);
    void endSelectedDevice();
    void updateEndButton();
    void fillRooms(); // one level chooser per room one is in
    void settingsDone(const QString &action);
    void settingsRefused(const QString &action, const protocol::Error &error);
    QString passwordError(const protocol::Error &error) const;
    void setLevelTexts(QComboBox *box);

    ChatSession *m_session;
    QTabWidget *m_tabs;
    // Account.
    QLabel *m_accountIntro = nullptr;
    QLabel *m_guestAccount = nullptr;
    QLineEdit *m_oldPassword = nullptr;
    QLineEdit *m_newPassword = nullptr;
    QLineEdit *m_repeatPassword = nullptr;
    QCheckBox *m_signOutOthers = nullptr;
    QPushButton *m_changePassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    QFormLayout *m_passwordForm = nullptr;
    bool m_othersAsked = false;
    // Devices.
    QLabel *m_guestDevices = nullptr;
    QTreeWidget *m_devices = nullptr;
    QPushButton *m_refreshDevices = nullptr;
    QPushButton *m_endDevice = nullptr;
    QLabel *m_devicesStatus = nullptr;
    QList<protocol::DeviceInfo> m_deviceInfos;
    // Notifications.
    QLabel *m_notifyIntro = nullptr;
    QFormLayout *m_levelForm = nullptr;
    QWidget *m_levelPanel = nullptr;
    QHash<QString, QComboBox *> m_levels;
    QHash<QString, QLabel *> m_levelLabels;
    QLabel *m_noRooms = nullptr;
    // Appearance.
    QFormLayout *m_appearanceForm = nullptr;
    QLabel *m_languageLabel = nullptr;
    QLabel *m_themeLabel = nullptr;
    QComboBox *m_language = nullptr;
    QComboBox *m_theme = nullptr;
    QLabel *m_appearanceNote = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace sori::chat
