// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// The WebSocket frame parser on arbitrary bytes. Input: one byte of settings (the size limit and
// whether frames must be masked), one byte that seeds how the stream is cut into chunks, then the
// stream as it arrives on the socket. The same stream is parsed whole and in chunks: the events
// must not depend on how the bytes arrived, and each must keep within the parser's limits.
#include "core/net/websocketframe.h"
#include "fuzzcheck.h"

#include <cstdint>
#include <vector>

using sori::server::websocket::FrameParser;
using Event = FrameParser::Event;

namespace {

constexpr qint64 Limits[] = {0, 1, 125, 126, 1000, 65535, 65536, 1 << 20};

// Appends every chunk and reads every event after each one, checking what holds for any stream.
std::vector<Event> parse(QByteArrayView stream, qint64 limit, bool requireMask,
                         const std::vector<qsizetype> &chunks)
{
    FrameParser parser(limit, requireMask);
    std::vector<Event> events;
    qsizetype fed = 0;
    qint64 payloadBytes = 0;
    bool failed = false;
    for (qsizetype chunk : chunks) {
        parser.append(stream.sliced(fed, chunk));
        fed += chunk;
        while (std::optional<Event> event = parser.next()) {
            // After a protocol error the parser is done; only an oversized message goes on.
            FUZZ_CHECK(!failed);
            switch (event->kind) {
            case Event::Kind::Text:
                FUZZ_CHECK(QByteArrayView(event->payload).isValidUtf8());
                [[fallthrough]];
            case Event::Kind::Binary:
                FUZZ_CHECK(event->payload.size() <= limit);
                break;
            case Event::Kind::Ping:
            case Event::Kind::Pong:
            case Event::Kind::Close:
                FUZZ_CHECK(event->payload.size() <= 125);
                break;
            case Event::Kind::Error:
                FUZZ_CHECK(!event->reason.isEmpty());
                failed = event->code != sori::protocol::CloseCode::TooBig;
                break;
            }
            // Payloads come out of the stream, unmasked: never more bytes than went in.
            payloadBytes += event->payload.size();
            FUZZ_CHECK(payloadBytes <= fed);
            events.push_back(std::move(*event));
        }
        FUZZ_CHECK(parser.bufferedBytes() >= 0 && parser.bufferedBytes() <= fed);
        parser.releaseConsumed();
    }
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const qint64 limit = Limits[data[0] & 7];
    const bool requireMask = !(data[0] & 8);
    quint32 seed = data[1];
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);

    std::vector<qsizetype> chunks;
    for (qsizetype left = stream.size(); left > 0;) {
        seed = seed * 1103515245u + 12345u;
        const qsizetype chunk = qMin(left, qsizetype((seed >> 16) % 16) + 1);
        chunks.push_back(chunk);
        left -= chunk;
    }
    const std::vector<Event> whole = parse(stream, limit, requireMask, {stream.size()});
    const std::vector<Event> chunked = parse(stream, limit, requireMask, chunks);
    FUZZ_CHECK(whole.size() == chunked.size());
    for (size_t i = 0; i < whole.size(); ++i) {
        FUZZ_CHECK(whole[i].kind == chunked[i].kind);
        FUZZ_CHECK(whole[i].payload == chunked[i].payload);
        FUZZ_CHECK(whole[i].code == chunked[i].code);
        FUZZ_CHECK(whole[i].reason == chunked[i].reason);
    }
    return 0;
}
