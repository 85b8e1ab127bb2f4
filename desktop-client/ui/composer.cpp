// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/composer.h"

#include <QtCore/QMimeData>
#include <QtGui/QImage>
#include <QtGui/QKeyEvent>
#include <QtGui/QTextBlock>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
constexpr int MaxCompletions = 8;

bool isNameCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' || c.isSurrogate();
}
} // namespace

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_list(new QListWidget(this))
    , m_bar(new QWidget(parent))
    , m_barText(new QLabel(m_bar))
    , m_barClose(new QToolButton(m_bar))
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Write a message. Enter sends, Shift+Enter adds a line."));
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_clearing)
            Q_EMIT edited(document()->isEmpty());
    });

    // The list floats over the window; the composer keeps the focus and its keys drive it.
    m_list->setObjectName(u"mentionCompletions"_s);
    m_list->setWindowFlags(Qt::ToolTip | Qt::FramelessWindowHint);
    m_list->setAttribute(Qt::WA_ShowWithoutActivating);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->hide();

    m_bar->setObjectName(u"composerBar"_s);
    m_barText->setObjectName(u"composerBarText"_s);
    m_barText->setTextFormat(Qt::PlainText); // it quotes other people's text
    m_barClose->setObjectName(u"composerBarClose"_s);
    m_barClose->setText(u"×"_s);
    m_barClose->setAutoRaise(true);
    m_barClose->setToolTip(tr("Cancel (Esc)"));
    m_barClose->setAccessibleName(tr("Cancel"));
    auto *barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(8, 2, 4, 2);
    barLayout->addWidget(m_barText, 1);
    barLayout->addWidget(m_barClose);
    m_bar->hide();
    connect(m_barClose, &QToolButton::clicked, this, [this] {
        cancelContext();
        setFocus();
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_list->setCurrentItem(item);
        complete();
    });
    // The list follows what is typed; the cursor moved otherwise (a click, the text set by the
    // app) closes it.
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (!m_typing)
            hideCompletion();
    });
}

Composer::~Composer()
{
    // Without a parent to take it, the bar goes with the composer.
    if (m_bar && !m_bar->parent())
        delete m_bar;
}

QSize Composer::sizeHint() const
{
    const QFontMetrics fm(font());
    return QSize(QPlainTextEdit::sizeHint().width(),
                 fm.lineSpacing() * 3 + 2 * frameWidth() + int(document()->documentMargin() * 2));
}

QStringList Composer::completions() const
{
    QStringList names;
    if (m_list->isVisible()) {
        for (int row = 0; row < m_list->count(); ++row)
            names.append(m_list->item(row)->text());
    }
    return names;
}

int Composer::currentCompletion() const
{
    return m_list->isVisible() ? m_list->currentRow() : -1;
}

qsizetype Composer::mentionStart(QString *prefix) const
{
    const QTextCursor cursor = textCursor();
    if (cursor.hasSelection())
        return -1;
    const QString line = cursor.block().text();
    const qsizetype column = cursor.positionInBlock();
    qsizetype at = column;
    while (at > 0 && isNameCharacter(line.at(at - 1)))
        --at;
    // An '@' at the start or after something that is not part of a name (not an address).
    if (at == 0 || line.at(at - 1) != u'@' || (at > 1 && isNameCharacter(line.at(at - 2))))
        return -1;
    if (prefix)
        *prefix = line.mid(at, column - at);
    return cursor.block().position() + at - 1;
}

void Composer::updateCompletion()
{
    QString prefix;
    const qsizetype start = mentionStart(&prefix);
    if (start < 0 || start == m_dismissedAt || !m_names) {
        if (start != m_dismissedAt)
            m_dismissedAt = -1;
        hideCompletion();
        return;
    }
    // Names that start with what was typed, then those that hold it; each once.
    QStringList starting;
    QStringList holding;
    for (const QString &name : m_names()) {
        if (starting.contains(name, Qt::CaseInsensitive)
            || holding.contains(name, Qt::CaseInsensitive))
            continue;
        if (name.startsWith(prefix, Qt::CaseInsensitive))
            starting.append(name);
        else if (name.contains(prefix, Qt::CaseInsensitive))
            holding.append(name);
    }
    const QStringList names = (starting + holding).mid(0, MaxCompletions);
    if (names.isEmpty() || (names.size() == 1 && names.first() == prefix)) {
        hideCompletion();
        return;
    }
    // The choice stays while the list narrows; a list that opens starts at the top.
    const QString current =
        m_list->isVisible() && m_list->currentItem() ? m_list->currentItem()->text() : QString();
    m_list->clear();
    m_list->addItems(names);
    const int keep = int(names.indexOf(current));
    m_list->setCurrentRow(keep >= 0 ? keep : 0);

    // Under the '@', as wide as the longest name.
    QTextCursor at = textCursor();
    at.setPosition(int(start));
    const QRect caret = cursorRect(at);
    const QFontMetrics fm(m_list->font());
    int width = 120;
    for (const QString &name : names)
        width = std::max(width, fm.horizontalAdvance(name) + 32);
    const int rowHeight = std::max(m_list->sizeHintForRow(0), fm.height() + 4);
    const int height = rowHeight * int(names.size()) + 2 * m_list->frameWidth() + 2;
    QPoint topLeft = viewport()->mapToGlobal(caret.bottomLeft() + QPoint(0, 2));
    // Above the composer when it sits at the bottom of the window (the usual place).
    const QPoint above = viewport()->mapToGlobal(caret.topLeft()) - QPoint(0, height + 2);
    if (above.y() >= 0)
        topLeft = above;
    m_list->setGeometry(QRect(topLeft, QSize(width, height)));
    m_list->show();
    m_list->raise();
}

void Composer::hideCompletion()
{
    if (m_list->isVisible())
        m_list->hide();
}

void Composer::complete()
{
    QListWidgetItem *item = m_list->currentItem();
    QString prefix;
    const qsizetype start = mentionStart(&prefix);
    if (!item || start < 0) {
        hideCompletion();
        return;
    }
    QTextCursor cursor = textCursor();
    cursor.setPosition(int(start));
    cursor.setPosition(int(start + 1 + prefix.size()), QTextCursor::KeepAnchor);
    // After the name a space, unless one follows already.
    const QTextCursor after = textCursor();
    const QChar next = document()->characterAt(after.position());
    const bool spaceFollows = next == u' ';
    cursor.insertText(u"@"_s + item->text() + (spaceFollows ? QString() : u" "_s));
    if (spaceFollows)
        cursor.movePosition(QTextCursor::NextCharacter);
    setTextCursor(cursor);
    hideCompletion();
}

void Composer::startReply(qint64 seq, const QString &from, const QString &text)
{
    if (m_editing)
        cancelContext();
    m_replyTo = seq;
    const QFontMetrics fm(m_barText->font());
    const QString quoted = fm.elidedText(text.simplified(), Qt::ElideRight, 400);
    showContext(tr("Replying to %1: %2").arg(from, quoted));
    setFocus();
}

void Composer::startEdit(qint64 seq, const QString &text)
{
    if (!m_editing)
        m_draft = toPlainText();
    m_replyTo = 0;
    m_editing = seq;
    // Not typing: the others are not told.
    m_clearing = true;
    setPlainText(text);
    m_clearing = false;
    moveCursor(QTextCursor::End);
    showContext(tr("Editing your message: Enter saves, Esc cancels"));
    setFocus();
}

void Composer::cancelContext()
{
    const bool wasEditing = m_editing != 0;
    m_replyTo = 0;
    m_editing = 0;
    m_bar->hide();
    if (wasEditing) {
        m_clearing = true;
        setPlainText(std::exchange(m_draft, {}));
        m_clearing = false;
        moveCursor(QTextCursor::End);
    }
}

void Composer::showContext(const QString &text)
{
    m_barText->setText(text);
    m_bar->show();
}

bool Composer::completionKey(QKeyEvent *event)
{
    if (!m_list->isVisible() || event->modifiers() & ~Qt::KeypadModifier)
        return false;
    switch (event->key()) {
    case Qt::Key_Up:
        m_list->setCurrentRow((m_list->currentRow() + m_list->count() - 1) % m_list->count());
        return true;
    case Qt::Key_Down:
        m_list->setCurrentRow((m_list->currentRow() + 1) % m_list->count());
        return true;
    case Qt::Key_Tab:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        complete();
        return true;
    case Qt::Key_Escape:
        m_dismissedAt = mentionStart(nullptr);
        hideCompletion();
        return true;
    default:
        return false;
    }
}

bool Composer::event(QEvent *event)
{
    // Tab would move the focus (tabChangesFocus) before keyPressEvent sees it; Esc could be a
    // shortcut of the window: while the list is open, both are the list's.
    if (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool cancels = key->key() == Qt::Key_Escape && (m_replyTo || m_editing);
        if (cancels && !m_list->isVisible()) {
            if (event->type() == QEvent::KeyPress)
                cancelContext();
            event->accept();
            return true;
        }
        if (m_list->isVisible() && (key->key() == Qt::Key_Tab || key->key() == Qt::Key_Escape)) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept();
                return true;
            }
            completionKey(key);
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void Composer::focusOutEvent(QFocusEvent *event)
{
    hideCompletion();
    QPlainTextEdit::focusOutEvent(event);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    if (completionKey(event)) {
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && document()->isEmpty()
        && !m_editing) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty() || (m_hasFiles && !m_editing)) {
            const qint64 replyTo = m_replyTo;
            const qint64 editing = m_editing;
            m_clearing = true;
            clear();
            m_clearing = false;
            m_replyTo = 0;
            m_editing = 0;
            m_bar->hide();
            if (editing) {
                Q_EMIT editSubmitted(editing, text);
                m_clearing = true;
                setPlainText(std::exchange(m_draft, {}));
                m_clearing = false;
                moveCursor(QTextCursor::End);
            } else if (replyTo) {
                Q_EMIT replySubmitted(text, replyTo);
            } else {
                Q_EMIT submitted(text);
            }
        }
        event->accept();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        event->accept();
        return;
    }
    m_typing = true;
    QPlainTextEdit::keyPressEvent(event);
    m_typing = false;
    updateCompletion();
}

namespace {
// The local files among dropped or pasted URLs.
QStringList localFiles(const QMimeData *source)
{
    QStringList paths;
    if (!source->hasUrls())
        return paths;
    for (const QUrl &url : source->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}
} // namespace

bool Composer::canInsertFromMimeData(const QMimeData *source) const
{
    return !localFiles(source).isEmpty() || source->hasImage()
        || QPlainTextEdit::canInsertFromMimeData(source);
}

// Dropped or pasted: files and images become attachments, text stays text.
void Composer::insertFromMimeData(const QMimeData *source)
{
    const QStringList paths = localFiles(source);
    const bool image = source->hasImage() && !source->hasText();
    if (paths.isEmpty() && !image) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    if (!m_acceptsFiles) {
        Q_EMIT filesRefused();
        return;
    }
    if (!paths.isEmpty())
        Q_EMIT filesOffered(paths);
    else
        Q_EMIT imageOffered(qvariant_cast<QImage>(source->imageData()));
}

void Composer::inputMethodEvent(QInputMethodEvent *event)
{
    m_typing = true;
    QPlainTextEdit::inputMethodEvent(event);
    m_typing = false;
    updateCompletion();
}

} // namespace sori::chat
