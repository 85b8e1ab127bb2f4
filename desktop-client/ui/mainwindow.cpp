// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/mainwindow.h"

#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "core/messagelistmodel.h"
#include "protocol/validation.h"
#include "ui/appicon.h"
#include "ui/attachmentbar.h"
#include "ui/certificatedialog.h"
#include "ui/composer.h"
#include "ui/createroomdialog.h"
#include "ui/imageviewer.h"
#include "ui/language.h"
#include "ui/memberdelegate.h"
#include "ui/messagemarks.h"
#include "ui/messageview.h"
#include "ui/moderationdialog.h"
#include "ui/peopledialog.h"
#include "ui/roomdelegate.h"
#include "ui/roomdirectorydialog.h"
#include "ui/searchdialog.h"
#include "ui/settingsdialog.h"
#include "ui/signindialog.h"
#include "ui/statusbar.h"
#include "ui/theme.h"

#include <QtCore/QBuffer>
#include <QtCore/QDateTime>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtCore/QSaveFile>
#include <QtGui/QAction>
#include <QtGui/QActionGroup>
#include <QtGui/QClipboard>
#include <QtGui/QCloseEvent>
#include <QtGui/QDesktopServices>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyle>
#include <QtWidgets/QSystemTrayIcon>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

using protocol::NotifyLevel;
using protocol::RoomKind;

MainWindow::MainWindow(ChatSession *session, QWidget *parent)
    : QMainWindow(parent), m_session(session)
{
    // The theme chosen in the settings (the system's, unless one was: then a -style given on
    // the command line stays).
    if (const QString theme = m_session->settings()->theme(); theme != u"system"_s)
        applyTheme(theme);
    setWindowIcon(appIcon());
    createWidgets();
    createLayout();
    createActions();
    createTray();
    retranslate();

    setTabOrder(m_composer, m_messageView);
    setTabOrder(m_messageView, m_memberList);
    setTabOrder(m_memberList, m_roomList);

    connectWidgets();
    connectSession();
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] { updateStatus(); });

    ChatSettings *settings = session->settings();
    if (!restoreGeometry(settings->windowGeometry()))
        resize(980, 640);
    restoreState(settings->windowState());
    updateRoom();
    updateStatus();
    updatePresence();
    m_composer->setFocus();
    QCoreApplication::instance()->installEventFilter(this);
}

MainWindow::~MainWindow()
{
    // Before the members go: a key or mouse event during the teardown must not reach them.
    QCoreApplication::instance()->removeEventFilter(this);
}

void MainWindow::createWidgets()
{
    m_roomList = new QListView(this);
    m_roomList->setObjectName(u"roomList"_s);
    m_roomList->setModel(m_session->rooms());
    m_roomList->setItemDelegate(new RoomDelegate(m_roomList));
    m_roomList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roomList->setContextMenuPolicy(Qt::CustomContextMenu);

    m_roomHeader = new QLabel(this);
    m_roomHeader->setObjectName(u"roomHeader"_s);
    m_roomHeader->setTextFormat(Qt::PlainText);
    m_roomHeader->setContentsMargins(8, 4, 8, 4);
    QFont headerFont = m_roomHeader->font();
    headerFont.setBold(true);
    m_roomHeader->setFont(headerFont);

    m_messageView = new MessageView(this);
    m_messageView->setObjectName(u"messageView"_s);
    m_messageView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_marks = new MessageMarks(m_messageView, m_session);

    m_typing = new QLabel(this);
    m_typing->setObjectName(u"typingLabel"_s);
    m_typing->setTextFormat(Qt::PlainText);
    m_typing->setContentsMargins(8, 0, 8, 0);
    QFont typingFont = m_typing->font();
    typingFont.setItalic(true);
    m_typing->setFont(typingFont);
    m_typing->setMinimumHeight(m_typing->fontMetrics().height());

    m_composer = new Composer(this);
    m_composer->setObjectName(u"composer"_s);
    m_attachmentArea = new QWidget(this);
    m_attachmentArea->setObjectName(u"attachmentArea"_s);
    auto *attachmentLayout = new QVBoxLayout(m_attachmentArea);
    attachmentLayout->setContentsMargins(0, 0, 0, 0);
    attachmentLayout->setSpacing(0);
    m_attachButton = new QToolButton(this);
    m_attachButton->setObjectName(u"attachButton"_s);
    m_attachButton->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    m_attachButton->setAutoRaise(true);

    // Announcements to everyone: a bar above the conversation, whatever room is open.
    m_announcementBar = new QWidget(this);
    m_announcementBar->setObjectName(u"announcementBar"_s);
    m_announcementBar->setAutoFillBackground(true);
    QPalette notePalette = m_announcementBar->palette();
    notePalette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xc2));
    notePalette.setColor(QPalette::WindowText, QColor(0x3d, 0x32, 0x00));
    m_announcementBar->setPalette(notePalette);
    m_announcement = new QLabel(m_announcementBar);
    m_announcement->setObjectName(u"announcementBanner"_s);
    m_announcement->setTextFormat(Qt::PlainText);
    m_announcement->setWordWrap(true);
    m_announcement->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont noteFont = m_announcement->font();
    noteFont.setBold(true);
    m_announcement->setFont(noteFont);
    m_dismissAnnouncement = new QToolButton(m_announcementBar);
    m_dismissAnnouncement->setObjectName(u"dismissAnnouncement"_s);
    m_dismissAnnouncement->setText(u"×"_s);
    m_dismissAnnouncement->setAutoRaise(true);
    auto *noteLayout = new QHBoxLayout(m_announcementBar);
    noteLayout->setContentsMargins(8, 6, 4, 6);
    noteLayout->addWidget(m_announcement, 1);
    noteLayout->addWidget(m_dismissAnnouncement, 0, Qt::AlignTop);
    m_announcementBar->hide();

    m_memberList = new QListView(this);
    m_memberList->setObjectName(u"memberList"_s);
    m_memberDelegate = new MemberDelegate(m_memberList);
    m_memberList->setItemDelegate(m_memberDelegate);
    m_memberList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_memberList->setContextMenuPolicy(Qt::CustomContextMenu);
}

// Rooms | header, messages, typing, composer | members; the connection in the status bar.
void MainWindow::createLayout()
{
    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(2);
    centerLayout->addWidget(m_announcementBar);
    centerLayout->addWidget(m_roomHeader);
    centerLayout->addWidget(m_messageView, 1);
    centerLayout->addWidget(m_typing);
    centerLayout->addWidget(m_composer->contextBar());
    centerLayout->addWidget(m_attachmentArea);
    auto *writeRow = new QHBoxLayout;
    writeRow->setSpacing(2);
    writeRow->addWidget(m_attachButton, 0, Qt::AlignBottom);
    writeRow->addWidget(m_composer, 1);
    centerLayout->addLayout(writeRow);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_roomList);
    splitter->addWidget(center);
    splitter->addWidget(m_memberList);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({170, 520, 170});
    setCentralWidget(splitter);

    // Long messages end in "…" with the whole text in a tooltip, instead of being cut.
    auto *bar = new StatusBar(this);
    setStatusBar(bar);
    m_status = new ElidedLabel(this);
    m_status->setObjectName(u"connectionStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_reconnect = new QPushButton(this);
    m_reconnect->setObjectName(u"reconnectButton"_s);
    m_joinInvited = new QPushButton(this);
    m_joinInvited->setObjectName(u"joinInvitedButton"_s);
    m_joinInvited->hide();
    m_security = new QLabel(this);
    m_security->setObjectName(u"securityIndicator"_s);
    m_security->setTextFormat(Qt::PlainText);
    m_statusButton = new QToolButton(this);
    m_statusButton->setObjectName(u"statusButton"_s);
    m_statusButton->setPopupMode(QToolButton::InstantPopup);
    m_statusButton->setAutoRaise(true);
    statusBar()->addPermanentWidget(m_statusButton);
    statusBar()->addPermanentWidget(m_security);
    statusBar()->addPermanentWidget(m_status);
    statusBar()->addPermanentWidget(m_joinInvited);
    statusBar()->addPermanentWidget(m_reconnect);
    bar->setYieldingWidget(m_status);
}

// What the user does in the lists, the messages and the composer.
void MainWindow::connectWidgets()
{
    connect(m_roomList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_session->setCurrentRoom(current.data(RoomListModel::RoomRole).toString());
            });
    connect(m_roomList, &QWidget::customContextMenuRequested, this, &MainWindow::showRoomMenu);
    connect(m_memberList, &QWidget::customContextMenuRequested, this, &MainWindow::showMemberMenu);
    connect(m_memberList, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        openDirect(index.data(MemberListModel::NameRole).toString());
    });
    connect(m_messageView, &QWidget::customContextMenuRequested, this,
            &MainWindow::showMessageMenu);
    connect(m_messageView, &MessageView::linkActivated, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(m_messageView, &MessageView::retryRequested, this,
            [this](const QString &msgId) { m_session->retry(m_session->currentRoom(), msgId); });
    connect(m_composer, &Composer::submitted, this,
            [this](const QString &text) { submit(text, 0); });
    connect(m_composer, &Composer::filesOffered, this, &MainWindow::attachFiles);
    connect(m_composer, &Composer::imageOffered, this, &MainWindow::attachImage);
    connect(m_composer, &Composer::filesRefused, this, [this] {
        showNotice(tr("Files can be sent only when signed in with an account."), true);
    });
    connect(m_messageView, &MessageView::filesDropped, this, &MainWindow::attachFiles);
    connect(m_messageView, &MessageView::attachmentActivated, this, &MainWindow::openAttachment);
    m_messageView->setFileCache(m_session->files());
    connect(m_composer, &Composer::edited, this,
            [this](bool empty) { m_session->setComposing(!empty); });
    m_composer->setNameSource(
        [this] { return m_session->mentionCandidates(m_session->currentRoom()); });
    // Replies, edits and reactions (issue 22).
    connect(m_composer, &Composer::replySubmitted, this,
            [this](const QString &text, qint64 replyTo) { submit(text, replyTo); });
    connect(m_composer, &Composer::editSubmitted, this, [this](qint64 seq, const QString &text) {
        m_session->editMessage(m_session->currentRoom(), seq, text);
    });
    connect(m_composer, &Composer::editLastRequested, this, [this] {
        const MessageListModel *model = m_session->messages(m_session->currentRoom());
        if (const int row = model->lastOwnRow(); row >= 0)
            m_composer->startEdit(model->entry(row).seq, model->entry(row).text);
    });
    connect(m_messageView, &MessageView::reactionToggled, this,
            [this](qint64 seq, const QString &emoji, bool on) {
                m_session->react(m_session->currentRoom(), seq, emoji, on);
            });
    connect(m_session, &ChatSession::currentRoomChanged, m_composer, &Composer::cancelContext);
    connect(m_reconnect, &QPushButton::clicked, this, [this] { m_session->reconnectNow(); });
    connect(m_joinInvited, &QPushButton::clicked, this, [this] {
        if (!m_invitedRoom.isEmpty())
            m_session->joinRoom(m_invitedRoom);
        m_invitedRoom.clear();
        m_joinInvited->hide();
    });
    connect(m_dismissAnnouncement, &QToolButton::clicked, m_announcementBar, &QWidget::hide);
}

// What the session tells: the window follows its state.
void MainWindow::connectSession()
{
    connect(m_session, &ChatSession::connectionChanged, this, [this] {
        updateStatus();
        updateComposer();
    });
    connect(m_session, &ChatSession::currentRoomChanged, this, [this] { updateRoom(); });
    connect(m_session, &ChatSession::totalUnreadChanged, this, [this] { updateTitle(); });
    connect(m_session, &ChatSession::typingChanged, this,
            [this](const QString &room, const QStringList &names) {
                if (room == m_session->currentRoom())
                    updateTyping(names);
            });
    connect(m_session, &ChatSession::notificationRequested, this, &MainWindow::notify);
    connect(m_session, &ChatSession::noticed, this,
            [this](const QString &text, ChatSession::Notice kind) {
                showNotice(text, kind == ChatSession::Notice::Problem);
            });
    connect(m_session, &ChatSession::problemsCleared, this, &MainWindow::clearProblem);
    connect(m_session, &ChatSession::invitedToRoom, this,
            [this](const QString &room, const QString &by) {
                m_invitedRoom = room;
                updateInvitation();
                m_joinInvited->show();
                QApplication::alert(this);
                if (m_tray)
                    m_tray->showMessage(tr("Invitation"),
                                        tr("%1 invited you to #%2.").arg(by, room), appIcon(),
                                        8000);
            });
    connect(m_session, &ChatSession::announced, this, &MainWindow::showAnnouncement);
    connect(m_session, &ChatSession::signedIn, this, [this] {
        updateStatus();
        updateComposer();
        m_createRoomAction->setEnabled(m_session->isAccount());
    });
    connect(m_session->rooms(), &QAbstractItemModel::dataChanged, this, [this] { updateRoom(); });
    connect(m_session, &ChatSession::userInfoChanged, this, [this](const QString &user) {
        const RoomListModel::Entry *entry = m_session->rooms()->entry(m_session->currentRoom());
        if (entry && entry->kind == RoomKind::Direct
            && entry->peer.compare(user, Qt::CaseInsensitive) == 0)
            updateRoom();
    });
    connect(m_session, &ChatSession::untrustedCertificate, this, &MainWindow::askAboutCertificate);
    connect(m_session, &ChatSession::statusChanged, this, &MainWindow::updatePresence);
    connect(m_session, &ChatSession::signedOut, this, [this] {
        // Files uploaded for this account go nowhere else: cancelled, with what waited for them.
        m_waiting.clear();
        for (AttachmentBar *bar : std::as_const(m_attachmentBars))
            bar->clear();
        updateRoom();
        updateStatus();
        if (!m_quitting)
            Q_EMIT signInRequested();
    });
}

void MainWindow::createActions()
{
    // Texts are set in retranslate(), again whenever the language changes.
    m_chatMenu = menuBar()->addMenu(QString());
    m_joinAction = m_chatMenu->addAction(QString(), this, &MainWindow::joinRoom);
    m_joinAction->setShortcut(QKeySequence(u"Ctrl+J"_s));
    m_createRoomAction = m_chatMenu->addAction(QString(), this, &MainWindow::createRoom);
    m_createRoomAction->setShortcut(QKeySequence::New);
    m_createRoomAction->setEnabled(false);
    m_leaveAction = m_chatMenu->addAction(QString(), this, [this] {
        if (!m_session->currentRoom().isEmpty())
            m_session->leaveRoom(m_session->currentRoom());
    });
    m_leaveAction->setShortcut(QKeySequence(u"Ctrl+W"_s));
    m_inviteAction = m_chatMenu->addAction(QString(), this, &MainWindow::inviteToRoom);
    m_inviteAction->setObjectName(u"invite"_s);
    m_inviteAction->setShortcut(QKeySequence(u"Ctrl+I"_s));
    m_newConversationAction = m_chatMenu->addAction(QString(), this, &MainWindow::newConversation);
    m_newConversationAction->setObjectName(u"newConversation"_s);
    m_newConversationAction->setShortcut(QKeySequence(u"Ctrl+Shift+N"_s));
    m_searchAction = m_chatMenu->addAction(QString(), this, &MainWindow::searchMessages);
    m_searchAction->setObjectName(u"searchMessages"_s);
    m_searchAction->setShortcuts({QKeySequence::Find, QKeySequence(u"Ctrl+K"_s)});
    m_topicAction =
        m_chatMenu->addAction(QString(), this, [this] { editTopic(m_session->currentRoom()); });
    m_topicAction->setObjectName(u"editTopic"_s);
    m_renameAction =
        m_chatMenu->addAction(QString(), this, [this] { askRename(m_session->currentRoom()); });
    m_renameAction->setObjectName(u"renameRoom"_s);
    m_moderationAction = m_chatMenu->addAction(QString(), this, [this] { showModeration(); });
    m_moderationAction->setObjectName(u"moderation"_s);
    m_moderationAction->setShortcut(QKeySequence(u"Ctrl+Shift+M"_s));
    m_attachAction = m_chatMenu->addAction(QString(), this, [this] {
        auto *dialog = new QFileDialog(this);
        dialog->setObjectName(u"attachDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFiles);
        dialog->setWindowTitle(tr("Attach files"));
        connect(dialog, &QFileDialog::filesSelected, this, &MainWindow::attachFiles);
        dialog->open();
    });
    m_attachAction->setObjectName(u"attachFiles"_s);
    m_attachAction->setShortcut(QKeySequence(u"Ctrl+Shift+A"_s));
    m_attachButton->setDefaultAction(m_attachAction);
    m_notifyMenu = m_chatMenu->addMenu(QString());
    m_notifyMenu->setObjectName(u"notifyMenu"_s);
    connect(m_notifyMenu, &QMenu::aboutToShow, this,
            [this] { fillNotifyMenu(m_notifyMenu, m_session->currentRoom()); });
    m_chatMenu->addSeparator();
    m_previousAction = m_chatMenu->addAction(QString(), this, [this] {
        const int row = m_roomList->currentIndex().row();
        if (row > 0)
            m_roomList->setCurrentIndex(m_session->rooms()->index(row - 1));
    });
    m_previousAction->setShortcut(QKeySequence(u"Alt+Up"_s));
    m_nextAction = m_chatMenu->addAction(QString(), this, [this] {
        const int row = m_roomList->currentIndex().row();
        if (row + 1 < m_session->rooms()->rowCount())
            m_roomList->setCurrentIndex(m_session->rooms()->index(row + 1));
    });
    m_nextAction->setShortcut(QKeySequence(u"Alt+Down"_s));
    m_writeAction = m_chatMenu->addAction(QString(), this, [this] { m_composer->setFocus(); });
    m_writeAction->setShortcut(QKeySequence(u"Ctrl+L"_s));
    m_chatMenu->addSeparator();
    createStatusMenu();
    m_chatMenu->addMenu(m_statusMenu);
    m_reconnectAction =
        m_chatMenu->addAction(QString(), this, [this] { m_session->reconnectNow(); });
    m_reconnectAction->setShortcut(QKeySequence::Refresh);
    m_signOutAction = m_chatMenu->addAction(QString(), this, [this] { m_session->signOut(); });
    m_chatMenu->addSeparator();
    m_settingsAction = m_chatMenu->addAction(QString(), this, &MainWindow::openSettings);
    m_settingsAction->setObjectName(u"settings"_s);
    // The platform's Preferences keys; Ctrl+, where it has none (Windows).
    QList<QKeySequence> preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (preferences.isEmpty())
        preferences = {QKeySequence(u"Ctrl+,"_s)};
    m_settingsAction->setShortcuts(preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_quitAction = m_chatMenu->addAction(QString(), this, &MainWindow::quit);
    m_quitAction->setShortcut(QKeySequence::Quit);

    createLanguageMenu();

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About Sori"),
                           tr("Sori %1: real-time chat for desktop and browser.")
                               .arg(QStringLiteral(SORI_VERSION)));
    });
}

// The language menu: the system's, or one of the translations, each named in its own language
// (whoever cannot read the current one still finds theirs). It applies at once, and is
// kept for the next start.
void MainWindow::createLanguageMenu()
{
    m_languageMenu = menuBar()->addMenu(QString());
    auto *languages = new QActionGroup(m_languageMenu);
    const QString chosen = m_session->settings()->language();
    const auto addLanguage = [&](const QString &code, const QString &label) {
        QAction *action = m_languageMenu->addAction(label);
        action->setObjectName(u"language-"_s + (code.isEmpty() ? u"system"_s : code));
        action->setCheckable(true);
        action->setChecked(code == chosen);
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { chooseLanguage(code); });
        return action;
    };
    m_systemLanguageAction = addLanguage({}, QString());
    m_languageMenu->addSeparator();
    addLanguage(u"en"_s, u"English"_s);
    addLanguage(u"ko"_s, u"한국어"_s);
}

void MainWindow::chooseLanguage(const QString &language)
{
    if (QAction *action = m_languageMenu->findChild<QAction *>(
            u"language-"_s + (language.isEmpty() ? u"system"_s : language)))
        action->setChecked(true);
    if (m_session->settings()->language() == language)
        return;
    m_session->settings()->setLanguage(language);
    m_session->settings()->sync();
    // Every widget gets a LanguageChange event, this window's changeEvent() too.
    installTranslations(QCoreApplication::instance(), language);
}

void MainWindow::openSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_session, this);
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_settingsDialog, &SettingsDialog::languageChosen, this,
                &MainWindow::chooseLanguage);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

SettingsDialog *MainWindow::settingsDialog() const
{
    return m_settingsDialog.data();
}

void MainWindow::fillNotifyMenu(QMenu *menu, const QString &room)
{
    menu->clear();
    const RoomListModel::Entry *entry = m_session->rooms()->entry(room);
    auto *group = new QActionGroup(menu);
    const NotifyLevel current = m_session->notifyLevel(room);
    const std::pair<NotifyLevel, QString> levels[] = {
        {NotifyLevel::All, tr("&All messages")},
        {NotifyLevel::Mentions, tr("&Mentions only")},
        {NotifyLevel::None, tr("&Nothing")},
    };
    for (const auto &[level, text] : levels) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(level == current);
        // A direct conversation always notifies: somebody is writing to you.
        action->setEnabled(entry && entry->kind != RoomKind::Direct);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, room, level] { m_session->setNotifyLevel(room, level); });
    }
}

void MainWindow::createTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(appIcon(), this);
    auto *menu = new QMenu(this);
    m_trayShowAction = menu->addAction(QString(), this, &MainWindow::bringToFront);
    m_trayQuitAction = menu->addAction(QString(), this, &MainWindow::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            bringToFront();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MainWindow::bringToFront);
    m_tray->show();
}

void MainWindow::retranslate()
{
    m_roomList->setAccessibleName(tr("Rooms"));
    m_messageView->setAccessibleName(tr("Messages"));
    m_composer->setAccessibleName(tr("Message"));
    m_memberList->setAccessibleName(tr("People in the room"));
    m_reconnect->setText(tr("&Reconnect now"));
    m_dismissAnnouncement->setToolTip(tr("Dismiss the announcement"));
    updateInvitation();
    updateAnnouncement();

    m_chatMenu->setTitle(tr("&Chat"));
    m_joinAction->setText(tr("&Join a room…"));
    m_createRoomAction->setText(tr("&Create a room…"));
    m_leaveAction->setText(tr("&Leave the room"));
    m_inviteAction->setText(tr("&Invite someone to this room…"));
    m_newConversationAction->setText(tr("New con&versation…"));
    m_searchAction->setText(tr("Sea&rch messages…"));
    m_topicAction->setText(tr("Edit the &topic…"));
    m_renameAction->setText(tr("Rena&me the room…"));
    m_moderationAction->setText(tr("&Moderation…"));
    m_attachAction->setText(tr("&Attach files…"));
    m_attachAction->setToolTip(
        tr("Attach files to the next message (or drop them here, or paste an image)"));
    m_statusMenu->setTitle(tr("S&tatus"));
    m_onlineAction->setText(tr("&Online"));
    m_awayAction->setText(tr("&Away"));
    m_dndAction->setText(tr("&Do not disturb"));
    updatePresence();
    m_notifyMenu->setTitle(tr("&Notifications for this room"));
    m_settingsAction->setText(tr("Se&ttings…"));
    m_previousAction->setText(tr("&Previous room"));
    m_nextAction->setText(tr("Ne&xt room"));
    m_writeAction->setText(tr("&Write a message"));
    m_reconnectAction->setText(tr("&Reconnect now"));
    m_signOutAction->setText(tr("&Sign out"));
    m_quitAction->setText(tr("&Quit"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("The system's language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Sori"));
    if (m_tray) {
        m_trayShowAction->setText(tr("&Show Sori"));
        m_trayQuitAction->setText(tr("&Quit"));
    }

    // The texts made from the session's state (title, header, status, composer, typing), and
    // the lists, whose delegates translate as they paint.
    updateRoom();
    updateStatus();
    m_roomList->viewport()->update();
    m_memberList->viewport()->update();
}

void MainWindow::createStatusMenu()
{
    m_statusMenu = new QMenu(this);
    m_statusMenu->setObjectName(u"statusMenu"_s);
    auto *group = new QActionGroup(m_statusMenu);
    const auto add = [&](protocol::PresenceStatus status, const QString &name) {
        QAction *action = m_statusMenu->addAction(QString());
        action->setObjectName(name);
        action->setCheckable(true);
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, status] { m_session->setStatus(status); });
        return action;
    };
    m_onlineAction = add(protocol::PresenceStatus::Online, u"status-online"_s);
    m_awayAction = add(protocol::PresenceStatus::Away, u"status-away"_s);
    m_dndAction = add(protocol::PresenceStatus::Dnd, u"status-dnd"_s);
    m_statusButton->setMenu(m_statusMenu);
}

void MainWindow::updatePresence()
{
    const protocol::PresenceStatus chosen = m_session->chosenStatus();
    m_onlineAction->setChecked(chosen == protocol::PresenceStatus::Online);
    m_awayAction->setChecked(chosen == protocol::PresenceStatus::Away);
    m_dndAction->setChecked(chosen == protocol::PresenceStatus::Dnd);
    // What the others see: away while idle, even if the choice is online.
    // A sign only, so that the status bar keeps its room for the connection and the notices;
    // the words in the tooltip and for screen readers.
    QString words;
    switch (m_session->status()) {
    case protocol::PresenceStatus::Online:
        m_statusButton->setText(u"●"_s);
        words = tr("Online");
        break;
    case protocol::PresenceStatus::Away:
        m_statusButton->setText(u"○"_s);
        words = m_session->isIdle() ? tr("Away (idle)") : tr("Away");
        break;
    case protocol::PresenceStatus::Dnd:
        m_statusButton->setText(u"⊖"_s);
        words = tr("Do not disturb");
        break;
    }
    m_statusButton->setToolTip(tr("Your status: %1").arg(words));
    m_statusButton->setAccessibleName(m_statusButton->toolTip());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        m_session->noteActivity();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::newConversation()
{
    if (!m_session->isAccount()) {
        statusBar()->showMessage(tr("Direct messages are for accounts: sign in to send one."),
                                 8000);
        return;
    }
    PeopleDialog dialog(m_session, this);
    dialog.setObjectName(u"peopleDialog"_s);
    if (dialog.exec() == QDialog::Accepted && !dialog.person().isEmpty())
        openDirect(dialog.person());
}

void MainWindow::searchMessages()
{
    SearchDialog dialog(m_session, this);
    dialog.setObjectName(u"searchDialog"_s);
    if (dialog.exec() == QDialog::Accepted && dialog.seq() > 0)
        m_session->openAt(dialog.room(), dialog.seq());
}

void MainWindow::bringToFront()
{
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::quit()
{
    if (m_quitting)
        return; // already waiting for the close handshake
    m_quitting = true;
    m_session->closeForQuit();
    close();
    QCoreApplication::quit();
}

bool MainWindow::signInInteractively(const QString &error)
{
    SignInDialog dialog(m_session, isVisible() ? this : nullptr);
    dialog.setObjectName(u"signInDialog"_s);
    if (!error.isEmpty())
        dialog.setError(error);
    return dialog.exec() == QDialog::Accepted;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ActivationChange)
        m_session->setWindowActive(isActiveWindow());
    else if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    ChatSettings *settings = m_session->settings();
    settings->setWindowGeometry(saveGeometry());
    settings->setWindowState(saveState());
    settings->sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::updateTitle()
{
    const QString room = m_session->currentRoom();
    QString title = tr("Sori");
    if (const RoomListModel::Entry *entry = m_session->rooms()->entry(room)) {
        const QString name =
            entry->kind == RoomKind::Direct ? u"@"_s + entry->peer : u"#"_s + entry->room;
        title = tr("%1 – Sori").arg(name);
    }
    const int unread = m_session->rooms()->totalUnread();
    if (unread > 0)
        title = u"(%1) %2"_s.arg(unread).arg(title);
    setWindowTitle(title);
    if (m_tray) {
        m_tray->setIcon(appIcon(unread));
        m_tray->setToolTip(title);
    }
}

void MainWindow::showNotice(const QString &text, bool problem)
{
    // News fades after a while; a problem stays longer, until something succeeds.
    statusBar()->showMessage(text, problem ? 60000 : 10000);
    m_problem = problem ? text : QString();
}

void MainWindow::showAnnouncement(const protocol::AnnouncementEvent &announcement)
{
    m_lastAnnouncement = announcement;
    updateAnnouncement();
    m_announcementBar->show();
    QApplication::alert(this);
    if (m_tray)
        m_tray->showMessage(tr("Announcement from %1").arg(announcement.by), announcement.text,
                            appIcon(), 10000);
}

void MainWindow::updateAnnouncement()
{
    if (!m_lastAnnouncement)
        return;
    const protocol::AnnouncementEvent &a = *m_lastAnnouncement;
    // The operator's text as written; the time in local time and the chosen language.
    m_announcement->setText(
        a.time > 0
            ? tr("Announcement from %1 (%2): %3").arg(a.by, ChatSession::localTime(a.time), a.text)
            : tr("Announcement from %1: %2").arg(a.by, a.text));
}

void MainWindow::updateInvitation()
{
    m_joinInvited->setText(tr("&Join #%1").arg(m_invitedRoom));
}

void MainWindow::clearProblem()
{
    if (!m_problem.isEmpty() && statusBar()->currentMessage() == m_problem)
        statusBar()->clearMessage();
    m_problem.clear();
}

QString MainWindow::dropDetail() const
{
    using protocol::CloseCode;
    switch (CloseCode(m_session->closeCode())) {
    case CloseCode::Abnormal:
        return {}; // "Connection lost" says it all
    case CloseCode::Kicked:
    case CloseCode::SignedOut:
    case CloseCode::Banned:
    case CloseCode::GoingAway:
    case CloseCode::PolicyViolation:
        return describeDrop();
    default:
        break;
    }
    return m_session->offlineReason();
}

QString MainWindow::describeDrop() const
{
    using protocol::CloseCode;
    const QString reason = m_session->offlineReason();
    switch (CloseCode(m_session->closeCode())) {
    case CloseCode::Kicked:
    case CloseCode::SignedOut:
    case CloseCode::Banned:
        // The sanction event before the close says by whom, why and until when, translated.
        if (const auto sanction = m_session->sanction())
            return ChatSession::sanctionText(*sanction);
        break;
    default:
        break;
    }
    switch (CloseCode(m_session->closeCode())) {
    case CloseCode::Kicked:
        return reason.isEmpty() ? tr("you were kicked") : tr("you were kicked (%1)").arg(reason);
    case CloseCode::SignedOut:
        return tr("signed out by an administrator");
    case CloseCode::Banned:
        return reason.isEmpty() ? tr("banned") : tr("banned (%1)").arg(reason);
    case CloseCode::GoingAway:
        return tr("the server is shutting down");
    case CloseCode::Abnormal:
        return tr("the connection was lost");
    case CloseCode::PolicyViolation:
        return tr("the server dropped the connection (%1)").arg(reason);
    default:
        break;
    }
    return reason.isEmpty() ? tr("not connected") : reason;
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::updateStatus()
{
    const QString host = m_session->serverUrl().host();
    QString text;
    bool offerReconnect = false;
    switch (m_session->connection()) {
    case ChatSession::Connection::Connected:
        text = tr("Connected to %1 as %2").arg(host, m_session->userName());
        break;
    case ChatSession::Connection::Connecting:
        text = tr("Connecting to %1…").arg(host);
        break;
    case ChatSession::Connection::Reconnecting: {
        // The why only when it adds something: never "Connection lost: connection lost".
        const int seconds = m_session->reconnectSeconds();
        const QString detail = dropDetail();
        if (detail.isEmpty())
            text = seconds > 0 ? tr("Connection lost. Reconnecting in %n s…", nullptr, seconds)
                               : tr("Connection lost. Reconnecting…");
        else
            text = seconds > 0
                ? tr("Connection lost: %1. Reconnecting in %n s…", nullptr, seconds).arg(detail)
                : tr("Connection lost: %1. Reconnecting…").arg(detail);
        offerReconnect = true;
        break;
    }
    case ChatSession::Connection::Offline:
        text = tr("Offline: %1").arg(describeDrop());
        offerReconnect = m_session->serverUrl().isValid()
            && protocol::CloseCode(m_session->closeCode()) != protocol::CloseCode::Banned;
        break;
    }
    m_status->setText(text);
    // The people shown are as of the drop: greyed out until the connection is back.
    const bool online = m_session->connection() == ChatSession::Connection::Connected;
    if (m_memberDelegate->isOnline() != online) {
        m_memberDelegate->setOnline(online);
        m_memberList->viewport()->update();
    }
    m_reconnect->setVisible(offerReconnect);
    m_reconnectAction->setEnabled(offerReconnect);
    m_signOutAction->setEnabled(m_session->connection() != ChatSession::Connection::Offline
                                || !m_session->userName().isEmpty());
    if (m_session->connection() == ChatSession::Connection::Reconnecting)
        m_countdown.start();
    else
        m_countdown.stop();
    updateSecurity();
}

void MainWindow::updateSecurity()
{
    const QString host = m_session->serverUrl().host();
    if (m_session->connection() != ChatSession::Connection::Connected) {
        m_security->hide();
        return;
    }
    m_security->show();
    if (!m_session->isEncrypted()) {
        m_security->setText(tr("Not encrypted"));
        m_security->setToolTip(tr("The connection to %1 is not encrypted (ws://): anybody on the "
                                  "network between you and the server can read it.")
                                   .arg(host));
        return;
    }
    m_security->setText(tr("Encrypted"));
    const QByteArray fingerprint = CertificateTrust::fingerprint(m_session->serverCertificate());
    m_security->setToolTip(
        tr("The connection to %1 is encrypted (TLS).\n%2\nCertificate fingerprint (SHA-256):\n%3")
            .arg(host,
                 m_session->serverCertificatePinned()
                     ? tr("You trusted this certificate when you first connected.")
                     : tr("A certificate authority this computer trusts vouches for it."),
                 CertificateTrust::formatFingerprint(fingerprint, 8)));
}

void MainWindow::askAboutCertificate(const CertificateTrust::Check &check)
{
    // One question at a time: a second refusal while it is open changes nothing it shows.
    if (m_certificateDialog)
        return;
    QWidget *parent = QApplication::activeModalWidget();
    auto *dialog = new CertificateDialog(check, parent ? parent : this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    m_certificateDialog = dialog;
    connect(dialog, &QDialog::finished, this, [this](int result) {
        if (result == QDialog::Accepted)
            m_session->trustCertificate();
        else
            m_session->declineCertificate();
    });
    dialog->open();
    updateStatus();
}

void MainWindow::updateRoom()
{
    const QString room = m_session->currentRoom();
    const RoomListModel::Entry *entry = m_session->rooms()->entry(room);
    const int row = m_session->rooms()->rowOf(room);
    if (row >= 0 && m_roomList->currentIndex().row() != row)
        m_roomList->setCurrentIndex(m_session->rooms()->index(row));
    if (!entry) {
        m_roomHeader->setText(tr("No room"));
        if (m_messageView->messages())
            m_messageView->setMessages(nullptr);
        m_memberList->setModel(nullptr);
    } else {
        const QString name =
            entry->kind == RoomKind::Direct ? u"@"_s + entry->peer : u"#"_s + entry->room;
        QString about = entry->topic;
        if (entry->kind == RoomKind::Direct)
            about = peerStatus(entry->peer);
        m_roomHeader->setText(about.isEmpty() ? name : tr("%1 — %2").arg(name, about));
        MessageListModel *messages = m_session->messages(room);
        if (m_messageView->messages() != messages)
            m_messageView->setMessages(messages);
        MemberListModel *members = m_session->members(room);
        if (m_memberList->model() != members)
            m_memberList->setModel(members);
    }
    m_leaveAction->setEnabled(entry != nullptr);
    // Only private rooms take invitations, and only accounts can give them.
    m_inviteAction->setEnabled(entry && entry->kind == RoomKind::Private && m_session->isAccount());
    m_notifyMenu->setEnabled(entry != nullptr && entry->kind != RoomKind::Direct);
    // Staff set topics; admins rename (never the default room); a direct conversation has
    // neither.
    const bool namedRoom = entry && entry->kind != RoomKind::Direct;
    m_topicAction->setEnabled(namedRoom && m_session->canModerate());
    m_renameAction->setEnabled(namedRoom && m_session->role() == protocol::Role::Admin
                               && room != QLatin1StringView(protocol::DefaultRoom));
    m_moderationAction->setVisible(m_session->canModerate());
    updateTyping(entry ? m_session->typing(room) : QStringList());
    updateComposer();
    updateTitle();
}

QString MainWindow::peerStatus(const QString &peer) const
{
    const std::optional<protocol::UserInfo> info = m_session->userInfo(peer);
    if (!info)
        return {};
    if (info->online)
        return tr("online");
    if (info->lastSeen > 0)
        return tr("last seen %1")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(info->lastSeen),
                                    QLocale::ShortFormat));
    return tr("offline");
}

void MainWindow::updateComposer()
{
    const RoomListModel::Entry *entry = m_session->rooms()->entry(m_session->currentRoom());
    const bool readOnly =
        entry && entry->kind == RoomKind::Announcement && !m_session->canModerate();
    m_composer->setEnabled(entry && !readOnly);
    // Files: accounts only (uploads need a token), where one may write.
    const bool files = entry && !readOnly && m_session->isAccount();
    m_composer->setAcceptsFiles(files);
    m_attachAction->setEnabled(files);
    m_attachButton->setVisible(m_session->isAccount());
    const QString room = m_session->currentRoom();
    for (auto it = m_attachmentBars.cbegin(); it != m_attachmentBars.cend(); ++it)
        it.value()->setVisible(it.key() == room && it.value()->count() > 0);
    const AttachmentBar *bar = m_attachmentBars.value(room);
    m_composer->setHasFiles(bar && bar->count() > 0);
    if (readOnly)
        m_composer->setPlaceholderText(tr("Only moderators and admins write in this room."));
    else
        m_composer->setPlaceholderText(
            tr("Write a message. Enter sends, Shift+Enter adds a line."));
}

AttachmentBar *MainWindow::ensureAttachmentBar(const QString &room)
{
    if (AttachmentBar *bar = m_attachmentBars.value(room))
        return bar;
    auto *bar = new AttachmentBar(m_session->client(), room, m_attachmentArea);
    m_attachmentArea->layout()->addWidget(bar);
    m_attachmentBars.insert(room, bar);
    connect(bar, &AttachmentBar::changed, this, &MainWindow::updateComposer);
    connect(bar, &AttachmentBar::allUploaded, this, [this, room] { sendWaiting(room); });
    connect(bar, &AttachmentBar::failed, this, [this](const QString &name, const QString &error) {
        showNotice(tr("%1 was not uploaded: %2").arg(name, error), true);
    });
    return bar;
}

void MainWindow::attachFiles(const QStringList &paths)
{
    const QString room = m_session->currentRoom();
    if (room.isEmpty() || !m_attachAction->isEnabled()) {
        showNotice(tr("Files can be sent only when signed in with an account."), true);
        return;
    }
    AttachmentBar *bar = ensureAttachmentBar(room);
    for (const QString &path : paths) {
        QString error;
        if (!bar->addFile(path, &error)) {
            showNotice(error, true);
            break;
        }
    }
    updateComposer();
    m_composer->setFocus();
}

void MainWindow::attachImage(const QImage &image)
{
    const QString room = m_session->currentRoom();
    if (room.isEmpty() || image.isNull() || !m_attachAction->isEnabled())
        return;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    // Named by the moment it was pasted, as a screenshot tool would.
    const QString name = tr("Pasted image %1.png")
                             .arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH.mm.ss"_s));
    QString error;
    if (!ensureAttachmentBar(room)->addData(name, png, &error))
        showNotice(error, true);
    updateComposer();
}

void MainWindow::submit(const QString &text, qint64 replyTo)
{
    const QString room = m_session->currentRoom();
    AttachmentBar *bar = m_attachmentBars.value(room);
    if (!bar || bar->count() == 0) {
        m_session->send(text, replyTo);
        return;
    }
    m_waiting.insert(room, {text, replyTo});
    if (bar->isUploading())
        showNotice(tr("The message goes as soon as its files are uploaded."), false);
    else
        sendWaiting(room);
}

void MainWindow::sendWaiting(const QString &room)
{
    AttachmentBar *bar = m_attachmentBars.value(room);
    if (!bar || !m_waiting.contains(room) || bar->isUploading())
        return;
    const Waiting waiting = m_waiting.take(room);
    m_session->sendWithFiles(room, waiting.text, waiting.replyTo, bar->uploaded());
    bar->clear();
}

void MainWindow::openAttachment(const QVariantMap &file)
{
    const QString id = file.value(u"id"_s).toString();
    const QString name = file.value(u"name"_s).toString();
    if (id.isEmpty())
        return;
    FileCache *files = m_session->files();
    if (file.value(u"thumbnail"_s).toBool()) {
        // An image: shown whole in a window of its own once it is here.
        auto *viewer = new ImageViewer(name, this);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        connect(files, &FileCache::fileReady, viewer,
                [viewer, id](const QString &ready, const QByteArray &data) {
                    if (ready == id)
                        viewer->setImageData(data);
                });
        connect(files, &FileCache::fileFailed, viewer,
                [viewer, id](const QString &failed, const QString &error) {
                    if (failed == id)
                        viewer->setError(error);
                });
        viewer->show();
        files->fetch(id);
        return;
    }
    // Another file: saved where the user says, never opened by the app.
    auto *dialog = new QFileDialog(this);
    dialog->setObjectName(u"saveAttachmentDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setWindowTitle(tr("Save %1").arg(name));
    dialog->selectFile(QFileInfo(name).fileName());
    connect(dialog, &QFileDialog::fileSelected, this, [this, files, id](const QString &path) {
        auto *saving = new QObject(this);
        connect(files, &FileCache::fileReady, saving,
                [this, saving, id, path](const QString &ready, const QByteArray &data) {
                    if (ready != id)
                        return;
                    saving->deleteLater();
                    QSaveFile out(path);
                    if (out.open(QIODevice::WriteOnly) && out.write(data) == data.size()
                        && out.commit())
                        showNotice(tr("Saved %1.").arg(QFileInfo(path).fileName()), false);
                    else
                        showNotice(tr("Could not save %1: %2").arg(path, out.errorString()), true);
                });
        connect(files, &FileCache::fileFailed, saving,
                [this, saving, id](const QString &failed, const QString &error) {
                    if (failed != id)
                        return;
                    saving->deleteLater();
                    showNotice(tr("Could not download the file: %1").arg(error), true);
                });
        files->fetch(id);
    });
    dialog->open();
}

void MainWindow::updateTyping(const QStringList &names)
{
    QString text;
    if (names.size() == 1)
        text = tr("%1 is typing…").arg(names.first());
    else if (names.size() == 2)
        text = tr("%1 and %2 are typing…").arg(names.at(0), names.at(1));
    else if (names.size() > 2)
        text = tr("Several people are typing…");
    m_typing->setText(text);
}

void MainWindow::notify(const QString &room, const QString &from, const QString &text)
{
    QApplication::alert(this);
    if (!m_tray)
        return;
    const RoomListModel::Entry *entry = m_session->rooms()->entry(room);
    const QString where =
        entry && entry->kind == RoomKind::Direct ? u"@"_s + entry->peer : u"#"_s + room;
    QString body = text.simplified();
    if (body.size() > 200)
        body = body.left(199) + u'…';
    m_tray->showMessage(tr("%1 in %2").arg(from, where), body, appIcon(), 5000);
}

void MainWindow::openDirect(const QString &user)
{
    if (user.isEmpty() || user.compare(m_session->userName(), Qt::CaseInsensitive) == 0)
        return;
    if (!m_session->isAccount()) {
        statusBar()->showMessage(tr("Direct messages are for accounts: sign in to send one."),
                                 8000);
        return;
    }
    if (m_session->userRole(user) == protocol::Role::Guest) {
        statusBar()->showMessage(
            tr("%1 is a guest: direct messages are between accounts.").arg(user), 8000);
        return;
    }
    m_session->openDirect(user);
    m_composer->setFocus();
}

void MainWindow::joinRoom()
{
    RoomDirectoryDialog dialog(m_session, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.room().isEmpty())
        m_session->joinRoom(dialog.room());
}

void MainWindow::createRoom()
{
    CreateRoomDialog dialog(m_session->canModerate(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_session->createRoom(dialog.room(), dialog.kind(), dialog.topic());
}

void MainWindow::inviteToRoom()
{
    const QString room = m_session->currentRoom();
    if (room.isEmpty())
        return;
    bool ok = false;
    const QString user = QInputDialog::getText(this, tr("Invite to #%1").arg(room),
                                               tr("The account to let into #%1:").arg(room),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (ok && !user.isEmpty())
        m_session->invite(room, user);
}

void MainWindow::showRoomMenu(const QPoint &pos)
{
    QModelIndex index = m_roomList->indexAt(pos);
    if (!index.isValid())
        index = m_roomList->currentIndex();
    if (const auto menu = roomMenu(index))
        menu->exec(m_roomList->viewport()->mapToGlobal(pos));
}

std::unique_ptr<QMenu> MainWindow::roomMenu(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    const QString room = index.data(RoomListModel::RoomRole).toString();
    auto menu = std::make_unique<QMenu>(this);
    const auto kind = index.data(RoomListModel::KindRole).value<RoomKind>();
    QMenu *levels = menu->addMenu(tr("&Notifications"));
    fillNotifyMenu(levels, room);
    levels->setEnabled(kind != RoomKind::Direct);
    if (kind != RoomKind::Direct && m_session->canModerate()) {
        menu->addSeparator();
        menu->addAction(tr("Edit the &topic…"), this, [this, room] { editTopic(room); });
        if (m_session->role() == protocol::Role::Admin
            && room != QLatin1StringView(protocol::DefaultRoom))
            menu->addAction(tr("Rena&me…"), this, [this, room] { askRename(room); });
    }
    menu->addSeparator();
    menu->addAction(tr("&Leave"), this, [this, room] { m_session->leaveRoom(room); });
    return menu;
}

void MainWindow::editTopic(const QString &room)
{
    const RoomListModel::Entry *entry = m_session->rooms()->entry(room);
    if (!entry || entry->kind == RoomKind::Direct)
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"topicDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Topic of #%1").arg(room));
    dialog->setLabelText(tr("What #%1 is about (empty: no topic):").arg(room));
    dialog->setTextValue(entry->topic);
    dialog->setOkButtonText(tr("&Save"));
    dialog->setCancelButtonText(tr("Cancel"));
    if (auto *edit = dialog->findChild<QLineEdit *>())
        edit->setMaxLength(int(protocol::MaxTopicLength));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, room](const QString &topic) { m_session->setTopic(room, topic.trimmed()); });
    dialog->open();
}

void MainWindow::askRename(const QString &room)
{
    if (room.isEmpty() || room == QLatin1StringView(protocol::DefaultRoom))
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"renameDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename #%1").arg(room));
    dialog->setLabelText(
        tr("The new name of #%1 (its messages and members stay with it):").arg(room));
    dialog->setTextValue(room);
    dialog->setOkButtonText(tr("&Rename"));
    dialog->setCancelButtonText(tr("Cancel"));
    if (auto *edit = dialog->findChild<QLineEdit *>())
        edit->setMaxLength(int(protocol::MaxRoomLength));
    connect(dialog, &QInputDialog::textValueSelected, this, [this, room](const QString &name) {
        const QString newName = name.trimmed();
        if (!newName.isEmpty() && newName != room)
            m_session->renameRoom(room, newName);
    });
    dialog->open();
}

void MainWindow::askSanction(SanctionDialog::Kind kind, const QString &user, const QString &room)
{
    auto *dialog = new SanctionDialog(kind, user, room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, user, room] {
        switch (dialog->kind()) {
        case SanctionDialog::Kind::Kick:
            m_session->kick(user, dialog->reason());
            break;
        case SanctionDialog::Kind::Mute:
            m_session->mute(user, room, dialog->minutes(), dialog->reason());
            break;
        case SanctionDialog::Kind::Ban:
            m_session->ban(user, dialog->minutes(), dialog->reason());
            break;
        }
    });
    dialog->open();
}

ModerationDialog *MainWindow::showModeration()
{
    if (!m_session->canModerate())
        return nullptr;
    if (!m_moderation) {
        m_moderation = new ModerationDialog(m_session, this);
        m_moderation->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_moderation->show();
    m_moderation->raise();
    m_moderation->activateWindow();
    m_moderation->refresh();
    return m_moderation;
}

void MainWindow::showMemberMenu(const QPoint &pos)
{
    // From the keyboard (the menu key) the menu is the current member's.
    QModelIndex index = m_memberList->indexAt(pos);
    if (!index.isValid())
        index = m_memberList->currentIndex();
    if (const auto menu = memberMenu(index))
        menu->exec(m_memberList->viewport()->mapToGlobal(pos));
}

std::unique_ptr<QMenu> MainWindow::memberMenu(const QModelIndex &index)
{
    if (!index.isValid() || index.data(MemberListModel::SelfRole).toBool())
        return {};
    const QString user = index.data(MemberListModel::NameRole).toString();
    const QString room = m_session->currentRoom();
    auto menu = std::make_unique<QMenu>(this);
    QAction *direct =
        menu->addAction(tr("Send a &direct message"), this, [this, user] { openDirect(user); });
    // Direct conversations are between accounts (a guest's role is known once whois answered).
    const QVariant role = index.data(MemberListModel::UserRoleRole);
    direct->setEnabled(
        m_session->isAccount()
        && (!role.isValid() || role.value<protocol::Role>() != protocol::Role::Guest));
    // Moderation: only for those whose role allows it.
    if (m_session->canModerate()) {
        menu->addSeparator();
        menu->addAction(tr("&Kick %1…").arg(user), this, [this, user, room] {
            askSanction(SanctionDialog::Kind::Kick, user, room);
        });
        menu->addAction(tr("&Mute in this room…"), this, [this, user, room] {
            askSanction(SanctionDialog::Kind::Mute, user, room);
        });
        menu->addAction(tr("&Ban…"), this,
                        [this, user, room] { askSanction(SanctionDialog::Kind::Ban, user, room); });
        const RoomListModel::Entry *entry = m_session->rooms()->entry(room);
        if (entry && entry->kind == RoomKind::Private) {
            menu->addAction(tr("&Take %1 out of this room").arg(user), this,
                            [this, user, room] { m_session->removeMember(room, user); });
        }
        // Admins make moderators, and members again; the role is known once whois answered.
        if (m_session->role() == protocol::Role::Admin && role.isValid()) {
            const auto known = role.value<protocol::Role>();
            if (known == protocol::Role::Member)
                menu->addAction(tr("Make %1 a m&oderator").arg(user), this, [this, user] {
                    m_session->setRole(user, protocol::Role::Moderator);
                });
            else if (known == protocol::Role::Moderator)
                menu->addAction(tr("Make %1 a m&ember again").arg(user), this,
                                [this, user] { m_session->setRole(user, protocol::Role::Member); });
        }
    }
    return menu;
}

void MainWindow::showMessageMenu(const QPoint &pos)
{
    QModelIndex index = m_messageView->indexAt(pos);
    if (!index.isValid())
        index = m_messageView->currentIndex();
    if (const auto menu = messageMenu(index))
        menu->exec(m_messageView->viewport()->mapToGlobal(pos));
}

std::unique_ptr<QMenu> MainWindow::messageMenu(const QModelIndex &index)
{
    if (!index.isValid())
        return {};
    const QString text = index.data(MessageListModel::TextRole).toString();
    const qint64 seq = index.data(MessageListModel::SeqRole).toLongLong();
    const QString msgId = index.data(MessageListModel::MsgIdRole).toString();
    const QString room = m_session->currentRoom();
    const auto delivery =
        index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>();
    auto menu = std::make_unique<QMenu>(this);
    menu->addAction(tr("&Copy text"), this, [text] { QGuiApplication::clipboard()->setText(text); })
        ->setEnabled(!text.isEmpty());
    if (delivery == MessageListModel::Delivery::Failed)
        menu->addAction(tr("&Retry"), this, [this, room, msgId] { m_session->retry(room, msgId); });
    const bool deleted = index.data(MessageListModel::DeletedRole).toBool();
    const bool own = index.data(MessageListModel::OwnRole).toBool();
    if (seq > 0 && !deleted) {
        const QString from = index.data(MessageListModel::SenderRole).toString();
        menu->addAction(tr("&Reply"), this,
                        [this, seq, from, text] { m_composer->startReply(seq, from, text); });
        // A fixed set of common emoji, then those already on the message; checked: one's own.
        QMenu *react = menu->addMenu(tr("&React"));
        react->setObjectName(u"reactMenu"_s);
        QStringList emoji{u"👍"_s, u"❤️"_s, u"😂"_s, u"🎉"_s, u"😮"_s, u"😢"_s, u"🙏"_s, u"👀"_s};
        QStringList mine;
        for (const QVariant &reaction : index.data(MessageListModel::ReactionsRole).toList()) {
            const QVariantMap map = reaction.toMap();
            const QString e = map.value(u"emoji"_s).toString();
            if (!emoji.contains(e))
                emoji.append(e);
            if (map.value(u"mine"_s).toBool())
                mine.append(e);
        }
        for (const QString &e : emoji) {
            QAction *action =
                react->addAction(e, this, [this, room, seq, e, on = !mine.contains(e)] {
                    m_session->react(room, seq, e, on);
                });
            action->setCheckable(true);
            action->setChecked(mine.contains(e));
        }
        if (own)
            menu->addAction(tr("&Edit"), this,
                            [this, seq, text] { m_composer->startEdit(seq, text); });
    }
    // One's own message anybody may delete; moderators delete any.
    if ((m_session->canModerate() || own) && seq > 0 && !deleted) {
        menu->addSeparator();
        menu->addAction(tr("&Delete message"), this,
                        [this, room, seq] { m_session->deleteMessage(room, seq); });
    }
    return menu;
}

} // namespace sori::chat
