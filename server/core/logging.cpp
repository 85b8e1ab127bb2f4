// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/logging.h"

Q_LOGGING_CATEGORY(lcServer, "sori.server")
Q_LOGGING_CATEGORY(lcNet, "sori.server.net")
Q_LOGGING_CATEGORY(lcHttp, "sori.server.http")
Q_LOGGING_CATEGORY(lcTls, "sori.server.tls")
Q_LOGGING_CATEGORY(lcHub, "sori.server.hub")
Q_LOGGING_CATEGORY(lcStore, "sori.server.db")
Q_LOGGING_CATEGORY(lcFiles, "sori.server.files")
