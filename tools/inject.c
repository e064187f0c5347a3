// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck-inject: a kernel that gets clone wrong, simulated.
 *
 *   clonecheck-inject [--under DIR] [--count FILE] [--log FILE]
 *                     [--leftovers FILE] FAULT -- COMMAND...
 *   clonecheck-inject --list
 *
 * Runs COMMAND under ptrace, follows every descendant, and at the entry of
 * each clone and clone3 call made by a program under DIR (default: the
 * build tree this binary sits in) applies FAULT; everything else (make,
 * the shell, other programs) runs unchanged.  A seccomp filter installed
 * before COMMAND starts stops the tracees at clone and clone3 only, so
 * tracing costs nothing elsewhere.
 *
 * A fault changes a call only where the model (spec/model.h) says the
 * kernel accepts both the call and the changed call, in the tracee's
 * own environment: it simulates a kernel that behaves wrongly, not a
 * caller that asks wrongly.  Plain fork()s and vfork()s (legacy clone
 * without a stack, vfork) are changed only by the faults that say so
 * (fork-exit-signal-none): they are the test harness's and the launch's
 * own, and a fault there breaks the fixture, not the case.
 *
 * For clone3 the changed fields are written into the tracee's struct
 * clone_args and put back when the call returns, so the caller's memory
 * reads as it wrote it.  A vfork is changed as the clone it is, and its
 * argument registers, where a libc's vfork keeps its return address,
 * are put back in the caller and in the child.  Signals and stops pass
 * through; the exit status is COMMAND's own; every tracee still alive
 * when COMMAND ends is killed and reaped, and --leftovers FILE names
 * them (one "pid comm" a line): what a run leaves behind is a fault of
 * the suite, which the mutation table reports.  The number of calls
 * changed goes to --count FILE and, as a sentence, to stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outcome/names.h"
#include "clone_filter.h"
#include "engine/machine.h"
#include "engine/sys.h"
#include "form/text.h"
#include "spec/flags.h"
#include "spec/model.h"
#include "tracee_regs.h"

enum fault_kind {
	FAULT_NONE,		/* change nothing: count the calls */
	FAULT_DROP,		/* clear a flag the call asked for */
	FAULT_ADD,		/* set a flag the call did not ask for */
	FAULT_EXIT_SIGNAL,	/* another exit signal than the one asked for */
	FAULT_NO_EXIT_SIGNAL,	/* no exit signal at all */
	FAULT_ERRNO,		/* refuse a call the kernel would accept */
	FAULT_NO_CLONE3,	/* control: clone3 answered ENOSYS, as a seccomp
				   profile or a kernel before 5.3 does */
	FAULT_PARENT_TID_TGID,	/* a thread's PARENT_SETTID word gets the tgid */
	FAULT_PIDFD_NO_CLOEXEC,	/* the pidfd comes without O_CLOEXEC */
};

/* What a fault is for, in --list: make mutation judges each by its kind. */
enum fault_class {
	CLASS_NONE,		/* changes nothing */
	CLASS_FAULT,		/* a kernel bug: some case must fail */
	CLASS_CONTROL,		/* a missing feature: no case may fail */
};

struct fault {
	const char *name;
	enum fault_kind kind;
	uint64_t flag;		/* DROP, ADD */
	int err;		/* ERRNO */
	const char *what;
	enum fault_class class;
	bool plain_forks;	/* the suite's own forks too */
};

#define DROP(lower, FLAG)						\
	{ .name = "drop-" lower, .kind = FAULT_DROP, .flag = CC_##FLAG,	\
	  .what = #FLAG " asked for, not applied", .class = CLASS_FAULT }
#define ADD(lower, FLAG)						\
	{ .name = "add-" lower, .kind = FAULT_ADD, .flag = CC_##FLAG,	\
	  .what = #FLAG " applied, not asked for", .class = CLASS_FAULT }

/*
 * Not here: CLONE_PTRACE (the injector traces every child anyway),
 * CLONE_UNTRACED and CLONE_DETACHED (the kernel ignores both, so dropping
 * them changes nothing a test could see).
 */
static const struct fault faults[] = {
	{ .name = "none", .kind = FAULT_NONE,
	  .what = "nothing changed: counts the calls", .class = CLASS_NONE },
	DROP("vm", CLONE_VM),
	DROP("fs", CLONE_FS),
	DROP("files", CLONE_FILES),
	DROP("sighand", CLONE_SIGHAND),
	DROP("thread", CLONE_THREAD),
	DROP("sysvsem", CLONE_SYSVSEM),
	DROP("io", CLONE_IO),
	DROP("parent", CLONE_PARENT),
	DROP("vfork", CLONE_VFORK),
	DROP("settls", CLONE_SETTLS),
	DROP("parent_settid", CLONE_PARENT_SETTID),
	DROP("child_settid", CLONE_CHILD_SETTID),
	DROP("child_cleartid", CLONE_CHILD_CLEARTID),
	DROP("pidfd", CLONE_PIDFD),
	DROP("clear_sighand", CLONE_CLEAR_SIGHAND),
	DROP("into_cgroup", CLONE_INTO_CGROUP),
	DROP("newns", CLONE_NEWNS),
	DROP("newpid", CLONE_NEWPID),
	DROP("newnet", CLONE_NEWNET),
	DROP("newuts", CLONE_NEWUTS),
	DROP("newipc", CLONE_NEWIPC),
	DROP("newuser", CLONE_NEWUSER),
	DROP("newcgroup", CLONE_NEWCGROUP),
	DROP("newtime", CLONE_NEWTIME),
	ADD("vm", CLONE_VM),
	ADD("fs", CLONE_FS),
	ADD("files", CLONE_FILES),
	ADD("sighand", CLONE_SIGHAND),
	ADD("thread", CLONE_THREAD),
	ADD("sysvsem", CLONE_SYSVSEM),
	ADD("io", CLONE_IO),
	{ .name = "exit-signal", .kind = FAULT_EXIT_SIGNAL,
	  .what = "SIGCHLD delivered as SIGUSR1, any other exit signal as SIGCHLD",
	  .class = CLASS_FAULT },
	{ .name = "exit-signal-none", .kind = FAULT_NO_EXIT_SIGNAL,
	  .what = "no exit signal for a child that asked for one",
	  .class = CLASS_FAULT },
	/*
	 * The suite's own forks too (the harness's, the launch's warden and
	 * caller, the context processes): every wait must still see them,
	 * and nothing may be left behind, whatever the cases then report.
	 */
	{ .name = "fork-exit-signal-none", .kind = FAULT_NO_EXIT_SIGNAL,
	  .what = "no exit signal for any child, the suite's own forks included",
	  .class = CLASS_FAULT, .plain_forks = true },
	{ .name = "fail-eagain", .kind = FAULT_ERRNO, .err = EAGAIN,
	  .what = "a valid call refused with EAGAIN", .class = CLASS_FAULT },
	{ .name = "fail-enomem", .kind = FAULT_ERRNO, .err = ENOMEM,
	  .what = "a valid call refused with ENOMEM", .class = CLASS_FAULT },
	{ .name = "fail-einval", .kind = FAULT_ERRNO, .err = EINVAL,
	  .what = "a valid call refused with EINVAL", .class = CLASS_FAULT },
	/*
	 * What the call returns, wrong after the call: written at its exit
	 * (the word), or changed by an fcntl the injector makes the caller
	 * run there (the pidfd's flag).
	 */
	{ .name = "parent-settid-tgid", .kind = FAULT_PARENT_TID_TGID,
	  .what = "a thread's PARENT_SETTID word holds its thread group's id, not its tid",
	  .class = CLASS_FAULT },
	{ .name = "pidfd-no-cloexec", .kind = FAULT_PIDFD_NO_CLOEXEC,
	  .what = "the pidfd of CLONE_PIDFD comes without O_CLOEXEC",
	  .class = CLASS_FAULT },
	{ .name = "clone3-enosys", .kind = FAULT_NO_CLONE3, .err = ENOSYS,
	  .what = "every clone3 answered ENOSYS (kernel < 5.3, seccomp)",
	  .class = CLASS_CONTROL },
};

#define NFAULTS (sizeof(faults) / sizeof(faults[0]))

/* One clone or clone3 call as the injector sees it. */
struct call {
	bool clone3;
	bool vfork;		/* a vfork, seen as the clone it is */
	uint64_t flags;		/* clone3: args.flags; clone: without CSIGNAL */
	uint64_t exit_signal;
	bool has_stack;
	uint64_t args_addr;	/* clone3 */
	uint64_t args_size;
	/* The rest of the call, as the model reads it. */
	struct cc_clone_args args;	/* clone3: what the tracee wrote */
	uint64_t legacy[5];		/* clone: its arguments */
	int32_t set_tid[CC_SET_TID_MAX];
	uint8_t tail[CC_TAIL_MAX];
	pid_t tid;
};

/* A clone3 struct changed in a tracee, to put back when the call returns. */
/*
 * What a changed call needs at its exit: its clone_args put back (len
 * bytes at addr), and the faults on what it returned.
 */
enum exit_phase {
	AT_CLONE_EXIT,		/* the changed call's own exit stop comes next */
	AT_FCNTL_ENTRY,		/* the injected fcntl's entry stop */
	AT_FCNTL_EXIT,		/* its exit stop: the call's registers back */
};

struct pending_restore {
	pid_t tid;
	uint64_t addr;
	struct cc_clone_args saved;
	size_t len;
	uint64_t tid_word;	/* PARENT_TID_TGID: the parent_tid word */
	uint64_t pidfd_word;	/* PIDFD_NO_CLOEXEC: where the pidfd is written */
	enum exit_phase phase;
	cc_tracee_regs regs;	/* the call's, during the injected fcntl */
	bool vfork;		/* a vfork made a clone: regs are its own */
};

static const struct fault *fault;
static char under[PATH_MAX];
static size_t under_len;
static FILE *log_file;
static FILE *leftovers_file;
static unsigned long calls_seen, calls_changed;
static struct pending_restore *pending;
static size_t npending, pending_cap;
static pid_t *tracees;			/* every tracee alive, to kill at the end */
static size_t ntracees, tracees_cap;

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	fprintf(stderr, "clonecheck-inject: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (saved && fmt[strlen(fmt) - 1] == ':')
		fprintf(stderr, " %s", CC_ERRNO(saved));
	fputc('\n', stderr);
	exit(125);
}

static enum cc_ptr_kind pointer_kind(uint64_t address)
{
	return address ? CC_PTR_AUTO : CC_PTR_NULL;
}

/*
 * The request the model reads for a traced call: its entry point,
 * flags, exit signal and every argument the tracee passed, taken as
 * valid where the model cannot know better (a non-NULL pointer points
 * at a word, a cgroup fd is a cgroup2 directory).
 */
static void call_request(const struct call *c, struct cc_request *req)
{
	const struct cc_clone_args *a = &c->args;
	uint32_t i;

	cc_request_init(req, c->clone3 ? CC_ENTRY_CLONE3 : CC_ENTRY_CLONE);
	req->flags = c->flags;
	req->exit_signal = c->exit_signal;
	req->tls_explicit = true;
	if (!c->clone3) {
		if (c->has_stack) {
			req->stack = CC_STACK_AT;
			req->stack_addr = c->legacy[CC_REGS_CLONE_STACK_ARG];
		}
		req->parent_tid = pointer_kind(c->legacy[CC_REGS_CLONE_PARENT_TID_ARG]);
		req->child_tid = pointer_kind(c->legacy[CC_REGS_CLONE_CHILD_TID_ARG]);
		req->tls = c->legacy[CC_REGS_CLONE_TLS_ARG];
		return;
	}
	req->clone3_size = (uint32_t)c->args_size;
	if (a->stack || a->stack_size) {
		req->stack = CC_STACK_AT;
		req->stack_addr = a->stack;
		req->stack_size = a->stack_size;
	}
	req->tls = a->tls;
	req->parent_tid = pointer_kind(a->parent_tid);
	req->child_tid = pointer_kind(a->child_tid);
	req->pidfd = a->pidfd && a->pidfd == a->parent_tid ? CC_PTR_PARENT_TID :
		     pointer_kind(a->pidfd);
	req->set_tid_size = a->set_tid_size < CC_SET_TID_MAX ?
			    (uint32_t)a->set_tid_size : CC_SET_TID_MAX;
	/* A pointer without a size, or a size without a pointer. */
	if (!a->set_tid != !a->set_tid_size)
		req->set_tid_ptr = a->set_tid ? CC_PTR_BAD : CC_PTR_NULL;
	for (i = 0; i < req->set_tid_size; i++)
		req->set_tid[i] = c->set_tid[i];
	if (c->args_size > sizeof(*a)) {
		req->tail_len = c->args_size - sizeof(*a) < CC_TAIL_MAX ?
				(uint32_t)(c->args_size - sizeof(*a)) : CC_TAIL_MAX;
		memcpy(req->tail, c->tail, req->tail_len);
	}
	if (c->flags & CC_CLONE_INTO_CGROUP)
		req->cgroup = a->cgroup > INT32_MAX ? CC_CGROUP_HUGE : CC_CGROUP_NEW;
}

/*
 * Whether the kernel accepts the call, as the model says it does for
 * the tracee; and a rule of the launcher's, not the kernel's: a child
 * that shares the memory must have a stack of its own, or it and its
 * caller run on one (but for a vfork, whose caller sleeps meanwhile).
 */
static bool kernel_accepts(const struct call *c, const struct cc_env *env)
{
	struct cc_prediction pred;
	struct cc_request req;

	if ((c->flags & CC_CLONE_VM) && !c->has_stack && !c->vfork)
		return false;
	call_request(c, &req);
	cc_model_predict(&req, env, &pred);
	return cc_outcome_child(&pred.outcome);
}

/* The changed call, or false when this fault leaves the call alone. */
static bool apply_fault(const struct call *in, struct call *out)
{
	struct cc_env env;

	*out = *in;
	switch (fault->kind) {
	case FAULT_NONE:
		return false;
	case FAULT_DROP:
		if (!(in->flags & fault->flag))
			return false;
		out->flags &= ~fault->flag;
		break;
	case FAULT_ADD:
		if (in->flags & fault->flag)
			return false;
		out->flags |= fault->flag;
		break;
	case FAULT_EXIT_SIGNAL:
		if (in->flags & CC_CLONE_THREAD)
			return false;	/* a thread has no exit signal */
		out->exit_signal = in->exit_signal == SIGCHLD ? SIGUSR1 : SIGCHLD;
		/* clone3 wants 0 with CLONE_PARENT: no other value is legal. */
		break;
	case FAULT_NO_EXIT_SIGNAL:
		if (!in->exit_signal)
			return false;
		out->exit_signal = 0;
		break;
	case FAULT_ERRNO:
		break;
	case FAULT_NO_CLONE3:
		return in->clone3;
	case FAULT_PARENT_TID_TGID:
		if ((in->flags & (CC_CLONE_THREAD | CC_CLONE_PARENT_SETTID)) !=
		    (CC_CLONE_THREAD | CC_CLONE_PARENT_SETTID))
			return false;
		break;
	case FAULT_PIDFD_NO_CLOEXEC:
		if (!(in->flags & CC_CLONE_PIDFD))
			return false;
		break;
	}
	cc_env_detect_pid(in->tid, &env);
	return kernel_accepts(in, &env) && kernel_accepts(out, &env);
}

static bool exe_is_under(pid_t tid)
{
	char link[64], exe[PATH_MAX];
	ssize_t len;

	snprintf(link, sizeof(link), "/proc/%d/exe", tid);
	len = readlink(link, exe, sizeof(exe) - 1);
	if (len < 0)
		return false;
	exe[len] = '\0';
	return (size_t)len > under_len && !strncmp(exe, under, under_len) &&
	       exe[under_len] == '/';
}

static int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };

	return process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -1;
}

/* POKEDATA, not process_vm_writev: it writes through read-only pages too. */
static int tracee_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	const uint8_t *src = buf;
	size_t done;

	for (done = 0; done < len; done += sizeof(long)) {
		long word;

		if (len - done < sizeof(long))
			return -1;	/* callers write whole words only */
		memcpy(&word, src + done, sizeof(word));
		if (ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)(addr + done),
			   (void *)word) < 0)
			return -1;
	}
	return 0;
}

/*
 * Exactly len bytes (a 32-bit word beside words the child may write at
 * once: no read-modify-write of a whole long).
 */
static int tracee_write_exact(pid_t tid, uint64_t addr, const void *buf,
			      size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };

	return process_vm_writev(tid, &local, 1, &remote, 1, 0) == (ssize_t)len ?
	       0 : -1;
}

static void remember_restore(pid_t tid, uint64_t addr,
			     const struct cc_clone_args *saved, size_t len)
{
	if (npending == pending_cap) {
		pending_cap = pending_cap ? 2 * pending_cap : 16;
		pending = realloc(pending, pending_cap * sizeof(*pending));
		if (!pending)
			die("out of memory");
	}
	pending[npending++] = (struct pending_restore){ .tid = tid, .addr = addr,
		.saved = *saved, .len = len };
}

/* The tgid of tid as its own pid namespace numbers it (NStgid's last). */
static int32_t tracee_tgid(pid_t tid)
{
	char path[64], line[256];
	int32_t tgid = tid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		char *last;

		if (strncmp(line, "NStgid:", 7))
			continue;
		last = strrchr(line, '\t');
		tgid = (int32_t)atoi(last ? last + 1 : line + 7);
		break;
	}
	if (f)
		fclose(f);
	return tgid;
}

/*
 * At a syscall stop of tid with something pending: the changed call's
 * exit (its clone_args back, the faults on what it returned), or the
 * fcntl injected there.  True while more stops are needed.
 */
static bool restore_pending(pid_t tid)
{
	struct pending_restore *p = NULL;
	cc_tracee_regs regs;
	int32_t value;
	size_t i;

	for (i = 0; i < npending && !p; i++)
		if (pending[i].tid == tid)
			p = &pending[i];
	if (!p)
		return false;
	switch (p->phase) {
	case AT_CLONE_EXIT:
		if (p->vfork) {
			/* The vfork's registers, but what it returned. */
			if (ptrace(PTRACE_GETREGS, tid, NULL, &regs) == 0) {
				cc_regs_restore_clone_args(&regs, &p->regs);
				ptrace(PTRACE_SETREGS, tid, NULL, &regs);
			}
			break;
		}
		if (p->len)
			tracee_write(tid, p->addr, &p->saved, p->len);
		if (ptrace(PTRACE_GETREGS, tid, NULL, &regs) < 0 ||
		    (long)cc_regs_return(&regs) <= 0)
			break;
		if (p->tid_word) {
			value = tracee_tgid(tid);
			tracee_write_exact(tid, p->tid_word, &value, sizeof(value));
		}
		if (p->pidfd_word &&
		    !tracee_read(tid, p->pidfd_word, &value, sizeof(value)) &&
		    value >= 0) {
			/* The caller runs fcntl(pidfd, F_SETFD, 0), then goes on. */
			p->regs = regs;
			cc_regs_rerun_syscall(&regs, CC_NR_fcntl, (uint64_t)value,
					      F_SETFD, 0);
			if (ptrace(PTRACE_SETREGS, tid, NULL, &regs) < 0)
				break;
			p->phase = AT_FCNTL_ENTRY;
			return true;
		}
		break;
	case AT_FCNTL_ENTRY:
		p->phase = AT_FCNTL_EXIT;
		return true;
	case AT_FCNTL_EXIT:
		ptrace(PTRACE_SETREGS, tid, NULL, &p->regs);
		break;
	}
	*p = pending[--npending];
	return false;
}

static bool has_pending(pid_t tid)
{
	size_t i;

	for (i = 0; i < npending; i++)
		if (pending[i].tid == tid)
			return true;
	return false;
}

static void forget_pending(pid_t tid)
{
	size_t i;

	for (i = 0; i < npending; i++)
		if (pending[i].tid == tid) {
			pending[i] = pending[--npending];
			return;
		}
}

/* Whether tid is new: seen now for the first time. */
static bool tracee_seen(pid_t tid)
{
	size_t i;

	for (i = 0; i < ntracees; i++)
		if (tracees[i] == tid)
			return false;
	if (ntracees == tracees_cap) {
		tracees_cap = tracees_cap ? 2 * tracees_cap : 64;
		tracees = realloc(tracees, tracees_cap * sizeof(*tracees));
		if (!tracees)
			die("out of memory");
	}
	tracees[ntracees++] = tid;
	return true;
}

/*
 * A new tracee, at its first stop, before it runs: the child of a vfork
 * made a clone gets the vfork's argument registers back, as its parent
 * does at the call's exit (restore_pending).  Its parent sleeps in the
 * call until the child exits or execs, so the parent's entry is there.
 */
static void vfork_child_regs(pid_t tid)
{
	char path[64], line[128];
	cc_tracee_regs regs;
	pid_t parent = 0;
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "PPid:", 5))
			parent = (pid_t)atoi(line + 5);
	if (f)
		fclose(f);
	for (i = 0; i < npending; i++)
		if (pending[i].tid == parent && pending[i].vfork &&
		    ptrace(PTRACE_GETREGS, tid, NULL, &regs) == 0) {
			cc_regs_restore_clone_args(&regs, &pending[i].regs);
			ptrace(PTRACE_SETREGS, tid, NULL, &regs);
			return;
		}
}

static void tracee_gone(pid_t tid)
{
	size_t i;

	for (i = 0; i < ntracees; i++)
		if (tracees[i] == tid) {
			tracees[i] = tracees[--ntracees];
			return;
		}
}

static void log_change(pid_t tid, const struct call *in, const struct call *out)
{
	char before[512], after[512];

	if (!log_file)
		return;
	cc_flags_print(before, sizeof(before), in->flags, in->exit_signal);
	cc_flags_print(after, sizeof(after), out->flags, out->exit_signal);
	fprintf(log_file, "%d %s %s -> %s%s%s\n", tid,
		in->clone3 ? "clone3" : in->vfork ? "vfork" : "clone", before,
		fault->kind == FAULT_ERRNO || fault->kind == FAULT_NO_CLONE3 ?
			"-" : after,
		fault->err ? " errno=" : "",
		fault->err ? CC_ERRNO(fault->err) : "");
	fflush(log_file);
}

/*
 * A tracee stopped at the entry of clone or clone3.  Returns true when the
 * call was changed so that its syscall-exit stop must be seen (to put a
 * clone3 struct back).
 */
static bool on_clone_entry(pid_t tid)
{
	cc_tracee_regs regs;
	struct call in = { 0 }, out;
	struct cc_clone_args args = { 0 }, saved;
	long nr;

	if (ptrace(PTRACE_GETREGS, tid, NULL, &regs) < 0)
		return false;
	nr = cc_regs_syscall(&regs);
	if (nr != CC_NR_clone && nr != CC_NR_clone3 && nr != CC_NR_vfork)
		return false;
	if (!exe_is_under(tid))
		return false;
	calls_seen++;

	in.tid = tid;
	if (nr == CC_NR_clone3) {
		in.clone3 = true;
		in.args_addr = cc_regs_arg(&regs, 0);
		in.args_size = cc_regs_arg(&regs, 1);
		/* A struct the kernel would refuse to read is left alone... */
		if (in.args_size < 64 ||
		    tracee_read(tid, in.args_addr, &args,
				in.args_size < sizeof(args) ? in.args_size : sizeof(args))) {
			/* ...except by the control, which refuses every clone3. */
			if (fault->kind != FAULT_NO_CLONE3)
				return false;
		}
		in.flags = args.flags;
		in.exit_signal = args.exit_signal;
		in.has_stack = args.stack != 0;
		in.args = args;
		/* What the model reads of set_tid and the tail: unreadable is zero. */
		if (in.args_size >= 80 && args.set_tid && args.set_tid_size &&
		    args.set_tid_size <= CC_SET_TID_MAX)
			tracee_read(tid, args.set_tid, in.set_tid,
				    args.set_tid_size * sizeof(in.set_tid[0]));
		if (in.args_size > sizeof(args))
			tracee_read(tid, in.args_addr + sizeof(args), in.tail,
				    in.args_size - sizeof(args) < CC_TAIL_MAX ?
				    in.args_size - sizeof(args) : CC_TAIL_MAX);
	} else if (nr == CC_NR_vfork) {
		/* Traced only for plain_forks (clone_filter.h). */
		in.vfork = true;
		in.flags = CC_CLONE_VM | CC_CLONE_VFORK;
		in.exit_signal = SIGCHLD;
	} else {
		uint64_t word = cc_regs_arg(&regs, 0);
		int i;

		in.flags = word & ~CC_CSIGNAL & 0xffffffffULL;
		in.exit_signal = word & CC_CSIGNAL;
		in.has_stack = cc_regs_arg(&regs, CC_REGS_CLONE_STACK_ARG) != 0;
		for (i = 0; i < 5; i++)
			in.legacy[i] = cc_regs_arg(&regs, i);
	}
	/*
	 * Plain fork(): the harness's and the launch's own.  The filter
	 * lets them pass untraced (clone_filter.h); the check stays so
	 * that what is changed does not rest on the filter alone.
	 */
	if (!in.clone3 && !in.has_stack && !fault->plain_forks)
		return false;
	if (!apply_fault(&in, &out))
		return false;

	calls_changed++;
	log_change(tid, &in, &out);
	if (fault->kind == FAULT_ERRNO || fault->kind == FAULT_NO_CLONE3) {
		cc_regs_skip_syscall(&regs, -fault->err);
		/* A tracee killed meanwhile (SIGKILL of its group) is no error. */
		if (ptrace(PTRACE_SETREGS, tid, NULL, &regs) < 0 && errno != ESRCH)
			die("PTRACE_SETREGS on %d:", tid);
		return false;
	}
	if (fault->kind == FAULT_PARENT_TID_TGID ||
	    fault->kind == FAULT_PIDFD_NO_CLOEXEC) {
		/* The call stays; what it returns is changed at its exit. */
		uint64_t word = in.clone3 ? in.args.parent_tid :
				in.legacy[CC_REGS_CLONE_PARENT_TID_ARG];

		remember_restore(tid, 0, &args, 0);
		if (fault->kind == FAULT_PARENT_TID_TGID)
			pending[npending - 1].tid_word = word;
		else	/* legacy clone returns the pidfd through parent_tid */
			pending[npending - 1].pidfd_word =
				in.clone3 ? in.args.pidfd : word;
		return true;
	}
	if (!in.clone3) {
		cc_tracee_regs vfork_regs = regs;

		/* vfork has no flags to change: it becomes the clone it is. */
		if (in.vfork)
			cc_regs_make_clone(&regs, out.flags | out.exit_signal);
		else
			cc_regs_set_arg0(&regs, out.flags | out.exit_signal);
		/* A tracee killed meanwhile (SIGKILL of its group) is no error. */
		if (ptrace(PTRACE_SETREGS, tid, NULL, &regs) < 0 && errno != ESRCH)
			die("PTRACE_SETREGS on %d:", tid);
		if (!in.vfork)
			return false;
		/* Its registers back in the caller and the child after. */
		remember_restore(tid, 0, &args, 0);
		pending[npending - 1].vfork = true;
		pending[npending - 1].regs = vfork_regs;
		return true;
	}
	/* flags (offset 0) through exit_signal (offset 32): whole words. */
	saved = args;
	args.flags = out.flags;
	args.exit_signal = out.exit_signal;
	if (tracee_write(tid, in.args_addr, &args,
			 offsetof(struct cc_clone_args, stack))) {
		if (errno == ESRCH)
			return false;	/* killed meanwhile */
		die("cannot write clone_args of %d at %#llx", tid,
		    (unsigned long long)in.args_addr);
	}
	remember_restore(tid, in.args_addr, &saved,
			 offsetof(struct cc_clone_args, stack));
	return true;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: clonecheck-inject [--under DIR] [--count FILE] [--log FILE]\n"
		"                         [--leftovers FILE] FAULT -- COMMAND...\n"
		"       clonecheck-inject --list\n");
}

/* One a line: name, class (none, fault, control), what it does. */
static void list_faults(void)
{
	static const char *const class_names[] = {
		[CLASS_NONE] = "none", [CLASS_FAULT] = "fault",
		[CLASS_CONTROL] = "control",
	};
	size_t i;

	for (i = 0; i < NFAULTS; i++)
		printf("%-22s %-8s %s\n", faults[i].name,
		       class_names[faults[i].class], faults[i].what);
}

static const struct fault *fault_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < NFAULTS; i++)
		if (!strcmp(faults[i].name, name))
			return &faults[i];
	return NULL;
}

/* The build tree: the directory above this binary's bin/. */
static void default_under(void)
{
	char self[PATH_MAX], *slash;
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int i;

	if (len < 0)
		die("readlink /proc/self/exe:");
	self[len] = '\0';
	for (i = 0; i < 2; i++) {
		slash = strrchr(self, '/');
		if (!slash || slash == self)
			die("cannot tell the build tree from %s; pass --under", self);
		*slash = '\0';
	}
	snprintf(under, sizeof(under), "%s", self);
}

static pid_t start_command(char **argv)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		die("fork:");
	if (pid == 0) {
		if (install_clone_filter(SECCOMP_RET_TRACE, SECCOMP_RET_TRACE,
					 fault->plain_forks))
			die("installing the seccomp filter:");
		/* Wait here until the tracer has seized us. */
		raise(SIGSTOP);
		execvp(argv[0], argv);
		fprintf(stderr, "clonecheck-inject: cannot run %s: %s\n",
			argv[0], CC_ERRNO(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, WSTOPPED) != pid || !WIFSTOPPED(status))
		die("%s did not stop before exec", argv[0]);
	if (ptrace(PTRACE_SEIZE, pid, NULL,
		   (void *)(long)(PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK |
				  PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
				  PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD |
				  PTRACE_O_EXITKILL)) < 0)
		die("PTRACE_SEIZE:");
	kill(pid, SIGCONT);
	return pid;
}

/*
 * Restart a stopped tracee; it may have been killed meanwhile.  A tracee
 * whose clone3 struct is to be put back runs to its next syscall stop
 * (the exit of that clone3), through any fork event or signal on the way.
 * how is an int: glibc types the request as an enum, musl as an int.
 */
static void resume(pid_t tid, int how, int sig)
{
	if (how == PTRACE_CONT && has_pending(tid))
		how = PTRACE_SYSCALL;
	if (ptrace(how, tid, NULL, (void *)(long)sig) < 0 && errno != ESRCH)
		die("restarting %d:", tid);
}

/* A tracee still alive when the command ended, on --leftovers. */
static void name_leftover(pid_t tid)
{
	char path[64], comm[64] = "?";
	FILE *f;

	if (!leftovers_file)
		return;
	snprintf(path, sizeof(path), "/proc/%d/comm", tid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	fprintf(leftovers_file, "%d %s\n", tid, comm);
	fflush(leftovers_file);
}

/* Runs until no tracee is left; returns the top command's wait status. */
static int trace_all(pid_t top)
{
	int top_status = 0;
	bool top_done = false;

	for (;;) {
		int status, sig, event;
		pid_t tid = waitpid(-1, &status, __WALL);

		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			die("waitpid:");
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			size_t i;

			forget_pending(tid);
			tracee_gone(tid);
			if (tid == top) {
				top_status = status;
				top_done = true;
				/* What outlives the command is named, killed, reaped. */
				for (i = 0; i < ntracees; i++) {
					name_leftover(tracees[i]);
					kill(tracees[i], SIGKILL);
				}
			}
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		sig = WSTOPSIG(status);
		event = (unsigned int)status >> 16;
		if (tracee_seen(tid))
			vfork_child_regs(tid);

		if (top_done) {
			kill(tid, SIGKILL);
			resume(tid, PTRACE_CONT, 0);
			continue;
		}
		switch (event) {
		case PTRACE_EVENT_SECCOMP:
			resume(tid, on_clone_entry(tid) ? PTRACE_SYSCALL : PTRACE_CONT, 0);
			break;
		case PTRACE_EVENT_STOP:
			/* Group-stop: stay stopped until SIGCONT, as untraced. */
			if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
			    sig == SIGTTOU)
				resume(tid, PTRACE_LISTEN, 0);
			else
				resume(tid, PTRACE_CONT, 0);
			break;
		case PTRACE_EVENT_FORK:
		case PTRACE_EVENT_VFORK:
		case PTRACE_EVENT_CLONE:
		case PTRACE_EVENT_EXEC:
		case PTRACE_EVENT_VFORK_DONE:
			resume(tid, PTRACE_CONT, 0);
			break;
		case 0:
			if (sig == (SIGTRAP | 0x80)) {
				/* The exit of a changed call, or our fcntl's stops. */
				resume(tid, restore_pending(tid) ? PTRACE_SYSCALL :
								   PTRACE_CONT, 0);
			} else {
				/* A signal on its way: deliver it. */
				resume(tid, PTRACE_CONT, sig);
			}
			break;
		default:
			resume(tid, PTRACE_CONT, 0);
			break;
		}
	}
	return top_status;
}

int main(int argc, char **argv)
{
	const char *count_path = NULL;
	int i, status;
	pid_t top;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			list_faults();
			return 0;
		} else if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--under") && i + 1 < argc) {
			if (!realpath(argv[++i], under))
				die("--under %s:", argv[i]);
		} else if (!strcmp(argv[i], "--count") && i + 1 < argc) {
			count_path = argv[++i];
		} else if (!strcmp(argv[i], "--leftovers") && i + 1 < argc) {
			leftovers_file = fopen(argv[++i], "w");
			if (!leftovers_file)
				die("--leftovers %s:", argv[i]);
		} else if (!strcmp(argv[i], "--log") && i + 1 < argc) {
			log_file = fopen(argv[++i], "w");
			if (!log_file)
				die("--log %s:", argv[i]);
		} else if (argv[i][0] == '-') {
			usage(stderr);
			die("unknown option %s", argv[i]);
		} else {
			break;
		}
	}
	if (i + 2 >= argc || strcmp(argv[i + 1], "--")) {
		usage(stderr);
		die("need a FAULT, then --, then a command");
	}
	fault = fault_by_name(argv[i]);
	if (!fault)
		die("no fault named \"%s\" (clonecheck-inject --list names them)",
		    argv[i]);
	if (!under[0])
		default_under();
	under_len = strlen(under);

	/* Orphans of the command come to us, so none is left behind. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1))
		die("PR_SET_CHILD_SUBREAPER:");
	top = start_command(argv + i + 2);
	status = trace_all(top);

	fprintf(stderr, "clonecheck-inject: %s: changed %lu of %lu clone calls under %s%s\n",
		fault->name, calls_changed, calls_seen, under,
		fault->plain_forks ? "" : " (plain forks not counted)");
	if (count_path) {
		FILE *f = fopen(count_path, "w");

		if (!f || fprintf(f, "%lu\n", calls_changed) < 0 || fclose(f))
			die("writing %s:", count_path);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
