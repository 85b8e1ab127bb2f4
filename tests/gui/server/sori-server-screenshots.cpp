// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Renders docs/screenshots/sori-server-<tab>-<lang>.png: the real server window, offscreen, over
// an in-process server with several clients connected and talking.
//   sori-server-screenshots OUTPUT_DIR LANG     (LANG: en or ko)
// scripts/screenshots-server.sh runs it for both languages.

#include "gui/guisettings.h"
#include "gui/serverwindow.h"
#include "testserver.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTranslator>
#include <QtWidgets/QApplication>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeView>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace sori;
using sori::protocol::ClientKind;
using sori::test::RecordingClient;

namespace {

bool waitReady(ChatClient &client)
{
    return QTest::qWaitFor([&] { return client.state() == ChatClient::State::Ready; }, 10000);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 3) {
        qWarning("usage: sori-server-screenshots OUTPUT_DIR en|ko");
        return 2;
    }
    const QString outputDir = QString::fromLocal8Bit(argv[1]);
    const QString language = QString::fromLocal8Bit(argv[2]);
    QTranslator translator;
    QLocale::setDefault(QLocale(language == u"ko"_s ? u"ko_KR"_s : u"en_US"_s));
    if (!translator.load(u":/i18n/sori-server_%1.qm"_s.arg(language))) {
        qWarning("no translation for %s", qPrintable(language));
        return 1;
    }
    QApplication::installTranslator(&translator);
    QFont font = QApplication::font();
    font.setFamilies({u"Noto Sans CJK KR"_s, u"DejaVu Sans"_s});
    QApplication::setFont(font);

    QTemporaryDir dir;
    server::LogBuffer log(2000);
    log.install();
    auto server = test::startServer(dir.path(), [](server::ServerConfig &config) {
        config.bindAddress = QHostAddress::Any;
        config.port = 0;
        config.pingIntervalMs = 1000;
    });
    if (!server)
        return 1;
    const QUrl url = test::wsUrl(*server);
    server::gui::GuiSettings settings(dir.filePath(u"window.ini"_s));
    server::gui::ServerWindow window(server.get(), &log, &settings);
    window.setAskOnClose(false);
    window.resize(1100, 560);
    window.show();

    // People: mina with an account, signed in from the desktop and from a browser; guests on the
    // web and the desktop; a plain client from the tutorial.
    std::vector<std::unique_ptr<RecordingClient>> clients;
    const auto add = [&](const QString &name, ClientKind kind) -> RecordingClient * {
        clients.push_back(std::make_unique<RecordingClient>());
        RecordingClient *client = clients.back().get();
        client->client.connectToServer(url, name, kind);
        return waitReady(client->client) ? client : nullptr;
    };
    auto *minaDesktop = clients.emplace_back(std::make_unique<RecordingClient>()).get();
    minaDesktop->client.registerAccount(url, u"mina"_s, u"correct horse battery"_s,
                                        ClientKind::Desktop);
    if (!waitReady(minaDesktop->client))
        return 1;
    auto *minaWeb = clients.emplace_back(std::make_unique<RecordingClient>()).get();
    minaWeb->client.signIn(url, u"mina"_s, u"correct horse battery"_s, ClientKind::Web);
    RecordingClient *jun = add(u"jun"_s, ClientKind::Web);
    RecordingClient *ari = add(u"ari"_s, ClientKind::Desktop);
    RecordingClient *sol = add(u"sol"_s, ClientKind::Web);
    if (!waitReady(minaWeb->client) || !jun || !ari || !sol)
        return 1;
    test::RawClient plain;
    if (!plain.open(url))
        return 1;
    for (RecordingClient *client : {minaDesktop, minaWeb, jun, ari, sol})
        client->joinRoom(u"lobby"_s);
    minaDesktop->client.createRoom(u"design"_s, protocol::RoomKind::Public,
                                   u"Screens for the next release"_s);
    for (RecordingClient *client : {jun, ari})
        client->joinRoom(u"design"_s);
    minaDesktop->client.createRoom(u"release"_s, protocol::RoomKind::Private);

    // Some talk over a few seconds, so that the chart has a shape.
    const QStringList lines = language == u"ko"_s
        ? QStringList{u"안녕하세요!"_s, u"오늘 배포 몇 시죠?"_s, u"오후 3시요."_s,
                      u"테스트 서버 다시 시작했어요."_s}
        : QStringList{u"Morning!"_s, u"When is the release today?"_s, u"3 pm."_s,
                      u"Restarted the test server."_s};
    RecordingClient *talkers[] = {minaDesktop, jun, ari, sol};
    int second = 0;
    QTimer talk;
    talk.setInterval(1000);
    QObject::connect(&talk, &QTimer::timeout, [&] {
        const int burst = 5 + (second * 7) % 23;
        for (int i = 0; i < burst; ++i) {
            RecordingClient *who = talkers[(second + i) % 4];
            const QString room =
                (who == jun || who == ari) && i % 3 == 0 ? u"design"_s : u"lobby"_s;
            who->client.sendMessage(room, lines.at((second + i) % lines.size()));
        }
        plain.socket.sendTextMessage(lines.at(second % lines.size()));
        ++second;
    });
    talk.start();
    QTest::qWait(25000);

    // Select a row of mina's (she shows as one user with two connections) and the design room.
    QTreeView *online = window.onlineView();
    for (int row = 0; row < online->model()->rowCount(); ++row) {
        const QModelIndex index = online->model()->index(row, 0);
        if (index.data(Qt::DisplayRole).toString() == u"mina"_s) {
            online->setCurrentIndex(index);
            break;
        }
    }
    QTreeView *rooms = window.roomView();
    for (int row = 0; row < rooms->model()->rowCount(); ++row) {
        const QModelIndex index = rooms->model()->index(row, 0);
        if (index.data(Qt::DisplayRole).toString() == u"lobby"_s)
            rooms->setCurrentIndex(index);
    }
    window.refresh();
    QTest::qWait(400);

    QDir().mkpath(outputDir);
    const char *names[] = {"online", "rooms", "log", "stats"};
    for (int tab = 0; tab < 4; ++tab) {
        window.tabs()->setCurrentIndex(tab);
        QTest::qWait(150);
        const QString file = QDir(outputDir).filePath(
            u"sori-server-%1-%2.png"_s.arg(QLatin1String(names[tab]), language));
        if (!window.grab().save(file)) {
            qWarning("cannot write %s", qPrintable(file));
            return 1;
        }
        std::printf("wrote %s\n", qPrintable(file));
    }
    return 0;
}
