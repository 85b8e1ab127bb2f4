// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// Protocol v1's decoders on arbitrary bytes: the server's (requests, fast path first) and the
// clients' (server frames). Whatever they accept must survive a round trip: encoded again and
// decoded, it is the same message; whatever they refuse gets an error a person can read.
#include "fuzzcheck.h"
#include "protocol/messagecodec.h"

#include <cstdint>

using namespace sori::protocol;

namespace {

template<typename Message>
void check(const Decoded<Message> &decoded, Decoded<Message> (*decode)(QByteArrayView))
{
    if (!decoded.ok()) {
        FUZZ_CHECK(!decoded.error().message.isEmpty());
        return;
    }
    const QByteArray encoded = MessageCodec::encode(decoded.message());
    const Decoded<Message> again = decode(encoded);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.message() == decoded.message());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView json(reinterpret_cast<const char *>(data), qsizetype(size));
    check(MessageCodec::decodeClientMessage(json), &MessageCodec::decodeClientMessage);
    check(MessageCodec::decodeServerMessage(json), &MessageCodec::decodeServerMessage);
    return 0;
}
