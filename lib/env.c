// SPDX-License-Identifier: GPL-2.0
/*
 * Environment checks; see env.h.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "env.h"
#include "sys.h"

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
			 strerror(clone3_errno), filter);
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
