// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/actiondialogs.h"

#include "gui/labels.h"

#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sori::server::gui {

namespace {
QComboBox *durations(QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItem(Labels::tr("10 minutes"), 10);
    box->addItem(Labels::tr("1 hour"), 60);
    box->addItem(Labels::tr("1 day"), 24 * 60);
    box->addItem(Labels::tr("1 week"), 7 * 24 * 60);
    box->addItem(Labels::tr("For good"), 0);
    box->setCurrentIndex(1);
    return box;
}

QDialogButtonBox *buttons(QDialog *dialog, const QString &okText)
{
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    box->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return box;
}
} // namespace

BanDialog::BanDialog(const QString &user, const QString &address,
                     const QStringList &othersAtAddress, QWidget *parent)
    : QDialog(parent), m_user(user), m_address(address), m_others(othersAtAddress)
{
    m_question = new QLabel(this);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setWordWrap(true);
    m_duration = durations(this);
    m_reason = new QLineEdit(this);
    m_reason->setMaxLength(512);
    m_reason->setPlaceholderText(tr("Shown to the user"));
    m_byAddress = new QCheckBox(tr("Ban the address %1 instead of the name").arg(address), this);
    m_byAddress->setEnabled(!address.isEmpty());
    // The reason first: the duration has a sensible default, the reason is what gets typed.
    auto *form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(tr("For:"), m_duration);
    form->addRow(m_byAddress);
    auto *box = buttons(this, {});
    m_ok = box->button(QDialogButtonBox::Ok);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addLayout(form);
    layout->addWidget(box);
    connect(m_byAddress, &QCheckBox::toggled, this, &BanDialog::updateTarget);
    updateTarget();
    m_reason->setFocus();
}

void BanDialog::updateTarget()
{
    if (m_byAddress->isChecked()) {
        setWindowTitle(tr("Ban the address %1?").arg(m_address));
        QString text = tr("Ban the address %1? Everyone connecting from it is refused until the "
                          "ban runs out; %2 is disconnected at once.")
                           .arg(m_address, m_user);
        if (!m_others.isEmpty())
            text += u"\n"_s
                + tr("Also connected from there now, and disconnected too: %1.")
                      .arg(m_others.join(tr(", ")));
        m_question->setText(text);
        m_ok->setText(tr("Ban %1").arg(m_address));
    } else {
        setWindowTitle(tr("Ban %1?").arg(m_user));
        m_question->setText(
            tr("Ban %1? %1 is disconnected at once and cannot come back until the ban runs out.")
                .arg(m_user));
        m_ok->setText(tr("Ban %1").arg(m_user));
    }
}

QString BanDialog::question() const
{
    return m_question->text();
}

QString BanDialog::target() const
{
    return m_byAddress->isChecked() ? m_address : m_user;
}

int BanDialog::minutes() const
{
    return m_duration->currentData().toInt();
}

QString BanDialog::reason() const
{
    return m_reason->text().trimmed();
}

MuteDialog::MuteDialog(const QString &user, const QStringList &rooms, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Mute %1?").arg(user));
    m_room = new QComboBox(this);
    m_room->addItem(tr("Everywhere"), QString());
    for (const QString &room : rooms)
        m_room->addItem(room, room);
    m_duration = durations(this);
    m_reason = new QLineEdit(this);
    m_reason->setMaxLength(512);
    m_reason->setPlaceholderText(tr("Shown to the user"));
    auto *intro =
        new QLabel(tr("Mute %1? %1 stays online but cannot send messages.").arg(user), this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    // The reason first, as in the ban dialog: where and how long have sensible defaults.
    auto *form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(tr("In:"), m_room);
    form->addRow(tr("For:"), m_duration);
    auto *box = buttons(this, tr("Mute %1").arg(user));
    m_ok = box->button(QDialogButtonBox::Ok);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(box);
    m_reason->setFocus();
}

QString MuteDialog::room() const
{
    return m_room->currentData().toString();
}

int MuteDialog::minutes() const
{
    return m_duration->currentData().toInt();
}

QString MuteDialog::reason() const
{
    return m_reason->text().trimmed();
}

CreateRoomDialog::CreateRoomDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Create a room"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("letters, digits, - _ ."));
    m_kind = new QComboBox(this);
    for (const auto kind : {protocol::RoomKind::Public, protocol::RoomKind::Private,
                            protocol::RoomKind::Announcement})
        m_kind->addItem(Labels::roomKind(kind), int(kind));
    m_topic = new QLineEdit(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(tr("Topic:"), m_topic);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons(this, tr("Create")));
}

QString CreateRoomDialog::name() const
{
    return m_name->text().trimmed();
}

protocol::RoomKind CreateRoomDialog::kind() const
{
    return protocol::RoomKind(m_kind->currentData().toInt());
}

QString CreateRoomDialog::topic() const
{
    return m_topic->text().trimmed();
}

AnnounceDialog::AnnounceDialog(const QStringList &rooms, const QString &selected, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Send an announcement"));
    m_room = new QComboBox(this);
    m_room->addItem(tr("Everyone online"), QString());
    for (const QString &room : rooms)
        m_room->addItem(room, room);
    m_text = new QPlainTextEdit(this);
    // What happens to it depends on where it goes: say so where it is typed.
    const auto explain = [this] {
        m_text->setPlaceholderText(
            room().isEmpty()
                ? tr("Shown once to everyone online, whatever rooms they are in; not kept in "
                     "any room's history.")
                : tr("Sent as a message from \"server\" in this room and kept in its history."));
    };
    connect(m_room, &QComboBox::currentIndexChanged, this, explain);
    m_room->setCurrentIndex(qMax(0, m_room->findData(selected)));
    explain();
    auto *form = new QFormLayout;
    form->addRow(tr("To:"), m_room);
    form->addRow(tr("Text:"), m_text);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons(this, tr("Send")));
    // The text is what gets typed; the room defaults to the selected one or everyone.
    m_text->setFocus();
}

QString AnnounceDialog::room() const
{
    return m_room->currentData().toString();
}

QString AnnounceDialog::text() const
{
    return m_text->toPlainText().trimmed();
}

DeleteMessageDialog::DeleteMessageDialog(const QStringList &rooms, const QString &selected,
                                         QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Delete a message"));
    m_room = new QComboBox(this);
    m_room->addItems(rooms);
    m_room->setCurrentIndex(qMax(0, rooms.indexOf(selected)));
    m_seq = new QSpinBox(this);
    m_seq->setRange(1, std::numeric_limits<int>::max());
    auto *intro = new QLabel(tr("The message's text is removed for good, from the history and "
                                "from every client that shows it."));
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Room:"), m_room);
    form->addRow(tr("Message number:"), m_seq);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons(this, tr("Delete")));
}

QString DeleteMessageDialog::room() const
{
    return m_room->currentText();
}

qint64 DeleteMessageDialog::seq() const
{
    return m_seq->value();
}

ListenDialog::ListenDialog(const QHostAddress &address, quint16 port, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Listen on"));
    m_address = new QLineEdit(this);
    m_address->setPlaceholderText(tr("every address"));
    if (address != QHostAddress::Any && !address.isNull())
        m_address->setText(address.toString());
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setValue(port);
    m_port->setSpecialValueText(tr("any free port"));
    auto *note = new QLabel(tr("Open connections stay; new ones come to the new address. The "
                               "choice is remembered for the next start."));
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Port:"), m_port);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    auto *box = buttons(this, tr("Listen"));
    m_ok = box->button(QDialogButtonBox::Ok);
    layout->addWidget(box);
    connect(m_address, &QLineEdit::textChanged, this, &ListenDialog::check);
}

void ListenDialog::check()
{
    const QString text = m_address->text().trimmed();
    m_ok->setEnabled(text.isEmpty() || !QHostAddress(text).isNull());
}

QHostAddress ListenDialog::address() const
{
    const QString text = m_address->text().trimmed();
    return text.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(text);
}

quint16 ListenDialog::port() const
{
    return quint16(m_port->value());
}

} // namespace sori::server::gui
