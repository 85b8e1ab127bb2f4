// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtNetwork/QHostAddress>

namespace sori::server {

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
    protocol::PresenceStatus status = protocol::PresenceStatus::Online; // what the person set
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
    // Online, away or do-not-disturb: what the person set (status), the same on all its rows.
    protocol::PresenceStatus status = protocol::PresenceStatus::Online;

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
    bool archived = false; // read-only (archive_room): the window offers to unarchive it

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
    // With TLS: the certificate in use (SHA-256 of it, "AB:CD:…"), when it expires, and
    // whether the server made it (--tls-self-signed). redirectPort: plain HTTP sent to HTTPS.
    QString tlsFingerprint;
    QDateTime tlsNotAfter;
    bool tlsSelfSigned = false;
    quint16 redirectPort = 0;
    QString databasePath;
};

struct MonitorSnapshot
{
    qint64 takenAt = 0; // ms since the epoch
    QList<ConnectionView> connections;
    QList<RoomView> rooms;
    MonitorTotals totals;
};

} // namespace sori::server

Q_DECLARE_METATYPE(sori::server::MonitorSnapshot)
Q_DECLARE_METATYPE(sori::server::ListenState)
