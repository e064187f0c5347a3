// SPDX-License-Identifier: GPL-2.0
/*
 * The caller's steps (spec/request.h): what the process that makes the
 * call does to itself first.  They run in the launcher's throwaway
 * caller, after as= and before the call's limits, in request.h's order.
 *
 * A step the caller may not take (no capability for it, a namespace
 * type the kernel lacks, user namespaces closed to it) is a SKIP that
 * names the step and the evidence; any other failure is BROKEN.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/context.h"
#include "engine/machine.h"
#include "engine/steps.h"
#include "outcome/names.h"
#include "spec/flags.h"

struct step_report {
	char *why;
	size_t len;
};

__attribute__((format(printf, 3, 4)))
static enum cc_result step_says(struct step_report *r, enum cc_result result,
				const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, r->len, fmt, ap);
	va_end(ap);
	return result;
}

/*
 * A step refused with err: a SKIP when the refusal is the documented
 * answer to what this caller lacks, else BROKEN.
 */
static enum cc_result refused(struct step_report *r, const char *step,
			      const char *call, int err, int cap, int ns_type)
{
	char feature[200];

	if (ns_type >= 0 && err == EINVAL &&
	    cc_env_feature(CC_FEATURE_NS_MNT + ns_type, feature,
			   sizeof(feature)) == CC_ABSENT)
		return step_says(r, CC_RESULT_SKIP, "%s: %s", step, feature);
	if (cap >= 0 && (err == EPERM || err == EACCES) && !cc_env_has_cap(cap))
		return step_says(r, CC_RESULT_SKIP,
				 "%s: the caller lacks %s (%s: %s)", step,
				 cc_cap_names[cap], call, CC_ERRNO(err));
	return step_says(r, CC_RESULT_BROKEN, "%s: %s: %s", step, call,
			 CC_ERRNO(err));
}

/* A credential change clears the parent-death signal: set it again. */
static void keep_death_signal(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static int set_caps(uint64_t keep_mask)
{
	struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	int i;

	if (syscall(SYS_capget, &header, data))
		return -errno;
	for (i = 0; i < 2; i++) {
		uint32_t keep = (uint32_t)(keep_mask >> (32 * i));

		data[i].effective &= keep;
		data[i].permitted &= keep;
		data[i].inheritable &= keep;
	}
	if (syscall(SYS_capset, &header, data))
		return -errno;
	keep_death_signal();
	return 0;
}

/* userns=, or nproc='s own user namespace (mapped to itself, no caps). */
static enum cc_result enter_userns(struct step_report *r, const char *step,
				   bool write_map, bool map_to_self)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char blocked[200], why[200];
	int err;

	if (unshare(CLONE_NEWUSER)) {
		err = errno;
		if ((err == EPERM || err == ENOSPC || err == EACCES) &&
		    cc_env_userns_blocked(blocked, sizeof(blocked)))
			return step_says(r, CC_RESULT_SKIP, "%s: %s (unshare: %s)",
					 step, blocked, CC_ERRNO(err));
		return refused(r, step, "unshare(CLONE_NEWUSER)", err, -1,
			       CC_NS_USER);
	}
	keep_death_signal();
	if (!write_map)
		return CC_RESULT_OK;
	err = cc_userns_map(getpid(), map_to_self ? uid : 0, uid,
			    map_to_self ? gid : 0, gid, true, why, sizeof(why));
	if (err)
		return step_says(r, CC_RESULT_BROKEN, "%s: %s", step, why);
	if (map_to_self) {
		/* Without capabilities, as the caller was. */
		err = set_caps(0);
		if (err)
			return step_says(r, CC_RESULT_BROKEN, "%s: capset: %s",
					 step, CC_ERRNO(err));
	}
	return CC_RESULT_OK;
}

static enum cc_result limit_namespaces(struct step_report *r, uint64_t types)
{
	char path[80], why[200];
	int t, err;

	for (t = 0; t < CC_NS_COUNT; t++) {
		if (!(types & cc_ns_flags[t]))
			continue;
		snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces",
			 cc_ns_names[t]);
		err = cc_write_file(path, "0", why, sizeof(why));
		if (err)
			return step_says(r, CC_RESULT_BROKEN, "ns_limit: %s", why);
	}
	return CC_RESULT_OK;
}

/* A mount namespace of the caller's own, nothing propagating out. */
static enum cc_result own_mounts(struct step_report *r, const char *step)
{
	if (unshare(CLONE_NEWNS))
		return refused(r, step, "unshare(CLONE_NEWNS)", errno,
			       CAP_SYS_ADMIN, CC_NS_MNT);
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return step_says(r, CC_RESULT_BROKEN, "%s: making / private: %s",
				 step, CC_ERRNO(errno));
	return CC_RESULT_OK;
}

static enum cc_result unshare_types(struct step_report *r, uint64_t flags)
{
	int t, err;

	if (!unshare((int)flags)) {
		if ((flags & CC_CLONE_NEWNS) &&
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			return step_says(r, CC_RESULT_BROKEN,
					 "unshare: making / private: %s",
					 CC_ERRNO(errno));
		return CC_RESULT_OK;
	}
	err = errno;
	/* Which type refused: the first the kernel lacks, if any. */
	for (t = 0; t < CC_NS_COUNT; t++) {
		char feature[200];

		if ((flags & cc_ns_flags[t]) &&
		    cc_env_feature(CC_FEATURE_NS_MNT + t, feature,
				   sizeof(feature)) == CC_ABSENT)
			return refused(r, "unshare", "unshare", err, -1, t);
	}
	return refused(r, "unshare", "unshare", err, CAP_SYS_ADMIN, -1);
}

/*
 * pidns=init: unshare, fork, and the child (pid 1) goes on as the
 * caller, with a /proc of its namespace; the parent waits and passes
 * its exit status on (a signal as broken_status, said in broken).
 */
static enum cc_result become_pidns_init(struct step_report *r, int broken_status,
					char *broken, size_t broken_len)
{
	enum cc_result result;
	int status;
	pid_t pid;

	if (unshare(CLONE_NEWPID))
		return refused(r, "pidns=init", "unshare(CLONE_NEWPID)", errno,
			       CAP_SYS_ADMIN, CC_NS_PID);
	pid = fork();
	if (pid < 0)
		return step_says(r, CC_RESULT_BROKEN, "pidns=init: fork: %s",
				 CC_ERRNO(errno));
	if (pid > 0) {
		while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
			;
		if (WIFEXITED(status))
			_exit(WEXITSTATUS(status));
		if (!broken[0])
			snprintf(broken, broken_len,
				 "pidns=init: the caller, pid 1 of its namespace, was killed by %s",
				 WIFSIGNALED(status) ? CC_SIGNAL_NAME(WTERMSIG(status)) : "?");
		_exit(broken_status);
	}
	keep_death_signal();
	result = own_mounts(r, "pidns=init");
	if (result != CC_RESULT_OK)
		return result;
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		return step_says(r, CC_RESULT_BROKEN, "pidns=init: mount /proc: %s",
				 CC_ERRNO(errno));
	return CC_RESULT_OK;
}

/*
 * pidns=setns and dead: a child unshares a pid namespace and forks its
 * init, which waits to be killed; the caller setns(2)es into it.  For
 * dead, the init is then killed and reaped by that child, which exits.
 */
static enum cc_result enter_pidns(struct step_report *r, bool dead)
{
	const char *step = dead ? "pidns=dead" : "pidns=setns";
	char path[64];
	int pipefd[2], fd, status, err;
	pid_t holder, init = 0;

	if (pipe2(pipefd, O_CLOEXEC))
		return step_says(r, CC_RESULT_BROKEN, "%s: pipe: %s", step,
				 CC_ERRNO(errno));
	holder = fork();
	if (holder < 0) {
		err = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return step_says(r, CC_RESULT_BROKEN, "%s: fork: %s", step,
				 CC_ERRNO(err));
	}
	if (holder == 0) {
		pid_t pid;

		keep_death_signal();
		close(pipefd[0]);
		if (unshare(CLONE_NEWPID))
			pid = -errno;
		else if ((pid = fork()) < 0)
			pid = -errno;
		if (pid == 0) {
			/* The init: it waits to be killed. */
			close(pipefd[1]);
			for (;;)
				pause();
		}
		if (write(pipefd[1], &pid, sizeof(pid)) != sizeof(pid))
			_exit(1);
		close(pipefd[1]);
		while (pid > 0 && waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &init, sizeof(init)) != sizeof(init))
		init = -EIO;
	close(pipefd[0]);
	if (init < 0) {
		waitpid(holder, &status, __WALL);
		return refused(r, step, "unshare(CLONE_NEWPID)", -init,
			       CAP_SYS_ADMIN, CC_NS_PID);
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", init);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWPID)) {
		err = errno;
		if (fd >= 0)
			close(fd);
		kill(init, SIGKILL);
		waitpid(holder, &status, __WALL);
		return fd < 0 ?
			step_says(r, CC_RESULT_BROKEN, "%s: open %s: %s", step,
				  path, CC_ERRNO(err)) :
			refused(r, step, "setns(CLONE_NEWPID)", err,
				CAP_SYS_ADMIN, CC_NS_PID);
	}
	close(fd);
	if (dead) {
		/* The holder reaps the init, then exits: the namespace is dead. */
		kill(init, SIGKILL);
		while (waitpid(holder, &status, __WALL) < 0 && errno == EINTR)
			;
	}
	return CC_RESULT_OK;
}

/*
 * chroot=yes: "/" bound (recursively) over /tmp in a mount namespace of
 * the caller's own, and chroot there: the same files, /proc among
 * them, under a root that is not the mount namespace's.
 */
static enum cc_result enter_chroot(struct step_report *r)
{
	enum cc_result result = own_mounts(r, "chroot");

	if (result != CC_RESULT_OK)
		return result;
	if (mount("/", "/tmp", NULL, MS_BIND | MS_REC, NULL))
		return refused(r, "chroot", "bind mount of / on /tmp", errno,
			       CAP_SYS_ADMIN, -1);
	if (chroot("/tmp"))
		return refused(r, "chroot", "chroot", errno, CAP_SYS_CHROOT, -1);
	if (chdir("/"))
		return step_says(r, CC_RESULT_BROKEN, "chroot: chdir /: %s",
				 CC_ERRNO(errno));
	return CC_RESULT_OK;
}

enum cc_result cc_steps_take(const struct cc_request *req, int broken_status,
			     char *broken, size_t broken_len, char *why,
			     size_t len)
{
	struct step_report r = { why, len };
	enum cc_result result = CC_RESULT_OK;
	int err;

	if (req->userns != CC_USERNS_NONE)
		result = enter_userns(&r, req->userns == CC_USERNS_MAPPED ?
				      "userns=mapped" : "userns=unmapped",
				      req->userns == CC_USERNS_MAPPED, false);
	else if (req->nproc != CC_NPROC_UNCHANGED && getuid() != 0)
		result = enter_userns(&r, "nproc (a user namespace of its own)",
				      true, true);
	if (result == CC_RESULT_OK && req->unshare)
		result = unshare_types(&r, req->unshare);
	if (result == CC_RESULT_OK && req->pidns == CC_PIDNS_INIT)
		result = become_pidns_init(&r, broken_status, broken, broken_len);
	if (result == CC_RESULT_OK &&
	    (req->pidns == CC_PIDNS_SETNS || req->pidns == CC_PIDNS_DEAD))
		result = enter_pidns(&r, req->pidns == CC_PIDNS_DEAD);
	if (result == CC_RESULT_OK && req->chroot)
		result = enter_chroot(&r);
	/* Last but drop=: the steps before make namespaces of the types. */
	if (result == CC_RESULT_OK && req->ns_limit)
		result = limit_namespaces(&r, req->ns_limit);
	if (result == CC_RESULT_OK && req->caps_drop) {
		err = set_caps(~req->caps_drop);
		if (err)
			result = step_says(&r, CC_RESULT_BROKEN, "drop: capset: %s",
					   CC_ERRNO(err));
	}
	return result;
}
