// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include "protocol/messages.h"

namespace sori::server {

// One frame for some of the sessions that live on one worker. The frame is built once and
// shared (implicitly) by every recipient on every worker.
struct Outgoing
{
    QByteArray frame;
    QList<quint64> sessions;
};

// Where the hub drops frames for the sessions of one worker thread. post() is thread-safe and
// keeps order: frames posted in one order are written to each session in that order.
class Mailbox
{
public:
    virtual ~Mailbox() = default;
    virtual void post(Outgoing outgoing) = 0;
    // Closes one session's connection with a close frame (moderation: kick, ban).
    virtual void closeSession(quint64 session, quint16 code, const QString &reason,
                              protocol::LeaveReason why) = 0;
};

} // namespace sori::server
