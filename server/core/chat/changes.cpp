// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/changes.h"

#include "core/chat/moderation.h"
#include "core/logging.h"
#include "protocol/validation.h"

#include <QtCore/QDateTime>

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

namespace {
// Whether the session sent the message: the same account, or the same guest name while it is
// the guest's (a guest's message never belongs to an account of that name, nor the other way).
bool sentBy(const HubState::SessionInfo &info, const MessageEvent &message)
{
    return folded(message.from) == info.nameKey && message.guest == (info.account < 0);
}

ServerMessage toServerMessage(const MessageChange &change)
{
    return std::visit([](const auto &event) -> ServerMessage { return event; }, change);
}
} // namespace

MessageChange Changes::eventOf(const StoredChange &change)
{
    switch (change.kind) {
    case StoredChange::Kind::Edit:
        return EditedEvent{change.room,
                           change.target,
                           change.at,
                           change.text,
                           change.by,
                           change.time,
                           findMentions(change.text)};
    case StoredChange::Kind::Delete:
        return DeletedEvent{change.room, change.target, change.by, change.at};
    case StoredChange::Kind::ReactOn:
    case StoredChange::Kind::ReactOff:
        break;
    }
    return ReactionEvent{change.room, change.target, change.at,
                         change.by,   change.text,   change.kind == StoredChange::Kind::ReactOn};
}

void Changes::queueLocked(HubState::Room &room, StoredChange change, quint64 session,
                          const QString &requestId, bool acknowledge)
{
    change.at = ++room.seq;
    PendingMessage pending;
    pending.message = MessageEvent{change.room, change.at,   change.by,
                                   change.text, change.time, {},
                                   false,       change.role, change.role == Role::Guest};
    pending.session = session;
    pending.requestId = requestId;
    pending.event = m_state.encode(toServerMessage(eventOf(change)));
    if (acknowledge)
        pending.ackEvent = m_state.encode(Ack{requestId, change.room, change.at, {}});
    pending.change = std::move(change);
    m_state.storage->append(std::move(pending));
}

void Changes::storedLocked(HubState::Room &room, const StoredChange &change)
{
    for (MessageEvent &message : room.recent) {
        if (message.seq == change.target) {
            applyTo(message, change);
            break;
        }
    }
    room.recentChanges.append(eventOf(change));
    // Kept as far back as the recent messages go, and no more than a few pages of them: a
    // catch-up from further back reads storage.
    const qint64 oldest = room.recent.isEmpty() ? change.at : room.recent.first().seq;
    const qsizetype most = qMax<qsizetype>(4 * m_state.historyOnJoin, 64);
    while (!room.recentChanges.isEmpty()
           && (room.recentChanges.size() > most || atOf(room.recentChanges.first()) < oldest)) {
        room.changesKeptFrom = atOf(room.recentChanges.first()) + 1;
        room.recentChanges.removeFirst();
    }
}

qint64 Changes::atOf(const MessageChange &change)
{
    return std::visit([](const auto &event) { return event.at; }, change);
}

void Changes::applyTo(MessageEvent &message, const StoredChange &change)
{
    switch (change.kind) {
    case StoredChange::Kind::Edit:
        if (!message.deleted) {
            message.text = change.text;
            message.edited = change.time;
            message.mentions = findMentions(change.text);
        }
        return;
    case StoredChange::Kind::Delete:
        message.text.clear();
        message.deleted = true;
        message.reactions.clear();
        message.attachments.clear();
        message.mentions.clear();
        message.quote.reset();
        return;
    case StoredChange::Kind::ReactOn:
    case StoredChange::Kind::ReactOff:
        break;
    }
    if (message.deleted)
        return;
    const bool on = change.kind == StoredChange::Kind::ReactOn;
    auto reaction = std::find_if(message.reactions.begin(), message.reactions.end(),
                                 [&](const Reaction &r) { return r.emoji == change.text; });
    if (reaction == message.reactions.end()) {
        if (on)
            message.reactions.append(Reaction{change.text, {change.by}});
        return;
    }
    if (on) {
        if (!reaction->users.contains(change.by))
            reaction->users.append(change.by);
        return;
    }
    reaction->users.removeOne(change.by);
    if (reaction->users.isEmpty())
        message.reactions.erase(reaction);
}

std::optional<Error> Changes::withTargetLocked(quint64 session, HubState::Room &room,
                                               const QString &roomName, qint64 seq,
                                               const QString &requestId, Found found)
{
    const auto notFound = [&] {
        return makeError(requestId, ErrorCode::NotFound,
                         u"There is no message %1 in \"%2\"."_s.arg(seq).arg(roomName));
    };
    if (seq < 1 || seq > room.storedSeq)
        return notFound();
    const auto recent = std::find_if(room.recent.cbegin(), room.recent.cend(),
                                     [seq](const MessageEvent &m) { return m.seq == seq; });
    if (recent != room.recent.cend()) {
        if (recent->deleted)
            return notFound();
        const MessageEvent target = *recent; // found() may change room.recent
        return found(m_state.sessions[session], room, target);
    }
    if (!room.recent.isEmpty() && seq >= room.recent.first().seq)
        return notFound(); // a change, not a message
    // Older than what memory holds: read first, then decide with the lock held again.
    const Storage::PageRequest page{roomName, seq - 1, seq + 1, 1, m_state.maxPageBytes, true};
    const bool queued = m_state.storage->readPage(
        session, true, page,
        [this, session, roomName, seq, requestId, found](bool ok, const Storage::Page &read) {
            QMutexLocker lock(&m_state.mutex);
            const auto info = m_state.sessions.find(session);
            const auto room = m_state.rooms.find(roomName);
            if (info == m_state.sessions.end() || room == m_state.rooms.end()
                || !room->members.contains(session))
                return; // gone meanwhile: nothing done, nobody to tell
            std::optional<Error> error;
            if (!ok)
                error = makeError(requestId, ErrorCode::Internal,
                                  u"The message could not be read; try again."_s);
            else if (read.messages.isEmpty() || read.messages.first().seq != seq
                     || read.messages.first().deleted)
                error = makeError(requestId, ErrorCode::NotFound,
                                  u"There is no message %1 in \"%2\"."_s.arg(seq).arg(roomName));
            else
                error = found(*info, *room, read.messages.first());
            if (error)
                m_state.replyLocked(session, *info, *error);
        });
    if (!queued)
        return makeError(requestId, ErrorCode::Busy,
                         u"Too many reads are waiting; try again in a moment."_s);
    return std::nullopt;
}

std::optional<Error> Changes::edit(quint64 session, const Edit &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"Join the room \"%1\" to edit its messages."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<HubState::Membership>(member);
    if (room->archived)
        return makeError(request.id, ErrorCode::Archived,
                         u"\"%1\" is archived: its messages stay as they are."_s.arg(request.room));
    if (auto muted = m_moderation.mutedLocked(info->nameKey, request.room, request.id,
                                              QDateTime::currentMSecsSinceEpoch()))
        return muted;
    return withTargetLocked(
        session, *room, request.room, request.seq, request.id,
        [this, session, request](HubState::SessionInfo &info, HubState::Room &room,
                                 const MessageEvent &target) -> std::optional<Error> {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (!sentBy(info, target))
                return makeError(request.id, ErrorCode::Forbidden,
                                 u"Only the sender may edit a message."_s);
            if (m_state.editWindowMs > 0 && now - target.time > m_state.editWindowMs)
                return makeError(request.id, ErrorCode::TooLate,
                                 u"Messages may be edited for %1 minutes after sending."_s.arg(
                                     m_state.editWindowMs / 60'000));
            queueLocked(room,
                        StoredChange{StoredChange::Kind::Edit, request.room, 0, request.seq,
                                     info.name, info.role, request.text, now},
                        session, request.id, true);
            return std::nullopt;
        });
}

std::optional<Error> Changes::react(quint64 session, const React &request)
{
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"Join the room \"%1\" to react in it."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    const auto [info, room] = std::get<HubState::Membership>(member);
    if (room->archived)
        return makeError(request.id, ErrorCode::Archived,
                         u"\"%1\" is archived: its messages stay as they are."_s.arg(request.room));
    return withTargetLocked(
        session, *room, request.room, request.seq, request.id,
        [this, session, request](HubState::SessionInfo &info, HubState::Room &room,
                                 const MessageEvent &target) -> std::optional<Error> {
            const bool known = std::any_of(
                target.reactions.cbegin(), target.reactions.cend(),
                [&](const Reaction &reaction) { return reaction.emoji == request.emoji; });
            if (request.on && !known && target.reactions.size() >= m_state.reactionsPerMessage)
                return makeError(request.id, ErrorCode::TooManyReactions,
                                 u"A message takes at most %1 different reactions."_s.arg(
                                     m_state.reactionsPerMessage));
            queueLocked(room,
                        StoredChange{request.on ? StoredChange::Kind::ReactOn
                                                : StoredChange::Kind::ReactOff,
                                     request.room, 0, request.seq, info.name, info.role,
                                     request.emoji, QDateTime::currentMSecsSinceEpoch()},
                        session, request.id, true);
            return std::nullopt;
        });
}

} // namespace sori::server
