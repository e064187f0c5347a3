/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Launch: performs one request and observes it.
 *
 * Every launch runs in a throwaway process tree, so a request may change
 * the cwd, the umask, signal handlers or the fd table of its caller
 * without touching the test program:
 *
 *   test program    sleeps in vfork until the warden exits
 *     └─ warden     made by vfork: the test program's memory, no
 *        │          address space of its own (launch.c says why);
 *        │          subreaper in a process group of its own; blocks
 *        │          signals; owns the SysV semaphore (in an IPC
 *        │          namespace of its own where it may) and the target
 *        │          cgroup; watchdog; watches the test program; reaps
 *        │          everything and removes what it made on every path
 *        └─ caller  performs the call (call.c), then measures its side
 *           └─ child (its parent is the warden with CLONE_PARENT,
 *                     a thread of the caller with CLONE_THREAD)
 *
 * A process made for launches may be the warden itself
 * (cc_launch_as_warden): a fuzz executor's input init and resident are.
 * Its caller is then a vfork of it where the request cannot reach the
 * warden through the memory they share (launch.c,
 * caller_may_share_memory), and a fork otherwise.
 *
 * Every wait takes __WALL: a child the kernel gives another exit signal
 * than it was asked for (or none) is waited for all the same.
 */
#ifndef CLONECHECK_LAUNCH_H
#define CLONECHECK_LAUNCH_H

#include <sys/types.h>

#include "engine/probe.h"
#include "engine/result.h"
#include "spec/env.h"
#include "spec/request.h"

/* Seconds before the warden kills a launch that does not finish. */
#define CC_WATCHDOG_SECONDS 10

/* OK (obs holds the observation), SKIP (obs->skip) or BROKEN (obs->broken). */
enum cc_result cc_launch(const struct cc_request *req,
			 struct cc_observation *obs);

/*
 * cc_launch with this process as the warden, one fork fewer: for a
 * process made for launches only, with nothing else to do and a parent
 * that waits for it (a fuzz executor's input init or resident).  It
 * leaves this process a subreaper in a process group of its own, every
 * signal blocked and its parent's death fatal to it.  Its caller may
 * share its memory: what the caller maps for the call is released
 * after the launch, and a mapping or a change the launch did not undo
 * is for the process's owner to find (the executor's resident checks
 * its own after each input).
 */
enum cc_result cc_launch_as_warden(const struct cc_request *req,
				   struct cc_observation *obs);

/*
 * The environment of a launch's caller, from that of the process that
 * launches (self): the caller is a fork of a fork, so it is no
 * pid-namespace init; children made after unshare(CLONE_NEWPID) or a
 * setns(2) are in pid_for_children, the warden as its init when the
 * namespace has none yet, the caller one level down, its own
 * pid_for_children its namespace; and the forks entered
 * time_for_children.  The model predicts a launch with this env.
 */
void cc_launch_caller_env(const struct cc_env *self, struct cc_env *caller);

/*
 * Parses text into *req and launches it; a parse error is reported as
 * BROKEN, with the position and the reason in obs->broken.
 */
enum cc_result cc_launch_text(const char *text, struct cc_request *req,
				     struct cc_observation *obs);

/*
 * How many fds this process has open and the highest, or -1 and -1:
 * a launch, or a fuzz input, must leave both as it found them.
 */
void cc_fd_census(int *count, int *highest);

/*
 * Where the probe helper lives: $CLONECHECK_HELPER, else beside the
 * running executable.  Returns 0 or -errno.
 */
int cc_probe_helper_path(char *buf, size_t len);

#endif
