#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make lint, proven: tools/lint finds nothing in this tree, and finds each
# rule's violation when one is planted on purpose in a copy of it (that
# rule alone, --rule), as syzkaller tests its style checks.

: "${BIN:?BIN must name the bin directory of the build}"
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT

# Each plant: name, the rule that must catch it, file, and a sed script.
plants=(
	"spdx_missing|spdx|lib/outcome/names.c|1d"
	"sleep_in_a_case|sleep|cases/cases.h|\$a static inline void nap(void) { usleep(1000); }"
	"strerror_in_a_result|errno|lib/engine/context.c|\$a const char *why(void) { return strerror(errno); }"
	"fault_that_does_not_exist|names|tools/fuzz-bench|\$a case \$fault in none | no-clone3) continue ;; esac"
	"rule_that_does_not_exist|names|tests/model_faults.sh|s/^declare -A elsewhere=(/&\\n\\t[clone3_no_such_rule]=\"x\"/"
	"target_that_does_not_exist|names|tools/fuzz-fault|\$a clonecheck decode --target clone_oracel \"\$finding\""
	"target_without_a_row|names|fuzz/clone_new.c|\$a // SPDX-License-Identifier: GPL-2.0"
	"model_reaches_the_engine|layers|lib/spec/model.c|s|^#include \"spec/model.h\"|&\\n#include \"engine/launch.h\"|"
	"table_without_its_check|tables|lib/engine/context.c|/_Static_assert(ARRAY_SIZE(context_names)/d"
	"table_missing_a_row|tables|lib/form/request_text.c|/\\[CC_STACK_AT\\]/d"
)

echo "KTAP version 1"
echo "1..$((1 + ${#plants[@]}))"
n=1 pass=0 fail=0
out=$(tools/lint "$BIN" 2>&1)
if [ $? -eq 0 ]; then
	echo "ok 1 this_tree_is_clean"
	pass=1
else
	printf '%s\n' "$out" | sed 's/^/# /'
	echo "not ok 1 this_tree_is_clean"
	fail=1
fi
for plant in "${plants[@]}"; do
	IFS='|' read -r name rule file script <<<"$plant"
	n=$((n + 1))
	rm -rf "$work/tree"
	mkdir "$work/tree"
	tar -c --exclude=.git --exclude=./build --exclude=./corpus . | (cd "$work/tree" && tar -x)
	[ -f "$work/tree/$file" ] || echo >"$work/tree/$file"
	sed -i "$script" "$work/tree/$file"
	out=$(tools/lint --root "$work/tree" --rule "$rule" "$BIN" 2>&1)
	status=$?
	if [ $status -ne 0 ] && printf '%s\n' "$out" | grep -q "^$file:[0-9]*: $rule: "; then
		echo "# $(printf '%s\n' "$out" | grep "^$file:[0-9]*: $rule: " | head -n 1)"
		echo "ok $n $name"
		pass=$((pass + 1))
	else
		printf '%s\n' "$out" | tail -n 3 | sed 's/^/#   /'
		echo "not ok $n $name # rule $rule did not catch it"
		fail=$((fail + 1))
	fi
done
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:0 error:0"
[ "$fail" -eq 0 ]
