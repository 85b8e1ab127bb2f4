// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-server: the Sori relay. It opens the server window (server/gui) unless told --headless
// or no display can be opened; then it serves from the terminal alone.

#include "core/chat/authservice.h"
#include "core/chatserver.h"
#include "core/logbuffer.h"
#include "core/logging.h"
#include "core/monitor.h"
#include "core/namecheck.h"
#include "core/store/sqlitestore.h"
#include "gui/guisettings.h"
#include "gui/serverwindow.h"
#include "protocol/messagecodec.h"
#include "serveroptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTextStream>
#include <QtCore/QTranslator>
#include <QtWidgets/QApplication>
#include <QtWidgets/QMessageBox>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using sori::server::ChatServer;
using sori::server::ServerConfig;
using sori::server::ServerOptions;
using sori::server::gui::ServerWindow;

namespace {

int signalPipe[2] = {-1, -1};

void onUnixSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

// SIGINT and SIGTERM become a notification on the event loop: the first stops the server
// cleanly, a second one quits at once. SIGHUP rereads the TLS certificate.
bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onUnixSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0
        && ::sigaction(SIGHUP, &action, nullptr) == 0;
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
int manageAccount(const ServerConfig &config, const QString &givenName, bool create)
{
    // In NFC, as the server stores and looks up every name.
    const QString name = sori::server::names::normalized(givenName);
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

// The application: with widgets when a window is shown. Named, translated, and logging with
// times.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char *argv[], bool withWindow)
{
    std::unique_ptr<QCoreApplication> application;
    if (withWindow)
        application = std::make_unique<QApplication>(argc, argv);
    else
        application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(u"Sori"_s);
    QCoreApplication::setApplicationName(u"sori-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));
    auto *translator = new QTranslator(application.get());
    if (translator->load(QLocale(), u"sori-server"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(translator);
    qSetMessagePattern(u"%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info"
                       "%{endif}%{if-warning}warning%{endif}%{if-critical}critical%{endif} "
                       "%{category}: %{message}"_s);
    return application;
}

// The first SIGINT or SIGTERM (read from the notifier on the signal pipe) stops the server
// cleanly; a second one quits at once. SIGHUP rereads the certificate and key (TLS): new
// connections get them, open ones stay as they are.
void stopOnSignals(QSocketNotifier *notifier, ChatServer *server)
{
    QObject::connect(notifier, &QSocketNotifier::activated, server,
                     [server, signalsSeen = 0]() mutable {
                         char byte = 0;
                         [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
                         if (byte == SIGHUP) {
                             if (!server->tlsInfo().enabled)
                                 say(Cli::tr("SIGHUP: TLS is off; nothing to reload."));
                             else if (server->reloadTls())
                                 say(Cli::tr("Reloaded the TLS certificate."));
                             else
                                 say(Cli::tr("The new TLS certificate cannot be used; the one in "
                                             "use stays (see the log)."));
                             return;
                         }
                         if (++signalsSeen > 1) {
                             say(Cli::tr("Stopping now."));
                             QCoreApplication::exit(1);
                             return;
                         }
                         say(Cli::tr("Stopping: closing every connection (press Ctrl+C again to "
                                     "quit at once)…"));
                         server->stop(u"server shutting down"_s);
                     });
}

// Where the clients connect, on the terminal.
void sayWhereToConnect(const ChatServer &server, const ServerConfig &config)
{
    const quint16 port = server.serverPort();
    const QString host = config.bindAddress == QHostAddress::Any
            || config.bindAddress == QHostAddress::AnyIPv4
            || config.bindAddress == QHostAddress::AnyIPv6
        ? u"localhost"_s
        : config.bindAddress.toString();
    say(Cli::tr("Sori %1 is listening on port %2.")
            .arg(QCoreApplication::applicationVersion())
            .arg(port));
    const sori::server::TlsCertificateInfo tls = server.tlsInfo();
    const QString http = tls.enabled ? u"https"_s : u"http"_s;
    const QString ws = tls.enabled ? u"wss"_s : u"ws"_s;
    say(Cli::tr("  Web client:   %3://%1:%2/").arg(host).arg(port).arg(http));
    say(Cli::tr("  Classic page: %3://%1:%2/classic").arg(host).arg(port).arg(http));
    say(Cli::tr("  WebSocket:    %3://%1:%2/ws (protocol sori.v1; without a subprotocol: plain "
                "text)")
            .arg(host)
            .arg(port)
            .arg(ws));
    if (tls.enabled) {
        say(Cli::tr("  TLS:          %1, valid until %2")
                .arg(tls.subject, tls.notAfter.toString(Qt::ISODate)));
        say(Cli::tr("  Fingerprint:  SHA-256 %1").arg(tls.fingerprint));
    }
    if (const quint16 redirect = server.redirectPort())
        say(Cli::tr("  Redirect:     http://%1:%2/ -> HTTPS").arg(host).arg(redirect));
    say(Cli::tr("  Data:         %1").arg(QDir(config.dataDir).absolutePath()));
    say(Cli::tr("Press Ctrl+C to stop."));
}

// The server window; closing it asks whether to keep serving, its Quit stops the server.
std::unique_ptr<ServerWindow> openWindow(ChatServer *server, sori::server::LogBuffer *logBuffer,
                                         sori::server::gui::GuiSettings *settings)
{
    QApplication::setQuitOnLastWindowClosed(false); // the window may hide in the tray
    auto window = std::make_unique<ServerWindow>(server, logBuffer, settings);
    QObject::connect(window.get(), &ServerWindow::quitRequested, server, [server] {
        say(Cli::tr("Stopping: closing every connection…"));
        server->stop(u"server shutting down"_s);
    });
    window->show();
    say(Cli::tr("The server window is open; closing it asks whether to keep serving."));
    return window;
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
    const bool headlessAsked = sori::server::wantsNoWindow(argc, argv);
    const bool withWindow = !headlessAsked && displayAvailable();
    const std::unique_ptr<QCoreApplication> application = makeApplication(argc, argv, withWindow);
    QCoreApplication &app = *application;

    QCommandLineParser parser;
    sori::server::addServerOptions(&parser);
    parser.process(app);
    QString error;
    std::optional<ServerOptions> options = sori::server::readServerOptions(parser, &error);
    if (!options) {
        fail(error);
        return 2;
    }
    if (!options->verbose)
        QLoggingCategory::setFilterRules(u"sori.*.debug=false"_s);
    for (const QString &note : std::as_const(options->notes))
        say(note);
    ServerConfig &config = options->config;
    if (!QDir().mkpath(config.dataDir)) {
        fail(Cli::tr("cannot create the data directory %1.").arg(config.dataDir));
        return 1;
    }

    if (options->createAdmin)
        return manageAccount(config, *options->createAdmin, true);
    if (options->resetPassword)
        return manageAccount(config, *options->resetPassword, false);

    if (!headlessAsked && !withWindow)
        say(Cli::tr(
            "No display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set, and "
            "QT_QPA_PLATFORM names no platform): running headless."));

    // The window remembers where the operator last told it to listen; the command line and a
    // configuration file win.
    sori::server::gui::GuiSettings settings;
    if (withWindow)
        sori::server::applyRememberedListen(&*options, settings.listenPort(),
                                            settings.listenAddress());
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
    stopOnSignals(&signalNotifier, &server);
    // exit(), not quit(): quit() would first ask the server window whether it may close.
    QObject::connect(&server, &ChatServer::stopped, &app, [] { QCoreApplication::exit(0); });

    sayWhereToConnect(server, config);

    std::unique_ptr<ServerWindow> window;
    if (withWindow)
        window = openWindow(&server, &logBuffer, &settings);
    const int status = app.exec();
    window.reset(); // before the server it watches
    return status;
}
