#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The model tests can fail: each rule of the model in turn is dropped
# ($CLONECHECK_MODEL_DROP), and the case programs' model tests ($CASES,
# -t model) must then disagree with at least one row.  A rule no row
# catches is a rule no case pins down.  The programs run in turn until
# one disagrees: the first that catches the rule is named, with how many
# of its rows caught it (one is enough, and the rest would add minutes).
# The program that caught a rule is tried first for the next: rules on
# the same subject sit together, and so do the rows that pin them.
# Rules not in force on this kernel, and the few that only an
# environment unlike this one can reach, are listed with the reason
# instead.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"

# Rules only another environment reaches, with the reason.
declare -A elsewhere=(
	[clone3_filtered_enosys]="needs a seccomp filter answering clone3 with ENOSYS"
	[clone3_filtered_eperm]="needs a seccomp filter answering clone3 with EPERM"
	[unprivileged_userns_clone]="needs Debian's kernel.unprivileged_userns_clone=0"
)

n=0 pass=0 fail=0 skip=0
order=" $CASES "
rules=$("$BIN/clonecheck" rules) || exit 2
echo "KTAP version 1"
echo "1..$(echo "$rules" | wc -l)"
while read -r rule here _; do
	n=$((n + 1))
	if [ "$here" != yes ]; then
		echo "ok $n $rule # SKIP not in force on this kernel"
		skip=$((skip + 1))
		continue
	fi
	if [ -n "${elsewhere[$rule]}" ]; then
		echo "ok $n $rule # SKIP ${elsewhere[$rule]}"
		skip=$((skip + 1))
		continue
	fi
	caught=0
	for prog in $order; do
		caught=$(CLONECHECK_MODEL_DROP=$rule "$prog" -t model 2>&1 | grep -c '^not ok')
		[ "$caught" -gt 0 ] && break
	done
	[ "$caught" -gt 0 ] && order=" $prog${order/ $prog / }"
	if [ "$caught" -gt 0 ]; then
		echo "ok $n $rule # caught by $caught model tests of $(basename "$prog")"
		pass=$((pass + 1))
	else
		echo "# no case row disagrees with a model without rule $rule"
		echo "not ok $n $rule"
		fail=$((fail + 1))
	fi
done <<< "$rules"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
