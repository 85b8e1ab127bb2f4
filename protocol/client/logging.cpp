// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "protocol/client/logging.h"

Q_LOGGING_CATEGORY(lcClient, "sori.client")
