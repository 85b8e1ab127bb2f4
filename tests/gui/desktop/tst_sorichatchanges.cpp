// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat against the in-process server for issue 22's changes to messages: editing and
// deleting one's own message, replying with a quote, reactions, and mentions that notify where
// notifications are off. Each step as a user takes it (menus, keys, clicks) and what the other
// client receives.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "ui/composer.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/messageview.h"

#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QMenu>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatChanges : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void editAndDeleteOwnMessage();
    void replyWithQuoteAndReactions();
    void mentionNotifiesInAQuietRoom();

private:
    bool signIn(const QString &name);
    MessageView *view() const { return m_window->findChild<MessageView *>(u"messageView"_s); }
    Composer *composer() const { return m_window->findChild<Composer *>(u"composer"_s); }
    MessageListModel *lobby() const { return m_session->messages(u"lobby"_s); }
    int rowOf(const QString &text) const;
    QModelIndex indexOf(const QString &text) const { return lobby()->index(rowOf(text)); }
    // The action of the message's context menu with this text, or null.
    static QAction *action(QMenu *menu, const QString &text);

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatChanges::init()
{
    newDataDir({{u"boss"_s, Role::Admin}});
    startServer();
    QVERIFY(m_server);
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChatChanges::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool tst_SoriChatChanges::signIn(const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url(), name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

int tst_SoriChatChanges::rowOf(const QString &text) const
{
    for (int row = 0; row < lobby()->rowCount(); ++row) {
        if (lobby()->entry(row).text == text)
            return row;
    }
    return -1;
}

QAction *tst_SoriChatChanges::action(QMenu *menu, const QString &text)
{
    for (QAction *a : menu->actions()) {
        if (a->text() == text)
            return a;
    }
    return nullptr;
}

void tst_SoriChatChanges::editAndDeleteOwnMessage()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QSignalSpy edited(&jun->client, &ChatClient::messageEdited);
    QSignalSpy deleted(&jun->client, &ChatClient::messageDeleted);
    jun->client.sendMessage(u"lobby"_s, u"from jun"_s);
    Composer *c = composer();
    c->setFocus();
    QTest::keyClicks(c, u"helo wrold"_s);
    QTest::keyClick(c, Qt::Key_Return);
    QTRY_VERIFY(rowOf(u"helo wrold"_s) >= 0 && lobby()->entry(rowOf(u"helo wrold"_s)).seq > 0);
    QTRY_VERIFY(rowOf(u"from jun"_s) >= 0);

    // Up in the empty composer edits the last own message; Esc cancels.
    QTest::keyClick(c, Qt::Key_Up);
    QCOMPARE(c->toPlainText(), u"helo wrold"_s);
    QVERIFY(!c->contextBar()->isHidden());
    QTest::keyClick(c, Qt::Key_Escape);
    QVERIFY(c->toPlainText().isEmpty());
    QVERIFY(c->contextBar()->isHidden());
    // Again, for real: the text changes here and for the others, marked as edited.
    QTest::keyClick(c, Qt::Key_Up);
    c->selectAll();
    QTest::keyClicks(c, u"hello **world**"_s);
    QTest::keyClick(c, Qt::Key_Return);
    QTRY_COMPARE(edited.size(), 1);
    const auto event = edited.first().first().value<EditedEvent>();
    QCOMPARE(event.text, u"hello **world**"_s);
    QCOMPARE(event.by, u"mina"_s);
    QTRY_VERIFY(rowOf(u"hello **world**"_s) >= 0);
    QVERIFY(rowOf(u"helo wrold"_s) < 0);
    const QModelIndex mine = indexOf(u"hello **world**"_s);
    QVERIFY(mine.data(MessageListModel::EditedRole).toDateTime().isValid());
    QTRY_VERIFY(view()->viewport()->rect().intersects(view()->visualRect(mine)));
    QStyleOptionViewItem option;
    option.initFrom(view());
    option.rect = view()->visualRect(mine);
    option.widget = view();
    QCOMPARE(view()->messageDelegate()->document(option, mine)->toPlainText(),
             u"hello world (edited)"_s);
    QVERIFY(c->toPlainText().isEmpty());

    // The menu of one's own message offers Edit and Delete; of another's, neither (a guest).
    const auto own = m_window->messageMenu(mine);
    QVERIFY(action(own.get(), u"&Edit"_s));
    QVERIFY(action(own.get(), u"&Delete message"_s));
    const auto other = m_window->messageMenu(indexOf(u"from jun"_s));
    QVERIFY(!action(other.get(), u"&Edit"_s));
    QVERIFY(!action(other.get(), u"&Delete message"_s));
    QVERIFY(action(other.get(), u"&Reply"_s));
    action(own.get(), u"&Delete message"_s)->trigger();
    QTRY_COMPARE(deleted.size(), 1);
    QTRY_VERIFY(lobby()->entry(mine.row()).deleted);
}

void tst_SoriChatChanges::replyWithQuoteAndReactions()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QSignalSpy reacted(&jun->client, &ChatClient::reactionChanged);
    jun->client.sendMessage(u"lobby"_s, u"the original"_s);
    QTRY_VERIFY(rowOf(u"the original"_s) >= 0);
    const qint64 seq = lobby()->entry(rowOf(u"the original"_s)).seq;

    // Reply from the menu: the bar quotes it; Enter sends the answer with replyTo.
    const auto menu = m_window->messageMenu(indexOf(u"the original"_s));
    action(menu.get(), u"&Reply"_s)->trigger();
    Composer *c = composer();
    QVERIFY(!c->contextBar()->isHidden());
    QCOMPARE(c->replyTo(), seq);
    QTest::keyClicks(c, u"the answer"_s);
    QTest::keyClick(c, Qt::Key_Return);
    QTRY_VERIFY(!jun->messagesIn(u"lobby"_s).isEmpty()
                && jun->messagesIn(u"lobby"_s).last().text == u"the answer"_s);
    QCOMPARE(jun->messagesIn(u"lobby"_s).last().replyTo, seq);
    QTRY_VERIFY(rowOf(u"the answer"_s) >= 0);
    QCOMPARE(indexOf(u"the answer"_s).data(MessageListModel::QuoteRole).toStringList(),
             (QStringList{u"jun"_s, u"the original"_s}));

    // React from the menu: jun sees it; the chip shows it as one's own; a click takes it back.
    const auto again = m_window->messageMenu(indexOf(u"the original"_s));
    QMenu *react = again->findChild<QMenu *>(u"reactMenu"_s);
    QVERIFY(react);
    QAction *thumbs = action(react, u"👍"_s);
    QVERIFY(thumbs && !thumbs->isChecked());
    thumbs->trigger();
    QTRY_COMPARE(reacted.size(), 1);
    const auto event = reacted.first().first().value<ReactionEvent>();
    QCOMPARE(event.user, u"mina"_s);
    QCOMPARE(event.emoji, u"👍"_s);
    QVERIFY(event.on);
    QTRY_COMPARE(indexOf(u"the original"_s).data(MessageListModel::ReactionsRole).toList().size(),
                 1);
    jun->client.react(u"lobby"_s, seq, u"👍"_s, true);
    QTRY_COMPARE(indexOf(u"the original"_s)
                     .data(MessageListModel::ReactionsRole)
                     .toList()
                     .value(0)
                     .toMap()
                     .value(u"count"_s)
                     .toInt(),
                 2);
    const QModelIndex original = indexOf(u"the original"_s);
    QTRY_VERIFY(view()->viewport()->rect().intersects(view()->visualRect(original)));
    QStyleOptionViewItem option;
    option.initFrom(view());
    option.rect = view()->visualRect(original);
    option.widget = view();
    const auto chips = view()->messageDelegate()->reactionRects(option, original);
    QCOMPARE(chips.size(), 1);
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, chips.first().first.center());
    QTRY_COMPARE(reacted.size(), 3);
    QVERIFY(!reacted.last().first().value<ReactionEvent>().on);
    QTRY_COMPARE(indexOf(u"the original"_s)
                     .data(MessageListModel::ReactionsRole)
                     .toList()
                     .value(0)
                     .toMap()
                     .value(u"users"_s)
                     .toStringList(),
                 QStringList{u"jun"_s});
}

void tst_SoriChatChanges::mentionNotifiesInAQuietRoom()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    m_session->setNotifyLevel(u"lobby"_s, NotifyLevel::Mentions);
    m_session->setWindowActive(false);
    QSignalSpy notified(m_session.get(), &ChatSession::notificationRequested);
    QSignalSpy mentioned(m_session.get(), &ChatSession::mentioned);
    jun->client.sendMessage(u"lobby"_s, u"no mention here"_s);
    jun->client.sendMessage(u"lobby"_s, u"@mina please look"_s);
    QTRY_COMPARE(mentioned.size(), 1);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(2).toString(), u"@mina please look"_s);
    QTRY_VERIFY(rowOf(u"@mina please look"_s) >= 0);
    QVERIFY(indexOf(u"@mina please look"_s).data(MessageListModel::MentionsMeRole).toBool());
    QVERIFY(!indexOf(u"no mention here"_s).data(MessageListModel::MentionsMeRole).toBool());
}

QTEST_MAIN(tst_SoriChatChanges)
#include "tst_sorichatchanges.moc"
