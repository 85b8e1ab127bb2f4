// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Room administration (docs/protocol.md §13): renaming a room, un-archiving it, and taking a
// member out of a private room. Part of Hub, on its state and lock; kept apart from hub.cpp
// because a rename has to touch every place that knows a room by its name.

#include "core/chat/hub.h"

#include "core/logging.h"
#include "protocol/validation.h"

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

namespace {

// A change to a message names its room: the recent ones a catch-up sends from memory must carry
// the room's new name.
void renameIn(MessageChange &change, const QString &name)
{
    std::visit([&name](auto &event) { event.room = name; }, change);
}

} // namespace

Hub::Result<Done> Hub::renameRoom(const Actor &actor, const RenameRoom &request)
{
    if (!isValidRoomName(request.name)) {
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"A room name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxRoomLength));
    }
    if (const auto refused = newRoomName(request.name, request.id))
        return *refused;
    QMutexLocker lock(&m_state.mutex);
    const auto found = adminLocked(actor, request.id, u"Only admins rename rooms."_s);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    const QString oldName = request.room;
    const QString &newName = request.name;
    const auto room = m_state.rooms.find(oldName);
    if (room == m_state.rooms.end() || room->kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to rename."_s.arg(oldName));
    // Every client is put in the default room by its name (and plain ones know no other).
    if (oldName == QLatin1StringView(DefaultRoom))
        return makeError(request.id, ErrorCode::BadRoom,
                         u"\"%1\" is the default room: it cannot be renamed."_s.arg(oldName));
    if (newName == oldName)
        return m_moderation.doneLocked(acting, request.id, u"rename_room"_s);
    if (m_state.rooms.contains(newName))
        return makeError(request.id, ErrorCode::RoomExists,
                         u"There is already a room called \"%1\"."_s.arg(newName));
    // Messages numbered but not stored yet, and replays being read, were built and asked for
    // under the old name and come back under it: the rename waits until they are through, which
    // on a working server is a matter of milliseconds.
    if (room->seq != room->storedSeq || !room->catchingUp.isEmpty())
        return makeError(request.id, ErrorCode::Busy,
                         u"\"%1\" is busy storing messages; try again in a moment."_s.arg(oldName));

    // The room moves to its new key with everything in it: members, numbers, recent messages
    // and changes, read marks, resend ids.
    Room moved = std::move(*room);
    m_state.rooms.erase(room);
    for (MessageEvent &message : moved.recent)
        message.room = newName;
    for (MessageChange &change : moved.recentChanges)
        renameIn(change, newName);
    Room &renamed = *m_state.rooms.insert(newName, std::move(moved));
    // What else knows the room by its name.
    m_state.listed.remove(oldName);
    m_state.listed.insert(newName, true);
    if (m_state.guestRooms.remove(oldName))
        m_state.guestRooms.insert(newName);
    for (quint64 member : std::as_const(renamed.members)) {
        const auto info = m_state.sessions.find(member);
        if (info == m_state.sessions.end())
            continue;
        if (const qsizetype at = info->rooms.indexOf(oldName); at >= 0)
            info->rooms[at] = newName;
    }
    for (HubState::Ghost &ghost : m_state.ghosts) {
        if (const qsizetype at = ghost.rooms.indexOf(oldName); at >= 0)
            ghost.rooms[at] = newName;
    }
    for (QList<Sanction> &mutes : m_state.mutes) {
        for (Sanction &mute : mutes) {
            if (mute.room == oldName)
                mute.room = newName;
        }
    }
    m_readMarks.roomRenamedLocked(oldName, newName);
    // Queued behind every write that named the old room, so they land before it.
    m_state.storage->perform(u"a renamed room"_s, [oldName, newName](Store &store) {
        return store.renameRoom(oldName, newName);
    });
    m_moderation.auditLocked(acting.name, u"rename_room"_s, oldName, newName, newName);
    RoomChangedEvent changed{oldName, RoomChange::Renamed, acting.name, {}};
    changed.name = newName;
    m_state.deliverLocked(renamed, m_state.encode(changed), 0);
    qCInfo(lcHub) << acting.name << "renamed the room" << oldName << "to" << newName;
    return m_moderation.doneLocked(acting, request.id, u"rename_room"_s);
}

Hub::Result<Done> Hub::unarchiveRoom(const Actor &actor, const UnarchiveRoom &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = adminLocked(actor, request.id, u"Only admins unarchive rooms."_s);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    const QString &roomName = request.room;
    const auto room = m_state.rooms.find(roomName);
    if (room == m_state.rooms.end() || room->kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to unarchive."_s.arg(roomName));
    if (room->archived) {
        room->archived = false;
        m_state.storage->perform(u"an unarchived room"_s, [roomName](Store &store) {
            return store.setRoomArchived(roomName, false);
        });
        m_moderation.auditLocked(acting.name, u"unarchive_room"_s, roomName, roomName, {});
        m_state.deliverLocked(
            *room,
            m_state.encode(RoomChangedEvent{roomName, RoomChange::Unarchived, acting.name, {}}), 0);
        qCInfo(lcHub) << acting.name << "unarchived the room" << roomName;
    }
    return m_moderation.doneLocked(acting, request.id, u"unarchive_room"_s);
}

Hub::Result<Done> Hub::removeMember(const Actor &actor, const RemoveMember &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = m_moderation.actorLocked(actor, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    const QString &roomName = request.room;
    const auto room = m_state.rooms.find(roomName);
    // Somebody who may not enter the room learns nothing of it, as with invite.
    if (room == m_state.rooms.end() || (!acting.isOperator() && !mayEnter(*room, *acting.info)))
        return makeError(
            request.id, ErrorCode::NoSuchRoom,
            u"There is no room \"%1\" that you can remove people from."_s.arg(roomName));
    if (room->kind != RoomKind::Private)
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"\"%1\" is open to everyone: nobody can be removed from it."_s.arg(roomName));
    // The operator, moderators and admins; and the account that made the room, which decides
    // who is in it as it decides whom to invite.
    const bool creator = !acting.isOperator() && acting.info->account >= 0
        && !room->creator.isEmpty() && folded(room->creator) == acting.info->nameKey;
    if (!acting.isOperator() && !isStaff(acting.info->role) && !creator)
        return makeError(
            request.id, ErrorCode::Forbidden,
            u"Only moderators, admins and the one who made \"%1\" remove its members."_s.arg(
                roomName));
    const auto account = m_state.accountLocked(request.user, request.id);
    if (const auto *error = std::get_if<Error>(&account))
        return *error;
    const HubState::AccountRef *target = std::get<const HubState::AccountRef *>(account);
    // Staff enter every private room, invited or not: taking them out would not keep them out.
    if (isStaff(target->role))
        return makeError(
            request.id, ErrorCode::Forbidden,
            u"%1 is a moderator or an admin: they enter every room."_s.arg(target->name));
    if (!room->allowed.contains(target->id))
        return makeError(request.id, ErrorCode::NotMember,
                         u"%1 is not a member of \"%2\"."_s.arg(target->name, roomName));

    room->allowed.remove(target->id);
    m_readMarks.removedLocked(target->id, *room, roomName);
    m_state.storage->perform(
        u"a member taken out of a room"_s,
        [roomName, id = target->id](Store &store) { return store.removeRoomMember(roomName, id); });
    // Every connection of the person leaves the room (the others see it leave, as with a kick)
    // and is told why: the clients drop the room, and do not rejoin it after a reconnect.
    const QByteArray removed =
        m_state.encode(RoomChangedEvent{roomName, RoomChange::Removed, acting.name, {}});
    for (quint64 holder : m_state.sessionsByName.value(folded(target->name))) {
        const auto info = m_state.sessions.find(holder);
        if (info == m_state.sessions.end() || info->account != target->id)
            continue;
        if (info->rooms.contains(roomName))
            m_state.leaveLocked(holder, *info, roomName, LeaveReason::Kicked);
        if (info->fanOut && info->kind != ClientKind::Plain)
            info->fanOut->post(removed, {holder});
    }
    // A connection lost a moment ago is still listed in the room: it is not coming back to it.
    const auto ghost = m_state.ghosts.find(folded(target->name));
    if (ghost != m_state.ghosts.end() && ghost->rooms.removeOne(roomName)) {
        const Member member{ghost->name, ghost->kind};
        if (!HubState::nameInRoom(*room, ghost->name, false))
            m_state.deliverLocked(*room,
                                  m_state.encode(PresenceEvent{roomName, PresenceChange::Left,
                                                               member, LeaveReason::Kicked}),
                                  0);
        // An emptied ghost stays until its grace period ends: then the person goes offline.
    }
    m_moderation.auditLocked(acting.name, u"remove_member"_s, target->name, roomName, {});
    qCInfo(lcHub) << acting.name << "removed" << target->name << "from" << roomName;
    return m_moderation.doneLocked(acting, request.id, u"remove_member"_s);
}

} // namespace sori::server
