/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CLONECHECK_FIT_H
#define CLONECHECK_FIT_H

#include "spec/env.h"
#include "spec/request.h"

/*
 * A fuzz input decodes to any request at all; before it runs, the
 * targets, `clonecheck decode` and `clonecheck repro` fit it alike.
 *
 * Fits a request to this machine rather than failing on it: clone3
 * where clone3 is unavailable becomes clone; as=nobody where the
 * executor cannot change its uid becomes the executor itself.  And to
 * what the launcher can report on: SIGKILL or SIGSTOP as the exit
 * signal becomes SIGCHLD (they would end or stop the caller).  And to
 * what the kernel decides, not the launcher: a reference entry point
 * (fork, vfork, posix_spawn, pthread) keeps only its child and caller
 * (posix_spawn's child always execs); a full fd table goes with a
 * child that exits at once (a probing child needs fds); CLONE_VM
 * without CLONE_VFORK gets a stack (on the caller's own, the two race);
 * a stack the kernel accepts at a raw address becomes a mapped one
 * (what a child does at a random address depends on what is mapped
 * there); a stack has 16 KiB to 8 MiB (a probing child needs them, the
 * libc wrapper writes below the top, the launcher maps them); a child
 * that overflows its stack does so on a guard page and not as a thread
 * (whose SIGSEGV would kill the caller); a thread does not exec (that
 * would take over the caller's thread group); stack=at:0:0 is no stack.  And
 * to what the caller can do: a step it may not take here (fit_steps in
 * fit.c says which) is left out, as is nproc= for a caller that would
 * need a user namespace of its own where it cannot have one.  And
 * to what the model can know: in an executor's fresh pid namespace
 * (env->pids_taken), set_tid keeps only the entries for that namespace
 * and a new one, as which pids the host has taken is not visible.
 */
void cc_request_fit(struct cc_request *req, const struct cc_env *env);

#endif
