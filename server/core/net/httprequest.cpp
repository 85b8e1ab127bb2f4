// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/httprequest.h"

#include <array>
#include <string_view>

namespace sori::server {

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

bool HttpRequest::headerHasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const auto &[key, value] : headers) {
        if (key != name)
            continue;
        for (const QByteArray &part : value.split(',')) {
            if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
                return true;
        }
    }
    return false;
}

bool HttpRequest::isWebSocketUpgrade() const
{
    return headerHasToken("upgrade", "websocket") && headerHasToken("connection", "upgrade");
}

bool HttpRequest::keepAlive() const
{
    if (headerHasToken("connection", "close"))
        return false;
    return minorVersion >= 1 || headerHasToken("connection", "keep-alive");
}

namespace {
// RFC 9110 5.6.2: the characters of a token (header names, methods).
constexpr auto tokenChars = [] {
    std::array<bool, 256> table{};
    for (int c = '0'; c <= '9'; ++c)
        table[c] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = table[c - 'a' + 'A'] = true;
    for (const char c : std::string_view("!#$%&'*+-.^_`|~"))
        table[uchar(c)] = true;
    return table;
}();

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!tokenChars[uchar(c)])
            return false;
    }
    return true;
}

// RFC 9110 5.5: a field value holds visible characters, spaces, tabs and obs-text; no other
// control characters (NUL, a bare CR or LF, DEL...).
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const uchar u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// The request target: visible ASCII only (no spaces, no controls, no raw non-ASCII).
bool isTarget(QByteArrayView text)
{
    if (text.isEmpty() || text.front() != '/')
        return false;
    for (const char c : text) {
        const uchar u = uchar(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return true;
}

// RFC 9112 6.3: Content-Length is 1*DIGIT; no sign, no exponent, no spaces, no list. Values
// too large for a qint64 are refused too.
bool readContentLength(QByteArrayView text, qint64 *length)
{
    if (text.isEmpty() || text.size() > 18)
        return false; // 18 digits always fit a qint64
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *length = value;
    return true;
}

HttpRequest::ParseStatus invalid(QByteArray *problem, const char *why)
{
    if (problem)
        *problem = why;
    return HttpRequest::ParseStatus::Invalid;
}
} // namespace

HttpRequest::ParseStatus HttpRequest::parse(QByteArrayView data, qsizetype maxHeadBytes,
                                            HttpRequest *request, qsizetype *headSize,
                                            QByteArray *problem)
{
    const qsizetype end = data.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        return data.size() > maxHeadBytes ? ParseStatus::TooLarge : ParseStatus::Incomplete;
    if (end + 4 > maxHeadBytes)
        return ParseStatus::TooLarge;
    *headSize = end + 4;

    // Lines end in CRLF; a CR or LF anywhere else (a bare CR, a bare LF) is refused: a proxy in
    // front may split lines elsewhere than the server would.
    const QByteArrayView head = data.first(end + 2); // every line with its CRLF
    HttpRequest parsed;
    qsizetype lineStart = 0;
    bool first = true;
    int hosts = 0;
    int contentLengths = 0;
    while (lineStart < head.size()) {
        const qsizetype lineEnd = head.indexOf(QByteArrayView("\r\n"), lineStart);
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        if (line.contains('\r') || line.contains('\n'))
            return invalid(problem, "A line of the request does not end in CRLF.");
        if (first) {
            first = false;
            // method SP request-target SP HTTP-version, nothing more.
            const qsizetype space1 = line.indexOf(' ');
            const qsizetype space2 = space1 < 0 ? -1 : line.indexOf(' ', space1 + 1);
            if (space2 < 0 || line.indexOf(' ', space2 + 1) >= 0)
                return invalid(problem, "That is not an HTTP/1.1 request.");
            const QByteArrayView method = line.first(space1);
            const QByteArrayView target = line.sliced(space1 + 1, space2 - space1 - 1);
            const QByteArrayView version = line.sliced(space2 + 1);
            if (!isToken(method) || !isTarget(target))
                return invalid(problem, "That is not an HTTP/1.1 request.");
            if (version == "HTTP/1.1")
                parsed.minorVersion = 1;
            else if (version == "HTTP/1.0")
                parsed.minorVersion = 0;
            else
                return invalid(problem, "That is not an HTTP/1.1 request.");
            parsed.method = method.toByteArray();
            parsed.target = target.toByteArray();
            const qsizetype query = parsed.target.indexOf('?');
            parsed.path = query < 0 ? parsed.target : parsed.target.left(query);
            continue;
        }
        // field-name ":" OWS field-value OWS. A name is a token, so whitespace before the
        // colon, and a folded line (obs-fold: one that starts with whitespace), are refused.
        const qsizetype colon = line.indexOf(':');
        if (colon < 0 || !isToken(line.first(colon)))
            return invalid(problem, "A header line is malformed.");
        const QByteArrayView value = line.sliced(colon + 1);
        if (!isFieldValue(value))
            return invalid(problem, "A header holds a control character.");
        QByteArray name = line.first(colon).toByteArray().toLower();
        QByteArray trimmed = value.trimmed().toByteArray();
        if (name == "host") {
            ++hosts;
        } else if (name == "content-length") {
            if (++contentLengths > 1)
                return invalid(problem, "Content-Length is given more than once.");
            if (!readContentLength(trimmed, &parsed.contentLength))
                return invalid(problem, "Content-Length is not a number of bytes.");
        } else if (name == "transfer-encoding") {
            parsed.hasTransferEncoding = true;
        }
        parsed.headers.append({std::move(name), std::move(trimmed)});
    }
    if (hosts > 1 || (hosts == 0 && parsed.minorVersion >= 1))
        return invalid(problem, "An HTTP/1.1 request has exactly one Host header.");
    *request = std::move(parsed);
    return ParseStatus::Complete;
}

} // namespace sori::server
