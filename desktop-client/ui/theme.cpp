// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "ui/theme.h"

#include "core/chatlogging.h"

#include <QtGui/QPalette>
#include <QtWidgets/QApplication>
#include <QtWidgets/QStyle>
#include <QtWidgets/QStyleFactory>

using namespace Qt::StringLiterals;

namespace sori::chat {

namespace {
// The style the application started with, before any theme replaced it.
QString &systemStyle()
{
    static QString name;
    return name;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    const QColor highlight(0x3d, 0x7a, 0xd6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x3c, 0x3e, 0x43));
    p.setColor(QPalette::Midlight, QColor(0x34, 0x36, 0x3a));
    p.setColor(QPalette::Mid, QColor(0x24, 0x25, 0x28));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xa8, 0x8c, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x50));
    return p;
}
} // namespace

QString applyTheme(const QString &theme)
{
    if (systemStyle().isEmpty() && QApplication::style())
        systemStyle() = QApplication::style()->name();
    if (theme == u"dark"_s || theme == u"light"_s) {
        QStyle *fusion = QStyleFactory::create(u"Fusion"_s);
        if (!fusion) {
            qCWarning(lcChat) << "no Fusion style: the theme stays the system's";
            return u"system"_s;
        }
        QApplication::setStyle(fusion);
        QApplication::setPalette(theme == u"dark"_s ? darkPalette() : fusion->standardPalette());
        return theme;
    }
    if (QStyle *style = QStyleFactory::create(systemStyle())) {
        QApplication::setStyle(style);
        QApplication::setPalette(style->standardPalette());
    }
    return u"system"_s;
}

} // namespace sori::chat
