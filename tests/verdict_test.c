// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict's sentences, on observations made up here: each kind of
 * difference must be found and said in words a kernel developer can act
 * on, with the probe's evidence, and an exact match must say nothing.
 */
#include <signal.h>

#include "kselftest_harness.h"
#include "engine/verdict.h"

static void observed_files_clone(struct cc_request *req,
				 struct cc_observation *obs)
{
	cc_request_init(req, CC_ENTRY_CLONE);
	req->flags = CC_CLONE_FILES;
	memset(obs, 0, sizeof(*obs));
	obs->outcome.ret = 1234;
	obs->fd_slot = 200;
	obs->outcome.end = CC_END_EXITED;
	obs->outcome.exit_signal = SIGCHLD;
	obs->exit_signal_code = CLD_EXITED;
	obs->exit_signal_status = 0;
}

static bool part_matches(const struct cc_outcome *exp,
			 const struct cc_observation *obs, enum cc_part part,
			 char *msg, size_t len)
{
	return cc_verdict_part(NULL, exp, obs, part, 0, msg, len);
}

TEST(exact_match_says_nothing)
{
	struct cc_outcome exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD,
				  .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	obs.outcome.props = CC_P(FILES);
	EXPECT_EQ(0, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
}

TEST(missing_sharing_names_flag_and_fd)
{
	struct cc_outcome exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD,
				  .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("CLONE_FILES requested, but fd 200 opened by the child is not open in the caller\n",
		     buf);
}

TEST(unexpected_sharing_says_not_requested)
{
	struct cc_outcome exp = { .exit_signal = SIGCHLD, .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.outcome.props = CC_P(MEMORY);
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("CLONE_VM not requested, but the child's write to the caller's private memory is visible in the caller\n",
		     buf);
}

TEST(wrong_errno_names_both)
{
	struct cc_outcome exp = { .ret = -EINVAL };
	struct cc_observation obs = { .outcome = { .ret = -EPERM } };
	char msg[256];

	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_RET, msg, sizeof(msg)));
	EXPECT_STREQ("expected EINVAL, but the call failed with EPERM", msg);
}

TEST(unexpected_success_gives_child)
{
	struct cc_outcome exp = { .ret = -EINVAL };
	struct cc_observation obs = { .outcome = { .ret = 77 } };
	char msg[256];

	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_RET, msg, sizeof(msg)));
	EXPECT_STREQ("expected EINVAL, but the call succeeded (child 77)", msg);
}

TEST(unexpected_failure)
{
	struct cc_outcome exp = { .ret = 0 };
	struct cc_observation obs = { .outcome = { .ret = -ENOSPC } };
	char msg[256];

	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_RET, msg, sizeof(msg)));
	EXPECT_STREQ("expected the call to create a child, but it failed with ENOSPC",
		     msg);
}

TEST(killed_instead_of_exited)
{
	struct cc_outcome exp = { .end = CC_END_EXITED, .end_value = 0 };
	struct cc_observation obs = { .outcome = { .ret = 5,
						   .end = CC_END_KILLED,
						   .end_value = SIGSEGV } };
	char msg[256];

	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_END, msg, sizeof(msg)));
	EXPECT_STREQ("how the child ended: expected exit status 0, observed killed by SIGSEGV",
		     msg);
}

TEST(failed_probe_step_is_named)
{
	struct cc_outcome exp = { .end = CC_END_EXITED, .end_value = 0 };
	struct cc_observation obs = {
		.outcome = { .ret = 5, .end = CC_END_EXITED,
			     .end_value = CC_CHILD_FAILED + CC_STEP_SEMOP },
	};
	char msg[256];

	obs.child.failed_step = CC_STEP_SEMOP;
	obs.child.failed_errno = EINVAL;
	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_END, msg, sizeof(msg)));
	EXPECT_STREQ("how the child ended: expected exit status 0, observed exit status 106; the child's probe step \"semop\" failed with EINVAL",
		     msg);
}

TEST(missing_exit_signal)
{
	struct cc_outcome exp = { .exit_signal = SIGCHLD };
	struct cc_observation obs = { .outcome = { .ret = 5 } };
	char msg[256];

	EXPECT_FALSE(part_matches(&exp, &obs, CC_PART_EXIT_SIGNAL, msg,
				  sizeof(msg)));
	EXPECT_STREQ("the exit signal: expected SIGCHLD, observed none", msg);
}

TEST(unmeasured_property_is_a_difference)
{
	struct cc_outcome exp = { .props = CC_P(CGROUP), .exit_signal = SIGCHLD,
				  .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.outcome.unmeasured = CC_P(CGROUP);
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("cgroup was not measured: the child did not reach its probes\n",
		     buf);
}

/* Not measured and not wanted: nothing to say, in the whole verdict. */
TEST(unmeasured_property_expected_off_is_no_difference)
{
	struct cc_outcome exp = { .exit_signal = SIGCHLD, .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.outcome.unmeasured = CC_P(CGROUP);
	EXPECT_EQ(0, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
}

/* A property test, though, needs a value whichever way it was to go. */
TEST(unmeasured_property_fails_its_own_test)
{
	struct cc_outcome exp = { .exit_signal = SIGCHLD, .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char msg[256];

	observed_files_clone(&req, &obs);
	obs.outcome.unmeasured = CC_P(IO);
	EXPECT_FALSE(cc_verdict_part(&req, &exp, &obs, CC_PART_PROPS,
				     CC_PROP_IO, msg, sizeof(msg)));
	EXPECT_STREQ("io_context was not measured: the child did not reach its probes",
		     msg);
}

TEST(every_difference_is_counted)
{
	struct cc_outcome exp = { .props = CC_P(FILES) | CC_P(FS_CWD),
				  .exit_signal = SIGUSR1, .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[2048];

	observed_files_clone(&req, &obs);
	obs.outcome.props = CC_P(MEMORY);
	/* FILES, FS_CWD and MEMORY differ, and the exit signal. */
	EXPECT_EQ(4, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
}

/* The notification says how the child ended, as the wait saw it. */
TEST(notification_with_another_status)
{
	struct cc_outcome exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD,
				  .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	obs.outcome.props = CC_P(FILES);
	obs.exit_signal_status = 3;
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "si_status 3, but the child exited with 0"))
		TH_LOG("%s", buf);
}

TEST(notification_says_killed_for_an_exit)
{
	struct cc_outcome exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD,
				  .end = CC_END_EXITED };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	obs.outcome.props = CC_P(FILES);
	obs.exit_signal_code = CLD_KILLED;
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
}

TEST(notification_of_a_kill)
{
	struct cc_outcome exp = { .exit_signal = SIGCHLD, .end = CC_END_KILLED,
				  .end_value = SIGSEGV };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.outcome.end = CC_END_KILLED;
	obs.outcome.end_value = SIGSEGV;
	obs.exit_signal_code = CLD_KILLED;
	obs.exit_signal_status = SIGSEGV;
	EXPECT_EQ(0, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)))
		TH_LOG("%s", buf);
	obs.exit_signal_status = SIGBUS;
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "but the child was killed by SIGSEGV"))
		TH_LOG("%s", buf);
}

TEST_HARNESS_MAIN
