// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>

class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace sori::chat {

class ChatSession;

// Browse the rooms the server lists (public and announcement rooms, and private rooms one may
// enter) and join one, or type a room's name. The list comes a page at a time ("Show more") and
// can be searched by name: a server may have 100,000 rooms. Archived rooms say so; an admin
// takes one out of the archive from here.
class RoomDirectoryDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomDirectoryDialog)

public:
    explicit RoomDirectoryDialog(ChatSession *session, QWidget *parent = nullptr);

    QString room() const; // the chosen room
    // Admins: takes the selected archived room out of the archive (unarchive_room).
    QPushButton *unarchiveButton() const { return m_unarchive; }

private:
    void show(const QString &query, const QList<protocol::RoomInfo> &rooms, bool appended,
              bool more);

    ChatSession *m_session;
    QLineEdit *m_name;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    QPushButton *m_more;
    QPushButton *m_unarchive;
    QString m_last; // the last room listed: the next page starts after it
};

} // namespace sori::chat
