/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The binary form of a request: what fuzz inputs and corpus files hold.
 *
 * Decoding never fails: a reader past the end of its input reads zeros,
 * and every field is taken modulo its range, so every byte string is a
 * request (the empty input is "clone" with SIGCHLD and nothing else).
 * The writer emits the one canonical encoding the decoder reads back, so
 * text → request → bytes → request is the identity.
 *
 * Layout, one field after another (u16/u32/u64 little-endian):
 *
 *   entry        u8 % 7 (clone, clone3, libc, fork, vfork, posix_spawn,
 *                pthread)
 *   flags        u8 count % 65, then count bytes, one bit each: below
 *                0xc0 an entry of the CLONE_* table (b % its size), so
 *                most random bytes name a real flag; 0xc0 and up: bit
 *                b & 63, any bit at all
 *   exit_signal  u8; 0xff: a u64 follows
 *   stack        u8 kind % 5; unless none: u8 size, an index into
 *                cc_bytes_stack_sizes[] or 0xff and a u64; at: an address
 *   size         u8 index into cc_bytes_clone3_sizes[], or 0xff and a u32
 *   tail         u8 length % 65, then the bytes
 *   pointers     u8: bits 0-1 parent_tid, 2-3 child_tid (auto, null, bad,
 *                auto), 4-5 pidfd (auto, null, bad, parent_tid), bit 6
 *                args=bad, bit 7 an explicit tls: an address follows
 *   set_tid      u8 count % 34, then per pid a u16; 0xffff: a u32 follows
 *                (masked to 31 bits)
 *   cgroup       u8 % 9 (none, new, removed, notcgroup, closed, huge,
 *                procs, opath, v1)
 *   child        u8 % 4; exit: a u8 code follows
 *   caller       u8: bit 0 as=nobody, bit 1 fds=full, bit 2 nproc= set:
 *                a u16 limit follows (larger limits are written as
 *                65535: no request comes near it); bit 3: the caller's
 *                steps follow; bit 4: set_tid=null|bad follows
 *   steps        u8: bits 0-1 userns (% 3), 2-3 pidns, bit 4 chroot,
 *                bit 5 drop (a u64 of capability bits follows), bit 6
 *                ns_limit, bit 7 unshare (each a u8 of namespace types,
 *                bit t for CC_NS_* type t); ns_limit without userns and
 *                unshare's CLONE_NEWUSER (or CLONE_NEWPID with pidns)
 *                are left out
 *   set_tid ptr  u8 % 3 (auto: nothing follows; null, bad: a u32
 *                set_tid_size follows and the pid list is empty)
 *
 * An address is a u64; one whose upper 32 bits are CC_BYTES_TOP
 * (0xfe000000) means top + the signed 32 bits below them (spec/request.h:
 * the end of user space of the kernel the call is made on), so the text
 * form's top, top-4k and top+N survive the byte form; the text form
 * refuses the 2^32 absolute addresses that look like that (none is a
 * user or a kernel address: bits 63-48 are not all equal).
 */
#ifndef CLONECHECK_BYTES_H
#define CLONECHECK_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "spec/request.h"

/* A reader that never fails: past the end every read gives zero. */
struct cc_reader {
	const uint8_t *data;
	size_t len, pos;
};

uint8_t cc_read_u8(struct cc_reader *r);
uint16_t cc_read_u16(struct cc_reader *r);
uint32_t cc_read_u32(struct cc_reader *r);
uint64_t cc_read_u64(struct cc_reader *r);
/* Bytes left unread (0 once past the end). */
size_t cc_reader_left(const struct cc_reader *r);

/* A writer into a fixed buffer; len counts what would have been written. */
struct cc_writer {
	uint8_t *data;
	size_t cap, len;
};

void cc_write_u8(struct cc_writer *w, uint8_t v);
void cc_write_u16(struct cc_writer *w, uint16_t v);
void cc_write_u32(struct cc_writer *w, uint32_t v);
void cc_write_u64(struct cc_writer *w, uint64_t v);
void cc_write_bytes(struct cc_writer *w, const void *p, size_t n);

extern const uint64_t cc_bytes_stack_sizes[];
extern const size_t cc_bytes_stack_size_count;
extern const uint32_t cc_bytes_clone3_sizes[];
extern const size_t cc_bytes_clone3_size_count;

/* Decodes one request from r; consumes only what the request needs. */
void cc_request_decode(struct cc_reader *r, struct cc_request *req);

/* Encodes req; the decoder gives back an equal request. */
void cc_request_encode(struct cc_writer *w, const struct cc_request *req);

/*
 * The clone3_args form: the raw struct clone_args a clone3 call passes.
 *
 *   size         as above (the struct size clone3 is given)
 *   args         88 bytes of struct clone_args, u64 fields in the
 *                kernel's order: flags, pidfd, child_tid, parent_tid,
 *                exit_signal, stack, stack_size, tls, set_tid,
 *                set_tid_size, cgroup; then min(size - 88, 64) tail bytes
 *   child        as above; then caller as above; then one pid per
 *                set_tid entry, as above
 *
 * Values go to the kernel as they are, except where a raw value would
 * let the call scribble over the launcher: a pointer becomes a kind (0:
 * null, odd: an address that faults, even: a valid word, pidfd equal to
 * parent_tid: the same word); a stack the kernel accepts becomes a
 * mapped stack (acceptance depends on the two numbers only, and a
 * CLONE_VM child must not run on the launcher's memory); the set_tid
 * pointer is the engine's array, whose length is set_tid_size % 34;
 * cgroup 0 is none, above INT_MAX huge, else by value % 7 an fd that is
 * closed, a new cgroup, a removed one, not a cgroup, a cgroup.procs file,
 * an O_PATH cgroup or a cgroup v1 directory.  tls 0 is the
 * engine's valid block.
 */
void cc_clone_args_decode(struct cc_reader *r, struct cc_request *req);
void cc_clone_args_encode(struct cc_writer *w, const struct cc_request *req);

#define CC_BYTES_TOP 0xfe000000u

/* The longest encoding of one request, for buffers. */
#define CC_REQUEST_BYTES_MAX 512

#endif
