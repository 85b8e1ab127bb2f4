// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/outbuffer.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <string>

using namespace sori::server;

// A connection's queue of bytes for its peer: whatever is appended comes out in order, exactly
// once, however the kernel takes it (all, a part, nothing).
class tst_OutBuffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmptyWithoutAllocating();
    void keepsOrderAcrossPartialSends_data();
    void keepsOrderAcrossPartialSends();
    void keepsItsAllocationUntilReleased();
};

void tst_OutBuffer::startsEmptyWithoutAllocating()
{
    OutBuffer buffer;
    QVERIFY(buffer.isEmpty());
    QCOMPARE(buffer.size(), 0);
    QCOMPARE(buffer.capacity(), 0); // an idle connection holds no buffer
    buffer.append(nullptr, 0);
    QVERIFY(buffer.isEmpty());
    QCOMPARE(buffer.capacity(), 0);
}

void tst_OutBuffer::keepsOrderAcrossPartialSends_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 8; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

void tst_OutBuffer::keepsOrderAcrossPartialSends()
{
    // Random appends (a frame of 1 byte to 20 KiB) and sends that take a random part, checked
    // against a plain string doing the same.
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    OutBuffer buffer;
    std::string model;
    std::string sent;
    std::string expected;
    char next = 0;
    for (int step = 0; step < 5000; ++step) {
        if (random.bounded(3) != 0) {
            const int length =
                random.bounded(2) ? random.bounded(1, 200) : random.bounded(1, 20000);
            std::string frame(size_t(length), '\0');
            for (char &c : frame)
                c = next++;
            buffer.append(frame.data(), qsizetype(frame.size()));
            model += frame;
            expected += frame;
        } else {
            QCOMPARE(buffer.size(), qsizetype(model.size()));
            QCOMPARE(std::string(buffer.data(), size_t(buffer.size())), model);
            const qsizetype take = model.empty() ? 0 : random.bounded(qsizetype(model.size()) + 1);
            sent.append(buffer.data(), size_t(take));
            buffer.consume(take);
            model.erase(0, size_t(take));
        }
        QCOMPARE(buffer.isEmpty(), model.empty());
    }
    sent.append(buffer.data(), size_t(buffer.size()));
    buffer.consume(buffer.size());
    QVERIFY(buffer.isEmpty());
    QVERIFY(sent == expected);
}

void tst_OutBuffer::keepsItsAllocationUntilReleased()
{
    OutBuffer buffer;
    const std::string frame(3000, 'x');
    buffer.append(frame.data(), qsizetype(frame.size()));
    const qsizetype capacity = buffer.capacity();
    QVERIFY(capacity >= 3000);
    buffer.consume(buffer.size());
    QVERIFY(buffer.isEmpty());
    buffer.append(frame.data(), qsizetype(frame.size()));
    QCOMPARE(buffer.capacity(), capacity); // the next pass reuses it
    buffer.release();
    QCOMPARE(buffer.capacity(), 0);
    QVERIFY(buffer.isEmpty());
    buffer.append("ab", 2);
    QCOMPARE(std::string(buffer.data(), 2), std::string("ab"));
}

QTEST_GUILESS_MAIN(tst_OutBuffer)
#include "tst_outbuffer.moc"
