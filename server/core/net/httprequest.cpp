// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/httprequest.h"

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

HttpRequest::ParseStatus HttpRequest::parse(QByteArrayView data, qsizetype maxHeadBytes,
                                            HttpRequest *request, qsizetype *headSize)
{
    const qsizetype end = data.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0)
        return data.size() > maxHeadBytes ? ParseStatus::TooLarge : ParseStatus::Incomplete;
    if (end + 4 > maxHeadBytes)
        return ParseStatus::TooLarge;
    *headSize = end + 4;

    const QList<QByteArray> lines = data.first(end).toByteArray().split('\n');
    HttpRequest parsed;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith('/'))
        return ParseStatus::Invalid;
    const QByteArray &version = requestLine[2];
    if (version == "HTTP/1.1")
        parsed.minorVersion = 1;
    else if (version == "HTTP/1.0")
        parsed.minorVersion = 0;
    else
        return ParseStatus::Invalid;
    parsed.method = requestLine[0];
    parsed.target = requestLine[1];
    const qsizetype query = parsed.target.indexOf('?');
    parsed.path = query < 0 ? parsed.target : parsed.target.left(query);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.front() == ' ' || line.front() == '\t')
            return ParseStatus::Invalid; // no folded headers, no empty names
        parsed.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    *request = std::move(parsed);
    return ParseStatus::Complete;
}

} // namespace sori::server
