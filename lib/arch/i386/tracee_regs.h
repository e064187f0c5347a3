/* SPDX-License-Identifier: GPL-2.0 */
/*
 * i386: a stopped tracee's syscall registers, for the fault injector
 * (tools/inject.c), which is itself a 32-bit program here: the 32-bit
 * struct user_regs_struct, the i386 audit architecture (the compat
 * syscalls of a 64-bit kernel report AUDIT_ARCH_I386 to seccomp).
 */
#ifndef CLONECHECK_TRACEE_REGS_H
#define CLONECHECK_TRACEE_REGS_H

#include <linux/audit.h>
#include <stdint.h>
#include <sys/user.h>

#include "arch.h"

#define CC_AUDIT_ARCH AUDIT_ARCH_I386

typedef struct user_regs_struct cc_tracee_regs;

static inline long cc_regs_syscall(const cc_tracee_regs *regs)
{
	return (long)regs->orig_eax;
}

/* Argument n (0-based) of the syscall the tracee is entering. */
static inline uint64_t cc_regs_arg(const cc_tracee_regs *regs, int n)
{
	switch (n) {
	case 0: return (uint32_t)regs->ebx;
	case 1: return (uint32_t)regs->ecx;
	case 2: return (uint32_t)regs->edx;
	case 3: return (uint32_t)regs->esi;
	case 4: return (uint32_t)regs->edi;
	default: return (uint32_t)regs->ebp;
	}
}

static inline void cc_regs_set_arg0(cc_tracee_regs *regs, uint64_t value)
{
	regs->ebx = (long)value;
}

/* At a seccomp stop: skip the call and make it return value (-errno). */
static inline void cc_regs_skip_syscall(cc_tracee_regs *regs, long value)
{
	regs->orig_eax = -1;
	regs->eax = value;
}

/* At a seccomp stop: make the call a legacy clone(flags), as x86_64's. */
static inline void cc_regs_make_clone(cc_tracee_regs *regs, uint64_t flags)
{
	regs->orig_eax = CC_NR_clone;
	regs->ebx = (long)flags;
	regs->ecx = regs->edx = regs->esi = regs->edi = 0;
}

/*
 * The argument registers back as they were before cc_regs_make_clone:
 * a libc's vfork keeps its return address in one of them (glibc ecx),
 * for the caller and for the child, which both return through it.
 */
static inline void cc_regs_restore_clone_args(cc_tracee_regs *regs,
					      const cc_tracee_regs *from)
{
	regs->ebx = from->ebx;
	regs->ecx = from->ecx;
	regs->edx = from->edx;
	regs->esi = from->esi;
	regs->edi = from->edi;
}

/* At a syscall-exit stop: what the call returned, sign-extended. */
static inline uint64_t cc_regs_return(const cc_tracee_regs *regs)
{
	return (uint64_t)(int64_t)regs->eax;
}

/* At a syscall-exit stop: rerun syscall nr at the 2-byte int $0x80. */
static inline void cc_regs_rerun_syscall(cc_tracee_regs *regs, long nr,
					 uint64_t a0, uint64_t a1, uint64_t a2)
{
	regs->eip -= 2;
	regs->eax = nr;
	regs->orig_eax = nr;
	regs->ebx = (long)a0;
	regs->ecx = (long)a1;
	regs->edx = (long)a2;
}

/* compat_sys_ia32_clone: flags, stack, parent_tid, tls, child_tid. */
#define CC_REGS_CLONE_STACK_ARG		1
#define CC_REGS_CLONE_PARENT_TID_ARG	2
#define CC_REGS_CLONE_TLS_ARG		3
#define CC_REGS_CLONE_CHILD_TID_ARG	4

#endif
