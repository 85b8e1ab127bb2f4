// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/roomdelegate.h"

#include "core/roomlistmodel.h"

#include <QtGui/QPainter>
#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
QString kindText(protocol::RoomKind kind)
{
    switch (kind) {
    case protocol::RoomKind::Private:
        return RoomDelegate::tr("private");
    case protocol::RoomKind::Announcement:
        return RoomDelegate::tr("announcements");
    case protocol::RoomKind::Public:
    case protocol::RoomKind::Direct:
        break;
    }
    return {};
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setBold(false);
    small.setItalic(false);
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    return small;
}
} // namespace

void RoomDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = index.data(RoomListModel::KindRole).value<protocol::RoomKind>();
    const QString prefix = kind == protocol::RoomKind::Direct ? u"@"_s : u"#"_s;
    option->text = prefix + option->text;
    if (index.data(RoomListModel::UnreadRole).toInt() > 0)
        option->font.setBold(true);
    // A room that calls for nothing: its name in italics, and bold (unread) the only quiet mark
    // of news; no badge.
    if (index.data(RoomListModel::NotifyRole).value<protocol::NotifyLevel>()
        == protocol::NotifyLevel::None)
        option->font.setItalic(true);
}

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(size.height() + 8);
    return size;
}

RoomDelegate::Layout RoomDelegate::layout(const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    // The same margins as the style's own item text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect content = option.rect.adjusted(4 + margin, 0, -6, 0);
    const QFontMetrics fm(opt.font);

    Layout result;
    // The badge counts what calls for attention at the room's notification level.
    const auto level = index.data(RoomListModel::NotifyRole).value<protocol::NotifyLevel>();
    const bool direct = index.data(RoomListModel::KindRole).value<protocol::RoomKind>()
        == protocol::RoomKind::Direct;
    const int unread = level == protocol::NotifyLevel::All || direct
        ? index.data(RoomListModel::BadgeRole).toInt()
        : 0;
    int right = content.right();
    if (unread > 0) {
        result.badge = RoomListModel::countText(unread);
        const int badgeWidth = std::max(fm.height(), fm.horizontalAdvance(result.badge) + 10);
        result.badgeRect =
            QRect(option.rect.right() - badgeWidth - 6, option.rect.center().y() - fm.height() / 2,
                  badgeWidth, fm.height());
        right = result.badgeRect.left() - 6;
    }
    if (const int mentions = level == protocol::NotifyLevel::None
            ? 0
            : index.data(RoomListModel::MentionsRole).toInt();
        mentions > 0) {
        result.mentionBadge = u"@"_s + RoomListModel::countText(mentions);
        const int width = std::max(fm.height(), fm.horizontalAdvance(result.mentionBadge) + 10);
        result.mentionRect = QRect(right - width + 1, option.rect.center().y() - fm.height() / 2,
                                   width, fm.height());
        right = result.mentionRect.left() - 6;
    }
    const int available = std::max(0, right - content.left() + 1);
    const int nameWidth = fm.horizontalAdvance(opt.text);
    if (nameWidth > available) {
        result.name = fm.elidedText(opt.text, Qt::ElideRight, available);
        result.nameRect = QRect(content.left(), option.rect.top(), available, option.rect.height());
        return result;
    }
    result.name = opt.text;
    result.nameRect = QRect(content.left(), option.rect.top(), nameWidth, option.rect.height());

    const QString kind = kindText(index.data(RoomListModel::KindRole).value<protocol::RoomKind>());
    const int gap = fm.averageCharWidth();
    const int kindSpace = available - nameWidth - gap;
    if (kind.isEmpty() || kindSpace <= 0)
        return result;
    const QFontMetrics small(smallFont(opt.font));
    const QString shown = small.elidedText(kind, Qt::ElideRight, kindSpace);
    if (shown.size() < 4) // "p…" says nothing
        return result;
    result.kind = shown;
    const int kindWidth = small.horizontalAdvance(shown);
    result.kindRect =
        QRect(right - kindWidth + 1, option.rect.top(), kindWidth, option.rect.height());
    return result;
}

void RoomDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout parts = layout(option, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The selection spans the whole row.
    QStyleOptionViewItem background = option;
    background.text.clear();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &background, painter, widget);

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                ? QPalette::Normal
                                                                            : QPalette::Inactive;
    painter->setFont(opt.font);
    painter->setPen(
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(parts.nameRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                      parts.name);
    if (!parts.kind.isEmpty()) {
        painter->setFont(smallFont(opt.font));
        painter->setPen(opt.palette.color(
            group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(parts.kindRect, Qt::AlignRight | Qt::AlignVCenter | Qt::TextSingleLine,
                          parts.kind);
    }
    // Unread messages in a quiet blue; those that mention the user in red, beside them.
    const auto drawBadge = [&](const QRectF &r, const QString &text, const QColor &color) {
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawRoundedRect(r, r.height() / 2.0, r.height() / 2.0);
        painter->setPen(Qt::white);
        QFont font = opt.font;
        font.setItalic(false);
        painter->setFont(font);
        painter->drawText(r, Qt::AlignCenter, text);
    };
    if (!parts.badge.isEmpty())
        drawBadge(parts.badgeRect, parts.badge, QColor(0x3d, 0x6b, 0xb3));
    if (!parts.mentionBadge.isEmpty())
        drawBadge(parts.mentionRect, parts.mentionBadge, QColor(0xd9, 0x30, 0x25));
    painter->restore();
}

} // namespace sori::chat
