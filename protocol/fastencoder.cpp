// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/jsonwriter.h"
#include "protocol/messagecodec.h"

using namespace Qt::StringLiterals;

// The server's encoder: JSON written by hand (protocol/jsonwriter.h), one function a message
// type. It gives byte for byte what QJsonDocument::Compact gives (tests/unit/tst_fastcodec
// checks it against the reference encoder in tests/support/referencecodec), so the keys of each
// object are written in byte order, as QJsonObject sorts them.
namespace sori::protocol {

namespace {

// Optional fields: an empty string, or a false flag, is left out ("id" of a reply to a request
// without one, for instance).
template<typename Sink, size_t N>
void writeIfSet(json::ObjectWriter<Sink> &o, const char (&key)[N], const QString &value)
{
    if (!value.isEmpty())
        o.key(key).string(value);
}

template<typename Sink, size_t N>
void writeIfTrue(json::ObjectWriter<Sink> &o, const char (&key)[N], bool value)
{
    if (value)
        o.key(key).boolean(true);
}

template<typename Sink, size_t N>
void writeIfPositive(json::ObjectWriter<Sink> &o, const char (&key)[N], qint64 value)
{
    if (value > 0)
        o.key(key).integer(value);
}

template<typename Sink>
void writeStrings(Sink &s, const QStringList &items)
{
    s.put('[');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            s.put(',');
        s.string(items.at(i));
    }
    s.put(']');
}

template<typename Sink, size_t N>
void writeStringsIfAny(json::ObjectWriter<Sink> &o, const char (&key)[N], const QStringList &items)
{
    if (!items.isEmpty())
        writeStrings(o.key(key), items);
}

// The status of somebody online is left out.
template<typename Sink>
void writeStatus(json::ObjectWriter<Sink> &o, PresenceStatus status)
{
    if (status != PresenceStatus::Online)
        o.key("status").ascii(toWire(status));
}

template<typename Sink>
void writeObject(Sink &s, const Member &member)
{
    json::ObjectWriter o(s);
    o.key("kind").ascii(toWire(member.kind));
    o.key("name").string(member.name);
    writeStatus(o, member.status);
}

template<typename Sink>
void writeObject(Sink &s, const Reaction &reaction)
{
    json::ObjectWriter o(s);
    o.key("emoji").string(reaction.emoji);
    writeStrings(o.key("users"), reaction.users);
}

template<typename Sink>
void writeObject(Sink &s, const Quote &quote)
{
    json::ObjectWriter o(s);
    writeIfTrue(o, "deleted", quote.deleted);
    o.key("from").string(quote.from);
    o.key("text").string(quote.text);
}

template<typename Sink>
void writeObject(Sink &s, const RoomInfo &room)
{
    json::ObjectWriter o(s);
    writeIfTrue(o, "archived", room.archived);
    o.key("kind").ascii(toWire(room.kind));
    o.key("name").string(room.name);
    o.key("online").integer(room.online);
    writeIfSet(o, "topic", room.topic);
}

template<typename Sink>
void writeObject(Sink &s, const SanctionInfo &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "address", m.address);
    o.key("by").string(m.by);
    o.key("kind").ascii(toWire(m.kind));
    writeIfSet(o, "reason", m.reason);
    writeIfSet(o, "room", m.room);
    o.key("since").integer(m.since);
    writeIfPositive(o, "until", m.until);
    writeIfSet(o, "user", m.user);
}

template<typename Sink>
void writeObject(Sink &s, const AuditEntry &m)
{
    json::ObjectWriter o(s);
    o.key("action").string(m.action);
    o.key("actor").string(m.actor);
    writeIfSet(o, "detail", m.detail);
    o.key("id").integer(m.id);
    writeIfSet(o, "room", m.room);
    writeIfSet(o, "target", m.target);
    o.key("time").integer(m.time);
}

template<typename Sink>
void writeObject(Sink &s, const NotifySetting &m)
{
    json::ObjectWriter o(s);
    o.key("level").ascii(toWire(m.level));
    o.key("room").string(m.room);
}

template<typename Sink>
void writeObject(Sink &s, const DeviceInfo &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "address", m.address);
    o.key("client").ascii(toWire(m.client));
    o.key("created").integer(m.created);
    writeIfTrue(o, "current", m.current);
    o.key("device").string(m.device);
    o.key("last_seen").integer(m.lastSeen);
}

template<typename Sink>
void writeObject(Sink &s, const UnreadRoom &m)
{
    json::ObjectWriter o(s);
    o.key("kind").ascii(toWire(m.kind));
    o.key("mentions").integer(m.mentions);
    o.key("read").integer(m.read);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("unread").integer(m.unread);
}

template<typename Sink>
void writeObject(Sink &s, const Person &m)
{
    json::ObjectWriter o(s);
    o.key("lastSeen").integer(m.lastSeen);
    o.key("name").string(m.name);
    o.key("online").boolean(m.online);
    o.key("role").ascii(toWire(m.role));
    writeStatus(o, m.status);
}

template<typename Sink, typename List>
void writeArray(Sink &s, const List &items);
template<typename Sink>
void writeObject(Sink &s, const EditedEvent &m);
template<typename Sink>
void writeObject(Sink &s, const DeletedEvent &m);
template<typename Sink>
void writeObject(Sink &s, const ReactionEvent &m);

template<typename Sink>
void writeObject(Sink &s, const MessageChange &change)
{
    std::visit([&s](const auto &m) { writeObject(s, m); }, change);
}

template<typename Sink>
void writeObject(Sink &s, const Attachment &m)
{
    json::ObjectWriter o(s);
    if (m.height > 0)
        o.key("height").integer(m.height);
    o.key("id").string(m.id);
    o.key("name").string(m.name);
    o.key("size").integer(m.size);
    writeIfTrue(o, "thumbnail", m.thumbnail);
    o.key("type").string(m.type);
    if (m.width > 0)
        o.key("width").integer(m.width);
}

template<typename Sink>
void writeObject(Sink &s, const MessageEvent &m)
{
    json::ObjectWriter o(s);
    if (!m.attachments.isEmpty())
        writeArray(o.key("attachments"), m.attachments);
    writeIfTrue(o, "deleted", m.deleted);
    writeIfPositive(o, "edited", m.edited);
    o.key("from").string(m.from);
    writeIfTrue(o, "guest", m.guest);
    writeStringsIfAny(o, "mentions", m.mentions);
    writeIfSet(o, "msgId", m.msgId);
    if (m.quote)
        writeObject(o.key("quote"), *m.quote);
    if (!m.reactions.isEmpty())
        writeArray(o.key("reactions"), m.reactions);
    writeIfPositive(o, "replyTo", m.replyTo);
    // A member's message (most of them) carries no role: two bytes of branch, no bytes of JSON.
    if (m.role != Role::Member)
        o.key("role").ascii(toWire(m.role));
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("text").string(m.text);
    o.key("time").integer(m.time);
    o.key("type").ascii("message"_L1);
}

// A JSON array of members, rooms or messages.
template<typename Sink, typename List>
void writeArray(Sink &s, const List &items)
{
    s.put('[');
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            s.put(',');
        writeObject(s, items.at(i));
    }
    s.put(']');
}

template<typename Sink>
void writeObject(Sink &s, const Welcome &m)
{
    json::ObjectWriter o(s);
    // The expiry goes with a token only.
    if (!m.token.isEmpty())
        o.key("expires").integer(m.expires);
    writeIfSet(o, "id", m.id);
    o.key("name").string(m.name);
    if (!m.notify.isEmpty())
        writeArray(o.key("notify"), m.notify);
    o.key("protocol").integer(m.protocol);
    writeIfSet(o, "resume", m.resume);
    o.key("role").ascii(toWire(m.role));
    o.key("server").string(m.server);
    writeIfSet(o, "token", m.token);
    o.key("type").ascii("welcome"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const UserInfo &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    o.key("lastSeen").integer(m.lastSeen);
    o.key("name").string(m.name);
    o.key("online").boolean(m.online);
    o.key("role").ascii(toWire(m.role));
    writeStatus(o, m.status);
    o.key("type").ascii("user"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const GapEvent &m)
{
    json::ObjectWriter o(s);
    o.key("from").integer(m.from);
    o.key("reason").ascii(toWire(m.reason));
    o.key("room").string(m.room);
    o.key("to").integer(m.to);
    o.key("type").ascii("gap"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const SlowDown &m)
{
    json::ObjectWriter o(s);
    o.key("kind").ascii(toWire(m.kind));
    o.key("type").ascii("slow_down"_L1);
    o.key("wait").integer(m.waitMs);
}

template<typename Sink>
void writeObject(Sink &s, const LoggedOut &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    o.key("type").ascii("logged_out"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const RoomList &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    writeIfTrue(o, "more", m.more);
    writeArray(o.key("rooms"), m.rooms);
    o.key("type").ascii("rooms"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const RoomChangedEvent &m)
{
    json::ObjectWriter o(s);
    o.key("by").string(m.by);
    o.key("change").ascii(toWire(m.change));
    // A rename names the room's new name (`room` is the old one).
    if (m.change == RoomChange::Renamed)
        o.key("name").string(m.name);
    writeIfSet(o, "reason", m.reason);
    o.key("room").string(m.room);
    // A topic change names the new topic, an empty one too (the topic was cleared).
    if (m.change == RoomChange::Topic)
        o.key("topic").string(m.topic);
    o.key("type").ascii("room_changed"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const RoleChangedEvent &m)
{
    json::ObjectWriter o(s);
    o.key("by").string(m.by);
    o.key("role").ascii(toWire(m.role));
    o.key("type").ascii("role"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const SanctionList &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    writeIfTrue(o, "more", m.more);
    writeIfSet(o, "next", m.next);
    writeArray(o.key("sanctions"), m.sanctions);
    o.key("type").ascii("sanctions"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const AuditPage &m)
{
    json::ObjectWriter o(s);
    writeArray(o.key("entries"), m.entries);
    writeIfSet(o, "id", m.id);
    writeIfTrue(o, "more", m.more);
    o.key("type").ascii("audit"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const DeviceList &m)
{
    json::ObjectWriter o(s);
    writeArray(o.key("devices"), m.devices);
    writeIfSet(o, "id", m.id);
    o.key("type").ascii("devices"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const Done &m)
{
    json::ObjectWriter o(s);
    o.key("action").string(m.action);
    writeIfSet(o, "id", m.id);
    o.key("type").ascii("done"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const DeletedEvent &m)
{
    json::ObjectWriter o(s);
    writeIfPositive(o, "at", m.at);
    o.key("by").string(m.by);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("type").ascii("deleted"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const Invited &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "by", m.by);
    writeIfSet(o, "id", m.id);
    o.key("room").string(m.room);
    o.key("type").ascii("invited"_L1);
    o.key("user").string(m.user);
}

template<typename Sink>
void writeObject(Sink &s, const Joined &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    o.key("kind").ascii(toWire(m.kind));
    writeArray(o.key("members"), m.members);
    writeIfPositive(o, "read", m.read);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    writeIfSet(o, "topic", m.topic);
    o.key("type").ascii("joined"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const Left &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    o.key("room").string(m.room);
    o.key("type").ascii("left"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const Ack &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    writeIfSet(o, "msgId", m.msgId);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("type").ascii("ack"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const Error &m)
{
    json::ObjectWriter o(s);
    o.key("code").ascii(toWire(m.code));
    writeIfSet(o, "id", m.id);
    o.key("message").string(m.message);
    writeIfSet(o, "reason", m.reason);
    o.key("type").ascii("error"_L1);
    if (m.until > 0)
        o.key("until").integer(m.until);
    if (m.waitMs > 0)
        o.key("waitMs").integer(m.waitMs);
}

template<typename Sink>
void writeObject(Sink &s, const SanctionEvent &m)
{
    json::ObjectWriter o(s);
    o.key("action").ascii(toWire(m.action));
    o.key("by").string(m.by);
    if (m.action == SanctionAction::Lift)
        o.key("lifted").ascii(toWire(m.lifted));
    writeIfSet(o, "reason", m.reason);
    writeIfSet(o, "room", m.room);
    o.key("type").ascii("sanction"_L1);
    if (m.until > 0)
        o.key("until").integer(m.until);
}

template<typename Sink>
void writeObject(Sink &s, const AnnouncementEvent &m)
{
    json::ObjectWriter o(s);
    o.key("by").string(m.by);
    o.key("text").string(m.text);
    o.key("time").integer(m.time);
    o.key("type").ascii("announcement"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const History &m)
{
    json::ObjectWriter o(s);
    if (!m.changes.isEmpty())
        writeArray(o.key("changes"), m.changes);
    writeIfSet(o, "id", m.id);
    writeArray(o.key("messages"), m.messages);
    o.key("more").boolean(m.more);
    writeIfTrue(o, "newer", m.newer);
    o.key("room").string(m.room);
    o.key("type").ascii("history"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const EditedEvent &m)
{
    json::ObjectWriter o(s);
    o.key("at").integer(m.at);
    o.key("by").string(m.by);
    writeStringsIfAny(o, "mentions", m.mentions);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("text").string(m.text);
    o.key("time").integer(m.time);
    o.key("type").ascii("edited"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const ReactionEvent &m)
{
    json::ObjectWriter o(s);
    o.key("at").integer(m.at);
    o.key("emoji").string(m.emoji);
    o.key("on").boolean(m.on);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("type").ascii("reaction"_L1);
    o.key("user").string(m.user);
}

template<typename Sink>
void writeObject(Sink &s, const ReadMarker &m)
{
    json::ObjectWriter o(s);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("type").ascii("read"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const UnreadEvent &m)
{
    json::ObjectWriter o(s);
    writeIfTrue(o, "more", m.more);
    writeArray(o.key("rooms"), m.rooms);
    o.key("type").ascii("unread"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const People &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    writeIfTrue(o, "more", m.more);
    writeArray(o.key("people"), m.people);
    o.key("type").ascii("people"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const SearchResults &m)
{
    json::ObjectWriter o(s);
    writeIfSet(o, "id", m.id);
    writeArray(o.key("messages"), m.messages);
    writeIfTrue(o, "more", m.more);
    writeIfPositive(o, "next", m.next);
    o.key("type").ascii("results"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const PresenceEvent &m)
{
    json::ObjectWriter o(s);
    o.key("change").ascii(toWire(m.change));
    writeObject(o.key("member"), m.member);
    if (m.change == PresenceChange::Left)
        o.key("reason").ascii(toWire(m.reason));
    o.key("room").string(m.room);
    o.key("type").ascii("presence"_L1);
}

template<typename Sink>
void writeObject(Sink &s, const TypingEvent &m)
{
    json::ObjectWriter o(s);
    o.key("active").boolean(m.active);
    o.key("room").string(m.room);
    o.key("type").ascii("typing"_L1);
    o.key("user").string(m.user);
}

// Measures, allocates once, writes.
template<typename T>
QByteArray encodeObject(const T &m)
{
    json::SizeCounter counter;
    writeObject(counter, m);
    QByteArray out(counter.size(), Qt::Uninitialized);
    json::BufferWriter writer(out.data());
    writeObject(writer, m);
    Q_ASSERT(writer.position() == out.constData() + out.size());
    return out;
}

} // namespace

qsizetype MessageCodec::encodedSize(const MessageEvent &message)
{
    json::SizeCounter counter;
    writeObject(counter, message);
    return counter.size();
}

QByteArray MessageCodec::encode(const ServerMessage &message)
{
    return std::visit([](const auto &m) { return encodeObject(m); }, message);
}

} // namespace sori::protocol
