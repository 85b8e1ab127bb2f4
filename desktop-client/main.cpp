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

using namespace Qt::StringLiterals;
using namespace sori::chat;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Sori"_s);
    QApplication::setApplicationName(u"sori-chat"_s);
    QApplication::setApplicationDisplayName(u"Sori"_s);
    QApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));
    QApplication::setDesktopFileName(u"sori-chat"_s);
    QApplication::setWindowIcon(appIcon());

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setApplicationDescription(u"Sori: real-time chat"_s);
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
    parser.process(app);

    ChatSettings settings;
    const QString language =
        parser.isSet(langOption) ? parser.value(langOption) : settings.language();
    installTranslations(&app, language);

    ChatSession session(&settings);
    MainWindow window(&session);
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
            return app.exec();
        }
        settings.setServerUrl(url);
    }
    if (session.resumeStoredSignIn()) {
        window.show();
        return app.exec();
    }
    QObject::disconnect(*failed);
    if (!window.signInInteractively())
        return 0;
    window.show();
    return app.exec();
}
