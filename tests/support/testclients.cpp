// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

#include "testclients.h"

#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtWebSockets/QWebSocketHandshakeOptions>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace sori::test {

RecordingClient::RecordingClient(QObject *parent) : QObject(parent)
{
    using namespace protocol;
    using namespace Qt::StringLiterals;
    // Tests of the server want a client that stays down when dropped; the tests of
    // reconnection turn it on.
    client.setAutoReconnect(false);
    connect(&client, &ChatClient::gapDetected, this, [this](const GapEvent &g) { gaps.append(g); });
    connect(&client, &ChatClient::userInfo, this, [this](const UserInfo &u) { users.append(u); });
    connect(&client, &ChatClient::welcomed, this, [this](const Welcome &w) { welcome = w; });
    connect(&client, &ChatClient::joined, this, [this](const Joined &j) { joins.append(j); });
    connect(&client, &ChatClient::acknowledged, this, [this](const Ack &a) { acks.append(a); });
    connect(&client, &ChatClient::messageReceived, this, [this](const MessageEvent &m) {
        messages.append(m);
        roomOrder.append(u"m%1"_s.arg(m.seq));
    });
    connect(&client, &ChatClient::messageEdited, this, [this](const EditedEvent &e) {
        edits.append(e);
        roomOrder.append(u"e%1>%2"_s.arg(e.at).arg(e.seq));
    });
    connect(&client, &ChatClient::messageDeleted, this, [this](const DeletedEvent &d) {
        deletions.append(d);
        roomOrder.append(u"d%1>%2"_s.arg(d.at).arg(d.seq));
    });
    connect(&client, &ChatClient::reactionChanged, this, [this](const ReactionEvent &r) {
        reactions.append(r);
        roomOrder.append(u"r%1>%2"_s.arg(r.at).arg(r.seq));
    });
    connect(&client, &ChatClient::presenceChanged, this,
            [this](const PresenceEvent &p) { presence.append(p); });
    connect(&client, &ChatClient::typingChanged, this,
            [this](const TypingEvent &t) { typing.append(t); });
    connect(&client, &ChatClient::errorReceived, this,
            [this](const Error &e) { errors.append(e); });
    connect(&client, &ChatClient::historyReceived, this,
            [this](const History &h) { histories.append(h); });
    connect(&client, &ChatClient::sanctioned, this, [this](const SanctionEvent &s) {
        sanctions.append(s);
        disconnectsBeforeLastSanction = disconnects;
    });
    connect(&client, &ChatClient::announced, this,
            [this](const AnnouncementEvent &a) { announcements.append(a); });
    connect(&client, &ChatClient::invited, this,
            [this](const Invited &i) { invitations.append(i); });
    connect(&client, &ChatClient::disconnected, this, [this](int code, const QString &reason) {
        closeCode = code;
        closeReason = reason;
        ++disconnects;
    });
}

bool RecordingClient::greet(const QUrl &url, const QString &name, protocol::ClientKind kind)
{
    client.connectToServer(url, name, kind);
    return QTest::qWaitFor([this] { return client.state() == ChatClient::State::Ready; }, 5000);
}

bool RecordingClient::joinRoom(const QString &room)
{
    const qsizetype before = joins.size();
    client.join(room);
    return QTest::qWaitFor([&] { return joins.size() > before; }, 5000)
        && joins.last().room == room;
}

QList<protocol::MessageEvent> RecordingClient::messagesIn(const QString &room) const
{
    QList<protocol::MessageEvent> result;
    for (const auto &m : messages) {
        if (m.room == room)
            result.append(m);
    }
    return result;
}

bool RecordingClient::hasPresence(const QString &name, protocol::PresenceChange change,
                                  std::optional<protocol::LeaveReason> reason) const
{
    for (const auto &p : presence) {
        if (p.member.name == name && p.change == change && (!reason || p.reason == *reason))
            return true;
    }
    return false;
}

RawClient::RawClient(QObject *parent) : QObject(parent)
{
    connect(&socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { texts.append(text); });
    connect(&socket, &QWebSocket::disconnected, this, [this] {
        closeCode = socket.closeCode();
        closeReason = socket.closeReason();
        closed = true;
    });
}

bool RawClient::open(const QUrl &url, const QStringList &subprotocols)
{
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(subprotocols);
    socket.open(url, options);
    return QTest::qWaitFor(
               [this] { return socket.state() == QAbstractSocket::ConnectedState || closed; }, 5000)
        && socket.state() == QAbstractSocket::ConnectedState;
}

bool CuttableProxy::listen(quint16 serverPort)
{
    m_target = serverPort;
    connect(&m_listener, &QTcpServer::newConnection, this, [this] { accept(); });
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

void CuttableProxy::cut()
{
    for (const auto &pair : std::as_const(m_pairs))
        pair->cut = true;
}

void CuttableProxy::accept()
{
    while (QTcpSocket *client = m_listener.nextPendingConnection()) {
        auto pair = std::make_shared<Pair>();
        pair->client = client;
        pair->server = new QTcpSocket(this);
        client->setParent(this);
        m_pairs.append(pair);
        const auto forward = [pair](QTcpSocket *from, QTcpSocket *to) {
            const QByteArray bytes = from->readAll();
            if (!pair->cut)
                to->write(bytes);
        };
        connect(client, &QTcpSocket::readyRead, this,
                [pair, forward] { forward(pair->client, pair->server); });
        connect(pair->server, &QTcpSocket::readyRead, this,
                [pair, forward] { forward(pair->server, pair->client); });
        connect(client, &QTcpSocket::disconnected, this, [pair] {
            if (!pair->cut)
                pair->server->disconnectFromHost();
        });
        connect(pair->server, &QTcpSocket::disconnected, this, [pair] {
            if (!pair->cut)
                pair->client->disconnectFromHost();
        });
        pair->server->connectToHost(QHostAddress::LocalHost, m_target);
    }
}

QByteArray maskedTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    Q_ASSERT(payload.size() < 126);
    frame.append(char(0x80 | payload.size()));
    const char mask[4] = {0x0f, 0x1e, 0x2d, 0x3c};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

int connectSmallSocket(quint16 port, int receiveBuffer)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QByteArray tcpExchange(quint16 port, const QByteArray &request, const QByteArray &until,
                       int timeoutMs)
{
    // Declared before the socket: its destructor may still emit signals into them.
    QByteArray response;
    bool closed = false;
    QTcpSocket socket;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(request);
    // On a time-out the caller sees what has arrived so far and says what is missing.
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] { return closed || (!until.isEmpty() && response.contains(until)); }, timeoutMs);
    return response;
}

QByteArray tcpExchangeHalfClosed(quint16 port, const QByteArray &request, int timeoutMs)
{
    const int fd = connectSmallSocket(port);
    if (fd < 0)
        return {};
    QByteArray response;
    if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) == request.size()) {
        ::shutdown(fd, SHUT_WR);
        // The server's threads (and the listener, on this thread's event loop) work meanwhile.
        int waiting = -1, unchangedPolls = 0;
        [[maybe_unused]] const bool full = QTest::qWaitFor(
            [&] {
                int now = 0;
                ::ioctl(fd, FIONREAD, &now);
                unchangedPolls = now > 0 && now == waiting ? unchangedPolls + 1 : 0;
                waiting = now;
                return unchangedPolls >= 5;
            },
            timeoutMs);
        const timeval limit{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        char buffer[16384];
        for (;;) {
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0)
                break;
            response.append(buffer, got);
        }
    }
    ::close(fd);
    return response;
}

void Bystander::roundTrips(int count)
{
    for (int i = 0; i < count && !timedOut; ++i) {
        const qsizetype before = client->acks.size();
        QElapsedTimer clock;
        clock.start();
        client->client.sendMessage(room, QStringLiteral("bystander %1").arg(i));
        if (!QTest::qWaitFor([&] { return client->acks.size() > before; }, timeoutMs))
            timedOut = true;
        ackMs.append(clock.elapsed());
    }
}

qint64 Bystander::worst() const
{
    return ackMs.isEmpty() ? -1 : *std::max_element(ackMs.begin(), ackMs.end());
}

DeafClient::~DeafClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool DeafClient::open(quint16 port, const QString &name)
{
    m_fd = connectSmallSocket(port);
    if (m_fd < 0)
        return false;
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    const QByteArray upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                               "Connection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\n"
                               "Sec-WebSocket-Protocol: sori.v1\r\n\r\n";
    const protocol::Login login{
        QStringLiteral("l"),        protocol::Version, name, name + QStringLiteral(" password"), {},
        protocol::ClientKind::Other};
    if (!write(upgrade) || !write(maskedTextFrame(protocol::MessageCodec::encode(login))))
        return false;
    // Read only until welcomed: from then on, nothing.
    return QTest::qWaitFor(
        [this] {
            readAvailable();
            return m_received.contains("\"type\":\"welcome\"");
        },
        10'000);
}

bool DeafClient::tryWrite(const QByteArray &frame)
{
    if (m_pending.size() < 65536)
        m_pending.append(frame);
    const ssize_t n =
        ::send(m_fd, m_pending.constData(), size_t(m_pending.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0)
        m_pending.remove(0, n);
    return n >= 0 || errno == EAGAIN || errno == EWOULDBLOCK;
}

bool DeafClient::write(const QByteArray &bytes)
{
    qsizetype sent = 0;
    QElapsedTimer timer;
    timer.start();
    while (sent < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return false;
        // Full: let the server (on this event loop too) read until there is room again.
        const auto writable = [this] {
            pollfd p{m_fd, POLLOUT, 0};
            return ::poll(&p, 1, 0) > 0 && (p.revents & POLLOUT);
        };
        if (!QTest::qWaitFor(writable, int(std::max<qint64>(1, 10'000 - timer.elapsed()))))
            return false;
    }
    return true;
}

void DeafClient::readAvailable()
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0)
            return;
        m_received.append(buffer, n);
    }
}

} // namespace sori::test
