// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/memberlistmodel.h"

#include <algorithm>

namespace sori::chat {

MemberListModel::MemberListModel(const QString &room, QObject *parent)
    : QAbstractListModel(parent), m_room(room)
{ }

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return e.member.name;
    case ClientKindRole:
        return QVariant::fromValue(e.member.kind);
    case TypingRole:
        return e.typing;
    case SelfRole:
        return e.member.name.compare(m_self, Qt::CaseInsensitive) == 0;
    case UserRoleRole:
        return e.role ? QVariant::fromValue(*e.role) : QVariant();
    case StatusRole:
        return QVariant::fromValue(e.member.status);
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(ClientKindRole, "clientKind");
    names.insert(TypingRole, "typing");
    names.insert(SelfRole, "self");
    names.insert(UserRoleRole, "userRole");
    names.insert(StatusRole, "status");
    return names;
}

int MemberListModel::insertPosition(const QString &name) const
{
    return int(std::lower_bound(m_members.cbegin(), m_members.cend(), name,
                                [](const Entry &e, const QString &n) {
                                    return e.member.name.compare(n, Qt::CaseInsensitive) < 0;
                                })
               - m_members.cbegin());
}

int MemberListModel::rowOf(const QString &name) const
{
    const int row = insertPosition(name);
    return row < m_members.size()
            && m_members.at(row).member.name.compare(name, Qt::CaseInsensitive) == 0
        ? row
        : -1;
}

QStringList MemberListModel::names() const
{
    QStringList result;
    for (const Entry &e : m_members)
        result.append(e.member.name);
    return result;
}

QStringList MemberListModel::typing() const
{
    QStringList result;
    for (const Entry &e : m_members) {
        if (e.typing)
            result.append(e.member.name);
    }
    return result;
}

void MemberListModel::setMembers(const QList<protocol::Member> &members)
{
    const bool wasTyping = !typing().isEmpty();
    beginResetModel();
    m_members.clear();
    for (const protocol::Member &m : members) {
        if (rowOf(m.name) >= 0)
            continue;
        m_members.insert(insertPosition(m.name), Entry{m, false, {}});
    }
    endResetModel();
    if (wasTyping)
        Q_EMIT typingChanged({});
}

void MemberListModel::add(const protocol::Member &member)
{
    if (rowOf(member.name) >= 0)
        return;
    const int row = insertPosition(member.name);
    beginInsertRows({}, row, row);
    m_members.insert(row, Entry{member, false, {}});
    endInsertRows();
}

void MemberListModel::remove(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    const bool wasTyping = m_members.at(row).typing;
    beginRemoveRows({}, row, row);
    m_members.removeAt(row);
    endRemoveRows();
    if (wasTyping)
        Q_EMIT typingChanged(typing());
}

void MemberListModel::setTyping(const QString &name, bool active)
{
    const int row = rowOf(name);
    if (row < 0 || m_members.at(row).typing == active)
        return;
    m_members[row].typing = active;
    Q_EMIT dataChanged(index(row), index(row), {TypingRole});
    Q_EMIT typingChanged(typing());
}

void MemberListModel::setUserRole(const QString &name, protocol::Role role)
{
    const int row = rowOf(name);
    if (row < 0 || m_members.at(row).role == role)
        return;
    m_members[row].role = role;
    Q_EMIT dataChanged(index(row), index(row), {UserRoleRole});
}

void MemberListModel::setStatus(const QString &name, protocol::PresenceStatus status)
{
    const int row = rowOf(name);
    if (row < 0 || m_members.at(row).member.status == status)
        return;
    m_members[row].member.status = status;
    Q_EMIT dataChanged(index(row), index(row), {StatusRole});
}

void MemberListModel::clear()
{
    if (m_members.isEmpty())
        return;
    beginResetModel();
    m_members.clear();
    endResetModel();
}

} // namespace sori::chat
