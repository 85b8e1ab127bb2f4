// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

// sori-server as a separate process, as a person runs it. A test that starts it adds a
// dependency on the sori-server target (add_dependencies) so that it is built first.

#include "testclients.h"

#include <QtCore/QProcess>

namespace sori::test {

// The sori-server this build made.
QString serverProgram();

// ws://127.0.0.1:<port>/ws
QUrl wsUrl(quint16 port);

// Starts sori-server with `arguments` and waits (up to timeoutMs) until it says the port it
// listens on, or ends. Returns that port, 0 if it did not start (with a warning that shows what
// it printed). Its standard output up to then is put in *output when asked for.
quint16 startServerProcess(QProcess &process, const QStringList &arguments,
                           QByteArray *output = nullptr, int timeoutMs = 10000);

// Sends `signal` to the server and checks that it stops as a server should: `client`, connected
// to it, is told that the server is shutting down (close 1001), and the process ends normally
// with exit code 0. (Test assertions: on a failure, the test fails here.)
void expectCleanStopOnSignal(QProcess &process, int signal, RecordingClient &client);

} // namespace sori::test
