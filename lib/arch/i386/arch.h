/* SPDX-License-Identifier: GPL-2.0 */
/*
 * i386: the same four things as lib/arch/x86_64/arch.h (raw syscalls, the
 * legacy clone argument order, the TLS base of the calling task, the
 * clone trampoline), for 32-bit programs.  On a 64-bit kernel they enter
 * through the compat (ia32) entry points: int $0x80, the syscall_32.tbl
 * numbers, compat_sys_ia32_clone and, for CLONE_SETTLS, a struct
 * user_desc instead of a base address (set_new_tls: in_ia32_syscall()).
 */
#ifndef CLONECHECK_ARCH_H
#define CLONECHECK_ARCH_H

#include <stdint.h>

#define CC_ARCH_NAME "i386"
/* The model's name for it (spec/env.h's enum cc_abi). */
#define CC_ARCH_ABI CC_ABI_I386

#define CC_NR_exit		1
#define CC_NR_fork		2
#define CC_NR_read		3
#define CC_NR_write		4
#define CC_NR_close		6
#define CC_NR_execve		11
#define CC_NR_chdir		12
#define CC_NR_getpid		20
#define CC_NR_mount		21
#define CC_NR_pause		29
#define CC_NR_kill		37
#define CC_NR_umount2		52
#define CC_NR_ioctl		54
#define CC_NR_fcntl		55
#define CC_NR_umask		60
#define CC_NR_getppid		64
#define CC_NR_sethostname	74
#define CC_NR_wait4		114
/* SysV IPC goes through the ipc() multiplexer: every kernel has it. */
#define CC_NR_ipc		117
#define CC_NR_clone		120
#define CC_NR_setdomainname	121
#define CC_NR_uname		122
#define CC_NR_sched_yield	158
#define CC_NR_prctl		172
#define CC_NR_rt_sigaction	174
#define CC_NR_rt_sigprocmask	175
#define CC_NR_rt_sigtimedwait	177
#define CC_NR_capget		184
#define CC_NR_capset		185
#define CC_NR_vfork		190
/* The 32-bit uid calls (the plain ones take 16-bit ids). */
#define CC_NR_getuid		199
#define CC_NR_getgid		200
#define CC_NR_geteuid		201
#define CC_NR_setgroups		206
#define CC_NR_setuid		213
#define CC_NR_getdents64	220
#define CC_NR_gettid		224
#define CC_NR_futex		240
#define CC_NR_set_thread_area	243
#define CC_NR_get_thread_area	244
#define CC_NR_exit_group	252
#define CC_NR_clock_gettime	265
#define CC_NR_mq_open		277
#define CC_NR_mq_unlink		278
#define CC_NR_ioprio_set	289
#define CC_NR_ioprio_get	290
#define CC_NR_openat		295
#define CC_NR_mkdirat		296
#define CC_NR_readlinkat	305
#define CC_NR_unshare		310
#define CC_NR_dup3		330
#define CC_NR_setns		346
#define CC_NR_execveat		358
#define CC_NR_socket		359
/*
 * The time64 calls (Linux 5.1) beside the 32-bit time ones above
 * (rt_sigtimedwait, futex, clock_gettime), which a kernel without
 * CONFIG_COMPAT_32BIT_TIME (tinyconfig's choice) does not have:
 * engine/sys.h tries these first, the old ones on ENOSYS.
 */
#define CC_NR_clock_gettime64	403
#define CC_NR_rt_sigtimedwait_time64 421
#define CC_NR_futex_time64	422
#define CC_NR_pidfd_send_signal	424
#define CC_NR_pidfd_open	434
#define CC_NR_clone3		435

/* The ipc() calls (include/uapi/linux/ipc.h). */
#define CC_IPC_SEMOP	1
#define CC_IPC_MSGGET	13
#define CC_IPC_MSGCTL	14

/*
 * Raw syscall: returns the kernel's value, -errno on failure; never errno.
 * Out of line (syscall.S): six arguments take every register, ebp and
 * ebx included, which inline assembly cannot name in PIC code.
 */
long cc_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6);

/*
 * compat_sys_ia32_clone: flags, stack, parent_tid, tls, child_tid (the
 * i386 order, CLONE_BACKWARDS).  Each is a 32-bit register: a 64-bit
 * value the request names reaches the kernel as its low half.
 */
static inline void cc_arch_clone_args(long out[5], uint64_t flags,
				      uint64_t stack, uint64_t parent_tid,
				      uint64_t child_tid, uint64_t tls)
{
	out[0] = (long)flags;
	out[1] = (long)stack;
	out[2] = (long)parent_tid;
	out[3] = (long)tls;
	out[4] = (long)child_tid;
}

/*
 * access_ok() of a 64-bit kernel checks TASK_SIZE_MAX, the 64-bit one,
 * for a compat task too; a 32-bit program cannot map above 4 GiB to see
 * which paging the kernel uses, so engine/machine.c asks clone3 itself
 * (cc_env_task_size_max).
 */
#define CC_ARCH_TASK_SIZE_4LEVEL	((1ULL << 47) - 4096)
#define CC_ARCH_TASK_SIZE_5LEVEL	((1ULL << 56) - 4096)

/* The kernel's struct user_desc (asm/ldt.h), as set_thread_area takes it. */
struct cc_user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags;	/* seg_32bit:1 contents:2 read_exec_only:1
			   limit_in_pages:1 seg_not_present:1 useable:1 */
};

#define CC_USER_DESC_FLAGS_TLS	(1u << 0 | 1u << 4 | 1u << 6)

/* The GDT entry %gs selects: the TLS slot libc set for this thread. */
static inline uint32_t cc_arch_tls_entry(void)
{
	uint32_t gs;

	__asm__ volatile("movl %%gs, %0" : "=r"(gs));
	return gs >> 3;
}

/* The calling task's TLS base (the base of %gs's descriptor), or 0. */
static inline uint64_t cc_arch_tls_base(void)
{
	struct cc_user_desc desc = { .entry_number = cc_arch_tls_entry() };

	if (cc_syscall6(CC_NR_get_thread_area, (long)&desc, 0, 0, 0, 0, 0) < 0)
		return 0;
	return desc.base_addr;
}

static inline uint64_t cc_arch_stack_pointer(void)
{
	uint32_t sp;

	__asm__ volatile("movl %%esp, %0" : "=r"(sp));
	return sp;
}

/*
 * A TLS block the child may be given with CLONE_SETTLS.  The compat
 * kernel reads a struct user_desc from the tls argument: the block starts
 * with one for the slot %gs uses, whose base is the block's second half,
 * where the i386 ABI wants the word at the thread pointer to point to
 * itself.  The tls argument is the block; the base the child should see
 * is cc_arch_tls_expected(block).
 */
#define CC_ARCH_TLS_BASE_OFFSET 2048

/*
 * glibc's i386 clone() child leaves through the thread's TCB: after fn
 * returns it makes the exit call with "call *%gs:0x10" (tcbhead_t's
 * sysinfo, __kernel_vsyscall), so a child given a TLS without that word
 * dies of SIGSEGV at its exit.  The block carries the caller's, as a
 * TCB pthread_create made would.
 */
#define CC_ARCH_TCB_SYSINFO 0x10

static inline void *cc_arch_tcb_sysinfo(void)
{
	void *sysinfo;

	__asm__ volatile("movl %%gs:0x10, %0" : "=r"(sysinfo));
	return sysinfo;
}

static inline void cc_arch_tls_block_init(void *block)
{
	struct cc_user_desc *desc = block;
	void **tp = (void **)((char *)block + CC_ARCH_TLS_BASE_OFFSET);

	desc->entry_number = cc_arch_tls_entry();
	desc->base_addr = (uint32_t)(uintptr_t)tp;
	desc->limit = 0xfffff;
	desc->flags = CC_USER_DESC_FLAGS_TLS;
	*tp = tp;
	tp[CC_ARCH_TCB_SYSINFO / sizeof(void *)] = cc_arch_tcb_sysinfo();
}

/* The TLS base a child given the engine's block should have. */
static inline uint64_t cc_arch_tls_expected(uint64_t block)
{
	return block + CC_ARCH_TLS_BASE_OFFSET;
}

/*
 * As on x86-64 (see there): performs the syscall nr(a1..a5) that creates
 * a task; the child calls fn(arg, sp) on a 16-byte aligned stack and
 * leaves with the raw exit syscall.
 */
typedef int (*cc_child_fn)(void *arg, uint64_t initial_sp);
long cc_arch_clone_call(long nr, long a1, long a2, long a3, long a4, long a5,
			cc_child_fn fn, void *arg);

#endif
