// SPDX-License-Identifier: GPL-2.0
/*
 * Every probe tells a difference: for each property, a request that
 * should turn it on and the closest request that should not.  The probe
 * must report on for the first, off for the second, and must have run
 * for both.  A probe that always says "shared" (or never does) fails
 * here before any case table is consulted.
 */

#include "../cases/cases.h"

FIXTURE(probe) {
	struct case_run with;
	struct case_run without;
};

FIXTURE_VARIANT(probe) {
	enum cc_prop prop;
	const char *with;	/* the property must be on */
	const char *without;	/* and off */
};

FIXTURE_SETUP(probe)
{
	/* Rows in a user namespace need one; the others need nothing. */
	unsigned int needs = strstr(variant->with, "CLONE_NEWUSER") ?
			     CASE_NEEDS_USERNS : 0;

	case_launch_if(&self->with, variant->with, needs);
	case_launch_if(&self->without, variant->without, needs);
}

FIXTURE_TEARDOWN(probe)
{
}

#define PROBE_ROW(name, p, on, off)					\
	FIXTURE_VARIANT_ADD(probe, name) {				\
		.prop = p, .with = on, .without = off,			\
	}

PROBE_ROW(memory, CC_PROP_MEMORY,
	  "clone flags=CLONE_VM stack=mmap:64k", "clone stack=mmap:64k");
PROBE_ROW(fd_table, CC_PROP_FILES,
	  "clone flags=CLONE_FILES", "clone");
PROBE_ROW(fs_umask, CC_PROP_FS_UMASK,
	  "clone flags=CLONE_FS", "clone");
PROBE_ROW(fs_cwd, CC_PROP_FS_CWD,
	  "clone flags=CLONE_FS", "clone");
PROBE_ROW(signal_handlers, CC_PROP_SIGHAND,
	  "clone flags=CLONE_VM|CLONE_SIGHAND stack=mmap:64k",
	  "clone flags=CLONE_VM stack=mmap:64k");
PROBE_ROW(thread_group, CC_PROP_THREAD_GROUP,
	  "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	  "clone3 flags=CLONE_VM|CLONE_SIGHAND exit_signal=0 stack=mmap:64k");
PROBE_ROW(parent, CC_PROP_PARENT,
	  "clone flags=CLONE_PARENT", "clone");
PROBE_ROW(sysvsem_undo, CC_PROP_SYSVSEM,
	  "clone flags=CLONE_SYSVSEM", "clone");
PROBE_ROW(tls, CC_PROP_TLS,
	  "clone flags=CLONE_SETTLS", "clone");
PROBE_ROW(parent_settid, CC_PROP_PARENT_TID,
	  "clone flags=CLONE_PARENT_SETTID", "clone");
PROBE_ROW(child_settid, CC_PROP_CHILD_TID,
	  "clone flags=CLONE_CHILD_SETTID", "clone");
PROBE_ROW(child_cleartid, CC_PROP_CLEAR_TID,
	  "clone flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k",
	  "clone flags=CLONE_VM stack=mmap:64k");
PROBE_ROW(pidfd, CC_PROP_PIDFD,
	  "clone3 flags=CLONE_PIDFD", "clone3");
PROBE_ROW(vfork_suspends_caller, CC_PROP_VFORK,
	  "clone flags=CLONE_VFORK", "clone");
PROBE_ROW(clear_sighand, CC_PROP_CLEAR_SIGHAND,
	  "clone3 flags=CLONE_CLEAR_SIGHAND", "clone3");
PROBE_ROW(own_stack, CC_PROP_OWN_STACK,
	  "clone stack=mmap:64k", "clone");
PROBE_ROW(cgroup, CC_PROP_CGROUP,
	  "clone3 flags=CLONE_INTO_CGROUP cgroup=new", "clone3 cgroup=new");
PROBE_ROW(io_context, CC_PROP_IO,
	  "clone flags=CLONE_IO", "clone");
/* Inside a new user namespace, so that no privilege is needed. */
PROBE_ROW(user_namespace, CC_PROP_NS_USER,
	  "clone flags=CLONE_NEWUSER", "clone");
PROBE_ROW(mount_namespace, CC_PROP_NS_MNT,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWNS", "clone flags=CLONE_NEWUSER");
PROBE_ROW(pid_namespace, CC_PROP_NS_PID,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWPID", "clone flags=CLONE_NEWUSER");
PROBE_ROW(network_namespace, CC_PROP_NS_NET,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWNET", "clone flags=CLONE_NEWUSER");
PROBE_ROW(uts_namespace, CC_PROP_NS_UTS,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWUTS", "clone flags=CLONE_NEWUSER");
PROBE_ROW(ipc_namespace, CC_PROP_NS_IPC,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWIPC", "clone flags=CLONE_NEWUSER");
PROBE_ROW(cgroup_namespace, CC_PROP_NS_CGROUP,
	  "clone flags=CLONE_NEWUSER|CLONE_NEWCGROUP", "clone flags=CLONE_NEWUSER");
PROBE_ROW(time_namespace, CC_PROP_NS_TIME,
	  "clone3 flags=CLONE_NEWUSER|CLONE_NEWTIME", "clone3 flags=CLONE_NEWUSER");

TEST_F(probe, tells_on_from_off)
{
	const struct cc_observation *on = &self->with.obs;
	const struct cc_observation *off = &self->without.obs;
	uint32_t bit = 1u << variant->prop;

	CASE_REQUIRE(&self->with);
	CASE_REQUIRE(&self->without);
	ASSERT_LT(0, on->ret);
	ASSERT_LT(0, off->ret);
	ASSERT_TRUE(on->measured & bit)
		TH_LOG("%s did not run for \"%s\"", cc_prop_name(variant->prop),
		       variant->with);
	ASSERT_TRUE(off->measured & bit)
		TH_LOG("%s did not run for \"%s\"", cc_prop_name(variant->prop),
		       variant->without);
	EXPECT_TRUE(on->props & bit)
		TH_LOG("%s probe says off for \"%s\"",
		       cc_prop_name(variant->prop), variant->with);
	EXPECT_FALSE(off->props & bit)
		TH_LOG("%s probe says on for \"%s\"",
		       cc_prop_name(variant->prop), variant->without);
}

/* Every property has a row above. */
TEST(every_property_has_a_probe_row)
{
	const struct __fixture_variant_metadata *v;
	uint32_t covered = 0;

	for (v = _probe_fixture_object.variant; v; v = v->next)
		covered |= 1u << ((const FIXTURE_VARIANT(probe) *)v->data)->prop;
	EXPECT_EQ((1u << CC_PROP_COUNT) - 1, covered);
}

TEST_HARNESS_MAIN
