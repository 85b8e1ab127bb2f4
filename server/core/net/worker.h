// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/fanout.h"
#include "core/servercontext.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <atomic>
#include <functional>
#include <set>
#include <utility>

namespace sori::server {

class Connection;
class ConnectionLimits;
class Session;
struct ConnectionStats;

// A worker owns the connections handed to it and lives on its own thread. It is the FanOut of its
// sessions (core/chat/fanout.h): the hub posts events (WebSocket frames) from any thread into the
// worker's mailbox, which the worker drains in one pass of its event loop, so several frames to
// one socket leave together.
//
// Its sockets are raw descriptors in one epoll set, watched by a single QSocketNotifier: a pass
// costs what is ready, not what is open (Qt's dispatchers poll() every notifier of the thread).
// Whatever a pass queues for a connection leaves in one send() at its end (flushDirty()).
class Worker : public QObject, public FanOut
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker(int index, const ServerContext &context);
    ~Worker() override;

    int index() const { return m_index; }

    // FanOut (thread-safe): events are WebSocket frames (core/net/websocketencoder.h).
    void post(QByteArray event, QList<quint64> sessions) override;
    void closeSession(quint64 session, protocol::CloseCode code, const QString &reason,
                      protocol::LeaveReason why) override;
    void runForSession(quint64 session, std::function<void(Session &)> task) override;
    // Thread-safe: runs task on the worker's thread with the connection, if it is still there
    // (an answer from another thread for an HTTP request, say).
    void runForConnection(quint64 connection, std::function<void(Connection &)> task);

    // On the worker's thread (call through a queued invocation from elsewhere): takes over an
    // accepted descriptor from `peer` (its address), counted in the limits under `source`;
    // redirect: it came to the plain-HTTP redirect port.
    void adoptSocket(qintptr descriptor, const QString &peer, const QString &source,
                     bool redirect = false);
    ConnectionLimits *limits() const { return m_context.connectionLimits; }
    const ServerContext &context() const { return m_context; }
    // Closes every connection with a close frame that gives the reason, then emits drained().
    void shutdown(const QString &reason);
    // Writes out everything the mailbox holds. Replies of the worker's own sessions call it
    // first, so that a session sees events and replies in the order the hub decided them.
    void flushMailbox();

    // For the server window (core/monitor.h). framesOut is thread-safe: frames handed to
    // connections since the start. connectionStats: on the worker's thread, the open WebSocket
    // connections.
    qint64 framesOut() const { return m_framesOut.load(std::memory_order_relaxed); }
    QList<ConnectionStats> connectionStats() const;

    // For connections, on the worker's thread.
    // Adds descriptor to the epoll set (or changes what is watched): input unless the peer has
    // ended its side, output too while wantWrite. unwatch() takes it out.
    void watch(int descriptor, quint64 connection, bool wantWrite, bool wantRead = true);
    void unwatch(int descriptor);
    // The connection has queued bytes: written at the end of this pass.
    void markDirty(quint64 connection);
    // A connection's deadline (clockMs()): Connection::onDeadline is called within a few
    // milliseconds after it. Only the deadlines that passed are looked at, so thousands of
    // idle handshakes cost nothing until theirs ends. unwatchDeadline takes the same values.
    void watchDeadline(quint64 connection, qint64 deadline);
    void unwatchDeadline(quint64 connection, qint64 deadline);
    qint64 clockMs() const { return m_clock.elapsed(); }
    // Scratch space every read of this worker goes through.
    QByteArray &readBuffer() { return m_readBuffer; }

Q_SIGNALS:
    void drained();

private:
    void onConnectionFinished(quint64 id);
    void checkDrained();
    void onEpollReady();
    // At the end of a pass: writes now, or once the write delay since the last write is over.
    void flushDirtySoon();
    void flushDirty();
    void checkDeadlines();
    // Counts nested passes: the outermost writes what they queued.
    struct Pass
    {
        explicit Pass(Worker *worker) : worker(worker) { ++worker->m_passDepth; }
        ~Pass()
        {
            if (--worker->m_passDepth == 0)
                worker->flushDirtySoon();
        }
        Worker *worker;
    };

    // One frame for some of this worker's sessions, shared (implicitly) by every recipient.
    struct Outgoing
    {
        QByteArray frame;
        QList<quint64> sessions;
    };

    const int m_index;
    const ServerContext m_context;
    const ServerConfig &m_config;
    QHash<quint64, Connection *> m_connections;
    bool m_shuttingDown = false;
    QTimer *m_healthTimer = nullptr; // pings silent peers, drops dead ones
    int m_epoll = -1;
    QObject *m_epollNotifier = nullptr; // a QSocketNotifier, made on the worker's thread
    QByteArray m_readBuffer;
    QList<quint64> m_dirty; // connections with bytes to write at the end of the pass
    int m_passDepth = 0;
    bool m_flushPosted = false;
    qint64 m_lastFlushUs = -1'000'000'000; // when flushDirty() last wrote
    qint64 m_lastFlushCostUs = 0; // and how long that took
    QTimer *m_flushTimer = nullptr; // the end of the write delay
    QElapsedTimer m_clock;
    std::set<std::pair<qint64, quint64>> m_deadlines; // (deadline, connection), soonest first
    QTimer *m_deadlineTimer = nullptr;

    QMutex m_mailboxMutex;
    QList<Outgoing> m_mailbox;
    bool m_flushScheduled = false;
    std::atomic<qint64> m_framesOut = 0;
};

} // namespace sori::server
