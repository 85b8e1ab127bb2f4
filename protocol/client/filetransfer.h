// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <QtNetwork/QSslConfiguration>

#include <memory>

class QFile;
class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;

namespace sori {

class ChatClient;

// One file going up to a Sori server or coming down from it, over HTTP (docs/protocol.md §14):
// `POST /files?room=&name=` with the body as is, `GET /files/<id>` and `GET /files/<id>/thumb`,
// each with `Authorization: Bearer <token>`. The HTTP address is the chat server's: ws:// becomes
// http://, wss:// https://, same host and port. One transfer at a time per object; finished()
// ends each one, exactly once.
//
// Given a ChatClient, the address, the token and the TLS settings are taken from it at the
// start of each transfer; a certificate the client's certificate check accepted for its
// connection is accepted here too (exactly that certificate, with exactly those errors).
class FileTransfer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileTransfer)

public:
    // At most this many bytes are read into memory by a download unless told otherwise.
    static constexpr qint64 DefaultMaxBytes = qint64(25) << 20;

    explicit FileTransfer(QObject *parent = nullptr);
    explicit FileTransfer(ChatClient *client, QObject *parent = nullptr);
    ~FileTransfer() override;

    // Without a ChatClient: the chat server's ws:// or wss:// URL, and the account's token.
    void setServer(const QUrl &webSocketUrl);
    void setToken(const QString &token);
    void setSslConfiguration(const QSslConfiguration &configuration);
    // http(s)://host:port of a ws(s):// URL; an empty URL for any other scheme.
    static QUrl httpBase(const QUrl &webSocketUrl);

    struct Result
    {
        bool ok = false;
        int status = 0; // the HTTP status (0: none came)
        QString error; // for people, when not ok
        bool canceled = false;
        protocol::Attachment file; // an upload's answer (its id goes into "attachments")
        QByteArray data; // a download's bytes
        QString type; // a download's Content-Type
    };

    // Uploads the whole of device (open for reading, of known size; it must outlive the
    // transfer) as `name` for `room`. False (and nothing started) if a transfer is running, the
    // server or token is missing, or the device is not readable.
    bool upload(const QString &room, const QString &name, QIODevice *device);
    // The same with a file on disk (its own name unless `name` is given).
    bool uploadFile(const QString &room, const QString &path, const QString &name = {});
    // Downloads a file (or its thumbnail) into memory; more than maxBytes is refused (the
    // transfer stops as soon as it knows).
    bool download(const QString &fileId, qint64 maxBytes = DefaultMaxBytes);
    bool downloadThumbnail(const QString &fileId, qint64 maxBytes = DefaultMaxBytes);
    // Stops the transfer: finished() with canceled (and not ok).
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    // Bytes sent (upload) or received (download) so far, of total (-1: not known yet).
    void progress(qint64 done, qint64 total);
    void finished(const sori::FileTransfer::Result &result);

private:
    bool start(const QUrl &url, QIODevice *body, qint64 maxBytes);
    void onFinished();
    QString statusText(int status, const QByteArray &body) const;
    void finish(Result result);

    QPointer<ChatClient> m_client;
    QUrl m_server;
    QString m_token;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration();
    std::unique_ptr<QNetworkAccessManager> m_manager;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QFile> m_file; // uploadFile's
    bool m_uploading = false;
    qint64 m_maxBytes = 0;
    QString m_refusal; // set when the transfer was stopped here (too large)
    bool m_canceled = false;
};

} // namespace sori

Q_DECLARE_METATYPE(sori::FileTransfer::Result)
