// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// Trust on first use, without widgets or sockets: the decision for a certificate that did not
// verify, from the committed test certificates and the errors a TLS client reports for them.

#include "core/certificatetrust.h"
#include "core/chatsettings.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QRegularExpression>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace sori::chat;
using Verdict = CertificateTrust::Verdict;

namespace {
QSslCertificate testCertificate(const char *name)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(
        QStringLiteral(SORI_SOURCE_DIR "/tests/support/tls/") + QLatin1String(name));
    return certificates.value(0);
}

// What a client reports for the test server certificates: their authority is unknown.
QList<QSslError> unknownAuthority(const QSslCertificate &certificate)
{
    return {QSslError(QSslError::UnableToGetLocalIssuerCertificate, certificate),
            QSslError(QSslError::UnableToVerifyFirstCertificate, certificate)};
}
} // namespace

class tst_CertificateTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void firstUseAsks();
    void trustedIsStoredAndThenSilent();
    void changedCertificateIsTheLoudCase();
    void eachPortHasItsOwnPin();
    void brokenCertificatesAreRefusedEvenWhenPinned();
    void fingerprintIsGroupedForReadingAloud();
    void serverKeys();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChatSettings> m_settings;
    QString iniFile() const { return m_dir->filePath(u"sori-chat.ini"_s); }
    const QUrl m_url{u"wss://127.0.0.1:8443/ws"_s};
    QSslCertificate m_server;
    QSslCertificate m_server2;
};

void tst_CertificateTrust::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<ChatSettings>(iniFile());
    m_server = testCertificate("server.pem");
    m_server2 = testCertificate("server2.pem");
    QVERIFY(!m_server.isNull() && !m_server2.isNull());
}

void tst_CertificateTrust::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void tst_CertificateTrust::firstUseAsks()
{
    const CertificateTrust trust(m_settings.get());
    const auto check = trust.check(m_url, m_server, unknownAuthority(m_server));
    QCOMPARE(check.verdict, Verdict::FirstUse);
    QCOMPARE(check.server, u"127.0.0.1:8443"_s);
    QCOMPARE(check.fingerprint, m_server.digest(QCryptographicHash::Sha256));
    QVERIFY(check.pinned.isEmpty());
    QCOMPARE(check.errors.size(), 2);
    // Asking stores nothing.
    QVERIFY(trust.pinnedFingerprint(m_url).isEmpty());
    // A self-signed certificate and one for another name are asked about the same way.
    QCOMPARE(trust.check(m_url, m_server, {QSslError(QSslError::SelfSignedCertificate, m_server)})
                 .verdict,
             Verdict::FirstUse);
    QCOMPARE(
        trust.check(m_url, m_server, {QSslError(QSslError::HostNameMismatch, m_server)}).verdict,
        Verdict::FirstUse);
}

void tst_CertificateTrust::trustedIsStoredAndThenSilent()
{
    CertificateTrust trust(m_settings.get());
    trust.trust(trust.check(m_url, m_server, unknownAuthority(m_server)));
    QCOMPARE(trust.pinnedFingerprint(m_url), m_server.digest(QCryptographicHash::Sha256));

    // Kept in the settings file: the next run accepts it without asking.
    m_settings.reset();
    ChatSettings again(iniFile());
    QCOMPARE(again.pinnedCertificate(u"127.0.0.1:8443"_s),
             m_server.digest(QCryptographicHash::Sha256));
    const CertificateTrust later(&again);
    const auto check = later.check(m_url, m_server, unknownAuthority(m_server));
    QCOMPARE(check.verdict, Verdict::Pinned);
    // Another path on the same server is the same server.
    QCOMPARE(
        later.check(QUrl(u"wss://127.0.0.1:8443/other"_s), m_server, unknownAuthority(m_server))
            .verdict,
        Verdict::Pinned);
}

void tst_CertificateTrust::changedCertificateIsTheLoudCase()
{
    CertificateTrust trust(m_settings.get());
    trust.trust(trust.check(m_url, m_server, unknownAuthority(m_server)));
    const auto check = trust.check(m_url, m_server2, unknownAuthority(m_server2));
    QCOMPARE(check.verdict, Verdict::Changed);
    QCOMPARE(check.pinned, m_server.digest(QCryptographicHash::Sha256));
    QCOMPARE(check.fingerprint, m_server2.digest(QCryptographicHash::Sha256));
    // The check alone does not replace the pin; only trust() does.
    QCOMPARE(trust.pinnedFingerprint(m_url), m_server.digest(QCryptographicHash::Sha256));
    trust.trust(check);
    QCOMPARE(trust.pinnedFingerprint(m_url), m_server2.digest(QCryptographicHash::Sha256));
    QCOMPARE(trust.check(m_url, m_server, unknownAuthority(m_server)).verdict, Verdict::Changed);
}

void tst_CertificateTrust::eachPortHasItsOwnPin()
{
    CertificateTrust trust(m_settings.get());
    trust.trust(trust.check(m_url, m_server, unknownAuthority(m_server)));
    const QUrl otherPort(u"wss://127.0.0.1:9443/ws"_s);
    QCOMPARE(trust.check(otherPort, m_server, unknownAuthority(m_server)).verdict,
             Verdict::FirstUse);
    QCOMPARE(trust.check(otherPort, m_server2, unknownAuthority(m_server2)).verdict,
             Verdict::FirstUse);
    trust.trust(trust.check(otherPort, m_server2, unknownAuthority(m_server2)));
    QCOMPARE(trust.check(otherPort, m_server2, unknownAuthority(m_server2)).verdict,
             Verdict::Pinned);
    QCOMPARE(trust.check(m_url, m_server, unknownAuthority(m_server)).verdict, Verdict::Pinned);
    // Another host on the same port is another server too.
    QCOMPARE(trust.check(QUrl(u"wss://localhost:8443/ws"_s), m_server, unknownAuthority(m_server))
                 .verdict,
             Verdict::FirstUse);
}

void tst_CertificateTrust::brokenCertificatesAreRefusedEvenWhenPinned()
{
    CertificateTrust trust(m_settings.get());
    const QList<QSslError> expired{QSslError(QSslError::CertificateExpired, m_server),
                                   QSslError(QSslError::SelfSignedCertificate, m_server)};
    QCOMPARE(trust.check(m_url, m_server, expired).verdict, Verdict::Refused);
    trust.trust(trust.check(m_url, m_server, expired)); // does nothing
    QVERIFY(trust.pinnedFingerprint(m_url).isEmpty());
    trust.trust(trust.check(m_url, m_server, unknownAuthority(m_server)));
    QCOMPARE(trust.check(m_url, m_server, expired).verdict, Verdict::Refused);
    QCOMPARE(
        trust.check(m_url, m_server, {QSslError(QSslError::CertificateSignatureFailed, m_server)})
            .verdict,
        Verdict::Refused);
    QCOMPARE(
        trust.check(m_url, QSslCertificate(), {QSslError(QSslError::NoPeerCertificate)}).verdict,
        Verdict::Refused);
    QVERIFY(CertificateTrust::describe(expired).contains(u"expired"_s));
}

void tst_CertificateTrust::fingerprintIsGroupedForReadingAloud()
{
    const QByteArray digest = m_server.digest(QCryptographicHash::Sha256);
    const QString oneLine = CertificateTrust::formatFingerprint(digest);
    static const QRegularExpression groups(u"^([0-9A-F]{4} ){15}[0-9A-F]{4}$"_s);
    QVERIFY2(groups.match(oneLine).hasMatch(), qPrintable(oneLine));
    QCOMPARE(QString(oneLine).remove(u' '), QString::fromLatin1(digest.toHex().toUpper()));
    const QString twoLines = CertificateTrust::formatFingerprint(digest, 8);
    QCOMPARE(twoLines.count(u'\n'), 1);
    QCOMPARE(QString(twoLines).replace(u'\n', u' '), oneLine);
}

void tst_CertificateTrust::serverKeys()
{
    QCOMPARE(CertificateTrust::serverKey(QUrl(u"wss://Chat.Example.org/ws"_s)),
             u"chat.example.org:443"_s);
    QCOMPARE(CertificateTrust::serverKey(QUrl(u"wss://[::1]:8443/ws"_s)), u"[::1]:8443"_s);
    QCOMPARE(CertificateTrust::serverKey(QUrl(u"ws://localhost/ws"_s)), u"localhost:80"_s);
}

QTEST_GUILESS_MAIN(tst_CertificateTrust)
#include "tst_certificatetrust.moc"
