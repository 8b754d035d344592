#!/bin/sh
# format-check.sh SRCDIR: every C file in git follows .clang-format.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
cd "$1" || exit 1
command -v clang-format >/dev/null 2>&1 || { echo "clang-format is not installed"; exit 77; }
git rev-parse --git-dir >/dev/null 2>&1 || { echo "not a git checkout"; exit 77; }
files=$(git ls-files '*.c' '*.h')
# shellcheck disable=SC2086 # one word per file
if clang-format --dry-run --Werror $files; then
  echo "$(echo "$files" | wc -l) files formatted"
else
  echo "Reformat with: git ls-files '*.c' '*.h' | xargs clang-format -i"
  exit 1
fi
