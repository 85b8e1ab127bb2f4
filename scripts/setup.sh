#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Installs what Sori needs on Debian 12 (only what is missing, with apt-get) and builds it.
#   scripts/setup.sh              build dependencies, then build
#   scripts/setup.sh --for-tests  also Node.js, Chromium, the browser-test packages, clang and Xvfb
# SORI_BUILD_DIR chooses the build directory (default: build/ in the source tree).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${SORI_BUILD_DIR:-$root/build}
for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo_cmd=(sudo)
    else
        echo "setup: not root and no sudo: install packages as root, or run this as root." >&2
        exit 1
    fi
fi

packages=(
    g++ cmake ninja-build pkgconf clang-format
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev libqt6sql6-sqlite libsqlite3-dev libsodium-dev
    libjemalloc-dev libssl-dev libicu-dev openssl
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ "$for_tests" = 1 ]; then
    # Node may come from elsewhere than Debian (its npm then comes with it): look for the commands.
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v python3 >/dev/null 2>&1 || missing+=(python3) # bench/run.sh
    # Korean text in the screenshots the browser tests make (docs/screenshots).
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" \
        || missing+=(fonts-noto-cjk)
    # Emoji (reactions) in the same screenshots.
    dpkg-query -W -f='${Status}' fonts-noto-color-emoji 2>/dev/null | grep -q "install ok installed" \
        || missing+=(fonts-noto-color-emoji)
    # The fuzz targets (clang with libFuzzer's runtime) and readable sanitizer reports
    # (llvm-symbolizer): scripts/fuzz.sh and scripts/sanitize.sh.
    # certutil (libnss3-tools): the TLS browser test trusts its test CA in an NSS database. And
    # Xvfb (xvfb, with xauth for xvfb-run): the desktop tests of sori-chat's command line run it
    # under a real X server of their own.
    for package in clang libclang-rt-14-dev llvm libnss3-tools xvfb xauth; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
fi
if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -q
    "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "$for_tests" = 1 ]; then
    browser_dir=$root/tests/browser
    stamp=$browser_dir/node_modules/.sori-lock-stamp
    if ! cmp -s "$browser_dir/package-lock.json" "$stamp" 2>/dev/null; then
        say "Installing the browser-test packages (npm ci)"
        (cd "$browser_dir" && npm ci --no-audit --no-fund)
        cp "$browser_dir/package-lock.json" "$stamp"
    fi
fi

say "Building in $build_dir"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${SORI_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build "$build_dir"
