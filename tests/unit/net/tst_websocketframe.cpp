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

// A masked frame whose length is written with lengthBytes (0: 7-bit, 2: 16-bit, 8: 64-bit)
// whatever the payload's size, and whose 64-bit length may claim more than is sent.
QByteArray frameWithLength(int lengthBytes, quint64 length, const QByteArray &payload)
{
    QByteArray frame("\x81");
    if (lengthBytes == 0) {
        frame.append(char(0x80 | length));
    } else if (lengthBytes == 2) {
        frame.append(char(0x80 | 126));
        char bytes[2];
        qToBigEndian(quint16(length), bytes);
        frame.append(bytes, 2);
    } else {
        frame.append(char(0x80 | 127));
        char bytes[8];
        qToBigEndian(length, bytes);
        frame.append(bytes, 8);
    }
    frame.append(QByteArray(4, '\0')); // a zero mask: the payload goes as it is
    return frame + payload;
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
    void nonMinimalLengthsAreRefused_data();
    void nonMinimalLengthsAreRefused();
    void utf8Validator_data();
    void utf8Validator();
    void invalidUtf8FailsFast_data();
    void invalidUtf8FailsFast();
    void charactersSplitAcrossFramesAreFine();
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
    QTest::addRow("close reason with a surrogate")
        << clientFrame(0x8, closePayload(1000, "\xed\xa0\x80"))
        << quint16(CloseCode::InvalidPayload);
    QTest::addRow("close reason cut inside a character")
        << clientFrame(0x8, closePayload(1000, "ok\xe2\x82")) << quint16(CloseCode::InvalidPayload);
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

void tst_WebSocketFrame::nonMinimalLengthsAreRefused_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("valid");
    QTest::addRow("5 bytes in 7 bits") << frameWithLength(0, 5, "hello") << true;
    QTest::addRow("5 bytes in 16 bits") << frameWithLength(2, 5, "hello") << false;
    QTest::addRow("125 bytes in 16 bits") << frameWithLength(2, 125, QByteArray(125, 'a')) << false;
    QTest::addRow("126 bytes in 16 bits") << frameWithLength(2, 126, QByteArray(126, 'a')) << true;
    QTest::addRow("5 bytes in 64 bits") << frameWithLength(8, 5, "hello") << false;
    QTest::addRow("65535 bytes in 64 bits")
        << frameWithLength(8, 65535, QByteArray(65535, 'a')) << false;
    QTest::addRow("65536 bytes in 64 bits")
        << frameWithLength(8, 65536, QByteArray(65536, 'a')) << true;
    QTest::addRow("64-bit length with the top bit set")
        << frameWithLength(8, quint64(1) << 63, "hello") << false;
}

void tst_WebSocketFrame::nonMinimalLengthsAreRefused()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, valid);
    FrameParser parser(1 << 20);
    parser.append(stream);
    const auto event = parser.next();
    QVERIFY(event);
    if (valid) {
        QCOMPARE(event->kind, Kind::Text);
        // The payload follows the length and the mask.
        const qsizetype header = stream.size() > 65536 ? 14 : stream.size() > 130 ? 8 : 6;
        QCOMPARE(event->payload, stream.sliced(header));
    } else {
        QCOMPARE(event->kind, Kind::Error);
        QCOMPARE(quint16(event->code), quint16(CloseCode::ProtocolError));
    }
}

void tst_WebSocketFrame::utf8Validator_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::addRow("ASCII") << QByteArray("hello") << true;
    QTest::addRow("Korean") << u"안녕"_s.toUtf8() << true;
    QTest::addRow("emoji") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::addRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::addRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << true;
    QTest::addRow("U+D7FF") << QByteArray("\xed\x9f\xbf") << true;
    QTest::addRow("U+E000") << QByteArray("\xee\x80\x80") << true;
    QTest::addRow("lone continuation") << QByteArray("\x80") << false;
    QTest::addRow("overlong 2-byte") << QByteArray("\xc0\xaf") << false;
    QTest::addRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::addRow("overlong 4-byte") << QByteArray("\xf0\x80\x80\xaf") << false;
    QTest::addRow("surrogate U+D800") << QByteArray("\xed\xa0\x80") << false;
    QTest::addRow("surrogate U+DFFF") << QByteArray("\xed\xbf\xbf") << false;
    QTest::addRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::addRow("F5") << QByteArray("\xf5\x80\x80\x80") << false;
    QTest::addRow("FF") << QByteArray("\xff") << false;
    QTest::addRow("cut short") << QByteArray("a\xe2\x82") << false;
    QTest::addRow("lead then ASCII") << QByteArray("\xe2\x41") << false;
    // Long ASCII runs are checked 8 bytes at a time: a bad byte anywhere in or after one counts.
    const QByteArray run(21, 'a');
    QTest::addRow("ASCII runs around an emoji") << run + "\xf0\x9f\x98\x80" + run << true;
    QTest::addRow("bad byte after a run") << run + "\xff" + run << false;
    for (int at : {0, 7, 8, 9, 15, 16, 20})
        QTest::addRow("bad byte at %d of a run", at)
            << QByteArray(run).replace(at, 1, "\x80") << false;
    QTest::addRow("character cut at the end of a run") << run + "\xe2\x82" << false;
}

void tst_WebSocketFrame::utf8Validator()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    Utf8Validator whole;
    QCOMPARE(whole.feed(reinterpret_cast<const uchar *>(bytes.constData()), bytes.size())
                 && whole.complete(),
             valid);
    // A byte at a time gives the same answer.
    Utf8Validator bytewise;
    for (const char c : bytes)
        bytewise.feed(uchar(c));
    QCOMPARE(bytewise.complete(), valid);
}

// Autobahn's "fail fast": invalid UTF-8 fails a text message at the first bad byte, before its
// frame or its message ends, as soon as the bytes prove it can no longer be valid.
void tst_WebSocketFrame::invalidUtf8FailsFast_data()
{
    QTest::addColumn<QByteArray>("stream"); // the message's final frame never comes
    QTest::addRow("bad first fragment") << clientFrame(0x1, "ok\xff", false);
    QTest::addRow("bad second fragment")
        << clientFrame(0x1, "fine", false) + clientFrame(0x0, "\xc0\xaf", false);
    QTest::addRow("character split, then proven wrong")
        << clientFrame(0x1, "\xf0\x9f", false) + clientFrame(0x0, "A", false);
    QTest::addRow("surrogate split across fragments")
        << clientFrame(0x1, "\xed", false) + clientFrame(0x0, "\xa0\x80", false);
    QTest::addRow("bad byte early in a frame still arriving")
        << clientFrame(0x1, "ab\xff" + QByteArray(500, 'x')).left(20);
    QTest::addRow("bad byte early in a fragment still arriving") << clientFrame(0x1, "ok", false)
            + clientFrame(0x0, "\xf4\x90" + QByteArray(500, 'x'), false).left(20);
}

void tst_WebSocketFrame::invalidUtf8FailsFast()
{
    QFETCH(QByteArray, stream);
    FrameParser parser(4096);
    parser.append(stream);
    const auto event = parser.next();
    QVERIFY2(event, "the error comes before the message ends");
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(quint16(event->code), quint16(CloseCode::InvalidPayload));
}

void tst_WebSocketFrame::charactersSplitAcrossFramesAreFine()
{
    // 😀 cut after its second byte, the next fragment arriving a byte at a time: fine until
    // proven wrong, and it never is.
    const QByteArray stream = clientFrame(0x1, "a\xf0\x9f", false) + clientFrame(0x0, "\x98", false)
        + clientFrame(0x0,
                      "\x80"
                      "b",
                      true);
    FrameParser parser(4096);
    QList<FrameParser::Event> events;
    for (const char byte : stream) {
        parser.append(QByteArrayView(&byte, 1));
        while (auto event = parser.next())
            events.append(*event);
    }
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].kind, Kind::Text);
    QCOMPARE(events[0].payload,
             QByteArray("a\xf0\x9f\x98\x80"
                        "b"));

    // A message that ends inside a character is not valid, though.
    parser.append(clientFrame(0x1, "\xf0\x9f", false) + clientFrame(0x0, "", true));
    const auto event = parser.next();
    QVERIFY(event);
    QCOMPARE(event->kind, Kind::Error);
    QCOMPARE(quint16(event->code), quint16(CloseCode::InvalidPayload));
}

QTEST_GUILESS_MAIN(tst_WebSocketFrame)
#include "tst_websocketframe.moc"
