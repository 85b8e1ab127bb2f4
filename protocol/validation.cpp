// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/validation.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

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

bool isValidEmoji(QStringView emoji)
{
    if (emoji.isEmpty() || emoji.size() > MaxEmojiLength)
        return false;
    for (qsizetype i = 0; i < emoji.size(); ++i) {
        const QChar c = emoji[i];
        if (c.unicode() < 0x80 && (c.isLetterOrNumber() || c.unicode() < 0x21 || c == u'\x7f'))
            return false;
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

namespace {
// The length of the name that starts text (name characters, surrogate pairs of letters), without
// a trailing '.' (the end of a sentence).
qsizetype nameLengthAt(QStringView text)
{
    qsizetype length = 0;
    while (length < text.size()) {
        const QChar c = text[length];
        if (c.isHighSurrogate() && length + 1 < text.size() && text[length + 1].isLowSurrogate()
            && QChar::isLetterOrNumber(QChar::surrogateToUcs4(c, text[length + 1]))) {
            length += 2;
            continue;
        }
        if (!isNameCharacter(c))
            break;
        ++length;
    }
    while (length > 0 && text[length - 1] == u'.')
        --length;
    return length;
}

// The length of the run of c that starts text.
qsizetype runLength(QStringView text, QChar c)
{
    qsizetype length = 0;
    while (length < text.size() && text[length] == c)
        ++length;
    return length;
}
} // namespace

QStringList findMentions(QStringView text)
{
    // Bounded: a text full of @-names mentions at most this many.
    constexpr qsizetype MaxMentions = 20;
    QStringList names;
    bool inCodeBlock = false;
    for (QStringView line : splitLines(text)) {
        if (line.trimmed().startsWith(u"```")) {
            inCodeBlock = !inCodeBlock;
            continue;
        }
        if (inCodeBlock)
            continue;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line[i];
            if (c == u'\\') {
                ++i; // an escaped character is never markup
                continue;
            }
            if (c == u'`') {
                // A code span: a run of n backticks up to the next run of exactly n.
                const qsizetype n = runLength(line.sliced(i), u'`');
                qsizetype j = i + n;
                bool closed = false;
                while (j < line.size()) {
                    const qsizetype m = runLength(line.sliced(j), u'`');
                    if (m == n) {
                        closed = true;
                        break;
                    }
                    j += qMax<qsizetype>(m, 1);
                }
                i = closed ? j + n - 1 : i + n - 1;
                continue;
            }
            if (c != u'@' || (i > 0 && (isNameCharacter(line[i - 1]) || line[i - 1].isSurrogate())))
                continue;
            const qsizetype length = nameLengthAt(line.sliced(i + 1));
            const QStringView name = line.sliced(i + 1, length);
            if (length > 0 && isValidName(name)
                && !names.contains(name.toString(), Qt::CaseInsensitive)) {
                names.append(name.toString());
                if (names.size() == MaxMentions)
                    return names;
            }
            i += length;
        }
    }
    return names;
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
