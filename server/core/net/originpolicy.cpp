// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/originpolicy.h"

#include "core/serverconfig.h"
#include "core/weborigin.h"

#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkInterface>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// The configured origins (allowed or public) that origin is one of.
bool listed(const QStringList &list, const WebOrigin &origin)
{
    for (const QString &entry : list) {
        if (WebOrigin::parse(entry) == origin)
            return true;
    }
    return false;
}

// Whether host names this machine: localhost, its host name, a loopback address, the address
// the connection came to, or one of its interfaces' addresses.
bool isOwnHost(const QString &host, const LocalEndpoint &endpoint)
{
    const QHostAddress address(host);
    if (address.isNull()) {
        if (host == u"localhost")
            return true;
        const QString name = QHostInfo::localHostName().toLower();
        if (name.isEmpty())
            return false;
        if (host == name)
            return true;
        const QString domain = QHostInfo::localDomainName().toLower();
        return !domain.isEmpty() && host == name + u'.' + domain;
    }
    if (address.isLoopback() || address.isEqual(endpoint.address, QHostAddress::TolerantConversion))
        return true;
    // Rare (a page from another of the machine's addresses): the interfaces are asked then only.
    const QList<QHostAddress> interfaces = QNetworkInterface::allAddresses();
    for (const QHostAddress &own : interfaces) {
        if (address.isEqual(own, QHostAddress::TolerantConversion))
            return true;
    }
    return false;
}
} // namespace

bool originAllowed(QByteArrayView origin, const ServerConfig &config, const LocalEndpoint &endpoint)
{
    if (config.allowedOrigins.contains(u"*"_s))
        return true;
    const std::optional<WebOrigin> parsed = WebOrigin::parse(QString::fromLatin1(origin));
    if (!parsed)
        return false; // "null", userinfo, a path, another scheme...
    if (listed(config.allowedOrigins, *parsed))
        return true;
    if (!config.publicOrigins.isEmpty())
        return listed(config.publicOrigins, *parsed);
    // None configured: the server's own pages, as served on this connection's scheme and port.
    return parsed->scheme == (endpoint.tls ? u"https"_s : u"http"_s)
        && parsed->port == endpoint.port && isOwnHost(parsed->host, endpoint);
}

} // namespace sori::server
