// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/hubstate.h"

#include "core/chat/actor.h"
#include "core/logging.h"
#include "core/namecheck.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"
#include "protocol/validation.h"

#include <QtCore/QStringBuilder>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;

int chat::rank(Role role)
{
    switch (role) {
    case Role::Guest:
        return 0;
    case Role::Member:
        return 1;
    case Role::Moderator:
        return 2;
    case Role::Admin:
        return 3;
    }
    return 0;
}

HubState::HubState(const EventEncoder &encoder, Storage *storage, const ServerConfig &config)
    : encoder(encoder)
    , storage(storage)
    , historyOnJoin(config.historyOnJoin)
    , maxHistoryPage(config.maxHistoryPage)
    , maxCatchUp(config.maxCatchUp)
    , maxPageBytes(qMax<qint64>(1,
                                qMin(config.maxHistoryPageBytes, config.maxOutgoingBytes / 2)
                                    - MessageCodec::HistoryFrameOverhead))
    , graceMs(config.presenceGraceMs)
    , guestRoomsPerSession(config.guestRoomsPerSession)
    , guestRoomIdleMs(config.guestRoomIdleMs)
    , roomsPerAccount(config.roomsPerAccount)
    , listMaxRooms(config.listMaxRooms)
    , listMaxBytes(config.listMaxBytes)
    , maxRoomsPerSession(config.maxRoomsPerSession)
    , editWindowMs(config.editWindowMinutes * 60'000)
    , reactionsPerMessage(config.reactionsPerMessage)
    , unreadMaxRooms(config.unreadMaxRooms)
    , peoplePage(config.peoplePage)
    , sanctionsPage(config.sanctionsPage)
    , auditPage(config.auditPage)
{ }

void HubState::Room::addMember(quint64 session, const SessionInfo &info)
{
    members.append(session);
    ++names[info.name];
    const bool plain = info.kind == ClientKind::Plain;
    auto group = std::find_if(deliveries.begin(), deliveries.end(), [&](const Delivery &d) {
        return d.fanOut == info.fanOut && d.plain == plain;
    });
    if (group == deliveries.end())
        deliveries.append(Delivery{info.fanOut, plain, {session}});
    else
        group->sessions.append(session);
}

void HubState::Room::removeMember(quint64 session, const SessionInfo &info)
{
    if (!members.removeOne(session))
        return;
    if (const auto named = names.find(info.name); named != names.end() && --*named <= 0)
        names.erase(named);
    const bool plain = info.kind == ClientKind::Plain;
    for (auto group = deliveries.begin(); group != deliveries.end(); ++group) {
        if (group->fanOut == info.fanOut && group->plain == plain) {
            group->sessions.removeOne(session);
            if (group->sessions.isEmpty())
                deliveries.erase(group);
            break;
        }
    }
}

void HubState::Room::clearMembers()
{
    members.clear();
    names.clear();
    deliveries.clear();
}

const HubState::SessionInfo &HubState::sessionLocked(quint64 session) const
{
    static const SessionInfo none;
    const auto it = sessions.constFind(session);
    return it == sessions.cend() ? none : *it;
}

HubResult<const HubState::AccountRef *> HubState::accountLocked(const QString &name,
                                                                const QString &requestId) const
{
    const auto account = accounts.constFind(chat::folded(name));
    if (account == accounts.cend())
        return chat::makeError(requestId, ErrorCode::NoSuchUser,
                               u"There is no account called \"%1\"."_s.arg(name));
    return &*account;
}

bool HubState::nameInRoom(const Room &room, const QString &name, bool selfIsMember)
{
    return room.names.value(name) > (selfIsMember ? 1 : 0);
}

bool HubState::ghostInRoomLocked(const QString &name, const QString &room) const
{
    const auto ghost = ghosts.constFind(chat::folded(name));
    return ghost != ghosts.cend() && ghost->rooms.contains(room);
}

HubResult<HubState::Membership> HubState::memberLocked(quint64 session, const QString &requestId,
                                                       const QString &roomName,
                                                       const QString &notJoinedMessage)
{
    const auto info = sessions.find(session);
    if (info == sessions.end())
        return chat::makeError(requestId, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = rooms.find(roomName);
    if (room == rooms.end() || !info->rooms.contains(roomName))
        return chat::makeError(requestId, ErrorCode::NotJoined,
                               notJoinedMessage.arg(roomName.left(MaxRoomLength)));
    return Membership{&*info, &*room};
}

void HubState::leaveLocked(quint64 session, SessionInfo &info, const QString &roomName,
                           LeaveReason reason)
{
    info.rooms.removeOne(roomName);
    const auto it = rooms.find(roomName);
    if (it == rooms.end())
        return;
    it->removeMember(session, info);
    it->catchingUp.remove(session);
    const Member member{info.name, info.kind};
    if (!nameInRoom(*it, info.name, false) && !ghostInRoomLocked(info.name, roomName))
        deliverLocked(*it, encode(PresenceEvent{roomName, PresenceChange::Left, member, reason}),
                      session);
    qCDebug(lcHub) << info.name << "left" << roomName << "reason" << toWire(reason);
}

QByteArray EventEncoder::encodePlainMessage(QStringView from, QStringView text) const
{
    QByteArray frames;
    QString line;
    for (QStringView part : protocol::splitLines(text)) {
        line = from % u": " % part;
        frames += encodePlain(line);
    }
    return frames;
}

QByteArray EventEncoder::encodePlainMessage(const MessageEvent &message) const
{
    if (message.attachments.isEmpty())
        return encodePlainMessage(message.from, message.text);
    QString text = message.text;
    for (const Attachment &attachment : message.attachments)
        text += u" [file: "_s + attachment.name + u']';
    return encodePlainMessage(message.from, text.trimmed());
}

void HubState::deliverLocked(Room &room, const QByteArray &frame, quint64 except,
                             const MessageEvent *plainSource)
{
    QByteArray plainFrame; // one line for plain clients, built once if one is there
    // Most messages go to every member as grouped; a member left out (the subject of a presence
    // event) or still catching up needs a list of its own.
    const bool filter = except != 0 || !room.catchingUp.isEmpty();
    for (const Room::Delivery &group : std::as_const(room.deliveries)) {
        if (group.plain && !plainSource)
            continue; // plain clients get chat lines only (and never catch up)
        QList<quint64> members = group.sessions; // shared, not copied
        if (filter) {
            members.clear();
            for (quint64 member : group.sessions) {
                if (member == except)
                    continue;
                if (!room.catchingUp.isEmpty()) {
                    const auto waiting = room.catchingUp.find(member);
                    if (waiting != room.catchingUp.end()) {
                        waiting->append(frame);
                        continue;
                    }
                }
                members.append(member);
            }
            if (members.isEmpty())
                continue;
        }
        if (group.plain && plainFrame.isEmpty())
            plainFrame = encoder.encodePlainMessage(*plainSource);
        group.fanOut->post(group.plain ? plainFrame : frame, std::move(members));
    }
}

void HubState::replyLocked(quint64 session, const SessionInfo &info, const ServerMessage &reply)
{
    info.fanOut->post(encode(reply), {session});
}

std::optional<Error> HubState::confusableLocked(const QString &name, const QString &skeleton,
                                                const QString &requestId) const
{
    if (const names::Problem problem = names::problem(name); problem != names::Problem::None)
        return chat::makeError(requestId, ErrorCode::NameConfusable, names::explain(problem, name));
    const auto looksLike = [&](const QString &other) {
        return chat::makeError(
            requestId, ErrorCode::NameConfusable,
            u"\"%1\" looks too much like \"%2\"; choose another name."_s.arg(name, other));
    };
    // The skeleton of a name that fails is empty: refused, rather than let through unchecked.
    if (skeleton.isEmpty())
        return looksLike(Actor::operatorName());
    static const QList<std::pair<QString, QString>> reserved = [] {
        QList<std::pair<QString, QString>> skeletons;
        for (const QString &name : Actor::reservedNames())
            skeletons.append({names::skeleton(name), name});
        return skeletons;
    }();
    for (const auto &[reservedSkeleton, reservedName] : reserved) {
        if (skeleton == reservedSkeleton)
            return looksLike(reservedName);
    }
    const auto account = accountSkeletons.constFind(skeleton);
    if (account != accountSkeletons.cend()) {
        const auto ref = accounts.constFind(*account);
        return looksLike(ref != accounts.cend() ? ref->name : *account);
    }
    const auto guest = guestSkeletons.constFind(skeleton);
    if (guest != guestSkeletons.cend()) {
        const QList<quint64> holders = sessionsByName.value(*guest);
        const auto ghost = ghosts.constFind(*guest);
        return looksLike(!holders.isEmpty()           ? sessionLocked(holders.first()).name
                             : ghost != ghosts.cend() ? ghost->name
                                                      : *guest);
    }
    return std::nullopt;
}

void HubState::releaseGuestSkeletonLocked(const QString &name)
{
    const auto it = guestSkeletons.find(names::skeleton(name));
    if (it != guestSkeletons.end() && *it == chat::folded(name))
        guestSkeletons.erase(it);
}

} // namespace sori::server
