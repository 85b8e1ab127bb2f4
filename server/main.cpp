// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-server: the Sori relay. The server window comes with a later version; until then the
// server always runs headless.

#include "core/authservice.h"
#include "core/chatserver.h"
#include "core/logging.h"
#include "core/sqlitestore.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStandardPaths>
#include <QtCore/QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using sori::server::ChatServer;
using sori::server::ServerConfig;

namespace {

int signalPipe[2] = {-1, -1};

void onUnixSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

// SIGINT and SIGTERM become a notification on the event loop: the first stops the server
// cleanly, a second one quits at once.
bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("sori-server", text);
}

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

void fail(const QString &line)
{
    std::fputs(qPrintable(u"sori-server: "_s + line + u'\n'), stderr);
}

// Reads a positive whole number option; false (and a message) when it is not one.
bool readNumber(const QCommandLineParser &parser, const QString &option, qint64 min, qint64 max,
                qint64 *value)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 number = parser.value(option).toLongLong(&ok);
    if (!ok || number < min || number > max) {
        fail(tr("--%1 takes a whole number from %2 to %3.").arg(option).arg(min).arg(max));
        return false;
    }
    *value = number;
    return true;
}

// A password from the terminal (not echoed, asked twice) or the first line of standard input.
std::optional<QString> readPassword(const QString &name)
{
    QTextStream in(stdin);
    if (!::isatty(STDIN_FILENO))
        return in.readLine();
    termios saved = {};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::fputs(qPrintable(tr("Password for %1: ").arg(name)), stderr);
    const QString first = in.readLine();
    std::fputs(qPrintable(tr("\nThe same again: ")), stderr);
    const QString second = in.readLine();
    std::fputs("\n", stderr);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (first != second) {
        fail(tr("the two passwords differ."));
        return std::nullopt;
    }
    return first;
}

// --create-admin and --reset-password: done on the database directly, then exit.
int manageAccount(const ServerConfig &config, const QString &name, bool create)
{
    using sori::server::AuthService;
    using sori::server::SqliteStore;
    sori::server::Account account;
    SqliteStore store(QDir(config.dataDir).filePath(u"sori.db"_s));
    if (!store.open()) {
        fail(tr("cannot open the database: %1").arg(store.errorString()));
        return 1;
    }
    const bool exists = store.findAccount(name, &account);
    if (create && exists) {
        fail(tr("there is already an account called %1; use --reset-password to change its "
                "password.")
                 .arg(account.name));
        return 1;
    }
    if (!create && !exists) {
        fail(tr("there is no account called %1.").arg(name));
        return 1;
    }
    if (create && !sori::protocol::isValidAccountName(name)) {
        fail(tr("%1 cannot be a name: use 1 to %2 letters, digits, '-', '_' or '.'.")
                 .arg(name)
                 .arg(sori::protocol::MaxNameLength));
        return 1;
    }
    const std::optional<QString> password = readPassword(name);
    if (!password)
        return 1;
    if (const auto problem = AuthService::passwordProblem(*password)) {
        fail(*problem);
        return 1;
    }
    const QString hash = AuthService::hashPassword(*password);
    if (create) {
        qint64 id = -1;
        if (hash.isEmpty()
            || !store.createAccount(name, hash, sori::protocol::Role::Admin,
                                    QDateTime::currentMSecsSinceEpoch(), &id)) {
            fail(tr("cannot create the account: %1").arg(store.errorString()));
            return 1;
        }
        say(tr("Admin account %1 created.").arg(name));
        return 0;
    }
    if (hash.isEmpty() || !store.setPasswordHash(account.id, hash)
        || !store.removeTokensOf(account.id)) {
        fail(tr("cannot change the password: %1").arg(store.errorString()));
        return 1;
    }
    say(tr("The password of %1 is changed; every sign-in of that account is revoked.")
            .arg(account.name));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Sori"_s);
    QCoreApplication::setApplicationName(u"sori-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));
    qSetMessagePattern(u"%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info"
                       "%{endif}%{if-warning}warning%{endif}%{if-critical}critical%{endif} "
                       "%{category}: %{message}"_s);

    ServerConfig config;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sori: real-time chat for desktop and browser, on one port for HTTP and "
           "WebSocket."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"headless"_s, tr("Run without the server window.")},
        {u"port"_s, tr("Listen on <port> (default %1; 0 picks a free one).").arg(config.port),
         tr("port")},
        {u"bind"_s, tr("Listen on <address> only (default: every address)."), tr("address")},
        {u"data-dir"_s,
         tr("Keep data in <dir> (default: %1).")
             .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
         tr("dir")},
        {u"workers"_s, tr("Use <n> worker threads for connections (default: one per core)."),
         tr("n")},
        {u"max-message-size"_s,
         tr("Largest chat message in bytes (default %1).").arg(config.maxMessageBytes),
         tr("bytes")},
        {u"max-frame-size"_s,
         tr("Largest incoming WebSocket message in bytes (default %1).").arg(config.maxFrameBytes),
         tr("bytes")},
        {u"handshake-timeout"_s,
         tr("Milliseconds a new connection has to send its request (default %1).")
             .arg(config.handshakeTimeoutMs),
         tr("ms")},
        {u"history-on-join"_s,
         tr("Send the latest <n> stored messages of a room on joining it (default %1).")
             .arg(config.historyOnJoin),
         tr("n")},
        {u"max-history-page"_s,
         tr("Most messages one history request may ask for (default %1).")
             .arg(config.maxHistoryPage),
         tr("n")},
        {u"allow-origin"_s,
         tr("Also accept browser connections from pages of <origin> (repeatable; * for any)."),
         tr("origin")},
        {u"verbose"_s, tr("Log every request and event (debug messages).")},
        {u"config"_s,
         tr("Read settings from the INI <file> (see docs/admin.md); options given "
            "here override it."),
         tr("file")},
        {u"create-admin"_s,
         tr("Create the admin account <name> (password from the terminal or the first line of "
            "standard input), then exit."),
         tr("name")},
        {u"reset-password"_s,
         tr("Set a new password for <name> and revoke its sign-ins, then exit."), tr("name")},
    });
    parser.process(app);

    if (parser.isSet(u"config"_s)) {
        QString error;
        if (!sori::server::loadConfigFile(parser.value(u"config"_s), &config, &error)) {
            fail(error);
            return 2;
        }
    }

    if (!parser.isSet(u"verbose"_s))
        QLoggingCategory::setFilterRules(u"sori.*.debug=false"_s);

    qint64 number = config.port;
    if (!readNumber(parser, u"port"_s, 0, 65535, &number))
        return 2;
    config.port = quint16(number);
    number = config.workerThreads;
    if (!readNumber(parser, u"workers"_s, 1, 256, &number))
        return 2;
    config.workerThreads = int(number);
    if (!readNumber(parser, u"max-message-size"_s, 1, 64 * 1024 * 1024, &config.maxMessageBytes)
        || !readNumber(parser, u"max-frame-size"_s, 125, 256 * 1024 * 1024, &config.maxFrameBytes))
        return 2;
    number = config.handshakeTimeoutMs;
    if (!readNumber(parser, u"handshake-timeout"_s, 1, 3'600'000, &number))
        return 2;
    config.handshakeTimeoutMs = int(number);
    number = config.historyOnJoin;
    if (!readNumber(parser, u"history-on-join"_s, 0, 10'000, &number))
        return 2;
    config.historyOnJoin = int(number);
    number = config.maxHistoryPage;
    if (!readNumber(parser, u"max-history-page"_s, 1, 10'000, &number))
        return 2;
    config.maxHistoryPage = int(number);
    if (parser.isSet(u"bind"_s)) {
        if (!config.bindAddress.setAddress(parser.value(u"bind"_s))) {
            fail(tr("--bind takes an IP address, such as 127.0.0.1 or ::1."));
            return 2;
        }
    }
    config.allowedOrigins = parser.values(u"allow-origin"_s);
    if (config.maxFrameBytes < config.maxMessageBytes)
        say(tr("Note: --max-frame-size is below --max-message-size; the frame limit comes first."));

    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (config.dataDir.isEmpty())
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(config.dataDir)) {
        fail(tr("cannot create the data directory %1.").arg(config.dataDir));
        return 1;
    }

    if (parser.isSet(u"create-admin"_s))
        return manageAccount(config, parser.value(u"create-admin"_s), true);
    if (parser.isSet(u"reset-password"_s))
        return manageAccount(config, parser.value(u"reset-password"_s), false);

    if (!parser.isSet(u"headless"_s))
        say(tr("The server window is not part of this version yet; running headless."));

    if (!installSignalHandlers()) {
        fail(tr("cannot install the signal handlers."));
        return 1;
    }

    ChatServer server(config);
    if (!server.start()) {
        fail(tr("cannot listen on port %1: %2").arg(config.port).arg(server.errorString()));
        return 1;
    }

    QSocketNotifier signalNotifier(signalPipe[1], QSocketNotifier::Read);
    int signalsSeen = 0;
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
        if (++signalsSeen > 1) {
            say(tr("Stopping now."));
            QCoreApplication::exit(1);
            return;
        }
        say(tr("Stopping: closing every connection (press Ctrl+C again to quit at once)…"));
        server.stop(u"server shutting down"_s);
    });
    QObject::connect(&server, &ChatServer::stopped, &app, [] { QCoreApplication::quit(); });

    const quint16 port = server.serverPort();
    const QString host = config.bindAddress == QHostAddress::Any
            || config.bindAddress == QHostAddress::AnyIPv4
            || config.bindAddress == QHostAddress::AnyIPv6
        ? u"localhost"_s
        : config.bindAddress.toString();
    say(tr("Sori %1 is listening on port %2.")
            .arg(QCoreApplication::applicationVersion())
            .arg(port));
    say(tr("  Web client:   http://%1:%2/").arg(host).arg(port));
    say(tr("  Classic page: http://%1:%2/classic").arg(host).arg(port));
    say(tr("  WebSocket:    ws://%1:%2/ws (protocol sori.v1; without a subprotocol: plain text)")
            .arg(host)
            .arg(port));
    say(tr("  Data:         %1").arg(QDir(config.dataDir).absolutePath()));
    say(tr("Press Ctrl+C to stop."));
    return app.exec();
}
