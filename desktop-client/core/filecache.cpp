// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/filecache.h"

#include "core/chatlogging.h"
#include "protocol/client/chatclient.h"
#include "protocol/client/filetransfer.h"

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
// A thumbnail is a PNG of at most 320 pixels a side: anything much larger is not one.
constexpr qint64 MaxThumbnailBytes = qint64(2) << 20;
} // namespace

FileCache::FileCache(ChatClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_thumbnails.setMaxCost(MaxThumbnailKiB);
}

FileCache::~FileCache() = default;

QImage FileCache::thumbnail(const QString &id)
{
    if (const QImage *image = m_thumbnails.object(id))
        return *image;
    if (!id.isEmpty() && !m_asked.contains(id)) {
        m_asked.insert(id);
        m_queue.append({id, true});
        pump();
    }
    return {};
}

void FileCache::fetch(const QString &id)
{
    if (id.isEmpty())
        return;
    m_queue.append({id, false});
    pump();
}

void FileCache::clear()
{
    ++m_generation;
    m_queue.clear();
    m_asked.clear();
    m_thumbnails.clear();
    // The transfers under way finish by themselves; their answers are dropped.
}

void FileCache::pump()
{
    while (m_running < MaxTransfers && !m_queue.isEmpty() && m_client) {
        const Job job = m_queue.takeFirst();
        auto *transfer = new FileTransfer(m_client, this);
        const quint64 generation = m_generation;
        connect(transfer, &FileTransfer::finished, this,
                [this, transfer, job, generation](const FileTransfer::Result &result) {
                    transfer->deleteLater();
                    --m_running;
                    if (generation == m_generation) {
                        if (job.thumbnail) {
                            QImage image;
                            if (result.ok && image.loadFromData(result.data)) {
                                const qint64 kib = std::max<qint64>(1, image.sizeInBytes() >> 10);
                                m_thumbnails.insert(job.id, new QImage(image), int(kib));
                                m_asked.remove(job.id); // evicted later: asked again
                                Q_EMIT thumbnailReady(job.id);
                            } else {
                                qCInfo(lcChat) << "no thumbnail for" << job.id << result.error;
                            }
                        } else if (result.ok) {
                            Q_EMIT fileReady(job.id, result.data, result.type);
                        } else {
                            Q_EMIT fileFailed(job.id, result.error);
                        }
                    }
                    pump();
                });
        const bool started = job.thumbnail ? transfer->downloadThumbnail(job.id, MaxThumbnailBytes)
                                           : transfer->download(job.id);
        if (!started) {
            transfer->deleteLater();
            if (!job.thumbnail)
                Q_EMIT fileFailed(job.id, tr("Not connected to a server with an account."));
            continue;
        }
        ++m_running;
    }
}

} // namespace sori::chat
