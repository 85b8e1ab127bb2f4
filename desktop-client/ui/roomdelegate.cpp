// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/roomdelegate.h"

#include "core/roomlistmodel.h"

#include <QtGui/QPainter>
#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;

namespace sori::chat {

void RoomDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = index.data(RoomListModel::KindRole).value<protocol::RoomKind>();
    const QString prefix = kind == protocol::RoomKind::Direct ? u"@"_s : u"#"_s;
    option->text = prefix + option->text;
    if (index.data(RoomListModel::UnreadRole).toInt() > 0)
        option->font.setBold(true);
    if (!index.data(RoomListModel::NotifyRole).toBool())
        option->font.setItalic(true);
}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(size.height() + 8);
    return size;
}

void RoomDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int unread = index.data(RoomListModel::UnreadRole).toInt();
    const QString badge = unread > 99 ? u"99+"_s : QString::number(unread);
    const QFontMetrics fm(opt.font);
    const int badgeWidth = unread > 0 ? std::max(fm.height(), fm.horizontalAdvance(badge) + 10) : 0;
    opt.rect.adjust(4, 0, -(badgeWidth + 6), 0);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The selection spans the whole row; the text leaves room for the badge.
    QStyleOptionViewItem background = option;
    background.text.clear();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);
    opt.backgroundBrush = Qt::NoBrush;
    opt.state &= ~QStyle::State_HasFocus;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (unread > 0) {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRect r(option.rect.right() - badgeWidth - 6,
                      option.rect.center().y() - fm.height() / 2, badgeWidth, fm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xd9, 0x30, 0x25));
        painter->drawRoundedRect(r, r.height() / 2.0, r.height() / 2.0);
        painter->setPen(Qt::white);
        QFont font = opt.font;
        font.setItalic(false);
        painter->setFont(font);
        painter->drawText(r, Qt::AlignCenter, badge);
        painter->restore();
    }
}

} // namespace sori::chat
