// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/namecheck.h"
#include "core/store/sqlitestore.h"
#include "core/store/walbuffervfs.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

#include <csignal>
#include <sys/resource.h>

#include <mutex>

using namespace Qt::StringLiterals;
using namespace sori::server;
using sori::protocol::MessageEvent;

namespace {
// What the store logs (sori.server.db) while one is alive, in order.
class StoreLog
{
public:
    StoreLog()
    {
        s_current = this;
        m_previous = qInstallMessageHandler(handler);
    }
    ~StoreLog()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    QStringList lines() const
    {
        std::lock_guard lock(m_mutex);
        return m_lines;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (qstrcmp(context.category, "sori.server.db") == 0) {
            std::lock_guard lock(s_current->m_mutex);
            s_current->m_lines.append(text);
        }
        if (s_current->m_previous)
            s_current->m_previous(type, context, text);
    }
    static inline StoreLog *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable std::mutex m_mutex;
    QStringList m_lines;
};
} // namespace

class tst_SqliteStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsTheSchemaInAnEmptyDatabase();
    void createsTheSchemaAtOnceAndUpgradesStepByStep();
    void refusesANewerSchema();
    void upgradesThepreviousSchema();
    void upgradeGivesAccountsSkeletonsAndStaffMessagesRoles();
    void keepsMessagesThroughTheLayoutChange();
    void tokensExpire();
    void tokensAreDevicesAndCapped();
    void refusesAFileThatIsNotADatabase();
    void textComesBackByteForByte_data();
    void textComesBackByteForByte();
    void pagesBackWithoutGapOrDuplicate();
    void survivesReopening();
    void aFailedBatchWritesNothing();
    void trimsOneRoomUpToANumber();
    void theLogIsCheckpointedIntoTheDatabase();
    void aCommitIsInTheFilesWhenItReturns_data();
    void aCommitIsInTheFilesWhenItReturns();
    void gathersACommitsLogWrites();
    void opensAPathThatNeedsEscaping();
    void aRolledBackBatchLeavesAnotherConnectionsCommitsAlone();
    void aWriteThatFailsFailsTheCommitAndKeepsTheRest_data();
    void aWriteThatFailsFailsTheCommitAndKeepsTheRest();
    void aCommitToManyRoomsWritesFewPages();
    void loadsTheIdsOfTheNewestMessages();
    void upgradeFromSchema8KeepsEveryMessage();
    void changesAreRowsWithTheirEffect();
    void keepsReadMarksAndCountsUnread();
    void theRetentionSweepLeavesClaimedAndAttachedFiles();

private:
    QString path() const { return m_dir->filePath(u"sori.db"_s); }
    static MessageEvent message(const QString &room, qint64 seq, const QString &text = {})
    {
        return MessageEvent{room,
                            seq,
                            u"mina"_s,
                            text.isEmpty() ? u"message %1"_s.arg(seq) : text,
                            1764100000000 + seq,
                            u"id-%1"_s.arg(seq)};
    }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SqliteStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SqliteStore::createsTheSchemaInAnEmptyDatabase()
{
    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
    QVERIFY(store.loadRooms(10).isEmpty());
    QVERIFY(store.createRoom(u"lobby"_s, 1));
    QVERIFY(store.createRoom(u"lobby"_s, 2)); // a second time changes nothing
    const auto rooms = store.loadRooms(10);
    QCOMPARE(rooms.size(), 1);
    QCOMPARE(rooms.first().name, u"lobby"_s);
    QCOMPARE(rooms.first().lastSeq, 0);
}

void tst_SqliteStore::createsTheSchemaAtOnceAndUpgradesStepByStep()
{
    // A new database: the current schema in one step, said once, no upgrades.
    {
        StoreLog log;
        SqliteStore store(path());
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
        QCOMPARE(log.lines(),
                 QStringList{
                     u"database created with schema version %1"_s.arg(SqliteStore::SchemaVersion)});
    }
    // Opened again: nothing to do, nothing said.
    {
        StoreLog log;
        SqliteStore store(path());
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
        QCOMPARE(log.lines(), QStringList());
    }
    // An older database still goes through every step after its version, one at a time.
    const int old = SqliteStore::SchemaVersion - 3;
    {
        SqliteStore store(path());
        QVERIFY2(store.openAtVersion(old), qPrintable(store.errorString()));
        QCOMPARE(store.schemaVersion(), old);
    }
    StoreLog log;
    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
    QStringList steps;
    for (int from = old; from < SqliteStore::SchemaVersion; ++from)
        steps.append(u"database schema upgraded from version %1 to %2"_s.arg(from).arg(from + 1));
    QCOMPARE(log.lines(), steps);
}

void tst_SqliteStore::refusesANewerSchema()
{
    {
        SqliteStore store(path());
        QVERIFY(store.open());
    }
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA user_version=%1"_s.arg(SqliteStore::SchemaVersion + 1)));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bump"_s);
    SqliteStore store(path());
    QVERIFY(!store.open());
    QVERIFY2(store.errorString().contains(u"newer"_s), qPrintable(store.errorString()));
    QVERIFY(store.errorString().contains(QString::number(SqliteStore::SchemaVersion + 1)));
}

void tst_SqliteStore::upgradesThepreviousSchema()
{
    // A database as the first version left it: rooms and messages only.
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(1), qPrintable(old.errorString()));
        QCOMPARE(old.schemaVersion(), 1);
        QVERIFY(old.appendMessages({}));
    }
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(
            query.exec(u"INSERT INTO rooms (name, created_at, last_seq) VALUES ('lobby', 1, 2)"_s));
        QVERIFY(query.exec(u"INSERT INTO messages (room_id, seq, sender, text, time, msg_id)"
                           " VALUES (1, 1, 'mina', 'message 1', 1764100000001, 'id-1'),"
                           " (1, 2, 'mina', 'message 2', 1764100000002, 'id-2')"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v1"_s);

    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
    // What was there is still there, with the defaults of the new columns.
    const auto rooms = store.loadRooms(10);
    QCOMPARE(rooms.size(), 1);
    QCOMPARE(rooms.first().lastSeq, 2);
    QCOMPARE(rooms.first().kind, sori::protocol::RoomKind::Public);
    QCOMPARE(rooms.first().recent,
             QList<MessageEvent>({message(u"lobby"_s, 1), message(u"lobby"_s, 2)}));
    // And the new tables work.
    qint64 id = -1;
    QVERIFY(
        store.createAccount(u"mina"_s, u"$argon2id$hash"_s, sori::protocol::Role::Admin, 1, &id));
    Account account;
    QVERIFY(store.findAccount(u"MINA"_s, &account));
    QCOMPARE(account.id, id);
    QCOMPARE(account.role, sori::protocol::Role::Admin);
    // Last seen: never, until it is set; it survives in the account list.
    QCOMPARE(store.accounts(0).first().lastSeen, 0);
    QVERIFY(store.setLastSeen(id, 1764100000123));
    QCOMPARE(store.accounts(0).first().lastSeen, 1764100000123);
    // Only those made after a given one, oldest first (what a running server looks for).
    qint64 jun = -1;
    qint64 ara = -1;
    QVERIFY(store.createAccount(u"jun"_s, u"$argon2id$h"_s, sori::protocol::Role::Member, 2, &jun));
    QVERIFY(store.createAccount(u"ara"_s, u"$argon2id$h"_s, sori::protocol::Role::Member, 3, &ara));
    const QList<Account> after = store.accounts(id);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after[0].id, jun);
    QCOMPARE(after[0].name, u"jun"_s);
    QCOMPARE(after[1].id, ara);
    QVERIFY(store.accounts(ara).isEmpty());
    QCOMPARE(store.accounts(0).size(), 3);
    QVERIFY(store.createRoom(u"team"_s, 2, sori::protocol::RoomKind::Private, u"us"_s));
    QVERIFY(store.addRoomMember(u"team"_s, id));
    QVERIFY(store.addRoomMember(u"team"_s, id)); // twice changes nothing
    const auto again = store.loadRooms(0);
    QCOMPARE(again.size(), 2);
    QCOMPARE(again.last().kind, sori::protocol::RoomKind::Private);
    QCOMPARE(again.last().topic, u"us"_s);
    QCOMPARE(again.last().members, QSet<qint64>({id}));
}

void tst_SqliteStore::upgradeGivesAccountsSkeletonsAndStaffMessagesRoles()
{
    // A version 7 database: accounts without skeletons, messages without their sender's role.
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(7), qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"lobby"_s, 1));
    }
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v7"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(
            u"INSERT INTO accounts (name, name_key, password_hash, role, created_at)"
            " VALUES ('boss', 'boss', 'h', 'admin', 1),"
            " ('mod', 'mod', 'h', 'moderator', 1), ('mina', 'mina', 'h', 'member', 1)"_s));
        QVERIFY(query.exec(
            u"INSERT INTO messages (room_id, seq, sender, text, time)"
            " VALUES (1, 1, 'boss', 'a', 1), (1, 2, 'mod', 'b', 2),"
            " (1, 3, 'mina', 'c', 3), (1, 4, 'jun', 'd', 4), (1, 5, 'server', 'e', 5)"_s));
        QVERIFY(query.exec(u"UPDATE rooms SET last_seq = 5"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v7"_s);

    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    // Every account has its skeleton, found with one indexed lookup by any look-alike.
    Account found;
    QVERIFY(store.findAccountBySkeleton(names::skeleton(u"B0SS"_s), &found));
    QCOMPARE(found.name, u"boss"_s);
    QVERIFY(store.findAccountBySkeleton(names::skeleton(u"rnina"_s), &found));
    QCOMPARE(found.name, u"mina"_s);
    QVERIFY(!store.findAccountBySkeleton(names::skeleton(u"jun"_s), &found));
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v8"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT count(*) FROM accounts WHERE skeleton = ''"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
        QVERIFY(query.exec(u"EXPLAIN QUERY PLAN SELECT id FROM accounts WHERE skeleton = 'x'"_s)
                && query.next());
        QVERIFY2(query.value(3).toString().contains(u"accounts_by_skeleton"_s),
                 qPrintable(query.value(3).toString()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v8"_s);
    // Staff accounts' and the operator's old messages carry their role; the rest read as members.
    QList<MessageEvent> messages;
    QVERIFY(store.history(u"lobby"_s, 0, 10, &messages));
    QCOMPARE(messages.size(), 5);
    using sori::protocol::Role;
    QCOMPARE(messages.at(0).role, Role::Admin);
    QCOMPARE(messages.at(1).role, Role::Moderator);
    QCOMPARE(messages.at(2).role, Role::Member);
    QCOMPARE(messages.at(3).role, Role::Member);
    QCOMPARE(messages.at(4).role, Role::Admin);
    for (const MessageEvent &message : std::as_const(messages))
        QVERIFY(!message.guest);
    // New accounts get theirs when they are made; new messages keep their sender's role.
    qint64 id = -1;
    QVERIFY(store.createAccount(u"jun"_s, u"h"_s, Role::Member, 2, &id));
    QVERIFY(store.findAccountBySkeleton(names::skeleton(u"JUN"_s), &found));
    QCOMPARE(found.id, id);
    MessageEvent guest{u"lobby"_s, 6, u"ara"_s, u"f"_s, 6, {}, false, Role::Guest, true};
    QVERIFY(store.appendMessages({guest}));
    QVERIFY(store.history(u"lobby"_s, 0, 1, &messages));
    QCOMPARE(messages, QList<MessageEvent>({guest}));
}

void tst_SqliteStore::keepsMessagesThroughTheLayoutChange()
{
    // Version 6 moved the messages into a table of their own (written in order, found by room
    // through an index). Everything a version 5 database held comes through: deletions, messages
    // without an id, and the rule that a number is used once in a room.
    const QList<MessageEvent> a{message(u"a"_s, 1), message(u"a"_s, 2), message(u"a"_s, 3)};
    const QList<MessageEvent> b{message(u"b"_s, 1), message(u"b"_s, 2)};
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(5), qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"a"_s, 1));
        QVERIFY(old.createRoom(u"b"_s, 1));
        QVERIFY(old.appendMessages({a[0], b[0], a[1], b[1], a[2]}));
        QVERIFY(old.markDeleted(u"a"_s, 2));
    }
    {
        // msg_id is optional: a message written without one (the server's own notices).
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v5"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"UPDATE messages SET msg_id = NULL WHERE seq = 2 AND room_id ="
                           " (SELECT id FROM rooms WHERE name = 'b')"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v5"_s);

    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
    QList<MessageEvent> gotA;
    QVERIFY(store.history(u"a"_s, 0, 10, &gotA));
    MessageEvent deleted = a[1];
    deleted.text.clear();
    deleted.deleted = true;
    QCOMPARE(gotA, QList<MessageEvent>({a[0], deleted, a[2]}));
    QList<MessageEvent> gotB;
    QVERIFY(store.history(u"b"_s, 0, 10, &gotB));
    MessageEvent withoutId = b[1];
    withoutId.msgId.clear();
    QCOMPARE(gotB, QList<MessageEvent>({b[0], withoutId}));
    // Paging back still works, and a number is still used once per room.
    QVERIFY(store.history(u"a"_s, 3, 1, &gotA));
    QCOMPARE(gotA, QList<MessageEvent>({deleted}));
    QVERIFY(!store.appendMessages({message(u"a"_s, 3)}));
    QVERIFY(store.appendMessages({message(u"a"_s, 4), message(u"b"_s, 3)}));
    QCOMPARE(store.loadRooms(10).first().recent.last(), message(u"a"_s, 4));
}

void tst_SqliteStore::tokensExpire()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    qint64 id = -1;
    QVERIFY(store.createAccount(u"mina"_s, u"h"_s, sori::protocol::Role::Member, 1, &id));
    QVERIFY(store.addToken(id, "hash-of-a-token", 1000, 2000));
    Account account;
    QVERIFY(store.findToken("hash-of-a-token", 1999, &account));
    QCOMPARE(account.name, u"mina"_s);
    QVERIFY(!store.findToken("hash-of-a-token", 2000, &account)); // expired at 2000
    QVERIFY(!store.findToken("another-hash", 1500, &account));
    QVERIFY(store.removeTokensOf(id));
    QVERIFY(!store.findToken("hash-of-a-token", 1500, &account));
}

// Account settings (schema 14): each token is a device with a public id, its last use, and an
// account keeps at most MaxTokensPerAccount of them, the ones used last.
void tst_SqliteStore::tokensAreDevicesAndCapped()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    qint64 id = -1, other = -1;
    QVERIFY(store.createAccount(u"mina"_s, u"h"_s, sori::protocol::Role::Member, 1, &id));
    QVERIFY(store.createAccount(u"jun"_s, u"h"_s, sori::protocol::Role::Member, 1, &other));
    QVERIFY(store.addToken(other, "jun's", 1000, 1'000'000));
    // One expired token, then more than the cap.
    QVERIFY(store.addToken(id, "expired", 1000, 1500));
    const int count = sori::server::MaxTokensPerAccount + 5;
    for (int i = 0; i < count; ++i) {
        const QByteArray hash = "token-" + QByteArray::number(i);
        QVERIFY(store.addToken(id, hash, 2000 + 2 * i, 1'000'000));
        QVERIFY(store.touchToken(hash, u"web"_s, u"192.0.2.%1"_s.arg(i), 2001 + 2 * i));
    }
    const QList<sori::server::DeviceRecord> devices = store.devicesOf(id, 5000);
    QCOMPARE(devices.size(), sori::server::MaxTokensPerAccount);
    // Newest use first; the oldest five and the expired one are gone.
    QCOMPARE(devices.first().tokenHash, QByteArray("token-" + QByteArray::number(count - 1)));
    QCOMPARE(devices.last().tokenHash, QByteArray("token-5"));
    QCOMPARE(devices.first().client, sori::protocol::ClientKind::Web);
    QCOMPARE(devices.first().lastSeen, 2001 + 2 * (count - 1));
    QCOMPARE(devices.first().address, u"192.0.2.%1"_s.arg(count - 1));
    QSet<QString> ids;
    for (const auto &device : devices)
        ids.insert(device.device);
    QCOMPARE(ids.size(), devices.size()); // every device its own id
    Account account;
    QVERIFY(!store.findToken("token-0", 5000, &account));
    QVERIFY(store.findToken("token-5", 5000, &account));
    // Another account's device cannot be removed through this one; its own can.
    const QString juns = store.devicesOf(other, 5000).first().device;
    QByteArray hash;
    QVERIFY(!store.removeDevice(id, juns, &hash));
    QVERIFY(store.removeDevice(id, devices.first().device, &hash));
    QCOMPARE(hash, devices.first().tokenHash);
    QVERIFY(!store.findToken(hash, 5000, &account));
    // Everything but one.
    QVERIFY(store.removeTokensOfExcept(id, "token-5"));
    QCOMPARE(store.devicesOf(id, 5000).size(), 1);
    QVERIFY(store.findToken("jun's", 5000, &account));
    // Notification levels: "all" is no row.
    QVERIFY(store.setNotifyLevel(id, u"dev"_s, sori::protocol::NotifyLevel::Mentions));
    QVERIFY(store.setNotifyLevel(id, u"lobby"_s, sori::protocol::NotifyLevel::None));
    QVERIFY(store.setNotifyLevel(id, u"lobby"_s, sori::protocol::NotifyLevel::All));
    QCOMPARE(
        store.notifyLevels(id),
        (QList<sori::protocol::NotifySetting>{{u"dev"_s, sori::protocol::NotifyLevel::Mentions}}));
    QVERIFY(store.notifyLevels(other).isEmpty());
}

void tst_SqliteStore::refusesAFileThatIsNotADatabase()
{
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    SqliteStore store(path());
    QVERIFY(!store.open());
    QVERIFY(!store.errorString().isEmpty());
}

void tst_SqliteStore::textComesBackByteForByte_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("quotes") << u"it's \"quoted\" `back` ''"_s;
    QTest::addRow("SQL") << u"'); DROP TABLE messages; -- %_ \\"_s;
    QTest::addRow("emoji") << u"😀👍🏽🇰🇷 family: 👨‍👩‍👧"_s;
    QTest::addRow("Korean") << u"안녕하세요, 소리입니다. 한국어 텍스트"_s;
    QTest::addRow("markup and newlines") << u"<img src=x onerror=alert(1)>\r\n\ttab"_s;
}

void tst_SqliteStore::textComesBackByteForByte()
{
    QFETCH(QString, text);
    SqliteStore store(path());
    QVERIFY(store.open());
    const QString room = u"방-1"_s;
    QVERIFY(store.createRoom(room, 1));
    MessageEvent sent = message(room, 1, text);
    sent.from = u"민아"_s;
    QVERIFY(store.appendMessages({sent}));
    QList<MessageEvent> got;
    QVERIFY(store.history(room, 0, 10, &got));
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first(), sent);
    QCOMPARE(got.first().text.toUtf8(), text.toUtf8());
}

void tst_SqliteStore::pagesBackWithoutGapOrDuplicate()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    QVERIFY(store.createRoom(u"b"_s, 1));
    QList<MessageEvent> batch;
    for (int seq = 1; seq <= 250; ++seq) {
        batch.append(message(u"a"_s, seq));
        if (seq <= 3)
            batch.append(message(u"b"_s, seq));
    }
    QVERIFY(store.appendMessages(batch));

    QList<qint64> seen;
    qint64 before = 0;
    for (;;) {
        QList<MessageEvent> page;
        QVERIFY(store.history(u"a"_s, before, 100, &page));
        if (page.isEmpty())
            break;
        QVERIFY(page.size() <= 100);
        for (qsizetype i = page.size() - 1; i >= 0; --i)
            seen.prepend(page[i].seq);
        before = page.first().seq;
    }
    QCOMPARE(seen.size(), 250);
    for (int i = 0; i < 250; ++i)
        QCOMPARE(seen[i], qint64(i + 1));
}

void tst_SqliteStore::survivesReopening()
{
    {
        SqliteStore store(path());
        QVERIFY(store.open());
        QVERIFY(store.createRoom(u"lobby"_s, 1));
        QList<MessageEvent> batch;
        for (int seq = 1; seq <= 20; ++seq)
            batch.append(message(u"lobby"_s, seq));
        QVERIFY(store.appendMessages(batch));
    }
    SqliteStore store(path());
    QVERIFY(store.open());
    const auto rooms = store.loadRooms(5);
    QCOMPARE(rooms.size(), 1);
    QCOMPARE(rooms.first().lastSeq, 20);
    QCOMPARE(rooms.first().recent.size(), 5);
    QCOMPARE(rooms.first().recent.first().seq, 16);
    QCOMPARE(rooms.first().recent.last(), message(u"lobby"_s, 20));
}

void tst_SqliteStore::aFailedBatchWritesNothing()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"lobby"_s, 1));
    // The second message repeats a sequence number: the whole batch is refused.
    QVERIFY(!store.appendMessages({message(u"lobby"_s, 1), message(u"lobby"_s, 1)}));
    QVERIFY(!store.errorString().isEmpty());
    // A message for a room that does not exist is refused too.
    QVERIFY(!store.appendMessages({message(u"lobby"_s, 2), message(u"nowhere"_s, 1)}));
    QList<MessageEvent> got;
    QVERIFY(store.history(u"lobby"_s, 0, 10, &got));
    QVERIFY(got.isEmpty());
    QCOMPARE(store.loadRooms(0).first().lastSeq, 0);
}

void tst_SqliteStore::trimsOneRoomUpToANumber()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    QVERIFY(store.createRoom(u"b"_s, 1));
    QList<MessageEvent> batch;
    for (int seq = 1; seq <= 10; ++seq)
        batch += {message(u"a"_s, seq), message(u"b"_s, seq)};
    QVERIFY(store.appendMessages(batch));
    QVERIFY(store.trimMessages(u"a"_s, 7));
    QList<MessageEvent> a;
    QVERIFY(store.history(u"a"_s, 0, 100, &a));
    QCOMPARE(a, QList<MessageEvent>({message(u"a"_s, 8), message(u"a"_s, 9), message(u"a"_s, 10)}));
    QList<MessageEvent> b;
    QVERIFY(store.history(u"b"_s, 0, 100, &b));
    QCOMPARE(b.size(), 10); // the other room keeps all of its messages
    // The numbering goes on where it was: the room's last number is not trimmed.
    QCOMPARE(store.loadRooms(0).first().lastSeq, 10);
}

void tst_SqliteStore::theLogIsCheckpointedIntoTheDatabase()
{
    // Commits append to the write-ahead log; a checkpoint (on a thread of the store's own, not
    // inside a commit) copies it into the database file, so the log does not keep everything.
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    const QFileInfo database(path());
    const QFileInfo log(path() + u"-wal"_s);
    const qint64 databaseBefore = QFileInfo(path()).size();
    const QString text(4000, u'x');
    qint64 seq = 0;
    // A little more than the 1,000 pages of 4 KiB after which a checkpoint is asked for.
    while (QFileInfo(log.filePath()).size() < 5 * 1024 * 1024) {
        QList<MessageEvent> batch;
        for (int i = 0; i < 100; ++i)
            batch.append(message(u"a"_s, ++seq, text));
        QVERIFY2(store.appendMessages(batch), qPrintable(store.errorString()));
        QVERIFY(seq < 10'000); // the log grows
    }
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(database.filePath()).size() > databaseBefore + 4'000'000,
                             10'000);
    QList<MessageEvent> newest;
    QVERIFY(store.history(u"a"_s, 0, 1, &newest));
    QCOMPARE(newest.size(), 1);
    QCOMPARE(newest.first().seq, seq);
}

void tst_SqliteStore::aCommitIsInTheFilesWhenItReturns_data()
{
    QTest::addColumn<int>("sync");
    QTest::addRow("synchronous=full (log writes gathered)") << int(SqliteStore::Sync::Full);
    QTest::addRow("synchronous=normal") << int(SqliteStore::Sync::Normal);
}

void tst_SqliteStore::aCommitIsInTheFilesWhenItReturns()
{
    // What a commit wrote must be in the files, not in a buffer of the process, when
    // appendMessages returns: another connection reads it at once, and a copy of the files taken
    // then (what a crash of the process would leave) holds it. Batches of one message, of one
    // message in each of 40 rooms, and of more text than the log buffer holds.
    QFETCH(int, sync);
    SqliteStore store(path(), SqliteStore::Sync(sync));
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    const int rooms = 40;
    for (int r = 0; r < rooms; ++r)
        QVERIFY(store.createRoom(u"r%1"_s.arg(r), 1));
    QSqlDatabase reader = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reader"_s);
    reader.setDatabaseName(path());
    QVERIFY(reader.open());
    const auto countIn = [](const QSqlDatabase &db) {
        QSqlQuery query(db);
        return query.exec(u"SELECT count(*), coalesce(sum(length(text)), 0) FROM messages"_s)
                && query.next()
            ? std::pair(query.value(0).toLongLong(), query.value(1).toLongLong())
            : std::pair(qint64(-1), qint64(-1));
    };
    QList<qint64> seqs(rooms, 0);
    qint64 count = 0;
    qint64 characters = 0;
    const auto add = [&](QList<MessageEvent> &batch, int room, int length) {
        MessageEvent m =
            message(u"r%1"_s.arg(room), ++seqs[room], QString(length, QChar(u'a' + room % 26)));
        ++count;
        characters += length;
        batch.append(m);
    };
    for (int round = 0; round < 6; ++round) {
        QList<MessageEvent> batch;
        switch (round % 3) {
        case 0:
            add(batch, 0, 10);
            break;
        case 1:
            for (int r = 0; r < rooms; ++r)
                add(batch, r, 100);
            break;
        default:
            for (int i = 0; i < 100; ++i) // about 400 KiB: several times the log buffer
                add(batch, i % 3, 4000);
        }
        QVERIFY2(store.appendMessages(batch), qPrintable(store.errorString()));
        QCOMPARE(countIn(reader), std::pair(count, characters));

        const QString copy = m_dir->filePath(u"copy-%1"_s.arg(round));
        QVERIFY(QDir().mkpath(copy));
        QVERIFY(QFile::copy(path(), copy + u"/sori.db"_s));
        QVERIFY(QFile::copy(path() + u"-wal"_s, copy + u"/sori.db-wal"_s));
        {
            QSqlDatabase copied = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"copy"_s);
            copied.setDatabaseName(copy + u"/sori.db"_s);
            QVERIFY(copied.open());
            QCOMPARE(countIn(copied), std::pair(count, characters));
        }
        QSqlDatabase::removeDatabase(u"copy"_s);
    }
    reader.close();
    reader = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"reader"_s);
}

void tst_SqliteStore::gathersACommitsLogWrites()
{
    // SQLite writes each log frame in two calls; with synchronous=full the store's connection
    // hands them to the file in one call per commit (up to the unix VFS's 128 KiB per call). A
    // commit of 40 messages of 1,000 characters writes 18 pages or so: 36-odd calls without it.
    SqliteStore store(path());
    QVERIFY(store.open());
    const int rooms = 40;
    for (int r = 0; r < rooms; ++r)
        QVERIFY(store.createRoom(u"r%1"_s.arg(r), 1));
    QList<MessageEvent> batch;
    for (int r = 0; r < rooms; ++r)
        batch.append(message(u"r%1"_s.arg(r), 1, QString(1000, u'y')));
    const quint64 before = WalBufferVfs::writeCalls();
    QVERIFY(store.appendMessages(batch));
    const quint64 calls = WalBufferVfs::writeCalls() - before;
    QVERIFY2(calls >= 1 && calls <= 3, qPrintable(u"%1 write calls"_s.arg(calls)));
}

void tst_SqliteStore::opensAPathThatNeedsEscaping()
{
    // The gathered-writes connection opens its file by URI: characters that mean something in a
    // URI are escaped, and the file is the one at the path.
    const QString dir = m_dir->filePath(u"a dir?x=1#y%20 방"_s);
    QVERIFY(QDir().mkpath(dir));
    const QString file = dir + u"/sori.db"_s;
    {
        SqliteStore store(file);
        QVERIFY2(store.open(), qPrintable(store.errorString()));
        QVERIFY(store.createRoom(u"lobby"_s, 1));
        QVERIFY(store.appendMessages({message(u"lobby"_s, 1)}));
    }
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList());
    SqliteStore again(file);
    QVERIFY(again.open());
    QList<MessageEvent> got;
    QVERIFY(again.history(u"lobby"_s, 0, 10, &got));
    QCOMPARE(got, QList<MessageEvent>({message(u"lobby"_s, 1)}));
}

void tst_SqliteStore::aRolledBackBatchLeavesAnotherConnectionsCommitsAlone()
{
    // Two connections write to one file (the server's storage and auth threads). A batch too big
    // for SQLite's page cache spills frames into the log before its commit; when it then fails,
    // those frames were never committed, and the other connection's next commit takes their
    // place in the log. Nothing of the failed batch may land on top of it afterwards.
    SqliteStore first(path());
    QVERIFY(first.open());
    QVERIFY(first.createRoom(u"a"_s, 1));
    QVERIFY(first.createRoom(u"b"_s, 1));
    SqliteStore second(path());
    QVERIFY(second.open());

    QList<MessageEvent> failing;
    for (int seq = 1; seq <= 1500; ++seq) // about 6 MiB: more than the 2 MiB page cache
        failing.append(message(u"a"_s, seq, QString(4000, u'x')));
    failing.append(message(u"a"_s, 1)); // a repeated number: the whole batch is refused
    QVERIFY(!first.appendMessages(failing));

    // As big, so that it covers every place in the log where the failed batch wrote.
    QList<MessageEvent> kept;
    for (int seq = 1; seq <= 1500; ++seq)
        kept.append(message(u"b"_s, seq, QString(4000, u'k')));
    QVERIFY2(second.appendMessages(kept), qPrintable(second.errorString()));
    // The first connection goes on: a read, a commit of its own, and closing.
    QList<MessageEvent> got;
    QVERIFY(first.history(u"b"_s, 0, 2000, &got));
    QCOMPARE(got, kept);
    QVERIFY(first.appendMessages({message(u"a"_s, 1)}));
    first.~SqliteStore();
    new (&first) SqliteStore(path());

    QList<MessageEvent> a;
    QVERIFY(second.history(u"a"_s, 0, 10, &a));
    QCOMPARE(a, QList<MessageEvent>({message(u"a"_s, 1)}));
    got.clear();
    QVERIFY(second.history(u"b"_s, 0, 2000, &got));
    QCOMPARE(got, kept);
    QSqlDatabase check = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
    check.setDatabaseName(path());
    QVERIFY(check.open());
    {
        QSqlQuery query(check);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_s);
    }
    check.close();
    check = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"check"_s);
}

void tst_SqliteStore::aWriteThatFailsFailsTheCommitAndKeepsTheRest_data()
{
    // Bigger than the gathered log writes' buffer (the write that fails is one that makes room),
    // and smaller (it is the one before the sync).
    QTest::addColumn<int>("messages");
    QTest::addRow("about 800 KiB") << 200;
    QTest::addRow("about 20 KiB") << 5;
}

void tst_SqliteStore::aWriteThatFailsFailsTheCommitAndKeepsTheRest()
{
    QFETCH(int, messages);
    // A full disk, simulated with the file size limit (RLIMIT_FSIZE: writes past it fail with
    // EFBIG). The commit that cannot be written fails with an error, what was committed before
    // stays, and once there is room again the next commit succeeds (the gathered log writes
    // must not leave anything of the failed one behind).
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    QList<MessageEvent> before;
    for (int seq = 1; seq <= 10; ++seq)
        before.append(message(u"a"_s, seq));
    QVERIFY(store.appendMessages(before));

    rlimit original{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &original) == 0);
    const auto previousHandler = ::signal(SIGXFSZ, SIG_IGN);
    const qint64 biggest = qMax(QFileInfo(path()).size(), QFileInfo(path() + u"-wal"_s).size());
    rlimit limited = original;
    limited.rlim_cur = rlim_t(biggest);
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    QList<MessageEvent> tooMuch;
    for (int seq = 11; seq < 11 + messages; ++seq)
        tooMuch.append(message(u"a"_s, seq, QString(4000, u'x')));
    const bool written = store.appendMessages(tooMuch);
    const QString error = store.errorString();
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &original) == 0);
    ::signal(SIGXFSZ, previousHandler);
    QVERIFY(!written);
    QVERIFY(!error.isEmpty());

    QList<MessageEvent> got;
    QVERIFY(store.history(u"a"_s, 0, 1000, &got));
    QCOMPARE(got, before);
    QVERIFY2(store.appendMessages({message(u"a"_s, 11)}), qPrintable(store.errorString()));
    store.~SqliteStore();
    new (&store) SqliteStore(path());
    QVERIFY(store.open());
    got.clear();
    QVERIFY(store.history(u"a"_s, 0, 1000, &got));
    QCOMPARE(got, before + QList<MessageEvent>({message(u"a"_s, 11)}));
    QCOMPARE(store.loadRooms(0).first().lastSeq, 11);
}

void tst_SqliteStore::keepsReadMarksAndCountsUnread()
{
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    QVERIFY(store.createRoom(u"b"_s, 1));
    // 1..10 in a: odd ones from mina, even ones from ana.
    QList<MessageEvent> batch;
    for (int seq = 1; seq <= 10; ++seq) {
        MessageEvent m = message(u"a"_s, seq);
        if (seq % 2 == 0)
            m.from = u"ana"_s;
        batch.append(m);
    }
    QVERIFY(store.appendMessages(batch));
    QVERIFY(store.markDeleted(u"a"_s, 7));
    {
        // Mentions of ana in 3, 5 and 7 (deleted), and 9 made a change row (not a message).
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"marks"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"INSERT INTO mentions (room_id, seq, name_key) VALUES"
                           " (1, 3, 'ana'), (1, 5, 'ana'), (1, 7, 'ana'), (1, 5, 'jun')"_s));
        QVERIFY(query.exec(u"UPDATE messages SET kind = 1 WHERE seq = 9"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"marks"_s);

    qint64 id = -1;
    QVERIFY(store.createAccount(u"ana"_s, u"-"_s, sori::protocol::Role::Member, 1, &id));
    QCOMPARE(id, 1);
    QVERIFY(store.createAccount(u"jun"_s, u"-"_s, sori::protocol::Role::Member, 1, &id));
    QCOMPARE(id, 2);
    // Following makes a row once; the first mark stays.
    QVERIFY(store.follow(1, u"a"_s, 2));
    QVERIFY(store.follow(1, u"a"_s, 8));
    // Marks are raised (never lowered), and never make a row: account 2 follows nothing.
    QVERIFY(store.saveReadMarks({{1, u"a"_s, 1}, {2, u"a"_s, 9}, {1, u"gone"_s, 3}}));
    QCOMPARE(store.loadRooms(0).first().readMarks, (QHash<qint64, qint64>{{1, 2}}));
    QVERIFY(store.saveReadMarks({{1, u"a"_s, 4}}));
    QCOMPARE(store.loadRooms(0).first().readMarks, (QHash<qint64, qint64>{{1, 4}}));

    // After 4, up to 10: from mina (not ana herself), not deleted, not changes: 5. Of those,
    // the ones that mention ana: 5.
    QList<UnreadRange> ranges{{u"a"_s, 4, 10}, {u"b"_s, 0, 0}, {u"gone"_s, 0, 5}};
    QVERIFY(store.unreadCounts(u"ana"_s, u"ana"_s, 1000, &ranges));
    QCOMPARE(ranges[0].unread, 1);
    QCOMPARE(ranges[0].mentions, 1);
    QCOMPARE(ranges[1].unread, 0);
    QCOMPARE(ranges[2].unread, 0);
    // From the start, for jun: 1, 3, 5 from mina, 2, 4, 6, 8, 10 from ana; 7 deleted, 9 a change.
    ranges = {{u"a"_s, 0, 10}};
    QVERIFY(store.unreadCounts(u"jun"_s, u"jun"_s, 1000, &ranges));
    QCOMPARE(ranges[0].unread, 8);
    QCOMPARE(ranges[0].mentions, 1);
    // Counting stops at the cap; up to `last` only.
    QVERIFY(store.unreadCounts(u"jun"_s, u"jun"_s, 3, &ranges));
    QCOMPARE(ranges[0].unread, 3);
    ranges = {{u"a"_s, 0, 4}};
    QVERIFY(store.unreadCounts(u"ana"_s, u"ana"_s, 1000, &ranges));
    QCOMPARE(ranges[0].unread, 2);
    QCOMPARE(ranges[0].mentions, 1);

    // Leaving forgets the row; so does deleting the room.
    QVERIFY(store.follow(2, u"a"_s, 10));
    QVERIFY(store.unfollow(1, u"a"_s));
    QCOMPARE(store.loadRooms(0).first().readMarks, (QHash<qint64, qint64>{{2, 10}}));
    QVERIFY(store.deleteRoom(u"a"_s));
    QVERIFY(store.createRoom(u"a"_s, 2));
    QVERIFY(store.loadRooms(0).constLast().readMarks.isEmpty());
}

void tst_SqliteStore::theRetentionSweepLeavesClaimedAndAttachedFiles()
{
    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QVERIFY(store.createRoom(u"lobby"_s, 1));
    // Three old files of two contents, and a new one: loose (gone), claimed by a message on
    // its way to storage (kept), the same bytes as the claimed one (its row goes, the content
    // stays), and new (too young).
    const auto file = [](const QString &id, const QByteArray &sha, qint64 created) {
        StoredFile f;
        f.id = id;
        f.sha256 = sha;
        f.name = id + u".txt"_s;
        f.type = u"text/plain"_s;
        f.size = 1;
        f.uploader = 1;
        f.room = u"lobby"_s;
        f.createdAt = created;
        return f;
    };
    const QByteArray a(64, 'a');
    const QByteArray b(64, 'b');
    const QByteArray c(64, 'c');
    QVERIFY(store.insertFile(file(u"loose"_s, a, 10)));
    QVERIFY(store.insertFile(file(u"claimed"_s, b, 10)));
    QVERIFY(store.insertFile(file(u"twin"_s, b, 10)));
    QVERIFY(store.insertFile(file(u"young"_s, c, 1000)));
    QList<QByteArray> unreferenced;
    QVERIFY2(store.sweepFiles(500, {u"claimed"_s}, &unreferenced), qPrintable(store.errorString()));
    QCOMPARE(unreferenced, QList<QByteArray>{a});
    StoredFile found;
    QVERIFY(store.findFile(u"claimed"_s, &found));
    QCOMPARE(found.id, u"claimed"_s);
    QVERIFY(store.findFile(u"young"_s, &found));
    QCOMPARE(found.id, u"young"_s);
    for (const QString &gone : {u"loose"_s, u"twin"_s}) {
        found = {};
        QVERIFY(store.findFile(gone, &found));
        QVERIFY2(found.id.isEmpty(), qPrintable(gone));
    }
    // Once no longer claimed (and still attached to nothing), it goes too, with its content.
    QVERIFY(store.sweepFiles(500, {}, &unreferenced));
    QCOMPARE(unreferenced, QList<QByteArray>{b});
}

QTEST_GUILESS_MAIN(tst_SqliteStore)
#include "tst_sqlitestore.moc"

void tst_SqliteStore::aCommitToManyRoomsWritesFewPages()
{
    // What a commit costs the disk is the pages it writes to the log, 4 KiB each, however little
    // changed on them. The same busy commit (5 messages in each of 100 rooms, after 60 each) in
    // the layout of version 5, where a room's rows had leaf pages of their own, and in this one.
    const auto logPagesOfABusyCommit = [this](SqliteStore &store) -> qint64 {
        const int rooms = 100;
        for (int r = 0; r < rooms; ++r) {
            if (!store.createRoom(u"r%1"_s.arg(r), 1))
                return -1;
        }
        qint64 seq = 0;
        const auto commit = [&](int perRoom) {
            QList<MessageEvent> batch;
            for (int i = 0; i < perRoom; ++i) {
                ++seq;
                for (int r = 0; r < rooms; ++r)
                    batch.append(message(u"r%1"_s.arg(r), seq, QString(64, u'x')));
            }
            return store.appendMessages(batch);
        };
        for (int i = 0; i < 12; ++i) {
            if (!commit(5))
                return -1;
        }
        qint64 pages = -1;
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"log"_s);
            db.setDatabaseName(path());
            QSqlQuery query(db);
            // Empty the log, write one commit, and count what it added.
            if (db.open() && query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s) && query.next()
                && query.value(0).toInt() == 0 && QFileInfo(path() + u"-wal"_s).size() == 0
                && commit(5)) {
                pages = (QFileInfo(path() + u"-wal"_s).size() - 32) / (4096 + 24);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(u"log"_s);
        return pages;
    };
    qint64 before = -1;
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(5), qPrintable(old.errorString()));
        before = logPagesOfABusyCommit(old);
    }
    QVERIFY(QFile::remove(path()));
    QFile::remove(path() + u"-wal"_s);
    QFile::remove(path() + u"-shm"_s);
    SqliteStore store(path());
    QVERIFY(store.open());
    const qint64 now = logPagesOfABusyCommit(store);
    qInfo("log pages of one commit to 100 rooms: %lld in the version 5 layout, %lld now", before,
          now);
    QVERIFY2(before >= 100, qPrintable(u"%1 pages"_s.arg(before))); // one per room at least
    QVERIFY2(now > 0 && now * 2 <= before, qPrintable(u"%1 against %2"_s.arg(now).arg(before)));
}

void tst_SqliteStore::loadsTheIdsOfTheNewestMessages()
{
    // After a restart the hub recognizes a resend by these: the newest LatestIdsLoaded messages
    // that carry a msgId, over all rooms, each room's oldest first.
    SqliteStore store(path());
    QVERIFY(store.open());
    QVERIFY(store.createRoom(u"a"_s, 1));
    QVERIFY(store.createRoom(u"b"_s, 1));
    QList<MessageEvent> batch;
    qint64 seqA = 0;
    qint64 seqB = 0;
    const int total = LatestIdsLoaded + 3;
    for (int i = 0; i < total; ++i) {
        const bool inA = i % 3 != 0;
        MessageEvent message{inA ? u"a"_s : u"b"_s, inA ? ++seqA : ++seqB, u"mina"_s, u"hi"_s, 1,
                             u"id-%1"_s.arg(i)};
        if (i == total - 2)
            message.msgId.clear(); // the server's own notices have none
        batch.append(message);
    }
    QVERIFY(store.appendMessages(batch));

    const auto rooms = store.loadRooms(0);
    QCOMPARE(rooms.size(), 2);
    QCOMPARE(rooms[0].latestIds.size() + rooms[1].latestIds.size(), LatestIdsLoaded);
    // The notice takes no place in the window: only the first two are before it.
    QCOMPARE(rooms[0].latestIds.first().msgId, u"id-2"_s);
    QCOMPARE(rooms[0].latestIds.first().seq, 2);
    QCOMPARE(rooms[1].latestIds.first().msgId, u"id-3"_s);
    QCOMPARE(rooms[1].latestIds.first().seq, 2);
    for (const StoredRoom &room : rooms) {
        for (qsizetype i = 1; i < room.latestIds.size(); ++i)
            QVERIFY(room.latestIds[i - 1].seq < room.latestIds[i].seq);
        for (const MessageEvent &id : room.latestIds) {
            QVERIFY(!id.msgId.isEmpty());
            QCOMPARE(id.room, room.name);
            QCOMPARE(id.from, u"mina"_s);
        }
    }
    // The newest: the last message overall (in b), and in a the one before the notice.
    QCOMPARE(rooms[1].latestIds.last().msgId, u"id-%1"_s.arg(total - 1));
    QCOMPARE(rooms[1].latestIds.last().seq, seqB);
    QCOMPARE(rooms[0].latestIds.last().msgId, u"id-%1"_s.arg(total - 3));
    QCOMPARE(rooms[0].latestIds.last().seq, seqA - 1);
}

namespace {
QList<qint64> seqsOf(const QList<MessageEvent> &messages)
{
    QList<qint64> seqs;
    for (const MessageEvent &m : messages)
        seqs.append(m.seq);
    return seqs;
}
} // namespace

void tst_SqliteStore::upgradeFromSchema8KeepsEveryMessage()
{
    // Today's database before issue 22: messages of two rooms.
    QList<MessageEvent> before;
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(8), qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"a"_s, 1) && old.createRoom(u"b"_s, 1));
        for (qint64 seq = 1; seq <= 50; ++seq)
            before.append(message(seq % 2 ? u"a"_s : u"b"_s, (seq + 1) / 2));
        QVERIFY2(old.appendMessages(before), qPrintable(old.errorString()));
    }
    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), SqliteStore::SchemaVersion);
    for (const QString &room : {u"a"_s, u"b"_s}) {
        QList<MessageEvent> read;
        QVERIFY(store.history(room, 0, 100, &read));
        QList<MessageEvent> expected;
        for (const MessageEvent &m : std::as_const(before)) {
            if (m.room == room)
                expected.append(m);
        }
        QCOMPARE(read, expected); // every message, as it was: nothing edited, no reactions
    }
    // And they take changes now.
    QVERIFY2(store.appendMessages(
                 {},
                 {StoredChange{StoredChange::Kind::Edit, u"a"_s, 26, 1, u"mina"_s,
                               sori::protocol::Role::Member, u"edited"_s, 1764100001000}}),
             qPrintable(store.errorString()));
    QList<MessageEvent> read;
    QVERIFY(store.history(u"a"_s, 2, 1, &read));
    QCOMPARE(seqsOf(read), QList<qint64>{1});
    QCOMPARE(read.first().text, u"edited"_s);
    QCOMPARE(read.first().edited, 1764100001000);
}

void tst_SqliteStore::changesAreRowsWithTheirEffect()
{
    SqliteStore store(path());
    QVERIFY2(store.open(), qPrintable(store.errorString()));
    QVERIFY(store.createRoom(u"a"_s, 1));
    MessageEvent hello = message(u"a"_s, 1, u"hello @jun"_s);
    hello.mentions = {u"jun"_s};
    MessageEvent reply = message(u"a"_s, 2, u"hi"_s);
    reply.replyTo = 1;
    QVERIFY(store.appendMessages({hello, reply}));
    using Kind = StoredChange::Kind;
    const auto change = [](Kind kind, qint64 at, qint64 target, const QString &by,
                           const QString &text) {
        return StoredChange{
            kind, u"a"_s, at, target, by, sori::protocol::Role::Member, text, 1764100002000 + at};
    };
    QVERIFY2(store.appendMessages({},
                                  {change(Kind::ReactOn, 3, 1, u"jun"_s, u"👍"_s),
                                   change(Kind::ReactOn, 4, 1, u"mina"_s, u"👍"_s),
                                   change(Kind::ReactOn, 5, 1, u"jun"_s, u"🎉"_s),
                                   change(Kind::ReactOff, 6, 1, u"jun"_s, u"🎉"_s),
                                   change(Kind::Edit, 7, 1, u"mina"_s, u"hello @boss"_s),
                                   change(Kind::Delete, 8, 2, u"mina"_s, {})}),
             qPrintable(store.errorString()));
    // A page back: the messages in their current state, never the change rows.
    QList<MessageEvent> page;
    bool more = true;
    QVERIFY(store.page(u"a"_s, 0, 0, 50, 1 << 20, false, &page, &more));
    QCOMPARE(seqsOf(page), (QList<qint64>{1, 2}));
    QCOMPARE(page.at(0).text, u"hello @boss"_s);
    QCOMPARE(page.at(0).mentions, QStringList{u"boss"_s});
    QCOMPARE(page.at(0).reactions,
             (QList<sori::protocol::Reaction>{{u"👍"_s, {u"jun"_s, u"mina"_s}}}));
    QVERIFY(page.at(1).deleted);
    QVERIFY(page.at(1).text.isEmpty());
    // A catch-up page: messages and changes, each once, within the limit.
    QList<sori::protocol::MessageChange> changes;
    QVERIFY(store.page(u"a"_s, 1, 0, 4, 1 << 20, true, &page, &more, &changes));
    QCOMPARE(seqsOf(page), QList<qint64>{2});
    QCOMPARE(changes.size(), 3);
    QVERIFY(more);
    QCOMPARE(std::get<sori::protocol::ReactionEvent>(changes.at(0)).at, 3);
    QVERIFY(store.page(u"a"_s, 5, 0, 50, 1 << 20, true, &page, &more, &changes));
    QVERIFY(page.isEmpty());
    QVERIFY(!more);
    QCOMPARE(changes.size(), 3);
    QCOMPARE(std::get<sori::protocol::ReactionEvent>(changes.at(0)).on, false);
    QCOMPARE(std::get<sori::protocol::EditedEvent>(changes.at(1)).text, u"hello @boss"_s);
    QCOMPARE(std::get<sori::protocol::DeletedEvent>(changes.at(2)).seq, 2);
    // The mention rows follow the text.
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT group_concat(name_key) FROM mentions"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"boss"_s);
    }
    QSqlDatabase::removeDatabase(u"peek"_s);
}
