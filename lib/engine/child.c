// SPDX-License-Identifier: GPL-2.0
/*
 * The child side of every probe.
 *
 * This code runs right after clone returns 0: possibly on a tiny stack,
 * sharing memory and TLS with a parent that is still running, or with a
 * TLS base (CLONE_SETTLS) that holds no libc thread.  So it calls no libc
 * function, touches no errno, allocates nothing, and keeps its frames
 * small.  The Makefile builds it with -fno-stack-protector (a canary read
 * through a foreign TLS base would crash) and -fno-builtin.
 */
#include <stddef.h>
#include <stdint.h>

#include "engine/probe.h"
#include "spec/request.h"
#include "engine/sys.h"

#define CC_CHILD_CODE __attribute__((no_sanitize("address", "undefined")))

#define CC_FUTEX_WAKE	1
#define CC_AT_EMPTY_PATH 0x1000
#define CC_PR_SET_DUMPABLE 4

/*
 * CLONE_CHILD_CLEARTID: to prove the futex wake, the caller must already
 * sleep on the word when we exit.  It announces that it is about to wait;
 * we then wait until it is seen sleeping (state S).
 */
CC_CHILD_CODE static void child_wait_parent_sleeping(struct cc_shared *sh)
{
	for (;;) {
		char state;

		if (__atomic_load_n(&sh->parent_waiting, __ATOMIC_ACQUIRE)) {
			state = cc_child_parent_state(sh);
			if (state == 'S')
				return;
			if (!state) {
				cc_child_fail(sh, CC_STEP_PARENT_STATE, -2);
				return;
			}
		}
		sys_sched_yield();
	}
}

CC_CHILD_CODE int cc_child_probe(struct cc_shared *sh, uint64_t initial_sp,
				 int after_exec)
{
	struct cc_child_report *rep = &sh->child;

	rep->execed = after_exec;
	rep->tid = (int32_t)sys_gettid();
	rep->initial_sp = initial_sp;
	cc_probe_child(sh);
	if (sh->wait_parent_futex)
		child_wait_parent_sleeping(sh);

	rep->ran = 1;
	__atomic_store_n(&sh->child_done, 1, __ATOMIC_RELEASE);
	sys_futex(&sh->child_done, CC_FUTEX_WAKE, 1, NULL);
	return rep->failed_step ? CC_CHILD_FAILED + rep->failed_step : 0;
}

/*
 * Uses up the stack until it overflows into the guard page.  The frame
 * is kept alive by the volatile buffer and the non-tail call.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Winfinite-recursion"
CC_CHILD_CODE __attribute__((noinline)) static int child_overflow(int depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	return child_overflow(depth + 1) + frame[0];
}
#pragma GCC diagnostic pop

CC_CHILD_CODE static int child_exec(struct cc_shared *sh)
{
	char fd_text[16];
	char *argv[] = { sh->exec_helper, fd_text, NULL };
	char *envp[] = { NULL };
	long err;

	cc_child_utoa(fd_text, (unsigned long)sh->memfd);
	err = sys_execveat(sh->exec_helper_fd, "", argv, envp, CC_AT_EMPTY_PATH);
	cc_child_fail(sh, CC_STEP_EXEC, err);
	return CC_CHILD_FAILED + CC_STEP_EXEC;
}

CC_CHILD_CODE int cc_child_main(void *shared, uint64_t initial_sp)
{
	struct cc_shared *sh = shared;

	switch (sh->action) {
	case CC_CHILD_EXIT:
		/* It ran to its end: what a thread's caller cannot wait for. */
		__atomic_store_n(&sh->child_done, 1, __ATOMIC_RELEASE);
		return sh->action_code;
	case CC_CHILD_OVERFLOW:
		/* An expected SIGSEGV must not leave a core file behind. */
		sys_prctl(CC_PR_SET_DUMPABLE, 0);
		return child_overflow(0);
	case CC_CHILD_EXEC:
		return child_exec(sh);
	default:
		return cc_child_probe(sh, initial_sp, 0);
	}
}
