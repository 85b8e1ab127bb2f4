// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QStyledItemDelegate>

namespace sori::chat {

// A row of the member list: a presence dot (green: online; an orange ring: away; red with a
// bar: do not disturb; a pencil-yellow one while typing) and the name, with "away" or "do not
// disturb", else the kind of client, in small print. While this client is offline the list
// is as of the drop: grey dots and greyed names.
class MemberDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemberDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // "away", "do not disturb"; "" for online.
    static QString statusText(protocol::PresenceStatus status);
    // The small print of a row: the status if not online, else staff or the kind of client.
    static QString detailText(const QModelIndex &index);

    bool isOnline() const { return m_online; }
    void setOnline(bool online) { m_online = online; }

private:
    bool m_online = true;
};

} // namespace sori::chat
