// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/messagelistmodel.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QVariantMap>

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
    case DayRole:
        return startsDay(index.row())
            ? dayText(QDateTime::fromMSecsSinceEpoch(e.time).date(), QDate::currentDate())
            : QString();
    case EditedRole:
        return e.edited > 0 ? QDateTime::fromMSecsSinceEpoch(e.edited) : QDateTime();
    case ReplyToRole:
        return e.replyTo;
    case QuoteRole:
        if (const auto quote = quoteOf(e))
            return QStringList{quote->from, quote->text};
        return {};
    case ReactionsRole:
        return reactionsOf(e);
    case MentionsRole:
        return e.mentions;
    case MentionsMeRole:
        return !m_ownName.isEmpty() && e.mentions.contains(m_ownName, Qt::CaseInsensitive);
    case AttachmentsRole:
        return e.deleted ? QVariantList() : attachmentList(e.attachments);
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
    names.insert(DayRole, "day");
    names.insert(EditedRole, "edited");
    names.insert(ReplyToRole, "replyTo");
    names.insert(QuoteRole, "quote");
    names.insert(ReactionsRole, "reactions");
    names.insert(MentionsRole, "mentions");
    names.insert(MentionsMeRole, "mentionsMe");
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
    e.edited = message.edited;
    e.replyTo = message.replyTo;
    if (message.quote)
        e.quote = Quote{message.quote->from,
                        message.quote->deleted ? QString() : quoteText(message.quote->text)};
    e.reactions = message.deleted ? QList<Reaction>() : message.reactions;
    e.mentions = message.mentions;
    if (!message.deleted)
        e.attachments = message.attachments;
    return e;
}

QVariantList MessageListModel::attachmentList(const QList<protocol::Attachment> &attachments)
{
    QVariantList list;
    for (const protocol::Attachment &file : attachments) {
        list.append(QVariantMap{{u"id"_s, file.id},
                                {u"name"_s, file.name},
                                {u"type"_s, file.type},
                                {u"size"_s, file.size},
                                {u"width"_s, file.width},
                                {u"height"_s, file.height},
                                {u"thumbnail"_s, file.thumbnail}});
    }
    return list;
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
        || current.time - previous.time > GroupBreakMs || startsDay(row);
}

bool MessageListModel::startsDay(int row) const
{
    if (row <= 0)
        return true;
    // Local days: midnight where the reader is.
    return QDateTime::fromMSecsSinceEpoch(m_rows.at(row - 1).time).date()
        != QDateTime::fromMSecsSinceEpoch(m_rows.at(row).time).date();
}

QString MessageListModel::dayText(const QDate &day, const QDate &today)
{
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    // QLocale() is the language chosen in the menu (installTranslations sets the default).
    return QLocale().toString(day, QLocale::LongFormat);
}

void MessageListModel::regroup(int row)
{
    if (row >= 0 && row < m_rows.size())
        Q_EMIT dataChanged(index(row), index(row), {FirstInGroupRole, DayRole});
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
        // Known already: it comes in its current state (a page, catch-up), so what changed since
        // wins: a deletion, a later edit, the reactions stored.
        if (entry.deleted && !m_rows.at(row).deleted) {
            markDeleted(entry.seq);
            return;
        }
        if (entry.edited > m_rows.at(row).edited)
            applyEdit(entry.seq, entry.text, entry.edited, entry.mentions);
        if (!entry.reactions.isEmpty() && entry.reactions != m_rows.at(row).reactions) {
            m_rows[row].reactions = entry.reactions;
            Q_EMIT dataChanged(index(row), index(row), {ReactionsRole});
        }
        return;
    }
    beginInsertRows({}, row, row);
    m_rows.insert(row, entry);
    endInsertRows();
    regroup(row + 1);
    askForQuotes(row, row);
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
        askForQuotes(row, row + int(messages.size()) - 1);
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
        if (row >= 0 && m_rows.at(row).mentions != message.mentions) {
            m_rows[row].mentions = message.mentions;
            Q_EMIT dataChanged(index(row), index(row), {MentionsRole, MentionsMeRole});
        }
        // The server's word on the files (as stored) replaces the upload answers.
        if (row >= 0 && m_rows.at(row).attachments != message.attachments) {
            m_rows[row].attachments = message.attachments;
            Q_EMIT dataChanged(index(row), index(row), {AttachmentsRole});
        }
        if (row >= 0 && m_rows.at(row).time != message.time) {
            m_rows[row].time = message.time;
            Q_EMIT dataChanged(index(row), index(row), {TimeRole, FirstInGroupRole, DayRole});
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

void MessageListModel::addPending(const QString &msgId, const QString &text, qint64 replyTo,
                                  const QList<protocol::Attachment> &attachments)
{
    Entry e;
    e.replyTo = replyTo;
    e.attachments = attachments;
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
    askForQuotes(row, row);
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
    if (const auto quote = m_quotes.find(seq); quote != m_quotes.end())
        quote->text.clear();
    const int row = rowOfSeq(seq);
    if (row < 0)
        return;
    m_rows[row].deleted = true;
    m_rows[row].text.clear();
    m_rows[row].reactions.clear();
    m_rows[row].attachments.clear();
    Q_EMIT dataChanged(index(row), index(row),
                       {Qt::DisplayRole, TextRole, DeletedRole, ReactionsRole, AttachmentsRole});
    quotedChanged(seq);
}

void MessageListModel::applyEdit(qint64 seq, const QString &text, qint64 time,
                                 const QStringList &mentions)
{
    if (const auto quote = m_quotes.find(seq); quote != m_quotes.end())
        quote->text = quoteText(text);
    const int row = rowOfSeq(seq);
    if (row < 0 || m_rows.at(row).deleted)
        return;
    // Last text wins: an edit replayed after the message came in its edited state changes
    // nothing.
    Entry &e = m_rows[row];
    e.text = text;
    e.edited = std::max(e.edited, time);
    e.mentions = mentions;
    Q_EMIT dataChanged(index(row), index(row),
                       {Qt::DisplayRole, TextRole, EditedRole, MentionsRole, MentionsMeRole});
    quotedChanged(seq);
}

void MessageListModel::applyReaction(qint64 seq, const QString &emoji, const QString &user, bool on)
{
    const int row = rowOfSeq(seq);
    if (row < 0 || m_rows.at(row).deleted || emoji.isEmpty() || user.isEmpty())
        return;
    QList<Reaction> &reactions = m_rows[row].reactions;
    auto it = std::find_if(reactions.begin(), reactions.end(),
                           [&](const Reaction &r) { return r.emoji == emoji; });
    // Sets: reacting twice, or removing what is not there, changes nothing.
    if (on) {
        if (it == reactions.end())
            it = reactions.insert(reactions.end(), Reaction{emoji, {}});
        if (it->users.contains(user, Qt::CaseInsensitive))
            return;
        it->users.append(user);
    } else {
        if (it == reactions.end())
            return;
        const auto at = std::find_if(it->users.begin(), it->users.end(), [&](const QString &u) {
            return u.compare(user, Qt::CaseInsensitive) == 0;
        });
        if (at == it->users.end())
            return;
        it->users.erase(at);
        if (it->users.isEmpty())
            reactions.erase(it);
    }
    Q_EMIT dataChanged(index(row), index(row), {ReactionsRole});
}

void MessageListModel::addQuote(qint64 seq, const QString &from, const QString &text)
{
    m_quotes.insert(seq, Quote{from, quoteText(text)});
    quotedChanged(seq);
}

QString MessageListModel::quoteText(const QString &text)
{
    // 200 characters as the server counts them (UTF-16 units), without half a surrogate pair.
    constexpr qsizetype Max = 200;
    if (text.size() <= Max)
        return text;
    qsizetype cut = Max;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut);
}

std::optional<MessageListModel::Quote> MessageListModel::quoteOf(const Entry &entry) const
{
    if (entry.replyTo <= 0)
        return std::nullopt;
    // The loaded message is as new as anything: edits reach it live.
    if (const int row = rowOfSeq(entry.replyTo); row >= 0) {
        const Entry &original = m_rows.at(row);
        return Quote{original.from, quoteText(original.text)};
    }
    if (entry.quote)
        return entry.quote;
    if (const auto it = m_quotes.constFind(entry.replyTo); it != m_quotes.cend())
        return *it;
    return std::nullopt;
}

QVariantList MessageListModel::reactionsOf(const Entry &entry) const
{
    QVariantList list;
    for (const Reaction &r : entry.reactions) {
        list.append(QVariantMap{
            {u"emoji"_s, r.emoji},
            {u"users"_s, r.users},
            {u"count"_s, int(r.users.size())},
            {u"mine"_s, !m_ownName.isEmpty() && r.users.contains(m_ownName, Qt::CaseInsensitive)},
        });
    }
    return list;
}

void MessageListModel::askForQuotes(int first, int last)
{
    for (int row = std::max(first, 0); row <= last && row < m_rows.size(); ++row) {
        const Entry &e = m_rows.at(row);
        if (e.replyTo <= 0 || e.quote)
            continue;
        if (const int original = rowOfSeq(e.replyTo); original >= 0) {
            // Kept, so that the quote stays when the original leaves the window.
            if (!m_quotes.contains(e.replyTo))
                m_quotes.insert(
                    e.replyTo,
                    Quote{m_rows.at(original).from, quoteText(m_rows.at(original).text)});
            continue;
        }
        if (m_quotes.contains(e.replyTo) || m_quotesAsked.contains(e.replyTo))
            continue;
        m_quotesAsked.insert(e.replyTo);
        Q_EMIT quoteRequested(m_room, e.replyTo);
    }
}

void MessageListModel::quotedChanged(qint64 seq)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).replyTo == seq)
            Q_EMIT dataChanged(index(row), index(row), {QuoteRole});
    }
}

int MessageListModel::lastOwnRow() const
{
    if (m_ownName.isEmpty())
        return -1;
    for (int row = deliveredCount() - 1; row >= 0; --row) {
        const Entry &e = m_rows.at(row);
        if (!e.deleted && e.from.compare(m_ownName, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

void MessageListModel::reveal(qint64 seq)
{
    if (seq <= 0)
        return;
    if (rowOfSeq(seq) >= 0) {
        Q_EMIT seqRevealed(seq);
        return;
    }
    // Far up: a new window around it; what is newer comes back page by page as one scrolls.
    m_revealing = seq;
    const int delivered = deliveredCount();
    if (delivered > 0) {
        beginRemoveRows({}, 0, delivered - 1);
        m_rows.remove(0, delivered);
        endRemoveRows();
        regroup(0);
    }
    m_hasNewer = true;
    m_loading = true;
    Q_EMIT aroundRequested(m_room, seq, m_pageSize);
}

void MessageListModel::addAroundPage(const QList<MessageEvent> &messages, bool more, bool newer)
{
    m_loading = false;
    const qint64 revealing = std::exchange(m_revealing, 0);
    if (deliveredCount() > 0) {
        // The window moved on meanwhile: take what fits, like any page.
        addHistory(messages, more);
    } else if (!messages.isEmpty()) {
        for (const MessageEvent &m : messages)
            m_latestSeq = std::max(m_latestSeq, m.seq);
        QList<Entry> block;
        block.reserve(messages.size());
        for (const MessageEvent &m : messages)
            block.append(fromEvent(m));
        beginInsertRows({}, 0, int(block.size()) - 1);
        m_rows.insert(0, block.size(), Entry{});
        std::move(block.begin(), block.end(), m_rows.begin());
        endInsertRows();
        regroup(int(messages.size()));
        askForQuotes(0, int(messages.size()) - 1);
        setHasOlder(more);
        m_hasNewer = newer;
    } else {
        // Nothing there: back to the newest.
        m_hasNewer = false;
        setHasOlder(true);
    }
    if (revealing > 0 && rowOfSeq(revealing) >= 0)
        Q_EMIT seqRevealed(revealing);
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
