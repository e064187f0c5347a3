#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The fuzz targets prove themselves, as KTAP:
#   - the seeds are what the case tables give now (make seeds);
#   - every seed runs through its target (replay build) with no finding;
#   - each target runs FUZZ_SMOKE_RUNS (1500) inputs under libFuzzer and
#     under AFL++, seed fixed, with no finding;
#   - with a kernel fault injected (clonecheck-inject drop-vm, on the
#     executor only), clone_oracle under libFuzzer reports it, and the C
#     reproducer `clonecheck repro` writes from the finding builds with
#     gcc -static and shows the fault under the same injection, and not
#     without it.
# The engine builds (make fuzz-build-libfuzzer fuzz-build-afl) come
# first; a missing engine is a SKIP that says what it needs.

: "${BUILD:?BUILD must name the build directory}" "${BIN:?}" "${CASES:?}"
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${FUZZ_SMOKE_RUNS:-1500}
targets=${FUZZ_NAMES:-$("$BIN/clonecheck" targets | awk '{ print $1 }')}
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
n=0 pass=0 fail=0 skip=0

result() {	# status (ok, fail, skip), name, [reason]
	n=$((n + 1))
	case $1 in
	ok) echo "ok $n $2"; pass=$((pass + 1)) ;;
	skip) echo "ok $n $2 # SKIP $3"; skip=$((skip + 1)) ;;
	*) echo "not ok $n $2"; fail=$((fail + 1)) ;;
	esac
}

echo "KTAP version 1"
echo "1..$((2 + 2 * $(echo $targets | wc -w) + 1))"

# The seeds and the dictionary, written afresh, against corpus/.
mkdir -p "$work/corpus"
tools_out=$("$here/tools/make-seeds" "$BIN" "$work/corpus" $CASES 2>&1)
stale=$(for t in $targets; do diff -r -q "$here/corpus/$t" "$work/corpus/$t"; done 2>&1;
	diff -q "$here/corpus/clone.dict" "$work/corpus/clone.dict" 2>&1)
if [ -z "$stale" ]; then
	result ok "seeds are the case tables' (make seeds)"
else
	printf '%s\n%s\n' "$tools_out" "$stale" | head -n 10 | sed 's/^/# /'
	echo "# the seeds are stale: run make seeds and commit corpus/"
	result fail "seeds are the case tables' (make seeds)"
fi

# Every seed, once, through the replay build.
bad=""
for t in $targets; do
	out=$("$BUILD/fuzz/$t" "$here/corpus/$t" 2>&1) || { bad="$bad $t"; printf '%s\n' "$out" | grep -v '^$' | head -n 12 | sed 's/^/# /'; }
done
[ -z "$bad" ] && result ok "every seed runs clean" || result fail "every seed runs clean:$bad"

# Each target under each engine.
engine_build() {	# engine
	make -s -C "$here" BUILD="$BUILD" "fuzz-build-$1" >"$work/build-$1.log" 2>&1
}
for engine in libfuzzer afl; do
	if ! engine_build "$engine"; then
		sed 's/^/# /' "$work/build-$engine.log" | tail -n 5
		for t in $targets; do
			result skip "$engine $t" "needs the $engine build (clang with libclang-rt-14-dev, afl++): make fuzz-build-$engine failed"
		done
		continue
	fi
	for t in $targets; do
		# The same inputs every time: a fixed seed, a fixed
		# number of runs, from the seeds alone.  A new finding
		# belongs to make fuzz, not to a red CI at random.
		out=$(FUZZ_SEED=1 FUZZ_RUNS=$runs FUZZ_FRESH=1 \
		      "$here/tools/fuzz-run" "$engine" 60 1 "$BUILD" "$t" 2>&1)
		status=$?
		printf '%s\n' "$out" | sed 's/^/# /'
		[ $status -eq 0 ] && result ok "$engine $t: $runs inputs, no finding" ||
			result fail "$engine $t: $runs inputs, no finding"
	done
done

# An injected fault: found, reproduced in C, and only under the fault.
name="drop-vm found by clone_oracle, reproduced in C"
if [ ! -x "$BUILD/libfuzzer/fuzz/clone_oracle" ]; then
	result skip "$name" "needs the libFuzzer build"
elif out=$("$here/tools/fuzz-fault" "$BUILD" drop-vm 60 seeds "$work/fault"); then
	echo "# $out"
	finding=$(ls "$work/fault"/crash-* | head -n 1)
	"$BIN/clonecheck" repro --target clone_oracle "$finding" >"$work/repro.c" 2>"$work/gcc.log" &&
		gcc -static -O1 -o "$work/repro" "$work/repro.c" 2>>"$work/gcc.log"
	under=$("$BIN/clonecheck-inject" --under "$work" drop-vm -- "$work/repro" 2>&1)
	under_status=$?
	plain=$("$work/repro" 2>&1)
	plain_status=$?
	printf '%s\n' "$under" | grep -E 'differs|REPRODUCED|not reproduced' | sed 's/^/# under drop-vm: /'
	printf '%s\n' "$plain" | tail -n 1 | sed 's/^/# without it: /'
	if [ $under_status -eq 1 ] && [ $plain_status -eq 0 ]; then
		result ok "$name"
	else
		sed 's/^/# /' "$work/gcc.log" | head -n 5
		result fail "$name"
	fi
else
	echo "# $out"
	result fail "$name"
fi

echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
