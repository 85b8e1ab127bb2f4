// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"
#include "protocol/validation.h"
#include "protocol/wirenames.h"

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

} // namespace sori::protocol
