// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QLatin1StringView>
#include <QtCore/QStringView>
#include <QtCore/QtGlobal>

#include <cstring>

// A small hand-written JSON writer for the codec's hot paths. It produces exactly what
// QJsonDocument::toJson(QJsonDocument::Compact) produces for the same values (Qt 6.4):
//  - strings: '"' and '\\' escaped with a backslash; U+0008, U+0009, U+000A, U+000C, U+000D as
//    \b \t \n \f \r; the other characters below U+0020 as \u00xx (lowercase hex); everything
//    else, U+007F, U+2028 and '/' included, as UTF-8; a surrogate that is not half of a pair as
//    \udxxx (lowercase hex).
//  - integers: exact decimal over the whole qint64 range (Qt 6 keeps a qint64 as an integer).
//
// Encoding is done in two passes over the same template code: a SizeCounter gives the exact
// length, then a BufferWriter fills a QByteArray allocated once with that length.
namespace sori::protocol::json {

// The number of bytes `text` takes as a JSON string, quotes included.
qsizetype quotedStringLength(QStringView text);
// Writes `text` as a JSON string (quotes included) at `out`; returns the end of what it wrote.
char *writeQuotedString(char *out, QStringView text);

inline int integerLength(qint64 value)
{
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    int length = value < 0 ? 2 : 1;
    while (magnitude >= 10) {
        magnitude /= 10;
        ++length;
    }
    return length;
}

inline char *writeInteger(char *out, qint64 value)
{
    char digits[20];
    int count = 0;
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        digits[count++] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        *out++ = '-';
    while (count > 0)
        *out++ = digits[--count];
    return out;
}

// Counts the bytes a document will take.
class SizeCounter
{
public:
    void put(char) { ++m_size; }
    void raw(const char *, qsizetype length) { m_size += length; }
    // A string known to need no escaping (the wire names of enums).
    void ascii(QLatin1StringView text) { m_size += text.size() + 2; }
    void string(QStringView text) { m_size += quotedStringLength(text); }
    void integer(qint64 value) { m_size += integerLength(value); }
    void boolean(bool value) { m_size += value ? 4 : 5; }

    qsizetype size() const { return m_size; }

private:
    qsizetype m_size = 0;
};

// Writes a document into a buffer the SizeCounter has measured.
class BufferWriter
{
public:
    explicit BufferWriter(char *out) : m_out(out) { }

    void put(char c) { *m_out++ = c; }
    void raw(const char *data, qsizetype length)
    {
        std::memcpy(m_out, data, size_t(length));
        m_out += length;
    }
    void ascii(QLatin1StringView text)
    {
        put('"');
        raw(text.data(), text.size());
        put('"');
    }
    void string(QStringView text) { m_out = writeQuotedString(m_out, text); }
    void integer(qint64 value) { m_out = writeInteger(m_out, value); }
    void boolean(bool value) { value ? raw("true", 4) : raw("false", 5); }

    char *position() const { return m_out; }

private:
    char *m_out;
};

// One JSON object. Keys are written in the order they are given: give them sorted, as
// QJsonObject sorts them.
template<typename Sink>
class ObjectWriter
{
public:
    explicit ObjectWriter(Sink &sink) : m_sink(sink) { m_sink.put('{'); }
    ~ObjectWriter() { m_sink.put('}'); }
    Q_DISABLE_COPY_MOVE(ObjectWriter)

    template<size_t N>
    Sink &key(const char (&name)[N])
    {
        if (!m_first)
            m_sink.put(',');
        m_first = false;
        m_sink.put('"');
        m_sink.raw(name, qsizetype(N - 1));
        m_sink.raw("\":", 2);
        return m_sink;
    }

private:
    Sink &m_sink;
    bool m_first = true;
};

} // namespace sori::protocol::json
