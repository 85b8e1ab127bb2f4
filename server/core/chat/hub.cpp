// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/hub.h"

#include "core/logging.h"
#include "core/monitorviews.h"
#include "core/namecheck.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"
#include "protocol/validation.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

Hub::Hub(const EventEncoder &encoder, Storage *storage, const ServerConfig &config, QObject *parent)
    : QObject(parent), m_state(encoder, storage, config), m_readMarks(m_state, config.readFlushMs)
{
    m_moderation.setChanges(&m_changes);
    // Guests' rooms are looked at a few times per idle period (and at least once a minute).
    m_guestRoomTimer.setInterval(qBound(10, m_state.guestRoomIdleMs / 4, 60'000));
    connect(&m_guestRoomTimer, &QTimer::timeout, this, &Hub::expireGuestRooms);
    m_guestRoomTimer.start();
}

void Hub::loadRooms(const QList<StoredRoom> &rooms)
{
    QMutexLocker lock(&m_state.mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const StoredRoom &stored : rooms) {
        Room &room = m_state.rooms[stored.name];
        room.kind = stored.kind;
        room.topic = stored.topic;
        room.archived = stored.archived;
        room.creator = stored.creator;
        room.byGuest = stored.byGuest;
        if (stored.kind != RoomKind::Direct)
            m_state.listed.insert(stored.name, true);
        if (stored.byGuest) {
            room.idleSince = now; // idle from this start on
            room.idleSeq = stored.lastSeq;
            m_state.guestRooms.insert(stored.name);
        } else if (!stored.creator.isEmpty()) {
            ++m_state.roomsMadeBy[folded(stored.creator)];
        }
        room.allowed = stored.members;
        if (stored.kind == RoomKind::Direct) {
            for (qint64 account : stored.members)
                m_state.directRooms[account].append(stored.name);
        }
        room.seq = room.storedSeq = stored.lastSeq;
        // What changed before now is in storage only: a catch-up from before reads it there.
        room.changesKeptFrom = stored.lastSeq + 1;
        room.readMarks = stored.readMarks;
        room.recent = stored.recent;
        for (const MessageEvent &message : stored.latestIds) {
            if (!message.msgId.isEmpty())
                room.msgIds.insert(RecentIds::key(folded(message.from), message.msgId),
                                   message.seq);
        }
    }
    // The default room is there from the first start on: plain clients and every new client
    // go to it, guests included (who make no rooms). It is the server's own, not audited.
    const QString lobby = QString::fromLatin1(DefaultRoom);
    if (!m_state.rooms.contains(lobby)) {
        m_state.rooms.insert(lobby, Room{});
        m_state.listed.insert(lobby, true);
        m_state.storage->createRoom(lobby, now);
    }
}

Hub::~Hub() = default;

QString Hub::serverString()
{
    return u"sori/" SORI_VERSION ""_s;
}

QString Hub::guestNameLocked()
{
    QString name;
    do {
        name = u"guest-%1"_s.arg(++m_state.nextGuest);
    } while (m_state.sessionsByName.contains(folded(name)) || m_state.ghosts.contains(folded(name))
             || m_state.guestKeys.contains(folded(name))
             // "guest-12" must not look like an account "guest-l2" either.
             || m_state.accountSkeletons.contains(names::skeleton(name))
             || m_state.guestSkeletons.contains(names::skeleton(name)));
    return name;
}

QStringList Hub::addAccounts(const QList<Account> &accounts)
{
    QMutexLocker lock(&m_state.mutex);
    QStringList added;
    for (const Account &account : accounts) {
        // What the hub knows already is newer than the database (the last-seen time is
        // written behind it).
        const QString key = folded(account.name);
        if (m_state.accounts.contains(key))
            continue;
        added.append(account.name);
        m_state.accounts.insert(key, HubState::AccountRef{account.id, account.role, account.name});
        m_state.accountOrder.insert(key, true);
        m_state.accountSkeletons.insert(names::skeleton(account.name), key);
        m_presence.knownLocked(account.name, account.lastSeen);
    }
    return added;
}

std::optional<Error> Hub::reserveAccountName(const QString &name)
{
    QMutexLocker lock(&m_state.mutex);
    const QString key = folded(name);
    if (m_state.sessionsByName.contains(key) || m_state.ghosts.contains(key))
        return makeError({}, ErrorCode::NameTaken,
                         u"A guest online is using the name \"%1\"; choose another."_s.arg(name));
    const QString skeleton = names::skeleton(name);
    if (auto confusable = m_state.confusableLocked(name, skeleton, {}))
        return confusable;
    m_state.accountSkeletons.insert(skeleton, key);
    return std::nullopt;
}

void Hub::releaseAccountName(const QString &name)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.accountSkeletons.find(names::skeleton(name));
    if (it != m_state.accountSkeletons.end() && *it == folded(name)
        && !m_state.accounts.contains(folded(name)))
        m_state.accountSkeletons.erase(it);
}

QByteArray Hub::keyHash(const QString &key)
{
    return QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);
}

bool Hub::mayEnter(const Room &room, const SessionInfo &info)
{
    if (room.kind == RoomKind::Direct)
        return info.account >= 0 && room.allowed.contains(info.account);
    if (room.kind != RoomKind::Private)
        return true;
    return isStaff(info.role) || (info.account >= 0 && room.allowed.contains(info.account));
}

Hub::Result<qint64> Hub::searchScope(quint64 session, const QString &requestId, const QString &room)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.constFind(session);
    if (it == m_state.sessions.cend())
        return makeError(requestId, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (room.isEmpty())
        return it->account;
    const auto found = m_state.rooms.constFind(room);
    // A direct conversation of others is not named to outsiders: as if there were none.
    if (found == m_state.rooms.cend()
        || (found->kind == RoomKind::Direct
            && !(it->account >= 0 && found->allowed.contains(it->account))))
        return makeError(requestId, ErrorCode::NoSuchRoom, u"There is no room \"%1\"."_s.arg(room));
    // Stricter than mayEnter(): staff who may enter a private room search it only once let in.
    if (found->kind == RoomKind::Private
        && !(it->account >= 0 && found->allowed.contains(it->account)))
        return makeError(requestId, ErrorCode::NotMember,
                         u"\"%1\" is a private room; only its members search it."_s.arg(room));
    return it->account;
}

std::optional<Error> Hub::mayUploadFile(qint64 account, const QString &name, Role role,
                                        const QString &room, const QString &address) const
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = m_state.rooms.constFind(room);
    const bool member = found != m_state.rooms.cend() && found->allowed.contains(account);
    if (found == m_state.rooms.cend() || (found->kind == RoomKind::Direct && !member))
        return makeError({}, ErrorCode::NoSuchRoom, u"There is no room \"%1\"."_s.arg(room));
    if (found->kind == RoomKind::Private && !member)
        return makeError(
            {}, ErrorCode::NotMember,
            u"\"%1\" is a private room; only its members share files there."_s.arg(room));
    if (found->kind == RoomKind::Announcement && !isStaff(role))
        return makeError({}, ErrorCode::Forbidden,
                         u"Only moderators and admins post in \"%1\"."_s.arg(room));
    if (found->archived)
        return makeError({}, ErrorCode::Archived,
                         u"\"%1\" is archived: it takes no new messages."_s.arg(room));
    // Staff are not locked out by an address ban (they may share an address with the banned).
    if (auto banned = m_moderation.bannedLocked(name, isStaff(role) ? QString() : address, {}))
        return banned;
    return m_moderation.mutedLocked(folded(name), room, {}, QDateTime::currentMSecsSinceEpoch());
}

bool Hub::mayReadFile(qint64 account, const QString &room) const
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = m_state.rooms.constFind(room);
    if (found == m_state.rooms.cend())
        return false;
    if (found->kind == RoomKind::Private || found->kind == RoomKind::Direct)
        return account >= 0 && found->allowed.contains(account);
    return account >= 0;
}

Hub::Result<Welcome> Hub::greet(quint64 session, FanOut *fanOut, const QString &requestId,
                                const Identity &who)
{
    QMutexLocker lock(&m_state.mutex);
    if (m_state.sessions.contains(session))
        return makeError(requestId, ErrorCode::AlreadyGreeted, u"You have already said hello."_s);
    // A guest's name in NFC: Hangul in conjoining jamo is the same name as the syllables.
    // (An account's is the one it was registered with.)
    QString name = who.account >= 0 ? who.name : names::normalized(who.name);
    const ClientKind kind = who.kind;
    // Staff are not locked out by an address ban (they may share an address with the banned).
    const bool staff = isStaff(who.role);
    if (const auto banned =
            m_moderation.bannedLocked(name, staff ? QString() : who.address, requestId))
        return *banned;
    const QList<quint64> holders = m_state.sessionsByName.value(folded(name));
    // A guest coming back with the key of its welcome gets its name again, also while its old
    // connection is still thought alive or listed through the grace period.
    const auto guestKey =
        name.isEmpty() ? m_state.guestKeys.cend() : m_state.guestKeys.constFind(folded(name));
    const bool resumed = who.account < 0 && !who.resume.isEmpty()
        && guestKey != m_state.guestKeys.cend() && *guestKey == keyHash(who.resume);
    QString resumeKey = who.resume;
    if (resumed) {
        // The name is this guest's already.
    } else if (who.account >= 0) {
        for (quint64 holder : holders) {
            if (m_state.sessionLocked(holder).account != who.account)
                return makeError(
                    requestId, ErrorCode::NameTaken,
                    u"A guest online is using the name \"%1\"; try again later."_s.arg(name));
        }
        m_state.accounts.insert(folded(name), HubState::AccountRef{who.account, who.role, name});
        // (Only if new: find_people may be paging through a copy, which must not be detached.)
        if (!m_state.accountOrder.contains(folded(name)))
            m_state.accountOrder.insert(folded(name), true);
        m_state.accountSkeletons.insert(names::skeleton(name), folded(name));
    } else if (name.isEmpty()) {
        name = guestNameLocked();
    } else if (isGuestName(name) && who.resume.isEmpty()) {
        // (With a resume key it is a guest coming back after a restart of the server, which
        // forgot the keys: the name is given back if it is free.)
        return makeError(requestId, ErrorCode::BadName,
                         u"Names of the form guest-<number> are given out by the server; "
                         "leave the name empty to get one."_s);
    } else if (!isValidName(name)) {
        return makeError(
            requestId, ErrorCode::BadName,
            u"A name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxNameLength));
    } else if (m_state.accounts.contains(folded(name))) {
        return makeError(requestId, ErrorCode::NameTaken,
                         u"\"%1\" is a registered name; sign in to use it."_s.arg(name));
    } else if (Actor::isReservedName(name)) {
        // The operator's announcements come from "server", the server's plain lines start with
        // "error:": nobody may pass for either.
        return makeError(requestId, ErrorCode::NameTaken,
                         u"\"%1\" is a name the server uses itself."_s.arg(name));
    } else if (!holders.isEmpty() || m_state.ghosts.contains(folded(name))) {
        return makeError(requestId, ErrorCode::NameTaken,
                         u"Somebody online is already called \"%1\"."_s.arg(name));
    } else if (auto confusable = m_state.confusableLocked(name, names::skeleton(name), requestId)) {
        return *confusable;
    }
    if (who.account < 0)
        m_state.guestSkeletons.insert(names::skeleton(name), folded(name));
    if (who.account < 0 && !resumed) {
        resumeKey =
            QString::fromLatin1(QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                                + QByteArray::number(QRandomGenerator::system()->generate64(), 16));
        m_state.guestKeys.insert(folded(name), keyHash(resumeKey));
    }

    SessionInfo &info = m_state.sessions[session];
    info.name = name;
    info.nameKey = folded(name);
    info.kind = kind;
    info.role = who.role;
    info.account = who.account;
    info.address = who.address;
    info.tokenHash = who.tokenHash;
    info.fanOut = fanOut;
    m_state.sessionsByName[folded(name)].append(session);
    qCInfo(lcHub) << "online:" << name << "as" << toWire(kind) << "session" << session;
    Welcome welcome{requestId, Version, name, serverString(), who.role, who.token, who.expires};
    if (who.account < 0 && kind != ClientKind::Plain)
        welcome.resume = resumeKey;
    welcome.notify = who.notify;
    if (kind == ClientKind::Plain) {
        const QString room = QString::fromLatin1(DefaultRoom);
        info.fanOut->post(m_state.encoder.encodePlain(
                              u"Welcome to Sori! You are %1, chatting in #%2."_s.arg(name, room)),
                          {session});
        joinLocked(session, info, room, nullptr);
    } else {
        m_state.replyLocked(session, info, welcome);
        // Direct conversations come along by themselves, with what was said meanwhile.
        if (who.account >= 0) {
            for (const QString &room : m_state.directRooms.value(who.account))
                joinAndReplyLocked(session, info, room, {});
        }
        // What arrived while the person was away, and what it has read elsewhere. A new guest
        // follows nothing yet: it is told nothing (the frames after its welcome are its own
        // requests' answers); one coming back with its key has its session's marks.
        if (who.account >= 0 || resumed)
            m_readMarks.sendUnreadLocked(session, info);
    }
    return welcome;
}

bool Hub::joinLocked(quint64 session, SessionInfo &info, const QString &roomName, Room **joinedRoom)
{
    auto existing = m_state.rooms.find(roomName);
    if (existing == m_state.rooms.end()) {
        // join() checked that this session may make it (mayCreateByJoinLocked).
        const bool guest = info.account < 0;
        if (guest)
            ++info.roomsMade;
        createRoomLocked(roomName, RoomKind::Public, {}, info.name, u"join"_s, guest,
                         guest || isStaff(info.role) ? QString() : info.nameKey);
        existing = m_state.rooms.find(roomName);
    }
    Room &room = *existing;
    if (joinedRoom)
        *joinedRoom = &room;
    if (info.rooms.contains(roomName))
        return false;
    info.rooms.append(roomName);
    room.addMember(session, info);
    Member member{info.name, info.kind};
    member.status = m_state.statusLocked(info.nameKey);
    // Somebody back within the grace period never left in the eyes of the others.
    const bool wasListed = m_presence.comeBackLocked(info.name, roomName);
    // An account already in the room from another session has not "joined" again.
    if (!wasListed && !HubState::nameInRoom(room, info.name, true))
        m_state.deliverLocked(
            room, m_state.encode(PresenceEvent{roomName, PresenceChange::Joined, member}), session);
    qCDebug(lcHub) << info.name << "joined" << roomName;
    return true;
}

std::optional<Error> Hub::tooManyRoomsLocked(const SessionInfo &info, const QString &room,
                                             const QString &requestId) const
{
    if (info.rooms.size() < m_state.maxRoomsPerSession || info.rooms.contains(room))
        return std::nullopt;
    return makeError(requestId, ErrorCode::TooManyRooms,
                     u"You are in %1 rooms, the most one connection may be in; leave one "
                     "first."_s.arg(info.rooms.size()));
}

std::optional<Error> Hub::newRoomName(const QString &room, const QString &requestId)
{
    // Rooms are addressed by their exact name, so a name is not normalized on the way in: a new
    // room's name must already be NFC (what keyboards type), or a jamo spelling would be a second
    // room that reads like the first. It must pass the characters and scripts rules of people's
    // names too; rooms are not compared by skeleton (docs/admin.md, "Names").
    if (room != names::normalized(room))
        return makeError(requestId, ErrorCode::BadRoom,
                         u"A room name must be in Unicode normalization form C (NFC)."_s);
    if (const names::Problem problem = names::problem(room); problem != names::Problem::None)
        return makeError(requestId, ErrorCode::BadRoom, names::explain(problem, room));
    return std::nullopt;
}

Hub::Result<Joined> Hub::join(quint64 session, const Join &request)
{
    if (!isValidRoomName(request.room)) {
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"A room name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxRoomLength));
    }
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const bool staff = isStaff(it->role);
    if (const auto banned =
            m_moderation.bannedLocked(it->name, staff ? QString() : it->address, request.id))
        return *banned;
    const auto existing = m_state.rooms.constFind(request.room);
    if (existing == m_state.rooms.cend()) {
        if (const auto refused = newRoomName(request.room, request.id))
            return *refused;
        if (const auto refused = mayCreateByJoinLocked(*it, request.room, request.id))
            return *refused;
    }
    if (existing != m_state.rooms.cend() && !mayEnter(*existing, *it)) {
        return makeError(
            request.id, ErrorCode::NotMember,
            u"\"%1\" is a private room; ask one of its members to invite you."_s.arg(request.room));
    }
    // An archived room: its members (those let into a private room) and staff may still come
    // in to read; nobody else.
    if (existing != m_state.rooms.cend() && existing->archived && !it->rooms.contains(request.room)
        && !isStaff(it->role)
        && !(existing->kind == RoomKind::Private && existing->allowed.contains(it->account))) {
        return makeError(
            request.id, ErrorCode::Archived,
            u"\"%1\" is archived: it takes no new members or messages."_s.arg(request.room));
    }
    if (existing != m_state.rooms.cend() && existing->catchingUp.contains(session))
        return makeError(request.id, ErrorCode::BadField,
                         u"The messages you missed in \"%1\" are on their way; wait for them "
                         "before joining again."_s.arg(request.room));
    if (const auto tooMany = tooManyRoomsLocked(*it, request.room, request.id))
        return *tooMany;
    return joinAndReplyLocked(session, *it, request.room, request.id, request.since);
}

Joined Hub::joinAndReplyLocked(quint64 session, SessionInfo &joiner, const QString &roomName,
                               const QString &requestId, qint64 since)
{
    Room *room = nullptr;
    joinLocked(session, joiner, roomName, &room);
    Joined joined{requestId, roomName, room->storedSeq, {}, room->kind, room->topic};
    joined.read = m_readMarks.followLocked(joiner, *room, roomName);
    joined.members.reserve(room->members.size());
    // An account online twice is listed once; a set keeps this linear in big rooms.
    QSet<QString> listed;
    listed.reserve(room->members.size());
    const auto add = [this, &joined, &listed](const QString &name, ClientKind kind) {
        if (!listed.contains(name)) {
            listed.insert(name);
            Member member{name, kind};
            member.status = m_state.statusLocked(folded(name));
            joined.members.append(std::move(member));
        }
    };
    for (quint64 member : std::as_const(room->members)) {
        const SessionInfo &info = m_state.sessionLocked(member);
        add(info.name, info.kind);
    }
    for (const HubState::Ghost &ghost : std::as_const(m_state.ghosts)) {
        if (ghost.rooms.contains(roomName))
            add(ghost.name, ghost.kind);
    }
    m_state.replyLocked(session, joiner, joined);
    m_replay.afterJoinLocked(session, joiner, *room, roomName, requestId, since);
    return joined;
}

Hub::Result<Joined> Hub::createRoom(const Actor &actor, const CreateRoom &request)
{
    if (!isValidRoomName(request.room)) {
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"A room name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxRoomLength));
    }
    QMutexLocker lock(&m_state.mutex);
    const auto found = m_moderation.actorLocked(actor, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    SessionInfo *const info = acting.info; // null: the operator, who may make any kind
    if (info && info->role == Role::Guest)
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Guests cannot create rooms; sign in or register."_s);
    if (info && request.kind == RoomKind::Announcement && !isStaff(info->role))
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Only moderators and admins create announcement rooms."_s);
    if (m_state.rooms.contains(request.room))
        return makeError(request.id, ErrorCode::RoomExists,
                         u"There is already a room called \"%1\"."_s.arg(request.room));
    if (const auto refused = newRoomName(request.room, request.id))
        return *refused;
    if (info) {
        if (const auto tooMany = tooManyRoomsLocked(*info, request.room, request.id))
            return *tooMany;
        if (const auto refused = mayCreateLocked(*info, request.id))
            return *refused;
    }
    if (request.kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::BadField,
                         u"Direct conversations are made by sending a direct message."_s);
    // Staff and the operator make rooms outside rooms/rooms-per-account.
    const bool counted = info && !isStaff(info->role);
    Room &room = createRoomLocked(request.room, request.kind, request.topic, acting.name,
                                  info ? u"create_room"_s : QString(), false,
                                  counted ? info->nameKey : QString());
    qCInfo(lcHub) << acting.name << "created the" << toWire(request.kind) << "room" << request.room;
    if (!info) // the operator is in no room: the room is made, empty
        return Joined{request.id, request.room, 0, {}, request.kind, request.topic};
    if (request.kind == RoomKind::Private) {
        room.allowed.insert(info->account);
        m_state.storage->addRoomMember(request.room, info->account);
    }
    return joinAndReplyLocked(acting.session, *info, request.room, request.id);
}

std::optional<Error> Hub::listRooms(quint64 session, const ListRooms &request)
{
    if (request.limit > m_state.listMaxRooms)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_state.listMaxRooms));
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const qsizetype limit = request.limit > 0 ? request.limit : m_state.listMaxRooms;
    RoomList list{request.id, {}, false};
    // The page's size in bytes as it goes: the envelope (with "more"), then each room and a comma.
    const qsizetype emptySize = MessageCodec::encode(RoomList{request.id, {}, true}).size();
    const qsizetype bareSize = MessageCodec::encode(RoomList{{}, {}, false}).size();
    qsizetype bytes = emptySize;
    auto name = request.after.isEmpty() ? m_state.listed.cbegin()
                                        : m_state.listed.upperBound(request.after);
    for (; name != m_state.listed.cend(); ++name) {
        if (!request.query.isEmpty() && !name.key().contains(request.query, Qt::CaseInsensitive))
            continue;
        const auto room = m_state.rooms.constFind(name.key());
        if (room == m_state.rooms.cend() || room->kind == RoomKind::Direct || !mayEnter(*room, *it))
            continue; // a private room is not even named to outsiders
        if (list.rooms.size() >= limit) {
            list.more = true;
            break;
        }
        QSet<QString> online;
        for (quint64 member : room->members)
            online.insert(m_state.sessionLocked(member).name);
        for (const HubState::Ghost &ghost : std::as_const(m_state.ghosts)) {
            if (ghost.rooms.contains(name.key()))
                online.insert(ghost.name);
        }
        RoomInfo info{name.key(), room->kind, room->topic, int(online.size()), room->archived};
        const qsizetype size = MessageCodec::encode(RoomList{{}, {info}, false}).size() - bareSize
            + (list.rooms.isEmpty() ? 0 : 1);
        // At least one room a page, so that paging goes on (one room is far below the least
        // budget there may be: rooms/list-max-bytes).
        if (!list.rooms.isEmpty() && bytes + size > m_state.listMaxBytes) {
            list.more = true;
            break;
        }
        bytes += size;
        list.rooms.append(std::move(info));
    }
    m_state.replyLocked(session, *it, list);
    return std::nullopt;
}

Hub::Room &Hub::createRoomLocked(const QString &name, RoomKind kind, const QString &topic,
                                 const QString &actor, const QString &how, bool byGuest,
                                 const QString &creatorKey)
{
    Room room;
    room.kind = kind;
    room.topic = topic;
    room.creator = actor;
    room.byGuest = byGuest;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (byGuest) {
        room.idleSince = now;
        m_state.guestRooms.insert(name);
    }
    if (!creatorKey.isEmpty())
        ++m_state.roomsMadeBy[creatorKey];
    if (kind != RoomKind::Direct)
        m_state.listed.insert(name, true);
    m_state.storage->createRoom(name, now, kind, topic);
    m_state.storage->perform(u"who made a room"_s, [=](Store &store) {
        return store.setRoomCreator(name, actor, byGuest);
    });
    QString detail = toWire(kind).toString();
    if (!how.isEmpty())
        detail += u" by "_s + how;
    if (byGuest)
        detail += u" (a guest)"_s;
    m_moderation.auditLocked(actor, u"create_room"_s, name, name, detail);
    return *m_state.rooms.insert(name, room);
}

std::optional<Error> Hub::mayCreateLocked(const SessionInfo &info, const QString &requestId) const
{
    if (isStaff(info.role) || m_state.roomsPerAccount <= 0)
        return std::nullopt;
    const int made = m_state.roomsMadeBy.value(info.nameKey);
    if (made < m_state.roomsPerAccount)
        return std::nullopt;
    return makeError(requestId, ErrorCode::Forbidden,
                     u"You have made %1 rooms, as many as one account may have on this server; "
                     "ask an admin to delete one you no longer need."_s.arg(made));
}

std::optional<Error> Hub::mayCreateByJoinLocked(const SessionInfo &info, const QString &room,
                                                const QString &requestId) const
{
    if (info.account >= 0)
        return mayCreateLocked(info, requestId);
    if (m_state.guestRoomsPerSession <= 0)
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\", and guests cannot create rooms; sign in or "
                         "register to create one."_s.arg(room));
    if (info.roomsMade >= m_state.guestRoomsPerSession)
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\", and you have made the %2 rooms a guest may "
                         "make; sign in or register to create more."_s.arg(room)
                             .arg(m_state.guestRoomsPerSession));
    return std::nullopt;
}

HubResult<Moderation::Acting> Hub::adminLocked(const Actor &actor, const QString &requestId,
                                               const QString &refusal)
{
    auto found = m_moderation.actorLocked(actor, requestId);
    const auto *acting = std::get_if<Moderation::Acting>(&found);
    if (acting && !acting->isOperator() && acting->info->role != Role::Admin)
        return makeError(requestId, ErrorCode::Forbidden, refusal);
    return found;
}

Hub::Result<Done> Hub::archiveRoom(const Actor &actor, const ArchiveRoom &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = adminLocked(actor, request.id, u"Only admins archive rooms."_s);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    const QString &roomName = request.room;
    const auto room = m_state.rooms.find(roomName);
    if (room == m_state.rooms.end() || room->kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to archive."_s.arg(roomName));
    if (roomName == QLatin1StringView(DefaultRoom))
        return makeError(request.id, ErrorCode::BadRoom,
                         u"\"%1\" is the default room: it cannot be archived."_s.arg(roomName));
    if (!room->archived) {
        room->archived = true;
        m_state.storage->perform(u"an archived room"_s, [roomName](Store &store) {
            return store.setRoomArchived(roomName, true);
        });
        m_moderation.auditLocked(acting.name, u"archive_room"_s, roomName, roomName, {});
        room->catchingUp.clear();
        m_state.deliverLocked(
            *room,
            m_state.encode(RoomChangedEvent{roomName, RoomChange::Archived, acting.name, {}}), 0);
        qCInfo(lcHub) << acting.name << "archived the room" << roomName;
    }
    return m_moderation.doneLocked(acting, request.id, u"archive_room"_s);
}

Hub::Result<Done> Hub::setTopic(const Actor &actor, const SetTopic &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = m_moderation.actorLocked(actor, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    if (!acting.isOperator() && !isStaff(acting.info->role))
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Only moderators and admins change topics."_s);
    const QString &roomName = request.room;
    const auto room = m_state.rooms.find(roomName);
    if (room == m_state.rooms.end() || room->kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to give a topic."_s.arg(roomName));
    if (room->archived)
        return makeError(request.id, ErrorCode::Archived,
                         u"\"%1\" is archived: it cannot be changed."_s.arg(roomName));
    if (room->topic != request.topic) {
        room->topic = request.topic;
        m_state.storage->perform(u"a topic"_s, [roomName, topic = request.topic](Store &store) {
            return store.setRoomTopic(roomName, topic);
        });
        m_moderation.auditLocked(acting.name, u"set_topic"_s, roomName, roomName, request.topic);
        RoomChangedEvent changed{roomName, RoomChange::Topic, acting.name, {}};
        changed.topic = request.topic;
        m_state.deliverLocked(*room, m_state.encode(changed), 0);
    }
    return m_moderation.doneLocked(acting, request.id, u"set_topic"_s);
}

Hub::Result<Done> Hub::deleteRoom(const Actor &actor, const DeleteRoom &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = adminLocked(actor, request.id, u"Only admins delete rooms."_s);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Moderation::Acting &acting = std::get<Moderation::Acting>(found);
    const auto result = deleteRoomLocked(request.room, acting.name, request.reason, request.id);
    if (std::holds_alternative<Error>(result))
        return result;
    // The admin may have been in the room: its session is still there.
    return m_moderation.doneLocked(acting, request.id, u"delete_room"_s);
}

Hub::Result<Done> Hub::deleteRoomLocked(const QString &roomName, const QString &by,
                                        const QString &reason, const QString &requestId)
{
    const auto room = m_state.rooms.find(roomName);
    if (room == m_state.rooms.end())
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to delete."_s.arg(roomName));
    if (roomName == QLatin1StringView(DefaultRoom))
        return makeError(requestId, ErrorCode::BadRoom,
                         u"\"%1\" is the default room: it cannot be deleted."_s.arg(roomName));
    // The members are told, then they are out of it: nobody says "left" in a room that is gone.
    room->catchingUp.clear();
    m_state.deliverLocked(
        *room, m_state.encode(RoomChangedEvent{roomName, RoomChange::Deleted, by, reason}), 0);
    for (quint64 member : std::as_const(room->members)) {
        const auto info = m_state.sessions.find(member);
        if (info != m_state.sessions.end())
            info->rooms.removeOne(roomName);
    }
    if (room->kind == RoomKind::Direct) {
        for (qint64 account : std::as_const(room->allowed))
            m_state.directRooms[account].removeOne(roomName);
    }
    if (!room->byGuest && !room->creator.isEmpty()) {
        const auto made = m_state.roomsMadeBy.find(folded(room->creator));
        if (made != m_state.roomsMadeBy.end() && --*made <= 0)
            m_state.roomsMadeBy.erase(made);
    }
    m_state.rooms.erase(room);
    m_readMarks.roomGoneLocked(roomName);
    m_state.listed.remove(roomName);
    m_state.guestRooms.remove(roomName);
    m_state.storage->perform(u"a deleted room"_s,
                             [=](Store &store) { return store.deleteRoom(roomName); });
    m_moderation.auditLocked(by, u"delete_room"_s, roomName, roomName, reason);
    qCInfo(lcHub) << by << "deleted the room" << roomName;
    return Done{requestId, u"delete_room"_s};
}

void Hub::expireGuestRooms()
{
    QMutexLocker lock(&m_state.mutex);
    if (m_state.guestRooms.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList idle;
    for (const QString &name : std::as_const(m_state.guestRooms)) {
        const auto room = m_state.rooms.find(name);
        if (room == m_state.rooms.end())
            continue;
        bool busy = !room->members.isEmpty() || room->storedSeq != room->idleSeq;
        for (auto ghost = m_state.ghosts.cbegin(); !busy && ghost != m_state.ghosts.cend(); ++ghost)
            busy = ghost->rooms.contains(name);
        if (busy) {
            room->idleSince = now;
            room->idleSeq = room->storedSeq;
        } else if (now - room->idleSince >= m_state.guestRoomIdleMs) {
            idle.append(name);
        }
    }
    for (const QString &name : std::as_const(idle))
        deleteRoomLocked(name, Actor::operatorName(), u"a guest's room, idle"_s, {});
}

Hub::Result<Invited> Hub::invite(quint64 session, const Invite &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = m_state.rooms.find(request.room);
    if (room == m_state.rooms.end() || !mayEnter(*room, *it))
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" that you can invite to."_s.arg(request.room));
    if (room->kind != RoomKind::Private)
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"\"%1\" is open to everyone: no invitation is needed."_s.arg(request.room));
    const auto found = m_state.accountLocked(request.user, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const HubState::AccountRef *account = std::get<const HubState::AccountRef *>(found);
    const bool isNew = !room->allowed.contains(account->id);
    if (isNew) {
        room->allowed.insert(account->id);
        m_state.storage->addRoomMember(request.room, account->id);
    }
    qCInfo(lcHub) << it->name << "invited" << account->name << "to" << request.room;
    const Invited invited{request.id, request.room, account->name};
    m_state.replyLocked(session, *it, invited);
    if (!isNew)
        return invited; // told already: inviting again tells nobody anything new
    // The invitee hears of it on every connection it has (an account: never plain).
    const Invited told{{}, request.room, account->name, it->name};
    for (quint64 holder : m_state.sessionsByName.value(folded(account->name))) {
        const SessionInfo &info = m_state.sessionLocked(holder);
        if (info.fanOut && info.kind != ClientKind::Plain && info.account == account->id)
            m_state.replyLocked(holder, info, told);
    }
    return invited;
}

Hub::Result<Left> Hub::leave(quint64 session, const Leave &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"You are not in the room \"%1\"."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    SessionInfo &info = *std::get<HubState::Membership>(member).info;
    Room &room = *std::get<HubState::Membership>(member).room;
    m_state.leaveLocked(session, info, request.room, LeaveReason::Left);
    m_readMarks.unfollowLocked(info, room, request.room);
    const Left left{request.id, request.room};
    m_state.replyLocked(session, info, left);
    return left;
}

std::optional<Error> Hub::send(quint64 session, const Send &request,
                               const QList<Attachment> &attachments)
{
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"Join the room \"%1\" before sending to it."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<HubState::Membership>(member);
    if (room->kind == RoomKind::Announcement && !isStaff(info->role))
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Only moderators and admins post in \"%1\"."_s.arg(request.room));
    if (room->archived)
        return makeError(request.id, ErrorCode::Archived,
                         u"\"%1\" is archived: it takes no new messages."_s.arg(request.room));
    if (auto refused = replyToLocked(*room, request.room, request.id, request.replyTo))
        return refused;
    return queueMessageLocked(session, *info, *room, request.room, request.id, request.text,
                              request.msgId, request.replyTo, attachments);
}

std::optional<Error> Hub::replyToLocked(const Room &room, const QString &roomName,
                                        const QString &requestId, qint64 replyTo) const
{
    if (replyTo == 0)
        return std::nullopt;
    // Among the recent messages it must be one of them; an older seq is taken as given (the
    // quote is read with it from storage, and is empty if it is not a message).
    const bool recent = !room.recent.isEmpty() && replyTo >= room.recent.first().seq;
    const bool found = recent
        && std::any_of(room.recent.cbegin(), room.recent.cend(),
                       [replyTo](const MessageEvent &m) { return m.seq == replyTo && !m.deleted; });
    if (replyTo < 0 || replyTo > room.storedSeq || (recent && !found))
        return makeError(
            requestId, ErrorCode::NotFound,
            u"There is no message %1 in \"%2\" to reply to."_s.arg(replyTo).arg(roomName));
    return std::nullopt;
}

std::optional<Error> Hub::queueMessageLocked(quint64 session, SessionInfo &sender, Room &room,
                                             const QString &roomName, const QString &requestId,
                                             const QString &text, const QString &msgId,
                                             qint64 replyTo, const QList<Attachment> &attachments)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto muted = m_moderation.mutedLocked(sender.nameKey, roomName, requestId, now))
        return muted;
    std::optional<RecentIds::Key> idKey;
    if (!msgId.isEmpty()) {
        idKey = RecentIds::key(sender.nameKey, msgId);
        if (const std::optional<qint64> original = room.msgIds.find(*idKey)) {
            // A resend (after a lost ack, say): answered with the original number, in order.
            // Its attachments (claimed for it) go along only to be let go once it is acked.
            PendingMessage duplicate{MessageEvent{roomName, *original, sender.name, text, now,
                                                  msgId, false, sender.role,
                                                  sender.role == Role::Guest},
                                     session, requestId, true};
            duplicate.message.attachments = attachments;
            m_state.storage->append(std::move(duplicate));
            return std::nullopt;
        }
    }
    // Numbered under the lock, queued in that order: storage keeps it. The frames are built
    // here, on the sender's worker, not on the storage thread that every message goes through.
    // The sender's role goes with the message (and is stored with it): a guest's name, however
    // it looks, never reads like staff.
    PendingMessage pending{MessageEvent{roomName, ++room.seq, sender.name, text, now, msgId, false,
                                        sender.role, sender.role == Role::Guest},
                           session, requestId};
    pending.message.replyTo = replyTo;
    pending.message.attachments = attachments;
    // Mentions are found once, here: the event, the store (for the unread counts) and every
    // client go by the same list. Most messages have no '@' and cost one scan.
    if (text.contains(u'@'))
        pending.message.mentions = findMentions(text);
    pending.event = m_state.encode(pending.message);
    if (sender.kind != ClientKind::Plain)
        pending.ackEvent = m_state.encode(Ack{requestId, roomName, room.seq, msgId});
    m_state.storage->append(std::move(pending));
    if (idKey)
        room.msgIds.insert(*idKey, room.seq);
    return std::nullopt;
}

QString Hub::directRoomName(const QString &a, const QString &b)
{
    const QString x = folded(a);
    const QString y = folded(b);
    return x < y ? u"dm:%1:%2"_s.arg(x, y) : u"dm:%1:%2"_s.arg(y, x);
}

std::optional<Error> Hub::direct(quint64 session, const Direct &request,
                                 const QList<Attachment> &attachments)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (it->account < 0)
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Guests cannot send direct messages; sign in or register."_s);
    const auto found = m_state.accountLocked(request.to, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const HubState::AccountRef *recipient = std::get<const HubState::AccountRef *>(found);
    if (recipient->id == it->account)
        return makeError(request.id, ErrorCode::BadField,
                         u"A direct message goes to somebody else."_s);
    const QString name = directRoomName(it->name, request.to);
    auto room = m_state.rooms.find(name);
    if (room == m_state.rooms.end()) {
        Room &created = createRoomLocked(name, RoomKind::Direct, {}, it->name, {}, false, {});
        created.allowed = {it->account, recipient->id};
        for (qint64 account : {it->account, recipient->id}) {
            m_state.storage->addRoomMember(name, account);
            m_state.directRooms[account].append(name);
        }
        // Whoever of the two is online is in the conversation from now on.
        for (auto other = m_state.sessions.begin(); other != m_state.sessions.end(); ++other) {
            if (created.allowed.contains(other->account))
                joinAndReplyLocked(other.key(), *other, name, {});
        }
        room = m_state.rooms.find(name);
    }
    if (auto refused = replyToLocked(*room, name, request.id, request.replyTo))
        return refused;
    // Counted as unread by the recipient, also when it is offline now.
    m_readMarks.followDirectLocked(*room, name, room->seq);
    return queueMessageLocked(session, *it, *room, name, request.id, request.text, request.msgId,
                              request.replyTo, attachments);
}

void Hub::onStored(const QList<PendingMessage> &batch)
{
    QMutexLocker lock(&m_state.mutex);
    for (const PendingMessage &pending : batch) {
        const MessageEvent &event = pending.message;
        if (pending.duplicate) {
            const auto sender = m_state.sessions.constFind(pending.session);
            if (sender != m_state.sessions.cend() && sender->kind != ClientKind::Plain)
                m_state.replyLocked(pending.session, *sender,
                                    Ack{pending.requestId, event.room, event.seq, event.msgId});
            continue;
        }
        const auto found = m_state.rooms.find(event.room);
        if (found == m_state.rooms.end()) { // deleted meanwhile: stored, then deleted with the room
            const auto sender = m_state.sessions.constFind(pending.session);
            if (sender != m_state.sessions.cend() && !pending.ackEvent.isEmpty())
                sender->fanOut->post(pending.ackEvent, {pending.session});
            continue;
        }
        Room &room = *found;
        room.storedSeq = event.seq;
        if (pending.change) {
            // An edit, a delete or a reaction: the recent messages show it; members get its
            // event (plain members nothing), its sender the ack.
            m_changes.storedLocked(room, *pending.change);
            m_state.deliverLocked(room, pending.event, 0);
            const auto sender = m_state.sessions.constFind(pending.session);
            if (sender != m_state.sessions.cend() && !pending.ackEvent.isEmpty())
                sender->fanOut->post(pending.ackEvent, {pending.session});
            continue;
        }
        if (m_state.historyOnJoin > 0) {
            room.recent.append(event);
            if (room.recent.size() > m_state.historyOnJoin)
                room.recent.remove(0, room.recent.size() - m_state.historyOnJoin);
        }
        // The frames were built in queueMessageLocked(); plain members get a line, built once.
        m_state.deliverLocked(room, pending.event, 0, &event);
        const auto sender = m_state.sessions.constFind(pending.session);
        if (sender != m_state.sessions.cend()
            && !pending.ackEvent.isEmpty()) // none for plain clients
            sender->fanOut->post(pending.ackEvent, {pending.session});
    }
}

void Hub::onStoreFailed(const QList<PendingMessage> &batch)
{
    QMutexLocker lock(&m_state.mutex);
    for (const PendingMessage &pending : batch) {
        // Not stored: a resend must be taken as new, not answered with this number.
        if (!pending.duplicate && !pending.message.msgId.isEmpty()
            && m_state.rooms.contains(pending.message.room))
            m_state.rooms[pending.message.room].msgIds.remove(
                RecentIds::key(folded(pending.message.from), pending.message.msgId));
        const auto sender = m_state.sessions.constFind(pending.session);
        if (sender == m_state.sessions.cend())
            continue;
        const QString text = u"The message could not be stored, so it was not sent; try again."_s;
        if (sender->kind == ClientKind::Plain)
            sender->fanOut->post(m_state.encoder.encodePlain(QString(u"error: "_s + text)),
                                 {pending.session});
        else
            m_state.replyLocked(pending.session, *sender,
                                Error{pending.requestId, ErrorCode::Internal, text});
    }
}

std::optional<Error> Hub::typing(quint64 session, const Typing &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"You are not in the room \"%1\"."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<HubState::Membership>(member);
    m_state.deliverLocked(
        *room, m_state.encode(TypingEvent{request.room, info->name, request.active}), session);
    return std::nullopt;
}

void Hub::accountSettingDone(quint64 session, const QString &requestId, const QString &action,
                             const QString &account, SignOut which, const QByteArray &tokenHash,
                             const QString &detail)
{
    QMutexLocker lock(&m_state.mutex);
    m_moderation.auditLocked(account, action, account, {}, detail);
    // Answered first: ending one's own device closes the asking session too, and the answer
    // is posted to its worker before the close.
    if (const auto info = m_state.sessions.constFind(session); info != m_state.sessions.cend())
        m_state.replyLocked(session, *info, Done{requestId, action});
    if (which != SignOut::None) {
        // The tokens are revoked already: these sessions could not sign in again with them.
        for (quint64 holder : m_state.sessionsByName.value(folded(account))) {
            const SessionInfo &info = m_state.sessionLocked(holder);
            const bool same = info.tokenHash == tokenHash;
            if (!info.fanOut || (which == SignOut::Token) != same)
                continue;
            qCInfo(lcHub) << "signing out session" << holder << "of" << account << "(" << action
                          << ")";
            info.fanOut->closeSession(holder, CloseCode::SignedOut,
                                      which == SignOut::Token
                                          ? u"signed out from another device"_s
                                          : u"the password was changed on another device"_s,
                                      LeaveReason::SignedOut);
        }
    }
}

void Hub::removeSession(quint64 session, LeaveReason reason)
{
    // Leaving many rooms: the lock is let go after each chunk of rooms, so that the others never
    // wait for the whole loop. Every frame is still posted under the lock, in the hub's order;
    // in between, the session is in fewer rooms, as if it had left them one by one.
    constexpr qsizetype RoomsPerLock = 64;
    QMutexLocker lock(&m_state.mutex);
    auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return;
    const bool grace = m_presence.keepsListedLocked(*it, reason);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString key = folded(it->name);
    for (;;) {
        const QStringList rooms = it->rooms.first(qMin(it->rooms.size(), RoomsPerLock));
        for (const QString &roomName : rooms) {
            const auto room = m_state.rooms.find(roomName);
            if (!grace || room == m_state.rooms.end()
                || HubState::nameInRoom(*room, it->name, true)) {
                m_state.leaveLocked(session, *it, roomName, reason);
                continue;
            }
            // Still listed for the others until the grace period ends.
            m_presence.keepListedLocked(session, *it, *room, roomName, reason, now);
        }
        if (it->rooms.isEmpty())
            break;
        lock.unlock();
        lock.relock();
        it = m_state.sessions.find(session);
        if (it == m_state.sessions.end())
            return; // all sessions were detached meanwhile
    }
    qCInfo(lcHub) << "offline:" << it->name << "reason" << toWire(reason);
    const auto holders = m_state.sessionsByName.find(key);
    if (holders != m_state.sessionsByName.end()) {
        holders->removeOne(session);
        if (holders->isEmpty())
            m_state.sessionsByName.erase(holders);
    }
    const QString name = it->name;
    const qint64 account = it->account;
    m_state.sessions.erase(it);
    m_presence.sessionGoneLocked(name, account, now);
}

void Hub::detachAllSessions()
{
    QMutexLocker lock(&m_state.mutex);
    m_state.sessions.clear();
    m_state.sessionsByName.clear();
    m_state.ghosts.clear();
    for (Room &room : m_state.rooms)
        room.clearMembers();
}

int Hub::onlineCount() const
{
    QMutexLocker lock(&m_state.mutex);
    return int(m_state.sessions.size());
}

QList<Member> Hub::members(const QString &roomName) const
{
    QMutexLocker lock(&m_state.mutex);
    QList<Member> result;
    const auto room = m_state.rooms.constFind(roomName);
    if (room == m_state.rooms.cend())
        return result;
    for (quint64 member : room->members) {
        const SessionInfo &info = m_state.sessionLocked(member);
        Member entry{info.name, info.kind};
        entry.status = m_state.statusLocked(info.nameKey);
        result.append(std::move(entry));
    }
    return result;
}

QStringList Hub::rooms() const
{
    QMutexLocker lock(&m_state.mutex);
    return m_state.rooms.keys();
}

// The server window's view of the hub (core/monitor.h).

QList<SessionView> Hub::sessionViews() const
{
    QMutexLocker lock(&m_state.mutex);
    QList<SessionView> result;
    result.reserve(m_state.sessions.size());
    for (auto it = m_state.sessions.cbegin(); it != m_state.sessions.cend(); ++it)
        result.append(SessionView{it.key(), it->name, it->kind, it->role, it->address, it->rooms,
                                  m_state.statusLocked(it->nameKey)});
    return result;
}

QList<RoomView> Hub::roomViews() const
{
    QMutexLocker lock(&m_state.mutex);
    QList<RoomView> result;
    result.reserve(m_state.rooms.size());
    for (auto it = m_state.rooms.cbegin(); it != m_state.rooms.cend(); ++it) {
        RoomView view;
        view.name = it.key();
        view.kind = it->kind;
        view.topic = it->topic;
        for (quint64 member : it->members) {
            const QString &name = m_state.sessionLocked(member).name;
            if (!name.isEmpty() && !view.online.contains(name))
                view.online.append(name);
        }
        if (it->kind == RoomKind::Private || it->kind == RoomKind::Direct)
            view.invited = int(it->allowed.size());
        view.messages = it->storedSeq;
        if (!it->recent.isEmpty())
            view.lastActivity = it->recent.constLast().time;
        view.archived = it->archived;
        result.append(view);
    }
    return result;
}

Hub::Result<Done> Hub::operatorAnnounce(const QString &roomName, const QString &text)
{
    if (text.trimmed().isEmpty())
        return makeError({}, ErrorCode::BadField, u"An announcement needs some text."_s);
    QMutexLocker lock(&m_state.mutex);
    SessionInfo server;
    server.name = Actor::operatorName();
    server.nameKey = folded(server.name);
    server.role = Role::Admin;
    if (roomName.isEmpty()) {
        // To everyone online, once each, whichever rooms they are in (none included).
        const QByteArray event = m_state.encoder.encode(
            AnnouncementEvent{text, QDateTime::currentMSecsSinceEpoch(), server.name});
        QByteArray plainLines;
        QHash<FanOut *, QList<quint64>> v1;
        QHash<FanOut *, QList<quint64>> plain;
        for (auto it = m_state.sessions.cbegin(); it != m_state.sessions.cend(); ++it) {
            if (!it->fanOut)
                continue;
            (it->kind == ClientKind::Plain ? plain : v1)[it->fanOut].append(it.key());
        }
        for (auto it = v1.cbegin(); it != v1.cend(); ++it)
            it.key()->post(event, it.value());
        if (!plain.isEmpty()) {
            plainLines = m_state.encoder.encodePlainMessage(server.name, text);
            for (auto it = plain.cbegin(); it != plain.cend(); ++it)
                it.key()->post(plainLines, it.value());
        }
    } else if (m_state.rooms.contains(roomName)) {
        if (const auto error =
                queueMessageLocked(0, server, m_state.rooms[roomName], roomName, {}, text, {}))
            return *error;
    } else {
        return makeError({}, ErrorCode::NoSuchRoom, u"There is no room \"%1\"."_s.arg(roomName));
    }
    m_moderation.auditLocked(server.name, u"announce"_s, roomName.isEmpty() ? u"*"_s : roomName,
                             roomName, text);
    return Done{{}, u"announce"_s};
}

} // namespace sori::server
