// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QtGlobal>

#include <array>
#include <cstring>

namespace sori::server::websocket {

// Checks UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF) a byte at a
// time, across as many pieces as a message comes in: the first byte that cannot be part of
// well-formed UTF-8 fails it, while a character cut between two pieces is fine until the rest
// proves it wrong. A table-driven state machine: one lookup per byte, no allocation.
class Utf8Validator
{
public:
    // Feeds bytes (already unmasked); false once the text so far can no longer be valid.
    bool feed(const uchar *data, qsizetype size)
    {
        quint8 state = m_state;
        qsizetype i = 0;
        while (i < size && state != Reject) {
            if (state == Accept) {
                // Chat text is mostly ASCII: runs of it go 8 bytes at a time.
                while (size - i >= 8) {
                    quint64 word;
                    std::memcpy(&word, data + i, 8);
                    if (word & 0x8080808080808080ULL)
                        break;
                    i += 8;
                }
                if (i == size)
                    break;
            }
            state = transitions[state][data[i++]];
        }
        m_state = state;
        return state != Reject;
    }
    // Feeds one byte; for callers that unmask as they go.
    bool feed(uchar byte)
    {
        if (m_state != Reject)
            m_state = transitions[m_state][byte];
        return m_state != Reject;
    }
    bool failed() const { return m_state == Reject; }
    // Whether everything fed so far ends on a character boundary (a whole message is valid).
    bool complete() const { return m_state == Accept; }
    void reset() { m_state = Accept; }

private:
    // The states: what the next byte must be.
    enum : quint8 {
        Accept, // a lead byte
        Tail1, // 1 more continuation byte (80..BF)
        Tail2, // 2 more
        Tail3, // 3 more
        AfterE0, // A0..BF, then 1 more (no overlong 3-byte forms)
        AfterED, // 80..9F, then 1 more (no surrogates)
        AfterF0, // 90..BF, then 2 more (no overlong 4-byte forms)
        AfterF4, // 80..8F, then 2 more (nothing above U+10FFFF)
        Reject,
        StateCount
    };

    static constexpr std::array<std::array<quint8, 256>, StateCount> transitions = [] {
        std::array<std::array<quint8, 256>, StateCount> t{};
        for (auto &row : t)
            row.fill(Reject);
        for (int b = 0x00; b <= 0x7F; ++b)
            t[Accept][b] = Accept;
        for (int b = 0xC2; b <= 0xDF; ++b)
            t[Accept][b] = Tail1;
        for (int b = 0xE1; b <= 0xEF; ++b)
            t[Accept][b] = Tail2;
        t[Accept][0xE0] = AfterE0;
        t[Accept][0xED] = AfterED;
        for (int b = 0xF1; b <= 0xF3; ++b)
            t[Accept][b] = Tail3;
        t[Accept][0xF0] = AfterF0;
        t[Accept][0xF4] = AfterF4;
        for (int b = 0x80; b <= 0xBF; ++b) {
            t[Tail1][b] = Accept;
            t[Tail2][b] = Tail1;
            t[Tail3][b] = Tail2;
        }
        for (int b = 0xA0; b <= 0xBF; ++b)
            t[AfterE0][b] = Tail1;
        for (int b = 0x80; b <= 0x9F; ++b)
            t[AfterED][b] = Tail1;
        for (int b = 0x90; b <= 0xBF; ++b)
            t[AfterF0][b] = Tail2;
        for (int b = 0x80; b <= 0x8F; ++b)
            t[AfterF4][b] = Tail2;
        return t;
    }();

    quint8 m_state = Accept;
};

} // namespace sori::server::websocket
