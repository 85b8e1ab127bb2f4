// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace sori::chat {

// A row of the room list: "#room" (or "@person"), bold with an unread badge when there is
// something new (and a red "@" badge counting the messages that mention the user), a small label
// for private and announcement rooms. By the room's notification level: at "mentions" only the
// "@" badge (a direct conversation keeps its count); at "none" no badge, the name in italics.
class RoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Where a row's parts go. The name comes first: the kind label gets what is left after the
    // name and the badge (elided, or left out), and the name is elided only when it alone does
    // not fit beside the badge.
    struct Layout
    {
        QString name; // as painted ("#news", elided only if it must be)
        QRect nameRect;
        QString kind; // "private", "announcements" or "" (elided, or left out when cramped)
        QRect kindRect;
        QString badge; // the unread count ("999+" beyond), "" if none
        QRect badgeRect;
        QString mentionBadge; // "@" and the unread mentions, "" if none; left of the badge
        QRect mentionRect;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace sori::chat
