// SPDX-License-Identifier: GPL-2.0
/*
 * Namespaces by their behaviour.  For each CLONE_NEW* flag: what a child
 * made with it does that its parent does not see, and what a child made
 * without it shares with its parent.  Through raw clone, raw clone3 and
 * the libc wrapper, and in four privilege contexts (context.h).
 *
 * Every row runs in a context process (cc_context_run, engine/context.h),
 * so the test itself keeps its uid, its namespaces and its cgroup:
 *
 *   test              unchanged; makes and removes the cgroup below
 *    └─ context       moves into that cgroup, enters the row's privilege
 *       │             context, makes the call, looks from outside;
 *       │             subreaper, reaps everything
 *       └─ child      the row's flags; does the namespace's work with raw
 *          │          syscalls and writes what it saw into a shared page
 *          └─ grandchild   (CLONE_NEWPID rows: pid 2 of the new namespace)
 *
 * Context and child take turns (struct cc_turns, engine/clonefn.h): the
 * context says "go" (after writing the uid and gid maps when the call
 * made a user namespace), the child works and says "done", the context
 * looks from outside and says "exit".  A child that dies closes its
 * pipe: the context never waits on a dead child.
 *
 * Rows: <entry>_<context>_<given|absent>.  "given" rows pass the flag
 * (with CLONE_NEWUSER added in the unpriv_newuser context); "absent" rows
 * make the same call without it, in the contexts where the child has the
 * privilege to act on the namespace it shares (root and userns_root, both
 * inside throwaway namespaces, so "shared" never means the host's).
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cases.h"
#include "engine/cgroup.h"
#include "engine/clonefn.h"
#include "engine/context.h"
#include "spec/flags.h"
#include "engine/machine.h"

#define NS_TEXT 256
#define NS_PIDS_MAX 16
/* Ten days: an offset no clock drift between two reads can fake. */
#define NS_TIME_OFFSET_SEC (10 * 86400LL)

/* Everything the test, the context and the child share: one page set. */
struct ns_report {
	struct cc_context_run run;	/* first: the context reports here */

	/* the row, set by the test */
	enum cc_ns_type kind;
	enum cc_entry entry;
	enum cc_context ctx;
	bool given;
	uint64_t flags;
	uint64_t exit_signal;
	struct cc_cgroup cgroup;	/* dir "" when the test could not make one */

	/* the context */
	struct cc_turns turns;
	int alive[2];			/* the pid namespace's grandchild */
	long ret;			/* the call: pid or -errno */
	pid_t context_pid;
	char tag[64];			/* clonecheck-<context pid> */
	long msg_key;
	bool child_done;		/* the child reached "done" */

	/* the child's first unexpected failure */
	const char *child_step;
	long child_err;

	/* CLONE_NEWPID */
	long pid_self, pid_parent, pid_kill_context_err;
	long pid_grandchild_seen, grandchild_self, grandchild_parent;
	long proc_mount_err;
	int proc_pids[NS_PIDS_MAX];
	int proc_count;
	bool proc_has_context;
	long usr1_si_pid;		/* the context's SIGUSR1, as the child saw it */
	long wait_si_pid;		/* the child's exit, as the context saw it */
	bool grandchild_gone_with_init;

	/* CLONE_NEWNS */
	bool mnt_child_sees, mnt_parent_sees, mnt_root_shared;

	/* CLONE_NEWNET */
	long net_stream_socket_err;
	bool net_child_lo_up, net_parent_lo_up;
	char net_child_links[NS_TEXT], net_parent_links[NS_TEXT];

	/* CLONE_NEWUTS */
	char uts_parent_before[NS_TEXT], uts_parent_after[NS_TEXT];
	char uts_child[NS_TEXT];

	/* CLONE_NEWIPC */
	long ipc_child_msg_err, ipc_child_mq_err;
	long ipc_parent_msg_err, ipc_parent_mq_err;

	/* CLONE_NEWUSER */
	long user_overflow_uid, user_overflow_gid, user_cap_last;
	long user_uid_before, user_gid_before, user_uid_after, user_gid_after;
	uint64_t user_cap_effective, user_parent_cap_effective;
	long user_setgroups_err, user_sethostname_err;
	long user_gid_map_first_err;	/* gid_map before setgroups "deny" */
	long user_deny_after_map_err;	/* setgroups "deny" after gid_map */
	uid_t user_parent_uid;

	/* CLONE_NEWCGROUP */
	char cg_parent[NS_TEXT], cg_child[NS_TEXT], cg_parent_view[NS_TEXT];

	/* CLONE_NEWTIME */
	long time_offset;		/* written before the call, seconds */
	struct cc_timespec time_before, time_child, time_after;
	char time_parent_ns[64], time_child_ns[64];
	long time_exit_signal_field;	/* /proc/PID/stat field 38 */
};

/* ---- the child side: raw syscalls only ---- */

#define CHILD_TRY(r, step, expr)					\
	({								\
		long _v = (expr);					\
		if (_v < 0 && !(r)->child_step) {			\
			(r)->child_step = (step);			\
			(r)->child_err = -_v;				\
		}							\
		_v;							\
	})

static void child_tell(struct ns_report *r)
{
	cc_turns_child_done(&r->turns);
}

/* False when the context is gone: the child then just ends. */
static bool child_await(struct ns_report *r)
{
	return cc_turns_child_await(&r->turns);
}

static size_t child_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void child_strcpy(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; i + 1 < size && src[i]; i++)
		dst[i] = src[i];
	dst[i] = '\0';
}

static bool child_contains(const char *hay, const char *needle)
{
	size_t n = child_strlen(needle), i;

	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i] == needle[i]; i++)
			;
		if (i == n)
			return true;
	}
	return false;
}

/* Reads a whole file into buf (NUL-terminated); length or -errno. */
static long child_read_file(const char *path, char *buf, size_t size)
{
	long fd = sys_openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	long n, total = 0;

	if (fd < 0)
		return fd;
	while ((n = sys_read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	sys_close(fd);
	buf[total] = '\0';
	return n < 0 ? n : total;
}

/* The path of the "0::" line of a /proc/PID/cgroup text. */
static void cgroup2_path(const char *text, char *out, size_t size)
{
	const char *line = text;

	out[0] = '\0';
	while (*line) {
		if (line[0] == '0' && line[1] == ':' && line[2] == ':') {
			size_t i;

			line += 3;
			for (i = 0; i + 1 < size && line[i] && line[i] != '\n'; i++)
				out[i] = line[i];
			out[i] = '\0';
			return;
		}
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
	}
}

/* Interface names of a /proc/PID/net/dev text, joined by commas. */
static void net_dev_links(const char *text, char *out, size_t size)
{
	const char *p = text;
	size_t o = 0;
	int line = 0;

	out[0] = '\0';
	while (*p) {
		const char *colon = p;

		while (*colon && *colon != '\n' && *colon != ':')
			colon++;
		if (line++ >= 2 && *colon == ':') {
			while (*p == ' ')
				p++;
			if (o && o + 1 < size)
				out[o++] = ',';
			while (p < colon && o + 1 < size)
				out[o++] = *p++;
			out[o] = '\0';
		}
		while (*p && *p != '\n')
			p++;
		if (*p)
			p++;
	}
}

static void child_pid_ns(struct ns_report *r)
{
	uint64_t usr1 = 1ULL << (SIGUSR1 - 1);
	char buf[4096];
	siginfo_t info;
	long grandchild, fd, n;

	/* Blocked before "done", so the context's signal waits for us. */
	sys_rt_sigprocmask(SIG_BLOCK, &usr1, NULL);
	r->pid_self = sys_getpid();
	r->pid_parent = sys_getppid();
	r->pid_kill_context_err = sys_kill(r->context_pid, 0);

	grandchild = CHILD_TRY(r, "fork a grandchild", sys_fork());
	if (grandchild == 0) {
		r->grandchild_self = sys_getpid();
		r->grandchild_parent = sys_getppid();
		sys_close(r->turns.to_caller[1]);
		sys_close(r->turns.to_child[0]);
		/* Whoever reads the test's output must not wait for us. */
		sys_close(0);
		sys_close(1);
		sys_close(2);
		/* Ready; then hold alive[1] open until something kills us. */
		sys_write(r->alive[1], "g", 1);
		for (;;)
			sys_pause();
	}
	r->pid_grandchild_seen = grandchild;
	sys_close(r->alive[1]);

	/* The starting examples' CODE-3: a private /proc that shows this namespace. */
	CHILD_TRY(r, "make every mount private",
		  sys_mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	r->proc_mount_err = sys_mount("proc", "/proc", "proc",
				      MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (r->proc_mount_err == 0) {
		fd = CHILD_TRY(r, "open /proc",
			       sys_openat(AT_FDCWD, "/proc",
					  O_RDONLY | O_DIRECTORY | O_CLOEXEC));
		while (fd >= 0 && (n = sys_getdents64(fd, buf, sizeof(buf))) > 0) {
			long off = 0;

			while (off < n) {
				unsigned short reclen =
					*(unsigned short *)(buf + off + 16);
				const char *name = buf + off + 19;
				long pid = 0;

				for (; *name >= '0' && *name <= '9'; name++)
					pid = pid * 10 + (*name - '0');
				if (!*name && pid) {
					if (pid == r->context_pid)
						r->proc_has_context = true;
					if (r->proc_count < NS_PIDS_MAX)
						r->proc_pids[r->proc_count] = pid;
					r->proc_count++;
				}
				off += reclen;
			}
		}
		if (fd >= 0)
			sys_close(fd);
	}
	child_tell(r);
	if (!child_await(r))
		return;
	/* The context sent SIGUSR1 before "go". */
	if (CHILD_TRY(r, "wait for SIGUSR1", sys_rt_sigtimedwait(&usr1, &info)) > 0)
		r->usr1_si_pid = info.si_pid;
	child_tell(r);
	/* The context ends this child with SIGKILL. */
	child_await(r);
}

static void child_mnt_ns(struct ns_report *r)
{
	char mountinfo[65536];
	const char *line;

	if (r->given)
		CHILD_TRY(r, "make every mount private",
			  sys_mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	/* The starting examples' CODE-6: a tmpfs that only this namespace has. */
	CHILD_TRY(r, "mount a tmpfs on /tmp",
		  sys_mount(r->tag, "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
			    "size=64k,mode=0700"));
	if (CHILD_TRY(r, "read /proc/self/mountinfo",
		      child_read_file("/proc/self/mountinfo", mountinfo,
				      sizeof(mountinfo))) < 0)
		return;
	r->mnt_child_sees = child_contains(mountinfo, r->tag);
	/* The line of "/": mount point is the fifth field. */
	for (line = mountinfo; *line;) {
		const char *p = line;
		int field;

		for (field = 1; field < 5 && *p && *p != '\n'; p++)
			if (*p == ' ')
				field++;
		if (p[0] == '/' && p[1] == ' ') {
			const char *end = p;

			while (*end && *end != '\n' && !(end[0] == ' ' && end[1] == '-'))
				end++;
			for (; p < end; p++)
				if (child_contains(p, "shared:") && p < end)
					r->mnt_root_shared = true;
			break;
		}
		while (*line && *line != '\n')
			line++;
		if (*line)
			line++;
	}
}

static void child_net_ns(struct ns_report *r)
{
	char dev[8192];
	struct ifreq ifr = { .ifr_name = "lo" };
	long fd;

	/* The starting examples' CODE-5: a socket works in an empty network namespace. */
	fd = sys_socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	r->net_stream_socket_err = fd < 0 ? fd : 0;
	if (fd >= 0)
		sys_close(fd);
	fd = CHILD_TRY(r, "socket(AF_INET, SOCK_DGRAM)",
		       sys_socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	if (fd >= 0) {
		if (CHILD_TRY(r, "SIOCGIFFLAGS lo",
			      sys_ioctl(fd, SIOCGIFFLAGS, &ifr)) == 0)
			r->net_child_lo_up = ifr.ifr_flags & IFF_UP;
		sys_close(fd);
	}
	if (CHILD_TRY(r, "read /proc/self/net/dev",
		      child_read_file("/proc/self/net/dev", dev, sizeof(dev))) >= 0)
		net_dev_links(dev, r->net_child_links, sizeof(r->net_child_links));
}

static void child_uts_ns(struct ns_report *r)
{
	struct utsname uts;

	CHILD_TRY(r, "sethostname",
		  sys_sethostname(r->tag, child_strlen(r->tag)));
	if (CHILD_TRY(r, "uname", cc_sys1(CC_NR_uname, &uts)) == 0)
		child_strcpy(r->uts_child, uts.nodename, sizeof(r->uts_child));
}

static void child_ipc_ns(struct ns_report *r)
{
	long fd;

	r->ipc_child_msg_err = sys_msgget(r->msg_key, IPC_CREAT | IPC_EXCL | 0600);
	if (r->ipc_child_msg_err > 0)
		r->ipc_child_msg_err = 0;
	fd = sys_mq_open(r->tag, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	r->ipc_child_mq_err = fd < 0 ? fd : 0;
	if (fd >= 0)
		sys_close(fd);
}

static void child_user_ns(struct ns_report *r)
{
	struct cc_cap_header hdr = { CC_CAP_VERSION_3, 0 };
	struct cc_cap_data caps[2];
	struct utsname uts;

	/* Before the maps: what an unmapped id reads as. */
	r->user_uid_before = sys_getuid();
	r->user_gid_before = sys_getgid();
	child_tell(r);
	if (!child_await(r))
		return;
	r->user_uid_after = sys_getuid();
	r->user_gid_after = sys_getgid();
	if (CHILD_TRY(r, "capget", sys_capget(&hdr, caps)) == 0)
		r->user_cap_effective = caps[0].effective |
					(uint64_t)caps[1].effective << 32;
	r->user_setgroups_err = sys_setgroups(0, NULL);
	/* The UTS namespace is the parent's: same name, so harmless. */
	if (CHILD_TRY(r, "uname", cc_sys1(CC_NR_uname, &uts)) == 0)
		r->user_sethostname_err =
			sys_sethostname(uts.nodename, child_strlen(uts.nodename));
}

static void child_cgroup_ns(struct ns_report *r)
{
	char text[4096];

	if (CHILD_TRY(r, "read /proc/self/cgroup",
		      child_read_file("/proc/self/cgroup", text, sizeof(text))) >= 0)
		cgroup2_path(text, r->cg_child, sizeof(r->cg_child));
}

static void child_time_ns(struct ns_report *r)
{
	long n;

	CHILD_TRY(r, "clock_gettime(CLOCK_MONOTONIC)",
		  sys_clock_gettime(CLOCK_MONOTONIC, &r->time_child));
	n = CHILD_TRY(r, "readlink /proc/self/ns/time",
		      sys_readlinkat(AT_FDCWD, "/proc/self/ns/time",
				     r->time_child_ns,
				     sizeof(r->time_child_ns) - 1));
	if (n > 0)
		r->time_child_ns[n] = '\0';
}

static int ns_child(void *arg, uint64_t initial_sp)
{
	struct ns_report *r = arg;

	cc_turns_child_start(&r->turns);
	if (r->kind == CC_NS_USER) {
		child_user_ns(r);	/* the maps are part of its story */
	} else {
		if (!child_await(r))
			return 1;
		switch (r->kind) {
		case CC_NS_PID:
			child_pid_ns(r);
			return 0;	/* it told and waited itself */
		case CC_NS_MNT:
			child_mnt_ns(r);
			break;
		case CC_NS_NET:
			child_net_ns(r);
			break;
		case CC_NS_UTS:
			child_uts_ns(r);
			break;
		case CC_NS_IPC:
			child_ipc_ns(r);
			break;
		case CC_NS_CGROUP:
			child_cgroup_ns(r);
			break;
		case CC_NS_TIME:
			child_time_ns(r);
			break;
		default:
			break;
		}
	}
	child_tell(r);
	child_await(r);
	return 0;
}

/* ---- the context: the child's parent, outside its namespaces ---- */

/* What failed, with the errno it failed with. */
#define context_broken(r, what) cc_context_broken(&(r)->run, what, errno)

/* A child that died closed its end: EPIPE is its story, not ours. */
static void tell(struct ns_report *r)
{
	int err = cc_turns_go(&r->turns);

	if (err)
		cc_context_broken(&r->run, "write to the child's pipe", err);
}

/* False when the child closed its pipe (it died) instead of answering. */
static bool await(struct ns_report *r)
{
	return cc_turns_done(&r->turns);
}

static void read_text(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, out, size - 1);

	out[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static bool mountinfo_has(const char *path, const char *tag)
{
	FILE *f = fopen(path, "re");
	char line[4096];
	bool found = false;

	while (f && fgets(line, sizeof(line), f))
		if (strstr(line, tag))
			found = true;
	if (f)
		fclose(f);
	return found;
}

static bool lo_up(bool set)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bool up = false;

	if (fd < 0)
		return false;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		if (set && !(ifr.ifr_flags & IFF_UP)) {
			ifr.ifr_flags |= IFF_UP;
			ioctl(fd, SIOCSIFFLAGS, &ifr);
			ioctl(fd, SIOCGIFFLAGS, &ifr);
		}
		up = ifr.ifr_flags & IFF_UP;
	}
	close(fd);
	return up;
}

/* Field 38 of /proc/PID/stat: the exit signal the kernel recorded. */
static long stat_exit_signal(pid_t pid)
{
	char path[64], text[1024], *p;
	int field;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	read_text(path, text, sizeof(text));
	p = strrchr(text, ')');
	if (!p)
		return -1;
	for (field = 2; field < 38 && p; field++)
		p = strchr(p + 1, ' ');
	return p ? strtol(p + 1, NULL, 10) : -1;
}

/* What the context prepares before the call, in its own namespaces. */
static void context_prepare(struct ns_report *r)
{
	char text[8192];

	switch (r->kind) {
	case CC_NS_NET:
		/* lo up here, so a child that shares it sees it up. */
		r->net_parent_lo_up = lo_up(r->ctx == CC_CTX_ROOT ||
					    r->ctx == CC_CTX_USERNS_ROOT);
		read_text("/proc/self/net/dev", text, sizeof(text));
		net_dev_links(text, r->net_parent_links,
			      sizeof(r->net_parent_links));
		break;
	case CC_NS_UTS:
		gethostname(r->uts_parent_before, sizeof(r->uts_parent_before));
		break;
	case CC_NS_USER:
		r->user_overflow_uid = cc_env_sysctl("/proc/sys/kernel/overflowuid");
		r->user_overflow_gid = cc_env_sysctl("/proc/sys/kernel/overflowgid");
		r->user_cap_last = cc_env_sysctl("/proc/sys/kernel/cap_last_cap");
		r->user_parent_uid = geteuid();
		r->user_parent_cap_effective = cc_env_effective_caps();
		break;
	case CC_NS_CGROUP:
		read_text("/proc/self/cgroup", text, sizeof(text));
		cgroup2_path(text, r->cg_parent, sizeof(r->cg_parent));
		break;
	case CC_NS_TIME:
		/*
		 * Offsets can only be written into a time namespace no task
		 * has entered yet: unshare makes one for the children to come;
		 * clone3(CLONE_NEWTIME) copies it, offsets included, for the
		 * child alone.  The context itself stays where it was.
		 */
		if (r->given && r->entry == CC_ENTRY_CLONE3 &&
		    (r->ctx == CC_CTX_ROOT || r->ctx == CC_CTX_USERNS_ROOT)) {
			char offsets[64];
			int err;

			if (unshare(CLONE_NEWTIME)) {
				context_broken(r, "unshare(CLONE_NEWTIME)");
				break;
			}
			snprintf(offsets, sizeof(offsets), "monotonic %lld 0",
				 NS_TIME_OFFSET_SEC);
			err = cc_write_file("/proc/self/timens_offsets",
					    offsets, NULL, 0);
			if (err) {
				cc_context_broken(&r->run,
						  "write /proc/self/timens_offsets",
						  err);
			} else {
				r->time_offset = NS_TIME_OFFSET_SEC;
			}
		}
		readlink("/proc/self/ns/time", r->time_parent_ns,
			 sizeof(r->time_parent_ns) - 1);
		sys_clock_gettime(CLOCK_MONOTONIC, &r->time_before);
		break;
	default:
		break;
	}
}

static void map_child(struct ns_report *r, pid_t pid)
{
	char why[200];

	if (cc_userns_map(pid, 0, geteuid(), 0, getegid(), true, why,
			  sizeof(why))) {
		r->run.result = CC_RESULT_BROKEN;
		snprintf(r->run.why, sizeof(r->run.why),
			 "mapping the child's user namespace: %.180s", why);
	}
}

static long write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	return cc_write_file(path, text, NULL, 0);
}

/*
 * The setgroups rules: gid_map may be written before setgroups is
 * "deny" only by a writer with CAP_SETGID over the parent namespace;
 * once gid_map is written, setgroups can no longer change.
 */
static void context_user_ns(struct ns_report *r, pid_t pid)
{
	char map[64];

	if (!await(r))
		return;
	if (r->given) {
		snprintf(map, sizeof(map), "0 %u 1", geteuid());
		if (write_proc(pid, "uid_map", map))
			context_broken(r, "write the child's uid_map");
		snprintf(map, sizeof(map), "0 %u 1", getegid());
		r->user_gid_map_first_err = write_proc(pid, "gid_map", map);
		if (r->user_gid_map_first_err == 0) {
			r->user_deny_after_map_err =
				write_proc(pid, "setgroups", "deny");
		} else if (write_proc(pid, "setgroups", "deny") ||
			   write_proc(pid, "gid_map", map)) {
			context_broken(r, "write setgroups deny, then gid_map");
		}
	}
	tell(r);
	r->child_done = await(r);
}

/*
 * SIGKILL to every child of the context still alive: a grandchild that
 * outlived the child (and came back to this subreaper) has a pid that
 * only /proc can tell from outside.
 */
static void kill_own_children(void)
{
	char path[64], text[512], *p;
	struct dirent *entry;
	DIR *proc = opendir("/proc");
	long ppid;

	while (proc && (entry = readdir(proc))) {
		if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.32s/stat", entry->d_name);
		read_text(path, text, sizeof(text));
		p = strrchr(text, ')');
		if (p && sscanf(p + 2, "%*c %ld", &ppid) == 1 && ppid == getpid())
			kill(atoi(entry->d_name), SIGKILL);
	}
	if (proc)
		closedir(proc);
}

static void context_pid_ns(struct ns_report *r, pid_t pid)
{
	struct pollfd pfd = { .fd = r->alive[0], .events = POLLIN };
	siginfo_t si = { 0 };
	char c;

	tell(r);
	if (!await(r))
		return;
	/* The grandchild says it is ready through the alive pipe. */
	if (r->pid_grandchild_seen > 0 && read(r->alive[0], &c, 1) != 1)
		context_broken(r, "the grandchild never got ready");
	kill(pid, SIGUSR1);
	tell(r);
	r->child_done = await(r);

	/* Kill the namespace's init; with it, its descendants must go. */
	kill(pid, SIGKILL);
	if (waitid(P_PID, pid, &si, WEXITED | __WALL) == 0)
		r->wait_si_pid = si.si_pid;
	if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP))
		r->grandchild_gone_with_init = true;
	else
		kill_own_children();
}

/* Looks from outside while the child, done, waits for "exit". */
static void context_look(struct ns_report *r, pid_t pid)
{
	char path[64], text[4096];
	long id;

	switch (r->kind) {
	case CC_NS_MNT:
		r->mnt_parent_sees = mountinfo_has("/proc/self/mountinfo", r->tag);
		break;
	case CC_NS_UTS:
		gethostname(r->uts_parent_after, sizeof(r->uts_parent_after));
		break;
	case CC_NS_IPC:
		/* Whatever is found here is removed: it must not outlive us. */
		id = msgget(r->msg_key, 0);
		r->ipc_parent_msg_err = id < 0 ? -errno : 0;
		if (id >= 0)
			msgctl(id, IPC_RMID, NULL);
		id = sys_mq_open(r->tag, O_RDWR | O_CLOEXEC, 0);
		r->ipc_parent_mq_err = id < 0 ? id : 0;
		if (id >= 0) {
			close(id);
			sys_mq_unlink(r->tag);
		}
		break;
	case CC_NS_CGROUP:
		snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
		read_text(path, text, sizeof(text));
		cgroup2_path(text, r->cg_parent_view, sizeof(r->cg_parent_view));
		break;
	case CC_NS_TIME:
		sys_clock_gettime(CLOCK_MONOTONIC, &r->time_after);
		r->time_exit_signal_field = stat_exit_signal(pid);
		break;
	default:
		break;
	}
}

/* A handler, not SIG_IGN: the child inherits it and still waits for SIGUSR1. */
static void ignore_signal(int sig)
{
}

static void context_main(struct cc_context_run *run, void *arg)
{
	struct ns_report *r = arg;
	pid_t pid;
	int err;

	r->context_pid = getpid();
	snprintf(r->tag, sizeof(r->tag), "clonecheck-%d", r->context_pid);
	r->msg_key = 0x43430000L | (r->context_pid & 0xffff);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * A child whose exit signal is not SIGCHLD (a kernel, or the
	 * injector's exit-signal fault, changing it) must not kill the
	 * context before it reaps: the reap takes any signal.
	 */
	signal(SIGUSR1, ignore_signal);
	context_prepare(r);
	if (run->result != CC_RESULT_OK)
		return;
	err = cc_turns_open(&r->turns);
	if (err || pipe2(r->alive, O_CLOEXEC)) {
		cc_context_broken(run, "pipe2", err ? err : errno);
		return;
	}
	r->ret = cc_clone_fn(r->entry, r->flags, r->exit_signal, ns_child, r);
	cc_turns_caller_close(&r->turns);
	close(r->alive[1]);
	if (r->ret < 0)
		return;
	pid = r->ret;

	if (r->kind == CC_NS_PID) {
		context_pid_ns(r, pid);
	} else if (r->kind == CC_NS_USER) {
		context_user_ns(r, pid);
	} else {
		if (r->flags & CC_CLONE_NEWUSER)
			map_child(r, pid);
		tell(r);
		r->child_done = await(r);
		if (r->child_done)
			context_look(r, pid);
	}
	tell(r);	/* "exit"; a killed init no longer reads it */
}

/* ---- the test side ---- */

/* What the call itself must return here: 0 (a child) or an errno. */
static int expected_errno(const struct ns_report *r)
{
	uint64_t ns_flags = 0, asked = r->flags;
	int err, type;

	/* clone3_args_valid comes first, and refused the flag until a402f1e35313. */
	if (r->entry == CC_ENTRY_CLONE3 && (asked & CC_CLONE_NEWTIME) &&
	    !case_clone3_takes_newtime())
		return EINVAL;
	/*
	 * Legacy clone's 0x80 makes its exit signal 145, refused since
	 * 09e7827e7857 (7.1) in kernel_clone, before copy_process.
	 */
	if (r->entry != CC_ENTRY_CLONE3 && (asked & CC_CLONE_NEWTIME) &&
	    cc_kernel_has_fix(&cc_fixes[CC_FIX_LEGACY_EXIT_SIGNAL],
			      cc_env_kernel_version()))
		return EINVAL;
	/* Every type but user; legacy clone reads 0x80 as its exit signal. */
	for (type = 0; type < CC_NS_COUNT; type++)
		if (type != CC_NS_USER &&
		    (type != CC_NS_TIME || r->entry == CC_ENTRY_CLONE3))
			ns_flags |= cc_ns_flags[type];
	if (asked & CC_CLONE_NEWUSER) {
		err = cc_env_userns_errno(r->ctx == CC_CTX_ROOT);
		if (err)
			return err;
	}
	if (r->ctx == CC_CTX_UNPRIV && (asked & ns_flags))
		return EPERM;
	return 0;
}

static void ns_row(struct ns_report *r, enum cc_ns_type kind, enum cc_entry entry,
		   enum cc_context ctx, bool given)
{
	r->kind = kind;
	r->entry = entry;
	r->ctx = ctx;
	r->given = given;
	r->flags = given ? cc_ns_flags[kind] : 0;
	if (ctx == CC_CTX_UNPRIV_NEWUSER)
		r->flags |= CC_CLONE_NEWUSER;
	/* The /proc view of a pid namespace needs a mount namespace. */
	if (kind == CC_NS_PID)
		r->flags |= CC_CLONE_NEWNS;
	r->exit_signal = SIGCHLD;
}

/*
 * The model for a row: the errno expected_errno() states, and for a
 * child the namespaces the call asked for (legacy clone's 0x80 is an
 * exit signal, not CLONE_NEWTIME).  Rows the context cannot run SKIP.
 */
static void ns_model(struct __test_metadata *_metadata, enum cc_ns_type kind,
		     enum cc_entry entry, enum cc_context ctx, bool given)
{
	struct ns_report r = { 0 };
	struct cc_prediction pred;
	struct cc_request req;
	struct cc_env env;
	char why[200];
	int i;

	ns_row(&r, kind, entry, ctx, given);
	if (cc_context_missing(ctx, why, sizeof(why)) ||
	    case_flags_need_absent(cc_ns_flags[kind] | r.flags, why, sizeof(why)))
		SKIP(return, "%s", why);
	cc_context_env(ctx, &env);
	cc_clone_fn_request(entry, r.flags, r.exit_signal, &req);
	CASE_CHECK_MODEL_ERRNO(&req, &env, expected_errno(&r));
	if (expected_errno(&r))
		return;
	cc_model_predict(&req, &env, &pred);
	for (i = 0; i < CC_NS_COUNT; i++) {
		bool asked = (r.flags & cc_ns_flags[i]) &&
			     (i != CC_NS_TIME || entry == CC_ENTRY_CLONE3);
		bool predicted = pred.outcome.props & (1u << CC_PROP_NS(i));

		if (asked != predicted)
			TH_LOG("the model %s a new %s namespace",
			       predicted ? "predicts" : "misses", cc_ns_names[i]);
		EXPECT_EQ(asked, predicted);
	}
}

static void ns_run(struct ns_report *r, enum cc_ns_type kind,
		   enum cc_entry entry, enum cc_context ctx, bool given)
{
	char why[NS_TEXT];
	int err;

	ns_row(r, kind, entry, ctx, given);
	r->ret = -1;

	/* A type the kernel lacks: every row of its fixture needs it. */
	if (case_flags_need_absent(cc_ns_flags[kind] | r->flags, r->run.why,
				   sizeof(r->run.why))) {
		r->run.result = CC_RESULT_SKIP;
		return;
	}

	if (entry == CC_ENTRY_CLONE3 && cc_env_clone3() != CC_CLONE3_AVAILABLE) {
		r->run.result = CC_RESULT_SKIP;
		snprintf(r->run.why, sizeof(r->run.why), "%s",
			 cc_env_clone3_reason());
		return;
	}

	/*
	 * A cgroup of our own, so "rooted at its cgroup" is not just "/";
	 * where none can be made the row says so (rooted_at_its_cgroup).
	 */
	r->cgroup.dir[0] = '\0';
	r->cgroup.lock_fd = -1;
	if (kind == CC_NS_CGROUP && geteuid() == 0)
		cc_cgroup_make(&r->cgroup, why, sizeof(why));
	cc_context_run(ctx, r->cgroup.dir[0] ? r->cgroup.dir : NULL, &r->run,
		       context_main, r);
	err = cc_cgroup_remove(&r->cgroup, 0);
	if (err)
		cc_context_broken(&r->run, "rmdir the test's cgroup", err);
}

/*
 * The row once, for all of its tests (case_row_keep).  The tests judge
 * the report by the row it names, so a kept report is taken only when
 * it names this row.
 */
static void ns_run_once(struct ns_report *r, enum cc_ns_type kind,
			enum cc_entry entry, enum cc_context ctx, bool given)
{
	char key[96];

	snprintf(key, sizeof(key), "namespaces: type %d entry %d context %d given %d",
		 (int)kind, (int)entry, (int)ctx, (int)given);
	if (case_row_cached(key, r, sizeof(*r)) && r->kind == kind &&
	    r->entry == entry && r->ctx == ctx && r->given == given)
		return;
	ns_run(r, kind, entry, ctx, given);
	case_row_keep(key, r, sizeof(*r));
}

#define ns_errno_name(err) CC_RESULT_NAME(err)

/* SKIP, or fail as a broken fixture, unless the row produced a verdict. */
#define NS_REQUIRE(r) CASE_REQUIRE_RESULT((r)->run.result, (r)->run.why)

/* The call ended as expected; a child is there to judge, or SKIP. */
#define NS_REQUIRE_CHILD(r)						\
	do {								\
		int _exp = expected_errno(r);				\
		long _got = (r)->ret < 0 ? -(r)->ret : 0;		\
		NS_REQUIRE(r);						\
		if (_got != _exp) {					\
			TH_LOG("%s flags %#llx: expected %s, got %s",	\
			       cc_entry_name((r)->entry),		\
			       (unsigned long long)(r)->flags,		\
			       ns_errno_name(_exp), ns_errno_name(_got)); \
			ASSERT_EQ(_exp, _got);				\
		}							\
		if (_exp)						\
			SKIP(return, "the call is refused here (%s, as expected): the behaviour needs a child", \
			     CC_ERRNO(_exp));				\
		if ((r)->child_step) {					\
			TH_LOG("the child failed to %s: %s",		\
			       (r)->child_step, CC_ERRNO((r)->child_err)); \
			ASSERT_EQ(NULL, (r)->child_step);		\
		}							\
	} while (0)

#define NS_CHECK(r, ok, fmt, ...)					\
	do {								\
		if (!(ok))						\
			TH_LOG("%s %s (%s): " fmt,			\
			       cc_entry_name((r)->entry),		\
			       cc_context_name((r)->ctx),		\
			       (r)->given ? "flag given" : "flag absent", \
			       ##__VA_ARGS__);				\
		EXPECT_TRUE(ok);					\
	} while (0)

/*
 * One fixture per namespace type, each with the same rows.  The setup
 * runs the row; the tests judge one behaviour each.
 */
#define NS_FIXTURE(name, kind_)						\
	FIXTURE(name) {							\
		struct ns_report *r;					\
	};								\
	FIXTURE_VARIANT(name) {						\
		enum cc_entry entry;					\
		enum cc_context ctx;					\
		bool given;						\
	};								\
	FIXTURE_SETUP(name)						\
	{								\
		self->r = cc_shared_page(sizeof(*self->r));		\
		ASSERT_NE(NULL, self->r);				\
		if (!CASE_IS_MODEL_TEST())				\
			ns_run_once(self->r, kind_, variant->entry,	\
				    variant->ctx, variant->given);	\
	}								\
	FIXTURE_TEARDOWN(name)						\
	{								\
		cc_shared_page_free(self->r, sizeof(*self->r));		\
	}								\
	NS_ROWS_FOR_ENTRY(name, clone, CLONE)				\
	NS_ROWS_FOR_ENTRY(name, clone3, CLONE3)				\
	NS_ROWS_FOR_ENTRY(name, libc, LIBC)				\
	TEST_F(name, model)						\
	{								\
		ns_model(_metadata, kind_, variant->entry, variant->ctx, \
			 variant->given);				\
	}								\
	TEST_F(name, call)						\
	{								\
		int _exp = expected_errno(self->r);			\
		long _got = self->r->ret < 0 ? -self->r->ret : 0;	\
		NS_REQUIRE(self->r);					\
		NS_CHECK(self->r, _got == _exp,				\
			 "flags %#llx: expected %s, got %s",		\
			 (unsigned long long)self->r->flags,		\
			 ns_errno_name(_exp), ns_errno_name(_got));	\
	}

#define NS_ROW(name, row, entry_, ctx_, given_)				\
	FIXTURE_VARIANT_ADD(name, row) {				\
		.entry = CC_ENTRY_##entry_, .ctx = CC_CTX_##ctx_,	\
		.given = given_,					\
	};

#define NS_ROWS_FOR_ENTRY(name, e, E)					\
	NS_ROW(name, e##_root_given, E, ROOT, true)			\
	NS_ROW(name, e##_root_absent, E, ROOT, false)			\
	NS_ROW(name, e##_unpriv_newuser_given, E, UNPRIV_NEWUSER, true)	\
	NS_ROW(name, e##_userns_root_given, E, USERNS_ROOT, true)	\
	NS_ROW(name, e##_userns_root_absent, E, USERNS_ROOT, false)

/*
 * The unprivileged context: uid 65534 without capabilities.  Every
 * CLONE_NEW* flag but CLONE_NEWUSER needs CAP_SYS_ADMIN in the caller's
 * user namespace (EPERM); CLONE_NEWUSER alone works where the sysctls
 * allow it; legacy clone's 0x80 is an exit signal, no namespace at all.
 */
FIXTURE(unprivileged) {
	struct ns_report *r;
};

FIXTURE_VARIANT(unprivileged) {
	enum cc_ns_type kind;
	enum cc_entry entry;
};

FIXTURE_SETUP(unprivileged)
{
	self->r = cc_shared_page(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
	if (!CASE_IS_MODEL_TEST())
		ns_run(self->r, variant->kind, variant->entry, CC_CTX_UNPRIV,
		       true);
}

FIXTURE_TEARDOWN(unprivileged)
{
	cc_shared_page_free(self->r, sizeof(*self->r));
}

#define NS_UNPRIV_ROWS(kind_, name)					\
	FIXTURE_VARIANT_ADD(unprivileged, name##_clone) {		\
		.kind = kind_, .entry = CC_ENTRY_CLONE,			\
	};								\
	FIXTURE_VARIANT_ADD(unprivileged, name##_clone3) {		\
		.kind = kind_, .entry = CC_ENTRY_CLONE3,		\
	};								\
	FIXTURE_VARIANT_ADD(unprivileged, name##_libc) {		\
		.kind = kind_, .entry = CC_ENTRY_LIBC,			\
	};

NS_UNPRIV_ROWS(CC_NS_PID, newpid)
NS_UNPRIV_ROWS(CC_NS_MNT, newns)
NS_UNPRIV_ROWS(CC_NS_NET, newnet)
NS_UNPRIV_ROWS(CC_NS_UTS, newuts)
NS_UNPRIV_ROWS(CC_NS_IPC, newipc)
NS_UNPRIV_ROWS(CC_NS_USER, newuser)
NS_UNPRIV_ROWS(CC_NS_CGROUP, newcgroup)
NS_UNPRIV_ROWS(CC_NS_TIME, newtime)

TEST_F(unprivileged, model)
{
	ns_model(_metadata, variant->kind, variant->entry, CC_CTX_UNPRIV, true);
}

TEST_F(unprivileged, call)
{
	int exp = expected_errno(self->r);
	long got = self->r->ret < 0 ? -self->r->ret : 0;

	NS_REQUIRE(self->r);
	NS_CHECK(self->r, got == exp, "flags %#llx: expected %s, got %s",
		 (unsigned long long)self->r->flags, ns_errno_name(exp),
		 ns_errno_name(got));
}

/* ---- CLONE_NEWPID ---- */

NS_FIXTURE(newpid, CC_NS_PID)

TEST_F(newpid, child_is_pid_one)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (r->given) {
		NS_CHECK(r, r->pid_self == 1 && r->pid_parent == 0,
			 "the child sees itself as pid %ld with ppid %ld, not 1 and 0",
			 r->pid_self, r->pid_parent);
	} else {
		NS_CHECK(r, r->pid_self == r->ret && r->pid_parent == r->context_pid,
			 "the child sees pid %ld ppid %ld; its parent made pid %ld and is %d",
			 r->pid_self, r->pid_parent, r->ret, r->context_pid);
	}
}

TEST_F(newpid, grandchild_is_pid_two)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (r->given) {
		NS_CHECK(r, r->pid_grandchild_seen == 2 && r->grandchild_self == 2 &&
			 r->grandchild_parent == 1,
			 "grandchild: fork returned %ld, it sees itself as %ld, its parent as %ld (want 2, 2, 1)",
			 r->pid_grandchild_seen, r->grandchild_self,
			 r->grandchild_parent);
	} else {
		NS_CHECK(r, r->pid_grandchild_seen == r->grandchild_self &&
			 r->grandchild_parent == r->ret && r->grandchild_self > 2,
			 "grandchild: fork returned %ld, it sees %ld with parent %ld (the child is %ld)",
			 r->pid_grandchild_seen, r->grandchild_self,
			 r->grandchild_parent, r->ret);
	}
}

TEST_F(newpid, proc_view)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (!r->given && r->ctx == CC_CTX_USERNS_ROOT) {
		/* The pid namespace belongs to the initial user namespace. */
		NS_CHECK(r, r->proc_mount_err == -EPERM,
			 "mounting proc of a pid namespace owned by an outer user namespace gave %s, want EPERM",
			 ns_errno_name(-r->proc_mount_err));
		return;
	}
	NS_CHECK(r, r->proc_mount_err == 0, "mount proc: %s",
		 ns_errno_name(-r->proc_mount_err));
	if (r->given) {
		NS_CHECK(r, r->proc_count == 2 && r->proc_pids[0] + r->proc_pids[1] == 3,
			 "the child's /proc lists %d pids (%d, %d, ...), want exactly 1 and 2",
			 r->proc_count, r->proc_pids[0], r->proc_pids[1]);
	} else {
		NS_CHECK(r, r->proc_has_context && r->proc_count > 2,
			 "the child's /proc lists %d pids and %s its parent %d",
			 r->proc_count, r->proc_has_context ? "has" : "lacks",
			 r->context_pid);
	}
}

TEST_F(newpid, init_kill_kills_descendants)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->child_done, "the child did not finish its steps");
	NS_CHECK(r, r->grandchild_gone_with_init == r->given,
		 "after SIGKILL to the child, its child is %s",
		 r->grandchild_gone_with_init ? "gone" : "still alive");
}

TEST_F(newpid, signals_cannot_reach_parent)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->pid_kill_context_err == (r->given ? -ESRCH : 0),
		 "kill(%d, 0) from the child: %s, want %s", r->context_pid,
		 ns_errno_name(-r->pid_kill_context_err),
		 r->given ? "ESRCH" : "success");
}

TEST_F(newpid, si_pid_across_the_boundary)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->wait_si_pid == r->ret,
		 "the parent's waitid reports si_pid %ld for child %ld",
		 r->wait_si_pid, r->ret);
	NS_CHECK(r, r->usr1_si_pid == (r->given ? 0 : r->context_pid),
		 "the parent's SIGUSR1 arrives with si_pid %ld, want %d",
		 r->usr1_si_pid, r->given ? 0 : r->context_pid);
}

/* ---- CLONE_NEWNS ---- */

NS_FIXTURE(newns, CC_NS_MNT)

TEST_F(newns, mount_visible_to_parent_only_when_shared)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->mnt_child_sees, "the child's tmpfs %s is not in its own mountinfo",
		 r->tag);
	NS_CHECK(r, r->mnt_parent_sees == !r->given,
		 "the child's tmpfs %s %s in the parent's mountinfo", r->tag,
		 r->mnt_parent_sees ? "shows" : "does not show");
}

/*
 * A new namespace starts with the parent's propagation (shared peers
 * would carry mounts back); the child makes it private.  An absent row
 * shares the context's namespace, which the context made private.
 */
TEST_F(newns, root_mount_private)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, !r->mnt_root_shared,
		 "the child's / still has a shared: peer group");
}

/* ---- CLONE_NEWNET ---- */

NS_FIXTURE(newnet, CC_NS_NET)

/*
 * The fallback device of each built-in tunnel type: the kernel gives
 * one to every network namespace (ip_tunnel_init_net, sit_init_net, ...)
 * unless net.core.fb_tunnels_only_for_init_net says otherwise
 * (net_has_fallback_tunnels: 1, the initial namespace only; 2, none).
 */
static const char *const fallback_tunnels[] = {
	"sit0", "tunl0", "ip6tnl0", "gre0", "gretap0", "erspan0", "ip6gre0",
	"ip_vti0", "ip6_vti0",
};

static bool is_fallback_tunnel(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(fallback_tunnels) / sizeof(fallback_tunnels[0]); i++)
		if (strlen(fallback_tunnels[i]) == len &&
		    !strncmp(fallback_tunnels[i], name, len))
			return true;
	return false;
}

/*
 * What a new network namespace may hold besides lo, as a sentence, or
 * NULL when links ("lo,sit0") is just that: lo, and fallback tunnels
 * where the sysctl lets a new namespace have them.
 */
static const char *fresh_links_wrong(const char *links, bool tunnels_allowed,
				     char *why, size_t len)
{
	bool lo = false;
	const char *p = links;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 2 && !strncmp(p, "lo", 2)) {
			lo = true;
		} else if (!is_fallback_tunnel(p, n)) {
			snprintf(why, len, "\"%.*s\" is neither lo nor a fallback tunnel device",
				 (int)n, p);
			return why;
		} else if (!tunnels_allowed) {
			snprintf(why, len, "fallback tunnel \"%.*s\" while net.core.fb_tunnels_only_for_init_net keeps them out",
				 (int)n, p);
			return why;
		}
		p += n + (p[n] == ',');
	}
	if (!lo) {
		snprintf(why, len, "no lo");
		return why;
	}
	return NULL;
}

TEST_F(newnet, only_a_loopback)
{
	struct ns_report *r = self->r;
	/* Read where the test program runs: the sysctl shows in the initial namespace only. */
	long only_init = cc_env_sysctl("/proc/sys/net/core/fb_tunnels_only_for_init_net");
	char why[128];

	NS_REQUIRE_CHILD(r);
	if (r->given)
		NS_CHECK(r, !fresh_links_wrong(r->net_child_links, only_init <= 0,
					       why, sizeof(why)),
			 "the child's links are \"%s\": %s; a new network namespace has lo and the kernel's fallback tunnels only (the parent's: \"%s\")",
			 r->net_child_links, why, r->net_parent_links);
	else
		NS_CHECK(r, !strcmp(r->net_child_links, r->net_parent_links),
			 "the child's links \"%s\" differ from the parent's \"%s\"",
			 r->net_child_links, r->net_parent_links);
}

/*
 * A new namespace's lo starts down, whatever the parent's: where the
 * context may (its own network namespace) it brings its lo up first, so
 * a child that shares it sees it up.  Elsewhere (uid 65534 in the
 * machine's namespace, whose lo a freshly booted machine has down) a
 * shared lo is the parent's, up or down.
 */
TEST_F(newnet, loopback_down)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (r->given)
		NS_CHECK(r, !r->net_child_lo_up,
			 "the child's lo is up in a new network namespace (the parent's is %s)",
			 r->net_parent_lo_up ? "up" : "down");
	else
		NS_CHECK(r, r->net_child_lo_up == r->net_parent_lo_up,
			 "the child's lo is %s, the parent's %s: not the same device",
			 r->net_child_lo_up ? "up" : "down",
			 r->net_parent_lo_up ? "up" : "down");
}

TEST_F(newnet, socket_works)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->net_stream_socket_err == 0,
		 "socket(AF_INET, SOCK_STREAM) in the child: %s",
		 ns_errno_name(-r->net_stream_socket_err));
}

/* ---- CLONE_NEWUTS ---- */

NS_FIXTURE(newuts, CC_NS_UTS)

TEST_F(newuts, hostname)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, !strcmp(r->uts_child, r->tag),
		 "the child set \"%s\" and reads \"%s\"", r->tag, r->uts_child);
	if (r->given)
		NS_CHECK(r, !strcmp(r->uts_parent_after, r->uts_parent_before),
			 "the parent's hostname went from \"%s\" to \"%s\"",
			 r->uts_parent_before, r->uts_parent_after);
	else
		NS_CHECK(r, !strcmp(r->uts_parent_after, r->tag),
			 "the parent reads \"%s\" after the child set \"%s\"",
			 r->uts_parent_after, r->tag);
}

/* ---- CLONE_NEWIPC ---- */

NS_FIXTURE(newipc, CC_NS_IPC)

TEST_F(newipc, sysv_message_queue)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	CASE_REQUIRE_FEATURE(CC_FEATURE_SYSVIPC);
	NS_CHECK(r, r->ipc_child_msg_err == 0, "msgget(IPC_CREAT) in the child: %s",
		 ns_errno_name(-r->ipc_child_msg_err));
	NS_CHECK(r, r->ipc_parent_msg_err == (r->given ? -ENOENT : 0),
		 "msgget(%#lx) in the parent: %s, want %s", r->msg_key,
		 ns_errno_name(-r->ipc_parent_msg_err),
		 r->given ? "ENOENT" : "success");
}

TEST_F(newipc, posix_message_queue)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	CASE_REQUIRE_FEATURE(CC_FEATURE_MQUEUE);
	NS_CHECK(r, r->ipc_child_mq_err == 0, "mq_open(O_CREAT) in the child: %s",
		 ns_errno_name(-r->ipc_child_mq_err));
	NS_CHECK(r, r->ipc_parent_mq_err == (r->given ? -ENOENT : 0),
		 "mq_open(%s) in the parent: %s, want %s", r->tag,
		 ns_errno_name(-r->ipc_parent_mq_err),
		 r->given ? "ENOENT" : "success");
}

/* ---- CLONE_NEWUSER ---- */

NS_FIXTURE(newuser, CC_NS_USER)

TEST_F(newuser, unmapped_ids_are_overflow)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (r->given)
		NS_CHECK(r, r->user_uid_before == r->user_overflow_uid &&
			 r->user_gid_before == r->user_overflow_gid,
			 "before the maps the child is %ld:%ld, want the overflow ids %ld:%ld",
			 r->user_uid_before, r->user_gid_before,
			 r->user_overflow_uid, r->user_overflow_gid);
	else
		NS_CHECK(r, r->user_uid_before == (long)r->user_parent_uid,
			 "the child is uid %ld, its parent %u",
			 r->user_uid_before, r->user_parent_uid);
}

TEST_F(newuser, root_inside_after_the_maps)
{
	struct ns_report *r = self->r;
	uint64_t all = r->given ? (2ULL << r->user_cap_last) - 1 :
				  r->user_parent_cap_effective;
	long want = r->given ? 0 : (long)r->user_parent_uid;

	NS_REQUIRE_CHILD(r);
	/*
	 * Given: root inside, every capability whatever the bounding set
	 * outside.  Absent: the parent's own ids and capabilities.
	 */
	NS_CHECK(r, r->user_uid_after == want && r->user_gid_after == want,
		 "after the maps the child is %ld:%ld, want %ld:%ld",
		 r->user_uid_after, r->user_gid_after, want, want);
	NS_CHECK(r, r->user_cap_effective == all,
		 "the child's effective capabilities are %#llx, want %#llx",
		 (unsigned long long)r->user_cap_effective,
		 (unsigned long long)all);
}

TEST_F(newuser, no_capabilities_outside)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	/* Its UTS namespace is the parent's, owned by the outer one. */
	NS_CHECK(r, r->user_sethostname_err == (r->given ? -EPERM : 0),
		 "sethostname on the parent's UTS namespace: %s, want %s",
		 ns_errno_name(-r->user_sethostname_err),
		 r->given ? "EPERM" : "success");
}

TEST_F(newuser, setgroups_rules)
{
	struct ns_report *r = self->r;
	bool parent_privileged = r->ctx == CC_CTX_ROOT ||
				 r->ctx == CC_CTX_USERNS_ROOT;
	long want;

	NS_REQUIRE_CHILD(r);
	if (!r->given) {
		/* userns_root's own namespace was mapped with "deny". */
		want = r->ctx == CC_CTX_USERNS_ROOT ? -EPERM : 0;
		NS_CHECK(r, r->user_setgroups_err == want,
			 "setgroups in the child: %s, want %s",
			 ns_errno_name(-r->user_setgroups_err),
			 ns_errno_name(-want));
		return;
	}
	NS_CHECK(r, r->user_gid_map_first_err == (parent_privileged ? 0 : -EPERM),
		 "gid_map before setgroups \"deny\": %s, want %s",
		 ns_errno_name(-r->user_gid_map_first_err),
		 parent_privileged ? "success" : "EPERM");
	if (parent_privileged)
		NS_CHECK(r, r->user_deny_after_map_err == -EPERM,
			 "setgroups \"deny\" after gid_map: %s, want EPERM",
			 ns_errno_name(-r->user_deny_after_map_err));
	/*
	 * The child may call setgroups only if no namespace on its way up
	 * says "deny": a new user namespace inherits the state of its
	 * parent, and userns_root's own was mapped with "deny".
	 */
	want = r->ctx == CC_CTX_ROOT ? 0 : -EPERM;
	NS_CHECK(r, r->user_setgroups_err == want,
		 "setgroups in the child: %s, want %s",
		 ns_errno_name(-r->user_setgroups_err), ns_errno_name(-want));
}

/* ---- CLONE_NEWCGROUP ---- */

NS_FIXTURE(newcgroup, CC_NS_CGROUP)

TEST_F(newcgroup, rooted_at_its_cgroup)
{
	struct ns_report *r = self->r;

	NS_REQUIRE_CHILD(r);
	if (!strcmp(r->cg_parent, "/"))
		TH_LOG("the parent is in the root cgroup: given and absent look alike here");
	NS_CHECK(r, !strcmp(r->cg_child, r->given ? "/" : r->cg_parent),
		 "the child's /proc/self/cgroup says \"%s\", want \"%s\"",
		 r->cg_child, r->given ? "/" : r->cg_parent);
	NS_CHECK(r, !strcmp(r->cg_parent_view, r->cg_parent),
		 "seen from the parent the child is in \"%s\", the parent in \"%s\"",
		 r->cg_parent_view, r->cg_parent);
}

/* ---- CLONE_NEWTIME ---- */

NS_FIXTURE(newtime, CC_NS_TIME)

TEST_F(newtime, namespace_made)
{
	struct ns_report *r = self->r;
	bool made = r->given && r->entry == CC_ENTRY_CLONE3;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, !strcmp(r->time_child_ns, r->time_parent_ns) == !made,
		 "the child is in %s, the parent in %s", r->time_child_ns,
		 r->time_parent_ns);
}

TEST_F(newtime, offsets_apply_to_the_child_only)
{
	struct ns_report *r = self->r;
	int64_t lo = r->time_before.sec + r->time_offset;
	int64_t hi = r->time_after.sec + r->time_offset + 1;

	NS_REQUIRE_CHILD(r);
	NS_CHECK(r, r->time_child.sec >= lo && r->time_child.sec <= hi,
		 "the child's CLOCK_MONOTONIC is %llds; the parent read %llds before and %llds after, offset %lds",
		 (long long)r->time_child.sec, (long long)r->time_before.sec,
		 (long long)r->time_after.sec, r->time_offset);
}

/* Legacy clone: CLONE_NEWTIME is 0x80, inside the exit-signal byte. */
TEST_F(newtime, legacy_clone_reads_it_as_exit_signal)
{
	struct ns_report *r = self->r;
	long want = (r->given ? 0x80 : 0) | SIGCHLD;

	NS_REQUIRE_CHILD(r);
	if (r->entry == CC_ENTRY_CLONE3)
		want = SIGCHLD;
	NS_CHECK(r, r->time_exit_signal_field == want,
		 "the child's exit signal (/proc/PID/stat) is %ld, want %ld",
		 r->time_exit_signal_field, want);
}

TEST_HARNESS_MAIN
