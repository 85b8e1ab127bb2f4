// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/messageview.h"

#include "core/filecache.h"
#include "core/formatting.h"
#include "core/messagelistmodel.h"
#include "core/plaintooltip.h"
#include "ui/messagedelegate.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QMimeData>
#include <QtCore/QTimer>
#include <QtGui/QDragEnterEvent>
#include <QtGui/QDropEvent>
#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QToolTip>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
constexpr int EdgePixels = 4; // this close to an end counts as at the end
}

MessageView::MessageView(QWidget *parent) : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setUniformItemSizes(false);
    setResizeMode(Adjust);
    setSelectionMode(SingleSelection);
    setMouseTracking(true);
    setWordWrap(true);
    setAcceptDrops(true); // files dropped here go with the next message
    setDragDropMode(DropOnly);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &MessageView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &MessageView::onScrolled);
}

void MessageView::setMessages(MessageListModel *model)
{
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    setModel(model);
    m_followBottom = true;
    m_anchorRow = -1;
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int) {
                // Rows going in above the bottom: what is on screen stays where it is.
                if (m_followBottom || first != 0)
                    return;
                const QModelIndex top = indexAt(QPoint(1, 1));
                if (!top.isValid())
                    return;
                m_anchorRow = top.row();
                m_anchorTop = visualRect(top).top();
            });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                if (m_anchorRow >= 0 && first == 0)
                    m_anchorRow += last - first + 1;
            });
    // The oldest rows leaving the window (new ones came at the bottom) move nothing either.
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (m_followBottom || first != 0)
                    return;
                const QModelIndex top = indexAt(QPoint(1, 1));
                if (!top.isValid() || top.row() <= last)
                    return;
                m_anchorRow = top.row() - (last + 1);
                m_anchorTop = visualRect(top).top();
            });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_followBottom)
            return;
        QTimer::singleShot(0, this, [this] {
            scrollToBottom();
            // Still at the bottom of a window that ends before the newest: the next page.
            if (m_model && m_followBottom && m_model->hasNewer())
                m_model->requestNewer();
        });
    });
    connect(model, &MessageListModel::hasOlderChanged, this, [this] { fillUp(); });
    // The message a quote answers is in the window: there, in sight, selected.
    connect(model, &MessageListModel::seqRevealed, this, [this](qint64 seq) {
        if (!m_model)
            return;
        const int row = m_model->rowOfSeq(seq);
        if (row < 0)
            return;
        m_followBottom = false;
        m_anchorRow = -1;
        const QModelIndex index = m_model->index(row);
        setCurrentIndex(index);
        // After the rows are laid out (a new window comes in one block).
        scrollTo(index, PositionAtCenter);
        QTimer::singleShot(0, this, [this, seq] {
            if (!m_model)
                return;
            const int row = m_model->rowOfSeq(seq);
            if (row >= 0) {
                scrollTo(m_model->index(row), PositionAtCenter);
                m_followBottom = isAtBottom();
            }
        });
    });
    scrollToBottom();
    QTimer::singleShot(0, this, [this] { fillUp(); });
}

bool MessageView::isAtBottom() const
{
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - EdgePixels;
}

void MessageView::onRangeChanged(int, int max)
{
    if (m_anchorRow < 0 && m_followBottom)
        verticalScrollBar()->setValue(max);
}

void MessageView::updateGeometries()
{
    QListView::updateGeometries();
    // The rows are laid out again: put the anchored row back where it was.
    if (m_anchorRow >= 0 && m_model && m_anchorRow < m_model->rowCount()) {
        const int row = m_anchorRow;
        m_anchorRow = -1;
        const int moved = visualRect(m_model->index(row)).top() - m_anchorTop;
        verticalScrollBar()->setValue(verticalScrollBar()->value() + moved);
    }
}

void MessageView::onScrolled(int value)
{
    QScrollBar *bar = verticalScrollBar();
    m_followBottom = value >= bar->maximum() - EdgePixels;
    if (!m_model)
        return;
    if (value <= bar->minimum() + EdgePixels && bar->maximum() > 0)
        m_model->requestOlder();
    else if (m_followBottom && m_model->hasNewer())
        m_model->requestNewer();
}

void MessageView::fillUp()
{
    // Nothing to scroll: scrolling cannot ask for more, so ask now.
    if (m_model && m_model->hasOlder() && verticalScrollBar()->maximum() == 0)
        m_model->requestOlder();
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = m_followBottom;
    QListView::resizeEvent(event);
    if (atBottom)
        scrollToBottom();
    fillUp();
}

void MessageView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Rows whose text the delegate translates may change height: measure again.
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

QStyleOptionViewItem MessageView::optionFor(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

void MessageView::mouseMoveEvent(QMouseEvent *event)
{
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    const QPoint pos = event->position().toPoint();
    const bool overLink = index.isValid()
        && (formatting::isOpenableUrl(m_delegate->linkAt(optionFor(index), index, pos))
            || m_delegate->retryRect(optionFor(index), index).contains(pos)
            || m_delegate->quoteRect(optionFor(index), index).contains(pos)
            || !m_delegate->reactionAt(optionFor(index), index, pos).isEmpty()
            || m_delegate->attachmentAt(optionFor(index), index, pos) >= 0);
    viewport()->setCursor(overLink ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void MessageView::mouseReleaseEvent(QMouseEvent *event)
{
    QListView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return;
    if (m_delegate->retryRect(optionFor(index), index).contains(pos)) {
        Q_EMIT retryRequested(index.data(MessageListModel::MsgIdRole).toString());
        return;
    }
    if (m_delegate->quoteRect(optionFor(index), index).contains(pos)) {
        showMessage(index.data(MessageListModel::ReplyToRole).toLongLong());
        return;
    }
    if (const QString emoji = m_delegate->reactionAt(optionFor(index), index, pos);
        !emoji.isEmpty()) {
        bool mine = false;
        for (const QVariant &reaction : index.data(MessageListModel::ReactionsRole).toList()) {
            const QVariantMap map = reaction.toMap();
            if (map.value(u"emoji"_s).toString() == emoji)
                mine = map.value(u"mine"_s).toBool();
        }
        Q_EMIT reactionToggled(index.data(MessageListModel::SeqRole).toLongLong(), emoji, !mine);
        return;
    }
    if (const int file = m_delegate->attachmentAt(optionFor(index), index, pos); file >= 0) {
        Q_EMIT attachmentActivated(
            index.data(MessageListModel::AttachmentsRole).toList().value(file).toMap());
        return;
    }
    // Only web and mail addresses open: nothing in a message may start anything else.
    const QString link = m_delegate->linkAt(optionFor(index), index, pos);
    if (formatting::isOpenableUrl(link))
        Q_EMIT linkActivated(QUrl(link));
}

namespace {
QStringList droppedFiles(const QMimeData *data)
{
    QStringList paths;
    if (data && data->hasUrls()) {
        for (const QUrl &url : data->urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
    }
    return paths;
}
} // namespace

void MessageView::dragEnterEvent(QDragEnterEvent *event)
{
    if (droppedFiles(event->mimeData()).isEmpty())
        return QListView::dragEnterEvent(event);
    event->acceptProposedAction();
}

void MessageView::dragMoveEvent(QDragMoveEvent *event)
{
    if (droppedFiles(event->mimeData()).isEmpty())
        return QListView::dragMoveEvent(event);
    event->acceptProposedAction();
}

void MessageView::dropEvent(QDropEvent *event)
{
    const QStringList paths = droppedFiles(event->mimeData());
    if (paths.isEmpty())
        return QListView::dropEvent(event);
    event->acceptProposedAction();
    Q_EMIT filesDropped(paths);
}

void MessageView::setFileCache(FileCache *files)
{
    m_delegate->setFileCache(files);
    connect(files, &FileCache::thumbnailReady, viewport(), qOverload<>(&QWidget::update));
}

void MessageView::showMessage(qint64 seq)
{
    if (!m_model || seq <= 0)
        return;
    m_model->reveal(seq);
}

bool MessageView::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QListView::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = indexAt(help->pos());
    QString tip;
    if (index.isValid()) {
        const QStyleOptionViewItem option = optionFor(index);
        if (const QString emoji = m_delegate->reactionAt(option, index, help->pos());
            !emoji.isEmpty()) {
            // Who reacted: names as they are, never markup.
            for (const QVariant &reaction : index.data(MessageListModel::ReactionsRole).toList()) {
                const QVariantMap map = reaction.toMap();
                if (map.value(u"emoji"_s).toString() == emoji) {
                    tip = plainToolTip(tr("%1 reacted with %2")
                                           .arg(QLocale().createSeparatedList(
                                                    map.value(u"users"_s).toStringList()),
                                                emoji));
                }
            }
        } else if (m_delegate->linkAt(option, index, help->pos())
                   == MessageDelegate::editedLink()) {
            const QDateTime edited = index.data(MessageListModel::EditedRole).toDateTime();
            tip = plainToolTip(
                tr("Edited %1")
                    .arg(QLocale().toString(edited.toLocalTime(), QLocale::ShortFormat)));
        } else if (const QString link = m_delegate->linkAt(option, index, help->pos());
                   formatting::isOpenableUrl(link)) {
            tip = plainToolTip(link);
        }
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), tip, viewport());
    }
    return true;
}

void MessageView::keyPressEvent(QKeyEvent *event)
{
    // Keyboard: Home at the top loads older messages too; Enter on a failed one retries it.
    const QModelIndex index = currentIndex();
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && index.isValid()
        && index.data(MessageListModel::DeliveryRole).value<MessageListModel::Delivery>()
            == MessageListModel::Delivery::Failed) {
        Q_EMIT retryRequested(index.data(MessageListModel::MsgIdRole).toString());
        return;
    }
    QListView::keyPressEvent(event);
    if (m_model && currentIndex().row() == 0)
        m_model->requestOlder();
}

} // namespace sori::chat
