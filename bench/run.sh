#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Runs the whole benchmark (docs/benchmarks.md): builds sori-server, the load generator, the
# naive Qt relay and the plot tool, installs the Node ws relay (npm ci), runs scenarios A-G
# against every server and writes docs/benchmarks.md and docs/benchmarks/*.png.
#   bench/run.sh            the full run (about half an hour on 2 cores)
#   bench/run.sh --quick    short steps, no 50,000-connection run (a few minutes)
#   bench/run.sh --only A,B --servers sori-v1,qt-naive   a part of it
#   bench/run.sh --unpinned the server and the load generator unpinned (also SORI_BENCH_PIN=0)
# By default the server (and each peer in its place) runs pinned with taskset to the first half of
# the cores, the load generator to the others: on 2 cores, CPU 0 and CPU 1 (bench/pinning.py;
# --server-cpus and --loadgen-cpus choose others). The report's header says how a run was pinned.
# SORI_BENCH_BUILD_DIR chooses the build directory (default: build-bench/ in the source tree).
# Installs what it needs with scripts/setup.sh --for-tests. Run it as root (or with a
# hard descriptor limit of at least 120,000) for the 50,000-connection run.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_BENCH_BUILD_DIR:-$root/build-bench}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# What a fresh machine lacks (Qt, Node and npm, python3) comes from the project's setup script,
# which also builds everything in the benchmark's build directory.
SORI_BUILD_DIR=$build_dir "$root/scripts/setup.sh" --for-tests

node_dir=$root/bench/peers/node-ws
stamp=$node_dir/node_modules/.sori-lock-stamp
if ! cmp -s "$node_dir/package-lock.json" "$stamp" 2>/dev/null; then
    say "Installing the Node ws relay (npm ci)"
    (cd "$node_dir" && npm ci --no-audit --no-fund)
    cp "$node_dir/package-lock.json" "$stamp"
fi

exec python3 "$root/bench/bench.py" --build-dir "$build_dir" "$@"
