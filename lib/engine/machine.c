// SPDX-License-Identifier: GPL-2.0
/*
 * What this machine and this process allow; see machine.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "engine/machine.h"
#include "engine/sys.h"
#include "outcome/names.h"
#include "outcome/namespaces.h"

#define SECCOMP_MODE_FILTER_VALUE 2

static int clone3_errno = -1;	/* -1: not looked at yet */
static char clone3_reason[300];

enum cc_clone3_state cc_env_clone3(void)
{
	if (clone3_errno < 0) {
		long ret = sys_clone3(NULL, 0);

		clone3_errno = ret < 0 ? (int)-ret : 0;
	}
	switch (clone3_errno) {
	case EINVAL:
		return CC_CLONE3_AVAILABLE;
	case ENOSYS:
		return CC_CLONE3_ENOSYS;
	case EPERM:
		return CC_CLONE3_EPERM;
	default:
		return CC_CLONE3_OTHER;
	}
}

const char *cc_env_clone3_reason(void)
{
	const char *filter;

	if (cc_env_clone3() == CC_CLONE3_AVAILABLE)
		return "";
	filter = cc_env_seccomp_filtered() ?
		"a seccomp filter is in force (Seccomp: 2 in /proc/self/status)" :
		"no seccomp filter is in force";
	switch (cc_env_clone3()) {
	case CC_CLONE3_ENOSYS:
		snprintf(clone3_reason, sizeof(clone3_reason),
			 "needs clone3: it answers ENOSYS here (kernel before 5.3, or a seccomp filter; %s)",
			 filter);
		break;
	case CC_CLONE3_EPERM:
		snprintf(clone3_reason, sizeof(clone3_reason),
			 "needs clone3: it answers EPERM and %s; the environment is broken for glibc's fallback to clone, which follows ENOSYS only: not a kernel verdict",
			 filter);
		break;
	default:
		snprintf(clone3_reason, sizeof(clone3_reason),
			 "needs clone3: an invalid call answers %s instead of EINVAL; %s",
			 CC_ERRNO(clone3_errno), filter);
		break;
	}
	return clone3_reason;
}

bool cc_env_seccomp_filtered(void)
{
	char line[128];
	bool filtered = false;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Seccomp:", 8)) {
			filtered = atoi(line + 8) == SECCOMP_MODE_FILTER_VALUE;
			break;
		}
	fclose(f);
	return filtered;
}

uint64_t cc_env_effective_caps(void)
{
	struct cc_cap_header header = { CC_CAP_VERSION_3, 0 };
	struct cc_cap_data data[2] = { 0 };

	if (sys_capget(&header, data))
		return 0;
	return data[0].effective | (uint64_t)data[1].effective << 32;
}

bool cc_env_has_cap(int cap)
{
	return cc_env_effective_caps() & (1ULL << cap);
}

/* An integer sysctl, or -1 when it is not there. */
long cc_env_sysctl(const char *path)
{
	FILE *f = fopen(path, "re");
	long value = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%ld", &value) != 1)
		value = -1;
	fclose(f);
	return value;
}

const char *cc_env_userns_blocked(char *buf, size_t len)
{
	if (cc_env_sysctl("/proc/sys/user/max_user_namespaces") == 0) {
		snprintf(buf, len, "needs user namespaces: user.max_user_namespaces is 0");
		return buf;
	}
	/* Debian's patch: 0 keeps user namespaces to CAP_SYS_ADMIN. */
	if (cc_env_sysctl("/proc/sys/kernel/unprivileged_userns_clone") == 0 &&
	    !cc_env_has_cap(CAP_SYS_ADMIN)) {
		snprintf(buf, len,
			 "needs user namespaces: kernel.unprivileged_userns_clone is 0 and this process lacks CAP_SYS_ADMIN");
		return buf;
	}
	return NULL;
}

int cc_env_userns_errno(bool privileged)
{
	if (cc_env_sysctl("/proc/sys/user/max_user_namespaces") == 0)
		return ENOSPC;
	if (!privileged &&
	    cc_env_sysctl("/proc/sys/kernel/unprivileged_userns_clone") == 0)
		return EPERM;
	return 0;
}

/* Finds the cgroup2 mount: its mount point and the root it shows. */
int cc_env_cgroup2_mount(char *point, size_t point_len, char *root,
			 size_t root_len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[1024];
	int found = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char mroot[512], mpoint[512];
		char *sep = strstr(line, " - ");

		if (!sep || strncmp(sep + 3, "cgroup2 ", 8))
			continue;
		if (sscanf(line, "%*d %*d %*s %511s %511s", mroot, mpoint) != 2)
			continue;
		snprintf(point, point_len, "%s", mpoint);
		snprintf(root, root_len, "%s", mroot);
		found = 0;
		break;
	}
	fclose(f);
	return found;
}

unsigned int cc_env_kernel_version(void)
{
	const char *forced = getenv("CLONECHECK_KERNEL_VERSION");
	unsigned int major = 0, minor = 0, patch = 0;
	struct utsname uts;

	if (forced && *forced)
		sscanf(forced, "%u.%u.%u", &major, &minor, &patch);
	else if (uname(&uts) == 0)
		sscanf(uts.release, "%u.%u.%u", &major, &minor, &patch);
	return CC_KERNEL_VERSION(major, minor, patch > 255 ? 255 : patch);
}

enum cc_libc cc_env_libc(unsigned int *version)
{
	unsigned int major = 0, minor = 0;

#ifdef __GLIBC__
	sscanf(gnu_get_libc_version(), "%u.%u", &major, &minor);
	*version = CC_KERNEL_VERSION(major, minor, 0);
	return CC_LIBC_GLIBC;
#else
	/* musl has no version call; its headers define no __GLIBC__. */
	(void)major;
	(void)minor;
	*version = 0;
#if defined(__linux__) && !defined(__UCLIBC__) && !defined(__BIONIC__)
	return CC_LIBC_MUSL;
#else
	return CC_LIBC_OTHER;
#endif
#endif
}

/* The inode behind a /proc/<pid>/ns link, or 0. */
static uint64_t ns_inode(const char *proc, const char *name)
{
	char path[96];
	struct stat st;

	snprintf(path, sizeof(path), "%s/ns/%s", proc, name);
	return stat(path, &st) ? 0 : (uint64_t)st.st_ino;
}

/* The initial user namespace's inode (PROC_USER_INIT_INO). */
#define USER_NS_INIT_INO 0xEFFFFFFDULL

/*
 * From /proc/<pid>/status: NSpid (one pid a level, outermost first: the
 * level, and whether it is pid 1 there) and the real uid.
 */
static void status_fields(const char *proc, int *level, bool *init,
			  uint32_t *uid)
{
	char path[96], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/status", proc);
	f = fopen(path, "re");
	*level = 0;
	*init = false;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *at, *end;
		long last = -1;
		int count = 0;

		if (!strncmp(line, "Uid:", 4)) {
			*uid = (uint32_t)strtoul(line + 4, NULL, 10);
			continue;
		}
		if (strncmp(line, "NSpid:", 6))
			continue;
		for (at = line + 6;; at = end) {
			long pid = strtol(at, &end, 10);

			if (end == at)
				break;
			last = pid;
			count++;
		}
		if (count > 0) {
			*level = count - 1;
			*init = last == 1;
		}
	}
	fclose(f);
}

/* The uid as the initial user namespace sees it (one level of mapping). */
static uint32_t kernel_uid(const char *proc, uint32_t uid)
{
	unsigned long inside, outside, count;
	uint32_t found = uid;
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "%s/uid_map", proc);
	f = fopen(path, "re");
	if (!f)
		return uid;
	while (fscanf(f, "%lu %lu %lu", &inside, &outside, &count) == 3)
		if (uid >= inside && uid - inside < count) {
			found = (uint32_t)(outside + (uid - inside));
			break;
		}
	fclose(f);
	return found;
}

/* Whether the process's pid namespace belongs to user namespace user_ns. */
static bool pidns_owned_by(const char *proc, uint64_t user_ns)
{
	char path[96];
	struct stat st;
	int fd, owner;
	bool owned = false;

	snprintf(path, sizeof(path), "%s/ns/pid", proc);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	owner = ioctl(fd, NS_GET_USERNS);
	if (owner >= 0) {
		owned = !fstat(owner, &st) && (uint64_t)st.st_ino == user_ns;
		close(owner);
	}
	close(fd);
	return owned;
}

void cc_env_detect_pid(pid_t pid, struct cc_env *env)
{
	struct cc_cap_header header = { CC_CAP_VERSION_3, pid };
	struct cc_cap_data data[2] = { { 0 } };
	char proc[32], path[80], point[512], root[512];
	uint32_t uid = (uint32_t)getuid();
	struct rlimit lim;
	uint64_t user_ns;
	int i;

	if (pid)
		snprintf(proc, sizeof(proc), "/proc/%d", pid);
	else
		snprintf(proc, sizeof(proc), "/proc/self");
	memset(env, 0, sizeof(*env));
	env->kernel = cc_env_kernel_version();
	env->clone3 = cc_env_clone3();
	env->seccomp_filtered = cc_env_seccomp_filtered();
	env->libc = cc_env_libc(&env->libc_version);
	if (!sys_capget(&header, data))
		env->caps = data[0].effective | (uint64_t)data[1].effective << 32;
	user_ns = ns_inode(proc, "user");
	env->init_userns = user_ns == USER_NS_INIT_INO;
	status_fields(proc, &env->pidns_level, &env->pidns_init, &uid);
	/* A kernel without NSpid (before 4.1) has no levels to show. */
	if (!pid && !env->pidns_level && !env->pidns_init)
		env->pidns_init = getpid() == 1;
	env->uid = kernel_uid(proc, uid);
	/* Below the initial namespace: how deep is not visible from here. */
	env->userns_level = env->init_userns ? 0 : 1;
	env->pidns_owned_from = env->init_userns ? 0 :
		pidns_owned_by(proc, user_ns) ? env->pidns_level :
						 env->pidns_level + 1;
	env->pid_for_children_differs = ns_inode(proc, "pid_for_children") !=
					ns_inode(proc, "pid");
	env->time_for_children_differs = ns_inode(proc, "time") &&
		ns_inode(proc, "time_for_children") != ns_inode(proc, "time");
	env->unprivileged_userns_clone =
		(int)cc_env_sysctl("/proc/sys/kernel/unprivileged_userns_clone");
	for (i = 0; i < CC_NS_COUNT; i++) {
		snprintf(path, sizeof(path),
			 "/proc/sys/user/max_%s_namespaces", cc_ns_names[i]);
		env->max_namespaces[i] = cc_env_sysctl(path);
	}
	env->rlimit_nproc = UINT64_MAX;
	if (!prlimit(pid, RLIMIT_NPROC, NULL, &lim) && lim.rlim_cur != RLIM_INFINITY)
		env->rlimit_nproc = lim.rlim_cur;
	env->pid_max = cc_env_sysctl("/proc/sys/kernel/pid_max");
	env->cgroup2 = !cc_env_cgroup2_mount(point, sizeof(point), root,
					     sizeof(root));
}

void cc_env_detect(struct cc_env *env)
{
	cc_env_detect_pid(0, env);
}
