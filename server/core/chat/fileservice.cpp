// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/fileservice.h"

#include "core/chat/thumbnailer.h"

#include "core/logging.h"
#include "core/serverconfig.h"
#include "core/store/sqlitestore.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QMimeDatabase>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSaveFile>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// 128 random bits, base64url: a file's id cannot be guessed or counted through.
QString randomId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The monotonic clock the rate buckets count in.
qint64 nowMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.elapsed();
}
} // namespace

FileService::FileService(std::unique_ptr<SqliteStore> store, const QString &dataDir,
                         const ServerConfig &config)
    : m_store(std::move(store)), m_root(QDir(dataDir).filePath(u"files"_s)), m_config(config)
{
    m_thread.setObjectName(u"sori-files"_s);
    m_thumbnails.setObjectName(u"sori-thumbnails"_s);
    m_thumbnails.setMaxThreadCount(1);
}

FileService::~FileService()
{
    stop();
}

bool FileService::start(QString *error)
{
    QDir tmp(QDir(m_root).filePath(u"tmp"_s));
    // Uploads a crash cut off: nobody waits for them.
    if (tmp.exists() && !tmp.removeRecursively())
        qCWarning(lcFiles) << "cannot empty" << tmp.path();
    if (!QDir().mkpath(tmp.path())) {
        *error = u"cannot create %1"_s.arg(tmp.path());
        return false;
    }
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, context, &QObject::deleteLater);
    m_thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(
        context,
        [&] {
            ok = m_store->open();
            if (!ok) {
                *error = m_store->errorString();
                return;
            }
            if (m_config.fileRetentionDays <= 0)
                return;
            // Queued: the start does not wait for it.
            QMetaObject::invokeMethod(
                context, [this] { sweep(); }, Qt::QueuedConnection);
            auto *timer = new QTimer(context);
            QObject::connect(timer, &QTimer::timeout, context, [this] { sweep(); });
            timer->start(std::chrono::hours(1));
        },
        Qt::BlockingQueuedConnection);
    if (ok) {
        m_context = context;
    } else {
        m_store.reset();
        m_thread.quit();
        m_thread.wait();
    }
    return ok;
}

void FileService::stop()
{
    if (!m_thread.isRunning())
        return;
    // Nothing new is queued from now on; the connection is closed on the thread that opened it.
    QObject *context = m_context.exchange(nullptr);
    QMetaObject::invokeMethod(
        context, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
    // A thumbnail being made finishes; its result finds no file thread to go to.
    m_thumbnails.waitForDone();
    m_thread.quit();
    m_thread.wait();
}

void FileService::run(std::function<void()> task)
{
    if (QObject *context = m_context.load())
        QMetaObject::invokeMethod(context, std::move(task), Qt::QueuedConnection);
}

QString FileService::newTempPath() const
{
    return QDir(m_root).filePath(u"tmp/"_s + randomId() + u".part"_s);
}

QString FileService::contentPath(const QByteArray &sha256) const
{
    const QString hex = QString::fromLatin1(sha256);
    return QDir(m_root).filePath(hex.left(2) + u'/' + hex);
}

FileService::Admission FileService::admit(qint64 account)
{
    QMutexLocker lock(&m_budgetMutex);
    // The server's cap first: a busy server says so, whoever asks.
    if (m_runningTotal >= m_config.maxUploads)
        return {Refusal::ServerBusy, 0};
    if (m_running.value(account) >= m_config.maxUploadsPerAccount)
        return {Refusal::AccountBusy, 0};
    const qint64 now = nowMs();
    if (m_config.uploadRate.perMinute > 0) {
        auto bucket = m_rates.find(account);
        if (bucket == m_rates.end())
            bucket = m_rates.insert(account, TokenBucket(m_config.uploadRate, now));
        if (const qint64 wait = bucket->take(now))
            return {Refusal::RateLimited, wait};
        // Buckets that are full again are forgotten now and then: the table holds only the
        // accounts that uploaded lately.
        if (m_rates.size() > 1024) {
            for (auto it = m_rates.begin(); it != m_rates.end();)
                it = it->full(now) ? m_rates.erase(it) : std::next(it);
        }
    }
    ++m_running[account];
    ++m_runningTotal;
    return {};
}

void FileService::release(qint64 account)
{
    QMutexLocker lock(&m_budgetMutex);
    auto it = m_running.find(account);
    if (it == m_running.end())
        return;
    if (--*it == 0)
        m_running.erase(it);
    --m_runningTotal;
}

int FileService::uploadsRunning() const
{
    QMutexLocker lock(&m_budgetMutex);
    return m_runningTotal;
}

void FileService::commit(Upload upload, std::function<void(std::optional<StoredFile>)> done)
{
    if (!m_context) {
        QFile::remove(upload.tempPath);
        done(std::nullopt);
        return;
    }
    run([this, upload = std::move(upload), done = std::move(done)] {
        std::optional<StoredFile> file = placeContent(upload);
        if (!file || !isInlineImage(file->type)) {
            done(file ? insert(*file) : std::nullopt);
            return;
        }
        m_placing.insert(file->sha256);
        m_thumbnails.start([this, file = *file, done]() mutable {
            addThumbnail(file);
            run([this, file, done] {
                m_placing.remove(file.sha256);
                done(insert(file));
            });
        });
    });
}

std::optional<StoredFile> FileService::placeContent(const Upload &upload)
{
    StoredFile file;
    file.id = randomId();
    file.sha256 = upload.sha256;
    file.name = upload.name;
    file.size = upload.size;
    file.uploader = upload.uploader;
    file.room = upload.room;
    file.createdAt = QDateTime::currentMSecsSinceEpoch();
    // The type from the bytes, never from the uploader: what decides whether a browser renders
    // the file must not be the uploader's word. (A name ending in .png on an HTML page is HTML.)
    file.type =
        QMimeDatabase().mimeTypeForFile(upload.tempPath, QMimeDatabase::MatchContent).name();

    const QString target = contentPath(upload.sha256);
    if (QFile::exists(target)) {
        // The same bytes are there already: one copy serves every upload of them.
        QFile::remove(upload.tempPath);
    } else if (!QDir().mkpath(QFileInfo(target).path())
               || !QFile::rename(upload.tempPath, target)) {
        qCWarning(lcFiles) << "cannot move an upload to" << target;
        QFile::remove(upload.tempPath);
        return std::nullopt;
    }
    return file;
}

std::optional<StoredFile> FileService::insert(const StoredFile &file)
{
    if (!m_store || !m_store->insertFile(file)) {
        // The content stays: another row may refer to it, and the sweep finds it if not.
        qCWarning(lcFiles) << "cannot keep file" << file.name << "in" << file.room << ":"
                           << (m_store ? m_store->errorString() : QString());
        return std::nullopt;
    }
    qCInfo(lcFiles) << "file" << file.id << "(" << file.type << file.size << "bytes ) in"
                    << file.room << "by account" << file.uploader;
    return file;
}

void FileService::addThumbnail(StoredFile &file)
{
    const Thumbnailer::Result made =
        Thumbnailer::make(contentPath(file.sha256), m_config.maxImagePixels);
    if (made.png.isEmpty()) {
        qCInfo(lcFiles) << "no thumbnail for" << file.name << ":" << made.refusal;
        return;
    }
    QByteArray sha256;
    if (!keepContent(made.png, &sha256))
        return;
    file.width = made.width;
    file.height = made.height;
    file.thumbSha256 = sha256;
}

bool FileService::keepContent(const QByteArray &bytes, QByteArray *sha256)
{
    *sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    const QString target = contentPath(*sha256);
    if (QFile::exists(target))
        return true;
    // Written whole or not at all: a crash leaves no half thumbnail under its hash.
    QSaveFile file(target);
    if (!QDir().mkpath(QFileInfo(target).path()) || !file.open(QIODevice::WriteOnly)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        qCWarning(lcFiles) << "cannot write" << target;
        return false;
    }
    return true;
}

void FileService::sweep()
{
    if (!m_store)
        return;
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch()
        - qint64(m_config.fileRetentionDays) * 24 * 60 * 60 * 1000;
    // Claims are made on this thread too: none comes between this copy and the sweep.
    QSet<QString> claimed;
    {
        const QMutexLocker lock(&m_claimMutex);
        claimed = m_claimed;
    }
    QList<QByteArray> unreferenced;
    if (!m_store->sweepFiles(cutoff, claimed, &unreferenced)) {
        qCWarning(lcFiles) << "retention sweep failed:" << m_store->errorString();
        return;
    }
    int removed = 0;
    for (const QByteArray &sha : std::as_const(unreferenced)) {
        if (m_placing.contains(sha))
            continue; // an upload of the same bytes is on its way in
        removed += QFile::remove(contentPath(sha)) ? 1 : 0;
    }
    if (removed > 0)
        qCInfo(lcFiles) << "retention: removed" << removed
                        << "stored files that no message refers to";
}

void FileService::find(const QString &id, std::function<void(const StoredFile &)> done)
{
    if (!m_context) {
        done(StoredFile{});
        return;
    }
    run([this, id, done = std::move(done)] {
        StoredFile file;
        if (m_store && !m_store->findFile(id, &file)) {
            qCWarning(lcFiles) << "cannot read file" << id << ":" << m_store->errorString();
            file = StoredFile{};
        }
        done(file);
    });
}

void FileService::claim(qint64 account, const QString &room, const QStringList &ids,
                        const QString &msgId, std::function<void(const Claim &)> done)
{
    if (!m_context) {
        done(Claim{u"This server keeps no files now."_s, {}});
        return;
    }
    run([this, account, room, ids, msgId, done = std::move(done)] {
        Claim result;
        int resent = 0; // files of the message this one is a resend of
        for (const QString &id : ids) {
            StoredFile file;
            if (!m_store || !m_store->findFile(id, &file)) {
                qCWarning(lcFiles) << "cannot read file" << id << ":"
                                   << (m_store ? m_store->errorString() : QString());
                done(Claim{u"The files cannot be read just now; try again."_s, {}});
                return;
            }
            // An unknown id and somebody else's file read alike: nobody learns which ids exist.
            if (file.id.isEmpty() || file.uploader != account || file.hidden) {
                done(Claim{u"\"%1\" is not a file you uploaded."_s.arg(id), {}});
                return;
            }
            if (file.room != room) {
                done(Claim{u"\"%1\" was uploaded for another room."_s.arg(id), {}});
                return;
            }
            if (file.messageId != 0) {
                if (msgId.isEmpty() || !m_store->messageHasMsgId(file.messageId, msgId)) {
                    done(Claim{u"\"%1\" is attached to another message already."_s.arg(id), {}});
                    return;
                }
                ++resent;
            }
            protocol::Attachment attachment;
            attachment.id = file.id;
            attachment.name = file.name;
            attachment.type = file.type;
            attachment.size = file.size;
            attachment.thumbnail = !file.thumbSha256.isEmpty();
            if (attachment.thumbnail) {
                attachment.width = file.width;
                attachment.height = file.height;
            }
            result.attachments.append(attachment);
        }
        if (resent > 0) {
            // A resend names the original's files, all of them and nothing else.
            if (resent != ids.size())
                done(Claim{u"These files are attached to another message already."_s, {}});
            else
                done(result);
            return;
        }
        {
            // All or none: a message on its way to storage holds its files until it is stored.
            QMutexLocker lock(&m_claimMutex);
            for (const QString &id : ids) {
                if (m_claimed.contains(id)) {
                    done(Claim{u"\"%1\" is attached to another message already."_s.arg(id), {}});
                    return;
                }
            }
            for (const QString &id : ids)
                m_claimed.insert(id);
        }
        done(result);
    });
}

void FileService::releaseClaims(const QStringList &ids)
{
    QMutexLocker lock(&m_claimMutex);
    for (const QString &id : ids)
        m_claimed.remove(id);
}

int FileService::claimsHeld() const
{
    QMutexLocker lock(&m_claimMutex);
    return int(m_claimed.size());
}

bool FileService::isInlineImage(const QString &type)
{
    return type == u"image/png" || type == u"image/jpeg" || type == u"image/gif"
        || type == u"image/webp";
}

} // namespace sori::server
