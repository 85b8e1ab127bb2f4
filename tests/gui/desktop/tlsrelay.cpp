// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "tlsrelay.h"

#include <QtCore/QFile>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>

namespace sori::test {

TlsRelay::TlsRelay(quint16 targetPort, QObject *parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] { accept(); });
}

TlsRelay::~TlsRelay()
{
    dropAll();
}

bool TlsRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

bool TlsRelay::setCertificate(const QString &certificateFile, const QString &keyFile)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile);
    QFile keyPem(keyFile);
    if (chain.isEmpty() || !keyPem.open(QIODevice::ReadOnly))
        return false;
    const QSslKey key(keyPem.readAll(), QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return false;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificate
    m_server.setSslConfiguration(configuration);
    return true;
}

void TlsRelay::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_handshakes;
        auto pair = std::make_shared<Pair>(Pair{client, new QTcpSocket(this), {}});
        m_pairs.append(pair);
        QTcpSocket *upstream = pair->upstream;
        const auto close = [this, pair] {
            if (pair->client)
                pair->client->disconnectFromHost();
            if (pair->upstream)
                pair->upstream->disconnectFromHost();
        };
        connect(client, &QTcpSocket::readyRead, this, [pair] {
            if (!pair->client || !pair->upstream)
                return;
            const QByteArray bytes = pair->client->readAll();
            if (pair->upstream->state() == QAbstractSocket::ConnectedState)
                pair->upstream->write(bytes);
            else
                pair->early += bytes;
        });
        connect(upstream, &QTcpSocket::connected, this,
                [pair] { pair->upstream->write(std::exchange(pair->early, {})); });
        connect(upstream, &QTcpSocket::readyRead, this, [pair] {
            if (pair->client && pair->upstream)
                pair->client->write(pair->upstream->readAll());
        });
        connect(client, &QTcpSocket::disconnected, this, close);
        connect(upstream, &QTcpSocket::disconnected, this, close);
        connect(upstream, &QTcpSocket::errorOccurred, this, close);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        // Bytes that came with the handshake.
        if (client->bytesAvailable() > 0)
            pair->early += client->readAll();
    }
}

void TlsRelay::dropAll()
{
    for (const auto &pair : std::as_const(m_pairs)) {
        if (pair->client)
            pair->client->abort();
        if (pair->upstream)
            pair->upstream->abort();
        if (pair->client)
            pair->client->deleteLater();
        if (pair->upstream)
            pair->upstream->deleteLater();
    }
    m_pairs.clear();
}

} // namespace sori::test
