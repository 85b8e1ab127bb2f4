// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/messagelistmodel.h"

#include <QtCore/QPointer>
#include <QtWidgets/QListView>

namespace sori::chat {

class FileCache;
class MessageDelegate;

// The messages of the current room, newest at the bottom. Follows new messages while it is
// scrolled to the bottom, loads older ones when scrolled to the top (keeping what is shown in
// place), opens links, and offers "Retry" on messages that were not sent. A click on a reply's
// quote goes to the message it answers; a click on a reaction toggles one's own; tooltips say
// who reacted and when a message was edited. A click on an attached file opens it.
class MessageView : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageView)

public:
    explicit MessageView(QWidget *parent = nullptr);

    void setMessages(MessageListModel *model);
    MessageListModel *messages() const { return m_model; }
    MessageDelegate *messageDelegate() const { return m_delegate; }
    bool isAtBottom() const;
    // Where the thumbnails of attached images come from; the view repaints as they arrive.
    void setFileCache(FileCache *files);

    // Scrolls to the message seq and selects it, loading the history around it if it is not
    // in the window (a reply's quote was clicked).
    void showMessage(qint64 seq);

Q_SIGNALS:
    void linkActivated(const QUrl &url);
    void retryRequested(const QString &msgId);
    // A reaction chip was clicked: add (on) or take back one's own reaction.
    void reactionToggled(qint64 seq, const QString &emoji, bool on);
    // An attached file was clicked (file: an AttachmentsRole entry).
    void attachmentActivated(const QVariantMap &file);
    // Local files were dropped on the messages: they go with the next message.
    void filesDropped(const QStringList &paths);

protected:
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void updateGeometries() override;

private:
    void onRangeChanged(int min, int max);
    void onScrolled(int value);
    void fillUp(); // loads older pages until the view is full or nothing older exists
    QStyleOptionViewItem optionFor(const QModelIndex &index) const;

    QPointer<MessageListModel> m_model; // owned by the session, may go first
    MessageDelegate *m_delegate;
    QMetaObject::Connection m_aboutToInsert;
    bool m_followBottom = true; // scrolled to the bottom: stay there
    // Rows went in above what is shown: this row stays at this height in the viewport.
    int m_anchorRow = -1;
    int m_anchorTop = 0;
};

} // namespace sori::chat
