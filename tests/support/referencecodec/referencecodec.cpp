// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "tests/support/referencecodec/referencecodec.h"

#include "protocol/messagecodec_p.h"

#include <utility>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using namespace Qt::StringLiterals;

namespace sori::protocol::reference {

namespace {

using detail::insertIfSet;
using detail::jsonFrame;
using detail::OptionalStrings;

// Events have no id.
QJsonObject event(QLatin1StringView type, QJsonObject fields, OptionalStrings optional = {})
{
    return jsonFrame(type, {}, std::move(fields), optional);
}

void insertIfTrue(QJsonObject &object, QLatin1StringView key, bool value)
{
    if (value)
        object.insert(key, true);
}

void insertIfPositive(QJsonObject &object, QLatin1StringView key, qint64 value)
{
    if (value > 0)
        object.insert(key, value);
}

void insertStatus(QJsonObject &object, PresenceStatus status)
{
    if (status != PresenceStatus::Online)
        object.insert("status"_L1, toWire(status));
}

void insertStringsIfAny(QJsonObject &object, QLatin1StringView key, const QStringList &items)
{
    if (!items.isEmpty())
        object.insert(key, QJsonArray::fromStringList(items));
}

QJsonObject toObject(const Member &member)
{
    QJsonObject o{{"name"_L1, member.name}, {"kind"_L1, toWire(member.kind)}};
    insertStatus(o, member.status);
    return o;
}

QJsonObject toObject(const Reaction &reaction)
{
    return {{"emoji"_L1, reaction.emoji}, {"users"_L1, QJsonArray::fromStringList(reaction.users)}};
}

QJsonObject toObject(const UnreadRoom &m)
{
    return {{"room"_L1, m.room}, {"kind"_L1, toWire(m.kind)}, {"seq"_L1, m.seq},
            {"read"_L1, m.read}, {"unread"_L1, m.unread},     {"mentions"_L1, m.mentions}};
}

QJsonObject toObject(const Person &m)
{
    QJsonObject o{{"name"_L1, m.name},
                  {"role"_L1, toWire(m.role)},
                  {"online"_L1, m.online},
                  {"lastSeen"_L1, m.lastSeen}};
    insertStatus(o, m.status);
    return o;
}

template<typename List>
QJsonArray toArray(const List &items);

QJsonObject toObject(const RoomInfo &room)
{
    QJsonObject r{
        {"name"_L1, room.name}, {"kind"_L1, toWire(room.kind)}, {"online"_L1, room.online}};
    insertIfSet(r, "topic"_L1, room.topic);
    insertIfTrue(r, "archived"_L1, room.archived);
    return r;
}

QJsonObject toObject(const SanctionInfo &m)
{
    QJsonObject o{{"kind"_L1, toWire(m.kind)}, {"by"_L1, m.by}, {"since"_L1, m.since}};
    insertIfSet(o, "user"_L1, m.user);
    insertIfSet(o, "address"_L1, m.address);
    insertIfSet(o, "room"_L1, m.room);
    insertIfSet(o, "reason"_L1, m.reason);
    insertIfPositive(o, "until"_L1, m.until);
    return o;
}

QJsonObject toObject(const AuditEntry &m)
{
    QJsonObject o{
        {"id"_L1, m.id}, {"time"_L1, m.time}, {"actor"_L1, m.actor}, {"action"_L1, m.action}};
    insertIfSet(o, "target"_L1, m.target);
    insertIfSet(o, "room"_L1, m.room);
    insertIfSet(o, "detail"_L1, m.detail);
    return o;
}

QJsonObject toObject(const DeviceInfo &m)
{
    QJsonObject o{{"device"_L1, m.device},
                  {"client"_L1, toWire(m.client)},
                  {"created"_L1, m.created},
                  {"last_seen"_L1, m.lastSeen}};
    insertIfSet(o, "address"_L1, m.address);
    insertIfTrue(o, "current"_L1, m.current);
    return o;
}

QJsonObject toObject(const Attachment &m)
{
    QJsonObject o{{"id"_L1, m.id}, {"name"_L1, m.name}, {"type"_L1, m.type}, {"size"_L1, m.size}};
    insertIfTrue(o, "thumbnail"_L1, m.thumbnail);
    insertIfPositive(o, "width"_L1, m.width);
    insertIfPositive(o, "height"_L1, m.height);
    return o;
}

QJsonObject toObject(const MessageEvent &m)
{
    QJsonObject o = event("message"_L1,
                          {{"room"_L1, m.room},
                           {"seq"_L1, m.seq},
                           {"from"_L1, m.from},
                           {"text"_L1, m.text},
                           {"time"_L1, m.time}},
                          {{"msgId"_L1, m.msgId}});
    insertIfTrue(o, "deleted"_L1, m.deleted);
    insertIfTrue(o, "guest"_L1, m.guest);
    if (m.role != Role::Member)
        o.insert("role"_L1, toWire(m.role));
    insertIfPositive(o, "edited"_L1, m.edited);
    insertIfPositive(o, "replyTo"_L1, m.replyTo);
    if (m.quote) {
        QJsonObject quote{{"from"_L1, m.quote->from}, {"text"_L1, m.quote->text}};
        insertIfTrue(quote, "deleted"_L1, m.quote->deleted);
        o.insert("quote"_L1, quote);
    }
    if (!m.reactions.isEmpty())
        o.insert("reactions"_L1, toArray(m.reactions));
    insertStringsIfAny(o, "mentions"_L1, m.mentions);
    if (!m.attachments.isEmpty())
        o.insert("attachments"_L1, toArray(m.attachments));
    return o;
}

template<typename List>
QJsonArray toArray(const List &items)
{
    QJsonArray array;
    for (const auto &item : items)
        array.append(toObject(item));
    return array;
}

QJsonObject toObject(const Welcome &m)
{
    QJsonObject o = jsonFrame("welcome"_L1, m.id,
                              {{"protocol"_L1, m.protocol},
                               {"name"_L1, m.name},
                               {"server"_L1, m.server},
                               {"role"_L1, toWire(m.role)}},
                              {{"resume"_L1, m.resume}});
    // The expiry goes with a token only.
    if (!m.token.isEmpty()) {
        o.insert("token"_L1, m.token);
        o.insert("expires"_L1, m.expires);
    }
    if (!m.notify.isEmpty()) {
        QJsonArray notify;
        for (const NotifySetting &setting : m.notify)
            notify.append(
                QJsonObject{{"room"_L1, setting.room}, {"level"_L1, toWire(setting.level)}});
        o.insert("notify"_L1, notify);
    }
    return o;
}

QJsonObject toObject(const UserInfo &m)
{
    QJsonObject o = jsonFrame("user"_L1, m.id,
                              {{"name"_L1, m.name},
                               {"role"_L1, toWire(m.role)},
                               {"online"_L1, m.online},
                               {"lastSeen"_L1, m.lastSeen}});
    insertStatus(o, m.status);
    return o;
}

QJsonObject toObject(const GapEvent &m)
{
    return event("gap"_L1,
                 {{"room"_L1, m.room},
                  {"from"_L1, m.from},
                  {"to"_L1, m.to},
                  {"reason"_L1, toWire(m.reason)}});
}

QJsonObject toObject(const SlowDown &m)
{
    return event("slow_down"_L1, {{"kind"_L1, toWire(m.kind)}, {"wait"_L1, m.waitMs}});
}

QJsonObject toObject(const LoggedOut &m)
{
    return jsonFrame("logged_out"_L1, m.id);
}

QJsonObject toObject(const RoomList &m)
{
    QJsonObject o = jsonFrame("rooms"_L1, m.id, {{"rooms"_L1, toArray(m.rooms)}});
    insertIfTrue(o, "more"_L1, m.more);
    return o;
}

QJsonObject toObject(const RoomChangedEvent &m)
{
    QJsonObject o = event("room_changed"_L1,
                          {{"room"_L1, m.room}, {"change"_L1, toWire(m.change)}, {"by"_L1, m.by}},
                          {{"reason"_L1, m.reason}});
    if (m.change == RoomChange::Topic)
        o.insert("topic"_L1, m.topic);
    if (m.change == RoomChange::Renamed)
        o.insert("name"_L1, m.name);
    return o;
}

QJsonObject toObject(const RoleChangedEvent &m)
{
    return event("role"_L1, {{"role"_L1, toWire(m.role)}, {"by"_L1, m.by}});
}

QJsonObject toObject(const SanctionList &m)
{
    QJsonObject o = jsonFrame("sanctions"_L1, m.id, {{"sanctions"_L1, toArray(m.sanctions)}});
    insertIfTrue(o, "more"_L1, m.more);
    insertIfSet(o, "next"_L1, m.next);
    return o;
}

QJsonObject toObject(const AuditPage &m)
{
    QJsonObject o = jsonFrame("audit"_L1, m.id, {{"entries"_L1, toArray(m.entries)}});
    insertIfTrue(o, "more"_L1, m.more);
    return o;
}

QJsonObject toObject(const DeviceList &m)
{
    return jsonFrame("devices"_L1, m.id, {{"devices"_L1, toArray(m.devices)}});
}

QJsonObject toObject(const Done &m)
{
    return jsonFrame("done"_L1, m.id, {{"action"_L1, m.action}});
}

QJsonObject toObject(const DeletedEvent &m)
{
    QJsonObject o = event("deleted"_L1, {{"room"_L1, m.room}, {"seq"_L1, m.seq}, {"by"_L1, m.by}});
    insertIfPositive(o, "at"_L1, m.at);
    return o;
}

QJsonObject toObject(const EditedEvent &m)
{
    QJsonObject o = event("edited"_L1,
                          {{"room"_L1, m.room},
                           {"seq"_L1, m.seq},
                           {"at"_L1, m.at},
                           {"text"_L1, m.text},
                           {"by"_L1, m.by},
                           {"time"_L1, m.time}});
    insertStringsIfAny(o, "mentions"_L1, m.mentions);
    return o;
}

QJsonObject toObject(const ReactionEvent &m)
{
    return event("reaction"_L1,
                 {{"room"_L1, m.room},
                  {"seq"_L1, m.seq},
                  {"at"_L1, m.at},
                  {"user"_L1, m.user},
                  {"emoji"_L1, m.emoji},
                  {"on"_L1, m.on}});
}

QJsonObject toObject(const ReadMarker &m)
{
    return event("read"_L1, {{"room"_L1, m.room}, {"seq"_L1, m.seq}});
}

QJsonObject toObject(const UnreadEvent &m)
{
    QJsonObject o = event("unread"_L1, {{"rooms"_L1, toArray(m.rooms)}});
    insertIfTrue(o, "more"_L1, m.more);
    return o;
}

QJsonObject toObject(const People &m)
{
    QJsonObject o = jsonFrame("people"_L1, m.id, {{"people"_L1, toArray(m.people)}});
    insertIfTrue(o, "more"_L1, m.more);
    return o;
}

QJsonObject toObject(const SearchResults &m)
{
    QJsonObject o = jsonFrame("results"_L1, m.id, {{"messages"_L1, toArray(m.messages)}});
    insertIfTrue(o, "more"_L1, m.more);
    insertIfPositive(o, "next"_L1, m.next);
    return o;
}

QJsonObject toObject(const Invited &m)
{
    return jsonFrame("invited"_L1, m.id, {{"room"_L1, m.room}, {"user"_L1, m.user}},
                     {{"by"_L1, m.by}});
}

QJsonObject toObject(const SanctionEvent &m)
{
    QJsonObject o = event("sanction"_L1, {{"action"_L1, toWire(m.action)}, {"by"_L1, m.by}},
                          {{"reason"_L1, m.reason}, {"room"_L1, m.room}});
    insertIfPositive(o, "until"_L1, m.until);
    if (m.action == SanctionAction::Lift)
        o.insert("lifted"_L1, toWire(m.lifted));
    return o;
}

QJsonObject toObject(const AnnouncementEvent &m)
{
    return event("announcement"_L1, {{"text"_L1, m.text}, {"time"_L1, m.time}, {"by"_L1, m.by}});
}

QJsonObject toObject(const Joined &m)
{
    QJsonObject o = jsonFrame("joined"_L1, m.id,
                              {{"room"_L1, m.room},
                               {"kind"_L1, toWire(m.kind)},
                               {"seq"_L1, m.seq},
                               {"members"_L1, toArray(m.members)}},
                              {{"topic"_L1, m.topic}});
    insertIfPositive(o, "read"_L1, m.read);
    return o;
}

QJsonObject toObject(const Ack &m)
{
    return jsonFrame("ack"_L1, m.id, {{"room"_L1, m.room}, {"seq"_L1, m.seq}},
                     {{"msgId"_L1, m.msgId}});
}

QJsonObject toObject(const Error &m)
{
    QJsonObject o =
        jsonFrame("error"_L1, m.id, {{"code"_L1, toWire(m.code)}, {"message"_L1, m.message}},
                  {{"reason"_L1, m.reason}});
    insertIfPositive(o, "until"_L1, m.until);
    insertIfPositive(o, "waitMs"_L1, m.waitMs);
    return o;
}

QJsonObject toObject(const History &m)
{
    QJsonObject o =
        jsonFrame("history"_L1, m.id,
                  {{"room"_L1, m.room}, {"messages"_L1, toArray(m.messages)}, {"more"_L1, m.more}});
    insertIfTrue(o, "newer"_L1, m.newer);
    if (!m.changes.isEmpty()) {
        QJsonArray changes;
        for (const MessageChange &change : m.changes)
            changes.append(std::visit([](const auto &c) { return toObject(c); }, change));
        o.insert("changes"_L1, changes);
    }
    return o;
}

QJsonObject toObject(const Left &m)
{
    return jsonFrame("left"_L1, m.id, {{"room"_L1, m.room}});
}

QJsonObject toObject(const PresenceEvent &m)
{
    QJsonObject o = event(
        "presence"_L1,
        {{"room"_L1, m.room}, {"change"_L1, toWire(m.change)}, {"member"_L1, toObject(m.member)}});
    // Only a leave says why.
    if (m.change == PresenceChange::Left)
        o.insert("reason"_L1, toWire(m.reason));
    return o;
}

QJsonObject toObject(const TypingEvent &m)
{
    return event("typing"_L1, {{"room"_L1, m.room}, {"user"_L1, m.user}, {"active"_L1, m.active}});
}

} // namespace

QByteArray encode(const ServerMessage &message)
{
    return std::visit(
        [](const auto &m) { return QJsonDocument(toObject(m)).toJson(QJsonDocument::Compact); },
        message);
}

} // namespace sori::protocol::reference
