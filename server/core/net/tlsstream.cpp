// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/net/tlsstream.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <climits>
#include <cstring>

using namespace Qt::StringLiterals;

namespace sori::server {

namespace {
// The most plain bytes one TLS record carries (RFC 8446 5.1, RFC 5246 6.2.1).
constexpr size_t MaxRecordPlaintext = 16384;
} // namespace

TlsStream::TlsStream(SSL *ssl, int descriptor) : m_ssl(ssl)
{
    SSL_set_fd(m_ssl, descriptor);
    SSL_set_accept_state(m_ssl);
}

TlsStream::~TlsStream()
{
    SSL_free(m_ssl); // the descriptor is the connection's: SSL_set_fd does not close it
}

bool TlsStream::handshakeDone() const
{
    return SSL_is_init_finished(m_ssl) == 1;
}

ssize_t TlsStream::read(char *data, size_t size)
{
    m_readWantsWrite = false;
    size_t total = 0;
    // One SSL_read returns one record at most (16 KiB): read on while there is room, so that a
    // TLS connection reads in as few passes as a plain one. Only while a whole record fits: a
    // record taken in part would leave plain bytes inside OpenSSL, which epoll cannot see (the
    // kernel's buffer may be empty by then), and they would wait for the peer's next bytes.
    while (total == 0 || size - total >= MaxRecordPlaintext) {
        ERR_clear_error();
        const int chunk = int(qMin(size - total, size_t(INT_MAX)));
        const int got = SSL_read(m_ssl, data + total, chunk);
        if (got > 0) {
            total += size_t(got);
            continue;
        }
        if (total > 0)
            return ssize_t(total); // what came first; the end or the error comes next time
        return fail(got, &m_readWantsWrite);
    }
    return ssize_t(total);
}

ssize_t TlsStream::write(const char *data, size_t size)
{
    m_writeWantsRead = false;
    ERR_clear_error();
    const int sent = SSL_write(m_ssl, data, int(qMin(size, size_t(INT_MAX))));
    if (sent > 0)
        return sent;
    return fail(sent, &m_writeWantsRead);
}

ssize_t TlsStream::fail(int result, bool *wantsOther)
{
    const int error = SSL_get_error(m_ssl, result);
    switch (error) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        // SSL_read waiting to write, or SSL_write waiting to read: the other direction's turn.
        *wantsOther = (wantsOther == &m_readWantsWrite) == (error == SSL_ERROR_WANT_WRITE);
        errno = EAGAIN;
        return -1;
    case SSL_ERROR_ZERO_RETURN: // close_notify
        return 0;
    case SSL_ERROR_SYSCALL:
        if (errno == 0)
            return 0; // the TCP end (with SSL_OP_IGNORE_UNEXPECTED_EOF)
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            errno = EAGAIN;
        m_error = QString::fromLocal8Bit(strerror(errno));
        return -1;
    default: {
        const unsigned long code = ERR_peek_error();
        char text[256] = "TLS error";
        if (code != 0)
            ERR_error_string_n(code, text, sizeof(text));
        ERR_clear_error();
        m_error = QString::fromLatin1(text);
        errno = EPROTO;
        return -1;
    }
    }
}

void TlsStream::shutdown()
{
    ERR_clear_error();
    // One call: close_notify goes out if the socket takes it; the peer's answer is not waited for.
    if (SSL_is_init_finished(m_ssl) == 1)
        SSL_shutdown(m_ssl);
    ERR_clear_error();
}

} // namespace sori::server
