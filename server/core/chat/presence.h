// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/hubstate.h"

#include <QtCore/QTimer>

namespace sori::server {

// Presence: a lost connection (network lost, timed out, dropped) stays listed in its rooms for
// the grace period as a "ghost"; if the user comes back within it (same account, or a guest with
// its resume key), the others see nothing, else they see it leave when the period ends. Also
// who was last seen when, and whois. Works on the hub's state (core/chat/hubstate.h) under its
// mutex; its timer runs on the thread it was made on (the hub's).
class Presence
{
    Q_DISABLE_COPY_MOVE(Presence)

public:
    explicit Presence(HubState &state);

    HubResult<protocol::UserInfo> whois(quint64 session, const protocol::Whois &request);
    // Online, away or do-not-disturb, for all the person's connections until it goes offline
    // (not stored). Everybody in a room with the person gets a presence event `status`.
    HubResult<protocol::Done> setStatus(quint64 session, const protocol::SetStatus &request);
    // Accounts whose case-folded name holds the query, in name order after `after`, a page at a
    // time (people/max-page), with whether they are online, their status and when last seen.
    // The names are matched on a copy of the list, outside the lock.
    std::optional<protocol::Error> findPeople(quint64 session, const protocol::FindPeople &request);
    // Queues the last-seen time of every account still online (now) or in its grace period (when
    // its connection was lost): for the server's destruction without stop(), before storage is
    // stopped, so that the times are not lost with the sessions.
    void recordLastSeenOfEveryone();

    // With the hub's mutex held.
    // An account read from the store, last seen at lastSeen (0: never).
    void knownLocked(const QString &name, qint64 lastSeen);
    // Whether a session leaving for this reason keeps being listed for the grace period.
    bool keepsListedLocked(const HubState::SessionInfo &info, protocol::LeaveReason reason) const;
    // The session is out of the room, but listed in it still (as a ghost) until the period ends.
    void keepListedLocked(quint64 session, HubState::SessionInfo &info, HubState::Room &room,
                          const QString &roomName, protocol::LeaveReason reason, qint64 now);
    // Whether `name` was still listed in `room` (it comes back there silently): it is no more.
    bool comeBackLocked(const QString &name, const QString &room);
    // The last session of `name` is gone at `at`: its ghost, if any, waits for the period's end;
    // else it is offline from now on.
    void sessionGoneLocked(const QString &name, qint64 account, qint64 at);

private:
    void expireGhosts();
    void wentOfflineLocked(const QString &name, qint64 account, qint64 at);

    HubState &m_state;
    QTimer m_ghostTimer; // on the hub's thread
};

} // namespace sori::server
