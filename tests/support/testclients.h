// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// Clients for integration tests: a ChatClient that records everything it receives, and a raw
// QWebSocket for plain mode and for frames no well-behaved client would send.

#include "protocol/client/chatclient.h"

#include <QtCore/QUrl>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <memory>
#include <optional>

namespace sori::test {

class RecordingClient : public QObject
{
public:
    explicit RecordingClient(QObject *parent = nullptr);

    // Connects, says hello and waits for the welcome.
    bool greet(const QUrl &url, const QString &name,
               protocol::ClientKind kind = protocol::ClientKind::Desktop);
    bool joinRoom(const QString &room);
    QList<protocol::MessageEvent> messagesIn(const QString &room) const;
    bool hasPresence(const QString &name, protocol::PresenceChange change,
                     std::optional<protocol::LeaveReason> reason = {}) const;

    ChatClient client;
    protocol::Welcome welcome;
    QList<protocol::Joined> joins;
    QList<protocol::Ack> acks;
    QList<protocol::MessageEvent> messages;
    // Changes to messages as they came (live or in a catch-up), and the order of everything of
    // the rooms: "m<seq>" a message, "e<at>><seq>" an edit, "d…" a delete, "r…" a reaction.
    QList<protocol::EditedEvent> edits;
    QList<protocol::DeletedEvent> deletions;
    QList<protocol::ReactionEvent> reactions;
    QStringList roomOrder;
    QList<protocol::PresenceEvent> presence;
    QList<protocol::TypingEvent> typing;
    QList<protocol::Error> errors;
    QList<protocol::History> histories;
    QList<protocol::GapEvent> gaps;
    QList<protocol::UserInfo> users;
    QList<protocol::SanctionEvent> sanctions;
    int disconnectsBeforeLastSanction = -1; // to tell that a sanction came before the close
    QList<protocol::AnnouncementEvent> announcements;
    QList<protocol::Invited> invitations; // "invited" events (without an id), and answers
    int closeCode = -1;
    QString closeReason;
    int disconnects = 0;
};

// A bare WebSocket: no subprotocol unless asked for, so plain mode by default.
class RawClient : public QObject
{
public:
    explicit RawClient(QObject *parent = nullptr);

    bool open(const QUrl &url, const QStringList &subprotocols = {});

    // Waits until some text frame received from now on satisfies the predicate.
    template<typename Predicate>
    bool waitForText(Predicate predicate, qsizetype from = 0)
    {
        return QTest::qWaitFor(
            [&] {
                for (qsizetype i = from; i < texts.size(); ++i) {
                    if (predicate(texts[i]))
                        return true;
                }
                return false;
            },
            5000);
    }

    QWebSocket socket;
    QStringList texts;
    bool closed = false;
    int closeCode = -1;
    QString closeReason;
};

// A TCP relay to the server that can be cut like a network: after cut(), the bytes of the
// connections open at that moment go nowhere, both ways, and nothing is closed (no FIN, no RST),
// as when a cable is pulled. Connections made after the cut go through.
class CuttableProxy : public QObject
{
public:
    bool listen(quint16 serverPort);
    quint16 port() const { return m_listener.serverPort(); }
    void cut();

private:
    struct Pair
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        bool cut = false;
    };

    void accept();

    QTcpServer m_listener;
    quint16 m_target = 0;
    QList<std::shared_ptr<Pair>> m_pairs;
};

// One text frame as a client sends it (masked), for sockets that speak WebSocket by hand.
QByteArray maskedTextFrame(const QByteArray &payload);

// A blocking TCP socket connected to the server on loopback, with a receive buffer of
// `receiveBuffer` bytes (set before connecting, so that the window is small from the start);
// -1 if it could not connect.
int connectSmallSocket(quint16 port, int receiveBuffer = 4096);

// Sends raw bytes over TCP and collects the answer until the server closes or `until` appears.
QByteArray tcpExchange(quint16 port, const QByteArray &request, const QByteArray &until = {},
                       int timeoutMs = 5000);

// Sends a request over TCP with a small receive buffer, shuts the sending side right after it (a
// FIN, as some HTTP clients do) and reads nothing until the server has filled that buffer and
// waits to write more: by then it has seen the end. Then reads everything until the server
// closes, or `timeoutMs` passes.
QByteArray tcpExchangeHalfClosed(quint16 port, const QByteArray &request, int timeoutMs = 5000);

// A bystander's round trips while someone else does their worst: it sends one message at a
// time, each once the previous one is acknowledged, and records how long each ack took.
struct Bystander
{
    RecordingClient *client = nullptr;
    QString room;
    QList<qint64> ackMs;
    bool timedOut = false;
    int timeoutMs = 10'000; // for each acknowledgement

    // `count` round trips, one right after the other.
    void roundTrips(int count);
    // The slowest acknowledgement so far, in ms; -1 before the first.
    qint64 worst() const;
};

// An account speaking WebSocket by hand on a socket with a small receive buffer: it signs in
// (with createAccounts()'s password) and from then on writes without ever reading, as a
// hostile client that floods requests does.
class DeafClient
{
public:
    DeafClient() = default;
    DeafClient(const DeafClient &) = delete;
    DeafClient &operator=(const DeafClient &) = delete;
    ~DeafClient();

    // Connects, upgrades and signs in as `name`; false if any step failed within 10 s.
    bool open(quint16 port, const QString &name);
    // Queues a frame (unless much is queued already) and writes what fits now, never half a
    // frame apart from the rest; false once the server has closed the connection.
    bool tryWrite(const QByteArray &frame);

private:
    bool write(const QByteArray &bytes);
    void readAvailable();

    int m_fd = -1;
    QByteArray m_received;
    QByteArray m_pending;
};

} // namespace sori::test
