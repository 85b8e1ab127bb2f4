// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/messagemarks.h"

#include "core/chatsession.h"
#include "core/messagelistmodel.h"
#include "ui/messageview.h"

#include <QtCore/QEvent>
#include <QtCore/QTimer>
#include <QtGui/QPainter>
#include <QtWidgets/QScrollBar>

namespace sori::chat {

namespace {
const QColor LineColor(0xd9, 0x30, 0x25);
const QColor HighlightColor(0xff, 0xd8, 0x4d);
} // namespace

MessageMarks::MessageMarks(MessageView *view, ChatSession *session)
    : QWidget(view), m_view(view), m_viewport(view->viewport()), m_session(session)
{
    setObjectName(QStringLiteral("messageMarks"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::NoFocus);
    m_viewport->installEventFilter(this);
    setGeometry(m_viewport->geometry());
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            qOverload<>(&QWidget::update));
    connect(m_session, &ChatSession::currentRoomChanged, this, &MessageMarks::follow);
    connect(m_session, &ChatSession::newMessagesLineChanged, this, qOverload<>(&QWidget::update));
    connect(m_session, &ChatSession::highlightRequested, this, [this](const QString &room, qint64) {
        if (room != m_session->currentRoom())
            return;
        follow();
        // After the view's own scrolling to the bottom for the rows just put in.
        QTimer::singleShot(0, this, &MessageMarks::scrollToHighlight);
        QTimer::singleShot(100, this, &MessageMarks::scrollToHighlight);
    });
    follow();
    raise();
}

QString MessageMarks::lineText()
{
    return tr("New messages");
}

void MessageMarks::follow()
{
    // The view may have been given the room's model after the session said so.
    QTimer::singleShot(0, this, [this] {
        MessageListModel *model = m_view->messages();
        if (model != m_model) {
            if (m_model)
                m_model->disconnect(this);
            m_model = model;
            if (model) {
                for (const auto signal :
                     {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
                    connect(model, signal, this, qOverload<>(&QWidget::update));
                connect(model, &QAbstractItemModel::dataChanged, this,
                        qOverload<>(&QWidget::update));
                connect(model, &QAbstractItemModel::modelReset, this,
                        qOverload<>(&QWidget::update));
            }
        }
        update();
    });
}

int MessageMarks::lineRow() const
{
    MessageListModel *model = m_view->messages();
    if (!model)
        return -1;
    const qint64 after = m_session->newMessagesAfter(model->room());
    if (after <= 0)
        return -1;
    // Only when the window reaches back to the read mark: otherwise the first new message is
    // not loaded, and the top row would be a wrong place.
    if (model->hasOlder() && model->firstSeq() > after)
        return -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        const MessageListModel::Entry &e = model->entry(row);
        if (e.seq > after && !model->index(row).data(MessageListModel::OwnRole).toBool())
            return row;
    }
    return -1;
}

int MessageMarks::highlightRow() const
{
    MessageListModel *model = m_view->messages();
    if (!model)
        return -1;
    const qint64 seq = m_session->highlightedSeq(model->room());
    return seq > 0 ? model->rowOfSeq(seq) : -1;
}

void MessageMarks::scrollToHighlight()
{
    const int row = highlightRow();
    if (row >= 0 && m_view->model())
        m_view->scrollTo(m_view->model()->index(row, 0), QAbstractItemView::PositionAtCenter);
    update();
}

bool MessageMarks::eventFilter(QObject *watched, QEvent *event)
{
    // Only the viewport itself is used here: while the view is destroyed its viewport still
    // sends events, and the view is no longer a QAbstractScrollArea then.
    if (watched == m_viewport
        && (event->type() == QEvent::Resize || event->type() == QEvent::Move)) {
        setGeometry(m_viewport->geometry());
        raise();
    }
    return QWidget::eventFilter(watched, event);
}

void MessageMarks::paintEvent(QPaintEvent *)
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    QPainter painter(this);
    // The viewport and this layer share their geometry: the view's rectangles are ours.
    if (const int row = highlightRow(); row >= 0) {
        const QRect r = m_view->visualRect(model->index(row, 0));
        if (r.intersects(rect())) {
            QColor fill = HighlightColor;
            fill.setAlpha(70);
            painter.fillRect(r, fill);
            painter.setPen(QPen(HighlightColor.darker(130), 2));
            painter.drawRect(r.adjusted(1, 1, -1, -1));
        }
    }
    if (const int row = lineRow(); row >= 0) {
        const QRect r = m_view->visualRect(model->index(row, 0));
        if (r.top() >= -1 && r.top() <= height()) {
            const int y = std::max(0, r.top());
            painter.setPen(QPen(LineColor, 1));
            painter.drawLine(0, y, width(), y);
            // The words at the right end, on a small tab below the line.
            QFont font = this->font();
            font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.85));
            font.setBold(true);
            painter.setFont(font);
            const QFontMetrics fm(font);
            const QString text = lineText();
            const QRect tab(width() - fm.horizontalAdvance(text) - 16, y,
                            fm.horizontalAdvance(text) + 10, fm.height() + 2);
            painter.fillRect(tab, LineColor);
            painter.setPen(Qt::white);
            painter.drawText(tab, Qt::AlignCenter, text);
        }
    }
}

} // namespace sori::chat
