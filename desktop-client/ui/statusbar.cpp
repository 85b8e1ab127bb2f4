// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/statusbar.h"

#include "core/plaintooltip.h"

#include <QtGui/QPaintEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QSizeGrip>
#include <QtWidgets/QStyleOption>

namespace sori::chat {

QString ElidedLabel::shownText() const
{
    return fontMetrics().elidedText(text(), Qt::ElideRight, contentsRect().width());
}

QSize ElidedLabel::minimumSizeHint() const
{
    // A few characters and the ellipsis: the rest is in the tooltip.
    QSize size = QLabel::minimumSizeHint();
    size.setWidth(std::min(size.width(), fontMetrics().averageCharWidth() * 10));
    return size;
}

void ElidedLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(foregroundRole()));
    painter.drawText(contentsRect(), int(alignment()) | Qt::TextSingleLine, shownText());
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateToolTip();
}

void ElidedLabel::setText(const QString &text)
{
    QLabel::setText(text);
    updateToolTip();
}

void ElidedLabel::updateToolTip()
{
    setToolTip(shownText() == text() ? QString() : plainToolTip(text()));
}

StatusBar::StatusBar(QWidget *parent) : QStatusBar(parent)
{
    // The whole message is the tooltip while it shows (it may not fit).
    connect(this, &QStatusBar::messageChanged, this, [this](const QString &message) {
        setToolTip(plainToolTip(message));
        shareWidth();
    });
}

void StatusBar::setYieldingWidget(QWidget *widget)
{
    m_yielding = widget;
    shareWidth();
}

void StatusBar::resizeEvent(QResizeEvent *event)
{
    QStatusBar::resizeEvent(event);
    shareWidth();
}

void StatusBar::shareWidth()
{
    if (!m_yielding)
        return;
    m_yielding->setMaximumWidth(currentMessage().isEmpty() ? QWIDGETSIZE_MAX : width() / 2);
}

QRect StatusBar::messageRect() const
{
    // From the left edge to the first permanent widget (all of this window's are permanent),
    // as QStatusBar itself reckons it.
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    int left = 6;
    int right = width() - 12;
    for (const QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!child->isVisible())
            continue;
        if (qobject_cast<const QSizeGrip *>(child)) {
            if (rtl)
                left = std::max(left, child->geometry().right() + 2);
            else
                right = std::min(right, child->x() - 2);
            continue;
        }
        if (rtl)
            left = std::max(left, child->geometry().right() + 4);
        else
            right = std::min(right, child->x() - 4);
    }
    return QRect(left, 0, std::max(0, right - left), height());
}

QString StatusBar::shownMessage() const
{
    return fontMetrics().elidedText(currentMessage(), Qt::ElideRight, messageRect().width());
}

void StatusBar::paintEvent(QPaintEvent *event)
{
    // QStatusBar's own painting, with the message elided instead of cut.
    QPainter painter(this);
    QStyleOption option;
    option.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &option, &painter, this);
    for (QWidget *child : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (!child->isVisible() || qobject_cast<QSizeGrip *>(child))
            continue;
        const QRect frame = child->geometry().adjusted(-2, -1, 2, 1);
        if (!event->rect().intersects(frame))
            continue;
        QStyleOption item(0);
        item.rect = frame;
        item.palette = palette();
        item.state = QStyle::State_None;
        style()->drawPrimitive(QStyle::PE_FrameStatusBarItem, &item, &painter, child);
    }
    if (!currentMessage().isEmpty()) {
        painter.setPen(palette().windowText().color());
        painter.drawText(messageRect(), Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine,
                         shownMessage());
    }
}

} // namespace sori::chat
