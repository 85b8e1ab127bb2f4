#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Sets everything up and runs every test: unit, integration, browser, formatting; then the fuzz
# targets (scripts/fuzz.sh, 60 s each) and the tests built with sanitizers (scripts/sanitize.sh),
# each in a build directory of its own.
# Options are passed on to ctest (for example: scripts/test.sh -L unit); with options, or with
# SORI_SKIP_SLOW=1, only ctest runs in the normal build: no fuzzing, no sanitizer build.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" --for-tests
cd "${SORI_BUILD_DIR:-$root/build}"
if [ "$#" -gt 0 ] || [ "${SORI_SKIP_SLOW:-0}" = 1 ]; then
    exec ctest --output-on-failure "$@"
fi
# Every job runs even when one before it failed, so that one CI run reports all of them.
status=0
ctest --output-on-failure || status=1
"$root/scripts/fuzz.sh" || status=1
"$root/scripts/sanitize.sh" || status=1
exit "$status"
