// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QWidget>

namespace sori::chat {

class ChatSession;
class MessageListModel;
class MessageView;

// Marks drawn over the messages of the room shown, without touching how a message is drawn:
// the "New messages" line above the first message that came after the read mark (as it was
// when the room was opened), and the message opened from a search, highlighted. A transparent
// layer over the view's viewport; it follows the rows as they scroll and change.
class MessageMarks : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageMarks)

public:
    MessageMarks(MessageView *view, ChatSession *session);

    // The row the "New messages" line is drawn above, -1 if none.
    int lineRow() const;
    // The row highlighted, -1 if none.
    int highlightRow() const;
    static QString lineText();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void follow(); // the room shown changed: watch its model
    void scrollToHighlight();

    MessageView *m_view;
    QWidget *m_viewport; // the view's, watched for its geometry
    ChatSession *m_session;
    QPointer<MessageListModel> m_model;
};

} // namespace sori::chat
