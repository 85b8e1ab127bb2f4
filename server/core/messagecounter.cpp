// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/messagecounter.h"

#include "core/store/storage.h"

#include <QtCore/QSet>

namespace sori::server {

void MessageCounter::count(const QList<PendingMessage> &batch)
{
    qint64 stored = 0;
    QMutexLocker lock(&m_mutex);
    for (const PendingMessage &message : batch) {
        if (message.duplicate)
            continue;
        ++m_perSession[message.session];
        ++stored;
    }
    m_total.fetch_add(stored, std::memory_order_relaxed);
}

QHash<quint64, qint64> MessageCounter::takeCounts(const QList<quint64> &sessionsStillThere)
{
    const QSet<quint64> there(sessionsStillThere.cbegin(), sessionsStillThere.cend());
    QMutexLocker lock(&m_mutex);
    m_perSession.removeIf([&](const auto &entry) { return !there.contains(entry.key()); });
    return m_perSession;
}

} // namespace sori::server
