// SPDX-License-Identifier: GPL-2.0
/*
 * The fix table (spec/fixes.h).  Where each sha was seen is said beside
 * it, so a reader can check it again.
 */
#include <stdio.h>

#include "spec/env.h"
#include "spec/fixes.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define V(a, b, c)	CC_KERNEL_VERSION(a, b, c)

const struct cc_fix cc_fixes[CC_FIX_COUNT] = {
	/*
	 * 3.12's 40a0d32d1eaf refused CLONE_PARENT while pid_for_children
	 * was not the caller's pid namespace (after setns or unshare); this
	 * lifted it.  Cited by runc's nsenter and the setns(2) man page.
	 */
	[CC_FIX_PARENT_AFTER_SETNS] = {
		"parent_after_setns", "1f7f4dde5c94",
		"fork: Allow CLONE_PARENT after setns(CLONE_NEWPID)",
		V(3, 13, 0), { 0 } },
	/* [PATCH 5.5 110/151]; tools/testing/selftests/pid_namespace/regression_enomem.c */
	[CC_FIX_SET_TID_DEAD_PIDNS] = {
		"set_tid_dead_pidns", "b26ebfe12f34",
		"pid: Fix error return value in some cases",
		V(5, 6, 0), { V(5, 5, 10) } },
	/* [PATCH 5.15 181/196] */
	[CC_FIX_NPROC_EXACT] = {
		"nproc_exact", "8f2f9c4d82f2",
		"ucounts: Enforce RLIMIT_NPROC not RLIMIT_NPROC+1",
		V(5, 17, 0), { V(5, 15, 25) } },
	/* execve-v6.2-rc1 pull; not in 6.1.y (Debian's 6.1.192 refuses). */
	[CC_FIX_TIMENS_VM] = {
		"timens_vm", "2b5f9dad32ed",
		"fs/exec: switch timens when a task gets a new mm",
		V(6, 2, 0), { 0 } },
	/* 5.10.175-rc1 review ([PATCH 5.10 002/104]), 6.1.20-rc2 review. */
	[CC_FIX_CLONE3_NEWTIME] = {
		"clone3_newtime", "a402f1e35313",
		"fork: allow CLONE_NEWTIME in clone3 flags",
		V(6, 3, 0),
		{ V(6, 2, 7), V(6, 1, 20), V(5, 15, 103), V(5, 10, 175) } },
	/* vfs-6.9.pidfd; a feature, not backported. */
	[CC_FIX_THREAD_PIDFD] = {
		"thread_pidfd", "83b290c9e3b5",
		"pidfd: clone: allow CLONE_THREAD | CLONE_PIDFD together",
		V(6, 9, 0), { 0 } },
	/*
	 * mm-hotfixes-stable-2026-05-25, merged for 7.1; offered to 6.12
	 * and 7.0 stable, where a reviewer judged it no stable material:
	 * no backport is known.
	 */
	[CC_FIX_LEGACY_EXIT_SIGNAL] = {
		"legacy_exit_signal", "09e7827e7857",
		"kernel/fork: validate exit_signal in kernel_clone()",
		V(7, 1, 0), { 0 } },
};

bool cc_kernel_has_fix(const struct cc_fix *fix, unsigned int kernel)
{
	size_t i;

	if (kernel >= fix->mainline)
		return true;
	for (i = 0; i < ARRAY_SIZE(fix->stable) && fix->stable[i]; i++)
		if (fix->stable[i] >> 8 == kernel >> 8)
			return kernel >= fix->stable[i];
	return false;
}

size_t cc_fix_hint(char *buf, size_t len, const struct cc_fix *fix)
{
	char version[16], stable[96] = "none";
	size_t i, at = 0;

	for (i = 0; i < ARRAY_SIZE(fix->stable) && fix->stable[i]; i++)
		at += (size_t)snprintf(stable + at, sizeof(stable) - at, "%s%s",
				       i ? ", " : "",
				       cc_version_text(version, sizeof(version),
						       fix->stable[i]));
	cc_version_text(version, sizeof(version), fix->mainline);
	return (size_t)snprintf(buf, len,
				"this kernel may lack %s (\"%s\"), in %s; stable: %s",
				fix->sha, fix->subject, version, stable);
}

unsigned int cc_fix_version_without(const struct cc_fix *fix)
{
	unsigned int major = fix->mainline >> 16, minor = fix->mainline >> 8 & 0xff;

	/* The last series before mainline, at its .0 (before any backport). */
	return minor ? V(major, minor - 1, 0) : V(major - 1, 0, 0);
}
