// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// One hostile connection against the network layer (issue 18, rows 2, 3 and 8): what it sends
// and never reads must not grow the server's memory, and the connections it opens must not
// lock others out. Each test runs the attack at a small scale and checks what a bystander gets.

#include "core/monitor.h"
#include "core/net/connectionlimits.h"
#include "testserver.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::test;

namespace {

// A TCP connection made by hand from a chosen loopback address, with a small receive buffer,
// that reads nothing unless told to.
class HostileSocket
{
public:
    HostileSocket() = default;
    ~HostileSocket()
    {
        if (fd >= 0)
            ::close(fd);
    }
    Q_DISABLE_COPY_MOVE(HostileSocket)

    bool connectTo(quint16 port, const char *from = "127.0.0.1")
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return false;
        const int small = 4096;
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from, &local.sin_addr);
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) != 0)
            return false;
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
            && errno != EINPROGRESS)
            return false;
        return QTest::qWaitFor([this] { return writable(); }, 5000);
    }

    bool writable() const
    {
        pollfd p{fd, POLLOUT, 0};
        return ::poll(&p, 1, 0) == 1 && (p.revents & POLLOUT);
    }

    // Sends what fits within timeoutMs, the event loop running meanwhile; returns the bytes sent.
    qint64 sendFor(const QByteArray &bytes, int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        qint64 sent = 0;
        while (sent < bytes.size() && !clock.hasExpired(timeoutMs)) {
            const ssize_t n = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                break; // the server closed it
            [[maybe_unused]] const bool room = QTest::qWaitFor(
                [this] { return writable(); }, int(qMax<qint64>(1, timeoutMs - clock.elapsed())));
        }
        return sent;
    }

    // Whether the server has ended the connection: reads (and drops) what is waiting first.
    bool endedByServer(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [this] {
                char buffer[65536];
                for (;;) {
                    const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
                    if (n == 0)
                        return true;
                    if (n < 0)
                        return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
                }
            },
            timeoutMs);
    }

    int fd = -1;
};

QByteArray upgradeRequest()
{
    return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

QByteArray maskedPing(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x89));
    frame.append(char(0x80 | payload.size()));
    const char mask[4] = {0x11, 0x22, 0x33, 0x44};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

// The resident memory of this process (the server runs in it), in bytes.
qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * ::sysconf(_SC_PAGESIZE) : -1;
}

// A signed-in guest in lobby that sends a message now and then and measures its acks.
struct LobbyBystander
{
    RecordingClient client;
    qint64 worstAckMs = 0;
    int sent = 0;

    bool start(const QUrl &url)
    {
        return client.greet(url, u"bystander"_s) && client.joinRoom(u"lobby"_s);
    }
    // Sends one message and waits for its ack; false if none came within 10 s.
    bool sendAndTime()
    {
        const qsizetype before = client.acks.size();
        QElapsedTimer clock;
        clock.start();
        client.client.sendMessage(u"lobby"_s, u"still here %1"_s.arg(++sent));
        if (!QTest::qWaitFor([&] { return client.acks.size() > before; }, 10000))
            return false;
        worstAckMs = qMax(worstAckMs, clock.elapsed());
        return true;
    }
    bool connected() const { return client.client.state() == ChatClient::State::Ready; }
};

// The longest outgoing queue of the server's WebSocket connections, in bytes.
qint64 largestQueue(server::ChatServer &server)
{
    // Answered on a worker's thread.
    auto largest = std::make_shared<std::atomic<qint64>>(-1);
    server.collectConnectionStats([largest](const QList<server::ConnectionStats> &stats) {
        qint64 most = 0;
        for (const server::ConnectionStats &s : stats)
            most = qMax(most, s.queuedBytes);
        largest->store(most);
    });
    [[maybe_unused]] const bool answered =
        QTest::qWaitFor([&] { return largest->load() >= 0; }, 5000);
    return largest->load();
}

} // namespace

class tst_NetBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pingFloodQueuesNoPongs();
    void pipelinedHttpRequestsHoldOneResponse();
    void pipelinedHttpRequestsAreAllAnswered();
    void pendingHandshakesAreCappedPerAddress();
    void connectionsAreCappedPerAddressAndInAll();
    void oneAddressGetsAtMostHalfOfAll();
};

// Row 2: a client floods pings and never reads. Each ping used to queue a pong outside the
// outgoing budget (3.4 GB in 13 s); now the latest ping is answered once per write.
void tst_NetBudget::pingFloodQueuesNoPongs()
{
    QTemporaryDir dir;
    constexpr qint64 Budget = 256 * 1024;
    auto server =
        startServer(dir.path(), [](server::ServerConfig &c) { c.maxOutgoingBytes = Budget; });
    QVERIFY(server);
    LobbyBystander bystander;
    QVERIFY(bystander.start(wsUrl(*server)));

    HostileSocket hostile;
    QVERIFY(hostile.connectTo(server->serverPort()));
    QCOMPARE(hostile.sendFor(upgradeRequest(), 5000), upgradeRequest().size());
    QByteArray pings;
    const QByteArray ping = maskedPing(QByteArray(125, 'p'));
    for (int i = 0; i < 2000; ++i)
        pings += ping; // 262 KB a round
    const qint64 before = residentBytes();
    qint64 sent = 0;
    qint64 largest = 0;
    for (int round = 0; round < 20; ++round) {
        sent += hostile.sendFor(pings, 2000);
        largest = qMax(largest, largestQueue(*server));
        QVERIFY2(bystander.sendAndTime(), "the bystander's message was not acknowledged");
    }
    // The server read them all: 5 MB of pings, 2.6 MB of pongs if each were answered.
    QVERIFY2(sent >= 20 * pings.size() / 2, qPrintable(u"only %1 bytes of pings sent"_s.arg(sent)));
    QVERIFY2(largest <= Budget, qPrintable(u"%1 bytes queued for one connection"_s.arg(largest)));
    QVERIFY2(residentBytes() - before < 64 << 20,
             qPrintable(u"memory grew by %1 bytes"_s.arg(residentBytes() - before)));
    QVERIFY(bystander.connected());
    QVERIFY2(bystander.worstAckMs < 2000,
             qPrintable(u"an ack took %1 ms"_s.arg(bystander.worstAckMs)));
}

// Row 3: a client pipelines GET /session.js (the largest file) and never reads. Every response used
// to be queued at once (6.3 GB from 3.6 MB sent); now the next request waits for the last response
// to leave.
void tst_NetBudget::pipelinedHttpRequestsHoldOneResponse()
{
    QTemporaryDir dir;
    auto server = startServer(dir.path());
    QVERIFY(server);
    LobbyBystander bystander;
    QVERIFY(bystander.start(wsUrl(*server)));

    HostileSocket hostile;
    QVERIFY(hostile.connectTo(server->serverPort()));
    QByteArray requests;
    for (int i = 0; i < 20'000; ++i)
        requests += "GET /session.js HTTP/1.1\r\nHost: x\r\n\r\n";
    const qint64 before = residentBytes();
    hostile.sendFor(requests, 3000);
    for (int i = 0; i < 5; ++i)
        QVERIFY2(bystander.sendAndTime(), "the bystander's message was not acknowledged");
    // The page is still served to somebody else, at once.
    QElapsedTimer clock;
    clock.start();
    const QByteArray page = tcpExchange(server->serverPort(),
                                        "GET / HTTP/1.1\r\nHost: x\r\n"
                                        "Connection: close\r\n\r\n");
    QVERIFY2(page.startsWith("HTTP/1.1 200"), page.left(200).constData());
    QVERIFY2(clock.elapsed() < 2000, qPrintable(u"the page took %1 ms"_s.arg(clock.elapsed())));
    // session.js is tens of kilobytes: 20,000 answers queued would be hundreds of megabytes.
    QVERIFY2(residentBytes() - before < 64 << 20,
             qPrintable(u"memory grew by %1 bytes"_s.arg(residentBytes() - before)));
    QVERIFY(bystander.connected());
    QVERIFY2(bystander.worstAckMs < 2000,
             qPrintable(u"an ack took %1 ms"_s.arg(bystander.worstAckMs)));
    // The hostile client still gets its answers in order once it reads: the first one is whole.
    char head[16] = {};
    QVERIFY(QTest::qWaitFor([&] { return ::recv(hostile.fd, head, 15, MSG_PEEK) == 15; }, 5000));
    QCOMPARE(QByteArray(head, 15), QByteArray("HTTP/1.1 200 OK"));
}

// Pausing must lose nothing: a client that pipelines requests and reads gets every answer, in
// order.
void tst_NetBudget::pipelinedHttpRequestsAreAllAnswered()
{
    QTemporaryDir dir;
    auto server = startServer(dir.path());
    QVERIFY(server);
    QByteArray requests;
    constexpr int Count = 60;
    for (int i = 0; i < Count; ++i)
        requests += i % 2 ? "GET /session.js HTTP/1.1\r\nHost: x\r\n\r\n"
                          : "HEAD /classic HTTP/1.1\r\nHost: x\r\n\r\n";
    requests += "GET /nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const QByteArray answers = tcpExchange(server->serverPort(), requests, {}, 20000);
    QCOMPARE(answers.count("HTTP/1.1 200 OK"), Count);
    QCOMPARE(answers.count("HTTP/1.1 404"), 1);
    QVERIFY(answers.lastIndexOf("HTTP/1.1 200 OK") < answers.indexOf("HTTP/1.1 404"));
}

// Row 8: idle TCP connections. One address may hold only so many handshakes open; the others
// are closed at once, and somebody else still gets in.
void tst_NetBudget::pendingHandshakesAreCappedPerAddress()
{
    QTemporaryDir dir;
    auto server = startServer(
        dir.path(), [](server::ServerConfig &c) { c.maxPendingHandshakesPerAddress = 20; });
    QVERIFY(server);
    std::vector<std::unique_ptr<HostileSocket>> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(std::make_unique<HostileSocket>());
        QVERIFY(idle.back()->connectTo(server->serverPort(), "127.0.0.2"));
    }
    const server::ConnectionLimits &limits = server->connectionLimits();
    QTRY_COMPARE_WITH_TIMEOUT(limits.refused(), qint64(180), 10000);
    QCOMPARE(limits.fromSource(u"127.0.0.2"_s), 20);
    // The ones refused were closed at once: the first 20 stay open, the last are gone.
    QVERIFY(idle.back()->endedByServer());
    QVERIFY(!idle.front()->endedByServer(200));

    LobbyBystander bystander; // from 127.0.0.1
    QVERIFY(bystander.start(wsUrl(*server)));
    QVERIFY(bystander.sendAndTime());
    // Once a handshake of that address ends, another one of it is let in.
    idle.front().reset();
    QTRY_COMPARE_WITH_TIMEOUT(limits.fromSource(u"127.0.0.2"_s), 19, 5000);
    HostileSocket again;
    QVERIFY(again.connectTo(server->serverPort(), "127.0.0.2"));
    QTRY_COMPARE_WITH_TIMEOUT(limits.fromSource(u"127.0.0.2"_s), 20, 5000);
    QCOMPARE(limits.refused(), qint64(180));
}

// Opens `count` connections from `from` that upgrade to WebSocket (plain) at once.
static void openUpgraded(std::vector<std::unique_ptr<HostileSocket>> &open, quint16 port,
                         const char *from, int count)
{
    for (int i = 0; i < count; ++i) {
        open.push_back(std::make_unique<HostileSocket>());
        QVERIFY(open.back()->connectTo(port, from));
        open.back()->sendFor(upgradeRequest(), 1000);
    }
}

// Row 8 again: upgraded connections count per address and in all.
void tst_NetBudget::connectionsAreCappedPerAddressAndInAll()
{
    QTemporaryDir dir;
    auto server = startServer(dir.path(), [](server::ServerConfig &c) {
        c.maxConnectionsPerAddress = 10;
        c.maxConnections = 24;
    });
    QVERIFY(server);
    const server::ConnectionLimits &limits = server->connectionLimits();
    std::vector<std::unique_ptr<HostileSocket>> open;
    openUpgraded(open, server->serverPort(), "127.0.0.3", 12);
    QTRY_COMPARE_WITH_TIMEOUT(limits.refused(), qint64(2), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(limits.pending(), 0, 5000); // the 10 admitted have upgraded
    QCOMPARE(limits.fromSource(u"127.0.0.3"_s), 10);
    openUpgraded(open, server->serverPort(), "127.0.0.4", 12);
    QTRY_COMPARE_WITH_TIMEOUT(limits.refused(), qint64(4), 5000);
    openUpgraded(open, server->serverPort(), "127.0.0.5", 10);
    // 10 + 10 + 4 = the cap of 24 in all.
    QTRY_COMPARE_WITH_TIMEOUT(limits.refused(), qint64(10), 5000);
    QCOMPARE(limits.total(), 24);
    QCOMPARE(limits.fromSource(u"127.0.0.5"_s), 4);
}

// One address never gets more than half of all the places, whatever its own cap says.
void tst_NetBudget::oneAddressGetsAtMostHalfOfAll()
{
    QTemporaryDir dir;
    auto server = startServer(dir.path(), [](server::ServerConfig &c) {
        c.maxConnectionsPerAddress = 1000;
        c.maxConnections = 12;
    });
    QVERIFY(server);
    const server::ConnectionLimits &limits = server->connectionLimits();
    QCOMPARE(limits.caps().perSource, 6);
    std::vector<std::unique_ptr<HostileSocket>> open;
    openUpgraded(open, server->serverPort(), "127.0.0.6", 9);
    QTRY_COMPARE_WITH_TIMEOUT(limits.refused(), qint64(3), 5000);
    QCOMPARE(limits.fromSource(u"127.0.0.6"_s), 6);
    LobbyBystander bystander; // from 127.0.0.1
    QVERIFY(bystander.start(wsUrl(*server)));
    QVERIFY(bystander.sendAndTime());
}

QTEST_MAIN(tst_NetBudget)
#include "tst_netbudget.moc"
