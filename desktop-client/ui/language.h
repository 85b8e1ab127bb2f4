// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

class QCoreApplication;

namespace sori::chat {

// Installs sori-chat's translation (and Qt's own, when it is installed) for language, a code
// such as "ko" or "en"; empty: the system's locale. Replaces the translations an earlier call
// installed; every widget then gets a LanguageChange event. Returns the language in use.
QString installTranslations(QCoreApplication *app, const QString &language);

} // namespace sori::chat
