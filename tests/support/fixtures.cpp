// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

#include "fixtures.h"

#include "protocol/messagecodec.h"

#include <QtCore/QFile>
#include <QtTest/QTest>

namespace sori::test {

using namespace Qt::StringLiterals;

void ServerTest::newDataDir(const QList<std::pair<QString, protocol::Role>> &accounts)
{
    m_dataDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dataDir->isValid());
    if (!accounts.isEmpty())
        QVERIFY(createAccounts(m_dataDir->path(), accounts));
}

void ServerTest::startServer(const Configure &configure)
{
    m_server.reset();
    if (!m_dataDir)
        m_dataDir = std::make_unique<QTemporaryDir>();
    m_server = test::startServer(m_dataDir->path(), configure);
    QVERIFY(m_server);
}

void ServerTest::startServerOnNewData(const Configure &configure)
{
    m_server.reset();
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_server = test::startServer(m_dataDir->path(), configure);
    QVERIFY(m_server);
}

namespace {

std::unique_ptr<RecordingClient> inRooms(std::unique_ptr<RecordingClient> client,
                                         const QStringList &rooms)
{
    for (const QString &room : rooms) {
        if (!client->joinRoom(room))
            return {};
    }
    return client;
}

} // namespace

std::unique_ptr<RecordingClient> guest(const QUrl &url, const QString &name,
                                       const QStringList &rooms, protocol::ClientKind kind)
{
    auto client = std::make_unique<RecordingClient>();
    if (!client->greet(url, name, kind))
        return {};
    return inRooms(std::move(client), rooms);
}

std::unique_ptr<RecordingClient> reconnectingGuest(const QUrl &url, const QString &name,
                                                   const QStringList &rooms, bool reconnect)
{
    auto client = std::make_unique<RecordingClient>();
    client->client.setAutoReconnect(reconnect);
    client->client.setReconnectPolicy({50, 400, 10'000});
    if (!client->greet(url, name))
        return {};
    return inRooms(std::move(client), rooms);
}

std::unique_ptr<RecordingClient> signedIn(const QUrl &url, const QString &name,
                                          const QStringList &rooms)
{
    auto client = std::make_unique<RecordingClient>();
    client->client.signIn(url, name, name + u" password"_s);
    if (!QTest::qWaitFor([&] { return client->client.state() == ChatClient::State::Ready; },
                         10'000))
        return {};
    return inRooms(std::move(client), rooms);
}

std::unique_ptr<RawClient> rawGuest(const QUrl &url, const QString &name, const QString &room,
                                    const QString &resume)
{
    using namespace protocol;
    auto raw = std::make_unique<RawClient>();
    if (!raw->open(url, {QString::fromLatin1(Subprotocol)}))
        return {};
    raw->socket.sendTextMessage(QString::fromUtf8(
        MessageCodec::encode(Hello{u"h"_s, Version, name, ClientKind::Other, resume})));
    if (!room.isEmpty())
        raw->socket.sendTextMessage(QString::fromUtf8(MessageCodec::encode(Join{u"j"_s, room})));
    const QString answer = room.isEmpty() ? u"\"type\":\"welcome\""_s : u"\"type\":\"joined\""_s;
    if (!raw->waitForText([&](const QString &t) { return t.contains(answer); }))
        return {};
    return raw;
}

bool answered(RecordingClient &client)
{
    return QTest::qWaitFor(
        [&] {
            return client.client.state() == ChatClient::State::Ready || !client.errors.isEmpty();
        },
        10000);
}

int floodUntilLeft(RecordingClient &sender, RecordingClient &bystander, const QString &slow)
{
    const QString text(4000, u'x');
    int sent = 0;
    while (!bystander.hasPresence(slow, protocol::PresenceChange::Left) && sent < 8000) {
        for (int i = 0; i < 20; ++i)
            sender.client.sendMessage(u"lobby"_s, text);
        sent += 20;
        if (!QTest::qWaitFor([&] { return bystander.messages.size() >= sent; }, 10'000))
            return -1;
    }
    return sent;
}

bool doneFor(RecordingClient &client, const QString &id)
{
    QSignalSpy done(&client.client, &ChatClient::done);
    return QTest::qWaitFor(
        [&] {
            for (const auto &arguments : std::as_const(done)) {
                if (arguments.first().value<protocol::Done>().id == id)
                    return true;
            }
            return false;
        },
        5000);
}

QList<protocol::ServerMessage> decodeAll(const QStringList &texts)
{
    QList<protocol::ServerMessage> all;
    for (const QString &text : texts) {
        const auto decoded = protocol::MessageCodec::decodeServerMessage(text.toUtf8());
        if (decoded.ok())
            all.append(decoded.message());
    }
    return all;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> seqs;
    for (qint64 seq = from; seq <= to; ++seq)
        seqs.append(seq);
    return seqs;
}

QList<qint64> seqsOf(const QList<protocol::MessageEvent> &messages)
{
    QList<qint64> seqs;
    for (const protocol::MessageEvent &m : messages)
        seqs.append(m.seq);
    return seqs;
}

QString writeConfigFile(const QTemporaryDir &dir, const QByteArray &contents)
{
    // A new file each time: QSettings keeps what it read of a path and reads it again only when
    // the file's time or size changed, so two files of the same size written within its clock's
    // tick would read as the first.
    static int written = 0;
    const QString path = dir.filePath(u"sori-%1.ini"_s.arg(++written));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(contents);
    return path;
}

} // namespace sori::test
