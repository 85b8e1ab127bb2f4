// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/logmodel.h"

#include "gui/labels.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>

namespace sori::server::gui {

LogModel::LogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(qMax(1, capacity))
{ }

int LogModel::severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

void LogModel::append(const QList<LogRecord> &records)
{
    QList<LogRecord> fresh;
    for (const LogRecord &record : records) {
        if (record.seq > m_lastSeq)
            fresh.append(record);
    }
    if (fresh.isEmpty())
        return;
    m_lastSeq = fresh.constLast().seq;
    if (fresh.size() > m_capacity)
        fresh.remove(0, fresh.size() - m_capacity);
    const qsizetype overflow = m_rows.size() + fresh.size() - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow - 1));
        m_rows.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
    m_rows.append(fresh);
    endInsertRows();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LogRecord &record = m_rows.at(index.row());
    switch (role) {
    case SeverityRole:
        return severity(record.level);
    case SeqRole:
        return record.seq;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Time:
            return Labels::timeWithSeconds(QDateTime::fromMSecsSinceEpoch(record.time));
        case Level:
            return Labels::level(record.level);
        case Category:
            return record.category;
        case Message:
            return Labels::localTimes(record.message);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Message)
            return Labels::localTimes(record.message);
        if (index.column() == Time)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.time),
                                      QLocale::LongFormat);
        return {};
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Level:
        return tr("Level");
    case Category:
        return tr("Category");
    case Message:
        return tr("Message");
    case ColumnCount:
        break;
    }
    return {};
}

LogFilterModel::LogFilterModel(QObject *parent) : QSortFilterProxyModel(parent) { }

void LogFilterModel::setMinimumSeverity(int severity)
{
    if (severity == m_minimumSeverity)
        return;
    m_minimumSeverity = severity;
    invalidateFilter();
}

void LogFilterModel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (model->data(first, LogModel::SeverityRole).toInt() < m_minimumSeverity)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {int(LogModel::Category), int(LogModel::Message)}) {
        if (model->data(model->index(sourceRow, column, sourceParent))
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace sori::server::gui
