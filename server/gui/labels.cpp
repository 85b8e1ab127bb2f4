// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/labels.h"

#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace sori::server::gui {

QString Labels::clientKind(protocol::ClientKind kind)
{
    switch (kind) {
    case protocol::ClientKind::Desktop:
        return tr("desktop");
    case protocol::ClientKind::Web:
        return tr("web");
    case protocol::ClientKind::Plain:
        return tr("plain");
    case protocol::ClientKind::Other:
        break;
    }
    return tr("other");
}

QString Labels::role(protocol::Role role)
{
    switch (role) {
    case protocol::Role::Guest:
        return tr("guest");
    case protocol::Role::Member:
        return tr("member");
    case protocol::Role::Moderator:
        return tr("moderator");
    case protocol::Role::Admin:
        return tr("admin");
    }
    return {};
}

QString Labels::status(protocol::PresenceStatus status)
{
    switch (status) {
    case protocol::PresenceStatus::Online:
        return tr("online");
    case protocol::PresenceStatus::Away:
        return tr("away");
    case protocol::PresenceStatus::Dnd:
        return tr("do not disturb");
    }
    return {};
}

QString Labels::roomKind(protocol::RoomKind kind)
{
    switch (kind) {
    case protocol::RoomKind::Public:
        return tr("public");
    case protocol::RoomKind::Private:
        return tr("private");
    case protocol::RoomKind::Announcement:
        return tr("announcement");
    case protocol::RoomKind::Direct:
        return tr("direct");
    }
    return {};
}

QString Labels::level(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return tr("debug");
    case QtInfoMsg:
        return tr("info");
    case QtWarningMsg:
        return tr("warning");
    case QtCriticalMsg:
        return tr("critical");
    case QtFatalMsg:
        return tr("fatal");
    }
    return {};
}

QString Labels::duration(qint64 seconds)
{
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds / 3600 % 24;
    const qint64 minutes = seconds / 60 % 60;
    const qint64 secs = seconds % 60;
    if (days > 0)
        return tr("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0)
        return tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return tr("%1 min %2 s").arg(minutes).arg(secs);
    return tr("%1 s").arg(secs);
}

QString Labels::timeWithSeconds(const QDateTime &time)
{
    // The locale's short time format with the seconds after the minutes: the order and the
    // marks of the language ("2:03:04 PM", "오후 2:03:04", "14:03:04") and still narrow.
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    if (!format.contains(u's')) {
        const qsizetype minutes = format.indexOf(u"mm"_s);
        if (minutes >= 0)
            format.insert(minutes + 2, u":ss"_s);
        else
            format = locale.timeFormat(QLocale::LongFormat);
    }
    return locale.toString(time.toLocalTime().time(), format);
}

QString Labels::dateTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString Labels::localTimes(const QString &text)
{
    static const QRegularExpression utc(
        uR"(\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z\b)"_s);
    if (!text.contains(utc))
        return text;
    QString result;
    qsizetype from = 0;
    for (auto it = utc.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).sliced(from, match.capturedStart() - from);
        const QDateTime time = QDateTime::fromString(match.captured(), Qt::ISODateWithMs);
        result += time.isValid() ? dateTime(time) : match.captured();
        from = match.capturedEnd();
    }
    result += QStringView(text).sliced(from);
    return result;
}

} // namespace sori::server::gui
