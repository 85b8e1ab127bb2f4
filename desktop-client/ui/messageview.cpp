// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/messageview.h"

#include "core/messagelistmodel.h"
#include "ui/messagedelegate.h"

#include <QtCore/QTimer>
#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtWidgets/QScrollBar>

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
        && (!m_delegate->linkAt(optionFor(index), index, pos).isEmpty()
            || m_delegate->retryRect(optionFor(index), index).contains(pos));
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
    const QString link = m_delegate->linkAt(optionFor(index), index, pos);
    if (!link.isEmpty())
        Q_EMIT linkActivated(QUrl(link));
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
