// SPDX-License-Identifier: GPL-2.0
/*
 * The outcome's one printer and one diff (lib/outcome/outcome.h): every
 * kind of outcome, said in the words every report uses, and every kind
 * of difference between two.
 */
#include <errno.h>
#include <signal.h>

#include "kselftest_harness.h"
#include "outcome/outcome.h"

FIXTURE(printed) {
};

FIXTURE_SETUP(printed)
{
}

FIXTURE_TEARDOWN(printed)
{
}

FIXTURE_VARIANT(printed) {
	struct cc_outcome outcome;
	bool with_rule;
	const char *text;
	const char *json;
};

static const struct cc_cause rule = {
	"sighand_without_vm", "copy_process", "CLONE_SIGHAND without CLONE_VM",
};

FIXTURE_VARIANT_ADD(printed, refused) {
	.outcome = { .ret = -EINVAL },
	.text = "refused with EINVAL",
	.json = "{\"ret\": \"EINVAL\"}",
};

FIXTURE_VARIANT_ADD(printed, refused_by_a_rule) {
	.outcome = { .ret = -EINVAL }, .with_rule = true,
	.text = "refused with EINVAL by rule sighand_without_vm in copy_process: CLONE_SIGHAND without CLONE_VM",
	.json = "{\"ret\": \"EINVAL\", \"rule\": \"sighand_without_vm\", \"function\": \"copy_process\", \"says\": \"CLONE_SIGHAND without CLONE_VM\"}",
};

FIXTURE_VARIANT_ADD(printed, an_errno_without_a_name) {
	.outcome = { .ret = -4000 },
	.text = "refused with errno 4000",
	.json = "{\"ret\": \"errno 4000\"}",
};

FIXTURE_VARIANT_ADD(printed, exited) {
	.outcome = { .ret = 0, .end = CC_END_EXITED, .end_value = 3,
		     .exit_signal = SIGCHLD, .props = CC_P(MEMORY) | CC_P(FILES) },
	.text = "a child; it exits with 3; the parent gets SIGCHLD; on: memory fd_table",
	.json = "{\"ret\": \"child\", \"end\": \"exited\", \"end_value\": 3, \"exit_signal\": 17, \"props\": [\"memory\", \"fd_table\"]}",
};

FIXTURE_VARIANT_ADD(printed, killed) {
	.outcome = { .ret = 0, .end = CC_END_KILLED, .end_value = SIGSEGV,
		     .exit_signal = SIGCHLD, .unmeasured = CC_PROPS_ALL },
	.text = "a child; it is killed by SIGSEGV; the parent gets SIGCHLD; on: nothing shared; nothing measured",
	.json = "{\"ret\": \"child\", \"end\": \"killed\", \"end_value\": 11, \"exit_signal\": 17, \"props\": [], \"unmeasured\": [\"memory\", \"fd_table\", \"fs_umask\", \"fs_cwd\", \"signal_handlers\", \"thread_group\", \"parent\", \"sysvsem_undo\", \"tls\", \"parent_settid\", \"child_settid\", \"child_cleartid\", \"pidfd\", \"vfork_suspends_caller\", \"clear_sighand\", \"own_stack\", \"cgroup\", \"io_context\", \"mount_namespace\", \"pid_namespace\", \"network_namespace\", \"uts_namespace\", \"ipc_namespace\", \"user_namespace\", \"cgroup_namespace\", \"time_namespace\"]}",
};

FIXTURE_VARIANT_ADD(printed, a_thread) {
	.outcome = { .ret = 1234, .end = CC_END_THREAD,
		     .props = CC_P(THREAD_GROUP) },
	.text = "a child; it ends as a thread; the parent gets no exit signal; on: thread_group",
	.json = "{\"ret\": \"child\", \"end\": \"thread\", \"end_value\": 0, \"exit_signal\": 0, \"props\": [\"thread_group\"]}",
};

FIXTURE_VARIANT_ADD(printed, reaped_at_once) {
	.outcome = { .ret = 0, .end = CC_END_REAPED,
		     .props = CC_P(NS_PID), .unmeasured = CC_P(CGROUP) },
	.text = "a child; it is reaped before the caller can wait for it; the parent gets no exit signal; on: pid_namespace; not measured: cgroup",
	.json = "{\"ret\": \"child\", \"end\": \"reaped\", \"end_value\": 0, \"exit_signal\": 0, \"props\": [\"pid_namespace\"], \"unmeasured\": [\"cgroup\"]}",
};

FIXTURE_VARIANT_ADD(printed, vanished) {
	.outcome = { .ret = 99, .end = CC_END_VANISHED, .exit_signal = 40 },
	.text = "a child; it vanishes before finishing its probes; the parent gets SIGRT_8; on: nothing shared",
	.json = "{\"ret\": \"child\", \"end\": \"vanished\", \"end_value\": 0, \"exit_signal\": 40, \"props\": []}",
};

TEST_F(printed, text)
{
	char buf[2048];
	size_t n;

	n = cc_outcome_print(buf, sizeof(buf), &variant->outcome,
			     variant->with_rule ? &rule : NULL, false);
	EXPECT_STREQ(variant->text, buf);
	EXPECT_EQ(strlen(variant->text), n);
}

TEST_F(printed, json)
{
	char buf[2048];

	cc_outcome_print(buf, sizeof(buf), &variant->outcome,
			 variant->with_rule ? &rule : NULL, true);
	EXPECT_STREQ(variant->json, buf);
}

/* snprintf semantics: a short buffer holds what fits, the length is whole. */
TEST(printer_counts_what_does_not_fit)
{
	struct cc_outcome o = { .ret = -EPERM };
	char buf[8];

	EXPECT_EQ(strlen("refused with EPERM"),
		  cc_outcome_print(buf, sizeof(buf), &o, NULL, false));
	EXPECT_STREQ("refused", buf);
}

static const struct cc_outcome child_exits = {
	.ret = 0, .end = CC_END_EXITED, .exit_signal = SIGCHLD,
	.props = CC_P(MEMORY),
};

TEST(same_outcomes_have_no_diff)
{
	struct cc_outcome seen = child_exits;
	char buf[512];

	seen.ret = 4321;	/* a tid is a child like any other */
	EXPECT_EQ(0, cc_outcome_diff("expected", &child_exits, "observed", &seen,
				     CC_PART_ALL, CC_PROPS_ALL, NULL, buf,
				     sizeof(buf)));
	EXPECT_STREQ("", buf);
}

TEST(a_different_return_is_all_that_is_said)
{
	struct cc_outcome refused = { .ret = -EPERM };
	char buf[512];

	EXPECT_EQ(1, cc_outcome_diff("the row expects", &child_exits,
				     "the model predicts", &refused,
				     CC_PART_ALL, CC_PROPS_ALL, NULL, buf,
				     sizeof(buf)));
	EXPECT_STREQ("the call: the row expects a child, the model predicts EPERM\n",
		     buf);
}

TEST(two_errnos)
{
	struct cc_outcome a = { .ret = -EINVAL }, b = { .ret = -E2BIG };
	char buf[512];

	EXPECT_EQ(1, cc_outcome_diff("clone gives", &a, "clone3 gives", &b,
				     CC_PART_ALL, CC_PROPS_ALL, NULL, buf,
				     sizeof(buf)));
	EXPECT_STREQ("the call: clone gives EINVAL, clone3 gives E2BIG\n", buf);
}

TEST(every_other_part)
{
	struct cc_outcome seen = {
		.ret = 7, .end = CC_END_KILLED, .end_value = SIGSEGV,
		.exit_signal = 0, .props = CC_P(FILES),
		.unmeasured = CC_P(CGROUP),
	};
	struct cc_outcome want = child_exits;
	char buf[1024];

	want.props |= CC_P(CGROUP);
	EXPECT_EQ(5, cc_outcome_diff("expected", &want, "observed", &seen,
				     CC_PART_ALL, CC_PROPS_ALL, NULL, buf,
				     sizeof(buf)));
	EXPECT_STREQ("how the child ended: expected exit status 0, observed killed by SIGSEGV\n"
		     "the exit signal: expected SIGCHLD, observed none\n"
		     "memory: expected on, observed off\n"
		     "fd_table: expected off, observed on\n"
		     "cgroup: expected on, observed not measured\n", buf);
}

/* Parts and properties left out are not compared. */
TEST(masks_leave_parts_out)
{
	struct cc_outcome seen = child_exits;
	char buf[512];

	seen.exit_signal = SIGUSR1;
	seen.props = CC_P(FILES);
	EXPECT_EQ(0, cc_outcome_diff("a", &child_exits, "b", &seen,
				     CC_PART_ALL & ~CC_PART_EXIT_SIGNAL,
				     ~(CC_P(MEMORY) | CC_P(FILES)), NULL, buf,
				     sizeof(buf)));
}

static size_t loud(const void *ctx, enum cc_part part, enum cc_prop prop,
		   const char *plain, char *buf, size_t len)
{
	if (part != CC_PART_PROPS)
		return 0;
	return snprintf(buf, len, "%s, says %s", plain, (const char *)ctx);
}

TEST(an_explainer_adds_its_evidence)
{
	struct cc_explainer ex = { loud, "the probe" };
	struct cc_outcome seen = child_exits;
	char buf[512];

	seen.props = 0;
	seen.exit_signal = 0;
	EXPECT_EQ(2, cc_outcome_diff("expected", &child_exits, "observed", &seen,
				     CC_PART_ALL, CC_PROPS_ALL, &ex, buf,
				     sizeof(buf)));
	EXPECT_STREQ("the exit signal: expected SIGCHLD, observed none\n"
		     "memory: expected on, observed off, says the probe\n", buf);
}

TEST(errno_and_signal_names)
{
	char buf[32];

	EXPECT_STREQ("EOPNOTSUPP", cc_errno_name(EOPNOTSUPP, buf, sizeof(buf)));
	EXPECT_STREQ("errno 0", cc_errno_name(0, buf, sizeof(buf)));
	EXPECT_STREQ("ENOSYS", CC_ERRNO(-ENOSYS));
	EXPECT_STREQ("success", CC_RESULT_NAME(0));
	EXPECT_STREQ("SIGCHLD", cc_signal_name(SIGCHLD, buf, sizeof(buf)));
	EXPECT_STREQ("SIGRT_0", cc_signal_name(32, buf, sizeof(buf)));
	EXPECT_STREQ("65", cc_signal_name(65, buf, sizeof(buf)));
}

TEST_HARNESS_MAIN
