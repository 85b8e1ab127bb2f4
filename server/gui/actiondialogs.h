// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtNetwork/QHostAddress>
#include <QtWidgets/QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace sori::server::gui {

// The small forms behind the window's admin actions. Each one's title and OK button say what it
// does and to whom ("Ban hana?", "Ban hana"), and the cursor starts in the field a person types
// in first.

class BanDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BanDialog)

public:
    // othersAtAddress: the other people connected from the address now (a ban by address
    // closes their connections too, so the dialog names them).
    BanDialog(const QString &user, const QString &address, const QStringList &othersAtAddress = {},
              QWidget *parent = nullptr);
    // The user's name, or its address when "by address" is ticked.
    QString target() const;
    int minutes() const;
    QString reason() const;
    // What the dialog asks, naming the target ("Ban hana? ...").
    QString question() const;

    QComboBox *durationBox() const { return m_duration; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QCheckBox *byAddressBox() const { return m_byAddress; }
    QPushButton *okButton() const { return m_ok; }

private:
    // The title, question and OK button for the target chosen now.
    void updateTarget();

    QString m_user;
    QString m_address;
    QStringList m_others;
    QLabel *m_question;
    QComboBox *m_duration;
    QLineEdit *m_reason;
    QCheckBox *m_byAddress;
    QPushButton *m_ok = nullptr;
};

class MuteDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MuteDialog)

public:
    MuteDialog(const QString &user, const QStringList &rooms, QWidget *parent = nullptr);
    QString room() const; // empty: everywhere
    int minutes() const;
    QString reason() const; // empty: none

    QComboBox *roomBox() const { return m_room; }
    QComboBox *durationBox() const { return m_duration; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *okButton() const { return m_ok; }

private:
    QComboBox *m_room;
    QComboBox *m_duration;
    QLineEdit *m_reason;
    QPushButton *m_ok = nullptr;
};

class CreateRoomDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateRoomDialog)

public:
    explicit CreateRoomDialog(QWidget *parent = nullptr);
    QString name() const;
    protocol::RoomKind kind() const;
    QString topic() const;

    QLineEdit *nameEdit() const { return m_name; }

private:
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_topic;
};

class AnnounceDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnounceDialog)

public:
    // rooms: where it may go; selected: the room chosen at first (empty: everyone online).
    AnnounceDialog(const QStringList &rooms, const QString &selected, QWidget *parent = nullptr);
    QString room() const; // empty: everyone online, once each (not kept in a room)
    QString text() const;

    QComboBox *roomBox() const { return m_room; }
    QPlainTextEdit *textEdit() const { return m_text; }

private:
    QComboBox *m_room;
    QPlainTextEdit *m_text;
};

class DeleteMessageDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteMessageDialog)

public:
    DeleteMessageDialog(const QStringList &rooms, const QString &selected,
                        QWidget *parent = nullptr);
    QString room() const;
    qint64 seq() const;

private:
    QComboBox *m_room;
    QSpinBox *m_seq;
};

class ListenDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenDialog)

public:
    ListenDialog(const QHostAddress &address, quint16 port, QWidget *parent = nullptr);
    QHostAddress address() const;
    quint16 port() const;

    QLineEdit *addressEdit() const { return m_address; }
    QSpinBox *portBox() const { return m_port; }

private:
    void check();

    QLineEdit *m_address;
    QSpinBox *m_port;
    QPushButton *m_ok = nullptr;
};

} // namespace sori::server::gui
