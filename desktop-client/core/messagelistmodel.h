// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QDate>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QStringList>

#include <optional>

namespace sori::chat {

// The messages of one room, oldest first, as far as they are loaded: a window over the room's
// history. Rows come from history pages, live messages and one's own messages, which are pending
// until the server numbers them. The window holds at most maxRows() rows: growing at the bottom
// drops the oldest (hasOlder()), loading an older page drops the newest (hasNewer()); the view
// asks for more with requestOlder() / requestNewer(), which emit pageRequested().
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageListModel)

public:
    enum Roles {
        SenderRole = Qt::UserRole + 1, // QString
        TextRole, // QString: the text exactly as sent (empty for a deleted message)
        TimeRole, // QDateTime, local time
        SeqRole, // qint64: the room's sequence number; 0 while pending
        MsgIdRole, // QString: the sender's message id, if any
        DeliveryRole, // Delivery
        ErrorRole, // QString: why the server refused it (Delivery::Failed)
        OwnRole, // bool: sent by this client's user
        FirstInGroupRole, // bool: not a continuation of the previous row's sender
        DeletedRole, // bool: deleted by a moderator
        BadgeRole, // Badge: what the sender was when it was sent
        // QString: the day separator above the row ("Today", "Yesterday", the local date), empty
        // when the row's day is the previous row's
        DayRole,
        EditedRole, // QDateTime, local time, of the last edit; invalid if never edited
        ReplyToRole, // qint64: the seq this message answers, 0 if none
        // QStringList {from, text}: what the reply quotes (from the server, else the loaded
        // message, else a fetched one); empty until it is known
        QuoteRole,
        // QVariantList of QVariantMap {emoji, users (QStringList), count (int), mine (bool)},
        // in the order the emoji came
        ReactionsRole,
        MentionsRole, // QStringList: the names the server found mentioned in the text
        MentionsMeRole, // bool: the text mentions this client's user
        // QVariantList of QVariantMap {id, name, type, size (qint64), width, height (int),
        // thumbnail (bool)}: the files attached, in the order sent (none when deleted)
        AttachmentsRole,
    };
    Q_ENUM(Roles)

    // Shown beside the sender's name, so that a guest never looks like staff, whatever its name.
    enum class Badge {
        None, // a member
        Guest,
        Moderator,
        Admin,
    };
    Q_ENUM(Badge)
    static Badge badgeOf(protocol::Role role, bool guest);
    // The words of a day separator: "Today", "Yesterday", or the date in the UI language.
    static QString dayText(const QDate &day, const QDate &today);

    enum class Delivery {
        Delivered, // stored by the server, numbered
        Pending, // sent, not yet acknowledged
        Failed, // refused by the server
    };
    Q_ENUM(Delivery)

    using Reaction = protocol::Reaction;
    struct Quote
    {
        QString from;
        QString text;
    };

    struct Entry
    {
        qint64 seq = 0;
        QString from;
        QString text;
        qint64 time = 0; // ms since the epoch
        QString msgId;
        bool deleted = false;
        Badge badge = Badge::None;
        Delivery delivery = Delivery::Delivered;
        QString error;
        qint64 edited = 0; // ms since the epoch of the last edit, 0 if never
        qint64 replyTo = 0;
        std::optional<Quote> quote; // as the server sent it with the message
        QList<Reaction> reactions;
        QStringList mentions;
        QList<protocol::Attachment> attachments;
    };

    explicit MessageListModel(const QString &room, QObject *parent = nullptr);

    QString room() const { return m_room; }
    void setRoom(const QString &room) { m_room = room; } // renamed by an admin
    void setOwnName(const QString &name);
    QString ownName() const { return m_ownName; }
    // One's own role: the badge of one's own messages until the server's copy comes.
    void setOwnRole(protocol::Role role)
    {
        m_ownBadge = badgeOf(role, role == protocol::Role::Guest);
    }
    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }
    void setPageSize(int messages) { m_pageSize = messages; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Entry &entry(int row) const { return m_rows.at(row); }
    int rowOfSeq(qint64 seq) const; // -1 if not loaded
    int rowOfMsgId(const QString &msgId) const; // -1 if not there
    qint64 firstSeq() const; // of the oldest loaded message, 0 if none
    qint64 lastSeq() const; // of the newest loaded message, 0 if none
    qint64 latestSeq() const { return m_latestSeq; } // the newest known in the room

    bool hasOlder() const { return m_hasOlder; }
    bool hasNewer() const { return m_hasNewer; }
    bool isLoading() const { return m_loading; }
    // Ask for the page before the window (or after it); nothing if none or one is on its way.
    void requestOlder();
    void requestNewer();

    // Feeding, from ChatClient signals.
    // A history page (the backlog after joining, or an answer to pageRequested()).
    void addHistory(const QList<protocol::MessageEvent> &messages, bool more);
    // A live (or caught-up) message; one's own pending message becomes delivered.
    void addMessage(const protocol::MessageEvent &message);
    // One's own message, just sent with msgId (answering the message replyTo, if not 0).
    void addPending(const QString &msgId, const QString &text, qint64 replyTo = 0,
                    const QList<protocol::Attachment> &attachments = {});
    // The files of an attachment list as AttachmentsRole gives them.
    static QVariantList attachmentList(const QList<protocol::Attachment> &attachments);
    void markAcknowledged(const QString &msgId, qint64 seq);
    void markFailed(const QString &msgId, const QString &error);
    // A failed message sent again under a new msgId: pending again.
    void markResent(const QString &oldMsgId, const QString &newMsgId);
    void markDeleted(qint64 seq);
    // A change to a loaded message (an `edited` or `reaction` event); nothing if it is not
    // loaded (it comes in its current state when it is).
    void applyEdit(qint64 seq, const QString &text, qint64 time, const QStringList &mentions);
    void applyReaction(qint64 seq, const QString &emoji, const QString &user, bool on);
    // The message a reply quotes, fetched on its own (quoteRequested()).
    void addQuote(qint64 seq, const QString &from, const QString &text);
    // The text a reply to row quotes: at most 200 characters, as the server cuts it.
    static QString quoteText(const QString &text);
    // One's own newest message that can be edited (numbered, not deleted): its row, or -1.
    int lastOwnRow() const;
    // Brings the message seq into the window: at once if it is loaded (seqRevealed()), else the
    // window starts again around it (aroundRequested(), then seqRevealed() once it came).
    void reveal(qint64 seq);
    // A page around a message (the answer to aroundRequested()): `newer` as the server says.
    void addAroundPage(const QList<protocol::MessageEvent> &messages, bool more, bool newer);
    void pageFailed(); // a history request was refused: allow another
    // Forgets the numbered rows (pending ones stay): messages were missed, and what comes next
    // starts a new window whose older part is paged in on demand.
    void restartWindow();
    // A page around one message (history {around}, a search result opened): the window starts
    // again there; older and newer pages come as the view scrolls (newer: more after it).
    void showAround(const QList<protocol::MessageEvent> &messages, bool more, bool newer);

Q_SIGNALS:
    // Asks the session for history: `limit` messages before `before` (0: the newest).
    // Older messages (before > 0, after 0), or newer ones (after > 0: the oldest after it).
    void pageRequested(const QString &room, qint64 before, int limit, qint64 after);
    void hasOlderChanged(bool hasOlder);
    // A reply's quote is neither with it nor loaded: ask for the one message seq.
    void quoteRequested(const QString &room, qint64 seq);
    // Asks for a page of `limit` messages around seq (a jump to a message far up).
    void aroundRequested(const QString &room, qint64 seq, int limit);
    // The message seq is in the window now (after reveal()).
    void seqRevealed(qint64 seq);

private:
    Entry fromEvent(const protocol::MessageEvent &message) const;
    int deliveredCount() const; // rows with a number, before the pending ones
    int insertPosition(qint64 seq) const; // among the numbered rows
    bool isFirstInGroup(int row) const;
    bool startsDay(int row) const; // the first row of its local day
    std::optional<Quote> quoteOf(const Entry &entry) const;
    QVariantList reactionsOf(const Entry &entry) const;
    void askForQuotes(int first, int last); // of the rows first..last, once per seq
    void quotedChanged(qint64 seq); // the rows whose quote is seq's text
    void regroup(int row); // row's grouping may have changed
    void insertNumbered(const Entry &entry); // one row, in order, no duplicates
    void trimTop(); // keeps maxRows, dropping the oldest
    void trimBottom(); // keeps maxRows, dropping the newest numbered rows
    void setHasOlder(bool hasOlder);

    QString m_room;
    QString m_ownName;
    Badge m_ownBadge = Badge::Guest;
    QList<Entry> m_rows; // numbered rows by seq, then pending/failed rows in sending order
    int m_maxRows = 2000;
    int m_pageSize = 100;
    qint64 m_latestSeq = 0;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    bool m_loading = false;
    QHash<qint64, Quote> m_quotes; // fetched on their own, by seq
    QSet<qint64> m_quotesAsked;
    qint64 m_revealing = 0; // the seq reveal() waits for
};

} // namespace sori::chat
