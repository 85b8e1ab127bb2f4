#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Sets everything up and runs every test: unit, integration, browser, formatting.
# Options are passed on to ctest (for example: scripts/test.sh -L unit).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh" --for-tests
cd "${SORI_BUILD_DIR:-$root/build}"
exec ctest --output-on-failure "$@"
