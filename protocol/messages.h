// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>
#include <variant>

// Protocol v1: the typed messages. Every frame on the wire is one JSON object with a "type";
// MessageCodec is the only place that turns these structs into JSON and back.
// Append new kinds at the end of an enum; never renumber or rename a wire string.
namespace sori::protocol {

inline constexpr int Version = 1;
inline constexpr char Subprotocol[] = "sori.v1";
inline constexpr char DefaultRoom[] = "lobby";

enum class ClientKind { Other, Desktop, Web, Plain };

enum class ErrorCode {
    Internal,
    BadJson, // not JSON, or not one JSON object
    UnknownType, // "type" names no request
    BadField, // a field is missing, of the wrong type, or out of range
    HelloRequired, // a request before "hello"
    AlreadyGreeted, // a second "hello" on one connection
    UnsupportedVersion, // "protocol" is not one this server speaks
    BadName, // a nickname that breaks the naming rules
    NameTaken, // a nickname somebody online already has
    BadRoom, // a room name that breaks the naming rules
    NotJoined, // sending or typing to a room one has not joined
    TooLarge, // a message text over the configured size
    UnsupportedFrame, // a binary frame where only text frames are spoken
    BadCredentials, // wrong name or password (never says which)
    BadToken, // a token that is unknown, revoked or expired
    Throttled, // too many failed logins: wait before trying again
    GuestsDisabled, // this server does not take guests
    RegistrationClosed, // this server does not take new accounts
    WeakPassword, // a password too short or too long
    Forbidden, // the role does not allow it
    NotMember, // a private room one has not been invited to
    RoomExists, // creating a room whose name is taken
    NoSuchRoom, // a room that does not exist
    NoSuchUser, // an account that does not exist
    Banned, // the account is banned (for a while, or for good)
    Muted, // the account may not post here (for a while, or for good)
    Busy, // too many reads (history pages) waiting: try again a little later
    Archived, // the room is archived: its history can be read, nothing posted, nobody joins
    RateLimited, // over a rate limit: the message says how long to wait (see "slow_down")
    TooManyRooms, // joining one room more than a session may be in at once
    // A new name that looks like one taken (an account, a guest online, "server": the same
    // UTS #39 confusable skeleton), or that mixes scripts (see docs/admin.md, "Names")
    NameConfusable,
    NotFound, // no such message in the room (or it was deleted)
    TooLate, // editing a message after the edit window
    TooManyReactions, // one emoji more than a message may carry
    NoSuchDevice, // end_device: no signed-in device of this account has that id
    // send, direct: an attachment that is not the sender's own unattached file of the room, a
    // duplicate, or one too many (docs/protocol.md §14)
    BadAttachment,
};

// Status: the member set away, do-not-disturb or online (see Member::status).
enum class PresenceChange { Joined, Left, Status };

// What somebody says about being there: online (the default), away (by hand, or idle in the
// client), do not disturb.
enum class PresenceStatus { Online, Away, Dnd };

// What a rate limit counts (see SlowDown): send, direct, edit, delete and react; typing and
// read; join, leave, invite and status; history, list_rooms, whois and find_people;
// create_room; search; moderate: every moderation request (kick, ban, mute, revoke_tokens,
// archive_room, delete_room, lift, sanctions, audit, set_topic, set_role, rename_room,
// unarchive_room, remove_member); settings: the account settings (change_password, devices,
// end_device, set_notify).
enum class RateKind { Send, Typing, Join, Read, CreateRoom, Search, Moderate, Settings };

// What somebody may do: guests chat; members also own an account; moderators and admins
// moderate; admins manage the server.
enum class Role { Guest, Member, Moderator, Admin };

// Public: anyone may join. Private: members only, by invitation. Announcement: everyone reads,
// moderators and admins post.
// Direct: the conversation of two accounts (named "dm:<a>:<b>" by the server).
enum class RoomKind { Public, Private, Announcement, Direct };

// Why somebody left a room.
enum class LeaveReason {
    Left, // asked to leave the room
    Closed, // closed the connection
    NetworkLost, // the connection dropped without a close frame
    TimedOut, // stopped answering
    Kicked,
    Shutdown, // the server is stopping
    Dropped, // could not keep up with the traffic (outgoing queue full)
    SignedOut, // sent "logout"
};

// How much a room may call for its member's attention (SetNotify): every message, only those
// that mention them (and direct messages), or nothing. The server only keeps it; clients act on it.
enum class NotifyLevel { All, Mentions, None };

// What a moderator did to somebody (see SanctionEvent). Lift: a ban or a mute ended early.
enum class SanctionAction { Kick, Ban, Mute, Revoke, Lift };

// Why messages a reconnecting client asked for will not come.
enum class GapReason {
    Retention, // deleted by the history retention
    Limit, // more were missed than the server replays at a join
};

struct Member
{
    QString name;
    ClientKind kind = ClientKind::Other;
    PresenceStatus status = PresenceStatus::Online;
    friend bool operator==(const Member &, const Member &) = default;
};

// ---- Requests: client to server. "id" is the client's, echoed in the reply.

struct Hello
{
    QString id;
    int protocol = Version;
    QString name; // empty: the server picks a guest name
    ClientKind client = ClientKind::Other;
    // A guest coming back: the key from its earlier welcome gives it its name back.
    QString resume;
    friend bool operator==(const Hello &, const Hello &) = default;
};

// Creates an account and signs in with it.
struct Register
{
    QString id;
    int protocol = Version;
    QString name;
    QString password;
    ClientKind client = ClientKind::Other;
    friend bool operator==(const Register &, const Register &) = default;
};

// Signs in with a name and password, or with a token from an earlier login.
struct Login
{
    QString id;
    int protocol = Version;
    QString name;
    QString password;
    QString token;
    ClientKind client = ClientKind::Other;
    friend bool operator==(const Login &, const Login &) = default;
};

// Revokes this connection's token and closes the connection.
struct Logout
{
    QString id;
    friend bool operator==(const Logout &, const Logout &) = default;
};

struct CreateRoom
{
    QString id;
    QString room;
    RoomKind kind = RoomKind::Public;
    QString topic;
    friend bool operator==(const CreateRoom &, const CreateRoom &) = default;
};

// A page of the rooms the asker may see, in the order of their names: those after `after`
// (empty: from the first) whose name holds `query` (without regard to case; empty: every room),
// at most `limit` of them (0: as many as the server gives in one page). The reply says whether
// more follow; ask again with `after` set to the last name of the page.
struct ListRooms
{
    QString id;
    QString query;
    QString after;
    int limit = 0;
    friend bool operator==(const ListRooms &, const ListRooms &) = default;
};

// Lets an account into a private room.
struct Invite
{
    QString id;
    QString room;
    QString user;
    friend bool operator==(const Invite &, const Invite &) = default;
};

// Moderation, for moderators and admins: kick closes the user's connections; ban keeps the
// account out (minutes = 0: for good); mute stops its posts in one room (or everywhere, with an
// empty room); delete replaces a message with a tombstone.
struct Kick
{
    QString id;
    QString user;
    QString reason;
    friend bool operator==(const Kick &, const Kick &) = default;
};

struct Ban
{
    QString id;
    QString user; // a name, or empty with an address
    qint64 minutes = 0;
    QString reason;
    QString address; // an IP address to ban instead of a name
    friend bool operator==(const Ban &, const Ban &) = default;
};

// Admins: revokes every sign-in (token) of an account and closes its connections.
struct RevokeTokens
{
    QString id;
    QString user;
    friend bool operator==(const RevokeTokens &, const RevokeTokens &) = default;
};

struct Mute
{
    QString id;
    QString user;
    QString room; // empty: everywhere
    qint64 minutes = 0;
    QString reason;
    friend bool operator==(const Mute &, const Mute &) = default;
};

struct DeleteMessage
{
    QString id;
    QString room;
    qint64 seq = 0;
    friend bool operator==(const DeleteMessage &, const DeleteMessage &) = default;
};

struct Join
{
    QString id;
    QString room;
    // A client coming back: the last sequence number it has of the room. Everything after it
    // is sent before live traffic. -1: a first join (the latest messages are sent).
    qint64 since = -1;
    friend bool operator==(const Join &, const Join &) = default;
};

struct Leave
{
    QString id;
    QString room;
    friend bool operator==(const Leave &, const Leave &) = default;
};

struct Send
{
    QString id;
    QString room;
    QString text;
    QString msgId; // the client's own id of the message, echoed in the event
    qint64 replyTo = 0; // the seq of the message of the room this one answers (0: none)
    // Ids of files uploaded for the room (POST /files), in the order they are shown. With one
    // at least, the text may be empty.
    QStringList attachments;
    friend bool operator==(const Send &, const Send &) = default;
};

// A direct message to one account, online or not: it arrives when they next come online.
struct Direct
{
    QString id;
    QString to;
    QString text;
    QString msgId;
    qint64 replyTo = 0;
    QStringList attachments; // as in Send: files uploaded for the direct conversation's room
    friend bool operator==(const Direct &, const Direct &) = default;
};

struct Typing
{
    QString id;
    QString room;
    bool active = true;
    friend bool operator==(const Typing &, const Typing &) = default;
};

// A page of older messages: those with seq < before (0: the newest), at most limit of them.
// With after > 0, a page forward instead: the oldest of those with after < seq < before.
// With around > 0: at most limit messages around that seq, itself included (search results,
// quotes far up).
struct HistoryRequest
{
    QString id;
    QString room;
    qint64 before = 0;
    int limit = 50;
    qint64 after = 0;
    qint64 around = 0;
    friend bool operator==(const HistoryRequest &, const HistoryRequest &) = default;
};

// Who is this, and when were they last online?
// Admins: an archived room keeps its history for its members but takes no more messages and
// no more joins; a deleted room is gone, with its messages, for everybody (its members get a
// RoomChangedEvent and are out of it).
struct ArchiveRoom
{
    QString id;
    QString room;
    friend bool operator==(const ArchiveRoom &, const ArchiveRoom &) = default;
};

struct DeleteRoom
{
    QString id;
    QString room;
    QString reason;
    friend bool operator==(const DeleteRoom &, const DeleteRoom &) = default;
};

struct Whois
{
    QString id;
    QString user;
    friend bool operator==(const Whois &, const Whois &) = default;
};

// Changes the text of one's own message (see docs/protocol.md, "Room order").
struct Edit
{
    QString id;
    QString room;
    qint64 seq = 0;
    QString text;
    friend bool operator==(const Edit &, const Edit &) = default;
};

// Adds (on) or takes back one's emoji reaction to a message.
struct React
{
    QString id;
    QString room;
    qint64 seq = 0;
    QString emoji;
    bool on = true;
    friend bool operator==(const React &, const React &) = default;
};

// "I have read the room up to seq": kept for the account (for a guest, the session) and told
// to its other connections. No reply.
struct MarkRead
{
    QString id;
    QString room;
    qint64 seq = 0;
    friend bool operator==(const MarkRead &, const MarkRead &) = default;
};

struct SetStatus
{
    QString id;
    PresenceStatus status = PresenceStatus::Online;
    friend bool operator==(const SetStatus &, const SetStatus &) = default;
};

// A page of accounts whose name holds query (case folded; empty: all), in name order after
// `after`.
struct FindPeople
{
    QString id;
    QString query;
    QString after;
    int limit = 0;
    friend bool operator==(const FindPeople &, const FindPeople &) = default;
};

// Full-text search over the rooms the asker may read (or one of them), newest first; before: the
// `next` of the previous page (0: from the newest).
struct Search
{
    QString id;
    QString query;
    QString room;
    qint64 before = 0;
    int limit = 0;
    friend bool operator==(const Search &, const Search &) = default;
};

// Moderation tools (docs/protocol.md §13), for moderators and admins.
// Ends a ban (of a user, or of an address) or a mute (of a user in one room, or everywhere with
// an empty room) before its time. what: Ban or Mute.
struct Lift
{
    QString id;
    SanctionAction what = SanctionAction::Ban;
    QString user;
    QString address; // a ban by address instead of a user's
    QString room; // a mute: its room; empty: the everywhere mute
    friend bool operator==(const Lift &, const Lift &) = default;
};

// A page of the active bans and mutes, newest first: those after the cursor `after` (the `next`
// of the previous page; empty: from the newest), at most `limit` (0: the server's page).
struct ListSanctions
{
    QString id;
    QString after;
    int limit = 0;
    friend bool operator==(const ListSanctions &, const ListSanctions &) = default;
};

// A page of the audit log, newest first: entries with id < before (0: from the newest), at most
// `limit`, kept to those whose actor, target and action are these (each: any if empty) and whose
// time is from `since` to `until` (ms since the epoch; 0: no bound).
struct ReadAudit
{
    QString id;
    qint64 before = 0;
    int limit = 0;
    QString actor;
    QString target;
    QString action;
    qint64 since = 0;
    qint64 until = 0;
    friend bool operator==(const ReadAudit &, const ReadAudit &) = default;
};

// A room's topic (at most MaxTopicLength characters; empty: none).
struct SetTopic
{
    QString id;
    QString room;
    QString topic;
    friend bool operator==(const SetTopic &, const SetTopic &) = default;
};

// Admins: makes an account a member or a moderator (never changes an admin).
struct SetRole
{
    QString id;
    QString user;
    Role role = Role::Member;
    friend bool operator==(const SetRole &, const SetRole &) = default;
};

// Account settings (docs/protocol.md §15), for accounts (not guests).
// A new password, given the current one. others: also sign out every other device of the
// account (this connection's sign-in stays valid).
struct ChangePassword
{
    QString id;
    QString oldPassword; // "old" on the wire
    QString newPassword; // "new" on the wire
    bool others = false;
    friend bool operator==(const ChangePassword &, const ChangePassword &) = default;
};

// The account's signed-in devices (its live tokens): answered with DeviceList.
struct ListDevices
{
    QString id;
    friend bool operator==(const ListDevices &, const ListDevices &) = default;
};

// Signs one device of the account out: its token is revoked and its connections close.
struct EndDevice
{
    QString id;
    QString device; // a DeviceInfo::device
    friend bool operator==(const EndDevice &, const EndDevice &) = default;
};

// The account's notification level for a room (the default: All).
struct SetNotify
{
    QString id;
    QString room;
    NotifyLevel level = NotifyLevel::All;
    friend bool operator==(const SetNotify &, const SetNotify &) = default;
};

// Room administration (docs/protocol.md §13). Gives a room a new name: its history, sequence
// numbers and members go with it; the old name is free afterwards.
struct RenameRoom
{
    QString id;
    QString room;
    QString name; // the new name
    friend bool operator==(const RenameRoom &, const RenameRoom &) = default;
};

// Admins: an archived room takes messages and joins again.
struct UnarchiveRoom
{
    QString id;
    QString room;
    friend bool operator==(const UnarchiveRoom &, const UnarchiveRoom &) = default;
};

// Takes an account out of a private room: its membership or invitation ends and its sessions
// leave the room (the undoing of Invite).
struct RemoveMember
{
    QString id;
    QString room;
    QString user;
    friend bool operator==(const RemoveMember &, const RemoveMember &) = default;
};

// ---- Replies: server to client, carrying the request's id.

// A room whose notification level is not the default (see SetNotify).
struct NotifySetting
{
    QString room;
    NotifyLevel level = NotifyLevel::All;
    friend bool operator==(const NotifySetting &, const NotifySetting &) = default;
};

struct Welcome
{
    QString id;
    int protocol = Version;
    QString name; // the name the server granted
    QString server; // "sori/<version>"
    Role role = Role::Guest;
    QString token; // after a password login or a registration: keep it to sign in again
    qint64 expires = 0; // when the token expires, ms since the epoch (0: no token)
    QString resume; // to a guest: send it in the next hello to get the same name back
    // To an account: its rooms whose notification level is not All (at most MaxNotifyRooms).
    QList<NotifySetting> notify;
    friend bool operator==(const Welcome &, const Welcome &) = default;
};

struct LoggedOut
{
    QString id;
    friend bool operator==(const LoggedOut &, const LoggedOut &) = default;
};

struct RoomInfo
{
    QString name;
    RoomKind kind = RoomKind::Public;
    QString topic;
    int online = 0; // members in the room now
    bool archived = false; // read-only: see ArchiveRoom
    friend bool operator==(const RoomInfo &, const RoomInfo &) = default;
};

// The rooms the asker may see.
struct RoomList
{
    QString id;
    QList<RoomInfo> rooms;
    bool more = false; // more rooms follow: ask again with "after" (see ListRooms)
    friend bool operator==(const RoomList &, const RoomList &) = default;
};

// The answer to a moderation request: it was done.
struct Done
{
    QString id;
    QString action; // "kick", "ban", "mute", "delete"
    friend bool operator==(const Done &, const Done &) = default;
};

// A message was deleted: show a tombstone in its place.
struct DeletedEvent
{
    QString room;
    qint64 seq = 0;
    QString by;
    qint64 at = 0; // the deletion's own place in the room's order (0: before issue 22)
    friend bool operator==(const DeletedEvent &, const DeletedEvent &) = default;
};

// The answer to "invite" (with its id), and, without an id, the event that tells the invitee
// (then "by" names who invited them).
struct Invited
{
    QString id;
    QString room;
    QString user;
    QString by;
    friend bool operator==(const Invited &, const Invited &) = default;
};

struct Joined
{
    QString id;
    QString room;
    qint64 seq = 0; // the room's last sequence number at the time of joining
    QList<Member> members; // everybody in the room, the joiner included
    RoomKind kind = RoomKind::Public;
    QString topic;
    qint64 read = 0; // the joiner's read mark in the room (0: none)
    friend bool operator==(const Joined &, const Joined &) = default;
};

// The answer to Whois.
struct UserInfo
{
    QString id;
    QString name;
    Role role = Role::Guest;
    bool online = false;
    qint64 lastSeen = 0; // ms since the epoch: now for somebody online, 0 if unknown
    PresenceStatus status = PresenceStatus::Online;
    friend bool operator==(const UserInfo &, const UserInfo &) = default;
};

struct Left
{
    QString id;
    QString room;
    friend bool operator==(const Left &, const Left &) = default;
};

struct Ack
{
    QString id;
    QString room;
    qint64 seq = 0;
    QString msgId;
    friend bool operator==(const Ack &, const Ack &) = default;
};

struct Error
{
    QString id; // empty when the request had no readable id
    ErrorCode code = ErrorCode::Internal;
    QString message; // a sentence for people; "code" is for programs
    // What clients need to say it in their own language; each only where it applies:
    qint64 until = 0; // "banned", "muted": when it ends (ms since the epoch); 0: for good
    QString reason; // "banned": the moderator's own words
    qint64 waitMs = 0; // "rate_limited", "throttled": how long to wait
    friend bool operator==(const Error &, const Error &) = default;
};

// One active ban or mute (ListSanctions). kind: Ban or Mute; user or address (a ban by
// address); room: a mute's room (empty: everywhere).
struct SanctionInfo
{
    SanctionAction kind = SanctionAction::Ban;
    QString user;
    QString address;
    QString room;
    qint64 until = 0; // ms since the epoch; 0: for good
    QString reason;
    QString by;
    qint64 since = 0; // when it was given (ms since the epoch)
    friend bool operator==(const SanctionInfo &, const SanctionInfo &) = default;
};

// The answer to ListSanctions; next: the `after` of the next page.
struct SanctionList
{
    QString id;
    QList<SanctionInfo> sanctions;
    bool more = false;
    QString next;
    friend bool operator==(const SanctionList &, const SanctionList &) = default;
};

struct AuditEntry
{
    qint64 id = 0;
    qint64 time = 0; // ms since the epoch
    QString actor; // "server": the operator
    QString action;
    QString target;
    QString room;
    QString detail;
    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

// The answer to ReadAudit, newest first; the next page: before = the last entry's id.
struct AuditPage
{
    QString id;
    QList<AuditEntry> entries;
    bool more = false;
    friend bool operator==(const AuditPage &, const AuditPage &) = default;
};

// One signed-in device of the account (ListDevices): a token, named by a public id that is
// neither the token nor its hash.
struct DeviceInfo
{
    QString device;
    ClientKind client = ClientKind::Other;
    QString address; // where it signed in from, or was last seen
    qint64 created = 0; // ms since the epoch
    qint64 lastSeen = 0; // ms since the epoch: its last sign-in or the end of its last session
    bool current = false; // the device that asked
    friend bool operator==(const DeviceInfo &, const DeviceInfo &) = default;
};

// The answer to ListDevices: the account's live tokens, newest first.
struct DeviceList
{
    QString id;
    QList<DeviceInfo> devices;
    friend bool operator==(const DeviceList &, const DeviceList &) = default;
};

// ---- Events: server to client, no id.

// Who reacted to a message with one emoji.
struct Reaction
{
    QString emoji;
    QStringList users;
    friend bool operator==(const Reaction &, const Reaction &) = default;
};

// The message a reply answers, as stored: its sender and its first QuoteLength characters
// (empty and deleted when it was deleted).
struct Quote
{
    QString from;
    QString text;
    bool deleted = false;
    friend bool operator==(const Quote &, const Quote &) = default;
};

// A file attached to a message (docs/protocol.md §14): download it at /files/<id>, its
// thumbnail (when `thumbnail`) at /files/<id>/thumb. width and height: an image's pixels (0:
// not known).
struct Attachment
{
    QString id;
    QString name;
    QString type;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    bool thumbnail = false;
    friend bool operator==(const Attachment &, const Attachment &) = default;
};

struct MessageEvent
{
    QString room;
    qint64 seq = 0;
    QString from;
    QString text;
    qint64 time = 0; // milliseconds since the epoch, UTC, set by the server
    QString msgId;
    bool deleted = false; // a tombstone: the text is gone
    // Who the sender was when it was sent, so that nobody can pass for staff by a look-alike
    // name: the account's role (Guest for a guest), and whether the sender is a guest. On the
    // wire both are left out at their defaults (a member's message carries neither).
    Role role = Role::Member;
    bool guest = false;
    qint64 edited = 0; // when the text was last edited (ms since the epoch); 0: never
    qint64 replyTo = 0; // the seq of the message this one answers; 0: none
    // From storage only (history, catch-up, search): the answered message, and the reactions.
    std::optional<Quote> quote;
    QList<Reaction> reactions;
    QStringList mentions; // names mentioned with @name (outside code)
    // The files attached, in the order sent (none on a tombstone).
    QList<Attachment> attachments;
    friend bool operator==(const MessageEvent &, const MessageEvent &) = default;
};

// A message's text was changed by its sender. seq: the message; at: the edit's own seq.
struct EditedEvent
{
    QString room;
    qint64 seq = 0;
    qint64 at = 0;
    QString text;
    QString by;
    qint64 time = 0;
    QStringList mentions;
    friend bool operator==(const EditedEvent &, const EditedEvent &) = default;
};

// Somebody added (on) or took back an emoji on a message. seq: the message; at: its own seq.
struct ReactionEvent
{
    QString room;
    qint64 seq = 0;
    qint64 at = 0;
    QString user;
    QString emoji;
    bool on = true;
    friend bool operator==(const ReactionEvent &, const ReactionEvent &) = default;
};

// A change to a message, in the room's order (see History::changes).
using MessageChange = std::variant<EditedEvent, DeletedEvent, ReactionEvent>;

// Stored messages of a room, oldest first: the answer to a HistoryRequest, and the latest
// messages right after a "joined" reply (with the join's id). more: older ones exist.
struct History
{
    QString id;
    QString room;
    QList<MessageEvent> messages;
    bool more = false;
    bool newer = false; // after "around" or "after": newer messages follow the page
    // Catch-up only (a join with "since", a page with "after"): the edits, deletes and
    // reactions among the page's seqs, in room order. Apply them after the page's messages.
    QList<MessageChange> changes;
    friend bool operator==(const History &, const History &) = default;
};

struct PresenceEvent
{
    QString room;
    PresenceChange change = PresenceChange::Joined;
    Member member;
    LeaveReason reason = LeaveReason::Left; // only for PresenceChange::Left
    friend bool operator==(const PresenceEvent &, const PresenceEvent &) = default;
};

// Messages from..to (inclusive) of a room will not come after a join with "since".
struct GapEvent
{
    QString room;
    qint64 from = 0;
    qint64 to = 0;
    GapReason reason = GapReason::Retention;
    friend bool operator==(const GapEvent &, const GapEvent &) = default;
};

struct TypingEvent
{
    QString room;
    QString user;
    bool active = true;
    friend bool operator==(const TypingEvent &, const TypingEvent &) = default;
};

// A room was archived or deleted (by an admin, the operator, or the server when a guest's room
// had been idle), or given a new topic: sent to its members. After "deleted" they are no longer
// in it. Renamed: the room is called `name` from now on (`room` is the old name); Unarchived: it
// takes messages again; Removed: sent to the person taken out of a private room, who is no
// longer in it.
enum class RoomChange { Archived, Deleted, Topic, Renamed, Unarchived, Removed };

struct RoomChangedEvent
{
    QString room;
    RoomChange change = RoomChange::Deleted;
    QString by;
    QString reason;
    QString topic; // RoomChange::Topic: the new topic (empty: none)
    QString name; // RoomChange::Renamed: the room's new name
    friend bool operator==(const RoomChangedEvent &, const RoomChangedEvent &) = default;
};

// Sent to every connection of somebody a moderator acted against: just before the close frame
// of a kick (4001), a ban (4003) or a revoke_tokens (4002), and when a mute is set.
struct SanctionEvent
{
    SanctionAction action = SanctionAction::Kick;
    QString by;
    QString reason; // the moderator's own words, if any
    qint64 until = 0; // ban, mute: when it ends (ms since the epoch); 0: for good
    QString room; // mute: the one room; empty: everywhere
    // Lift: what ended early (Ban or Mute; a lifted mute names its room as above).
    SanctionAction lifted = SanctionAction::Kick;
    friend bool operator==(const SanctionEvent &, const SanctionEvent &) = default;
};

// The person's role changed (SetRole): to each of its connections.
struct RoleChangedEvent
{
    Role role = Role::Member;
    QString by;
    friend bool operator==(const RoleChangedEvent &, const RoleChangedEvent &) = default;
};

// The operator's announcement to everyone: once to every signed-in connection (an
// announcement to one room is a message from "server" in it instead).
struct AnnouncementEvent
{
    QString text;
    qint64 time = 0; // milliseconds since the epoch, UTC
    QString by;
    friend bool operator==(const AnnouncementEvent &, const AnnouncementEvent &) = default;
};

// The account read a room up to seq on another connection.
struct ReadMarker
{
    QString room;
    qint64 seq = 0;
    friend bool operator==(const ReadMarker &, const ReadMarker &) = default;
};

struct UnreadRoom
{
    QString room;
    RoomKind kind = RoomKind::Public;
    qint64 seq = 0; // the room's last seq
    qint64 read = 0; // the read mark
    int unread = 0; // messages from others after the mark (at most UnreadCap)
    int mentions = 0; // those of them that mention the account
    friend bool operator==(const UnreadRoom &, const UnreadRoom &) = default;
};

// Right after welcome: every room the account follows, with what it has not read.
struct UnreadEvent
{
    QList<UnreadRoom> rooms;
    bool more = false;
    friend bool operator==(const UnreadEvent &, const UnreadEvent &) = default;
};

struct Person
{
    QString name;
    Role role = Role::Member;
    bool online = false;
    PresenceStatus status = PresenceStatus::Online;
    qint64 lastSeen = 0;
    friend bool operator==(const Person &, const Person &) = default;
};

// The answer to FindPeople.
struct People
{
    QString id;
    QList<Person> people;
    bool more = false;
    friend bool operator==(const People &, const People &) = default;
};

// The answer to Search: messages (each with its room), newest first; next: "before" for the
// next page.
struct SearchResults
{
    QString id;
    QList<MessageEvent> messages;
    bool more = false;
    qint64 next = 0;
    friend bool operator==(const SearchResults &, const SearchResults &) = default;
};

// Over a rate limit: requests of this kind are refused (typing: dropped) for about waitMs.
// Sent once, before the first refusal, and again only after that wait has passed.
struct SlowDown
{
    RateKind kind = RateKind::Send;
    qint64 waitMs = 0;
    friend bool operator==(const SlowDown &, const SlowDown &) = default;
};

using ClientMessage =
    std::variant<Hello, Join, Leave, Send, Typing, HistoryRequest, Register, Login, Logout,
                 CreateRoom, ListRooms, Invite, Kick, Ban, Mute, DeleteMessage, RevokeTokens,
                 Direct, Whois, ArchiveRoom, DeleteRoom, Edit, React, MarkRead, SetStatus,
                 FindPeople, Search, Lift, ListSanctions, ReadAudit, SetTopic, SetRole,
                 ChangePassword, ListDevices, EndDevice, SetNotify, RenameRoom, UnarchiveRoom,
                 RemoveMember>;
using ServerMessage =
    std::variant<Welcome, Joined, Left, Ack, Error, MessageEvent, PresenceEvent, TypingEvent,
                 History, LoggedOut, RoomList, Invited, Done, DeletedEvent, GapEvent, UserInfo,
                 RoomChangedEvent, SlowDown, SanctionEvent, AnnouncementEvent, EditedEvent,
                 ReactionEvent, ReadMarker, UnreadEvent, People, SearchResults, SanctionList,
                 AuditPage, RoleChangedEvent, DeviceList>;

} // namespace sori::protocol

Q_DECLARE_METATYPE(sori::protocol::Welcome)
Q_DECLARE_METATYPE(sori::protocol::Joined)
Q_DECLARE_METATYPE(sori::protocol::Left)
Q_DECLARE_METATYPE(sori::protocol::Ack)
Q_DECLARE_METATYPE(sori::protocol::Error)
Q_DECLARE_METATYPE(sori::protocol::MessageEvent)
Q_DECLARE_METATYPE(sori::protocol::PresenceEvent)
Q_DECLARE_METATYPE(sori::protocol::TypingEvent)
Q_DECLARE_METATYPE(sori::protocol::History)
Q_DECLARE_METATYPE(sori::protocol::GapEvent)
Q_DECLARE_METATYPE(sori::protocol::UserInfo)
Q_DECLARE_METATYPE(sori::protocol::RoomChangedEvent)
Q_DECLARE_METATYPE(sori::protocol::SlowDown)
Q_DECLARE_METATYPE(sori::protocol::SanctionEvent)
Q_DECLARE_METATYPE(sori::protocol::AnnouncementEvent)
Q_DECLARE_METATYPE(sori::protocol::EditedEvent)
Q_DECLARE_METATYPE(sori::protocol::ReactionEvent)
Q_DECLARE_METATYPE(sori::protocol::ReadMarker)
Q_DECLARE_METATYPE(sori::protocol::UnreadEvent)
Q_DECLARE_METATYPE(sori::protocol::People)
Q_DECLARE_METATYPE(sori::protocol::SearchResults)
Q_DECLARE_METATYPE(sori::protocol::SanctionList)
Q_DECLARE_METATYPE(sori::protocol::AuditPage)
Q_DECLARE_METATYPE(sori::protocol::RoleChangedEvent)
Q_DECLARE_METATYPE(sori::protocol::DeviceList)
