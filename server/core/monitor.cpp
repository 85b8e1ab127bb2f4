// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/monitor.h"

#include "core/chat/hub.h"
#include "core/chatserver.h"
#include "core/logging.h"
#include "core/messagecounter.h"
#include "core/net/connectionlimits.h"
#include "core/serverconfig.h"
#include "core/store/storage.h"

#include <QtCore/QDateTime>
#include <QtCore/QSet>
#include <QtCore/QWaitCondition>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace sori::server {

Monitor::Monitor(ChatServer *server, QObject *parent) : QObject(parent), m_server(server)
{
    qRegisterMetaType<MonitorSnapshot>();
    qRegisterMetaType<ListenState>();
    m_listen.listening = server->isListening();
    m_listen.address = server->serverAddress();
    m_listen.port = server->serverPort();
    m_listen.workers = server->workerCount();
    m_listen.databasePath = server->databasePath();
    m_listen.redirectPort = server->redirectPort();
    readTls();
    // A certificate reloaded on SIGHUP: the window shows the new one.
    connect(server, &ChatServer::tlsReloaded, this, [this] {
        ListenState state;
        {
            QMutexLocker lock(&m_listenMutex);
            readTls();
            state = m_listen;
        }
        Q_EMIT listenStateChanged(state);
    });
    m_thread.setObjectName(u"sori-monitor"_s);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

Monitor::~Monitor()
{
    // A snapshot on its way comes back through m_context: let it arrive first.
    for (int i = 0; i < 400 && m_pending.load(); ++i)
        QThread::msleep(5);
    m_thread.quit();
    m_thread.wait();
}

void Monitor::requestSnapshot()
{
    if (m_pending.exchange(true)) {
        m_again.store(true);
        return;
    }
    QMetaObject::invokeMethod(
        m_context, [this] { takeSnapshot(); }, Qt::QueuedConnection);
}

void Monitor::readTls()
{
    const TlsCertificateInfo tls = m_server->tlsInfo();
    m_listen.tls = tls.enabled;
    m_listen.tlsFingerprint = tls.fingerprint;
    m_listen.tlsNotAfter = tls.notAfter;
    m_listen.tlsSelfSigned = tls.selfSigned;
}

ListenState Monitor::listenState() const
{
    QMutexLocker lock(&m_listenMutex);
    return m_listen;
}

void Monitor::takeSnapshot()
{
    m_server->collectConnectionStats([this](const QList<ConnectionStats> &stats) {
        QMetaObject::invokeMethod(
            m_context, [this, stats] { finishSnapshot(stats); }, Qt::QueuedConnection);
    });
}

void Monitor::finishSnapshot(const QList<ConnectionStats> &stats)
{
    QHash<quint64, ConnectionStats> open;
    for (const ConnectionStats &connection : stats)
        open.insert(connection.session, connection);
    const QList<SessionView> sessions = m_server->hub()->sessionViews();

    MonitorSnapshot snapshot;
    snapshot.takenAt = QDateTime::currentMSecsSinceEpoch();
    snapshot.rooms = m_server->hub()->roomViews();
    QList<quint64> ids;
    ids.reserve(sessions.size());
    for (const SessionView &session : sessions)
        ids.append(session.session);
    const QHash<quint64, qint64> sent = m_server->messageCounter().takeCounts(ids);
    // Only sessions whose connection is still open: a closed one's row goes at once, even while
    // the hub still shows its user in the rooms (the presence grace period).
    for (const SessionView &session : sessions) {
        const auto connection = open.constFind(session.session);
        if (connection == open.cend())
            continue;
        snapshot.connections.append(ConnectionView{
            session.session, session.name, session.kind, session.role, session.address,
            session.rooms, connection->connectedAt, sent.value(session.session),
            connection->queuedBytes, connection->rttMs, session.status});
    }
    snapshot.totals.messagesIn = m_server->messageCounter().total();
    snapshot.totals.deliveriesOut = m_server->deliveriesOut();
    snapshot.totals.connectionsAccepted = qint64(m_server->hub()->connectionsAccepted());
    const ConnectionLimits &limits = m_server->connectionLimits();
    snapshot.totals.connectionsRefused = limits.refused();
    snapshot.totals.connectionsOpen = limits.total();
    snapshot.totals.connectionCap = limits.caps().total;
    Q_EMIT snapshotReady(snapshot);

    m_pending.store(false);
    if (m_again.exchange(false))
        requestSnapshot();
}

void Monitor::runAction(const QString &action, std::function<ActionResult()> task)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, action, task = std::move(task)] {
            const ActionResult result = task();
            Q_EMIT actionFinished(action, result.ok, result.message);
        },
        Qt::QueuedConnection);
}

namespace {
// How long the monitor waits for a page of the audit log before it says it could not be read.
constexpr int AuditWaitMs = 10'000;

template<typename Result>
ActionResult toActionResult(const Result &result)
{
    if (const auto *error = std::get_if<protocol::Error>(&result))
        return ActionResult{false, error->message};
    return ActionResult{true, {}};
}
} // namespace

// The operator's actions take the same path as a moderator's, with the operator as the actor
// (core/chat/actor.h): no rank check, "server" in the audit log and in the events.

void Monitor::kick(const QString &user, const QString &reason)
{
    Hub *hub = m_server->hub();
    runAction(u"kick"_s, [=] {
        return toActionResult(
            hub->moderation().kick(Actor::operatorActor(), protocol::Kick{{}, user, reason}));
    });
}

void Monitor::ban(const QString &user, int minutes, const QString &reason)
{
    Hub *hub = m_server->hub();
    runAction(u"ban"_s, [=] {
        // The operator bans a name or an address in the same field.
        const bool byAddress = !QHostAddress(user).isNull();
        const protocol::Ban ban{
            {}, byAddress ? QString() : user, minutes, reason, byAddress ? user : QString()};
        return toActionResult(hub->moderation().ban(Actor::operatorActor(), ban));
    });
}

void Monitor::mute(const QString &user, const QString &room, int minutes, const QString &reason)
{
    Hub *hub = m_server->hub();
    runAction(u"mute"_s, [=] {
        return toActionResult(hub->moderation().mute(
            Actor::operatorActor(), protocol::Mute{{}, user, room, minutes, reason}));
    });
}

void Monitor::revokeTokens(const QString &user)
{
    Hub *hub = m_server->hub();
    runAction(u"revoke_tokens"_s, [=] {
        return toActionResult(hub->moderation().revokeTokens(Actor::operatorActor(),
                                                             protocol::RevokeTokens{{}, user}));
    });
}

void Monitor::deleteMessage(const QString &room, qint64 seq)
{
    Hub *hub = m_server->hub();
    runAction(u"delete"_s, [=] {
        return toActionResult(hub->moderation().deleteMessage(
            Actor::operatorActor(), protocol::DeleteMessage{{}, room, seq}));
    });
}

void Monitor::createRoom(const QString &room, protocol::RoomKind kind, const QString &topic)
{
    Hub *hub = m_server->hub();
    runAction(u"create_room"_s, [=] {
        return toActionResult(
            hub->createRoom(Actor::operatorActor(), protocol::CreateRoom{{}, room, kind, topic}));
    });
}

void Monitor::archiveRoom(const QString &room)
{
    Hub *hub = m_server->hub();
    runAction(u"archive_room"_s, [=] {
        return toActionResult(
            hub->archiveRoom(Actor::operatorActor(), protocol::ArchiveRoom{{}, room}));
    });
}

void Monitor::deleteRoom(const QString &room, const QString &reason)
{
    Hub *hub = m_server->hub();
    runAction(u"delete_room"_s, [=] {
        return toActionResult(
            hub->deleteRoom(Actor::operatorActor(), protocol::DeleteRoom{{}, room, reason}));
    });
}

void Monitor::announce(const QString &room, const QString &text)
{
    Hub *hub = m_server->hub();
    const qint64 limit = m_server->config().maxMessageBytes;
    runAction(u"announce"_s, [=] {
        if (text.toUtf8().size() > limit)
            return ActionResult{false,
                                u"A message may have at most %1 bytes (UTF-8)."_s.arg(limit)};
        return toActionResult(hub->operatorAnnounce(room, text));
    });
}

void Monitor::lift(protocol::SanctionAction what, const QString &user, const QString &room)
{
    Hub *hub = m_server->hub();
    runAction(u"lift"_s, [=] {
        // As with ban: the operator names a person or an address in the same field.
        const bool byAddress =
            what == protocol::SanctionAction::Ban && !QHostAddress(user).isNull();
        const protocol::Lift lift{
            {}, what, byAddress ? QString() : user, byAddress ? user : QString(), room};
        return toActionResult(hub->moderation().lift(Actor::operatorActor(), lift));
    });
}

void Monitor::setTopic(const QString &room, const QString &topic)
{
    Hub *hub = m_server->hub();
    runAction(u"set_topic"_s, [=] {
        return toActionResult(
            hub->setTopic(Actor::operatorActor(), protocol::SetTopic{{}, room, topic}));
    });
}

void Monitor::setRole(const QString &user, protocol::Role role)
{
    Hub *hub = m_server->hub();
    runAction(u"set_role"_s, [=] {
        return toActionResult(
            hub->moderation().setRole(Actor::operatorActor(), protocol::SetRole{{}, user, role}));
    });
}

void Monitor::renameRoom(const QString &room, const QString &name)
{
    Hub *hub = m_server->hub();
    runAction(u"rename_room"_s, [=] {
        return toActionResult(
            hub->renameRoom(Actor::operatorActor(), protocol::RenameRoom{{}, room, name}));
    });
}

void Monitor::unarchiveRoom(const QString &room)
{
    Hub *hub = m_server->hub();
    runAction(u"unarchive_room"_s, [=] {
        return toActionResult(
            hub->unarchiveRoom(Actor::operatorActor(), protocol::UnarchiveRoom{{}, room}));
    });
}

void Monitor::removeMember(const QString &room, const QString &user)
{
    Hub *hub = m_server->hub();
    runAction(u"remove_member"_s, [=] {
        return toActionResult(
            hub->removeMember(Actor::operatorActor(), protocol::RemoveMember{{}, room, user}));
    });
}

void Monitor::listSanctions(const QString &after)
{
    Hub *hub = m_server->hub();
    QMetaObject::invokeMethod(
        m_context,
        [this, hub, after] {
            const auto result = hub->moderation().listSanctions(
                Actor::operatorActor(), protocol::ListSanctions{{}, after, 0});
            if (const auto *error = std::get_if<protocol::Error>(&result))
                Q_EMIT actionFinished(u"sanctions"_s, false, error->message);
            else
                Q_EMIT sanctionsListed(std::get<protocol::SanctionList>(result));
        },
        Qt::QueuedConnection);
}

namespace {
// An audit page read on the storage's reading thread, waited for on the monitor's: shared, so
// that a read finishing after the wait gave up writes into something that is still there.
struct AuditWait
{
    QMutex mutex;
    QWaitCondition ready;
    bool done = false;
    bool ok = false;
    protocol::AuditPage page;
};
} // namespace

void Monitor::readAudit(const protocol::ReadAudit &filter)
{
    Hub *hub = m_server->hub();
    QMetaObject::invokeMethod(
        m_context,
        [this, hub, filter] {
            auto wait = std::make_shared<AuditWait>();
            const auto refused = hub->moderation().readAudit(
                Actor::operatorActor(), filter, [wait](bool ok, const protocol::AuditPage &page) {
                    QMutexLocker lock(&wait->mutex);
                    wait->ok = ok;
                    wait->page = page;
                    wait->done = true;
                    wait->ready.wakeAll();
                });
            if (refused) {
                Q_EMIT actionFinished(u"audit"_s, false, refused->message);
                return;
            }
            // Waiting here keeps the page on this thread, which the monitor's destructor joins:
            // nothing reaches a monitor that is gone. Reads are short; a stuck one gives up.
            QMutexLocker lock(&wait->mutex);
            while (!wait->done) {
                if (!wait->ready.wait(&wait->mutex, QDeadlineTimer(AuditWaitMs)))
                    break;
            }
            if (!wait->done || !wait->ok) {
                Q_EMIT actionFinished(u"audit"_s, false, u"The audit log could not be read."_s);
                return;
            }
            const protocol::AuditPage page = wait->page;
            lock.unlock();
            Q_EMIT auditRead(page);
        },
        Qt::QueuedConnection);
}

void Monitor::stopListening()
{
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            m_server->stopListening();
            ListenState state;
            {
                QMutexLocker lock(&m_listenMutex);
                m_listen.listening = false;
                state = m_listen;
            }
            Q_EMIT listenStateChanged(state);
            Q_EMIT actionFinished(u"stop_listening"_s, true, {});
        },
        Qt::QueuedConnection);
}

void Monitor::startListening(const QHostAddress &address, quint16 port)
{
    QMetaObject::invokeMethod(
        m_server,
        [this, address, port] {
            const bool ok = m_server->listenOn(address, port);
            ListenState state;
            {
                QMutexLocker lock(&m_listenMutex);
                m_listen.listening = m_server->isListening();
                if (ok) {
                    m_listen.address = m_server->serverAddress();
                    m_listen.port = m_server->serverPort();
                }
                state = m_listen;
            }
            Q_EMIT listenStateChanged(state);
            Q_EMIT actionFinished(u"start_listening"_s, ok,
                                  ok ? QString() : m_server->errorString());
        },
        Qt::QueuedConnection);
}

} // namespace sori::server
