// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/fanout.h"
#include "core/chat/ratelimit.h"
#include "core/chat/recentids.h"
#include "core/store/storage.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QMap>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <atomic>
#include <variant>

namespace sori::server {

struct ServerConfig;
struct SessionView;
struct RoomView;

// The shared state of the chat: who is online, which rooms exist, who is in them, and the
// sequence numbers. Sessions on every worker thread call it directly; one mutex guards it. Every
// change is encoded once (EventEncoder) and posted to the sessions' fan-outs (core/chat/fanout.h)
// while the lock is held, the
// caller's own successful reply included: so every session receives events and replies in the
// order the hub decided them (a "joined" reply before the first message of that room, an "ack"
// after the events before it). Errors are returned for the caller to answer.
class Hub : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Hub)

public:
    // Messages go through storage: they are delivered and acknowledged once stored.
    // The hub's timers (the presence grace period) run on the thread it lives on.
    Hub(const EventEncoder &encoder, Storage *storage, const ServerConfig &config,
        QObject *parent = nullptr);
    // The rooms the store knows, at start-up. The default room is made if it is not among them.
    void loadRooms(const QList<StoredRoom> &rooms);
    ~Hub() override;

    quint64 newSessionId() { return m_nextSessionId.fetch_add(1) + 1; }

    template<typename Reply>
    using Result = std::variant<Reply, protocol::Error>;

    // Puts a connection online under a name. An empty name asks for a guest name (guest-N).
    // Plain clients are put in the default room at once and greeted with a line of text.
    struct Identity
    {
        QString name; // empty for a guest: the server picks guest-N
        protocol::ClientKind kind = protocol::ClientKind::Other;
        protocol::Role role = protocol::Role::Guest;
        qint64 account = -1; // -1: a guest
        QString token; // a new token to hand over in the welcome
        qint64 expires = 0;
        QString address; // where the connection comes from (for address bans)
        QString resume; // a guest coming back: the key from its earlier welcome
    };
    // A guest may not take a registered name nor one that is online; an account may be online
    // in several sessions at once (it shows once in member lists and presence).
    Result<protocol::Welcome> greet(quint64 session, FanOut *fanOut, const QString &requestId,
                                    const Identity &who);
    // Returns the names of those it did not know yet.
    QStringList addAccounts(const QList<Account> &accounts);
    void loadSanctions(const QList<Sanction> &sanctions);
    // A join with `since` replays what the session missed before anything live (see replay).
    // Joining a room that does not exist makes it: for an account (within rooms/rooms-per-account
    // unless staff), for a guest only within rooms/guest-rooms-per-session (default none).
    Result<protocol::Joined> join(quint64 session, const protocol::Join &request);
    Result<protocol::UserInfo> whois(quint64 session, const protocol::Whois &request);
    Result<protocol::Left> leave(quint64 session, const protocol::Leave &request);
    // Rooms: creating one joins it; listing shows what the asker may see; inviting lets an
    // account into a private room.
    Result<protocol::Joined> createRoom(quint64 session, const protocol::CreateRoom &request);
    // A page of rooms, in the order of their names, within rooms/list-max-rooms and
    // rooms/list-max-bytes (see ListRooms).
    std::optional<protocol::Error> listRooms(quint64 session, const protocol::ListRooms &request);
    // Admins: archive (read-only, no new joins) or delete a room (gone, with its messages).
    Result<protocol::Done> archiveRoom(quint64 session, const protocol::ArchiveRoom &request);
    Result<protocol::Done> deleteRoom(quint64 session, const protocol::DeleteRoom &request);
    Result<protocol::Invited> invite(quint64 session, const protocol::Invite &request);
    // Moderation: for moderators and admins, never against someone of the same or a higher
    // role. Each action is written to the audit log.
    Result<protocol::Done> kick(quint64 session, const protocol::Kick &request);
    Result<protocol::Done> ban(quint64 session, const protocol::Ban &request);
    Result<protocol::Done> mute(quint64 session, const protocol::Mute &request);
    Result<protocol::Done> deleteMessage(quint64 session, const protocol::DeleteMessage &request);
    Result<protocol::Done> revokeTokens(quint64 session, const protocol::RevokeTokens &request);
    // Gives the message the room's next number and hands it to storage; the events and the ack
    // follow once it is stored (onStored). Returns an error only if it is refused at once.
    std::optional<protocol::Error> send(quint64 session, const protocol::Send &request);
    // A direct message between two accounts: their conversation is a room of kind Direct that
    // every session of either joins by itself (when it is created, and at each sign-in).
    std::optional<protocol::Error> direct(quint64 session, const protocol::Direct &request);
    static QString directRoomName(const QString &a, const QString &b);
    // A page of older messages, read on the storage thread and posted to the session.
    std::optional<protocol::Error> history(quint64 session,
                                           const protocol::HistoryRequest &request);
    // From the storage thread, in order.
    void onStored(const QList<PendingMessage> &batch);
    void onStoreFailed(const QList<PendingMessage> &batch);
    // Typing notices go to the others in the room; nothing is answered unless it fails.
    std::optional<protocol::Error> typing(quint64 session, const protocol::Typing &request);
    // Takes a session offline: it leaves every room with the reason. A lost connection
    // (network lost, timed out, dropped) stays listed in its rooms for the grace period; if the
    // user comes back within it (same account, or a guest with its resume key), the others see
    // nothing.
    void removeSession(quint64 session, protocol::LeaveReason reason);

    // Forgets every session without telling anybody: for the server's destruction, so that no
    // frame is posted to a worker that is going away.
    void detachAllSessions();
    // Queues the last-seen time of every account still online (now) or in its grace period (when
    // its connection was lost): for the server's destruction without stop(), before storage is
    // stopped, so that the times are not lost with the sessions.
    void recordLastSeenOfEveryone();

    // Read-only views, for tests and the server window.
    int onlineCount() const;
    QList<protocol::Member> members(const QString &room) const;
    QStringList rooms() const;

    // The rate limit buckets of accounts, shared by their sessions (core/ratelimit.h).
    AccountRateLimits &accountRates() { return m_accountRates; }

    // The server's product string in welcome frames: "sori/<version>".
    static QString serverString();

    // For the server window (core/monitor.h): copies taken under the lock, and the operator's
    // actions, with the server as the actor (no session, no rank check). Defined at the end of
    // hub.cpp.
    QList<SessionView> sessionViews() const;
    QList<RoomView> roomViews() const;
    quint64 connectionsAccepted() const { return m_nextSessionId.load(); }
    static QString operatorName(); // "server": the actor in the audit log and announcements
    Result<protocol::Done> operatorKick(const QString &user, const QString &reason);
    Result<protocol::Done> operatorBan(const QString &user, int minutes, const QString &reason);
    Result<protocol::Done> operatorMute(const QString &user, const QString &room, int minutes);
    Result<protocol::Done> operatorRevokeTokens(const QString &user);
    Result<protocol::Done> operatorDeleteMessage(const QString &room, qint64 seq);
    Result<protocol::Done> operatorCreateRoom(const QString &room, protocol::RoomKind kind,
                                              const QString &topic);
    Result<protocol::Done> operatorArchiveRoom(const QString &room);
    Result<protocol::Done> operatorDeleteRoom(const QString &room, const QString &reason);
    // A message from the operator to one room, or to every public and announcement room.
    Result<protocol::Done> operatorAnnounce(const QString &room, const QString &text);

private:
    struct SessionInfo
    {
        QString name;
        QString nameKey; // folded(name): looked up with every message the session sends
        protocol::ClientKind kind = protocol::ClientKind::Other;
        protocol::Role role = protocol::Role::Guest;
        qint64 account = -1;
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

    // With m_mutex held.
    struct Membership
    {
        SessionInfo *info;
        Room *room;
    };
    // The caller's session and the room, if it is online and in the room; else the error
    // (notJoinedMessage: a sentence with %1 for the room).
    Result<Membership> memberLocked(quint64 session, const QString &requestId, const QString &room,
                                    const QString &notJoinedMessage);
    bool joinLocked(quint64 session, SessionInfo &info, const QString &room, Room **joinedRoom);
    void leaveLocked(quint64 session, SessionInfo &info, const QString &room,
                     protocol::LeaveReason reason);
    // The error for joining one room more than config.maxRoomsPerSession, if it is one more.
    std::optional<protocol::Error> tooManyRoomsLocked(const SessionInfo &info, const QString &room,
                                                      const QString &requestId) const;
    // plainSource: the chat message that plain members get as a line (built only if one is
    // there); without it they get nothing.
    void deliverLocked(Room &room, const QByteArray &event, quint64 except,
                       const protocol::MessageEvent *plainSource = nullptr);
    void replyLocked(quint64 session, const SessionInfo &info,
                     const protocol::ServerMessage &reply);
    QString guestNameLocked();
    // A session's state without copying it (an empty one if it is gone).
    const SessionInfo &sessionLocked(quint64 session) const;
    // Whether a member of the room has this name; a session that has it and is still a member
    // itself (selfIsMember) does not count.
    static bool nameInRoom(const Room &room, const QString &name, bool selfIsMember);
    protocol::Joined joinAndReplyLocked(quint64 session, SessionInfo &info, const QString &room,
                                        const QString &requestId, qint64 since = -1);
    // After "joined": the messages after `since`, from memory or else from storage.
    void replayLocked(quint64 session, const SessionInfo &info, Room &room, const QString &roomName,
                      const QString &requestId, qint64 since);
    void finishReplay(quint64 session, const QString &roomName, const QString &requestId,
                      qint64 since, qint64 from, qint64 last, bool ok,
                      const QList<protocol::MessageEvent> &messages, bool more);
    // How many of `messages` (oldest first) fit in `budget` bytes of a history frame, counted
    // from the newest or from the oldest end: at least one.
    static qsizetype fittingCount(const QList<protocol::MessageEvent> &messages, qint64 budget,
                                  bool newest);
    // The ghost of `name` in `room`, if any.
    bool ghostInRoomLocked(const QString &name, const QString &room) const;
    void expireGhosts();
    void wentOfflineLocked(const QString &name, qint64 account, qint64 at);
    static QByteArray keyHash(const QString &key);
    static bool mayEnter(const Room &room, const SessionInfo &info);
    // For moderation: the caller, if it may moderate `target`; else the error.
    Result<SessionInfo *> moderatorLocked(quint64 session, const QString &requestId,
                                          const QString &target, bool mustBeOnline);
    std::optional<protocol::Error> queueMessageLocked(quint64 session, SessionInfo &sender,
                                                      Room &room, const QString &roomName,
                                                      const QString &requestId, const QString &text,
                                                      const QString &msgId);
    std::optional<protocol::Error> bannedLocked(const QString &name, const QString &address,
                                                const QString &requestId) const;
    void closeSessionsOfLocked(const QString &name, protocol::CloseCode code,
                               const QString &reason);
    // Rooms coming and going: every creation is audited with its actor and how it came about;
    // creatorKey (a folded account name) counts it against rooms/rooms-per-account.
    Room &createRoomLocked(const QString &name, protocol::RoomKind kind, const QString &topic,
                           const QString &actor, const QString &how, bool byGuest,
                           const QString &creatorKey);
    // Whether the session may make a room by joining it; else the error.
    std::optional<protocol::Error> mayCreateByJoinLocked(const SessionInfo &info,
                                                         const QString &room,
                                                         const QString &requestId) const;
    std::optional<protocol::Error> mayCreateLocked(const SessionInfo &info,
                                                   const QString &requestId) const;
    Result<protocol::Done> archiveRoomLocked(const QString &room, const QString &by,
                                             const QString &requestId);
    Result<protocol::Done> deleteRoomLocked(const QString &room, const QString &by,
                                            const QString &reason, const QString &requestId);
    void expireGuestRooms();
    void auditLocked(const QString &actor, const QString &action, const QString &target,
                     const QString &room, const QString &detail);

    QByteArray encode(const protocol::ServerMessage &message) const
    {
        return m_encoder.encode(message);
    }

    const EventEncoder &m_encoder;
    Storage *const m_storage;
    const int m_historyOnJoin;
    const int m_maxHistoryPage;
    const int m_maxCatchUp;
    const qint64 m_maxPageBytes; // of messages in one history frame
    const int m_graceMs;
    const int m_guestRoomsPerSession;
    const int m_guestRoomIdleMs;
    const int m_roomsPerAccount;
    const int m_listMaxRooms;
    const qint64 m_listMaxBytes;
    const int m_maxRoomsPerSession;
    mutable QMutex m_mutex;
    QHash<quint64, SessionInfo> m_sessions;
    QHash<QString, QList<quint64>> m_sessionsByName; // case-folded name
    struct AccountRef
    {
        qint64 id = -1;
        protocol::Role role = protocol::Role::Member;
        QString name; // as the account spells it
    };
    QHash<QString, AccountRef> m_accounts; // case-folded name
    QHash<qint64, QStringList> m_directRooms; // account -> its direct conversations
    QHash<QString, Sanction> m_bans; // case-folded name
    QHash<QString, QList<Sanction>> m_mutes; // case-folded name
    QHash<QString, Room> m_rooms;
    QMap<QString, bool> m_listed; // the rooms list_rooms shows (all but direct), by name
    QSet<QString> m_guestRooms; // the rooms guests made: they expire when idle
    QHash<QString, int> m_roomsMadeBy; // case-folded account name -> rooms it made that exist
    QTimer m_guestRoomTimer; // on the hub's thread
    QHash<QString, Ghost> m_ghosts; // case-folded name
    QHash<QString, Seen> m_seen; // case-folded name
    QHash<QString, QByteArray> m_guestKeys; // case-folded guest name -> hash of its resume key
    QTimer m_ghostTimer; // on the hub's thread
    quint64 m_nextGuest = 0;
    std::atomic<quint64> m_nextSessionId = 0;
    AccountRateLimits m_accountRates;
};

} // namespace sori::server
