#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The mutation score as tests: tools/mutation over the case programs
# ($CASES) with the fault injector in $BIN, its table kept as comments,
# and one test per fault: ok when the fault is killed (a control: when
# it is clean) and its run left the host clean.  A fault that survives,
# or a run that leaves something behind, fails make test.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"
tools/mutation "$BIN/clonecheck-inject" $CASES 2>&1 | awk '
	{ print "# " $0 }
	# A row of the table: fault, changed (a count), verdict, host, caught by.
	$1 != "mutation:" && NF >= 4 && $2 ~ /^([0-9]+|\?)$/ &&
	    $3 ~ /^(killed|survived|unused|clean|dirty)$/ {
		n++
		ok = ($3 == "killed" || $3 == "clean") && $4 == "clean"
		result[n] = (ok ? "ok " : "not ok ") n " " $1
		if (ok) pass++; else fail++
	}
	END {
		print "1.." n
		for (i = 1; i <= n; i++)
			print result[i]
		if (n == 0)
			fail = 1
		printf "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n", pass, fail
		exit fail > 0
	}'
