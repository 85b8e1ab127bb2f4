// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/store/sqlitestore.h"

#include "protocol/validation.h"

#include "core/logging.h"
#include "core/namecheck.h"
#include "core/store/walbuffervfs.h"
#include "protocol/messagecodec.h"

#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QScopeGuard>
#include <QtCore/QUuid>
#include <QtCore/QVarLengthArray>
#include <QtCore/QVariant>
#include <QtSql/QSqlDriver>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sori::server {

using protocol::DeletedEvent;
using protocol::EditedEvent;
using protocol::MessageChange;
using protocol::MessageEvent;
using protocol::ReactionEvent;
using protocol::Role;

namespace {

// Each step takes the schema from version (index) to version (index + 1). Only append.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        // 0 -> 1: rooms and their messages.
        {
            u"CREATE TABLE rooms ("
            " id INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL UNIQUE,"
            " created_at INTEGER NOT NULL,"
            " last_seq INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE messages ("
            " room_id INTEGER NOT NULL REFERENCES rooms(id),"
            " seq INTEGER NOT NULL,"
            " sender TEXT NOT NULL,"
            " text TEXT NOT NULL,"
            " time INTEGER NOT NULL,"
            " msg_id TEXT,"
            " PRIMARY KEY (room_id, seq)) WITHOUT ROWID"_s,
        },
        // 1 -> 2: accounts and their login tokens (stored as hashes only).
        {
            u"CREATE TABLE accounts ("
            " id INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL,"
            " name_key TEXT NOT NULL UNIQUE,"
            " password_hash TEXT NOT NULL,"
            " role TEXT NOT NULL,"
            " created_at INTEGER NOT NULL)"_s,
            u"CREATE TABLE tokens ("
            " token_hash BLOB PRIMARY KEY,"
            " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
            " created_at INTEGER NOT NULL,"
            " expires_at INTEGER NOT NULL)"_s,
            u"CREATE INDEX tokens_by_account ON tokens(account_id)"_s,
        },
        // 2 -> 3: kinds of rooms, topics, and who may enter a private room.
        {
            u"ALTER TABLE rooms ADD COLUMN kind TEXT NOT NULL DEFAULT 'public'"_s,
            u"ALTER TABLE rooms ADD COLUMN topic TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE TABLE room_members ("
            " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
            " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
            " PRIMARY KEY (room_id, account_id)) WITHOUT ROWID"_s,
        },
        // 3 -> 4: moderation: bans and mutes, tombstones, the audit log.
        {
            u"CREATE TABLE sanctions ("
            " kind TEXT NOT NULL,"
            " name_key TEXT NOT NULL,"
            " name TEXT NOT NULL,"
            " room TEXT NOT NULL,"
            " until INTEGER NOT NULL,"
            " reason TEXT NOT NULL,"
            " by TEXT NOT NULL,"
            " created_at INTEGER NOT NULL,"
            " PRIMARY KEY (kind, name_key, room)) WITHOUT ROWID"_s,
            u"ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"_s,
            u"CREATE TABLE audit_log ("
            " id INTEGER PRIMARY KEY,"
            " time INTEGER NOT NULL,"
            " actor TEXT NOT NULL,"
            " action TEXT NOT NULL,"
            " target TEXT NOT NULL,"
            " room TEXT NOT NULL,"
            " detail TEXT NOT NULL)"_s,
        },
        // 4 -> 5: when each account was last online.
        {
            u"ALTER TABLE accounts ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0"_s,
        },
        // 5 -> 6: messages in the order they were written, found by room through an index.
        // Keyed by (room, seq), each room's newest rows were a leaf page of their own: a commit
        // that touched 100 rooms wrote 100-odd pages of 4 KiB to the log, and more for the page
        // splits of rows that size. Now rows are appended to the end of one table, and each room
        // adds only a small index entry (bench/notes.md, finding 15).
        {
            u"CREATE TABLE messages_by_time ("
            " id INTEGER PRIMARY KEY,"
            " room_id INTEGER NOT NULL REFERENCES rooms(id),"
            " seq INTEGER NOT NULL,"
            " sender TEXT NOT NULL,"
            " text TEXT NOT NULL,"
            " time INTEGER NOT NULL,"
            " msg_id TEXT,"
            " deleted INTEGER NOT NULL DEFAULT 0)"_s,
            u"INSERT INTO messages_by_time (room_id, seq, sender, text, time, msg_id, deleted)"
            " SELECT room_id, seq, sender, text, time, msg_id, deleted FROM messages"_s,
            u"DROP TABLE messages"_s,
            u"ALTER TABLE messages_by_time RENAME TO messages"_s,
            u"CREATE UNIQUE INDEX messages_by_room ON messages(room_id, seq)"_s,
        },
        // 6 -> 7: archived rooms, and who made each room (guests' rooms expire when idle).
        {
            u"ALTER TABLE rooms ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE rooms ADD COLUMN creator TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE rooms ADD COLUMN by_guest INTEGER NOT NULL DEFAULT 0"_s,
        },
        // 7 -> 8: names nobody can imitate, and who said what. Each account's confusable
        // skeleton (core/namecheck.h), indexed: a new name is checked against every account with
        // one lookup (filled in by fillSkeletons(), SQLite cannot make them). Each message's
        // sender role as protocol::Role's number (0 guest, 1 member, 2 moderator, 3 admin).
        // Messages from before cannot tell a guest from a member: they are members, but for
        // those of a staff account's name (its role now) and of the operator (admin).
        {
            u"ALTER TABLE accounts ADD COLUMN skeleton TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX accounts_by_skeleton ON accounts(skeleton)"_s,
            u"ALTER TABLE messages ADD COLUMN sender_role INTEGER NOT NULL DEFAULT 1"_s,
            u"UPDATE messages SET sender_role = CASE WHEN sender = 'server' THEN 3"
            " ELSE (SELECT CASE a.role WHEN 'admin' THEN 3 ELSE 2 END FROM accounts a"
            " WHERE a.name = messages.sender AND a.role IN ('admin', 'moderator')) END"
            " WHERE sender = 'server' OR sender IN"
            " (SELECT name FROM accounts WHERE role IN ('admin', 'moderator'))"_s,
        },
        // 8 -> 9: everyday chat (issue 22). Edits, deletes and reactions take a seq of their
        // room like messages and are stored as rows of their own ("change rows", kind > 0:
        // target is the message they change, text the new text or the emoji), so that catch-up
        // replays them in room order; the message row itself keeps its current state (text,
        // edited, deleted) for history pages. reply_to: the answered message. Reactions,
        // mentions and read marks have tables of their own.
        {
            u"ALTER TABLE messages ADD COLUMN kind INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE messages ADD COLUMN target INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE messages ADD COLUMN edited INTEGER NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE messages ADD COLUMN reply_to INTEGER NOT NULL DEFAULT 0"_s,
            u"CREATE TABLE reactions ("
            " room_id INTEGER NOT NULL,"
            " seq INTEGER NOT NULL,"
            " emoji TEXT NOT NULL,"
            " name TEXT NOT NULL,"
            " time INTEGER NOT NULL,"
            " PRIMARY KEY (room_id, seq, emoji, name)) WITHOUT ROWID"_s,
            u"CREATE TABLE mentions ("
            " room_id INTEGER NOT NULL,"
            " seq INTEGER NOT NULL,"
            " name_key TEXT NOT NULL,"
            " PRIMARY KEY (room_id, seq, name_key)) WITHOUT ROWID"_s,
            u"CREATE INDEX mentions_by_name ON mentions(name_key, room_id, seq)"_s,
            u"CREATE TABLE read_markers ("
            " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
            " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
            " seq INTEGER NOT NULL,"
            " PRIMARY KEY (account_id, room_id)) WITHOUT ROWID"_s,
        },
        // 9 -> 10: full-text search (SqliteStore::search). An FTS5 index over the text of the
        // messages (kind 0) that are not deleted, with the trigram tokenizer: it indexes every
        // run of three characters, so a query finds any substring of at least three, across
        // languages without spaces between words and Korean particles alike (한국어 finds
        // 한국어를). External content: the index keeps no second copy of the text, and its rowid
        // is messages.id. No positions (detail=none): search() checks the words in the text.
        // Triggers keep it in step with every insert, edit (an UPDATE of the
        // text), delete (deleted = 1) and removal (retention, a deleted room); the messages
        // already there are indexed here.
        {
            u"CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages',"
            " content_rowid='id', tokenize='trigram', detail=none)"_s,
            u"INSERT INTO messages_fts (rowid, text)"
            " SELECT id, text FROM messages WHERE kind = 0 AND deleted = 0"_s,
            u"CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
            " WHEN new.kind = 0 AND new.deleted = 0 BEGIN"
            " INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
            " END"_s,
            // An external-content index forgets a row only when told exactly what it indexed.
            u"CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, deleted ON messages"
            " WHEN old.kind = 0 BEGIN"
            " INSERT INTO messages_fts (messages_fts, rowid, text)"
            " SELECT 'delete', old.id, old.text WHERE old.deleted = 0;"
            " INSERT INTO messages_fts (rowid, text)"
            " SELECT new.id, new.text WHERE new.deleted = 0;"
            " END"_s,
            u"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
            " WHEN old.kind = 0 AND old.deleted = 0 BEGIN"
            " INSERT INTO messages_fts (messages_fts, rowid, text)"
            " VALUES ('delete', old.id, old.text);"
            " END"_s,
        },
        // 10 -> 11: the index off the commit path. The insert trigger made every stored message
        // about ten times dearer to commit (20 -> 200 µs in batches of 1000); now the storage
        // thread indexes new messages in small batches when it is idle (indexForSearch), and
        // search() looks through those not indexed yet. search_indexed holds the mark: every
        // message with an id up to it is in the index (if it is a chat message, not deleted),
        // none above it is. The index as it is covers every message, so the mark starts at the
        // newest. The edit and delete triggers act only at or below the mark: telling an
        // external-content index to forget a row it does not hold corrupts it.
        {
            u"CREATE TABLE search_indexed ("
            " id INTEGER PRIMARY KEY CHECK (id = 1),"
            " upto INTEGER NOT NULL)"_s,
            u"INSERT INTO search_indexed (id, upto) SELECT 1, COALESCE(MAX(id), 0) FROM messages"_s,
            u"DROP TRIGGER messages_fts_insert"_s,
            u"DROP TRIGGER messages_fts_update"_s,
            u"DROP TRIGGER messages_fts_delete"_s,
            u"CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, deleted ON messages"
            " WHEN old.kind = 0 AND old.id <= (SELECT upto FROM search_indexed) BEGIN"
            " INSERT INTO messages_fts (messages_fts, rowid, text)"
            " SELECT 'delete', old.id, old.text WHERE old.deleted = 0;"
            " INSERT INTO messages_fts (rowid, text)"
            " SELECT new.id, new.text WHERE new.deleted = 0;"
            " END"_s,
            // Its second statement keeps the mark below the ids still to be given out: SQLite
            // numbers a new row one past the highest left, so once the newest rows are gone (a
            // room deleted) a new message could otherwise get an id at or below the mark, and
            // never be indexed. One trigger, so that the row is forgotten before the mark moves.
            u"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
            " WHEN (old.kind = 0 AND old.deleted = 0)"
            " OR old.id >= (SELECT upto FROM search_indexed) BEGIN"
            " INSERT INTO messages_fts (messages_fts, rowid, text)"
            " SELECT 'delete', old.id, old.text WHERE old.kind = 0 AND old.deleted = 0"
            " AND old.id <= (SELECT upto FROM search_indexed);"
            " UPDATE search_indexed SET upto = (SELECT COALESCE(MAX(id), 0) FROM messages)"
            " WHERE old.id >= upto AND upto > (SELECT COALESCE(MAX(id), 0) FROM messages);"
            " END"_s,
        },
        // 11 -> 12: the audit log read by moderators ("audit", docs/protocol.md §13): newest
        // first, filtered by actor, target or action. Each filter walks its own index backwards
        // from the page's cursor instead of the whole log.
        {
            u"CREATE INDEX audit_by_actor ON audit_log(actor, id)"_s,
            u"CREATE INDEX audit_by_target ON audit_log(target, id)"_s,
            u"CREATE INDEX audit_by_action ON audit_log(action, id)"_s,
        },
        // 12 -> 13: files uploaded over HTTP (docs/protocol.md, "Files over HTTP"). The bytes are
        // stored once per content under files/<aa>/<sha256>; each upload is a row of its own
        // with a random public id, so that two uploads of the same bytes are two files with
        // their own name, room and uploader. message_id is set once a message refers to the
        // file (NULL until then: the retention sweep may take it); hidden once that message is
        // deleted. A deleted room takes its files' rows with it.
        {
            u"CREATE TABLE files ("
            " id TEXT PRIMARY KEY,"
            " sha256 TEXT NOT NULL,"
            " name TEXT NOT NULL,"
            " type TEXT NOT NULL,"
            " size INTEGER NOT NULL,"
            " uploader INTEGER NOT NULL,"
            " room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,"
            " created_at INTEGER NOT NULL,"
            " width INTEGER NOT NULL DEFAULT 0,"
            " height INTEGER NOT NULL DEFAULT 0,"
            " thumb_sha256 TEXT NOT NULL DEFAULT '',"
            " message_id INTEGER,"
            " hidden INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX files_by_sha256 ON files(sha256)"_s,
            u"CREATE INDEX files_by_thumb ON files(thumb_sha256)"_s,
            u"CREATE INDEX files_by_message ON files(message_id)"_s,
            // A deleted message hides its files; a message that is gone (retention, a deleted
            // room) lets go of them, so that the retention sweep may take them.
            u"CREATE TRIGGER files_hidden AFTER UPDATE OF deleted ON messages"
            " WHEN new.deleted = 1 BEGIN"
            " UPDATE files SET hidden = 1 WHERE message_id = new.id;"
            " END"_s,
            u"CREATE TRIGGER files_released AFTER DELETE ON messages BEGIN"
            " UPDATE files SET message_id = NULL WHERE message_id = old.id;"
            " END"_s,
        },
        // 13 -> 14: account settings (docs/protocol.md §15). Each token is a device: a public id
        // (random, neither the token nor its hash, so that listing devices hands out nothing
        // that signs in), the client kind it signed in with, where from, and when it was last
        // used. Tokens made before have no client or address to tell; they get an id and count as
        // last used when made. And each account's notification level per room, where it is not
        // the default ("all"): by room name, so that a level can be set before the room's row
        // is stored; a deleted room's level is left behind, bounded by MaxNotifyRooms.
        {
            u"ALTER TABLE tokens ADD COLUMN device TEXT"_s,
            u"ALTER TABLE tokens ADD COLUMN client TEXT NOT NULL DEFAULT 'other'"_s,
            u"ALTER TABLE tokens ADD COLUMN address TEXT NOT NULL DEFAULT ''"_s,
            u"ALTER TABLE tokens ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0"_s,
            u"UPDATE tokens SET device = lower(hex(randomblob(16))), last_seen = created_at"_s,
            u"CREATE UNIQUE INDEX tokens_by_device ON tokens(device)"_s,
            u"CREATE TABLE notify_levels ("
            " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
            " room TEXT NOT NULL,"
            " level TEXT NOT NULL,"
            " PRIMARY KEY (account_id, room)) WITHOUT ROWID"_s,
        },
        // 14 -> 15: attachments (docs/protocol.md §14). A message's files are the rows whose
        // message_id is its id, set in the transaction that stores the message; position keeps
        // them in the order they were sent.
        {
            u"ALTER TABLE files ADD COLUMN position INTEGER NOT NULL DEFAULT 0"_s,
        },
    };
    return steps;
}

// A stored sender role; anything unknown reads as a member (never as staff).
Role roleFromNumber(int number)
{
    return number >= int(Role::Guest) && number <= int(Role::Admin) ? Role(number) : Role::Member;
}

// The columns readMessage() and readRow() read, in order.
constexpr auto MessageColumns = "m.seq, m.sender, m.text, m.time, m.msg_id, m.deleted,"
                                " m.sender_role, m.edited, m.reply_to, m.kind, m.target"_L1;

MessageEvent readMessage(const QSqlQuery &query, const QString &room)
{
    MessageEvent message{room,
                         query.value(0).toLongLong(),
                         query.value(1).toString(),
                         query.value(2).toString(),
                         query.value(3).toLongLong(),
                         query.value(4).toString(),
                         query.value(5).toBool(),
                         roleFromNumber(query.value(6).toInt()),
                         query.value(6).toInt() == int(Role::Guest)};
    message.edited = query.value(7).toLongLong();
    message.replyTo = query.value(8).toLongLong();
    if (!message.deleted)
        message.mentions = protocol::findMentions(message.text);
    return message;
}

// A change row (kind > 0) as its event.
std::optional<MessageChange> readChange(const QSqlQuery &query, const QString &room)
{
    const qint64 at = query.value(0).toLongLong();
    const QString by = query.value(1).toString();
    const QString text = query.value(2).toString();
    const qint64 time = query.value(3).toLongLong();
    const qint64 target = query.value(10).toLongLong();
    switch (StoredChange::Kind(query.value(9).toInt())) {
    case StoredChange::Kind::Edit:
        return EditedEvent{room, target, at, text, by, time, protocol::findMentions(text)};
    case StoredChange::Kind::Delete:
        return DeletedEvent{room, target, by, at};
    case StoredChange::Kind::ReactOn:
        return ReactionEvent{room, target, at, by, text, true};
    case StoredChange::Kind::ReactOff:
        return ReactionEvent{room, target, at, by, text, false};
    }
    return std::nullopt;
}

} // namespace

SqliteStore::SqliteStore(QString path, Sync sync)
    : m_path(std::move(path))
    , m_sync(sync)
    , m_connectionName(u"sori-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

// Checkpoints the write-ahead log on a thread and connection of its own. SQLite otherwise
// checkpoints inside the commit that crosses the threshold: that commit then copies the log into
// the database and syncs it, and every acknowledgement behind it waits (ack p99 at 40 k
// messages/s: 160 ms with SQLite's own checkpoints, 60 ms without; docs/benchmarks.md).
class SqliteStore::Checkpointer
{
public:
    explicit Checkpointer(const QString &path, bool syncFull)
    {
        const QByteArray file = QFile::encodeName(path);
        if (sqlite3_open_v2(file.constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            qCWarning(lcStore) << "no checkpoint connection:" << sqlite3_errmsg(m_db);
            sqlite3_close(m_db);
            m_db = nullptr;
            return;
        }
        sqlite3_busy_timeout(m_db, 5000);
        sqlite3_exec(m_db, syncFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL",
                     nullptr, nullptr, nullptr);
        m_thread = std::thread([this] { run(); });
    }
    ~Checkpointer()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        sqlite3_close(m_db);
    }
    bool isRunning() const { return m_thread.joinable(); }
    void request()
    {
        {
            std::lock_guard lock(m_mutex);
            m_requested = true;
        }
        m_wake.notify_one();
    }

private:
    void run()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return m_requested || m_stopping; });
            if (m_stopping)
                return;
            m_requested = false;
            lock.unlock();
            // Passive: copies what it can without waiting for the writer or the readers.
            const int result = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                         nullptr, nullptr);
            if (result != SQLITE_OK && result != SQLITE_BUSY)
                qCWarning(lcStore) << "checkpoint failed:" << sqlite3_errmsg(m_db);
            lock.lock();
            // Under steady load every commit asks again. Checkpointing at once would copy the same
            // few pages (each room's last leaf) over and over, with two syncs each time; a pause
            // lets their versions pile up in the log, and one copy serves them all (at 20,000
            // messages/s in 100 rooms: 23 % of a core without the pause, 2.5 % with it).
            m_wake.wait_for(lock, MinInterval, [this] { return m_stopping; });
        }
    }

    static constexpr std::chrono::milliseconds MinInterval{250};

    sqlite3 *m_db = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_stopping = false;
};

namespace {
// Pages in the log before a checkpoint is asked for (SQLite's own default). Under steady load
// the log cannot start over (a checkpoint never catches up with the commits made while it
// runs); at InlineCheckpointPages the writer finishes the job itself, which then costs only
// the pages the checkpoint thread has not copied yet, and the log starts over.
constexpr int CheckpointPages = 1000;
constexpr int InlineCheckpointPages = 10'000;

// The SQLite connection behind a QSqlDatabase of the QSQLITE driver, or null.
sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.isValid() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}
} // namespace

// Statements of the hot path, on the connection QSqlDatabase opened (same library, same
// handle): Qt Sql's binding through QVariant and named placeholders cost more than SQLite's
// insert itself.
struct SqliteStore::Statements
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *begin = nullptr;
    sqlite3_stmt *insert = nullptr;
    sqlite3_stmt *bump = nullptr;
    sqlite3_stmt *commit = nullptr;
    sqlite3_stmt *rollback = nullptr;
    // The schema has messages.sender_role (tests write to older schemas, too).
    bool senderRole = true;
    // The schema has change rows, replies, reactions and mentions (EverydayVersion).
    bool everyday = true;
    // Those of EverydayVersion.
    sqlite3_stmt *insertChange = nullptr;
    sqlite3_stmt *editText = nullptr;
    sqlite3_stmt *markDeleted = nullptr;
    sqlite3_stmt *addReaction = nullptr;
    sqlite3_stmt *removeReaction = nullptr;
    sqlite3_stmt *clearReactions = nullptr;
    sqlite3_stmt *clearMentions = nullptr;
    sqlite3_stmt *addMention = nullptr;
    // AttachmentsVersion: a file is attached to the message just inserted.
    bool attachments = true;
    sqlite3_stmt *attachFile = nullptr;

    ~Statements()
    {
        for (sqlite3_stmt *statement :
             {begin, insert, bump, commit, rollback, insertChange, editText, markDeleted,
              addReaction, removeReaction, clearReactions, clearMentions, addMention, attachFile})
            sqlite3_finalize(statement);
    }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
    // Runs a statement without result rows; false (and the error) if it failed.
    bool run(sqlite3_stmt *statement, QString *error) const
    {
        const int result = sqlite3_step(statement);
        sqlite3_reset(statement);
        sqlite3_clear_bindings(statement);
        if (result == SQLITE_DONE || result == SQLITE_ROW)
            return true;
        *error = this->error();
        return false;
    }
};

SqliteStore::~SqliteStore()
{
    stopCheckpointer();
    m_statements.reset(); // finalized before the connection closes
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SqliteStore::exec(const QString &statement)
{
    QSqlQuery query(m_db);
    if (!query.exec(statement)) {
        m_error = u"%1 (in: %2)"_s.arg(query.lastError().text(), statement.left(60));
        return false;
    }
    return true;
}

int SqliteStore::schemaVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool SqliteStore::open()
{
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
        m_error = u"the Qt SQLite driver (QSQLITE) is not installed"_s;
        return false;
    }
    stopCheckpointer();
    m_statements.reset();
    m_roomIds.clear();
    m_searchFunction = false;
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    // With synchronous=FULL the log's writes are gathered into one per commit (walbuffervfs.h).
    if (m_sync == Sync::Full && isFile() && WalBufferVfs::ensureRegistered()) {
        m_db.setDatabaseName(WalBufferVfs::uriFor(m_path));
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_URI"_s);
    } else {
        m_db.setDatabaseName(m_path);
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    }
    if (!m_db.open()) {
        m_error = u"cannot open %1: %2"_s.arg(m_path, m_db.lastError().text());
        return false;
    }
    if (!exec(u"PRAGMA journal_mode=WAL"_s) || !exec(u"PRAGMA foreign_keys=ON"_s)
        || !exec(m_sync == Sync::Full ? u"PRAGMA synchronous=FULL"_s
                                      : u"PRAGMA synchronous=NORMAL"_s))
        return false;
    if (m_queryOnly) // the writer has brought the schema up to date and checkpoints the log
        return exec(u"PRAGMA query_only=ON"_s);
    if (!migrate())
        return false;
    startCheckpointer();
    return true;
}

void SqliteStore::stopCheckpointer()
{
    if (!m_checkpointer)
        return;
    if (sqlite3 *db = nativeHandle(m_db))
        sqlite3_wal_hook(db, nullptr, nullptr);
    m_checkpointer.reset();
}

void SqliteStore::startCheckpointer()
{
    stopCheckpointer();
    sqlite3 *db = nativeHandle(m_db);
    if (!isFile() || !db)
        return;
    auto checkpointer = std::make_unique<Checkpointer>(m_path, m_sync == Sync::Full);
    if (!checkpointer->isRunning())
        return; // SQLite's own checkpoints go on
    m_checkpointer = std::move(checkpointer);
    // Installing a hook replaces SQLite's automatic checkpoint.
    sqlite3_wal_hook(
        db,
        [](void *context, sqlite3 *db, const char *name, int pages) {
            if (pages >= InlineCheckpointPages)
                sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            else if (pages >= CheckpointPages)
                static_cast<Checkpointer *>(context)->request();
            return SQLITE_OK;
        },
        m_checkpointer.get());
}

bool SqliteStore::openAtVersion(int version)
{
    // For tests: a fresh file with the schema as it was at `version`.
    QFile::remove(m_path);
    stopCheckpointer();
    m_statements.reset();
    m_roomIds.clear();
    m_searchFunction = false;
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        return false;
    }
    return exec(u"PRAGMA journal_mode=WAL"_s) && migrate(version);
}

bool SqliteStore::run(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_error = query.lastError().text();
    return false;
}

bool SqliteStore::migrate(int target)
{
    const int version = schemaVersion();
    if (version < 0) {
        m_error = u"%1 is not a database this server can read"_s.arg(m_path);
        return false;
    }
    if (version > SchemaVersion) {
        m_error = u"%1 has schema version %2, newer than this server's %3: use a newer "
                  "sori-server, or another data directory"_s.arg(m_path)
                      .arg(version)
                      .arg(SchemaVersion);
        return false;
    }
    // A new database is made at the target version in one go: one transaction, one log line,
    // rather than a history of upgrades it never had.
    if (version == 0 && target > 0) {
        if (!runMigrations(0, target))
            return false;
        qCInfo(lcStore) << "database created with schema version" << target;
        return true;
    }
    for (int from = version; from < target; ++from) {
        if (!runMigrations(from, from + 1))
            return false;
        qCInfo(lcStore) << "database schema upgraded from version" << from << "to" << from + 1;
    }
    return true;
}

bool SqliteStore::runMigrations(int from, int to)
{
    if (!m_db.transaction()) {
        m_error = m_db.lastError().text();
        return false;
    }
    for (int step = from; step < to; ++step) {
        for (const QString &statement : migrations().at(step)) {
            if (!exec(statement)) {
                m_db.rollback();
                return false;
            }
        }
        // The skeletons are made here, in the migration's transaction.
        if (step + 1 == SkeletonsVersion && !fillSkeletons()) {
            m_db.rollback();
            return false;
        }
    }
    if (!exec(u"PRAGMA user_version=%1"_s.arg(to)) || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

QList<StoredRoom> SqliteStore::loadRooms(int recentPerRoom)
{
    QList<StoredRoom> rooms;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT name, last_seq, kind, topic, archived, creator, by_guest FROM rooms"
                    " ORDER BY id"_s)) {
        m_error = query.lastError().text();
        return rooms;
    }
    while (query.next()) {
        StoredRoom room;
        room.name = query.value(0).toString();
        room.lastSeq = query.value(1).toLongLong();
        protocol::fromWire(query.value(2).toString(), &room.kind);
        room.topic = query.value(3).toString();
        room.archived = query.value(4).toBool();
        room.creator = query.value(5).toString();
        room.byGuest = query.value(6).toBool();
        rooms.append(room);
    }
    QSqlQuery members(m_db);
    members.setForwardOnly(true);
    members.prepare(u"SELECT m.account_id FROM room_members m JOIN rooms r ON r.id = m.room_id"
                    " WHERE r.name = ?"_s);
    for (StoredRoom &room : rooms) {
        if (room.kind == protocol::RoomKind::Private || room.kind == protocol::RoomKind::Direct) {
            members.addBindValue(room.name);
            if (run(members)) {
                while (members.next())
                    room.members.insert(members.value(0).toLongLong());
            }
        }
        if (recentPerRoom > 0)
            history(room.name, 0, recentPerRoom, &room.recent);
    }
    // Read backwards from the end of the table, which is in the order messages were written.
    QHash<QString, qsizetype> byName;
    for (qsizetype i = 0; i < rooms.size(); ++i)
        byName.insert(rooms[i].name, i);
    QSqlQuery ids(m_db);
    ids.setForwardOnly(true);
    ids.prepare(u"SELECT r.name, m.seq, m.sender, m.msg_id FROM messages m"
                " JOIN rooms r ON r.id = m.room_id"
                " WHERE m.msg_id IS NOT NULL ORDER BY m.id DESC LIMIT ?"_s);
    ids.addBindValue(LatestIdsLoaded);
    if (run(ids)) {
        while (ids.next()) {
            const QString name = ids.value(0).toString();
            if (const auto room = byName.constFind(name); room != byName.cend())
                rooms[*room].latestIds.append(MessageEvent{name,
                                                           ids.value(1).toLongLong(),
                                                           ids.value(2).toString(),
                                                           {},
                                                           0,
                                                           ids.value(3).toString()});
        }
    } else {
        qCWarning(lcStore) << "cannot read the latest message ids (a resend of one from before"
                              " this start would be stored again):"
                           << m_error;
    }
    for (StoredRoom &room : rooms)
        std::reverse(room.latestIds.begin(), room.latestIds.end());
    // Who follows each room, and how far they have read it.
    QSqlQuery marks(m_db);
    marks.setForwardOnly(true);
    if (marks.exec(u"SELECT r.name, k.account_id, k.seq FROM read_markers k"
                   " JOIN rooms r ON r.id = k.room_id"_s)) {
        while (marks.next()) {
            if (const auto room = byName.constFind(marks.value(0).toString());
                room != byName.cend())
                rooms[*room].readMarks.insert(marks.value(1).toLongLong(),
                                              marks.value(2).toLongLong());
        }
    } else {
        qCWarning(lcStore) << "cannot read the read markers:" << marks.lastError().text();
    }
    return rooms;
}

namespace {
// Renames committed in this process, on any connection. A connection's cache of room ids is
// cleared when it sees a new count: the reading connection must not take an old name for the
// renamed room (a new room may have that name now, and its history is not the old one's).
std::atomic<quint64> roomRenames = 0;
} // namespace

qint64 SqliteStore::roomId(const QString &name)
{
    if (const quint64 renames = roomRenames.load(); renames != m_roomIdsEpoch) {
        m_roomIds.clear();
        m_roomIdsEpoch = renames;
    }
    if (const auto known = m_roomIds.constFind(name); known != m_roomIds.cend())
        return *known;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT id FROM rooms WHERE name = ?"_s);
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return -1;
    const qint64 id = query.value(0).toLongLong();
    m_roomIds.insert(name, id);
    return id;
}

bool SqliteStore::createRoom(const QString &name, qint64 createdAt, protocol::RoomKind kind,
                             const QString &topic)
{
    QSqlQuery query(m_db);
    query.prepare(
        u"INSERT OR IGNORE INTO rooms (name, created_at, kind, topic) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(name);
    query.addBindValue(createdAt);
    query.addBindValue(QString(protocol::toWire(kind)));
    query.addBindValue(topic.isNull() ? u""_s : topic); // a null QString would bind NULL
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool SqliteStore::prepareStatements()
{
    sqlite3 *db = nativeHandle(m_db);
    if (!db) {
        m_error = u"the SQLite driver gives no connection handle"_s;
        return false;
    }
    auto statements = std::make_unique<Statements>();
    statements->db = db;
    const int version = schemaVersion();
    statements->senderRole = version >= SkeletonsVersion;
    statements->everyday = version >= EverydayVersion;
    statements->attachments = version >= AttachmentsVersion;
    QList<std::pair<sqlite3_stmt **, const char *>> sources{
        // IMMEDIATE: the write lock is taken at the start, waiting (busy timeout) for another
        // connection's write (the auth thread's tokens and settings). A deferred BEGIN that reads
        // first would fail at once ("database is locked") when that connection wrote after the
        // read: the batch would be lost.
        {&statements->begin, "BEGIN IMMEDIATE"},
        {&statements->insert,
         statements->everyday
             ? "INSERT INTO messages (room_id, seq, sender, text, time, msg_id, sender_role,"
               " reply_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
             : statements->senderRole
             ? "INSERT INTO messages (room_id, seq, sender, text, time, msg_id, sender_role)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
             : "INSERT INTO messages (room_id, seq, sender, text, time, msg_id)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
        {&statements->bump, "UPDATE rooms SET last_seq = MAX(last_seq, ?1) WHERE id = ?2"},
        {&statements->commit, "COMMIT"},
        {&statements->rollback, "ROLLBACK"},
    };
    if (statements->everyday) {
        sources.append({
            {&statements->insertChange,
             "INSERT INTO messages (room_id, seq, sender, text, time, sender_role, kind, target)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"},
            // Only a message's text changes, and not once it was deleted.
            {&statements->editText,
             "UPDATE messages SET text = ?3, edited = ?4"
             " WHERE room_id = ?1 AND seq = ?2 AND kind = 0 AND deleted = 0"},
            {&statements->markDeleted,
             "UPDATE messages SET text = '', deleted = 1 WHERE room_id = ?1 AND seq = ?2"
             " AND kind = 0"},
            {&statements->addReaction,
             "INSERT OR IGNORE INTO reactions (room_id, seq, emoji, name, time)"
             " SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM messages"
             " WHERE room_id = ?1 AND seq = ?2 AND kind = 0 AND deleted = 0)"},
            {&statements->removeReaction,
             "DELETE FROM reactions WHERE room_id = ?1 AND seq = ?2 AND emoji = ?3 AND name = ?4"},
            {&statements->clearReactions, "DELETE FROM reactions WHERE room_id = ?1 AND seq = ?2"},
            {&statements->clearMentions, "DELETE FROM mentions WHERE room_id = ?1 AND seq = ?2"},
            {&statements->addMention,
             "INSERT OR IGNORE INTO mentions (room_id, seq, name_key) VALUES (?1, ?2, ?3)"},
        });
    }
    if (statements->attachments) {
        // Only a file not attached yet: the file thread's claim checked it, and held it until
        // this commit.
        sources.append({&statements->attachFile,
                        "UPDATE files SET message_id = ?1, position = ?2"
                        " WHERE id = ?3 AND message_id IS NULL"});
    }
    for (const auto &[statement, sql] : std::as_const(sources)) {
        if (sqlite3_prepare_v3(statements->db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement,
                               nullptr)
            != SQLITE_OK) {
            m_error = statements->error();
            return false;
        }
    }
    m_statements = std::move(statements);
    return true;
}

bool SqliteStore::appendMessages(const QList<MessageEvent> &messages,
                                 const QList<StoredChange> &changes)
{
    if (messages.isEmpty() && changes.isEmpty())
        return true;
    if (!m_statements && !prepareStatements())
        return false;
    const Statements &s = *m_statements;
    if (!s.run(s.begin, &m_error))
        return false;
    const auto fail = [this, &s](QString error) {
        m_error = std::move(error);
        QString ignored;
        s.run(s.rollback, &ignored);
        return false;
    };
    const auto bindText = [](sqlite3_stmt *statement, int index, const QString &text) {
        // QString's UTF-16 stays alive until the statement ran.
        return sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2),
                                   SQLITE_STATIC);
    };
    // The newest seq of each room in this batch: one update per room, not per message.
    QVarLengthArray<std::pair<qint64, qint64>, 8> newest;
    for (const MessageEvent &message : messages) {
        const qint64 id = roomId(message.room);
        if (id < 0)
            return fail(u"no room called %1"_s.arg(message.room));
        sqlite3_bind_int64(s.insert, 1, id);
        sqlite3_bind_int64(s.insert, 2, message.seq);
        bindText(s.insert, 3, message.from);
        bindText(s.insert, 4, message.text);
        sqlite3_bind_int64(s.insert, 5, message.time);
        if (message.msgId.isEmpty())
            sqlite3_bind_null(s.insert, 6);
        else
            bindText(s.insert, 6, message.msgId);
        if (s.senderRole)
            sqlite3_bind_int(s.insert, 7, int(message.role));
        if (s.everyday)
            sqlite3_bind_int64(s.insert, 8, message.replyTo);
        QString error;
        if (!s.run(s.insert, &error))
            return fail(error);
        if (s.everyday && !message.mentions.isEmpty() && !addMentions(id, message))
            return fail(m_error);
        if (!message.attachments.isEmpty()) {
            if (!s.attachments)
                return fail(u"this database's schema keeps no attachments"_s);
            const qint64 rowId = sqlite3_last_insert_rowid(s.db);
            for (qsizetype i = 0; i < message.attachments.size(); ++i) {
                sqlite3_bind_int64(s.attachFile, 1, rowId);
                sqlite3_bind_int64(s.attachFile, 2, i);
                bindText(s.attachFile, 3, message.attachments.at(i).id);
                if (!s.run(s.attachFile, &error))
                    return fail(error);
                // A file the retention sweep took meanwhile is missing from the message; the
                // others are kept (the message is not lost for it).
                if (sqlite3_changes(s.db) != 1)
                    qCWarning(lcStore)
                        << "file" << message.attachments.at(i).id << "was gone when message"
                        << message.seq << "of" << message.room << "was stored";
            }
        }
        auto room = std::find_if(newest.begin(), newest.end(),
                                 [id](const auto &entry) { return entry.first == id; });
        if (room == newest.end())
            newest.append({id, message.seq});
        else
            room->second = qMax(room->second, message.seq);
    }
    if (!changes.isEmpty() && !s.everyday)
        return fail(u"this database's schema keeps no edits, deletes or reactions"_s);
    for (const StoredChange &change : changes) {
        const qint64 id = roomId(change.room);
        if (id < 0)
            return fail(u"no room called %1"_s.arg(change.room));
        QString error;
        if (!applyChange(id, change, &error))
            return fail(error);
        auto room = std::find_if(newest.begin(), newest.end(),
                                 [id](const auto &entry) { return entry.first == id; });
        if (room == newest.end())
            newest.append({id, change.at});
        else
            room->second = qMax(room->second, change.at);
    }
    for (const auto &[id, seq] : newest) {
        sqlite3_bind_int64(s.bump, 1, seq);
        sqlite3_bind_int64(s.bump, 2, id);
        QString error;
        if (!s.run(s.bump, &error))
            return fail(error);
    }
    QString error;
    if (!s.run(s.commit, &error))
        return fail(error);
    return true;
}

bool SqliteStore::addMentions(qint64 roomId, const MessageEvent &message)
{
    const Statements &s = *m_statements;
    for (const QString &name : message.mentions) {
        const QString key = name.toCaseFolded();
        sqlite3_bind_int64(s.addMention, 1, roomId);
        sqlite3_bind_int64(s.addMention, 2, message.seq);
        sqlite3_bind_text16(s.addMention, 3, key.utf16(), int(key.size() * 2), SQLITE_STATIC);
        if (!s.run(s.addMention, &m_error))
            return false;
    }
    return true;
}

bool SqliteStore::applyChange(qint64 roomId, const StoredChange &change, QString *error)
{
    const Statements &s = *m_statements;
    const auto bindText = [](sqlite3_stmt *statement, int index, const QString &text) {
        sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_STATIC);
    };
    const auto bindTarget = [&](sqlite3_stmt *statement) {
        sqlite3_bind_int64(statement, 1, roomId);
        sqlite3_bind_int64(statement, 2, change.target);
    };
    // The change's own row, in the room's order.
    sqlite3_bind_int64(s.insertChange, 1, roomId);
    sqlite3_bind_int64(s.insertChange, 2, change.at);
    bindText(s.insertChange, 3, change.by);
    bindText(s.insertChange, 4, change.text);
    sqlite3_bind_int64(s.insertChange, 5, change.time);
    sqlite3_bind_int(s.insertChange, 6, int(change.role));
    sqlite3_bind_int(s.insertChange, 7, int(change.kind));
    sqlite3_bind_int64(s.insertChange, 8, change.target);
    if (!s.run(s.insertChange, error))
        return false;
    // What it does to its message.
    switch (change.kind) {
    case StoredChange::Kind::Edit: {
        bindTarget(s.editText);
        bindText(s.editText, 3, change.text);
        sqlite3_bind_int64(s.editText, 4, change.time);
        if (!s.run(s.editText, error))
            return false;
        bindTarget(s.clearMentions);
        if (!s.run(s.clearMentions, error))
            return false;
        MessageEvent mentioning;
        mentioning.seq = change.target;
        mentioning.mentions = protocol::findMentions(change.text);
        if (!addMentions(roomId, mentioning)) {
            *error = m_error;
            return false;
        }
        return true;
    }
    case StoredChange::Kind::Delete:
        bindTarget(s.markDeleted);
        if (!s.run(s.markDeleted, error))
            return false;
        bindTarget(s.clearReactions);
        if (!s.run(s.clearReactions, error))
            return false;
        bindTarget(s.clearMentions);
        return s.run(s.clearMentions, error);
    case StoredChange::Kind::ReactOn:
        bindTarget(s.addReaction);
        bindText(s.addReaction, 3, change.text);
        bindText(s.addReaction, 4, change.by);
        sqlite3_bind_int64(s.addReaction, 5, change.time);
        return s.run(s.addReaction, error);
    case StoredChange::Kind::ReactOff:
        bindTarget(s.removeReaction);
        bindText(s.removeReaction, 3, change.text);
        bindText(s.removeReaction, 4, change.by);
        return s.run(s.removeReaction, error);
    }
    return true;
}

bool SqliteStore::decorate(const QString &room, QList<MessageEvent> *messages)
{
    if (messages->isEmpty() || schemaVersion() < EverydayVersion)
        return true;
    const qint64 id = roomId(room);
    if (id < 0)
        return true;
    // Reactions: one range read for the page, in the order they were first given.
    QHash<qint64, qsizetype> bySeq;
    for (qsizetype i = 0; i < messages->size(); ++i)
        bySeq.insert(messages->at(i).seq, i);
    QSqlQuery reactions(m_db);
    reactions.setForwardOnly(true);
    reactions.prepare(u"SELECT seq, emoji, name FROM reactions"
                      " WHERE room_id = ? AND seq >= ? AND seq <= ? ORDER BY seq, time"_s);
    reactions.addBindValue(id);
    reactions.addBindValue(messages->first().seq);
    reactions.addBindValue(messages->last().seq);
    if (!run(reactions))
        return false;
    while (reactions.next()) {
        const auto index = bySeq.constFind(reactions.value(0).toLongLong());
        if (index == bySeq.cend())
            continue;
        QList<protocol::Reaction> &list = (*messages)[*index].reactions;
        const QString emoji = reactions.value(1).toString();
        auto reaction = std::find_if(list.begin(), list.end(),
                                     [&](const protocol::Reaction &r) { return r.emoji == emoji; });
        if (reaction == list.end())
            list.append(protocol::Reaction{emoji, {reactions.value(2).toString()}});
        else
            reaction->users.append(reactions.value(2).toString());
    }
    // Attachments: one range read for the page, in the order they were sent. A deleted
    // message's files are hidden (and a tombstone carries none).
    if (schemaVersion() >= AttachmentsVersion) {
        QSqlQuery files(m_db);
        files.setForwardOnly(true);
        files.prepare(u"SELECT m.seq, f.id, f.name, f.type, f.size, f.width, f.height,"
                      " f.thumb_sha256 FROM messages m JOIN files f ON f.message_id = m.id"
                      " WHERE m.room_id = ? AND m.seq >= ? AND m.seq <= ? AND m.kind = 0"
                      " AND m.deleted = 0 AND f.hidden = 0 ORDER BY m.seq, f.position"_s);
        files.addBindValue(id);
        files.addBindValue(messages->first().seq);
        files.addBindValue(messages->last().seq);
        if (!run(files))
            return false;
        while (files.next()) {
            const auto index = bySeq.constFind(files.value(0).toLongLong());
            if (index == bySeq.cend())
                continue;
            protocol::Attachment attachment;
            attachment.id = files.value(1).toString();
            attachment.name = files.value(2).toString();
            attachment.type = files.value(3).toString();
            attachment.size = files.value(4).toLongLong();
            attachment.thumbnail = !files.value(7).toString().isEmpty();
            if (attachment.thumbnail) {
                attachment.width = files.value(5).toInt();
                attachment.height = files.value(6).toInt();
            }
            (*messages)[*index].attachments.append(attachment);
        }
    }
    // Quotes: the answered messages as they are now.
    QSqlQuery quote(m_db);
    quote.setForwardOnly(true);
    quote.prepare(u"SELECT sender, text, deleted FROM messages"
                  " WHERE room_id = ? AND seq = ? AND kind = 0"_s);
    for (MessageEvent &message : *messages) {
        if (message.replyTo <= 0 || message.deleted)
            continue;
        quote.addBindValue(id);
        quote.addBindValue(message.replyTo);
        if (!run(quote))
            return false;
        if (quote.next()) {
            const bool deleted = quote.value(2).toBool();
            message.quote = protocol::Quote{
                quote.value(0).toString(),
                deleted ? QString() : quote.value(1).toString().left(protocol::QuoteLength),
                deleted};
        }
        quote.finish();
    }
    return true;
}

bool SqliteStore::around(const QString &room, qint64 around, int limit, qint64 maxBytes,
                         StoredPage *page)
{
    *page = {};
    // The message and the older half back (newest first), then the newer half forward.
    const int back = qMax(1, (limit + 1) / 2);
    QList<MessageEvent> older;
    bool moreOlder = false;
    if (!SqliteStore::page(room, 0, around + 1, back, maxBytes / 2, false, &older, &moreOlder))
        return false;
    QList<MessageEvent> newer;
    bool moreNewer = false;
    if (limit - older.size() > 0
        && !SqliteStore::page(room, around, 0, int(limit - older.size()), maxBytes / 2, true,
                              &newer, &moreNewer))
        return false;
    page->messages = older + newer;
    page->more = moreOlder;
    page->newer = moreNewer || (limit - older.size() <= 0);
    return true;
}

namespace {
QString roleName(Role role)
{
    switch (role) {
    case Role::Guest:
        return u"guest"_s;
    case Role::Member:
        return u"member"_s;
    case Role::Moderator:
        return u"moderator"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return u"member"_s;
}

Role roleFromName(const QString &name)
{
    if (name == u"admin")
        return Role::Admin;
    if (name == u"moderator")
        return Role::Moderator;
    if (name == u"guest")
        return Role::Guest;
    return Role::Member;
}

Account readAccount(const QSqlQuery &query)
{
    return Account{query.value(0).toLongLong(), query.value(1).toString(),
                   query.value(2).toString(), roleFromName(query.value(3).toString())};
}
} // namespace

bool SqliteStore::createAccount(const QString &name, const QString &passwordHash, Role role,
                                qint64 createdAt, qint64 *id)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO accounts (name, name_key, password_hash, role, created_at,"
                  " skeleton) VALUES (?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(name);
    query.addBindValue(name.toCaseFolded());
    query.addBindValue(passwordHash);
    query.addBindValue(roleName(role));
    query.addBindValue(createdAt);
    query.addBindValue(names::skeleton(name));
    if (!run(query))
        return false;
    *id = query.lastInsertId().toLongLong();
    return true;
}

bool SqliteStore::findAccountBySkeleton(const QString &skeleton, Account *account)
{
    if (skeleton.isEmpty())
        return false;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT id, name, '', role FROM accounts WHERE skeleton = ? LIMIT 1"_s);
    query.addBindValue(skeleton);
    if (!run(query) || !query.next())
        return false;
    *account = readAccount(query);
    return true;
}

bool SqliteStore::fillSkeletons()
{
    QSqlQuery read(m_db);
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT id, name FROM accounts WHERE skeleton = ''"_s)) {
        m_error = read.lastError().text();
        return false;
    }
    QList<std::pair<qint64, QString>> found;
    while (read.next())
        found.append({read.value(0).toLongLong(), names::skeleton(read.value(1).toString())});
    read.finish();
    QSqlQuery write(m_db);
    write.prepare(u"UPDATE accounts SET skeleton = ? WHERE id = ?"_s);
    for (const auto &[id, skeleton] : std::as_const(found)) {
        write.addBindValue(skeleton);
        write.addBindValue(id);
        if (!run(write))
            return false;
    }
    return true;
}

bool SqliteStore::findAccount(const QString &name, Account *account)
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT id, name, password_hash, role FROM accounts WHERE name_key = ?"_s);
    query.addBindValue(name.toCaseFolded());
    if (!run(query) || !query.next())
        return false;
    *account = readAccount(query);
    return true;
}

bool SqliteStore::setPasswordHash(qint64 account, const QString &passwordHash)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE accounts SET password_hash = ? WHERE id = ?"_s);
    query.addBindValue(passwordHash);
    query.addBindValue(account);
    return run(query) && query.numRowsAffected() == 1;
}

bool SqliteStore::addToken(qint64 account, const QByteArray &tokenHash, qint64 createdAt,
                           qint64 expiresAt)
{
    // The device id comes from SQLite's own generator: it is a name, not a secret (ending a
    // device takes a session of its account).
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO tokens (token_hash, account_id, created_at, expires_at, device,"
                  " last_seen) VALUES (?, ?, ?, ?, lower(hex(randomblob(16))), ?)"_s);
    query.addBindValue(tokenHash);
    query.addBindValue(account);
    query.addBindValue(createdAt);
    query.addBindValue(expiresAt);
    query.addBindValue(createdAt);
    if (!run(query))
        return false;
    // Bounded per account: the expired ones go, then those unused the longest beyond
    // MaxTokensPerAccount, so that "devices" stays short and a script signing in forever does
    // not grow the table.
    QSqlQuery prune(m_db);
    // The new token counts as the one used last, whatever the others' times say.
    prune.prepare(u"DELETE FROM tokens WHERE account_id = ? AND token_hash <> ? AND"
                  " (expires_at <= ? OR token_hash IN (SELECT token_hash FROM tokens"
                  " WHERE account_id = ? AND token_hash <> ?"
                  " ORDER BY last_seen DESC, created_at DESC LIMIT -1 OFFSET ?))"_s);
    prune.addBindValue(account);
    prune.addBindValue(tokenHash);
    prune.addBindValue(createdAt);
    prune.addBindValue(account);
    prune.addBindValue(tokenHash);
    prune.addBindValue(MaxTokensPerAccount - 1);
    return run(prune);
}

bool SqliteStore::touchToken(const QByteArray &tokenHash, const QString &client,
                             const QString &address, qint64 at)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE tokens SET client = coalesce(nullif(?, ''), client), address = ?,"
                  " last_seen = max(last_seen, ?) WHERE token_hash = ?"_s);
    query.addBindValue(client);
    query.addBindValue(address);
    query.addBindValue(at);
    query.addBindValue(tokenHash);
    return run(query);
}

QList<DeviceRecord> SqliteStore::devicesOf(qint64 account, qint64 now)
{
    QList<DeviceRecord> devices;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT token_hash, device, client, address, created_at, last_seen FROM tokens"
                  " WHERE account_id = ? AND expires_at > ?"
                  " ORDER BY last_seen DESC, created_at DESC LIMIT ?"_s);
    query.addBindValue(account);
    query.addBindValue(now);
    query.addBindValue(MaxTokensPerAccount);
    if (!run(query))
        return devices;
    while (query.next()) {
        DeviceRecord device;
        device.tokenHash = query.value(0).toByteArray();
        device.device = query.value(1).toString();
        protocol::fromWire(query.value(2).toString(), &device.client);
        device.address = query.value(3).toString();
        device.created = query.value(4).toLongLong();
        device.lastSeen = query.value(5).toLongLong();
        devices.append(device);
    }
    return devices;
}

bool SqliteStore::removeDevice(qint64 account, const QString &device, QByteArray *tokenHash)
{
    // A revocation on the storage thread between the two statements only makes the DELETE find
    // nothing: the token is gone either way.
    QSqlQuery query(m_db);
    query.prepare(u"SELECT token_hash FROM tokens WHERE account_id = ? AND device = ?"_s);
    query.addBindValue(account);
    query.addBindValue(device);
    if (!run(query) || !query.next())
        return false;
    *tokenHash = query.value(0).toByteArray();
    query.finish();
    return removeToken(*tokenHash);
}

bool SqliteStore::removeTokensOfExcept(qint64 account, const QByteArray &keep)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM tokens WHERE account_id = ? AND token_hash <> ?"_s);
    query.addBindValue(account);
    query.addBindValue(keep);
    return run(query);
}

QList<protocol::NotifySetting> SqliteStore::notifyLevels(qint64 account)
{
    QList<protocol::NotifySetting> levels;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT room, level FROM notify_levels WHERE account_id = ? ORDER BY room LIMIT ?"_s);
    query.addBindValue(account);
    query.addBindValue(protocol::MaxNotifyRooms);
    if (!run(query))
        return levels;
    while (query.next()) {
        protocol::NotifySetting setting{query.value(0).toString()};
        if (protocol::fromWire(query.value(1).toString(), &setting.level)
            && setting.level != protocol::NotifyLevel::All)
            levels.append(setting);
    }
    return levels;
}

bool SqliteStore::setNotifyLevel(qint64 account, const QString &room, protocol::NotifyLevel level)
{
    QSqlQuery query(m_db);
    if (level == protocol::NotifyLevel::All) {
        query.prepare(u"DELETE FROM notify_levels WHERE account_id = ? AND room = ?"_s);
        query.addBindValue(account);
        query.addBindValue(room);
    } else {
        query.prepare(u"INSERT INTO notify_levels (account_id, room, level) VALUES (?, ?, ?)"
                      " ON CONFLICT (account_id, room) DO UPDATE SET level = excluded.level"_s);
        query.addBindValue(account);
        query.addBindValue(room);
        query.addBindValue(QString(protocol::toWire(level)));
    }
    return run(query);
}

bool SqliteStore::findToken(const QByteArray &tokenHash, qint64 now, Account *account)
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT a.id, a.name, a.password_hash, a.role FROM tokens t"
                  " JOIN accounts a ON a.id = t.account_id"
                  " WHERE t.token_hash = ? AND t.expires_at > ?"_s);
    query.addBindValue(tokenHash);
    query.addBindValue(now);
    if (!run(query) || !query.next())
        return false;
    *account = readAccount(query);
    return true;
}

bool SqliteStore::removeToken(const QByteArray &tokenHash)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM tokens WHERE token_hash = ?"_s);
    query.addBindValue(tokenHash);
    return run(query);
}

bool SqliteStore::removeTokensOf(qint64 account)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM tokens WHERE account_id = ?"_s);
    query.addBindValue(account);
    return run(query);
}

QList<Account> SqliteStore::accounts(qint64 afterId)
{
    QList<Account> accounts;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, name, '', role, last_seen FROM accounts WHERE id > ? ORDER BY id"_s);
    query.addBindValue(afterId);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return accounts;
    }
    while (query.next()) {
        accounts.append(readAccount(query));
        accounts.last().lastSeen = query.value(4).toLongLong();
    }
    return accounts;
}

bool SqliteStore::setLastSeen(qint64 account, qint64 at)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE accounts SET last_seen = ? WHERE id = ?"_s);
    query.addBindValue(at);
    query.addBindValue(account);
    return run(query);
}

bool SqliteStore::trimMessages(const QString &room, qint64 throughSeq)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM messages"
                  " WHERE room_id = (SELECT id FROM rooms WHERE name = ?) AND seq <= ?"_s);
    query.addBindValue(room);
    query.addBindValue(throughSeq);
    if (!run(query))
        return false;
    if (schemaVersion() < EverydayVersion)
        return true;
    // What hangs on the deleted messages goes with them.
    for (const QString &table : {u"reactions"_s, u"mentions"_s}) {
        QSqlQuery related(m_db);
        related.prepare(
            u"DELETE FROM %1"
            " WHERE room_id = (SELECT id FROM rooms WHERE name = ?) AND seq <= ?"_s.arg(table));
        related.addBindValue(room);
        related.addBindValue(throughSeq);
        if (!run(related))
            return false;
    }
    return true;
}

bool SqliteStore::addSanction(const Sanction &sanction, const QString &by, qint64 at)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO sanctions"
                  " (kind, name_key, name, room, until, reason, by, created_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(sanction.kind == Sanction::Kind::Ban ? u"ban"_s : u"mute"_s);
    query.addBindValue(sanction.name.toCaseFolded());
    query.addBindValue(sanction.name);
    query.addBindValue(sanction.room.isNull() ? u""_s : sanction.room);
    query.addBindValue(sanction.until);
    query.addBindValue(sanction.reason.isNull() ? u""_s : sanction.reason);
    query.addBindValue(by);
    query.addBindValue(at);
    return run(query);
}

QList<Sanction> SqliteStore::activeSanctions(qint64 now)
{
    QList<Sanction> sanctions;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT kind, name, room, until, reason, by, created_at FROM sanctions"
                  " WHERE until = 0 OR until > ?"_s);
    query.addBindValue(now);
    if (!run(query))
        return sanctions;
    while (query.next()) {
        sanctions.append(Sanction{
            query.value(0).toString() == u"ban" ? Sanction::Kind::Ban : Sanction::Kind::Mute,
            query.value(1).toString(), query.value(2).toString(), query.value(3).toLongLong(),
            query.value(4).toString(), query.value(5).toString(), query.value(6).toLongLong()});
    }
    return sanctions;
}

bool SqliteStore::removeSanction(const Sanction &sanction)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM sanctions WHERE kind = ? AND name_key = ? AND room = ?"_s);
    query.addBindValue(sanction.kind == Sanction::Kind::Ban ? u"ban"_s : u"mute"_s);
    query.addBindValue(sanction.name.toCaseFolded());
    query.addBindValue(sanction.room.isNull() ? u""_s : sanction.room);
    return run(query);
}

bool SqliteStore::setRoomTopic(const QString &room, const QString &topic)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE rooms SET topic = ? WHERE name = ?"_s);
    query.addBindValue(topic.isNull() ? u""_s : topic);
    query.addBindValue(room);
    return run(query);
}

bool SqliteStore::renameRoom(const QString &room, const QString &name)
{
    // One transaction: the room, its mutes and notification levels are renamed together or not
    // at all.
    if (!m_db.transaction()) {
        m_error = m_db.lastError().text();
        return false;
    }
    auto rollback = qScopeGuard([this] { m_db.rollback(); });
    QSqlQuery rename(m_db);
    rename.prepare(u"UPDATE rooms SET name = ? WHERE name = ?"_s);
    rename.addBindValue(name);
    rename.addBindValue(room);
    if (!run(rename))
        return false;
    if (rename.numRowsAffected() != 1) {
        m_error = u"no room called %1"_s.arg(room);
        return false;
    }
    QSqlQuery mutes(m_db);
    mutes.prepare(u"UPDATE sanctions SET room = ? WHERE room = ?"_s);
    mutes.addBindValue(name);
    mutes.addBindValue(room);
    if (!run(mutes))
        return false;
    // Notification levels are kept by room name (they may name a room before it exists): they
    // follow the room, replacing a level somebody had set for the new name beforehand.
    QSqlQuery levels(m_db);
    levels.prepare(u"UPDATE OR REPLACE notify_levels SET room = ? WHERE room = ?"_s);
    levels.addBindValue(name);
    levels.addBindValue(room);
    if (!run(levels))
        return false;
    if (!m_db.commit()) {
        m_error = m_db.lastError().text();
        return false;
    }
    rollback.dismiss();
    // After the commit: a reader that looked the old name up meanwhile saw the room as it was
    // then, and forgets it at its next lookup.
    m_roomIds.remove(room);
    ++roomRenames;
    return true;
}

bool SqliteStore::removeRoomMember(const QString &room, qint64 account)
{
    const qint64 id = roomId(room);
    if (id < 0) {
        m_error = u"no room called %1"_s.arg(room);
        return false;
    }
    QSqlQuery member(m_db);
    member.prepare(u"DELETE FROM room_members WHERE room_id = ? AND account_id = ?"_s);
    member.addBindValue(id);
    member.addBindValue(account);
    if (!run(member))
        return false;
    QSqlQuery mark(m_db);
    mark.prepare(u"DELETE FROM read_markers WHERE room_id = ? AND account_id = ?"_s);
    mark.addBindValue(id);
    mark.addBindValue(account);
    return run(mark);
}

bool SqliteStore::setRole(qint64 account, protocol::Role role)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE accounts SET role = ? WHERE id = ?"_s);
    query.addBindValue(QString(protocol::toWire(role)));
    query.addBindValue(account);
    return run(query) && query.numRowsAffected() == 1;
}

bool SqliteStore::readAudit(const AuditQuery &request, QList<protocol::AuditEntry> *entries,
                            bool *more)
{
    entries->clear();
    *more = false;
    // Each filter is either off (its value empty or 0) or on; SQLite picks the index of the
    // equality filters that are on, and walks it backwards from the cursor.
    QStringList where;
    QVariantList values;
    const auto add = [&](const QString &condition, const QVariant &value) {
        where.append(condition);
        values.append(value);
    };
    if (request.before > 0)
        add(u"id < ?"_s, request.before);
    if (!request.actor.isEmpty())
        add(u"actor = ?"_s, request.actor);
    if (!request.target.isEmpty())
        add(u"target = ?"_s, request.target);
    if (!request.action.isEmpty())
        add(u"action = ?"_s, request.action);
    if (request.since > 0)
        add(u"time >= ?"_s, request.since);
    if (request.until > 0)
        add(u"time <= ?"_s, request.until);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, time, actor, action, target, room, detail FROM audit_log"_s
                  + (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
                  + u" ORDER BY id DESC LIMIT ?"_s);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(request.limit + 1);
    if (!run(query))
        return false;
    while (query.next()) {
        if (entries->size() == request.limit) {
            *more = true;
            break;
        }
        entries->append(protocol::AuditEntry{query.value(0).toLongLong(),
                                             query.value(1).toLongLong(), query.value(2).toString(),
                                             query.value(3).toString(), query.value(4).toString(),
                                             query.value(5).toString(), query.value(6).toString()});
    }
    return true;
}

bool SqliteStore::markDeleted(const QString &room, qint64 seq)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE messages SET text = '', deleted = 1"
                  " WHERE seq = ? AND room_id = (SELECT id FROM rooms WHERE name = ?)"_s);
    query.addBindValue(seq);
    query.addBindValue(room);
    return run(query) && query.numRowsAffected() == 1;
}

bool SqliteStore::addAudit(qint64 time, const QString &actor, const QString &action,
                           const QString &target, const QString &room, const QString &detail)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO audit_log (time, actor, action, target, room, detail)"
                  " VALUES (?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(time);
    query.addBindValue(actor);
    query.addBindValue(action);
    query.addBindValue(target);
    query.addBindValue(room.isNull() ? u""_s : room);
    query.addBindValue(detail.isNull() ? u""_s : detail);
    return run(query);
}

bool SqliteStore::addRoomMember(const QString &room, qint64 account)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR IGNORE INTO room_members (room_id, account_id)"
                  " SELECT id, ? FROM rooms WHERE name = ?"_s);
    query.addBindValue(account);
    query.addBindValue(room);
    return run(query);
}

bool SqliteStore::setRoomCreator(const QString &room, const QString &creator, bool byGuest)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE rooms SET creator = ?, by_guest = ? WHERE name = ?"_s);
    query.addBindValue(creator.isNull() ? u""_s : creator);
    query.addBindValue(byGuest ? 1 : 0);
    query.addBindValue(room);
    return run(query);
}

bool SqliteStore::setRoomArchived(const QString &room, bool archived)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE rooms SET archived = ? WHERE name = ?"_s);
    query.addBindValue(archived ? 1 : 0);
    query.addBindValue(room);
    return run(query);
}

bool SqliteStore::deleteRoom(const QString &room)
{
    m_roomIds.remove(room);
    QSqlQuery find(m_db);
    find.prepare(u"SELECT id FROM rooms WHERE name = ?"_s);
    find.addBindValue(room);
    if (!run(find))
        return false;
    if (!find.next())
        return true; // gone already
    const qint64 id = find.value(0).toLongLong();
    find.finish();
    if (!exec(u"BEGIN IMMEDIATE"_s))
        return false;
    for (const QString &statement :
         {u"DELETE FROM messages WHERE room_id = ?"_s,
          u"DELETE FROM read_markers WHERE room_id = ?"_s,
          u"DELETE FROM room_members WHERE room_id = ?"_s, u"DELETE FROM rooms WHERE id = ?"_s}) {
        QSqlQuery query(m_db);
        query.prepare(statement);
        query.addBindValue(id);
        if (!run(query)) {
            exec(u"ROLLBACK"_s);
            return false;
        }
    }
    return exec(u"COMMIT"_s);
}

bool SqliteStore::history(const QString &room, qint64 before, int limit,
                          QList<MessageEvent> *messages)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + MessageColumns
                  + u" FROM messages m JOIN rooms r ON r.id = m.room_id"
                    " WHERE r.name = ? AND m.seq < ? AND m.kind = 0 ORDER BY m.seq DESC LIMIT ?"_s);
    query.addBindValue(room);
    query.addBindValue(before > 0 ? before : std::numeric_limits<qint64>::max());
    query.addBindValue(limit);
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    messages->clear();
    while (query.next())
        messages->append(readMessage(query, room));
    std::reverse(messages->begin(), messages->end());
    return decorate(room, messages);
}

bool SqliteStore::page(const QString &room, qint64 after, qint64 before, int limit, qint64 maxBytes,
                       bool forward, QList<MessageEvent> *messages, bool *more,
                       QList<MessageChange> *changes)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // A catch-up (forward, with changes) reads the change rows too; other pages skip them.
    const bool withChanges = forward && changes;
    query.prepare(
        u"SELECT "_s + MessageColumns
        + u" FROM messages m JOIN rooms r ON r.id = m.room_id"
          " WHERE r.name = ? AND m.seq > ? AND m.seq < ?"_s
        + (withChanges ? u""_s : u" AND m.kind = 0"_s)
        + (forward ? u" ORDER BY m.seq ASC LIMIT ?"_s : u" ORDER BY m.seq DESC LIMIT ?"_s));
    if (changes)
        changes->clear();
    query.addBindValue(room);
    query.addBindValue(qMax<qint64>(after, 0));
    query.addBindValue(before > 0 ? before : std::numeric_limits<qint64>::max());
    query.addBindValue(qint64(limit) + 1); // one more tells whether the page is the last
    if (!query.exec()) {
        m_error = query.lastError().text();
        return false;
    }
    messages->clear();
    *more = false;
    qint64 bytes = 0;
    // Rows are read one by one: a page over the budget is never held whole.
    qsizetype rows = 0;
    while (query.next()) {
        if (rows >= limit) {
            *more = true;
            break;
        }
        if (query.value(9).toInt() != 0) {
            // A change: as small as a message's event, counted like one.
            if (const std::optional<MessageChange> change = readChange(query, room)) {
                changes->append(*change);
                ++rows;
            }
            continue;
        }
        ++rows;
        MessageEvent message = readMessage(query, room);
        bytes += protocol::MessageCodec::encodedSize(message) + 1;
        if (bytes > maxBytes && !messages->isEmpty()) {
            *more = true;
            break;
        }
        messages->append(std::move(message));
    }
    if (!forward)
        std::reverse(messages->begin(), messages->end());
    return decorate(room, messages);
}

namespace {
// sori_contains(text, word): whether text holds word, without regard to case (Unicode case
// folding, as the trigram tokenizer folds). SQLite's own LIKE and lower() fold ASCII only.
void containsFunction(sqlite3_context *context, int, sqlite3_value **values)
{
    const auto view = [](sqlite3_value *value) {
        const auto *text = static_cast<const QChar *>(sqlite3_value_text16(value));
        return QStringView(text, text ? sqlite3_value_bytes16(value) / 2 : 0);
    };
    const QStringView word = view(values[1]);
    sqlite3_result_int(context, view(values[0]).contains(word, Qt::CaseInsensitive) ? 1 : 0);
}

// The FTS5 strings that find a word of three characters or more: each run of three of its
// characters (code points, as the tokenizer counts them), quoted, so that nothing the user
// types is query syntax. The index keeps no positions (detail=none: a text of one repeated
// character would otherwise store thousands of them), so these find the messages holding all
// of them anywhere; sori_contains then keeps those that hold the word itself.
QStringList trigramsOf(const QString &word)
{
    // Where each code point starts (a low surrogate is the second half of one), and the end.
    QList<qsizetype> starts;
    for (qsizetype i = 0; i < word.size(); ++i) {
        if (!word.at(i).isLowSurrogate())
            starts.append(i);
    }
    starts.append(word.size());
    QStringList trigrams;
    for (qsizetype i = 0; i + 3 < starts.size(); ++i) {
        QString trigram = word.mid(starts[i], starts[i + 3] - starts[i]);
        trigram = u'"' + trigram.replace(u'"', u"\"\""_s) + u'"';
        if (!trigrams.contains(trigram))
            trigrams.append(trigram);
    }
    return trigrams;
}
} // namespace

bool SqliteStore::search(const SearchQuery &request, SearchPage *page)
{
    *page = {};
    if (!m_searchFunction) {
        sqlite3 *db = nativeHandle(m_db);
        if (!db
            || sqlite3_create_function_v2(db, "sori_contains", 2,
                                          SQLITE_UTF16 | SQLITE_DETERMINISTIC, nullptr,
                                          &containsFunction, nullptr, nullptr, nullptr)
                != SQLITE_OK) {
            m_error = u"cannot add the search function to the connection"_s;
            return false;
        }
        m_searchFunction = true;
    }
    // Every word must be in the message, in any order, as a whole (a substring of it). Words of
    // three characters or more are looked up in the index; a shorter one has no trigram, and
    // is only checked in the rows the rest selects.
    QStringList words;
    QStringList trigrams;
    for (const QString &word : request.text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        words.append(word);
        for (const QString &trigram : trigramsOf(word)) {
            if (!trigrams.contains(trigram))
                trigrams.append(trigram);
        }
    }
    if (words.isEmpty())
        return true;
    const qint64 before = request.before > 0 ? request.before : std::numeric_limits<qint64>::max();

    // Who may read what is decided here, in the query that finds the messages, from the rooms
    // and their members as they are now: nothing of a room one was never in, or was taken out
    // of, can come back. Any other kind of room (none yet) is nobody's.
    QString where = u" AND m.kind = 0 AND m.deleted = 0"
                    " AND (r.kind IN ('public', 'announcement')"
                    " OR (r.kind IN ('private', 'direct') AND EXISTS (SELECT 1 FROM room_members rm"
                    " WHERE rm.room_id = r.id AND rm.account_id = ?)))"_s;
    QVariantList values{request.account};
    if (!request.room.isEmpty()) {
        where += u" AND r.name = ?"_s;
        values.append(request.room);
    }
    for (const QString &word : std::as_const(words)) {
        where += u" AND sori_contains(m.text, ?)"_s;
        values.append(word);
    }
    // readMessage()'s columns, then the room's name (11) and the message's id (12).
    static const QString columns = u"SELECT "_s + MessageColumns + u", r.name, m.id"_s;

    // Takes the rows of a query, newest first, into the page until it is full (then false).
    qint64 bytes = 0;
    const auto take = [&](QSqlQuery &rows) {
        while (rows.next()) {
            if (page->messages.size() >= request.limit) {
                page->more = true;
                return false;
            }
            MessageEvent message = readMessage(rows, rows.value(11).toString());
            bytes += protocol::MessageCodec::encodedSize(message) + 1;
            if (bytes > request.maxBytes && !page->messages.isEmpty()) {
                page->more = true;
                return false;
            }
            page->messages.append(std::move(message));
            page->next = rows.value(12).toLongLong();
        }
        return true;
    };

    // Short words only: the index cannot help. The newest shortScan messages before the cursor (of
    // the room, with one) are looked through, and the page ends there, with `more` if there are
    // older ones: each request costs at most that much, and paging goes on through all.
    qint64 scanLowest = 0;
    if (trigrams.isEmpty()) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        QString window;
        QVariantList windowValues;
        if (request.room.isEmpty()) {
            window = u"SELECT id FROM messages WHERE id < ? ORDER BY id DESC LIMIT ?"_s;
            windowValues = {before, request.shortScan};
        } else {
            // Through the room's index: in a room, seq goes up with id (messages are numbered
            // and written in one order), so "before the cursor" is "seq below the cursor's".
            qint64 beforeSeq = std::numeric_limits<qint64>::max();
            if (request.before > 0) {
                QSqlQuery cursor(m_db);
                cursor.prepare(u"SELECT m.seq FROM messages m JOIN rooms r ON r.id = m.room_id"
                               " WHERE m.id = ? AND r.name = ?"_s);
                cursor.addBindValue(request.before);
                cursor.addBindValue(request.room);
                if (!run(cursor))
                    return false;
                if (!cursor.next())
                    return true; // gone (retention, or the room): nothing older is left
                beforeSeq = cursor.value(0).toLongLong();
            }
            window = u"SELECT id FROM messages WHERE room_id = (SELECT id FROM rooms WHERE"
                     " name = ?) AND seq < ? ORDER BY seq DESC LIMIT ?"_s;
            windowValues = {request.room, beforeSeq, request.shortScan};
        }
        QSqlQuery extent(m_db);
        extent.prepare(u"SELECT MIN(id), COUNT(*) FROM ("_s + window + u")"_s);
        for (const QVariant &value : std::as_const(windowValues))
            extent.addBindValue(value);
        if (!run(extent) || !extent.next())
            return false;
        if (extent.value(1).toLongLong() >= request.shortScan)
            scanLowest = extent.value(0).toLongLong(); // there may be more below it
        extent.finish();
        query.prepare(columns + u" FROM ("_s + window
                      + u") w JOIN messages m ON m.id = w.id JOIN rooms r ON r.id = m.room_id"
                        " WHERE 1"_s
                      + where + u" ORDER BY m.id DESC LIMIT ?"_s);
        for (const QVariant &value : std::as_const(windowValues))
            query.addBindValue(value);
        for (const QVariant &value : std::as_const(values))
            query.addBindValue(value);
        query.addBindValue(qint64(request.limit) + 1); // one more: whether the page is the last
        if (!run(query))
            return false;
        take(query);
    } else {
        // One read transaction: the mark and the rows on both sides of it are of one moment, so
        // that a batch indexed meanwhile is neither missed nor found twice.
        if (!exec(u"BEGIN"_s))
            return false;
        const auto end = qScopeGuard([this] { QSqlQuery(m_db).exec(u"COMMIT"_s); });
        QSqlQuery mark(m_db);
        if (!mark.exec(u"SELECT upto FROM search_indexed"_s) || !mark.next()) {
            m_error = mark.lastError().text();
            return false;
        }
        const qint64 indexed = mark.value(0).toLongLong();
        mark.finish();
        // The newest messages, which the storage thread has not indexed yet, are looked through
        // first: at most what it wrote since it was last idle (it indexes as soon as it is).
        QSqlQuery tail(m_db);
        tail.setForwardOnly(true);
        tail.prepare(columns
                     + u" FROM messages m CROSS JOIN rooms r ON r.id = m.room_id"
                       " WHERE m.id > ? AND m.id < ?"_s
                     + where + u" ORDER BY m.id DESC LIMIT ?"_s);
        tail.addBindValue(indexed);
        tail.addBindValue(before);
        for (const QVariant &value : std::as_const(values))
            tail.addBindValue(value);
        tail.addBindValue(qint64(request.limit) + 1);
        if (!run(tail))
            return false;
        const bool notFull = take(tail);
        tail.finish();
        if (notFull) {
            // Then the index, which hands its rows newest first (ORDER BY its rowid, no
            // sorting), each checked as it comes, until the page is full.
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            query.prepare(columns
                          + u" FROM messages_fts f JOIN messages m ON m.id = f.rowid"
                            " JOIN rooms r ON r.id = m.room_id"
                            " WHERE messages_fts MATCH ? AND f.rowid < ?"_s
                          + where + u" ORDER BY f.rowid DESC LIMIT ?"_s);
            query.addBindValue(trigrams.join(u' '));
            query.addBindValue(qMin(before, indexed + 1));
            for (const QVariant &value : std::as_const(values))
                query.addBindValue(value);
            query.addBindValue(qint64(request.limit) + 1 - page->messages.size());
            if (!run(query))
                return false;
            take(query);
        }
    }
    // Like any message from storage: with its reactions and the quote of a reply (room by room).
    QHash<QString, QList<qsizetype>> byRoom;
    for (qsizetype i = 0; i < page->messages.size(); ++i)
        byRoom[page->messages.at(i).room].append(i);
    for (auto it = byRoom.cbegin(); it != byRoom.cend(); ++it) {
        QList<MessageEvent> ofRoom;
        for (qsizetype i : it.value())
            ofRoom.append(page->messages.at(i));
        // decorate() reads reactions over the seq range: give it the room's in seq order.
        std::sort(ofRoom.begin(), ofRoom.end(),
                  [](const MessageEvent &a, const MessageEvent &b) { return a.seq < b.seq; });
        if (!decorate(it.key(), &ofRoom))
            return false;
        for (const MessageEvent &decorated : std::as_const(ofRoom)) {
            for (qsizetype i : it.value()) {
                if (page->messages.at(i).seq == decorated.seq)
                    page->messages[i] = decorated;
            }
        }
    }
    if (!page->more && scanLowest > 0) {
        page->more = true;
        page->next = scanLowest;
    }
    if (!page->more)
        page->next = 0;
    return true;
}

bool SqliteStore::indexForSearch(int maxRows, bool *more)
{
    *more = false;
    if (schemaVersion() < IndexMarkVersion)
        return true; // the triggers of SearchVersion index in each commit, or there is no index
    // IMMEDIATE, like the message batches: it reads, then writes.
    if (!exec(u"BEGIN IMMEDIATE"_s))
        return false;
    const auto fail = [this](const QSqlQuery &query) {
        m_error = query.lastError().text();
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return false;
    };
    const int batch = qMax(1, maxRows);
    // The next maxRows rows above the mark, whatever their kind: a batch costs at most that much.
    QSqlQuery next(m_db);
    next.setForwardOnly(true);
    next.prepare(u"SELECT MAX(id), COUNT(*) FROM (SELECT id FROM messages"
                 " WHERE id > (SELECT upto FROM search_indexed) ORDER BY id LIMIT ?)"_s);
    next.addBindValue(batch);
    if (!next.exec() || !next.next())
        return fail(next);
    const qint64 last = next.value(0).toLongLong();
    const qint64 rows = next.value(1).toLongLong();
    next.finish();
    if (rows == 0)
        return exec(u"COMMIT"_s);
    // Chat messages only, as they are now: an edit or a delete of them from here on goes
    // through the triggers.
    QSqlQuery add(m_db);
    add.prepare(u"INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages"
                " WHERE id > (SELECT upto FROM search_indexed) AND id <= ?"
                " AND kind = 0 AND deleted = 0"_s);
    add.addBindValue(last);
    if (!add.exec())
        return fail(add);
    QSqlQuery mark(m_db);
    mark.prepare(u"UPDATE search_indexed SET upto = ?"_s);
    mark.addBindValue(last);
    if (!mark.exec())
        return fail(mark);
    if (!exec(u"COMMIT"_s)) {
        QSqlQuery(m_db).exec(u"ROLLBACK"_s);
        return false;
    }
    *more = rows >= batch;
    return true;
}

bool SqliteStore::follow(qint64 account, const QString &room, qint64 seq)
{
    const qint64 id = roomId(room);
    if (id < 0) {
        m_error = u"no room called %1"_s.arg(room);
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(
        u"INSERT OR IGNORE INTO read_markers (account_id, room_id, seq) VALUES (?, ?, ?)"_s);
    query.addBindValue(account);
    query.addBindValue(id);
    query.addBindValue(seq);
    return run(query);
}

bool SqliteStore::unfollow(qint64 account, const QString &room)
{
    const qint64 id = roomId(room);
    if (id < 0)
        return true; // no room, no marker
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM read_markers WHERE account_id = ? AND room_id = ?"_s);
    query.addBindValue(account);
    query.addBindValue(id);
    return run(query);
}

bool SqliteStore::saveReadMarks(const QList<ReadMark> &marks)
{
    if (marks.isEmpty())
        return true;
    if (!exec(u"BEGIN"_s))
        return false;
    QSqlQuery query(m_db);
    // Raises only: a mark never goes back, and a room left meanwhile (no row) stays left.
    query.prepare(u"UPDATE read_markers SET seq = ? WHERE account_id = ? AND room_id = ?"
                  " AND seq < ?"_s);
    for (const ReadMark &mark : marks) {
        const qint64 id = roomId(mark.room);
        if (id < 0)
            continue; // deleted meanwhile
        query.addBindValue(mark.seq);
        query.addBindValue(mark.account);
        query.addBindValue(id);
        query.addBindValue(mark.seq);
        if (!run(query)) {
            exec(u"ROLLBACK"_s);
            return false;
        }
    }
    return exec(u"COMMIT"_s);
}

bool SqliteStore::unreadCounts(const QString &name, const QString &nameKey, int cap,
                               QList<UnreadRange> *ranges)
{
    // Each count stops at the cap: a room with a million unread messages costs `cap` rows.
    QSqlQuery unread(m_db);
    unread.setForwardOnly(true);
    unread.prepare(u"SELECT COUNT(*) FROM (SELECT 1 FROM messages"
                   " WHERE room_id = ? AND seq > ? AND seq <= ? AND kind = 0 AND deleted = 0"
                   " AND sender <> ? LIMIT ?)"_s);
    QSqlQuery mentions(m_db);
    mentions.setForwardOnly(true);
    mentions.prepare(u"SELECT COUNT(*) FROM (SELECT 1 FROM mentions t"
                     " JOIN messages m ON m.room_id = t.room_id AND m.seq = t.seq"
                     " WHERE t.name_key = ? AND t.room_id = ? AND t.seq > ? AND t.seq <= ?"
                     " AND m.kind = 0 AND m.deleted = 0 AND m.sender <> ? LIMIT ?)"_s);
    for (UnreadRange &range : *ranges) {
        range.unread = range.mentions = 0;
        if (range.last <= range.read)
            continue;
        // By name, not through the cache of ids: this is the read connection, which does not
        // see a room deleted and made again.
        QSqlQuery find(m_db);
        find.prepare(u"SELECT id FROM rooms WHERE name = ?"_s);
        find.addBindValue(range.room);
        if (!run(find))
            return false;
        if (!find.next())
            continue; // deleted meanwhile
        const qint64 id = find.value(0).toLongLong();
        unread.addBindValue(id);
        unread.addBindValue(range.read);
        unread.addBindValue(range.last);
        unread.addBindValue(name);
        unread.addBindValue(cap);
        if (!run(unread) || !unread.next())
            return false;
        range.unread = unread.value(0).toInt();
        unread.finish();
        if (range.unread == 0)
            continue;
        mentions.addBindValue(nameKey);
        mentions.addBindValue(id);
        mentions.addBindValue(range.read);
        mentions.addBindValue(range.last);
        mentions.addBindValue(name);
        mentions.addBindValue(cap);
        if (!run(mentions) || !mentions.next())
            return false;
        range.mentions = mentions.value(0).toInt();
        mentions.finish();
    }
    return true;
}

bool SqliteStore::insertFile(const StoredFile &file)
{
    // The room by its id now: a room deleted and made again under its name is another room.
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO files (id, sha256, name, type, size, uploader, room_id,"
                  " created_at, width, height, thumb_sha256)"
                  " SELECT ?, ?, ?, ?, ?, ?, id, ?, ?, ?, ? FROM rooms WHERE name = ?"_s);
    query.addBindValue(file.id);
    query.addBindValue(QString::fromLatin1(file.sha256));
    query.addBindValue(file.name);
    query.addBindValue(file.type);
    query.addBindValue(file.size);
    query.addBindValue(file.uploader);
    query.addBindValue(file.createdAt);
    query.addBindValue(file.width);
    query.addBindValue(file.height);
    // An empty string, not NULL: Qt binds a null QString as NULL.
    query.addBindValue(file.thumbSha256.isEmpty() ? u""_s : QString::fromLatin1(file.thumbSha256));
    query.addBindValue(file.room);
    if (!run(query))
        return false;
    if (query.numRowsAffected() != 1) {
        m_error = u"there is no room \"%1\""_s.arg(file.room);
        return false;
    }
    return true;
}

bool SqliteStore::findFile(const QString &id, StoredFile *file)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT f.sha256, f.name, f.type, f.size, f.uploader, r.name, f.created_at,"
                  " f.width, f.height, f.thumb_sha256, COALESCE(f.message_id, 0), f.hidden"
                  " FROM files f JOIN rooms r ON r.id = f.room_id WHERE f.id = ?"_s);
    query.addBindValue(id);
    if (!run(query))
        return false;
    *file = StoredFile{};
    if (!query.next())
        return true;
    file->id = id;
    file->sha256 = query.value(0).toString().toLatin1();
    file->name = query.value(1).toString();
    file->type = query.value(2).toString();
    file->size = query.value(3).toLongLong();
    file->uploader = query.value(4).toLongLong();
    file->room = query.value(5).toString();
    file->createdAt = query.value(6).toLongLong();
    file->width = query.value(7).toInt();
    file->height = query.value(8).toInt();
    file->thumbSha256 = query.value(9).toString().toLatin1();
    file->messageId = query.value(10).toLongLong();
    file->hidden = query.value(11).toBool();
    return true;
}

bool SqliteStore::messageHasMsgId(qint64 messageId, const QString &msgId)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT 1 FROM messages WHERE id = ? AND msg_id = ?"_s);
    query.addBindValue(messageId);
    query.addBindValue(msgId);
    return run(query) && query.next();
}

bool SqliteStore::sweepFiles(qint64 createdBefore, const QSet<QString> &keep,
                             QList<QByteArray> *unreferenced)
{
    unreferenced->clear();
    if (!m_db.transaction()) {
        m_error = m_db.lastError().text();
        return false;
    }
    auto rollback = qScopeGuard([this] { m_db.rollback(); });
    QSqlQuery old(m_db);
    old.setForwardOnly(true);
    old.prepare(u"SELECT id, sha256, thumb_sha256 FROM files"
                " WHERE message_id IS NULL AND created_at < ?"_s);
    old.addBindValue(createdBefore);
    if (!run(old))
        return false;
    QSet<QByteArray> contents;
    QStringList ids;
    while (old.next()) {
        // A file claimed by a message being stored is about to be referred to.
        if (keep.contains(old.value(0).toString()))
            continue;
        ids.append(old.value(0).toString());
        contents.insert(old.value(1).toString().toLatin1());
        if (const QByteArray thumb = old.value(2).toString().toLatin1(); !thumb.isEmpty())
            contents.insert(thumb);
    }
    old.finish();
    QSqlQuery remove(m_db);
    remove.prepare(u"DELETE FROM files WHERE id = ? AND message_id IS NULL"_s);
    for (const QString &id : std::as_const(ids)) {
        remove.bindValue(0, id);
        if (!run(remove))
            return false;
    }
    // Content that another file (or its thumbnail) still uses stays.
    QSqlQuery used(m_db);
    used.prepare(u"SELECT EXISTS (SELECT 1 FROM files WHERE sha256 = ?)"
                 " OR EXISTS (SELECT 1 FROM files WHERE thumb_sha256 = ?)"_s);
    for (const QByteArray &sha : std::as_const(contents)) {
        used.bindValue(0, QString::fromLatin1(sha));
        used.bindValue(1, QString::fromLatin1(sha));
        if (!run(used) || !used.next())
            return false;
        if (!used.value(0).toBool())
            unreferenced->append(sha);
        used.finish();
    }
    rollback.dismiss();
    if (!m_db.commit()) {
        m_error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

} // namespace sori::server
