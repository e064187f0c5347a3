// SPDX-License-Identifier: GPL-2.0
/*
 * The binary form of a request; the layout is in bytes.h.
 */
#include <string.h>

#include "form/bytes.h"
#include "outcome/names.h"
#include "spec/flags.h"
#include "spec/model.h"

#define ESCAPE_U8	0xff
#define ESCAPE_U16	0xffff
#define FLAG_RAW	0xc0	/* flag bytes from here name a raw bit */
#define FLAG_COUNT_MOD	65
#define TAIL_LEN_MOD	(CC_TAIL_MAX + 1)
#define SET_TID_MOD	(CC_SET_TID_MAX + 1)

/* Stack sizes worth reaching in one byte: tiny, a page, usual, large. */
const uint64_t cc_bytes_stack_sizes[] = {
	65536, 4096, 16384, 1 << 20, 256, 16, 8192, 1,
};
const size_t cc_bytes_stack_size_count =
	sizeof(cc_bytes_stack_sizes) / sizeof(cc_bytes_stack_sizes[0]);

/* clone3 sizes: the three versions, their neighbours, a page and beyond. */
const uint32_t cc_bytes_clone3_sizes[] = {
	88, 64, 80, 96, 63, 0, 4096, 4097, 72, 89, 8, 152,
};
const size_t cc_bytes_clone3_size_count =
	sizeof(cc_bytes_clone3_sizes) / sizeof(cc_bytes_clone3_sizes[0]);

/* ---- reader ---- */

uint8_t cc_read_u8(struct cc_reader *r)
{
	if (r->pos >= r->len)
		return 0;
	return r->data[r->pos++];
}

uint16_t cc_read_u16(struct cc_reader *r)
{
	uint16_t lo = cc_read_u8(r);

	return lo | (uint16_t)(cc_read_u8(r) << 8);
}

uint32_t cc_read_u32(struct cc_reader *r)
{
	uint32_t lo = cc_read_u16(r);

	return lo | (uint32_t)cc_read_u16(r) << 16;
}

uint64_t cc_read_u64(struct cc_reader *r)
{
	uint64_t lo = cc_read_u32(r);

	return lo | (uint64_t)cc_read_u32(r) << 32;
}

size_t cc_reader_left(const struct cc_reader *r)
{
	return r->pos < r->len ? r->len - r->pos : 0;
}

/* ---- writer ---- */

void cc_write_u8(struct cc_writer *w, uint8_t v)
{
	if (w->len < w->cap)
		w->data[w->len] = v;
	w->len++;
}

void cc_write_u16(struct cc_writer *w, uint16_t v)
{
	cc_write_u8(w, v & 0xff);
	cc_write_u8(w, v >> 8);
}

void cc_write_u32(struct cc_writer *w, uint32_t v)
{
	cc_write_u16(w, v & 0xffff);
	cc_write_u16(w, v >> 16);
}

void cc_write_u64(struct cc_writer *w, uint64_t v)
{
	cc_write_u32(w, v & 0xffffffff);
	cc_write_u32(w, v >> 32);
}

void cc_write_bytes(struct cc_writer *w, const void *p, size_t n)
{
	const uint8_t *bytes = p;
	size_t i;

	for (i = 0; i < n; i++)
		cc_write_u8(w, bytes[i]);
}

/* ---- fields ---- */

/* A table value in one byte, anything else behind the escape byte. */
static uint64_t read_tabled(struct cc_reader *r, const uint64_t *table,
			    size_t count)
{
	uint8_t b = cc_read_u8(r);

	if (b == ESCAPE_U8)
		return cc_read_u64(r);
	return table[b % count];
}

static void write_tabled(struct cc_writer *w, uint64_t v, const uint64_t *table,
			 size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (table[i] == v) {
			cc_write_u8(w, i);
			return;
		}
	}
	cc_write_u8(w, ESCAPE_U8);
	cc_write_u64(w, v);
}

static uint64_t read_flags(struct cc_reader *r)
{
	unsigned int count = cc_read_u8(r) % FLAG_COUNT_MOD, i;
	uint64_t flags = 0;

	for (i = 0; i < count; i++) {
		uint8_t b = cc_read_u8(r);

		if (b < FLAG_RAW)
			flags |= cc_flags[b % cc_flag_count].bit;
		else
			flags |= 1ULL << (b & 63);
	}
	return flags;
}

static void write_flags(struct cc_writer *w, uint64_t flags)
{
	unsigned int bit;

	cc_write_u8(w, __builtin_popcountll(flags));
	for (bit = 0; bit < 64; bit++) {
		const struct cc_flag *flag;

		if (!(flags & (1ULL << bit)))
			continue;
		flag = cc_flag_by_bit(1ULL << bit);
		if (flag)
			cc_write_u8(w, flag - cc_flags);
		else
			cc_write_u8(w, FLAG_RAW | bit);
	}
}

static uint32_t read_clone3_size(struct cc_reader *r)
{
	uint8_t b = cc_read_u8(r);

	if (b == ESCAPE_U8)
		return cc_read_u32(r);
	return cc_bytes_clone3_sizes[b % cc_bytes_clone3_size_count];
}

static void write_clone3_size(struct cc_writer *w, uint32_t size)
{
	size_t i;

	for (i = 0; i < cc_bytes_clone3_size_count; i++) {
		if (cc_bytes_clone3_sizes[i] == size) {
			cc_write_u8(w, i);
			return;
		}
	}
	cc_write_u8(w, ESCAPE_U8);
	cc_write_u32(w, size);
}

static int32_t read_pid(struct cc_reader *r)
{
	uint16_t v = cc_read_u16(r);

	if (v == ESCAPE_U16)
		return cc_read_u32(r) & 0x7fffffff;
	return v;
}

static void write_pid(struct cc_writer *w, int32_t pid)
{
	if (pid >= 0 && pid < ESCAPE_U16) {
		cc_write_u16(w, pid);
		return;
	}
	cc_write_u16(w, ESCAPE_U16);
	cc_write_u32(w, (uint32_t)pid);
}

#define PTR_BITS(kind, shift)	((unsigned int)(kind) << (shift))
#define CALLER_NOBODY	0x01
#define CALLER_FDS_FULL	0x02
#define CALLER_NPROC	0x04
#define CALLER_STEPS	0x08
#define CALLER_SET_TID	0x10
#define STEPS_CHROOT	0x10
#define STEPS_DROP	0x20
#define STEPS_NS_LIMIT	0x40
#define STEPS_UNSHARE	0x80
#define PTRS_ARGS_BAD	0x40
#define PTRS_TLS	0x80

/* CLONE_NEW* flags as one bit per namespace type (CC_NS_* order). */
static uint64_t read_ns_types(struct cc_reader *r)
{
	uint8_t b = cc_read_u8(r);
	uint64_t flags = 0;
	int t;

	for (t = 0; t < CC_NS_COUNT; t++)
		if (b & (1u << t))
			flags |= cc_ns_flags[t];
	return flags;
}

static void write_ns_types(struct cc_writer *w, uint64_t flags)
{
	uint8_t b = 0;
	int t;

	for (t = 0; t < CC_NS_COUNT; t++)
		if (flags & cc_ns_flags[t])
			b |= 1u << t;
	cc_write_u8(w, b);
}

static void read_steps(struct cc_reader *r, struct cc_request *req)
{
	uint8_t b = cc_read_u8(r);

	req->userns = (b & 3) % CC_USERNS_STEP_COUNT;
	req->pidns = (b >> 2) & 3;
	req->chroot = b & STEPS_CHROOT;
	if (b & STEPS_DROP)
		req->caps_drop = cc_read_u64(r) & CC_CAPS_ALL(cc_cap_count);
	if (b & STEPS_NS_LIMIT)
		req->ns_limit = read_ns_types(r);
	if (b & STEPS_UNSHARE)
		req->unshare = read_ns_types(r) & ~CC_CLONE_NEWUSER;
	/* What the text form refuses, the byte form leaves out. */
	if (req->userns == CC_USERNS_NONE)
		req->ns_limit = 0;
	if (req->pidns != CC_PIDNS_NONE)
		req->unshare &= ~CC_CLONE_NEWPID;
}

static void write_steps(struct cc_writer *w, const struct cc_request *req)
{
	cc_write_u8(w, req->userns | req->pidns << 2 |
		       (req->chroot ? STEPS_CHROOT : 0) |
		       (req->caps_drop ? STEPS_DROP : 0) |
		       (req->ns_limit ? STEPS_NS_LIMIT : 0) |
		       (req->unshare ? STEPS_UNSHARE : 0));
	if (req->caps_drop)
		cc_write_u64(w, req->caps_drop);
	if (req->ns_limit)
		write_ns_types(w, req->ns_limit);
	if (req->unshare)
		write_ns_types(w, req->unshare);
}

static void read_child_and_caller(struct cc_reader *r, struct cc_request *req)
{
	uint8_t b;

	req->child = cc_read_u8(r) % CC_CHILD_ACTION_COUNT;
	if (req->child == CC_CHILD_EXIT)
		req->child_exit_code = cc_read_u8(r);
	b = cc_read_u8(r);
	req->caller = b & CALLER_NOBODY ? CC_CALLER_NOBODY : CC_CALLER_SELF;
	req->fds_full = b & CALLER_FDS_FULL;
	if (b & CALLER_NPROC)
		req->nproc = cc_read_u16(r);
	if (b & CALLER_STEPS)
		read_steps(r, req);
	if (b & CALLER_SET_TID) {
		uint8_t kind = cc_read_u8(r) % 3;

		/* The pointer alone, and the size the struct says. */
		if (kind != CC_PTR_AUTO) {
			req->set_tid_ptr = kind;
			req->set_tid_size = cc_read_u32(r);
			memset(req->set_tid, 0, sizeof(req->set_tid));
		}
	}
}

static void write_child_and_caller(struct cc_writer *w,
				   const struct cc_request *req)
{
	cc_write_u8(w, req->child);
	if (req->child == CC_CHILD_EXIT)
		cc_write_u8(w, req->child_exit_code);
	cc_write_u8(w, (req->caller == CC_CALLER_NOBODY ? CALLER_NOBODY : 0) |
		       (req->fds_full ? CALLER_FDS_FULL : 0) |
		       (req->nproc != CC_NPROC_UNCHANGED ? CALLER_NPROC : 0) |
		       (cc_request_has_steps(req) ? CALLER_STEPS : 0) |
		       (req->set_tid_ptr != CC_PTR_AUTO ? CALLER_SET_TID : 0));
	if (req->nproc != CC_NPROC_UNCHANGED)
		cc_write_u16(w, req->nproc > 0xffff ? 0xffff : req->nproc);
	if (cc_request_has_steps(req))
		write_steps(w, req);
	if (req->set_tid_ptr != CC_PTR_AUTO) {
		cc_write_u8(w, req->set_tid_ptr);
		cc_write_u32(w, req->set_tid_size);
	}
}

/*
 * An address (bytes.h): a u64; one whose top byte is CC_BYTES_TOP is
 * top + the signed 32 bits below.
 */
static uint64_t read_address(struct cc_reader *r, bool *from_top)
{
	uint64_t v = cc_read_u64(r);

	*from_top = v >> 32 == CC_BYTES_TOP;
	return *from_top ? (uint64_t)(int64_t)(int32_t)(uint32_t)v : v;
}

static void write_address(struct cc_writer *w, uint64_t value, bool from_top)
{
	if (from_top)
		value = (uint64_t)CC_BYTES_TOP << 32 | (uint32_t)(int32_t)value;
	cc_write_u64(w, value);
}

void cc_request_decode(struct cc_reader *r, struct cc_request *req)
{
	unsigned int i;
	uint8_t b;

	cc_request_init(req, cc_read_u8(r) % CC_ENTRY_COUNT);
	req->flags = read_flags(r);

	b = cc_read_u8(r);
	req->exit_signal = b == ESCAPE_U8 ? cc_read_u64(r) : b;

	req->stack = cc_read_u8(r) % CC_STACK_KIND_COUNT;
	if (req->stack != CC_STACK_NONE)
		req->stack_size = read_tabled(r, cc_bytes_stack_sizes,
					      cc_bytes_stack_size_count);
	if (req->stack == CC_STACK_AT)
		req->stack_addr = read_address(r, &req->stack_from_top);

	req->clone3_size = read_clone3_size(r);
	req->tail_len = cc_read_u8(r) % TAIL_LEN_MOD;
	for (i = 0; i < req->tail_len; i++)
		req->tail[i] = cc_read_u8(r);

	b = cc_read_u8(r);
	req->parent_tid = (b & 3) == CC_PTR_PARENT_TID ? CC_PTR_AUTO : (b & 3);
	req->child_tid = ((b >> 2) & 3) == CC_PTR_PARENT_TID ? CC_PTR_AUTO :
							       ((b >> 2) & 3);
	req->pidfd = (b >> 4) & 3;
	req->args_bad = b & PTRS_ARGS_BAD;
	req->tls_explicit = b & PTRS_TLS;
	if (req->tls_explicit)
		req->tls = read_address(r, &req->tls_from_top);

	req->set_tid_size = cc_read_u8(r) % SET_TID_MOD;
	for (i = 0; i < req->set_tid_size; i++)
		req->set_tid[i] = read_pid(r);

	req->cgroup = cc_read_u8(r) % CC_CGROUP_KIND_COUNT;
	read_child_and_caller(r, req);
}

void cc_request_encode(struct cc_writer *w, const struct cc_request *req)
{
	unsigned int i, n;

	cc_write_u8(w, req->entry);
	write_flags(w, req->flags);

	if (req->exit_signal < ESCAPE_U8) {
		cc_write_u8(w, req->exit_signal);
	} else {
		cc_write_u8(w, ESCAPE_U8);
		cc_write_u64(w, req->exit_signal);
	}

	cc_write_u8(w, req->stack);
	if (req->stack != CC_STACK_NONE)
		write_tabled(w, req->stack_size, cc_bytes_stack_sizes,
			     cc_bytes_stack_size_count);
	if (req->stack == CC_STACK_AT)
		write_address(w, req->stack_addr, req->stack_from_top);

	write_clone3_size(w, req->clone3_size);
	cc_write_u8(w, req->tail_len);
	cc_write_bytes(w, req->tail, req->tail_len);

	cc_write_u8(w, PTR_BITS(req->parent_tid, 0) |
		       PTR_BITS(req->child_tid, 2) | PTR_BITS(req->pidfd, 4) |
		       (req->args_bad ? PTRS_ARGS_BAD : 0) |
		       (req->tls_explicit ? PTRS_TLS : 0));
	if (req->tls_explicit)
		write_address(w, req->tls, req->tls_from_top);

	/* set_tid=null|bad: no list; the size comes with the caller byte. */
	n = req->set_tid_ptr == CC_PTR_AUTO ? req->set_tid_size : 0;
	cc_write_u8(w, n);
	for (i = 0; i < n; i++)
		write_pid(w, req->set_tid[i]);

	cc_write_u8(w, req->cgroup);
	write_child_and_caller(w, req);
}

/* ---- the clone3_args form ---- */

#define RAW_STACK	0x10000000ULL	/* a stack the kernel accepts */
#define RAW_AUTO	0x1000ULL	/* even: a valid word */
#define RAW_BAD		1ULL		/* odd: faults */

static enum cc_ptr_kind raw_pointer(uint64_t v)
{
	if (!v)
		return CC_PTR_NULL;
	return v & 1 ? CC_PTR_BAD : CC_PTR_AUTO;
}

static uint64_t pointer_raw(enum cc_ptr_kind kind, unsigned int field)
{
	switch (kind) {
	case CC_PTR_NULL:
		return 0;
	case CC_PTR_BAD:
		return RAW_BAD;
	default:
		return RAW_AUTO + 8 * field;
	}
}

static enum cc_cgroup_kind raw_cgroup(uint64_t v)
{
	static const enum cc_cgroup_kind by_rest[] = {
		CC_CGROUP_CLOSED, CC_CGROUP_NEW, CC_CGROUP_REMOVED,
		CC_CGROUP_NOTCGROUP, CC_CGROUP_PROCS, CC_CGROUP_OPATH,
		CC_CGROUP_V1,
	};

	if (!v)
		return CC_CGROUP_NONE;
	if (v > INT32_MAX)
		return CC_CGROUP_HUGE;
	return by_rest[v % 7];
}

static uint64_t cgroup_raw(enum cc_cgroup_kind kind)
{
	switch (kind) {
	case CC_CGROUP_NONE:
		return 0;
	case CC_CGROUP_NEW:
		return 1;
	case CC_CGROUP_REMOVED:
		return 2;
	case CC_CGROUP_NOTCGROUP:
		return 3;
	case CC_CGROUP_CLOSED:
		return 7;
	case CC_CGROUP_V1:
		return 6;
	case CC_CGROUP_PROCS:
		return 4;
	case CC_CGROUP_OPATH:
		return 5;
	default:
		return 1ULL << 32;
	}
}

void cc_clone_args_decode(struct cc_reader *r, struct cc_request *req)
{
	uint64_t pidfd, child_tid, parent_tid, stack, stack_size, tls;
	unsigned int i;

	cc_request_init(req, CC_ENTRY_CLONE3);
	req->clone3_size = read_clone3_size(r);
	req->flags = cc_read_u64(r);
	pidfd = cc_read_u64(r);
	child_tid = cc_read_u64(r);
	parent_tid = cc_read_u64(r);
	req->exit_signal = cc_read_u64(r);
	stack = cc_read_u64(r);
	stack_size = cc_read_u64(r);
	tls = cc_read_u64(r);
	cc_read_u64(r);		/* set_tid: always the engine's array */
	req->set_tid_size = cc_read_u64(r) % SET_TID_MOD;
	req->cgroup = raw_cgroup(cc_read_u64(r));
	if (req->clone3_size > CC_CLONE_ARGS_SIZE_VER2) {
		req->tail_len = req->clone3_size - CC_CLONE_ARGS_SIZE_VER2;
		if (req->tail_len > CC_TAIL_MAX)
			req->tail_len = CC_TAIL_MAX;
		for (i = 0; i < req->tail_len; i++)
			req->tail[i] = cc_read_u8(r);
	}

	req->pidfd = raw_pointer(pidfd);
	req->child_tid = raw_pointer(child_tid);
	req->parent_tid = raw_pointer(parent_tid);
	if (pidfd && pidfd == parent_tid && !(pidfd & 1))
		req->pidfd = CC_PTR_PARENT_TID;
	if (stack && stack_size && stack <= CC_TASK_SIZE_MAX &&
	    stack_size <= CC_TASK_SIZE_MAX - stack) {
		size_t k;

		req->stack = CC_STACK_MMAP;
		req->stack_size = 64 << 10;
		for (k = 0; k < cc_bytes_stack_size_count; k++)
			if (cc_bytes_stack_sizes[k] == stack_size)
				req->stack_size = stack_size;
	} else if (stack || stack_size) {
		req->stack = CC_STACK_AT;
		req->stack_addr = stack;
		req->stack_size = stack_size;
	}
	if (tls) {
		req->tls_explicit = true;
		req->tls = tls;
	}
	read_child_and_caller(r, req);
	for (i = 0; req->set_tid_ptr == CC_PTR_AUTO && i < req->set_tid_size; i++)
		req->set_tid[i] = read_pid(r);
}

void cc_clone_args_encode(struct cc_writer *w, const struct cc_request *req)
{
	uint64_t parent_tid = pointer_raw(req->parent_tid, 3);
	uint64_t stack = 0, stack_size = 0;
	unsigned int i;

	/*
	 * The struct holds what the kernel reads: a top-relative address
	 * becomes an absolute one, against 4-level paging's end of user
	 * space (no machine is known here; the model judges it against the
	 * machine it runs on).
	 */
	if (req->stack == CC_STACK_AT) {
		stack = cc_request_address(req->stack_addr, req->stack_from_top,
					   CC_TASK_SIZE_MAX);
		stack_size = req->stack_size;
	} else if (req->stack != CC_STACK_NONE) {
		stack = RAW_STACK;
		stack_size = req->stack_size;
	}
	write_clone3_size(w, req->clone3_size);
	cc_write_u64(w, req->flags);
	cc_write_u64(w, req->pidfd == CC_PTR_PARENT_TID ? parent_tid :
			pointer_raw(req->pidfd, 1));
	cc_write_u64(w, pointer_raw(req->child_tid, 2));
	cc_write_u64(w, parent_tid);
	cc_write_u64(w, req->exit_signal);
	cc_write_u64(w, stack);
	cc_write_u64(w, stack_size);
	cc_write_u64(w, req->tls_explicit ?
		     cc_request_address(req->tls, req->tls_from_top,
					CC_TASK_SIZE_MAX) : 0);
	cc_write_u64(w, RAW_AUTO + 8 * 8);
	cc_write_u64(w, req->set_tid_ptr == CC_PTR_AUTO ? req->set_tid_size : 0);
	cc_write_u64(w, cgroup_raw(req->cgroup));
	if (req->clone3_size > CC_CLONE_ARGS_SIZE_VER2) {
		uint32_t len = req->clone3_size - CC_CLONE_ARGS_SIZE_VER2;

		for (i = 0; i < len && i < CC_TAIL_MAX; i++)
			cc_write_u8(w, i < req->tail_len ? req->tail[i] : 0);
	}
	write_child_and_caller(w, req);
	for (i = 0; req->set_tid_ptr == CC_PTR_AUTO && i < req->set_tid_size; i++)
		write_pid(w, req->set_tid[i]);
}
