// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat: the desktop chat app.
//   sori-chat                                  sign in with the dialog (or the stored token)
//   sori-chat --server URL --name NICK [--room R]   straight into a room as a guest
//   sori-chat -lang ko                         in Korean (default: the system's language)

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "ui/appicon.h"
#include "ui/language.h"
#include "ui/mainwindow.h"

#include <QtCore/QCommandLineParser>
#include <QtWidgets/QApplication>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace sori::chat;

namespace {

// Our options, as QCommandLineParser reads them (one or two dashes, "--name mina" or
// "--name=mina"); those that take a value, and those that do not.
const QStringList ValueOptions{u"server"_s, u"name"_s, u"room"_s, u"lang"_s};
const QStringList FlagOptions{u"help"_s, u"h"_s, u"?"_s, u"help-all"_s, u"version"_s, u"v"_s};

// The command line split in two: our options (with the program's name first), for
// QCommandLineParser, and the rest, for QApplication. Ours are taken out before QApplication
// sees them because Qt's platform plugins take some of the same names for themselves (on X11,
// the xcb plugin reads "--name mina" as the window's class and removes it), and because --help
// and --version are answered without a display.
struct SplitCommandLine
{
    QStringList ours;
    std::vector<char *> theirs; // argv for QApplication, null-terminated
    int theirCount = 0; // its argc (QApplication takes out what it uses)
};

SplitCommandLine splitCommandLine(int argc, char *argv[])
{
    SplitCommandLine split;
    split.ours.append(QString::fromLocal8Bit(argv[0]));
    split.theirs.push_back(argv[0]);
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == u"--"_s) {
            // What follows is not options: the parser's business, not Qt's.
            for (; i < argc; ++i)
                split.ours.append(QString::fromLocal8Bit(argv[i]));
            break;
        }
        QString name = argument;
        if (name.startsWith(u"--"_s))
            name.remove(0, 2);
        else if (name.startsWith(u'-'))
            name.remove(0, 1);
        else
            name.clear(); // not an option
        const qsizetype equals = name.indexOf(u'=');
        const bool inlineValue = equals >= 0;
        if (inlineValue)
            name.truncate(equals);
        if (!name.isEmpty() && ValueOptions.contains(name)) {
            split.ours.append(argument);
            if (!inlineValue && i + 1 < argc)
                split.ours.append(QString::fromLocal8Bit(argv[++i]));
        } else if (!name.isEmpty() && FlagOptions.contains(name)) {
            split.ours.append(argument);
        } else {
            split.theirs.push_back(argv[i]);
        }
    }
    split.theirCount = int(split.theirs.size());
    split.theirs.push_back(nullptr);
    return split;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"Sori"_s);
    QCoreApplication::setApplicationName(u"sori-chat"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(
        u"Sori: real-time chat.\n"
        "Straight into a room as a guest: sori-chat --server ws://HOST:PORT/ws --name NICK"
        " [--room ROOM]"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(u"server"_s, u"Server address (ws:// or wss://)."_s,
                                          u"url"_s);
    const QCommandLineOption nameOption(u"name"_s, u"Sign in as a guest with this nickname."_s,
                                        u"nick"_s);
    const QCommandLineOption roomOption(u"room"_s, u"Start in this room."_s, u"room"_s);
    const QCommandLineOption langOption(u"lang"_s, u"Language: en or ko (default: the system's)."_s,
                                        u"code"_s);
    parser.addOptions({serverOption, nameOption, roomOption, langOption});

    SplitCommandLine commandLine = splitCommandLine(argc, argv);
    const bool helpOrVersion = !parser.parse(commandLine.ours) || parser.isSet(u"help"_s)
        || parser.isSet(u"help-all"_s) || parser.isSet(u"version"_s);
    if (helpOrVersion) {
        // Answered (help, version, or what is wrong with our options) and the end: no display
        // needed, so no QApplication, whose platform plugin would abort without one.
        QCoreApplication core(commandLine.theirCount, commandLine.theirs.data());
        parser.process(commandLine.ours);
        return 0;
    }

    QApplication app(commandLine.theirCount, commandLine.theirs.data());
    QApplication::setApplicationDisplayName(u"Sori"_s);
    QApplication::setDesktopFileName(u"sori-chat"_s);
    QApplication::setWindowIcon(appIcon());
    // Qt has taken out the options it knows (-platform, -style...): anything left is unknown,
    // and the parser says so as it always did.
    parser.process(commandLine.ours + app.arguments().mid(1));

    ChatSettings settings;
    const QString language =
        parser.isSet(langOption) ? parser.value(langOption) : settings.language();
    installTranslations(&app, language);

    ChatSession session(&settings);
    MainWindow window(&session);
    // However the app ends (Quit, or the last window closed), the server is told with a close
    // frame, so that the others see us leave at once.
    const auto run = [&session] {
        const int code = QApplication::exec();
        session.closeForQuit();
        return code;
    };
    if (parser.isSet(roomOption))
        session.setStartRooms({parser.value(roomOption)});

    QObject::connect(&window, &MainWindow::signInRequested, &window, [&window] {
        if (!window.signInInteractively())
            QCoreApplication::quit();
    });
    // A sign-in that did not need the dialog and failed (a refused token, a taken nickname, a
    // server that is not there) asks with the dialog, once.
    auto failed = std::make_shared<QMetaObject::Connection>();
    *failed =
        QObject::connect(&session, &ChatSession::signInFailed, &window,
                         [&window, failed](sori::protocol::ErrorCode, const QString &message) {
                             QObject::disconnect(*failed);
                             if (!window.signInInteractively(message))
                                 QCoreApplication::quit();
                         });
    QObject::connect(&session, &ChatSession::signedIn, &window,
                     [failed] { QObject::disconnect(*failed); });

    if (parser.isSet(nameOption) || parser.isSet(serverOption)) {
        const QUrl url =
            parser.isSet(serverOption) ? QUrl(parser.value(serverOption)) : settings.serverUrl();
        if (!url.isValid() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
            qCritical("sori-chat: --server needs a ws:// or wss:// address");
            return 2;
        }
        if (parser.isSet(nameOption)) {
            window.show();
            session.signInAsGuest(url, parser.value(nameOption));
            return run();
        }
        settings.setServerUrl(url);
    }
    if (session.resumeStoredSignIn()) {
        window.show();
        return run();
    }
    QObject::disconnect(*failed);
    if (!window.signInInteractively())
        return 0;
    window.show();
    return run();
}
