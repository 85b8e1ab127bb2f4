// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QByteArray>

// The reference encoder for server frames: QJsonObject + QJsonDocument::Compact, the plain way.
// MessageCodec::encode() writes the same bytes by hand (protocol/fastencoder.cpp);
// tst_fastcodec checks that byte for byte and sori-codecbench measures the difference.
namespace sori::protocol::reference {

QByteArray encode(const ServerMessage &message);

} // namespace sori::protocol::reference
