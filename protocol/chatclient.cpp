// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/chatclient.h"

#include "protocol/logging.h"
#include "protocol/messagecodec.h"

#include <QtCore/QUuid>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>

using namespace Qt::StringLiterals;

namespace sori {

using namespace protocol;

struct ChatClient::Private
{
    explicit Private(ChatClient *client) : q(client) { }

    ChatClient *q;
    QWebSocket socket;
    QUrl url;
    ClientMessage greeting; // the first frame: hello, login or register
    QString name;
    QString token;
    State state = State::Disconnected;
    quint64 nextRequest = 1;
    bool closing = false; // we asked for the close
    bool aborted = false; // we dropped the connection
    bool socketError = false; // the socket failed (refused, reset, closed under us)

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
        socket.sendTextMessage(QString::fromUtf8(MessageCodec::encode(message)));
    }

    void onConnected()
    {
        setState(State::Greeting);
        send(greeting);
        greeting = Hello{}; // forget the password
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

    void dispatch(const Welcome &m)
    {
        name = m.name;
        if (!m.token.isEmpty())
            token = m.token;
        setState(State::Ready);
        Q_EMIT q->welcomed(m);
    }
    void dispatch(const Joined &m) { Q_EMIT q->joined(m); }
    void dispatch(const Left &m) { Q_EMIT q->left(m); }
    void dispatch(const Ack &m) { Q_EMIT q->acknowledged(m); }
    void dispatch(const Error &m) { Q_EMIT q->errorReceived(m); }
    void dispatch(const History &m) { Q_EMIT q->historyReceived(m); }
    void dispatch(const RoomList &m) { Q_EMIT q->roomsListed(m); }
    void dispatch(const Invited &m) { Q_EMIT q->invited(m); }
    void dispatch(const Done &m) { Q_EMIT q->done(m); }
    void dispatch(const DeletedEvent &m) { Q_EMIT q->messageDeleted(m); }
    void dispatch(const LoggedOut &)
    {
        token.clear();
        Q_EMIT q->loggedOut();
    }
    void dispatch(const MessageEvent &m) { Q_EMIT q->messageReceived(m); }
    void dispatch(const PresenceEvent &m) { Q_EMIT q->presenceChanged(m); }
    void dispatch(const TypingEvent &m) { Q_EMIT q->typingChanged(m); }

    void onDisconnected()
    {
        int code = socket.closeCode();
        const QString reason = socket.closeReason();
        // QWebSocket reports 1000 when there was no close frame at all (a refused connection,
        // a drop, abort()): say 1006, as RFC 6455 does, unless we closed it ourselves.
        if (code == QWebSocketProtocol::CloseCodeNormal && reason.isEmpty() && !closing
            && (aborted || socketError))
            code = QWebSocketProtocol::CloseCodeAbnormalDisconnection;
        closing = aborted = socketError = false;
        name.clear();
        setState(State::Disconnected);
        Q_EMIT q->disconnected(code, reason);
    }
};

ChatClient::ChatClient(QObject *parent) : QObject(parent), d(new Private(this))
{
    connect(&d->socket, &QWebSocket::connected, this, [this] { d->onConnected(); });
    connect(&d->socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { d->onTextMessage(text); });
    connect(&d->socket, &QWebSocket::disconnected, this, [this] { d->onDisconnected(); });
    connect(&d->socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                qCInfo(lcClient) << "connection error:" << d->socket.errorString();
                d->socketError = true;
                // A failed open never emits disconnected(): report it the same way.
                if (d->state == State::Connecting
                    && d->socket.state() == QAbstractSocket::UnconnectedState)
                    d->onDisconnected();
            });
}

ChatClient::~ChatClient()
{
    // Nothing is reported while the client is being destroyed.
    d->socket.disconnect(this);
    d->socket.abort();
}

void ChatClient::connectToServer(const QUrl &url, const QString &name, ClientKind kind)
{
    open(url, Hello{d->nextId(), Version, name, kind});
}

void ChatClient::signIn(const QUrl &url, const QString &name, const QString &password,
                        ClientKind kind)
{
    open(url, Login{d->nextId(), Version, name, password, {}, kind});
}

void ChatClient::registerAccount(const QUrl &url, const QString &name, const QString &password,
                                 ClientKind kind)
{
    open(url, Register{d->nextId(), Version, name, password, kind});
}

void ChatClient::resumeSession(const QUrl &url, const QString &token, ClientKind kind)
{
    open(url, Login{d->nextId(), Version, {}, {}, token, kind});
}

void ChatClient::logout()
{
    d->send(Logout{d->nextId()});
}

QString ChatClient::token() const
{
    return d->token;
}

void ChatClient::open(const QUrl &url, ClientMessage greeting)
{
    if (d->state != State::Disconnected)
        abort();
    d->closing = d->aborted = d->socketError = false;
    d->url = url;
    d->greeting = std::move(greeting);
    d->setState(State::Connecting);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(Subprotocol)});
    d->socket.open(url, options);
}

void ChatClient::disconnectFromServer()
{
    d->closing = true;
    d->socket.close(QWebSocketProtocol::CloseCodeNormal, u"bye"_s);
}

void ChatClient::abort()
{
    d->aborted = true;
    d->socket.abort();
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
    d->send(Join{id, room});
    return id;
}

QString ChatClient::leave(const QString &room)
{
    const QString id = d->nextId();
    d->send(Leave{id, room});
    return id;
}

QString ChatClient::sendMessage(const QString &room, const QString &text)
{
    const QString msgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->send(Send{msgId, room, text, msgId});
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

QString ChatClient::mute(const QString &user, const QString &room, qint64 minutes)
{
    const QString id = d->nextId();
    d->send(Mute{id, user, room, minutes});
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

QString ChatClient::listRooms()
{
    const QString id = d->nextId();
    d->send(ListRooms{id});
    return id;
}

QString ChatClient::invite(const QString &room, const QString &user)
{
    const QString id = d->nextId();
    d->send(Invite{id, room, user});
    return id;
}

QString ChatClient::requestHistory(const QString &room, qint64 before, int limit)
{
    const QString id = d->nextId();
    d->send(HistoryRequest{id, room, before, limit});
    return id;
}

QString ChatClient::sendDirect(const QString &to, const QString &text)
{
    const QString msgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->send(Direct{msgId, to, text, msgId});
    return msgId;
}

void ChatClient::setTyping(const QString &room, bool active)
{
    d->send(Typing{{}, room, active});
}

} // namespace sori
