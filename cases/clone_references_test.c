// SPDX-License-Identifier: GPL-2.0
/*
 * The libc's own ways to make a task, as references: fork(), vfork(),
 * posix_spawn() and pthread_create().  Each row states the profile the
 * reference shows and the raw call the libc documents it as (glibc 2.36:
 * fork = SIGCHLD, vfork = CLONE_VM|CLONE_VFORK|SIGCHLD, posix_spawn =
 * CLONE_VM|CLONE_VFORK|SIGCHLD then exec, pthread_create = VM, FS,
 * FILES, SIGHAND, THREAD, SYSVSEM, SETTLS, PARENT_SETTID, CHILD_CLEARTID
 * and exit signal 0), and checks that
 *   - the reference shows the profile,
 *   - the raw equivalent shows it too,
 *   - both show the same thing for every property they both can show.
 * pthread_create's TLS block and tid words belong to the libc, so the
 * TLS and PARENT_SETTID probes, which watch the engine's own block and
 * words, cannot see them in the reference; the raw equivalent must show
 * both (its TLS base is the block it passed, its parent_tid word holds
 * the thread's tid): they are the row's equivalent_shows.  Its
 * CHILD_CLEARTID shows as a thread that, once gone, can be joined
 * (pthread_join waits for the kernel to clear the libc's tid word).
 */
#include <sched.h>
#include <sys/wait.h>

#include "cases.h"
#include "engine/recorder.h"

FIXTURE(reference) {
	struct case_run reference;
	struct case_run equivalent;
};

FIXTURE_VARIANT(reference) {
	const char *reference;
	const char *equivalent;
	struct cc_outcome expect;	/* the reference's profile */
	uint32_t equivalent_shows;	/* on for the raw call only (the libc's own
					   words and TLS hide them in the reference) */
};

FIXTURE_SETUP(reference)
{
	if (CASE_IS_MODEL_TEST())
		return;
	case_launch(&self->reference, variant->reference);
	case_launch(&self->equivalent, variant->equivalent);
}

FIXTURE_TEARDOWN(reference)
{
}

FIXTURE_VARIANT_ADD(reference, fork) {
	.reference = "fork",
	.equivalent = "clone",
	.expect = { .props = 0, .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(reference, fork_as_clone3) {
	.reference = "fork",
	.equivalent = "clone3",
	.expect = { .props = 0, .exit_signal = SIGCHLD, EXITED_0 },
};

/* The vfork child runs on the caller's stack while the caller waits. */
FIXTURE_VARIANT_ADD(reference, vfork) {
	.reference = "vfork",
	.equivalent = "clone flags=CLONE_VM|CLONE_VFORK",
	.expect = { .props = P(MEMORY) | P(VFORK), .exit_signal = SIGCHLD,
		    EXITED_0 },
};

FIXTURE_VARIANT_ADD(reference, vfork_as_clone3) {
	.reference = "vfork",
	.equivalent = "clone3 flags=CLONE_VM|CLONE_VFORK",
	.expect = { .props = P(MEMORY) | P(VFORK), .exit_signal = SIGCHLD,
		    EXITED_0 },
};

/*
 * After exec nothing is shared; the caller resumed at the exec, exec
 * reset the SIGUSR1 handler, and the new image has a stack of its own.
 */
FIXTURE_VARIANT_ADD(reference, posix_spawn) {
	.reference = "posix_spawn",
	.equivalent = "clone flags=CLONE_VM|CLONE_VFORK stack=mmap:64k child=exec",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(reference, pthread_create) {
	.reference = "pthread",
	.equivalent = "clone flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(FILES) | P(FS_UMASK) | P(FS_CWD) |
			     P(SIGHAND) | P(THREAD_GROUP) | P(PARENT) |
			     P(SYSVSEM) | P(CLEAR_TID) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
	.equivalent_shows = P(TLS) | P(PARENT_TID),
};

static void check_profile(struct __test_metadata *_metadata,
			  struct case_run *run, const struct cc_outcome *expect,
			  uint32_t also_on)
{
	struct cc_outcome exp = *expect;
	char differences[2048];
	int count;

	uint32_t left_out = expect->props &
			    cc_props_needing(cc_env_absent_features());
	int p;

	CASE_REQUIRE(run);
	/*
	 * A profile is compared whole; what the kernel cannot show (System
	 * V semaphores without CONFIG_SYSVIPC) is left out, by name.
	 */
	for (p = 0; p < CC_PROP_COUNT; p++)
		if (left_out & (1u << p))
			TH_LOG("%s: %s left out: the kernel lacks %s", run->text,
			       cc_prop_name(p), cc_feature_name(cc_props[p].needs));
	exp.props |= also_on;
	count = cc_verdict(&run->req, &exp, &run->obs, differences,
			   sizeof(differences));
	if (count)
		TH_LOG("%s:\n%s", run->text, differences);
	EXPECT_EQ(0, count);
}

TEST_F(reference, reference_profile)
{
	check_profile(_metadata, &self->reference, &variant->expect, 0);
}

TEST_F(reference, equivalent_profile)
{
	check_profile(_metadata, &self->equivalent, &variant->expect,
		      variant->equivalent_shows);
}

/* The model, for the reference and for its raw equivalent. */
TEST_F(reference, model)
{
	struct cc_outcome equivalent = variant->expect;

	equivalent.props |= variant->equivalent_shows;
	CASE_CHECK_MODEL(variant->reference, &variant->expect, CC_PART_ALL);
	CASE_CHECK_MODEL(variant->equivalent, &equivalent, CC_PART_ALL);
}

TEST_F(reference, same_as_equivalent)
{
	char ref_shows[64], eq_shows[300], diff[2048];
	int count;

	CASE_REQUIRE(&self->reference);
	CASE_REQUIRE(&self->equivalent);
	snprintf(ref_shows, sizeof(ref_shows), "%s shows", variant->reference);
	snprintf(eq_shows, sizeof(eq_shows), "\"%s\" shows", variant->equivalent);
	count = cc_outcome_diff(ref_shows, &self->reference.obs.outcome,
				eq_shows, &self->equivalent.obs.outcome,
				CC_PART_ALL, ~variant->equivalent_shows, NULL,
				diff, sizeof(diff));
	if (count)
		TH_LOG("%s", diff);
	EXPECT_EQ(0, count);
}

/*
 * ---- the call itself: what each libc asks the kernel for ----
 * The profiles above are the same on every libc; the calls are not.
 * Recorded through a seccomp user-notification filter that lets each
 * call go on (engine/recorder.c); the model's libc column
 * (cc_model_libc_calls) must say the same.  glibc 2.36: fork is a clone
 * with CHILD_SETTID|CHILD_CLEARTID (its tid word), posix_spawn and
 * pthread_create are clone3 (since 2.34; clone with the same flags only
 * when clone3 answers ENOSYS).  musl 1.2.3: fork is the fork syscall,
 * posix_spawn and pthread_create a legacy clone, pthread_create with
 * CLONE_DETACHED besides.  vfork is the vfork syscall on both.
 */
FIXTURE(libc_call) {
	struct cc_recording recording;
	bool skip;
	int result;
	char why[256];
};

FIXTURE_VARIANT(libc_call) {
	enum cc_entry entry;
	struct cc_libc_call call;
	const char *platform;	/* libc and ABI: case_platform_holds */
};

FIXTURE_SETUP(libc_call)
{
	if (!CASE_IS_MODEL_TEST())
		self->result = cc_record_reference(variant->entry,
						   &self->recording,
						   &self->skip, self->why,
						   sizeof(self->why));
}

FIXTURE_TEARDOWN(libc_call)
{
}

#define LIBC_CALL(kind, call_flags, signal) \
	{ .syscall = CC_SYSCALL_##kind, .flags = (call_flags), \
	  .exit_signal = (signal) }
#define PTHREAD_CREATE_FLAGS (CC_CLONE_VM | CC_CLONE_FS | CC_CLONE_FILES | \
	CC_CLONE_SIGHAND | CC_CLONE_THREAD | CC_CLONE_SYSVSEM |		\
	CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID | CC_CLONE_CHILD_CLEARTID)

FIXTURE_VARIANT_ADD(libc_call, glibc_fork) {
	.entry = CC_ENTRY_FORK, .platform = "glibc",
	.call = LIBC_CALL(CLONE, CC_CLONE_CHILD_SETTID | CC_CLONE_CHILD_CLEARTID,
			  SIGCHLD),
};

FIXTURE_VARIANT_ADD(libc_call, musl_fork) {
	.entry = CC_ENTRY_FORK, .platform = "musl",
	.call = LIBC_CALL(FORK, 0, SIGCHLD),
};

FIXTURE_VARIANT_ADD(libc_call, vfork) {
	.entry = CC_ENTRY_VFORK,
	.call = LIBC_CALL(VFORK, CC_CLONE_VM | CC_CLONE_VFORK, SIGCHLD),
};

FIXTURE_VARIANT_ADD(libc_call, glibc_posix_spawn) {
	.entry = CC_ENTRY_POSIX_SPAWN, .platform = "glibc",
	.call = LIBC_CALL(CLONE3, CC_CLONE_VM | CC_CLONE_VFORK, SIGCHLD),
};

FIXTURE_VARIANT_ADD(libc_call, musl_posix_spawn) {
	.entry = CC_ENTRY_POSIX_SPAWN, .platform = "musl",
	.call = LIBC_CALL(CLONE, CC_CLONE_VM | CC_CLONE_VFORK, SIGCHLD),
};

FIXTURE_VARIANT_ADD(libc_call, glibc_pthread_create) {
	.entry = CC_ENTRY_PTHREAD, .platform = "glibc",
	.call = LIBC_CALL(CLONE3, PTHREAD_CREATE_FLAGS, 0),
};

FIXTURE_VARIANT_ADD(libc_call, musl_pthread_create) {
	.entry = CC_ENTRY_PTHREAD, .platform = "musl",
	.call = LIBC_CALL(CLONE, PTHREAD_CREATE_FLAGS | CC_CLONE_DETACHED, 0),
};

static const char *libc_call_text(char *buf, size_t len,
				  const struct cc_libc_call *call)
{
	char flags[512];

	cc_flags_print(flags, sizeof(flags), call->flags, 0);
	snprintf(buf, len, "%s(%s, exit signal %llu)",
		 cc_syscall_kind_name(call->syscall), flags,
		 (unsigned long long)call->exit_signal);
	return buf;
}

static bool libc_call_equal(const struct cc_libc_call *a,
			    const struct cc_libc_call *b)
{
	return a->syscall == b->syscall && a->flags == b->flags &&
	       a->exit_signal == b->exit_signal;
}

TEST_F(libc_call, recorded)
{
	const struct cc_libc_call *want = &variant->call;
	struct cc_libc_call fallback = variant->call;
	const struct cc_recording *rec = &self->recording;
	char text[2][600];
	int first = 0;

	if (case_platform_skip(variant->platform, text[0], sizeof(text[0])))
		SKIP(return, "%s", text[0]);
	if (self->skip)
		SKIP(return, "%s", self->why);
	/*
	 * Where clone3 answers ENOSYS (a kernel before 5.3, or a filter,
	 * which hides the call from ours) glibc makes its clone next; where
	 * a filter answers EPERM it makes none and fails.
	 */
	if (want->syscall == CC_SYSCALL_CLONE3 &&
	    cc_env_clone3() != CC_CLONE3_AVAILABLE) {
		if (cc_env_clone3() != CC_CLONE3_ENOSYS)
			SKIP(return, "%s", cc_env_clone3_reason());
		if (rec->count && rec->calls[0].syscall == CC_SYSCALL_CLONE3)
			first = 1;
		fallback.syscall = CC_SYSCALL_CLONE;
		want = &fallback;
	}
	if (self->result) {
		TH_LOG(CC_BROKEN_MARK ": %s: %s", cc_entry_names[variant->entry],
		       self->why);
		ASSERT_EQ(0, self->result);
	}
	if (rec->count - first != 1 || !libc_call_equal(&rec->calls[first], want)) {
		TH_LOG("%s made %d task-creating call(s)%s%s; the row states %s",
		       cc_entry_names[variant->entry], rec->count - first,
		       rec->count - first ? ", the first " : "",
		       rec->count - first ?
			       libc_call_text(text[0], sizeof(text[0]),
					      &rec->calls[first]) : "",
		       libc_call_text(text[1], sizeof(text[1]), want));
		EXPECT_EQ(1, rec->count - first);
		EXPECT_TRUE(libc_call_equal(&rec->calls[first], want));
	}
}

/* The model's libc column, in the environment of the row's libc. */
TEST_F(libc_call, model)
{
	struct cc_libc_call calls[2];
	struct cc_env env;
	char text[2][600];
	int count;

	cc_env_detect(&env);
	case_platform_env(variant->platform, &env);
	env.clone3 = CC_CLONE3_AVAILABLE;
	count = cc_model_libc_calls(variant->entry, &env, calls);
	if (count != 1 || !libc_call_equal(&calls[0], &variant->call))
		TH_LOG("the model says %s makes %s; the row states %s",
		       cc_entry_names[variant->entry],
		       count ? libc_call_text(text[0], sizeof(text[0]),
					      &calls[0]) : "no call",
		       libc_call_text(text[1], sizeof(text[1]), &variant->call));
	EXPECT_EQ(1, count);
	EXPECT_TRUE(libc_call_equal(&calls[0], &variant->call));
}

/*
 * ---- the libc's cached tid in a child of its clone() ----
 * Without CLONE_VM the child is a copy of the caller, thread structure
 * and all.  raise() there: musl 1.2.3 sends the signal with tkill to the
 * tid the structure caches, the caller's; musl 1.2.5 refreshes it in the
 * child (__post_Fork); glibc (2.34 on) asks the kernel for the tid.  The
 * child, a plain copy, may call the libc.
 */
static volatile sig_atomic_t raise_seen;

static void raise_handler(int sig)
{
	(void)sig;
	raise_seen = 1;
}

static int raise_child(void *arg)
{
	(void)arg;
	raise_seen = 0;
	raise(SIGUSR1);
	/* A signal to oneself is taken before raise() returns. */
	return raise_seen ? 0 : 1;
}

FIXTURE(libc_tid) {
};

FIXTURE_VARIANT(libc_tid) {
	bool reaches_child;	/* else the caller */
	const char *platform;	/* libc and ABI: case_platform_holds */
};

FIXTURE_SETUP(libc_tid)
{
}

FIXTURE_TEARDOWN(libc_tid)
{
}

FIXTURE_VARIANT_ADD(libc_tid, glibc_raise_reaches_the_child) {
	.reaches_child = true, .platform = "glibc",
};

FIXTURE_VARIANT_ADD(libc_tid, musl_raise_reaches_the_caller) {
	.reaches_child = false, .platform = "musl<1.2.5",
};

FIXTURE_VARIANT_ADD(libc_tid, musl_raise_reaches_the_child) {
	.reaches_child = true, .platform = "musl>=1.2.5",
};

TEST_F(libc_tid, raise)
{
	/* SA_RESTART: the caller's signal may come while it waits. */
	struct sigaction act = { .sa_handler = raise_handler,
				 .sa_flags = SA_RESTART }, old;
	size_t size = 64 * 1024;
	char why[256];
	int status = -1;
	void *stack;
	pid_t pid;

	if (case_platform_skip(variant->platform, why, sizeof(why)))
		SKIP(return, "%s", why);
	stack = mmap(NULL, size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	ASSERT_NE(MAP_FAILED, stack);
	ASSERT_EQ(0, sigaction(SIGUSR1, &act, &old));
	raise_seen = 0;
	pid = clone(raise_child, (char *)stack + size, SIGCHLD, NULL);
	ASSERT_LT(0, pid) TH_LOG("clone: %s", CC_ERRNO(errno));
	/*
	 * __WALL: a kernel that loses the exit signal leaves a child only
	 * __WALL sees.  Braces: an ASSERT is more than one statement.
	 */
	while (waitpid(pid, &status, __WALL) < 0) {
		ASSERT_EQ(EINTR, errno);
	}
	/* The caller's signal, if it was sent here, came before the exit. */
	sigaction(SIGUSR1, &old, NULL);
	munmap(stack, size);
	ASSERT_TRUE(WIFEXITED(status));
	if (variant->reaches_child) {
		EXPECT_EQ(0, WEXITSTATUS(status))
			TH_LOG("raise() in the clone() child did not signal the child");
		EXPECT_EQ(0, raise_seen)
			TH_LOG("raise() in the clone() child signalled the caller: a stale cached tid");
	} else {
		EXPECT_EQ(1, WEXITSTATUS(status))
			TH_LOG("raise() in the clone() child signalled the child: the row states the caller's cached tid");
		EXPECT_EQ(1, raise_seen)
			TH_LOG("the caller was not signalled");
	}
}

TEST_F(libc_tid, model)
{
	struct cc_env env;

	cc_env_detect(&env);
	case_platform_env(variant->platform, &env);
	EXPECT_EQ(variant->reaches_child,
		  cc_model_libc_clone_raise_reaches_child(&env))
		TH_LOG("the model's libc column says raise() reaches the %s",
		       variant->reaches_child ? "caller" : "child");
}

TEST_HARNESS_MAIN
