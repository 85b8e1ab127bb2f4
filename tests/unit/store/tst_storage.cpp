// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/store/storage.h"

#include "core/store/sqlitestore.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QMutex>
#include <QtCore/QSemaphore>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori::server;
using sori::protocol::MessageEvent;

namespace {
// A store that records what the storage thread asks of it, in order.
class RecordingStore : public Store
{
public:
    bool open() override { return true; }
    QList<StoredRoom> loadRooms(int) override { return {}; }
    bool createRoom(const QString &name, qint64, sori::protocol::RoomKind, const QString &) override
    {
        log(u"room "_s + name);
        return true;
    }
    bool addRoomMember(const QString &, qint64) override { return true; }
    bool setRoomCreator(const QString &, const QString &, bool) override { return true; }
    bool setRoomArchived(const QString &, bool) override { return true; }
    bool deleteRoom(const QString &) override { return true; }
    using Store::appendMessages;
    bool appendMessages(const QList<MessageEvent> &messages,
                        const QList<StoredChange> &changes) override
    {
        QStringList seqs;
        for (const MessageEvent &m : messages)
            seqs.append(QString::number(m.seq));
        for (const StoredChange &c : changes)
            seqs.append(u"change "_s + QString::number(c.at));
        log(u"commit "_s + seqs.join(u','));
        if (!failing)
            backlog += int(messages.size());
        return !failing;
    }
    // Rows waiting for the search index: logged only when `indexing` (the tests of indexing).
    bool indexForSearch(int maxRows, bool *more) override
    {
        *more = false;
        if (!indexing)
            return true;
        if (duringIndex)
            std::exchange(duringIndex, {})();
        const int rows = qMin(maxRows, backlog);
        backlog -= rows;
        *more = backlog > 0;
        log(u"index %1"_s.arg(rows));
        return true;
    }
    bool trimMessages(const QString &room, qint64 throughSeq) override
    {
        log(u"trim %1 through %2"_s.arg(room).arg(throughSeq));
        return true;
    }
    bool history(const QString &, qint64, int, QList<MessageEvent> *) override { return true; }
    bool createAccount(const QString &, const QString &, sori::protocol::Role, qint64,
                       qint64 *) override
    {
        return false;
    }
    bool findAccount(const QString &, Account *) override { return false; }
    bool findAccountBySkeleton(const QString &, Account *) override { return false; }
    bool setPasswordHash(qint64, const QString &) override { return false; }
    bool addToken(qint64, const QByteArray &, qint64, qint64) override { return false; }
    bool findToken(const QByteArray &, qint64, Account *) override { return false; }
    bool removeToken(const QByteArray &) override { return false; }
    bool removeTokensOf(qint64) override { return false; }
    bool addSanction(const Sanction &, const QString &, qint64) override { return false; }
    QList<Sanction> activeSanctions(qint64) override { return {}; }
    bool markDeleted(const QString &, qint64) override { return false; }
    bool addAudit(qint64, const QString &, const QString &, const QString &, const QString &,
                  const QString &) override
    {
        return false;
    }
    QList<Account> accounts(qint64) override { return {}; }
    bool setLastSeen(qint64, qint64) override { return false; }
    QString errorString() const override { return u"disk full"_s; }

    void log(const QString &line)
    {
        QMutexLocker lock(&mutex);
        lines.append(line);
    }
    QStringList logged()
    {
        QMutexLocker lock(&mutex);
        return lines;
    }

    QMutex mutex;
    QStringList lines;
    bool failing = false;
    bool indexing = false;
    int backlog = 0; // storage thread only, once started
    std::function<void()> duringIndex; // run (once) in the next batch
};

// The real store, with what the storage thread asks of it logged in order, and something to do
// in the first index batch.
class LoggingSqliteStore : public SqliteStore
{
public:
    using SqliteStore::appendMessages;
    using SqliteStore::SqliteStore;
    bool appendMessages(const QList<MessageEvent> &messages,
                        const QList<StoredChange> &changes) override
    {
        QStringList seqs;
        for (const MessageEvent &m : messages)
            seqs.append(QString::number(m.seq));
        log(u"commit "_s + seqs.join(u','));
        return SqliteStore::appendMessages(messages, changes);
    }
    bool indexForSearch(int maxRows, bool *more) override
    {
        if (duringFirstBatch)
            std::exchange(duringFirstBatch, {})();
        const bool ok = SqliteStore::indexForSearch(maxRows, more);
        log(!ok ? u"index failed"_s : *more ? u"index"_s : u"index done"_s);
        return ok;
    }
    void log(const QString &line)
    {
        QMutexLocker lock(&mutex);
        lines.append(line);
    }
    QStringList logged()
    {
        QMutexLocker lock(&mutex);
        return lines;
    }

    QMutex mutex;
    QStringList lines;
    std::function<void()> duringFirstBatch;
};

PendingMessage pending(qint64 seq)
{
    return PendingMessage{MessageEvent{u"lobby"_s, seq, u"mina"_s, u"hi"_s, 1, {}}, 1, {}};
}
} // namespace

class tst_Storage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsMessagesUpToTheBatchSize();
    void writesAtOnceAfterAQuietSpellOnly();
    void keepsOrderAroundOtherRequests();
    void reportsAFailedCommit();
    void trimsBeyondTheRetention();
    void runsAtItsNiceValue();
    void indexesWhenNothingWaitsToBeWritten();
    void aBacklogIsIndexedInBatchesWhileMessagesGoFirst();

private:
    static void start(Storage &storage)
    {
        QList<StoredRoom> rooms;
        QList<Sanction> sanctions;
        QString error;
        QVERIFY(storage.start(0, &rooms, &sanctions, &error));
    }
    // Keeps the storage thread busy until the returned semaphore is released: what is queued
    // meanwhile is written together when it is. Returns once the thread is held, so that nothing
    // queued afterwards can be taken into the batch the hold is part of.
    static std::shared_ptr<QSemaphore> hold(Storage &storage)
    {
        auto gate = std::make_shared<QSemaphore>();
        auto held = std::make_shared<QSemaphore>();
        storage.perform(u"hold"_s, [gate, held](Store &) {
            held->release();
            gate->acquire();
            return true;
        });
        held->acquire();
        return gate;
    }
};

void tst_Storage::groupsMessagesUpToTheBatchSize()
{
    auto *store = new RecordingStore;
    Storage storage(std::unique_ptr<Store>(store), 3, 0);
    QList<qint64> stored;
    QMutex mutex;
    storage.onStored = [&](const QList<PendingMessage> &batch) {
        QMutexLocker lock(&mutex);
        for (const PendingMessage &p : batch)
            stored.append(p.message.seq);
    };
    start(storage);
    const auto gate = hold(storage); // all ten are queued before the first transaction
    for (int seq = 1; seq <= 10; ++seq)
        storage.append(pending(seq));
    gate->release();
    QTRY_COMPARE(store->logged().size(), 4);
    QCOMPARE(
        store->logged(),
        QStringList({u"commit 1,2,3"_s, u"commit 4,5,6"_s, u"commit 7,8,9"_s, u"commit 10"_s}));
    QMutexLocker lock(&mutex);
    QCOMPARE(stored, QList<qint64>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

void tst_Storage::writesAtOnceAfterAQuietSpellOnly()
{
    // With a commit window, a message that finds the store idle long enough is written at once;
    // one that comes sooner after a write waits for the window, and those arriving meanwhile
    // share its transaction.
    constexpr int Window = 1500;
    auto *store = new RecordingStore;
    Storage storage(std::unique_ptr<Store>(store), 100, Window);
    start(storage);
    QElapsedTimer clock;
    clock.start();
    storage.append(pending(1));
    QTRY_COMPARE_WITH_TIMEOUT(store->logged().size(), 1, Window * 2 / 3); // no wait for it
    storage.append(pending(2));
    storage.append(pending(3));
    QTRY_COMPARE_WITH_TIMEOUT(store->logged().size(), 2, Window * 4);
    // Not before the window of the first write had passed (timers are not early, but count
    // whole milliseconds).
    QCOMPARE_GE(clock.elapsed(), Window - 10);
    QCOMPARE(store->logged(), QStringList({u"commit 1"_s, u"commit 2,3"_s}));

    // Quiet for longer than the window: the next message is written at once again. The quiet
    // spell is the condition under test, so this one wait is time itself, not a stand-in for
    // a signal.
    QTest::qWait(Window + 100);
    storage.append(pending(4));
    QTRY_COMPARE_WITH_TIMEOUT(store->logged().size(), 3, Window * 2 / 3);
    QCOMPARE(store->logged().last(), u"commit 4"_s);
}

void tst_Storage::keepsOrderAroundOtherRequests()
{
    auto *store = new RecordingStore;
    Storage storage(std::unique_ptr<Store>(store), 100, 0);
    start(storage);
    const auto gate = hold(storage);
    storage.append(pending(1));
    storage.append(pending(2));
    storage.createRoom(u"dev"_s, 1);
    storage.append(pending(3));
    gate->release();
    // Messages before a request are written before it, those after it after it.
    QTRY_COMPARE(store->logged().size(), 3);
    QCOMPARE(store->logged(), QStringList({u"commit 1,2"_s, u"room dev"_s, u"commit 3"_s}));
}

void tst_Storage::reportsAFailedCommit()
{
    auto *store = new RecordingStore;
    store->failing = true;
    Storage storage(std::unique_ptr<Store>(store), 100, 0);
    std::atomic<int> failed = 0;
    std::atomic<int> stored = 0;
    storage.onStored = [&](const QList<PendingMessage> &batch) { stored += int(batch.size()); };
    storage.onFailed = [&](const QList<PendingMessage> &batch, const QString &error) {
        if (error == u"disk full")
            failed += int(batch.size());
    };
    start(storage);
    storage.append(pending(1));
    storage.append(pending(2));
    QTRY_COMPARE(failed.load(), 2);
    QCOMPARE(stored.load(), 0);
}

void tst_Storage::trimsBeyondTheRetention()
{
    auto *store = new RecordingStore;
    Storage storage(std::unique_ptr<Store>(store), 100, 0);
    storage.setRetention(3);
    start(storage);
    auto gate = hold(storage);
    storage.append(pending(1));
    storage.append(pending(2));
    gate->release();
    QTRY_COMPARE(store->logged().size(), 1);
    // Two messages of three kept: nothing to delete yet.
    QCOMPARE(store->logged(), QStringList({u"commit 1,2"_s}));
    gate = hold(storage);
    for (int seq = 3; seq <= 7; ++seq)
        storage.append(pending(seq));
    gate->release();
    QTRY_COMPARE(store->logged().size(), 3);
    // The newest three (5, 6, 7) stay.
    QCOMPARE(store->logged(),
             QStringList({u"commit 1,2"_s, u"commit 3,4,5,6,7"_s, u"trim lobby through 4"_s}));
}

void tst_Storage::runsAtItsNiceValue()
{
    // The storage thread (and what runs on it) gets the nice value it was given; the thread that
    // started it keeps its own. A positive value needs no privilege.
    const auto niceOfThisThread = [] {
        errno = 0;
        return ::getpriority(PRIO_PROCESS, id_t(::gettid()));
    };
    const int before = niceOfThisThread();
    for (const int nice : {0, 7}) {
        auto *store = new RecordingStore;
        Storage storage(std::unique_ptr<Store>(store), 100, 0);
        storage.setThreadNice(nice);
        start(storage);
        std::atomic<int> seen = -100;
        storage.perform(u"look"_s, [&](Store &) {
            seen = niceOfThisThread();
            return true;
        });
        QTRY_COMPARE(seen.load(), nice == 0 ? before : nice);
        QCOMPARE(niceOfThisThread(), before);
    }
}

void tst_Storage::indexesWhenNothingWaitsToBeWritten()
{
    auto *store = new RecordingStore;
    store->indexing = true;
    store->backlog = 5; // left unindexed by an earlier run
    Storage storage(std::unique_ptr<Store>(store), 100, 0);
    storage.setIndexBatch(2);
    start(storage);
    // Caught up at start, a batch at a time.
    QTRY_COMPARE(store->logged(), QStringList({u"index 2"_s, u"index 2"_s, u"index 1"_s}));
    // Written, then indexed; a message that comes in during a batch is written right after it,
    // before the next batch.
    auto gate = hold(storage);
    storage.append(pending(1));
    storage.append(pending(2));
    storage.append(pending(3));
    storage.perform(u"arrive during the first batch"_s, [&](Store &) {
        store->duringIndex = [&] { storage.append(pending(4)); };
        return true;
    });
    gate->release();
    QTRY_COMPARE(store->logged().size(), 7);
    QCOMPARE(store->logged().mid(3),
             QStringList({u"commit 1,2,3"_s, u"index 2"_s, u"commit 4"_s, u"index 2"_s}));
}

void tst_Storage::aBacklogIsIndexedInBatchesWhileMessagesGoFirst()
{
    // 20,000 messages written and not indexed (by a run that stopped before it was idle).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"sori.db"_s);
    {
        SqliteStore seed(path);
        QVERIFY2(seed.open(), qPrintable(seed.errorString()));
        QVERIFY(seed.createRoom(u"lobby"_s, 1));
        for (int from = 1; from <= 20'000; from += 1000) {
            QList<MessageEvent> batch;
            for (int seq = from; seq < from + 1000; ++seq)
                batch.append(MessageEvent{
                    u"lobby"_s, seq, u"mina"_s, u"backlog message %1"_s.arg(seq), seq, {}});
            QVERIFY(seed.appendMessages(batch));
        }
    }
    auto *store = new LoggingSqliteStore(path);
    Storage storage(std::unique_ptr<Store>(store), 1000, 0);
    storage.setIndexBatch(256);
    storage.onStored = [store](const QList<PendingMessage> &batch) {
        store->log(u"ack %1"_s.arg(batch.first().message.seq));
    };
    // A message comes in while the first batch of the catch-up is being indexed.
    QSemaphore indexing;
    QSemaphore sent;
    store->duringFirstBatch = [&] {
        indexing.release();
        sent.acquire();
    };
    start(storage);
    QVERIFY(indexing.tryAcquire(1, 10'000));
    storage.append(PendingMessage{
        MessageEvent{u"lobby"_s, 20'001, u"jun"_s, u"a fresh needle"_s, 20'001, {}}, 1, {}});
    sent.release();
    QTRY_VERIFY_WITH_TIMEOUT(store->logged().contains(u"index done"_s), 120'000);
    // It is written and acknowledged after that one batch, not after the 79 the backlog takes
    // (20,001 rows, 256 a batch); the rest follow it.
    QStringList expected{u"index"_s, u"commit 20001"_s, u"ack 20001"_s};
    for (int batch = 2; batch <= 78; ++batch)
        expected.append(u"index"_s);
    expected.append(u"index done"_s);
    QCOMPARE(store->logged(), expected);
    storage.stop();

    // Everything is in the index now, and found once.
    SqliteStore reader(path);
    reader.setQueryOnly(true);
    QVERIFY2(reader.open(), qPrintable(reader.errorString()));
    SearchQuery query;
    query.text = u"needle"_s;
    SearchPage page;
    QVERIFY2(reader.search(query, &page), qPrintable(reader.errorString()));
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().seq, 20'001);
    query.text = u"message 12345"_s;
    QVERIFY(reader.search(query, &page));
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().text, u"backlog message 12345"_s);
}

QTEST_GUILESS_MAIN(tst_Storage)
#include "tst_storage.moc"
