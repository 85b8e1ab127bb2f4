// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>

class QLineEdit;
class QTreeWidget;

namespace sori::chat {

class ChatSession;

// Browse the rooms the server lists (public and announcement rooms, and private rooms one may
// enter) and join one, or type a room's name.
class RoomDirectoryDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoomDirectoryDialog)

public:
    explicit RoomDirectoryDialog(ChatSession *session, QWidget *parent = nullptr);

    QString room() const; // the chosen room

private:
    void show(const QList<protocol::RoomInfo> &rooms);

    QLineEdit *m_name;
    QTreeWidget *m_list;
};

} // namespace sori::chat
