/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What this machine and this process allow, read from them: the
 * snapshot the model reads (cc_env_detect), and the answers SKIP
 * decisions are made on before a launch: clone3 reachable or not,
 * capabilities, user namespaces.  Each answer that says "no" comes with
 * the reason, naming the missing capability or setting.
 */
#ifndef CLONECHECK_ENGINE_MACHINE_H
#define CLONECHECK_ENGINE_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "outcome/props.h"
#include "spec/env.h"

/*
 * Whether the kernel has a feature a probe or a row needs (outcome/props.h,
 * CC_FEATURES), on positive evidence either way: the answer a kernel
 * without it documents (ENOSYS from its syscall, no /proc/self/ns entry)
 * is CC_ABSENT, the one with it CC_PRESENT; any other answer is
 * CC_ANSWER_UNEXPECTED, a kernel verdict (FAIL), never a reason to SKIP.
 * why says which answer was seen (for a SKIP or a FAIL).  Cached.
 */
enum cc_presence {
	CC_PRESENT,
	CC_ABSENT,
	CC_ANSWER_UNEXPECTED,
};

enum cc_presence cc_env_feature(enum cc_feature feature, char *why,
				size_t len);

/* The CC_FEATURE_* bits cc_env_feature() finds CC_ABSENT. */
uint32_t cc_env_absent_features(void);

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

/*
 * The running kernel's version as CC_KERNEL_VERSION(major, minor,
 * sublevel), or the one $CLONECHECK_KERNEL_VERSION names ("6.1.20"), so
 * version-gated expectations can be tested on any kernel; a value there
 * that is no version is an error (exit 2).  The upstream sublevel, where
 * the distribution keeps it (cc_kernel_version_parse).
 */
unsigned int cc_env_kernel_version(void);

/* The running kernel's version, whatever CLONECHECK_KERNEL_VERSION says. */
unsigned int cc_env_running_kernel_version(void);

/*
 * The upstream version from uname -r (release), /proc/version and
 * Ubuntu's /proc/version_signature (NULL when absent): Debian's release
 * names the package ABI ("6.1.0-57-amd64"), its /proc/version the
 * version ("Debian 6.1.192-3"); Ubuntu's signature ends with it.  0 when
 * release is no version.
 */
unsigned int cc_kernel_version_parse(const char *release,
				     const char *proc_version,
				     const char *signature);

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

/*
 * The end of the user address space of the running kernel (TASK_SIZE_MAX):
 * 5-level paging moves it.  Cached after the first call.
 */
uint64_t cc_env_task_size_max(void);

/* Reads what this process sees. */
void cc_env_detect(struct cc_env *env);

/*
 * Reads what process pid sees (0: this one), as far as /proc shows it:
 * its capabilities, ids, namespaces and RLIMIT_NPROC; the machine's
 * settings as this process reads them.  For a tracer (the injector).
 */
void cc_env_detect_pid(pid_t pid, struct cc_env *env);

/* The C library: its name and version. */
enum cc_libc cc_env_libc(unsigned int *version);

#endif
