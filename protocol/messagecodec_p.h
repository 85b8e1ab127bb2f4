// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messagecodec.h"

#include <QtCore/QJsonObject>

#include <initializer_list>
#include <optional>
#include <utility>

// The codec's internals, for its tests and its benchmark only. The reference encoder of server
// frames is in tests/support/referencecodec.
namespace sori::protocol::detail {

// String fields that are left out when empty.
using OptionalStrings = std::initializer_list<std::pair<QLatin1StringView, QString>>;

// A frame as a QJsonObject: its type, its id where it has one, its fields and those of the
// optional strings that are set (QJsonObject sorts the keys). The codec builds requests with
// it, the reference encoder server frames.
QJsonObject jsonFrame(QLatin1StringView type, const QString &id, QJsonObject fields = {},
                      OptionalStrings optional = {});
// Inserts a string that is not empty; an empty one stands for a field left out.
void insertIfSet(QJsonObject &object, QLatin1StringView key, const QString &value);

// The reference decoder: QJsonDocument, then field checks. MessageCodec::decodeClientMessage()
// tries decodeClientMessageFast() first and falls back to this one.
Decoded<ClientMessage> decodeClientMessageWithQJsonDocument(QByteArrayView json);

// The fast path for the frames clients send most ("send", "typing"): a strict scanner for one
// flat JSON object. Returns nothing for anything it does not handle (another type, nested
// values, fractions, duplicate keys, any error...): the caller then takes the reference path,
// which gives every error exactly as before. What it returns equals what the reference gives.
std::optional<ClientMessage> decodeClientMessageFast(QByteArrayView json);

} // namespace sori::protocol::detail
