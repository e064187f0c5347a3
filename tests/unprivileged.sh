#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unprivileged: the case programs ($CASES, with the probe helper beside
# them in $BIN) run as uid 65534 with no groups and no capabilities, from
# a copy that user owns.  No test may FAIL, and every SKIP must say what
# it needs (its reason contains "needs").  Started as anyone but root,
# the check SKIPs: switching to uid 65534 needs root.

: "${BIN:?BIN must name the bin directory of the build}"
: "${CASES:?CASES must list the case programs}"
echo "KTAP version 1"
echo "1..1"
if [ "$(id -u)" != 0 ]; then
	echo "ok 1 unprivileged # SKIP needs root to switch to uid 65534"
	echo "# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0"
	exit 0
fi
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/tools"
cp tools/ktap-run "$work/tools/"
cp "$BIN/clonecheck-probe-helper" $CASES "$work/bin/"
chown -R 65534:65534 "$work"
chmod 755 "$work"
progs=$(for c in $CASES; do echo "bin/${c##*/}"; done)

(cd "$work" && setpriv --reuid=65534 --regid=65534 --clear-groups \
	--inh-caps=-all --bounding-set=-all tools/ktap-run unprivileged $progs) \
	>"$work/out" 2>&1
summary=$(tail -n 1 "$work/out")
echo "# $summary"
problems=""
echo "$summary" | grep -qE '^unprivileged: [0-9]+ passed, 0 failed' ||
	problems="FAILs: $(grep -E '^    not ok' "$work/out" | head -n 5 | sed 's/^ *not ok [0-9]* //' | tr '\n' ' ')"
unexplained=$(grep -E '^    ok [0-9]+ .* # SKIP' "$work/out" | grep -v '# SKIP .*needs' | head -n 5)
[ -z "$unexplained" ] || problems="$problems SKIPs that do not say what they need: $unexplained"
grep -E '^    ok [0-9]+ .* # SKIP' "$work/out" | sed 's/.*# SKIP /# skipped: /' | sort | uniq -c | sed 's/^ */# /'
if [ -z "$problems" ]; then
	echo "ok 1 unprivileged"
	echo "# Totals: pass:1 fail:0 xfail:0 xpass:0 skip:0 error:0"
else
	echo "# $problems"
	echo "not ok 1 unprivileged"
	echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0"
	exit 1
fi
