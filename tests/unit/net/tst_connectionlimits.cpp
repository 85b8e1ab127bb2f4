// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

#include "core/net/connectionlimits.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using sori::server::ConnectionLimits;
using Verdict = ConnectionLimits::Verdict;

class tst_ConnectionLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ipv4IsCountedPerAddress();
    void ipv6IsCountedPerSlash64();
    void perSourceCapAtItsEdge();
    void pendingCapsAtTheirEdges();
    void totalCapAtItsEdge();
    void zeroMeansNoCap();
};

void tst_ConnectionLimits::ipv4IsCountedPerAddress()
{
    QCOMPARE(ConnectionLimits::sourceKey(QHostAddress(u"192.0.2.7"_s)), u"192.0.2.7"_s);
    QVERIFY(ConnectionLimits::sourceKey(QHostAddress(u"192.0.2.7"_s))
            != ConnectionLimits::sourceKey(QHostAddress(u"192.0.2.8"_s)));
    // An IPv4 peer seen on a dual-stack socket is the same source as itself.
    QCOMPARE(ConnectionLimits::sourceKey(QHostAddress(u"::ffff:192.0.2.7"_s)), u"192.0.2.7"_s);
}

void tst_ConnectionLimits::ipv6IsCountedPerSlash64()
{
    const QString a = ConnectionLimits::sourceKey(QHostAddress(u"2001:db8:1:2:aaaa::1"_s));
    const QString b = ConnectionLimits::sourceKey(QHostAddress(u"2001:db8:1:2:ffff:1:2:3"_s));
    const QString c = ConnectionLimits::sourceKey(QHostAddress(u"2001:db8:1:3::1"_s));
    QCOMPARE(a, u"2001:db8:1:2::/64"_s);
    QCOMPARE(a, b);
    QVERIFY(a != c);
}

void tst_ConnectionLimits::perSourceCapAtItsEdge()
{
    ConnectionLimits limits({0, 3, 0, 0});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"a"_s), Verdict::SourceFull);
    QCOMPARE(limits.admit(u"b"_s), Verdict::Admitted);
    QCOMPARE(limits.refused(), qint64(1));
    limits.release(u"a"_s, true);
    QCOMPARE(limits.fromSource(u"a"_s), 2);
    QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.total(), 4);
}

void tst_ConnectionLimits::pendingCapsAtTheirEdges()
{
    ConnectionLimits limits({0, 0, 3, 2});
    QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"a"_s), Verdict::SourcePendingFull);
    // A finished handshake makes room for the next one of the same source.
    limits.handshakeDone(u"a"_s);
    QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.pending(), 2);
    QCOMPARE(limits.admit(u"b"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"c"_s), Verdict::PendingFull);
    // An upgraded connection that ends does not give back a pending place twice.
    limits.release(u"a"_s, false);
    QCOMPARE(limits.pending(), 3);
    limits.release(u"b"_s, true);
    QCOMPARE(limits.pending(), 2);
    QCOMPARE(limits.total(), 2);
    QCOMPARE(limits.admit(u"c"_s), Verdict::Admitted);
}

void tst_ConnectionLimits::totalCapAtItsEdge()
{
    ConnectionLimits limits({2, 0, 0, 0});
    QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"b"_s), Verdict::Admitted);
    QCOMPARE(limits.admit(u"c"_s), Verdict::TotalFull);
    limits.release(u"a"_s, true);
    QCOMPARE(limits.fromSource(u"a"_s), 0);
    QCOMPARE(limits.admit(u"c"_s), Verdict::Admitted);
    QCOMPARE(limits.refused(), qint64(1));
}

void tst_ConnectionLimits::zeroMeansNoCap()
{
    ConnectionLimits limits({0, 0, 0, 0});
    for (int i = 0; i < 10'000; ++i)
        QCOMPARE(limits.admit(u"a"_s), Verdict::Admitted);
    QCOMPARE(limits.total(), 10'000);
    QCOMPARE(limits.refused(), qint64(0));
}

QTEST_APPLESS_MAIN(tst_ConnectionLimits)
#include "tst_connectionlimits.moc"
