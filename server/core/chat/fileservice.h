// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/ratelimit.h"
#include "core/store/store.h"
#include "protocol/messages.h"

#include <QtCore/QHash>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtCore/QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace sori::server {

class SqliteStore;
struct ServerConfig;

// Files uploaded over HTTP (docs/protocol.md, "Files over HTTP"): where their bytes live, their
// rows in the database, and the budgets that keep one uploader from hurting the others.
//
// The bytes of an upload are streamed by its connection, on its worker thread, into a temporary
// file (tempPath()); once complete they are handed over here. The file thread owns a database
// connection of its own: committing a file (sniffing its type, moving it into its
// content-addressed place, inserting its row) and looking one up never wait behind the message
// storage, and the workers never wait for the disk or the database. Callbacks run on the file
// thread; the caller posts the result back to where it belongs.
//
// Layout under <data dir>/files: tmp/ for uploads in progress (emptied at start: whatever is
// there was cut off by a crash), and <aa>/<sha256> for the content, aa being the first two hex
// digits (a directory never holds more than 1/256 of the files).
class FileService
{
    Q_DISABLE_COPY_MOVE(FileService)

public:
    FileService(std::unique_ptr<SqliteStore> store, const QString &dataDir,
                const ServerConfig &config);
    ~FileService();

    // Makes the directories and opens the connection (after the storage brought the schema up
    // to date). False, with *error, if it cannot.
    bool start(QString *error);
    void stop();

    // Thread-safe from here on.
    QString root() const { return m_root; }
    // A new, unused name for an upload in progress.
    QString newTempPath() const;
    // Where the content with this (hex) SHA-256 is kept.
    QString contentPath(const QByteArray &sha256) const;

    // Whether the account may start one more upload now; if so it counts until release().
    enum class Refusal { None, AccountBusy, ServerBusy, RateLimited };
    struct Admission
    {
        Refusal refusal = Refusal::None;
        qint64 waitMs = 0; // RateLimited: when the next upload may start
    };
    Admission admit(qint64 account);
    void release(qint64 account);
    int uploadsRunning() const;

    // A complete upload, written to tempPath and hashed.
    struct Upload
    {
        QString tempPath;
        QByteArray sha256; // hex
        qint64 size = 0;
        QString name;
        qint64 uploader = -1;
        QString room;
    };
    // Moves the content into place (or drops it if the same content is there already), makes
    // a thumbnail of an image (on the thumbnail thread: decoding never holds up the file
    // thread's look-ups), and inserts the file's row; done gets the file, or nothing if it could
    // not be kept (logged). The temporary file is gone either way.
    void commit(Upload upload, std::function<void(std::optional<StoredFile>)> done);
    // done gets the file (an empty id: none, or it could not be read).
    void find(const QString &id, std::function<void(const StoredFile &)> done);

    // Attachments (docs/protocol.md §14): the files `ids` for a message of `account` in `room`.
    // On the file thread, each must be a file that account uploaded for that room, not hidden,
    // not attached to a message, and not claimed by a message on its way to storage; then all
    // of them are claimed at once (held in memory until releaseClaims()) and done gets their
    // metadata, in the order of ids. Otherwise nothing is claimed and done gets the refusal, a
    // sentence (the same for an unknown id and somebody else's file). done runs on the file
    // thread; without a file thread it runs at once with a refusal.
    // msgId: the message's own id (may be empty). Files attached already to a message of the
    // account with that msgId are a resend's (a lost ack): they are answered as they are, and
    // not claimed (the hub acknowledges the resend with the original's number).
    struct Claim
    {
        QString refusal; // empty: claimed
        QList<protocol::Attachment> attachments;
    };
    void claim(qint64 account, const QString &room, const QStringList &ids, const QString &msgId,
               std::function<void(const Claim &)> done);
    // Thread-safe: the message with these attachments was stored (files.message_id is set) or
    // will not be: the ids are free to be checked against the database again.
    void releaseClaims(const QStringList &ids);
    int claimsHeld() const;

    // Whether a type is shown inline by browsers and clients: PNG, JPEG, GIF and WebP only. All
    // else (SVG and HTML above all) is served as an attachment.
    static bool isInlineImage(const QString &type);

private:
    void run(std::function<void()> task);
    // On the file thread: the file with its sniffed type, its content in place; or nothing.
    std::optional<StoredFile> placeContent(const Upload &upload);
    std::optional<StoredFile> insert(const StoredFile &file);
    // On the thumbnail thread: width, height and thumbnail of an image, if it may be decoded.
    void addThumbnail(StoredFile &file);
    // Keeps bytes under their SHA-256 (hex) unless that content is there; false on failure.
    bool keepContent(const QByteArray &bytes, QByteArray *sha256);
    // On the file thread: the retention sweep (files/retention-days), at start and then hourly.
    void sweep();

    std::unique_ptr<SqliteStore> m_store;
    const QString m_root;
    const ServerConfig &m_config;
    QThread m_thread;
    // Lives on m_thread; null before start() and after stop() (read by the workers).
    std::atomic<QObject *> m_context = nullptr;
    // One thread that decodes images for thumbnails, one at a time (its memory is bounded by
    // files/max-image-pixels).
    QThreadPool m_thumbnails;
    // File thread only: content placed whose row is not inserted yet (its thumbnail is being
    // made); the sweep leaves it alone.
    QSet<QByteArray> m_placing;

    mutable QMutex m_claimMutex; // guards m_claimed
    QSet<QString> m_claimed; // attached to a message that is not stored yet

    mutable QMutex m_budgetMutex; // guards the three below
    QHash<qint64, int> m_running; // uploads in progress, by account
    int m_runningTotal = 0;
    QHash<qint64, TokenBucket> m_rates; // by account; forgotten once full again
};

} // namespace sori::server
