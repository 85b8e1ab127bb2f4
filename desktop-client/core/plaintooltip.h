// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

namespace sori::chat {

// A tooltip that shows `text` as it is. Qt renders a tooltip that looks like HTML as HTML, and
// what the app puts in one (a room's topic, a moderator's reason) is other people's text, never
// markup: it is escaped inside a paragraph that keeps its spaces and line breaks.
inline QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text;
    return QStringLiteral("<p style=\"white-space:pre-wrap\">") + text.toHtmlEscaped()
        + QStringLiteral("</p>");
}

} // namespace sori::chat
