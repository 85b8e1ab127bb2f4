// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/statshistory.h"

namespace sori::server::gui {

StatsHistory::StatsHistory(int maxSamples, int intervalMs)
    : m_maxSamples(qMax(2, maxSamples)), m_intervalMs(qMax(1, intervalMs))
{ }

bool StatsHistory::add(const MonitorSnapshot &snapshot)
{
    if (m_lastTime == 0) {
        m_lastTime = snapshot.takenAt;
        m_lastTotals = snapshot.totals;
        return false;
    }
    const qint64 elapsed = snapshot.takenAt - m_lastTime;
    if (elapsed < m_intervalMs)
        return false;
    const double seconds = double(elapsed) / 1000.0;
    Sample sample;
    sample.time = snapshot.takenAt;
    sample.connections = int(snapshot.connections.size());
    sample.messagesInPerSecond =
        double(snapshot.totals.messagesIn - m_lastTotals.messagesIn) / seconds;
    sample.deliveriesOutPerSecond =
        double(snapshot.totals.deliveriesOut - m_lastTotals.deliveriesOut) / seconds;
    m_samples.append(sample);
    if (m_samples.size() > m_maxSamples)
        m_samples.remove(0, m_samples.size() - m_maxSamples);
    m_lastTime = snapshot.takenAt;
    m_lastTotals = snapshot.totals;
    return true;
}

} // namespace sori::server::gui
