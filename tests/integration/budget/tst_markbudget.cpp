// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// One hostile account must not hurt anybody else through issue 22's cheap requests: `read`
// markers, `status` and `find_people` pipelined by the hundred thousand by a client that never
// reads what it is sent. Everybody else's messages are acknowledged promptly, their connections
// stay up, and the reads are written in a few batches, not one write each.

#include "core/chat/hub.h"
#include "core/store/sqlitestore.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {

QByteArray frame(const ClientMessage &message)
{
    return test::maskedTextFrame(MessageCodec::encode(message));
}

// A client speaking WebSocket by hand on a socket with a small receive buffer: it signs in, joins
// and from then on writes without ever reading.
class DeafAccount
{
public:
    ~DeafAccount()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool open(quint16 port, const QString &name, const QString &room)
    {
        m_fd = test::connectSmallSocket(port);
        if (m_fd < 0)
            return false;
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        const QByteArray upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                   "Connection: Upgrade\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                   "Sec-WebSocket-Version: 13\r\n"
                                   "Sec-WebSocket-Protocol: sori.v1\r\n\r\n";
        if (!write(upgrade)
            || !write(
                frame(Login{u"in"_s, Version, name, name + u" password"_s, {}, ClientKind::Other})))
            return false;
        if (!QTest::qWaitFor(
                [this] {
                    readAvailable();
                    return m_received.contains("\"type\":\"welcome\"");
                },
                10'000))
            return false;
        if (!write(frame(Join{u"j"_s, room})))
            return false;
        // Read only until joined: from then on, nothing.
        return QTest::qWaitFor(
            [this] {
                readAvailable();
                return m_received.contains("\"type\":\"joined\"");
            },
            5000);
    }

    // Writes all of `bytes`, waiting (with the event loop running) while the socket is full;
    // false once the server has closed the connection.
    bool write(const QByteArray &bytes, int timeoutMs = 30'000)
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
            if (timer.elapsed() > timeoutMs)
                return false;
            [[maybe_unused]] const bool room = QTest::qWaitFor(
                [this] {
                    pollfd p{m_fd, POLLOUT, 0};
                    return ::poll(&p, 1, 0) == 1;
                },
                int(qMax<qint64>(1, timeoutMs - timer.elapsed())));
        }
        return true;
    }

    void readAvailable()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n <= 0)
                return;
            m_received.append(buffer, n);
        }
    }

private:
    int m_fd = -1;
    QByteArray m_received;
};

} // namespace

class tst_MarkBudget : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { m_server.reset(); }
    void floodOfReadsStatusAndSearchesHurtsNobody_data();
    void floodOfReadsStatusAndSearchesHurtsNobody();
};

void tst_MarkBudget::floodOfReadsStatusAndSearchesHurtsNobody_data()
{
    QTest::addColumn<bool>("generous");
    // The defaults: the flood is over its rates at once, and closed far over them.
    QTest::newRow("default rates") << false;
    // Rates an operator raised and never closing: every request reaches the hub.
    QTest::newRow("no rate limits") << true;
}

void tst_MarkBudget::floodOfReadsStatusAndSearchesHurtsNobody()
{
    newDataDir({{u"hostile"_s, Role::Member}});
    {
        // Many accounts (that never sign in: no password to hash), so that every search has
        // something to go through.
        server::SqliteStore store(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY(store.open());
        for (int i = 0; i < 2000; ++i) {
            qint64 id = -1;
            QVERIFY(store.createAccount(u"person%1"_s.arg(i), u"-"_s, Role::Member, 1, &id));
        }
    }
    QFETCH(bool, generous);
    const int flushMs = 100;
    startServer([&](ServerConfig &config) {
        config.readFlushMs = flushMs;
        if (generous) {
            config.typingRate = {};
            config.joinRate = {};
            config.readRate = {};
            config.rateCloseMultiple = 0;
        }
    });
    auto bystander = test::guest(url(), u"bystander"_s, {u"lobby"_s});
    auto elsewhere = test::guest(url(), u"elsewhere"_s, {u"quiet"_s});
    QVERIFY(bystander && elsewhere);
    // Something to mark as read.
    for (int i = 0; i < 50; ++i)
        bystander->client.sendMessage(u"lobby"_s, u"message %1"_s.arg(i));
    QTRY_COMPARE(bystander->acks.size(), 50);

    DeafAccount hostile;
    QVERIFY(hostile.open(m_server->serverPort(), u"hostile"_s, u"lobby"_s));
    const quint64 flushesBefore = m_server->hub()->readMarks().flushes();
    QElapsedTimer elapsed;
    elapsed.start();
    QByteArray pipeline;
    for (int i = 0; i < 100'000; ++i) {
        pipeline += frame(MarkRead{{}, u"lobby"_s, 1 + i % 50});
        if (i % 10 == 0)
            pipeline += frame(FindPeople{u"f%1"_s.arg(i), u"son1"_s, {}, 50});
        if (i % 100 == 0)
            pipeline += frame(
                SetStatus{u"s%1"_s.arg(i), i % 200 ? PresenceStatus::Away : PresenceStatus::Dnd});
    }
    // The hostile client may be closed while writing (far over its rates): either way the
    // server carries on.
    [[maybe_unused]] const bool wrote = hostile.write(pipeline);

    qint64 slowest = 0;
    for (int i = 0; i < 20; ++i) {
        RecordingClient &sender = i % 2 ? *elsewhere : *bystander;
        const QString room = i % 2 ? u"quiet"_s : u"lobby"_s;
        const qsizetype before = sender.acks.size();
        QElapsedTimer timer;
        timer.start();
        sender.client.sendMessage(room, u"ping %1"_s.arg(i));
        QVERIFY(QTest::qWaitFor([&] { return sender.acks.size() > before; }, 10'000));
        slowest = qMax(slowest, timer.elapsed());
    }
    QVERIFY2(slowest < 2000, qPrintable(u"an ack took %1 ms"_s.arg(slowest)));
    QCOMPARE(bystander->client.state(), ChatClient::State::Ready);
    QCOMPARE(elsewhere->client.state(), ChatClient::State::Ready);
    QCOMPARE(bystander->closeCode, -1);
    // A hundred thousand reads were at most a write per flush interval.
    const quint64 flushes = m_server->hub()->readMarks().flushes() - flushesBefore;
    QVERIFY2(flushes <= quint64(elapsed.elapsed() / flushMs + 2),
             qPrintable(u"%1 writes in %2 ms"_s.arg(flushes).arg(elapsed.elapsed())));
}

QTEST_MAIN(tst_MarkBudget)
#include "tst_markbudget.moc"
