// SPDX-License-Identifier: GPL-2.0
/*
 * The environment snapshot's words; see env.h.
 */
#include <stdio.h>

#include "spec/env.h"

const char *cc_version_text(char *buf, size_t len, unsigned int version)
{
	snprintf(buf, len, "%u.%u.%u", version >> 16, (version >> 8) & 0xff,
		 version & 0xff);
	return buf;
}

const char *cc_env_libc_name(enum cc_libc libc)
{
	switch (libc) {
	case CC_LIBC_GLIBC:
		return "glibc";
	case CC_LIBC_MUSL:
		return "musl";
	default:
		return "other";
	}
}

void cc_env_print(FILE *out, const struct cc_env *env, bool json)
{
	const char *fmt = json ?
		"{\"kernel\": \"%u.%u.%u\", \"clone3\": %d, \"seccomp\": %s, "
		"\"libc\": \"%s %u.%u\", \"uid\": %u, \"caps\": \"0x%llx\", "
		"\"init_userns\": %s, \"pidns_level\": %d, \"pidns_init\": %s, "
		"\"rlimit_nproc\": %lld, \"cgroup2\": %s, "
		"\"task_size_max\": \"0x%llx\"}" :
		"kernel %u.%u.%u, clone3 state %d, seccomp filter %s, %s %u.%u, "
		"uid %u, caps 0x%llx, initial user namespace %s, pid namespace "
		"level %d, namespace init %s, RLIMIT_NPROC %lld, cgroup2 %s, "
		"user space ends at 0x%llx\n";

	fprintf(out, fmt, env->kernel >> 16, (env->kernel >> 8) & 0xff,
		env->kernel & 0xff, (int)env->clone3,
		env->seccomp_filtered ? "true" : "false",
		cc_env_libc_name(env->libc), env->libc_version >> 16,
		(env->libc_version >> 8) & 0xff, env->uid,
		(unsigned long long)env->caps, env->init_userns ? "true" : "false",
		env->pidns_level, env->pidns_init ? "true" : "false",
		env->rlimit_nproc == UINT64_MAX ? -1LL :
			(long long)env->rlimit_nproc,
		env->cgroup2 ? "true" : "false",
		(unsigned long long)env->task_size_max);
}
