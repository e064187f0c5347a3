#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# clone3 denied: the case programs ($CASES) under a seccomp filter that
# answers clone3 with ENOSYS (a kernel before 5.3), then with EPERM (the
# container profile that broke glibc 2.34's threads).  Each must give no
# FAIL.  With ENOSYS the raw clone3 rows SKIP saying so while
# pthread_create and posix_spawn, which glibc falls back to clone for,
# still run and pass; with EPERM the SKIPs say the environment is broken
# for glibc's fallback, rather than blaming the kernel.  musl's
# pthread_create and posix_spawn never call clone3: on a musl build they
# run and pass under both.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

n=0 pass=0 fail=0
libc=$("$BIN/clonecheck" env | sed -n 's/^process: .*, libc \([a-z]*\) .*/\1/p')
check() {
	local name=$1 errno=$2 reason=$3 out="$work/$1"
	local problems=""

	n=$((n + 1))
	"$BIN/clonecheck-deny-clone3" "$errno" -- tools/ktap-run "$name" $CASES >"$out" 2>&1
	summary=$(tail -n 1 "$out")
	echo "# $summary"
	echo "$summary" | grep -q "^$name: [0-9]* passed, 0 failed" ||
		problems="$problems; FAILs: $(grep -E '^    not ok' "$out" | head -n 5 | sed 's/^ *not ok [0-9]* //' | tr '\n' ' ')"
	grep -q "^    ok [0-9]* flag.clone3_none.returns # SKIP .*$reason" "$out" ||
		problems="$problems; raw clone3 rows do not SKIP with \"$reason\""
	for ref in posix_spawn pthread_create; do
		line=$(grep -E "^    ok [0-9]+ reference\.$ref\.reference_profile( |$)" "$out")
		if { [ "$errno" = ENOSYS ] || [ "$libc" = musl ]; } &&
		   ! echo "$line" | grep -qv SKIP; then
			problems="$problems; $ref did not run and pass ($libc: $errno)"
		fi
		if [ "$errno" = EPERM ] && [ "$libc" != musl ] &&
		   ! echo "$line" | grep -q "SKIP .*$reason"; then
			problems="$problems; $ref does not SKIP with \"$reason\""
		fi
	done
	if [ -z "$problems" ]; then
		echo "ok $n $name"
		pass=$((pass + 1))
	else
		echo "# ${problems#; }"
		echo "not ok $n $name"
		fail=$((fail + 1))
	fi
}

echo "KTAP version 1"
echo "1..2"
check clone3_enosys ENOSYS "it answers ENOSYS"
check clone3_eperm EPERM "broken for glibc's fallback"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
