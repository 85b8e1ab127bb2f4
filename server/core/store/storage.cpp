// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/store/storage.h"

#include "core/logging.h"

#include <QtCore/QDateTime>
#include <QtCore/QSemaphore>
#include <QtCore/QTimer>

#include <cerrno>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace sori::server {

Storage::Storage(std::unique_ptr<Store> store, int maxBatch, int commitWindowMs)
    : m_store(std::move(store))
    , m_maxBatch(qMax(1, maxBatch))
    , m_commitWindowMs(qMax(0, commitWindowMs))
{
    m_thread.setObjectName(u"sori-storage"_s);
    m_readThread.setObjectName(u"sori-reads"_s);
}

Storage::~Storage()
{
    stop();
}

bool Storage::start(int recentPerRoom, QList<StoredRoom> *rooms, QList<Sanction> *sanctions,
                    QString *error)
{
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    bool ok = false;
    QSemaphore done;
    QMetaObject::invokeMethod(m_context, [&] {
        // Per thread on Linux; threads the store starts from here (its checkpointer) inherit it.
        if (m_nice != 0 && ::setpriority(PRIO_PROCESS, id_t(::gettid()), m_nice) != 0)
            qCWarning(lcStore) << "the storage thread keeps its priority: nice" << m_nice << ":"
                               << strerror(errno);
        ok = m_store->open();
        if (ok) {
            *rooms = m_store->loadRooms(recentPerRoom);
            *sanctions = m_store->activeSanctions(QDateTime::currentMSecsSinceEpoch());
            // What an earlier run wrote and did not index yet, once the thread is free.
            m_indexBehind = true;
            indexWhenIdle();
        }
        if (!ok)
            *error = m_store->errorString();
        done.release();
    });
    done.acquire();
    if (!ok) {
        stop();
        return ok;
    }
    if (m_readStore) {
        // Opened after the writer: the schema is there and up to date.
        m_readContext = new QObject;
        m_readContext->moveToThread(&m_readThread);
        connect(&m_readThread, &QThread::finished, m_readContext, &QObject::deleteLater);
        m_readThread.start();
        QMetaObject::invokeMethod(
            m_readContext,
            [this] {
                if (m_readStore->open())
                    return;
                qCWarning(lcStore) << "history is read by the writer: cannot open a connection "
                                      "to read it:"
                                   << m_readStore->errorString();
                m_readStore.reset();
            },
            Qt::BlockingQueuedConnection);
        if (!m_readStore) {
            m_readThread.quit();
            m_readThread.wait();
            m_readContext = nullptr;
        }
    }
    return ok;
}

void Storage::stop()
{
    if (m_readThread.isRunning()) {
        // Reads already queued run first; the connection is closed on its own thread.
        QObject *context = nullptr;
        {
            QMutexLocker lock(&m_readMutex);
            context = std::exchange(m_readContext, nullptr);
        }
        QMetaObject::invokeMethod(
            context, [this] { m_readStore.reset(); }, Qt::BlockingQueuedConnection);
        m_readThread.quit();
        m_readThread.wait();
    }
    if (!m_thread.isRunning())
        return;
    // From now on nothing more is scheduled (a request that comes later, such as a last-seen
    // time from a session ending during shutdown, is dropped); the last drain writes the rest.
    QObject *context = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        context = std::exchange(m_context, nullptr);
    }
    QMetaObject::invokeMethod(
        context, [this] { drain(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void Storage::enqueue(Op op)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append(std::move(op));
    if (m_drainScheduled || !m_context)
        return;
    m_drainScheduled = true;
    // Scheduled under the lock: stop() cannot take the context away meanwhile.
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        context, [this, context] { drainWhenDue(context); }, Qt::QueuedConnection);
}

void Storage::drainWhenDue(QObject *context)
{
    const qint64 wait = m_lastDrain.isValid() ? m_commitWindowMs - m_lastDrain.elapsed() : 0;
    if (wait <= 0) {
        drain();
        return;
    }
    // The context lives until the thread ends; stop() writes what is queued itself.
    QTimer::singleShot(std::chrono::milliseconds(wait), Qt::PreciseTimer, context,
                       [this] { drain(); });
}

void Storage::createRoom(const QString &name, qint64 createdAt, protocol::RoomKind kind,
                         const QString &topic)
{
    enqueue(Op{std::nullopt, [this, name, createdAt, kind, topic] {
                   if (!m_store->createRoom(name, createdAt, kind, topic))
                       qCCritical(lcStore)
                           << "cannot store the room" << name << ":" << m_store->errorString();
               }});
}

void Storage::addRoomMember(const QString &room, qint64 account)
{
    enqueue(Op{std::nullopt, [this, room, account] {
                   if (!m_store->addRoomMember(room, account))
                       qCCritical(lcStore)
                           << "cannot store a member of" << room << ":" << m_store->errorString();
               }});
}

void Storage::perform(const QString &what, std::function<bool(Store &)> task)
{
    enqueue(Op{std::nullopt, [this, what, task = std::move(task)] {
                   if (!task(*m_store))
                       qCCritical(lcStore)
                           << "cannot store" << what << ":" << m_store->errorString();
               }});
}

void Storage::append(PendingMessage message)
{
    enqueue(Op{std::move(message), {}});
}

bool Storage::readPage(quint64 session, bool capped, PageRequest request, PageDone done)
{
    {
        QMutexLocker lock(&m_readMutex);
        int &mine = m_readsBySession[session];
        if (capped && (mine >= m_maxReadsPerSession || m_reads >= m_maxReads)) {
            if (mine == 0)
                m_readsBySession.remove(session);
            return false;
        }
        ++mine;
        ++m_reads;
    }
    auto read = [this, session, request = std::move(request),
                 done = std::move(done)](Store &store) {
        Page page;
        const bool ok = request.around > 0
            ? store.around(request.room, request.around, request.limit, request.maxBytes, &page)
            : store.page(request.room, request.after, request.before, request.limit,
                         request.maxBytes, request.forward, &page.messages, &page.more,
                         request.forward ? &page.changes : nullptr);
        if (!ok)
            qCWarning(lcStore) << "cannot read the history of" << request.room << ":"
                               << store.errorString();
        // Counted out before the answer goes: the client may ask again as soon as it has it.
        readDone(session);
        done(ok, page);
    };
    QMutexLocker lock(&m_readMutex); // stop() cannot take the context away meanwhile
    if (m_readContext) {
        QMetaObject::invokeMethod(
            m_readContext,
            [this, read = std::move(read)] {
                if (m_readStore)
                    read(*m_readStore);
            },
            Qt::QueuedConnection);
    } else {
        lock.unlock();
        enqueue(Op{std::nullopt, [this, read = std::move(read)] { read(*m_store); }});
    }
    return true;
}

bool Storage::read(quint64 session, bool capped, std::function<void(Store &)> task)
{
    {
        QMutexLocker lock(&m_readMutex);
        int &mine = m_readsBySession[session];
        if (capped && (mine >= m_maxReadsPerSession || m_reads >= m_maxReads)) {
            if (mine == 0)
                m_readsBySession.remove(session);
            return false;
        }
        ++mine;
        ++m_reads;
    }
    auto run = [this, session, task = std::move(task)](Store &store) {
        task(store);
        readDone(session);
    };
    QMutexLocker lock(&m_readMutex); // stop() cannot take the context away meanwhile
    if (m_readContext) {
        QMetaObject::invokeMethod(
            m_readContext,
            [this, run = std::move(run)] {
                if (m_readStore)
                    run(*m_readStore);
            },
            Qt::QueuedConnection);
    } else {
        lock.unlock();
        enqueue(Op{std::nullopt, [this, run = std::move(run)] { run(*m_store); }});
    }
    return true;
}

void Storage::readDone(quint64 session)
{
    QMutexLocker lock(&m_readMutex);
    const auto mine = m_readsBySession.find(session);
    if (mine != m_readsBySession.end() && --*mine <= 0)
        m_readsBySession.erase(mine);
    --m_reads;
}

int Storage::readsWaiting() const
{
    QMutexLocker lock(&m_readMutex);
    return m_reads;
}

void Storage::drain()
{
    m_lastDrain.start();
    QList<Op> ops;
    {
        QMutexLocker lock(&m_mutex);
        ops.swap(m_queue);
        m_drainScheduled = false;
    }
    QList<PendingMessage> batch;
    for (Op &op : ops) {
        if (op.message) {
            batch.append(std::move(*op.message));
            if (batch.size() >= m_maxBatch)
                commit(batch);
            continue;
        }
        commit(batch); // what came before this request is written first
        op.task();
    }
    commit(batch);
    indexWhenIdle();
}

void Storage::indexWhenIdle()
{
    if (!m_indexBehind || m_indexQueued)
        return;
    QMutexLocker lock(&m_mutex);
    if (!m_context)
        return; // stopping: the next start catches up
    m_indexQueued = true;
    // Queued, not run here: a drain queued meanwhile runs first.
    QMetaObject::invokeMethod(
        m_context, [this] { indexBatch(); }, Qt::QueuedConnection);
}

void Storage::indexBatch()
{
    m_indexQueued = false;
    {
        QMutexLocker lock(&m_mutex);
        // Something waits to be written (or for its commit window): it goes first, and the
        // drain that writes it comes back here.
        if (!m_context || m_drainScheduled)
            return;
    }
    bool more = false;
    if (!m_store->indexForSearch(m_indexBatch, &more)) {
        // Tried again after the next write; search still finds what is not indexed.
        qCWarning(lcStore) << "cannot index messages for search:" << m_store->errorString();
        more = false;
    }
    m_indexBehind = more;
    indexWhenIdle();
}

void Storage::trim(const QList<protocol::MessageEvent> &written)
{
    QHash<QString, qint64> newest;
    for (const protocol::MessageEvent &message : written)
        newest[message.room] = qMax(newest.value(message.room), message.seq);
    for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
        const qint64 through = *it - m_retainMessages;
        if (through > 0 && !m_store->trimMessages(it.key(), through))
            qCWarning(lcStore) << "cannot trim the history of" << it.key() << ":"
                               << m_store->errorString();
    }
}

void Storage::commit(QList<PendingMessage> &batch)
{
    if (batch.isEmpty())
        return;
    QList<protocol::MessageEvent> messages;
    QList<StoredChange> changes;
    messages.reserve(batch.size());
    for (const PendingMessage &pending : std::as_const(batch)) {
        if (pending.change)
            changes.append(*pending.change);
        else if (!pending.duplicate)
            messages.append(pending.message);
    }
    if (m_store->appendMessages(messages, changes)) {
        m_indexBehind = m_indexBehind || !messages.isEmpty() || !changes.isEmpty();
        if (onStored)
            onStored(batch);
        if (m_retainMessages > 0)
            trim(messages);
    } else {
        qCCritical(lcStore) << "cannot store" << batch.size()
                            << "messages:" << m_store->errorString();
        if (onFailed)
            onFailed(batch, m_store->errorString());
    }
    batch.clear();
}

} // namespace sori::server
