#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No traces: runs the case programs ($CASES) and compares a snapshot of
# the machine taken before with one taken after.  Any difference fails
# and is printed.  The snapshot holds:
#   - processes of this session, and any process running a program of
#     the build tree ($BIN), wherever it is (not every orphan: whatever
#     the machine starts under pid 1 meanwhile would count as a leak)
#   - what tools/host-snapshot shows: mounts, hostname and domain name,
#     network links, cgroups (every directory of every hierarchy), SysV
#     IPC objects, POSIX message queues
#   - entries in /tmp, and the open fds of this runner
# Output: the cases' KTAP nested, then "ok/not ok no_traces" and a
# "# Totals:" line that adds this check to the cases' own counts.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"
bin=$(realpath "$BIN")
sid=$(($(cut -d' ' -f6 /proc/$$/stat)))

snapshot() {
	local pid stat rest state ppid session exe comm

	echo "== processes"
	for pid in /proc/[0-9]*; do
		pid=${pid#/proc/}
		read -r stat 2>/dev/null </proc/"$pid"/stat || continue
		rest=${stat##*) }
		set -- $rest
		state=$1 ppid=$2 session=$4
		# This script and the commands it runs for the snapshot.
		[ "$pid" = $$ ] || [ "$ppid" = $$ ] || [ "$pid" = "$BASHPID" ] ||
			[ "$ppid" = "$BASHPID" ] && continue
		# A process that is exiting or a zombie has no exe left.  It
		# cannot be a leak of ours: our zombies have a parent running a
		# build-tree program, which shows; whatever else in the session
		# (the CI's own helpers) exits while we look is not ours.
		case $state in Z | X) continue ;; esac
		exe=$(readlink /proc/"$pid"/exe 2>/dev/null) || continue
		if [ "$session" = "$sid" ] || [ "${exe#"$bin"/}" != "$exe" ]; then
			comm=${stat#* (} comm=${comm%") $rest"}
			echo "$pid ($comm) $exe"
		fi
	done | sort -n
	tools/host-snapshot
	echo "== /tmp"
	# The check's own directory would show: it is left out.
	ls -A /tmp | grep -vx "${work#/tmp/}"
	echo "== fds of the runner"
	ls /proc/$$/fd
}

work=$(mktemp -d) || exit 2
snapshot >"$work/before"
tools/ktap-run cases $CASES >"$work/cases" 2>&1
status=$?
snapshot >"$work/after"
sed 's/^/    /' "$work/cases"

summary=$(tail -n 1 "$work/cases")
pass=$(echo "$summary" | sed -n 's/^cases: \([0-9]*\) passed.*/\1/p')
fail=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
skip=$(echo "$summary" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
[ -n "$pass" ] || { pass=0 fail=1 skip=0; }

if diff -u "$work/before" "$work/after" >"$work/diff"; then
	echo "ok 1 no_traces"
	pass=$((pass + 1))
else
	echo "# the run left traces (- before, + after):"
	tail -n +3 "$work/diff" | grep -E '^[-+=@]' | sed 's/^/#   /'
	echo "not ok 1 no_traces"
	fail=$((fail + 1))
fi
rm -rf "$work"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$status" -eq 0 ] && [ "$fail" -eq 0 ]
