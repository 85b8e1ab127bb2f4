// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtGui/QIcon>

namespace sori::chat {

// Sori's speech bubble (resources/icons/sori.svg), painted so that no SVG plugin is needed;
// with a badge when unread > 0.
QIcon appIcon(int unread = 0);

} // namespace sori::chat
