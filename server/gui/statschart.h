// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "gui/statshistory.h"

#include <QtWidgets/QWidget>

namespace sori::server::gui {

// Three small line charts, one above the other: connections, messages in per second and
// deliveries out per second over the samples of a StatsHistory. Drawn with QPainter; repainted
// when told (once a second), never per message.
class StatsChart : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsChart)

public:
    explicit StatsChart(const StatsHistory *history, QWidget *parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const StatsHistory *m_history;
};

} // namespace sori::server::gui
