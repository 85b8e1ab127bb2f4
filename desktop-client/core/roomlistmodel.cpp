// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/roomlistmodel.h"

#include "core/plaintooltip.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sori::chat {

RoomListModel::RoomListModel(QObject *parent) : QAbstractListModel(parent) { }

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rooms.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_rooms.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return e.kind == protocol::RoomKind::Direct && !e.peer.isEmpty() ? e.peer : e.room;
    case Qt::ToolTipRole:
        return plainToolTip(e.topic);
    case TopicRole:
        return e.topic;
    case RoomRole:
        return e.room;
    case KindRole:
        return QVariant::fromValue(e.kind);
    case UnreadRole:
        return e.unread;
    case NotifyRole:
        return QVariant::fromValue(e.notify);
    case BadgeRole:
        return badge(e);
    case PeerRole:
        return e.peer;
    case JoinedRole:
        return e.joined;
    case MentionsRole:
        return e.mentions;
    case ReadRole:
        return e.read;
    default:
        return {};
    }
}

bool RoomListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || role != NotifyRole)
        return false;
    setNotify(m_rooms.at(index.row()).room, value.value<protocol::NotifyLevel>());
    return true;
}

Qt::ItemFlags RoomListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(RoomRole, "room");
    names.insert(KindRole, "kind");
    names.insert(TopicRole, "topic");
    names.insert(UnreadRole, "unread");
    names.insert(NotifyRole, "notify");
    names.insert(PeerRole, "peer");
    names.insert(JoinedRole, "joined");
    names.insert(MentionsRole, "mentions");
    names.insert(ReadRole, "read");
    names.insert(BadgeRole, "badge");
    return names;
}

int RoomListModel::rowOf(const QString &room) const
{
    for (int row = 0; row < m_rooms.size(); ++row) {
        if (m_rooms.at(row).room == room)
            return row;
    }
    return -1;
}

const RoomListModel::Entry *RoomListModel::entry(const QString &room) const
{
    const int row = rowOf(room);
    return row < 0 ? nullptr : &m_rooms.at(row);
}

QStringList RoomListModel::rooms() const
{
    QStringList names;
    for (const Entry &e : m_rooms)
        names.append(e.room);
    return names;
}

int RoomListModel::badge(const Entry &entry)
{
    switch (entry.notify) {
    case protocol::NotifyLevel::All:
        return entry.unread;
    case protocol::NotifyLevel::Mentions:
        return entry.kind == protocol::RoomKind::Direct ? entry.unread : entry.mentions;
    case protocol::NotifyLevel::None:
        break;
    }
    return 0;
}

int RoomListModel::totalUnread() const
{
    int total = 0;
    for (const Entry &e : m_rooms)
        total += badge(e);
    return total;
}

void RoomListModel::updateTotal()
{
    const int total = totalUnread();
    if (total == m_total)
        return;
    m_total = total;
    Q_EMIT totalUnreadChanged(total);
}

int RoomListModel::totalMentions() const
{
    int total = 0;
    for (const Entry &e : m_rooms)
        total += e.mentions;
    return total;
}

QString RoomListModel::countText(int count)
{
    return count >= MaxCount ? u"999+"_s : QString::number(count);
}

void RoomListModel::changed(int row, const QList<int> &roles)
{
    Q_EMIT dataChanged(index(row), index(row), roles);
}

void RoomListModel::upsert(const Entry &entry)
{
    const int row = rowOf(entry.room);
    if (row < 0) {
        const int at = int(m_rooms.size());
        beginInsertRows({}, at, at);
        m_rooms.append(entry);
        endInsertRows();
        updateTotal();
        return;
    }
    Entry &e = m_rooms[row];
    const int unread = e.unread;
    const int mentions = e.mentions;
    const qint64 read = e.read;
    const protocol::NotifyLevel notify = e.notify;
    e = entry;
    e.unread = unread; // counted here, not by the caller
    e.mentions = mentions;
    e.read = std::max(read, entry.read);
    e.notify = notify;
    changed(
        row,
        {Qt::DisplayRole, Qt::ToolTipRole, KindRole, TopicRole, PeerRole, JoinedRole, BadgeRole});
    updateTotal();
}

void RoomListModel::remove(const QString &room)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rooms.removeAt(row);
    endRemoveRows();
    updateTotal();
}

void RoomListModel::rename(const QString &from, const QString &to)
{
    const int row = rowOf(from);
    if (row < 0 || rowOf(to) >= 0)
        return;
    m_rooms[row].room = to;
    changed(row, {Qt::DisplayRole, Qt::ToolTipRole, RoomRole});
}

void RoomListModel::addUnread(const QString &room, int count)
{
    const int row = rowOf(room);
    if (row < 0 || count <= 0)
        return;
    m_rooms[row].unread = std::min(MaxCount, m_rooms[row].unread + count);
    changed(row, {UnreadRole, BadgeRole});
    updateTotal();
}

void RoomListModel::clearUnread(const QString &room)
{
    const int row = rowOf(room);
    if (row < 0 || (m_rooms.at(row).unread == 0 && m_rooms.at(row).mentions == 0))
        return;
    m_rooms[row].unread = 0;
    m_rooms[row].mentions = 0;
    changed(row, {UnreadRole, MentionsRole, BadgeRole});
    updateTotal();
}

void RoomListModel::setUnread(const QString &room, int unread, int mentions)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    Entry &e = m_rooms[row];
    unread = std::clamp(unread, 0, MaxCount);
    mentions = std::clamp(mentions, 0, unread);
    if (e.unread == unread && e.mentions == mentions)
        return;
    e.unread = unread;
    e.mentions = mentions;
    changed(row, {UnreadRole, MentionsRole, BadgeRole});
    updateTotal();
}

void RoomListModel::addMention(const QString &room)
{
    const int row = rowOf(room);
    if (row < 0)
        return;
    Entry &e = m_rooms[row];
    e.mentions = std::min({MaxCount, e.mentions + 1, std::max(e.unread, 1)});
    changed(row, {MentionsRole, BadgeRole});
    updateTotal();
}

void RoomListModel::setRead(const QString &room, qint64 seq)
{
    const int row = rowOf(room);
    if (row < 0 || m_rooms.at(row).read >= seq)
        return;
    m_rooms[row].read = seq;
    changed(row, {ReadRole});
}

void RoomListModel::setNotify(const QString &room, protocol::NotifyLevel level)
{
    const int row = rowOf(room);
    if (row < 0 || m_rooms.at(row).notify == level)
        return;
    m_rooms[row].notify = level;
    changed(row, {NotifyRole, BadgeRole});
    updateTotal();
}

QString directRoomName(const QString &a, const QString &b)
{
    const QString x = a.toCaseFolded();
    const QString y = b.toCaseFolded();
    return x < y ? u"dm:%1:%2"_s.arg(x, y) : u"dm:%1:%2"_s.arg(y, x);
}

QString directPeer(const QString &room, const QString &self)
{
    const QStringList parts = room.split(u':');
    if (parts.size() != 3 || parts.first() != u"dm"_s)
        return {};
    const QString me = self.toCaseFolded();
    if (parts.at(1) == me)
        return parts.at(2);
    if (parts.at(2) == me)
        return parts.at(1);
    return {};
}

} // namespace sori::chat
