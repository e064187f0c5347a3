#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The model against every row's statement as other kernels have it: the
# case programs' model tests (no call is made) under CLONECHECK_KERNEL_VERSION
# set to each release where a rule or a row changes, the stable point
# releases a fix reached included.  One test per version: ok when every
# model test agrees with its row there.  Then a version that is no
# version must be refused, by name.

: "${CASES:?CASES must list the case programs}"
versions="5.4.0 5.5.9 5.5.10 5.10.174 5.10.175 5.14.0 5.15.24 5.15.25 5.15.102 5.15.103
	5.16.0 5.17.0 6.1.0 6.1.19 6.1.20
	6.1.192 6.2.0 6.2.6 6.2.7 6.3.0 6.8.0 6.9.0 6.12.117 7.0.0 7.1.0"
n=0 fail=0
echo "KTAP version 1"
echo "1..$(($(echo $versions | wc -w) + 1))"
for v in $versions; do
	n=$((n + 1))
	bad=""
	for prog in $CASES; do
		out=$(CLONECHECK_KERNEL_VERSION=$v "$prog" -t model 2>&1)
		failed=$(printf '%s\n' "$out" | grep '^not ok' | sed 's/^not ok [0-9]* //')
		[ -n "$failed" ] && bad="$bad $failed"
		printf '%s\n' "$out" | grep -q '^# Totals:' || bad="$bad $(basename "$prog")(no totals)"
	done
	if [ -z "$bad" ]; then
		echo "ok $n model_at_$v"
	else
		echo "# at $v:$bad"
		echo "not ok $n model_at_$v"
		fail=$((fail + 1))
	fi
done
n=$((n + 1))
first=${CASES%% *}
msg=$(CLONECHECK_KERNEL_VERSION=6.1.0-57-amd64 "$first" -t model 2>&1)
status=$?
if [ "$status" -eq 2 ] && printf '%s\n' "$msg" | grep -q 'CLONECHECK_KERNEL_VERSION="6.1.0-57-amd64" is not a version'; then
	echo "ok $n bad_version_refused"
else
	printf '%s\n' "$msg" | head -n 3 | sed 's/^/# /'
	echo "not ok $n bad_version_refused"
	fail=$((fail + 1))
fi
echo "# Totals: pass:$((n - fail)) fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
