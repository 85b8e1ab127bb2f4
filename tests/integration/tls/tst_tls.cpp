// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT

// TLS on the server's port (issue 20), with real TLS clients: Qt's QWebSocket and QSslSocket
// trusting the test CA (tests/support/tls), `openssl s_client` as a process, and sori-server as
// a process for SIGHUP and --tls-self-signed. (Chromium: tests/browser/tls.test.mjs.)

#include "core/chat/hub.h"
#include "core/monitorviews.h"
#include "core/net/connectionlimits.h"
#include "fixtures.h"
#include "serverprocess.h"

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using sori::protocol::LeaveReason;
using sori::protocol::PresenceChange;
using sori::protocol::Role;
using sori::server::ServerConfig;
using sori::test::RawClient;
using sori::test::RecordingClient;

namespace {

QString tlsFile(const QString &name)
{
    return QStringLiteral(SORI_TLS_DIR) + u'/' + name;
}

QSslCertificate certificateIn(const QString &path)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

// The default configuration of this process plus the test CA: every QWebSocket and QSslSocket
// made afterwards trusts it (ChatClient's included).
void trustTestCa()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(QSslCertificate::fromPath(tlsFile(u"ca.pem"_s)));
    QSslConfiguration::setDefaultConfiguration(configuration);
}

QUrl wssUrl(quint16 port, const QString &path = u"/ws"_s)
{
    return QUrl(u"wss://localhost:%1%2"_s.arg(port).arg(path));
}

// What `openssl s_client` saw: whether the handshake worked (exit code 0), the certificate the
// server sent, and everything it printed.
struct SClient
{
    bool connected = false;
    QSslCertificate served;
    QByteArray output;
};

SClient sClient(quint16 port, const QStringList &extra = {},
                const QString &trusted = tlsFile(u"ca.pem"_s))
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s,
                  QStringList{u"s_client"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(port),
                              u"-servername"_s, u"localhost"_s, u"-CAfile"_s, trusted,
                              u"-verify_return_error"_s}
                      + extra);
    process.closeWriteChannel(); // the end of input: it says goodbye after the handshake
    SClient result;
    // Not waitForFinished(): an in-process server accepts on this thread's event loop.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 10000)) {
        process.kill();
        process.waitForFinished(1000);
        result.output = "(s_client did not finish) ";
    }
    result.output += process.readAll();
    result.connected = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(result.output);
    if (!certificates.isEmpty())
        result.served = certificates.first();
    return result;
}

// A GET over HTTPS (trusting the test CA): the whole response, up to the server's close. (No
// blocking waits: an in-process server accepts on this thread's event loop.)
QByteArray httpsGet(quint16 port, const QByteArray &target)
{
    QByteArray response;
    QSslSocket socket;
    QObject::connect(&socket, &QSslSocket::readyRead, [&] { response += socket.readAll(); });
    socket.connectToHostEncrypted(u"localhost"_s, port);
    if (!QTest::qWaitFor([&] { return socket.isEncrypted(); }, 5000))
        return "(no TLS connection: " + socket.errorString().toUtf8() + ")";
    socket.write("GET " + target + " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port)
                 + "\r\nConnection: close\r\n\r\n");
    [[maybe_unused]] const bool closed =
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 5000);
    return response + socket.readAll();
}

bool replaceFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class tst_Tls : public sori::test::ServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void wssSignInSendReceive();
    void clientThatDoesNotTrustTheCaFails();
    void plainHttpToTheTlsPortGetsNoAnswer();
    void sClientProtocolVersions();
    void hstsOnHttpsOnly();
    void hstsMaxAgeIsConfigurable();
    void redirectPortAnswers308();
    void redirectPortDropsIdleConnections();
    void slowTlsReaderIsHeldToTheBudget();
    void unfinishedHandshakeIsDroppedAtTheDeadline();
    void selfSignedIsMadeOnceAndKept();
    void sighupReloadsTheCertificate();
    void anUnusableCertificateStopsTheStart();

private:
    void startTlsServer(const sori::test::Configure &more = {});
};

void tst_Tls::initTestCase()
{
    trustTestCa();
}

void tst_Tls::init()
{
    newDataDir({{u"mina"_s, Role::Member}});
}

void tst_Tls::cleanup()
{
    m_server.reset();
}

void tst_Tls::startTlsServer(const sori::test::Configure &more)
{
    startServer([&](ServerConfig &config) {
        config.tlsCertificateFile = tlsFile(u"server.pem"_s);
        config.tlsKeyFile = tlsFile(u"server.key"_s);
        if (more)
            more(config);
    });
}

void tst_Tls::wssSignInSendReceive()
{
    startTlsServer();
    const QUrl url = wssUrl(m_server->serverPort());
    auto mina = sori::test::signedIn(url, u"mina"_s, {u"lobby"_s});
    QVERIFY(mina);
    auto guest = sori::test::guest(url, u"visitor"_s, {u"lobby"_s});
    QVERIFY(guest);
    mina->client.sendMessage(u"lobby"_s, u"over TLS"_s);
    QTRY_COMPARE(guest->messages.size(), 1);
    QCOMPARE(guest->messages.first().from, u"mina"_s);
    QCOMPARE(guest->messages.first().text, u"over TLS"_s);
    QTRY_COMPARE(mina->acks.size(), 1);
    guest->client.sendMessage(u"lobby"_s, u"and back"_s);
    QTRY_COMPARE(mina->messages.size(), 2);
    QCOMPARE(mina->messages.last().text, u"and back"_s);
}

void tst_Tls::clientThatDoesNotTrustTheCaFails()
{
    startTlsServer();
    RawClient stranger;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslConfiguration::systemCaCertificates());
    stranger.socket.setSslConfiguration(configuration);
    QSignalSpy sslErrors(&stranger.socket, &QWebSocket::sslErrors);
    QVERIFY(!stranger.open(wssUrl(m_server->serverPort()), {u"sori.v1"_s}));
    QVERIFY(!sslErrors.isEmpty());
    // The server is none the worse: a client that trusts the CA gets in.
    QVERIFY(sori::test::guest(wssUrl(m_server->serverPort()), u"after"_s));
}

void tst_Tls::plainHttpToTheTlsPortGetsNoAnswer()
{
    startTlsServer();
    const QByteArray answer = sori::test::tcpExchange(
        m_server->serverPort(), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", {}, 5000);
    QVERIFY2(!answer.contains("HTTP/1.1"), answer.constData());
    // Nor a WebSocket over plain TCP.
    RawClient plain;
    QVERIFY(!plain.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(m_server->serverPort()))));
}

void tst_Tls::sClientProtocolVersions()
{
    startTlsServer();
    const quint16 port = m_server->serverPort();
    const QSslCertificate expected = certificateIn(tlsFile(u"server.pem"_s));
    QVERIFY(!expected.isNull());

    const SClient tls12 = sClient(port, {u"-tls1_2"_s});
    QVERIFY2(tls12.connected, tls12.output.constData());
    QVERIFY2(tls12.output.contains("TLSv1.2"), tls12.output.constData());
    QCOMPARE(tls12.served, expected);

    const SClient tls13 = sClient(port, {u"-tls1_3"_s});
    QVERIFY2(tls13.connected, tls13.output.constData());
    QVERIFY2(tls13.output.contains("TLSv1.3"), tls13.output.constData());
    QCOMPARE(tls13.served, expected);

    // The client is allowed TLS 1.1 (security level 0): the server is what refuses it.
    const SClient tls11 = sClient(port, {u"-tls1_1"_s, u"-cipher"_s, u"DEFAULT@SECLEVEL=0"_s});
    QVERIFY2(!tls11.connected, tls11.output.constData());
    QVERIFY2(tls11.output.contains("protocol version"), tls11.output.constData());
    QVERIFY(tls11.served.isNull());
}

void tst_Tls::hstsOnHttpsOnly()
{
    startTlsServer([](ServerConfig &config) { config.httpRedirectPort = 0; });
    const QByteArray page = httpsGet(m_server->serverPort(), "/");
    QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.left(200).constData());
    QVERIFY2(page.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"),
             page.left(600).constData());
    // Errors over HTTPS carry it too.
    const QByteArray missing = httpsGet(m_server->serverPort(), "/no-such-page");
    QVERIFY2(missing.startsWith("HTTP/1.1 404"), missing.left(200).constData());
    QVERIFY(missing.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"));
    // Not on plain HTTP: the redirect port does not send it (RFC 6797 7.2).
    const QByteArray redirect = sori::test::tcpExchange(
        m_server->redirectPort(), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", {}, 5000);
    QVERIFY2(redirect.startsWith("HTTP/1.1 308"), redirect.constData());
    QVERIFY(!redirect.contains("Strict-Transport-Security"));

    // Nor from a server without TLS.
    startServerOnNewData();
    const QByteArray plain = sori::test::tcpExchange(
        m_server->serverPort(), "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        {}, 5000);
    QVERIFY2(plain.startsWith("HTTP/1.1 200 OK\r\n"), plain.left(200).constData());
    QVERIFY(!plain.contains("Strict-Transport-Security"));
}

void tst_Tls::hstsMaxAgeIsConfigurable()
{
    startTlsServer([](ServerConfig &config) { config.hstsMaxAgeSeconds = 60; });
    QVERIFY(httpsGet(m_server->serverPort(), "/")
                .contains("\r\nStrict-Transport-Security: max-age=60\r\n"));
    // 0: none at all.
    m_server.reset();
    startTlsServer([](ServerConfig &config) { config.hstsMaxAgeSeconds = 0; });
    const QByteArray page = httpsGet(m_server->serverPort(), "/");
    QVERIFY2(page.startsWith("HTTP/1.1 200 OK\r\n"), page.left(200).constData());
    QVERIFY(!page.contains("Strict-Transport-Security"));
}

void tst_Tls::redirectPortAnswers308()
{
    startTlsServer([](ServerConfig &config) { config.httpRedirectPort = 0; });
    const quint16 port = m_server->serverPort();
    const quint16 redirect = m_server->redirectPort();
    QVERIFY(redirect != 0 && redirect != port);

    const QByteArray answer =
        sori::test::tcpExchange(redirect,
                                "GET /classic?room=lobby HTTP/1.1\r\nHost: localhost:"
                                    + QByteArray::number(redirect) + "\r\n\r\n",
                                {}, 5000);
    QVERIFY2(answer.startsWith("HTTP/1.1 308 Permanent Redirect\r\n"), answer.constData());
    QVERIFY2(answer.contains("\r\nLocation: https://localhost:" + QByteArray::number(port)
                             + "/classic?room=lobby\r\n"),
             answer.constData());
    QVERIFY(answer.contains("\r\nConnection: close\r\n"));

    // An IPv6 literal keeps its brackets; a WebSocket upgrade is redirected like any request.
    const QByteArray v6 = sori::test::tcpExchange(
        redirect,
        "GET /ws HTTP/1.1\r\nHost: [::1]:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        {}, 5000);
    QVERIFY2(v6.contains("\r\nLocation: https://[::1]:" + QByteArray::number(port) + "/ws\r\n"),
             v6.constData());
    // HEAD: the same, without a body.
    const QByteArray head =
        sori::test::tcpExchange(redirect, "HEAD / HTTP/1.1\r\nHost: example.org\r\n\r\n", {}, 5000);
    QVERIFY2(head.startsWith("HTTP/1.1 308"), head.constData());
    QVERIFY(head.endsWith("\r\n\r\n"));
    // No Host: nothing to redirect to.
    const QByteArray noHost = sori::test::tcpExchange(redirect, "GET / HTTP/1.0\r\n\r\n", {}, 5000);
    QVERIFY2(noHost.startsWith("HTTP/1.1 400"), noHost.constData());
    // The client follows it: the page, over HTTPS.
    QVERIFY(httpsGet(port, "/classic?room=lobby").startsWith("HTTP/1.1 200 OK\r\n"));
}

void tst_Tls::redirectPortDropsIdleConnections()
{
    // The redirect port's connections are held to the same handshake deadline and caps.
    startTlsServer([](ServerConfig &config) {
        config.httpRedirectPort = 0;
        config.handshakeTimeoutMs = 300;
        config.maxPendingHandshakesPerAddress = 1;
    });
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, m_server->redirectPort());
    QVERIFY(idle.waitForConnected(5000));
    idle.write("GET / HTTP/1.1\r\n"); // and never the rest
    // A second one from the same address is over the pending cap: closed at once.
    QTcpSocket second;
    QSignalSpy secondGone(&second, &QTcpSocket::disconnected);
    QTRY_COMPARE(m_server->connectionLimits().pending(), 1);
    second.connectToHost(QHostAddress::LocalHost, m_server->redirectPort());
    QTRY_COMPARE_WITH_TIMEOUT(secondGone.size(), 1, 2000);
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(idle.readAll().startsWith("HTTP/1.1 408"));
}

void tst_Tls::slowTlsReaderIsHeldToTheBudget()
{
    startTlsServer([](ServerConfig &config) {
        config.maxOutgoingBytes = 256 * 1024;
        config.presenceGraceMs = 100;
    });
    const QUrl url = wssUrl(m_server->serverPort());
    auto ana = sori::test::guest(url, u"ana"_s, {u"lobby"_s});
    auto bo = sori::test::guest(url, u"bo"_s, {u"lobby"_s});
    QVERIFY(ana && bo);

    // A TLS client that says hello, joins, and then never reads again.
    QSslSocket slow;
    slow.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
    slow.connectToHostEncrypted(u"localhost"_s, m_server->serverPort());
    QTRY_VERIFY(slow.isEncrypted());
    slow.write("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sori.v1\r\n\r\n");
    slow.write(sori::test::maskedTextFrame(R"({"type":"hello","protocol":1,"name":"slow"})"));
    slow.write(sori::test::maskedTextFrame(R"({"type":"join","room":"lobby"})"));
    QTRY_VERIFY(ana->hasPresence(u"slow"_s, PresenceChange::Joined));
    slow.setReadBufferSize(1); // Qt stops taking bytes from the kernel

    // Big messages until the slow reader's queue overflows; the readers that read keep up,
    // round by round.
    const int sent = sori::test::floodUntilLeft(*bo, *ana, u"slow"_s);
    QVERIFY2(sent > 0, "the bystander was held back");
    QTRY_VERIFY(ana->hasPresence(u"slow"_s, PresenceChange::Left, LeaveReason::Dropped));
    QVERIFY2(sent < 8000, "the slow reader was never dropped");
    QTRY_COMPARE_WITH_TIMEOUT(bo->acks.size(), sent, 20'000);
    QTRY_COMPARE_WITH_TIMEOUT(ana->messages.size(), sent, 20'000);
    QCOMPARE(sori::test::seqsOf(ana->messages), sori::test::range(1, sent));
    QTRY_COMPARE(m_server->hub()->onlineCount(), 2);
}

void tst_Tls::unfinishedHandshakeIsDroppedAtTheDeadline()
{
    startTlsServer([](ServerConfig &config) { config.handshakeTimeoutMs = 500; });
    // TCP, and the first bytes of a ClientHello record: never more.
    QTcpSocket stalled;
    stalled.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(stalled.waitForConnected(5000));
    QElapsedTimer clock;
    clock.start();
    stalled.write(QByteArray("\x16\x03\x01\x02\x00\x01", 6));
    QTRY_COMPARE(m_server->connectionLimits().pending(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(stalled.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY2(clock.elapsed() >= 400, qPrintable(QString::number(clock.elapsed())));
    QTRY_COMPARE(m_server->connectionLimits().pending(), 0);
    // One that finishes in time is not affected.
    QVERIFY(sori::test::guest(wssUrl(m_server->serverPort()), u"quick"_s));
}

void tst_Tls::selfSignedIsMadeOnceAndKept()
{
    // As the operator runs it: sori-server --tls-self-signed, twice on the same data.
    const QString dataDir = m_dataDir->path();
    const QString certificateFile = QDir(dataDir).filePath(u"tls-self-signed.pem"_s);
    const QString keyFile = QDir(dataDir).filePath(u"tls-self-signed.key"_s);
    QVERIFY(!QFile::exists(certificateFile));
    QString fingerprints[2];
    for (QString &fingerprint : fingerprints) {
        QProcess process;
        QByteArray output;
        const quint16 port = sori::test::startServerProcess(
            process,
            {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s,
             dataDir, u"--tls-self-signed"_s},
            &output);
        QVERIFY(port != 0);
        QVERIFY(QTest::qWaitFor(
            [&] {
                output += process.readAllStandardOutput();
                return output.contains("Press Ctrl+C");
            },
            5000));
        const qsizetype at = output.indexOf("Fingerprint:  SHA-256 ");
        QVERIFY2(at >= 0, output.constData());
        fingerprint = QString::fromLatin1(output.mid(at + 22, 95));
        // What it says is the certificate it serves, and the one it keeps.
        const QSslCertificate kept = certificateIn(certificateFile);
        QCOMPARE(fingerprint,
                 QString::fromLatin1(kept.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));
        const SClient client = sClient(port, {}, certificateFile);
        QVERIFY2(client.connected, client.output.constData());
        QCOMPARE(client.served, kept);
        ::kill(pid_t(process.processId()), SIGTERM);
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    }
    QCOMPARE(fingerprints[1], fingerprints[0]);

    // The key is the owner's alone; the certificate names this machine.
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(keyFile).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    const QSslCertificate certificate = certificateIn(certificateFile);
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
    QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addYears(1));

    // In process too: a client that trusts this certificate speaks to the server over wss.
    startServer([](ServerConfig &config) { config.tlsSelfSigned = true; });
    QCOMPARE(m_server->tlsInfo().fingerprint, fingerprints[0]);
    QVERIFY(m_server->tlsInfo().selfSigned);
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.addCaCertificate(certificate);
    RawClient client;
    client.socket.setSslConfiguration(trusting);
    QVERIFY(client.open(wssUrl(m_server->serverPort())));
}

void tst_Tls::sighupReloadsTheCertificate()
{
    QTemporaryDir files;
    const QString certificateFile = files.filePath(u"cert.pem"_s);
    const QString keyFile = files.filePath(u"key.pem"_s);
    QVERIFY(replaceFile(tlsFile(u"server.pem"_s), certificateFile));
    QVERIFY(replaceFile(tlsFile(u"server.key"_s), keyFile));
    QProcess process;
    const quint16 port = sori::test::startServerProcess(
        process,
        {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s,
         m_dataDir->path(), u"--tls-cert"_s, certificateFile, u"--tls-key"_s, keyFile});
    QVERIFY(port != 0);
    QByteArray output;
    const auto waitForOutput = [&](const QByteArray &line) {
        return QTest::qWaitFor(
            [&] {
                output += process.readAllStandardOutput();
                return output.contains(line);
            },
            10000);
    };

    RecordingClient mina; // a guest: "mina" the account signs in with a password
    QVERIFY(mina.greet(wssUrl(port), u"mina-guest"_s));
    QVERIFY(mina.joinRoom(u"lobby"_s));
    QCOMPARE(sClient(port).served, certificateIn(tlsFile(u"server.pem"_s)));

    // New files, then SIGHUP: a new connection gets the new certificate.
    QVERIFY(replaceFile(tlsFile(u"server2.pem"_s), certificateFile));
    QVERIFY(replaceFile(tlsFile(u"server2.key"_s), keyFile));
    ::kill(pid_t(process.processId()), SIGHUP);
    QVERIFY2(waitForOutput("Reloaded the TLS certificate."), output.constData());
    const SClient after = sClient(port);
    QVERIFY2(after.connected, after.output.constData());
    QCOMPARE(after.served, certificateIn(tlsFile(u"server2.pem"_s)));
    // The connection that was open goes on as it was.
    mina.client.sendMessage(u"lobby"_s, u"still here"_s);
    QTRY_COMPARE(mina.acks.size(), 1);
    QCOMPARE(mina.disconnects, 0);
    RecordingClient newcomer;
    QVERIFY(newcomer.greet(wssUrl(port), u"newcomer"_s));

    // A broken certificate: the one in use stays, and the log says why.
    QFile broken(certificateFile);
    QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("not a certificate\n");
    broken.close();
    ::kill(pid_t(process.processId()), SIGHUP);
    QVERIFY2(waitForOutput("cannot be used"), output.constData());
    QCOMPARE(sClient(port).served, certificateIn(tlsFile(u"server2.pem"_s)));

    sori::test::expectCleanStopOnSignal(process, SIGTERM, mina);
    const QByteArray log = process.readAllStandardError();
    QVERIFY2(log.contains("sori.server.tls: kept the certificate in use"), log.constData());
}

void tst_Tls::anUnusableCertificateStopsTheStart()
{
    // A key that is not the certificate's: the server does not start (status 1) and says why.
    QProcess process;
    process.start(sori::test::serverProgram(),
                  {u"--headless"_s, u"--bind"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                   u"--data-dir"_s, m_dataDir->path(), u"--tls-cert"_s, tlsFile(u"server.pem"_s),
                   u"--tls-key"_s, tlsFile(u"server2.key"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains("cannot use the TLS certificate: the key"), errors.constData());
    QVERIFY2(errors.contains("does not belong to the certificate"), errors.constData());
    QVERIFY(!process.readAllStandardOutput().contains("listening on port"));
}

QTEST_MAIN(tst_Tls)
#include "tst_tls.moc"
