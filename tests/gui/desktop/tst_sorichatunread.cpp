// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Unread counts and read markers in sori-chat (issue 22): the badges of the room list (unread,
// and mentions apart), the counts right after a sign-in for what came while no client was
// open, reading on one device clearing the count on another, the "New messages" line, and read
// marks sent at most once a second per room. Against a real in-process server, offscreen.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/messagelistmodel.h"
#include "core/roomlistmodel.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/mainwindow.h"
#include "ui/messagemarks.h"
#include "ui/messageview.h"
#include "ui/roomdelegate.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QListView>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

namespace {
// One sori-chat: its settings (a file of its own), its session and, if asked for, its window.
struct Device
{
    std::unique_ptr<ChatSettings> settings;
    std::unique_ptr<ChatSession> session;
    std::unique_ptr<MainWindow> window;
};

RoomDelegate::Layout layoutOf(QListView &list, const QModelIndex &index)
{
    auto *delegate = qobject_cast<RoomDelegate *>(list.itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(list.viewport());
    option.widget = &list;
    option.rect = list.visualRect(index);
    return delegate->layout(option, index);
}

int unreadIn(ChatSession &session, const QString &room)
{
    RoomListModel *rooms = session.rooms();
    const int row = rooms->rowOf(room);
    return row < 0 ? -1 : rooms->index(row).data(RoomListModel::UnreadRole).toInt();
}

int mentionsIn(ChatSession &session, const QString &room)
{
    RoomListModel *rooms = session.rooms();
    const int row = rooms->rowOf(room);
    return row < 0 ? -1 : rooms->index(row).data(RoomListModel::MentionsRole).toInt();
}
} // namespace

class tst_SoriChatUnread : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void badgesCountTo999AndMentionsApart();
    void countsFromTheServerAreNotCountedAgain();
    void unreadAfterSignInForWhatCameWhileOffline();
    void readingOnOneDeviceClearsTheOther();
    void newMessagesLineAtTheFirstUnread();
    void readMarksGoOutAtMostOnceASecond();

private:
    // mina (or another account) signed in with a settings file of its own (`tag`), in rooms
    // (the first shown); null if it did not work.
    std::unique_ptr<Device> device(const QString &name, const QString &tag,
                                   const QStringList &rooms, bool window = false);
    int m_devices = 0;
};

void tst_SoriChatUnread::init()
{
    newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
    startServer();
}

void tst_SoriChatUnread::cleanup()
{
    m_server.reset();
    m_dataDir.reset();
}

std::unique_ptr<Device> tst_SoriChatUnread::device(const QString &name, const QString &tag,
                                                   const QStringList &rooms, bool window)
{
    auto d = std::make_unique<Device>();
    d->settings = std::make_unique<ChatSettings>(
        m_dataDir->filePath(u"%1-%2-%3.ini"_s.arg(name, tag).arg(++m_devices)));
    d->session = std::make_unique<ChatSession>(d->settings.get());
    if (window) {
        d->window = std::make_unique<MainWindow>(d->session.get());
        d->window->resize(900, 600);
        d->window->show();
        if (!QTest::qWaitForWindowExposed(d->window.get()))
            return nullptr;
    }
    if (!rooms.isEmpty())
        d->session->setStartRooms(rooms, rooms.first());
    QSignalSpy signedIn(d->session.get(), &ChatSession::signedIn);
    d->session->signIn(url(), name, name + u" password"_s);
    if (!signedIn.wait(10'000))
        return nullptr;
    const QString first = rooms.isEmpty() ? u"lobby"_s : rooms.first();
    ChatSession *session = d->session.get();
    if (!QTest::qWaitFor(
            [&] {
                for (const QString &room : rooms.isEmpty() ? QStringList{first} : rooms) {
                    const RoomListModel::Entry *entry = session->rooms()->entry(room);
                    if (!entry || !entry->joined)
                        return false;
                }
                return session->currentRoom() == first;
            },
            10'000))
        return nullptr;
    session->setWindowActive(true);
    return d;
}

void tst_SoriChatUnread::badgesCountTo999AndMentionsApart()
{
    RoomListModel rooms;
    RoomListModel::Entry dev;
    dev.room = u"dev"_s;
    rooms.upsert(dev);
    QSignalSpy total(&rooms, &RoomListModel::totalUnreadChanged);
    rooms.setUnread(u"dev"_s, 1500, 3); // more than the server counts: capped
    QCOMPARE(rooms.index(0).data(RoomListModel::UnreadRole).toInt(), RoomListModel::MaxCount);
    QCOMPARE(rooms.index(0).data(RoomListModel::MentionsRole).toInt(), 3);
    QCOMPARE(total.size(), 1);
    QCOMPARE(RoomListModel::countText(1000), u"999+"_s);
    QCOMPARE(RoomListModel::countText(999), u"999"_s);

    QListView list;
    list.setModel(&rooms);
    list.setItemDelegate(new RoomDelegate(&list));
    list.resize(220, 120);
    list.show();
    QVERIFY(QTest::qWaitForWindowExposed(&list));
    RoomDelegate::Layout layout = layoutOf(list, rooms.index(0));
    QCOMPARE(layout.badge, u"999+"_s);
    QCOMPARE(layout.mentionBadge, u"@3"_s);
    // "#dev", then the mentions, then the count, none over another.
    QVERIFY(layout.nameRect.right() < layout.mentionRect.left());
    QVERIFY(layout.mentionRect.right() < layout.badgeRect.left());

    // One more mention counted live; opening the room clears both.
    rooms.addUnread(u"dev"_s);
    rooms.addMention(u"dev"_s);
    QCOMPARE(rooms.index(0).data(RoomListModel::MentionsRole).toInt(), 4);
    rooms.clearUnread(u"dev"_s);
    layout = layoutOf(list, rooms.index(0));
    QVERIFY(layout.badge.isEmpty());
    QVERIFY(layout.mentionBadge.isEmpty());
    QCOMPARE(rooms.totalUnread(), 0);

    // The read mark only moves forward.
    rooms.setRead(u"dev"_s, 12);
    rooms.setRead(u"dev"_s, 7);
    QCOMPARE(rooms.index(0).data(RoomListModel::ReadRole).toLongLong(), 12);
}

void tst_SoriChatUnread::countsFromTheServerAreNotCountedAgain()
{
    // The counts of the "unread" event already hold the messages up to the room's last seq:
    // the same messages replayed by the catch-up after it do not count twice.
    auto mina = device(u"mina"_s, u"a"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(mina);
    ChatSession &session = *mina->session;
    UnreadEvent unread;
    UnreadRoom dev;
    dev.room = u"dev"_s;
    dev.kind = RoomKind::Public;
    dev.seq = 40;
    dev.read = 35;
    dev.unread = 5;
    dev.mentions = 2;
    unread.rooms.append(dev);
    Q_EMIT session.client()->unreadReceived(unread);
    QCOMPARE(unreadIn(session, u"dev"_s), 5);
    QCOMPARE(mentionsIn(session, u"dev"_s), 2);
    QCOMPARE(session.readMark(u"dev"_s), 35);

    MessageEvent replayed;
    replayed.room = u"dev"_s;
    replayed.from = u"jun"_s;
    replayed.text = u"counted already"_s;
    replayed.seq = 39;
    replayed.time = 1;
    Q_EMIT session.client()->messageReceived(replayed);
    QCOMPARE(unreadIn(session, u"dev"_s), 5);

    MessageEvent fresh = replayed;
    fresh.seq = 41;
    fresh.text = u"@mina new"_s;
    fresh.mentions = {u"mina"_s};
    Q_EMIT session.client()->messageReceived(fresh);
    QCOMPARE(unreadIn(session, u"dev"_s), 6);
    QCOMPARE(mentionsIn(session, u"dev"_s), 3);
    QCOMPARE(session.rooms()->totalUnread(), 6);

    // Read up to 41 on another device: nothing is left.
    ReadMarker marker;
    marker.room = u"dev"_s;
    marker.seq = 41;
    Q_EMIT session.client()->readMarked(marker);
    QCOMPARE(unreadIn(session, u"dev"_s), 0);
    QCOMPARE(mentionsIn(session, u"dev"_s), 0);
}

void tst_SoriChatUnread::unreadAfterSignInForWhatCameWhileOffline()
{
    // mina follows dev, then closes the app.
    {
        auto first = device(u"mina"_s, u"first"_s, {u"lobby"_s, u"dev"_s});
        QVERIFY(first);
        first->session->closeForQuit();
    }
    // Meanwhile, in dev and in a direct conversation.
    auto jun = test::signedIn(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    jun->client.sendMessage(u"dev"_s, u"one"_s);
    jun->client.sendMessage(u"dev"_s, u"two, @mina have a look"_s);
    jun->client.sendMessage(u"dev"_s, u"three"_s);
    jun->client.sendDirect(u"mina"_s, u"psst"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 4, 5000);

    // mina signs in on a new device that knows nothing of dev: it is joined, with its counts;
    // the room shown stays lobby.
    auto second = device(u"mina"_s, u"second"_s, {}, true);
    QVERIFY(second);
    ChatSession &session = *second->session;
    const QString direct = directRoomName(u"mina"_s, u"jun"_s);
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(session, u"dev"_s), 3, 10'000);
    QCOMPARE(mentionsIn(session, u"dev"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(session, direct), 1, 5000);
    QCOMPARE(mentionsIn(session, direct), 0);
    QCOMPARE(session.currentRoom(), u"lobby"_s);
    QCOMPARE(session.rooms()->totalUnread(), 4);
    QVERIFY2(second->window->windowTitle().startsWith(u"(4) "_s),
             qPrintable(second->window->windowTitle()));

    auto *list = second->window->findChild<QListView *>(u"roomList"_s);
    QVERIFY(list);
    const RoomDelegate::Layout layout =
        layoutOf(*list, session.rooms()->index(session.rooms()->rowOf(u"dev"_s)));
    QCOMPARE(layout.badge, u"3"_s);
    QCOMPARE(layout.mentionBadge, u"@1"_s);
}

void tst_SoriChatUnread::readingOnOneDeviceClearsTheOther()
{
    auto laptop = device(u"mina"_s, u"laptop"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(laptop);
    auto phone = device(u"mina"_s, u"phone"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(phone);
    auto jun = test::signedIn(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    jun->client.sendMessage(u"dev"_s, u"news for mina"_s);
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(*laptop->session, u"dev"_s), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(*phone->session, u"dev"_s), 1, 5000);
    const qint64 seq = jun->acks.last().seq;

    // Read on the laptop: the phone's badge goes too.
    laptop->session->setCurrentRoom(u"dev"_s);
    QCOMPARE(unreadIn(*laptop->session, u"dev"_s), 0);
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(*phone->session, u"dev"_s), 0, 5000);
    QCOMPARE(phone->session->readMark(u"dev"_s), seq);
    QCOMPARE(phone->session->rooms()->totalUnread(), 0);
}

void tst_SoriChatUnread::newMessagesLineAtTheFirstUnread()
{
    auto jun = test::signedIn(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    jun->client.sendMessage(u"dev"_s, u"old one"_s);
    jun->client.sendMessage(u"dev"_s, u"old two"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 2, 5000);
    {
        // mina reads dev up to "old two", then closes the app.
        auto first = device(u"mina"_s, u"first"_s, {u"dev"_s, u"lobby"_s});
        QVERIFY(first);
        QTRY_COMPARE_WITH_TIMEOUT(first->session->readMark(u"dev"_s), jun->acks.last().seq, 5000);
        first->session->closeForQuit();
    }
    jun->client.sendMessage(u"dev"_s, u"new one"_s);
    jun->client.sendMessage(u"dev"_s, u"new two"_s);
    jun->client.sendMessage(u"dev"_s, u"new three"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 5, 5000);

    auto second = device(u"mina"_s, u"second"_s, {u"lobby"_s, u"dev"_s}, true);
    QVERIFY(second);
    ChatSession &session = *second->session;
    QTRY_COMPARE_WITH_TIMEOUT(unreadIn(session, u"dev"_s), 3, 5000);
    auto *marks = second->window->messageMarks();
    QVERIFY(marks);

    // Opening dev: the line is above "new one", and stays there while the room is read.
    auto *list = second->window->findChild<QListView *>(u"roomList"_s);
    list->setCurrentIndex(session.rooms()->index(session.rooms()->rowOf(u"dev"_s)));
    QCOMPARE(session.currentRoom(), u"dev"_s);
    MessageListModel *messages = session.messages(u"dev"_s);
    QTRY_VERIFY_WITH_TIMEOUT(messages->rowCount() >= 5, 5000);
    QTRY_VERIFY(marks->lineRow() >= 0);
    QCOMPARE(messages->entry(marks->lineRow()).text, u"new one"_s);
    QCOMPARE(unreadIn(session, u"dev"_s), 0);
    QTRY_COMPARE_WITH_TIMEOUT(session.readMark(u"dev"_s), jun->acks.last().seq, 5000);
    QCOMPARE(messages->entry(marks->lineRow()).text, u"new one"_s);

    // Painted: the line's red over the messages.
    const QImage image =
        second->window->findChild<MessageView *>(u"messageView"_s)->grab().toImage();
    bool red = false;
    for (int y = 0; y < image.height() && !red; ++y) {
        for (int x = 0; x < image.width() && !red; ++x)
            red = image.pixelColor(x, y) == QColor(0xd9, 0x30, 0x25);
    }
    QVERIFY(red);

    // Back to a room with nothing new: no line there.
    list->setCurrentIndex(session.rooms()->index(session.rooms()->rowOf(u"lobby"_s)));
    QTRY_COMPARE(marks->lineRow(), -1);
}

void tst_SoriChatUnread::readMarksGoOutAtMostOnceASecond()
{
    auto laptop = device(u"mina"_s, u"laptop"_s, {u"dev"_s});
    QVERIFY(laptop);
    // The same account elsewhere hears each read mark the laptop sends.
    auto phone = test::signedIn(url(), u"mina"_s, {u"dev"_s});
    QVERIFY(phone);
    QSignalSpy reads(&phone->client, &ChatClient::readMarked);
    auto jun = test::signedIn(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 30; ++i)
        jun->client.sendMessage(u"dev"_s, u"message %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 30, 5000);
    const qint64 last = jun->acks.last().seq;
    QTRY_COMPARE_WITH_TIMEOUT(laptop->session->messages(u"dev"_s)->latestSeq(), last, 5000);
    // The last one goes out within a second or so.
    QTRY_VERIFY_WITH_TIMEOUT(
        !reads.isEmpty() && reads.last().first().value<ReadMarker>().seq == last, 5000);
    const qint64 seconds = clock.elapsed() / 1000;
    QVERIFY2(reads.size() <= seconds + 2,
             qPrintable(u"%1 read marks in %2 ms"_s.arg(reads.size()).arg(clock.elapsed())));
    QCOMPARE(unreadIn(*laptop->session, u"dev"_s), 0);
}

QTEST_MAIN(tst_SoriChatUnread)
#include "tst_sorichatunread.moc"
