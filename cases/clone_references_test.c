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
#include "cases.h"

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

TEST_HARNESS_MAIN
