// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "gui/guisettings.h"

using namespace Qt::StringLiterals;

namespace sori::server::gui {

namespace {
const auto PortKey = u"listen/port"_s;
const auto AddressKey = u"listen/address"_s;
const auto GeometryKey = u"window/geometry"_s;
} // namespace

GuiSettings::GuiSettings(const QString &iniFile)
    : m_settings(iniFile.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{ }

std::optional<quint16> GuiSettings::listenPort() const
{
    bool ok = false;
    const uint port = m_settings->value(PortKey).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    return quint16(port);
}

std::optional<QHostAddress> GuiSettings::listenAddress() const
{
    const QString text = m_settings->value(AddressKey).toString();
    if (text.isEmpty())
        return std::nullopt;
    if (text == u"any"_s)
        return QHostAddress(QHostAddress::Any);
    QHostAddress address;
    if (!address.setAddress(text))
        return std::nullopt;
    return address;
}

void GuiSettings::setListen(const QHostAddress &address, quint16 port)
{
    m_settings->setValue(PortKey, uint(port));
    m_settings->setValue(AddressKey, address == QHostAddress::Any ? u"any"_s : address.toString());
    m_settings->sync();
}

QByteArray GuiSettings::windowGeometry() const
{
    return m_settings->value(GeometryKey).toByteArray();
}

void GuiSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(GeometryKey, geometry);
}

} // namespace sori::server::gui
