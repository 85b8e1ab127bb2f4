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
    QByteArray utf8 = line.toUtf8();
    // Every line break is ASCII or a multi-byte sequence starting C2 85 (NEL) or E2 80 A8/A9.
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            utf8[i] = ' ';
        } else if (c == '\xC2' && i + 1 < utf8.size() && utf8[i + 1] == '\x85') {
            utf8.replace(i, 2, " ");
        } else if (c == '\xE2' && i + 2 < utf8.size() && utf8[i + 1] == '\x80'
                   && (utf8[i + 2] == '\xA8' || utf8[i + 2] == '\xA9')) {
            utf8.replace(i, 3, " ");
        }
    }
    return websocket::buildTextFrame(utf8);
}

} // namespace sori::server
