// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/composer.h"

#include <QtGui/QKeyEvent>

namespace sori::chat {

Composer::Composer(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message. Enter sends, Shift+Enter adds a line."));
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_clearing)
            Q_EMIT edited(document()->isEmpty());
    });
}

QSize Composer::sizeHint() const
{
    const QFontMetrics fm(font());
    return QSize(QPlainTextEdit::sizeHint().width(),
                 fm.lineSpacing() * 3 + 2 * frameWidth() + int(document()->documentMargin() * 2));
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty()) {
            m_clearing = true;
            clear();
            m_clearing = false;
            Q_EMIT submitted(text);
        }
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace sori::chat
