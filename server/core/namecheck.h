// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

// Names nobody can imitate (docs/admin.md, "Names"). Every name is NFC-normalized before it is
// checked or stored, so that Hangul spelled with conjoining jamo is the same name as the
// precomposed syllables. A new name must also pass ICU's spoof checker (UTS #39): characters of
// the identifier profile only, scripts no looser than "highly restrictive", and a confusable
// skeleton that no account, no guest online and not the operator ("server") has already.
// Thread-safe: the checker is configured once and only read afterwards.
namespace sori::server::names {

// The name in Unicode normalization form C.
QString normalized(const QString &name);

enum class Problem {
    None,
    // A character outside UTS #39's recommended identifier set (and '-', '_', '.'): fullwidth
    // and mathematical letters, compatibility forms, invisible characters.
    Characters,
    // Scripts mixed beyond "highly restrictive" (Latin with Cyrillic, say; Latin with Han and
    // Hangul is fine), or digits of different numbering systems.
    MixedScripts,
};
// What keeps the (normalized) name from being taken as a new name, if anything.
Problem problem(const QString &name);
// The sentence for people that says why (English; clients translate by the error code).
QString explain(Problem problem, const QString &name);

// The key two names share when people can mistake one for the other: UTS #39's skeleton of
// the name, NFKC-case-folded, and the skeleton of that again (so "Admin", "admin", "adrnin"
// and "ａｄｍｉｎ" share one, and so do "AIice" and "alice"). Empty if ICU fails.
QString skeleton(const QString &name);

} // namespace sori::server::names
