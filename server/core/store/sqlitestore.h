// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/store.h"

#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtSql/QSqlDatabase>

#include <memory>

namespace sori::server {

// SQLite through Qt Sql: WAL, prepared statements only, a schema version in PRAGMA user_version
// with migrations that run when the database is opened.
class SqliteStore : public Store
{
public:
    enum class Sync { Normal, Full };

    // The newest schema this code knows.
    static constexpr int SchemaVersion = 15;
    // The version that added the accounts' confusable skeletons.
    static constexpr int SkeletonsVersion = 8;
    // Change rows, replies, reactions, mentions, read marks (docs/protocol.md §12).
    static constexpr int EverydayVersion = 9;
    // The version that added the full-text index of the messages (search()).
    static constexpr int SearchVersion = 10;
    // The version from which the storage thread indexes new messages when it is idle
    // (indexForSearch) instead of a trigger in every commit: search_indexed holds the mark.
    static constexpr int IndexMarkVersion = 11;
    // The version that added the audit log's indexes ("audit").
    static constexpr int AuditIndexVersion = 12;
    // The version that keeps the order of a message's attachments (files.position).
    static constexpr int AttachmentsVersion = 15;

    explicit SqliteStore(QString path, Sync sync = Sync::Full);
    // A connection that only reads (PRAGMA query_only, no checkpointer of its own): the storage's
    // read thread, beside the writer, on the same WAL file. Set before open().
    void setQueryOnly(bool on) { m_queryOnly = on; }
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

    bool open() override;
    QList<StoredRoom> loadRooms(int recentPerRoom) override;
    bool createRoom(const QString &name, qint64 createdAt,
                    protocol::RoomKind kind = protocol::RoomKind::Public,
                    const QString &topic = {}) override;
    bool addRoomMember(const QString &room, qint64 account) override;
    bool setRoomCreator(const QString &room, const QString &creator, bool byGuest) override;
    bool setRoomArchived(const QString &room, bool archived) override;
    bool deleteRoom(const QString &room) override;
    using Store::appendMessages;
    bool appendMessages(const QList<protocol::MessageEvent> &messages,
                        const QList<StoredChange> &changes) override;
    bool around(const QString &room, qint64 around, int limit, qint64 maxBytes,
                StoredPage *page) override;
    bool trimMessages(const QString &room, qint64 throughSeq) override;
    bool history(const QString &room, qint64 before, int limit,
                 QList<protocol::MessageEvent> *messages) override;
    bool page(const QString &room, qint64 after, qint64 before, int limit, qint64 maxBytes,
              bool forward, QList<protocol::MessageEvent> *messages, bool *more,
              QList<protocol::MessageChange> *changes = nullptr) override;
    bool createAccount(const QString &name, const QString &passwordHash, protocol::Role role,
                       qint64 createdAt, qint64 *id) override;
    bool findAccount(const QString &name, Account *account) override;
    bool findAccountBySkeleton(const QString &skeleton, Account *account) override;
    bool setPasswordHash(qint64 account, const QString &passwordHash) override;
    bool addToken(qint64 account, const QByteArray &tokenHash, qint64 createdAt,
                  qint64 expiresAt) override;
    bool findToken(const QByteArray &tokenHash, qint64 now, Account *account) override;
    bool removeToken(const QByteArray &tokenHash) override;
    bool removeTokensOf(qint64 account) override;
    bool touchToken(const QByteArray &tokenHash, const QString &client, const QString &address,
                    qint64 at) override;
    QList<DeviceRecord> devicesOf(qint64 account, qint64 now) override;
    bool removeDevice(qint64 account, const QString &device, QByteArray *tokenHash) override;
    bool removeTokensOfExcept(qint64 account, const QByteArray &keep) override;
    QList<protocol::NotifySetting> notifyLevels(qint64 account) override;
    bool setNotifyLevel(qint64 account, const QString &room, protocol::NotifyLevel level) override;
    QList<Account> accounts(qint64 afterId) override;
    bool setLastSeen(qint64 account, qint64 at) override;
    bool addSanction(const Sanction &sanction, const QString &by, qint64 at) override;
    QList<Sanction> activeSanctions(qint64 now) override;
    bool removeSanction(const Sanction &sanction) override;
    bool setRoomTopic(const QString &room, const QString &topic) override;
    bool renameRoom(const QString &room, const QString &name) override;
    bool removeRoomMember(const QString &room, qint64 account) override;
    bool setRole(qint64 account, protocol::Role role) override;
    bool readAudit(const AuditQuery &query, QList<protocol::AuditEntry> *entries,
                   bool *more) override;
    bool markDeleted(const QString &room, qint64 seq) override;
    bool search(const SearchQuery &query, SearchPage *page) override;
    bool indexForSearch(int maxRows, bool *more) override;
    bool addAudit(qint64 time, const QString &actor, const QString &action, const QString &target,
                  const QString &room, const QString &detail) override;
    bool follow(qint64 account, const QString &room, qint64 seq) override;
    bool unfollow(qint64 account, const QString &room) override;
    bool saveReadMarks(const QList<ReadMark> &marks) override;
    bool unreadCounts(const QString &name, const QString &nameKey, int cap,
                      QList<UnreadRange> *ranges) override;
    QString errorString() const override { return m_error; }

    // Files uploaded over HTTP (not part of Store: only the file service's own connection
    // reads and writes them). insertFile() fails if the room is gone; findFile() leaves *file
    // with an empty id when there is no such file, and returns false only on an error.
    bool insertFile(const StoredFile &file);
    bool findFile(const QString &id, StoredFile *file);
    // Whether the message with this row id (StoredFile::messageId) carries this msgId: a file
    // attached to it is named again by a resend of that message. False also on an error.
    bool messageHasMsgId(qint64 messageId, const QString &msgId);
    // The retention sweep: forgets the files no message refers to that were uploaded before
    // createdBefore, but for those in `keep` (claimed by a message on its way to storage), and
    // gives the content (hex SHA-256) that no file refers to any more, for the caller to delete
    // from disk.
    bool sweepFiles(qint64 createdBefore, const QSet<QString> &keep,
                    QList<QByteArray> *unreferenced);

    // Tests: the schema as it was at `version`, to check that migrations bring it up to date.
    bool openAtVersion(int version);

    int schemaVersion();

private:
    // A file on disk, not an in-memory database.
    bool isFile() const { return !m_path.isEmpty() && !m_path.startsWith(u':'); }
    bool exec(const QString &statement);
    // Brings the schema to `target`: a new database at once, an older one step by step.
    bool migrate(int target = SchemaVersion);
    // The steps from version `from` to `to` in one transaction, ending with user_version = to.
    bool runMigrations(int from, int to);
    // The migration to SkeletonsVersion: the skeleton of every account that has none.
    bool fillSkeletons();
    bool run(QSqlQuery &query);
    qint64 roomId(const QString &name);
    // The message insert runs on SQLite's own API, prepared once (see appendMessages).
    struct Statements;
    bool prepareStatements();
    // In appendMessages()' transaction: the mention rows of a message, a change's row and
    // effect.
    bool addMentions(qint64 roomId, const protocol::MessageEvent &message);
    bool applyChange(qint64 roomId, const StoredChange &change, QString *error);
    // Messages read from the table get their reactions and quotes.
    bool decorate(const QString &room, QList<protocol::MessageEvent> *messages);
    class Checkpointer;
    void startCheckpointer();
    void stopCheckpointer();

    QString m_path;
    Sync m_sync;
    bool m_queryOnly = false;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_error;
    std::unique_ptr<Checkpointer> m_checkpointer;
    std::unique_ptr<Statements> m_statements;
    bool m_searchFunction = false; // sori_contains() is known to the connection (search())
    // Room ids by name; deleteRoom() forgets one. A rename on any connection makes every
    // connection's cache stale: m_roomIdsEpoch is the renames seen when it was last cleared.
    QHash<QString, qint64> m_roomIds;
    quint64 m_roomIdsEpoch = 0;
};

} // namespace sori::server
