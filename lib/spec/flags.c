// SPDX-License-Identifier: GPL-2.0
/*
 * The CLONE_* flag table; the text form of flag sets is form/flags_text.c.
 */
#include <string.h>

#include "spec/flags.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Accepted by all three entry points: the sharing and namespace flags. */
#define APIS_ALL	(CC_API_CLONE | CC_API_CLONE3 | CC_API_UNSHARE)
/* Meaningful only when a task is created, so unshare(2) rejects them. */
#define APIS_CREATE	(CC_API_CLONE | CC_API_CLONE3)

/* Kept in ascending bit order; cc_flags_print does not rely on it. */
const struct cc_flag cc_flags[] = {
	/*
	 * 0x80 is inside CSIGNAL, so legacy clone reads it as part of the
	 * exit signal; clone3 accepts it since 6.3 (stable 6.2.7, 6.1.20,
	 * 5.15.103, 5.10.175).
	 */
	{ "CLONE_NEWTIME", CC_CLONE_NEWTIME, CC_API_CLONE3 | CC_API_UNSHARE,
	  "5.6", "new time namespace (for children of the caller)" },
	/* unshare takes VM, SIGHAND and THREAD only while nothing is shared. */
	{ "CLONE_VM", CC_CLONE_VM, APIS_ALL,
	  "2.0", "share the address space with the parent" },
	{ "CLONE_FS", CC_CLONE_FS, APIS_ALL,
	  "2.0", "share root, working directory and umask" },
	{ "CLONE_FILES", CC_CLONE_FILES, APIS_ALL,
	  "2.0", "share the file descriptor table" },
	{ "CLONE_SIGHAND", CC_CLONE_SIGHAND, APIS_ALL,
	  "2.0", "share the table of signal handlers" },
	{ "CLONE_PIDFD", CC_CLONE_PIDFD, APIS_CREATE,
	  "5.2", "return a pidfd that refers to the child" },
	{ "CLONE_PTRACE", CC_CLONE_PTRACE, APIS_CREATE,
	  "2.2", "trace the child too if the caller is traced" },
	{ "CLONE_VFORK", CC_CLONE_VFORK, APIS_CREATE,
	  "2.2", "suspend the caller until the child execs or exits" },
	{ "CLONE_PARENT", CC_CLONE_PARENT, APIS_CREATE,
	  "2.3.12", "give the child the caller's parent" },
	{ "CLONE_THREAD", CC_CLONE_THREAD, APIS_ALL,
	  "2.4.0", "put the child in the caller's thread group" },
	{ "CLONE_NEWNS", CC_CLONE_NEWNS, APIS_ALL,
	  "2.4.19", "new mount namespace" },
	{ "CLONE_SYSVSEM", CC_CLONE_SYSVSEM, APIS_ALL,
	  "2.5.10", "share System V semaphore undo values" },
	{ "CLONE_SETTLS", CC_CLONE_SETTLS, APIS_CREATE,
	  "2.5.32", "set the child's thread pointer to the tls argument" },
	{ "CLONE_PARENT_SETTID", CC_CLONE_PARENT_SETTID, APIS_CREATE,
	  "2.5.49", "store the child's TID at parent_tid in the caller" },
	{ "CLONE_CHILD_CLEARTID", CC_CLONE_CHILD_CLEARTID, APIS_CREATE,
	  "2.5.49", "zero child_tid and wake its futex when the child exits" },
	/* Ignored by legacy clone since 2.6.2; clone3 refuses it with EINVAL. */
	{ "CLONE_DETACHED", CC_CLONE_DETACHED, CC_API_CLONE,
	  "2.5.32", "obsolete; ignored by clone, rejected by clone3" },
	{ "CLONE_UNTRACED", CC_CLONE_UNTRACED, APIS_CREATE,
	  "2.5.46", "keep a tracer from forcing CLONE_PTRACE on the child" },
	{ "CLONE_CHILD_SETTID", CC_CLONE_CHILD_SETTID, APIS_CREATE,
	  "2.5.49", "store the child's TID at child_tid in the child" },
	{ "CLONE_NEWCGROUP", CC_CLONE_NEWCGROUP, APIS_ALL,
	  "4.6", "new cgroup namespace" },
	{ "CLONE_NEWUTS", CC_CLONE_NEWUTS, APIS_ALL,
	  "2.6.19", "new UTS namespace (host and domain name)" },
	{ "CLONE_NEWIPC", CC_CLONE_NEWIPC, APIS_ALL,
	  "2.6.19", "new IPC namespace" },
	{ "CLONE_NEWUSER", CC_CLONE_NEWUSER, APIS_ALL,
	  "2.6.23", "new user namespace" },
	{ "CLONE_NEWPID", CC_CLONE_NEWPID, APIS_ALL,
	  "2.6.24", "new PID namespace (for children of the caller)" },
	{ "CLONE_NEWNET", CC_CLONE_NEWNET, APIS_ALL,
	  "2.6.24", "new network namespace" },
	{ "CLONE_IO", CC_CLONE_IO, APIS_CREATE,
	  "2.6.25", "share the I/O context" },
	/* Above bit 31: legacy clone passes an int, so only clone3 has them. */
	{ "CLONE_CLEAR_SIGHAND", CC_CLONE_CLEAR_SIGHAND, CC_API_CLONE3,
	  "5.5", "reset every handled signal to SIG_DFL in the child" },
	{ "CLONE_INTO_CGROUP", CC_CLONE_INTO_CGROUP, CC_API_CLONE3,
	  "5.7", "start the child in the cgroup given by clone_args.cgroup" },
};

const size_t cc_flag_count = ARRAY_SIZE(cc_flags);

/*
 * The rows straight from CC_NAMESPACES_WITH: through CC_NAMESPACES they
 * pass one more macro, which would expand CLONE_NEWNS where <sched.h>
 * defines it (as in a reproducer's single translation unit).
 */
const uint64_t cc_ns_flags[CC_NS_COUNT] = {
#define NS_FLAG(unused, ID, proc, word, flag, config) [CC_NS_##ID] = CC_##flag,
	CC_NAMESPACES_WITH(NS_FLAG, _)
#undef NS_FLAG
};

const struct cc_flag *cc_flag_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < cc_flag_count; i++)
		if (strlen(cc_flags[i].name) == len &&
		    !memcmp(cc_flags[i].name, name, len))
			return &cc_flags[i];
	return NULL;
}

const struct cc_flag *cc_flag_by_bit(uint64_t bit)
{
	size_t i;

	for (i = 0; i < cc_flag_count; i++)
		if (cc_flags[i].bit == bit)
			return &cc_flags[i];
	return NULL;
}
