#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No flakes: runs the case programs ($CASES) SOAK_RUNS times (default 20),
# every second run with every core kept busy, and compares each run's
# verdicts (ok, not ok, SKIP for every test) with the first run's.  A
# test whose verdict changes is a flake and fails the soak, named with
# the runs that disagree.  The busy loops take their share of the CPU
# beside the cases; SOAK_BUSY=idle runs them as SCHED_IDLE instead, so
# they fill every core the machine leaves idle and take nothing from
# other work (a machine that runs other checks beside the soak).

: "${CASES:?CASES must list the case programs}"
runs=${SOAK_RUNS:-20}
case ${SOAK_BUSY:-share} in
share) hog=() ;;
idle) hog=(chrt --idle 0) ;;
*) echo "soak: SOAK_BUSY=$SOAK_BUSY: share or idle" >&2; exit 2 ;;
esac
work=$(mktemp -d) || exit 2
busy=()
stop_busy() {
	[ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null && wait "${busy[@]}" 2>/dev/null
	busy=()
}
trap 'stop_busy; rm -rf "$work"' EXIT

# The verdict of each test, without the reasons and timings around it.
verdicts() {
	sed -n -E 's/^    (not ok|ok) [0-9]+ ([^ ]+)( # SKIP)?.*/\2 \1\3/p' "$1"
}

echo "KTAP version 1"
echo "1..$runs"
pass=0 fail=0
for run in $(seq 1 "$runs"); do
	load="idle"
	if [ $((run % 2)) -eq 0 ]; then
		load="all $(nproc) cores busy${hog:+ (SCHED_IDLE)}"
		for _ in $(seq 1 "$(nproc)"); do
			"${hog[@]}" sh -c 'while :; do :; done' &
			busy+=($!)
		done
	fi
	tools/ktap-run "run$run" $CASES >"$work/out$run" 2>&1
	stop_busy
	verdicts "$work/out$run" >"$work/verdicts$run"
	echo "# run $run ($load): $(tail -n 1 "$work/out$run")"
	if [ "$run" -eq 1 ] || cmp -s "$work/verdicts1" "$work/verdicts$run"; then
		echo "ok $run run_$run"
		pass=$((pass + 1))
	else
		echo "# verdicts that differ from run 1 (- run 1, + run $run):"
		diff "$work/verdicts1" "$work/verdicts$run" | grep -E '^[<>]' |
			sed 's/^</#   -/; s/^>/#   +/' | head -n 20
		echo "not ok $run run_$run"
		fail=$((fail + 1))
	fi
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
