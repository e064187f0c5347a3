#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Replays every reproducer in corpus/regressions/<target>/ through its
# fuzz target (the engine-less replay build): one KTAP test per file,
# which passes when the target finds nothing.  crash-<what> files are
# the suite's own bugs found by fuzzing, kernel-<what> files the
# kernel's behaviour the model had to learn.

: "${BUILD:?BUILD must name the build directory}"
here=$(cd "$(dirname "$0")/.." && pwd)
files=$(cd "$here/corpus/regressions" && find . -type f ! -name '*.md' | sed 's|^\./||' | sort)
pass=0 fail=0 n=0

echo "KTAP version 1"
echo "1..$(printf '%s\n' "$files" | grep -c .)"
for f in $files; do
	target=${f%%/*}
	n=$((n + 1))
	out=$("$BUILD/fuzz/$target" "$here/corpus/regressions/$f" 2>&1)
	if [ $? -eq 0 ]; then
		echo "ok $n $f"
		pass=$((pass + 1))
	else
		printf '%s\n' "$out" | grep -v '^$' | head -n 12 | sed 's/^/# /'
		echo "not ok $n $f"
		fail=$((fail + 1))
	fi
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
