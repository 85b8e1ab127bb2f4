// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>

class QComboBox;
class QLineEdit;

namespace sori::chat {

// A new room: its name, kind (announcement rooms only for moderators and admins) and topic.
class CreateRoomDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateRoomDialog)

public:
    explicit CreateRoomDialog(bool mayAnnounce, QWidget *parent = nullptr);

    QString room() const;
    protocol::RoomKind kind() const;
    QString topic() const;

private:
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_topic;
};

} // namespace sori::chat
