// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// How long a page waits before it connects again after a drop: exponential backoff with jitter,
// capped. Shared by the web client (connection.js) and the classic page, so both back off alike.

// initialDelayMs: the first wait's upper bound; maxDelayMs: the cap; stableAfterMs: a connection
// that stayed up this long starts the count over.
export const Policy = { initialDelayMs: 500, maxDelayMs: 30000, stableAfterMs: 10000 };

// The wait before the retry that follows `attempt` earlier retries (0 for the first): between 50
// and 100 % of initialDelayMs * 2^attempt, at most maxDelayMs. The jitter keeps pages that lost
// the same server from all coming back in the same instant.
export function backoffDelay(attempt, policy = Policy) {
    const cap = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 16));
    return Math.round(cap / 2 + Math.random() * cap / 2);
}
