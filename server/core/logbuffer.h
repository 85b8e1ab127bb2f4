// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QMutex>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <atomic>

namespace sori::server {

// One log record, from any logging category.
struct LogRecord
{
    qint64 seq = 0; // increasing, from 1
    qint64 time = 0; // ms since the epoch
    QtMsgType level = QtInfoMsg;
    QString category;
    QString message;
};

// A capped ring of the latest log records, fed by a Qt message handler: the records of the sori.*
// categories, and warnings or worse of any other. The handler passes every record on to the one
// installed before it (the terminal keeps its log), and
// says when records came (appended()). Install at most one at a time; it uninstalls
// itself when destroyed.
class LogBuffer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogBuffer)

public:
    explicit LogBuffer(int capacity = 5000, QObject *parent = nullptr);
    ~LogBuffer() override;

    void install();
    // Thread-safe.
    void append(LogRecord record);
    // The records newer than seq, oldest first (at most capacity of them).
    QList<LogRecord> since(qint64 seq) const;
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    // Records were appended: emitted on the buffer's thread, once for however many came since
    // the last time (a busy log does not queue one signal per record).
    void appended();

private:
    const int m_capacity;
    mutable QMutex m_mutex;
    QList<LogRecord> m_ring; // oldest first
    qint64 m_nextSeq = 1;
    bool m_installed = false;
    std::atomic<bool> m_notifyPending = false;
};

} // namespace sori::server
