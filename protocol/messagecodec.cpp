// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/messagecodec.h"
#include "protocol/messagecodec_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

// The codec with QJsonDocument: requests as clients encode them, every frame as it is decoded
// (server frames by the clients; requests by the server when the fast path in fastdecoder.cpp
// passes). Server frames are encoded by hand in fastencoder.cpp.
namespace sori::protocol {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Whether text holds a surrogate that is not part of a pair: QJsonDocument reads a lone "\\ud800"
// into the string as it is, but UTF-8 cannot hold it (it would be stored as U+FFFD, so the same
// message would read differently after a restart). Such strings are refused.
bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!c.isSurrogate())
            continue;
        if (c.isLowSurrogate() || i + 1 == text.size() || !text[i + 1].isLowSurrogate())
            return true;
        ++i; // a pair
    }
    return false;
}

// Reads the fields of one JSON object; the first problem it meets becomes the error.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString id) : m_object(object), m_id(std::move(id)) { }

    bool ok() const { return !m_error; }
    Error error() const { return *m_error; }

    QString string(QLatin1StringView key, qsizetype maxLength, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(u"\"%1\" is missing"_s.arg(key));
            return {};
        }
        if (!value.isString()) {
            fail(u"\"%1\" must be a string"_s.arg(key));
            return {};
        }
        QString text = value.toString();
        if (hasLoneSurrogate(text)) {
            fail(u"\"%1\" holds a lone surrogate (\\u escape)"_s.arg(key));
            return {};
        }
        if (maxLength > 0 && text.size() > maxLength) {
            fail(u"\"%1\" is longer than %2 characters"_s.arg(key).arg(maxLength));
            return {};
        }
        return text;
    }

    qint64 integer(QLatin1StringView key, qint64 fallback, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                fail(u"\"%1\" is missing"_s.arg(key));
            return fallback;
        }
        const double number = value.toDouble(-1.0);
        // Integers only, and only those a double holds exactly. The range comes first: casting
        // a double beyond qint64 (1e300) to it is undefined behaviour.
        if (!value.isDouble() || !(number >= 0 && number <= 9007199254740991.0)
            || number != static_cast<double>(static_cast<qint64>(number))) {
            fail(u"\"%1\" must be a whole number of 0 or more"_s.arg(key));
            return fallback;
        }
        return static_cast<qint64>(number);
    }

    // A duration in minutes for a ban or mute: 0 (for good) up to MaxSanctionMinutes.
    qint64 minutes(QLatin1StringView key)
    {
        const qint64 value = integer(key, 0, false);
        if (value > MaxSanctionMinutes) {
            fail(u"\"%1\" must be at most %2 (ten years; 0: for good)"_s.arg(key).arg(
                MaxSanctionMinutes));
            return 0;
        }
        return value;
    }

    bool boolean(QLatin1StringView key, bool fallback)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull())
            return fallback;
        if (!value.isBool()) {
            fail(u"\"%1\" must be true or false"_s.arg(key));
            return fallback;
        }
        return value.toBool();
    }

    template<typename Enum>
    Enum enumeration(QLatin1StringView key, Enum fallback, bool required = true)
    {
        const QString name = string(key, 0, required);
        if (!ok() || name.isEmpty())
            return fallback;
        Enum value = fallback;
        if (!fromWire(name, &value))
            fail(u"\"%1\" has an unknown value \"%2\""_s.arg(key, name.left(32)));
        return value;
    }

    QJsonValue value(QLatin1StringView key) const { return m_object.value(key); }

    // An array of strings; a missing one is empty (or, if required, an error).
    QStringList strings(QLatin1StringView key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() && !required)
            return {};
        QStringList list;
        if (!value.isArray()) {
            fail(u"\"%1\" must be an array of strings"_s.arg(key));
            return list;
        }
        for (const QJsonValue &item : value.toArray()) {
            if (!item.isString()) {
                fail(u"\"%1\" must be an array of strings"_s.arg(key));
                return {};
            }
            list.append(item.toString());
        }
        return list;
    }

    QJsonArray array(QLatin1StringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isArray()) {
            fail(u"\"%1\" must be an array"_s.arg(key));
            return {};
        }
        return value.toArray();
    }

    void fail(QString message)
    {
        if (!m_error)
            m_error = Error{m_id, ErrorCode::BadField, std::move(message)};
    }

private:
    const QJsonObject &m_object;
    QString m_id;
    std::optional<Error> m_error;
};

// Parses the envelope: one JSON object with a string "type" and an optional string "id".
struct Envelope
{
    QJsonObject object;
    QString type;
    QString id;
    std::optional<Error> error;
};

Envelope readEnvelope(QByteArrayView json)
{
    Envelope envelope;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        envelope.error =
            Error{{},
                  ErrorCode::BadJson,
                  u"The frame is not valid JSON (%1 at offset %2)."_s.arg(parseError.errorString())
                      .arg(parseError.offset)};
        return envelope;
    }
    if (!document.isObject()) {
        envelope.error = Error{{}, ErrorCode::BadJson, u"A frame must be one JSON object."_s};
        return envelope;
    }
    envelope.object = document.object();
    const QJsonValue id = envelope.object.value("id"_L1);
    if (!id.isUndefined() && !id.isNull()) {
        if (!id.isString() || id.toString().size() > MaxIdLength
            || hasLoneSurrogate(id.toString())) {
            envelope.error =
                Error{{},
                      ErrorCode::BadField,
                      u"\"id\" must be a string of at most %1 characters."_s.arg(MaxIdLength)};
            return envelope;
        }
        envelope.id = id.toString();
    }
    const QJsonValue type = envelope.object.value("type"_L1);
    if (!type.isString()) {
        envelope.error =
            Error{envelope.id, ErrorCode::BadField, u"\"type\" is missing or not a string."_s};
        return envelope;
    }
    envelope.type = type.toString();
    return envelope;
}

Error unknownType(const Envelope &envelope)
{
    return Error{envelope.id, ErrorCode::UnknownType,
                 u"Unknown frame type \"%1\"."_s.arg(envelope.type.left(32))};
}

template<typename Message, typename T>
Decoded<Message> finish(const FieldReader &reader, T &&value)
{
    if (!reader.ok())
        return {reader.error()};
    return {Message{std::forward<T>(value)}};
}

MessageEvent messageFromJson(FieldReader &r)
{
    MessageEvent m;
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.from = r.string("from"_L1, 0);
    m.text = r.string("text"_L1, 0);
    m.time = r.integer("time"_L1, 0);
    m.msgId = r.string("msgId"_L1, 0, false);
    m.deleted = r.boolean("deleted"_L1, false);
    m.role = r.enumeration("role"_L1, Role::Member, false);
    m.guest = r.boolean("guest"_L1, false);
    m.edited = r.integer("edited"_L1, 0, false);
    m.replyTo = r.integer("replyTo"_L1, 0, false);
    const QJsonValue quote = r.value("quote"_L1);
    if (quote.isObject()) {
        const QJsonObject object = quote.toObject();
        FieldReader fields(object, {});
        m.quote = Quote{fields.string("from"_L1, 0), fields.string("text"_L1, 0, false),
                        fields.boolean("deleted"_L1, false)};
        if (!fields.ok())
            r.fail(fields.error().message);
    } else if (!quote.isUndefined()) {
        r.fail(u"\"quote\" must be an object"_s);
    }
    if (!r.value("reactions"_L1).isUndefined()) {
        for (const QJsonValue &value : r.array("reactions"_L1)) {
            const QJsonObject object = value.toObject();
            FieldReader fields(object, {});
            Reaction reaction;
            reaction.emoji = fields.string("emoji"_L1, 0);
            reaction.users = fields.strings("users"_L1);
            if (!value.isObject() || !fields.ok())
                r.fail(u"\"reactions\" must hold reaction objects"_s);
            m.reactions.append(reaction);
        }
    }
    m.mentions = r.strings("mentions"_L1, false);
    if (!r.value("attachments"_L1).isUndefined()) {
        for (const QJsonValue &value : r.array("attachments"_L1)) {
            const QJsonObject object = value.toObject();
            FieldReader fields(object, {});
            Attachment attachment;
            attachment.id = fields.string("id"_L1, MaxAttachmentIdLength);
            attachment.name = fields.string("name"_L1, 0);
            attachment.type = fields.string("type"_L1, 0, false);
            attachment.size = fields.integer("size"_L1, 0, false);
            attachment.width = int(qMin<qint64>(fields.integer("width"_L1, 0, false), INT_MAX));
            attachment.height = int(qMin<qint64>(fields.integer("height"_L1, 0, false), INT_MAX));
            attachment.thumbnail = fields.boolean("thumbnail"_L1, false);
            if (!value.isObject() || !fields.ok())
                r.fail(u"\"attachments\" must hold attachment objects"_s);
            m.attachments.append(attachment);
        }
    }
    return m;
}

// The "attachments" of send and direct: at most MaxAttachments ids of at most
// MaxAttachmentIdLength characters (the server's own limit, files/max-attachments, is lower).
QStringList readAttachmentIds(FieldReader &r)
{
    const QJsonValue value = r.value("attachments"_L1);
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isArray() && value.toArray().size() > MaxAttachments) {
        r.fail(u"\"attachments\" holds more than %1 ids"_s.arg(MaxAttachments));
        return {};
    }
    QStringList ids = r.strings("attachments"_L1);
    for (const QString &id : std::as_const(ids)) {
        if (id.isEmpty() || id.size() > MaxAttachmentIdLength || hasLoneSurrogate(id)) {
            r.fail(u"\"attachments\" must hold file ids of 1 to %1 characters"_s.arg(
                MaxAttachmentIdLength));
            return {};
        }
    }
    return ids;
}

void insertAttachmentIds(QJsonObject &object, const QStringList &ids)
{
    if (!ids.isEmpty())
        object.insert("attachments"_L1, QJsonArray::fromStringList(ids));
}

using detail::jsonFrame;

// ---- Requests, as clients send them. QJsonObject sorts the keys; a field left at its default
// (an empty string, a zero limit) is left out.

void insertIfPositive(QJsonObject &object, QLatin1StringView key, qint64 value)
{
    if (value > 0)
        object.insert(key, value);
}

QJsonObject toObject(const Hello &m)
{
    return jsonFrame("hello"_L1, m.id,
                     {{"protocol"_L1, m.protocol}, {"client"_L1, toWire(m.client)}},
                     {{"name"_L1, m.name}, {"resume"_L1, m.resume}});
}

QJsonObject toObject(const Register &m)
{
    return jsonFrame("register"_L1, m.id,
                     {{"protocol"_L1, m.protocol},
                      {"name"_L1, m.name},
                      {"password"_L1, m.password},
                      {"client"_L1, toWire(m.client)}});
}

QJsonObject toObject(const Login &m)
{
    return jsonFrame("login"_L1, m.id,
                     {{"protocol"_L1, m.protocol}, {"client"_L1, toWire(m.client)}},
                     {{"name"_L1, m.name}, {"password"_L1, m.password}, {"token"_L1, m.token}});
}

QJsonObject toObject(const Logout &m)
{
    return jsonFrame("logout"_L1, m.id);
}

QJsonObject toObject(const Join &m)
{
    QJsonObject o = jsonFrame("join"_L1, m.id, {{"room"_L1, m.room}});
    // 0 is a valid "since" (everything); a negative one means none.
    if (m.since >= 0)
        o.insert("since"_L1, m.since);
    return o;
}

QJsonObject toObject(const Leave &m)
{
    return jsonFrame("leave"_L1, m.id, {{"room"_L1, m.room}});
}

QJsonObject toObject(const Send &m)
{
    QJsonObject o = jsonFrame("send"_L1, m.id, {{"room"_L1, m.room}, {"text"_L1, m.text}},
                              {{"msgId"_L1, m.msgId}});
    insertIfPositive(o, "replyTo"_L1, m.replyTo);
    insertAttachmentIds(o, m.attachments);
    return o;
}

QJsonObject toObject(const Edit &m)
{
    return jsonFrame("edit"_L1, m.id,
                     {{"room"_L1, m.room}, {"seq"_L1, m.seq}, {"text"_L1, m.text}});
}

QJsonObject toObject(const React &m)
{
    return jsonFrame(
        "react"_L1, m.id,
        {{"room"_L1, m.room}, {"seq"_L1, m.seq}, {"emoji"_L1, m.emoji}, {"on"_L1, m.on}});
}

QJsonObject toObject(const MarkRead &m)
{
    return jsonFrame("read"_L1, m.id, {{"room"_L1, m.room}, {"seq"_L1, m.seq}});
}

QJsonObject toObject(const SetStatus &m)
{
    return jsonFrame("status"_L1, m.id, {{"status"_L1, toWire(m.status)}});
}

QJsonObject toObject(const FindPeople &m)
{
    QJsonObject o =
        jsonFrame("find_people"_L1, m.id, {}, {{"query"_L1, m.query}, {"after"_L1, m.after}});
    insertIfPositive(o, "limit"_L1, m.limit);
    return o;
}

QJsonObject toObject(const Search &m)
{
    QJsonObject o = jsonFrame("search"_L1, m.id, {{"query"_L1, m.query}}, {{"room"_L1, m.room}});
    insertIfPositive(o, "before"_L1, m.before);
    insertIfPositive(o, "limit"_L1, m.limit);
    return o;
}

QJsonObject toObject(const Typing &m)
{
    return jsonFrame("typing"_L1, m.id, {{"room"_L1, m.room}, {"active"_L1, m.active}});
}

QJsonObject toObject(const HistoryRequest &m)
{
    QJsonObject o = jsonFrame("history"_L1, m.id, {{"room"_L1, m.room}, {"limit"_L1, m.limit}});
    insertIfPositive(o, "before"_L1, m.before);
    insertIfPositive(o, "after"_L1, m.after);
    insertIfPositive(o, "around"_L1, m.around);
    return o;
}

QJsonObject toObject(const Direct &m)
{
    QJsonObject o = jsonFrame("direct"_L1, m.id, {{"to"_L1, m.to}, {"text"_L1, m.text}},
                              {{"msgId"_L1, m.msgId}});
    insertIfPositive(o, "replyTo"_L1, m.replyTo);
    insertAttachmentIds(o, m.attachments);
    return o;
}

QJsonObject toObject(const Whois &m)
{
    return jsonFrame("whois"_L1, m.id, {{"user"_L1, m.user}});
}

QJsonObject toObject(const CreateRoom &m)
{
    return jsonFrame("create_room"_L1, m.id, {{"room"_L1, m.room}, {"kind"_L1, toWire(m.kind)}},
                     {{"topic"_L1, m.topic}});
}

QJsonObject toObject(const ListRooms &m)
{
    QJsonObject o =
        jsonFrame("list_rooms"_L1, m.id, {}, {{"query"_L1, m.query}, {"after"_L1, m.after}});
    insertIfPositive(o, "limit"_L1, m.limit);
    return o;
}

QJsonObject toObject(const ArchiveRoom &m)
{
    return jsonFrame("archive_room"_L1, m.id, {{"room"_L1, m.room}});
}

QJsonObject toObject(const DeleteRoom &m)
{
    return jsonFrame("delete_room"_L1, m.id, {{"room"_L1, m.room}}, {{"reason"_L1, m.reason}});
}

QJsonObject toObject(const Invite &m)
{
    return jsonFrame("invite"_L1, m.id, {{"room"_L1, m.room}, {"user"_L1, m.user}});
}

QJsonObject toObject(const Kick &m)
{
    return jsonFrame("kick"_L1, m.id, {{"user"_L1, m.user}}, {{"reason"_L1, m.reason}});
}

QJsonObject toObject(const Ban &m)
{
    QJsonObject o =
        jsonFrame("ban"_L1, m.id, {},
                  {{"user"_L1, m.user}, {"address"_L1, m.address}, {"reason"_L1, m.reason}});
    insertIfPositive(o, "minutes"_L1, m.minutes);
    return o;
}

QJsonObject toObject(const Mute &m)
{
    QJsonObject o = jsonFrame("mute"_L1, m.id, {{"user"_L1, m.user}},
                              {{"room"_L1, m.room}, {"reason"_L1, m.reason}});
    insertIfPositive(o, "minutes"_L1, m.minutes);
    return o;
}

QJsonObject toObject(const DeleteMessage &m)
{
    return jsonFrame("delete"_L1, m.id, {{"room"_L1, m.room}, {"seq"_L1, m.seq}});
}

QJsonObject toObject(const RevokeTokens &m)
{
    return jsonFrame("revoke_tokens"_L1, m.id, {{"user"_L1, m.user}});
}

QJsonObject toObject(const Lift &m)
{
    return jsonFrame("lift"_L1, m.id, {{"what"_L1, toWire(m.what)}},
                     {{"user"_L1, m.user}, {"address"_L1, m.address}, {"room"_L1, m.room}});
}

QJsonObject toObject(const ListSanctions &m)
{
    QJsonObject o = jsonFrame("sanctions"_L1, m.id, {}, {{"after"_L1, m.after}});
    insertIfPositive(o, "limit"_L1, m.limit);
    return o;
}

QJsonObject toObject(const ReadAudit &m)
{
    QJsonObject o =
        jsonFrame("audit"_L1, m.id, {},
                  {{"actor"_L1, m.actor}, {"target"_L1, m.target}, {"action"_L1, m.action}});
    insertIfPositive(o, "before"_L1, m.before);
    insertIfPositive(o, "limit"_L1, m.limit);
    insertIfPositive(o, "since"_L1, m.since);
    insertIfPositive(o, "until"_L1, m.until);
    return o;
}

QJsonObject toObject(const SetTopic &m)
{
    return jsonFrame("set_topic"_L1, m.id, {{"room"_L1, m.room}, {"topic"_L1, m.topic}});
}

QJsonObject toObject(const SetRole &m)
{
    return jsonFrame("set_role"_L1, m.id, {{"user"_L1, m.user}, {"role"_L1, toWire(m.role)}});
}

// Account settings (§15).
QJsonObject toObject(const ChangePassword &m)
{
    QJsonObject o = jsonFrame("change_password"_L1, m.id,
                              {{"old"_L1, m.oldPassword}, {"new"_L1, m.newPassword}});
    if (m.others)
        o.insert("others"_L1, true);
    return o;
}

QJsonObject toObject(const ListDevices &m)
{
    return jsonFrame("devices"_L1, m.id);
}

QJsonObject toObject(const EndDevice &m)
{
    return jsonFrame("end_device"_L1, m.id, {{"device"_L1, m.device}});
}

QJsonObject toObject(const SetNotify &m)
{
    return jsonFrame("set_notify"_L1, m.id, {{"room"_L1, m.room}, {"level"_L1, toWire(m.level)}});
}

QJsonObject toObject(const RenameRoom &m)
{
    return jsonFrame("rename_room"_L1, m.id, {{"room"_L1, m.room}, {"name"_L1, m.name}});
}

QJsonObject toObject(const UnarchiveRoom &m)
{
    return jsonFrame("unarchive_room"_L1, m.id, {{"room"_L1, m.room}});
}

QJsonObject toObject(const RemoveMember &m)
{
    return jsonFrame("remove_member"_L1, m.id, {{"room"_L1, m.room}, {"user"_L1, m.user}});
}

} // namespace

QJsonObject detail::jsonFrame(QLatin1StringView type, const QString &id, QJsonObject fields,
                              OptionalStrings optional)
{
    fields.insert("type"_L1, type);
    if (!id.isEmpty())
        fields.insert("id"_L1, id);
    for (const auto &[key, value] : optional)
        insertIfSet(fields, key, value);
    return fields;
}

void detail::insertIfSet(QJsonObject &object, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

QByteArray MessageCodec::encode(const ClientMessage &message)
{
    return std::visit([](const auto &m) { return compact(toObject(m)); }, message);
}

namespace {

// ---- Decoding: one reader per message type, reading its fields in the order they are checked
// (the first field that is wrong is the error), and one table from the wire type to its reader.

int protocolVersion(FieldReader &r)
{
    return int(qMin<qint64>(r.integer("protocol"_L1, Version), INT_MAX));
}

void read(FieldReader &r, Hello &m)
{
    m.protocol = protocolVersion(r);
    m.name = r.string("name"_L1, MaxNameLength, false);
    m.client = r.enumeration("client"_L1, ClientKind::Other, false);
    m.resume = r.string("resume"_L1, MaxIdLength, false);
}

void read(FieldReader &r, Whois &m)
{
    m.user = r.string("user"_L1, MaxNameLength);
}

void read(FieldReader &r, Register &m)
{
    m.protocol = protocolVersion(r);
    m.name = r.string("name"_L1, MaxNameLength);
    m.password = r.string("password"_L1, MaxPasswordLength);
    m.client = r.enumeration("client"_L1, ClientKind::Other, false);
}

void read(FieldReader &r, Login &m)
{
    m.protocol = protocolVersion(r);
    m.token = r.string("token"_L1, MaxIdLength * 2, false);
    m.name = r.string("name"_L1, MaxNameLength, m.token.isEmpty());
    m.password = r.string("password"_L1, MaxPasswordLength, m.token.isEmpty());
    m.client = r.enumeration("client"_L1, ClientKind::Other, false);
}

void read(FieldReader &, Logout &) { }

void read(FieldReader &r, CreateRoom &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.kind = r.enumeration("kind"_L1, RoomKind::Public, false);
    m.topic = r.string("topic"_L1, MaxTopicLength, false);
}

void read(FieldReader &r, ListRooms &m)
{
    m.query = r.string("query"_L1, MaxRoomLength, false);
    m.after = r.string("after"_L1, MaxRoomLength, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
}

void read(FieldReader &r, ArchiveRoom &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
}

void read(FieldReader &r, DeleteRoom &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.reason = r.string("reason"_L1, MaxTopicLength, false);
}

void read(FieldReader &r, Kick &m)
{
    m.user = r.string("user"_L1, MaxNameLength);
    m.reason = r.string("reason"_L1, MaxTopicLength, false);
}

void read(FieldReader &r, Ban &m)
{
    m.address = r.string("address"_L1, MaxIdLength, false);
    m.user = r.string("user"_L1, MaxNameLength, m.address.isEmpty());
    m.minutes = r.minutes("minutes"_L1);
    m.reason = r.string("reason"_L1, MaxTopicLength, false);
}

void read(FieldReader &r, Direct &m)
{
    m.to = r.string("to"_L1, MaxNameLength);
    m.attachments = readAttachmentIds(r);
    // With attachments, the text may be left out.
    m.text = r.string("text"_L1, 0, m.attachments.isEmpty());
    m.msgId = r.string("msgId"_L1, MaxIdLength, false);
    m.replyTo = r.integer("replyTo"_L1, 0, false);
}

void read(FieldReader &r, RevokeTokens &m)
{
    m.user = r.string("user"_L1, MaxNameLength);
}

void read(FieldReader &r, Mute &m)
{
    m.user = r.string("user"_L1, MaxNameLength);
    m.room = r.string("room"_L1, MaxRoomLength, false);
    m.minutes = r.minutes("minutes"_L1);
    m.reason = r.string("reason"_L1, MaxTopicLength, false);
}

void read(FieldReader &r, Lift &m)
{
    m.what = r.enumeration("what"_L1, SanctionAction::Ban);
    if (r.ok() && m.what != SanctionAction::Ban && m.what != SanctionAction::Mute)
        r.fail(u"\"what\" must be \"ban\" or \"mute\""_s);
    m.address = r.string("address"_L1, MaxIdLength, false);
    m.user = r.string("user"_L1, MaxNameLength, m.address.isEmpty());
    m.room = r.string("room"_L1, MaxRoomLength, false);
    if (r.ok() && m.what == SanctionAction::Mute && !m.address.isEmpty())
        r.fail(u"\"address\" goes with a ban only"_s);
    if (r.ok() && m.what == SanctionAction::Ban && !m.room.isEmpty())
        r.fail(u"\"room\" goes with a mute only"_s);
}

void read(FieldReader &r, ListSanctions &m)
{
    m.after = r.string("after"_L1, MaxCursorLength, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
}

void read(FieldReader &r, ReadAudit &m)
{
    m.before = r.integer("before"_L1, 0, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
    m.actor = r.string("actor"_L1, MaxNameLength, false);
    m.target = r.string("target"_L1, MaxAuditFieldLength, false);
    m.action = r.string("action"_L1, MaxAuditFieldLength, false);
    m.since = r.integer("since"_L1, 0, false);
    m.until = r.integer("until"_L1, 0, false);
}

void read(FieldReader &r, SetTopic &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.topic = r.string("topic"_L1, MaxTopicLength);
}

void read(FieldReader &r, SetRole &m)
{
    m.user = r.string("user"_L1, MaxNameLength);
    m.role = r.enumeration("role"_L1, Role::Member);
    if (r.ok() && m.role != Role::Member && m.role != Role::Moderator)
        r.fail(u"\"role\" must be \"member\" or \"moderator\""_s);
}

void read(FieldReader &r, ChangePassword &m)
{
    m.oldPassword = r.string("old"_L1, MaxPasswordLength);
    m.newPassword = r.string("new"_L1, MaxPasswordLength);
    m.others = r.boolean("others"_L1, false);
}

void read(FieldReader &, ListDevices &) { }

void read(FieldReader &r, EndDevice &m)
{
    m.device = r.string("device"_L1, MaxDeviceIdLength);
}

void read(FieldReader &r, SetNotify &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.level = r.enumeration("level"_L1, NotifyLevel::All);
}

void read(FieldReader &r, RenameRoom &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.name = r.string("name"_L1, MaxRoomLength);
}

void read(FieldReader &r, UnarchiveRoom &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
}

void read(FieldReader &r, RemoveMember &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.user = r.string("user"_L1, MaxNameLength);
}

void read(FieldReader &r, DeleteMessage &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.seq = r.integer("seq"_L1, 0);
}

void read(FieldReader &r, Invite &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.user = r.string("user"_L1, MaxNameLength);
}

void read(FieldReader &r, Join &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.since = r.integer("since"_L1, -1, false);
}

void read(FieldReader &r, Leave &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
}

void read(FieldReader &r, Send &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.attachments = readAttachmentIds(r);
    // With attachments, the text may be left out.
    m.text = r.string("text"_L1, 0, m.attachments.isEmpty());
    m.msgId = r.string("msgId"_L1, MaxIdLength, false);
    m.replyTo = r.integer("replyTo"_L1, 0, false);
}

void read(FieldReader &r, Edit &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.seq = r.integer("seq"_L1, 0);
    m.text = r.string("text"_L1, 0);
}

void read(FieldReader &r, React &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.seq = r.integer("seq"_L1, 0);
    m.emoji = r.string("emoji"_L1, MaxEmojiLength);
    if (r.ok() && !isValidEmoji(m.emoji))
        r.fail(u"\"emoji\" must be an emoji (no letters, digits or spaces)"_s);
    m.on = r.boolean("on"_L1, true);
}

void read(FieldReader &r, MarkRead &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.seq = r.integer("seq"_L1, 0);
}

void read(FieldReader &r, SetStatus &m)
{
    m.status = r.enumeration("status"_L1, PresenceStatus::Online);
}

void read(FieldReader &r, FindPeople &m)
{
    m.query = r.string("query"_L1, MaxNameLength, false);
    m.after = r.string("after"_L1, MaxNameLength, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
}

void read(FieldReader &r, Search &m)
{
    m.query = r.string("query"_L1, MaxSearchLength).trimmed();
    if (r.ok() && m.query.size() < MinSearchLength)
        r.fail(u"\"query\" must have at least %1 characters"_s.arg(MinSearchLength));
    m.room = r.string("room"_L1, MaxRoomLength, false);
    m.before = r.integer("before"_L1, 0, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
}

void read(FieldReader &r, Typing &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.active = r.boolean("active"_L1, true);
}

void read(FieldReader &r, HistoryRequest &m)
{
    m.room = r.string("room"_L1, MaxRoomLength);
    m.before = r.integer("before"_L1, 0, false);
    m.after = r.integer("after"_L1, 0, false);
    m.around = r.integer("around"_L1, 0, false);
    m.limit = int(qMin<qint64>(r.integer("limit"_L1, m.limit, false), INT_MAX));
}

// Reads one message of type T (its request id, if it has one, from the envelope).
template<typename Variant, typename T>
Decoded<Variant> decodeAs(FieldReader &r, const Envelope &envelope)
{
    T m{};
    if constexpr (requires { m.id; })
        m.id = envelope.id;
    read(r, m);
    return finish<Variant>(r, std::move(m));
}

template<typename Variant>
using Reader = Decoded<Variant> (*)(FieldReader &, const Envelope &);

// Looks the envelope's type up in the table and reads the rest of the frame with its reader.
template<typename Variant>
Decoded<Variant> decodeWith(const QHash<QString, Reader<Variant>> &readers, QByteArrayView json)
{
    const Envelope envelope = readEnvelope(json);
    if (envelope.error)
        return {*envelope.error};
    const Reader<Variant> reader = readers.value(envelope.type);
    if (!reader)
        return {unknownType(envelope)};
    FieldReader r(envelope.object, envelope.id);
    return reader(r, envelope);
}

const QHash<QString, Reader<ClientMessage>> &clientReaders()
{
    static const QHash<QString, Reader<ClientMessage>> readers{
        {u"hello"_s, &decodeAs<ClientMessage, Hello>},
        {u"whois"_s, &decodeAs<ClientMessage, Whois>},
        {u"register"_s, &decodeAs<ClientMessage, Register>},
        {u"login"_s, &decodeAs<ClientMessage, Login>},
        {u"logout"_s, &decodeAs<ClientMessage, Logout>},
        {u"create_room"_s, &decodeAs<ClientMessage, CreateRoom>},
        {u"list_rooms"_s, &decodeAs<ClientMessage, ListRooms>},
        {u"archive_room"_s, &decodeAs<ClientMessage, ArchiveRoom>},
        {u"delete_room"_s, &decodeAs<ClientMessage, DeleteRoom>},
        {u"kick"_s, &decodeAs<ClientMessage, Kick>},
        {u"ban"_s, &decodeAs<ClientMessage, Ban>},
        {u"direct"_s, &decodeAs<ClientMessage, Direct>},
        {u"revoke_tokens"_s, &decodeAs<ClientMessage, RevokeTokens>},
        {u"mute"_s, &decodeAs<ClientMessage, Mute>},
        {u"delete"_s, &decodeAs<ClientMessage, DeleteMessage>},
        {u"invite"_s, &decodeAs<ClientMessage, Invite>},
        {u"join"_s, &decodeAs<ClientMessage, Join>},
        {u"leave"_s, &decodeAs<ClientMessage, Leave>},
        {u"send"_s, &decodeAs<ClientMessage, Send>},
        {u"typing"_s, &decodeAs<ClientMessage, Typing>},
        {u"history"_s, &decodeAs<ClientMessage, HistoryRequest>},
        {u"edit"_s, &decodeAs<ClientMessage, Edit>},
        {u"react"_s, &decodeAs<ClientMessage, React>},
        {u"read"_s, &decodeAs<ClientMessage, MarkRead>},
        {u"status"_s, &decodeAs<ClientMessage, SetStatus>},
        {u"find_people"_s, &decodeAs<ClientMessage, FindPeople>},
        {u"search"_s, &decodeAs<ClientMessage, Search>},
        {u"lift"_s, &decodeAs<ClientMessage, Lift>},
        {u"sanctions"_s, &decodeAs<ClientMessage, ListSanctions>},
        {u"audit"_s, &decodeAs<ClientMessage, ReadAudit>},
        {u"set_topic"_s, &decodeAs<ClientMessage, SetTopic>},
        {u"set_role"_s, &decodeAs<ClientMessage, SetRole>},
        {u"change_password"_s, &decodeAs<ClientMessage, ChangePassword>},
        {u"devices"_s, &decodeAs<ClientMessage, ListDevices>},
        {u"end_device"_s, &decodeAs<ClientMessage, EndDevice>},
        {u"set_notify"_s, &decodeAs<ClientMessage, SetNotify>},
        {u"rename_room"_s, &decodeAs<ClientMessage, RenameRoom>},
        {u"unarchive_room"_s, &decodeAs<ClientMessage, UnarchiveRoom>},
        {u"remove_member"_s, &decodeAs<ClientMessage, RemoveMember>},
    };
    return readers;
}

} // namespace

Decoded<ClientMessage> detail::decodeClientMessageWithQJsonDocument(QByteArrayView json)
{
    return decodeWith(clientReaders(), json);
}

Decoded<ClientMessage> MessageCodec::decodeClientMessage(QByteArrayView json)
{
    if (std::optional<ClientMessage> message = detail::decodeClientMessageFast(json))
        return {std::move(*message)};
    return detail::decodeClientMessageWithQJsonDocument(json);
}

namespace {

Member readMember(FieldReader &r, const QJsonValue &value)
{
    Member member;
    if (!value.isObject()) {
        r.fail(u"a member must be an object"_s);
        return member;
    }
    const QJsonObject object = value.toObject();
    FieldReader fields(object, {});
    member.name = fields.string("name"_L1, 0);
    member.kind = fields.enumeration("kind"_L1, ClientKind::Other);
    member.status = fields.enumeration("status"_L1, PresenceStatus::Online, false);
    if (!fields.ok())
        r.fail(fields.error().message);
    return member;
}

void read(FieldReader &r, Welcome &m)
{
    m.protocol = int(r.integer("protocol"_L1, Version));
    m.name = r.string("name"_L1, 0);
    m.server = r.string("server"_L1, 0);
    m.role = r.enumeration("role"_L1, Role::Guest);
    m.token = r.string("token"_L1, 0, false);
    m.expires = r.integer("expires"_L1, 0, !m.token.isEmpty());
    m.resume = r.string("resume"_L1, 0, false);
    const QJsonValue notify = r.value("notify"_L1);
    if (!notify.isUndefined()) {
        for (const QJsonValue &value : r.array("notify"_L1)) {
            const QJsonObject object = value.toObject();
            FieldReader fields(object, {});
            NotifySetting setting;
            setting.room = fields.string("room"_L1, 0);
            setting.level = fields.enumeration("level"_L1, NotifyLevel::All);
            if (!value.isObject() || !fields.ok())
                r.fail(u"\"notify\" must hold room levels"_s);
            m.notify.append(setting);
        }
    }
}

void read(FieldReader &r, UserInfo &m)
{
    m.name = r.string("name"_L1, 0);
    m.role = r.enumeration("role"_L1, Role::Guest);
    m.online = r.boolean("online"_L1, false);
    m.lastSeen = r.integer("lastSeen"_L1, 0, false);
    m.status = r.enumeration("status"_L1, PresenceStatus::Online, false);
}

void read(FieldReader &r, GapEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.from = r.integer("from"_L1, 0);
    m.to = r.integer("to"_L1, 0);
    m.reason = r.enumeration("reason"_L1, GapReason::Retention);
}

void read(FieldReader &r, SlowDown &m)
{
    m.kind = r.enumeration("kind"_L1, RateKind::Send);
    m.waitMs = r.integer("wait"_L1, 0);
}

void read(FieldReader &, LoggedOut &) { }

void read(FieldReader &r, RoomList &m)
{
    const QJsonArray rooms = r.array("rooms"_L1);
    for (const QJsonValue &value : rooms) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        RoomInfo room;
        room.name = fields.string("name"_L1, 0);
        room.kind = fields.enumeration("kind"_L1, RoomKind::Public);
        room.topic = fields.string("topic"_L1, 0, false);
        room.online = int(fields.integer("online"_L1, 0));
        room.archived = fields.boolean("archived"_L1, false);
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"rooms\" must hold room objects"_s);
        m.rooms.append(room);
    }
    m.more = r.boolean("more"_L1, false);
}

void read(FieldReader &r, RoomChangedEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.change = r.enumeration("change"_L1, RoomChange::Deleted);
    m.by = r.string("by"_L1, 0);
    m.reason = r.string("reason"_L1, 0, false);
    m.topic = r.string("topic"_L1, 0, false);
    m.name = r.string("name"_L1, 0, m.change == RoomChange::Renamed);
}

void read(FieldReader &r, RoleChangedEvent &m)
{
    m.role = r.enumeration("role"_L1, Role::Member);
    m.by = r.string("by"_L1, 0);
}

void read(FieldReader &r, SanctionList &m)
{
    for (const QJsonValue &value : r.array("sanctions"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        SanctionInfo info;
        info.kind = fields.enumeration("kind"_L1, SanctionAction::Ban);
        info.user = fields.string("user"_L1, 0, false);
        info.address = fields.string("address"_L1, 0, false);
        info.room = fields.string("room"_L1, 0, false);
        info.until = fields.integer("until"_L1, 0, false);
        info.reason = fields.string("reason"_L1, 0, false);
        info.by = fields.string("by"_L1, 0);
        info.since = fields.integer("since"_L1, 0);
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"sanctions\" must hold sanction objects"_s);
        m.sanctions.append(info);
    }
    m.more = r.boolean("more"_L1, false);
    m.next = r.string("next"_L1, 0, false);
}

void read(FieldReader &r, AuditPage &m)
{
    for (const QJsonValue &value : r.array("entries"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        AuditEntry entry;
        entry.id = fields.integer("id"_L1, 0);
        entry.time = fields.integer("time"_L1, 0);
        entry.actor = fields.string("actor"_L1, 0);
        entry.action = fields.string("action"_L1, 0);
        entry.target = fields.string("target"_L1, 0, false);
        entry.room = fields.string("room"_L1, 0, false);
        entry.detail = fields.string("detail"_L1, 0, false);
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"entries\" must hold audit entries"_s);
        m.entries.append(entry);
    }
    m.more = r.boolean("more"_L1, false);
}

void read(FieldReader &r, DeviceList &m)
{
    for (const QJsonValue &value : r.array("devices"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        DeviceInfo device;
        device.device = fields.string("device"_L1, 0);
        device.client = fields.enumeration("client"_L1, ClientKind::Other);
        device.address = fields.string("address"_L1, 0, false);
        device.created = fields.integer("created"_L1, 0);
        device.lastSeen = fields.integer("last_seen"_L1, 0);
        device.current = fields.boolean("current"_L1, false);
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"devices\" must hold device objects"_s);
        m.devices.append(device);
    }
}

void read(FieldReader &r, Done &m)
{
    m.action = r.string("action"_L1, 0);
}

void read(FieldReader &r, DeletedEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.by = r.string("by"_L1, 0);
    m.at = r.integer("at"_L1, 0, false);
}

void read(FieldReader &r, EditedEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.at = r.integer("at"_L1, 0);
    m.text = r.string("text"_L1, 0);
    m.by = r.string("by"_L1, 0);
    m.time = r.integer("time"_L1, 0);
    m.mentions = r.strings("mentions"_L1, false);
}

void read(FieldReader &r, ReactionEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.at = r.integer("at"_L1, 0);
    m.user = r.string("user"_L1, 0);
    m.emoji = r.string("emoji"_L1, 0);
    m.on = r.boolean("on"_L1, true);
}

void read(FieldReader &r, ReadMarker &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
}

void read(FieldReader &r, UnreadEvent &m)
{
    for (const QJsonValue &value : r.array("rooms"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        UnreadRoom room;
        room.room = fields.string("room"_L1, 0);
        room.kind = fields.enumeration("kind"_L1, RoomKind::Public);
        room.seq = fields.integer("seq"_L1, 0);
        room.read = fields.integer("read"_L1, 0);
        room.unread = int(qMin<qint64>(fields.integer("unread"_L1, 0), INT_MAX));
        room.mentions = int(qMin<qint64>(fields.integer("mentions"_L1, 0), INT_MAX));
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"rooms\" must hold unread objects"_s);
        m.rooms.append(room);
    }
    m.more = r.boolean("more"_L1, false);
}

void read(FieldReader &r, People &m)
{
    for (const QJsonValue &value : r.array("people"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        Person person;
        person.name = fields.string("name"_L1, 0);
        person.role = fields.enumeration("role"_L1, Role::Member);
        person.online = fields.boolean("online"_L1, false);
        person.status = fields.enumeration("status"_L1, PresenceStatus::Online, false);
        person.lastSeen = fields.integer("lastSeen"_L1, 0, false);
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"people\" must hold person objects"_s);
        m.people.append(person);
    }
    m.more = r.boolean("more"_L1, false);
}

void read(FieldReader &r, SearchResults &m)
{
    for (const QJsonValue &value : r.array("messages"_L1)) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        m.messages.append(messageFromJson(fields));
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"messages\" must hold message objects"_s);
    }
    m.more = r.boolean("more"_L1, false);
    m.next = r.integer("next"_L1, 0, false);
}

void read(FieldReader &r, Invited &m)
{
    m.room = r.string("room"_L1, 0);
    m.user = r.string("user"_L1, 0);
    m.by = r.string("by"_L1, 0, false);
}

void read(FieldReader &r, SanctionEvent &m)
{
    m.action = r.enumeration("action"_L1, SanctionAction::Kick);
    m.by = r.string("by"_L1, 0);
    m.reason = r.string("reason"_L1, 0, false);
    m.until = r.integer("until"_L1, 0, false);
    m.room = r.string("room"_L1, 0, false);
    m.lifted = r.enumeration("lifted"_L1, SanctionAction::Kick, m.action == SanctionAction::Lift);
}

void read(FieldReader &r, AnnouncementEvent &m)
{
    m.text = r.string("text"_L1, 0);
    m.time = r.integer("time"_L1, 0);
    m.by = r.string("by"_L1, 0);
}

void read(FieldReader &r, Joined &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.kind = r.enumeration("kind"_L1, RoomKind::Public);
    m.topic = r.string("topic"_L1, 0, false);
    m.read = r.integer("read"_L1, 0, false);
    const QJsonArray members = r.array("members"_L1);
    for (const QJsonValue &value : members)
        m.members.append(readMember(r, value));
}

void read(FieldReader &r, Left &m)
{
    m.room = r.string("room"_L1, 0);
}

void read(FieldReader &r, Ack &m)
{
    m.room = r.string("room"_L1, 0);
    m.seq = r.integer("seq"_L1, 0);
    m.msgId = r.string("msgId"_L1, 0, false);
}

void read(FieldReader &r, Error &m)
{
    m.code = r.enumeration("code"_L1, ErrorCode::Internal);
    m.message = r.string("message"_L1, 0);
    m.until = r.integer("until"_L1, 0, false);
    m.reason = r.string("reason"_L1, 0, false);
    m.waitMs = r.integer("waitMs"_L1, 0, false);
}

void read(FieldReader &r, MessageEvent &m)
{
    m = messageFromJson(r);
}

void read(FieldReader &r, History &m)
{
    m.room = r.string("room"_L1, 0);
    m.more = r.boolean("more"_L1, false);
    m.newer = r.boolean("newer"_L1, false);
    if (!r.value("changes"_L1).isUndefined()) {
        for (const QJsonValue &value : r.array("changes"_L1)) {
            const QJsonObject object = value.toObject();
            FieldReader fields(object, {});
            const QString type = object.value("type"_L1).toString();
            if (type == "edited"_L1) {
                EditedEvent change;
                read(fields, change);
                m.changes.append(change);
            } else if (type == "deleted"_L1) {
                DeletedEvent change;
                read(fields, change);
                m.changes.append(change);
            } else if (type == "reaction"_L1) {
                ReactionEvent change;
                read(fields, change);
                m.changes.append(change);
            } else {
                r.fail(u"\"changes\" must hold edited, deleted or reaction events"_s);
            }
            if (!fields.ok())
                r.fail(fields.error().message);
        }
    }
    const QJsonArray messages = r.array("messages"_L1);
    for (const QJsonValue &value : messages) {
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        m.messages.append(messageFromJson(fields));
        if (!value.isObject() || !fields.ok())
            r.fail(u"\"messages\" must hold message objects"_s);
    }
}

void read(FieldReader &r, PresenceEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.change = r.enumeration("change"_L1, PresenceChange::Joined);
    m.member = readMember(r, r.value("member"_L1));
    m.reason = r.enumeration("reason"_L1, LeaveReason::Left, m.change == PresenceChange::Left);
}

void read(FieldReader &r, TypingEvent &m)
{
    m.room = r.string("room"_L1, 0);
    m.user = r.string("user"_L1, 0);
    m.active = r.boolean("active"_L1, true);
}

const QHash<QString, Reader<ServerMessage>> &serverReaders()
{
    static const QHash<QString, Reader<ServerMessage>> readers{
        {u"welcome"_s, &decodeAs<ServerMessage, Welcome>},
        {u"user"_s, &decodeAs<ServerMessage, UserInfo>},
        {u"gap"_s, &decodeAs<ServerMessage, GapEvent>},
        {u"slow_down"_s, &decodeAs<ServerMessage, SlowDown>},
        {u"logged_out"_s, &decodeAs<ServerMessage, LoggedOut>},
        {u"rooms"_s, &decodeAs<ServerMessage, RoomList>},
        {u"room_changed"_s, &decodeAs<ServerMessage, RoomChangedEvent>},
        {u"done"_s, &decodeAs<ServerMessage, Done>},
        {u"deleted"_s, &decodeAs<ServerMessage, DeletedEvent>},
        {u"invited"_s, &decodeAs<ServerMessage, Invited>},
        {u"joined"_s, &decodeAs<ServerMessage, Joined>},
        {u"left"_s, &decodeAs<ServerMessage, Left>},
        {u"ack"_s, &decodeAs<ServerMessage, Ack>},
        {u"error"_s, &decodeAs<ServerMessage, Error>},
        {u"message"_s, &decodeAs<ServerMessage, MessageEvent>},
        {u"history"_s, &decodeAs<ServerMessage, History>},
        {u"presence"_s, &decodeAs<ServerMessage, PresenceEvent>},
        {u"typing"_s, &decodeAs<ServerMessage, TypingEvent>},
        {u"sanction"_s, &decodeAs<ServerMessage, SanctionEvent>},
        {u"announcement"_s, &decodeAs<ServerMessage, AnnouncementEvent>},
        {u"edited"_s, &decodeAs<ServerMessage, EditedEvent>},
        {u"reaction"_s, &decodeAs<ServerMessage, ReactionEvent>},
        {u"read"_s, &decodeAs<ServerMessage, ReadMarker>},
        {u"unread"_s, &decodeAs<ServerMessage, UnreadEvent>},
        {u"people"_s, &decodeAs<ServerMessage, People>},
        {u"results"_s, &decodeAs<ServerMessage, SearchResults>},
        {u"sanctions"_s, &decodeAs<ServerMessage, SanctionList>},
        {u"audit"_s, &decodeAs<ServerMessage, AuditPage>},
        {u"role"_s, &decodeAs<ServerMessage, RoleChangedEvent>},
        {u"devices"_s, &decodeAs<ServerMessage, DeviceList>},
    };
    return readers;
}

} // namespace

Decoded<ServerMessage> MessageCodec::decodeServerMessage(QByteArrayView json)
{
    return decodeWith(serverReaders(), json);
}

} // namespace sori::protocol
