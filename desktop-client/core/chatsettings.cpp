// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chatsettings.h"

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
const QString ServerUrlKey = u"server/url"_s;
const QString UserNameKey = u"user/name"_s;
const QString SignInModeKey = u"user/mode"_s; // "guest" or "account"
const QString TokenKey = u"user/token"_s;
const QString RoomsKey = u"rooms/joined"_s;
const QString SilencedRoomsKey = u"rooms/silenced"_s;
const QString LanguageKey = u"ui/language"_s;
const QString ThemeKey = u"ui/theme"_s;
const QString IdleAwayKey = u"presence/idle-away-minutes"_s;
constexpr int DefaultIdleAwayMinutes = 10;
const QString PinsGroup = u"certificates/"_s; // + "host:port" -> hexadecimal SHA-256
const QString GeometryKey = u"window/geometry"_s;
const QString StateKey = u"window/state"_s;

const QString DefaultServer = u"ws://localhost:8080/ws"_s;
} // namespace

ChatSettings::ChatSettings()
    : m_settings(std::make_unique<QSettings>(u"Sori"_s, u"sori-chat"_s)) { }

ChatSettings::ChatSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{ }

QUrl ChatSettings::serverUrl() const
{
    return QUrl(m_settings->value(ServerUrlKey, DefaultServer).toString());
}

void ChatSettings::setServerUrl(const QUrl &url)
{
    m_settings->setValue(ServerUrlKey, url.toString());
}

QString ChatSettings::userName() const
{
    return m_settings->value(UserNameKey).toString();
}

void ChatSettings::setUserName(const QString &name)
{
    m_settings->setValue(UserNameKey, name);
}

ChatSettings::SignInMode ChatSettings::signInMode() const
{
    return m_settings->value(SignInModeKey).toString() == u"account"_s ? SignInMode::Account
                                                                       : SignInMode::Guest;
}

void ChatSettings::setSignInMode(SignInMode mode)
{
    m_settings->setValue(SignInModeKey, mode == SignInMode::Account ? u"account"_s : u"guest"_s);
}

QString ChatSettings::token() const
{
    return m_settings->value(TokenKey).toString();
}

void ChatSettings::setToken(const QString &token)
{
    m_settings->setValue(TokenKey, token);
}

void ChatSettings::forgetToken()
{
    m_settings->remove(TokenKey);
}

QStringList ChatSettings::rooms() const
{
    return m_settings->value(RoomsKey).toStringList();
}

void ChatSettings::setRooms(const QStringList &rooms)
{
    m_settings->setValue(RoomsKey, rooms);
}

QStringList ChatSettings::silencedRooms() const
{
    return m_settings->value(SilencedRoomsKey).toStringList();
}

void ChatSettings::setSilencedRooms(const QStringList &rooms)
{
    m_settings->setValue(SilencedRoomsKey, rooms);
}

void ChatSettings::forgetSilencedRooms()
{
    m_settings->remove(SilencedRoomsKey);
}

QString ChatSettings::theme() const
{
    const QString theme = m_settings->value(ThemeKey).toString();
    return theme == u"light"_s || theme == u"dark"_s ? theme : u"system"_s;
}

void ChatSettings::setTheme(const QString &theme)
{
    m_settings->setValue(ThemeKey, theme);
}

int ChatSettings::idleAwayMinutes() const
{
    bool ok = false;
    const int minutes = m_settings->value(IdleAwayKey, DefaultIdleAwayMinutes).toInt(&ok);
    return ok && minutes >= 0 ? minutes : DefaultIdleAwayMinutes;
}

void ChatSettings::setIdleAwayMinutes(int minutes)
{
    m_settings->setValue(IdleAwayKey, minutes);
}

QString ChatSettings::language() const
{
    return m_settings->value(LanguageKey).toString();
}

void ChatSettings::setLanguage(const QString &language)
{
    m_settings->setValue(LanguageKey, language);
}

QByteArray ChatSettings::pinnedCertificate(const QString &server) const
{
    return QByteArray::fromHex(m_settings->value(PinsGroup + server).toString().toLatin1());
}

void ChatSettings::setPinnedCertificate(const QString &server, const QByteArray &fingerprint)
{
    m_settings->setValue(PinsGroup + server, QString::fromLatin1(fingerprint.toHex()));
}

QByteArray ChatSettings::windowGeometry() const
{
    return m_settings->value(GeometryKey).toByteArray();
}

void ChatSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(GeometryKey, geometry);
}

QByteArray ChatSettings::windowState() const
{
    return m_settings->value(StateKey).toByteArray();
}

void ChatSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(StateKey, state);
}

void ChatSettings::sync()
{
    m_settings->sync();
}

} // namespace sori::chat
