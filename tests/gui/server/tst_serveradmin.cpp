// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Daily moderation from the server window (issue 23): a room's topic, name, archive and members,
// a person's role, the sanctions list with its Lift action and the audit log, each done through
// the window over a real server, checked on a connected client and in the audit view.

#include "core/chat/hub.h"
#include "dialogs.h"
#include "fixtures.h"
#include "gui/guisettings.h"
#include "gui/labels.h"
#include "gui/roommodel.h"
#include "gui/serverwindow.h"
#include "widgets/moderationviews.h"

#include <QtGui/QAction>
#include <QtGui/QStandardItemModel>
#include <QtWidgets/QAbstractButton>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDateTimeEdit>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeView>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::server;
using namespace sori::server::gui;
using namespace sori::widgets;
using protocol::Role;
using protocol::RoomChange;
using protocol::RoomChangedEvent;
using sori::test::answerNextDialog;

namespace {

void typeAndAccept(const QString &text)
{
    answerNextDialog<QInputDialog>([text](QInputDialog *dialog) {
        dialog->setTextValue(text);
        dialog->accept();
    });
}

void answerYes()
{
    answerNextDialog<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
}

// The texts of one column of a view's model, row by row.
QStringList column(const QStandardItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row)
        texts.append(model->item(row, column)->text());
    return texts;
}

RoomChangedEvent lastChange(const QSignalSpy &spy)
{
    return spy.last().first().value<RoomChangedEvent>();
}

} // namespace

class tst_ServerAdmin : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void topicRenameAndArchiveFromTheWindow();
    void removeAMemberFromTheWindow();
    void promoteAndDemoteFromTheWindow();
    void sanctionsAreListedInLocalTimeAndLifted();
    void auditLogIsFilteredAndPaged();

private:
    // Selects the room's row in the Rooms tab (false if it is not shown within 5 s).
    bool selectRoom(const QString &room)
    {
        if (!QTest::qWaitFor([&] { return m_window->roomModel()->rowOfRoom(room) >= 0; }, 5000))
            return false;
        QAbstractItemModel *rows = m_window->roomView()->model();
        for (int row = 0; row < rows->rowCount(); ++row) {
            const QModelIndex index = rows->index(row, 0);
            if (index.data(RoomModel::RoomNameRole).toString() == room) {
                m_window->roomView()->setCurrentIndex(index);
                return true;
            }
        }
        return false;
    }
    // Selects the person's row in "Online now".
    bool selectPerson(const QString &name)
    {
        QAbstractItemModel *rows = m_window->onlineView()->model();
        QModelIndex found;
        [[maybe_unused]] const bool shown = QTest::qWaitFor(
            [&] {
                for (int row = 0; row < rows->rowCount(); ++row) {
                    const QModelIndex index = rows->index(row, 0);
                    if (index.data(Qt::DisplayRole).toString().startsWith(name))
                        found = index;
                }
                return found.isValid();
            },
            5000);
        if (!found.isValid())
            return false;
        m_window->onlineView()->setCurrentIndex(found);
        return true;
    }
    // Shows the audit tab's first page with these filters and waits until its newest entry is
    // `action` by `actor` (the log is written behind the action: it searches again meanwhile).
    bool auditShows(const QString &actor, const QString &action, const QString &target)
    {
        AuditView *audit = m_window->auditView();
        return QTest::qWaitFor(
            [&] {
                QSignalSpy shown(audit, &AuditView::pageShown);
                audit->actorFilter()->setText(actor);
                audit->actionFilter()->setCurrentText(action);
                audit->targetFilter()->setText(target);
                audit->searchButton()->click();
                if (!shown.wait(5000))
                    return false;
                const QStandardItemModel *model = audit->model();
                return model->rowCount() > 0 && model->item(0, AuditView::Actor)->text() == actor
                    && model->item(0, AuditView::Action)->text() == action
                    && model->item(0, AuditView::Target)->text() == target;
            },
            10'000);
    }

    std::unique_ptr<LogBuffer> m_log;
    std::unique_ptr<GuiSettings> m_settings;
    std::unique_ptr<ServerWindow> m_window;
};

void tst_ServerAdmin::init()
{
    newDataDir({{u"boss"_s, Role::Admin},
                {u"mod"_s, Role::Moderator},
                {u"mina"_s, Role::Member},
                {u"jun"_s, Role::Member}});
    m_log = std::make_unique<LogBuffer>(1000);
    startServer();
    QVERIFY(m_server);
    m_settings = std::make_unique<GuiSettings>(m_dataDir->filePath(u"window.ini"_s));
    m_window = std::make_unique<ServerWindow>(m_server.get(), m_log.get(), m_settings.get());
    m_window->setAskOnClose(false);
    m_window->setRefreshInterval(50);
    m_window->show();
}

void tst_ServerAdmin::cleanup()
{
    m_window.reset();
    m_server.reset();
    m_log.reset();
    m_settings.reset();
    m_dataDir.reset();
}

void tst_ServerAdmin::topicRenameAndArchiveFromTheWindow()
{
    QVERIFY(std::holds_alternative<protocol::Joined>(m_server->hub()->createRoom(
        Actor::operatorActor(), protocol::CreateRoom{{}, u"dev"_s, protocol::RoomKind::Public})));
    auto mina = test::signedIn(url(), u"mina"_s, {u"dev"_s});
    QVERIFY(mina);
    QSignalSpy changes(&mina->client, &ChatClient::roomChanged);
    QVERIFY(selectRoom(u"dev"_s));
    QTRY_VERIFY(m_window->setTopicAction()->isEnabled());
    QVERIFY(m_window->renameRoomAction()->isEnabled());
    QVERIFY(!m_window->unarchiveRoomAction()->isEnabled()); // not archived
    QVERIFY(!m_window->removeMemberAction()->isEnabled()); // not private

    // Topic: the member sees it, the log says the server did it.
    typeAndAccept(u"Builds · 빌드"_s);
    m_window->setTopicAction()->trigger();
    QTRY_COMPARE(changes.size(), 1);
    QCOMPARE(lastChange(changes).change, RoomChange::Topic);
    QCOMPARE(lastChange(changes).topic, u"Builds · 빌드"_s);
    QCOMPARE(lastChange(changes).by, u"server"_s);
    QVERIFY(auditShows(u"server"_s, u"set_topic"_s, u"dev"_s));

    // Rename: the member follows it under the new name.
    QSignalSpy results(m_window.get(), &ServerWindow::actionResultShown);
    typeAndAccept(u"builds"_s);
    m_window->renameRoomAction()->trigger();
    QTRY_COMPARE(changes.size(), 2);
    QCOMPARE(lastChange(changes).change, RoomChange::Renamed);
    QCOMPARE(lastChange(changes).name, u"builds"_s);
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().first().toString(), u"Renamed dev to builds."_s);
    QVERIFY(mina->client.joinedRooms().contains(u"builds"_s));
    QTRY_VERIFY(m_window->roomModel()->rowOfRoom(u"builds"_s) >= 0);
    QTRY_COMPARE(m_window->roomModel()->rowOfRoom(u"dev"_s), -1);
    QVERIFY(auditShows(u"server"_s, u"rename_room"_s, u"dev"_s));
    QCOMPARE(m_window->auditView()->model()->item(0, AuditView::Room)->text(), u"builds"_s);

    // Archive, then unarchive: the member can post again.
    QVERIFY(selectRoom(u"builds"_s));
    answerYes();
    m_window->archiveRoomAction()->trigger();
    QTRY_COMPARE(changes.size(), 3);
    QCOMPARE(lastChange(changes).change, RoomChange::Archived);
    QTRY_VERIFY(m_window->unarchiveRoomAction()->isEnabled());
    QVERIFY(!m_window->setTopicAction()->isEnabled()); // an archived room keeps its topic
    answerYes();
    m_window->unarchiveRoomAction()->trigger();
    QTRY_COMPARE(changes.size(), 4);
    QCOMPARE(lastChange(changes).change, RoomChange::Unarchived);
    mina->client.sendMessage(u"builds"_s, u"back"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    QTRY_VERIFY(!m_window->unarchiveRoomAction()->isEnabled());
    QVERIFY(auditShows(u"server"_s, u"unarchive_room"_s, u"builds"_s));
}

void tst_ServerAdmin::removeAMemberFromTheWindow()
{
    auto boss = test::signedIn(url(), u"boss"_s);
    QVERIFY(boss);
    boss->client.createRoom(u"team"_s, protocol::RoomKind::Private);
    QTRY_COMPARE(boss->joins.size(), 1);
    boss->client.invite(u"team"_s, u"jun"_s);
    QTRY_COMPARE(boss->invitations.size(), 1);
    auto jun = test::signedIn(url(), u"jun"_s, {u"team"_s});
    QVERIFY(jun);
    QSignalSpy changes(&jun->client, &ChatClient::roomChanged);
    QVERIFY(selectRoom(u"team"_s));
    QTRY_VERIFY(m_window->removeMemberAction()->isEnabled());
    // The window has seen jun in the room (a snapshot after the join).
    QTRY_VERIFY(m_window->roomModel()
                    ->roomAt(m_window->roomModel()->rowOfRoom(u"team"_s))
                    ->online.contains(u"jun"_s));

    // The dialog offers those online in the room.
    QStringList offered;
    answerNextDialog<QInputDialog>([&offered](QInputDialog *dialog) {
        offered = dialog->comboBoxItems();
        dialog->setTextValue(u"jun"_s);
        dialog->accept();
    });
    m_window->removeMemberAction()->trigger();
    QTRY_COMPARE(changes.size(), 1);
    QVERIFY2(offered.contains(u"jun"_s), qPrintable(offered.join(u',')));
    QCOMPARE(lastChange(changes).change, RoomChange::Removed);
    QCOMPARE(lastChange(changes).by, u"server"_s);
    QCOMPARE(test::errorFor(*jun, jun->client.join(u"team"_s))->code,
             protocol::ErrorCode::NotMember);
    QVERIFY(auditShows(u"server"_s, u"remove_member"_s, u"jun"_s));
    QCOMPARE(m_window->auditView()->model()->item(0, AuditView::Room)->text(), u"team"_s);

    // Somebody who is not a member: the window says what the server said.
    QSignalSpy results(m_window.get(), &ServerWindow::actionResultShown);
    typeAndAccept(u"mina"_s);
    m_window->removeMemberAction()->trigger();
    QTRY_COMPARE(results.size(), 1);
    // The warning the window opened (not modal to the application) is closed here.
    for (QMessageBox *box : m_window->findChildren<QMessageBox *>())
        box->close();
    QVERIFY(!results.first().at(1).toBool());
    QVERIFY2(results.first().first().toString().contains(u"mina"_s),
             qPrintable(results.first().first().toString()));
}

void tst_ServerAdmin::promoteAndDemoteFromTheWindow()
{
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    auto mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(jun && mina);
    QSignalSpy roles(&jun->client, &ChatClient::roleChanged);
    QVERIFY(selectPerson(u"jun"_s));
    QTRY_VERIFY(m_window->promoteAction()->isEnabled());
    QVERIFY(!m_window->demoteAction()->isEnabled());

    answerYes();
    m_window->promoteAction()->trigger();
    QTRY_COMPARE(roles.size(), 1);
    QCOMPARE(roles.first().first().value<protocol::RoleChangedEvent>(),
             (protocol::RoleChangedEvent{Role::Moderator, u"server"_s}));
    // jun moderates at once.
    QVERIFY(test::doneFor(*jun, jun->client.mute(u"mina"_s, u"lobby"_s, 5)));
    QVERIFY(auditShows(u"server"_s, u"set_role"_s, u"jun"_s));
    QCOMPARE(m_window->auditView()->model()->item(0, AuditView::Detail)->text(), u"moderator"_s);

    // The row shows the new role; demoting takes it back.
    QVERIFY(selectPerson(u"jun"_s));
    QTRY_VERIFY(m_window->demoteAction()->isEnabled());
    answerYes();
    m_window->demoteAction()->trigger();
    QTRY_COMPARE(roles.size(), 2);
    QCOMPARE(roles.last().first().value<protocol::RoleChangedEvent>().role, Role::Member);
    QCOMPARE(test::errorFor(*jun, jun->client.kick(u"mina"_s))->code,
             protocol::ErrorCode::Forbidden);
}

void tst_ServerAdmin::sanctionsAreListedInLocalTimeAndLifted()
{
    auto mod = test::signedIn(url(), u"mod"_s, {u"lobby"_s});
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(mod && jun);
    QVERIFY(test::doneFor(*mod, mod->client.mute(u"jun"_s, u"lobby"_s, 90, u"shouting"_s)));
    QVERIFY(test::doneFor(*mod, mod->client.ban(u"mina"_s, 0, u"spam"_s)));

    SanctionsView *view = m_window->sanctionsView();
    QSignalSpy shown(view, &SanctionsView::pageShown);
    m_window->tabs()->setCurrentWidget(view); // shown: read
    QVERIFY(shown.wait(5000));
    const QStandardItemModel *model = view->model();
    QCOMPARE(model->rowCount(), 2);
    // Newest first: the ban, then the mute.
    QCOMPARE(column(model, SanctionsView::Who), (QStringList{u"mina"_s, u"jun"_s}));
    QCOMPARE(column(model, SanctionsView::Kind), (QStringList{u"ban"_s, u"mute"_s}));
    QCOMPARE(column(model, SanctionsView::Room), (QStringList{QString(), u"lobby"_s}));
    QCOMPARE(column(model, SanctionsView::Reason), (QStringList{u"spam"_s, u"shouting"_s}));
    QCOMPARE(column(model, SanctionsView::By), (QStringList{u"mod"_s, u"mod"_s}));
    QCOMPARE(model->item(0, SanctionsView::Until)->text(), u"for good"_s);
    // The mute's end in local time, in the UI language: as the server keeps it, converted here.
    const protocol::SanctionInfo mute = view->sanctionAt(1);
    QVERIFY(mute.until > 0);
    QCOMPARE(model->item(1, SanctionsView::Until)->text(),
             QLocale().toString(QDateTime::fromMSecsSinceEpoch(mute.until).toLocalTime(),
                                QLocale::ShortFormat));
    QVERIFY(!model->item(1, SanctionsView::Until)->text().endsWith(u'Z'));

    // Lift the mute from the view: jun can post, the list drops it, the log says the server.
    QVERIFY(!view->liftButton()->isEnabled());
    view->view()->setCurrentIndex(model->index(1, 0));
    QVERIFY(view->liftButton()->isEnabled());
    QString question;
    answerNextDialog<QMessageBox>([&question](QMessageBox *box) {
        question = box->text();
        box->button(QMessageBox::Yes)->click();
    });
    QSignalSpy lifted(&jun->client, &ChatClient::sanctioned);
    view->liftButton()->click();
    QTRY_COMPARE(lifted.size(), 1);
    QVERIFY2(question.contains(u"jun"_s) && question.contains(u"lobby"_s), qPrintable(question));
    QCOMPARE(lifted.first().first().value<protocol::SanctionEvent>().action,
             protocol::SanctionAction::Lift);
    jun->client.sendMessage(u"lobby"_s, u"calm now"_s);
    QTRY_COMPARE(jun->acks.size(), 1);
    QTRY_COMPARE(column(view->model(), SanctionsView::Who), QStringList{u"mina"_s});
    QVERIFY(auditShows(u"server"_s, u"lift"_s, u"jun"_s));
}

void tst_ServerAdmin::auditLogIsFilteredAndPaged()
{
    // 130 entries: more than one page (100).
    for (int i = 0; i < 130; ++i)
        m_server->hub()->setTopic(Actor::operatorActor(),
                                  protocol::SetTopic{{}, u"lobby"_s, u"topic %1"_s.arg(i)});
    QTRY_VERIFY_WITH_TIMEOUT(
        test::queryDatabase(m_dataDir->path(), u"SELECT count(*) FROM audit_log"_s).toInt() >= 130,
        10'000);
    AuditView *audit = m_window->auditView();
    QSignalSpy shown(audit, &AuditView::pageShown);
    m_window->tabs()->setCurrentWidget(audit);
    QVERIFY(shown.wait(5000));
    QCOMPARE(audit->model()->rowCount(), 100);
    QVERIFY(audit->olderButton()->isEnabled());
    // Newest first, times in local time.
    QCOMPARE(audit->model()->item(0, AuditView::Detail)->text(), u"topic 129"_s);
    const protocol::AuditEntry newest = audit->entryAt(0);
    QCOMPARE(audit->model()->item(0, AuditView::Time)->text(),
             Labels::dateTime(QDateTime::fromMSecsSinceEpoch(newest.time)));
    audit->olderButton()->click();
    QVERIFY(shown.wait(5000));
    QVERIFY(audit->model()->rowCount() >= 130);
    QVERIFY(!audit->olderButton()->isEnabled() || audit->model()->rowCount() > 130);

    // Filters: an actor nobody is, then a time range that ends before everything.
    audit->actorFilter()->setText(u"nobody"_s);
    audit->searchButton()->click();
    QVERIFY(shown.wait(5000));
    QCOMPARE(audit->model()->rowCount(), 0);
    audit->actorFilter()->clear();
    audit->untilEnabled()->setChecked(true);
    audit->untilEdit()->setDateTime(QDateTime::currentDateTime().addDays(-1));
    audit->searchButton()->click();
    QVERIFY(shown.wait(5000));
    QCOMPARE(audit->model()->rowCount(), 0);
    audit->untilEnabled()->setChecked(false);
    audit->sinceEnabled()->setChecked(true);
    audit->sinceEdit()->setDateTime(QDateTime::currentDateTime().addDays(-1));
    audit->actionFilter()->setCurrentText(u"set_topic"_s);
    audit->searchButton()->click();
    QVERIFY(shown.wait(5000));
    QCOMPARE(audit->model()->rowCount(), 100);
    QCOMPARE(audit->model()->item(99, AuditView::Action)->text(), u"set_topic"_s);
}

QTEST_MAIN(tst_ServerAdmin)
#include "tst_serveradmin.moc"
