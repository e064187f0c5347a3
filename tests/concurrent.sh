#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two runs at once: `make check` as root in this checkout and, at the
# same time, as uid 65534 in a copy that user owns, CONCURRENT_RUNS times
# (default 5).  Neither may FAIL: no count a run takes (SysV objects,
# mounts, cgroups, processes, RLIMIT_NPROC) may see the other's.  Started
# as anyone but root, the check SKIPs: switching to uid 65534 needs root.

runs=${CONCURRENT_RUNS:-5}
echo "KTAP version 1"
echo "1..$runs"
if [ "$(id -u)" != 0 ]; then
	for run in $(seq 1 "$runs"); do
		echo "ok $run concurrent_$run # SKIP needs root to run a second check as uid 65534"
	done
	echo "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:$runs error:0"
	exit 0
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
# The checkout and its plain build; not the engines' builds and work.
tar -c --exclude=.git --exclude=build/libfuzzer --exclude=build/afl \
	--exclude=build/fuzz-work --exclude=build/findings --exclude=build-clang . |
	(mkdir "$work/tree" && cd "$work/tree" && tar -x)
chown -R 65534:65534 "$work/tree"

pass=0 fail=0
for run in $(seq 1 "$runs"); do
	make -s check >"$work/root.$run" 2>&1 &
	root=$!
	(cd "$work/tree" && setpriv --reuid=65534 --regid=65534 --clear-groups \
		make -s check) >"$work/nobody.$run" 2>&1
	nobody_status=$?
	wait "$root"
	root_status=$?
	echo "# run $run: root: $(tail -n 1 "$work/root.$run"); uid 65534: $(tail -n 1 "$work/nobody.$run")"
	if [ "$root_status" = 0 ] && [ "$nobody_status" = 0 ]; then
		echo "ok $run concurrent_$run"
		pass=$((pass + 1))
	else
		grep -hE '^ *not ok|left behind' "$work/root.$run" "$work/nobody.$run" |
			head -n 10 | sed 's/^/#   /'
		echo "not ok $run concurrent_$run"
		fail=$((fail + 1))
	fi
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
