/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One request: everything that describes one call that creates a task.
 *
 * Text form, one line, entry point first, then key=value words in any
 * order; keys left out keep their default:
 *
 *   clone3 flags=CLONE_VM|CLONE_FILES exit_signal=SIGCHLD stack=mmap:64k
 *
 *   entry        clone | clone3 | libc | fork | vfork | posix_spawn | pthread
 *   flags=       flag set, see flags.h (default 0)
 *   exit_signal= signal name or number (default SIGCHLD; 0 for none)
 *   stack=       none | mmap:SIZE | malloc:SIZE | misaligned:SIZE |
 *                at:ADDRESS:SIZE (SIZE in bytes, or with a k or m suffix;
 *                at: a raw address, nothing mapped; default none)
 *   (an ADDRESS is a number, or top, top-N or top+N: the end of the
 *   user address space of the kernel the call is made on, TASK_SIZE_MAX,
 *   which 5-level paging moves; N as SIZE)
 *   size=        clone3 struct size in bytes (default 88)
 *   tail=        hex bytes placed after the 88-byte struct (clone3 only)
 *   args=        auto | bad (clone3's struct pointer; bad faults)
 *   tls=         auto | ADDRESS (default auto: a valid TLS block)
 *   parent_tid=, child_tid=, pidfd=
 *                auto | null | bad (default auto: a valid word;
 *                bad is an address that faults); pidfd= also takes
 *                parent_tid: the very word parent_tid points at
 *   set_tid=     comma-separated pids, innermost namespace first
 *                (set_tid_size is their count); or null | bad: the
 *                pointer is NULL or faults, and set_tid_size= gives the
 *                size (default 0)
 *   set_tid_size= the struct's set_tid_size, with set_tid=null|bad only
 *   cgroup=      none | new | removed | notcgroup | closed | huge |
 *                procs | opath | v1
 *                (new: a fresh cgroup2 directory, its fd in
 *                clone_args.cgroup; removed: one already rmdir'ed;
 *                notcgroup: an fd of "/"; closed: an fd number not open;
 *                huge: a value above INT_MAX; procs: an fd of the fresh
 *                directory's cgroup.procs file; opath: an O_PATH fd of
 *                the fresh directory; v1: the root of a cgroup v1
 *                hierarchy of no controller, mounted for the call in a
 *                mount namespace of the caller's own)
 *   child=       probe | exit:CODE | overflow | exec (default probe)
 *   as=          self | nobody (who calls: the test program's own
 *                credentials, or uid and gid 65534 without capabilities)
 *   nproc=       RLIMIT_NPROC soft limit of the caller during the call.
 *                RLIMIT_NPROC counts the user's tasks in its user
 *                namespace (since 5.14), so a caller the limit applies
 *                to (not uid 0) first enters a user namespace of its own,
 *                its uid and gid mapped to themselves, with no
 *                capability: there the count is its own tasks only
 *   fds=         free | full (full: no free fd below RLIMIT_NOFILE
 *                during the call)
 *
 * The caller's steps: what the process that makes the call does first,
 * in this order (after as=, before nproc= and fds=), each in the
 * throwaway caller, never in the test program:
 *
 *   userns=      none | mapped | unmapped: unshare(CLONE_NEWUSER);
 *                mapped: uid and gid 0 inside are the caller's own
 *                outside; unmapped: no map is written (the creator's uid
 *                has no mapping there).  Either way the caller holds
 *                every capability in it
 *   unshare=     CLONE_NEW* flags but CLONE_NEWUSER: unshare(2) of them
 *                (CLONE_NEWPID: pid_for_children is a fresh namespace
 *                with no init yet; CLONE_NEWTIME: time_for_children)
 *   pidns=       none | init | setns | dead: init: the caller is pid 1 of
 *                a new pid namespace (unshare, fork; /proc mounted anew);
 *                setns: setns(2) into a pid namespace made for the
 *                request, whose init lives; dead: the same, then its init
 *                exits and is reaped
 *   chroot=      no | yes: chroot(2) into a bind mount of / in a mount
 *                namespace of the caller's own (the root is then not the
 *                mount namespace's)
 *   ns_limit=    CLONE_NEW* flags: user.max_<type>_namespaces of each is
 *                set to 0 in the caller's own user namespace (needs
 *                userns=; the host's limits are never touched), after
 *                the steps above, which may make namespaces of the types
 *   drop=        capability names, '|'-separated (CAP_SYS_ADMIN|
 *                CAP_CHECKPOINT_RESTORE): dropped from the effective and
 *                permitted sets
 *
 * cc_request_print() (form/text.h) writes the canonical form: entry
 * point, then only the keys that differ from the defaults, in the order
 * above.  Parsing the printed text gives back an equal request.
 */
#ifndef CLONECHECK_REQUEST_H
#define CLONECHECK_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/flags.h"

enum cc_entry {
	CC_ENTRY_CLONE,		/* raw clone syscall */
	CC_ENTRY_CLONE3,	/* raw clone3 syscall */
	CC_ENTRY_LIBC,		/* the libc clone() wrapper */
	CC_ENTRY_FORK,		/* references: flags fixed by the libc */
	CC_ENTRY_VFORK,
	CC_ENTRY_POSIX_SPAWN,
	CC_ENTRY_PTHREAD,
	CC_ENTRY_COUNT
};

enum cc_stack_kind {
	CC_STACK_NONE,		/* NULL: the child runs on a copy of the parent's */
	CC_STACK_MMAP,		/* mmap with a PROT_NONE guard page below */
	CC_STACK_MALLOC,	/* malloc, no guard */
	CC_STACK_MISALIGNED,	/* mmap with guard, top 8 bytes off 16-byte alignment */
	CC_STACK_AT,		/* stack_addr as given: nothing is mapped */
	CC_STACK_KIND_COUNT
};

/* What a pointer argument (parent_tid, child_tid, pidfd) points at. */
enum cc_ptr_kind {
	CC_PTR_AUTO,		/* a valid word the probes read */
	CC_PTR_NULL,
	CC_PTR_BAD,		/* an address that faults */
	CC_PTR_PARENT_TID,	/* pidfd only: the parent_tid word itself */
	CC_PTR_KIND_COUNT
};

enum cc_child_action {
	CC_CHILD_PROBE,		/* run every probe, then exit 0 */
	CC_CHILD_EXIT,		/* exit at once with child_exit_code */
	CC_CHILD_OVERFLOW,	/* recurse until the stack overflows */
	CC_CHILD_EXEC,		/* exec the probe helper, which probes */
	CC_CHILD_ACTION_COUNT
};

enum cc_cgroup_kind {
	CC_CGROUP_NONE,		/* clone_args.cgroup = 0 */
	CC_CGROUP_NEW,		/* a fresh cgroup2 directory */
	CC_CGROUP_REMOVED,	/* a cgroup2 directory removed after open */
	CC_CGROUP_NOTCGROUP,	/* a directory outside cgroup2 ("/") */
	CC_CGROUP_CLOSED,	/* an fd number with nothing open */
	CC_CGROUP_HUGE,		/* a value above INT_MAX */
	CC_CGROUP_PROCS,	/* the fresh directory's cgroup.procs file */
	CC_CGROUP_OPATH,	/* the fresh directory, opened O_PATH */
	CC_CGROUP_V1,		/* a cgroup v1 directory */
	CC_CGROUP_KIND_COUNT
};

/* Who performs the call. */
enum cc_caller {
	CC_CALLER_SELF,		/* the test program's credentials */
	CC_CALLER_NOBODY,	/* uid and gid CC_NOBODY, no capabilities */
	CC_CALLER_COUNT
};

/* The caller's user-namespace step. */
enum cc_userns_step {
	CC_USERNS_NONE,
	CC_USERNS_MAPPED,	/* 0 inside is the caller's uid and gid */
	CC_USERNS_UNMAPPED,	/* no map written */
	CC_USERNS_STEP_COUNT
};

/* The caller's pid-namespace step. */
enum cc_pidns_step {
	CC_PIDNS_NONE,
	CC_PIDNS_INIT,		/* the caller is pid 1 of a new one */
	CC_PIDNS_SETNS,		/* setns into one whose init lives */
	CC_PIDNS_DEAD,		/* setns into one whose init has exited */
	CC_PIDNS_STEP_COUNT
};

/* The uid and gid of as=nobody and of the unprivileged contexts. */
#define CC_NOBODY 65534

#define CC_NPROC_UNCHANGED	UINT64_MAX

#define CC_CLONE_ARGS_SIZE_VER0	64
#define CC_CLONE_ARGS_SIZE_VER1	80
#define CC_CLONE_ARGS_SIZE_VER2	88
#define CC_TAIL_MAX		64
/*
 * One more than the kernel takes (MAX_PID_NS_LEVEL, 32), so that a
 * request can ask for too many.
 */
#define CC_SET_TID_MAX		33
#define CC_REQUEST_TEXT_MAX	2048

struct cc_request {
	enum cc_entry entry;
	uint64_t flags;
	uint64_t exit_signal;
	enum cc_stack_kind stack;
	uint64_t stack_size;
	uint64_t stack_addr;	/* CC_STACK_AT only; an offset when stack_from_top */
	bool stack_from_top;	/* stack_addr is top + (int64_t)stack_addr */
	uint32_t clone3_size;
	uint32_t tail_len;
	uint8_t tail[CC_TAIL_MAX];
	bool args_bad;		/* clone3's struct pointer faults */
	bool tls_explicit;	/* false: the engine supplies a valid block */
	uint64_t tls;		/* an offset when tls_from_top */
	bool tls_from_top;	/* tls is top + (int64_t)tls */
	enum cc_ptr_kind parent_tid;
	enum cc_ptr_kind child_tid;
	enum cc_ptr_kind pidfd;
	uint32_t set_tid_size;
	int32_t set_tid[CC_SET_TID_MAX];
	enum cc_ptr_kind set_tid_ptr;	/* auto (the list), null or bad */
	enum cc_cgroup_kind cgroup;
	enum cc_child_action child;
	int child_exit_code;
	enum cc_caller caller;
	uint64_t nproc;		/* CC_NPROC_UNCHANGED, or the soft limit */
	bool fds_full;

	/* the caller's steps, in the order it takes them */
	enum cc_userns_step userns;
	uint64_t unshare;	/* CLONE_NEW* flags unshared */
	enum cc_pidns_step pidns;
	bool chroot;
	uint64_t ns_limit;	/* CLONE_NEW* flags: max_*_namespaces set to 0 */
	uint64_t caps_drop;	/* capability bits dropped */
};

/* Whether the request has the caller take any step before the call. */
static inline bool cc_request_has_steps(const struct cc_request *req)
{
	return req->userns || req->ns_limit || req->unshare || req->pidns ||
	       req->chroot || req->caps_drop;
}

/*
 * Whether the request makes a namespace: by a CLONE_NEW* flag of the
 * call, or by a step of its caller (userns=, unshare=, pidns=).  The
 * benches' two classes: a launch that makes one pays for it, a bare
 * loop too.
 */
bool cc_request_makes_namespace(const struct cc_request *req);

/* Defaults: the given entry point, no flags, SIGCHLD, no stack, size 88. */
void cc_request_init(struct cc_request *req, enum cc_entry entry);

/* "clone3"; the entry point's word in the text form. */
extern const char *const cc_entry_names[CC_ENTRY_COUNT];
const char *cc_entry_name(enum cc_entry entry);

bool cc_request_equal(const struct cc_request *a, const struct cc_request *b);

/*
 * An address of the request as a kernel whose user address space ends
 * at top (TASK_SIZE_MAX) sees it.
 */
static inline uint64_t cc_request_address(uint64_t value, bool from_top,
					  uint64_t top)
{
	return from_top ? top + value : value;
}

#endif
