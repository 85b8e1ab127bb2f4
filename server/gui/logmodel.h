// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/logbuffer.h"
#include "core/monitor.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QSortFilterProxyModel>

namespace sori::server::gui {

// "Live log": the latest records of the server's logging categories (core/monitor.h LogBuffer),
// capped: the oldest rows are removed as new ones come in.
class LogModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogModel)

public:
    enum Column { Time, Level, Category, Message, ColumnCount };
    enum Roles {
        SeverityRole = Qt::UserRole + 1, // int: 0 debug, 1 info, 2 warning, 3 critical, 4 fatal
        SeqRole, // qint64: the record's number
    };

    explicit LogModel(int capacity = 5000, QObject *parent = nullptr);

    // Appends the records newer than the last one seen (one insertion for all of them).
    void append(const QList<LogRecord> &records);
    qint64 lastSeq() const { return m_lastSeq; }
    int capacity() const { return m_capacity; }
    static int severity(QtMsgType type);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const int m_capacity;
    QList<LogRecord> m_rows;
    qint64 m_lastSeq = 0;
};

// Filters the log by a least severity and a piece of text (in the category or the message).
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)

public:
    explicit LogFilterModel(QObject *parent = nullptr);
    void setMinimumSeverity(int severity);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumSeverity = 0;
    QString m_text;
};

} // namespace sori::server::gui
