// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtWidgets/QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace sori::chat {

class ChatSession;

// "New conversation": the accounts on the server, online or not, searched by name as one types
// (a page at a time: "Show more"), each with its status or when it was last seen (local time).
// Choosing one opens the direct conversation with them.
class PeopleDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeopleDialog)

public:
    explicit PeopleDialog(ChatSession *session, QWidget *parent = nullptr);

    QString person() const; // the account chosen

    // What a person's row says about them: online, away, do not disturb, last seen (local
    // time), or offline.
    static QString presenceText(const protocol::Person &person);

private:
    void showPeople(const QString &query, const QList<protocol::Person> &people, bool appended,
                    bool more);

    ChatSession *m_session;
    QLineEdit *m_search;
    QTreeWidget *m_list;
    QPushButton *m_more;
    QPushButton *m_open;
    QLabel *m_problem;
    QString m_last; // the last name listed: the next page starts after it
};

} // namespace sori::chat
