// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/fanout.h"
#include "core/chat/recentids.h"
#include "core/store/storage.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QMap>
#include <QtCore/QMutex>
#include <QtCore/QSet>

#include <variant>

namespace sori::server {

struct ServerConfig;

// What a hub action answers: its reply (already posted to the caller) or the error to answer.
template<typename Reply>
using HubResult = std::variant<Reply, protocol::Error>;

// Small rules every part of the hub applies the same way.
namespace chat {
inline QString folded(const QString &name)
{
    return name.toCaseFolded();
}
inline protocol::Error makeError(const QString &id, protocol::ErrorCode code, QString message)
{
    return protocol::Error{id, code, std::move(message)};
}
int rank(protocol::Role role);
// Moderators and admins.
inline bool isStaff(protocol::Role role)
{
    return rank(role) >= rank(protocol::Role::Moderator);
}
} // namespace chat

// The one state of the chat that Hub, Moderation, Presence and Replay share (core/chat/hub.h):
// who is online, the rooms and their members, accounts, sanctions, ghosts and last-seen times,
// behind one mutex. Whoever holds `mutex` may read and change all of it; every event and reply is
// posted while it is held, so that every session receives them in the one order the hub decided.
// The few helpers below (the "...Locked" ones) are those every part needs, with the mutex held.
struct HubState
{
    HubState(const EventEncoder &encoder, Storage *storage, const ServerConfig &config);

    struct SessionInfo
    {
        QString name;
        QString nameKey; // folded(name): looked up with every message the session sends
        protocol::ClientKind kind = protocol::ClientKind::Other;
        protocol::Role role = protocol::Role::Guest;
        qint64 account = -1;
        QByteArray tokenHash; // an account's sign-in (its device): SHA-256 of its token
        QString address;
        FanOut *fanOut = nullptr;
        QStringList rooms;
        int roomsMade = 0; // a guest: rooms it made by joining them (rooms/guest-rooms-per-session)
    };
    struct Room
    {
        protocol::RoomKind kind = protocol::RoomKind::Public;
        QString topic;
        QSet<qint64> allowed; // private rooms: the accounts let in
        qint64 seq = 0; // the last number given out
        qint64 storedSeq = 0; // the last number stored and delivered
        QList<protocol::MessageEvent> recent; // the newest stored messages, oldest first
        // The stored changes to messages (edits, deletes, reactions) from changesKeptFrom on,
        // in room order: a catch-up from memory sends those after its `since` too.
        QList<protocol::MessageChange> recentChanges;
        qint64 changesKeptFrom = 1;
        // Sender and msgId of the latest messages -> their numbers: a resend is recognized.
        RecentIds msgIds;
        // In the order they joined. Changed through addMember() and removeMember() only, which
        // keep the two below up to date: a join or a leave costs no lookup per member.
        QList<quint64> members;
        // The members grouped by fan-out (worker) and kind, as deliverLocked() posts to them: a
        // message to a big room is one post per group, not a lookup per member.
        struct Delivery
        {
            FanOut *fanOut = nullptr;
            bool plain = false;
            QList<quint64> sessions;
        };
        QList<Delivery> deliveries;
        // How many members have each name (a user may be in with several sessions).
        QHash<QString, int> names;
        void addMember(quint64 session, const SessionInfo &info);
        void removeMember(quint64 session, const SessionInfo &info);
        void clearMembers();
        // Sessions catching up (a join with "since" whose missed messages are being read from
        // storage): what the room sends them meanwhile waits here, to follow the replay.
        QHash<quint64, QList<QByteArray>> catchingUp;
        bool archived = false; // read-only: no messages, no joins (archiveRoom)
        // Who made it (a name; empty: unknown, or made by the operator) and whether a guest did:
        // a guest's room goes away once it has been idle for rooms/guest-room-idle.
        QString creator;
        bool byGuest = false;
        qint64 idleSince = 0; // guests' rooms: since when nobody was in it and nothing was said
        qint64 idleSeq = 0; // guests' rooms: storedSeq when idleSince was set
        // The accounts that follow the room (core/chat/readmarks.h): account -> seq read up to.
        QHash<qint64, qint64> readMarks;
    };
    // A user whose connection was lost, still shown in its rooms until the grace period ends.
    struct Ghost
    {
        QString name;
        protocol::ClientKind kind = protocol::ClientKind::Other;
        qint64 account = -1;
        protocol::LeaveReason reason = protocol::LeaveReason::NetworkLost;
        qint64 lostAt = 0;
        qint64 deadline = 0;
        QStringList rooms;
    };
    // Who was online and when they were last seen (ms since the epoch).
    struct Seen
    {
        QString name;
        qint64 at = 0;
    };
    struct AccountRef
    {
        qint64 id = -1;
        protocol::Role role = protocol::Role::Member;
        QString name; // as the account spells it
    };
    struct Membership
    {
        SessionInfo *info;
        Room *room;
    };

    // With `mutex` held.
    QByteArray encode(const protocol::ServerMessage &message) const
    {
        return encoder.encode(message);
    }
    // A session's state without copying it (an empty one if it is gone).
    const SessionInfo &sessionLocked(quint64 session) const;
    // The caller's session and the room, if it is online and in the room; else the error
    // (notJoinedMessage: a sentence with %1 for the room).
    HubResult<Membership> memberLocked(quint64 session, const QString &requestId,
                                       const QString &room, const QString &notJoinedMessage);
    // The account called `name` (any case), or the error that there is none.
    HubResult<const AccountRef *> accountLocked(const QString &name,
                                                const QString &requestId) const;
    // Whether a member of the room has this name; a session that has it and is still a member
    // itself (selfIsMember) does not count.
    static bool nameInRoom(const Room &room, const QString &name, bool selfIsMember);
    // Whether `name` is still listed in `room` through its grace period (core/chat/presence.h).
    bool ghostInRoomLocked(const QString &name, const QString &room) const;
    // The session leaves the room; the others see it go unless its name is still there.
    void leaveLocked(quint64 session, SessionInfo &info, const QString &room,
                     protocol::LeaveReason reason);
    // plainSource: the chat message that plain members get as a line (built only if one is
    // there); without it they get nothing.
    void deliverLocked(Room &room, const QByteArray &event, quint64 except,
                       const protocol::MessageEvent *plainSource = nullptr);
    void replyLocked(quint64 session, const SessionInfo &info,
                     const protocol::ServerMessage &reply);
    // Why a new (NFC) name may not be taken, if it may not: characters or scripts the spoof
    // checker refuses, or a skeleton (`skeleton`: names::skeleton(name)) that the operator, an
    // account, or a guest online has (name_confusable). Exact names are the callers' to check.
    std::optional<protocol::Error> confusableLocked(const QString &name, const QString &skeleton,
                                                    const QString &requestId) const;
    // What a person is (their status), for member lists: absent = online.
    protocol::PresenceStatus statusLocked(const QString &nameKey) const
    {
        return statuses.value(nameKey, protocol::PresenceStatus::Online);
    }
    // A guest's name is free again: so is its skeleton.
    void releaseGuestSkeletonLocked(const QString &name);

    const EventEncoder &encoder;
    Storage *const storage;
    const int historyOnJoin;
    const int maxHistoryPage;
    const int maxCatchUp;
    const qint64 maxPageBytes; // of messages in one history frame
    const int graceMs;
    const int guestRoomsPerSession;
    const int guestRoomIdleMs;
    const int roomsPerAccount;
    const int listMaxRooms;
    const qint64 listMaxBytes;
    const int maxRoomsPerSession;
    const qint64 editWindowMs; // 0: any time
    const int reactionsPerMessage;
    const int unreadMaxRooms;
    const int peoplePage;
    const int sanctionsPage;
    const int auditPage;

    mutable QMutex mutex;
    QHash<quint64, SessionInfo> sessions;
    QHash<QString, QList<quint64>> sessionsByName; // case-folded name
    QHash<QString, AccountRef> accounts; // case-folded name
    QHash<qint64, QStringList> directRooms; // account -> its direct conversations
    QHash<QString, Sanction> bans; // case-folded name (or address key)
    QHash<QString, QList<Sanction>> mutes; // case-folded name
    QHash<QString, Room> rooms;
    QMap<QString, bool> listed; // the rooms list_rooms shows (all but direct), by name
    QSet<QString> guestRooms; // the rooms guests made: they expire when idle
    QHash<QString, int> roomsMadeBy; // case-folded account name -> rooms it made that exist
    QHash<QString, Ghost> ghosts; // case-folded name
    QHash<QString, Seen> seen; // case-folded name
    QHash<QString, QByteArray> guestKeys; // case-folded guest name -> hash of its resume key
    // Guests' read marks, for as long as the name is theirs: case-folded name -> room -> seq.
    QHash<QString, QHash<QString, qint64>> guestMarks;
    // What people said they are (status): case-folded name -> status; absent: online. Not
    // stored: it ends when the person goes offline.
    QHash<QString, protocol::PresenceStatus> statuses;
    // Every account's case-folded name, in order: find_people pages through it.
    QMap<QString, bool> accountOrder;
    // Confusable skeletons (core/namecheck.h) of the names a new name may not look like: every
    // account's (and those being registered), and every guest's while its name is theirs (online,
    // in the grace period), to the case-folded name that has it.
    QHash<QString, QString> accountSkeletons;
    QHash<QString, QString> guestSkeletons;
    quint64 nextGuest = 0;
};

} // namespace sori::server
