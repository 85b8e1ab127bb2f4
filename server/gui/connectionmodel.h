// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QSortFilterProxyModel>

namespace sori::server::gui {

// "Online now": one row per open connection of a signed-in session, fed by the monitor's
// snapshots. update() turns a snapshot into row insertions, removals and changes (never a reset),
// so that selections and sorting survive. Rows keep the order they came in; sort with a proxy.
class ConnectionModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionModel)

public:
    enum Column {
        Name,
        Role,
        Status, // online, away, do not disturb
        Client,
        Address,
        Since,
        Rooms,
        Messages,
        Queue,
        RoundTrip,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole + 1, // a raw value to sort by (number, time or text)
        SessionRole, // quint64
        UserNameRole, // the name, whatever the column
        UserConnectionsRole, // int: how many rows share this row's user name (case-folded)
        KindRole, // int: protocol::ClientKind
        RoleRole, // int: protocol::Role
        StatusRole, // int: protocol::PresenceStatus
    };

    explicit ConnectionModel(QObject *parent = nullptr);

    void update(const QList<ConnectionView> &connections);
    const ConnectionView *connectionAt(int row) const;
    int rowOfSession(quint64 session) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        ConnectionView view;
        int sameUser = 1;
    };
    QList<Row> m_rows;
};

// "Online now" as the window shows it: sorted, and filtered by a piece of text in the columns
// that say who a row is (name, role, client, address), never in the rooms: a filter for "yuna"
// must not list hana because she has a direct conversation with yuna. The cells the text was
// found in are highlighted, so that a row listed for its address says so.
class ConnectionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionFilterModel)

public:
    explicit ConnectionFilterModel(QObject *parent = nullptr);

    // The columns the filter looks in.
    static bool isFilteredColumn(int column);
    // Whether the filter text is in this cell (false without a filter).
    bool matches(const QModelIndex &index) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

} // namespace sori::server::gui
