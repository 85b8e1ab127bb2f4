// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/hub.h"

#include "core/logging.h"
#include "core/websocketframe.h"
#include "protocol/messagecodec.h"

#include <QtCore/QDateTime>
#include <QtCore/QVarLengthArray>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;

namespace {
QString folded(const QString &name)
{
    return name.toCaseFolded();
}

Error makeError(const QString &id, ErrorCode code, QString message)
{
    return Error{id, code, std::move(message)};
}

QByteArray eventFrame(const ServerMessage &event)
{
    return websocket::buildTextFrame(MessageCodec::encode(event));
}
} // namespace

Hub::Hub(QObject *parent) : QObject(parent) { }

Hub::~Hub() = default;

QString Hub::serverString()
{
    return u"sori/" SORI_VERSION ""_s;
}

QString Hub::guestNameLocked()
{
    QString name;
    do {
        name = u"guest-%1"_s.arg(++m_nextGuest);
    } while (m_sessionsByName.contains(folded(name)));
    return name;
}

Hub::Result<Welcome> Hub::greet(quint64 session, Mailbox *mailbox, const QString &requestId,
                                const QString &requestedName, ClientKind kind)
{
    QMutexLocker lock(&m_mutex);
    if (m_sessions.contains(session))
        return makeError(requestId, ErrorCode::AlreadyGreeted, u"You have already said hello."_s);
    QString name = requestedName;
    if (name.isEmpty()) {
        name = guestNameLocked();
    } else if (isGuestName(name)) {
        return makeError(requestId, ErrorCode::BadName,
                         u"Names of the form guest-<number> are given out by the server; "
                         "leave the name empty to get one."_s);
    } else if (!isValidName(name)) {
        return makeError(
            requestId, ErrorCode::BadName,
            u"A name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxNameLength));
    } else if (m_sessionsByName.contains(folded(name))) {
        return makeError(requestId, ErrorCode::NameTaken,
                         u"Somebody online is already called \"%1\"."_s.arg(name));
    }

    SessionInfo &info = m_sessions[session];
    info.name = name;
    info.kind = kind;
    info.mailbox = mailbox;
    m_sessionsByName.insert(folded(name), session);
    qCInfo(lcHub) << "online:" << name << "as" << toWire(kind) << "session" << session;
    const Welcome welcome{requestId, Version, name, serverString()};
    if (kind == ClientKind::Plain) {
        const QString room = QString::fromLatin1(DefaultRoom);
        info.mailbox->post(Outgoing{
            websocket::buildTextFrame(
                u"Welcome to Sori! You are %1, chatting in #%2."_s.arg(name, room).toUtf8()),
            {session}});
        joinLocked(session, info, room, nullptr);
    } else {
        replyLocked(session, info, welcome);
    }
    return welcome;
}

bool Hub::joinLocked(quint64 session, SessionInfo &info, const QString &roomName, Room **joinedRoom)
{
    Room &room = m_rooms[roomName];
    if (joinedRoom)
        *joinedRoom = &room;
    if (info.rooms.contains(roomName))
        return false;
    info.rooms.append(roomName);
    room.members.append(session);
    const Member member{info.name, info.kind};
    deliverLocked(room, eventFrame(PresenceEvent{roomName, PresenceChange::Joined, member}),
                  session);
    qCDebug(lcHub) << info.name << "joined" << roomName;
    return true;
}

void Hub::leaveLocked(quint64 session, SessionInfo &info, const QString &roomName,
                      LeaveReason reason)
{
    info.rooms.removeOne(roomName);
    const auto it = m_rooms.find(roomName);
    if (it == m_rooms.end())
        return;
    it->members.removeOne(session);
    const Member member{info.name, info.kind};
    deliverLocked(*it, eventFrame(PresenceEvent{roomName, PresenceChange::Left, member, reason}),
                  session);
    // Until rooms are stored, an empty room is forgotten (the default room stays).
    if (it->members.isEmpty() && roomName != QLatin1StringView(DefaultRoom))
        m_rooms.erase(it);
    qCDebug(lcHub) << info.name << "left" << roomName << "reason" << toWire(reason);
}

Hub::Result<Joined> Hub::join(quint64 session, const Join &request)
{
    if (!isValidRoomName(request.room)) {
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"A room name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxRoomLength));
    }
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    Room *room = nullptr;
    joinLocked(session, *it, request.room, &room);
    Joined joined{request.id, request.room, room->seq, {}};
    joined.members.reserve(room->members.size());
    for (quint64 member : std::as_const(room->members)) {
        const SessionInfo &info = m_sessions[member];
        joined.members.append(Member{info.name, info.kind});
    }
    replyLocked(session, *it, joined);
    return joined;
}

Hub::Result<Left> Hub::leave(quint64 session, const Leave &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (!it->rooms.contains(request.room)) {
        return makeError(
            request.id, ErrorCode::NotJoined,
            u"You are not in the room \"%1\"."_s.arg(request.room.left(MaxRoomLength)));
    }
    leaveLocked(session, *it, request.room, LeaveReason::Left);
    const Left left{request.id, request.room};
    replyLocked(session, *it, left);
    return left;
}

Hub::Result<Ack> Hub::send(quint64 session, const Send &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = m_rooms.find(request.room);
    if (room == m_rooms.end() || !it->rooms.contains(request.room)) {
        return makeError(
            request.id, ErrorCode::NotJoined,
            u"Join the room \"%1\" before sending to it."_s.arg(request.room.left(MaxRoomLength)));
    }
    const MessageEvent event{
        request.room, ++room->seq, it->name, request.text, QDateTime::currentMSecsSinceEpoch(),
        request.msgId};
    // One frame for protocol clients, one line for plain clients: each built once.
    QByteArray plainFrame;
    for (quint64 member : std::as_const(room->members)) {
        if (m_sessions.value(member).kind == ClientKind::Plain) {
            plainFrame =
                websocket::buildTextFrame(QString(it->name + u": "_s + request.text).toUtf8());
            break;
        }
    }
    deliverLocked(*room, eventFrame(event), 0, plainFrame);
    const Ack ack{request.id, request.room, event.seq, request.msgId};
    if (it->kind != ClientKind::Plain)
        replyLocked(session, *it, ack);
    return ack;
}

std::optional<Error> Hub::typing(quint64 session, const Typing &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = m_rooms.find(request.room);
    if (room == m_rooms.end() || !it->rooms.contains(request.room)) {
        return makeError(
            request.id, ErrorCode::NotJoined,
            u"You are not in the room \"%1\"."_s.arg(request.room.left(MaxRoomLength)));
    }
    deliverLocked(*room, eventFrame(TypingEvent{request.room, it->name, request.active}), session);
    return std::nullopt;
}

void Hub::removeSession(quint64 session, LeaveReason reason)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return;
    const QStringList rooms = it->rooms;
    for (const QString &room : rooms)
        leaveLocked(session, *it, room, reason);
    qCInfo(lcHub) << "offline:" << it->name << "reason" << toWire(reason);
    m_sessionsByName.remove(folded(it->name));
    m_sessions.erase(it);
}

void Hub::deliverLocked(const Room &room, const QByteArray &frame, quint64 except,
                        const QByteArray &plainFrame)
{
    // Group the recipients by worker (and by frame), then post one Outgoing per group.
    struct Group
    {
        Mailbox *mailbox;
        bool plain;
        QList<quint64> sessions;
    };
    QVarLengthArray<Group, 8> groups;
    for (quint64 member : room.members) {
        if (member == except)
            continue;
        const auto info = m_sessions.constFind(member);
        if (info == m_sessions.cend())
            continue;
        const bool plain = info->kind == ClientKind::Plain;
        if (plain && plainFrame.isEmpty())
            continue; // plain clients get chat lines only
        auto group = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
            return g.mailbox == info->mailbox && g.plain == plain;
        });
        if (group == groups.end()) {
            groups.append(Group{info->mailbox, plain, {}});
            group = groups.end() - 1;
        }
        group->sessions.append(member);
    }
    for (Group &group : groups)
        group.mailbox->post(Outgoing{group.plain ? plainFrame : frame, std::move(group.sessions)});
}

void Hub::replyLocked(quint64 session, const SessionInfo &info, const ServerMessage &reply)
{
    info.mailbox->post(Outgoing{eventFrame(reply), {session}});
}

int Hub::onlineCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_sessions.size());
}

QList<Member> Hub::members(const QString &roomName) const
{
    QMutexLocker lock(&m_mutex);
    QList<Member> result;
    const auto room = m_rooms.constFind(roomName);
    if (room == m_rooms.cend())
        return result;
    for (quint64 member : room->members) {
        const SessionInfo info = m_sessions.value(member);
        result.append(Member{info.name, info.kind});
    }
    return result;
}

QStringList Hub::rooms() const
{
    QMutexLocker lock(&m_mutex);
    return m_rooms.keys();
}

} // namespace sori::server
