// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/roomdirectorydialog.h"

#include "core/chatsession.h"

#include <QtCore/QTimer>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
QString kindName(protocol::RoomKind kind)
{
    switch (kind) {
    case protocol::RoomKind::Public:
        return RoomDirectoryDialog::tr("public");
    case protocol::RoomKind::Private:
        return RoomDirectoryDialog::tr("private");
    case protocol::RoomKind::Announcement:
        return RoomDirectoryDialog::tr("announcements");
    case protocol::RoomKind::Direct:
        return RoomDirectoryDialog::tr("direct");
    }
    return {};
}
} // namespace

RoomDirectoryDialog::RoomDirectoryDialog(ChatSession *session, QWidget *parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Join a room"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"roomDirectory"_s);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Room"), tr("Kind"), tr("Online"), tr("Topic")});
    m_list->header()->setStretchLastSection(true);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"roomSearchEdit"_s);
    m_search->setMaxLength(64);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search by name"));
    m_more = new QPushButton(tr("Show &more rooms"), this);
    m_more->setObjectName(u"moreRoomsButton"_s);
    m_more->setVisible(false);
    connect(m_more, &QPushButton::clicked, this,
            [this] { m_session->listRooms(m_search->text().trimmed(), m_last); });
    auto *searchDelay = new QTimer(this);
    searchDelay->setSingleShot(true);
    searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, searchDelay, qOverload<>(&QTimer::start));
    connect(searchDelay, &QTimer::timeout, this,
            [this] { m_session->listRooms(m_search->text().trimmed()); });
    m_unarchive = new QPushButton(tr("Take out of the &archive"), this);
    m_unarchive->setObjectName(u"unarchiveButton"_s);
    m_unarchive->setToolTip(tr("Let everyone post in the selected archived room again"));
    m_unarchive->setVisible(session->role() == protocol::Role::Admin);
    m_unarchive->setEnabled(false);
    connect(m_unarchive, &QPushButton::clicked, this, [this] {
        if (const QTreeWidgetItem *item = m_list->currentItem())
            m_session->unarchiveRoom(item->text(0));
    });
    // Once it is done, the list says so: read it again.
    connect(session->client(), &ChatClient::done, this, [this](const protocol::Done &done) {
        if (done.action == u"unarchive_room"_s)
            m_session->listRooms(m_search->text().trimmed());
    });
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"roomNameEdit"_s);
    m_name->setMaxLength(64);
    auto *form = new QFormLayout;
    form->addRow(tr("&Room:"), m_name);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Join"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!room().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            m_name->setText(item->text(0));
        m_unarchive->setEnabled(item && item->data(0, Qt::UserRole).toBool());
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { accept(); });

    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Rooms on this server:"), this);
    label->setBuddy(m_list);
    layout->addWidget(label);
    auto *searchForm = new QFormLayout;
    searchForm->addRow(tr("&Search:"), m_search);
    layout->addLayout(searchForm);
    layout->addWidget(m_list);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_more);
    listButtons->addStretch();
    listButtons->addWidget(m_unarchive);
    layout->addLayout(listButtons);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, 380);

    connect(session, &ChatSession::directoryPageReceived, this, &RoomDirectoryDialog::show);
    session->listRooms();
    m_name->setFocus();
}

QString RoomDirectoryDialog::room() const
{
    return m_name->text().trimmed();
}

void RoomDirectoryDialog::show(const QString &query, const QList<protocol::RoomInfo> &rooms,
                               bool appended, bool more)
{
    if (query != m_search->text().trimmed())
        return; // the answer to an earlier search
    if (!appended) {
        m_list->clear();
        m_unarchive->setEnabled(false);
    }
    if (!rooms.isEmpty())
        m_last = rooms.constLast().name;
    m_more->setVisible(more);
    for (const protocol::RoomInfo &info : rooms) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, info.name);
        item->setText(
            1, info.archived ? tr("%1, archived").arg(kindName(info.kind)) : kindName(info.kind));
        item->setData(0, Qt::UserRole, info.archived);
        item->setText(2, QString::number(info.online));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, info.topic);
    }
    m_list->resizeColumnToContents(0);
}

} // namespace sori::chat
