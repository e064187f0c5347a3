#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# kselftest/install.sh KSRC: makes clonecheck a selftests target of the
# kernel tree KSRC, in tools/testing/selftests/clonecheck/.  Run it again
# after changing clonecheck; it replaces what it installed before.

set -eu
ksrc=${1:?usage: kselftest/install.sh /path/to/linux}
top=$(cd "$(dirname "$0")/.." && pwd)
selftests="$ksrc/tools/testing/selftests"
[ -f "$selftests/lib.mk" ] ||
	{ echo "$ksrc is not a kernel tree: no $selftests/lib.mk" >&2; exit 1; }
dest="$selftests/clonecheck"
rm -rf "$dest"
mkdir -p "$dest/cases"
cp -r "$top/lib" "$dest/"
cp "$top"/cases/*.c "$top"/cases/*.h "$dest/cases/"
cp "$top/kselftest/Makefile" "$top/kselftest/config" "$top/kselftest/settings" \
	"$top/kselftest/.gitignore" "$dest/"
echo "installed in $dest; run: make -C $selftests TARGETS=clonecheck run_tests"
