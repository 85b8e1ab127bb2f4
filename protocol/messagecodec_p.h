// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messagecodec.h"

#include <optional>

// The codec's internals, for its tests and its benchmark only.
namespace sori::protocol::detail {

// The reference encoder: QJsonObject + QJsonDocument::Compact. MessageCodec::encode() writes the
// same bytes by hand.
QByteArray encodeWithQJsonDocument(const ServerMessage &message);

// The reference decoder: QJsonDocument, then field checks. MessageCodec::decodeClientMessage()
// tries decodeClientMessageFast() first and falls back to this one.
Decoded<ClientMessage> decodeClientMessageWithQJsonDocument(QByteArrayView json);

// The fast path for the frames clients send most ("send", "typing"): a strict scanner for one
// flat JSON object. Returns nothing for anything it does not handle (another type, nested
// values, fractions, duplicate keys, any error...): the caller then takes the reference path,
// which gives every error exactly as before. What it returns equals what the reference gives.
std::optional<ClientMessage> decodeClientMessageFast(QByteArrayView json);

} // namespace sori::protocol::detail
