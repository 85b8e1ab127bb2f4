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
}

QTEST_GUILESS_MAIN(tst_HttpRequest)
#include "tst_httprequest.moc"
