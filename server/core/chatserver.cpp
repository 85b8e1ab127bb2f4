// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chatserver.h"

#include "core/authservice.h"
#include "core/freememory.h"
#include "core/hub.h"
#include "core/logging.h"
#include "core/monitor.h"
#include "core/sqlitestore.h"
#include "core/storage.h"
#include "core/worker.h"

#include <QtCore/QDir>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>

#include <vector>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// Accepts connections and passes the descriptors on; it never creates a socket itself.
class Listener : public QTcpServer
{
public:
    std::function<void(qintptr)> onIncoming;

protected:
    void incomingConnection(qintptr descriptor) override { onIncoming(descriptor); }
};
} // namespace

struct ChatServer::Private
{
    explicit Private(const ServerConfig &c)
        : config(c)
        , storage(std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                                c.syncFull ? SqliteStore::Sync::Full
                                                           : SqliteStore::Sync::Normal),
                  c.maxCommitBatch, c.commitWindowMs)
        , hub(&storage, c)
        , auth(std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                             c.syncFull ? SqliteStore::Sync::Full
                                                        : SqliteStore::Sync::Normal),
               config)
    {
        storage.setRetention(c.retainMessages);
        // History pages and catch-up read on a connection of their own, beside the writer.
        auto reads = std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                                   c.syncFull ? SqliteStore::Sync::Full
                                                              : SqliteStore::Sync::Normal);
        reads->setQueryOnly(true);
        storage.setReadStore(std::move(reads));
        storage.setReadLimits(c.maxReadsPerSession, c.maxReads);
        storage.setThreadNice(c.storageNice);
        storage.onStored = [this](const QList<PendingMessage> &batch) {
            counter.count(batch);
            hub.onStored(batch);
        };
        storage.onFailed = [this](const QList<PendingMessage> &batch, const QString &) {
            hub.onStoreFailed(batch);
        };
    }

    ServerConfig config;
    MessageCounter counter; // for the server window
    Storage storage;
    Hub hub;
    AuthService auth;
    bool storageStarted = false;
    Listener listener;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Worker *> workers; // each lives on threads[i]
    size_t nextWorker = 0;
    int draining = 0;
    bool stopping = false;
    QString errorString;

    void stopThreads()
    {
        // Each worker is deleted on its own thread as that thread finishes.
        for (auto &thread : threads)
            thread->quit();
        for (auto &thread : threads)
            thread->wait();
        threads.clear();
        workers.clear();
    }
};

ChatServer::ChatServer(const ServerConfig &config, QObject *parent)
    : QObject(parent), d(new Private(config))
{
    d->listener.onIncoming = [this](qintptr descriptor) {
        Worker *worker = d->workers[d->nextWorker++ % d->workers.size()];
        QMetaObject::invokeMethod(
            worker, [worker, descriptor] { worker->adoptSocket(descriptor); },
            Qt::QueuedConnection);
    };
}

ChatServer::~ChatServer()
{
    // What is still queued is written (and delivered to the workers) before they go; with it the
    // last-seen time of whoever is still online (none after stop()).
    d->auth.stop();
    d->hub.recordLastSeenOfEveryone();
    d->storage.stop();
    d->hub.detachAllSessions();
    d->stopThreads();
}

bool ChatServer::start()
{
    if (d->listener.isListening())
        return true;
    if (!d->storageStarted) {
        if (!QDir().mkpath(d->config.dataDir)) {
            d->errorString = u"cannot create the data directory %1"_s.arg(d->config.dataDir);
            return false;
        }
        QList<StoredRoom> rooms;
        QList<Sanction> sanctions;
        QString error;
        if (!d->storage.start(d->config.historyOnJoin, &rooms, &sanctions, &error)) {
            d->errorString = u"cannot open the database: %1"_s.arg(error);
            qCCritical(lcServer) << d->errorString;
            return false;
        }
        d->hub.loadRooms(rooms);
        d->hub.loadSanctions(sanctions);
        QList<Account> accounts;
        d->auth.onNewAccounts = [this](const QList<Account> &made) {
            // Those made by this server are known already; the others came from elsewhere.
            for (const QString &name : d->hub.addAccounts(made))
                qCInfo(lcServer) << "account" << name << "was made in the database meanwhile";
        };
        if (!d->auth.start(&accounts, &error)) {
            d->errorString = u"cannot open the accounts: %1"_s.arg(error);
            qCCritical(lcServer) << d->errorString;
            d->storage.stop();
            return false;
        }
        d->hub.addAccounts(accounts);
        d->storageStarted = true;
        qCInfo(lcServer) << "database" << QDir(d->config.dataDir).filePath(u"sori.db"_s) << "with"
                         << rooms.size() << "rooms";
        // What was read to fill the hub (up to 100,000 message ids and the rooms' latest
        // messages) is copied there; the rest goes back to the system now rather than when a
        // burst of traffic next frees memory (an idle server would otherwise keep it).
        rooms = {};
        accounts = {};
        returnFreeMemory();
    }
    const int count = d->config.workerThreads > 0 ? d->config.workerThreads
                                                  : qMax(1, QThread::idealThreadCount());
    if (d->workers.empty()) {
        for (int i = 0; i < count; ++i) {
            auto thread = std::make_unique<QThread>();
            thread->setObjectName(u"sori-worker-%1"_s.arg(i));
            auto *worker = new Worker(i, &d->hub, &d->auth, d->config);
            worker->moveToThread(thread.get());
            connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
            connect(worker, &Worker::drained, this, [this] {
                if (--d->draining == 0 && d->stopping) {
                    qCInfo(lcServer) << "every connection is closed";
                    Q_EMIT stopped();
                }
            });
            thread->start();
            d->threads.push_back(std::move(thread));
            d->workers.push_back(worker);
        }
    }
    d->listener.setMaxPendingConnections(1024);
    // Connect storms: the kernel's default backlog (50) drops SYNs that are resent only a
    // second later.
    d->listener.setListenBacklogSize(4096);
    if (!d->listener.listen(d->config.bindAddress, d->config.port)) {
        d->errorString = d->listener.errorString();
        qCWarning(lcServer) << "cannot listen on" << d->config.bindAddress.toString()
                            << d->config.port << ":" << d->errorString;
        return false;
    }
    d->stopping = false;
    qCInfo(lcServer) << "listening on" << d->listener.serverAddress().toString() << "port"
                     << d->listener.serverPort() << "with" << count << "worker threads";
    return true;
}

void ChatServer::stop(const QString &reason)
{
    if (d->stopping)
        return;
    d->stopping = true;
    d->listener.close();
    qCInfo(lcServer) << "stopping:" << reason;
    if (d->workers.empty()) {
        QTimer::singleShot(0, this, &ChatServer::stopped);
        return;
    }
    d->draining = int(d->workers.size());
    for (Worker *worker : d->workers) {
        QMetaObject::invokeMethod(
            worker, [worker, reason] { worker->shutdown(reason); }, Qt::QueuedConnection);
    }
}

bool ChatServer::isListening() const
{
    return d->listener.isListening();
}

QHostAddress ChatServer::serverAddress() const
{
    return d->listener.serverAddress();
}

quint16 ChatServer::serverPort() const
{
    return d->listener.serverPort();
}

int ChatServer::workerCount() const
{
    return int(d->workers.size());
}

QString ChatServer::errorString() const
{
    return d->errorString;
}

const ServerConfig &ChatServer::config() const
{
    return d->config;
}

Hub *ChatServer::hub() const
{
    return &d->hub;
}

MessageCounter &ChatServer::messageCounter() const
{
    return d->counter;
}

qint64 ChatServer::deliveriesOut() const
{
    qint64 total = 0;
    for (const Worker *worker : d->workers)
        total += worker->framesOut();
    return total;
}

int ChatServer::historyReadsWaiting() const
{
    return d->storage.readsWaiting();
}

QString ChatServer::databasePath() const
{
    return QDir(d->config.dataDir).absoluteFilePath(u"sori.db"_s);
}

void ChatServer::collectConnectionStats(
    std::function<void(const QList<ConnectionStats> &)> done) const
{
    struct Gathering
    {
        QMutex mutex;
        QList<ConnectionStats> stats;
        size_t waiting = 0;
        std::function<void(const QList<ConnectionStats> &)> done;
    };
    if (d->workers.empty()) {
        done({});
        return;
    }
    auto gathering = std::make_shared<Gathering>();
    gathering->waiting = d->workers.size();
    gathering->done = std::move(done);
    for (Worker *worker : d->workers) {
        QMetaObject::invokeMethod(
            worker,
            [worker, gathering] {
                const QList<ConnectionStats> stats = worker->connectionStats();
                QMutexLocker lock(&gathering->mutex);
                gathering->stats += stats;
                if (--gathering->waiting == 0) {
                    lock.unlock();
                    gathering->done(gathering->stats);
                }
            },
            Qt::QueuedConnection);
    }
}

void ChatServer::stopListening()
{
    if (!d->listener.isListening())
        return;
    d->listener.close();
    qCInfo(lcServer) << "no longer listening; the open connections stay";
}

bool ChatServer::listenOn(const QHostAddress &address, quint16 port)
{
    d->listener.close();
    d->listener.setListenBacklogSize(4096);
    if (!d->listener.listen(address, port)) {
        d->errorString = d->listener.errorString();
        qCWarning(lcServer) << "cannot listen on" << address.toString() << port << ":"
                            << d->errorString;
        return false;
    }
    qCInfo(lcServer) << "listening on" << d->listener.serverAddress().toString() << "port"
                     << d->listener.serverPort();
    return true;
}

} // namespace sori::server
