// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/ratelimit.h"
#include "core/serverconfig.h"

#include <QtTest/QTest>

using namespace sori::server;
using sori::protocol::RateKind;
using Verdict = SessionRateLimiter::Verdict;

// The token bucket and the escalation of one session, at their edges, on a clock the test
// moves by hand (milliseconds).
class tst_RateLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketStartsFullAndEmptiesAtTheBurst();
    void bucketRefillsAtTheRateExactly();
    void bucketNeverHoldsMoreThanTheBurst();
    void bucketSurvivesALongIdleAndAClockGoingBack();
    void noLimitWhenTheRateIsZero();
    void sessionSlowsDownThenRefusesThenCloses();
    void slowDownComesAgainOnlyAfterTheAnnouncedWait();
    void kindsAreCountedApart();
    void accountBucketIsSharedBySessions();
    void exemptSessionIsNeverLimited();
    void idleAccountsAreForgotten();
    void defaultsComeFromTheConfig();
};

void tst_RateLimit::bucketStartsFullAndEmptiesAtTheBurst()
{
    TokenBucket bucket(RateSetting{60, 3}, 1000); // one a second, three at once
    QVERIFY(bucket.limited());
    QCOMPARE(bucket.take(1000), 0);
    QCOMPARE(bucket.take(1000), 0);
    QCOMPARE(bucket.take(1000), 0);
    // The fourth at the same moment: a whole second to wait, and nothing was taken.
    QCOMPARE(bucket.take(1000), 1000);
    QCOMPARE(bucket.waitMs(1000), 1000);
}

void tst_RateLimit::bucketRefillsAtTheRateExactly()
{
    TokenBucket bucket(RateSetting{60, 1}, 0);
    QCOMPARE(bucket.take(0), 0);
    QCOMPARE(bucket.take(1), 999);
    QCOMPARE(bucket.take(999), 1); // one millisecond short
    QCOMPARE(bucket.take(1000), 0); // exactly one token
    QCOMPARE(bucket.take(1000), 1000);

    // 7 a minute: a token every 8571.43 ms, rounded up when told how long to wait.
    TokenBucket odd(RateSetting{7, 1}, 0);
    QCOMPARE(odd.take(0), 0);
    QCOMPARE(odd.take(0), 8572);
    QCOMPARE(odd.take(8571), 1);
    QCOMPARE(odd.take(8572), 0);
}

void tst_RateLimit::bucketNeverHoldsMoreThanTheBurst()
{
    TokenBucket bucket(RateSetting{600, 2}, 0); // ten a second
    QCOMPARE(bucket.take(0), 0);
    QCOMPARE(bucket.take(0), 0);
    // A minute idle refills two tokens, not 600.
    QVERIFY(bucket.full(60'000));
    QCOMPARE(bucket.take(60'000), 0);
    QCOMPARE(bucket.take(60'000), 0);
    QCOMPARE(bucket.take(60'000), 100);
}

void tst_RateLimit::bucketSurvivesALongIdleAndAClockGoingBack()
{
    TokenBucket bucket(RateSetting{6'000'000, 1'000'000}, 0); // the largest configurable
    for (int i = 0; i < 10; ++i)
        QCOMPARE(bucket.take(0), 0);
    // Years later: full, not overflowed.
    const qint64 later = qint64(10) * 365 * 24 * 3600 * 1000;
    QVERIFY(bucket.full(later));
    QCOMPARE(bucket.take(later), 0);
    // The clock goes back: no refill, no harm.
    TokenBucket small(RateSetting{60, 1}, 5000);
    QCOMPARE(small.take(5000), 0);
    QCOMPARE(small.take(1000), 1000);
    QCOMPARE(small.take(5999), 1);
    QCOMPARE(small.take(6000), 0);
}

void tst_RateLimit::noLimitWhenTheRateIsZero()
{
    TokenBucket none;
    QVERIFY(!none.limited());
    QCOMPARE(none.take(0), 0);
    std::array<RateSetting, RateKindCount> settings{}; // all zero
    SessionRateLimiter limiter(settings, 10, 0);
    for (int i = 0; i < 100'000; ++i)
        QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
}

void tst_RateLimit::sessionSlowsDownThenRefusesThenCloses()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 5}; // one a second, five at once
    SessionRateLimiter limiter(settings, 4, 0); // closed past 4 times that
    // The burst passes.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
    // The first one over: slow down, with the wait.
    const auto first = limiter.check(RateKind::Send, 0);
    QCOMPARE(first.verdict, Verdict::SlowDown);
    QCOMPARE(first.waitMs, 1000);
    // Then refusals: 4 × 5 = 20 requests in all may come at once before the close.
    for (int i = 7; i <= 20; ++i) {
        const auto refused = limiter.check(RateKind::Send, 0);
        QCOMPARE(refused.verdict, Verdict::Refuse);
        QCOMPARE(refused.waitMs, 1000);
    }
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Close);

    // Keeping to 4 times the rate is refused, never closed.
    SessionRateLimiter steady(settings, 4, 0);
    int allowed = 0;
    for (qint64 now = 0; now < 60'000; now += 250) { // 4 a second for a minute
        const auto decision = steady.check(RateKind::Send, now);
        QVERIFY(decision.verdict != Verdict::Close);
        allowed += decision.verdict == Verdict::Allow;
    }
    // What passed is the burst and the rate: 5 + 60, give or take the last token.
    QVERIFY2(allowed >= 64 && allowed <= 65, qPrintable(QString::number(allowed)));

    // close-multiple 0: never closed.
    SessionRateLimiter never(settings, 0, 0);
    for (int i = 0; i < 10'000; ++i)
        QVERIFY(never.check(RateKind::Send, 0).verdict != Verdict::Close);
}

void tst_RateLimit::slowDownComesAgainOnlyAfterTheAnnouncedWait()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 1};
    SessionRateLimiter limiter(settings, 0, 0);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::SlowDown); // wait 1000
    QCOMPARE(limiter.check(RateKind::Send, 500).verdict, Verdict::Refuse);
    QCOMPARE(limiter.check(RateKind::Send, 999).verdict, Verdict::Refuse);
    QCOMPARE(limiter.check(RateKind::Send, 1000).verdict, Verdict::Allow);
    // Over again after the wait: told again.
    const auto again = limiter.check(RateKind::Send, 1000);
    QCOMPARE(again.verdict, Verdict::SlowDown);
    QCOMPARE(again.waitMs, 1000);
}

void tst_RateLimit::kindsAreCountedApart()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 1};
    settings[size_t(RateKind::Typing)] = {60, 1};
    SessionRateLimiter limiter(settings, 0, 0);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::SlowDown);
    QCOMPARE(limiter.check(RateKind::Typing, 0).verdict, Verdict::Allow);
    QCOMPARE(limiter.check(RateKind::Join, 0).verdict, Verdict::Allow); // no limit set
}

void tst_RateLimit::accountBucketIsSharedBySessions()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 3};
    AccountRateLimits accounts;
    SessionRateLimiter desktop(settings, 0, 0), web(settings, 0, 0), other(settings, 0, 0);
    desktop.setAccount(&accounts, 7);
    web.setAccount(&accounts, 7);
    other.setAccount(&accounts, 8);
    QCOMPARE(desktop.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(web.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(desktop.check(RateKind::Send, 0).verdict, Verdict::Allow);
    // Three for the account: the web session's second is over, though its own bucket is not.
    const auto over = web.check(RateKind::Send, 0);
    QCOMPARE(over.verdict, Verdict::SlowDown);
    QCOMPARE(over.waitMs, 1000);
    // Another account is not touched.
    QCOMPARE(other.check(RateKind::Send, 0).verdict, Verdict::Allow);
    // A refusal takes no token of the account: a second later exactly one passes.
    QCOMPARE(desktop.check(RateKind::Send, 1000).verdict, Verdict::Allow);
    QVERIFY(web.check(RateKind::Send, 1000).verdict != Verdict::Allow);
}

void tst_RateLimit::exemptSessionIsNeverLimited()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 1};
    AccountRateLimits accounts;
    SessionRateLimiter moderator(settings, 2, 0);
    moderator.setAccount(&accounts, 1);
    moderator.setExempt(true);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(moderator.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(accounts.size(), 0); // not even counted
}

void tst_RateLimit::idleAccountsAreForgotten()
{
    std::array<RateSetting, RateKindCount> settings{};
    settings[size_t(RateKind::Send)] = {60, 1};
    AccountRateLimits accounts;
    for (qint64 account = 0; account < 4096; ++account)
        QCOMPARE(accounts.take(account, RateKind::Send, settings[0], 0), 0);
    QCOMPARE(accounts.size(), 4096);
    // A second later all are full again: the next new account sweeps them away.
    QCOMPARE(accounts.take(5000, RateKind::Send, settings[0], 1000), 0);
    QCOMPARE(accounts.size(), 1);
    // Ones still in use are kept.
    for (qint64 account = 0; account < 4095; ++account)
        QCOMPARE(accounts.take(account, RateKind::Send, settings[0], 1000), 0);
    QCOMPARE(accounts.size(), 4096);
    QCOMPARE(accounts.take(6000, RateKind::Send, settings[0], 1500), 0);
    QCOMPARE(accounts.size(), 4097);
}

void tst_RateLimit::defaultsComeFromTheConfig()
{
    ServerConfig config;
    config.sendRate = {120, 2};
    const auto settings = SessionRateLimiter::settingsOf(config);
    QCOMPARE(settings[size_t(RateKind::Send)], (RateSetting{120, 2}));
    QCOMPARE(settings[size_t(RateKind::Typing)], config.typingRate);
    QCOMPARE(settings[size_t(RateKind::Join)], config.joinRate);
    QCOMPARE(settings[size_t(RateKind::Read)], config.readRate);
    QCOMPARE(settings[size_t(RateKind::CreateRoom)], config.createRoomRate);
    SessionRateLimiter limiter(settings, config.rateCloseMultiple, 0);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
    QCOMPARE(limiter.check(RateKind::Send, 0).verdict, Verdict::Allow);
    const auto over = limiter.check(RateKind::Send, 0);
    QCOMPARE(over.verdict, Verdict::SlowDown);
    QCOMPARE(over.waitMs, 500);
}

QTEST_GUILESS_MAIN(tst_RateLimit)
#include "tst_ratelimit.moc"
