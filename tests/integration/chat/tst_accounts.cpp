// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Accounts end to end: registration, password and token sign-in, logout, throttling, guests.

#include "core/chat/authservice.h"
#include "core/chat/hub.h"
#include "core/store/sqlitestore.h"
#include "fixtures.h"

#include <QtCore/QDirIterator>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::AuthService;
using sori::server::ServerConfig;
using sori::server::SqliteStore;
using sori::test::RawClient;
using sori::test::RecordingClient;

class tst_Accounts : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void registerSignInAndChat();
    void wrongPasswordAndUnknownNameLookTheSame();
    void tokenResumesAndLogoutRevokesIt();
    void expiredTokenIsRefused();
    void repeatedFailuresAreSlowedDown();
    void registrationIsChecked();
    void guestsCannotTakeRegisteredNames();
    void anAccountMadeWhileTheServerRunsIsKnown();
    void nobodyRegistersAsTheServer();
    void guestsCanBeSwitchedOff();
    void oneAccountInTwoSessionsShowsOnce();
    void databaseHoldsNoPasswordOrToken();
};

void tst_Accounts::init()
{
    startServerOnNewData();
}

void tst_Accounts::cleanup()
{
    m_server.reset();
}

void tst_Accounts::registerSignInAndChat()
{
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina));
    QVERIFY(mina.errors.isEmpty());
    QCOMPARE(mina.welcome.name, u"mina"_s);
    QCOMPARE(mina.welcome.role, Role::Member);
    QVERIFY(mina.welcome.token.size() >= 43); // 256 random bits
    QCOMPARE(mina.client.token(), mina.welcome.token);
    QVERIFY(mina.welcome.expires > QDateTime::currentMSecsSinceEpoch());
    QVERIFY(mina.joinRoom(u"lobby"_s));

    // The same account signs in elsewhere with its password and gets its own token.
    RecordingClient phone;
    phone.client.signIn(url(), u"MINA"_s, u"correct horse battery"_s); // names ignore case
    QVERIFY(test::answered(phone));
    QVERIFY(phone.errors.isEmpty());
    QCOMPARE(phone.welcome.name, u"mina"_s);
    QVERIFY(!phone.welcome.token.isEmpty());
    QVERIFY(phone.welcome.token != mina.welcome.token);
    QVERIFY(phone.joinRoom(u"lobby"_s));
    phone.client.sendMessage(u"lobby"_s, u"from the phone"_s);
    QTRY_COMPARE(mina.messages.size(), 1);
    QCOMPARE(mina.messages.first().from, u"mina"_s);
}

void tst_Accounts::wrongPasswordAndUnknownNameLookTheSame()
{
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());

    RecordingClient wrong;
    wrong.client.signIn(url(), u"mina"_s, u"incorrect horse"_s);
    QVERIFY(test::answered(wrong));
    RecordingClient nobody;
    nobody.client.signIn(url(), u"nobody"_s, u"incorrect horse"_s);
    QVERIFY(test::answered(nobody));
    QCOMPARE(wrong.errors.size(), 1);
    QCOMPARE(wrong.errors.first().code, ErrorCode::BadCredentials);
    QCOMPARE(nobody.errors.first().code, ErrorCode::BadCredentials);
    QCOMPARE(wrong.errors.first().message, nobody.errors.first().message);
    QCOMPARE(wrong.client.state(), ChatClient::State::Greeting); // may try again
    QVERIFY(wrong.welcome.token.isEmpty());
}

void tst_Accounts::tokenResumesAndLogoutRevokesIt()
{
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());
    const QString token = mina.client.token();
    mina.client.abort();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);

    RecordingClient again;
    again.client.resumeSession(url(), token);
    QVERIFY(test::answered(again));
    QVERIFY(again.errors.isEmpty());
    QCOMPARE(again.welcome.name, u"mina"_s);
    QCOMPARE(again.welcome.role, Role::Member);
    QVERIFY(again.welcome.token.isEmpty()); // the same sign-in goes on: no new token

    QSignalSpy loggedOut(&again.client, &ChatClient::loggedOut);
    again.client.logout();
    QVERIFY(loggedOut.wait(5000));
    QTRY_COMPARE(again.disconnects, 1);
    QCOMPARE(again.closeCode, 1000);
    QCOMPARE(again.closeReason, u"logged out"_s);

    RecordingClient revoked;
    revoked.client.resumeSession(url(), token);
    QVERIFY(test::answered(revoked));
    QCOMPARE(revoked.errors.size(), 1);
    QCOMPARE(revoked.errors.first().code, ErrorCode::BadToken);

    RecordingClient forged;
    forged.client.resumeSession(url(), u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s);
    QVERIFY(test::answered(forged));
    QCOMPARE(forged.errors.first().code, ErrorCode::BadToken);
}

void tst_Accounts::expiredTokenIsRefused()
{
    startServerOnNewData([](ServerConfig &config) { config.tokenLifetimeSeconds = 0; });
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());
    RecordingClient later;
    later.client.resumeSession(url(), mina.client.token());
    QVERIFY(test::answered(later));
    QCOMPARE(later.errors.size(), 1);
    QCOMPARE(later.errors.first().code, ErrorCode::BadToken);
    // The password still works.
    RecordingClient withPassword;
    withPassword.client.signIn(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(withPassword));
    QVERIFY(withPassword.errors.isEmpty());
}

void tst_Accounts::repeatedFailuresAreSlowedDown()
{
    startServerOnNewData([](ServerConfig &config) {
        config.loginFailuresBeforeDelay = 2;
        config.maxLoginDelaySeconds = 60;
    });
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());

    for (int attempt = 0; attempt < 2; ++attempt) {
        RecordingClient guess;
        guess.client.signIn(url(), u"mina"_s, u"guess %1"_s.arg(attempt));
        QVERIFY(test::answered(guess));
        QCOMPARE(guess.errors.first().code, ErrorCode::BadCredentials);
    }
    // Now even the right password has to wait.
    RecordingClient right;
    right.client.signIn(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(right));
    QCOMPARE(right.errors.size(), 1);
    QCOMPARE(right.errors.first().code, ErrorCode::Throttled);
    QVERIFY2(right.errors.first().message.contains(u"try again in"_s),
             qPrintable(right.errors.first().message));
    // Signing in again with a token is not held up by the password guesses.
    RecordingClient resumed;
    resumed.client.resumeSession(url(), mina.client.token());
    QVERIFY(test::answered(resumed));
    QVERIFY(resumed.errors.isEmpty());

    // Guessing tokens is slowed down the same way.
    for (int attempt = 0; attempt < 2; ++attempt) {
        RecordingClient guess;
        guess.client.resumeSession(url(), u"guessed-token-%1"_s.arg(attempt));
        QVERIFY(test::answered(guess));
        QCOMPARE(guess.errors.first().code, ErrorCode::BadToken);
    }
    RecordingClient blocked;
    blocked.client.resumeSession(url(), mina.client.token());
    QVERIFY(test::answered(blocked));
    QCOMPARE(blocked.errors.first().code, ErrorCode::Throttled);
}

void tst_Accounts::registrationIsChecked()
{
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());

    const auto refused = [this](const QString &name, const QString &password) {
        RecordingClient client;
        client.client.registerAccount(url(), name, password);
        if (!test::answered(client) || client.errors.size() != 1)
            return ErrorCode::Internal;
        return client.errors.first().code;
    };
    QCOMPARE(refused(u"Mina"_s, u"another password"_s), ErrorCode::NameTaken);
    QCOMPARE(refused(u"jun"_s, u"short"_s), ErrorCode::WeakPassword);
    QCOMPARE(refused(u"guest-4"_s, u"long enough"_s), ErrorCode::BadName);
    QCOMPARE(refused(u"two words"_s, u"long enough"_s), ErrorCode::BadName);

    startServerOnNewData([](ServerConfig &config) { config.allowRegistration = false; });
    QCOMPARE(refused(u"jun"_s, u"long enough"_s), ErrorCode::RegistrationClosed);
}

void tst_Accounts::guestsCannotTakeRegisteredNames()
{
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());
    mina.client.disconnectFromServer();
    QTRY_COMPARE(m_server->hub()->onlineCount(), 0);

    // Offline or not, the name is the account's.
    RecordingClient impostor;
    impostor.client.connectToServer(url(), u"Mina"_s);
    QVERIFY(test::answered(impostor));
    QCOMPARE(impostor.errors.size(), 1);
    QCOMPARE(impostor.errors.first().code, ErrorCode::NameTaken);

    // Also after a restart of the server.
    m_server.reset();
    m_server = test::startServer(m_dataDir->path());
    QVERIFY(m_server);
    RecordingClient again;
    again.client.connectToServer(url(), u"mina"_s);
    QVERIFY(test::answered(again));
    QCOMPARE(again.errors.first().code, ErrorCode::NameTaken);
}

void tst_Accounts::anAccountMadeWhileTheServerRunsIsKnown()
{
    // `sori-server --create-admin root` while the server runs writes the account into its
    // database from another process, as this second connection does. Within seconds the server
    // knows the name is the account's, and a guest can no longer take it.
    RecordingClient watcher;
    QVERIFY(watcher.greet(url(), u"watcher"_s));
    {
        SqliteStore other(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY(other.open());
        qint64 id = -1;
        QVERIFY(other.createAccount(u"root"_s,
                                    AuthService::hashPassword(u"correct horse battery"_s),
                                    Role::Admin, QDateTime::currentMSecsSinceEpoch(), &id));
    }
    const auto rootIsAdmin = [&] {
        watcher.users.clear();
        watcher.client.whois(u"root"_s);
        return QTest::qWaitFor([&] { return !watcher.users.isEmpty(); }, 5000)
            && watcher.users.first().role == Role::Admin;
    };
    QVERIFY(QTest::qWaitFor(rootIsAdmin, 10'000));

    RecordingClient impostor;
    impostor.client.connectToServer(url(), u"Root"_s);
    QVERIFY(test::answered(impostor));
    QCOMPARE(impostor.errors.size(), 1);
    QCOMPARE(impostor.errors.first().code, ErrorCode::NameTaken);

    RecordingClient root;
    root.client.signIn(url(), u"root"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(root));
    QCOMPARE(root.errors.size(), 0);
    QCOMPARE(root.welcome.role, Role::Admin);
}

void tst_Accounts::nobodyRegistersAsTheServer()
{
    // The operator's announcements come from "server": an account may not pass for it.
    for (const QString &name : {u"server"_s, u"Server"_s}) {
        RecordingClient impostor;
        impostor.client.registerAccount(url(), name, u"correct horse battery"_s);
        QVERIFY(test::answered(impostor));
        QCOMPARE(impostor.errors.size(), 1);
        QCOMPARE(impostor.errors.first().code, ErrorCode::NameTaken);
    }
    // A name that only starts with it is fine.
    RecordingClient fine;
    fine.client.registerAccount(url(), u"servers"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(fine));
    QVERIFY(fine.errors.isEmpty());
}

void tst_Accounts::guestsCanBeSwitchedOff()
{
    startServerOnNewData([](ServerConfig &config) { config.allowGuests = false; });
    RecordingClient guest;
    guest.client.connectToServer(url(), u"visitor"_s);
    QVERIFY(test::answered(guest));
    QCOMPARE(guest.errors.first().code, ErrorCode::GuestsDisabled);

    RawClient plain; // told why, then closed at once
    plain.socket.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(m_server->serverPort())));
    QTRY_VERIFY(plain.closed);
    QCOMPARE(plain.closeCode, 1008);
    QVERIFY(plain.texts.value(0).startsWith(u"error: this server does not take guests"_s));

    RecordingClient member;
    member.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(member));
    QVERIFY(member.errors.isEmpty());
}

void tst_Accounts::oneAccountInTwoSessionsShowsOnce()
{
    RecordingClient watcher;
    QVERIFY(watcher.greet(url(), u"watcher"_s));
    QVERIFY(watcher.joinRoom(u"lobby"_s));

    RecordingClient desk;
    desk.client.registerAccount(url(), u"mina"_s, u"correct horse battery"_s);
    QVERIFY(test::answered(desk) && desk.errors.isEmpty());
    QVERIFY(desk.joinRoom(u"lobby"_s));
    RecordingClient phone;
    phone.client.resumeSession(url(), desk.client.token());
    QVERIFY(test::answered(phone) && phone.errors.isEmpty());
    QVERIFY(phone.joinRoom(u"lobby"_s));
    QCOMPARE(phone.joins.last().members.count(Member{u"mina"_s, ClientKind::Desktop}), 1);

    // The phone goes: mina is still there. The desk goes: now mina has left.
    phone.client.disconnectFromServer();
    desk.client.sendMessage(u"lobby"_s, u"still here"_s);
    QTRY_COMPARE(watcher.messages.size(), 1);
    desk.client.disconnectFromServer();
    QTRY_VERIFY(watcher.hasPresence(u"mina"_s, PresenceChange::Left));
    int joined = 0;
    int left = 0;
    for (const PresenceEvent &p : std::as_const(watcher.presence)) {
        if (p.member.name == u"mina") {
            joined += p.change == PresenceChange::Joined;
            left += p.change == PresenceChange::Left;
        }
    }
    QCOMPARE(joined, 1);
    QCOMPARE(left, 1);
}

void tst_Accounts::databaseHoldsNoPasswordOrToken()
{
    const QString password = u"unmistakable-password-8d1f"_s;
    RecordingClient mina;
    mina.client.registerAccount(url(), u"mina"_s, password);
    QVERIFY(test::answered(mina) && mina.errors.isEmpty());
    const QByteArray token = mina.client.token().toUtf8();
    RecordingClient again;
    again.client.signIn(url(), u"mina"_s, password);
    QVERIFY(test::answered(again) && again.errors.isEmpty());
    m_server.reset(); // everything written out

    QByteArray bytes;
    QDirIterator files(m_dataDir->path(), QDir::Files);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes += file.readAll();
    }
    QVERIFY(bytes.size() > 0);
    QVERIFY(bytes.contains("$argon2id$")); // the hash is there...
    QVERIFY(!bytes.contains(password.toUtf8())); // ...the password is not
    QVERIFY(!bytes.contains(token));
    QVERIFY(!bytes.contains(again.client.token().toUtf8()));
}

QTEST_GUILESS_MAIN(tst_Accounts)
#include "tst_accounts.moc"
