#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A private checkout: the build run from a directory only its owner may
# enter (mode 0700, as a home directory or mktemp -d is), as root.  The
# requests that drop to another user (as=nobody) must still reach the
# probe helper they exec: the cases that make them, the fuzz
# regressions, and `clonecheck run` of the ones that failed once.
# The checkout sits under /tmp, where mktemp -d puts it: cgroup=v1
# mounts its hierarchy over /tmp in the caller's mount namespace, and the
# child it execs must still reach the helper.
# Started as anyone but root, the check SKIPs: only root drops to
# another user here.

: "${BIN:?BIN must name the bin directory of the build}"
: "${BUILD:?BUILD must name the build directory}"
tests="validation_cases fuzz_regressions run_posix_spawn_as_nobody run_exec_as_nobody run_exec_with_cgroup_v1"
echo "KTAP version 1"
echo "1..$(echo $tests | wc -w)"
if [ "$(id -u)" != 0 ]; then
	n=0
	for t in $tests; do
		n=$((n + 1))
		echo "ok $n $t # SKIP needs root to drop to another user"
	done
	echo "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:$n error:0"
	exit 0
fi
private=$(mktemp -d /tmp/clonecheck-private.XXXXXX) || exit 2
trap 'rm -rf "$private"' EXIT
chmod 700 "$private"
# The build's programs and what the fuzz regressions read, nothing else.
mkdir -p "$private/tree/$BUILD" "$private/tree/tests" "$private/tree/corpus"
cp -r "$BIN" "$BUILD/fuzz" "$private/tree/$BUILD/"
cp tests/fuzz_regressions.sh "$private/tree/tests/"
cp -r corpus/regressions "$private/tree/corpus/"
cd "$private/tree" || exit 2
bin=$BUILD/bin
echo "# in $private (mode $(stat -c %a "$private"))"

n=0 pass=0 fail=0 skip=0
result() {	# status, name, why for a SKIP
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
		pass=$((pass + 1))
	elif [ "$1" = skip ]; then
		echo "ok $n $2 # SKIP $3"
		skip=$((skip + 1))
	else
		echo "not ok $n $2"
		fail=$((fail + 1))
	fi
}

"$bin/clone_validation_test" >validation.out 2>&1
status=$?
grep -E '^not ok|as=nobody' validation.out | grep -E 'not ok|Expected' | head -n 5 | sed 's/^/# /'
result $status validation_cases
BIN=$bin BUILD=$BUILD tests/fuzz_regressions.sh >regressions.out 2>&1
status=$?
grep -E '^not ok' regressions.out | head -n 5 | sed 's/^/# /'
result $status fuzz_regressions
for t in "posix_spawn as=nobody=run_posix_spawn_as_nobody" \
	 "clone stack=mmap:64k child=exec as=nobody=run_exec_as_nobody" \
	 "clone3 cgroup=v1 child=exec=run_exec_with_cgroup_v1"; do
	out=$("$bin/clonecheck" run "${t%=*}" 2>&1)
	status=$?
	# Not run for a reason the output gives (no cgroup v1, no clone3);
	# a broken fixture stays a failure.
	why=$(printf '%s\n' "$out" | sed -n 's/^verdict: *skip: //p')
	if [ $status = 3 ] && [ -n "$why" ]; then
		result skip "${t##*=}" "$why"
		continue
	fi
	[ $status = 0 ] || printf '%s\n' "$out" | tail -n 2 | sed 's/^/# /'
	result $status "${t##*=}"
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
