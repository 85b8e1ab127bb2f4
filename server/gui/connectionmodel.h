// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor.h"

#include <QtCore/QAbstractTableModel>

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

} // namespace sori::server::gui
