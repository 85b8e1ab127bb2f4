// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QMutex>

#include <atomic>

namespace sori::server {

struct PendingMessage;

// Counts the stored chat messages per sending session. Thread-safe; called once per group
// commit on the storage thread (one lock per batch, not per message).
class MessageCounter
{
public:
    void count(const QList<PendingMessage> &batch);
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    // The counts of the sessions given; the others are forgotten.
    QHash<quint64, qint64> takeCounts(const QList<quint64> &sessionsStillThere);

private:
    mutable QMutex m_mutex;
    QHash<quint64, qint64> m_perSession;
    std::atomic<qint64> m_total = 0;
};

} // namespace sori::server
