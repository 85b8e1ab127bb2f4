// SPDX-FileCopyrightText: 2026 The Sori authors
// SPDX-License-Identifier: MIT
//
// The HTTP request-head parser on arbitrary bytes, with a small and the server's usual head
// limit. A complete head must lie within the input and the limit, and parse the same from
// exactly its own bytes (what a connection does when a body or the next request follows).
#include "core/net/httprequest.h"
#include "fuzzcheck.h"

#include <cstdint>

using sori::server::HttpRequest;

namespace {

void check(QByteArrayView data, qsizetype maxHeadBytes)
{
    HttpRequest request;
    qsizetype headSize = -1;
    const HttpRequest::ParseStatus status =
        HttpRequest::parse(data, maxHeadBytes, &request, &headSize);
    if (status != HttpRequest::ParseStatus::Complete)
        return;
    FUZZ_CHECK(headSize > 0 && headSize <= data.size() && headSize <= maxHeadBytes);
    FUZZ_CHECK(!request.method.isEmpty());
    FUZZ_CHECK(request.target.startsWith(request.path));
    FUZZ_CHECK(request.minorVersion == 0 || request.minorVersion == 1);
    for (const auto &[name, value] : request.headers) {
        FUZZ_CHECK(!name.isEmpty() && name == name.toLower());
        FUZZ_CHECK(value == value.trimmed());
    }
    // What the connection asks of a request: these must not trip on anything parse() let in.
    (void)request.isWebSocketUpgrade();
    (void)request.keepAlive();
    (void)request.header("host");

    HttpRequest again;
    qsizetype againSize = -1;
    FUZZ_CHECK(HttpRequest::parse(data.first(headSize), maxHeadBytes, &again, &againSize)
               == HttpRequest::ParseStatus::Complete);
    FUZZ_CHECK(againSize == headSize);
    FUZZ_CHECK(again.method == request.method && again.target == request.target);
    FUZZ_CHECK(again.headers == request.headers);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    check(bytes, 64);
    check(bytes, 8192);
    return 0;
}
