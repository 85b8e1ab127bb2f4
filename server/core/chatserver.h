// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/net/tlscontext.h"
#include "core/serverconfig.h"

#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

#include <functional>
#include <memory>

namespace sori::server {

class ConnectionLimits;
class FileService;
class Hub;
class MessageCounter;
struct ConnectionStats;

// The server: one listening port for HTTP and WebSocket. The listening socket lives on the
// thread that owns the ChatServer; every accepted connection is handed, as a descriptor, to one
// of the worker threads, which does all of its I/O.
class ChatServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatServer)

public:
    explicit ChatServer(const ServerConfig &config, QObject *parent = nullptr);
    ~ChatServer() override;

    // Starts the workers and listens. False, with errorString() set, if the port cannot be had.
    bool start();
    // Stops listening and closes every connection with a close frame that gives the reason
    // (WebSocket code 1001); emits stopped() once all are gone or the close timeout passed.
    void stop(const QString &reason);

    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    int workerCount() const;
    QString errorString() const;
    const ServerConfig &config() const;
    Hub *hub() const;
    // Uploaded files and the attachments claimed for messages on their way
    // (core/chat/fileservice.h).
    FileService *files() const;
    // How many connections are open and pending, and how many were refused (thread-safe).
    const ConnectionLimits &connectionLimits() const;

    // For the server window (core/monitor.h), defined at the end of chatserver.cpp.
    // Thread-safe: chat messages stored per session, and frames written by every worker.
    MessageCounter &messageCounter() const;
    qint64 deliveriesOut() const;
    QString databasePath() const;
    // History reads (pages, catch-up) queued or under way: bounded by storage/max-reads.
    int historyReadsWaiting() const;
    // Thread-safe: asks every worker for its open connections; done runs once, on the thread of
    // the worker that answers last.
    void collectConnectionStats(std::function<void(const QList<ConnectionStats> &)> done) const;
    // On the server's thread: stop taking new connections (the open ones stay), or listen again
    // (possibly elsewhere). listenOn returns false, with errorString() set, if it cannot.
    void stopListening();
    bool listenOn(const QHostAddress &address, quint16 port);

    // TLS: the certificate in use (enabled false when the port speaks plain TCP), and the
    // plain-HTTP redirect port (0: none). reloadTls rereads the certificate and key (SIGHUP):
    // new connections get the new one, open ones keep theirs; on failure the old one stays and
    // false is returned (with *error).
    TlsCertificateInfo tlsInfo() const;
    quint16 redirectPort() const;
    bool reloadTls(QString *error = nullptr);

Q_SIGNALS:
    void stopped();
    void tlsReloaded();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sori::server
