/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Probes: what the child and its parent measure, through one MAP_SHARED
 * page made before the call (struct cc_shared).  The child side
 * (cc_child_main) uses raw syscalls only, because it may share memory and
 * TLS with its parent and run on a tiny stack.
 *
 * Each property is a yes/no observation; which one a flag should turn on
 * is the expectation's business, not the probe's.
 */
#ifndef CLONECHECK_PROBE_H
#define CLONECHECK_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"

enum cc_prop {
	CC_PROP_MEMORY,		/* child's write to parent-private memory seen by the parent */
	CC_PROP_FILES,		/* fd the child dup'ed into a free slot is open in the parent */
	CC_PROP_FS_UMASK,	/* umask the child set is the parent's afterwards */
	CC_PROP_FS_CWD,		/* directory the child changed to is the parent's cwd */
	CC_PROP_SIGHAND,	/* SIG_IGN the child set is the parent's disposition */
	CC_PROP_THREAD_GROUP,	/* child's tgid is the parent's */
	CC_PROP_PARENT,		/* child's parent is the caller's parent */
	CC_PROP_SYSVSEM,	/* child's SEM_UNDO adjustment survives its exit */
	CC_PROP_TLS,		/* child's TLS base is the tls argument */
	CC_PROP_PARENT_TID,	/* parent_tid word holds the child's tid */
	CC_PROP_CHILD_TID,	/* child_tid word holds the tid when the child starts */
	CC_PROP_CLEAR_TID,	/* child_tid word zeroed at exit, futex waiter woken */
	CC_PROP_PIDFD,		/* a pidfd referring to the child was returned */
	CC_PROP_VFORK,		/* the caller stays suspended until the child exits */
	CC_PROP_CLEAR_SIGHAND,	/* child saw the parent's handler reset to SIG_DFL */
	CC_PROP_OWN_STACK,	/* child started on a stack other than the caller's */
	CC_PROP_CGROUP,		/* child started in the target cgroup */
	CC_PROP_IO,		/* I/O priority the child set is the caller's */
	/* The child is in a namespace of its own (/proc/self/ns/<type>). */
	CC_PROP_NS_MNT,
	CC_PROP_NS_PID,
	CC_PROP_NS_NET,
	CC_PROP_NS_UTS,
	CC_PROP_NS_IPC,
	CC_PROP_NS_USER,
	CC_PROP_NS_CGROUP,
	CC_PROP_NS_TIME,
	CC_PROP_COUNT
};

#define CC_NS_COUNT (CC_PROP_NS_TIME - CC_PROP_NS_MNT + 1)
#define CC_PROPS_NS (((1u << CC_NS_COUNT) - 1) << CC_PROP_NS_MNT)

/* The /proc/self/ns entry of namespace property n (0 = mnt). */
extern const char *const cc_ns_names[CC_NS_COUNT];

#define CC_P(name) (1u << CC_PROP_##name)

/* Short name ("fd_table") and the flag that governs the property. */
const char *cc_prop_name(enum cc_prop prop);
const char *cc_prop_flag(enum cc_prop prop);

enum cc_exit_kind {
	CC_EXIT_CODE,		/* exited with a status */
	CC_EXIT_SIGNAL,		/* killed by a signal */
	CC_EXIT_THREAD,		/* a thread: no status; it finished its probes */
	CC_EXIT_NONE,		/* no child was created */
	CC_EXIT_UNKNOWN,	/* the child vanished without finishing */
};

#define CC_PATH_MAX 256

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
	char cgroup[CC_PATH_MAX];	/* the "0::" line of /proc/self/cgroup */
};

/* What the launcher saw; the verdict compares it with an expectation. */
struct cc_observation {
	int64_t ret;		/* the call's return: tid, or -errno */
	uint32_t props;		/* CC_P() bits observed true */
	uint32_t measured;	/* CC_P() bits whose probe ran */
	enum cc_exit_kind exit_kind;
	int32_t exit_value;	/* status or signal number */
	uint64_t exit_signal;	/* signal the parent got when the child ended; 0: none */
	int32_t exit_signal_pid;	/* si_pid of that signal */
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
	char cgroup_expected[CC_PATH_MAX];
	int32_t ioprio_before, ioprio_child, ioprio_after;

	struct cc_child_report child;

	char skip[400];		/* set when the request cannot run here */
	char broken[200];	/* set when the fixture itself failed */
};

/*
 * The shared page.  The launcher fills the inputs before the call; the
 * child and the launcher fill the rest.
 */
struct cc_shared {
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
	int32_t wait_parent_futex;	/* child waits until the caller sleeps on child_tid */
	int32_t libc_tid_cleared;	/* pthread: -1, or whether the join found its tid cleared */
	int32_t action;		/* enum cc_child_action */
	int32_t action_code;
	int32_t memfd;		/* this page, for the exec'ed helper */
	char exec_helper[CC_PATH_MAX];

	/* words the kernel writes (CLONE_PARENT_SETTID, CHILD_SETTID, PIDFD) */
	volatile int32_t parent_tid_word;
	volatile int32_t child_tid_word;
	volatile int32_t pidfd_word;
	volatile int32_t pthread_tid;	/* set by a pthread child as it starts */

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

/*
 * The caller's side.  cc_probe_prepare sets up, in the caller, what the
 * child will try to change; cc_probe_measure reads, once the child is
 * gone, what changed, into obs->props.
 */
int cc_probe_prepare(struct cc_shared *sh, struct cc_observation *obs);
void cc_probe_measure(struct cc_shared *sh, struct cc_observation *obs,
		      int tid);

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
