// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/serverconfig.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QMutex>

#include <array>

namespace sori::server {

// A token bucket. It starts full. Times are milliseconds from any fixed origin (the caller's
// monotonic clock); a clock that goes back refills nothing. Exact: tokens are counted in
// 1/60,000ths, so that a millisecond adds exactly perMinute of them.
class TokenBucket
{
public:
    TokenBucket() = default; // no limit
    TokenBucket(const RateSetting &setting, qint64 nowMs)
        : TokenBucket(setting.perMinute, setting.burst, nowMs)
    { }
    TokenBucket(qint64 perMinute, qint64 burst, qint64 nowMs);

    bool limited() const { return m_perMinute > 0; }
    // Milliseconds until a token is there (0: there is one now). Takes nothing.
    qint64 waitMs(qint64 nowMs);
    // Takes a token and returns 0 if there is one; else takes nothing and returns the wait.
    qint64 take(qint64 nowMs);
    // Whether the bucket is full at nowMs (it has been idle long enough to forget).
    bool full(qint64 nowMs);

private:
    static constexpr qint64 Unit = 60'000; // one token
    void refill(qint64 nowMs);

    qint64 m_perMinute = 0;
    qint64 m_capacity = 0; // in 1/Unit tokens
    qint64 m_level = 0;
    qint64 m_last = 0;
};

inline constexpr int RateKindCount = int(protocol::RateKind::Settings) + 1;

// The buckets of every signed-in account, shared by all its sessions on every worker thread.
// Guarded by its own mutex (never the hub's). An entry whose buckets are all full again is
// forgotten when the table grows, so its size follows the accounts active lately.
class AccountRateLimits
{
public:
    // Takes a token from the account's bucket of this kind: 0 if there was one, else the wait.
    qint64 take(qint64 account, protocol::RateKind kind, const RateSetting &setting, qint64 nowMs);
    qsizetype size() const;

private:
    void sweepLocked(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<qint64, std::array<TokenBucket, RateKindCount>> m_accounts;
    qsizetype m_sweepAt = 4096;
};

// The rate limits of one session: its own buckets, its account's (if it has one), and what
// to do when a request is over the limit. Used on the session's thread only.
//  - within the limit: Allow;
//  - over it: SlowDown the first time (and again once the announced wait has passed), else
//    Refuse; the request is refused (or, for typing, dropped) either way;
//  - more than closeMultiple times the rate for longer than closeMultiple times the burst
//    allows (every request of the kind counts, refused ones included): Close (code 4004).
class SessionRateLimiter
{
public:
    enum class Verdict { Allow, SlowDown, Refuse, Close };
    struct Decision
    {
        Verdict verdict = Verdict::Allow;
        qint64 waitMs = 0; // SlowDown and Refuse: when the next request of the kind may come
    };

    SessionRateLimiter(const std::array<RateSetting, RateKindCount> &settings, int closeMultiple,
                       qint64 nowMs);
    static std::array<RateSetting, RateKindCount> settingsOf(const ServerConfig &config);

    // The account's buckets count too (account >= 0); accounts may be null (no sharing).
    void setAccount(AccountRateLimits *accounts, qint64 account);
    // Exempt sessions are always allowed (moderators and admins, if configured).
    void setExempt(bool exempt) { m_exempt = exempt; }

    Decision check(protocol::RateKind kind, qint64 nowMs);

private:
    std::array<RateSetting, RateKindCount> m_settings;
    std::array<TokenBucket, RateKindCount> m_buckets;
    std::array<TokenBucket, RateKindCount> m_closeBuckets; // closeMultiple times the limit
    std::array<qint64, RateKindCount> m_quietUntil{}; // no second slow_down before this
    AccountRateLimits *m_accounts = nullptr;
    qint64 m_account = -1;
    bool m_exempt = false;
};

} // namespace sori::server
