// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat's Settings dialog (issue 23) on the real widgets against a real in-process server: a
// new password (and the old one refused), the other devices signed out with it or one by one,
// each room's notification level as the notifications and the room list's badges follow it, and
// the language and the theme kept for the next start.

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/roomlistmodel.h"
#include "fixtures.h"
#include "testclients.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/roomdelegate.h"
#include "ui/settingsdialog.h"
#include "ui/theme.h"
#include "windowtest.h"

#include <QtCore/QRegularExpression>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTreeWidget>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;
using sori::test::RecordingClient;

namespace {
const QString NewPassword = u"a much better one"_s;

bool hangul(const QString &text)
{
    static const QRegularExpression syllable(u"[\\x{AC00}-\\x{D7A3}]"_s);
    return text.contains(syllable);
}

// A password sign-in as name: Ready, or refused (its error recorded).
std::unique_ptr<RecordingClient> passwordSignIn(const QUrl &url, const QString &name,
                                                const QString &password)
{
    auto client = std::make_unique<RecordingClient>();
    client->client.signIn(url, name, password);
    // The caller checks which it was.
    (void)QTest::qWaitFor(
        [&] {
            return client->client.state() == ChatClient::State::Ready || !client->errors.isEmpty();
        },
        10'000);
    return client;
}

// Chooses an entry of a combo box as the user does: the entry, then activated.
void choose(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}
} // namespace

class tst_SoriChatSettings : public test::WindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aGuestIsToldTheAccountSettingsAreForAccounts();
    void aNewPasswordSignsInAndTheOldOneNoLonger();
    void aWrongPasswordIsSaidClearly();
    void theOtherDevicesAreListedAndEnded();
    void aQuietRoomNeitherNotifiesNorCounts();
    void theLocalSwitchBecomesTheServersLevel();
    void themeAndLanguageAreKept();

private:
    SettingsDialog *openSettings();
    // The account settings run in order on the server's auth thread: once a device list
    // asked now comes back, every settings request sent before it is stored.
    bool settingsAnswered();
};

void tst_SoriChatSettings::init()
{
    openWindow({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
}

void tst_SoriChatSettings::cleanup()
{
    closeWindow();
    installTranslations(QCoreApplication::instance(), u"en"_s);
    applyTheme(u"system"_s);
}

bool tst_SoriChatSettings::settingsAnswered()
{
    QSignalSpy listed(m_session.get(), &ChatSession::devicesListed);
    m_session->listDevices();
    return listed.wait(5000);
}

SettingsDialog *tst_SoriChatSettings::openSettings()
{
    auto *action = m_window->findChild<QAction *>(u"settings"_s);
    // The platform's Preferences keys, or Ctrl+, where it has none.
    QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (keys.isEmpty())
        keys = {QKeySequence(u"Ctrl+,"_s)};
    if (!action || action->shortcuts() != keys)
        return nullptr;
    action->trigger();
    SettingsDialog *dialog = m_window->settingsDialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void tst_SoriChatSettings::aGuestIsToldTheAccountSettingsAreForAccounts()
{
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(url(), u"visitor"_s);
    QVERIFY(signedIn.wait(5000));
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    QCOMPARE(dialog->tabs()->count(), 4);
    const auto *guest = dialog->findChild<QLabel *>(u"guestAccount"_s);
    QVERIFY(guest && guest->isVisible());
    QVERIFY(guest->text().contains(u"guest"_s));
    QVERIFY(!dialog->findChild<QPushButton *>(u"changePassword"_s)->isEnabled());
}

void tst_SoriChatSettings::aNewPasswordSignsInAndTheOldOneNoLonger()
{
    QVERIFY(signInAs(u"mina"_s));
    auto phone = test::signedIn(url(), u"mina"_s);
    QVERIFY(phone);
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::AccountTab);

    auto *oldPassword = dialog->findChild<QLineEdit *>(u"oldPassword"_s);
    auto *newPassword = dialog->findChild<QLineEdit *>(u"newPassword"_s);
    auto *repeat = dialog->findChild<QLineEdit *>(u"repeatPassword"_s);
    auto *button = dialog->findChild<QPushButton *>(u"changePassword"_s);
    QTest::keyClicks(oldPassword, u"mina password"_s);
    QTest::keyClicks(newPassword, NewPassword);
    // Repeated wrong: said at once, nothing sent.
    QTest::keyClicks(repeat, u"a much better on"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(dialog->passwordStatus(), u"The new password and its repetition differ."_s);
    QTest::keyClick(repeat, Qt::Key_E);
    dialog->findChild<QCheckBox *>(u"signOutOthers"_s)->setChecked(true);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        dialog->passwordStatus(),
        u"Done: the password is changed, and your other devices are signed out."_s, 10'000);
    QVERIFY(oldPassword->text().isEmpty());

    // The other device is closed with 4002; this one stays.
    QTRY_COMPARE_WITH_TIMEOUT(phone->closeCode, 4002, 5000);
    QCOMPARE(m_session->connection(), ChatSession::Connection::Connected);

    // The new password signs in, the old one no longer.
    auto withNew = passwordSignIn(url(), u"mina"_s, NewPassword);
    QCOMPARE(withNew->client.state(), ChatClient::State::Ready);
    auto withOld = passwordSignIn(url(), u"mina"_s, u"mina password"_s);
    QVERIFY(!withOld->errors.isEmpty());
    QCOMPARE(withOld->errors.constFirst().code, ErrorCode::BadCredentials);
}

void tst_SoriChatSettings::aWrongPasswordIsSaidClearly()
{
    QVERIFY(signInAs(u"mina"_s));
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    auto *oldPassword = dialog->findChild<QLineEdit *>(u"oldPassword"_s);
    auto *button = dialog->findChild<QPushButton *>(u"changePassword"_s);
    dialog->findChild<QLineEdit *>(u"newPassword"_s)->setText(NewPassword);
    dialog->findChild<QLineEdit *>(u"repeatPassword"_s)->setText(NewPassword);
    oldPassword->setText(u"not my password"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->passwordStatus(),
                              u"The current password is not right: nothing was changed."_s, 10'000);
    QVERIFY(button->isEnabled());
    // Too short a new one is said before anything is sent.
    dialog->findChild<QLineEdit *>(u"newPassword"_s)->setText(u"short"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(dialog->passwordStatus(), u"A password has at least 8 characters."_s);
    // The old password still signs in.
    auto again = passwordSignIn(url(), u"mina"_s, u"mina password"_s);
    QCOMPARE(again->client.state(), ChatClient::State::Ready);
}

void tst_SoriChatSettings::theOtherDevicesAreListedAndEnded()
{
    QVERIFY(signInAs(u"mina"_s));
    auto phone = test::signedIn(url(), u"mina"_s);
    QVERIFY(phone);
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::DevicesTab);
    QTreeWidget *devices = dialog->deviceList();
    QTRY_COMPARE_WITH_TIMEOUT(devices->topLevelItemCount(), 2, 5000);
    QTreeWidgetItem *other = nullptr;
    int marked = 0;
    for (int row = 0; row < devices->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = devices->topLevelItem(row);
        QVERIFY(item->text(1).contains(u"127.0.0.1"_s)); // where it signed in from
        QVERIFY(!item->text(2).isEmpty()); // last seen, in local time
        if (item->text(0).contains(u"(this device)"_s))
            ++marked;
        else
            other = item;
    }
    QCOMPARE(marked, 1);
    QVERIFY(other);
    auto *end = dialog->findChild<QPushButton *>(u"endDevice"_s);
    devices->setCurrentItem(devices->topLevelItem(0) == other ? devices->topLevelItem(1)
                                                              : devices->topLevelItem(0));
    QVERIFY(!end->isEnabled()); // this device signs out with Sign out
    devices->setCurrentItem(other);
    QVERIFY(end->isEnabled());
    QTest::mouseClick(end, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(phone->closeCode, 4002, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(devices->topLevelItemCount(), 1, 5000);
    QVERIFY(devices->topLevelItem(0)->text(0).contains(u"(this device)"_s));
    QCOMPARE(dialog->devicesStatus(), u"Done: that device is signed out."_s);
    QCOMPARE(m_session->connection(), ChatSession::Connection::Connected);
}

void tst_SoriChatSettings::aQuietRoomNeitherNotifiesNorCounts()
{
    QVERIFY(signInAs(u"mina"_s));
    m_session->joinRoom(u"dev"_s);
    QTRY_COMPARE(m_session->currentRoom(), u"dev"_s);
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::NotificationsTab);
    QComboBox *lobbyLevel = dialog->levelChooser(u"lobby"_s);
    QVERIFY(lobbyLevel);
    QVERIFY(dialog->levelChooser(u"dev"_s));
    QCOMPARE(lobbyLevel->currentData().value<NotifyLevel>(), NotifyLevel::All);
    choose(lobbyLevel, QVariant::fromValue(NotifyLevel::None));
    QCOMPARE(m_session->notifyLevel(u"lobby"_s), NotifyLevel::None);
    QVERIFY(settingsAnswered()); // stored by now
    // Kept by the server: another device learns it at its sign-in.
    auto laptop = test::signedIn(url(), u"mina"_s);
    QVERIFY(laptop);
    QCOMPARE(laptop->welcome.notify,
             (QList<NotifySetting>{NotifySetting{u"lobby"_s, NotifyLevel::None}}));

    // Away from the window: jun writes in both rooms; only dev notifies and shows a badge.
    m_session->setWindowActive(false);
    QSignalSpy notified(m_session.get(), &ChatSession::notificationRequested);
    auto jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(jun);
    RoomListModel *rooms = m_session->rooms();
    const QModelIndex lobby = rooms->index(rooms->rowOf(u"lobby"_s));
    const QModelIndex dev = rooms->index(rooms->rowOf(u"dev"_s));
    jun->client.sendMessage(u"lobby"_s, u"anyone around?"_s);
    QTRY_COMPARE(lobby.data(RoomListModel::UnreadRole).toInt(), 1);
    jun->client.sendMessage(u"dev"_s, u"the build is green"_s);
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.constFirst().at(0).toString(), u"dev"_s);
    QCOMPARE(lobby.data(RoomListModel::BadgeRole).toInt(), 0);
    QCOMPARE(dev.data(RoomListModel::BadgeRole).toInt(), 1);

    // As the room list paints them: a badge for dev, none for lobby.
    QListView *list = nullptr;
    for (QListView *view : m_window->findChildren<QListView *>()) {
        if (view->accessibleName() == u"Rooms"_s)
            list = view;
    }
    QVERIFY(list);
    auto *delegate = qobject_cast<RoomDelegate *>(list->itemDelegate());
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    option.initFrom(list->viewport());
    option.rect = QRect(0, 0, 220, 28);
    option.widget = list;
    QVERIFY(delegate->layout(option, lobby).badge.isEmpty());
    QCOMPARE(delegate->layout(option, dev).badge, u"1"_s);

    // Mentions only: a plain message neither notifies nor counts, a mention does.
    m_session->setNotifyLevel(u"dev"_s, NotifyLevel::Mentions);
    QCOMPARE(dialog->levelChooser(u"dev"_s)->currentData().value<NotifyLevel>(),
             NotifyLevel::Mentions);
    QCOMPARE(dev.data(RoomListModel::BadgeRole).toInt(), 0);
    jun->client.sendMessage(u"dev"_s, u"just saying"_s);
    jun->client.sendMessage(u"dev"_s, u"@mina have a look"_s);
    QTRY_COMPARE(notified.size(), 2);
    QCOMPARE(notified.last().at(2).toString(), u"@mina have a look"_s);
    QTRY_COMPARE(dev.data(RoomListModel::UnreadRole).toInt(), 3);
    QCOMPARE(dev.data(RoomListModel::BadgeRole).toInt(), 1);
    QCOMPARE(rooms->totalUnread(), 1);
}

void tst_SoriChatSettings::theLocalSwitchBecomesTheServersLevel()
{
    // An older version kept "notify me about this room" off for lobby, locally.
    m_settings->setSilencedRooms({u"lobby"_s});
    QVERIFY(signInAs(u"mina"_s));
    QCOMPARE(m_session->notifyLevel(u"lobby"_s), NotifyLevel::None);
    const QModelIndex lobby = m_session->rooms()->index(m_session->rooms()->rowOf(u"lobby"_s));
    QCOMPARE(lobby.data(RoomListModel::NotifyRole).value<NotifyLevel>(), NotifyLevel::None);
    QVERIFY(m_settings->silencedRooms().isEmpty());
    // Now it is the server's: another device has it too.
    QVERIFY(settingsAnswered());
    auto laptop = test::signedIn(url(), u"mina"_s);
    QVERIFY(laptop);
    QCOMPARE(laptop->welcome.notify,
             (QList<NotifySetting>{NotifySetting{u"lobby"_s, NotifyLevel::None}}));
}

void tst_SoriChatSettings::themeAndLanguageAreKept()
{
    QVERIFY(signInAs(u"mina"_s));
    SettingsDialog *dialog = openSettings();
    QVERIFY(dialog);
    dialog->tabs()->setCurrentIndex(SettingsDialog::AppearanceTab);
    auto *theme = dialog->findChild<QComboBox *>(u"theme"_s);
    auto *language = dialog->findChild<QComboBox *>(u"language"_s);
    QVERIFY(theme && language);

    choose(theme, u"dark"_s);
    QCOMPARE(m_settings->theme(), u"dark"_s);
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);

    // Korean at once: the dialog and the window speak it.
    choose(language, u"ko"_s);
    QCOMPARE(m_settings->language(), u"ko"_s);
    QTRY_VERIFY(hangul(dialog->windowTitle()));
    QVERIFY(hangul(dialog->tabs()->tabText(SettingsDialog::AppearanceTab)));
    QVERIFY(m_window->findChild<QAction *>(u"language-ko"_s)->isChecked());

    // The next start: both are read back.
    m_window.reset();
    installTranslations(QCoreApplication::instance(), u"en"_s);
    applyTheme(u"system"_s);
    m_session->closeForQuit();
    m_session.reset();
    m_settings.reset();
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    QCOMPARE(m_settings->theme(), u"dark"_s);
    QCOMPARE(m_settings->language(), u"ko"_s);
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    dialog = openSettings();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QComboBox *>(u"theme"_s)->currentData().toString(), u"dark"_s);
    QCOMPARE(dialog->findChild<QComboBox *>(u"language"_s)->currentData().toString(), u"ko"_s);
    QVERIFY(m_window->findChild<QAction *>(u"language-ko"_s)->isChecked());
}

QTEST_MAIN(tst_SoriChatSettings)
#include "tst_sorichatsettings.moc"
