#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Builds the libFuzzer targets (tests/fuzz, clang) and runs each for a bounded time, starting from
# its committed corpus (tests/fuzz/corpus/<target>). Fails if any target crashes, naming the input.
#   scripts/fuzz.sh                          every target, 60 s each
#   SORI_FUZZ_SECONDS=3600 scripts/fuzz.sh fuzz_fastdecoder    one target for an hour
# Extra libFuzzer flags go in SORI_FUZZ_FLAGS (e.g. "-jobs=2 -workers=2", "-max_len=65536").
# SORI_FUZZ_BUILD_DIR chooses the build directory (default: build-fuzz/ in the source tree); what
# a run finds is kept in its corpus/ (so a next run goes on from there) and crashes in crashes/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${SORI_FUZZ_SECONDS:-60}
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

clang=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$clang" ]; then
    echo "fuzz: clang++ not found: scripts/setup.sh --for-tests installs it" >&2
    exit 1
fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSORI_FUZZ=ON \
        -DCMAKE_CXX_COMPILER="$clang" >/dev/null
fi
say "Building the fuzz targets in $build_dir"
cmake --build "$build_dir"

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(fuzz_websocketframe fuzz_httprequest fuzz_v1decoder fuzz_fastdecoder)
fi
# UB aborts (the targets are built with -fno-sanitize-recover); reports name file and line.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
failed=()
for target in "${targets[@]}"; do
    corpus=$build_dir/corpus/$target
    crashes=$build_dir/crashes
    mkdir -p "$corpus" "$crashes"
    dict=()
    case $target in
    fuzz_v1decoder | fuzz_fastdecoder) dict=(-dict="$root/tests/fuzz/json.dict") ;;
    esac
    say "Fuzzing $target for ${seconds}s"
    # New inputs go to the first directory (the build's), never into the committed corpus.
    # shellcheck disable=SC2086 # SORI_FUZZ_FLAGS is a list of flags
    if ! "$build_dir/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$crashes/$target-" "${dict[@]}" ${SORI_FUZZ_FLAGS:-} \
        "$corpus" "$root/tests/fuzz/corpus/$target" >"$build_dir/$target.log" 2>&1; then
        tail -n 60 "$build_dir/$target.log"
        failed+=("$target")
        echo "fuzz: $target failed; the input is in the 'Test unit written to' line above."
        echo "      Reproduce: $build_dir/tests/fuzz/$target <that file>"
    else
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' \
            "$build_dir/$target.log" || true
    fi
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: FAILED: ${failed[*]} (fix the bug, then commit the input to tests/fuzz/corpus/<target>/)" >&2
    exit 1
fi
say "Every fuzz target ran ${seconds}s without a crash"
