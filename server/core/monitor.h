// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitorviews.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QThread>
#include <QtNetwork/QHostAddress>

#include <atomic>
#include <functional>

namespace sori::server {

class ChatServer;

// The result of an operator action.
struct ActionResult
{
    bool ok = false;
    QString message; // from the server, in English: what failed, or empty
};

// Watches a ChatServer and acts on it for the operator. Snapshots are taken and actions carried
// out on a thread of the monitor's own (the hub's lock and the workers are never waited for on
// the caller's thread); results come back as signals, queued to the monitor's thread. Listening
// is changed on the server's own thread. The server must outlive the monitor.
class Monitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monitor)

public:
    explicit Monitor(ChatServer *server, QObject *parent = nullptr);
    ~Monitor() override;

    // Asks for a snapshot; snapshotReady follows. A request while one is being taken is merged
    // into it (so a slow snapshot never piles up).
    void requestSnapshot();
    // On the caller's thread, without waiting: whether and where the server listens.
    ListenState listenState() const;

    // Operator actions, with the server as the actor. Each ends with actionFinished(action, ...).
    void kick(const QString &user, const QString &reason);
    void ban(const QString &user, int minutes, const QString &reason); // minutes 0: for ever
    // room empty: everywhere; reason: told to the muted person and kept in the audit log
    void mute(const QString &user, const QString &room, int minutes, const QString &reason = {});
    void revokeTokens(const QString &user);
    void deleteMessage(const QString &room, qint64 seq);
    void createRoom(const QString &room, protocol::RoomKind kind, const QString &topic);
    void archiveRoom(const QString &room);
    void deleteRoom(const QString &room, const QString &reason);
    void announce(const QString &room, const QString &text); // room empty: every open room
    // The moderation tools (docs/protocol.md §13), as the operator. lift: what is Ban or Mute;
    // user a name, or an address for a ban; room a mute's room (empty: the everywhere mute).
    void lift(protocol::SanctionAction what, const QString &user, const QString &room = {});
    void setTopic(const QString &room, const QString &topic);
    void setRole(const QString &user, protocol::Role role);
    void renameRoom(const QString &room, const QString &name);
    void unarchiveRoom(const QString &room);
    void removeMember(const QString &room, const QString &user);
    // A page of the active sanctions (after: the `next` of the previous page): sanctionsListed,
    // or actionFinished("sanctions", false, ...).
    void listSanctions(const QString &after = {});
    // A page of the audit log (the filters and paging of protocol::ReadAudit): auditRead, or
    // actionFinished("audit", false, ...).
    void readAudit(const protocol::ReadAudit &filter);
    void stopListening();
    void startListening(const QHostAddress &address, quint16 port);

Q_SIGNALS:
    void snapshotReady(const sori::server::MonitorSnapshot &snapshot);
    void actionFinished(const QString &action, bool ok, const QString &message);
    void listenStateChanged(const sori::server::ListenState &state);
    void sanctionsListed(const sori::protocol::SanctionList &sanctions);
    void auditRead(const sori::protocol::AuditPage &page);

private:
    // The certificate in use into m_listen (under m_listenMutex, or before the thread runs).
    void readTls();
    void takeSnapshot();
    void finishSnapshot(const QList<ConnectionStats> &stats);
    void runAction(const QString &action, std::function<ActionResult()> task);

    ChatServer *const m_server;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    std::atomic<bool> m_pending = false; // a snapshot is being taken
    std::atomic<bool> m_again = false; // and another was asked for meanwhile
    mutable QMutex m_listenMutex;
    ListenState m_listen;
};

} // namespace sori::server
