// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/websocketframe.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QtEndian>

using namespace Qt::StringLiterals;

namespace sori::server::websocket {

QByteArray buildFrame(Opcode opcode, QByteArrayView payload)
{
    QByteArray frame;
    const qsizetype size = payload.size();
    frame.reserve(size + 10);
    frame.append(char(0x80 | quint8(opcode)));
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xFFFF) {
        frame.append(char(126));
        char length[2];
        qToBigEndian(quint16(size), length);
        frame.append(length, 2);
    } else {
        frame.append(char(127));
        char length[8];
        qToBigEndian(quint64(size), length);
        frame.append(length, 8);
    }
    frame.append(payload);
    return frame;
}

QByteArray buildCloseFrame(CloseCode code, QStringView reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(quint16(code), payload.data());
    QByteArray text = reason.toUtf8();
    if (text.size() > 123) {
        qsizetype cut = 123;
        while (cut > 0 && (quint8(text[cut]) & 0xC0) == 0x80)
            --cut; // do not split a multi-byte character
        text.truncate(cut);
    }
    payload.append(text);
    return buildFrame(Opcode::Close, payload);
}

QByteArray acceptKey(QByteArrayView clientKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(clientKey);
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    return sha1.result().toBase64();
}

FrameParser::FrameParser(qint64 maxMessageBytes, bool requireMask)
    : m_maxMessageBytes(maxMessageBytes), m_requireMask(requireMask)
{ }

void FrameParser::append(QByteArrayView data)
{
    if (m_failed)
        return;
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 4096 && m_pos * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(data);
}

std::optional<FrameParser::Event> FrameParser::fail(CloseCode code, QString reason)
{
    m_failed = true;
    m_buffer.clear();
    m_message.clear();
    m_pos = 0;
    return Event{Event::Kind::Error, {}, code, std::move(reason)};
}

namespace {
bool isValidCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
        || (code >= 3000 && code <= 4999);
}
} // namespace

std::optional<FrameParser::Event> FrameParser::next()
{
    using Kind = Event::Kind;
    while (!m_failed) {
        if (m_skip > 0) {
            const qsizetype skipped = qsizetype(qMin(quint64(m_buffer.size() - m_pos), m_skip));
            m_pos += skipped;
            m_skip -= quint64(skipped);
            if (m_skip > 0)
                return std::nullopt;
        }
        const qsizetype available = m_buffer.size() - m_pos;
        if (available < 2)
            return std::nullopt;
        const auto *head = reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos);
        const bool fin = head[0] & 0x80;
        const quint8 rsv = head[0] & 0x70;
        const auto opcode = Opcode(head[0] & 0x0F);
        const bool masked = head[1] & 0x80;
        quint64 length = head[1] & 0x7F;
        qsizetype headerSize = 2;
        if (length == 126) {
            if (available < 4)
                return std::nullopt;
            length = qFromBigEndian<quint16>(head + 2);
            headerSize = 4;
        } else if (length == 127) {
            if (available < 10)
                return std::nullopt;
            length = qFromBigEndian<quint64>(head + 2);
            headerSize = 10;
            if (length >> 63)
                return fail(CloseCode::ProtocolError, u"invalid frame length"_s);
        }

        if (rsv != 0)
            return fail(CloseCode::ProtocolError, u"reserved bits set without an extension"_s);
        if (masked != m_requireMask)
            return fail(CloseCode::ProtocolError,
                        m_requireMask ? u"client frames must be masked"_s
                                      : u"server frames must not be masked"_s);
        const bool control = quint8(opcode) & 0x8;
        switch (opcode) {
        case Opcode::Continuation:
        case Opcode::Text:
        case Opcode::Binary:
        case Opcode::Close:
        case Opcode::Ping:
        case Opcode::Pong:
            break;
        default:
            return fail(CloseCode::ProtocolError, u"unknown opcode %1"_s.arg(quint8(opcode)));
        }
        if (control && (!fin || length > 125))
            return fail(CloseCode::ProtocolError, u"invalid control frame"_s);
        if (!control) {
            if (opcode == Opcode::Continuation && !m_messageOpcode)
                return fail(CloseCode::ProtocolError, u"continuation without a message"_s);
            if (opcode != Opcode::Continuation && m_messageOpcode)
                return fail(CloseCode::ProtocolError, u"new message inside a fragmented one"_s);
        }
        if (masked)
            headerSize += 4;
        if (!control
            && (length > quint64(m_maxMessageBytes)
                || quint64(m_message.size()) + length > quint64(m_maxMessageBytes))) {
            // The stream stays in step: the rest of this frame is skipped as it arrives, so
            // that the peer's answer to our close frame can still be read.
            m_skip = quint64(headerSize) + length;
            m_message.clear();
            m_messageOpcode.reset();
            return Event{Kind::Error,
                         {},
                         CloseCode::TooBig,
                         u"message larger than %1 bytes"_s.arg(m_maxMessageBytes)};
        }
        if (quint64(available) < quint64(headerSize) + length)
            return std::nullopt; // wait for the rest of the frame

        const char *mask = m_buffer.constData() + m_pos + headerSize - 4;
        QByteArrayView raw(m_buffer.constData() + m_pos + headerSize, qsizetype(length));
        QByteArray payload(raw.size(), Qt::Uninitialized);
        if (masked) {
            for (qsizetype i = 0; i < raw.size(); ++i)
                payload[i] = char(raw[i] ^ mask[i & 3]);
        } else {
            std::copy(raw.begin(), raw.end(), payload.begin());
        }
        m_pos += headerSize + qsizetype(length);

        switch (opcode) {
        case Opcode::Ping:
            return Event{Kind::Ping, payload, {}, {}};
        case Opcode::Pong:
            return Event{Kind::Pong, payload, {}, {}};
        case Opcode::Close: {
            if (payload.size() == 1)
                return fail(CloseCode::ProtocolError, u"close frame with a one-byte payload"_s);
            quint16 code = quint16(CloseCode::NoStatus);
            QString reason;
            if (payload.size() >= 2) {
                code = qFromBigEndian<quint16>(payload.constData());
                const QByteArrayView text = QByteArrayView(payload).sliced(2);
                if (!isValidCloseCode(code))
                    return fail(CloseCode::ProtocolError, u"invalid close code %1"_s.arg(code));
                if (!text.isValidUtf8())
                    return fail(CloseCode::InvalidPayload, u"close reason is not UTF-8"_s);
                reason = QString::fromUtf8(text);
            }
            return Event{Kind::Close, payload, CloseCode(code), reason};
        }
        default:
            break;
        }

        // A data frame: a whole message, or one fragment of it.
        if (opcode != Opcode::Continuation)
            m_messageOpcode = opcode;
        if (!fin) {
            m_message.append(payload);
            continue;
        }
        QByteArray message = m_message.isEmpty() ? std::move(payload) : m_message + payload;
        m_message.clear();
        const Opcode messageOpcode = *m_messageOpcode;
        m_messageOpcode.reset();
        if (messageOpcode == Opcode::Text) {
            if (!QByteArrayView(message).isValidUtf8())
                return fail(CloseCode::InvalidPayload, u"text message is not valid UTF-8"_s);
            return Event{Kind::Text, std::move(message), {}, {}};
        }
        return Event{Kind::Binary, std::move(message), {}, {}};
    }
    return std::nullopt;
}

} // namespace sori::server::websocket
