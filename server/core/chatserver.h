// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/serverconfig.h"

#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

#include <memory>

namespace sori::server {

class Hub;

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

Q_SIGNALS:
    void stopped();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sori::server
