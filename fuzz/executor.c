// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck-executor: runs fuzz inputs for a fuzz target; see
 * executor.h.  Its stdin is a socket to the target: a cc_exec_msg in,
 * a cc_exec_reply out, until the target closes it.  Built without
 * sanitizers or coverage: it is the parent of every input's fork.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/cgroup.h"
#include "engine/context.h"
#include "spec/env.h"
#include "executor.h"
#include "engine/launch.h"
#include "engine/sys.h"
#include "outcome/names.h"
#include "engine/machine.h"
#include "spec/model.h"

#define NEWNET_LOCK	"/run/lock/clonecheck-newnet"

static bool isolated;
static bool inputs_drop_caps;	/* root in our own user namespace only */
static int executor_pidns_level;
static char run_prefix[48];	/* this executor's cgroup runs: <prefix><n> */
static unsigned long inputs_run;
static int target_channel = -1;	/* the socket to the fuzz target */
static int newnet_lock = -1;

/*
 * The resident (isolated executors only): pid 1 of one pid namespace,
 * with a mount namespace and a /proc of its own, kept from input to
 * input.  It is each input's warden itself, as an input's init is, so
 * an input pays for no namespace and no process beyond its caller and
 * child: the input init and its pid namespace's teardown were 1.9 of
 * the 5.7 ms an input took.  An input whose set_tid names a pid at the
 * resident's level still gets an init and a fresh pid namespace of its
 * own: only there are the pids taken known (1 and 2, env.pids_taken),
 * and the model judges set_tid by them.
 *
 * Most inputs' callers are vforks of the resident, sharing its memory
 * (cc_launch_as_warden): an address space per caller, made, faulted in
 * and torn down, was half of what an input cost on this paravirtualised
 * host, and forking callers ahead gained nothing where process creation
 * does not scale across cores (make bench, "process creation").
 *
 * After every input the resident drains the signals left pending and
 * checks that it is as it was (no child, the same fds, mount table and
 * number of mappings: a caller that shared its memory left nothing
 * mapped; the executor checks the rest, as after any input).  When
 * anything was left, when the input broke or ran over the watchdog, the
 * executor ends the resident (its whole pid namespace with it) and the
 * next input starts a new one.
 */
static pid_t resident = -1;
/*
 * The executor's end of the socket to the resident, at an fd held from
 * the start (/dev/null while there is no resident): the executor's fd
 * census stays the same whether a resident runs or not.
 */
static int resident_slot = -1;

/* What the executor sends the resident: the input and its number. */
struct resident_msg {
	unsigned long n;
	struct cc_exec_msg msg;
};

/* What an input must leave as it found it. */
struct host_state {
	int fd_count, fd_highest;
	uint64_t mounts_hash;
	int sems;
	char hostname[65];
};

static void __attribute__((format(printf, 2, 3)))
note_leak(struct cc_exec_reply *reply, const char *fmt, ...)
{
	size_t used = strlen(reply->leak);
	va_list ap;

	if (used + 3 >= sizeof(reply->leak))
		return;
	if (used)
		used += snprintf(reply->leak + used, sizeof(reply->leak) - used, "; ");
	va_start(ap, fmt);
	vsnprintf(reply->leak + used, sizeof(reply->leak) - used, fmt, ap);
	va_end(ap);
}

/* FNV-1a over a whole file, and its line count. */
static uint64_t file_hash(const char *path, int *lines)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	char buf[4096];
	ssize_t n, i;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*lines = -1;
	if (fd < 0)
		return 0;
	*lines = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			hash = (hash ^ (uint8_t)buf[i]) * 0x100000001b3ULL;
			*lines += buf[i] == '\n';
		}
	}
	close(fd);
	return hash;
}

/*
 * How many mappings this process has, its heap left out: how the heap's
 * pages fall into mappings changes with each brk after a fork.  -1 when
 * /proc/self/maps cannot be read whole (more than a few hundred).
 */
static int mappings_count(void)
{
	static char maps[32768];
	int count = 0, fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	size_t used = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (used < sizeof(maps) - 1 &&
	       (n = read(fd, maps + used, sizeof(maps) - 1 - used)) > 0)
		used += (size_t)n;
	close(fd);
	if (used == sizeof(maps) - 1)
		return -1;
	maps[used] = '\0';
	for (char *line = maps, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		count += !strstr(line, "[heap]");
	}
	return count;
}

static void host_snapshot(struct host_state *s)
{
	struct utsname uts;
	int lines;

	cc_fd_census(&s->fd_count, &s->fd_highest);
	s->mounts_hash = file_hash("/proc/self/mountinfo", &lines);
	file_hash("/proc/sysvipc/sem", &s->sems);
	uname(&uts);
	snprintf(s->hostname, sizeof(s->hostname), "%s", uts.nodename);
}

/*
 * Every child still ours after the input's init was reaped: an escape
 * from the input's pid namespace or process group.  Each is named,
 * then killed and reaped, so one leak does not spoil the next input.
 */
static void check_children(struct cc_exec_reply *reply)
{
	char path[64], buf[512], left[512] = "";
	size_t used = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (char *p = buf; *p;) {
		long pid = strtol(p, &p, 10);

		while (*p == ' ' || *p == '\n')
			p++;
		if (pid <= 0 || pid == resident)
			continue;
		if (used < sizeof(left))
			used += (size_t)snprintf(left + used, sizeof(left) - used,
						 "%s%ld", used ? " " : "", pid);
		kill((pid_t)pid, SIGKILL);
		while (waitpid((pid_t)pid, NULL, __WALL) < 0 && errno == EINTR)
			;
	}
	if (left[0])
		note_leak(reply, "processes still running after the input: %s", left);
}

/* The cgroup run an input's launches name their cgroups by. */
static void input_run_name(char *buf, size_t len, unsigned long n)
{
	snprintf(buf, len, "%s%lu", run_prefix, n);
}

/*
 * Where cgroup2 is mounted, found once: a mount an input made or
 * removed is a leak of its own (the mount table's hash).
 */
static char cgroup2_point[512];

/* cgroup directories the input's launch made and did not remove. */
static void check_cgroups(struct cc_exec_reply *reply, unsigned long n)
{
	const char *point = cgroup2_point;
	char prefix[96], run[64];
	struct dirent *entry;
	DIR *dir;

	if (!point[0])
		return;
	dir = opendir(point);
	if (!dir)
		return;
	input_run_name(run, sizeof(run), n);
	snprintf(prefix, sizeof(prefix), CC_CGROUP_PREFIX "%s.", run);
	while ((entry = readdir(dir)))
		if (!strncmp(entry->d_name, prefix, strlen(prefix)))
			note_leak(reply, "cgroup left behind: %s/%s", point,
				  entry->d_name);
	closedir(dir);
}

static void check_host(struct cc_exec_reply *reply, const struct host_state *before,
		       unsigned long run)
{
	struct host_state after;

	check_children(reply);
	check_cgroups(reply, run);
	host_snapshot(&after);
	if (after.fd_count != before->fd_count || after.fd_highest != before->fd_highest)
		note_leak(reply, "the executor's fds changed: %d open (highest %d), %d before (highest %d)",
			  after.fd_count, after.fd_highest, before->fd_count,
			  before->fd_highest);
	if (after.mounts_hash != before->mounts_hash)
		note_leak(reply, "the mount table changed");
	if (after.sems != before->sems)
		note_leak(reply, "SysV semaphore sets: %d, %d before", after.sems,
			  before->sems);
	if (strcmp(after.hostname, before->hostname))
		note_leak(reply, "hostname \"%s\", \"%s\" before", after.hostname,
			  before->hostname);
}

/*
 * A user namespace of our own, our uid and gid mapped to themselves.
 * 0, or -1 when user namespaces are not ours to make here.
 */
static int enter_own_user_namespace(void)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char why[200];

	if (cc_env_userns_blocked(why, sizeof(why)) || unshare(CLONE_NEWUSER))
		return -1;
	if (cc_userns_map(getpid(), uid, uid, gid, gid, true, why, sizeof(why))) {
		fprintf(stderr, "%s: mapping its own user namespace: %s\n",
			CC_EXEC_NAME, why);
		exit(1);
	}
	return 0;
}

/*
 * A slot for an input that makes network namespaces: their teardown
 * runs later in a kernel worker, and many at once pile up.  OFD locks
 * on the bytes of one lock file hold across executors and vanish with
 * the fd.  Without the lock file there is no bound.
 */
static int newnet_acquire(void)
{
	struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1 };
	int slot;

	if (newnet_lock < 0)
		return -1;
	for (slot = 0; slot < CC_EXEC_NEWNET_SLOTS; slot++) {
		lock.l_start = slot;
		if (fcntl(newnet_lock, F_OFD_SETLK, &lock) == 0)
			return slot;
	}
	lock.l_start = getpid() % CC_EXEC_NEWNET_SLOTS;
	while (fcntl(newnet_lock, F_OFD_SETLKW, &lock) < 0)
		if (errno != EINTR)
			return -1;
	return (int)lock.l_start;
}

static void newnet_release(int slot)
{
	struct flock lock = { .l_type = F_UNLCK, .l_whence = SEEK_SET,
			      .l_start = slot, .l_len = 1 };

	if (slot >= 0)
		fcntl(newnet_lock, F_OFD_SETLK, &lock);
}

/* What the input's init writes for the executor. */
struct input_page {
	struct cc_exec_reply reply;
};

static void limit(int resource, rlim_t value)
{
	struct rlimit rl = { value, value };

	setrlimit(resource, &rl);
}

/* Every capability gone: the input runs as unprivileged as we were. */
static int drop_capabilities(void)
{
	struct cc_cap_header hdr = { CC_CAP_VERSION_3, 0 };
	struct cc_cap_data none[2] = { { 0 } };

	return sys_capset(&hdr, none) ? -1 : 0;
}

/* The resident's slot back to /dev/null (resident_slot). */
static void slot_to_null(void)
{
	int null;

	if (resident_slot < 0)
		return;
	null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (null >= 0) {
		dup3(null, resident_slot, O_CLOEXEC);
		close(null);
	}
}

/*
 * What the process an input is launched from sets up first, an input's
 * init or the resident (once): its parent's death fatal to it, the
 * dispositions a program starts with, our pid namespace's /proc (pids
 * in /proc/N are ours) or, not isolated, a process group of its own,
 * and the input's capabilities and limits.  0, or -1 and why.
 */
static int input_process_setup(char *why, size_t len)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	cc_exec_take_stray_signals(false);
	if (isolated) {
		if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) {
			snprintf(why, len, "mount /proc in the input's namespaces: %s",
				 CC_ERRNO(errno));
			return -1;
		}
	} else {
		setpgid(0, 0);
	}
	if (inputs_drop_caps && drop_capabilities()) {
		snprintf(why, len, "dropping the input's capabilities: %s",
			 CC_ERRNO(errno));
		return -1;
	}
	limit(RLIMIT_CORE, 0);
	limit(RLIMIT_FSIZE, 1 << 20);
	return 0;
}

static int input_init(const struct cc_exec_msg *msg, struct input_page *page,
		      unsigned long n)
{
	char run[64];

	/* Not the resident's socket: only /dev/null, as in the resident. */
	slot_to_null();
	if (input_process_setup(page->reply.obs.broken,
				sizeof(page->reply.obs.broken)))
		return 1;
	/* The input's cgroups carry its run's name: check_cgroups finds them. */
	input_run_name(run, sizeof(run), n);
	cc_cgroup_set_run(run);

	if (msg->op == CC_EXEC_HELLO) {
		cc_env_detect(&page->reply.env);
		/* The launch's caller is this process's child, not init. */
		page->reply.env.pidns_init = false;
		if (isolated) {
			/* This init is pid 1 and the launch's warden, its caller 2. */
			page->reply.env.pids_taken = 2;
			/* Our /proc shows no level above its own. */
			page->reply.env.pidns_level = executor_pidns_level + 1;
		}
		page->reply.result = CC_RESULT_OK;
		return 0;
	}
	page->reply.stamp_ns[CC_EXEC_STAMP_INIT] = cc_monotonic_ns();
	/* This process is as throwaway as a warden: it is the warden. */
	page->reply.result = cc_launch_as_warden(&msg->req, &page->reply.obs);
	return 0;
}

/*
 * Exit signals the launch left pending (every signal stays blocked in
 * a warden): the next launch must not read them as its own.
 */
static void drain_signals(void)
{
	uint64_t every_signal = ~0ULL;
	struct timespec now = { 0, 0 };

	while (syscall(SYS_rt_sigtimedwait, &every_signal, NULL, &now,
		       sizeof(every_signal)) > 0 || errno == EINTR)
		;
}

/*
 * The resident: one input after another from channel, each launched
 * with the resident as its warden (cc_launch_as_warden), as an input's
 * init is: the caller's parent is pid 1 of its pid namespace either way.
 */
static int resident_main(int channel)
{
	static struct resident_msg in;
	static struct cc_exec_reply reply;
	int fds, highest, fds_after, highest_after, lines, mappings, mappings_after;
	char setup_failed[200] = "", run[64];
	uint64_t mounts;

	input_process_setup(setup_failed, sizeof(setup_failed));
#ifdef __GLIBC__
	/*
	 * A request's malloc'ed stack (stack=malloc:8m) is mapped and
	 * unmapped again, as it is the first time, instead of growing the
	 * heap of a process that lives for many inputs: glibc raises its
	 * threshold after each such free unless it is set.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	cc_fd_census(&fds, &highest);
	mounts = file_hash("/proc/self/mountinfo", &lines);
	mappings = mappings_count();
	for (;;) {
		if (cc_exec_recv(channel, &in, sizeof(in)))
			break;
		memset(&reply, 0, sizeof(reply));
		reply.stamp_ns[CC_EXEC_STAMP_INIT] = cc_monotonic_ns();
		if (setup_failed[0]) {
			reply.result = CC_RESULT_BROKEN;
			snprintf(reply.obs.broken, sizeof(reply.obs.broken), "%s",
				 setup_failed);
		} else {
			input_run_name(run, sizeof(run), in.n);
			cc_cgroup_set_run(run);
			reply.result = cc_launch_as_warden(&in.msg.req, &reply.obs);
			drain_signals();
			check_children(&reply);
			cc_fd_census(&fds_after, &highest_after);
			if (fds_after != fds || highest_after != highest)
				note_leak(&reply, "the resident's fds changed: %d open (highest %d), %d before (highest %d)",
					  fds_after, highest_after, fds, highest);
			if (file_hash("/proc/self/mountinfo", &lines) != mounts)
				note_leak(&reply, "the mount table of the resident's namespace changed");
			mappings_after = mappings_count();
			if (mappings_after != mappings)
				note_leak(&reply, "the resident's memory, which the caller shared, has %d mappings, %d before",
					  mappings_after, mappings);
		}
		reply.stamp_ns[CC_EXEC_STAMP_TORN_DOWN] = cc_monotonic_ns();
		if (cc_exec_send(channel, &reply, sizeof(reply)))
			return 1;
	}
	return 0;
}

/*
 * The resident's pid namespace ends with it: the kernel kills every
 * process in it.  Its exit status, or -1 when there was none.
 */
static int resident_end(void)
{
	int status = -1;

	if (resident < 0)
		return -1;
	kill(resident, SIGKILL);
	while (waitpid(resident, &status, __WALL) < 0 && errno == EINTR)
		;
	resident = -1;
	slot_to_null();
	return status;
}

static int resident_start(struct cc_exec_reply *reply)
{
	int sv[2];
	long pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: socketpair for the resident: %s", CC_ERRNO(errno));
		return -1;
	}
	pid = syscall(SYS_clone, SIGCHLD | CLONE_NEWPID | CLONE_NEWNS, 0, 0, 0, 0);
	if (pid == 0) {
		/*
		 * Its socket where the target's was: the launch's caller
		 * inherits the fd table an input's init would give it, and
		 * nothing here can reach the target.
		 */
		close(sv[0]);
		if (dup3(sv[1], target_channel, O_CLOEXEC) < 0)
			_exit(1);
		close(sv[1]);
		_exit(resident_main(target_channel));
	}
	close(sv[1]);
	if (pid < 0) {
		close(sv[0]);
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: clone of the resident: %s", CC_ERRNO(errno));
		return -1;
	}
	resident = (pid_t)pid;
	dup3(sv[0], resident_slot, O_CLOEXEC);
	close(sv[0]);
	return 0;
}

/*
 * Whether set_tid names a pid at the resident's level of pid namespaces,
 * where the pids taken are not known: set_tid[i] is for the level i
 * above the child's, and the levels below the resident's are new for
 * this input (the child's own with CLONE_NEWPID, its caller's
 * pid_for_children after unshare= or pidns=setns, the caller's own
 * with pidns=init), their pids known to the model.  Not when the
 * kernel refuses set_tid before it looks at a pid: more entries than
 * there are levels (EINVAL), or no array to read (EINVAL, EFAULT).
 */
static bool names_resident_pids(const struct cc_request *req)
{
	struct cc_env base = { 0 }, caller;
	unsigned int new_levels, levels;

	if (!req->set_tid_size || req->set_tid_ptr != CC_PTR_AUTO)
		return false;
	cc_model_env_for(req, &base, &caller);
	new_levels = (unsigned int)(caller.pidns_level - base.pidns_level) +
		     caller.pid_for_children_differs +
		     !!(req->flags & CC_CLONE_NEWPID);
	/* The resident's level is one below ours; levels count from 0. */
	levels = new_levels + (unsigned int)executor_pidns_level + 2;
	return req->set_tid_size > new_levels && req->set_tid_size <= levels;
}

/* Whether the input runs in the resident (see resident, above). */
static bool runs_in_resident(const struct cc_exec_msg *msg)
{
	return isolated && resident_slot >= 0 && msg->op == CC_EXEC_RUN &&
	       !names_resident_pids(&msg->req);
}

static void run_in_resident(const struct cc_exec_msg *msg,
			    struct cc_exec_reply *reply, unsigned long n)
{
	static struct resident_msg out;
	struct pollfd pfd = { .fd = resident_slot, .events = POLLIN };
	uint64_t input_at = reply->stamp_ns[CC_EXEC_STAMP_INPUT];
	int ret, status;

	if (resident < 0 && resident_start(reply))
		return;
	out.n = n;
	out.msg = *msg;
	if (cc_exec_send(resident_slot, &out, sizeof(out))) {
		status = resident_end();
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: the resident was gone before the input (status 0x%x)",
			 status);
		return;
	}
	do {
		ret = poll(&pfd, 1, CC_EXEC_WATCHDOG_SECONDS * 1000);
	} while (ret < 0 && errno == EINTR);
	if (ret == 0) {
		resident_end();
		note_leak(reply, "watchdog: the input ran over %d s; killed",
			  CC_EXEC_WATCHDOG_SECONDS);
		return;
	}
	if (cc_exec_recv(resident_slot, reply, sizeof(*reply))) {
		memset(reply, 0, sizeof(*reply));
		reply->result = CC_RESULT_BROKEN;
		status = resident_end();
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: the resident ended during the input with status 0x%x",
			 status);
	} else if (reply->leak[0] || reply->result == CC_RESULT_BROKEN) {
		/* The next input starts from a new one. */
		resident_end();
	}
	reply->magic = CC_EXEC_MAGIC;
	reply->isolated = isolated;
	reply->stamp_ns[CC_EXEC_STAMP_INPUT] = input_at;
}

static void run_input(const struct cc_exec_msg *msg, struct cc_exec_reply *reply,
		      const struct host_state *before)
{
	struct input_page *page;
	struct pollfd pfd = { .events = POLLIN };
	int status, ret, slot = -1;
	unsigned long n;
	long pid, pidfd;

	memset(reply, 0, sizeof(*reply));
	reply->magic = CC_EXEC_MAGIC;
	reply->isolated = isolated;
	reply->result = CC_RESULT_BROKEN;
	if (msg->op == CC_EXEC_RUN && msg->req.flags & CC_CLONE_NEWNET)
		slot = newnet_acquire();

	n = ++inputs_run;
	reply->stamp_ns[CC_EXEC_STAMP_INPUT] = cc_monotonic_ns();
	if (runs_in_resident(msg)) {
		run_in_resident(msg, reply, n);
		check_host(reply, before, n);
		reply->stamp_ns[CC_EXEC_STAMP_CHECKED] = cc_monotonic_ns();
		newnet_release(slot);
		return;
	}
	page = mmap(NULL, sizeof(*page), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: mmap: %s", CC_ERRNO(errno));
		newnet_release(slot);
		return;
	}
	pid = syscall(SYS_clone, SIGCHLD | (isolated ? CLONE_NEWPID | CLONE_NEWNS : 0),
		      0, 0, 0, 0);
	if (pid == 0)
		_exit(input_init(msg, page, n));
	if (pid < 0) {
		snprintf(reply->obs.broken, sizeof(reply->obs.broken),
			 "executor: clone of the input's init: %s", CC_ERRNO(errno));
		goto out;
	}
	pidfd = sys_pidfd_open((int)pid, 0);
	if (pidfd >= 0) {
		pfd.fd = (int)pidfd;
		do {
			ret = poll(&pfd, 1, CC_EXEC_WATCHDOG_SECONDS * 1000);
		} while (ret < 0 && errno == EINTR);
		close((int)pidfd);
		if (ret == 0)
			note_leak(reply, "watchdog: the input ran over %d s; killed",
				  CC_EXEC_WATCHDOG_SECONDS);
	}
	/* Its whole pid namespace, or its process group, goes with it. */
	kill((pid_t)pid, SIGKILL);
	if (!isolated)
		kill((pid_t)-pid, SIGKILL);
	/* __WALL: whatever exit signal the kernel gave the init. */
	while (waitpid((pid_t)pid, &status, __WALL) < 0 && errno == EINTR)
		;
	reply->stamp_ns[CC_EXEC_STAMP_TORN_DOWN] = cc_monotonic_ns();
	reply->stamp_ns[CC_EXEC_STAMP_INIT] = page->reply.stamp_ns[CC_EXEC_STAMP_INIT];
	memcpy(&reply->env, &page->reply.env, sizeof(reply->env));
	memcpy(&reply->obs, &page->reply.obs, sizeof(reply->obs));
	reply->result = page->reply.result;
	if (!reply->leak[0] && (!WIFEXITED(status) || WEXITSTATUS(status))) {
		reply->result = CC_RESULT_BROKEN;
		if (!reply->obs.broken[0])
			snprintf(reply->obs.broken, sizeof(reply->obs.broken),
				 "executor: the input's init ended with status 0x%x",
				 status);
	}
	check_host(reply, before, n);
	reply->stamp_ns[CC_EXEC_STAMP_CHECKED] = cc_monotonic_ns();
out:
	newnet_release(slot);
	munmap(page, sizeof(*page));
}

int main(void)
{
	static struct cc_exec_msg msg;
	static struct cc_exec_reply reply;
	struct host_state before;
	pid_t target = getppid();
	int err, null;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != target || target == 1)
		return 1;
	/* An input's init may end with any exit signal a faulty kernel
	 * picks: the wait below (__WALL) sees it, it must not end us. */
	cc_exec_take_stray_signals(true);
	signal(SIGPIPE, SIG_IGN);

	/* The socket moves off stdin; stdout becomes stderr: it carries
	 * nothing but messages. */
	target_channel = fcntl(0, F_DUPFD_CLOEXEC, 10);
	null = open("/dev/null", O_RDONLY);
	if (target_channel < 0 || null < 0 || dup2(null, 0) < 0 || dup2(2, 1) < 0) {
		fprintf(stderr, "%s: cannot set up its fds: %s\n", CC_EXEC_NAME,
			CC_ERRNO(errno));
		return 1;
	}
	close(null);

	/*
	 * Namespaces of our own, so every count the leak check takes is of
	 * what our inputs did, not of what the machine's other programs
	 * do.  Unprivileged, they are made in a user namespace of our own
	 * (our uid and gid mapped to themselves), and each input drops the
	 * capabilities that gives us: it runs as unprivileged as we were.
	 */
	if (!cc_env_has_cap(CAP_SYS_ADMIN) && enter_own_user_namespace() == 0)
		inputs_drop_caps = true;
	if (cc_env_has_cap(CAP_SYS_ADMIN)) {
		err = cc_enter_throwaway_namespaces();
		if (err) {
			fprintf(stderr, "%s: throwaway namespaces: %s\n",
				CC_EXEC_NAME, CC_ERRNO(err));
			return 1;
		}
		isolated = true;
	} else {
		/* Orphans of an input come to us, to be named and reaped. */
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	}
	snprintf(run_prefix, sizeof(run_prefix), "x%d-%lx-", getpid(),
		 (unsigned long)time(NULL));
	{
		struct cc_env self;

		cc_env_detect(&self);
		executor_pidns_level = self.pidns_level;
	}
	if (isolated)
		resident_slot = open("/dev/null", O_RDONLY | O_CLOEXEC);
	newnet_lock = open(NEWNET_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	/* Every user's executors share it, whatever our umask. */
	if (newnet_lock >= 0)
		fchmod(newnet_lock, 0666);
	host_snapshot(&before);
	{
		char root[512];

		if (cc_env_cgroup2_mount(cgroup2_point, sizeof(cgroup2_point),
					 root, sizeof(root)))
			cgroup2_point[0] = '\0';
	}

	while (cc_exec_recv(target_channel, &msg, sizeof(msg)) == 0) {
		if (msg.magic != CC_EXEC_MAGIC ||
		    (msg.op != CC_EXEC_HELLO && msg.op != CC_EXEC_RUN)) {
			fprintf(stderr, "%s: a message it does not understand (magic 0x%x, op %u)\n",
				CC_EXEC_NAME, msg.magic, msg.op);
			return 1;
		}
		run_input(&msg, &reply, &before);
		/*
		 * A leak is reported once: what it left (a killed warden's
		 * semaphore) is the next input's starting point.
		 */
		if (reply.leak[0])
			host_snapshot(&before);
		reply.seq = msg.seq;
		if (cc_exec_send(target_channel, &reply, sizeof(reply)))
			return 1;
	}
	return 0;
}
