// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslError>

namespace sori::chat {

class ChatSettings;

// Trust on first use for wss:// servers whose certificate does not verify against the system's
// certificate authorities (a server on a LAN with a self-signed certificate, say). The first
// time, the user is asked, shown the certificate's SHA-256 fingerprint; once they trust it, it
// is pinned for that host and port (in ChatSettings) and accepted silently from then on. A
// different certificate for a pinned host is the loud case: it may be somebody in between.
//
// Only the errors that say "nobody vouches for this certificate" (self-signed, an unknown
// authority, a name it was not issued for) can be trusted this way; an expired, revoked or
// broken certificate is refused whatever the pin says. A certificate that verifies never
// comes here.
class CertificateTrust
{
    Q_DECLARE_TR_FUNCTIONS(CertificateTrust)

public:
    enum class Verdict {
        Pinned, // the pinned certificate: go on without asking
        FirstUse, // nothing pinned for this server: ask
        Changed, // another certificate than the pinned one: warn loudly
        Refused, // errors no pin can excuse (expired, revoked, bad signature...)
    };

    struct Check
    {
        Verdict verdict = Verdict::Refused;
        QString server; // "host:port", what the pin is stored under
        QByteArray fingerprint; // SHA-256 of the certificate presented
        QByteArray pinned; // the pinned fingerprint, if any
        QList<QSslError> errors;
    };

    explicit CertificateTrust(ChatSettings *settings);

    // What to do about `certificate`, presented by url's server with these verification errors.
    Check check(const QUrl &url, const QSslCertificate &certificate,
                const QList<QSslError> &errors) const;
    // The user trusts this certificate for this server: it replaces any earlier pin.
    void trust(const Check &check);
    QByteArray pinnedFingerprint(const QUrl &url) const;

    // "host:port" (the scheme's default port when the URL has none).
    static QString serverKey(const QUrl &url);
    static QByteArray fingerprint(const QSslCertificate &certificate);
    // Groups of four hexadecimal digits, as people compare them aloud: "3F2A 9C01 …", with
    // a line break after every `perLine` groups (0: one line).
    static QString formatFingerprint(const QByteArray &fingerprint, int perLine = 0);
    // Whether a pin can excuse this error.
    static bool pinnable(QSslError::SslError error);
    // Why a certificate was not accepted, in the user's language.
    static QString describe(const QSslError &error);
    static QString describe(const QList<QSslError> &errors);

private:
    ChatSettings *m_settings;
};

} // namespace sori::chat
