// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's command line, run as a person runs it: under a real X server (an Xvfb the test
// starts on a free display), where Qt's xcb plugin reads options of its own, and with no display
// at all for --help and --version. A display set outside the test is never used.

#include "fixtures.h"

#include <QtCore/QProcess>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatCommandLine : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void nameSignsInUnderX11_data();
    void nameSignsInUnderX11();
    void unknownOptionIsAnErrorUnderX11();
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();

private:
    // The environment of sori-chat: on our Xvfb with the xcb plugin (or, with display empty, on
    // no display and no platform chosen), with settings of its own.
    QProcessEnvironment environment(const QString &display) const;

    QProcess m_xvfb;
    QString m_display; // ":N", the Xvfb's
};

void tst_SoriChatCommandLine::initTestCase()
{
    // -displayfd: Xvfb picks a free display itself and says its number on standard output.
    m_xvfb.start(u"Xvfb"_s,
                 {u"-displayfd"_s, u"1"_s, u"-nolisten"_s, u"tcp"_s, u"-screen"_s, u"0"_s,
                  u"1280x800x24"_s});
    QVERIFY2(m_xvfb.waitForStarted(10000),
             "Xvfb is needed (package xvfb; scripts/setup.sh --for-tests installs it)");
    QByteArray said;
    QTRY_VERIFY2_WITH_TIMEOUT((said += m_xvfb.readAllStandardOutput()).contains('\n')
                                  || m_xvfb.state() == QProcess::NotRunning,
                              "Xvfb did not say its display", 15000);
    const QByteArray number = said.trimmed();
    QVERIFY2(!number.isEmpty(), m_xvfb.readAllStandardError().constData());
    m_display = u":"_s + QString::fromLatin1(number);
    qInfo("Xvfb on display %s", qPrintable(m_display));
}

void tst_SoriChatCommandLine::cleanupTestCase()
{
    if (m_xvfb.state() == QProcess::NotRunning)
        return;
    m_xvfb.terminate();
    if (!m_xvfb.waitForFinished(5000))
        m_xvfb.kill();
}

void tst_SoriChatCommandLine::init()
{
    newDataDir();
    startServer();
    QVERIFY(m_server);
}

void tst_SoriChatCommandLine::cleanup()
{
    m_server.reset();
    m_dataDir.reset();
}

QProcessEnvironment tst_SoriChatCommandLine::environment(const QString &display) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        env.remove(name);
    if (!display.isEmpty()) {
        env.insert(u"DISPLAY"_s, display);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    }
    env.insert(u"XDG_CONFIG_HOME"_s, m_dataDir->filePath(u"config"_s)); // its own settings
    return env;
}

void tst_SoriChatCommandLine::nameSignsInUnderX11_data()
{
    QTest::addColumn<QStringList>("options");
    // As the README and --help show it; the xcb plugin took "--name mina" for the window class.
    QTest::addRow("--name mina") << QStringList{u"--name"_s, u"mina"_s, u"--room"_s, u"dev"_s};
    QTest::addRow("--name=mina") << QStringList{u"--name=mina"_s, u"--room=dev"_s};
    // One dash, as -lang is documented; and Qt's own options still reach Qt.
    QTest::addRow("-name mina -platform xcb")
        << QStringList{u"-name"_s, u"mina"_s, u"-room"_s, u"dev"_s, u"-platform"_s, u"xcb"_s};
}

void tst_SoriChatCommandLine::nameSignsInUnderX11()
{
    QFETCH(QStringList, options);
    auto jun = test::guest(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    QProcess chat;
    chat.setProcessEnvironment(environment(m_display));
    chat.start(QStringLiteral(SORI_CHAT_PATH),
               QStringList{u"--server"_s, url().toString()} + options);
    QVERIFY(chat.waitForStarted());
    // Signed in as mina at once (no sign-in dialog waiting for a nickname) and in the room.
    const bool arrived = QTest::qWaitFor(
        [&] {
            return jun->hasPresence(u"mina"_s, PresenceChange::Joined)
                || chat.state() == QProcess::NotRunning;
        },
        20000);
    const QByteArray printed = chat.readAllStandardError();
    QVERIFY2(arrived && jun->hasPresence(u"mina"_s, PresenceChange::Joined), printed.constData());
    QCOMPARE(jun->presence.last().room, u"dev"_s);
    chat.terminate();
    QVERIFY(chat.waitForFinished(5000));
}

void tst_SoriChatCommandLine::unknownOptionIsAnErrorUnderX11()
{
    // Options that are neither ours nor Qt's are refused as before, with the parser's message.
    QProcess chat;
    chat.setProcessEnvironment(environment(m_display));
    chat.start(QStringLiteral(SORI_CHAT_PATH), {u"--nmae"_s, u"mina"_s});
    QVERIFY(chat.waitForFinished(15000));
    QCOMPARE(chat.exitStatus(), QProcess::NormalExit);
    QCOMPARE(chat.exitCode(), 1);
    const QString error = QString::fromLocal8Bit(chat.readAllStandardError());
    QVERIFY2(error.contains(u"Unknown option 'nmae'"_s), qPrintable(error));
}

void tst_SoriChatCommandLine::helpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QStringList>("expected");
    const QStringList help{u"Usage:"_s, u"--server <url>"_s, u"--name <nick>"_s, u"--room <room>"_s,
                           u"--lang <code>"_s};
    QTest::addRow("--help") << u"--help"_s << help;
    QTest::addRow("-h") << u"-h"_s << help;
    const QStringList version{QStringLiteral("sori-chat " SORI_VERSION)};
    QTest::addRow("--version") << u"--version"_s << version;
    QTest::addRow("-v") << u"-v"_s << version;
}

void tst_SoriChatCommandLine::helpAndVersionNeedNoDisplay()
{
    QFETCH(QString, option);
    QFETCH(QStringList, expected);
    // No DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM: a terminal without a desktop.
    QProcess chat;
    chat.setProcessEnvironment(environment({}));
    chat.start(QStringLiteral(SORI_CHAT_PATH), {option});
    QVERIFY(chat.waitForFinished(15000));
    const QString printed = QString::fromLocal8Bit(chat.readAllStandardOutput());
    const QByteArray error = chat.readAllStandardError();
    QCOMPARE(chat.exitStatus(), QProcess::NormalExit); // it aborted (exit 134) without a display
    QVERIFY2(chat.exitCode() == 0, error.constData());
    for (const QString &text : expected)
        QVERIFY2(printed.contains(text), qPrintable(printed));
}

QTEST_GUILESS_MAIN(tst_SoriChatCommandLine)
#include "tst_sorichatcommandline.moc"
