/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names every report uses for numbers: errnos ("EINVAL") and
 * signals ("SIGCHLD", "SIGRT_3"), as strace prints them.  A result says
 * an errno by its name, never by the C library's sentence for it, so
 * results read the same under every libc and locale.
 *
 * Constant tables and caller buffers only: no allocation, no state.
 */
#ifndef CLONECHECK_OUTCOME_NAMES_H
#define CLONECHECK_OUTCOME_NAMES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Not an errno: a call that never returned because a signal killed the
 * caller first (musl's clone() before 1.2.5 writes below a NULL stack).
 * CC_ERR_CALLER_KILLED + the signal stands where an errno would: a
 * refusal of a kind, so it makes no child and compares as a whole.
 */
#define CC_ERR_CALLER_KILLED	0x10000
#define CC_CALLER_KILLED_BY(sig)	(CC_ERR_CALLER_KILLED + (sig))

static inline int cc_err_caller_signal(int err)
{
	return err > CC_ERR_CALLER_KILLED && err <= CC_ERR_CALLER_KILLED + 64 ?
	       err - CC_ERR_CALLER_KILLED : 0;
}

/*
 * "EINVAL" for 22; "errno 200" for one without a name here; "caller
 * killed by SIGSEGV" for CC_CALLER_KILLED_BY(SIGSEGV).  Returns buf.
 */
const char *cc_errno_name(int err, char *buf, size_t len);

/*
 * The name of an errno, given as errno or as -errno, in a buffer that
 * lives as long as the enclosing block: for a message that quotes it,
 * printf("open: %s", CC_ERRNO(errno)).  err is read twice.
 */
#define CC_ERRNO_NAME_MAX 40
#define CC_ERRNO(err)							\
	cc_errno_name((int)((err) < 0 ? -(err) : (err)),		\
		      (char[CC_ERRNO_NAME_MAX]){ 0 }, CC_ERRNO_NAME_MAX)

/* A call's result in a message: "success" for 0, else its errno's name. */
#define CC_RESULT_NAME(err) ((err) ? CC_ERRNO(err) : "success")

/* x86-64 and generic numbering; index is the signal number. */
extern const char *const cc_signal_names[];
extern const size_t cc_signal_name_count;

#define CC_SIGRT_FIRST	32	/* the kernel's SIGRTMIN; glibc reserves a few */
#define CC_SIGRT_LAST	64	/* _NSIG */

/*
 * Signal names as strace prints them: "SIGCHLD", real-time signals as
 * "SIGRT_n" (signal 32 + n), numbers without a name in decimal.  Returns
 * buf.
 */
const char *cc_signal_name(uint64_t sig, char *buf, size_t len);

/* A signal's name in a buffer that lives as long as the enclosing block. */
#define CC_SIGNAL_NAME(sig)						\
	cc_signal_name((uint64_t)(sig), (char[CC_ERRNO_NAME_MAX]){ 0 },	\
		       CC_ERRNO_NAME_MAX)

/* "CAP_SYS_ADMIN" for 21: index is the capability number. */
extern const char *const cc_cap_names[];
extern const size_t cc_cap_count;

/* Every capability of cc_cap_names[] as a bit set. */
#define CC_CAPS_ALL(count) ((count) >= 64 ? ~0ULL : (1ULL << (count)) - 1)

#endif
