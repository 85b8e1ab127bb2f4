// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Files over HTTP end to end (docs/protocol.md, "Files over HTTP"): uploads streamed to disk and
// their limits, downloads and their headers, who may read what, one copy of identical content.

#include "fixtures.h"

#include <QtCore/QBuffer>
#include <QtCore/QCryptographicHash>
#include <QtCore/QDirIterator>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QtEndian>
#include <QtGui/QImage>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::ServerConfig;
using sori::test::RecordingClient;

namespace {

// files/max-bytes in these tests.
constexpr int MaxBytes = 4096;

// A 1x1 PNG.
const QByteArray TinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
    "gg==");

// CRC-32 as PNG chunks carry it (ISO 3309).
quint32 crc32(QByteArrayView bytes)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG that declares width x height pixels and holds a few bytes of them: a decompression
// bomb's head (a real one holds megabytes of zeros, deflated to kilobytes).
QByteArray pngDeclaring(quint32 width, quint32 height)
{
    const auto chunk = [](const QByteArray &type, const QByteArray &data) {
        QByteArray out(4, Qt::Uninitialized);
        qToBigEndian<quint32>(quint32(data.size()), out.data());
        const QByteArray body = type + data;
        QByteArray crc(4, Qt::Uninitialized);
        qToBigEndian<quint32>(crc32(body), crc.data());
        return out + body + crc;
    };
    QByteArray header(13, '\0');
    qToBigEndian<quint32>(width, header.data());
    qToBigEndian<quint32>(height, header.data() + 4);
    header[8] = 8; // bits per sample
    header[9] = 6; // RGBA
    const QByteArray zeros("\x78\x9c\x63\x60\x40\x05\x00\x00\x10\x00\x01", 11); // zlib
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", zeros)
        + chunk("IEND", {});
}

struct HttpReply
{
    int status = 0; // 0: no answer
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Splits what a server answered into status, headers and body.
HttpReply parseReply(const QByteArray &raw)
{
    HttpReply reply;
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return reply;
    const QList<QByteArray> lines = raw.first(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().split(' ');
    reply.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.append(
                {lines[i].first(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    reply.body = raw.mid(headEnd + 4);
    return reply;
}

// A raw HTTP client that keeps the event loop turning (the server accepts on this thread).
class HttpClient
{
public:
    explicit HttpClient(quint16 port)
    {
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        QObject::connect(&m_socket, &QTcpSocket::readyRead,
                         [this] { m_raw += m_socket.readAll(); });
    }
    bool connected()
    {
        return QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    // Writes bytes, waiting (up to 20 s) until the kernel has taken them.
    bool write(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        return QTest::qWaitFor([this] { return m_socket.bytesToWrite() == 0; }, 20000);
    }
    // Waits for the server to end the connection, and parses what it said.
    HttpReply reply(int timeoutMs = 10000)
    {
        static_cast<void>(QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs));
        m_raw += m_socket.readAll();
        return parseReply(m_raw);
    }
    void abort() { m_socket.abort(); }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_raw;
};

QByteArray bearer(const QString &token)
{
    return token.isNull() ? QByteArray() : "Authorization: Bearer " + token.toLatin1() + "\r\n";
}

QByteArray uploadHead(const QString &room, const QString &name, qint64 length, const QString &token)
{
    return "POST /files?room=" + QUrl::toPercentEncoding(room) + "&name="
        + QUrl::toPercentEncoding(name) + " HTTP/1.1\r\nHost: localhost\r\n" + bearer(token)
        + "Content-Type: application/octet-stream\r\nContent-Length: " + QByteArray::number(length)
        + "\r\n\r\n";
}

} // namespace

class tst_Files : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void uploadAndDownloadTheSameBytes();
    void sizeLimitIsExact();
    void partialUploadLeavesNothing();
    void stalledUploadIsDropped();
    void tokenIsRequired();
    void privateRoomFilesAreForMembersOnly();
    void identicalFilesAreStoredOnce();
    void downloadHeadersNeverRenderActiveContent();
    void imagesGetThumbnails();
    void decompressionBombIsRefused();
    void deletedMessagesHideFilesAndRetentionSweeps();
    void concurrentUploadsAreBudgeted();
    void hostileUploaderDoesNotHurtABystander();

private:
    quint16 port() const { return m_server->serverPort(); }
    // Uploads `body` whole; the reply.
    HttpReply upload(const QString &room, const QString &name, const QByteArray &body,
                     const QString &token);
    HttpReply get(const QString &path, const QString &token, const QByteArray &method = "GET");
    // Files kept under files/ (content, not the temporary ones).
    QStringList storedContent() const;
    QStringList temporaryFiles() const;
    QString tokenOf(const QString &name);

    std::unique_ptr<RecordingClient> m_mina;
    std::unique_ptr<RecordingClient> m_jun;
};

void tst_Files::init()
{
    newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
    startServer([](ServerConfig &config) {
        config.maxFileBytes = MaxBytes;
        config.fileIdleTimeoutMs = 400;
        config.uploadRate = {6000, 1000}; // the rate limit is not what these tests look at
    });
    m_mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    m_jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(m_mina && m_jun);
    QVERIFY(!m_mina->welcome.token.isEmpty());
}

void tst_Files::cleanup()
{
    m_mina.reset();
    m_jun.reset();
    m_server.reset();
}

HttpReply tst_Files::upload(const QString &room, const QString &name, const QByteArray &body,
                            const QString &token)
{
    HttpClient client(port());
    if (!client.connected())
        return {};
    client.write(uploadHead(room, name, body.size(), token) + body);
    return client.reply();
}

HttpReply tst_Files::get(const QString &path, const QString &token, const QByteArray &method)
{
    HttpClient client(port());
    if (!client.connected())
        return {};
    client.write(method + ' ' + path.toLatin1() + " HTTP/1.1\r\nHost: localhost\r\n" + bearer(token)
                 + "\r\n");
    return client.reply();
}

QStringList tst_Files::storedContent() const
{
    QStringList found;
    const QDir files(m_dataDir->filePath(u"files"_s));
    QDirIterator it(files.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = files.relativeFilePath(it.next());
        if (!path.startsWith(u"tmp/"_s))
            found.append(path);
    }
    return found;
}

QStringList tst_Files::temporaryFiles() const
{
    return QDir(m_dataDir->filePath(u"files/tmp"_s)).entryList(QDir::Files);
}

void tst_Files::uploadAndDownloadTheSameBytes()
{
    QByteArray body;
    for (int i = 0; i < 900; ++i)
        body += char(i * 7);
    const HttpReply uploaded =
        upload(u"lobby"_s, u"notes (final).bin"_s, body, m_mina->welcome.token);
    QCOMPARE(uploaded.status, 201);
    const QJsonObject file = uploaded.json();
    QCOMPARE(file.value(u"name"_s).toString(), u"notes (final).bin"_s);
    QCOMPARE(file.value(u"size"_s).toInteger(), 900);
    const QString id = file.value(u"id"_s).toString();
    QCOMPARE(id.size(), 22);
    // The row is there once the answer is.
    QCOMPARE(query(u"SELECT COUNT(*) FROM files WHERE id = '%1'"_s.arg(id)).toInt(), 1);
    const QByteArray sha = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    QCOMPARE(query(u"SELECT sha256 FROM files WHERE id = '%1'"_s.arg(id)).toByteArray(), sha);
    QVERIFY(QFile::exists(m_dataDir->filePath(u"files/"_s + QString::fromLatin1(sha.left(2)) + u'/'
                                              + QString::fromLatin1(sha))));
    QVERIFY(temporaryFiles().isEmpty());

    // Another account in the (public) room reads the same bytes.
    const HttpReply read = get(u"/files/"_s + id, m_jun->welcome.token);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, body);
    QCOMPARE(read.header("content-length"), "900");
    QCOMPARE(read.header("cache-control"), "private, max-age=3600");
    // HEAD: the same head, no body.
    const HttpReply head = get(u"/files/"_s + id, m_jun->welcome.token, "HEAD");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-length"), "900");
    QVERIFY(head.body.isEmpty());
    // Unknown ids: not found.
    QCOMPARE(get(u"/files/AAAAAAAAAAAAAAAAAAAAAA"_s, m_jun->welcome.token).status, 404);
    QCOMPARE(get(u"/files/nonsense"_s, m_jun->welcome.token).status, 404);
}

void tst_Files::sizeLimitIsExact()
{
    const QByteArray exactly(MaxBytes, 'x');
    const HttpReply fits = upload(u"lobby"_s, u"max.txt"_s, exactly, m_mina->welcome.token);
    QCOMPARE(fits.status, 201);
    QCOMPARE(fits.json().value(u"size"_s).toInteger(), MaxBytes);
    QCOMPARE(storedContent().size(), 1);

    // One byte more: refused from its Content-Length, nothing kept (the body is not read).
    const HttpReply tooBig =
        upload(u"lobby"_s, u"over.txt"_s, QByteArray(MaxBytes + 1, 'y'), m_mina->welcome.token);
    QCOMPARE(tooBig.status, 413);
    QVERIFY(tooBig.body.contains(QByteArray::number(MaxBytes) + " bytes at most"));
    QCOMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 1);
    QCOMPARE(storedContent().size(), 1);
    QVERIFY(temporaryFiles().isEmpty());
}

void tst_Files::partialUploadLeavesNothing()
{
    HttpClient client(port());
    QVERIFY(client.connected());
    QVERIFY(client.write(uploadHead(u"lobby"_s, u"half.bin"_s, 1000, m_mina->welcome.token)
                         + QByteArray(400, 'h')));
    // The body goes to a temporary file as it comes...
    QTRY_COMPARE(temporaryFiles().size(), 1);
    // ...and the peer goes away half-way: nothing is kept.
    client.abort();
    QTRY_VERIFY(temporaryFiles().isEmpty());
    QCOMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 0);
    QVERIFY(storedContent().isEmpty());
}

void tst_Files::stalledUploadIsDropped()
{
    HttpClient client(port());
    QVERIFY(client.connected());
    QVERIFY(client.write(uploadHead(u"lobby"_s, u"slow.bin"_s, 1000, m_mina->welcome.token)
                         + QByteArray(10, 's')));
    QTRY_COMPARE(temporaryFiles().size(), 1);
    // Nothing more comes: after files/idle-timeout-ms the server gives up on it.
    const HttpReply reply = client.reply();
    QCOMPARE(reply.status, 408);
    QVERIFY(temporaryFiles().isEmpty());
    QCOMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 0);
}

void tst_Files::tokenIsRequired()
{
    // No token (a guest has none): told that uploads need an account.
    const HttpReply none = upload(u"lobby"_s, u"a.txt"_s, "hello", QString());
    QCOMPARE(none.status, 401);
    QCOMPARE(none.header("www-authenticate"), "Bearer");
    QVERIFY(none.body.contains("need an account"));
    // A wrong one.
    const HttpReply wrong =
        upload(u"lobby"_s, u"a.txt"_s, "hello", u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s);
    QCOMPARE(wrong.status, 401);
    QCOMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 0);
    QVERIFY(temporaryFiles().isEmpty());

    // Downloads too.
    const HttpReply uploaded = upload(u"lobby"_s, u"a.txt"_s, "hello", m_mina->welcome.token);
    QCOMPARE(uploaded.status, 201);
    const QString path = u"/files/"_s + uploaded.json().value(u"id"_s).toString();
    QCOMPARE(get(path, QString()).status, 401);
    QCOMPARE(get(path, u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s).status, 401);
    QCOMPARE(get(path, m_mina->welcome.token).status, 200);
}

void tst_Files::privateRoomFilesAreForMembersOnly()
{
    m_mina->client.createRoom(u"team"_s, RoomKind::Private, u"just us"_s);
    QTRY_VERIFY(std::any_of(m_mina->joins.cbegin(), m_mina->joins.cend(),
                            [](const Joined &joined) { return joined.room == u"team"; }));
    // A non-member may not put a file there...
    const HttpReply outsider = upload(u"team"_s, u"x.txt"_s, "sneaky", m_jun->welcome.token);
    QCOMPARE(outsider.status, 403);
    // ...nor in a room that does not exist.
    QCOMPARE(upload(u"nowhere"_s, u"x.txt"_s, "lost", m_jun->welcome.token).status, 404);

    const HttpReply uploaded = upload(u"team"_s, u"plan.txt"_s, "the plan", m_mina->welcome.token);
    QCOMPARE(uploaded.status, 201);
    const QString path = u"/files/"_s + uploaded.json().value(u"id"_s).toString();
    QCOMPARE(get(path, m_mina->welcome.token).body, "the plan");
    // A signed-in account that is not a member gets the same answer as for an unknown id.
    const HttpReply refused = get(path, m_jun->welcome.token);
    QCOMPARE(refused.status, 404);
    QCOMPARE(refused.body, get(u"/files/AAAAAAAAAAAAAAAAAAAAAA"_s, m_jun->welcome.token).body);
}

void tst_Files::identicalFilesAreStoredOnce()
{
    const HttpReply first = upload(u"lobby"_s, u"one.txt"_s, "same bytes", m_mina->welcome.token);
    const HttpReply second = upload(u"lobby"_s, u"two.txt"_s, "same bytes", m_jun->welcome.token);
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    const QString firstId = first.json().value(u"id"_s).toString();
    const QString secondId = second.json().value(u"id"_s).toString();
    QVERIFY(firstId != secondId);
    QCOMPARE(storedContent().size(), 1);
    QCOMPARE(query(u"SELECT COUNT(DISTINCT sha256) FROM files"_s).toInt(), 1);
    // Each keeps its own name.
    QVERIFY(get(u"/files/"_s + secondId, m_mina->welcome.token)
                .header("content-disposition")
                .contains("two.txt"));
}

void tst_Files::downloadHeadersNeverRenderActiveContent()
{
    const QString token = m_mina->welcome.token;
    const auto readBack = [&](const QString &name, const QByteArray &body) {
        const HttpReply uploaded = upload(u"lobby"_s, name, body, token);
        if (uploaded.status != 201)
            return HttpReply{};
        return get(u"/files/"_s + uploaded.json().value(u"id"_s).toString(), token);
    };
    // HTML named as a PNG: still HTML, and an attachment.
    const HttpReply html =
        readBack(u"cat.png"_s, "<!DOCTYPE html><html><script>alert(1)</script></html>");
    QCOMPARE(html.status, 200);
    QCOMPARE(html.header("content-type"), "text/html");
    QCOMPARE(html.header("x-content-type-options"), "nosniff");
    QVERIFY(html.header("content-disposition").startsWith("attachment;"));
    QVERIFY(html.header("content-disposition").contains("filename*=UTF-8''cat.png"));
    QVERIFY(html.header("content-security-policy").contains("sandbox"));

    // SVG is never inline either.
    const HttpReply svg =
        readBack(u"logo.png"_s,
                 "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
                 " width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/>"
                 "</svg>\n");
    QCOMPARE(svg.status, 200);
    QCOMPARE(svg.header("content-type"), "image/svg+xml");
    QVERIFY(svg.header("content-disposition").startsWith("attachment;"));
    // Nor one with a script in it, whatever the sniffing makes of it.
    const HttpReply scripted = readBack(
        u"logo.png"_s, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    QCOMPARE(scripted.status, 200);
    QVERIFY(!scripted.header("content-type").startsWith("image/png"));
    QVERIFY(scripted.header("content-disposition").startsWith("attachment;"));

    // A real PNG is shown inline, whatever it is called; a name in any script is kept.
    const HttpReply png = readBack(u"사진.data"_s, TinyPng);
    QCOMPARE(png.status, 200);
    QCOMPARE(png.header("content-type"), "image/png");
    QVERIFY(png.header("content-disposition").startsWith("inline;"));
    QVERIFY(png.header("content-disposition")
                .contains("filename*=UTF-8''" + QUrl::toPercentEncoding(u"사진.data"_s)));
    QCOMPARE(png.body, TinyPng);
}

void tst_Files::imagesGetThumbnails()
{
    QImage image(1000, 500, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    QVERIFY(buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG"));
    QVERIFY(png.size() <= MaxBytes); // within this test's files/max-bytes
    const HttpReply uploaded = upload(u"lobby"_s, u"wide.png"_s, png, m_mina->welcome.token);
    QCOMPARE(uploaded.status, 201);
    const QJsonObject file = uploaded.json();
    QCOMPARE(file.value(u"type"_s).toString(), u"image/png"_s);
    QCOMPARE(file.value(u"thumbnail"_s).toBool(), true);
    QCOMPARE(file.value(u"width"_s).toInt(), 1000);
    QCOMPARE(file.value(u"height"_s).toInt(), 500);
    // The thumbnail: a PNG of at most 320 pixels a side, shown inline, for those who may read.
    const QString path = u"/files/"_s + file.value(u"id"_s).toString() + u"/thumb"_s;
    const HttpReply thumb = get(path, m_jun->welcome.token);
    QCOMPARE(thumb.status, 200);
    QCOMPARE(thumb.header("content-type"), "image/png");
    QVERIFY(thumb.header("content-disposition").startsWith("inline;"));
    const QImage small = QImage::fromData(thumb.body, "PNG");
    QCOMPARE(small.size(), QSize(320, 160));
    QCOMPARE(get(path, QString()).status, 401);
    // Content-addressed too: the image and its thumbnail.
    QCOMPARE(storedContent().size(), 2);
    // Not an image: no thumbnail.
    const HttpReply text = upload(u"lobby"_s, u"a.txt"_s, "plain words", m_mina->welcome.token);
    QCOMPARE(text.json().value(u"thumbnail"_s).toBool(), false);
    QVERIFY(!text.json().contains(u"width"_s));
    QCOMPARE(get(u"/files/"_s + text.json().value(u"id"_s).toString() + u"/thumb"_s,
                 m_mina->welcome.token)
                 .status,
             404);
}

void tst_Files::decompressionBombIsRefused()
{
    // 60000 x 60000 RGBA would be 13 GiB decoded: refused from its declared size. The file is
    // kept (it is a PNG), without a thumbnail, and the server goes on.
    const QByteArray bomb = pngDeclaring(60000, 60000);
    // Refused for what it declares, before anything is decoded.
    QTest::ignoreMessage(QtInfoMsg,
                         QRegularExpression(u"no thumbnail for .bomb.png. : .declares 60000 x "
                                            "60000 pixels, more than files/max-image-pixels"_s));
    const HttpReply uploaded = upload(u"lobby"_s, u"bomb.png"_s, bomb, m_mina->welcome.token);
    QCOMPARE(uploaded.status, 201);
    QCOMPARE(uploaded.json().value(u"thumbnail"_s).toBool(), false);
    QVERIFY(!uploaded.json().contains(u"width"_s));
    const QString id = uploaded.json().value(u"id"_s).toString();
    QCOMPARE(get(u"/files/"_s + id + u"/thumb"_s, m_mina->welcome.token).status, 404);
    QCOMPARE(get(u"/files/"_s + id, m_mina->welcome.token).body, bomb);
    // Still serving: a real image right after gets its thumbnail.
    const HttpReply tiny = upload(u"lobby"_s, u"tiny.png"_s, TinyPng, m_mina->welcome.token);
    QCOMPARE(tiny.json().value(u"thumbnail"_s).toBool(), true);
    QCOMPARE(m_jun->client.state(), ChatClient::State::Ready);
}

void tst_Files::deletedMessagesHideFilesAndRetentionSweeps()
{
    const HttpReply loose =
        upload(u"lobby"_s, u"loose.txt"_s, "nobody sent me", m_mina->welcome.token);
    const HttpReply kept = upload(u"lobby"_s, u"kept.txt"_s, "attached", m_mina->welcome.token);
    QCOMPARE(loose.status, 201);
    QCOMPARE(kept.status, 201);
    const QString looseId = loose.json().value(u"id"_s).toString();
    const QString keptId = kept.json().value(u"id"_s).toString();
    // A message "carries" the second file (as the coming attachments will set it), and both
    // were uploaded long ago.
    const qsizetype acks = m_mina->acks.size();
    m_mina->client.sendMessage(u"lobby"_s, u"see the file"_s);
    QTRY_COMPARE(m_mina->acks.size(), acks + 1);
    const qint64 seq = m_mina->acks.last().seq;
    query(u"UPDATE files SET message_id = (SELECT MAX(id) FROM messages) WHERE id = '%1'"_s.arg(
        keptId));
    query(u"UPDATE files SET created_at = 0"_s);
    QCOMPARE(storedContent().size(), 2);

    // The sweep at start takes what no message refers to: row and content.
    m_mina.reset();
    m_jun.reset();
    startServer();
    QTRY_COMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 1);
    QTRY_COMPARE(storedContent().size(), 1);
    m_mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    QVERIFY(m_mina);
    QCOMPARE(get(u"/files/"_s + looseId, m_mina->welcome.token).status, 404);
    QCOMPARE(get(u"/files/"_s + keptId, m_mina->welcome.token).body, "attached");

    // Deleting the message hides its file at once.
    const QString deletion = m_mina->client.deleteMessage(u"lobby"_s, seq);
    QVERIFY(test::doneFor(*m_mina, deletion));
    QTRY_COMPARE(get(u"/files/"_s + keptId, m_mina->welcome.token).status, 404);
}

void tst_Files::concurrentUploadsAreBudgeted()
{
    // files/max-concurrent-per-account is 2 by default: a third upload at once is refused.
    HttpClient first(port());
    HttpClient second(port());
    QVERIFY(first.connected() && second.connected());
    QVERIFY(first.write(uploadHead(u"lobby"_s, u"1.bin"_s, 1000, m_mina->welcome.token) + "a"));
    QVERIFY(second.write(uploadHead(u"lobby"_s, u"2.bin"_s, 1000, m_mina->welcome.token) + "b"));
    QTRY_COMPARE(temporaryFiles().size(), 2);
    const HttpReply third = upload(u"lobby"_s, u"3.bin"_s, "c", m_mina->welcome.token);
    QCOMPARE(third.status, 429);
    // Another account is not held up by it.
    QCOMPARE(upload(u"lobby"_s, u"4.bin"_s, "d", m_jun->welcome.token).status, 201);
    // Once one of them ends, the account may upload again.
    first.abort();
    QTRY_COMPARE(temporaryFiles().size(), 1);
    QCOMPARE(upload(u"lobby"_s, u"5.bin"_s, "e", m_mina->welcome.token).status, 201);
}

void tst_Files::hostileUploaderDoesNotHurtABystander()
{
    // One account opens many uploads at once and trickles their bodies, and hammers the port
    // with uploads over the limit; a bystander in the lobby keeps chatting meanwhile.
    std::vector<std::unique_ptr<HttpClient>> trickles;
    for (int i = 0; i < 12; ++i) {
        auto client = std::make_unique<HttpClient>(port());
        QVERIFY(client->connected());
        client->write(uploadHead(u"lobby"_s, u"t%1.bin"_s.arg(i), 1000, m_mina->welcome.token));
        trickles.push_back(std::move(client));
    }
    QElapsedTimer worst;
    qint64 worstMs = 0;
    for (int round = 0; round < 20; ++round) {
        for (auto &client : trickles) {
            if (client->socket().state() == QAbstractSocket::ConnectedState)
                client->socket().write("x");
        }
        HttpClient tooBig(port());
        QVERIFY(tooBig.connected());
        tooBig.socket().write(
            uploadHead(u"lobby"_s, u"huge.bin"_s, 1 << 30, m_mina->welcome.token));

        const qsizetype before = m_jun->acks.size();
        worst.start();
        m_jun->client.sendMessage(u"lobby"_s, u"still here %1"_s.arg(round));
        QVERIFY(QTest::qWaitFor([&] { return m_jun->acks.size() > before; }, 5000));
        worstMs = qMax(worstMs, worst.elapsed());
        QCOMPARE(tooBig.reply().status, 413);
    }
    // Only files/max-concurrent-per-account of the trickles were let in; the others were told.
    QTRY_VERIFY(temporaryFiles().size() <= 2);
    QCOMPARE(m_jun->client.state(), ChatClient::State::Ready);
    QVERIFY2(worstMs < 1000, qPrintable(u"a round trip took %1 ms"_s.arg(worstMs)));
    trickles.clear();
    QTRY_VERIFY(temporaryFiles().isEmpty());
}

QTEST_MAIN(tst_Files)
#include "tst_files.moc"
