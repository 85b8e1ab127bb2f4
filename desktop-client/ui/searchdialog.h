// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>
#include <QtWidgets/QStyledItemDelegate>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace sori::chat {

class ChatSession;

// Search: the messages that hold the words typed, in every room and conversation one may read,
// newest first, a page at a time ("Show more"). Each result says where (room or person), who,
// when (local time), and the text as plain text with the words found highlighted. Opening one
// shows the room at that message, with the messages around it.
class SearchDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchDialog)

public:
    // The data of a result row (a QListWidgetItem).
    enum Roles {
        RoomRole = Qt::UserRole + 1, // QString
        SeqRole, // qint64
        SenderRole, // QString
        TimeRole, // QString: local time, in the language chosen
        TextRole, // QString: the message's text, as sent
        WhereRole, // QString: "#room" or "@person"
        QueryRole, // QString: what to highlight
    };

    explicit SearchDialog(ChatSession *session, QWidget *parent = nullptr);

    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *results() const { return m_list; }
    // The result chosen (after accept()): its room and seq.
    QString room() const { return m_room; }
    qint64 seq() const { return m_seq; }

    // Where the words are in text (case-insensitively): [start, length) ranges.
    static QList<std::pair<int, int>> matches(const QString &text, const QString &query);

private:
    void showResults(const QString &query, const QList<protocol::MessageEvent> &messages,
                     bool appended, bool more, qint64 next);
    void searchNow();
    void choose();

    ChatSession *m_session;
    QLineEdit *m_search;
    QListWidget *m_list;
    QPushButton *m_more;
    QLabel *m_info;
    QTimer *m_delay;
    QString m_asked; // the query of the results shown
    qint64 m_next = 0; // the next page starts here
    QString m_room;
    qint64 m_seq = 0;
};

// A search result: where, who and when in small print, then the text on one line (elided),
// drawn as plain text with the words found marked.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchResultDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace sori::chat
