#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0
#
# ClusterFuzzLite / OSS-Fuzz build: the targets with the engine and
# sanitizer the service asks for ($CC, $CFLAGS, $LIB_FUZZING_ENGINE);
# the executor and the probe helper plain (they are the parents and
# children of every input's clone, and must not carry a sanitizer).
# Each target finds its executor beside it in $OUT.  Seeds, options and
# the dictionary go beside the targets as the services expect.

plain=/tmp/clonecheck-plain
make -j"$(nproc)" BUILD=$plain CC=gcc CFLAGS="-O2 -g" \
	$plain/bin/clonecheck-executor $plain/bin/clonecheck-probe-helper \
	$plain/bin/clonecheck
cp $plain/bin/clonecheck-executor $plain/bin/clonecheck-probe-helper "$OUT/"

make -j"$(nproc)" BUILD=/tmp/clonecheck-fuzz CC="$CC" CFLAGS="$CFLAGS" \
	FUZZ_ENGINE=oss-fuzz EXECUTOR="$OUT/clonecheck-executor" fuzz-targets
for target in $($plain/bin/clonecheck targets | awk '{ print $1 }'); do
	cp /tmp/clonecheck-fuzz/fuzz/$target "$OUT/"
	cp fuzz/$target.options "$OUT/"
	(cd corpus/$target && zip -q "$OUT/${target}_seed_corpus.zip" seed-*)
done
cp corpus/clone.dict "$OUT/"
