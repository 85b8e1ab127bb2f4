// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/fanout.h"

namespace sori::server {

// Events as WebSocket text frames: a protocol v1 message as JSON (MessageCodec's fast encoder),
// a plain client's line as it is. The frame is whole and unmasked, so that the same bytes go to
// every recipient (core/net/websocketframe.h).
class WebSocketEncoder final : public EventEncoder
{
public:
    QByteArray encode(const protocol::ServerMessage &message) const override;
    QByteArray encodePlain(QStringView line) const override;
};

} // namespace sori::server
