// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#include "core/chat/recentids.h"

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

qsizetype RecentIds::bytes() const
{
    return qsizetype(m_ring.capacity() * sizeof(Entry) + m_index.capacity() * sizeof(Cell));
}

qsizetype RecentIds::positionOf(const Key &key) const
{
    if (m_index.empty())
        return -1;
    const quint32 tag = quint32(key.low);
    for (size_t at = tag & mask();; at = (at + 1) & mask()) {
        const Cell &cell = m_index[at];
        if (cell.slot < 0)
            return -1;
        if (cell.tag == tag && m_ring[size_t(cell.slot)].key == key)
            return qsizetype(at);
    }
}

qsizetype RecentIds::positionOfSlot(qint32 slot) const
{
    const quint32 tag = quint32(m_ring[size_t(slot)].key.low);
    for (size_t at = tag & mask();; at = (at + 1) & mask()) {
        const Cell &cell = m_index[at];
        if (cell.slot < 0)
            return -1;
        if (cell.slot == slot)
            return qsizetype(at);
    }
}

void RecentIds::place(qint32 slot)
{
    const quint32 tag = quint32(m_ring[size_t(slot)].key.low);
    size_t at = tag & mask();
    while (m_index[at].slot >= 0)
        at = (at + 1) & mask();
    m_index[at] = Cell{slot, tag};
}

void RecentIds::eraseAt(size_t position)
{
    // Backward shift: a cell further along the chain moves into the gap unless its home lies
    // (cyclically) after the gap, so that every remaining cell is still reached from its home.
    size_t gap = position;
    for (size_t at = (gap + 1) & mask();; at = (at + 1) & mask()) {
        const Cell cell = m_index[at];
        if (cell.slot < 0)
            break;
        const size_t home = cell.tag & mask();
        const bool stays = gap <= at ? (gap < home && home <= at) : (gap < home || home <= at);
        if (!stays) {
            m_index[gap] = cell;
            gap = at;
        }
    }
    m_index[gap] = Cell{};
}

void RecentIds::growIndex()
{
    std::vector<Cell> old;
    old.swap(m_index);
    m_index.assign(qMax<size_t>(16, old.size() * 2), Cell{});
    for (const Cell &cell : old) {
        if (cell.slot >= 0)
            place(cell.slot);
    }
}

std::optional<qint64> RecentIds::find(const Key &key) const
{
    const qsizetype at = positionOf(key);
    if (at < 0)
        return std::nullopt;
    return m_ring[size_t(m_index[size_t(at)].slot)].seq;
}

void RecentIds::insert(const Key &key, qint64 seq)
{
    remove(key); // remembered again: only the newest number counts
    qint32 slot;
    if (m_ring.size() < size_t(m_capacity)) {
        if (m_ring.size() == m_ring.capacity()) // grown as needed, never past the capacity
            m_ring.reserve(
                size_t(qMin<qsizetype>(m_capacity, qMax<size_t>(16, m_ring.size() * 2))));
        slot = qint32(m_ring.size());
        m_ring.push_back(Entry{key, seq});
    } else {
        slot = qint32(m_oldest);
        // The oldest is forgotten, unless it was removed already.
        if (const qsizetype at = positionOfSlot(slot); at >= 0) {
            eraseAt(size_t(at));
            --m_size;
        }
        m_ring[size_t(slot)] = Entry{key, seq};
        m_oldest = (m_oldest + 1) % m_capacity;
    }
    if (size_t(m_size + 1) * 4 > m_index.size() * 3)
        growIndex();
    place(slot);
    ++m_size;
}

void RecentIds::remove(const Key &key)
{
    // Its place in the ring stays until its turn comes; it is no longer in the index.
    if (const qsizetype at = positionOf(key); at >= 0) {
        eraseAt(size_t(at));
        --m_size;
    }
}

} // namespace sori::server
