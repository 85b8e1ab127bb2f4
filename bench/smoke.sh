#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# CI smoke run of the load generator (ctest bench_smoke): starts a real sori-server on a free
# port with a fresh data directory, then runs a few seconds of load in plain mode and in
# protocol v1. Correctness only: sori-loadgen fails when a message is missing, duplicated or out
# of order, when a connection fails, or when the server answers with an error.
#   smoke.sh <sori-server> <sori-loadgen>
# The server and the load generator are pinned to separate cores as in bench/run.sh
# (bench/pinning.py; SORI_BENCH_PIN=0 leaves them unpinned, so does a machine with one core).
set -euo pipefail

server_bin=$1
loadgen=$2
server_cpus=
loadgen_cpus=
pinning="unpinned (no python3 to plan it)"
if command -v python3 >/dev/null; then
    eval "$(python3 "$(dirname "${BASH_SOURCE[0]}")/pinning.py" --shell)"
fi
server_pin=()
loadgen_pin=()
if [ -n "$server_cpus" ]; then
    server_pin=(taskset -c "$server_cpus")
    loadgen_pin=(taskset -c "$loadgen_cpus")
fi
echo "smoke: $pinning"
work=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The v1 load generator's clients are guests that make their rooms by joining them (the first
# one in each room): a server takes that from no guest unless its configuration says so. The
# "max" runs send as fast as the load generator can, thousands of messages a second per sender,
# far over the default rate limit of sends (docs/admin.md): lifted, as in bench/sori-bench.ini.
printf '[rooms]\nguest-rooms-per-session = 1\n[rates]\nsend-per-minute = 0\n' >"$work/sori.ini"
"${server_pin[@]}" "$server_bin" --headless --port 0 --data-dir "$work/data" \
    --config "$work/sori.ini" >"$work/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 200); do
    port=$(sed -n 's/.*is listening on port \([0-9]*\)\..*/\1/p' "$work/server.log")
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
done
if [ -z "$port" ]; then
    echo "smoke: sori-server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
echo "smoke: sori-server (pid $server_pid) on port $port"

common=(--port "$port" --server-pid "$server_pid" --duration 2 --drain 20)
load=("${loadgen_pin[@]}" "$loadgen" "${common[@]}")
status=0
# Plain mode: 50 connections in lobby, 5 senders at a fixed rate, then as fast as they can.
"${load[@]}" --label "plain, fixed rate" --connections 50 --senders 5 --rate 500 \
    --plain-greeting || status=1
"${load[@]}" --label "plain, max" --connections 50 --senders 5 --window 16 \
    --plain-greeting || status=1
# Protocol v1: guests in 4 rooms, messages stored and acknowledged.
"${load[@]}" --label "v1, fixed rate" --v1 --connections 80 --senders 8 --rooms 4 \
    --rate 400 || status=1
"${load[@]}" --label "v1, max" --v1 --connections 40 --senders 4 --window 16 \
    || status=1
if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "smoke: sori-server died:" >&2
    cat "$work/server.log" >&2
    status=1
fi
exit $status
