// SPDX-License-Identifier: GPL-2.0
/*
 * Each sharing flag on its own, through raw clone, raw clone3 and the
 * libc clone() wrapper: the flag given (the property is on) and not given
 * (off).  Every row checks every property, so a row also asserts that its
 * flag turns on nothing else.
 *
 * Every request passes the same arguments whatever its flags: a 64 KiB
 * mmap stack, a valid TLS block, and valid parent_tid, child_tid and
 * pidfd words.  So the "_none" row of an entry point is the negative case
 * for every flag that only gates an argument (SETTLS, PARENT_SETTID,
 * CHILD_SETTID, PIDFD) or a resource (FS, FILES, SYSVSEM, VM, VFORK,
 * PARENT); flags that need another flag (SIGHAND, THREAD, CHILD_CLEARTID)
 * have a row of their own with everything but the flag.
 */
#include "cases.h"

CASE_MATRIX(flag);

/*
 * Rows: <entry point>_<flag>.  The expectation lists every property that
 * must be on; all others must be off.
 */

/* ---- raw clone syscall ---- */

FIXTURE_VARIANT_ADD(flag, clone_none) {
	.request = "clone stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_vm) {
	.request = "clone flags=CLONE_VM stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_fs) {
	.request = "clone flags=CLONE_FS stack=mmap:64k",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_files) {
	.request = "clone flags=CLONE_FILES stack=mmap:64k",
	.expect = { .props = P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* SIGHAND needs VM: its negative is clone_vm. */
FIXTURE_VARIANT_ADD(flag, clone_sighand) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* A thread: same tgid, the caller's parent, no exit signal, no status. */
FIXTURE_VARIANT_ADD(flag, clone_thread) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(flag, clone_thread_off) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

/* Legacy clone ignores the exit signal of a thread instead of refusing it. */
FIXTURE_VARIANT_ADD(flag, clone_thread_exit_signal_ignored) {
	.request = "clone flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(flag, clone_parent) {
	.request = "clone flags=CLONE_PARENT stack=mmap:64k",
	.expect = { .props = P(PARENT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/*
 * CLONE_PARENT: the child's exit signal is the caller's own (SIGCHLD
 * here), whatever the call asked for (copy_process).
 */
FIXTURE_VARIANT_ADD(flag, clone_parent_exit_signal_is_callers) {
	.request = "clone flags=CLONE_PARENT exit_signal=SIGUSR1 stack=mmap:64k",
	.expect = { .props = P(PARENT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_sysvsem) {
	.request = "clone flags=CLONE_SYSVSEM stack=mmap:64k",
	.expect = { .props = P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_settls) {
	.request = "clone flags=CLONE_SETTLS stack=mmap:64k",
	.expect = { .props = P(TLS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_parent_settid) {
	.request = "clone flags=CLONE_PARENT_SETTID stack=mmap:64k",
	.expect = { .props = P(PARENT_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_child_settid) {
	.request = "clone flags=CLONE_CHILD_SETTID stack=mmap:64k",
	.expect = { .props = P(CHILD_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_child_cleartid) {
	.request = "clone flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(CLEAR_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* mm_release clears the word only while the mm has another user. */
FIXTURE_VARIANT_ADD(flag, clone_child_cleartid_without_vm) {
	.request = "clone flags=CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_pidfd) {
	.request = "clone flags=CLONE_PIDFD stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_vfork) {
	.request = "clone flags=CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_vfork_vm) {
	.request = "clone flags=CLONE_VM|CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/*
 * The caller resumes when the child execs, not when it exits: the
 * exec'ed probe helper sees the caller return.  Exec also resets the
 * SIGUSR1 handler and gives a fresh stack.
 */
FIXTURE_VARIANT_ADD(flag, clone_vfork_until_exec) {
	.request = "clone flags=CLONE_VM|CLONE_VFORK stack=mmap:64k child=exec",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/*
 * A CLONE_VM child's exec releases the mm it shared (exec_mm_release):
 * the CLONE_CHILD_CLEARTID word is zeroed then, not at the exit; an
 * unmapped child_tid is no word to zero (found by make fuzz).
 */
FIXTURE_VARIANT_ADD(flag, clone_exec_clears_child_tid) {
	.request = "clone flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k child=exec",
	.expect = { .props = P(CLEAR_TID) | P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_exec_clears_no_bad_child_tid) {
	.request = "clone flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k child_tid=bad child=exec",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_exit_signal_sigusr1) {
	.request = "clone exit_signal=SIGUSR1 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGUSR1, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_exit_signal_none) {
	.request = "clone exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

/* ---- raw clone3 syscall ---- */

FIXTURE_VARIANT_ADD(flag, clone3_none) {
	.request = "clone3 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_vm) {
	.request = "clone3 flags=CLONE_VM stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_fs) {
	.request = "clone3 flags=CLONE_FS stack=mmap:64k",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_files) {
	.request = "clone3 flags=CLONE_FILES stack=mmap:64k",
	.expect = { .props = P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_sighand) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_thread) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
};

FIXTURE_VARIANT_ADD(flag, clone3_thread_off) {
	.request = "clone3 flags=CLONE_VM|CLONE_SIGHAND exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

/* clone3 wants exit_signal 0 with CLONE_PARENT; SIGCHLD is the caller's. */
FIXTURE_VARIANT_ADD(flag, clone3_parent) {
	.request = "clone3 flags=CLONE_PARENT exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(PARENT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_sysvsem) {
	.request = "clone3 flags=CLONE_SYSVSEM stack=mmap:64k",
	.expect = { .props = P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_settls) {
	.request = "clone3 flags=CLONE_SETTLS stack=mmap:64k",
	.expect = { .props = P(TLS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_parent_settid) {
	.request = "clone3 flags=CLONE_PARENT_SETTID stack=mmap:64k",
	.expect = { .props = P(PARENT_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_child_settid) {
	.request = "clone3 flags=CLONE_CHILD_SETTID stack=mmap:64k",
	.expect = { .props = P(CHILD_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_child_cleartid) {
	.request = "clone3 flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(CLEAR_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_child_cleartid_without_vm) {
	.request = "clone3 flags=CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_pidfd) {
	.request = "clone3 flags=CLONE_PIDFD stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* clone3 has its own pidfd field: no clash with PARENT_SETTID. */
FIXTURE_VARIANT_ADD(flag, clone3_pidfd_with_parent_settid) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_PARENT_SETTID stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(PARENT_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* The pidfd still names a child that already ran to its end (vfork). */
FIXTURE_VARIANT_ADD(flag, clone3_pidfd_vfork) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* A pidfd for a sibling: the child belongs to the caller's parent. */
FIXTURE_VARIANT_ADD(flag, clone3_pidfd_parent) {
	.request = "clone3 flags=CLONE_PIDFD|CLONE_PARENT exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(PARENT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_vfork) {
	.request = "clone3 flags=CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_vfork_vm) {
	.request = "clone3 flags=CLONE_VM|CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_vfork_until_exec) {
	.request = "clone3 flags=CLONE_VM|CLONE_VFORK stack=mmap:64k child=exec",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_exit_signal_sigusr1) {
	.request = "clone3 exit_signal=SIGUSR1 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGUSR1, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_exit_signal_none) {
	.request = "clone3 exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

/* clone3 only: handlers reset to SIG_DFL in the child, SIG_IGN kept. */
FIXTURE_VARIANT_ADD(flag, clone3_clear_sighand) {
	.request = "clone3 flags=CLONE_CLEAR_SIGHAND stack=mmap:64k",
	.expect = { .props = P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_clear_sighand_vm) {
	.request = "clone3 flags=CLONE_VM|CLONE_CLEAR_SIGHAND stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(CLEAR_SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/* ---- the libc clone() wrapper ---- */

FIXTURE_VARIANT_ADD(flag, libc_none) {
	.request = "libc stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_vm) {
	.request = "libc flags=CLONE_VM stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_fs) {
	.request = "libc flags=CLONE_FS stack=mmap:64k",
	.expect = { .props = P(FS_UMASK) | P(FS_CWD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_files) {
	.request = "libc flags=CLONE_FILES stack=mmap:64k",
	.expect = { .props = P(FILES) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_sighand) {
	.request = "libc flags=CLONE_VM|CLONE_SIGHAND stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

/*
 * The child's fn returns: glibc's clone() ends the thread with exit, not
 * exit_group, since BZ 21512, "Call exit directly in clone (BZ #21512)"
 * (3f823e87ccbf), glibc 2.26; before, the caller's whole thread group
 * died with it.
 */
FIXTURE_VARIANT_ADD(flag, libc_thread) {
	.request = "libc flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(THREAD_GROUP) |
			     P(PARENT) | P(OWN_STACK),
		    .exit_signal = 0, THREAD_ENDED },
	/* musl's clone() refuses it from 1.2.5: clone_validation_test */
	.platform = "glibc musl<1.2.5",
};

FIXTURE_VARIANT_ADD(flag, libc_thread_off) {
	.request = "libc flags=CLONE_VM|CLONE_SIGHAND exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(SIGHAND) | P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_parent) {
	.request = "libc flags=CLONE_PARENT stack=mmap:64k",
	.expect = { .props = P(PARENT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_sysvsem) {
	.request = "libc flags=CLONE_SYSVSEM stack=mmap:64k",
	.expect = { .props = P(SYSVSEM) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_settls) {
	.request = "libc flags=CLONE_SETTLS stack=mmap:64k",
	.expect = { .props = P(TLS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	/* musl's clone() refuses it from 1.2.5: clone_validation_test */
	.platform = "glibc musl<1.2.5",
};

FIXTURE_VARIANT_ADD(flag, libc_parent_settid) {
	.request = "libc flags=CLONE_PARENT_SETTID stack=mmap:64k",
	.expect = { .props = P(PARENT_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_child_settid) {
	.request = "libc flags=CLONE_CHILD_SETTID stack=mmap:64k",
	.expect = { .props = P(CHILD_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_child_cleartid) {
	.request = "libc flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(CLEAR_TID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	/* musl's clone() refuses it from 1.2.5: clone_validation_test */
	.platform = "glibc musl<1.2.5",
};

FIXTURE_VARIANT_ADD(flag, libc_child_cleartid_without_vm) {
	.request = "libc flags=CLONE_CHILD_CLEARTID stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	/* musl's clone() refuses it from 1.2.5: clone_validation_test */
	.platform = "glibc musl<1.2.5",
};

/* glibc passes the pidfd through parent_tid, as the kernel wants. */
FIXTURE_VARIANT_ADD(flag, libc_pidfd) {
	.request = "libc flags=CLONE_PIDFD stack=mmap:64k",
	.expect = { .props = P(PIDFD) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_vfork) {
	.request = "libc flags=CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_vfork_vm) {
	.request = "libc flags=CLONE_VM|CLONE_VFORK stack=mmap:64k",
	.expect = { .props = P(MEMORY) | P(VFORK) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_exit_signal_sigusr1) {
	.request = "libc exit_signal=SIGUSR1 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = SIGUSR1, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_exit_signal_none) {
	.request = "libc exit_signal=0 stack=mmap:64k",
	.expect = { .props = P(OWN_STACK),
		    .exit_signal = 0, EXITED_0 },
};

/*
 * ---- CLONE_IO and the namespace flags ----
 *
 * Here each namespace flag shows as a namespace of the child's own
 * (/proc/self/ns/<type> differs from the caller's); what each namespace
 * isolates has cases of its own.  Namespaces without CLONE_NEWUSER need
 * CAP_SYS_ADMIN; with CLONE_NEWUSER in the same call they need only
 * that user namespaces are allowed.
 */

FIXTURE_VARIANT_ADD(flag, clone_io) {
	.request = "clone flags=CLONE_IO stack=mmap:64k",
	.expect = { .props = P(IO) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone3_io) {
	.request = "clone3 flags=CLONE_IO stack=mmap:64k",
	.expect = { .props = P(IO) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, libc_io) {
	.request = "libc flags=CLONE_IO stack=mmap:64k",
	.expect = { .props = P(IO) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
};

FIXTURE_VARIANT_ADD(flag, clone_newns) {
	.request = "clone flags=CLONE_NEWNS stack=mmap:64k",
	.expect = { .props = P(NS_MNT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newpid) {
	.request = "clone flags=CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(NS_PID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newnet) {
	.request = "clone flags=CLONE_NEWNET stack=mmap:64k",
	.expect = { .props = P(NS_NET) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newuts) {
	.request = "clone flags=CLONE_NEWUTS stack=mmap:64k",
	.expect = { .props = P(NS_UTS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newipc) {
	.request = "clone flags=CLONE_NEWIPC stack=mmap:64k",
	.expect = { .props = P(NS_IPC) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newcgroup) {
	.request = "clone flags=CLONE_NEWCGROUP stack=mmap:64k",
	.expect = { .props = P(NS_CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser) {
	.request = "clone flags=CLONE_NEWUSER stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newns) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWNS stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_MNT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newpid) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_PID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newnet) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWNET stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_NET) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newuts) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWUTS stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_UTS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newipc) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWIPC stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_IPC) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone_newuser_newcgroup) {
	.request = "clone flags=CLONE_NEWUSER|CLONE_NEWCGROUP stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newns) {
	.request = "clone3 flags=CLONE_NEWNS stack=mmap:64k",
	.expect = { .props = P(NS_MNT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newpid) {
	.request = "clone3 flags=CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(NS_PID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newnet) {
	.request = "clone3 flags=CLONE_NEWNET stack=mmap:64k",
	.expect = { .props = P(NS_NET) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuts) {
	.request = "clone3 flags=CLONE_NEWUTS stack=mmap:64k",
	.expect = { .props = P(NS_UTS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newipc) {
	.request = "clone3 flags=CLONE_NEWIPC stack=mmap:64k",
	.expect = { .props = P(NS_IPC) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newcgroup) {
	.request = "clone3 flags=CLONE_NEWCGROUP stack=mmap:64k",
	.expect = { .props = P(NS_CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newtime) {
	.request = "clone3 flags=CLONE_NEWTIME stack=mmap:64k",
	.expect = { .props = P(NS_TIME) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_ADMIN,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser) {
	.request = "clone3 flags=CLONE_NEWUSER stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newns) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWNS stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_MNT) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newpid) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_PID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newnet) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWNET stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_NET) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newuts) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWUTS stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_UTS) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newipc) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWIPC stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_IPC) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newcgroup) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWCGROUP stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_CGROUP) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, clone3_newuser_newtime) {
	.request = "clone3 flags=CLONE_NEWUSER|CLONE_NEWTIME stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_TIME) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, libc_newuser) {
	.request = "libc flags=CLONE_NEWUSER stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

FIXTURE_VARIANT_ADD(flag, libc_newuser_newpid) {
	.request = "libc flags=CLONE_NEWUSER|CLONE_NEWPID stack=mmap:64k",
	.expect = { .props = P(NS_USER) | P(NS_PID) | P(OWN_STACK),
		    .exit_signal = SIGCHLD, EXITED_0 },
	.needs = CASE_NEEDS_USERNS,
};

CASE_SHARING_TESTS(flag)

TEST_HARNESS_MAIN
