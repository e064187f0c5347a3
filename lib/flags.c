// SPDX-License-Identifier: GPL-2.0
/*
 * The CLONE_* flag table and the strace-style text form of flag sets.
 *
 * Everything here works on caller buffers and constant tables only: no
 * allocation and no state, so reports, parsers and tools can use it
 * freely (though not the child side of a clone, since snprintf is libc).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "flags.h"
#include "text.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Accepted by all three entry points: the sharing and namespace flags. */
#define APIS_ALL	(CC_API_CLONE | CC_API_CLONE3 | CC_API_UNSHARE)
/* Meaningful only when a task is created, so unshare(2) rejects them. */
#define APIS_CREATE	(CC_API_CLONE | CC_API_CLONE3)

/* Kept in ascending bit order; cc_flags_print does not rely on it. */
const struct cc_flag cc_flags[] = {
	/*
	 * 0x80 is inside CSIGNAL, so legacy clone reads it as part of the
	 * exit signal; clone3 accepts it since 6.3 (stable 6.1.20).
	 */
	{ "CLONE_NEWTIME", CC_CLONE_NEWTIME, CC_API_CLONE3 | CC_API_UNSHARE,
	  "5.6", "new time namespace (for children of the caller)" },
	/* unshare takes VM, SIGHAND and THREAD only while nothing is shared. */
	{ "CLONE_VM", CC_CLONE_VM, APIS_ALL,
	  "2.0", "share the address space with the parent" },
	{ "CLONE_FS", CC_CLONE_FS, APIS_ALL,
	  "2.0", "share root, working directory and umask" },
	{ "CLONE_FILES", CC_CLONE_FILES, APIS_ALL,
	  "2.0", "share the file descriptor table" },
	{ "CLONE_SIGHAND", CC_CLONE_SIGHAND, APIS_ALL,
	  "2.0", "share the table of signal handlers" },
	{ "CLONE_PIDFD", CC_CLONE_PIDFD, APIS_CREATE,
	  "5.2", "return a pidfd that refers to the child" },
	{ "CLONE_PTRACE", CC_CLONE_PTRACE, APIS_CREATE,
	  "2.2", "trace the child too if the caller is traced" },
	{ "CLONE_VFORK", CC_CLONE_VFORK, APIS_CREATE,
	  "2.2", "suspend the caller until the child execs or exits" },
	{ "CLONE_PARENT", CC_CLONE_PARENT, APIS_CREATE,
	  "2.3.12", "give the child the caller's parent" },
	{ "CLONE_THREAD", CC_CLONE_THREAD, APIS_ALL,
	  "2.4.0", "put the child in the caller's thread group" },
	{ "CLONE_NEWNS", CC_CLONE_NEWNS, APIS_ALL,
	  "2.4.19", "new mount namespace" },
	{ "CLONE_SYSVSEM", CC_CLONE_SYSVSEM, APIS_ALL,
	  "2.5.10", "share System V semaphore undo values" },
	{ "CLONE_SETTLS", CC_CLONE_SETTLS, APIS_CREATE,
	  "2.5.32", "set the child's thread pointer to the tls argument" },
	{ "CLONE_PARENT_SETTID", CC_CLONE_PARENT_SETTID, APIS_CREATE,
	  "2.5.49", "store the child's TID at parent_tid in the caller" },
	{ "CLONE_CHILD_CLEARTID", CC_CLONE_CHILD_CLEARTID, APIS_CREATE,
	  "2.5.49", "zero child_tid and wake its futex when the child exits" },
	/* Ignored by legacy clone since 2.6.2; clone3 refuses it with EINVAL. */
	{ "CLONE_DETACHED", CC_CLONE_DETACHED, CC_API_CLONE,
	  "2.5.32", "obsolete; ignored by clone, rejected by clone3" },
	{ "CLONE_UNTRACED", CC_CLONE_UNTRACED, APIS_CREATE,
	  "2.5.46", "keep a tracer from forcing CLONE_PTRACE on the child" },
	{ "CLONE_CHILD_SETTID", CC_CLONE_CHILD_SETTID, APIS_CREATE,
	  "2.5.49", "store the child's TID at child_tid in the child" },
	{ "CLONE_NEWCGROUP", CC_CLONE_NEWCGROUP, APIS_ALL,
	  "4.6", "new cgroup namespace" },
	{ "CLONE_NEWUTS", CC_CLONE_NEWUTS, APIS_ALL,
	  "2.6.19", "new UTS namespace (host and domain name)" },
	{ "CLONE_NEWIPC", CC_CLONE_NEWIPC, APIS_ALL,
	  "2.6.19", "new IPC namespace" },
	{ "CLONE_NEWUSER", CC_CLONE_NEWUSER, APIS_ALL,
	  "2.6.23", "new user namespace" },
	{ "CLONE_NEWPID", CC_CLONE_NEWPID, APIS_ALL,
	  "2.6.24", "new PID namespace (for children of the caller)" },
	{ "CLONE_NEWNET", CC_CLONE_NEWNET, APIS_ALL,
	  "2.6.24", "new network namespace" },
	{ "CLONE_IO", CC_CLONE_IO, APIS_CREATE,
	  "2.6.25", "share the I/O context" },
	/* Above bit 31: legacy clone passes an int, so only clone3 has them. */
	{ "CLONE_CLEAR_SIGHAND", CC_CLONE_CLEAR_SIGHAND, CC_API_CLONE3,
	  "5.5", "reset every handled signal to SIG_DFL in the child" },
	{ "CLONE_INTO_CGROUP", CC_CLONE_INTO_CGROUP, CC_API_CLONE3,
	  "5.7", "start the child in the cgroup given by clone_args.cgroup" },
};

const size_t cc_flag_count = ARRAY_SIZE(cc_flags);

/* x86-64 numbering, the names strace prints; index is the signal number. */
static const char *const signal_names[] = {
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

/* Other spellings people paste in; printing always uses the names above. */
static const struct {
	const char *name;	/* without the SIG prefix */
	uint64_t sig;
} signal_aliases[] = {
	{ "IOT", 6 },
	{ "CLD", 17 },
	{ "POLL", 29 },
};

#define SIGRT_FIRST	32	/* the kernel's SIGRTMIN; glibc reserves a few */
#define SIGRT_LAST	64	/* _NSIG on x86-64 */

static bool starts_with_digit(struct cc_word w)
{
	return w.len > 0 && w.text[0] >= '0' && w.text[0] <= '9';
}

/* The n of SIGRT_n: plain decimal digits, at most SIGRT_LAST - SIGRT_FIRST. */
static bool parse_rt_offset(struct cc_word w, uint64_t *sig)
{
	uint64_t n = 0;
	size_t i;

	if (w.len == 0 || w.len > 2)
		return false;
	for (i = 0; i < w.len; i++) {
		if (w.text[i] < '0' || w.text[i] > '9')
			return false;
		n = n * 10 + (w.text[i] - '0');
	}
	if (n > SIGRT_LAST - SIGRT_FIRST)
		return false;
	*sig = SIGRT_FIRST + n;
	return true;
}

const struct cc_flag *cc_flag_by_name(const char *name, size_t len)
{
	struct cc_word w = { name, len };
	size_t i;

	for (i = 0; i < cc_flag_count; i++)
		if (cc_word_is(w, cc_flags[i].name))
			return &cc_flags[i];
	return NULL;
}

const struct cc_flag *cc_flag_by_bit(uint64_t bit)
{
	size_t i;

	for (i = 0; i < cc_flag_count; i++)
		if (cc_flags[i].bit == bit)
			return &cc_flags[i];
	return NULL;
}

const char *cc_signal_name(uint64_t sig, char *buf, size_t len)
{
	if (sig < ARRAY_SIZE(signal_names) && signal_names[sig])
		snprintf(buf, len, "%s", signal_names[sig]);
	else if (sig >= SIGRT_FIRST && sig <= SIGRT_LAST)
		snprintf(buf, len, "SIGRT_%" PRIu64, sig - SIGRT_FIRST);
	else
		snprintf(buf, len, "%" PRIu64, sig);
	return buf;
}

int cc_signal_parse(const char *word, size_t len, uint64_t *sig)
{
	struct cc_word w = { word, len };
	size_t i;

	if (starts_with_digit(w))
		return cc_parse_number(w, sig) == CC_NUMBER_OK ? 0 : -1;

	/* strace writes the prefix, kill -l does not; take either. */
	cc_word_skip_prefix(&w, "SIG");
	if (w.len == 0)
		return -1;

	for (i = 1; i < ARRAY_SIZE(signal_names); i++) {
		if (cc_word_is(w, signal_names[i] + strlen("SIG"))) {
			*sig = i;
			return 0;
		}
	}
	for (i = 0; i < ARRAY_SIZE(signal_aliases); i++) {
		if (cc_word_is(w, signal_aliases[i].name)) {
			*sig = signal_aliases[i].sig;
			return 0;
		}
	}
	if (cc_word_skip_prefix(&w, "RT_") || cc_word_skip_prefix(&w, "RTMIN+"))
		return parse_rt_offset(w, sig) ? 0 : -1;
	return -1;
}

#define EXCERPT_MAX	48
#define EXCERPT(buf, w)	cc_excerpt(buf, sizeof(buf), w, EXCERPT_MAX)

__attribute__((format(printf, 3, 4)))
static int parse_fail(struct cc_parse_error *err, size_t pos,
		      const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * One word of a flag set.  *sig is the exit signal met so far (0: none),
 * or NULL when the caller wants flags only.
 */
static int parse_flag_word(struct cc_word w, size_t pos, uint64_t *flags,
			   uint64_t *sig, struct cc_parse_error *err)
{
	char quoted[EXCERPT_MAX + 4], first[24];
	const struct cc_flag *flag;
	uint64_t value;

	if (starts_with_digit(w)) {
		switch (cc_parse_number(w, &value)) {
		case CC_NUMBER_OK:
			*flags |= value;
			return 0;
		case CC_NUMBER_TOO_BIG:
			return parse_fail(err, pos,
					  "number \"%s\" does not fit in 64 bits",
					  EXCERPT(quoted, w));
		case CC_NUMBER_BAD:
			break;
		}
		return parse_fail(err, pos,
				  "bad number \"%s\"; expected decimal or 0x hex",
				  EXCERPT(quoted, w));
	}

	flag = cc_flag_by_name(w.text, w.len);
	if (flag) {
		*flags |= flag->bit;
		return 0;
	}

	if (cc_signal_parse(w.text, w.len, &value) == 0) {
		if (!sig)
			return parse_fail(err, pos,
					  "a signal \"%s\" where only flags are allowed",
					  EXCERPT(quoted, w));
		if (*sig)
			return parse_fail(err, pos,
					  "a second exit signal \"%s\"; the first was %s",
					  EXCERPT(quoted, w),
					  cc_signal_name(*sig, first, sizeof(first)));
		*sig = value;
		return 0;
	}

	return parse_fail(err, pos, "unknown flag \"%s\"", EXCERPT(quoted, w));
}

/*
 * On success *exit_signal is the signal the text names, or 0 if it names
 * none, so that printing and parsing back gives the same pair.  On
 * failure neither output is touched.
 */
int cc_flags_parse(const char *text, size_t len, uint64_t *flags,
		   uint64_t *exit_signal, struct cc_parse_error *err)
{
	uint64_t parsed = 0, sig = 0;
	size_t start = 0;

	if (len == 0)
		return parse_fail(err, 0, "empty flag set; write 0 for no flags");

	for (;;) {
		size_t end = start;
		struct cc_word w;

		while (end < len && text[end] != '|')
			end++;
		w.text = text + start;
		w.len = end - start;
		if (w.len == 0)
			return parse_fail(err, start, "empty flag name");
		if (parse_flag_word(w, start, &parsed, exit_signal ? &sig : NULL,
				    err))
			return -1;
		if (end == len)
			break;
		start = end + 1;
	}

	*flags = parsed;
	if (exit_signal)
		*exit_signal = sig;
	return 0;
}

/* snprintf-style output: writes what fits, counts what was needed. */
struct text_out {
	char *buf;
	size_t size;
	size_t needed;
};

static void out_put(struct text_out *out, const char *s)
{
	size_t n = strlen(s);

	if (out->needed < out->size) {
		size_t room = out->size - out->needed - 1;
		size_t copy = n < room ? n : room;

		memcpy(out->buf + out->needed, s, copy);
		out->buf[out->needed + copy] = '\0';
	}
	out->needed += n;
}

static void out_word(struct text_out *out, const char *s)
{
	if (out->needed > 0)
		out_put(out, "|");
	out_put(out, s);
}

size_t cc_flags_print(char *buf, size_t len, uint64_t flags,
		      uint64_t exit_signal)
{
	struct text_out out = { buf, len, 0 };
	uint64_t unnamed = flags;
	char word[24];
	unsigned int i;

	if (len > 0)
		buf[0] = '\0';

	for (i = 0; i < 64; i++) {
		uint64_t bit = 1ULL << i;
		const struct cc_flag *flag;

		if (!(flags & bit))
			continue;
		flag = cc_flag_by_bit(bit);
		if (flag) {
			out_word(&out, flag->name);
			unnamed &= ~bit;
		}
	}
	if (unnamed) {
		snprintf(word, sizeof(word), "0x%" PRIx64, unnamed);
		out_word(&out, word);
	}
	if (exit_signal)
		out_word(&out, cc_signal_name(exit_signal, word, sizeof(word)));
	if (out.needed == 0)
		out_put(&out, "0");
	return out.needed;
}
