// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/messagecodec.h"
#include "protocol/jsonwriter.h"
#include "protocol/messagecodec_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonParseError>

#include <array>
#include <cstring>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace sori::protocol {

namespace {

template<typename Enum, size_t N>
QLatin1StringView nameOf(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, Enum value)
{
    for (const auto &[e, name] : table) {
        if (e == value)
            return name;
    }
    Q_UNREACHABLE();
    return {};
}

template<typename Enum, size_t N>
bool valueOf(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, QStringView name,
             Enum *value)
{
    for (const auto &[e, wire] : table) {
        if (name == wire) {
            *value = e;
            return true;
        }
    }
    return false;
}

constexpr std::array gapReasons{
    std::pair{GapReason::Retention, "retention"_L1},
    std::pair{GapReason::Limit, "limit"_L1},
};

constexpr std::array clientKinds{
    std::pair{ClientKind::Other, "other"_L1},
    std::pair{ClientKind::Desktop, "desktop"_L1},
    std::pair{ClientKind::Web, "web"_L1},
    std::pair{ClientKind::Plain, "plain"_L1},
};

constexpr std::array errorCodes{
    std::pair{ErrorCode::Internal, "internal"_L1},
    std::pair{ErrorCode::BadJson, "bad_json"_L1},
    std::pair{ErrorCode::UnknownType, "unknown_type"_L1},
    std::pair{ErrorCode::BadField, "bad_field"_L1},
    std::pair{ErrorCode::HelloRequired, "hello_required"_L1},
    std::pair{ErrorCode::AlreadyGreeted, "already_greeted"_L1},
    std::pair{ErrorCode::UnsupportedVersion, "unsupported_version"_L1},
    std::pair{ErrorCode::BadName, "bad_name"_L1},
    std::pair{ErrorCode::NameTaken, "name_taken"_L1},
    std::pair{ErrorCode::BadRoom, "bad_room"_L1},
    std::pair{ErrorCode::NotJoined, "not_joined"_L1},
    std::pair{ErrorCode::TooLarge, "too_large"_L1},
    std::pair{ErrorCode::UnsupportedFrame, "unsupported_frame"_L1},
    std::pair{ErrorCode::BadCredentials, "bad_credentials"_L1},
    std::pair{ErrorCode::BadToken, "bad_token"_L1},
    std::pair{ErrorCode::Throttled, "throttled"_L1},
    std::pair{ErrorCode::GuestsDisabled, "guests_disabled"_L1},
    std::pair{ErrorCode::RegistrationClosed, "registration_closed"_L1},
    std::pair{ErrorCode::WeakPassword, "weak_password"_L1},
    std::pair{ErrorCode::Forbidden, "forbidden"_L1},
    std::pair{ErrorCode::NotMember, "not_member"_L1},
    std::pair{ErrorCode::RoomExists, "room_exists"_L1},
    std::pair{ErrorCode::NoSuchRoom, "no_such_room"_L1},
    std::pair{ErrorCode::NoSuchUser, "no_such_user"_L1},
    std::pair{ErrorCode::Banned, "banned"_L1},
    std::pair{ErrorCode::Muted, "muted"_L1},
    std::pair{ErrorCode::Busy, "busy"_L1},
    std::pair{ErrorCode::Archived, "archived"_L1},
    std::pair{ErrorCode::RateLimited, "rate_limited"_L1},
    std::pair{ErrorCode::TooManyRooms, "too_many_rooms"_L1},
};

constexpr std::array roomChanges{
    std::pair{RoomChange::Archived, "archived"_L1},
    std::pair{RoomChange::Deleted, "deleted"_L1},
};

constexpr std::array rateKinds{
    std::pair{RateKind::Send, "send"_L1},
    std::pair{RateKind::Typing, "typing"_L1},
    std::pair{RateKind::Join, "join"_L1},
    std::pair{RateKind::Read, "read"_L1},
    std::pair{RateKind::CreateRoom, "create_room"_L1},
};

constexpr std::array roles{
    std::pair{Role::Guest, "guest"_L1},
    std::pair{Role::Member, "member"_L1},
    std::pair{Role::Moderator, "moderator"_L1},
    std::pair{Role::Admin, "admin"_L1},
};

constexpr std::array roomKinds{
    std::pair{RoomKind::Public, "public"_L1},
    std::pair{RoomKind::Private, "private"_L1},
    std::pair{RoomKind::Announcement, "announcement"_L1},
    std::pair{RoomKind::Direct, "direct"_L1},
};

constexpr std::array presenceChanges{
    std::pair{PresenceChange::Joined, "joined"_L1},
    std::pair{PresenceChange::Left, "left"_L1},
};

constexpr std::array leaveReasons{
    std::pair{LeaveReason::Left, "left"_L1},
    std::pair{LeaveReason::Closed, "closed"_L1},
    std::pair{LeaveReason::NetworkLost, "network_lost"_L1},
    std::pair{LeaveReason::TimedOut, "timed_out"_L1},
    std::pair{LeaveReason::Kicked, "kicked"_L1},
    std::pair{LeaveReason::Shutdown, "shutdown"_L1},
    std::pair{LeaveReason::Dropped, "dropped"_L1},
};

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
        // Integers only, and only those a double holds exactly.
        if (!value.isDouble() || number != static_cast<double>(static_cast<qint64>(number))
            || number < 0 || number > 9007199254740991.0) {
            fail(u"\"%1\" must be a whole number of 0 or more"_s.arg(key));
            return fallback;
        }
        return static_cast<qint64>(number);
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
        if (!id.isString() || id.toString().size() > MaxIdLength) {
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

QJsonObject withId(QLatin1StringView type, const QString &id)
{
    QJsonObject object{{"type"_L1, type}};
    if (!id.isEmpty())
        object.insert("id"_L1, id);
    return object;
}

void insertIfSet(QJsonObject &object, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

QJsonObject messageToJson(const MessageEvent &m)
{
    QJsonObject o{{"type"_L1, "message"_L1}};
    o.insert("room"_L1, m.room);
    o.insert("seq"_L1, m.seq);
    o.insert("from"_L1, m.from);
    o.insert("text"_L1, m.text);
    o.insert("time"_L1, m.time);
    insertIfSet(o, "msgId"_L1, m.msgId);
    if (m.deleted)
        o.insert("deleted"_L1, true);
    return o;
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
    return m;
}

QJsonObject memberToJson(const Member &member)
{
    return QJsonObject{{"name"_L1, member.name}, {"kind"_L1, toWire(member.kind)}};
}

} // namespace

QLatin1StringView toWire(ClientKind kind)
{
    return nameOf(clientKinds, kind);
}
QLatin1StringView toWire(ErrorCode code)
{
    return nameOf(errorCodes, code);
}
QLatin1StringView toWire(PresenceChange change)
{
    return nameOf(presenceChanges, change);
}
QLatin1StringView toWire(LeaveReason reason)
{
    return nameOf(leaveReasons, reason);
}
bool fromWire(QStringView name, ClientKind *kind)
{
    return valueOf(clientKinds, name, kind);
}
bool fromWire(QStringView name, ErrorCode *code)
{
    return valueOf(errorCodes, name, code);
}
bool fromWire(QStringView name, PresenceChange *change)
{
    return valueOf(presenceChanges, name, change);
}
QLatin1StringView toWire(Role role)
{
    return nameOf(roles, role);
}
bool fromWire(QStringView name, Role *role)
{
    return valueOf(roles, name, role);
}
QLatin1StringView toWire(RoomKind kind)
{
    return nameOf(roomKinds, kind);
}
bool fromWire(QStringView name, RoomKind *kind)
{
    return valueOf(roomKinds, name, kind);
}
QLatin1StringView toWire(GapReason reason)
{
    return nameOf(gapReasons, reason);
}
bool fromWire(QStringView name, GapReason *reason)
{
    return valueOf(gapReasons, name, reason);
}
bool fromWire(QStringView name, LeaveReason *reason)
{
    return valueOf(leaveReasons, name, reason);
}
QLatin1StringView toWire(RoomChange change)
{
    return nameOf(roomChanges, change);
}
bool fromWire(QStringView name, RoomChange *change)
{
    return valueOf(roomChanges, name, change);
}
QLatin1StringView toWire(RateKind kind)
{
    return nameOf(rateKinds, kind);
}
bool fromWire(QStringView name, RateKind *kind)
{
    return valueOf(rateKinds, name, kind);
}

namespace {
bool isNameCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.';
}

bool hasOnlyNameCharacters(QStringView text, qsizetype maxLength)
{
    if (text.isEmpty() || text.size() > maxLength)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        // Surrogate pairs: letters outside the BMP are allowed as well.
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t ucs4 = QChar::surrogateToUcs4(text[i], text[i + 1]);
            if (!QChar::isLetterOrNumber(ucs4))
                return false;
            ++i;
            continue;
        }
        if (!isNameCharacter(text[i]))
            return false;
    }
    return true;
}
} // namespace

bool isValidName(QStringView name)
{
    return hasOnlyNameCharacters(name, MaxNameLength);
}

bool isValidRoomName(QStringView room)
{
    return hasOnlyNameCharacters(room, MaxRoomLength);
}

bool isValidAccountName(QStringView name)
{
    return isValidName(name) && !isGuestName(name);
}

bool isGuestName(QStringView name)
{
    constexpr auto prefix = "guest-"_L1;
    if (!name.startsWith(prefix, Qt::CaseInsensitive) || name.size() == prefix.size())
        return false;
    for (QChar c : name.mid(prefix.size())) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

QByteArray MessageCodec::encode(const ClientMessage &message)
{
    return std::visit(
        [](const auto &m) -> QByteArray {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Hello>) {
                QJsonObject o = withId("hello"_L1, m.id);
                o.insert("protocol"_L1, m.protocol);
                insertIfSet(o, "name"_L1, m.name);
                o.insert("client"_L1, toWire(m.client));
                insertIfSet(o, "resume"_L1, m.resume);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Join>) {
                QJsonObject o = withId("join"_L1, m.id);
                o.insert("room"_L1, m.room);
                if (m.since >= 0)
                    o.insert("since"_L1, m.since);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Whois>) {
                QJsonObject o = withId("whois"_L1, m.id);
                o.insert("user"_L1, m.user);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Leave>) {
                QJsonObject o = withId("leave"_L1, m.id);
                o.insert("room"_L1, m.room);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Send>) {
                QJsonObject o = withId("send"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("text"_L1, m.text);
                insertIfSet(o, "msgId"_L1, m.msgId);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Typing>) {
                QJsonObject o = withId("typing"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("active"_L1, m.active);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Register>) {
                QJsonObject o = withId("register"_L1, m.id);
                o.insert("protocol"_L1, m.protocol);
                o.insert("name"_L1, m.name);
                o.insert("password"_L1, m.password);
                o.insert("client"_L1, toWire(m.client));
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Login>) {
                QJsonObject o = withId("login"_L1, m.id);
                o.insert("protocol"_L1, m.protocol);
                insertIfSet(o, "name"_L1, m.name);
                insertIfSet(o, "password"_L1, m.password);
                insertIfSet(o, "token"_L1, m.token);
                o.insert("client"_L1, toWire(m.client));
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Logout>) {
                return toJson(withId("logout"_L1, m.id));
            } else if constexpr (std::is_same_v<T, CreateRoom>) {
                QJsonObject o = withId("create_room"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("kind"_L1, toWire(m.kind));
                insertIfSet(o, "topic"_L1, m.topic);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, ListRooms>) {
                QJsonObject o = withId("list_rooms"_L1, m.id);
                insertIfSet(o, "query"_L1, m.query);
                insertIfSet(o, "after"_L1, m.after);
                if (m.limit > 0)
                    o.insert("limit"_L1, m.limit);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, ArchiveRoom>) {
                QJsonObject o = withId("archive_room"_L1, m.id);
                o.insert("room"_L1, m.room);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, DeleteRoom>) {
                QJsonObject o = withId("delete_room"_L1, m.id);
                o.insert("room"_L1, m.room);
                insertIfSet(o, "reason"_L1, m.reason);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Kick>) {
                QJsonObject o = withId("kick"_L1, m.id);
                o.insert("user"_L1, m.user);
                insertIfSet(o, "reason"_L1, m.reason);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Ban>) {
                QJsonObject o = withId("ban"_L1, m.id);
                insertIfSet(o, "user"_L1, m.user);
                insertIfSet(o, "address"_L1, m.address);
                if (m.minutes > 0)
                    o.insert("minutes"_L1, m.minutes);
                insertIfSet(o, "reason"_L1, m.reason);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Direct>) {
                QJsonObject o = withId("direct"_L1, m.id);
                o.insert("to"_L1, m.to);
                o.insert("text"_L1, m.text);
                insertIfSet(o, "msgId"_L1, m.msgId);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, RevokeTokens>) {
                QJsonObject o = withId("revoke_tokens"_L1, m.id);
                o.insert("user"_L1, m.user);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Mute>) {
                QJsonObject o = withId("mute"_L1, m.id);
                o.insert("user"_L1, m.user);
                insertIfSet(o, "room"_L1, m.room);
                if (m.minutes > 0)
                    o.insert("minutes"_L1, m.minutes);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, DeleteMessage>) {
                QJsonObject o = withId("delete"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("seq"_L1, m.seq);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Invite>) {
                QJsonObject o = withId("invite"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("user"_L1, m.user);
                return toJson(o);
            } else {
                static_assert(std::is_same_v<T, HistoryRequest>);
                QJsonObject o = withId("history"_L1, m.id);
                o.insert("room"_L1, m.room);
                if (m.before > 0)
                    o.insert("before"_L1, m.before);
                if (m.after > 0)
                    o.insert("after"_L1, m.after);
                o.insert("limit"_L1, m.limit);
                return toJson(o);
            }
        },
        message);
}

QByteArray detail::encodeWithQJsonDocument(const ServerMessage &message)
{
    return std::visit(
        [](const auto &m) -> QByteArray {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Welcome>) {
                QJsonObject o = withId("welcome"_L1, m.id);
                o.insert("protocol"_L1, m.protocol);
                o.insert("name"_L1, m.name);
                o.insert("server"_L1, m.server);
                o.insert("role"_L1, toWire(m.role));
                if (!m.token.isEmpty()) {
                    o.insert("token"_L1, m.token);
                    o.insert("expires"_L1, m.expires);
                }
                insertIfSet(o, "resume"_L1, m.resume);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, UserInfo>) {
                QJsonObject o = withId("user"_L1, m.id);
                o.insert("name"_L1, m.name);
                o.insert("role"_L1, toWire(m.role));
                o.insert("online"_L1, m.online);
                o.insert("lastSeen"_L1, m.lastSeen);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, GapEvent>) {
                QJsonObject o{{"type"_L1, "gap"_L1}};
                o.insert("room"_L1, m.room);
                o.insert("from"_L1, m.from);
                o.insert("to"_L1, m.to);
                o.insert("reason"_L1, toWire(m.reason));
                return toJson(o);
            } else if constexpr (std::is_same_v<T, SlowDown>) {
                QJsonObject o{{"type"_L1, "slow_down"_L1}};
                o.insert("kind"_L1, toWire(m.kind));
                o.insert("wait"_L1, m.waitMs);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, LoggedOut>) {
                return toJson(withId("logged_out"_L1, m.id));
            } else if constexpr (std::is_same_v<T, RoomList>) {
                QJsonObject o = withId("rooms"_L1, m.id);
                QJsonArray rooms;
                for (const RoomInfo &room : m.rooms) {
                    QJsonObject r{{"name"_L1, room.name},
                                  {"kind"_L1, toWire(room.kind)},
                                  {"online"_L1, room.online}};
                    insertIfSet(r, "topic"_L1, room.topic);
                    if (room.archived)
                        r.insert("archived"_L1, true);
                    rooms.append(r);
                }
                o.insert("rooms"_L1, rooms);
                if (m.more)
                    o.insert("more"_L1, true);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, RoomChangedEvent>) {
                QJsonObject o{{"type"_L1, "room_changed"_L1}};
                o.insert("room"_L1, m.room);
                o.insert("change"_L1, toWire(m.change));
                o.insert("by"_L1, m.by);
                insertIfSet(o, "reason"_L1, m.reason);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Done>) {
                QJsonObject o = withId("done"_L1, m.id);
                o.insert("action"_L1, m.action);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, DeletedEvent>) {
                QJsonObject o{{"type"_L1, "deleted"_L1}};
                o.insert("room"_L1, m.room);
                o.insert("seq"_L1, m.seq);
                o.insert("by"_L1, m.by);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Invited>) {
                QJsonObject o = withId("invited"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("user"_L1, m.user);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Joined>) {
                QJsonObject o = withId("joined"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("kind"_L1, toWire(m.kind));
                insertIfSet(o, "topic"_L1, m.topic);
                o.insert("seq"_L1, m.seq);
                QJsonArray members;
                for (const Member &member : m.members)
                    members.append(memberToJson(member));
                o.insert("members"_L1, members);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Left>) {
                QJsonObject o = withId("left"_L1, m.id);
                o.insert("room"_L1, m.room);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Ack>) {
                QJsonObject o = withId("ack"_L1, m.id);
                o.insert("room"_L1, m.room);
                o.insert("seq"_L1, m.seq);
                insertIfSet(o, "msgId"_L1, m.msgId);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, Error>) {
                QJsonObject o = withId("error"_L1, m.id);
                o.insert("code"_L1, toWire(m.code));
                o.insert("message"_L1, m.message);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, MessageEvent>) {
                return toJson(messageToJson(m));
            } else if constexpr (std::is_same_v<T, History>) {
                QJsonObject o = withId("history"_L1, m.id);
                o.insert("room"_L1, m.room);
                QJsonArray messages;
                for (const MessageEvent &message : m.messages)
                    messages.append(messageToJson(message));
                o.insert("messages"_L1, messages);
                o.insert("more"_L1, m.more);
                return toJson(o);
            } else if constexpr (std::is_same_v<T, PresenceEvent>) {
                QJsonObject o{{"type"_L1, "presence"_L1}};
                o.insert("room"_L1, m.room);
                o.insert("change"_L1, toWire(m.change));
                o.insert("member"_L1, memberToJson(m.member));
                if (m.change == PresenceChange::Left)
                    o.insert("reason"_L1, toWire(m.reason));
                return toJson(o);
            } else {
                static_assert(std::is_same_v<T, TypingEvent>);
                QJsonObject o{{"type"_L1, "typing"_L1}};
                o.insert("room"_L1, m.room);
                o.insert("user"_L1, m.user);
                o.insert("active"_L1, m.active);
                return toJson(o);
            }
        },
        message);
}

Decoded<ClientMessage> detail::decodeClientMessageWithQJsonDocument(QByteArrayView json)
{
    using Result = Decoded<ClientMessage>;
    Envelope envelope = readEnvelope(json);
    if (envelope.error)
        return {*envelope.error};
    FieldReader r(envelope.object, envelope.id);
    const QString &type = envelope.type;
    if (type == "hello"_L1) {
        Hello m{envelope.id};
        m.protocol = int(qMin<qint64>(r.integer("protocol"_L1, Version), INT_MAX));
        m.name = r.string("name"_L1, MaxNameLength, false);
        m.client = r.enumeration("client"_L1, ClientKind::Other, false);
        m.resume = r.string("resume"_L1, MaxIdLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "whois"_L1)
        return finish<ClientMessage>(r, Whois{envelope.id, r.string("user"_L1, MaxNameLength)});
    if (type == "register"_L1) {
        Register m{envelope.id};
        m.protocol = int(qMin<qint64>(r.integer("protocol"_L1, Version), INT_MAX));
        m.name = r.string("name"_L1, MaxNameLength);
        m.password = r.string("password"_L1, MaxPasswordLength);
        m.client = r.enumeration("client"_L1, ClientKind::Other, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "login"_L1) {
        Login m{envelope.id};
        m.protocol = int(qMin<qint64>(r.integer("protocol"_L1, Version), INT_MAX));
        m.token = r.string("token"_L1, MaxIdLength * 2, false);
        m.name = r.string("name"_L1, MaxNameLength, m.token.isEmpty());
        m.password = r.string("password"_L1, MaxPasswordLength, m.token.isEmpty());
        m.client = r.enumeration("client"_L1, ClientKind::Other, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "logout"_L1)
        return finish<ClientMessage>(r, Logout{envelope.id});
    if (type == "create_room"_L1) {
        CreateRoom m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.kind = r.enumeration("kind"_L1, RoomKind::Public, false);
        m.topic = r.string("topic"_L1, MaxTopicLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "list_rooms"_L1) {
        ListRooms m{envelope.id};
        m.query = r.string("query"_L1, MaxRoomLength, false);
        m.after = r.string("after"_L1, MaxRoomLength, false);
        m.limit = int(qMin<qint64>(r.integer("limit"_L1, 0, false), INT_MAX));
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "archive_room"_L1)
        return finish<ClientMessage>(r,
                                     ArchiveRoom{envelope.id, r.string("room"_L1, MaxRoomLength)});
    if (type == "delete_room"_L1) {
        DeleteRoom m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.reason = r.string("reason"_L1, MaxTopicLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "kick"_L1) {
        Kick m{envelope.id};
        m.user = r.string("user"_L1, MaxNameLength);
        m.reason = r.string("reason"_L1, MaxTopicLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "ban"_L1) {
        Ban m{envelope.id};
        m.address = r.string("address"_L1, MaxIdLength, false);
        m.user = r.string("user"_L1, MaxNameLength, m.address.isEmpty());
        m.minutes = r.integer("minutes"_L1, 0, false);
        m.reason = r.string("reason"_L1, MaxTopicLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "direct"_L1) {
        Direct m{envelope.id};
        m.to = r.string("to"_L1, MaxNameLength);
        m.text = r.string("text"_L1, 0);
        m.msgId = r.string("msgId"_L1, MaxIdLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "revoke_tokens"_L1)
        return finish<ClientMessage>(r,
                                     RevokeTokens{envelope.id, r.string("user"_L1, MaxNameLength)});
    if (type == "mute"_L1) {
        Mute m{envelope.id};
        m.user = r.string("user"_L1, MaxNameLength);
        m.room = r.string("room"_L1, MaxRoomLength, false);
        m.minutes = r.integer("minutes"_L1, 0, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "delete"_L1) {
        DeleteMessage m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.seq = r.integer("seq"_L1, 0);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "invite"_L1) {
        Invite m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.user = r.string("user"_L1, MaxNameLength);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "join"_L1) {
        Join m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.since = r.integer("since"_L1, -1, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "leave"_L1)
        return finish<ClientMessage>(r, Leave{envelope.id, r.string("room"_L1, MaxRoomLength)});
    if (type == "send"_L1) {
        Send m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.text = r.string("text"_L1, 0);
        m.msgId = r.string("msgId"_L1, MaxIdLength, false);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "typing"_L1) {
        Typing m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.active = r.boolean("active"_L1, true);
        return finish<ClientMessage>(r, std::move(m));
    }
    if (type == "history"_L1) {
        HistoryRequest m{envelope.id};
        m.room = r.string("room"_L1, MaxRoomLength);
        m.before = r.integer("before"_L1, 0, false);
        m.after = r.integer("after"_L1, 0, false);
        m.limit = int(qMin<qint64>(r.integer("limit"_L1, m.limit, false), INT_MAX));
        return finish<ClientMessage>(r, std::move(m));
    }
    return Result{unknownType(envelope)};
}

// ---- The hand-written encoder. Keys in byte order, as QJsonObject sorts them; the layout of
// every object mirrors the reference encoder above (detail::encodeWithQJsonDocument).

namespace {

template<typename Sink>
void writeMember(Sink &s, const Member &member)
{
    json::ObjectWriter o(s);
    o.key("kind").ascii(toWire(member.kind));
    o.key("name").string(member.name);
}

template<typename Sink>
void writeMessage(Sink &s, const MessageEvent &m)
{
    json::ObjectWriter o(s);
    if (m.deleted)
        o.key("deleted").boolean(true);
    o.key("from").string(m.from);
    if (!m.msgId.isEmpty())
        o.key("msgId").string(m.msgId);
    o.key("room").string(m.room);
    o.key("seq").integer(m.seq);
    o.key("text").string(m.text);
    o.key("time").integer(m.time);
    o.key("type").ascii("message"_L1);
}

template<typename Sink, typename T>
void writeServerMessage(Sink &s, const T &m)
{
    json::ObjectWriter o(s);
    if constexpr (std::is_same_v<T, Welcome>) {
        if (!m.token.isEmpty())
            o.key("expires").integer(m.expires);
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("name").string(m.name);
        o.key("protocol").integer(m.protocol);
        if (!m.resume.isEmpty())
            o.key("resume").string(m.resume);
        o.key("role").ascii(toWire(m.role));
        o.key("server").string(m.server);
        if (!m.token.isEmpty())
            o.key("token").string(m.token);
        o.key("type").ascii("welcome"_L1);
    } else if constexpr (std::is_same_v<T, UserInfo>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("lastSeen").integer(m.lastSeen);
        o.key("name").string(m.name);
        o.key("online").boolean(m.online);
        o.key("role").ascii(toWire(m.role));
        o.key("type").ascii("user"_L1);
    } else if constexpr (std::is_same_v<T, GapEvent>) {
        o.key("from").integer(m.from);
        o.key("reason").ascii(toWire(m.reason));
        o.key("room").string(m.room);
        o.key("to").integer(m.to);
        o.key("type").ascii("gap"_L1);
    } else if constexpr (std::is_same_v<T, SlowDown>) {
        o.key("kind").ascii(toWire(m.kind));
        o.key("type").ascii("slow_down"_L1);
        o.key("wait").integer(m.waitMs);
    } else if constexpr (std::is_same_v<T, LoggedOut>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("type").ascii("logged_out"_L1);
    } else if constexpr (std::is_same_v<T, RoomList>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        if (m.more)
            o.key("more").boolean(true);
        o.key("rooms").put('[');
        for (qsizetype i = 0; i < m.rooms.size(); ++i) {
            const RoomInfo &room = m.rooms.at(i);
            if (i > 0)
                s.put(',');
            json::ObjectWriter r(s);
            if (room.archived)
                r.key("archived").boolean(true);
            r.key("kind").ascii(toWire(room.kind));
            r.key("name").string(room.name);
            r.key("online").integer(room.online);
            if (!room.topic.isEmpty())
                r.key("topic").string(room.topic);
        }
        s.put(']');
        o.key("type").ascii("rooms"_L1);
    } else if constexpr (std::is_same_v<T, RoomChangedEvent>) {
        o.key("by").string(m.by);
        o.key("change").ascii(toWire(m.change));
        if (!m.reason.isEmpty())
            o.key("reason").string(m.reason);
        o.key("room").string(m.room);
        o.key("type").ascii("room_changed"_L1);
    } else if constexpr (std::is_same_v<T, Done>) {
        o.key("action").string(m.action);
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("type").ascii("done"_L1);
    } else if constexpr (std::is_same_v<T, DeletedEvent>) {
        o.key("by").string(m.by);
        o.key("room").string(m.room);
        o.key("seq").integer(m.seq);
        o.key("type").ascii("deleted"_L1);
    } else if constexpr (std::is_same_v<T, Invited>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("room").string(m.room);
        o.key("type").ascii("invited"_L1);
        o.key("user").string(m.user);
    } else if constexpr (std::is_same_v<T, Joined>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("kind").ascii(toWire(m.kind));
        o.key("members").put('[');
        for (qsizetype i = 0; i < m.members.size(); ++i) {
            if (i > 0)
                s.put(',');
            writeMember(s, m.members.at(i));
        }
        s.put(']');
        o.key("room").string(m.room);
        o.key("seq").integer(m.seq);
        if (!m.topic.isEmpty())
            o.key("topic").string(m.topic);
        o.key("type").ascii("joined"_L1);
    } else if constexpr (std::is_same_v<T, Left>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("room").string(m.room);
        o.key("type").ascii("left"_L1);
    } else if constexpr (std::is_same_v<T, Ack>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        if (!m.msgId.isEmpty())
            o.key("msgId").string(m.msgId);
        o.key("room").string(m.room);
        o.key("seq").integer(m.seq);
        o.key("type").ascii("ack"_L1);
    } else if constexpr (std::is_same_v<T, Error>) {
        o.key("code").ascii(toWire(m.code));
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("message").string(m.message);
        o.key("type").ascii("error"_L1);
    } else if constexpr (std::is_same_v<T, History>) {
        if (!m.id.isEmpty())
            o.key("id").string(m.id);
        o.key("messages").put('[');
        for (qsizetype i = 0; i < m.messages.size(); ++i) {
            if (i > 0)
                s.put(',');
            writeMessage(s, m.messages.at(i));
        }
        s.put(']');
        o.key("more").boolean(m.more);
        o.key("room").string(m.room);
        o.key("type").ascii("history"_L1);
    } else if constexpr (std::is_same_v<T, PresenceEvent>) {
        o.key("change").ascii(toWire(m.change));
        o.key("member");
        writeMember(s, m.member);
        if (m.change == PresenceChange::Left)
            o.key("reason").ascii(toWire(m.reason));
        o.key("room").string(m.room);
        o.key("type").ascii("presence"_L1);
    } else {
        static_assert(std::is_same_v<T, TypingEvent>);
        o.key("active").boolean(m.active);
        o.key("room").string(m.room);
        o.key("type").ascii("typing"_L1);
        o.key("user").string(m.user);
    }
}

// Measures, allocates once, writes.
template<typename T>
QByteArray encodeObject(const T &m)
{
    json::SizeCounter counter;
    if constexpr (std::is_same_v<T, MessageEvent>)
        writeMessage(counter, m);
    else
        writeServerMessage(counter, m);
    QByteArray out(counter.size(), Qt::Uninitialized);
    json::BufferWriter writer(out.data());
    if constexpr (std::is_same_v<T, MessageEvent>)
        writeMessage(writer, m);
    else
        writeServerMessage(writer, m);
    Q_ASSERT(writer.position() == out.constData() + out.size());
    return out;
}

} // namespace

qsizetype MessageCodec::encodedSize(const MessageEvent &message)
{
    json::SizeCounter counter;
    writeMessage(counter, message);
    return counter.size();
}

QByteArray MessageCodec::encode(const ServerMessage &message)
{
    return std::visit([](const auto &m) { return encodeObject(m); }, message);
}

// ---- The fast path of the decoder: a strict scanner for one flat JSON object whose values are
// strings, integers, booleans or null. It accepts a subset of what QJsonDocument accepts and
// reads it the same way; on anything else it gives up and the QJsonDocument path decides.

namespace {

// Printable ASCII characters that stand for themselves in a JSON string.
constexpr auto plainAscii = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}();

class FlatObjectScanner
{
public:
    enum class Kind : quint8 { String, Integer, True, False, Null };

    struct Field
    {
        const uchar *key;
        qsizetype keyLength;
        Kind kind;
        bool escaped; // a string with escape sequences
        bool ascii; // a string of ASCII characters only
        const uchar *begin; // a string's contents, between the quotes
        const uchar *end;

        QByteArrayView keyView() const { return {key, keyLength}; }
    };

    static constexpr int MaxFields = 12;

    bool scan(QByteArrayView json)
    {
        p = reinterpret_cast<const uchar *>(json.data());
        end = p + json.size();
        skipSpace();
        if (p == end || *p != '{')
            return false;
        ++p;
        skipSpace();
        if (p != end && *p == '}') {
            ++p;
        } else {
            for (;;) {
                if (count == MaxFields || !scanMember())
                    return false;
                skipSpace();
                if (p == end)
                    return false;
                if (*p == '}') {
                    ++p;
                    break;
                }
                if (*p != ',')
                    return false;
                ++p;
                skipSpace();
            }
        }
        skipSpace();
        return p == end;
    }

    const Field *find(QByteArrayView key) const
    {
        for (int i = 0; i < count; ++i) {
            if (fields[i].keyLength == key.size()
                && std::memcmp(fields[i].key, key.data(), size_t(key.size())) == 0)
                return &fields[i];
        }
        return nullptr;
    }

    // A string field as QString, as QJsonValue::toString() gives it.
    static QString toString(const Field &field)
    {
        const qsizetype size = field.end - field.begin;
        if (field.ascii)
            return QString::fromLatin1(reinterpret_cast<const char *>(field.begin), size);
        if (!field.escaped)
            return QString::fromUtf8(reinterpret_cast<const char *>(field.begin), size);
        return unescape(field.begin, field.end);
    }

private:
    void skipSpace()
    {
        while (p != end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
    }

    static int hexValue(uchar c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Reads the four hex digits after "\u".
    static bool readHex4(const uchar *s, const uchar *end, char16_t *unit)
    {
        if (end - s < 4)
            return false;
        uint value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexValue(s[i]);
            if (digit < 0)
                return false;
            value = (value << 4) | uint(digit);
        }
        *unit = char16_t(value);
        return true;
    }

    // The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
    // nothing above U+10FFFF) of a non-ASCII character at s, or 0.
    static int utf8Length(const uchar *s, const uchar *end)
    {
        const uchar b = s[0];
        const qsizetype left = end - s;
        const auto continuation = [](uchar c) { return (c & 0xc0) == 0x80; };
        if (b >= 0xc2 && b <= 0xdf)
            return left >= 2 && continuation(s[1]) ? 2 : 0;
        if (b >= 0xe0 && b <= 0xef) {
            if (left < 3 || !continuation(s[1]) || !continuation(s[2]))
                return 0;
            if (b == 0xe0 && s[1] < 0xa0)
                return 0; // overlong
            if (b == 0xed && s[1] >= 0xa0)
                return 0; // a surrogate
            return 3;
        }
        if (b >= 0xf0 && b <= 0xf4) {
            if (left < 4 || !continuation(s[1]) || !continuation(s[2]) || !continuation(s[3]))
                return 0;
            if (b == 0xf0 && s[1] < 0x90)
                return 0; // overlong
            if (b == 0xf4 && s[1] >= 0x90)
                return 0; // above U+10FFFF
            return 4;
        }
        return 0;
    }

    // p is just past the opening quote.
    bool scanString(Field *field)
    {
        const uchar *const begin = p;
        bool escaped = false;
        bool ascii = true;
        while (p != end) {
            // The common case: printable ASCII but '"' and '\\'.
            if (plainAscii[*p]) {
                ++p;
                continue;
            }
            const uchar c = *p;
            if (c == '"') {
                field->begin = begin;
                field->end = p;
                field->escaped = escaped;
                field->ascii = ascii && !escaped;
                ++p;
                return true;
            }
            if (c == '\\') {
                escaped = true;
                if (end - p < 2)
                    return false;
                switch (p[1]) {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    p += 2;
                    break;
                case 'u': {
                    char16_t unit;
                    if (!readHex4(p + 2, end, &unit))
                        return false;
                    p += 6;
                    if (QChar::isLowSurrogate(unit))
                        return false; // a lone low surrogate: left to the reference path
                    if (QChar::isHighSurrogate(unit)) {
                        char16_t low;
                        if (end - p < 6 || p[0] != '\\' || p[1] != 'u'
                            || !readHex4(p + 2, end, &low) || !QChar::isLowSurrogate(low))
                            return false;
                        p += 6;
                    }
                    break;
                }
                default:
                    return false;
                }
                continue;
            }
            if (c < 0x20)
                return false; // raw control characters: left to the reference path
            if (c < 0x80) {
                ++p;
                continue;
            }
            const int length = utf8Length(p, end);
            if (length == 0)
                return false;
            ascii = false;
            p += length;
        }
        return false;
    }

    static QString unescape(const uchar *s, const uchar *end)
    {
        // Never more UTF-16 units than bytes.
        QString text(end - s, Qt::Uninitialized);
        char16_t *out = reinterpret_cast<char16_t *>(text.data());
        char16_t *const first = out;
        while (s != end) {
            const uchar c = *s;
            if (c == '\\') {
                const uchar e = s[1];
                s += 2;
                switch (e) {
                case 'b':
                    *out++ = 0x08;
                    break;
                case 'f':
                    *out++ = 0x0c;
                    break;
                case 'n':
                    *out++ = 0x0a;
                    break;
                case 'r':
                    *out++ = 0x0d;
                    break;
                case 't':
                    *out++ = 0x09;
                    break;
                case 'u':
                    readHex4(s, end, out++);
                    s += 4;
                    break;
                default: // '"', '\\', '/'
                    *out++ = e;
                    break;
                }
            } else if (c < 0x80) {
                *out++ = c;
                ++s;
            } else if (c < 0xe0) {
                *out++ = char16_t(((c & 0x1f) << 6) | (s[1] & 0x3f));
                s += 2;
            } else if (c < 0xf0) {
                *out++ = char16_t(((c & 0x0f) << 12) | ((s[1] & 0x3f) << 6) | (s[2] & 0x3f));
                s += 3;
            } else {
                const char32_t ucs4 = ((c & 0x07) << 18) | ((s[1] & 0x3f) << 12)
                    | ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
                *out++ = QChar::highSurrogate(ucs4);
                *out++ = QChar::lowSurrogate(ucs4);
                s += 4;
            }
        }
        text.truncate(out - first);
        return text;
    }

    // p is at the first character of the number. Only what QJsonDocument reads as the same
    // integer: no sign, no leading zero, no fraction or exponent, at most 15 digits.
    bool scanInteger(Field *field)
    {
        const uchar *const begin = p;
        if (*p == '0') {
            ++p;
        } else {
            while (p != end && *p >= '0' && *p <= '9')
                ++p;
        }
        if (p == end || p - begin > 15)
            return false;
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E')
            return false;
        field->begin = begin;
        field->end = p;
        return true;
    }

    bool scanLiteral(const char *literal, qsizetype length)
    {
        if (end - p < length || std::memcmp(p, literal, size_t(length)) != 0)
            return false;
        p += length;
        return true;
    }

    bool scanMember()
    {
        Field &field = fields[count];
        if (p == end || *p != '"')
            return false;
        ++p;
        // Keys: printable ASCII without escapes only.
        field.key = p;
        while (p != end && *p != '"') {
            if (*p < 0x20 || *p > 0x7e || *p == '\\')
                return false;
            ++p;
        }
        if (p == end)
            return false;
        field.keyLength = p - field.key;
        ++p;
        for (int i = 0; i < count; ++i) {
            if (fields[i].keyView() == field.keyView())
                return false; // duplicate keys: the reference path keeps the last one
        }
        skipSpace();
        if (p == end || *p != ':')
            return false;
        ++p;
        skipSpace();
        if (p == end)
            return false;
        field.escaped = false;
        field.ascii = true;
        field.begin = field.end = nullptr;
        bool ok = false;
        switch (*p) {
        case '"':
            ++p;
            field.kind = Kind::String;
            ok = scanString(&field);
            break;
        case 't':
            field.kind = Kind::True;
            ok = scanLiteral("true", 4);
            break;
        case 'f':
            field.kind = Kind::False;
            ok = scanLiteral("false", 5);
            break;
        case 'n':
            field.kind = Kind::Null;
            ok = scanLiteral("null", 4);
            break;
        default:
            field.kind = Kind::Integer;
            ok = *p >= '0' && *p <= '9' && scanInteger(&field);
            break;
        }
        if (ok)
            ++count;
        return ok;
    }

    const uchar *p = nullptr;
    const uchar *end = nullptr;
    Field fields[MaxFields];
    int count = 0;
};

using Scanner = FlatObjectScanner;

// A string field as FieldReader::string() reads it; false where FieldReader would fail.
bool readString(const Scanner::Field *field, qsizetype maxLength, bool required, QString *out)
{
    if (!field || field->kind == Scanner::Kind::Null)
        return !required;
    if (field->kind != Scanner::Kind::String)
        return false;
    *out = Scanner::toString(*field);
    return maxLength <= 0 || out->size() <= maxLength;
}

} // namespace

std::optional<ClientMessage> detail::decodeClientMessageFast(QByteArrayView json)
{
    Scanner scanner;
    if (!scanner.scan(json))
        return std::nullopt;
    QString id;
    if (!readString(scanner.find("id"), MaxIdLength, false, &id))
        return std::nullopt;
    const Scanner::Field *type = scanner.find("type");
    if (!type || type->kind != Scanner::Kind::String || type->escaped)
        return std::nullopt;
    const QByteArrayView typeName(type->begin, type->end - type->begin);
    if (typeName == "send") {
        Send m{std::move(id)};
        if (!readString(scanner.find("room"), MaxRoomLength, true, &m.room)
            || !readString(scanner.find("text"), 0, true, &m.text)
            || !readString(scanner.find("msgId"), MaxIdLength, false, &m.msgId))
            return std::nullopt;
        return ClientMessage{std::move(m)};
    }
    if (typeName == "typing") {
        Typing m{std::move(id)};
        if (!readString(scanner.find("room"), MaxRoomLength, true, &m.room))
            return std::nullopt;
        if (const Scanner::Field *active = scanner.find("active")) {
            if (active->kind == Scanner::Kind::True || active->kind == Scanner::Kind::False)
                m.active = active->kind == Scanner::Kind::True;
            else if (active->kind != Scanner::Kind::Null)
                return std::nullopt;
        }
        return ClientMessage{std::move(m)};
    }
    return std::nullopt;
}

Decoded<ClientMessage> MessageCodec::decodeClientMessage(QByteArrayView json)
{
    if (std::optional<ClientMessage> message = detail::decodeClientMessageFast(json))
        return {std::move(*message)};
    return detail::decodeClientMessageWithQJsonDocument(json);
}

Decoded<ServerMessage> MessageCodec::decodeServerMessage(QByteArrayView json)
{
    using Result = Decoded<ServerMessage>;
    Envelope envelope = readEnvelope(json);
    if (envelope.error)
        return {*envelope.error};
    FieldReader r(envelope.object, envelope.id);
    const QString &type = envelope.type;
    const auto readMember = [&r](const QJsonValue &value) {
        Member member;
        if (!value.isObject()) {
            r.fail(u"a member must be an object"_s);
            return member;
        }
        const QJsonObject object = value.toObject();
        FieldReader fields(object, {});
        member.name = fields.string("name"_L1, 0);
        member.kind = fields.enumeration("kind"_L1, ClientKind::Other);
        if (!fields.ok())
            r.fail(fields.error().message);
        return member;
    };
    if (type == "welcome"_L1) {
        Welcome m{envelope.id};
        m.protocol = int(r.integer("protocol"_L1, Version));
        m.name = r.string("name"_L1, 0);
        m.server = r.string("server"_L1, 0);
        m.role = r.enumeration("role"_L1, Role::Guest);
        m.token = r.string("token"_L1, 0, false);
        m.expires = r.integer("expires"_L1, 0, !m.token.isEmpty());
        m.resume = r.string("resume"_L1, 0, false);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "user"_L1) {
        UserInfo m{envelope.id};
        m.name = r.string("name"_L1, 0);
        m.role = r.enumeration("role"_L1, Role::Guest);
        m.online = r.boolean("online"_L1, false);
        m.lastSeen = r.integer("lastSeen"_L1, 0, false);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "gap"_L1) {
        GapEvent m;
        m.room = r.string("room"_L1, 0);
        m.from = r.integer("from"_L1, 0);
        m.to = r.integer("to"_L1, 0);
        m.reason = r.enumeration("reason"_L1, GapReason::Retention);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "slow_down"_L1) {
        SlowDown m;
        m.kind = r.enumeration("kind"_L1, RateKind::Send);
        m.waitMs = r.integer("wait"_L1, 0);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "logged_out"_L1)
        return finish<ServerMessage>(r, LoggedOut{envelope.id});
    if (type == "rooms"_L1) {
        RoomList m{envelope.id};
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
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "room_changed"_L1) {
        RoomChangedEvent m;
        m.room = r.string("room"_L1, 0);
        m.change = r.enumeration("change"_L1, RoomChange::Deleted);
        m.by = r.string("by"_L1, 0);
        m.reason = r.string("reason"_L1, 0, false);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "done"_L1)
        return finish<ServerMessage>(r, Done{envelope.id, r.string("action"_L1, 0)});
    if (type == "deleted"_L1) {
        DeletedEvent m;
        m.room = r.string("room"_L1, 0);
        m.seq = r.integer("seq"_L1, 0);
        m.by = r.string("by"_L1, 0);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "invited"_L1)
        return finish<ServerMessage>(
            r, Invited{envelope.id, r.string("room"_L1, 0), r.string("user"_L1, 0)});
    if (type == "joined"_L1) {
        Joined m{envelope.id};
        m.room = r.string("room"_L1, 0);
        m.seq = r.integer("seq"_L1, 0);
        m.kind = r.enumeration("kind"_L1, RoomKind::Public);
        m.topic = r.string("topic"_L1, 0, false);
        const QJsonArray members = r.array("members"_L1);
        for (const QJsonValue &value : members)
            m.members.append(readMember(value));
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "left"_L1)
        return finish<ServerMessage>(r, Left{envelope.id, r.string("room"_L1, 0)});
    if (type == "ack"_L1) {
        Ack m{envelope.id};
        m.room = r.string("room"_L1, 0);
        m.seq = r.integer("seq"_L1, 0);
        m.msgId = r.string("msgId"_L1, 0, false);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "error"_L1) {
        Error m{envelope.id};
        m.code = r.enumeration("code"_L1, ErrorCode::Internal);
        m.message = r.string("message"_L1, 0);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "message"_L1)
        return finish<ServerMessage>(r, messageFromJson(r));
    if (type == "history"_L1) {
        History m{envelope.id};
        m.room = r.string("room"_L1, 0);
        m.more = r.boolean("more"_L1, false);
        const QJsonArray messages = r.array("messages"_L1);
        for (const QJsonValue &value : messages) {
            const QJsonObject object = value.toObject();
            FieldReader fields(object, {});
            m.messages.append(messageFromJson(fields));
            if (!value.isObject() || !fields.ok())
                r.fail(u"\"messages\" must hold message objects"_s);
        }
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "presence"_L1) {
        PresenceEvent m;
        m.room = r.string("room"_L1, 0);
        m.change = r.enumeration("change"_L1, PresenceChange::Joined);
        m.member = readMember(envelope.object.value("member"_L1));
        m.reason = r.enumeration("reason"_L1, LeaveReason::Left, m.change == PresenceChange::Left);
        return finish<ServerMessage>(r, std::move(m));
    }
    if (type == "typing"_L1) {
        TypingEvent m;
        m.room = r.string("room"_L1, 0);
        m.user = r.string("user"_L1, 0);
        m.active = r.boolean("active"_L1, true);
        return finish<ServerMessage>(r, std::move(m));
    }
    return Result{unknownType(envelope)};
}

} // namespace sori::protocol
