#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
"""The "hostile neighbour" benchmark (issue 18): what one hostile client costs everybody else.

For each attack of issue 18's table it starts sori-server afresh (own data directory, defaults
unless an attack says otherwise), puts a *bystander* in `lobby` that sends one message every
50 ms and times each `ack`, lets it run 2 s quietly, then runs the attack from other loopback
addresses while the bystander goes on. Per attack it reports the bystander's ack p50/p99/max
(quiet p99 for reference), the acks that never came, whether the bystander was dropped, the
server's peak RSS (VmHWM) and CPU, an attack-specific check (a `list_rooms`, a catch-up, a
sign-in, a new connection...) and what the attacker got (refusals such as `rate_limited`,
`busy`, close codes are counted, they are not failures of the script).

Python 3.11 standard library only: the WebSocket client (handshake, masked frames, ping/pong,
close) is written out below. Every attack is bounded (counts, bytes, a time window, and a cap on
the server's RSS that stops a flood early); only loopback addresses are used (127.0.0.0/8,
attackers bind to 127.0.0.2 and up, 127.1.x.y for the many-address attacks).

How to run (from the repository root, after building the server):

    bench/hostile.py --server build/server/sori-server --label after --out /tmp/hostile.md
    bench/hostile.py --attacks 1,4,6 --server build/server/sori-server       # some attacks
    bench/hostile.py --quick --server build/server/sori-server               # a smoke pass
    bench/hostile.py --compare /work/wt-baseline/build/server/sori-server \\
        build/server/sori-server --labels before after --out /tmp/hostile.md

A baseline binary of the code before the fixes of issue 18:

    git worktree add /work/wt-baseline 146a0ad && cd /work/wt-baseline
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && \\
        cmake --build build --target sori-server

The server runs pinned to CPU 0 (taskset), this script and all its clients to CPU 1, as in
bench/run.sh (bench/pinning.py: on more cores, the first half and the rest; --unpinned, or
SORI_BENCH_PIN=0, to leave both free). Never run it beside another benchmark or a build: the figures are latencies.
A full pass takes about six minutes per binary on the 2-core machine; attack 7 alone opens
100,000 connections from 100,000 addresses (about 80 s), because the throttle table of the code
before the fixes forgets everything only past 100,000 keys.

What differs from the server's defaults, and why:
- attack 8 starts the server with an open-descriptor limit of 4096 (as `prlimit` would) and
  opens 4,500 idle WebSocket connections from one address;
- attack 9 sets `accounts/max-login-delay` to 5 s (default 300 s) so that "one wrong password
  per period" fits in the window: the attacker tries every 0.1 s, all `throttled` (not counted)
  but the one just after each block ends; once the block is at its cap the owner (the
  bystander's account, from another address) tries its password once a second for the window;
- the data directory is on disk, so an ack waits for a disk sync (storage/synchronous = full).
  Every room a join creates costs a sync too (a few ms here): attacks 4 and 10 therefore join
  5,000 new rooms, which already stalls every ack behind them. With `--tmpfs` the data
  directories are in /dev/shm and they join the issue's counts instead (85,000 rooms for 4, so
  that `list_rooms` passes 8 MiB; 20,000 for 10, whose lost connection then holds the hub for
  seconds): run the comparison both ways for docs/benchmarks.md.
- Attack 10's attacker waits until its joins are stored, then drops its TCP connection without
  a close frame (a client whose network went away: the presence grace path); its check is the
  worst ack sent within 3 s of that moment.
- Attacks 11a/11b also have a lobby member that reads 256 KiB/s with a 64 KiB receive buffer (a
  browser on a slow link): the check says whether it survives the flood. The bystander itself is
  a Python client on one shared core: under a flood of 100,000 frames/s it falls behind too, as a
  real client would, and may be dropped (1008) by a server that lets the flood through.

Attack 1's reader, 5's poster and 11's flooder are in `lobby` too; every attacker comes from
its own 127.0.x.y address (attack 6 from 30, attack 7 from 100,000), the bystander and the
checks from 127.0.0.1. `--set KEY=VALUE` changes any scale figure (see SCALES), `--config INI`
gives the server a base configuration (keys a binary does not know are left out and reported),
`--keep-logs DIR` keeps each server's log.
"""

import argparse
import asyncio
import base64
import collections
import configparser
import datetime
import errno
import json
import math
import multiprocessing
import os
import platform
import re
import resource
import selectors
import shlex
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

import pinning

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "bystander-password-1"

# Scale of every attack. The full figures reproduce the thresholds where that is cheap
# enough (list_rooms over 8 MiB, a catch-up over 8 MiB, the 100,000-key throttle table); the
# quick ones only prove the script works.
SCALES = {
    "full": {
        "quiet": 2.0,            # s of quiet baseline before each attack
        "window": 10.0,          # s the bystander is measured while an attack runs (at least)
        "max_window": 240.0,     # s: a count-bound attack still running then is cut off
        "tail": 2.0,             # s measured after a count-bound attack is done
        "ack_grace": 10.0,       # s to wait for late acks after the window
        "prefill": 200,          # messages in lobby before the quiet baseline
        "hist_requests": 50000,  # 1: pipelined history requests (limit 200)
        "flood_mib": 1024,       # 2, 3: what the attacker makes the server answer, MiB at most
        "rss_cap_mib": 1536,     # 2, 3: stop flooding once the server's RSS passes this
        "rooms4": 5000,          # 4: unknown room names joined, 64 characters each
                                 #    (--tmpfs: 85,000, so that list_rooms passes 8 MiB)
        "big_messages": 130,     # 5: 64 KiB messages into lobby
        "big_size": 65536,
        "wrong_addresses": 30,   # 6: addresses sending wrong passwords at once...
        "wrong_per_address": 5,  # ...this many each, at once
        "token_addresses": 100000,  # 7: bad-token logins, one address each
        "idle_connections": 4500,   # 8: idle connections from one address...
        "server_fd_limit": 4096,    # ...to a server with this open-descriptor limit
        "guess_delay": 5,        # 9: accounts/max-login-delay for the bench, s
        "rooms10": 5000,         # 10: rooms joined before disconnecting (--tmpfs: 20,000)
        "slow_reader_kib": 256,  # 11: a lobby member reading this many KiB/s
    },
    "quick": {
        "quiet": 1.0, "window": 3.0, "max_window": 30.0, "tail": 1.0, "ack_grace": 5.0,
        "prefill": 200, "hist_requests": 5000, "flood_mib": 256, "rss_cap_mib": 1024,
        "rooms4": 2000, "big_messages": 130, "big_size": 65536, "wrong_addresses": 6,
        "wrong_per_address": 5, "token_addresses": 2000, "idle_connections": 2500,
        "server_fd_limit": 2048, "guess_delay": 2, "rooms10": 2000, "slow_reader_kib": 256,
    },
}

# With the data directory in memory (--tmpfs) a room costs no disk sync: the counts fit.
TMPFS_FULL = {"rooms4": 85000, "rooms10": 20000}

ATTACKS = {
    "1": "pipelined `history` requests, never reading",
    "2": "ping flood (125-byte pings), never reading",
    # The web client's largest file: app.js (57 KB) until issue 19 split it, session.js (40 KB)
    # since; the runs in docs/benchmarks.md before that asked for app.js.
    "3": "pipelined `GET /session.js`, never reading",
    "4": "a guest joins thousands of unknown room names",
    "5": "130 messages of 64 KiB into lobby",
    "6": "wrong-password logins from several addresses",
    "7": "bad-token logins from many addresses",
    "8": "idle connections from one address",
    "9": "slow password guessing at the bystander's name",
    "10": "an account joins many rooms and its connection drops",
    "11a": "message flood into lobby",
    "11b": "typing flood into lobby",
}


# ---------------------------------------------------------------------------------------------
# WebSocket, by hand

def upgrade_request(port, protocol="sori.v1", path="/ws"):
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Version: 13", f"Sec-WebSocket-Key: {key}"]
    if protocol:
        lines.append(f"Sec-WebSocket-Protocol: {protocol}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def mask(payload, key):
    n = len(payload)
    if not n:
        return b""
    k = (key * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "little") ^ int.from_bytes(k, "little")).to_bytes(n, "little")


def frame(opcode, payload):
    """One client frame: FIN, masked."""
    key = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    return head + key + mask(payload, key)


def text(obj):
    return frame(1, json.dumps(obj, separators=(",", ":")).encode())


def close_frame(code=1000):
    return frame(8, struct.pack("!H", code))


class FrameParser:
    """Server frames (unmasked) out of a byte stream: feed() returns [(opcode, payload)]."""

    def __init__(self):
        self.buf = bytearray()

    def feed(self, data):
        buf = self.buf
        buf += data
        out = []
        pos, n = 0, len(buf)
        while n - pos >= 2:
            b1 = buf[pos + 1]
            length, head = b1 & 0x7F, 2
            if length == 126:
                if n - pos < 4:
                    break
                length, head = (buf[pos + 2] << 8) | buf[pos + 3], 4
            elif length == 127:
                if n - pos < 10:
                    break
                length, head = int.from_bytes(buf[pos + 2:pos + 10], "big"), 10
            key = None
            if b1 & 0x80:
                key = bytes(buf[pos + head:pos + head + 4])
                head += 4
            end = pos + head + length
            if end > n:
                break
            payload = bytes(buf[pos + head:end])
            if key:
                payload = mask(payload, key)
            out.append((buf[pos] & 0x0F, payload))
            pos = end
        if pos:
            del buf[:pos]
        return out


def close_info(payload):
    if len(payload) >= 2:
        return f"close {struct.unpack('!H', payload[:2])[0]} " \
               f"{payload[2:].decode('utf-8', 'replace')!r}"
    return "close (no code)"


class Closed(Exception):
    pass


# --- blocking client (attackers, in their own process) --------------------------------------

def ws_open(port, src="127.0.0.1", protocol="sori.v1", timeout=10.0):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.bind((src, 0))
        sock.connect(("127.0.0.1", port))
        sock.sendall(upgrade_request(port, protocol))
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = sock.recv(4096)
            if not chunk:
                raise Closed("closed during the handshake")
            buf += chunk
    except BaseException:
        sock.close()
        raise
    head, rest = buf.split(b"\r\n\r\n", 1)
    if not head.startswith(b"HTTP/1.1 101"):
        sock.close()
        raise Closed(head.split(b"\r\n")[0].decode(errors="replace"))
    return sock, rest


class SClient:
    def __init__(self, port, src="127.0.0.1", timeout=10.0):
        self.sock, rest = ws_open(port, src, timeout=timeout)
        self.parser = FrameParser()
        self.queue = collections.deque(self.parser.feed(rest))
        self.closed = None

    def send(self, obj):
        self.sock.sendall(text(obj))

    def recv(self, timeout):
        """The next frame (opcode, payload), None on timeout; raises Closed."""
        deadline = time.monotonic() + timeout
        while not self.queue:
            if self.closed:
                raise Closed(self.closed)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(262144)
            except socket.timeout:
                return None
            except OSError as e:
                self.closed = f"connection lost ({e.strerror})"
                raise Closed(self.closed)
            if not data:
                self.closed = "connection lost (EOF)"
                raise Closed(self.closed)
            self.queue.extend(self.parser.feed(data))
        op, payload = self.queue.popleft()
        if op == 9:
            try:
                self.sock.sendall(frame(10, payload))
            except OSError:
                pass
        elif op == 8:
            self.closed = close_info(payload)
        return op, payload

    def request(self, obj, done=("welcome", "error"), timeout=30.0):
        self.send(obj)
        deadline = time.monotonic() + timeout
        while True:
            f = self.recv(deadline - time.monotonic())
            if f is None:
                raise TimeoutError(f"no answer to {obj['type']}")
            op, payload = f
            if op == 8:
                raise Closed(self.closed)
            if op == 1 and b'"id":"' in payload:
                msg = json.loads(payload)
                if msg.get("id") == obj.get("id") and msg.get("type") in done:
                    return msg

    def close(self):
        try:
            self.sock.sendall(close_frame())
        except OSError:
            pass
        self.sock.close()


def drain(sock, seconds, max_bytes=256 << 20, http=False):
    """What a connection that never read finds waiting: frame types / error codes / close."""
    counts = collections.Counter()
    parser = FrameParser()
    end = time.monotonic() + seconds
    got = 0
    sock.setblocking(True)
    while time.monotonic() < end and got < max_bytes:
        sock.settimeout(max(0.05, end - time.monotonic()))
        try:
            data = sock.recv(1 << 20)
        except socket.timeout:
            break
        except OSError as e:
            counts[f"connection lost ({e.strerror})"] += 1
            break
        if not data:
            counts["connection closed"] += 1
            break
        got += len(data)
        if http:
            counts["HTTP responses"] += data.count(b"HTTP/1.1 ")
            continue
        for op, payload in parser.feed(data):
            if op == 8:
                counts[close_info(payload)] += 1
            elif op == 10:
                counts["pongs"] += 1
            elif op == 1:
                if payload.startswith(b'{"code":"'):
                    counts[payload[9:payload.index(b'"', 9)].decode()] += 1
                else:  # the frame's own type is its last key
                    m = re.search(rb'"type":"(\w+)"\}$', payload)
                    counts[m.group(1).decode() if m else "text"] += 1
    return counts, got


def flood(sock, chunk, stop, deadline, max_bytes):
    """Writes chunk after chunk as fast as the server takes it, never reading."""
    sent, stalled, error = 0, 0.0, None
    view = memoryview(chunk)
    sock.settimeout(0.2)
    started = time.monotonic()
    while sent < max_bytes and not stop.is_set() and time.monotonic() < deadline:
        try:
            n = sock.send(view[sent % len(chunk):])
            sent += n
            stalled = 0.0
        except socket.timeout:
            stalled += 0.2
        except OSError as e:
            error = f"connection lost after {time.monotonic() - started:.1f} s ({e.strerror})"
            break
    return sent, error, stalled


def fmt_counts(counts):
    return ", ".join(f"{k} ×{v:,}" for k, v in counts.most_common()) or "nothing"


def mb(n):
    return f"{n / (1 << 20):,.1f} MiB"


def reader_thread(sock, stats, stop):
    """Reads and counts what a flooding attacker gets, cheaply enough to keep up: acks and
    error codes are counted in the raw bytes (one split at a chunk edge may be missed)."""
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    sock.settimeout(0.2)
    tail = b""
    while not stop.is_set():
        try:
            n = sock.recv_into(buf)
        except socket.timeout:
            continue
        except OSError as e:
            stats["closed"] = f"connection lost ({e.strerror})"
            break
        if not n:
            stats.setdefault("closed", "connection closed")
            break
        data = view[:n].tobytes()
        stats["acks"] += data.count(b'"type":"ack"}')
        if b'{"code":"' in data:
            for code in re.findall(rb'\{"code":"(\w+)"', data):
                stats["errors"][code.decode()] += 1
        if b'"slow_down"' in data:
            stats["errors"]["slow_down"] += data.count(b'"type":"slow_down"')
        tail = data[-200:]
    # A close frame at the very end: 0x88, a length under 126, the code.
    i = tail.rfind(b"\x88")
    while i >= 0:
        if i + 1 < len(tail) and tail[i + 1] == len(tail) - i - 2 and tail[i + 1] >= 2:
            stats["closed"] = close_info(tail[i + 2:])
            break
        i = tail.rfind(b"\x88", 0, i)


# --- many connections at once, non-blocking (attacks 7 and 8) --------------------------------

def multi_ws(port, sources, concurrency, timeout, message=None, keep=False, stop=None):
    """Opens one WebSocket connection per source address (an iterable of IPv4 strings).

    With `message` it sends that frame after the upgrade and waits for the first text frame:
    counts are then keyed by its error code. With `keep` upgraded connections stay open and are
    returned. Counts: "open", "<code>", "refused: <status>", "closed", "timed out".
    """
    sel = selectors.DefaultSelector()
    counts = collections.Counter()
    kept = []
    sources = iter(sources)
    active = 0
    exhausted = False

    def finish(sock, outcome, keep_it=False):
        nonlocal active
        active -= 1
        counts[outcome] += 1
        try:
            sel.unregister(sock)
        except (KeyError, ValueError):
            pass
        if keep_it:
            kept.append(sock)
        else:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
            sock.close()

    while True:
        while not exhausted and active < concurrency and not (stop and stop.is_set()):
            src = next(sources, None)
            if src is None:
                exhausted = True
                break
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            try:
                sock.bind((src, 0))
                err = sock.connect_ex(("127.0.0.1", port))
            except OSError as e:
                counts[f"local error ({e.strerror})"] += 1
                sock.close()
                continue
            if err not in (0, errno.EINPROGRESS):
                counts[f"connect: {os.strerror(err)}"] += 1
                sock.close()
                continue
            active += 1
            state = {"stage": "connect", "buf": b"", "deadline": time.monotonic() + timeout}
            sel.register(sock, selectors.EVENT_WRITE, state)
        if active == 0 and (exhausted or (stop and stop.is_set())):
            break
        for key, _ in sel.select(0.05):
            sock, state = key.fileobj, key.data
            if state["stage"] == "connect":
                err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    finish(sock, f"connect: {os.strerror(err)}")
                    continue
                try:
                    sock.send(upgrade_request(port))
                except OSError:
                    finish(sock, "closed")
                    continue
                state["stage"] = "upgrade"
                sel.modify(sock, selectors.EVENT_READ, state)
                continue
            try:
                data = sock.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                finish(sock, "closed")
                continue
            if not data:
                finish(sock, "closed")
                continue
            state["buf"] += data
            if state["stage"] == "upgrade":
                if b"\r\n\r\n" not in state["buf"]:
                    continue
                head, rest = state["buf"].split(b"\r\n\r\n", 1)
                if not head.startswith(b"HTTP/1.1 101"):
                    finish(sock, "refused: " + head.split(b"\r\n")[0].decode(errors="replace"))
                    continue
                if message is None:
                    finish(sock, "open", keep_it=keep)
                    continue
                state["stage"], state["buf"] = "reply", rest
                try:
                    sock.send(message)
                except OSError:
                    finish(sock, "closed")
                    continue
            if state["stage"] == "reply":
                for op, payload in FrameParser().feed(state["buf"]):
                    if op == 8:
                        finish(sock, close_info(payload))
                        break
                    if op == 1:
                        m = re.search(rb'"code":"(\w+)"', payload)
                        finish(sock, m.group(1).decode() if m else "answered")
                        break
        now = time.monotonic()
        for key in list(sel.get_map().values()):
            if key.data["deadline"] < now:
                finish(key.fileobj, "timed out")
    sel.close()
    return counts, kept


def addresses(base, count, skip=0):
    """count IPv4 loopback addresses from base (an integer, e.g. 127.1.0.1), as strings."""
    for i in range(skip, skip + count):
        n = base + i
        yield socket.inet_ntoa(struct.pack("!I", n))


def ip(s):
    return struct.unpack("!I", socket.inet_aton(s))[0]


# ---------------------------------------------------------------------------------------------
# The attacks. Each runs in its own process (so that it does not share the bystander's
# interpreter lock), sets `ready` when the damage is done (or going on) and the bystander's
# check may run, stops by itself or at `stop`, and returns {"got": summary, ...}.

def attack_1(p, stop, ready):
    c = SClient(p["port"], "127.0.0.2")
    c.request({"type": "hello", "id": "h", "protocol": 1, "name": "historian"})
    c.request({"type": "join", "id": "j", "room": "lobby"}, done=("history", "error"))
    n = p["hist_requests"]
    data = b"".join(text({"id": str(i), "limit": 200, "room": "lobby", "type": "history"})
                    for i in range(n))
    t0 = time.monotonic()
    sent, error, _ = flood(c.sock, data, stop, t0 + p["max_window"] - 10, len(data))
    took = time.monotonic() - t0
    ready.set()
    stop.wait(p["max_window"])
    counts, got = drain(c.sock, 2.0)
    c.sock.close()
    summary = f"sent {sent * n // len(data):,} of {n:,} requests ({mb(sent)}) in {took:.1f} s"
    if error:
        summary += f"; {error}"
    return {"got": f"{summary}; then read {mb(got)}: {fmt_counts(counts)}"}


def attack_flood(p, stop, ready, kind):
    deadline = time.monotonic() + p["window"]
    if kind == "ping":
        sock, _ = ws_open(p["port"], "127.0.0.2")
        unit = frame(9, b"p" * 125)
        answer = 127  # a pong's bytes
    else:
        sock = socket.create_connection(("127.0.0.1", p["port"]), timeout=10,
                                        source_address=("127.0.0.2", 0))
        # Once, read normally, to learn how big an answer is.
        req = f"GET /session.js HTTP/1.1\r\nHost: 127.0.0.1:{p['port']}\r\n\r\n".encode()
        probe = socket.create_connection(("127.0.0.1", p["port"]), timeout=10,
                                         source_address=("127.0.0.3", 0))
        probe.sendall(req.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
        answer = 0
        while True:
            chunk = probe.recv(65536)
            if not chunk:
                break
            answer += len(chunk)
        probe.close()
        unit = req
    count = max(1, int(p["flood_mib"] * (1 << 20) / answer))
    chunk = unit * max(1, (1 << 17) // len(unit))
    ready.set()
    t0 = time.monotonic()
    sent, error, stalled = flood(sock, chunk, stop, deadline, count * len(unit))
    took = time.monotonic() - t0
    what = "pings" if kind == "ping" else "requests"
    summary = f"sent {sent // len(unit):,} {what} ({mb(sent)}) in {took:.1f} s"
    if error:
        summary += f"; {error}"
    elif stalled >= 1.0:
        summary += f"; server stopped reading (writes blocked {stalled:.1f} s)"
    counts, got = drain(sock, 2.0, http=kind != "ping")
    sock.close()
    return {"got": f"{summary}; then read {mb(got)}: {fmt_counts(counts)}"}


def attack_2(p, stop, ready):
    return attack_flood(p, stop, ready, "ping")


def attack_3(p, stop, ready):
    return attack_flood(p, stop, ready, "http")


def join_many(c, names, stop, deadline, inflight=256):
    """Pipelined joins (reading every reply). Returns (joined, Counter of refusals, closed)."""
    counts = collections.Counter()
    names = iter(names)
    outstanding, joined, more = 0, 0, True
    sock = c.sock
    while (more or outstanding) and not stop.is_set() and time.monotonic() < deadline:
        batch = []
        while more and outstanding + len(batch) < inflight:
            name = next(names, None)
            if name is None:
                more = False
                break
            batch.append(text({"type": "join", "id": "j", "room": name}))
        if batch:
            try:
                sock.sendall(b"".join(batch))
            except OSError as e:
                return joined, counts, f"connection lost ({e.strerror})"
            outstanding += len(batch)
        try:
            f = c.recv(1.0)
        except Closed as e:
            return joined, counts, str(e)
        while f is not None:
            op, payload = f
            if op == 8:
                return joined, counts, c.closed
            if op == 1:
                if payload.startswith(b'{"code":"'):
                    counts[payload[9:payload.index(b'"', 9)].decode()] += 1
                    outstanding -= 1
                elif payload.startswith(b'{"id":"j","messages"') or \
                        b'"type":"history"' in payload[-40:]:
                    joined += 1
                    outstanding -= 1
                elif b'"slow_down"' in payload:
                    counts["slow_down"] += 1
            if not c.queue:
                break
            f = c.recv(0)
    return joined, counts, None


def wait_storage(c, room, timeout):
    """Sends one message and waits for its answer: acks come once stored, so everything the
    attacker queued before it is done (an error, e.g. not_joined, ends the wait too)."""
    try:
        c.request({"type": "send", "id": "drain", "room": room, "text": "done"},
                  done=("ack", "error"), timeout=timeout)
        return None
    except (Closed, TimeoutError, OSError) as e:
        return str(e)


def attack_4(p, stop, ready):
    c = SClient(p["port"], "127.0.0.2")
    c.request({"type": "hello", "id": "h", "protocol": 1, "name": "roomer"})
    n = p["rooms4"]
    t0 = time.monotonic()
    joined, counts, closed = join_many(c, (f"r{i:08d}" + "x" * 55 for i in range(n)), stop,
                                       t0 + p["max_window"] - 10)
    took = time.monotonic() - t0
    if joined and not closed:
        wait_storage(c, f"r{joined - 1:08d}" + "x" * 55, p["max_window"])
    stored = time.monotonic() - t0
    ready.set()
    got = f"{joined:,} of {n:,} joins of new 64-character names in {took:.1f} s " \
          f"(all stored after {stored:.1f} s)"
    if counts:
        got += f"; refused: {fmt_counts(counts)}"
    if closed:
        got += f"; {closed}"
    stop.wait(p["max_window"])
    c.sock.close()
    return {"got": got}


def attack_5(p, stop, ready):
    c = SClient(p["port"], "127.0.0.2")
    c.request({"type": "hello", "id": "h", "protocol": 1, "name": "poster"})
    c.request({"type": "join", "id": "j", "room": "lobby"}, done=("history", "error"))
    n, size = p["big_messages"], p["big_size"]
    body = "x" * size
    stats = {"acks": 0, "errors": collections.Counter()}
    t = threading.Thread(target=reader_thread, args=(c.sock, stats, stop), daemon=True)
    t.start()
    t0 = time.monotonic()
    for i in range(n):
        try:
            c.sock.sendall(text({"type": "send", "id": f"s{i}", "room": "lobby", "text": body}))
        except OSError as e:
            stats["closed"] = f"connection lost ({e.strerror})"
            break
    deadline = time.monotonic() + 30
    while stats["acks"] + sum(stats["errors"].values()) < n and "closed" not in stats \
            and time.monotonic() < deadline and not stop.is_set():
        time.sleep(0.05)
    took = time.monotonic() - t0
    ready.set()
    got = f"{stats['acks']} of {n} acked ({mb(n * size)}) in {took:.1f} s"
    if stats["errors"]:
        got += f"; refused: {fmt_counts(stats['errors'])}"
    if "closed" in stats:
        got += f"; {stats['closed']}"
    stop.wait(p["max_window"])
    c.sock.close()
    return {"got": got}


def attack_6(p, stop, ready):
    conns, failed = [], collections.Counter()
    for a in addresses(ip("127.0.1.1"), p["wrong_addresses"]):
        for _ in range(p["wrong_per_address"]):
            try:
                conns.append(SClient(p["port"], a))
            except (OSError, Closed) as e:
                failed[f"not connected: {e}"] += 1
    t0 = time.monotonic()
    for i, c in enumerate(conns):
        c.send({"type": "login", "id": "l", "protocol": 1, "name": f"nobody{i}",
                "password": "wrong password"})
    ready.set()
    counts = collections.Counter(failed)
    last = 0.0
    deadline = t0 + p["max_window"] - 10
    # All at once, so that every connection answers the server's pings while it waits.
    sel = selectors.DefaultSelector()
    for c in conns:
        sel.register(c.sock, selectors.EVENT_READ, c)
    pending = len(conns)
    while pending and not stop.is_set() and time.monotonic() < deadline:
        for key, _ in sel.select(0.5):
            c = key.data
            answer = None
            try:
                f = c.recv(0.01)
                while f is not None and answer is None:
                    op, payload = f
                    if op == 8:
                        answer = c.closed
                    elif op == 1 and b'"id":"l"' in payload:
                        msg = json.loads(payload)
                        answer = msg.get("code", msg["type"])
                    f = c.recv(0) if c.queue else None
            except Closed as e:
                answer = str(e)
            if answer is not None:
                counts[answer] += 1
                last = time.monotonic() - t0
                pending -= 1
                sel.unregister(c.sock)
    counts["no answer"] += pending
    if not counts["no answer"]:
        del counts["no answer"]
    sel.close()
    for c in conns:
        c.sock.close()
    return {"got": f"{len(conns)} wrong-password logins from {p['wrong_addresses']} addresses: "
                   f"{fmt_counts(counts)}; the last answered after {last:.1f} s"}


def token_try(port, src):
    try:
        c = SClient(port, src)
    except (OSError, Closed) as e:
        return f"not connected ({e})"
    try:
        msg = c.request({"type": "login", "id": "t", "protocol": 1,
                         "token": base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")},
                        timeout=10)
        return msg.get("code", msg["type"])
    except (Closed, TimeoutError) as e:
        return str(e)
    finally:
        c.sock.close()


def attack_7(p, stop, ready):
    n = p["token_addresses"]
    login = text({"type": "login", "id": "t", "protocol": 1, "token": "not-a-token"})
    base = ip("127.1.0.1")
    target = "127.0.2.1"
    first = max(0, n - 120)
    t0 = time.monotonic()
    counts, _ = multi_ws(p["port"], addresses(base, first), 256, 10.0, message=login, stop=stop)
    # An address with failures of its own: five at once, then one more after each delay, so
    # that it is blocked for 4 s when the last few addresses arrive.
    trace = [token_try(p["port"], target) for _ in range(5)]
    for wait in (1.05, 2.05):
        time.sleep(wait)
        trace.append(token_try(p["port"], target))
    before = token_try(p["port"], target)
    more, _ = multi_ws(p["port"], addresses(base, n - first, skip=first), 256, 10.0,
                       message=login, stop=stop)
    after = token_try(p["port"], target)
    counts.update(more)
    took = time.monotonic() - t0
    ready.set()
    verdict = "still throttled" if after == "throttled" else f"NOT throttled any more ({after})"
    return {"got": f"{sum(counts.values()):,} bad-token logins from as many addresses in "
                   f"{took:.1f} s: {fmt_counts(counts)}",
            "check": f"an address blocked before the last {n - first} ({before}): {verdict}"}


def attack_8(p, stop, ready):
    t0 = time.monotonic()
    counts, kept = multi_ws(p["port"], ["127.0.0.2"] * p["idle_connections"], 200, 3.0,
                            keep=True, stop=stop)
    took = time.monotonic() - t0
    ready.set()
    stop.wait(p["max_window"])
    alive = 0
    for s in kept:
        try:
            s.setblocking(False)
            alive += s.recv(1, socket.MSG_PEEK) != b""
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
        s.close()
    return {"got": f"{p['idle_connections']:,} connections tried in {took:.1f} s: "
                   f"{fmt_counts(counts)}; {alive:,} still open at the end"}


def attack_9(p, stop, ready):
    """Guesses the victim's password as often as the throttle lets a guess be checked: a try
    every 0.1 s, all refused (`throttled`, not counted) but the one just after a block ends.
    Ready once the block has grown to its cap: then the owner tries."""
    c = SClient(p["port"], "127.0.0.3")
    counts = collections.Counter()
    n = 0

    def guess():
        nonlocal n, c
        n += 1
        try:
            msg = c.request({"type": "login", "id": f"g{n}", "protocol": 1,
                             "name": p["victim"], "password": f"guess number {n}"})
            counts[msg.get("code", msg["type"])] += 1
        except (Closed, TimeoutError, OSError) as e:
            counts[str(e)] += 1
            c.sock.close()
            c = SClient(p["port"], "127.0.0.3")

    for _ in range(5):
        guess()
    t0 = time.monotonic()
    ramp = 5 + math.ceil(math.log2(max(p["guess_delay"], 1)))
    while not stop.wait(0.1):
        guess()
        if not ready.is_set() and (counts["bad_credentials"] >= ramp + 1
                                   or time.monotonic() - t0 > 3 * p["guess_delay"] + 5):
            ready.set()
            ramped = time.monotonic() - t0
    c.close()
    checked = counts.get("bad_credentials", 0)
    return {"got": f"{n:,} guesses (a try every 0.1 s): {fmt_counts(counts)}; the delay reached "
                   f"its cap ({p['guess_delay']} s) after {ramped:.1f} s, then the owner tried"
            if ready.is_set() else f"{n:,} guesses: {fmt_counts(counts)} ({checked} checked)"}


def attack_10(p, stop, ready):
    c = SClient(p["port"], "127.0.0.2")
    msg = c.request({"type": "register", "id": "r", "protocol": 1, "name": "roamer",
                     "password": "roamer-password"})
    if msg["type"] != "welcome":
        msg = c.request({"type": "hello", "id": "h", "protocol": 1, "name": "roamer"})
    n = p["rooms10"]
    t0 = time.monotonic()
    joined, counts, closed = join_many(c, (f"w{i:06d}" for i in range(n)), stop,
                                       t0 + p["max_window"] - 10)
    took = time.monotonic() - t0
    if joined and not closed:
        wait_storage(c, f"w{joined - 1:06d}", p["max_window"])
    stored = time.monotonic() - t0
    time.sleep(1.0)  # a quiet second before the disconnect
    t_disconnect = time.monotonic()
    if not closed:
        # Gone without a close frame, as a client whose network went away: the server keeps
        # its rooms for the presence grace period (the costly path, issue 18 row 10).
        c.sock.close()
    ready.set()
    time.sleep(2.0)  # the bystander is measured on for a while
    got = f"{joined:,} of {n:,} rooms joined as {msg.get('role', msg.get('code'))} in " \
          f"{took:.1f} s (all stored after {stored:.1f} s)"
    if counts:
        got += f"; refused: {fmt_counts(counts)}"
    got += f"; {closed}" if closed else "; then dropped the TCP connection (no close frame)"
    return {"got": got, "t_disconnect": t_disconnect}


def attack_11(p, stop, ready, typing):
    c = SClient(p["port"], "127.0.0.2")
    c.request({"type": "hello", "id": "h", "protocol": 1, "name": "flooder"})
    c.request({"type": "join", "id": "j", "room": "lobby"}, done=("history", "error"))
    if typing:
        units = [text({"active": i % 2 == 0, "room": "lobby", "type": "typing"})
                 for i in range(1000)]
    else:
        units = [text({"id": "f", "room": "lobby", "text": f"flood {i}", "type": "send"})
                 for i in range(1000)]
    chunk = b"".join(units)
    stats = {"acks": 0, "errors": collections.Counter()}
    t = threading.Thread(target=reader_thread, args=(c.sock, stats, stop), daemon=True)
    t.start()
    ready.set()
    t0 = time.monotonic()
    sent, error, stalled = flood(c.sock, chunk, stop, t0 + p["window"], 1 << 40)
    took = time.monotonic() - t0
    frames = sent * len(units) // len(chunk)
    what = "typing notices" if typing else "messages"
    got = f"sent {frames:,} {what} in {took:.1f} s ({frames / max(took, 1e-3):,.0f}/s)"
    if not typing:
        got += f", {stats['acks']:,} acked"
    if stats["errors"]:
        got += f"; {fmt_counts(stats['errors'])}"
    if error or "closed" in stats:
        got += f"; {stats.get('closed') or error}"
    c.sock.close()
    return {"got": got}


def attack_11a(p, stop, ready):
    return attack_11(p, stop, ready, typing=False)


def attack_11b(p, stop, ready):
    return attack_11(p, stop, ready, typing=True)


def child_main(key, params, stop, ready, results):
    try:
        result = globals()[f"attack_{key}"](params, stop, ready)
    except Exception as e:  # the attack itself failed: say so in the table
        import traceback
        traceback.print_exc()
        result = {"got": f"attack failed: {e.__class__.__name__}: {e}"}
    ready.set()
    results.put(result)


# ---------------------------------------------------------------------------------------------
# The server

class Server:
    def __init__(self, binary, work_dir, base_config=None, overrides=None, fd_limit=None,
                 pin=None):
        self.binary = os.path.abspath(binary)
        self.work_dir = work_dir
        self.base_config = base_config
        self.overrides = overrides or {}
        self.fd_limit = fd_limit
        self.pin = pin or pinning.Pinning(reason="not asked")
        self.dropped_keys = []
        self.proc = None

    def _write_config(self, skip):
        if not self.base_config and not self.overrides:
            return None
        cp = configparser.ConfigParser(interpolation=None)
        cp.optionxform = str
        if self.base_config:
            cp.read(self.base_config)
        for name, value in self.overrides.items():
            section, key = name.split("/", 1)
            if not cp.has_section(section):
                cp.add_section(section)
            cp.set(section, key, str(value))
        for name in skip:
            section, key = name.split("/", 1)
            cp.remove_option(section, key)
        path = os.path.join(self.data_dir, "hostile.ini")
        with open(path, "w") as f:
            cp.write(f)
        return path

    def start(self):
        self.data_dir = tempfile.mkdtemp(prefix="sori-hostile-", dir=self.work_dir)
        for _ in range(10):
            ini = self._write_config(self.dropped_keys)
            command = [self.binary, "--headless", "--port", "0", "--data-dir", self.data_dir]
            if ini:
                command += ["--config", ini]
            self.command = command
            prefix = self.pin.prefix("server")
            self.log_path = os.path.join(self.data_dir, "server.log")
            self.log = open(self.log_path, "w")
            limit = self.fd_limit

            def before():
                if limit:
                    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
            self.proc = subprocess.Popen(prefix + command, stdout=self.log,
                                         stderr=subprocess.STDOUT, preexec_fn=before)
            deadline = time.time() + 20
            while time.time() < deadline:
                with open(self.log_path, errors="replace") as f:
                    out = f.read()
                m = re.search(r"listening on port (\d+)", out)
                if m:
                    self.port = int(m.group(1))
                    return
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
            self.stop()
            unknown = re.search(r"unknown setting (\S+)", out)
            if unknown:
                self.dropped_keys.append(unknown.group(1))
                continue
            raise RuntimeError(f"{self.binary} did not start: {out[-2000:]}")
        raise RuntimeError(f"{self.binary} did not start")

    def status(self, field):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            pass
        return 0.0

    def cpu(self):
        try:
            with open(f"/proc/{self.proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return 0.0

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# ---------------------------------------------------------------------------------------------
# The bystander and the checks (asyncio, in this process)

class AClient:
    """A protocol v1 client on asyncio: requests by id; frames without an id are skipped."""

    def __init__(self, name):
        self.name = name
        self.waiters = {}   # id -> (frames, done types, future)
        self.handlers = {}  # id -> callback(msg, raw size)
        self.closed = None
        self.closed_at = None
        self.bytes_in = 0
        self.task = None
        self.unthrottled = False  # a slow reader reads at full speed from then on
        self.last_data = time.monotonic()

    async def connect(self, port, src="127.0.0.1", timeout=10.0, rate=None):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        if rate:  # a slow reader: a small window, as on a slow link
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sock.bind((src, 0))
        await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port)),
                               timeout)
        self.reader, self.writer = await asyncio.open_connection(sock=sock, limit=1 << 24)
        self.writer.write(upgrade_request(port))
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), timeout)
        if not head.startswith(b"HTTP/1.1 101"):
            raise Closed(head.split(b"\r\n")[0].decode(errors="replace"))
        self.task = asyncio.create_task(self._read(rate))
        return self

    def _lost(self, why):
        if self.closed is None:
            self.closed, self.closed_at = why, time.monotonic()
        for frames, _, fut in self.waiters.values():
            if not fut.done():
                fut.set_exception(Closed(why))
        self.waiters.clear()

    async def _read(self, rate):
        parser = FrameParser()
        size = 16384 if rate else 1 << 20
        try:
            while True:
                data = await self.reader.read(size)
                if not data:
                    self._lost("connection lost (EOF)")
                    return
                self.bytes_in += len(data)
                for op, payload in parser.feed(data):
                    if op == 1:
                        if payload.find(b'"id":"', 0, 400) >= 0 \
                                or payload.startswith(b'{"code"'):
                            self._dispatch(json.loads(payload), len(payload))
                    elif op == 9:
                        self.writer.write(frame(10, payload))
                    elif op == 8:
                        self._lost(close_info(payload))
                        try:
                            self.writer.write(close_frame())
                            self.writer.close()
                        except (OSError, RuntimeError):
                            pass
                        return
                self.last_data = time.monotonic()
                if rate and not self.unthrottled:
                    await asyncio.sleep(len(data) / rate)
        except (ConnectionError, OSError) as e:
            self._lost(f"connection lost ({e.__class__.__name__})")

    def _dispatch(self, msg, size):
        rid = msg.get("id")
        handler = self.handlers.pop(rid, None)
        if handler:
            handler(msg, size)
            return
        w = self.waiters.get(rid)
        if w:
            frames, done, fut = w
            frames.append((msg, size))
            if msg.get("type") in done and not fut.done():
                del self.waiters[rid]
                fut.set_result(frames)

    def send(self, obj):
        if self.closed:
            raise Closed(self.closed)
        self.writer.write(text(obj))

    async def request(self, obj, done=("welcome", "error"), timeout=30.0):
        """All frames with the request's id up to one whose type is in done: [(msg, size)]."""
        fut = asyncio.get_running_loop().create_future()
        self.waiters[obj["id"]] = ([], done, fut)
        self.send(obj)
        try:
            return await asyncio.wait_for(fut, timeout)
        finally:
            self.waiters.pop(obj["id"], None)

    async def sign_in(self, obj, timeout=30.0):
        frames = await self.request(dict(obj, protocol=1, id="s"), timeout=timeout)
        return frames[-1][0]

    def close(self):
        if self.task:
            self.task.cancel()
        try:
            if not self.closed:
                self.writer.write(close_frame())
            self.writer.close()
        except (OSError, RuntimeError):
            pass


async def fresh_client(port, sign_in, src="127.0.0.1", timeout=30.0):
    """Connects and signs in; returns (client, welcome or error message, seconds)."""
    t0 = time.perf_counter()
    c = AClient("probe")
    await c.connect(port, src, timeout=timeout)
    msg = await c.sign_in(sign_in, timeout=timeout)
    return c, msg, time.perf_counter() - t0


class Bystander:
    def __init__(self, client):
        self.c = client
        self.n = 0
        self.sent = {}
        self.lat = collections.defaultdict(list)   # phase -> [(monotonic sent, ms)]
        self.errors = collections.Counter()
        self.missing = collections.Counter()
        self.running = False

    def _reply(self, rid, phase, t0, mono):
        def on(msg, _size):
            self.sent.pop(rid, None)
            if msg.get("type") == "ack":
                self.lat[phase].append((mono, (time.perf_counter() - t0) * 1000))
            else:
                self.errors[msg.get("code", msg.get("type"))] += 1
        return on

    def send_one(self, phase):
        rid = f"b{self.n}"
        self.n += 1
        t0, mono = time.perf_counter(), time.monotonic()
        self.sent[rid] = phase
        self.c.handlers[rid] = self._reply(rid, phase, t0, mono)
        self.c.send({"id": rid, "msgId": rid, "room": "lobby", "text": f"bystander {rid}",
                     "type": "send"})

    async def run(self, phase, seconds=None):
        """Sends every 50 ms for `seconds`, or until self.running is cleared."""
        self.running = True
        loop = asyncio.get_running_loop()
        start, k = loop.time(), 0
        while self.running and not self.c.closed:
            due = start + k * 0.05
            if seconds is not None and due >= start + seconds:
                break
            delay = due - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if not self.running or self.c.closed:
                break
            self.send_one(phase)
            k += 1

    async def settle(self, grace):
        end = time.monotonic() + grace
        while self.sent and not self.c.closed and time.monotonic() < end:
            await asyncio.sleep(0.05)
        for rid, phase in self.sent.items():
            self.missing[phase] += 1
            self.c.handlers.pop(rid, None)
        self.sent.clear()


def percentile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, math.ceil(q / 100 * len(values)) - 1))]


# --- the checks run by the bystander's side, per attack -------------------------------------

async def wait_event(ev, timeout):
    end = time.monotonic() + timeout
    while not ev.is_set() and time.monotonic() < end:
        await asyncio.sleep(0.05)
    return ev.is_set()


async def check_list_rooms(port, ctx):
    if not await wait_event(ctx["ready"], ctx["max_window"]):
        return "the attack did not finish"
    c = None
    try:
        c, _, _ = await fresh_client(port, {"type": "hello", "name": "lister"})
        t0 = time.perf_counter()
        frames = await c.request({"id": "l", "type": "list_rooms"}, done=("rooms", "error"),
                                 timeout=60)
        msg, size = frames[-1]
        took = (time.perf_counter() - t0) * 1000
        if msg["type"] == "error":
            return f"list_rooms: {msg['code']} after {took:.0f} ms"
        more = ", more: true" if msg.get("more") else ""
        return f"list_rooms: {len(msg['rooms']):,} rooms, {mb(size)} in {took:.0f} ms{more}"
    except Closed as e:
        return f"list_rooms: dropped ({e})"
    except asyncio.TimeoutError:
        return "list_rooms: no answer in 60 s"
    finally:
        if c:
            c.close()


async def catch_up(port, since, target, tries=3):
    """Reconnects as `catcher` and joins lobby with since; follows pages until target."""
    results = []
    for attempt in range(tries):
        c = None
        t0 = time.perf_counter()
        top, pages, size = since, 0, 0
        try:
            c, msg, _ = await fresh_client(port, {"type": "hello", "name": f"catcher{attempt}"})
            frames = await c.request({"id": "c", "room": "lobby", "since": since, "type": "join"},
                                     done=("history", "error"), timeout=60)
            joined = next((m for m, _ in frames if m["type"] == "joined"), None)
            last, last_size = frames[-1]
            if last["type"] == "error":
                results.append(f"join since: {last['code']}")
                continue
            end = joined["seq"] if joined else target
            n = 0
            while True:
                pages += 1
                size += last_size
                if last.get("messages"):
                    top = max(top, max(m["seq"] for m in last["messages"]))
                if top >= end or not last.get("more"):
                    break
                n += 1
                while True:
                    frames = await c.request({"after": top, "before": end + 1, "id": f"p{n}",
                                              "limit": 200, "room": "lobby", "type": "history"},
                                             done=("history", "error"), timeout=60)
                    last, last_size = frames[-1]
                    if last["type"] == "error" and last["code"] in ("busy", "rate_limited"):
                        await asyncio.sleep(0.2)
                        continue
                    break
                if last["type"] == "error":
                    break
            took = time.perf_counter() - t0
            if top >= end:
                return (f"a member back with since={since} caught up to {top} in {took:.1f} s "
                        f"({pages} page{'s' if pages > 1 else ''}, {mb(size)})")
            results.append(f"stopped at {top} of {end}"
                           + (f" ({last['code']})" if last["type"] == "error" else ""))
        except Closed as e:
            results.append(f"dropped ({e})")
        except asyncio.TimeoutError:
            results.append("no answer in 60 s")
        finally:
            if c:
                c.close()
    return f"a member back with since={since}: " + "; ".join(
        f"{k} ×{v}" if v > 1 else k for k, v in collections.Counter(results).items()) + \
        f" ({tries} tries)"


async def check_catch_up(port, ctx):
    if not await wait_event(ctx["ready"], ctx["max_window"]):
        return "the attack did not finish"
    await asyncio.sleep(0.5)
    return await catch_up(port, ctx["since"], ctx["since"] + ctx["big_messages"])


async def timed_sign_in(port, obj, timeout=90.0):
    c = None
    try:
        c, msg, took = await fresh_client(port, obj, timeout=timeout)
        what = "ok" if msg["type"] == "welcome" else msg["code"]
        return f"{what} in {took * 1000:,.0f} ms"
    except Closed as e:
        return f"dropped ({e})"
    except (asyncio.TimeoutError, OSError) as e:
        if isinstance(e, asyncio.TimeoutError):
            return f"no answer in {timeout:.0f} s"
        return f"refused ({e.strerror or e})"
    finally:
        if c:
            c.close()


async def check_sign_ins(port, ctx):
    if not await wait_event(ctx["ready"], ctx["max_window"]):
        return "the attack did not start"
    await asyncio.sleep(0.3)
    token, password = await asyncio.gather(
        timed_sign_in(port, {"type": "login", "token": ctx["token"]}),
        timed_sign_in(port, {"type": "login", "name": "bystander", "password": PASSWORD}))
    return f"token sign-in: {token}; password sign-in: {password}"


async def check_connect(port, ctx):
    if not await wait_event(ctx["ready"], ctx["max_window"]):
        return "the attack did not finish"
    result = await timed_sign_in(port, {"type": "hello", "name": "newcomer"}, timeout=10.0)
    return f"a new client: {result}"


async def check_owner(port, ctx):
    if not await wait_event(ctx["ready"], ctx["max_window"]):
        return "the attack did not start"
    tries = collections.Counter()
    times = []
    first = None
    t0 = time.monotonic()
    while not ctx["stop"].is_set() and ctx["running"]():
        c = None
        try:
            c, msg, took = await fresh_client(port, {"type": "login", "name": "bystander",
                                                     "password": PASSWORD}, timeout=30)
            what = "ok" if msg["type"] == "welcome" else msg["code"]
            tries[what] += 1
            if what == "ok":
                times.append(took * 1000)
                if first is None:
                    first = (time.monotonic() - t0, sum(tries.values()))
        except (Closed, asyncio.TimeoutError, OSError) as e:
            tries[str(e) or e.__class__.__name__] += 1
        finally:
            if c:
                c.close()
        await asyncio.sleep(1.0)
    token = await timed_sign_in(port, {"type": "login", "token": ctx["token"]})
    ok = tries.get("ok", 0)
    s = f"the owner's password sign-ins, one a second: {ok} of {sum(tries.values())} ok"
    refused = {k: v for k, v in tries.items() if k != "ok"}
    if refused:
        s += " (" + ", ".join(f"{k} ×{v}" for k, v in refused.items()) + ")"
    if first:
        s += f"; the first at try {first[1]} ({first[0]:.1f} s), " \
             f"median {percentile(times, 50):.0f} ms"
    return s + f"; token sign-in: {token}"


async def slow_reader(port, kib):
    """A lobby member that reads kib KiB/s, as a browser on a slow link."""
    c = AClient("slow")
    await c.connect(port, rate=kib * 1024)
    await c.sign_in({"type": "hello", "name": "slowreader"})
    await c.request({"id": "j", "room": "lobby", "type": "join"}, done=("history", "error"))
    return c


# ---------------------------------------------------------------------------------------------
# One attack against one binary

CHECKS = {"4": check_list_rooms, "5": check_catch_up, "6": check_sign_ins, "8": check_connect,
          "9": check_owner}
HOLDS = {"1", "4", "5", "8"}      # done (ready) once their work is done, then hold until stop
FINISHES = {"6", "7", "10"}        # end by themselves once their work is done


def stats_of(lat):
    ms = [x for _, x in lat]
    return {"n": len(ms), "p50": percentile(ms, 50), "p99": percentile(ms, 99),
            "max": max(ms) if ms else None}


async def run_attack(key, binary, args, scale, work_dir):
    overrides, fd_limit = {}, None
    if key == "8":
        fd_limit = scale["server_fd_limit"]
    if key == "9":
        overrides["accounts/max-login-delay"] = scale["guess_delay"]
    server = Server(binary, work_dir, args.config, overrides, fd_limit, pin=args.pinning)
    server.start()
    mp = multiprocessing.get_context("spawn")
    stop, ready, results = mp.Event(), mp.Event(), mp.Queue()
    row = {"key": key, "attack": ATTACKS[key], "server": server.command,
           "dropped_keys": list(server.dropped_keys), "fd_limit": fd_limit,
           "overrides": {k: v for k, v in overrides.items() if k not in server.dropped_keys}}
    extra = []
    by = slow = None
    proc = None
    try:
        port = server.port
        by_client = AClient("bystander")
        await by_client.connect(port)
        welcome = await by_client.sign_in({"type": "register", "name": "bystander",
                                           "password": PASSWORD})
        if welcome["type"] != "welcome":
            raise RuntimeError(f"the bystander could not register: {welcome}")
        token = welcome["token"]
        frames = await by_client.request({"id": "j", "room": "lobby", "type": "join"},
                                         done=("history", "error"))
        by = Bystander(by_client)
        # Some history in lobby (what `history` requests read).
        acks = [by_client.request({"id": f"p{i}", "room": "lobby", "text": f"earlier {i}",
                                   "type": "send"}, done=("ack", "error"))
                for i in range(scale["prefill"])]
        replies = await asyncio.gather(*acks)
        since = max(m[-1][0].get("seq", 0) for m in replies) if replies else 0
        if key == "5":
            # A member who was here and will come back with since (its last seq).
            c, _, _ = await fresh_client(port, {"type": "hello", "name": "catcher"})
            f = await c.request({"id": "j", "room": "lobby", "type": "join"},
                                done=("history", "error"))
            since = f[0][0].get("seq", since)
            c.close()
        if key in ("11a", "11b"):
            slow = await slow_reader(port, scale["slow_reader_kib"])

        await by.run("quiet", scale["quiet"])
        params = dict(scale, port=port, victim="bystander")
        ctx = dict(scale, ready=ready, stop=stop, token=token, since=since,
                   running=lambda: by.running)
        cpu0, t_attack = server.cpu(), time.monotonic()
        proc = mp.Process(target=child_main, args=(key, params, stop, ready, results),
                          daemon=True)
        proc.start()
        send_task = asyncio.create_task(by.run("attack"))
        check_task = asyncio.create_task(CHECKS[key](port, ctx)) if key in CHECKS else None
        rss_peak, rss_note, t_ready, t_exit = 0.0, None, None, None
        window = scale["window"]
        while True:
            await asyncio.sleep(0.1)
            now = time.monotonic() - t_attack
            rss = server.status("VmRSS")
            rss_peak = max(rss_peak, rss)
            if rss > scale["rss_cap_mib"] and not stop.is_set():
                rss_note = f"server RSS passed {scale['rss_cap_mib']} MiB at {now:.1f} s: " \
                           f"attack stopped"
                stop.set()
            if rss > 3 * scale["rss_cap_mib"]:
                server.proc.kill()
            if not server.alive():
                extra.append(f"server exited ({server.proc.returncode})")
                break
            if ready.is_set() and t_ready is None:
                t_ready = now
            if key == "9":  # the owner tries for a window once the guessing is at its cap
                done = t_ready is not None and now - t_ready >= scale["window"]
            elif key in HOLDS:
                done = t_ready is not None and now - t_ready >= scale["tail"]
            elif key in FINISHES:
                if t_exit is None and not proc.is_alive():
                    t_exit = now
                done = t_exit is not None and now - t_exit >= scale["tail"]
            else:
                done = True
            checked = check_task is None or check_task.done() or key == "9"
            if (now >= window and done and checked) or now >= scale["max_window"]:
                if now >= scale["max_window"]:
                    extra.append(f"cut off at {scale['max_window']:.0f} s")
                break
        by.running = False
        stop.set()
        t_end = time.monotonic()
        cpu = max(0.0, server.cpu() - cpu0) / max(t_end - t_attack, 1e-3) * 100
        await send_task
        result = await asyncio.get_running_loop().run_in_executor(None, _get, results, 30)
        proc.join(5)
        check = None
        if check_task:
            try:
                check = await asyncio.wait_for(check_task, 60)
            except asyncio.TimeoutError:
                check = "the check did not finish"
        await by.settle(scale["ack_grace"])
        row.update({
            "quiet": stats_of(by.lat["quiet"]), "during": stats_of(by.lat["attack"]),
            "missing": by.missing["attack"] + by.missing["quiet"],
            "sent": by.n, "errors": dict(by.errors),
            "dropped": by_client.closed, "dropped_at": (by_client.closed_at - t_attack)
            if by_client.closed_at else None,
            "rss": max(server.status("VmHWM"), rss_peak), "cpu": cpu,
            "window": t_end - t_attack, "got": result.get("got", "?"),
        })
        if rss_note:
            extra.append(rss_note)
        if server.dropped_keys:
            extra.append("config keys this binary does not know, left out: "
                         + ", ".join(server.dropped_keys))
        if key == "10" and "t_disconnect" in result:
            t = result["t_disconnect"]
            near = [x for m, x in by.lat["attack"] if t - 0.1 <= m <= t + 3.0]
            stuck = [x for m, x in by.lat["attack"] if m < t and m + x / 1000 > t]
            worst = max(near + stuck) if near or stuck else None
            check = f"acks sent within 3 s of the disconnect: max {fmt_ms(worst)} ms" \
                if worst is not None else "no ack around the disconnect"
        if "check" in result:
            check = result["check"]
        if slow is not None:
            # It learns of a drop only once it has read what was sent before: read it now.
            slow_at = slow.closed_at
            slow.unthrottled = True
            end = time.monotonic() + 10
            while not slow.closed and time.monotonic() < end and \
                    time.monotonic() - slow.last_data < 1.0:
                await asyncio.sleep(0.1)
            s = f"slow reader ({scale['slow_reader_kib']} KiB/s): "
            if slow.closed:
                s += f"dropped ({slow.closed}" + (f", seen at {slow_at - t_attack:.1f} s)"
                                                  if slow_at else ", seen after the window)")
            else:
                s += f"still connected (read {mb(slow.bytes_in)})"
            check = s
        row["check"] = check or "—"
        row["notes"] = extra
    finally:
        if proc is not None and proc.is_alive():
            stop.set()
            proc.join(5)
            if proc.is_alive():
                proc.kill()
        for c in (by.c if by else None, slow):
            if c:
                c.close()
        server.stop()
        if args.keep_logs:
            os.makedirs(args.keep_logs, exist_ok=True)
            label = re.sub(r"\W+", "-", args.current_label)
            with open(server.log_path, errors="replace") as f, \
                    open(os.path.join(args.keep_logs, f"{label}-{key}.log"), "w") as out:
                out.writelines(f.readlines()[-3000:])
    return row


def _get(q, timeout):
    try:
        return q.get(True, timeout)
    except Exception:
        return {"got": "the attack reported nothing"}


# ---------------------------------------------------------------------------------------------
# Output

def fmt_ms(v):
    if v is None:
        return "–"
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def md_cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def dropped_text(row):
    if not row.get("dropped"):
        return "no"
    return f"yes, at {row['dropped_at']:.1f} s: {row['dropped']}"


def table(rows, label):
    out = [f"**{label}**", "",
           "| # | attack | quiet p99 ms | ack p50 ms | ack p99 ms | ack max ms | acks missing "
           "| bystander dropped? | peak RSS MiB | server CPU | bystander's check | what the "
           "attacker got |",
           "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['key']} | {md_cell(r['attack'])} | | | | | | | | | "
                       f"run failed: {md_cell(r['error'])} | |")
            continue
        d = r["during"]
        notes = "; ".join(r["notes"])
        got = r["got"] + (f" ({notes})" if notes else "")
        missing = f"{r['missing']} of {r['sent']}"
        if r["errors"]:
            missing += " (" + ", ".join(f"{k} ×{v}" for k, v in r["errors"].items()) + ")"
        out.append(
            f"| {r['key']} | {md_cell(r['attack'])} | {fmt_ms(r['quiet']['p99'])} | "
            f"{fmt_ms(d['p50'])} | {fmt_ms(d['p99'])} | {fmt_ms(d['max'])} | {missing} | "
            f"{md_cell(dropped_text(r))} | {r['rss']:,.0f} | {r['cpu']:.0f} % | "
            f"{md_cell(r['check'])} | {md_cell(got)} |")
    return out


def compare_table(a_rows, b_rows, la, lb):
    out = [f"**{la} → {lb}**", "",
           f"| # | attack | ack p50 ms | ack p99 ms | ack max ms | acks missing | bystander "
           f"dropped? | peak RSS MiB | server CPU | bystander's check ({la}) | bystander's check "
           f"({lb}) |",
           "|---|---|---:|---:|---:|---:|---|---:|---:|---|---|"]
    b_by = {r["key"]: r for r in b_rows}
    for a in a_rows:
        b = b_by.get(a["key"])
        if not b or "error" in a or "error" in b:
            continue

        def pair(f):
            return f"{f(a)} → {f(b)}"
        out.append(
            f"| {a['key']} | {md_cell(a['attack'])} | "
            f"{pair(lambda r: fmt_ms(r['during']['p50']))} | "
            f"{pair(lambda r: fmt_ms(r['during']['p99']))} | "
            f"{pair(lambda r: fmt_ms(r['during']['max']))} | {pair(lambda r: r['missing'])} | "
            f"{pair(lambda r: 'yes' if r['dropped'] else 'no')} | "
            f"{pair(lambda r: format(r['rss'], ',.0f'))} | "
            f"{pair(lambda r: format(r['cpu'], '.0f') + ' %')} | {md_cell(a['check'])} | "
            f"{md_cell(b['check'])} |")
    return out


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"{cpu}, {os.cpu_count()} cores, kernel {platform.release()}, load average "
            f"{' '.join(open('/proc/loadavg').read().split()[:3])}")


def header(args, binaries, scale_name, scale):
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    changed = {k: v for k, v in scale.items() if SCALES[scale_name].get(k) != v}
    lines = [f"Hostile neighbour ({when}): `{' '.join(shlex.quote(a) for a in sys.argv)}`", "",
             f"- machine: {machine()}",
             f"- {args.pinning.describe('bench and all clients')}",
             f"- scale: {scale_name}" + (f", changed: {changed}" if changed else ""),
             "- data directories in /dev/shm (tmpfs: a commit costs no disk sync)" if args.tmpfs
             else f"- data directories on disk ({tempfile.gettempdir()}, every ack waits for a "
                  "disk sync: storage/synchronous = full)",
             "- the bystander (an account, in lobby) sends a message every 50 ms: "
             f"{scale['quiet']:.0f} s quiet, then at least {scale['window']:.0f} s during the "
             "attack (longer while a bounded attack is still at work); ack times from send to ack",
             "- server defaults except: attack 8 runs with an open-descriptor limit of "
             f"{scale['server_fd_limit']}; attack 9 with accounts/max-login-delay = "
             f"{scale['guess_delay']} s" + (f"; base config {args.config}" if args.config else "")]
    for label, binary in binaries:
        st = os.stat(binary)
        built = datetime.datetime.fromtimestamp(st.st_mtime, datetime.timezone.utc)
        lines.append(f"- {label}: `{binary}` (built {built:%Y-%m-%d %H:%M UTC})")
    return lines


async def run_all(args, binaries, keys, scale, work_dir):
    # Attack by attack, each binary in turn: a drift of the machine's load hits both alike.
    rows_of = {label: [] for label, _ in binaries}
    for key in keys:
        for label, binary in binaries:
            args.current_label = label
            rows = rows_of[label]
            print(f"==> [{label}] attack {key}: {ATTACKS[key]}", flush=True)
            try:
                row = await run_attack(key, binary, args, scale, work_dir)
            except Exception as e:
                import traceback
                traceback.print_exc()
                row = {"key": key, "attack": ATTACKS[key], "error": f"{type(e).__name__}: {e}"}
            rows.append(row)
            if "error" not in row:
                d = row["during"]
                print(f"    ack p50 {fmt_ms(d['p50'])} p99 {fmt_ms(d['p99'])} max "
                      f"{fmt_ms(d['max'])} ms, missing {row['missing']}, dropped "
                      f"{dropped_text(row)}, RSS {row['rss']:,.0f} MiB, CPU {row['cpu']:.0f} %"
                      f"\n    check: {row['check']}\n    attacker: {row['got']}"
                      + (f"\n    notes: {'; '.join(row['notes'])}" if row["notes"] else ""),
                      flush=True)
            else:
                print(f"    failed: {row['error']}", flush=True)
    return [(label, rows_of[label]) for label, _ in binaries]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=os.path.join(ROOT, "build", "server", "sori-server"))
    parser.add_argument("--label", default=None, help="the column label (default: the path)")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"),
                        help="run both binaries and print them side by side")
    parser.add_argument("--labels", nargs=2, default=["before", "after"], metavar=("LA", "LB"))
    parser.add_argument("--attacks", default="all",
                        help="comma-separated: 1..11 (11 = 11a,11b), default all")
    parser.add_argument("--quick", action="store_true", help="small counts, short windows")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="change a scale figure (see SCALES in the script)")
    parser.add_argument("--config", help="a base INI for the server (default: none)")
    parser.add_argument("--tmpfs", action="store_true",
                        help="data directories in /dev/shm (no disk syncs; more rooms for 4, 10)")
    pinning.add_arguments(parser)
    parser.add_argument("--no-pin", dest="unpinned", action="store_true",
                        help="the same as --unpinned")
    parser.add_argument("--out", help="also write the Markdown here")
    parser.add_argument("--keep-logs", metavar="DIR", help="keep each server's log tail here")
    args = parser.parse_args()

    scale_name = "quick" if args.quick else "full"
    scale = dict(SCALES[scale_name])
    if args.tmpfs and scale_name == "full":
        scale.update(TMPFS_FULL)
    for item in args.set:
        k, _, v = item.partition("=")
        if k not in scale:
            parser.error(f"unknown scale figure {k} (one of {', '.join(scale)})")
        scale[k] = type(scale[k])(float(v)) if isinstance(scale[k], int) else float(v)

    keys = []
    for k in (args.attacks.split(",") if args.attacks != "all" else ["1-11"]):
        k = k.strip()
        if k == "1-11":
            keys += list(ATTACKS)
        elif k == "11":
            keys += ["11a", "11b"]
        elif k in ATTACKS:
            keys.append(k)
        else:
            parser.error(f"unknown attack {k}")

    if args.compare:
        if args.labels[0] == args.labels[1]:
            parser.error("--labels must differ")
        binaries = list(zip(args.labels, args.compare))
    else:
        binaries = [(args.label or args.server, args.server)]
    for _, b in binaries:
        if not os.access(b, os.X_OK):
            parser.error(f"{b} is not an executable")
    binaries = [(label, os.path.abspath(b)) for label, b in binaries]

    # Many connections (attacks 7, 8): as many descriptors as allowed.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    try:
        args.pinning = pinning.plan(args)
    except ValueError as e:
        parser.error(str(e))
    print(f"==> pinning: {args.pinning.describe('bench and all clients')}", flush=True)
    if args.pinning.pinned:
        os.sched_setaffinity(0, args.pinning.loadgen)

    with tempfile.TemporaryDirectory(prefix="sori-hostile-",
                                     dir="/dev/shm" if args.tmpfs else None) as work_dir:
        all_rows = asyncio.run(run_all(args, binaries, keys, scale, work_dir))

    lines = header(args, binaries, scale_name, scale) + [""]
    if len(all_rows) == 2:
        lines += compare_table(all_rows[0][1], all_rows[1][1], all_rows[0][0],
                               all_rows[1][0]) + [""]
    for label, rows in all_rows:
        lines += table(rows, label) + [""]
    md = "\n".join(lines)
    print()
    print(md)
    if args.out:
        with open(args.out, "w") as f:
            f.write(md + "\n")


if __name__ == "__main__":
    main()
