// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/httprequest.h"

#include <QtTest/QTest>

using namespace sori::server;
using Status = HttpRequest::ParseStatus;

Q_DECLARE_METATYPE(HttpRequest::ParseStatus)

class tst_HttpRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void upgradeHeaders();
    void strict_data();
    void strict();
};

void tst_HttpRequest::parse_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QByteArray>("path");

    QTest::addRow("simple GET") << QByteArray("GET /classic?x=1 HTTP/1.1\r\nHost: a\r\n\r\n")
                                << Status::Complete << QByteArray("/classic");
    QTest::addRow("head not finished")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << Status::Incomplete << QByteArray();
    QTest::addRow("HTTP/2 preface")
        << QByteArray("PRI * HTTP/2.0\r\n\r\n") << Status::Invalid << QByteArray();
    QTest::addRow("not HTTP") << QByteArray("hello\r\n\r\n") << Status::Invalid << QByteArray();
    QTest::addRow("header without a colon")
        << QByteArray("GET / HTTP/1.1\r\nBroken\r\n\r\n") << Status::Invalid << QByteArray();
    QTest::addRow("folded header")
        << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << Status::Invalid << QByteArray();
    QTest::addRow("head over the limit")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(300, 'x') + "\r\n\r\n")
        << Status::TooLarge << QByteArray();
    QTest::addRow("endless head over the limit")
        << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(300, 'x')) << Status::TooLarge
        << QByteArray();
}

void tst_HttpRequest::parse()
{
    QFETCH(QByteArray, data);
    QFETCH(Status, status);
    QFETCH(QByteArray, path);
    HttpRequest request;
    qsizetype headSize = 0;
    QCOMPARE(HttpRequest::parse(data, 256, &request, &headSize), status);
    if (status == Status::Complete) {
        QCOMPARE(request.path, path);
        QCOMPARE(headSize, data.size());
    }
}

void tst_HttpRequest::upgradeHeaders()
{
    const QByteArray data = "GET /ws HTTP/1.1\r\nHost: localhost:8080\r\nUpgrade: WebSocket\r\n"
                            "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n";
    HttpRequest request;
    qsizetype headSize = 0;
    QCOMPARE(HttpRequest::parse(data, 4096, &request, &headSize), Status::Complete);
    QVERIFY(request.isWebSocketUpgrade());
    QCOMPARE(request.header("host"), QByteArray("localhost:8080"));
    QVERIFY(request.header("origin").isNull());
    QVERIFY(request.keepAlive());

    const QByteArray plainGet = "GET / HTTP/1.0\r\nHost: a\r\n\r\n";
    QCOMPARE(HttpRequest::parse(plainGet, 4096, &request, &headSize), Status::Complete);
    QVERIFY(!request.isWebSocketUpgrade());
    QVERIFY(!request.keepAlive()); // HTTP/1.0 closes unless asked otherwise

    // HTTP/1.0 may leave Host out (it predates it), but not send two.
    QCOMPARE(HttpRequest::parse("GET / HTTP/1.0\r\n\r\n", 4096, &request, &headSize),
             Status::Complete);
    QCOMPARE(HttpRequest::parse("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 4096, &request,
                                &headSize),
             Status::Invalid);
}

// RFC 9112: what could frame a body differently here than in a proxy in front is refused
// (request smuggling), as is what a proxy might pass on differently (controls, folding).
void tst_HttpRequest::strict_data()
{
    QTest::addColumn<QByteArray>("headers"); // after "GET / HTTP/1.1\r\n"
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("transferEncoding");

    const auto row = [](const char *name, const QByteArray &headers, bool valid,
                        qint64 contentLength = 0, bool transferEncoding = false) {
        QTest::addRow("%s", name) << headers << valid << contentLength << transferEncoding;
    };
    row("plain", "Host: a\r\n", true);
    row("Content-Length", "Host: a\r\nContent-Length: 44\r\n", true, 44);
    row("Content-Length 0", "Host: a\r\nContent-Length: 0\r\n", true, 0);
    row("Content-Length padded", "Host: a\r\nContent-Length:   7  \r\n", true, 7);
    row("Content-Length 0 then 44", "Host: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n",
        false);
    row("Content-Length twice, equal", "Host: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n",
        false);
    row("Content-Length list", "Host: a\r\nContent-Length: 5, 5\r\n", false);
    row("Content-Length 1e3", "Host: a\r\nContent-Length: 1e3\r\n", false);
    row("Content-Length -5", "Host: a\r\nContent-Length: -5\r\n", false);
    row("Content-Length +5", "Host: a\r\nContent-Length: +5\r\n", false);
    row("Content-Length empty", "Host: a\r\nContent-Length:\r\n", false);
    row("Content-Length with a space inside", "Host: a\r\nContent-Length: 4 4\r\n", false);
    row("Content-Length hex", "Host: a\r\nContent-Length: 0x10\r\n", false);
    row("Content-Length overflowing", "Host: a\r\nContent-Length: 99999999999999999999\r\n", false);
    row("Transfer-Encoding", "Host: a\r\nTransfer-Encoding: chunked\r\n", true, 0, true);
    row("Transfer-Encoding identity", "Host: a\r\nTransfer-Encoding: identity\r\n", true, 0, true);
    row("space before the colon", "Host: a\r\nTransfer-Encoding : chunked\r\n", false);
    row("tab before the colon", "Host: a\r\nContent-Length\t: 5\r\n", false);
    row("space in a name", "Host: a\r\nX Y: 1\r\n", false);
    row("empty name", "Host: a\r\n: 1\r\n", false);
    row("NUL in a value", QByteArray("Host: a\r\nX: a") + '\0' + "b\r\n", false);
    row("NUL in a name", QByteArray("Host: a\r\nX") + '\0' + ": b\r\n", false);
    row("bare CR in a value", "Host: a\r\nX: a\rb\r\n", false);
    row("bare LF between headers", "Host: a\nX: b\r\n", false);
    row("escape in a value", "Host: a\r\nX: a\x1b[2Jb\r\n", false);
    row("DEL in a value", "Host: a\r\nX: a\x7f\r\n", false);
    row("tab in a value", "Host: a\r\nX: a\tb\r\n", true);
    row("obs-text in a value", "Host: a\r\nX: caf\xc3\xa9\r\n", true);
    row("obs-fold", "Host: a\r\nX: a\r\n  b\r\n", false);
    row("obs-fold with a tab", "Host: a\r\nX: a\r\n\tb\r\n", false);
    row("no Host", "X: a\r\n", false);
    row("two Hosts", "Host: a\r\nHost: b\r\n", false);
    row("two Hosts, equal", "Host: a\r\nHost: a\r\n", false);
}

void tst_HttpRequest::strict()
{
    QFETCH(QByteArray, headers);
    QFETCH(bool, valid);
    QFETCH(qint64, contentLength);
    QFETCH(bool, transferEncoding);
    const QByteArray data = "GET / HTTP/1.1\r\n" + headers + "\r\n";
    HttpRequest request;
    qsizetype headSize = 0;
    QByteArray problem;
    QCOMPARE(HttpRequest::parse(data, 4096, &request, &headSize, &problem),
             valid ? Status::Complete : Status::Invalid);
    if (valid) {
        QCOMPARE(headSize, data.size());
        QCOMPARE(request.contentLength, contentLength);
        QCOMPARE(request.hasTransferEncoding, transferEncoding);
    } else {
        QVERIFY(!problem.isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_HttpRequest)
#include "tst_httprequest.moc"
