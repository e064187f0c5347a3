// SPDX-License-Identifier: GPL-2.0
/*
 * Privilege contexts; see context.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/context.h"
#include "engine/machine.h"
#include "outcome/names.h"
#include "spec/env.h"
#include "spec/request.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const context_names[] = {
	[CC_CTX_ROOT] = "root",
	[CC_CTX_UNPRIV] = "unprivileged",
	[CC_CTX_UNPRIV_NEWUSER] = "unpriv_newuser",
	[CC_CTX_USERNS_ROOT] = "userns_root",
};

_Static_assert(ARRAY_SIZE(context_names) == CC_CTX_COUNT, "context names");

const char *cc_context_name(enum cc_context ctx)
{
	return ctx < CC_CTX_COUNT ? context_names[ctx] : "?";
}

int cc_write_file(const char *path, const char *text, char *why, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0) {
		err = errno;
		if (why)
			snprintf(why, len, "open %s: %s", path, CC_ERRNO(err));
		return -err;
	}
	n = write(fd, text, strlen(text));
	err = n < 0 ? errno : 0;
	close(fd);
	if (n != (ssize_t)strlen(text)) {
		if (why)
			snprintf(why, len, "write \"%s\" to %s: %s", text, path,
				 err ? CC_ERRNO(err) : "short write");
		return err ? -err : -EIO;
	}
	return 0;
}

int cc_userns_map(pid_t pid, uid_t inside, uid_t outside, gid_t inside_gid,
		  gid_t outside_gid, bool deny_setgroups, char *why, size_t len)
{
	char path[64], map[64];
	int ret;

	if (deny_setgroups) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
		ret = cc_write_file(path, "deny", why, len);
		if (ret)
			return ret;
	}
	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	snprintf(map, sizeof(map), "%u %u 1\n", inside, outside);
	ret = cc_write_file(path, map, why, len);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	snprintf(map, sizeof(map), "%u %u 1\n", inside_gid, outside_gid);
	return cc_write_file(path, map, why, len);
}

int cc_enter_throwaway_namespaces(void)
{
	static const int types[] = { CC_NS_UTS, CC_NS_IPC, CC_NS_NET };
	int flags = CLONE_NEWNS;
	char why[200];
	size_t i;

	/* The types this kernel has: unshare refuses one it lacks (EINVAL). */
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (cc_env_feature(CC_FEATURE_NS_MNT + types[i], why,
				   sizeof(why)) != CC_ABSENT)
			flags |= (int)cc_ns_flags[types[i]];
	if (unshare(flags))
		return -errno;
	/* Nothing mounted from here on propagates back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -errno;
	return 0;
}

static enum cc_result drop_to_nobody(char *why, size_t len)
{
	if (geteuid() != 0)
		return CC_RESULT_OK;	/* unprivileged already */
	if (setgroups(0, NULL) || setresgid(CC_NOBODY, CC_NOBODY, CC_NOBODY) ||
	    setresuid(CC_NOBODY, CC_NOBODY, CC_NOBODY)) {
		snprintf(why, len, "cannot drop to uid %d: %s", CC_NOBODY,
			 CC_ERRNO(errno));
		return CC_RESULT_BROKEN;
	}
	/*
	 * A uid change makes the process non-dumpable, and /proc/PID of a
	 * non-dumpable process (uid_map included) belongs to root: this
	 * caller could not map its own children's user namespaces.
	 */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)) {
		snprintf(why, len, "PR_SET_DUMPABLE: %s", CC_ERRNO(errno));
		return CC_RESULT_BROKEN;
	}
	if (cc_env_has_cap(CAP_SYS_ADMIN)) {
		snprintf(why, len, "uid %d still has CAP_SYS_ADMIN", CC_NOBODY);
		return CC_RESULT_BROKEN;
	}
	return CC_RESULT_OK;
}

const char *cc_context_missing(enum cc_context ctx, char *why, size_t len)
{
	switch (ctx) {
	case CC_CTX_ROOT:
		if (cc_env_has_cap(CAP_SYS_ADMIN))
			return NULL;
		snprintf(why, len, "needs CAP_SYS_ADMIN: the root context");
		return why;
	case CC_CTX_USERNS_ROOT:
		return cc_env_userns_blocked(why, len);
	default:
		return NULL;
	}
}

static enum cc_result enter_userns_root(char *why, size_t len)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map_why[200];
	int err;

	if (cc_context_missing(CC_CTX_USERNS_ROOT, why, len))
		return CC_RESULT_SKIP;
	if (unshare(CLONE_NEWUSER)) {
		snprintf(why, len, "unshare(CLONE_NEWUSER): %s", CC_ERRNO(errno));
		return CC_RESULT_BROKEN;
	}
	err = cc_userns_map(getpid(), 0, uid, 0, gid, true, map_why,
			    sizeof(map_why));
	if (err) {
		snprintf(why, len, "mapping its own user namespace: %s", map_why);
		return CC_RESULT_BROKEN;
	}
	err = cc_enter_throwaway_namespaces();
	if (err) {
		snprintf(why, len, "throwaway namespaces inside the user namespace: %s",
			 CC_ERRNO(err));
		return CC_RESULT_BROKEN;
	}
	return CC_RESULT_OK;
}

enum cc_result cc_context_enter(enum cc_context ctx, char *why,
				       size_t len)
{
	int err;

	switch (ctx) {
	case CC_CTX_ROOT:
		if (cc_context_missing(ctx, why, len))
			return CC_RESULT_SKIP;
		err = cc_enter_throwaway_namespaces();
		if (err) {
			snprintf(why, len, "throwaway namespaces: %s", CC_ERRNO(err));
			return CC_RESULT_BROKEN;
		}
		return CC_RESULT_OK;
	case CC_CTX_UNPRIV:
		return drop_to_nobody(why, len);
	case CC_CTX_UNPRIV_NEWUSER:
		/* The call itself makes the user namespace: its errno, if
		 * the sysctls forbid it, is the row's expectation. */
		return drop_to_nobody(why, len);
	case CC_CTX_USERNS_ROOT:
		return enter_userns_root(why, len);
	default:
		snprintf(why, len, "unknown context %d", ctx);
		return CC_RESULT_BROKEN;
	}
}

void cc_context_env(enum cc_context ctx, struct cc_env *env)
{
	long last_cap = cc_env_sysctl("/proc/sys/kernel/cap_last_cap");

	cc_env_detect(env);
	env->pidns_init = false;
	env->pid_for_children_differs = false;
	env->time_for_children_differs = false;
	switch (ctx) {
	case CC_CTX_ROOT:
		break;
	case CC_CTX_UNPRIV:
	case CC_CTX_UNPRIV_NEWUSER:
		if (env->uid == 0)
			env->uid = CC_NOBODY;
		env->caps = 0;
		break;
	case CC_CTX_USERNS_ROOT:
		/* A new user namespace grants every capability there is. */
		env->caps = last_cap > 0 && last_cap < 63 ?
			(2ULL << last_cap) - 1 : ~0ULL;
		env->init_userns = false;
		env->userns_level++;
		/* The pid namespace it is in belongs to an ancestor. */
		env->pidns_owned_from = env->pidns_level + 1;
		break;
	default:
		break;
	}
}

/* ---- running code in a context ---- */

void *cc_shared_page(size_t size)
{
	void *page = mmap(NULL, size, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return page == MAP_FAILED ? NULL : page;
}

void cc_shared_page_free(void *page, size_t size)
{
	if (page)
		munmap(page, size);
}

void cc_context_broken(struct cc_context_run *run, const char *what, int err)
{
	if (run->result != CC_RESULT_OK)
		return;
	run->result = CC_RESULT_BROKEN;
	snprintf(run->why, sizeof(run->why), "%s: %s", what, CC_ERRNO(err));
}

void cc_reap_all(void)
{
	/*
	 * __WALL: a child whose exit signal is not SIGCHLD (a thread, a
	 * kernel that gets it wrong) is waited for all the same.
	 */
	while (wait4(-1, NULL, __WALL, NULL) > 0 || errno == EINTR)
		;
}

static void context_main(enum cc_context ctx, const char *cgroup_dir,
			 struct cc_context_run *run,
			 void (*fn)(struct cc_context_run *run, void *arg),
			 void *arg)
{
	char procs[512];
	int err;

	/* Orphans of the call come back to us, to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (cgroup_dir) {
		snprintf(procs, sizeof(procs), "%s/cgroup.procs", cgroup_dir);
		err = cc_write_file(procs, "0", NULL, 0);
		if (err)
			cc_context_broken(run, "move into the test's cgroup", err);
	}
	if (run->result == CC_RESULT_OK)
		run->result = cc_context_enter(ctx, run->why, sizeof(run->why));
	if (run->result == CC_RESULT_OK)
		fn(run, arg);
	cc_reap_all();
}

enum cc_result cc_context_run(enum cc_context ctx, const char *cgroup_dir,
			      struct cc_context_run *run,
			      void (*fn)(struct cc_context_run *run, void *arg),
			      void *arg)
{
	int status = 0;
	pid_t pid;

	run->result = CC_RESULT_OK;
	run->why[0] = '\0';
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		context_main(ctx, cgroup_dir, run, fn, arg);
		_exit(0);
	}
	if (pid < 0) {
		cc_context_broken(run, "fork the context process", errno);
		return run->result;
	}
	while (waitpid(pid, &status, __WALL) < 0) {
		if (errno != EINTR) {
			cc_context_broken(run, "wait for the context process", errno);
			return run->result;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		run->result = CC_RESULT_BROKEN;
		snprintf(run->why, sizeof(run->why),
			 "the context process did not exit cleanly (wait status %#x)",
			 status);
	}
	return run->result;
}
