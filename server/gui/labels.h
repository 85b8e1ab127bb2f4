// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QString>

namespace sori::server::gui {

// The words the window uses for the protocol's kinds and roles, translated.
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString clientKind(protocol::ClientKind kind);
    static QString role(protocol::Role role);
    // "online", "away", "do not disturb".
    static QString status(protocol::PresenceStatus status);
    static QString roomKind(protocol::RoomKind kind);
    static QString level(QtMsgType type);
    // A duration in whole seconds as "3 d 4 h", "4 h 5 min", "5 min 6 s" or "6 s".
    static QString duration(qint64 seconds);
    // A time of day in local time, in the UI language's own short format with the seconds
    // (for the live log, where seconds matter).
    static QString timeWithSeconds(const QDateTime &time);
    // A moment in local time, date and time, in the UI language's short format.
    static QString dateTime(const QDateTime &time);
    // The text with every ISO 8601 UTC time in it ("2026-12-06T14:02:40Z", as the server writes
    // ban and mute ends in its log) in local time, in the UI language (dateTime()).
    static QString localTimes(const QString &text);
};

} // namespace sori::server::gui
