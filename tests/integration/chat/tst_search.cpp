// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Search on the wire (issue 22, docs/protocol.md `search`): what a user finds, newest first and
// page by page; never a message of a room they may not read; edits and deletes as they are now;
// short queries; bad input refused; a flood of searches limited while a bystander's messages keep
// flowing; a database from before search, whose old messages are found after the upgrade; and a
// backlog that the server indexes when it is idle, found all along, as is what is said meanwhile.

#include "core/store/sqlitestore.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using namespace sori::test;
using sori::server::ServerConfig;

namespace {

// A signed-in client that records its search results.
struct Searcher
{
    std::unique_ptr<RecordingClient> client;
    QList<SearchResults> results;

    explicit operator bool() const { return bool(client); }
    RecordingClient *operator->() const { return client.get(); }

    // Asks and waits for the answer: the results, or nothing (an error, with its code in
    // *error, or no answer in 10 s).
    std::optional<SearchResults> search(const QString &query, const QString &room = {},
                                        qint64 before = 0, int limit = 0,
                                        std::optional<ErrorCode> *error = nullptr)
    {
        const QString id = client->client.search(query, room, before, limit);
        std::optional<SearchResults> found;
        (void)QTest::qWaitFor(
            [&] {
                for (const SearchResults &r : std::as_const(results)) {
                    if (r.id == id)
                        found = r;
                }
                for (const Error &e : std::as_const(client->errors)) {
                    if (e.id == id) {
                        if (error)
                            *error = e.code;
                        return true;
                    }
                }
                return found.has_value();
            },
            10'000);
        return found;
    }
    ErrorCode refusal(const QString &query, const QString &room = {}, qint64 before = 0,
                      int limit = 0)
    {
        std::optional<ErrorCode> error;
        const auto found = search(query, room, before, limit, &error);
        return found ? ErrorCode::Internal : error.value_or(ErrorCode::Internal);
    }
};

QStringList textsOf(const SearchResults &results)
{
    QStringList texts;
    for (const MessageEvent &message : results.messages)
        texts.append(message.text);
    return texts;
}

QString encoded(const ClientMessage &message)
{
    return QString::fromUtf8(MessageCodec::encode(message));
}

// The tests of what is found search more often than the default rate allows.
void searchFreely(ServerConfig &config)
{
    config.searchRate = {60'000, 10'000};
}

} // namespace

class tst_Search : public ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void findsAMessageByAWord();
    void findsAKoreanWordWithAParticle();
    void pagesNewestFirstWithoutGapsOrDuplicates();
    void neverFindsInARoomTheAskerMayNotRead();
    void findsAnEditedMessageByItsNewText();
    void doesNotFindADeletedMessage();
    void findsTwoCharacterWords();
    void refusesBadInput();
    void aSearchFloodIsLimitedWhileMessagesFlow();
    void aFullQueueAnswersBusy();
    void findsMessagesStoredBeforeTheUpgrade();
    void findsWhatIsSaidAtOnceWhileABacklogIsIndexed();

private:
    Searcher searcher(const QString &name, const QStringList &rooms = {});
    // Sends and waits for the ack (the message is stored); its seq.
    qint64 say(RecordingClient &client, const QString &room, const QString &text);
};

void tst_Search::init()
{
    newDataDir({{u"boss"_s, Role::Admin},
                {u"jun"_s, Role::Member},
                {u"ara"_s, Role::Member},
                {u"sol"_s, Role::Member}});
}

void tst_Search::cleanup()
{
    m_server.reset();
}

Searcher tst_Search::searcher(const QString &name, const QStringList &rooms)
{
    Searcher searcher{test::signedIn(url(), name, rooms), {}};
    if (searcher.client) {
        QObject::connect(&searcher.client->client, &ChatClient::searchResults,
                         searcher.client.get(),
                         [list = &searcher.results](const SearchResults &r) { list->append(r); });
    }
    return searcher;
}

qint64 tst_Search::say(RecordingClient &client, const QString &room, const QString &text)
{
    const QString msgId = client.client.sendMessage(room, text);
    qint64 seq = -1;
    (void)QTest::qWaitFor(
        [&] {
            for (const Ack &ack : std::as_const(client.acks)) {
                if (ack.id == msgId)
                    seq = ack.seq;
            }
            return seq >= 0;
        },
        10'000);
    return seq;
}

void tst_Search::findsAMessageByAWord()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QVERIFY(say(*jun.client, u"lobby"_s, u"The deploy went fine"_s) > 0);
    QVERIFY(say(*jun.client, u"lobby"_s, u"lunch?"_s) > 0);
    const qint64 seq = say(*jun.client, u"lobby"_s, u"deploying again tonight"_s);

    const auto found = jun.search(u"DEPLOY"_s);
    QVERIFY(found);
    QCOMPARE(textsOf(*found),
             QStringList({u"deploying again tonight"_s, u"The deploy went fine"_s}));
    QVERIFY(!found->more);
    // Each with its room, so that a client can open the room at it.
    const MessageEvent &first = found->messages.first();
    QCOMPARE(first.room, u"lobby"_s);
    QCOMPARE(first.seq, seq);
    QCOMPARE(first.from, u"jun"_s);
    // Also for somebody who is not in the room (a public room is anybody's to read), and a guest.
    auto sol = searcher(u"sol"_s);
    QVERIFY(sol);
    QCOMPARE(sol.search(u"deploy"_s)->messages.size(), 2);
    auto guest = test::guest(url(), u"visitor"_s);
    QVERIFY(guest);
    Searcher visitor{std::move(guest), {}};
    QObject::connect(&visitor->client, &ChatClient::searchResults, visitor.client.get(),
                     [list = &visitor.results](const SearchResults &r) { list->append(r); });
    QCOMPARE(visitor.search(u"tonight"_s)->messages.size(), 1);
    QVERIFY(jun.search(u"nothing like it"_s)->messages.isEmpty());
}

void tst_Search::findsAKoreanWordWithAParticle()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QVERIFY(say(*jun.client, u"lobby"_s, u"저는 한국어를 배우고 있어요"_s) > 0);
    QVERIFY(say(*jun.client, u"lobby"_s, u"일본어도 배워요"_s) > 0);
    QCOMPARE(textsOf(*jun.search(u"한국어"_s)), QStringList{u"저는 한국어를 배우고 있어요"_s});
    QCOMPARE(textsOf(*jun.search(u"배워"_s)), QStringList{u"일본어도 배워요"_s});
}

void tst_Search::pagesNewestFirstWithoutGapsOrDuplicates()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s, u"dev"_s});
    QVERIFY(jun);
    QList<std::pair<QString, qint64>> expected;
    for (int i = 0; i < 45; ++i) {
        const QString room = i % 2 ? u"lobby"_s : u"dev"_s;
        const qint64 seq = say(*jun.client, room, i % 4 ? u"ping %1"_s.arg(i) : u"pong"_s);
        QVERIFY(seq > 0);
        if (i % 4)
            expected.prepend({room, seq});
    }
    QList<std::pair<QString, qint64>> found;
    qint64 before = 0;
    int pages = 0;
    for (;;) {
        const auto page = jun.search(u"ping"_s, {}, before, 10);
        QVERIFY(page);
        ++pages;
        for (const MessageEvent &message : page->messages)
            found.append({message.room, message.seq});
        if (!page->more)
            break;
        QCOMPARE(page->messages.size(), 10);
        before = page->next;
        QVERIFY(pages < 10);
    }
    QCOMPARE(found, expected);
    QCOMPARE(pages, 4); // 33 hits, 10 a page
    // At most 50 a page; none asked: 20.
    QCOMPARE(jun.search(u"ping"_s)->messages.size(), 20);
    QCOMPARE(jun.search(u"ping"_s, {}, 0, 50)->messages.size(), 33);
}

void tst_Search::neverFindsInARoomTheAskerMayNotRead()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    jun->client.createRoom(u"team"_s, RoomKind::Private);
    QTRY_VERIFY(!jun->joins.isEmpty() && jun->joins.last().room == u"team"_s);
    QVERIFY(say(*jun.client, u"team"_s, u"secret plan for friday"_s) > 0);
    QVERIFY(say(*jun.client, u"lobby"_s, u"public plan"_s) > 0);
    jun->client.sendDirect(u"ara"_s, u"a private plan between us"_s);
    QTRY_COMPARE(jun->acks.size(), 3);

    auto sol = searcher(u"sol"_s);
    QVERIFY(sol);
    QCOMPARE(textsOf(*sol.search(u"plan"_s)), QStringList{u"public plan"_s});
    QCOMPARE(textsOf(*sol.search(u"an"_s)), QStringList{u"public plan"_s});
    // Narrowed to a room it may not read: refused, nothing found.
    QCOMPARE(sol.refusal(u"plan"_s, u"team"_s), ErrorCode::NotMember);
    QCOMPARE(sol.refusal(u"plan"_s, u"dm:ara:jun"_s), ErrorCode::NoSuchRoom);
    QCOMPARE(sol.refusal(u"plan"_s, u"nowhere"_s), ErrorCode::NoSuchRoom);
    QVERIFY(sol.results.size() == 2);
    // An admin who was never let in does not search it either.
    auto boss = searcher(u"boss"_s);
    QVERIFY(boss);
    QCOMPARE(textsOf(*boss.search(u"plan"_s)), QStringList{u"public plan"_s});
    QCOMPARE(boss.refusal(u"plan"_s, u"team"_s), ErrorCode::NotMember);
    // The members find what is theirs.
    QCOMPARE(textsOf(*jun.search(u"plan"_s)),
             QStringList(
                 {u"a private plan between us"_s, u"public plan"_s, u"secret plan for friday"_s}));
    QCOMPARE(textsOf(*jun.search(u"plan"_s, u"team"_s)), QStringList{u"secret plan for friday"_s});
    auto ara = searcher(u"ara"_s);
    QVERIFY(ara);
    QCOMPARE(textsOf(*ara.search(u"plan"_s)),
             QStringList({u"a private plan between us"_s, u"public plan"_s}));
    // Let in: found from then on, old messages included.
    jun->client.invite(u"team"_s, u"sol"_s);
    QTRY_VERIFY(!sol.search(u"secret"_s)->messages.isEmpty());
    // Taken out (here by hand in the database: the room's members as the search sees them):
    // nothing of it any more.
    QVERIFY(query(u"DELETE FROM room_members WHERE account_id ="
                  " (SELECT id FROM accounts WHERE name = 'sol')"
                  " AND room_id = (SELECT id FROM rooms WHERE name = 'team') RETURNING 1"_s)
                .isValid());
    QCOMPARE(textsOf(*sol.search(u"plan"_s)), QStringList{u"public plan"_s});
}

void tst_Search::findsAnEditedMessageByItsNewText()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    const qint64 seq = say(*jun.client, u"lobby"_s, u"the meeting is on tuesday"_s);
    QVERIFY(seq > 0);
    QCOMPARE(jun.search(u"tuesday"_s)->messages.size(), 1);
    // An edit changes the message's row (what the storage thread does for `edit`).
    QVERIFY(query(u"UPDATE messages SET text = 'the meeting is on thursday', edited = 1"
                  " WHERE seq = %1 AND kind = 0 RETURNING 1"_s.arg(seq))
                .isValid());
    QCOMPARE(textsOf(*jun.search(u"thursday"_s)), QStringList{u"the meeting is on thursday"_s});
    QVERIFY(jun.search(u"tuesday"_s)->messages.isEmpty());
}

void tst_Search::doesNotFindADeletedMessage()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    auto boss = searcher(u"boss"_s, {u"lobby"_s});
    QVERIFY(jun && boss);
    const qint64 seq = say(*jun.client, u"lobby"_s, u"oops wrong window"_s);
    QVERIFY(say(*jun.client, u"lobby"_s, u"right window"_s) > 0);
    QCOMPARE(jun.search(u"window"_s)->messages.size(), 2);
    boss->client.deleteMessage(u"lobby"_s, seq);
    QTRY_COMPARE(jun.search(u"window"_s)->messages.size(), 1);
    QCOMPARE(textsOf(*jun.search(u"window"_s)), QStringList{u"right window"_s});
    QVERIFY(jun.search(u"oops"_s)->messages.isEmpty());
    QVERIFY(jun.search(u"op"_s)->messages.isEmpty());
}

void tst_Search::findsTwoCharacterWords()
{
    // Two characters cannot use the index: the newest messages are looked through, a window of
    // them each page.
    startServer([](ServerConfig &config) {
        searchFreely(config);
        config.searchShortScan = 100;
    });
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    QVERIFY(say(*jun.client, u"lobby"_s, u"ok see you at 5"_s) > 0);
    for (int i = 0; i < 120; ++i)
        jun->client.sendMessage(u"lobby"_s, u"filler %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(jun->acks.size(), 121, 20'000);
    QVERIFY(say(*jun.client, u"lobby"_s, u"한국 음식 좋아요"_s) > 0);
    // The newest window holds the Korean one; the page says there is more, and the next one
    // (older) holds the first.
    const auto first = jun.search(u"한국"_s);
    QVERIFY(first);
    QCOMPARE(textsOf(*first), QStringList{u"한국 음식 좋아요"_s});
    const auto ok = jun.search(u"OK"_s);
    QVERIFY(ok);
    QVERIFY(ok->messages.isEmpty());
    QVERIFY(ok->more);
    const auto older = jun.search(u"OK"_s, {}, ok->next);
    QVERIFY(older);
    QCOMPARE(textsOf(*older), QStringList{u"ok see you at 5"_s});
    QVERIFY(!older->more);
    // Narrowed to the room, the same.
    QCOMPARE(textsOf(*jun.search(u"한국"_s, u"lobby"_s)), QStringList{u"한국 음식 좋아요"_s});
}

void tst_Search::refusesBadInput()
{
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s);
    QVERIFY(jun);
    QCOMPARE(jun.refusal(u"a"_s), ErrorCode::BadField);
    QCOMPARE(jun.refusal(u"   a   "_s), ErrorCode::BadField);
    QCOMPARE(jun.refusal(u""_s), ErrorCode::BadField);
    QCOMPARE(jun.refusal(QString(257, u'x')), ErrorCode::BadField);
    QCOMPARE(jun.refusal(u"fine"_s, {}, 0, 51), ErrorCode::BadField);
    QVERIFY(jun.results.isEmpty());
    // The edges themselves are fine.
    QVERIFY(jun.search(QString(256, u'x'), {}, 0, 50));
    QVERIFY(jun.search(u" ab "_s, {}, 0, 1));
    // A malformed frame gets bad_field too.
    RawClient raw;
    QVERIFY(raw.open(url(), {QString::fromLatin1(Subprotocol)}));
    raw.socket.sendTextMessage(encoded(Hello{u"h"_s, Version, u"nosy"_s, ClientKind::Other, {}}));
    QVERIFY(raw.waitForText([](const QString &t) { return t.contains(u"\"welcome\""_s); }));
    raw.socket.sendTextMessage(u"{\"type\":\"search\",\"id\":\"s1\",\"query\":42}"_s);
    QVERIFY(raw.waitForText(
        [](const QString &t) { return t.contains(u"\"s1\""_s) && t.contains(u"bad_field"_s); }));
    raw.socket.sendTextMessage(
        u"{\"type\":\"search\",\"id\":\"s2\",\"query\":\"fine\",\"limit\":-1}"_s);
    QVERIFY(raw.waitForText(
        [](const QString &t) { return t.contains(u"\"s2\""_s) && t.contains(u"bad_field"_s); }));
    raw.socket.sendTextMessage(
        u"{\"type\":\"search\",\"id\":\"s3\",\"query\":\"fine\",\"before\":-5}"_s);
    QVERIFY(raw.waitForText(
        [](const QString &t) { return t.contains(u"\"s3\""_s) && t.contains(u"bad_field"_s); }));
    QVERIFY(!raw.texts.join(u' ').contains(u"\"results\""_s));
}

void tst_Search::aSearchFloodIsLimitedWhileMessagesFlow()
{
    // 2 searches a second, 5 at once; closed past 5 times that.
    startServer([](ServerConfig &config) {
        config.searchRate = {120, 5};
        config.rateCloseMultiple = 5;
    });
    auto ana = test::guest(url(), u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    for (int i = 0; i < 50; ++i)
        ana->client.sendMessage(u"lobby"_s, u"history to search %1"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(ana->acks.size(), 50, 20'000);

    auto flooder = test::rawGuest(url(), u"flood"_s);
    QVERIFY(flooder);
    constexpr int Flood = 300;
    for (int i = 0; i < Flood; ++i)
        flooder->socket.sendTextMessage(encoded(Search{u"q%1"_s.arg(i), u"search"_s, {}, 0, 50}));
    // Meanwhile the bystander's messages are acknowledged quickly, one after the other.
    QList<qint64> ackMs;
    for (int i = 0; i < 20; ++i) {
        const qsizetype before = ana->acks.size();
        QElapsedTimer clock;
        clock.start();
        ana->client.sendMessage(u"lobby"_s, u"bystander %1"_s.arg(i));
        QVERIFY(QTest::qWaitFor([&] { return ana->acks.size() > before; }, 10'000));
        ackMs.append(clock.elapsed());
    }
    const qint64 worst = *std::max_element(ackMs.begin(), ackMs.end());
    QVERIFY2(worst < 2000, qPrintable(u"worst ack %1 ms"_s.arg(worst)));

    // The flooder: slow_down, then refusals, then closed with 4004.
    QTRY_VERIFY_WITH_TIMEOUT(flooder->closed, 10'000);
    QCOMPARE(flooder->closeCode, 4004);
    int results = 0, refused = 0, busy = 0, slowDowns = 0;
    for (const ServerMessage &frame : decodeAll(flooder->texts)) {
        if (std::holds_alternative<SearchResults>(frame))
            ++results;
        if (const auto *slow = std::get_if<SlowDown>(&frame)) {
            QCOMPARE(slow->kind, RateKind::Search);
            ++slowDowns;
        }
        if (const auto *error = std::get_if<Error>(&frame)) {
            QVERIFY2(error->code == ErrorCode::RateLimited || error->code == ErrorCode::Busy,
                     qPrintable(error->message));
            refused += error->code == ErrorCode::RateLimited;
            busy += error->code == ErrorCode::Busy;
        }
    }
    QVERIFY(slowDowns >= 1);
    QVERIFY2(refused >= 5 * 5 - 5 - 2, qPrintable(u"%1 refused"_s.arg(refused)));
    // Only the burst and what the rate refilled went on to the search (2 of them at a time, the
    // others answered busy; the answers of those searched may come after the close).
    QVERIFY2(results + busy <= 5 + 4, qPrintable(u"%1 searched, %2 busy"_s.arg(results).arg(busy)));
    QCOMPARE(ana->disconnects, 0);
}

void tst_Search::aFullQueueAnswersBusy()
{
    // No rate limit: only the queue's bounds stand between a flood and the search thread.
    startServer([](ServerConfig &config) {
        config.searchRate = {0, 1};
        config.maxSearchesPerSession = 2;
    });
    auto ana = test::guest(url(), u"ana"_s, {u"lobby"_s});
    QVERIFY(ana);
    for (int i = 0; i < 200; ++i)
        ana->client.sendMessage(u"lobby"_s, u"word%1 and more words"_s.arg(i));
    QTRY_COMPARE_WITH_TIMEOUT(ana->acks.size(), 200, 20'000);
    auto flooder = test::rawGuest(url(), u"flood"_s);
    QVERIFY(flooder);
    constexpr int Flood = 100;
    for (int i = 0; i < Flood; ++i)
        flooder->socket.sendTextMessage(encoded(Search{u"q%1"_s.arg(i), u"or"_s, {}, 0, 50}));
    // Every one is answered: results, or busy at once.
    int results = 0, busy = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            results = 0;
            busy = 0;
            for (const ServerMessage &frame : decodeAll(flooder->texts)) {
                results += std::holds_alternative<SearchResults>(frame);
                if (const auto *error = std::get_if<Error>(&frame))
                    busy += error->code == ErrorCode::Busy;
            }
            return results + busy == Flood;
        },
        20'000));
    QVERIFY2(busy > 0, qPrintable(u"%1 searched"_s.arg(results)));
    QVERIFY(results >= 2);
    // The bystander's messages were not held up meanwhile.
    QVERIFY(say(*ana, u"lobby"_s, u"still here"_s) > 0);
}

void tst_Search::findsMessagesStoredBeforeTheUpgrade()
{
    // A data directory whose database has the schema before search, with messages in it.
    newDataDir();
    {
        server::SqliteStore old(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY2(old.openAtVersion(server::SqliteStore::SearchVersion - 1),
                 qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"lobby"_s, 1));
        QList<MessageEvent> batch;
        for (int i = 1; i <= 300; ++i)
            batch.append(MessageEvent{u"lobby"_s, i, u"ara"_s, u"old note %1"_s.arg(i),
                                      1764100000000 + i, u"m%1"_s.arg(i)});
        batch.append(MessageEvent{u"lobby"_s, 301, u"ara"_s, u"옛날 한국어를 찾기"_s, 1764100000301,
                                  u"m301"_s});
        QVERIFY(old.appendMessages(batch));
    }
    startServer(searchFreely);
    QCOMPARE(query(u"PRAGMA user_version"_s).toInt(), server::SqliteStore::SchemaVersion);
    QCOMPARE(query(u"SELECT COUNT(*) FROM messages"_s).toInt(), 301);
    Searcher jun{test::guest(url(), u"jun"_s, {u"lobby"_s}), {}};
    QVERIFY(jun);
    QObject::connect(&jun->client, &ChatClient::searchResults, jun.client.get(),
                     [list = &jun.results](const SearchResults &r) { list->append(r); });
    QCOMPARE(textsOf(*jun.search(u"note 123"_s)), QStringList{u"old note 123"_s});
    QCOMPARE(textsOf(*jun.search(u"한국어"_s)), QStringList{u"옛날 한국어를 찾기"_s});
    const auto page = jun.search(u"old note"_s, {}, 0, 50);
    QCOMPARE(page->messages.size(), 50);
    QVERIFY(page->more);
    QCOMPARE(page->messages.first().seq, 300);
    // And what is said now is found beside them.
    QVERIFY(say(*jun.client, u"lobby"_s, u"a new note"_s) > 0);
    QCOMPARE(jun.search(u"note"_s, {}, 0, 1)->messages.first().text, u"a new note"_s);
}

void tst_Search::findsWhatIsSaidAtOnceWhileABacklogIsIndexed()
{
    // 20,000 messages written and not indexed yet (a run that stopped before it was idle). The
    // server indexes them in batches when it has nothing to write; meanwhile they are found all
    // the same, and so is what is said now, as soon as it is acknowledged.
    {
        server::SqliteStore seed(QDir(m_dataDir->path()).filePath(u"sori.db"_s));
        QVERIFY2(seed.open(), qPrintable(seed.errorString()));
        QVERIFY(seed.createRoom(u"lobby"_s, 1));
        for (int from = 1; from <= 20'000; from += 1000) {
            QList<MessageEvent> batch;
            for (int seq = from; seq < from + 1000; ++seq)
                batch.append(MessageEvent{u"lobby"_s, seq, u"ara"_s, u"backlog note %1"_s.arg(seq),
                                          1764100000000 + seq, u"b%1"_s.arg(seq)});
            QVERIFY(seed.appendMessages(batch));
        }
    }
    QCOMPARE(query(u"SELECT upto FROM search_indexed"_s).toLongLong(), 0);
    startServer(searchFreely);
    auto jun = searcher(u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    const qint64 seq = say(*jun.client, u"lobby"_s, u"a fresh needle"_s);
    QCOMPARE(seq, 20'001);
    const auto fresh = jun.search(u"needle"_s);
    QVERIFY(fresh);
    QCOMPARE(textsOf(*fresh), QStringList{u"a fresh needle"_s});
    QCOMPARE(textsOf(*jun.search(u"note 12345"_s)), QStringList{u"backlog note 12345"_s});

    // Once all is indexed: the same, each once.
    QTRY_VERIFY_WITH_TIMEOUT(
        query(u"SELECT upto = (SELECT MAX(id) FROM messages) FROM search_indexed"_s).toBool(),
        60'000);
    QCOMPARE(textsOf(*jun.search(u"needle"_s)), QStringList{u"a fresh needle"_s});
    QCOMPARE(textsOf(*jun.search(u"note 12345"_s)), QStringList{u"backlog note 12345"_s});
    const auto page = jun.search(u"backlog note"_s, {}, 0, 50);
    QVERIFY(page);
    QCOMPARE(page->messages.size(), 50);
    QCOMPARE(page->messages.first().seq, 20'000);
    QCOMPARE(page->messages.last().seq, 19'951);
    QVERIFY(page->more);
}

QTEST_MAIN(tst_Search)
#include "tst_search.moc"
