/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64: the only per-architecture part of the engine.  A port (i386,
 * the compat path, is the other) provides the same four things in its own
 * lib/arch/<arch>/ directory: raw syscalls, the legacy clone argument
 * order, the TLS base of the calling task, and the clone trampoline.
 */
#ifndef CLONECHECK_ARCH_H
#define CLONECHECK_ARCH_H

#include <stdint.h>

#define CC_ARCH_NAME "x86_64"
/* The model's name for it (spec/env.h's enum cc_abi). */
#define CC_ARCH_ABI CC_ABI_X86_64

#define CC_NR_read		0
#define CC_NR_write		1
#define CC_NR_close		3
#define CC_NR_rt_sigaction	13
#define CC_NR_rt_sigprocmask	14
#define CC_NR_ioctl		16
#define CC_NR_sched_yield	24
#define CC_NR_pause		34
#define CC_NR_getpid		39
#define CC_NR_socket		41
#define CC_NR_clone		56
#define CC_NR_fork		57
#define CC_NR_vfork		58
#define CC_NR_execve		59
#define CC_NR_exit		60
#define CC_NR_wait4		61
#define CC_NR_kill		62
#define CC_NR_uname		63
#define CC_NR_semop		65
#define CC_NR_msgget		68
#define CC_NR_msgctl		71
#define CC_NR_fcntl		72
#define CC_NR_chdir		80
#define CC_NR_umask		95
#define CC_NR_getuid		102
#define CC_NR_getgid		104
#define CC_NR_setuid		105
#define CC_NR_geteuid		107
#define CC_NR_getppid		110
#define CC_NR_setgroups		116
#define CC_NR_capget		125
#define CC_NR_rt_sigtimedwait	128
#define CC_NR_capset		126
#define CC_NR_prctl		157
#define CC_NR_arch_prctl	158
#define CC_NR_mount		165
#define CC_NR_umount2		166
#define CC_NR_sethostname	170
#define CC_NR_setdomainname	171
#define CC_NR_gettid		186
#define CC_NR_futex		202
#define CC_NR_getdents64	217
#define CC_NR_clock_gettime	228
#define CC_NR_exit_group	231
#define CC_NR_mq_open		240
#define CC_NR_mq_unlink		241
#define CC_NR_ioprio_set	251
#define CC_NR_ioprio_get	252
#define CC_NR_openat		257
#define CC_NR_mkdirat		258
#define CC_NR_readlinkat	267
#define CC_NR_unshare		272
#define CC_NR_dup3		292
#define CC_NR_setns		308
#define CC_NR_execveat		322
#define CC_NR_pidfd_send_signal	424
#define CC_NR_pidfd_open	434
#define CC_NR_clone3		435

/* Raw syscall: returns the kernel's value, -errno on failure; never errno. */
static inline long cc_syscall6(long nr, long a1, long a2, long a3, long a4,
			       long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			   "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * Legacy clone's argument order differs per architecture; this is the one
 * place that knows it.  x86-64: flags, stack, parent_tid, child_tid, tls.
 * (i386 swaps tls and child_tid; s390 swaps flags and stack.)
 */
static inline void cc_arch_clone_args(long out[5], uint64_t flags,
				      uint64_t stack, uint64_t parent_tid,
				      uint64_t child_tid, uint64_t tls)
{
	out[0] = (long)flags;
	out[1] = (long)stack;
	out[2] = (long)parent_tid;
	out[3] = (long)child_tid;
	out[4] = (long)tls;
}

/*
 * The end of the user address space (TASK_SIZE_MAX, the first address
 * above it): 47 bits, or 56 with 5-level paging (CONFIG_X86_5LEVEL on a
 * CPU with LA57, unless booted with no5lvl).  Which one the running
 * kernel uses shows as whether an address above 47 bits can be mapped
 * (engine/machine.c probes CC_ARCH_TASK_SIZE_PROBE).
 */
#define CC_ARCH_TASK_SIZE_4LEVEL	((1ULL << 47) - 4096)
#define CC_ARCH_TASK_SIZE_5LEVEL	((1ULL << 56) - 4096)
#define CC_ARCH_TASK_SIZE_PROBE		(1ULL << 52)

#define CC_ARCH_GET_FS 0x1003

/* The calling task's TLS base (the fs base on x86-64), or 0. */
static inline uint64_t cc_arch_tls_base(void)
{
	uint64_t base = 0;

	if (cc_syscall6(CC_NR_arch_prctl, CC_ARCH_GET_FS, (long)&base, 0, 0,
			0, 0) < 0)
		return 0;
	return base;
}

static inline uint64_t cc_arch_stack_pointer(void)
{
	uint64_t sp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

/*
 * A TLS block the child may be given with CLONE_SETTLS: the x86-64 ABI
 * wants the word at the thread pointer to point to itself.
 */
static inline void cc_arch_tls_block_init(void *block)
{
	*(void **)block = block;
}

/* The TLS base a child given the engine's block should have: the block. */
static inline uint64_t cc_arch_tls_expected(uint64_t block)
{
	return block;
}

/*
 * Performs the syscall nr(a1..a5) that creates a task, in assembly,
 * because the child may start on a new stack where no C frame of the
 * caller exists.  The parent gets the syscall's return value.  The child
 * calls fn(arg, sp), sp being the stack pointer the kernel gave it before
 * any adjustment, on a 16-byte aligned stack, and leaves with the raw
 * exit syscall (not exit_group, which would take a CLONE_THREAD parent
 * with it) using fn's return value as status.
 */
typedef int (*cc_child_fn)(void *arg, uint64_t initial_sp);
long cc_arch_clone_call(long nr, long a1, long a2, long a3, long a4, long a5,
			cc_child_fn fn, void *arg);

#endif
