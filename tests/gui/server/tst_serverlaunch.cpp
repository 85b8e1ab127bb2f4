// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-server as a process: a window where one can be made (offscreen here), headless where no
// display can be opened (saying so), and the port chosen in the window remembered for the next
// start unless the command line says otherwise.

#include "serverprocess.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtTest/QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using sori::test::RecordingClient;

class tst_ServerLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void withoutADisplayItRunsHeadless();
    void offscreenItOpensTheWindowAndStopsOnSignal();
    void theRememberedPortIsUsedUnlessOneIsGiven();

private:
    // Starts sori-server with `environment`; returns its output up to the port it listens on,
    // and the port (0 if it did not start).
    quint16 start(QProcess &process, const QProcessEnvironment &environment,
                  const QStringList &arguments, QString *output);
    QProcessEnvironment environment(bool offscreen) const;
    void remember(quint16 port);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ServerLaunch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QProcessEnvironment tst_ServerLaunch::environment(bool offscreen) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    if (offscreen)
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // The window's settings go to a directory of the test's own.
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir->filePath(u"config"_s));
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"LANGUAGE"_s, u"en"_s);
    return environment;
}

void tst_ServerLaunch::remember(quint16 port)
{
    QDir().mkpath(m_dir->filePath(u"config/Sori"_s));
    QFile file(m_dir->filePath(u"config/Sori/sori-server.conf"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[listen]\nport=" + QByteArray::number(port) + "\naddress=127.0.0.1\n");
}

quint16 tst_ServerLaunch::start(QProcess &process, const QProcessEnvironment &environment,
                                const QStringList &arguments, QString *output)
{
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QByteArray bytes;
    const quint16 port = sori::test::startServerProcess(
        process, QStringList{u"--data-dir"_s, m_dir->filePath(u"data"_s)} + arguments, &bytes,
        15000);
    // The lines printed right after the port, too: the window's, when it opens.
    [[maybe_unused]] const bool opened = QTest::qWaitFor(
        [&] {
            bytes += process.readAllStandardOutput();
            return bytes.contains("server window is open");
        },
        300);
    *output = QString::fromUtf8(bytes);
    return port;
}

void tst_ServerLaunch::withoutADisplayItRunsHeadless()
{
    QProcess process;
    QString output;
    const quint16 port = start(process, environment(false),
                               {u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s}, &output);
    QVERIFY2(port != 0, qPrintable(output));
    QVERIFY2(output.contains(u"No display to open a window on"_s), qPrintable(output));
    QVERIFY2(!output.contains(u"server window is open"_s), qPrintable(output));
    ::kill(pid_t(process.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 0);

    // --headless says nothing about displays.
    QProcess headless;
    QVERIFY(start(headless, environment(true),
                  {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s}, &output)
            != 0);
    QVERIFY2(!output.contains(u"display"_s) && !output.contains(u"window is open"_s),
             qPrintable(output));
    ::kill(pid_t(headless.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(headless.state(), QProcess::NotRunning, 10000);
}

void tst_ServerLaunch::offscreenItOpensTheWindowAndStopsOnSignal()
{
    QProcess process;
    QString output;
    const quint16 port = start(process, environment(true),
                               {u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s}, &output);
    QVERIFY2(port != 0, qPrintable(output));
    QVERIFY2(output.contains(u"The server window is open"_s), qPrintable(output));

    RecordingClient ana;
    QVERIFY(ana.greet(sori::test::wsUrl(port), u"ana"_s));
    sori::test::expectCleanStopOnSignal(process, SIGTERM, ana);
}

void tst_ServerLaunch::theRememberedPortIsUsedUnlessOneIsGiven()
{
    quint16 remembered = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        remembered = probe.serverPort();
    }
    remember(remembered);

    QProcess window;
    QString output;
    QCOMPARE(start(window, environment(true), {}, &output), remembered);
    ::kill(pid_t(window.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(window.state(), QProcess::NotRunning, 10000);

    // The command line wins; and headless runs never read the window's settings.
    QProcess given;
    QVERIFY(
        start(given, environment(true), {u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s}, &output)
        != remembered);
    ::kill(pid_t(given.processId()), SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(given.state(), QProcess::NotRunning, 10000);
    // Headless, it goes for the default port (8080), which may be taken on this machine: either
    // way, that is the port it tries.
    QProcess headless;
    const quint16 port =
        start(headless, environment(true), {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s}, &output);
    QVERIFY2(port == 8080 || output.contains(u"cannot listen on port 8080"_s), qPrintable(output));
    if (headless.state() != QProcess::NotRunning) {
        ::kill(pid_t(headless.processId()), SIGTERM);
        QTRY_COMPARE_WITH_TIMEOUT(headless.state(), QProcess::NotRunning, 10000);
    }
}

QTEST_MAIN(tst_ServerLaunch)
#include "tst_serverlaunch.moc"
