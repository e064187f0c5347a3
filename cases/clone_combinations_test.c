// SPDX-License-Identifier: GPL-2.0
/*
 * Every combination of the six sharing flags CLONE_VM, CLONE_FS,
 * CLONE_FILES, CLONE_SIGHAND, CLONE_THREAD and CLONE_SYSVSEM (64 rows),
 * each through raw clone, raw clone3 and the libc wrapper.
 *
 * copy_process refuses, with EINVAL, CLONE_THREAD without CLONE_SIGHAND
 * and CLONE_SIGHAND without CLONE_VM; the other 32 combinations succeed
 * and each row lists the properties that must then be on (all others
 * must be off).  Rows with CLONE_THREAD ask for exit signal 0, which
 * clone3 requires of threads.
 */
#include "cases.h"

FIXTURE(combination) {
	struct case_run run;
	char text[CC_REQUEST_TEXT_MAX];
};

FIXTURE_VARIANT(combination) {
	const char *args;	/* the request after its entry point */
	struct cc_outcome expect;
};

FIXTURE_SETUP(combination)
{
}

FIXTURE_TEARDOWN(combination)
{
}

static void check_combination(struct __test_metadata *_metadata,
			      FIXTURE_DATA(combination) *self,
			      const FIXTURE_VARIANT(combination) *variant,
			      const char *entry)
{
	char differences[2048];
	int count;

	CASE_REQUIRE_FEATURES_OF(&variant->expect);
	snprintf(self->text, sizeof(self->text), "%s %s stack=mmap:64k",
		 entry, variant->args);
	case_launch(&self->run, self->text);
	CASE_REQUIRE(&self->run);
	count = cc_verdict(&self->run.req, &variant->expect, &self->run.obs,
			   differences, sizeof(differences));
	if (count)
		TH_LOG("%s:\n%s", self->text, differences);
	EXPECT_EQ(0, count);
}

FIXTURE_VARIANT_ADD(combination, none) {
	.args = "flags=0",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm) {
	.args = "flags=CLONE_VM",
	.expect = { .props = P(MEMORY) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs) {
	.args = "flags=CLONE_FS",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_fs) {
	.args = "flags=CLONE_VM|CLONE_FS",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, files) {
	.args = "flags=CLONE_FILES",
	.expect = { .props = P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_files) {
	.args = "flags=CLONE_VM|CLONE_FILES",
	.expect = { .props = P(MEMORY) | P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_files) {
	.args = "flags=CLONE_FS|CLONE_FILES",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, sighand) {
	.args = "flags=CLONE_SIGHAND",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_sighand) {
	.args = "flags=CLONE_VM|CLONE_SIGHAND",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_sighand) {
	.args = "flags=CLONE_FS|CLONE_SIGHAND",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_sighand) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_SIGHAND",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(SIGHAND) |
			     P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, files_sighand) {
	.args = "flags=CLONE_FILES|CLONE_SIGHAND",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_files_sighand) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_SIGHAND",
	.expect = { .props = P(MEMORY) | P(FILES) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_files_sighand) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_SIGHAND",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_sighand) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, thread) {
	.args = "flags=CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_thread) {
	.args = "flags=CLONE_VM|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, fs_thread) {
	.args = "flags=CLONE_FS|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_thread) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, files_thread) {
	.args = "flags=CLONE_FILES|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_files_thread) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, fs_files_thread) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_thread) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, sighand_thread) {
	.args = "flags=CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_sighand_thread) {
	.args = "flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) | P(PARENT) |
			     P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, fs_sighand_thread) {
	.args = "flags=CLONE_FS|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_sighand_thread) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(SIGHAND) |
			     P(THREAD_GROUP) | P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, files_sighand_thread) {
	.args = "flags=CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_files_sighand_thread) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FILES) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, fs_files_sighand_thread) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_sighand_thread) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(SIGHAND) | P(THREAD_GROUP) | P(PARENT) |
			     P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, sysvsem) {
	.args = "flags=CLONE_SYSVSEM",
	.expect = { .props = P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_SYSVSEM",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_fs_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(SYSVSEM) |
			     P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, files_sysvsem) {
	.args = "flags=CLONE_FILES|CLONE_SYSVSEM",
	.expect = { .props = P(FILES) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_files_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FILES) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_files_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_SYSVSEM",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(FILES) | P(SYSVSEM) |
			     P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, sighand_sysvsem) {
	.args = "flags=CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_sighand_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_sighand_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_sighand_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(SIGHAND) |
			     P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, files_sighand_sysvsem) {
	.args = "flags=CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_files_sighand_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FILES) | P(SIGHAND) | P(SYSVSEM) |
			     P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, fs_files_sighand_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_sighand_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(SIGHAND) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(combination, thread_sysvsem) {
	.args = "flags=CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, fs_thread_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, files_thread_sysvsem) {
	.args = "flags=CLONE_FILES|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_files_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, fs_files_thread_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_THREAD without CLONE_SIGHAND */
};

FIXTURE_VARIANT_ADD(combination, sighand_thread_sysvsem) {
	.args = "flags=CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_sighand_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) | P(PARENT) |
			     P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, fs_sighand_thread_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_sighand_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(SIGHAND) |
			     P(THREAD_GROUP) | P(PARENT) | P(SYSVSEM) |
			     P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, files_sighand_thread_sysvsem) {
	.args = "flags=CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_files_sighand_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FILES) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(combination, fs_files_sighand_thread_sysvsem) {
	.args = "flags=CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { REFUSED(EINVAL) },	/* CLONE_SIGHAND without CLONE_VM */
};

FIXTURE_VARIANT_ADD(combination, vm_fs_files_sighand_thread_sysvsem) {
	.args = "flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM exit_signal=0",
	.expect = { .props = P(MEMORY) | P(FS_UMASK) | P(FS_CWD) | P(FILES) |
			     P(SIGHAND) | P(THREAD_GROUP) | P(PARENT) |
			     P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

/* The model, for the row through each entry point. */
TEST_F(combination, model)
{
	static const char *const entries[] = { "clone", "clone3", "libc" };
	size_t i;

	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		snprintf(self->text, sizeof(self->text), "%s %s stack=mmap:64k",
			 entries[i], variant->args);
		CASE_CHECK_MODEL(self->text, &variant->expect, CC_PART_ALL);
	}
}

TEST_F(combination, clone)
{
	check_combination(_metadata, self, variant, "clone");
}

TEST_F(combination, clone3)
{
	check_combination(_metadata, self, variant, "clone3");
}

TEST_F(combination, libc)
{
	check_combination(_metadata, self, variant, "libc");
}

TEST_HARNESS_MAIN
