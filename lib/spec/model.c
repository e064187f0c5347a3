// SPDX-License-Identifier: GPL-2.0
/*
 * The model; see model.h.  The rule table follows the kernel's order of
 * checks (6.1 and 6.12 sources, kernel/fork.c unless named):
 *
 *   libc wrapper ─ sys_clone3 ─ copy_clone_args_from_user ─
 *   clone3_args_valid ─ kernel_clone ─ copy_process (early checks) ─
 *   copy_creds/create_user_ns ─ RLIMIT_NPROC ─ copy_namespaces ─
 *   copy_thread ─ alloc_pid ─ the pidfd ─ cgroup_can_fork
 *
 * Each entry was checked against this kernel by a case in cases/ that
 * states the errno by hand; `make test` runs the model over them all.
 */
#include <errno.h>
#include <inttypes.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcome/names.h"
#include "spec/flags.h"
#include "spec/model.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define V(a, b, c)	CC_KERNEL_VERSION(a, b, c)

/* The running kernel's, as the env says (4-level paging when it does not). */
#define TASK_SIZE_MAX		cc_env_top(env)
#define PAGE_SIZE		4096u
#define MAX_PID_NS_LEVEL	32
#define MAX_USER_NS_LEVEL	32	/* create_user_ns: parent level > 32 fails */
#define CC_SET_TID_LIMIT	32	/* MAX_PID_NS_LEVEL entries */

#define NS_FLAGS_BUT_USER (CC_CLONE_NEWNS | CC_CLONE_NEWUTS | CC_CLONE_NEWIPC | \
			   CC_CLONE_NEWPID | CC_CLONE_NEWNET |		\
			   CC_CLONE_NEWCGROUP | CC_CLONE_NEWTIME)

/* ---- conditions the flag mask alone cannot say ---- */

/* A change of spec/fixes.h. */
#define FIX(id) (&cc_fixes[CC_FIX_##id])

/* Every condition takes the call and the environment, used or not. */
#define CONDITION(name)							\
	static bool name(const struct cc_call *c __attribute__((unused)), \
			 const struct cc_env *env __attribute__((unused)))

static bool capable_init(const struct cc_env *env, int cap)
{
	return env->init_userns && (env->caps & (1ULL << cap));
}

static bool has_cap(const struct cc_env *env, int cap)
{
	return env->caps & (1ULL << cap);
}

/*
 * musl 1.2.5 made its public clone() safe ("fix public clone function to
 * be safe and usable by applications", fa4a8abd06a4): it refuses a NULL
 * stack and the flags that leave the child an invalid thread state.
 * Before, the x86 wrapper stored fn below the stack it was given, at
 * address -8 for NULL, and the caller died of SIGSEGV.  A musl whose
 * version the build did not say (0) is taken to be an older one.
 */
static bool musl_safe_clone(const struct cc_env *env)
{
	return env->libc == CC_LIBC_MUSL &&
	       env->libc_version >= CC_KERNEL_VERSION(1, 2, 5);
}

/*
 * No stack as the callee sees it: none named, or a legacy one that is 0
 * as the register holds it (stack=at:0:0, or cut to 32 bits on i386).
 */
static bool stack_null(const struct cc_call *c)
{
	return c->req->stack == CC_STACK_NONE || c->legacy_stack_null;
}

CONDITION(libc_null_stack)
{
	return (env->libc == CC_LIBC_GLIBC || musl_safe_clone(env)) &&
	       stack_null(c);
}

CONDITION(musl_clone_writes_below_null)
{
	return env->libc == CC_LIBC_MUSL && !musl_safe_clone(env) &&
	       stack_null(c);
}

/*
 * Every libc's wrapper stores fn (and arg) just below the top of the
 * child stack before the system call (glibc's clone.S, musl's
 * __clone): on a stack=at: address nothing backs the caller dies.
 */
CONDITION(libc_writes_unmapped_stack)
{
	return c->req->stack == CC_STACK_AT && !stack_null(c);
}

CONDITION(musl_clone_safe)
{
	return musl_safe_clone(env);
}

CONDITION(clone3_enosys)
{
	return env->clone3 == CC_CLONE3_ENOSYS;
}

CONDITION(clone3_eperm)
{
	return env->clone3 == CC_CLONE3_EPERM;
}

CONDITION(size_above_page)
{
	return c->req->clone3_size > PAGE_SIZE;
}

CONDITION(size_below_ver0)
{
	return c->req->clone3_size < CC_CLONE_ARGS_SIZE_VER0;
}

CONDITION(args_unreadable)
{
	return c->req->args_bad;
}

CONDITION(tail_nonzero)
{
	return c->tail_nonzero;
}

CONDITION(set_tid_too_many)
{
	return c->set_tid_size > CC_SET_TID_LIMIT;
}

/* The struct ends between the set_tid pointer and set_tid_size. */
CONDITION(set_tid_without_size)
{
	return c->req->set_tid_ptr == CC_PTR_AUTO && c->req->set_tid_size &&
	       c->req->clone3_size >= 72 &&
	       c->req->clone3_size < CC_CLONE_ARGS_SIZE_VER1;
}

CONDITION(exit_signal_invalid)
{
	return (c->exit_signal & ~CC_CSIGNAL) || c->exit_signal > 64;
}

CONDITION(cgroup_arg_invalid)
{
	return c->req->clone3_size < CC_CLONE_ARGS_SIZE_VER2 ||
	       c->req->cgroup == CC_CGROUP_HUGE;
}

CONDITION(thread_or_parent_with_signal)
{
	return (c->flags & (CC_CLONE_THREAD | CC_CLONE_PARENT)) && c->exit_signal;
}

CONDITION(stack_size_without_stack)
{
	return c->stack == 0 && c->stack_size > 0;
}

CONDITION(stack_without_size)
{
	return c->stack != 0 && c->stack_size == 0;
}

CONDITION(stack_outside_user)
{
	/* access_ok(stack, stack_size) */
	return c->stack && (c->stack > TASK_SIZE_MAX ||
			    c->stack_size > TASK_SIZE_MAX - c->stack);
}

CONDITION(pidfd_on_parent_tid)
{
	return c->pidfd_is_parent_tid;
}

CONDITION(userns_clone_disabled)
{
	return env->unprivileged_userns_clone == 0 &&
	       !capable_init(env, CAP_SYS_ADMIN);
}

CONDITION(parent_from_init)
{
	return env->pidns_init;
}

CONDITION(pid_for_children_differs)
{
	return env->pid_for_children_differs;
}

CONDITION(time_for_children_differs)
{
	return env->time_for_children_differs;
}

/* The kernel lacks namespace type t (no /proc/self/ns entry). */
static bool ns_absent(const struct cc_env *env, int t)
{
	return env->absent_features & (1u << (CC_FEATURE_NS_MNT + t));
}

/* Without CONFIG_USER_NS, create_user_ns is a stub: -EINVAL. */
CONDITION(userns_absent)
{
	return ns_absent(env, CC_NS_USER);
}

CONDITION(userns_too_deep)
{
	return env->userns_level > MAX_USER_NS_LEVEL;
}

CONDITION(userns_count_limit)
{
	return env->max_namespaces[CC_NS_USER] == 0;
}

CONDITION(nproc_over_limit)
{
	/*
	 * is_rlimit_overlimit counts the new task too (copy_creds added
	 * it).  Without a known count the caller alone is assumed; the
	 * launcher makes the count known for every limit it sets
	 * (request.h, nproc=).
	 */
	int tasks = env->nproc_tasks > 0 ? env->nproc_tasks : 1;
	/* From 5.14's ucounts until 8f2f9c4d82f2, one task over the limit. */
	uint64_t allowed = env->rlimit_nproc +
		(env->kernel >= V(5, 14, 0) &&
		 !cc_kernel_has_fix(FIX(NPROC_EXACT), env->kernel));

	return allowed < (uint64_t)tasks + 1 && env->uid != 0 &&
	       !capable_init(env, CAP_SYS_RESOURCE) &&
	       !capable_init(env, CAP_SYS_ADMIN);
}

CONDITION(userns_from_chroot)
{
	return env->chrooted;
}

CONDITION(userns_creator_unmapped)
{
	return env->uid_unmapped;
}

CONDITION(pidns_dead)
{
	return env->pid_for_children_dead;
}

CONDITION(set_tid_into_dead_pidns)
{
	return c->set_tid_size > 0 && env->pid_for_children_dead;
}

/* valid_signal(): 0 to _NSIG (64). */
CONDITION(legacy_exit_signal_invalid)
{
	return c->exit_signal > 64;
}

CONDITION(set_tid_null_with_size)
{
	return c->req->set_tid_ptr == CC_PTR_NULL && c->set_tid_size > 0;
}

CONDITION(set_tid_pointer_without_size)
{
	return c->req->set_tid_ptr == CC_PTR_BAD && c->set_tid_size == 0 &&
	       c->req->clone3_size >= 72;
}

CONDITION(set_tid_unreadable)
{
	return c->req->set_tid_ptr == CC_PTR_BAD && c->set_tid_size > 0;
}

CONDITION(ns_without_admin)
{
	/* ns_capable() in the child's user namespace: a new one is its own. */
	return (c->flags & NS_FLAGS_BUT_USER) &&
	       !(c->flags & CC_CLONE_NEWUSER) &&
	       !has_cap(env, CAP_SYS_ADMIN);
}

/*
 * create_new_namespaces copies the types in this order, and the first
 * that fails decides the errno: a type the kernel lacks is its copy_*
 * stub's -EINVAL (copy_cgroup_ns without CONFIG_CGROUPS shares the old
 * namespace instead: the flag is ignored); one whose user.max_*_namespaces
 * is 0 is -ENOSPC.  For the pid namespace copy_pid_ns first wants
 * pid_for_children to be the caller's own (-EINVAL), then
 * create_pid_namespace a level to make (-ENOSPC), then the count.
 */
enum ns_failure {
	NS_CREATED,
	NS_TYPE_ABSENT,
	NS_COUNT_LIMIT,
	NS_PID_NOT_ACTIVE,
	NS_PID_TOO_DEEP,
};

static enum ns_failure new_namespaces_failure(const struct cc_call *c,
					      const struct cc_env *env)
{
	static const int order[] = {
		CC_NS_MNT, CC_NS_UTS, CC_NS_IPC, CC_NS_PID, CC_NS_CGROUP,
		CC_NS_NET, CC_NS_TIME,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		int t = order[i];

		if (!(c->flags & cc_ns_flags[t]))
			continue;
		if (ns_absent(env, t)) {
			if (t != CC_NS_CGROUP)
				return NS_TYPE_ABSENT;
			continue;
		}
		if (t == CC_NS_PID && env->pid_for_children_differs)
			return NS_PID_NOT_ACTIVE;
		/* The new namespace is one below the caller's. */
		if (t == CC_NS_PID && env->pidns_level + 1 > MAX_PID_NS_LEVEL)
			return NS_PID_TOO_DEEP;
		if (env->max_namespaces[t] == 0)
			return NS_COUNT_LIMIT;
	}
	return NS_CREATED;
}

CONDITION(ns_type_absent)
{
	return new_namespaces_failure(c, env) == NS_TYPE_ABSENT;
}

CONDITION(ns_count_limit)
{
	return new_namespaces_failure(c, env) == NS_COUNT_LIMIT;
}

CONDITION(newpid_not_active)
{
	return new_namespaces_failure(c, env) == NS_PID_NOT_ACTIVE;
}

CONDITION(newpid_too_deep)
{
	return new_namespaces_failure(c, env) == NS_PID_TOO_DEEP;
}

/* x86-64: the tls argument is the new fs base. */
CONDITION(tls_not_canonical)
{
	return env->abi == CC_ABI_X86_64 && c->tls_explicit &&
	       c->tls >= TASK_SIZE_MAX;
}

/*
 * A compat (i386) caller: the tls argument points to a struct user_desc
 * (set_new_tls, in_ia32_syscall) that copy_from_user reads; it fails
 * where nothing a 32-bit program can map is: page zero, or at or above
 * 4 GiB.  Anywhere else what the kernel reads is whatever the caller
 * keeps there, which no request names: the model assumes a descriptor
 * it takes.
 */
CONDITION(tls_user_desc_unreadable)
{
	return env->abi == CC_ABI_I386 && c->tls_explicit &&
	       (c->tls < PAGE_SIZE || c->tls >> 32);
}

/*
 * alloc_pid walks the levels from the innermost (set_tid[0]) outwards
 * and checks each level in turn: range, init present, capability, then
 * takes the pid.  Returns the errno of the first level that fails.
 */
static int set_tid_errno(const struct cc_call *c, const struct cc_env *env)
{
	bool new_pidns = c->flags & CC_CLONE_NEWPID;
	bool may_restore = has_cap(env, CAP_SYS_ADMIN) ||
			   has_cap(env, CAP_CHECKPOINT_RESTORE);
	/* The level of pid_for_children, and of the child's innermost. */
	int base = env->pidns_level + (env->pid_for_children_differs ? 1 : 0);
	int level = base + (new_pidns ? 1 : 0);
	/* unshare(CLONE_NEWPID): pid_for_children waits for its init. */
	bool base_fresh = env->pid_for_children_differs &&
			  !env->pid_for_children_entered &&
			  !env->pid_for_children_dead;
	uint32_t i;

	if (!c->set_tid_size)
		return 0;
	if ((int)c->set_tid_size > level + 1)
		return EINVAL;
	for (i = 0; i < c->set_tid_size; i++) {
		int32_t tid = c->req->set_tid[i];
		int at = level - (int)i;
		bool made_now = new_pidns && at == level;
		bool no_init = made_now || (base_fresh && at == base);
		/* An init that exited is still its reaper, but pid 1 is free. */
		bool dead = env->pid_for_children_dead && at == base && !made_now;
		/* A new pid namespace belongs to the child's user namespace. */
		bool capable = made_now ?
			((c->flags & CC_CLONE_NEWUSER) || may_restore) :
			(at >= env->pidns_owned_from && may_restore);

		if (tid < 1 || (env->pid_max > 0 && tid >= env->pid_max))
			return EINVAL;
		if (tid != 1 && no_init)
			return EINVAL;
		if (!capable)
			return EPERM;
		/*
		 * Known pids are taken; others are assumed free (the model
		 * cannot see them), except in a namespace whose pids the
		 * env counts.
		 */
		if (tid == 1 && !no_init && !dead)
			return EEXIST;
		/* The caller's own level, after unshare or setns too. */
		if (at == env->pidns_level && !made_now && env->pids_taken &&
		    tid <= env->pids_taken)
			return EEXIST;
		if (at == base && env->pid_for_children_entered && !made_now &&
		    env->pids_taken_for_children &&
		    tid <= env->pids_taken_for_children)
			return EEXIST;
	}
	return 0;
}

CONDITION(set_tid_refused_einval)
{
	return set_tid_errno(c, env) == EINVAL;
}

CONDITION(set_tid_refused_eperm)
{
	return set_tid_errno(c, env) == EPERM;
}

CONDITION(set_tid_refused_eexist)
{
	return set_tid_errno(c, env) == EEXIST;
}

CONDITION(no_free_fd)
{
	return c->req->fds_full;
}

CONDITION(pidfd_pointer_faults)
{
	return c->req->pidfd == CC_PTR_BAD || c->req->pidfd == CC_PTR_NULL;
}

CONDITION(cgroup_not_cgroup2)
{
	/* cgroup=none passes fd 0, which is no cgroup2 directory either. */
	return c->req->cgroup == CC_CGROUP_NONE ||
	       c->req->cgroup == CC_CGROUP_CLOSED ||
	       c->req->cgroup == CC_CGROUP_NOTCGROUP ||
	       c->req->cgroup == CC_CGROUP_PROCS ||
	       c->req->cgroup == CC_CGROUP_V1;
}

CONDITION(cgroup_removed)
{
	return c->req->cgroup == CC_CGROUP_REMOVED;
}

CONDITION(cgroup_not_writable)
{
	/*
	 * The launcher's directory and its cgroup.procs (0644) belong to
	 * the test program's user, whom as=nobody is not; only
	 * CAP_DAC_OVERRIDE over the owner would do, and in a user
	 * namespace of its own (userns=) the owner is not mapped.
	 */
	return c->req->caller == CC_CALLER_NOBODY &&
	       (c->req->cgroup == CC_CGROUP_NEW || c->req->cgroup == CC_CGROUP_OPATH) &&
	       env->uid != 0 && !capable_init(env, CAP_DAC_OVERRIDE);
}

/* ---- the rules, in the kernel's order ---- */

#define FLAG(f)		.mask = (f), .value = (f)
#define BOTH(f, g)	.mask = (f) | (g), .value = (f) | (g)

const struct cc_rule cc_rules[] = {
	/* The libc wrapper checks before any system call. */
	{ "libc_null_stack", "clone() in the libc (glibc's clone.S, musl's clone.c from 1.2.5)",
	  EINVAL, CC_RULE_LIBC, 0, 0, .also = libc_null_stack,
	  .says = "the libc wrapper refuses a NULL child stack" },
	{ "musl_clone_thread_state", "clone() in musl (src/linux/clone.c, 1.2.5)",
	  EINVAL, CC_RULE_LIBC, 0, 0,
	  .mask = CC_CLONE_THREAD | CC_CLONE_SETTLS | CC_CLONE_CHILD_CLEARTID,
	  .also = musl_clone_safe,
	  .says = "musl's clone() refuses CLONE_THREAD, CLONE_SETTLS and CLONE_CHILD_CLEARTID: a child of them would have no valid thread structure" },
	{ "musl_clone_writes_below_null", "__clone in musl before 1.2.5 (src/thread/x86_64/clone.s)",
	  CC_CALLER_KILLED_BY(SIGSEGV), CC_RULE_LIBC, 0, 0,
	  .also = musl_clone_writes_below_null,
	  .says = "musl's wrapper stores fn at the top of the child stack, 8 bytes below address 0 for a NULL one, before any system call: the caller dies of SIGSEGV" },
	{ "libc_writes_unmapped_stack", "clone() in the libc (glibc's clone.S, musl's __clone)",
	  CC_CALLER_KILLED_BY(SIGSEGV), CC_RULE_LIBC, 0, 0,
	  .also = libc_writes_unmapped_stack,
	  .says = "the wrapper stores fn and arg at the top of the child stack before any system call: on a stack at an address nothing backs the caller dies of SIGSEGV" },

	/* sys_clone3: there at all? */
	{ "clone3_missing", "sys_clone3 (added in 5.3)", ENOSYS, CC_RULE_CLONE3,
	  0, V(5, 3, 0),
	  .says = "clone3 does not exist before Linux 5.3" },
	{ "clone3_filtered_enosys", "seccomp filter", ENOSYS, CC_RULE_CLONE3,
	  V(5, 3, 0), 0, .also = clone3_enosys,
	  .says = "clone3 answers ENOSYS here (a seccomp filter)" },
	{ "clone3_filtered_eperm", "seccomp filter", EPERM, CC_RULE_CLONE3,
	  V(5, 3, 0), 0, .also = clone3_eperm,
	  .says = "clone3 answers EPERM here (a seccomp filter)" },

	/* copy_clone_args_from_user */
	{ "clone3_size_above_page", "copy_clone_args_from_user", E2BIG,
	  CC_RULE_CLONE3, 0, 0, .also = size_above_page,
	  .says = "clone_args size above PAGE_SIZE" },
	{ "clone3_size_below_ver0", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, 0, 0, .also = size_below_ver0,
	  .says = "clone_args size below CLONE_ARGS_SIZE_VER0 (64)" },
	{ "clone3_args_unreadable", "copy_struct_from_user", EFAULT,
	  CC_RULE_CLONE3, 0, 0, .also = args_unreadable,
	  .says = "clone_args cannot be read" },
	{ "clone3_tail_nonzero", "copy_struct_from_user", E2BIG, CC_RULE_CLONE3,
	  0, 0, .also = tail_nonzero,
	  .says = "a non-zero byte past the kernel's struct clone_args (88 bytes)" },
	{ "clone3_set_tid_too_many", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, 0, 0, .also = set_tid_too_many,
	  .says = "set_tid_size above MAX_PID_NS_LEVEL (32)" },
	{ "clone3_set_tid_null_with_size", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, 0, 0, .also = set_tid_null_with_size,
	  .says = "set_tid_size above 0 with a NULL set_tid pointer" },
	{ "clone3_set_tid_pointer_without_size", "copy_clone_args_from_user",
	  EINVAL, CC_RULE_CLONE3, 0, 0, .also = set_tid_pointer_without_size,
	  .says = "a set_tid pointer with set_tid_size 0" },
	{ "clone3_set_tid_without_size", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, 0, 0, .also = set_tid_without_size,
	  .says = "a set_tid pointer with set_tid_size 0 (a size of 72 reads the one, not the other)" },
	{ "clone3_exit_signal_invalid", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, 0, 0, .also = exit_signal_invalid,
	  .says = "exit_signal has bits outside CSIGNAL or is above 64" },
	{ "clone3_cgroup_arg_invalid", "copy_clone_args_from_user", EINVAL,
	  CC_RULE_CLONE3, V(5, 7, 0), 0, FLAG(CC_CLONE_INTO_CGROUP),
	  .also = cgroup_arg_invalid,
	  .says = "CLONE_INTO_CGROUP with cgroup above INT_MAX or a struct shorter than CLONE_ARGS_SIZE_VER2 (88)" },

	{ "clone3_set_tid_unreadable", "copy_clone_args_from_user (copy_from_user)",
	  EFAULT, CC_RULE_CLONE3, 0, 0, .also = set_tid_unreadable,
	  .says = "the set_tid array cannot be read" },

	/* clone3_args_valid */
	{ "clone3_unknown_flag_63", "clone3_args_valid", EINVAL, CC_RULE_CLONE3,
	  0, 0, .mask = 1ULL << 63, .value = 1ULL << 63,
	  .says = "flag bit 63, which no kernel defines" },
	{ "clone3_unknown_flag", "clone3_args_valid", EINVAL, CC_RULE_CLONE3,
	  0, V(7, 1, 0), .mask = 0x7ffffffc00000000ULL,
	  .says = "a flag bit above CLONE_INTO_CGROUP (Linux 7.1 gives bits 34 and up meanings)" },
	{ "clone3_clear_sighand_unknown", "clone3_args_valid", EINVAL,
	  CC_RULE_CLONE3, 0, V(5, 5, 0), FLAG(CC_CLONE_CLEAR_SIGHAND),
	  .says = "CLONE_CLEAR_SIGHAND before Linux 5.5" },
	{ "clone3_into_cgroup_unknown", "clone3_args_valid", EINVAL,
	  CC_RULE_CLONE3, 0, V(5, 7, 0), FLAG(CC_CLONE_INTO_CGROUP),
	  .says = "CLONE_INTO_CGROUP before Linux 5.7" },
	{ "clone3_detached_or_low_byte", "clone3_args_valid", EINVAL,
	  CC_RULE_CLONE3, 0, 0,
	  .mask = CC_CLONE_DETACHED | (CC_CSIGNAL & ~CC_CLONE_NEWTIME),
	  .says = "CLONE_DETACHED, or a low-byte bit other than CLONE_NEWTIME (the exit signal has a field of its own)" },
	{ "clone3_newtime_refused", "clone3_args_valid", EINVAL, CC_RULE_CLONE3,
	  0, 0, FLAG(CC_CLONE_NEWTIME), .until_fix = FIX(CLONE3_NEWTIME),
	  .says = "CLONE_NEWTIME in clone3 flags before a402f1e35313 (6.3; stable 6.2.7, 6.1.20, 5.15.103, 5.10.175)" },
	{ "clone3_sighand_and_clear_sighand", "clone3_args_valid", EINVAL,
	  CC_RULE_CLONE3, 0, 0, BOTH(CC_CLONE_SIGHAND, CC_CLONE_CLEAR_SIGHAND),
	  .says = "CLONE_SIGHAND with CLONE_CLEAR_SIGHAND" },
	{ "clone3_thread_or_parent_with_exit_signal", "clone3_args_valid",
	  EINVAL, CC_RULE_CLONE3, 0, 0, .also = thread_or_parent_with_signal,
	  .says = "CLONE_THREAD or CLONE_PARENT with a non-zero exit_signal" },
	{ "clone3_stack_size_without_stack", "clone3_stack_valid", EINVAL,
	  CC_RULE_CLONE3, 0, 0,
	  .also = stack_size_without_stack,
	  .says = "stack_size without a stack" },
	{ "clone3_stack_without_size", "clone3_stack_valid", EINVAL,
	  CC_RULE_CLONE3, 0, 0,
	  .also = stack_without_size,
	  .says = "a stack with stack_size 0" },
	{ "clone3_stack_outside_user", "clone3_stack_valid (access_ok)", EINVAL,
	  CC_RULE_CLONE3, 0, 0,
	  .also = stack_outside_user,
	  .says = "a stack that reaches past user space" },

	/* kernel_clone */
	{ "legacy_exit_signal_invalid", "kernel_clone (valid_signal)", EINVAL,
	  CC_RULE_LEGACY, 0, 0, .since_fix = FIX(LEGACY_EXIT_SIGNAL),
	  .also = legacy_exit_signal_invalid,
	  .says = "an exit signal above 64 in legacy clone's low byte, from 09e7827e7857 (7.1; before, the child is made and signals nothing)" },
	{ "pidfd_and_parent_settid_same_address", "kernel_clone", EINVAL,
	  CC_RULE_ALL, V(5, 2, 0), 0, BOTH(CC_CLONE_PIDFD, CC_CLONE_PARENT_SETTID),
	  .also = pidfd_on_parent_tid,
	  .says = "CLONE_PIDFD and CLONE_PARENT_SETTID write to one address (always so for legacy clone, which returns the pidfd through parent_tid)" },

	/* copy_process, before anything is allocated */
	{ "newns_with_fs", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  BOTH(CC_CLONE_NEWNS, CC_CLONE_FS),
	  .says = "CLONE_NEWNS with CLONE_FS" },
	{ "newuser_with_fs", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  BOTH(CC_CLONE_NEWUSER, CC_CLONE_FS),
	  .says = "CLONE_NEWUSER with CLONE_FS" },
	{ "unprivileged_userns_clone", "copy_process (Debian's patch)", EPERM,
	  CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_NEWUSER),
	  .also = userns_clone_disabled,
	  .says = "CLONE_NEWUSER without CAP_SYS_ADMIN while kernel.unprivileged_userns_clone is 0" },
	{ "thread_without_sighand", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  .mask = CC_CLONE_THREAD | CC_CLONE_SIGHAND, .value = CC_CLONE_THREAD,
	  .says = "CLONE_THREAD without CLONE_SIGHAND" },
	{ "sighand_without_vm", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  .mask = CC_CLONE_SIGHAND | CC_CLONE_VM, .value = CC_CLONE_SIGHAND,
	  .says = "CLONE_SIGHAND without CLONE_VM" },
	{ "parent_from_namespace_init", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  FLAG(CC_CLONE_PARENT), .also = parent_from_init,
	  .says = "CLONE_PARENT from the init of a pid namespace (SIGNAL_UNKILLABLE)" },
	{ "thread_with_newuser", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  BOTH(CC_CLONE_THREAD, CC_CLONE_NEWUSER),
	  .says = "CLONE_THREAD with CLONE_NEWUSER" },
	{ "thread_with_newpid", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  BOTH(CC_CLONE_THREAD, CC_CLONE_NEWPID),
	  .says = "CLONE_THREAD with CLONE_NEWPID" },
	{ "parent_after_setns_pidns", "copy_process", EINVAL, CC_RULE_ALL,
	  V(3, 12, 0), 0, FLAG(CC_CLONE_PARENT),
	  .until_fix = FIX(PARENT_AFTER_SETNS), .also = pid_for_children_differs,
	  .says = "CLONE_PARENT while pid_for_children is not the caller's pid namespace, in 3.12 only (40a0d32d1eaf; lifted by 1f7f4dde5c94)" },
	{ "thread_after_unshare_newpid", "copy_process", EINVAL, CC_RULE_ALL, 0, 0,
	  FLAG(CC_CLONE_THREAD), .also = pid_for_children_differs,
	  .says = "CLONE_THREAD while pid_for_children is not the caller's pid namespace (after unshare(CLONE_NEWPID))" },
	/*
	 * "fs/exec: switch timens when a task gets a new mm" (2b5f9dad32ed,
	 * v6.2-rc1) dropped both checks; not in 6.1.y (Debian's 6.1.192
	 * still refuses).
	 */
	{ "thread_after_unshare_newtime", "copy_process", EINVAL, CC_RULE_ALL,
	  0, 0, FLAG(CC_CLONE_THREAD), .until_fix = FIX(TIMENS_VM),
	  .also = time_for_children_differs,
	  .says = "CLONE_THREAD while time_for_children is not the caller's time namespace (before 6.2)" },
	{ "vm_after_unshare_newtime", "copy_process", EINVAL, CC_RULE_ALL,
	  0, 0, FLAG(CC_CLONE_VM), .until_fix = FIX(TIMENS_VM),
	  .also = time_for_children_differs,
	  .says = "CLONE_VM while time_for_children is not the caller's time namespace (before 6.2)" },
	{ "pidfd_with_detached", "copy_process", EINVAL, CC_RULE_ALL, V(5, 2, 0),
	  0, BOTH(CC_CLONE_PIDFD, CC_CLONE_DETACHED),
	  .says = "CLONE_PIDFD with CLONE_DETACHED" },
	{ "pidfd_with_thread", "copy_process", EINVAL, CC_RULE_ALL, V(5, 2, 0),
	  0, BOTH(CC_CLONE_PIDFD, CC_CLONE_THREAD), .until_fix = FIX(THREAD_PIDFD),
	  .says = "CLONE_PIDFD with CLONE_THREAD before 6.9 (thread pidfds)" },

	/* copy_creds -> create_user_ns */
	{ "userns_absent", "create_user_ns (the !CONFIG_USER_NS stub)", EINVAL,
	  CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_NEWUSER), .also = userns_absent,
	  .says = "CLONE_NEWUSER on a kernel without user namespaces (CONFIG_USER_NS)" },
	{ "userns_too_deep", "create_user_ns", ENOSPC, CC_RULE_ALL, 0, 0,
	  FLAG(CC_CLONE_NEWUSER), .also = userns_too_deep,
	  .says = "a user namespace below level 33 (33 nested levels are the most)" },
	{ "userns_count_limit", "create_user_ns (inc_user_namespaces)", ENOSPC,
	  CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_NEWUSER), .also = userns_count_limit,
	  .says = "user.max_user_namespaces reached (it is 0)" },

	{ "userns_from_chroot", "create_user_ns (current_chrooted)", EPERM,
	  CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_NEWUSER), .also = userns_from_chroot,
	  .says = "CLONE_NEWUSER from a chroot (the root is not the mount namespace's)" },
	{ "userns_creator_unmapped", "create_user_ns (kuid_has_mapping)", EPERM,
	  CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_NEWUSER),
	  .also = userns_creator_unmapped,
	  .says = "CLONE_NEWUSER by a caller whose uid or gid has no mapping in its own user namespace" },

	/* copy_process, RLIMIT_NPROC */
	{ "rlimit_nproc", "copy_process (is_rlimit_overlimit)", EAGAIN,
	  CC_RULE_ALL, 0, 0, .also = nproc_over_limit,
	  .says = "RLIMIT_NPROC reached by a user other than root without CAP_SYS_RESOURCE or CAP_SYS_ADMIN" },

	/* copy_namespaces -> create_new_namespaces */
	{ "namespace_without_cap_sys_admin", "copy_namespaces", EPERM,
	  CC_RULE_ALL, 0, 0, .also = ns_without_admin,
	  .says = "a CLONE_NEW* flag but CLONE_NEWUSER without CAP_SYS_ADMIN in the child's user namespace" },
	{ "newipc_with_sysvsem", "copy_namespaces", EINVAL, CC_RULE_ALL, 0, 0,
	  BOTH(CC_CLONE_NEWIPC, CC_CLONE_SYSVSEM),
	  .says = "CLONE_NEWIPC with CLONE_SYSVSEM" },
	{ "namespace_type_absent", "create_new_namespaces (a copy_* stub)",
	  EINVAL, CC_RULE_ALL, 0, 0, .also = ns_type_absent,
	  .says = "a CLONE_NEW* flag of a namespace type the kernel lacks (CONFIG_UTS_NS, IPC_NS, PID_NS, NET_NS, TIME_NS), the first such before any type at its count limit" },
	{ "namespace_count_limit", "create_new_namespaces (inc_*_namespaces)",
	  ENOSPC, CC_RULE_ALL, 0, 0, .also = ns_count_limit,
	  .says = "the namespace type's user.max_*_namespaces is 0" },
	{ "newpid_after_unshare_newpid", "copy_pid_ns", EINVAL, CC_RULE_ALL, 0, 0,
	  FLAG(CC_CLONE_NEWPID), .also = newpid_not_active,
	  .says = "CLONE_NEWPID while pid_for_children is not the caller's pid namespace" },
	{ "pidns_too_deep", "create_pid_namespace", ENOSPC, CC_RULE_ALL, 0, 0,
	  FLAG(CC_CLONE_NEWPID), .also = newpid_too_deep,
	  .says = "a pid namespace below level 32 (32 nested levels are the most)" },

	/* copy_thread (x86-64, and the compat path of i386) */
	{ "tls_not_canonical", "copy_thread -> do_arch_prctl_64(ARCH_SET_FS)",
	  EPERM, CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_SETTLS),
	  .also = tls_not_canonical,
	  .says = "CLONE_SETTLS with a TLS base at or above TASK_SIZE_MAX (x86-64)" },
	{ "tls_user_desc_unreadable",
	  "copy_thread -> set_new_tls -> do_set_thread_area (compat)",
	  EFAULT, CC_RULE_ALL, 0, 0, FLAG(CC_CLONE_SETTLS),
	  .also = tls_user_desc_unreadable,
	  .says = "CLONE_SETTLS from a 32-bit caller with a tls argument (its struct user_desc) in page zero or at or above 4 GiB (i386)" },

	/* alloc_pid, set_tid (clone3 only) */
	{ "set_tid_invalid", "alloc_pid", EINVAL, CC_RULE_CLONE3, V(5, 5, 0), 0,
	  .also = set_tid_refused_einval,
	  .says = "set_tid: more pids than pid-namespace levels, a pid below 1 or at least pid_max, or a pid other than 1 in a namespace without init" },
	{ "set_tid_without_checkpoint_restore", "alloc_pid", EPERM,
	  CC_RULE_CLONE3, V(5, 5, 0), 0, .also = set_tid_refused_eperm,
	  .says = "set_tid without CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the pid namespace" },
	{ "set_tid_in_use", "alloc_pid (idr_alloc)", EEXIST, CC_RULE_CLONE3,
	  V(5, 5, 0), 0, .also = set_tid_refused_eexist,
	  .says = "set_tid asks for a pid in use (pid 1 of an existing namespace)" },

	{ "set_tid_into_dead_pidns_eperm", "alloc_pid (PIDNS_ADDING, retval)",
	  EPERM, CC_RULE_CLONE3, V(5, 5, 0), 0,
	  .until_fix = FIX(SET_TID_DEAD_PIDNS), .also = set_tid_into_dead_pidns,
	  .says = "set_tid into a pid namespace whose init has exited: the set_tid loop left -EPERM as the error (5.5 until b26ebfe12f34)" },
	{ "pid_namespace_dead", "alloc_pid (PIDNS_ADDING)", ENOMEM, CC_RULE_ALL,
	  0, 0, .also = pidns_dead,
	  .says = "pid_for_children is a pid namespace whose init has exited" },

	/* copy_process, the pidfd */
	{ "pidfd_no_free_fd", "copy_process (get_unused_fd_flags)", EMFILE,
	  CC_RULE_ALL, V(5, 2, 0), 0, FLAG(CC_CLONE_PIDFD), .also = no_free_fd,
	  .says = "CLONE_PIDFD with no free fd below RLIMIT_NOFILE" },
	{ "pidfd_pointer_faults", "copy_process (put_user)", EFAULT, CC_RULE_ALL,
	  V(5, 2, 0), 0, FLAG(CC_CLONE_PIDFD), .also = pidfd_pointer_faults,
	  .says = "CLONE_PIDFD with a pidfd pointer that faults" },

	/* cgroup_can_fork -> cgroup_css_set_fork */
	{ "cgroup_not_cgroup2_dir", "cgroup_css_set_fork", EBADF, CC_RULE_CLONE3,
	  V(5, 7, 0), 0, FLAG(CC_CLONE_INTO_CGROUP), .also = cgroup_not_cgroup2,
	  .says = "CLONE_INTO_CGROUP with an fd that is not open or not a cgroup2 directory (a file, a cgroup v1 directory)" },
	{ "cgroup_removed", "cgroup_css_set_fork (cgroup_get_from_file)", ENOENT,
	  CC_RULE_CLONE3, V(5, 7, 0), 0, FLAG(CC_CLONE_INTO_CGROUP),
	  .also = cgroup_removed,
	  .says = "CLONE_INTO_CGROUP into a cgroup already removed" },
	{ "cgroup_not_writable", "cgroup_css_set_fork (cgroup_may_write)", EACCES,
	  CC_RULE_CLONE3, V(5, 7, 0), 0, FLAG(CC_CLONE_INTO_CGROUP),
	  .also = cgroup_not_writable,
	  .says = "CLONE_INTO_CGROUP into a cgroup whose cgroup.procs the caller may not write" },
	{ "cgroup_thread_other_domain", "cgroup_attach_permissions", EOPNOTSUPP,
	  CC_RULE_CLONE3, V(5, 7, 0), 0,
	  BOTH(CC_CLONE_INTO_CGROUP, CC_CLONE_THREAD),
	  .says = "CLONE_INTO_CGROUP|CLONE_THREAD into another domain than the thread group's" },
};

const size_t cc_rule_count = ARRAY_SIZE(cc_rules);

bool cc_rule_in_force(const struct cc_rule *rule, unsigned int kernel)
{
	return (!rule->since || kernel >= rule->since) &&
	       (!rule->until || kernel < rule->until) &&
	       (!rule->until_fix || !cc_kernel_has_fix(rule->until_fix, kernel)) &&
	       (!rule->since_fix || cc_kernel_has_fix(rule->since_fix, kernel));
}

/* ---- what the kernel is given ---- */

static unsigned int entry_bit(enum cc_entry entry)
{
	switch (entry) {
	case CC_ENTRY_CLONE:
		return CC_RULE_CLONE;
	case CC_ENTRY_CLONE3:
		return CC_RULE_CLONE3;
	case CC_ENTRY_LIBC:
		return CC_RULE_LIBC;
	default:
		return 0;	/* references: their flags are the libc's */
	}
}

/* The fixed flags of a reference entry point (glibc on x86-64). */
static uint64_t reference_flags(enum cc_entry entry, uint64_t *exit_signal)
{
	*exit_signal = SIGCHLD;
	switch (entry) {
	case CC_ENTRY_VFORK:
	case CC_ENTRY_POSIX_SPAWN:
		return CC_CLONE_VM | CC_CLONE_VFORK;
	case CC_ENTRY_PTHREAD:
		*exit_signal = 0;
		return CC_CLONE_VM | CC_CLONE_FS | CC_CLONE_FILES |
		       CC_CLONE_SIGHAND | CC_CLONE_THREAD | CC_CLONE_SYSVSEM |
		       CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID |
		       CC_CLONE_CHILD_CLEARTID;
	default:
		return 0;
	}
}

const char *cc_syscall_kind_name(enum cc_syscall_kind kind)
{
	static const char *const names[] = {
		[CC_SYSCALL_CLONE] = "clone", [CC_SYSCALL_CLONE3] = "clone3",
		[CC_SYSCALL_FORK] = "fork", [CC_SYSCALL_VFORK] = "vfork",
	};

	return (unsigned int)kind < ARRAY_SIZE(names) ? names[kind] : "?";
}

#define PTHREAD_FLAGS (CC_CLONE_VM | CC_CLONE_FS | CC_CLONE_FILES |	\
		       CC_CLONE_SIGHAND | CC_CLONE_THREAD | CC_CLONE_SYSVSEM | \
		       CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID |	\
		       CC_CLONE_CHILD_CLEARTID)

/*
 * glibc (sysdeps/unix/sysv/linux): fork is arch_fork, a clone with
 * CHILD_SETTID|CHILD_CLEARTID for the new thread's tid word; vfork the
 * vfork syscall; posix_spawn (since 2.34) and pthread_create (since
 * 2.34) go through __clone_internal, clone3 first and clone with the
 * same flags when clone3 answers ENOSYS (only ENOSYS).
 * musl (src/process, src/thread): fork is _Fork's fork syscall where the
 * architecture has one (x86-64 and i386 do), vfork the vfork syscall,
 * posix_spawn and pthread_create its __clone, a legacy clone;
 * pthread_create adds CLONE_DETACHED, which the kernel ignores.
 */
int cc_model_libc_calls(enum cc_entry entry, const struct cc_env *env,
			struct cc_libc_call calls[2])
{
	bool glibc = env->libc == CC_LIBC_GLIBC;
	bool glibc_clone3 = glibc && env->libc_version >= V(2, 34, 0);
	struct cc_libc_call *call = &calls[0];

	call->exit_signal = SIGCHLD;
	switch (entry) {
	case CC_ENTRY_FORK:
		call->syscall = glibc ? CC_SYSCALL_CLONE : CC_SYSCALL_FORK;
		call->flags = glibc ? CC_CLONE_CHILD_SETTID |
				      CC_CLONE_CHILD_CLEARTID : 0;
		return 1;
	case CC_ENTRY_VFORK:
		call->syscall = CC_SYSCALL_VFORK;
		call->flags = CC_CLONE_VM | CC_CLONE_VFORK;
		return 1;
	case CC_ENTRY_POSIX_SPAWN:
		call->flags = CC_CLONE_VM | CC_CLONE_VFORK;
		break;
	case CC_ENTRY_PTHREAD:
		call->flags = PTHREAD_FLAGS | (glibc ? 0 : CC_CLONE_DETACHED);
		call->exit_signal = 0;
		break;
	default:
		return 0;
	}
	call->syscall = glibc_clone3 ? CC_SYSCALL_CLONE3 : CC_SYSCALL_CLONE;
	if (!glibc_clone3 || env->clone3 != CC_CLONE3_ENOSYS)
		return 1;
	calls[1] = *call;
	calls[1].syscall = CC_SYSCALL_CLONE;
	return 2;
}

bool cc_model_libc_clone_raise_reaches_child(const struct cc_env *env)
{
	if (env->libc == CC_LIBC_MUSL)
		return musl_safe_clone(env);
	return env->libc_version >= V(2, 34, 0);
}

static void make_call(const struct cc_request *req, const struct cc_env *env,
		      struct cc_call *c)
{
	uint32_t i, tail_in;

	memset(c, 0, sizeof(*c));
	c->req = req;
	c->entry = entry_bit(req->entry);
	switch (req->entry) {
	case CC_ENTRY_CLONE:
	case CC_ENTRY_LIBC:
		/* Cut to 32 bits; the low byte is the exit signal. */
		c->flags = (req->flags | (req->exit_signal & CC_CSIGNAL)) &
			   0xffffffffULL;
		c->exit_signal = c->flags & CC_CSIGNAL;
		c->flags &= ~CC_CSIGNAL;
		c->pidfd_is_parent_tid = true;
		break;
	case CC_ENTRY_CLONE3:
		c->flags = req->flags;
		c->exit_signal = req->exit_signal;
		if (req->stack != CC_STACK_NONE) {
			c->stack = req->stack == CC_STACK_AT ?
				cc_request_address(req->stack_addr,
						   req->stack_from_top,
						   TASK_SIZE_MAX) : 1;
			c->stack_size = req->stack_size -
				(req->stack == CC_STACK_MISALIGNED ? 8 : 0);
			if (req->stack == CC_STACK_MALLOC)
				c->stack_size &= ~15ULL;
		}
		/* Fields past `size` are not read: the kernel sees zeroes. */
		if (req->clone3_size >= CC_CLONE_ARGS_SIZE_VER1)
			c->set_tid_size = req->set_tid_size;
		c->cgroup_read = req->clone3_size >= CC_CLONE_ARGS_SIZE_VER2;
		tail_in = req->clone3_size > CC_CLONE_ARGS_SIZE_VER2 ?
			  req->clone3_size - CC_CLONE_ARGS_SIZE_VER2 : 0;
		for (i = 0; i < req->tail_len && i < tail_in; i++)
			if (req->tail[i])
				c->tail_nonzero = true;
		/* pidfd=parent_tid is the launcher's parent_tid word: the
		 * same address only when parent_tid points there too. */
		c->pidfd_is_parent_tid =
			(req->pidfd == CC_PTR_PARENT_TID &&
			 req->parent_tid == CC_PTR_AUTO) ||
			(req->pidfd == req->parent_tid &&
			 (req->pidfd == CC_PTR_NULL || req->pidfd == CC_PTR_BAD));
		break;
	default:
		c->flags = reference_flags(req->entry, &c->exit_signal);
		break;
	}
	if ((c->entry & CC_RULE_LEGACY) && req->stack == CC_STACK_AT) {
		uint64_t top = cc_request_address(req->stack_addr,
						  req->stack_from_top,
						  TASK_SIZE_MAX) +
			       req->stack_size;

		c->legacy_stack_null = env->abi == CC_ABI_I386 ?
				       !(uint32_t)top : !top;
	}
	if (req->tls_explicit && c->entry) {
		c->tls_explicit = true;
		c->tls = cc_request_address(req->tls, req->tls_from_top,
					    TASK_SIZE_MAX);
		if (env->abi == CC_ABI_I386 && (c->entry & CC_RULE_LEGACY))
			c->tls &= 0xffffffffULL;
	}
}

/* Every capability the kernel has: what a new user namespace grants. */
static uint64_t every_cap(const struct cc_env *env)
{
	int last = env->cap_last_cap > 0 ? env->cap_last_cap : 40;

	return last < 63 ? (2ULL << last) - 1 : ~0ULL;
}

/* The caller has entered a user namespace of its own. */
static void model_enter_userns(struct cc_env *env, bool unmapped,
			       uint64_t caps)
{
	env->init_userns = false;
	env->userns_level++;
	env->caps = caps;
	env->uid_unmapped = unmapped;
	/* Every pid namespace it is in belongs to an ancestor. */
	env->pidns_owned_from = env->pidns_level + 1;
	/* RLIMIT_NPROC counts per user namespace: its tasks, just itself. */
	env->nproc_tasks = 1;
}

void cc_model_env_for(const struct cc_request *req, const struct cc_env *env,
		      struct cc_env *out)
{
	int t;

	*out = *env;
	if (req->caller == CC_CALLER_NOBODY) {
		out->uid = CC_NOBODY;
		out->caps = 0;
	}
	/* request.h: steps in order, each as the launcher takes it. */
	if (req->userns != CC_USERNS_NONE)
		model_enter_userns(out, req->userns == CC_USERNS_UNMAPPED,
			     every_cap(out));
	else if (req->nproc != CC_NPROC_UNCHANGED && out->uid != 0)
		model_enter_userns(out, false, 0);
	for (t = 0; t < CC_NS_COUNT; t++)
		if (req->ns_limit & cc_ns_flags[t])
			out->max_namespaces[t] = 0;
	if (req->unshare & CC_CLONE_NEWPID) {
		out->pid_for_children_differs = true;
		out->pid_for_children_entered = false;
	}
	if (req->unshare & CC_CLONE_NEWTIME)
		out->time_for_children_differs = true;
	switch (req->pidns) {
	case CC_PIDNS_INIT:
		/* unshare, then the fork that is pid 1 makes the call. */
		out->pidns_level++;
		out->pidns_init = true;
		out->pids_taken = 1;
		if (out->pidns_owned_from > out->pidns_level)
			out->pidns_owned_from = out->pidns_level;
		out->pid_for_children_differs = false;
		out->time_for_children_differs = false;
		if (out->nproc_tasks)
			out->nproc_tasks++;	/* the process that waits for it */
		break;
	case CC_PIDNS_SETNS:
	case CC_PIDNS_DEAD:
		out->pid_for_children_differs = true;
		out->pid_for_children_entered = req->pidns == CC_PIDNS_SETNS;
		out->pid_for_children_dead = req->pidns == CC_PIDNS_DEAD;
		/* Only its init, while it lives. */
		out->pids_taken_for_children = req->pidns == CC_PIDNS_SETNS;
		/* The launcher's holder and the init, while they live. */
		if (req->pidns == CC_PIDNS_SETNS) {
			if (out->nproc_tasks)
				out->nproc_tasks += 2;
			if (out->pids_taken)
				out->pids_taken += 2;
		}
		break;
	default:
		break;
	}
	if (req->chroot)
		out->chrooted = true;
	out->caps &= ~req->caps_drop;
	if (req->nproc != CC_NPROC_UNCHANGED)
		out->rlimit_nproc = req->nproc;
}

static bool rule_holds(const struct cc_rule *rule, const struct cc_call *c,
		       const struct cc_env *env)
{
	if (!(rule->entries & c->entry) || !cc_rule_in_force(rule, env->kernel))
		return false;
	/* A mask with value 0 means "any of these bits". */
	if (rule->mask && (rule->value ? (c->flags & rule->mask) != rule->value :
					 !(c->flags & rule->mask)))
		return false;
	return !rule->also || rule->also(c, env);
}

/* ---- the profile of a child that was made ---- */

static uint32_t sharing_props(const struct cc_call *c, const struct cc_env *env)
{
	const struct cc_request *req = c->req;
	uint64_t f = c->flags;
	bool raw = req->entry <= CC_ENTRY_LIBC;
	uint32_t props = 0;
	int i;

	if (f & CC_CLONE_VM)
		props |= CC_P(MEMORY);
	if (f & CC_CLONE_FILES)
		props |= CC_P(FILES);
	if (f & CC_CLONE_FS)
		props |= CC_P(FS_UMASK) | CC_P(FS_CWD);
	if (f & CC_CLONE_SIGHAND)
		props |= CC_P(SIGHAND);
	if (f & CC_CLONE_THREAD)
		props |= CC_P(THREAD_GROUP);
	/*
	 * In a new pid namespace, or in pid_for_children (unshare, setns),
	 * getppid() is 0: no parent to compare.
	 */
	if ((f & (CC_CLONE_PARENT | CC_CLONE_THREAD)) && !(f & CC_CLONE_NEWPID) &&
	    !env->pid_for_children_differs)
		props |= CC_P(PARENT);
	if (f & CC_CLONE_SYSVSEM)
		props |= CC_P(SYSVSEM);
	if (f & CC_CLONE_IO)
		props |= CC_P(IO);
	if (f & CC_CLONE_VFORK)
		props |= CC_P(VFORK);
	if (raw) {
		if (f & CC_CLONE_SETTLS)
			props |= CC_P(TLS);
		if ((f & CC_CLONE_PARENT_SETTID) && req->parent_tid == CC_PTR_AUTO)
			props |= CC_P(PARENT_TID);
		if ((f & CC_CLONE_CHILD_SETTID) && req->child_tid == CC_PTR_AUTO)
			props |= CC_P(CHILD_TID);
		if ((f & CC_CLONE_PIDFD) && req->pidfd == CC_PTR_AUTO)
			props |= CC_P(PIDFD);
		/* mm_release clears the word only while the mm has another user. */
		if ((f & CC_CLONE_CHILD_CLEARTID) && (f & CC_CLONE_VM) &&
		    req->child_tid == CC_PTR_AUTO)
			props |= CC_P(CLEAR_TID);
		if (!stack_null(c))
			props |= CC_P(OWN_STACK);
	} else if (req->entry == CC_ENTRY_PTHREAD) {
		/* The TLS block and the tid words are the libc's own. */
		props |= CC_P(CLEAR_TID) | CC_P(OWN_STACK);
	} else if (req->entry == CC_ENTRY_POSIX_SPAWN) {
		props |= CC_P(OWN_STACK);
	}
	if (f & CC_CLONE_CLEAR_SIGHAND)
		props |= CC_P(CLEAR_SIGHAND);
	if (f & CC_CLONE_INTO_CGROUP)
		props |= CC_P(CGROUP);
	for (i = 0; i < CC_NS_COUNT; i++)
		if (f & cc_ns_flags[i])
			props |= 1u << CC_PROP_NS(i);
	/* A child enters pid_for_children (after unshare or setns). */
	if (env->pid_for_children_differs)
		props |= CC_P(NS_PID);
	/*
	 * A child sharing the mm stays in the caller's time namespace
	 * (copy_namespaces calls timens_on_fork only without CLONE_VM,
	 * since 2b5f9dad32ed in 6.2); one without it enters time_for_children.
	 */
	if (f & CC_CLONE_VM) {
		if (env->kernel >= V(6, 2, 0))
			props &= ~CC_P(NS_TIME);
	} else if (env->time_for_children_differs) {
		props |= CC_P(NS_TIME);
	}

	/* exec: a new image; only what exec keeps stays shared. */
	if (req->child == CC_CHILD_EXEC || req->entry == CC_ENTRY_POSIX_SPAWN) {
		props = (props & ~(CC_P(MEMORY) | CC_P(FILES) | CC_P(SIGHAND) |
				   CC_P(VFORK) | CC_P(TLS) | CC_P(CLEAR_TID))) |
			CC_P(CLEAR_SIGHAND) | CC_P(OWN_STACK);
		/*
		 * exec enters time_for_children (exec_task_namespaces),
		 * which the CLONE_VM child had not entered yet.
		 */
		if ((f & CC_CLONE_NEWTIME) || env->time_for_children_differs)
			props |= CC_P(NS_TIME);
		/*
		 * exec releases an mm it shares (exec_mm_release): the
		 * CLONE_CHILD_CLEARTID word is zeroed then, before the
		 * exec'ed helper reads what CLONE_CHILD_SETTID wrote.  Only
		 * the launcher's word: a NULL or unmapped child_tid is no
		 * word to clear (put_user fails; found by make fuzz).
		 */
		if ((f & (CC_CLONE_VM | CC_CLONE_CHILD_CLEARTID)) ==
		    (CC_CLONE_VM | CC_CLONE_CHILD_CLEARTID) &&
		    req->child_tid == CC_PTR_AUTO &&
		    req->entry != CC_ENTRY_POSIX_SPAWN)
			props = (props & ~CC_P(CHILD_TID)) | CC_P(CLEAR_TID);
	}
	return props;
}

static void predict_end(const struct cc_call *c, struct cc_outcome *exp)
{
	const struct cc_request *req = c->req;

	if (c->flags & CC_CLONE_THREAD) {
		exp->end = CC_END_THREAD;
		exp->end_value = 0;
	} else if ((c->flags & (CC_CLONE_SIGHAND | CC_CLONE_NEWPID |
				CC_CLONE_PARENT)) ==
		   (CC_CLONE_SIGHAND | CC_CLONE_NEWPID) &&
		   c->exit_signal == SIGCHLD && req->child != CC_CHILD_EXEC) {
		/*
		 * A pid-namespace init that shares its signal handlers:
		 * exiting, it sets SIGCHLD to SIG_IGN (zap_pid_ns_processes)
		 * in the table it shares with the caller, so it is reaped
		 * at once, the caller's wait finds nothing and no exit
		 * signal is sent; the caller is left with SIGCHLD ignored.
		 * With CLONE_PARENT the parent notified is another process,
		 * whose table is its own, and do_notify_parent reaps early
		 * for SIGCHLD only (exec makes it SIGCHLD, but the exec'ed
		 * child has a table of its own): else the child ends as any
		 * other.
		 */
		exp->end = CC_END_REAPED;
		exp->end_value = 0;
		exp->exit_signal = 0;
		return;
	} else if (req->child == CC_CHILD_OVERFLOW ||
		   (req->stack == CC_STACK_AT && !c->legacy_stack_null)) {
		/* A stack too small, or one nothing backs. */
		exp->end = CC_END_KILLED;
		exp->end_value = SIGSEGV;
	} else if (req->child == CC_CHILD_EXIT) {
		exp->end = CC_END_EXITED;
		exp->end_value = req->child_exit_code;
	} else {
		exp->end = CC_END_EXITED;
		exp->end_value = 0;
	}

	/*
	 * The signal the parent gets: none for a thread; the caller's own
	 * (SIGCHLD: the launcher forks it) with CLONE_PARENT; otherwise
	 * the requested one when it is a valid signal (do_notify_parent
	 * sends nothing for 0 or one above 64; legacy clone never checks).
	 */
	if (c->flags & CC_CLONE_THREAD)
		exp->exit_signal = 0;
	else if (c->flags & CC_CLONE_PARENT)
		exp->exit_signal = SIGCHLD;
	else if (c->exit_signal >= 1 && c->exit_signal <= 64)
		exp->exit_signal = c->exit_signal;
	else
		exp->exit_signal = 0;
	/* exec sets it to SIGCHLD: de_thread, "we have changed execution domain". */
	if ((req->child == CC_CHILD_EXEC || req->entry == CC_ENTRY_POSIX_SPAWN) &&
	    !(c->flags & CC_CLONE_THREAD))
		exp->exit_signal = SIGCHLD;
}

/*
 * $CLONECHECK_MODEL_DROP names a rule the model then forgets: a wrong
 * model on purpose, to show that the cases' model tests catch it
 * (tests/model_faults.sh).
 */
static bool rule_dropped(const struct cc_rule *rule)
{
	const char *drop = getenv("CLONECHECK_MODEL_DROP");

	return drop && !strcmp(drop, rule->name);
}

void cc_model_predict(const struct cc_request *req, const struct cc_env *env,
		      struct cc_prediction *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	cc_model_env_for(req, env, &out->env);
	make_call(req, &out->env, &out->call);
	for (i = 0; i < cc_rule_count; i++) {
		if (rule_holds(&cc_rules[i], &out->call, &out->env) &&
		    !rule_dropped(&cc_rules[i])) {
			out->rule = &cc_rules[i];
			out->outcome.ret = -cc_rules[i].err;
			out->outcome.end = CC_END_NONE;
			return;
		}
	}
	out->outcome.ret = 0;
	/*
	 * A child that exits at once or overflows measures nothing; nor
	 * does one on a stack at a raw address, which nothing backs.
	 */
	if ((req->child == CC_CHILD_PROBE || req->child == CC_CHILD_EXEC) &&
	    (req->stack != CC_STACK_AT || out->call.legacy_stack_null))
		out->outcome.props = sharing_props(&out->call, &out->env);
	/* What the machine lacks the feature to show has no value. */
	out->outcome.unmeasured = cc_props_needing(out->env.absent_features);
	out->outcome.props &= ~out->outcome.unmeasured;
	predict_end(&out->call, &out->outcome);
}

/* ---- reports ---- */

const struct cc_cause *cc_prediction_cause(const struct cc_prediction *pred,
					   struct cc_cause *cause)
{
	if (!pred->rule)
		return NULL;
	cause->rule = pred->rule->name;
	cause->function = pred->rule->function;
	cause->says = pred->rule->says;
	return cause;
}

size_t cc_prediction_print(char *buf, size_t len,
			   const struct cc_prediction *pred, bool json)
{
	struct cc_cause cause;

	return cc_outcome_print(buf, len, &pred->outcome,
				cc_prediction_cause(pred, &cause), json);
}

/* A difference in the call's result names the rule that decided it. */
static size_t explain_rule(const void *ctx, enum cc_part part,
			   enum cc_prop prop, const char *plain, char *buf,
			   size_t len)
{
	const struct cc_prediction *pred = ctx;

	(void)prop;
	if (part != CC_PART_RET)
		return 0;
	if (!pred->rule)
		return snprintf(buf, len, "%s (no rule refuses it)", plain);
	return snprintf(buf, len, "%s (rule %s in %s)", plain, pred->rule->name,
			pred->rule->function);
}

int cc_model_diff(const struct cc_prediction *pred,
		  const struct cc_outcome *row, unsigned int parts, char *buf,
		  size_t len)
{
	struct cc_explainer ex = { explain_rule, pred };

	return cc_outcome_diff("the row expects", row, "the model predicts",
			       &pred->outcome, parts, CC_PROPS_ALL, &ex, buf,
			       len);
}
