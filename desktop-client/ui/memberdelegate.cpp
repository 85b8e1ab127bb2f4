// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/memberdelegate.h"

#include "core/memberlistmodel.h"

#include <QtGui/QPainter>
#include <QtWidgets/QApplication>

namespace sori::chat {

namespace {
QString kindText(protocol::ClientKind kind)
{
    switch (kind) {
    case protocol::ClientKind::Desktop:
        return MemberDelegate::tr("desktop");
    case protocol::ClientKind::Web:
        return MemberDelegate::tr("web");
    case protocol::ClientKind::Plain:
        return MemberDelegate::tr("plain");
    case protocol::ClientKind::Other:
        break;
    }
    return {};
}
} // namespace

QString MemberDelegate::statusText(protocol::PresenceStatus status)
{
    switch (status) {
    case protocol::PresenceStatus::Away:
        return tr("away");
    case protocol::PresenceStatus::Dnd:
        return tr("do not disturb");
    case protocol::PresenceStatus::Online:
        break;
    }
    return {};
}

QString MemberDelegate::detailText(const QModelIndex &index)
{
    const QString status =
        statusText(index.data(MemberListModel::StatusRole).value<protocol::PresenceStatus>());
    if (!status.isEmpty())
        return status;
    // Staff are marked as such; everybody else with the kind of client.
    const QVariant role = index.data(MemberListModel::UserRoleRole);
    if (role.isValid() && role.value<protocol::Role>() == protocol::Role::Admin)
        return tr("admin");
    if (role.isValid() && role.value<protocol::Role>() == protocol::Role::Moderator)
        return tr("moderator");
    return kindText(index.data(MemberListModel::ClientKindRole).value<protocol::ClientKind>());
}

QSize MemberDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height()) + 6);
    return size;
}

void MemberDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    QStyleOptionViewItem background = opt;
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int dot = opt.fontMetrics.height() / 2;
    const QRect r = opt.rect.adjusted(6, 0, -4, 0);
    const bool typing = index.data(MemberListModel::TypingRole).toBool();
    const auto status = index.data(MemberListModel::StatusRole).value<protocol::PresenceStatus>();
    const QRect dotRect(r.left(), r.center().y() - dot / 2, dot, dot);
    painter->setPen(Qt::NoPen);
    if (!m_online) {
        painter->setBrush(opt.palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawEllipse(dotRect);
    } else if (typing || status == protocol::PresenceStatus::Online) {
        painter->setBrush(typing ? QColor(0xe0, 0xa1, 0x00) : QColor(0x2e, 0xa0, 0x43));
        painter->drawEllipse(dotRect);
    } else if (status == protocol::PresenceStatus::Away) {
        painter->setPen(QPen(QColor(0xd9, 0x7a, 0x00), std::max(2, dot / 4)));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QRectF(dotRect).adjusted(1, 1, -1, -1));
    } else {
        painter->setBrush(QColor(0xd9, 0x30, 0x25));
        painter->drawEllipse(dotRect);
        painter->setBrush(Qt::white);
        const int bar = std::max(1, dot / 5);
        painter->drawRect(
            QRect(dotRect.left() + dot / 4, dotRect.center().y() - bar / 2, dot - dot / 2, bar));
    }

    const bool selected = opt.state & QStyle::State_Selected;
    QFont font = opt.font;
    font.setBold(index.data(MemberListModel::SelfRole).toBool());
    painter->setFont(font);
    const QPalette::ColorGroup group = m_online ? QPalette::Active : QPalette::Disabled;
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const QRect textRect = r.adjusted(dot + 8, 0, 0, 0);
    const QString name = index.data(MemberListModel::NameRole).toString();
    const QFontMetrics fm(font);
    const QString kind = detailText(index);
    const int kindWidth = kind.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(kind) + 8;
    painter->drawText(textRect.adjusted(0, 0, -kindWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(name, Qt::ElideRight, textRect.width() - kindWidth));
    if (!kind.isEmpty()) {
        QFont small = opt.font;
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
        painter->setFont(small);
        painter->setPen(
            opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, kind);
    }
    painter->restore();
}

} // namespace sori::chat
