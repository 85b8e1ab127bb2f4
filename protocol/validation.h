// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QStringView>
#include <QtCore/QtGlobal>

namespace sori::protocol {

// Limits the codec itself enforces, whatever the server's configuration.
inline constexpr qsizetype MaxIdLength = 64;
inline constexpr qsizetype MaxNameLength = 32;
inline constexpr qsizetype MaxRoomLength = 64;
inline constexpr qsizetype MaxPasswordLength = 256;
inline constexpr qsizetype MaxTopicLength = 512;
// The longest ban or mute with a duration: ten years (0 stands for "for good"). Longer ones are
// refused (bad_field), so that "now + minutes" never overflows nor wraps into the past.
inline constexpr qint64 MaxSanctionMinutes = 10LL * 365 * 24 * 60;
// An emoji reaction: at most this many UTF-16 units (a flag or a family is several).
inline constexpr qsizetype MaxEmojiLength = 32;
// A search: at least 2 and at most 256 characters.
inline constexpr qsizetype MinSearchLength = 2;
inline constexpr qsizetype MaxSearchLength = 256;
// The first characters of the answered message that a reply's quote carries.
inline constexpr qsizetype QuoteLength = 200;
// A paging cursor the server handed out (sanctions' "next"), and an audit filter's target or
// action.
inline constexpr qsizetype MaxCursorLength = 512;
inline constexpr qsizetype MaxAuditFieldLength = 128;
// Unread counts stop here (clients show "999+").
inline constexpr int UnreadCap = 1000;
// The most rooms with a notification level a welcome carries (like the unread event's rooms).
inline constexpr int MaxNotifyRooms = 500;
// A device id (DeviceInfo::device) is at most this long.
inline constexpr qsizetype MaxDeviceIdLength = 64;
// The attachments of one send or direct: at most this many ids (the server's own limit,
// files/max-attachments, is lower), each at most this long (a file id is 22 characters).
inline constexpr qsizetype MaxAttachments = 64;
inline constexpr qsizetype MaxAttachmentIdLength = 32;

// Naming rules shared by server and clients.
// A nickname: 1 to 32 characters, letters (any script), digits, '-', '_' and '.'.
bool isValidName(QStringView name);
// A room name: 1 to 64 characters of the same kinds.
bool isValidRoomName(QStringView room);
// Names of the form guest-<number> are handed out by the server only.
bool isGuestName(QStringView name);
// An account's name: a valid name that is not a guest name.
bool isValidAccountName(QStringView name);

// A reaction: 1..MaxEmojiLength UTF-16 units, no whitespace or control characters, no ASCII
// letters or digits (a reaction is a picture, not a word).
bool isValidEmoji(QStringView emoji);
// The names a text mentions with @name (each once, in order), outside `code` and ``` blocks.
QStringList findMentions(QStringView text);

// Line breaks as plain clients and terminals may show them: LF, CR, VT, FF, NEL, and the Unicode
// line and paragraph separators.
constexpr bool isLineBreak(char16_t c)
{
    return c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f' || c == u'\u0085' || c == u'\u2028'
        || c == u'\u2029';
}
// The lines of a text, split at line breaks (CR LF counts as one); a text without one is one line.
QList<QStringView> splitLines(QStringView text);

} // namespace sori::protocol
