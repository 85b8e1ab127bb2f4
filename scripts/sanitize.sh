#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Builds the whole tree, tests included, with AddressSanitizer and UndefinedBehaviorSanitizer
# (SORI_SANITIZE, g++) and runs the unit, integration and gui tests under them: any memory
# error, leak or undefined behaviour in our code fails the test that ran into it.
#   scripts/sanitize.sh                   those three groups
#   scripts/sanitize.sh -R tst_hub        options are passed on to ctest instead of the labels
# SORI_SANITIZE_BUILD_DIR chooses the build directory (default: build-asan/ in the source tree).
# Suppressions (third-party code only, one comment each) are in tests/sanitize/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_SANITIZE_BUILD_DIR:-$root/build-asan}
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DSORI_SANITIZE=address,undefined >/dev/null
fi
say "Building with AddressSanitizer and UBSan in $build_dir"
cmake --build "$build_dir"

supp=$root/tests/sanitize
# Leak detection is off for now: the unit tests are clean with it, but the integration tests
# (tst_relay: 1092 bytes in 21 QArrayData blocks) report leaks whose stacks end inside Qt, which
# is built without frame pointers, so nobody knows yet whether they are ours. Trace them with
# ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 scripts/sanitize.sh -R tst_relay, fix or
# suppress (tests/sanitize/lsan.supp), then turn this on (docs/testing.md).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:strict_init_order=1:detect_stack_use_after_return=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$supp/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp}
# The browser tests (Chromium and Node, which test the web client more than the server) and the
# benchmark smoke tests stay in the normal build: see docs/testing.md.
# tst_freememory measures how much glibc's malloc gives back to the system after a burst; under
# AddressSanitizer the allocator is ASan's (freed blocks wait in its quarantine), so there is
# nothing of ours to check there. It runs in the normal build.
args=("$@")
[ "${#args[@]}" -eq 0 ] && args=(-L 'unit|integration|gui' -E '^tst_freememory$')
say "Running the tests under the sanitizers"
cd "$build_dir"
ctest --output-on-failure "${args[@]}"
