#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The C reproducers `clonecheck repro` writes, as KTAP.  They carry the
# engine's own code (tools/amalgamate), so:
#   - every reproducer of corpus/regressions/ builds with gcc -static
#     alone and, run, finds nothing here, as the replay build does
#     (tests/fuzz_regressions.sh): exit 0, "not reproduced";
#   - the request kinds the fuzzer makes that a hand-written reproducer
#     could not (the libc wrapper, malloc and misaligned stacks, a new
#     cgroup, a full fd table, children that exec or overflow, posix_spawn,
#     a caller that is nobody) each build, run clean, and under a kernel
#     fault that concerns them (clonecheck-inject, on the reproducer
#     only) end "REPRODUCED" with exit 1, naming the property that
#     differs; clone3_args's and clone_diff's inputs likewise.

: "${BIN:?BIN must name the bin directory of the build}"
here=$(cd "$(dirname "$0")/.." && pwd)
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

# repro TARGET INPUT NAME: writes and builds $work/NAME; 0 when built.
repro() {
	"$BIN/clonecheck" repro --target "$1" "$2" >"$work/$3.c" 2>"$work/$3.log" &&
		gcc -static -o "$work/$3" "$work/$3.c" 2>>"$work/$3.log" && return 0
	head -n 5 "$work/$3.log" | sed 's/^/# /'
	return 1
}

# A request kind: target, fault that concerns it, request text.
kinds=(
	"clone_oracle|drop-vm|libc flags=CLONE_VM stack=mmap:64k"
	"clone_oracle|drop-vm|clone flags=CLONE_VM stack=malloc:64k"
	"clone_oracle|drop-vm|clone3 flags=CLONE_VM stack=misaligned:64k"
	"clone_oracle|drop-into_cgroup|clone3 flags=CLONE_INTO_CGROUP stack=mmap:64k cgroup=new"
	"clone_oracle|drop-pidfd|clone3 flags=CLONE_PIDFD fds=full"
	"clone_oracle|drop-pidfd|clone3 flags=CLONE_VM|CLONE_VFORK|CLONE_PIDFD stack=mmap:64k child=exec"
	"clone_oracle|exit-signal-none|clone flags=CLONE_VM stack=mmap:4k child=overflow"
	"clone_oracle|fail-enomem|posix_spawn child=exec"
	"clone_oracle|drop-files|clone3 flags=CLONE_FILES as=nobody"
	"clone3_args|fail-einval|clone3 flags=CLONE_FS"
	"clone_diff|drop-newuts|clone3 flags=CLONE_NEWUTS"
)
regressions=$(cd "$here/corpus/regressions" && find . -type f ! -name '*.md' | sed 's|^\./||' | sort)

echo "KTAP version 1"
count=$(printf '%s\n' "$regressions" | grep -c .)
echo "1..$((count + ${#kinds[@]}))"

for f in $regressions; do
	name="regression $f: builds with gcc -static, not reproduced here"
	base=r$n
	if repro "${f%%/*}" "$here/corpus/regressions/$f" "$base" &&
	   out=$("$work/$base" 2>&1) && printf '%s\n' "$out" | grep -q '^not reproduced'; then
		result ok "$name"
	else
		printf '%s\n' "$out" | tail -n 8 | sed 's/^/# /'
		result fail "$name"
	fi
done

for k in "${kinds[@]}"; do
	IFS='|' read -r target fault request <<<"$k"
	name="$target '$request': clean, and REPRODUCED under $fault"
	base=k$n
	mkdir -p "$work/$base.d"
	if ! "$BIN/clonecheck" encode --target "$target" "$request" >"$work/$base.in" 2>"$work/$base.log"; then
		sed 's/^/# /' "$work/$base.log"
		result fail "$name"
		continue
	fi
	if ! repro "$target" "$work/$base.in" "$base.d/repro"; then
		result fail "$name"
		continue
	fi
	plain=$("$work/$base.d/repro" 2>&1)
	plain_status=$?
	under=$("$BIN/clonecheck-inject" --under "$work/$base.d" "$fault" -- "$work/$base.d/repro" 2>&1)
	under_status=$?
	printf '%s\n' "$under" | grep -E '^(REPRODUCED|not reproduced)|differ' | head -n 3 |
		sed "s/^/# under $fault: /"
	if [ $plain_status -eq 0 ] && [ $under_status -eq 1 ] &&
	   printf '%s\n' "$under" | grep -q '^REPRODUCED: '; then
		result ok "$name"
	else
		printf '%s\n' "$plain" | tail -n 4 | sed "s/^/# without $fault (status $plain_status): /"
		printf '%s\n' "$under" | tail -n 6 | sed "s/^/# under $fault (status $under_status): /"
		result fail "$name"
	fi
done

echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
[ "$fail" -eq 0 ]
