// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtWidgets/QLabel>
#include <QtWidgets/QStatusBar>

namespace sori::chat {

// A one-line label that fits any width: a text too long for it ends in "…", and the whole
// text is its tooltip. It never makes the window wider than the screen.
class ElidedLabel : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    using QLabel::QLabel;

    // QLabel::setText, and the tooltip follows (QLabel's is not virtual: call it on this type).
    void setText(const QString &text);
    QString shownText() const; // what fits, as painted
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();
};

// The window's status bar: a passing message (showMessage) too long for the room left by the
// permanent widgets ends in "…", with the whole message as the tooltip, instead of being cut.
class StatusBar : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBar)

public:
    explicit StatusBar(QWidget *parent = nullptr);

    QString shownMessage() const; // the passing message as painted (elided), "" if none
    QRect messageRect() const; // where it is painted: left of the permanent widgets
    // A permanent widget that gives up room while a passing message shows: it keeps at most
    // half the bar then (without one, a long permanent text would leave the message nothing).
    void setYieldingWidget(QWidget *widget);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void shareWidth();
    QWidget *m_yielding = nullptr;
};

} // namespace sori::chat
