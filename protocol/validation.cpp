// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/validation.h"

#include <QtCore/QString>

using namespace Qt::StringLiterals;

namespace sori::protocol {

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

QList<QStringView> splitLines(QStringView text)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!isLineBreak(text[i].unicode()))
            continue;
        lines.append(text.sliced(start, i - start));
        if (text[i] == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n')
            ++i;
        start = i + 1;
    }
    lines.append(text.sliced(start));
    return lines;
}

} // namespace sori::protocol
