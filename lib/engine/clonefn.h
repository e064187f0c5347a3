/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clonefn: a child that runs the case's own code, through raw clone, raw
 * clone3 or the libc clone() wrapper, for cases whose child must do more
 * than the probes (mount, sethostname, fork a grandchild, ...).
 *
 * The child runs fn(arg, initial_sp) on a fresh mmap'd stack and leaves
 * through raw exit with fn's return value.  fn is on the child side: raw
 * syscalls only (sys.h).  There is always a stack, even for raw clone, so
 * the fault injector treats the call as the case's, not as a plain fork.
 */
#ifndef CLONECHECK_CLONEFN_H
#define CLONECHECK_CLONEFN_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "engine/sys.h"
#include "spec/request.h"

/* Enough for a child that forks, reads /proc and mounts. */
#define CC_CLONEFN_STACK_SIZE (256 * 1024)

/*
 * Returns the child's pid (as the caller sees it) or -errno.  entry is
 * CC_ENTRY_CLONE, CC_ENTRY_CLONE3 or CC_ENTRY_LIBC; through clone and
 * the libc wrapper flags above bit 31 cannot be spelled and exit_signal
 * shares the low byte of the flags, as the kernel reads it.  The stack
 * (256 KiB of address space, untouched by the caller) stays mapped until
 * the caller exits: the caller cannot know that the child does not run
 * on it in the caller's memory.  Callers are short-lived context
 * processes.
 */
long cc_clone_fn(enum cc_entry entry, uint64_t flags, uint64_t exit_signal,
	      cc_child_fn fn, void *arg);

/*
 * The request cc_clone_fn(entry, flags, exit_signal, ...) makes, as the
 * model reads requests: an mmap'd CC_CLONEFN_STACK_SIZE stack.
 */
void cc_clone_fn_request(enum cc_entry entry, uint64_t flags,
			 uint64_t exit_signal, struct cc_request *req);

/*
 * Turns: such a child and its caller take turns through two pipes.  The
 * caller says "go"; the child works and says "done"; the caller looks
 * from outside and says "go" again; and so on.  A child that dies closes
 * its end of the pipe, so the caller never waits on a dead child.  The
 * pipes are made before the call and inherited whether or not the child
 * shares the fd table.
 */
struct cc_turns {
	int to_child[2], to_caller[2];
};

/* Before the call.  0 or -errno. */
int cc_turns_open(struct cc_turns *t);

/* The caller, once the call returned: closes the child's ends. */
void cc_turns_caller_close(struct cc_turns *t);

/* The caller says "go".  0, or -errno; a child gone already is no error. */
int cc_turns_go(struct cc_turns *t);

/* The caller waits for "done": false when the child died first. */
bool cc_turns_done(struct cc_turns *t);

/* The child's side, raw syscalls only: first thing, close the caller's ends. */
static inline void cc_turns_child_start(struct cc_turns *t)
{
	sys_close(t->to_child[1]);
	sys_close(t->to_caller[0]);
}

/* The child waits for "go": false when the caller is gone. */
static inline bool cc_turns_child_await(struct cc_turns *t)
{
	char c;

	return sys_read(t->to_child[0], &c, 1) == 1;
}

static inline void cc_turns_child_done(struct cc_turns *t)
{
	sys_write(t->to_caller[1], "d", 1);
}

#endif
