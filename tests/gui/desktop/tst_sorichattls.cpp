// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// sori-chat over wss:// with trust on first use, driven as a person would: the in-process
// server behind a TLS front (TlsRelay) with the committed test certificates. An unknown
// certificate asks, with its fingerprint; trusting it connects and chats; the next run connects
// without asking; a changed certificate warns loudly and cancelling stays offline with the pin
// as it was. A certificate an authority vouches for connects without a word.

#include "core/certificatetrust.h"
#include "core/chatsession.h"
#include "core/chatsettings.h"
#include "fixtures.h"
#include "tlsrelay.h"
#include "ui/certificatedialog.h"
#include "ui/composer.h"
#include "ui/mainwindow.h"
#include "ui/messageview.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

using namespace Qt::StringLiterals;
using namespace sori;
using namespace sori::chat;
using namespace sori::protocol;

namespace {
QString tlsFile(const char *name)
{
    return QStringLiteral(SORI_SOURCE_DIR "/tests/support/tls/") + QLatin1String(name);
}

QByteArray digestOf(const char *pem)
{
    return QSslCertificate::fromPath(tlsFile(pem)).value(0).digest(QCryptographicHash::Sha256);
}

// A fingerprint label's text as the digits it shows, without the grouping.
QString digits(const QLabel *label)
{
    return label ? label->text().simplified().remove(u' ') : QString();
}
} // namespace

class tst_SoriChatTls : public test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void trustOnFirstUseThenSilentThenLoudWhenChanged();
    void certificateFromAKnownAuthorityAsksNothing();
    void plainConnectionSaysNotEncrypted();

private:
    QUrl wssUrl() const { return QUrl(u"wss://127.0.0.1:%1/ws"_s.arg(m_relay->port())); }
    // A fresh settings object on the test's file, a session and a window: one run of the app.
    void startApp();
    void stopApp();
    // The certificate question on screen, if there is one.
    CertificateDialog *dialog() const { return m_window ? m_window->certificateDialog() : nullptr; }
    bool signedInTo(const QString &room = u"lobby"_s);
    QStringList texts() const;
    void type(const QString &text);

    std::unique_ptr<test::TlsRelay> m_relay;
    std::unique_ptr<ChatSettings> m_settings;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void tst_SoriChatTls::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
}

void tst_SoriChatTls::init()
{
    newDataDir();
    startServer();
    QVERIFY(m_server);
    m_relay = std::make_unique<test::TlsRelay>(m_server->serverPort());
    QVERIFY(m_relay->setCertificate(tlsFile("server.pem"), tlsFile("server.key")));
    QVERIFY(m_relay->listen());
}

void tst_SoriChatTls::cleanup()
{
    stopApp();
    m_relay.reset();
    m_server.reset();
    m_dataDir.reset();
}

void tst_SoriChatTls::startApp()
{
    m_settings = std::make_unique<ChatSettings>(m_dataDir->filePath(u"sori-chat.ini"_s));
    m_session = std::make_unique<ChatSession>(m_settings.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_SoriChatTls::stopApp()
{
    m_window.reset();
    m_session.reset();
    m_settings.reset();
}

bool tst_SoriChatTls::signedInTo(const QString &room)
{
    return QTest::qWaitFor(
        [&] {
            return m_session->connection() == ChatSession::Connection::Connected
                && m_session->currentRoom() == room;
        },
        10000);
}

QStringList tst_SoriChatTls::texts() const
{
    const auto *view = m_window->findChild<MessageView *>(u"messageView"_s);
    QStringList result;
    if (!view || !view->model())
        return result;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        result.append(view->model()->index(row, 0).data(MessageListModel::TextRole).toString());
    return result;
}

void tst_SoriChatTls::type(const QString &text)
{
    auto *composer = m_window->findChild<Composer *>(u"composer"_s);
    QVERIFY(composer && composer->isEnabled());
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
}

void tst_SoriChatTls::trustOnFirstUseThenSilentThenLoudWhenChanged()
{
    const QByteArray first = digestOf("server.pem");
    const QByteArray second = digestOf("server2.pem");
    QVERIFY(!first.isEmpty() && !second.isEmpty() && first != second);
    const QString server = u"127.0.0.1:%1"_s.arg(m_relay->port());

    // First use: the question, with the server, the reason and the certificate's fingerprint in
    // groups of four; not connected until the user answers.
    startApp();
    QSignalSpy asked(m_session.get(), &ChatSession::untrustedCertificate);
    QSignalSpy signedIn(m_session.get(), &ChatSession::signedIn);
    m_session->signInAsGuest(wssUrl(), u"mina"_s);
    QTRY_VERIFY_WITH_TIMEOUT(dialog(), 10000);
    QCOMPARE(dialog()->objectName(), u"certificateDialog"_s);
    QVERIFY(dialog()->isVisible());
    const auto *fingerprint = dialog()->findChild<QLabel *>(u"fingerprintLabel"_s);
    QVERIFY(fingerprint);
    QCOMPARE(digits(fingerprint), QString::fromLatin1(first.toHex().toUpper()));
    static const QRegularExpression grouped(u"^([0-9A-F]{4}\\s){15}[0-9A-F]{4}$"_s);
    QVERIFY2(grouped.match(fingerprint->text()).hasMatch(), qPrintable(fingerprint->text()));
    QVERIFY(!dialog()->findChild<QLabel *>(u"oldFingerprintLabel"_s));
    bool namesServer = false;
    for (const QLabel *label : dialog()->findChildren<QLabel *>())
        namesServer = namesServer || label->text().contains(server);
    QVERIFY(namesServer);
    const auto *reason = dialog()->findChild<QLabel *>(u"reasonLabel"_s);
    QVERIFY(reason && reason->text().contains(u"authority"_s));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(signedIn.size(), 0);
    QCOMPARE(m_session->connection(), ChatSession::Connection::Offline);
    // The safe answer is the default one.
    auto *cancel = dialog()->findChild<QPushButton *>(u"cancelButton"_s);
    auto *trust = dialog()->findChild<QPushButton *>(u"trustButton"_s);
    QVERIFY(cancel && trust);
    QVERIFY(cancel->isDefault() && !trust->isDefault());

    // Trusted: it connects, the pin is stored, and chatting works over TLS.
    QTest::mouseClick(trust, Qt::LeftButton);
    QVERIFY(signedInTo());
    QTRY_VERIFY(!dialog());
    QCOMPARE(m_settings->pinnedCertificate(server), first);
    auto *security = m_window->findChild<QLabel *>(u"securityIndicator"_s);
    QVERIFY(security && security->isVisible());
    QCOMPARE(security->text(), u"Encrypted"_s);
    QVERIFY(security->toolTip().contains(CertificateTrust::formatFingerprint(first, 8)));
    QVERIFY(security->toolTip().contains(u"You trusted this certificate"_s));

    auto jun = test::guest(url(), u"jun"_s, {u"lobby"_s});
    QVERIFY(jun);
    type(u"hello over TLS"_s);
    QTRY_COMPARE(jun->messagesIn(u"lobby"_s).size(), 1);
    QCOMPARE(jun->messagesIn(u"lobby"_s).first().from, u"mina"_s);
    jun->client.sendMessage(u"lobby"_s, u"hello back"_s);
    QTRY_VERIFY(texts().contains(u"hello back"_s));

    // The next run: the same certificate connects without a question.
    stopApp();
    startApp();
    QSignalSpy askedAgain(m_session.get(), &ChatSession::untrustedCertificate);
    // Another nickname: the server holds mina's for a while after the first run dropped.
    m_session->signInAsGuest(wssUrl(), u"sena"_s);
    QVERIFY(signedInTo());
    QCOMPARE(askedAgain.size(), 0);
    QVERIFY(!dialog());
    const int handshakes = m_relay->handshakes();

    // The server now presents another certificate; the connection drops and the client comes
    // back by itself: one loud warning, with both fingerprints, and no retrying behind it.
    QVERIFY(m_relay->setCertificate(tlsFile("server2.pem"), tlsFile("server2.key")));
    m_relay->dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(dialog(), 15000);
    QCOMPARE(dialog()->objectName(), u"certificateChangedDialog"_s);
    QCOMPARE(askedAgain.size(), 1);
    QVERIFY(dialog()->findChild<QLabel *>(u"warningBanner"_s));
    QCOMPARE(digits(dialog()->findChild<QLabel *>(u"oldFingerprintLabel"_s)),
             QString::fromLatin1(first.toHex().toUpper()));
    QCOMPARE(digits(dialog()->findChild<QLabel *>(u"fingerprintLabel"_s)),
             QString::fromLatin1(second.toHex().toUpper()));
    auto *disconnect = dialog()->findChild<QPushButton *>(u"disconnectButton"_s);
    auto *replace = dialog()->findChild<QPushButton *>(u"trustButton"_s);
    QVERIFY(disconnect && replace);
    QVERIFY(disconnect->isDefault() && !replace->isDefault());
    QCOMPARE(m_session->client()->state(), ChatClient::State::Disconnected);
    QCOMPARE(m_session->client()->reconnectDelay(), 0);
    QVERIFY2(m_window->statusText().contains(u"certificate changed"_s),
             qPrintable(m_window->statusText()));
    QCOMPARE(m_relay->handshakes(), handshakes); // the handshake with server2 failed

    // Disconnect (the default, Enter): offline, the pin as it was.
    QTest::keyClick(dialog(), Qt::Key_Return);
    QTRY_VERIFY(!dialog());
    QCOMPARE(m_session->connection(), ChatSession::Connection::Offline);
    QCOMPARE(m_settings->pinnedCertificate(server), first);
    QCOMPARE(m_session->client()->state(), ChatClient::State::Disconnected);
    QCOMPARE(askedAgain.size(), 1);

    // Only an explicit choice replaces the pin: "Reconnect", then "Trust the new certificate".
    auto *reconnect = m_window->findChild<QPushButton *>(u"reconnectButton"_s);
    QVERIFY(reconnect && reconnect->isVisible());
    QTest::mouseClick(reconnect, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog(), 10000);
    QCOMPARE(dialog()->objectName(), u"certificateChangedDialog"_s);
    QTest::mouseClick(dialog()->findChild<QPushButton *>(u"trustButton"_s), Qt::LeftButton);
    QVERIFY(signedInTo());
    QCOMPARE(m_settings->pinnedCertificate(server), second);
}

void tst_SoriChatTls::certificateFromAKnownAuthorityAsksNothing()
{
    // The test's authority stands in for the system's: its certificates verify, and nothing is
    // asked or pinned.
    startApp();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(QSslCertificate::fromPath(tlsFile("ca.pem")));
    m_session->client()->setSslConfiguration(configuration);
    QSignalSpy asked(m_session.get(), &ChatSession::untrustedCertificate);
    m_session->signInAsGuest(wssUrl(), u"mina"_s);
    QVERIFY(signedInTo());
    QCOMPARE(asked.size(), 0);
    QVERIFY(!dialog());
    QVERIFY(m_settings->pinnedCertificate(u"127.0.0.1:%1"_s.arg(m_relay->port())).isEmpty());
    QVERIFY(m_session->isEncrypted());
    auto *security = m_window->findChild<QLabel *>(u"securityIndicator"_s);
    QVERIFY(security);
    QCOMPARE(security->text(), u"Encrypted"_s);
    QVERIFY(security->toolTip().contains(u"certificate authority"_s));
    QVERIFY(security->toolTip().contains(
        CertificateTrust::formatFingerprint(digestOf("server.pem"), 8)));

    // The other certificate of the same authority after a drop: still nothing to ask.
    QVERIFY(m_relay->setCertificate(tlsFile("server2.pem"), tlsFile("server2.key")));
    QSignalSpy reconnected(m_session->client(), &ChatClient::reconnected);
    m_relay->dropAll();
    QVERIFY(reconnected.wait(15000));
    QVERIFY(signedInTo());
    QCOMPARE(asked.size(), 0);
    QVERIFY(security->toolTip().contains(
        CertificateTrust::formatFingerprint(digestOf("server2.pem"), 8)));
}

void tst_SoriChatTls::plainConnectionSaysNotEncrypted()
{
    startApp();
    m_session->signInAsGuest(url(), u"mina"_s);
    QVERIFY(signedInTo());
    QVERIFY(!m_session->isEncrypted());
    auto *security = m_window->findChild<QLabel *>(u"securityIndicator"_s);
    QVERIFY(security && security->isVisible());
    QCOMPARE(security->text(), u"Not encrypted"_s);
    QVERIFY(security->toolTip().contains(u"not encrypted"_s));
}

QTEST_MAIN(tst_SoriChatTls)
#include "tst_sorichattls.moc"
