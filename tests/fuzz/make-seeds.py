#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Writes the seed corpora in tests/fuzz/corpus/<target>/ (seed-* files; crash inputs found later
# are committed there under their own names). Real frames, requests and protocol messages: the
# protocol's from docs/protocol.md, the rest written out here. Run it again after changing it.
import hashlib
import os
import re
import struct

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
corpus = os.path.join(root, "tests", "fuzz", "corpus")


def write(target, seeds):
    directory = os.path.join(corpus, target)
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        if name.startswith("seed-"):
            os.remove(os.path.join(directory, name))
    for seed in seeds:
        name = "seed-" + hashlib.sha1(seed).hexdigest()[:12]
        with open(os.path.join(directory, name), "wb") as f:
            f.write(seed)


def frame(opcode, payload, fin=True, mask=b"\x37\xfa\x21\x3d", length_bytes=None):
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    bit = 0x80 if mask else 0
    if length_bytes == 8 or (length_bytes is None and n > 0xFFFF):
        head += bytes([bit | 127]) + struct.pack(">Q", n)
    elif length_bytes == 2 or (length_bytes is None and n >= 126):
        head += bytes([bit | 126]) + struct.pack(">H", n)
    else:
        head += bytes([bit | n])
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        head += mask
    return head + payload


# The protocol's own examples: requests (C:) and server frames (S:).
protocol = open(os.path.join(root, "docs", "protocol.md"), encoding="utf-8").read()
requests = [m.encode() for m in re.findall(r"^C: (\{.*\})$", protocol, re.M)]
frames = [m.encode() for m in re.findall(r"^S: (\{.*\})$", protocol, re.M)]
requests += [
    b'{"id":"7","room":"lobby","text":"caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\n","type":"send"}',
    b'{"type":"send","room":"lobby","text":"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4","msgId":null}',
    b'{"active":false,"id":null,"room":"lobby","type":"typing"}',
    b'{"type":"send","room":"lobby","text":"a","text":"b"}',
    b'{"type":"send","room":"lobby","text":"\\ud800"}',
    b'{"type":"history","room":"lobby","before":41,"limit":50,"id":"9"}',
    b'{"type":"ban","name":"mallory","minutes":1e3,"id":"10"}',
    b' { "type" : "typing" , "room" : "lobby" } ',
]

# WebSocket streams, after two bytes of settings (fuzz_websocketframe.cpp): 0x04 = a 1000-byte
# limit, masked frames required; the second byte seeds the chunking.
hello = requests[0] if requests else b'{"type":"hello"}'
websocket = [
    frame(0x1, hello),
    frame(0x1, b"hello", fin=False) + frame(0x9, b"ping") + frame(0x0, b", world"),
    frame(0x2, bytes(range(256))),
    frame(0x1, "한국어 text".encode()) + frame(0x8, struct.pack(">H", 1000) + b"bye"),
    frame(0x8, b""),
    frame(0xA, b"pong"),
    frame(0x1, b"x" * 2000),  # over the limit: skipped, then the close is read
    frame(0x1, b"x" * 2000) + frame(0x8, struct.pack(">H", 1001)),
    frame(0x1, b"short", length_bytes=8),  # a non-minimal length
    frame(0x1, b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5"),
    frame(0x1, b"\xce\xba\xe1", fin=False) + frame(0x0, b"\xbd\xb9"),
    frame(0x1, b"\xff\xfe"),  # not UTF-8
    frame(0x1, b"server frame", mask=None),
]
websocket = [b"\x04\x00" + s for s in websocket] + [b"\x0c\x05" + frame(0x1, b"hi", mask=None)]

http = [
    b"GET / HTTP/1.1\r\nHost: localhost:8080\r\nAccept: text/html\r\n\r\n",
    b"GET /classic?x=1 HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
    b"GET /ws HTTP/1.1\r\nHost: localhost:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
    b"Sec-WebSocket-Protocol: sori.v1\r\nOrigin: http://localhost:8080\r\n\r\n",
    b"HEAD / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\n",
    b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
    b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n",
    b"GET / HTTP/1.1\nHost: a\n\r\n\r\n",
    b"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",
]

write("fuzz_fastdecoder", requests)
write("fuzz_v1decoder", requests + frames)
write("fuzz_websocketframe", websocket)
write("fuzz_httprequest", http)
