// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

namespace sori::chat {

// Applies a theme to the whole application at once: "system" (the platform's style and
// colours, as the application started), "light" or "dark" (the Fusion style with a light or a
// dark palette). Anything else is "system". Returns the theme applied.
QString applyTheme(const QString &theme);

} // namespace sori::chat
