// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/presence.h"

#include "core/logging.h"
#include "protocol/validation.h"

#include <QtCore/QDateTime>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

Presence::Presence(HubState &state) : m_state(state)
{
    m_ghostTimer.setInterval(qBound(10, m_state.graceMs / 10, 1000));
    QObject::connect(&m_ghostTimer, &QTimer::timeout, &m_ghostTimer, [this] { expireGhosts(); });
}

void Presence::knownLocked(const QString &name, qint64 lastSeen)
{
    const QString key = folded(name);
    if (lastSeen > 0 && !m_state.seen.contains(key))
        m_state.seen.insert(key, HubState::Seen{name, lastSeen});
}

bool Presence::keepsListedLocked(const HubState::SessionInfo &info, LeaveReason reason) const
{
    const bool lost = reason == LeaveReason::NetworkLost || reason == LeaveReason::TimedOut
        || reason == LeaveReason::Dropped;
    return lost && m_state.graceMs > 0 && info.kind != ClientKind::Plain;
}

void Presence::keepListedLocked(quint64 session, HubState::SessionInfo &info, HubState::Room &room,
                                const QString &roomName, LeaveReason reason, qint64 now)
{
    info.rooms.removeOne(roomName);
    room.removeMember(session, info);
    room.catchingUp.remove(session);
    HubState::Ghost &ghost = m_state.ghosts[folded(info.name)];
    if (ghost.rooms.isEmpty()) {
        ghost = HubState::Ghost{
            info.name, info.kind, info.account, reason, now, now + m_state.graceMs, {}};
    }
    if (!ghost.rooms.contains(roomName))
        ghost.rooms.append(roomName);
}

bool Presence::comeBackLocked(const QString &name, const QString &room)
{
    const auto ghost = m_state.ghosts.find(folded(name));
    if (ghost == m_state.ghosts.end() || !ghost->rooms.removeOne(room))
        return false;
    if (ghost->rooms.isEmpty())
        m_state.ghosts.erase(ghost);
    return true;
}

void Presence::sessionGoneLocked(const QString &name, qint64 account, qint64 at)
{
    const QString key = folded(name);
    if (m_state.ghosts.contains(key))
        QMetaObject::invokeMethod(&m_ghostTimer, [this] {
            if (!m_ghostTimer.isActive())
                m_ghostTimer.start();
        });
    else if (!m_state.sessionsByName.contains(key))
        wentOfflineLocked(name, account, at);
}

void Presence::wentOfflineLocked(const QString &name, qint64 account, qint64 at)
{
    m_state.seen.insert(folded(name), HubState::Seen{name, at});
    m_state.statuses.remove(folded(name)); // a status lasts as long as the person is online
    if (account >= 0)
        m_state.storage->perform(u"a last-seen time"_s,
                                 [=](Store &store) { return store.setLastSeen(account, at); });
    else {
        m_state.guestKeys.remove(folded(name)); // the guest name is free again
        m_state.guestMarks.remove(folded(name));
        m_state.releaseGuestSkeletonLocked(name);
    }
}

void Presence::expireGhosts()
{
    QMutexLocker lock(&m_state.mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto ghost = m_state.ghosts.begin(); ghost != m_state.ghosts.end();) {
        if (ghost->deadline > now) {
            ++ghost;
            continue;
        }
        const HubState::Ghost gone = *ghost;
        ghost = m_state.ghosts.erase(ghost);
        const Member member{gone.name, gone.kind};
        for (const QString &roomName : gone.rooms) {
            const auto room = m_state.rooms.find(roomName);
            if (room != m_state.rooms.end() && !HubState::nameInRoom(*room, gone.name, false))
                m_state.deliverLocked(*room,
                                      m_state.encode(PresenceEvent{roomName, PresenceChange::Left,
                                                                   member, gone.reason}),
                                      0);
        }
        qCInfo(lcHub) << gone.name << "did not come back in time: left" << gone.rooms.size()
                      << "rooms, reason" << toWire(gone.reason);
        if (!m_state.sessionsByName.contains(folded(gone.name)))
            wentOfflineLocked(gone.name, gone.account, gone.lostAt);
    }
    if (m_state.ghosts.isEmpty())
        m_ghostTimer.stop();
}

HubResult<UserInfo> Presence::whois(quint64 session, const Whois &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.find(session);
    if (it == m_state.sessions.end())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const QString key = folded(request.user);
    UserInfo info{request.id, request.user, Role::Guest, false, 0};
    const auto account = m_state.accounts.constFind(key);
    if (account != m_state.accounts.cend())
        info.role = account->role;
    const QList<quint64> holders = m_state.sessionsByName.value(key);
    const auto ghost = m_state.ghosts.constFind(key);
    const auto seen = m_state.seen.constFind(key);
    if (!holders.isEmpty()) {
        info.name = m_state.sessionLocked(holders.first()).name;
        info.role = m_state.sessionLocked(holders.first()).role;
        info.online = true;
        info.lastSeen = QDateTime::currentMSecsSinceEpoch();
        info.status = m_state.statusLocked(key);
    } else if (ghost != m_state.ghosts.cend()) {
        // Listed still, through the grace period: seen last when its connection was lost.
        info.name = ghost->name;
        info.online = true;
        info.lastSeen = ghost->lostAt;
        info.status = m_state.statusLocked(key);
    } else if (seen != m_state.seen.cend()) {
        info.name = seen->name;
        info.lastSeen = seen->at;
    } else if (account == m_state.accounts.cend()) {
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"Nobody called \"%1\" has been here."_s.arg(request.user));
    }
    m_state.replyLocked(session, *it, info);
    return info;
}

void Presence::recordLastSeenOfEveryone()
{
    QMutexLocker lock(&m_state.mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSet<qint64> recorded; // an account in two sessions is written once
    for (const HubState::SessionInfo &info : std::as_const(m_state.sessions)) {
        if (info.account >= 0 && !recorded.contains(info.account)) {
            recorded.insert(info.account);
            wentOfflineLocked(info.name, info.account, now);
        }
    }
    for (const HubState::Ghost &ghost : std::as_const(m_state.ghosts)) {
        if (ghost.account >= 0 && !recorded.contains(ghost.account)) {
            recorded.insert(ghost.account);
            wentOfflineLocked(ghost.name, ghost.account, ghost.lostAt);
        }
    }
}

HubResult<Done> Presence::setStatus(quint64 session, const SetStatus &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.constFind(session);
    if (it == m_state.sessions.cend())
        return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
    const PresenceStatus before = m_state.statusLocked(it->nameKey);
    if (request.status == PresenceStatus::Online)
        m_state.statuses.remove(it->nameKey);
    else
        m_state.statuses.insert(it->nameKey, request.status);
    const Done done{request.id, u"status"_s};
    m_state.replyLocked(session, *it, done);
    if (before == request.status)
        return done;
    // Every room the person is in, on any connection (or still listed in, through the grace
    // period), hears it once.
    QStringList rooms;
    for (quint64 holder : m_state.sessionsByName.value(it->nameKey)) {
        for (const QString &room : m_state.sessionLocked(holder).rooms) {
            if (!rooms.contains(room))
                rooms.append(room);
        }
    }
    if (const auto ghost = m_state.ghosts.constFind(it->nameKey); ghost != m_state.ghosts.cend()) {
        for (const QString &room : ghost->rooms) {
            if (!rooms.contains(room))
                rooms.append(room);
        }
    }
    Member member{it->name, it->kind};
    member.status = request.status;
    for (const QString &roomName : std::as_const(rooms)) {
        const auto room = m_state.rooms.find(roomName);
        if (room != m_state.rooms.end())
            m_state.deliverLocked(
                *room, m_state.encode(PresenceEvent{roomName, PresenceChange::Status, member}), 0);
    }
    qCDebug(lcHub) << it->name << "is now" << toWire(request.status);
    return done;
}

std::optional<Error> Presence::findPeople(quint64 session, const FindPeople &request)
{
    if (request.limit < 0 || request.limit > m_state.peoplePage)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1 (or 0 for the server's page)."_s.arg(
                             m_state.peoplePage));
    if (request.query.size() > MaxNameLength || request.after.size() > MaxNameLength)
        return makeError(
            request.id, ErrorCode::BadField,
            u"\"query\" and \"after\" are names: %1 characters at most."_s.arg(MaxNameLength));
    const qsizetype limit = request.limit > 0 ? request.limit : m_state.peoplePage;
    const QString query = folded(request.query.trimmed());
    const QString after = folded(request.after);
    QMap<QString, bool> order;
    {
        QMutexLocker lock(&m_state.mutex);
        if (!m_state.sessions.contains(session))
            return makeError(request.id, ErrorCode::HelloRequired, u"Say hello first."_s);
        order = m_state.accountOrder; // shared, not copied: the match runs without the lock
    }
    QStringList keys;
    bool more = false;
    for (auto it = after.isEmpty() ? order.cbegin() : order.upperBound(after); it != order.cend();
         ++it) {
        if (!query.isEmpty() && !it.key().contains(query))
            continue;
        if (keys.size() >= limit) {
            more = true;
            break;
        }
        keys.append(it.key());
    }
    order = {}; // let go of the copy before the lock: an insert meanwhile need not detach
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.constFind(session);
    if (it == m_state.sessions.cend())
        return std::nullopt; // gone meanwhile
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    People people{request.id, {}, more};
    people.people.reserve(keys.size());
    for (const QString &key : std::as_const(keys)) {
        const auto account = m_state.accounts.constFind(key);
        if (account == m_state.accounts.cend())
            continue;
        Person person;
        person.name = account->name;
        person.role = account->role;
        const auto ghost = m_state.ghosts.constFind(key);
        if (m_state.sessionsByName.contains(key)) {
            person.online = true;
            person.lastSeen = now;
        } else if (ghost != m_state.ghosts.cend()) {
            person.online = true;
            person.lastSeen = ghost->lostAt;
        } else {
            person.lastSeen = m_state.seen.value(key).at;
        }
        if (person.online)
            person.status = m_state.statusLocked(key);
        people.people.append(std::move(person));
    }
    m_state.replyLocked(session, *it, people);
    return std::nullopt;
}

} // namespace sori::server
