// SPDX-License-Identifier: GPL-2.0
/*
 * Fitting a fuzz input's request to what can be judged; see fit.h.
 */
#include <linux/capability.h>
#include <signal.h>

#include "form/fit.h"
#include "spec/model.h"

/* Below this a probing child overflows its stack: our limit, not the kernel's. */
#define PROBE_STACK_MIN (16 << 10)
/* What the launcher maps for a stack, at most. */
#define STACK_MAX (8 << 20)

/* Whether the kernel has namespace type t. */
static bool has_ns(const struct cc_env *env, int t)
{
	return !(env->absent_features & (1u << (CC_FEATURE_NS_MNT + t)));
}

/*
 * The caller's steps it could not take here are left out: each would
 * only SKIP.  A user namespace needs the type, a count above 0 and,
 * unprivileged, Debian's sysctl; unshare, pidns and chroot need
 * CAP_SYS_ADMIN where the caller is then (chroot CAP_SYS_CHROOT too).
 */
static void fit_steps(struct cc_request *req, const struct cc_env *env)
{
	struct cc_request before;
	struct cc_env caller;
	bool userns_open = has_ns(env, CC_NS_USER) &&
		env->max_namespaces[CC_NS_USER] != 0 &&
		env->userns_level < 32 &&
		(env->unprivileged_userns_clone != 0 ||
		 (env->init_userns && (env->caps & (1ULL << CAP_SYS_ADMIN)) &&
		  req->caller == CC_CALLER_SELF));
	int t;

	if (!userns_open) {
		req->userns = CC_USERNS_NONE;
		req->ns_limit = 0;
		/* nproc='s own user namespace, for a caller it applies to. */
		if (req->caller == CC_CALLER_NOBODY || env->uid != 0)
			req->nproc = CC_NPROC_UNCHANGED;
	}
	for (t = 0; t < CC_NS_COUNT; t++)
		if (!has_ns(env, t)) {
			req->unshare &= ~cc_ns_flags[t];
			req->ns_limit &= ~cc_ns_flags[t];
		}
	if (!has_ns(env, CC_NS_PID))
		req->pidns = CC_PIDNS_NONE;
	/* The capabilities after as= and userns=, before the rest. */
	before = *req;
	before.unshare = 0;
	before.pidns = CC_PIDNS_NONE;
	before.chroot = false;
	before.caps_drop = 0;
	cc_model_env_for(&before, env, &caller);
	if (!(caller.caps & (1ULL << CAP_SYS_ADMIN))) {
		req->unshare = 0;
		req->pidns = CC_PIDNS_NONE;
		req->chroot = false;
	}
	if (!(caller.caps & (1ULL << CAP_SYS_CHROOT)))
		req->chroot = false;
}

void cc_request_fit(struct cc_request *req, const struct cc_env *env)
{
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
	fit_steps(req, env);
	/*
	 * set_tid reaching past the executor's namespaces: which pids the
	 * host has taken is not the model's to know.  More entries than
	 * levels stays: the kernel refuses that before it looks at a pid.
	 */
	if (env->pids_taken) {
		struct cc_env caller;
		unsigned int known, levels;

		cc_model_env_for(req, env, &caller);
		/*
		 * Entries for the caller's own namespace, for the one its
		 * children go to (pidns=setns, unshare) and a new one.
		 */
		known = 1 + !!(req->flags & CC_CLONE_NEWPID) +
			caller.pid_for_children_differs;
		levels = (unsigned int)caller.pidns_level + known;

		if (req->set_tid_ptr == CC_PTR_AUTO &&
		    req->set_tid_size > known && req->set_tid_size <= levels)
			req->set_tid_size = known;
	}
	/*
	 * A stack the kernel takes at a raw address: where the child then
	 * runs depends on what is mapped there, not on the kernel.  Legacy
	 * clone takes any address.
	 */
	if (req->stack == CC_STACK_AT) {
		uint64_t top = cc_env_top(env);
		uint64_t at = cc_request_address(req->stack_addr,
						 req->stack_from_top, top);

		if (!at && !req->stack_size) {
			req->stack = CC_STACK_NONE;	/* what the kernel sees */
			req->stack_addr = 0;
			req->stack_from_top = false;
		} else if (legacy || (at && req->stack_size && at <= top &&
				      req->stack_size <= top - at)) {
			req->stack = CC_STACK_MMAP;
			req->stack_addr = 0;
			req->stack_from_top = false;
			req->stack_size = 64 << 10;
		}
	}
	/*
	 * CLONE_VM without a stack: the child runs on the stack the caller
	 * runs on, and what breaks first is a race in the launcher.
	 * CLONE_VFORK makes that safe: the caller waits.  After the
	 * stack=at: fit, which makes at:0:0 no stack (found by make fuzz).
	 */
	if ((req->flags & (CC_CLONE_VM | CC_CLONE_VFORK)) == CC_CLONE_VM &&
	    req->stack == CC_STACK_NONE) {
		req->stack = CC_STACK_MMAP;
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
	/* exec from a thread takes over the thread group: the caller dies. */
	if (req->child == CC_CHILD_EXEC && req->flags & CC_CLONE_THREAD)
		req->child = CC_CHILD_PROBE;
	if (req->child == CC_CHILD_OVERFLOW &&
	    (req->flags & CC_CLONE_THREAD ||
	     (req->stack != CC_STACK_MMAP && req->stack != CC_STACK_MISALIGNED)))
		req->child = CC_CHILD_PROBE;
}
