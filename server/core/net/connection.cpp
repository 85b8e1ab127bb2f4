// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/connection.h"

#include "core/logging.h"
#include "core/monitorviews.h"
#include "core/net/connectionlimits.h"
#include "core/net/filetransfer.h"
#include "core/net/httpresponse.h"
#include "core/net/originpolicy.h"
#include "core/net/tlscontext.h"
#include "core/net/tlsstream.h"
#include "core/net/worker.h"
#include "core/serverconfig.h"

#include <QtCore/QUrl>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sori::server {

using websocket::FrameParser;

namespace {
quint16 localPort(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
}
} // namespace

Connection::Connection(quint64 id, int descriptor, QString peer, QString source, Worker *worker,
                       Kind kind)
    : m_id(id)
    , m_fd(descriptor)
    , m_peer(std::move(peer))
    , m_source(std::move(source))
    , m_worker(worker)
    , m_config(*worker->context().config)
    , m_kind(kind)
{
    // The TLS handshake counts as part of the HTTP request: the same deadline covers both.
    setDeadline(m_config.handshakeTimeoutMs);
    const TlsContext *tls = worker->context().tls;
    if (tls && m_kind == Kind::Chat) {
        if (SSL *ssl = tls->newSession())
            m_tls = std::make_unique<TlsStream>(ssl, m_fd);
    }
}

Connection::~Connection()
{
    clearDeadline();
    if (m_fd >= 0) {
        m_worker->unwatch(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_session)
        m_session->end(protocol::LeaveReason::NetworkLost);
    releaseLimits();
}

void Connection::releaseLimits()
{
    if (m_limitsReleased)
        return;
    m_limitsReleased = true;
    if (ConnectionLimits *limits = m_worker->limits())
        limits->release(m_source, m_handshakePending);
}

void Connection::setDeadline(int ms)
{
    clearDeadline();
    m_deadline = m_worker->clockMs() + qMax(1, ms);
    m_worker->watchDeadline(m_id, m_deadline);
}

void Connection::clearDeadline()
{
    if (m_deadline == 0)
        return;
    m_worker->unwatchDeadline(m_id, m_deadline);
    m_deadline = 0;
}

void Connection::onDeadline()
{
    if (m_deadline == 0 || m_fd < 0)
        return;
    if (m_worker->clockMs() < m_deadline)
        return; // set anew meanwhile: the worker watches the new one
    m_deadline = 0; // the worker has taken it off its list
    if (m_tls && !m_tls->handshakeDone()) {
        qCInfo(lcTls) << "connection" << m_id << "from" << m_peer
                      << "did not finish its TLS handshake in time; dropping it";
        abortSocket();
    } else if (m_upload && m_upload->remaining() > 0) {
        // The body stopped coming: the upload is dropped, and nothing of it kept.
        qCInfo(lcFiles) << "connection" << m_id << "from" << m_peer
                        << "stalled its upload; dropping it";
        m_upload.reset();
        respondFile(408, "The upload stalled; nothing was kept.");
    } else if (m_peerEnded || (m_state == State::Http && queuedBytes() > 0)) {
        qCDebug(lcNet) << "connection" << m_id << "did not read what was left; dropping it";
        abortSocket();
    } else if (m_state == State::Http) {
        qCDebug(lcHttp) << "connection" << m_id << "sent no complete request in time";
        if (m_httpBuffer.isEmpty())
            abortSocket();
        else
            respond(408, "The request did not arrive in time.");
    } else {
        qCDebug(lcNet) << "connection" << m_id << "did not answer the close; dropping it";
        abortSocket();
    }
}

bool Connection::queue(QByteArrayView bytes, Budget budget)
{
    if (m_fd < 0 || m_writeShut)
        return false;
    if (budget == Budget::Counted && !m_out.isEmpty()
        && queuedBytes() + bytes.size() > m_config.maxOutgoingBytes)
        return false;
    m_out.append(bytes.data(), bytes.size());
    // While the kernel's buffer is full, EPOLLOUT brings the connection back.
    if (!m_dirty && !m_wantWrite) {
        m_dirty = true;
        m_worker->markDirty(m_id);
    }
    return true;
}

void Connection::writeRaw(const QByteArray &bytes)
{
    if (queue(bytes) || m_fd < 0 || m_writeShut)
        return;
    qCInfo(lcNet) << "connection" << m_id << "from" << m_peer << "does not read:" << queuedBytes()
                  << "bytes waiting; dropping it";
    if (m_session)
        m_session->end(protocol::LeaveReason::Dropped);
    abortSocket();
}

void Connection::flushOut()
{
    m_dirty = false;
    if (m_fd < 0)
        return;
    if (m_pongPending) {
        m_pongPending = false;
        if (m_state == State::WebSocket) // nothing may follow our close frame
            writeRaw(websocket::buildFrame(websocket::Opcode::Pong, m_pongPayload));
        m_pongPayload.clear();
        if (m_fd < 0)
            return;
    }
    while (!m_out.isEmpty()) {
        const ssize_t sent = transmit(m_out.data(), size_t(m_out.size()));
        if (sent > 0) {
            m_out.consume(sent);
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (m_tls && m_tls->writeWantsRead()) {
                updateWatch(); // TLS reads a record first: the next readable event writes on
                return;
            }
            if (!m_wantWrite) {
                m_wantWrite = true;
                updateWatch();
            }
            return;
        }
        if (m_tls && errno == EPROTO)
            qCInfo(lcTls) << "connection" << m_id << "from" << m_peer
                          << "TLS error:" << m_tls->errorString();
        else
            qCDebug(lcNet) << "connection" << m_id << "cannot be written to:" << strerror(errno);
        abortSocket();
        return;
    }
    // The buffer is kept for the next pass (a busy connection would otherwise allocate and
    // grow it again every time); releaseIdleBuffer() frees it once the connection is quiet.
    m_wroteSinceSweep = true;
    if (m_peerEnded) {
        // Everything is with the kernel, which sends it before its end; the peer said its last.
        abortSocket();
        return;
    }
    if (m_wantWrite) {
        m_wantWrite = false;
        updateWatch();
    }
    if (m_download) {
        pumpDownload();
        return;
    }
    if (m_readPaused && !m_closeWhenFlushed) {
        onQueueEmptied();
        if (m_fd < 0 || !m_out.isEmpty())
            return; // the next answer is queued: the worker comes back to write it
    }
    if (m_closeWhenFlushed && !m_writeShut) {
        // Our side is said; the peer's end (or the timeout) closes the descriptor. Closing it
        // at once could reset the connection before the peer read our last bytes.
        m_writeShut = true;
        if (m_tls)
            m_tls->shutdown(); // close_notify: the peer knows nothing was cut off
        ::shutdown(m_fd, SHUT_WR);
        setDeadline(m_config.closeTimeoutMs);
    }
}

qsizetype Connection::releaseIdleBuffer()
{
    qsizetype released = 0;
    if (!m_wroteSinceSweep && m_out.isEmpty() && m_out.capacity() > 0) {
        released = m_out.capacity();
        m_out.release();
    }
    m_wroteSinceSweep = false;
    return released;
}

void Connection::onWritable()
{
    if (m_tlsReadWantsWrite) {
        m_tlsReadWantsWrite = false;
        updateWatch();
        onReadable();
        if (m_fd < 0)
            return;
    }
    flushOut();
}

ssize_t Connection::receive(char *data, size_t size)
{
    if (!m_tls)
        return ::recv(m_fd, data, size, 0);
    const bool wasHandshaking = !m_tls->handshakeDone();
    const ssize_t got = m_tls->read(data, size);
    if (got < 0 && errno == EPROTO) {
        // Logged here, not as a read error: a client that does not trust the certificate, or
        // speaks plain HTTP to the TLS port, ends here.
        qCInfo(lcTls) << "connection" << m_id << "from" << m_peer
                      << (wasHandshaking ? "failed the TLS handshake:" : "TLS error:")
                      << m_tls->errorString();
    } else if (got < 0 && errno == EAGAIN && m_tls->readWantsWrite() && !m_tlsReadWantsWrite) {
        m_tlsReadWantsWrite = true;
        updateWatch();
    }
    if (wasHandshaking && m_tls->handshakeDone())
        qCDebug(lcTls) << "connection" << m_id << "from" << m_peer << "speaks TLS";
    return got;
}

ssize_t Connection::transmit(const char *data, size_t size)
{
    if (!m_tls)
        return ::send(m_fd, data, size, MSG_NOSIGNAL);
    return m_tls->write(data, size);
}

void Connection::disconnectFromHost()
{
    if (m_fd < 0 || m_closeWhenFlushed)
        return;
    m_closeWhenFlushed = true;
    if (!m_dirty && !m_wantWrite) {
        m_dirty = true;
        m_worker->markDirty(m_id);
    }
}

void Connection::abortSocket()
{
    if (m_fd >= 0) {
        m_worker->unwatch(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    // Its place in the connection caps goes with its descriptor, not later with the object
    // (deleted on the next turn of the loop): a client coming right after a crowd has left is
    // not refused for descriptors that are free already.
    releaseLimits();
    m_out.release();
    m_tls.reset();
    // A partial upload goes now, temporary file and budget place with it.
    m_upload.reset();
    m_download.reset();
    onDisconnected();
}

void Connection::updateWatch()
{
    if (m_fd >= 0)
        m_worker->watch(m_fd, m_id, m_wantWrite || m_tlsReadWantsWrite,
                        !m_peerEnded && (!m_readPaused || (m_tls && m_tls->writeWantsRead())));
}

void Connection::pauseReading(bool paused)
{
    if (m_readPaused == paused)
        return;
    m_readPaused = paused;
    updateWatch();
}

void Connection::holdReading(bool hold)
{
    if (m_sessionHold == hold || m_fd < 0)
        return;
    m_sessionHold = hold;
    pauseReading(hold);
    if (hold || m_state != State::WebSocket)
        return;
    // The frames that came with the held one first, then whatever waits in the socket.
    readWebSocket();
    if (m_fd >= 0 && !m_sessionHold && !m_readPaused)
        onReadable();
}

void Connection::onQueueEmptied()
{
    if (m_fileWait || m_sessionHold)
        return; // a file request is still being served: its answer comes first

    // The peer read the answers: the requests it sent meanwhile are served, and it is read again.
    pauseReading(false);
    readHttp();
}

void Connection::onReadable()
{
    if (m_tls && m_tls->writeWantsRead() && !m_out.isEmpty()) {
        // A write waited for TLS to read a record: it goes on now.
        flushOut();
        if (m_fd < 0)
            return;
    }
    if (m_peerEnded || m_readPaused) {
        // Reading is off: only a hang-up or an error brings it here now. Nobody reads any more.
        if (!(m_tls && m_tls->writeWantsRead() && !m_out.isEmpty()))
            abortSocket();
        return;
    }
    // A few reads at most, then the others' turn: the descriptor stays readable.
    for (int round = 0; round < 4 && m_fd >= 0; ++round) {
        QByteArray &buffer = m_worker->readBuffer();
        const ssize_t got = receive(buffer.data(), size_t(buffer.size()));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            if (errno != EPROTO) // TLS errors are logged by receive()
                qCDebug(lcNet) << "connection" << m_id << "read error:" << strerror(errno);
            abortSocket();
            return;
        }
        if (got == 0) { // the peer's end
            if (queuedBytes() > 0 && (m_state == State::Http || m_closeWhenFlushed)) {
                // A half-close: the peer may still read the answers to what it sent. They go
                // out first; reading stops (the end would be reported again and again).
                m_peerEnded = true;
                updateWatch();
                setDeadline(m_config.closeTimeoutMs);
                return;
            }
            abortSocket();
            return;
        }
        const QByteArrayView data(buffer.constData(), got);
        if (m_state == State::Http && m_upload) {
            feedUpload(data);
            if (m_readPaused || m_fd < 0)
                return;
        } else if (m_state == State::Http) {
            m_httpBuffer.append(data);
            readHttp();
            if (m_readPaused)
                return;
        } else if ((m_state == State::WebSocket || m_state == State::Closing) && m_parser) {
            m_parser->append(data);
            readWebSocket();
            if (m_readPaused)
                return; // held by the session: the rest stays in the socket
        } // else: closing an HTTP connection, or closed: discarded
        if (got < buffer.size())
            return;
    }
}

void Connection::sendFrame(const QByteArray &frame)
{
    if (m_state != State::WebSocket)
        return;
    // What the kernel has not taken yet counts; a burst written in one pass is handed over first.
    if (queuedBytes() + frame.size() > m_config.maxOutgoingBytes)
        flushOut();
    if (m_fd < 0)
        return;
    if (queuedBytes() + frame.size() > m_config.maxOutgoingBytes) {
        qCInfo(lcNet) << "connection" << m_id << "reads too slowly:" << queuedBytes()
                      << "bytes waiting; dropping it";
        close(protocol::CloseCode::PolicyViolation,
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

void Connection::closeSession(protocol::CloseCode code, const QString &reason,
                              protocol::LeaveReason leaveReason)
{
    m_worker->flushMailbox();
    close(code, reason, leaveReason);
}

void Connection::close(protocol::CloseCode code, const QString &reason,
                       protocol::LeaveReason leaveReason)
{
    switch (m_state) {
    case State::Http:
        m_state = State::Closing;
        disconnectFromHost();
        return;
    case State::WebSocket:
        qCInfo(lcNet) << "closing connection" << m_id << "with" << quint16(code) << reason;
        m_state = State::Closing;
        if (m_session)
            m_session->end(leaveReason);
        queue(websocket::buildCloseFrame(code, reason), Budget::CloseFrame);
        setDeadline(m_config.closeTimeoutMs);
        return;
    case State::Closing:
    case State::Closed:
        return;
    }
}

void Connection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    if (m_session)
        m_session->end(m_state == State::WebSocket ? protocol::LeaveReason::NetworkLost
                                                   : protocol::LeaveReason::Closed);
    m_state = State::Closed;
    clearDeadline();
    Q_EMIT finished(m_id);
}

void Connection::respond(int status, const QByteArray &message, bool keepAlive)
{
    writeRaw(serialized(HttpResponse::error(status, message), false, keepAlive));
    if (!keepAlive)
        close({}, {}, protocol::LeaveReason::Closed);
}

void Connection::readHttp()
{
    if (m_fileWait)
        return; // what follows a file request is its body, or is not read
    while (m_state == State::Http && !m_httpBuffer.isEmpty() && m_fd >= 0) {
        if (queuedBytes() > 0) {
            // One response at a time: the next request waits until the peer has taken this
            // one, so a client that pipelines requests and never reads holds one response.
            pauseReading(true);
            return;
        }
        HttpRequest request;
        qsizetype headSize = 0;
        QByteArray problem;
        switch (HttpRequest::parse(m_httpBuffer, m_config.maxRequestHeadBytes, &request, &headSize,
                                   &problem)) {
        case HttpRequest::ParseStatus::Incomplete:
            return;
        case HttpRequest::ParseStatus::TooLarge:
            respond(431, "The request head is too large.");
            return;
        case HttpRequest::ParseStatus::Invalid:
            // The framing of what follows is unknown: the connection ends after the answer.
            qCDebug(lcHttp) << "connection" << m_id << "sent a malformed request:" << problem;
            respond(400, problem);
            return;
        case HttpRequest::ParseStatus::Complete:
            break;
        }
        m_httpBuffer.remove(0, headSize);

        if (m_kind == Kind::Redirect) {
            redirectToHttps(request);
            return;
        }
        if (request.isWebSocketUpgrade()) {
            handleUpgrade(request);
            return;
        }
        if (request.hasTransferEncoding) {
            // RFC 9112 6.1: a transfer coding the server does not implement (it implements
            // none); where the body ends is unknown, so the connection ends too.
            respond(501, "Transfer-Encoding is not supported.");
            return;
        }
        if (request.path == "/files" || request.path.startsWith("/files/")) {
            handleFileRequest(request);
            return;
        }
        if (request.contentLength > 0) {
            HttpResponse response =
                HttpResponse::error(405, "Requests with a body are not served.");
            response.headers.append(std::pair<QByteArray, QByteArray>("Allow", "GET, HEAD"));
            writeRaw(serialized(std::move(response), false, false));
            close({}, {}, protocol::LeaveReason::Closed);
            return;
        }
        HttpResponse response = HttpResponse::forStaticFile(request);
        const bool keepAlive = request.keepAlive();
        qCDebug(lcHttp) << request.method << request.target << "->" << response.status;
        writeRaw(serialized(std::move(response), request.method == "HEAD", keepAlive));
        if (!keepAlive) {
            close({}, {}, protocol::LeaveReason::Closed);
            return;
        }
        setDeadline(m_config.handshakeTimeoutMs); // idle time for the next request
    }
}

QByteArray Connection::serialized(HttpResponse response, bool headOnly, bool keepAlive) const
{
    const TlsContext *tls = m_worker->context().tls;
    if (m_tls && tls && tls->hstsMaxAge > 0)
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Strict-Transport-Security", "max-age=" + QByteArray::number(tls->hstsMaxAge)));
    return response.serialize(headOnly, keepAlive);
}

void Connection::redirectToHttps(const HttpRequest &request)
{
    const TlsContext *tls = m_worker->context().tls;
    const QUrl hostUrl(u"http://"_s + QString::fromLatin1(request.header("host")));
    if (!tls || !hostUrl.isValid() || hostUrl.host().isEmpty() || !request.target.startsWith('/')) {
        respond(400, "A request here needs a Host header and a path.");
        return;
    }
    // The same host and path on the HTTPS port; the port is left out when it is the default.
    QUrl target;
    target.setScheme(u"https"_s);
    target.setHost(hostUrl.host());
    if (tls->httpsPort != 443)
        target.setPort(tls->httpsPort);
    const QByteArray location = target.toEncoded() + request.target;
    HttpResponse response = HttpResponse::error(308, "This server speaks HTTPS: " + location);
    response.headers.append(std::pair<QByteArray, QByteArray>("Location", location));
    qCDebug(lcHttp) << request.method << request.target << "-> 308" << location;
    writeRaw(response.serialize(request.method == "HEAD", false));
    close({}, {}, protocol::LeaveReason::Closed);
}

bool Connection::originAllowed(const HttpRequest &request) const
{
    const QByteArray origin = request.header("origin");
    if (origin.isNull())
        return true; // not a browser: browsers always send Origin with an upgrade
    // The server's own pages are those served where this connection came in: https ones over
    // TLS, http ones otherwise.
    LocalEndpoint endpoint;
    endpoint.tls = m_tls != nullptr;
    sockaddr_storage local{};
    socklen_t length = sizeof(local);
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local), &length) == 0) {
        endpoint.address.setAddress(reinterpret_cast<const sockaddr *>(&local));
        endpoint.port = localPort(local);
    }
    return sori::server::originAllowed(origin, m_config, endpoint);
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
    if (request.contentLength > 0 || request.hasTransferEncoding) {
        // Whatever follows the head is WebSocket frames: a body would be read as frames.
        respond(400, "A WebSocket upgrade has no body.");
        return;
    }
    if (request.header("sec-websocket-version").trimmed() != "13") {
        HttpResponse response = HttpResponse::error(426, "Only WebSocket version 13 is spoken.");
        response.headers.append(std::pair<QByteArray, QByteArray>("Sec-WebSocket-Version", "13"));
        writeRaw(response.serialize(false, false));
        close({}, {}, protocol::LeaveReason::Closed);
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

    clearDeadline();
    m_state = State::WebSocket;
    if (m_handshakePending) {
        m_handshakePending = false;
        if (ConnectionLimits *limits = m_worker->limits())
            limits->handshakeDone(m_source);
    }
    m_lastHeard.start();
    m_parser = std::make_unique<FrameParser>(m_config.maxFrameBytes);
    m_session =
        std::make_unique<Session>(m_id, speaksV1 ? Session::Mode::Protocol : Session::Mode::Plain,
                                  m_worker->context(), m_worker, this, m_peer);
    qCInfo(lcNet) << "connection" << m_id << "from" << m_peer << "upgraded at" << request.path
                  << (speaksV1 ? "(sori.v1)" : "(plain)");
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
        onReadable();
        if (m_fd < 0 || m_lastHeard.elapsed() < silent)
            return;
        qCInfo(lcNet) << "connection" << m_id << "did not answer for" << silent
                      << "ms; dropping it";
        if (m_session)
            m_session->end(protocol::LeaveReason::TimedOut);
        abortSocket(); // nobody is there to read a close frame
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
    while (m_state == State::WebSocket || m_state == State::Closing) {
        if (m_sessionHold && m_state == State::WebSocket)
            return; // the session goes on with the rest once it lets go (holdReading)
        std::optional<FrameParser::Event> event = m_parser->next();
        if (!event) {
            m_parser->releaseConsumed(); // an idle connection keeps no buffer
            return;
        }
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
            if (m_state == State::WebSocket) {
                m_pongPayload = event->payload;
                if (!m_pongPending) {
                    m_pongPending = true;
                    if (!m_dirty && !m_wantWrite) {
                        m_dirty = true;
                        m_worker->markDirty(m_id);
                    }
                }
            }
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
                const protocol::CloseCode code = event->code == protocol::CloseCode::NoStatus
                    ? protocol::CloseCode::Normal
                    : event->code;
                queue(websocket::buildCloseFrame(code, {}), Budget::CloseFrame);
            }
            setDeadline(m_config.closeTimeoutMs);
            disconnectFromHost();
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
    return ConnectionStats{m_id, m_connectedAt, queuedBytes(), m_rttMs};
}

} // namespace sori::server
