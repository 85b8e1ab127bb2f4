// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The codes a WebSocket connection is closed with: RFC 6455's (section 7.4.1) and Sori's own
// (4000-4999 are for applications). This mirrors protocol/closecode.h, name for name: change
// both together.
export const CloseCode = Object.freeze({
    Normal: 1000,
    GoingAway: 1001,
    ProtocolError: 1002,
    UnsupportedData: 1003,
    NoStatus: 1005, // never sent: the peer's close frame had no code
    Abnormal: 1006, // never sent: the connection ended without a close frame
    InvalidPayload: 1007,
    PolicyViolation: 1008,
    TooBig: 1009,
    InternalError: 1011,
    Kicked: 4001, // a moderator kicked the user; the reason says who and why
    SignedOut: 4002, // an admin revoked the account's sign-ins
    Banned: 4003, // the account was banned; the reason says until when and why
    RateLimited: 4004, // far over a rate limit (rates/close-multiple); the reason says which
});

// Whether a client should stay away after this close instead of reconnecting by itself: the
// user was kicked, signed out or banned.
export function sentAway(code) {
    return code === CloseCode.Kicked || code === CloseCode.SignedOut || code === CloseCode.Banned;
}
