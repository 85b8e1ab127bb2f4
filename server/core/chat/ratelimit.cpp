// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/ratelimit.h"

#include "core/serverconfig.h"

namespace sori::server {

using namespace protocol;

TokenBucket::TokenBucket(qint64 perMinute, qint64 burst, qint64 nowMs)
    : m_perMinute(qMax<qint64>(perMinute, 0))
    , m_capacity(qMax<qint64>(burst, 0) * Unit)
    , m_level(m_capacity)
    , m_last(nowMs)
{ }

void TokenBucket::refill(qint64 nowMs)
{
    if (nowMs <= m_last)
        return; // the same moment, or a clock that went back
    const qint64 elapsed = nowMs - m_last;
    m_last = nowMs;
    // Full again (computed so that a long idle time cannot overflow).
    if (elapsed > (m_capacity - m_level) / m_perMinute)
        m_level = m_capacity;
    else
        m_level += elapsed * m_perMinute;
}

qint64 TokenBucket::waitMs(qint64 nowMs)
{
    if (!limited())
        return 0;
    refill(nowMs);
    if (m_level >= Unit)
        return 0;
    if (m_capacity < Unit)
        return std::numeric_limits<qint64>::max(); // a burst of 0: never
    const qint64 missing = Unit - m_level;
    return (missing + m_perMinute - 1) / m_perMinute;
}

qint64 TokenBucket::take(qint64 nowMs)
{
    const qint64 wait = waitMs(nowMs);
    if (wait == 0 && limited())
        m_level -= Unit;
    return wait;
}

bool TokenBucket::full(qint64 nowMs)
{
    if (!limited())
        return true;
    refill(nowMs);
    return m_level >= m_capacity;
}

qint64 AccountRateLimits::take(qint64 account, RateKind kind, const RateSetting &setting,
                               qint64 nowMs)
{
    if (setting.perMinute <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    auto it = m_accounts.find(account);
    if (it == m_accounts.end()) {
        if (m_accounts.size() >= m_sweepAt)
            sweepLocked(nowMs);
        it = m_accounts.insert(account, {});
    }
    TokenBucket &bucket = (*it)[size_t(kind)];
    if (!bucket.limited())
        bucket = TokenBucket(setting, nowMs);
    return bucket.take(nowMs);
}

qsizetype AccountRateLimits::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_accounts.size();
}

void AccountRateLimits::sweepLocked(qint64 nowMs)
{
    // A full bucket is a new one: forgetting it changes nothing.
    for (auto it = m_accounts.begin(); it != m_accounts.end();) {
        bool idle = true;
        for (TokenBucket &bucket : *it)
            idle = idle && bucket.full(nowMs);
        it = idle ? m_accounts.erase(it) : std::next(it);
    }
    // Sweeping again only once the table has doubled keeps the cost per insertion constant.
    m_sweepAt = qMax<qsizetype>(4096, m_accounts.size() * 2);
}

SessionRateLimiter::SessionRateLimiter(const std::array<RateSetting, RateKindCount> &settings,
                                       int closeMultiple, qint64 nowMs)
    : m_settings(settings)
{
    for (size_t i = 0; i < settings.size(); ++i) {
        const RateSetting &s = settings[i];
        if (s.perMinute <= 0)
            continue;
        m_buckets[i] = TokenBucket(s, nowMs);
        if (closeMultiple > 0)
            m_closeBuckets[i] = TokenBucket(qint64(s.perMinute) * closeMultiple,
                                            qint64(s.burst) * closeMultiple, nowMs);
    }
}

std::array<RateSetting, RateKindCount> SessionRateLimiter::settingsOf(const ServerConfig &config)
{
    std::array<RateSetting, RateKindCount> settings;
    settings[size_t(RateKind::Send)] = config.sendRate;
    settings[size_t(RateKind::Typing)] = config.typingRate;
    settings[size_t(RateKind::Join)] = config.joinRate;
    settings[size_t(RateKind::Read)] = config.readRate;
    settings[size_t(RateKind::CreateRoom)] = config.createRoomRate;
    settings[size_t(RateKind::Search)] = config.searchRate;
    settings[size_t(RateKind::Moderate)] = config.moderateRate;
    settings[size_t(RateKind::Settings)] = config.settingsRate;
    return settings;
}

void SessionRateLimiter::setAccount(AccountRateLimits *accounts, qint64 account)
{
    m_accounts = accounts;
    m_account = account;
}

SessionRateLimiter::Decision SessionRateLimiter::check(RateKind kind, qint64 nowMs)
{
    const size_t k = size_t(kind);
    if (m_exempt || !m_buckets[k].limited())
        return {};
    // Every request counts towards closing, refused ones too.
    if (m_closeBuckets[k].take(nowMs) > 0)
        return {Verdict::Close, 0};
    qint64 wait = m_buckets[k].waitMs(nowMs);
    // The account's bucket is asked only when the session's own would allow it, so that a
    // refusal never takes an account's token.
    if (wait == 0 && m_accounts && m_account >= 0)
        wait = m_accounts->take(m_account, kind, m_settings[k], nowMs);
    if (wait == 0) {
        m_buckets[k].take(nowMs);
        return {};
    }
    if (nowMs >= m_quietUntil[k]) {
        m_quietUntil[k] = nowMs + wait;
        return {Verdict::SlowDown, wait};
    }
    return {Verdict::Refuse, wait};
}

} // namespace sori::server
