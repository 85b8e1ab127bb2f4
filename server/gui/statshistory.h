// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/monitor.h"

#include <QtCore/QList>

namespace sori::server::gui {

// The figures of the last minutes, one sample a second at most: connections, messages in per
// second and deliveries out per second, worked out from the monitor's running totals.
class StatsHistory
{
public:
    struct Sample
    {
        qint64 time = 0; // ms since the epoch
        int connections = 0;
        double messagesInPerSecond = 0;
        double deliveriesOutPerSecond = 0;
    };

    explicit StatsHistory(int maxSamples = 300, int intervalMs = 1000);

    // Takes a snapshot into account; true if it made a new sample.
    bool add(const MonitorSnapshot &snapshot);
    const QList<Sample> &samples() const { return m_samples; }
    const MonitorTotals &totals() const { return m_lastTotals; }
    int maxSamples() const { return m_maxSamples; }

private:
    const int m_maxSamples;
    const int m_intervalMs;
    QList<Sample> m_samples;
    MonitorTotals m_lastTotals;
    qint64 m_lastTime = 0;
};

} // namespace sori::server::gui
