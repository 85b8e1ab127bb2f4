// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QCache>
#include <QtWidgets/QStyledItemDelegate>

#include <memory>

class QTextDocument;

namespace sori::chat {

// Draws one message of a MessageListModel: the sender and time at the head of a group, then
// the text (always as text; web addresses become links), and for one's own messages a mark:
// pending, delivered, or not sent (with the reason and "Retry").
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageDelegate)

public:
    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The link under pos (view coordinates), or an empty string.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    // The "Retry" area of a failed message, in view coordinates (empty if none).
    QRect retryRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // Forgets the heights measured so far (the language changed: "This message was deleted."
    // may take another line).
    void clearCache() { m_heights.clear(); }

    // The text as HTML for the document: every character escaped, addresses made links.
    static QString toHtml(const QString &text);
    // The words of the badge beside a sender's name ("guest", "admin", "mod"), empty for a
    // member; a MessageListModel::BadgeRole value.
    static QString badgeText(const QVariant &badge);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void prepareDocument(const QStyleOptionViewItem &option, const QModelIndex &index,
                         int width) const;
    QColor senderColor(const QString &sender, bool own) const;
    // The parts of paint(), in the order they are drawn.
    void paintBackground(QPainter *painter, const QStyleOptionViewItem &opt, bool own) const;
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                     const QRect &header, bool own) const;
    void paintText(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                   const QRect &text, bool dimmed) const;
    void paintMark(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                   const Layout &l) const;

    std::unique_ptr<QTextDocument> m_document; // reused for every row
    mutable QCache<quint64, int> m_heights{4000}; // text height by text, width and font
};

} // namespace sori::chat
