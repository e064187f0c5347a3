/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel changes a clone caller can see, each with the commit that made
 * it: the facts the model's version ranges (spec/model.c) and the case
 * rows that assert each change (cases/clone_validation_test.c, .fix)
 * share, so the
 * two cannot cite different commits or releases.
 *
 * Each sha is the mainline commit, 12 characters, seen beside its exact
 * subject in a stable review mail ("commit <sha> upstream"), a
 * maintainer's pull request or a kernel.org push log; the stable
 * releases are those whose review series was seen to carry the
 * backport.  A change that is a feature rather than a fix (thread
 * pidfds) is here too: a kernel without it refuses what later ones take.
 */
#ifndef CLONECHECK_FIXES_H
#define CLONECHECK_FIXES_H

#include <stdbool.h>
#include <stddef.h>

enum cc_fix_id {
	CC_FIX_PARENT_AFTER_SETNS,	/* 1f7f4dde5c94, 3.13 */
	CC_FIX_SET_TID_DEAD_PIDNS,	/* b26ebfe12f34, 5.6 */
	CC_FIX_NPROC_EXACT,		/* 8f2f9c4d82f2, 5.17 */
	CC_FIX_TIMENS_VM,		/* 2b5f9dad32ed, 6.2 */
	CC_FIX_CLONE3_NEWTIME,		/* a402f1e35313, 6.3 */
	CC_FIX_THREAD_PIDFD,		/* 83b290c9e3b5, 6.9 */
	CC_FIX_LEGACY_EXIT_SIGNAL,	/* 09e7827e7857, 7.1 */
	CC_FIX_COUNT
};

struct cc_fix {
	const char *name;		/* "clone3_newtime": its rows' prefix */
	const char *sha;		/* mainline, 12 characters */
	const char *subject;
	unsigned int mainline;		/* the first release that has it */
	/*
	 * Per older series, the point release that took it (0 ends the
	 * list): a kernel of a listed series has it from there on, of any
	 * other series from mainline on.
	 */
	unsigned int stable[6];
};

extern const struct cc_fix cc_fixes[CC_FIX_COUNT];

bool cc_kernel_has_fix(const struct cc_fix *fix, unsigned int kernel);

/*
 * What to tell someone whose kernel failed a row that needs the fix:
 * this kernel may lack <sha> ("<subject>"), in <release>; stable: <...>
 */
size_t cc_fix_hint(char *buf, size_t len, const struct cc_fix *fix);

/* A release without the fix, and one with it, for tests of the rows. */
unsigned int cc_fix_version_without(const struct cc_fix *fix);

#endif
