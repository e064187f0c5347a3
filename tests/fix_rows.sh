#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every row that names the commit that changed its behaviour (.fix in
# cases/clone_validation_test.c, the commits in spec/fixes.c) fails on a
# kernel said to lack that commit, and says which commit, as KTAP.  For
# each change `clonecheck fixes` lists, the validation program runs its
# rows (named after the change) with CLONECHECK_KERNEL_VERSION set to a
# release on the other side of the change from this kernel: below it
# where this kernel has the change, at it where this kernel lacks it.
# There each row's launch must fail (returns or outcome) and print
# "this kernel may lack <sha> ...", and its model test must pass: the
# model knows the release, the running kernel does not match it.

: "${BIN:?BIN must name the bin directory of a build}"
prog=$BIN/clone_validation_test
fixes=$("$BIN/clonecheck" fixes) || exit 2
variants=$("$prog" -l 2>&1 | awk 'NR > 3 && NF { print (/^[^ ]/ ? $2 : $1) }')
n=0 fail=0
echo "KTAP version 1"
echo "1..$(printf '%s\n' "$fixes" | grep -c .)"
while read -r name sha has without with _; do
	n=$((n + 1))
	[ "$has" = has ] && version=$without || version=$with
	rows=$(printf '%s\n' "$variants" | grep -E '^'"$name"'(_|$)')
	bad=""
	if [ -z "$rows" ]; then
		bad=" no row is named after it"
	else
		args=()
		for r in $rows; do args+=(-v "$r"); done
		out=$(CLONECHECK_KERNEL_VERSION=$version "$prog" "${args[@]}" 2>&1)
		for r in $rows; do
			printf '%s\n' "$out" | grep -qE '^not ok [0-9]+ validation\.'"$r"'\.(returns|outcome)$' ||
				bad="$bad $r:passed"
			printf '%s\n' "$out" | grep -qE '^ok [0-9]+ validation\.'"$r"'\.model$' ||
				bad="$bad $r:model"
		done
		hints=$(printf '%s\n' "$out" | grep -c "this kernel may lack $sha ")
		[ "$hints" -ge "$(echo $rows | wc -w)" ] || bad="$bad, only $hints hints"
	fi
	if [ -z "$bad" ]; then
		echo "# $name: $(echo $rows | wc -w) rows fail at $version with the hint for $sha"
		echo "ok $n ${name}_rows_fail_without_$sha"
	else
		echo "# $name at $version:$bad"
		printf '%s\n' "$out" | grep -E '^not ok|may lack|^ok' | head -n 12 | sed 's/^/#   /'
		echo "not ok $n ${name}_rows_fail_without_$sha"
		fail=$((fail + 1))
	fi
done <<<"$fixes"
echo "# Totals: pass:$((n - fail)) fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
