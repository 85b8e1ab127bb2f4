// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/fileservice.h"

#include <QtCore/QByteArrayView>
#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>

namespace sori::server {

// The body of one upload as it arrives, on its connection's worker thread: written to a
// temporary file and hashed on the way, so that no more than one read's worth of it is ever in
// memory. It holds the upload's place in the file service's budgets (FileService::admit) for as
// long as it lives. Destroyed before handOver() (the peer went away, stalled, or broke the
// limit), it removes the temporary file: a partial upload leaves nothing behind.
class UploadSink
{
    Q_DISABLE_COPY_MOVE(UploadSink)

public:
    // The place in the budgets is taken already (admit() said yes).
    UploadSink(FileService *files, qint64 account, const QString &name, const QString &room,
               qint64 expectedBytes);
    ~UploadSink();

    // Creates the temporary file. False if it cannot.
    bool open();
    qint64 remaining() const { return m_expected - m_received; }
    // Writes bytes of the body (never more than remaining()). False on a disk error.
    bool write(QByteArrayView bytes);
    // The whole body arrived: the file is closed and given to the caller (for commit()); the
    // place in the budgets stays taken until the sink is destroyed.
    FileService::Upload handOver();

private:
    FileService *m_files;
    FileService::Upload m_upload;
    QFile m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    const qint64 m_expected;
    qint64 m_received = 0;
    bool m_handedOver = false;
};

// A stored file on its way to the peer, read in bounded chunks as the socket drains.
class DownloadSource
{
    Q_DISABLE_COPY_MOVE(DownloadSource)

public:
    explicit DownloadSource(const QString &path) : m_file(path) { }
    bool open() { return m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered); }
    qint64 size() const { return m_file.size(); }
    bool atEnd() const { return m_sent >= m_file.size(); }
    // The next at most maxBytes; empty (with atEnd() false) on a read error.
    QByteArray next(qint64 maxBytes);

private:
    QFile m_file;
    qint64 m_sent = 0;
};

} // namespace sori::server
