// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chatlogging.h"

namespace sori::chat {
Q_LOGGING_CATEGORY(lcChat, "sori.chat")
} // namespace sori::chat
