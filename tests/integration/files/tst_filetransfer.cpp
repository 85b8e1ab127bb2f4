// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori::FileTransfer (protocol/client/filetransfer.h) against a real server on loopback: an
// upload with progress, its answer attached to a message, the download and the thumbnail by
// another account, the byte cap, a clear error for each refusal, and cancel().

#include "fixtures.h"
#include "protocol/client/filetransfer.h"

#include <QtCore/QBuffer>
#include <QtCore/QTemporaryFile>
#include <QtTest/QSignalSpy>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::protocol;
using sori::server::ServerConfig;
using sori::test::RecordingClient;

namespace {

// A 1x1 PNG.
const QByteArray TinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJg"
    "gg==");

// files/max-bytes in these tests.
constexpr int MaxBytes = 64 * 1024;

// Waits for the transfer's finished() and returns its result.
FileTransfer::Result waitFor(FileTransfer &transfer)
{
    QSignalSpy spy(&transfer, &FileTransfer::finished);
    if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, 10000))
        return {};
    return spy.first().first().value<FileTransfer::Result>();
}

} // namespace

class tst_FileTransfer : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void httpBaseFollowsTheChatUrl();
    void uploadAttachAndDownload();
    void uploadFromAFileWithAnAwkwardName();
    void downloadsAreCapped();
    void refusalsSayWhy();
    void cancelStopsAnUpload();

private:
    std::unique_ptr<RecordingClient> m_mina;
    std::unique_ptr<RecordingClient> m_jun;
};

void tst_FileTransfer::initTestCase()
{
    qRegisterMetaType<FileTransfer::Result>();
}

void tst_FileTransfer::init()
{
    newDataDir({{u"mina"_s, Role::Member}, {u"jun"_s, Role::Member}});
    startServer([](ServerConfig &config) {
        config.maxFileBytes = MaxBytes;
        config.uploadRate = {6000, 1000};
    });
    m_mina = test::signedIn(url(), u"mina"_s, {u"lobby"_s});
    m_jun = test::signedIn(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(m_mina && m_jun);
}

void tst_FileTransfer::cleanup()
{
    m_mina.reset();
    m_jun.reset();
    m_server.reset();
}

void tst_FileTransfer::httpBaseFollowsTheChatUrl()
{
    QCOMPARE(FileTransfer::httpBase(QUrl(u"ws://chat.example.org:8080/ws"_s)),
             QUrl(u"http://chat.example.org:8080"_s));
    QCOMPARE(FileTransfer::httpBase(QUrl(u"wss://chat.example.org/ws"_s)),
             QUrl(u"https://chat.example.org"_s));
    QCOMPARE(FileTransfer::httpBase(QUrl(u"WSS://[::1]:9443/"_s)), QUrl(u"https://[::1]:9443"_s));
    QVERIFY(FileTransfer::httpBase(QUrl(u"ftp://example.org/"_s)).isEmpty());
    // Without a server or a token nothing starts.
    FileTransfer alone;
    QBuffer buffer;
    buffer.setData("x");
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QVERIFY(!alone.upload(u"lobby"_s, u"x.txt"_s, &buffer));
    alone.setServer(url());
    QVERIFY(!alone.upload(u"lobby"_s, u"x.txt"_s, &buffer));
    alone.setToken(m_mina->welcome.token);
    QVERIFY(alone.upload(u"lobby"_s, u"x.txt"_s, &buffer));
    QVERIFY(waitFor(alone).ok);
}

void tst_FileTransfer::uploadAttachAndDownload()
{
    FileTransfer up(&m_mina->client);
    QSignalSpy progress(&up, &FileTransfer::progress);
    QBuffer picture;
    picture.setData(TinyPng);
    QVERIFY(picture.open(QIODevice::ReadOnly));
    QVERIFY(up.upload(u"lobby"_s, u"cat.png"_s, &picture));
    QVERIFY(up.isRunning());
    QVERIFY(!up.upload(u"lobby"_s, u"again.png"_s, &picture)); // one at a time
    const FileTransfer::Result uploaded = waitFor(up);
    QVERIFY2(uploaded.ok, qPrintable(uploaded.error));
    QCOMPARE(uploaded.status, 201);
    QCOMPARE(uploaded.file.name, u"cat.png"_s);
    QCOMPARE(uploaded.file.type, u"image/png"_s);
    QCOMPARE(uploaded.file.size, TinyPng.size());
    QVERIFY(uploaded.file.thumbnail);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), TinyPng.size());

    // Attached to a message, the others see it; they fetch it and its thumbnail.
    const qsizetype acks = m_mina->acks.size();
    m_mina->client.sendMessage(u"lobby"_s, u"look"_s, 0, {uploaded.file.id});
    QTRY_COMPARE(m_mina->acks.size(), acks + 1);
    QTRY_VERIFY(!m_jun->messagesIn(u"lobby"_s).isEmpty());
    const MessageEvent message = m_jun->messagesIn(u"lobby"_s).last();
    QCOMPARE(message.attachments.size(), 1);
    QCOMPARE(message.attachments.first().id, uploaded.file.id);

    FileTransfer down(&m_jun->client);
    QVERIFY(down.download(message.attachments.first().id));
    const FileTransfer::Result file = waitFor(down);
    QVERIFY2(file.ok, qPrintable(file.error));
    QCOMPARE(file.data, TinyPng);
    QCOMPARE(file.type, u"image/png"_s);
    QVERIFY(down.downloadThumbnail(message.attachments.first().id));
    const FileTransfer::Result thumbnail = waitFor(down);
    QVERIFY2(thumbnail.ok, qPrintable(thumbnail.error));
    QVERIFY(thumbnail.data.startsWith("\x89PNG"));
}

void tst_FileTransfer::uploadFromAFileWithAnAwkwardName()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("hello from disk");
    file.close();
    FileTransfer up(&m_mina->client);
    QVERIFY(up.uploadFile(u"lobby"_s, file.fileName(), u"a+b & c #1 노트.txt"_s));
    const FileTransfer::Result uploaded = waitFor(up);
    QVERIFY2(uploaded.ok, qPrintable(uploaded.error));
    QCOMPARE(uploaded.file.name, u"a+b & c #1 노트.txt"_s);
    QCOMPARE(uploaded.file.size, 15);
}

void tst_FileTransfer::downloadsAreCapped()
{
    FileTransfer up(&m_mina->client);
    QBuffer big;
    big.setData(QByteArray(MaxBytes, 'b'));
    QVERIFY(big.open(QIODevice::ReadOnly));
    QVERIFY(up.upload(u"lobby"_s, u"big.bin"_s, &big));
    const FileTransfer::Result uploaded = waitFor(up);
    QVERIFY2(uploaded.ok, qPrintable(uploaded.error));

    FileTransfer down(&m_jun->client);
    // One byte under the file's size: refused; exactly its size: read.
    QVERIFY(down.download(uploaded.file.id, MaxBytes - 1));
    const FileTransfer::Result refused = waitFor(down);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(QString::number(MaxBytes - 1)), qPrintable(refused.error));
    QVERIFY(refused.data.isEmpty());
    QVERIFY(down.download(uploaded.file.id, MaxBytes));
    const FileTransfer::Result read = waitFor(down);
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.data.size(), MaxBytes);
}

void tst_FileTransfer::refusalsSayWhy()
{
    // Over files/max-bytes.
    FileTransfer up(&m_mina->client);
    QBuffer tooBig;
    tooBig.setData(QByteArray(MaxBytes + 1, 'x'));
    QVERIFY(tooBig.open(QIODevice::ReadOnly));
    QVERIFY(up.upload(u"lobby"_s, u"huge.bin"_s, &tooBig));
    FileTransfer::Result result = waitFor(up);
    QVERIFY(!result.ok);
    QCOMPARE(result.status, 413);
    QCOMPARE(result.error, u"The file is larger than this server takes."_s);

    // A room that does not exist.
    QBuffer small;
    small.setData("s");
    QVERIFY(small.open(QIODevice::ReadOnly));
    QVERIFY(up.upload(u"nowhere"_s, u"s.txt"_s, &small));
    result = waitFor(up);
    QCOMPARE(result.status, 404);
    QCOMPARE(result.error, u"There is no such room."_s);

    // An unknown file.
    FileTransfer down(&m_jun->client);
    QVERIFY(down.download(u"AAAAAAAAAAAAAAAAAAAAAA"_s));
    result = waitFor(down);
    QCOMPARE(result.status, 404);
    QCOMPARE(result.error, u"There is no such file, or you may not read it."_s);

    // A token the server does not know.
    FileTransfer stranger;
    stranger.setServer(url());
    stranger.setToken(u"not-a-token"_s);
    QVERIFY(stranger.download(u"AAAAAAAAAAAAAAAAAAAAAA"_s));
    result = waitFor(stranger);
    QCOMPARE(result.status, 401);
    QCOMPARE(result.error, u"The sign-in was not accepted for files: sign in again."_s);
}

void tst_FileTransfer::cancelStopsAnUpload()
{
    // Canceled right after it started: finished() says so, and nothing is kept.
    FileTransfer up(&m_mina->client);
    QBuffer body;
    body.setData(QByteArray(MaxBytes, 'c'));
    QVERIFY(body.open(QIODevice::ReadOnly));
    QVERIFY(up.upload(u"lobby"_s, u"c.bin"_s, &body));
    QSignalSpy finished(&up, &FileTransfer::finished);
    up.cancel();
    QTRY_COMPARE(finished.size(), 1);
    const auto result = finished.first().first().value<FileTransfer::Result>();
    QVERIFY(result.canceled);
    QVERIFY(!result.ok);
    QVERIFY(!up.isRunning());
    QTRY_COMPARE(query(u"SELECT COUNT(*) FROM files"_s).toInt(), 0);
    // The next one goes through.
    QVERIFY(body.seek(0));
    QVERIFY(up.upload(u"lobby"_s, u"c.bin"_s, &body));
    QVERIFY(waitFor(up).ok);
}

QTEST_MAIN(tst_FileTransfer)
#include "tst_filetransfer.moc"
