// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/jsonwriter.h"

namespace sori::protocol::json {

namespace {

// For each ASCII character: 0 written as is, 'u' as \u00xx, else the letter after the backslash.
constexpr auto escapeTable = [] {
    struct Table
    {
        char escape[128] = {};
    } table;
    for (int c = 0; c < 0x20; ++c)
        table.escape[c] = 'u';
    table.escape[0x08] = 'b';
    table.escape[0x09] = 't';
    table.escape[0x0a] = 'n';
    table.escape[0x0c] = 'f';
    table.escape[0x0d] = 'r';
    table.escape[int('"')] = '"';
    table.escape[int('\\')] = '\\';
    return table;
}();

inline char hexDigit(uint value)
{
    return "0123456789abcdef"[value & 0xf];
}

inline char *writeUnicodeEscape(char *out, char16_t unit)
{
    out[0] = '\\';
    out[1] = 'u';
    out[2] = hexDigit(unit >> 12);
    out[3] = hexDigit(unit >> 8);
    out[4] = hexDigit(unit >> 4);
    out[5] = hexDigit(unit);
    return out + 6;
}

} // namespace

qsizetype quotedStringLength(QStringView text)
{
    const char16_t *src = text.utf16();
    const char16_t *const end = src + text.size();
    qsizetype length = 2 + text.size(); // one byte per unit, plus what the others add
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            if (const char e = escapeTable.escape[u])
                length += e == 'u' ? 5 : 1;
        } else if (u < 0x800) {
            length += 1;
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            ++src;
            length += 2; // four bytes for two units
        } else if (QChar::isSurrogate(u)) {
            length += 5; // \udxxx
        } else {
            length += 2;
        }
    }
    return length;
}

char *writeQuotedString(char *out, QStringView text)
{
    const char16_t *src = text.utf16();
    const char16_t *const end = src + text.size();
    *out++ = '"';
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            const char e = escapeTable.escape[u];
            if (!e) {
                *out++ = char(u);
            } else if (e == 'u') {
                out = writeUnicodeEscape(out, u);
            } else {
                out[0] = '\\';
                out[1] = e;
                out += 2;
            }
        } else if (u < 0x800) {
            out[0] = char(0xc0 | (u >> 6));
            out[1] = char(0x80 | (u & 0x3f));
            out += 2;
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t ucs4 = QChar::surrogateToUcs4(u, *src++);
            out[0] = char(0xf0 | (ucs4 >> 18));
            out[1] = char(0x80 | ((ucs4 >> 12) & 0x3f));
            out[2] = char(0x80 | ((ucs4 >> 6) & 0x3f));
            out[3] = char(0x80 | (ucs4 & 0x3f));
            out += 4;
        } else if (QChar::isSurrogate(u)) {
            out = writeUnicodeEscape(out, u);
        } else {
            out[0] = char(0xe0 | (u >> 12));
            out[1] = char(0x80 | ((u >> 6) & 0x3f));
            out[2] = char(0x80 | (u & 0x3f));
            out += 3;
        }
    }
    *out++ = '"';
    return out;
}

} // namespace sori::protocol::json
