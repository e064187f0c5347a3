// SPDX-License-Identifier: GPL-2.0
/*
 * CLONE_INTO_CGROUP (clone3 only, Linux 5.7): the child starts in the
 * cgroup2 directory whose fd is clone_args.cgroup.  The warden makes a
 * fresh directory under the cgroup2 mount for each launch and removes it
 * afterwards; without the right to do so the cases SKIP.
 */
#include "cases.h"

CASE_MATRIX(into_cgroup);

FIXTURE_VARIANT_ADD(into_cgroup, clone3_into_cgroup) {
	.request = "clone3 flags=CLONE_INTO_CGROUP stack=mmap:64k cgroup=new",
	.expect = { .props = P(CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(into_cgroup, clone3_into_cgroup_vm) {
	.request = "clone3 flags=CLONE_VM|CLONE_INTO_CGROUP stack=mmap:64k cgroup=new",
	.expect = { .props = P(MEMORY) | P(CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* The fd is passed but the flag is not: the kernel must ignore the fd. */
FIXTURE_VARIANT_ADD(into_cgroup, clone3_cgroup_fd_without_flag) {
	.request = "clone3 stack=mmap:64k cgroup=new",
	.expect = { .props = P(OWN_STACK), .exit_signal = SIGCHLD, EXITED_0 },
};

TEST_F(into_cgroup, returns)
{
	CASE_CHECK_RET(&self->run, &variant->expect);
}

TEST_F(into_cgroup, exit_status)
{
	CASE_CHECK_EXIT(&self->run, &variant->expect);
}

CASE_MODEL_TEST(into_cgroup, CC_PART_ALL)

CASE_PROP_TEST(into_cgroup, cgroup, CC_PROP_CGROUP)
CASE_PROP_TEST(into_cgroup, memory, CC_PROP_MEMORY)

TEST_HARNESS_MAIN
