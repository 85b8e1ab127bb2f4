// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QSettings>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>

namespace sori::chat {

// Everything sori-chat remembers between runs, in one place: the keys and defaults live in
// chatsettings.cpp, and nothing else reads QSettings.
class ChatSettings
{
public:
    enum class SignInMode { Guest, Account };

    // The application's own settings (organization "Sori", application "sori-chat").
    ChatSettings();
    // Settings in an INI file of the caller's choosing (tests, tools).
    explicit ChatSettings(const QString &iniFile);
    Q_DISABLE_COPY_MOVE(ChatSettings)

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString userName() const;
    void setUserName(const QString &name);
    SignInMode signInMode() const;
    void setSignInMode(SignInMode mode);
    // A token from the last account sign-in: signs in again without the password.
    QString token() const;
    void setToken(const QString &token);
    void forgetToken();

    // Rooms to join again at the next start.
    QStringList rooms() const;
    void setRooms(const QStringList &rooms);
    // Rooms whose messages raised no desktop notification, from versions before the server
    // kept notification levels: read once at an account's sign-in, moved to the server as
    // "none", then forgotten.
    QStringList silencedRooms() const;
    void setSilencedRooms(const QStringList &rooms);
    void forgetSilencedRooms();

    // "system" (the default: the platform's style and colours), "light" or "dark" (Fusion).
    QString theme() const;
    void setTheme(const QString &theme);

    // Minutes without a key or mouse press before the status turns to away by itself (and back
    // to online at the next one); 0 never. Default 10.
    int idleAwayMinutes() const;
    void setIdleAwayMinutes(int minutes);

    // "" follows the system locale; "en", "ko".
    QString language() const;
    void setLanguage(const QString &language);

    // Certificates trusted on first use: the SHA-256 fingerprint pinned for a server
    // ("host:port"; see CertificateTrust), empty if none.
    QByteArray pinnedCertificate(const QString &server) const;
    void setPinnedCertificate(const QString &server, const QByteArray &fingerprint);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace sori::chat
