// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chatsession.h"

#include "core/chatlogging.h"
#include "core/chatsettings.h"
#include "protocol/closecode.h"
#include "protocol/messagecodec.h"
#include "protocol/validation.h"

#include <QtCore/QDateTime>
#include <QtCore/QEventLoop>
#include <QtCore/QLocale>

using namespace Qt::StringLiterals;

namespace sori::chat {

using namespace protocol;

namespace {
constexpr int TypingRepeatMs = 3000; // "typing" is said again while typing goes on
constexpr int TypingStopMs = 4000; // quiet this long: no longer typing
constexpr qint64 TypingShownMs = 8000; // somebody else's "typing" without news fades away
constexpr int HistoryPage = 100;
constexpr int QuitCloseTimeoutMs = 2000; // the most quitting waits for the close handshake
constexpr qint64 ReadEveryMs = 1000; // a room's read mark goes out at most this often
constexpr int SearchPage = 50;
constexpr int PeoplePage = 50;

QString typingKey(const QString &room, const QString &user)
{
    return room + u'\n' + user.toCaseFolded();
}
} // namespace

ChatSession::ChatSession(ChatSettings *settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_trust(settings)
{
    // Only the certificate the user pinned for this server gets past a failed verification.
    m_client.setCertificateCheck([this](const QUrl &url, const QSslCertificate &certificate,
                                        const QList<QSslError> &errors) {
        return m_trust.check(url, certificate, errors).verdict == CertificateTrust::Verdict::Pinned;
    });
    connect(&m_client, &ChatClient::certificateRejected, this,
            [this](const QSslCertificate &certificate, const QList<QSslError> &errors) {
                onCertificateRejected(certificate, errors);
            });
    connect(&m_client, &ChatClient::stateChanged, this,
            [this](ChatClient::State state) { onStateChanged(state); });
    connect(&m_client, &ChatClient::welcomed, this, [this](const Welcome &w) { onWelcomed(w); });
    connect(&m_client, &ChatClient::joined, this, [this](const Joined &j) { onJoined(j); });
    connect(&m_client, &ChatClient::left, this, [this](const Left &l) { onLeft(l); });
    connect(&m_client, &ChatClient::messageReceived, this,
            [this](const MessageEvent &m) { onMessage(m); });
    connect(&m_client, &ChatClient::historyReceived, this,
            [this](const History &h) { onHistory(h); });
    connect(&m_client, &ChatClient::acknowledged, this, [this](const Ack &a) { onAck(a); });
    connect(&m_client, &ChatClient::presenceChanged, this,
            [this](const PresenceEvent &p) { onPresence(p); });
    connect(&m_client, &ChatClient::typingChanged, this,
            [this](const TypingEvent &t) { onTyping(t); });
    connect(&m_client, &ChatClient::errorReceived, this, [this](const Error &e) { onError(e); });
    connect(&m_client, &ChatClient::disconnected, this,
            [this](int code, const QString &reason) { onDisconnected(code, reason); });
    connect(&m_client, &ChatClient::reconnectScheduled, this,
            [this](int delayMs, int attempt, const QString &reason) {
                onReconnectScheduled(delayMs, attempt, reason);
            });
    connect(&m_client, &ChatClient::gapDetected, this, [this](const GapEvent &g) { onGap(g); });
    connect(&m_client, &ChatClient::slowDown, this, [this](const SlowDown &s) { onSlowDown(s); });
    connect(&m_client, &ChatClient::done, this, [this](const Done &d) { onDone(d); });
    connect(&m_client, &ChatClient::devicesListed, this, [this](const DeviceList &list) {
        m_settingsRequests.remove(list.id);
        Q_EMIT devicesListed(list.devices);
    });
    connect(&m_client, &ChatClient::userInfo, this, [this](const UserInfo &u) { onUserInfo(u); });
    connect(&m_client, &ChatClient::messageDeleted, this,
            [this](const DeletedEvent &d) { messages(d.room)->markDeleted(d.seq); });
    connect(&m_client, &ChatClient::messageEdited, this,
            [this](const EditedEvent &e) { onEdited(e); });
    connect(&m_client, &ChatClient::reactionChanged, this,
            [this](const ReactionEvent &r) { onReaction(r); });
    connect(&m_client, &ChatClient::roomsListed, this, [this](const RoomList &list) {
        Q_EMIT directoryReceived(list.rooms);
        const auto asked = m_directoryRequests.take(list.id);
        Q_EMIT directoryPageReceived(asked.first, list.rooms, asked.second, list.more);
    });
    connect(&m_client, &ChatClient::roomChanged, this, [this](const RoomChangedEvent &change) {
        if (change.change == RoomChange::Deleted) {
            onLeft(Left{{}, change.room});
            Q_EMIT noticed(tr("#%1 was deleted by %2.").arg(change.room, change.by));
        } else if (change.change == RoomChange::Archived) {
            Q_EMIT noticed(tr("#%1 was archived by %2: it can be read; nobody can post in it.")
                               .arg(change.room, change.by));
        } else if (change.change == RoomChange::Topic) {
            if (const auto *known = m_rooms.entry(change.room)) {
                RoomListModel::Entry entry = *known;
                entry.topic = change.topic;
                m_rooms.upsert(entry);
            }
            Q_EMIT noticed(tr("%1 changed the topic of #%2.").arg(change.by, change.room));
        } else if (change.change == RoomChange::Renamed && !change.name.isEmpty()) {
            // The same room under a new name: the server moved this connection with it, and
            // ChatClient follows it there (a reconnect rejoins it by the new name).
            moveRoom(change.room, change.name);
            Q_EMIT noticed(tr("%1 renamed #%2 to #%3.").arg(change.by, change.room, change.name));
        } else if (change.change == RoomChange::Unarchived) {
            Q_EMIT noticed(tr("%1 took #%2 out of the archive: everyone can post in it again.")
                               .arg(change.by, change.room));
        } else if (change.change == RoomChange::Removed) {
            // Taken out of a private room: it goes from the list and is not joined again.
            onLeft(Left{{}, change.room});
            Q_EMIT noticed(tr("%1 took you out of #%2.").arg(change.by, change.room),
                           Notice::Problem);
        }
    });
    connect(&m_client, &ChatClient::roleChanged, this, [this](const RoleChangedEvent &role) {
        // The moderation menus ask canModerate() when they open: they follow at once.
        m_role = role.role;
        for (auto &[room, model] : m_messages)
            model->setOwnRole(m_role);
        Q_EMIT noticed(role.role == Role::Moderator
                           ? tr("%1 made you a moderator.").arg(role.by)
                           : tr("%1 made you a member again.").arg(role.by));
    });
    connect(&m_client, &ChatClient::invited, this, [this](const Invited &invited) {
        if (invited.id.isEmpty()) {
            // Not the answer to our "invite": somebody let us in.
            Q_EMIT invitedToRoom(invited.room, invited.by);
            Q_EMIT noticed(tr("%1 invited you to #%2.").arg(invited.by, invited.room));
            return;
        }
        m_inviteRequests.remove(invited.id);
        Q_EMIT problemsCleared();
        Q_EMIT noticed(tr("%1 may join #%2 now.").arg(invited.user, invited.room));
    });
    connect(&m_client, &ChatClient::sanctioned, this, [this](const SanctionEvent &sanction) {
        qCInfo(lcChat) << "sanctioned by" << sanction.by << "action" << int(sanction.action);
        // A kick, ban or sign-out closes the connection next: the close is explained by it.
        if (sanction.action != SanctionAction::Mute)
            m_sanction = sanction;
        Q_EMIT sanctioned(sanction);
        Q_EMIT noticed(sanctionText(sanction), Notice::Problem);
    });
    connect(&m_client, &ChatClient::announced, this,
            [this](const AnnouncementEvent &announcement) { Q_EMIT announced(announcement); });
    connect(&m_client, &ChatClient::loggedOut, this,
            [this] { qCInfo(lcChat) << "signed out on the server"; });
    connect(&m_rooms, &RoomListModel::totalUnreadChanged, this, &ChatSession::totalUnreadChanged);
    connect(&m_client, &ChatClient::unreadReceived, this,
            [this](const UnreadEvent &u) { onUnread(u); });
    connect(&m_client, &ChatClient::readMarked, this,
            [this](const ReadMarker &r) { onReadMarker(r); });
    connect(&m_client, &ChatClient::peopleFound, this, [this](const People &people) {
        const auto asked = m_peopleRequests.take(people.id);
        Q_EMIT peopleFound(asked.first, people.people, asked.second, people.more);
    });
    connect(&m_client, &ChatClient::searchResults, this, [this](const SearchResults &results) {
        const auto asked = m_searchRequests.take(results.id);
        Q_EMIT searchFound(asked.first, results.messages, asked.second, results.more, results.next);
    });
    m_readFlush.setSingleShot(true);
    connect(&m_readFlush, &QTimer::timeout, this, [this] { flushReads(); });
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_settings->idleAwayMinutes() * 60'000);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        m_idle = true;
        applyStatus();
    });

    m_typingExpiry.setInterval(1000);
    connect(&m_typingExpiry, &QTimer::timeout, this, [this] { expireTyping(); });
    m_composeStop.setSingleShot(true);
    m_composeStop.setInterval(TypingStopMs);
    connect(&m_composeStop, &QTimer::timeout, this, [this] { stopComposing(); });
}

ChatSession::~ChatSession()
{
    m_client.disconnect(this);
}

// ---- Signing in

void ChatSession::signInAsGuest(const QUrl &url, const QString &name)
{
    m_url = url;
    m_signingIn = true;
    m_settings->setSignInMode(ChatSettings::SignInMode::Guest);
    m_client.connectToServer(url, name);
}

void ChatSession::signIn(const QUrl &url, const QString &name, const QString &password)
{
    m_url = url;
    m_signingIn = true;
    m_settings->setSignInMode(ChatSettings::SignInMode::Account);
    m_client.signIn(url, name, password);
}

void ChatSession::registerAccount(const QUrl &url, const QString &name, const QString &password)
{
    m_url = url;
    m_signingIn = true;
    m_settings->setSignInMode(ChatSettings::SignInMode::Account);
    m_client.registerAccount(url, name, password);
}

bool ChatSession::resumeStoredSignIn()
{
    const QString token = m_settings->token();
    if (token.isEmpty() || m_settings->signInMode() != ChatSettings::SignInMode::Account)
        return false;
    m_url = m_settings->serverUrl();
    m_signingIn = true;
    m_client.resumeSession(m_url, token);
    return true;
}

void ChatSession::signOut()
{
    stopComposing();
    m_settings->forgetToken();
    m_settings->sync();
    if (m_client.state() == ChatClient::State::Ready && isAccount())
        m_client.logout(); // the server closes the connection
    else
        m_client.disconnectFromServer();
    reset();
    m_offlineReason = tr("Signed out");
    Q_EMIT connectionChanged();
    Q_EMIT signedOut();
}

void ChatSession::reset()
{
    m_everSignedIn = false;
    m_rejoin = false;
    m_dropped = false;
    // The views let go of the models before they go.
    m_currentRoom.clear();
    Q_EMIT currentRoomChanged({});
    m_selectOnJoin.clear();
    m_notifyLevels.clear();
    m_notifyRequests.clear();
    m_settingsRequests.clear();
    m_files.clear();
    m_pendingSends.clear();
    m_historyRequests.clear();
    m_joinRequests.clear();
    m_typingSeen.clear();
    m_userRoles.clear();
    m_userInfos.clear();
    m_whoisRequests.clear();
    m_inviteRequests.clear();
    m_countedSeq.clear();
    m_unreadWaiting.clear();
    m_lineSeq.clear();
    m_readQueued.clear();
    m_readSentAt.clear();
    m_peopleRequests.clear();
    m_searchRequests.clear();
    m_aroundRequests.clear();
    m_openAtRequests.clear();
    m_staleHistory.clear();
    m_openAfterJoin.clear();
    m_highlightRoom.clear();
    m_highlightSeq = 0;
    for (const QString &room : m_rooms.rooms())
        m_rooms.remove(room);
    m_messages.clear();
    m_members.clear();
}

void ChatSession::setStartRooms(const QStringList &rooms, const QString &current)
{
    m_startRooms = rooms;
    m_startCurrent = current;
}

void ChatSession::reconnectNow()
{
    switch (m_client.state()) {
    case ChatClient::State::Reconnecting:
        m_client.reconnectNow();
        return;
    case ChatClient::State::Disconnected:
        m_client.reconnectNow(); // picks up after a drop
        if (m_client.state() != ChatClient::State::Disconnected)
            return;
        break;
    default:
        return; // already trying
    }
    // Not a drop the client comes back from by itself (a kick, a refused sign-in...): sign in
    // again with what we have, and join the rooms again.
    if (m_url.isEmpty())
        return;
    m_rejoin = m_everSignedIn;
    m_dropped = m_everSignedIn;
    if (isAccount() && !m_client.token().isEmpty())
        m_client.resumeSession(m_url, m_client.token());
    else if (isAccount() && !m_settings->token().isEmpty())
        m_client.resumeSession(m_url, m_settings->token());
    else
        m_client.connectToServer(m_url, m_userName);
}

void ChatSession::closeForQuit()
{
    stopComposing();
    if (m_client.state() == ChatClient::State::Disconnected)
        return;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&m_client, &ChatClient::stateChanged, &loop, [&loop](ChatClient::State state) {
        if (state == ChatClient::State::Disconnected)
            loop.quit();
    });
    m_client.disconnectFromServer();
    if (m_client.state() == ChatClient::State::Disconnected)
        return;
    timeout.start(QuitCloseTimeoutMs);
    loop.exec();
    if (m_client.state() != ChatClient::State::Disconnected)
        qCInfo(lcChat) << "quitting without the server's answer to our close frame";
}

// ---- Certificates

void ChatSession::onCertificateRejected(const QSslCertificate &certificate,
                                        const QList<QSslError> &errors)
{
    m_pendingCertificate = m_trust.check(m_client.url(), certificate, errors);
    qCWarning(lcChat) << "the certificate of" << m_pendingCertificate->server << "("
                      << m_pendingCertificate->fingerprint.toHex() << ") was refused:" << errors
                      << "verdict" << int(m_pendingCertificate->verdict);
    Q_EMIT untrustedCertificate(*m_pendingCertificate);
}

void ChatSession::trustCertificate()
{
    if (!m_pendingCertificate)
        return;
    const CertificateTrust::Check check = *std::exchange(m_pendingCertificate, std::nullopt);
    if (check.verdict == CertificateTrust::Verdict::Refused)
        return;
    m_trust.trust(check);
    // The same sign-in (or reconnect) as before, now past the certificate.
    m_client.reconnectNow();
    Q_EMIT connectionChanged();
}

void ChatSession::declineCertificate()
{
    if (!std::exchange(m_pendingCertificate, std::nullopt))
        return;
    // A sign-in that waits for the user to trust the certificate fails only if they decline.
    if (m_signingIn && !m_everSignedIn && !m_pendingCertificate) {
        m_signingIn = false;
        Q_EMIT signInFailed(ErrorCode::Internal,
                            tr("The server's certificate was not trusted: not connected."));
    }
    Q_EMIT connectionChanged();
}

bool ChatSession::serverCertificatePinned() const
{
    const QSslCertificate certificate = m_client.peerCertificate();
    return !certificate.isNull()
        && m_trust.pinnedFingerprint(m_client.url()) == CertificateTrust::fingerprint(certificate);
}

// ---- State

ChatSession::Connection ChatSession::connection() const
{
    switch (m_client.state()) {
    case ChatClient::State::Ready:
        return Connection::Connected;
    case ChatClient::State::Reconnecting:
        return Connection::Reconnecting;
    case ChatClient::State::Connecting:
    case ChatClient::State::Greeting:
        return m_dropped ? Connection::Reconnecting : Connection::Connecting;
    case ChatClient::State::Disconnected:
        break;
    }
    return Connection::Offline;
}

int ChatSession::reconnectSeconds() const
{
    if (m_client.state() != ChatClient::State::Reconnecting || !m_reconnectClock.isValid())
        return 0;
    const qint64 left = m_reconnectDelayMs - m_reconnectClock.elapsed();
    return left <= 0 ? 0 : int((left + 999) / 1000);
}

bool ChatSession::canModerate() const
{
    return m_role == Role::Moderator || m_role == Role::Admin;
}

MessageListModel *ChatSession::messages(const QString &room)
{
    auto &model = m_messages[room];
    if (!model) {
        model = std::make_unique<MessageListModel>(room);
        model->setOwnName(m_userName);
        model->setOwnRole(m_role);
        model->setPageSize(HistoryPage);
        // A reply's quote far up, and the page around a message one goes to.
        connect(model.get(), &MessageListModel::quoteRequested, this,
                [this](const QString &room, qint64 seq) {
                    if (m_client.state() == ChatClient::State::Ready)
                        m_quoteRequests.insert(m_client.requestHistoryAround(room, seq, 1),
                                               {room, seq});
                });
        connect(model.get(), &MessageListModel::aroundRequested, this,
                [this](const QString &room, qint64 seq, int limit) {
                    if (m_client.state() != ChatClient::State::Ready) {
                        messages(room)->addAroundPage({}, false, false);
                        return;
                    }
                    m_aroundRequests.insert(m_client.requestHistoryAround(room, seq, limit), room);
                });
        connect(model.get(), &MessageListModel::pageRequested, this,
                [this](const QString &room, qint64 before, int limit, qint64 after) {
                    if (m_client.state() != ChatClient::State::Ready) {
                        messages(room)->pageFailed();
                        return;
                    }
                    m_historyRequests.insert(m_client.requestHistory(room, before, limit, after),
                                             room);
                });
    }
    return model.get();
}

MemberListModel *ChatSession::members(const QString &room)
{
    auto &model = m_members[room];
    if (!model) {
        model = std::make_unique<MemberListModel>(room);
        model->setSelf(m_userName);
        connect(model.get(), &MemberListModel::typingChanged, this,
                [this, room](const QStringList &names) { Q_EMIT typingChanged(room, names); });
    }
    return model.get();
}

QStringList ChatSession::mentionCandidates(const QString &room)
{
    QStringList names;
    const auto add = [&](const QString &name) {
        if (!name.isEmpty() && name.compare(m_userName, Qt::CaseInsensitive) != 0
            && !names.contains(name, Qt::CaseInsensitive))
            names.append(name);
    };
    for (const QString &name : members(room)->names())
        add(name);
    const MessageListModel *model = messages(room);
    for (int row = model->rowCount() - 1; row >= 0; --row)
        add(model->entry(row).from);
    return names;
}

QStringList ChatSession::typing(const QString &room)
{
    return members(room)->typing();
}

void ChatSession::setCurrentRoom(const QString &room)
{
    if (room == m_currentRoom)
        return;
    stopComposing();
    m_currentRoom = room;
    if (m_windowActive)
        placeLine(room);
    if (m_highlightRoom != room) {
        m_highlightRoom.clear();
        m_highlightSeq = 0;
    }
    if (m_windowActive)
        m_rooms.clearUnread(room);
    Q_EMIT currentRoomChanged(room);
    readShown();
    askAboutPeer();
}

void ChatSession::askAboutPeer()
{
    const RoomListModel::Entry *entry = m_rooms.entry(m_currentRoom);
    if (!entry || entry->kind != RoomKind::Direct || entry->peer.isEmpty()
        || m_client.state() != ChatClient::State::Ready)
        return;
    m_whoisRequests.insert(m_client.whois(entry->peer), entry->peer.toCaseFolded());
}

std::optional<UserInfo> ChatSession::userInfo(const QString &user) const
{
    const auto it = m_userInfos.constFind(user.toCaseFolded());
    if (it == m_userInfos.cend())
        return std::nullopt;
    return *it;
}

void ChatSession::setWindowActive(bool active)
{
    m_windowActive = active;
    if (active && !m_currentRoom.isEmpty()) {
        placeLine(m_currentRoom);
        m_rooms.clearUnread(m_currentRoom);
        readShown();
    }
}

// ---- Actions

void ChatSession::joinRoom(const QString &room)
{
    if (m_rooms.entry(room) && m_rooms.entry(room)->joined) {
        setCurrentRoom(room);
        return;
    }
    m_selectOnJoin = room;
    m_joinRequests.insert(m_client.join(room), room);
}

void ChatSession::leaveRoom(const QString &room)
{
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    if (!entry)
        return;
    if (entry->joined && entry->kind != RoomKind::Direct) {
        m_client.leave(room);
        return; // the rest when "left" comes
    }
    onLeft(Left{{}, room});
}

void ChatSession::createRoom(const QString &room, RoomKind kind, const QString &topic)
{
    m_selectOnJoin = room;
    m_joinRequests.insert(m_client.createRoom(room, kind, topic), room);
}

void ChatSession::listRooms(const QString &query, const QString &after)
{
    // A page a screen can show; the rest on demand.
    constexpr int Page = 100;
    m_directoryRequests.insert(m_client.listRooms(query, after, Page), {query, !after.isEmpty()});
}

QString ChatSession::openDirect(const QString &user)
{
    const QString room = directRoomName(m_userName, user);
    if (!m_rooms.entry(room)) {
        RoomListModel::Entry entry;
        entry.room = room;
        entry.kind = RoomKind::Direct;
        entry.peer = user;
        entry.joined = false;
        m_rooms.upsert(entry);
    }
    setCurrentRoom(room);
    return room;
}

QString ChatSession::send(const QString &text, qint64 replyTo)
{
    return sendWithFiles(m_currentRoom, text, replyTo, {});
}

QString ChatSession::sendWithFiles(const QString &room, const QString &text, qint64 replyTo,
                                   const QList<protocol::Attachment> &files)
{
    if (room.isEmpty() || !m_rooms.entry(room) || (text.trimmed().isEmpty() && files.isEmpty()))
        return {};
    if (room == m_currentRoom)
        stopComposing();
    const QString msgId = sendTo(room, text, replyTo, files);
    messages(room)->addPending(msgId, text, replyTo, files);
    return msgId;
}

void ChatSession::editMessage(const QString &room, qint64 seq, const QString &text)
{
    if (room.isEmpty() || seq <= 0 || text.trimmed().isEmpty())
        return;
    m_changeRequests.insert(m_client.editMessage(room, seq, text), room);
}

void ChatSession::react(const QString &room, qint64 seq, const QString &emoji, bool on)
{
    if (room.isEmpty() || seq <= 0 || emoji.isEmpty())
        return;
    m_changeRequests.insert(m_client.react(room, seq, emoji, on), room);
}

void ChatSession::onEdited(const EditedEvent &edited)
{
    messages(edited.room)->applyEdit(edited.seq, edited.text, edited.time, edited.mentions);
}

void ChatSession::onReaction(const ReactionEvent &reaction)
{
    messages(reaction.room)
        ->applyReaction(reaction.seq, reaction.emoji, reaction.user, reaction.on);
}

QString ChatSession::sendTo(const QString &room, const QString &text, qint64 replyTo,
                            const QList<protocol::Attachment> &files)
{
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    QStringList ids;
    for (const protocol::Attachment &file : files)
        ids.append(file.id);
    QString msgId;
    if (entry && entry->kind == RoomKind::Direct && !entry->peer.isEmpty())
        msgId = m_client.sendDirect(entry->peer, text, replyTo, ids);
    else
        msgId = m_client.sendMessage(room, text, replyTo, ids);
    m_pendingSends.insert(msgId, room);
    return msgId;
}

void ChatSession::retry(const QString &room, const QString &msgId)
{
    MessageListModel *model = messages(room);
    const int row = model->rowOfMsgId(msgId);
    if (row < 0 || model->entry(row).delivery != MessageListModel::Delivery::Failed)
        return;
    const QString newId = sendTo(room, model->entry(row).text, model->entry(row).replyTo,
                                 model->entry(row).attachments);
    model->markResent(msgId, newId);
}

void ChatSession::setComposing(bool composing)
{
    if (!composing) {
        stopComposing();
        return;
    }
    if (m_currentRoom.isEmpty() || m_client.state() != ChatClient::State::Ready)
        return;
    const RoomListModel::Entry *entry = m_rooms.entry(m_currentRoom);
    if (!entry || !entry->joined)
        return;
    if (!m_typingSent.isValid() || m_typingSent.elapsed() > TypingRepeatMs
        || m_typingRoom != m_currentRoom) {
        if (m_typingRoom != m_currentRoom)
            stopComposing();
        m_client.setTyping(m_currentRoom, true);
        m_typingSent.start();
        m_typingRoom = m_currentRoom;
    }
    m_composeStop.start();
}

void ChatSession::stopComposing()
{
    m_composeStop.stop();
    if (!m_typingSent.isValid())
        return;
    m_typingSent.invalidate();
    if (m_client.state() == ChatClient::State::Ready && m_rooms.entry(m_typingRoom))
        m_client.setTyping(m_typingRoom, false);
}

void ChatSession::setNotifyLevel(const QString &room, NotifyLevel level)
{
    if (level == NotifyLevel::All)
        m_notifyLevels.remove(room);
    else
        m_notifyLevels.insert(room, level);
    m_rooms.setNotify(room, level);
    // A direct conversation's name is no room name for set_notify: it always says all.
    if (isAccount() && m_client.state() == ChatClient::State::Ready && isValidRoomName(room))
        m_notifyRequests.insert(m_client.setNotify(room, level), room);
    Q_EMIT notifyLevelChanged(room, level);
}

NotifyLevel ChatSession::notifyLevel(const QString &room) const
{
    return m_notifyLevels.value(room, NotifyLevel::All);
}

void ChatSession::changePassword(const QString &oldPassword, const QString &newPassword,
                                 bool others)
{
    m_settingsRequests.insert(m_client.changePassword(oldPassword, newPassword, others),
                              u"change_password"_s);
}

void ChatSession::listDevices()
{
    m_settingsRequests.insert(m_client.listDevices(), u"devices"_s);
}

void ChatSession::endDevice(const QString &device)
{
    m_settingsRequests.insert(m_client.endDevice(device), u"end_device"_s);
}

void ChatSession::applyNotifyLevels(const QList<NotifySetting> &levels)
{
    QHash<QString, NotifyLevel> next;
    for (const NotifySetting &setting : levels) {
        if (setting.level != NotifyLevel::All)
            next.insert(setting.room, setting.level);
    }
    // Before this version, a room's notifications were a local switch: a room switched off
    // becomes "none" on the server, once, and the local list is forgotten.
    const QStringList silenced = m_settings->silencedRooms();
    for (const QString &room : silenced) {
        if (isValidRoomName(room) && !next.contains(room)) {
            next.insert(room, NotifyLevel::None);
            m_notifyRequests.insert(m_client.setNotify(room, NotifyLevel::None), room);
        }
    }
    if (!silenced.isEmpty()) {
        qCInfo(lcChat) << "moved" << silenced.size() << "silenced rooms to the server";
        m_settings->forgetSilencedRooms();
        m_settings->sync();
    }
    const QHash<QString, NotifyLevel> before = std::exchange(m_notifyLevels, next);
    for (const QString &room : m_rooms.rooms()) {
        const NotifyLevel level = notifyLevel(room);
        m_rooms.setNotify(room, level);
        if (level != before.value(room, NotifyLevel::All))
            Q_EMIT notifyLevelChanged(room, level);
    }
}

void ChatSession::kick(const QString &user, const QString &reason)
{
    m_client.kick(user, reason);
}

void ChatSession::setTopic(const QString &room, const QString &topic)
{
    m_client.setTopic(room, topic);
}

void ChatSession::renameRoom(const QString &room, const QString &name)
{
    m_client.renameRoom(room, name);
}

void ChatSession::unarchiveRoom(const QString &room)
{
    m_client.unarchiveRoom(room);
}

void ChatSession::setRole(const QString &user, Role role)
{
    m_client.setRole(user, role);
    // Asked again right after: the server answers in order, with the new role.
    m_whoisRequests.insert(m_client.whois(user), user.toCaseFolded());
}

void ChatSession::removeMember(const QString &room, const QString &user)
{
    m_client.removeMember(room, user);
}

void ChatSession::ban(const QString &user, qint64 minutes, const QString &reason)
{
    m_client.ban(user, minutes, reason);
}

void ChatSession::mute(const QString &user, const QString &room, qint64 minutes,
                       const QString &reason)
{
    m_client.mute(user, room, minutes, reason);
}

void ChatSession::deleteMessage(const QString &room, qint64 seq)
{
    m_client.deleteMessage(room, seq);
}

void ChatSession::invite(const QString &room, const QString &user)
{
    m_inviteRequests.insert(m_client.invite(room, user), user);
}

void ChatSession::moveRoom(const QString &from, const QString &to)
{
    if (!m_rooms.entry(from) || m_rooms.entry(to))
        return;
    m_rooms.rename(from, to);
    const auto moveModel = [&](auto &models) {
        auto node = models.extract(from);
        if (node.empty())
            return;
        node.key() = to;
        node.mapped()->setRoom(to);
        models.insert(std::move(node));
    };
    moveModel(m_messages);
    moveModel(m_members);
    const auto moveKey = [&](auto &hash) {
        if (hash.contains(from))
            hash.insert(to, hash.take(from));
    };
    moveKey(m_countedSeq);
    moveKey(m_unreadWaiting);
    moveKey(m_lineSeq);
    moveKey(m_readQueued);
    moveKey(m_readSentAt);
    moveKey(m_openAfterJoin);
    moveKey(m_notifyLevels); // the server renamed the account's level with the room
    // Requests on their way are answered for the room, under whichever name.
    for (QHash<QString, QString> *requests :
         {&m_pendingSends, &m_historyRequests, &m_joinRequests, &m_changeRequests,
          &m_aroundRequests, &m_openAtRequests, &m_notifyRequests}) {
        for (QString &room : *requests) {
            if (room == from)
                room = to;
        }
    }
    for (auto &quote : m_quoteRequests) {
        if (quote.first == from)
            quote.first = to;
    }
    // Who is typing there is learnt again.
    for (auto it = m_typingSeen.begin(); it != m_typingSeen.end();)
        it = it.key().startsWith(from + u'\n') ? m_typingSeen.erase(it) : std::next(it);
    for (QString *name : {&m_selectOnJoin, &m_highlightRoom, &m_typingRoom, &m_startCurrent}) {
        if (*name == from)
            *name = to;
    }
    saveRooms();
    if (m_currentRoom == from) {
        m_currentRoom = to;
        Q_EMIT currentRoomChanged(to);
    }
}

// ---- From the client

void ChatSession::onStateChanged(ChatClient::State state)
{
    qCDebug(lcChat) << "client state" << state;
    if (state == ChatClient::State::Connecting)
        m_pendingCertificate.reset(); // another attempt: the question is asked again if need be
    if (state != ChatClient::State::Reconnecting)
        m_reconnectClock.invalidate();
    Q_EMIT connectionChanged();
    if (state == ChatClient::State::Ready)
        askAboutPeer(); // what changed while away
}

void ChatSession::onWelcomed(const Welcome &welcome)
{
    const bool wasSignedIn = m_everSignedIn;
    const bool otherUser = wasSignedIn && welcome.name.compare(m_userName, Qt::CaseInsensitive);
    if (otherUser)
        reset();
    m_userName = welcome.name;
    m_role = welcome.role;
    m_dropped = false;
    m_offlineReason.clear();
    m_closeCode = 0;
    m_sanction.reset();
    for (auto &[room, model] : m_messages) {
        model->setOwnName(m_userName);
        model->setOwnRole(m_role);
    }
    for (auto &[room, model] : m_members)
        model->setSelf(m_userName);

    // An account's notification levels are the server's; a guest's last the session.
    if (welcome.role != Role::Guest)
        applyNotifyLevels(welcome.notify);

    m_settings->setServerUrl(m_url);
    m_settings->setUserName(m_userName);
    if (welcome.role == Role::Guest)
        m_settings->forgetToken();
    else if (!welcome.token.isEmpty())
        m_settings->setToken(welcome.token);
    m_settings->sync();

    const bool firstSignIn = !m_everSignedIn;
    m_everSignedIn = true;
    m_signingIn = false;
    if (firstSignIn) {
        joinStartRooms();
        Q_EMIT signedIn();
    } else if (m_rejoin) {
        // Our own reconnect after the client gave up: join again; history fills what it can.
        for (const QString &room : m_rooms.rooms()) {
            const RoomListModel::Entry *entry = m_rooms.entry(room);
            if (entry && entry->joined && entry->kind != RoomKind::Direct)
                m_joinRequests.insert(m_client.join(room), room);
        }
    }
    m_rejoin = false;
    // A new connection starts online: say again what the user chose (or that they are idle).
    m_sentStatus = PresenceStatus::Online;
    applyStatus();
    if (!m_idle && m_idleTimer.interval() > 0)
        m_idleTimer.start();
    flushReads();
    Q_EMIT problemsCleared(); // what failed while offline or before is old news
    Q_EMIT connectionChanged();
}

void ChatSession::joinStartRooms()
{
    QStringList rooms = m_startRooms;
    if (rooms.isEmpty())
        rooms = m_settings->rooms();
    if (rooms.isEmpty())
        rooms = {QString::fromLatin1(DefaultRoom)};
    m_selectOnJoin = m_startCurrent.isEmpty() ? rooms.first() : m_startCurrent;
    for (const QString &room : std::as_const(rooms))
        m_joinRequests.insert(m_client.join(room), room);
}

void ChatSession::onJoined(const Joined &joined)
{
    if (m_joinRequests.remove(joined.id) > 0)
        Q_EMIT problemsCleared();
    RoomListModel::Entry entry;
    entry.room = joined.room;
    entry.kind = joined.kind;
    entry.topic = joined.topic;
    entry.joined = true;
    if (joined.kind == RoomKind::Direct)
        entry.peer = directPeer(joined.room, m_userName);
    m_rooms.upsert(entry);
    m_rooms.setNotify(joined.room, notifyLevel(joined.room));
    members(joined.room)->setMembers(joined.members);
    learnRoles(joined.room);
    messages(joined.room);
    saveRooms();
    m_rooms.setRead(joined.room, joined.read);
    if (const auto waiting = m_unreadWaiting.constFind(joined.room);
        waiting != m_unreadWaiting.cend()) {
        applyUnread(*waiting);
        m_unreadWaiting.erase(waiting);
    }
    if (const qint64 seq = m_openAfterJoin.take(joined.room); seq > 0) {
        m_selectOnJoin = joined.room;
        m_highlightRoom = joined.room;
        m_highlightSeq = seq;
        requestAround(joined.room, seq);
    }
    if (m_selectOnJoin == joined.room) {
        m_selectOnJoin.clear();
        setCurrentRoom(joined.room);
    } else if (m_currentRoom.isEmpty() && m_selectOnJoin.isEmpty()) {
        // Not while the room asked for is on its way: shown, even for a moment, a direct
        // conversation the server joins us to first would be marked read.
        setCurrentRoom(joined.room);
    }
}

void ChatSession::onLeft(const Left &left)
{
    const bool wasCurrent = m_currentRoom == left.room;
    m_rooms.remove(left.room);
    m_countedSeq.remove(left.room);
    m_lineSeq.remove(left.room);
    m_readQueued.remove(left.room);
    m_messages.erase(left.room);
    m_members.erase(left.room);
    saveRooms();
    if (wasCurrent) {
        m_currentRoom.clear();
        const QStringList rooms = m_rooms.rooms();
        setCurrentRoom(rooms.isEmpty() ? QString() : rooms.first());
    }
}

void ChatSession::saveRooms()
{
    QStringList rooms;
    for (const QString &room : m_rooms.rooms()) {
        const RoomListModel::Entry *entry = m_rooms.entry(room);
        if (entry->joined && entry->kind != RoomKind::Direct)
            rooms.append(room);
    }
    m_settings->setRooms(rooms);
}

void ChatSession::onMessage(const MessageEvent &message)
{
    m_pendingSends.remove(message.msgId);
    if (!m_rooms.entry(message.room)) {
        // A direct conversation somebody else started comes with "joined" first; anything else
        // unexpected still shows.
        RoomListModel::Entry entry;
        entry.room = message.room;
        entry.peer = directPeer(message.room, m_userName);
        entry.kind = entry.peer.isEmpty() ? RoomKind::Public : RoomKind::Direct;
        m_rooms.upsert(entry);
    }
    messages(message.room)->addMessage(message);
    members(message.room)->setTyping(message.from, false);
    m_typingSeen.remove(typingKey(message.room, message.from));

    const bool own = message.from.compare(m_userName, Qt::CaseInsensitive) == 0;
    const bool counted = message.seq <= m_countedSeq.value(message.room);
    if (!counted)
        m_countedSeq.insert(message.room, message.seq);
    if (own || isShown(message.room)) {
        // What one wrote, or sees arrive, is read.
        readShown();
        if (own)
            return;
    } else if (!counted && message.seq > readMark(message.room)) {
        m_rooms.addUnread(message.room);
        if (mentionsMe(message))
            m_rooms.addMention(message.room);
    }
    // What notifies is what the room's level lets through: everything, mentions (and every
    // message of a direct conversation), or nothing. Do not disturb: nothing pops up.
    const RoomListModel::Entry *entry = m_rooms.entry(message.room);
    const bool mentioning = mentionsMe(message);
    const NotifyLevel level = notifyLevel(message.room);
    const bool calls = level == NotifyLevel::All
        || (level == NotifyLevel::Mentions
            && (mentioning || (entry && entry->kind == RoomKind::Direct)));
    if (mentioning && level != NotifyLevel::None)
        Q_EMIT mentioned(message.room, message.from, message.text);
    if (!m_windowActive && entry && calls && !counted && status() != PresenceStatus::Dnd)
        Q_EMIT notificationRequested(message.room, message.from, message.text);
}

bool ChatSession::mentionsMe(const MessageEvent &message) const
{
    for (const QString &name : message.mentions) {
        if (name.compare(m_userName, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool ChatSession::isShown(const QString &room) const
{
    return m_windowActive && !room.isEmpty() && room == m_currentRoom;
}

void ChatSession::onHistory(const History &history)
{
    // The one message a reply quotes, or the page around a message one goes to.
    if (m_quoteRequests.contains(history.id)) {
        const auto [room, seq] = m_quoteRequests.take(history.id);
        for (const MessageEvent &m : history.messages) {
            if (m.seq == seq)
                messages(room)->addQuote(seq, m.from, m.deleted ? QString() : m.text);
        }
        return;
    }
    if (m_aroundRequests.contains(history.id)) {
        messages(m_aroundRequests.take(history.id))
            ->addAroundPage(history.messages, history.more, history.newer);
        return;
    }
    m_historyRequests.remove(history.id);
    m_joinRequests.remove(history.id);
    if (const QString room = m_openAtRequests.take(history.id); !room.isEmpty()) {
        messages(room)->showAround(history.messages, history.more, history.newer);
        if (m_highlightRoom == room)
            Q_EMIT highlightRequested(room, m_highlightSeq);
    } else if (m_staleHistory.remove(history.id)) {
        // A page asked for before the window moved to a search result: it would leave a hole.
    } else {
        messages(history.room)->addHistory(history.messages, history.more);
    }
    if (history.room == m_currentRoom)
        readShown();
}

void ChatSession::onAck(const Ack &ack)
{
    // An edit or a reaction: its seq is the change's place in the room, not a message.
    if (m_changeRequests.remove(ack.id) > 0) {
        Q_EMIT problemsCleared();
        return;
    }
    const QString room = m_pendingSends.take(ack.msgId);
    Q_EMIT problemsCleared();
    messages(ack.room.isEmpty() ? room : ack.room)->markAcknowledged(ack.msgId, ack.seq);
}

void ChatSession::onPresence(const PresenceEvent &presence)
{
    // The peer of the conversation shown came or went (in any room): ask again.
    if (const RoomListModel::Entry *shown = m_rooms.entry(m_currentRoom); shown
        && shown->kind == RoomKind::Direct
        && shown->peer.compare(presence.member.name, Qt::CaseInsensitive) == 0)
        askAboutPeer();
    if (presence.change == PresenceChange::Status) {
        members(presence.room)->setStatus(presence.member.name, presence.member.status);
    } else if (presence.change == PresenceChange::Joined) {
        members(presence.room)->add(presence.member);
        learnRoles(presence.room);
    } else {
        members(presence.room)->remove(presence.member.name);
        m_typingSeen.remove(typingKey(presence.room, presence.member.name));
    }
}

void ChatSession::onTyping(const TypingEvent &typing)
{
    if (typing.user.compare(m_userName, Qt::CaseInsensitive) == 0)
        return;
    members(typing.room)->setTyping(typing.user, typing.active);
    const QString key = typingKey(typing.room, typing.user);
    if (typing.active) {
        m_typingSeen.insert(key, QDateTime::currentMSecsSinceEpoch());
        m_typingExpiry.start();
    } else {
        m_typingSeen.remove(key);
    }
}

void ChatSession::expireTyping()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_typingSeen.begin(); it != m_typingSeen.end();) {
        if (now - it.value() > TypingShownMs) {
            const qsizetype split = it.key().indexOf(u'\n');
            const QString room = it.key().left(split);
            const QString user = it.key().mid(split + 1);
            it = m_typingSeen.erase(it);
            members(room)->setTyping(user, false);
        } else {
            ++it;
        }
    }
    if (m_typingSeen.isEmpty())
        m_typingExpiry.stop();
}

std::optional<Role> ChatSession::userRole(const QString &user) const
{
    const auto it = m_userRoles.constFind(user.toCaseFolded());
    return it == m_userRoles.cend() ? std::nullopt : std::optional<Role>(*it);
}

void ChatSession::learnRoles(const QString &room)
{
    constexpr int MaxLookups = 200; // a crowded room: the first ones are enough
    MemberListModel *model = members(room);
    QStringList asked;
    for (const QString &name : model->names()) {
        const QString key = name.toCaseFolded();
        if (const auto it = m_userRoles.constFind(key); it != m_userRoles.cend()) {
            model->setUserRole(name, *it);
            continue;
        }
        if (asked.size() >= MaxLookups || m_whoisRequests.values().contains(key))
            continue;
        m_whoisRequests.insert(m_client.whois(name), key);
        asked.append(key);
    }
}

void ChatSession::onUserInfo(const UserInfo &info)
{
    m_whoisRequests.remove(info.id);
    m_userRoles.insert(info.name.toCaseFolded(), info.role);
    m_userInfos.insert(info.name.toCaseFolded(), info);
    Q_EMIT userInfoChanged(info.name);
    for (auto &[room, model] : m_members)
        model->setUserRole(info.name, info.role);
}

// ---- Unread counts and read markers

qint64 ChatSession::readMark(const QString &room) const
{
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    return entry ? entry->read : 0;
}

qint64 ChatSession::newMessagesAfter(const QString &room) const
{
    return m_lineSeq.value(room);
}

qint64 ChatSession::highlightedSeq(const QString &room) const
{
    return room == m_highlightRoom ? m_highlightSeq : 0;
}

void ChatSession::onUnread(const UnreadEvent &unread)
{
    qCDebug(lcChat) << "unread in" << unread.rooms.size() << "rooms, more:" << unread.more;
    for (const UnreadRoom &room : unread.rooms) {
        const RoomListModel::Entry *entry = m_rooms.entry(room.room);
        if (entry && entry->joined) {
            applyUnread(room);
            continue;
        }
        // A room followed on another device (or before this one forgot it): joined here too,
        // its counts applied once it is.
        m_unreadWaiting.insert(room.room, room);
        if (!m_joinRequests.values().contains(room.room)
            && !m_client.joinedRooms().contains(room.room))
            m_joinRequests.insert(m_client.join(room.room), room.room);
    }
}

void ChatSession::applyUnread(const UnreadRoom &room)
{
    m_rooms.setRead(room.room, room.read);
    // Messages up to the room's last seq are in these counts: not counted again on catch-up.
    m_countedSeq.insert(room.room, std::max(m_countedSeq.value(room.room), room.seq));
    if (isShown(room.room)) {
        m_rooms.clearUnread(room.room);
        queueRead(room.room, room.seq);
        return;
    }
    m_rooms.setUnread(room.room, room.unread, room.mentions);
}

void ChatSession::onReadMarker(const ReadMarker &marker)
{
    // Read on another device: what is left unread here is what came after.
    m_rooms.setRead(marker.room, marker.seq);
    const RoomListModel::Entry *entry = m_rooms.entry(marker.room);
    if (!entry)
        return;
    MessageListModel *model = messages(marker.room);
    if (marker.seq >= m_countedSeq.value(marker.room) || marker.seq >= model->latestSeq()) {
        m_rooms.clearUnread(marker.room);
        return;
    }
    // Recounted from the messages loaded, if they reach back to the mark.
    if (model->firstSeq() > marker.seq + 1)
        return;
    int left = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const MessageListModel::Entry &e = model->entry(row);
        if (e.seq > marker.seq && e.from.compare(m_userName, Qt::CaseInsensitive) != 0)
            ++left;
    }
    m_rooms.setUnread(marker.room, std::min(left, entry->unread), std::min(left, entry->mentions));
}

void ChatSession::placeLine(const QString &room)
{
    // The line stays where the read mark was when the room was opened, while it is read; none
    // if nothing was unread.
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    const qint64 line = entry && entry->unread > 0 ? entry->read : 0;
    if (m_lineSeq.value(room, -1) == line)
        return;
    m_lineSeq.insert(room, line);
    Q_EMIT newMessagesLineChanged(room);
}

void ChatSession::readShown()
{
    if (!isShown(m_currentRoom))
        return;
    const QString room = m_currentRoom;
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    if (!entry || !entry->joined)
        return;
    m_rooms.clearUnread(room);
    const auto model = m_messages.find(room);
    const qint64 latest = model == m_messages.end() ? 0 : model->second->latestSeq();
    queueRead(room, std::max(latest, m_countedSeq.value(room)));
}

void ChatSession::queueRead(const QString &room, qint64 seq)
{
    if (seq <= 0 || seq <= readMark(room) || seq <= m_readQueued.value(room))
        return;
    m_rooms.setRead(room, seq);
    m_readQueued.insert(room, seq);
    flushReads();
}

void ChatSession::flushReads()
{
    if (m_client.state() != ChatClient::State::Ready || m_readQueued.isEmpty())
        return;
    // At most one read mark per room a second, the latest: reading a busy room sends few.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 wait = -1;
    for (auto it = m_readQueued.begin(); it != m_readQueued.end();) {
        const qint64 since = now - m_readSentAt.value(it.key(), 0);
        if (since >= ReadEveryMs) {
            m_client.markRead(it.key(), it.value());
            m_readSentAt.insert(it.key(), now);
            it = m_readQueued.erase(it);
            continue;
        }
        wait = wait < 0 ? ReadEveryMs - since : std::min(wait, ReadEveryMs - since);
        ++it;
    }
    if (wait >= 0 && !m_readFlush.isActive())
        m_readFlush.start(int(wait));
}

// ---- Presence

PresenceStatus ChatSession::status() const
{
    if (m_chosenStatus == PresenceStatus::Online && m_idle)
        return PresenceStatus::Away;
    return m_chosenStatus;
}

void ChatSession::setStatus(PresenceStatus status)
{
    m_chosenStatus = status;
    applyStatus();
}

void ChatSession::noteActivity()
{
    if (m_idleTimer.interval() > 0)
        m_idleTimer.start();
    if (m_idle) {
        m_idle = false;
        applyStatus();
    }
}

void ChatSession::setIdleInterval(int ms)
{
    m_idleTimer.setInterval(ms);
    if (ms <= 0)
        m_idleTimer.stop();
    else
        m_idleTimer.start();
}

void ChatSession::applyStatus()
{
    const PresenceStatus now = status();
    if (m_client.state() == ChatClient::State::Ready && now != m_sentStatus) {
        m_client.setStatus(now);
        m_sentStatus = now;
        // Our own row at once, in every room (the server tells the others).
        for (auto &[room, model] : m_members)
            model->setStatus(m_userName, now);
    }
    Q_EMIT statusChanged(now);
}

// ---- People and search

void ChatSession::findPeople(const QString &query, const QString &after)
{
    if (m_client.state() != ChatClient::State::Ready) {
        Q_EMIT lookupFailed(tr("Not connected to the server."));
        return;
    }
    m_peopleRequests.insert(m_client.findPeople(query, after, PeoplePage),
                            {query, !after.isEmpty()});
}

void ChatSession::search(const QString &query, qint64 before)
{
    if (m_client.state() != ChatClient::State::Ready) {
        Q_EMIT lookupFailed(tr("Not connected to the server."));
        return;
    }
    m_searchRequests.insert(m_client.search(query, {}, before, SearchPage), {query, before > 0});
}

void ChatSession::openAt(const QString &room, qint64 seq)
{
    const RoomListModel::Entry *entry = m_rooms.entry(room);
    if (!entry || !entry->joined) {
        // Not in it (yet): joined first, then shown there.
        m_openAfterJoin.insert(room, seq);
        joinRoom(room);
        return;
    }
    m_highlightRoom = room;
    m_highlightSeq = seq;
    setCurrentRoom(room);
    if (messages(room)->rowOfSeq(seq) >= 0 || m_client.state() != ChatClient::State::Ready) {
        Q_EMIT highlightRequested(room, seq);
        return;
    }
    requestAround(room, seq);
}

void ChatSession::requestAround(const QString &room, qint64 seq)
{
    // Pages on their way for the old window are not wanted in the new one.
    for (auto it = m_historyRequests.begin(); it != m_historyRequests.end();) {
        if (it.value() == room) {
            m_staleHistory.insert(it.key());
            it = m_historyRequests.erase(it);
        } else {
            ++it;
        }
    }
    m_openAtRequests.insert(m_client.requestHistoryAround(room, seq, HistoryPage), room);
}

QString ChatSession::localTime(qint64 msecs)
{
    // QLocale() is the language chosen in the menu (installTranslations sets the default).
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msecs).toLocalTime(),
                              QLocale::ShortFormat);
}

QString ChatSession::errorText(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Internal:
        return tr("The server ran into a problem: please try again.");
    case ErrorCode::BadJson:
    case ErrorCode::UnknownType:
    case ErrorCode::UnsupportedFrame:
        return tr("The server did not understand the request.");
    case ErrorCode::BadField:
        return tr("The server refused the request: a field is missing or out of range.");
    case ErrorCode::HelloRequired:
        return tr("Not signed in yet.");
    case ErrorCode::AlreadyGreeted:
        return tr("Already signed in on this connection.");
    case ErrorCode::UnsupportedVersion:
        return tr("This server speaks another version of the protocol: please update Sori.");
    case ErrorCode::BadName:
        return tr("This name is not allowed: please choose another.");
    case ErrorCode::NameTaken:
        return tr("Somebody online already has this name: please choose another.");
    case ErrorCode::BadRoom:
        return tr("This room name is not allowed.");
    case ErrorCode::NotJoined:
        return tr("You are not in this room.");
    case ErrorCode::TooLarge:
        return tr("The message is too long for this server.");
    case ErrorCode::BadCredentials:
        return tr("Wrong user name or password.");
    case ErrorCode::BadToken:
        return tr("The sign-in has expired or was revoked: please sign in again.");
    case ErrorCode::Throttled:
        if (error.waitMs > 0)
            return tr("Too many failed sign-ins: try again in %n s.", nullptr,
                      int((error.waitMs + 999) / 1000));
        return tr("Too many failed sign-ins: wait a little, then try again.");
    case ErrorCode::GuestsDisabled:
        return tr("This server does not take guests: please sign in with an account.");
    case ErrorCode::RegistrationClosed:
        return tr("This server does not take new accounts.");
    case ErrorCode::WeakPassword:
        return tr("A password has at least %n characters.", nullptr, MinPasswordLength);
    case ErrorCode::Forbidden:
        return tr("You are not allowed to do that.");
    case ErrorCode::NotMember:
        return tr("This room is private: it takes only those invited.");
    case ErrorCode::RoomExists:
        return tr("A room of that name exists already.");
    case ErrorCode::NoSuchRoom:
        return tr("There is no such room.");
    case ErrorCode::NoSuchUser:
        return tr("There is no such account.");
    case ErrorCode::Banned: {
        const QString text = error.until > 0
            ? tr("You are banned from this server until %1.").arg(localTime(error.until))
            : tr("You are banned from this server.");
        // The moderator's own words, as typed.
        return error.reason.isEmpty() ? text : tr("%1 Reason: %2").arg(text, error.reason);
    }
    case ErrorCode::Muted:
        if (error.until > 0)
            return tr("You are muted until %1: you cannot post here until then.")
                .arg(localTime(error.until));
        return tr("You are muted: you cannot post here for now.");
    case ErrorCode::Busy:
        return tr("The server is busy: try again in a moment.");
    case ErrorCode::Archived:
        return tr("This room is archived: it can be read; nobody can post in it.");
    case ErrorCode::RateLimited:
        if (error.waitMs > 0)
            return tr("Slow down: try again in %n s.", nullptr, int((error.waitMs + 999) / 1000));
        return tr("Slow down: the server takes no more of these for a moment.");
    case ErrorCode::TooManyRooms:
        return tr("You are in as many rooms as the server allows: leave one first.");
    case ErrorCode::NameConfusable:
        return tr("This name looks too much like another one, or mixes alphabets or look-alike "
                  "letters: please choose another.");
    case ErrorCode::NotFound:
        return tr("That message is not there any more.");
    case ErrorCode::TooLate:
        return tr("This message is too old to be edited.");
    case ErrorCode::TooManyReactions:
        return tr("This message has as many different reactions as it can take.");
    case ErrorCode::NoSuchDevice:
        return tr("That device is not signed in any more.");
    case ErrorCode::BadAttachment:
        return tr("The file could not be attached: it is not one you uploaded to this room, or "
                  "it is attached to another message already.");
    }
    return error.message; // a code newer than this client
}

QString ChatSession::sanctionText(const SanctionEvent &sanction)
{
    const QString by = sanction.by;
    const QString until = sanction.until > 0 ? localTime(sanction.until) : QString();
    QString text;
    switch (sanction.action) {
    case SanctionAction::Kick:
        text = tr("You were kicked by %1.").arg(by);
        break;
    case SanctionAction::Ban:
        text = until.isEmpty() ? tr("You were banned by %1 for good.").arg(by)
                               : tr("You were banned by %1 until %2.").arg(by, until);
        break;
    case SanctionAction::Mute:
        if (sanction.room.isEmpty())
            text = until.isEmpty() ? tr("You were muted by %1 until it is lifted.").arg(by)
                                   : tr("You were muted by %1 until %2.").arg(by, until);
        else
            text = until.isEmpty()
                ? tr("You were muted in #%1 by %2 until it is lifted.").arg(sanction.room, by)
                : tr("You were muted in #%1 by %2 until %3.").arg(sanction.room, by, until);
        break;
    case SanctionAction::Revoke:
        text = tr("You were signed out everywhere by %1.").arg(by);
        break;
    case SanctionAction::Lift:
        if (sanction.lifted == SanctionAction::Ban)
            text = tr("%1 lifted your ban.").arg(by);
        else if (sanction.room.isEmpty())
            text = tr("%1 lifted your mute.").arg(by);
        else
            text = tr("%1 lifted your mute in #%2.").arg(by, sanction.room);
        break;
    }
    return sanction.reason.isEmpty() ? text : tr("%1 Reason: %2").arg(text, sanction.reason);
}

void ChatSession::onError(const Error &error)
{
    qCInfo(lcChat) << "refused:" << error.id << toWire(error.code) << error.message;
    if (const QString action = m_settingsRequests.take(error.id); !action.isEmpty()) {
        Q_EMIT settingsRefused(action, error);
        return;
    }
    if (const QString room = m_notifyRequests.take(error.id); !room.isEmpty()) {
        Q_EMIT noticed(
            tr("The notifications of #%1 were not changed: %2").arg(room, errorText(error)),
            Notice::Problem);
        return;
    }
    if (m_whoisRequests.remove(error.id) > 0)
        return; // somebody who left meanwhile
    if (m_staleHistory.remove(error.id))
        return;
    if (m_peopleRequests.remove(error.id) > 0 || m_searchRequests.remove(error.id) > 0) {
        Q_EMIT lookupFailed(errorText(error));
        return;
    }
    if (const QString room = m_openAtRequests.take(error.id); !room.isEmpty()) {
        Q_EMIT noticed(errorText(error), Notice::Problem);
        return;
    }
    if (m_pendingSends.contains(error.id)) {
        const QString room = m_pendingSends.take(error.id);
        messages(room)->markFailed(error.id, errorText(error));
        return;
    }
    if (m_historyRequests.contains(error.id)) {
        messages(m_historyRequests.take(error.id))->pageFailed();
        return;
    }
    if (m_quoteRequests.remove(error.id) > 0)
        return; // the quote stays "loading"; nothing else depends on it
    if (m_aroundRequests.contains(error.id)) {
        // Back to the newest messages.
        messages(m_aroundRequests.take(error.id))->addAroundPage({}, false, false);
        return;
    }
    if (m_changeRequests.remove(error.id) > 0) {
        Q_EMIT noticed(tr("Your change was refused: %1").arg(errorText(error)), Notice::Problem);
        return;
    }
    if (m_joinRequests.contains(error.id)) {
        const QString room = m_joinRequests.take(error.id);
        if (m_selectOnJoin == room) {
            m_selectOnJoin.clear();
            if (m_currentRoom.isEmpty() && !m_rooms.rooms().isEmpty())
                setCurrentRoom(m_rooms.rooms().constFirst());
        }
        Q_EMIT noticed(tr("Could not join %1: %2").arg(room, errorText(error)), Notice::Problem);
        return;
    }
    if (m_inviteRequests.contains(error.id)) {
        const QString user = m_inviteRequests.take(error.id);
        Q_EMIT noticed(error.code == ErrorCode::NoSuchUser
                           ? tr("There is no account named %1.").arg(user)
                           : tr("Could not invite %1: %2").arg(user, errorText(error)),
                       Notice::Problem);
        return;
    }
    if (m_client.state() == ChatClient::State::Greeting || m_signingIn) {
        m_signingIn = false;
        // The connection stays open after a refused sign-in; a new attempt opens another.
        m_client.disconnectFromServer();
        if (error.code == ErrorCode::BadToken)
            m_settings->forgetToken();
        Q_EMIT signInFailed(error.code, errorText(error));
        return;
    }
    Q_EMIT noticed(errorText(error), Notice::Problem);
}

void ChatSession::onDisconnected(int code, const QString &reason)
{
    qCInfo(lcChat) << "disconnected" << code << reason;
    stopComposing();
    m_closeCode = code;
    m_offlineReason = reason;
    if (m_pendingCertificate) {
        m_offlineReason = m_pendingCertificate->verdict == CertificateTrust::Verdict::Changed
            ? tr("the server's certificate changed")
            : tr("the server's certificate is not trusted");
    }
    if (m_everSignedIn)
        m_dropped = true;
    if (CloseCode(code) == CloseCode::SignedOut) // signed out by an admin: the token is gone
        m_settings->forgetToken();
    // Nobody is typing while we cannot hear them.
    for (auto &[room, model] : m_members) {
        for (const QString &user : model->typing())
            model->setTyping(user, false);
    }
    m_typingSeen.clear();
    // A sign-in that waits for the user to trust the certificate fails only if they decline.
    if (m_signingIn && !m_everSignedIn && !m_pendingCertificate) {
        m_signingIn = false;
        Q_EMIT signInFailed(ErrorCode::Internal,
                            reason.isEmpty() ? tr("Could not connect to the server.") : reason);
    }
    Q_EMIT connectionChanged();
}

void ChatSession::onReconnectScheduled(int delayMs, int attempt, const QString &reason)
{
    qCInfo(lcChat) << "reconnecting in" << delayMs << "ms, attempt" << attempt << reason;
    if (!m_everSignedIn) {
        // The first sign-in failed (signInFailed said so): the user decides what next.
        m_client.disconnectFromServer();
        return;
    }
    m_reconnectDelayMs = delayMs;
    m_reconnectClock.start();
    // disconnected() came first with the close's own reason; `reason` only adds the client's
    // English filler for a drop without one ("connection lost"), which the window says itself.
    m_dropped = true;
    Q_EMIT connectionChanged();
}

void ChatSession::onSlowDown(const SlowDown &slowDown)
{
    qCInfo(lcChat) << "over the rate limit of" << toWire(slowDown.kind) << "for" << slowDown.waitMs
                   << "ms";
    // Whole seconds, rounded up: "0 s" would say nothing.
    const qint64 seconds = qMax<qint64>(1, (slowDown.waitMs + 999) / 1000);
    QString text;
    switch (slowDown.kind) {
    case RateKind::Send:
        text = tr("Slow down: the server takes no more messages for %1 s.");
        break;
    case RateKind::Typing:
        text = tr("Slow down: the server takes no more typing notices for %1 s.");
        break;
    case RateKind::Join:
        text = tr("Slow down: the server takes no more joins for %1 s.");
        break;
    case RateKind::Read:
        text = tr("Slow down: the server takes no more history or room list requests for %1 s.");
        break;
    case RateKind::CreateRoom:
        text = tr("Slow down: the server takes no more new rooms for %1 s.");
        break;
    case RateKind::Search:
        text = tr("Slow down: the server takes no more searches for %1 s.");
        break;
    case RateKind::Moderate:
        text = tr("Slow down: the server takes no more moderation requests for %1 s.");
        break;
    case RateKind::Settings:
        text = tr("Slow down: the server takes no more account settings changes for %1 s.");
        break;
    }
    Q_EMIT noticed(text.arg(seconds));
}

void ChatSession::onGap(const GapEvent &gap)
{
    // The messages after the gap come next; older ones, the missed ones too, are paged in when
    // the view scrolls up.
    if (gap.reason == GapReason::Limit)
        messages(gap.room)->restartWindow();
    Q_EMIT noticed(
        gap.reason == GapReason::Retention
            ? tr("Messages %1 to %2 in %3 are no longer kept on the server.")
                  .arg(gap.from)
                  .arg(gap.to)
                  .arg(gap.room)
            : tr("Messages %1 to %2 in %3 were missed while offline: scroll up to load them.")
                  .arg(gap.from)
                  .arg(gap.to)
                  .arg(gap.room));
}

void ChatSession::onDone(const Done &done)
{
    Q_EMIT problemsCleared();
    // The settings dialog says these itself; a notification level needs no word.
    if (const QString action = m_settingsRequests.take(done.id); !action.isEmpty()) {
        Q_EMIT settingsDone(action);
        return;
    }
    if (m_notifyRequests.remove(done.id) > 0)
        return;
    if (done.action == u"kick"_s)
        Q_EMIT noticed(tr("Kicked."));
    else if (done.action == u"ban"_s)
        Q_EMIT noticed(tr("Banned."));
    else if (done.action == u"mute"_s)
        Q_EMIT noticed(tr("Muted."));
    else if (done.action == u"delete"_s)
        Q_EMIT noticed(tr("Message deleted."));
    else if (done.action == u"revoke_tokens"_s)
        Q_EMIT noticed(tr("Signed out everywhere."));
    else if (done.action == u"delete_room"_s)
        Q_EMIT noticed(tr("Room deleted."));
    else if (done.action == u"archive_room"_s)
        Q_EMIT noticed(tr("Room archived."));
    else if (done.action == u"announce"_s)
        Q_EMIT noticed(tr("Announcement sent."));
    else if (done.action == u"set_role"_s)
        Q_EMIT noticed(tr("Role changed."));
    else if (done.action == u"remove_member"_s)
        Q_EMIT noticed(tr("Taken out of the room."));
    else if (done.action == u"lift"_s)
        Q_EMIT noticed(tr("Lifted."));
    else if (done.action == u"set_topic"_s)
        Q_EMIT noticed(tr("Topic changed."));
    else if (done.action == u"rename_room"_s)
        Q_EMIT noticed(tr("Room renamed."));
    else if (done.action == u"unarchive_room"_s)
        Q_EMIT noticed(tr("Room taken out of the archive."));
    else
        Q_EMIT noticed(tr("Done.")); // an action newer than this client: no raw name
}

} // namespace sori::chat
