// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Changes to messages (docs/protocol.md §12): edits, deletes of one's own messages, reactions,
// replies and mentions, allowed and refused on the wire, stored, and caught up exactly once in
// the room's order by a client that was away.

#include "core/serverconfig.h"
#include "fixtures.h"

#include <QtTest/QSignalSpy>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;

class tst_Changes : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void editOwnMessages();
    void editWindow();
    void deleteOwnMessages();
    void reactions();
    void reactionLimits();
    void repliesQuoteTheOriginal();
    void mentionsAreFoundAndStored();
    void catchUpBringsEachChangeOnceInOrder_data();
    void catchUpBringsEachChangeOnceInOrder();
    void historyAroundAMessage();

private:
    std::unique_ptr<RecordingClient> signIn(const QString &name)
    {
        return test::signedIn(url(), name, {u"lobby"_s});
    }
    // Sends and returns the message's seq (0 if it was not acknowledged).
    static qint64 say(RecordingClient &client, const QString &text, qint64 replyTo = 0)
    {
        const qsizetype acks = client.acks.size();
        client.client.sendMessage(u"lobby"_s, text, replyTo);
        if (!QTest::qWaitFor([&] { return client.acks.size() > acks; }, 5000))
            return 0;
        return client.acks.last().seq;
    }
    // The ack (its seq: the change's own) for request `id`, or 0 on an error or no answer.
    static qint64 ackFor(RecordingClient &client, const QString &id)
    {
        qint64 seq = 0;
        (void)QTest::qWaitFor(
            [&] {
                for (const Ack &ack : std::as_const(client.acks)) {
                    if (ack.id == id)
                        seq = ack.seq;
                }
                return seq > 0;
            },
            5000);
        return seq;
    }
    static std::optional<Error> errorOf(RecordingClient &client, const QString &id)
    {
        std::optional<Error> found;
        (void)QTest::qWaitFor(
            [&] {
                for (const Error &error : std::as_const(client.errors)) {
                    if (error.id == id)
                        found = error;
                }
                return found.has_value();
            },
            5000);
        return found;
    }
    // The newest page of lobby's history, as a new joiner would read it from storage.
    History historyOf(RecordingClient &client, qint64 before = 0, int limit = 50)
    {
        const qsizetype pages = client.histories.size();
        client.client.requestHistory(u"lobby"_s, before, limit);
        if (!QTest::qWaitFor([&] { return client.histories.size() > pages; }, 5000))
            return {};
        return client.histories.last();
    }
};

void tst_Changes::init()
{
    newDataDir({{u"boss"_s, Role::Admin}, {u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
    startServer();
}

void tst_Changes::cleanup()
{
    m_server.reset();
}

void tst_Changes::editOwnMessages()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 seq = say(*mina, u"helo, world"_s);
    QVERIFY(seq > 0);

    const qint64 at = ackFor(*mina, mina->client.editMessage(u"lobby"_s, seq, u"hello, @jun"_s));
    QCOMPARE(at, seq + 1); // the next number of the room
    for (RecordingClient *client : {mina.get(), jun.get()}) {
        QTRY_COMPARE(client->edits.size(), 1);
        const EditedEvent &edited = client->edits.first();
        QCOMPARE(edited.seq, seq);
        QCOMPARE(edited.at, at);
        QCOMPARE(edited.text, u"hello, @jun"_s);
        QCOMPARE(edited.by, u"mina"_s);
        QCOMPARE(edited.mentions, QStringList{u"jun"_s});
        QVERIFY(edited.time > 0);
    }
    // Stored: the message itself shows the last text, with when it was edited.
    QTRY_COMPARE(query(u"SELECT text FROM messages WHERE seq = %1"_s.arg(seq)).toString(),
                 u"hello, @jun"_s);
    startServer(); // from the database, not the memory
    auto later = signIn(u"jun"_s);
    QVERIFY(later);
    const History page = historyOf(*later);
    QCOMPARE(seqsOf(page.messages), QList<qint64>{seq}); // the change is not a message
    QCOMPARE(page.messages.first().text, u"hello, @jun"_s);
    QVERIFY(page.messages.first().edited > 0);
    QCOMPARE(page.messages.first().mentions, QStringList{u"jun"_s});
    QVERIFY(page.changes.isEmpty());

    // Refused, and nothing changes: somebody else's message, a seq that is no message (the
    // edit itself, one beyond the end), an empty text, a room one is not in.
    auto mina2 = signIn(u"mina"_s);
    QVERIFY(mina2);
    QCOMPARE(errorOf(*later, later->client.editMessage(u"lobby"_s, seq, u"mine now"_s))->code,
             ErrorCode::Forbidden);
    QCOMPARE(errorOf(*mina2, mina2->client.editMessage(u"lobby"_s, at, u"x"_s))->code,
             ErrorCode::NotFound);
    QCOMPARE(errorOf(*mina2, mina2->client.editMessage(u"lobby"_s, at + 10, u"x"_s))->code,
             ErrorCode::NotFound);
    QCOMPARE(errorOf(*mina2, mina2->client.editMessage(u"lobby"_s, seq, u"  "_s))->code,
             ErrorCode::BadField);
    QCOMPARE(errorOf(*mina2, mina2->client.editMessage(u"elsewhere"_s, seq, u"x"_s))->code,
             ErrorCode::NotJoined);
    QCOMPARE(query(u"SELECT count(*) FROM messages"_s).toInt(), 2);
    QCOMPARE(query(u"SELECT text FROM messages WHERE seq = %1"_s.arg(seq)).toString(),
             u"hello, @jun"_s);
}

void tst_Changes::editWindow()
{
    startServer([](server::ServerConfig &config) { config.editWindowMinutes = 5; });
    auto mina = signIn(u"mina"_s);
    QVERIFY(mina);
    const qint64 fresh = say(*mina, u"just now"_s);
    const qint64 old = say(*mina, u"an hour ago"_s);
    QVERIFY(fresh > 0 && old > 0);
    mina.reset();
    // Sent an hour ago, as far as the server can tell after a restart.
    m_server.reset();
    query(u"UPDATE messages SET time = time - 3600000 WHERE seq = %1"_s.arg(old));
    startServer([](server::ServerConfig &config) { config.editWindowMinutes = 5; });
    mina = signIn(u"mina"_s);
    QVERIFY(mina);
    QCOMPARE(errorOf(*mina, mina->client.editMessage(u"lobby"_s, old, u"late"_s))->code,
             ErrorCode::TooLate);
    QVERIFY(ackFor(*mina, mina->client.editMessage(u"lobby"_s, fresh, u"in time"_s)) > 0);
    QTRY_COMPARE(query(u"SELECT group_concat(text, '|') FROM messages WHERE kind = 0"_s).toString(),
                 u"in time|an hour ago"_s);
}

void tst_Changes::deleteOwnMessages()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 mine = say(*mina, u"oops"_s);
    const qint64 juns = say(*jun, u"jun's"_s);
    QVERIFY(mine > 0 && juns > 0);

    QCOMPARE(errorOf(*mina, mina->client.deleteMessage(u"lobby"_s, juns))->code,
             ErrorCode::Forbidden);
    QVERIFY(doneFor(*mina, mina->client.deleteMessage(u"lobby"_s, mine)));
    QTRY_COMPARE(jun->deletions.size(), 1);
    QCOMPARE(jun->deletions.first().seq, mine);
    QCOMPARE(jun->deletions.first().by, u"mina"_s);
    QCOMPARE(jun->deletions.first().at, juns + 1);
    QTRY_COMPARE(
        query(u"SELECT deleted || ':' || text FROM messages WHERE seq = %1"_s.arg(mine)).toString(),
        u"1:"_s);
    // Gone is gone: no second delete, no edit, no reaction, no reply.
    QCOMPARE(errorOf(*mina, mina->client.deleteMessage(u"lobby"_s, mine))->code,
             ErrorCode::NotFound);
    QCOMPARE(errorOf(*mina, mina->client.editMessage(u"lobby"_s, mine, u"back"_s))->code,
             ErrorCode::NotFound);
    QCOMPARE(errorOf(*jun, jun->client.react(u"lobby"_s, mine, u"👍"_s))->code, ErrorCode::NotFound);
    const qsizetype errors = jun->errors.size();
    jun->client.sendMessage(u"lobby"_s, u"re"_s, mine);
    QTRY_COMPARE(jun->errors.size(), errors + 1);
    QCOMPARE(jun->errors.last().code, ErrorCode::NotFound);
    // Staff still delete others' messages.
    auto boss = signIn(u"boss"_s);
    QVERIFY(boss && doneFor(*boss, boss->client.deleteMessage(u"lobby"_s, juns)));
    QTRY_COMPARE(mina->deletions.size(), 2);
}

void tst_Changes::reactions()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 seq = say(*mina, u"lunch?"_s);
    QVERIFY(seq > 0);

    QVERIFY(ackFor(*jun, jun->client.react(u"lobby"_s, seq, u"👍"_s)) > 0);
    QVERIFY(ackFor(*mina, mina->client.react(u"lobby"_s, seq, u"👍"_s)) > 0);
    QVERIFY(ackFor(*jun, jun->client.react(u"lobby"_s, seq, u"🍜"_s)) > 0);
    QVERIFY(ackFor(*jun, jun->client.react(u"lobby"_s, seq, u"🍜"_s, false)) > 0);
    QTRY_COMPARE(mina->reactions.size(), 4);
    QCOMPARE(mina->reactions.at(0),
             (ReactionEvent{u"lobby"_s, seq, seq + 1, u"jun"_s, u"👍"_s, true}));
    QCOMPARE(mina->reactions.at(3),
             (ReactionEvent{u"lobby"_s, seq, seq + 4, u"jun"_s, u"🍜"_s, false}));
    // Who reacted with what, as a new page shows it (and from storage after a restart).
    QTRY_COMPARE(query(u"SELECT count(*) FROM reactions"_s).toInt(), 2);
    startServer();
    auto later = signIn(u"jun"_s);
    QVERIFY(later);
    const History page = historyOf(*later);
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().reactions, (QList<Reaction>{{u"👍"_s, {u"jun"_s, u"mina"_s}}}));

    // Bad emoji and rooms one is not in are refused; nothing is stored.
    for (const QString &emoji : {u"ok"_s, u"👍 👍"_s, u""_s})
        QCOMPARE(errorOf(*later, later->client.react(u"lobby"_s, seq, emoji))->code,
                 ErrorCode::BadField);
    QCOMPARE(errorOf(*later, later->client.react(u"elsewhere"_s, seq, u"👍"_s))->code,
             ErrorCode::NotJoined);
    QCOMPARE(query(u"SELECT count(*) FROM reactions"_s).toInt(), 2);
}

void tst_Changes::reactionLimits()
{
    startServer([](server::ServerConfig &config) { config.reactionsPerMessage = 2; });
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 seq = say(*mina, u"vote"_s);
    QVERIFY(ackFor(*mina, mina->client.react(u"lobby"_s, seq, u"🅰️"_s)) > 0);
    QVERIFY(ackFor(*mina, mina->client.react(u"lobby"_s, seq, u"🅱️"_s)) > 0);
    // A third emoji is one too many; joining one already there is not.
    QCOMPARE(errorOf(*jun, jun->client.react(u"lobby"_s, seq, u"🆎"_s))->code,
             ErrorCode::TooManyReactions);
    QVERIFY(ackFor(*jun, jun->client.react(u"lobby"_s, seq, u"🅰️"_s)) > 0);
    QTRY_COMPARE(query(u"SELECT count(DISTINCT emoji) FROM reactions"_s).toInt(), 2);
}

void tst_Changes::repliesQuoteTheOriginal()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 question = say(*mina, u"Who brings the cake?"_s);
    const qint64 answer = say(*jun, u"I do"_s, question);
    QVERIFY(question > 0 && answer > 0);
    QTRY_VERIFY(!mina->messagesIn(u"lobby"_s).isEmpty()
                && mina->messagesIn(u"lobby"_s).last().seq == answer);
    QCOMPARE(mina->messagesIn(u"lobby"_s).last().replyTo, question);
    // From storage the reply carries the quote.
    startServer();
    auto later = signIn(u"mina"_s);
    QVERIFY(later);
    const History page = historyOf(*later);
    QCOMPARE(page.messages.size(), 2);
    QCOMPARE(page.messages.last().replyTo, question);
    QVERIFY(page.messages.last().quote.has_value());
    QCOMPARE(page.messages.last().quote->from, u"mina"_s);
    QCOMPARE(page.messages.last().quote->text, u"Who brings the cake?"_s);
    // A reply to nothing is refused.
    const qsizetype errors = later->errors.size();
    later->client.sendMessage(u"lobby"_s, u"to nothing"_s, answer + 50);
    QTRY_COMPARE(later->errors.size(), errors + 1);
    QCOMPARE(later->errors.last().code, ErrorCode::NotFound);
}

void tst_Changes::mentionsAreFoundAndStored()
{
    auto mina = signIn(u"mina"_s);
    auto jun = signIn(u"jun"_s);
    QVERIFY(mina && jun);
    const qint64 seq = say(*mina, u"@jun and @Boss, not `@nobody`, nor mail@example.org"_s);
    QVERIFY(seq > 0);
    QTRY_VERIFY(!jun->messagesIn(u"lobby"_s).isEmpty());
    QCOMPARE(jun->messagesIn(u"lobby"_s).last().mentions, (QStringList{u"jun"_s, u"Boss"_s}));
    QTRY_COMPARE(query(u"SELECT group_concat(name_key, ',') FROM"
                       " (SELECT name_key FROM mentions ORDER BY name_key)"_s)
                     .toString(),
                 u"boss,jun"_s);
}

void tst_Changes::catchUpBringsEachChangeOnceInOrder_data()
{
    // From memory (the room's recent messages), or from storage (history/on-join at 1).
    QTest::addColumn<bool>("fromStorage");
    QTest::newRow("memory") << false;
    QTest::newRow("storage") << true;
}

void tst_Changes::catchUpBringsEachChangeOnceInOrder()
{
    QFETCH(bool, fromStorage);
    if (fromStorage)
        startServer([](server::ServerConfig &config) { config.historyOnJoin = 1; });
    auto mina = signIn(u"mina"_s);
    auto away = test::reconnectingGuest(url(), u"visitor"_s, {u"lobby"_s}, true);
    QVERIFY(mina && away);
    const qint64 first = say(*mina, u"first"_s);
    const qint64 second = say(*mina, u"second"_s);
    QTRY_COMPARE(away->messagesIn(u"lobby"_s).size(), 2);

    // Away: the connection drops; meanwhile a message, and changes to old and new messages.
    away->client.abort();
    QTRY_COMPARE(away->disconnects, 1);
    const qint64 third = say(*mina, u"third"_s);
    const qint64 fourth = say(*mina, u"fourth"_s); // third is out of a 1-message memory now
    const qint64 edit = ackFor(*mina, mina->client.editMessage(u"lobby"_s, first, u"1st"_s));
    const qint64 react = ackFor(*mina, mina->client.react(u"lobby"_s, third, u"🎉"_s));
    QVERIFY(doneFor(*mina, mina->client.deleteMessage(u"lobby"_s, second)));
    QVERIFY(third > 0 && fourth > 0 && edit > 0 && react > 0);
    const qint64 deleteAt = react + 1;

    // Back: the messages, then each change once, in the room's order; then what is said live.
    QTRY_COMPARE(away->deletions.size(), 1);
    const qint64 live = say(*mina, u"live"_s);
    QTRY_VERIFY(!away->roomOrder.isEmpty() && away->roomOrder.last() == u"m%1"_s.arg(live));
    const QStringList expected{u"m%1"_s.arg(first),
                               u"m%1"_s.arg(second),
                               u"m%1"_s.arg(third),
                               u"m%1"_s.arg(fourth),
                               u"e%1>%2"_s.arg(edit).arg(first),
                               u"r%1>%2"_s.arg(react).arg(third),
                               u"d%1>%2"_s.arg(deleteAt).arg(second),
                               u"m%1"_s.arg(live)};
    QCOMPARE(away->roomOrder, expected);
    QCOMPARE(away->edits.first().text, u"1st"_s);
    QCOMPARE(away->client.lastSeq(u"lobby"_s), live);
    QVERIFY(away->gaps.isEmpty());
}

void tst_Changes::historyAroundAMessage()
{
    auto mina = signIn(u"mina"_s);
    QVERIFY(mina);
    QList<qint64> seqs;
    for (int i = 1; i <= 30; ++i)
        seqs.append(say(*mina, u"message %1"_s.arg(i)));
    QVERIFY(!seqs.contains(0));
    const qsizetype pages = mina->histories.size();
    mina->client.requestHistoryAround(u"lobby"_s, seqs.at(14), 5);
    QTRY_COMPARE(mina->histories.size(), pages + 1);
    const History page = mina->histories.last();
    QVERIFY(seqsOf(page.messages).contains(seqs.at(14)));
    QCOMPARE(page.messages.size(), 5);
    QCOMPARE(seqsOf(page.messages), range(seqs.at(12), seqs.at(16)));
    QVERIFY(page.more);
    QVERIFY(page.newer);
    // A quote far up: one message.
    mina->client.requestHistoryAround(u"lobby"_s, seqs.first(), 1);
    QTRY_COMPARE(mina->histories.size(), pages + 2);
    QCOMPARE(seqsOf(mina->histories.last().messages), QList<qint64>{seqs.first()});
}

QTEST_MAIN(tst_Changes)
#include "tst_changes.moc"
