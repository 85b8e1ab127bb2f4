// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/connection.h"

#include "core/httpresponse.h"
#include "core/logging.h"
#include "core/monitor.h"
#include "core/serverconfig.h"
#include "core/worker.h"

#include <QtCore/QUrl>
#include <QtNetwork/QTcpSocket>

using namespace Qt::StringLiterals;

namespace sori::server {

using websocket::FrameParser;

namespace {
// host[:port] in lower case, without the scheme's default port.
QString authority(const QString &host, int port, int defaultPort)
{
    QString result = host.toLower();
    if (port > 0 && port != defaultPort)
        result += u':' + QString::number(port);
    return result;
}

QString hostHeaderAuthority(const QByteArray &hostHeader, int defaultPort)
{
    const QUrl url(u"http://"_s + QString::fromLatin1(hostHeader));
    if (!url.isValid() || url.host().isEmpty())
        return {};
    return authority(url.host(), url.port(), defaultPort);
}
} // namespace

Connection::Connection(quint64 id, QTcpSocket *socket, Worker *worker, Hub *hub, AuthService *auth,
                       const ServerConfig &config)
    : m_id(id), m_socket(socket), m_worker(worker), m_hub(hub), m_auth(auth), m_config(config)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_state == State::Http) {
            qCDebug(lcHttp) << "connection" << m_id << "sent no complete request in time";
            if (m_httpBuffer.isEmpty())
                m_socket->abort();
            else
                respond(408, "The request did not arrive in time.");
        } else {
            qCDebug(lcNet) << "connection" << m_id << "did not answer the close; dropping it";
            m_socket->abort();
        }
    });
    m_timer.start(m_config.handshakeTimeoutMs);
}

Connection::~Connection()
{
    if (m_session)
        m_session->end(protocol::LeaveReason::NetworkLost);
}

void Connection::writeRaw(const QByteArray &bytes)
{
    m_socket->write(bytes);
}

void Connection::sendFrame(const QByteArray &frame)
{
    if (m_state != State::WebSocket)
        return;
    // What the kernel has not taken yet counts; a burst written in one pass is handed over first.
    if (m_socket->bytesToWrite() + frame.size() > m_config.maxOutgoingBytes)
        m_socket->flush();
    if (m_socket->bytesToWrite() + frame.size() > m_config.maxOutgoingBytes) {
        qCInfo(lcNet) << "connection" << m_id << "reads too slowly:" << m_socket->bytesToWrite()
                      << "bytes waiting; dropping it";
        close(websocket::ClosePolicyViolation,
              u"too slow: more than %1 bytes waiting to be sent"_s.arg(m_config.maxOutgoingBytes),
              protocol::LeaveReason::Dropped);
        return;
    }
    writeRaw(frame);
}

void Connection::sendText(const QByteArray &utf8)
{
    if (m_state != State::WebSocket)
        return;
    m_worker->flushMailbox();
    sendFrame(websocket::buildTextFrame(utf8));
}

void Connection::closeSession(quint16 code, const QString &reason)
{
    m_worker->flushMailbox();
    close(code, reason, protocol::LeaveReason::Closed);
}

void Connection::close(quint16 code, const QString &reason, protocol::LeaveReason leaveReason)
{
    switch (m_state) {
    case State::Http:
        m_state = State::Closing;
        m_socket->disconnectFromHost();
        return;
    case State::WebSocket:
        qCInfo(lcNet) << "closing connection" << m_id << "with" << code << reason;
        m_state = State::Closing;
        if (m_session)
            m_session->end(leaveReason);
        writeRaw(websocket::buildCloseFrame(code, reason));
        m_timer.start(m_config.closeTimeoutMs);
        return;
    case State::Closing:
    case State::Closed:
        return;
    }
}

void Connection::onReadyRead()
{
    if (m_state == State::Http)
        readHttp();
    else if (m_state == State::WebSocket || m_state == State::Closing)
        readWebSocket();
    else
        m_socket->readAll(); // closed: discard
}

void Connection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    if (m_session)
        m_session->end(m_state == State::WebSocket ? protocol::LeaveReason::NetworkLost
                                                   : protocol::LeaveReason::Closed);
    m_state = State::Closed;
    m_timer.stop();
    Q_EMIT finished(m_id);
}

void Connection::respond(int status, const QByteArray &message, bool keepAlive)
{
    writeRaw(HttpResponse::error(status, message).serialize(false, keepAlive));
    if (!keepAlive)
        close(0, {}, protocol::LeaveReason::Closed);
}

void Connection::readHttp()
{
    m_httpBuffer += m_socket->readAll();
    while (m_state == State::Http && !m_httpBuffer.isEmpty()) {
        HttpRequest request;
        qsizetype headSize = 0;
        switch (
            HttpRequest::parse(m_httpBuffer, m_config.maxRequestHeadBytes, &request, &headSize)) {
        case HttpRequest::ParseStatus::Incomplete:
            return;
        case HttpRequest::ParseStatus::TooLarge:
            respond(431, "The request head is too large.");
            return;
        case HttpRequest::ParseStatus::Invalid:
            respond(400, "That is not an HTTP/1.1 request.");
            return;
        case HttpRequest::ParseStatus::Complete:
            break;
        }
        m_httpBuffer.remove(0, headSize);

        if (request.isWebSocketUpgrade()) {
            handleUpgrade(request);
            return;
        }
        const bool hasBody = !request.header("transfer-encoding").isEmpty()
            || request.header("content-length").toLongLong() > 0;
        if (hasBody) {
            HttpResponse response =
                HttpResponse::error(405, "Requests with a body are not served.");
            response.headers.append(std::pair<QByteArray, QByteArray>("Allow", "GET, HEAD"));
            writeRaw(response.serialize(false, false));
            close(0, {}, protocol::LeaveReason::Closed);
            return;
        }
        const HttpResponse response = HttpResponse::forStaticFile(request);
        const bool keepAlive = request.keepAlive();
        qCDebug(lcHttp) << request.method << request.target << "->" << response.status;
        writeRaw(response.serialize(request.method == "HEAD", keepAlive));
        if (!keepAlive) {
            close(0, {}, protocol::LeaveReason::Closed);
            return;
        }
        m_timer.start(m_config.handshakeTimeoutMs); // idle time for the next request
    }
}

bool Connection::originAllowed(const HttpRequest &request) const
{
    const QByteArray origin = request.header("origin");
    if (origin.isNull())
        return true; // not a browser: browsers always send Origin with an upgrade
    const QString originText = QString::fromLatin1(origin);
    for (const QString &allowed : m_config.allowedOrigins) {
        if (allowed == u"*" || allowed.compare(originText, Qt::CaseInsensitive) == 0)
            return true;
    }
    // The server's own pages: the origin names the host the request was sent to.
    const QUrl url(originText);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return false;
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    const QString own = hostHeaderAuthority(request.header("host"), defaultPort);
    return !own.isEmpty() && authority(url.host(), url.port(), defaultPort) == own;
}

void Connection::handleUpgrade(const HttpRequest &request)
{
    if (request.path != "/" && request.path != "/ws") {
        respond(404, "WebSocket connections are accepted at / and /ws.");
        return;
    }
    if (request.method != "GET") {
        respond(400, "A WebSocket upgrade is a GET request.");
        return;
    }
    if (request.header("sec-websocket-version").trimmed() != "13") {
        HttpResponse response = HttpResponse::error(426, "Only WebSocket version 13 is spoken.");
        response.headers.append(std::pair<QByteArray, QByteArray>("Sec-WebSocket-Version", "13"));
        writeRaw(response.serialize(false, false));
        close(0, {}, protocol::LeaveReason::Closed);
        return;
    }
    const QByteArray key = request.header("sec-websocket-key").trimmed();
    const auto decodedKey =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedKey || decodedKey.decoded.size() != 16) {
        respond(400, "Sec-WebSocket-Key is missing or malformed.");
        return;
    }
    if (!originAllowed(request)) {
        qCInfo(lcNet) << "refused an upgrade from origin" << request.header("origin");
        respond(403, "This origin may not open a connection here.");
        return;
    }
    bool askedForProtocols = false;
    bool speaksV1 = false;
    for (const auto &[name, value] : request.headers) {
        if (name != "sec-websocket-protocol")
            continue;
        for (const QByteArray &token : value.split(',')) {
            askedForProtocols = askedForProtocols || !token.trimmed().isEmpty();
            speaksV1 = speaksV1 || token.trimmed() == protocol::Subprotocol;
        }
    }
    if (askedForProtocols && !speaksV1) {
        respond(400,
                "Unsupported subprotocol; this server speaks sori.v1 (or none, for plain "
                "text).");
        return;
    }

    QByteArray response = "HTTP/1.1 101 Switching Protocols\r\n"
                          "Upgrade: websocket\r\n"
                          "Connection: Upgrade\r\n"
                          "Sec-WebSocket-Accept: "
        + websocket::acceptKey(key) + "\r\n";
    if (speaksV1)
        response += "Sec-WebSocket-Protocol: " + QByteArray(protocol::Subprotocol) + "\r\n";
    response += "\r\n";
    writeRaw(response);

    m_timer.stop();
    m_state = State::WebSocket;
    m_lastHeard.start();
    m_parser = std::make_unique<FrameParser>(m_config.maxFrameBytes);
    m_session = std::make_unique<Session>(
        m_id, speaksV1 ? Session::Mode::Protocol : Session::Mode::Plain, m_hub, m_worker, m_auth,
        m_config, this, m_socket->peerAddress().toString());
    qCInfo(lcNet) << "connection" << m_id << "from" << m_socket->peerAddress().toString()
                  << "upgraded at" << request.path << (speaksV1 ? "(sori.v1)" : "(plain)");
    m_session->start();
    if (!m_httpBuffer.isEmpty()) {
        m_parser->append(m_httpBuffer);
        m_httpBuffer.clear();
        readWebSocket();
    }
}

void Connection::checkHealth()
{
    if (m_state != State::WebSocket)
        return;
    const qint64 silent = m_lastHeard.elapsed();
    if (silent >= qint64(m_config.pingIntervalMs) + m_config.deadPeerTimeoutMs) {
        // A worker busy for a long while may not have read what came meanwhile (the pong, say):
        // look before calling the peer dead.
        if (m_socket->waitForReadyRead(0) && m_lastHeard.elapsed() < silent)
            return;
        qCInfo(lcNet) << "connection" << m_id << "did not answer for" << silent
                      << "ms; dropping it";
        if (m_session)
            m_session->end(protocol::LeaveReason::TimedOut);
        m_socket->abort(); // nobody is there to read a close frame
    } else if (silent >= m_config.pingIntervalMs && !m_pinged) {
        m_pinged = true;
        writeRaw(websocket::buildFrame(websocket::Opcode::Ping, {}));
    } else if (!m_pinged
               && (!m_rttProbe.isValid() || m_rttProbe.hasExpired(m_config.pingIntervalMs))) {
        // A lively peer is pinged too, now and then, for the round trip the server window shows.
        m_rttProbe.start();
        writeRaw(websocket::buildFrame(websocket::Opcode::Ping, "rtt"));
    }
}

void Connection::readWebSocket()
{
    m_lastHeard.start();
    m_pinged = false;
    m_parser->append(m_socket->readAll());
    while (m_state == State::WebSocket || m_state == State::Closing) {
        std::optional<FrameParser::Event> event = m_parser->next();
        if (!event)
            return;
        using Kind = FrameParser::Event::Kind;
        switch (event->kind) {
        case Kind::Text:
            if (m_state == State::WebSocket)
                m_session->onText(event->payload);
            break;
        case Kind::Binary:
            if (m_state == State::WebSocket)
                m_session->onBinary();
            break;
        case Kind::Ping:
            if (m_state == State::WebSocket)
                writeRaw(websocket::buildFrame(websocket::Opcode::Pong, event->payload));
            break;
        case Kind::Pong:
            if (event->payload == "rtt" && m_rttProbe.isValid())
                m_rttMs = int(m_rttProbe.elapsed());
            break;
        case Kind::Close:
            if (m_state == State::WebSocket) {
                // The peer closes: answer with its code, then end the TCP connection.
                m_state = State::Closing;
                m_session->end(protocol::LeaveReason::Closed);
                const quint16 code = event->code == websocket::CloseNoStatus
                    ? quint16(websocket::CloseNormal)
                    : event->code;
                writeRaw(websocket::buildCloseFrame(code, {}));
            }
            m_timer.start(m_config.closeTimeoutMs);
            m_socket->disconnectFromHost();
            return;
        case Kind::Error:
            qCInfo(lcNet) << "connection" << m_id << "broke the protocol:" << event->reason;
            // Our close frame goes out; the peer answers it (or the close timeout drops it).
            close(event->code, event->reason, protocol::LeaveReason::Dropped);
            break;
        }
    }
}

ConnectionStats Connection::stats() const
{
    return ConnectionStats{m_id, m_connectedAt, m_socket->bytesToWrite(), m_rttMs};
}

} // namespace sori::server
