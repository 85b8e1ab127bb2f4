// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Hostile bytes on the wire, read the way the RFCs say (issue 20): HTTP framing that a proxy in
// front could read differently (request smuggling), Origin checks that a page cannot get round
// (DNS rebinding, userinfo, the other scheme), WebSocket lengths and UTF-8, and JSON strings
// that would be stored differently from what was delivered.

#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtNetwork/QHostInfo>
#include <QtNetwork/QTcpSocket>

#include <QtCore/QtEndian>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {
// What the server answered to raw bytes, and whether it closed the connection after.
struct Exchange
{
    QByteArray response;
    bool closed = false;
};

Exchange exchange(quint16 port, const QByteArray &request)
{
    Exchange result;
    QTcpSocket socket;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { result.response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, [&] { result.closed = true; });
    socket.connectToHost(QHostAddress::LocalHost, port);
    socket.write(request);
    [[maybe_unused]] const bool closed = QTest::qWaitFor([&] { return result.closed; }, 5000);
    socket.disconnect();
    return result;
}

QByteArray upgradeHead(const QByteArray &extraHeaders)
{
    return "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + extraHeaders + "\r\n";
}

// A masked client frame (zero mask) whose length is written in lengthBytes (0, 2 or 8).
QByteArray frame(quint8 first, int lengthBytes, const QByteArray &payload)
{
    QByteArray bytes(1, char(first));
    if (lengthBytes == 0) {
        bytes.append(char(0x80 | payload.size()));
    } else if (lengthBytes == 2) {
        bytes.append(char(0x80 | 126));
        char length[2];
        qToBigEndian(quint16(payload.size()), length);
        bytes.append(length, 2);
    } else {
        bytes.append(char(0x80 | 127));
        char length[8];
        qToBigEndian(quint64(payload.size()), length);
        bytes.append(length, 8);
    }
    bytes.append(QByteArray(4, '\0'));
    return bytes + payload;
}

// The close code in the server's close frame after a 101 response, or -1.
int closeCodeAfterUpgrade(const QByteArray &response)
{
    const qsizetype head = response.indexOf("\r\n\r\n");
    if (!response.startsWith("HTTP/1.1 101 ") || head < 0)
        return -1;
    const QByteArray frames = response.mid(head + 4);
    // The server's frames are unmasked; the close frame is its last.
    for (qsizetype i = 0; i + 1 < frames.size();) {
        const quint8 opcode = quint8(frames[i]) & 0x0F;
        qsizetype length = quint8(frames[i + 1]) & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            length = qFromBigEndian<quint16>(frames.constData() + i + 2);
            header = 4;
        }
        if (opcode == 0x8 && length >= 2 && i + header + 2 <= frames.size())
            return qFromBigEndian<quint16>(frames.constData() + i + header);
        i += header + length;
    }
    return -1;
}
} // namespace

class tst_StrictParsing : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { m_server.reset(); }
    void duplicateContentLengthIsNotSmuggled();
    void malformedRequests_data();
    void malformedRequests();
    void pipelinedRequestsStillWork();
    void origins_data();
    void origins();
    void publicOrigins_data();
    void publicOrigins();
    void webSocketFraming_data();
    void webSocketFraming();
    void loneSurrogatesAreNeitherDeliveredNorStored();
};

// Content-Length: 0 and then 44: read as "no body", the next 44 bytes would be served as a
// request of their own, one that a proxy in front took for this request's body.
void tst_StrictParsing::duplicateContentLengthIsNotSmuggled()
{
    startServer();
    const QByteArray smuggled = "GET /sori.svg HTTP/1.1\r\nHost: x\r\nX: 1234\r\n\r\n";
    QCOMPARE(smuggled.size(), 44);
    const Exchange answer = exchange(
        m_server->serverPort(),
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n" + smuggled);
    QVERIFY2(answer.response.startsWith("HTTP/1.1 400 "), answer.response.constData());
    QVERIFY2(!answer.response.contains("svg"), "nothing is served after it");
    QVERIFY(answer.response.contains("Connection: close\r\n"));
    QVERIFY(answer.closed);
}

void tst_StrictParsing::malformedRequests_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray get = "GET / HTTP/1.1\r\n";
    QTest::addRow("Content-Length twice, equal")
        << get + "Host: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc" << 400;
    QTest::addRow("Content-Length 1e3") << get + "Host: x\r\nContent-Length: 1e3\r\n\r\n" << 400;
    QTest::addRow("Content-Length -5") << get + "Host: x\r\nContent-Length: -5\r\n\r\n" << 400;
    QTest::addRow("Content-Length +5") << get + "Host: x\r\nContent-Length: +5\r\n\r\nabcde" << 400;
    QTest::addRow("Content-Length empty") << get + "Host: x\r\nContent-Length: \r\n\r\n" << 400;
    QTest::addRow("Content-Length 1 2") << get + "Host: x\r\nContent-Length: 1 2\r\n\r\n" << 400;
    QTest::addRow("Content-Length overflowing")
        << get + "Host: x\r\nContent-Length: 18446744073709551617\r\n\r\n"
        << 400;
    QTest::addRow("Transfer-Encoding chunked")
        << get + "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 501;
    QTest::addRow("Transfer-Encoding with Content-Length")
        << get + "Host: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 501;
    QTest::addRow("Transfer-Encoding, space before the colon")
        << get + "Host: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"
        << 400;
    QTest::addRow("no Host") << get + "Accept: */*\r\n\r\n" << 400;
    QTest::addRow("two Hosts") << get + "Host: x\r\nHost: y\r\n\r\n" << 400;
    QTest::addRow("NUL in a value") << get + "Host: x\r\nX: a" + QByteArray(1, '\0') + "b\r\n\r\n"
                                    << 400;
    QTest::addRow("bare CR in a value") << get + "Host: x\r\nX: a\rb\r\n\r\n" << 400;
    QTest::addRow("escape in a value") << get + "Host: x\r\nX: \x1b[31m\r\n\r\n" << 400;
    QTest::addRow("obs-fold") << get + "Host: x\r\nX: a\r\n b\r\n\r\n" << 400;
    QTest::addRow("upgrade with a body")
        << upgradeHead("Host: 127.0.0.1\r\nContent-Length: 4\r\n") + maskedTextFrame("hi") << 400;
    QTest::addRow("upgrade with Transfer-Encoding")
        << upgradeHead("Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n"
        << 400;
    QTest::addRow("upgrade without Host") << upgradeHead({}) << 400;
}

void tst_StrictParsing::malformedRequests()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    startServer();
    // A good request after the bad one must never be answered: the framing is not trusted.
    const Exchange answer =
        exchange(m_server->serverPort(), request + "GET /sori.svg HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY2(answer.response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
             answer.response.constData());
    QVERIFY2(!answer.response.contains("svg"), "nothing is served after it");
    QVERIFY(answer.response.contains("Connection: close\r\n"));
    QVERIFY(answer.closed);
}

void tst_StrictParsing::pipelinedRequestsStillWork()
{
    startServer();
    const Exchange answer =
        exchange(m_server->serverPort(),
                 "GET /sori.svg HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                 "HEAD /classic HTTP/1.1\r\nHost: x\r\n\r\n"
                 "GET /sori.svg HTTP/1.0\r\n\r\n");
    QCOMPARE(answer.response.count("HTTP/1.1 200 "), 3);
    QVERIFY(answer.closed); // after the HTTP/1.0 one
}

// The server's own pages by default: this connection's scheme, its port, and a name or address
// of this machine. Never what Host says.
void tst_StrictParsing::origins_data()
{
    QTest::addColumn<QByteArray>("headers"); // PORT: the server's port
    QTest::addColumn<int>("status");
    const QByteArray host = QHostInfo::localHostName().toLower().toUtf8();
    QTest::addRow("localhost") << "Origin: http://localhost:PORT\r\nHost: localhost:PORT\r\n"_ba
                               << 101;
    QTest::addRow("127.0.0.1") << "Origin: http://127.0.0.1:PORT\r\nHost: 127.0.0.1:PORT\r\n"_ba
                               << 101;
    QTest::addRow("[::1]") << "Origin: http://[::1]:PORT\r\nHost: [::1]:PORT\r\n"_ba << 101;
    QTest::addRow("localhost, upper case")
        << "Origin: HTTP://LOCALHOST:PORT\r\nHost: localhost:PORT\r\n"_ba << 101;
    QTest::addRow("the machine's name") << "Origin: http://" + host + ":PORT\r\nHost: " + host
            + ":PORT\r\n" << 101;
    QTest::addRow("DNS rebinding: Host names the attacker's host")
        << "Origin: http://evil.example:PORT\r\nHost: evil.example:PORT\r\n"_ba << 403;
    QTest::addRow("userinfo") << "Origin: http://user@localhost:PORT\r\nHost: localhost:PORT\r\n"_ba
                              << 403;
    QTest::addRow("userinfo with a password")
        << "Origin: http://u:p@127.0.0.1:PORT\r\nHost: 127.0.0.1:PORT\r\n"_ba << 403;
    QTest::addRow("the other scheme")
        << "Origin: https://localhost:PORT\r\nHost: localhost:PORT\r\n"_ba << 403;
    QTest::addRow("ws scheme") << "Origin: ws://localhost:PORT\r\nHost: localhost:PORT\r\n"_ba
                               << 403;
    QTest::addRow("another port") << "Origin: http://localhost:1\r\nHost: localhost:1\r\n"_ba
                                  << 403;
    QTest::addRow("default port") << "Origin: http://localhost\r\nHost: localhost\r\n"_ba << 403;
    QTest::addRow("with a path") << "Origin: http://localhost:PORT/\r\nHost: localhost:PORT\r\n"_ba
                                 << 403;
    QTest::addRow("a look-alike host")
        << "Origin: http://localhost.evil.example:PORT\r\nHost: localhost:PORT\r\n"_ba << 403;
    QTest::addRow("no Origin (not a browser)") << "Host: evil.example\r\n"_ba << 101;
}

void tst_StrictParsing::origins()
{
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    startServer();
    headers.replace("PORT", QByteArray::number(m_server->serverPort()));
    const QByteArray response =
        tcpExchange(m_server->serverPort(), upgradeHead(headers), "\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
             response.constData());
}

// With public origins configured (a reverse proxy in front), those are the server's own pages,
// and only those.
void tst_StrictParsing::publicOrigins_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<int>("status");
    QTest::addRow("the public origin") << "https://chat.example.org"_ba << 101;
    QTest::addRow("the public origin, default port spelled out")
        << "https://chat.example.org:443"_ba << 101;
    QTest::addRow("the second public origin") << "http://10.1.2.3:8000"_ba << 101;
    QTest::addRow("an allowed origin") << "https://docs.example.org"_ba << 101;
    QTest::addRow("the public origin over http") << "http://chat.example.org"_ba << 403;
    QTest::addRow("the public origin, another port") << "https://chat.example.org:8443"_ba << 403;
    QTest::addRow("the public origin with userinfo") << "https://admin@chat.example.org"_ba << 403;
    QTest::addRow("localhost is no longer its own") << "http://localhost:PORT"_ba << 403;
}

void tst_StrictParsing::publicOrigins()
{
    QFETCH(QByteArray, origin);
    QFETCH(int, status);
    startServer([](ServerConfig &config) {
        config.publicOrigins = {u"https://chat.example.org"_s, u"http://10.1.2.3:8000"_s};
        config.allowedOrigins = {u"https://docs.example.org"_s};
    });
    origin.replace("PORT", QByteArray::number(m_server->serverPort()));
    const QByteArray response = tcpExchange(
        m_server->serverPort(), upgradeHead("Host: chat.example.org\r\nOrigin: " + origin + "\r\n"),
        "\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 " + QByteArray::number(status) + ' '),
             response.constData());
}

void tst_StrictParsing::webSocketFraming_data()
{
    QTest::addColumn<QByteArray>("frames");
    QTest::addColumn<int>("closeCode");
    QTest::addRow("16-bit length for 5 bytes") << frame(0x81, 2, "hello") << 1002;
    QTest::addRow("64-bit length for 5 bytes") << frame(0x81, 8, "hello") << 1002;
    QTest::addRow("64-bit length for 300 bytes") << frame(0x81, 8, QByteArray(300, 'a')) << 1002;
    // The final fragment never comes: the first one already proves the text wrong.
    QTest::addRow("invalid UTF-8 in a first fragment") << frame(0x01, 0, "ok \xc0\xaf") << 1007;
    QTest::addRow("a character cut, then proven wrong")
        << frame(0x01, 0, "ok \xf0\x9f") + frame(0x00, 0, "!") << 1007;
    QTest::addRow("a surrogate in a close reason")
        << frame(0x88, 0, "\x03\xe8\xed\xa0\x80") << 1007;
}

void tst_StrictParsing::webSocketFraming()
{
    QFETCH(QByteArray, frames);
    QFETCH(int, closeCode);
    startServer();
    const Exchange answer =
        exchange(m_server->serverPort(), upgradeHead("Host: 127.0.0.1\r\n") + frames);
    QVERIFY(answer.closed);
    QCOMPARE(closeCodeAfterUpgrade(answer.response), closeCode);
}

// "\ud83d" alone cannot be UTF-8: it would be delivered as it is and stored as U+FFFD, so that
// the same seq would read differently after a restart. It is refused, and nothing is kept.
void tst_StrictParsing::loneSurrogatesAreNeitherDeliveredNorStored()
{
    startServer();
    auto mina = rawGuest(url(), u"mina"_s, u"dev"_s);
    auto jun = guest(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(mina && jun);
    const qsizetype before = mina->texts.size();
    mina->socket.sendTextMessage(
        uR"({"type":"send","id":"s1","room":"dev","text":"half \ud83d a smile"})"_s);
    QVERIFY(mina->waitForText(
        [](const QString &text) {
            return text.contains(u"\"bad_field\""_s) && text.contains(u"\"s1\""_s);
        },
        before));
    // A whole pair goes through, and is what the store keeps.
    mina->socket.sendTextMessage(
        uR"({"type":"send","id":"s2","room":"dev","text":"a smile \ud83d\ude00"})"_s);
    QTRY_COMPARE(jun->messagesIn(u"dev"_s).size(), 1);
    QCOMPARE(jun->messagesIn(u"dev"_s).first().text, u"a smile 😀"_s);
    QTRY_COMPARE(query(u"SELECT count(*) FROM messages"_s).toInt(), 1);
    QCOMPARE(query(u"SELECT text FROM messages"_s).toString(), u"a smile 😀"_s);
}

QTEST_MAIN(tst_StrictParsing)
#include "tst_strictparsing.moc"
