// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/websocketencoder.h"

#include "core/net/websocketframe.h"
#include "protocol/messagecodec.h"

namespace sori::server {

QByteArray WebSocketEncoder::encode(const protocol::ServerMessage &message) const
{
    return websocket::buildTextFrame(protocol::MessageCodec::encode(message));
}

QByteArray WebSocketEncoder::encodePlain(QStringView line) const
{
    return websocket::buildTextFrame(line.toUtf8());
}

} // namespace sori::server
