/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment: everything the model must know about the machine and
 * the caller to predict a call, as one snapshot (struct cc_env).  The
 * model reads only this struct, never the machine: engine/machine.h
 * fills it from what this process sees, and a case that describes a
 * context it is not in writes it by hand.
 */
#ifndef CLONECHECK_SPEC_ENV_H
#define CLONECHECK_SPEC_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "outcome/namespaces.h"

/*
 * clone3 as a deliberately invalid call (size 0) sees it: EINVAL means
 * the kernel looked at it.  ENOSYS: a kernel before 5.3 or a seccomp
 * filter; EPERM: a seccomp filter (the container profiles that broke
 * glibc 2.34, whose fallback to clone only follows ENOSYS).
 */
enum cc_clone3_state {
	CC_CLONE3_AVAILABLE,
	CC_CLONE3_ENOSYS,
	CC_CLONE3_EPERM,
	CC_CLONE3_OTHER,	/* any other errno: a filter we cannot read */
};

#define CC_KERNEL_VERSION(a, b, c) (((a) << 16) | ((b) << 8) | (c))

/* A CC_KERNEL_VERSION() as "6.3.0"; returns buf. */
const char *cc_version_text(char *buf, size_t len, unsigned int version);

/* The C library this program runs on. */
enum cc_libc {
	CC_LIBC_GLIBC,
	CC_LIBC_MUSL,
	CC_LIBC_OTHER,
};

const char *cc_env_libc_name(enum cc_libc libc);

/*
 * The ABI the caller makes its calls with: x86-64, or i386 (a 32-bit
 * program; on a 64-bit kernel the compat entry points, where CLONE_SETTLS
 * takes a struct user_desc and the legacy clone's arguments are 32-bit).
 */
enum cc_abi {
	CC_ABI_X86_64,
	CC_ABI_I386,
};

const char *cc_env_abi_name(enum cc_abi abi);

/*
 * Everything the model needs to know about the caller and the machine,
 * read at once (cc_env_detect) or written by hand for a context the
 * caller is not in (the namespace cases describe their contexts so).
 */
struct cc_env {
	unsigned int kernel;		/* CC_KERNEL_VERSION() */
	enum cc_clone3_state clone3;
	bool seccomp_filtered;
	enum cc_libc libc;
	unsigned int libc_version;	/* CC_KERNEL_VERSION()-style: 2.36 */
	enum cc_abi abi;
	uint32_t uid;			/* real uid, as the kernel sees it */
	uint64_t caps;			/* effective, in the caller's user ns */
	bool init_userns;		/* the caller is in the initial user ns */
	int userns_level;		/* 0: the initial user namespace */
	int pidns_level;		/* 0: the initial pid namespace */
	bool pidns_init;		/* pid 1 of its pid namespace */
	int pidns_owned_from;		/* levels from here down belong to the caller's user ns */
	bool pid_for_children_differs;	/* after unshare(CLONE_NEWPID) */
	int pids_taken;			/* the caller's pid namespace holds pids
					   1..pids_taken and no other (a fuzz
					   executor's fresh one); 0: unknown */
	bool pid_for_children_entered;	/* ... by setns: that namespace has an init */
	bool pid_for_children_dead;	/* ... whose init has exited */
	int pids_taken_for_children;	/* with entered: it holds pids 1..this; 0: unknown */
	bool time_for_children_differs;	/* after unshare(CLONE_NEWTIME) */
	bool chrooted;			/* the root is not the mount namespace's */
	bool uid_unmapped;		/* the caller's uid has no mapping in its user ns */
	int nproc_tasks;		/* tasks RLIMIT_NPROC counts for the caller,
					   itself among them; 0: unknown */
	int cap_last_cap;		/* the highest capability the kernel has */
	int unprivileged_userns_clone;	/* Debian's sysctl; -1: none */
	long max_namespaces[CC_NS_COUNT];	/* -1: unknown; CC_NS_* order */
	uint64_t rlimit_nproc;		/* soft limit; UINT64_MAX: none */
	long pid_max;
	bool cgroup2;			/* a cgroup2 mount exists */
	uint64_t task_size_max;		/* the end of user space: 47 or 56 bits (x86-64) */
	uint32_t absent_features;	/* CC_FEATURE_* bits the kernel lacks (outcome/props.h) */
};

/* One line a field ("kernel 6.18.0"), for reports and --json. */
void cc_env_print(FILE *out, const struct cc_env *env, bool json);

#endif
