// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QList>

namespace sori::chat {

// The rooms and direct conversations one is in, in the order they were joined, with the number
// of messages not yet seen in each.
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomListModel)

public:
    enum Roles {
        RoomRole = Qt::UserRole + 1, // QString: the room's name on the server
        KindRole, // protocol::RoomKind
        TopicRole, // QString
        UnreadRole, // int: messages not yet seen
        // protocol::NotifyLevel: what calls for attention (the account's set_notify level): all
        // messages, only mentions (and, in a direct conversation, every message), or nothing
        NotifyRole,
        PeerRole, // QString: the other person of a direct conversation
        JoinedRole, // bool: false for a direct conversation not yet started
        MentionsRole, // int: unread messages that mention this user (part of UnreadRole)
        ReadRole, // qint64: the read mark, the last seq read (0: none known)
        BadgeRole, // int: the count the badge shows, by the notification level (badge())
    };
    Q_ENUM(Roles)

    struct Entry
    {
        QString room;
        protocol::RoomKind kind = protocol::RoomKind::Public;
        QString topic;
        int unread = 0;
        protocol::NotifyLevel notify = protocol::NotifyLevel::All;
        QString peer;
        bool joined = true;
        int mentions = 0;
        qint64 read = 0;
    };

    explicit RoomListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &room) const; // -1 if not in the list
    const Entry *entry(const QString &room) const;
    QStringList rooms() const;
    // What the room's badge counts: every unread message at level All; at Mentions the unread
    // mentions (every unread message of a direct conversation); nothing at None.
    static int badge(const Entry &entry);
    // The badges added up (the window title, the tray icon).
    int totalUnread() const;
    int totalMentions() const;
    // The most a badge counts (the server caps its counts there too): "999+" beyond.
    static constexpr int MaxCount = 1000;
    static QString countText(int count);

    // Adds the room, or updates what changed.
    void upsert(const Entry &entry);
    void remove(const QString &room);
    // The same room under a new name (an admin renamed it): its row, counts and read mark stay.
    void rename(const QString &from, const QString &to);
    void addUnread(const QString &room, int count = 1);
    void clearUnread(const QString &room);
    // The counts the server gave (the "unread" event after a sign-in), or recounted.
    void setUnread(const QString &room, int unread, int mentions);
    void addMention(const QString &room);
    // The read mark only moves forward.
    void setRead(const QString &room, qint64 seq);
    void setNotify(const QString &room, protocol::NotifyLevel level);

Q_SIGNALS:
    void totalUnreadChanged(int unread);

private:
    void changed(int row, const QList<int> &roles);
    void updateTotal(); // totalUnreadChanged() if the total moved
    QList<Entry> m_rooms;
    int m_total = 0;
};

// The name of a direct conversation between two accounts, as the server names it.
QString directRoomName(const QString &a, const QString &b);
// The other person of a direct conversation, or "" if room is none of self's.
QString directPeer(const QString &room, const QString &self);

} // namespace sori::chat
