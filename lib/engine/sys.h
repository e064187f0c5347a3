/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw system call wrappers, usable on the child side of a clone: they
 * return the kernel's value or -errno and never touch errno, TLS, the
 * heap or stdio.  Named sys_<syscall> as in the kernel's selftests.
 */
#ifndef CLONECHECK_SYS_H
#define CLONECHECK_SYS_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/*
 * The kernel's struct sigaction for rt_sigaction (not libc's): handler,
 * flags and restorer are longs (32 bits for a compat caller), the mask
 * the 64 bits rt_sigaction's size argument of 8 says.
 */
struct cc_kernel_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	uint64_t mask;
};

#define CC_SIG_DFL	0ULL
#define CC_SIG_IGN	1ULL

/* struct clone_args as of Linux 5.7 (CLONE_ARGS_SIZE_VER2, 88 bytes). */
struct cc_clone_args {
	uint64_t flags;
	uint64_t pidfd;
	uint64_t child_tid;
	uint64_t parent_tid;
	uint64_t exit_signal;
	uint64_t stack;
	uint64_t stack_size;
	uint64_t tls;
	uint64_t set_tid;
	uint64_t set_tid_size;
	uint64_t cgroup;
};

/*
 * The kernel's struct __kernel_timespec: 64-bit fields on every ABI (the
 * x86-64 calls take it, and i386's time64 ones).  A 32-bit caller's old
 * calls take struct old_timespec32 instead.
 */
struct cc_timespec {
	int64_t sec;
	int64_t nsec;
};

struct cc_timespec32 {
	int32_t sec;
	int32_t nsec;
};

#define CC_ENOSYS 38

#define cc_sys0(nr) cc_syscall6(nr, 0, 0, 0, 0, 0, 0)
#define cc_sys1(nr, a) cc_syscall6(nr, (long)(a), 0, 0, 0, 0, 0)
#define cc_sys2(nr, a, b) cc_syscall6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define cc_sys3(nr, a, b, c) \
	cc_syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define cc_sys4(nr, a, b, c, d) \
	cc_syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static inline long sys_gettid(void) { return cc_sys0(CC_NR_gettid); }
static inline long sys_getpid(void) { return cc_sys0(CC_NR_getpid); }
static inline long sys_getppid(void) { return cc_sys0(CC_NR_getppid); }
static inline long sys_sched_yield(void) { return cc_sys0(CC_NR_sched_yield); }

static inline __attribute__((noreturn)) void sys_exit(int status)
{
	for (;;)
		cc_sys1(CC_NR_exit, status);
}

static inline long sys_read(int fd, void *buf, size_t len)
{
	return cc_sys3(CC_NR_read, fd, buf, len);
}

static inline long sys_write(int fd, const void *buf, size_t len)
{
	return cc_sys3(CC_NR_write, fd, buf, len);
}

static inline long sys_readlinkat(int dirfd, const char *path, char *buf,
				  size_t len)
{
	return cc_sys4(CC_NR_readlinkat, dirfd, path, buf, len);
}

/* which: IOPRIO_WHO_PROCESS (1); who 0: the calling task. */
static inline long sys_ioprio_set(int which, int who, int ioprio)
{
	return cc_sys3(CC_NR_ioprio_set, which, who, ioprio);
}

static inline long sys_ioprio_get(int which, int who)
{
	return cc_sys2(CC_NR_ioprio_get, which, who);
}

static inline long sys_openat(int dirfd, const char *path, int flags)
{
	return cc_sys4(CC_NR_openat, dirfd, path, flags, 0);
}

static inline long sys_close(int fd) { return cc_sys1(CC_NR_close, fd); }

static inline long sys_dup3(int oldfd, int newfd, int flags)
{
	return cc_sys3(CC_NR_dup3, oldfd, newfd, flags);
}

static inline long sys_umask(unsigned int mask)
{
	return cc_sys1(CC_NR_umask, mask);
}

static inline long sys_chdir(const char *path)
{
	return cc_sys1(CC_NR_chdir, path);
}

static inline long sys_rt_sigaction(int sig,
				    const struct cc_kernel_sigaction *act,
				    struct cc_kernel_sigaction *old)
{
	return cc_sys4(CC_NR_rt_sigaction, sig, act, old, 8);
}

/* i386 reaches SysV IPC through ipc(call, first, second, third, ptr). */
static inline long sys_semop(int semid, void *sops, size_t nsops)
{
#ifdef CC_NR_ipc
	return cc_syscall6(CC_NR_ipc, CC_IPC_SEMOP, semid, (long)nsops, 0,
			   (long)sops, 0);
#else
	return cc_sys3(CC_NR_semop, semid, sops, nsops);
#endif
}

/* timeout as the old 32-bit calls take it, in old; NULL for none. */
static inline long cc_timespec32_of(const struct cc_timespec *ts,
				    struct cc_timespec32 *old)
{
	if (!ts)
		return 0;
	old->sec = (int32_t)ts->sec;
	old->nsec = (int32_t)ts->nsec;
	return (long)old;
}

static inline long sys_futex(volatile int32_t *uaddr, int op, int32_t val,
			     const struct cc_timespec *timeout)
{
#ifdef CC_NR_futex_time64
	struct cc_timespec32 old;
	long ret = cc_syscall6(CC_NR_futex_time64, (long)uaddr, op, val,
			       (long)timeout, 0, 0);

	if (ret != -CC_ENOSYS)
		return ret;
	return cc_syscall6(CC_NR_futex, (long)uaddr, op, val,
			   cc_timespec32_of(timeout, &old), 0, 0);
#else
	return cc_syscall6(CC_NR_futex, (long)uaddr, op, val, (long)timeout, 0,
			   0);
#endif
}

static inline long sys_execve(const char *path, char *const argv[],
			      char *const envp[])
{
	return cc_sys3(CC_NR_execve, path, argv, envp);
}

/* path "" with AT_EMPTY_PATH (0x1000): the file behind dirfd itself. */
static inline long sys_execveat(int dirfd, const char *path, char *const argv[],
				char *const envp[], int flags)
{
	return cc_syscall6(CC_NR_execveat, dirfd, (long)path, (long)argv,
			   (long)envp, flags, 0);
}

static inline long sys_prctl(int option, unsigned long arg)
{
	return cc_sys2(CC_NR_prctl, option, arg);
}

static inline long sys_pidfd_open(int pid, unsigned int flags)
{
	return cc_sys2(CC_NR_pidfd_open, pid, flags);
}

static inline long sys_pidfd_send_signal(int pidfd, int sig)
{
	return cc_sys4(CC_NR_pidfd_send_signal, pidfd, sig, 0, 0);
}

/* Namespaces, privilege and the objects the namespace cases create. */

static inline long sys_getuid(void) { return cc_sys0(CC_NR_getuid); }
static inline long sys_getgid(void) { return cc_sys0(CC_NR_getgid); }
static inline long sys_geteuid(void) { return cc_sys0(CC_NR_geteuid); }

static inline long sys_kill(int pid, int sig)
{
	return cc_sys2(CC_NR_kill, pid, sig);
}

/* A plain fork: legacy clone, no stack, so the child returns here. */
static inline long sys_fork(void)
{
	return cc_sys2(CC_NR_clone, 17 /* SIGCHLD */, 0);
}

/* Returns only when a signal handler ran: SIGKILL is the way out. */
static inline long sys_pause(void) { return cc_sys0(CC_NR_pause); }

static inline long sys_wait4(int pid, int *status, int options)
{
	return cc_sys4(CC_NR_wait4, pid, status, options, 0);
}

static inline long sys_setgroups(size_t size, const uint32_t *list)
{
	return cc_sys2(CC_NR_setgroups, size, list);
}

static inline long sys_rt_sigprocmask(int how, const uint64_t *set,
				      uint64_t *old)
{
	return cc_sys4(CC_NR_rt_sigprocmask, how, set, old, 8);
}

/* Waits up to timeout (NULL: no end); info is a siginfo_t (128 bytes). */
static inline long sys_rt_sigtimedwait_for(const uint64_t *set, void *info,
					   const struct cc_timespec *timeout)
{
#ifdef CC_NR_rt_sigtimedwait_time64
	struct cc_timespec32 old;
	long ret = cc_sys4(CC_NR_rt_sigtimedwait_time64, set, info, timeout, 8);

	if (ret != -CC_ENOSYS)
		return ret;
	return cc_sys4(CC_NR_rt_sigtimedwait, set, info,
		       cc_timespec32_of(timeout, &old), 8);
#else
	return cc_sys4(CC_NR_rt_sigtimedwait, set, info, timeout, 8);
#endif
}

static inline long sys_rt_sigtimedwait(const uint64_t *set, void *info)
{
	return sys_rt_sigtimedwait_for(set, info, NULL);
}

static inline long sys_unshare(unsigned long flags)
{
	return cc_sys1(CC_NR_unshare, flags);
}

static inline long sys_setns(int fd, int nstype)
{
	return cc_sys2(CC_NR_setns, fd, nstype);
}

static inline long sys_mount(const char *source, const char *target,
			     const char *type, unsigned long flags,
			     const void *data)
{
	return cc_syscall6(CC_NR_mount, (long)source, (long)target, (long)type,
			   (long)flags, (long)data, 0);
}

static inline long sys_umount2(const char *target, int flags)
{
	return cc_sys2(CC_NR_umount2, target, flags);
}

static inline long sys_mkdirat(int dirfd, const char *path, unsigned int mode)
{
	return cc_sys3(CC_NR_mkdirat, dirfd, path, mode);
}

static inline long sys_getdents64(int fd, void *buf, size_t len)
{
	return cc_sys3(CC_NR_getdents64, fd, buf, len);
}

static inline long sys_sethostname(const char *name, size_t len)
{
	return cc_sys2(CC_NR_sethostname, name, len);
}

static inline long sys_socket(int domain, int type, int protocol)
{
	return cc_sys3(CC_NR_socket, domain, type, protocol);
}

static inline long sys_ioctl(int fd, unsigned long request, void *arg)
{
	return cc_sys3(CC_NR_ioctl, fd, request, arg);
}

static inline long sys_msgget(long key, int flags)
{
#ifdef CC_NR_ipc
	return cc_syscall6(CC_NR_ipc, CC_IPC_MSGGET, key, flags, 0, 0, 0);
#else
	return cc_sys2(CC_NR_msgget, key, flags);
#endif
}

/* Only the calls whose buffer layout is the same for every ABI. */
static inline long sys_msgctl(int id, int cmd, void *buf)
{
#ifdef CC_NR_ipc
	return cc_syscall6(CC_NR_ipc, CC_IPC_MSGCTL, id, cmd, 0, (long)buf, 0);
#else
	return cc_sys3(CC_NR_msgctl, id, cmd, buf);
#endif
}

static inline long sys_mq_open(const char *name, int flags, unsigned int mode)
{
	return cc_sys4(CC_NR_mq_open, name, flags, mode, 0);
}

static inline long sys_mq_unlink(const char *name)
{
	return cc_sys1(CC_NR_mq_unlink, name);
}

/* Raw capget/capset with version 3 (two 32-bit words per set). */
struct cc_cap_header {
	uint32_t version;
	int pid;
};

struct cc_cap_data {
	uint32_t effective;
	uint32_t permitted;
	uint32_t inheritable;
};

#define CC_CAP_VERSION_3 0x20080522

static inline long sys_capget(struct cc_cap_header *hdr,
			      struct cc_cap_data data[2])
{
	return cc_sys2(CC_NR_capget, hdr, data);
}

static inline long sys_capset(struct cc_cap_header *hdr,
			      const struct cc_cap_data data[2])
{
	return cc_sys2(CC_NR_capset, hdr, data);
}


/* The syscall, not the vDSO: a time namespace applies to both. */
static inline long sys_clock_gettime(int clock, struct cc_timespec *ts)
{
#ifdef CC_NR_clock_gettime64
	struct cc_timespec32 old;
	long ret = cc_sys2(CC_NR_clock_gettime64, clock, ts);

	if (ret != -CC_ENOSYS)
		return ret;
	ret = cc_sys2(CC_NR_clock_gettime, clock, &old);
	ts->sec = old.sec;
	ts->nsec = old.nsec;
	return ret;
#else
	return cc_sys2(CC_NR_clock_gettime, clock, ts);
#endif
}

/* clone3 without a trampoline: only for calls that must not create a task. */
static inline long sys_clone3(struct cc_clone_args *args, size_t size)
{
	return cc_sys2(CC_NR_clone3, args, size);
}

#endif
