// SPDX-License-Identifier: GPL-2.0
/*
 * What this machine and this process allow; see machine.h.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "engine/machine.h"
#include "engine/sys.h"
#include "outcome/names.h"
#include "outcome/namespaces.h"
#include "spec/flags.h"

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

/* "MAJOR.MINOR[.SUBLEVEL]" at the start of text; false when it is not. */
static bool version_at(const char *text, unsigned int *major,
		       unsigned int *minor, unsigned int *sublevel)
{
	int end = 0;

	*sublevel = 0;
	if (!isdigit((unsigned char)*text) ||
	    sscanf(text, "%u.%u%n", major, minor, &end) != 2)
		return false;
	text += end;
	if (*text == '.' && isdigit((unsigned char)text[1]))
		sscanf(text + 1, "%u", sublevel);
	return true;
}

/* text is MAJOR.MINOR or MAJOR.MINOR.SUBLEVEL and nothing else. */
static bool version_whole(const char *text)
{
	unsigned int dots = 0;
	bool digit = false;

	for (; *text; text++) {
		if (isdigit((unsigned char)*text)) {
			digit = true;
		} else if (*text == '.' && digit && dots < 2) {
			dots++;
			digit = false;
		} else {
			return false;
		}
	}
	return digit && dots >= 1;
}

unsigned int cc_kernel_version_parse(const char *release,
				     const char *proc_version,
				     const char *signature)
{
	unsigned int major, minor, sublevel, m, n, s;
	const char *p, *last = NULL;

	if (!release || !version_at(release, &major, &minor, &sublevel))
		return 0;
	/*
	 * Ubuntu: "Ubuntu 5.15.0-91.101-generic 5.15.131", the upstream
	 * version last.
	 */
	if (signature && (p = strrchr(signature, ' ')) &&
	    version_at(p + 1, &m, &n, &s) && m == major && n == minor)
		sublevel = s;
	/*
	 * Debian: uname -r is the package ABI ("6.1.0-57-amd64"); the
	 * upstream version is in /proc/version's build string, "... #1 SMP
	 * PREEMPT_DYNAMIC Debian 6.1.192-3 (date)": the last "Debian N.N"
	 * there, since the compiler's ("gcc-12 (Debian 12.2.0-14)") comes
	 * first.  It must name the same series as uname -r.
	 */
	else if (proc_version) {
		for (p = proc_version; (p = strstr(p, "Debian ")); p++)
			if (isdigit((unsigned char)p[7]))
				last = p + 7;
		if (last && version_at(last, &m, &n, &s) && m == major &&
		    n == minor && s > sublevel)
			sublevel = s;
	}
	/* The sublevel byte saturates: 4.19.325 is as late as 4.19.255. */
	return CC_KERNEL_VERSION(major, minor, sublevel > 255 ? 255 : sublevel);
}

/* The first line of a file, or "" when it cannot be read. */
static void first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");

	buf[0] = 0;
	if (f) {
		if (!fgets(buf, (int)len, f))
			buf[0] = 0;
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = 0;
}

/* ---- features: present, absent, or an answer neither documents ---- */

/* /proc/filesystems has a line "nodev\tNAME" or "\tNAME". */
static bool filesystem_listed(const char *name)
{
	FILE *f = fopen("/proc/filesystems", "re");
	char line[128], *type;
	bool listed = false;

	if (!f)
		return false;
	while (!listed && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		type = strrchr(line, '\t');
		listed = !strcmp(type ? type + 1 : line, name);
	}
	fclose(f);
	return listed;
}

#define IOPRIO_WHO_PROCESS	1

/* A syscall's answer: ENOSYS is absent, ok is present, the rest unexpected. */
static enum cc_presence syscall_answer(long ret, bool ok, const char *call,
				       const char *config, char *why, size_t len)
{
	if (ok) {
		snprintf(why, len, "%s works", call);
		return CC_PRESENT;
	}
	if (ret == -ENOSYS) {
		/* A seccomp profile may answer ENOSYS too: the SKIP says so. */
		snprintf(why, len, "%s answers ENOSYS%s", call,
			 cc_env_seccomp_filtered() ?
			 " (a seccomp filter is in force: its answer or the kernel's)" : "");
		return CC_ABSENT;
	}
	snprintf(why, len, "%s answers %s: neither the ENOSYS of a kernel without %s nor an answer of one with it",
		 call, CC_ERRNO(ret), config);
	return CC_ANSWER_UNEXPECTED;
}

static enum cc_presence feature_detect(enum cc_feature feature, char *why,
				       size_t len)
{
	struct stat st;
	long ret;
	int type;

	switch (feature) {
	case CC_FEATURE_NONE:
		snprintf(why, len, "nothing needed");
		return CC_PRESENT;
	case CC_FEATURE_BLOCK:
		/* block/ioprio.c: without CONFIG_BLOCK, COND_SYSCALL's ENOSYS. */
		ret = sys_ioprio_get(IOPRIO_WHO_PROCESS, 0);
		return syscall_answer(ret, ret >= 0, "ioprio_get(2)",
				      "CONFIG_BLOCK", why, len);
	case CC_FEATURE_SYSVIPC:
		/* IPC_INFO reads limits and the highest index: it changes nothing. */
		{
			struct seminfo info;

			ret = semctl(0, 0, IPC_INFO, &info);
			if (ret < 0)
				ret = -errno;
		}
		return syscall_answer(ret, ret >= 0, "semctl(IPC_INFO)",
				      "CONFIG_SYSVIPC", why, len);
	case CC_FEATURE_PIDFD:
		ret = sys_pidfd_open(getpid(), 0);
		if (ret >= 0)
			close((int)ret);
		return syscall_answer(ret, ret >= 0, "pidfd_open(2)",
				      "Linux 5.3", why, len);
	case CC_FEATURE_MQUEUE:
		/* A bad descriptor: EBADF from the real one, ENOSYS from the stub. */
		ret = syscall(SYS_mq_getsetattr, -1, NULL, NULL) < 0 ? -errno : 0;
		return syscall_answer(ret, ret == -EBADF, "mq_getsetattr(-1)",
				      "CONFIG_POSIX_MQUEUE", why, len);
	case CC_FEATURE_CGROUP2: {
		char point[512], root[512];

		if (!cc_env_cgroup2_mount(point, sizeof(point), root, sizeof(root))) {
			snprintf(why, len, "cgroup2 is mounted at %.150s", point);
			return CC_PRESENT;
		}
		/* The kernel's own list says whether it is the kernel or the mounts. */
		snprintf(why, len, "no cgroup2 mount in /proc/self/mountinfo, %s",
			 filesystem_listed("cgroup2") ?
			 "though /proc/filesystems lists cgroup2" :
			 "and /proc/filesystems has no cgroup2 (CONFIG_CGROUPS)");
		return CC_ABSENT;
	}
	case CC_FEATURE_CGROUP_V1:
		/* The kernel's list of filesystem types has "cgroup", or not. */
		if (filesystem_listed("cgroup")) {
			snprintf(why, len, "/proc/filesystems lists cgroup");
			return CC_PRESENT;
		}
		snprintf(why, len, "/proc/filesystems has no cgroup (cgroup v1: CONFIG_CGROUP_V1 since 6.11)");
		return CC_ABSENT;
	default:
		break;
	}
	type = (int)feature - CC_FEATURE_NS_MNT;
	if (type < 0 || type >= CC_NS_COUNT) {
		snprintf(why, len, "unknown feature %d", feature);
		return CC_ANSWER_UNEXPECTED;
	}
	/* fs/proc/namespaces.c lists exactly the types the kernel has. */
	if (stat("/proc/self/ns", &st)) {
		snprintf(why, len, "/proc/self/ns: %s", CC_ERRNO(errno));
		return CC_ANSWER_UNEXPECTED;
	}
	{
		char path[64];

		snprintf(path, sizeof(path), "/proc/self/ns/%s", cc_ns_names[type]);
		if (!lstat(path, &st)) {
			snprintf(why, len, "%s is there", path);
			return CC_PRESENT;
		}
		if (errno == ENOENT) {
			snprintf(why, len, "%s is absent (%s)", path,
				 cc_ns_configs[type]);
			return CC_ABSENT;
		}
		snprintf(why, len, "%s: %s", path, CC_ERRNO(errno));
		return CC_ANSWER_UNEXPECTED;
	}
}

static struct {
	bool known;
	enum cc_presence presence;
	char why[200];
} features[CC_FEATURE_COUNT];

enum cc_presence cc_env_feature(enum cc_feature feature, char *why,
				size_t len)
{
	if ((unsigned int)feature >= CC_FEATURE_COUNT) {
		snprintf(why, len, "unknown feature %d", feature);
		return CC_ANSWER_UNEXPECTED;
	}
	if (!features[feature].known) {
		features[feature].presence =
			feature_detect(feature, features[feature].why,
				       sizeof(features[feature].why));
		features[feature].known = true;
	}
	snprintf(why, len, "%s", features[feature].why);
	return features[feature].presence;
}

uint32_t cc_env_absent_features(void)
{
	uint32_t absent = 0;
	char why[200];
	int f;

	for (f = 0; f < CC_FEATURE_COUNT; f++)
		if (cc_env_feature(f, why, sizeof(why)) == CC_ABSENT)
			absent |= 1u << f;
	return absent;
}

unsigned int cc_env_kernel_version(void)
{
	static unsigned int version;
	const char *forced = getenv("CLONECHECK_KERNEL_VERSION");
	unsigned int major, minor, sublevel;

	if (forced && *forced) {
		/* A version the user names: all of it, or an error. */
		if (!version_whole(forced) ||
		    !version_at(forced, &major, &minor, &sublevel)) {
			fprintf(stderr,
				"clonecheck: CLONECHECK_KERNEL_VERSION=\"%s\" is not a version; expected MAJOR.MINOR or MAJOR.MINOR.SUBLEVEL, as in 6.1.20\n",
				forced);
			exit(2);
		}
		return CC_KERNEL_VERSION(major, minor,
					 sublevel > 255 ? 255 : sublevel);
	}
	if (version)
		return version;
	version = cc_env_running_kernel_version();
	return version;
}

unsigned int cc_env_running_kernel_version(void)
{
	char proc_version[1024], signature[256];
	struct utsname uts;

	if (uname(&uts))
		return 0;
	first_line("/proc/version", proc_version, sizeof(proc_version));
	first_line("/proc/version_signature", signature, sizeof(signature));
	return cc_kernel_version_parse(uts.release, proc_version,
				       signature[0] ? signature : NULL);
}

enum cc_libc cc_env_libc(unsigned int *version)
{
	unsigned int major = 0, minor = 0, patch = 0;

#ifdef __GLIBC__
	sscanf(gnu_get_libc_version(), "%u.%u", &major, &minor);
	*version = CC_KERNEL_VERSION(major, minor, 0);
	(void)patch;
	return CC_LIBC_GLIBC;
#else
	/*
	 * musl has no version call and its headers define no __GLIBC__: the
	 * build says which musl the (static) binary was linked with.
	 */
	*version = 0;
#ifdef CC_MUSL_VERSION
	if (sscanf(CC_MUSL_VERSION, "%u.%u.%u", &major, &minor, &patch) == 3)
		*version = CC_KERNEL_VERSION(major, minor, patch);
#endif
	(void)major;
	(void)minor;
	(void)patch;
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

uint64_t cc_env_task_size_max(void)
{
	static uint64_t top;
	void *p;

	if (top)
		return top;
	top = CC_ARCH_TASK_SIZE_4LEVEL;
#ifdef CC_ARCH_TASK_SIZE_PROBE
	/* MAP_FIXED_NOREPLACE: an exact address or none, never a hint taken. */
	p = mmap((void *)(uintptr_t)CC_ARCH_TASK_SIZE_PROBE, 4096, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != MAP_FAILED) {
		if ((uint64_t)(uintptr_t)p == CC_ARCH_TASK_SIZE_PROBE)
			top = CC_ARCH_TASK_SIZE_5LEVEL;
		munmap(p, 4096);
	}
#else
	/*
	 * A compat caller cannot map above 4 GiB, so clone3 says it: a stack
	 * at 2^50 is refused by clone3_stack_valid (EINVAL) where it is not
	 * a user address, and otherwise reaches copy_process, whose
	 * put_user of the pidfd to address 0 fails (EFAULT) before the task
	 * exists.  A kernel without clone3 keeps the 4-level answer.
	 */
	struct cc_clone_args args = {
		.flags = CC_CLONE_PIDFD, .exit_signal = SIGCHLD,
		.stack = 1ULL << 50, .stack_size = 4096,
	};
	long ret = sys_clone3(&args, sizeof(args));

	(void)p;
	if (ret == -EFAULT)
		top = CC_ARCH_TASK_SIZE_5LEVEL;
	else if (ret > 0)	/* a kernel that made a task of it: reap it */
		waitpid((pid_t)ret, NULL, __WALL);
#endif
	return top;
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
	env->abi = CC_ARCH_ABI;
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
	/* A namespace without its init yet shows no pid_for_children link. */
	env->pid_for_children_entered = env->pid_for_children_differs &&
					ns_inode(proc, "pid_for_children");
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
	env->cap_last_cap = (int)cc_env_sysctl("/proc/sys/kernel/cap_last_cap");
	env->cgroup2 = !cc_env_cgroup2_mount(point, sizeof(point), root,
					     sizeof(root));
	/* The address space and the features are the machine's. */
	env->task_size_max = cc_env_task_size_max();
	env->absent_features = cc_env_absent_features();
}

void cc_env_detect(struct cc_env *env)
{
	cc_env_detect_pid(0, env);
}
