// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// Differential: the fast request decoder (protocol/fastdecoder.cpp) against the reference one
// (QJsonDocument, protocol/messagecodec.cpp) on every input. The fast path may decline anything
// (the reference then decides, errors included), but what it accepts the reference must accept
// as the very same message; and MessageCodec::decodeClientMessage(), which tries the fast path
// first, must answer exactly as the reference does. Any disagreement aborts.
#include "fuzzcheck.h"
#include "protocol/messagecodec.h"
#include "protocol/messagecodec_p.h"

#include <cstdint>

using namespace sori::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView json(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<ClientMessage> fast = detail::decodeClientMessageFast(json);
    const Decoded<ClientMessage> reference = detail::decodeClientMessageWithQJsonDocument(json);
    if (fast) {
        FUZZ_CHECK(reference.ok());
        FUZZ_CHECK(reference.message() == *fast);
    }
    const Decoded<ClientMessage> decoded = MessageCodec::decodeClientMessage(json);
    FUZZ_CHECK(decoded.value == reference.value);
    return 0;
}
