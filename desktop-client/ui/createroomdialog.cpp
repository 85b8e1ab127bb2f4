// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/createroomdialog.h"

#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;

namespace sori::chat {

CreateRoomDialog::CreateRoomDialog(bool mayAnnounce, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Create a room"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"newRoomEdit"_s);
    m_name->setMaxLength(64);
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Public: anyone may join"), QVariant::fromValue(protocol::RoomKind::Public));
    m_kind->addItem(tr("Private: by invitation"), QVariant::fromValue(protocol::RoomKind::Private));
    if (mayAnnounce)
        m_kind->addItem(tr("Announcements: everyone reads, moderators write"),
                        QVariant::fromValue(protocol::RoomKind::Announcement));
    m_topic = new QLineEdit(this);
    m_topic->setMaxLength(512);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!room().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Topic:"), m_topic);
    form->addRow(buttons);
    setMinimumWidth(400);
}

QString CreateRoomDialog::room() const
{
    return m_name->text().trimmed();
}

protocol::RoomKind CreateRoomDialog::kind() const
{
    return m_kind->currentData().value<protocol::RoomKind>();
}

QString CreateRoomDialog::topic() const
{
    return m_topic->text().trimmed();
}

} // namespace sori::chat
