#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Sets everything up and starts sori-server on port 8080 with its embedded defaults.
# Options are passed on to sori-server (see: scripts/start.sh --help).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
exec "${SORI_BUILD_DIR:-$root/build}/server/sori-server" "$@"
