#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make vmcheck's own checks fail when they must, on the minimal kernel
# ($KERNEL, default minimal; built by make kernel-minimal): a guest past
# its VMCHECK_TIMEOUT, a guest whose kernel panics (its init is a program
# that exits at once), a suite run under a fault of the injector
# (drop-files, add-vm: the suite must catch each inside the guest too),
# and the control, clone3 answered ENOSYS, which must pass.  The guests
# under the injector run two case programs that exercise both faults
# (VMCHECK_PROGRAMS), not the whole suite: what is checked is that
# vmcheck counts a guest's failures, and make vmcheck runs the rest.

: "${BUILD:?BUILD must name the build directory}"
kernel=${KERNEL:-minimal}
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
n=0 fail=0

vmcheck() {	# name, then environment assignments for tools/vmcheck
	local name=$1

	shift
	env VMCHECK_OUT="$work/$name" "$@" tools/vmcheck "$BUILD/static" \
		"$BUILD/kernels" "$kernel${SUFFIX:-}" >"$work/$name.out" 2>&1
}

# name, want (pass or fail), the exit status, then patterns the output
# must show (or, after a !, must not show).
check() {
	local name=$1 want=$2 status=$3 ok=1 pattern negate=

	shift 3
	n=$((n + 1))
	if [ "$want" = fail ] && [ "$status" -eq 0 ]; then ok=0; fi
	if [ "$want" = pass ] && [ "$status" -ne 0 ]; then ok=0; fi
	for pattern in "$@"; do
		if [ "$pattern" = '!' ]; then negate=1; continue; fi
		if [ -n "$negate" ]; then
			grep -qE -- "$pattern" "$work/$name.out" && ok=0
		else
			grep -qE -- "$pattern" "$work/$name.out" || ok=0
		fi
		negate=
	done
	if [ "$ok" = 1 ]; then
		echo "ok $n $name"
	else
		grep -E '^(not ok|# vmcheck|vmcheck:)|vmcheck: .* failed' "$work/$name.out" |
			head -n 20 | sed 's/^/# /'
		echo "not ok $n $name"
		fail=$((fail + 1))
	fi
}

# A fault is caught when a case program in the guest fails (a nested
# "not ok" two levels in) and the guest still reported: not when it died.
caught=("^        not ok [0-9]+ " "^vmcheck: [0-9]+ passed, [1-9][0-9]* failed"
	! "ended without its results|the kernel panicked")
echo "KTAP version 1"
echo "1..6"
vmcheck timeout VMCHECK_TIMEOUT=3
check timeout fail $? "did not end within VMCHECK_TIMEOUT=3 s"
# busybox without arguments prints its usage and exits: init is gone.
SUFFIX=:rdinit=/bin/busybox vmcheck panic
check panic fail $? "failed: the kernel panicked" "Kernel panic - not syncing"
some="clone_combinations_test clone_examples_test"
vmcheck drop_files INJECT=drop-files VMCHECK_PROGRAMS="$some"
check drop_files fail $? "${caught[@]}"
vmcheck add_vm INJECT=add-vm VMCHECK_PROGRAMS="$some"
check add_vm fail $? "${caught[@]}"
vmcheck control INJECT=clone3-enosys VMCHECK_PROGRAMS="$some"
check control pass $? "^vmcheck: [0-9]+ passed, 0 failed, [1-9][0-9]* skipped" \
	! "^ *not ok "
vmcheck bad_program VMCHECK_PROGRAMS=no_such_test
check bad_program fail $? "VMCHECK_PROGRAMS names no_such_test"
echo "# Totals: pass:$((n - fail)) fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
