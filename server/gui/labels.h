// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace sori::server::gui {

// The words the window uses for the protocol's kinds and roles, translated.
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)

public:
    static QString clientKind(protocol::ClientKind kind);
    static QString role(protocol::Role role);
    static QString roomKind(protocol::RoomKind kind);
    static QString level(QtMsgType type);
    // A duration in whole seconds as "3 d 4 h", "4 h 5 min", "5 min 6 s" or "6 s".
    static QString duration(qint64 seconds);
};

} // namespace sori::server::gui
