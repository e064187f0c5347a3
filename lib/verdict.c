// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "verdict.h"

static const struct {
	int err;
	const char *name;
} errno_names[] = {
	{ EPERM, "EPERM" },	{ ENOENT, "ENOENT" },	{ ESRCH, "ESRCH" },
	{ EINTR, "EINTR" },	{ E2BIG, "E2BIG" },	{ EBADF, "EBADF" },
	{ ECHILD, "ECHILD" },	{ EAGAIN, "EAGAIN" },	{ ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" },	{ EFAULT, "EFAULT" },	{ EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" },	{ EINVAL, "EINVAL" },	{ EMFILE, "EMFILE" },
	{ ENOSPC, "ENOSPC" },	{ ENOSYS, "ENOSYS" },	{ EUSERS, "EUSERS" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
};

const char *cc_errno_name(int err, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (errno_names[i].err == err)
			return errno_names[i].name;
	snprintf(buf, len, "errno %d", err);
	return buf;
}

static const char *signal_text(uint64_t sig, char *buf, size_t len)
{
	if (!sig)
		return "no signal";
	return cc_signal_name(sig, buf, len);
}

bool cc_verdict_ret(const struct cc_expect *exp,
		    const struct cc_observation *obs, char *msg, size_t len)
{
	char a[32], b[32];

	if (exp->ret == 0 && obs->ret > 0)
		return true;
	if (exp->ret < 0 && obs->ret == exp->ret)
		return true;
	if (exp->ret == 0)
		snprintf(msg, len,
			 "expected the call to create a child, but it failed with %s",
			 cc_errno_name((int)-obs->ret, a, sizeof(a)));
	else if (obs->ret > 0)
		snprintf(msg, len,
			 "expected %s, but the call succeeded (child %lld)",
			 cc_errno_name((int)-exp->ret, a, sizeof(a)),
			 (long long)obs->ret);
	else
		snprintf(msg, len, "expected %s, but the call failed with %s",
			 cc_errno_name((int)-exp->ret, a, sizeof(a)),
			 cc_errno_name((int)-obs->ret, b, sizeof(b)));
	return false;
}

/* What the caller saw for a property, as a sentence, true or false. */
static void describe(const struct cc_observation *obs, enum cc_prop prop,
		     bool seen, char *out, size_t len)
{
	const struct cc_child_report *rep = &obs->child;

	switch (prop) {
	case CC_PROP_MEMORY:
		snprintf(out, len, seen ?
			 "the child's write to the caller's private memory is visible in the caller" :
			 "the child's write to the caller's memory is not visible in the caller");
		break;
	case CC_PROP_FILES:
		snprintf(out, len, seen ?
			 "fd %d opened by the child is open in the caller" :
			 "fd %d opened by the child is not open in the caller",
			 obs->fd_slot);
		break;
	case CC_PROP_FS_UMASK:
		snprintf(out, len, seen ?
			 "the umask 0%o set by the child is the caller's" :
			 "the caller's umask is 0%o, not 0%o as set by the child",
			 obs->umask_after, obs->umask_child);
		break;
	case CC_PROP_FS_CWD:
		snprintf(out, len, seen ?
			 "the child's chdir to %s moved the caller too" :
			 "the caller's cwd is %s, not %s where the child went",
			 seen ? obs->cwd_child : obs->cwd_after, obs->cwd_child);
		break;
	case CC_PROP_SIGHAND:
		snprintf(out, len, seen ?
			 "SIG_IGN set by the child for signal 40 is the caller's disposition" :
			 "the caller's disposition of signal 40 is 0x%llx, not SIG_IGN as set by the child",
			 (unsigned long long)obs->sighand_after);
		break;
	case CC_PROP_THREAD_GROUP:
		snprintf(out, len, seen ?
			 "the child is in the caller's thread group (tgid %d)" :
			 "the child's tgid is %d, the caller's %d",
			 rep->tgid, obs->parent_pid);
		break;
	case CC_PROP_PARENT:
		snprintf(out, len, seen ?
			 "the child's parent is the caller's parent %d" :
			 "the child's parent is %d, not the caller's parent %d",
			 rep->ppid, obs->parent_ppid);
		break;
	case CC_PROP_SYSVSEM:
		snprintf(out, len, seen ?
			 "the child's SEM_UNDO adjustment survived its exit (semval %d)" :
			 "the child's SEM_UNDO adjustment was undone at its exit (semval %d)",
			 obs->semval);
		break;
	case CC_PROP_TLS:
		snprintf(out, len, seen ?
			 "the child's TLS base is the tls argument 0x%llx" :
			 "the child's TLS base is 0x%llx, not the tls argument 0x%llx",
			 (unsigned long long)rep->tls,
			 (unsigned long long)obs->tls_requested);
		break;
	case CC_PROP_PARENT_TID:
		snprintf(out, len, seen ?
			 "the parent_tid word holds the child's tid %d" :
			 "the parent_tid word holds %d, not the child's tid %lld (as the caller numbers it)",
			 obs->parent_tid_word, (long long)obs->ret);
		break;
	case CC_PROP_CHILD_TID:
		snprintf(out, len, seen ?
			 "the child_tid word held the child's tid %d when it started" :
			 "the child_tid word held %d, not the child's tid %d, when the child started",
			 rep->child_tid_word_at_start, rep->tid);
		break;
	case CC_PROP_CLEAR_TID:
		if (seen)
			snprintf(out, len,
				 "the child_tid word was zeroed at the child's exit%s",
				 obs->cleartid_woken ? " and the waiter woken" : "");
		else
			snprintf(out, len,
				 "the child_tid word is %d after the child's exit%s",
				 obs->child_tid_word_after,
				 obs->cleartid_woken ? " (waiter woken)" : "");
		break;
	case CC_PROP_PIDFD:
		snprintf(out, len, seen ?
			 "pidfd %d refers to the child (fdinfo Pid %d, signal 0 delivered)" :
			 "no pidfd refers to the child (pidfd word %d, fdinfo Pid %d, pidfd_send_signal %d)",
			 obs->pidfd, obs->pidfd_pid, obs->pidfd_signal);
		break;
	case CC_PROP_VFORK:
		snprintf(out, len, seen ?
			 "the caller stayed suspended while the child ran" :
			 "the caller returned while the child was still running");
		break;
	case CC_PROP_CLEAR_SIGHAND:
		snprintf(out, len, seen ?
			 "the child saw the caller's SIGUSR1 handler reset to SIG_DFL" :
			 "the child inherited the caller's SIGUSR1 handler (0x%llx)",
			 (unsigned long long)rep->handler_seen);
		break;
	case CC_PROP_OWN_STACK:
		snprintf(out, len, seen ?
			 "the child started on its own stack (sp 0x%llx)" :
			 "the child started on the caller's stack (sp 0x%llx, caller's 0x%llx, requested 0x%llx-0x%llx)",
			 (unsigned long long)rep->initial_sp,
			 (unsigned long long)obs->parent_sp,
			 (unsigned long long)obs->stack_lo,
			 (unsigned long long)obs->stack_hi);
		break;
	case CC_PROP_IO:
		snprintf(out, len, seen ?
			 "the I/O priority the child set (0x%x) is the caller's" :
			 "the caller's I/O priority is 0x%x, not the child's 0x%x",
			 seen ? obs->ioprio_child : obs->ioprio_after,
			 obs->ioprio_child);
		break;
	case CC_PROP_NS_MNT:
	case CC_PROP_NS_PID:
	case CC_PROP_NS_NET:
	case CC_PROP_NS_UTS:
	case CC_PROP_NS_IPC:
	case CC_PROP_NS_USER:
	case CC_PROP_NS_CGROUP:
	case CC_PROP_NS_TIME:
		snprintf(out, len, seen ?
			 "the child's %s namespace is a new one (inode %llu)" :
			 "the child's %s namespace is the caller's (inode %llu)",
			 cc_ns_names[prop - CC_PROP_NS_MNT],
			 (unsigned long long)rep->ns_inode[prop - CC_PROP_NS_MNT]);
		break;
	case CC_PROP_CGROUP:
		snprintf(out, len, seen ? "the child started in %s" :
			 "the child started in \"%s\", not \"%s\"",
			 seen ? obs->cgroup_expected : rep->cgroup,
			 obs->cgroup_expected);
		break;
	default:
		snprintf(out, len, "unknown property %d", prop);
	}
}

bool cc_verdict_prop(const struct cc_request *req, const struct cc_expect *exp,
		     const struct cc_observation *obs, enum cc_prop prop,
		     char *msg, size_t len)
{
	bool want = exp->props & (1u << prop);
	bool seen = obs->props & (1u << prop);
	const char *flag = cc_prop_flag(prop);
	const struct cc_flag *f;
	char what[300];

	if (!(obs->measured & (1u << prop))) {
		snprintf(msg, len, "%s was not measured: %s", cc_prop_name(prop),
			 obs->ret > 0 ? "the child did not reach its probes" :
					"no child was created");
		return false;
	}
	if (want == seen)
		return true;
	describe(obs, prop, seen, what, sizeof(what));
	f = cc_flag_by_name(flag, strlen(flag));
	if (f && req && req->entry <= CC_ENTRY_LIBC)
		snprintf(msg, len, "%s %s, but %s", flag,
			 req->flags & f->bit ? "requested" : "not requested",
			 what);
	else
		snprintf(msg, len, "%s: expected %s %s, but %s",
			 req ? cc_entry_name(req->entry) : "?", cc_prop_name(prop),
			 want ? "on" : "off", what);
	return false;
}

static const char *child_step_names[] = {
	"none", "reading sigactions", "reading /proc/self/cgroup", "chdir",
	"dup3", "setting SIG_IGN", "semop", "reading the caller's state",
	"exec of the probe helper", "ioprio_set",
};

static void describe_exit(enum cc_exit_kind kind, int value, char *out,
			  size_t len)
{
	char sig[32];

	switch (kind) {
	case CC_EXIT_CODE:
		if (value > 100 && value - 100 <
		    (int)(sizeof(child_step_names) / sizeof(child_step_names[0])))
			snprintf(out, len, "exited with %d (probe step \"%s\" failed)",
				 value, child_step_names[value - 100]);
		else
			snprintf(out, len, "exited with status %d", value);
		break;
	case CC_EXIT_SIGNAL:
		snprintf(out, len, "was killed by %s",
			 cc_signal_name((uint64_t)value, sig, sizeof(sig)));
		break;
	case CC_EXIT_THREAD:
		snprintf(out, len, "ran to its end as a thread");
		break;
	case CC_EXIT_NONE:
		snprintf(out, len, "was never created");
		break;
	default:
		snprintf(out, len, "vanished without finishing its probes");
	}
}

bool cc_verdict_exit(const struct cc_expect *exp,
		     const struct cc_observation *obs, char *msg, size_t len)
{
	char want[96], seen[96];

	if (exp->exit_kind == obs->exit_kind &&
	    (exp->exit_kind == CC_EXIT_THREAD || exp->exit_kind == CC_EXIT_NONE ||
	     exp->exit_value == obs->exit_value))
		return true;
	describe_exit(exp->exit_kind, exp->exit_value, want, sizeof(want));
	describe_exit(obs->exit_kind, obs->exit_value, seen, sizeof(seen));
	if (obs->child.failed_step) {
		char e[32];

		snprintf(msg, len,
			 "expected the child to have %s, but it %s; errno %s",
			 want, seen,
			 cc_errno_name(obs->child.failed_errno, e, sizeof(e)));
	} else {
		snprintf(msg, len, "expected the child to have %s, but it %s",
			 want, seen);
	}
	return false;
}

bool cc_verdict_exit_signal(const struct cc_expect *exp,
			    const struct cc_observation *obs, char *msg,
			    size_t len)
{
	char a[32], b[32];

	if (exp->exit_signal == obs->exit_signal)
		return true;
	snprintf(msg, len,
		 "expected %s when the child ended, but the parent got %s",
		 signal_text(exp->exit_signal, a, sizeof(a)),
		 signal_text(obs->exit_signal, b, sizeof(b)));
	return false;
}

static void append(char *buf, size_t len, size_t *used, const char *line)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s\n", line);
	if (n > 0)
		*used += (size_t)n;
}

int cc_verdict(const struct cc_request *req, const struct cc_expect *exp,
	       const struct cc_observation *obs, char *buf, size_t len)
{
	char msg[400];
	size_t used = 0;
	int differences = 0;
	int prop;

	if (len)
		buf[0] = '\0';
	if (!cc_verdict_ret(exp, obs, msg, sizeof(msg))) {
		append(buf, len, &used, msg);
		return 1;	/* nothing else is comparable */
	}
	if (exp->ret < 0)
		return 0;
	if (!cc_verdict_exit(exp, obs, msg, sizeof(msg)))
		differences++, append(buf, len, &used, msg);
	if (!cc_verdict_exit_signal(exp, obs, msg, sizeof(msg)))
		differences++, append(buf, len, &used, msg);
	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		if (!(obs->measured & (1u << prop)) &&
		    !(exp->props & (1u << prop)))
			continue;
		if (!cc_verdict_prop(req, exp, obs, prop, msg, sizeof(msg)))
			differences++, append(buf, len, &used, msg);
	}
	return differences;
}
