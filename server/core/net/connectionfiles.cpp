// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Connection's side of files over HTTP (docs/protocol.md, "Files over HTTP"): uploads streamed
// to disk as they arrive, downloads streamed from disk as the socket drains. Neither holds more
// than one read or one chunk of a file in memory.
#include "core/chat/authservice.h"
#include "core/chat/fileservice.h"
#include "core/chat/hub.h"
#include "core/logging.h"
#include "core/net/connection.h"
#include "core/net/filetransfer.h"
#include "core/net/worker.h"
#include "core/serverconfig.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// One chunk of a download: queued when the previous one has left, one per pass of the worker,
// so that a download holds at most this much (and the kernel's buffer) and never keeps the
// worker from its other connections for long.
constexpr qint64 DownloadChunkBytes = 256 << 10;
// The longest file name kept, in characters.
constexpr qsizetype MaxFileNameLength = 255;

// The token of "Authorization: Bearer <token>", or an empty string.
QString bearerToken(const HttpRequest &request)
{
    const QByteArray value = request.header("authorization");
    constexpr QByteArrayView scheme = "bearer ";
    if (value.size() <= scheme.size() || !value.first(scheme.size()).toLower().startsWith(scheme))
        return {};
    return QString::fromLatin1(value.mid(scheme.size()).trimmed());
}

// The file name as the uploader gave it, without any folder (a name is never a path), or an
// empty string if it cannot be a name.
QString cleanFileName(const QString &given)
{
    QString name = given.mid(qMax(given.lastIndexOf(u'/'), given.lastIndexOf(u'\\')) + 1);
    name = name.trimmed();
    if (name.isEmpty() || name == u"." || name == u".." || name.size() > MaxFileNameLength)
        return {};
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return {};
    }
    return name;
}

// Content-Disposition for a download: inline only for the images browsers render safely;
// everything else (SVG and HTML above all) is an attachment. The name goes as RFC 8187 UTF-8,
// with a plain ASCII fallback for old clients.
QByteArray contentDisposition(const StoredFile &file)
{
    QByteArray ascii;
    for (const QChar c : file.name)
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\')
            ? char(c.unicode())
            : '_';
    return (FileService::isInlineImage(file.type) ? "inline" : "attachment")
        + QByteArray("; filename=\"") + ascii + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(file.name);
}

// A file id is 22 characters of base64url (128 bits): anything else is no file.
bool plausibleId(QByteArrayView id)
{
    if (id.size() != 22)
        return false;
    for (const char c : id) {
        if (!(QChar::isLetterOrNumber(uchar(c)) || c == '-' || c == '_'))
            return false;
    }
    return true;
}
} // namespace

void Connection::respondFile(int status, const QByteArray &message,
                             QList<std::pair<QByteArray, QByteArray>> headers)
{
    m_fileWait = false;
    HttpResponse response = HttpResponse::error(status, message);
    response.headers = std::move(headers);
    response.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    writeRaw(serialized(std::move(response), false, false));
    close({}, {}, protocol::LeaveReason::Closed);
}

void Connection::handleFileRequest(const HttpRequest &request)
{
    if (!m_worker->context().files || !m_worker->context().auth) {
        respondFile(503, "Files are off on this server.");
        return;
    }
    if (request.path == "/files") {
        if (request.method != "POST") {
            respondFile(405, "Files are uploaded with POST /files?room=<room>&name=<name>.",
                        {{"Allow", "POST"}});
            return;
        }
        startUpload(request);
        return;
    }
    // GET or HEAD /files/<id>, or /files/<id>/thumb.
    if (request.method != "GET" && request.method != "HEAD") {
        respondFile(405, "A file is read with GET or HEAD.", {{"Allow", "GET, HEAD"}});
        return;
    }
    if (request.contentLength > 0) {
        respondFile(400, "A GET or HEAD request has no body.");
        return;
    }
    QByteArrayView rest = QByteArrayView(request.path).sliced(qstrlen("/files/"));
    const bool thumbnail = rest.endsWith("/thumb");
    if (thumbnail)
        rest.chop(qstrlen("/thumb"));
    if (!plausibleId(rest)) {
        respondFile(404, "There is no such file, or you may not read it.");
        return;
    }
    const QString token = bearerToken(request);
    if (token.isEmpty()) {
        respondFile(401,
                    "Reading a file needs an account: send its token as "
                    "Authorization: Bearer <token>.",
                    {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    m_fileWait = true;
    pauseReading(true);
    setDeadline(m_config.fileIdleTimeoutMs);
    Worker *worker = m_worker;
    const quint64 id = m_id;
    const QString fileId = QString::fromLatin1(rest);
    const bool headOnly = request.method == "HEAD";
    m_worker->context().auth->resume(
        token, m_peer, [worker, id, fileId, thumbnail, headOnly](const AuthResult &result) {
            worker->runForConnection(id, [=](Connection &connection) {
                connection.onDownloadAuthorized(result, fileId, thumbnail, headOnly);
            });
        });
}

void Connection::onDownloadAuthorized(const AuthResult &result, const QString &fileId,
                                      bool thumbnail, bool headOnly)
{
    if (m_fd < 0 || m_state != State::Http)
        return;
    if (result.error) {
        respondFile(401, result.error->message.toUtf8(), {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    Worker *worker = m_worker;
    const quint64 id = m_id;
    const qint64 account = result.account.id;
    m_worker->context().files->find(
        fileId, [worker, id, account, thumbnail, headOnly](const StoredFile &file) {
            worker->runForConnection(id, [=](Connection &connection) {
                connection.onFileFound(file, account, thumbnail, headOnly);
            });
        });
}

void Connection::onFileFound(const StoredFile &file, qint64 account, bool thumbnail, bool headOnly)
{
    if (m_fd < 0 || m_state != State::Http)
        return;
    // One answer for a file that is not there and one the account may not read: ids cannot
    // be probed. The room is asked now, not when the file was uploaded: a member removed
    // since then reads no more.
    if (file.id.isEmpty() || file.hidden || (thumbnail && file.thumbSha256.isEmpty())
        || !m_worker->context().hub->mayReadFile(account, file.room)) {
        respondFile(404, "There is no such file, or you may not read it.");
        return;
    }
    FileService *files = m_worker->context().files;
    auto source = std::make_unique<DownloadSource>(
        files->contentPath(thumbnail ? file.thumbSha256 : file.sha256));
    if (!source->open()) {
        qCWarning(lcFiles) << "file" << file.id << "has no content on disk";
        respondFile(404, "There is no such file, or you may not read it.");
        return;
    }
    m_fileWait = false;
    HttpResponse response;
    // Thumbnails are PNG (FileService); the rest is the type sniffed from the content at upload.
    response.contentType = thumbnail ? QByteArray("image/png") : file.type.toLatin1();
    response.streamedLength = source->size();
    response.headers.append(
        std::pair<QByteArray, QByteArray>("Content-Disposition", contentDisposition(file)));
    response.headers.append(
        std::pair<QByteArray, QByteArray>("Cache-Control", "private, max-age=3600"));
    // Whatever a browser makes of the file, it runs nothing and loads nothing.
    response.headers.append(std::pair<QByteArray, QByteArray>("Content-Security-Policy",
                                                              "default-src 'none'; sandbox"));
    qCDebug(lcFiles) << "connection" << m_id << "reads file" << file.id
                     << (thumbnail ? "(thumbnail)" : "");
    writeRaw(serialized(std::move(response), headOnly, false));
    if (headOnly || source->atEnd()) {
        close({}, {}, protocol::LeaveReason::Closed);
        return;
    }
    m_download = std::move(source);
    setDeadline(m_config.fileIdleTimeoutMs);
}

void Connection::pumpDownload()
{
    const QByteArray chunk = m_download->next(DownloadChunkBytes);
    if (chunk.isEmpty()) {
        qCWarning(lcFiles) << "connection" << m_id << "cannot read the rest of its download";
        abortSocket();
        return;
    }
    m_out.append(chunk.constData(), chunk.size());
    // A reader that takes nothing for this long is dropped (onDeadline).
    setDeadline(m_config.fileIdleTimeoutMs);
    if (m_download->atEnd()) {
        m_download.reset();
        close({}, {}, protocol::LeaveReason::Closed);
        return;
    }
    // Sent when the kernel has room, on the worker's next pass (EPOLLOUT).
    m_wantWrite = true;
    updateWatch();
}

void Connection::startUpload(const HttpRequest &request)
{
    const qsizetype queryAt = request.target.indexOf('?');
    const QUrlQuery query(queryAt < 0 ? QString()
                                      : QString::fromUtf8(request.target.mid(queryAt + 1)));
    const QString room = query.queryItemValue(u"room"_s, QUrl::FullyDecoded);
    const QString name = cleanFileName(query.queryItemValue(u"name"_s, QUrl::FullyDecoded));
    if (room.isEmpty() || name.isEmpty()) {
        respondFile(400,
                    "Name the room and the file: POST /files?room=<room>&name=<file name> (a "
                    "name of at most 255 characters, without control characters).");
        return;
    }
    if (request.contentLength <= 0) {
        respondFile(400, "An upload needs a Content-Length, and a file that is not empty.");
        return;
    }
    // Refused before a byte of the body is read; nothing is kept.
    if (request.contentLength > m_config.maxFileBytes) {
        respondFile(413,
                    "The file is larger than this server takes: "
                        + QByteArray::number(m_config.maxFileBytes) + " bytes at most.");
        return;
    }
    const QString token = bearerToken(request);
    if (token.isEmpty()) {
        respondFile(401,
                    "Uploads need an account: sign in, and send its token as "
                    "Authorization: Bearer <token>. Guests cannot upload files.",
                    {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    // Nothing more is read until the token is checked: the body waits in the kernel.
    m_fileWait = true;
    pauseReading(true);
    setDeadline(m_config.fileIdleTimeoutMs);
    Worker *worker = m_worker;
    const quint64 id = m_id;
    const qint64 length = request.contentLength;
    m_worker->context().auth->resume(
        token, m_peer, [worker, id, room, name, length](const AuthResult &result) {
            worker->runForConnection(id, [=](Connection &connection) {
                connection.onUploadAuthorized(result, room, name, length);
            });
        });
}

void Connection::onUploadAuthorized(const AuthResult &result, const QString &room,
                                    const QString &name, qint64 length)
{
    if (m_fd < 0 || m_state != State::Http)
        return;
    if (result.error) {
        respondFile(401, result.error->message.toUtf8(), {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    const Account &account = result.account;
    if (const auto refused = m_worker->context().hub->mayUploadFile(account.id, account.name,
                                                                    account.role, room, m_peer)) {
        respondFile(refused->code == protocol::ErrorCode::NoSuchRoom ? 404 : 403,
                    refused->message.toUtf8());
        return;
    }
    FileService *files = m_worker->context().files;
    const FileService::Admission admission = files->admit(account.id);
    switch (admission.refusal) {
    case FileService::Refusal::None:
        break;
    case FileService::Refusal::AccountBusy:
        respondFile(429,
                    "You are uploading " + QByteArray::number(m_config.maxUploadsPerAccount)
                        + " files already; send this one when one of them is done.");
        return;
    case FileService::Refusal::ServerBusy:
        respondFile(503, "The server is taking as many uploads as it can; try again shortly.",
                    {{"Retry-After", "5"}});
        return;
    case FileService::Refusal::RateLimited:
        respondFile(429, "You are uploading too often; wait a little.",
                    {{"Retry-After", QByteArray::number((admission.waitMs + 999) / 1000)}});
        return;
    }
    m_upload = std::make_unique<UploadSink>(files, account.id, name, room, length);
    if (!m_upload->open()) {
        qCWarning(lcFiles) << "cannot create a temporary file under" << files->root();
        m_upload.reset();
        respondFile(503, "The server cannot take files right now.");
        return;
    }
    qCDebug(lcFiles) << "connection" << m_id << "uploads" << length << "bytes to" << room;
    setDeadline(m_config.fileIdleTimeoutMs);
    // What came with the head is the body's beginning.
    const QByteArray early = std::exchange(m_httpBuffer, {});
    if (!early.isEmpty())
        feedUpload(early);
    if (m_upload && m_upload->remaining() > 0 && m_fd >= 0)
        pauseReading(false);
}

void Connection::feedUpload(QByteArrayView bytes)
{
    // Bytes past the body would be a next request: this connection ends after its answer.
    const qint64 take = qMin<qint64>(bytes.size(), m_upload->remaining());
    if (!m_upload->write(bytes.first(take))) {
        m_upload.reset();
        respondFile(503, "The server cannot store the file right now; nothing was kept.");
        return;
    }
    if (m_upload->remaining() > 0) {
        setDeadline(m_config.fileIdleTimeoutMs); // it is still coming
        return;
    }
    // Complete: the answer waits for the file's row.
    pauseReading(true);
    clearDeadline();
    Worker *worker = m_worker;
    const quint64 id = m_id;
    m_worker->context().files->commit(
        m_upload->handOver(), [worker, id](const std::optional<StoredFile> &file) {
            worker->runForConnection(
                id, [file](Connection &connection) { connection.onUploadCommitted(file); });
        });
}

void Connection::onUploadCommitted(const std::optional<StoredFile> &file)
{
    m_upload.reset(); // its place in the budgets is free again
    if (m_fd < 0 || m_state != State::Http)
        return;
    if (!file) {
        respondFile(503, "The server could not keep the file; try again.");
        return;
    }
    QJsonObject reply{{u"id"_s, file->id},
                      {u"name"_s, file->name},
                      {u"type"_s, file->type},
                      {u"size"_s, file->size},
                      {u"thumbnail"_s, !file->thumbSha256.isEmpty()}};
    if (file->width > 0 && file->height > 0) {
        reply.insert(u"width"_s, file->width);
        reply.insert(u"height"_s, file->height);
    }
    m_fileWait = false;
    HttpResponse response;
    response.status = 201;
    response.contentType = "application/json";
    response.body = QJsonDocument(reply).toJson(QJsonDocument::Compact);
    response.headers.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
    writeRaw(serialized(std::move(response), false, false));
    close({}, {}, protocol::LeaveReason::Closed);
}

} // namespace sori::server
