// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/httpresponse.h"

#include <QtCore/QFile>
#include <QtCore/QHash>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 426:
        return "Upgrade Required";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

QByteArray contentTypeFor(const QByteArray &path)
{
    static const QHash<QByteArray, QByteArray> types{
        {"html", "text/html; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"ico", "image/x-icon"},
        {"json", "application/json"},
        {"webmanifest", "application/manifest+json"},
        {"txt", "text/plain; charset=utf-8"},
    };
    const qsizetype dot = path.lastIndexOf('.');
    return types.value(dot < 0 ? QByteArray() : path.mid(dot + 1), "application/octet-stream");
}

// The page's own files only: no inline script, nothing from another origin.
constexpr char ContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'none'";

} // namespace

HttpResponse HttpResponse::error(int status, const QByteArray &message)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = message + '\n';
    return response;
}

HttpResponse HttpResponse::forStaticFile(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse response = error(405, "Only GET and HEAD are served here.");
        response.headers.append(std::pair<QByteArray, QByteArray>("Allow", "GET, HEAD"));
        return response;
    }
    QByteArray path = request.path;
    if (path == "/")
        path = "/index.html";
    else if (path == "/classic")
        path = "/classic.html";
    // Resource names are plain: no traversal, no encoded characters, no hidden files.
    for (const char c : path) {
        if (!(QChar::isLetterOrNumber(uchar(c)) || c == '/' || c == '.' || c == '-' || c == '_'))
            return error(404, "Not found.");
    }
    if (path.contains("/.") || path.contains("//"))
        return error(404, "Not found.");
    QFile file(":/web"_L1 + QLatin1StringView(path));
    if (!file.open(QIODevice::ReadOnly) || QLatin1StringView(path).endsWith(u'/'))
        return error(404, "Not found.");

    HttpResponse response;
    response.contentType = contentTypeFor(path);
    response.body = file.readAll();
    response.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-cache"));
    if (path.endsWith(".html"))
        response.headers.append(
            std::pair<QByteArray, QByteArray>("Content-Security-Policy", ContentSecurityPolicy));
    return response;
}

QByteArray HttpResponse::serialize(bool headOnly, bool keepAlive) const
{
    QByteArray out;
    out.reserve(256 + (headOnly ? 0 : body.size()));
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Server: sori/" SORI_VERSION "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: "
        + QByteArray::number(streamedLength >= 0 ? streamedLength : body.size()) + "\r\n";
    out += "X-Content-Type-Options: nosniff\r\n";
    out += "Referrer-Policy: no-referrer\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += body;
    return out;
}

} // namespace sori::server
