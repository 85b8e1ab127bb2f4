// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QAbstractTableModel>

namespace sori::server::gui {

// "Rooms": one row per room, fed by the monitor's snapshots (insertions, removals and changes;
// never a reset). Rows keep the order they came in; sort with a proxy.
class RoomModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomModel)

public:
    enum Column { Name, Kind, Members, Messages, LastActivity, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1, // a raw value to sort by
        RoomNameRole, // QString
        OnlineCountRole, // int: names online in the room
        MembersRole, // QStringList: those names
        KindRole, // int: protocol::RoomKind
    };

    explicit RoomModel(QObject *parent = nullptr);

    void update(const QList<RoomView> &rooms);
    const RoomView *roomAt(int row) const;
    int rowOfRoom(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<RoomView> m_rows;
};

// The members online in one room (the room selected in the window), one name per row.
class RoomMemberModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomMemberModel)

public:
    explicit RoomMemberModel(QObject *parent = nullptr);

    QString room() const { return m_room; }
    // Shows the members of another room (a reset: it is another list), or the same room's new
    // members (insertions and removals).
    void setMembers(const QString &room, const QStringList &members);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString m_room;
    QStringList m_names;
};

} // namespace sori::server::gui
