// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/bytes.c: the binary form fuzz inputs and corpus
 * files hold.  Every byte string decodes to a request the text parser
 * accepts, and the writer's bytes decode back to the request written.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "form/bytes.h"
#include "spec/request.h"

#include "kselftest_harness.h"
#include "form/text.h"

/* Deterministic input for the property tests: xorshift64. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static size_t encode(const struct cc_request *req, uint8_t *buf, size_t cap)
{
	struct cc_writer w = { .data = buf, .cap = cap };

	cc_request_encode(&w, req);
	return w.len;
}

static void decode(const uint8_t *buf, size_t len, struct cc_request *req)
{
	struct cc_reader r = { .data = buf, .len = len };

	cc_request_decode(&r, req);
}

TEST(empty_input_is_the_default_clone)
{
	struct cc_request got, want;

	decode(NULL, 0, &got);
	cc_request_init(&want, CC_ENTRY_CLONE);
	want.exit_signal = 0;
	want.stack_size = 0;
	want.clone3_size = 88;
	ASSERT_TRUE(cc_request_equal(&want, &got));
}

TEST(reader_past_the_end_reads_zeros)
{
	const uint8_t one[] = { 0xab };
	struct cc_reader r = { .data = one, .len = 1 };

	ASSERT_EQ(0xab, cc_read_u8(&r));
	ASSERT_EQ(0, cc_read_u8(&r));
	ASSERT_EQ(0, cc_read_u64(&r));
	ASSERT_EQ(0, cc_reader_left(&r));
}

TEST(a_short_read_keeps_the_bytes_that_were_there)
{
	const uint8_t two[] = { 0x34, 0x12 };
	struct cc_reader r = { .data = two, .len = 2 };

	ASSERT_EQ(0x1234, cc_read_u32(&r));
}

TEST(writer_counts_what_did_not_fit)
{
	uint8_t buf[2];
	struct cc_writer w = { .data = buf, .cap = sizeof(buf) };

	cc_write_u64(&w, 0x0807060504030201ULL);
	ASSERT_EQ(8, w.len);
	ASSERT_EQ(1, buf[0]);
	ASSERT_EQ(2, buf[1]);
}

/* One request per key and per escape, each through the bytes and back. */
static const char *const texts[] = {
	"clone",
	"clone3 flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID stack=mmap:64k",
	"clone flags=CLONE_NEWTIME|SIGUSR1",
	"clone3 flags=0x8000000000000000|0x400000000|CLONE_INTO_CGROUP cgroup=new",
	"clone3 exit_signal=0 stack=at:0x7f0000000000:4k size=64k",
	"clone3 exit_signal=0x111 size=63 tail=00ff01",
	"clone3 size=4097 tail=0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40",
	"clone3 stack=malloc:12345 args=bad tls=0xffffffffffffffff",
	"clone3 stack=at:top-4k:4k tls=top",
	"clone stack=at:top+2147483647:4k tls=top-2147483647",
	"clone3 flags=CLONE_PIDFD|CLONE_PARENT_SETTID pidfd=parent_tid parent_tid=bad child_tid=null",
	"clone3 flags=CLONE_NEWPID set_tid=1,65535,65534,4194304,2147483647",
	"clone3 cgroup=huge child=exit:255 as=nobody nproc=1 fds=full",
	"libc stack=misaligned:16k child=overflow",
	"posix_spawn child=exec nproc=0",
	"pthread",
	"vfork",
	"fork cgroup=closed",
	"clone3 flags=CLONE_NEWUSER as=nobody nproc=5 userns=mapped unshare=CLONE_NEWTIME|CLONE_NEWNS pidns=setns chroot=yes ns_limit=CLONE_NEWUSER|CLONE_NEWNET drop=CAP_SYS_ADMIN|CAP_CHECKPOINT_RESTORE",
	"clone userns=unmapped pidns=dead",
	"clone pidns=init drop=CAP_CHOWN",
	"clone3 set_tid=null set_tid_size=4294967295 cgroup=procs",
	"clone3 set_tid=bad set_tid_size=1 cgroup=opath",
	"clone3 set_tid=bad",
};

TEST(every_key_survives_the_bytes)
{
	unsigned int i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct cc_request want, got;
		struct cc_parse_error err;
		uint8_t buf[CC_REQUEST_BYTES_MAX];
		char text[CC_REQUEST_TEXT_MAX];
		size_t len;

		ASSERT_EQ(0, cc_request_parse(texts[i], &want, &err))
			TH_LOG("%s: %s", texts[i], err.msg);
		len = encode(&want, buf, sizeof(buf));
		ASSERT_LE(len, sizeof(buf));
		decode(buf, len, &got);
		cc_request_print(text, sizeof(text), &got);
		ASSERT_TRUE(cc_request_equal(&want, &got))
			TH_LOG("%s came back as %s", texts[i], text);
	}
}

/*
 * Random bytes: the decoded request prints as text the parser takes
 * back unchanged, and the writer's canonical bytes decode to it again.
 */
TEST(random_bytes_are_always_a_request)
{
	uint64_t state = 0x9e3779b97f4a7c15ULL;
	unsigned int n;

	for (n = 0; n < 20000; n++) {
		uint8_t input[96], canonical[CC_REQUEST_BYTES_MAX];
		char text[CC_REQUEST_TEXT_MAX];
		struct cc_request req, parsed, again;
		struct cc_parse_error err;
		size_t len = next_random(&state) % sizeof(input), i, out;

		for (i = 0; i < len; i++)
			input[i] = next_random(&state);
		decode(input, len, &req);
		ASSERT_LT(cc_request_print(text, sizeof(text), &req),
			  sizeof(text));
		ASSERT_EQ(0, cc_request_parse(text, &parsed, &err))
			TH_LOG("input %u printed as \"%s\", which does not parse: %s",
			       n, text, err.msg);
		ASSERT_TRUE(cc_request_equal(&req, &parsed))
			TH_LOG("input %u: \"%s\" parses to another request", n,
			       text);
		out = encode(&req, canonical, sizeof(canonical));
		ASSERT_LE(out, sizeof(canonical));
		decode(canonical, out, &again);
		ASSERT_TRUE(cc_request_equal(&req, &again))
			TH_LOG("input %u: \"%s\" does not survive its own bytes",
			       n, text);
	}
}

/* The clone3_args form: what raw struct bytes can say, and back. */
static const char *const clone3_texts[] = {
	"clone3",
	"clone3 flags=CLONE_VM|CLONE_PIDFD|CLONE_PARENT_SETTID|0x8000000000000000 exit_signal=0x111 stack=mmap:16k pidfd=parent_tid child_tid=null",
	"clone3 size=4097 tail=00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
	"clone3 size=63 stack=at:0:4k parent_tid=bad tls=0x7ffffffff000",
	"clone3 flags=CLONE_NEWPID set_tid=1,70000 cgroup=removed child=exit:3 as=nobody nproc=1 fds=full",
	"clone3 flags=CLONE_INTO_CGROUP cgroup=huge child=exec",
	"clone3 flags=CLONE_INTO_CGROUP cgroup=procs userns=mapped unshare=CLONE_NEWPID",
	"clone3 cgroup=opath set_tid=bad set_tid_size=2 pidns=init",
	"clone3 cgroup=closed set_tid=null set_tid_size=40",
	"clone3 flags=CLONE_INTO_CGROUP cgroup=v1",
};

TEST(raw_clone_args_survive_their_bytes)
{
	uint64_t state = 0x2545f4914f6cdd1dULL;
	unsigned int i, n;

	for (i = 0; i < sizeof(clone3_texts) / sizeof(clone3_texts[0]); i++) {
		struct cc_request want, got;
		struct cc_parse_error err;
		struct cc_reader r;
		uint8_t buf[CC_REQUEST_BYTES_MAX];
		struct cc_writer w = { .data = buf, .cap = sizeof(buf) };
		char text[CC_REQUEST_TEXT_MAX];

		ASSERT_EQ(0, cc_request_parse(clone3_texts[i], &want, &err));
		cc_clone_args_encode(&w, &want);
		ASSERT_LE(w.len, sizeof(buf));
		r = (struct cc_reader){ .data = buf, .len = w.len };
		cc_clone_args_decode(&r, &got);
		cc_request_print(text, sizeof(text), &got);
		ASSERT_TRUE(cc_request_equal(&want, &got))
			TH_LOG("%s came back as %s", clone3_texts[i], text);
	}
	for (n = 0; n < 20000; n++) {
		uint8_t input[200];
		char text[CC_REQUEST_TEXT_MAX];
		struct cc_request req, parsed;
		struct cc_parse_error err;
		struct cc_reader r = { .data = input };
		size_t k;

		r.len = next_random(&state) % sizeof(input);
		for (k = 0; k < r.len; k++)
			input[k] = next_random(&state);
		cc_clone_args_decode(&r, &req);
		ASSERT_EQ(CC_ENTRY_CLONE3, req.entry);
		cc_request_print(text, sizeof(text), &req);
		ASSERT_EQ(0, cc_request_parse(text, &parsed, &err))
			TH_LOG("raw input %u printed as \"%s\": %s", n, text,
			       err.msg);
		ASSERT_TRUE(cc_request_equal(&req, &parsed));
	}
}

TEST_HARNESS_MAIN
