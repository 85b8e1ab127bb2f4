// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-probe: a Qt client for tests written in other languages (the browser tests).
//
//   sori-probe --url ws://127.0.0.1:PORT/ws [--name NAME] [--room lobby] [--kind desktop]
//
// Connects with sori::ChatClient, joins the room and prints one JSON object per line on stdout
// for every event ({"event":"welcome"|"joined"|"history"|"ack"|"message"|"presence"|"typing"|
// "gap"|"error"|"disconnected"|"reconnecting"|"reconnected", ...}). Each line read on stdin is
// sent to the room as one message (empty lines are skipped). After a drop ChatClient reconnects
// by itself (printing "disconnected", then "reconnecting" with the delay, then "reconnected") and
// the probe goes on. On end of input it waits for the acks of what it sent, closes (or, waiting
// to reconnect, stops trying) and exits 0;
// it exits 1 when the connection ends on the server's side for good (kicked, refused, ...).

#include <cerrno>
#include <cstdio>
#include <unistd.h>
#include <utility>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSet>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include "protocol/client/chatclient.h"
#include "protocol/messagecodec.h"

using namespace Qt::StringLiterals;
using namespace sori;

namespace {

constexpr int CloseTimeoutMs = 5000;

void emitLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

QJsonObject memberJson(const protocol::Member &member)
{
    return {{u"name"_s, member.name}, {u"kind"_s, protocol::toWire(member.kind)}};
}

// The probe's whole state: one connection, one room, stdin as the source of messages.
class Probe
{
    Q_DISABLE_COPY_MOVE(Probe)

public:
    Probe(QUrl url, QString name, QString room, protocol::ClientKind kind)
        : m_url(std::move(url)), m_name(std::move(name)), m_room(std::move(room)), m_kind(kind)
    {
        m_closeTimer.setSingleShot(true);
        m_closeTimer.setInterval(CloseTimeoutMs);
        QObject::connect(&m_closeTimer, &QTimer::timeout, &m_client, [] {
            emitLine({{u"event"_s, u"disconnected"_s},
                      {u"code"_s, 0},
                      {u"reason"_s, u"close timed out"_s}});
            QCoreApplication::exit(0);
        });
        connectClient();
        QObject::connect(&m_stdin, &QSocketNotifier::activated, &m_client,
                         [this] { onStdinReadable(); });
    }

    void start()
    {
        m_client.connectToServer(m_url, m_name, m_kind);
        m_stdin.setEnabled(true);
    }

private:
    void connectClient()
    {
        QObject::connect(&m_client, &ChatClient::welcomed, &m_client,
                         [this](const protocol::Welcome &welcome) {
                             emitLine({{u"event"_s, u"welcome"_s},
                                       {u"name"_s, welcome.name},
                                       {u"server"_s, welcome.server}});
                             // After a reconnect ChatClient rejoins the room by itself.
                             if (m_joinId.isEmpty())
                                 m_joinId = m_client.join(m_room);
                         });
        QObject::connect(&m_client, &ChatClient::reconnectScheduled, &m_client,
                         [](int delayMs, int attempt, const QString &reason) {
                             emitLine({{u"event"_s, u"reconnecting"_s},
                                       {u"delay"_s, delayMs},
                                       {u"attempt"_s, attempt},
                                       {u"reason"_s, reason}});
                         });
        QObject::connect(&m_client, &ChatClient::reconnected, &m_client, [this] {
            emitLine({{u"event"_s, u"reconnected"_s}, {u"name"_s, m_client.name()}});
        });
        QObject::connect(&m_client, &ChatClient::historyReceived, &m_client,
                         [](const protocol::History &history) {
                             QJsonArray messages;
                             for (const protocol::MessageEvent &message : history.messages)
                                 messages.append(QJsonObject{{u"seq"_s, message.seq},
                                                             {u"from"_s, message.from},
                                                             {u"text"_s, message.text}});
                             emitLine({{u"event"_s, u"history"_s},
                                       {u"room"_s, history.room},
                                       {u"messages"_s, messages},
                                       {u"more"_s, history.more}});
                         });
        QObject::connect(&m_client, &ChatClient::gapDetected, &m_client,
                         [](const protocol::GapEvent &gap) {
                             emitLine({{u"event"_s, u"gap"_s},
                                       {u"room"_s, gap.room},
                                       {u"from"_s, gap.from},
                                       {u"to"_s, gap.to}});
                         });
        QObject::connect(&m_client, &ChatClient::joined, &m_client,
                         [this](const protocol::Joined &joined) {
                             QJsonArray members;
                             for (const protocol::Member &member : joined.members)
                                 members.append(memberJson(member));
                             emitLine({{u"event"_s, u"joined"_s},
                                       {u"room"_s, joined.room},
                                       {u"name"_s, m_client.name()},
                                       {u"seq"_s, joined.seq},
                                       {u"members"_s, members}});
                             if (joined.room == m_room) {
                                 m_joined = true;
                                 const QStringList queued = std::exchange(m_queued, {});
                                 for (const QString &text : queued)
                                     send(text);
                                 finishIfDone();
                             }
                         });
        QObject::connect(&m_client, &ChatClient::acknowledged, &m_client,
                         [this](const protocol::Ack &ack) {
                             emitLine({{u"event"_s, u"ack"_s},
                                       {u"room"_s, ack.room},
                                       {u"seq"_s, ack.seq},
                                       {u"msgId"_s, ack.msgId}});
                             m_pending.remove(ack.id);
                             finishIfDone();
                         });
        QObject::connect(&m_client, &ChatClient::messageReceived, &m_client,
                         [](const protocol::MessageEvent &message) {
                             emitLine({{u"event"_s, u"message"_s},
                                       {u"room"_s, message.room},
                                       {u"seq"_s, message.seq},
                                       {u"from"_s, message.from},
                                       {u"text"_s, message.text},
                                       {u"time"_s, message.time},
                                       {u"msgId"_s, message.msgId}});
                         });
        QObject::connect(&m_client, &ChatClient::presenceChanged, &m_client,
                         [](const protocol::PresenceEvent &presence) {
                             QJsonObject line{{u"event"_s, u"presence"_s},
                                              {u"room"_s, presence.room},
                                              {u"change"_s, protocol::toWire(presence.change)},
                                              {u"member"_s, memberJson(presence.member)}};
                             if (presence.change == protocol::PresenceChange::Left)
                                 line.insert(u"reason"_s, protocol::toWire(presence.reason));
                             emitLine(line);
                         });
        QObject::connect(&m_client, &ChatClient::typingChanged, &m_client,
                         [](const protocol::TypingEvent &typing) {
                             emitLine({{u"event"_s, u"typing"_s},
                                       {u"room"_s, typing.room},
                                       {u"user"_s, typing.user},
                                       {u"active"_s, typing.active}});
                         });
        QObject::connect(
            &m_client, &ChatClient::errorReceived, &m_client, [this](const protocol::Error &error) {
                emitLine({{u"event"_s, u"error"_s},
                          {u"id"_s, error.id},
                          {u"code"_s, protocol::toWire(error.code)},
                          {u"message"_s, error.message}});
                m_pending.remove(error.id);
                // Refused before the room was joined (a taken name, a bad room):
                // nothing useful can follow, so end as a failure.
                if (!m_joined
                    && (m_client.state() != ChatClient::State::Ready || error.id == m_joinId)) {
                    m_client.abort();
                    return;
                }
                finishIfDone();
            });
        QObject::connect(&m_client, &ChatClient::disconnected, &m_client,
                         [this](int code, const QString &reason) {
                             emitLine({{u"event"_s, u"disconnected"_s},
                                       {u"code"_s, code},
                                       {u"reason"_s, reason}});
                             if (!m_closing && m_client.state() == ChatClient::State::Reconnecting)
                                 return; // it comes back by itself
                             m_closeTimer.stop();
                             QCoreApplication::exit(m_closing ? 0 : 1);
                         });
    }

    void send(const QString &text) { m_pending.insert(m_client.sendMessage(m_room, text)); }

    void onStdinReadable()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                return;
            m_stdin.setEnabled(false);
            m_inputDone = true;
            finishIfDone();
            return;
        }
        if (n == 0) {
            m_stdin.setEnabled(false);
            m_inputDone = true;
            if (!m_buffer.isEmpty())
                takeLine(std::exchange(m_buffer, {}));
            finishIfDone();
            return;
        }
        m_buffer.append(buffer, n);
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            takeLine(m_buffer.left(newline));
            m_buffer.remove(0, newline + 1);
        }
    }

    void takeLine(QByteArray line)
    {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            return;
        const QString text = QString::fromUtf8(line);
        if (m_joined)
            send(text);
        else
            m_queued.append(text);
    }

    // At the end of input, once the room is joined and everything sent is acknowledged (or
    // refused): close.
    void finishIfDone()
    {
        if (!m_inputDone || !m_joined || m_closing || !m_pending.isEmpty())
            return;
        m_closing = true;
        if (m_client.state() != ChatClient::State::Disconnected)
            m_client.disconnectFromServer();
        // Waiting to reconnect, there is no connection to close: disconnectFromServer() only
        // stopped the retries.
        if (m_client.state() == ChatClient::State::Disconnected) {
            QCoreApplication::exit(0);
            return;
        }
        m_closeTimer.start();
    }

    ChatClient m_client;
    QSocketNotifier m_stdin{STDIN_FILENO, QSocketNotifier::Read};
    QTimer m_closeTimer;
    QUrl m_url;
    QString m_name;
    QString m_room;
    protocol::ClientKind m_kind;
    QString m_joinId;
    QByteArray m_buffer;
    QStringList m_queued; // lines read before the room was joined
    QSet<QString> m_pending; // msgIds sent and not yet acknowledged
    bool m_joined = false;
    bool m_inputDone = false;
    bool m_closing = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"sori-probe"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SORI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Connects to a Sori server, joins a room, prints every event as one JSON line and "
        u"sends each line of standard input as a message."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption urlOption(u"url"_s, u"Server URL, e.g. ws://127.0.0.1:8080/ws."_s,
                                       u"url"_s);
    const QCommandLineOption nameOption(u"name"_s, u"Nickname (empty: a guest name)."_s, u"name"_s);
    const QCommandLineOption roomOption(u"room"_s, u"Room to join."_s, u"room"_s,
                                        QString::fromLatin1(protocol::DefaultRoom));
    const QCommandLineOption kindOption(u"kind"_s, u"Client kind: desktop, web, plain or other."_s,
                                        u"kind"_s, u"desktop"_s);
    parser.addOptions({urlOption, nameOption, roomOption, kindOption});
    parser.process(app);

    const QUrl url(parser.value(urlOption), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "ws"_L1 && url.scheme() != "wss"_L1)) {
        std::fprintf(stderr, "sori-probe: --url must be a ws:// or wss:// URL\n");
        return 2;
    }
    protocol::ClientKind kind = protocol::ClientKind::Desktop;
    if (!protocol::fromWire(parser.value(kindOption), &kind)) {
        std::fprintf(stderr, "sori-probe: unknown --kind\n");
        return 2;
    }

    Probe probe(url, parser.value(nameOption), parser.value(roomOption), kind);
    probe.start();
    return QCoreApplication::exec();
}
