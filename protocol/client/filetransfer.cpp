// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/client/filetransfer.h"

#include "protocol/client/chatclient.h"
#include "protocol/client/logging.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

using namespace Qt::StringLiterals;

namespace sori {

FileTransfer::FileTransfer(QObject *parent)
    : QObject(parent), m_manager(std::make_unique<QNetworkAccessManager>())
{ }

FileTransfer::FileTransfer(ChatClient *client, QObject *parent) : FileTransfer(parent)
{
    m_client = client;
}

FileTransfer::~FileTransfer()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply.data();
    }
}

void FileTransfer::setServer(const QUrl &webSocketUrl)
{
    m_server = webSocketUrl;
}

void FileTransfer::setToken(const QString &token)
{
    m_token = token;
}

void FileTransfer::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_ssl = configuration;
}

QUrl FileTransfer::httpBase(const QUrl &webSocketUrl)
{
    const QString scheme = webSocketUrl.scheme().toLower();
    if (scheme != u"ws"_s && scheme != u"wss"_s)
        return {};
    QUrl base;
    base.setScheme(scheme == u"wss"_s ? u"https"_s : u"http"_s);
    base.setHost(webSocketUrl.host());
    base.setPort(webSocketUrl.port());
    return base;
}

bool FileTransfer::isRunning() const
{
    return !m_reply.isNull();
}

bool FileTransfer::upload(const QString &room, const QString &name, QIODevice *device)
{
    if (!device || !device->isReadable() || device->isSequential())
        return false;
    const QUrl base = httpBase(m_client ? m_client->url() : m_server);
    if (base.isEmpty() || isRunning())
        return false;
    QUrl url = base;
    url.setPath(u"/files"_s);
    // Percent-encoded in full: a '+', '&' or '#' in a name stays itself.
    url.setQuery(QString::fromLatin1("room=" + QUrl::toPercentEncoding(room)
                                     + "&name=" + QUrl::toPercentEncoding(name)));
    m_uploading = true;
    return start(url, device, 0);
}

bool FileTransfer::uploadFile(const QString &room, const QString &path, const QString &name)
{
    if (isRunning())
        return false;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return false;
    QFile *device = file.get();
    m_file = std::move(file);
    if (!upload(room, name.isEmpty() ? QFileInfo(path).fileName() : name, device)) {
        m_file.reset();
        return false;
    }
    return true;
}

bool FileTransfer::download(const QString &fileId, qint64 maxBytes)
{
    const QUrl base = httpBase(m_client ? m_client->url() : m_server);
    if (base.isEmpty() || isRunning() || fileId.isEmpty() || maxBytes <= 0)
        return false;
    QUrl url = base;
    url.setPath(u"/files/"_s + fileId);
    m_uploading = false;
    return start(url, nullptr, maxBytes);
}

bool FileTransfer::downloadThumbnail(const QString &fileId, qint64 maxBytes)
{
    const QUrl base = httpBase(m_client ? m_client->url() : m_server);
    if (base.isEmpty() || isRunning() || fileId.isEmpty() || maxBytes <= 0)
        return false;
    QUrl url = base;
    url.setPath(u"/files/"_s + fileId + u"/thumb"_s);
    m_uploading = false;
    return start(url, nullptr, maxBytes);
}

bool FileTransfer::start(const QUrl &url, QIODevice *body, qint64 maxBytes)
{
    const QString token = m_client ? m_client->token() : m_token;
    if (token.isEmpty())
        return false;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    // The server speaks HTTP/1.1 and answers each file request with Connection: close.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (url.scheme() == u"https"_s)
        request.setSslConfiguration(m_client ? m_client->sslConfiguration() : m_ssl);
    m_maxBytes = maxBytes;
    m_refusal.clear();
    m_canceled = false;
    QNetworkReply *reply = nullptr;
    if (body) {
        const qint64 size = body->size() - body->pos();
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/octet-stream"));
        request.setHeader(QNetworkRequest::ContentLengthHeader, size);
        reply = m_manager->post(request, body);
        // QNetworkReply ends with (0, 0) once the body is sent: not progress.
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            if (sent > 0 || total > 0)
                Q_EMIT progress(sent, total);
        });
    } else {
        reply = m_manager->get(request);
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > m_maxBytes
                && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                m_refusal = tr("The file is larger than %n bytes.", nullptr,
                               int(qMin<qint64>(m_maxBytes, INT_MAX)));
                reply->abort();
            }
        });
        connect(reply, &QNetworkReply::downloadProgress, this, [this, reply](qint64 got, qint64) {
            if (got > m_maxBytes && m_refusal.isEmpty()) {
                m_refusal = tr("The file is larger than %n bytes.", nullptr,
                               int(qMin<qint64>(m_maxBytes, INT_MAX)));
                reply->abort();
                return;
            }
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            Q_EMIT progress(got, length.isValid() ? length.toLongLong() : -1);
        });
        // Never more than the cap in memory, whatever the server says its length is.
        reply->setReadBufferSize(maxBytes + 1);
    }
    if (url.scheme() == u"https"_s) {
        connect(reply, &QNetworkReply::sslErrors, this,
                [this, reply](const QList<QSslError> &errors) {
                    // The certificate the chat connection was let through with, and only that one.
                    const QSslCertificate accepted =
                        m_client ? m_client->peerCertificate() : QSslCertificate();
                    if (accepted.isNull())
                        return;
                    for (const QSslError &error : errors) {
                        if (error.certificate() != accepted)
                            return;
                    }
                    reply->ignoreSslErrors(errors);
                });
    }
    connect(reply, &QNetworkReply::finished, this, &FileTransfer::onFinished);
    m_reply = reply;
    return true;
}

void FileTransfer::cancel()
{
    if (!m_reply)
        return;
    m_canceled = true;
    m_reply->abort();
}

QString FileTransfer::statusText(int status, const QByteArray &body) const
{
    switch (status) {
    case 400:
        return tr("The server did not take the request: %1").arg(QString::fromUtf8(body).trimmed());
    case 401:
        return tr("The sign-in was not accepted for files: sign in again.");
    case 403:
        return tr("You may not post files in this room.");
    case 404:
        return m_uploading ? tr("There is no such room.")
                           : tr("There is no such file, or you may not read it.");
    case 408:
        return tr("The upload stalled and was dropped; try again.");
    case 413:
        return tr("The file is larger than this server takes.");
    case 429:
        return tr("Too many uploads at once: wait a little, then try again.");
    case 501:
        return tr("The server cannot take this upload.");
    case 503:
        return tr("The server is busy or cannot store files now; try again later.");
    default:
        return tr("The server answered with HTTP status %1.").arg(status);
    }
}

void FileTransfer::onFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply)
        return;
    m_reply.clear();
    reply->deleteLater();
    Result result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = m_refusal.isEmpty() && !m_canceled ? reply->readAll() : QByteArray();
    if (m_canceled) {
        result.canceled = true;
        result.error = tr("Canceled.");
    } else if (!m_refusal.isEmpty()) {
        result.error = m_refusal;
    } else if (result.status == 0) {
        result.error = tr("No answer from the server: %1").arg(reply->errorString());
    } else if (m_uploading && result.status == 201) {
        const QJsonObject answer = QJsonDocument::fromJson(body).object();
        result.file.id = answer.value(u"id"_s).toString();
        result.file.name = answer.value(u"name"_s).toString();
        result.file.type = answer.value(u"type"_s).toString();
        result.file.size = answer.value(u"size"_s).toInteger();
        result.file.thumbnail = answer.value(u"thumbnail"_s).toBool();
        result.file.width = int(answer.value(u"width"_s).toInteger());
        result.file.height = int(answer.value(u"height"_s).toInteger());
        result.ok = !result.file.id.isEmpty();
        if (!result.ok)
            result.error = tr("The server's answer to the upload could not be read.");
    } else if (!m_uploading && result.status == 200) {
        if (body.size() > m_maxBytes) {
            result.error = tr("The file is larger than %n bytes.", nullptr,
                              int(qMin<qint64>(m_maxBytes, INT_MAX)));
        } else {
            result.ok = true;
            result.data = body;
            result.type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        }
    } else {
        result.error = statusText(result.status, body.left(512));
    }
    if (!result.ok)
        qCInfo(lcClient) << "file transfer" << reply->url().path() << "failed:" << result.error;
    finish(std::move(result));
}

void FileTransfer::finish(Result result)
{
    m_file.reset();
    Q_EMIT finished(result);
}

} // namespace sori
