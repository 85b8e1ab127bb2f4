// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Moderation from sori-chat (issue 23), on the real widgets against a real in-process server:
// a kick, mute or ban with a reason and a duration, the sanctions list with Lift and the audit
// log (the server window's own views, over the wire), a room's topic and name, and an archived
// room taken out of the archive from the room directory. What a member does not get: any of it.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/roomlistmodel.h"
#include "dialogs.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/mainwindow.h"
#include "ui/moderationdialog.h"
#include "ui/roomdirectorydialog.h"
#include "ui/sanctiondialog.h"
#include "widgets/moderationviews.h"
#include "windowtest.h"

#include <QtGui/QStandardItemModel>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeView>
#include <QtWidgets/QTreeWidget>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::answerNextDialog;
using sori::test::RecordingClient;
using sori::widgets::AuditView;
using sori::widgets::SanctionsView;

namespace {

// The texts of a menu's actions, without their mnemonics.
QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions())
        texts.append(action->text().remove(u'&'));
    return texts;
}

bool trigger(const QMenu *menu, const QString &text)
{
    for (QAction *action : menu->actions()) {
        if (action->text().remove(u'&') == text) {
            action->trigger();
            return true;
        }
    }
    return false;
}

QStringList column(const QStandardItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row)
        texts.append(model->item(row, column)->text());
    return texts;
}

} // namespace

class tst_SoriChatModeration : public test::WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aBanHasAReasonAndADurationAndIsLiftedFromTheList();
    void aKickAndAMuteCarryTheirReasonIntoTheAuditLog();
    void staffEditTheTopicAndAdminsRenameTheRoom();
    void anAdminTakesARoomOutOfTheArchiveFromTheDirectory();
    void aMemberHasNoModerationTools();

private:
    QModelIndex memberIndex(const QString &name) const;
    QModelIndex roomIndex(const QString &room) const;
    // Opens the member menu of `name` and triggers `text`; the dialog it opens is answered by
    // `answer` (kind, duration index, reason).
    bool sanction(const QString &name, const QString &text, int duration, const QString &reason);
};

void tst_SoriChatModeration::init()
{
    openWindow({{u"boss"_s, Role::Admin}, {u"mod"_s, Role::Moderator}, {u"kim"_s, Role::Member}});
}

void tst_SoriChatModeration::cleanup()
{
    closeWindow();
}

QModelIndex tst_SoriChatModeration::memberIndex(const QString &name) const
{
    const auto *members = m_window->findChild<QListView *>(u"memberList"_s);
    if (!members || !members->model())
        return {};
    for (int row = 0; row < members->model()->rowCount(); ++row) {
        const QModelIndex index = members->model()->index(row, 0);
        if (index.data(MemberListModel::NameRole).toString() == name)
            return index;
    }
    return {};
}

QModelIndex tst_SoriChatModeration::roomIndex(const QString &room) const
{
    const int row = m_session->rooms()->rowOf(room);
    return row < 0 ? QModelIndex() : m_session->rooms()->index(row);
}

bool tst_SoriChatModeration::sanction(const QString &name, const QString &text, int duration,
                                      const QString &reason)
{
    const auto menu = m_window->memberMenu(memberIndex(name));
    if (!menu || !trigger(menu.get(), text))
        return false;
    auto *dialog = m_window->findChild<SanctionDialog *>();
    if (!dialog || !dialog->isVisible())
        return false;
    if (duration >= 0) {
        if (!dialog->durationBox())
            return false;
        dialog->durationBox()->setCurrentIndex(duration);
    }
    QTest::keyClicks(dialog->reasonEdit(), reason);
    dialog->accept();
    return true;
}

void tst_SoriChatModeration::aBanHasAReasonAndADurationAndIsLiftedFromTheList()
{
    QVERIFY(signInAs(u"mod"_s));
    auto kim = test::signedIn(url(), u"kim"_s, {u"lobby"_s});
    QVERIFY(kim);
    QTRY_VERIFY(memberIndex(u"kim"_s).isValid());

    // Cancelled: nothing happens.
    auto menu = m_window->memberMenu(memberIndex(u"kim"_s));
    QVERIFY(trigger(menu.get(), u"Ban…"_s));
    auto *dialog = m_window->findChild<SanctionDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), u"Ban kim"_s);
    QCOMPARE(dialog->durationBox()->currentText(), u"For a day"_s);
    QVERIFY(dialog->findChild<QLabel *>()->textFormat() == Qt::PlainText);
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<SanctionDialog *>());
    QVERIFY(kim->client.state() == ChatClient::State::Ready);

    // A week, with a reason: kim is told it as the connection closes.
    QVERIFY(sanction(u"kim"_s, u"Ban…"_s, 2, u"spam links"_s));
    QTRY_COMPARE(kim->closeCode, int(CloseCode::Banned));
    QVERIFY2(kim->closeReason.contains(u"spam links"_s), qPrintable(kim->closeReason));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Banned."_s);

    // The list shows who, why, by whom and until when (a week from now, local time).
    ModerationDialog *moderation = m_window->showModeration();
    QVERIFY(moderation);
    QVERIFY(moderation->isVisible());
    SanctionsView *view = moderation->sanctionsView();
    auto *model = view->model();
    QTRY_COMPARE(column(model, SanctionsView::Who), QStringList{u"kim"_s});
    QCOMPARE(model->item(0, SanctionsView::Kind)->text(), u"ban"_s);
    QCOMPARE(model->item(0, SanctionsView::Reason)->text(), u"spam links"_s);
    QCOMPARE(model->item(0, SanctionsView::By)->text(), u"mod"_s);
    const SanctionInfo listed = view->sanctionAt(0);
    QVERIFY(listed.until > 0);
    const qint64 week = 7LL * 24 * 60 * 60 * 1000;
    QVERIFY(qAbs(listed.until - listed.since - week) < 60'000);
    QCOMPARE(model->item(0, SanctionsView::Until)->text(),
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(listed.until).toLocalTime(),
                                QLocale::ShortFormat));

    // Lift it: kim signs in again.
    const auto refused = test::signedIn(url(), u"kim"_s);
    QVERIFY(!refused);
    view->view()->setCurrentIndex(model->index(0, 0));
    QVERIFY(view->liftButton()->isEnabled());
    answerNextDialog<QMessageBox>([](QMessageBox *box) {
        QVERIFY(box->text().contains(u"kim"_s));
        box->button(QMessageBox::Yes)->click();
    });
    view->liftButton()->click();
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Lifted."_s);
    QTRY_COMPARE(model->rowCount(), 0);
    QVERIFY(test::signedIn(url(), u"kim"_s));
}

void tst_SoriChatModeration::aKickAndAMuteCarryTheirReasonIntoTheAuditLog()
{
    QVERIFY(signInAs(u"mod"_s));
    auto kim = test::signedIn(url(), u"kim"_s, {u"lobby"_s});
    QVERIFY(kim);
    QTRY_VERIFY(memberIndex(u"kim"_s).isValid());
    // A mute in this room, for an hour.
    QVERIFY(sanction(u"kim"_s, u"Mute in this room…"_s, 1, u"shouting"_s));
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Muted."_s);
    QTRY_VERIFY(!kim->sanctions.isEmpty());
    QCOMPARE(kim->sanctions.constLast().reason, u"shouting"_s);
    QCOMPARE(kim->sanctions.constLast().room, u"lobby"_s);
    // A kick: no duration asked.
    auto menu = m_window->memberMenu(memberIndex(u"kim"_s));
    QVERIFY(trigger(menu.get(), u"Kick kim…"_s));
    auto *dialog = m_window->findChild<SanctionDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->durationBox(), nullptr);
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<SanctionDialog *>());
    QVERIFY(sanction(u"kim"_s, u"Kick kim…"_s, -1, u"cool off"_s));
    QTRY_COMPARE(kim->closeCode, int(CloseCode::Kicked));
    QVERIFY2(kim->closeReason.contains(u"cool off"_s), qPrintable(kim->closeReason));

    // The audit log, newest first, with the reasons; filtered by action.
    ModerationDialog *moderation = m_window->showModeration();
    QVERIFY(moderation);
    moderation->tabs()->setCurrentWidget(moderation->auditView());
    AuditView *audit = moderation->auditView();
    QTRY_VERIFY(audit->model()->rowCount() >= 2);
    QCOMPARE(audit->model()->item(0, AuditView::Action)->text(), u"kick"_s);
    QCOMPARE(audit->model()->item(0, AuditView::Actor)->text(), u"mod"_s);
    QCOMPARE(audit->model()->item(0, AuditView::Target)->text(), u"kim"_s);
    QVERIFY(audit->model()->item(0, AuditView::Detail)->text().contains(u"cool off"_s));
    QCOMPARE(audit->model()->item(1, AuditView::Action)->text(), u"mute"_s);
    QVERIFY(!audit->model()->item(0, AuditView::Time)->text().endsWith(u'Z'));
    audit->actionFilter()->setCurrentText(u"mute"_s);
    QSignalSpy shown(audit, &AuditView::pageShown);
    audit->searchButton()->click();
    QVERIFY(shown.wait());
    QCOMPARE(column(audit->model(), AuditView::Action), QStringList{u"mute"_s});
    // The same window comes back, not a second one.
    QCOMPARE(m_window->showModeration(), moderation);
    QCOMPARE(m_window->findChildren<ModerationDialog *>().size(), 1);
}

void tst_SoriChatModeration::staffEditTheTopicAndAdminsRenameTheRoom()
{
    auto kim = test::signedIn(url(), u"kim"_s, {u"dev"_s});
    QVERIFY(kim);
    QVERIFY(signInAs(u"mod"_s));
    m_session->joinRoom(u"dev"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"dev"_s);
    // A moderator: the topic, not the name.
    auto menu = m_window->roomMenu(roomIndex(u"dev"_s));
    QVERIFY(menu);
    QVERIFY(actionTexts(menu.get()).contains(u"Edit the topic…"_s));
    QVERIFY(!actionTexts(menu.get()).contains(u"Rename…"_s));
    auto *renameAction = m_window->findChild<QAction *>(u"renameRoom"_s);
    QVERIFY(renameAction && !renameAction->isEnabled());
    QVERIFY(trigger(menu.get(), u"Edit the topic…"_s));
    auto *topic = m_window->findChild<QInputDialog *>(u"topicDialog"_s);
    QVERIFY(topic);
    topic->setTextValue(u"  builds <b>and</b> releases "_s);
    topic->accept();
    QTRY_COMPARE(m_session->rooms()->entry(u"dev"_s)->topic, u"builds <b>and</b> releases"_s);
    auto *header = m_window->findChild<QLabel *>(u"roomHeader"_s);
    QVERIFY(header);
    QCOMPARE(header->textFormat(), Qt::PlainText);
    QVERIFY(header->text().contains(u"builds <b>and</b> releases"_s));

    // The admin renames it; the window follows it under its new name.
    m_session->signOut();
    QVERIFY(signInAs(u"boss"_s));
    m_session->joinRoom(u"dev"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"dev"_s);
    QVERIFY(!actionTexts(m_window->roomMenu(roomIndex(u"lobby"_s)).get()).contains(u"Rename…"_s));
    menu = m_window->roomMenu(roomIndex(u"dev"_s));
    QVERIFY(trigger(menu.get(), u"Rename…"_s));
    auto *rename = m_window->findChild<QInputDialog *>(u"renameDialog"_s);
    QVERIFY(rename);
    QCOMPARE(rename->textValue(), u"dev"_s);
    rename->setTextValue(u"builds"_s);
    rename->accept();
    QTRY_COMPARE(m_session->currentRoom(), u"builds"_s);
    QVERIFY(!roomIndex(u"dev"_s).isValid());
    QCOMPARE(m_session->rooms()->entry(u"builds"_s)->topic, u"builds <b>and</b> releases"_s);
}

void tst_SoriChatModeration::anAdminTakesARoomOutOfTheArchiveFromTheDirectory()
{
    QVERIFY(signInAs(u"boss"_s));
    auto boss = test::signedIn(url(), u"boss"_s, {u"old"_s});
    QVERIFY(boss);
    QVERIFY(test::doneFor(*boss, boss->client.archiveRoom(u"old"_s)));

    RoomDirectoryDialog directory(m_session.get(), m_window.get());
    directory.QWidget::show();
    auto *list = directory.findChild<QTreeWidget *>(u"roomDirectory"_s);
    QVERIFY(list);
    const auto item = [list](const QString &room) -> QTreeWidgetItem * {
        const auto found = list->findItems(room, Qt::MatchExactly, 0);
        return found.isEmpty() ? nullptr : found.first();
    };
    QTRY_VERIFY(item(u"old"_s));
    QCOMPARE(item(u"old"_s)->text(1), u"public, archived"_s);
    QVERIFY(directory.unarchiveButton()->isVisible());
    list->setCurrentItem(item(u"lobby"_s));
    QVERIFY(!directory.unarchiveButton()->isEnabled());
    list->setCurrentItem(item(u"old"_s));
    QVERIFY(directory.unarchiveButton()->isEnabled());
    directory.unarchiveButton()->click();
    QTRY_VERIFY(item(u"old"_s) && item(u"old"_s)->text(1) == u"public"_s);
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), u"Room taken out of the archive."_s);
    // It takes messages again.
    boss->client.sendMessage(u"old"_s, u"back in business"_s);
    QTRY_VERIFY(!boss->messagesIn(u"old"_s).isEmpty());
}

void tst_SoriChatModeration::aMemberHasNoModerationTools()
{
    QVERIFY(signInAs(u"kim"_s));
    auto mod = test::signedIn(url(), u"mod"_s, {u"lobby"_s});
    QVERIFY(mod);
    QTRY_VERIFY(memberIndex(u"mod"_s).isValid());
    const auto menu = m_window->memberMenu(memberIndex(u"mod"_s));
    QVERIFY(menu);
    const QStringList texts = actionTexts(menu.get());
    QVERIFY(!texts.contains(u"Kick mod…"_s));
    QVERIFY(!texts.contains(u"Ban…"_s));
    QVERIFY(!actionTexts(m_window->roomMenu(roomIndex(u"lobby"_s)).get())
                 .contains(u"Edit the topic…"_s));
    auto *moderation = m_window->findChild<QAction *>(u"moderation"_s);
    QVERIFY(moderation && !moderation->isVisible());
    QCOMPARE(m_window->showModeration(), nullptr);
    auto *topic = m_window->findChild<QAction *>(u"editTopic"_s);
    QVERIFY(topic && !topic->isEnabled());
    RoomDirectoryDialog directory(m_session.get(), m_window.get());
    QVERIFY(!directory.unarchiveButton()->isVisibleTo(&directory));
}

QTEST_MAIN(tst_SoriChatModeration)
#include "tst_sorichatmoderation.moc"
