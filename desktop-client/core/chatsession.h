// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/certificatetrust.h"
#include "core/filecache.h"
#include "core/memberlistmodel.h"
#include "core/messagelistmodel.h"
#include "core/roomlistmodel.h"
#include "protocol/client/chatclient.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <map>
#include <memory>
#include <optional>

namespace sori::chat {

class ChatSettings;

// The state of sori-chat apart from its widgets: one ChatClient, the rooms one is in, and for
// each room its messages and members, all as models fed by the client's signals. The widgets
// call the actions here and show the models.
class ChatSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    enum class Connection {
        Offline, // not connected (offlineReason() says why, if it is known)
        Connecting, // signing in
        Connected,
        Reconnecting, // the connection dropped: trying again (reconnectSeconds())
    };
    Q_ENUM(Connection)

    // What a notice is: news that fades, or a problem (a refusal) that stays until something
    // succeeds (problemsCleared()) or another notice takes its place.
    enum class Notice { Info, Problem };
    Q_ENUM(Notice)

    // The shortest password the server takes (its weak_password rule).
    static constexpr int MinPasswordLength = 8;

    // What the server refused, as a sentence in the language installed: by its code (and the
    // fields that come with it); the server's own English message only for a code this client
    // does not know. A moderator's reason is shown as it was typed.
    static QString errorText(const protocol::Error &error);
    // A time the server gave (ms since the epoch) in local time, in the chosen language.
    static QString localTime(qint64 msecs);
    // What a moderator did to this user, as a sentence: by whom, until when (local time), and
    // their reason as they typed it.
    static QString sanctionText(const protocol::SanctionEvent &sanction);

    explicit ChatSession(ChatSettings *settings, QObject *parent = nullptr);
    ~ChatSession() override;

    ChatClient *client() { return &m_client; }
    ChatSettings *settings() const { return m_settings; }

    // Signing in. Every way ends in signedIn() or signInFailed().
    void signInAsGuest(const QUrl &url, const QString &name);
    void signIn(const QUrl &url, const QString &name, const QString &password);
    void registerAccount(const QUrl &url, const QString &name, const QString &password);
    // Signs in with the token from the settings; false (doing nothing) if there is none.
    bool resumeStoredSignIn();
    // Signs out: an account's token is revoked and forgotten.
    void signOut();
    // The rooms joined right after the first sign-in (default: those of the last run, or lobby).
    void setStartRooms(const QStringList &rooms, const QString &current = {});
    // Tries to connect again at once (the client may be waiting before its next attempt).
    void reconnectNow();
    // Before the app ends: closes the connection with a normal close frame and waits for the
    // server's answer (running the event loop, a second or two at most), so that the others see
    // us leave at once rather than after the server's grace period for a lost connection. The
    // sign-in is kept for the next start.
    void closeForQuit();

    // A wss:// server whose certificate did not verify, and that is not pinned (or pinned to
    // another certificate): untrustedCertificate() asked; the user answers with one of these.
    // Trusting pins the certificate for the server and connects again; declining leaves the
    // session offline (and fails a sign-in under way).
    std::optional<CertificateTrust::Check> pendingCertificate() const
    {
        return m_pendingCertificate;
    }
    void trustCertificate();
    void declineCertificate();
    // Whether the connection is encrypted (wss://), and the certificate it was made with.
    bool isEncrypted() const { return m_client.isEncrypted(); }
    QSslCertificate serverCertificate() const { return m_client.peerCertificate(); }
    // The server's certificate is the one the user trusted (not verified by an authority).
    bool serverCertificatePinned() const;

    Connection connection() const;
    QString offlineReason() const { return m_offlineReason; }
    // The kick, ban or sign-out by a moderator that came before the close, until the next
    // sign-in: it says more than the close code.
    std::optional<protocol::SanctionEvent> sanction() const { return m_sanction; }
    int closeCode() const { return m_closeCode; }
    int reconnectSeconds() const; // until the next attempt, while Reconnecting
    QUrl serverUrl() const { return m_url; }
    QString userName() const { return m_userName; }
    protocol::Role role() const { return m_role; }
    bool isAccount() const { return m_role != protocol::Role::Guest; }
    bool canModerate() const;

    RoomListModel *rooms() { return &m_rooms; }
    MessageListModel *messages(const QString &room); // created on first use
    MemberListModel *members(const QString &room);
    QString currentRoom() const { return m_currentRoom; }
    void setCurrentRoom(const QString &room);
    void setWindowActive(bool active);
    QStringList typing(const QString &room);
    // The names `@` completes in room: its members, then those who wrote in the loaded messages
    // (newest first); each once, oneself left out.
    QStringList mentionCandidates(const QString &room);
    // What somebody is on the server, if known yet (members are looked up as they come).
    std::optional<protocol::Role> userRole(const QString &user) const;
    // The last answer to whois for user (online, or when last seen), if there was one. The
    // session asks for the peer of a direct conversation when it is shown and when the peer comes
    // or goes; userInfoChanged() follows each answer.
    std::optional<protocol::UserInfo> userInfo(const QString &user) const;

    // Read markers. The read mark of a room: the last seq read, on any device (0: none known).
    qint64 readMark(const QString &room) const;
    // Where the "New messages" line goes: before the first message from somebody else after
    // this seq (the read mark as it was when the room was opened); 0: no line.
    qint64 newMessagesAfter(const QString &room) const;
    // The message to show highlighted (a search result opened), 0 if none.
    qint64 highlightedSeq(const QString &room) const;

    // Presence: what the user chose (online, away, do not disturb), and what the others see
    // (away while idle if the choice is online).
    protocol::PresenceStatus chosenStatus() const { return m_chosenStatus; }
    protocol::PresenceStatus status() const;
    void setStatus(protocol::PresenceStatus status);
    // A key or mouse press: not idle. After the idle time (the settings' minutes) without one,
    // the status turns to away until the next.
    void noteActivity();
    void setIdleInterval(int ms); // overrides the settings (tests)
    bool isIdle() const { return m_idle; }

    // Actions.
    void joinRoom(const QString &room); // and make it the current room once joined
    void leaveRoom(const QString &room);
    void createRoom(const QString &room, protocol::RoomKind kind, const QString &topic);
    // A page of the room directory (answered by directoryReceived() and directoryPageReceived()):
    // the rooms whose name holds `query`, after the room `after` (empty: from the first).
    void listRooms(const QString &query = {}, const QString &after = {});
    // Opens the direct conversation with user (it starts on the server with the first message).
    QString openDirect(const QString &user);
    // Sends text to the current room (answering the message replyTo of it, if not 0); returns
    // its msgId ("" if there is no room).
    QString send(const QString &text, qint64 replyTo = 0);
    // The same to room, with files uploaded for it (AttachmentBar); the text may then be empty.
    QString sendWithFiles(const QString &room, const QString &text, qint64 replyTo,
                          const QList<protocol::Attachment> &files);
    // The files of messages: thumbnails and downloads, with this session's token.
    FileCache *files() { return &m_files; }
    // One's own message seq of room gets a new text; a refusal comes as noticed().
    void editMessage(const QString &room, qint64 seq, const QString &text);
    // Adds (on) or takes back one's emoji reaction to the message seq of room.
    void react(const QString &room, qint64 seq, const QString &emoji, bool on);
    // A page of the accounts whose name holds query (answered by peopleFound()), after the
    // account `after` (empty: from the first).
    void findPeople(const QString &query, const QString &after = {});
    // A page of the messages that hold query, newest first, in every room and conversation
    // the user may read (answered by searchFound()); before: the `next` of the page before.
    void search(const QString &query, qint64 before = 0);
    // Shows room at the message seq, with the messages around it, highlighted (joining the
    // room first if need be).
    void openAt(const QString &room, qint64 seq);
    void retry(const QString &room, const QString &msgId);
    // The user is (or stopped) typing in the current room.
    void setComposing(bool composing);
    // How much room may call for attention (docs/protocol.md §15, set_notify): an account's
    // level is kept by the server and comes back in every welcome; a guest's lasts the session.
    // At None nothing notifies and no badge counts; at Mentions only mentions (and, in a direct
    // conversation, every message).
    void setNotifyLevel(const QString &room, protocol::NotifyLevel level);
    protocol::NotifyLevel notifyLevel(const QString &room) const;

    // Account settings (docs/protocol.md §15), for accounts. Each is answered by
    // settingsDone(action) or settingsRefused(action, error); action is the request's wire
    // name ("change_password", "devices", "end_device").
    void changePassword(const QString &oldPassword, const QString &newPassword, bool others);
    void listDevices(); // devicesListed() answers
    void endDevice(const QString &device);
    // Moderation (the reason is shown to the person and kept in the audit log).
    void kick(const QString &user, const QString &reason = {});
    void ban(const QString &user, qint64 minutes, const QString &reason = {});
    void mute(const QString &user, const QString &room, qint64 minutes, const QString &reason = {});
    // Staff: a room's topic ("" clears it). Admins: a room's new name; an archived room
    // taken out of the archive. Answers come as noticed().
    void setTopic(const QString &room, const QString &topic);
    void renameRoom(const QString &room, const QString &name);
    void unarchiveRoom(const QString &room);
    // Admins: a moderator, or a member again (set_role).
    void setRole(const QString &user, protocol::Role role);
    // Staff and the room's maker: takes an account out of a private room (remove_member).
    void removeMember(const QString &room, const QString &user);
    void deleteMessage(const QString &room, qint64 seq);
    // Lets an account into a private room; the answer comes as noticed().
    void invite(const QString &room, const QString &user);

Q_SIGNALS:
    void connectionChanged();
    void signedIn();
    void signInFailed(sori::protocol::ErrorCode code, const QString &message);
    void signedOut();
    void currentRoomChanged(const QString &room);
    void totalUnreadChanged(int unread);
    void typingChanged(const QString &room, const QStringList &names);
    // A message from somebody else while the window is not active, that the room's level lets
    // through (see setNotifyLevel()).
    void notificationRequested(const QString &room, const QString &from, const QString &text);
    // Somebody else's message mentions this user (@name), in a room whose level is not None;
    // while the window is not active, notificationRequested() follows for it too.
    void mentioned(const QString &room, const QString &from, const QString &text);
    void directoryReceived(const QList<sori::protocol::RoomInfo> &rooms);
    // The same page with what it answers: appended (it follows an earlier page of the same
    // query) and more (another page follows: listRooms(query, last name)).
    void directoryPageReceived(const QString &query, const QList<sori::protocol::RoomInfo> &rooms,
                               bool appended, bool more);
    // Something to tell the user in passing: a refusal, a moderation done, missed messages.
    void noticed(const QString &text,
                 sori::chat::ChatSession::Notice kind = sori::chat::ChatSession::Notice::Info);
    // Something succeeded (signed in again, a request answered): earlier problems are old news.
    void problemsCleared();
    // A moderator acted against this user (sanctionText() says it).
    void sanctioned(const sori::protocol::SanctionEvent &sanction);
    // Somebody let this user into a private room: joinRoom(room) enters it.
    void invitedToRoom(const QString &room, const QString &by);
    // The operator's announcement to everyone (once per event).
    void announced(const sori::protocol::AnnouncementEvent &announcement);
    void userInfoChanged(const QString &user);
    // The "New messages" line of room moved (newMessagesAfter()).
    void newMessagesLineChanged(const QString &room);
    // A message to show highlighted (openAt()): the view scrolls to it.
    void highlightRequested(const QString &room, qint64 seq);
    void statusChanged(sori::protocol::PresenceStatus status);
    // A page of people (findPeople()): appended when it follows a page of the same query.
    void peopleFound(const QString &query, const QList<sori::protocol::Person> &people,
                     bool appended, bool more);
    // A page of search results (search()): appended when it follows a page of the same query;
    // while more, search(query, next) gives the next.
    void searchFound(const QString &query, const QList<sori::protocol::MessageEvent> &messages,
                     bool appended, bool more, qint64 next);
    // Answers to the account settings requests (see changePassword()).
    void settingsDone(const QString &action);
    void settingsRefused(const QString &action, const sori::protocol::Error &error);
    void devicesListed(const QList<sori::protocol::DeviceInfo> &devices);
    // A room's notification level changed (from the welcome, or setNotifyLevel()).
    void notifyLevelChanged(const QString &room, sori::protocol::NotifyLevel level);
    // A people search or a search was refused (the reason, translated).
    void lookupFailed(const QString &text);
    // The server's certificate needs the user's decision (see pendingCertificate()). Asked once
    // per refused connection: the client does not retry by itself meanwhile.
    void untrustedCertificate(const sori::chat::CertificateTrust::Check &check);

private:
    void onStateChanged(ChatClient::State state);
    void onWelcomed(const protocol::Welcome &welcome);
    void onJoined(const protocol::Joined &joined);
    void onLeft(const protocol::Left &left);
    void onMessage(const protocol::MessageEvent &message);
    void onHistory(const protocol::History &history);
    void onAck(const protocol::Ack &ack);
    void onPresence(const protocol::PresenceEvent &presence);
    void onTyping(const protocol::TypingEvent &typing);
    void onError(const protocol::Error &error);
    void onDisconnected(int code, const QString &reason);
    void onCertificateRejected(const QSslCertificate &certificate, const QList<QSslError> &errors);
    void onReconnectScheduled(int delayMs, int attempt, const QString &reason);
    void onGap(const protocol::GapEvent &gap);
    void onSlowDown(const protocol::SlowDown &slowDown); // shown in the status bar (noticed)
    void onDone(const protocol::Done &done);
    void onUserInfo(const protocol::UserInfo &info);
    // The welcome's levels (and the local ones of an older version, moved to the server once).
    void applyNotifyLevels(const QList<protocol::NotifySetting> &levels);
    void learnRoles(const QString &room); // asks who the room's members are, once each
    void askAboutPeer(); // whois for the peer of the direct conversation shown, if it is one
    void joinStartRooms();
    void saveRooms();
    void expireTyping();
    void stopComposing();
    QString sendTo(const QString &room, const QString &text, qint64 replyTo = 0,
                   const QList<protocol::Attachment> &files = {});
    void onEdited(const protocol::EditedEvent &edited);
    void onReaction(const protocol::ReactionEvent &reaction);
    void reset(); // forgets rooms and messages (signing out, another user)
    // An admin renamed a room one is in: everything kept by its name moves to the new one.
    void moveRoom(const QString &from, const QString &to);
    void onUnread(const protocol::UnreadEvent &unread);
    void applyUnread(const protocol::UnreadRoom &room);
    void onReadMarker(const protocol::ReadMarker &marker);
    // Counts a message from somebody else as unread unless the room is being read.
    void countMessage(const protocol::MessageEvent &message);
    bool isShown(const QString &room) const; // current, and the window active
    void readShown(); // marks the room shown as read, up to the newest known
    void placeLine(const QString &room); // the "New messages" line, as the room is opened
    void queueRead(const QString &room, qint64 seq);
    void flushReads();
    void applyStatus();
    bool mentionsMe(const protocol::MessageEvent &message) const;
    void requestAround(const QString &room, qint64 seq); // a search result's page

    ChatSettings *m_settings;
    ChatClient m_client;
    CertificateTrust m_trust;
    FileCache m_files{&m_client};
    std::optional<CertificateTrust::Check> m_pendingCertificate;
    RoomListModel m_rooms;
    std::map<QString, std::unique_ptr<MessageListModel>> m_messages;
    std::map<QString, std::unique_ptr<MemberListModel>> m_members;

    QUrl m_url;
    QString m_userName;
    protocol::Role m_role = protocol::Role::Guest;
    bool m_everSignedIn = false; // rooms are joined; later sign-ins are reconnects
    bool m_rejoin = false; // a sign-in of ours after a drop: join the rooms again
    bool m_signingIn = false; // the sign-in the user asked for is under way
    bool m_dropped = false; // lost the connection, not yet back
    QString m_offlineReason;
    std::optional<protocol::SanctionEvent> m_sanction;
    int m_closeCode = 0;
    QElapsedTimer m_reconnectClock;
    int m_reconnectDelayMs = 0;

    QStringList m_startRooms;
    QString m_startCurrent;
    QString m_currentRoom;
    QString m_selectOnJoin;
    bool m_windowActive = true;

    QHash<QString, QString> m_pendingSends; // msgId -> room
    QHash<QString, QString> m_historyRequests; // request id -> room
    QHash<QString, QString> m_joinRequests; // request id -> room
    QHash<QString, std::pair<QString, bool>> m_directoryRequests; // id -> query, appended
    QHash<QString, protocol::Role> m_userRoles; // folded name -> role, from whois
    QHash<QString, protocol::UserInfo> m_userInfos; // folded name -> the last whois answer
    QHash<QString, QString> m_whoisRequests; // request id -> folded name
    QHash<QString, QString> m_inviteRequests; // request id -> the account invited
    QHash<QString, QString> m_settingsRequests; // request id -> its action (account settings)
    QHash<QString, QString> m_notifyRequests; // set_notify id -> room
    QHash<QString, protocol::NotifyLevel> m_notifyLevels; // room -> level, if not All
    QHash<QString, QString> m_changeRequests; // id of an edit or a reaction -> its room
    QHash<QString, std::pair<QString, qint64>> m_quoteRequests; // id -> room, the quoted seq
    QHash<QString, QString> m_aroundRequests; // id of a page around a message -> its room
    QHash<QString, qint64> m_typingSeen; // room + '\n' + user -> when (ms)
    // Unread counts and read markers.
    QHash<QString, qint64> m_countedSeq; // room -> the newest seq counted (or given by "unread")
    QHash<QString, protocol::UnreadRoom> m_unreadWaiting; // followed rooms being joined
    QHash<QString, qint64> m_lineSeq; // room -> newMessagesAfter()
    QHash<QString, qint64> m_readQueued; // room -> the read mark to send
    QHash<QString, qint64> m_readSentAt; // room -> when one was last sent (ms)
    QTimer m_readFlush;
    // Search and people.
    QHash<QString, std::pair<QString, bool>> m_peopleRequests; // id -> query, appended
    QHash<QString, std::pair<QString, bool>> m_searchRequests; // id -> query, appended
    QHash<QString, QString> m_openAtRequests; // id of history {around} for openAt() -> room
    QSet<QString> m_staleHistory; // ids of pages for a window that moved since
    QHash<QString, qint64> m_openAfterJoin; // room being joined -> the seq to show
    QString m_highlightRoom;
    qint64 m_highlightSeq = 0;
    // Presence.
    protocol::PresenceStatus m_chosenStatus = protocol::PresenceStatus::Online;
    protocol::PresenceStatus m_sentStatus = protocol::PresenceStatus::Online;
    bool m_idle = false;
    QTimer m_idleTimer;
    QTimer m_typingExpiry;
    QTimer m_composeStop;
    QElapsedTimer m_typingSent; // when "typing" was last sent; invalid: not typing
    QString m_typingRoom;
};

} // namespace sori::chat
