// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QPlainTextEdit>

#include <functional>

class QLabel;
class QListWidget;
class QToolButton;

namespace sori::chat {

// Where a message is written: Enter sends it, Shift+Enter starts a new line. Typing `@` and the
// start of a name offers the names that fit (the room's members and the senders seen) in a list
// under the cursor: Up and Down choose, Tab or Enter puts the name in, Esc closes the list.
// It also edits one's own message (Up in an empty composer: the last one) and writes replies;
// a bar above it (contextBar(), placed by the window) says which, and Esc or its × cancels.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)

public:
    explicit Composer(QWidget *parent = nullptr);
    ~Composer() override;

    QSize sizeHint() const override;

    // Where the names to complete come from, asked each time the list opens.
    void setNameSource(std::function<QStringList()> source) { m_names = std::move(source); }
    // The names offered for the `@name` being typed, in order (empty: the list is closed).
    QStringList completions() const;
    int currentCompletion() const; // its row in completions(), -1 if none
    QListWidget *completionList() const { return m_list; }

    // The bar above the composer while a reply or an edit is under way; the window lays it out.
    QWidget *contextBar() const { return m_bar; }
    // Answering the message seq (from, text: what the bar quotes).
    void startReply(qint64 seq, const QString &from, const QString &text);
    // Editing one's own message seq: its text in the composer, the draft kept aside.
    void startEdit(qint64 seq, const QString &text);
    void cancelContext(); // back to a new message (the draft back after an edit)
    qint64 replyTo() const { return m_replyTo; }
    qint64 editing() const { return m_editing; }
    // Files go with the next message (attachment bar): Enter sends it even with no text.
    void setHasFiles(bool files) { m_hasFiles = files; }
    // Whether files may be offered here at all (accounts: guests cannot upload). When not,
    // files dropped or pasted are refused (filesRefused()), and images pasted as text are not.
    void setAcceptsFiles(bool accepts) { m_acceptsFiles = accepts; }

Q_SIGNALS:
    void submitted(const QString &text);
    // The text changed by typing (not by clearing it after sending).
    void edited(bool empty);
    // Enter while replying or editing (the context ends with it).
    void replySubmitted(const QString &text, qint64 replyTo);
    void editSubmitted(qint64 seq, const QString &text);
    // Up in an empty composer: the window looks for one's last message (startEdit()).
    void editLastRequested();
    // Files dropped on it or pasted (local paths), or an image pasted from the clipboard.
    void filesOffered(const QStringList &paths);
    void imageOffered(const QImage &image);
    // Files were dropped or pasted where none are taken (a guest).
    void filesRefused();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    // The `@name` before the cursor: where its '@' is, or -1 if the cursor is not after one.
    qsizetype mentionStart(QString *prefix) const;
    void updateCompletion();
    void hideCompletion();
    void complete(); // puts the chosen name in place of the `@name` typed
    bool completionKey(QKeyEvent *event); // handled a key of the open list

    void showContext(const QString &text);

    std::function<QStringList()> m_names;
    QListWidget *m_list; // a tool window under the cursor; never takes the focus
    QPointer<QWidget> m_bar;
    QLabel *m_barText;
    QToolButton *m_barClose;
    qint64 m_replyTo = 0;
    qint64 m_editing = 0;
    QString m_draft; // what was being written when an edit started
    qsizetype m_dismissedAt = -1; // Esc closed the list for the `@` here
    bool m_clearing = false;
    bool m_typing = false; // in a key press: the cursor moves by typing
    bool m_hasFiles = false;
    bool m_acceptsFiles = false;
};

} // namespace sori::chat
