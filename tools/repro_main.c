// SPDX-License-Identifier: GPL-2.0
/*
 * The main() of every reproducer `clonecheck repro` writes.  Above it,
 * in the same file (tools/amalgamate): the engine (lib/ and the arch's
 * trampoline), the fuzz targets' shared code, the executor and the
 * probe helper, every target's input function (as cc_repro_<target>),
 * and, first, REPRO_TEST_ONE_INPUT and repro_input[]: the finding's
 * target and the bytes its engine saved.
 *
 * So the reproducer runs the input exactly as the fuzz target did: the
 * same decoding and fitting, the same executor, launcher and probes, the
 * same model and the target's own comparison (clone_diff's entry points
 * included).  For each launch it prints the request, what the model
 * expects and what the kernel did; a finding ends it with the target's
 * report, "REPRODUCED: ..." and exit status 1, else it prints "not
 * reproduced" and exits 0.
 *
 * One binary in three roles, told apart by the argv the engine execs
 * them with: the executor (argv[0] "clonecheck-executor", executor.h),
 * the probe helper of a child that execs (argv[0] /proc/self/exe and
 * the shared page's fd), and the reproducer (anything else).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor.h"

#define REPRO_SELF	"/proc/self/exe"

#ifndef REPRO_TEST_ONE_INPUT	/* built on its own: an empty clone_oracle input */
#define REPRO_TEST_ONE_INPUT	cc_repro_clone_oracle
#define REPRO_TARGET		"clone_oracle"
#define REPRO_INPUT_SIZE	0
static const unsigned char repro_input[1];
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int REPRO_TEST_ONE_INPUT(const uint8_t *data, size_t size);
int cc_repro_executor_main(void);
int cc_repro_helper_main(int argc, char **argv);

int main(int argc, char **argv)
{
	if (!strcmp(argv[0], CC_EXEC_NAME))
		return cc_repro_executor_main();
	if (argc == 2 && !strcmp(argv[0], REPRO_SELF))
		return cc_repro_helper_main(argc, argv);
	if (argc != 1) {
		fprintf(stderr, "usage: %s (a clonecheck reproducer takes no arguments)\n",
			argv[0]);
		return 2;
	}
	/* This file is both the executor and the helper the engine execs. */
	if (setenv("CLONECHECK_EXECUTOR", REPRO_SELF, 1) ||
	    setenv("CLONECHECK_HELPER", REPRO_SELF, 1)) {
		perror("setenv");
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	printf("clonecheck reproducer: target %s, %d bytes of input\n",
	       REPRO_TARGET, REPRO_INPUT_SIZE);
	fflush(stdout);
	REPRO_TEST_ONE_INPUT(repro_input, REPRO_INPUT_SIZE);
	printf("not reproduced: %s finds the kernel as the model expects\n",
	       REPRO_TARGET);
	return 0;
}
