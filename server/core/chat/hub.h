// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/actor.h"
#include "core/chat/changes.h"
#include "core/chat/hubstate.h"
#include "core/chat/moderation.h"
#include "core/chat/presence.h"
#include "core/chat/ratelimit.h"
#include "core/chat/readmarks.h"
#include "core/chat/replay.h"

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <atomic>

namespace sori::server {

struct ServerConfig;
struct SessionView;
struct RoomView;

// The chat: who is online, which rooms exist, who is in them, and the sequence numbers. Sessions
// on every worker thread call it directly. Split by concern into classes that share one locked
// state (core/chat/hubstate.h): Hub itself (sessions, rooms, join/leave, send, numbering,
// delivery), Moderation (core/chat/moderation.h), Presence (core/chat/presence.h) and Replay
// (core/chat/replay.h), which the hub hands out. One mutex guards it all. Every change is encoded
// once (EventEncoder) and posted to the sessions' fan-outs (core/chat/fanout.h) while the lock is
// held, the caller's own successful reply included: so every session receives events and replies
// in the order the hub decided them (a "joined" reply before the first message of that room, an
// "ack" after the events before it). Errors are returned for the caller to answer.
class Hub : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Hub)

public:
    // Messages go through storage: they are delivered and acknowledged once stored.
    // The hub's timers (the presence grace period, guests' idle rooms) run on the thread it
    // lives on.
    Hub(const EventEncoder &encoder, Storage *storage, const ServerConfig &config,
        QObject *parent = nullptr);
    // The rooms the store knows, at start-up. The default room is made if it is not among them.
    void loadRooms(const QList<StoredRoom> &rooms);
    ~Hub() override;

    quint64 newSessionId() { return m_nextSessionId.fetch_add(1) + 1; }

    template<typename Reply>
    using Result = HubResult<Reply>;

    // The other parts of the chat, on the same state and lock.
    Moderation &moderation() { return m_moderation; }
    Presence &presence() { return m_presence; }
    Replay &replay() { return m_replay; }
    Changes &changes() { return m_changes; }
    ReadMarks &readMarks() { return m_readMarks; }

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
        // An account: the hash of the token it signed in with (its device, see signOutDevices)
        // and its notification levels for the welcome.
        QByteArray tokenHash;
        QList<protocol::NotifySetting> notify;
    };
    // A guest may not take a registered name nor one that is online; an account may be online
    // in several sessions at once (it shows once in member lists and presence).
    Result<protocol::Welcome> greet(quint64 session, FanOut *fanOut, const QString &requestId,
                                    const Identity &who);
    // A new account's (NFC) name, before the account is made: refused (name_taken,
    // name_confusable) if a guest online has it or a name like it, or it imitates the operator or
    // another account; else its skeleton is the account's from now on, so that no guest can take
    // a name like it meanwhile. releaseAccountName(): the account was not made after all.
    std::optional<protocol::Error> reserveAccountName(const QString &name);
    void releaseAccountName(const QString &name);
    // Returns the names of those it did not know yet.
    QStringList addAccounts(const QList<Account> &accounts);
    // A join with `since` replays what the session missed before anything live (see Replay).
    // Joining a room that does not exist makes it: for an account (within rooms/rooms-per-account
    // unless staff), for a guest only within rooms/guest-rooms-per-session (default none).
    Result<protocol::Joined> join(quint64 session, const protocol::Join &request);
    Result<protocol::Left> leave(quint64 session, const protocol::Leave &request);
    // Rooms: creating one joins it (a session; the operator only makes it); listing shows what
    // the asker may see; inviting lets an account into a private room.
    Result<protocol::Joined> createRoom(const Actor &actor, const protocol::CreateRoom &request);
    // A page of rooms, in the order of their names, within rooms/list-max-rooms and
    // rooms/list-max-bytes (see ListRooms).
    std::optional<protocol::Error> listRooms(quint64 session, const protocol::ListRooms &request);
    // Admins and the operator: archive (read-only, no new joins) or delete a room (gone, with its
    // messages).
    Result<protocol::Done> archiveRoom(const Actor &actor, const protocol::ArchiveRoom &request);
    Result<protocol::Done> deleteRoom(const Actor &actor, const protocol::DeleteRoom &request);
    Result<protocol::Invited> invite(quint64 session, const protocol::Invite &request);
    // Moderators, admins and the operator: a room's new topic, stored and told to its members
    // ("room_changed", change "topic"). Never a direct conversation or an archived room.
    Result<protocol::Done> setTopic(const Actor &actor, const protocol::SetTopic &request);
    // Room administration (core/chat/roomadmin.cpp). Admins and the operator: a room's new name
    // (everything the hub keeps by name follows it; members get room_changed "renamed") and
    // taking an archived room back into use. Moderators, admins, the operator and the room's
    // maker: taking an account out of a private room (its connections leave it).
    Result<protocol::Done> renameRoom(const Actor &actor, const protocol::RenameRoom &request);
    Result<protocol::Done> unarchiveRoom(const Actor &actor,
                                         const protocol::UnarchiveRoom &request);
    Result<protocol::Done> removeMember(const Actor &actor, const protocol::RemoveMember &request);
    // Gives the message the room's next number and hands it to storage; the events and the ack
    // follow once it is stored (onStored). Returns an error only if it is refused at once.
    // attachments: the files of request.attachments as the file service claimed them (the
    // session asked it first); they go with the message, and are stored with it.
    std::optional<protocol::Error> send(quint64 session, const protocol::Send &request,
                                        const QList<protocol::Attachment> &attachments = {});
    // A direct message between two accounts: their conversation is a room of kind Direct that
    // every session of either joins by itself (when it is created, and at each sign-in).
    std::optional<protocol::Error> direct(quint64 session, const protocol::Direct &request,
                                          const QList<protocol::Attachment> &attachments = {});
    static QString directRoomName(const QString &a, const QString &b);
    // A message from the operator ("server") to one room, or to every public and announcement
    // room.
    Result<protocol::Done> operatorAnnounce(const QString &room, const QString &text);
    // From the storage thread, in order.
    void onStored(const QList<PendingMessage> &batch);
    void onStoreFailed(const QList<PendingMessage> &batch);
    // Typing notices go to the others in the room; nothing is answered unless it fails.
    std::optional<protocol::Error> typing(quint64 session, const protocol::Typing &request);
    // Who asks a search (docs/protocol.md, `search`): the session's account (-1: a guest). With
    // a room named, only if the asker may search it: a public or announcement room, or a private
    // room or direct conversation that lets its account in (no_such_room, not_member otherwise).
    // The search itself checks the rooms again, in its query (SqliteStore::search).
    Result<qint64> searchScope(quint64 session, const QString &requestId, const QString &room);
    // Files over HTTP (docs/protocol.md, "Files over HTTP"), asked by a connection that is no
    // session: whether the account may put a file in the room now (the room exists and is not
    // archived, a private room or direct conversation has it as a member, an announcement room
    // takes files from staff only, and it is neither banned nor muted there); else the error.
    // address: where the upload comes from (address bans).
    std::optional<protocol::Error> mayUploadFile(qint64 account, const QString &name,
                                                 protocol::Role role, const QString &room,
                                                 const QString &address) const;
    // Whether the account may read a file of the room now: any account in a public or
    // announcement room, only members in a private room or direct conversation (a member
    // removed later may not). A room that is gone lets nobody read.
    bool mayReadFile(qint64 account, const QString &room) const;
    // Account settings (docs/protocol.md §15), once the auth service has changed what it keeps:
    // closes the account's sessions (4002) signed in with tokenHash (Which::Token: a device
    // ended) or with any other token (Which::AllBut: a password change that signs out the other
    // devices; Which::None: nobody), writes the audit log (the account as the actor) and answers
    // the asking session "done" with `action` (if it is still there).
    enum class SignOut { None, Token, AllBut };
    void accountSettingDone(quint64 session, const QString &requestId, const QString &action,
                            const QString &account, SignOut which, const QByteArray &tokenHash,
                            const QString &detail);
    // Takes a session offline: it leaves every room with the reason. A lost connection
    // (network lost, timed out, dropped) stays listed in its rooms for the grace period
    // (Presence); if the user comes back within it, the others see nothing.
    void removeSession(quint64 session, protocol::LeaveReason reason);

    // Forgets every session without telling anybody: for the server's destruction, so that no
    // frame is posted to a worker that is going away.
    void detachAllSessions();

    // Read-only views, for tests and the server window.
    int onlineCount() const;
    QList<protocol::Member> members(const QString &room) const;
    QStringList rooms() const;

    // The rate limit buckets of accounts, shared by their sessions (core/ratelimit.h).
    AccountRateLimits &accountRates() { return m_accountRates; }

    // The server's product string in welcome frames: "sori/<version>".
    static QString serverString();

    // For the server window (core/monitor.h): copies taken under the lock.
    QList<SessionView> sessionViews() const;
    QList<RoomView> roomViews() const;
    quint64 connectionsAccepted() const { return m_nextSessionId.load(); }

private:
    using SessionInfo = HubState::SessionInfo;
    using Room = HubState::Room;

    // With the state's mutex held.
    bool joinLocked(quint64 session, SessionInfo &info, const QString &room, Room **joinedRoom);
    // The error for joining one room more than config.maxRoomsPerSession, if it is one more.
    std::optional<protocol::Error> tooManyRoomsLocked(const SessionInfo &info, const QString &room,
                                                      const QString &requestId) const;
    QString guestNameLocked();
    protocol::Joined joinAndReplyLocked(quint64 session, SessionInfo &info, const QString &room,
                                        const QString &requestId, qint64 since = -1);
    static QByteArray keyHash(const QString &key);
    static bool mayEnter(const Room &room, const SessionInfo &info);
    std::optional<protocol::Error>
    queueMessageLocked(quint64 session, SessionInfo &sender, Room &room, const QString &roomName,
                       const QString &requestId, const QString &text, const QString &msgId,
                       qint64 replyTo = 0, const QList<protocol::Attachment> &attachments = {});
    // A send's replyTo: refused (not_found) if it cannot be a message of the room.
    std::optional<protocol::Error> replyToLocked(const Room &room, const QString &roomName,
                                                 const QString &requestId, qint64 replyTo) const;
    // Rooms coming and going: every creation is audited with its actor and how it came about;
    // creatorKey (a folded account name) counts it against rooms/rooms-per-account.
    Room &createRoomLocked(const QString &name, protocol::RoomKind kind, const QString &topic,
                           const QString &actor, const QString &how, bool byGuest,
                           const QString &creatorKey);
    // Whether the session may make a room by joining it; else the error.
    // Whether a room may be made with this name: NFC, and characters and scripts as for
    // people's names (bad_room if not).
    static std::optional<protocol::Error> newRoomName(const QString &room,
                                                      const QString &requestId);
    std::optional<protocol::Error> mayCreateByJoinLocked(const SessionInfo &info,
                                                         const QString &room,
                                                         const QString &requestId) const;
    std::optional<protocol::Error> mayCreateLocked(const SessionInfo &info,
                                                   const QString &requestId) const;
    // The acting session if it is an admin's, or the operator; else the error (refusal).
    HubResult<Moderation::Acting> adminLocked(const Actor &actor, const QString &requestId,
                                              const QString &refusal);
    Result<protocol::Done> deleteRoomLocked(const QString &room, const QString &by,
                                            const QString &reason, const QString &requestId);
    void expireGuestRooms();

    HubState m_state;
    Moderation m_moderation{m_state};
    Presence m_presence{m_state};
    Replay m_replay{m_state};
    Changes m_changes{m_state, m_moderation};
    ReadMarks m_readMarks;
    QTimer m_guestRoomTimer; // on the hub's thread
    std::atomic<quint64> m_nextSessionId = 0;
    AccountRateLimits m_accountRates;
};

} // namespace sori::server
