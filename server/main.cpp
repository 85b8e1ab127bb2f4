// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-server: the Sori relay. It opens the server window (server/gui) unless told --headless
// or no display can be opened; then it serves from the terminal alone.

#include "core/chat/authservice.h"
#include "core/chatserver.h"
#include "core/logbuffer.h"
#include "core/logging.h"
#include "core/monitor.h"
#include "core/store/sqlitestore.h"
#include "gui/guisettings.h"
#include "gui/serverwindow.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStandardPaths>
#include <QtCore/QTextStream>
#include <QtCore/QTranslator>
#include <QtWidgets/QApplication>
#include <QtWidgets/QMessageBox>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
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

// The context of the terminal's sentences in the translations.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

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
        fail(Cli::tr("--%1 takes a whole number from %2 to %3.").arg(option).arg(min).arg(max));
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
    std::fputs(qPrintable(Cli::tr("Password for %1: ").arg(name)), stderr);
    const QString first = in.readLine();
    std::fputs(qPrintable(Cli::tr("\nThe same again: ")), stderr);
    const QString second = in.readLine();
    std::fputs("\n", stderr);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (first != second) {
        fail(Cli::tr("the two passwords differ."));
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
        fail(Cli::tr("cannot open the database: %1").arg(store.errorString()));
        return 1;
    }
    const bool exists = store.findAccount(name, &account);
    if (create && exists) {
        fail(Cli::tr("there is already an account called %1; use --reset-password to change its "
                     "password.")
                 .arg(account.name));
        return 1;
    }
    if (!create && !exists) {
        fail(Cli::tr("there is no account called %1.").arg(name));
        return 1;
    }
    if (create && !sori::protocol::isValidAccountName(name)) {
        fail(Cli::tr("%1 cannot be a name: use 1 to %2 letters, digits, '-', '_' or '.'.")
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
            fail(Cli::tr("cannot create the account: %1").arg(store.errorString()));
            return 1;
        }
        say(Cli::tr("Admin account %1 created.").arg(name));
        return 0;
    }
    if (hash.isEmpty() || !store.setPasswordHash(account.id, hash)
        || !store.removeTokensOf(account.id)) {
        fail(Cli::tr("cannot change the password: %1").arg(store.errorString()));
        return 1;
    }
    say(Cli::tr("The password of %1 is changed; every sign-in of that account is revoked.")
            .arg(account.name));
    return 0;
}

// Whether the command line asks for no window at all: --headless, or an option that only prints
// or manages accounts and exits.
bool wantsNoWindow(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : {"--headless", "-headless", "--help", "-h", "-?", "--help-all",
                                   "--version", "-v", "--create-admin", "--reset-password"}) {
            if (std::strcmp(argv[i], option) == 0
                || (std::strncmp(argv[i], option, std::strlen(option)) == 0
                    && argv[i][std::strlen(option)] == '='))
                return true;
        }
    }
    return false;
}

// Whether a window can be shown: a platform chosen in QT_QPA_PLATFORM that needs no display
// server (offscreen, vnc, eglfs...), or an X11 or Wayland display. Checked before the
// QApplication exists, which would abort without one.
bool displayAvailable()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM").split(':').first().trimmed();
    const bool x11 = !qEnvironmentVariableIsEmpty("DISPLAY");
    const bool wayland = !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (platform == "xcb")
        return x11;
    if (platform.startsWith("wayland"))
        return wayland;
    if (!platform.isEmpty())
        return true;
    return x11 || wayland;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own UNIX event dispatcher instead of GLib's on every thread: GLib walks all of a
    // thread's descriptors whenever a socket notifier changes, which made each frame queued to
    // an idle connection cost about twice as much with thousands of connections (see
    // docs/benchmarks.md, "Profile").
    if (qEnvironmentVariableIsEmpty("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    const bool headlessAsked = wantsNoWindow(argc, argv);
    const bool withWindow = !headlessAsked && displayAvailable();
    std::unique_ptr<QCoreApplication> application;
    if (withWindow)
        application = std::make_unique<QApplication>(argc, argv);
    else
        application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(u"Sori"_s);
    QCoreApplication::setApplicationName(u"sori-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));
    QTranslator translator;
    if (translator.load(QLocale(), u"sori-server"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&translator);
    qSetMessagePattern(u"%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info"
                       "%{endif}%{if-warning}warning%{endif}%{if-critical}critical%{endif} "
                       "%{category}: %{message}"_s);

    ServerConfig config;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Sori: real-time chat for desktop and browser, on one port for HTTP and "
                "WebSocket."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"headless"_s, Cli::tr("Run without the server window.")},
        {u"port"_s, Cli::tr("Listen on <port> (default %1; 0 picks a free one).").arg(config.port),
         Cli::tr("port")},
        {u"bind"_s, Cli::tr("Listen on <address> only (default: every address)."),
         Cli::tr("address")},
        {u"data-dir"_s,
         Cli::tr("Keep data in <dir> (default: %1).")
             .arg(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
         Cli::tr("dir")},
        {u"workers"_s, Cli::tr("Use <n> worker threads for connections (default: one per core)."),
         Cli::tr("n")},
        {u"max-message-size"_s,
         Cli::tr("Largest chat message in bytes (default %1).").arg(config.maxMessageBytes),
         Cli::tr("bytes")},
        {u"max-frame-size"_s,
         Cli::tr("Largest incoming WebSocket message in bytes (default %1).")
             .arg(config.maxFrameBytes),
         Cli::tr("bytes")},
        {u"handshake-timeout"_s,
         Cli::tr("Milliseconds a new connection has to send its request (default %1).")
             .arg(config.handshakeTimeoutMs),
         Cli::tr("ms")},
        {u"history-on-join"_s,
         Cli::tr("Send the latest <n> stored messages of a room on joining it (default %1).")
             .arg(config.historyOnJoin),
         Cli::tr("n")},
        {u"max-history-page"_s,
         Cli::tr("Most messages one history request may ask for (default %1).")
             .arg(config.maxHistoryPage),
         Cli::tr("n")},
        {u"allow-origin"_s,
         Cli::tr("Also accept browser connections from pages of <origin> (repeatable; * for any)."),
         Cli::tr("origin")},
        {u"verbose"_s, Cli::tr("Log every request and event (debug messages).")},
        {u"config"_s,
         Cli::tr("Read settings from the INI <file> (see docs/admin.md); options given "
                 "here override it."),
         Cli::tr("file")},
        {u"create-admin"_s,
         Cli::tr("Create the admin account <name> (password from the terminal or the first line of "
                 "standard input), then exit."),
         Cli::tr("name")},
        {u"reset-password"_s,
         Cli::tr("Set a new password for <name> and revoke its sign-ins, then exit."),
         Cli::tr("name")},
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
            fail(Cli::tr("--bind takes an IP address, such as 127.0.0.1 or ::1."));
            return 2;
        }
    }
    config.allowedOrigins = parser.values(u"allow-origin"_s);
    if (config.maxFrameBytes < config.maxMessageBytes)
        say(Cli::tr(
            "Note: --max-frame-size is below --max-message-size; the frame limit comes first."));

    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (config.dataDir.isEmpty())
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(config.dataDir)) {
        fail(Cli::tr("cannot create the data directory %1.").arg(config.dataDir));
        return 1;
    }

    if (parser.isSet(u"create-admin"_s))
        return manageAccount(config, parser.value(u"create-admin"_s), true);
    if (parser.isSet(u"reset-password"_s))
        return manageAccount(config, parser.value(u"reset-password"_s), false);

    if (!headlessAsked && !withWindow)
        say(Cli::tr(
            "No display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set, and "
            "QT_QPA_PLATFORM names no platform): running headless."));

    // The window remembers where the operator last told it to listen; the command line and a
    // configuration file win.
    sori::server::gui::GuiSettings settings;
    if (withWindow && !parser.isSet(u"config"_s)) {
        if (!parser.isSet(u"port"_s)) {
            if (const auto port = settings.listenPort())
                config.port = *port;
        }
        if (!parser.isSet(u"bind"_s)) {
            if (const auto address = settings.listenAddress())
                config.bindAddress = *address;
        }
    }
    // The window's live log is fed by the logging categories (the terminal keeps its log too).
    sori::server::LogBuffer logBuffer;
    if (withWindow)
        logBuffer.install();

    if (!installSignalHandlers()) {
        fail(Cli::tr("cannot install the signal handlers."));
        return 1;
    }

    ChatServer server(config);
    if (!server.start()) {
        fail(Cli::tr("cannot listen on port %1: %2").arg(config.port).arg(server.errorString()));
        if (withWindow)
            QMessageBox::critical(nullptr, Cli::tr("Sori server"),
                                  Cli::tr("The server cannot listen on port %1: %2")
                                      .arg(config.port)
                                      .arg(server.errorString()));
        return 1;
    }

    QSocketNotifier signalNotifier(signalPipe[1], QSocketNotifier::Read);
    int signalsSeen = 0;
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
        if (++signalsSeen > 1) {
            say(Cli::tr("Stopping now."));
            QCoreApplication::exit(1);
            return;
        }
        say(Cli::tr("Stopping: closing every connection (press Ctrl+C again to quit at once)…"));
        server.stop(u"server shutting down"_s);
    });
    // exit(), not quit(): quit() would first ask the server window whether it may close.
    QObject::connect(&server, &ChatServer::stopped, &app, [] { QCoreApplication::exit(0); });

    const quint16 port = server.serverPort();
    const QString host = config.bindAddress == QHostAddress::Any
            || config.bindAddress == QHostAddress::AnyIPv4
            || config.bindAddress == QHostAddress::AnyIPv6
        ? u"localhost"_s
        : config.bindAddress.toString();
    say(Cli::tr("Sori %1 is listening on port %2.")
            .arg(QCoreApplication::applicationVersion())
            .arg(port));
    say(Cli::tr("  Web client:   http://%1:%2/").arg(host).arg(port));
    say(Cli::tr("  Classic page: http://%1:%2/classic").arg(host).arg(port));
    say(Cli::tr(
            "  WebSocket:    ws://%1:%2/ws (protocol sori.v1; without a subprotocol: plain text)")
            .arg(host)
            .arg(port));
    say(Cli::tr("  Data:         %1").arg(QDir(config.dataDir).absolutePath()));
    say(Cli::tr("Press Ctrl+C to stop."));

    std::unique_ptr<sori::server::gui::ServerWindow> window;
    if (withWindow) {
        QApplication::setQuitOnLastWindowClosed(false); // the window may hide in the tray
        window = std::make_unique<sori::server::gui::ServerWindow>(&server, &logBuffer, &settings);
        QObject::connect(window.get(), &sori::server::gui::ServerWindow::quitRequested, &app, [&] {
            say(Cli::tr("Stopping: closing every connection…"));
            server.stop(u"server shutting down"_s);
        });
        window->show();
        say(Cli::tr("The server window is open; closing it asks whether to keep serving."));
    }
    const int status = app.exec();
    window.reset(); // before the server it watches
    return status;
}
