// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/recentids.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtTest/QTest>

using namespace sori::server;
using namespace Qt::StringLiterals;

// A room's window of recent msgIds: a resend is recognized with its first number, a new message
// is never taken for one, and the window holds exactly its capacity.
class tst_RecentIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recognizesTheSamePairOnly();
    void keysDoNotCollide();
    void forgetsTheOldestBeyondItsCapacity();
    void aRemovedIdCanComeBack();
    void agreesWithASimpleModel_data();
    void agreesWithASimpleModel();
    void aFullWindowIsSmall();
};

void tst_RecentIds::recognizesTheSamePairOnly()
{
    RecentIds ids;
    QCOMPARE(ids.find(RecentIds::key(u"ann", u"m-1")), std::nullopt);
    ids.insert(RecentIds::key(u"ann", u"m-1"), 7);
    QCOMPARE(ids.find(RecentIds::key(u"ann", u"m-1")), 7);
    // Another sender's m-1 is another message; so is ann's m-2.
    QCOMPARE(ids.find(RecentIds::key(u"bob", u"m-1")), std::nullopt);
    QCOMPARE(ids.find(RecentIds::key(u"ann", u"m-2")), std::nullopt);
    // Where the sender's name ends is part of the pair: ("an", "nm-1") is not ("ann", "m-1").
    QCOMPARE(ids.find(RecentIds::key(u"an", u"nm-1")), std::nullopt);
    QCOMPARE(ids.find(RecentIds::key(u"annm-1", u"")), std::nullopt);
    QCOMPARE(ids.size(), 1);
}

void tst_RecentIds::keysDoNotCollide()
{
    // 200,000 pairs that differ in one character each: all keys distinct, and both halves of the
    // key vary (a constant half would halve the bits that tell pairs apart).
    QSet<quint64> lows;
    QSet<quint64> highs;
    for (int sender = 0; sender < 20; ++sender) {
        const QString name = u"user"_s + QString::number(sender);
        for (int n = 0; n < 10'000; ++n) {
            const RecentIds::Key key = RecentIds::key(name, QString::number(n));
            lows.insert(key.low);
            highs.insert(key.high);
        }
    }
    QCOMPARE(lows.size(), 200'000);
    QCOMPARE(highs.size(), 200'000);
    // The same pair always gives the same key within the process.
    QCOMPARE(RecentIds::key(u"user3", u"42"), RecentIds::key(u"user3", u"42"));
}

void tst_RecentIds::forgetsTheOldestBeyondItsCapacity()
{
    RecentIds ids(100);
    for (int n = 1; n <= 100; ++n)
        ids.insert(RecentIds::key(u"ann", QString::number(n)), n);
    QCOMPARE(ids.size(), 100);
    QCOMPARE(ids.find(RecentIds::key(u"ann", u"1")), 1); // full, nothing forgotten yet

    // Each new id pushes out the oldest, and only it, round the ring several times.
    for (int n = 101; n <= 350; ++n) {
        ids.insert(RecentIds::key(u"ann", QString::number(n)), n);
        QCOMPARE(ids.size(), 100);
        QCOMPARE(ids.find(RecentIds::key(u"ann", QString::number(n - 100))), std::nullopt);
        QCOMPARE(ids.find(RecentIds::key(u"ann", QString::number(n - 99))), n - 99);
        QCOMPARE(ids.find(RecentIds::key(u"ann", QString::number(n))), n);
    }
}

void tst_RecentIds::aRemovedIdCanComeBack()
{
    RecentIds ids(3);
    const RecentIds::Key a = RecentIds::key(u"ann", u"a");
    ids.insert(a, 1);
    ids.insert(RecentIds::key(u"ann", u"b"), 2);
    ids.remove(a); // its message was not stored
    QCOMPARE(ids.find(a), std::nullopt);
    QCOMPARE(ids.size(), 1);
    ids.insert(a, 3); // sent again, stored this time as 3
    QCOMPARE(ids.find(a), 3);
    // The ring now holds a(1, removed), b, a(3). Its first place comes round: the stale entry
    // must not take the new one with it.
    ids.insert(RecentIds::key(u"ann", u"c"), 4);
    QCOMPARE(ids.find(a), 3);
    ids.insert(RecentIds::key(u"ann", u"d"), 5); // pushes out b
    QCOMPARE(ids.find(RecentIds::key(u"ann", u"b")), std::nullopt);
    QCOMPARE(ids.find(a), 3);
    ids.insert(RecentIds::key(u"ann", u"e"), 6); // pushes out a(3), its own place
    QCOMPARE(ids.find(a), std::nullopt);
    QCOMPARE(ids.size(), 3);
}

void tst_RecentIds::agreesWithASimpleModel_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("capacity");
    for (quint32 seed = 1; seed <= 6; ++seed)
        QTest::addRow("seed %u, capacity %d", seed, int(seed * 17)) << seed << int(seed * 17);
}

void tst_RecentIds::agreesWithASimpleModel()
{
    // Random inserts, re-inserts and removals of keys that crowd a few home cells (their low
    // bits are small), checked against the rule itself: a key is found with the number of its
    // latest insert if that insert is among the last `capacity` ones and it was not removed
    // since.
    QFETCH(quint32, seed);
    QFETCH(int, capacity);
    QRandomGenerator random(seed);
    RecentIds ids(capacity);
    struct Latest
    {
        qint64 insertIndex = -1;
        qint64 seq = 0;
        bool removed = false;
    };
    constexpr int Keys = 100;
    std::vector<Latest> model(Keys);
    const auto keyOf = [](int n) { return RecentIds::Key{quint64(n % 24), quint64(n) * 7919}; };
    qint64 inserts = 0;
    for (int step = 0; step < 40'000; ++step) {
        const int n = int(random.bounded(Keys));
        if (random.bounded(10) == 0) {
            ids.remove(keyOf(n));
            model[size_t(n)].removed = true;
        } else {
            const qint64 seq = step + 1;
            ids.insert(keyOf(n), seq);
            model[size_t(n)] = Latest{inserts++, seq, false};
        }
        if (step % 97 != 0)
            continue;
        qsizetype expectedSize = 0;
        for (int k = 0; k < Keys; ++k) {
            const Latest &latest = model[size_t(k)];
            const bool kept = latest.insertIndex >= 0 && !latest.removed
                && latest.insertIndex >= inserts - capacity;
            QCOMPARE(ids.find(keyOf(k)), kept ? std::optional<qint64>(latest.seq) : std::nullopt);
            expectedSize += kept;
        }
        QCOMPARE(ids.size(), expectedSize);
    }
}

void tst_RecentIds::aFullWindowIsSmall()
{
    // What bench/notes.md finding 17 quotes: a full window of 10,000 ids in under 400 KiB.
    RecentIds ids;
    for (int n = 0; n < 30'000; ++n)
        ids.insert(RecentIds::key(u"ann", QString::number(n)), n);
    QCOMPARE(ids.size(), RecentIds::DefaultCapacity);
    QCOMPARE_LE(ids.bytes(), 400 * 1024);
    QCOMPARE_GE(ids.bytes(), RecentIds::DefaultCapacity * 24); // the ring itself, at least
}

QTEST_APPLESS_MAIN(tst_RecentIds)
#include "tst_recentids.moc"
