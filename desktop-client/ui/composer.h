// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QPlainTextEdit>

namespace sori::chat {

// Where a message is written: Enter sends it, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)

public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &text);
    // The text changed by typing (not by clearing it after sending).
    void edited(bool empty);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool m_clearing = false;
};

} // namespace sori::chat
