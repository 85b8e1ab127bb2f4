// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/readmarks.h"

#include "core/logging.h"
#include "protocol/validation.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

ReadMarks::ReadMarks(HubState &state, int flushMs) : m_state(state)
{
    m_flushTimer.setInterval(qMax(10, flushMs));
    QObject::connect(&m_flushTimer, &QTimer::timeout, &m_flushTimer, [this] { flush(); });
    m_flushTimer.start();
}

void ReadMarks::markRead(quint64 session, const MarkRead &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto it = m_state.sessions.constFind(session);
    if (it == m_state.sessions.cend() || it->kind == ClientKind::Plain
        || !it->rooms.contains(request.room))
        return;
    const auto room = m_state.rooms.find(request.room);
    if (room == m_state.rooms.end())
        return;
    // Nobody reads what has not been delivered yet.
    const qint64 seq = qMin(request.seq, room->storedSeq);
    if (it->account >= 0) {
        const auto mark = room->readMarks.find(it->account);
        if (mark == room->readMarks.end() || seq <= *mark)
            return;
        *mark = seq;
        m_pending.insert({it->account, request.room}, seq);
    } else {
        auto &marks = m_state.guestMarks[it->nameKey];
        const auto mark = marks.find(request.room);
        if (mark == marks.end() || seq <= *mark)
            return;
        *mark = seq;
    }
    // The person's other connections clear the count too.
    const QList<quint64> holders = m_state.sessionsByName.value(it->nameKey);
    if (holders.size() < 2)
        return;
    const QByteArray event = m_state.encode(ReadMarker{request.room, seq});
    for (quint64 holder : holders) {
        const HubState::SessionInfo &other = m_state.sessionLocked(holder);
        if (holder != session && other.fanOut && other.kind != ClientKind::Plain
            && other.account == it->account)
            other.fanOut->post(event, {holder});
    }
}

void ReadMarks::flush()
{
    QMutexLocker lock(&m_state.mutex);
    if (m_pending.isEmpty())
        return;
    QList<ReadMark> marks;
    marks.reserve(m_pending.size());
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        marks.append(ReadMark{it.key().first, it.key().second, it.value()});
    m_pending.clear();
    ++m_flushes;
    // Queued under the lock, in order with the follows and unfollows before and after it.
    m_state.storage->perform(u"read markers"_s,
                             [marks](Store &store) { return store.saveReadMarks(marks); });
}

qint64 ReadMarks::followLocked(const HubState::SessionInfo &info, HubState::Room &room,
                               const QString &roomName)
{
    if (info.kind == ClientKind::Plain)
        return 0;
    if (info.account < 0) {
        auto &marks = m_state.guestMarks[info.nameKey];
        auto mark = marks.find(roomName);
        if (mark == marks.end())
            mark = marks.insert(roomName, room.storedSeq);
        return *mark;
    }
    if (const auto mark = room.readMarks.constFind(info.account); mark != room.readMarks.cend())
        return *mark;
    room.readMarks.insert(info.account, room.storedSeq);
    m_state.storage->perform(u"a followed room"_s,
                             [account = info.account, roomName, seq = room.storedSeq](
                                 Store &store) { return store.follow(account, roomName, seq); });
    return room.storedSeq;
}

void ReadMarks::unfollowLocked(const HubState::SessionInfo &info, HubState::Room &room,
                               const QString &roomName)
{
    if (info.kind == ClientKind::Plain || HubState::nameInRoom(room, info.name, false))
        return; // still in it on another connection
    if (info.account < 0) {
        const auto marks = m_state.guestMarks.find(info.nameKey);
        if (marks != m_state.guestMarks.end())
            marks->remove(roomName);
        return;
    }
    if (!room.readMarks.remove(info.account))
        return;
    m_pending.remove({info.account, roomName});
    m_state.storage->perform(u"a room no longer followed"_s,
                             [account = info.account, roomName](Store &store) {
                                 return store.unfollow(account, roomName);
                             });
}

void ReadMarks::followDirectLocked(HubState::Room &room, const QString &roomName, qint64 seq)
{
    for (qint64 account : std::as_const(room.allowed)) {
        if (room.readMarks.contains(account))
            continue;
        room.readMarks.insert(account, seq);
        m_state.storage->perform(u"a followed conversation"_s,
                                 [account, roomName, seq](Store &store) {
                                     return store.follow(account, roomName, seq);
                                 });
    }
}

void ReadMarks::roomGoneLocked(const QString &roomName)
{
    for (auto it = m_pending.begin(); it != m_pending.end();)
        it = it.key().second == roomName ? m_pending.erase(it) : std::next(it);
    for (auto &marks : m_state.guestMarks)
        marks.remove(roomName);
}

void ReadMarks::roomRenamedLocked(const QString &roomName, const QString &newName)
{
    QList<std::pair<qint64, qint64>> moved; // account -> seq
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it.key().second == roomName) {
            moved.append({it.key().first, it.value()});
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &[account, seq] : std::as_const(moved))
        m_pending.insert({account, newName}, seq);
    for (auto &marks : m_state.guestMarks) {
        if (const auto mark = marks.find(roomName); mark != marks.end()) {
            const qint64 seq = *mark;
            marks.erase(mark);
            marks.insert(newName, seq);
        }
    }
}

void ReadMarks::removedLocked(qint64 account, HubState::Room &room, const QString &roomName)
{
    room.readMarks.remove(account);
    m_pending.remove({account, roomName});
}

void ReadMarks::sendUnreadLocked(quint64 session, const HubState::SessionInfo &info)
{
    if (info.kind == ClientKind::Plain || !info.fanOut)
        return;
    struct Followed
    {
        UnreadRoom room;
        qint64 lastTime = 0;
    };
    QList<Followed> followed;
    const auto add = [&followed](const QString &name, const HubState::Room &room, qint64 read) {
        UnreadRoom entry;
        entry.room = name;
        entry.kind = room.kind;
        entry.seq = room.storedSeq;
        entry.read = qMin(read, room.storedSeq);
        followed.append(Followed{entry, room.recent.isEmpty() ? 0 : room.recent.constLast().time});
    };
    if (info.account >= 0) {
        for (auto room = m_state.rooms.cbegin(); room != m_state.rooms.cend(); ++room) {
            if (const auto mark = room->readMarks.constFind(info.account);
                mark != room->readMarks.cend())
                add(room.key(), *room, *mark);
        }
    } else {
        // A guest's marks are those of its session (its name), kept until its grace period ends.
        const QHash<QString, qint64> marks = m_state.guestMarks.value(info.nameKey);
        for (auto mark = marks.cbegin(); mark != marks.cend(); ++mark) {
            if (const auto room = m_state.rooms.constFind(mark.key()); room != m_state.rooms.cend())
                add(mark.key(), *room, *mark);
        }
    }
    // The most recently active first (then by name, so that the order is the same each time).
    std::sort(followed.begin(), followed.end(), [](const Followed &a, const Followed &b) {
        return a.lastTime != b.lastTime ? a.lastTime > b.lastTime : a.room.room < b.room.room;
    });
    UnreadEvent event;
    event.more = followed.size() > m_state.unreadMaxRooms;
    if (event.more)
        followed.resize(m_state.unreadMaxRooms);
    QList<UnreadRange> ranges;
    for (const Followed &entry : std::as_const(followed)) {
        event.rooms.append(entry.room);
        if (entry.room.seq > entry.room.read)
            ranges.append(UnreadRange{entry.room.room, entry.room.read, entry.room.seq});
    }
    if (ranges.isEmpty()) { // nothing to count: everything is read
        m_state.replyLocked(session, info, event);
        return;
    }
    // Counted where history pages are read: the commits of messages never wait for it.
    m_state.storage->read(session,
                          [fanOut = info.fanOut, encoder = &m_state.encoder, session,
                           name = info.name, nameKey = info.nameKey, event,
                           ranges](Store &store) mutable {
                              if (!store.unreadCounts(name, nameKey, UnreadCap, &ranges)) {
                                  qCWarning(lcStore) << "cannot count the unread messages of"
                                                     << name << ":" << store.errorString();
                                  return; // the clients count from the live messages on
                              }
                              qsizetype next = 0;
                              for (UnreadRoom &room : event.rooms) {
                                  if (next < ranges.size() && ranges[next].room == room.room) {
                                      room.unread = ranges[next].unread;
                                      room.mentions = ranges[next].mentions;
                                      ++next;
                                  }
                              }
                              fanOut->post(encoder->encode(event), {session});
                          });
}

} // namespace sori::server
