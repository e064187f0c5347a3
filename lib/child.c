// SPDX-License-Identifier: GPL-2.0
/*
 * The child side of every probe.
 *
 * This code runs right after clone returns 0: possibly on a tiny stack,
 * sharing memory and TLS with a parent that is still running, or with a
 * TLS base (CLONE_SETTLS) that holds no libc thread.  So it calls no libc
 * function, touches no errno, allocates nothing, and keeps its frames
 * small.  The Makefile builds it with -fno-stack-protector (a canary read
 * through a foreign TLS base would crash) and -fno-builtin.
 */
#include <stddef.h>
#include <stdint.h>

#include "probe.h"
#include "request.h"
#include "sys.h"

#define CC_CHILD_CODE __attribute__((no_sanitize("address", "undefined")))

#define CC_O_RDONLY	0
#define CC_AT_FDCWD	(-100)
#define CC_FUTEX_WAKE	1
#define CC_SEM_UNDO	0x1000
#define CC_IOPRIO_WHO_PROCESS 1
#define CC_PR_SET_DUMPABLE 4

/* Steps, reported in failed_step when one fails unexpectedly. */
enum cc_child_step {
	CC_STEP_NONE,
	CC_STEP_SIGACTION_READ,
	CC_STEP_CGROUP_READ,
	CC_STEP_CHDIR,
	CC_STEP_DUP,
	CC_STEP_SIGACTION_WRITE,
	CC_STEP_SEMOP,
	CC_STEP_PARENT_STATE,
	CC_STEP_EXEC,
	CC_STEP_IOPRIO,
};

struct cc_sembuf {
	unsigned short num;
	short op;
	short flg;
};

CC_CHILD_CODE static void child_fail(struct cc_shared *sh, int step, long err)
{
	if (!sh->child.failed_step) {
		sh->child.failed_step = step;
		sh->child.failed_errno = (int32_t)-err;
	}
}

CC_CHILD_CODE static size_t child_utoa(char *out, unsigned long value)
{
	char digits[24];
	size_t n = 0, i;

	do {
		digits[n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	for (i = 0; i < n; i++)
		out[i] = digits[n - 1 - i];
	out[n] = '\0';
	return n;
}

/*
 * The scheduler state letter of the caller (R, S, D, ...) from
 * /proc/<tid>/stat: the field after the last ')'.  0 when unreadable.
 */
CC_CHILD_CODE static char child_parent_state(struct cc_shared *sh)
{
	char path[40] = "/proc/";
	char buf[512];
	long fd, len, i;
	char state = 0;

	child_utoa(path + 6, (unsigned long)sh->parent_tid);
	for (i = 0; path[i]; i++)
		;
	path[i++] = '/', path[i++] = 's', path[i++] = 't';
	path[i++] = 'a', path[i++] = 't', path[i] = '\0';

	fd = sys_openat(CC_AT_FDCWD, path, CC_O_RDONLY);
	if (fd < 0)
		return 0;
	len = sys_read((int)fd, buf, sizeof(buf) - 1);
	sys_close((int)fd);
	for (i = len - 1; i > 0; i--) {
		if (buf[i] == ')' && i + 2 < len) {
			state = buf[i + 2];
			break;
		}
	}
	return state;
}

/*
 * CLONE_VFORK: the caller is suspended until we exit or exec.  We wait
 * for one of two events, whichever the kernel makes happen: the caller
 * returns from the call (it sets parent_returned), or the caller is
 * seen blocked in the vfork wait (uninterruptible, state D).  Neither
 * depends on timing, so the answer is the same on every run.
 */
CC_CHILD_CODE static void child_observe_vfork(struct cc_shared *sh)
{
	for (;;) {
		char state;

		if (__atomic_load_n(&sh->parent_returned, __ATOMIC_ACQUIRE)) {
			sh->child.parent_suspended = 0;
			return;
		}
		state = child_parent_state(sh);
		if (state == 'D') {
			sh->child.parent_suspended = 1;
			return;
		}
		if (!state) {
			child_fail(sh, CC_STEP_PARENT_STATE, -2);
			return;
		}
		sys_sched_yield();
	}
}

/*
 * CLONE_CHILD_CLEARTID: to prove the futex wake, the caller must already
 * sleep on the word when we exit.  It announces that it is about to wait;
 * we then wait until it is seen sleeping (state S).
 */
CC_CHILD_CODE static void child_wait_parent_sleeping(struct cc_shared *sh)
{
	for (;;) {
		char state;

		if (__atomic_load_n(&sh->parent_waiting, __ATOMIC_ACQUIRE)) {
			state = child_parent_state(sh);
			if (state == 'S')
				return;
			if (!state) {
				child_fail(sh, CC_STEP_PARENT_STATE, -2);
				return;
			}
		}
		sys_sched_yield();
	}
}

/* Copies the "0::/path" line of /proc/self/cgroup into report->cgroup. */
CC_CHILD_CODE static void child_read_cgroup(struct cc_shared *sh)
{
	char buf[2048];
	long fd, len, i, start = 0;

	fd = sys_openat(CC_AT_FDCWD, "/proc/self/cgroup", CC_O_RDONLY);
	if (fd < 0) {
		child_fail(sh, CC_STEP_CGROUP_READ, fd);
		return;
	}
	len = sys_read((int)fd, buf, sizeof(buf) - 1);
	sys_close((int)fd);
	if (len < 0) {
		child_fail(sh, CC_STEP_CGROUP_READ, len);
		return;
	}
	for (i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		if (i - start > 3 && buf[start] == '0' && buf[start + 1] == ':' &&
		    buf[start + 2] == ':') {
			long n = i - start;

			if (n > CC_PATH_MAX - 1)
				n = CC_PATH_MAX - 1;
			for (long k = 0; k < n; k++)
				sh->child.cgroup[k] = buf[start + k];
			sh->child.cgroup[n] = '\0';
			return;
		}
		start = i + 1;
	}
}

/*
 * The inode of /proc/thread-self/ns/<name>, from its link "<name>:[N]"; 0
 * if unreadable.  thread-self: a CLONE_THREAD child has namespaces of its
 * own, and /proc/self is its thread group leader.
 */
CC_CHILD_CODE static uint64_t child_ns_inode(const char *name)
{
	char path[48] = "/proc/thread-self/ns/", link[64];
	uint64_t inode = 0;
	long len, i, n;

	for (n = 0; path[n]; n++)
		;
	for (i = 0; name[i] && n < (long)sizeof(path) - 1; i++)
		path[n++] = name[i];
	path[n] = '\0';
	len = sys_readlinkat(CC_AT_FDCWD, path, link, sizeof(link) - 1);
	if (len <= 0)
		return 0;
	for (i = 0; i < len && link[i] != '['; i++)
		;
	for (i++; i < len && link[i] >= '0' && link[i] <= '9'; i++)
		inode = inode * 10 + (uint64_t)(link[i] - '0');
	return inode;
}

CC_CHILD_CODE int cc_child_probe(struct cc_shared *sh, uint64_t initial_sp,
				 int after_exec)
{
	struct cc_child_report *rep = &sh->child;
	struct cc_kernel_sigaction act = { .handler = CC_SIG_IGN };
	struct cc_kernel_sigaction old;
	struct cc_sembuf up = { .num = 0, .op = 1, .flg = CC_SEM_UNDO };
	int ipc = CC_PROP_NS_IPC - CC_PROP_NS_MNT;
	long err;
	int i;

	/* What the child inherited, read before it changes anything. */
	rep->execed = after_exec;
	rep->tid = (int32_t)sys_gettid();
	rep->tgid = (int32_t)sys_getpid();
	rep->ppid = (int32_t)sys_getppid();
	rep->initial_sp = initial_sp;
	rep->tls = cc_arch_tls_base();
	rep->child_tid_word_at_start = sh->child_tid_word;
	for (i = 0; i < CC_NS_COUNT; i++)
		rep->ns_inode[i] = child_ns_inode(cc_ns_names[i]);

	err = sys_rt_sigaction(sh->handled_signal, NULL, &old);
	if (err)
		child_fail(sh, CC_STEP_SIGACTION_READ, err);
	rep->handler_seen = old.handler;
	err = sys_rt_sigaction(sh->ignored_signal, NULL, &old);
	if (err)
		child_fail(sh, CC_STEP_SIGACTION_READ, err);
	rep->ignored_seen = old.handler;
	child_read_cgroup(sh);

	/* Changes the parent sees only if the resource is shared. */
	rep->umask_at_start = (uint32_t)sys_umask(sh->umask_child);
	err = sys_chdir(sh->cwd_child);
	if (err)
		child_fail(sh, CC_STEP_CHDIR, err);
	/* After exec the caller's address is not ours: nothing to write. */
	if (!after_exec)
		*(volatile uint64_t *)sh->sentinel_addr =
			sh->sentinel_child_value;
	err = sys_dup3(sh->fd_src, sh->fd_slot, 0);
	if (err < 0)
		child_fail(sh, CC_STEP_DUP, err);
	err = sys_rt_sigaction(sh->sighand_signal, &act, NULL);
	if (err)
		child_fail(sh, CC_STEP_SIGACTION_WRITE, err);
	/* In an IPC namespace of its own the caller's semaphore is not there. */
	if (rep->ns_inode[ipc] == sh->parent_ns_inode[ipc]) {
		err = sys_semop(sh->semid, &up, 1);
		if (err)
			child_fail(sh, CC_STEP_SEMOP, err);
	}
	/* Only the calling task's priority: who 0, IOPRIO_WHO_PROCESS. */
	err = sys_ioprio_set(CC_IOPRIO_WHO_PROCESS, 0, sh->ioprio_child);
	if (err)
		child_fail(sh, CC_STEP_IOPRIO, err);

	child_observe_vfork(sh);
	if (sh->wait_parent_futex)
		child_wait_parent_sleeping(sh);

	rep->ran = 1;
	__atomic_store_n(&sh->child_done, 1, __ATOMIC_RELEASE);
	sys_futex(&sh->child_done, CC_FUTEX_WAKE, 1, NULL);
	return rep->failed_step ? 100 + rep->failed_step : 0;
}

/*
 * Uses up the stack until it overflows into the guard page.  The frame
 * is kept alive by the volatile buffer and the non-tail call.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Winfinite-recursion"
CC_CHILD_CODE __attribute__((noinline)) static int child_overflow(int depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	return child_overflow(depth + 1) + frame[0];
}
#pragma GCC diagnostic pop

CC_CHILD_CODE static int child_exec(struct cc_shared *sh)
{
	char fd_text[16];
	char *argv[] = { sh->exec_helper, fd_text, NULL };
	char *envp[] = { NULL };
	long err;

	child_utoa(fd_text, (unsigned long)sh->memfd);
	err = sys_execve(sh->exec_helper, argv, envp);
	child_fail(sh, CC_STEP_EXEC, err);
	return 100 + CC_STEP_EXEC;
}

CC_CHILD_CODE int cc_child_main(void *shared, uint64_t initial_sp)
{
	struct cc_shared *sh = shared;

	switch (sh->action) {
	case CC_CHILD_EXIT:
		/* It ran to its end: what a thread's caller cannot wait for. */
		__atomic_store_n(&sh->child_done, 1, __ATOMIC_RELEASE);
		return sh->action_code;
	case CC_CHILD_OVERFLOW:
		/* An expected SIGSEGV must not leave a core file behind. */
		sys_prctl(CC_PR_SET_DUMPABLE, 0);
		return child_overflow(0);
	case CC_CHILD_EXEC:
		return child_exec(sh);
	default:
		return cc_child_probe(sh, initial_sp, 0);
	}
}
