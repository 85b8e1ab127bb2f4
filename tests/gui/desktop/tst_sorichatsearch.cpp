// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Message search in sori-chat (issue 22): the search dialog (Ctrl+F, Ctrl+K) lists what the
// server finds, newest first, a page at a time, each with its room, sender, local time and
// text as plain text; opening one shows the room at that message, with the messages around it,
// highlighted. Korean words are found with a particle attached. Against a real in-process
// server, offscreen.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/messagelistmodel.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/mainwindow.h"
#include "ui/messagemarks.h"
#include "ui/messageview.h"
#include "ui/searchdialog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

class tst_SoriChatSearch : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void matchesAreFoundCaseInsensitively();
    void resultsArePlainTextAndPaged();
    void searchFindsAndOpensTheRoomAtTheMessage();
    void koreanIsFoundWithAParticle();
    void theShortcutsOpenTheDialog();

private:
    bool signInAs(const QString &account);
    // The search dialog's results for query (waiting for them), or nothing.
    QListWidget *searchFor(SearchDialog &dialog, const QString &query, int atLeast = 1);

    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatSearch::init()
{
    newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
    startServer();
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(900, 600);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChatSearch::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_server.reset();
    m_settings.reset();
    m_dataDir.reset();
}

bool tst_SoriChatSearch::signInAs(const QString &account)
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signIn(url(), account, account + u" password"_s);
    return signedIn.wait(10'000)
        && QTest::qWaitFor([this] { return m_session->currentRoom() == u"lobby"_s; }, 5000);
}

QListWidget *tst_SoriChatSearch::searchFor(SearchDialog &dialog, const QString &query, int atLeast)
{
    dialog.searchEdit()->setText(query);
    QTest::keyClick(dialog.searchEdit(), Qt::Key_Return);
    if (!QTest::qWaitFor([&] { return dialog.results()->count() >= atLeast; }, 5000))
        return nullptr;
    return dialog.results();
}

void tst_SoriChatSearch::matchesAreFoundCaseInsensitively()
{
    using Ranges = QList<std::pair<int, int>>;
    QCOMPARE(SearchDialog::matches(u"Deploy the deploy"_s, u"deploy"_s), (Ranges{{0, 6}, {11, 6}}));
    QCOMPARE(SearchDialog::matches(u"한국어를 배워요"_s, u"한국어"_s), (Ranges{{0, 3}}));
    QCOMPARE(SearchDialog::matches(u"a b"_s, u"  "_s), Ranges{});
}

void tst_SoriChatSearch::resultsArePlainTextAndPaged()
{
    // Fed as the session would get them: a first page that says more, then the next.
    SearchDialog dialog(m_session.get());
    dialog.show();
    dialog.searchEdit()->setText(u"needle"_s);
    QTest::keyClick(dialog.searchEdit(), Qt::Key_Return);
    MessageEvent m;
    m.room = u"lobby"_s;
    m.from = u"jun"_s;
    m.seq = 9;
    m.time = QDateTime(QDate(2026, 3, 4), QTime(15, 6)).toMSecsSinceEpoch();
    m.text = u"<b>needle</b> & <script>x</script>"_s;
    Q_EMIT m_session->searchFound(u"needle"_s, {m}, false, true, 9);
    QCOMPARE(dialog.results()->count(), 1);
    const QListWidgetItem *item = dialog.results()->item(0);
    // The text as typed, never read as markup; the time in local time, in the language chosen.
    QCOMPARE(item->data(SearchDialog::TextRole).toString(), m.text);
    QCOMPARE(item->data(SearchDialog::WhereRole).toString(), u"#lobby"_s);
    QCOMPARE(item->data(SearchDialog::TimeRole).toString(), ChatSession::localTime(m.time));
    QVERIFY(item->text().contains(u"<script>x</script>"_s));
    auto *more = dialog.findChild<QPushButton *>(u"moreResultsButton"_s);
    QVERIFY(more->isVisible());
    MessageEvent older = m;
    older.seq = 3;
    older.text = u"an older needle"_s;
    Q_EMIT m_session->searchFound(u"needle"_s, {older}, true, false, 0);
    QCOMPARE(dialog.results()->count(), 2);
    QCOMPARE(dialog.results()->item(1)->data(SearchDialog::SeqRole).toLongLong(), 3);
    QVERIFY(!more->isVisible());
    // The answer to an earlier query is not shown.
    Q_EMIT m_session->searchFound(u"needl"_s, {older}, false, false, 0);
    QCOMPARE(dialog.results()->count(), 2);
}

void tst_SoriChatSearch::searchFindsAndOpensTheRoomAtTheMessage()
{
    auto jun = test::signedIn(url(), u"jun"_s, {u"dev"_s});
    QVERIFY(jun);
    // A needle far up dev's history, then a lot after it; and one in lobby, newer.
    jun->client.sendMessage(u"dev"_s, u"the old needle is here"_s);
    for (int i = 0; i < 250; ++i)
        jun->client.sendMessage(u"dev"_s, u"filler %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 251, 10'000);
    const qint64 needleSeq = jun->acks.first().seq;
    QVERIFY(jun->joinRoom(u"lobby"_s));
    jun->client.sendMessage(u"lobby"_s, u"a newer Needle"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 252, 5000);

    QVERIFY(signInAs(u"mina"_s));
    SearchDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    QListWidget *results = searchFor(dialog, u"needle"_s, 2);
    QVERIFY(results);
    QCOMPARE(results->count(), 2);
    // Newest first: lobby's, then dev's (a room mina is not in: public, so readable).
    QCOMPARE(results->item(0)->data(SearchDialog::WhereRole).toString(), u"#lobby"_s);
    QCOMPARE(results->item(1)->data(SearchDialog::WhereRole).toString(), u"#dev"_s);
    QCOMPARE(results->item(1)->data(SearchDialog::SenderRole).toString(), u"jun"_s);
    QCOMPARE(results->item(1)->data(SearchDialog::SeqRole).toLongLong(), needleSeq);

    // Opening dev's: joined, shown at the message with what is around it, highlighted.
    results->setCurrentRow(1);
    QTest::keyClick(results, Qt::Key_Return);
    QVERIFY(dialog.result() == QDialog::Accepted);
    m_session->openAt(dialog.room(), dialog.seq());
    QTRY_COMPARE_WITH_TIMEOUT(m_session->currentRoom(), u"dev"_s, 5000);
    MessageListModel *messages = m_session->messages(u"dev"_s);
    auto *marks = m_window->messageMarks();
    QTRY_VERIFY_WITH_TIMEOUT(marks->highlightRow() >= 0, 5000);
    QCOMPARE(messages->entry(marks->highlightRow()).text, u"the old needle is here"_s);
    QVERIFY(messages->rowCount() > 10); // the context after it
    auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QTRY_VERIFY(view->viewport()->rect().intersects(
        view->visualRect(messages->index(marks->highlightRow()))));
}

void tst_SoriChatSearch::koreanIsFoundWithAParticle()
{
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    jun->client.sendMessage(u"lobby"_s, u"저는 한국어를 배워요"_s);
    jun->client.sendMessage(u"lobby"_s, u"nothing to see"_s);
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 2, 5000);
    QVERIFY(signInAs(u"mina"_s));
    SearchDialog dialog(m_session.get(), m_window.get());
    dialog.show();
    QListWidget *results = searchFor(dialog, u"한국어"_s);
    QVERIFY(results);
    QCOMPARE(results->count(), 1);
    QCOMPARE(results->item(0)->data(SearchDialog::TextRole).toString(), u"저는 한국어를 배워요"_s);
}

void tst_SoriChatSearch::theShortcutsOpenTheDialog()
{
    auto *action = m_window->findChild<QAction *>(u"searchMessages"_s);
    QVERIFY(action);
    QVERIFY(action->shortcuts().contains(QKeySequence(QKeySequence::Find)));
    QVERIFY(action->shortcuts().contains(QKeySequence(u"Ctrl+K"_s)));
    bool opened = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<SearchDialog *>(QApplication::activeModalWidget());
        opened = dialog != nullptr;
        if (dialog)
            dialog->reject();
    });
    action->trigger();
    QVERIFY(opened);
}

QTEST_MAIN(tst_SoriChatSearch)
#include "tst_sorichatsearch.moc"
