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
#include <QtWidgets/QListWidget>

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

QTEST_MAIN(tst_SoriChatMessages)
#include "tst_sorichatmessages.moc"
