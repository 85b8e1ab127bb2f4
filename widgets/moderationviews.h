// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace sori::widgets {

class ModerationSource;

// A list of rows as the views of both apps show one: no tree, one row selected at a time,
// alternating colours, nothing edited in place.
QTreeView *listView(QWidget *parent);

// The active bans and mutes (docs/protocol.md §13, "sanctions"), read through a ModerationSource
// (the server window's Monitor as the operator, or sori-chat's session as a moderator): who, what,
// where, why, by whom, since and until when, in local time and the UI language; "Lift" ends the
// selected one early. Loaded when asked (refresh(), the tab shown) and after every ban, mute or
// lift done in the same app; "Older" loads the next page.
class SanctionsView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SanctionsView)

public:
    enum Column { Who, Kind, Room, Reason, By, Since, Until, ColumnCount };

    SanctionsView(ModerationSource *source, QWidget *parent = nullptr);

    // Reads the first page again.
    void refresh();

    QTreeView *view() const { return m_view; }
    QStandardItemModel *model() const { return m_model; }
    QPushButton *liftButton() const { return m_lift; }
    QPushButton *olderButton() const { return m_older; }
    QPushButton *refreshButton() const { return m_refresh; }
    // The sanction of a row, as the server listed it.
    protocol::SanctionInfo sanctionAt(int row) const;

Q_SIGNALS:
    // A page was shown (for tests).
    void pageShown();

private:
    void onListed(const protocol::SanctionList &list);
    void onActionFinished(const QString &action, bool ok);
    void liftSelected();
    void updateButtons();

    ModerationSource *const m_source;
    QStandardItemModel *m_model;
    QTreeView *m_view;
    QPushButton *m_refresh;
    QPushButton *m_older;
    QPushButton *m_lift;
    QString m_next; // the cursor of the next page; empty: none
    bool m_appending = false; // the page asked for follows the rows shown
    QList<protocol::SanctionInfo> m_sanctions; // by row
};

// The audit log (docs/protocol.md §13, "audit"), newest first, read through a ModerationSource:
// filters by actor, target, action and a time range (local times), a page at a time ("Older" loads
// the next). Loaded when asked, and again after each action done in the same app, so that one sees
// one's own entry land.
class AuditView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditView)

public:
    enum Column { Time, Actor, Action, Target, Room, Detail, ColumnCount };

    AuditView(ModerationSource *source, QWidget *parent = nullptr);

    // Reads the first page with the filters as they are.
    void refresh();

    QTreeView *view() const { return m_view; }
    QStandardItemModel *model() const { return m_model; }
    QLineEdit *actorFilter() const { return m_actor; }
    QLineEdit *targetFilter() const { return m_target; }
    QComboBox *actionFilter() const { return m_action; }
    QCheckBox *sinceEnabled() const { return m_useSince; }
    QDateTimeEdit *sinceEdit() const { return m_since; }
    QCheckBox *untilEnabled() const { return m_useUntil; }
    QDateTimeEdit *untilEdit() const { return m_until; }
    QPushButton *searchButton() const { return m_search; }
    QPushButton *olderButton() const { return m_older; }
    // The entry of a row, as the server wrote it.
    protocol::AuditEntry entryAt(int row) const;

Q_SIGNALS:
    void pageShown();

private:
    protocol::ReadAudit filter() const;
    void onRead(const protocol::AuditPage &page);

    ModerationSource *const m_source;
    QStandardItemModel *m_model;
    QTreeView *m_view;
    QLineEdit *m_actor;
    QLineEdit *m_target;
    QComboBox *m_action;
    QCheckBox *m_useSince;
    QDateTimeEdit *m_since;
    QCheckBox *m_useUntil;
    QDateTimeEdit *m_until;
    QPushButton *m_search;
    QPushButton *m_older;
    bool m_appending = false;
    bool m_loaded = false; // a first page was asked for: later actions reload it
    QTimer m_reload; // after an action of the window's
    QList<protocol::AuditEntry> m_entries; // by row
};

} // namespace sori::widgets
