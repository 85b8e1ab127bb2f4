// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/net/utf8validator.h"
#include "protocol/closecode.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QString>

#include <optional>

// RFC 6455 framing for the server side: frames are built once, unmasked, so that the very same
// bytes can be written to every recipient; incoming frames are parsed incrementally with the
// size limit checked from the header, before any payload is buffered.
namespace sori::server::websocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

using protocol::CloseCode;

// One complete frame as the server sends it (FIN set, no mask).
QByteArray buildFrame(Opcode opcode, QByteArrayView payload);
inline QByteArray buildTextFrame(QByteArrayView utf8)
{
    return buildFrame(Opcode::Text, utf8);
}
// A close frame; the reason is cut (at a character boundary) to fit the 125-byte limit.
QByteArray buildCloseFrame(CloseCode code, QStringView reason);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key.
QByteArray acceptKey(QByteArrayView clientKey);

class FrameParser
{
public:
    struct Event
    {
        enum class Kind { Text, Binary, Ping, Pong, Close, Error };
        Kind kind = Kind::Error;
        QByteArray payload; // message data; for Ping/Pong the control payload
        CloseCode code = {}; // Close: the peer's code; Error: the code to close with
        QString reason; // Close: the peer's reason; Error: what was wrong
    };

    // maxMessageBytes bounds one frame and one reassembled message alike.
    explicit FrameParser(qint64 maxMessageBytes, bool requireMask = true);

    void append(QByteArrayView data);
    // The next complete event, or nothing until more data arrives. After an Error event the
    // parser stays failed and returns nothing more, except after a message over the size limit:
    // then the rest of that frame is skipped and parsing goes on (to read the peer's close).
    std::optional<Event> next();

    qsizetype bufferedBytes() const { return m_buffer.size() - m_pos; }
    // Frees the buffer once everything in it was parsed.
    void releaseConsumed()
    {
        if (m_pos == m_buffer.size() && !m_buffer.isNull()) {
            m_buffer.clear();
            m_pos = 0;
        }
    }

private:
    // One frame's header, as read from the buffer.
    struct Header
    {
        bool fin = false;
        bool control = false; // Close, Ping or Pong
        bool masked = false;
        Opcode opcode = Opcode::Continuation;
        quint64 length = 0; // of the payload
        qsizetype size = 0; // of the header, mask included; 0 while it is incomplete
    };

    std::optional<Event> fail(CloseCode code, QString reason);
    // Skips what arrived of an oversized frame; false while some of it is still to come.
    bool skipOversized();
    // Reads the header at the buffer's position into *header (left empty while incomplete);
    // an Error event if it breaks the protocol.
    std::optional<Event> readHeader(Header *header);
    // A data frame over the size limit: reported, and skipped as it arrives.
    Event skipFrame(const Header &header);
    // The frame's payload, unmasked; the buffer's position moves past the frame.
    QByteArray takePayload(const Header &header);
    std::optional<Event> handleControl(Opcode opcode, QByteArray payload);
    // A whole message, or nothing when the frame was one fragment of a message still going on.
    std::optional<Event> handleData(const Header &header, QByteArray payload);
    // Whether the frame belongs to a text message (its first frame, or a continuation of one).
    bool isText(const Header &header) const
    {
        return header.opcode == Opcode::Text
            || (header.opcode == Opcode::Continuation && m_messageOpcode == Opcode::Text);
    }
    // Checks the part of a text frame's payload that arrived and was not checked yet, so that
    // invalid UTF-8 fails the message at once (not when the frame or the message ends).
    bool checkArrivedText(const Header &header);

    qint64 m_maxMessageBytes;
    bool m_requireMask;
    bool m_failed = false;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    quint64 m_skip = 0; // bytes of an oversized frame still to be skipped
    QByteArray m_message; // fragments of a message in progress
    // The UTF-8 of the text message in progress, checked as its bytes arrive; m_checked bytes
    // of the current frame's payload have been fed to it.
    Utf8Validator m_utf8;
    quint64 m_checked = 0;
    std::optional<Opcode> m_messageOpcode; // set while a fragmented message is in progress
};

} // namespace sori::server::websocket
