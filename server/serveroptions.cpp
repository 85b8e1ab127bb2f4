// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "serveroptions.h"

#include "core/weborigin.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QStandardPaths>

#include <cstring>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {

// The context of the terminal's sentences in the translations (as in main.cpp).
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Reads a whole number option into *value when it is given; false (and *error) when it is not
// a number from min to max.
bool readNumber(const QCommandLineParser &parser, const QString &option, qint64 min, qint64 max,
                qint64 *value, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 number = parser.value(option).toLongLong(&ok);
    if (!ok || number < min || number > max) {
        *error = Cli::tr("--%1 takes a whole number from %2 to %3.").arg(option).arg(min).arg(max);
        return false;
    }
    *value = number;
    return true;
}

// The same for an int field.
bool readNumber(const QCommandLineParser &parser, const QString &option, qint64 min, qint64 max,
                int *value, QString *error)
{
    qint64 number = *value;
    if (!readNumber(parser, option, min, max, &number, error))
        return false;
    *value = int(number);
    return true;
}

// The numbers, the address and the origins the command line sets.
bool readLimits(const QCommandLineParser &parser, ServerConfig *config, QString *error)
{
    qint64 port = config->port;
    if (!readNumber(parser, u"port"_s, 0, 65535, &port, error))
        return false;
    config->port = quint16(port);
    if (!readNumber(parser, u"workers"_s, 1, 256, &config->workerThreads, error)
        || !readNumber(parser, u"max-message-size"_s, 1, 64 * 1024 * 1024, &config->maxMessageBytes,
                       error)
        || !readNumber(parser, u"max-frame-size"_s, 125, 256 * 1024 * 1024, &config->maxFrameBytes,
                       error)
        || !readNumber(parser, u"handshake-timeout"_s, 1, 3'600'000, &config->handshakeTimeoutMs,
                       error)
        || !readNumber(parser, u"history-on-join"_s, 0, 10'000, &config->historyOnJoin, error)
        || !readNumber(parser, u"max-history-page"_s, 1, 10'000, &config->maxHistoryPage, error))
        return false;
    if (parser.isSet(u"bind"_s) && !config->bindAddress.setAddress(parser.value(u"bind"_s))) {
        *error = Cli::tr("--bind takes an IP address, such as 127.0.0.1 or ::1.");
        return false;
    }
    if (parser.isSet(u"allow-origin"_s)) {
        config->allowedOrigins = parser.values(u"allow-origin"_s);
        for (const QString &origin : std::as_const(config->allowedOrigins)) {
            if (origin != u"*" && !WebOrigin::parse(origin)) {
                *error = Cli::tr("--allow-origin takes an origin such as "
                                 "https://chat.example.org (or *), not %1.")
                             .arg(origin);
                return false;
            }
        }
    }
    if (parser.isSet(u"public-origin"_s)) {
        config->publicOrigins = parser.values(u"public-origin"_s);
        for (const QString &origin : std::as_const(config->publicOrigins)) {
            if (!WebOrigin::parse(origin)) {
                *error = Cli::tr("--public-origin takes an origin such as "
                                 "https://chat.example.org, not %1.")
                             .arg(origin);
                return false;
            }
        }
    }
    return true;
}

// The TLS options over the configuration file's, checked together.
bool readTls(const QCommandLineParser &parser, ServerConfig *config, QString *error)
{
    if (parser.isSet(u"tls-cert"_s))
        config->tlsCertificateFile = parser.value(u"tls-cert"_s);
    if (parser.isSet(u"tls-key"_s))
        config->tlsKeyFile = parser.value(u"tls-key"_s);
    if (parser.isSet(u"tls-self-signed"_s))
        config->tlsSelfSigned = true;
    if (!readNumber(parser, u"http-redirect-port"_s, 0, 65535, &config->httpRedirectPort, error)
        || !readNumber(parser, u"hsts-max-age"_s, 0, 10LL * 365 * 24 * 3600,
                       &config->hstsMaxAgeSeconds, error))
        return false;
    if (config->tlsCertificateFile.isEmpty() != config->tlsKeyFile.isEmpty()) {
        *error = Cli::tr("--tls-cert and --tls-key go together: give both, or neither.");
        return false;
    }
    if (config->httpRedirectPort >= 0 && !config->tlsEnabled()) {
        *error = Cli::tr("--http-redirect-port redirects to HTTPS: it needs --tls-cert and "
                         "--tls-key, or --tls-self-signed.");
        return false;
    }
    return true;
}

} // namespace

void addServerOptions(QCommandLineParser *parser, const ServerConfig &defaults)
{
    parser->setApplicationDescription(
        Cli::tr("Sori: real-time chat for desktop and browser, on one port for HTTP and "
                "WebSocket."));
    parser->addHelpOption();
    parser->addVersionOption();
    parser->addOptions({
        {u"headless"_s, Cli::tr("Run without the server window.")},
        {u"port"_s,
         Cli::tr("Listen on <port> (default %1; 0 picks a free one).").arg(defaults.port),
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
         Cli::tr("Largest chat message in bytes (default %1).").arg(defaults.maxMessageBytes),
         Cli::tr("bytes")},
        {u"max-frame-size"_s,
         Cli::tr("Largest incoming WebSocket message in bytes (default %1).")
             .arg(defaults.maxFrameBytes),
         Cli::tr("bytes")},
        {u"handshake-timeout"_s,
         Cli::tr("Milliseconds a new connection has to send its request (default %1).")
             .arg(defaults.handshakeTimeoutMs),
         Cli::tr("ms")},
        {u"history-on-join"_s,
         Cli::tr("Send the latest <n> stored messages of a room on joining it (default %1).")
             .arg(defaults.historyOnJoin),
         Cli::tr("n")},
        {u"max-history-page"_s,
         Cli::tr("Most messages one history request may ask for (default %1).")
             .arg(defaults.maxHistoryPage),
         Cli::tr("n")},
        {u"allow-origin"_s,
         Cli::tr("Also accept browser connections from pages of <origin> (repeatable; * for any)."),
         Cli::tr("origin")},
        {u"public-origin"_s,
         Cli::tr("The server's own origin as browsers reach it, e.g. https://chat.example.org "
                 "behind a proxy (repeatable; default: localhost and this machine's names and "
                 "addresses at the listening port)."),
         Cli::tr("origin")},
        {u"tls-cert"_s,
         Cli::tr("Speak TLS (https://, wss://) on the port with the certificate chain in the PEM "
                 "<file>; reread on SIGHUP."),
         Cli::tr("file")},
        {u"tls-key"_s, Cli::tr("The private key of --tls-cert (a PEM <file>)."), Cli::tr("file")},
        {u"tls-self-signed"_s,
         Cli::tr("Without --tls-cert: speak TLS with a certificate made once and kept in the data "
                 "directory.")},
        {u"http-redirect-port"_s,
         Cli::tr("Also listen for plain HTTP on <port> and redirect every request to HTTPS (0 "
                 "picks a free one)."),
         Cli::tr("port")},
        {u"hsts-max-age"_s,
         Cli::tr("Strict-Transport-Security max-age over TLS in seconds (default %1; 0: none).")
             .arg(defaults.hstsMaxAgeSeconds),
         Cli::tr("seconds")},
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
}

std::optional<ServerOptions> readServerOptions(const QCommandLineParser &parser, QString *error)
{
    ServerOptions options;
    ServerConfig &config = options.config;
    options.configFileGiven = parser.isSet(u"config"_s);
    if (options.configFileGiven && !loadConfigFile(parser.value(u"config"_s), &config, error))
        return std::nullopt;
    if (!readLimits(parser, &config, error) || !readTls(parser, &config, error))
        return std::nullopt;
    if (config.maxFrameBytes < config.maxMessageBytes)
        options.notes.append(Cli::tr(
            "Note: --max-frame-size is below --max-message-size; the frame limit comes first."));
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (config.dataDir.isEmpty())
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    options.verbose = parser.isSet(u"verbose"_s);
    options.portGiven = parser.isSet(u"port"_s);
    options.bindGiven = parser.isSet(u"bind"_s);
    if (parser.isSet(u"create-admin"_s))
        options.createAdmin = parser.value(u"create-admin"_s);
    if (parser.isSet(u"reset-password"_s))
        options.resetPassword = parser.value(u"reset-password"_s);
    return options;
}

void applyRememberedListen(ServerOptions *options, std::optional<quint16> port,
                           std::optional<QHostAddress> address)
{
    if (options->configFileGiven)
        return;
    if (port && !options->portGiven)
        options->config.port = *port;
    if (address && !options->bindGiven)
        options->config.bindAddress = *address;
}

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

} // namespace sori::server
