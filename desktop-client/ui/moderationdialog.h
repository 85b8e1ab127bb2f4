// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QDialog>

class QTabWidget;

namespace sori::widgets {
class AuditView;
class SanctionsView;
} // namespace sori::widgets

namespace sori::chat {

class ChatSession;

// For moderators and admins: the active bans and mutes (lift one early) and the audit log
// (filters, pages), read over the wire as the person signed in (docs/protocol.md §13). The
// views are the server window's own (widgets/), over this session. Not modal: one may keep it
// open beside the chat; it reads its pages again after each moderation done from this app.
class ModerationDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationDialog)

public:
    explicit ModerationDialog(ChatSession *session, QWidget *parent = nullptr);

    widgets::SanctionsView *sanctionsView() const { return m_sanctions; }
    widgets::AuditView *auditView() const { return m_audit; }
    QTabWidget *tabs() const { return m_tabs; }

    // Reads the page of the tab shown again.
    void refresh();

private:
    QTabWidget *m_tabs;
    widgets::SanctionsView *m_sanctions;
    widgets::AuditView *m_audit;
};

} // namespace sori::chat
