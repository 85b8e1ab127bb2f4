// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/client/chatclient.h"

#include "protocol/client/logging.h"
#include "protocol/closecode.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtCore/QUuid>
#include <QtNetwork/QSslConfiguration>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace sori {

using namespace protocol;

struct ChatClient::Private
{
    explicit Private(ChatClient *client) : q(client)
    {
        healthTimer.setInterval(250);
        retryTimer.setSingleShot(true);
        retryTimer.setTimerType(Qt::PreciseTimer); // reconnectDelay() says when, exactly
        stableTimer.setSingleShot(true);
    }

    // A message sent and not acknowledged yet: to a room, or directly to an account.
    struct Pending
    {
        QString msgId;
        QString room;
        QString to;
        QString text;
        qint64 replyTo = 0;
        QStringList attachments;
    };

    ChatClient *q;
    // The connection: a new socket for each attempt (see renewSocket()).
    std::unique_ptr<QWebSocket> socket;
    QUrl url;
    ClientKind kind = ClientKind::Desktop;
    ClientMessage greeting; // sent on connecting: hello, login or register
    QString greetingId;
    QString name;
    QString token;
    State state = State::Disconnected;
    quint64 nextRequest = 1;
    bool closing = false; // we asked for the close
    bool aborted = false; // we dropped the connection
    bool socketError = false; // the socket failed (refused, reset, closed under us)
    bool timedOut = false; // the server stopped answering

    // TLS.
    CertificateCheck certificateCheck;
    std::optional<QSslConfiguration> sslConfiguration;
    // The certificate of the last attempt, if the check refused it.
    std::optional<std::pair<QSslCertificate, QList<QSslError>>> rejected;

    // Reconnection.
    bool autoReconnect = true;
    bool stopped = false; // no reconnecting: closed on purpose, kicked, refused...
    bool hadSession = false; // welcomed at least once since open()
    ReconnectPolicy policy;
    int attempt = 0;
    QTimer retryTimer;
    QTimer stableTimer;
    QTimer healthTimer; // while connected: is the server still there?
    QElapsedTimer lastHeard; // since the server last sent anything
    bool pinged = false;

    QStringList rooms; // joined, in the order they were joined
    QHash<QString, qint64> lastSeqs; // room -> the last sequence number emitted
    QHash<QString, QString> rejoins; // id of a join with "since" -> its room
    // A live message or change to one, held while its room is rejoined.
    using Live = std::variant<MessageEvent, EditedEvent, DeletedEvent, ReactionEvent>;
    QHash<QString, QList<Live>> held; // live messages (and changes) of a room being rejoined
    // A rejoin whose replay did not fit in one frame: the rest is asked for page by page
    // (history with "after"), and the room's live messages stay held until the last page.
    struct CatchUp
    {
        QString room;
        qint64 through = 0; // joined.seq: the last missed message
    };
    QHash<QString, qint64> rejoinSeqs; // room being rejoined -> its joined.seq
    QHash<QString, CatchUp> catchUps; // id of a catch-up page request -> what it is for
    // Messages asked for per page: the most the server allows by default.
    static constexpr int CatchUpPage = 200;
    static constexpr int BusyRetryMs = 1000;
    QSet<QString> historyPages; // ids of requestHistory()
    QList<Pending> pending;

    void setState(State next)
    {
        if (state == next)
            return;
        state = next;
        Q_EMIT q->stateChanged(next);
    }

    QString nextId() { return u"r%1"_s.arg(nextRequest++); }

    void send(const ClientMessage &message)
    {
        socket->sendTextMessage(QString::fromUtf8(MessageCodec::encode(message)));
    }

    // A fresh socket, wired to this client; the old one (closed by now) goes. QWebSocket keeps
    // the close code and reason of its last connection: reused, a later drop without a close
    // frame (a server killed) was read with them, and after a kick and a manual reconnect it
    // looked like another kick, so the client never came back. A new socket also ignores no
    // certificate errors that were ignored for an earlier connection.
    void renewSocket()
    {
        if (socket) {
            socket->disconnect(q);
            socket->abort();
            socket->setParent(q); // goes with the client if that comes first
            socket.release()->deleteLater();
        }
        socket = std::make_unique<QWebSocket>();
        QWebSocket *s = socket.get();
        QObject::connect(s, &QWebSocket::connected, q, [this] { onConnected(); });
        QObject::connect(s, &QWebSocket::textMessageReceived, q, [this](const QString &text) {
            heard();
            onTextMessage(text);
        });
        QObject::connect(s, &QWebSocket::sslErrors, q,
                         [this](const QList<QSslError> &errors) { onSslErrors(errors); });
        QObject::connect(s, &QWebSocket::pong, q, [this] { heard(); });
        QObject::connect(s, &QWebSocket::disconnected, q, [this] { onDisconnected(); });
        QObject::connect(s, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), q,
                         [this](QAbstractSocket::SocketError) {
                             qCInfo(lcClient) << "connection error:" << socket->errorString();
                             socketError = true;
                             // A failed open never emits disconnected(): report it the same way.
                             if (state == State::Connecting
                                 && socket->state() == QAbstractSocket::UnconnectedState)
                                 onDisconnected();
                         });
    }

    void connectSocket()
    {
        closing = aborted = socketError = false;
        rejected.reset();
        renewSocket();
        setState(State::Connecting);
        if (sslConfiguration)
            socket->setSslConfiguration(*sslConfiguration);
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({QString::fromLatin1(Subprotocol)});
        socket->open(url, options);
    }

    // The certificate did not verify: the check decides, while the handshake waits.
    void onSslErrors(const QList<QSslError> &errors)
    {
        QSslCertificate certificate = socket->sslConfiguration().peerCertificate();
        if (certificate.isNull() && !errors.isEmpty())
            certificate = errors.first().certificate();
        if (certificateCheck && certificateCheck(url, certificate, errors)) {
            qCInfo(lcClient) << "certificate accepted by the check despite" << errors;
            // Exactly these errors of exactly this certificate, not "any error".
            socket->ignoreSslErrors(errors);
            return;
        }
        qCInfo(lcClient) << "certificate refused:" << errors;
        rejected.emplace(certificate, errors);
        stopped = true; // trying again would meet the same certificate
    }

    void heard()
    {
        lastHeard.start();
        pinged = false;
    }

    void checkHealth()
    {
        const qint64 silent = lastHeard.elapsed();
        if (pinged && silent >= qint64(policy.pingIntervalMs) + policy.deadPeerTimeoutMs) {
            qCInfo(lcClient) << "no answer from the server for" << silent << "ms: connection lost";
            timedOut = true;
            aborted = true;
            socket->abort();
        } else if (!pinged && silent >= policy.pingIntervalMs) {
            pinged = true;
            socket->ping();
        }
    }

    void onConnected()
    {
        heard();
        healthTimer.start(
            qBound(10, qMin(policy.pingIntervalMs, policy.deadPeerTimeoutMs) / 4, 1000));
        setState(State::Greeting);
        // A fresh id for each attempt: an answer to an old one is not taken for this one.
        greetingId = nextId();
        std::visit([this](auto &m) { m.id = greetingId; }, greeting);
        send(greeting);
    }

    void onTextMessage(const QString &text)
    {
        const auto decoded = MessageCodec::decodeServerMessage(text.toUtf8());
        if (!decoded.ok()) {
            qCWarning(lcClient) << "unreadable frame from the server:" << decoded.error().message;
            return;
        }
        std::visit([this](const auto &m) { dispatch(m); }, decoded.message());
    }

    void sendPending(const Pending &p)
    {
        if (p.to.isEmpty())
            send(Send{p.msgId, p.room, p.text, p.msgId, p.replyTo, p.attachments});
        else
            send(Direct{p.msgId, p.to, p.text, p.msgId, p.replyTo, p.attachments});
    }

    void dispatch(const Welcome &m)
    {
        name = m.name;
        if (!m.token.isEmpty())
            token = m.token;
        // Next time, sign in again without the password: with the token, or as the same guest.
        if (!token.isEmpty())
            greeting = Login{{}, Version, {}, {}, token, kind};
        else
            greeting = Hello{{}, Version, m.name, kind, m.resume};
        const bool again = hadSession;
        hadSession = true;
        setState(State::Ready);
        stableTimer.start(policy.stableAfterMs);
        Q_EMIT q->welcomed(m);
        if (again)
            Q_EMIT q->reconnected();
        // Rejoin saying what we have; first joins for rooms asked for while offline.
        for (const QString &room : std::as_const(rooms)) {
            const QString id = nextId();
            const auto last = lastSeqs.constFind(room);
            if (last == lastSeqs.cend()) {
                send(Join{id, room});
                continue;
            }
            rejoins.insert(id, room);
            held.insert(room, {});
            send(Join{id, room, *last});
        }
        // Then what was not acknowledged, with the same ids: stored once whatever happened.
        for (const Pending &p : std::as_const(pending))
            sendPending(p);
    }
    void dispatch(const Joined &m)
    {
        if (!rooms.contains(m.room))
            rooms.append(m.room);
        // A rejoin's replay is still to come: the number moves as it is emitted.
        if (!rejoins.contains(m.id) && !held.contains(m.room))
            lastSeqs[m.room] = qMax(lastSeqs.value(m.room), m.seq);
        if (rejoins.contains(m.id))
            rejoinSeqs.insert(m.room, m.seq);
        Q_EMIT q->joined(m);
    }
    void dispatch(const Left &m)
    {
        rooms.removeOne(m.room);
        lastSeqs.remove(m.room);
        Q_EMIT q->left(m);
    }
    void dispatch(const Ack &m)
    {
        pending.removeIf([&](const Pending &p) { return p.msgId == m.msgId; });
        Q_EMIT q->acknowledged(m);
    }
    void dispatch(const Error &m)
    {
        if (!m.id.isEmpty() && m.id == greetingId && state == State::Greeting) {
            // A refused sign-in is not retried by itself.
            stopped = true;
            if (hadSession) {
                Q_EMIT q->errorReceived(m);
                closing = true;
                socket->close(QWebSocketProtocol::CloseCodeNormal, u"sign-in refused"_s);
                return;
            }
        }
        const QString room = rejoins.take(m.id);
        if (!room.isEmpty()) {
            // The room cannot be rejoined (made private meanwhile, say): it is left.
            rooms.removeOne(room);
            lastSeqs.remove(room);
            held.remove(room);
            rejoinSeqs.remove(room);
        }
        historyPages.remove(m.id);
        if (const auto page = catchUps.constFind(m.id); page != catchUps.cend()) {
            const CatchUp catchUp = *page;
            catchUps.erase(page);
            if (m.code == ErrorCode::Busy) {
                // Too many reads waiting on the server: the same page a little later.
                QTimer::singleShot(BusyRetryMs, q, [this, catchUp] {
                    if (state == State::Ready && held.contains(catchUp.room))
                        requestCatchUp(catchUp);
                });
                return;
            }
            // Cannot go on (left the room meanwhile, say): what came live is let through.
            releaseHeld(catchUp.room);
        }
        pending.removeIf([&](const Pending &p) { return p.msgId == m.id; });
        Q_EMIT q->errorReceived(m);
    }
    void emitMessage(const MessageEvent &m)
    {
        qint64 &last = lastSeqs[m.room];
        if (m.seq <= last)
            return; // had it already
        last = m.seq;
        Q_EMIT q->messageReceived(m);
    }
    // A change has its own place in the room's order ("at"); one from before issue 22 (a
    // delete without "at") is passed on as it is.
    template<typename Change>
    bool takeChange(const Change &m)
    {
        if (m.at <= 0)
            return true;
        qint64 &last = lastSeqs[m.room];
        if (m.at <= last)
            return false; // had it already
        last = m.at;
        return true;
    }
    void emitLive(const MessageEvent &m) { emitMessage(m); }
    void emitLive(const EditedEvent &m)
    {
        if (takeChange(m))
            Q_EMIT q->messageEdited(m);
    }
    void emitLive(const DeletedEvent &m)
    {
        if (takeChange(m))
            Q_EMIT q->messageDeleted(m);
    }
    void emitLive(const ReactionEvent &m)
    {
        if (takeChange(m))
            Q_EMIT q->reactionChanged(m);
    }
    // Live: held while the room is being rejoined, else passed on.
    template<typename Event>
    void dispatchLive(const Event &m)
    {
        const auto waiting = held.find(m.room);
        if (waiting != held.end()) {
            waiting->append(m);
            return;
        }
        emitLive(m);
    }
    void releaseHeld(const QString &room)
    {
        const QList<Live> live = held.take(room);
        for (const Live &event : live)
            std::visit([this](const auto &m) { emitLive(m); }, event);
    }
    void requestCatchUp(const CatchUp &catchUp)
    {
        const QString id = nextId();
        catchUps.insert(id, catchUp);
        HistoryRequest request{id, catchUp.room, catchUp.through + 1, CatchUpPage};
        request.after = lastSeqs.value(catchUp.room);
        send(request);
    }
    // A page of missed messages (the replay, or a page after it): emitted, then the next page
    // asked for while more remain; at the end, what came live meanwhile. Each message once.
    void caughtUpTo(const QString &room, qint64 through, const History &m)
    {
        for (const MessageEvent &message : m.messages)
            emitMessage(message);
        for (const MessageChange &change : m.changes)
            std::visit([this](const auto &c) { emitLive(c); }, change);
        if (m.more && (!m.messages.isEmpty() || !m.changes.isEmpty())
            && lastSeqs.value(room) < through) {
            requestCatchUp(CatchUp{room, through});
            return;
        }
        releaseHeld(room);
    }
    void dispatch(const History &m)
    {
        if (historyPages.remove(m.id)) {
            Q_EMIT q->historyReceived(m);
            return;
        }
        if (rejoins.contains(m.id)) {
            // What was missed, then what came live meanwhile, each once.
            const QString room = rejoins.take(m.id);
            caughtUpTo(room, rejoinSeqs.take(room), m);
            return;
        }
        if (const auto page = catchUps.constFind(m.id); page != catchUps.cend()) {
            const CatchUp catchUp = *page;
            catchUps.erase(page);
            caughtUpTo(catchUp.room, catchUp.through, m);
            return;
        }
        if (held.contains(m.room))
            return; // the server's own backlog of a room we are rejoining: the replay is exact
        for (const MessageEvent &message : m.messages)
            lastSeqs[m.room] = qMax(lastSeqs.value(m.room), message.seq);
        Q_EMIT q->historyReceived(m);
    }
    void dispatch(const RoomList &m) { Q_EMIT q->roomsListed(m); }
    void dispatch(const RoomChangedEvent &m)
    {
        if (m.change == RoomChange::Deleted || m.change == RoomChange::Removed) {
            // Gone: not rejoined after a reconnect; what waits to be sent to it never will be.
            rooms.removeOne(m.room);
            lastSeqs.remove(m.room);
            held.remove(m.room);
            pending.removeIf([&](const Pending &p) { return p.room == m.room; });
        } else if (m.change == RoomChange::Renamed && !m.name.isEmpty()) {
            // The same room under its new name: a reconnect rejoins it by that name and catches
            // up from the same sequence number; what waits to be sent goes there too.
            const qsizetype at = rooms.indexOf(m.room);
            if (at >= 0)
                rooms[at] = m.name;
            if (lastSeqs.contains(m.room))
                lastSeqs.insert(m.name, lastSeqs.take(m.room));
            if (held.contains(m.room))
                held.insert(m.name, held.take(m.room));
            for (Pending &p : pending) {
                if (p.room == m.room)
                    p.room = m.name;
            }
        }
        Q_EMIT q->roomChanged(m);
    }
    void dispatch(const Invited &m) { Q_EMIT q->invited(m); }
    void dispatch(const Done &m) { Q_EMIT q->done(m); }
    void dispatch(const DeletedEvent &m) { dispatchLive(m); }
    void dispatch(const EditedEvent &m) { dispatchLive(m); }
    void dispatch(const ReactionEvent &m) { dispatchLive(m); }
    void dispatch(const ReadMarker &m) { Q_EMIT q->readMarked(m); }
    void dispatch(const UnreadEvent &m) { Q_EMIT q->unreadReceived(m); }
    void dispatch(const People &m) { Q_EMIT q->peopleFound(m); }
    void dispatch(const SearchResults &m) { Q_EMIT q->searchResults(m); }
    void dispatch(const GapEvent &m) { Q_EMIT q->gapDetected(m); }
    void dispatch(const UserInfo &m) { Q_EMIT q->userInfo(m); }
    void dispatch(const SlowDown &m) { Q_EMIT q->slowDown(m); }
    void dispatch(const SanctionEvent &m) { Q_EMIT q->sanctioned(m); }
    void dispatch(const AnnouncementEvent &m) { Q_EMIT q->announced(m); }
    void dispatch(const SanctionList &m) { Q_EMIT q->sanctionsListed(m); }
    void dispatch(const AuditPage &m) { Q_EMIT q->auditRead(m); }
    void dispatch(const RoleChangedEvent &m) { Q_EMIT q->roleChanged(m); }
    void dispatch(const DeviceList &m) { Q_EMIT q->devicesListed(m); }
    void dispatch(const LoggedOut &)
    {
        token.clear();
        stopped = true;
        Q_EMIT q->loggedOut();
    }
    void dispatch(const MessageEvent &m) { dispatchLive(m); }
    void dispatch(const PresenceEvent &m) { Q_EMIT q->presenceChanged(m); }
    void dispatch(const TypingEvent &m) { Q_EMIT q->typingChanged(m); }

    void onDisconnected()
    {
        int code = socket->closeCode();
        healthTimer.stop();
        // QWebSocket reports 1000 when there was no close frame at all (a refused connection,
        // a drop, abort()): say 1006, as RFC 6455 does, unless we closed it ourselves.
        if (code == QWebSocketProtocol::CloseCodeNormal && socket->closeReason().isEmpty()
            && !closing && (aborted || socketError))
            code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
        QString reason = timedOut ? u"the server stopped answering"_s : socket->closeReason();
        const auto refusedCertificate = std::exchange(rejected, std::nullopt);
        if (refusedCertificate) {
            code = QWebSocketProtocol::CloseCodeTlsHandshakeFailed;
            reason = u"the server's certificate is not trusted"_s;
        }
        // Kicked, signed out by an admin, banned: coming back by itself would be wrong.
        const bool retry =
            autoReconnect && !stopped && !closing && !sentAway(CloseCode(quint16(code)));
        closing = aborted = socketError = timedOut = false;
        name.clear();
        stableTimer.stop();
        rejoins.clear();
        held.clear();
        historyPages.clear();
        rejoinSeqs.clear();
        catchUps.clear();
        if (!retry) {
            setState(State::Disconnected);
            if (refusedCertificate)
                Q_EMIT q->certificateRejected(refusedCertificate->first,
                                              refusedCertificate->second);
            Q_EMIT q->disconnected(code, reason);
            return;
        }
        // Each failed attempt doubles the wait up to the cap; a random half of it is taken
        // off so that clients dropped together do not all come back at the same moment.
        ++attempt;
        const qint64 base =
            qMin<qint64>(policy.maxDelayMs, qint64(policy.initialDelayMs) << qMin(attempt - 1, 20));
        const int delay = int(base / 2 + QRandomGenerator::global()->bounded(base / 2 + 1));
        retryTimer.start(delay);
        setState(State::Reconnecting);
        Q_EMIT q->disconnected(code, reason);
        Q_EMIT q->reconnectScheduled(delay, attempt,
                                     reason.isEmpty() ? u"connection lost"_s : reason);
    }
};

ChatClient::ChatClient(QObject *parent) : QObject(parent), d(new Private(this))
{
    d->renewSocket();
    connect(&d->healthTimer, &QTimer::timeout, this, [this] { d->checkHealth(); });
    connect(&d->retryTimer, &QTimer::timeout, this, [this] { d->connectSocket(); });
    connect(&d->stableTimer, &QTimer::timeout, this, [this] { d->attempt = 0; });
}

ChatClient::~ChatClient()
{
    // Nothing is reported while the client is being destroyed.
    d->socket->disconnect(this);
    d->socket->abort();
}

void ChatClient::connectToServer(const QUrl &url, const QString &name, ClientKind kind)
{
    open(url, Hello{{}, Version, name, kind});
}

void ChatClient::signIn(const QUrl &url, const QString &name, const QString &password,
                        ClientKind kind)
{
    open(url, Login{{}, Version, name, password, {}, kind});
}

void ChatClient::registerAccount(const QUrl &url, const QString &name, const QString &password,
                                 ClientKind kind)
{
    open(url, Register{{}, Version, name, password, kind});
}

void ChatClient::resumeSession(const QUrl &url, const QString &token, ClientKind kind)
{
    open(url, Login{{}, Version, {}, {}, token, kind});
}

void ChatClient::logout()
{
    d->stopped = true;
    d->send(Logout{d->nextId()});
}

QString ChatClient::token() const
{
    return d->token;
}

void ChatClient::open(const QUrl &url, ClientMessage greeting)
{
    if (d->state != State::Disconnected) {
        d->stopped = true; // the old connection's end is not a reason to come back
        d->retryTimer.stop();
        abort();
    }
    d->url = url;
    d->kind = std::visit(
        [](const auto &m) {
            if constexpr (requires { m.client; })
                return m.client;
            else
                return ClientKind::Other;
        },
        greeting);
    d->greeting = std::move(greeting);
    // A sign-in by token comes back with that token (its welcome does not repeat it).
    const auto *login = std::get_if<Login>(&d->greeting);
    d->token = login ? login->token : QString();
    d->stopped = false;
    d->hadSession = false;
    d->attempt = 0;
    d->rooms.clear();
    d->lastSeqs.clear();
    d->pending.clear();
    d->connectSocket();
}

void ChatClient::disconnectFromServer()
{
    d->stopped = true;
    d->retryTimer.stop();
    if (d->state == State::Reconnecting) {
        d->setState(State::Disconnected);
        return;
    }
    d->closing = true;
    d->socket->close(QWebSocketProtocol::CloseCodeNormal, u"bye"_s);
}

void ChatClient::abort()
{
    d->aborted = true;
    d->socket->abort();
}

void ChatClient::setCertificateCheck(CertificateCheck check)
{
    d->certificateCheck = std::move(check);
}

void ChatClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->sslConfiguration = configuration;
}

QSslConfiguration ChatClient::sslConfiguration() const
{
    return d->sslConfiguration.value_or(QSslConfiguration::defaultConfiguration());
}

bool ChatClient::isEncrypted() const
{
    return (d->state == State::Greeting || d->state == State::Ready) && d->url.scheme() == u"wss"_s;
}

QSslCertificate ChatClient::peerCertificate() const
{
    return isEncrypted() ? d->socket->sslConfiguration().peerCertificate() : QSslCertificate();
}

void ChatClient::setAutoReconnect(bool on)
{
    d->autoReconnect = on;
    if (!on && d->state == State::Reconnecting) {
        d->retryTimer.stop();
        d->setState(State::Disconnected);
    }
}

bool ChatClient::autoReconnect() const
{
    return d->autoReconnect;
}

void ChatClient::setReconnectPolicy(const ReconnectPolicy &policy)
{
    d->policy = policy;
}

void ChatClient::reconnectNow()
{
    if (d->state != State::Reconnecting && d->state != State::Disconnected)
        return;
    if (d->state == State::Disconnected && !d->url.isValid())
        return;
    d->retryTimer.stop();
    d->stopped = false;
    d->connectSocket();
}

int ChatClient::reconnectDelay() const
{
    return d->state == State::Reconnecting ? qMax(0, d->retryTimer.remainingTime()) : 0;
}

QStringList ChatClient::joinedRooms() const
{
    return d->rooms;
}

qint64 ChatClient::lastSeq(const QString &room) const
{
    return d->lastSeqs.value(room);
}

QStringList ChatClient::pendingMessages() const
{
    QStringList ids;
    for (const auto &p : std::as_const(d->pending))
        ids.append(p.msgId);
    return ids;
}

ChatClient::State ChatClient::state() const
{
    return d->state;
}

QString ChatClient::name() const
{
    return d->name;
}

QUrl ChatClient::url() const
{
    return d->url;
}

QString ChatClient::join(const QString &room)
{
    const QString id = d->nextId();
    if (d->state != State::Ready) {
        // Joined as soon as the connection is back.
        if (!d->rooms.contains(room))
            d->rooms.append(room);
        return id;
    }
    d->send(Join{id, room});
    return id;
}

QString ChatClient::leave(const QString &room)
{
    const QString id = d->nextId();
    d->send(Leave{id, room});
    return id;
}

QString ChatClient::sendMessage(const QString &room, const QString &text, qint64 replyTo,
                                const QStringList &attachments)
{
    const QString msgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->pending.append(Private::Pending{msgId, room, {}, text, replyTo, attachments});
    // Offline, it waits for the connection to come back.
    if (d->state == State::Ready)
        d->sendPending(d->pending.last());
    return msgId;
}

QString ChatClient::createRoom(const QString &room, RoomKind kind, const QString &topic)
{
    const QString id = d->nextId();
    d->send(CreateRoom{id, room, kind, topic});
    return id;
}

QString ChatClient::kick(const QString &user, const QString &reason)
{
    const QString id = d->nextId();
    d->send(Kick{id, user, reason});
    return id;
}

QString ChatClient::ban(const QString &user, qint64 minutes, const QString &reason)
{
    const QString id = d->nextId();
    d->send(Ban{id, user, minutes, reason});
    return id;
}

QString ChatClient::mute(const QString &user, const QString &room, qint64 minutes,
                         const QString &reason)
{
    const QString id = d->nextId();
    d->send(Mute{id, user, room, minutes, reason});
    return id;
}

QString ChatClient::banAddress(const QString &address, qint64 minutes, const QString &reason)
{
    const QString id = d->nextId();
    d->send(Ban{id, {}, minutes, reason, address});
    return id;
}

QString ChatClient::revokeTokens(const QString &user)
{
    const QString id = d->nextId();
    d->send(RevokeTokens{id, user});
    return id;
}

QString ChatClient::deleteMessage(const QString &room, qint64 seq)
{
    const QString id = d->nextId();
    d->send(DeleteMessage{id, room, seq});
    return id;
}

QString ChatClient::liftBan(const QString &user)
{
    const QString id = d->nextId();
    d->send(Lift{id, SanctionAction::Ban, user, {}, {}});
    return id;
}

QString ChatClient::liftBanOfAddress(const QString &address)
{
    const QString id = d->nextId();
    d->send(Lift{id, SanctionAction::Ban, {}, address, {}});
    return id;
}

QString ChatClient::liftMute(const QString &user, const QString &room)
{
    const QString id = d->nextId();
    d->send(Lift{id, SanctionAction::Mute, user, {}, room});
    return id;
}

QString ChatClient::listSanctions(const QString &after, int limit)
{
    const QString id = d->nextId();
    d->send(ListSanctions{id, after, limit});
    return id;
}

QString ChatClient::readAudit(const ReadAudit &filter)
{
    ReadAudit request = filter;
    request.id = d->nextId();
    d->send(request);
    return request.id;
}

QString ChatClient::setTopic(const QString &room, const QString &topic)
{
    const QString id = d->nextId();
    d->send(SetTopic{id, room, topic});
    return id;
}

QString ChatClient::setRole(const QString &user, Role role)
{
    const QString id = d->nextId();
    d->send(SetRole{id, user, role});
    return id;
}

QString ChatClient::changePassword(const QString &oldPassword, const QString &newPassword,
                                   bool others)
{
    const QString id = d->nextId();
    d->send(ChangePassword{id, oldPassword, newPassword, others});
    return id;
}

QString ChatClient::listDevices()
{
    const QString id = d->nextId();
    d->send(ListDevices{id});
    return id;
}

QString ChatClient::endDevice(const QString &device)
{
    const QString id = d->nextId();
    d->send(EndDevice{id, device});
    return id;
}

QString ChatClient::setNotify(const QString &room, NotifyLevel level)
{
    const QString id = d->nextId();
    d->send(SetNotify{id, room, level});
    return id;
}

QString ChatClient::listRooms(const QString &query, const QString &after, int limit)
{
    const QString id = d->nextId();
    d->send(ListRooms{id, query, after, limit});
    return id;
}

QString ChatClient::archiveRoom(const QString &room)
{
    const QString id = d->nextId();
    d->send(ArchiveRoom{id, room});
    return id;
}

QString ChatClient::deleteRoom(const QString &room, const QString &reason)
{
    const QString id = d->nextId();
    d->send(DeleteRoom{id, room, reason});
    return id;
}

QString ChatClient::invite(const QString &room, const QString &user)
{
    const QString id = d->nextId();
    d->send(Invite{id, room, user});
    return id;
}

QString ChatClient::renameRoom(const QString &room, const QString &name)
{
    const QString id = d->nextId();
    d->send(RenameRoom{id, room, name});
    return id;
}

QString ChatClient::unarchiveRoom(const QString &room)
{
    const QString id = d->nextId();
    d->send(UnarchiveRoom{id, room});
    return id;
}

QString ChatClient::removeMember(const QString &room, const QString &user)
{
    const QString id = d->nextId();
    d->send(RemoveMember{id, room, user});
    return id;
}

QString ChatClient::requestHistory(const QString &room, qint64 before, int limit, qint64 after)
{
    const QString id = d->nextId();
    d->historyPages.insert(id);
    d->send(HistoryRequest{id, room, before, limit, after});
    return id;
}

QString ChatClient::requestHistoryAround(const QString &room, qint64 around, int limit)
{
    const QString id = d->nextId();
    d->historyPages.insert(id);
    HistoryRequest request{id, room, 0, limit};
    request.around = around;
    d->send(request);
    return id;
}

QString ChatClient::editMessage(const QString &room, qint64 seq, const QString &text)
{
    const QString id = d->nextId();
    d->send(Edit{id, room, seq, text});
    return id;
}

QString ChatClient::react(const QString &room, qint64 seq, const QString &emoji, bool on)
{
    const QString id = d->nextId();
    d->send(React{id, room, seq, emoji, on});
    return id;
}

void ChatClient::markRead(const QString &room, qint64 seq)
{
    d->send(MarkRead{{}, room, seq});
}

QString ChatClient::setStatus(PresenceStatus status)
{
    const QString id = d->nextId();
    d->send(SetStatus{id, status});
    return id;
}

QString ChatClient::findPeople(const QString &query, const QString &after, int limit)
{
    const QString id = d->nextId();
    d->send(FindPeople{id, query, after, limit});
    return id;
}

QString ChatClient::search(const QString &query, const QString &room, qint64 before, int limit)
{
    const QString id = d->nextId();
    d->send(Search{id, query, room, before, limit});
    return id;
}

QString ChatClient::sendDirect(const QString &to, const QString &text, qint64 replyTo,
                               const QStringList &attachments)
{
    const QString msgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->pending.append(Private::Pending{msgId, {}, to, text, replyTo, attachments});
    if (d->state == State::Ready)
        d->sendPending(d->pending.last());
    return msgId;
}

QString ChatClient::whois(const QString &user)
{
    const QString id = d->nextId();
    d->send(Whois{id, user});
    return id;
}

void ChatClient::setTyping(const QString &room, bool active)
{
    d->send(Typing{{}, room, active});
}

} // namespace sori
