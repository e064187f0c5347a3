#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own tools take clonecheck as kernel CI takes a selftest,
# as KTAP.  In a tree extracted from Debian's linux-source-6.12
# (tools/kernel-tree: only the selftests and kunit tools):
#   - kselftest/install.sh, then make -C tools/testing/selftests
#     TARGETS=clonecheck run_tests: every case program ok;
#   - the farms' path: make ... install INSTALL_PATH=DIR, then
#     DIR/run_kselftest.sh -c clonecheck: every case program ok;
#   - make ... gen_tar: the archive holds the programs and the runner;
#   - make check's document (tools/ktap-run check, the fuzz regressions
#     included) and each case program's own output parse under
#     tools/testing/kunit/kunit.py parse with no [ERROR], [WARNING] or
#     CRASHED, and under prove (Perl's TAP reader) as a pass;
#   - and the parsers do fail: the document with one program's plan line
#     gone, or one of its lines nested at the wrong depth, gives kunit.py
#     an [ERROR]; without its top plan, prove fails it.
# prove reads KTAP's nested lines as comments-to-ignore ("unknown") and
# takes "KTAP version 1" as an unknown line: it checks the top level
# only, and rejects the document under --strict for those lines.

: "${BUILD:?BUILD must name the build directory}" "${BIN:?}" "${CASES:?}"
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
n=0 pass=0 fail=0 skip=0
programs=$(echo $CASES | wc -w)

result() {	# ok|fail|skip, name, [reason]
	n=$((n + 1))
	case $1 in
	ok) echo "ok $n $2"; pass=$((pass + 1)) ;;
	skip) echo "ok $n $2 # SKIP $3"; skip=$((skip + 1)) ;;
	*) echo "not ok $n $2"; fail=$((fail + 1)) ;;
	esac
}

# What a run of the selftests runner must show: one ok per case program.
all_ok() {	# output file
	local ok
	ok=$(grep -cE '^ok [0-9]+ selftests: clonecheck: ' "$1")
	if [ "$ok" -eq "$programs" ] && ! grep -qE '^not ok' "$1"; then
		return 0
	fi
	echo "# $ok of $programs case programs ok; the runner's lines:"
	grep -E '^(not )?ok|^# (not ok|.*FAIL)' "$1" | head -n 12 | sed 's/^/#   /'
	return 1
}

# kunit.py's verdict on a KTAP file: silent when it parses clean.  A
# parser that hangs on a document is a failure too.
kunit_parse() {	# file
	timeout 300 python3 "$kunit" parse "$1" >"$work/kunit.out" 2>&1
	if grep -qE '\[ERROR\]|\[WARNING\]|CRASHED' "$work/kunit.out" ||
	   ! grep -q 'Testing complete' "$work/kunit.out"; then
		grep -E 'ERROR|WARNING|CRASHED' "$work/kunit.out" | head -n 5
		grep -q 'Testing complete' "$work/kunit.out" ||
			echo "no 'Testing complete' (kunit.py ended without a summary, or ran out of time)"
		return 1
	fi
}

echo "KTAP version 1"
echo "1..8"
if ! tree=$("$here/tools/kernel-tree" "$BUILD/kernel-tree" 2>"$work/tree.log"); then
	sed 's/^/# /' "$work/tree.log"
	for t in in_tree_run_tests install_and_run_kselftest gen_tar \
		 kunit_parses_make_check kunit_parses_each_program \
		 prove_reads_them kunit_finds_a_broken_document \
		 prove_finds_a_missing_plan; do
		result skip "$t" "needs linux-source-6.12 (make deps)"
	done
	echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
	exit 0
fi
selftests=$tree/tools/testing/selftests
kunit=$tree/tools/testing/kunit/kunit.py

# The target as a kernel developer runs it.
sh "$here/kselftest/install.sh" "$tree" >/dev/null
if make -s -C "$selftests" TARGETS=clonecheck -j"$(nproc)" >"$work/build.log" 2>&1 &&
   make -C "$selftests" TARGETS=clonecheck run_tests >"$work/run_tests" 2>&1 &&
   all_ok "$work/run_tests"; then
	result ok in_tree_run_tests
else
	tail -n 5 "$work/build.log" | sed 's/^/# /'
	result fail in_tree_run_tests
fi

# As CI farms do: install, then the installed runner on its own.
if make -s -C "$selftests" TARGETS=clonecheck install \
	INSTALL_PATH="$work/install" >"$work/install.log" 2>&1 &&
   [ "$("$work/install/run_kselftest.sh" -l | grep -c '^clonecheck:')" -eq "$programs" ] &&
   "$work/install/run_kselftest.sh" -c clonecheck >"$work/installed" 2>&1 &&
   all_ok "$work/installed"; then
	result ok install_and_run_kselftest
else
	tail -n 5 "$work/install.log" | sed 's/^/# /'
	result fail install_and_run_kselftest
fi

if make -s -C "$selftests" TARGETS=clonecheck gen_tar INSTALL_PATH="$work/tar" \
	TAR_PATH="$work/kselftest.tar.gz" >"$work/tar.log" 2>&1 &&
   tar -tzf "$work/kselftest.tar.gz" | grep -q 'clonecheck/clone_flags_test$' &&
   tar -tzf "$work/kselftest.tar.gz" | grep -q 'run_kselftest.sh$'; then
	result ok gen_tar
else
	tail -n 5 "$work/tar.log" | sed 's/^/# /'
	result fail gen_tar
fi

# make check's document, and each program's own part of it (its lines
# nested four spaces under its own top-level result line).
doc=$work/check.ktap
"$here/tools/ktap-run" check $CASES "$here/tests/fuzz_regressions.sh" >"$doc" 2>&1
if kunit_parse "$doc" >"$work/kunit.log"; then
	result ok kunit_parses_make_check
else
	sed 's/^/# /' "$work/kunit.log"
	result fail kunit_parses_make_check
fi

mkdir "$work/own"
awk -v dir="$work/own" '
	/^    / { block = block substr($0, 5) "\n"; next }
	/^(not )?ok [0-9]+ / { name = $0; sub(/^(not )?ok [0-9]+ /, "", name);
			       sub(/ .*/, "", name);
			       if (block != "") printf "%s", block > (dir "/" name);
			       block = ""; next }
' "$doc"
bad=""
for f in "$work"/own/*; do
	kunit_parse "$f" >"$work/own.log" || {
		bad="$bad $(basename "$f")"
		sed 's/^/# /' "$work/own.log"
	}
done
count=$(ls "$work/own" | wc -l)
if [ -z "$bad" ] && [ "$count" -eq $((programs + 1)) ]; then
	result ok kunit_parses_each_program
else
	echo "# $count outputs; failed to parse:$bad"
	result fail kunit_parses_each_program
fi

bad=""
for f in "$doc" "$work"/own/*; do
	prove -e cat "$f" >"$work/prove.log" 2>&1 && grep -q '^Result: PASS' "$work/prove.log" ||
		{ bad="$bad $(basename "$f")"; tail -n 3 "$work/prove.log" | sed 's/^/# /'; }
done
[ -z "$bad" ] && result ok prove_reads_them || { echo "# prove failed:$bad"; result fail prove_reads_them; }

# The parsers must see a broken document: the first program's plan
# line dropped; the first program's lines left unclosed (its own result
# line, one level up, gone: kunit.py reads results by number, not by
# indentation, so a line merely indented wrong passes it).  On a
# document of two small programs: kunit.py takes minutes over a large
# one that lacks a plan.
mini=$work/mini.ktap
"$here/tools/ktap-run" check "$BIN/clone_examples_test" "$BIN/clone_into_cgroup_test" >"$mini" 2>&1
awk '!done && /^    1\.\./ { done = 1; next } { print }' "$mini" >"$work/no_plan.ktap"
awk '/^ok 1 / { next } { print }' "$mini" >"$work/bad_nesting.ktap"
missed=""
kunit_parse "$mini" >/dev/null || missed=" the unbroken one fails"
for f in no_plan bad_nesting; do
	kunit_parse "$work/$f.ktap" >/dev/null && missed="$missed $f"
done
[ -z "$missed" ] && result ok kunit_finds_a_broken_document ||
	{ echo "# kunit.py:$missed"; result fail kunit_finds_a_broken_document; }

grep -v '^1\.\.' "$doc" >"$work/no_top_plan.ktap"
if prove -e cat "$work/no_top_plan.ktap" >"$work/prove.log" 2>&1; then
	tail -n 3 "$work/prove.log" | sed 's/^/# /'
	result fail prove_finds_a_missing_plan
else
	result ok prove_finds_a_missing_plan
fi

echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
