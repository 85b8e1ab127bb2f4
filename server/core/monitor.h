// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

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
struct PendingMessage;

// What the server window (or anything else that watches the server) sees. Everything here is a
// plain value, copied out of the core: the reader never shares state with the threads that serve.

// One connection, as the worker thread that owns it sees it.
struct ConnectionStats
{
    quint64 session = 0;
    qint64 connectedAt = 0; // ms since the epoch
    qint64 queuedBytes = 0; // written by the server, not yet taken by the peer's TCP stack
    int rttMs = -1; // the last ping's round trip; -1 until one was answered
};

// One signed-in session, as the hub sees it.
struct SessionView
{
    quint64 session = 0;
    QString name;
    protocol::ClientKind kind = protocol::ClientKind::Other;
    protocol::Role role = protocol::Role::Guest;
    QString address;
    QStringList rooms;
};

// A session with its connection's figures: one row of "Online now".
struct ConnectionView
{
    quint64 session = 0;
    QString name;
    protocol::ClientKind kind = protocol::ClientKind::Other;
    protocol::Role role = protocol::Role::Guest;
    QString address;
    QStringList rooms;
    qint64 connectedAt = 0; // ms since the epoch
    qint64 messagesSent = 0; // chat messages stored from this connection
    qint64 queuedBytes = 0;
    int rttMs = -1;

    bool operator==(const ConnectionView &) const = default;
};

// One room.
struct RoomView
{
    QString name;
    protocol::RoomKind kind = protocol::RoomKind::Public;
    QString topic;
    QStringList online; // the names online in it, each once, in the order they joined
    int invited = -1; // private and direct rooms: the accounts let in; -1 for open rooms
    qint64 messages = 0; // the last sequence number stored
    qint64 lastActivity = 0; // ms since the epoch of the newest stored message; 0: none known

    bool operator==(const RoomView &) const = default;
};

struct MonitorTotals
{
    qint64 messagesIn = 0; // chat messages stored since the start
    qint64 deliveriesOut = 0; // frames written to sessions since the start
    qint64 connectionsAccepted = 0; // TCP connections taken since the start
    qint64 connectionsRefused = 0; // closed at once since the start: a connection cap was reached
    int connectionsOpen = 0; // TCP connections open now, handshakes under way included
    int connectionCap = 0; // limits/max-connections in force
};

struct ListenState
{
    bool listening = false;
    QHostAddress address;
    quint16 port = 0;
    int workers = 0;
    bool tls = false;
    QString databasePath;
};

struct MonitorSnapshot
{
    qint64 takenAt = 0; // ms since the epoch
    QList<ConnectionView> connections;
    QList<RoomView> rooms;
    MonitorTotals totals;
};

// Counts the stored chat messages per sending session. Thread-safe; called once per group
// commit on the storage thread (one lock per batch, not per message).
class MessageCounter
{
public:
    void count(const QList<PendingMessage> &batch);
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    // The counts of the sessions given; the others are forgotten.
    QHash<quint64, qint64> takeCounts(const QList<quint64> &sessionsStillThere);

private:
    mutable QMutex m_mutex;
    QHash<quint64, qint64> m_perSession;
    std::atomic<qint64> m_total = 0;
};

// One log record, from any logging category.
struct LogRecord
{
    qint64 seq = 0; // increasing, from 1
    qint64 time = 0; // ms since the epoch
    QtMsgType level = QtInfoMsg;
    QString category;
    QString message;
};

// A capped ring of the latest log records, fed by a Qt message handler: the records of the sori.*
// categories, and warnings or worse of any other. The handler passes every record on to the one
// installed before it (the terminal keeps its log). Install at most one at a time; it uninstalls
// itself when destroyed.
class LogBuffer
{
public:
    explicit LogBuffer(int capacity = 5000);
    ~LogBuffer();
    Q_DISABLE_COPY_MOVE(LogBuffer)

    void install();
    // Thread-safe.
    void append(LogRecord record);
    // The records newer than seq, oldest first (at most capacity of them).
    QList<LogRecord> since(qint64 seq) const;
    int capacity() const { return m_capacity; }

private:
    const int m_capacity;
    mutable QMutex m_mutex;
    QList<LogRecord> m_ring; // oldest first
    qint64 m_nextSeq = 1;
    bool m_installed = false;
};

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
    void mute(const QString &user, const QString &room, int minutes); // room empty: everywhere
    void revokeTokens(const QString &user);
    void deleteMessage(const QString &room, qint64 seq);
    void createRoom(const QString &room, protocol::RoomKind kind, const QString &topic);
    void archiveRoom(const QString &room);
    void deleteRoom(const QString &room, const QString &reason);
    void announce(const QString &room, const QString &text); // room empty: every open room
    void stopListening();
    void startListening(const QHostAddress &address, quint16 port);

Q_SIGNALS:
    void snapshotReady(const sori::server::MonitorSnapshot &snapshot);
    void actionFinished(const QString &action, bool ok, const QString &message);
    void listenStateChanged(const sori::server::ListenState &state);

private:
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

Q_DECLARE_METATYPE(sori::server::MonitorSnapshot)
Q_DECLARE_METATYPE(sori::server::ListenState)
