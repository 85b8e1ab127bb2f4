// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QSettings>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <optional>

namespace sori::server::gui {

// What the server window remembers across launches, in one place: the port and address it was
// last told to listen on, and its geometry. The keys and defaults live in guisettings.cpp.
class GuiSettings
{
public:
    // The application's settings, or (for tests) an INI file of their own.
    explicit GuiSettings(const QString &iniFile = {});

    std::optional<quint16> listenPort() const;
    std::optional<QHostAddress> listenAddress() const;
    void setListen(const QHostAddress &address, quint16 port);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace sori::server::gui
