// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/serverconfig.h"

#include "fixtures.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using sori::server::RateSetting;
using sori::server::ServerConfig;

class tst_ServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryKey();
    void refusesMistakes_data();
    void refusesMistakes();
    void readsTheReadBudgets();
    void readsRateLimits();
    void readsFileLimits();
    void readsSettingsRate();

private:
    QString write(const QByteArray &contents)
    {
        return sori::test::writeConfigFile(m_dir, contents);
    }
    QTemporaryDir m_dir;
};

void tst_ServerConfig::readsEveryKey()
{
    const QString path =
        write("[server]\nport=9000\nbind=127.0.0.1\ndata-dir=/srv/sori\nworkers=3\n"
              "max-write-delay=7\n"
              "[limits]\nmax-message-size=1000\nmax-frame-size=4000\n"
              "handshake-timeout=500\nmax-outgoing-bytes=1048576\n"
              "[history]\non-join=7\nmax-page=30\n"
              "[storage]\nsynchronous=normal\nnice=-20\nindex-batch=64\n"
              "[accounts]\nallow-guests=false\nallow-registration=no\n"
              "token-lifetime-days=2\nlogin-failures-before-delay=9\n"
              "max-login-delay=60\n"
              "address-failures-before-delay=30\nmax-name-delay=4\nthrottle-entries=500\n"
              "forget-failures-after=600\nhash-threads=3\nmax-waiting-per-address=2\n"
              "max-waiting-sign-ins=50\n"
              "[rooms]\nguest-rooms-per-session=2\nguest-room-idle=60000\n"
              "rooms-per-account=7\nlist-max-rooms=50\nlist-max-bytes=4096\n"
              "[unread]\nflush-interval=10\nmax-rooms=10000\n"
              "[people]\nmax-page=1\n"
              "[web]\nallowed-origins=https://a.example, https://b.example\n"
              "public-origins=https://chat.example.org, http://10.0.0.2:8080\n");
    ServerConfig config;
    QString error;
    QVERIFY2(sori::server::loadConfigFile(path, &config, &error), qPrintable(error));
    QCOMPARE(config.port, 9000);
    QCOMPARE(config.bindAddress, QHostAddress(u"127.0.0.1"_s));
    QCOMPARE(config.dataDir, u"/srv/sori"_s);
    QCOMPARE(config.workerThreads, 3);
    QCOMPARE(config.maxWriteDelayMs, 7);
    QCOMPARE(config.maxMessageBytes, 1000);
    QCOMPARE(config.maxFrameBytes, 4000);
    QCOMPARE(config.handshakeTimeoutMs, 500);
    QCOMPARE(config.maxOutgoingBytes, 1048576);
    QCOMPARE(config.historyOnJoin, 7);
    QCOMPARE(config.maxHistoryPage, 30);
    QCOMPARE(config.syncFull, false);
    QCOMPARE(config.storageNice, -20);
    QCOMPARE(config.searchIndexBatch, 64);
    QCOMPARE(config.allowGuests, false);
    QCOMPARE(config.allowRegistration, false);
    QCOMPARE(config.tokenLifetimeSeconds, 2 * 24 * 3600);
    QCOMPARE(config.loginFailuresBeforeDelay, 9);
    QCOMPARE(config.maxLoginDelaySeconds, 60);
    QCOMPARE(config.guestRoomsPerSession, 2);
    QCOMPARE(config.guestRoomIdleMs, 60000);
    QCOMPARE(config.roomsPerAccount, 7);
    QCOMPARE(config.listMaxRooms, 50);
    QCOMPARE(config.listMaxBytes, 4096);
    QCOMPARE(config.readFlushMs, 10);
    QCOMPARE(config.unreadMaxRooms, 10000);
    QCOMPARE(config.peoplePage, 1);
    QCOMPARE(config.addressFailuresBeforeDelay, 30);
    QCOMPARE(config.maxNameDelaySeconds, 4);
    QCOMPARE(config.throttleEntries, 500);
    QCOMPARE(config.forgetFailuresSeconds, 600);
    QCOMPARE(config.hashThreads, 3);
    QCOMPARE(config.maxWaitingSignInsPerAddress, 2);
    QCOMPARE(config.maxWaitingSignIns, 50);
    QCOMPARE(config.allowedOrigins, QStringList({u"https://a.example"_s, u"https://b.example"_s}));
    QCOMPARE(config.publicOrigins,
             QStringList({u"https://chat.example.org"_s, u"http://10.0.0.2:8080"_s}));
    // Every key the documentation lists is one the reader knows, and the other way round.
    QFile admin(QStringLiteral(SORI_TEST_DATA_DIR) + u"/../../docs/admin.md"_s);
    QVERIFY(admin.open(QIODevice::ReadOnly));
    const QString doc = QString::fromUtf8(admin.readAll());
    for (const QString &key : sori::server::configKeys())
        QVERIFY2(doc.contains(u"`"_s + key + u"`"_s), qPrintable(key));
}

void tst_ServerConfig::refusesMistakes_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("complaint");
    QTest::addRow("misspelt key") << QByteArray("[limits]\nmax-mesage-size=5\n")
                                  << u"unknown setting limits/max-mesage-size"_s;
    QTest::addRow("key outside a group") << QByteArray("port=80\n") << u"unknown setting"_s;
    QTest::addRow("port out of range") << QByteArray("[server]\nport=70000\n")
                                       << u"server/port must be a whole number from 0 to 65535"_s;
    QTest::addRow("not a number") << QByteArray("[limits]\nmax-message-size=lots\n")
                                  << u"limits/max-message-size"_s;
    QTest::addRow("not a boolean")
        << QByteArray("[accounts]\nallow-guests=perhaps\n") << u"true or false"_s;
    QTest::addRow("write delay over its edge")
        << QByteArray("[server]\nmax-write-delay=1001\n")
        << u"server/max-write-delay must be a whole number from 0 to 1000"_s;
    QTest::addRow("bad address") << QByteArray("[server]\nbind=everywhere\n") << u"an IP address"_s;
    QTest::addRow("nice over its edge") << QByteArray("[storage]\nnice=20\n")
                                        << u"storage/nice must be a whole number from -20 to 19"_s;
    QTest::addRow("nice under its edge") << QByteArray("[storage]\nnice=-21\n")
                                         << u"storage/nice must be a whole number from -20 to 19"_s;
    QTest::addRow("index batch under its edge")
        << QByteArray("[storage]\nindex-batch=0\n")
        << u"storage/index-batch must be a whole number from 1 to 100000"_s;
    QTest::addRow("guest rooms over their edge")
        << QByteArray("[rooms]\nguest-rooms-per-session=1001\n")
        << u"rooms/guest-rooms-per-session must be a whole number from 0 to 1000"_s;
    QTest::addRow("list budget under its edge")
        << QByteArray("[rooms]\nlist-max-bytes=4095\n")
        << u"rooms/list-max-bytes must be a whole number from 4096 to 67108864"_s;
    QTest::addRow("list page under its edge")
        << QByteArray("[rooms]\nlist-max-rooms=0\n")
        << u"rooms/list-max-rooms must be a whole number from 1 to 100000"_s;
    QTest::addRow("read flush under its edge")
        << QByteArray("[unread]\nflush-interval=9\n")
        << u"unread/flush-interval must be a whole number from 10 to 60000"_s;
    QTest::addRow("read flush over its edge")
        << QByteArray("[unread]\nflush-interval=60001\n")
        << u"unread/flush-interval must be a whole number from 10 to 60000"_s;
    QTest::addRow("no unread room") << QByteArray("[unread]\nmax-rooms=0\n")
                                    << u"unread/max-rooms must be a whole number from 1 to 10000"_s;
    QTest::addRow("people page over its edge")
        << QByteArray("[people]\nmax-page = 51\n") // (not the size of the row before)
        << u"people/max-page must be a whole number from 1 to 50"_s;
    QTest::addRow("no people page") << QByteArray("[people]\nmax-page=0\n")
                                    << u"people/max-page must be a whole number from 1 to 50"_s;
    QTest::addRow("no hash thread")
        << QByteArray("[accounts]\nhash-threads=0\n")
        << u"accounts/hash-threads must be a whole number from 1 to 64"_s;
    QTest::addRow("hash threads over their edge")
        << QByteArray("[accounts]\nhash-threads=65\n")
        << u"accounts/hash-threads must be a whole number from 1 to 64"_s;
    QTest::addRow("no waiting sign-in")
        << QByteArray("[accounts]\nmax-waiting-per-address=0\n")
        << u"accounts/max-waiting-per-address must be a whole number from 1 to 1000"_s;
    QTest::addRow("empty throttle table")
        << QByteArray("[accounts]\nthrottle-entries=0\n")
        << u"accounts/throttle-entries must be a whole number from 1 to 10000000"_s;
    QTest::addRow("name delay over its edge")
        << QByteArray("[accounts]\nmax-name-delay=3601\n")
        << u"accounts/max-name-delay must be a whole number from 1 to 3600"_s;
    QTest::addRow("bad sync mode")
        << QByteArray("[storage]\nsynchronous=sometimes\n") << u"full or normal"_s;
    QTest::addRow("page bytes under their edge")
        << QByteArray("[history]\nmax-page-bytes=4095\n")
        << u"history/max-page-bytes must be a whole number from 4096 to 1073741824"_s;
    QTest::addRow("no reads per session")
        << QByteArray("[storage]\nmax-reads-per-session=0\n")
        << u"storage/max-reads-per-session must be a whole number from 1 to 10000"_s;
    QTest::addRow("no reads") << QByteArray("[storage]\nmax-reads=0\n")
                              << u"storage/max-reads must be a whole number from 1 to 1000000"_s;
    QTest::addRow("rooms per session under its edge")
        << QByteArray("[limits]\nmax-rooms-per-session=0\n")
        << u"limits/max-rooms-per-session must be a whole number from 1 to 1000000"_s;
    QTest::addRow("burst under its edge")
        << QByteArray("[rates]\nsend-burst=0\n")
        << u"rates/send-burst must be a whole number from 1 to 1000000"_s;
    QTest::addRow("rate over its edge")
        << QByteArray("[rates]\ntyping-per-minute=6000001\n")
        << u"rates/typing-per-minute must be a whole number from 0 to 6000000"_s;
    QTest::addRow("public origin with a path")
        << QByteArray("[web]\npublic-origins=https://chat.example.org/\n")
        << u"web/public-origins must be a comma-separated list of origins"_s;
    QTest::addRow("public origin with userinfo")
        << QByteArray("[web]\npublic-origins=https://admin@chat.example.org\n")
        << u"web/public-origins must be"_s;
    QTest::addRow("public origin *")
        << QByteArray("[web]\npublic-origins=*\n") << u"web/public-origins must be"_s;
    QTest::addRow("allowed origin without a scheme")
        << QByteArray("[web]\nallowed-origins=chat.example.org\n")
        << u"web/allowed-origins must be"_s;
    QTest::addRow("negative rate") << QByteArray("[rates]\nread-per-minute=-1\n")
                                   << u"rates/read-per-minute must be a whole number"_s;
    QTest::addRow("settings burst under its edge")
        << QByteArray("[rates]\nsettings-burst=0\n")
        << u"rates/settings-burst must be a whole number from 1 to 1000000"_s;
    QTest::addRow("settings rate over its edge")
        << QByteArray("[rates]\nsettings-per-minute=6000001\n")
        << u"rates/settings-per-minute must be a whole number from 0 to 6000000"_s;
    QTest::addRow("close multiple over its edge")
        << QByteArray("[rates]\nclose-multiple=1001\n")
        << u"rates/close-multiple must be a whole number from 0 to 1000"_s;
    QTest::addRow("file size under its edge")
        << QByteArray("[files]\nmax-bytes=0\n")
        << u"files/max-bytes must be a whole number from 1 to 1099511627776"_s;
    QTest::addRow("file size over its edge")
        << QByteArray("[files]\nmax-bytes=1099511627777\n")
        << u"files/max-bytes must be a whole number from 1 to 1099511627776"_s;
    QTest::addRow("upload idle timeout under its edge")
        << QByteArray("[files]\nidle-timeout-ms=99\n")
        << u"files/idle-timeout-ms must be a whole number from 100 to 3600000"_s;
    QTest::addRow("upload idle timeout over its edge")
        << QByteArray("[files]\nidle-timeout-ms=3600001\n")
        << u"files/idle-timeout-ms must be a whole number from 100 to 3600000"_s;
    QTest::addRow("uploads per account under their edge")
        << QByteArray("[files]\nmax-concurrent-per-account=0\n")
        << u"files/max-concurrent-per-account must be a whole number from 1 to 1000"_s;
    QTest::addRow("uploads per account over their edge")
        << QByteArray("[files]\nmax-concurrent-per-account=1001\n")
        << u"files/max-concurrent-per-account must be a whole number from 1 to 1000"_s;
    QTest::addRow("uploads under their edge")
        << QByteArray("[files]\nmax-concurrent=0\n")
        << u"files/max-concurrent must be a whole number from 1 to 100000"_s;
    QTest::addRow("uploads over their edge")
        << QByteArray("[files]\nmax-concurrent=100001\n")
        << u"files/max-concurrent must be a whole number from 1 to 100000"_s;
    QTest::addRow("attachments under their edge")
        << QByteArray("[files]\nmax-attachments=0\n")
        << u"files/max-attachments must be a whole number from 1 to 64"_s;
    QTest::addRow("attachments over their edge")
        << QByteArray("[files]\nmax-attachments=65\n")
        << u"files/max-attachments must be a whole number from 1 to 64"_s;
    QTest::addRow("image pixels under their edge")
        << QByteArray("[files]\nmax-image-pixels=0\n")
        << u"files/max-image-pixels must be a whole number from 1 to 250000000"_s;
    QTest::addRow("image pixels over their edge")
        << QByteArray("[files]\nmax-image-pixels=250000001\n")
        << u"files/max-image-pixels must be a whole number from 1 to 250000000"_s;
    QTest::addRow("retention over its edge")
        << QByteArray("[files]\nretention-days=36501\n")
        << u"files/retention-days must be a whole number from 0 to 36500"_s;
    QTest::addRow("upload burst under its edge")
        << QByteArray("[rates]\nupload-burst=0\n")
        << u"rates/upload-burst must be a whole number from 1 to 1000000"_s;
}

// The account settings' limit (rates/settings-*): its edges are accepted, its default is the
// documented one.
void tst_ServerConfig::readsSettingsRate()
{
    ServerConfig config;
    QString error;
    QVERIFY2(
        sori::server::loadConfigFile(
            write("[rates]\nsettings-per-minute=6000000\nsettings-burst=1\n"), &config, &error),
        qPrintable(error));
    QCOMPARE(config.settingsRate, (RateSetting{6'000'000, 1}));
    QVERIFY2(
        sori::server::loadConfigFile(
            write("[rates]\nsettings-per-minute=0\nsettings-burst=1000000\n"), &config, &error),
        qPrintable(error));
    QCOMPARE(config.settingsRate, (RateSetting{0, 1'000'000}));
    QCOMPARE(ServerConfig().settingsRate, (RateSetting{60, 10}));
}

void tst_ServerConfig::refusesMistakes()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, complaint);
    ServerConfig config;
    config.port = 1234;
    QString error;
    QVERIFY(!sori::server::loadConfigFile(write(contents), &config, &error));
    QVERIFY2(error.contains(complaint), qPrintable(error));
    QCOMPARE(config.port, 1234); // nothing changed
}

void tst_ServerConfig::readsTheReadBudgets()
{
    ServerConfig defaults;
    QCOMPARE(defaults.maxHistoryPageBytes, 1 << 20);
    QCOMPARE(defaults.maxReadsPerSession, 8);
    QCOMPARE(defaults.maxReads, 1024);
    const QString path = write("[history]\nmax-page-bytes=4096\n"
                               "[storage]\nmax-reads-per-session=1\nmax-reads=1000000\n");
    ServerConfig config;
    QString error;
    QVERIFY2(sori::server::loadConfigFile(path, &config, &error), qPrintable(error));
    QCOMPARE(config.maxHistoryPageBytes, 4096);
    QCOMPARE(config.maxReadsPerSession, 1);
    QCOMPARE(config.maxReads, 1'000'000);
}

void tst_ServerConfig::readsFileLimits()
{
    // The defaults are the documented ones.
    const ServerConfig defaults;
    QCOMPARE(defaults.maxFileBytes, qint64(25) << 20);
    QCOMPARE(defaults.fileIdleTimeoutMs, 30'000);
    QCOMPARE(defaults.maxUploadsPerAccount, 2);
    QCOMPARE(defaults.maxUploads, 32);
    QCOMPARE(defaults.maxImagePixels, 25'000'000);
    QCOMPARE(defaults.fileRetentionDays, 30);
    QCOMPARE(defaults.maxAttachments, 10);
    QCOMPARE(defaults.uploadRate, (RateSetting{30, 10}));
    // Every edge that is allowed is read.
    const QString low = write("[files]\nmax-bytes=1\nidle-timeout-ms=100\n"
                              "max-concurrent-per-account=1\nmax-concurrent=1\n"
                              "max-image-pixels=1\nretention-days=0\nmax-attachments=1\n"
                              "[rates]\nupload-per-minute=0\nupload-burst=1\n");
    ServerConfig config;
    QString error;
    QVERIFY2(sori::server::loadConfigFile(low, &config, &error), qPrintable(error));
    QCOMPARE(config.maxFileBytes, 1);
    QCOMPARE(config.fileIdleTimeoutMs, 100);
    QCOMPARE(config.maxUploadsPerAccount, 1);
    QCOMPARE(config.maxUploads, 1);
    QCOMPARE(config.maxImagePixels, 1);
    QCOMPARE(config.fileRetentionDays, 0);
    QCOMPARE(config.maxAttachments, 1);
    QCOMPARE(config.uploadRate, (RateSetting{0, 1}));
    const QString high = write("[files]\nmax-bytes=1099511627776\nidle-timeout-ms=3600000\n"
                               "max-concurrent-per-account=1000\nmax-concurrent=100000\n"
                               "max-image-pixels=250000000\nretention-days=36500\n"
                               "max-attachments=64\n"
                               "[rates]\nupload-per-minute=6000000\nupload-burst=1000000\n");
    QVERIFY2(sori::server::loadConfigFile(high, &config, &error), qPrintable(error));
    QCOMPARE(config.maxFileBytes, qint64(1) << 40);
    QCOMPARE(config.fileIdleTimeoutMs, 3'600'000);
    QCOMPARE(config.maxUploadsPerAccount, 1000);
    QCOMPARE(config.maxUploads, 100'000);
    QCOMPARE(config.maxImagePixels, 250'000'000);
    QCOMPARE(config.fileRetentionDays, 36'500);
    QCOMPARE(config.maxAttachments, 64);
    QCOMPARE(config.uploadRate, (RateSetting{6'000'000, 1'000'000}));
}

void tst_ServerConfig::readsRateLimits()
{
    const ServerConfig defaults;
    const QString path = write("[limits]\nmax-rooms-per-session=1\n"
                               "[rates]\nsend-per-minute=0\nsend-burst=1000000\n"
                               "typing-per-minute=6000000\ntyping-burst=1\n"
                               "join-per-minute=7\njoin-burst=8\n"
                               "read-per-minute=9\nread-burst=10\n"
                               "create-room-per-minute=11\ncreate-room-burst=12\n"
                               "close-multiple=0\nexempt-staff=true\n");
    ServerConfig config;
    QString error;
    QVERIFY2(sori::server::loadConfigFile(path, &config, &error), qPrintable(error));
    QCOMPARE(config.maxRoomsPerSession, 1);
    QCOMPARE(config.sendRate, (RateSetting{0, 1'000'000}));
    QCOMPARE(config.typingRate, (RateSetting{6'000'000, 1}));
    QCOMPARE(config.joinRate, (RateSetting{7, 8}));
    QCOMPARE(config.readRate, (RateSetting{9, 10}));
    QCOMPARE(config.createRoomRate, (RateSetting{11, 12}));
    QCOMPARE(config.rateCloseMultiple, 0);
    QCOMPARE(config.rateExemptStaff, true);

    // One key of a pair leaves the other at its default.
    ServerConfig half;
    QVERIFY2(sori::server::loadConfigFile(write("[rates]\nsend-burst=5\n"), &half, &error),
             qPrintable(error));
    QCOMPARE(half.sendRate, (RateSetting{defaults.sendRate.perMinute, 5}));
    // The defaults are the documented ones.
    QCOMPARE(defaults.sendRate, (RateSetting{6000, 10000}));
    QCOMPARE(defaults.typingRate, (RateSetting{600, 60}));
    QCOMPARE(defaults.joinRate, (RateSetting{1200, 1000}));
    QCOMPARE(defaults.readRate, (RateSetting{1200, 500}));
    QCOMPARE(defaults.createRoomRate, (RateSetting{60, 20}));
    QCOMPARE(defaults.rateCloseMultiple, 10);
    QCOMPARE(defaults.rateExemptStaff, false);
    QCOMPARE(defaults.maxRoomsPerSession, 1000);
    QCOMPARE(defaults.readFlushMs, 2000);
    QCOMPARE(defaults.unreadMaxRooms, 500);
    QCOMPARE(defaults.peoplePage, 50);
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
