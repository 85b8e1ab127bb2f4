// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QTcpSocket>

#include <memory>

namespace sori::test {

// A TLS front for a plain in-process server, as a reverse proxy with a certificate is: it
// accepts TLS on its own port with the certificate it is given and passes the bytes both ways
// to the server's port. So sori-chat talks wss:// to a real Sori server before the server has
// TLS of its own, and a test can change the certificate between connections.
class TlsRelay : public QObject
{
public:
    explicit TlsRelay(quint16 targetPort, QObject *parent = nullptr);
    ~TlsRelay() override;

    // Listens on 127.0.0.1 (any free port); false if it cannot.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // The certificate and key (PEM files) the next connections are encrypted with.
    bool setCertificate(const QString &certificateFile, const QString &keyFile);
    // Drops every connection (both sides), as a server restart would.
    void dropAll();
    // TLS handshakes completed so far.
    int handshakes() const { return m_handshakes; }

private:
    struct Pair
    {
        QPointer<QTcpSocket> client; // the TLS side
        QPointer<QTcpSocket> upstream; // the server's side
        QByteArray early; // from the client before the server's side is connected
    };
    void accept();

    quint16 m_targetPort;
    QSslServer m_server;
    QList<std::shared_ptr<Pair>> m_pairs;
    int m_handshakes = 0;
};

} // namespace sori::test
