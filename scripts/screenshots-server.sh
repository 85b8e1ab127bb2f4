#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Renders the server window's screenshots into docs/screenshots/ (sori-server-<tab>-<lang>.png),
# offscreen: the real window over an in-process server with several clients connected.
# SORI_BUILD_DIR chooses the build directory (default: build/ in the source tree).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    echo "screenshots-server: Korean needs fonts-noto-cjk: run scripts/setup.sh --for-tests" >&2
    exit 1
fi
cmake --build "$build_dir" --target sori-server-screenshots
export QT_QPA_PLATFORM=offscreen
for lang in en ko; do
    "$build_dir/tests/gui/server/sori-server-screenshots" "$root/docs/screenshots" "$lang"
done
cp "$root/docs/screenshots/sori-server-online-en.png" "$root/docs/screenshots/sori-server.png"
echo "Screenshots are in $root/docs/screenshots/"
