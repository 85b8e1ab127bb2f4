// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/hub.h"

#include "core/logging.h"
#include "core/monitorviews.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>
#include <QtCore/QVarLengthArray>
#include <QtNetwork/QHostAddress>

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

int rank(Role role)
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

// Moderators and admins.
bool isStaff(Role role)
{
    return rank(role) >= rank(Role::Moderator);
}
} // namespace

Hub::Hub(const EventEncoder &encoder, Storage *storage, const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_encoder(encoder)
    , m_storage(storage)
    , m_historyOnJoin(config.historyOnJoin)
    , m_maxHistoryPage(config.maxHistoryPage)
    , m_maxCatchUp(config.maxCatchUp)
    , m_maxPageBytes(qMax<qint64>(1,
                                  qMin(config.maxHistoryPageBytes, config.maxOutgoingBytes / 2)
                                      - MessageCodec::HistoryFrameOverhead))
    , m_graceMs(config.presenceGraceMs)
    , m_guestRoomsPerSession(config.guestRoomsPerSession)
    , m_guestRoomIdleMs(config.guestRoomIdleMs)
    , m_roomsPerAccount(config.roomsPerAccount)
    , m_listMaxRooms(config.listMaxRooms)
    , m_listMaxBytes(config.listMaxBytes)
    , m_maxRoomsPerSession(config.maxRoomsPerSession)
{
    m_ghostTimer.setInterval(qBound(10, m_graceMs / 10, 1000));
    connect(&m_ghostTimer, &QTimer::timeout, this, &Hub::expireGhosts);
    // Guests' rooms are looked at a few times per idle period (and at least once a minute).
    m_guestRoomTimer.setInterval(qBound(10, m_guestRoomIdleMs / 4, 60'000));
    connect(&m_guestRoomTimer, &QTimer::timeout, this, &Hub::expireGuestRooms);
    m_guestRoomTimer.start();
}

void Hub::loadRooms(const QList<StoredRoom> &rooms)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const StoredRoom &stored : rooms) {
        Room &room = m_rooms[stored.name];
        room.kind = stored.kind;
        room.topic = stored.topic;
        room.archived = stored.archived;
        room.creator = stored.creator;
        room.byGuest = stored.byGuest;
        if (stored.kind != RoomKind::Direct)
            m_listed.insert(stored.name, true);
        if (stored.byGuest) {
            room.idleSince = now; // idle from this start on
            room.idleSeq = stored.lastSeq;
            m_guestRooms.insert(stored.name);
        } else if (!stored.creator.isEmpty()) {
            ++m_roomsMadeBy[folded(stored.creator)];
        }
        room.allowed = stored.members;
        if (stored.kind == RoomKind::Direct) {
            for (qint64 account : stored.members)
                m_directRooms[account].append(stored.name);
        }
        room.seq = room.storedSeq = stored.lastSeq;
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
    if (!m_rooms.contains(lobby)) {
        m_rooms.insert(lobby, Room{});
        m_listed.insert(lobby, true);
        m_storage->createRoom(lobby, now);
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
        name = u"guest-%1"_s.arg(++m_nextGuest);
    } while (m_sessionsByName.contains(folded(name)) || m_ghosts.contains(folded(name))
             || m_guestKeys.contains(folded(name)));
    return name;
}

QStringList Hub::addAccounts(const QList<Account> &accounts)
{
    QMutexLocker lock(&m_mutex);
    QStringList added;
    for (const Account &account : accounts) {
        // What the hub knows already is newer than the database (the last-seen time is
        // written behind it).
        const QString key = folded(account.name);
        if (m_accounts.contains(key))
            continue;
        added.append(account.name);
        m_accounts.insert(key, AccountRef{account.id, account.role, account.name});
        if (account.lastSeen > 0 && !m_seen.contains(key))
            m_seen.insert(key, Seen{account.name, account.lastSeen});
    }
    return added;
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

const Hub::SessionInfo &Hub::sessionLocked(quint64 session) const
{
    static const SessionInfo none;
    const auto it = m_sessions.constFind(session);
    return it == m_sessions.cend() ? none : *it;
}

bool Hub::nameInRoom(const Room &room, const QString &name, bool selfIsMember)
{
    return room.names.value(name) > (selfIsMember ? 1 : 0);
}

void Hub::Room::addMember(quint64 session, const SessionInfo &info)
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

void Hub::Room::removeMember(quint64 session, const SessionInfo &info)
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

void Hub::Room::clearMembers()
{
    members.clear();
    names.clear();
    deliveries.clear();
}

Hub::Result<Welcome> Hub::greet(quint64 session, FanOut *fanOut, const QString &requestId,
                                const Identity &who)
{
    QMutexLocker lock(&m_mutex);
    if (m_sessions.contains(session))
        return makeError(requestId, ErrorCode::AlreadyGreeted, u"You have already said hello."_s);
    QString name = who.name;
    const ClientKind kind = who.kind;
    // Staff are not locked out by an address ban (they may share an address with the banned).
    const bool staff = isStaff(who.role);
    if (const auto banned = bannedLocked(name, staff ? QString() : who.address, requestId))
        return *banned;
    const QList<quint64> holders = m_sessionsByName.value(folded(name));
    // A guest coming back with the key of its welcome gets its name again, also while its old
    // connection is still thought alive or listed through the grace period.
    const auto guestKey = name.isEmpty() ? m_guestKeys.cend() : m_guestKeys.constFind(folded(name));
    const bool resumed = who.account < 0 && !who.resume.isEmpty() && guestKey != m_guestKeys.cend()
        && *guestKey == keyHash(who.resume);
    QString resumeKey = who.resume;
    if (resumed) {
        // The name is this guest's already.
    } else if (who.account >= 0) {
        for (quint64 holder : holders) {
            if (sessionLocked(holder).account != who.account)
                return makeError(
                    requestId, ErrorCode::NameTaken,
                    u"A guest online is using the name \"%1\"; try again later."_s.arg(name));
        }
        m_accounts.insert(folded(name), AccountRef{who.account, who.role, name});
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
    } else if (m_accounts.contains(folded(name))) {
        return makeError(requestId, ErrorCode::NameTaken,
                         u"\"%1\" is a registered name; sign in to use it."_s.arg(name));
    } else if (folded(name) == folded(operatorName())) {
        // The operator's announcements come from this name: nobody may pass for it.
        return makeError(requestId, ErrorCode::NameTaken,
                         u"\"%1\" is the server's own name."_s.arg(name));
    } else if (!holders.isEmpty() || m_ghosts.contains(folded(name))) {
        return makeError(requestId, ErrorCode::NameTaken,
                         u"Somebody online is already called \"%1\"."_s.arg(name));
    }
    if (who.account < 0 && !resumed) {
        resumeKey =
            QString::fromLatin1(QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                                + QByteArray::number(QRandomGenerator::system()->generate64(), 16));
        m_guestKeys.insert(folded(name), keyHash(resumeKey));
    }

    SessionInfo &info = m_sessions[session];
    info.name = name;
    info.nameKey = folded(name);
    info.kind = kind;
    info.role = who.role;
    info.account = who.account;
    info.address = who.address;
    info.fanOut = fanOut;
    m_sessionsByName[folded(name)].append(session);
    qCInfo(lcHub) << "online:" << name << "as" << toWire(kind) << "session" << session;
    Welcome welcome{requestId, Version, name, serverString(), who.role, who.token, who.expires};
    if (who.account < 0 && kind != ClientKind::Plain)
        welcome.resume = resumeKey;
    if (kind == ClientKind::Plain) {
        const QString room = QString::fromLatin1(DefaultRoom);
        info.fanOut->post(m_encoder.encodePlain(
                              u"Welcome to Sori! You are %1, chatting in #%2."_s.arg(name, room)),
                          {session});
        joinLocked(session, info, room, nullptr);
    } else {
        replyLocked(session, info, welcome);
        // Direct conversations come along by themselves, with what was said meanwhile.
        if (who.account >= 0) {
            for (const QString &room : m_directRooms.value(who.account))
                joinAndReplyLocked(session, info, room, {});
        }
    }
    return welcome;
}

bool Hub::joinLocked(quint64 session, SessionInfo &info, const QString &roomName, Room **joinedRoom)
{
    auto existing = m_rooms.find(roomName);
    if (existing == m_rooms.end()) {
        // join() checked that this session may make it (mayCreateByJoinLocked).
        const bool guest = info.account < 0;
        if (guest)
            ++info.roomsMade;
        createRoomLocked(roomName, RoomKind::Public, {}, info.name, u"join"_s, guest,
                         guest || isStaff(info.role) ? QString() : info.nameKey);
        existing = m_rooms.find(roomName);
    }
    Room &room = *existing;
    if (joinedRoom)
        *joinedRoom = &room;
    if (info.rooms.contains(roomName))
        return false;
    info.rooms.append(roomName);
    room.addMember(session, info);
    const Member member{info.name, info.kind};
    // Somebody back within the grace period never left in the eyes of the others.
    bool wasListed = false;
    const auto ghost = m_ghosts.find(folded(info.name));
    if (ghost != m_ghosts.end() && ghost->rooms.removeOne(roomName)) {
        wasListed = true;
        if (ghost->rooms.isEmpty())
            m_ghosts.erase(ghost);
    }
    // An account already in the room from another session has not "joined" again.
    if (!wasListed && !nameInRoom(room, info.name, true))
        deliverLocked(room, encode(PresenceEvent{roomName, PresenceChange::Joined, member}),
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
    it->removeMember(session, info);
    it->catchingUp.remove(session);
    const Member member{info.name, info.kind};
    if (!nameInRoom(*it, info.name, false) && !ghostInRoomLocked(info.name, roomName))
        deliverLocked(*it, encode(PresenceEvent{roomName, PresenceChange::Left, member, reason}),
                      session);
    qCDebug(lcHub) << info.name << "left" << roomName << "reason" << toWire(reason);
}

std::optional<Error> Hub::tooManyRoomsLocked(const SessionInfo &info, const QString &room,
                                             const QString &requestId) const
{
    if (info.rooms.size() < m_maxRoomsPerSession || info.rooms.contains(room))
        return std::nullopt;
    return makeError(requestId, ErrorCode::TooManyRooms,
                     u"You are in %1 rooms, the most one connection may be in; leave one "
                     "first."_s.arg(info.rooms.size()));
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
    const bool staff = isStaff(it->role);
    if (const auto banned = bannedLocked(it->name, staff ? QString() : it->address, request.id))
        return *banned;
    const auto existing = m_rooms.constFind(request.room);
    if (existing == m_rooms.cend()) {
        if (const auto refused = mayCreateByJoinLocked(*it, request.room, request.id))
            return *refused;
    }
    if (existing != m_rooms.cend() && !mayEnter(*existing, *it)) {
        return makeError(
            request.id, ErrorCode::NotMember,
            u"\"%1\" is a private room; ask one of its members to invite you."_s.arg(request.room));
    }
    // An archived room: its members (those let into a private room) and staff may still come
    // in to read; nobody else.
    if (existing != m_rooms.cend() && existing->archived && !it->rooms.contains(request.room)
        && !isStaff(it->role)
        && !(existing->kind == RoomKind::Private && existing->allowed.contains(it->account))) {
        return makeError(
            request.id, ErrorCode::Archived,
            u"\"%1\" is archived: it takes no new members or messages."_s.arg(request.room));
    }
    if (existing != m_rooms.cend() && existing->catchingUp.contains(session))
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
    joined.members.reserve(room->members.size());
    // An account online twice is listed once; a set keeps this linear in big rooms.
    QSet<QString> listed;
    listed.reserve(room->members.size());
    const auto add = [&joined, &listed](const QString &name, ClientKind kind) {
        if (!listed.contains(name)) {
            listed.insert(name);
            joined.members.append(Member{name, kind});
        }
    };
    for (quint64 member : std::as_const(room->members)) {
        const SessionInfo &info = sessionLocked(member);
        add(info.name, info.kind);
    }
    for (const Ghost &ghost : std::as_const(m_ghosts)) {
        if (ghost.rooms.contains(roomName))
            add(ghost.name, ghost.kind);
    }
    replyLocked(session, joiner, joined);
    if (since >= 0) {
        replayLocked(session, joiner, *room, roomName, requestId, since);
        return joined;
    }
    // The latest messages come right after, before anything live: as many as fit in a page.
    const qsizetype skip = room->recent.size() - fittingCount(room->recent, m_maxPageBytes, true);
    const QList<MessageEvent> latest = skip == 0 ? room->recent : room->recent.mid(skip);
    const bool more = !latest.isEmpty() && latest.first().seq > 1;
    replyLocked(session, joiner, History{requestId, roomName, latest, more});
    return joined;
}

qsizetype Hub::fittingCount(const QList<MessageEvent> &messages, qint64 budget, bool newest)
{
    // Each message is counted as it is encoded in the frame, with a comma: at least one fits.
    qint64 bytes = 0;
    for (qsizetype n = 0; n < messages.size(); ++n) {
        bytes += MessageCodec::encodedSize(messages.at(newest ? messages.size() - 1 - n : n)) + 1;
        if (bytes > budget && n > 0)
            return n;
    }
    return messages.size();
}

void Hub::replayLocked(quint64 session, const SessionInfo &info, Room &room,
                       const QString &roomName, const QString &requestId, qint64 since)
{
    const qint64 last = room.storedSeq;
    // Everything missed is among the latest messages kept in memory (and within the replay
    // cap): sent at once.
    if (since >= last
        || (last - since <= m_maxCatchUp && !room.recent.isEmpty()
            && room.recent.first().seq <= since + 1)) {
        QList<MessageEvent> missed;
        for (const MessageEvent &message : std::as_const(room.recent)) {
            if (message.seq > since)
                missed.append(message);
        }
        // The oldest that fit in a page; the client asks for the rest (history with "after").
        const qsizetype fit = fittingCount(missed, m_maxPageBytes, false);
        const bool more = fit < missed.size();
        missed.resize(fit);
        replyLocked(session, info, History{requestId, roomName, missed, more});
        return;
    }
    // Else from storage: the oldest missed that fit in a page. Until it answers, what the room
    // sends this session waits, so that the replay comes first and nothing comes twice.
    const qint64 from = qMax(since, last - m_maxCatchUp); // replayed: from + 1 .. last
    room.catchingUp.insert(session, {});
    // Never refused: a session has one replay per room at a time (a second join is refused).
    m_storage->readPage(
        session, false,
        Storage::PageRequest{roomName, from, last + 1, int(last - from), m_maxPageBytes, true},
        [this, session, roomName, requestId, since, from,
         last](bool ok, const QList<MessageEvent> &messages, bool more) {
            finishReplay(session, roomName, requestId, since, from, last, ok, messages, more);
        });
}

void Hub::finishReplay(quint64 session, const QString &roomName, const QString &requestId,
                       qint64 since, qint64 from, qint64 last, bool ok,
                       const QList<MessageEvent> &messages, bool more)
{
    QMutexLocker lock(&m_mutex);
    const auto room = m_rooms.find(roomName);
    const auto info = m_sessions.constFind(session);
    if (room == m_rooms.end() || info == m_sessions.cend() || !room->catchingUp.contains(session))
        return; // gone meanwhile
    const QList<QByteArray> waiting = room->catchingUp.take(session);
    if (!ok) {
        replyLocked(session, *info,
                    Error{requestId, ErrorCode::Internal,
                          u"The messages you missed in \"%1\" could not be read; join again."_s.arg(
                              roomName)});
    } else {
        QList<MessageEvent> missed;
        missed.reserve(messages.size());
        for (const MessageEvent &message : messages) {
            if (message.seq > from)
                missed.append(message);
        }
        if (from > since)
            replyLocked(session, *info, GapEvent{roomName, since + 1, from, GapReason::Limit});
        const qint64 first = missed.isEmpty() ? last + 1 : missed.first().seq;
        if (first > from + 1)
            replyLocked(session, *info,
                        GapEvent{roomName, from + 1, first - 1, GapReason::Retention});
        replyLocked(session, *info, History{requestId, roomName, missed, more});
    }
    for (const QByteArray &frame : waiting)
        info->fanOut->post(frame, {session});
}

bool Hub::ghostInRoomLocked(const QString &name, const QString &room) const
{
    const auto ghost = m_ghosts.constFind(folded(name));
    return ghost != m_ghosts.cend() && ghost->rooms.contains(room);
}

Hub::Result<Joined> Hub::createRoom(quint64 session, const CreateRoom &request)
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
    if (it->role == Role::Guest)
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Guests cannot create rooms; sign in or register."_s);
    if (request.kind == RoomKind::Announcement && !isStaff(it->role))
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Only moderators and admins create announcement rooms."_s);
    if (m_rooms.contains(request.room))
        return makeError(request.id, ErrorCode::RoomExists,
                         u"There is already a room called \"%1\"."_s.arg(request.room));
    if (const auto tooMany = tooManyRoomsLocked(*it, request.room, request.id))
        return *tooMany;
    if (const auto refused = mayCreateLocked(*it, request.id))
        return *refused;
    if (request.kind == RoomKind::Direct)
        return makeError(request.id, ErrorCode::BadField,
                         u"Direct conversations are made by sending a direct message."_s);
    Room &room =
        createRoomLocked(request.room, request.kind, request.topic, it->name, u"create_room"_s,
                         false, isStaff(it->role) ? QString() : it->nameKey);
    if (request.kind == RoomKind::Private) {
        room.allowed.insert(it->account);
        m_storage->addRoomMember(request.room, it->account);
    }
    qCInfo(lcHub) << it->name << "created the" << toWire(request.kind) << "room" << request.room;
    return joinAndReplyLocked(session, *it, request.room, request.id);
}

std::optional<Error> Hub::listRooms(quint64 session, const ListRooms &request)
{
    if (request.limit > m_listMaxRooms)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_listMaxRooms));
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const qsizetype limit = request.limit > 0 ? request.limit : m_listMaxRooms;
    RoomList list{request.id, {}, false};
    // The page's size in bytes as it goes: the envelope (with "more"), then each room and a comma.
    const qsizetype emptySize = MessageCodec::encode(RoomList{request.id, {}, true}).size();
    const qsizetype bareSize = MessageCodec::encode(RoomList{{}, {}, false}).size();
    qsizetype bytes = emptySize;
    auto name = request.after.isEmpty() ? m_listed.cbegin() : m_listed.upperBound(request.after);
    for (; name != m_listed.cend(); ++name) {
        if (!request.query.isEmpty() && !name.key().contains(request.query, Qt::CaseInsensitive))
            continue;
        const auto room = m_rooms.constFind(name.key());
        if (room == m_rooms.cend() || room->kind == RoomKind::Direct || !mayEnter(*room, *it))
            continue; // a private room is not even named to outsiders
        if (list.rooms.size() >= limit) {
            list.more = true;
            break;
        }
        QSet<QString> online;
        for (quint64 member : room->members)
            online.insert(sessionLocked(member).name);
        for (const Ghost &ghost : std::as_const(m_ghosts)) {
            if (ghost.rooms.contains(name.key()))
                online.insert(ghost.name);
        }
        RoomInfo info{name.key(), room->kind, room->topic, int(online.size()), room->archived};
        const qsizetype size = MessageCodec::encode(RoomList{{}, {info}, false}).size() - bareSize
            + (list.rooms.isEmpty() ? 0 : 1);
        // At least one room a page, so that paging goes on (one room is far below the least
        // budget there may be: rooms/list-max-bytes).
        if (!list.rooms.isEmpty() && bytes + size > m_listMaxBytes) {
            list.more = true;
            break;
        }
        bytes += size;
        list.rooms.append(std::move(info));
    }
    replyLocked(session, *it, list);
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
        m_guestRooms.insert(name);
    }
    if (!creatorKey.isEmpty())
        ++m_roomsMadeBy[creatorKey];
    if (kind != RoomKind::Direct)
        m_listed.insert(name, true);
    m_storage->createRoom(name, now, kind, topic);
    m_storage->perform(u"who made a room"_s,
                       [=](Store &store) { return store.setRoomCreator(name, actor, byGuest); });
    QString detail = toWire(kind).toString();
    if (!how.isEmpty())
        detail += u" by "_s + how;
    if (byGuest)
        detail += u" (a guest)"_s;
    auditLocked(actor, u"create_room"_s, name, name, detail);
    return *m_rooms.insert(name, room);
}

std::optional<Error> Hub::mayCreateLocked(const SessionInfo &info, const QString &requestId) const
{
    if (isStaff(info.role) || m_roomsPerAccount <= 0)
        return std::nullopt;
    const int made = m_roomsMadeBy.value(info.nameKey);
    if (made < m_roomsPerAccount)
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
    if (m_guestRoomsPerSession <= 0)
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\", and guests cannot create rooms; sign in or "
                         "register to create one."_s.arg(room));
    if (info.roomsMade >= m_guestRoomsPerSession)
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\", and you have made the %2 rooms a guest may "
                         "make; sign in or register to create more."_s.arg(room)
                             .arg(m_guestRoomsPerSession));
    return std::nullopt;
}

Hub::Result<Done> Hub::archiveRoom(quint64 session, const ArchiveRoom &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (it->role != Role::Admin)
        return makeError(request.id, ErrorCode::Forbidden, u"Only admins archive rooms."_s);
    const auto result = archiveRoomLocked(request.room, it->name, request.id);
    if (const auto *done = std::get_if<Done>(&result))
        replyLocked(session, *it, *done);
    return result;
}

Hub::Result<Done> Hub::deleteRoom(quint64 session, const DeleteRoom &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (it->role != Role::Admin)
        return makeError(request.id, ErrorCode::Forbidden, u"Only admins delete rooms."_s);
    const QString name = it->name;
    const auto result = deleteRoomLocked(request.room, name, request.reason, request.id);
    // The admin may have been in the room: its session is still there.
    if (const auto *done = std::get_if<Done>(&result); done && m_sessions.contains(session))
        replyLocked(session, m_sessions[session], *done);
    return result;
}

Hub::Result<Done> Hub::archiveRoomLocked(const QString &roomName, const QString &by,
                                         const QString &requestId)
{
    const auto room = m_rooms.find(roomName);
    if (room == m_rooms.end() || room->kind == RoomKind::Direct)
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to archive."_s.arg(roomName));
    if (roomName == QLatin1StringView(DefaultRoom))
        return makeError(requestId, ErrorCode::BadRoom,
                         u"\"%1\" is the default room: it cannot be archived."_s.arg(roomName));
    if (!room->archived) {
        room->archived = true;
        m_storage->perform(u"an archived room"_s,
                           [=](Store &store) { return store.setRoomArchived(roomName, true); });
        auditLocked(by, u"archive_room"_s, roomName, roomName, {});
        room->catchingUp.clear();
        deliverLocked(*room, encode(RoomChangedEvent{roomName, RoomChange::Archived, by, {}}), 0);
        qCInfo(lcHub) << by << "archived the room" << roomName;
    }
    return Done{requestId, u"archive_room"_s};
}

Hub::Result<Done> Hub::deleteRoomLocked(const QString &roomName, const QString &by,
                                        const QString &reason, const QString &requestId)
{
    const auto room = m_rooms.find(roomName);
    if (room == m_rooms.end())
        return makeError(requestId, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" to delete."_s.arg(roomName));
    if (roomName == QLatin1StringView(DefaultRoom))
        return makeError(requestId, ErrorCode::BadRoom,
                         u"\"%1\" is the default room: it cannot be deleted."_s.arg(roomName));
    // The members are told, then they are out of it: nobody says "left" in a room that is gone.
    room->catchingUp.clear();
    deliverLocked(*room, encode(RoomChangedEvent{roomName, RoomChange::Deleted, by, reason}), 0);
    for (quint64 member : std::as_const(room->members)) {
        const auto info = m_sessions.find(member);
        if (info != m_sessions.end())
            info->rooms.removeOne(roomName);
    }
    if (room->kind == RoomKind::Direct) {
        for (qint64 account : std::as_const(room->allowed))
            m_directRooms[account].removeOne(roomName);
    }
    if (!room->byGuest && !room->creator.isEmpty()) {
        const auto made = m_roomsMadeBy.find(folded(room->creator));
        if (made != m_roomsMadeBy.end() && --*made <= 0)
            m_roomsMadeBy.erase(made);
    }
    m_rooms.erase(room);
    m_listed.remove(roomName);
    m_guestRooms.remove(roomName);
    m_storage->perform(u"a deleted room"_s,
                       [=](Store &store) { return store.deleteRoom(roomName); });
    auditLocked(by, u"delete_room"_s, roomName, roomName, reason);
    qCInfo(lcHub) << by << "deleted the room" << roomName;
    return Done{requestId, u"delete_room"_s};
}

void Hub::expireGuestRooms()
{
    QMutexLocker lock(&m_mutex);
    if (m_guestRooms.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList idle;
    for (const QString &name : std::as_const(m_guestRooms)) {
        const auto room = m_rooms.find(name);
        if (room == m_rooms.end())
            continue;
        bool busy = !room->members.isEmpty() || room->storedSeq != room->idleSeq;
        for (auto ghost = m_ghosts.cbegin(); !busy && ghost != m_ghosts.cend(); ++ghost)
            busy = ghost->rooms.contains(name);
        if (busy) {
            room->idleSince = now;
            room->idleSeq = room->storedSeq;
        } else if (now - room->idleSince >= m_guestRoomIdleMs) {
            idle.append(name);
        }
    }
    for (const QString &name : std::as_const(idle))
        deleteRoomLocked(name, operatorName(), u"a guest's room, idle"_s, {});
}

Hub::Result<Invited> Hub::invite(quint64 session, const Invite &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = m_rooms.find(request.room);
    if (room == m_rooms.end() || !mayEnter(*room, *it))
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\" that you can invite to."_s.arg(request.room));
    if (room->kind != RoomKind::Private)
        return makeError(
            request.id, ErrorCode::BadRoom,
            u"\"%1\" is open to everyone: no invitation is needed."_s.arg(request.room));
    const auto account = m_accounts.constFind(folded(request.user));
    if (account == m_accounts.cend())
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"There is no account called \"%1\"."_s.arg(request.user));
    if (!room->allowed.contains(account->id)) {
        room->allowed.insert(account->id);
        m_storage->addRoomMember(request.room, account->id);
    }
    qCInfo(lcHub) << it->name << "invited" << account->name << "to" << request.room;
    const Invited invited{request.id, request.room, account->name};
    replyLocked(session, *it, invited);
    return invited;
}

void Hub::loadSanctions(const QList<Sanction> &sanctions)
{
    QMutexLocker lock(&m_mutex);
    for (const Sanction &sanction : sanctions) {
        if (sanction.kind == Sanction::Kind::Ban)
            m_bans.insert(folded(sanction.name), sanction);
        else
            m_mutes[folded(sanction.name)].append(sanction);
    }
}

namespace {

// Bans by address are kept under this key; IPv4 seen through an IPv6 socket counts as IPv4.
QString addressKey(const QString &address)
{
    QHostAddress host(address);
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        host = QHostAddress(v4);
    return u"address:"_s + host.toString();
}

QString untilText(qint64 until)
{
    return until == 0
        ? u"for good"_s
        : u"until %1"_s.arg(QDateTime::fromMSecsSinceEpoch(until).toUTC().toString(Qt::ISODate));
}

qint64 untilFromMinutes(qint64 minutes)
{
    return minutes > 0 ? QDateTime::currentMSecsSinceEpoch() + minutes * 60'000 : 0;
}
} // namespace

std::optional<Error> Hub::bannedLocked(const QString &name, const QString &address,
                                       const QString &requestId) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto active = [&](const QString &key) {
        const auto ban = m_bans.constFind(key);
        return ban != m_bans.cend() && (ban->until == 0 || ban->until > now) ? ban : m_bans.cend();
    };
    auto ban = name.isEmpty() ? m_bans.cend() : active(folded(name));
    QString who = u"\"%1\""_s.arg(name);
    if (ban == m_bans.cend() && !address.isEmpty()) {
        ban = active(addressKey(address));
        who = u"Your address"_s;
    }
    if (ban == m_bans.cend())
        return std::nullopt;
    QString message = u"%1 is banned %2."_s.arg(who, untilText(ban->until));
    if (!ban->reason.isEmpty())
        message += u" Reason: "_s + ban->reason;
    return makeError(requestId, ErrorCode::Banned, message);
}

Hub::Result<Hub::SessionInfo *> Hub::moderatorLocked(quint64 session, const QString &requestId,
                                                     const QString &target, bool mustBeOnline)
{
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(requestId, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (!isStaff(it->role))
        return makeError(requestId, ErrorCode::Forbidden,
                         u"Only moderators and admins may do that."_s);
    if (target.isNull())
        return &*it;
    // The target's role: from its sessions online, or from its account.
    int targetRank = -1;
    for (quint64 holder : m_sessionsByName.value(folded(target)))
        targetRank = qMax(targetRank, rank(sessionLocked(holder).role));
    if (targetRank < 0 && !mustBeOnline) {
        const auto account = m_accounts.constFind(folded(target));
        if (account != m_accounts.cend())
            targetRank = rank(account->role);
    }
    if (targetRank < 0)
        return makeError(requestId, ErrorCode::NoSuchUser,
                         mustBeOnline ? u"Nobody online is called \"%1\"."_s.arg(target)
                                      : u"There is nobody called \"%1\"."_s.arg(target));
    if (targetRank >= rank(it->role))
        return makeError(requestId, ErrorCode::Forbidden,
                         u"\"%1\" has the same role as you or a higher one."_s.arg(target));
    return &*it;
}

void Hub::closeSessionsOfLocked(const QString &name, protocol::CloseCode code,
                                const QString &reason)
{
    for (quint64 holder : m_sessionsByName.value(folded(name))) {
        const SessionInfo &info = sessionLocked(holder);
        if (info.fanOut)
            info.fanOut->closeSession(holder, code, reason, LeaveReason::Kicked);
    }
}

void Hub::auditLocked(const QString &actor, const QString &action, const QString &target,
                      const QString &room, const QString &detail)
{
    qCInfo(lcHub) << "moderation:" << actor << action << target << room << detail;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_storage->perform(u"the audit log"_s, [=](Store &store) {
        return store.addAudit(now, actor, action, target, room, detail);
    });
}

Hub::Result<Done> Hub::kick(quint64 session, const Kick &request)
{
    QMutexLocker lock(&m_mutex);
    const auto actor = moderatorLocked(session, request.id, request.user, true);
    if (const auto *error = std::get_if<Error>(&actor))
        return *error;
    SessionInfo *info = std::get<SessionInfo *>(actor);
    QString reason = u"kicked by %1"_s.arg(info->name);
    if (!request.reason.isEmpty())
        reason += u": "_s + request.reason;
    closeSessionsOfLocked(request.user, protocol::CloseCode::Kicked, reason);
    auditLocked(info->name, u"kick"_s, request.user, {}, request.reason);
    const Done done{request.id, u"kick"_s};
    replyLocked(session, *info, done);
    return done;
}

Hub::Result<Done> Hub::ban(quint64 session, const Ban &request)
{
    if (!request.address.isEmpty() && QHostAddress(request.address).isNull())
        return makeError(request.id, ErrorCode::BadField, u"\"address\" must be an IP address."_s);
    QMutexLocker lock(&m_mutex);
    const bool byAddress = !request.address.isEmpty();
    const auto actor =
        moderatorLocked(session, request.id, byAddress ? QString() : request.user, false);
    if (const auto *error = std::get_if<Error>(&actor))
        return *error;
    SessionInfo *info = std::get<SessionInfo *>(actor);
    const QString target = byAddress ? addressKey(request.address) : request.user;
    const Sanction ban{
        Sanction::Kind::Ban, target, {}, untilFromMinutes(request.minutes), request.reason};
    m_bans.insert(folded(target), ban);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = info->name;
    m_storage->perform(u"a ban"_s, [=](Store &store) { return store.addSanction(ban, by, now); });
    QString reason = u"banned by %1 %2"_s.arg(info->name, untilText(ban.until));
    if (!request.reason.isEmpty())
        reason += u": "_s + request.reason;
    if (byAddress) {
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (addressKey(it->address) == target && rank(it->role) < rank(info->role))
                it->fanOut->closeSession(it.key(), protocol::CloseCode::Banned, reason,
                                         LeaveReason::Kicked);
        }
    } else {
        closeSessionsOfLocked(request.user, protocol::CloseCode::Banned, reason);
    }
    auditLocked(info->name, u"ban"_s, target, {}, untilText(ban.until) + u" "_s + request.reason);
    const Done done{request.id, u"ban"_s};
    replyLocked(session, *info, done);
    return done;
}

Hub::Result<Done> Hub::revokeTokens(quint64 session, const RevokeTokens &request)
{
    QMutexLocker lock(&m_mutex);
    const auto actor = moderatorLocked(session, request.id, request.user, false);
    if (const auto *error = std::get_if<Error>(&actor))
        return *error;
    SessionInfo *info = std::get<SessionInfo *>(actor);
    if (info->role != Role::Admin)
        return makeError(request.id, ErrorCode::Forbidden, u"Only admins revoke sign-ins."_s);
    const auto account = m_accounts.constFind(folded(request.user));
    if (account == m_accounts.cend())
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"There is no account called \"%1\"."_s.arg(request.user));
    const qint64 id = account->id;
    m_storage->perform(u"a revocation"_s, [=](Store &store) { return store.removeTokensOf(id); });
    closeSessionsOfLocked(request.user, protocol::CloseCode::SignedOut,
                          u"signed out by %1"_s.arg(info->name));
    auditLocked(info->name, u"revoke_tokens"_s, request.user, {}, {});
    const Done done{request.id, u"revoke_tokens"_s};
    replyLocked(session, *info, done);
    return done;
}

Hub::Result<Done> Hub::mute(quint64 session, const Mute &request)
{
    QMutexLocker lock(&m_mutex);
    const auto actor = moderatorLocked(session, request.id, request.user, false);
    if (const auto *error = std::get_if<Error>(&actor))
        return *error;
    SessionInfo *info = std::get<SessionInfo *>(actor);
    if (!request.room.isEmpty() && !m_rooms.contains(request.room))
        return makeError(request.id, ErrorCode::NoSuchRoom,
                         u"There is no room \"%1\"."_s.arg(request.room));
    const Sanction mute{
        Sanction::Kind::Mute, request.user, request.room, untilFromMinutes(request.minutes), {}};
    QList<Sanction> &mutes = m_mutes[folded(request.user)];
    mutes.removeIf([&](const Sanction &s) { return s.room == mute.room; });
    mutes.append(mute);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = info->name;
    m_storage->perform(u"a mute"_s, [=](Store &store) { return store.addSanction(mute, by, now); });
    auditLocked(info->name, u"mute"_s, request.user, request.room, untilText(mute.until));
    const Done done{request.id, u"mute"_s};
    replyLocked(session, *info, done);
    return done;
}

Hub::Result<Done> Hub::deleteMessage(quint64 session, const DeleteMessage &request)
{
    QMutexLocker lock(&m_mutex);
    const auto actor = moderatorLocked(session, request.id, {}, false);
    if (const auto *error = std::get_if<Error>(&actor))
        return *error;
    SessionInfo *info = std::get<SessionInfo *>(actor);
    const auto room = m_rooms.find(request.room);
    if (room == m_rooms.end() || request.seq < 1 || request.seq > room->storedSeq)
        return makeError(request.id, ErrorCode::BadField,
                         u"There is no message %1 in \"%2\"."_s.arg(request.seq).arg(request.room));
    for (MessageEvent &message : room->recent) {
        if (message.seq == request.seq) {
            message.text.clear();
            message.deleted = true;
        }
    }
    const QString roomName = request.room;
    const qint64 seq = request.seq;
    m_storage->perform(u"a deletion"_s,
                       [=](Store &store) { return store.markDeleted(roomName, seq); });
    auditLocked(info->name, u"delete"_s, QString::number(seq), request.room, {});
    deliverLocked(*room, encode(DeletedEvent{request.room, request.seq, info->name}), 0);
    const Done done{request.id, u"delete"_s};
    replyLocked(session, *info, done);
    return done;
}

Hub::Result<Left> Hub::leave(quint64 session, const Leave &request)
{
    QMutexLocker lock(&m_mutex);
    const auto member =
        memberLocked(session, request.id, request.room, u"You are not in the room \"%1\"."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    SessionInfo &info = *std::get<Membership>(member).info;
    leaveLocked(session, info, request.room, LeaveReason::Left);
    const Left left{request.id, request.room};
    replyLocked(session, info, left);
    return left;
}

std::optional<Error> Hub::send(quint64 session, const Send &request)
{
    QMutexLocker lock(&m_mutex);
    const auto member = memberLocked(session, request.id, request.room,
                                     u"Join the room \"%1\" before sending to it."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<Membership>(member);
    if (room->kind == RoomKind::Announcement && !isStaff(info->role))
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Only moderators and admins post in \"%1\"."_s.arg(request.room));
    if (room->archived)
        return makeError(request.id, ErrorCode::Archived,
                         u"\"%1\" is archived: it takes no new messages."_s.arg(request.room));
    return queueMessageLocked(session, *info, *room, request.room, request.id, request.text,
                              request.msgId);
}

std::optional<Error> Hub::queueMessageLocked(quint64 session, SessionInfo &sender, Room &room,
                                             const QString &roomName, const QString &requestId,
                                             const QString &text, const QString &msgId)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Sanction &mute : m_mutes.value(sender.nameKey)) {
        if ((mute.room.isEmpty() || mute.room == roomName) && (mute.until == 0 || mute.until > now))
            return makeError(requestId, ErrorCode::Muted,
                             mute.until == 0
                                 ? u"You are muted here."_s
                                 : u"You are muted here %1."_s.arg(untilText(mute.until)));
    }
    std::optional<RecentIds::Key> idKey;
    if (!msgId.isEmpty()) {
        idKey = RecentIds::key(sender.nameKey, msgId);
        if (const std::optional<qint64> original = room.msgIds.find(*idKey)) {
            // A resend (after a lost ack, say): answered with the original number, in order.
            m_storage->append(
                PendingMessage{MessageEvent{roomName, *original, sender.name, text, now, msgId},
                               session, requestId, true});
            return std::nullopt;
        }
    }
    // Numbered under the lock, queued in that order: storage keeps it. The frames are built
    // here, on the sender's worker, not on the storage thread that every message goes through.
    PendingMessage pending{MessageEvent{roomName, ++room.seq, sender.name, text, now, msgId},
                           session, requestId};
    pending.event = encode(pending.message);
    if (sender.kind != ClientKind::Plain)
        pending.ackEvent = encode(Ack{requestId, roomName, room.seq, msgId});
    m_storage->append(std::move(pending));
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

std::optional<Error> Hub::direct(quint64 session, const Direct &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    if (it->account < 0)
        return makeError(request.id, ErrorCode::Forbidden,
                         u"Guests cannot send direct messages; sign in or register."_s);
    const auto recipient = m_accounts.constFind(folded(request.to));
    if (recipient == m_accounts.cend())
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"There is no account called \"%1\"."_s.arg(request.to));
    if (recipient->id == it->account)
        return makeError(request.id, ErrorCode::BadField,
                         u"A direct message goes to somebody else."_s);
    const QString name = directRoomName(it->name, request.to);
    auto room = m_rooms.find(name);
    if (room == m_rooms.end()) {
        Room &created = createRoomLocked(name, RoomKind::Direct, {}, it->name, {}, false, {});
        created.allowed = {it->account, recipient->id};
        for (qint64 account : {it->account, recipient->id}) {
            m_storage->addRoomMember(name, account);
            m_directRooms[account].append(name);
        }
        // Whoever of the two is online is in the conversation from now on.
        for (auto other = m_sessions.begin(); other != m_sessions.end(); ++other) {
            if (created.allowed.contains(other->account))
                joinAndReplyLocked(other.key(), *other, name, {});
        }
        room = m_rooms.find(name);
    }
    return queueMessageLocked(session, *it, *room, name, request.id, request.text, request.msgId);
}

void Hub::onStored(const QList<PendingMessage> &batch)
{
    QMutexLocker lock(&m_mutex);
    for (const PendingMessage &pending : batch) {
        const MessageEvent &event = pending.message;
        if (pending.duplicate) {
            const auto sender = m_sessions.constFind(pending.session);
            if (sender != m_sessions.cend() && sender->kind != ClientKind::Plain)
                replyLocked(pending.session, *sender,
                            Ack{pending.requestId, event.room, event.seq, event.msgId});
            continue;
        }
        const auto found = m_rooms.find(event.room);
        if (found == m_rooms.end()) { // deleted meanwhile: stored, then deleted with the room
            const auto sender = m_sessions.constFind(pending.session);
            if (sender != m_sessions.cend() && !pending.ackEvent.isEmpty())
                sender->fanOut->post(pending.ackEvent, {pending.session});
            continue;
        }
        Room &room = *found;
        room.storedSeq = event.seq;
        if (m_historyOnJoin > 0) {
            room.recent.append(event);
            if (room.recent.size() > m_historyOnJoin)
                room.recent.remove(0, room.recent.size() - m_historyOnJoin);
        }
        // The frames were built in queueMessageLocked(); plain members get a line, built once.
        deliverLocked(room, pending.event, 0, &event);
        const auto sender = m_sessions.constFind(pending.session);
        if (sender != m_sessions.cend() && !pending.ackEvent.isEmpty()) // none for plain clients
            sender->fanOut->post(pending.ackEvent, {pending.session});
    }
}

void Hub::onStoreFailed(const QList<PendingMessage> &batch)
{
    QMutexLocker lock(&m_mutex);
    for (const PendingMessage &pending : batch) {
        // Not stored: a resend must be taken as new, not answered with this number.
        if (!pending.duplicate && !pending.message.msgId.isEmpty()
            && m_rooms.contains(pending.message.room))
            m_rooms[pending.message.room].msgIds.remove(
                RecentIds::key(folded(pending.message.from), pending.message.msgId));
        const auto sender = m_sessions.constFind(pending.session);
        if (sender == m_sessions.cend())
            continue;
        const QString text = u"The message could not be stored, so it was not sent; try again."_s;
        if (sender->kind == ClientKind::Plain)
            sender->fanOut->post(m_encoder.encodePlain(QString(u"error: "_s + text)),
                                 {pending.session});
        else
            replyLocked(pending.session, *sender,
                        Error{pending.requestId, ErrorCode::Internal, text});
    }
}

std::optional<Error> Hub::history(quint64 session, const HistoryRequest &request)
{
    if (request.limit < 1 || request.limit > m_maxHistoryPage) {
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_maxHistoryPage));
    }
    QMutexLocker lock(&m_mutex);
    const auto member = memberLocked(session, request.id, request.room,
                                     u"Join the room \"%1\" to read its history."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    FanOut *fanOut = std::get<Membership>(member).info->fanOut;
    // Back from `before` (the newest that fit), or forward from `after` (the oldest that fit).
    const Storage::PageRequest page{request.room,  request.after,  request.before,
                                    request.limit, m_maxPageBytes, request.after > 0};
    const bool queued = m_storage->readPage(
        session, true, page,
        [fanOut, encoder = &m_encoder, session, id = request.id,
         room = request.room](bool ok, const QList<MessageEvent> &messages, bool more) {
            ServerMessage reply;
            if (ok)
                reply = History{id, room, messages, more};
            else
                reply =
                    Error{id, ErrorCode::Internal, u"The history could not be read; try again."_s};
            fanOut->post(encoder->encode(reply), {session});
        });
    if (!queued) {
        qCDebug(lcHub) << "history refused (busy) to session" << session;
        return makeError(request.id, ErrorCode::Busy,
                         u"Too many history requests are waiting; try again in a moment."_s);
    }
    return std::nullopt;
}

std::optional<Error> Hub::typing(quint64 session, const Typing &request)
{
    QMutexLocker lock(&m_mutex);
    const auto member =
        memberLocked(session, request.id, request.room, u"You are not in the room \"%1\"."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<Membership>(member);
    deliverLocked(*room, encode(TypingEvent{request.room, info->name, request.active}), session);
    return std::nullopt;
}

void Hub::removeSession(quint64 session, LeaveReason reason)
{
    // Leaving many rooms: the lock is let go after each chunk of rooms, so that the others never
    // wait for the whole loop. Every frame is still posted under the lock, in the hub's order;
    // in between, the session is in fewer rooms, as if it had left them one by one.
    constexpr qsizetype RoomsPerLock = 64;
    QMutexLocker lock(&m_mutex);
    auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return;
    const bool lost = reason == LeaveReason::NetworkLost || reason == LeaveReason::TimedOut
        || reason == LeaveReason::Dropped;
    const bool grace = lost && m_graceMs > 0 && it->kind != ClientKind::Plain;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString key = folded(it->name);
    for (;;) {
        const QStringList rooms = it->rooms.first(qMin(it->rooms.size(), RoomsPerLock));
        for (const QString &roomName : rooms) {
            const auto room = m_rooms.find(roomName);
            if (!grace || room == m_rooms.end() || nameInRoom(*room, it->name, true)) {
                leaveLocked(session, *it, roomName, reason);
                continue;
            }
            // Still listed for the others until the grace period ends (expireGhosts).
            it->rooms.removeOne(roomName);
            room->removeMember(session, *it);
            room->catchingUp.remove(session);
            Ghost &ghost = m_ghosts[key];
            if (ghost.rooms.isEmpty()) {
                ghost = Ghost{it->name, it->kind, it->account, reason, now, now + m_graceMs, {}};
            }
            if (!ghost.rooms.contains(roomName))
                ghost.rooms.append(roomName);
        }
        if (it->rooms.isEmpty())
            break;
        lock.unlock();
        lock.relock();
        it = m_sessions.find(session);
        if (it == m_sessions.end())
            return; // all sessions were detached meanwhile
    }
    qCInfo(lcHub) << "offline:" << it->name << "reason" << toWire(reason);
    const auto holders = m_sessionsByName.find(key);
    if (holders != m_sessionsByName.end()) {
        holders->removeOne(session);
        if (holders->isEmpty())
            m_sessionsByName.erase(holders);
    }
    const QString name = it->name;
    const qint64 account = it->account;
    m_sessions.erase(it);
    if (m_ghosts.contains(key))
        QMetaObject::invokeMethod(this, [this] {
            if (!m_ghostTimer.isActive())
                m_ghostTimer.start();
        });
    else if (!m_sessionsByName.contains(key))
        wentOfflineLocked(name, account, now);
}

void Hub::wentOfflineLocked(const QString &name, qint64 account, qint64 at)
{
    m_seen.insert(folded(name), Seen{name, at});
    if (account >= 0)
        m_storage->perform(u"a last-seen time"_s,
                           [=](Store &store) { return store.setLastSeen(account, at); });
    else
        m_guestKeys.remove(folded(name)); // the guest name is free again
}

void Hub::expireGhosts()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto ghost = m_ghosts.begin(); ghost != m_ghosts.end();) {
        if (ghost->deadline > now) {
            ++ghost;
            continue;
        }
        const Ghost gone = *ghost;
        ghost = m_ghosts.erase(ghost);
        const Member member{gone.name, gone.kind};
        for (const QString &roomName : gone.rooms) {
            const auto room = m_rooms.find(roomName);
            if (room != m_rooms.end() && !nameInRoom(*room, gone.name, false))
                deliverLocked(
                    *room,
                    encode(PresenceEvent{roomName, PresenceChange::Left, member, gone.reason}), 0);
        }
        qCInfo(lcHub) << gone.name << "did not come back in time: left" << gone.rooms.size()
                      << "rooms, reason" << toWire(gone.reason);
        if (!m_sessionsByName.contains(folded(gone.name)))
            wentOfflineLocked(gone.name, gone.account, gone.lostAt);
    }
    if (m_ghosts.isEmpty())
        m_ghostTimer.stop();
}

Hub::Result<UserInfo> Hub::whois(quint64 session, const Whois &request)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const QString key = folded(request.user);
    UserInfo info{request.id, request.user, Role::Guest, false, 0};
    const auto account = m_accounts.constFind(key);
    if (account != m_accounts.cend())
        info.role = account->role;
    const QList<quint64> holders = m_sessionsByName.value(key);
    const auto ghost = m_ghosts.constFind(key);
    const auto seen = m_seen.constFind(key);
    if (!holders.isEmpty()) {
        info.name = sessionLocked(holders.first()).name;
        info.role = sessionLocked(holders.first()).role;
        info.online = true;
        info.lastSeen = QDateTime::currentMSecsSinceEpoch();
    } else if (ghost != m_ghosts.cend()) {
        // Listed still, through the grace period: seen last when its connection was lost.
        info.name = ghost->name;
        info.online = true;
        info.lastSeen = ghost->lostAt;
    } else if (seen != m_seen.cend()) {
        info.name = seen->name;
        info.lastSeen = seen->at;
    } else if (account == m_accounts.cend()) {
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"Nobody called \"%1\" has been here."_s.arg(request.user));
    }
    replyLocked(session, *it, info);
    return info;
}

void Hub::deliverLocked(Room &room, const QByteArray &frame, quint64 except,
                        const MessageEvent *plainSource)
{
    QByteArray plainFrame; // one line for plain clients, built once if one is there
    // Most messages go to every member as grouped; a member left out (the subject of a presence
    // event) or still catching up needs a list of its own.
    const bool filter = except != 0 || !room.catchingUp.isEmpty();
    for (const Room::Delivery &group : std::as_const(room.deliveries)) {
        if (group.plain && !plainSource)
            continue; // plain clients get chat lines only (and never catch up)
        QList<quint64> sessions = group.sessions; // shared, not copied
        if (filter) {
            sessions.clear();
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
                sessions.append(member);
            }
            if (sessions.isEmpty())
                continue;
        }
        if (group.plain && plainFrame.isEmpty())
            plainFrame =
                m_encoder.encodePlain(QString(plainSource->from + u": "_s + plainSource->text));
        group.fanOut->post(group.plain ? plainFrame : frame, std::move(sessions));
    }
}

Hub::Result<Hub::Membership> Hub::memberLocked(quint64 session, const QString &requestId,
                                               const QString &roomName,
                                               const QString &notJoinedMessage)
{
    const auto info = m_sessions.find(session);
    if (info == m_sessions.end())
        return makeError(requestId, ErrorCode::HelloRequired, u"Say hello first."_s);
    const auto room = m_rooms.find(roomName);
    if (room == m_rooms.end() || !info->rooms.contains(roomName))
        return makeError(requestId, ErrorCode::NotJoined,
                         notJoinedMessage.arg(roomName.left(MaxRoomLength)));
    return Membership{&*info, &*room};
}

void Hub::replyLocked(quint64 session, const SessionInfo &info, const ServerMessage &reply)
{
    info.fanOut->post(encode(reply), {session});
}

void Hub::recordLastSeenOfEveryone()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<qint64> recorded; // an account in two sessions is written once
    for (const SessionInfo &info : std::as_const(m_sessions)) {
        if (info.account >= 0 && !recorded.contains(info.account)) {
            recorded.insert(info.account);
            wentOfflineLocked(info.name, info.account, now);
        }
    }
    for (const Ghost &ghost : std::as_const(m_ghosts)) {
        if (ghost.account >= 0 && !recorded.contains(ghost.account)) {
            recorded.insert(ghost.account);
            wentOfflineLocked(ghost.name, ghost.account, ghost.lostAt);
        }
    }
}

void Hub::detachAllSessions()
{
    QMutexLocker lock(&m_mutex);
    m_sessions.clear();
    m_sessionsByName.clear();
    m_ghosts.clear();
    for (Room &room : m_rooms)
        room.clearMembers();
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
        const SessionInfo &info = sessionLocked(member);
        result.append(Member{info.name, info.kind});
    }
    return result;
}

QStringList Hub::rooms() const
{
    QMutexLocker lock(&m_mutex);
    return m_rooms.keys();
}

// The server window's view of the hub and the operator's actions (core/monitor.h). The
// operator is not a session: it acts as the server, above every role.

QString Hub::operatorName()
{
    return u"server"_s;
}

QList<SessionView> Hub::sessionViews() const
{
    QMutexLocker lock(&m_mutex);
    QList<SessionView> result;
    result.reserve(m_sessions.size());
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it)
        result.append(SessionView{it.key(), it->name, it->kind, it->role, it->address, it->rooms});
    return result;
}

QList<RoomView> Hub::roomViews() const
{
    QMutexLocker lock(&m_mutex);
    QList<RoomView> result;
    result.reserve(m_rooms.size());
    for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
        RoomView view;
        view.name = it.key();
        view.kind = it->kind;
        view.topic = it->topic;
        for (quint64 member : it->members) {
            const QString &name = sessionLocked(member).name;
            if (!name.isEmpty() && !view.online.contains(name))
                view.online.append(name);
        }
        if (it->kind == RoomKind::Private || it->kind == RoomKind::Direct)
            view.invited = int(it->allowed.size());
        view.messages = it->storedSeq;
        if (!it->recent.isEmpty())
            view.lastActivity = it->recent.constLast().time;
        result.append(view);
    }
    return result;
}

Hub::Result<Done> Hub::operatorKick(const QString &user, const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    if (!m_sessionsByName.contains(folded(user)))
        return makeError({}, ErrorCode::NoSuchUser, u"Nobody online is called \"%1\"."_s.arg(user));
    QString text = u"kicked by the server"_s;
    if (!reason.isEmpty())
        text += u": "_s + reason;
    closeSessionsOfLocked(user, protocol::CloseCode::Kicked, text);
    auditLocked(operatorName(), u"kick"_s, user, {}, reason);
    return Done{{}, u"kick"_s};
}

Hub::Result<Done> Hub::operatorBan(const QString &user, int minutes, const QString &reason)
{
    const bool byAddress = !QHostAddress(user).isNull();
    QMutexLocker lock(&m_mutex);
    if (!byAddress && !m_sessionsByName.contains(folded(user))
        && !m_accounts.contains(folded(user)))
        return makeError({}, ErrorCode::NoSuchUser, u"There is nobody called \"%1\"."_s.arg(user));
    const QString target = byAddress ? addressKey(user) : user;
    const Sanction ban{Sanction::Kind::Ban, target, {}, untilFromMinutes(minutes), reason};
    m_bans.insert(folded(target), ban);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = operatorName();
    m_storage->perform(u"a ban"_s, [=](Store &store) { return store.addSanction(ban, by, now); });
    QString text = u"banned by the server %1"_s.arg(untilText(ban.until));
    if (!reason.isEmpty())
        text += u": "_s + reason;
    if (byAddress) {
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (addressKey(it->address) == target && it->fanOut)
                it->fanOut->closeSession(it.key(), protocol::CloseCode::Banned, text,
                                         LeaveReason::Kicked);
        }
    } else {
        closeSessionsOfLocked(user, protocol::CloseCode::Banned, text);
    }
    auditLocked(by, u"ban"_s, target, {}, untilText(ban.until) + u" "_s + reason);
    return Done{{}, u"ban"_s};
}

Hub::Result<Done> Hub::operatorMute(const QString &user, const QString &room, int minutes)
{
    QMutexLocker lock(&m_mutex);
    if (!m_sessionsByName.contains(folded(user)) && !m_accounts.contains(folded(user)))
        return makeError({}, ErrorCode::NoSuchUser, u"There is nobody called \"%1\"."_s.arg(user));
    if (!room.isEmpty() && !m_rooms.contains(room))
        return makeError({}, ErrorCode::NoSuchRoom, u"There is no room \"%1\"."_s.arg(room));
    const Sanction mute{Sanction::Kind::Mute, user, room, untilFromMinutes(minutes), {}};
    QList<Sanction> &mutes = m_mutes[folded(user)];
    mutes.removeIf([&](const Sanction &s) { return s.room == mute.room; });
    mutes.append(mute);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = operatorName();
    m_storage->perform(u"a mute"_s, [=](Store &store) { return store.addSanction(mute, by, now); });
    auditLocked(by, u"mute"_s, user, room, untilText(mute.until));
    return Done{{}, u"mute"_s};
}

Hub::Result<Done> Hub::operatorRevokeTokens(const QString &user)
{
    QMutexLocker lock(&m_mutex);
    const auto account = m_accounts.constFind(folded(user));
    if (account == m_accounts.cend())
        return makeError({}, ErrorCode::NoSuchUser,
                         u"There is no account called \"%1\"."_s.arg(user));
    const qint64 id = account->id;
    m_storage->perform(u"a revocation"_s, [=](Store &store) { return store.removeTokensOf(id); });
    closeSessionsOfLocked(user, protocol::CloseCode::SignedOut, u"signed out by the server"_s);
    auditLocked(operatorName(), u"revoke_tokens"_s, user, {}, {});
    return Done{{}, u"revoke_tokens"_s};
}

Hub::Result<Done> Hub::operatorDeleteMessage(const QString &roomName, qint64 seq)
{
    QMutexLocker lock(&m_mutex);
    const auto room = m_rooms.find(roomName);
    if (room == m_rooms.end() || seq < 1 || seq > room->storedSeq)
        return makeError({}, ErrorCode::BadField,
                         u"There is no message %1 in \"%2\"."_s.arg(seq).arg(roomName));
    for (MessageEvent &message : room->recent) {
        if (message.seq == seq) {
            message.text.clear();
            message.deleted = true;
        }
    }
    m_storage->perform(u"a deletion"_s,
                       [=](Store &store) { return store.markDeleted(roomName, seq); });
    auditLocked(operatorName(), u"delete"_s, QString::number(seq), roomName, {});
    deliverLocked(*room, encode(DeletedEvent{roomName, seq, operatorName()}), 0);
    return Done{{}, u"delete"_s};
}

Hub::Result<Done> Hub::operatorCreateRoom(const QString &name, RoomKind kind, const QString &topic)
{
    if (!isValidRoomName(name))
        return makeError(
            {}, ErrorCode::BadRoom,
            u"A room name has 1 to %1 letters, digits, '-', '_' or '.'."_s.arg(MaxRoomLength));
    if (kind == RoomKind::Direct)
        return makeError({}, ErrorCode::BadField,
                         u"Direct conversations are made by sending a direct message."_s);
    QMutexLocker lock(&m_mutex);
    if (m_rooms.contains(name))
        return makeError({}, ErrorCode::RoomExists,
                         u"There is already a room called \"%1\"."_s.arg(name));
    createRoomLocked(name, kind, topic, operatorName(), {}, false, {});
    return Done{{}, u"create_room"_s};
}

Hub::Result<Done> Hub::operatorArchiveRoom(const QString &room)
{
    QMutexLocker lock(&m_mutex);
    return archiveRoomLocked(room, operatorName(), {});
}

Hub::Result<Done> Hub::operatorDeleteRoom(const QString &room, const QString &reason)
{
    QMutexLocker lock(&m_mutex);
    return deleteRoomLocked(room, operatorName(), reason, {});
}

Hub::Result<Done> Hub::operatorAnnounce(const QString &roomName, const QString &text)
{
    if (text.trimmed().isEmpty())
        return makeError({}, ErrorCode::BadField, u"An announcement needs some text."_s);
    QMutexLocker lock(&m_mutex);
    SessionInfo server;
    server.name = operatorName();
    server.nameKey = folded(server.name);
    server.role = Role::Admin;
    QStringList targets;
    if (roomName.isEmpty()) {
        for (auto it = m_rooms.cbegin(); it != m_rooms.cend(); ++it) {
            if ((it->kind == RoomKind::Public || it->kind == RoomKind::Announcement)
                && !it->archived)
                targets.append(it.key());
        }
    } else if (m_rooms.contains(roomName)) {
        targets.append(roomName);
    } else {
        return makeError({}, ErrorCode::NoSuchRoom, u"There is no room \"%1\"."_s.arg(roomName));
    }
    for (const QString &target : std::as_const(targets)) {
        if (const auto error = queueMessageLocked(0, server, m_rooms[target], target, {}, text, {}))
            return *error;
    }
    auditLocked(operatorName(), u"announce"_s, roomName.isEmpty() ? u"*"_s : roomName, roomName,
                text);
    return Done{{}, u"announce"_s};
}

} // namespace sori::server
