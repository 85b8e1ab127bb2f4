// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messagecodec.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>

namespace sori::server {

struct Account
{
    qint64 id = -1; // -1: none
    QString name;
    QString passwordHash; // Argon2id, in libsodium's string form
    protocol::Role role = protocol::Role::Member;
    qint64 lastSeen = 0; // when it was last online, ms since the epoch (0: never)
};

// One uploaded file (docs/protocol.md, "Files over HTTP"): its bytes are stored once per
// content, as files/<first two hex digits>/<sha256> under the data directory.
struct StoredFile
{
    QString id; // random, public; empty: none
    QByteArray sha256; // hex
    QString name; // as the uploader named it
    QString type; // sniffed from the content, never the uploader's word
    qint64 size = 0;
    qint64 uploader = -1; // account id
    QString room;
    qint64 createdAt = 0; // ms since the epoch
    int width = 0; // images: pixels (0: not an image Qt reads)
    int height = 0;
    QByteArray thumbSha256; // hex; empty: no thumbnail
    qint64 messageId = 0; // the message it is attached to (0: none yet)
    bool hidden = false; // that message was deleted
};

// One token of an account as a device (account settings): its public id, the client kind and
// address of its last sign-in, when it was made and last used (ms since the epoch).
struct DeviceRecord
{
    QByteArray tokenHash;
    QString device;
    protocol::ClientKind client = protocol::ClientKind::Other;
    QString address;
    qint64 created = 0;
    qint64 lastSeen = 0;
};

// The most tokens (signed-in devices) an account keeps: a new sign-in beyond it signs out the
// device unused the longest. Expired tokens go at the account's next sign-in.
inline constexpr int MaxTokensPerAccount = 50;

// A ban (the account may not sign in or join) or a mute (it may not post in `room`, or
// anywhere when room is empty). until: ms since the epoch, 0 for good.
struct Sanction
{
    enum class Kind { Ban, Mute };
    Kind kind = Kind::Ban;
    QString name;
    QString room;
    qint64 until = 0;
    QString reason;
    QString by; // who gave it ("server": the operator)
    qint64 since = 0; // when (ms since the epoch)
    friend bool operator==(const Sanction &, const Sanction &) = default;
};

// What a page of the audit log asks for (protocol::ReadAudit): at most `limit` entries with
// id < before (0: from the newest); each filter applies if set.
struct AuditQuery
{
    qint64 before = 0;
    int limit = 100;
    QString actor;
    QString target;
    QString action;
    qint64 since = 0;
    qint64 until = 0;
};

struct StoredRoom
{
    QString name;
    protocol::RoomKind kind = protocol::RoomKind::Public;
    QString topic;
    QSet<qint64> members; // accounts let into a private room
    qint64 lastSeq = 0; // the highest sequence number ever given out in the room
    QList<protocol::MessageEvent> recent; // the newest messages, oldest first
    // Those of the room among the newest LatestIdsLoaded messages written that carry a msgId,
    // oldest first, with room, seq, from and msgId only: a client that sends one again after a
    // restart (its ack was lost with the server) gets the original number, not a second copy.
    QList<protocol::MessageEvent> latestIds;
    bool archived = false; // read-only (see Hub::archiveRoom)
    QString creator; // who made it (empty: unknown, or from before this was kept)
    bool byGuest = false; // a guest made it: it goes away when idle
    // The accounts that follow the room (read_markers), each with the seq it has read up to.
    QHash<qint64, qint64> readMarks;
};

// An account has read a room up to seq.
struct ReadMark
{
    qint64 account = -1;
    QString room;
    qint64 seq = 0;
};

// Unread counting for one room (Store::unreadCounts): the messages with read < seq <= last.
struct UnreadRange
{
    QString room;
    qint64 read = 0;
    qint64 last = 0;
    // Filled in: the messages from others in the range that are not deleted (at most the cap),
    // and how many of those mention the reader.
    int unread = 0;
    int mentions = 0;
};

// An edit, a delete or a reaction (docs/protocol.md §12): a row of its own in the room's order
// (its seq is `at`), stored with its effect on the message `target` in the same transaction.
struct StoredChange
{
    enum class Kind { Edit = 1, Delete = 2, ReactOn = 3, ReactOff = 4 };
    Kind kind = Kind::Edit;
    QString room;
    qint64 at = 0;
    qint64 target = 0;
    QString by;
    protocol::Role role = protocol::Role::Member;
    QString text; // Edit: the new text; ReactOn/ReactOff: the emoji
    qint64 time = 0;
};

// A page of a room's history read from storage: the messages (each in its current state),
// and, for a forward page (a catch-up), the changes among the same seqs, in room order.
struct StoredPage
{
    QList<protocol::MessageEvent> messages;
    QList<protocol::MessageChange> changes;
    bool more = false; // rows of the range were left out (older back, newer forward)
    bool newer = false; // around: newer messages follow
};

// How many of the newest messages (of all rooms) loadRooms() reads the msgIds of.
inline constexpr int LatestIdsLoaded = 100'000;

// A full-text search (docs/protocol.md, `search`): the messages that hold every word of `text`
// (split at white space; case does not matter), in the rooms `account` may read at the moment
// of the search: public and announcement rooms, and the private rooms and direct conversations
// it is listed in. Words of three characters or more are found through the index (and in the
// newest messages, which the storage thread has not indexed yet, looked through one by one);
// when none is that long, the newest `shortScan` messages before the cursor are looked through
// instead.
struct SearchQuery
{
    QString text; // trimmed, two characters at least
    qint64 account = -1; // the asker's account; -1: a guest (public and announcement rooms only)
    QString room; // only this room (empty: every room the asker may read)
    qint64 before = 0; // the cursor: SearchPage::next of the page before (0: from the newest)
    int limit = 20; // most messages in the page
    qint64 maxBytes = 1 << 20; // past the first, only as many as fit (encoded, as in page())
    int shortScan = 10'000;
};
struct SearchPage
{
    QList<protocol::MessageEvent> messages; // newest first, each with its room
    bool more = false; // there may be older ones: ask again with before = next
    qint64 next = 0;
};

// Where messages and rooms are kept. One object is used by one thread only (the storage
// thread); SqliteStore is the embedded default, and another database (PostgreSQL through QPSQL)
// can take its place without the hub or the sessions knowing.
class Store
{
public:
    virtual ~Store() = default;

    // Opens (creating it if need be) and brings the schema up to date. False, with
    // errorString(), if it cannot: a newer schema than this server knows is refused.
    virtual bool open() = 0;
    virtual QList<StoredRoom> loadRooms(int recentPerRoom) = 0;
    // Creating a room that exists changes nothing.
    virtual bool createRoom(const QString &name, qint64 createdAt,
                            protocol::RoomKind kind = protocol::RoomKind::Public,
                            const QString &topic = {}) = 0;
    virtual bool addRoomMember(const QString &room, qint64 account) = 0;
    // Who made a room (a name) and whether a guest did; whether it is archived.
    virtual bool setRoomCreator(const QString &room, const QString &creator, bool byGuest) = 0;
    virtual bool setRoomArchived(const QString &room, bool archived) = 0;
    // A room and everything in it (messages, who may enter) are gone; a room of that name made
    // afterwards starts afresh.
    virtual bool deleteRoom(const QString &room) = 0;
    // All or nothing, in one transaction: the messages, then the changes (their rows and what
    // they do to their messages: a new text, a tombstone, a reaction added or taken back).
    virtual bool appendMessages(const QList<protocol::MessageEvent> &messages,
                                const QList<StoredChange> &changes) = 0;
    bool appendMessages(const QList<protocol::MessageEvent> &messages)
    {
        return appendMessages(messages, {});
    }
    // Deletes the messages of a room numbered up to `throughSeq` (the history retention).
    virtual bool trimMessages(const QString &room, qint64 throughSeq) = 0;
    // At most `limit` messages around seq `around` (itself included), oldest first; more: older
    // ones exist, newer: newer ones do. This default reads none.
    virtual bool around(const QString &room, qint64 around, int limit, qint64 maxBytes,
                        StoredPage *page)
    {
        Q_UNUSED(room);
        Q_UNUSED(around);
        Q_UNUSED(limit);
        Q_UNUSED(maxBytes);
        *page = {};
        return true;
    }
    // Up to `limit` messages with seq < before (before <= 0: the newest), oldest first.
    virtual bool history(const QString &room, qint64 before, int limit,
                         QList<protocol::MessageEvent> *messages) = 0;
    // A page of the messages with after < seq < before (before <= 0: no upper bound), oldest
    // first: the oldest of them when `forward`, else the newest; at most `limit` of them, and
    // past the first only as many as fit in `maxBytes` (protocol::MessageCodec::encodedSize and
    // a comma each). *more: some of the range were left out (newer ones when forward, else
    // older ones). This default pages back through history() only.
    // `changes`: a forward page also reads the change rows of the range into it (they count in
    // `limit` like messages); without it (and paging back) change rows are skipped.
    virtual bool page(const QString &room, qint64 after, qint64 before, int limit, qint64 maxBytes,
                      bool forward, QList<protocol::MessageEvent> *messages, bool *more,
                      QList<protocol::MessageChange> *changes = nullptr)
    {
        Q_UNUSED(changes);
        if (forward || after > 0 || !history(room, before, limit + 1, messages))
            return false;
        *more = messages->size() > limit;
        if (*more)
            messages->removeFirst();
        qint64 bytes = 0;
        for (qsizetype i = messages->size() - 1; i >= 0; --i) {
            bytes += protocol::MessageCodec::encodedSize(messages->at(i)) + 1;
            if (bytes > maxBytes && i < messages->size() - 1) {
                messages->remove(0, i + 1);
                *more = true;
                break;
            }
        }
        return true;
    }

    // Accounts. Names are unique without regard to case. Tokens are given by their hash only.
    virtual bool createAccount(const QString &name, const QString &passwordHash,
                               protocol::Role role, qint64 createdAt, qint64 *id) = 0;
    virtual bool findAccount(const QString &name, Account *account) = 0; // false: none or error
    // An account whose name has this confusable skeleton (core/namecheck.h), without its
    // password hash: one indexed lookup. False: none or error.
    virtual bool findAccountBySkeleton(const QString &skeleton, Account *account) = 0;
    virtual bool setPasswordHash(qint64 account, const QString &passwordHash) = 0;
    virtual bool addToken(qint64 account, const QByteArray &tokenHash, qint64 createdAt,
                          qint64 expiresAt) = 0;
    // The account a token belongs to, if it has not expired at `now`.
    virtual bool findToken(const QByteArray &tokenHash, qint64 now, Account *account) = 0;
    virtual bool removeToken(const QByteArray &tokenHash) = 0;
    virtual bool removeTokensOf(qint64 account) = 0;
    // Account settings (docs/protocol.md §15); the defaults do nothing (stores for tests).
    // A token was used to sign in (client: its kind's wire name), or a session of it ended
    // (client empty: kept as it is).
    virtual bool touchToken(const QByteArray &tokenHash, const QString &client,
                            const QString &address, qint64 at)
    {
        Q_UNUSED(tokenHash);
        Q_UNUSED(client);
        Q_UNUSED(address);
        Q_UNUSED(at);
        return false;
    }
    // The account's tokens that have not expired at `now`, last used first (at most
    // MaxTokensPerAccount: addToken keeps them so).
    virtual QList<DeviceRecord> devicesOf(qint64 account, qint64 now)
    {
        Q_UNUSED(account);
        Q_UNUSED(now);
        return {};
    }
    // Revokes the account's token with this device id; false if it has none (or on an error).
    virtual bool removeDevice(qint64 account, const QString &device, QByteArray *tokenHash)
    {
        Q_UNUSED(account);
        Q_UNUSED(device);
        Q_UNUSED(tokenHash);
        return false;
    }
    // Revokes every token of the account but `keep`.
    virtual bool removeTokensOfExcept(qint64 account, const QByteArray &keep)
    {
        Q_UNUSED(account);
        Q_UNUSED(keep);
        return false;
    }
    // The account's rooms whose level is not All, by room name (at most MaxNotifyRooms).
    virtual QList<protocol::NotifySetting> notifyLevels(qint64 account)
    {
        Q_UNUSED(account);
        return {};
    }
    // All removes the room's row; the caller keeps the count within MaxNotifyRooms.
    virtual bool setNotifyLevel(qint64 account, const QString &room, protocol::NotifyLevel level)
    {
        Q_UNUSED(account);
        Q_UNUSED(room);
        Q_UNUSED(level);
        return false;
    }
    // Moderation. A new sanction of the same kind for the same name (and room) replaces the old.
    virtual bool addSanction(const Sanction &sanction, const QString &by, qint64 at) = 0;
    virtual QList<Sanction> activeSanctions(qint64 now) = 0;
    // The ban or mute of that kind, name (or address key) and room is gone (lifted early).
    virtual bool removeSanction(const Sanction &sanction)
    {
        Q_UNUSED(sanction);
        return false;
    }
    virtual bool setRoomTopic(const QString &room, const QString &topic)
    {
        Q_UNUSED(room);
        Q_UNUSED(topic);
        return false;
    }
    // Room administration (docs/protocol.md §13). A room goes by a new name: every row that
    // keeps the name as text follows (the room's mutes); the audit log keeps what was written
    // then. Everything else refers to the room by its id and stays as it is.
    virtual bool renameRoom(const QString &room, const QString &name)
    {
        Q_UNUSED(room);
        Q_UNUSED(name);
        return false;
    }
    // An account is no longer let into a private room (its read mark there goes too).
    virtual bool removeRoomMember(const QString &room, qint64 account)
    {
        Q_UNUSED(room);
        Q_UNUSED(account);
        return false;
    }
    // An account's role; false if there is no such account.
    virtual bool setRole(qint64 account, protocol::Role role)
    {
        Q_UNUSED(account);
        Q_UNUSED(role);
        return false;
    }
    // A page of the audit log, newest first (AuditQuery); *more: older entries match too.
    virtual bool readAudit(const AuditQuery &query, QList<protocol::AuditEntry> *entries,
                           bool *more)
    {
        Q_UNUSED(query);
        Q_UNUSED(entries);
        Q_UNUSED(more);
        return false;
    }
    // Replaces a message with a tombstone; false if there is no such message.
    virtual bool markDeleted(const QString &room, qint64 seq) = 0;
    virtual bool addAudit(qint64 time, const QString &actor, const QString &action,
                          const QString &target, const QString &room, const QString &detail) = 0;

    // The messages that match `query` (SearchQuery), newest first; false (errorString()) if the
    // store cannot search or the search failed.
    virtual bool search(const SearchQuery &query, SearchPage *page)
    {
        Q_UNUSED(query);
        Q_UNUSED(page);
        return false;
    }

    // Adds at most `maxRows` of the messages written since the last call to the search index,
    // oldest first, in one transaction: the storage thread calls it when it has nothing else to
    // do (Storage), so that a commit never pays for the index. *more: there are more to add.
    // This default keeps no index.
    virtual bool indexForSearch(int maxRows, bool *more)
    {
        Q_UNUSED(maxRows);
        *more = false;
        return true;
    }

    // The accounts whose id is greater than afterId (0: every account), without password hashes.
    virtual QList<Account> accounts(qint64 afterId) = 0;
    virtual bool setLastSeen(qint64 account, qint64 at) = 0;

    // Read markers (read_markers): a row says that the account follows the room and has read
    // it up to seq. follow() makes the row if there is none (an existing mark is kept);
    // unfollow() removes it. saveReadMarks() raises the marks of rows that exist, all in one
    // transaction, and never makes a row: a mark for a room left meanwhile is dropped.
    virtual bool follow(qint64 account, const QString &room, qint64 seq)
    {
        Q_UNUSED(account);
        Q_UNUSED(room);
        Q_UNUSED(seq);
        return true;
    }
    virtual bool unfollow(qint64 account, const QString &room)
    {
        Q_UNUSED(account);
        Q_UNUSED(room);
        return true;
    }
    virtual bool saveReadMarks(const QList<ReadMark> &marks)
    {
        Q_UNUSED(marks);
        return true;
    }
    // Fills in each range's counts for the reader `name` (mentions by its case-folded nameKey):
    // chat messages (kind 0) not deleted and not from the reader, at most `cap` counted in each
    // room. A read, for the read connection.
    virtual bool unreadCounts(const QString &name, const QString &nameKey, int cap,
                              QList<UnreadRange> *ranges)
    {
        Q_UNUSED(name);
        Q_UNUSED(nameKey);
        Q_UNUSED(cap);
        Q_UNUSED(ranges);
        return true;
    }

    virtual QString errorString() const = 0;
};

} // namespace sori::server
