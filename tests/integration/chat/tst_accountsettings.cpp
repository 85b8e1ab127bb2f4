// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The account settings over the wire (issue 23, docs/protocol.md §15): change_password, devices,
// end_device and set_notify, each for accounts only; what a person sees when a device is signed
// out; the throttle a wrong old password counts against; and a client that floods these
// requests without reading while a bystander keeps chatting.

#include "core/serverconfig.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {

std::optional<DeviceList> devicesFor(RecordingClient &client, const QString &id)
{
    QSignalSpy spy(&client.client, &ChatClient::devicesListed);
    std::optional<DeviceList> found;
    [[maybe_unused]] const bool came = QTest::qWaitFor(
        [&] {
            for (const auto &arguments : std::as_const(spy)) {
                const auto answer = arguments.first().value<DeviceList>();
                if (answer.id == id) {
                    found = answer;
                    return true;
                }
            }
            return false;
        },
        5000);
    return found;
}

} // namespace

class tst_AccountSettings : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void changePassword();
    void changePasswordSignsOutTheOtherDevices();
    void wrongOldPasswordsAreThrottledLikeLogins();
    void guestsHaveNoSettings();
    void devicesListAndEnd();
    void someoneElsesDeviceIsRefused();
    void notifyLevelsComeBackInTheWelcome();
    void settingsAreRateLimited();
    void floodingClientDoesNotHurtABystander();

private:
    void start(const std::function<void(ServerConfig &)> &configure = {})
    {
        newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
        startServer([configure](ServerConfig &config) {
            // The tests make several requests in a row: no settings limit unless they set one.
            config.settingsRate = {0, 1};
            if (configure)
                configure(config);
        });
    }
    // An account signed in with this password and client kind; null if it was refused.
    std::unique_ptr<RecordingClient> signIn(const QString &name, const QString &password,
                                            ClientKind kind = ClientKind::Desktop)
    {
        auto client = std::make_unique<RecordingClient>();
        client->client.setAutoReconnect(false);
        client->client.signIn(url(), name, password, kind);
        if (!answered(*client) || !client->errors.isEmpty())
            return nullptr;
        return client;
    }
    std::unique_ptr<RecordingClient> resume(const QString &token)
    {
        auto client = std::make_unique<RecordingClient>();
        client->client.setAutoReconnect(false);
        client->client.resumeSession(url(), token);
        if (!answered(*client) || !client->errors.isEmpty())
            return nullptr;
        return client;
    }
    bool auditHas(const QString &sql)
    {
        return QTest::qWaitFor(
            [&] { return query(u"SELECT count(*) FROM audit_log WHERE "_s + sql).toInt() > 0; },
            10'000);
    }
};

void tst_AccountSettings::init()
{
    start();
}

void tst_AccountSettings::cleanup()
{
    m_server.reset();
}

void tst_AccountSettings::changePassword()
{
    auto mina = signIn(u"mina"_s, u"mina password"_s);
    QVERIFY(mina);

    // A wrong current password, a new one too short: refused, nothing changes.
    QCOMPARE(
        errorFor(*mina, mina->client.changePassword(u"wrong one"_s, u"a new password"_s, false))
            ->code,
        ErrorCode::BadCredentials);
    QCOMPARE(
        errorFor(*mina, mina->client.changePassword(u"mina password"_s, u"short"_s, false))->code,
        ErrorCode::WeakPassword);
    QVERIFY(signIn(u"mina"_s, u"mina password"_s));

    QVERIFY(doneFor(
        *mina, mina->client.changePassword(u"mina password"_s, u"a much better one"_s, false)));
    QVERIFY(!signIn(u"mina"_s, u"mina password"_s));
    QVERIFY(signIn(u"mina"_s, u"a much better one"_s));
    // Still signed in here, and in the audit log with mina as the actor.
    QCOMPARE(mina->disconnects, 0);
    QVERIFY(auditHas(u"actor = 'mina' AND action = 'change_password' AND target = 'mina'"_s));
    // The new one survives a restart.
    startServer();
    QVERIFY(signIn(u"mina"_s, u"a much better one"_s));
}

void tst_AccountSettings::changePasswordSignsOutTheOtherDevices()
{
    auto here = signIn(u"mina"_s, u"mina password"_s);
    auto there = signIn(u"mina"_s, u"mina password"_s, ClientKind::Web);
    auto jun = signIn(u"jun"_s, u"jun password"_s);
    QVERIFY(here && there && jun);
    const QString hereToken = here->client.token();
    const QString thereToken = there->client.token();
    QVERIFY(hereToken != thereToken);

    QVERIFY(
        doneFor(*here, here->client.changePassword(u"mina password"_s, u"new password!"_s, true)));
    // The other device is closed with 4002 and its token is gone; this one stays.
    QTRY_COMPARE(there->closeCode, 4002);
    QVERIFY(!resume(thereToken));
    QCOMPARE(here->disconnects, 0);
    QVERIFY(resume(hereToken));
    // Somebody else's sign-in is not touched.
    QCOMPARE(jun->disconnects, 0);
}

void tst_AccountSettings::wrongOldPasswordsAreThrottledLikeLogins()
{
    m_server.reset();
    start([](ServerConfig &config) { config.loginFailuresBeforeDelay = 3; });
    auto mina = signIn(u"mina"_s, u"mina password"_s);
    QVERIFY(mina);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(
            errorFor(*mina,
                     mina->client.changePassword(u"guess %1"_s.arg(i), u"whatever it is"_s, false))
                ->code,
            ErrorCode::BadCredentials);
    // Guessing on: throttled, even with the right password; and so is a login of that name
    // from this address: the guesses counted as failed logins.
    const auto throttled = errorFor(
        *mina, mina->client.changePassword(u"mina password"_s, u"whatever it is"_s, false));
    QVERIFY(throttled);
    QCOMPARE(throttled->code, ErrorCode::Throttled);
    QVERIFY(throttled->waitMs > 0);
    RecordingClient login;
    login.client.setAutoReconnect(false);
    login.client.signIn(url(), u"mina"_s, u"mina password"_s);
    QVERIFY(answered(login));
    QCOMPARE(login.errors.size(), 1);
    QCOMPARE(login.errors.first().code, ErrorCode::Throttled);
}

void tst_AccountSettings::guestsHaveNoSettings()
{
    auto visitor = test::guest(url(), u"visitor"_s);
    QVERIFY(visitor);
    QCOMPARE(
        errorFor(*visitor, visitor->client.changePassword(u"x"_s, u"a new password"_s, true))->code,
        ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.listDevices())->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.endDevice(u"abc"_s))->code, ErrorCode::Forbidden);
    QCOMPARE(errorFor(*visitor, visitor->client.setNotify(u"lobby"_s, NotifyLevel::None))->code,
             ErrorCode::Forbidden);
    QCOMPARE(visitor->disconnects, 0);
}

void tst_AccountSettings::devicesListAndEnd()
{
    auto desk = signIn(u"mina"_s, u"mina password"_s, ClientKind::Desktop);
    auto web = signIn(u"mina"_s, u"mina password"_s, ClientKind::Web);
    QVERIFY(desk && web);
    const QString webToken = web->client.token();

    const auto listed = devicesFor(*desk, desk->client.listDevices());
    QVERIFY(listed);
    QCOMPARE(listed->devices.size(), 2);
    DeviceInfo mine, other;
    for (const DeviceInfo &device : listed->devices) {
        QCOMPARE(device.address, u"127.0.0.1"_s);
        QVERIFY(device.created > 0 && device.lastSeen >= device.created);
        // A device id is a name for the device, not its token.
        QVERIFY(!device.device.isEmpty());
        QVERIFY(device.device != webToken && device.device != desk->client.token());
        (device.current ? mine : other) = device;
    }
    QCOMPARE(mine.client, ClientKind::Desktop);
    QCOMPARE(other.client, ClientKind::Web);
    QVERIFY(mine.device != other.device);

    // The web device is ended: its connection closes (4002), its token no longer signs in.
    QVERIFY(doneFor(*desk, desk->client.endDevice(other.device)));
    QTRY_COMPARE(web->closeCode, 4002);
    QVERIFY(!resume(webToken));
    QCOMPARE(desk->disconnects, 0);
    const auto after = devicesFor(*desk, desk->client.listDevices());
    QVERIFY(after);
    QCOMPARE(after->devices.size(), 1);
    QCOMPARE(after->devices.first().device, mine.device);
    QVERIFY(after->devices.first().current);
    QVERIFY(auditHas(
        u"actor = 'mina' AND action = 'end_device' AND detail = '%1'"_s.arg(other.device)));
    // Ending it again: no such device.
    QCOMPARE(errorFor(*desk, desk->client.endDevice(other.device))->code, ErrorCode::NoSuchDevice);
}

void tst_AccountSettings::someoneElsesDeviceIsRefused()
{
    auto mina = signIn(u"mina"_s, u"mina password"_s);
    auto jun = signIn(u"jun"_s, u"jun password"_s);
    QVERIFY(mina && jun);
    const auto juns = devicesFor(*jun, jun->client.listDevices());
    QVERIFY(juns);
    QCOMPARE(juns->devices.size(), 1);
    QCOMPARE(errorFor(*mina, mina->client.endDevice(juns->devices.first().device))->code,
             ErrorCode::NoSuchDevice);
    QVERIFY(resume(jun->client.token()));
    QCOMPARE(jun->disconnects, 0);
    // Mina's own list shows nothing of jun's.
    const auto minas = devicesFor(*mina, mina->client.listDevices());
    QVERIFY(minas);
    QCOMPARE(minas->devices.size(), 1);
    QVERIFY(minas->devices.first().current);
}

void tst_AccountSettings::notifyLevelsComeBackInTheWelcome()
{
    auto mina = signIn(u"mina"_s, u"mina password"_s);
    QVERIFY(mina);
    QVERIFY(mina->welcome.notify.isEmpty()); // the default: all, for every room
    QVERIFY(doneFor(*mina, mina->client.setNotify(u"dev"_s, NotifyLevel::Mentions)));
    QVERIFY(doneFor(*mina, mina->client.setNotify(u"lobby"_s, NotifyLevel::None)));
    QVERIFY(doneFor(*mina, mina->client.setNotify(u"random"_s, NotifyLevel::None)));
    // Back to the default: it is no longer listed.
    QVERIFY(doneFor(*mina, mina->client.setNotify(u"random"_s, NotifyLevel::All)));
    QCOMPARE(errorFor(*mina, mina->client.setNotify(u"no room!"_s, NotifyLevel::None))->code,
             ErrorCode::BadRoom);
    const QList<NotifySetting> expected{{u"dev"_s, NotifyLevel::Mentions},
                                        {u"lobby"_s, NotifyLevel::None}};

    auto again = signIn(u"mina"_s, u"mina password"_s);
    QVERIFY(again);
    QCOMPARE(again->welcome.notify, expected);
    // With a token as well, and after a restart.
    const QString token = again->client.token();
    mina.reset();
    again.reset();
    startServer();
    auto resumed = resume(token);
    QVERIFY(resumed);
    QCOMPARE(resumed->welcome.notify, expected);
    // Nobody else's.
    auto jun = signIn(u"jun"_s, u"jun password"_s);
    QVERIFY(jun);
    QVERIFY(jun->welcome.notify.isEmpty());
}

void tst_AccountSettings::settingsAreRateLimited()
{
    m_server.reset();
    start([](ServerConfig &config) { config.settingsRate = {1, 3}; });
    auto mina = signIn(u"mina"_s, u"mina password"_s);
    QVERIFY(mina);
    QSignalSpy slow(&mina->client, &ChatClient::slowDown);
    for (int i = 0; i < 3; ++i)
        QVERIFY(doneFor(*mina, mina->client.setNotify(u"dev"_s, NotifyLevel::None)));
    const auto refused = errorFor(*mina, mina->client.listDevices());
    QVERIFY(refused);
    QCOMPARE(refused->code, ErrorCode::RateLimited);
    QTRY_COMPARE(slow.size(), 1);
    QCOMPARE(slow.first().first().value<SlowDown>().kind, RateKind::Settings);
}

void tst_AccountSettings::floodingClientDoesNotHurtABystander()
{
    // The default limit: what a real server has.
    m_server.reset();
    start([](ServerConfig &config) { config.settingsRate = ServerConfig().settingsRate; });
    auto ana = test::guest(url(), u"ana"_s, {u"lobby"_s});
    auto jun = signIn(u"jun"_s, u"jun password"_s);
    QVERIFY(ana && jun);

    DeafClient flooder;
    QVERIFY(flooder.open(m_server->serverPort(), u"mina"_s));
    const QByteArray devices = test::maskedTextFrame(MessageCodec::encode(ListDevices{u"d"_s}));
    const QByteArray notify = test::maskedTextFrame(
        MessageCodec::encode(SetNotify{u"n"_s, u"lobby"_s, NotifyLevel::Mentions}));
    const QByteArray password = test::maskedTextFrame(MessageCodec::encode(
        ChangePassword{u"p"_s, u"not the password"_s, u"something new"_s, true}));
    Bystander bystander{ana.get(), u"lobby"_s};
    QElapsedTimer clock;
    clock.start();
    int written = 0;
    bool open = true;
    for (int round = 0; round < 20 && open; ++round) {
        for (int i = 0; i < 200 && open; ++i, ++written)
            open = flooder.tryWrite(i % 3 == 0 ? devices : i % 3 == 1 ? notify : password);
        bystander.roundTrips(1);
    }
    qInfo() << "flooded" << written << "requests in" << clock.elapsed() << "ms; flooder"
            << (open ? "still connected" : "closed");
    QVERIFY(!bystander.timedOut);
    QVERIFY2(bystander.worst() < 2000, qPrintable(u"worst ack %1 ms"_s.arg(bystander.worst())));
    bystander.roundTrips(5);
    QVERIFY(!bystander.timedOut);
    QCOMPARE(ana->disconnects, 0);
    QCOMPARE(jun->disconnects, 0);
    // Every password change of the flood had a wrong old password: mina's device is still
    // signed in (others: true did nothing), and her password is the same.
    QCOMPARE(query(u"SELECT count(*) FROM tokens t JOIN accounts a ON a.id = t.account_id"
                   " WHERE a.name = 'mina'"_s)
                 .toInt(),
             1);
}

QTEST_MAIN(tst_AccountSettings)
#include "tst_accountsettings.moc"
