// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/peopledialog.h"

#include "core/chatsession.h"

#include <QtCore/QTimer>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
QString roleName(protocol::Role role)
{
    switch (role) {
    case protocol::Role::Admin:
        return PeopleDialog::tr("admin");
    case protocol::Role::Moderator:
        return PeopleDialog::tr("moderator");
    case protocol::Role::Member:
    case protocol::Role::Guest:
        break;
    }
    return {};
}
} // namespace

PeopleDialog::PeopleDialog(ChatSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("New conversation"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"peopleSearchEdit"_s);
    m_search->setMaxLength(64);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search by name"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"peopleList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Name"), tr("Status"), tr("Role")});
    m_list->header()->setStretchLastSection(true);
    m_more = new QPushButton(tr("Show &more people"), this);
    m_more->setObjectName(u"morePeopleButton"_s);
    m_more->setVisible(false);
    m_problem = new QLabel(this);
    m_problem->setObjectName(u"peopleProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();
    connect(m_more, &QPushButton::clicked, this,
            [this] { m_session->findPeople(m_search->text().trimmed(), m_last); });
    // As one types, a little after the last key.
    auto *searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this,
            [this] { m_session->findPeople(m_search->text().trimmed()); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    m_open = buttons->button(QDialogButtonBox::Ok);
    m_open->setText(tr("&Open conversation"));
    m_open->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!person().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { m_open->setEnabled(item && !item->isDisabled()); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (!person().isEmpty())
            accept();
    });
    connect(session, &ChatSession::lookupFailed, this, [this](const QString &text) {
        m_problem->setText(text);
        m_problem->show();
    });

    auto *layout = new QVBoxLayout(this);
    auto *searchForm = new QFormLayout;
    searchForm->addRow(tr("&Search:"), m_search);
    layout->addLayout(searchForm);
    layout->addWidget(m_list);
    layout->addWidget(m_more, 0, Qt::AlignLeft);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(520, 400);

    connect(session, &ChatSession::peopleFound, this, &PeopleDialog::showPeople);
    session->findPeople({});
    m_search->setFocus();
}

QString PeopleDialog::person() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item && !item->isDisabled() ? item->text(0) : QString();
}

QString PeopleDialog::presenceText(const protocol::Person &person)
{
    if (person.online) {
        switch (person.status) {
        case protocol::PresenceStatus::Away:
            return tr("away");
        case protocol::PresenceStatus::Dnd:
            return tr("do not disturb");
        case protocol::PresenceStatus::Online:
            break;
        }
        return tr("online");
    }
    if (person.lastSeen > 0)
        return tr("last seen %1").arg(ChatSession::localTime(person.lastSeen));
    return tr("offline");
}

void PeopleDialog::showPeople(const QString &query, const QList<protocol::Person> &people,
                              bool appended, bool more)
{
    if (query != m_search->text().trimmed())
        return; // the answer to an earlier search
    m_problem->hide();
    if (!appended)
        m_list->clear();
    if (!people.isEmpty())
        m_last = people.constLast().name;
    m_more->setVisible(more);
    for (const protocol::Person &person : people) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, person.name);
        item->setText(1, presenceText(person));
        item->setText(2, roleName(person.role));
        // No conversation with oneself.
        if (person.name.compare(m_session->userName(), Qt::CaseInsensitive) == 0)
            item->setDisabled(true);
    }
    m_list->resizeColumnToContents(0);
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0) {
        for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
            if (!m_list->topLevelItem(i)->isDisabled()) {
                m_list->setCurrentItem(m_list->topLevelItem(i));
                break;
            }
        }
    }
}

} // namespace sori::chat
