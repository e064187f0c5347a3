/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The call itself, inside the launch's caller (launch.c): each entry
 * point's arguments marshalled from the request, the stack, the
 * clone_args placed against a PROT_NONE page, then the call.  Internal
 * to the engine.
 */
#ifndef CLONECHECK_ENGINE_CALL_H
#define CLONECHECK_ENGINE_CALL_H

#include <pthread.h>
#include <stdint.h>

#include "engine/probe.h"
#include "spec/request.h"

/* What the caller prepared for the call. */
struct cc_call_setup {
	const struct cc_request *req;
	struct cc_shared *sh;
	struct cc_observation *obs;
	void *tls_block;
	uint64_t stack_lo, stack_hi, stack_top;
	void *bad_address;	/* a PROT_NONE page: pointers that fault */
	int cgroup_fd;
	uint64_t cgroup_value;	/* clone_args.cgroup */
	pthread_t thread;	/* pthread_create's */
};

/* cc_call_perform's answer when the fixture, not the kernel, failed. */
#define CC_CALL_BROKEN (-4096L - 1)

/* Maps the request's stack.  0, or -1 (obs->broken says why). */
int cc_call_prepare_stack(struct cc_call_setup *c);

/*
 * What a caller maps or allocates for its call (the stack, the TLS
 * block, the faulting page, clone3's struct), noted where its warden
 * finds it.  A caller that shares its warden's memory (launch.c,
 * caller_may_share_memory) would leave them in the warden's: the warden
 * releases them once the whole tree is reaped, when no child can be
 * running on them.  A forked caller's notes are in its own copy of the
 * memory, gone with it: the warden's list stays empty.
 * cc_call_note_mapping and cc_call_note_heap return 0, or -1 when the
 * list is full (the caller then releases the memory itself and fails).
 */
int cc_call_note_mapping(void *addr, size_t len);
int cc_call_note_heap(void *block);
void cc_call_release_noted(void);

/*
 * Makes the call through the request's entry point.  Returns the child's
 * tid (for pthread_create 0: the child says it), -errno, or
 * CC_CALL_BROKEN with obs->broken set.
 */
long cc_call_perform(struct cc_call_setup *c);

#endif
