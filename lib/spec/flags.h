/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CLONE_* flag table: every flag the kernel knows, its bit, which
 * system calls accept it and the kernel release that added it.  Flag
 * sets are spelled as strace does ("CLONE_VM|CLONE_FS|SIGCHLD") by
 * form/text.h.
 *
 * The bit values are written here, not taken from <sched.h> or
 * <linux/sched.h>, so the suite describes the kernel ABI even when built
 * against old headers.
 */
#ifndef CLONECHECK_FLAGS_H
#define CLONECHECK_FLAGS_H

#include <stddef.h>
#include <stdint.h>

#include "outcome/namespaces.h"

#define CC_CSIGNAL		0x000000ffULL	/* legacy clone: exit signal */
#define CC_CLONE_NEWTIME	0x00000080ULL
#define CC_CLONE_VM		0x00000100ULL
#define CC_CLONE_FS		0x00000200ULL
#define CC_CLONE_FILES		0x00000400ULL
#define CC_CLONE_SIGHAND	0x00000800ULL
#define CC_CLONE_PIDFD		0x00001000ULL
#define CC_CLONE_PTRACE		0x00002000ULL
#define CC_CLONE_VFORK		0x00004000ULL
#define CC_CLONE_PARENT		0x00008000ULL
#define CC_CLONE_THREAD		0x00010000ULL
#define CC_CLONE_NEWNS		0x00020000ULL
#define CC_CLONE_SYSVSEM	0x00040000ULL
#define CC_CLONE_SETTLS		0x00080000ULL
#define CC_CLONE_PARENT_SETTID	0x00100000ULL
#define CC_CLONE_CHILD_CLEARTID	0x00200000ULL
#define CC_CLONE_DETACHED	0x00400000ULL
#define CC_CLONE_UNTRACED	0x00800000ULL
#define CC_CLONE_CHILD_SETTID	0x01000000ULL
#define CC_CLONE_NEWCGROUP	0x02000000ULL
#define CC_CLONE_NEWUTS		0x04000000ULL
#define CC_CLONE_NEWIPC		0x08000000ULL
#define CC_CLONE_NEWUSER	0x10000000ULL
#define CC_CLONE_NEWPID		0x20000000ULL
#define CC_CLONE_NEWNET		0x40000000ULL
#define CC_CLONE_IO		0x80000000ULL
#define CC_CLONE_CLEAR_SIGHAND	0x100000000ULL
#define CC_CLONE_INTO_CGROUP	0x200000000ULL

/* Which entry points accept a flag (bit set). */
enum cc_api {
	CC_API_CLONE	= 1 << 0,	/* legacy clone(2), low 32 bits only */
	CC_API_CLONE3	= 1 << 1,
	CC_API_UNSHARE	= 1 << 2,
};

struct cc_flag {
	const char *name;	/* "CLONE_VM" */
	uint64_t bit;
	unsigned int apis;	/* enum cc_api bits */
	const char *since;	/* first kernel release with the flag */
	const char *meaning;	/* one line, for reports */
};

extern const struct cc_flag cc_flags[];
extern const size_t cc_flag_count;

/* The CLONE_NEW* flag of each namespace type (outcome/namespaces.h). */
extern const uint64_t cc_ns_flags[CC_NS_COUNT];

/* Exact-name lookup; len is the name's length (it need not be terminated). */
const struct cc_flag *cc_flag_by_name(const char *name, size_t len);
const struct cc_flag *cc_flag_by_bit(uint64_t bit);

#endif
