// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/connectionmodel.h"

#include "gui/labels.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtGui/QColor>
#include <QtGui/QFont>
#include <QtNetwork/QHostAddress>

namespace sori::server::gui {

namespace {
// IPv4 peers seen through an IPv6 socket (::ffff:127.0.0.1) are shown as IPv4.
QString readableAddress(const QString &address)
{
    bool isV4 = false;
    const quint32 v4 = QHostAddress(address).toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address;
}
} // namespace

ConnectionModel::ConnectionModel(QObject *parent) : QAbstractTableModel(parent) { }

void ConnectionModel::update(const QList<ConnectionView> &connections)
{
    QHash<quint64, const ConnectionView *> incoming;
    QHash<QString, int> perUser;
    for (const ConnectionView &connection : connections) {
        incoming.insert(connection.session, &connection);
        ++perUser[connection.name.toCaseFolded()];
    }
    // Gone: removed from the end, a run of neighbours at a time.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (incoming.contains(m_rows.at(row).view.session)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).view.session))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // Still there: changed in place.
    QSet<quint64> known;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &current = m_rows[row];
        known.insert(current.view.session);
        const ConnectionView &now = *incoming.value(current.view.session);
        const int sameUser = perUser.value(now.name.toCaseFolded());
        if (current.view == now && current.sameUser == sameUser)
            continue;
        current.view = now;
        current.sameUser = sameUser;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    // New: appended in one go.
    QList<Row> added;
    for (const ConnectionView &connection : connections) {
        if (!known.contains(connection.session))
            added.append(Row{connection, perUser.value(connection.name.toCaseFolded())});
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
}

const ConnectionView *ConnectionModel::connectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).view : nullptr;
}

int ConnectionModel::rowOfSession(quint64 session) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).view.session == session)
            return row;
    }
    return -1;
}

int ConnectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ConnectionView &c = row.view;
    switch (role) {
    case SessionRole:
        return QVariant::fromValue(c.session);
    case UserNameRole:
        return c.name;
    case UserConnectionsRole:
        return row.sameUser;
    case KindRole:
        return int(c.kind);
    case RoleRole:
        return int(c.role);
    case StatusRole:
        return int(c.status);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return c.name;
        case Role:
            return Labels::role(c.role);
        case Status:
            return Labels::status(c.status);
        case Client:
            return Labels::clientKind(c.kind);
        case Address:
            return readableAddress(c.address);
        case Since:
            return c.connectedAt > 0 ? QLocale().toString(
                       QDateTime::fromMSecsSinceEpoch(c.connectedAt).time(), QLocale::ShortFormat)
                                     : QString();
        case Rooms:
            return c.rooms.join(QLatin1String(", "));
        case Messages:
            return QLocale().toString(c.messagesSent);
        case Queue:
            return QLocale().formattedDataSize(c.queuedBytes);
        case RoundTrip:
            if (c.rttMs < 0)
                return tr("–");
            return c.rttMs == 0 ? tr("< 1 ms") : tr("%1 ms").arg(c.rttMs);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Since && c.connectedAt > 0)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.connectedAt),
                                      QLocale::LongFormat);
        if (index.column() == Name && row.sameUser > 1)
            return tr("%1 is connected %n times", "", row.sameUser).arg(c.name);
        return {};
    case SortRole:
        switch (Column(index.column())) {
        case Name:
            return c.name.toCaseFolded();
        case Role:
            return int(c.role);
        case Status:
            return int(c.status);
        case Client:
            return Labels::clientKind(c.kind);
        case Address:
            return c.address;
        case Since:
            return c.connectedAt;
        case Rooms:
            return c.rooms.join(QLatin1String(", "));
        case Messages:
            return c.messagesSent;
        case Queue:
            return c.queuedBytes;
        case RoundTrip:
            return c.rttMs;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Messages || index.column() == Queue || index.column() == RoundTrip)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return tr("User");
    case Role:
        return tr("Role");
    case Status:
        return tr("Status");
    case Client:
        return tr("Client");
    case Address:
        return tr("Address");
    case Since:
        return tr("Connected since");
    case Rooms:
        return tr("Rooms");
    case Messages:
        return tr("Messages sent");
    case Queue:
        return tr("Queue");
    case RoundTrip:
        return tr("Round trip");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> ConnectionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(SessionRole, "session");
    names.insert(UserNameRole, "userName");
    names.insert(UserConnectionsRole, "userConnections");
    names.insert(KindRole, "clientKind");
    names.insert(RoleRole, "role");
    names.insert(StatusRole, "status");
    return names;
}

ConnectionFilterModel::ConnectionFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ConnectionModel::SortRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

bool ConnectionFilterModel::isFilteredColumn(int column)
{
    return column == ConnectionModel::Name || column == ConnectionModel::Role
        || column == ConnectionModel::Client || column == ConnectionModel::Address;
}

bool ConnectionFilterModel::matches(const QModelIndex &index) const
{
    const QRegularExpression &filter = filterRegularExpression();
    if (filter.pattern().isEmpty() || !isFilteredColumn(index.column()))
        return false;
    return index.data().toString().contains(filter);
}

QVariant ConnectionFilterModel::data(const QModelIndex &index, int role) const
{
    // The cells that made a row pass the filter: bold on a light marker colour.
    if ((role == Qt::FontRole || role == Qt::BackgroundRole || role == Qt::ForegroundRole)
        && matches(index)) {
        if (role == Qt::BackgroundRole)
            return QColor(0xff, 0xe8, 0x8c);
        if (role == Qt::ForegroundRole)
            return QColor(Qt::black);
        QFont font;
        font.setBold(true);
        return font;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool ConnectionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QRegularExpression &filter = filterRegularExpression();
    if (filter.pattern().isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    for (int column = 0; column < ConnectionModel::ColumnCount; ++column) {
        if (isFilteredColumn(column)
            && model->index(sourceRow, column, sourceParent).data().toString().contains(filter))
            return true;
    }
    return false;
}

} // namespace sori::server::gui
