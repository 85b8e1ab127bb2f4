// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/appicon.h"

#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtGui/QPixmap>

namespace sori::chat {

namespace {
QPixmap paintIcon(int size, int unread)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    const QColor blue(0x2f, 0x6f, 0xde);
    p.setPen(Qt::NoPen);
    p.setBrush(blue);
    p.drawRoundedRect(QRectF(4, 8, 56, 40), 10, 10);
    QPainterPath tail;
    tail.moveTo(18, 48);
    tail.lineTo(16, 60);
    tail.lineTo(30, 48);
    tail.closeSubpath();
    p.drawPath(tail);
    p.setBrush(Qt::white);
    for (int x : {22, 32, 42})
        p.drawEllipse(QPointF(x, 28), 4, 4);
    if (unread > 0) {
        p.setBrush(QColor(0xd9, 0x30, 0x25));
        p.drawEllipse(QPointF(50, 14), 13, 13);
    }
    return pixmap;
}
} // namespace

QIcon appIcon(int unread)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64, 128})
        icon.addPixmap(paintIcon(size, unread));
    return icon;
}

} // namespace sori::chat
