// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <variant>

namespace sori::server {

class Hub;
class Mailbox;
struct ServerConfig;

// What a session needs from its connection: a way to answer.
class SessionSink
{
public:
    virtual ~SessionSink() = default;
    virtual void sendText(const QByteArray &utf8) = 0;
};

// The chat side of one WebSocket connection: reads protocol v1 requests (or, for a plain
// client, lines of text), asks the hub, and answers. It lives on its connection's worker thread.
class Session
{
public:
    enum class Mode { Protocol, Plain };

    Session(quint64 id, Mode mode, Hub *hub, Mailbox *mailbox, const ServerConfig &config,
            SessionSink *sink);
    ~Session();
    Q_DISABLE_COPY_MOVE(Session)

    quint64 id() const { return m_id; }
    Mode mode() const { return m_mode; }

    // A plain client is greeted at once: it gets a guest name, the default room and a line.
    void start();
    void onText(const QByteArray &utf8);
    void onBinary();
    // Takes the session offline; the others see it leave with the reason.
    void end(protocol::LeaveReason reason);

private:
    void handle(const protocol::Hello &hello);
    void handle(const protocol::Join &join);
    void handle(const protocol::Leave &leave);
    void handle(const protocol::Send &send);
    void handle(const protocol::Typing &typing);
    void handle(const protocol::HistoryRequest &request);
    void onPlainText(const QByteArray &utf8);
    void reply(const protocol::ServerMessage &message);
    // Successful replies were posted by the hub, in order with the events; errors are ours.
    template<typename Reply>
    void replyIfError(const std::variant<Reply, protocol::Error> &result)
    {
        if (const auto *error = std::get_if<protocol::Error>(&result))
            reply(*error);
    }
    void replyError(const QString &id, protocol::ErrorCode code, const QString &message);
    void plainLine(const QString &line);

    const quint64 m_id;
    const Mode m_mode;
    Hub *const m_hub;
    Mailbox *const m_mailbox;
    const ServerConfig &m_config;
    SessionSink *const m_sink;
    bool m_greeted = false;
    bool m_ended = false;
    QString m_name;
};

} // namespace sori::server
