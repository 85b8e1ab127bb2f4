// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/worker.h"

#include "core/chat/hub.h"
#include "core/logging.h"
#include "core/monitorviews.h"
#include "core/net/connection.h"
#include "core/net/connectionlimits.h"
#include "core/net/freememory.h"
#include "core/net/websocketframe.h"
#include "core/serverconfig.h"

#include <QtCore/QScopeGuard>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sori::server {

namespace {
constexpr int DeadlineTickMs = 25;
constexpr int BufferSweepMs = 1000;
// Write buffers freed by one sweep after which free memory is given back to the system.
constexpr qsizetype TrimAfterBytes = 1 << 20;
// ServerConfig::maxWriteDelayMs: a write that took t is followed by at least 3 t without one.
constexpr qint64 WriteDelayFactor = 3;
constexpr qsizetype ReadBufferBytes = 64 * 1024;
constexpr int EventsPerPass = 256;

} // namespace

Worker::Worker(int index, const ServerContext &context)
    : m_index(index)
    , m_context(context)
    , m_config(*context.config)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_readBuffer(ReadBufferBytes, Qt::Uninitialized)
{
    if (m_epoll < 0)
        qCCritical(lcNet) << "cannot create an epoll set:" << strerror(errno);
    m_clock.start();
}

Worker::~Worker()
{
    // Connections end their sessions and close their descriptors as they go.
    const auto connections = m_connections.values();
    m_connections.clear();
    qDeleteAll(connections);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void Worker::post(QByteArray event, QList<quint64> sessions)
{
    QMutexLocker lock(&m_mailboxMutex);
    m_mailbox.append(Outgoing{std::move(event), std::move(sessions)});
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    lock.unlock();
    QMetaObject::invokeMethod(this, &Worker::flushMailbox, Qt::QueuedConnection);
}

void Worker::flushMailbox()
{
    QList<Outgoing> batch;
    {
        QMutexLocker lock(&m_mailboxMutex);
        batch.swap(m_mailbox);
        m_flushScheduled = false;
    }
    if (batch.isEmpty())
        return;
    Pass pass(this);
    for (const Outgoing &outgoing : std::as_const(batch)) {
        m_framesOut.fetch_add(outgoing.sessions.size(), std::memory_order_relaxed);
        for (quint64 id : outgoing.sessions) {
            if (Connection *connection = m_connections.value(id))
                connection->sendFrame(outgoing.frame);
        }
    }
}

void Worker::watch(int descriptor, quint64 connection, bool wantWrite, bool wantRead)
{
    epoll_event event{};
    event.events = (wantRead ? EPOLLIN : 0u) | (wantWrite ? EPOLLOUT : 0u);
    event.data.u64 = connection;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_MOD, descriptor, &event) != 0
        && ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, descriptor, &event) != 0)
        qCWarning(lcNet) << "cannot watch connection" << connection << ":" << strerror(errno);
}

void Worker::unwatch(int descriptor)
{
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, descriptor, nullptr);
}

void Worker::markDirty(quint64 connection)
{
    m_dirty.append(connection);
    if (m_passDepth > 0 || m_flushPosted)
        return;
    // Outside a pass (a timer, a queued task): written once the current event is handled.
    m_flushPosted = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_flushPosted = false;
            flushDirtySoon();
        },
        Qt::QueuedConnection);
}

void Worker::flushDirtySoon()
{
    if (m_dirty.isEmpty())
        return;
    const qint64 delayUs =
        qMin(qint64(m_config.maxWriteDelayMs) * 1000, WriteDelayFactor * m_lastFlushCostUs);
    const qint64 sinceUs = m_clock.nsecsElapsed() / 1000 - m_lastFlushUs;
    if (sinceUs >= delayUs) {
        flushDirty();
        return;
    }
    if (!m_flushTimer) {
        m_flushTimer = new QTimer(this);
        m_flushTimer->setSingleShot(true);
        m_flushTimer->setTimerType(Qt::PreciseTimer);
        connect(m_flushTimer, &QTimer::timeout, this, &Worker::flushDirty);
    }
    if (!m_flushTimer->isActive())
        m_flushTimer->start(int((delayUs - sinceUs + 999) / 1000));
}

void Worker::flushDirty()
{
    m_lastFlushUs = m_clock.nsecsElapsed() / 1000;
    const auto measure =
        qScopeGuard([this] { m_lastFlushCostUs = m_clock.nsecsElapsed() / 1000 - m_lastFlushUs; });
    // Writing can end a connection, whose session's end queues more: the list may grow.
    for (qsizetype i = 0; i < m_dirty.size(); ++i) {
        if (Connection *connection = m_connections.value(m_dirty.at(i)))
            connection->flushOut();
    }
    m_dirty.clear();
}

void Worker::onEpollReady()
{
    epoll_event events[EventsPerPass];
    const int count = ::epoll_wait(m_epoll, events, EventsPerPass, 0);
    if (count <= 0)
        return;
    Pass pass(this);
    for (int i = 0; i < count; ++i) {
        Connection *connection = m_connections.value(events[i].data.u64);
        if (!connection)
            continue;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
            connection->onReadable();
        if (events[i].events & EPOLLOUT)
            connection->onWritable();
    }
}

void Worker::watchDeadline(quint64 connection, qint64 deadline)
{
    m_deadlines.emplace(deadline, connection);
    if (!m_deadlineTimer) {
        m_deadlineTimer = new QTimer(this);
        m_deadlineTimer->setInterval(DeadlineTickMs);
        connect(m_deadlineTimer, &QTimer::timeout, this, &Worker::checkDeadlines);
    }
    if (!m_deadlineTimer->isActive())
        m_deadlineTimer->start();
}

void Worker::unwatchDeadline(quint64 connection, qint64 deadline)
{
    m_deadlines.erase({deadline, connection});
}

void Worker::checkDeadlines()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer->stop();
        return;
    }
    Pass pass(this);
    const qint64 now = clockMs();
    // Each passed deadline is taken out before its connection is told, which may set another.
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const quint64 id = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        if (Connection *connection = m_connections.value(id))
            connection->onDeadline();
    }
}

void Worker::adoptSocket(qintptr descriptor, const QString &peer, const QString &source,
                         bool redirect)
{
    const int fd = int(descriptor);
    const auto refuse = [&] {
        ::close(fd);
        if (m_context.connectionLimits)
            m_context.connectionLimits->release(source, true);
    };
    if (m_shuttingDown || m_epoll < 0) {
        refuse();
        return;
    }
    const int flags = ::fcntl(fd, F_GETFL);
    const int one = 1;
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0
        || ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
        qCWarning(lcNet) << "could not take over an accepted socket:" << strerror(errno);
        refuse();
        return;
    }
    if (!m_epollNotifier) {
        // Made here, on the worker's thread, like the timers.
        auto *notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, &Worker::onEpollReady);
        m_epollNotifier = notifier;
    }
    const quint64 id = m_context.hub->newSessionId();
    if (!m_healthTimer) {
        // A quarter of the ping interval keeps the detection within the configured times
        // without a timer per connection.
        // At most a second apart: the same sweep frees the write buffers of quiet connections.
        m_healthTimer = new QTimer(this);
        m_healthTimer->setInterval(qBound(
            50, qMin(m_config.pingIntervalMs, m_config.deadPeerTimeoutMs) / 4, BufferSweepMs));
        connect(m_healthTimer, &QTimer::timeout, this, [this] {
            Pass pass(this);
            const auto connections = m_connections.values();
            qsizetype released = 0;
            for (Connection *connection : connections) {
                connection->checkHealth();
                released += connection->releaseIdleBuffer();
            }
            if (released >= TrimAfterBytes)
                returnFreeMemory();
        });
        m_healthTimer->start();
    }
    auto *connection = new Connection(
        id, fd, peer, source, this, redirect ? Connection::Kind::Redirect : Connection::Kind::Chat);
    connection->setParent(this);
    connect(connection, &Connection::finished, this, &Worker::onConnectionFinished);
    m_connections.insert(id, connection);
    watch(fd, id, false);
}

void Worker::closeSession(quint64 session, protocol::CloseCode code, const QString &reason,
                          protocol::LeaveReason why)
{
    QMetaObject::invokeMethod(
        this,
        [=, this] {
            Pass pass(this);
            flushMailbox(); // what was said before the close goes out first
            if (Connection *connection = m_connections.value(session))
                connection->close(code, reason, why);
        },
        Qt::QueuedConnection);
}

void Worker::runForSession(quint64 session, std::function<void(Session &)> task)
{
    QMetaObject::invokeMethod(
        this,
        [this, session, task = std::move(task)] {
            Pass pass(this);
            Connection *connection = m_connections.value(session);
            if (connection && connection->session())
                task(*connection->session());
        },
        Qt::QueuedConnection);
}

void Worker::runForConnection(quint64 connection, std::function<void(Connection &)> task)
{
    QMetaObject::invokeMethod(
        this,
        [this, connection, task = std::move(task)] {
            Pass pass(this);
            if (Connection *found = m_connections.value(connection))
                task(*found);
        },
        Qt::QueuedConnection);
}

void Worker::onConnectionFinished(quint64 id)
{
    if (Connection *connection = m_connections.take(id))
        connection->deleteLater();
    checkDrained();
}

void Worker::shutdown(const QString &reason)
{
    m_shuttingDown = true;
    Pass pass(this);
    flushMailbox();
    const auto connections = m_connections.values();
    for (Connection *connection : connections)
        connection->close(protocol::CloseCode::GoingAway, reason, protocol::LeaveReason::Shutdown);
    checkDrained();
}

void Worker::checkDrained()
{
    if (m_shuttingDown && m_connections.isEmpty())
        Q_EMIT drained();
}

QList<ConnectionStats> Worker::connectionStats() const
{
    QList<ConnectionStats> result;
    result.reserve(m_connections.size());
    for (const Connection *connection : m_connections) {
        if (connection->state() == Connection::State::WebSocket && connection->session())
            result.append(connection->stats());
    }
    return result;
}

} // namespace sori::server
