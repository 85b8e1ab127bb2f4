// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/moderationdialog.h"

#include "core/chatsession.h"
#include "widgets/moderationsource.h"
#include "widgets/moderationviews.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {

// The shared moderation views over this app's connection: the server answers as it would any
// moderator's request (refusals come as the session's notices).
class SessionModeration final : public widgets::ModerationSource
{
public:
    SessionModeration(ChatClient *client, QObject *parent)
        : ModerationSource(parent), m_client(client)
    {
        connect(client, &ChatClient::sanctionsListed, this, &ModerationSource::sanctionsListed);
        connect(client, &ChatClient::auditRead, this, &ModerationSource::auditRead);
        connect(client, &ChatClient::done, this,
                [this](const protocol::Done &done) { Q_EMIT actionFinished(done.action, true); });
    }

    void listSanctions(const QString &after) override { m_client->listSanctions(after); }
    void lift(const protocol::SanctionInfo &sanction) override
    {
        if (sanction.kind == protocol::SanctionAction::Mute)
            m_client->liftMute(sanction.user, sanction.room);
        else if (sanction.user.isEmpty())
            m_client->liftBanOfAddress(sanction.address);
        else
            m_client->liftBan(sanction.user);
    }
    void readAudit(const protocol::ReadAudit &filter) override { m_client->readAudit(filter); }

private:
    ChatClient *const m_client;
};

} // namespace

ModerationDialog::ModerationDialog(ChatSession *session, QWidget *parent) : QDialog(parent)
{
    setObjectName(u"moderationDialog"_s);
    setWindowTitle(tr("Moderation"));
    auto *source = new SessionModeration(session->client(), this);
    m_tabs = new QTabWidget(this);
    m_sanctions = new widgets::SanctionsView(source, m_tabs);
    m_tabs->addTab(m_sanctions, tr("&Sanctions"));
    m_audit = new widgets::AuditView(source, m_tabs);
    m_tabs->addTab(m_audit, tr("&Audit log"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &ModerationDialog::refresh);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(860, 520);
}

void ModerationDialog::refresh()
{
    if (m_tabs->currentWidget() == m_sanctions)
        m_sanctions->refresh();
    else
        m_audit->refresh();
}

} // namespace sori::chat
