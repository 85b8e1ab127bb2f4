// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QtGlobal>

#include <cstring>
#include <memory>

namespace sori::server {

// The bytes a connection has queued for its peer: appended at the back, taken from the front as
// the kernel accepts them. A plain owned array rather than a QByteArray: appending a frame is
// the innermost step of a fan-out (once per recipient), and QByteArray::resize() (detach check,
// terminating zero, a call through the PLT) was 15 % of a busy worker in scenario A
// (bench/notes.md finding 12).
class OutBuffer
{
public:
    // Bytes waiting to be sent.
    qsizetype size() const { return m_end - m_begin; }
    bool isEmpty() const { return m_end == m_begin; }
    const char *data() const { return m_data.get() + m_begin; }
    // Bytes allocated (0 once released).
    qsizetype capacity() const { return m_capacity; }

    void append(const char *bytes, qsizetype count)
    {
        if (count <= 0)
            return; // nothing, and no memcpy() from or to a null pointer
        if (m_capacity - m_end < count)
            makeRoom(count);
        std::memcpy(m_data.get() + m_end, bytes, size_t(count));
        m_end += count;
    }
    // The kernel took `count` bytes from the front.
    void consume(qsizetype count)
    {
        m_begin += count;
        if (m_begin == m_end)
            m_begin = m_end = 0;
    }
    // Drops what is queued and frees the allocation.
    void release()
    {
        m_data.reset();
        m_begin = m_end = m_capacity = 0;
    }

private:
    void makeRoom(qsizetype count)
    {
        const qsizetype pending = size();
        // Sent bytes at the front make room if they are at least half of it: then moving the
        // rest down costs less than what was sent to free it.
        if (m_begin > 0 && pending + count <= m_capacity && m_begin >= pending) {
            std::memmove(m_data.get(), m_data.get() + m_begin, size_t(pending));
        } else {
            const qsizetype capacity = qMax(pending + count, qMax(qsizetype(1024), 2 * m_capacity));
            std::unique_ptr<char[]> grown(new char[size_t(capacity)]);
            if (pending > 0)
                std::memcpy(grown.get(), m_data.get() + m_begin, size_t(pending));
            m_data = std::move(grown);
            m_capacity = capacity;
        }
        m_begin = 0;
        m_end = pending;
    }

    std::unique_ptr<char[]> m_data;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qsizetype m_capacity = 0;
};

} // namespace sori::server
