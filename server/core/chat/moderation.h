// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/actor.h"
#include "core/chat/hubstate.h"

namespace sori::server {

class Changes;

// Moderation: kicks, bans, mutes, deletions and revoked sign-ins, the sanctions they leave, and
// the audit log. Each action takes an Actor: a session (a moderator or admin, never against
// someone of the same or a higher role) or the operator (no rank check, "server" in the log).
// Works on the hub's state (core/chat/hubstate.h) under its mutex.
class Moderation
{
    Q_DISABLE_COPY_MOVE(Moderation)

public:
    explicit Moderation(HubState &state) : m_state(state) { }

    void loadSanctions(const QList<Sanction> &sanctions);

    // Each answers the acting session with "done" (posted in order); the operator gets the value.
    HubResult<protocol::Done> kick(const Actor &actor, const protocol::Kick &request);
    HubResult<protocol::Done> ban(const Actor &actor, const protocol::Ban &request);
    HubResult<protocol::Done> mute(const Actor &actor, const protocol::Mute &request);
    // A message's author decides (own messages, or a lower role). The author of a recent
    // message is at hand; an older one is read from storage first, and the session is then
    // answered ("done" or the error) once it is: the value is empty in that case. The operator
    // is always answered at once.
    HubResult<std::optional<protocol::Done>> deleteMessage(const Actor &actor,
                                                           const protocol::DeleteMessage &request);
    HubResult<protocol::Done> revokeTokens(const Actor &actor,
                                           const protocol::RevokeTokens &request);
    // The moderation tools (docs/protocol.md §13).
    // Ends an active ban or mute early (not_found if there is none); the rank rule is ban's and
    // mute's. The person's sessions get a "sanction" event with action "lift".
    HubResult<protocol::Done> lift(const Actor &actor, const protocol::Lift &request);
    // A page of the active bans and mutes, newest first, within sanctions/max-page and
    // rooms/list-max-bytes; answered to the session (the operator gets the value).
    HubResult<protocol::SanctionList> listSanctions(const Actor &actor,
                                                    const protocol::ListSanctions &request);
    // A page of the audit log, read off the hub's lock where history pages are read (busy when
    // too many reads wait). A session is answered once it is read; for the operator, `done` gets
    // the page (on the reading thread; ok false: the read failed). An error is returned if the
    // request is refused at once.
    using AuditDone = std::function<void(bool ok, const protocol::AuditPage &page)>;
    std::optional<protocol::Error> readAudit(const Actor &actor, const protocol::ReadAudit &request,
                                             AuditDone done = {});
    // Admins: an account becomes a member or a moderator (never an admin's role); stored, and
    // told to its sessions ("role").
    HubResult<protocol::Done> setRole(const Actor &actor, const protocol::SetRole &request);

    // An actor as found under the lock.
    struct Acting
    {
        quint64 session = 0; // 0: the operator
        HubState::SessionInfo *info = nullptr; // null: the operator
        QString name; // in the audit log and events: "server" for the operator
        QString by; // in close reasons ("kicked by ..."): "the server" for the operator
        int rank = 0; // the operator's is above every role
        bool isOperator() const { return info == nullptr; }
    };

    // With the hub's mutex held.
    // The actor, if its session is online (the operator always is); else the error.
    HubResult<Acting> actorLocked(const Actor &actor, const QString &requestId);
    // The error for a banned name or address, if it is banned.
    std::optional<protocol::Error> bannedLocked(const QString &name, const QString &address,
                                                const QString &requestId) const;
    // The error for a muted sender, if it is muted in the room (the send path: no allocation).
    std::optional<protocol::Error> mutedLocked(const QString &nameKey, const QString &room,
                                               const QString &requestId, qint64 now) const;
    // The "done" for the acting session (posted to it, if it is still online) or the operator.
    protocol::Done doneLocked(const Acting &acting, const QString &requestId,
                              const QString &action);
    void auditLocked(const QString &actor, const QString &action, const QString &target,
                     const QString &room, const QString &detail);

private:
    // The actor, if it may moderate `target` (a null target: anyone); else the error.
    HubResult<Acting> moderatorLocked(const Actor &actor, const QString &requestId,
                                      const QString &target, bool mustBeOnline);
    // Locks, checks the actor (moderatorLocked), runs `act` (an error refuses), answers "done".
    template<typename Action>
    HubResult<protocol::Done> moderate(const Actor &actor, const QString &requestId,
                                       const QString &action, const QString &target,
                                       bool mustBeOnline, Action &&act);
    using Room = HubState::Room;
    // Whether the actor may moderate in the room: never in a direct conversation it is not in.
    std::optional<protocol::Error> mayTouchRoomLocked(const Acting &acting, const Room &room,
                                                      const QString &roomName,
                                                      const QString &requestId) const;
    // Whether the actor may delete a message by `author`.
    std::optional<protocol::Error> mayDeleteLocked(const Acting &acting, const QString &author,
                                                   const QString &requestId) const;
    void deleteLocked(Room &room, const QString &roomName, qint64 seq, const Acting &acting);
    // deleteMessage() for a message that was not among the recent ones, once it was read.
    void finishDelete(const Actor &actor, const protocol::DeleteMessage &request,
                      const QList<protocol::MessageEvent> &read, bool ok);
    // Writes a ban or a mute behind, with who gave it.
    void addSanctionLocked(const Sanction &sanction, const QString &what, const QString &by);
    // The rank of a person by name: its sessions online, its account; else a guest's.
    int rankOfLocked(const QString &name) const;
    // Tells a session what was done to it (a "sanction" event; plain clients read the close
    // reason instead).
    void tellLocked(quint64 session, const protocol::SanctionEvent &sanction);
    // Tells every session of `name` what was done (sanction), then closes it.
    void closeSessionsOfLocked(const QString &name, protocol::CloseCode code, const QString &reason,
                               const protocol::SanctionEvent &sanction);

    HubState &m_state;
    Changes *m_changes = nullptr;

public:
    // Deletes go through the changes to messages (set once, by the hub).
    void setChanges(Changes *changes) { m_changes = changes; }
};

} // namespace sori::server
