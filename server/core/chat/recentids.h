// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QStringView>

#include <optional>
#include <vector>

namespace sori::server {

// The msgIds of a room's newest messages with their numbers, so that a resend (the same sender
// and msgId, after an ack was lost) is recognized and answered with its first number.
//
// It keeps the newest `capacity` ids. A (sender, msgId) pair is kept as a 128-bit keyed hash,
// not as text: SipHash with a key drawn at random for each process (libsodium's
// crypto_shorthash_siphashx24). Two different pairs share a key with a chance of 2^-128 per pair
// compared, so a new message is not taken for a resend in practice; and the key is secret, so
// nobody can choose ids that do.
//
// The pairs sit in a ring in the order remembered (24 bytes each), found through an open-
// addressing index of 8-byte cells that hold a ring slot and 32 bits of the key: a look-up
// touches one cell, and the ring only when those bits match. A full window of 10,000 takes
// 368 KiB and a message no allocation, where the ids as text took 1.6 MiB and three
// allocations a message (bench/notes.md finding 17).
class RecentIds
{
public:
    struct Key
    {
        quint64 low = 0;
        quint64 high = 0;
        friend bool operator==(const Key &, const Key &) = default;
    };
    // senderKey: the sender's name case-folded (the same user however the name is written).
    static Key key(QStringView senderKey, QStringView msgId);

    static constexpr qsizetype DefaultCapacity = 10'000;
    RecentIds() : RecentIds(DefaultCapacity) { }
    explicit RecentIds(qsizetype capacity);

    std::optional<qint64> find(const Key &key) const;
    // Remembers an id (again, with this number, if it was there); beyond the capacity the
    // oldest is forgotten.
    void insert(const Key &key, qint64 seq);
    // Forgets an id (its message was not stored: a resend must count as new).
    void remove(const Key &key);
    qsizetype size() const { return m_size; }
    // Bytes held, for the memory figures.
    qsizetype bytes() const;

private:
    struct Entry
    {
        Key key;
        qint64 seq = 0;
    };
    struct Cell
    {
        qint32 slot = -1; // in m_ring; -1: empty
        quint32 tag = 0; // the key's low 32 bits: its home cell and a first comparison
    };
    size_t mask() const { return m_index.size() - 1; }
    qsizetype positionOf(const Key &key) const; // in m_index, -1 if absent
    qsizetype positionOfSlot(qint32 slot) const; // in m_index, -1 if absent
    void place(qint32 slot); // puts a ring slot into the index
    void eraseAt(size_t position); // takes a cell out, keeping the probe chains whole
    void growIndex();

    std::vector<Entry> m_ring; // in the order remembered; a ring once it holds `capacity`
    std::vector<Cell> m_index; // linear probing, a power of two, at most 3/4 full
    qsizetype m_oldest = 0; // where the ring starts once full
    qsizetype m_size = 0; // ids remembered (the ring keeps removed ones until their turn)
    qsizetype m_capacity;
};

} // namespace sori::server
