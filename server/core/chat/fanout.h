// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/closecode.h"
#include "protocol/messages.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>

namespace sori::server {

class Session;

// The chat layer's two doors to whatever carries its events (docs/architecture.md, "Code map").
// The hub decides what happens, in one order, under its lock; it never sees a socket or a
// WebSocket frame. Today the network layer (core/net) implements both; tests implement them with
// a recording fake (tests/unit/chat/tst_hub.cpp), and a bus between nodes would implement FanOut.

// Turns a server message into the bytes that go out, once, on the thread that decided it: the
// same bytes (implicitly shared) then go to every recipient. Opaque to the chat layer; over
// WebSocket they are a whole text frame. Thread-safe.
class EventEncoder
{
public:
    virtual ~EventEncoder() = default;
    virtual QByteArray encode(const protocol::ServerMessage &message) const = 0;
    // What a plain client (one line of text per frame, docs/protocol.md) gets: the server's own
    // lines. A line break in `line` (a reason typed by a moderator, say) becomes a space, so
    // that nothing the server passes on can start a line of its own.
    virtual QByteArray encodePlain(QStringView line) const = 0;
    // A chat message for plain clients: one "from: line" frame per line of its text, so that a
    // line break in a message never makes a line that looks like another sender's or the
    // server's.
    QByteArray encodePlainMessage(QStringView from, QStringView text) const;
    // A message as plain clients read it: its text, then " [file: <name>]" for each attachment.
    QByteArray encodePlainMessage(const protocol::MessageEvent &message) const;
};

// Where the hub posts encoded events for the sessions it serves (today: one worker thread's
// sessions). Every call is thread-safe and keeps order: events posted in one order reach each
// session in that order, and a close or a task comes after what was posted before it.
class FanOut
{
public:
    virtual ~FanOut() = default;
    // One encoded event for some of this fan-out's sessions.
    virtual void post(QByteArray event, QList<quint64> sessions) = 0;
    // Closes one session's connection with a close code and reason (moderation: kick, ban); its
    // session ends with `why`.
    virtual void closeSession(quint64 session, protocol::CloseCode code, const QString &reason,
                              protocol::LeaveReason why) = 0;
    // Runs task with the session on the session's own thread, if it is still there.
    virtual void runForSession(quint64 session, std::function<void(Session &)> task) = 0;
};

} // namespace sori::server
