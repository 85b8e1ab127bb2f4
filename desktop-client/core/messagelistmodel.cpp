// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/messagelistmodel.h"

#include <QtCore/QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sori::chat {

using protocol::MessageEvent;

namespace {
// Messages of one sender further apart than this start a new group.
constexpr qint64 GroupBreakMs = 5 * 60 * 1000;
} // namespace

MessageListModel::MessageListModel(const QString &room, QObject *parent)
    : QAbstractListModel(parent), m_room(room)
{ }

void MessageListModel::setOwnName(const QString &name)
{
    if (m_ownName == name)
        return;
    m_ownName = name;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {OwnRole});
}

void MessageListModel::setMaxRows(int rows)
{
    m_maxRows = std::max(rows, 1);
    trimTop();
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return e.text;
    case SenderRole:
        return e.from;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(e.time);
    case SeqRole:
        return e.seq;
    case MsgIdRole:
        return e.msgId;
    case DeliveryRole:
        return QVariant::fromValue(e.delivery);
    case ErrorRole:
        return e.error;
    case OwnRole:
        return !m_ownName.isEmpty() && e.from.compare(m_ownName, Qt::CaseInsensitive) == 0;
    case FirstInGroupRole:
        return isFirstInGroup(index.row());
    case DeletedRole:
        return e.deleted;
    case BadgeRole:
        return QVariant::fromValue(e.badge);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SenderRole, "sender");
    names.insert(TextRole, "text");
    names.insert(TimeRole, "time");
    names.insert(SeqRole, "seq");
    names.insert(MsgIdRole, "msgId");
    names.insert(DeliveryRole, "delivery");
    names.insert(ErrorRole, "error");
    names.insert(OwnRole, "own");
    names.insert(FirstInGroupRole, "firstInGroup");
    names.insert(DeletedRole, "deleted");
    names.insert(BadgeRole, "badge");
    return names;
}

int MessageListModel::deliveredCount() const
{
    int count = int(m_rows.size());
    while (count > 0 && m_rows.at(count - 1).seq == 0)
        --count;
    return count;
}

int MessageListModel::insertPosition(qint64 seq) const
{
    const auto end = m_rows.cbegin() + deliveredCount();
    return int(std::lower_bound(m_rows.cbegin(), end, seq,
                                [](const Entry &e, qint64 s) { return e.seq < s; })
               - m_rows.cbegin());
}

int MessageListModel::rowOfSeq(qint64 seq) const
{
    if (seq <= 0)
        return -1;
    const int row = insertPosition(seq);
    return row < deliveredCount() && m_rows.at(row).seq == seq ? row : -1;
}

int MessageListModel::rowOfMsgId(const QString &msgId) const
{
    if (msgId.isEmpty())
        return -1;
    // Own messages are near the end.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).msgId == msgId)
            return row;
    }
    return -1;
}

qint64 MessageListModel::firstSeq() const
{
    return deliveredCount() > 0 ? m_rows.first().seq : 0;
}

qint64 MessageListModel::lastSeq() const
{
    const int count = deliveredCount();
    return count > 0 ? m_rows.at(count - 1).seq : 0;
}

void MessageListModel::requestOlder()
{
    if (!m_hasOlder || m_loading)
        return;
    m_loading = true;
    Q_EMIT pageRequested(m_room, firstSeq(), m_pageSize, 0);
}

void MessageListModel::requestNewer()
{
    if (!m_hasNewer || m_loading)
        return;
    m_loading = true;
    // The page right after the window. (Asking for the page that ends m_pageSize numbers after
    // it could leave a hole: a page cut by bytes keeps the newest of what was asked for.)
    Q_EMIT pageRequested(m_room, 0, m_pageSize, lastSeq());
}

void MessageListModel::pageFailed()
{
    m_loading = false;
}

MessageListModel::Entry MessageListModel::fromEvent(const MessageEvent &message) const
{
    Entry e;
    e.seq = message.seq;
    e.from = message.from;
    e.text = message.deleted ? QString() : message.text;
    e.time = message.time;
    e.msgId = message.msgId;
    e.deleted = message.deleted;
    e.badge = badgeOf(message.role, message.guest);
    return e;
}

MessageListModel::Badge MessageListModel::badgeOf(protocol::Role role, bool guest)
{
    // A guest is a guest whatever role it claims.
    if (guest || role == protocol::Role::Guest)
        return Badge::Guest;
    switch (role) {
    case protocol::Role::Admin:
        return Badge::Admin;
    case protocol::Role::Moderator:
        return Badge::Moderator;
    default:
        return Badge::None;
    }
}

bool MessageListModel::isFirstInGroup(int row) const
{
    if (row <= 0)
        return true;
    const Entry &previous = m_rows.at(row - 1);
    const Entry &current = m_rows.at(row);
    return previous.from.compare(current.from, Qt::CaseInsensitive) != 0
        || current.time - previous.time > GroupBreakMs;
}

void MessageListModel::regroup(int row)
{
    if (row >= 0 && row < m_rows.size())
        Q_EMIT dataChanged(index(row), index(row), {FirstInGroupRole});
}

void MessageListModel::setHasOlder(bool hasOlder)
{
    if (m_hasOlder == hasOlder)
        return;
    m_hasOlder = hasOlder;
    Q_EMIT hasOlderChanged(hasOlder);
}

void MessageListModel::insertNumbered(const Entry &entry)
{
    const int row = insertPosition(entry.seq);
    if (row < deliveredCount() && m_rows.at(row).seq == entry.seq) {
        // Known already: only a deletion can change it.
        if (entry.deleted && !m_rows.at(row).deleted)
            markDeleted(entry.seq);
        return;
    }
    beginInsertRows({}, row, row);
    m_rows.insert(row, entry);
    endInsertRows();
    regroup(row + 1);
}

void MessageListModel::addHistory(const QList<MessageEvent> &messages, bool more)
{
    m_loading = false;
    if (messages.isEmpty()) {
        if (deliveredCount() == 0 || !more)
            setHasOlder(more && deliveredCount() > 0);
        if (m_hasNewer)
            m_hasNewer = lastSeq() < m_latestSeq;
        return;
    }
    for (const MessageEvent &m : messages)
        m_latestSeq = std::max(m_latestSeq, m.seq);

    const int delivered = deliveredCount();
    const bool first = delivered == 0;
    const bool older = !first && messages.last().seq < firstSeq();
    const bool newer = !first && messages.first().seq > lastSeq();
    if (first || older || newer) {
        // One block: the usual case, and one insertion for the views.
        const int row = older ? 0 : delivered;
        QList<Entry> block;
        block.reserve(messages.size());
        for (const MessageEvent &m : messages)
            block.append(fromEvent(m));
        beginInsertRows({}, row, row + int(block.size()) - 1);
        m_rows.insert(row, block.size(), Entry{});
        std::move(block.begin(), block.end(), m_rows.begin() + row);
        endInsertRows();
        regroup(row + int(messages.size()));
    } else {
        for (const MessageEvent &m : messages)
            insertNumbered(fromEvent(m));
    }
    if (first || older)
        setHasOlder(more);
    if (older) {
        trimBottom();
    } else {
        if (m_hasNewer)
            m_hasNewer = lastSeq() < m_latestSeq;
        trimTop();
    }
}

void MessageListModel::addMessage(const MessageEvent &message)
{
    m_latestSeq = std::max(m_latestSeq, message.seq);
    const int pending = message.msgId.isEmpty() ? -1 : rowOfMsgId(message.msgId);
    if (pending >= 0 && m_rows.at(pending).seq == 0
        && m_rows.at(pending).from.compare(message.from, Qt::CaseInsensitive) == 0) {
        markAcknowledged(message.msgId, message.seq);
        const int row = rowOfSeq(message.seq);
        if (row >= 0 && m_rows.at(row).time != message.time) {
            m_rows[row].time = message.time;
            Q_EMIT dataChanged(index(row), index(row), {TimeRole, FirstInGroupRole});
            regroup(row + 1);
        }
        return;
    }
    // A window that does not reach the newest messages stays where it is.
    if (m_hasNewer && message.seq > lastSeq())
        return;
    insertNumbered(fromEvent(message));
    trimTop();
}

void MessageListModel::addPending(const QString &msgId, const QString &text)
{
    Entry e;
    e.from = m_ownName;
    e.badge = m_ownBadge;
    e.text = text;
    e.time = QDateTime::currentMSecsSinceEpoch();
    e.msgId = msgId;
    e.delivery = Delivery::Pending;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(e);
    endInsertRows();
}

void MessageListModel::markAcknowledged(const QString &msgId, qint64 seq)
{
    m_latestSeq = std::max(m_latestSeq, seq);
    const int row = rowOfMsgId(msgId);
    if (row < 0 || m_rows.at(row).seq != 0)
        return; // unknown, or numbered already
    if (rowOfSeq(seq) >= 0) {
        // The message came in already (a resend the server had stored before): one row is enough.
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        regroup(row);
        return;
    }
    const int target = insertPosition(seq);
    m_rows[row].seq = seq;
    m_rows[row].delivery = Delivery::Delivered;
    m_rows[row].error.clear();
    if (target == row) {
        Q_EMIT dataChanged(index(row), index(row), {SeqRole, DeliveryRole, ErrorRole});
        return;
    }
    beginMoveRows({}, row, row, {}, target);
    m_rows.move(row, target);
    endMoveRows();
    regroup(target);
    regroup(target + 1);
    regroup(row + 1);
}

void MessageListModel::markFailed(const QString &msgId, const QString &error)
{
    const int row = rowOfMsgId(msgId);
    if (row < 0 || m_rows.at(row).seq != 0)
        return;
    m_rows[row].delivery = Delivery::Failed;
    m_rows[row].error = error;
    Q_EMIT dataChanged(index(row), index(row), {DeliveryRole, ErrorRole});
}

void MessageListModel::markResent(const QString &oldMsgId, const QString &newMsgId)
{
    const int row = rowOfMsgId(oldMsgId);
    if (row < 0 || m_rows.at(row).seq != 0)
        return;
    m_rows[row].msgId = newMsgId;
    m_rows[row].delivery = Delivery::Pending;
    m_rows[row].error.clear();
    Q_EMIT dataChanged(index(row), index(row), {MsgIdRole, DeliveryRole, ErrorRole});
}

void MessageListModel::markDeleted(qint64 seq)
{
    const int row = rowOfSeq(seq);
    if (row < 0)
        return;
    m_rows[row].deleted = true;
    m_rows[row].text.clear();
    Q_EMIT dataChanged(index(row), index(row), {Qt::DisplayRole, TextRole, DeletedRole});
}

void MessageListModel::restartWindow()
{
    const int delivered = deliveredCount();
    if (delivered > 0) {
        beginRemoveRows({}, 0, delivered - 1);
        m_rows.remove(0, delivered);
        endRemoveRows();
        regroup(0);
    }
    m_hasNewer = false;
    m_loading = false;
    setHasOlder(true);
}

void MessageListModel::showAround(const QList<MessageEvent> &messages, bool more, bool newer)
{
    restartWindow();
    addHistory(messages, more || (!messages.isEmpty() && messages.first().seq > 1));
    m_hasNewer = newer || (!messages.isEmpty() && messages.last().seq < m_latestSeq);
}

void MessageListModel::trimTop()
{
    const int excess = std::min(int(m_rows.size()) - m_maxRows, deliveredCount());
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_rows.remove(0, excess);
    endRemoveRows();
    regroup(0);
    setHasOlder(true);
}

void MessageListModel::trimBottom()
{
    const int delivered = deliveredCount();
    const int excess = std::min(int(m_rows.size()) - m_maxRows, delivered);
    if (excess <= 0)
        return;
    beginRemoveRows({}, delivered - excess, delivered - 1);
    m_rows.remove(delivered - excess, excess);
    endRemoveRows();
    regroup(delivered - excess);
    m_hasNewer = true;
}

} // namespace sori::chat
