// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Names nobody can imitate, on the wire: NFC, the confusable skeleton against accounts, guests
// online and the operator, mixed scripts; and the sender's role in every message, live and
// after a restart.

#include "core/chat/hub.h"
#include "fixtures.h"

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_Names : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void imitationsAreRefused_data();
    void imitationsAreRefused();
    void ordinaryNamesAreAccepted_data();
    void ordinaryNamesAreAccepted();
    void namesAreNormalized();
    void aGuestOnlineHoldsItsSkeletonUntilItLeaves();
    void nobodyImitatesTheServer();
    void messagesCarryTheSendersRole();
    void newRoomNamesAreNfcAndUnmixed();

private:
    // The code of the error that answers a guest's hello as `name`; Internal if it was welcomed.
    ErrorCode guestRefusal(const QString &name)
    {
        RecordingClient client;
        client.client.connectToServer(url(), name);
        if (!test::answered(client) || client.errors.isEmpty())
            return ErrorCode::Internal;
        return client.errors.first().code;
    }
    ErrorCode registerRefusal(const QString &name)
    {
        RecordingClient client;
        client.client.registerAccount(url(), name, u"correct horse battery"_s);
        if (!test::answered(client) || client.errors.isEmpty())
            return ErrorCode::Internal;
        return client.errors.first().code;
    }
};

void tst_Names::init()
{
    newDataDir({{u"admin"_s, Role::Admin}, {u"mina"_s, Role::Member}});
    startServer();
}

void tst_Names::cleanup()
{
    m_server.reset();
}

void tst_Names::imitationsAreRefused_data()
{
    QTest::addColumn<QString>("name");
    // "admin" is an account (init()).
    QTest::newRow("Cyrillic a") << u"\u0430dmin"_s;
    QTest::newRow("fullwidth") << u"\uFF41\uFF44\uFF4D\uFF49\uFF4E"_s;
    QTest::newRow("mathematical bold")
        << QString::fromUcs4(U"\U0001D41A\U0001D41D\U0001D426\U0001D422\U0001D427");
    QTest::newRow("rn for m") << u"adrnin"_s;
    // Not like any name, but mixing alphabets: refused all the same.
    QTest::newRow("Latin and Cyrillic") << u"\u0405ergey"_s;
    QTest::newRow("fullwidth, no account") << u"\uFF4A\uFF55\uFF4E"_s;
}

void tst_Names::imitationsAreRefused()
{
    QFETCH(QString, name);
    // Neither as a guest nor as a new account, with the documented code.
    QCOMPARE(guestRefusal(name), ErrorCode::NameConfusable);
    QCOMPARE(registerRefusal(name), ErrorCode::NameConfusable);
    // The real ones sign in as ever.
    auto admin = test::signedIn(url(), u"admin"_s);
    QVERIFY(admin);
    QCOMPARE(admin->welcome.role, Role::Admin);
}

void tst_Names::ordinaryNamesAreAccepted_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("Korean") << u"김철수"_s;
    QTest::newRow("Latin with punctuation") << u"jun-ho.kim_2"_s;
    QTest::newRow("Hangul and Latin") << u"민준Kim"_s;
    QTest::newRow("Han, Hangul and Latin") << u"中文한국어abc"_s;
    QTest::newRow("Cyrillic alone") << u"Алексей"_s;
    QTest::newRow("accents") << u"José"_s;
}

void tst_Names::ordinaryNamesAreAccepted()
{
    QFETCH(QString, name);
    {
        RecordingClient guest;
        QVERIFY(guest.greet(url(), name));
        QCOMPARE(guest.welcome.name, name);
    }
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);
    RecordingClient account;
    account.client.registerAccount(url(), name, u"correct horse battery"_s);
    QVERIFY(test::answered(account));
    QCOMPARE(account.errors, QList<Error>());
    QCOMPARE(account.welcome.name, name);
}

void tst_Names::namesAreNormalized()
{
    // "한국어" in conjoining jamo (NFD) and as syllables (NFC) is one name.
    const QString jamo = u"\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165"_s;
    const QString syllables = u"한국어"_s;
    QCOMPARE(jamo.normalized(QString::NormalizationForm_C), syllables);
    {
        RecordingClient guest;
        QVERIFY(guest.greet(url(), jamo));
        QCOMPARE(guest.welcome.name, syllables);
        // While that guest is online, neither spelling is free.
        QCOMPARE(guestRefusal(syllables), ErrorCode::NameTaken);
        QCOMPARE(guestRefusal(jamo), ErrorCode::NameTaken);
    }
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);

    // An account registered in jamo is stored as syllables, signs in with either spelling, and
    // a guest can take neither.
    RecordingClient account;
    account.client.registerAccount(url(), jamo, u"correct horse battery"_s);
    QVERIFY(test::answered(account));
    QCOMPARE(account.errors, QList<Error>());
    QCOMPARE(account.welcome.name, syllables);
    QCOMPARE(query(u"SELECT name FROM accounts WHERE name_key = '한국어'"_s).toString(), syllables);
    QCOMPARE(registerRefusal(syllables), ErrorCode::NameTaken);
    for (const QString &spelling : {jamo, syllables}) {
        RecordingClient again;
        again.client.signIn(url(), spelling, u"correct horse battery"_s);
        QVERIFY(test::answered(again));
        QCOMPARE(again.errors, QList<Error>());
        QCOMPARE(again.welcome.name, syllables);
    }
    account.client.disconnectFromServer();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);
    QCOMPARE(guestRefusal(jamo), ErrorCode::NameTaken);
}

void tst_Names::aGuestOnlineHoldsItsSkeletonUntilItLeaves()
{
    auto jimin = test::guest(url(), u"jimin"_s);
    QVERIFY(jimin);
    // "jirnin" looks like "jimin": no other guest and no new account may take it now.
    QCOMPARE(guestRefusal(u"jirnin"_s), ErrorCode::NameConfusable);
    QCOMPARE(guestRefusal(u"JIMIN"_s), ErrorCode::NameTaken);
    QCOMPARE(registerRefusal(u"jirnin"_s), ErrorCode::NameConfusable);
    QCOMPARE(registerRefusal(u"jimin"_s), ErrorCode::NameTaken);

    // Once jimin has gone, the look-alike is free.
    jimin->client.disconnectFromServer();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);
    QTRY_COMPARE(guestRefusal(u"jirnin"_s), ErrorCode::Internal); // welcomed
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);
    RecordingClient account;
    account.client.registerAccount(url(), u"jirnin"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(account));
    QCOMPARE(account.errors, QList<Error>());
    // And now that it is an account, "jimin" is the look-alike.
    QCOMPARE(guestRefusal(u"jimin"_s), ErrorCode::NameConfusable);
}

void tst_Names::nobodyImitatesTheServer()
{
    // The operator's announcements come from "server".
    for (const QString &name : {u"\u0455erver"_s, u"\u0405ERVER"_s}) {
        QCOMPARE(guestRefusal(name), ErrorCode::NameConfusable);
        QCOMPARE(registerRefusal(name), ErrorCode::NameConfusable);
    }
    QCOMPARE(guestRefusal(u"SERVER"_s), ErrorCode::NameTaken);
    QCOMPARE(guestRefusal(u"\uFF53\uFF45\uFF52\uFF56\uFF45\uFF52"_s), ErrorCode::NameConfusable);
    // Plain clients read "name: text" and the server's own "error: text": "error" is taken too,
    // and so is every name that looks like it.
    QCOMPARE(guestRefusal(u"Error"_s), ErrorCode::NameTaken);
    QCOMPARE(registerRefusal(u"error"_s), ErrorCode::NameTaken);
    QCOMPARE(guestRefusal(u"\u0435rror"_s), ErrorCode::NameConfusable); // Cyrillic е
    QCOMPARE(guestRefusal(u"errror"_s), ErrorCode::Internal); // welcomed
}

void tst_Names::messagesCarryTheSendersRole()
{
    auto watcher = test::guest(url(), u"watcher"_s, {u"lobby"_s});
    auto admin = test::signedIn(url(), u"admin"_s, {u"lobby"_s});
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(watcher && admin && mina && jun);
    admin->client.sendMessage(u"lobby"_s, u"from the admin"_s);
    QTRY_COMPARE(watcher->messagesIn(u"lobby"_s).size(), 1);
    mina->client.sendMessage(u"lobby"_s, u"from a member"_s);
    QTRY_COMPARE(watcher->messagesIn(u"lobby"_s).size(), 2);
    jun->client.sendMessage(u"lobby"_s, u"from a guest"_s);
    QTRY_COMPARE(watcher->messagesIn(u"lobby"_s).size(), 3);
    QVERIFY(m_server->hub()->operatorAnnounce(u"lobby"_s, u"from the operator"_s).index() == 0);
    QTRY_COMPARE(watcher->messagesIn(u"lobby"_s).size(), 4);

    const auto check = [](const QList<MessageEvent> &messages) {
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(0).from, u"admin"_s);
        QCOMPARE(messages.at(0).role, Role::Admin);
        QCOMPARE(messages.at(0).guest, false);
        QCOMPARE(messages.at(1).from, u"mina"_s);
        QCOMPARE(messages.at(1).role, Role::Member);
        QCOMPARE(messages.at(1).guest, false);
        QCOMPARE(messages.at(2).from, u"jun"_s);
        QCOMPARE(messages.at(2).role, Role::Guest);
        QCOMPARE(messages.at(2).guest, true);
        QCOMPARE(messages.at(3).from, u"server"_s);
        QCOMPARE(messages.at(3).role, Role::Admin);
        QCOMPARE(messages.at(3).guest, false);
    };
    check(watcher->messagesIn(u"lobby"_s));
    if (QTest::currentTestFailed())
        return;

    // After a restart, the stored messages replay with the same badges.
    watcher.reset();
    admin.reset();
    mina.reset();
    jun.reset();
    startServer();
    RecordingClient later;
    QVERIFY(later.greet(url(), u"later"_s));
    QVERIFY(later.joinRoom(u"lobby"_s));
    QTRY_VERIFY(!later.histories.isEmpty());
    check(later.histories.first().messages);
}

void tst_Names::newRoomNamesAreNfcAndUnmixed()
{
    auto mina = test::signedIn(url(), u"mina"_s);
    QVERIFY(mina);
    const auto refused = [&](const QString &room) {
        mina->errors.clear();
        mina->client.join(room);
        return QTest::qWaitFor([&] { return !mina->errors.isEmpty(); }, 5000)
            ? mina->errors.first().code
            : ErrorCode::Internal;
    };
    // Jamo would be a second room that reads like the first; look-alike letters, too.
    QCOMPARE(refused(u"\u1112\u1161\u11AB\u1100\u116E\u11A8"_s), ErrorCode::BadRoom);
    QCOMPARE(refused(u"\uFF4C\uFF4F\uFF42\uFF42\uFF59"_s), ErrorCode::BadRoom);
    QCOMPARE(refused(u"l\u043Ebby"_s), ErrorCode::BadRoom);
    // Ordinary names make rooms as before.
    QVERIFY(mina->joinRoom(u"한국"_s));
    QVERIFY(mina->joinRoom(u"dev-2"_s));
}

QTEST_GUILESS_MAIN(tst_Names)
#include "tst_names.moc"
