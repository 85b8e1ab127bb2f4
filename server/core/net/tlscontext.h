// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QMutex>
#include <QtCore/QString>

#include <atomic>
#include <memory>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace sori::server {

// What the server window and the log show of the certificate in use.
struct TlsCertificateInfo
{
    bool enabled = false;
    QString subject;
    QString fingerprint; // SHA-256 of the DER certificate, "AB:CD:…"
    QDateTime notAfter;
    bool selfSigned = false; // made and kept by --tls-self-signed
    QString certificateFile;
};

// The server's TLS settings: one OpenSSL SSL_CTX with the certificate and key, TLS 1.2 at
// least, the Mozilla "intermediate" ciphers, no renegotiation. Every new connection takes the
// context current at the time (thread-safe); reload() swaps in a new one, so connections that
// are open keep the one they started with (SSL_new holds a reference to it).
class TlsContext
{
    Q_DISABLE_COPY_MOVE(TlsContext)

public:
    TlsContext(QString certificateFile, QString keyFile, bool selfSigned = false);
    ~TlsContext();

    // Reads the certificate chain and the key. On failure (a file missing or unreadable, a key
    // that does not match) the context in use stays, and *error says why.
    bool reload(QString *error);
    bool isLoaded() const;
    // A new server-side TLS session for one connection, null if no context is loaded.
    SSL *newSession() const;
    TlsCertificateInfo info() const;

    // The port HTTPS is served on (the redirect port points there); set once listening.
    std::atomic<int> httpsPort = 0;
    // Strict-Transport-Security: max-age in seconds (0: no header).
    qint64 hstsMaxAge = 0;

private:
    const QString m_certificateFile;
    const QString m_keyFile;
    const bool m_selfSigned;
    mutable QMutex m_mutex;
    std::shared_ptr<SSL_CTX> m_context;
    TlsCertificateInfo m_info;
};

// --tls-self-signed: the certificate and key kept in dataDir (tls-self-signed.pem and
// tls-self-signed.key, the key readable by the owner only), made on the first start for
// localhost, 127.0.0.1, ::1, this machine's name and its addresses (P-256, 10 years). False,
// with *error, if they cannot be made or written.
bool ensureSelfSignedCertificate(const QString &dataDir, QString *certificateFile, QString *keyFile,
                                 bool *created, QString *error);

} // namespace sori::server
