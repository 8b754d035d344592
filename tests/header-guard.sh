#!/bin/sh
# header-guard.sh CC [CFLAGS…]: the umbrella header compiles, and every
# public sub-header refuses to be included on its own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
status=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; status=1; }

printf '#include <pim/pim.h>\nint main (void) { return PIM_TYPE_HTTP_CLIENT == 0; }\n' > "$tmp/umbrella.c"
if "$@" -fsyntax-only "$tmp/umbrella.c" 2> "$tmp/err"; then
  ok "<pim/pim.h> compiles"
else
  not_ok "<pim/pim.h> compiles"; sed 's/^/# /' "$tmp/err"
fi

# PIM_HEADERS: the public headers but pim.h, from meson.
for header in ${PIM_HEADERS:?}; do
  printf '#include "%s"\n' "$header" > "$tmp/direct.c"
  if "$@" -fsyntax-only "$tmp/direct.c" 2> "$tmp/err"; then
    not_ok "$header refuses direct inclusion (it compiled)"
  elif grep -q 'Only <pim/pim.h> can be included directly' "$tmp/err"; then
    ok "$header refuses direct inclusion"
  else
    not_ok "$header refuses direct inclusion (failed for another reason)"; sed 's/^/# /' "$tmp/err"
  fi
done
echo "1..$n"
exit $status
