// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/hubstate.h"

namespace sori::server {

// Replay: what a session reads of a room's past. The latest messages after a join, the catch-up
// of a join with "since" (from memory, or from storage while what the room sends meanwhile
// waits), the gaps in it, and history pages. Works on the hub's state (core/chat/hubstate.h)
// under its mutex; storage answers on its own thread.
class Replay
{
    Q_DISABLE_COPY_MOVE(Replay)

public:
    explicit Replay(HubState &state) : m_state(state) { }

    // A page of older messages, read on the storage thread and posted to the session.
    std::optional<protocol::Error> history(quint64 session,
                                           const protocol::HistoryRequest &request);

    // With the hub's mutex held, right after "joined": the latest messages that fit in a page
    // (since < 0), or those after `since`, from memory or else from storage.
    void afterJoinLocked(quint64 session, const HubState::SessionInfo &info, HubState::Room &room,
                         const QString &roomName, const QString &requestId, qint64 since);

    // How many of `messages` (oldest first) fit in `budget` bytes of a history frame, counted
    // from the newest or from the oldest end: at least one.
    static qsizetype fittingCount(const QList<protocol::MessageEvent> &messages, qint64 budget,
                                  bool newest);

private:
    void finishCatchUp(quint64 session, const QString &roomName, const QString &requestId,
                       qint64 since, qint64 from, qint64 last, bool ok, const StoredPage &page);

    HubState &m_state;
};

} // namespace sori::server
