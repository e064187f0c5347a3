/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What this machine and this process allow, for SKIP decisions made
 * before a launch: clone3 reachable or not, capabilities, user
 * namespaces.  Each answer that says "no" comes with the reason, naming
 * the missing capability or setting.
 */
#ifndef CLONECHECK_ENV_H
#define CLONECHECK_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

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

/* Cached after the first call. */
enum cc_clone3_state cc_env_clone3(void);

/* A sentence on why clone3 cannot be used here; "" when it can. */
const char *cc_env_clone3_reason(void);

/* Whether the "Seccomp:" line of /proc/self/status shows a filter. */
bool cc_env_seccomp_filtered(void);

/* This process's effective capability set, one bit per capability. */
uint64_t cc_env_effective_caps(void);

/* Whether cap (CAP_SYS_ADMIN, ...) is in this process's effective set. */
bool cc_env_has_cap(int cap);

/*
 * Why this process cannot create a user namespace (names the sysctl),
 * or NULL when it can.
 */
const char *cc_env_userns_blocked(char *buf, size_t len);

#define CC_KERNEL_VERSION(a, b, c) (((a) << 16) | ((b) << 8) | (c))

/* A CC_KERNEL_VERSION() as "6.3.0"; returns buf. */
const char *cc_version_text(char *buf, size_t len, unsigned int version);

/*
 * The running kernel's version as CC_KERNEL_VERSION(major, minor,
 * patch), or the one $CLONECHECK_KERNEL_VERSION names ("6.1.0"), so
 * version-gated expectations can be tested on any kernel.
 */
unsigned int cc_env_kernel_version(void);

/* A number from a /proc/sys file, or -1 when it is missing. */
long cc_env_sysctl(const char *path);

/*
 * The errno the sysctls make a new user namespace fail with, or 0:
 * ENOSPC when user.max_user_namespaces is 0; EPERM when Debian's
 * kernel.unprivileged_userns_clone is 0 and the creator is unprivileged
 * (lacks CAP_SYS_ADMIN).
 */
int cc_env_userns_errno(bool privileged);

/*
 * The cgroup2 mount: its mount point and the cgroup it shows as its
 * root.  0, or -ENOENT when there is none.
 */
int cc_env_cgroup2_mount(char *point, size_t point_len, char *root,
			 size_t root_len);

/* The C library this program runs on. */
enum cc_libc {
	CC_LIBC_GLIBC,
	CC_LIBC_MUSL,
	CC_LIBC_OTHER,
};

#define CC_NS_TYPES 8	/* mnt pid net uts ipc user cgroup time */

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
	bool time_for_children_differs;	/* after unshare(CLONE_NEWTIME) */
	int unprivileged_userns_clone;	/* Debian's sysctl; -1: none */
	long max_namespaces[CC_NS_TYPES];	/* -1: unknown; in cc_ns_names order */
	uint64_t rlimit_nproc;		/* soft limit; UINT64_MAX: none */
	long pid_max;
	bool cgroup2;			/* a cgroup2 mount exists */
};

/* Reads what this process sees. */
void cc_env_detect(struct cc_env *env);

/* One line a field ("kernel 6.18.0"), for reports and --json. */
void cc_env_print(FILE *out, const struct cc_env *env, bool json);

/* The C library: its name and version. */
enum cc_libc cc_env_libc(unsigned int *version);
const char *cc_env_libc_name(enum cc_libc libc);

#endif
