// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Attachments end to end (docs/protocol.md §14): files uploaded over HTTP go with a message to
// the others live, stay with it in history (after a restart too), in a catch-up and in search
// results; files that are not the sender's own unattached files of the room are refused with
// bad_attachment and nothing is sent; a hostile sender of bad attachments holds nobody up.

#include "core/chat/fileservice.h"
#include "fixtures.h"
#include "protocol/messagecodec.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::ServerConfig;
using sori::test::Bystander;
using sori::test::DeafClient;
using sori::test::RecordingClient;

namespace {

Q_LOGGING_CATEGORY(lcTest, "sori.test.attachments")

// files/max-attachments in these tests.
constexpr int TestMaxAttachments = 3;

// A 1x1 PNG.
const QByteArray TinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
    "gg==");

// The status and body of one HTTP exchange with the server (it closes after a file request).
std::pair<int, QByteArray> httpExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {0, {}};
    QByteArray raw;
    QObject::connect(&socket, &QTcpSocket::readyRead, [&] { raw += socket.readAll(); });
    socket.write(request);
    static_cast<void>(QTest::qWaitFor(
        [&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 10000));
    raw += socket.readAll();
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return {0, {}};
    return {raw.first(headEnd).split(' ').value(1).toInt(), raw.mid(headEnd + 4)};
}

QByteArray bearer(const QString &token)
{
    return "Authorization: Bearer " + token.toLatin1() + "\r\n";
}

QStringList idsOf(const QList<Attachment> &attachments)
{
    QStringList ids;
    for (const Attachment &attachment : attachments)
        ids.append(attachment.id);
    return ids;
}

} // namespace

class tst_Attachments : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void othersSeeAttachmentsLiveInHistoryAndCatchUp();
    void attachmentsKeepTheSendersOrder();
    void plainClientsReadFileNames();
    void searchResultsCarryAttachments();
    void directMessagesCarryFilesOfTheConversation();
    void refusedAttachmentsSendNothing();
    void racingSendsOfOneFileOneWins();
    void maxAttachmentsIsExact();
    void deletedMessageHidesItsFiles();
    void hostileSenderOfBadAttachmentsDoesNotHurtABystander();

private:
    quint16 port() const { return m_server->serverPort(); }
    // Uploads body for room as the holder of token; the new file's id (empty if refused).
    QString upload(const QString &room, const QString &name, const QByteArray &body,
                   const QString &token);
    int download(const QString &id, const QString &token);
    // Sends from `client` and waits for its ack (true) or its error (false; *error set).
    bool sendAndWait(RecordingClient &client, const QString &room, const QString &text,
                     const QStringList &attachments, Error *error = nullptr);
    qint64 storedMessages() { return query(u"SELECT COUNT(*) FROM messages"_s).toLongLong(); }

    std::unique_ptr<RecordingClient> m_mina;
    std::unique_ptr<RecordingClient> m_jun;
};

void tst_Attachments::init()
{
    newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}, {u"rogue"_s, Role::Member}});
    startServer([](ServerConfig &config) {
        config.maxAttachments = TestMaxAttachments;
        config.uploadRate = {6000, 1000}; // the upload rate is not what these tests look at
    });
    m_mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    m_jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(m_mina && m_jun);
}

void tst_Attachments::cleanup()
{
    m_mina.reset();
    m_jun.reset();
    m_server.reset();
}

QString tst_Attachments::upload(const QString &room, const QString &name, const QByteArray &body,
                                const QString &token)
{
    const auto [status, answer] = httpExchange(
        port(),
        "POST /files?room=" + QUrl::toPercentEncoding(room) + "&name="
            + QUrl::toPercentEncoding(name) + " HTTP/1.1\r\nHost: localhost\r\n" + bearer(token)
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    if (status != 201)
        return {};
    return QJsonDocument::fromJson(answer).object().value(u"id"_s).toString();
}

int tst_Attachments::download(const QString &id, const QString &token)
{
    return httpExchange(port(),
                        "GET /files/" + id.toLatin1() + " HTTP/1.1\r\nHost: localhost\r\n"
                            + bearer(token) + "\r\n")
        .first;
}

bool tst_Attachments::sendAndWait(RecordingClient &client, const QString &room, const QString &text,
                                  const QStringList &attachments, Error *error)
{
    const qsizetype acks = client.acks.size();
    const qsizetype errors = client.errors.size();
    const QString msgId = client.client.sendMessage(room, text, 0, attachments);
    if (!QTest::qWaitFor([&] { return client.acks.size() > acks || client.errors.size() > errors; },
                         5000))
        return false;
    if (client.errors.size() > errors) {
        if (error)
            *error = client.errors.last();
        return false;
    }
    return client.acks.last().msgId == msgId;
}

void tst_Attachments::othersSeeAttachmentsLiveInHistoryAndCatchUp()
{
    const QString token = m_mina->welcome.token;
    const QString picture = upload(u"lobby"_s, u"cat.png"_s, TinyPng, token);
    const QString notes = upload(u"lobby"_s, u"notes.txt"_s, "remember the milk", token);
    QVERIFY(!picture.isEmpty() && !notes.isEmpty());

    // No text: the files are the message.
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, {}, {notes, picture}));
    const qint64 seq = m_mina->acks.last().seq;
    QTRY_VERIFY(!m_jun->messagesIn(u"lobby"_s).isEmpty());
    const MessageEvent live = m_jun->messagesIn(u"lobby"_s).last();
    QCOMPARE(live.seq, seq);
    QCOMPARE(live.text, QString());
    QCOMPARE(idsOf(live.attachments), (QStringList{notes, picture})); // in the order sent
    const Attachment text = live.attachments.at(0);
    QCOMPARE(text.name, u"notes.txt"_s);
    QCOMPARE(text.type, u"text/plain"_s);
    QCOMPARE(text.size, 17);
    QVERIFY(!text.thumbnail);
    QCOMPARE(text.width, 0);
    const Attachment image = live.attachments.at(1);
    QCOMPARE(image.name, u"cat.png"_s);
    QCOMPARE(image.type, u"image/png"_s);
    QCOMPARE(image.size, TinyPng.size());
    QVERIFY(image.thumbnail);
    QCOMPARE(image.width, 1);
    QCOMPARE(image.height, 1);
    // Stored with the message: the rows say so.
    QCOMPARE(query(u"SELECT COUNT(*) FROM files f JOIN messages m ON m.id = f.message_id"
                   " WHERE m.seq = %1"_s.arg(seq))
                 .toInt(),
             2);
    // Jun reads them.
    QCOMPARE(download(picture, m_jun->welcome.token), 200);

    // After a restart: the backlog of a join, and a page of history.
    m_mina.reset();
    m_jun.reset();
    startServer([](ServerConfig &config) { config.maxAttachments = TestMaxAttachments; });
    m_jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(m_jun);
    QTRY_VERIFY(!m_jun->histories.isEmpty());
    const auto fromBacklog = m_jun->histories.first().messages;
    QVERIFY(!fromBacklog.isEmpty());
    QCOMPARE(fromBacklog.last().seq, seq);
    QCOMPARE(fromBacklog.last().attachments, live.attachments);
    const qsizetype pages = m_jun->histories.size();
    m_jun->client.requestHistory(u"lobby"_s, 0, 10);
    QTRY_COMPARE(m_jun->histories.size(), pages + 1);
    QCOMPARE(m_jun->histories.last().messages.last().attachments, live.attachments);

    // A catch-up (a page forward, as a client coming back asks for it).
    m_jun->client.requestHistory(u"lobby"_s, 0, 10, seq - 1);
    QTRY_COMPARE(m_jun->histories.size(), pages + 2);
    const History catchUp = m_jun->histories.last();
    QCOMPARE(catchUp.messages.size(), 1);
    QCOMPARE(catchUp.messages.first().attachments, live.attachments);

    // A join with "since", as a reconnecting client sends it.
    auto late = test::signedIn(url(), u"mina"_s);
    QVERIFY(late);
    late->client.join(u"lobby"_s); // first join: the latest
    QTRY_VERIFY(!late->histories.isEmpty());
    QCOMPARE(late->histories.last().messages.last().attachments, live.attachments);
}

void tst_Attachments::attachmentsKeepTheSendersOrder()
{
    const QString id = upload(u"lobby"_s, u"a.txt"_s, "a", m_mina->welcome.token);
    QVERIFY(!id.isEmpty());
    // A message with a file, then one without, at once: the second waits for the first's
    // check and comes after it.
    m_mina->client.sendMessage(u"lobby"_s, u"first"_s, 0, {id});
    m_mina->client.sendMessage(u"lobby"_s, u"second"_s);
    QTRY_COMPARE(m_jun->messagesIn(u"lobby"_s).size(), 2);
    const auto messages = m_jun->messagesIn(u"lobby"_s);
    QCOMPARE(messages.at(0).text, u"first"_s);
    QCOMPARE(idsOf(messages.at(0).attachments), QStringList{id});
    QCOMPARE(messages.at(1).text, u"second"_s);
    QVERIFY(messages.at(1).attachments.isEmpty());
    QVERIFY(messages.at(0).seq < messages.at(1).seq);
}

void tst_Attachments::plainClientsReadFileNames()
{
    test::RawClient plain;
    QVERIFY(plain.open(url()));
    QVERIFY(plain.waitForText([](const QString &t) { return t.startsWith(u"Welcome"_s); }));
    const qsizetype from = plain.texts.size();
    const QString one = upload(u"lobby"_s, u"cat.png"_s, TinyPng, m_mina->welcome.token);
    const QString two = upload(u"lobby"_s, u"dog.txt"_s, "woof", m_mina->welcome.token);
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"pets"_s, {one, two}));
    QVERIFY(plain.waitForText(
        [](const QString &t) { return t == u"mina: pets [file: cat.png] [file: dog.txt]"_s; },
        from));
}

void tst_Attachments::searchResultsCarryAttachments()
{
    const QString id = upload(u"lobby"_s, u"trip.txt"_s, "itinerary", m_mina->welcome.token);
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"holiday plans"_s, {id}));
    QList<SearchResults> results;
    connect(&m_jun->client, &ChatClient::searchResults, this,
            [&](const SearchResults &r) { results.append(r); });
    m_jun->client.search(u"holiday"_s);
    QTRY_COMPARE(results.size(), 1);
    QCOMPARE(results.first().messages.size(), 1);
    QCOMPARE(idsOf(results.first().messages.first().attachments), QStringList{id});
}

void tst_Attachments::directMessagesCarryFilesOfTheConversation()
{
    // The first direct message makes the conversation; files are uploaded for its room.
    const qsizetype acks = m_mina->acks.size();
    m_mina->client.sendDirect(u"jun"_s, u"hi"_s);
    QTRY_COMPARE(m_mina->acks.size(), acks + 1);
    const QString room = m_mina->acks.last().room;
    QVERIFY(room.startsWith(u"dm:"_s));
    const QString id = upload(room, u"secret.txt"_s, "for jun", m_mina->welcome.token);
    QVERIFY(!id.isEmpty());
    const QString lobbyFile = upload(u"lobby"_s, u"open.txt"_s, "for all", m_mina->welcome.token);

    // A file of the lobby does not go into the conversation.
    const qsizetype errors = m_mina->errors.size();
    m_mina->client.sendDirect(u"jun"_s, u"look"_s, 0, {lobbyFile});
    QTRY_COMPARE(m_mina->errors.size(), errors + 1);
    QCOMPARE(m_mina->errors.last().code, ErrorCode::BadAttachment);

    m_mina->client.sendDirect(u"jun"_s, {}, 0, {id});
    QTRY_VERIFY(!m_jun->messagesIn(room).isEmpty()
                && !m_jun->messagesIn(room).last().attachments.isEmpty());
    QCOMPARE(idsOf(m_jun->messagesIn(room).last().attachments), QStringList{id});
    QCOMPARE(download(id, m_jun->welcome.token), 200);
}

void tst_Attachments::refusedAttachmentsSendNothing()
{
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"hello"_s, {}));
    const qint64 stored = storedMessages();
    const qsizetype seen = m_jun->messages.size();
    const QString minas = upload(u"lobby"_s, u"mine.txt"_s, "mine", m_mina->welcome.token);
    QVERIFY(!minas.isEmpty());
    const auto refused = [&](RecordingClient &client, const QStringList &ids, ErrorCode code,
                             const QString &words) {
        Error error;
        if (sendAndWait(client, u"lobby"_s, u"with files"_s, ids, &error))
            return false;
        if (error.code != code || !error.message.contains(words)) {
            qCWarning(lcTest) << "got" << toWire(error.code) << error.message;
            return false;
        }
        return true;
    };
    // Somebody else's file, and a file that does not exist: the same answer.
    QVERIFY(refused(*m_jun, {minas}, ErrorCode::BadAttachment, u"not a file you uploaded"_s));
    QVERIFY(refused(*m_jun, {u"AAAAAAAAAAAAAAAAAAAAAA"_s}, ErrorCode::BadAttachment,
                    u"not a file you uploaded"_s));
    // A file uploaded for another room.
    m_mina->client.createRoom(u"dev"_s, RoomKind::Public);
    QTRY_COMPARE(m_mina->joins.size(), 2);
    const QString devs = upload(u"dev"_s, u"dev.txt"_s, "dev", m_mina->welcome.token);
    QVERIFY(!devs.isEmpty());
    QVERIFY(refused(*m_mina, {devs}, ErrorCode::BadAttachment, u"another room"_s));
    // The same file twice.
    QVERIFY(refused(*m_mina, {minas, minas}, ErrorCode::BadAttachment, u"twice"_s));
    // One good and one bad: all or nothing, and the good one is still free afterwards.
    QVERIFY(refused(*m_mina, {minas, devs}, ErrorCode::BadAttachment, u"another room"_s));
    // A guest has no files.
    auto guest = test::guest(url(), u"visitor"_s, {u"lobby"_s});
    QVERIFY(guest);
    QVERIFY(refused(*guest, {minas}, ErrorCode::BadAttachment, u"Guests"_s));
    // Ids the decoder refuses outright: too many, too long.
    QStringList many;
    for (int i = 0; i < TestMaxAttachments + 62; ++i)
        many.append(u"id%1"_s.arg(i));
    QVERIFY(refused(*m_mina, many, ErrorCode::BadField, u"more than 64"_s));
    QVERIFY(refused(*m_mina, {QString(33, u'x')}, ErrorCode::BadField, u"32"_s));
    // Without files, an empty text is still refused.
    Error error;
    QVERIFY(!sendAndWait(*m_mina, u"lobby"_s, u"  "_s, {}, &error));
    QCOMPARE(error.code, ErrorCode::BadField);

    // Nothing of it was stored or delivered.
    QCOMPARE(storedMessages(), stored);
    QCOMPARE(m_jun->messages.size(), seen);
    // Now attached for real; then once more is refused.
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"with files"_s, {minas}));
    QVERIFY(refused(*m_mina, {minas}, ErrorCode::BadAttachment, u"attached to another message"_s));
}

void tst_Attachments::racingSendsOfOneFileOneWins()
{
    // Mina on two connections sends the same file at once, several times over.
    auto second = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(second);
    for (int round = 0; round < 5; ++round) {
        const QString id =
            upload(u"lobby"_s, u"race%1.txt"_s.arg(round), "race", m_mina->welcome.token);
        QVERIFY(!id.isEmpty());
        const qsizetype acks = m_mina->acks.size() + second->acks.size();
        const qsizetype errors = m_mina->errors.size() + second->errors.size();
        m_mina->client.sendMessage(u"lobby"_s, u"mine"_s, 0, {id});
        second->client.sendMessage(u"lobby"_s, u"no, mine"_s, 0, {id});
        QTRY_COMPARE(m_mina->acks.size() + second->acks.size() + m_mina->errors.size()
                         + second->errors.size(),
                     acks + errors + 2);
        QCOMPARE(m_mina->acks.size() + second->acks.size(), acks + 1);
        QCOMPARE(
            query(
                u"SELECT COUNT(*) FROM files WHERE id = '%1' AND message_id IS NOT NULL"_s.arg(id))
                .toInt(),
            1);
    }
    const auto all = m_mina->errors + second->errors;
    QCOMPARE(all.size(), 5);
    for (const Error &error : all)
        QCOMPARE(error.code, ErrorCode::BadAttachment);
}

void tst_Attachments::maxAttachmentsIsExact()
{
    QStringList ids;
    for (int i = 0; i <= TestMaxAttachments; ++i) {
        ids.append(upload(u"lobby"_s, u"f%1.txt"_s.arg(i), "f", m_mina->welcome.token));
        QVERIFY(!ids.last().isEmpty());
    }
    Error error;
    QVERIFY(!sendAndWait(*m_mina, u"lobby"_s, u"too many"_s, ids, &error));
    QCOMPARE(error.code, ErrorCode::BadAttachment);
    QVERIFY2(error.message.contains(QString::number(TestMaxAttachments)),
             qPrintable(error.message));
    // files/max-attachments exactly: taken.
    ids.removeLast();
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"just enough"_s, ids));
    QTRY_VERIFY(!m_jun->messagesIn(u"lobby"_s).isEmpty());
    QCOMPARE(m_jun->messagesIn(u"lobby"_s).last().attachments.size(), TestMaxAttachments);
}

void tst_Attachments::deletedMessageHidesItsFiles()
{
    const QString id = upload(u"lobby"_s, u"oops.txt"_s, "oops", m_mina->welcome.token);
    QVERIFY(sendAndWait(*m_mina, u"lobby"_s, u"oops"_s, {id}));
    const qint64 seq = m_mina->acks.last().seq;
    QCOMPARE(download(id, m_jun->welcome.token), 200);
    QVERIFY(test::doneFor(*m_mina, m_mina->client.deleteMessage(u"lobby"_s, seq)));
    QCOMPARE(download(id, m_jun->welcome.token), 404);
    QCOMPARE(download(id, m_mina->welcome.token), 404);
    // The tombstone carries none, in history as well.
    const qsizetype pages = m_jun->histories.size();
    m_jun->client.requestHistory(u"lobby"_s, 0, 10);
    QTRY_COMPARE(m_jun->histories.size(), pages + 1);
    const MessageEvent tombstone = m_jun->histories.last().messages.last();
    QCOMPARE(tombstone.seq, seq);
    QVERIFY(tombstone.deleted);
    QVERIFY(tombstone.attachments.isEmpty());
    // A join's backlog (from the hub's memory) too.
    auto late = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(late);
    QTRY_VERIFY(!late->histories.isEmpty());
    QVERIFY(late->histories.first().messages.last().deleted);
    QVERIFY(late->histories.first().messages.last().attachments.isEmpty());
    // And it cannot be attached again.
    Error error;
    QVERIFY(!sendAndWait(*m_mina, u"lobby"_s, u"again"_s, {id}, &error));
    QCOMPARE(error.code, ErrorCode::BadAttachment);
}

void tst_Attachments::hostileSenderOfBadAttachmentsDoesNotHurtABystander()
{
    // The send rate is lifted: every bad send goes to the file thread, and the flooder never
    // reads its errors.
    startServer([](ServerConfig &config) {
        config.maxAttachments = TestMaxAttachments;
        config.sendRate = {600'000, 100'000};
    });
    m_mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(m_mina);
    DeafClient flooder;
    QVERIFY(flooder.open(port(), u"rogue"_s));
    QVERIFY(flooder.tryWrite(test::maskedTextFrame(R"({"type":"join","room":"lobby"})")));
    QStringList bad;
    for (int i = 0; i < TestMaxAttachments; ++i)
        bad.append(u"nosuchfile%1"_s.arg(i));
    const QByteArray frame = test::maskedTextFrame(
        MessageCodec::encode(ClientMessage{Send{u"s"_s, u"lobby"_s, u"spam"_s, {}, 0, bad}}));
    Bystander bystander{m_mina.get(), u"lobby"_s};
    int written = 0;
    bool open = true;
    for (int round = 0; round < 20 && open; ++round) {
        for (int i = 0; i < 100 && open; ++i, ++written)
            open = flooder.tryWrite(frame);
        bystander.roundTrips(1);
    }
    qCInfo(lcTest) << "flooded" << written << "sends with bad attachments; flooder"
                   << (open ? "still connected" : "closed");
    QVERIFY(!bystander.timedOut);
    QVERIFY2(bystander.worst() < 2000, qPrintable(u"worst ack %1 ms"_s.arg(bystander.worst())));
    QCOMPARE(m_mina->disconnects, 0);
    // Nothing of the flood was stored; no claim is left behind.
    QCOMPARE(query(u"SELECT COUNT(*) FROM messages WHERE sender = 'rogue'"_s).toInt(), 0);
    QTRY_COMPARE(m_server->files()->claimsHeld(), 0);
}

QTEST_MAIN(tst_Attachments)
#include "tst_attachments.moc"
