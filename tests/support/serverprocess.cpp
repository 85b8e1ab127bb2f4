// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

#include "serverprocess.h"

#include <QtCore/QRegularExpression>

#include <csignal>

namespace sori::test {

using namespace Qt::StringLiterals;

QString serverProgram()
{
    return QStringLiteral(SORI_SERVER_PATH);
}

QUrl wsUrl(quint16 port)
{
    return QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(port));
}

quint16 startServerProcess(QProcess &process, const QStringList &arguments, QByteArray *output,
                           int timeoutMs)
{
    process.start(serverProgram(), arguments);
    const QRegularExpression listening(u"listening on port (\\d+)\\."_s);
    QByteArray printed;
    QRegularExpressionMatch match;
    const bool started = QTest::qWaitFor(
        [&] {
            printed += process.readAllStandardOutput();
            match = listening.match(QString::fromUtf8(printed));
            return match.hasMatch() || process.state() == QProcess::NotRunning;
        },
        timeoutMs);
    if (output)
        *output = printed;
    if (!started || !match.hasMatch()) {
        qWarning("sori-server did not start: %s %s", printed.constData(),
                 process.readAllStandardError().constData());
        return 0;
    }
    return quint16(match.captured(1).toUInt());
}

void expectCleanStopOnSignal(QProcess &process, int signal, RecordingClient &client)
{
    ::kill(pid_t(process.processId()), signal);
    QTRY_COMPARE_WITH_TIMEOUT(client.disconnects, 1, 10000);
    QCOMPARE(client.closeCode, 1001);
    QCOMPARE(client.closeReason, u"server shutting down"_s);
    // (The event loop may have seen it finish already: waitForFinished() would say false.)
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

} // namespace sori::test
