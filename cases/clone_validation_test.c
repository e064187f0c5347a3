// SPDX-License-Identifier: GPL-2.0
/*
 * Every way the kernel (or the libc wrapper) refuses a call, with the
 * errno, each next to a row that is accepted, so a rule that stops
 * refusing and a rule that refuses too much both show.
 *
 * The kernel's order of checks (the first failing one gives the errno):
 *
 *   libc clone()       NULL stack                                EINVAL
 *   clone3 copy        size > page E2BIG, < 64 EINVAL, unreadable EFAULT,
 *                      non-zero tail E2BIG, bad exit_signal EINVAL,
 *                      INTO_CGROUP with size < 88 or cgroup > INT_MAX
 *   clone3_args_valid  unknown bits, DETACHED or low byte, SIGHAND with
 *                      CLEAR_SIGHAND, THREAD/PARENT with an exit signal,
 *                      stack rules                               EINVAL
 *   kernel_clone       PIDFD and PARENT_SETTID on one address    EINVAL
 *   copy_process       flag combinations EINVAL; RLIMIT_NPROC EAGAIN;
 *                      namespaces EPERM; TLS EPERM; set_tid EINVAL,
 *                      EPERM, EEXIST; pidfd EMFILE, EFAULT;
 *                      cgroup EBADF, ENOENT, EACCES, EOPNOTSUPP
 *
 * Rows: <entry>_<what>.  A row whose behaviour changed in a release
 * gives the release (changed_in) and the expectation before it; one
 * whose future is not known yet gives the release it is valid until.
 * A row whose behaviour a known commit changed names it instead (.fix,
 * spec/fixes.h): a kernel without that commit, by its version and the
 * stable releases that took it, is held to .before, and a failure
 * prints "this kernel may lack <sha> (<subject>) ...".  Such rows are
 * named after the change (spec/fixes.c's names), so tests/fix_rows.sh
 * can find each one and show it failing on a kernel said to lack it.
 */
#include "cases.h"
#include "engine/machine.h"

FIXTURE(validation) {
	struct case_run run;
};

FIXTURE_VARIANT(validation) {
	const char *request;
	struct cc_outcome expect;	/* from changed_in on, or always */
	unsigned int changed_in;	/* 0, or the release that changed it */
	const struct cc_fix *fix;	/* or the commit that changed it */
	struct cc_outcome before;	/* before changed_in or fix */
	unsigned int valid_from;	/* 0, or the first release it holds on */
	unsigned int valid_until;	/* 0, or the first release it may not hold */
	unsigned int needs;		/* enum case_needs */
	const char *platform;		/* the libc and ABI column: case_platform_holds */
};

/* A row with changed_in states the refusal before it itself. */
static unsigned int row_needs(const FIXTURE_VARIANT(validation) *v)
{
	return v->needs | (v->changed_in || v->fix ? CASE_STATES_EARLIER : 0);
}

FIXTURE_SETUP(validation)
{
	self->run.platform = variant->platform;
	if (!CASE_IS_MODEL_TEST())
		case_launch_if(&self->run, variant->request, row_needs(variant));
}

FIXTURE_TEARDOWN(validation)
{
}

#define V(a, b, c) CC_KERNEL_VERSION(a, b, c)
#define FIX(id) (&cc_fixes[CC_FIX_##id])
#define A_CHILD .exit_signal = SIGCHLD, EXITED_0
#define EXIT0 "child=exit:0"

/* The expectation for the running (or CLONECHECK_KERNEL_VERSION) kernel. */
static const struct cc_outcome *row_expect(struct __test_metadata *_metadata,
					  const FIXTURE_VARIANT(validation) *v)
{
	unsigned int kernel = cc_env_kernel_version();

	if ((v->valid_until && kernel >= v->valid_until) ||
	    (v->valid_from && kernel < v->valid_from))
		return NULL;
	if (v->changed_in && kernel < v->changed_in)
		return &v->before;
	if (v->fix && !cc_kernel_has_fix(v->fix, kernel))
		return &v->before;
	return &v->expect;
}

/* A row that names its commit says which one the kernel may lack. */
static void row_fix_hint(struct __test_metadata *_metadata,
			 const FIXTURE_VARIANT(validation) *v, bool failed)
{
	char hint[300];

	if (!failed || !v->fix)
		return;
	cc_fix_hint(hint, sizeof(hint), v->fix);
	TH_LOG("%s: %s", v->request, hint);
}

/* Where the row's behaviour holds: "6.3.0 or later", "before 6.2.0", ... */
static const char *row_range(char *buf, size_t len, unsigned int from,
			     unsigned int until)
{
	char a[16], b[16];

	cc_version_text(a, sizeof(a), from);
	cc_version_text(b, sizeof(b), until);
	if (from && until)
		snprintf(buf, len, "from %s to before %s", a, b);
	else if (from)
		snprintf(buf, len, "%s or later", a);
	else
		snprintf(buf, len, "before %s", b);
	return buf;
}

#define ROW_EXPECT(exp)							\
	do {								\
		char _range[64], _kernel[16];				\
		exp = row_expect(_metadata, variant);			\
		if (!exp)						\
			SKIP(return, "needs kernel %s (this one is %s): the behaviour this row states holds there only", \
			     row_range(_range, sizeof(_range),		\
				       variant->valid_from,		\
				       variant->valid_until),		\
			     cc_version_text(_kernel, sizeof(_kernel),	\
					     cc_env_kernel_version()));	\
	} while (0)

TEST_F(validation, returns)
{
	const struct cc_outcome *exp;

	ROW_EXPECT(exp);
	if (self->run.result == CC_RESULT_OK) {
		char msg[400];

		row_fix_hint(_metadata, variant,
			     !CASE_VERDICT(&self->run, exp, CC_PART_RET, 0, msg));
	}
	CASE_CHECK_RET(&self->run, exp);
}

/*
 * An accepted row also ends as expected and shows what it asked for; a
 * refused one left no child behind and sent no exit signal.
 */
TEST_F(validation, outcome)
{
	const struct cc_outcome *exp;
	char differences[2048];
	int count;

	ROW_EXPECT(exp);
	CASE_REQUIRE_RET(&self->run, exp);
	if (exp->ret < 0) {
		EXPECT_EQ(CC_END_NONE, self->run.obs.outcome.end)
			TH_LOG("%s: refused, yet a child ended", self->run.text);
		EXPECT_EQ(0, self->run.obs.outcome.exit_signal)
			TH_LOG("%s: refused, yet exit signal %llu arrived",
			       self->run.text,
			       (unsigned long long)self->run.obs.outcome.exit_signal);
		return;
	}
	CASE_REQUIRE_FEATURES_OF(exp);
	count = cc_verdict(&self->run.req, exp, &self->run.obs, differences,
			   sizeof(differences));
	if (count)
		TH_LOG("%s:\n%s", self->run.text, differences);
	row_fix_hint(_metadata, variant, count);
	EXPECT_EQ(0, count);
}

TEST_F(validation, model)
{
	const struct cc_outcome *exp;

	ROW_EXPECT(exp);
	/* A row that names a commit states what it changed. */
	if (variant->fix)
		EXPECT_NE(0, memcmp(&variant->expect, &variant->before,
				    sizeof(variant->before)))
			TH_LOG("%s names %s but states the same outcome without it",
			       variant->request, variant->fix->sha);
	CASE_MODEL_NEEDS(&self->run, variant->request, row_needs(variant));
	CASE_CHECK_MODEL_PLATFORM(variant->request, exp, CC_PART_ALL, 0,
			      variant->platform);
}

/* ---- clone3: the struct's size ---- */

FIXTURE_VARIANT_ADD(validation, clone3_size_below_ver0) {
	.request = "clone3 size=63", .expect = { REFUSED(EINVAL) },
};

/*
 * Each struct ends against a PROT_NONE page: a kernel that reads one
 * byte past the size it was given faults (EFAULT) instead of accepting.
 */
FIXTURE_VARIANT_ADD(validation, clone3_size_ver0) {
	.request = "clone3 size=64", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_ver1) {
	.request = "clone3 size=80", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_ver2) {
	.request = "clone3 size=88", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_larger_zero_tail) {
	.request = "clone3 size=96", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_larger_nonzero_tail) {
	.request = "clone3 size=96 tail=0000000000000001",
	.expect = { REFUSED(E2BIG) },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_page_zero_tail) {
	.request = "clone3 size=4096", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_above_page) {
	.request = "clone3 size=4097", .expect = { REFUSED(E2BIG) },
};

FIXTURE_VARIANT_ADD(validation, clone3_args_unreadable) {
	.request = "clone3 args=bad", .expect = { REFUSED(EFAULT) },
};

/* set_tid lies past 64 bytes: not read, so pid 1 is not asked for. */
FIXTURE_VARIANT_ADD(validation, clone3_size_ver0_leaves_set_tid_unread) {
	.request = "clone3 size=64 set_tid=1", .expect = { A_CHILD },
};

/*
 * Size 72 takes the set_tid pointer but not set_tid_size: a pointer with
 * no pids is refused (found by the clone3_args fuzz target).
 */
FIXTURE_VARIANT_ADD(validation, clone3_size_72_set_tid_without_size) {
	.request = "clone3 size=72 set_tid=5", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_size_ver1_into_cgroup) {
	.request = "clone3 flags=CLONE_INTO_CGROUP size=80 cgroup=new",
	.expect = { REFUSED(EINVAL) },
};

/* ---- exit_signal ---- */

FIXTURE_VARIANT_ADD(validation, clone3_exit_signal_none) {
	.request = "clone3 exit_signal=0",
	.expect = { .exit_signal = 0, EXITED_0 },
};

FIXTURE_VARIANT_ADD(validation, clone3_exit_signal_64) {
	.request = "clone3 exit_signal=64",
	.expect = { .exit_signal = 64, EXITED_0 },
};

FIXTURE_VARIANT_ADD(validation, clone3_exit_signal_65) {
	.request = "clone3 exit_signal=65", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_exit_signal_above_low_byte) {
	.request = "clone3 exit_signal=0x111", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_thread_with_exit_signal) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_parent_with_exit_signal) {
	.request = "clone3 flags=CLONE_PARENT", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_parent_without_exit_signal) {
	.request = "clone3 flags=CLONE_PARENT exit_signal=0",
	.expect = { .props = P(PARENT), .exit_signal = SIGCHLD, EXITED_0 },
};

/*
 * Legacy clone did not check its exit signal until 09e7827e7857 (7.1):
 * 65 and 255 were sent as nothing.
 */
FIXTURE_VARIANT_ADD(validation, legacy_exit_signal_65) {
	.request = "clone exit_signal=65", .expect = { REFUSED(EINVAL) },
	.fix = FIX(LEGACY_EXIT_SIGNAL), .before = { .exit_signal = 0, EXITED_0 },
};

FIXTURE_VARIANT_ADD(validation, legacy_exit_signal_255) {
	.request = "clone exit_signal=255", .expect = { REFUSED(EINVAL) },
	.fix = FIX(LEGACY_EXIT_SIGNAL), .before = { .exit_signal = 0, EXITED_0 },
};

/* ---- stack and stack_size (clone3_stack_valid) ---- */

FIXTURE_VARIANT_ADD(validation, clone3_stack_size_without_stack) {
	.request = "clone3 stack=at:0x0:4k", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_stack_without_size) {
	.request = "clone3 stack=mmap:0", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_stack_in_kernel_space) {
	.request = "clone3 stack=at:0xffff800000000000:64k",
	.expect = { REFUSED(EINVAL) },
};

/* top: TASK_SIZE_MAX, 47 or 56 bits as the kernel's paging has it. */
FIXTURE_VARIANT_ADD(validation, clone3_stack_reaching_past_user_space) {
	.request = "clone3 stack=at:top:4k",
	.expect = { REFUSED(EINVAL) },
};

/* Legacy clone takes any stack pointer: the child faults on first use. */
FIXTURE_VARIANT_ADD(validation, clone_stack_unmapped_accepted) {
	.request = "clone stack=at:0x0:4k " EXIT0,
	.expect = { .exit_signal = SIGCHLD, KILLED_BY(SIGSEGV) },
};

/* ---- unknown and legacy-only flags ---- */

FIXTURE_VARIANT_ADD(validation, clone3_unknown_flag_63) {
	.request = "clone3 flags=0x8000000000000000",
	.expect = { REFUSED(EINVAL) },
};

/* Bits 34 and up gain meanings in Linux 7.1. */
FIXTURE_VARIANT_ADD(validation, clone3_unknown_flag_34) {
	.request = "clone3 flags=0x400000000", .expect = { REFUSED(EINVAL) },
	.valid_until = V(7, 1, 0),
};

/* Legacy clone cuts flags to 32 bits, silently. */
FIXTURE_VARIANT_ADD(validation, clone_high_bits_dropped) {
	.request = "clone flags=0x8000000000000000", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone_clear_sighand_dropped) {
	.request = "clone flags=CLONE_CLEAR_SIGHAND", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone_into_cgroup_dropped) {
	.request = "clone flags=CLONE_INTO_CGROUP", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_detached) {
	.request = "clone3 flags=CLONE_DETACHED", .expect = { REFUSED(EINVAL) },
};

/* Legacy clone has ignored CLONE_DETACHED since 2.6.2. */
FIXTURE_VARIANT_ADD(validation, clone_detached_ignored) {
	.request = "clone flags=CLONE_DETACHED", .expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_low_byte_flag) {
	.request = "clone3 flags=0x11", .expect = { REFUSED(EINVAL) },
};

/*
 * 0x80 is part of legacy clone's exit signal: 145, which nobody got
 * until 09e7827e7857 (7.1) refused it.
 */
FIXTURE_VARIANT_ADD(validation, legacy_exit_signal_newtime_bit) {
	.request = "clone flags=CLONE_NEWTIME", .expect = { REFUSED(EINVAL) },
	.fix = FIX(LEGACY_EXIT_SIGNAL), .before = { .exit_signal = 0, EXITED_0 },
};

/* ---- flag combinations ---- */

FIXTURE_VARIANT_ADD(validation, clone_sighand_without_vm) {
	.request = "clone flags=CLONE_SIGHAND stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_thread_without_sighand) {
	.request = "clone3 flags=CLONE_VM|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_sighand_and_clear_sighand) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_CLEAR_SIGHAND stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_clear_sighand) {
	.request = "clone3 flags=CLONE_CLEAR_SIGHAND stack=mmap:64k",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK), A_CHILD },
};

/* ---- CLONE_PIDFD ---- */

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_over_parent_tid) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_PARENT_SETTID pidfd=parent_tid",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_and_parent_tid_apart) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_PARENT_SETTID stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(PARENT_TID) | P(OWN_STACK), A_CHILD },
};

/* Legacy clone returns the pidfd through parent_tid: always one address. */
FIXTURE_VARIANT_ADD(validation, clone_pidfd_with_parent_settid) {
	.request = "clone flags=CLONE_PIDFD|CLONE_PARENT_SETTID",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_with_detached) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_DETACHED",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone_pidfd_with_detached) {
	.request = "clone flags=CLONE_PIDFD|CLONE_DETACHED",
	.expect = { REFUSED(EINVAL) },
};

/* Thread pidfds: 83b290c9e3b5, 6.9. */
FIXTURE_VARIANT_ADD(validation, thread_pidfd_clone3) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_PIDFD exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(PIDFD) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
	.fix = FIX(THREAD_PIDFD), .before = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, thread_pidfd_clone) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_PIDFD exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(PIDFD) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
	.fix = FIX(THREAD_PIDFD), .before = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_pointer_bad) {
	.request = "clone3 flags=CLONE_PIDFD pidfd=bad",
	.expect = { REFUSED(EFAULT) },
};

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_pointer_null) {
	.request = "clone3 flags=CLONE_PIDFD pidfd=null",
	.expect = { REFUSED(EFAULT) },
};

FIXTURE_VARIANT_ADD(validation, clone_pidfd_pointer_bad) {
	.request = "clone flags=CLONE_PIDFD pidfd=bad",
	.expect = { REFUSED(EFAULT) },
};

FIXTURE_VARIANT_ADD(validation, clone3_pidfd_no_free_fd) {
	.request = "clone3 flags=CLONE_PIDFD fds=full",
	.expect = { REFUSED(EMFILE) },
};

FIXTURE_VARIANT_ADD(validation, clone_pidfd_no_free_fd) {
	.request = "clone flags=CLONE_PIDFD fds=full",
	.expect = { REFUSED(EMFILE) },
};

/* Only the pidfd needs an fd. */
FIXTURE_VARIANT_ADD(validation, clone3_no_free_fd_without_pidfd) {
	.request = "clone3 fds=full " EXIT0, .expect = { A_CHILD },
};

/* parent_tid and child_tid writes are unchecked: a fault is ignored. */
FIXTURE_VARIANT_ADD(validation, clone_parent_tid_pointer_bad) {
	.request = "clone flags=CLONE_PARENT_SETTID parent_tid=bad " EXIT0,
	.expect = { A_CHILD },
};

FIXTURE_VARIANT_ADD(validation, clone3_child_tid_pointer_bad) {
	.request = "clone3 flags=CLONE_CHILD_SETTID child_tid=bad " EXIT0,
	.expect = { A_CHILD },
};

/*
 * ---- CLONE_SETTLS (x86-64: a TLS base below TASK_SIZE_MAX) ----
 * top is the running kernel's TASK_SIZE_MAX: 2^47 - 4096, or 2^56 - 4096
 * with 5-level paging.  2^56 is beyond user space on both.
 */

FIXTURE_VARIANT_ADD(validation, clone_tls_not_canonical) {
	.request = "clone flags=CLONE_SETTLS tls=0x100000000000000",
	.expect = { REFUSED(EPERM) },
	.platform = "x86_64",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_at_task_size_max) {
	.request = "clone3 flags=CLONE_SETTLS tls=top",
	.expect = { REFUSED(EPERM) },
	.platform = "x86_64",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_below_task_size_max) {
	.request = "clone3 flags=CLONE_SETTLS tls=top-4k " EXIT0,
	.expect = { A_CHILD },
	.platform = "x86_64",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_at_4g) {
	.request = "clone3 flags=CLONE_SETTLS tls=0x100000000 " EXIT0,
	.expect = { A_CHILD },
	.platform = "x86_64",
};

/*
 * ---- CLONE_SETTLS from a 32-bit caller (i386, the compat path) ----
 * set_new_tls: in an ia32 syscall the tls argument points to a struct
 * user_desc for the slot %gs selects, not a base; copy_from_user of it
 * fails with EFAULT where a 32-bit program can map nothing.  The legacy
 * clone's tls is a 32-bit register (2^56 arrives as 0); clone3 reads
 * the whole u64, so 4 GiB stays 4 GiB.  x86-64's EPERM for a base at
 * or above TASK_SIZE_MAX (do_arch_prctl_64) has no part in it.
 */

FIXTURE_VARIANT_ADD(validation, clone_tls_user_desc_cut_to_null) {
	.request = "clone flags=CLONE_SETTLS tls=0x100000000000000",
	.expect = { REFUSED(EFAULT) },
	.platform = "i386",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_user_desc_at_task_size_max) {
	.request = "clone3 flags=CLONE_SETTLS tls=top",
	.expect = { REFUSED(EFAULT) },
	.platform = "i386",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_user_desc_below_task_size_max) {
	.request = "clone3 flags=CLONE_SETTLS tls=top-4k " EXIT0,
	.expect = { REFUSED(EFAULT) },
	.platform = "i386",
};

FIXTURE_VARIANT_ADD(validation, clone3_tls_user_desc_at_4g) {
	.request = "clone3 flags=CLONE_SETTLS tls=0x100000000 " EXIT0,
	.expect = { REFUSED(EFAULT) },
	.platform = "i386",
};

FIXTURE_VARIANT_ADD(validation, clone_tls_user_desc_in_page_zero) {
	.request = "clone flags=CLONE_SETTLS tls=0x10",
	.expect = { REFUSED(EFAULT) },
	.platform = "i386",
};

/* ---- set_tid (clone3) ---- */

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_in_use) {
	.request = "clone3 set_tid=1", .expect = { REFUSED(EEXIST) },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_zero) {
	.request = "clone3 set_tid=0", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_above_pid_max) {
	.request = "clone3 set_tid=2147483647", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_more_than_levels) {
	.request = "clone3 set_tid=5,5", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_unprivileged) {
	.request = "clone3 set_tid=1 as=nobody", .expect = { REFUSED(EPERM) },
};

/*
 * More than MAX_PID_NS_LEVEL (32) pids: copy_clone_args_from_user
 * refuses them before anything else looks, so the EPERM that the same
 * call with 32 pids meets in copy_namespaces never comes.
 */
#define PIDS_8 "5,5,5,5,5,5,5,5"
#define PIDS_32 PIDS_8 "," PIDS_8 "," PIDS_8 "," PIDS_8

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_more_than_max_pid_ns_level) {
	.request = "clone3 flags=CLONE_NEWPID set_tid=" PIDS_32 ",5 as=nobody",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_max_pid_ns_level) {
	.request = "clone3 flags=CLONE_NEWPID set_tid=" PIDS_32 " as=nobody",
	.expect = { REFUSED(EPERM) },
};

/*
 * The set_tid pointer and set_tid_size apart (copy_clone_args_from_user
 * checks the size, then the pointer against it, before the exit signal;
 * the array is read last).
 */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_size_33_null) {
	.request = "clone3 set_tid=null set_tid_size=33",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_null_with_size) {
	.request = "clone3 set_tid=null set_tid_size=1",
	.expect = { REFUSED(EINVAL) },
};

/* Before anything copy_process checks, RLIMIT_NPROC among them. */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_null_before_nproc) {
	.request = "clone3 set_tid=null set_tid_size=1 as=nobody nproc=1",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_pointer_without_size) {
	.request = "clone3 set_tid=bad", .expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_unreadable) {
	.request = "clone3 set_tid=bad set_tid_size=1",
	.expect = { REFUSED(EFAULT) },
};

/* The exit signal is checked before the array is read. */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_unreadable_bad_exit_signal) {
	.request = "clone3 exit_signal=65 set_tid=bad set_tid_size=1",
	.expect = { REFUSED(EINVAL) },
};

/* Size 72 reads the pointer, not the size: a pointer with size 0. */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_unreadable_size_72) {
	.request = "clone3 size=72 set_tid=bad set_tid_size=1",
	.expect = { REFUSED(EINVAL) },
};

/* Size 72 reads a NULL pointer and no size: nothing to refuse. */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_null_size_72) {
	.request = "clone3 size=72 set_tid=null set_tid_size=1",
	.expect = { A_CHILD },
};

/* ---- CLONE_INTO_CGROUP (cgroup_css_set_fork) ---- */

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_fd_not_open) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=closed",
	.expect = { REFUSED(EBADF) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_fd_not_cgroup2) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=notcgroup",
	.expect = { REFUSED(EBADF) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_above_int_max) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=huge",
	.expect = { REFUSED(EINVAL) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_removed) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=removed",
	.expect = { REFUSED(ENOENT) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_not_writable) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=new as=nobody",
	.expect = { REFUSED(EACCES) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_thread_into_other_domain) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD|CLONE_INTO_CGROUP exit_signal=0 stack=mmap:64k cgroup=new",
	.expect = { REFUSED(EOPNOTSUPP) },
};

/* A cgroup file, not its directory: kernfs says it is no directory. */
FIXTURE_VARIANT_ADD(validation, clone3_cgroup_procs_file) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=procs",
	.expect = { REFUSED(EBADF) },
};

/* A cgroup v1 directory: cgroup_get_from_file wants the default hierarchy. */
FIXTURE_VARIANT_ADD(validation, clone3_cgroup_v1_directory) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=v1",
	.expect = { REFUSED(EBADF) }, .needs = CASE_NEEDS_ADMIN,
};

/* fget_raw: an O_PATH fd of the directory will do. */
FIXTURE_VARIANT_ADD(validation, clone3_cgroup_o_path) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=opath stack=mmap:64k",
	.expect = { .props = P(CGROUP) | P(OWN_STACK), A_CHILD },
};

/* Capabilities in a user namespace of its own give no right over the owner's file. */
FIXTURE_VARIANT_ADD(validation, clone3_cgroup_not_writable_from_userns) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=new as=nobody userns=mapped",
	.expect = { REFUSED(EACCES) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_o_path_not_writable) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=opath as=nobody",
	.expect = { REFUSED(EACCES) },
};

FIXTURE_VARIANT_ADD(validation, clone3_cgroup_new) {
	.request = "clone3 flags=CLONE_INTO_CGROUP cgroup=new stack=mmap:64k",
	.expect = { .props = P(CGROUP) | P(OWN_STACK), A_CHILD },
};

/* ---- who calls: RLIMIT_NPROC and namespaces ---- */

/*
 * RLIMIT_NPROC counts the user's tasks in its user namespace: the caller
 * makes one of its own for the limit (request.h), where it is alone, and
 * the new task is the second.
 */
/* From 5.14's ucounts until 8f2f9c4d82f2 the limit let one task more in. */
FIXTURE_VARIANT_ADD(validation, nproc_exact_clone_reached_unprivileged) {
	.request = "clone as=nobody nproc=1", .expect = { REFUSED(EAGAIN) },
	.fix = FIX(NPROC_EXACT), .before = { A_CHILD },
	.valid_from = V(5, 14, 0), .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, nproc_exact_clone3_reached_unprivileged) {
	.request = "clone3 as=nobody nproc=1", .expect = { REFUSED(EAGAIN) },
	.fix = FIX(NPROC_EXACT), .before = { A_CHILD },
	.valid_from = V(5, 14, 0), .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_nproc_room_for_one_unprivileged) {
	.request = "clone as=nobody nproc=2 " EXIT0, .expect = { A_CHILD },
	.needs = CASE_NEEDS_USERNS,
};

/* The init of pidns=setns and its holder count too: three tasks. */
FIXTURE_VARIANT_ADD(validation, nproc_exact_counts_the_step_tasks) {
	.request = "clone as=nobody userns=mapped pidns=setns nproc=3 " EXIT0,
	.expect = { REFUSED(EAGAIN) },
	.fix = FIX(NPROC_EXACT), .before = { A_CHILD },
	.valid_from = V(5, 14, 0), .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_nproc_room_after_the_step_tasks) {
	.request = "clone as=nobody userns=mapped pidns=setns nproc=4 " EXIT0,
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* A limit the caller has, checked with CLONE_NEW* refused later. */
FIXTURE_VARIANT_ADD(validation, clone_nproc_before_namespaces) {
	.request = "clone flags=CLONE_NEWUTS as=nobody nproc=28",
	.expect = { REFUSED(EPERM) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_unprivileged_without_limit) {
	.request = "clone as=nobody " EXIT0, .expect = { A_CHILD },
};

/* Root is exempt from RLIMIT_NPROC. */
FIXTURE_VARIANT_ADD(validation, clone_nproc_zero_root) {
	.request = "clone nproc=0 " EXIT0, .expect = { A_CHILD },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(validation, clone_newpid_unprivileged) {
	.request = "clone flags=CLONE_NEWPID as=nobody",
	.expect = { REFUSED(EPERM) },
};

FIXTURE_VARIANT_ADD(validation, clone3_newuser_newpid_unprivileged) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWPID as=nobody " EXIT0,
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/*
 * Found by the sweep: a pid-namespace init that shares its signal
 * handlers sets SIGCHLD to SIG_IGN on exit (zap_pid_ns_processes) in
 * the caller's table too.  It is reaped at once: no exit signal, and
 * the caller's wait finds no child.
 */
FIXTURE_VARIANT_ADD(validation, clone_sighand_newpid_autoreaped) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK) | P(NS_PID),
		    .exit_signal = 0, .end = CC_END_REAPED },
	.needs = CASE_NEEDS_ADMIN,
};

/* ---- the caller's state (request.h's steps) ---- */

/* create_user_ns: current_chrooted() */
FIXTURE_VARIANT_ADD(validation, clone_newuser_from_chroot) {
	.request = "clone flags=CLONE_NEWUSER userns=mapped chroot=yes",
	.expect = { REFUSED(EPERM) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newuser_outside_chroot) {
	.request = "clone flags=CLONE_NEWUSER userns=mapped " EXIT0,
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_from_chroot) {
	.request = "clone flags=CLONE_NEWUTS userns=mapped chroot=yes",
	.expect = { .props = P(NS_UTS), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* create_user_ns: the creator's uid needs a mapping where it is. */
FIXTURE_VARIANT_ADD(validation, clone_newuser_creator_unmapped) {
	.request = "clone flags=CLONE_NEWUSER userns=unmapped",
	.expect = { REFUSED(EPERM) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newuts_creator_unmapped) {
	.request = "clone flags=CLONE_NEWUTS userns=unmapped",
	.expect = { .props = P(NS_UTS), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* user.max_*_namespaces 0 in the caller's own user namespace. */
FIXTURE_VARIANT_ADD(validation, clone_newuser_limit_zero) {
	.request = "clone flags=CLONE_NEWUSER userns=mapped ns_limit=CLONE_NEWUSER",
	.expect = { REFUSED(ENOSPC) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newnet_limit_zero) {
	.request = "clone flags=CLONE_NEWNET userns=mapped ns_limit=CLONE_NEWNET",
	.expect = { REFUSED(ENOSPC) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newnet_other_limit_zero) {
	.request = "clone flags=CLONE_NEWNET userns=mapped ns_limit=CLONE_NEWUTS",
	.expect = { .props = P(NS_NET), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* copy_process: CLONE_PARENT from a pid-namespace init. */
FIXTURE_VARIANT_ADD(validation, clone_parent_from_pidns_init) {
	.request = "clone flags=CLONE_PARENT userns=mapped pidns=init",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_from_pidns_init) {
	.request = "clone userns=mapped pidns=init",
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/*
 * The same early reap from an init: the new init's pid in its own
 * namespace is 1, as the caller's is, which is no sign of a thread
 * (found by make fuzz: the launcher took it for one).
 */
FIXTURE_VARIANT_ADD(validation, clone_sighand_newpid_from_pidns_init) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_NEWPID stack=mmap:64k userns=mapped pidns=init",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK) | P(NS_PID),
		    .exit_signal = 0, .end = CC_END_REAPED },
	.needs = CASE_NEEDS_USERNS,
};

/* After unshare(CLONE_NEWPID): no thread, no further pid namespace. */
FIXTURE_VARIANT_ADD(validation, clone_thread_after_unshare_newpid) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k userns=mapped unshare=CLONE_NEWPID",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newpid_after_unshare_newpid) {
	.request = "clone flags=CLONE_NEWPID userns=mapped unshare=CLONE_NEWPID",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

/* copy_pid_ns refuses before create_pid_namespace counts (found by make fuzz). */
FIXTURE_VARIANT_ADD(validation, clone_newpid_after_setns_before_its_count) {
	.request = "clone flags=CLONE_NEWPID userns=mapped pidns=setns ns_limit=CLONE_NEWPID",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

/* ... but the types before it in create_new_namespaces are counted first. */
FIXTURE_VARIANT_ADD(validation, clone_newns_count_before_newpid) {
	.request = "clone flags=CLONE_NEWNS|CLONE_NEWPID userns=mapped pidns=setns ns_limit=CLONE_NEWNS",
	.expect = { REFUSED(ENOSPC) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_after_unshare_newpid) {
	.request = "clone userns=mapped unshare=CLONE_NEWPID",
	.expect = { .props = P(NS_PID), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* After setns(2) into a pid namespace: the same two refusals. */
FIXTURE_VARIANT_ADD(validation, clone_thread_after_setns_pidns) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k userns=mapped pidns=setns",
	.expect = { REFUSED(EINVAL) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_after_setns_pidns) {
	.request = "clone userns=mapped pidns=setns",
	.expect = { .props = P(NS_PID), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/*
 * CLONE_PARENT there: refused in 3.12 (40a0d32d1eaf) until
 * 1f7f4dde5c94 (3.13), which runc's nsenter needs.
 */
FIXTURE_VARIANT_ADD(validation, parent_after_setns_clone) {
	.request = "clone flags=CLONE_PARENT userns=mapped pidns=setns",
	.expect = { .props = P(NS_PID), A_CHILD },
	.fix = FIX(PARENT_AFTER_SETNS), .before = { REFUSED(EINVAL) },
	.valid_from = V(3, 12, 0), .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, parent_after_setns_libc) {
	.request = "libc flags=CLONE_PARENT stack=mmap:64k userns=mapped pidns=setns",
	.expect = { .props = P(NS_PID) | P(OWN_STACK), A_CHILD },
	.fix = FIX(PARENT_AFTER_SETNS), .before = { REFUSED(EINVAL) },
	.valid_from = V(3, 12, 0), .needs = CASE_NEEDS_USERNS,
};

/* alloc_pid: a pid namespace whose init has exited takes no more. */
FIXTURE_VARIANT_ADD(validation, clone_into_dead_pidns) {
	.request = "clone userns=mapped pidns=dead",
	.expect = { REFUSED(ENOMEM) }, .needs = CASE_NEEDS_USERNS,
};

/* set_tid there: EPERM from 5.5 until b26ebfe12f34 (5.6, 5.5.10). */
FIXTURE_VARIANT_ADD(validation, set_tid_dead_pidns_clone3) {
	.request = "clone3 set_tid=1 userns=mapped pidns=dead",
	.expect = { REFUSED(ENOMEM) },
	.fix = FIX(SET_TID_DEAD_PIDNS), .before = { REFUSED(EPERM) },
	.valid_from = V(5, 5, 0), .needs = CASE_NEEDS_USERNS,
};

/* set_tid in pid namespaces the caller made (its user namespace owns them). */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_init_taken) {
	.request = "clone3 set_tid=1 userns=mapped pidns=init",
	.expect = { REFUSED(EEXIST) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_free_in_own_pidns) {
	.request = "clone3 set_tid=7 userns=mapped pidns=init",
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_after_setns) {
	.request = "clone3 set_tid=7 userns=mapped pidns=setns",
	.expect = { .props = P(NS_PID), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* One named capability dropped: CAP_CHECKPOINT_RESTORE alone will do. */
FIXTURE_VARIANT_ADD(validation, clone3_set_tid_checkpoint_restore_only) {
	.request = "clone3 set_tid=7 userns=mapped pidns=init drop=CAP_SYS_ADMIN",
	.expect = { A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone3_set_tid_neither_capability) {
	.request = "clone3 set_tid=7 userns=mapped pidns=init drop=CAP_SYS_ADMIN|CAP_CHECKPOINT_RESTORE",
	.expect = { REFUSED(EPERM) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newuts_without_cap_sys_admin) {
	.request = "clone flags=CLONE_NEWUTS userns=mapped drop=CAP_SYS_ADMIN",
	.expect = { REFUSED(EPERM) }, .needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_newuts_without_checkpoint_restore) {
	.request = "clone flags=CLONE_NEWUTS userns=mapped drop=CAP_CHECKPOINT_RESTORE",
	.expect = { .props = P(NS_UTS), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/*
 * After unshare(CLONE_NEWTIME): CLONE_VM is refused before 2b5f9dad32ed
 * (6.2; not in 6.1.y); since, the child keeps the caller's time
 * namespace until it execs.
 */
FIXTURE_VARIANT_ADD(validation, timens_vm_clone_after_unshare_newtime) {
	.request = "clone flags=CLONE_VM stack=mmap:64k userns=mapped unshare=CLONE_NEWTIME",
	.expect = { .props = P(MEMORY) | P(OWN_STACK), A_CHILD },
	.fix = FIX(TIMENS_VM), .before = { REFUSED(EINVAL) },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, timens_vm_clone3_after_unshare_newtime) {
	.request = "clone3 flags=CLONE_VM stack=mmap:64k userns=mapped unshare=CLONE_NEWTIME",
	.expect = { .props = P(MEMORY) | P(OWN_STACK), A_CHILD },
	.fix = FIX(TIMENS_VM), .before = { REFUSED(EINVAL) },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, timens_vm_thread_after_unshare_newtime) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k userns=mapped unshare=CLONE_NEWTIME",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
	.fix = FIX(TIMENS_VM), .before = { REFUSED(EINVAL) },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(validation, clone_after_unshare_newtime) {
	.request = "clone userns=mapped unshare=CLONE_NEWTIME",
	.expect = { .props = P(NS_TIME), A_CHILD }, .needs = CASE_NEEDS_USERNS,
};

/* ---- CLONE_NEWTIME through clone3 ---- */

/*
 * "fork: allow CLONE_NEWTIME in clone3 flags" (a402f1e35313): 6.3, and
 * stable 6.2.7, 6.1.20, 5.15.103, 5.10.175 (spec/fixes.c); time
 * namespaces are 5.6's.
 */
FIXTURE_VARIANT_ADD(validation, clone3_newtime) {
	.request = "clone3 flags=CLONE_NEWTIME stack=mmap:64k",
	.expect = { .props = P(NS_TIME) | P(OWN_STACK), A_CHILD },
	.fix = FIX(CLONE3_NEWTIME), .before = { REFUSED(EINVAL) },
	.valid_from = V(5, 6, 0), .needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(validation, clone3_newtime_in_a_new_user_namespace) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWTIME stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_TIME) | P(OWN_STACK), A_CHILD },
	.fix = FIX(CLONE3_NEWTIME), .before = { REFUSED(EINVAL) },
	.valid_from = V(5, 6, 0), .needs = CASE_NEEDS_USERNS,
};

/*
 * A child that shares the mm stays in the caller's time namespace
 * (copy_namespaces switches only a child without CLONE_VM, since
 * 2b5f9dad32ed in 6.2).
 */
FIXTURE_VARIANT_ADD(validation, clone3_vm_with_newtime) {
	.request = "clone3 flags=CLONE_NEWTIME|CLONE_VM stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(OWN_STACK), A_CHILD },
	.valid_from = V(6, 2, 7),
	.needs = CASE_NEEDS_ADMIN,
};

/* The 6.1 series: clone3 takes the flag from 6.1.20, the child switches. */
FIXTURE_VARIANT_ADD(validation, clone3_vm_with_newtime_6_1) {
	.request = "clone3 flags=CLONE_NEWTIME|CLONE_VM stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(NS_TIME) | P(OWN_STACK), A_CHILD },
	.valid_from = V(6, 1, 20), .valid_until = V(6, 2, 0),
	.needs = CASE_NEEDS_ADMIN,
};

/* ---- the libc wrapper checks first: the kernel would say EFAULT ---- */

FIXTURE_VARIANT_ADD(validation, libc_null_stack_before_the_kernel) {
	.request = "libc flags=CLONE_PIDFD pidfd=bad",
	.expect = { REFUSED(EINVAL) },
	.platform = "glibc musl>=1.2.5",
};

/* musl before 1.2.5 faults on the NULL stack first (clone_stack_test). */
FIXTURE_VARIANT_ADD(validation, libc_null_stack_faults_before_the_kernel) {
	.request = "libc flags=CLONE_PIDFD pidfd=bad",
	.expect = { CALLER_KILLED_BY(SIGSEGV) },
	.platform = "musl<1.2.5",
};

/*
 * musl's clone() from 1.2.5 (fa4a8abd06a4) refuses the flags that would
 * leave the child without a valid thread structure of its own; glibc's
 * and older musl's pass them to the kernel (clone_flags_test's libc rows).
 */
FIXTURE_VARIANT_ADD(validation, libc_musl_refuses_thread) {
	.request = "libc flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
	.platform = "musl>=1.2.5",
};

FIXTURE_VARIANT_ADD(validation, libc_musl_refuses_settls) {
	.request = "libc flags=CLONE_SETTLS stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
	.platform = "musl>=1.2.5",
};

FIXTURE_VARIANT_ADD(validation, libc_musl_refuses_child_cleartid) {
	.request = "libc flags=CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { REFUSED(EINVAL) },
	.platform = "musl>=1.2.5",
};

/* ... but not CLONE_CHILD_SETTID, whose word it takes from the varargs. */
FIXTURE_VARIANT_ADD(validation, libc_musl_takes_child_settid) {
	.request = "libc flags=CLONE_CHILD_SETTID stack=mmap:64k",
	.expect = { .props = P(CHILD_TID) | P(OWN_STACK), A_CHILD },
	.platform = "musl>=1.2.5",
};

TEST_HARNESS_MAIN
