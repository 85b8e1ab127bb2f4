// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "widgets/moderationviews.h"

#include "widgets/moderationsource.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtGui/QStandardItemModel>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDateTimeEdit>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeView>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::widgets {

QTreeView *listView(QWidget *parent)
{
    auto *view = new QTreeView(parent);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return view;
}

namespace {

// A cell of text from the server or from people: never rich text (QStandardItem shows plain).
QStandardItem *cell(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    return item;
}

// A moment from the server (ms since the epoch, UTC) in local time, in the UI language.
QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

// The actions the server writes to the audit log, for the filter's list (any other may be typed).
const QStringList &knownActions()
{
    static const QStringList actions{
        u"kick"_s,          u"ban"_s,           u"mute"_s,         u"delete"_s,
        u"revoke_tokens"_s, u"lift"_s,          u"set_topic"_s,    u"set_role"_s,
        u"create_room"_s,   u"rename_room"_s,   u"archive_room"_s, u"unarchive_room"_s,
        u"delete_room"_s,   u"remove_member"_s,
    };
    return actions;
}

} // namespace

SanctionsView::SanctionsView(ModerationSource *source, QWidget *parent)
    : QWidget(parent), m_source(source), m_model(new QStandardItemModel(0, ColumnCount, this))
{
    m_model->setHorizontalHeaderLabels(
        {tr("Who"), tr("Kind"), tr("Room"), tr("Reason"), tr("By"), tr("Since"), tr("Until")});
    m_view = listView(this);
    m_view->setObjectName(u"sanctionsView"_s);
    m_view->setModel(m_model);
    m_view->header()->resizeSection(Who, 150);
    m_view->header()->resizeSection(Reason, 200);
    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_older = new QPushButton(tr("&Older"), this);
    m_older->setToolTip(tr("Show the next page of sanctions"));
    m_lift = new QPushButton(tr("&Lift…"), this);
    m_lift->setToolTip(tr("End the selected ban or mute now"));
    connect(m_refresh, &QPushButton::clicked, this, &SanctionsView::refresh);
    connect(m_older, &QPushButton::clicked, this, [this] {
        m_appending = true;
        m_source->listSanctions(m_next);
    });
    connect(m_lift, &QPushButton::clicked, this, &SanctionsView::liftSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SanctionsView::updateButtons);
    connect(m_source, &ModerationSource::sanctionsListed, this, &SanctionsView::onListed);
    connect(m_source, &ModerationSource::actionFinished, this,
            [this](const QString &action, bool ok) { onActionFinished(action, ok); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_refresh);
    bar->addWidget(m_older);
    bar->addStretch();
    bar->addWidget(m_lift);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(bar);
    updateButtons();
}

void SanctionsView::refresh()
{
    m_appending = false;
    m_source->listSanctions();
}

protocol::SanctionInfo SanctionsView::sanctionAt(int row) const
{
    return m_sanctions.value(row);
}

void SanctionsView::onListed(const protocol::SanctionList &list)
{
    if (!m_appending) {
        m_model->removeRows(0, m_model->rowCount());
        m_sanctions.clear();
    }
    m_appending = false;
    for (const protocol::SanctionInfo &sanction : list.sanctions) {
        const QString who = sanction.user.isEmpty() ? sanction.address : sanction.user;
        const QString kind =
            sanction.kind == protocol::SanctionAction::Ban ? tr("ban") : tr("mute");
        const QString room =
            sanction.kind == protocol::SanctionAction::Mute && sanction.room.isEmpty()
            ? tr("everywhere")
            : sanction.room;
        const QString by = sanction.by == u"server"_s ? tr("the server") : sanction.by;
        const QString until = sanction.until > 0 ? localTime(sanction.until) : tr("for good");
        m_model->appendRow({cell(who), cell(kind), cell(room), cell(sanction.reason), cell(by),
                            cell(localTime(sanction.since)), cell(until)});
        m_sanctions.append(sanction);
    }
    m_next = list.more ? list.next : QString();
    updateButtons();
    Q_EMIT pageShown();
}

void SanctionsView::onActionFinished(const QString &action, bool ok)
{
    // What changes the list, done in this app: read it again.
    static const QStringList changes{u"ban"_s, u"mute"_s, u"lift"_s};
    if (ok && changes.contains(action))
        refresh();
}

void SanctionsView::liftSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    // Copied now: a refresh while the question is open replaces the rows.
    const protocol::SanctionInfo sanction = sanctionAt(rows.first().row());
    const QString who = sanction.user.isEmpty() ? sanction.address : sanction.user;
    QString question;
    if (sanction.kind == protocol::SanctionAction::Ban)
        question = tr("Lift the ban of %1 now? They can sign in again at once.").arg(who);
    else if (sanction.room.isEmpty())
        question = tr("Lift the mute of %1 everywhere now? They can post again at once.").arg(who);
    else
        question = tr("Lift the mute of %1 in %2 now? They can post there again at once.")
                       .arg(who, sanction.room);
    QMessageBox box(QMessageBox::Question, tr("Lift a sanction"), question,
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::Cancel);
    if (box.exec() != QMessageBox::Yes)
        return;
    m_source->lift(sanction);
}

void SanctionsView::updateButtons()
{
    m_lift->setEnabled(m_view->selectionModel()->hasSelection());
    m_older->setEnabled(!m_next.isEmpty());
}

AuditView::AuditView(ModerationSource *source, QWidget *parent)
    : QWidget(parent), m_source(source), m_model(new QStandardItemModel(0, ColumnCount, this))
{
    m_model->setHorizontalHeaderLabels(
        {tr("Time"), tr("Actor"), tr("Action"), tr("Target"), tr("Room"), tr("Detail")});
    m_view = listView(this);
    m_view->setObjectName(u"auditView"_s);
    m_view->setModel(m_model);
    m_view->header()->resizeSection(Time, 150);

    m_actor = new QLineEdit(this);
    m_actor->setPlaceholderText(tr("anyone"));
    m_actor->setToolTip(tr("Only what this name did (\"server\": the server's own window)"));
    m_actor->setClearButtonEnabled(true);
    m_target = new QLineEdit(this);
    m_target->setPlaceholderText(tr("anything"));
    m_target->setToolTip(tr("Only what was done to this name, room or address"));
    m_target->setClearButtonEnabled(true);
    m_action = new QComboBox(this);
    m_action->setEditable(true);
    m_action->addItem(QString());
    m_action->addItems(knownActions());
    m_action->setToolTip(tr("Only this action (empty: every action)"));
    // A time range in local time; each end applies when ticked.
    const QDateTime now = QDateTime::currentDateTime();
    m_useSince = new QCheckBox(tr("From"), this);
    m_since = new QDateTimeEdit(now.addDays(-7), this);
    m_since->setCalendarPopup(true);
    m_since->setEnabled(false);
    m_useUntil = new QCheckBox(tr("To"), this);
    m_until = new QDateTimeEdit(now, this);
    m_until->setCalendarPopup(true);
    m_until->setEnabled(false);
    connect(m_useSince, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_useUntil, &QCheckBox::toggled, m_until, &QWidget::setEnabled);

    m_search = new QPushButton(tr("&Search"), this);
    m_search->setDefault(true);
    m_older = new QPushButton(tr("&Older"), this);
    m_older->setToolTip(tr("Show the next, older page of the log"));
    m_older->setEnabled(false);
    connect(m_search, &QPushButton::clicked, this, &AuditView::refresh);
    connect(m_actor, &QLineEdit::returnPressed, this, &AuditView::refresh);
    connect(m_target, &QLineEdit::returnPressed, this, &AuditView::refresh);
    connect(m_older, &QPushButton::clicked, this, [this] {
        if (m_entries.isEmpty())
            return;
        protocol::ReadAudit request = filter();
        request.before = m_entries.constLast().id;
        m_appending = true;
        m_source->readAudit(request);
    });
    connect(m_source, &ModerationSource::auditRead, this, &AuditView::onRead);
    connect(m_source, &ModerationSource::actionFinished, this,
            [this](const QString &action, bool ok) {
                // The operator's own actions land in the log: show them, unless older pages are
                // open.
                static const QStringList reads{u"audit"_s, u"sanctions"_s, u"stop_listening"_s,
                                               u"start_listening"_s, u"announce"_s};
                // The entry is written behind the action (the storage's queue): read a moment
                // later.
                if (ok && m_loaded && !reads.contains(action) && !m_older->isEnabled())
                    m_reload.start();
            });
    m_reload.setSingleShot(true);
    m_reload.setInterval(300);
    connect(&m_reload, &QTimer::timeout, this, &AuditView::refresh);

    auto *filters = new QHBoxLayout;
    auto *who = new QFormLayout;
    who->addRow(tr("&Actor:"), m_actor);
    who->addRow(tr("&Target:"), m_target);
    auto *what = new QFormLayout;
    what->addRow(tr("A&ction:"), m_action);
    auto *range = new QHBoxLayout;
    range->addWidget(m_useSince);
    range->addWidget(m_since);
    range->addWidget(m_useUntil);
    range->addWidget(m_until);
    what->addRow(tr("Time:"), range);
    filters->addLayout(who);
    filters->addLayout(what);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search);
    bar->addWidget(m_older);
    bar->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view);
    layout->addLayout(bar);
}

protocol::ReadAudit AuditView::filter() const
{
    protocol::ReadAudit request;
    request.actor = m_actor->text().trimmed();
    request.target = m_target->text().trimmed();
    request.action = m_action->currentText().trimmed();
    // The edits show local time; the server counts in ms since the epoch.
    if (m_useSince->isChecked())
        request.since = m_since->dateTime().toMSecsSinceEpoch();
    if (m_useUntil->isChecked())
        request.until = m_until->dateTime().toMSecsSinceEpoch();
    return request;
}

void AuditView::refresh()
{
    m_loaded = true;
    m_appending = false;
    m_source->readAudit(filter());
}

protocol::AuditEntry AuditView::entryAt(int row) const
{
    return m_entries.value(row);
}

void AuditView::onRead(const protocol::AuditPage &page)
{
    if (!m_appending) {
        m_model->removeRows(0, m_model->rowCount());
        m_entries.clear();
    }
    m_appending = false;
    for (const protocol::AuditEntry &entry : page.entries) {
        m_model->appendRow({cell(localTime(entry.time)), cell(entry.actor), cell(entry.action),
                            cell(entry.target), cell(entry.room), cell(entry.detail)});
        m_entries.append(entry);
    }
    m_older->setEnabled(page.more && !m_entries.isEmpty());
    Q_EMIT pageShown();
}

} // namespace sori::widgets
