// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/store/store.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QThread>

#include <functional>
#include <memory>

namespace sori::server {

// A message on its way to the disk, with who is waiting for its acknowledgement.
struct PendingMessage
{
    protocol::MessageEvent message;
    quint64 session = 0; // the sender's session
    QString requestId;
    // A resend of a message already numbered (same sender, same msgId): it is acknowledged
    // with the original number once the original is stored, and neither stored nor delivered.
    bool duplicate = false;
    // Encoded on the sender's worker when the message was numbered, so that the storage thread,
    // the one serial step, only hands them out: the `message` event and the sender's `ack`.
    // Opaque here (core/chat/fanout.h: EventEncoder).
    QByteArray event;
    QByteArray ackEvent;
    // A change to a message (an edit, a delete, a reaction) instead of a message: `message`
    // then holds only its room, seq (the change's own), sender and time.
    std::optional<StoredChange> change;
};

// Runs a Store on a thread of its own: the network threads never wait on the database. Requests
// are queued in order and carried out in order; consecutive messages are written in one
// transaction (a group commit), so a busy server does not pay one disk sync per message.
class Storage : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Storage)

public:
    // maxBatch: most messages in one transaction. commitWindowMs: the least time from the start
    // of one write to the start of the next. A request that comes after a quiet spell at least
    // that long is written at once; one that comes sooner waits for the window to end, and
    // everything that arrives meanwhile goes into the same transaction. A busy server so pays
    // for at most one disk sync per window without a wait at light load (bench/notes.md
    // finding 18). 0: write as soon as the thread is free, which groups what arrived meanwhile.
    explicit Storage(std::unique_ptr<Store> store, int maxBatch = 1000, int commitWindowMs = 0);
    ~Storage() override;

    // Keep the newest `messages` of each room, deleting older ones after each write (0: keep
    // everything). Set before start().
    void setRetention(qint64 messages) { m_retainMessages = messages; }
    // The thread's nice value (0: as the thread that starts it). Set before start(). The one
    // writer is the serial step of durable ingest: given a negative value it does not wait for a
    // core behind the workers (bench/notes.md finding 14). A value the system refuses is logged.
    void setThreadNice(int nice) { m_nice = nice; }
    // Most rows the search index takes in one transaction (Store::indexForSearch). The thread
    // indexes what was written only when nothing waits to be written, a batch at a time, and
    // looks at its queue again after each: a commit waits at most for one batch. From start()
    // on it also catches up with what an earlier run left unindexed. Set before start().
    void setIndexBatch(int rows) { m_indexBatch = qMax(1, rows); }

    // Starts the thread, opens the store and reads the rooms (blocking: done once at start-up).
    bool start(int recentPerRoom, QList<StoredRoom> *rooms, QList<Sanction> *sanctions,
               QString *error);
    // Writes out what is queued, then ends the thread.
    void stop();

    // Called on the storage thread after each group commit (or failure), in order.
    std::function<void(const QList<PendingMessage> &)> onStored;
    std::function<void(const QList<PendingMessage> &, const QString &error)> onFailed;

    // Thread-safe; queued in order.
    void createRoom(const QString &name, qint64 createdAt,
                    protocol::RoomKind kind = protocol::RoomKind::Public,
                    const QString &topic = {});
    void addRoomMember(const QString &room, qint64 account);
    // Any other write, queued in order with the rest; `what` names it in the log if it fails.
    void perform(const QString &what, std::function<bool(Store &)> task);
    void append(PendingMessage message);

    // Reads: history pages and catch-up. With a read store (setReadStore) they run on a thread
    // and a connection of their own, so that writes never wait behind them; without one, on the
    // storage thread in turn with the writes. Either way they are bounded: a session has at
    // most `perSession` reads waiting and all sessions together `total` (see readPage).
    // Set before start().
    void setReadStore(std::unique_ptr<Store> store) { m_readStore = std::move(store); }
    void setReadLimits(int perSession, int total)
    {
        m_maxReadsPerSession = qMax(1, perSession);
        m_maxReads = qMax(1, total);
    }
    struct PageRequest
    {
        QString room;
        qint64 after = 0;
        qint64 before = 0;
        int limit = 0;
        qint64 maxBytes = 0;
        bool forward = false;
        qint64 around = 0; // > 0: the messages around this seq instead (Store::around)
    };
    using Page = StoredPage;
    using PageDone = std::function<void(bool ok, const Page &page)>;
    // Reads a page (Store::page) for `session`; done runs on the thread that read it. A capped
    // read is refused (false, nothing queued) when the session has its `perSession` reads
    // waiting, or `total` reads are waiting in all. An uncapped one (a catch-up replay, one per
    // room and session at a time) is never refused, and counts all the same.
    bool readPage(quint64 session, bool capped, PageRequest request, PageDone done);
    // Another read for `session` (the unread counts after a sign-in), where pages are read: on
    // the read connection if there is one. Counted with the pages, never refused (one per
    // sign-in, and sign-ins have budgets of their own). The task runs on the reading thread.
    void read(quint64 session, std::function<void(Store &)> task) { read(session, false, task); }
    // The same, refused as a capped page read is (false, nothing queued) when `capped` and the
    // session or everyone has too many reads waiting (the audit log).
    bool read(quint64 session, bool capped, std::function<void(Store &)> task);
    // Reads queued or under way (thread-safe): for the tests and the log.
    int readsWaiting() const;

private:
    using Task = std::function<void()>;
    struct Op
    {
        std::optional<PendingMessage> message; // an append, or else:
        Task task;
    };
    void enqueue(Op op);
    void drainWhenDue(QObject *context); // on the storage thread
    void drain();
    void commit(QList<PendingMessage> &batch);
    void trim(const QList<protocol::MessageEvent> &written);
    // Storage thread: one batch of indexing, when the queue is empty, and the next one queued
    // behind whatever arrived meanwhile.
    void indexWhenIdle();
    void indexBatch();

    std::unique_ptr<Store> m_store;
    const int m_maxBatch;
    const int m_commitWindowMs;
    qint64 m_retainMessages = 0;
    int m_nice = 0;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    QMutex m_mutex;
    QList<Op> m_queue;
    bool m_drainScheduled = false;
    QElapsedTimer m_lastDrain; // storage thread only: when the last write began
    int m_indexBatch = 256;
    bool m_indexBehind = false; // storage thread only: rows may wait for the index
    bool m_indexQueued = false; // storage thread only: indexBatch() is queued

    void readDone(quint64 session);
    std::unique_ptr<Store> m_readStore; // used on m_readThread only, once started
    QThread m_readThread;
    QObject *m_readContext = nullptr; // lives on m_readThread; null: reads go to the writer
    int m_maxReadsPerSession = 8;
    int m_maxReads = 1024;
    mutable QMutex m_readMutex;
    QHash<quint64, int> m_readsBySession; // reads waiting per session (none: not listed)
    int m_reads = 0; // reads waiting in all
};

} // namespace sori::server
