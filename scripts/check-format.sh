#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Sori authors
# SPDX-License-Identifier: MIT
#
# Fails, naming the files, when a tracked C++ file is not formatted with .clang-format.
# scripts/check-format.sh --fix formats them instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h' 2>/dev/null || find protocol server tests -name '*.cpp' -o -name '*.h' -type f)
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    exit 0
fi
bad=()
for file in "${files[@]}"; do
    clang-format --dry-run -Werror "$file" >/dev/null 2>&1 || bad+=("$file")
done
if [ "${#bad[@]}" -gt 0 ]; then
    echo "Not formatted (run scripts/check-format.sh --fix):"
    printf '  %s\n' "${bad[@]}"
    exit 1
fi
echo "${#files[@]} files formatted."
