// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/certificatetrust.h"
#include "protocol/messages.h"
#include "ui/certificatedialog.h"
#include "ui/sanctiondialog.h"

#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtWidgets/QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QImage;
class QLabel;
class QListView;
class QMenu;
class QPushButton;
class QSystemTrayIcon;
class QToolButton;

namespace sori::chat {

class ChatSession;
class Composer;
class ElidedLabel;
class MemberDelegate;
class AttachmentBar;
class MessageMarks;
class MessageView;
class ModerationDialog;
class SettingsDialog;

// sori-chat's window: rooms on the left, the conversation in the middle with the composer
// under it, the people in the room on the right, and the connection in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(ChatSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Asks for a sign-in (modal); false if the user gave up.
    bool signInInteractively(const QString &error = {});

    QString statusText() const; // what the status line says
    // The certificate question on screen, if one is (see ChatSession::untrustedCertificate).
    CertificateDialog *certificateDialog() const { return m_certificateDialog; }
    // The context menus of a member and of a message: moderation only for those allowed.
    std::unique_ptr<QMenu> memberMenu(const QModelIndex &index);
    std::unique_ptr<QMenu> messageMenu(const QModelIndex &index);
    // The context menu of a room in the list: notifications, leaving, and for staff its topic
    // and (admins) its name.
    std::unique_ptr<QMenu> roomMenu(const QModelIndex &index);
    // Moderators and admins: the sanctions and the audit log (one window, not modal).
    ModerationDialog *showModeration();
    // Asks (not modal: a SanctionDialog, a QInputDialog) and then does the action.
    void askSanction(SanctionDialog::Kind kind, const QString &user, const QString &room);
    void editTopic(const QString &room);
    void askRename(const QString &room);
    // Files for the next message of the room shown (the attach button, a drop, a paste): each
    // starts uploading at once, in the room's attachment bar. Refusals are said in the status bar.
    void attachFiles(const QStringList &paths);
    void attachImage(const QImage &image);
    // The attachment bar of a room (null if it has none yet).
    AttachmentBar *attachmentBar(const QString &room) const { return m_attachmentBars.value(room); }
    // An attached file clicked: an image opens full size, another file is saved where asked.
    void openAttachment(const QVariantMap &file);
    // The marks over the messages: the "New messages" line, a search result highlighted.
    MessageMarks *messageMarks() const { return m_marks; }
    // The status menu (online, away, do not disturb), in the Chat menu and the status bar.
    QMenu *statusMenu() const { return m_statusMenu; }
    // "New conversation…" (a people search) and "Search messages…", modal.
    void newConversation();
    void searchMessages();
    // Settings… (Preferences): opens the settings dialog, or brings it forward; not modal.
    void openSettings();
    SettingsDialog *settingsDialog() const; // the one open, if any
    // Applies a language ("" the system's, "en", "ko") at once and keeps it for the next start.
    void chooseLanguage(const QString &language);

Q_SIGNALS:
    // Signed out: the application asks for a new sign-in (signInInteractively()).
    void signInRequested();

protected:
    // Key and mouse presses anywhere in the app: the user is not idle.
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void createLayout();
    void createActions();
    void createLanguageMenu();
    void connectWidgets();
    void connectSession();
    void createTray();
    void retranslate(); // sets every text again, in the language now installed
    void bringToFront();
    void quit();
    void updateTitle();
    void updateStatus();
    void updateSecurity(); // the encrypted / not encrypted indicator
    void askAboutCertificate(const CertificateTrust::Check &check);
    void updateRoom(); // the current room changed
    void updateComposer();
    AttachmentBar *ensureAttachmentBar(const QString &room);
    void submit(const QString &text, qint64 replyTo); // a message, with its files if any
    void sendWaiting(const QString &room); // its files are up
    void updateTyping(const QStringList &names);
    void showRoomMenu(const QPoint &pos);
    void showMemberMenu(const QPoint &pos);
    void showMessageMenu(const QPoint &pos);
    void openDirect(const QString &user);
    void notify(const QString &room, const QString &from, const QString &text);
    void joinRoom();
    void createRoom();
    void inviteToRoom(); // asks whom to let into the current (private) room
    // Online, last seen when, or offline: for the header of a direct conversation.
    QString peerStatus(const QString &peer) const;
    QString describeDrop() const;
    // Why the connection dropped, when there is more to say than "lost" ("" if not).
    QString dropDetail() const;
    void showNotice(const QString &text, bool problem);
    void showAnnouncement(const protocol::AnnouncementEvent &announcement);
    void updateAnnouncement(); // its text, in the language now installed
    void updateInvitation(); // the "Join #room" button of the last invitation
    void clearProblem(); // a problem shown is old news now
    void createStatusMenu();
    void updatePresence(); // the status menu and button follow the session's status
    // A menu of the three notification levels of room (the Chat menu's follows the room shown).
    void fillNotifyMenu(QMenu *menu, const QString &room);

    ChatSession *m_session;
    QListView *m_roomList;
    QLabel *m_roomHeader;
    MessageView *m_messageView;
    QLabel *m_typing;
    Composer *m_composer;
    QListView *m_memberList;
    MemberDelegate *m_memberDelegate;
    ElidedLabel *m_status;
    QLabel *m_security;
    QPushButton *m_reconnect;
    MessageMarks *m_marks = nullptr;
    QToolButton *m_statusButton = nullptr;
    QMenu *m_statusMenu = nullptr;
    QAction *m_onlineAction = nullptr;
    QAction *m_awayAction = nullptr;
    QAction *m_dndAction = nullptr;
    QAction *m_newConversationAction = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_topicAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_moderationAction = nullptr;
    QAction *m_attachAction = nullptr;
    QToolButton *m_attachButton = nullptr;
    QWidget *m_attachmentArea = nullptr; // the rooms' attachment bars, the current one shown
    QHash<QString, AttachmentBar *> m_attachmentBars; // by room
    // A message written while its files were still going up: sent once they are.
    struct Waiting
    {
        QString text;
        qint64 replyTo = 0;
    };
    QHash<QString, Waiting> m_waiting; // by room
    QPointer<ModerationDialog> m_moderation;
    QPushButton *m_joinInvited; // enters the room one was last invited to
    QString m_invitedRoom;
    // The operator's last announcement, above the conversation until dismissed.
    QWidget *m_announcementBar;
    QLabel *m_announcement;
    QToolButton *m_dismissAnnouncement;
    std::optional<protocol::AnnouncementEvent> m_lastAnnouncement;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_countdown; // ticks the "reconnecting in N s"
    QMenu *m_chatMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_createRoomAction = nullptr;
    QAction *m_leaveAction = nullptr;
    QAction *m_inviteAction = nullptr;
    QMenu *m_notifyMenu = nullptr; // the notification level of the room shown
    QAction *m_settingsAction = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    QAction *m_previousAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_writeAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_systemLanguageAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_trayShowAction = nullptr;
    QAction *m_trayQuitAction = nullptr;
    QPointer<CertificateDialog> m_certificateDialog;
    bool m_quitting = false;
    QString m_problem; // the passing message shown, if it tells of a problem
};

} // namespace sori::chat
