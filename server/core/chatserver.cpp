// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chatserver.h"

#include "core/chat/authservice.h"
#include "core/chat/fileservice.h"
#include "core/chat/hub.h"
#include "core/chat/searchservice.h"
#include "core/logging.h"
#include "core/messagecounter.h"
#include "core/monitor.h"
#include "core/net/connectionlimits.h"
#include "core/net/freememory.h"
#include "core/net/tlscontext.h"
#include "core/net/websocketencoder.h"
#include "core/net/worker.h"
#include "core/servercontext.h"
#include "core/store/sqlitestore.h"
#include "core/store/storage.h"

#include <QtCore/QDir>
#include <QtCore/QSocketNotifier>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// Binds the listening socket. Accepting is the server's own (ChatServer::Private::acceptAll):
// QTcpServer 6.4 retries accept() at once when the descriptors have run out, which spins.
class Listener : public QTcpServer
{
protected:
    void incomingConnection(qintptr descriptor) override { ::close(int(descriptor)); }
};
// Connections accepted in one go before the event loop gets its turn.
constexpr int AcceptsPerPass = 256;

// Descriptors kept back for the limits: the database, the epoll sets, the threads' wake-up
// pipes and the reserve take some, so that the connections never take the last ones.
constexpr int DescriptorsKeptBack = 256;
// After the descriptors ran out, accepting pauses this long if none could be freed.
constexpr int AcceptRetryMs = 100;
// The last descriptors below the limit are never a connection's, whatever the caps allow: the
// process needs a few free at any moment. (With none free, UBSan's vptr check, which reads
// memory through a pipe, takes every object for one with an invalid vptr and stops the server;
// AddressSanitizer's reports need some to name their frames.) An accepted connection that lands
// there is closed, like one accepted when the descriptors ran out.
constexpr rlim_t SpareDescriptors = 8;

// Raises the soft limit of open descriptors to the hard one; returns the limit in force.
rlim_t raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t before = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
            qCInfo(lcServer) << "raised the open-descriptor limit from" << before << "to"
                             << limit.rlim_cur;
        else
            ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

QString peerAddressOf(int descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(descriptor, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    QHostAddress host(reinterpret_cast<const sockaddr *>(&address));
    // An IPv4 peer on a dual-stack listener: show it as IPv4.
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        host.setAddress(v4);
    return host.toString();
}

ConnectionLimits::Caps capsFor(const ServerConfig &config, rlim_t descriptors)
{
    ConnectionLimits::Caps caps;
    const qint64 usable =
        qMax<qint64>(qint64(descriptors) - DescriptorsKeptBack, qint64(descriptors) / 2);
    caps.total = config.maxConnections > 0
        ? config.maxConnections
        : int(qBound<qint64>(qint64(1), usable, qint64(1) << 30));
    // One address never holds more than half of all: it cannot lock everybody else out.
    caps.perSource = config.maxConnectionsPerAddress > 0
        ? qMin(config.maxConnectionsPerAddress, qMax(1, caps.total / 2))
        : 0;
    caps.pendingTotal = config.maxPendingHandshakes;
    caps.pendingPerSource = config.maxPendingHandshakesPerAddress;
    return caps;
}
} // namespace

struct ChatServer::Private
{
    explicit Private(const ServerConfig &c)
        : config(c)
        , descriptorLimit(raiseDescriptorLimit())
        , limits(capsFor(c, descriptorLimit))
        , storage(std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                                c.syncFull ? SqliteStore::Sync::Full
                                                           : SqliteStore::Sync::Normal),
                  c.maxCommitBatch, c.commitWindowMs)
        , hub(encoder, &storage, c)
        , auth(std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                             c.syncFull ? SqliteStore::Sync::Full
                                                        : SqliteStore::Sync::Normal),
               config)
        , search(searchStore(c), c.maxSearches, c.maxSearchesPerSession)
        , files(std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                              c.syncFull ? SqliteStore::Sync::Full
                                                         : SqliteStore::Sync::Normal),
                c.dataDir, config)
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
        storage.setIndexBatch(c.searchIndexBatch);
        storage.onStored = [this](const QList<PendingMessage> &batch) {
            counter.count(batch);
            hub.onStored(batch);
            releaseAttachments(batch);
        };
        storage.onFailed = [this](const QList<PendingMessage> &batch, const QString &) {
            hub.onStoreFailed(batch);
            releaseAttachments(batch);
        };
    }

    ServerConfig config;
    rlim_t descriptorLimit; // the soft limit of open descriptors, raised to the hard one
    ConnectionLimits limits;
    int reserveDescriptor = -1; // given up to accept-and-close when the descriptors run out
    std::unique_ptr<QSocketNotifier> acceptNotifier; // on the listening socket
    QElapsedTimer refusalLog; // refusals are logged at most once a second
    qint64 refusedSinceLog = 0;
    MessageCounter counter; // for the server window
    WebSocketEncoder encoder;
    Storage storage;
    Hub hub;
    AuthService auth;
    SearchService search;
    // Uploaded files: their rows on a connection of their own, beside the others.
    FileService files;
    // The files of stored (or failed) messages were claimed until now (FileService::claim):
    // stored, files.message_id holds them from here on.
    void releaseAttachments(const QList<PendingMessage> &batch)
    {
        for (const PendingMessage &pending : batch) {
            if (pending.message.attachments.isEmpty())
                continue;
            QStringList ids;
            for (const protocol::Attachment &attachment : pending.message.attachments)
                ids.append(attachment.id);
            files.releaseClaims(ids);
        }
    }
    // Searches read on a connection of their own, beside the writer and the history reads.
    static std::unique_ptr<Store> searchStore(const ServerConfig &c)
    {
        auto store = std::make_unique<SqliteStore>(QDir(c.dataDir).filePath(u"sori.db"_s),
                                                   c.syncFull ? SqliteStore::Sync::Full
                                                              : SqliteStore::Sync::Normal);
        store->setQueryOnly(true);
        return store;
    }
    // What the workers, their connections and sessions are handed (core/servercontext.h).
    ServerContext context()
    {
        return ServerContext{&config, &hub, &auth, &encoder, &limits, tls.get(), &search, &files};
    }
    // The certificate when the port speaks TLS; made at the first start, before the workers.
    std::unique_ptr<TlsContext> tls;
    // The plain-HTTP port that redirects to HTTPS (ServerConfig::httpRedirectPort).
    Listener redirectListener;
    std::unique_ptr<QSocketNotifier> redirectNotifier;
    bool storageStarted = false;
    Listener listener;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Worker *> workers; // each lives on threads[i]
    size_t nextWorker = 0;
    int draining = 0;
    bool stopping = false;
    QString errorString;

    // After a successful listen(): accepting is taken over from QTcpServer.
    void startAccepting();
    void stopAccepting();
    void startAcceptingRedirects();
    // Accepts what waits on a listening socket (redirect: the redirect port's).
    void acceptAll(Listener &from, QSocketNotifier *notifier, bool redirect);
    // The descriptors ran out: the waiting connections are accepted and closed (closed: those
    // closed so already).
    void shedWaitingConnections(Listener &from, QSocketNotifier *notifier, int closed = 0);
    void admit(int descriptor, bool redirect);
    // Makes (--tls-self-signed) and loads the certificate. False, with errorString, if it cannot.
    bool setUpTls();
    void refused(ConnectionLimits::Verdict verdict, const QString &peer);
    void openReserve()
    {
        if (reserveDescriptor < 0)
            reserveDescriptor = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }

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
    d->openReserve();
}

void ChatServer::Private::startAccepting()
{
    listener.pauseAccepting();
    acceptNotifier =
        std::make_unique<QSocketNotifier>(listener.socketDescriptor(), QSocketNotifier::Read);
    QObject::connect(acceptNotifier.get(), &QSocketNotifier::activated, acceptNotifier.get(),
                     [this] { acceptAll(listener, acceptNotifier.get(), false); });
}

void ChatServer::Private::startAcceptingRedirects()
{
    redirectListener.pauseAccepting();
    redirectNotifier = std::make_unique<QSocketNotifier>(redirectListener.socketDescriptor(),
                                                         QSocketNotifier::Read);
    QObject::connect(redirectNotifier.get(), &QSocketNotifier::activated, redirectNotifier.get(),
                     [this] { acceptAll(redirectListener, redirectNotifier.get(), true); });
}

bool ChatServer::Private::setUpTls()
{
    // OpenSSL writes to its descriptors with write(), not send(MSG_NOSIGNAL): a peer that is
    // gone would raise SIGPIPE, which ends the process. The failed write says so instead.
    ::signal(SIGPIPE, SIG_IGN);
    QString certificate = config.tlsCertificateFile;
    QString key = config.tlsKeyFile;
    const bool selfSigned = certificate.isEmpty();
    if (selfSigned) {
        bool created = false;
        if (!ensureSelfSignedCertificate(config.dataDir, &certificate, &key, &created,
                                         &errorString)) {
            qCCritical(lcTls) << errorString;
            return false;
        }
        qCInfo(lcTls) << (created ? "made a self-signed certificate:" : "self-signed certificate:")
                      << certificate;
    }
    auto context = std::make_unique<TlsContext>(certificate, key, selfSigned);
    context->hstsMaxAge = config.hstsMaxAgeSeconds;
    QString error;
    if (!context->reload(&error)) {
        errorString = u"cannot use the TLS certificate: %1"_s.arg(error);
        qCCritical(lcTls) << errorString;
        return false;
    }
    const TlsCertificateInfo info = context->info();
    qCInfo(lcTls) << "TLS on with" << info.subject << "valid until"
                  << info.notAfter.toString(Qt::ISODate);
    qCInfo(lcTls) << "certificate SHA-256 fingerprint:" << info.fingerprint;
    tls = std::move(context);
    return true;
}

void ChatServer::Private::stopAccepting()
{
    acceptNotifier.reset();
}

void ChatServer::Private::acceptAll(Listener &from, QSocketNotifier *notifier, bool redirect)
{
    const int listening = int(from.socketDescriptor());
    for (int i = 0; i < AcceptsPerPass; ++i) {
        const int fd = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0 && rlim_t(fd) + SpareDescriptors >= descriptorLimit) {
            // Among the spare descriptors: as good as run out.
            ::close(fd);
            shedWaitingConnections(from, notifier, 1);
            return;
        }
        if (fd >= 0) {
            admit(fd, redirect);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        if (errno == EMFILE || errno == ENFILE) {
            shedWaitingConnections(from, notifier);
            return;
        }
        // Out of memory for socket buffers, and the like: not in a loop, but a little later.
        qCWarning(lcServer) << "accepting a connection failed:" << strerror(errno);
        notifier->setEnabled(false);
        QTimer::singleShot(AcceptRetryMs, notifier, [notifier] { notifier->setEnabled(true); });
        return;
    }
}

void ChatServer::Private::shedWaitingConnections(Listener &from, QSocketNotifier *notifier,
                                                 int closed)
{
    // Out of descriptors, the connections waiting in the backlog would wait for ever while the
    // listening socket stays readable (and a loop around accept() spins). The reserve descriptor
    // is given up to accept each of them and close it at once, so that the client learns now
    // (and retries later); then the reserve is taken again.
    if (reserveDescriptor >= 0) {
        ::close(reserveDescriptor);
        reserveDescriptor = -1;
        const int listening = int(from.socketDescriptor());
        for (;;) {
            const int fd = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                break;
            ::close(fd);
            ++closed;
        }
        openReserve();
    }
    if (closed > 0) {
        qCWarning(lcServer) << "out of descriptors: closed" << closed << "new connections at once";
        for (int i = 0; i < closed; ++i)
            refused(ConnectionLimits::Verdict::TotalFull, u"?"_s);
    }
    if (reserveDescriptor < 0) {
        // Not even the reserve could be had back: wait for descriptors to be freed rather than
        // being woken by the same waiting connection again and again.
        qCWarning(lcServer) << "out of descriptors: not accepting for" << AcceptRetryMs << "ms";
        notifier->setEnabled(false);
        QTimer::singleShot(AcceptRetryMs, notifier, [this, notifier] {
            openReserve();
            notifier->setEnabled(true);
        });
    }
}

void ChatServer::Private::admit(int descriptor, bool redirect)
{
    const QString peer = peerAddressOf(descriptor);
    const QString source = ConnectionLimits::sourceKey(QHostAddress(peer));
    const ConnectionLimits::Verdict verdict = limits.admit(source);
    if (verdict != ConnectionLimits::Verdict::Admitted) {
        ::close(descriptor);
        refused(verdict, peer);
        return;
    }
    Worker *worker = workers[nextWorker++ % workers.size()];
    QMetaObject::invokeMethod(
        worker,
        [worker, descriptor, peer, source, redirect] {
            worker->adoptSocket(descriptor, peer, source, redirect);
        },
        Qt::QueuedConnection);
}

void ChatServer::Private::refused(ConnectionLimits::Verdict verdict, const QString &peer)
{
    ++refusedSinceLog;
    if (refusalLog.isValid() && !refusalLog.hasExpired(1000))
        return;
    qCWarning(lcServer).nospace() << "refused " << refusedSinceLog << " connection"
                                  << (refusedSinceLog == 1 ? "" : "s") << " (the last from " << peer
                                  << "): " << ConnectionLimits::describe(verdict);
    refusedSinceLog = 0;
    refusalLog.start();
}

ChatServer::~ChatServer()
{
    d->stopAccepting();
    d->redirectNotifier.reset();
    // What is still queued is written (and delivered to the workers) before they go; with it the
    // last-seen time of whoever is still online (none after stop()).
    d->auth.stop();
    d->search.stop();
    d->files.stop();
    d->hub.presence().recordLastSeenOfEveryone();
    d->hub.readMarks().flush(); // the marks read since the last flush
    d->storage.stop();
    d->hub.detachAllSessions();
    d->stopThreads();
    if (d->reserveDescriptor >= 0)
        ::close(d->reserveDescriptor);
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
        d->hub.moderation().loadSanctions(sanctions);
        QList<Account> accounts;
        d->auth.onNewAccounts = [this](const QList<Account> &made) {
            // Those made by this server are known already; the others came from elsewhere.
            for (const QString &name : d->hub.addAccounts(made))
                qCInfo(lcServer) << "account" << name << "was made in the database meanwhile";
        };
        d->auth.reserveName = [this](const QString &name) {
            return d->hub.reserveAccountName(name);
        };
        d->auth.releaseName = [this](const QString &name) { d->hub.releaseAccountName(name); };
        if (!d->auth.start(&accounts, &error)) {
            d->errorString = u"cannot open the accounts: %1"_s.arg(error);
            qCCritical(lcServer) << d->errorString;
            d->storage.stop();
            return false;
        }
        d->hub.addAccounts(accounts);
        // After the storage: the schema is there and up to date.
        if (!d->search.start(&error))
            qCWarning(lcServer) << "search is off: cannot open a connection for it:" << error;
        if (!d->files.start(&error))
            qCWarning(lcServer) << "file uploads are off:" << error;
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
    if (d->config.tlsEnabled() && !d->tls && !d->setUpTls())
        return false;
    const int count = d->config.workerThreads > 0 ? d->config.workerThreads
                                                  : qMax(1, QThread::idealThreadCount());
    if (d->workers.empty()) {
        for (int i = 0; i < count; ++i) {
            auto thread = std::make_unique<QThread>();
            thread->setObjectName(u"sori-worker-%1"_s.arg(i));
            auto *worker = new Worker(i, d->context());
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
    d->startAccepting();
    if (d->tls)
        d->tls->httpsPort = d->listener.serverPort();
    if (d->tls && d->config.httpRedirectPort >= 0 && !d->redirectListener.isListening()) {
        d->redirectListener.setListenBacklogSize(4096);
        if (!d->redirectListener.listen(d->config.bindAddress,
                                        quint16(d->config.httpRedirectPort))) {
            d->errorString = d->redirectListener.errorString();
            qCWarning(lcServer) << "cannot listen on the redirect port"
                                << d->config.httpRedirectPort << ":" << d->errorString;
            d->stopAccepting();
            d->listener.close();
            return false;
        }
        d->startAcceptingRedirects();
        qCInfo(lcServer) << "redirecting plain HTTP on port" << d->redirectListener.serverPort()
                         << "to HTTPS";
    }
    d->stopping = false;
    const ConnectionLimits::Caps &caps = d->limits.caps();
    qCInfo(lcServer) << "takes at most" << caps.total << "connections," << caps.perSource
                     << "per address (0: any number)";
    qCInfo(lcServer) << "listening on" << d->listener.serverAddress().toString() << "port"
                     << d->listener.serverPort() << "with" << count << "worker threads";
    return true;
}

void ChatServer::stop(const QString &reason)
{
    if (d->stopping)
        return;
    d->stopping = true;
    d->stopAccepting();
    d->listener.close();
    d->redirectNotifier.reset();
    d->redirectListener.close();
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

FileService *ChatServer::files() const
{
    return &d->files;
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

const ConnectionLimits &ChatServer::connectionLimits() const
{
    return d->limits;
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
    d->stopAccepting();
    d->listener.close();
    qCInfo(lcServer) << "no longer listening; the open connections stay";
}

bool ChatServer::listenOn(const QHostAddress &address, quint16 port)
{
    d->stopAccepting();
    d->listener.close();
    d->listener.setListenBacklogSize(4096);
    if (!d->listener.listen(address, port)) {
        d->errorString = d->listener.errorString();
        qCWarning(lcServer) << "cannot listen on" << address.toString() << port << ":"
                            << d->errorString;
        return false;
    }
    d->startAccepting();
    if (d->tls)
        d->tls->httpsPort = d->listener.serverPort();
    qCInfo(lcServer) << "listening on" << d->listener.serverAddress().toString() << "port"
                     << d->listener.serverPort();
    return true;
}

quint16 ChatServer::redirectPort() const
{
    return d->redirectListener.isListening() ? d->redirectListener.serverPort() : 0;
}

TlsCertificateInfo ChatServer::tlsInfo() const
{
    return d->tls ? d->tls->info() : TlsCertificateInfo{};
}

bool ChatServer::reloadTls(QString *error)
{
    if (!d->tls)
        return true;
    QString why;
    if (!d->tls->reload(&why)) {
        qCCritical(lcTls) << "kept the certificate in use:" << why;
        if (error)
            *error = why;
        return false;
    }
    const TlsCertificateInfo info = d->tls->info();
    qCInfo(lcTls) << "reloaded the certificate: new connections get" << info.subject
                  << "valid until" << info.notAfter.toString(Qt::ISODate);
    qCInfo(lcTls) << "certificate SHA-256 fingerprint:" << info.fingerprint;
    Q_EMIT tlsReloaded();
    return true;
}

} // namespace sori::server
