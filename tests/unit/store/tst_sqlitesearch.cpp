// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// The full-text search of the SQLite store (SqliteStore::search, issue 22): what it finds, in
// which order and pages, in which rooms for whom, how the index follows edits, deletes and
// removals, and that a database of the schema before keeps every message and finds old ones.
// The storage thread indexes new messages only when it is idle (indexForSearch): every test
// runs with each message indexed as soon as it is written, and with none indexed yet (search
// looks through those itself); others look at the mark between the two.

#include "core/store/sqlitestore.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QTemporaryDir>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>
#include <QtTest/QTest>

#include <memory>

Q_LOGGING_CATEGORY(lcSearchTest, "sori.test.search")
using namespace Qt::StringLiterals;
using namespace sori::server;
using sori::protocol::MessageEvent;
using sori::protocol::RoomKind;

class tst_SqliteSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void findsAWordWhateverItsCase();
    void findsAKoreanWordWithAParticleAttached();
    void findsEveryWordInAnyOrder();
    void takesWhatIsTypedLiterally_data();
    void takesWhatIsTypedLiterally();
    void pagesNewestFirstWithoutGapOrDuplicate();
    void findsOnlyInRoomsTheAskerMayReadNow();
    void narrowsToOneRoom();
    void findsAnEditedMessageByItsNewTextOnly();
    void forgetsDeletedAndRemovedMessages();
    void doesNotIndexChangeRows();
    void looksForShortWordsInTheNewestMessages();
    void pagesShortWordsInARoomThroughItsIndex();
    void keepsAPageWithinItsBytes();
    void searchesOnAReadOnlyConnectionBesideTheWriter();
    void upgradeKeepsEveryMessageAndFindsOldOnes();
    void findsAMessageBeforeItIsIndexedAndOnceAfter();
    void indexesInBatchesOfTheGivenSize();
    void pagesAcrossTheMarkWithoutGapOrDuplicate();
    void editsAndDeletesOnBothSidesOfTheMarkKeepTheIndexExact();
    void keepsTheMarkBelowTheIdsToComeWhenTheNewestRowsGo();
    void upgradeFromTheIndexInEachCommitKeepsEveryMessageFound();

private:
    QString path() const { return m_dir->filePath(u"sori.db"_s); }
    // The store, open, with rooms: lobby (public), news (announcement), team (private: jun is
    // in it), and jun and ara's direct conversation.
    void openWithRooms();
    qint64 add(const QString &room, const QString &text, const QString &from = u"mina"_s);
    // Runs SQL on a connection of the test's own (what another part of the server would do).
    void sql(const QString &statement);
    // The same for a query: the first column of its first row (invalid: none, or it failed).
    QVariant value(const QString &statement);
    // What the storage thread does when idle: indexes everything written, in batches.
    void indexAll();
    qint64 mark() { return value(u"SELECT upto FROM search_indexed"_s).toLongLong(); }
    // The index holds exactly the chat messages (not deleted) at or below the mark, each with
    // the trigrams of its text as it is now, and agrees with itself.
    void checkIndex();
    SearchPage find(const QString &text, qint64 account = -1, const QString &room = {},
                    qint64 before = 0, int limit = 20);
    QStringList texts(const SearchPage &page) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    QHash<QString, qint64> m_seq;
    qint64 m_jun = -1;
    qint64 m_ara = -1;
    qint64 m_sol = -1;
    bool m_indexAtOnce = true; // add() indexes what it wrote
};

void tst_SqliteSearch::initTestCase_data()
{
    QTest::addColumn<bool>("indexAtOnce");
    QTest::newRow("indexed") << true;
    QTest::newRow("not indexed yet") << false;
}

void tst_SqliteSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_seq.clear();
    QFETCH_GLOBAL(bool, indexAtOnce);
    m_indexAtOnce = indexAtOnce;
}

void tst_SqliteSearch::cleanup()
{
    m_store.reset();
}

void tst_SqliteSearch::openWithRooms()
{
    m_store = std::make_unique<SqliteStore>(path());
    QVERIFY2(m_store->open(), qPrintable(m_store->errorString()));
    QVERIFY(m_store->createAccount(u"jun"_s, u"h"_s, sori::protocol::Role::Member, 1, &m_jun));
    QVERIFY(m_store->createAccount(u"ara"_s, u"h"_s, sori::protocol::Role::Member, 1, &m_ara));
    QVERIFY(m_store->createAccount(u"sol"_s, u"h"_s, sori::protocol::Role::Member, 1, &m_sol));
    QVERIFY(m_store->createRoom(u"lobby"_s, 1));
    QVERIFY(m_store->createRoom(u"news"_s, 1, RoomKind::Announcement));
    QVERIFY(m_store->createRoom(u"team"_s, 1, RoomKind::Private));
    QVERIFY(m_store->addRoomMember(u"team"_s, m_jun));
    QVERIFY(m_store->createRoom(u"dm:ara:jun"_s, 1, RoomKind::Direct));
    QVERIFY(m_store->addRoomMember(u"dm:ara:jun"_s, m_jun));
    QVERIFY(m_store->addRoomMember(u"dm:ara:jun"_s, m_ara));
}

qint64 tst_SqliteSearch::add(const QString &room, const QString &text, const QString &from)
{
    const qint64 seq = ++m_seq[room];
    if (!m_store->appendMessages({MessageEvent{room, seq, from, text, 1764100000000 + seq,
                                               u"id-%1-%2"_s.arg(room).arg(seq)}}))
        qCWarning(lcSearchTest) << "cannot add:" << m_store->errorString();
    if (m_indexAtOnce)
        indexAll();
    return seq;
}

void tst_SqliteSearch::sql(const QString &statement)
{
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"test"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY2(query.exec(statement), qPrintable(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"test"_s);
}

QVariant tst_SqliteSearch::value(const QString &statement)
{
    QVariant result;
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"test"_s);
        db.setDatabaseName(path());
        QSqlQuery query(db);
        if (db.open() && query.exec(statement) && query.next())
            result = query.value(0);
        else
            qCWarning(lcSearchTest) << statement << "failed:" << query.lastError().text();
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"test"_s);
    return result;
}

void tst_SqliteSearch::indexAll()
{
    bool more = true;
    for (int batches = 0; more && batches < 10'000; ++batches) {
        if (!m_store->indexForSearch(256, &more)) {
            qCWarning(lcSearchTest) << "cannot index:" << m_store->errorString();
            return;
        }
    }
}

void tst_SqliteSearch::checkIndex()
{
    // FTS5's integrity check with rank 1 compares the index with the whole content table, which
    // by design holds rows the index never has (change rows, deleted messages, and now those
    // above the mark); so the index is compared with one built afresh from the rows that belong
    // in it, term by term and row by row, and checked for internal consistency.
    QStringList wrong;
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement :
             {u"INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)"_s,
              u"CREATE VIRTUAL TABLE temp.expected USING fts5(text, tokenize='trigram',"
              " detail=none)"_s,
              u"INSERT INTO temp.expected (rowid, text) SELECT id, text FROM messages"
              " WHERE kind = 0 AND deleted = 0 AND id <= (SELECT upto FROM search_indexed)"_s,
              u"CREATE VIRTUAL TABLE temp.indexed_terms"
              " USING fts5vocab(main, messages_fts, 'instance')"_s,
              u"CREATE VIRTUAL TABLE temp.expected_terms"
              " USING fts5vocab(temp, expected, 'instance')"_s})
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        QVERIFY(query.exec(u"SELECT 'extra', term, doc FROM (SELECT term, doc FROM"
                           " temp.indexed_terms EXCEPT SELECT term, doc FROM temp.expected_terms)"
                           " UNION ALL SELECT 'missing', term, doc FROM (SELECT term, doc FROM"
                           " temp.expected_terms EXCEPT SELECT term, doc FROM temp.indexed_terms)"
                           " LIMIT 10"_s));
        while (query.next())
            wrong.append(u"%1 %2 in %3"_s.arg(query.value(0).toString(), query.value(1).toString(),
                                              query.value(2).toString()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    QCOMPARE(wrong, QStringList());
}

SearchPage tst_SqliteSearch::find(const QString &text, qint64 account, const QString &room,
                                  qint64 before, int limit)
{
    SearchQuery query;
    query.text = text;
    query.account = account;
    query.room = room;
    query.before = before;
    query.limit = limit;
    SearchPage page;
    if (!m_store->search(query, &page))
        qCWarning(lcSearchTest) << "search failed:" << m_store->errorString();
    return page;
}

QStringList tst_SqliteSearch::texts(const SearchPage &page) const
{
    QStringList texts;
    for (const MessageEvent &message : page.messages)
        texts.append(message.text);
    return texts;
}

void tst_SqliteSearch::findsAWordWhateverItsCase()
{
    openWithRooms();
    add(u"lobby"_s, u"The deploy went fine"_s);
    add(u"lobby"_s, u"lunch?"_s);
    add(u"lobby"_s, u"DEPLOYING again tonight"_s);

    const SearchPage page = find(u"deploy"_s);
    QCOMPARE(texts(page), QStringList({u"DEPLOYING again tonight"_s, u"The deploy went fine"_s}));
    QVERIFY(!page.more);
    // Each as stored, with its room.
    const MessageEvent &first = page.messages.first();
    QCOMPARE(first.room, u"lobby"_s);
    QCOMPARE(first.seq, 3);
    QCOMPARE(first.from, u"mina"_s);
    QCOMPARE(first.time, 1764100000003);
    QCOMPARE(first.msgId, u"id-lobby-3"_s);
    QVERIFY(find(u"nothing like it"_s).messages.isEmpty());
}

void tst_SqliteSearch::findsAKoreanWordWithAParticleAttached()
{
    openWithRooms();
    add(u"lobby"_s, u"저는 한국어를 배우고 있어요"_s);
    add(u"lobby"_s, u"한국말 잘하시네요"_s);
    add(u"lobby"_s, u"일본어도 배워요"_s);
    QCOMPARE(texts(find(u"한국어"_s)), QStringList{u"저는 한국어를 배우고 있어요"_s});
    QCOMPARE(texts(find(u"배우고"_s)), QStringList{u"저는 한국어를 배우고 있어요"_s});
    // Two syllables: no trigram, found among the newest messages.
    QCOMPARE(texts(find(u"한국"_s)),
             QStringList({u"한국말 잘하시네요"_s, u"저는 한국어를 배우고 있어요"_s}));
    QCOMPARE(texts(find(u"배워"_s)), QStringList{u"일본어도 배워요"_s});
}

void tst_SqliteSearch::findsEveryWordInAnyOrder()
{
    openWithRooms();
    add(u"lobby"_s, u"release notes for version two"_s);
    add(u"lobby"_s, u"two notes"_s);
    add(u"lobby"_s, u"the release is out"_s);
    QCOMPARE(texts(find(u"notes release"_s)), QStringList{u"release notes for version two"_s});
    // A short word among long ones narrows too.
    QCOMPARE(texts(find(u"notes  two"_s)),
             QStringList({u"two notes"_s, u"release notes for version two"_s}));
    QCOMPARE(texts(find(u"release is"_s)), QStringList{u"the release is out"_s});
}

void tst_SqliteSearch::takesWhatIsTypedLiterally_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::newRow("quotes") << u"she said \"hello there\" twice"_s << u"\"hello"_s;
    QTest::newRow("fts syntax") << u"a AND b OR NEAR(c) not* -x"_s << u"NEAR(c)"_s;
    QTest::newRow("column filter") << u"text: colons"_s << u"text:"_s;
    QTest::newRow("like wildcards") << u"50% off_today"_s << u"%"_s;
    QTest::newRow("underscore") << u"snake_case"_s << u"e_"_s;
    QTest::newRow("backslash") << u"C:\\temp"_s << u":\\"_s;
}

void tst_SqliteSearch::takesWhatIsTypedLiterally()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    openWithRooms();
    add(u"lobby"_s, u"something else entirely, 50 percent"_s);
    add(u"lobby"_s, text);
    QCOMPARE(texts(find(query)), QStringList{text});
}

void tst_SqliteSearch::pagesNewestFirstWithoutGapOrDuplicate()
{
    openWithRooms();
    // 95 hits among other messages, in two rooms the asker reads and one it does not.
    QList<std::pair<QString, qint64>> hits;
    for (int i = 0; i < 300; ++i) {
        const QString room = i % 3 == 0 ? u"lobby"_s : i % 3 == 1 ? u"news"_s : u"team"_s;
        const bool hit = i % 5 != 0;
        const qint64 seq = add(room, hit ? u"ping %1"_s.arg(i) : u"pong %1"_s.arg(i));
        if (hit && room != u"team")
            hits.prepend({room, seq});
    }
    QList<std::pair<QString, qint64>> found;
    qint64 before = 0;
    int pages = 0;
    for (;;) {
        const SearchPage page = find(u"ping"_s, m_sol, {}, before, 7);
        ++pages;
        QVERIFY(page.messages.size() <= 7);
        for (const MessageEvent &message : page.messages)
            found.append({message.room, message.seq});
        if (!page.more)
            break;
        QVERIFY(page.messages.size() == 7);
        QVERIFY(page.next > 0);
        before = page.next;
        QVERIFY(pages < 100);
    }
    QCOMPARE(found, hits);
    QCOMPARE(pages, (int(hits.size()) + 6) / 7);
}

void tst_SqliteSearch::findsOnlyInRoomsTheAskerMayReadNow()
{
    openWithRooms();
    add(u"lobby"_s, u"secret lobby"_s);
    add(u"news"_s, u"secret news"_s);
    add(u"team"_s, u"secret team"_s);
    add(u"dm:ara:jun"_s, u"secret direct"_s);
    const auto rooms = [this](qint64 account) {
        QStringList rooms;
        for (const MessageEvent &message : find(u"secret"_s, account).messages)
            rooms.append(message.room);
        return rooms;
    };
    const QStringList everyone{u"news"_s, u"lobby"_s};
    QCOMPARE(rooms(-1), everyone); // a guest
    QCOMPARE(rooms(m_sol), everyone);
    QCOMPARE(rooms(m_ara), QStringList({u"dm:ara:jun"_s, u"news"_s, u"lobby"_s}));
    QCOMPARE(rooms(m_jun), QStringList({u"dm:ara:jun"_s, u"team"_s, u"news"_s, u"lobby"_s}));
    // The same with short words, which take the other way.
    QCOMPARE(find(u"et"_s, m_sol).messages.size(), 2);
    QCOMPARE(find(u"et"_s, m_jun).messages.size(), 4);
    // Taken out of the private room: from then on nothing of it, old messages included.
    sql(u"DELETE FROM room_members WHERE account_id = %1"
        " AND room_id = (SELECT id FROM rooms WHERE name = 'team')"_s.arg(m_jun));
    QCOMPARE(rooms(m_jun), QStringList({u"dm:ara:jun"_s, u"news"_s, u"lobby"_s}));
    QCOMPARE(find(u"et"_s, m_jun).messages.size(), 3);
    QVERIFY(find(u"secret"_s, m_jun, u"team"_s).messages.isEmpty());
}

void tst_SqliteSearch::narrowsToOneRoom()
{
    openWithRooms();
    for (int i = 0; i < 5; ++i) {
        add(u"lobby"_s, u"standup %1"_s.arg(i));
        add(u"team"_s, u"standup %1"_s.arg(i));
    }
    const SearchPage page = find(u"standup"_s, m_jun, u"team"_s, 0, 3);
    QCOMPARE(texts(page), QStringList({u"standup 4"_s, u"standup 3"_s, u"standup 2"_s}));
    for (const MessageEvent &message : page.messages)
        QCOMPARE(message.room, u"team"_s);
    QVERIFY(page.more);
    QCOMPARE(texts(find(u"standup"_s, m_jun, u"team"_s, page.next, 3)),
             QStringList({u"standup 1"_s, u"standup 0"_s}));
    // Not a member: nothing, however it is asked.
    QVERIFY(find(u"standup"_s, m_sol, u"team"_s).messages.isEmpty());
    QVERIFY(find(u"standup"_s, -1, u"team"_s).messages.isEmpty());
    QVERIFY(find(u"up"_s, m_sol, u"team"_s).messages.isEmpty());
    QVERIFY(find(u"standup"_s, m_jun, u"nowhere"_s).messages.isEmpty());
}

void tst_SqliteSearch::findsAnEditedMessageByItsNewTextOnly()
{
    openWithRooms();
    add(u"lobby"_s, u"the meeting is on tuesday"_s);
    add(u"lobby"_s, u"ok"_s);
    // An edit changes the text of the message's row (the change itself is a row of its own).
    sql(u"UPDATE messages SET text = 'the meeting is on thursday' WHERE seq = 1"_s);
    QCOMPARE(texts(find(u"thursday"_s)), QStringList{u"the meeting is on thursday"_s});
    QVERIFY(find(u"tuesday"_s).messages.isEmpty());
    QCOMPARE(texts(find(u"meeting"_s)), QStringList{u"the meeting is on thursday"_s});
    // Short words see the new text too.
    QCOMPARE(texts(find(u"th"_s)), QStringList{u"the meeting is on thursday"_s});
}

void tst_SqliteSearch::forgetsDeletedAndRemovedMessages()
{
    openWithRooms();
    QVERIFY(m_store->createRoom(u"gone"_s, 1));
    add(u"lobby"_s, u"needle one"_s);
    add(u"lobby"_s, u"needle two"_s);
    add(u"lobby"_s, u"needle three"_s);
    add(u"gone"_s, u"needle four"_s);
    QCOMPARE(find(u"needle"_s).messages.size(), 4);

    QVERIFY(m_store->markDeleted(u"lobby"_s, 2));
    QCOMPARE(texts(find(u"needle"_s)),
             QStringList({u"needle four"_s, u"needle three"_s, u"needle one"_s}));
    QVERIFY(find(u"two"_s).messages.isEmpty());
    QVERIFY(m_store->trimMessages(u"lobby"_s, 1)); // the history retention
    QCOMPARE(texts(find(u"needle"_s)), QStringList({u"needle four"_s, u"needle three"_s}));
    QVERIFY(m_store->deleteRoom(u"gone"_s));
    QCOMPARE(texts(find(u"needle"_s)), QStringList{u"needle three"_s});
    QCOMPARE(texts(find(u"ne"_s)), QStringList{u"needle three"_s});
    // The index agrees with itself after all that.
    sql(u"INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)"_s);
    checkIndex();
}

void tst_SqliteSearch::doesNotIndexChangeRows()
{
    openWithRooms();
    add(u"lobby"_s, u"original words"_s);
    // A change (an edit, a reaction) is a row of another kind; its text is not a message.
    sql(u"INSERT INTO messages (room_id, seq, sender, text, time, kind)"
        " SELECT id, 2, 'mina', 'replacement words', 1, 1 FROM rooms WHERE name = 'lobby'"_s);
    sql(u"UPDATE messages SET text = 'other words' WHERE seq = 2"_s);
    QCOMPARE(texts(find(u"words"_s)), QStringList{u"original words"_s});
    QVERIFY(find(u"other"_s).messages.isEmpty());
    QCOMPARE(texts(find(u"ds"_s)), QStringList{u"original words"_s});
    sql(u"DELETE FROM messages WHERE seq = 2"_s);
    sql(u"INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)"_s);
    checkIndex();
}

void tst_SqliteSearch::looksForShortWordsInTheNewestMessages()
{
    openWithRooms();
    for (int i = 0; i < 40; ++i)
        add(i % 2 ? u"lobby"_s : u"team"_s, i % 4 == 3 ? u"ok %1"_s.arg(i) : u"no %1"_s.arg(i));
    // Ten messages at a time: a page ends after them, short of the limit if need be, and says
    // where to go on; going on finds every one, once, newest first.
    SearchQuery query;
    query.text = u"ok"_s;
    query.account = m_sol;
    query.limit = 3;
    query.shortScan = 10;
    QStringList found;
    QList<int> sizes;
    for (int pages = 0; pages < 20; ++pages) {
        SearchPage page;
        QVERIFY2(m_store->search(query, &page), qPrintable(m_store->errorString()));
        found += texts(page);
        sizes.append(int(page.messages.size()));
        if (!page.more)
            break;
        QVERIFY(page.next > 0);
        query.before = page.next;
    }
    QStringList expected;
    for (int i = 39; i >= 0; --i) {
        if (i % 4 == 3)
            expected.append(u"ok %1"_s.arg(i));
    }
    QCOMPARE(found, expected);
    // Each window of ten holds the hits of 5 lobby messages (every other one of them a hit),
    // at most 3 a page.
    QVERIFY2(sizes.size() >= 4, qPrintable(QString::number(sizes.size())));
    for (int size : std::as_const(sizes))
        QVERIFY(size <= 3);
}

void tst_SqliteSearch::pagesShortWordsInARoomThroughItsIndex()
{
    openWithRooms();
    for (int i = 0; i < 30; ++i) {
        add(u"lobby"_s, u"ok lobby %1"_s.arg(i));
        add(u"team"_s, u"ok team %1"_s.arg(i));
    }
    // Narrowed to a room, the window is that room's newest messages.
    SearchQuery query;
    query.text = u"ok"_s;
    query.account = m_jun;
    query.room = u"team"_s;
    query.limit = 50;
    query.shortScan = 8;
    QStringList found;
    for (int pages = 0; pages < 20; ++pages) {
        SearchPage page;
        QVERIFY2(m_store->search(query, &page), qPrintable(m_store->errorString()));
        QVERIFY(page.messages.size() <= 8);
        found += texts(page);
        if (!page.more)
            break;
        query.before = page.next;
    }
    QStringList expected;
    for (int i = 29; i >= 0; --i)
        expected.append(u"ok team %1"_s.arg(i));
    QCOMPARE(found, expected);
}

void tst_SqliteSearch::keepsAPageWithinItsBytes()
{
    openWithRooms();
    for (int i = 0; i < 10; ++i)
        add(u"lobby"_s, u"big %1 "_s.arg(i) + QString(1000, u'x'));
    SearchQuery query;
    query.text = u"big"_s;
    query.maxBytes = 3500;
    SearchPage page;
    QVERIFY(m_store->search(query, &page));
    QCOMPARE(page.messages.size(), 3);
    QVERIFY(page.more);
    QCOMPARE(page.messages.last().seq, 8);
    // A message bigger than the budget still comes, alone: paging goes on.
    query.maxBytes = 100;
    query.before = page.next;
    QVERIFY(m_store->search(query, &page));
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().seq, 7);
    QVERIFY(page.more);
}

void tst_SqliteSearch::searchesOnAReadOnlyConnectionBesideTheWriter()
{
    openWithRooms();
    add(u"lobby"_s, u"written by the writer"_s);
    SqliteStore reader(path());
    reader.setQueryOnly(true);
    QVERIFY2(reader.open(), qPrintable(reader.errorString()));
    SearchQuery query;
    query.text = u"writer"_s;
    SearchPage page;
    QVERIFY2(reader.search(query, &page), qPrintable(reader.errorString()));
    QCOMPARE(texts(page), QStringList{u"written by the writer"_s});
    // What the writer commits afterwards is seen by the next search.
    add(u"lobby"_s, u"and another writer line"_s);
    QVERIFY(reader.search(query, &page));
    QCOMPARE(page.messages.size(), 2);
}

void tst_SqliteSearch::upgradeKeepsEveryMessageAndFindsOldOnes()
{
    // A database of the schema before search, with messages in it (one of them deleted).
    const int previous = SqliteStore::SearchVersion - 1;
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(previous), qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"lobby"_s, 1));
        QVERIFY(old.createRoom(u"한국"_s, 1));
        QList<MessageEvent> batch;
        for (int i = 1; i <= 500; ++i)
            batch.append(MessageEvent{u"lobby"_s, i, u"mina"_s, u"old message %1"_s.arg(i), i,
                                      u"id-%1"_s.arg(i)});
        batch.append(MessageEvent{u"한국"_s, 1, u"jun"_s, u"한국어를 공부해요"_s, 1, u"k1"_s});
        QVERIFY(old.appendMessages(batch));
        QVERIFY(old.markDeleted(u"lobby"_s, 250));
        QCOMPARE(old.schemaVersion(), previous);
    }
    m_store = std::make_unique<SqliteStore>(path());
    QVERIFY2(m_store->open(), qPrintable(m_store->errorString()));
    QCOMPARE(m_store->schemaVersion(), SqliteStore::SchemaVersion);
    // Every message is still there, as it was.
    QList<MessageEvent> kept;
    QVERIFY(m_store->history(u"lobby"_s, 0, 1000, &kept));
    QCOMPARE(kept.size(), 500);
    QCOMPARE(kept.first().text, u"old message 1"_s);
    QVERIFY(kept[249].deleted);
    QCOMPARE(kept.last().text, u"old message 500"_s);
    // And found.
    QCOMPARE(texts(find(u"message 1"_s, -1, {}, 0, 50)).size(), 50);
    QCOMPARE(texts(find(u"message 123"_s)), QStringList{u"old message 123"_s});
    QCOMPARE(texts(find(u"한국어"_s)), QStringList{u"한국어를 공부해요"_s});
    QVERIFY(find(u"message 250"_s).messages.isEmpty()); // deleted before
    SearchQuery all;
    all.text = u"old"_s;
    all.limit = 50;
    int count = 0;
    for (int pages = 0; pages < 20; ++pages) {
        SearchPage page;
        QVERIFY(m_store->search(all, &page));
        count += int(page.messages.size());
        if (!page.more)
            break;
        all.before = page.next;
    }
    QCOMPARE(count, 499);
    // New messages are found beside them.
    m_seq[u"lobby"_s] = 500;
    add(u"lobby"_s, u"a new message"_s);
    QCOMPARE(texts(find(u"new message"_s)), QStringList{u"a new message"_s});
}

void tst_SqliteSearch::findsAMessageBeforeItIsIndexedAndOnceAfter()
{
    m_indexAtOnce = false;
    openWithRooms();
    QCOMPARE(mark(), 0); // a new database: nothing indexed, nothing to index
    const qint64 seq = add(u"lobby"_s, u"fresh needle"_s);
    const qint64 id = value(u"SELECT MAX(id) FROM messages"_s).toLongLong();
    QVERIFY(mark() < id);
    // Written, not indexed yet (the storage thread has not been idle since): found all the same.
    QCOMPARE(texts(find(u"needle"_s)), QStringList{u"fresh needle"_s});
    QCOMPARE(texts(find(u"NEEDLE"_s, m_sol, u"lobby"_s)), QStringList{u"fresh needle"_s});
    QCOMPARE(value(u"SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'eed'"_s).toInt(),
             0);
    // Indexed: found once, not from the index and again among the newest.
    indexAll();
    QCOMPARE(mark(), id);
    QCOMPARE(value(u"SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'eed'"_s).toInt(),
             1);
    const SearchPage page = find(u"needle"_s);
    QCOMPARE(texts(page), QStringList{u"fresh needle"_s});
    QCOMPARE(page.messages.first().seq, seq);
    // One on each side of the mark: both, newest first, each once.
    add(u"lobby"_s, u"second needle"_s);
    QCOMPARE(texts(find(u"needle"_s)), QStringList({u"second needle"_s, u"fresh needle"_s}));
    checkIndex();
}

void tst_SqliteSearch::indexesInBatchesOfTheGivenSize()
{
    m_indexAtOnce = false;
    openWithRooms();
    QList<MessageEvent> messages;
    for (int seq = 1; seq <= 1000; ++seq)
        messages.append(MessageEvent{u"lobby"_s, seq, u"mina"_s, u"message %1"_s.arg(seq), seq});
    QVERIFY(m_store->appendMessages(messages));
    // Rows of other kinds (reactions) take their places in the batches, but not in the index.
    QList<StoredChange> reactions;
    for (int at = 1001; at <= 1010; ++at)
        reactions.append(StoredChange{StoredChange::Kind::ReactOn, u"lobby"_s, at, at - 1000,
                                      u"jun"_s, sori::protocol::Role::Member, u"👍"_s, at});
    QVERIFY(m_store->appendMessages({}, reactions));
    const qint64 first = value(u"SELECT MIN(id) FROM messages"_s).toLongLong();
    const qint64 last = value(u"SELECT MAX(id) FROM messages"_s).toLongLong();
    QCOMPARE(last - first + 1, 1010);

    bool more = false;
    QVERIFY2(m_store->indexForSearch(256, &more), qPrintable(m_store->errorString()));
    QVERIFY(more);
    QCOMPARE(mark(), first + 255);
    checkIndex();
    int batches = 1;
    while (more && batches < 100) {
        QVERIFY(m_store->indexForSearch(256, &more));
        ++batches;
    }
    QCOMPARE(batches, 4); // 256 + 256 + 256 + 242
    QCOMPARE(mark(), last);
    QVERIFY(m_store->indexForSearch(256, &more));
    QVERIFY(!more);
    QCOMPARE(mark(), last);
    checkIndex();
    QCOMPARE(texts(find(u"message 999"_s)), QStringList{u"message 999"_s});
}

void tst_SqliteSearch::pagesAcrossTheMarkWithoutGapOrDuplicate()
{
    m_indexAtOnce = false;
    openWithRooms();
    QList<std::pair<QString, qint64>> hits;
    for (int i = 0; i < 300; ++i) {
        const QString room = i % 3 == 0 ? u"lobby"_s : i % 3 == 1 ? u"news"_s : u"team"_s;
        const bool hit = i % 5 != 0;
        const qint64 seq = add(room, hit ? u"ping %1"_s.arg(i) : u"pong %1"_s.arg(i));
        if (hit && room != u"team")
            hits.prepend({room, seq});
    }
    // The older half indexed, the newer half not yet; and the mark moves on between two pages.
    bool more = false;
    QVERIFY(m_store->indexForSearch(150, &more));
    QVERIFY(more);
    QList<std::pair<QString, qint64>> found;
    qint64 before = 0;
    for (int pages = 1;; ++pages) {
        const SearchPage page = find(u"ping"_s, m_sol, {}, before, 7);
        for (const MessageEvent &message : page.messages)
            found.append({message.room, message.seq});
        if (!page.more)
            break;
        QCOMPARE(page.messages.size(), 7);
        before = page.next;
        if (pages == 3)
            indexAll();
        QVERIFY(pages < 100);
    }
    QCOMPARE(found, hits);
}

void tst_SqliteSearch::editsAndDeletesOnBothSidesOfTheMarkKeepTheIndexExact()
{
    m_indexAtOnce = false;
    openWithRooms();
    QVERIFY(m_store->createRoom(u"gone"_s, 1));
    for (int i = 1; i <= 6; ++i)
        add(u"lobby"_s, u"alpha %1"_s.arg(i));
    add(u"gone"_s, u"gone alpha"_s);
    indexAll();
    const qint64 indexed = mark();
    for (int i = 7; i <= 12; ++i)
        add(u"lobby"_s, u"alpha %1"_s.arg(i));
    add(u"gone"_s, u"gone beta"_s);
    QVERIFY(mark() == indexed);
    checkIndex();

    // Edits and deletes as the storage thread writes them: below the mark (the triggers change
    // the index) and above it (nothing to change: the new text is indexed later).
    const auto change = [this](StoredChange::Kind kind, qint64 target, const QString &text) {
        return StoredChange{kind,   u"lobby"_s, ++m_seq[u"lobby"_s],
                            target, u"mina"_s,  sori::protocol::Role::Member,
                            text,   1};
    };
    QVERIFY2(m_store->appendMessages({},
                                     {change(StoredChange::Kind::Edit, 2, u"bravo two"_s),
                                      change(StoredChange::Kind::Edit, 8, u"bravo eight"_s),
                                      change(StoredChange::Kind::Delete, 3, {}),
                                      change(StoredChange::Kind::Delete, 9, {}),
                                      change(StoredChange::Kind::Edit, 4, u"charlie four"_s),
                                      change(StoredChange::Kind::Edit, 10, u"charlie ten"_s),
                                      change(StoredChange::Kind::Delete, 4, {}),
                                      change(StoredChange::Kind::Delete, 10, {})}),
             qPrintable(m_store->errorString()));
    QVERIFY(mark() == indexed);
    checkIndex();
    QCOMPARE(texts(find(u"bravo"_s)), QStringList({u"bravo eight"_s, u"bravo two"_s}));
    QVERIFY(find(u"charlie"_s).messages.isEmpty());
    QCOMPARE(texts(find(u"alpha"_s)),
             QStringList({u"alpha 12"_s, u"alpha 11"_s, u"alpha 7"_s, u"gone alpha"_s, u"alpha 6"_s,
                          u"alpha 5"_s, u"alpha 1"_s}));

    // Removals on both sides: the retention (below) and a room (one row each side).
    QVERIFY(m_store->trimMessages(u"lobby"_s, 5));
    QVERIFY(m_store->deleteRoom(u"gone"_s));
    checkIndex();
    QCOMPARE(texts(find(u"alpha"_s)),
             QStringList({u"alpha 12"_s, u"alpha 11"_s, u"alpha 7"_s, u"alpha 6"_s}));
    QCOMPARE(texts(find(u"bravo"_s)), QStringList{u"bravo eight"_s});
    QVERIFY(find(u"beta"_s).messages.isEmpty());

    // Indexed at last: the same results, and the index still exact; then edits of rows that
    // were above the mark go through the triggers.
    indexAll();
    QCOMPARE(mark(), value(u"SELECT MAX(id) FROM messages"_s).toLongLong());
    checkIndex();
    QCOMPARE(texts(find(u"alpha"_s)),
             QStringList({u"alpha 12"_s, u"alpha 11"_s, u"alpha 7"_s, u"alpha 6"_s}));
    QCOMPARE(texts(find(u"bravo"_s)), QStringList{u"bravo eight"_s});
    QVERIFY2(m_store->appendMessages({},
                                     {change(StoredChange::Kind::Edit, 8, u"delta eight"_s),
                                      change(StoredChange::Kind::Delete, 11, {})}),
             qPrintable(m_store->errorString()));
    checkIndex();
    QVERIFY(find(u"bravo"_s).messages.isEmpty());
    QCOMPARE(texts(find(u"delta"_s)), QStringList{u"delta eight"_s});
    QCOMPARE(texts(find(u"alpha"_s)), QStringList({u"alpha 12"_s, u"alpha 7"_s, u"alpha 6"_s}));
}

void tst_SqliteSearch::keepsTheMarkBelowTheIdsToComeWhenTheNewestRowsGo()
{
    m_indexAtOnce = false;
    openWithRooms();
    QVERIFY(m_store->createRoom(u"gone"_s, 1));
    QVERIFY(m_store->createRoom(u"later"_s, 1));
    add(u"lobby"_s, u"kept words"_s);
    const qint64 kept = value(u"SELECT MAX(id) FROM messages"_s).toLongLong();
    for (int i = 0; i < 3; ++i)
        add(u"gone"_s, u"gone words"_s);
    indexAll();
    const qint64 indexed = mark();
    QCOMPARE(indexed, kept + 3);
    // The newest rows go: SQLite gives their ids out again, so the mark comes down with them.
    QVERIFY(m_store->deleteRoom(u"gone"_s));
    QCOMPARE(mark(), kept);
    checkIndex();
    add(u"lobby"_s, u"new words"_s);
    QCOMPARE(value(u"SELECT MAX(id) FROM messages"_s).toLongLong(), kept + 1); // an id again
    QCOMPARE(texts(find(u"words"_s)), QStringList({u"new words"_s, u"kept words"_s}));
    indexAll();
    checkIndex();
    QCOMPARE(texts(find(u"words"_s)), QStringList({u"new words"_s, u"kept words"_s}));

    // The row at the mark goes while a newer one, not indexed, stays; then that one goes too.
    QVERIFY(m_store->createRoom(u"gone"_s, 1));
    add(u"gone"_s, u"gone again"_s);
    indexAll();
    const qint64 atMark = mark();
    add(u"later"_s, u"later words"_s);
    QVERIFY(m_store->deleteRoom(u"gone"_s));
    QCOMPARE(mark(), atMark); // a newer row is left: no id at or below the mark is given again
    QVERIFY(m_store->deleteRoom(u"later"_s));
    QCOMPARE(mark(), kept + 1);
    checkIndex();
    add(u"lobby"_s, u"newest words"_s);
    QCOMPARE(texts(find(u"words"_s)),
             QStringList({u"newest words"_s, u"new words"_s, u"kept words"_s}));
    indexAll();
    checkIndex();
    QCOMPARE(texts(find(u"words"_s)),
             QStringList({u"newest words"_s, u"new words"_s, u"kept words"_s}));
}

void tst_SqliteSearch::upgradeFromTheIndexInEachCommitKeepsEveryMessageFound()
{
    m_indexAtOnce = false;
    // A database of the schema that indexed in each commit (a trigger), with messages in it:
    // one edited, one deleted.
    {
        SqliteStore old(path());
        QVERIFY2(old.openAtVersion(SqliteStore::SearchVersion), qPrintable(old.errorString()));
        QVERIFY(old.createRoom(u"lobby"_s, 1));
        QList<MessageEvent> batch;
        for (int i = 1; i <= 300; ++i)
            batch.append(MessageEvent{u"lobby"_s, i, u"mina"_s, u"old note %1"_s.arg(i), i,
                                      u"id-%1"_s.arg(i)});
        QVERIFY(old.appendMessages(batch));
        QVERIFY(old.appendMessages(
            {},
            {StoredChange{StoredChange::Kind::Edit, u"lobby"_s, 301, 10, u"mina"_s,
                          sori::protocol::Role::Member, u"old note edited"_s, 301},
             StoredChange{StoredChange::Kind::Delete,
                          u"lobby"_s,
                          302,
                          150,
                          u"mina"_s,
                          sori::protocol::Role::Member,
                          {},
                          302}}));
        QCOMPARE(old.schemaVersion(), SqliteStore::SearchVersion);
    }
    m_store = std::make_unique<SqliteStore>(path());
    QVERIFY2(m_store->open(), qPrintable(m_store->errorString()));
    QCOMPARE(m_store->schemaVersion(), SqliteStore::SchemaVersion);
    // The index as it was covers everything: the mark is at the newest row, nothing to index.
    QCOMPARE(mark(), value(u"SELECT MAX(id) FROM messages"_s).toLongLong());
    QCOMPARE(value(u"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger'"
                   " AND name = 'messages_fts_insert'"_s)
                 .toInt(),
             0);
    checkIndex();
    bool more = true;
    QVERIFY(m_store->indexForSearch(256, &more));
    QVERIFY(!more);
    SearchQuery all;
    all.text = u"old note"_s;
    all.limit = 50;
    QStringList found;
    for (int pages = 0; pages < 20; ++pages) {
        SearchPage page;
        QVERIFY(m_store->search(all, &page));
        found += texts(page);
        if (!page.more)
            break;
        all.before = page.next;
    }
    QCOMPARE(found.size(), 299);
    QCOMPARE(found.first(), u"old note 300"_s);
    QVERIFY(found.contains(u"old note edited"_s));
    QVERIFY(!found.contains(u"old note 150"_s));
    QCOMPARE(texts(find(u"note 123"_s)), QStringList{u"old note 123"_s});
    // New messages are found beside them, before they are indexed and once after.
    m_seq[u"lobby"_s] = 302;
    add(u"lobby"_s, u"a new note"_s);
    QCOMPARE(texts(find(u"note"_s, -1, {}, 0, 2)),
             QStringList({u"a new note"_s, u"old note 300"_s}));
    indexAll();
    checkIndex();
    QCOMPARE(texts(find(u"note"_s, -1, {}, 0, 2)),
             QStringList({u"a new note"_s, u"old note 300"_s}));
}

QTEST_GUILESS_MAIN(tst_SqliteSearch)
#include "tst_sqlitesearch.moc"
