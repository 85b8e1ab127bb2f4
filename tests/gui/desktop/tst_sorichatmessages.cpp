// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's message view and composer for issue 22, against a real in-process server and a
// second client, offscreen: formatted messages as the view draws them (and typed markup that
// stays text), messages grouped by sender with day separators, and `@name` completion.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "ui/composer.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/messagedelegate.h"
#include "ui/messageview.h"

#include <QtGui/QTextBlock>
#include <QtGui/QTextCursor>
#include <QtGui/QTextDocument>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QToolTip>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatMessages : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void formattedMessagesAreDrawnFormatted();
    void typedMarkupInFormattedMessagesStaysText();
    void formattedLinksOpenOnlyWebAddresses();
    void groupsAndDaySeparators();
    void daySeparatorsInKorean();
    void mentionCompletion();
    void editedRepliesReactionsAndMentionsAsDrawn();
    void aQuoteFarUpIsFetchedAndClickingItGoesThere();
    void composerRepliesAndEdits();

private:
    bool signIn(const QString &name);
    std::unique_ptr<RecordingClient> guest(const QString &name)
    {
        return test::guest(url(), name, {u"lobby"_s});
    }
    MessageView *view() const { return m_window->findChild<MessageView *>(u"messageView"_s); }
    Composer *composer() const { return m_window->findChild<Composer *>(u"composer"_s); }
    int rowOf(const QString &text) const;
    QStyleOptionViewItem optionFor(const QModelIndex &index) const;
    // The text of the message at row as the view shows it (its rich text's document).
    QString shownText(int row) const;

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatMessages::init()
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

void tst_SoriChatMessages::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool tst_SoriChatMessages::signIn(const QString &name)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url(), name);
    return signedIn.wait(5000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

int tst_SoriChatMessages::rowOf(const QString &text) const
{
    const QAbstractItemModel *model = view() ? view()->model() : nullptr;
    for (int row = 0; model && row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(MessageListModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

QStyleOptionViewItem tst_SoriChatMessages::optionFor(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.initFrom(view());
    option.rect = view()->visualRect(index);
    option.widget = view();
    return option;
}

QString tst_SoriChatMessages::shownText(int row) const
{
    const QModelIndex index = view()->model()->index(row, 0);
    return view()->messageDelegate()->document(optionFor(index), index)->toPlainText();
}

void tst_SoriChatMessages::formattedMessagesAreDrawnFormatted()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    const QString text =
        u"**ship it** _today_, see `make check`\n> the plan\n```\nint x = 1;\n```"_s;
    jun->client.sendMessage(u"lobby"_s, text);
    QTRY_VERIFY(rowOf(text) >= 0);
    const int row = rowOf(text);
    // The model keeps the text as sent; the view shows it formatted, the marks gone.
    QCOMPARE(shownText(row), u"ship it today, see make check\nthe plan\nint x = 1;"_s);
    const QModelIndex index = view()->model()->index(row, 0);
    const QTextDocument *document = view()->messageDelegate()->document(optionFor(index), index);
    QTextCursor cursor = document->find(u"ship it"_s);
    QVERIFY(!cursor.isNull());
    QVERIFY(cursor.charFormat().fontWeight() >= QFont::Bold);
    cursor = document->find(u"today"_s);
    QVERIFY(cursor.charFormat().fontItalic());
    QVERIFY(document->find(u"the plan"_s).block().blockFormat().leftMargin() > 0);
    QVERIFY(document->find(u"int x = 1;"_s).block().blockFormat().nonBreakableLines());
    // A formatted message takes the lines it needs: the code block is a line of its own.
    QVERIFY(view()->visualRect(index).height() > 3 * view()->fontMetrics().height());
}

void tst_SoriChatMessages::typedMarkupInFormattedMessagesStaysText()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    const QStringList hostile{
        u"**<img src=x onerror=alert(1)>** and _<script>alert(2)</script>_"_s,
        u"`<b>code</b>` [<i>label</i>](https://example.org/\"onmouseover=\"x)"_s,
        u"> <table><tr><td>quoted</td></tr></table>\n```\n</pre><b>out</b>\n```"_s,
    };
    for (const QString &text : hostile)
        jun->client.sendMessage(u"lobby"_s, text);
    QTRY_VERIFY(rowOf(hostile.last()) >= 0);
    const QStringList shown{
        u"<img src=x onerror=alert(1)> and <script>alert(2)</script>"_s,
        u"<b>code</b> <i>label</i>"_s,
        u"<table><tr><td>quoted</td></tr></table>\n</pre><b>out</b>"_s,
    };
    for (int i = 0; i < hostile.size(); ++i) {
        const int row = rowOf(hostile.at(i));
        QVERIFY(row >= 0);
        QCOMPARE(shownText(row), shown.at(i));
        const QModelIndex index = view()->model()->index(row, 0);
        const QTextDocument *document =
            view()->messageDelegate()->document(optionFor(index), index);
        // No image, no table: only the blocks and runs of the formatting.
        QCOMPARE(document->rootFrame()->childFrames().size(), 0);
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it)
                QVERIFY(!it.fragment().charFormat().isImageFormat());
        }
    }
    // The link keeps its whole address (quote and all) as its target, nothing more.
    const int row = rowOf(hostile.at(1));
    const QModelIndex index = view()->model()->index(row, 0);
    const QTextDocument *document = view()->messageDelegate()->document(optionFor(index), index);
    QTextCursor cursor = document->find(u"label"_s);
    QCOMPARE(cursor.charFormat().anchorHref(), u"https://example.org/\"onmouseover=\"x"_s);
}

void tst_SoriChatMessages::formattedLinksOpenOnlyWebAddresses()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    QVERIFY(jun);
    const QString text = u"[the docs](https://sori.example/docs) or [that](file:///etc/passwd)"_s;
    jun->client.sendMessage(u"lobby"_s, text);
    QTRY_VERIFY(rowOf(text) >= 0);
    const QModelIndex index = view()->model()->index(rowOf(text), 0);
    QTRY_VERIFY(view()->viewport()->rect().contains(view()->visualRect(index)));
    QCOMPARE(shownText(index.row()), u"the docs or [that](file:///etc/passwd)"_s);
    QSignalSpy opened(view(), &MessageView::linkActivated);
    const QRect rect = view()->visualRect(index);
    QPoint onLink;
    for (int y = rect.top(); y <= rect.bottom() && onLink.isNull(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 3) {
            if (!view()
                     ->messageDelegate()
                     ->linkAt(optionFor(index), index, QPoint(x, y))
                     .isEmpty()) {
                onLink = QPoint(x, y);
                break;
            }
        }
    }
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toUrl(), QUrl(u"https://sori.example/docs"_s));
}

void tst_SoriChatMessages::groupsAndDaySeparators()
{
    // A room's history over three days (times as the server would give them).
    MessageListModel model(u"lobby"_s);
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime today(now.date(), QTime(12, 0));
    const QDateTime yesterday = today.addDays(-1);
    const QDateTime earlier = today.addDays(-5);
    QList<MessageEvent> page;
    const auto add = [&](const QString &from, const QDateTime &when, const QString &text) {
        MessageEvent m;
        m.room = u"lobby"_s;
        m.seq = page.size() + 1;
        m.from = from;
        m.text = text;
        m.time = when.toMSecsSinceEpoch();
        page.append(m);
    };
    add(u"jun"_s, earlier, u"long ago"_s);
    add(u"jun"_s, yesterday, u"yesterday one"_s);
    add(u"jun"_s, yesterday.addSecs(60), u"yesterday two"_s); // same group
    add(u"jun"_s, yesterday.addSecs(60 + 6 * 60), u"yesterday three"_s); // 6 minutes: new group
    add(u"mina"_s, yesterday.addSecs(60 + 6 * 60 + 10), u"another sender"_s);
    add(u"mina"_s, today, u"today one"_s);
    add(u"mina"_s, today.addSecs(30), u"today two"_s);
    model.addHistory(page, false);

    const auto day = [&](int row) {
        return model.index(row).data(MessageListModel::DayRole).toString();
    };
    const auto first = [&](int row) {
        return model.index(row).data(MessageListModel::FirstInGroupRole).toBool();
    };
    QCOMPARE(day(0), QLocale().toString(earlier.date(), QLocale::LongFormat));
    QCOMPARE(day(1), u"Yesterday"_s);
    QCOMPARE(day(2), QString());
    QCOMPARE(day(3), QString());
    QCOMPARE(day(4), QString());
    QCOMPARE(day(5), u"Today"_s);
    QCOMPARE(day(6), QString());
    const QList<bool> groups{true, true, false, true, true, true, false};
    for (int row = 0; row < groups.size(); ++row)
        QCOMPARE(first(row), groups.at(row));

    // The view draws the separator above the row: those rows take more room than the rows
    // that only start a group, which take more than a continuation.
    MessageView view;
    view.resize(500, 600);
    view.setMessages(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto height = [&](int row) { return view.visualRect(model.index(row)).height(); };
    QVERIFY(height(1) > height(3));
    QVERIFY(height(3) > height(2));
    QCOMPARE(height(5), height(1));

    // A message that arrives the next day starts a day of its own, even from the same sender.
    MessageEvent late;
    late.room = u"lobby"_s;
    late.seq = 8;
    late.from = u"mina"_s;
    late.text = u"tomorrow"_s;
    late.time = today.addDays(1).toMSecsSinceEpoch();
    model.addMessage(late);
    QCOMPARE(day(7), QLocale().toString(today.addDays(1).date(), QLocale::LongFormat));
    QVERIFY(first(7));
}

void tst_SoriChatMessages::daySeparatorsInKorean()
{
    const QString before = installTranslations(qApp, u"ko"_s);
    QCOMPARE(before, u"ko"_s);
    const QDate today = QDate::currentDate();
    QCOMPARE(MessageListModel::dayText(today, today), u"오늘"_s);
    QCOMPARE(MessageListModel::dayText(today.addDays(-1), today), u"어제"_s);
    const QString date = MessageListModel::dayText(QDate(2026, 3, 1), today);
    QVERIFY2(date.contains(u"2026년"_s) && date.contains(u"3월"_s), qPrintable(date));
    installTranslations(qApp, u"en"_s);
    QCOMPARE(MessageListModel::dayText(today, today), u"Today"_s);
    QCOMPARE(MessageListModel::dayText(QDate(2026, 3, 1), today),
             QLocale(u"en"_s).toString(QDate(2026, 3, 1), QLocale::LongFormat));
}

void tst_SoriChatMessages::mentionCompletion()
{
    QVERIFY(signIn(u"mina"_s));
    auto jun = guest(u"jun"_s);
    auto junho = guest(u"junho"_s);
    QVERIFY(jun && junho);
    // Somebody who wrote and left is offered too (a sender seen).
    {
        auto jiwoo = guest(u"jiwoo"_s);
        QVERIFY(jiwoo);
        jiwoo->client.sendMessage(u"lobby"_s, u"bye"_s);
        QTRY_VERIFY(rowOf(u"bye"_s) >= 0);
        QTRY_COMPARE(m_session->members(u"lobby"_s)->rowCount(), 4);
        jiwoo->client.leave(u"lobby"_s);
        QTRY_COMPARE(m_session->members(u"lobby"_s)->rowCount(), 3);
    }
    Composer *c = composer();
    c->setFocus();
    QTest::keyClicks(c, u"hi @ju"_s);
    QTRY_COMPARE(c->completions(), (QStringList{u"jun"_s, u"junho"_s}));
    QVERIFY(c->completionList()->isVisible());
    QCOMPARE(c->currentCompletion(), 0);
    // Arrows choose, Tab puts the name in with a space after it.
    QTest::keyClick(c, Qt::Key_Down);
    QCOMPARE(c->currentCompletion(), 1);
    QTest::keyClick(c, Qt::Key_Tab);
    QCOMPARE(c->toPlainText(), u"hi @junho "_s);
    QVERIFY(!c->completionList()->isVisible());
    QVERIFY(c->hasFocus());

    // Enter picks too, and does not send.
    QTest::keyClicks(c, u"and @J"_s);
    QTRY_COMPARE(c->completions(), (QStringList{u"jun"_s, u"junho"_s, u"jiwoo"_s}));
    QTest::keyClick(c, Qt::Key_Up); // wraps to the last
    QTest::keyClick(c, Qt::Key_Return);
    QCOMPARE(c->toPlainText(), u"hi @junho and @jiwoo "_s);
    QCOMPARE(jun->messagesIn(u"lobby"_s).size(), 1); // only "bye"

    // Esc closes the list; Enter then sends what was typed.
    QTest::keyClicks(c, u"@jun"_s);
    QTRY_VERIFY(c->completionList()->isVisible());
    QTest::keyClick(c, Qt::Key_Escape);
    QVERIFY(!c->completionList()->isVisible());
    QTest::keyClicks(c, u"h"_s);
    QVERIFY(!c->completionList()->isVisible());
    QTest::keyClick(c, Qt::Key_Return);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 2);
    QCOMPARE(jun->messagesIn(u"lobby"_s).last().text, u"hi @junho and @jiwoo @junh"_s);

    // Not after a letter (an address), and never oneself.
    QTest::keyClicks(c, u"mail a@j"_s);
    QVERIFY(!c->completionList()->isVisible());
    c->clear();
    QTest::keyClicks(c, u"@min"_s);
    QVERIFY(!c->completionList()->isVisible());
    c->clear();
    // A click on a name puts it in as well.
    QTest::keyClicks(c, u"@junh"_s);
    QTRY_COMPARE(c->completions(), QStringList{u"junho"_s});
    QListWidget *list = c->completionList();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(c->toPlainText(), u"@junho "_s);
}

namespace {
MessageEvent messageEvent(qint64 seq, const QString &from, const QString &text, qint64 time = 0)
{
    MessageEvent m;
    m.room = u"lobby"_s;
    m.seq = seq;
    m.from = from;
    m.text = text;
    m.time = time ? time : QDateTime::currentMSecsSinceEpoch() - 60'000 + seq;
    return m;
}

// A point of the view where the delegate says pred(point) (scanning the row), or a null point.
template<typename Pred>
QPoint findPoint(MessageView &view, const QModelIndex &index, Pred pred)
{
    const QRect rect = view.visualRect(index);
    for (int y = rect.top(); y <= rect.bottom(); y += 2) {
        for (int x = rect.left(); x <= rect.right(); x += 2) {
            if (pred(QPoint(x, y)))
                return QPoint(x, y);
        }
    }
    return {};
}

QStyleOptionViewItem optionOf(MessageView &view, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.rect = view.visualRect(index);
    option.widget = &view;
    return option;
}

QString toolTipAt(MessageView &view, const QPoint &pos)
{
    QHelpEvent help(QEvent::ToolTip, pos, view.viewport()->mapToGlobal(pos));
    QCoreApplication::sendEvent(view.viewport(), &help);
    QTextDocument document;
    document.setHtml(QToolTip::text());
    return document.toPlainText();
}
} // namespace

void tst_SoriChatMessages::editedRepliesReactionsAndMentionsAsDrawn()
{
    // The model fed as the session feeds it, the view as the window shows it.
    MessageListModel model(u"lobby"_s);
    model.setOwnName(u"mina"_s);
    MessageEvent original = messageEvent(1, u"jun"_s, u"the plan is ready"_s);
    MessageEvent reply = messageEvent(2, u"ari"_s, u"great, @mina have a look"_s);
    reply.replyTo = 1;
    reply.mentions = {u"mina"_s};
    MessageEvent mine = messageEvent(3, u"mina"_s, u"<b>done</b>"_s);
    model.addHistory({original, reply, mine}, false);
    MessageView view;
    view.resize(600, 500);
    view.setMessages(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto shown = [&](int row) {
        const QModelIndex index = model.index(row);
        return view.messageDelegate()->document(optionOf(view, index), index)->toPlainText();
    };

    // The reply quotes the loaded original; a click on the quote goes to it.
    QCOMPARE(model.index(1).data(MessageListModel::QuoteRole).toStringList(),
             (QStringList{u"jun"_s, u"the plan is ready"_s}));
    const QRect quote =
        view.messageDelegate()->quoteRect(optionOf(view, model.index(1)), model.index(1));
    QVERIFY(!quote.isEmpty());
    QVERIFY(view.messageDelegate()
                ->quoteRect(optionOf(view, model.index(0)), model.index(0))
                .isEmpty());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, quote.center());
    QTRY_COMPARE(view.currentIndex().row(), 0);

    // It mentions the reader: the row is marked, the name stands out in the text.
    QVERIFY(model.index(1).data(MessageListModel::MentionsMeRole).toBool());
    QVERIFY(!model.index(0).data(MessageListModel::MentionsMeRole).toBool());
    {
        const QModelIndex index = model.index(1);
        const QTextDocument *document =
            view.messageDelegate()->document(optionOf(view, index), index);
        QTextCursor at = document->find(u"@mina"_s);
        QVERIFY(!at.isNull());
        QVERIFY(at.charFormat().hasProperty(QTextFormat::BackgroundBrush));
    }

    // An edit: the last text wins, "(edited)" follows it, and its tooltip says when.
    const QDateTime editedAt = QDateTime::currentDateTime().addSecs(-30);
    model.applyEdit(1, u"the plan is **ready**, v2"_s, editedAt.toMSecsSinceEpoch(), {});
    QCOMPARE(model.index(0).data(MessageListModel::TextRole).toString(),
             u"the plan is **ready**, v2"_s);
    QCOMPARE(shown(0), u"the plan is ready, v2 (edited)"_s);
    QCOMPARE(model.index(0).data(MessageListModel::EditedRole).toDateTime().toMSecsSinceEpoch(),
             editedAt.toMSecsSinceEpoch());
    // The quote follows the edit.
    QCOMPARE(model.index(1).data(MessageListModel::QuoteRole).toStringList().value(1),
             u"the plan is **ready**, v2"_s);
    // The same edit again (a replay) changes nothing.
    model.applyEdit(1, u"the plan is **ready**, v2"_s, editedAt.toMSecsSinceEpoch(), {});
    QCOMPARE(shown(0), u"the plan is ready, v2 (edited)"_s);
    view.doItemsLayout(); // laid out now, not at the next turn of the event loop
    const QPoint onEdited = findPoint(view, model.index(0), [&](const QPoint &p) {
        return view.messageDelegate()->linkAt(optionOf(view, model.index(0)), model.index(0), p)
            == MessageDelegate::editedLink();
    });
    QVERIFY(!onEdited.isNull());
    QCOMPARE(toolTipAt(view, onEdited),
             u"Edited %1"_s.arg(QLocale().toString(editedAt, QLocale::ShortFormat)));
    // "(edited)" is no link to open.
    QSignalSpy opened(&view, &MessageView::linkActivated);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onEdited);
    QCOMPARE(opened.size(), 0);

    // Reactions: chips with counts, one's own marked; the tooltip names who (as text); a click
    // on a chip asks to take one's own back, or to add it.
    model.applyReaction(3, u"👍"_s, u"jun"_s, true);
    model.applyReaction(3, u"👍"_s, u"mina"_s, true);
    model.applyReaction(3, u"🎉"_s, u"<i>ari</i>"_s, true);
    model.applyReaction(3, u"👍"_s, u"jun"_s, true); // a set: twice is once
    model.applyReaction(3, u"😢"_s, u"jun"_s, false); // not there: nothing
    const QVariantList reactions = model.index(2).data(MessageListModel::ReactionsRole).toList();
    QCOMPARE(reactions.size(), 2);
    QCOMPARE(reactions.at(0).toMap().value(u"emoji"_s).toString(), u"👍"_s);
    QCOMPARE(reactions.at(0).toMap().value(u"count"_s).toInt(), 2);
    QVERIFY(reactions.at(0).toMap().value(u"mine"_s).toBool());
    QVERIFY(!reactions.at(1).toMap().value(u"mine"_s).toBool());
    QCOMPARE(shown(2), u"<b>done</b>"_s);
    view.doItemsLayout(); // laid out now, not at the next turn of the event loop
    const auto chips =
        view.messageDelegate()->reactionRects(optionOf(view, model.index(2)), model.index(2));
    QCOMPARE(chips.size(), 2);
    QCOMPARE(toolTipAt(view, chips.at(0).first.center()), u"jun and mina reacted with 👍"_s);
    QCOMPARE(toolTipAt(view, chips.at(1).first.center()), u"<i>ari</i> reacted with 🎉"_s);
    QSignalSpy toggled(&view, &MessageView::reactionToggled);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, chips.at(0).first.center());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, chips.at(1).first.center());
    QCOMPARE(toggled.size(), 2);
    QCOMPARE(toggled.at(0), (QVariantList{qint64(3), u"👍"_s, false}));
    QCOMPARE(toggled.at(1), (QVariantList{qint64(3), u"🎉"_s, true}));
    model.applyReaction(3, u"🎉"_s, u"<i>ari</i>"_s, false);
    QCOMPARE(model.index(2).data(MessageListModel::ReactionsRole).toList().size(), 1);

    // A deleted message loses its text and its reactions; a reply to it says so.
    model.markDeleted(1);
    QVERIFY(model.index(0).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(model.index(1).data(MessageListModel::QuoteRole).toStringList(),
             (QStringList{u"jun"_s, QString()}));
}

void tst_SoriChatMessages::aQuoteFarUpIsFetchedAndClickingItGoesThere()
{
    MessageListModel model(u"lobby"_s);
    model.setOwnName(u"mina"_s);
    QSignalSpy quoteAsked(&model, &MessageListModel::quoteRequested);
    QSignalSpy aroundAsked(&model, &MessageListModel::aroundRequested);
    QList<MessageEvent> page;
    for (qint64 seq = 500; seq < 520; ++seq)
        page.append(messageEvent(seq, u"jun"_s, u"message %1"_s.arg(seq)));
    MessageEvent reply = messageEvent(520, u"ari"_s, u"about that"_s);
    reply.replyTo = 7; // far up, not loaded
    page.append(reply);
    MessageEvent stored = messageEvent(521, u"ari"_s, u"and that"_s);
    stored.replyTo = 8;
    stored.quote = Quote{u"bo"_s, u"as stored"_s, false};
    page.append(stored);
    model.addHistory(page, true);

    // The stored quote is used as it is; the other one is asked for, once.
    QCOMPARE(model.index(21).data(MessageListModel::QuoteRole).toStringList(),
             (QStringList{u"bo"_s, u"as stored"_s}));
    QCOMPARE(quoteAsked.size(), 1);
    QCOMPARE(quoteAsked.first(), (QVariantList{u"lobby"_s, qint64(7)}));
    QVERIFY(model.index(20).data(MessageListModel::QuoteRole).isNull());
    model.addQuote(7, u"jun"_s, u"the original"_s);
    QCOMPARE(model.index(20).data(MessageListModel::QuoteRole).toStringList(),
             (QStringList{u"jun"_s, u"the original"_s}));

    MessageView view;
    view.resize(600, 400);
    view.setMessages(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.isAtBottom());
    // The view shows "Loading…" meanwhile, never nothing: here it is known already.
    const QModelIndex index = model.index(20);
    const QRect quote = view.messageDelegate()->quoteRect(optionOf(view, index), index);
    QVERIFY(!quote.isEmpty());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, quote.center());
    QTRY_COMPARE(aroundAsked.size(), 1);
    QCOMPARE(aroundAsked.first().at(1).toLongLong(), 7);
    // The page around it comes: the window is there now, the original selected and in sight.
    QList<MessageEvent> around;
    for (qint64 seq = 2; seq <= 12; ++seq)
        around.append(
            messageEvent(seq, u"jun"_s, seq == 7 ? u"the original"_s : u"old %1"_s.arg(seq)));
    model.addAroundPage(around, true, true);
    QTRY_COMPARE(view.currentIndex().data(MessageListModel::SeqRole).toLongLong(), 7);
    QVERIFY(model.hasOlder());
    QVERIFY(model.hasNewer());
    QTRY_VERIFY(view.viewport()->rect().intersects(view.visualRect(view.currentIndex())));
    // Live messages wait (the window does not reach the newest); paging down brings them.
    model.addMessage(messageEvent(600, u"jun"_s, u"live"_s));
    QCOMPARE(model.rowOfSeq(600), -1);
}

void tst_SoriChatMessages::composerRepliesAndEdits()
{
    Composer composer;
    composer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&composer));
    QSignalSpy sent(&composer, &Composer::submitted);
    QSignalSpy replied(&composer, &Composer::replySubmitted);
    QSignalSpy edited(&composer, &Composer::editSubmitted);
    QSignalSpy editLast(&composer, &Composer::editLastRequested);

    // Up in an empty composer asks for one's last message.
    QTest::keyClick(&composer, Qt::Key_Up);
    QCOMPARE(editLast.size(), 1);

    // A reply: the bar quotes the message (as text); Enter sends the reply; the bar goes.
    QTest::keyClicks(&composer, u"draft"_s);
    composer.startReply(7, u"jun"_s, u"<b>the plan</b>\nline two"_s);
    auto *barText = composer.contextBar()->findChild<QLabel *>(u"composerBarText"_s);
    QVERIFY(!composer.contextBar()->isHidden());
    QCOMPARE(barText->textFormat(), Qt::PlainText);
    QVERIFY(barText->text().contains(u"jun"_s));
    QVERIFY(barText->text().contains(u"<b>the plan</b>"_s));
    QCOMPARE(composer.replyTo(), 7);
    QCOMPARE(composer.toPlainText(), u"draft"_s); // the draft stays: it becomes the reply
    QTest::keyClick(&composer, Qt::Key_Return);
    QCOMPARE(replied.size(), 1);
    QCOMPARE(replied.first(), (QVariantList{u"draft"_s, qint64(7)}));
    QCOMPARE(sent.size(), 0);
    QVERIFY(composer.contextBar()->isHidden());
    QCOMPARE(composer.replyTo(), 0);

    // Esc cancels a reply; the next message is a plain one.
    composer.startReply(8, u"ari"_s, u"hm"_s);
    QTest::keyClick(&composer, Qt::Key_Escape);
    QVERIFY(composer.contextBar()->isHidden());
    QTest::keyClicks(&composer, u"plain"_s);
    QTest::keyClick(&composer, Qt::Key_Return);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(replied.size(), 1);

    // An edit: the text in the composer, the draft put aside and back after.
    QTest::keyClicks(&composer, u"half written"_s);
    composer.startEdit(9, u"helo"_s);
    QCOMPARE(composer.toPlainText(), u"helo"_s);
    QCOMPARE(composer.editing(), 9);
    QTest::keyClick(&composer, Qt::Key_Escape);
    QCOMPARE(composer.toPlainText(), u"half written"_s);
    QCOMPARE(composer.editing(), 0);
    composer.startEdit(9, u"helo"_s);
    QTest::keyClick(&composer, Qt::Key_Left);
    QTest::keyClicks(&composer, u"l"_s);
    QTest::keyClick(&composer, Qt::Key_Return);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.first(), (QVariantList{qint64(9), u"hello"_s}));
    QCOMPARE(composer.toPlainText(), u"half written"_s);
    QCOMPARE(sent.size(), 1);
    // Up with text in the composer moves the cursor, as ever.
    QTest::keyClick(&composer, Qt::Key_Up);
    QCOMPARE(editLast.size(), 1);
}

QTEST_MAIN(tst_SoriChatMessages)
#include "tst_sorichatmessages.moc"
