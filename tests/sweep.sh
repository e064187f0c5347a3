#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The model against the kernel over the sweep (clonecheck sweep): every
# combination of up to four flags, each also with the flags it needs,
# through clone and clone3, clone3 sizes and exit signals.  One test:
# every request agrees, or each disagreement is printed as a request to
# replay with `clonecheck run`.  A POSIX sh script: make vmcheck's
# guests (VMCHECK_PROGRAMS=sweep.sh) have no bash.

: "${BIN:?BIN must name the bin directory of the build}"

out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
echo "KTAP version 1"
echo "1..1"
"$BIN/clonecheck" sweep >"$out" 2>&1
status=$?
grep -E '^(disagree|  |# )' "$out" | head -n 40 | sed 's/^/# /'
echo "# $(tail -n 1 "$out")"
if [ "$status" -eq 0 ]; then
	echo "ok 1 sweep"
	echo "# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0"
else
	echo "not ok 1 sweep"
	echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0"
fi
[ "$status" -eq 0 ]
