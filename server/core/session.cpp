// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/session.h"

#include "core/hub.h"
#include "core/logging.h"
#include "core/serverconfig.h"
#include "protocol/messagecodec.h"

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;

Session::Session(quint64 id, Mode mode, Hub *hub, Mailbox *mailbox, const ServerConfig &config,
                 SessionSink *sink)
    : m_id(id), m_mode(mode), m_hub(hub), m_mailbox(mailbox), m_config(config), m_sink(sink)
{ }

Session::~Session() = default;

void Session::start()
{
    if (m_mode != Mode::Plain)
        return;
    const auto result = m_hub->greet(m_id, m_mailbox, {}, {}, ClientKind::Plain);
    if (const auto *welcome = std::get_if<Welcome>(&result)) {
        m_greeted = true; // the hub sent the greeting line
        m_name = welcome->name;
    } else {
        plainLine(u"error: "_s + std::get<Error>(result).message);
    }
}

void Session::end(LeaveReason reason)
{
    if (m_ended)
        return;
    m_ended = true;
    if (m_greeted)
        m_hub->removeSession(m_id, reason);
}

void Session::onBinary()
{
    if (m_mode == Mode::Plain) {
        plainLine(u"error: binary frames are not supported; send text."_s);
        return;
    }
    replyError({}, ErrorCode::UnsupportedFrame,
               u"Binary frames are not part of protocol v1; send JSON text frames."_s);
}

void Session::onText(const QByteArray &utf8)
{
    if (m_ended)
        return;
    if (m_mode == Mode::Plain) {
        onPlainText(utf8);
        return;
    }
    const auto decoded = MessageCodec::decodeClientMessage(utf8);
    if (!decoded.ok()) {
        reply(decoded.error());
        return;
    }
    const ClientMessage &message = decoded.message();
    if (!m_greeted && !std::holds_alternative<Hello>(message)) {
        std::visit(
            [this](const auto &m) {
                replyError(
                    m.id, ErrorCode::HelloRequired,
                    u"Say hello first: {\"type\":\"hello\",\"protocol\":1,\"name\":\"…\"}."_s);
            },
            message);
        return;
    }
    std::visit([this](const auto &m) { handle(m); }, message);
}

void Session::onPlainText(const QByteArray &utf8)
{
    if (utf8.size() > m_config.maxMessageBytes) {
        plainLine(u"error: message too long (%1 bytes at most); it was not sent."_s.arg(
            m_config.maxMessageBytes));
        return;
    }
    const QString text = QString::fromUtf8(utf8);
    if (text.trimmed().isEmpty()) {
        plainLine(u"error: empty message; it was not sent."_s);
        return;
    }
    if (const auto error = m_hub->send(m_id, Send{{}, QString::fromLatin1(DefaultRoom), text, {}}))
        plainLine(u"error: "_s + error->message);
}

void Session::handle(const Hello &hello)
{
    if (m_greeted) {
        replyError(hello.id, ErrorCode::AlreadyGreeted,
                   u"You have already said hello on this connection."_s);
        return;
    }
    if (hello.protocol != Version) {
        replyError(
            hello.id, ErrorCode::UnsupportedVersion,
            u"This server speaks protocol version %1, not %2."_s.arg(Version).arg(hello.protocol));
        return;
    }
    // A protocol client cannot pass itself off as a plain one: plain is what the server says.
    const ClientKind kind = hello.client == ClientKind::Plain ? ClientKind::Other : hello.client;
    const auto result = m_hub->greet(m_id, m_mailbox, hello.id, hello.name, kind);
    if (const auto *welcome = std::get_if<Welcome>(&result)) {
        m_greeted = true;
        m_name = welcome->name;
    }
    replyIfError(result);
}

void Session::handle(const Join &join)
{
    replyIfError(m_hub->join(m_id, join));
}

void Session::handle(const Leave &leave)
{
    replyIfError(m_hub->leave(m_id, leave));
}

void Session::handle(const Send &send)
{
    const qsizetype bytes = send.text.toUtf8().size();
    if (bytes > m_config.maxMessageBytes) {
        replyError(
            send.id, ErrorCode::TooLarge,
            u"The message has %1 bytes; %2 bytes is the most this server takes."_s.arg(bytes).arg(
                m_config.maxMessageBytes));
        return;
    }
    if (send.text.trimmed().isEmpty()) {
        replyError(send.id, ErrorCode::BadField, u"\"text\" is empty."_s);
        return;
    }
    if (const auto error = m_hub->send(m_id, send))
        reply(*error);
}

void Session::handle(const HistoryRequest &request)
{
    if (const auto error = m_hub->history(m_id, request))
        reply(*error);
}

void Session::handle(const Typing &typing)
{
    if (const auto error = m_hub->typing(m_id, typing))
        reply(*error);
}

void Session::reply(const ServerMessage &message)
{
    if (const auto *error = std::get_if<Error>(&message))
        qCDebug(lcNet) << "session" << m_id << "refused:" << toWire(error->code) << error->message;
    m_sink->sendText(MessageCodec::encode(message));
}

void Session::replyError(const QString &id, ErrorCode code, const QString &message)
{
    reply(Error{id, code, message});
}

void Session::plainLine(const QString &line)
{
    m_sink->sendText(line.toUtf8());
}

} // namespace sori::server
