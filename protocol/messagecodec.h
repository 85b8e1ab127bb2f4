// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QLatin1StringView>

namespace sori::protocol {

// A decoded frame, or the error to send back to whoever sent it.
template<typename Message>
struct Decoded
{
    std::variant<Message, Error> value;

    bool ok() const { return std::holds_alternative<Message>(value); }
    const Message &message() const { return std::get<Message>(value); }
    const Error &error() const { return std::get<Error>(value); }
};

// Limits the codec itself enforces, whatever the server's configuration.
inline constexpr qsizetype MaxIdLength = 64;
inline constexpr qsizetype MaxNameLength = 32;
inline constexpr qsizetype MaxRoomLength = 64;
inline constexpr qsizetype MaxPasswordLength = 256;
inline constexpr qsizetype MaxTopicLength = 512;

// The one place where protocol v1 meets JSON. Encoding gives compact UTF-8 JSON; decoding
// checks every field and answers a malformed frame with an Error whose code says what was wrong
// (and whose id is the request's id where one could be read).
namespace MessageCodec {
QByteArray encode(const ClientMessage &message);
QByteArray encode(const ServerMessage &message);
// The bytes one message takes as a `message` event, and so in a `history` frame's array (plus
// one for the comma between two).
qsizetype encodedSize(const MessageEvent &message);
// What a `history` frame takes besides its messages, at most (its id and room at their longest,
// every character escaped): a page of messages fits a budget once this is taken off.
inline constexpr qsizetype HistoryFrameOverhead = 1024;

Decoded<ClientMessage> decodeClientMessage(QByteArrayView json);
Decoded<ServerMessage> decodeServerMessage(QByteArrayView json);
} // namespace MessageCodec

// Wire names of the enums, and back. fromWire returns false for an unknown name.
QLatin1StringView toWire(ClientKind kind);
QLatin1StringView toWire(ErrorCode code);
QLatin1StringView toWire(PresenceChange change);
QLatin1StringView toWire(LeaveReason reason);
QLatin1StringView toWire(Role role);
QLatin1StringView toWire(RoomKind kind);
QLatin1StringView toWire(GapReason reason);
QLatin1StringView toWire(RoomChange change);
bool fromWire(QStringView name, ClientKind *kind);
bool fromWire(QStringView name, ErrorCode *code);
bool fromWire(QStringView name, PresenceChange *change);
bool fromWire(QStringView name, LeaveReason *reason);
bool fromWire(QStringView name, Role *role);
bool fromWire(QStringView name, RoomKind *kind);
bool fromWire(QStringView name, GapReason *reason);
bool fromWire(QStringView name, RoomChange *change);
QLatin1StringView toWire(RateKind kind);
bool fromWire(QStringView name, RateKind *kind);

// Naming rules shared by server and clients.
// A nickname: 1 to 32 characters, letters (any script), digits, '-', '_' and '.'.
bool isValidName(QStringView name);
// A room name: 1 to 64 characters of the same kinds.
bool isValidRoomName(QStringView room);
// Names of the form guest-<number> are handed out by the server only.
bool isGuestName(QStringView name);
// An account's name: a valid name that is not a guest name.
bool isValidAccountName(QStringView name);

} // namespace sori::protocol
