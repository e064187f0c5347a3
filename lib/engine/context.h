/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Privilege contexts: who makes the call.  A context is entered in a
 * disposable process (a test body, a fuzz executor), never undone:
 *
 *   root            CAP_SYS_ADMIN in the initial user namespace; before
 *                   the call the process moves into throwaway mount
 *                   (private), UTS, IPC and network namespaces, so a
 *                   kernel that ignores a CLONE_NEW* flag changes those,
 *                   not the host's
 *   unprivileged    uid and gid 65534 without capabilities (dropped from
 *                   root; as is when already unprivileged)
 *   unpriv_newuser  the same caller; rows in this context add
 *                   CLONE_NEWUSER to the call
 *   userns_root     uid 0 with every capability inside a user namespace
 *                   made here (mapped to the caller's own uid and gid),
 *                   then the same throwaway namespaces as root
 */
#ifndef CLONECHECK_CONTEXT_H
#define CLONECHECK_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "engine/result.h"
#include "spec/env.h"

enum cc_context {
	CC_CTX_ROOT,
	CC_CTX_UNPRIV,
	CC_CTX_UNPRIV_NEWUSER,
	CC_CTX_USERNS_ROOT,
	CC_CTX_COUNT
};

const char *cc_context_name(enum cc_context ctx);

/*
 * Enters ctx in the calling process.  OK, SKIP (what is missing, in why)
 * or BROKEN (what failed, in why).
 */
enum cc_result cc_context_enter(enum cc_context ctx, char *why,
				       size_t len);

/*
 * Why this process cannot enter ctx (the reason in why), or NULL when
 * it can: what cc_context_enter() SKIPs on, asked without entering.
 */
const char *cc_context_missing(enum cc_context ctx, char *why, size_t len);

/*
 * The environment a process in ctx sees, for the model: this process's
 * (the test program's) with the context's credentials, as a process
 * freshly forked into the context (no pid-namespace init, nothing
 * unshared for its children).  A row then adds what it did itself.
 */
void cc_context_env(enum cc_context ctx, struct cc_env *env);

/*
 * Throwaway namespaces for the calling process: mount (with every mount
 * made private), UTS, IPC and network, of those the kernel has.  0 or
 * -errno.
 */
int cc_enter_throwaway_namespaces(void);

/*
 * Running code in a context.  A case that needs more than one call
 * (a setup, then the call, then a look from outside) runs it in a
 * context process, and shares a report page with it whose first member
 * is this:
 */
struct cc_context_run {
	enum cc_result result;	/* OK, SKIP or BROKEN */
	char why[256];		/* what is missing, or what failed */
};

/* A zeroed MAP_SHARED page of size bytes for a report; NULL on failure. */
void *cc_shared_page(size_t size);
void cc_shared_page_free(void *page, size_t size);

/*
 * Runs fn(run, arg) in a fresh context process, and returns
 * run->result.  The process becomes a subreaper (what the call leaves
 * behind comes back to it), moves into cgroup_dir when that is not
 * NULL, enters ctx (SKIP or BROKEN there end it), runs fn, and reaps
 * every process it has, whatever their exit signal, before it exits.
 * A context process that does not exit cleanly is BROKEN.
 */
enum cc_result cc_context_run(enum cc_context ctx, const char *cgroup_dir,
			      struct cc_context_run *run,
			      void (*fn)(struct cc_context_run *run, void *arg),
			      void *arg);

/*
 * Marks run BROKEN with "what: ERRNO" (err as errno or -errno), unless
 * it failed already: the first failure is the cause.
 */
void cc_context_broken(struct cc_context_run *run, const char *what, int err);

/* Waits for every child of this process, whatever its exit signal. */
void cc_reap_all(void);

/*
 * Writes text to path (a /proc or /sys control file) in one write.  0 or
 * -errno; unless why is NULL, it then says which step failed.
 */
int cc_write_file(const char *path, const char *text, char *why, size_t len);

/*
 * Maps uid and gid inside to outside (one id each) for the user
 * namespace of pid.  With deny_setgroups, /proc/PID/setgroups is set to
 * "deny" first, as an unprivileged writer must.  0 or -errno, with the
 * file that refused in why.
 */
int cc_userns_map(pid_t pid, uid_t inside, uid_t outside, gid_t inside_gid,
		  gid_t outside_gid, bool deny_setgroups, char *why,
		  size_t len);

#endif
