// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/recentids.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QVarLengthArray>

#include <sodium.h>

#include <array>
#include <cstring>

namespace sori::server {

namespace {

const std::array<unsigned char, crypto_shorthash_siphashx24_KEYBYTES> &processKey()
{
    static const auto key = [] {
        std::array<unsigned char, crypto_shorthash_siphashx24_KEYBYTES> bytes;
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                              bytes.size() / sizeof(quint32));
        return bytes;
    }();
    return key;
}

void appendBytes(QVarLengthArray<unsigned char, 256> &buffer, const void *data, size_t size)
{
    const qsizetype at = buffer.size();
    buffer.resize(at + qsizetype(size));
    std::memcpy(buffer.data() + at, data, size);
}

} // namespace

static_assert(crypto_shorthash_siphashx24_BYTES == sizeof(RecentIds::Key));

RecentIds::Key RecentIds::key(QStringView senderKey, QStringView msgId)
{
    // The sender's length first: ("ab", "c") and ("a", "bc") are different pairs.
    QVarLengthArray<unsigned char, 256> input;
    const quint32 senderChars = quint32(senderKey.size());
    appendBytes(input, &senderChars, sizeof senderChars);
    appendBytes(input, senderKey.utf16(), size_t(senderKey.size()) * sizeof(char16_t));
    appendBytes(input, msgId.utf16(), size_t(msgId.size()) * sizeof(char16_t));
    unsigned char out[crypto_shorthash_siphashx24_BYTES];
    crypto_shorthash_siphashx24(out, input.constData(), quint64(input.size()), processKey().data());
    Key key;
    std::memcpy(&key.low, out, sizeof key.low);
    std::memcpy(&key.high, out + sizeof key.low, sizeof key.high);
    return key;
}

RecentIds::RecentIds(qsizetype capacity) : m_capacity(qMax<qsizetype>(1, capacity)) { }

std::optional<qint64> RecentIds::find(const Key &key) const
{
    const auto it = m_seqs.constFind(key);
    if (it == m_seqs.cend())
        return std::nullopt;
    return *it;
}

void RecentIds::insert(const Key &key, qint64 seq)
{
    m_seqs.insert(key, seq);
    if (m_order.size() < m_capacity) {
        if (m_order.size() == m_order.capacity()) // grown as needed, never past the capacity
            m_order.reserve(qMin(m_capacity, qMax<qsizetype>(16, m_order.size() * 2)));
        m_order.append(Entry{key, seq});
        return;
    }
    Entry &oldest = m_order[m_oldest];
    // Forgotten unless it was removed and remembered again since, with a newer number.
    const auto it = m_seqs.constFind(oldest.key);
    if (it != m_seqs.cend() && *it == oldest.seq)
        m_seqs.erase(it);
    oldest = Entry{key, seq};
    m_oldest = (m_oldest + 1) % m_capacity;
}

void RecentIds::remove(const Key &key)
{
    // Its place in the ring stays until its turn comes; insert() then sees it is gone.
    m_seqs.remove(key);
}

} // namespace sori::server
