// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/chat/session.h"
#include "core/net/httprequest.h"
#include "core/net/httpresponse.h"
#include "core/net/outbuffer.h"
#include "core/net/websocketframe.h"

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>

#include <memory>
#include <optional>
#include <sys/types.h>

namespace sori::server {

struct AuthResult;
struct ConnectionStats;
struct StoredFile;
class DownloadSource;
class TlsStream;
class UploadSink;
class Worker;
struct ServerConfig;

// One TCP connection on a worker thread. It starts as HTTP: a request for a page is answered
// from the compiled-in web client; a WebSocket upgrade (at / or /ws) is checked (origin,
// version, subprotocol) and turned into a Session. Afterwards it frames and unframes WebSocket
// messages, answers pings, and closes with a code and a reason.
//
// The connection owns a raw non-blocking descriptor, watched by its worker's epoll set: no
// QTcpSocket, no notifiers or buffers of its own while idle. What it reads goes through the
// worker's one read buffer; what it writes is queued and leaves in one send() per connection
// per pass of the worker (Worker::flushDirty).
//
// With TLS on (ServerContext::tls), a TlsStream sits between the descriptor and all of that: the
// connection reads and writes plain bytes through receive() and transmit(), and the budgets
// count those plain bytes as they do without TLS. A connection from the redirect port (Kind::
// Redirect) speaks plain HTTP and answers every request with a redirect to HTTPS.
class Connection : public QObject, public SessionSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    enum class State { Http, WebSocket, Closing, Closed };
    enum class Kind { Chat, Redirect };

    // Takes over descriptor (connected, non-blocking); peer is the address it comes from, source
    // the key it is counted under in the worker's connection limits. The services come from
    // the worker's context (core/servercontext.h).
    Connection(quint64 id, int descriptor, QString peer, QString source, Worker *worker,
               Kind kind = Kind::Chat);
    ~Connection() override;

    quint64 id() const { return m_id; }
    State state() const { return m_state; }
    Session *session() const { return m_session.get(); }

    // A frame built elsewhere (the hub's fan-out): written as it is.
    void sendFrame(const QByteArray &frame);
    // SessionSink: one text message from this connection's own session.
    void sendText(const QByteArray &utf8) override;
    void closeSession(protocol::CloseCode code, const QString &reason,
                      protocol::LeaveReason leaveReason) override;
    void holdReading(bool hold) override;
    // Starts the close handshake (WebSocket) or just closes (HTTP).
    void close(protocol::CloseCode code, const QString &reason, protocol::LeaveReason leaveReason);
    // Called now and then by the worker: pings a silent peer, drops a dead one.
    void checkHealth();
    // For the server window (core/monitor.h): when it came, its queue, its last round trip.
    ConnectionStats stats() const;

    // Called by the worker: the descriptor is readable (or hung up), writable again, a
    // deadline set with setDeadline() has passed, or it is time to write what was queued.
    void onReadable();
    void onWritable();
    void onDeadline();
    void flushOut();
    // Frees the write buffer if nothing was written since the last call (the worker calls it
    // now and then): idle connections hold no buffer. Returns the bytes freed.
    qsizetype releaseIdleBuffer();

Q_SIGNALS:
    void finished(quint64 id); // the socket is gone; the worker deletes the connection

private:
    // Queues bytes for the end of the worker's pass. Everything the connection writes counts
    // against its outgoing budget (limits/max-outgoing-bytes): a write that would take a
    // non-empty queue past it is refused, and false returned. (One write always fits, so
    // that a budget smaller than a page of the web client still serves it.) The one close
    // frame of a connection is let past the budget (unbudgeted), so that a slow reader still
    // learns why it was dropped.
    enum class Budget { Counted, CloseFrame };
    bool queue(QByteArrayView bytes, Budget budget = Budget::Counted);
    qint64 queuedBytes() const { return m_out.size(); }
    // Writes what is queued, then shuts the sending side and waits for the peer's end.
    void disconnectFromHost();
    // Closes the descriptor at once and ends the connection.
    void abortSocket();
    // Gives back its place in the worker's connection limits (once).
    void releaseLimits();
    void setDeadline(int ms);
    void clearDeadline();
    void onDisconnected();
    void readHttp();
    // Stops reading while HTTP responses wait for the peer (it pipelines requests and does
    // not read: nothing more is parsed or answered until it does), or resumes.
    void pauseReading(bool paused);
    void updateWatch();
    // After the queue emptied: the HTTP requests that waited for it.
    void onQueueEmptied();
    void readWebSocket();
    void handleUpgrade(const HttpRequest &request);
    bool originAllowed(const HttpRequest &request) const;
    void respond(int status, const QByteArray &message, bool keepAlive = false);
    // Control frames and HTTP responses: a peer that lets them pile up past the budget is
    // not reading, and is dropped without more ado (no close frame could reach it).
    void writeRaw(const QByteArray &bytes);
    // recv() and send() on the descriptor, through TLS when it is on (same results and errno).
    ssize_t receive(char *data, size_t size);
    ssize_t transmit(const char *data, size_t size);
    // An HTTP response's bytes, with Strict-Transport-Security when served over TLS.
    QByteArray serialized(HttpResponse response, bool headOnly, bool keepAlive) const;
    // The redirect port's answer to any request: 308 to the same path over HTTPS.
    void redirectToHttps(const HttpRequest &request);

    // Files over HTTP (connectionfiles.cpp; docs/protocol.md, "Files over HTTP"). The token is
    // checked on the auth thread and the file's row read on the file thread; meanwhile reading
    // is paused (m_fileWait), and the answers come back here through the worker. A connection
    // that served a file request ends after its answer.
    void handleFileRequest(const HttpRequest &request);
    void startUpload(const HttpRequest &request);
    void onUploadAuthorized(const AuthResult &result, const QString &room, const QString &name,
                            qint64 length);
    void feedUpload(QByteArrayView bytes);
    void onUploadCommitted(const std::optional<StoredFile> &file);
    void onDownloadAuthorized(const AuthResult &result, const QString &fileId, bool thumbnail,
                              bool headOnly);
    void onFileFound(const StoredFile &file, qint64 account, bool thumbnail, bool headOnly);
    // Queues the next chunk of the download once the queue has drained.
    void pumpDownload();
    // An error answer to a file request; the connection ends after it.
    void respondFile(int status, const QByteArray &message,
                     QList<std::pair<QByteArray, QByteArray>> headers = {});

    const quint64 m_id;
    int m_fd;
    const QString m_peer;
    const QString m_source;
    bool m_handshakePending = true; // counted as a pending handshake in the limits
    bool m_limitsReleased = false; // releaseLimits() was called
    Worker *m_worker;
    const ServerConfig &m_config;
    State m_state = State::Http;
    QByteArray m_httpBuffer;
    OutBuffer m_out; // queued for the peer
    bool m_wroteSinceSweep = false;
    bool m_dirty = false; // on the worker's list of connections with something to write
    bool m_wantWrite = false; // the kernel's buffer was full: waiting for EPOLLOUT
    bool m_closeWhenFlushed = false; // disconnectFromHost() was called
    bool m_writeShut = false; // shutdown(SHUT_WR) done: waiting for the peer's end
    bool m_peerEnded = false; // the peer shut its side with answers still queued: no more reads
    bool m_readPaused = false; // HTTP responses wait for the peer to read: no more reads
    // The payload of the latest ping not answered yet: one pong answers it at the next write
    // (RFC 6455 5.5.3 allows answering only the latest). While the peer does not read, writes
    // wait for the kernel's room, so pings cannot pile up pongs.
    QByteArray m_pongPayload;
    bool m_pongPending = false;
    qint64 m_deadline = 0; // handshake timeout while HTTP, close timeout while closing
    QElapsedTimer m_lastHeard; // since the peer last sent anything
    bool m_pinged = false; // a ping is out since then
    const qint64 m_connectedAt = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer m_rttProbe; // since the last round-trip ping (payload "rtt") went out
    int m_rttMs = -1; // its answer's delay; -1: none yet
    std::unique_ptr<websocket::FrameParser> m_parser;
    std::unique_ptr<Session> m_session;
    const Kind m_kind;
    std::unique_ptr<TlsStream> m_tls; // null: plain TCP
    bool m_tlsReadWantsWrite = false; // TLS must send before it can read on: watch EPOLLOUT
    bool m_fileWait = false; // a file request is being served: no more requests are read
    // The session waits for the file thread (attachments): no more frames are read or handed
    // to it until it lets go.
    bool m_sessionHold = false;
    std::unique_ptr<UploadSink> m_upload; // the body of an upload, as it arrives
    std::unique_ptr<DownloadSource> m_download; // a file on its way out
};

} // namespace sori::server
