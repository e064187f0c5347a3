// SPDX-License-Identifier: GPL-2.0
/*
 * The environment snapshot's words; see env.h.
 */
#include <stdarg.h>
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

const char *cc_env_abi_name(enum cc_abi abi)
{
	return abi == CC_ABI_I386 ? "i386" : "x86_64";
}

/* One field: its JSON key, and its value as text (quoted in JSON when text). */
struct env_out {
	FILE *out;
	bool json;
	int count;
};

__attribute__((format(printf, 4, 5)))
static void field(struct env_out *o, const char *key, bool quoted,
		  const char *fmt, ...)
{
	va_list ap;

	if (o->json)
		fprintf(o->out, "%s\"%s\": %s", o->count ? ", " : "{", key,
			quoted ? "\"" : "");
	else
		fprintf(o->out, "%s%s ", o->count ? ", " : "", key);
	va_start(ap, fmt);
	vfprintf(o->out, fmt, ap);
	va_end(ap);
	if (o->json && quoted)
		fputc('"', o->out);
	o->count++;
}

static const char *yes(bool b)
{
	return b ? "true" : "false";
}

static const char *const clone3_states[] = {
	[CC_CLONE3_AVAILABLE] = "available", [CC_CLONE3_ENOSYS] = "ENOSYS",
	[CC_CLONE3_EPERM] = "EPERM", [CC_CLONE3_OTHER] = "other",
};

void cc_env_print(FILE *out, const struct cc_env *env, bool json)
{
	struct env_out o = { out, json, 0 };
	char version[16];
	int t;

	field(&o, "kernel", true, "%s", cc_version_text(version, sizeof(version),
							 env->kernel));
	field(&o, "clone3", true, "%s", (unsigned int)env->clone3 < 4 ?
	      clone3_states[env->clone3] : "?");
	field(&o, "seccomp", false, "%s", yes(env->seccomp_filtered));
	/* glibc's version has two parts, musl's three. */
	if (env->libc_version & 0xff)
		field(&o, "libc", true, "%s %s", cc_env_libc_name(env->libc),
		      cc_version_text(version, sizeof(version), env->libc_version));
	else
		field(&o, "libc", true, "%s %u.%u", cc_env_libc_name(env->libc),
		      env->libc_version >> 16, (env->libc_version >> 8) & 0xff);
	field(&o, "abi", true, "%s", cc_env_abi_name(env->abi));
	field(&o, "uid", false, "%u", env->uid);
	field(&o, "caps", true, "0x%llx", (unsigned long long)env->caps);
	field(&o, "cap_last_cap", false, "%d", env->cap_last_cap);
	field(&o, "init_userns", false, "%s", yes(env->init_userns));
	field(&o, "userns_level", false, "%d", env->userns_level);
	field(&o, "uid_unmapped", false, "%s", yes(env->uid_unmapped));
	field(&o, "chrooted", false, "%s", yes(env->chrooted));
	field(&o, "pidns_level", false, "%d", env->pidns_level);
	field(&o, "pidns_init", false, "%s", yes(env->pidns_init));
	field(&o, "pidns_owned_from", false, "%d", env->pidns_owned_from);
	field(&o, "pids_taken", false, "%d", env->pids_taken);
	field(&o, "pid_for_children_differs", false, "%s",
	      yes(env->pid_for_children_differs));
	field(&o, "pid_for_children_entered", false, "%s",
	      yes(env->pid_for_children_entered));
	field(&o, "pid_for_children_dead", false, "%s",
	      yes(env->pid_for_children_dead));
	field(&o, "pids_taken_for_children", false, "%d",
	      env->pids_taken_for_children);
	field(&o, "time_for_children_differs", false, "%s",
	      yes(env->time_for_children_differs));
	field(&o, "unprivileged_userns_clone", false, "%d",
	      env->unprivileged_userns_clone);
	for (t = 0; t < CC_NS_COUNT; t++) {
		char key[40];

		snprintf(key, sizeof(key), "max_%s_namespaces", cc_ns_names[t]);
		field(&o, key, false, "%ld", env->max_namespaces[t]);
	}
	field(&o, "rlimit_nproc", false, "%lld", env->rlimit_nproc == UINT64_MAX ?
	      -1LL : (long long)env->rlimit_nproc);
	field(&o, "nproc_tasks", false, "%d", env->nproc_tasks);
	field(&o, "pid_max", false, "%ld", env->pid_max);
	field(&o, "cgroup2", false, "%s", yes(env->cgroup2));
	field(&o, "task_size_max", true, "0x%llx",
	      (unsigned long long)env->task_size_max);
	field(&o, "absent_features", true, "0x%x", env->absent_features);
	fputs(json ? "}" : "\n", out);
}
