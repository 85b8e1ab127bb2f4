// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/hubstate.h"

#include <QtCore/QTimer>

#include <atomic>
#include <utility>

namespace sori::server {

// Read markers and unread counts. An account follows a room from its first join until it leaves
// it with `leave` (and its direct conversations from the first message either way); each followed
// room has a mark, the seq read up to. A first join marks everything before it as read, so that
// a newcomer is not greeted with the whole history as unread. Marks live in the rooms
// (HubState::Room::readMarks; guests': HubState::guestMarks, for the session's name only) and are
// raised by `read` requests; the new ones are written in one storage transaction every
// unread/flush-interval and when the server stops, never one write per read. After a welcome the
// session gets its unread counts, counted on the read connection (Storage::read). Works on the
// hub's state under its mutex; the flush timer runs on the thread it was made on (the hub's).
class ReadMarks
{
    Q_DISABLE_COPY_MOVE(ReadMarks)

public:
    ReadMarks(HubState &state, int flushMs);

    // "I have read up to seq": ignored unless the room is followed and joined and seq is above
    // the mark (a seq past the room's last is taken as the last). The account's other
    // connections get a `read` event.
    void markRead(quint64 session, const protocol::MarkRead &request);
    // Queues the marks raised since the last flush as one write (nothing if there are none).
    void flush();
    // Writes queued by flush() so far: for the tests (many reads, one write).
    quint64 flushes() const { return m_flushes.load(); }

    // With the hub's mutex held.
    // The session joins the room: it follows it from now on if it did not yet (marked read up
    // to the room's last stored message). Returns the mark (0: none, a plain client).
    qint64 followLocked(const HubState::SessionInfo &info, HubState::Room &room,
                        const QString &roomName);
    // The session left the room with `leave`: the person no longer follows it, unless another
    // of its connections is still in it.
    void unfollowLocked(const HubState::SessionInfo &info, HubState::Room &room,
                        const QString &roomName);
    // A direct message is on its way: both accounts follow the conversation (a new follower has
    // read up to `seq`, the room's last number before the message), online or not.
    void followDirectLocked(HubState::Room &room, const QString &roomName, qint64 seq);
    // Right after an account's welcome (and its direct conversations' joins), or a guest's
    // coming back with its resume key: the `unread` event, posted once counted. (The messages
    // counted are those of others: a guest's own are known by its name, which is its alone
    // while its session lasts.)
    void sendUnreadLocked(quint64 session, const HubState::SessionInfo &info);
    // The room is gone: marks waiting to be written for it are dropped.
    void roomGoneLocked(const QString &roomName);
    // The room goes by a new name: marks waiting to be written, and guests' marks, follow it
    // (the stored ones refer to the room by its id).
    void roomRenamedLocked(const QString &roomName, const QString &newName);
    // The account was taken out of the room (remove_member): it follows it no longer, on no
    // connection; the stored mark goes with its membership (Store::removeRoomMember).
    void removedLocked(qint64 account, HubState::Room &room, const QString &roomName);

private:
    HubState &m_state;
    QTimer m_flushTimer; // on the hub's thread
    // Marks raised since the last flush: (account, room) -> seq. Under the hub's mutex.
    QHash<std::pair<qint64, QString>, qint64> m_pending;
    std::atomic<quint64> m_flushes = 0;
};

} // namespace sori::server
