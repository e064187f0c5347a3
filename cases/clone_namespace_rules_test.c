// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace rules: the combinations copy_process and copy_namespaces
 * refuse, the state a caller gets into with unshare or setns that changes
 * what clone may do, and the limits (nesting depth, per-type counts,
 * set_tid across nested pid namespaces), each exact to the level.
 *
 * Each row runs in a context process forked by the test (see
 * clone_namespaces_test.c); the context enters the row's privilege
 * context (root, or root inside a user namespace it makes: the rows run
 * unprivileged too), prepares, makes the call and reaps everything.
 */
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cases.h"
#include "engine/clonefn.h"
#include "engine/context.h"
#include "spec/flags.h"
#include "engine/machine.h"

#define RULE_TEXT 256

struct rule_report {
	struct cc_context_run run;	/* first: the context reports here */
	long ret;			/* the call: pid (or 0 for a thread) or -errno */
	long steps[40];			/* per level, for the limit rows */
	int nsteps;
	char text[RULE_TEXT];		/* NSpid of a set_tid child */
};

/* The child of every call here: leaves at once (raw exit). */
static int leave(void *arg, uint64_t initial_sp)
{
	return 0;
}

/*
 * Runs fn in a context process; the test sees only the report.  A row
 * through clone3 SKIPs where clone3 is out of reach.
 */
static void in_context(struct rule_report *r, enum cc_context ctx,
		       enum cc_entry entry,
		       void (*fn)(struct cc_context_run *run, void *arg),
		       const void *arg)
{
	if (entry == CC_ENTRY_CLONE3 && cc_env_clone3() != CC_CLONE3_AVAILABLE) {
		r->run.result = CC_RESULT_SKIP;
		snprintf(r->run.why, sizeof(r->run.why), "%.250s",
			 cc_env_clone3_reason());
		return;
	}
	cc_context_run(ctx, NULL, &r->run, fn, (void *)arg);
}

#define RULE_REQUIRE(r)							\
	do {								\
		ASSERT_NE(NULL, r);					\
		CASE_REQUIRE_RESULT((r)->run.result, (r)->run.why);	\
	} while (0)

/* Marks the row broken: errno names what failed. */
#define report_broken(r, what) cc_context_broken(&(r)->run, what, errno)

/* ---- combination rules ---- */

/*
 * What the caller did before the call: each is a step of the request
 * (spec/request.h), taken by the launch's caller.
 */
enum rule_setup {
	SETUP_NONE,
	SETUP_UNSHARE_PID,	/* unshare=CLONE_NEWPID */
	SETUP_UNSHARE_TIME,	/* unshare=CLONE_NEWTIME */
	SETUP_PID_INIT,		/* pidns=init: the caller is pid 1 of a new one */
	SETUP_SETNS_PID,	/* pidns=setns: into one another made */
};

FIXTURE(rule) {
	struct case_run run;
	char text[CC_REQUEST_TEXT_MAX];
};

FIXTURE_VARIANT(rule) {
	enum cc_entry entry;
	enum cc_context ctx;	/* root (as=self), or userns_root (userns=mapped) */
	enum rule_setup setup;
	uint64_t flags;
	uint64_t exit_signal;
	int err;		/* expected errno, 0: a child */
	/* Behaviour that changed: before this version the errno was err_before. */
	unsigned int since;
	int err_before;
};

/*
 * The row as one request: the call (a child that leaves at once), the
 * context and the setup as the caller's steps.  Root rows need the
 * privilege; userns_root rows make their own.
 */
static void rule_request(const FIXTURE_VARIANT(rule) *v, struct cc_request *req)
{
	cc_clone_fn_request(v->entry, v->flags, v->exit_signal, req);
	req->child = CC_CHILD_EXIT;
	if (v->ctx == CC_CTX_USERNS_ROOT)
		req->userns = CC_USERNS_MAPPED;
	switch (v->setup) {
	case SETUP_UNSHARE_PID:
		req->unshare = CC_CLONE_NEWPID;
		break;
	case SETUP_UNSHARE_TIME:
		req->unshare = CC_CLONE_NEWTIME;
		break;
	case SETUP_PID_INIT:
		req->pidns = CC_PIDNS_INIT;
		break;
	case SETUP_SETNS_PID:
		req->pidns = CC_PIDNS_SETNS;
		break;
	default:
		break;
	}
}

static unsigned int rule_needs(const FIXTURE_VARIANT(rule) *v)
{
	return v->ctx == CC_CTX_USERNS_ROOT ? CASE_NEEDS_USERNS :
					      CASE_NEEDS_ADMIN;
}

/* The namespace types a setup makes or enters, as CLONE_NEW* flags. */
static uint64_t setup_flags(enum rule_setup setup)
{
	switch (setup) {
	case SETUP_UNSHARE_PID:
	case SETUP_PID_INIT:
	case SETUP_SETNS_PID:
		return CC_CLONE_NEWPID;
	case SETUP_UNSHARE_TIME:
		return CC_CLONE_NEWTIME;
	default:
		return 0;
	}
}

/*
 * A row about a namespace type the kernel lacks (in its call or its
 * setup) SKIPs, saying which: the model's EINVAL for such a call is
 * checked by the namespace cases (a type's presence against its flag).
 */
static bool rule_needs_absent(const FIXTURE_VARIANT(rule) *variant,
			      char *why, size_t len)
{
	return case_flags_need_absent(variant->flags | setup_flags(variant->setup),
				      why, len);
}

FIXTURE_SETUP(rule)
{
	struct cc_request req;

	rule_request(variant, &req);
	cc_request_print(self->text, sizeof(self->text), &req);
	self->run.text = self->text;
	if (rule_needs_absent(variant, self->run.obs.skip,
			      sizeof(self->run.obs.skip)))
		self->run.result = CC_RESULT_SKIP;
	else if (!CASE_IS_MODEL_TEST())
		case_launch_if(&self->run, self->text, rule_needs(variant));
}

FIXTURE_TEARDOWN(rule)
{
}

static int rule_expected(const FIXTURE_VARIANT(rule) *v)
{
	if (v->since && cc_env_kernel_version() < v->since)
		return v->err_before;
	return v->err;
}

TEST_F(rule, model)
{
	struct cc_request req;
	struct cc_env env;
	char why[200];

	if (rule_needs_absent(variant, why, sizeof(why)))
		SKIP(return, "%s", why);
	CASE_MODEL_NEEDS(&self->run, self->text, rule_needs(variant));
	rule_request(variant, &req);
	cc_env_detect(&env);
	CASE_CHECK_MODEL_ERRNO(&req, &env, rule_expected(variant));
}

TEST_F(rule, returns)
{
	int exp = rule_expected(variant);
	long got;

	CASE_REQUIRE(&self->run);
	got = self->run.obs.outcome.ret < 0 ? -self->run.obs.outcome.ret : 0;
	if (got != exp)
		TH_LOG("%s: expected %s, got %s", self->text, CC_RESULT_NAME(exp),
		       CC_RESULT_NAME(got));
	EXPECT_EQ(exp, got);
}

/* SKIP where the context cannot be entered, as in_context() does. */
#define RULE_MODEL_NEEDS(ctx)						\
	do {								\
		char _why[200];						\
		if (cc_context_missing(ctx, _why, sizeof(_why)))	\
			SKIP(return, "%s", _why);			\
	} while (0)

/* One plain call in a context process (the presence rows). */
struct plain_call {
	enum cc_entry entry;
	uint64_t flags, exit_signal;
};

static void plain_run(struct cc_context_run *run, void *arg)
{
	struct rule_report *r = (struct rule_report *)run;
	const struct plain_call *c = arg;

	r->ret = cc_clone_fn(c->entry, c->flags, c->exit_signal, leave, NULL);
}

#define VM_THREAD (CC_CLONE_VM | CC_CLONE_SIGHAND | CC_CLONE_THREAD)

/*
 * One rule, through the three entry points and in two contexts.  Rows
 * with CLONE_THREAD or CLONE_PARENT pass exit signal 0, which clone3
 * requires of both: the rule under test, not that one, must answer.
 */
#define RULE_ROW(name, e, E, c, C, setup_, flags_, sig, err_, since_, before) \
	FIXTURE_VARIANT_ADD(rule, name##_##e##_##c) {			\
		.entry = CC_ENTRY_##E, .ctx = CC_CTX_##C,		\
		.setup = setup_, .flags = flags_, .exit_signal = sig,	\
		.err = err_, .since = since_, .err_before = before,	\
	};
#define RULE_CTX(name, e, E, setup, flags, sig, err, since, before)	\
	RULE_ROW(name, e, E, root, ROOT, setup, flags, sig, err, since, before) \
	RULE_ROW(name, e, E, userns_root, USERNS_ROOT, setup, flags, sig, err, \
		 since, before)
#define RULE_GATED(name, setup, flags, sig, err, since, before)	\
	RULE_CTX(name, clone, CLONE, setup, flags, sig, err, since, before) \
	RULE_CTX(name, clone3, CLONE3, setup, flags, sig, err, since, before) \
	RULE_CTX(name, libc, LIBC, setup, flags, sig, err, since, before)
#define RULE(name, setup, flags, sig, err)				\
	RULE_GATED(name, setup, flags, sig, err, 0, 0)

/* copy_process: a new mount namespace cannot share the fs struct. */
RULE(newns_fs, SETUP_NONE, CC_CLONE_NEWNS | CC_CLONE_FS, SIGCHLD, EINVAL)
RULE(newns, SETUP_NONE, CC_CLONE_NEWNS, SIGCHLD, 0)
/* copy_process: nor may a new user namespace (its root would chroot us). */
RULE(newuser_fs, SETUP_NONE, CC_CLONE_NEWUSER | CC_CLONE_FS, SIGCHLD, EINVAL)
RULE(newuser, SETUP_NONE, CC_CLONE_NEWUSER, SIGCHLD, 0)
/* copy_process: a thread stays in its group's pid and user namespace. */
RULE(thread_newpid, SETUP_NONE, VM_THREAD | CC_CLONE_NEWPID, 0, EINVAL)
RULE(thread_newuser, SETUP_NONE, VM_THREAD | CC_CLONE_NEWUSER, 0, EINVAL)
RULE(thread, SETUP_NONE, VM_THREAD, 0, 0)
/* copy_namespaces: SysV undo lists do not cross IPC namespaces. */
RULE(newipc_sysvsem, SETUP_NONE, CC_CLONE_NEWIPC | CC_CLONE_SYSVSEM, SIGCHLD,
     EINVAL)
RULE(newipc, SETUP_NONE, CC_CLONE_NEWIPC, SIGCHLD, 0)
/* copy_process: an init has no parent to give its child (SIGNAL_UNKILLABLE). */
RULE(parent_from_pid_init, SETUP_PID_INIT, CC_CLONE_PARENT, 0, EINVAL)
RULE(plain_from_pid_init, SETUP_PID_INIT, 0, SIGCHLD, 0)
/*
 * After unshare(CLONE_NEWPID) the children go to a namespace the caller
 * is not in: no thread there (copy_process), no second new one
 * (copy_namespaces via create_pid_namespace's parent check).
 */
RULE(thread_after_unshare_pid, SETUP_UNSHARE_PID, VM_THREAD, 0, EINVAL)
RULE(newpid_after_unshare_pid, SETUP_UNSHARE_PID, CC_CLONE_NEWPID, SIGCHLD,
     EINVAL)
RULE(plain_after_unshare_pid, SETUP_UNSHARE_PID, 0, SIGCHLD, 0)
/*
 * After unshare(CLONE_NEWTIME): 6.1 refuses to share the VM or the
 * thread group with a child bound for another time namespace; since
 * "fs/exec: switch timens when a task gets a new mm" (2b5f9dad32ed,
 * v6.2-rc1) such a child stays in the old one until it execs.  Measured
 * on Debian's 6.1.192 (refused: not backported) and on 6.12 and 6.18
 * (make vmcheck).
 */
#define TIMENS_SHARED_VM_SINCE CC_KERNEL_VERSION(6, 2, 0)
RULE_GATED(vm_after_unshare_time, SETUP_UNSHARE_TIME, CC_CLONE_VM, SIGCHLD, 0,
	   TIMENS_SHARED_VM_SINCE, EINVAL)
RULE_GATED(thread_after_unshare_time, SETUP_UNSHARE_TIME, VM_THREAD, 0, 0,
	   TIMENS_SHARED_VM_SINCE, EINVAL)
RULE(plain_after_unshare_time, SETUP_UNSHARE_TIME, 0, SIGCHLD, 0)
/* Allowed since 3.13 (1f7f4dde5c94; it broke nix, NixOS/nix#453). */
RULE(parent_after_setns_pid, SETUP_SETNS_PID, CC_CLONE_PARENT, 0, 0)

/* ---- limits ---- */

FIXTURE(limit) {
	struct rule_report *r;
};

FIXTURE_VARIANT(limit) {
	enum cc_entry entry;
};

FIXTURE_VARIANT_ADD(limit, clone) { .entry = CC_ENTRY_CLONE };
FIXTURE_VARIANT_ADD(limit, clone3) { .entry = CC_ENTRY_CLONE3 };
FIXTURE_VARIANT_ADD(limit, libc) { .entry = CC_ENTRY_LIBC };

FIXTURE_SETUP(limit)
{
	self->r = cc_shared_page(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(limit)
{
	cc_shared_page_free(self->r, sizeof(*self->r));
}

/* The initial user namespace maps every id onto itself. */
static bool in_initial_user_ns(void)
{
	char map[128] = "";
	int fd = open("/proc/self/uid_map", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, map, sizeof(map) - 1);
	unsigned long first, lower, count;

	if (fd >= 0)
		close(fd);
	if (n <= 0 || sscanf(map, "%lu %lu %lu", &first, &lower, &count) != 3)
		return false;
	return first == 0 && lower == 0 && count == 4294967295UL;
}

#define USERNS_LEVELS 33	/* below the initial one */

/*
 *   initial user ns (level 0)
 *     └─ 1 ─ 2 ─ ... ─ 32      unshare(CLONE_NEWUSER) 32 times, mapped
 *                       ├─ 33  clone(CLONE_NEWUSER): allowed
 *                       33     unshare once more: allowed
 *                        └─ 34 clone(CLONE_NEWUSER): ENOSPC
 *
 * steps[0..31]: the unshares to levels 1..32; steps[32]: clone at 32;
 * steps[33]: the unshare to 33; steps[34]: clone at 33; steps[35]:
 * unshare at 33.
 */
static void userns_nesting(struct cc_context_run *run, void *arg)
{
	struct rule_report *r = (struct rule_report *)run;
	const enum cc_entry *entry = arg;
	char why[200];
	int level;

	for (level = 1; level <= USERNS_LEVELS; level++) {
		uid_t uid = geteuid();
		gid_t gid = getegid();

		if (level == USERNS_LEVELS) {
			r->steps[r->nsteps++] = cc_clone_fn(*entry, CC_CLONE_NEWUSER,
							    SIGCHLD, leave, NULL);
			cc_reap_all();
		}
		if (unshare(CLONE_NEWUSER)) {
			r->steps[r->nsteps++] = -errno;
			return;
		}
		r->steps[r->nsteps++] = 0;
		if (cc_userns_map(getpid(), 0, uid, 0, gid, true, why, sizeof(why))) {
			r->run.result = CC_RESULT_BROKEN;
			snprintf(r->run.why, sizeof(r->run.why), "level %d: %s",
				 level, why);
			return;
		}
	}
	r->steps[r->nsteps++] = cc_clone_fn(*entry, CC_CLONE_NEWUSER, SIGCHLD,
					    leave, NULL);
	cc_reap_all();
	r->steps[r->nsteps++] = unshare(CLONE_NEWUSER) ? -errno : 0;
}

TEST_F(limit, user_namespaces_nest_33_levels)
{
	struct rule_report *r = self->r;
	enum cc_entry entry = variant->entry;
	int i;

	if (!in_initial_user_ns())
		SKIP(return, "needs the initial user namespace to count levels from 0");
	in_context(r, CC_CTX_UNPRIV_NEWUSER, entry, userns_nesting, &entry);
	RULE_REQUIRE(r);
	for (i = 0; i < USERNS_LEVELS - 1 && i < r->nsteps; i++) {
		if (r->steps[i])
			TH_LOG("unshare to level %d: %s", i + 1, CC_RESULT_NAME(-r->steps[i]));
		ASSERT_EQ(0, r->steps[i]);
	}
	ASSERT_EQ(USERNS_LEVELS + 3, r->nsteps);
	if (r->steps[32] <= 0)
		TH_LOG("%s(CLONE_NEWUSER) at level 32: %s, want a child at 33",
		       cc_entry_name(entry), CC_RESULT_NAME(-r->steps[32]));
	EXPECT_LT(0, r->steps[32]);
	if (r->steps[33])
		TH_LOG("unshare to level 33: %s", CC_RESULT_NAME(-r->steps[33]));
	EXPECT_EQ(0, r->steps[33]);
	if (r->steps[34] != -ENOSPC)
		TH_LOG("%s(CLONE_NEWUSER) at level 33: %s, want ENOSPC",
		       cc_entry_name(entry), CC_RESULT_NAME(-r->steps[34]));
	EXPECT_EQ(-ENOSPC, r->steps[34]);
	if (r->steps[35] != -ENOSPC)
		TH_LOG("unshare(CLONE_NEWUSER) at level 33: %s, want ENOSPC",
		       CC_RESULT_NAME(-r->steps[35]));
	EXPECT_EQ(-ENOSPC, r->steps[35]);
}

#define PIDNS_LEVELS 32		/* the deepest pid namespace level */

/*
 *   pid ns level 0 ─ context
 *     └─ 1 ─ init₁ ─ 2 ─ init₂ ─ ... ─ 31 ─ init₃₁
 *                                         ├─ clone(CLONE_NEWPID): 32, allowed
 *                                         └─ 32 ─ init₃₂
 *                                               └─ clone(CLONE_NEWPID): ENOSPC
 *
 * Each init reaches the next level with unshare(CLONE_NEWPID) and fork;
 * the results travel up through the shared report.
 */
static void pidns_descend(struct rule_report *r, enum cc_entry entry,
			  int level)
{
	pid_t next;

	if (level == PIDNS_LEVELS - 1 || level == PIDNS_LEVELS) {
		r->steps[level == PIDNS_LEVELS] =
			cc_clone_fn(entry, CC_CLONE_NEWPID, SIGCHLD, leave, NULL);
		cc_reap_all();
		if (level == PIDNS_LEVELS)
			return;
	}
	if (unshare(CLONE_NEWPID)) {
		r->steps[2] = -errno;
		return;
	}
	next = fork();
	if (next == 0) {
		pidns_descend(r, entry, level + 1);
		cc_reap_all();
		_exit(0);
	}
	if (next < 0)
		report_broken(r, "fork the next level");
	cc_reap_all();
}

static void pidns_nesting(struct cc_context_run *run, void *arg)
{
	struct rule_report *r = (struct rule_report *)run;
	const enum cc_entry *entry = arg;
	char status[4096], *nspid;
	int fd, levels = 0;
	ssize_t n;

	/* NSpid has one pid per level: this process's own level + 1. */
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, status, sizeof(status) - 1);
	if (fd >= 0)
		close(fd);
	status[n > 0 ? n : 0] = '\0';
	nspid = strstr(status, "NSpid:");
	for (nspid = nspid ? nspid + 6 : NULL; nspid && *nspid && *nspid != '\n'; nspid++)
		if (nspid[0] == '\t' || nspid[0] == ' ')
			levels++;
	if (levels != 1) {
		r->run.result = CC_RESULT_SKIP;
		snprintf(r->run.why, sizeof(r->run.why),
			 "needs the initial pid namespace to count levels (NSpid has %d entries)",
			 levels);
		return;
	}
	r->steps[0] = r->steps[1] = r->steps[2] = 1;	/* 1: not reached */
	pidns_descend(r, *entry, 0);
}

TEST_F(limit, pid_namespaces_nest_32_levels)
{
	struct rule_report *r = self->r;
	enum cc_entry entry = variant->entry;

	in_context(r, CC_CTX_USERNS_ROOT, entry, pidns_nesting, &entry);
	RULE_REQUIRE(r);
	if (r->steps[2] != 1)
		TH_LOG("unshare(CLONE_NEWPID) on the way down: %s",
		       CC_RESULT_NAME(-r->steps[2]));
	ASSERT_EQ(1, r->steps[2]);
	if (r->steps[0] <= 0)
		TH_LOG("%s(CLONE_NEWPID) from level 31: %s, want a child at 32",
		       cc_entry_name(entry), CC_RESULT_NAME(-r->steps[0]));
	EXPECT_LT(0, r->steps[0]);
	if (r->steps[1] != -ENOSPC)
		TH_LOG("%s(CLONE_NEWPID) from level 32: %s, want ENOSPC",
		       cc_entry_name(entry),
		       r->steps[1] == 1 ? "not reached" : CC_RESULT_NAME(-r->steps[1]));
	EXPECT_EQ(-ENOSPC, r->steps[1]);
}

/*
 * Per-type count limits: /proc/sys/user/max_<type>_namespaces, here 0,
 * written inside the context's own user namespace (the initial one needs
 * CAP_SYS_RESOURCE, which this machine's bounding set lacks); one type
 * at a time, each set back before the next.  steps[] holds each type's
 * call, in CC_NS_* order; 1: not asked (legacy clone cannot ask for a
 * time namespace: 0x80 is its exit signal's byte).  A type the kernel
 * lacks never reaches its count: its copy_* stub says EINVAL first
 * (CONFIG_CGROUPS off: the flag is ignored, a child).
 */
static int limit_errno(enum cc_ns_type type)
{
	char why[200];

	if (type == CC_NS_TIME && !case_clone3_takes_newtime())
		return EINVAL;
	if (cc_env_feature(CC_FEATURE_NS_MNT + type, why, sizeof(why)) != CC_ABSENT)
		return ENOSPC;
	return type == CC_NS_CGROUP ? 0 : EINVAL;
}

static bool limit_askable(enum cc_ns_type type, enum cc_entry entry)
{
	return type != CC_NS_TIME || entry == CC_ENTRY_CLONE3;
}

static void count_limit_run(struct cc_context_run *run, void *arg)
{
	struct rule_report *r = (struct rule_report *)run;
	const enum cc_entry *entry = arg;
	char path[96];
	int type;

	for (type = 0; type < CC_NS_COUNT; type++) {
		r->steps[type] = 1;
		if (!limit_askable(type, *entry))
			continue;
		snprintf(path, sizeof(path), "/proc/sys/user/max_%s_namespaces",
			 cc_ns_names[type]);
		if (cc_write_file(path, "0", r->run.why, sizeof(r->run.why))) {
			r->run.result = CC_RESULT_BROKEN;
			return;
		}
		r->steps[type] = cc_clone_fn(*entry, cc_ns_flags[type], SIGCHLD,
					     leave, NULL);
		cc_reap_all();
		if (cc_write_file(path, "1000", r->run.why, sizeof(r->run.why))) {
			r->run.result = CC_RESULT_BROKEN;
			return;
		}
	}
}

/* The model at each limit's edges, as the limit tests state them. */
TEST_F(limit, model)
{
	enum cc_entry entry = variant->entry;
	struct cc_request req;
	struct cc_env env;
	int type;

	RULE_MODEL_NEEDS(CC_CTX_USERNS_ROOT);
	/* A caller at level 32 makes level 33; one at 33 cannot. */
	cc_context_env(CC_CTX_USERNS_ROOT, &env);
	cc_clone_fn_request(entry, CC_CLONE_NEWUSER, SIGCHLD, &req);
	env.userns_level = USERNS_LEVELS - 1;
	CASE_CHECK_MODEL_ERRNO(&req, &env, 0);
	env.userns_level = USERNS_LEVELS;
	CASE_CHECK_MODEL_ERRNO(&req, &env, ENOSPC);

	/* An init at level 31 makes level 32; one at 32 cannot. */
	cc_clone_fn_request(entry, CC_CLONE_NEWPID, SIGCHLD, &req);
	env.userns_level = 1;
	env.pidns_init = true;
	env.pidns_level = PIDNS_LEVELS - 1;
	CASE_CHECK_MODEL_ERRNO(&req, &env, 0);
	env.pidns_level = PIDNS_LEVELS;
	CASE_CHECK_MODEL_ERRNO(&req, &env, ENOSPC);

	for (type = 0; type < CC_NS_COUNT; type++) {
		if (!limit_askable(type, entry))
			continue;
		cc_context_env(CC_CTX_USERNS_ROOT, &env);
		env.max_namespaces[type] = 0;
		cc_clone_fn_request(entry, cc_ns_flags[type], SIGCHLD, &req);
		CASE_CHECK_MODEL_ERRNO(&req, &env, limit_errno(type));
	}
}

TEST_F(limit, per_type_count_limits)
{
	struct rule_report *r = self->r;
	enum cc_entry entry = variant->entry;
	int type;

	in_context(r, CC_CTX_USERNS_ROOT, entry, count_limit_run, &entry);
	RULE_REQUIRE(r);
	for (type = 0; type < CC_NS_COUNT; type++) {
		if (!limit_askable(type, entry))
			continue;
		int want = limit_errno(type);
		long got = r->steps[type] < 0 ? r->steps[type] : 0;

		if (got != -want)
			TH_LOG("%s with max_%s_namespaces=0: %s, want %s",
			       cc_entry_name(entry), cc_ns_names[type],
			       CC_RESULT_NAME(-got), CC_RESULT_NAME(want));
		EXPECT_EQ(-want, got);
	}
}

/* ---- the namespace types the kernel has ---- */

/*
 * /proc/self/ns lists the types the kernel is built with (fs/proc/
 * namespaces.c).  Without one, its copy_* stub refuses the flag with
 * EINVAL (create_user_ns's for CLONE_NEWUSER), after the CAP_SYS_ADMIN
 * check; without CONFIG_CGROUPS, copy_cgroup_ns hands back the old
 * namespace: CLONE_NEWCGROUP is ignored.  So each type's flag alone,
 * from root in the context, must get what the type's presence says, and
 * the model must say the same.  Through clone3 (legacy clone cannot ask
 * for a time namespace), or clone where clone3 is out of reach.
 */
FIXTURE(presence) {
	struct rule_report *r;
};

FIXTURE_VARIANT(presence) {
	enum cc_ns_type type;
};

#define PRESENCE_ROW(ID, proc, ...)					\
	FIXTURE_VARIANT_ADD(presence, proc) { .type = CC_NS_##ID };
CC_NAMESPACES(PRESENCE_ROW)
#undef PRESENCE_ROW

/* Root, or root in a user namespace of its own where this process is not. */
static enum cc_context presence_context(void)
{
	return cc_env_has_cap(CAP_SYS_ADMIN) ? CC_CTX_ROOT : CC_CTX_USERNS_ROOT;
}

static enum cc_entry presence_entry(void)
{
	return cc_env_clone3() == CC_CLONE3_AVAILABLE ? CC_ENTRY_CLONE3 :
							CC_ENTRY_CLONE;
}

/* The errno the type's presence calls for: 0 is a child. */
static int presence_errno(enum cc_ns_type type, enum cc_context ctx)
{
	struct cc_env env;
	char why[200];

	if (type == CC_NS_TIME && !case_clone3_takes_newtime())
		return EINVAL;
	if (cc_env_feature(CC_FEATURE_NS_MNT + type, why, sizeof(why)) == CC_ABSENT)
		return type == CC_NS_CGROUP ? 0 : EINVAL;
	if (type == CC_NS_USER)
		return cc_env_userns_errno(ctx == CC_CTX_ROOT);
	cc_context_env(ctx, &env);
	return env.max_namespaces[type] == 0 ? ENOSPC : 0;
}

/* What keeps the row from being asked here, or NULL. */
static const char *presence_missing(enum cc_ns_type type, char *why, size_t len)
{
	char seen[200];

	if (cc_env_feature(CC_FEATURE_NS_MNT + type, seen, sizeof(seen)) ==
	    CC_ANSWER_UNEXPECTED) {
		snprintf(why, len, "%s", seen);
		return NULL;	/* the test FAILs on it */
	}
	if (type == CC_NS_TIME && presence_entry() != CC_ENTRY_CLONE3) {
		snprintf(why, len, "%s", cc_env_clone3_reason());
		return why;
	}
	return cc_context_missing(presence_context(), why, len);
}

FIXTURE_SETUP(presence)
{
	struct plain_call call = {
		presence_entry(), cc_ns_flags[variant->type], SIGCHLD,
	};

	self->r = cc_shared_page(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
	if (presence_missing(variant->type, self->r->run.why,
			     sizeof(self->r->run.why)))
		self->r->run.result = CC_RESULT_SKIP;
	else if (!CASE_IS_MODEL_TEST())
		in_context(self->r, presence_context(), call.entry, plain_run,
			   &call);
}

FIXTURE_TEARDOWN(presence)
{
	cc_shared_page_free(self->r, sizeof(*self->r));
}

TEST_F(presence, flag_follows_presence)
{
	struct rule_report *r = self->r;
	enum cc_ns_type type = variant->type;
	int want = presence_errno(type, presence_context());
	char seen[200];
	long got;

	ASSERT_NE(CC_ANSWER_UNEXPECTED,
		  cc_env_feature(CC_FEATURE_NS_MNT + type, seen, sizeof(seen)))
		TH_LOG("%s", seen);
	RULE_REQUIRE(r);
	got = r->ret < 0 ? -r->ret : 0;
	if (got != want)
		TH_LOG("%s(%s) where %s: %s, want %s",
		       cc_entry_name(presence_entry()),
		       cc_flag_by_bit(cc_ns_flags[type])->name, seen,
		       CC_RESULT_NAME(got), CC_RESULT_NAME(want));
	EXPECT_EQ(want, got);
}

TEST_F(presence, model)
{
	enum cc_ns_type type = variant->type;
	int want_absent;
	struct cc_request req;
	struct cc_env env;
	char why[200];

	if (presence_missing(type, why, sizeof(why)))
		SKIP(return, "%s", why);
	cc_context_env(presence_context(), &env);
	cc_clone_fn_request(presence_entry(), cc_ns_flags[type], SIGCHLD, &req);
	CASE_CHECK_MODEL_ERRNO(&req, &env, presence_errno(type, presence_context()));
	/*
	 * And as on a kernel without the type, whichever this one is: the
	 * stub's EINVAL (an older clone3's for CLONE_NEWTIME is EINVAL too);
	 * without cgroups, the flag ignored.
	 */
	env.absent_features |= 1u << (CC_FEATURE_NS_MNT + type);
	want_absent = type == CC_NS_CGROUP ? 0 : EINVAL;
	CASE_CHECK_MODEL_ERRNO(&req, &env, want_absent);
}

/* ---- set_tid across nested pid namespaces (clone3 only) ---- */

FIXTURE(set_tid) {
	struct rule_report *r;
};

/* One call from init₁; the same data drives the run and the model. */
FIXTURE_VARIANT(set_tid) {
	uint64_t flags;
	int32_t tids[3];	/* innermost namespace first */
	uint32_t count;
	uint64_t drop_caps;	/* dropped from init₁'s effective set first */
	int err;
};

#define CAP(c) (1ULL << (c))

/*
 *   pid ns level 0 ─ context (root in its own user namespace)
 *     └─ level 1 ─ init₁ (pid 1)
 *          └─ clone3(CLONE_NEWPID, set_tid = {1, 77})
 *               └─ level 2 ─ child: pid 1 in level 2, 77 in level 1
 */
FIXTURE_VARIANT_ADD(set_tid, nested) {
	.flags = CC_CLONE_NEWPID, .tids = { 1, 77 }, .count = 2, .err = 0,
};
/*   init₁ ─ clone3(set_tid = {1}): pid 1 is init₁ itself */
FIXTURE_VARIANT_ADD(set_tid, pid_in_use) {
	.tids = { 1 }, .count = 1, .err = EEXIST,
};
/*   init₁ ─ clone3(set_tid = {5, 5, 5}): three levels asked, two exist */
FIXTURE_VARIANT_ADD(set_tid, more_than_levels) {
	.tids = { 5, 5, 5 }, .count = 3, .err = EINVAL,
};
/*   init₁, CAP_SYS_ADMIN and CAP_CHECKPOINT_RESTORE dropped by capset ─ clone3(set_tid = {5}) */
FIXTURE_VARIANT_ADD(set_tid, without_checkpoint_restore) {
	.tids = { 5 }, .count = 1,
	.drop_caps = CAP(CAP_SYS_ADMIN) | CAP(CAP_CHECKPOINT_RESTORE),
	.err = EPERM,
};
/*   init₁, only CAP_SYS_ADMIN dropped ─ clone3(set_tid = {5}) */
FIXTURE_VARIANT_ADD(set_tid, with_checkpoint_restore) {
	.tids = { 5 }, .count = 1, .drop_caps = CAP(CAP_SYS_ADMIN), .err = 0,
};

FIXTURE_SETUP(set_tid)
{
	self->r = cc_shared_page(sizeof(*self->r));
	ASSERT_NE(NULL, self->r);
}

FIXTURE_TEARDOWN(set_tid)
{
	cc_shared_page_free(self->r, sizeof(*self->r));
}

/* The child of the nested row reports its NSpid line. */
static int report_nspid(void *arg, uint64_t initial_sp)
{
	struct rule_report *r = arg;
	char status[4096];
	long n = sys_openat(AT_FDCWD, "/proc/self/status", O_RDONLY);
	long fd = n, len = 0, i;
	const char *line = NULL;

	if (fd < 0)
		return 1;
	while ((n = sys_read(fd, status + len, sizeof(status) - 1 - len)) > 0)
		len += n;
	sys_close(fd);
	status[len] = '\0';
	for (i = 0; i + 6 < len; i++)
		if ((i == 0 || status[i - 1] == '\n') && status[i] == 'N' &&
		    status[i + 1] == 'S' && status[i + 2] == 'p' &&
		    status[i + 3] == 'i' && status[i + 4] == 'd' &&
		    status[i + 5] == ':') {
			line = status + i + 6;
			break;
		}
	for (i = 0; line && line[i] && line[i] != '\n' && i < RULE_TEXT - 1; i++)
		r->text[i] = line[i] == '\t' ? ' ' : line[i];
	r->text[i] = '\0';
	return 0;
}

/* Drops capabilities from the effective set with raw capset. */
static int drop_effective(uint64_t caps)
{
	struct cc_cap_header hdr = { CC_CAP_VERSION_3, 0 };
	struct cc_cap_data data[2];

	if (sys_capget(&hdr, data))
		return -1;
	data[0].effective &= ~(uint32_t)caps;
	data[1].effective &= ~(uint32_t)(caps >> 32);
	return sys_capset(&hdr, data) ? -1 : 0;
}

static long clone3_set_tid(struct rule_report *r, uint64_t flags,
			   const int32_t *tids, size_t count, cc_child_fn fn)
{
	static uint8_t stack[64 * 1024] __attribute__((aligned(16)));
	struct cc_clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
		.stack = (uint64_t)(uintptr_t)stack,
		.stack_size = sizeof(stack),
		.set_tid = (uint64_t)(uintptr_t)tids,
		.set_tid_size = count,
	};

	return cc_arch_clone_call(CC_NR_clone3, (long)&args, sizeof(args), 0,
				  0, 0, fn, r);
}

static void set_tid_run(struct cc_context_run *run, void *arg)
{
	struct rule_report *r = (struct rule_report *)run;
	const FIXTURE_VARIANT(set_tid) *v = arg;
	pid_t init;

	if (unshare(CLONE_NEWPID))
		return report_broken(r, "unshare(CLONE_NEWPID)");
	init = fork();
	if (init == 0) {
		if (v->drop_caps && drop_effective(v->drop_caps)) {
			report_broken(r, "capset");
			_exit(1);
		}
		r->ret = clone3_set_tid(r, v->flags, v->tids, v->count,
					(v->flags & CC_CLONE_NEWPID) ?
						report_nspid : leave);
		cc_reap_all();
		_exit(0);
	}
	if (init < 0)
		report_broken(r, "fork the init");
}

/* clone_args.set_tid came with 5.5 ("fork: extend clone3() to support setting a PID"). */
#define SET_TID_REQUIRE_KERNEL()					\
	do {								\
		char _v[16];						\
		if (cc_env_kernel_version() < CC_KERNEL_VERSION(5, 5, 0)) \
			SKIP(return, "needs kernel 5.5 for set_tid (this one is %s)", \
			     cc_version_text(_v, sizeof(_v), cc_env_kernel_version())); \
	} while (0)

TEST_F(set_tid, model)
{
	struct cc_request req;
	struct cc_env env;

	SET_TID_REQUIRE_KERNEL();
	RULE_MODEL_NEEDS(CC_CTX_USERNS_ROOT);
	/* init₁: pid 1 of a namespace the context's user ns owns. */
	cc_context_env(CC_CTX_USERNS_ROOT, &env);
	env.pidns_level++;
	env.pidns_init = true;
	env.pidns_owned_from = env.pidns_level;
	env.caps &= ~variant->drop_caps;
	cc_clone_fn_request(CC_ENTRY_CLONE3, variant->flags, SIGCHLD, &req);
	memcpy(req.set_tid, variant->tids, variant->count * sizeof(req.set_tid[0]));
	req.set_tid_size = variant->count;
	CASE_CHECK_MODEL_ERRNO(&req, &env, variant->err);
}

TEST_F(set_tid, clone3)
{
	struct rule_report *r = self->r;
	long got;

	SET_TID_REQUIRE_KERNEL();
	in_context(r, CC_CTX_USERNS_ROOT, CC_ENTRY_CLONE3, set_tid_run, variant);
	RULE_REQUIRE(r);
	got = r->ret < 0 ? -r->ret : 0;
	if (got != variant->err)
		TH_LOG("clone3 with set_tid: %s, want %s", CC_RESULT_NAME(got),
		       CC_RESULT_NAME(variant->err));
	ASSERT_EQ(variant->err, got);
	if (variant->flags & CC_CLONE_NEWPID) {
		/* Outermost first: <level 0> 77 1. */
		const char *tail = strstr(r->text, " 77 1");

		if (!tail || tail[5])
			TH_LOG("the child's NSpid is \"%s\", want \"<any> 77 1\"",
			       r->text);
		EXPECT_TRUE(tail && !tail[5]);
	} else if (!variant->err) {
		/* In the caller's own namespace the call returns that pid. */
		EXPECT_EQ(variant->tids[0], r->ret);
	}
}

TEST_HARNESS_MAIN
