// SPDX-License-Identifier: GPL-2.0
/*
 * Every property's probe, one section each: what the caller prepares,
 * what the child observes and changes, what the caller measures once
 * the child is gone, and the sentence for what it saw (probe.h).
 *
 * The child's parts run right after clone returns 0: possibly on a tiny
 * stack, sharing memory and TLS with a caller that is still running, or
 * with a TLS base (CLONE_SETTLS) that holds no libc thread.  They are
 * marked CC_CHILD_CODE, call no libc function, touch no errno, allocate
 * nothing and keep their frames small; the Makefile builds this file
 * with -fno-stack-protector (a canary read through a foreign TLS base
 * would crash) and -fno-builtin.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/probe.h"
#include "engine/sys.h"
#include "outcome/names.h"

#define CC_CHILD_CODE __attribute__((no_sanitize("address", "undefined")))

#define CC_O_RDONLY	0
#define CC_AT_FDCWD	(-100)
#define CC_SEM_UNDO	0x1000

#define FD_SLOT		200
#define SIGHAND_SIGNAL	40	/* a real-time signal nothing else uses */
#define IOPRIO_WHO_PROCESS 1
/* Best-effort class (2), levels 5 (caller) and 6 (child): no privilege needed. */
#define IOPRIO_CALLER	((2 << 13) | 5)
#define IOPRIO_CHILD	((2 << 13) | 6)

static const char *const child_step_names[CC_STEP_COUNT] = {
#define STEP_NAME(ID, what) [CC_STEP_##ID] = what,
	CC_CHILD_STEPS(STEP_NAME)
#undef STEP_NAME
};

const char *cc_child_step_name(int step)
{
	return step >= 0 && step < CC_STEP_COUNT ? child_step_names[step] : "?";
}

CC_CHILD_CODE void cc_child_fail(struct cc_shared *sh, enum cc_child_step step,
				 long err)
{
	if (!sh->child.failed_step) {
		sh->child.failed_step = step;
		sh->child.failed_errno = (int32_t)-err;
	}
}

/* ---- child-side helpers ---- */

CC_CHILD_CODE size_t cc_child_utoa(char *out, unsigned long value)
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

CC_CHILD_CODE char cc_child_parent_state(struct cc_shared *sh)
{
	char path[40] = "/proc/";
	char buf[512];
	long fd, len, i;
	char state = 0;

	cc_child_utoa(path + 6, (unsigned long)sh->parent_tid);
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
 * Whether the caller is inside a task-creating syscall (clone, clone3,
 * vfork), from /proc/PID/syscall's first field: 1 yes, 0 no, -1 where
 * the file cannot be read (no ptrace access over the caller).  A caller
 * in state D may be waiting for anything (a page read in): only one in
 * such a call is in the vfork wait.
 */
CC_CHILD_CODE static int parent_in_task_syscall(struct cc_shared *sh)
{
	char path[40] = "/proc/";
	char buf[64];
	long fd, len, i, nr = 0;

	cc_child_utoa(path + 6, (unsigned long)sh->parent_tid);
	for (i = 0; path[i]; i++)
		;
	path[i++] = '/', path[i++] = 's', path[i++] = 'y', path[i++] = 's';
	path[i++] = 'c', path[i++] = 'a', path[i++] = 'l', path[i++] = 'l';
	path[i] = '\0';
	fd = sys_openat(CC_AT_FDCWD, path, CC_O_RDONLY);
	if (fd < 0)
		return -1;
	len = sys_read((int)fd, buf, sizeof(buf) - 1);
	sys_close((int)fd);
	if (len <= 0)
		return -1;
	/* "running", "-1 ..." (not in a syscall), or the number. */
	if (buf[0] < '0' || buf[0] > '9')
		return 0;
	for (i = 0; i < len && buf[i] >= '0' && buf[i] <= '9'; i++)
		nr = nr * 10 + (buf[i] - '0');
	return nr == CC_NR_clone || nr == CC_NR_clone3 || nr == CC_NR_vfork;
}

/* ---- memory: CLONE_VM ---- */

/* Lives in the caller's private memory: the target of the memory probe. */
static volatile uint64_t memory_sentinel;

static int memory_prepare(struct cc_shared *sh, struct cc_observation *obs,
			  enum cc_prop prop)
{
	memory_sentinel = CC_SENTINEL_PARENT;
	sh->sentinel_addr = (uint64_t)(uintptr_t)&memory_sentinel;
	sh->sentinel_child_value = CC_SENTINEL_CHILD;
	return 0;
}

CC_CHILD_CODE static void memory_act(struct cc_shared *sh, enum cc_prop prop)
{
	/* After exec the caller's address is not ours: nothing to write. */
	if (!sh->child.execed)
		*(volatile uint64_t *)(uintptr_t)sh->sentinel_addr =
			sh->sentinel_child_value;
}

static enum cc_reading memory_measure(struct cc_shared *sh,
				      struct cc_observation *obs, int tid,
				      enum cc_prop prop)
{
	return memory_sentinel == sh->sentinel_child_value;
}

static void memory_describe(const struct cc_observation *obs, enum cc_prop prop,
			    bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the child's write to the caller's private memory is visible in the caller" :
		 "the child's write to the caller's memory is not visible in the caller");
}

static const struct cc_probe probe_MEMORY = {
	.prepare = memory_prepare, .act = memory_act,
	.measure = memory_measure, .describe = memory_describe,
};

/* ---- fd_table: CLONE_FILES ---- */

static int files_prepare(struct cc_shared *sh, struct cc_observation *obs,
			 enum cc_prop prop)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0 || fd >= FD_SLOT) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "cannot open /dev/null below fd %d", FD_SLOT);
		return -1;
	}
	close(FD_SLOT);
	sh->fd_src = fd;
	sh->fd_slot = obs->fd_slot = FD_SLOT;
	return 0;
}

CC_CHILD_CODE static void files_act(struct cc_shared *sh, enum cc_prop prop)
{
	long err = sys_dup3(sh->fd_src, sh->fd_slot, 0);

	if (err < 0)
		cc_child_fail(sh, CC_STEP_DUP, err);
}

static enum cc_reading files_measure(struct cc_shared *sh,
				     struct cc_observation *obs, int tid,
				     enum cc_prop prop)
{
	return fcntl(sh->fd_slot, F_GETFD) >= 0;
}

static void files_describe(const struct cc_observation *obs, enum cc_prop prop,
			   bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "fd %d opened by the child is open in the caller" :
		 "fd %d opened by the child is not open in the caller",
		 obs->fd_slot);
}

static const struct cc_probe probe_FILES = {
	.prepare = files_prepare, .act = files_act,
	.measure = files_measure, .describe = files_describe,
};

/* ---- fs_umask and fs_cwd: CLONE_FS ---- */

static int umask_prepare(struct cc_shared *sh, struct cc_observation *obs,
			 enum cc_prop prop)
{
	umask(022);
	obs->umask_before = 022;
	sh->umask_child = obs->umask_child = 077;
	return 0;
}

CC_CHILD_CODE static void umask_act(struct cc_shared *sh, enum cc_prop prop)
{
	sh->child.umask_at_start = (uint32_t)sys_umask(sh->umask_child);
}

static enum cc_reading umask_measure(struct cc_shared *sh,
				     struct cc_observation *obs, int tid,
				     enum cc_prop prop)
{
	obs->umask_after = umask(0);
	return obs->umask_after == sh->umask_child;
}

static void umask_describe(const struct cc_observation *obs, enum cc_prop prop,
			   bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the umask 0%o set by the child is the caller's" :
		 "the caller's umask is 0%o, not 0%o as set by the child",
		 obs->umask_after, obs->umask_child);
}

static const struct cc_probe probe_FS_UMASK = {
	.prepare = umask_prepare, .act = umask_act,
	.measure = umask_measure, .describe = umask_describe,
};

static int cwd_prepare(struct cc_shared *sh, struct cc_observation *obs,
		       enum cc_prop prop)
{
	const char *cwd_choices[] = { "/tmp", "/dev", "/proc" };
	struct stat sb;
	size_t i;

	if (chdir("/")) {
		snprintf(obs->broken, sizeof(obs->broken), "chdir /: %s",
			 CC_ERRNO(errno));
		return -1;
	}
	for (i = 0; i < sizeof(cwd_choices) / sizeof(cwd_choices[0]); i++) {
		if (stat(cwd_choices[i], &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    access(cwd_choices[i], X_OK) == 0) {
			snprintf(sh->cwd_child, sizeof(sh->cwd_child), "%s",
				 cwd_choices[i]);
			break;
		}
	}
	if (!sh->cwd_child[0]) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "none of /tmp, /dev, /proc is a directory the child can enter");
		return -1;
	}
	snprintf(obs->cwd_child, sizeof(obs->cwd_child), "%s", sh->cwd_child);
	return 0;
}

CC_CHILD_CODE static void cwd_act(struct cc_shared *sh, enum cc_prop prop)
{
	long err = sys_chdir(sh->cwd_child);

	if (err)
		cc_child_fail(sh, CC_STEP_CHDIR, err);
}

static enum cc_reading cwd_measure(struct cc_shared *sh,
				   struct cc_observation *obs, int tid,
				   enum cc_prop prop)
{
	if (!getcwd(obs->cwd_after, sizeof(obs->cwd_after)))
		snprintf(obs->cwd_after, sizeof(obs->cwd_after), "(%s)",
			 CC_ERRNO(errno));
	return !strcmp(obs->cwd_after, sh->cwd_child);
}

static void cwd_describe(const struct cc_observation *obs, enum cc_prop prop,
			 bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the child's chdir to %s moved the caller too" :
		 "the caller's cwd is %s, not %s where the child went",
		 seen ? obs->cwd_child : obs->cwd_after, obs->cwd_child);
}

static const struct cc_probe probe_FS_CWD = {
	.prepare = cwd_prepare, .act = cwd_act,
	.measure = cwd_measure, .describe = cwd_describe,
};

/* ---- signal_handlers: CLONE_SIGHAND ---- */

static int sighand_prepare(struct cc_shared *sh, struct cc_observation *obs,
			   enum cc_prop prop)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };

	sh->sighand_signal = SIGHAND_SIGNAL;
	sigaction(SIGHAND_SIGNAL, &sa, NULL);
	return 0;
}

CC_CHILD_CODE static void sighand_act(struct cc_shared *sh, enum cc_prop prop)
{
	struct cc_kernel_sigaction act = { .handler = CC_SIG_IGN };
	long err = sys_rt_sigaction(sh->sighand_signal, &act, NULL);

	if (err)
		cc_child_fail(sh, CC_STEP_SIGACTION_WRITE, err);
}

static enum cc_reading sighand_measure(struct cc_shared *sh,
				       struct cc_observation *obs, int tid,
				       enum cc_prop prop)
{
	struct sigaction sa;

	if (sigaction(sh->sighand_signal, NULL, &sa))
		return CC_READ_OFF;
	obs->sighand_after = (uint64_t)(uintptr_t)sa.sa_handler;
	return sa.sa_handler == SIG_IGN;
}

static void sighand_describe(const struct cc_observation *obs, enum cc_prop prop,
			     bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "SIG_IGN set by the child for signal %d is the caller's disposition" :
		 "the caller's disposition of signal %d is 0x%llx, not SIG_IGN as set by the child",
		 SIGHAND_SIGNAL, (unsigned long long)obs->sighand_after);
}

static const struct cc_probe probe_SIGHAND = {
	.prepare = sighand_prepare, .act = sighand_act,
	.measure = sighand_measure, .describe = sighand_describe,
};

/* ---- thread_group: CLONE_THREAD ---- */

CC_CHILD_CODE static void thread_observe(struct cc_shared *sh, enum cc_prop prop)
{
	sh->child.tgid = (int32_t)sys_getpid();
}

/*
 * Whether the child numbers pids as the caller does: in a pid namespace
 * of its own, pid 1 and ppid 0 say nothing about the caller's (itself
 * pid 1 of its namespace, with a parent outside it).
 */
static bool same_pid_numbers(const struct cc_shared *sh)
{
	int pid = CC_PROP_NS_PID - CC_PROP_NS_MNT;

	return !sh->child.ns_inode[pid] || !sh->parent_ns_inode[pid] ||
	       sh->child.ns_inode[pid] == sh->parent_ns_inode[pid];
}

static enum cc_reading thread_measure(struct cc_shared *sh,
				      struct cc_observation *obs, int tid,
				      enum cc_prop prop)
{
	return same_pid_numbers(sh) && sh->child.tgid == getpid();
}

static void thread_describe(const struct cc_observation *obs, enum cc_prop prop,
			    bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the child is in the caller's thread group (tgid %d)" :
		 "the child's tgid is %d, the caller's %d",
		 obs->child.tgid, obs->parent_pid);
}

static const struct cc_probe probe_THREAD_GROUP = {
	.observe = thread_observe, .measure = thread_measure,
	.describe = thread_describe,
};

/* ---- parent: CLONE_PARENT ---- */

CC_CHILD_CODE static void parent_observe(struct cc_shared *sh, enum cc_prop prop)
{
	sh->child.ppid = (int32_t)sys_getppid();
}

static enum cc_reading parent_measure(struct cc_shared *sh,
				      struct cc_observation *obs, int tid,
				      enum cc_prop prop)
{
	return same_pid_numbers(sh) && sh->child.ppid == obs->parent_ppid;
}

static void parent_describe(const struct cc_observation *obs, enum cc_prop prop,
			    bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the child's parent is the caller's parent %d" :
		 "the child's parent is %d, not the caller's parent %d",
		 obs->child.ppid, obs->parent_ppid);
}

static const struct cc_probe probe_PARENT = {
	.observe = parent_observe, .measure = parent_measure,
	.describe = parent_describe,
};

/* ---- sysvsem_undo: CLONE_SYSVSEM ---- */

CC_CHILD_CODE static void sysvsem_act(struct cc_shared *sh, enum cc_prop prop)
{
	struct { unsigned short num; short op; short flg; } up = {
		.num = 0, .op = 1, .flg = CC_SEM_UNDO,
	};
	int ipc = CC_NS_IPC;
	long err;

	/* In an IPC namespace of its own the caller's semaphore is not there. */
	if (sh->semid < 0 || sh->child.ns_inode[ipc] != sh->parent_ns_inode[ipc])
		return;
	err = sys_semop(sh->semid, &up, 1);
	if (err)
		cc_child_fail(sh, CC_STEP_SEMOP, err);
}

static enum cc_reading sysvsem_measure(struct cc_shared *sh,
				       struct cc_observation *obs, int tid,
				       enum cc_prop prop)
{
	/* No System V IPC (launch.c made no semaphore): nothing to read. */
	if (sh->semid < 0)
		return CC_READ_NONE;
	obs->semval = semctl(sh->semid, 0, GETVAL);
	return obs->semval == 1;
}

static void sysvsem_describe(const struct cc_observation *obs, enum cc_prop prop,
			     bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the child's SEM_UNDO adjustment survived its exit (semval %d)" :
		 "the child's SEM_UNDO adjustment was undone at its exit (semval %d)",
		 obs->semval);
}

static const struct cc_probe probe_SYSVSEM = {
	.act = sysvsem_act, .measure = sysvsem_measure,
	.describe = sysvsem_describe,
};

/* ---- tls: CLONE_SETTLS ---- */

CC_CHILD_CODE static void tls_observe(struct cc_shared *sh, enum cc_prop prop)
{
	sh->child.tls = cc_arch_tls_base();
}

static enum cc_reading tls_measure(struct cc_shared *sh,
				   struct cc_observation *obs, int tid,
				   enum cc_prop prop)
{
	return sh->child.tls == cc_arch_tls_expected(obs->tls_requested) &&
	       sh->child.tls != obs->parent_tls;
}

static void tls_describe(const struct cc_observation *obs, enum cc_prop prop,
			 bool seen, char *out, size_t len)
{
	uint64_t expected = cc_arch_tls_expected(obs->tls_requested);

	/* A compat caller's tls argument is a user_desc naming the base. */
	if (expected != obs->tls_requested && seen)
		snprintf(out, len, "the child's TLS base is 0x%llx, the one the tls argument's user_desc at 0x%llx sets",
			 (unsigned long long)obs->child.tls,
			 (unsigned long long)obs->tls_requested);
	else if (expected != obs->tls_requested)
		snprintf(out, len, "the child's TLS base is 0x%llx, not 0x%llx, the one the tls argument's user_desc at 0x%llx sets",
			 (unsigned long long)obs->child.tls,
			 (unsigned long long)expected,
			 (unsigned long long)obs->tls_requested);
	else
		snprintf(out, len, seen ?
			 "the child's TLS base is the tls argument 0x%llx" :
			 "the child's TLS base is 0x%llx, not the tls argument 0x%llx",
			 (unsigned long long)obs->child.tls,
			 (unsigned long long)obs->tls_requested);
}

static const struct cc_probe probe_TLS = {
	.observe = tls_observe, .measure = tls_measure,
	.describe = tls_describe,
};

/* ---- parent_settid: CLONE_PARENT_SETTID ---- */

static enum cc_reading parent_tid_measure(struct cc_shared *sh,
					  struct cc_observation *obs, int tid,
					  enum cc_prop prop)
{
	obs->parent_tid_word = sh->parent_tid_word;
	/* The kernel writes the tid as the caller's pid namespace numbers it. */
	return tid > 0 && obs->parent_tid_word == tid;
}

static void parent_tid_describe(const struct cc_observation *obs,
				enum cc_prop prop, bool seen, char *out,
				size_t len)
{
	snprintf(out, len, seen ?
		 "the parent_tid word holds the child's tid %d" :
		 "the parent_tid word holds %d, not the child's tid %lld (as the caller numbers it)",
		 obs->parent_tid_word, (long long)obs->outcome.ret);
}

static const struct cc_probe probe_PARENT_TID = {
	.measure = parent_tid_measure, .describe = parent_tid_describe,
};

/* ---- child_settid: CLONE_CHILD_SETTID ---- */

CC_CHILD_CODE static void child_tid_observe(struct cc_shared *sh,
					    enum cc_prop prop)
{
	sh->child.child_tid_word_at_start = sh->child_tid_word;
}

static enum cc_reading child_tid_measure(struct cc_shared *sh,
					 struct cc_observation *obs, int tid,
					 enum cc_prop prop)
{
	const struct cc_child_report *rep = &sh->child;

	/*
	 * The kernel writes the tid as the child numbers it (in a new pid
	 * namespace, not as the caller does): there, that is the tid the
	 * caller got, for a thread too.
	 */
	return rep->tid && rep->child_tid_word_at_start == rep->tid &&
	       (!same_pid_numbers(sh) || rep->tid == tid);
}

static void child_tid_describe(const struct cc_observation *obs,
			       enum cc_prop prop, bool seen, char *out,
			       size_t len)
{
	snprintf(out, len, seen ?
		 "the child_tid word held the child's tid %d when it started" :
		 "the child_tid word held %d, not the child's tid %d, when the child started",
		 obs->child.child_tid_word_at_start, obs->child.tid);
}

static const struct cc_probe probe_CHILD_TID = {
	.observe = child_tid_observe, .measure = child_tid_measure,
	.describe = child_tid_describe,
};

/* ---- child_cleartid: CLONE_CHILD_CLEARTID ---- */

static enum cc_reading clear_tid_measure(struct cc_shared *sh,
					 struct cc_observation *obs, int tid,
					 enum cc_prop prop)
{
	obs->child_tid_word_after = sh->child_tid_word;
	/* pthread_create: the libc's own word, seen through pthread_join. */
	if (sh->libc_tid_cleared >= 0)
		return sh->libc_tid_cleared != 0;
	/* With a shared mm the futex wake must have come too. */
	return obs->child_tid_word_after == 0 &&
	       (!sh->wait_parent_futex || obs->cleartid_woken);
}

static void clear_tid_describe(const struct cc_observation *obs,
			       enum cc_prop prop, bool seen, char *out,
			       size_t len)
{
	if (seen)
		snprintf(out, len,
			 "the child_tid word was zeroed at the child's exit%s",
			 obs->cleartid_woken ? " and the waiter woken" : "");
	else
		snprintf(out, len,
			 "the child_tid word is %d after the child's exit%s",
			 obs->child_tid_word_after,
			 obs->cleartid_woken ? " (waiter woken)" : "");
}

static const struct cc_probe probe_CLEAR_TID = {
	.measure = clear_tid_measure, .describe = clear_tid_describe,
};

/* ---- pidfd: CLONE_PIDFD ---- */

/*
 * The pidfd whole: it refers to the child (fdinfo's Pid and NSpid are
 * its tid, a thread's for a thread pidfd; signal 0 reaches it), it is
 * close-on-exec as pidfd_open's are, and it turned readable once the
 * child was gone.
 */
static enum cc_reading pidfd_measure(struct cc_shared *sh,
				     struct cc_observation *obs, int tid,
				     enum cc_prop prop)
{
	/*
	 * The launcher read fdinfo and signalled 0 as the call returned:
	 * the child was there, or (a vfork child that was a thread, reaped
	 * as it exited) it was gone already, and fdinfo says Pid -1, or it
	 * was still exiting: the vfork caller resumes at exit_mm, before
	 * release_task detaches the pid, so fdinfo still names it while a
	 * signal finds no one (found by make sweep, 1 run in 5).
	 */
	bool refers = obs->pidfd_pid == tid && obs->pidfd_nspid == tid &&
		      obs->pidfd_signal == 0;
	bool gone = obs->done_at_return && obs->pidfd_pid == -1 &&
		    obs->pidfd_signal == -ESRCH;
	bool exiting = obs->done_at_return && obs->pidfd_pid == tid &&
		       obs->pidfd_nspid == tid && obs->pidfd_signal == -ESRCH;

	return obs->pidfd >= 0 && (refers || gone || exiting) &&
	       obs->pidfd_fd_flags >= 0 && (obs->pidfd_fd_flags & FD_CLOEXEC) &&
	       obs->pidfd_polled == 1;
}

static void pidfd_describe(const struct cc_observation *obs, enum cc_prop prop,
			   bool seen, char *out, size_t len)
{
	if (seen) {
		snprintf(out, len,
			 "pidfd %d refers to the child (fdinfo Pid and NSpid %d, signal 0 delivered), is O_CLOEXEC, and was readable once the child was gone",
			 obs->pidfd, obs->pidfd_pid);
		return;
	}
	snprintf(out, len,
		 "no pidfd refers to the child as it should (pidfd word %d, fdinfo Pid %d NSpid %d, pidfd_send_signal %d, F_GETFD 0x%x%s, readable after the child was gone: %s)",
		 obs->pidfd, obs->pidfd_pid, obs->pidfd_nspid, obs->pidfd_signal,
		 obs->pidfd_fd_flags,
		 obs->pidfd_fd_flags >= 0 && !(obs->pidfd_fd_flags & FD_CLOEXEC) ?
			" without FD_CLOEXEC" : "",
		 obs->pidfd_polled == 1 ? "yes" : obs->pidfd_polled == 0 ?
			"no" : "poll failed");
}

static const struct cc_probe probe_PIDFD = {
	.measure = pidfd_measure, .describe = pidfd_describe,
};

/* ---- vfork_suspends_caller: CLONE_VFORK ---- */

/*
 * CLONE_VFORK: the caller is suspended until we exit or exec.  We wait
 * for one of two events, whichever the kernel makes happen: the caller
 * returns from the call (it sets parent_returned), or the caller is
 * seen blocked in the vfork wait (uninterruptible, state D, inside the
 * call that made us: a D for anything else, as a page read in after an
 * exec released it, is no such sign; found by make fuzz).  Neither
 * depends on timing, so the answer is the same on every run.
 */
CC_CHILD_CODE static void vfork_last(struct cc_shared *sh, enum cc_prop prop)
{
	for (;;) {
		char state;

		if (__atomic_load_n(&sh->parent_returned, __ATOMIC_ACQUIRE)) {
			sh->child.parent_suspended = 0;
			return;
		}
		state = cc_child_parent_state(sh);
		if (state == 'D' && parent_in_task_syscall(sh)) {
			sh->child.parent_suspended = 1;
			return;
		}
		if (!state) {
			cc_child_fail(sh, CC_STEP_PARENT_STATE, -ENOENT);
			return;
		}
		sys_sched_yield();
	}
}

static enum cc_reading vfork_measure(struct cc_shared *sh,
				     struct cc_observation *obs, int tid,
				     enum cc_prop prop)
{
	return sh->child.parent_suspended != 0;
}

static void vfork_describe(const struct cc_observation *obs, enum cc_prop prop,
			   bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the caller stayed suspended while the child ran" :
		 "the caller returned while the child was still running");
}

static const struct cc_probe probe_VFORK = {
	.last = vfork_last, .measure = vfork_measure,
	.describe = vfork_describe,
};

/* ---- clear_sighand: CLONE_CLEAR_SIGHAND ---- */

static void noop_handler(int sig)
{
	(void)sig;
}

static int clear_sighand_prepare(struct cc_shared *sh,
				 struct cc_observation *obs, enum cc_prop prop)
{
	struct sigaction sa = { .sa_handler = noop_handler };

	sh->handled_signal = SIGUSR1;
	sigaction(SIGUSR1, &sa, NULL);
	/* SIG_IGN survives CLONE_CLEAR_SIGHAND and exec alike. */
	sh->ignored_signal = SIGUSR2;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, NULL);
	return 0;
}

CC_CHILD_CODE static void clear_sighand_observe(struct cc_shared *sh,
						enum cc_prop prop)
{
	struct cc_kernel_sigaction old;
	long err;

	err = sys_rt_sigaction(sh->handled_signal, NULL, &old);
	if (err)
		cc_child_fail(sh, CC_STEP_SIGACTION_READ, err);
	sh->child.handler_seen = old.handler;
	err = sys_rt_sigaction(sh->ignored_signal, NULL, &old);
	if (err)
		cc_child_fail(sh, CC_STEP_SIGACTION_READ, err);
	sh->child.ignored_seen = old.handler;
}

static enum cc_reading clear_sighand_measure(struct cc_shared *sh,
					     struct cc_observation *obs,
					     int tid, enum cc_prop prop)
{
	return sh->child.handler_seen == CC_SIG_DFL;
}

static void clear_sighand_describe(const struct cc_observation *obs,
				   enum cc_prop prop, bool seen, char *out,
				   size_t len)
{
	snprintf(out, len, seen ?
		 "the child saw the caller's SIGUSR1 handler reset to SIG_DFL" :
		 "the child inherited the caller's SIGUSR1 handler (0x%llx)",
		 (unsigned long long)obs->child.handler_seen);
}

static const struct cc_probe probe_CLEAR_SIGHAND = {
	.prepare = clear_sighand_prepare, .observe = clear_sighand_observe,
	.measure = clear_sighand_measure, .describe = clear_sighand_describe,
};

/* ---- own_stack: the stack argument ---- */

static enum cc_reading own_stack_measure(struct cc_shared *sh,
					 struct cc_observation *obs, int tid,
					 enum cc_prop prop)
{
	const struct cc_child_report *rep = &sh->child;
	uint64_t distance;

	if (rep->execed)
		return CC_READ_ON;	/* a new image, a new stack */
	if (obs->stack_hi)
		return rep->initial_sp > obs->stack_lo &&
		       rep->initial_sp <= obs->stack_hi;
	/* No stack given: a copy of the caller's, unless far from it. */
	distance = rep->initial_sp > obs->parent_sp ?
		rep->initial_sp - obs->parent_sp : obs->parent_sp - rep->initial_sp;
	return distance > 64 * 1024;
}

static void own_stack_describe(const struct cc_observation *obs,
			       enum cc_prop prop, bool seen, char *out,
			       size_t len)
{
	snprintf(out, len, seen ?
		 "the child started on its own stack (sp 0x%llx)" :
		 "the child started on the caller's stack (sp 0x%llx, caller's 0x%llx, requested 0x%llx-0x%llx)",
		 (unsigned long long)obs->child.initial_sp,
		 (unsigned long long)obs->parent_sp,
		 (unsigned long long)obs->stack_lo,
		 (unsigned long long)obs->stack_hi);
}

static const struct cc_probe probe_OWN_STACK = {
	.measure = own_stack_measure, .describe = own_stack_describe,
};

/* ---- cgroup: CLONE_INTO_CGROUP ---- */

/*
 * Copies the "0::/path" line of a cgroup file (fd, closed here) into
 * out; -errno when unreadable.  Raw syscalls: the child uses it too.
 */
CC_CHILD_CODE static long cgroup_line(long fd, char *out)
{
	char buf[2048];
	long len, i, start = 0;

	if (fd < 0)
		return fd;
	len = sys_read((int)fd, buf, sizeof(buf) - 1);
	sys_close((int)fd);
	if (len < 0)
		return len;
	for (i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		if (i - start > 3 && buf[start] == '0' && buf[start + 1] == ':' &&
		    buf[start + 2] == ':') {
			long n = i - start;

			if (n > CC_PATH_MAX - 1)
				n = CC_PATH_MAX - 1;
			for (long k = 0; k < n; k++)
				out[k] = buf[start + k];
			out[n] = '\0';
			return 0;
		}
		start = i + 1;
	}
	return 0;
}

/*
 * The caller's view comes first: the child waits for it.  Only when the
 * caller cannot read it (a vfork caller sleeps in the call; a /proc of
 * another pid namespace shows no such pid) does the child read its own.
 */
CC_CHILD_CODE static void cgroup_observe(struct cc_shared *sh, enum cc_prop prop)
{
	long err;

	/*
	 * A vfork child cannot wait: the caller reads once it is gone, or
	 * this reading stands in where it was reaped at once.
	 */
	if (sh->cgroup_from_caller && !sh->cgroup_child_waits) {
		cgroup_line(sys_openat(CC_AT_FDCWD, "/proc/self/cgroup", CC_O_RDONLY),
			    sh->child.cgroup_own);
		return;
	}
	if (sh->cgroup_child_waits) {
		while (!__atomic_load_n(&sh->caller_cgroup_read, __ATOMIC_ACQUIRE))
			sys_sched_yield();
		if (sh->caller_cgroup_read == 1)
			return;
	}
	err = cgroup_line(sys_openat(CC_AT_FDCWD, "/proc/self/cgroup", CC_O_RDONLY),
			  sh->child.cgroup);
	if (err)
		cc_child_fail(sh, CC_STEP_CGROUP_READ, err);
}

void cc_pidfd_fdinfo(int pidfd, int32_t *pid, int32_t *nspid)
{
	char path[64], line[128];
	FILE *f;

	*pid = *nspid = -2;
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pidfd);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "Pid: %d", pid);
		sscanf(line, "NSpid: %d", nspid);
	}
	fclose(f);
}

/*
 * tid as this /proc numbers it: tid itself where /proc is of the
 * caller's pid namespace; else from a pidfd's fdinfo, which shows it in
 * the proc mount's namespace (a process only; 0 where it is not there).
 */
static int proc_pid_of(int tid)
{
	int32_t pid, nspid;
	char self[32] = "";
	long pidfd;

	/* readlink does not end the string: self is zeroed for it. */
	if (readlink("/proc/self", self, sizeof(self) - 1) > 0 &&
	    atoi(self) == getpid())
		return tid;
	pidfd = sys_pidfd_open(tid, 0);
	if (pidfd < 0)
		return 0;
	cc_pidfd_fdinfo((int)pidfd, &pid, &nspid);
	close((int)pidfd);
	return pid > 0 ? pid : 0;
}

void cc_probe_cgroup_from_caller(struct cc_shared *sh, int tid)
{
	char path[64];
	int pid, read = 2;

	if (!sh->cgroup_from_caller)
		return;
	pid = proc_pid_of(tid);
	if (pid > 0) {
		snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
		if (!cgroup_line(open(path, O_RDONLY | O_CLOEXEC), sh->child.cgroup)) {
			sh->child.cgroup_read_by_caller = 1;
			read = 1;
		}
	}
	/* A vfork child reaped as it exited: its own reading stands in. */
	if (read != 1 && !sh->cgroup_child_waits)
		memcpy(sh->child.cgroup, sh->child.cgroup_own, sizeof(sh->child.cgroup));
	__atomic_store_n(&sh->caller_cgroup_read, read, __ATOMIC_RELEASE);
}

static enum cc_reading cgroup_measure(struct cc_shared *sh,
				      struct cc_observation *obs, int tid,
				      enum cc_prop prop)
{
	int cgroup_ns = CC_PROP_NS_CGROUP - CC_PROP_NS_MNT;

	/* No target cgroup was made: nothing to be in. */
	if (!obs->cgroup_expected[0])
		return CC_READ_NONE;
	/*
	 * The child's own reading, in a cgroup namespace of its own (only
	 * a CLONE_INTO_CGROUP vfork child reaped at once comes to that):
	 * cgroup_post_fork roots it at the cgroup the child started in.
	 */
	if (!sh->child.cgroup_read_by_caller && sh->cgroup_from_caller &&
	    sh->child.ns_inode[cgroup_ns] &&
	    sh->child.ns_inode[cgroup_ns] != sh->parent_ns_inode[cgroup_ns])
		return !strcmp(sh->child.cgroup, "0::/");
	return !strcmp(sh->child.cgroup, obs->cgroup_expected);
}

static void cgroup_describe(const struct cc_observation *obs, enum cc_prop prop,
			    bool seen, char *out, size_t len)
{
	const char *how = obs->child.cgroup_read_by_caller ?
		"as the caller reads it" : "as the child reads it";

	if (seen)
		snprintf(out, len, "the child started in %s (%s)",
			 obs->cgroup_expected, how);
	else
		snprintf(out, len, "the child started in \"%s\", not \"%s\" (%s)",
			 obs->child.cgroup, obs->cgroup_expected, how);
}

static const struct cc_probe probe_CGROUP = {
	.observe = cgroup_observe, .measure = cgroup_measure,
	.describe = cgroup_describe,
};

/* ---- io_context: CLONE_IO ---- */

/*
 * Gives the caller an io_context with a valid priority: copy_io() shares
 * it with CLONE_IO and copies it otherwise.  Without the block layer
 * ioprio_set is ENOSYS: then there is nothing to measure.
 */
static int io_prepare(struct cc_shared *sh, struct cc_observation *obs,
		      enum cc_prop prop)
{
	long err = sys_ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_CALLER);

	sh->ioprio_child = obs->ioprio_child = IOPRIO_CHILD;
	if (err == -ENOSYS) {
		sh->ioprio_unavailable = 1;
		return 0;
	}
	if (err) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "ioprio_set(best-effort 5) for the caller: %s",
			 CC_ERRNO(err));
		return -1;
	}
	obs->ioprio_before = (int32_t)sys_ioprio_get(IOPRIO_WHO_PROCESS, 0);
	return 0;
}

CC_CHILD_CODE static void io_act(struct cc_shared *sh, enum cc_prop prop)
{
	long err;

	if (sh->ioprio_unavailable)
		return;
	/* Only the calling task's priority: who 0, IOPRIO_WHO_PROCESS. */
	err = sys_ioprio_set(IOPRIO_WHO_PROCESS, 0, sh->ioprio_child);
	if (err)
		cc_child_fail(sh, CC_STEP_IOPRIO, err);
}

static enum cc_reading io_measure(struct cc_shared *sh,
				  struct cc_observation *obs, int tid,
				  enum cc_prop prop)
{
	if (sh->ioprio_unavailable)
		return CC_READ_NONE;
	obs->ioprio_after = (int32_t)sys_ioprio_get(IOPRIO_WHO_PROCESS, 0);
	return obs->ioprio_after == obs->ioprio_child;
}

static void io_describe(const struct cc_observation *obs, enum cc_prop prop,
			bool seen, char *out, size_t len)
{
	snprintf(out, len, seen ?
		 "the I/O priority the child set (0x%x) is the caller's" :
		 "the caller's I/O priority is 0x%x, not the child's 0x%x",
		 seen ? obs->ioprio_child : obs->ioprio_after,
		 obs->ioprio_child);
}

static const struct cc_probe probe_IO = {
	.prepare = io_prepare, .act = io_act,
	.measure = io_measure, .describe = io_describe,
};

/* ---- the namespaces: CLONE_NEW* ---- */

static int ns_prepare(struct cc_shared *sh, struct cc_observation *obs,
		      enum cc_prop prop)
{
	int type = prop - CC_PROP_NS_MNT;
	char path[48];
	struct stat sb;

	snprintf(path, sizeof(path), "/proc/self/ns/%s", cc_ns_names[type]);
	sh->parent_ns_inode[type] = stat(path, &sb) ? 0 : sb.st_ino;
	return 0;
}

/*
 * The inode of /proc/thread-self/ns/<name>, from its link "<name>:[N]"; 0
 * if unreadable.  thread-self: a CLONE_THREAD child has namespaces of its
 * own, and /proc/self is its thread group leader.
 */
CC_CHILD_CODE static void ns_observe(struct cc_shared *sh, enum cc_prop prop)
{
	int type = prop - CC_PROP_NS_MNT;
	const char *name = cc_ns_names[type];
	char path[48] = "/proc/thread-self/ns/", link[64];
	uint64_t inode = 0;
	long len, i, n;

	for (n = 0; path[n]; n++)
		;
	for (i = 0; name[i] && n < (long)sizeof(path) - 1; i++)
		path[n++] = name[i];
	path[n] = '\0';
	len = sys_readlinkat(CC_AT_FDCWD, path, link, sizeof(link) - 1);
	if (len > 0) {
		for (i = 0; i < len && link[i] != '['; i++)
			;
		for (i++; i < len && link[i] >= '0' && link[i] <= '9'; i++)
			inode = inode * 10 + (uint64_t)(link[i] - '0');
	}
	sh->child.ns_inode[type] = inode;
}

static enum cc_reading ns_measure(struct cc_shared *sh,
				  struct cc_observation *obs, int tid,
				  enum cc_prop prop)
{
	int type = prop - CC_PROP_NS_MNT;

	/* An entry neither side can read (an older kernel): unmeasured. */
	if (!sh->child.ns_inode[type] || !sh->parent_ns_inode[type])
		return CC_READ_NONE;
	return sh->child.ns_inode[type] != sh->parent_ns_inode[type];
}

static void ns_describe(const struct cc_observation *obs, enum cc_prop prop,
			bool seen, char *out, size_t len)
{
	int type = prop - CC_PROP_NS_MNT;

	snprintf(out, len, seen ?
		 "the child's %s namespace is a new one (inode %llu)" :
		 "the child's %s namespace is the caller's (inode %llu)",
		 cc_ns_names[type], (unsigned long long)obs->child.ns_inode[type]);
}

#define NS_PROBE(ID, ...)						\
	static const struct cc_probe probe_NS_##ID = {			\
		.prepare = ns_prepare, .observe = ns_observe,		\
		.measure = ns_measure, .describe = ns_describe,		\
	};
CC_NAMESPACES(NS_PROBE)
#undef NS_PROBE

/* ---- the table, and its walks ---- */

/* A property without a probe above does not compile. */
const struct cc_probe *const cc_probes[CC_PROP_COUNT] = {
#define PROBE(ID, ...) [CC_PROP_##ID] = &probe_##ID,
	CC_PROPS(PROBE)
#undef PROBE
};

int cc_probe_prepare(struct cc_shared *sh, struct cc_observation *obs)
{
	int prop;

	for (prop = 0; prop < CC_PROP_COUNT; prop++)
		if (cc_probes[prop]->prepare &&
		    cc_probes[prop]->prepare(sh, obs, prop))
			return -1;
	return 0;
}

CC_CHILD_CODE void cc_probe_child(struct cc_shared *sh)
{
	int prop;

	/* What the child inherited, read before it changes anything. */
	for (prop = 0; prop < CC_PROP_COUNT; prop++)
		if (cc_probes[prop]->observe)
			cc_probes[prop]->observe(sh, prop);
	/* Changes the caller sees only if the resource is shared. */
	for (prop = 0; prop < CC_PROP_COUNT; prop++)
		if (cc_probes[prop]->act)
			cc_probes[prop]->act(sh, prop);
	for (prop = 0; prop < CC_PROP_COUNT; prop++)
		if (cc_probes[prop]->last)
			cc_probes[prop]->last(sh, prop);
}

void cc_probe_measure(struct cc_shared *sh, struct cc_observation *obs,
		      int tid)
{
	struct cc_outcome *o = &obs->outcome;
	int prop;

	o->props = 0;
	o->unmeasured = CC_PROPS_ALL;
	if (sh->child.tid == 0 && sh->child.ran == 0)
		return;		/* the child never reached its probes */
	o->unmeasured = 0;
	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		switch (cc_probes[prop]->measure(sh, obs, tid, prop)) {
		case CC_READ_ON:
			o->props |= 1u << prop;
			break;
		case CC_READ_NONE:
			o->unmeasured |= 1u << prop;
			break;
		default:
			break;
		}
	}
}

void cc_probe_describe(const struct cc_observation *obs, enum cc_prop prop,
		       bool seen, char *out, size_t len)
{
	if ((unsigned int)prop >= CC_PROP_COUNT)
		snprintf(out, len, "unknown property %d", prop);
	else
		cc_probes[prop]->describe(obs, prop, seen, out, len);
}
