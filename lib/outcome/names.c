// SPDX-License-Identifier: GPL-2.0
/*
 * Errno and signal names; see names.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "outcome/names.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Every errno a clone, its setup or its probes can give. */
static const char *const errno_names[] = {
	[EPERM] = "EPERM",		[ENOENT] = "ENOENT",
	[ESRCH] = "ESRCH",		[EINTR] = "EINTR",
	[EIO] = "EIO",			[ENXIO] = "ENXIO",
	[E2BIG] = "E2BIG",		[ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF",		[ECHILD] = "ECHILD",
	[EAGAIN] = "EAGAIN",		[ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES",		[EFAULT] = "EFAULT",
	[EBUSY] = "EBUSY",		[EEXIST] = "EEXIST",
	[EXDEV] = "EXDEV",		[ENODEV] = "ENODEV",
	[ENOTDIR] = "ENOTDIR",		[EISDIR] = "EISDIR",
	[EINVAL] = "EINVAL",		[ENFILE] = "ENFILE",
	[EMFILE] = "EMFILE",		[ENOTTY] = "ENOTTY",
	[ETXTBSY] = "ETXTBSY",		[EFBIG] = "EFBIG",
	[ENOSPC] = "ENOSPC",		[ESPIPE] = "ESPIPE",
	[EROFS] = "EROFS",		[EMLINK] = "EMLINK",
	[EPIPE] = "EPIPE",		[ERANGE] = "ERANGE",
	[EDEADLK] = "EDEADLK",		[ENAMETOOLONG] = "ENAMETOOLONG",
	[ENOSYS] = "ENOSYS",		[ENOTEMPTY] = "ENOTEMPTY",
	[ELOOP] = "ELOOP",		[ENOMSG] = "ENOMSG",
	[EIDRM] = "EIDRM",		[EOVERFLOW] = "EOVERFLOW",
	[EUSERS] = "EUSERS",		[ENOTSOCK] = "ENOTSOCK",
	[EPROTONOSUPPORT] = "EPROTONOSUPPORT",
	[EOPNOTSUPP] = "EOPNOTSUPP",	[EAFNOSUPPORT] = "EAFNOSUPPORT",
	[EADDRINUSE] = "EADDRINUSE",	[ENETDOWN] = "ENETDOWN",
	[ETIMEDOUT] = "ETIMEDOUT",	[ECONNREFUSED] = "ECONNREFUSED",
	[ESTALE] = "ESTALE",		[EDQUOT] = "EDQUOT",
	[ECANCELED] = "ECANCELED",	[EOWNERDEAD] = "EOWNERDEAD",
};

const char *cc_errno_name(int err, char *buf, size_t len)
{
	if (err > 0 && (size_t)err < ARRAY_SIZE(errno_names) &&
	    errno_names[err])
		return errno_names[err];
	if (cc_err_caller_signal(err)) {
		char sig[16];

		snprintf(buf, len, "caller killed by %s",
			 cc_signal_name(cc_err_caller_signal(err), sig, sizeof(sig)));
		return buf;
	}
	snprintf(buf, len, "errno %d", err);
	return buf;
}

/* x86-64 numbering, the names strace prints. */
const char *const cc_signal_names[] = {
	[1] = "SIGHUP",		[2] = "SIGINT",		[3] = "SIGQUIT",
	[4] = "SIGILL",		[5] = "SIGTRAP",	[6] = "SIGABRT",
	[7] = "SIGBUS",		[8] = "SIGFPE",		[9] = "SIGKILL",
	[10] = "SIGUSR1",	[11] = "SIGSEGV",	[12] = "SIGUSR2",
	[13] = "SIGPIPE",	[14] = "SIGALRM",	[15] = "SIGTERM",
	[16] = "SIGSTKFLT",	[17] = "SIGCHLD",	[18] = "SIGCONT",
	[19] = "SIGSTOP",	[20] = "SIGTSTP",	[21] = "SIGTTIN",
	[22] = "SIGTTOU",	[23] = "SIGURG",	[24] = "SIGXCPU",
	[25] = "SIGXFSZ",	[26] = "SIGVTALRM",	[27] = "SIGPROF",
	[28] = "SIGWINCH",	[29] = "SIGIO",		[30] = "SIGPWR",
	[31] = "SIGSYS",
};

const size_t cc_signal_name_count = ARRAY_SIZE(cc_signal_names);

const char *cc_signal_name(uint64_t sig, char *buf, size_t len)
{
	if (sig < ARRAY_SIZE(cc_signal_names) && cc_signal_names[sig])
		snprintf(buf, len, "%s", cc_signal_names[sig]);
	else if (sig >= CC_SIGRT_FIRST && sig <= CC_SIGRT_LAST)
		snprintf(buf, len, "SIGRT_%" PRIu64, sig - CC_SIGRT_FIRST);
	else
		snprintf(buf, len, "%" PRIu64, sig);
	return buf;
}

/* linux/capability.h's numbering, 0 to CAP_LAST_CAP of 6.x. */
const char *const cc_cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};
const size_t cc_cap_count = sizeof(cc_cap_names) / sizeof(cc_cap_names[0]);
