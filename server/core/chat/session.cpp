// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/session.h"

#include "core/chat/authservice.h"
#include "core/chat/fileservice.h"
#include "core/chat/hub.h"
#include "core/chat/searchservice.h"
#include "core/logging.h"
#include "core/serverconfig.h"
#include "core/servercontext.h"
#include "protocol/messagecodec.h"

#include <QtCore/QSet>

#include <chrono>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;

namespace {
// Messages in a page of search results: at most, and when the request does not say.
constexpr int MaxSearchPage = 50;
constexpr int DefaultSearchPage = 20;

// The clock of the rate limits.
qint64 monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString rateKindText(RateKind kind)
{
    switch (kind) {
    case RateKind::Send:
        return u"messages"_s;
    case RateKind::Typing:
        return u"typing notices"_s;
    case RateKind::Join:
        return u"joins and leaves"_s;
    case RateKind::Read:
        return u"history, room list, whois and people requests"_s;
    case RateKind::CreateRoom:
        return u"new rooms"_s;
    case RateKind::Search:
        return u"searches"_s;
    case RateKind::Moderate:
        return u"moderation requests"_s;
    case RateKind::Settings:
        return u"account settings requests"_s;
    }
    return {};
}
} // namespace

Session::Session(quint64 id, Mode mode, const ServerContext &context, FanOut *fanOut,
                 SessionSink *sink, QString address)
    : m_id(id)
    , m_mode(mode)
    , m_hub(context.hub)
    , m_fanOut(fanOut)
    , m_auth(context.auth)
    , m_search(context.search)
    , m_files(context.files)
    , m_config(*context.config)
    , m_sink(sink)
    , m_address(std::move(address))
    , m_rates(SessionRateLimiter::settingsOf(m_config), m_config.rateCloseMultiple, monotonicMs())
{ }

Session::~Session() = default;

void Session::start()
{
    if (m_mode != Mode::Plain)
        return;
    if (!m_config.allowGuests) {
        plainLine(u"error: this server does not take guests; sign in with a Sori client."_s);
        m_sink->closeSession(protocol::CloseCode::PolicyViolation, u"guests are not allowed"_s,
                             LeaveReason::Closed);
        return;
    }
    const auto result =
        m_hub->greet(m_id, m_fanOut, {},
                     Hub::Identity{{}, ClientKind::Plain, Role::Guest, -1, {}, 0, m_address});
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
    // The device's "last seen" (account settings); after logout m_token is empty. Not while the
    // server stops: the auth service stops before the workers, and their sessions end after it.
    if (!m_token.isEmpty() && reason != LeaveReason::Shutdown)
        m_auth->sessionEnded(m_token, m_address);
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
    const bool greeting = std::holds_alternative<Hello>(message)
        || std::holds_alternative<Login>(message) || std::holds_alternative<Register>(message);
    if (!m_greeted && !greeting) {
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
    const auto rate = m_rates.check(RateKind::Send, monotonicMs());
    switch (rate.verdict) {
    case SessionRateLimiter::Verdict::Allow:
        break;
    case SessionRateLimiter::Verdict::Close:
        qCInfo(lcNet) << "session" << m_id << m_name << "far over the rate limit of messages";
        m_sink->closeSession(protocol::CloseCode::RateLimited,
                             u"rate limit: far too many messages"_s, LeaveReason::Closed);
        return;
    case SessionRateLimiter::Verdict::SlowDown:
        qCInfo(lcNet) << "session" << m_id << m_name << "over the rate limit of messages";
        plainLine(u"slow down: too many messages; wait %1 ms."_s.arg(rate.waitMs));
        return;
    case SessionRateLimiter::Verdict::Refuse:
        plainLine(u"error: too many messages; wait %1 ms. It was not sent."_s.arg(rate.waitMs));
        return;
    }
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
    if (m_authenticating) {
        replyError(hello.id, ErrorCode::AlreadyGreeted, u"A sign-in is already under way."_s);
        return;
    }
    if (!m_config.allowGuests) {
        replyError(hello.id, ErrorCode::GuestsDisabled,
                   u"This server does not take guests: sign in or register."_s);
        return;
    }
    // A protocol client cannot pass itself off as a plain one: plain is what the server says.
    const ClientKind kind = hello.client == ClientKind::Plain ? ClientKind::Other : hello.client;
    const auto result = m_hub->greet(
        m_id, m_fanOut, hello.id,
        Hub::Identity{hello.name, kind, Role::Guest, -1, {}, 0, m_address, hello.resume});
    if (const auto *welcome = std::get_if<Welcome>(&result)) {
        m_greeted = true;
        m_name = welcome->name;
    }
    replyIfError(result);
}

void Session::handle(const Join &join)
{
    if (!withinRate(RateKind::Join, join.id))
        return;
    replyIfError(m_hub->join(m_id, join));
}

void Session::handle(const Whois &request)
{
    if (!withinRate(RateKind::Read, request.id))
        return;
    replyIfError(m_hub->presence().whois(m_id, request));
}

void Session::handle(const Edit &request)
{
    if (!withinRate(RateKind::Send, request.id) || !acceptableText(request.id, request.text))
        return;
    if (const auto error = m_hub->changes().edit(m_id, request))
        reply(*error);
}

void Session::handle(const React &request)
{
    if (!withinRate(RateKind::Send, request.id))
        return;
    if (const auto error = m_hub->changes().react(m_id, request))
        reply(*error);
}

void Session::handle(const Search &request)
{
    if (!withinRate(RateKind::Search, request.id))
        return;
    // The query's length was checked when it was read (MinSearchLength, MaxSearchLength).
    if (request.limit < 0 || request.limit > MaxSearchPage) {
        replyError(
            request.id, ErrorCode::BadField,
            u"\"limit\" must be from 1 to %1 (0: %2)."_s.arg(MaxSearchPage).arg(DefaultSearchPage));
        return;
    }
    if (request.before < 0) {
        replyError(request.id, ErrorCode::BadField,
                   u"\"before\" must be the \"next\" of the page before, or 0."_s);
        return;
    }
    if (!m_search) {
        replyError(request.id, ErrorCode::Internal, u"This server cannot search."_s);
        return;
    }
    const auto scope = m_hub->searchScope(m_id, request.id, request.room);
    if (const auto *error = std::get_if<Error>(&scope)) {
        reply(*error);
        return;
    }
    SearchQuery query;
    query.text = request.query;
    query.account = std::get<qint64>(scope);
    query.room = request.room;
    query.before = request.before;
    query.limit = request.limit > 0 ? request.limit : DefaultSearchPage;
    query.maxBytes = qMin(m_config.maxHistoryPageBytes, m_config.maxOutgoingBytes / 2);
    query.shortScan = m_config.searchShortScan;
    // Encoded on the search thread; the worker only hands the bytes to the connection.
    const bool queued = m_search->search(
        m_id, std::move(query),
        [fanOut = m_fanOut, id = m_id, requestId = request.id](bool ok, const SearchPage &page) {
            const QByteArray frame = ok
                ? MessageCodec::encode(
                    SearchResults{requestId, page.messages, page.more, page.next})
                : MessageCodec::encode(
                    Error{requestId, ErrorCode::Internal, u"The search failed; try again."_s});
            fanOut->runForSession(id, [frame](Session &session) {
                if (!session.m_ended)
                    session.m_sink->sendText(frame);
            });
        });
    if (!queued)
        replyError(request.id, ErrorCode::Busy,
                   u"Too many searches are waiting; try again in a moment."_s);
}

void Session::handle(const Leave &leave)
{
    if (!withinRate(RateKind::Join, leave.id))
        return;
    replyIfError(m_hub->leave(m_id, leave));
}

bool Session::acceptableText(const QString &requestId, const QString &text, bool withAttachments)
{
    const qsizetype bytes = text.toUtf8().size();
    if (bytes > m_config.maxMessageBytes) {
        replyError(
            requestId, ErrorCode::TooLarge,
            u"The message has %1 bytes; %2 bytes is the most this server takes."_s.arg(bytes).arg(
                m_config.maxMessageBytes));
        return false;
    }
    if (text.trimmed().isEmpty() && !withAttachments) {
        replyError(requestId, ErrorCode::BadField, u"\"text\" is empty."_s);
        return false;
    }
    return true;
}

void Session::handle(const Send &send)
{
    if (!withinRate(RateKind::Send, send.id))
        return;
    if (!acceptableText(send.id, send.text, !send.attachments.isEmpty()))
        return;
    if (!send.attachments.isEmpty()) {
        sendWithAttachments(send.id, send.room, send.attachments, send.msgId,
                            [send](Session &session, const QList<Attachment> &attachments) {
                                return session.m_hub->send(session.m_id, send, attachments);
                            });
        return;
    }
    if (const auto error = m_hub->send(m_id, send))
        reply(*error);
}

void Session::handle(const Direct &direct)
{
    if (!withinRate(RateKind::Send, direct.id))
        return;
    if (!acceptableText(direct.id, direct.text, !direct.attachments.isEmpty()))
        return;
    if (!direct.attachments.isEmpty()) {
        // Files for a direct message are uploaded for the conversation's room.
        sendWithAttachments(direct.id, Hub::directRoomName(m_name, direct.to), direct.attachments,
                            direct.msgId,
                            [direct](Session &session, const QList<Attachment> &attachments) {
                                return session.m_hub->direct(session.m_id, direct, attachments);
                            });
        return;
    }
    if (const auto error = m_hub->direct(m_id, direct))
        reply(*error);
}

namespace {
// Claimed files not handed to the hub yet: let go when the ticket goes (the session ended, the
// message was refused), unless the hub took them (then storage lets go once it is stored).
struct ClaimTicket
{
    FileService *files = nullptr;
    QStringList ids; // claimed and still ours
    ClaimTicket(const ClaimTicket &) = delete;
    ClaimTicket &operator=(const ClaimTicket &) = delete;
    explicit ClaimTicket(FileService *service) : files(service) { }
    ~ClaimTicket()
    {
        if (!ids.isEmpty())
            files->releaseClaims(ids);
    }
};
} // namespace

void Session::sendWithAttachments(const QString &requestId, const QString &room,
                                  const QStringList &ids, const QString &msgId, Submit submit)
{
    if (m_account < 0) {
        replyError(requestId, ErrorCode::BadAttachment,
                   u"Guests have no files to attach; sign in or register."_s);
        return;
    }
    if (ids.size() > m_config.maxAttachments) {
        replyError(
            requestId, ErrorCode::BadAttachment,
            u"A message carries at most %1 files on this server."_s.arg(m_config.maxAttachments));
        return;
    }
    if (QSet<QString>(ids.cbegin(), ids.cend()).size() != ids.size()) {
        replyError(requestId, ErrorCode::BadAttachment, u"The same file is attached twice."_s);
        return;
    }
    if (!m_files) {
        replyError(requestId, ErrorCode::BadAttachment, u"This server keeps no files."_s);
        return;
    }
    // Nothing more is read from this client until the answer is in: its next message cannot
    // overtake this one. One claim at a time per session bounds the file thread's queue.
    m_sink->holdReading(true);
    auto ticket = std::make_shared<ClaimTicket>(m_files);
    m_files->claim(
        m_account, room, ids, msgId,
        [fanOut = m_fanOut, id = m_id, ticket, requestId, ids,
         submit = std::move(submit)](const FileService::Claim &claim) {
            if (claim.refusal.isEmpty())
                ticket->ids = ids;
            fanOut->runForSession(id, [ticket, claim, requestId, submit](Session &session) {
                if (!session.m_ended) {
                    if (!claim.refusal.isEmpty()) {
                        session.replyError(requestId, ErrorCode::BadAttachment, claim.refusal);
                    } else if (const auto error = submit(session, claim.attachments)) {
                        session.reply(*error); // the ticket lets the files go
                    } else {
                        ticket->ids.clear(); // the hub has them; storage lets them go
                    }
                }
                // After the message was handed on: what came meanwhile goes after it.
                session.m_sink->holdReading(false);
            });
        });
}

void Session::handle(const HistoryRequest &request)
{
    if (!withinRate(RateKind::Read, request.id))
        return;
    if (const auto error = m_hub->replay().history(m_id, request))
        reply(*error);
}

bool Session::mayAuthenticate(const QString &requestId, int protocolVersion)
{
    if (m_greeted || m_authenticating) {
        replyError(requestId, ErrorCode::AlreadyGreeted,
                   m_greeted ? u"You are already signed in on this connection."_s
                             : u"A sign-in is already under way."_s);
        return false;
    }
    if (protocolVersion != Version) {
        replyError(
            requestId, ErrorCode::UnsupportedVersion,
            u"This server speaks protocol version %1, not %2."_s.arg(Version).arg(protocolVersion));
        return false;
    }
    m_authenticating = true;
    return true;
}

namespace {
ClientKind protocolKind(ClientKind kind)
{
    return kind == ClientKind::Plain ? ClientKind::Other : kind;
}
} // namespace

void Session::handle(const Register &request)
{
    if (!mayAuthenticate(request.id, request.protocol))
        return;
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    const ClientKind kind = protocolKind(request.client);
    m_auth->registerAccount(
        request.name, request.password, m_address,
        [fanOut, id, requestId = request.id, kind](const AuthResult &result) {
            fanOut->runForSession(id, [=](Session &session) {
                session.onAuthenticated(requestId, kind, result, {});
            });
        },
        kind);
}

void Session::handle(const Login &request)
{
    if (!mayAuthenticate(request.id, request.protocol))
        return;
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    const ClientKind kind = protocolKind(request.client);
    const QString token = request.token;
    auto done = [fanOut, id, requestId = request.id, kind, token](const AuthResult &result) {
        fanOut->runForSession(
            id, [=](Session &session) { session.onAuthenticated(requestId, kind, result, token); });
    };
    if (!token.isEmpty())
        m_auth->resume(token, m_address, std::move(done), kind);
    else
        m_auth->login(request.name, request.password, m_address, std::move(done), kind);
}

void Session::onAuthenticated(const QString &requestId, ClientKind kind, const AuthResult &result,
                              const QString &resumedToken)
{
    m_authenticating = false;
    if (m_ended)
        return;
    if (result.error) {
        Error error = *result.error;
        error.id = requestId;
        reply(error);
        return;
    }
    const Account &account = result.account;
    const QString token = result.token.isEmpty() ? resumedToken : result.token;
    Hub::Identity identity{account.name, kind,           account.role, account.id,
                           result.token, result.expires, m_address};
    identity.tokenHash = AuthService::tokenHash(token);
    identity.notify = result.notify;
    const auto welcome = m_hub->greet(m_id, m_fanOut, requestId, identity);
    if (std::holds_alternative<Welcome>(welcome)) {
        m_greeted = true;
        m_name = account.name;
        m_token = token;
        m_account = account.id;
        m_role = account.role;
        // All sessions of an account share its buckets.
        m_rates.setAccount(&m_hub->accountRates(), account.id);
        m_rates.setExempt(m_config.rateExemptStaff
                          && (account.role == Role::Moderator || account.role == Role::Admin));
    } else if (!result.token.isEmpty()) {
        m_auth->logout(result.token); // not online after all: the new token is not handed out
    }
    replyIfError(welcome);
}

void Session::handle(const Logout &request)
{
    if (!m_token.isEmpty())
        m_auth->logout(m_token);
    m_token.clear();
    reply(LoggedOut{request.id});
    m_sink->closeSession(protocol::CloseCode::Normal, u"logged out"_s, LeaveReason::SignedOut);
}

void Session::handle(const CreateRoom &request)
{
    if (!withinRate(RateKind::CreateRoom, request.id))
        return;
    replyIfError(m_hub->createRoom(Actor::forSession(m_id), request));
}

void Session::handle(const ListRooms &request)
{
    if (!withinRate(RateKind::Read, request.id))
        return;
    if (const auto error = m_hub->listRooms(m_id, request))
        reply(*error);
}

void Session::handle(const ArchiveRoom &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->archiveRoom(Actor::forSession(m_id), request));
}

void Session::handle(const DeleteRoom &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->deleteRoom(Actor::forSession(m_id), request));
}

void Session::handle(const Invite &request)
{
    // Counted with join and leave: it changes who may be in a room.
    if (!withinRate(RateKind::Join, request.id))
        return;
    replyIfError(m_hub->invite(m_id, request));
}

void Session::handle(const Kick &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().kick(Actor::forSession(m_id), request));
}

void Session::handle(const Ban &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().ban(Actor::forSession(m_id), request));
}

void Session::handle(const Mute &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().mute(Actor::forSession(m_id), request));
}

void Session::handle(const DeleteMessage &request)
{
    if (!withinRate(RateKind::Send, request.id))
        return;
    replyIfError(m_hub->moderation().deleteMessage(Actor::forSession(m_id), request));
}

void Session::handle(const RevokeTokens &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().revokeTokens(Actor::forSession(m_id), request));
}

void Session::handle(const Typing &typing)
{
    if (!withinRate(RateKind::Typing, typing.id))
        return;
    if (const auto error = m_hub->typing(m_id, typing))
        reply(*error);
}

void Session::handle(const MarkRead &request)
{
    // Counted with typing: as frequent and as cheap, and dropped without a word when over.
    if (!withinRate(RateKind::Typing, request.id))
        return;
    m_hub->readMarks().markRead(m_id, request);
}

void Session::handle(const SetStatus &request)
{
    // Counted with join and leave: it tells every room the person is in.
    if (!withinRate(RateKind::Join, request.id))
        return;
    replyIfError(m_hub->presence().setStatus(m_id, request));
}

void Session::handle(const FindPeople &request)
{
    if (!withinRate(RateKind::Read, request.id))
        return;
    if (const auto error = m_hub->presence().findPeople(m_id, request))
        reply(*error);
}

void Session::handle(const Lift &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().lift(Actor::forSession(m_id), request));
}

void Session::handle(const ListSanctions &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().listSanctions(Actor::forSession(m_id), request));
}

void Session::handle(const ReadAudit &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    // Answered once the log is read (off the hub's lock), unless refused at once.
    if (const auto error = m_hub->moderation().readAudit(Actor::forSession(m_id), request))
        reply(*error);
}

void Session::handle(const SetTopic &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->setTopic(Actor::forSession(m_id), request));
}

void Session::handle(const SetRole &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->moderation().setRole(Actor::forSession(m_id), request));
}

bool Session::isAccount(const QString &requestId)
{
    if (m_account >= 0)
        return true;
    replyError(requestId, ErrorCode::Forbidden,
               u"Guests have no account settings: register or sign in first."_s);
    return false;
}

void Session::handle(const ChangePassword &request)
{
    if (!withinRate(RateKind::Settings, request.id) || !isAccount(request.id))
        return;
    Hub *hub = m_hub;
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    const QString name = m_name;
    const QByteArray keep = AuthService::tokenHash(m_token);
    const bool others = request.others;
    m_auth->changePassword(
        Account{m_account, m_name, {}, m_role}, request.oldPassword, request.newPassword, others,
        keep, m_address,
        // On the auth thread: the password is changed whether or not this session is still
        // there, so the other devices are closed from here, not from the session.
        [=, requestId = request.id](const AuthResult &result) {
            if (result.error) {
                Error error = *result.error;
                error.id = requestId;
                fanOut->runForSession(id, [error](Session &session) { session.reply(error); });
                return;
            }
            hub->accountSettingDone(id, requestId, u"change_password"_s, name,
                                    others ? Hub::SignOut::AllBut : Hub::SignOut::None, keep,
                                    others ? u"other devices signed out"_s : QString());
        });
}

void Session::handle(const ListDevices &request)
{
    if (!withinRate(RateKind::Settings, request.id) || !isAccount(request.id))
        return;
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    const QByteArray mine = AuthService::tokenHash(m_token);
    m_auth->devices(m_account, [=, requestId = request.id](const QList<DeviceRecord> &records) {
        DeviceList list{requestId, {}};
        for (const DeviceRecord &r : records)
            list.devices.append(DeviceInfo{r.device, r.client, r.address, r.created, r.lastSeen,
                                           r.tokenHash == mine});
        fanOut->runForSession(id, [list](Session &session) { session.reply(list); });
    });
}

void Session::handle(const EndDevice &request)
{
    if (!withinRate(RateKind::Settings, request.id) || !isAccount(request.id))
        return;
    Hub *hub = m_hub;
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    const QString name = m_name;
    m_auth->endDevice(m_account, request.device,
                      [=, requestId = request.id, device = request.device](const QByteArray &hash) {
                          if (hash.isEmpty()) {
                              const Error error{requestId, ErrorCode::NoSuchDevice,
                                                u"None of your signed-in devices has that id."_s};
                              fanOut->runForSession(
                                  id, [error](Session &session) { session.reply(error); });
                              return;
                          }
                          hub->accountSettingDone(id, requestId, u"end_device"_s, name,
                                                  Hub::SignOut::Token, hash, device);
                      });
}

void Session::handle(const SetNotify &request)
{
    if (!withinRate(RateKind::Settings, request.id) || !isAccount(request.id))
        return;
    if (!isValidRoomName(request.room)) {
        replyError(request.id, ErrorCode::BadRoom, u"That is not a room name."_s);
        return;
    }
    FanOut *fanOut = m_fanOut;
    const quint64 id = m_id;
    m_auth->setNotify(m_account, request.room, request.level,
                      [=, requestId = request.id](const std::optional<Error> &refused) {
                          fanOut->runForSession(id, [=](Session &session) {
                              if (refused) {
                                  Error error = *refused;
                                  error.id = requestId;
                                  session.reply(error);
                              } else {
                                  session.reply(Done{requestId, u"set_notify"_s});
                              }
                          });
                      });
}

void Session::handle(const RenameRoom &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->renameRoom(Actor::forSession(m_id), request));
}

void Session::handle(const UnarchiveRoom &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->unarchiveRoom(Actor::forSession(m_id), request));
}

void Session::handle(const RemoveMember &request)
{
    if (!withinRate(RateKind::Moderate, request.id))
        return;
    replyIfError(m_hub->removeMember(Actor::forSession(m_id), request));
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

bool Session::withinRate(RateKind kind, const QString &requestId)
{
    const auto decision = m_rates.check(kind, monotonicMs());
    switch (decision.verdict) {
    case SessionRateLimiter::Verdict::Allow:
        return true;
    case SessionRateLimiter::Verdict::Close:
        qCInfo(lcNet) << "session" << m_id << m_name << "far over the rate limit of" << toWire(kind)
                      << "requests: closing";
        m_sink->closeSession(protocol::CloseCode::RateLimited,
                             u"rate limit: far too many %1 requests"_s.arg(toWire(kind)),
                             LeaveReason::Closed);
        return false;
    case SessionRateLimiter::Verdict::SlowDown:
        qCInfo(lcNet) << "session" << m_id << m_name << "over the rate limit of" << toWire(kind)
                      << "requests: slow down for" << decision.waitMs << "ms";
        reply(SlowDown{kind, decision.waitMs});
        break;
    case SessionRateLimiter::Verdict::Refuse:
        break;
    }
    if (kind != RateKind::Typing) // typing notices are dropped without a word
        reply(Error{requestId,
                    ErrorCode::RateLimited,
                    u"Too many %1: wait %2 ms before the next one."_s.arg(rateKindText(kind))
                        .arg(decision.waitMs),
                    0,
                    {},
                    decision.waitMs});
    return false;
}

void Session::plainLine(const QString &line)
{
    m_sink->sendText(line.toUtf8());
}

} // namespace sori::server
