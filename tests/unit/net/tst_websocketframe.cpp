// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/websocketframe.h"

#include <QtCore/QtEndian>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori::server::websocket;
using Kind = FrameParser::Event::Kind;

namespace {
// A frame as a client sends it: masked with a fixed key.
QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true, quint8 rsv = 0)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | rsv | opcode));
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        char length[2];
        qToBigEndian(quint16(size), length);
        frame.append(length, 2);
    } else {
        frame.append(char(0x80 | 127));
        char length[8];
        qToBigEndian(quint64(size), length);
        frame.append(length, 8);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < size; ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

QByteArray closePayload(quint16 code, const QByteArray &reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    return payload + reason;
}
} // namespace

class tst_WebSocketFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsServerFrames_data();
    void buildsServerFrames();
    void closeReasonIsCutAtACharacter();
    void acceptKeyFromRfc();
    void parsesByteByByte();
    void reassemblesFragmentsAroundAPing();
    void protocolErrors_data();
    void protocolErrors();
    void oversizedMessageIsSkippedAndCloseIsStillRead();
    void sizeLimitEdge();
};

void tst_WebSocketFrame::buildsServerFrames_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("125 bytes: 7-bit length") << qsizetype(125) << QByteArray("\x81\x7d");
    QTest::addRow("126 bytes: 16-bit length")
        << qsizetype(126) << QByteArray("\x81\x7e\x00\x7e", 4);
    QTest::addRow("65536 bytes: 64-bit length")
        << qsizetype(65536) << QByteArray("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
}

void tst_WebSocketFrame::buildsServerFrames()
{
    QFETCH(qsizetype, size);
    QFETCH(QByteArray, header);
    const QByteArray payload(size, 'a');
    const QByteArray frame = buildTextFrame(payload);
    QCOMPARE(frame.left(header.size()), header);
    QCOMPARE(frame.size(), header.size() + size);
    // What we build, a client-side parser reads back.
    FrameParser parser(1 << 20, false);
    parser.append(frame);
    const auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, payload);
}

void tst_WebSocketFrame::closeReasonIsCutAtACharacter()
{
    const QString reason = QString(80, u'가'); // 240 bytes of UTF-8
    const QByteArray frame = buildCloseFrame(CloseCode::GoingAway, reason);
    QVERIFY(frame.size() <= 127); // control frame payload limit: 125
    FrameParser parser(1024, false);
    parser.append(frame);
    const auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Close);
    QCOMPARE(quint16(event->code), quint16(CloseCode::GoingAway));
    QCOMPARE(event->reason, QString(41, u'가'));
}

void tst_WebSocketFrame::acceptKeyFromRfc()
{
    // RFC 6455, section 1.3.
    QCOMPARE(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void tst_WebSocketFrame::parsesByteByByte()
{
    const QByteArray text = u"안녕, Sori!"_s.toUtf8();
    const QByteArray stream = clientFrame(0x1, text) + clientFrame(0x9, "ping!");
    FrameParser parser(1024);
    QList<FrameParser::Event> events;
    for (char byte : stream) {
        parser.append(QByteArrayView(&byte, 1));
        while (auto event = parser.next())
            events.append(*event);
    }
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].kind, Kind::Text);
    QCOMPARE(events[0].payload, text);
    QCOMPARE(events[1].kind, Kind::Ping);
    QCOMPARE(events[1].payload, QByteArray("ping!"));
}

void tst_WebSocketFrame::reassemblesFragmentsAroundAPing()
{
    FrameParser parser(1024);
    parser.append(clientFrame(0x1, "Hel", false));
    parser.append(clientFrame(0x9, "p"));
    parser.append(clientFrame(0x0, "lo", false));
    parser.append(clientFrame(0x0, "!", true));
    auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Ping);
    event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text);
    QCOMPARE(event->payload, QByteArray("Hello!"));
    QVERIFY(!parser.next());
}

void tst_WebSocketFrame::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<quint16>("code");

    QByteArray unmasked = buildTextFrame("hi");
    QTest::addRow("unmasked client frame") << unmasked << quint16(CloseCode::ProtocolError);
    QTest::addRow("reserved bit set")
        << clientFrame(0x1, "hi", true, 0x40) << quint16(CloseCode::ProtocolError);
    QTest::addRow("unknown opcode") << clientFrame(0x3, "hi") << quint16(CloseCode::ProtocolError);
    QTest::addRow("continuation without a start")
        << clientFrame(0x0, "hi") << quint16(CloseCode::ProtocolError);
    QTest::addRow("new message inside a fragmented one") << clientFrame(0x1, "a", false)
            + clientFrame(0x1, "b") << quint16(CloseCode::ProtocolError);
    QTest::addRow("fragmented ping")
        << clientFrame(0x9, "a", false) << quint16(CloseCode::ProtocolError);
    QTest::addRow("ping over 125 bytes")
        << clientFrame(0x9, QByteArray(126, 'p')) << quint16(CloseCode::ProtocolError);
    QTest::addRow("invalid UTF-8 text")
        << clientFrame(0x1, "\xc3\x28") << quint16(CloseCode::InvalidPayload);
    QTest::addRow("UTF-8 split across fragments is fine, broken is not")
        << clientFrame(0x1, "\xea\xb0", false) + clientFrame(0x0, "\x41")
        << quint16(CloseCode::InvalidPayload);
    QTest::addRow("close with one byte")
        << clientFrame(0x8, "\x03") << quint16(CloseCode::ProtocolError);
    QTest::addRow("close with code 1005")
        << clientFrame(0x8, closePayload(1005, "")) << quint16(CloseCode::ProtocolError);
    QTest::addRow("close reason not UTF-8")
        << clientFrame(0x8, closePayload(1000, "\xff")) << quint16(CloseCode::InvalidPayload);
}

void tst_WebSocketFrame::protocolErrors()
{
    QFETCH(QByteArray, stream);
    QFETCH(quint16, code);
    FrameParser parser(1024);
    parser.append(stream);
    QList<FrameParser::Event> events;
    while (auto event = parser.next())
        events.append(*event);
    QVERIFY2(!events.isEmpty() && events.last().kind == Kind::Error, "the parser reports an error");
    QCOMPARE(quint16(events.last().code), code);
    QVERIFY(!events.last().reason.isEmpty());
    parser.append(clientFrame(0x1, "after"));
    QVERIFY2(!parser.next(), "nothing is read after a protocol error");
}

void tst_WebSocketFrame::oversizedMessageIsSkippedAndCloseIsStillRead()
{
    FrameParser parser(100);
    // The header alone tells the size: the error comes before the payload arrives.
    const QByteArray big = clientFrame(0x1, QByteArray(5000, 'x'));
    parser.append(big.left(20));
    auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(quint16(event->code), quint16(CloseCode::TooBig));
    // The rest of the oversized frame is skipped; the peer's close that follows is read.
    parser.append(big.mid(20));
    parser.append(clientFrame(0x8, closePayload(1009, "ok")));
    event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Close);
    QCOMPARE(quint16(event->code), quint16(1009));
    QCOMPARE(parser.bufferedBytes(), 0);
}

void tst_WebSocketFrame::sizeLimitEdge()
{
    FrameParser parser(100);
    parser.append(clientFrame(0x1, QByteArray(100, 'a')));
    auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Text); // exactly at the limit: accepted
    // Over the limit when fragments add up.
    parser.append(clientFrame(0x1, QByteArray(60, 'a'), false));
    parser.append(clientFrame(0x0, QByteArray(41, 'a'), true));
    event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(quint16(event->code), quint16(CloseCode::TooBig));
}

QTEST_GUILESS_MAIN(tst_WebSocketFrame)
#include "tst_websocketframe.moc"
