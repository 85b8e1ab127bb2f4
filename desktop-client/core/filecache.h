// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QCache>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtGui/QImage>

namespace sori {
class ChatClient;
}

namespace sori::chat {

// The files of messages as sori-chat shows them (docs/protocol.md §14): thumbnails kept in
// memory, in a cache of bounded size, and whole files fetched when the user opens or saves one.
// Downloads go over HTTP with the session's token (sori::FileTransfer), a few at a time; what is
// asked for waits in a queue, and a thumbnail is asked for once (one that failed is not asked
// again until clear()).
class FileCache : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileCache)

public:
    // Transfers at once; the memory the thumbnails may take (a thumbnail is at most 320 pixels
    // a side: about 400 KiB decoded).
    static constexpr int MaxTransfers = 3;
    static constexpr int MaxThumbnailKiB = 64 * 1024;

    explicit FileCache(ChatClient *client, QObject *parent = nullptr);
    ~FileCache() override;

    // The thumbnail of an image file, if it is here; otherwise a null image, and it is fetched
    // (thumbnailReady() follows).
    QImage thumbnail(const QString &id);
    bool hasThumbnail(const QString &id) const { return m_thumbnails.contains(id); }
    // Fetches the whole file: fileReady() or fileFailed().
    void fetch(const QString &id);
    // Forgets everything and stops what is under way (signed out, another server).
    void clear();

Q_SIGNALS:
    void thumbnailReady(const QString &id);
    void fileReady(const QString &id, const QByteArray &data, const QString &type);
    void fileFailed(const QString &id, const QString &error);

private:
    struct Job
    {
        QString id;
        bool thumbnail = false;
    };
    void pump();

    QPointer<ChatClient> m_client;
    QCache<QString, QImage> m_thumbnails; // cost: KiB
    QSet<QString> m_asked; // thumbnails queued, under way, or failed
    QList<Job> m_queue;
    int m_running = 0;
    quint64 m_generation = 0; // bumped by clear(): answers of older transfers are dropped
};

} // namespace sori::chat
