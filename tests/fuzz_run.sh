#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tools/fuzz-run tells a result from an engine that did not run, as KTAP.
# Stand-in engines (a libFuzzer target and an afl-fuzz, as scripts) act
# out each way a run can end; fuzz-run must say "N inputs ... N findings"
# only for a run that ran inputs, exit 1 on a finding, and otherwise
# print FAILED with the reason and exit 1:
#   - it ran and found nothing: exit 0;
#   - it wrote a finding: exit 1, the finding named, not FAILED;
#   - it was killed by a signal (a kernel that delivers SIGUSR1 as a
#     child's exit signal), with no finding: FAILED, the signal named;
#   - it hung past its time: killed, FAILED "hung";
#   - it ran no input: FAILED "ran no input";
#   - libFuzzer -fork (JOBS=2), which prints no final stats, ran inputs:
#     its last status line counts;
#   - afl-fuzz stopped with an error: FAILED, its status.

here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
n=0 pass=0 fail=0

mkdir -p "$work/build/bin" "$work/build/libfuzzer/fuzz" "$work/path"
printf '#!/bin/sh\necho "clone3 (stand-in)"\n' >"$work/build/bin/clonecheck"
# The stand-in libFuzzer target: $FAKE says how its run ends.
cat >"$work/build/libfuzzer/fuzz/clone_oracle" <<'EOF'
#!/bin/bash
for a; do case $a in -artifact_prefix=*) prefix=${a#-artifact_prefix=} ;; esac; done
stats() { echo "stat::number_of_executed_units: $1"; echo "stat::average_exec_per_sec:     $1"; }
case $FAKE in
ran) stats 5; exit 0 ;;
fork) printf '#9: cov: 3 ft: 3 corp: 2 exec/s 4 oom/timeout/crash: 0/0/0 time: 2s job: 1 dft_time: 0\n'
      printf '#21: cov: 4 ft: 4 corp: 3 exec/s 6 oom/timeout/crash: 0/0/0 time: 3s job: 2 dft_time: 0\n'
      exit 0 ;;
found) echo "==clonecheck== a finding"; echo x >"${prefix}crash-1"; stats 3; exit 77 ;;
signal) kill -USR1 $$ ;;
hang) exec sleep 600 ;;
none) stats 0; exit 0 ;;
esac
exit 3
EOF
# The stand-in afl-fuzz: $FAKE again; its stats where -o says.
cat >"$work/path/afl-fuzz" <<'EOF'
#!/bin/bash
while [ $# -gt 0 ]; do case $1 in -o) out=$2; shift ;; -M) name=$2; shift ;; esac; shift; done
case $FAKE in
ran) mkdir -p "$out/$name"; printf 'execs_done        : 7\nexecs_per_sec     : 7.00\n' >"$out/$name/fuzzer_stats"; exit 0 ;;
abort) echo "[-] PROGRAM ABORT : Fork server crashed with signal 10"; exit 1 ;;
esac
exit 3
EOF
chmod +x "$work/build/bin/clonecheck" "$work/build/libfuzzer/fuzz/clone_oracle" "$work/path/afl-fuzz"
mkdir -p "$work/build/afl/fuzz"
cp "$work/build/libfuzzer/fuzz/clone_oracle" "$work/build/afl/fuzz/clone_oracle"

check() {	# name, engine, FAKE, expected exit status, pattern the output must match, [jobs]
	local name=$1 engine=$2 fake=$3 want=$4 pattern=$5 jobs=${6:-1} out status
	out=$(FAKE=$fake FUZZ_GRACE=2 FUZZ_FRESH=1 PATH="$work/path:$PATH" \
	      "$here/tools/fuzz-run" "$engine" 1 "$jobs" "$work/build" clone_oracle 2>&1)
	status=$?
	n=$((n + 1))
	if [ "$status" -eq "$want" ] && printf '%s\n' "$out" | grep -qE "$pattern"; then
		echo "ok $n $name"
		pass=$((pass + 1))
	else
		printf '%s\n' "$out" | sed 's/^/# /'
		echo "# exit status $status (want $want), output must match: $pattern"
		echo "not ok $n $name"
		fail=$((fail + 1))
	fi
}

echo "KTAP version 1"
echo "1..9"
check "a run that ran inputs passes" libfuzzer ran 0 '^libfuzzer clone_oracle: 5 inputs, 5 exec/s, 0 findings$'
check "a finding fails, named" libfuzzer found 1 '1 findings'
check "an engine killed by a signal fails, not 0 findings" libfuzzer signal 1 'FAILED: the engine died of signal 10 \(USR1\)'
check "a hung engine is killed and fails" libfuzzer hang 1 'FAILED: the engine hung'
check "an engine that ran no input fails" libfuzzer none 1 'FAILED: the engine ran no input'
check "libFuzzer -fork=2 that ran inputs passes, its last status line counted (inputs over time)" libfuzzer fork 0 \
	'^libfuzzer clone_oracle: 21 inputs, 7 exec/s, 0 findings$' 2
check "libFuzzer -fork=2 that ran no input fails" libfuzzer none 1 'FAILED: the engine ran no input' 2
check "afl-fuzz that ran inputs passes" afl ran 0 '^afl clone_oracle: 7 inputs'
check "afl-fuzz that stopped with an error fails" afl abort 1 'FAILED: the engine exited with status 1 with no finding'
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
