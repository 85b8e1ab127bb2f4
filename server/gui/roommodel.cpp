// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/roommodel.h"

#include "gui/labels.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QSet>

namespace sori::server::gui {

RoomModel::RoomModel(QObject *parent) : QAbstractTableModel(parent) { }

void RoomModel::update(const QList<RoomView> &rooms)
{
    QHash<QString, const RoomView *> incoming;
    for (const RoomView &room : rooms)
        incoming.insert(room.name, &room);
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (incoming.contains(m_rows.at(row).name)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).name))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    QSet<QString> known;
    for (int row = 0; row < m_rows.size(); ++row) {
        RoomView &current = m_rows[row];
        known.insert(current.name);
        const RoomView &now = *incoming.value(current.name);
        if (current == now)
            continue;
        current = now;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    QList<RoomView> added;
    for (const RoomView &room : rooms) {
        if (!known.contains(room.name))
            added.append(room);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
}

const RoomView *RoomModel::roomAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int RoomModel::rowOfRoom(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).name == name)
            return row;
    }
    return -1;
}

int RoomModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RoomModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoomModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomView &room = m_rows.at(index.row());
    switch (role) {
    case RoomNameRole:
        return room.name;
    case OnlineCountRole:
        return int(room.online.size());
    case MembersRole:
        return room.online;
    case KindRole:
        return int(room.kind);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return room.name;
        case Kind:
            return Labels::roomKind(room.kind);
        case Members:
            if (room.invited >= 0)
                return tr("%1 online / %2").arg(room.online.size()).arg(room.invited);
            return tr("%1 online").arg(room.online.size());
        case Messages:
            return QLocale().toString(room.messages);
        case LastActivity:
            if (room.lastActivity <= 0)
                return tr("–");
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(room.lastActivity),
                                      QLocale::ShortFormat);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return room.topic.isEmpty() ? QVariant() : QVariant(room.topic);
    case SortRole:
        switch (Column(index.column())) {
        case Name:
            return room.name.toCaseFolded();
        case Kind:
            return int(room.kind);
        case Members:
            return int(room.online.size());
        case Messages:
            return room.messages;
        case LastActivity:
            return room.lastActivity;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Messages)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant RoomModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return tr("Room");
    case Kind:
        return tr("Kind");
    case Members:
        return tr("Members");
    case Messages:
        return tr("Messages");
    case LastActivity:
        return tr("Last activity");
    case ColumnCount:
        break;
    }
    return {};
}

RoomMemberModel::RoomMemberModel(QObject *parent) : QAbstractListModel(parent) { }

void RoomMemberModel::setMembers(const QString &room, const QStringList &members)
{
    if (room != m_room) {
        beginResetModel();
        m_room = room;
        m_names = members;
        endResetModel();
        return;
    }
    const QSet<QString> incoming(members.cbegin(), members.cend());
    for (int row = int(m_names.size()) - 1; row >= 0; --row) {
        if (!incoming.contains(m_names.at(row))) {
            beginRemoveRows({}, row, row);
            m_names.removeAt(row);
            endRemoveRows();
        }
    }
    const QSet<QString> known(m_names.cbegin(), m_names.cend());
    for (const QString &name : members) {
        if (known.contains(name))
            continue;
        beginInsertRows({}, int(m_names.size()), int(m_names.size()));
        m_names.append(name);
        endInsertRows();
    }
}

int RoomMemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_names.size());
}

QVariant RoomMemberModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole)
        return m_names.at(index.row());
    return {};
}

} // namespace sori::server::gui
