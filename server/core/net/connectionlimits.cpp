// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/connectionlimits.h"

using namespace Qt::StringLiterals;

namespace sori::server {

QString ConnectionLimits::sourceKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR v6 = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        v6[i] = 0;
    return QHostAddress(v6).toString() + u"/64"_s;
}

ConnectionLimits::Verdict ConnectionLimits::admit(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_sources.constFind(source);
    const Count count = found == m_sources.cend() ? Count{} : *found;
    Verdict verdict = Verdict::Admitted;
    if (m_caps.total > 0 && m_total >= m_caps.total)
        verdict = Verdict::TotalFull;
    else if (m_caps.perSource > 0 && count.open >= m_caps.perSource)
        verdict = Verdict::SourceFull;
    else if (m_caps.pendingTotal > 0 && m_pending >= m_caps.pendingTotal)
        verdict = Verdict::PendingFull;
    else if (m_caps.pendingPerSource > 0 && count.pending >= m_caps.pendingPerSource)
        verdict = Verdict::SourcePendingFull;
    if (verdict != Verdict::Admitted) {
        m_refused.fetch_add(1, std::memory_order_relaxed);
        return verdict;
    }
    Count &counted = m_sources[source];
    ++counted.open;
    ++counted.pending;
    ++m_total;
    ++m_pending;
    return verdict;
}

void ConnectionLimits::handshakeDone(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sources.find(source);
    if (it == m_sources.end() || it->pending == 0)
        return;
    --it->pending;
    --m_pending;
}

void ConnectionLimits::release(const QString &source, bool pending)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_sources.find(source);
    if (it == m_sources.end())
        return;
    --m_total;
    if (pending && it->pending > 0) {
        --it->pending;
        --m_pending;
    }
    if (--it->open <= 0)
        m_sources.erase(it);
}

int ConnectionLimits::total() const
{
    QMutexLocker lock(&m_mutex);
    return m_total;
}

int ConnectionLimits::pending() const
{
    QMutexLocker lock(&m_mutex);
    return m_pending;
}

int ConnectionLimits::fromSource(const QString &source) const
{
    QMutexLocker lock(&m_mutex);
    return m_sources.value(source).open;
}

const char *ConnectionLimits::describe(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Admitted:
        return "admitted";
    case Verdict::TotalFull:
        return "the server holds limits/max-connections connections";
    case Verdict::SourceFull:
        return "its address holds limits/max-connections-per-address connections";
    case Verdict::PendingFull:
        return "limits/max-pending-handshakes handshakes are under way";
    case Verdict::SourcePendingFull:
        return "its address has limits/max-pending-handshakes-per-address handshakes under way";
    }
    return "?";
}

} // namespace sori::server
