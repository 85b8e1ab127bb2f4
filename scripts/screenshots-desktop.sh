#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Renders sori-chat's screenshots into docs/screenshots/ (sori-chat-signin-<lang>.png,
# sori-chat-conversation-<lang>.png, sori-chat-reply-<lang>.png (a formatted message, a reply
# with reactions), sori-chat-certificate{,-changed}-<lang>.png, sori-chat-unread-<lang>.png and
# sori-chat-search-<lang>.png, for en and ko), offscreen: the real widgets against an in-process server with a few clients talking.
# SORI_BUILD_DIR chooses the build directory (default: build/ in the source tree).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then
    echo "screenshots-desktop: Korean needs fonts-noto-cjk: run scripts/setup.sh --for-tests" >&2
    exit 1
fi
cmake --build "$build_dir" --target sori-chat-screenshots
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="sori.*.debug=false;sori.*.info=false"
for lang in en ko; do
    "$build_dir/tests/gui/desktop/sori-chat-screenshots" "$root/docs/screenshots" "$lang"
done
echo "Screenshots are in $root/docs/screenshots/"
