// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Renders docs/screenshots/sori-chat-{signin,conversation,reply}-<lang>.png: the real widgets,
// offscreen, against an in-process server with a few clients talking; and
// sori-chat-certificate{,-changed}-<lang>.png: the questions about a server certificate (the
// test certificates of tests/support/tls).
//   sori-chat-screenshots OUTPUT_DIR LANG     (LANG: en or ko)
// scripts/screenshots-desktop.sh runs it for both languages.

#include "core/certificatetrust.h"
#include "core/chatserver.h"
#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "testserver.h"
#include "ui/certificatedialog.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/searchdialog.h"
#include "ui/signindialog.h"

#include <QtCore/QDir>
#include <QtCore/QTemporaryDir>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using sori::test::RecordingClient;

namespace {

struct Script
{
    QString topicRoom;
    QString topic;
    QList<std::pair<QString, QString>> lines; // who, what ("mina": typed in the window)
    QString typing; // who is typing at the end
    QList<QString> elsewhere; // messages in the other room (unread)
    QString formatted; // jun's formatted message (issue 22)
    QString reply; // mina's reply to it, which jun and ari react to
};

Script script(const QString &language)
{
    if (language == u"ko"_s) {
        return {u"design"_s,
                u"새 버전 화면 디자인"_s,
                {{u"jun"_s, u"다들 안녕하세요! 오늘 회의 자료 올렸어요."_s},
                 {u"jun"_s, u"https://example.org/sori/design 에서 볼 수 있어요."_s},
                 {u"mina"_s, u"고마워요, 지금 볼게요"_s},
                 {u"ari"_s, u"첫 화면 색이 좋네요.\n로그인 창은 조금 더 단순하면 좋겠어요."_s},
                 {u"mina"_s, u"동의해요. 손님 탭을 먼저 보여 주면 어떨까요?"_s},
                 {u"mina"_s, u"내일 오전까지 시안 하나 더 만들어 볼게요."_s},
                 {u"jun"_s, u"좋아요"_s}},
                u"ari"_s,
                {u"배포는 금요일입니다."_s, u"테스트 서버 다시 시작했어요."_s},
                u"**릴리스 노트** `v2` 초안:\n> 재접속 후 따라잡기가 더 빨라졌어요\n"
                u"> 자세한 내용: https://example.org/sori/notes\n_검토 부탁해요_ @mina"_s,
                u"좋아요, 오늘 배포해요!"_s};
    }
    return {u"design"_s,
            u"Screens for the next release"_s,
            {{u"jun"_s, u"Morning all! The slides for today are up."_s},
             {u"jun"_s, u"They are at https://example.org/sori/design"_s},
             {u"mina"_s, u"Thanks, looking now"_s},
             {u"ari"_s,
              u"Love the colours of the first screen.\nThe sign-in window could be "
              u"simpler, though."_s},
             {u"mina"_s, u"Agreed. What if the guest tab came first?"_s},
             {u"mina"_s, u"I will try another draft by tomorrow morning."_s},
             {u"jun"_s, u"Sounds good"_s}},
            u"ari"_s,
            {u"Release on Friday."_s, u"The test server was restarted."_s},
            u"**Release notes** for `v2`:\n> catching up after a reconnect is faster\n"
            u"> details at https://example.org/sori/notes\n_please review_ @mina"_s,
            u"Looks great, shipping it today!"_s};
}

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    if (ok)
        qInfo("wrote %s", qPrintable(path));
    else
        qWarning("could not write %s", qPrintable(path));
    return ok;
}

int failed(int line)
{
    qWarning("sori-chat-screenshots: step at line %d did not finish", line);
    return 1;
}

// docs/screenshots/sori-chat-unread-<lang>.png and sori-chat-search-<lang>.png (issue 22).
bool unreadAndSearch(const QString &outDir, const QString &language, ChatSession &session,
                     MainWindow &window, RecordingClient &jun)
{
    const bool ko = language == u"ko"_s;
    const QString release = ko ? u"배포"_s : u"release"_s;
    const QString support = ko ? u"지원"_s : u"support"_s;
    const QString design = session.currentRoom();
    for (const QString &room : {release, support})
        jun.client.createRoom(room, protocol::RoomKind::Public, {});
    if (!QTest::qWaitFor([&] { return jun.joins.size() >= 4; }, 5000))
        return false;
    const auto say = [&](const QString &room, const QString &text) {
        const qsizetype acks = jun.acks.size();
        jun.client.sendMessage(room, text);
        return QTest::qWaitFor([&] { return jun.acks.size() > acks; }, 5000);
    };
    if (!say(release,
             ko ? u"금요일 배포 체크리스트를 만들었어요."_s
                : u"I made a checklist for Friday's release."_s))
        return false;
    // mina reads release, and goes back to the design room.
    session.joinRoom(release);
    if (!QTest::qWaitFor([&] { return session.messages(release)->rowCount() == 1; }, 5000))
        return false;
    QTest::qWait(1100); // the read mark goes out
    session.joinRoom(support);
    if (!QTest::qWaitFor([&] { return session.currentRoom() == support; }, 5000))
        return false;
    session.setCurrentRoom(design);
    const QStringList news = ko
        ? QStringList{u"테스트 서버에 새 빌드를 올렸어요."_s, u"@mina 체크리스트 확인해 줄래요?"_s,
                      u"배포 노트 초안도 있어요."_s}
        : QStringList{u"A new build is on the test server."_s,
                      u"@mina could you look at the release checklist?"_s,
                      u"There is a draft of the release notes too."_s};
    for (const QString &text : news) {
        if (!say(release, text))
            return false;
    }
    if (!say(support,
             ko ? u"로그인이 안 된다는 문의가 두 건 왔어요."_s
                : u"Two people wrote in that they cannot sign in."_s)
        || !say(u"lobby"_s, ko ? u"@mina 점심 같이 해요!"_s : u"@mina lunch later?"_s))
        return false;
    if (!QTest::qWaitFor([&] { return session.rooms()->totalUnread() >= 5; }, 5000))
        return false;
    session.setCurrentRoom(release);
    if (!QTest::qWaitFor([&] { return session.messages(release)->rowCount() == 4; }, 5000))
        return false;
    QTest::qWait(200);
    if (!save(&window, outDir + u"/sori-chat-unread-%1.png"_s.arg(language)))
        return false;

    // A search: every room mina may read, newest first, the words found marked.
    SearchDialog dialog(&session, &window);
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return false;
    dialog.searchEdit()->setText(ko ? u"테스트"_s : u"release"_s);
    QTest::keyClick(dialog.searchEdit(), Qt::Key_Return);
    if (!QTest::qWaitFor([&] { return dialog.results()->count() >= 2; }, 5000))
        return false;
    QTest::qWait(100);
    return save(&dialog, outDir + u"/sori-chat-search-%1.png"_s.arg(language));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        qWarning("usage: sori-chat-screenshots OUTPUT_DIR en|ko");
        return 2;
    }
    const QString outDir = args.at(1);
    const QString language = args.at(2);
    QDir().mkpath(outDir);
    installTranslations(&app, language);
    if (language == u"ko"_s)
        app.setFont(QFont(u"Noto Sans CJK KR"_s, 10));
    else
        app.setFont(QFont(u"DejaVu Sans"_s, 10));

    QTemporaryDir dir;
    auto server = test::startServer(dir.path());
    if (!server)
        return 1;
    const QUrl url = test::wsUrl(*server);
    const Script s = script(language);

    ChatSettings settings(dir.filePath(u"sori-chat.ini"_s));
    settings.setServerUrl(QUrl(u"ws://chat.example.org:8080/ws"_s));
    settings.setUserName(u"mina"_s);
    ChatSession session(&settings);
    MainWindow window(&session);

    // The sign-in dialog, filled in.
    {
        SignInDialog dialog(&session);
        dialog.show();
        if (!QTest::qWaitForWindowExposed(&dialog))
            return failed(__LINE__);
        dialog.adjustSize();
        if (!save(&dialog, outDir + u"/sori-chat-signin-%1.png"_s.arg(language)))
            return failed(__LINE__);
    }

    // The certificate questions: first use, and the loud one for a changed certificate.
    {
        const QString tls = QStringLiteral(SORI_SOURCE_DIR "/tests/support/tls/");
        const QSslCertificate first = QSslCertificate::fromPath(tls + u"server.pem"_s).value(0);
        const QSslCertificate second = QSslCertificate::fromPath(tls + u"server2.pem"_s).value(0);
        CertificateTrust::Check check;
        check.verdict = CertificateTrust::Verdict::FirstUse;
        check.server = u"chat.example.org:8443"_s;
        check.fingerprint = CertificateTrust::fingerprint(first);
        check.errors = {QSslError(QSslError::SelfSignedCertificate, first)};
        for (const bool changed : {false, true}) {
            if (changed) {
                check.verdict = CertificateTrust::Verdict::Changed;
                check.pinned = check.fingerprint;
                check.fingerprint = CertificateTrust::fingerprint(second);
            }
            CertificateDialog dialog(check);
            dialog.show();
            if (!QTest::qWaitForWindowExposed(&dialog))
                return failed(__LINE__);
            dialog.adjustSize();
            const QString name = changed ? u"certificate-changed"_s : u"certificate"_s;
            if (!save(&dialog, outDir + u"/sori-chat-%1-%2.png"_s.arg(name, language)))
                return failed(__LINE__);
        }
    }

    // Others are in the room first; mina joins a room with a topic and lobby.
    RecordingClient jun;
    RecordingClient ari;
    // jun has an account (guests cannot create rooms).
    jun.client.registerAccount(url, u"jun"_s, u"jun's password"_s);
    if (!QTest::qWaitFor([&] { return jun.client.state() == ChatClient::State::Ready; }, 10000)
        || !ari.greet(url, u"ari"_s)) {
        qWarning("the other clients could not sign in");
        return failed(__LINE__);
    }
    jun.client.createRoom(s.topicRoom, protocol::RoomKind::Public, s.topic);
    if (!QTest::qWaitFor([&] { return !jun.joins.isEmpty(); }, 5000) || !ari.joinRoom(s.topicRoom)
        || !jun.joinRoom(u"lobby"_s))
        return failed(__LINE__);

    window.resize(1000, 620);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return failed(__LINE__);
    session.setStartRooms({u"lobby"_s, s.topicRoom}, s.topicRoom);
    session.signInAsGuest(url, u"mina"_s);
    if (!QTest::qWaitFor([&] { return session.currentRoom() == s.topicRoom; }, 5000))
        return failed(__LINE__);

    int expected = 0;
    for (const auto &[who, text] : s.lines) {
        if (who == u"mina"_s)
            session.send(text);
        else
            (who == u"jun"_s ? jun : ari).client.sendMessage(s.topicRoom, text);
        ++expected;
        if (!QTest::qWaitFor([&] { return session.messages(s.topicRoom)->rowCount() == expected; },
                             5000))
            return failed(__LINE__);
        QTest::qWait(30);
    }
    for (const QString &text : s.elsewhere)
        jun.client.sendMessage(u"lobby"_s, text);
    if (!QTest::qWaitFor([&] { return session.rooms()->totalUnread() == int(s.elsewhere.size()); },
                         5000))
        return failed(__LINE__);
    ari.client.setTyping(s.topicRoom, true);
    if (!QTest::qWaitFor([&] { return !session.typing(s.topicRoom).isEmpty(); }, 5000))
        return failed(__LINE__);
    QTest::qWait(200);
    if (!save(&window, outDir + u"/sori-chat-conversation-%1.png"_s.arg(language)))
        return failed(__LINE__);

    // Issue 22: a formatted message, a reply to it with reactions.
    ari.client.setTyping(s.topicRoom, false);
    MessageListModel *messages = session.messages(s.topicRoom);
    jun.client.sendMessage(s.topicRoom, s.formatted);
    if (!QTest::qWaitFor([&] { return messages->rowCount() == expected + 1; }, 5000))
        return failed(__LINE__);
    const qint64 formatted = messages->entry(messages->rowCount() - 1).seq;
    session.send(s.reply, formatted);
    if (!QTest::qWaitFor(
            [&] {
                return messages->rowCount() == expected + 2
                    && messages->entry(expected + 1).seq > 0;
            },
            5000))
        return failed(__LINE__);
    const qint64 reply = messages->entry(expected + 1).seq;
    jun.client.react(s.topicRoom, reply, u"👍"_s);
    ari.client.react(s.topicRoom, reply, u"👍"_s);
    ari.client.react(s.topicRoom, reply, u"🎉"_s);
    session.react(s.topicRoom, formatted, u"🎉"_s, true);
    if (!QTest::qWaitFor(
            [&] {
                return messages->entry(expected + 1).reactions.size() == 2
                    && messages->entry(expected).reactions.size() == 1;
            },
            5000))
        return failed(__LINE__);
    QTest::qWait(200);
    if (!save(&window, outDir + u"/sori-chat-reply-%1.png"_s.arg(language)))
        return failed(__LINE__);

    // Unread counts: two more rooms; mina has read the start of one. Then messages everywhere
    // but in the room shown, some naming mina; she opens the room she had read: the
    // "New messages" line. And a search.
    if (!unreadAndSearch(outDir, language, session, window, jun))
        return failed(__LINE__);
    return 0;
}
