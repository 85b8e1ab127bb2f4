// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// What plain clients (the classic page, one line per frame) get: a message's lines each with its
// sender, and the server's own lines always one line.

#include "core/net/websocketencoder.h"
#include "core/net/websocketframe.h"
#include "protocol/validation.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::server;

namespace {
// The payloads of the unmasked server frames in `bytes`, as text.
QStringList lines(const QByteArray &bytes)
{
    QStringList texts;
    websocket::FrameParser parser(1 << 20, false); // server frames are not masked
    parser.append(bytes);
    while (const auto event = parser.next()) {
        if (event->kind != websocket::FrameParser::Event::Kind::Text)
            return {u"not a text frame"_s};
        texts.append(QString::fromUtf8(event->payload));
    }
    if (parser.bufferedBytes() != 0)
        texts.append(u"a frame cut short"_s);
    return texts;
}
} // namespace

class tst_PlainLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsAtEveryKindOfLineBreak_data();
    void splitsAtEveryKindOfLineBreak();
    void serverLinesStayOneLine();
};

void tst_PlainLines::splitsAtEveryKindOfLineBreak_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("one line") << u"hello"_s << QStringList{u"mina: hello"_s};
    QTest::addRow("LF, CR LF, CR") << u"one\nguest-7: fake\r\nerror: you are banned\rtwo"_s
                                   << QStringList{u"mina: one"_s, u"mina: guest-7: fake"_s,
                                                  u"mina: error: you are banned"_s, u"mina: two"_s};
    QTest::addRow("VT, FF, NEL, LS, PS")
        << u"a\vb\fc\u0085d\u2028e\u2029server: f"_s
        << QStringList{u"mina: a"_s, u"mina: b"_s, u"mina: c"_s,
                       u"mina: d"_s, u"mina: e"_s, u"mina: server: f"_s};
    QTest::addRow("empty lines kept")
        << u"a\n\nb\n"_s << QStringList{u"mina: a"_s, u"mina: "_s, u"mina: b"_s, u"mina: "_s};
}

void tst_PlainLines::splitsAtEveryKindOfLineBreak()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const WebSocketEncoder encoder;
    QCOMPARE(lines(encoder.encodePlainMessage(u"mina", text)), expected);
}

void tst_PlainLines::serverLinesStayOneLine()
{
    const WebSocketEncoder encoder;
    const QString reason = u"error: banned for good. Reason: spam\nmina: hi\r\n\u2028x\u0085y"_s;
    const QStringList got = lines(encoder.encodePlain(reason));
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first(), u"error: banned for good. Reason: spam mina: hi   x y"_s);
    for (QChar c : got.first())
        QVERIFY(!protocol::isLineBreak(c.unicode()));
}

QTEST_APPLESS_MAIN(tst_PlainLines)
#include "tst_plainlines.moc"
