// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/request.c: the one-line text form of a request,
 * its canonical printing, and the errors malformed text gets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec/request.h"

#include "kselftest_harness.h"
#include "form/text.h"

static const char *print_request(char *buf, size_t len,
				 const struct cc_request *req)
{
	cc_request_print(buf, len, req);
	return buf;
}

/*
 * Round trips, one named row each: a request built field by field (not
 * through the parser) and the exact canonical text it must print as.
 */
FIXTURE(request_round_trip) {};

FIXTURE_VARIANT(request_round_trip) {
	void (*build)(struct cc_request *req);
	const char *text;
};

FIXTURE_SETUP(request_round_trip) {}
FIXTURE_TEARDOWN(request_round_trip) {}

#define REQUEST_ROW(row_name, canonical_text)				\
	static void build_##row_name(struct cc_request *r);		\
	FIXTURE_VARIANT_ADD(request_round_trip, row_name) {		\
		.build = build_##row_name,				\
		.text = canonical_text,					\
	};								\
	static void build_##row_name(struct cc_request *r)

REQUEST_ROW(clone_defaults, "clone")
{
	cc_request_init(r, CC_ENTRY_CLONE);
}

REQUEST_ROW(clone3_defaults, "clone3")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
}

REQUEST_ROW(libc_defaults, "libc")
{
	cc_request_init(r, CC_ENTRY_LIBC);
}

REQUEST_ROW(fork_defaults, "fork")
{
	cc_request_init(r, CC_ENTRY_FORK);
}

REQUEST_ROW(vfork_defaults, "vfork")
{
	cc_request_init(r, CC_ENTRY_VFORK);
}

REQUEST_ROW(posix_spawn_defaults, "posix_spawn")
{
	cc_request_init(r, CC_ENTRY_POSIX_SPAWN);
}

REQUEST_ROW(pthread_defaults, "pthread")
{
	cc_request_init(r, CC_ENTRY_PTHREAD);
}

REQUEST_ROW(clone_thread_like,
	    "clone flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID exit_signal=0 stack=mmap:64k")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->flags = CC_CLONE_VM | CC_CLONE_FS | CC_CLONE_FILES |
		   CC_CLONE_SIGHAND | CC_CLONE_THREAD | CC_CLONE_SYSVSEM |
		   CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID |
		   CC_CLONE_CHILD_CLEARTID;
	r->exit_signal = 0;
	r->stack = CC_STACK_MMAP;
	r->stack_size = 65536;
}

REQUEST_ROW(clone3_namespaces,
	    "clone3 flags=CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_NEWTIME | CC_CLONE_NEWNS | CC_CLONE_NEWCGROUP |
		   CC_CLONE_NEWUTS | CC_CLONE_NEWIPC | CC_CLONE_NEWUSER |
		   CC_CLONE_NEWPID | CC_CLONE_NEWNET;
}

REQUEST_ROW(flags_with_unknown_bits,
	    "clone3 flags=CLONE_VM|CLONE_INTO_CGROUP|0x8000010000000011")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_VM | CC_CLONE_INTO_CGROUP | (1ULL << 63) |
		   (1ULL << 40) | 0x11;
}

REQUEST_ROW(exit_signal_named, "clone exit_signal=SIGUSR1")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->exit_signal = 10;
}

REQUEST_ROW(exit_signal_realtime, "clone3 exit_signal=SIGRT_5")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->exit_signal = 37;
}

REQUEST_ROW(exit_signal_unnamed_number, "clone3 exit_signal=100")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->exit_signal = 100;
}

REQUEST_ROW(exit_signal_largest, "clone3 exit_signal=18446744073709551615")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->exit_signal = UINT64_MAX;
}

REQUEST_ROW(stack_malloc_in_bytes, "clone stack=malloc:100")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->stack = CC_STACK_MALLOC;
	r->stack_size = 100;
}

REQUEST_ROW(stack_misaligned_in_mib, "clone3 stack=misaligned:1m")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->stack = CC_STACK_MISALIGNED;
	r->stack_size = 1 << 20;
}

REQUEST_ROW(stack_size_zero, "clone3 stack=mmap:0")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->stack = CC_STACK_MMAP;
	r->stack_size = 0;
}

REQUEST_ROW(stack_size_not_whole_kib, "libc stack=mmap:1536")
{
	cc_request_init(r, CC_ENTRY_LIBC);
	r->stack = CC_STACK_MMAP;
	r->stack_size = 1536;
}

REQUEST_ROW(stack_size_whole_kib_not_mib, "libc stack=malloc:1025k")
{
	cc_request_init(r, CC_ENTRY_LIBC);
	r->stack = CC_STACK_MALLOC;
	r->stack_size = 1025 * 1024;
}

REQUEST_ROW(stack_size_huge, "clone stack=mmap:4398046511104m")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->stack = CC_STACK_MMAP;
	r->stack_size = 1ULL << 62;
}

REQUEST_ROW(stack_size_largest, "clone stack=mmap:18446744073709551615")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->stack = CC_STACK_MMAP;
	r->stack_size = UINT64_MAX;
}

REQUEST_ROW(clone3_size_ver0, "clone3 size=64")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = CC_CLONE_ARGS_SIZE_VER0;
}

REQUEST_ROW(clone3_size_ver1, "clone3 size=80")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = CC_CLONE_ARGS_SIZE_VER1;
}

REQUEST_ROW(clone3_size_zero, "clone3 size=0")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = 0;
}

REQUEST_ROW(clone3_size_page, "clone3 size=4k")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = 4096;
}

REQUEST_ROW(clone3_size_largest, "clone3 size=4294967295")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = UINT32_MAX;
}

REQUEST_ROW(tail_few_bytes, "clone3 size=96 tail=0001fe7f00000000")
{
	static const uint8_t bytes[] = { 0, 1, 0xfe, 0x7f, 0, 0, 0, 0 };

	cc_request_init(r, CC_ENTRY_CLONE3);
	r->clone3_size = 96;
	memcpy(r->tail, bytes, sizeof(bytes));
	r->tail_len = sizeof(bytes);
}

REQUEST_ROW(tail_full,
	    "clone3 tail="
	    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	    "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f")
{
	uint32_t i;

	cc_request_init(r, CC_ENTRY_CLONE3);
	for (i = 0; i < CC_TAIL_MAX; i++)
		r->tail[i] = i;
	r->tail_len = CC_TAIL_MAX;
}

REQUEST_ROW(tls_explicit_address, "clone flags=CLONE_SETTLS tls=0x7f0000001000")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->flags = CC_CLONE_SETTLS;
	r->tls_explicit = true;
	r->tls = 0x7f0000001000ULL;
}

/* top: the end of user space of the kernel the call is made on. */
REQUEST_ROW(tls_at_top, "clone3 flags=CLONE_SETTLS tls=top")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_SETTLS;
	r->tls_explicit = true;
	r->tls_from_top = true;
}

REQUEST_ROW(tls_below_top, "clone tls=top-4k")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->tls_explicit = true;
	r->tls_from_top = true;
	r->tls = (uint64_t)-4096;
}

REQUEST_ROW(stack_at_top, "clone3 stack=at:top+16:4k")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->stack = CC_STACK_AT;
	r->stack_from_top = true;
	r->stack_addr = 16;
	r->stack_size = 4 << 10;
}

REQUEST_ROW(tls_explicit_null, "clone3 tls=0x0")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->tls_explicit = true;
	r->tls = 0;
}

REQUEST_ROW(pointers_null, "clone3 parent_tid=null child_tid=null pidfd=null")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->parent_tid = CC_PTR_NULL;
	r->child_tid = CC_PTR_NULL;
	r->pidfd = CC_PTR_NULL;
}

REQUEST_ROW(pointers_bad, "clone parent_tid=bad child_tid=bad pidfd=bad")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->parent_tid = CC_PTR_BAD;
	r->child_tid = CC_PTR_BAD;
	r->pidfd = CC_PTR_BAD;
}

REQUEST_ROW(pointers_mixed, "clone3 child_tid=bad pidfd=null")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->child_tid = CC_PTR_BAD;
	r->pidfd = CC_PTR_NULL;
}

REQUEST_ROW(set_tid_one, "clone3 set_tid=1")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->set_tid[0] = 1;
	r->set_tid_size = 1;
}

REQUEST_ROW(set_tid_nested, "clone3 flags=CLONE_NEWPID set_tid=1,0,2147483647")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_NEWPID;
	r->set_tid[0] = 1;
	r->set_tid[1] = 0;
	r->set_tid[2] = INT32_MAX;
	r->set_tid_size = 3;
}

REQUEST_ROW(set_tid_full,
	    "clone3 set_tid=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
	    "21,22,23,24,25,26,27,28,29,30,31,32,33")
{
	uint32_t i;

	cc_request_init(r, CC_ENTRY_CLONE3);
	for (i = 0; i < CC_SET_TID_MAX; i++)
		r->set_tid[i] = i + 1;
	r->set_tid_size = CC_SET_TID_MAX;
}

REQUEST_ROW(cgroup_new, "clone3 flags=CLONE_INTO_CGROUP cgroup=new")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_INTO_CGROUP;
	r->cgroup = CC_CGROUP_NEW;
}

REQUEST_ROW(stack_at_address, "clone3 stack=at:0xffff800000000000:64k")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->stack = CC_STACK_AT;
	r->stack_addr = 0xffff800000000000ULL;
	r->stack_size = 64 << 10;
}

REQUEST_ROW(stack_at_zero_with_size, "clone3 stack=at:0x0:4k")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->stack = CC_STACK_AT;
	r->stack_size = 4 << 10;
}

REQUEST_ROW(args_bad, "clone3 args=bad")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->args_bad = true;
}

REQUEST_ROW(pidfd_over_parent_tid,
	    "clone3 flags=CLONE_PIDFD|CLONE_PARENT_SETTID pidfd=parent_tid")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_PIDFD | CC_CLONE_PARENT_SETTID;
	r->pidfd = CC_PTR_PARENT_TID;
}

REQUEST_ROW(cgroup_removed, "clone3 flags=CLONE_INTO_CGROUP cgroup=removed")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_INTO_CGROUP;
	r->cgroup = CC_CGROUP_REMOVED;
}

REQUEST_ROW(caller_nobody_with_limits, "clone as=nobody nproc=0 fds=full")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->caller = CC_CALLER_NOBODY;
	r->nproc = 0;
	r->fds_full = true;
}

REQUEST_ROW(child_exit_zero, "clone child=exit:0")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->child = CC_CHILD_EXIT;
	r->child_exit_code = 0;
}

REQUEST_ROW(child_exit_largest, "clone child=exit:255")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->child = CC_CHILD_EXIT;
	r->child_exit_code = 255;
}

REQUEST_ROW(child_overflow, "clone stack=mmap:16k child=overflow")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->stack = CC_STACK_MMAP;
	r->stack_size = 16384;
	r->child = CC_CHILD_OVERFLOW;
}

REQUEST_ROW(child_exec, "vfork child=exec")
{
	cc_request_init(r, CC_ENTRY_VFORK);
	r->child = CC_CHILD_EXEC;
}

REQUEST_ROW(every_key,
	    "clone3 flags=CLONE_VM|CLONE_PIDFD|CLONE_NEWPID|CLONE_INTO_CGROUP "
	    "exit_signal=SIGUSR2 stack=misaligned:8k size=104 tail=ff00ff00ff00ff00 "
	    "tls=0xdeadbeef parent_tid=null child_tid=bad pidfd=null "
	    "set_tid=300,1 cgroup=new child=exit:42")
{
	static const uint8_t bytes[] = { 0xff, 0, 0xff, 0, 0xff, 0, 0xff, 0 };

	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_VM | CC_CLONE_PIDFD | CC_CLONE_NEWPID |
		   CC_CLONE_INTO_CGROUP;
	r->exit_signal = 12;
	r->stack = CC_STACK_MISALIGNED;
	r->stack_size = 8192;
	r->clone3_size = 104;
	memcpy(r->tail, bytes, sizeof(bytes));
	r->tail_len = sizeof(bytes);
	r->tls_explicit = true;
	r->tls = 0xdeadbeef;
	r->parent_tid = CC_PTR_NULL;
	r->child_tid = CC_PTR_BAD;
	r->pidfd = CC_PTR_NULL;
	r->set_tid[0] = 300;
	r->set_tid[1] = 1;
	r->set_tid_size = 2;
	r->cgroup = CC_CGROUP_NEW;
	r->child = CC_CHILD_EXIT;
	r->child_exit_code = 42;
}

REQUEST_ROW(every_caller_step,
	    "clone3 flags=CLONE_NEWUSER as=nobody nproc=5 userns=mapped "
	    "unshare=CLONE_NEWTIME|CLONE_NEWNS pidns=setns chroot=yes "
	    "ns_limit=CLONE_NEWUSER|CLONE_NEWNET drop=CAP_SYS_ADMIN|CAP_CHECKPOINT_RESTORE")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_NEWUSER;
	r->caller = CC_CALLER_NOBODY;
	r->nproc = 5;
	r->userns = CC_USERNS_MAPPED;
	r->ns_limit = CC_CLONE_NEWNET | CC_CLONE_NEWUSER;
	r->unshare = CC_CLONE_NEWNS | CC_CLONE_NEWTIME;
	r->pidns = CC_PIDNS_SETNS;
	r->chroot = true;
	r->caps_drop = (1ULL << 21) | (1ULL << 40);
}

REQUEST_ROW(pidns_init_unmapped, "clone userns=unmapped pidns=init")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->userns = CC_USERNS_UNMAPPED;
	r->pidns = CC_PIDNS_INIT;
}

REQUEST_ROW(unshare_pid_and_time, "clone unshare=CLONE_NEWTIME|CLONE_NEWPID")
{
	cc_request_init(r, CC_ENTRY_CLONE);
	r->unshare = CC_CLONE_NEWPID | CC_CLONE_NEWTIME;
}

REQUEST_ROW(set_tid_null_with_size, "clone3 set_tid=null set_tid_size=33")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->set_tid_ptr = CC_PTR_NULL;
	r->set_tid_size = 33;
}

REQUEST_ROW(set_tid_bad_without_size, "clone3 set_tid=bad")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->set_tid_ptr = CC_PTR_BAD;
}

REQUEST_ROW(cgroup_procs_file, "clone3 flags=CLONE_INTO_CGROUP cgroup=procs")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_INTO_CGROUP;
	r->cgroup = CC_CGROUP_PROCS;
}

REQUEST_ROW(cgroup_o_path, "clone3 flags=CLONE_INTO_CGROUP cgroup=opath")
{
	cc_request_init(r, CC_ENTRY_CLONE3);
	r->flags = CC_CLONE_INTO_CGROUP;
	r->cgroup = CC_CGROUP_OPATH;
}

TEST_F(request_round_trip, prints_canonically_and_parses_back_equal)
{
	char text[CC_REQUEST_TEXT_MAX], again[CC_REQUEST_TEXT_MAX];
	struct cc_request built, parsed;
	struct cc_parse_error err = { 0 };

	variant->build(&built);
	print_request(text, sizeof(text), &built);
	ASSERT_STREQ(variant->text, text);

	memset(&parsed, 0x5a, sizeof(parsed));
	ASSERT_EQ(0, cc_request_parse(text, &parsed, &err))
		cc_parse_error_print(stderr, text, &err);
	EXPECT_TRUE(cc_request_equal(&built, &parsed));

	print_request(again, sizeof(again), &parsed);
	EXPECT_STREQ(text, again);
}

/*
 * Text that is not canonical but valid, and the canonical form it must
 * come back as: other key orders, defaults spelled out, strace's signal
 * inside flags=, other spellings of numbers.
 */
FIXTURE(request_text) {};

FIXTURE_VARIANT(request_text) {
	const char *text;
	const char *canonical;
};

FIXTURE_SETUP(request_text) {}
FIXTURE_TEARDOWN(request_text) {}

FIXTURE_VARIANT_ADD(request_text, keys_in_any_order) {
	.text = "clone3 child=exec stack=mmap:4k flags=CLONE_VM",
	.canonical = "clone3 flags=CLONE_VM stack=mmap:4k child=exec",
};

FIXTURE_VARIANT_ADD(request_text, blanks_and_tabs_between_words) {
	.text = "  clone3\t\tflags=CLONE_VM \t stack=malloc:1k\t ",
	.canonical = "clone3 flags=CLONE_VM stack=malloc:1k",
};

FIXTURE_VARIANT_ADD(request_text, every_default_spelled_out) {
	.text = "clone flags=0 exit_signal=SIGCHLD stack=none size=88 tls=auto "
		"parent_tid=auto child_tid=auto pidfd=auto cgroup=none child=probe",
	.canonical = "clone",
};

FIXTURE_VARIANT_ADD(request_text, strace_default_signal_in_flags) {
	.text = "clone flags=CLONE_VM|CLONE_FS|SIGCHLD",
	.canonical = "clone flags=CLONE_VM|CLONE_FS",
};

FIXTURE_VARIANT_ADD(request_text, strace_other_signal_in_flags) {
	.text = "clone flags=SIGUSR1|CLONE_VM",
	.canonical = "clone flags=CLONE_VM exit_signal=SIGUSR1",
};

FIXTURE_VARIANT_ADD(request_text, strace_signal_alone_in_flags) {
	.text = "clone flags=SIGTERM",
	.canonical = "clone exit_signal=SIGTERM",
};

FIXTURE_VARIANT_ADD(request_text, flags_as_numbers) {
	.text = "clone flags=0x100|512",
	.canonical = "clone flags=CLONE_VM|CLONE_FS",
};

FIXTURE_VARIANT_ADD(request_text, exit_signal_as_decimal_default) {
	.text = "clone exit_signal=17",
	.canonical = "clone",
};

FIXTURE_VARIANT_ADD(request_text, exit_signal_as_hex) {
	.text = "clone exit_signal=0x0a",
	.canonical = "clone exit_signal=SIGUSR1",
};

FIXTURE_VARIANT_ADD(request_text, exit_signal_aliases) {
	.text = "clone3 exit_signal=SIGRTMIN+2",
	.canonical = "clone3 exit_signal=SIGRT_2",
};

FIXTURE_VARIANT_ADD(request_text, exit_signal_without_prefix) {
	.text = "clone3 exit_signal=CLD",
	.canonical = "clone3",
};

FIXTURE_VARIANT_ADD(request_text, size_suffixes_in_upper_case) {
	.text = "clone stack=mmap:64K size=1M",
	.canonical = "clone stack=mmap:64k size=1m",
};

FIXTURE_VARIANT_ADD(request_text, sizes_shortened) {
	.text = "clone stack=malloc:2048 size=1024k",
	.canonical = "clone stack=malloc:2k size=1m",
};

FIXTURE_VARIANT_ADD(request_text, stack_none_clears_size) {
	.text = "clone stack=none",
	.canonical = "clone",
};

FIXTURE_VARIANT_ADD(request_text, tail_in_upper_case) {
	.text = "clone3 tail=ABcd",
	.canonical = "clone3 tail=abcd",
};

FIXTURE_VARIANT_ADD(request_text, tls_in_decimal) {
	.text = "clone tls=4096",
	.canonical = "clone tls=0x1000",
};

FIXTURE_VARIANT_ADD(request_text, tls_in_upper_case_hex) {
	.text = "clone tls=0XABC",
	.canonical = "clone tls=0xabc",
};

FIXTURE_VARIANT_ADD(request_text, top_offset_in_hex) {
	.text = "clone3 tls=top-0x1000 stack=at:top-0:4096",
	.canonical = "clone3 stack=at:top:4k tls=top-4k",
};

FIXTURE_VARIANT_ADD(request_text, leading_zeros_dropped) {
	.text = "clone3 set_tid=007,0 child=exit:007",
	.canonical = "clone3 set_tid=7,0 child=exit:7",
};

TEST_F(request_text, parses_to_the_canonical_form)
{
	char text[CC_REQUEST_TEXT_MAX];
	struct cc_request req, canonical;
	struct cc_parse_error err = { 0 };

	ASSERT_EQ(0, cc_request_parse(variant->text, &req, &err))
		cc_parse_error_print(stderr, variant->text, &err);
	EXPECT_STREQ(variant->canonical, print_request(text, sizeof(text), &req));

	ASSERT_EQ(0, cc_request_parse(variant->canonical, &canonical, &err))
		cc_parse_error_print(stderr, variant->canonical, &err);
	EXPECT_TRUE(cc_request_equal(&req, &canonical));
}

/* Malformed text: where the error points and what the message says. */
FIXTURE(bad_request) {};

FIXTURE_VARIANT(bad_request) {
	const char *text;
	size_t pos;
	const char *msg;	/* a substring of the message */
};

FIXTURE_SETUP(bad_request) {}
FIXTURE_TEARDOWN(bad_request) {}

#define HEX_32_DIGITS	"00112233445566778899aabbccddeeff"
#define HEX_64_BYTES	HEX_32_DIGITS HEX_32_DIGITS HEX_32_DIGITS HEX_32_DIGITS

#define ONES_8		"1,1,1,1,1,1,1,1,"
#define ONES_32		ONES_8 ONES_8 ONES_8 ONES_8

FIXTURE_VARIANT_ADD(bad_request, empty) {
	.text = "", .pos = 0, .msg = "empty request",
};

FIXTURE_VARIANT_ADD(bad_request, only_blanks) {
	.text = " \t  ", .pos = 0, .msg = "empty request",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_entry) {
	.text = "clone4 flags=CLONE_VM", .pos = 0,
	.msg = "unknown entry point \"clone4\"; expected clone, clone3, libc, fork, vfork, posix_spawn or pthread",
};

FIXTURE_VARIANT_ADD(bad_request, entry_in_upper_case) {
	.text = "CLONE3", .pos = 0, .msg = "unknown entry point \"CLONE3\"",
};

FIXTURE_VARIANT_ADD(bad_request, entry_missing) {
	.text = "flags=CLONE_VM", .pos = 0,
	.msg = "unknown entry point \"flags=CLONE_VM\"",
};

FIXTURE_VARIANT_ADD(bad_request, trailing_newline_is_not_a_blank) {
	.text = "clone\n", .pos = 0, .msg = "unknown entry point \"clone?\"",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_key) {
	.text = "clone3 stak=mmap:64k", .pos = 7,
	.msg = "unknown key \"stak\"; expected one of flags, exit_signal, stack, size, tail, args, tls, parent_tid, child_tid, pidfd, set_tid, set_tid_size, cgroup, child, as, nproc, fds, userns, unshare, pidns, chroot, ns_limit, drop",
};

FIXTURE_VARIANT_ADD(bad_request, long_unknown_key_keeps_the_key_list) {
	.text = "clone averyveryverylongkeynamethatgoesonandon=1", .pos = 6,
	.msg = "unknown key \"averyveryverylongkey...\"; expected one of flags, exit_signal, stack, size, tail, args, tls, parent_tid, child_tid, pidfd, set_tid, set_tid_size, cgroup, child, as, nproc, fds, userns, unshare, pidns, chroot, ns_limit, drop",
};

FIXTURE_VARIANT_ADD(bad_request, key_in_upper_case) {
	.text = "clone FLAGS=CLONE_VM", .pos = 6, .msg = "unknown key \"FLAGS\"",
};

FIXTURE_VARIANT_ADD(bad_request, missing_equals) {
	.text = "clone3 flags", .pos = 7,
	.msg = "missing '=' in \"flags\"; expected key=value",
};

FIXTURE_VARIANT_ADD(bad_request, bare_flag_name) {
	.text = "clone CLONE_VM", .pos = 6, .msg = "missing '=' in \"CLONE_VM\"",
};

FIXTURE_VARIANT_ADD(bad_request, missing_key) {
	.text = "clone =CLONE_VM", .pos = 6, .msg = "missing key before '='",
};

FIXTURE_VARIANT_ADD(bad_request, missing_value) {
	.text = "clone flags= stack=none", .pos = 12,
	.msg = "flags: missing value after '='",
};

FIXTURE_VARIANT_ADD(bad_request, duplicate_key) {
	.text = "clone flags=CLONE_VM stack=none flags=CLONE_FS", .pos = 32,
	.msg = "a key given twice: \"flags\"",
};

FIXTURE_VARIANT_ADD(bad_request, exit_signal_after_signal_in_flags) {
	.text = "clone flags=CLONE_VM|SIGCHLD exit_signal=SIGUSR1", .pos = 29,
	.msg = "a key given twice: \"exit_signal\"; flags= already set the exit signal",
};

FIXTURE_VARIANT_ADD(bad_request, signal_in_flags_after_exit_signal) {
	.text = "clone exit_signal=SIGUSR1 flags=CLONE_VM|SIGCHLD", .pos = 41,
	.msg = "a second exit signal \"SIGCHLD\"; exit_signal= already set it",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_flag) {
	.text = "clone flags=CLONE_VM|CLONE_VN", .pos = 21,
	.msg = "unknown flag \"CLONE_VN\"",
};

FIXTURE_VARIANT_ADD(bad_request, empty_flag_name) {
	.text = "clone flags=CLONE_VM||CLONE_FS", .pos = 21,
	.msg = "empty flag name",
};

FIXTURE_VARIANT_ADD(bad_request, two_signals_in_flags) {
	.text = "clone flags=SIGCHLD|SIGUSR1", .pos = 20,
	.msg = "a second exit signal \"SIGUSR1\"; the first was SIGCHLD",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_exit_signal) {
	.text = "clone exit_signal=SIGFOO", .pos = 18,
	.msg = "exit_signal: unknown signal \"SIGFOO\"",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_stack_kind) {
	.text = "clone stack=mmapp:64k", .pos = 12,
	.msg = "stack: unknown kind \"mmapp\"; expected none, mmap, malloc, misaligned or at",
};

FIXTURE_VARIANT_ADD(bad_request, stack_at_without_address) {
	.text = "clone3 stack=at:64k", .pos = 16,
	.msg = "stack: at needs an address and a size, as in at:0x1000:64k",
};

FIXTURE_VARIANT_ADD(bad_request, stack_at_bad_address) {
	.text = "clone3 stack=at:0xzz:64k", .pos = 16,
	.msg = "stack: bad address \"0xzz\"",
};

FIXTURE_VARIANT_ADD(bad_request, parent_tid_for_child_tid) {
	.text = "clone3 child_tid=parent_tid", .pos = 17,
	.msg = "child_tid: parent_tid is for pidfd= only",
};

FIXTURE_VARIANT_ADD(bad_request, unknown_caller) {
	.text = "clone as=root", .pos = 9,
	.msg = "as: unknown value \"root\"; expected self or nobody",
};

FIXTURE_VARIANT_ADD(bad_request, nproc_not_a_number) {
	.text = "clone nproc=-1", .pos = 12,
	.msg = "nproc: bad limit \"-1\"",
};

FIXTURE_VARIANT_ADD(bad_request, fds_unknown) {
	.text = "clone fds=empty", .pos = 10,
	.msg = "fds: unknown value \"empty\"; expected free or full",
};

FIXTURE_VARIANT_ADD(bad_request, stack_kind_without_size) {
	.text = "clone stack=mmap", .pos = 12,
	.msg = "stack: mmap needs a size, as in mmap:64k",
};

FIXTURE_VARIANT_ADD(bad_request, stack_size_empty) {
	.text = "clone stack=malloc:", .pos = 19, .msg = "stack: bad size \"\"",
};

FIXTURE_VARIANT_ADD(bad_request, stack_none_with_size) {
	.text = "clone stack=none:4k", .pos = 17,
	.msg = "stack: none takes no size",
};

FIXTURE_VARIANT_ADD(bad_request, bad_size_suffix) {
	.text = "clone stack=mmap:64q", .pos = 17,
	.msg = "stack: bad size \"64q\"; expected bytes or a k or m suffix",
};

FIXTURE_VARIANT_ADD(bad_request, two_size_suffixes) {
	.text = "clone stack=mmap:64kk", .pos = 17,
	.msg = "stack: bad size \"64kk\"",
};

FIXTURE_VARIANT_ADD(bad_request, size_suffix_alone) {
	.text = "clone stack=mmap:k", .pos = 17, .msg = "stack: bad size \"k\"",
};

FIXTURE_VARIANT_ADD(bad_request, stack_size_overflow) {
	.text = "clone stack=mmap:18014398509481984k", .pos = 17,
	.msg = "does not fit in 64 bits",
};

FIXTURE_VARIANT_ADD(bad_request, clone3_size_overflow) {
	.text = "clone3 size=4294967296", .pos = 12,
	.msg = "size: \"4294967296\" does not fit in 32 bits",
};

FIXTURE_VARIANT_ADD(bad_request, clone3_size_junk) {
	.text = "clone3 size=88b", .pos = 12, .msg = "size: bad size \"88b\"",
};

FIXTURE_VARIANT_ADD(bad_request, bad_hex_tail) {
	.text = "clone3 tail=00zz", .pos = 14,
	.msg = "tail: 'z' is not a hex digit",
};

FIXTURE_VARIANT_ADD(bad_request, tail_with_0x_prefix) {
	.text = "clone3 tail=0x00", .pos = 13,
	.msg = "tail: 'x' is not a hex digit",
};

FIXTURE_VARIANT_ADD(bad_request, odd_hex_tail) {
	.text = "clone3 tail=abc", .pos = 12,
	.msg = "tail: odd number of hex digits (3)",
};

FIXTURE_VARIANT_ADD(bad_request, too_long_tail) {
	.text = "clone3 tail=" HEX_64_BYTES "00", .pos = 12,
	.msg = "tail: 65 bytes; at most 64 fit",
};

FIXTURE_VARIANT_ADD(bad_request, bad_tls) {
	.text = "clone tls=auto2", .pos = 10,
	.msg = "tls: expected auto or an address",
};

FIXTURE_VARIANT_ADD(bad_request, tls_overflow) {
	.text = "clone tls=0x10000000000000000", .pos = 10,
	.msg = "tls: expected auto or an address",
};

FIXTURE_VARIANT_ADD(bad_request, tls_top_times) {
	.text = "clone tls=top*2", .pos = 10,
	.msg = "tls: expected auto or an address",
};

/* The byte form keeps 32 signed bits of a top-relative offset. */
FIXTURE_VARIANT_ADD(bad_request, tls_top_offset_too_big) {
	.text = "clone tls=top-2g", .pos = 10,
	.msg = "tls: expected auto or an address",
};

/* The byte form's top-relative addresses: not an address of the text form. */
FIXTURE_VARIANT_ADD(bad_request, stack_at_byte_form_top) {
	.text = "clone3 stack=at:0xfe00000000001000:4k", .pos = 16,
	.msg = "stack: bad address \"0xfe00000000001000\"",
};

FIXTURE_VARIANT_ADD(bad_request, bad_pidfd_kind) {
	.text = "clone3 pidfd=nul", .pos = 13,
	.msg = "pidfd: unknown value \"nul\"; expected auto, null or bad or parent_tid",
};

FIXTURE_VARIANT_ADD(bad_request, bad_parent_tid_kind) {
	.text = "clone parent_tid=NULL", .pos = 17,
	.msg = "parent_tid: unknown value \"NULL\"",
};

FIXTURE_VARIANT_ADD(bad_request, bad_child_tid_kind) {
	.text = "clone child_tid=0", .pos = 16,
	.msg = "child_tid: unknown value \"0\"",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_junk) {
	.text = "clone3 set_tid=1,x,3", .pos = 17,
	.msg = "set_tid: bad pid \"x\"",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_negative) {
	.text = "clone3 set_tid=-1", .pos = 15, .msg = "set_tid: bad pid \"-1\"",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_above_int_max) {
	.text = "clone3 set_tid=2147483648", .pos = 15,
	.msg = "set_tid: bad pid \"2147483648\"",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_empty_pid) {
	.text = "clone3 set_tid=1,,2", .pos = 17, .msg = "set_tid: empty pid",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_trailing_comma) {
	.text = "clone3 set_tid=1,", .pos = 17, .msg = "set_tid: empty pid",
};

/* One more than the kernel takes is a request; two more are not. */
FIXTURE_VARIANT_ADD(bad_request, too_many_set_tid) {
	.text = "clone3 set_tid=" ONES_32 "1,1", .pos = 15 + 33 * 2,
	.msg = "set_tid: more than 33 pids",
};

FIXTURE_VARIANT_ADD(bad_request, bad_cgroup) {
	.text = "clone3 cgroup=old", .pos = 14,
	.msg = "cgroup: unknown value \"old\"; expected none, new, removed, notcgroup, closed, huge, procs, opath or v1",
};

FIXTURE_VARIANT_ADD(bad_request, bad_child_action) {
	.text = "clone child=explode", .pos = 12,
	.msg = "child: unknown action \"explode\"; expected probe, exit:CODE, overflow or exec",
};

FIXTURE_VARIANT_ADD(bad_request, child_action_with_argument) {
	.text = "clone child=probe:1", .pos = 12,
	.msg = "child: unknown action \"probe:1\"",
};

FIXTURE_VARIANT_ADD(bad_request, child_exit_without_code) {
	.text = "clone child=exit", .pos = 12,
	.msg = "child: exit needs a code, as in exit:1",
};

FIXTURE_VARIANT_ADD(bad_request, child_exit_empty_code) {
	.text = "clone child=exit:", .pos = 17, .msg = "child: bad exit code \"\"",
};

FIXTURE_VARIANT_ADD(bad_request, exit_code_256) {
	.text = "clone child=exit:256", .pos = 17,
	.msg = "child: exit code 256 out of range 0..255",
};

FIXTURE_VARIANT_ADD(bad_request, exit_code_overflow) {
	.text = "clone child=exit:99999999999999999999", .pos = 17,
	.msg = "out of range 0..255",
};

FIXTURE_VARIANT_ADD(bad_request, exit_code_negative) {
	.text = "clone child=exit:-1", .pos = 17,
	.msg = "child: bad exit code \"-1\"; expected 0..255",
};

FIXTURE_VARIANT_ADD(bad_request, error_after_valid_words) {
	.text = "clone3 flags=CLONE_VM stack=mmap:64k child=exit:1 pidfd=good",
	.pos = 56, .msg = "pidfd: unknown value \"good\"",
};

FIXTURE_VARIANT_ADD(bad_request, clone3_signal_in_flags) {
	.text = "clone3 flags=CLONE_VM|SIGCHLD", .pos = 22,
	.msg = "SIGCHLD is an exit signal, not a flag: clone3 takes it as exit_signal=SIGCHLD",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_size_with_a_list) {
	.text = "clone3 set_tid=1,2 set_tid_size=3", .pos = 19,
	.msg = "set_tid_size: only with set_tid=null or set_tid=bad",
};

FIXTURE_VARIANT_ADD(bad_request, set_tid_size_not_a_number) {
	.text = "clone3 set_tid=null set_tid_size=x", .pos = 33,
	.msg = "set_tid_size: bad size \"x\"",
};

FIXTURE_VARIANT_ADD(bad_request, ns_limit_on_the_host) {
	.text = "clone ns_limit=CLONE_NEWNET", .pos = 6,
	.msg = "ns_limit: needs userns=mapped or userns=unmapped",
};

FIXTURE_VARIANT_ADD(bad_request, ns_limit_not_a_namespace) {
	.text = "clone userns=mapped ns_limit=CLONE_NEWNET|CLONE_VM", .pos = 42,
	.msg = "ns_limit: CLONE_VM is not a namespace flag",
};

FIXTURE_VARIANT_ADD(bad_request, unshare_newuser) {
	.text = "clone unshare=CLONE_NEWUSER", .pos = 14,
	.msg = "unshare: CLONE_NEWUSER is a step of its own: write userns=mapped or userns=unmapped",
};

FIXTURE_VARIANT_ADD(bad_request, unshare_newpid_and_pidns) {
	.text = "clone unshare=CLONE_NEWPID pidns=init", .pos = 27,
	.msg = "pidns: unshare=CLONE_NEWPID already sets the pid namespace",
};

FIXTURE_VARIANT_ADD(bad_request, pidns_unknown) {
	.text = "clone pidns=zombie", .pos = 12,
	.msg = "pidns: unknown value \"zombie\"; expected none, init, setns or dead",
};

FIXTURE_VARIANT_ADD(bad_request, drop_unknown_capability) {
	.text = "clone drop=CAP_SYS_ADMIN|CAP_FLY", .pos = 25,
	.msg = "drop: unknown capability \"CAP_FLY\"",
};

FIXTURE_VARIANT_ADD(bad_request, userns_unknown) {
	.text = "clone userns=yes", .pos = 13,
	.msg = "userns: unknown value \"yes\"; expected none, mapped or unmapped",
};

TEST_F(bad_request, fails_at_the_offending_byte)
{
	struct cc_parse_error err = { .pos = 12345 };
	struct cc_request req;

	ASSERT_EQ(-1, cc_request_parse(variant->text, &req, &err));
	EXPECT_EQ(variant->pos, err.pos)
		cc_parse_error_print(stderr, variant->text, &err);
	EXPECT_NE(NULL, strstr(err.msg, variant->msg))
		TH_LOG("message \"%s\" lacks \"%s\"", err.msg, variant->msg);
	/* Messages are cut to fit; the tables above check their ends too. */
	EXPECT_LT(strlen(err.msg), sizeof(err.msg) - 1);
}

TEST(init_sets_the_documented_defaults)
{
	struct cc_request req;

	memset(&req, 0x5a, sizeof(req));
	cc_request_init(&req, CC_ENTRY_PTHREAD);
	EXPECT_EQ(CC_ENTRY_PTHREAD, (int)req.entry);
	EXPECT_EQ(0U, req.flags);
	EXPECT_EQ(17U, req.exit_signal);
	EXPECT_EQ(CC_STACK_NONE, (int)req.stack);
	EXPECT_EQ(0U, req.stack_size);
	EXPECT_EQ(88U, req.clone3_size);
	EXPECT_EQ(0U, req.tail_len);
	EXPECT_FALSE(req.tls_explicit);
	EXPECT_EQ(CC_PTR_AUTO, (int)req.parent_tid);
	EXPECT_EQ(CC_PTR_AUTO, (int)req.child_tid);
	EXPECT_EQ(CC_PTR_AUTO, (int)req.pidfd);
	EXPECT_EQ(0U, req.set_tid_size);
	EXPECT_EQ(CC_CGROUP_NONE, req.cgroup);
	EXPECT_EQ(CC_CHILD_PROBE, (int)req.child);
	EXPECT_EQ(0, req.child_exit_code);
}

TEST(entry_names_match_the_text_form)
{
	static const char *const names[CC_ENTRY_COUNT] = {
		"clone", "clone3", "libc", "fork", "vfork", "posix_spawn",
		"pthread",
	};
	int entry;

	for (entry = 0; entry < CC_ENTRY_COUNT; entry++)
		EXPECT_STREQ(names[entry], cc_entry_name(entry));
	EXPECT_STREQ("unknown", cc_entry_name(CC_ENTRY_COUNT));
	EXPECT_STREQ("unknown", cc_entry_name((enum cc_entry)-1));
}

TEST(every_entry_parses_by_name)
{
	struct cc_parse_error err;
	struct cc_request req;
	int entry;

	for (entry = 0; entry < CC_ENTRY_COUNT; entry++) {
		ASSERT_EQ(0, cc_request_parse(cc_entry_name(entry), &req, &err));
		EXPECT_EQ(entry, (int)req.entry);
	}
}

TEST(parse_error_leaves_the_request_untouched)
{
	struct cc_request req, before;
	struct cc_parse_error err;

	cc_request_init(&req, CC_ENTRY_VFORK);
	req.flags = CC_CLONE_VM;
	before = req;
	ASSERT_EQ(-1, cc_request_parse("clone3 flags=CLONE_FS stack=bogus:1",
				       &req, &err));
	EXPECT_EQ(0, memcmp(&before, &req, sizeof(req)));
}

TEST(parse_without_err_or_text_just_fails)
{
	struct cc_parse_error err;
	struct cc_request req;

	EXPECT_EQ(-1, cc_request_parse("clone4", &req, NULL));
	EXPECT_EQ(-1, cc_request_parse(NULL, &req, &err));
	EXPECT_EQ(0U, err.pos);
}

TEST(parse_tls_auto_resets_an_explicit_tls)
{
	struct cc_parse_error err;
	struct cc_request req, plain;

	ASSERT_EQ(0, cc_request_parse("clone tls=auto", &req, &err));
	cc_request_init(&plain, CC_ENTRY_CLONE);
	EXPECT_TRUE(cc_request_equal(&plain, &req));
}

TEST(equal_sees_every_field)
{
	struct cc_request base, other;
	int field;

	cc_request_init(&base, CC_ENTRY_CLONE3);
	base.tail_len = 2;
	base.tail[0] = 1;
	base.tail[1] = 2;
	base.set_tid_size = 2;
	base.set_tid[0] = 10;
	base.set_tid[1] = 20;

	for (field = 0; field < 24; field++) {
		other = base;
		switch (field) {
		case 0:
			other.entry = CC_ENTRY_CLONE;
			break;
		case 1:
			other.flags = CC_CLONE_VM;
			break;
		case 2:
			other.exit_signal = 0;
			break;
		case 3:
			other.stack = CC_STACK_MMAP;
			break;
		case 4:
			other.stack_size = 1;
			break;
		case 5:
			other.clone3_size = 64;
			break;
		case 6:
			other.tail_len = 1;
			break;
		case 7:
			other.tail[1] = 3;
			break;
		case 8:
			other.tls_explicit = true;
			break;
		case 9:
			other.tls = 1;
			break;
		case 10:
			other.parent_tid = CC_PTR_NULL;
			break;
		case 11:
			other.child_tid = CC_PTR_BAD;
			break;
		case 12:
			other.pidfd = CC_PTR_NULL;
			break;
		case 13:
			other.set_tid_size = 1;
			break;
		case 14:
			other.set_tid[1] = 21;
			break;
		case 15:
			other.cgroup = CC_CGROUP_NEW;
			break;
		case 16:
			other.child = CC_CHILD_EXEC;
			break;
		case 17:
			other.child_exit_code = 1;
			break;
		case 18:
			other.stack_addr = 0x1000;
			break;
		case 19:
			other.args_bad = true;
			break;
		case 20:
			other.caller = CC_CALLER_NOBODY;
			break;
		case 21:
			other.nproc = 0;
			break;
		case 22:
			other.fds_full = true;
			break;
		case 23:
			other.pidfd = CC_PTR_PARENT_TID;
			break;
		}
		EXPECT_FALSE(cc_request_equal(&base, &other)) TH_LOG("field %d", field);
		EXPECT_FALSE(cc_request_equal(&other, &base)) TH_LOG("field %d", field);
	}
	other = base;
	EXPECT_TRUE(cc_request_equal(&base, &other));
}

TEST(equal_ignores_unused_tail_and_set_tid_entries)
{
	struct cc_request a, b;

	cc_request_init(&a, CC_ENTRY_CLONE3);
	memset(&b, 0x5a, sizeof(b));
	cc_request_init(&b, CC_ENTRY_CLONE3);
	a.tail[5] = 1;
	b.tail[5] = 2;
	a.set_tid[3] = 4;
	b.set_tid[3] = 5;
	EXPECT_TRUE(cc_request_equal(&a, &b));
}

TEST(print_truncates_like_snprintf)
{
	const char *text = "clone3 flags=CLONE_VM stack=mmap:64k";
	struct cc_parse_error err;
	struct cc_request req;
	char buf[10];

	ASSERT_EQ(0, cc_request_parse(text, &req, &err));
	EXPECT_EQ(strlen(text), cc_request_print(NULL, 0, &req));
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(strlen(text), cc_request_print(buf, sizeof(buf), &req));
	EXPECT_STREQ("clone3 fl", buf);
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(strlen(text), cc_request_print(buf, 1, &req));
	EXPECT_EQ('\0', buf[0]);
	EXPECT_EQ('x', buf[1]);
}

/* The longest request there is must still fit CC_REQUEST_TEXT_MAX. */
TEST(longest_request_fits_the_text_max)
{
	char text[2 * CC_REQUEST_TEXT_MAX];
	struct cc_request req;
	size_t i, needed;

	cc_request_init(&req, CC_ENTRY_POSIX_SPAWN);
	req.flags = ~0ULL;
	req.exit_signal = UINT64_MAX;
	req.stack = CC_STACK_MISALIGNED;
	req.stack_size = UINT64_MAX;
	req.clone3_size = UINT32_MAX;
	req.tail_len = CC_TAIL_MAX;
	req.tls_explicit = true;
	req.tls = UINT64_MAX;
	req.parent_tid = CC_PTR_NULL;
	req.child_tid = CC_PTR_NULL;
	req.pidfd = CC_PTR_NULL;
	req.set_tid_size = CC_SET_TID_MAX;
	for (i = 0; i < CC_SET_TID_MAX; i++)
		req.set_tid[i] = INT32_MAX;
	req.cgroup = CC_CGROUP_NEW;
	req.child = CC_CHILD_OVERFLOW;

	needed = cc_request_print(text, sizeof(text), &req);
	EXPECT_LT(needed, (size_t)CC_REQUEST_TEXT_MAX) TH_LOG("%zu: %s", needed, text);
}

/* Read back what cc_parse_error_print wrote for one text. */
static char *error_report(const char *text, struct cc_parse_error *err)
{
	struct cc_request req;
	char *report = NULL;
	size_t size = 0;
	FILE *out;

	if (cc_request_parse(text, &req, err) != -1)
		return NULL;
	out = open_memstream(&report, &size);
	if (!out)
		return NULL;
	cc_parse_error_print(out, text, err);
	fclose(out);
	return report;
}

TEST(error_print_puts_the_caret_under_the_offending_byte)
{
	struct cc_parse_error err;
	char *report = error_report("clone flags=CLONE_VN", &err);

	ASSERT_NE(NULL, report);
	EXPECT_STREQ("clone flags=CLONE_VN\n"
		     "            ^ unknown flag \"CLONE_VN\"\n", report);
	free(report);
}

TEST(error_print_keeps_tabs_so_the_caret_lines_up)
{
	struct cc_parse_error err;
	char *report = error_report("clone\tstack=mmap:1x", &err);

	ASSERT_NE(NULL, report);
	EXPECT_STREQ("clone\tstack=mmap:1x\n"
		     "     \t           ^ stack: bad size \"1x\"; expected bytes or a k or m suffix, as in 64k\n",
		     report);
	free(report);
}

TEST(error_print_at_the_end_of_the_text)
{
	struct cc_parse_error err;
	char *report = error_report("clone flags=CLONE_VM|", &err);

	ASSERT_NE(NULL, report);
	EXPECT_STREQ("clone flags=CLONE_VM|\n"
		     "                     ^ empty flag name\n", report);
	free(report);
}

TEST_HARNESS_MAIN
