// SPDX-License-Identifier: GPL-2.0
/*
 * The one-line text form of a request (see spec/request.h): a parser that
 * points at the exact byte it could not take, and a printer that writes
 * the canonical form, so a request can be logged, stored in the corpus
 * and replayed unchanged.
 *
 * Like flags_text.c this uses caller buffers only: no allocation, no state.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include "form/bytes.h"
#include "form/text.h"
#include "form/words.h"
#include "spec/request.h"
#include "outcome/names.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const stack_kind_names[] = {
	[CC_STACK_NONE]		= "none",
	[CC_STACK_MMAP]		= "mmap",
	[CC_STACK_MALLOC]	= "malloc",
	[CC_STACK_MISALIGNED]	= "misaligned",
	[CC_STACK_AT]		= "at",
};

static const char *const ptr_kind_names[] = {
	[CC_PTR_AUTO]	= "auto",
	[CC_PTR_NULL]	= "null",
	[CC_PTR_BAD]	= "bad",
	[CC_PTR_PARENT_TID] = "parent_tid",
};

static const char *const cgroup_kind_names[] = {
	[CC_CGROUP_NONE]	= "none",
	[CC_CGROUP_NEW]		= "new",
	[CC_CGROUP_REMOVED]	= "removed",
	[CC_CGROUP_NOTCGROUP]	= "notcgroup",
	[CC_CGROUP_CLOSED]	= "closed",
	[CC_CGROUP_HUGE]	= "huge",
	[CC_CGROUP_PROCS]	= "procs",
	[CC_CGROUP_OPATH]	= "opath",
	[CC_CGROUP_V1]		= "v1",
};

static const char *const userns_names[] = {
	[CC_USERNS_NONE]	= "none",
	[CC_USERNS_MAPPED]	= "mapped",
	[CC_USERNS_UNMAPPED]	= "unmapped",
};

static const char *const pidns_names[] = {
	[CC_PIDNS_NONE]		= "none",
	[CC_PIDNS_INIT]		= "init",
	[CC_PIDNS_SETNS]	= "setns",
	[CC_PIDNS_DEAD]		= "dead",
};

static const char *const chroot_names[] = { "no", "yes" };

static const char *const caller_names[] = {
	[CC_CALLER_SELF]	= "self",
	[CC_CALLER_NOBODY]	= "nobody",
};

/* In the order cc_request_print writes them, which is request.h's order. */
enum request_key {
	KEY_FLAGS,
	KEY_EXIT_SIGNAL,
	KEY_STACK,
	KEY_SIZE,
	KEY_TAIL,
	KEY_ARGS,
	KEY_TLS,
	KEY_PARENT_TID,
	KEY_CHILD_TID,
	KEY_PIDFD,
	KEY_SET_TID,
	KEY_SET_TID_SIZE,
	KEY_CGROUP,
	KEY_CHILD,
	KEY_AS,
	KEY_NPROC,
	KEY_FDS,
	KEY_USERNS,
	KEY_UNSHARE,
	KEY_PIDNS,
	KEY_CHROOT,
	KEY_NS_LIMIT,
	KEY_DROP,
	KEY_COUNT
};

static const char *const key_names[] = {
	[KEY_FLAGS]		= "flags",
	[KEY_EXIT_SIGNAL]	= "exit_signal",
	[KEY_STACK]		= "stack",
	[KEY_SIZE]		= "size",
	[KEY_TAIL]		= "tail",
	[KEY_ARGS]		= "args",
	[KEY_TLS]		= "tls",
	[KEY_PARENT_TID]	= "parent_tid",
	[KEY_CHILD_TID]		= "child_tid",
	[KEY_PIDFD]		= "pidfd",
	[KEY_SET_TID]		= "set_tid",
	[KEY_SET_TID_SIZE]	= "set_tid_size",
	[KEY_CGROUP]		= "cgroup",
	[KEY_CHILD]		= "child",
	[KEY_AS]		= "as",
	[KEY_NPROC]		= "nproc",
	[KEY_FDS]		= "fds",
	[KEY_USERNS]		= "userns",
	[KEY_UNSHARE]		= "unshare",
	[KEY_PIDNS]		= "pidns",
	[KEY_CHROOT]		= "chroot",
	[KEY_NS_LIMIT]		= "ns_limit",
	[KEY_DROP]		= "drop",
};

_Static_assert(ARRAY_SIZE(stack_kind_names) == CC_STACK_KIND_COUNT,
	       "stack kind names");
_Static_assert(ARRAY_SIZE(ptr_kind_names) == CC_PTR_KIND_COUNT,
	       "pointer kind names");
_Static_assert(ARRAY_SIZE(key_names) == KEY_COUNT, "key names");
_Static_assert(ARRAY_SIZE(cgroup_kind_names) == CC_CGROUP_KIND_COUNT,
	       "cgroup kind names");
_Static_assert(ARRAY_SIZE(caller_names) == CC_CALLER_COUNT, "caller names");
_Static_assert(ARRAY_SIZE(userns_names) == CC_USERNS_STEP_COUNT, "userns names");
_Static_assert(ARRAY_SIZE(pidns_names) == CC_PIDNS_STEP_COUNT, "pidns names");

/* Index of w in names[], or -1. */
static int word_lookup(struct cc_word w, const char *const *names, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (cc_word_is(w, names[i]))
			return i;
	return -1;
}

/* Bytes, or a count of KiB or MiB with a k or m suffix. */
static enum cc_number_status parse_size(struct cc_word w, uint64_t *bytes)
{
	unsigned int shift = 0;
	enum cc_number_status status;
	uint64_t count;

	if (w.len > 0) {
		switch (w.text[w.len - 1]) {
		case 'k':
		case 'K':
			shift = 10;
			break;
		case 'm':
		case 'M':
			shift = 20;
			break;
		}
	}
	if (shift)
		w.len--;
	status = cc_parse_digits(w, 10, &count);
	if (status != CC_NUMBER_OK)
		return status;
	if (count > UINT64_MAX >> shift)
		return CC_NUMBER_TOO_BIG;
	*bytes = count << shift;
	return CC_NUMBER_OK;
}

/* The shortest text parse_size reads back as the same number. */
static const char *size_text(char *buf, size_t len, uint64_t bytes)
{
	if (bytes != 0 && bytes % (1 << 20) == 0)
		snprintf(buf, len, "%" PRIu64 "m", bytes >> 20);
	else if (bytes != 0 && bytes % (1 << 10) == 0)
		snprintf(buf, len, "%" PRIu64 "k", bytes >> 10);
	else
		snprintf(buf, len, "%" PRIu64, bytes);
	return buf;
}

/*
 * An address: a number, or top, top-N, top+N (N as a size): the end of
 * the user address space of the kernel the call is made on.
 */
static enum cc_number_status parse_address(struct cc_word w, uint64_t *value,
					   bool *from_top)
{
	enum cc_number_status status;
	uint64_t offset;
	char sign;

	*from_top = cc_word_skip_prefix(&w, "top");
	if (!*from_top) {
		status = cc_parse_number(w, value);
		/* The byte form's top-relative addresses (bytes.h). */
		if (status == CC_NUMBER_OK && *value >> 32 == CC_BYTES_TOP)
			return CC_NUMBER_BAD;
		return status;
	}
	if (w.len == 0) {
		*value = 0;
		return CC_NUMBER_OK;
	}
	sign = w.text[0];
	if (sign != '-' && sign != '+')
		return CC_NUMBER_BAD;
	w.text++;
	w.len--;
	status = cc_word_skip_prefix(&w, "0x") ?
		 cc_parse_digits(w, 16, &offset) : parse_size(w, &offset);
	if (status != CC_NUMBER_OK)
		return status;
	/* The byte form keeps 32 signed bits of it. */
	if (offset > (uint64_t)INT32_MAX)
		return CC_NUMBER_TOO_BIG;
	*value = sign == '-' ? (uint64_t)-(int64_t)offset : offset;
	return CC_NUMBER_OK;
}

/* An address as parse_address reads it back. */
static const char *address_text(char *buf, size_t len, uint64_t value,
				bool from_top)
{
	char size[32];

	if (!from_top)
		snprintf(buf, len, "0x%" PRIx64, value);
	else if (!value)
		snprintf(buf, len, "top");
	else if ((int64_t)value < 0)
		snprintf(buf, len, "top-%s",
			 size_text(size, sizeof(size), (uint64_t)-(int64_t)value));
	else
		snprintf(buf, len, "top+%s", size_text(size, sizeof(size), value));
	return buf;
}

#define EXCERPT_MAX	40
/* Short enough that the unknown-key message keeps its whole list of keys. */
#define KEY_EXCERPT_MAX	20

struct parser {
	const char *text;
	struct cc_parse_error *err;
	struct cc_request req;
	bool seen[KEY_COUNT];
	bool exit_signal_in_flags;	/* seen[KEY_EXIT_SIGNAL] came from flags= */
	enum request_key last_key;	/* the key parse_key_value took last */
	const char *key_at[KEY_COUNT];	/* where each key's word starts */
	char quoted[EXCERPT_MAX + 4];	/* scratch for messages */
};

/* The word quoted in a message, in the parser's scratch buffer. */
static const char *quote(struct parser *p, struct cc_word w)
{
	return cc_excerpt(p->quoted, sizeof(p->quoted), w, EXCERPT_MAX);
}

__attribute__((format(printf, 3, 4)))
static int fail(struct parser *p, const char *at, const char *fmt, ...)
{
	va_list ap;

	if (!p->err)
		return -1;
	p->err->pos = at - p->text;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_entry(struct parser *p, struct cc_word w)
{
	int entry = word_lookup(w, cc_entry_names, CC_ENTRY_COUNT);

	if (entry < 0)
		return fail(p, w.text,
			    "unknown entry point \"%s\"; expected clone, clone3, libc, fork, vfork, posix_spawn or pthread",
			    quote(p, w));
	p->req.entry = entry;
	return 0;
}

/* The '|'-separated word of a flag set that starts at offset pos. */
static struct cc_word flag_word_at(struct cc_word set, size_t pos)
{
	struct cc_word rest = { set.text + pos, set.len - pos };

	return cc_word_until(rest, '|');
}

static int parse_flags(struct parser *p, struct cc_word v)
{
	struct cc_parse_error sub;
	uint64_t flags, sig;

	/* strace writes legacy clone's exit signal in the flags: take it. */
	if (cc_flags_parse(v.text, v.len, &flags, &sig, &sub))
		return fail(p, v.text + sub.pos, "%s", sub.msg);

	if (sig && p->req.entry != CC_ENTRY_CLONE && p->req.entry != CC_ENTRY_LIBC) {
		char name[24];

		cc_flags_parse(v.text, v.len, &flags, NULL, &sub);
		return fail(p, v.text + sub.pos,
			    "%s is an exit signal, not a flag: %s takes it as exit_signal=%s",
			    quote(p, flag_word_at(v, sub.pos)),
			    cc_entry_name(p->req.entry),
			    cc_signal_name(sig, name, sizeof(name)));
	}
	if (sig) {
		if (p->seen[KEY_EXIT_SIGNAL]) {
			/* Parsing without a signal slot stops at the signal. */
			cc_flags_parse(v.text, v.len, &flags, NULL, &sub);
			return fail(p, v.text + sub.pos,
				    "a second exit signal \"%s\"; exit_signal= already set it",
				    quote(p, flag_word_at(v, sub.pos)));
		}
		p->req.exit_signal = sig;
		p->seen[KEY_EXIT_SIGNAL] = true;
		p->exit_signal_in_flags = true;
	}
	p->req.flags = flags;
	return 0;
}

static int parse_exit_signal(struct parser *p, struct cc_word v)
{
	if (cc_signal_parse(v.text, v.len, &p->req.exit_signal))
		return fail(p, v.text,
			    "exit_signal: unknown signal \"%s\"; expected a name such as SIGCHLD or a number",
			    quote(p, v));
	return 0;
}

static int parse_stack(struct parser *p, struct cc_word v)
{
	struct cc_word kind_word = cc_word_until(v, ':');
	struct cc_word size_word = cc_word_after(v, ':');
	bool has_size = kind_word.len < v.len;
	int kind = word_lookup(kind_word, stack_kind_names, CC_STACK_KIND_COUNT);

	if (kind < 0)
		return fail(p, v.text,
			    "stack: unknown kind \"%s\"; expected none, mmap, malloc, misaligned or at",
			    quote(p, kind_word));

	if (kind == CC_STACK_NONE) {
		if (has_size)
			return fail(p, size_word.text,
				    "stack: none takes no size; write stack=none");
		p->req.stack = CC_STACK_NONE;
		p->req.stack_size = 0;
		return 0;
	}

	if (!has_size)
		return fail(p, v.text, "stack: %s needs a size, as in %s:64k",
			    stack_kind_names[kind], stack_kind_names[kind]);
	p->req.stack_addr = 0;
	p->req.stack_from_top = false;
	if (kind == CC_STACK_AT) {
		struct cc_word addr_word = cc_word_until(size_word, ':');

		if (addr_word.len == size_word.len)
			return fail(p, size_word.text,
				    "stack: at needs an address and a size, as in at:0x1000:64k");
		if (parse_address(addr_word, &p->req.stack_addr,
				  &p->req.stack_from_top) != CC_NUMBER_OK)
			return fail(p, addr_word.text,
				    "stack: bad address \"%s\"; expected a number such as 0x7f0000000000 (but 0xfe000000xxxxxxxx), or top, top-4k",
				    quote(p, addr_word));
		size_word = cc_word_after(size_word, ':');
	}
	switch (parse_size(size_word, &p->req.stack_size)) {
	case CC_NUMBER_OK:
		break;
	case CC_NUMBER_TOO_BIG:
		return fail(p, size_word.text,
			    "stack: size \"%s\" does not fit in 64 bits",
			    quote(p, size_word));
	case CC_NUMBER_BAD:
		return fail(p, size_word.text,
			    "stack: bad size \"%s\"; expected bytes or a k or m suffix, as in 64k",
			    quote(p, size_word));
	}
	p->req.stack = kind;
	return 0;
}

static int parse_clone3_size(struct parser *p, struct cc_word v)
{
	uint64_t bytes;

	switch (parse_size(v, &bytes)) {
	case CC_NUMBER_OK:
		if (bytes <= UINT32_MAX)
			break;
		/* fall through */
	case CC_NUMBER_TOO_BIG:
		return fail(p, v.text, "size: \"%s\" does not fit in 32 bits",
			    quote(p, v));
	case CC_NUMBER_BAD:
		return fail(p, v.text,
			    "size: bad size \"%s\"; expected bytes or a k or m suffix, as in 88",
			    quote(p, v));
	}
	p->req.clone3_size = bytes;
	return 0;
}

static int parse_tail(struct parser *p, struct cc_word v)
{
	size_t i;

	/* Check every digit first: pointing at a bad one beats counting. */
	for (i = 0; i < v.len; i++) {
		struct cc_word digit = { v.text + i, 1 };
		uint64_t unused;

		if (cc_parse_digits(digit, 16, &unused) != CC_NUMBER_OK)
			return fail(p, digit.text,
				    "tail: '%s' is not a hex digit; expected pairs such as 00ff",
				    quote(p, digit));
	}
	if (v.len % 2)
		return fail(p, v.text,
			    "tail: odd number of hex digits (%zu); write each byte as two",
			    v.len);
	if (v.len / 2 > CC_TAIL_MAX)
		return fail(p, v.text, "tail: %zu bytes; at most %d fit",
			    v.len / 2, CC_TAIL_MAX);

	for (i = 0; i < v.len / 2; i++) {
		struct cc_word pair = { v.text + 2 * i, 2 };
		uint64_t byte = 0;

		cc_parse_digits(pair, 16, &byte);
		p->req.tail[i] = byte;
	}
	p->req.tail_len = v.len / 2;
	return 0;
}

static int parse_tls(struct parser *p, struct cc_word v)
{
	uint64_t address;
	bool from_top;

	if (cc_word_is(v, "auto")) {
		p->req.tls_explicit = false;
		p->req.tls = 0;
		p->req.tls_from_top = false;
		return 0;
	}
	if (parse_address(v, &address, &from_top) != CC_NUMBER_OK)
		return fail(p, v.text,
			    "tls: expected auto or an address such as 0x7f0000001000 (but 0xfe000000xxxxxxxx), top or top-4k, not \"%s\"",
			    quote(p, v));
	p->req.tls_explicit = true;
	p->req.tls = address;
	p->req.tls_from_top = from_top;
	return 0;
}

static int parse_ptr(struct parser *p, enum request_key key, struct cc_word v,
		     enum cc_ptr_kind *kind)
{
	int found = word_lookup(v, ptr_kind_names, CC_PTR_KIND_COUNT);

	if (found == CC_PTR_PARENT_TID && key != KEY_PIDFD)
		return fail(p, v.text,
			    "%s: parent_tid is for pidfd= only (the pidfd written over the parent_tid word)",
			    key_names[key]);
	if (found < 0)
		return fail(p, v.text,
			    "%s: unknown value \"%s\"; expected auto, null or bad%s",
			    key_names[key], quote(p, v),
			    key == KEY_PIDFD ? " or parent_tid" : "");
	*kind = found;
	return 0;
}

static int parse_set_tid(struct parser *p, struct cc_word v)
{
	struct cc_word rest = v;
	uint32_t count = 0;

	if (cc_word_is(v, "null") || cc_word_is(v, "bad")) {
		p->req.set_tid_ptr = cc_word_is(v, "null") ? CC_PTR_NULL : CC_PTR_BAD;
		return 0;
	}
	for (;;) {
		struct cc_word pid_word = cc_word_until(rest, ',');
		uint64_t pid;

		if (pid_word.len == 0)
			return fail(p, pid_word.text,
				    "set_tid: empty pid; separate pids with single commas");
		if (count == CC_SET_TID_MAX)
			return fail(p, pid_word.text,
				    "set_tid: more than %d pids", CC_SET_TID_MAX);
		if (cc_parse_digits(pid_word, 10, &pid) != CC_NUMBER_OK || pid > INT32_MAX)
			return fail(p, pid_word.text,
				    "set_tid: bad pid \"%s\"; expected a decimal number 0..2147483647, or null or bad for the pointer alone",
				    quote(p, pid_word));
		p->req.set_tid[count++] = pid;
		if (pid_word.len == rest.len)
			break;
		rest = cc_word_after(rest, ',');
	}
	p->req.set_tid_size = count;
	return 0;
}

/*
 * A key whose value is one word of names[]: its index, or -1 with the
 * error naming every word the table allows.
 */
static int parse_choice(struct parser *p, enum request_key key,
			struct cc_word v, const char *const *names, size_t count)
{
	char expected[128] = "";
	int found = word_lookup(v, names, count);
	size_t i;

	if (found >= 0)
		return found;
	for (i = 0; i < count; i++) {
		if (i > 0)
			strcat(expected, i + 1 == count ? " or " : ", ");
		strcat(expected, names[i]);
	}
	fail(p, v.text, "%s: unknown value \"%s\"; expected %s",
	     key_names[key], quote(p, v), expected);
	return -1;
}

static int parse_set_tid_size(struct parser *p, struct cc_word v)
{
	uint64_t size;

	if (cc_parse_digits(v, 10, &size) != CC_NUMBER_OK || size > UINT32_MAX)
		return fail(p, v.text,
			    "set_tid_size: bad size \"%s\"; expected a decimal number 0..4294967295",
			    quote(p, v));
	p->req.set_tid_size = (uint32_t)size;
	return 0;
}

/* A '|'-separated set of CLONE_NEW* flags, for ns_limit= and unshare=. */
static int parse_ns_flags(struct parser *p, enum request_key key,
			  struct cc_word v, uint64_t *out)
{
	struct cc_parse_error sub;
	uint64_t flags, bit;
	size_t pos = 0;

	if (cc_flags_parse(v.text, v.len, &flags, NULL, &sub))
		return fail(p, v.text + sub.pos, "%s: %s", key_names[key], sub.msg);
	for (bit = 1; bit; bit <<= 1) {
		bool ns = false;
		int t;

		if (!(flags & bit))
			continue;
		for (t = 0; t < CC_NS_COUNT; t++)
			ns |= cc_ns_flags[t] == bit;
		if (!ns || (key == KEY_UNSHARE && bit == CC_CLONE_NEWUSER)) {
			const struct cc_flag *flag = cc_flag_by_bit(bit);
			const char *name = flag ? flag->name : "";
			const char *at = flag ? strstr(v.text, name) : NULL;

			if (!at || at >= v.text + v.len)
				at = v.text + pos;
			return fail(p, at, bit == CC_CLONE_NEWUSER ?
				    "%s: CLONE_NEWUSER is a step of its own: write userns=mapped or userns=unmapped" :
				    "%s: %s is not a namespace flag; expected CLONE_NEW* flags",
				    key_names[key], flag ? name : "that bit");
		}
	}
	*out = flags;
	return 0;
}

/* drop=: capability names, '|'-separated. */
static int parse_caps(struct parser *p, struct cc_word v)
{
	struct cc_word rest = v;
	uint64_t caps = 0;

	for (;;) {
		struct cc_word name = cc_word_until(rest, '|');
		int cap = word_lookup(name, cc_cap_names, cc_cap_count);

		if (cap < 0)
			return fail(p, name.text,
				    "drop: unknown capability \"%s\"; expected names such as CAP_SYS_ADMIN|CAP_CHECKPOINT_RESTORE",
				    quote(p, name));
		caps |= 1ULL << cap;
		if (name.len == rest.len)
			break;
		rest = cc_word_after(rest, '|');
	}
	p->req.caps_drop = caps;
	return 0;
}

static const char *const args_names[] = { "auto", "bad" };
static const char *const fds_names[] = { "free", "full" };

static int parse_nproc(struct parser *p, struct cc_word v)
{
	uint64_t limit;

	if (cc_parse_digits(v, 10, &limit) != CC_NUMBER_OK ||
	    limit >= CC_NPROC_UNCHANGED)
		return fail(p, v.text,
			    "nproc: bad limit \"%s\"; expected a decimal number of processes",
			    quote(p, v));
	p->req.nproc = limit;
	return 0;
}

static int parse_child(struct parser *p, struct cc_word v)
{
	struct cc_word action = cc_word_until(v, ':');
	struct cc_word code_word = cc_word_after(v, ':');
	uint64_t code;

	if (cc_word_is(v, "probe")) {
		p->req.child = CC_CHILD_PROBE;
		p->req.child_exit_code = 0;
		return 0;
	}
	if (cc_word_is(v, "overflow")) {
		p->req.child = CC_CHILD_OVERFLOW;
		p->req.child_exit_code = 0;
		return 0;
	}
	if (cc_word_is(v, "exec")) {
		p->req.child = CC_CHILD_EXEC;
		p->req.child_exit_code = 0;
		return 0;
	}
	if (!cc_word_is(action, "exit"))
		return fail(p, v.text,
			    "child: unknown action \"%s\"; expected probe, exit:CODE, overflow or exec",
			    quote(p, v));

	if (action.len == v.len)
		return fail(p, v.text, "child: exit needs a code, as in exit:1");
	switch (cc_parse_digits(code_word, 10, &code)) {
	case CC_NUMBER_OK:
		if (code <= 255)
			break;
		/* fall through */
	case CC_NUMBER_TOO_BIG:
		return fail(p, code_word.text,
			    "child: exit code %s out of range 0..255",
			    quote(p, code_word));
	case CC_NUMBER_BAD:
		return fail(p, code_word.text,
			    "child: bad exit code \"%s\"; expected 0..255",
			    quote(p, code_word));
	}
	p->req.child = CC_CHILD_EXIT;
	p->req.child_exit_code = code;
	return 0;
}

static int parse_value(struct parser *p, enum request_key key, struct cc_word v)
{
	int found;

	switch (key) {
	case KEY_FLAGS:
		return parse_flags(p, v);
	case KEY_EXIT_SIGNAL:
		return parse_exit_signal(p, v);
	case KEY_STACK:
		return parse_stack(p, v);
	case KEY_SIZE:
		return parse_clone3_size(p, v);
	case KEY_TAIL:
		return parse_tail(p, v);
	case KEY_ARGS:
		found = parse_choice(p, key, v, args_names, ARRAY_SIZE(args_names));
		p->req.args_bad = found == 1;
		return found < 0 ? -1 : 0;
	case KEY_TLS:
		return parse_tls(p, v);
	case KEY_PARENT_TID:
		return parse_ptr(p, key, v, &p->req.parent_tid);
	case KEY_CHILD_TID:
		return parse_ptr(p, key, v, &p->req.child_tid);
	case KEY_PIDFD:
		return parse_ptr(p, key, v, &p->req.pidfd);
	case KEY_SET_TID:
		return parse_set_tid(p, v);
	case KEY_SET_TID_SIZE:
		return parse_set_tid_size(p, v);
	case KEY_CGROUP:
		found = parse_choice(p, key, v, cgroup_kind_names,
				     CC_CGROUP_KIND_COUNT);
		if (found >= 0)
			p->req.cgroup = found;
		return found < 0 ? -1 : 0;
	case KEY_CHILD:
		return parse_child(p, v);
	case KEY_AS:
		found = parse_choice(p, key, v, caller_names, CC_CALLER_COUNT);
		if (found >= 0)
			p->req.caller = found;
		return found < 0 ? -1 : 0;
	case KEY_NPROC:
		return parse_nproc(p, v);
	case KEY_FDS:
		found = parse_choice(p, key, v, fds_names, ARRAY_SIZE(fds_names));
		p->req.fds_full = found == 1;
		return found < 0 ? -1 : 0;
	case KEY_USERNS:
		found = parse_choice(p, key, v, userns_names, CC_USERNS_STEP_COUNT);
		if (found >= 0)
			p->req.userns = found;
		return found < 0 ? -1 : 0;
	case KEY_NS_LIMIT:
		return parse_ns_flags(p, key, v, &p->req.ns_limit);
	case KEY_UNSHARE:
		return parse_ns_flags(p, key, v, &p->req.unshare);
	case KEY_PIDNS:
		found = parse_choice(p, key, v, pidns_names, CC_PIDNS_STEP_COUNT);
		if (found >= 0)
			p->req.pidns = found;
		return found < 0 ? -1 : 0;
	case KEY_CHROOT:
		found = parse_choice(p, key, v, chroot_names, ARRAY_SIZE(chroot_names));
		p->req.chroot = found == 1;
		return found < 0 ? -1 : 0;
	case KEY_DROP:
		return parse_caps(p, v);
	case KEY_COUNT:
		break;
	}
	return fail(p, v.text, "internal error: no parser for this key");
}

static int unknown_key(struct parser *p, struct cc_word w, struct cc_word key)
{
	char key_list[160] = "";
	char quoted_key[KEY_EXCERPT_MAX + 4];
	size_t i;

	/* Built from the table so the message cannot fall behind it. */
	for (i = 0; i < KEY_COUNT; i++) {
		if (i > 0)
			strcat(key_list, ", ");
		strcat(key_list, key_names[i]);
	}
	return fail(p, w.text, "unknown key \"%s\"; expected one of %s",
		    cc_excerpt(quoted_key, sizeof(quoted_key), key, KEY_EXCERPT_MAX),
		    key_list);
}

static int parse_key_value(struct parser *p, struct cc_word w)
{
	struct cc_word key = cc_word_until(w, '=');
	struct cc_word value = cc_word_after(w, '=');
	int found;

	if (key.len == w.len)
		return fail(p, w.text, "missing '=' in \"%s\"; expected key=value",
			    quote(p, w));
	if (key.len == 0)
		return fail(p, w.text, "missing key before '='");
	found = word_lookup(key, key_names, KEY_COUNT);
	if (found < 0)
		return unknown_key(p, w, key);
	if (p->seen[found]) {
		if (found == KEY_EXIT_SIGNAL && p->exit_signal_in_flags)
			return fail(p, w.text,
				    "a key given twice: \"exit_signal\"; flags= already set the exit signal");
		return fail(p, w.text, "a key given twice: \"%s\"",
			    key_names[found]);
	}
	if (value.len == 0)
		return fail(p, value.text, "%s: missing value after '='",
			    key_names[found]);
	p->seen[found] = true;
	p->last_key = found;
	return parse_value(p, found, value);
}

/* What one key allows depends on another: checked once all are read. */
static int check_together(struct parser *p)
{
	const struct cc_request *req = &p->req;

	if (p->seen[KEY_SET_TID_SIZE] && req->set_tid_ptr == CC_PTR_AUTO)
		return fail(p, p->key_at[KEY_SET_TID_SIZE],
			    "set_tid_size: only with set_tid=null or set_tid=bad (with a pid list the size is its length)");
	if (req->ns_limit && req->userns == CC_USERNS_NONE)
		return fail(p, p->key_at[KEY_NS_LIMIT],
			    "ns_limit: needs userns=mapped or userns=unmapped: the limit is set in the caller's own user namespace, never the host's");
	if ((req->unshare & CC_CLONE_NEWPID) && req->pidns != CC_PIDNS_NONE)
		return fail(p, p->key_at[KEY_PIDNS],
			    "pidns: unshare=CLONE_NEWPID already sets the pid namespace for children; choose one");
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The next blank-separated word at or after *at, or an empty word. */
static struct cc_word next_word(const char **at)
{
	struct cc_word w;

	while (is_blank(**at))
		(*at)++;
	w.text = *at;
	while (**at && !is_blank(**at))
		(*at)++;
	w.len = *at - w.text;
	return w;
}

int cc_request_parse(const char *text, struct cc_request *req,
		     struct cc_parse_error *err)
{
	struct parser p = { .text = text ? text : "", .err = err };
	const char *at = p.text;
	struct cc_word w;

	cc_request_init(&p.req, CC_ENTRY_CLONE);

	w = next_word(&at);
	if (w.len == 0)
		return fail(&p, p.text,
			    "empty request; expected an entry point such as clone3");
	if (parse_entry(&p, w))
		return -1;

	for (w = next_word(&at); w.len > 0; w = next_word(&at)) {
		if (parse_key_value(&p, w))
			return -1;
		p.key_at[p.last_key] = w.text;
	}
	if (check_together(&p))
		return -1;

	/* Only now: a request that fails to parse is left as it was. */
	*req = p.req;
	return 0;
}

__attribute__((format(printf, 2, 3)))
static void out_printf(struct cc_text_out *out, const char *fmt, ...)
{
	char *dst = NULL;
	size_t room = 0;
	va_list ap;
	int n;

	if (out->needed < out->size) {
		dst = out->buf + out->needed;
		room = out->size - out->needed;
	}
	va_start(ap, fmt);
	n = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		out->needed += n;
}

/* Names for printing that survive a corrupt enum value. */
static const char *name_or_unknown(const char *const *names, size_t count,
				   unsigned int index)
{
	return index < count ? names[index] : "unknown";
}

static void print_ptr(struct cc_text_out *out, enum request_key key,
		      enum cc_ptr_kind kind)
{
	if (kind != CC_PTR_AUTO)
		out_printf(out, " %s=%s", key_names[key],
			   name_or_unknown(ptr_kind_names, CC_PTR_KIND_COUNT, kind));
}

size_t cc_request_print(char *buf, size_t len, const struct cc_request *req)
{
	struct cc_text_out out = { buf, len, 0 };
	char text[32], size[32];
	uint32_t i, n;

	if (len > 0)
		buf[0] = '\0';

	out_printf(&out, "%s", cc_entry_name(req->entry));

	if (req->flags) {
		char flags_text[CC_REQUEST_TEXT_MAX];

		cc_flags_print(flags_text, sizeof(flags_text), req->flags, 0);
		out_printf(&out, " flags=%s", flags_text);
	}
	if (req->exit_signal != SIGCHLD)
		out_printf(&out, " exit_signal=%s",
			   cc_signal_name(req->exit_signal, text, sizeof(text)));
	if (req->stack == CC_STACK_AT)
		out_printf(&out, " stack=at:%s:%s",
			   address_text(text, sizeof(text), req->stack_addr,
					req->stack_from_top),
			   size_text(size, sizeof(size), req->stack_size));
	else if (req->stack != CC_STACK_NONE)
		out_printf(&out, " stack=%s:%s",
			   name_or_unknown(stack_kind_names, CC_STACK_KIND_COUNT,
					   req->stack),
			   size_text(text, sizeof(text), req->stack_size));
	if (req->clone3_size != CC_CLONE_ARGS_SIZE_VER2)
		out_printf(&out, " size=%s",
			   size_text(text, sizeof(text), req->clone3_size));

	n = req->tail_len < CC_TAIL_MAX ? req->tail_len : CC_TAIL_MAX;
	if (n > 0) {
		out_printf(&out, " tail=");
		for (i = 0; i < n; i++)
			out_printf(&out, "%02x", req->tail[i]);
	}
	if (req->args_bad)
		out_printf(&out, " args=bad");

	if (req->tls_explicit)
		out_printf(&out, " tls=%s", address_text(text, sizeof(text), req->tls,
							 req->tls_from_top));
	print_ptr(&out, KEY_PARENT_TID, req->parent_tid);
	print_ptr(&out, KEY_CHILD_TID, req->child_tid);
	print_ptr(&out, KEY_PIDFD, req->pidfd);

	if (req->set_tid_ptr != CC_PTR_AUTO) {
		out_printf(&out, " set_tid=%s", req->set_tid_ptr == CC_PTR_NULL ?
			   "null" : "bad");
		if (req->set_tid_size)
			out_printf(&out, " set_tid_size=%" PRIu32, req->set_tid_size);
	} else {
		n = req->set_tid_size < CC_SET_TID_MAX ? req->set_tid_size :
							 CC_SET_TID_MAX;
		for (i = 0; i < n; i++)
			out_printf(&out, "%s%" PRId32, i == 0 ? " set_tid=" : ",",
				   req->set_tid[i]);
	}

	if (req->cgroup != CC_CGROUP_NONE)
		out_printf(&out, " cgroup=%s",
			   name_or_unknown(cgroup_kind_names,
					   CC_CGROUP_KIND_COUNT, req->cgroup));

	switch (req->child) {
	case CC_CHILD_PROBE:
		break;
	case CC_CHILD_EXIT:
		out_printf(&out, " child=exit:%d", req->child_exit_code);
		break;
	case CC_CHILD_OVERFLOW:
		out_printf(&out, " child=overflow");
		break;
	case CC_CHILD_EXEC:
		out_printf(&out, " child=exec");
		break;
	default:
		out_printf(&out, " child=unknown");
		break;
	}
	if (req->caller != CC_CALLER_SELF)
		out_printf(&out, " as=%s",
			   name_or_unknown(caller_names, CC_CALLER_COUNT,
					   req->caller));
	if (req->nproc != CC_NPROC_UNCHANGED)
		out_printf(&out, " nproc=%" PRIu64, req->nproc);
	if (req->fds_full)
		out_printf(&out, " fds=full");
	if (req->userns != CC_USERNS_NONE)
		out_printf(&out, " userns=%s",
			   name_or_unknown(userns_names, CC_USERNS_STEP_COUNT,
					   req->userns));
	if (req->unshare) {
		char flags_text[CC_REQUEST_TEXT_MAX];

		cc_flags_print(flags_text, sizeof(flags_text), req->unshare, 0);
		out_printf(&out, " unshare=%s", flags_text);
	}
	if (req->pidns != CC_PIDNS_NONE)
		out_printf(&out, " pidns=%s",
			   name_or_unknown(pidns_names, CC_PIDNS_STEP_COUNT,
					   req->pidns));
	if (req->chroot)
		out_printf(&out, " chroot=yes");
	if (req->ns_limit) {
		char flags_text[CC_REQUEST_TEXT_MAX];

		cc_flags_print(flags_text, sizeof(flags_text), req->ns_limit, 0);
		out_printf(&out, " ns_limit=%s", flags_text);
	}
	if (req->caps_drop) {
		const char *sep = " drop=";

		for (i = 0; i < 64; i++) {
			if (!(req->caps_drop & (1ULL << i)))
				continue;
			out_printf(&out, "%s%s", sep, i < cc_cap_count ?
				   cc_cap_names[i] : "unknown");
			sep = "|";
		}
	}
	return out.needed;
}

void cc_parse_error_print(FILE *out, const char *text,
			  const struct cc_parse_error *err)
{
	size_t text_len, i;

	if (!text)
		text = "";
	text_len = strlen(text);

	fprintf(out, "%s\n", text);
	/* Copy tabs so the caret lines up however wide the terminal's are. */
	for (i = 0; i < err->pos; i++)
		fputc(i < text_len && text[i] == '\t' ? '\t' : ' ', out);
	fprintf(out, "^ %s\n", err->msg);
}
