// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/moderation.h"

#include "core/chat/changes.h"
#include "core/serverconfig.h"

#include "core/logging.h"
#include "protocol/validation.h"

#include <QtCore/QDateTime>
#include <QtNetwork/QHostAddress>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

namespace {

// Bans by address are kept under this key; IPv4 seen through an IPv6 socket counts as IPv4.
QString addressKey(const QString &address)
{
    QHostAddress host(address);
    bool isV4 = false;
    const quint32 v4 = host.toIPv4Address(&isV4);
    if (isV4)
        host = QHostAddress(v4);
    return u"address:"_s + host.toString();
}

QString untilText(qint64 until)
{
    return until == 0
        ? u"for good"_s
        : u"until %1"_s.arg(QDateTime::fromMSecsSinceEpoch(until).toUTC().toString(Qt::ISODate));
}

// 0 (for good) for no duration. The decoder refuses durations over MaxSanctionMinutes; the
// operator's are capped there too, so that the sum never overflows into the past.
qint64 untilFromMinutes(qint64 minutes)
{
    if (minutes <= 0)
        return 0;
    return QDateTime::currentMSecsSinceEpoch()
        + qMin(minutes, protocol::MaxSanctionMinutes) * 60'000;
}

// " by X" and ": reason" around what happened, for close reasons.
QString closeReason(const QString &what, const QString &reason)
{
    return reason.isEmpty() ? what : what + u": "_s + reason;
}
} // namespace

void Moderation::loadSanctions(const QList<Sanction> &sanctions)
{
    QMutexLocker lock(&m_state.mutex);
    for (const Sanction &sanction : sanctions) {
        if (sanction.kind == Sanction::Kind::Ban)
            m_state.bans.insert(folded(sanction.name), sanction);
        else
            m_state.mutes[folded(sanction.name)].append(sanction);
    }
}

HubResult<Moderation::Acting> Moderation::actorLocked(const Actor &actor, const QString &requestId)
{
    if (actor.isOperator())
        return Acting{0, nullptr, Actor::operatorName(), u"the server"_s, rank(Role::Admin) + 1};
    const auto it = m_state.sessions.find(actor.session);
    if (it == m_state.sessions.end())
        return makeError(requestId, ErrorCode::HelloRequired, u"Say hello first."_s);
    return Acting{actor.session, &*it, it->name, it->name, rank(it->role)};
}

std::optional<Error> Moderation::bannedLocked(const QString &name, const QString &address,
                                              const QString &requestId) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto active = [&](const QString &key) {
        const auto ban = m_state.bans.constFind(key);
        return ban != m_state.bans.cend() && (ban->until == 0 || ban->until > now)
            ? ban
            : m_state.bans.cend();
    };
    auto ban = name.isEmpty() ? m_state.bans.cend() : active(folded(name));
    QString who = u"\"%1\""_s.arg(name);
    if (ban == m_state.bans.cend() && !address.isEmpty()) {
        ban = active(addressKey(address));
        who = u"Your address"_s;
    }
    if (ban == m_state.bans.cend())
        return std::nullopt;
    QString message = u"%1 is banned %2."_s.arg(who, untilText(ban->until));
    if (!ban->reason.isEmpty())
        message += u" Reason: "_s + ban->reason;
    Error error = makeError(requestId, ErrorCode::Banned, message);
    error.until = ban->until;
    error.reason = ban->reason;
    return error;
}

std::optional<Error> Moderation::mutedLocked(const QString &nameKey, const QString &room,
                                             const QString &requestId, qint64 now) const
{
    const auto mutes = m_state.mutes.constFind(nameKey);
    if (mutes == m_state.mutes.cend())
        return std::nullopt;
    for (const Sanction &mute : *mutes) {
        if ((mute.room.isEmpty() || mute.room == room) && (mute.until == 0 || mute.until > now)) {
            Error error =
                makeError(requestId, ErrorCode::Muted,
                          mute.until == 0 ? u"You are muted here."_s
                                          : u"You are muted here %1."_s.arg(untilText(mute.until)));
            error.until = mute.until;
            error.reason = mute.reason;
            return error;
        }
    }
    return std::nullopt;
}

HubResult<Moderation::Acting> Moderation::moderatorLocked(const Actor &actor,
                                                          const QString &requestId,
                                                          const QString &target, bool mustBeOnline)
{
    auto found = actorLocked(actor, requestId);
    auto *acting = std::get_if<Acting>(&found);
    if (!acting)
        return found;
    if (!acting->isOperator() && !isStaff(acting->info->role))
        return makeError(requestId, ErrorCode::Forbidden,
                         u"Only moderators and admins may do that."_s);
    if (target.isNull())
        return found;
    // The target's role: from its sessions online, or from its account.
    int targetRank = -1;
    for (quint64 holder : m_state.sessionsByName.value(folded(target)))
        targetRank = qMax(targetRank, rank(m_state.sessionLocked(holder).role));
    if (targetRank < 0 && !mustBeOnline) {
        const auto account = m_state.accounts.constFind(folded(target));
        if (account != m_state.accounts.cend())
            targetRank = rank(account->role);
    }
    if (targetRank < 0)
        return makeError(requestId, ErrorCode::NoSuchUser,
                         mustBeOnline ? u"Nobody online is called \"%1\"."_s.arg(target)
                                      : u"There is nobody called \"%1\"."_s.arg(target));
    if (targetRank >= acting->rank)
        return makeError(requestId, ErrorCode::Forbidden,
                         u"\"%1\" has the same role as you or a higher one."_s.arg(target));
    return found;
}

void Moderation::tellLocked(quint64 session, const SanctionEvent &sanction)
{
    const HubState::SessionInfo &info = m_state.sessionLocked(session);
    if (info.fanOut && info.kind != ClientKind::Plain)
        m_state.replyLocked(session, info, sanction);
}

void Moderation::closeSessionsOfLocked(const QString &name, CloseCode code, const QString &reason,
                                       const SanctionEvent &sanction)
{
    for (quint64 holder : m_state.sessionsByName.value(folded(name))) {
        const HubState::SessionInfo &info = m_state.sessionLocked(holder);
        if (!info.fanOut)
            continue;
        // Posted before the close, on the same worker: it arrives first.
        tellLocked(holder, sanction);
        info.fanOut->closeSession(holder, code, reason, LeaveReason::Kicked);
    }
}

void Moderation::auditLocked(const QString &actor, const QString &action, const QString &target,
                             const QString &room, const QString &detail)
{
    qCInfo(lcHub) << "moderation:" << actor << action << target << room << detail;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_state.storage->perform(u"the audit log"_s, [=](Store &store) {
        return store.addAudit(now, actor, action, target, room, detail);
    });
}

Done Moderation::doneLocked(const Acting &acting, const QString &requestId, const QString &action)
{
    const Done done{requestId, action};
    if (const auto info = m_state.sessions.constFind(acting.session);
        !acting.isOperator() && info != m_state.sessions.cend())
        m_state.replyLocked(acting.session, *info, done);
    return done;
}

template<typename Action>
HubResult<Done> Moderation::moderate(const Actor &actor, const QString &requestId,
                                     const QString &action, const QString &target,
                                     bool mustBeOnline, Action &&act)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = moderatorLocked(actor, requestId, target, mustBeOnline);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Acting &acting = std::get<Acting>(found);
    if (std::optional<Error> refused = act(acting))
        return *std::move(refused);
    return doneLocked(acting, requestId, action);
}

void Moderation::addSanctionLocked(const Sanction &sanction, const QString &what, const QString &by)
{
    const qint64 now = sanction.since > 0 ? sanction.since : QDateTime::currentMSecsSinceEpoch();
    m_state.storage->perform(
        what, [sanction, by, now](Store &store) { return store.addSanction(sanction, by, now); });
}

HubResult<Done> Moderation::kick(const Actor &actor, const Kick &request)
{
    return moderate(actor, request.id, u"kick"_s, request.user, true,
                    [&](const Acting &acting) -> std::optional<Error> {
                        closeSessionsOfLocked(
                            request.user, CloseCode::Kicked,
                            closeReason(u"kicked by "_s + acting.by, request.reason),
                            SanctionEvent{SanctionAction::Kick, acting.name, request.reason});
                        auditLocked(acting.name, u"kick"_s, request.user, {}, request.reason);
                        return std::nullopt;
                    });
}

HubResult<Done> Moderation::ban(const Actor &actor, const Ban &request)
{
    if (!request.address.isEmpty() && QHostAddress(request.address).isNull())
        return makeError(request.id, ErrorCode::BadField, u"\"address\" must be an IP address."_s);
    const bool byAddress = !request.address.isEmpty();
    return moderate(
        actor, request.id, u"ban"_s, byAddress ? QString() : request.user, false,
        [&](const Acting &acting) -> std::optional<Error> {
            const QString target = byAddress ? addressKey(request.address) : request.user;
            const Sanction ban{Sanction::Kind::Ban,
                               target,
                               {},
                               untilFromMinutes(request.minutes),
                               request.reason,
                               acting.name,
                               QDateTime::currentMSecsSinceEpoch()};
            m_state.bans.insert(folded(target), ban);
            addSanctionLocked(ban, u"a ban"_s, acting.name);
            const QString reason = closeReason(
                u"banned by %1 %2"_s.arg(acting.by, untilText(ban.until)), request.reason);
            const SanctionEvent told{SanctionAction::Ban, acting.name, request.reason, ban.until};
            if (byAddress) {
                // Everyone at the address below the actor's rank (staff may share an address).
                for (auto it = m_state.sessions.cbegin(); it != m_state.sessions.cend(); ++it) {
                    if (addressKey(it->address) == target && rank(it->role) < acting.rank
                        && it->fanOut) {
                        tellLocked(it.key(), told);
                        it->fanOut->closeSession(it.key(), CloseCode::Banned, reason,
                                                 LeaveReason::Kicked);
                    }
                }
            } else {
                closeSessionsOfLocked(request.user, CloseCode::Banned, reason, told);
            }
            auditLocked(acting.name, u"ban"_s, target, {},
                        untilText(ban.until) + u" "_s + request.reason);
            return std::nullopt;
        });
}

HubResult<Done> Moderation::revokeTokens(const Actor &actor, const RevokeTokens &request)
{
    // The operator's only check is that the account exists (below).
    return moderate(actor, request.id, u"revoke_tokens"_s,
                    actor.isOperator() ? QString() : request.user, false,
                    [&](const Acting &acting) -> std::optional<Error> {
                        if (!acting.isOperator() && acting.info->role != Role::Admin)
                            return makeError(request.id, ErrorCode::Forbidden,
                                             u"Only admins revoke sign-ins."_s);
                        const auto account = m_state.accountLocked(request.user, request.id);
                        if (const auto *error = std::get_if<Error>(&account))
                            return *error;
                        const qint64 id = std::get<const HubState::AccountRef *>(account)->id;
                        m_state.storage->perform(u"a revocation"_s, [=](Store &store) {
                            return store.removeTokensOf(id);
                        });
                        closeSessionsOfLocked(request.user, CloseCode::SignedOut,
                                              u"signed out by "_s + acting.by,
                                              SanctionEvent{SanctionAction::Revoke, acting.name});
                        auditLocked(acting.name, u"revoke_tokens"_s, request.user, {}, {});
                        return std::nullopt;
                    });
}

HubResult<Done> Moderation::mute(const Actor &actor, const Mute &request)
{
    return moderate(actor, request.id, u"mute"_s, request.user, false,
                    [&](const Acting &acting) -> std::optional<Error> {
                        if (!request.room.isEmpty()) {
                            const auto room = m_state.rooms.constFind(request.room);
                            if (room == m_state.rooms.cend())
                                return makeError(request.id, ErrorCode::NoSuchRoom,
                                                 u"There is no room \"%1\"."_s.arg(request.room));
                            if (auto refused =
                                    mayTouchRoomLocked(acting, *room, request.room, request.id))
                                return refused;
                        }
                        const Sanction mute{Sanction::Kind::Mute,
                                            request.user,
                                            request.room,
                                            untilFromMinutes(request.minutes),
                                            request.reason,
                                            acting.name,
                                            QDateTime::currentMSecsSinceEpoch()};
                        QList<Sanction> &mutes = m_state.mutes[folded(request.user)];
                        mutes.removeIf([&](const Sanction &s) { return s.room == mute.room; });
                        mutes.append(mute);
                        addSanctionLocked(mute, u"a mute"_s, acting.name);
                        const SanctionEvent told{SanctionAction::Mute, acting.name, request.reason,
                                                 mute.until, request.room};
                        for (quint64 holder : m_state.sessionsByName.value(folded(request.user)))
                            tellLocked(holder, told);
                        auditLocked(acting.name, u"mute"_s, request.user, request.room,
                                    closeReason(untilText(mute.until), request.reason));
                        return std::nullopt;
                    });
}

std::optional<Error> Moderation::mayTouchRoomLocked(const Acting &acting, const Room &room,
                                                    const QString &roomName,
                                                    const QString &requestId) const
{
    // A direct conversation is for its two people only: staff who are not one of them can
    // neither read it nor moderate in it. The operator can.
    if (room.kind != RoomKind::Direct || acting.isOperator()
        || (acting.info->account >= 0 && room.allowed.contains(acting.info->account)))
        return std::nullopt;
    return makeError(requestId, ErrorCode::Forbidden,
                     u"\"%1\" is a direct conversation you are not part of."_s.arg(roomName));
}

std::optional<Error> Moderation::mayDeleteLocked(const Acting &acting, const QString &author,
                                                 const QString &requestId) const
{
    // One's own messages, or (staff) those of a lower role than one's own (as for kick, ban
    // and mute). An author neither online nor an account (a guest who left) ranks as a guest.
    if (acting.isOperator() || folded(author) == folded(acting.name))
        return std::nullopt;
    if (!isStaff(acting.info->role))
        return makeError(requestId, ErrorCode::Forbidden,
                         u"You may delete your own messages only."_s);
    if (rankOfLocked(author) < acting.rank)
        return std::nullopt;
    return makeError(requestId, ErrorCode::Forbidden,
                     u"\"%1\" has the same role as you or a higher one."_s.arg(author));
}

int Moderation::rankOfLocked(const QString &name) const
{
    int found = rank(Role::Guest);
    for (quint64 holder : m_state.sessionsByName.value(folded(name)))
        found = qMax(found, rank(m_state.sessionLocked(holder).role));
    if (const auto account = m_state.accounts.constFind(folded(name));
        account != m_state.accounts.cend())
        found = qMax(found, rank(account->role));
    return found;
}

void Moderation::deleteLocked(Room &room, const QString &roomName, qint64 seq, const Acting &acting)
{
    // A change of its own in the room's order: stored, then told (docs/protocol.md §12).
    m_changes->queueLocked(room,
                           StoredChange{StoredChange::Kind::Delete,
                                        roomName,
                                        0,
                                        seq,
                                        acting.name,
                                        acting.isOperator() ? Role::Admin : acting.info->role,
                                        {},
                                        QDateTime::currentMSecsSinceEpoch()},
                           acting.session, {}, false);
    auditLocked(acting.name, u"delete"_s, QString::number(seq), roomName, {});
}

HubResult<std::optional<Done>> Moderation::deleteMessage(const Actor &actor,
                                                         const DeleteMessage &request)
{
    QMutexLocker lock(&m_state.mutex);
    // Anybody deletes their own messages; staff those of lower roles too (mayDeleteLocked).
    const auto found = actorLocked(actor, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Acting &acting = std::get<Acting>(found);
    const auto room = m_state.rooms.find(request.room);
    if (room == m_state.rooms.end() || request.seq < 1 || request.seq > room->storedSeq)
        return makeError(request.id, ErrorCode::NotFound,
                         u"There is no message %1 in \"%2\"."_s.arg(request.seq).arg(request.room));
    if (!acting.isOperator() && !isStaff(acting.info->role)
        && !room->members.contains(acting.session))
        return makeError(
            request.id, ErrorCode::NotJoined,
            u"Join the room \"%1\" to delete your messages in it."_s.arg(request.room));
    if (auto refused = mayTouchRoomLocked(acting, *room, request.room, request.id))
        return *std::move(refused);

    // The author decides; a recent message is at hand, an older one is read first.
    const auto recent = std::find_if(room->recent.cbegin(), room->recent.cend(),
                                     [&](const MessageEvent &m) { return m.seq == request.seq; });
    if (recent != room->recent.cend() && recent->deleted)
        return makeError(
            request.id, ErrorCode::NotFound,
            u"Message %1 in \"%2\" was deleted already."_s.arg(request.seq).arg(request.room));
    if (recent == room->recent.cend() && !room->recent.isEmpty()
        && request.seq >= room->recent.first().seq)
        return makeError(request.id, ErrorCode::NotFound,
                         u"There is no message %1 in \"%2\"."_s.arg(request.seq).arg(request.room));
    if (acting.isOperator() || recent != room->recent.cend()) {
        if (!acting.isOperator()) {
            if (auto refused = mayDeleteLocked(acting, recent->from, request.id))
                return *std::move(refused);
        }
        deleteLocked(*room, request.room, request.seq, acting);
        return std::optional<Done>(doneLocked(acting, request.id, u"delete"_s));
    }
    const Storage::PageRequest page{
        request.room, request.seq - 1, request.seq + 1, 1, m_state.maxPageBytes, true};
    const bool queued = m_state.storage->readPage(
        acting.session, true, page, [this, actor, request](bool ok, const Storage::Page &read) {
            finishDelete(actor, request, ok ? read.messages : QList<MessageEvent>(), ok);
        });
    if (!queued)
        return makeError(request.id, ErrorCode::Busy,
                         u"Too many reads are waiting; try again in a moment."_s);
    return std::optional<Done>(); // answered by finishDelete()
}

void Moderation::finishDelete(const Actor &actor, const DeleteMessage &request,
                              const QList<MessageEvent> &read, bool ok)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = actorLocked(actor, request.id);
    const auto *acting = std::get_if<Acting>(&found);
    if (!acting)
        return; // signed out meanwhile: nobody to answer, nothing done
    const auto answer = [&](const std::optional<Error> &error) {
        if (error)
            m_state.replyLocked(acting->session, *acting->info, *error);
    };
    if (!ok)
        return answer(makeError(request.id, ErrorCode::Internal,
                                u"The message could not be read; try again."_s));
    const auto room = m_state.rooms.find(request.room);
    if (room == m_state.rooms.end() || read.isEmpty() || read.first().seq != request.seq
        || read.first().deleted)
        return answer(
            makeError(request.id, ErrorCode::NotFound,
                      u"There is no message %1 in \"%2\"."_s.arg(request.seq).arg(request.room)));
    if (auto refused = mayTouchRoomLocked(*acting, *room, request.room, request.id))
        return answer(refused);
    if (auto refused = mayDeleteLocked(*acting, read.first().from, request.id))
        return answer(refused);
    deleteLocked(*room, request.room, request.seq, *acting);
    doneLocked(*acting, request.id, u"delete"_s);
}

HubResult<Done> Moderation::lift(const Actor &actor, const Lift &request)
{
    const bool byAddress = !request.address.isEmpty();
    if (byAddress && QHostAddress(request.address).isNull())
        return makeError(request.id, ErrorCode::BadField, u"\"address\" must be an IP address."_s);
    // The rank rule is checked here rather than by moderate(): a guest who was banned is neither
    // online nor an account, and its ban can be lifted all the same (it ranks as a guest).
    return moderate(
        actor, request.id, u"lift"_s, QString(), false,
        [&](const Acting &acting) -> std::optional<Error> {
            if (!byAddress && rankOfLocked(request.user) >= acting.rank)
                return makeError(
                    request.id, ErrorCode::Forbidden,
                    u"\"%1\" has the same role as you or a higher one."_s.arg(request.user));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const auto active = [now](const Sanction &s) { return s.until == 0 || s.until > now; };
            Sanction lifted;
            if (request.what == SanctionAction::Ban) {
                const QString key = byAddress ? addressKey(request.address) : folded(request.user);
                const auto ban = m_state.bans.find(key);
                if (ban == m_state.bans.end() || !active(*ban))
                    return makeError(request.id, ErrorCode::NotFound,
                                     byAddress
                                         ? u"The address %1 is not banned."_s.arg(request.address)
                                         : u"\"%1\" is not banned."_s.arg(request.user));
                lifted = *ban;
                m_state.bans.erase(ban);
            } else {
                const auto mutes = m_state.mutes.find(folded(request.user));
                qsizetype index = -1;
                if (mutes != m_state.mutes.end()) {
                    for (qsizetype i = 0; i < mutes->size() && index < 0; ++i) {
                        if (mutes->at(i).room == request.room && active(mutes->at(i)))
                            index = i;
                    }
                }
                if (index < 0)
                    return makeError(
                        request.id, ErrorCode::NotFound,
                        request.room.isEmpty()
                            ? u"\"%1\" is not muted everywhere."_s.arg(request.user)
                            : u"\"%1\" is not muted in \"%2\"."_s.arg(request.user, request.room));
                lifted = mutes->takeAt(index);
                if (mutes->isEmpty())
                    m_state.mutes.erase(mutes);
            }
            m_state.storage->perform(u"a lifted sanction"_s, [lifted](Store &store) {
                return store.removeSanction(lifted);
            });
            if (!byAddress) {
                SanctionEvent told{SanctionAction::Lift, acting.name, {}, 0, lifted.room};
                told.lifted = request.what;
                for (quint64 holder : m_state.sessionsByName.value(folded(request.user)))
                    tellLocked(holder, told);
            }
            auditLocked(acting.name, u"lift"_s, lifted.name, lifted.room, toWire(request.what));
            return std::nullopt;
        });
}

namespace {
// The order of "sanctions": newest first, then by kind, name (or address key) and room, so that
// a cursor (the last one of a page) says where the next page starts even if it was lifted since.
struct SanctionKey
{
    qint64 since = 0;
    int kind = 0;
    QString key;
    QString room;
    bool operator<(const SanctionKey &other) const
    {
        if (since != other.since)
            return since > other.since;
        return std::tie(kind, key, room) < std::tie(other.kind, other.key, other.room);
    }
};

QString cursorOf(const SanctionKey &key)
{
    const QByteArray names = (key.key + u'\n' + key.room).toUtf8();
    return u"%1:%2:%3"_s.arg(key.since).arg(key.kind).arg(QString::fromLatin1(
        names.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
}

std::optional<SanctionKey> keyOfCursor(const QString &cursor)
{
    const QStringList parts = cursor.split(u':');
    if (parts.size() != 3)
        return std::nullopt;
    bool sinceOk = false;
    bool kindOk = false;
    SanctionKey key{parts[0].toLongLong(&sinceOk), parts[1].toInt(&kindOk), {}, {}};
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[2].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QStringList names = QString::fromUtf8(*decoded).split(u'\n');
    if (!sinceOk || !kindOk || !decoded || names.size() != 2)
        return std::nullopt;
    key.key = names[0];
    key.room = names[1];
    return key;
}
} // namespace

HubResult<SanctionList> Moderation::listSanctions(const Actor &actor, const ListSanctions &request)
{
    if (request.limit > m_state.sanctionsPage)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_state.sanctionsPage));
    std::optional<SanctionKey> after;
    if (!request.after.isEmpty() && !(after = keyOfCursor(request.after)))
        return makeError(request.id, ErrorCode::BadField,
                         u"\"after\" must be the \"next\" of an earlier page."_s);
    QMutexLocker lock(&m_state.mutex);
    const auto found = moderatorLocked(actor, request.id, QString(), false);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Acting &acting = std::get<Acting>(found);

    // Every active one, in the page order. A server has few (each is a moderator's act).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<std::pair<SanctionKey, const Sanction *>> all;
    for (auto it = m_state.bans.cbegin(); it != m_state.bans.cend(); ++it) {
        if (it->until == 0 || it->until > now)
            all.append({SanctionKey{it->since, 0, it.key(), {}}, &*it});
    }
    for (auto it = m_state.mutes.cbegin(); it != m_state.mutes.cend(); ++it) {
        for (const Sanction &mute : *it) {
            if (mute.until == 0 || mute.until > now)
                all.append({SanctionKey{mute.since, 1, it.key(), mute.room}, &mute});
        }
    }
    std::sort(all.begin(), all.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    auto from = all.cbegin();
    if (after)
        from = std::upper_bound(
            all.cbegin(), all.cend(), *after,
            [](const SanctionKey &key, const auto &item) { return key < item.first; });

    const qsizetype limit = request.limit > 0 ? request.limit : m_state.sanctionsPage;
    SanctionList list{request.id, {}, false, {}};
    // The page's size in bytes as it goes, as list_rooms counts it; "next" at its longest.
    const qsizetype emptySize =
        MessageCodec::encode(SanctionList{request.id, {}, true, QString(MaxCursorLength, u'x')})
            .size();
    const qsizetype bareSize = MessageCodec::encode(SanctionList{}).size();
    qsizetype bytes = emptySize;
    for (auto it = from; it != all.cend(); ++it) {
        if (list.sanctions.size() >= limit) {
            list.more = true;
            break;
        }
        const Sanction &sanction = *it->second;
        const bool address = sanction.name.startsWith(u"address:"_s);
        SanctionInfo info{sanction.kind == Sanction::Kind::Ban ? SanctionAction::Ban
                                                               : SanctionAction::Mute,
                          address ? QString() : sanction.name,
                          address ? sanction.name.mid(8) : QString(),
                          sanction.room,
                          sanction.until,
                          sanction.reason,
                          sanction.by,
                          sanction.since};
        const qsizetype size = MessageCodec::encode(SanctionList{{}, {info}, false, {}}).size()
            - bareSize + (list.sanctions.isEmpty() ? 0 : 1);
        if (!list.sanctions.isEmpty() && bytes + size > m_state.listMaxBytes) {
            list.more = true;
            break;
        }
        bytes += size;
        list.sanctions.append(std::move(info));
        list.next = cursorOf(it->first);
    }
    if (!list.more)
        list.next.clear();
    if (!acting.isOperator())
        m_state.replyLocked(acting.session, *acting.info, list);
    return list;
}

std::optional<Error> Moderation::readAudit(const Actor &actor, const ReadAudit &request,
                                           AuditDone done)
{
    if (request.limit > m_state.auditPage)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_state.auditPage));
    if (request.since > 0 && request.until > 0 && request.since > request.until)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"since\" must not be later than \"until\"."_s);
    quint64 session = 0;
    {
        QMutexLocker lock(&m_state.mutex);
        const auto found = moderatorLocked(actor, request.id, QString(), false);
        if (const auto *error = std::get_if<Error>(&found))
            return *error;
        session = std::get<Acting>(found).session;
    }
    AuditQuery query{request.before, request.limit > 0 ? request.limit : m_state.auditPage,
                     request.actor,  request.target,
                     request.action, request.since,
                     request.until};
    const qint64 maxBytes = m_state.listMaxBytes;
    const QString requestId = request.id;
    const bool queued = m_state.storage->read(
        session, true, [this, session, query, maxBytes, requestId, done](Store &store) {
            AuditPage page{requestId, {}, false};
            const bool ok = store.readAudit(query, &page.entries, &page.more);
            if (!ok)
                qCWarning(lcHub) << "cannot read the audit log:" << store.errorString();
            // Capped in bytes as list_rooms is (at least one entry a page, so paging goes on).
            const qsizetype bare = MessageCodec::encode(AuditPage{}).size();
            qsizetype bytes = MessageCodec::encode(AuditPage{requestId, {}, true}).size();
            for (qsizetype i = 0; i < page.entries.size(); ++i) {
                bytes += MessageCodec::encode(AuditPage{{}, {page.entries[i]}, false}).size() - bare
                    + (i > 0 ? 1 : 0);
                if (i > 0 && bytes > maxBytes) {
                    page.entries.resize(i);
                    page.more = true;
                    break;
                }
            }
            if (session == 0) {
                if (done)
                    done(ok, page);
                return;
            }
            QMutexLocker lock(&m_state.mutex);
            const auto info = m_state.sessions.constFind(session);
            if (info == m_state.sessions.cend())
                return; // gone meanwhile: nobody to answer
            if (ok)
                m_state.replyLocked(session, *info, page);
            else
                m_state.replyLocked(session, *info,
                                    makeError(requestId, ErrorCode::Internal,
                                              u"The audit log could not be read; try again."_s));
        });
    if (!queued)
        return makeError(request.id, ErrorCode::Busy,
                         u"Too many reads are waiting; try again in a moment."_s);
    return std::nullopt;
}

HubResult<Done> Moderation::setRole(const Actor &actor, const SetRole &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto found = actorLocked(actor, request.id);
    if (const auto *error = std::get_if<Error>(&found))
        return *error;
    const Acting &acting = std::get<Acting>(found);
    if (!acting.isOperator() && acting.info->role != Role::Admin)
        return makeError(request.id, ErrorCode::Forbidden, u"Only admins change roles."_s);
    if (request.role != Role::Member && request.role != Role::Moderator)
        return makeError(request.id, ErrorCode::BadField,
                         u"\"role\" must be \"member\" or \"moderator\"."_s);
    const auto account = m_state.accounts.find(folded(request.user));
    if (account == m_state.accounts.end())
        return makeError(request.id, ErrorCode::NoSuchUser,
                         u"There is no account called \"%1\"."_s.arg(request.user));
    if (account->role == Role::Admin)
        return makeError(
            request.id, ErrorCode::Forbidden,
            u"\"%1\" is an admin: an admin's role is not changed here."_s.arg(account->name));
    if (account->role != request.role) {
        account->role = request.role;
        const qint64 id = account->id;
        const Role role = request.role;
        m_state.storage->perform(u"a new role"_s,
                                 [id, role](Store &store) { return store.setRole(id, role); });
        // Its sessions act with the new role from now on, and are told so.
        const QByteArray told = m_state.encode(RoleChangedEvent{role, acting.name});
        for (quint64 holder : m_state.sessionsByName.value(folded(request.user))) {
            const auto info = m_state.sessions.find(holder);
            if (info == m_state.sessions.end())
                continue;
            info->role = role;
            if (info->fanOut && info->kind != ClientKind::Plain)
                info->fanOut->post(told, {holder});
        }
        auditLocked(acting.name, u"set_role"_s, account->name, {}, toWire(role));
        qCInfo(lcHub) << acting.name << "made" << account->name << "a" << toWire(role);
    }
    return doneLocked(acting, request.id, u"set_role"_s);
}

} // namespace sori::server
