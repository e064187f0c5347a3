// SPDX-License-Identifier: GPL-2.0
/*
 * One request: its defaults, its entry points' names, equality.  The
 * text form is form/request_text.c, the byte form form/bytes.c.
 */
#include <signal.h>
#include <string.h>

#include "spec/request.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

const char *const cc_entry_names[] = {
	[CC_ENTRY_CLONE]	= "clone",
	[CC_ENTRY_CLONE3]	= "clone3",
	[CC_ENTRY_LIBC]		= "libc",
	[CC_ENTRY_FORK]		= "fork",
	[CC_ENTRY_VFORK]	= "vfork",
	[CC_ENTRY_POSIX_SPAWN]	= "posix_spawn",
	[CC_ENTRY_PTHREAD]	= "pthread",
};

_Static_assert(ARRAY_SIZE(cc_entry_names) == CC_ENTRY_COUNT, "entry names");

bool cc_request_makes_namespace(const struct cc_request *req)
{
	int t;

	if (req->userns != CC_USERNS_NONE || req->unshare ||
	    req->pidns != CC_PIDNS_NONE)
		return true;
	for (t = 0; t < CC_NS_COUNT; t++)
		if (req->flags & cc_ns_flags[t])
			return true;
	return false;
}

void cc_request_init(struct cc_request *req, enum cc_entry entry)
{
	memset(req, 0, sizeof(*req));
	req->entry = entry;
	req->exit_signal = SIGCHLD;
	req->stack = CC_STACK_NONE;
	req->clone3_size = CC_CLONE_ARGS_SIZE_VER2;
	req->parent_tid = CC_PTR_AUTO;
	req->child_tid = CC_PTR_AUTO;
	req->pidfd = CC_PTR_AUTO;
	req->child = CC_CHILD_PROBE;
	req->nproc = CC_NPROC_UNCHANGED;
}

const char *cc_entry_name(enum cc_entry entry)
{
	if ((unsigned int)entry >= CC_ENTRY_COUNT)
		return "unknown";
	return cc_entry_names[entry];
}

bool cc_request_equal(const struct cc_request *a, const struct cc_request *b)
{
	uint32_t tail_len, set_tid_size;

	if (a->entry != b->entry ||
	    a->flags != b->flags ||
	    a->exit_signal != b->exit_signal ||
	    a->stack != b->stack ||
	    a->stack_size != b->stack_size ||
	    a->stack_addr != b->stack_addr ||
	    a->stack_from_top != b->stack_from_top ||
	    a->args_bad != b->args_bad ||
	    a->clone3_size != b->clone3_size ||
	    a->tail_len != b->tail_len ||
	    a->tls_explicit != b->tls_explicit ||
	    a->tls != b->tls ||
	    a->tls_from_top != b->tls_from_top ||
	    a->parent_tid != b->parent_tid ||
	    a->child_tid != b->child_tid ||
	    a->pidfd != b->pidfd ||
	    a->set_tid_size != b->set_tid_size ||
	    a->cgroup != b->cgroup ||
	    a->child != b->child ||
	    a->child_exit_code != b->child_exit_code ||
	    a->caller != b->caller ||
	    a->nproc != b->nproc ||
	    a->fds_full != b->fds_full ||
	    a->set_tid_ptr != b->set_tid_ptr ||
	    a->userns != b->userns ||
	    a->ns_limit != b->ns_limit ||
	    a->unshare != b->unshare ||
	    a->pidns != b->pidns ||
	    a->chroot != b->chroot ||
	    a->caps_drop != b->caps_drop)
		return false;

	/* Bytes past the used length are scratch; clamp a corrupt length. */
	tail_len = a->tail_len < CC_TAIL_MAX ? a->tail_len : CC_TAIL_MAX;
	set_tid_size = a->set_tid_size < CC_SET_TID_MAX ?
		       a->set_tid_size : CC_SET_TID_MAX;
	return memcmp(a->tail, b->tail, tail_len) == 0 &&
	       memcmp(a->set_tid, b->set_tid,
		      set_tid_size * sizeof(a->set_tid[0])) == 0;
}
