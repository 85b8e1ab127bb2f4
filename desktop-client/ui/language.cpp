// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/language.h"

#include "core/chatlogging.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>
#include <QtCore/QTranslator>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
// The translators this file installed: children of the application, named so.
constexpr auto TranslatorName = "sori-chat-translation";

QTranslator *newTranslator(QCoreApplication *app)
{
    auto *translator = new QTranslator(app);
    translator->setObjectName(QLatin1StringView(TranslatorName));
    return translator;
}
} // namespace

QString installTranslations(QCoreApplication *app, const QString &language)
{
    // A language chosen while the app runs replaces the one before.
    const QList<QTranslator *> before = app->findChildren<QTranslator *>(
        QLatin1StringView(TranslatorName), Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : before) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    QTranslator *own = newTranslator(app);
    if (own->load(locale, u"sori-chat"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(own);
    } else {
        delete own;
        qCInfo(lcChat) << "no translation for" << locale.name() << "- English it is";
        return u"en"_s; // removeTranslator() told the widgets to go back to English
    }
    QTranslator *qt = newTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return QLocale::languageToCode(locale.language());
}

} // namespace sori::chat
