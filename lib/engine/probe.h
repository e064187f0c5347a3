/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes: what the child and its parent measure, through one MAP_SHARED
 * page made before the call (struct cc_shared).  The child side
 * (cc_child_main) uses raw syscalls only, because it may share memory and
 * TLS with its parent and run on a tiny stack.
 *
 * Each property (outcome/props.h) is a yes/no observation with a probe
 * of four parts (struct cc_probe, engine/probes.c); which property a
 * flag should turn on is the expectation's business, not the probe's.
 */
#ifndef CLONECHECK_PROBE_H
#define CLONECHECK_PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "arch.h"
#include "outcome/outcome.h"

#define CC_PATH_MAX 256

/* How long a pidfd may take to turn readable after its child is gone. */
#define CC_PIDFD_POLL_MS 5000

/*
 * The steps of the child's side that can fail, and their words: a
 * child that fails one records it and exits with CC_CHILD_FAILED + step.
 *
 *   X(ID, what)
 */
#define CC_CHILD_STEPS(X)						\
	X(NONE, "nothing")						\
	X(SIGACTION_READ, "reading sigactions")				\
	X(CGROUP_READ, "reading /proc/self/cgroup")			\
	X(CHDIR, "chdir")						\
	X(DUP, "dup3")							\
	X(SIGACTION_WRITE, "setting SIG_IGN")				\
	X(SEMOP, "semop")						\
	X(PARENT_STATE, "reading the caller's state")			\
	X(EXEC, "exec of the probe helper")				\
	X(IOPRIO, "ioprio_set")

enum cc_child_step {
#define CC_STEP_ENUM(ID, what) CC_STEP_##ID,
	CC_CHILD_STEPS(CC_STEP_ENUM)
#undef CC_STEP_ENUM
	CC_STEP_COUNT
};

#define CC_CHILD_FAILED 100	/* exit status: CC_CHILD_FAILED + step */

/* "semop"; "?" for a value outside the list. */
const char *cc_child_step_name(int step);

/* Written by the child (or, after exec, by the probe helper). */
struct cc_child_report {
	int32_t ran;
	int32_t execed;		/* report written by the exec'ed probe helper */
	int32_t tid;
	int32_t tgid;
	int32_t ppid;
	uint64_t initial_sp;
	uint64_t tls;
	int32_t child_tid_word_at_start;
	uint32_t umask_at_start;
	uint64_t handler_seen;	/* disposition of the parent's handled signal */
	uint64_t ignored_seen;	/* disposition of the parent's ignored signal */
	int32_t parent_suspended;	/* 1: caller seen blocked in vfork wait */
	uint64_t ns_inode[CC_NS_COUNT];	/* 0: could not be read */
	int32_t failed_step;	/* 0, or which probe step failed */
	int32_t failed_errno;
	char cgroup[CC_PATH_MAX];	/* the "0::" line of its cgroup file */
	int32_t cgroup_read_by_caller;	/* cgroup above: the caller's view */
	char cgroup_own[CC_PATH_MAX];	/* a vfork child's own reading, in case */
};

/* What the launcher saw; the verdict compares it with an expectation. */
/*
 * Where a launch's time goes, for make bench: the CLOCK_MONOTONIC time
 * (ns) at which it passed each point, 0 where it did not pass it (a
 * refused call has no child to wait for).  The launcher's and caller's
 * clocks are one: monotonic time is the machine's, and neither is in a
 * time namespace the request makes.
 */
enum cc_stamp {
	CC_STAMP_LAUNCH,	/* cc_launch begins */
	CC_STAMP_CALLER,	/* the caller runs: warden and caller forked */
	CC_STAMP_STEPS,		/* the caller took its steps (as=, userns= ...) */
	CC_STAMP_CALLED,	/* the call returned in the caller */
	CC_STAMP_CHILD_GONE,	/* the child ended and was waited for */
	CC_STAMP_PROBED,	/* the probes were read */
	CC_STAMP_REAPED,	/* the warden ended: every process reaped */
	CC_STAMP_COUNT
};

static inline uint64_t cc_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct cc_observation {
	struct cc_outcome outcome;	/* ret is the child's tid, or -errno */
	int32_t exit_signal_pid;	/* si_pid of that signal */
	int32_t exit_signal_code;	/* its si_code: CLD_EXITED, CLD_KILLED ... */
	int32_t exit_signal_status;	/* its si_status */
	int32_t done_at_return;	/* child had finished when the call returned */

	/* The caller and the values behind each property, for messages. */
	int32_t parent_pid;
	int32_t parent_ppid;
	uint64_t parent_sp;
	uint64_t parent_tls;
	uint64_t tls_requested;
	uint64_t stack_lo, stack_hi;	/* requested stack region, 0 if none */
	uint64_t stack_expected_sp;	/* sp the kernel should give a raw child */
	int32_t fd_slot;
	uint32_t umask_before, umask_child, umask_after;
	char cwd_child[CC_PATH_MAX];
	char cwd_after[CC_PATH_MAX];
	uint64_t sighand_after;
	int32_t semval;
	int32_t parent_tid_word;
	int32_t child_tid_word_after;
	int32_t cleartid_woken;
	int32_t pidfd;		/* value in the pidfd word, -1 if untouched */
	int32_t pidfd_pid;	/* Pid: from its fdinfo */
	int32_t pidfd_signal;	/* pidfd_send_signal(0) result */
	int32_t pidfd_nspid;	/* NSpid: from its fdinfo, the first number */
	int32_t pidfd_fd_flags;	/* fcntl(F_GETFD) right after the call */
	int32_t pidfd_polled;	/* poll: 1 readable once the child was gone,
				   0 not within CC_PIDFD_POLL_MS, -errno */
	char cgroup_expected[CC_PATH_MAX];
	int32_t ioprio_before, ioprio_child, ioprio_after;

	struct cc_child_report child;

	uint64_t stamp_ns[CC_STAMP_COUNT];	/* enum cc_stamp */

	char skip[400];		/* set when the request cannot run here */
	char broken[200];	/* set when the fixture itself failed */
};

/*
 * The shared page.  The launcher fills the inputs before the call; the
 * child and the launcher fill the rest.
 */
struct cc_shared {
	/*
	 * The caller is inside the libc's clone(), which runs code of its
	 * own before the system call: a signal that kills it there is the
	 * call's outcome (CC_CALLER_KILLED_BY), not a broken fixture.
	 */
	int32_t in_libc_call;

	/* inputs for the child */
	int32_t parent_tid;	/* the caller; it is single-threaded */
	uint64_t sentinel_addr;	/* a word in the caller's private memory */
	uint64_t sentinel_child_value;
	int32_t fd_src;
	int32_t fd_slot;
	uint32_t umask_child;
	char cwd_child[CC_PATH_MAX];
	int32_t sighand_signal;
	int32_t handled_signal;
	int32_t ignored_signal;
	int32_t semid;
	int32_t ioprio_child;	/* the child sets its own I/O priority to this */
	uint64_t parent_ns_inode[CC_NS_COUNT];
	int32_t ioprio_unavailable;	/* ioprio_set is ENOSYS here (no CONFIG_BLOCK) */
	int32_t wait_parent_futex;	/* child waits until the caller sleeps on child_tid */
	int32_t libc_tid_cleared;	/* pthread: -1, or whether the join found its tid cleared */
	int32_t action;		/* enum cc_child_action */
	int32_t action_code;
	int32_t memfd;		/* this page, for the exec'ed helper */
	char exec_helper[CC_PATH_MAX];	/* the probe helper's path */
	/*
	 * The helper opened by the caller before it drops privilege, which
	 * a child execs by fd (execveat), and its /proc/self/fd path for
	 * posix_spawn: neither needs the right to walk the checkout's path.
	 */
	int32_t exec_helper_fd;
	char exec_helper_path[32];

	/* words the kernel writes (CLONE_PARENT_SETTID, CHILD_SETTID, PIDFD) */
	volatile int32_t parent_tid_word;
	volatile int32_t child_tid_word;
	volatile int32_t pidfd_word;
	volatile int32_t pthread_tid;	/* set by a pthread child as it starts */

	/*
	 * CLONE_INTO_CGROUP: the caller reads the child's cgroup from its
	 * own side (a child in a new cgroup namespace sees itself at "/"),
	 * as the call returns.  A child that may wait (not a vfork child,
	 * whose caller sleeps in the call) waits in its probe until
	 * caller_cgroup_read is 1 (read) or 2 (the caller could not: the
	 * child reads its own).
	 */
	int32_t cgroup_from_caller;
	int32_t cgroup_child_waits;
	volatile int32_t caller_cgroup_read;

	/* handshake between caller and child */
	volatile int32_t parent_returned;
	volatile int32_t parent_waiting;
	volatile int32_t child_done;

	struct cc_child_report child;
	struct cc_observation obs;
};

#define CC_SENTINEL_PARENT	0x5ca1ab1e0000beefULL
#define CC_SENTINEL_CHILD	0xc41d0000c41d0000ULL
#define CC_PROBE_HELPER_NAME	"clonecheck-probe-helper"

/* What a probe read of its property. */
enum cc_reading {
	CC_READ_OFF,
	CC_READ_ON,
	CC_READ_NONE,		/* nothing to read here: unmeasured */
};

/*
 * One property's probe, in four parts (any may be NULL):
 *
 *   prepare   the caller, before the call: sets up what the child will
 *             try to change.  0, or -1 with obs->broken saying why.
 *   observe   the child, first thing: what it inherited, before any
 *             probe changes anything.  Raw syscalls only.
 *   act       the child, next: a change the caller sees only when the
 *             resource is shared.  Raw syscalls only.
 *   last      the child, after every act (the vfork probe waits there).
 *   measure   the caller, once the child is gone: on, off or nothing
 *             to read.
 *   describe  what the caller saw, as a sentence, on (seen) or off.
 */
struct cc_probe {
	int (*prepare)(struct cc_shared *sh, struct cc_observation *obs,
		       enum cc_prop prop);
	void (*observe)(struct cc_shared *sh, enum cc_prop prop);
	void (*act)(struct cc_shared *sh, enum cc_prop prop);
	void (*last)(struct cc_shared *sh, enum cc_prop prop);
	enum cc_reading (*measure)(struct cc_shared *sh,
				   struct cc_observation *obs, int tid,
				   enum cc_prop prop);
	void (*describe)(const struct cc_observation *obs, enum cc_prop prop,
			 bool seen, char *out, size_t len);
};

/* Every property's probe, indexed by enum cc_prop (engine/probes.c). */
extern const struct cc_probe *const cc_probes[CC_PROP_COUNT];

/*
 * The caller's side of every probe.  cc_probe_prepare sets up, in the
 * caller, what the child will try to change; cc_probe_measure reads,
 * once the child is gone, what changed, into obs->outcome.
 */
int cc_probe_prepare(struct cc_shared *sh, struct cc_observation *obs);
void cc_probe_measure(struct cc_shared *sh, struct cc_observation *obs,
		      int tid);

/*
 * CLONE_INTO_CGROUP: right after the call, the caller reads the cgroup
 * of child tid from its side and lets the child go on.
 */
void cc_probe_cgroup_from_caller(struct cc_shared *sh, int tid);

/*
 * The Pid: and the first NSpid: line of a pidfd's fdinfo: the pid in the
 * namespace of the proc mount, and in the pid's own (-2 when unread).
 */
void cc_pidfd_fdinfo(int pidfd, int32_t *pid, int32_t *nspid);

/* What the caller saw for a property, as a sentence. */
void cc_probe_describe(const struct cc_observation *obs, enum cc_prop prop,
		       bool seen, char *out, size_t len);

/* The child's side of every probe, in order: observe, act, last. */
void cc_probe_child(struct cc_shared *sh);

/* Child-side helpers (raw syscalls only). */

/* Records the first failing child step and its errno (-errno). */
void cc_child_fail(struct cc_shared *sh, enum cc_child_step step, long err);

/* value in decimal into out (24 bytes will do); returns the length. */
size_t cc_child_utoa(char *out, unsigned long value);

/*
 * The scheduler state letter of the caller (R, S, D, ...) from
 * /proc/<tid>/stat: the field after the last ')'.  0 when unreadable.
 */
char cc_child_parent_state(struct cc_shared *sh);

/*
 * The child's whole life after the call: runs the probes in sh (or the
 * action it names) and returns the exit status.  Raw syscalls only.
 */
int cc_child_main(void *shared, uint64_t initial_sp);

/*
 * The probes alone; after_exec is set by the probe helper, which runs
 * them in a freshly exec'ed image (posix_spawn, child=exec).
 */
int cc_child_probe(struct cc_shared *sh, uint64_t initial_sp, int after_exec);

#endif
