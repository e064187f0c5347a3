/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one seccomp filter both tools install before running a command:
 * clone gets one action (plain forks another, if asked), clone3
 * another, every other call (and every other syscall architecture) is
 * allowed.  clonecheck-inject traces both
 * calls; clonecheck-deny-clone3 refuses clone3 with an errno.
 */
#ifndef CLONECHECK_CLONE_FILTER_H
#define CLONECHECK_CLONE_FILTER_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>

#include "engine/sys.h"
#include "tracee_regs.h"

/* seccomp_data.args[n]'s two halves, little-endian as both arches are. */
#define CC_FILTER_ARG_LO(n)	(offsetof(struct seccomp_data, args) + 8 * (n))
#define CC_FILTER_ARG_HI(n)	(CC_FILTER_ARG_LO(n) + 4)

/*
 * 0, or -1 with errno set; the filter is inherited across fork and exec.
 * plain_forks false: a legacy clone without a stack and vfork (fork(),
 * the harness's and the launch's own processes) are allowed without
 * clone_action.  The injector changes none of those unless a fault says
 * so, and a traced call costs a stop and a round trip to the tracer: most
 * of a case run's calls are such forks.
 */
static inline int install_clone_filter(uint32_t clone_action,
				       uint32_t clone3_action, bool plain_forks)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		/* vfork (the launch's warden's) is a plain fork. */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_vfork, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, plain_forks ? clone_action :
			 SECCOMP_RET_ALLOW),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_clone, 0, 6),
		/* plain_forks: straight to clone_action; else test the stack. */
		BPF_JUMP(BPF_JMP | BPF_JA, plain_forks ? 4 : 0, 0, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 CC_FILTER_ARG_LO(CC_REGS_CLONE_STACK_ARG)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 CC_FILTER_ARG_HI(CC_REGS_CLONE_STACK_ARG)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 3, 0),
		BPF_STMT(BPF_RET | BPF_K, clone_action),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_clone3, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, clone3_action),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };

	/* Without privilege a filter needs no_new_privs. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

#endif
