// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QString>
#include <QtNetwork/QHostAddress>

#include <atomic>

namespace sori::server {

// How many connections the server holds, in all and per source, and how many of them have not
// finished their HTTP request yet (pending handshakes). The listener asks admit() before it hands
// a new descriptor to a worker; the connection gives its place back as it upgrades (handshake
// done) and as it ends. Thread-safe: the listener admits on the main thread, connections end on
// the workers.
//
// A source is an IPv4 address, or the /64 an IPv6 address belongs to (one host usually has a
// whole /64, and picking a fresh address in it costs nothing).
class ConnectionLimits
{
public:
    struct Caps
    {
        int total = 0; // 0: no cap
        int perSource = 0; // 0: no cap
        int pendingTotal = 0; // handshakes under way, in all; 0: no cap
        int pendingPerSource = 0; // and from one source; 0: no cap
    };
    enum class Verdict { Admitted, TotalFull, SourceFull, PendingFull, SourcePendingFull };

    explicit ConnectionLimits(Caps caps) : m_caps(caps) { }

    // The key connections from `address` are counted under.
    static QString sourceKey(const QHostAddress &address);

    // Counts a new connection from `source` (pending) unless a cap is reached.
    Verdict admit(const QString &source);
    // The connection from `source` finished its handshake (it is no longer pending).
    void handshakeDone(const QString &source);
    // The connection from `source` is gone; `pending`: it never finished its handshake.
    void release(const QString &source, bool pending);

    const Caps &caps() const { return m_caps; }
    int total() const;
    int pending() const;
    int fromSource(const QString &source) const;
    // Connections refused since the start, whatever the cap.
    qint64 refused() const { return m_refused.load(std::memory_order_relaxed); }
    static const char *describe(Verdict verdict);

private:
    struct Count
    {
        int open = 0;
        int pending = 0;
    };
    const Caps m_caps;
    mutable QMutex m_mutex;
    QHash<QString, Count> m_sources;
    int m_total = 0;
    int m_pending = 0;
    std::atomic<qint64> m_refused = 0;
};

} // namespace sori::server
