// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/worker.h"

#include "core/connection.h"
#include "core/hub.h"
#include "core/logging.h"
#include "core/monitor.h"
#include "core/serverconfig.h"
#include "core/websocketframe.h"

#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

namespace sori::server {

Worker::Worker(int index, Hub *hub, AuthService *auth, const ServerConfig &config)
    : m_index(index), m_hub(hub), m_auth(auth), m_config(config)
{ }

Worker::~Worker()
{
    // Connections are children: they end their sessions as they go.
    m_connections.clear();
}

void Worker::post(Outgoing outgoing)
{
    QMutexLocker lock(&m_mailboxMutex);
    m_mailbox.append(std::move(outgoing));
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
    for (const Outgoing &outgoing : std::as_const(batch)) {
        m_framesOut.fetch_add(outgoing.sessions.size(), std::memory_order_relaxed);
        for (quint64 id : outgoing.sessions) {
            if (Connection *connection = m_connections.value(id))
                connection->sendFrame(outgoing.frame);
        }
    }
}

void Worker::adoptSocket(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcNet) << "could not take over an accepted socket:" << socket->errorString();
        delete socket;
        return;
    }
    if (m_shuttingDown) {
        socket->abort();
        delete socket;
        return;
    }
    const quint64 id = m_hub->newSessionId();
    if (!m_healthTimer) {
        // Created here, on the worker's thread. A quarter of the ping interval keeps the
        // detection within the configured times without a timer per connection.
        m_healthTimer = new QTimer(this);
        m_healthTimer->setInterval(
            qMax(50, qMin(m_config.pingIntervalMs, m_config.deadPeerTimeoutMs) / 4));
        connect(m_healthTimer, &QTimer::timeout, this, [this] {
            const auto connections = m_connections.values();
            for (Connection *connection : connections)
                connection->checkHealth();
        });
        m_healthTimer->start();
    }
    auto *connection = new Connection(id, socket, this, m_hub, m_auth, m_config);
    connection->setParent(this);
    connect(connection, &Connection::finished, this, &Worker::onConnectionFinished);
    m_connections.insert(id, connection);
}

void Worker::closeSession(quint64 session, quint16 code, const QString &reason,
                          protocol::LeaveReason why)
{
    QMetaObject::invokeMethod(
        this,
        [=, this] {
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
            Connection *connection = m_connections.value(session);
            if (connection && connection->session())
                task(*connection->session());
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
    flushMailbox();
    const auto connections = m_connections.values();
    for (Connection *connection : connections)
        connection->close(websocket::CloseGoingAway, reason, protocol::LeaveReason::Shutdown);
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
