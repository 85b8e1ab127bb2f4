// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QCache>
#include <QtWidgets/QStyledItemDelegate>

#include <memory>

class QTextDocument;

namespace sori::chat {

class FileCache;

// Draws one message of a MessageListModel: a day separator where a day starts, the sender and
// time at the head of a group, then the text (formatted from its parsed tokens, every character
// typed shown as text; web addresses become links), its files (images as their thumbnails,
// others as a chip with the name and size), and for one's own messages a mark: pending,
// delivered, or not sent (with the reason and "Retry").
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
    // The document the text of index is drawn from (shared by every row: read it before asking
    // for another): what a user sees of the message, for tests and accessibility.
    const QTextDocument *document(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const;
    // The reaction chip under pos (view coordinates): its emoji, or an empty string.
    QString reactionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                       const QPoint &pos) const;
    // The chips of index's reactions, in view coordinates, by emoji.
    QList<std::pair<QRect, QString>> reactionRects(const QStyleOptionViewItem &option,
                                                   const QModelIndex &index) const;
    // The quote of a reply, in view coordinates (empty if the message answers none).
    QRect quoteRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The link the "(edited)" mark of an edited message is, for its tooltip.
    static QString editedLink();
    // The "Retry" area of a failed message, in view coordinates (empty if none).
    QRect retryRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // Where the thumbnails come from (none: every image is drawn as its placeholder).
    void setFileCache(FileCache *files) { m_files = files; }
    // The attached files of index, in view coordinates, by their place in AttachmentsRole.
    QList<QRect> attachmentRects(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const;
    // The attached file under pos: its place in AttachmentsRole, or -1.
    int attachmentAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                     const QPoint &pos) const;
    // How big an image's thumbnail is drawn (at most 320 by 240 pixels, its own shape kept).
    static QSize thumbnailSize(const QVariantMap &file, int width);
    // "name · 1.2 MB" on a file's chip.
    static QString fileLabel(const QVariantMap &file);

    // Forgets the heights measured so far (the language changed: "This message was deleted."
    // may take another line).
    void clearCache() { m_heights.clear(); }

    // The text as rich text for the document: formatted as the spec says (core/formatting.h),
    // every character typed escaped, addresses made links.
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
    void paintDay(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                  const QRect &day) const;
    void paintBackground(QPainter *painter, const QStyleOptionViewItem &opt, bool own,
                         const QRect &rect) const;
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                     const QRect &header, bool own) const;
    void paintQuote(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                    const QRect &quote) const;
    void paintReactions(QPainter *painter, const QStyleOptionViewItem &opt,
                        const QModelIndex &index, const Layout &l) const;
    void paintText(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                   const QRect &text, bool dimmed) const;
    void paintMark(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                   const Layout &l) const;
    void paintFiles(QPainter *painter, const QStyleOptionViewItem &opt, const QModelIndex &index,
                    const Layout &l, bool dimmed) const;

    std::unique_ptr<QTextDocument> m_document; // reused for every row
    mutable QCache<quint64, int> m_heights{4000}; // text height by text, width and font
    FileCache *m_files = nullptr;
};

} // namespace sori::chat
