// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/filetransfer.h"

#include "core/logging.h"

namespace sori::server {

UploadSink::UploadSink(FileService *files, qint64 account, const QString &name, const QString &room,
                       qint64 expectedBytes)
    : m_files(files), m_expected(expectedBytes)
{
    m_upload.tempPath = files->newTempPath();
    m_upload.name = name;
    m_upload.uploader = account;
    m_upload.room = room;
}

UploadSink::~UploadSink()
{
    if (!m_handedOver) {
        m_file.close();
        if (m_file.exists() && !m_file.remove())
            qCWarning(lcFiles) << "cannot remove" << m_upload.tempPath;
    }
    m_files->release(m_upload.uploader);
}

bool UploadSink::open()
{
    m_file.setFileName(m_upload.tempPath);
    // Unbuffered: every write goes straight to the kernel, no second copy held here.
    return m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered);
}

bool UploadSink::write(QByteArrayView bytes)
{
    Q_ASSERT(bytes.size() <= remaining());
    for (qsizetype done = 0; done < bytes.size();) {
        const qint64 wrote = m_file.write(bytes.data() + done, bytes.size() - done);
        if (wrote <= 0) {
            qCWarning(lcFiles) << "cannot write" << m_upload.tempPath << ":"
                               << m_file.errorString();
            return false;
        }
        done += wrote;
    }
    m_hash.addData(bytes);
    m_received += bytes.size();
    return true;
}

FileService::Upload UploadSink::handOver()
{
    m_file.close();
    m_handedOver = true;
    m_upload.sha256 = m_hash.result().toHex();
    m_upload.size = m_received;
    return m_upload;
}

QByteArray DownloadSource::next(qint64 maxBytes)
{
    QByteArray chunk = m_file.read(qMin(maxBytes, m_file.size() - m_sent));
    m_sent += chunk.size();
    return chunk;
}

} // namespace sori::server
