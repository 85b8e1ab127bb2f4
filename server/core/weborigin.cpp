// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/weborigin.h"

#include <QtCore/QUrl>

using namespace Qt::StringLiterals;

namespace sori::server {

std::optional<WebOrigin> WebOrigin::parse(QStringView text)
{
    // QUrl alone would take "http://user@host", "http://host/" or "http://host:80/path"; an
    // origin is none of these. '@' never belongs in one (userinfo).
    if (text.contains(u'@'))
        return std::nullopt;
    const qsizetype authority = text.indexOf(u"://"_s);
    if (authority < 0 || text.sliced(authority + 3).contains(u'/') || text.contains(u'?')
        || text.contains(u'#') || text.contains(u'\\'))
        return std::nullopt;
    const QUrl url(text.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || !url.path().isEmpty()
        || url.hasQuery() || url.hasFragment())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return std::nullopt;
    const int defaultPort = scheme == u"https" ? 443 : 80;
    return WebOrigin{scheme, url.host().toLower(), url.port(defaultPort)};
}

QString WebOrigin::toString() const
{
    const bool ipv6 = host.contains(u':');
    QString text = scheme + u"://"_s + (ipv6 ? u'[' + host + u']' : host);
    if (port != (scheme == u"https" ? 443 : 80))
        text += u':' + QString::number(port);
    return text;
}

} // namespace sori::server
