// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QString>

#include <sys/types.h>

typedef struct ssl_st SSL;

namespace sori::server {

// One connection's TLS session, on the connection's own non-blocking descriptor. It reads and
// writes like recv() and send(), so that the connection's loops stay what they are for plain
// TCP: the handshake happens inside the first reads, and "would block" is EAGAIN. TLS may need
// the other direction to go on (a handshake message to send while reading, a record to read
// while writing): after EAGAIN, readWantsWrite() and writeWantsRead() say so, and the
// connection watches for that too.
class TlsStream
{
    Q_DISABLE_COPY_MOVE(TlsStream)

public:
    // Takes ownership of ssl (from TlsContext::newSession), on descriptor (not owned).
    TlsStream(SSL *ssl, int descriptor);
    ~TlsStream();

    // Bytes read (as many as are ready, up to size), 0 at the peer's end (close_notify or the
    // TCP end), -1 with errno set: EAGAIN to wait, EPROTO for a TLS error (errorString()).
    ssize_t read(char *data, size_t size);
    // Bytes taken (a part while the socket is full), -1 with errno as for read().
    ssize_t write(const char *data, size_t size);
    // Sends close_notify if it can without waiting (the connection ends its side after it).
    void shutdown();

    bool handshakeDone() const;
    bool readWantsWrite() const { return m_readWantsWrite; }
    bool writeWantsRead() const { return m_writeWantsRead; }
    QString errorString() const { return m_error; }

private:
    // Sorts an SSL_read/SSL_write result <= 0 into errno; wantsOther is set when TLS waits for
    // the other direction.
    ssize_t fail(int result, bool *wantsOther);

    SSL *m_ssl;
    bool m_readWantsWrite = false;
    bool m_writeWantsRead = false;
    QString m_error;
};

} // namespace sori::server
