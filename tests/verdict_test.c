// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict's sentences, on observations made up here: each kind of
 * difference must be found and said in words a kernel developer can act
 * on, and an exact match must say nothing.
 */
#include <signal.h>

#include "kselftest_harness.h"
#include "verdict.h"

static void observed_files_clone(struct cc_request *req,
				 struct cc_observation *obs)
{
	cc_request_init(req, CC_ENTRY_CLONE);
	req->flags = CC_CLONE_FILES;
	memset(obs, 0, sizeof(*obs));
	obs->ret = 1234;
	obs->measured = (1u << CC_PROP_COUNT) - 1;
	obs->fd_slot = 200;
	obs->exit_kind = CC_EXIT_CODE;
	obs->exit_signal = SIGCHLD;
}

TEST(exact_match_says_nothing)
{
	struct cc_expect exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	obs.props = CC_P(FILES);
	EXPECT_EQ(0, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
}

TEST(missing_sharing_names_flag_and_fd)
{
	struct cc_expect exp = { .props = CC_P(FILES), .exit_signal = SIGCHLD };
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
	struct cc_expect exp = { .exit_signal = SIGCHLD };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.props = CC_P(MEMORY);
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("CLONE_VM not requested, but the child's write to the caller's private memory is visible in the caller\n",
		     buf);
}

TEST(wrong_errno_names_both)
{
	struct cc_expect exp = { .ret = -EINVAL };
	struct cc_observation obs = { .ret = -EPERM };
	char msg[256];

	EXPECT_FALSE(cc_verdict_ret(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected EINVAL, but the call failed with EPERM", msg);
}

TEST(unexpected_success_gives_child)
{
	struct cc_expect exp = { .ret = -EINVAL };
	struct cc_observation obs = { .ret = 77 };
	char msg[256];

	EXPECT_FALSE(cc_verdict_ret(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected EINVAL, but the call succeeded (child 77)", msg);
}

TEST(unexpected_failure)
{
	struct cc_expect exp = { .ret = 0 };
	struct cc_observation obs = { .ret = -ENOSPC };
	char msg[256];

	EXPECT_FALSE(cc_verdict_ret(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected the call to create a child, but it failed with ENOSPC",
		     msg);
}

TEST(killed_instead_of_exited)
{
	struct cc_expect exp = { .exit_kind = CC_EXIT_CODE, .exit_value = 0 };
	struct cc_observation obs = { .exit_kind = CC_EXIT_SIGNAL,
				      .exit_value = SIGSEGV };
	char msg[256];

	EXPECT_FALSE(cc_verdict_exit(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected the child to have exited with status 0, but it was killed by SIGSEGV",
		     msg);
}

TEST(failed_probe_step_is_named)
{
	struct cc_expect exp = { .exit_kind = CC_EXIT_CODE, .exit_value = 0 };
	struct cc_observation obs = { .exit_kind = CC_EXIT_CODE,
				      .exit_value = 106 };
	char msg[256];

	obs.child.failed_step = 6;
	obs.child.failed_errno = EINVAL;
	EXPECT_FALSE(cc_verdict_exit(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected the child to have exited with status 0, but it exited with 106 (probe step \"semop\" failed); errno EINVAL",
		     msg);
}

TEST(missing_exit_signal)
{
	struct cc_expect exp = { .exit_signal = SIGCHLD };
	struct cc_observation obs = { .exit_signal = 0 };
	char msg[256];

	EXPECT_FALSE(cc_verdict_exit_signal(&exp, &obs, msg, sizeof(msg)));
	EXPECT_STREQ("expected SIGCHLD when the child ended, but the parent got no signal",
		     msg);
}

TEST(unmeasured_property_is_a_difference)
{
	struct cc_expect exp = { .props = CC_P(CGROUP), .exit_signal = SIGCHLD };
	struct cc_request req;
	struct cc_observation obs;
	char buf[1024];

	observed_files_clone(&req, &obs);
	req.flags = 0;
	obs.measured &= ~CC_P(CGROUP);
	EXPECT_EQ(1, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
	EXPECT_STREQ("cgroup was not measured: the child did not reach its probes\n",
		     buf);
}

TEST(every_difference_is_counted)
{
	struct cc_expect exp = { .props = CC_P(FILES) | CC_P(FS_CWD),
				 .exit_signal = SIGUSR1 };
	struct cc_request req;
	struct cc_observation obs;
	char buf[2048];

	observed_files_clone(&req, &obs);
	obs.props = CC_P(MEMORY);
	/* FILES, FS_CWD and MEMORY differ, and the exit signal. */
	EXPECT_EQ(4, cc_verdict(&req, &exp, &obs, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
