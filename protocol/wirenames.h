// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "protocol/messages.h"

#include <QtCore/QLatin1StringView>
#include <QtCore/QStringView>

#include <array>
#include <utility>

// The wire names of protocol v1's enums: one table per enum, read both ways by toWire() and
// fromWire(). The tables live in this header so that the server's encoder looks a name up
// inline.
namespace sori::protocol {

namespace detail {

template<typename Enum, size_t N>
using WireTable = std::array<std::pair<Enum, QLatin1StringView>, N>;

// WireNames<Enum>::table lists every value of Enum with its wire name.
template<typename Enum>
struct WireNames;

using namespace Qt::StringLiterals;

template<>
struct WireNames<ClientKind>
{
    static constexpr WireTable<ClientKind, 4> table{{
        {ClientKind::Other, "other"_L1},
        {ClientKind::Desktop, "desktop"_L1},
        {ClientKind::Web, "web"_L1},
        {ClientKind::Plain, "plain"_L1},
    }};
};

template<>
struct WireNames<ErrorCode>
{
    static constexpr WireTable<ErrorCode, 36> table{{
        {ErrorCode::Internal, "internal"_L1},
        {ErrorCode::BadJson, "bad_json"_L1},
        {ErrorCode::UnknownType, "unknown_type"_L1},
        {ErrorCode::BadField, "bad_field"_L1},
        {ErrorCode::HelloRequired, "hello_required"_L1},
        {ErrorCode::AlreadyGreeted, "already_greeted"_L1},
        {ErrorCode::UnsupportedVersion, "unsupported_version"_L1},
        {ErrorCode::BadName, "bad_name"_L1},
        {ErrorCode::NameTaken, "name_taken"_L1},
        {ErrorCode::BadRoom, "bad_room"_L1},
        {ErrorCode::NotJoined, "not_joined"_L1},
        {ErrorCode::TooLarge, "too_large"_L1},
        {ErrorCode::UnsupportedFrame, "unsupported_frame"_L1},
        {ErrorCode::BadCredentials, "bad_credentials"_L1},
        {ErrorCode::BadToken, "bad_token"_L1},
        {ErrorCode::Throttled, "throttled"_L1},
        {ErrorCode::GuestsDisabled, "guests_disabled"_L1},
        {ErrorCode::RegistrationClosed, "registration_closed"_L1},
        {ErrorCode::WeakPassword, "weak_password"_L1},
        {ErrorCode::Forbidden, "forbidden"_L1},
        {ErrorCode::NotMember, "not_member"_L1},
        {ErrorCode::RoomExists, "room_exists"_L1},
        {ErrorCode::NoSuchRoom, "no_such_room"_L1},
        {ErrorCode::NoSuchUser, "no_such_user"_L1},
        {ErrorCode::Banned, "banned"_L1},
        {ErrorCode::Muted, "muted"_L1},
        {ErrorCode::Busy, "busy"_L1},
        {ErrorCode::Archived, "archived"_L1},
        {ErrorCode::RateLimited, "rate_limited"_L1},
        {ErrorCode::TooManyRooms, "too_many_rooms"_L1},
        {ErrorCode::NameConfusable, "name_confusable"_L1},
        {ErrorCode::NotFound, "not_found"_L1},
        {ErrorCode::TooLate, "too_late"_L1},
        {ErrorCode::TooManyReactions, "too_many_reactions"_L1},
        {ErrorCode::NoSuchDevice, "no_such_device"_L1},
        {ErrorCode::BadAttachment, "bad_attachment"_L1},
    }};
};

template<>
struct WireNames<PresenceChange>
{
    static constexpr WireTable<PresenceChange, 3> table{{
        {PresenceChange::Joined, "joined"_L1},
        {PresenceChange::Left, "left"_L1},
        {PresenceChange::Status, "status"_L1},
    }};
};

template<>
struct WireNames<PresenceStatus>
{
    static constexpr WireTable<PresenceStatus, 3> table{{
        {PresenceStatus::Online, "online"_L1},
        {PresenceStatus::Away, "away"_L1},
        {PresenceStatus::Dnd, "dnd"_L1},
    }};
};

template<>
struct WireNames<LeaveReason>
{
    static constexpr WireTable<LeaveReason, 8> table{{
        {LeaveReason::Left, "left"_L1},
        {LeaveReason::Closed, "closed"_L1},
        {LeaveReason::NetworkLost, "network_lost"_L1},
        {LeaveReason::TimedOut, "timed_out"_L1},
        {LeaveReason::Kicked, "kicked"_L1},
        {LeaveReason::Shutdown, "shutdown"_L1},
        {LeaveReason::Dropped, "dropped"_L1},
        {LeaveReason::SignedOut, "signed_out"_L1},
    }};
};

template<>
struct WireNames<SanctionAction>
{
    static constexpr WireTable<SanctionAction, 5> table{{
        {SanctionAction::Kick, "kick"_L1},
        {SanctionAction::Ban, "ban"_L1},
        {SanctionAction::Mute, "mute"_L1},
        {SanctionAction::Revoke, "revoke"_L1},
        {SanctionAction::Lift, "lift"_L1},
    }};
};

template<>
struct WireNames<Role>
{
    static constexpr WireTable<Role, 4> table{{
        {Role::Guest, "guest"_L1},
        {Role::Member, "member"_L1},
        {Role::Moderator, "moderator"_L1},
        {Role::Admin, "admin"_L1},
    }};
};

template<>
struct WireNames<RoomKind>
{
    static constexpr WireTable<RoomKind, 4> table{{
        {RoomKind::Public, "public"_L1},
        {RoomKind::Private, "private"_L1},
        {RoomKind::Announcement, "announcement"_L1},
        {RoomKind::Direct, "direct"_L1},
    }};
};

template<>
struct WireNames<GapReason>
{
    static constexpr WireTable<GapReason, 2> table{{
        {GapReason::Retention, "retention"_L1},
        {GapReason::Limit, "limit"_L1},
    }};
};

template<>
struct WireNames<RoomChange>
{
    static constexpr WireTable<RoomChange, 6> table{{
        {RoomChange::Archived, "archived"_L1},
        {RoomChange::Deleted, "deleted"_L1},
        {RoomChange::Topic, "topic"_L1},
        {RoomChange::Renamed, "renamed"_L1},
        {RoomChange::Unarchived, "unarchived"_L1},
        {RoomChange::Removed, "removed"_L1},
    }};
};

template<>
struct WireNames<RateKind>
{
    static constexpr WireTable<RateKind, 8> table{{
        {RateKind::Send, "send"_L1},
        {RateKind::Typing, "typing"_L1},
        {RateKind::Join, "join"_L1},
        {RateKind::Read, "read"_L1},
        {RateKind::CreateRoom, "create_room"_L1},
        {RateKind::Search, "search"_L1},
        {RateKind::Moderate, "moderate"_L1},
        {RateKind::Settings, "settings"_L1},
    }};
};

template<>
struct WireNames<NotifyLevel>
{
    static constexpr WireTable<NotifyLevel, 3> table{{
        {NotifyLevel::All, "all"_L1},
        {NotifyLevel::Mentions, "mentions"_L1},
        {NotifyLevel::None, "none"_L1},
    }};
};

} // namespace detail

// An enum of the protocol that has wire names.
template<typename Enum>
concept WireEnum = requires
{
    detail::WireNames<Enum>::table;
};

// The wire name of an enum value.
template<WireEnum Enum>
QLatin1StringView toWire(Enum value)
{
    for (const auto &[e, name] : detail::WireNames<Enum>::table) {
        if (e == value)
            return name;
    }
    Q_UNREACHABLE();
    return {};
}

// The value a wire name stands for; false for an unknown name.
template<WireEnum Enum>
bool fromWire(QStringView name, Enum *value)
{
    for (const auto &[e, wire] : detail::WireNames<Enum>::table) {
        if (name == wire) {
            *value = e;
            return true;
        }
    }
    return false;
}

} // namespace sori::protocol
