// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/replay.h"

#include "core/chat/changes.h"

#include "core/logging.h"
#include "protocol/messagecodec.h"

using namespace Qt::StringLiterals;

namespace sori::server {

using namespace protocol;
using namespace chat;

qsizetype Replay::fittingCount(const QList<MessageEvent> &messages, qint64 budget, bool newest)
{
    // Each message is counted as it is encoded in the frame, with a comma: at least one fits.
    qint64 bytes = 0;
    for (qsizetype n = 0; n < messages.size(); ++n) {
        bytes += MessageCodec::encodedSize(messages.at(newest ? messages.size() - 1 - n : n)) + 1;
        if (bytes > budget && n > 0)
            return n;
    }
    return messages.size();
}

void Replay::afterJoinLocked(quint64 session, const HubState::SessionInfo &info,
                             HubState::Room &room, const QString &roomName,
                             const QString &requestId, qint64 since)
{
    if (since < 0) {
        // The latest messages come right after, before anything live: as many as fit in a page.
        const qsizetype skip =
            room.recent.size() - fittingCount(room.recent, m_state.maxPageBytes, true);
        const QList<MessageEvent> latest = skip == 0 ? room.recent : room.recent.mid(skip);
        const bool more = !latest.isEmpty() && latest.first().seq > 1;
        m_state.replyLocked(session, info, History{requestId, roomName, latest, more});
        return;
    }
    const qint64 last = room.storedSeq;
    // Everything missed is among the latest messages and changes kept in memory (and within
    // the replay cap): sent at once.
    if (since >= last
        || (last - since <= m_state.maxCatchUp && !room.recent.isEmpty()
            && room.recent.first().seq <= since + 1 && room.changesKeptFrom <= since + 1)) {
        QList<MessageEvent> missed;
        for (const MessageEvent &message : std::as_const(room.recent)) {
            if (message.seq > since)
                missed.append(message);
        }
        // The oldest that fit in a page; the client asks for the rest (history with "after").
        const qsizetype fit = fittingCount(missed, m_state.maxPageBytes, false);
        const bool more = fit < missed.size();
        // The changes up to where the page ends: the client's last seq must not pass a message
        // it has not got yet.
        const qint64 through = more ? missed.at(fit).seq : last + 1;
        missed.resize(fit);
        History history{requestId, roomName, missed, more};
        for (const MessageChange &change : std::as_const(room.recentChanges)) {
            const qint64 at = Changes::atOf(change);
            if (at > since && at < through)
                history.changes.append(change);
        }
        m_state.replyLocked(session, info, history);
        return;
    }
    // Else from storage: the oldest missed that fit in a page. Until it answers, what the room
    // sends this session waits, so that the replay comes first and nothing comes twice.
    const qint64 from = qMax(since, last - m_state.maxCatchUp); // replayed: from + 1 .. last
    room.catchingUp.insert(session, {});
    // Never refused: a session has one replay per room at a time (a second join is refused).
    m_state.storage->readPage(session, false,
                              Storage::PageRequest{roomName, from, last + 1, int(last - from),
                                                   m_state.maxPageBytes, true},
                              [this, session, roomName, requestId, since, from,
                               last](bool ok, const Storage::Page &page) {
                                  finishCatchUp(session, roomName, requestId, since, from, last, ok,
                                                page);
                              });
}

void Replay::finishCatchUp(quint64 session, const QString &roomName, const QString &requestId,
                           qint64 since, qint64 from, qint64 last, bool ok,
                           const Storage::Page &page)
{
    QMutexLocker lock(&m_state.mutex);
    const auto room = m_state.rooms.find(roomName);
    const auto info = m_state.sessions.constFind(session);
    if (room == m_state.rooms.end() || info == m_state.sessions.cend()
        || !room->catchingUp.contains(session))
        return; // gone meanwhile
    const QList<QByteArray> waiting = room->catchingUp.take(session);
    if (!ok) {
        m_state.replyLocked(
            session, *info,
            Error{requestId, ErrorCode::Internal,
                  u"The messages you missed in \"%1\" could not be read; join again."_s.arg(
                      roomName)});
    } else {
        QList<MessageEvent> missed;
        missed.reserve(page.messages.size());
        for (const MessageEvent &message : page.messages) {
            if (message.seq > from)
                missed.append(message);
        }
        if (from > since)
            m_state.replyLocked(session, *info,
                                GapEvent{roomName, since + 1, from, GapReason::Limit});
        // The first row read, a message or a change: what lies before it was deleted.
        qint64 first = missed.isEmpty() ? last + 1 : missed.first().seq;
        if (!page.changes.isEmpty())
            first = qMin(first, Changes::atOf(page.changes.first()));
        if (first > from + 1)
            m_state.replyLocked(session, *info,
                                GapEvent{roomName, from + 1, first - 1, GapReason::Retention});
        History history{requestId, roomName, missed, page.more};
        history.changes = page.changes;
        m_state.replyLocked(session, *info, history);
    }
    for (const QByteArray &frame : waiting)
        info->fanOut->post(frame, {session});
}

std::optional<Error> Replay::history(quint64 session, const HistoryRequest &request)
{
    if (request.limit < 1 || request.limit > m_state.maxHistoryPage) {
        return makeError(request.id, ErrorCode::BadField,
                         u"\"limit\" must be from 1 to %1."_s.arg(m_state.maxHistoryPage));
    }
    QMutexLocker lock(&m_state.mutex);
    const auto member = m_state.memberLocked(session, request.id, request.room,
                                             u"Join the room \"%1\" to read its history."_s);
    if (const auto *error = std::get_if<Error>(&member))
        return *error;
    FanOut *fanOut = std::get<HubState::Membership>(member).info->fanOut;
    // Back from `before` (the newest that fit), forward from `after` (the oldest that fit, and
    // the changes among them: a catch-up), or around a message.
    Storage::PageRequest page{request.room,  request.after,        request.before,
                              request.limit, m_state.maxPageBytes, request.after > 0};
    page.around = request.around;
    const bool queued = m_state.storage->readPage(
        session, true, page,
        [fanOut, encoder = &m_state.encoder, session, id = request.id,
         room = request.room](bool ok, const Storage::Page &read) {
            ServerMessage reply;
            if (ok) {
                History history{id, room, read.messages, read.more, read.newer};
                history.changes = read.changes;
                reply = history;
            } else
                reply =
                    Error{id, ErrorCode::Internal, u"The history could not be read; try again."_s};
            fanOut->post(encoder->encode(reply), {session});
        });
    if (!queued) {
        qCDebug(lcHub) << "history refused (busy) to session" << session;
        return makeError(request.id, ErrorCode::Busy,
                         u"Too many history requests are waiting; try again in a moment."_s);
    }
    return std::nullopt;
}

} // namespace sori::server
