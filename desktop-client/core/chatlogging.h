// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QLoggingCategory>

namespace sori::chat {
Q_DECLARE_LOGGING_CATEGORY(lcChat) // sori.chat
} // namespace sori::chat
