// SPDX-License-Identifier: GPL-2.0
/*
 * Performs a request in a throwaway process tree and fills an
 * observation; see launch.h for the tree.  The call's own arguments are
 * call.c's; here are the tree, its waits and its cleanup.
 */
#include <alloca.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/call.h"
#include "engine/cgroup.h"
#include "engine/context.h"
#include "engine/launch.h"
#include "engine/machine.h"
#include "engine/steps.h"
#include "engine/sys.h"
#include "form/text.h"
#include "outcome/names.h"
#include <linux/capability.h>

#define CC_PIDFD_THREAD		O_EXCL	/* pidfd_open flag, Linux 6.9 */
#define CC_FUTEX_WAIT		0
#define CC_FUTEX_WAKE		1
/*
 * Long beside a child's exit path: a recheck that times out while the
 * released child is still exiting misses the wake (a TCG guest on a busy
 * host took over 50 ms there).  Only a kernel that never clears the
 * word waits it out, once.
 */
#define CC_CLEARTID_RECHECK_NS	(500 * 1000 * 1000)

/* The warden's exit status: what the launch ended as. */
enum warden_status {
	WARDEN_OK,
	WARDEN_SKIP,
	WARDEN_BROKEN,
};

/*
 * The pages a launch shares, by a memfd, with its caller, its child and
 * the probe helper the child may exec (which maps them all).
 */
#define LAUNCH_PAGE_SIZE ((sizeof(struct cc_shared) + 4095) & ~4095UL)

static void __attribute__((format(printf, 3, 4)))
note_in(char *field, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (field[0])
		return;		/* keep the first reason, it is the cause */
	va_start(ap, fmt);
	vsnprintf(field, size, fmt, ap);
	va_end(ap);
}

/* Sets obs->skip or obs->broken, sized from the field itself. */
#define note(field, ...) note_in(field, sizeof(field), __VA_ARGS__)

int cc_probe_helper_path(char *buf, size_t len)
{
	const char *env = getenv("CLONECHECK_HELPER");
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (env && env[0]) {
		if ((size_t)snprintf(buf, len, "%s", env) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return -errno;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s/%s", exe, CC_PROBE_HELPER_NAME) >=
	    len)
		return -ENAMETOOLONG;
	return 0;
}

/* ---- the caller: performs the call and measures its side ---- */

/*
 * Once its child is gone, a pidfd is readable (POLLIN): wait for that,
 * with a bound, so a kernel that never says so is a finding, not a hang.
 */
static int32_t pidfd_poll_gone(int pidfd)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int ret;

	do {
		ret = poll(&pfd, 1, CC_PIDFD_POLL_MS);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return -errno;
	return ret > 0 && (pfd.revents & POLLIN);
}

/*
 * Whether tid has passed exit_mm(), where the kernel clears and wakes
 * the child_tid word: it is a zombie, dead, or gone.
 */
static bool task_exited(pid_t tid)
{
	char path[64], buf[512], *state;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ESRCH;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return true;
	buf[len] = '\0';
	state = strrchr(buf, ')');
	return state && (state[2] == 'Z' || state[2] == 'X');
}

/*
 * CLONE_CHILD_CLEARTID with a shared mm: sleep on the child_tid word
 * until the kernel zeroes it and wakes us.  The child waits until we are
 * seen sleeping before it exits, so a wake, not luck, ends this wait.
 * The sleep is cut short now and then only to see whether the child has
 * exited without clearing the word (a kernel fault): then no wake will
 * ever come.  The answer does not depend on how long that took.
 */
static void wait_cleartid(struct cc_shared *sh, struct cc_observation *obs,
			  pid_t tid)
{
	struct cc_timespec recheck = { .nsec = CC_CLEARTID_RECHECK_NS };

	for (;;) {
		int32_t value = sh->child_tid_word;
		long ret;

		if (value == 0)
			return;	/* cleared before we slept: wake unproven */
		__atomic_store_n(&sh->parent_waiting, 1, __ATOMIC_RELEASE);
		ret = sys_futex(&sh->child_tid_word, CC_FUTEX_WAIT, value,
				&recheck);
		if (ret == 0 && sh->child_tid_word == 0) {
			obs->cleartid_woken = 1;
			return;
		}
		if (ret == -ETIMEDOUT && task_exited(tid) &&
		    sh->child_tid_word != 0)
			return;	/* exited, word left set: never cleared */
		/* -EAGAIN: CHILD_SETTID changed the word meanwhile; again. */
	}
}

/*
 * Waits until a task that is not our waitable child has fully exited:
 * a thread of ours, or the warden's child (CLONE_PARENT).
 */
static void wait_gone(pid_t tid)
{
	struct pollfd pfd = { .events = POLLIN };
	char path[64];
	long fd;

	fd = sys_pidfd_open(tid, 0);
	if (fd == -ENOENT || fd == -EINVAL) {
		/* Not a thread-group leader (ENOENT since 6.9, EINVAL before). */
		fd = sys_pidfd_open(tid, CC_PIDFD_THREAD);
	}
	if (fd == -ESRCH)
		return;
	if (fd >= 0) {
		pfd.fd = (int)fd;
		while (poll(&pfd, 1, -1) < 0 && errno == EINTR)
			;
		close((int)fd);
		return;
	}
	/* Before 6.9 a thread has no pidfd: watch its /proc entry go. */
	snprintf(path, sizeof(path), "/proc/self/task/%d", tid);
	while (access(path, F_OK) == 0)
		sched_yield();
}

/* How a reaped child ended, from its waitid siginfo. */
static void record_exit(struct cc_observation *obs, const siginfo_t *si)
{
	obs->outcome.end = si->si_code == CLD_EXITED ? CC_END_EXITED :
						     CC_END_KILLED;
	obs->outcome.end_value = si->si_status;
}

static void wait_child(struct cc_call_setup *st, pid_t tid)
{
	struct cc_observation *obs = st->obs;
	siginfo_t si;
	int ret;

	memset(&si, 0, sizeof(si));
	do {
		ret = waitid(P_PID, tid, &si, WEXITED | __WALL);
	} while (ret < 0 && errno == EINTR);
	if (ret == 0) {
		record_exit(obs, &si);
		return;
	}
	wait_gone(tid);
	/*
	 * The child is gone, so its report is final: was it our thread?
	 * Its flags say, not the tgid it saw: in a new pid namespace that
	 * is 1, as the caller's is when it is an init (found by make fuzz).
	 */
	if (st->req->flags & CC_CLONE_THREAD)
		obs->outcome.end = st->sh->child_done ? CC_END_THREAD :
							CC_END_VANISHED;
	else
		obs->outcome.end = CC_END_REAPED;	/* unless the warden reaps it */
}

/*
 * The exit signal tid's parent got for it, taken from the pending set.
 * The warden passes the caller as not_from: tid is the pid the caller
 * saw, which in the caller's own pid namespace (pidns=init) may be the
 * number the warden knows the caller by, and the caller's own SIGCHLD
 * is no exit signal of tid's (found when the warden became pid 1 and
 * the caller 2).
 */
static void collect_exit_signal(struct cc_observation *obs, pid_t tid,
				pid_t not_from)
{
	struct cc_timespec zero = { 0 };
	uint64_t every_signal = ~0ULL;	/* glibc's sets leave out 32 and 33 */
	siginfo_t si;

	while (sys_rt_sigtimedwait_for(&every_signal, &si, &zero) > 0) {
		if (si.si_pid == tid && si.si_pid != not_from &&
		    !obs->outcome.exit_signal) {
			obs->outcome.exit_signal = (uint64_t)si.si_signo;
			obs->exit_signal_pid = si.si_pid;
			obs->exit_signal_code = si.si_code;
			obs->exit_signal_status = si.si_status;
		}
	}
}

static int prepare_caller(struct cc_call_setup *st)
{
	struct cc_shared *sh = st->sh;
	struct cc_observation *obs = st->obs;
	const struct cc_request *req = st->req;
	long page = sysconf(_SC_PAGESIZE);

	sh->parent_tid = getpid();
	obs->parent_pid = getpid();
	obs->parent_ppid = getppid();

	if (cc_probe_prepare(sh, obs))
		return -1;

	st->tls_block = mmap(NULL, page, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	st->bad_address = mmap(NULL, page, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (st->tls_block == MAP_FAILED || st->bad_address == MAP_FAILED) {
		note(obs->broken, "mmap: %s", CC_ERRNO(errno));
		return -1;
	}
	if (cc_call_note_mapping(st->tls_block, (size_t)page) ||
	    cc_call_note_mapping(st->bad_address, (size_t)page)) {
		note(obs->broken, "more mappings than the warden can release");
		return -1;
	}
	cc_arch_tls_block_init(st->tls_block);
	obs->parent_tls = cc_arch_tls_base();
	obs->tls_requested = req->tls_explicit ?
		cc_request_address(req->tls, req->tls_from_top,
				   cc_env_task_size_max()) :
		(uint64_t)(uintptr_t)st->tls_block;

	sh->parent_tid_word = -1;
	sh->child_tid_word = -1;
	sh->pidfd_word = -1;
	sh->action = (int32_t)req->child;
	sh->action_code = req->child_exit_code;
	sh->libc_tid_cleared = req->entry == CC_ENTRY_PTHREAD ? 0 : -1;
	/*
	 * Only clone3 carries CLONE_INTO_CGROUP (legacy clone cuts the
	 * flags to 32 bits).  A vfork caller sleeps in the call: it reads
	 * after, from the child gone but not reaped, or exec'ed.
	 */
	sh->cgroup_from_caller = (req->flags & CC_CLONE_INTO_CGROUP) &&
				 req->entry == CC_ENTRY_CLONE3;
	sh->cgroup_child_waits = sh->cgroup_from_caller &&
				 !(req->flags & CC_CLONE_VFORK);
	/* Proving the CHILD_CLEARTID wake needs a shared mm (mm_release). */
	/* Not with CLONE_VFORK: the caller sleeps in vfork, not on the futex. */
	sh->wait_parent_futex = (req->flags & CC_CLONE_CHILD_CLEARTID) &&
				(req->flags & CC_CLONE_VM) &&
				!(req->flags & CC_CLONE_VFORK) &&
				req->entry <= CC_ENTRY_LIBC &&
				req->child == CC_CHILD_PROBE;

	if (cc_call_prepare_stack(st)) {
		note(obs->broken, "cannot allocate a %llu-byte stack",
		     (unsigned long long)req->stack_size);
		return -1;
	}
	obs->stack_lo = st->stack_lo;
	obs->stack_hi = st->stack_hi;
	obs->stack_expected_sp = st->stack_top;
	return 0;
}

/*
 * cgroup=v1: a cgroup v1 hierarchy of no controller, named for this
 * process, mounted over /tmp in a mount namespace of the caller's own:
 * it goes with the caller, and the hierarchy with its last mount.
 */
static int prepare_cgroup_v1(struct cc_call_setup *st)
{
	char options[64], why[200];

	if (cc_env_feature(CC_FEATURE_CGROUP_V1, why, sizeof(why)) == CC_ABSENT) {
		note(st->obs->skip, "cgroup=v1: %s", why);
		return 1;
	}
	snprintf(options, sizeof(options), "none,name=clonecheck.%d", getpid());
	if (unshare(CLONE_NEWNS) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		if (errno == EPERM && !cc_env_has_cap(CAP_SYS_ADMIN)) {
			note(st->obs->skip, "cgroup=v1: mounting a cgroup v1 hierarchy needs CAP_SYS_ADMIN");
			return 1;
		}
		note(st->obs->broken, "cgroup=v1: a mount namespace: %s",
		     CC_ERRNO(errno));
		return -1;
	}
	if (mount("cgroup", "/tmp", "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  options)) {
		note(st->obs->broken, "cgroup=v1: mount -t cgroup -o %s on /tmp: %s",
		     options, CC_ERRNO(errno));
		return -1;
	}
	st->cgroup_fd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->cgroup_fd < 0) {
		note(st->obs->broken, "cgroup=v1: open: %s", CC_ERRNO(errno));
		return -1;
	}
	st->cgroup_value = (uint64_t)st->cgroup_fd;
	return 0;
}

/*
 * clone_args.cgroup for the request's cgroup kind.  The directory itself
 * is the warden's (cgroup_dir); "removed" opens it and removes it here.
 * 0, 1 for a SKIP (obs->skip says why) or -1 (obs->broken).
 */
static int prepare_cgroup_arg(struct cc_call_setup *st, const char *cgroup_dir)
{
	enum cc_cgroup_kind kind = st->req->cgroup;
	int fd;

	st->cgroup_value = 0;
	switch (kind) {
	case CC_CGROUP_NONE:
		return 0;
	case CC_CGROUP_HUGE:
		st->cgroup_value = (uint64_t)INT32_MAX + 1;
		return 0;
	case CC_CGROUP_CLOSED:
		/* The first fd number from 64 up with nothing open. */
		for (fd = 64; fcntl(fd, F_GETFD) >= 0; fd++)
			;
		st->cgroup_value = (uint64_t)fd;
		return 0;
	case CC_CGROUP_NOTCGROUP:
		st->cgroup_fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		break;
	case CC_CGROUP_PROCS: {
		char procs[sizeof(((struct cc_cgroup *)0)->dir) + 16];

		snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup_dir);
		st->cgroup_fd = open(procs, O_RDONLY | O_CLOEXEC);
		break;
	}
	case CC_CGROUP_OPATH:
		st->cgroup_fd = open(cgroup_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		break;
	case CC_CGROUP_V1:
		return prepare_cgroup_v1(st);
	case CC_CGROUP_NEW:
	case CC_CGROUP_REMOVED:
	default:
		st->cgroup_fd = open(cgroup_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		break;
	}
	if (st->cgroup_fd < 0) {
		note(st->obs->broken, "open %s: %s",
		     kind == CC_CGROUP_NOTCGROUP ? "/" : cgroup_dir,
		     CC_ERRNO(errno));
		return -1;
	}
	if (kind == CC_CGROUP_REMOVED && rmdir(cgroup_dir)) {
		note(st->obs->broken, "rmdir %s: %s", cgroup_dir, CC_ERRNO(errno));
		return -1;
	}
	st->cgroup_value = (uint64_t)st->cgroup_fd;
	return 0;
}

/*
 * Limits that hold during the call only (nproc=, fds=full): the caller
 * needs its fds again to measure.  Only soft limits move, so an
 * unprivileged caller can restore them.
 */
struct call_limits {
	struct rlimit nproc, nofile;
};

static int limits_apply(const struct cc_request *req, struct call_limits *saved,
			struct cc_observation *obs)
{
	struct rlimit lim;
	int lowest_free;

	getrlimit(RLIMIT_NPROC, &saved->nproc);
	getrlimit(RLIMIT_NOFILE, &saved->nofile);
	if (req->nproc != CC_NPROC_UNCHANGED) {
		lim = saved->nproc;
		lim.rlim_cur = req->nproc < lim.rlim_max ? req->nproc : lim.rlim_max;
		if (setrlimit(RLIMIT_NPROC, &lim)) {
			note(obs->broken, "setrlimit(RLIMIT_NPROC): %s", CC_ERRNO(errno));
			return -1;
		}
	}
	if (req->fds_full) {
		/* Every fd below the limit is then in use: none is free. */
		lowest_free = fcntl(0, F_DUPFD_CLOEXEC, 0);
		if (lowest_free < 0) {
			note(obs->broken, "F_DUPFD: %s", CC_ERRNO(errno));
			return -1;
		}
		close(lowest_free);
		lim = saved->nofile;
		lim.rlim_cur = (rlim_t)lowest_free;
		if (setrlimit(RLIMIT_NOFILE, &lim)) {
			note(obs->broken, "setrlimit(RLIMIT_NOFILE): %s", CC_ERRNO(errno));
			return -1;
		}
	}
	return 0;
}

static void limits_restore(const struct call_limits *saved)
{
	setrlimit(RLIMIT_NOFILE, &saved->nofile);
	setrlimit(RLIMIT_NPROC, &saved->nproc);
}

static int caller_main(const struct cc_request *req, struct cc_shared *sh,
		       const char *cgroup_dir)
{
	struct cc_observation *obs = &sh->obs;
	struct cc_call_setup st = { .req = req, .sh = sh, .obs = obs,
				   .cgroup_fd = -1 };
	struct call_limits saved;
	int helper_errno;
	char why[300];
	long ret;

	obs->stamp_ns[CC_STAMP_CALLER] = cc_monotonic_ns();

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/*
	 * The probe helper by fd, opened first, while its path still leads
	 * to it: a caller that drops its rights (as=nobody) may not reach a
	 * 0700 checkout, and cgroup=v1 mounts its hierarchy over /tmp, which
	 * hides a checkout made by mktemp -d.
	 */
	sh->exec_helper_fd = sh->exec_helper[0] ?
		open(sh->exec_helper, O_RDONLY | O_CLOEXEC) : -1;
	helper_errno = errno;
	snprintf(sh->exec_helper_path, sizeof(sh->exec_helper_path),
		 "/proc/self/fd/%d", sh->exec_helper_fd);
	if (sh->exec_helper_fd < 0 && (req->child == CC_CHILD_EXEC ||
				       req->entry == CC_ENTRY_POSIX_SPAWN)) {
		note(obs->broken, "the probe helper %s: %s",
		     sh->exec_helper[0] ? sh->exec_helper : "(no path)",
		     sh->exec_helper[0] ? CC_ERRNO(helper_errno) : "not found");
		return WARDEN_BROKEN;
	}
	/*
	 * Before any privilege is dropped: removing the cgroup for
	 * cgroup=removed takes the warden's rights.  The kernel checks
	 * the caller's own at the call, whoever opened the fd.
	 */
	switch (prepare_cgroup_arg(&st, cgroup_dir)) {
	case 0:
		break;
	case 1:
		return WARDEN_SKIP;
	default:
		return WARDEN_BROKEN;
	}
	if (req->caller == CC_CALLER_NOBODY) {
		if (cc_context_enter(CC_CTX_UNPRIV, why, sizeof(why)) !=
		    CC_RESULT_OK) {
			note(obs->broken, "as=nobody: %s", why);
			return WARDEN_BROKEN;
		}
		/* A credential change clears the parent-death signal. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
	}
	switch (cc_steps_take(req, WARDEN_BROKEN, obs->broken, sizeof(obs->broken),
			      why, sizeof(why))) {
	case CC_RESULT_OK:
		break;
	case CC_RESULT_SKIP:
		note(obs->skip, "%s", why);
		return WARDEN_SKIP;
	default:
		note(obs->broken, "%s", why);
		return WARDEN_BROKEN;
	}
	obs->stamp_ns[CC_STAMP_STEPS] = cc_monotonic_ns();
	/*
	 * In an IPC namespace of its own (unshare=CLONE_NEWIPC) the
	 * warden's semaphore is out of reach: the SYSVSEM probe takes one
	 * made here, which goes with the namespace.
	 */
	if ((req->unshare & CC_CLONE_NEWIPC) && sh->semid >= 0) {
		sh->semid = semget(IPC_PRIVATE, 1, 0666);
		if (sh->semid < 0) {
			note(obs->broken, "semget in the caller's IPC namespace: %s",
			     CC_ERRNO(errno));
			return WARDEN_BROKEN;
		}
	}
	if (prepare_caller(&st))
		return WARDEN_BROKEN;
	if (limits_apply(req, &saved, obs))
		return WARDEN_BROKEN;

	obs->parent_sp = cc_arch_stack_pointer();
	__atomic_store_n(&sh->in_libc_call, req->entry == CC_ENTRY_LIBC,
			 __ATOMIC_RELEASE);
	ret = cc_call_perform(&st);
	__atomic_store_n(&sh->in_libc_call, 0, __ATOMIC_RELEASE);
	obs->stamp_ns[CC_STAMP_CALLED] = cc_monotonic_ns();
	limits_restore(&saved);
	if (ret == CC_CALL_BROKEN)
		return WARDEN_BROKEN;
	obs->done_at_return = __atomic_load_n(&sh->child_done, __ATOMIC_ACQUIRE);
	if (req->entry == CC_ENTRY_PTHREAD && ret == 0) {
		/* The thread sets its tid first thing. */
		while (!__atomic_load_n(&sh->pthread_tid, __ATOMIC_ACQUIRE))
			sched_yield();
		ret = sh->pthread_tid;
	}
	obs->outcome.ret = ret;
	if (ret > 0)
		cc_probe_cgroup_from_caller(sh, (int)ret);
	else
		__atomic_store_n(&sh->caller_cgroup_read, 2, __ATOMIC_RELEASE);
	obs->pidfd = sh->pidfd_word;
	if (ret > 0 && obs->pidfd >= 0) {
		/* Before the child may go: it waits for parent_returned. */
		obs->pidfd_fd_flags = fcntl(obs->pidfd, F_GETFD);
		cc_pidfd_fdinfo(obs->pidfd, &obs->pidfd_pid, &obs->pidfd_nspid);
		obs->pidfd_signal = (int32_t)sys_pidfd_send_signal(obs->pidfd, 0);
	}
	__atomic_store_n(&sh->parent_returned, 1, __ATOMIC_RELEASE);

	if (ret <= 0) {
		obs->outcome.end = CC_END_NONE;
		return WARDEN_OK;
	}
	if (sh->wait_parent_futex)
		wait_cleartid(sh, obs, (pid_t)ret);
	if (req->entry == CC_ENTRY_PTHREAD) {
		/*
		 * pthread_join() sleeps until the kernel clears the libc's
		 * tid word (CLONE_CHILD_CLEARTID): once the thread is gone,
		 * a join that still would block means it never was.
		 */
		wait_gone((pid_t)ret);
		sh->libc_tid_cleared = pthread_tryjoin_np(st.thread, NULL) == 0;
		obs->outcome.end = sh->child_done ? CC_END_THREAD :
						    CC_END_VANISHED;
	} else {
		wait_child(&st, (pid_t)ret);
	}
	obs->stamp_ns[CC_STAMP_CHILD_GONE] = cc_monotonic_ns();
	if (obs->pidfd >= 0 && obs->pidfd_pid != -2)
		obs->pidfd_polled = pidfd_poll_gone(obs->pidfd);
	cc_probe_measure(sh, obs, (pid_t)ret);
	collect_exit_signal(obs, (pid_t)ret, 0);
	obs->stamp_ns[CC_STAMP_PROBED] = cc_monotonic_ns();
	return WARDEN_OK;
}

/* ---- the warden: owns the tree, the semaphore and the cgroup ---- */

static void warden_reap(struct cc_observation *obs, pid_t caller)
{
	siginfo_t si;

	/* Whatever the caller left running dies with its process group. */
	kill(-caller, SIGKILL);
	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | __WALL) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* CLONE_PARENT made the child ours: its end is ours to record. */
		if (obs->outcome.ret > 0 && si.si_pid == obs->outcome.ret &&
		    obs->outcome.end == CC_END_REAPED)
			record_exit(obs, &si);
	}
	if (obs->outcome.ret > 0)
		collect_exit_signal(obs, (pid_t)obs->outcome.ret, caller);
}

/* The initial IPC namespace's inode (PROC_IPC_INIT_INO). */
#define IPC_NS_INIT_INO 0xEFFFFFFFULL

/*
 * The SysV semaphore of the SYSVSEM probe.  In the host's IPC namespace,
 * where we may, it lives in one of the warden's own, so it dies with the
 * tree whatever becomes of the warden (a fuzz executor's inputs are in
 * one of their own already); else the warden removes it on every path.
 */
static void semaphore_namespace(void)
{
	struct stat ipc;

	if (!stat("/proc/self/ns/ipc", &ipc) && ipc.st_ino == IPC_NS_INIT_INO &&
	    cc_env_has_cap(CAP_SYS_ADMIN))
		unshare(CLONE_NEWIPC);	/* failing that, the host's will do */
}

static int semaphore_create(struct cc_shared *sh, struct cc_observation *obs)
{
	semaphore_namespace();
	/* 0666: an as=nobody caller and its child use it too. */
	sh->semid = semget(IPC_PRIVATE, 1, 0666);
	if (sh->semid >= 0)
		return 0;
	/*
	 * Without System V IPC (ENOSYS, as cc_env_feature finds it too)
	 * there is no undo list to share: the SYSVSEM property is
	 * unmeasured and the rest of the launch goes on.
	 */
	if (errno == ENOSYS) {
		sh->semid = -1;
		return 0;
	}
	note(obs->broken, "semget for the SYSVSEM probe: %s", CC_ERRNO(errno));
	return -1;
}

/*
 * Waits for the caller to end, for the watchdog, or for the test program
 * to die (then the tree goes, and the warden cleans up all the same).
 */
static enum warden_status warden_wait(struct cc_observation *obs, pid_t caller,
				      int test_program_fd)
{
	struct pollfd pfd[2] = {
		{ .fd = -1, .events = POLLIN }, { .fd = test_program_fd, .events = POLLIN },
	};
	long pidfd;
	int ret;

	pidfd = sys_pidfd_open(caller, 0);
	if (pidfd < 0) {
		note(obs->broken, "pidfd_open of the caller: %s", CC_ERRNO(pidfd));
		return WARDEN_BROKEN;
	}
	pfd[0].fd = (int)pidfd;
	do {
		ret = poll(pfd, 2, CC_WATCHDOG_SECONDS * 1000);
	} while (ret < 0 && errno == EINTR);
	close((int)pidfd);
	if (ret == 0) {
		note(obs->broken, "watchdog: the launch did not finish in %d s; killed",
		     CC_WATCHDOG_SECONDS);
		return WARDEN_BROKEN;
	}
	if (pfd[1].revents && !pfd[0].revents) {
		note(obs->broken, "the test program died during the launch");
		return WARDEN_BROKEN;
	}
	return WARDEN_OK;
}

/*
 * What a warden is to its whole tree, set before its caller is forked:
 * a process group of its own (what kills the test's group spares it),
 * the subreaper of what the caller leaves, no core dumps, and every
 * signal blocked.
 */
static void warden_become(void)
{
	struct rlimit no_core = { 0, 0 };
	uint64_t every_signal = ~0ULL;

	setpgid(0, 0);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	setrlimit(RLIMIT_CORE, &no_core);
	/*
	 * Exit signals stay pending, to be read and attributed later.  The
	 * raw call: glibc's sigprocmask never blocks its own 32 and 33,
	 * which as exit signals would kill the caller.
	 */
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, &every_signal, NULL,
		sizeof(every_signal));
}

/*
 * Before Linux 5.16 a task that dumps core killed every process sharing
 * its mm, not its thread group only (zap_threads; 0258b5fd7c71
 * "coredump: Limit coredumps to a single thread group"): a child's
 * SIGSEGV, with the caller's memory shared, would end the warden too.
 */
static bool core_dump_spares_other_processes(void)
{
	static unsigned int kernel;

	if (!kernel)
		kernel = cc_env_running_kernel_version();
	return kernel >= CC_KERNEL_VERSION(5, 16, 0);
}

/*
 * Whether the caller may be a vfork of its warden (cc_launch_as_warden):
 * the warden's memory, the warden asleep until the caller is gone.  A
 * fork's address space, made, faulted in and torn down, is most of what
 * a caller costs on a paravirtualised host (see warden_spawn).  The
 * caller's fds, cwd, umask, root, handlers, signal mask, limits, process
 * group, SysV undo list and credentials are still its own copies, as a
 * fork's; what it maps for the call it notes, and the warden releases
 * (cc_call_note_mapping).  Every request whose caller or child could
 * reach further into the warden keeps a forked caller:
 *  - caller steps, as=nobody and cgroup=v1 (namespaces, credentials and
 *    mounts made by the caller; unshare(CLONE_VM) is refused to a task
 *    that shares its mm);
 *  - pthread_create (libc's thread list and stack cache are the
 *    process's memory);
 *  - a CLONE_VM child on a stack the request places (stack=at, malloc:
 *    an overflow would run into the warden's heap or anywhere) or with
 *    a TLS it names; the engine's own stacks have a guard page;
 *  - any child that shares the mm, on a kernel where its core dump
 *    would kill the warden.
 * The warden sleeps through the call, so its watchdog does not run: the
 * process that made the warden watches it (the executor's watchdog).
 */
static bool caller_may_share_memory(const struct cc_request *req)
{
	if (req->entry == CC_ENTRY_PTHREAD || cc_request_has_steps(req) ||
	    req->caller != CC_CALLER_SELF || req->cgroup == CC_CGROUP_V1)
		return false;
	if (req->entry <= CC_ENTRY_LIBC && (req->flags & CC_CLONE_VM) &&
	    ((req->stack != CC_STACK_MMAP && req->stack != CC_STACK_MISALIGNED) ||
	     req->tls_explicit))
		return false;
	/* Any child: a faulty kernel may share an mm unasked (add-vm). */
	return core_dump_spares_other_processes();
}

/*
 * The caller as a vfork of the warden; returns once it has exited.  Its
 * frames start well below the warden's, so that a child the kernel runs
 * on the caller's stack (CLONE_VM without a stack, as a faulty kernel
 * may) never writes where the warden's frames are while it waits and
 * reaps.  Its own function: the child must not return from the vfork's
 * frame.
 */
static int __attribute__((noinline))
shared_caller_main(const struct cc_request *req, struct cc_shared *sh,
		   const char *cgroup_dir)
{
	char *gap = alloca(16384);
	/* Its own copy, as a fork's: the request stays out of a child's reach. */
	struct cc_request own = *req;

	__asm__ volatile("" : : "r"(gap) : "memory");
	return caller_main(&own, sh, cgroup_dir);
}

static pid_t __attribute__((noinline))
shared_caller_spawn(const struct cc_request *req, struct cc_shared *sh,
		    const char *cgroup_dir)
{
	pid_t caller = vfork();

	if (caller == 0)
		_exit(shared_caller_main(req, sh, cgroup_dir));
	return caller;
}

/* share_memory: the caller may be a vfork (caller_may_share_memory). */
static int warden_main(const struct cc_request *req, struct cc_shared *sh,
		       pid_t test_program, long test_program_fd,
		       bool share_memory)
{
	struct cc_observation *obs = &sh->obs;
	struct cc_cgroup cgroup = { .lock_fd = -1 };
	char cgroup_dir[sizeof(cgroup.dir)];
	enum warden_status result = WARDEN_OK;
	int status = 0, err, warden_semid = -1, dumpable = -1;
	pid_t caller = 0;

	/*
	 * Watch the test program, and outlive it long enough to clean up:
	 * a process group of our own, its pidfd (opened by the test
	 * program: from a pid namespace of our own we could not name it)
	 * in our poll.  Only without pidfds does the parent's death simply
	 * kill us; in a new pid namespace (after unshare(CLONE_NEWPID))
	 * our parent is pid 0.
	 */
	warden_become();
	if (test_program_fd < 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != test_program && getppid() != 0) {
			result = WARDEN_BROKEN;
			goto out;
		}
	}

	if (semaphore_create(sh, obs)) {
		result = WARDEN_BROKEN;
		goto out;
	}
	warden_semid = sh->semid;
	if (req->cgroup == CC_CGROUP_NEW || req->cgroup == CC_CGROUP_REMOVED ||
	    req->cgroup == CC_CGROUP_PROCS || req->cgroup == CC_CGROUP_OPATH) {
		if (cc_cgroup_make(&cgroup, obs->skip, sizeof(obs->skip))) {
			result = WARDEN_SKIP;
			goto out;
		}
		snprintf(obs->cgroup_expected, sizeof(obs->cgroup_expected),
			 "%s", cgroup.member);
	}

	if (share_memory) {
		dumpable = prctl(PR_GET_DUMPABLE);
		/* It set its own process group; it has exited by now. */
		caller = shared_caller_spawn(req, sh, cgroup.dir);
		if (caller < 0) {
			note(obs->broken, "vfork: %s", CC_ERRNO(errno));
			result = WARDEN_BROKEN;
			goto out;
		}
	} else {
		caller = fork();
		if (caller < 0) {
			note(obs->broken, "fork: %s", CC_ERRNO(errno));
			result = WARDEN_BROKEN;
			goto out;
		}
		if (caller == 0)
			_exit(caller_main(req, sh, cgroup.dir));
		setpgid(caller, caller);
	}

	result = warden_wait(obs, caller, (int)test_program_fd);
	kill(-caller, SIGKILL);
	/* __WALL: whatever exit signal the kernel gave the caller. */
	while (waitpid(caller, &status, __WALL) < 0 && errno == EINTR)
		;
	if (result == WARDEN_OK) {
		if (WIFEXITED(status)) {
			result = (enum warden_status)WEXITSTATUS(status);
		} else if (__atomic_load_n(&sh->in_libc_call, __ATOMIC_ACQUIRE)) {
			/* The wrapper faulted: what the call came to. */
			obs->outcome.ret = -CC_CALLER_KILLED_BY(WTERMSIG(status));
			obs->outcome.end = CC_END_NONE;
		} else {
			note(obs->broken, "the caller was killed by %s",
			     CC_SIGNAL_NAME(WTERMSIG(status)));
			result = WARDEN_BROKEN;
		}
	}
	warden_reap(obs, caller);
	/* No child runs on them now; empty unless the caller shared our memory. */
	cc_call_release_noted();
	/*
	 * A child that dumps core leaves the mm it shares not dumpable: ours
	 * again, or /proc/N of the next caller's children would be out of
	 * reach of a caller without CAP_SYS_PTRACE (found by the seeds:
	 * child=overflow, then pidns=setns after userns=mapped).
	 */
	if (dumpable >= 0 && prctl(PR_GET_DUMPABLE) != dumpable &&
	    (prctl(PR_SET_DUMPABLE, dumpable) || prctl(PR_GET_DUMPABLE) != dumpable)) {
		note(obs->broken, "the warden's memory, shared with the caller, was left not dumpable and cannot be made so again");
		result = WARDEN_BROKEN;
	}
out:
	/* Ours: the caller's own (unshare=CLONE_NEWIPC) goes with its namespace. */
	if (warden_semid >= 0)
		semctl(warden_semid, 0, IPC_RMID);
	/* "removed": the caller removed it before the call. */
	snprintf(cgroup_dir, sizeof(cgroup_dir), "%s", cgroup.dir);
	err = cc_cgroup_remove(&cgroup, req->cgroup == CC_CGROUP_REMOVED);
	if (err) {
		note(obs->broken, "rmdir %s: %s", cgroup_dir, CC_ERRNO(err));
		result = WARDEN_BROKEN;
	}
	return result;
}

void cc_launch_caller_env(const struct cc_env *self, struct cc_env *caller)
{
	*caller = *self;
	caller->pidns_init = false;
	if (self->pid_for_children_differs) {
		caller->pidns_level++;
		caller->pid_for_children_differs = false;
		caller->pid_for_children_entered = false;
		/* The warden is 1 and the caller 2 in a fresh one. */
		caller->pids_taken = self->pid_for_children_entered ? 0 : 2;
		/* This process's user namespace made it. */
		if (caller->pidns_owned_from > caller->pidns_level)
			caller->pidns_owned_from = caller->pidns_level;
	}
	caller->time_for_children_differs = false;
}

/*
 * Whether the request cannot run because clone3 is out of reach here: a
 * raw clone3 needs it; glibc 2.34 and later try clone3 first in
 * pthread_create() and posix_spawn() and fall back to clone on ENOSYS
 * only, so they need it to work or to answer ENOSYS.
 */
static bool clone3_out_of_reach(const struct cc_request *req)
{
	enum cc_clone3_state state;

	if (req->entry != CC_ENTRY_CLONE3 && req->entry != CC_ENTRY_PTHREAD &&
	    req->entry != CC_ENTRY_POSIX_SPAWN)
		return false;
	state = cc_env_clone3();
	if (state == CC_CLONE3_AVAILABLE)
		return false;
	if (req->entry == CC_ENTRY_CLONE3)
		return true;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
	return state != CC_CLONE3_ENOSYS;
#else
	return false;
#endif
}

/*
 * The highest open fd of this process, and how many are open: a launch
 * must leave both as it found them (no pidfd, memfd or cgroup fd left
 * behind in the test program).
 */
void cc_fd_census(int *count, int *highest)
{
	struct dirent *entry;
	DIR *dir = opendir("/proc/self/fd");
	int self;

	*count = *highest = -1;
	if (!dir)
		return;
	self = dirfd(dir);
	*count = *highest = 0;
	while ((entry = readdir(dir))) {
		int fd;

		if (entry->d_name[0] == '.')
			continue;
		fd = atoi(entry->d_name);
		if (fd == self)
			continue;
		(*count)++;
		if (fd > *highest)
			*highest = fd;
	}
	closedir(dir);
}

/*
 * The warden, made with vfork: it borrows this process's memory until it
 * exits, and this process sleeps till then.  On a paravirtualised host a
 * fork's own address space, made, faulted in and torn down, costs more
 * than the rest of a launch (clone stack=mmap:64k: 4.4-5.3 ms a launch
 * against 9.8-10.2 ms with a forked warden, taking turns).  The warden
 * needs none of its own: it changes nothing of ours but errno and the
 * stack below our frame; what it sets for a process (its group, the
 * subreaper, rlimits, the signal mask, an IPC namespace) is its own; its
 * caller is a fork as before, so the request sees the same tree; and a
 * vfork parent still dies of SIGKILL, which the warden's watch sees.
 * Its own function: the child must not return from the vfork's frame.
 */
static pid_t __attribute__((noinline))
warden_spawn(const struct cc_request *req, struct cc_shared *sh, pid_t self,
	     long self_fd)
{
	pid_t warden = vfork();

	if (warden == 0)
		_exit(warden_main(req, sh, self, self_fd, false));
	return warden;
}

/* A launch's shared pages, fresh (zeroed by the memfd).  0, or -1 and why. */
static int page_make(struct cc_shared **sh_out, char *why, size_t len)
{
	struct cc_shared *sh;
	int memfd;

	/* No CLOEXEC: the exec'ed probe helper maps this page too. */
	memfd = (int)syscall(SYS_memfd_create, "clonecheck-shared", 0);
	if (memfd < 0 || ftruncate(memfd, (off_t)LAUNCH_PAGE_SIZE)) {
		snprintf(why, len, "memfd: %s", CC_ERRNO(errno));
		if (memfd >= 0)
			close(memfd);
		return -1;
	}
	sh = mmap(NULL, LAUNCH_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		  memfd, 0);
	if (sh == MAP_FAILED) {
		snprintf(why, len, "mmap: %s", CC_ERRNO(errno));
		close(memfd);
		return -1;
	}
	sh->memfd = memfd;
	sh->obs.outcome.end = CC_END_NONE;
	if (cc_probe_helper_path(sh->exec_helper, sizeof(sh->exec_helper)))
		sh->exec_helper[0] = '\0';
	*sh_out = sh;
	return 0;
}

static void page_free(struct cc_shared *sh)
{
	int memfd = sh->memfd;

	munmap(sh, LAUNCH_PAGE_SIZE);
	close(memfd);
}

/*
 * warden_here: this process is the warden (cc_launch_as_warden), else a
 * vfork of it is.
 */
static enum cc_result launch(const struct cc_request *req,
			     struct cc_observation *obs, bool warden_here)
{
	enum cc_result result = CC_RESULT_BROKEN;
	struct cc_shared *sh;
	int status = 0;

	memset(obs, 0, sizeof(*obs));
	if (clone3_out_of_reach(req)) {
		snprintf(obs->skip, sizeof(obs->skip), "%s%s",
			 req->entry == CC_ENTRY_CLONE3 ? "" :
				 "glibc's wrapper tries clone3 first: ",
			 cc_env_clone3_reason());
		return CC_RESULT_SKIP;
	}
	if (page_make(&sh, obs->broken, sizeof(obs->broken)))
		return CC_RESULT_BROKEN;
	sh->obs.stamp_ns[CC_STAMP_LAUNCH] = cc_monotonic_ns();

	fflush(NULL);
	if (warden_here) {
		/*
		 * Its parent's death kills it (PR_SET_PDEATHSIG, checked).
		 * The code as a wait status would carry it (musl has no
		 * W_EXITCODE).
		 */
		status = warden_main(req, sh, getppid(), -1,
				     caller_may_share_memory(req)) << 8;
	} else {
		pid_t self = getpid(), warden;
		long self_fd = sys_pidfd_open(self, 0);

		warden = warden_spawn(req, sh, self, self_fd);
		if (self_fd >= 0)
			close((int)self_fd);
		if (warden < 0) {
			snprintf(obs->broken, sizeof(obs->broken), "vfork: %s",
				 CC_ERRNO(errno));
			goto out;
		}
		/* __WALL: whatever exit signal the kernel gave the warden. */
		while (waitpid(warden, &status, __WALL) < 0 && errno == EINTR)
			;
	}
	*obs = sh->obs;
	obs->child = sh->child;
	obs->stamp_ns[CC_STAMP_REAPED] = cc_monotonic_ns();
	if (WIFEXITED(status) && WEXITSTATUS(status) == WARDEN_OK)
		result = CC_RESULT_OK;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == WARDEN_SKIP)
		result = CC_RESULT_SKIP;
	else if (!obs->broken[0])
		snprintf(obs->broken, sizeof(obs->broken),
			 "the warden ended with status 0x%x", status);
out:
	page_free(sh);
	return result;
}

enum cc_result cc_launch(const struct cc_request *req,
			 struct cc_observation *obs)
{
	int count_before, highest_before, count_after, highest_after;
	enum cc_result result;

	cc_fd_census(&count_before, &highest_before);
	result = launch(req, obs, false);
	cc_fd_census(&count_after, &highest_after);
	if (count_after != count_before || highest_after != highest_before) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "the launch left the test program's fds changed: %d open (highest %d) before, %d (highest %d) after",
			 count_before, highest_before, count_after, highest_after);
		return CC_RESULT_BROKEN;
	}
	return result;
}

enum cc_result cc_launch_as_warden(const struct cc_request *req,
				   struct cc_observation *obs)
{
	return launch(req, obs, true);
}

enum cc_result cc_launch_text(const char *text, struct cc_request *req,
				     struct cc_observation *obs)
{
	struct cc_parse_error err;

	if (cc_request_parse(text, req, &err)) {
		memset(obs, 0, sizeof(*obs));
		snprintf(obs->broken, sizeof(obs->broken),
			 "request does not parse at byte %zu: %.150s", err.pos,
			 err.msg);
		return CC_RESULT_BROKEN;
	}
	return cc_launch(req, obs);
}
