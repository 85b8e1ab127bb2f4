// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/serverconfig.h"

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtNetwork/QHostAddress>

#include <optional>

class QCommandLineParser;

// sori-server's command line: the options it declares, and how what they say is merged over a
// configuration file (--config) and the defaults. Apart from main() so that a test can read an
// argument list into a ServerConfig without starting a process.
namespace sori::server {

// What the command line asks for.
struct ServerOptions
{
    ServerConfig config; // the defaults, then the configuration file, then the command line
    bool verbose = false;
    // Whether a configuration file, --port or --bind was given: where the server window last
    // listened only counts for what none of them says.
    bool configFileGiven = false;
    bool portGiven = false;
    bool bindGiven = false;
    std::optional<QString> createAdmin; // --create-admin <name>: create the account, then exit
    std::optional<QString> resetPassword; // --reset-password <name>: set its password, then exit
    QStringList notes; // worth telling the operator, though not wrong
};

// Declares every option (and --help and --version) on *parser; the help quotes the defaults of
// `defaults`.
void addServerOptions(QCommandLineParser *parser, const ServerConfig &defaults = {});

// Reads a parsed command line over the defaults and the configuration file it names. Nothing
// (and *error, a sentence for the terminal) when a value is wrong or the file cannot be read.
std::optional<ServerOptions> readServerOptions(const QCommandLineParser &parser, QString *error);

// Where the server window last listened, for what neither the command line nor a
// configuration file says.
void applyRememberedListen(ServerOptions *options, std::optional<quint16> port,
                           std::optional<QHostAddress> address);

// Whether the command line asks for no window at all: --headless, or an option that only prints
// or manages accounts and exits. Read from argv, before the application (and its display) exists.
bool wantsNoWindow(int argc, char *argv[]);

} // namespace sori::server
