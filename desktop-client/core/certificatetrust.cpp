// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/certificatetrust.h"

#include "core/chatlogging.h"
#include "core/chatsettings.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QStringList>

using namespace Qt::StringLiterals;

namespace sori::chat {

CertificateTrust::CertificateTrust(ChatSettings *settings) : m_settings(settings) { }

CertificateTrust::Check CertificateTrust::check(const QUrl &url, const QSslCertificate &certificate,
                                                const QList<QSslError> &errors) const
{
    Check result;
    result.server = serverKey(url);
    result.errors = errors;
    result.pinned = m_settings->pinnedCertificate(result.server);
    if (certificate.isNull())
        return result; // nothing to pin
    result.fingerprint = fingerprint(certificate);
    for (const QSslError &error : errors) {
        if (!pinnable(error.error()))
            return result; // broken, not merely unknown: no pin excuses it
    }
    if (result.pinned.isEmpty())
        result.verdict = Verdict::FirstUse;
    else if (result.pinned == result.fingerprint)
        result.verdict = Verdict::Pinned;
    else
        result.verdict = Verdict::Changed;
    return result;
}

void CertificateTrust::trust(const Check &check)
{
    if (check.fingerprint.isEmpty() || check.server.isEmpty() || check.verdict == Verdict::Refused)
        return;
    qCInfo(lcChat) << "trusting the certificate" << check.fingerprint.toHex() << "for"
                   << check.server;
    m_settings->setPinnedCertificate(check.server, check.fingerprint);
    m_settings->sync();
}

QByteArray CertificateTrust::pinnedFingerprint(const QUrl &url) const
{
    return m_settings->pinnedCertificate(serverKey(url));
}

QString CertificateTrust::serverKey(const QUrl &url)
{
    const int port = url.port(url.scheme() == u"ws"_s ? 80 : 443);
    const QString host = url.host().toLower();
    // An IPv6 address keeps its brackets, or its colons would run into the port's.
    return (host.contains(u':') ? u"[%1]"_s.arg(host) : host) + u':' + QString::number(port);
}

QByteArray CertificateTrust::fingerprint(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString CertificateTrust::formatFingerprint(const QByteArray &fingerprint, int perLine)
{
    const QString hex = QString::fromLatin1(fingerprint.toHex()).toUpper();
    QString text;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        if (i > 0)
            text += perLine > 0 && (i / 4) % perLine == 0 ? u'\n' : u' ';
        text += hex.mid(i, 4);
    }
    return text;
}

bool CertificateTrust::pinnable(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

QString CertificateTrust::describe(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
        return tr("The certificate is self-signed: no certificate authority vouches for it.");
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return tr("The certificate was issued by an authority this computer does not know.");
    case QSslError::HostNameMismatch:
        return tr("The certificate was issued for another name than this server's.");
    case QSslError::CertificateExpired:
        return tr("The certificate has expired.");
    case QSslError::CertificateNotYetValid:
        return tr("The certificate is not valid yet.");
    case QSslError::CertificateRevoked:
        return tr("The certificate was revoked.");
    default:
        break;
    }
    return tr("The certificate is not valid: %1").arg(error.errorString());
}

QString CertificateTrust::describe(const QList<QSslError> &errors)
{
    QStringList lines;
    for (const QSslError &error : errors) {
        const QString line = describe(error);
        if (!lines.contains(line))
            lines.append(line);
    }
    return lines.join(u'\n');
}

} // namespace sori::chat
