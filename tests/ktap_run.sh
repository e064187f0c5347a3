#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/ktap-run on made-up programs: a pass, a kernel verdict's FAIL, a
# broken fixture's FAIL and a program that dies without its totals.  The
# last line must sum them (a broken fixture counts as failed there), the
# broken fixture must be counted and named apart above it, and a plain
# FAIL must not be.  The SKIPs must be listed by reason with their
# counts, and KTAP_JOBS=2 must give what a serial run gives, in order.

# The runs below set what they compare; the caller's settings stay out.
unset KTAP_JOBS KTAP_TIMES
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

program() {	# name, body
	printf '#!/bin/sh\n%s\n' "$2" >"$work/$1"
	chmod +x "$work/$1"
}
program passes 'echo "ok 1 a.b.c"; echo "# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:1 error:0"'
program fails_on_the_kernel 'echo "#  RUN           a.b.d ..."
echo "# x.c:1:d:expected EINVAL, but the call failed with EPERM"
echo "not ok 1 a.b.d"
echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0"; exit 1'
program breaks 'echo "#  RUN           a.b.e ..."
echo "# x.c:1:e:broken fixture, not a kernel verdict: fork: EAGAIN"
echo "not ok 1 a.b.e"
echo "#  RUN           a.b.f ..."
echo "ok 2 a.b.f"
echo "# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:0 error:0"; exit 1'
program dies 'echo "ok 1 a.b.g"; kill -9 $$'
program skips 'echo "ok 1 a.s.1 # SKIP no time namespaces (CONFIG_TIME_NS)"
echo "ok 2 a.s.2 # SKIP no time namespaces (CONFIG_TIME_NS)"
echo "ok 3 a.s.3 # SKIP needs uid 0"
echo "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:3 error:0"'

programs="$work/passes $work/fails_on_the_kernel $work/breaks $work/dies $work/skips"
out=$(tools/ktap-run made_up $programs 2>&1)
status=$?
parallel=$(KTAP_JOBS=2 tools/ktap-run made_up $programs 2>&1)
printf '%s\n' "$out" | sed 's/^/# /'
n=0 pass=0 fail=0
check() {	# name, condition...
	local name=$1

	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n $name"
		pass=$((pass + 1))
	else
		echo "not ok $n $name"
		fail=$((fail + 1))
	fi
}
last=$(printf '%s\n' "$out" | tail -n 1)
echo "KTAP version 1"
echo "1..8"
check last_line_sums_every_program [ "$last" = "made_up: 2 passed, 3 failed, 4 skipped" ]
check broken_fixtures_counted_apart \
	grep -qx "# broken fixtures, not kernel verdicts (counted as failed): 1" <<<"$out"
check broken_fixture_named grep -qx "#   breaks: a.b.e" <<<"$out"
check kernel_verdict_not_called_broken eval '! grep -q "fails_on_the_kernel: a.b.d" <<<"$out"'
check fails_on_any_failure [ "$status" -ne 0 ]
check skips_counted_by_reason \
	grep -qx "#       2  no time namespaces (CONFIG_TIME_NS)" <<<"$out"
check skips_total grep -qx "# skipped, by reason: 3" <<<"$out"
check parallel_run_is_the_serial_one [ "$parallel" = "$out" ]
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
