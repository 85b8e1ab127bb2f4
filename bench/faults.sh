#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# The load generator's own test (ctest loadgen_catches_faults): every benchmark and the CI smoke
# run trust sori-loadgen to fail a run that lost, repeated or reordered a message. Here the naive
# relay breaks each of those on purpose (qt-naive-relay --fault), and sori-loadgen must fail the
# run and count the fault; the same relay without a fault must pass.
#   faults.sh <qt-naive-relay> <sori-loadgen>
set -euo pipefail

relay_bin=$1
loadgen=$2
work=$(mktemp -d)
relay_pid=
stop_relay() {
    if [ -n "$relay_pid" ]; then
        kill "$relay_pid" 2>/dev/null || true
        wait "$relay_pid" 2>/dev/null || true
        relay_pid=
    fi
}
trap 'stop_relay; rm -rf "$work"' EXIT

status=0
# check <fault or "none"> <what the summary must say>
check() {
    local fault=$1 expect=$2
    local args=(--port 0)
    [ "$fault" != none ] && args+=(--fault "$fault")
    "$relay_bin" "${args[@]}" >"$work/relay.log" 2>&1 &
    relay_pid=$!
    local port=
    for _ in $(seq 1 100); do
        port=$(sed -n 's/.*listening on port \([0-9]*\)\..*/\1/p' "$work/relay.log")
        [ -n "$port" ] && break
        sleep 0.05
    done
    if [ -z "$port" ]; then
        echo "faults: qt-naive-relay did not start: $(cat "$work/relay.log")" >&2
        status=1
        stop_relay
        return
    fi
    local exit_status=0
    "$loadgen" --port "$port" --no-self --connections 20 --senders 4 --rate 400 --duration 1 \
        --drain 2 >"$work/out.txt" 2>&1 || exit_status=$?
    stop_relay
    local summary
    summary=$(grep -m1 'delivered ' "$work/out.txt" || true)
    local want_status=1
    [ "$fault" = none ] && want_status=0
    if [ "$exit_status" != "$want_status" ] || ! grep -Eq "$expect" <<<"$summary"; then
        echo "faults: $fault: exit status $exit_status (want $want_status), summary:" >&2
        cat "$work/out.txt" >&2
        status=1
        return
    fi
    echo "faults: $fault: exit status $exit_status, $summary"
}

check none 'missing 0, duplicated 0, out of order 0'
check drop:50 'missing [1-9][0-9]*,'
check duplicate:50 'duplicated [1-9][0-9]*,'
check reorder:10 'out of order [1-9][0-9]*'
exit $status
