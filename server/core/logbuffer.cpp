// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/logbuffer.h"

#include <QtCore/QDateTime>

#include <cstring>

namespace sori::server {

namespace {
// The buffer the message handler feeds, and the handler it passes every record on to.
std::atomic<LogBuffer *> activeLog = nullptr;
QtMessageHandler previousHandler = nullptr;

void logHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // The server's own categories, and whatever else goes wrong (a warning or worse).
    const bool ours = context.category && std::strncmp(context.category, "sori.", 5) == 0;
    LogBuffer *log = activeLog.load();
    if (log && (ours || (type != QtDebugMsg && type != QtInfoMsg))) {
        log->append(LogRecord{0, QDateTime::currentMSecsSinceEpoch(), type,
                              QString::fromLatin1(context.category ? context.category : "default"),
                              message});
    }
    if (previousHandler)
        previousHandler(type, context, message);
}
} // namespace

LogBuffer::LogBuffer(int capacity, QObject *parent) : QObject(parent), m_capacity(qMax(1, capacity))
{ }

LogBuffer::~LogBuffer()
{
    if (m_installed) {
        activeLog.store(nullptr);
        qInstallMessageHandler(previousHandler);
        previousHandler = nullptr;
    }
}

void LogBuffer::install()
{
    if (m_installed)
        return;
    m_installed = true;
    activeLog.store(this);
    previousHandler = qInstallMessageHandler(logHandler);
}

void LogBuffer::append(LogRecord record)
{
    QMutexLocker lock(&m_mutex);
    record.seq = m_nextSeq++;
    m_ring.append(std::move(record));
    // Trimmed in steps, so that a busy log does not shift the whole list for every record.
    if (m_ring.size() >= m_capacity + m_capacity / 8 + 1)
        m_ring.remove(0, m_ring.size() - m_capacity);
    lock.unlock();
    if (!m_notifyPending.exchange(true)) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_notifyPending.store(false);
                Q_EMIT appended();
            },
            Qt::QueuedConnection);
    }
}

QList<LogRecord> LogBuffer::since(qint64 seq) const
{
    QMutexLocker lock(&m_mutex);
    QList<LogRecord> result;
    const qsizetype first = m_ring.size() - qMin<qsizetype>(m_ring.size(), m_capacity);
    for (qsizetype i = first; i < m_ring.size(); ++i) {
        if (m_ring.at(i).seq > seq)
            result.append(m_ring.at(i));
    }
    return result;
}

} // namespace sori::server
