// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/websocketframe.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QtEndian>

#include <utility>

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
    m_utf8.reset();
    m_checked = 0;
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

bool FrameParser::skipOversized()
{
    if (m_skip == 0)
        return true;
    const qsizetype skipped = qsizetype(qMin(quint64(m_buffer.size() - m_pos), m_skip));
    m_pos += skipped;
    m_skip -= quint64(skipped);
    return m_skip == 0;
}

std::optional<FrameParser::Event> FrameParser::readHeader(Header *header)
{
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
        // RFC 6455 5.2: "the minimal number of bytes MUST be used to encode the length".
        if (length < 126)
            return fail(CloseCode::ProtocolError, u"non-minimal frame length"_s);
    } else if (length == 127) {
        if (available < 10)
            return std::nullopt;
        length = qFromBigEndian<quint64>(head + 2);
        headerSize = 10;
        if (length >> 63)
            return fail(CloseCode::ProtocolError, u"invalid frame length"_s);
        if (length <= 0xFFFF)
            return fail(CloseCode::ProtocolError, u"non-minimal frame length"_s);
    }

    if (rsv != 0)
        return fail(CloseCode::ProtocolError, u"reserved bits set without an extension"_s);
    if (masked != m_requireMask)
        return fail(CloseCode::ProtocolError,
                    m_requireMask ? u"client frames must be masked"_s
                                  : u"server frames must not be masked"_s);
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
    const bool control = quint8(opcode) & 0x8;
    if (control && (!fin || length > 125))
        return fail(CloseCode::ProtocolError, u"invalid control frame"_s);
    if (!control) {
        if (opcode == Opcode::Continuation && !m_messageOpcode)
            return fail(CloseCode::ProtocolError, u"continuation without a message"_s);
        if (opcode != Opcode::Continuation && m_messageOpcode)
            return fail(CloseCode::ProtocolError, u"new message inside a fragmented one"_s);
    }
    *header = Header{fin, control, masked, opcode, length, headerSize + (masked ? 4 : 0)};
    return std::nullopt;
}

FrameParser::Event FrameParser::skipFrame(const Header &header)
{
    // The stream stays in step: the rest of this frame is skipped as it arrives, so that the
    // peer's answer to our close frame can still be read.
    m_skip = quint64(header.size) + header.length;
    m_message.clear();
    m_messageOpcode.reset();
    m_utf8.reset();
    m_checked = 0;
    return Event{Event::Kind::Error,
                 {},
                 CloseCode::TooBig,
                 u"message larger than %1 bytes"_s.arg(m_maxMessageBytes)};
}

QByteArray FrameParser::takePayload(const Header &header)
{
    const char *mask = m_buffer.constData() + m_pos + header.size - 4;
    QByteArrayView raw(m_buffer.constData() + m_pos + header.size, qsizetype(header.length));
    QByteArray payload(raw.size(), Qt::Uninitialized);
    if (header.masked) {
        for (qsizetype i = 0; i < raw.size(); ++i)
            payload[i] = char(raw[i] ^ mask[i & 3]);
    } else {
        std::copy(raw.begin(), raw.end(), payload.begin());
    }
    m_pos += header.size + qsizetype(header.length);
    return payload;
}

bool FrameParser::checkArrivedText(const Header &header)
{
    const qsizetype available = m_buffer.size() - m_pos - header.size;
    if (available <= 0)
        return true; // the mask has not come yet
    const quint64 arrived = qMin(quint64(available), header.length); // of the payload
    const auto *payload =
        reinterpret_cast<const uchar *>(m_buffer.constData() + m_pos + header.size);
    const auto *mask = reinterpret_cast<const uchar *>(payload - (header.masked ? 4 : 0));
    for (; m_checked < arrived; ++m_checked) {
        const uchar byte =
            header.masked ? payload[m_checked] ^ mask[m_checked & 3] : payload[m_checked];
        if (!m_utf8.feed(byte))
            return false;
    }
    return true;
}

std::optional<FrameParser::Event> FrameParser::handleControl(Opcode opcode, QByteArray payload)
{
    using Kind = Event::Kind;
    if (opcode == Opcode::Ping)
        return Event{Kind::Ping, std::move(payload), {}, {}};
    if (opcode == Opcode::Pong)
        return Event{Kind::Pong, std::move(payload), {}, {}};
    // A close frame.
    if (payload.size() == 1)
        return fail(CloseCode::ProtocolError, u"close frame with a one-byte payload"_s);
    quint16 code = quint16(CloseCode::NoStatus);
    QString reason;
    if (payload.size() >= 2) {
        code = qFromBigEndian<quint16>(payload.constData());
        const QByteArrayView text = QByteArrayView(payload).sliced(2);
        if (!isValidCloseCode(code))
            return fail(CloseCode::ProtocolError, u"invalid close code %1"_s.arg(code));
        Utf8Validator utf8;
        if (!utf8.feed(reinterpret_cast<const uchar *>(text.data()), text.size())
            || !utf8.complete())
            return fail(CloseCode::InvalidPayload, u"close reason is not UTF-8"_s);
        reason = QString::fromUtf8(text);
    }
    return Event{Kind::Close, std::move(payload), CloseCode(code), std::move(reason)};
}

std::optional<FrameParser::Event> FrameParser::handleData(const Header &header, QByteArray payload)
{
    using Kind = Event::Kind;
    if (header.opcode != Opcode::Continuation)
        m_messageOpcode = header.opcode;
    if (!header.fin) {
        m_message.append(payload);
        return std::nullopt;
    }
    QByteArray message = m_message.isEmpty() ? std::move(payload) : m_message + payload;
    m_message.clear();
    const Opcode messageOpcode = *m_messageOpcode;
    m_messageOpcode.reset();
    if (messageOpcode == Opcode::Text) {
        // Every byte was checked as it came (next()); the message must not end mid-character.
        const bool complete = m_utf8.complete();
        m_utf8.reset();
        if (!complete)
            return fail(CloseCode::InvalidPayload, u"text message is not valid UTF-8"_s);
        return Event{Kind::Text, std::move(message), {}, {}};
    }
    return Event{Kind::Binary, std::move(message), {}, {}};
}

std::optional<FrameParser::Event> FrameParser::next()
{
    while (!m_failed) {
        if (!skipOversized())
            return std::nullopt;
        Header header;
        if (auto problem = readHeader(&header))
            return problem;
        if (header.size == 0)
            return std::nullopt; // the header is not complete yet
        if (!header.control
            && (header.length > quint64(m_maxMessageBytes)
                || quint64(m_message.size()) + header.length > quint64(m_maxMessageBytes)))
            return skipFrame(header);
        if (quint64(m_buffer.size() - m_pos) < quint64(header.size) + header.length) {
            // Wait for the rest of the frame, but fail fast on what arrived of a text frame.
            if (isText(header) && !checkArrivedText(header))
                return fail(CloseCode::InvalidPayload, u"text message is not valid UTF-8"_s);
            return std::nullopt;
        }
        const bool text = isText(header);
        QByteArray payload = takePayload(header);
        if (text) {
            const quint64 checked = std::exchange(m_checked, 0);
            if (!m_utf8.feed(reinterpret_cast<const uchar *>(payload.constData()) + checked,
                             payload.size() - qsizetype(checked)))
                return fail(CloseCode::InvalidPayload, u"text message is not valid UTF-8"_s);
        }
        if (header.control)
            return handleControl(header.opcode, std::move(payload));
        // A data frame: a whole message, or one fragment of it (then go on).
        if (auto message = handleData(header, std::move(payload)))
            return message;
    }
    return std::nullopt;
}

} // namespace sori::server::websocket
