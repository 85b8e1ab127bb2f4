// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/hubstate.h"

#include <functional>

namespace sori::server {

class Moderation;

// Changes to messages: edits, deletes and reactions (docs/protocol.md §12). Each takes the next
// seq of its room, like a message, goes through storage with the messages (a change row and its
// effect, in one transaction) and is delivered once stored, so that every client sees it in the
// room's order and a client that was away gets it exactly once on catch-up.
//
// The target is checked before a number is given: among the room's recent messages in memory,
// or else read from storage first (one read, counted like a history page).
class Changes
{
    Q_DISABLE_COPY_MOVE(Changes)

public:
    Changes(HubState &state, Moderation &moderation) : m_state(state), m_moderation(moderation) { }

    std::optional<protocol::Error> edit(quint64 session, const protocol::Edit &request);
    std::optional<protocol::Error> react(quint64 session, const protocol::React &request);

    // With the hub's mutex held. Numbers the change and queues it to storage with its frames
    // built once: its event for the room and, with `acknowledge`, an ack for `session`.
    void queueLocked(HubState::Room &room, StoredChange change, quint64 session,
                     const QString &requestId, bool acknowledge);
    // After it is stored: the room's recent messages show it, and it is kept for catch-ups from
    // memory.
    void storedLocked(HubState::Room &room, const StoredChange &change);
    // The change's event.
    static protocol::MessageChange eventOf(const StoredChange &change);
    static qint64 atOf(const protocol::MessageChange &change);
    // A message as the change leaves it.
    static void applyTo(protocol::MessageEvent &message, const StoredChange &change);

    // The target of a change, from memory or from storage: `found` runs with the mutex held
    // (after a read, the session and room are looked up again and it runs only if both are
    // still there), with the message or the error to send.
    using Found = std::function<std::optional<protocol::Error>(
        HubState::SessionInfo &, HubState::Room &, const protocol::MessageEvent &)>;
    std::optional<protocol::Error> withTargetLocked(quint64 session, HubState::Room &room,
                                                    const QString &roomName, qint64 seq,
                                                    const QString &requestId, Found found);

private:
    HubState &m_state;
    Moderation &m_moderation;
};

} // namespace sori::server
