// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace sori::server {

// Who asks for a moderation or room action: a signed-in session, or the operator at the server
// window. Both take the same path through the hub; the operator is not a session, passes no rank
// check, and appears as "server" in the audit log and in the events the others see.
struct Actor
{
    quint64 session = 0; // 0: the operator

    static Actor forSession(quint64 session) { return Actor{session}; }
    static Actor operatorActor() { return Actor{}; }
    bool isOperator() const { return session == 0; }
    // The operator's name in the audit log and announcements; nobody may take it.
    static QString operatorName() { return QStringLiteral("server"); }
    // Names nobody may take, nor any name that looks like them: the operator's, and "error",
    // which would make a plain client's line ("error: ...") read as the server's own.
    static QStringList reservedNames() { return {operatorName(), QStringLiteral("error")}; }
    static bool isReservedName(const QString &name)
    {
        for (const QString &reserved : reservedNames()) {
            if (name.compare(reserved, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

} // namespace sori::server
