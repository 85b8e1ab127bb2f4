// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// One guest must not hurt anybody else through reads (issue 18, rows 1 and 5): history requests
// pipelined by a client that never reads do not hold up anybody's acknowledgements, and are
// refused with `busy` beyond a bound; no history frame (a page, the latest after a join, a
// catch-up replay) is larger than a byte budget, and a member who missed more than fits catches
// up page by page, exactly once and in order, without being dropped.

#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>

#include <algorithm>
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

QByteArray encoded(const ClientMessage &message)
{
    return MessageCodec::encode(message);
}

// A client speaking WebSocket by hand on a socket with a small receive buffer: it greets, joins
// and from then on writes without ever reading, as a hostile client that pipelines requests.
class DeafGuest
{
public:
    ~DeafGuest()
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
                test::maskedTextFrame(encoded(Hello{u"h"_s, Version, name, ClientKind::Other, {}})))
            || !write(test::maskedTextFrame(encoded(Join{u"j"_s, room}))))
            return false;
        // Read only until joined: from then on, nothing.
        return QTest::qWaitFor(
            [this] {
                readAvailable();
                return m_received.contains("\"type\":\"joined\"");
            },
            5000);
    }

    // Writes all of `bytes`, waiting (with the event loop running) while the socket is full.
    bool write(const QByteArray &bytes, int timeoutMs = 20'000)
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
                return false; // closed by the server
            if (timer.elapsed() > timeoutMs)
                return false;
            // Until the kernel has room again (the event loop runs meanwhile).
            [[maybe_unused]] const bool room = QTest::qWaitFor(
                [this] {
                    pollfd p{m_fd, POLLOUT, 0};
                    return ::poll(&p, 1, 0) == 1;
                },
                int(qMax<qint64>(1, timeoutMs - timer.elapsed())));
        }
        return true;
    }

    // Reads what is there; false once the server has closed the connection.
    bool readAvailable()
    {
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                m_received.append(buffer, n);
                continue;
            }
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }

    const QByteArray &received() const { return m_received; }

private:
    int m_fd = -1;
    QByteArray m_received;
};

// A text of exactly `bytes` ASCII bytes that says which message it is.
QString bigText(int index, int bytes)
{
    QString text = u"big %1 "_s.arg(index);
    text.append(QString(bytes - text.size(), u'x'));
    return text;
}

// Sends `count` messages and waits for their acks.
bool sendAll(RecordingClient &client, const QString &room, const QList<QString> &texts)
{
    const qsizetype before = client.acks.size();
    for (const QString &text : texts)
        client.client.sendMessage(room, text);
    return QTest::qWaitFor([&] { return client.acks.size() >= before + texts.size(); }, 30'000);
}

} // namespace

class tst_ReadBudget : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();

    void pipelinedHistoryDoesNotDelayAcks();
    void bigMessagesCatchUpPageByPage();
    void historyPagesAreSplitByBytes();
    void pageBudgetAtItsEdge();
    void readCapsAtTheirEdges();

private:
    std::unique_ptr<RecordingClient> joined(const QString &name, const QString &room,
                                            bool reconnect = false)
    {
        return test::reconnectingGuest(url(), name, {room}, reconnect);
    }
    // In the room, with the history that came with joining it.
    std::unique_ptr<RawClient> rawClient(const QString &name, const QString &room);
    // Sends a request on a raw client and waits for the frame answering it.
    std::optional<ServerMessage> ask(RawClient &raw, const ClientMessage &request,
                                     const QString &id);
};

void tst_ReadBudget::cleanup()
{
    m_server.reset();
}

std::unique_ptr<RawClient> tst_ReadBudget::rawClient(const QString &name, const QString &room)
{
    auto raw = test::rawGuest(url(), name, room);
    if (!raw || !raw->waitForText([](const QString &t) {
            return t.contains(u"\"type\":\"history\""_s) && t.contains(u"\"id\":\"j\""_s);
        }))
        return {};
    return raw;
}

std::optional<ServerMessage> tst_ReadBudget::ask(RawClient &raw, const ClientMessage &request,
                                                 const QString &id)
{
    const qsizetype from = raw.texts.size();
    raw.socket.sendTextMessage(QString::fromUtf8(encoded(request)));
    std::optional<ServerMessage> answer;
    [[maybe_unused]] const bool found = QTest::qWaitFor(
        [&] {
            for (qsizetype i = from; i < raw.texts.size() && !answer; ++i) {
                const auto decoded = MessageCodec::decodeServerMessage(raw.texts[i].toUtf8());
                if (!decoded.ok())
                    continue;
                const ServerMessage &m = decoded.message();
                if ((std::holds_alternative<History>(m) && std::get<History>(m).id == id)
                    || (std::holds_alternative<Error>(m) && std::get<Error>(m).id == id))
                    answer = m;
            }
            return answer.has_value();
        },
        10'000);
    return answer;
}

void tst_ReadBudget::pipelinedHistoryDoesNotDelayAcks()
{
    // Row 1: a client pipelines history requests and stops reading; everybody else's messages
    // are acknowledged as before.
    ServerConfig defaults;
    startServerOnNewData();
    auto bystander = joined(u"bystander"_s, u"lobby"_s);
    QVERIFY(bystander);
    auto elsewhere = joined(u"elsewhere"_s, u"quiet"_s);
    QVERIFY(elsewhere);
    // Enough history that every page is a real read.
    QList<QString> texts;
    for (int i = 0; i < 1000; ++i)
        texts.append(u"history %1 with some words in it to make the rows longer"_s.arg(i));
    QVERIFY(sendAll(*bystander, u"lobby"_s, texts));

    DeafGuest hostile;
    QVERIFY(hostile.open(m_server->serverPort(), u"hostile"_s, u"lobby"_s));
    QByteArray pipeline;
    const int requests = 20'000;
    for (int i = 0; i < requests; ++i)
        pipeline +=
            test::maskedTextFrame(encoded(HistoryRequest{u"x%1"_s.arg(i), u"lobby"_s, 0, 200}));

    int mostWaiting = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout,
                     [&] { mostWaiting = qMax(mostWaiting, m_server->historyReadsWaiting()); });
    sampler.start(5);
    // The hostile client may be dropped while writing: either way the server carries on.
    [[maybe_unused]] const bool wrote = hostile.write(pipeline);

    // Meanwhile (and after), messages of the others are acknowledged promptly, in its room and
    // in another.
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
    sampler.stop();
    QVERIFY2(slowest < 2000, qPrintable(u"an ack took %1 ms"_s.arg(slowest)));
    QCOMPARE(bystander->client.state(), ChatClient::State::Ready);
    QCOMPARE(elsewhere->client.state(), ChatClient::State::Ready);
    // The reads waiting never went past what one session may have.
    QVERIFY2(mostWaiting <= defaults.maxReadsPerSession, qPrintable(QString::number(mostWaiting)));

    // The hostile client got `busy` for what went past its share (or was dropped).
    bool open = true;
    [[maybe_unused]] const bool settled = QTest::qWaitFor(
        [&] {
            open = hostile.readAvailable();
            return !open || hostile.received().contains("\"code\":\"busy\"");
        },
        10'000);
    QVERIFY2(!open || hostile.received().contains("\"code\":\"busy\""),
             "the hostile client was neither refused nor dropped");
}

void tst_ReadBudget::bigMessagesCatchUpPageByPage()
{
    // Row 5: 130 messages of 64 KiB (over 8 MiB in all) in lobby; a member who was away comes
    // back and gets every one, once, in order, and is not dropped.
    ServerConfig defaults;
    startServerOnNewData();
    auto sender = joined(u"sender"_s, u"lobby"_s);
    QVERIFY(sender);
    auto mina = joined(u"mina"_s, u"lobby"_s, true);
    QVERIFY(mina);
    QSignalSpy reconnected(&mina->client, &ChatClient::reconnected);
    mina->client.setReconnectPolicy({60'000, 60'000, 10'000});
    mina->client.abort();
    QCOMPARE(mina->client.state(), ChatClient::State::Reconnecting);

    QList<QString> texts;
    for (int i = 0; i < 130; ++i)
        texts.append(bigText(i, defaults.maxMessageBytes));
    QVERIFY(sendAll(*sender, u"lobby"_s, texts));
    QCOMPARE(mina->messages.size(), 0);

    mina->client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(reconnected.size(), 1, 10'000);
    // Live traffic while the pages come: it follows them, once.
    for (int i = 0; i < 3; ++i)
        sender->client.sendMessage(u"lobby"_s, u"live %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(mina->messagesIn(u"lobby"_s).size(), 133, 30'000);
    const QList<MessageEvent> got = mina->messagesIn(u"lobby"_s);
    QCOMPARE(seqsOf(got), range(1, 133));
    for (int i = 0; i < 130; ++i)
        QCOMPARE(got.at(i).text, texts.at(i));
    QCOMPARE(got.at(132).text, u"live 2"_s);
    QVERIFY2(!QTest::qWaitFor([&] { return mina->messages.size() > 133; }, 300),
             "a message came twice");
    QCOMPARE(mina->client.state(), ChatClient::State::Ready);
    QCOMPARE(mina->disconnects, 1); // only the abort: never dropped
    QVERIFY(mina->gaps.isEmpty());

    // The replay itself, as a raw client sees it: a frame under the budget, the oldest missed
    // first, `more` true; forward pages bring the rest.
    auto raw = rawClient(u"raw"_s, u"lobby"_s);
    QVERIFY(raw);
    const qsizetype from = raw->texts.size();
    raw->socket.sendTextMessage(QString::fromUtf8(encoded(Join{u"again"_s, u"lobby"_s, 0})));
    QVERIFY(raw->waitForText(
        [](const QString &t) {
            return t.contains(u"\"type\":\"history\""_s) && t.contains(u"\"id\":\"again\""_s);
        },
        from));
    QList<qint64> seqs;
    qint64 through = 0;
    bool more = false;
    for (const ServerMessage &m : decodeAll(raw->texts.mid(from))) {
        if (const auto *j = std::get_if<Joined>(&m); j && j->id == u"again"_s)
            through = j->seq;
        if (const auto *h = std::get_if<History>(&m); h && h->id == u"again"_s) {
            seqs = seqsOf(h->messages);
            more = h->more;
        }
    }
    QCOMPARE(through, 133);
    QVERIFY(more);
    QVERIFY(!seqs.isEmpty() && seqs.first() == 1);
    for (const QString &text : raw->texts)
        QVERIFY2(text.toUtf8().size() <= defaults.maxHistoryPageBytes,
                 qPrintable(QString::number(text.toUtf8().size())));
    int page = 0;
    while (more) {
        const QString id = u"p%1"_s.arg(page++);
        HistoryRequest request{id, u"lobby"_s, through + 1, 200};
        request.after = seqs.last();
        const auto answer = ask(*raw, request, id);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        const History &history = std::get<History>(*answer);
        QVERIFY(!history.messages.isEmpty());
        seqs += seqsOf(history.messages);
        more = history.more;
        QVERIFY(page < 100);
    }
    QCOMPARE(seqs, range(1, 133));
    QVERIFY2(page >= 8, qPrintable(QString::number(page))); // 8 MiB cannot come in fewer
    QVERIFY(!raw->closed);
}

void tst_ReadBudget::historyPagesAreSplitByBytes()
{
    // A page of 200 over 130 messages of 64 KiB is cut by bytes, says `more`, and paging back to
    // the start brings every message once. The latest after a join are cut the same way.
    ServerConfig defaults;
    startServerOnNewData();
    auto sender = joined(u"sender"_s, u"lobby"_s);
    QVERIFY(sender);
    QList<QString> texts;
    for (int i = 0; i < 130; ++i)
        texts.append(bigText(i, defaults.maxMessageBytes));
    QVERIFY(sendAll(*sender, u"lobby"_s, texts));

    auto raw = rawClient(u"reader"_s, u"lobby"_s);
    QVERIFY(raw);
    // The latest after joining (50 by default): only as many as fit, the newest, more true.
    for (const ServerMessage &m : decodeAll(raw->texts)) {
        if (const auto *h = std::get_if<History>(&m); h && h->id == u"j"_s) {
            QVERIFY(!h->messages.isEmpty() && h->messages.size() < 50);
            QCOMPARE(h->messages.last().seq, 130);
            QVERIFY(h->more);
        }
    }
    QList<qint64> seqs;
    qint64 before = 0;
    bool more = true;
    int pages = 0;
    while (more) {
        const QString id = u"b%1"_s.arg(pages++);
        const auto answer = ask(*raw, HistoryRequest{id, u"lobby"_s, before, 200}, id);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        const History &history = std::get<History>(*answer);
        QVERIFY(!history.messages.isEmpty());
        QVERIFY(history.messages.size() < 130); // cut by bytes, not by count
        seqs = seqsOf(history.messages) + seqs;
        before = history.messages.first().seq;
        more = history.more;
        QVERIFY(pages < 100);
    }
    QCOMPARE(seqs, range(1, 130));
    QVERIFY(pages >= 8);
    for (const QString &text : raw->texts)
        QVERIFY(text.toUtf8().size() <= defaults.maxHistoryPageBytes);
    QVERIFY(!raw->closed);
}

void tst_ReadBudget::pageBudgetAtItsEdge()
{
    startServerOnNewData();
    auto sender = joined(u"sender"_s, u"lobby"_s);
    QVERIFY(sender);
    QList<QString> texts;
    for (int i = 0; i < 20; ++i)
        texts.append(u"message number %1"_s.arg(i));
    QVERIFY(sendAll(*sender, u"lobby"_s, texts));
    // What the newest three take in a frame, as the server counts them.
    qint64 three = 0;
    {
        auto raw = rawClient(u"measure"_s, u"lobby"_s);
        QVERIFY(raw);
        const auto answer = ask(*raw, HistoryRequest{u"m"_s, u"lobby"_s, 0, 3}, u"m"_s);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        for (const MessageEvent &m : std::get<History>(*answer).messages)
            three += MessageCodec::encodedSize(m) + 1;
    }
    QVERIFY(three > 0);

    // Exactly three fit: a page of ten has three (the newest) and says more.
    startServer([three](ServerConfig &config) {
        config.maxHistoryPageBytes = MessageCodec::HistoryFrameOverhead + three;
    });
    {
        auto raw = rawClient(u"edge"_s, u"lobby"_s);
        QVERIFY(raw);
        const auto answer = ask(*raw, HistoryRequest{u"a"_s, u"lobby"_s, 0, 10}, u"a"_s);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        QCOMPARE(seqsOf(std::get<History>(*answer).messages), range(18, 20));
        QVERIFY(std::get<History>(*answer).more);
        // Forward, the oldest three after `after` (messages 11 to 20 are all of one size).
        HistoryRequest forward{u"f"_s, u"lobby"_s, 0, 10};
        forward.after = 10;
        const auto next = ask(*raw, forward, u"f"_s);
        QVERIFY(next && std::holds_alternative<History>(*next));
        QCOMPARE(seqsOf(std::get<History>(*next).messages), range(11, 13));
        QVERIFY(std::get<History>(*next).more);
        // Forward up to `before`: all that is left of the range fits, so no more.
        HistoryRequest last{u"l"_s, u"lobby"_s, 20, 10};
        last.after = 16;
        const auto end = ask(*raw, last, u"l"_s);
        QVERIFY(end && std::holds_alternative<History>(*end));
        QCOMPARE(seqsOf(std::get<History>(*end).messages), range(17, 19));
        QVERIFY(!std::get<History>(*end).more);
    }
    // One byte less: two.
    startServer([three](ServerConfig &config) {
        config.maxHistoryPageBytes = MessageCodec::HistoryFrameOverhead + three - 1;
    });
    {
        auto raw = rawClient(u"under"_s, u"lobby"_s);
        QVERIFY(raw);
        const auto answer = ask(*raw, HistoryRequest{u"a"_s, u"lobby"_s, 0, 10}, u"a"_s);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        QCOMPARE(seqsOf(std::get<History>(*answer).messages), range(19, 20));
        QVERIFY(std::get<History>(*answer).more);
    }
    // A budget smaller than one message: one still comes, whatever its size.
    startServer([](ServerConfig &config) { config.maxHistoryPageBytes = 1; });
    {
        auto raw = rawClient(u"tiny"_s, u"lobby"_s);
        QVERIFY(raw);
        const auto answer = ask(*raw, HistoryRequest{u"a"_s, u"lobby"_s, 0, 10}, u"a"_s);
        QVERIFY(answer && std::holds_alternative<History>(*answer));
        QCOMPARE(seqsOf(std::get<History>(*answer).messages), range(20, 20));
        QVERIFY(std::get<History>(*answer).more);
    }
}

void tst_ReadBudget::readCapsAtTheirEdges()
{
    // Per session: the first `max-reads-per-session` requests of a burst are always read;
    // beyond, `busy` at once. Then the same for the cap on all reads.
    for (const bool perSession : {true, false}) {
        const int cap = 3;
        startServerOnNewData([&](ServerConfig &config) {
            config.maxReadsPerSession = perSession ? cap : 10'000;
            config.maxReads = perSession ? 10'000 : cap;
        });
        auto sender = joined(u"sender"_s, u"lobby"_s);
        QVERIFY(sender);
        QList<QString> texts;
        for (int i = 0; i < 400; ++i)
            texts.append(u"row %1 with a few more words to read"_s.arg(i));
        QVERIFY(sendAll(*sender, u"lobby"_s, texts));

        auto raw = rawClient(u"burst"_s, u"lobby"_s);
        QVERIFY(raw);
        const int burst = 500;
        const qsizetype from = raw->texts.size();
        for (int i = 0; i < burst; ++i)
            raw->socket.sendTextMessage(
                QString::fromUtf8(encoded(HistoryRequest{u"q%1"_s.arg(i), u"lobby"_s, 0, 200})));
        QHash<QString, bool> answered; // id -> read (false: busy)
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (qsizetype i = from; i < raw->texts.size(); ++i) {
                    const auto decoded = MessageCodec::decodeServerMessage(raw->texts[i].toUtf8());
                    if (!decoded.ok())
                        continue;
                    if (const auto *h = std::get_if<History>(&decoded.message()))
                        answered.insert(h->id, true);
                    else if (const auto *e = std::get_if<Error>(&decoded.message()))
                        answered.insert(e->id, e->code != ErrorCode::Busy);
                }
                return answered.size() == burst;
            }(),
            30'000);
        for (int i = 0; i < cap; ++i)
            QVERIFY2(answered.value(u"q%1"_s.arg(i)), qPrintable(u"q%1 refused"_s.arg(i)));
        const auto busy = std::count(answered.cbegin(), answered.cend(), false);
        QVERIFY2(busy > 0, "nothing was refused");
        QVERIFY(busy < burst);
        // A refusal changes nothing: the session goes on, and reads again once answered.
        const auto again = ask(*raw, HistoryRequest{u"later"_s, u"lobby"_s, 0, 5}, u"later"_s);
        QVERIFY(again && std::holds_alternative<History>(*again));
        QCOMPARE(seqsOf(std::get<History>(*again).messages), range(396, 400));
        QCOMPARE(m_server->historyReadsWaiting(), 0);
    }
}

QTEST_MAIN(tst_ReadBudget)
#include "tst_readbudget.moc"
