// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/messagecodec_p.h"

#include <array>
#include <cstring>

// The fast path of the decoder, for the frames clients send most: a strict scanner for one flat
// JSON object whose values are strings, integers, booleans or null. It accepts a subset of what
// QJsonDocument accepts and reads it the same way; on anything else it gives up and the
// QJsonDocument path (messagecodec.cpp) decides.
namespace sori::protocol {

namespace {

// Printable ASCII characters that stand for themselves in a JSON string.
constexpr auto plainAscii = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}();

class FlatObjectScanner
{
public:
    enum class Kind : quint8 { String, Integer, True, False, Null };

    struct Field
    {
        const uchar *key;
        qsizetype keyLength;
        Kind kind;
        bool escaped; // a string with escape sequences
        bool ascii; // a string of ASCII characters only
        const uchar *begin; // a string's contents, between the quotes
        const uchar *end;

        QByteArrayView keyView() const { return {key, keyLength}; }
    };

    static constexpr int MaxFields = 12;

    bool scan(QByteArrayView json)
    {
        p = reinterpret_cast<const uchar *>(json.data());
        end = p + json.size();
        skipSpace();
        if (p == end || *p != '{')
            return false;
        ++p;
        skipSpace();
        if (p != end && *p == '}') {
            ++p;
        } else {
            for (;;) {
                if (count == MaxFields || !scanMember())
                    return false;
                skipSpace();
                if (p == end)
                    return false;
                if (*p == '}') {
                    ++p;
                    break;
                }
                if (*p != ',')
                    return false;
                ++p;
                skipSpace();
            }
        }
        skipSpace();
        return p == end;
    }

    const Field *find(QByteArrayView key) const
    {
        for (int i = 0; i < count; ++i) {
            if (fields[i].keyLength == key.size()
                && std::memcmp(fields[i].key, key.data(), size_t(key.size())) == 0)
                return &fields[i];
        }
        return nullptr;
    }

    // A string field as QString, as QJsonValue::toString() gives it.
    static QString toString(const Field &field)
    {
        const qsizetype size = field.end - field.begin;
        if (field.ascii)
            return QString::fromLatin1(reinterpret_cast<const char *>(field.begin), size);
        if (!field.escaped)
            return QString::fromUtf8(reinterpret_cast<const char *>(field.begin), size);
        return unescape(field.begin, field.end);
    }

private:
    void skipSpace()
    {
        while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
    }

    static int hexValue(uchar c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Reads the four hex digits after "\u".
    static bool readHex4(const uchar *s, const uchar *end, char16_t *unit)
    {
        if (end - s < 4)
            return false;
        uint value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(s[i]);
            if (digit < 0)
                return false;
            value = (value << 4) | uint(digit);
        }
        *unit = char16_t(value);
        return true;
    }

    // The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
    // nothing above U+10FFFF) of a non-ASCII character at s, or 0.
    static int utf8Length(const uchar *s, const uchar *end)
    {
        const uchar b = s[0];
        const qsizetype left = end - s;
        const auto continuation = [](uchar c) { return (c & 0xc0) == 0x80; };
        if (b >= 0xc2 && b <= 0xdf)
            return left >= 2 && continuation(s[1]) ? 2 : 0;
        if (b >= 0xe0 && b <= 0xef) {
            if (left < 3 || !continuation(s[1]) || !continuation(s[2]))
                return 0;
            if (b == 0xe0 && s[1] < 0xa0)
                return 0; // overlong
            if (b == 0xed && s[1] >= 0xa0)
                return 0; // a surrogate
            return 3;
        }
        if (b >= 0xf0 && b <= 0xf4) {
            if (left < 4 || !continuation(s[1]) || !continuation(s[2]) || !continuation(s[3]))
                return 0;
            if (b == 0xf0 && s[1] < 0x90)
                return 0; // overlong
            if (b == 0xf4 && s[1] >= 0x90)
                return 0; // above U+10FFFF
            return 4;
        }
        return 0;
    }

    // p is just past the opening quote.
    bool scanString(Field *field)
    {
        const uchar *const begin = p;
        bool escaped = false;
        bool ascii = true;
        while (p != end) {
            // The common case: printable ASCII but '"' and '\\'.
            if (plainAscii[*p]) {
                ++p;
                continue;
            }
            const uchar c = *p;
            if (c == '"') {
                field->begin = begin;
                field->end = p;
                field->escaped = escaped;
                field->ascii = ascii && !escaped;
                ++p;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (end - p < 2)
                    return false;
                switch (p[1]) {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    p += 2;
                    break;
                case 'u': {
                    char16_t unit;
                    if (!readHex4(p + 2, end, &unit))
                        return false;
                    p += 6;
                    if (QChar::isLowSurrogate(unit))
                        return false; // a lone low surrogate: left to the reference path
                    if (QChar::isHighSurrogate(unit)) {
                        char16_t low;
                        if (end - p < 6 || p[0] != '\\' || p[1] != 'u'
                            || !readHex4(p + 2, end, &low) || !QChar::isLowSurrogate(low))
                            return false;
                        p += 6;
                    }
                    break;
                }
                default:
                    return false;
                }
                continue;
            }
            if (c < 0x20)
                return false; // raw control characters: left to the reference path
            if (c < 0x80) {
                ++p;
                continue;
            }
            const int length = utf8Length(p, end);
            if (length == 0)
                return false;
            ascii = false;
            p += length;
        }
        return false;
    }

    static QString unescape(const uchar *s, const uchar *end)
    {
        // Never more UTF-16 units than bytes.
        QString text(end - s, Qt::Uninitialized);
        char16_t *out = reinterpret_cast<char16_t *>(text.data());
        char16_t *const first = out;
        while (s != end) {
            const uchar c = *s;
            if (c == '\\') {
                const uchar e = s[1];
                s += 2;
                switch (e) {
                case 'b':
                    *out++ = 0x08;
                    break;
                case 'f':
                    *out++ = 0x0c;
                    break;
                case 'n':
                    *out++ = 0x0a;
                    break;
                case 'r':
                    *out++ = 0x0d;
                    break;
                case 't':
                    *out++ = 0x09;
                    break;
                case 'u':
                    readHex4(s, end, out++);
                    s += 4;
                    break;
                default: // '"', '\\', '/'
                    *out++ = e;
                    break;
                }
            } else if (c < 0x80) {
                *out++ = c;
                ++s;
            } else if (c < 0xe0) {
                *out++ = char16_t(((c & 0x1f) << 6) | (s[1] & 0x3f));
                s += 2;
            } else if (c < 0xf0) {
                *out++ = char16_t(((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f));
                s += 3;
            } else {
                const char32_t ucs4 = ((c & 0x07) << 18) | ((s[1] & 0x3f) << 12)
                    | ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
                *out++ = QChar::highSurrogate(ucs4);
                *out++ = QChar::lowSurrogate(ucs4);
                s += 4;
            }
        }
        text.truncate(out - first);
        return text;
    }

    // p is at the first character of the number. Only what QJsonDocument reads as the same
    // integer: no sign, no leading zero, no fraction or exponent, at most 15 digits.
    bool scanInteger(Field *field)
    {
        const uchar *const begin = p;
        if (*p == '0') {
            ++p;
        } else {
            while (p != end && *p >= '0' && *p <= '9')
                ++p;
        }
        if (p == end || p - begin > 15)
            return false;
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E')
            return false;
        field->begin = begin;
        field->end = p;
        return true;
    }

    bool scanLiteral(const char *literal, qsizetype length)
    {
        if (end - p < length || std::memcmp(p, literal, size_t(length)) != 0)
            return false;
        p += length;
        return true;
    }

    bool scanMember()
    {
        Field &field = fields[count];
        if (p == end || *p != '"')
            return false;
        ++p;
        // Keys: printable ASCII without escapes only.
        field.key = p;
        while (p != end && *p != '"') {
            if (*p < 0x20 || *p > 0x7e || *p == '\\')
                return false;
            ++p;
        }
        if (p == end)
            return false;
        field.keyLength = p - field.key;
        ++p;
        for (int i = 0; i < count; ++i) {
            if (fields[i].keyView() == field.keyView())
                return false; // duplicate keys: the reference path keeps the last one
        }
        skipSpace();
        if (p == end || *p != ':')
            return false;
        ++p;
        skipSpace();
        if (p == end)
            return false;
        field.escaped = false;
        field.ascii = true;
        field.begin = field.end = nullptr;
        bool ok = false;
        switch (*p) {
        case '"':
            ++p;
            field.kind = Kind::String;
            ok = scanString(&field);
            break;
        case 't':
            field.kind = Kind::True;
            ok = scanLiteral("true", 4);
            break;
        case 'f':
            field.kind = Kind::False;
            ok = scanLiteral("false", 5);
            break;
        case 'n':
            field.kind = Kind::Null;
            ok = scanLiteral("null", 4);
            break;
        default:
            field.kind = Kind::Integer;
            ok = *p >= '0' && *p <= '9' && scanInteger(&field);
            break;
        }
        if (ok)
            ++count;
        return ok;
    }

    const uchar *p = nullptr;
    const uchar *end = nullptr;
    Field fields[MaxFields];
    int count = 0;
};

using Scanner = FlatObjectScanner;

// A string field as FieldReader::string() reads it; false where FieldReader would fail.
bool readString(const Scanner::Field *field, qsizetype maxLength, bool required, QString *out)
{
    if (!field || field->kind == Scanner::Kind::Null)
        return !required;
    if (field->kind != Scanner::Kind::String)
        return false;
    *out = Scanner::toString(*field);
    return maxLength <= 0 || out->size() <= maxLength;
}

} // namespace

std::optional<ClientMessage> detail::decodeClientMessageFast(QByteArrayView json)
{
    Scanner scanner;
    if (!scanner.scan(json))
        return std::nullopt;
    QString id;
    if (!readString(scanner.find("id"), MaxIdLength, false, &id))
        return std::nullopt;
    const Scanner::Field *type = scanner.find("type");
    if (!type || type->kind != Scanner::Kind::String || type->escaped)
        return std::nullopt;
    const QByteArrayView typeName(type->begin, type->end - type->begin);
    if (typeName == "send") {
        Send m{std::move(id)};
        if (!readString(scanner.find("room"), MaxRoomLength, true, &m.room)
            || !readString(scanner.find("text"), 0, true, &m.text)
            || !readString(scanner.find("msgId"), MaxIdLength, false, &m.msgId))
            return std::nullopt;
        // A reply is rare: the reference path reads its number.
        if (scanner.find("replyTo"))
            return std::nullopt;
        return ClientMessage{std::move(m)};
    }
    if (typeName == "typing") {
        Typing m{std::move(id)};
        if (!readString(scanner.find("room"), MaxRoomLength, true, &m.room))
            return std::nullopt;
        if (const Scanner::Field *active = scanner.find("active")) {
            if (active->kind == Scanner::Kind::True || active->kind == Scanner::Kind::False)
                m.active = active->kind == Scanner::Kind::True;
            else if (active->kind != Scanner::Kind::Null)
                return std::nullopt;
        }
        return ClientMessage{std::move(m)};
    }
    return std::nullopt;
}

} // namespace sori::protocol
