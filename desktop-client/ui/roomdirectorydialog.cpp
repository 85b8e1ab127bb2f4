// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/roomdirectorydialog.h"

#include "core/chatsession.h"

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

RoomDirectoryDialog::RoomDirectoryDialog(ChatSession *session, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Join a room"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"roomDirectory"_s);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Room"), tr("Kind"), tr("Online"), tr("Topic")});
    m_list->header()->setStretchLastSection(true);
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
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { accept(); });

    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Rooms on this server:"), this);
    label->setBuddy(m_list);
    layout->addWidget(label);
    layout->addWidget(m_list);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, 380);

    connect(session, &ChatSession::directoryReceived, this,
            [this](const QList<protocol::RoomInfo> &rooms) { show(rooms); });
    session->listRooms();
    m_name->setFocus();
}

QString RoomDirectoryDialog::room() const
{
    return m_name->text().trimmed();
}

void RoomDirectoryDialog::show(const QList<protocol::RoomInfo> &rooms)
{
    m_list->clear();
    for (const protocol::RoomInfo &info : rooms) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, info.name);
        item->setText(1, kindName(info.kind));
        item->setText(2, QString::number(info.online));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, info.topic);
    }
    m_list->resizeColumnToContents(0);
}

} // namespace sori::chat
