// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/statschart.h"

#include <QtCore/QLocale>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

#include <functional>

namespace sori::server::gui {

StatsChart::StatsChart(const StatsHistory *history, QWidget *parent)
    : QWidget(parent), m_history(history)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize StatsChart::sizeHint() const
{
    return {560, 330};
}

QSize StatsChart::minimumSizeHint() const
{
    return {240, 180};
}

void StatsChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    const QList<StatsHistory::Sample> &samples = m_history->samples();
    struct Series
    {
        QString title;
        QColor color;
        std::function<double(const StatsHistory::Sample &)> value;
        bool whole;
    };
    const Series series[] = {
        {tr("Connections"), QColor(0x2e, 0x7d, 0x32),
         [](const StatsHistory::Sample &s) { return double(s.connections); }, true},
        {tr("Messages in per second"), QColor(0x15, 0x65, 0xc0),
         [](const StatsHistory::Sample &s) { return s.messagesInPerSecond; }, false},
        {tr("Deliveries out per second"), QColor(0xc6, 0x28, 0x28),
         [](const StatsHistory::Sample &s) { return s.deliveriesOutPerSecond; }, false},
    };
    const int count = int(std::size(series));
    const int gap = 8;
    const int panelHeight = (height() - gap * (count + 1)) / count;
    const QFontMetrics metrics(font());
    // At least a minute wide, then as wide as the history grows (up to its five minutes).
    const int span =
        qBound(qMin(60, m_history->maxSamples()), int(samples.size()), m_history->maxSamples());
    for (int i = 0; i < count; ++i) {
        const Series &s = series[i];
        const QRect panel(gap, gap + i * (panelHeight + gap), width() - 2 * gap, panelHeight);
        painter.setPen(palette().mid().color());
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(panel.adjusted(0, 0, -1, -1));
        double peak = 0;
        for (const StatsHistory::Sample &sample : samples)
            peak = qMax(peak, s.value(sample));
        const double top = peak <= 0 ? 1.0 : peak * 1.15;
        const double last = samples.isEmpty() ? 0 : s.value(samples.constLast());
        const QString current = s.whole ? QLocale().toString(qRound64(last))
                                        : QLocale().toString(last, 'f', last < 10 ? 1 : 0);
        painter.setPen(palette().text().color());
        const QRect titleRect = panel.adjusted(6, 2, -6, 0);
        painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop, s.title);
        painter.setPen(s.color);
        painter.drawText(titleRect, Qt::AlignRight | Qt::AlignTop,
                         tr("now %1 · peak %2")
                             .arg(current,
                                  s.whole ? QLocale().toString(qRound64(peak))
                                          : QLocale().toString(peak, 'f', 0)));
        const QRect plot = panel.adjusted(4, metrics.height() + 4, -4, -4);
        if (samples.size() < 2 || plot.height() < 4)
            continue;
        const double step = double(plot.width()) / double(span - 1);
        const double x0 = plot.right() - step * double(samples.size() - 1);
        QPainterPath line;
        for (int k = 0; k < samples.size(); ++k) {
            const double x = x0 + step * k;
            const double y = plot.bottom() - s.value(samples.at(k)) / top * plot.height();
            if (k == 0)
                line.moveTo(x, y);
            else
                line.lineTo(x, y);
        }
        QPainterPath area = line;
        area.lineTo(x0 + step * double(samples.size() - 1), plot.bottom());
        area.lineTo(x0, plot.bottom());
        area.closeSubpath();
        QColor fill = s.color;
        fill.setAlpha(40);
        painter.fillPath(area, fill);
        painter.setPen(QPen(s.color, 1.5));
        painter.drawPath(line);
    }
}

} // namespace sori::server::gui
