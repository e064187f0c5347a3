// SPDX-License-Identifier: GPL-2.0
/*
 * The caller's side of the probes: sets up what the child will change
 * (cc_probe_prepare) and, once the child is gone, reads what changed
 * (cc_probe_measure).  The child's side is child.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe.h"
#include "sys.h"

#define CC_FD_SLOT		200
#define CC_SIGHAND_SIGNAL	40	/* a real-time signal nothing else uses */
#define CC_IOPRIO_WHO_PROCESS	1
/* Best-effort class (2), levels 5 (caller) and 6 (child): no privilege needed. */
#define CC_IOPRIO_CALLER	((2 << 13) | 5)
#define CC_IOPRIO_CHILD		((2 << 13) | 6)

const char *const cc_ns_names[CC_NS_COUNT] = {
	"mnt", "pid", "net", "uts", "ipc", "user", "cgroup", "time",
};

static const struct {
	const char *name;
	const char *flag;
} props[CC_PROP_COUNT] = {
	[CC_PROP_MEMORY]	= { "memory", "CLONE_VM" },
	[CC_PROP_FILES]		= { "fd_table", "CLONE_FILES" },
	[CC_PROP_FS_UMASK]	= { "fs_umask", "CLONE_FS" },
	[CC_PROP_FS_CWD]	= { "fs_cwd", "CLONE_FS" },
	[CC_PROP_SIGHAND]	= { "signal_handlers", "CLONE_SIGHAND" },
	[CC_PROP_THREAD_GROUP]	= { "thread_group", "CLONE_THREAD" },
	[CC_PROP_PARENT]	= { "parent", "CLONE_PARENT" },
	[CC_PROP_SYSVSEM]	= { "sysvsem_undo", "CLONE_SYSVSEM" },
	[CC_PROP_TLS]		= { "tls", "CLONE_SETTLS" },
	[CC_PROP_PARENT_TID]	= { "parent_settid", "CLONE_PARENT_SETTID" },
	[CC_PROP_CHILD_TID]	= { "child_settid", "CLONE_CHILD_SETTID" },
	[CC_PROP_CLEAR_TID]	= { "child_cleartid", "CLONE_CHILD_CLEARTID" },
	[CC_PROP_PIDFD]		= { "pidfd", "CLONE_PIDFD" },
	[CC_PROP_VFORK]		= { "vfork_suspends_caller", "CLONE_VFORK" },
	[CC_PROP_CLEAR_SIGHAND]	= { "clear_sighand", "CLONE_CLEAR_SIGHAND" },
	[CC_PROP_OWN_STACK]	= { "own_stack", "stack argument" },
	[CC_PROP_CGROUP]	= { "cgroup", "CLONE_INTO_CGROUP" },
	[CC_PROP_IO]		= { "io_context", "CLONE_IO" },
	[CC_PROP_NS_MNT]	= { "mount_namespace", "CLONE_NEWNS" },
	[CC_PROP_NS_PID]	= { "pid_namespace", "CLONE_NEWPID" },
	[CC_PROP_NS_NET]	= { "network_namespace", "CLONE_NEWNET" },
	[CC_PROP_NS_UTS]	= { "uts_namespace", "CLONE_NEWUTS" },
	[CC_PROP_NS_IPC]	= { "ipc_namespace", "CLONE_NEWIPC" },
	[CC_PROP_NS_USER]	= { "user_namespace", "CLONE_NEWUSER" },
	[CC_PROP_NS_CGROUP]	= { "cgroup_namespace", "CLONE_NEWCGROUP" },
	[CC_PROP_NS_TIME]	= { "time_namespace", "CLONE_NEWTIME" },
};

const char *cc_prop_name(enum cc_prop prop)
{
	return prop < CC_PROP_COUNT ? props[prop].name : "?";
}

const char *cc_prop_flag(enum cc_prop prop)
{
	return prop < CC_PROP_COUNT ? props[prop].flag : "?";
}

/* Lives in the caller's private memory: the target of the memory probe. */
static volatile uint64_t cc_memory_sentinel;

static void cc_noop_handler(int sig)
{
	(void)sig;
}

int cc_probe_prepare(struct cc_shared *sh, struct cc_observation *obs)
{
	const char *cwd_choices[] = { "/tmp", "/dev", "/proc" };
	struct sigaction sa = { 0 };
	struct stat sb;
	size_t i;
	int fd;

	cc_memory_sentinel = CC_SENTINEL_PARENT;
	sh->sentinel_addr = (uint64_t)(uintptr_t)&cc_memory_sentinel;
	sh->sentinel_child_value = CC_SENTINEL_CHILD;

	fd = open("/dev/null", O_RDONLY);
	if (fd < 0 || fd >= CC_FD_SLOT) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "cannot open /dev/null below fd %d", CC_FD_SLOT);
		return -1;
	}
	close(CC_FD_SLOT);
	sh->fd_src = fd;
	sh->fd_slot = obs->fd_slot = CC_FD_SLOT;

	umask(022);
	obs->umask_before = 022;
	sh->umask_child = obs->umask_child = 077;

	if (chdir("/")) {
		snprintf(obs->broken, sizeof(obs->broken), "chdir /: %s",
			 strerror(errno));
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

	/*
	 * Gives the caller an io_context with a valid priority: copy_io()
	 * shares it with CLONE_IO and copies it otherwise.
	 */
	if (sys_ioprio_set(CC_IOPRIO_WHO_PROCESS, 0, CC_IOPRIO_CALLER)) {
		snprintf(obs->broken, sizeof(obs->broken),
			 "ioprio_set(best-effort 5) for the caller failed");
		return -1;
	}
	obs->ioprio_before = (int32_t)sys_ioprio_get(CC_IOPRIO_WHO_PROCESS, 0);
	sh->ioprio_child = obs->ioprio_child = CC_IOPRIO_CHILD;

	for (i = 0; i < CC_NS_COUNT; i++) {
		char path[48];

		snprintf(path, sizeof(path), "/proc/self/ns/%s", cc_ns_names[i]);
		sh->parent_ns_inode[i] = stat(path, &sb) ? 0 : sb.st_ino;
	}

	sh->sighand_signal = CC_SIGHAND_SIGNAL;
	sa.sa_handler = SIG_DFL;
	sigaction(CC_SIGHAND_SIGNAL, &sa, NULL);
	sh->handled_signal = SIGUSR1;
	sa.sa_handler = cc_noop_handler;
	sigaction(SIGUSR1, &sa, NULL);
	sh->ignored_signal = SIGUSR2;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, NULL);
	return 0;
}

void cc_probe_measure(struct cc_shared *sh, struct cc_observation *obs,
		      int tid)
{
	struct cc_child_report *rep = &sh->child;
	struct sigaction sa;
	uint64_t sp_distance;
	uint32_t props = 0;
	int i;

	if (rep->tid == 0 && rep->ran == 0)
		return;		/* the child never reached its probes */

	obs->measured = (1u << CC_PROP_COUNT) - 1;
	if (!obs->cgroup_expected[0])
		obs->measured &= ~CC_P(CGROUP);
	obs->ioprio_after = (int32_t)sys_ioprio_get(CC_IOPRIO_WHO_PROCESS, 0);
	if (obs->ioprio_after == obs->ioprio_child)
		props |= CC_P(IO);
	for (i = 0; i < CC_NS_COUNT; i++) {
		uint32_t bit = 1u << (CC_PROP_NS_MNT + i);

		/* An entry neither side can read (an older kernel): unmeasured. */
		if (!rep->ns_inode[i] || !sh->parent_ns_inode[i])
			obs->measured &= ~bit;
		else if (rep->ns_inode[i] != sh->parent_ns_inode[i])
			props |= bit;
	}

	if (cc_memory_sentinel == sh->sentinel_child_value)
		props |= CC_P(MEMORY);
	if (fcntl(sh->fd_slot, F_GETFD) >= 0)
		props |= CC_P(FILES);
	obs->umask_after = umask(0);
	if (obs->umask_after == sh->umask_child)
		props |= CC_P(FS_UMASK);
	if (!getcwd(obs->cwd_after, sizeof(obs->cwd_after)))
		snprintf(obs->cwd_after, sizeof(obs->cwd_after), "(%s)",
			 strerror(errno));
	if (!strcmp(obs->cwd_after, sh->cwd_child))
		props |= CC_P(FS_CWD);
	if (sigaction(sh->sighand_signal, NULL, &sa) == 0) {
		obs->sighand_after = (uint64_t)(uintptr_t)sa.sa_handler;
		if (sa.sa_handler == SIG_IGN)
			props |= CC_P(SIGHAND);
	}
	if (rep->tgid == getpid())
		props |= CC_P(THREAD_GROUP);
	if (rep->ppid == obs->parent_ppid)
		props |= CC_P(PARENT);
	obs->semval = semctl(sh->semid, 0, GETVAL);
	if (obs->semval == 1)
		props |= CC_P(SYSVSEM);
	if (rep->tls == obs->tls_requested && rep->tls != obs->parent_tls)
		props |= CC_P(TLS);
	obs->parent_tid_word = sh->parent_tid_word;
	/* The kernel writes the tid as the caller's pid namespace numbers it. */
	if (tid > 0 && obs->parent_tid_word == tid)
		props |= CC_P(PARENT_TID);
	if (rep->tid && rep->child_tid_word_at_start == rep->tid)
		props |= CC_P(CHILD_TID);
	obs->child_tid_word_after = sh->child_tid_word;
	if (sh->libc_tid_cleared >= 0) {
		if (sh->libc_tid_cleared)
			props |= CC_P(CLEAR_TID);
	} else if (obs->child_tid_word_after == 0 &&
		   (!sh->wait_parent_futex || obs->cleartid_woken)) {
		props |= CC_P(CLEAR_TID);
	}
	if (obs->pidfd >= 0 && obs->pidfd_pid == tid && obs->pidfd_signal == 0)
		props |= CC_P(PIDFD);
	if (rep->parent_suspended)
		props |= CC_P(VFORK);
	if (rep->handler_seen == CC_SIG_DFL)
		props |= CC_P(CLEAR_SIGHAND);
	if (rep->execed) {
		props |= CC_P(OWN_STACK);
	} else if (obs->stack_hi) {
		if (rep->initial_sp > obs->stack_lo &&
		    rep->initial_sp <= obs->stack_hi)
			props |= CC_P(OWN_STACK);
	} else {
		sp_distance = rep->initial_sp > obs->parent_sp ?
			rep->initial_sp - obs->parent_sp :
			obs->parent_sp - rep->initial_sp;
		if (sp_distance > 64 * 1024)
			props |= CC_P(OWN_STACK);
	}
	if (obs->cgroup_expected[0] &&
	    !strcmp(rep->cgroup, obs->cgroup_expected))
		props |= CC_P(CGROUP);
	obs->props = props;
}
