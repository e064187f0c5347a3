// SPDX-License-Identifier: GPL-2.0
/*
 * What the fuzz targets share; see fuzz.h.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "verdict.h"

/*
 * Both engines call this before the first input, and AFL++ before its
 * fork server starts: one executor serves every fork.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cc_sandbox_start();
	return 0;
}

const struct cc_env *cc_fuzz_env(void)
{
	return cc_sandbox_env();
}

/* Below this a probing child overflows its stack: our limit, not the kernel's. */
#define PROBE_STACK_MIN (16 << 10)
/* What the launcher maps for a stack, at most. */
#define STACK_MAX (8 << 20)

void cc_fuzz_fit(struct cc_request *req)
{
	const struct cc_env *env = cc_fuzz_env();
	bool legacy = req->entry == CC_ENTRY_CLONE || req->entry == CC_ENTRY_LIBC;

	if (req->entry == CC_ENTRY_CLONE3 && env->clone3 != CC_CLONE3_AVAILABLE)
		req->entry = CC_ENTRY_CLONE;
	if (req->caller == CC_CALLER_NOBODY && env->uid != 0)
		req->caller = CC_CALLER_SELF;

	/*
	 * SIGKILL or SIGSTOP as the exit signal ends or stops the caller
	 * when the child ends (nothing blocks them): the kernel takes them,
	 * but the launcher could not report on it.
	 */
	{
		/* Legacy clone reads its exit signal from the flags' low byte. */
		uint64_t sig = legacy ? (req->flags | req->exit_signal) & CC_CSIGNAL :
					req->exit_signal;

		if (sig == SIGKILL || sig == SIGSTOP) {
			req->exit_signal = SIGCHLD;
			if (legacy)
				req->flags &= ~CC_CSIGNAL;
		}
	}
	/* No free fd is for the pidfd's EMFILE: a probing child needs fds. */
	if (req->fds_full && req->child != CC_CHILD_EXIT) {
		req->child = CC_CHILD_EXIT;
		req->child_exit_code = 0;
	}
	/* A reference entry point takes no arguments: the libc fixes them. */
	if (req->entry != CC_ENTRY_CLONE && req->entry != CC_ENTRY_CLONE3 &&
	    req->entry != CC_ENTRY_LIBC) {
		struct cc_request only = *req;

		cc_request_init(req, only.entry);
		/* posix_spawn always execs; the others probe or exit. */
		if (only.entry == CC_ENTRY_POSIX_SPAWN)
			only.child = CC_CHILD_EXEC;
		else if (only.child != CC_CHILD_EXIT)
			only.child = CC_CHILD_PROBE;
		req->child = only.child;
		req->child_exit_code = only.child == CC_CHILD_EXIT ?
				       only.child_exit_code : 0;
		/* The model applies no kernel rule to them: RLIMIT_NPROC stays. */
		req->caller = only.caller;
		return;
	}
	/*
	 * set_tid reaching past the executor's namespaces: which pids the
	 * host has taken is not the model's to know.  More entries than
	 * levels stays: the kernel refuses that before it looks at a pid.
	 */
	if (env->pids_taken) {
		/* Entries for the input's own namespace and a new one. */
		unsigned int known = 1 + !!(req->flags & CC_CLONE_NEWPID);
		unsigned int levels = (unsigned int)env->pidns_level + known;

		if (req->set_tid_size > known && req->set_tid_size <= levels)
			req->set_tid_size = known;
	}
	/*
	 * CLONE_VM without a stack: the child runs on the stack the caller
	 * runs on, and what breaks first is a race in the launcher.
	 * CLONE_VFORK makes that safe: the caller waits.
	 */
	if ((req->flags & (CC_CLONE_VM | CC_CLONE_VFORK)) == CC_CLONE_VM &&
	    req->stack == CC_STACK_NONE) {
		req->stack = CC_STACK_MMAP;
		req->stack_size = 64 << 10;
	}
	/*
	 * A stack the kernel takes at a raw address: where the child then
	 * runs depends on what is mapped there, not on the kernel.  Legacy
	 * clone takes any address.
	 */
	if (req->stack == CC_STACK_AT &&
	    (legacy || (req->stack_addr && req->stack_size &&
			req->stack_addr <= CC_TASK_SIZE_MAX &&
			req->stack_size <= CC_TASK_SIZE_MAX - req->stack_addr))) {
		req->stack = CC_STACK_MMAP;
		req->stack_addr = 0;
		req->stack_size = 64 << 10;
	}
	if (req->stack != CC_STACK_NONE && req->stack != CC_STACK_AT) {
		if (req->stack_size < PROBE_STACK_MIN)
			req->stack_size = PROBE_STACK_MIN;
		if (req->stack_size > STACK_MAX)
			req->stack_size = STACK_MAX;
	}
	/*
	 * A child that overflows its stack must hit a guard page, and die
	 * alone: a thread's SIGSEGV takes the caller with it.
	 */
	if (req->child == CC_CHILD_OVERFLOW &&
	    (req->flags & CC_CLONE_THREAD ||
	     (req->stack != CC_STACK_MMAP && req->stack != CC_STACK_MISALIGNED)))
		req->child = CC_CHILD_PROBE;
}

void cc_fuzz_finding(const char *target, const char *what,
		     const struct cc_request *req, const char *details)
{
	char text[CC_REQUEST_TEXT_MAX];

	cc_request_print(text, sizeof(text), req);
	fprintf(stderr,
		"\n==clonecheck== %s: %s\n"
		"request: %s\n"
		"%s%s"
		"replay:  clonecheck run '%s'\n"
		"C repro: clonecheck repro --target %s <the input file the engine saved>\n",
		target, what, text, details ? details : "",
		details && *details && details[strlen(details) - 1] != '\n' ? "\n" : "",
		text, target);
	fflush(stderr);
	abort();
}

enum cc_launch_result cc_fuzz_run(const char *target,
				  const struct cc_request *req,
				  struct cc_exec_reply *reply)
{
	enum cc_launch_result result = cc_sandbox_run(req, reply);
	char details[600];

	if (reply->leak[0]) {
		snprintf(details, sizeof(details), "left behind: %s\n",
			 reply->leak);
		cc_fuzz_finding(target, "the input left the host changed", req,
				details);
	}
	if (result == CC_LAUNCH_BROKEN) {
		snprintf(details, sizeof(details), "launch: %s\n",
			 reply->obs.broken);
		cc_fuzz_finding(target, "the launch broke", req, details);
	}
	return result;
}

/* ---- the outcome signature ---- */

#if defined(CC_FUZZ_AFL)
/* AFL++'s compiler pass gives every call site its own map slot. */
void __afl_coverage_interesting(uint8_t val, uint32_t id);
#define SLOT1(n)  case (n): __afl_coverage_interesting(1, (n)); break;
#define SLOT4(n)  SLOT1(n) SLOT1((n) + 1) SLOT1((n) + 2) SLOT1((n) + 3)
#define SLOT16(n) SLOT4(n) SLOT4((n) + 4) SLOT4((n) + 8) SLOT4((n) + 12)
#define SLOT64(n) SLOT16(n) SLOT16((n) + 16) SLOT16((n) + 32) SLOT16((n) + 48)

static void engine_mark(unsigned int slot)
{
	switch (slot) {
	SLOT64(0) SLOT64(64) SLOT64(128) SLOT64(192)
	}
}
#else
static void engine_mark(unsigned int slot)
{
	(void)slot;
}
#endif

/* libFuzzer reads and clears this section around every input. */
__attribute__((section("__libfuzzer_extra_counters"), used))
static uint8_t extra_counters[CC_SIGNATURE_SLOTS];

/* Since the process started: for tests and the benchmark. */
static uint8_t slots_ever[CC_SIGNATURE_SLOTS];

static void mark(unsigned int slot)
{
	slot %= CC_SIGNATURE_SLOTS;
	extra_counters[slot] = 1;
	slots_ever[slot] = 1;
	engine_mark(slot);
}

unsigned int cc_signature_slots_hit(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < CC_SIGNATURE_SLOTS; i++)
		n += slots_ever[i];
	return n;
}

static uint32_t mix(uint32_t h, uint32_t v)
{
	return (h ^ v) * 0x01000193u;
}

/*
 * Slots: 0-63 the errno (0: a child), 64-127 the model's rule, 128-159
 * each sharing bit seen, 160-191 exit kind × exit signal class, 192-255
 * a hash of all of it.
 */
void cc_signature_mark(const struct cc_prediction *pred,
		       const struct cc_observation *obs, unsigned int salt)
{
	unsigned int err = obs->ret < 0 ? (unsigned int)-obs->ret : 0;
	unsigned int rule = pred->rule ? (unsigned int)(pred->rule - cc_rules) + 1 : 0;
	unsigned int sigclass = !obs->exit_signal ? 0 :
				obs->exit_signal == 17 ? 1 :
				obs->exit_signal < 32 ? 2 : 3;
	uint32_t h = mix(0x811c9dc5u, salt);
	unsigned int i;

	mark(err % 64);
	mark(64 + rule % 64);
	for (i = 0; i < CC_PROP_COUNT && i < 32; i++)
		if (obs->props & (1u << i))
			mark(128 + i);
	mark(160 + ((unsigned int)obs->exit_kind % 8) * 4 + sigclass);
	h = mix(h, err);
	h = mix(h, rule);
	h = mix(h, obs->props);
	h = mix(h, obs->exit_kind);
	h = mix(h, sigclass);
	mark(192 + h % 64);
}

size_t cc_fuzz_describe(char *buf, size_t len, const struct cc_observation *obs)
{
	struct cc_prediction seen = {
		.expect = {
			.ret = obs->ret > 0 ? 0 : obs->ret,
			.props = obs->props,
			.exit_signal = obs->exit_signal,
			.exit_kind = obs->exit_kind,
			.exit_value = obs->exit_value,
		},
	};

	return cc_prediction_print(buf, len, &seen, false);
}
