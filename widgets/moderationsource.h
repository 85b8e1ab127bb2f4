// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QObject>

namespace sori::widgets {

// Where the moderation views (moderationviews.h) read sanctions and the audit log from, and send
// a lift to: the server window reads them through its Monitor, as the operator; sori-chat over
// the wire, as the moderator signed in (docs/protocol.md §13). Both answer with the protocol's
// own pages, so one set of views serves both.
class ModerationSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModerationSource)

public:
    using QObject::QObject;

    // A page of the active bans and mutes (after: the `next` of the previous page):
    // sanctionsListed().
    virtual void listSanctions(const QString &after = {}) = 0;
    // Ends a ban or a mute early, as listed: of its name or its address, in its room (a mute's
    // empty room: everywhere).
    virtual void lift(const protocol::SanctionInfo &sanction) = 0;
    // A page of the audit log: auditRead().
    virtual void readAudit(const protocol::ReadAudit &filter) = 0;

Q_SIGNALS:
    void sanctionsListed(const sori::protocol::SanctionList &sanctions);
    void auditRead(const sori::protocol::AuditPage &page);
    // An action was done through this source, or by the person or operator behind it elsewhere
    // in the same app (a ban, a mute, a lift, a topic...): the views read their page again.
    void actionFinished(const QString &action, bool ok);
};

} // namespace sori::widgets
