// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "serveroptions.h"

#include "fixtures.h"
#include <QtCore/QCommandLineParser>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using sori::server::ServerConfig;
using sori::server::ServerOptions;

class tst_ServerOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsWithoutOptions();
    void readsEveryOption();
    void refusesMistakes_data();
    void refusesMistakes();
    void commandLineOverridesTheConfigFile();
    void originsFromTheFileUnlessGiven();
    void aBrokenConfigFileIsAnError();
    void tlsOptions();
    void notesAFrameLimitBelowTheMessageLimit();
    void accountCommands();
    void rememberedListenOnlyWhereNothingElseSays();
    void wantsNoWindow_data();
    void wantsNoWindow();

private:
    // Parses `arguments` (without the program name) as sori-server would.
    std::optional<ServerOptions> read(const QStringList &arguments, QString *error = nullptr)
    {
        QCommandLineParser parser;
        sori::server::addServerOptions(&parser);
        if (!parser.parse(QStringList{u"sori-server"_s} + arguments))
            qFatal("cannot parse: %s", qPrintable(parser.errorText()));
        QString message;
        auto options = sori::server::readServerOptions(parser, &message);
        if (error)
            *error = message;
        return options;
    }
    QString write(const QByteArray &contents)
    {
        return sori::test::writeConfigFile(m_dir, contents);
    }
    QTemporaryDir m_dir;
};

void tst_ServerOptions::defaultsWithoutOptions()
{
    const auto options = read({});
    QVERIFY(options);
    const ServerConfig defaults;
    QCOMPARE(options->config.port, defaults.port);
    QCOMPARE(options->config.bindAddress, defaults.bindAddress);
    QCOMPARE(options->config.workerThreads, defaults.workerThreads);
    QCOMPARE(options->config.maxMessageBytes, defaults.maxMessageBytes);
    QVERIFY(!options->config.dataDir.isEmpty()); // the platform's app data location
    QVERIFY(!options->verbose);
    QVERIFY(!options->configFileGiven);
    QVERIFY(!options->portGiven);
    QVERIFY(!options->bindGiven);
    QVERIFY(!options->createAdmin);
    QVERIFY(!options->resetPassword);
    QVERIFY(options->notes.isEmpty());
}

void tst_ServerOptions::readsEveryOption()
{
    const auto options = read({u"--port"_s,
                               u"9001"_s,
                               u"--bind"_s,
                               u"::1"_s,
                               u"--data-dir"_s,
                               u"/srv/sori"_s,
                               u"--workers"_s,
                               u"3"_s,
                               u"--max-message-size"_s,
                               u"1000"_s,
                               u"--max-frame-size"_s,
                               u"4000"_s,
                               u"--handshake-timeout"_s,
                               u"500"_s,
                               u"--history-on-join"_s,
                               u"7"_s,
                               u"--max-history-page"_s,
                               u"30"_s,
                               u"--allow-origin"_s,
                               u"https://a.example"_s,
                               u"--allow-origin=*"_s,
                               u"--public-origin"_s,
                               u"https://chat.example.org"_s,
                               u"--public-origin=http://[fd00::1]:8080"_s,
                               u"--verbose"_s});
    QVERIFY(options);
    const ServerConfig &config = options->config;
    QCOMPARE(config.port, 9001);
    QCOMPARE(config.bindAddress, QHostAddress(u"::1"_s));
    QCOMPARE(config.dataDir, u"/srv/sori"_s);
    QCOMPARE(config.workerThreads, 3);
    QCOMPARE(config.maxMessageBytes, 1000);
    QCOMPARE(config.maxFrameBytes, 4000);
    QCOMPARE(config.handshakeTimeoutMs, 500);
    QCOMPARE(config.historyOnJoin, 7);
    QCOMPARE(config.maxHistoryPage, 30);
    QCOMPARE(config.allowedOrigins, (QStringList{u"https://a.example"_s, u"*"_s}));
    QCOMPARE(config.publicOrigins,
             (QStringList{u"https://chat.example.org"_s, u"http://[fd00::1]:8080"_s}));
    QVERIFY(options->verbose);
    QVERIFY(options->portGiven);
    QVERIFY(options->bindGiven);
}

void tst_ServerOptions::refusesMistakes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("port too big") << QStringList{u"--port"_s, u"65536"_s}
                                  << u"--port takes a whole number from 0 to 65535."_s;
    QTest::newRow("port not a number")
        << QStringList{u"--port"_s, u"http"_s} << u"--port takes a whole number from 0 to 65535."_s;
    QTest::newRow("no workers") << QStringList{u"--workers"_s, u"0"_s}
                                << u"--workers takes a whole number from 1 to 256."_s;
    QTest::newRow("tiny frames") << QStringList{u"--max-frame-size"_s, u"124"_s}
                                 << u"--max-frame-size takes a whole number from 125 to "
                                    "268435456."_s;
    QTest::newRow("long handshake") << QStringList{u"--handshake-timeout"_s, u"3600001"_s}
                                    << u"--handshake-timeout takes a whole number from 1 to "
                                       "3600000."_s;
    QTest::newRow("negative history") << QStringList{u"--history-on-join"_s, u"-1"_s}
                                      << u"--history-on-join takes a whole number from 0 to "
                                         "10000."_s;
    QTest::newRow("bad address") << QStringList{u"--bind"_s, u"localhost"_s}
                                 << u"--bind takes an IP address, such as 127.0.0.1 or ::1."_s;
    QTest::newRow("public origin with a path")
        << QStringList{u"--public-origin"_s, u"https://chat.example.org/chat"_s}
        << u"--public-origin takes an origin such as https://chat.example.org, not "
           "https://chat.example.org/chat."_s;
    QTest::newRow("public origin *") << QStringList{u"--public-origin"_s, u"*"_s}
                                     << u"--public-origin takes an origin such as "
                                        "https://chat.example.org, not *."_s;
    QTest::newRow("allowed origin with userinfo")
        << QStringList{u"--allow-origin"_s, u"http://user@a.example"_s}
        << u"--allow-origin takes an origin such as https://chat.example.org (or *), not "
           "http://user@a.example."_s;
    QTest::newRow("certificate without key")
        << QStringList{u"--tls-cert"_s, u"cert.pem"_s}
        << u"--tls-cert and --tls-key go together: give both, or neither."_s;
    QTest::newRow("key without certificate")
        << QStringList{u"--tls-key"_s, u"key.pem"_s}
        << u"--tls-cert and --tls-key go together: give both, or neither."_s;
    QTest::newRow("redirect without TLS")
        << QStringList{u"--http-redirect-port"_s, u"8081"_s}
        << u"--http-redirect-port redirects to HTTPS: it needs --tls-cert and --tls-key, or "
           "--tls-self-signed."_s;
    QTest::newRow("redirect port too big")
        << QStringList{u"--tls-self-signed"_s, u"--http-redirect-port"_s, u"65536"_s}
        << u"--http-redirect-port takes a whole number from 0 to 65535."_s;
    QTest::newRow("HSTS over ten years")
        << QStringList{u"--tls-self-signed"_s, u"--hsts-max-age"_s, u"315360001"_s}
        << u"--hsts-max-age takes a whole number from 0 to 315360000."_s;
}

void tst_ServerOptions::refusesMistakes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!read(arguments, &message));
    QCOMPARE(message, error);
}

void tst_ServerOptions::commandLineOverridesTheConfigFile()
{
    const QString path = write("[server]\nport=9000\nbind=127.0.0.1\nworkers=2\n"
                               "[history]\non-join=5\n");
    const auto options = read({u"--config"_s, path, u"--port"_s, u"9100"_s});
    QVERIFY(options);
    QVERIFY(options->configFileGiven);
    QCOMPARE(options->config.port, 9100); // the command line wins
    QCOMPARE(options->config.bindAddress, QHostAddress(u"127.0.0.1"_s)); // from the file
    QCOMPARE(options->config.workerThreads, 2);
    QCOMPARE(options->config.historyOnJoin, 5);
    QCOMPARE(options->config.maxHistoryPage, ServerConfig().maxHistoryPage); // the default
}

void tst_ServerOptions::originsFromTheFileUnlessGiven()
{
    const QString path = write("[web]\nallowed-origins=https://a.example, https://b.example\n");
    auto options = read({u"--config"_s, path});
    QVERIFY(options);
    QCOMPARE(options->config.allowedOrigins,
             (QStringList{u"https://a.example"_s, u"https://b.example"_s}));
    options = read({u"--config"_s, path, u"--allow-origin"_s, u"https://c.example"_s});
    QVERIFY(options);
    QCOMPARE(options->config.allowedOrigins, QStringList{u"https://c.example"_s});
}

void tst_ServerOptions::aBrokenConfigFileIsAnError()
{
    const QString path = write("[server]\nport=huge\n");
    QString error;
    QVERIFY(!read({u"--config"_s, path}, &error));
    QVERIFY2(error.contains(u"server/port"_s), qPrintable(error));
    QVERIFY(!read({u"--config"_s, m_dir.filePath(u"missing.ini"_s)}, &error));
    QVERIFY(!error.isEmpty());
}

void tst_ServerOptions::tlsOptions()
{
    // Off by default.
    auto options = read({});
    QVERIFY(options);
    QVERIFY(!options->config.tlsEnabled());
    QCOMPARE(options->config.httpRedirectPort, -1);
    QCOMPARE(options->config.hstsMaxAgeSeconds, 31'536'000);
    // The command line, at the edges of its ranges.
    options =
        read({u"--tls-cert"_s, u"/etc/sori/cert.pem"_s, u"--tls-key"_s, u"/etc/sori/key.pem"_s,
              u"--http-redirect-port"_s, u"0"_s, u"--hsts-max-age"_s, u"0"_s});
    QVERIFY(options);
    QVERIFY(options->config.tlsEnabled());
    QCOMPARE(options->config.tlsCertificateFile, u"/etc/sori/cert.pem"_s);
    QCOMPARE(options->config.tlsKeyFile, u"/etc/sori/key.pem"_s);
    QVERIFY(!options->config.tlsSelfSigned);
    QCOMPARE(options->config.httpRedirectPort, 0);
    QCOMPARE(options->config.hstsMaxAgeSeconds, 0);
    options = read({u"--tls-self-signed"_s, u"--http-redirect-port"_s, u"65535"_s,
                    u"--hsts-max-age"_s, u"315360000"_s});
    QVERIFY(options);
    QVERIFY(options->config.tlsEnabled());
    QVERIFY(options->config.tlsSelfSigned);
    QCOMPARE(options->config.httpRedirectPort, 65535);
    QCOMPARE(options->config.hstsMaxAgeSeconds, 315'360'000);
    // The file, and the command line over it.
    const QString path = write("[tls]\ncertificate=/a.pem\nkey=/a.key\nhsts-max-age=60\n"
                               "http-redirect-port=8081\n");
    options =
        read({u"--config"_s, path, u"--tls-cert"_s, u"/b.pem"_s, u"--tls-key"_s, u"/b.key"_s});
    QVERIFY(options);
    QCOMPARE(options->config.tlsCertificateFile, u"/b.pem"_s);
    QCOMPARE(options->config.tlsKeyFile, u"/b.key"_s);
    QCOMPARE(options->config.hstsMaxAgeSeconds, 60);
    QCOMPARE(options->config.httpRedirectPort, 8081);
    // A redirect port in the file needs TLS as much as one on the command line.
    QString error;
    QVERIFY(!read({u"--config"_s, write("[tls]\nhttp-redirect-port=8081\n")}, &error));
    QVERIFY2(error.startsWith(u"--http-redirect-port redirects to HTTPS"_s), qPrintable(error));
}

void tst_ServerOptions::notesAFrameLimitBelowTheMessageLimit()
{
    const auto options =
        read({u"--max-message-size"_s, u"5000"_s, u"--max-frame-size"_s, u"4000"_s});
    QVERIFY(options);
    QCOMPARE(options->notes,
             QStringList{u"Note: --max-frame-size is below --max-message-size; the frame limit "
                         "comes first."_s});
}

void tst_ServerOptions::accountCommands()
{
    auto options = read({u"--create-admin"_s, u"root"_s});
    QVERIFY(options);
    QCOMPARE(options->createAdmin, u"root"_s);
    QVERIFY(!options->resetPassword);
    options = read({u"--reset-password=alice"_s});
    QVERIFY(options);
    QCOMPARE(options->resetPassword, u"alice"_s);
    // Given but empty still asks (and is then refused as a name).
    options = read({u"--create-admin="_s});
    QVERIFY(options);
    QCOMPARE(options->createAdmin, QString());
}

void tst_ServerOptions::rememberedListenOnlyWhereNothingElseSays()
{
    const QHostAddress remembered(u"10.0.0.1"_s);
    auto options = read({});
    sori::server::applyRememberedListen(&*options, 7000, remembered);
    QCOMPARE(options->config.port, 7000);
    QCOMPARE(options->config.bindAddress, remembered);

    options = read({u"--port"_s, u"7100"_s});
    sori::server::applyRememberedListen(&*options, 7000, remembered);
    QCOMPARE(options->config.port, 7100);
    QCOMPARE(options->config.bindAddress, remembered);

    options = read({u"--bind"_s, u"127.0.0.1"_s});
    sori::server::applyRememberedListen(&*options, 7000, remembered);
    QCOMPARE(options->config.port, 7000);
    QCOMPARE(options->config.bindAddress, QHostAddress(u"127.0.0.1"_s));

    // A configuration file decides all of it, even what it does not set.
    options = read({u"--config"_s, write("[history]\non-join=5\n")});
    sori::server::applyRememberedListen(&*options, 7000, remembered);
    QCOMPARE(options->config.port, ServerConfig().port);
    QCOMPARE(options->config.bindAddress, ServerConfig().bindAddress);

    options = read({});
    sori::server::applyRememberedListen(&*options, std::nullopt, std::nullopt);
    QCOMPARE(options->config.port, ServerConfig().port);
}

void tst_ServerOptions::wantsNoWindow_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("noWindow");
    QTest::newRow("nothing") << QStringList{} << false;
    QTest::newRow("a port") << QStringList{u"--port"_s, u"80"_s} << false;
    QTest::newRow("headless") << QStringList{u"--port"_s, u"80"_s, u"--headless"_s} << true;
    QTest::newRow("-headless") << QStringList{u"-headless"_s} << true;
    QTest::newRow("help") << QStringList{u"-h"_s} << true;
    QTest::newRow("version") << QStringList{u"--version"_s} << true;
    QTest::newRow("create-admin=") << QStringList{u"--create-admin=root"_s} << true;
    QTest::newRow("reset-password") << QStringList{u"--reset-password"_s, u"a"_s} << true;
    QTest::newRow("a prefix only") << QStringList{u"--headlessly"_s} << false;
}

void tst_ServerOptions::wantsNoWindow()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, noWindow);
    QList<QByteArray> storage{"sori-server"};
    for (const QString &argument : std::as_const(arguments))
        storage.append(argument.toUtf8());
    QList<char *> argv;
    for (QByteArray &argument : storage)
        argv.append(argument.data());
    QCOMPARE(sori::server::wantsNoWindow(int(argv.size()), argv.data()), noWindow);
}

QTEST_GUILESS_MAIN(tst_ServerOptions)
#include "tst_serveroptions.moc"
