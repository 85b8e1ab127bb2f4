// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The name checker (core/namecheck.h): NFC, the spoof checker's verdicts and the skeleton.

#include "core/namecheck.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace sori::server;

class tst_NameCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizesToNfc();
    void problems_data();
    void problems();
    void skeletons_data();
    void skeletons();
    void manyThreadsAtOnce();
};

void tst_NameCheck::normalizesToNfc()
{
    const QString jamo = u"\u1112\u1161\u11AB\u1100\u116E\u11A8"_s;
    QCOMPARE(names::normalized(jamo), u"한국"_s);
    QCOMPARE(names::normalized(u"Jose\u0301"_s), u"José"_s);
    QCOMPARE(names::normalized(u"mina"_s), u"mina"_s);
}

void tst_NameCheck::problems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<names::Problem>("problem");
    const auto none = names::Problem::None;
    const auto characters = names::Problem::Characters;
    const auto mixed = names::Problem::MixedScripts;
    QTest::newRow("Latin") << u"admin"_s << none;
    QTest::newRow("punctuation") << u"a.b_c-d"_s << none;
    QTest::newRow("guest name") << u"guest-12"_s << none;
    QTest::newRow("Hangul") << u"김철수"_s << none;
    QTest::newRow("Hangul and Latin") << u"민준Kim"_s << none;
    QTest::newRow("Han, Hangul and Latin") << u"中文한국어abc"_s << none;
    QTest::newRow("Han, Hiragana and Latin") << u"日本ひらがなabc"_s << none;
    QTest::newRow("Cyrillic alone") << u"Алексей"_s << none;
    QTest::newRow("Latin with Cyrillic a") << u"\u0430dmin"_s << mixed;
    QTest::newRow("Latin with Cyrillic s") << u"\u0455erver"_s << mixed;
    QTest::newRow("Latin with Greek") << u"\u03BFpen"_s << mixed;
    QTest::newRow("Hangul with Cyrillic") << u"민준\u0430"_s << mixed;
    QTest::newRow("digits of two systems") << u"a1\u0661"_s << mixed;
    QTest::newRow("fullwidth") << u"\uFF41\uFF44\uFF4D\uFF49\uFF4E"_s << characters;
    QTest::newRow("mathematical bold")
        << QString::fromUcs4(U"\U0001D41A\U0001D41D\U0001D426\U0001D422\U0001D427") << characters;
    QTest::newRow("zero-width joiner") << u"ad\u200Dmin"_s << characters;
}

void tst_NameCheck::problems()
{
    QFETCH(QString, name);
    QFETCH(names::Problem, problem);
    QCOMPARE(names::problem(name), problem);
}

void tst_NameCheck::skeletons_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("case") << u"Admin"_s << u"admin"_s << true;
    QTest::newRow("Cyrillic a") << u"\u0430dmin"_s << u"admin"_s << true;
    QTest::newRow("fullwidth") << u"\uFF41\uFF44\uFF4D\uFF49\uFF4E"_s << u"admin"_s << true;
    QTest::newRow("mathematical bold")
        << QString::fromUcs4(U"\U0001D41A\U0001D41D\U0001D426\U0001D422\U0001D427") << u"admin"_s
        << true;
    QTest::newRow("rn and m") << u"adrnin"_s << u"admin"_s << true;
    QTest::newRow("capital I and l") << u"AIice"_s << u"alice"_s << true;
    QTest::newRow("Cyrillic s") << u"\u0455erver"_s << u"server"_s << true;
    QTest::newRow("jamo and syllables") << u"\u1112\u1161\u11AB"_s << u"한"_s << true;
    QTest::newRow("different names") << u"mina"_s << u"jun"_s << false;
    QTest::newRow("a letter more") << u"servers"_s << u"server"_s << false;
    QTest::newRow("different Hangul") << u"민아"_s << u"미나"_s << false;
}

void tst_NameCheck::skeletons()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QVERIFY(!names::skeleton(a).isEmpty());
    QCOMPARE(names::skeleton(a) == names::skeleton(b), same);
}

void tst_NameCheck::manyThreadsAtOnce()
{
    // The hub checks under its lock on every worker thread, the auth thread at registration:
    // one checker, read from many threads at once, gives the same answers.
    const QString expected = names::skeleton(u"admin"_s);
    std::atomic_int wrong = 0;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&] {
            for (int i = 0; i < 2000; ++i) {
                if (names::skeleton(u"\u0430dmin"_s) != expected
                    || names::problem(u"\u0430dmin"_s) != names::Problem::MixedScripts)
                    ++wrong;
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(60'000));
        delete thread;
    }
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(tst_NameCheck)
#include "tst_namecheck.moc"
