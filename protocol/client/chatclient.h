// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/closecode.h"
#include "protocol/messages.h"

#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslError>

#include <functional>
#include <memory>

namespace sori {

// One connection to a Sori server speaking protocol v1: connects, says hello, joins rooms,
// sends, and emits a signal for every reply and event. No widgets; used by sori-chat, the tests
// and the benchmarks.
//
// When the connection drops, it comes back by itself: it waits (exponential backoff with
// jitter, capped, reset once a connection has stayed up), signs in again (with the token of an
// account, or as the same guest with its resume key), rejoins its rooms saying the last
// sequence number it has of each, and resends the messages not yet acknowledged with their
// original msgId. What was missed arrives as messageReceived(), in order, each message once.
// It does not come back after disconnectFromServer(), logout(), a kick (4001), a revocation
// (4002), a ban (4003), or a refused sign-in. A close for going far past a rate limit (4004)
// is a drop like any other: it comes back after the backoff.
class ChatClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatClient)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString name READ name NOTIFY welcomed)

public:
    enum class State {
        Disconnected,
        Connecting, // opening the WebSocket
        Greeting, // open, waiting for the answer to "hello"
        Ready, // welcomed: rooms can be joined
        Reconnecting, // dropped; the next attempt comes after reconnectDelay()
    };
    Q_ENUM(State)

    struct ReconnectPolicy
    {
        int initialDelayMs = 500; // the first wait; each failed attempt doubles it
        int maxDelayMs = 30'000; // the cap
        int stableAfterMs = 10'000; // a connection up this long resets the wait
        // A server silent this long is pinged; if it stays silent deadPeerTimeoutMs longer, the
        // connection is taken for lost (a cut network sends no close) and dropped.
        int pingIntervalMs = 10'000;
        int deadPeerTimeoutMs = 10'000;
    };

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    // Opens url (ws:// or wss://) with the sori.v1 subprotocol and says hello with the nickname
    // (empty: the server picks a guest name).
    void connectToServer(const QUrl &url, const QString &name,
                         protocol::ClientKind kind = protocol::ClientKind::Desktop);
    // Signs in to an account (the welcome carries a token: see token()), creates one first, or
    // signs in again with a token from an earlier welcome.
    void signIn(const QUrl &url, const QString &name, const QString &password,
                protocol::ClientKind kind = protocol::ClientKind::Desktop);
    void registerAccount(const QUrl &url, const QString &name, const QString &password,
                         protocol::ClientKind kind = protocol::ClientKind::Desktop);
    void resumeSession(const QUrl &url, const QString &token,
                       protocol::ClientKind kind = protocol::ClientKind::Desktop);
    // Revokes the token on the server; the server then closes the connection.
    void logout();
    // Closes with a normal close frame.
    void disconnectFromServer();
    // Drops the connection without a close frame, as a lost network would.
    void abort();

    State state() const;
    QString name() const; // the name the server granted; empty before welcome
    QUrl url() const;
    QString token() const; // from the last welcome that carried one

    // TLS (wss://). A certificate that verifies against the system's certificate authorities
    // (or those of setSslConfiguration()) is accepted. One that does not is put to the
    // certificate check: if the check accepts it, exactly the errors it was shown are ignored,
    // for this connection only. If it does not (or there is no check), the connection fails
    // (disconnected() with 1015), certificateRejected() comes first, and the client does not
    // come back by itself: reconnectNow() tries again, once the user trusted it say.
    using CertificateCheck = std::function<bool(const QUrl &url, const QSslCertificate &certificate,
                                                const QList<QSslError> &errors)>;
    void setCertificateCheck(CertificateCheck check);
    // The TLS settings of the next connections (tests add their certificate authority).
    void setSslConfiguration(const QSslConfiguration &configuration);
    // The configuration set above (the default one if none was).
    QSslConfiguration sslConfiguration() const;
    // While connected over wss://: true, and the certificate the server presented.
    bool isEncrypted() const;
    QSslCertificate peerCertificate() const;

    // Reconnection (on by default).
    void setAutoReconnect(bool on);
    bool autoReconnect() const;
    void setReconnectPolicy(const ReconnectPolicy &policy);
    // Tries at once instead of waiting (while Reconnecting, or Disconnected after a drop).
    void reconnectNow();
    // Milliseconds until the next attempt while Reconnecting; 0 otherwise.
    int reconnectDelay() const;
    // The rooms this client is in (it rejoins them after a drop), and the last sequence
    // number it has of one (0: none).
    QStringList joinedRooms() const;
    qint64 lastSeq(const QString &room) const;
    // Messages sent and not acknowledged yet (sent again after a reconnect), by msgId.
    QStringList pendingMessages() const;

    // Each request returns its id; the reply (or an error) carries the same id.
    QString join(const QString &room);
    QString leave(const QString &room);
    // Returns the message's msgId (also the request id): the ack and the event carry it.
    // replyTo: the seq of the message of the room it answers (0: none). attachments: ids of
    // files uploaded for the room (FileTransfer::upload); with one at least, text may be empty.
    QString sendMessage(const QString &room, const QString &text, qint64 replyTo = 0,
                        const QStringList &attachments = {});
    // A direct message to an account; returns its msgId. The conversation is a room of kind
    // Direct that both sides are joined to (joined() comes first).
    QString sendDirect(const QString &to, const QString &text, qint64 replyTo = 0,
                       const QStringList &attachments = {});
    void setTyping(const QString &room, bool active);
    // Older messages: those before sequence number `before` (0: the newest), at most `limit`.
    // With after > 0, newer ones instead: the oldest of those after `after` (and before
    // `before`, unless 0). Either page may be cut by bytes; `more` then says so.
    QString requestHistory(const QString &room, qint64 before, int limit = 50, qint64 after = 0);
    // At most `limit` messages around seq `around` (itself included): historyReceived().
    QString requestHistoryAround(const QString &room, qint64 around, int limit = 50);
    // One's own message (the answer is acknowledged(), with the edit's own seq, or
    // errorReceived()); the room gets messageEdited().
    QString editMessage(const QString &room, qint64 seq, const QString &text);
    // Adds (on) or takes back an emoji reaction: reactionChanged() for everybody in the room.
    QString react(const QString &room, qint64 seq, const QString &emoji, bool on = true);
    // "Read up to seq": no answer; the account's other connections get readMarked().
    void markRead(const QString &room, qint64 seq);
    // Online, away or do not disturb: the answer is done() (action "status").
    QString setStatus(protocol::PresenceStatus status);
    // A page of accounts: peopleFound().
    QString findPeople(const QString &query, const QString &after = {}, int limit = 0);
    // A page of search results, newest first: searchResults(); the next page: before = next.
    QString search(const QString &query, const QString &room = {}, qint64 before = 0,
                   int limit = 0);
    // Creates a room and joins it (the answer is joined()).
    QString createRoom(const QString &room, protocol::RoomKind kind, const QString &topic = {});
    // A page of the rooms (see protocol::ListRooms): roomsListed() answers; while its `more` is
    // true, ask again with `after` set to the last room's name.
    QString listRooms(const QString &query = {}, const QString &after = {}, int limit = 0);
    // Admins: the answer is done() (action "archive_room" / "delete_room") or errorReceived().
    QString archiveRoom(const QString &room);
    QString deleteRoom(const QString &room, const QString &reason = {});
    QString invite(const QString &room, const QString &user);
    // Moderation (moderators and admins): the answer is done() or errorReceived().
    QString kick(const QString &user, const QString &reason = {});
    QString ban(const QString &user, qint64 minutes = 0, const QString &reason = {});
    QString mute(const QString &user, const QString &room = {}, qint64 minutes = 0,
                 const QString &reason = {});
    QString deleteMessage(const QString &room, qint64 seq);
    QString banAddress(const QString &address, qint64 minutes = 0, const QString &reason = {});
    QString revokeTokens(const QString &user);
    // Who someone is and when they were last online: the answer is userInfo().
    QString whois(const QString &user);
    // Moderation tools (docs/protocol.md §13). Ends a ban or a mute early (done(), action
    // "lift"): liftBan() by name, liftBanOfAddress() by address, liftMute() in one room (empty:
    // the everywhere mute).
    QString liftBan(const QString &user);
    QString liftBanOfAddress(const QString &address);
    QString liftMute(const QString &user, const QString &room = {});
    // A page of the active bans and mutes, newest first: sanctionsListed(); the next page:
    // after = its `next`.
    QString listSanctions(const QString &after = {}, int limit = 0);
    // A page of the audit log, newest first (the filters as in protocol::ReadAudit):
    // auditRead(); the next page: before = the last entry's id.
    QString readAudit(const protocol::ReadAudit &filter);
    // A room's topic (done(), action "set_topic"; the room's members get roomChanged()).
    QString setTopic(const QString &room, const QString &topic);
    // Admins: make an account a member or a moderator (done(), action "set_role"; the person's
    // connections get roleChanged()).
    QString setRole(const QString &user, protocol::Role role);
    // Room administration (done(), action "rename_room" / "unarchive_room" / "remove_member";
    // the room's members, or the removed person, get roomChanged()). A rename is followed here:
    // the room is rejoined under its new name after a reconnect.
    QString renameRoom(const QString &room, const QString &name);
    QString unarchiveRoom(const QString &room);
    QString removeMember(const QString &room, const QString &user);

    // Account settings (docs/protocol.md §15), for accounts. A new password given the current
    // one (done(), action "change_password"); others: sign out every other device too.
    QString changePassword(const QString &oldPassword, const QString &newPassword, bool others);
    // This account's signed-in devices: devicesListed().
    QString listDevices();
    // Signs one device out (done(), action "end_device"); its connections close with 4002.
    QString endDevice(const QString &device);
    // How much a room may call for attention (done(), action "set_notify").
    QString setNotify(const QString &room, protocol::NotifyLevel level);

Q_SIGNALS:
    void stateChanged(sori::ChatClient::State state);
    void welcomed(const sori::protocol::Welcome &welcome);
    void joined(const sori::protocol::Joined &joined);
    void left(const sori::protocol::Left &left);
    void acknowledged(const sori::protocol::Ack &ack);
    void messageReceived(const sori::protocol::MessageEvent &message);
    void presenceChanged(const sori::protocol::PresenceEvent &presence);
    void typingChanged(const sori::protocol::TypingEvent &typing);
    // Stored messages: right after joined() (the latest), and in answer to requestHistory().
    void historyReceived(const sori::protocol::History &history);
    void loggedOut();
    void roomsListed(const sori::protocol::RoomList &rooms);
    void invited(const sori::protocol::Invited &invited);
    void done(const sori::protocol::Done &done);
    void messageDeleted(const sori::protocol::DeletedEvent &deleted);
    void messageEdited(const sori::protocol::EditedEvent &edited);
    void reactionChanged(const sori::protocol::ReactionEvent &reaction);
    void readMarked(const sori::protocol::ReadMarker &read);
    // Right after welcomed(): the rooms the account follows, with what it has not read.
    void unreadReceived(const sori::protocol::UnreadEvent &unread);
    void peopleFound(const sori::protocol::People &people);
    void searchResults(const sori::protocol::SearchResults &results);
    // A room of ours was archived or deleted (after "deleted" we are no longer in it).
    void roomChanged(const sori::protocol::RoomChangedEvent &change);
    // The server refused a request (or a frame); error.id names the request.
    void errorReceived(const sori::protocol::Error &error);
    // The server's certificate did not verify and the certificate check did not accept it (see
    // setCertificateCheck()); disconnected() follows.
    void certificateRejected(const QSslCertificate &certificate, const QList<QSslError> &errors);
    // The connection closed; closeCode is the WebSocket close code (1006 when it just dropped).
    void disconnected(int closeCode, const QString &reason);
    // After a drop: the next attempt comes in delayMs (attempt counts from 1).
    void reconnectScheduled(int delayMs, int attempt, const QString &reason);
    // Signed in again after a drop; the rooms are being rejoined.
    void reconnected();
    // Messages of a room that will not come after a rejoin (see protocol GapEvent).
    void gapDetected(const sori::protocol::GapEvent &gap);
    void userInfo(const sori::protocol::UserInfo &info);
    // Over a rate limit: requests of slowDown.kind are refused (typing: dropped) for about
    // slowDown.waitMs. A client that keeps going far past the limit is closed (4004).
    void slowDown(const sori::protocol::SlowDown &slowDown);
    // A moderator acted against this user: kicked, banned, muted or signed out. A kick, ban or
    // sign-out is followed by the server's close frame.
    void sanctioned(const sori::protocol::SanctionEvent &sanction);
    // The operator's announcement to everyone.
    void announced(const sori::protocol::AnnouncementEvent &announcement);
    // Answers of the moderation tools, and this account's new role (an admin changed it).
    void sanctionsListed(const sori::protocol::SanctionList &sanctions);
    void auditRead(const sori::protocol::AuditPage &audit);
    void roleChanged(const sori::protocol::RoleChangedEvent &role);
    // The answer to "devices" (account settings): this account's signed-in devices.
    void devicesListed(const sori::protocol::DeviceList &devices);

private:
    void open(const QUrl &url, protocol::ClientMessage greeting);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sori
