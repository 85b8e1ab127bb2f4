// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/qglobal.h>

namespace sori::protocol {

// The codes a WebSocket connection is closed with: RFC 6455's (section 7.4.1) and Sori's own
// (4000-4999 are for applications). The server closes with them, ChatClient and the desktop
// app read them, and the web client mirrors this table in web-client/closecodes.js.
// A peer may send any 16-bit value: the enum holds those too.
enum class CloseCode : quint16 {
    Normal = 1000,
    GoingAway = 1001,
    ProtocolError = 1002,
    UnsupportedData = 1003,
    NoStatus = 1005, // never sent: the peer's close frame had no code
    Abnormal = 1006, // never sent: the connection ended without a close frame
    InvalidPayload = 1007,
    PolicyViolation = 1008,
    TooBig = 1009,
    InternalError = 1011,
    Kicked = 4001, // a moderator kicked the user; the reason says who and why
    SignedOut = 4002, // an admin revoked the account's sign-ins
    Banned = 4003, // the account was banned; the reason says until when and why
    RateLimited = 4004, // far over a rate limit (rates/close-multiple); the reason says which
};

// Whether a client should stay away after this close instead of reconnecting by itself: the
// user was kicked, signed out or banned.
constexpr bool sentAway(CloseCode code)
{
    return code == CloseCode::Kicked || code == CloseCode::SignedOut || code == CloseCode::Banned;
}

} // namespace sori::protocol
