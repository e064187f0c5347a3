/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroup directories the suite makes under the cgroup2 mount (the
 * CLONE_INTO_CGROUP target of a launch, the namespace cases' own).
 *
 * Each is named clonecheck.<run>.<random>: <run> says whose it is (by
 * default the pid of the process that made it, after $CLONECHECK_RUN
 * when that names a run, as make mutation does for each fault; a fuzz
 * executor names each input's run, so it can tell what that input
 * left), and 64 random bits make the name unique, so a leftover can
 * never collide with the name of a later one.  While its maker lives it holds an flock on the
 * directory: a clonecheck cgroup whose lock can be taken was left by a
 * run that died, and cc_cgroup_sweep() removes it.
 */
#ifndef CLONECHECK_ENGINE_CGROUP_H
#define CLONECHECK_ENGINE_CGROUP_H

#include <stddef.h>
#include <stdio.h>

#include "engine/probe.h"

#define CC_CGROUP_PREFIX "clonecheck."

struct cc_cgroup {
	char dir[600];		/* its path; "" when none was made */
	char member[CC_PATH_MAX];	/* a member's "0::" line in /proc/PID/cgroup */
	int lock_fd;		/* the directory, flocked while we live */
};

/*
 * Makes a fresh cgroup.  0, or -1 with why saying what is missing (no
 * cgroup2 mount, no right to make one there): a SKIP, not a failure.
 */
int cc_cgroup_make(struct cc_cgroup *cg, char *why, size_t len);

/*
 * Removes it (gone already is fine when gone_ok) and drops the lock.
 * 0, or -errno.
 */
int cc_cgroup_remove(struct cc_cgroup *cg, int gone_ok);

/*
 * The run whose cgroups this process makes from now on (a fuzz
 * executor's input); NULL: this process's own.  Its cgroups are named
 * CC_CGROUP_PREFIX run ".".
 */
void cc_cgroup_set_run(const char *run);

/*
 * Removes every clonecheck cgroup a dead run left, empty ones only,
 * with a line each on note.  Returns how many it removed.
 */
int cc_cgroup_sweep(FILE *note);

#endif
