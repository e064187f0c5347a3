#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The model tests can fail: each rule of the model in turn is dropped
# ($CLONECHECK_MODEL_DROP), and the case programs' model tests ($CASES,
# -t model) must then disagree with at least one row.  A rule no row
# catches is a rule no case pins down.  Rules not in force on this
# kernel, and the few that only an environment unlike this one can
# reach, are listed with the reason instead.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"

# Rules only another environment reaches, with the reason.
declare -A elsewhere=(
	[clone3_filtered_enosys]="needs a seccomp filter answering clone3 with ENOSYS"
	[clone3_filtered_eperm]="needs a seccomp filter answering clone3 with EPERM"
	[unprivileged_userns_clone]="needs Debian's kernel.unprivileged_userns_clone=0"
)

# How many model tests of the case programs fail without the rule.
caught_without() {
	local prog caught=0 c

	for prog in $CASES; do
		c=$(CLONECHECK_MODEL_DROP=$1 "$prog" -t model 2>&1 | grep -c '^not ok')
		caught=$((caught + c))
	done
	echo "$caught"
}

n=0 pass=0 fail=0 skip=0
rules=$("$BIN/clonecheck" rules) || exit 2
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

# Each rule's count into $work/N, a rule a core at once: a rule is about
# 450 program starts one after another, and they wait on their forks.
jobs=$(nproc)
running=0
while read -r rule here _; do
	n=$((n + 1))
	[ "$here" = yes ] && [ -z "${elsewhere[$rule]}" ] || continue
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	caught_without "$rule" >"$work/$n" &
	running=$((running + 1))
done <<< "$rules"
wait

echo "KTAP version 1"
echo "1..$n"
n=0
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
	caught=$(cat "$work/$n" 2>/dev/null)
	if [ "${caught:-0}" -gt 0 ]; then
		echo "ok $n $rule # $caught model tests caught it"
		pass=$((pass + 1))
	else
		if [ -z "$caught" ]; then
			echo "# the run without rule $rule gave no count"
		else
			echo "# no case row disagrees with a model without rule $rule"
		fi
		echo "not ok $n $rule"
		fail=$((fail + 1))
	fi
done <<< "$rules"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
