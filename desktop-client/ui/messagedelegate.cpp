// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/messagedelegate.h"

#include "core/filecache.h"
#include "core/formatting.h"
#include "core/messagelistmodel.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtGui/QAbstractTextDocumentLayout>
#include <QtGui/QPainter>
#include <QtGui/QTextDocument>
#include <QtWidgets/QAbstractItemView>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
constexpr int HMargin = 10;
constexpr int GroupTopMargin = 6;
constexpr int BottomMargin = 2;
constexpr int MarkWidth = 22; // the column of delivery marks on the right
constexpr int DayMargin = 4; // above and below the words of a day separator
constexpr int ChipPadding = 6; // inside a reaction chip, left and right
constexpr int ChipSpacing = 4;
// The colours that make a message stand out: it mentions the reader; one's own reaction.
const QColor MentionTint(0xf5, 0xb7, 0x00, 40);
const QColor MentionBar(0xe0, 0x9b, 0x00);
const QColor OwnReaction(0x2f, 0x6f, 0xde);

QString chipText(const QVariantMap &reaction)
{
    return reaction.value(u"emoji"_s).toString() + u' '
        + QString::number(reaction.value(u"count"_s).toInt());
}

using Delivery = MessageListModel::Delivery;

bool failed(const QModelIndex &index)
{
    return index.data(MessageListModel::DeliveryRole).value<Delivery>() == Delivery::Failed;
}
} // namespace

struct MessageDelegate::Layout
{
    QRect day; // the day separator (empty when the row's day is the previous row's)
    QRect header; // sender and time (empty when the row continues a group)
    QRect quote; // what a reply answers
    QRect text;
    QList<QRect> files; // attached files, in their order
    QList<std::pair<QRect, QString>> chips; // reactions, by emoji
    QRect mark;
    QRect failure; // "Not sent: ... Retry"
    QRect retry;
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent), m_document(std::make_unique<QTextDocument>())
{
    m_document->setDocumentMargin(0);
    m_document->setDefaultStyleSheet(u"a { color: palette(link); }"_s);
}

MessageDelegate::~MessageDelegate() = default;

QString MessageDelegate::toHtml(const QString &text)
{
    // Built from the parsed tokens: every character typed is escaped, only the formatting of the
    // spec (docs/protocol.md) becomes markup.
    return formatting::toRichText(formatting::parse(text));
}

void MessageDelegate::prepareDocument(const QStyleOptionViewItem &option, const QModelIndex &index,
                                      int width) const
{
    m_document->setDefaultFont(option.font);
    if (index.data(MessageListModel::DeletedRole).toBool()) {
        m_document->setHtml(u"<p style=\"margin: 0\"><i>%1</i></p>"_s.arg(
            tr("This message was deleted.").toHtmlEscaped()));
    } else {
        const auto *model = qobject_cast<const MessageListModel *>(index.model());
        const auto blocks =
            formatting::parse(index.data(MessageListModel::TextRole).toString(),
                              index.data(MessageListModel::MentionsRole).toStringList(),
                              model ? model->ownName() : QString());
        // "(edited)" after the text, a link of the app's own whose tooltip says when.
        QString suffix;
        if (index.data(MessageListModel::EditedRole).toDateTime().isValid()) {
            suffix = u"<a href=\"%1\" style=\"color:%2; text-decoration:none\">"
                     "<span style=\"font-size:small\">%3</span></a>"_s.arg(
                         editedLink(), option.palette.color(QPalette::PlaceholderText).name(),
                         tr("(edited)").toHtmlEscaped());
        }
        m_document->setHtml(formatting::toRichText(blocks, {}, suffix));
    }
    m_document->setTextWidth(width);
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    Layout l;
    const QRect r = option.rect;
    const QFontMetrics fm(option.font);
    const bool first = index.data(MessageListModel::FirstInGroupRole).toBool();
    int y = r.top() + (first ? GroupTopMargin : 0);
    const int left = r.left() + HMargin;
    const int width = std::max(40, r.width() - 2 * HMargin - MarkWidth);
    if (!index.data(MessageListModel::DayRole).toString().isEmpty()) {
        l.day = QRect(left, y, width, fm.height() + 2 * DayMargin);
        y += l.day.height() + 2;
    }
    if (first) {
        l.header = QRect(left, y, width, fm.height());
        y += fm.height() + 1;
    }
    if (index.data(MessageListModel::ReplyToRole).toLongLong() > 0
        && !index.data(MessageListModel::DeletedRole).toBool()) {
        l.quote = QRect(left, y + 1, width, fm.height() + 6);
        y += l.quote.height() + 3;
    }
    // The text's height, cached: laying out a document for every row costs.
    const QString text = index.data(MessageListModel::TextRole).toString();
    const bool deleted = index.data(MessageListModel::DeletedRole).toBool();
    const bool edited = index.data(MessageListModel::EditedRole).toDateTime().isValid();
    // Mentions are drawn in a heavier weight: they may change the wrapping.
    const QString mentions = index.data(MessageListModel::MentionsRole).toStringList().join(u' ');
    const quint64 key = (quint64(qHash(text)) << 20) ^ (quint64(width) << 2)
        ^ quint64(qHash(option.font.key())) ^ (deleted ? 1 : 0) ^ (edited ? 2 : 0)
        ^ (quint64(qHash(mentions)) << 7);
    const QVariantList files = index.data(MessageListModel::AttachmentsRole).toList();
    int height = 0;
    if (text.isEmpty() && !deleted && !files.isEmpty()) {
        height = 0; // only files: no empty line above them
    } else if (const int *cached = m_heights.object(key)) {
        height = *cached;
    } else {
        prepareDocument(option, index, width);
        height = int(std::ceil(m_document->size().height()));
        m_heights.insert(key, new int(height));
    }
    l.text = QRect(left, y, width, height);
    y += height;
    // The files under the text, one under the other.
    for (const QVariant &file : files) {
        const QVariantMap map = file.toMap();
        y += 4;
        QRect rect;
        if (map.value(u"thumbnail"_s).toBool()) {
            rect = QRect(QPoint(left, y), thumbnailSize(map, width));
        } else {
            const int chipWidth =
                fm.horizontalAdvance(fileLabel(map)) + 2 * ChipPadding + fm.height() + 4;
            rect = QRect(left, y, std::min(width, chipWidth), fm.height() + 10);
        }
        l.files.append(rect);
        y += rect.height();
    }
    // Reaction chips under the text, as many on a line as fit.
    const QVariantList reactions = index.data(MessageListModel::ReactionsRole).toList();
    if (!reactions.isEmpty()) {
        y += 3;
        int x = left;
        const int chipHeight = fm.height() + 4;
        for (const QVariant &reaction : reactions) {
            const QVariantMap map = reaction.toMap();
            const int chipWidth = fm.horizontalAdvance(chipText(map)) + 2 * ChipPadding;
            if (x > left && x + chipWidth > left + width) {
                x = left;
                y += chipHeight + ChipSpacing;
            }
            l.chips.append({QRect(x, y, chipWidth, chipHeight), map.value(u"emoji"_s).toString()});
            x += chipWidth + ChipSpacing;
        }
        y += chipHeight;
    }
    l.mark = QRect(r.right() - MarkWidth - HMargin / 2, l.text.top(), MarkWidth, fm.height());
    if (failed(index)) {
        const QString retry = tr("Retry");
        const int retryWidth = fm.horizontalAdvance(retry) + 12;
        l.failure = QRect(left, y + 2, width - retryWidth, fm.height());
        l.retry = QRect(left + width - retryWidth, y + 2, retryWidth, fm.height());
    }
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The view's width decides the wrapping.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        opt.rect = QRect(0, 0, view->viewport()->width(), 0);
    const Layout l = layout(opt, index);
    int bottom = std::max({l.text.bottom(), l.failure.bottom(), l.retry.bottom()});
    if (!l.chips.isEmpty())
        bottom = std::max(bottom, l.chips.last().first.bottom());
    if (!l.files.isEmpty())
        bottom = std::max(bottom, l.files.last().bottom());
    return QSize(opt.rect.width(), bottom + 1 + BottomMargin);
}

QString MessageDelegate::badgeText(const QVariant &badge)
{
    switch (badge.value<MessageListModel::Badge>()) {
    case MessageListModel::Badge::None:
        break;
    case MessageListModel::Badge::Guest:
        return tr("guest");
    case MessageListModel::Badge::Moderator:
        return tr("mod", "a moderator's badge");
    case MessageListModel::Badge::Admin:
        return tr("admin", "an admin's badge");
    }
    return {};
}

QColor MessageDelegate::senderColor(const QString &sender, bool own) const
{
    if (own)
        return QColor(0x2f, 0x6f, 0xde);
    // A steady colour per name, dark enough to read on a light background.
    static const QColor colors[] = {{0xb0, 0x3a, 0x2e}, {0x1e, 0x84, 0x49}, {0x8e, 0x44, 0xad},
                                    {0xb9, 0x77, 0x0e}, {0x11, 0x7a, 0x8b}, {0xa9, 0x32, 0x6b}};
    return colors[qHash(sender.toCaseFolded()) % std::size(colors)];
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout l = layout(opt, index);
    const bool own = index.data(MessageListModel::OwnRole).toBool();
    const bool deleted = index.data(MessageListModel::DeletedRole).toBool();
    const auto delivery = index.data(MessageListModel::DeliveryRole).value<Delivery>();

    painter->save();
    painter->setClipRect(opt.rect);
    if (!l.day.isNull())
        paintDay(painter, opt, index, l.day);
    const QRect message =
        l.day.isNull() ? opt.rect : opt.rect.adjusted(0, l.day.bottom() + 1 - opt.rect.top(), 0, 0);
    paintBackground(painter, opt, own, message);
    // A message that mentions the reader stands out: tinted, with a bar at its left.
    if (index.data(MessageListModel::MentionsMeRole).toBool() && !deleted) {
        painter->fillRect(message, MentionTint);
        painter->fillRect(QRect(message.left(), message.top(), 3, message.height()), MentionBar);
    }
    if (!l.header.isNull())
        paintHeader(painter, opt, index, l.header, own);
    if (!l.quote.isNull())
        paintQuote(painter, opt, index, l.quote);
    if (!l.chips.isEmpty())
        paintReactions(painter, opt, index, l);
    paintText(painter, opt, index, l.text, deleted || delivery == Delivery::Pending);
    if (!l.files.isEmpty())
        paintFiles(painter, opt, index, l, delivery == Delivery::Pending);
    if (own && !deleted)
        paintMark(painter, opt, index, l);
    painter->restore();
}

// The day in the middle of a thin line across the view.
void MessageDelegate::paintDay(QPainter *painter, const QStyleOptionViewItem &opt,
                               const QModelIndex &index, const QRect &day) const
{
    const QString words = index.data(MessageListModel::DayRole).toString();
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics fm(bold);
    const int textWidth = std::min(fm.horizontalAdvance(words) + 16, day.width());
    const QRect text(day.center().x() - textWidth / 2, day.top(), textWidth, day.height());
    const int y = day.center().y();
    painter->setPen(opt.palette.color(QPalette::Mid));
    painter->drawLine(day.left(), y, text.left(), y);
    painter->drawLine(text.right(), y, day.right(), y);
    painter->setFont(bold);
    painter->setPen(opt.palette.color(QPalette::PlaceholderText));
    painter->drawText(text, Qt::AlignCenter, fm.elidedText(words, Qt::ElideRight, textWidth));
    painter->setFont(opt.font);
}

// Own messages tinted, the selected one highlighted, the focused one outlined.
void MessageDelegate::paintBackground(QPainter *painter, const QStyleOptionViewItem &opt, bool own,
                                      const QRect &rect) const
{
    const QPalette &palette = opt.palette;
    if (opt.state & QStyle::State_Selected) {
        QColor highlight = palette.color(QPalette::Highlight);
        highlight.setAlpha(50);
        painter->fillRect(rect, highlight);
    } else if (own) {
        painter->fillRect(rect, QColor(0x2f, 0x6f, 0xde, 18));
    }
    if (opt.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->drawRect(rect.adjusted(0, 0, -1, -1));
    }
}

// The sender in bold in their colour, then the time of day (the day separator above says
// which day).
void MessageDelegate::paintHeader(QPainter *painter, const QStyleOptionViewItem &opt,
                                  const QModelIndex &index, const QRect &header, bool own) const
{
    const QString sender = index.data(MessageListModel::SenderRole).toString();
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(senderColor(sender, own));
    const QFontMetrics bfm(bold);
    const QString name = bfm.elidedText(sender, Qt::ElideRight, header.width() / 2);
    painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, name);
    painter->setFont(opt.font);
    int after = bfm.horizontalAdvance(name) + 8;
    // The badge: staff filled in their colour, a guest only outlined and grey, so that no name
    // a guest picks reads like staff.
    const auto badge = index.data(MessageListModel::BadgeRole);
    if (const QString words = badgeText(badge); !words.isEmpty()) {
        QFont small = opt.font;
        if (opt.font.pointSizeF() > 0)
            small.setPointSizeF(opt.font.pointSizeF() * 0.85);
        const QFontMetrics sfm(small);
        const QRect box(header.left() + after, header.top() + 1, sfm.horizontalAdvance(words) + 8,
                        header.height() - 2);
        const bool guest = badge.value<MessageListModel::Badge>() == MessageListModel::Badge::Guest;
        const QColor color = guest ? opt.palette.color(QPalette::PlaceholderText)
            : badge.value<MessageListModel::Badge>() == MessageListModel::Badge::Admin
            ? QColor(0xb0, 0x3a, 0x2e)
            : QColor(0x1e, 0x84, 0x49);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(color, 1));
        painter->setBrush(guest ? QBrush(Qt::NoBrush) : QBrush(color));
        painter->drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
        painter->setFont(small);
        painter->setPen(guest ? color : QColor(Qt::white));
        painter->drawText(box, Qt::AlignCenter, words);
        painter->setFont(opt.font);
        after += box.width() + 6;
    }
    painter->setPen(opt.palette.color(QPalette::PlaceholderText));
    const QDateTime time = index.data(MessageListModel::TimeRole).toDateTime();
    const QLocale locale;
    const QString when = locale.toString(time.time(), QLocale::ShortFormat);
    painter->drawText(header.adjusted(after, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, when);
}

// What a reply answers: a bar, the sender in bold and the start of the text, on one line.
void MessageDelegate::paintQuote(QPainter *painter, const QStyleOptionViewItem &opt,
                                 const QModelIndex &index, const QRect &quote) const
{
    const QStringList quoted = index.data(MessageListModel::QuoteRole).toStringList();
    QColor back = opt.palette.color(QPalette::PlaceholderText);
    back.setAlpha(25);
    painter->fillRect(quote, back);
    painter->fillRect(QRect(quote.left(), quote.top(), 3, quote.height()),
                      opt.palette.color(QPalette::PlaceholderText));
    const QRect inner = quote.adjusted(9, 0, -4, 0);
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics bfm(bold);
    const QFontMetrics fm(opt.font);
    int x = inner.left();
    if (quoted.size() == 2) {
        const QString from = bfm.elidedText(quoted.at(0), Qt::ElideRight, inner.width() / 3);
        painter->setFont(bold);
        painter->setPen(senderColor(quoted.at(0), false));
        painter->drawText(QRect(x, inner.top(), inner.width(), inner.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, from);
        x += bfm.horizontalAdvance(from) + 6;
    }
    // The quoted text as plain text on one line (drawText never reads markup).
    QString text = quoted.size() == 2 ? quoted.at(1).simplified() : tr("Loading…");
    painter->setFont(opt.font);
    if (quoted.size() == 2 && text.isEmpty()) {
        QFont italic = opt.font;
        italic.setItalic(true);
        painter->setFont(italic);
        text = tr("This message was deleted.");
    }
    painter->setPen(opt.palette.color(QPalette::PlaceholderText));
    painter->drawText(QRect(x, inner.top(), inner.right() - x, inner.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(text, Qt::ElideRight, std::max(0, inner.right() - x)));
    painter->setFont(opt.font);
}

// Reactions: a rounded chip for each emoji with its count, one's own outlined in blue.
void MessageDelegate::paintReactions(QPainter *painter, const QStyleOptionViewItem &opt,
                                     const QModelIndex &index, const Layout &l) const
{
    const QVariantList reactions = index.data(MessageListModel::ReactionsRole).toList();
    painter->setRenderHint(QPainter::Antialiasing);
    for (qsizetype i = 0; i < reactions.size() && i < l.chips.size(); ++i) {
        const QVariantMap map = reactions.at(i).toMap();
        const QRectF chip = QRectF(l.chips.at(i).first).adjusted(0.5, 0.5, -0.5, -0.5);
        const bool mine = map.value(u"mine"_s).toBool();
        QColor fill = mine ? OwnReaction : opt.palette.color(QPalette::PlaceholderText);
        fill.setAlpha(mine ? 40 : 22);
        painter->setPen(QPen(mine ? OwnReaction : opt.palette.color(QPalette::Mid), 1));
        painter->setBrush(fill);
        painter->drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
        painter->setPen(mine ? OwnReaction : opt.palette.color(QPalette::Text));
        painter->drawText(l.chips.at(i).first, Qt::AlignCenter, chipText(map));
    }
    painter->setBrush(Qt::NoBrush);
}

// The text (dimmed when deleted or still on its way), links and all.
void MessageDelegate::paintText(QPainter *painter, const QStyleOptionViewItem &opt,
                                const QModelIndex &index, const QRect &text, bool dimmed) const
{
    prepareDocument(opt, index, text.width());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text,
                             dimmed ? opt.palette.color(QPalette::PlaceholderText)
                                    : opt.palette.color(QPalette::Text));
    painter->translate(text.topLeft());
    m_document->documentLayout()->draw(painter, context);
    painter->translate(-text.topLeft());
}

// Own messages: a mark for where they are; a failed one also says why, with "Retry".
void MessageDelegate::paintMark(QPainter *painter, const QStyleOptionViewItem &opt,
                                const QModelIndex &index, const Layout &l) const
{
    const QPalette &palette = opt.palette;
    const auto delivery = index.data(MessageListModel::DeliveryRole).value<Delivery>();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPointF c = QRectF(l.mark).center();
    const qreal r = std::min(l.mark.height(), l.mark.width()) / 3.0;
    switch (delivery) {
    case Delivery::Pending: // a clock: on its way
        painter->setPen(QPen(palette.color(QPalette::PlaceholderText), 1.3));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(c, r, r);
        painter->drawLine(c, c + QPointF(0, -r * 0.7));
        painter->drawLine(c, c + QPointF(r * 0.5, 0));
        break;
    case Delivery::Delivered: // a tick: stored by the server
        painter->setPen(QPen(QColor(0x1e, 0x84, 0x49), 1.6));
        painter->drawLine(c + QPointF(-r, 0), c + QPointF(-r * 0.3, r * 0.7));
        painter->drawLine(c + QPointF(-r * 0.3, r * 0.7), c + QPointF(r, -r * 0.7));
        break;
    case Delivery::Failed: { // a red disc with "!"
        const QColor red(0xd9, 0x30, 0x25);
        painter->setPen(Qt::NoPen);
        painter->setBrush(red);
        painter->drawEllipse(c, r * 1.2, r * 1.2);
        painter->setPen(QPen(Qt::white, 1.6));
        painter->drawLine(c + QPointF(0, -r * 0.6), c + QPointF(0, r * 0.15));
        painter->drawPoint(c + QPointF(0, r * 0.6));
        painter->setPen(red);
        const QString reason = index.data(MessageListModel::ErrorRole).toString();
        const QFontMetrics fm(opt.font);
        painter->drawText(
            l.failure, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(tr("Not sent: %1").arg(reason), Qt::ElideRight, l.failure.width()));
        painter->setPen(palette.color(QPalette::Link));
        QFont underlined = opt.font;
        underlined.setUnderline(true);
        painter->setFont(underlined);
        painter->drawText(l.retry, Qt::AlignCenter, tr("Retry"));
        break;
    }
    }
}

QString MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &pos) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout l = layout(opt, index);
    if (!l.text.contains(pos) || index.data(MessageListModel::DeletedRole).toBool())
        return {};
    prepareDocument(opt, index, l.text.width());
    return m_document->documentLayout()->anchorAt(pos - l.text.topLeft());
}

const QTextDocument *MessageDelegate::document(const QStyleOptionViewItem &option,
                                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    prepareDocument(opt, index, layout(opt, index).text.width());
    return m_document.get();
}

QString MessageDelegate::editedLink()
{
    return u"sori-edited:"_s;
}

QString MessageDelegate::reactionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                    const QPoint &pos) const
{
    for (const auto &[rect, emoji] : reactionRects(option, index)) {
        if (rect.contains(pos))
            return emoji;
    }
    return {};
}

QList<std::pair<QRect, QString>> MessageDelegate::reactionRects(const QStyleOptionViewItem &option,
                                                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return layout(opt, index).chips;
}

QRect MessageDelegate::quoteRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return layout(opt, index).quote;
}

QSize MessageDelegate::thumbnailSize(const QVariantMap &file, int width)
{
    QSize size(file.value(u"width"_s).toInt(), file.value(u"height"_s).toInt());
    if (size.isEmpty())
        size = QSize(200, 150); // not known: a placeholder of a common shape
    return size.scaled(size.boundedTo(QSize(std::min(320, std::max(width, 40)), 240)),
                       Qt::KeepAspectRatio);
}

QString MessageDelegate::fileLabel(const QVariantMap &file)
{
    return tr("%1 · %2", "a file's name and size")
        .arg(file.value(u"name"_s).toString(),
             QLocale().formattedDataSize(file.value(u"size"_s).toLongLong()));
}

// Images as their thumbnails (a placeholder with the name until it is here), other files as a
// chip: a document mark, the name and the size. Everything from the sender is drawn as text.
void MessageDelegate::paintFiles(QPainter *painter, const QStyleOptionViewItem &opt,
                                 const QModelIndex &index, const Layout &l, bool dimmed) const
{
    const QVariantList files = index.data(MessageListModel::AttachmentsRole).toList();
    const QFontMetrics fm(opt.font);
    painter->setRenderHint(QPainter::Antialiasing);
    if (dimmed)
        painter->setOpacity(0.6);
    for (int i = 0; i < l.files.size() && i < files.size(); ++i) {
        const QVariantMap file = files.at(i).toMap();
        const QRect rect = l.files.at(i);
        const QString name = file.value(u"name"_s).toString();
        if (file.value(u"thumbnail"_s).toBool()) {
            const QImage image =
                m_files ? m_files->thumbnail(file.value(u"id"_s).toString()) : QImage();
            if (!image.isNull()) {
                painter->drawImage(rect, image);
            } else {
                painter->fillRect(rect, opt.palette.color(QPalette::Midlight));
                painter->setPen(opt.palette.color(QPalette::PlaceholderText));
                painter->drawText(rect.adjusted(6, 6, -6, -6), Qt::AlignCenter | Qt::TextWordWrap,
                                  fm.elidedText(name, Qt::ElideMiddle, rect.width() - 12));
            }
            painter->setPen(opt.palette.color(QPalette::Mid));
            painter->setBrush(Qt::NoBrush);
            painter->drawRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5));
            continue;
        }
        painter->setPen(opt.palette.color(QPalette::Mid));
        painter->setBrush(opt.palette.color(QPalette::Button));
        painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        // A document: a page with a folded corner.
        const int side = fm.height();
        const QRect page(rect.left() + ChipPadding, rect.center().y() - side / 2, side * 3 / 4,
                         side);
        painter->setBrush(opt.palette.color(QPalette::Base));
        painter->drawRect(page);
        painter->drawLine(page.right() - side / 4, page.top(), page.right(), page.top() + side / 4);
        painter->setPen(opt.palette.color(QPalette::ButtonText));
        const QRect label = rect.adjusted(ChipPadding + side + 4, 0, -ChipPadding, 0);
        painter->drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(fileLabel(file), Qt::ElideMiddle, label.width()));
    }
    painter->setOpacity(1.0);
}

QList<QRect> MessageDelegate::attachmentRects(const QStyleOptionViewItem &option,
                                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return layout(opt, index).files;
}

int MessageDelegate::attachmentAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                  const QPoint &pos) const
{
    const QList<QRect> rects = attachmentRects(option, index);
    for (int i = 0; i < rects.size(); ++i) {
        if (rects.at(i).contains(pos))
            return i;
    }
    return -1;
}

QRect MessageDelegate::retryRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!failed(index) || !index.data(MessageListModel::OwnRole).toBool())
        return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return layout(opt, index).retry;
}

} // namespace sori::chat
