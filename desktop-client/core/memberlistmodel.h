// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QList>

#include <optional>

namespace sori::chat {

// The people online in one room, sorted by name: the list from "joined", then presence deltas.
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberListModel)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1, // QString
        ClientKindRole, // protocol::ClientKind: desktop, web, plain...
        TypingRole, // bool: typing right now
        SelfRole, // bool: this client's user
        UserRoleRole, // protocol::Role: guest, member, moderator, admin; invalid until known
        StatusRole, // protocol::PresenceStatus: online, away, do not disturb
    };
    Q_ENUM(Roles)

    explicit MemberListModel(const QString &room, QObject *parent = nullptr);

    QString room() const { return m_room; }
    void setRoom(const QString &room) { m_room = room; } // renamed by an admin
    void setSelf(const QString &name) { m_self = name; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &name) const; // -1 if not online here
    QStringList names() const;
    QStringList typing() const; // who is typing, in list order

    // The whole list, as "joined" gives it.
    void setMembers(const QList<protocol::Member> &members);
    void add(const protocol::Member &member);
    void remove(const QString &name);
    void setTyping(const QString &name, bool typing);
    // What somebody is on the server (from "whois").
    void setUserRole(const QString &name, protocol::Role role);
    // Online, away or do not disturb (a "presence" event with change "status").
    void setStatus(const QString &name, protocol::PresenceStatus status);
    void clear();

Q_SIGNALS:
    void typingChanged(const QStringList &typing);

private:
    struct Entry
    {
        protocol::Member member;
        bool typing = false;
        std::optional<protocol::Role> role;
    };
    int insertPosition(const QString &name) const;

    QString m_room;
    QString m_self;
    QList<Entry> m_members;
};

} // namespace sori::chat
