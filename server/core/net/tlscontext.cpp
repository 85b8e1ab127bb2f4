// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/tlscontext.h"

#include "core/logging.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QSet>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkInterface>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {

// Mozilla's "intermediate" TLS 1.2 suites (TLS 1.3 keeps OpenSSL's own list, which is theirs too).
constexpr char Tls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

constexpr char SelfSignedCertificateName[] = "tls-self-signed.pem";
constexpr char SelfSignedKeyName[] = "tls-self-signed.key";
constexpr long SelfSignedValidSeconds = 10L * 365 * 24 * 3600;

// OpenSSL's queued errors as one line (and the queue emptied).
QString openSslErrors()
{
    QStringList parts;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof(text));
        parts.append(QString::fromLatin1(text));
    }
    return parts.isEmpty() ? u"unknown error"_s : parts.join(u"; "_s);
}

QString fingerprintOf(X509 *certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex(':').toUpper());
}

QDateTime notAfterOf(X509 *certificate)
{
    std::tm time{};
    if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &time) != 1)
        return {};
    return QDateTime(QDate(time.tm_year + 1900, time.tm_mon + 1, time.tm_mday),
                     QTime(time.tm_hour, time.tm_min, time.tm_sec), Qt::UTC);
}

QString subjectOf(X509 *certificate)
{
    char text[512];
    X509_NAME_oneline(X509_get_subject_name(certificate), text, sizeof(text));
    return QString::fromUtf8(text);
}

// Writes bytes to path through a temporary file created with `mode`, then renames it: never a
// half-written key, and never one readable by others even for a moment.
bool writeFileAtomically(const QString &path, const QByteArray &bytes, mode_t mode, QString *error)
{
    const QByteArray temporary = QFile::encodeName(path + u".tmp"_s);
    const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        *error = u"cannot write %1: %2"_s.arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::fchmod(fd, mode); // the umask may have taken bits off
    bool ok = ::write(fd, bytes.constData(), size_t(bytes.size())) == ssize_t(bytes.size());
    ok = ::fsync(fd) == 0 && ok;
    ::close(fd);
    if (!ok || ::rename(temporary.constData(), QFile::encodeName(path).constData()) != 0) {
        *error = u"cannot write %1: %2"_s.arg(path, QString::fromLocal8Bit(strerror(errno)));
        ::unlink(temporary.constData());
        return false;
    }
    return true;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(length));
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    if (!extension)
        return false;
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

// The names a LAN client may use for this machine: localhost, its host name, its addresses.
QByteArray subjectAltNames(const QString &hostName)
{
    QStringList names{u"DNS:localhost"_s};
    const auto isDnsName = [](const QString &name) {
        if (name.isEmpty() || name.size() > 253)
            return false;
        for (const QChar c : name) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'.')
                return false;
        }
        return true;
    };
    if (hostName != u"localhost" && isDnsName(hostName))
        names.append(u"DNS:"_s + hostName);
    QSet<QString> addresses{u"127.0.0.1"_s, u"::1"_s};
    names.append({u"IP:127.0.0.1"_s, u"IP:::1"_s});
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        QHostAddress plain(address);
        plain.setScopeId({}); // a certificate holds no zone
        if (plain.isLinkLocal())
            continue;
        const QString text = plain.toString();
        if (!addresses.contains(text)) {
            addresses.insert(text);
            names.append(u"IP:"_s + text);
        }
    }
    return names.join(u',').toLatin1();
}

bool makeSelfSigned(const QString &certificateFile, const QString &keyFile, QString *error)
{
    const auto fail = [&](const QString &what) {
        *error = what + u": "_s + openSslErrors();
        return false;
    };
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    if (!key)
        return fail(u"cannot make a key"_s);
    std::unique_ptr<X509, decltype(&X509_free)> certificate(X509_new(), X509_free);
    X509 *x = certificate.get();
    const QString hostName = QHostInfo::localHostName();
    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), BN_free);
    if (!x || !serial || X509_set_version(x, 2) != 1 || BN_rand(serial.get(), 64, 0, 0) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x))
        || !X509_gmtime_adj(X509_getm_notBefore(x), -3600)
        || !X509_gmtime_adj(X509_getm_notAfter(x), SelfSignedValidSeconds)
        || X509_set_pubkey(x, key.get()) != 1)
        return fail(u"cannot make a certificate"_s);
    X509_NAME *name = X509_get_subject_name(x);
    const QByteArray commonName = (hostName.isEmpty() ? u"localhost"_s : hostName).toUtf8();
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>("Sori (self-signed)"),
                                   -1, -1, 0)
            != 1
        || X509_NAME_add_entry_by_txt(
               name, "CN", MBSTRING_UTF8,
               reinterpret_cast<const unsigned char *>(commonName.constData()),
               int(commonName.size()), -1, 0)
            != 1
        || X509_set_issuer_name(x, name) != 1)
        return fail(u"cannot name the certificate"_s);
    if (!addExtension(x, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(x, NID_key_usage, "critical,digitalSignature")
        || !addExtension(x, NID_ext_key_usage, "serverAuth")
        || !addExtension(x, NID_subject_key_identifier, "hash")
        || !addExtension(x, NID_subject_alt_name, subjectAltNames(hostName)))
        return fail(u"cannot add the certificate's extensions"_s);
    if (X509_sign(x, key.get(), EVP_sha256()) == 0)
        return fail(u"cannot sign the certificate"_s);

    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new(BIO_s_mem()), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(BIO_new(BIO_s_mem()), BIO_free);
    if (!keyBio || !certificateBio
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1
        || PEM_write_bio_X509(certificateBio.get(), x) != 1)
        return fail(u"cannot encode the certificate"_s);
    // The key first: a certificate without its key would be found and fail on the next start.
    return writeFileAtomically(keyFile, bioBytes(keyBio.get()), 0600, error)
        && writeFileAtomically(certificateFile, bioBytes(certificateBio.get()), 0644, error);
}

} // namespace

TlsContext::TlsContext(QString certificateFile, QString keyFile, bool selfSigned)
    : m_certificateFile(std::move(certificateFile))
    , m_keyFile(std::move(keyFile))
    , m_selfSigned(selfSigned)
{ }

TlsContext::~TlsContext() = default;

bool TlsContext::reload(QString *error)
{
    ERR_clear_error();
    std::shared_ptr<SSL_CTX> context(SSL_CTX_new(TLS_server_method()), SSL_CTX_free);
    if (!context) {
        *error = u"cannot make a TLS context: "_s + openSslErrors();
        return false;
    }
    SSL_CTX *ctx = context.get();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    // No renegotiation (TLS 1.2: a client could make the server do handshakes at will), no
    // compression (CRIME); a peer that goes without close_notify is treated as its end.
    SSL_CTX_set_options(
        ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_IGNORE_UNEXPECTED_EOF);
    // Writes take what fits (the connection keeps the rest queued and counted), from a queue
    // that may have moved since; the record buffers are freed while a connection is quiet, as
    // the connection frees its own.
    SSL_CTX_set_mode(ctx,
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                         | SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_dh_auto(ctx, 1);
    if (SSL_CTX_set_cipher_list(ctx, Tls12Ciphers) != 1) {
        *error = u"cannot set the cipher list: "_s + openSslErrors();
        return false;
    }
    const QByteArray certificatePath = QFile::encodeName(m_certificateFile);
    const QByteArray keyPath = QFile::encodeName(m_keyFile);
    if (SSL_CTX_use_certificate_chain_file(ctx, certificatePath.constData()) != 1) {
        *error = u"cannot read the certificate %1: %2"_s.arg(m_certificateFile, openSslErrors());
        return false;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, keyPath.constData(), SSL_FILETYPE_PEM) != 1) {
        // OpenSSL compares the key with the certificate as it loads it: say which it was.
        const bool mismatch = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
        *error = mismatch ? u"the key %1 does not belong to the certificate %2: %3"_s.arg(
                     m_keyFile, m_certificateFile, openSslErrors())
                          : u"cannot read the key %1: %2"_s.arg(m_keyFile, openSslErrors());
        return false;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        *error = u"the key %1 does not belong to the certificate %2: %3"_s.arg(
            m_keyFile, m_certificateFile, openSslErrors());
        return false;
    }
    TlsCertificateInfo info;
    X509 *certificate = SSL_CTX_get0_certificate(ctx);
    info.enabled = true;
    info.subject = subjectOf(certificate);
    info.fingerprint = fingerprintOf(certificate);
    info.notAfter = notAfterOf(certificate);
    info.selfSigned = m_selfSigned;
    info.certificateFile = QFileInfo(m_certificateFile).absoluteFilePath();
    QMutexLocker lock(&m_mutex);
    m_context = std::move(context);
    m_info = info;
    return true;
}

bool TlsContext::isLoaded() const
{
    QMutexLocker lock(&m_mutex);
    return m_context != nullptr;
}

SSL *TlsContext::newSession() const
{
    QMutexLocker lock(&m_mutex);
    return m_context ? SSL_new(m_context.get()) : nullptr;
}

TlsCertificateInfo TlsContext::info() const
{
    QMutexLocker lock(&m_mutex);
    return m_info;
}

bool ensureSelfSignedCertificate(const QString &dataDir, QString *certificateFile, QString *keyFile,
                                 bool *created, QString *error)
{
    const QDir dir(dataDir);
    *certificateFile = dir.filePath(QString::fromLatin1(SelfSignedCertificateName));
    *keyFile = dir.filePath(QString::fromLatin1(SelfSignedKeyName));
    *created = false;
    if (QFileInfo::exists(*certificateFile) && QFileInfo::exists(*keyFile))
        return true;
    if (!QDir().mkpath(dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(dataDir);
        return false;
    }
    ERR_clear_error();
    if (!makeSelfSigned(*certificateFile, *keyFile, error))
        return false;
    *created = true;
    return true;
}

} // namespace sori::server
