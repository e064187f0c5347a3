/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64: a stopped tracee's syscall registers, for the fault injector
 * (tools/inject.c).  A port provides the same accessors and the audit
 * architecture its seccomp filter checks.
 */
#ifndef CLONECHECK_TRACEE_REGS_H
#define CLONECHECK_TRACEE_REGS_H

#include <linux/audit.h>
#include <stdint.h>
#include <sys/user.h>

#include "arch.h"

#define CC_AUDIT_ARCH AUDIT_ARCH_X86_64

typedef struct user_regs_struct cc_tracee_regs;

static inline long cc_regs_syscall(const cc_tracee_regs *regs)
{
	return (long)regs->orig_rax;
}

/* Argument n (0-based) of the syscall the tracee is entering. */
static inline uint64_t cc_regs_arg(const cc_tracee_regs *regs, int n)
{
	switch (n) {
	case 0: return regs->rdi;
	case 1: return regs->rsi;
	case 2: return regs->rdx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

static inline void cc_regs_set_arg0(cc_tracee_regs *regs, uint64_t value)
{
	regs->rdi = value;
}

/*
 * At a seccomp stop: skip the call and make it return value (-errno).
 * The kernel honours the return register when the number is set to -1.
 */
static inline void cc_regs_skip_syscall(cc_tracee_regs *regs, long value)
{
	regs->orig_rax = (uint64_t)-1;
	regs->rax = (uint64_t)value;
}

/*
 * At a seccomp stop: make the call a legacy clone(flags) without a stack,
 * tids or tls: what vfork is, with flags to change.
 */
static inline void cc_regs_make_clone(cc_tracee_regs *regs, uint64_t flags)
{
	regs->orig_rax = CC_NR_clone;
	regs->rdi = flags;
	regs->rsi = regs->rdx = regs->r10 = regs->r8 = 0;
}

/*
 * The argument registers back as they were before cc_regs_make_clone:
 * a libc's vfork keeps its return address in one of them (glibc rdi,
 * musl rdx), for the caller and for the child, which both return
 * through it.
 */
static inline void cc_regs_restore_clone_args(cc_tracee_regs *regs,
					      const cc_tracee_regs *from)
{
	regs->rdi = from->rdi;
	regs->rsi = from->rsi;
	regs->rdx = from->rdx;
	regs->r10 = from->r10;
	regs->r8 = from->r8;
}

/* At a syscall-exit stop: what the call returned. */
static inline uint64_t cc_regs_return(const cc_tracee_regs *regs)
{
	return regs->rax;
}

/*
 * At a syscall-exit stop: make the tracee, once resumed, run syscall nr
 * with three arguments at the same instruction (the 2-byte "syscall"
 * just behind it); the caller keeps the old registers to put back.
 */
static inline void cc_regs_rerun_syscall(cc_tracee_regs *regs, long nr,
					 uint64_t a0, uint64_t a1, uint64_t a2)
{
	regs->rip -= 2;
	regs->rax = (uint64_t)nr;
	regs->orig_rax = (uint64_t)nr;
	regs->rdi = a0;
	regs->rsi = a1;
	regs->rdx = a2;
}

/* Legacy clone's arguments: flags, stack, parent_tid, child_tid, tls. */
#define CC_REGS_CLONE_STACK_ARG		1
#define CC_REGS_CLONE_PARENT_TID_ARG	2
#define CC_REGS_CLONE_CHILD_TID_ARG	3
#define CC_REGS_CLONE_TLS_ARG		4

#endif
