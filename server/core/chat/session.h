// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/ratelimit.h"
#include "protocol/closecode.h"
#include "protocol/messages.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <functional>
#include <optional>
#include <variant>

namespace sori::server {

class AuthService;
class FanOut;
class FileService;
class Hub;
class SearchService;
struct AuthResult;
struct ServerConfig;
struct ServerContext;

// What a session needs from its connection: a way to answer.
class SessionSink
{
public:
    virtual ~SessionSink() = default;
    virtual void sendText(const QByteArray &utf8) = 0;
    // Starts the close handshake with this code and reason.
    // leaveReason: what the others see in the session's "left" presence events.
    virtual void closeSession(protocol::CloseCode code, const QString &reason,
                              protocol::LeaveReason leaveReason) = 0;
    // Stops handing the session requests (hold), or goes on with those that came meanwhile:
    // while the file thread checks a message's attachments, what the client sends after it
    // waits (in the socket, then in the kernel), so that its messages keep their order.
    virtual void holdReading(bool hold) = 0;
};

// The chat side of one WebSocket connection: reads protocol v1 requests (or, for a plain
// client, lines of text), asks the hub, and answers. It lives on its connection's worker thread.
class Session
{
public:
    enum class Mode { Protocol, Plain };

    // fanOut: where the hub posts this session's events, and where it runs tasks for it (its
    // worker); sink: its connection.
    Session(quint64 id, Mode mode, const ServerContext &context, FanOut *fanOut, SessionSink *sink,
            QString address);
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
    void handle(const protocol::Whois &request);
    void handle(const protocol::Send &send);
    void handle(const protocol::Direct &direct);
    // The checks a message text must pass, whatever it is sent to. With attachments it may be
    // empty.
    bool acceptableText(const QString &requestId, const QString &text,
                        bool withAttachments = false);
    // A send or direct with attachments: checked here (a guest, too many, twice the same id),
    // then claimed on the file thread while reading is held; then `submit` hands the message
    // with the files' metadata to the hub. A refusal is answered with bad_attachment.
    using Submit = std::function<std::optional<protocol::Error>(
        Session &, const QList<protocol::Attachment> &)>;
    void sendWithAttachments(const QString &requestId, const QString &room, const QStringList &ids,
                             const QString &msgId, Submit submit);
    void handle(const protocol::Typing &typing);
    void handle(const protocol::HistoryRequest &request);
    void handle(const protocol::Register &request);
    void handle(const protocol::Login &request);
    void handle(const protocol::Logout &request);
    void handle(const protocol::CreateRoom &request);
    void handle(const protocol::ListRooms &request);
    void handle(const protocol::ArchiveRoom &request);
    void handle(const protocol::DeleteRoom &request);
    void handle(const protocol::Invite &request);
    void handle(const protocol::Kick &request);
    void handle(const protocol::Ban &request);
    void handle(const protocol::Mute &request);
    void handle(const protocol::DeleteMessage &request);
    void handle(const protocol::RevokeTokens &request);
    void handle(const protocol::Edit &request);
    void handle(const protocol::React &request);
    void handle(const protocol::MarkRead &request);
    void handle(const protocol::SetStatus &request);
    void handle(const protocol::FindPeople &request);
    void handle(const protocol::Search &request);
    void handle(const protocol::Lift &request);
    void handle(const protocol::ListSanctions &request);
    void handle(const protocol::ReadAudit &request);
    void handle(const protocol::SetTopic &request);
    void handle(const protocol::SetRole &request);
    // Account settings (docs/protocol.md §15): the auth service does the work off the hub's
    // lock and the worker; the hub closes sessions and answers.
    void handle(const protocol::ChangePassword &request);
    void handle(const protocol::ListDevices &request);
    void handle(const protocol::EndDevice &request);
    void handle(const protocol::SetNotify &request);
    // The account settings are for accounts: false (and the guest told) otherwise.
    bool isAccount(const QString &requestId);
    void handle(const protocol::RenameRoom &request);
    void handle(const protocol::UnarchiveRoom &request);
    void handle(const protocol::RemoveMember &request);
    // Register and Login: checks that come before asking the auth service.
    bool mayAuthenticate(const QString &requestId, int protocolVersion);
    // On this session's thread, once the auth service has answered.
    void onAuthenticated(const QString &requestId, protocol::ClientKind kind,
                         const AuthResult &result, const QString &resumedToken);
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
    // Rate limits: whether a request of this kind may go on. If not, the sender was told
    // (slow_down, then rate_limited; typing is dropped without an error) or, far over the
    // limit, the connection is closing.
    bool withinRate(protocol::RateKind kind, const QString &requestId);

    const quint64 m_id;
    const Mode m_mode;
    Hub *const m_hub;
    FanOut *const m_fanOut;
    AuthService *const m_auth;
    SearchService *const m_search; // null: this server does not search
    FileService *const m_files; // null: this server keeps no files
    const ServerConfig &m_config;
    SessionSink *const m_sink;
    const QString m_address;
    bool m_greeted = false;
    bool m_authenticating = false;
    QString m_token; // this session's sign-in, revoked by logout
    protocol::Role m_role = protocol::Role::Guest;
    qint64 m_account = -1; // -1: a guest
    bool m_ended = false;
    QString m_name;
    SessionRateLimiter m_rates;
};

} // namespace sori::server
