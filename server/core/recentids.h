// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QStringView>

#include <optional>

namespace sori::server {

// The msgIds of a room's newest messages with their numbers, so that a resend (the same sender
// and msgId, after an ack was lost) is recognized and answered with its first number.
//
// It keeps the newest `capacity` ids. A (sender, msgId) pair is kept as a 128-bit keyed hash,
// not as text: SipHash with a key drawn at random for each process (libsodium's
// crypto_shorthash_siphashx24). A full window takes about 660 KiB and a message no allocation,
// where the ids as text took 1.6 MiB and three allocations a message (bench/notes.md finding 17).
// Two different pairs share a key with a chance of 2^-128 per pair compared, so a new message is
// not taken for a resend in practice; and the key is secret, so nobody can choose ids that do.
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
    // Remembers a new id; beyond the capacity the oldest is forgotten.
    void insert(const Key &key, qint64 seq);
    // Forgets an id (its message was not stored: a resend must count as new).
    void remove(const Key &key);
    qsizetype size() const { return m_seqs.size(); }

private:
    struct Entry
    {
        Key key;
        qint64 seq = 0;
    };
    QHash<Key, qint64> m_seqs;
    QList<Entry> m_order; // in the order remembered: a ring once it holds `capacity`
    qsizetype m_oldest = 0; // where the ring starts once full
    qsizetype m_capacity;
};

// The key is already a keyed hash: its low half is as good a bucket index as any.
inline size_t qHash(const RecentIds::Key &key, size_t seed = 0) noexcept
{
    return size_t(key.low) ^ seed;
}

} // namespace sori::server
