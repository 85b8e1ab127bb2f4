// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/sanctiondialog.h"

#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {

constexpr qint64 Hour = 60;
constexpr qint64 Day = 24 * Hour;

} // namespace

SanctionDialog::SanctionDialog(Kind kind, const QString &user, const QString &room, QWidget *parent)
    : QDialog(parent), m_kind(kind)
{
    setObjectName(u"sanctionDialog"_s);
    auto *question = new QLabel(this);
    question->setTextFormat(Qt::PlainText); // names are the users' own words
    question->setWordWrap(true);
    QString action;
    switch (kind) {
    case Kind::Kick:
        setWindowTitle(tr("Kick %1").arg(user));
        question->setText(tr("Disconnect %1 now? They can come back at once.").arg(user));
        action = tr("&Kick");
        break;
    case Kind::Mute:
        setWindowTitle(tr("Mute %1").arg(user));
        question->setText(tr("Stop %1 from posting in #%2?").arg(user, room));
        action = tr("&Mute");
        break;
    case Kind::Ban:
        setWindowTitle(tr("Ban %1").arg(user));
        question->setText(
            tr("Ban %1 from this server? They are signed out and cannot sign in.").arg(user));
        action = tr("&Ban");
        break;
    }
    if (kind != Kind::Kick) {
        m_duration = new QComboBox(this);
        m_duration->setObjectName(u"sanctionDuration"_s);
        if (kind == Kind::Mute) {
            m_duration->addItem(tr("For 10 minutes"), qint64(10));
            m_duration->addItem(tr("For an hour"), Hour);
            m_duration->addItem(tr("For a day"), Day);
            m_duration->addItem(tr("Until lifted"), qint64(0));
        } else {
            m_duration->addItem(tr("For an hour"), Hour);
            m_duration->addItem(tr("For a day"), Day);
            m_duration->addItem(tr("For a week"), 7 * Day);
            m_duration->addItem(tr("For good"), qint64(0));
            m_duration->setCurrentIndex(1);
        }
    }
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"sanctionReason"_s);
    m_reason->setMaxLength(MaxReasonLength);
    m_reason->setPlaceholderText(tr("optional: they are told it"));
    m_reason->setClearButtonEnabled(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(action);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(question);
    if (m_duration)
        form->addRow(tr("&How long:"), m_duration);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(buttons);
    setMinimumWidth(380);
}

qint64 SanctionDialog::minutes() const
{
    return m_duration ? m_duration->currentData().toLongLong() : 0;
}

QString SanctionDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace sori::chat
