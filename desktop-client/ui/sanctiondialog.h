// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QDialog>

class QComboBox;
class QLineEdit;

namespace sori::chat {

// Asks a moderator for what a kick, mute or ban needs: how long (mute and ban) and why. The
// reason is the moderator's own words: the person is told it, and it is kept in the audit log
// and shown in the list of sanctions.
class SanctionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SanctionDialog)

public:
    enum class Kind { Kick, Mute, Ban };
    // The longest reason taken: the person reads it in a close frame's reason, which is short.
    static constexpr int MaxReasonLength = 100;

    // room: where a mute applies (shown in the question).
    SanctionDialog(Kind kind, const QString &user, const QString &room, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    // Minutes; 0: until lifted (mute) or for good (ban). Always 0 for a kick.
    qint64 minutes() const;
    QString reason() const;
    QComboBox *durationBox() const { return m_duration; }
    QLineEdit *reasonEdit() const { return m_reason; }

private:
    const Kind m_kind;
    QComboBox *m_duration = nullptr;
    QLineEdit *m_reason;
};

} // namespace sori::chat
