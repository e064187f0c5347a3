// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for lib/flags.c: the CLONE_* table, signal names and the
 * strace-style text form of flag sets.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "spec/flags.h"

#include "kselftest_harness.h"
#include "form/text.h"
#include "outcome/names.h"

/*
 * Every CC_CLONE_* macro flags.h defines, listed by the build from the
 * header itself (build/include/flag_macros.inc), with the name spelled
 * from the macro, so a flag added to the header but not to the table
 * (or misspelled there) fails here.
 */
#define FLAG_MACRO(name)	{ #name, CC_##name },

static const struct {
	const char *name;
	uint64_t bit;
} flag_macros[] = {
#include "flag_macros.inc"
};

static uint64_t all_table_bits(void)
{
	uint64_t bits = 0;
	size_t i;

	for (i = 0; i < cc_flag_count; i++)
		bits |= cc_flags[i].bit;
	return bits;
}

static size_t print_flags(char *buf, size_t len, uint64_t flags, uint64_t sig)
{
	return cc_flags_print(buf, len, flags, sig);
}

static int parse_text(const char *text, uint64_t *flags, uint64_t *sig,
		      struct cc_parse_error *err)
{
	return cc_flags_parse(text, strlen(text), flags, sig, err);
}

TEST(table_covers_every_flag_macro)
{
	size_t i;

	ASSERT_EQ(ARRAY_SIZE(flag_macros), cc_flag_count);
	for (i = 0; i < ARRAY_SIZE(flag_macros); i++) {
		const struct cc_flag *flag = cc_flag_by_bit(flag_macros[i].bit);

		ASSERT_NE(NULL, flag) TH_LOG("%s has no row", flag_macros[i].name);
		EXPECT_STREQ(flag_macros[i].name, flag->name);
	}
}

TEST(table_bits_are_unique_single_bits)
{
	size_t i, j;

	for (i = 0; i < cc_flag_count; i++) {
		uint64_t bit = cc_flags[i].bit;

		EXPECT_NE(0U, bit) TH_LOG("%s", cc_flags[i].name);
		EXPECT_EQ(0U, bit & (bit - 1)) TH_LOG("%s has several bits",
						     cc_flags[i].name);
		for (j = i + 1; j < cc_flag_count; j++)
			EXPECT_NE(bit, cc_flags[j].bit)
				TH_LOG("%s and %s share a bit",
				       cc_flags[i].name, cc_flags[j].name);
	}
}

TEST(table_is_in_ascending_bit_order)
{
	size_t i;

	for (i = 1; i < cc_flag_count; i++)
		EXPECT_LT(cc_flags[i - 1].bit, cc_flags[i].bit)
			TH_LOG("%s before %s", cc_flags[i - 1].name,
			       cc_flags[i].name);
}

/* "2.0", "2.6.24", "5.7": dot-separated numbers, two or three of them. */
static bool is_release(const char *s)
{
	int parts = 0;

	while (*s) {
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
		parts++;
		if (*s == '.')
			s++;
		else if (*s)
			return false;
	}
	return parts == 2 || parts == 3;
}

TEST(table_rows_are_complete)
{
	const unsigned int all_apis = CC_API_CLONE | CC_API_CLONE3 | CC_API_UNSHARE;
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		const struct cc_flag *flag = &cc_flags[i];

		EXPECT_EQ(0, strncmp(flag->name, "CLONE_", 6)) TH_LOG("%s", flag->name);
		EXPECT_NE(0U, flag->apis) TH_LOG("%s", flag->name);
		EXPECT_EQ(0U, flag->apis & ~all_apis) TH_LOG("%s", flag->name);
		ASSERT_NE(NULL, flag->since) TH_LOG("%s", flag->name);
		EXPECT_TRUE(is_release(flag->since))
			TH_LOG("%s since \"%s\"", flag->name, flag->since);
		ASSERT_NE(NULL, flag->meaning) TH_LOG("%s", flag->name);
		EXPECT_NE(0U, strlen(flag->meaning)) TH_LOG("%s", flag->name);
		EXPECT_EQ(NULL, strchr(flag->meaning, '\n')) TH_LOG("%s", flag->name);
	}
}

TEST(table_since_matches_kernel_history)
{
	static const struct {
		uint64_t bit;
		const char *since;
	} releases[] = {
		{ CC_CLONE_NEWTIME, "5.6" },
		{ CC_CLONE_VM, "2.0" },
		{ CC_CLONE_FS, "2.0" },
		{ CC_CLONE_FILES, "2.0" },
		{ CC_CLONE_SIGHAND, "2.0" },
		{ CC_CLONE_PIDFD, "5.2" },
		{ CC_CLONE_PTRACE, "2.2" },
		{ CC_CLONE_VFORK, "2.2" },
		{ CC_CLONE_PARENT, "2.3.12" },
		{ CC_CLONE_THREAD, "2.4.0" },
		{ CC_CLONE_NEWNS, "2.4.19" },
		{ CC_CLONE_SYSVSEM, "2.5.10" },
		{ CC_CLONE_SETTLS, "2.5.32" },
		{ CC_CLONE_PARENT_SETTID, "2.5.49" },
		{ CC_CLONE_CHILD_CLEARTID, "2.5.49" },
		{ CC_CLONE_DETACHED, "2.5.32" },
		{ CC_CLONE_UNTRACED, "2.5.46" },
		{ CC_CLONE_CHILD_SETTID, "2.5.49" },
		{ CC_CLONE_NEWCGROUP, "4.6" },
		{ CC_CLONE_NEWUTS, "2.6.19" },
		{ CC_CLONE_NEWIPC, "2.6.19" },
		{ CC_CLONE_NEWUSER, "2.6.23" },
		{ CC_CLONE_NEWPID, "2.6.24" },
		{ CC_CLONE_NEWNET, "2.6.24" },
		{ CC_CLONE_IO, "2.6.25" },
		{ CC_CLONE_CLEAR_SIGHAND, "5.5" },
		{ CC_CLONE_INTO_CGROUP, "5.7" },
	};
	size_t i;

	ASSERT_EQ(ARRAY_SIZE(releases), cc_flag_count);
	for (i = 0; i < ARRAY_SIZE(releases); i++) {
		const struct cc_flag *flag = cc_flag_by_bit(releases[i].bit);

		ASSERT_NE(NULL, flag);
		EXPECT_STREQ(releases[i].since, flag->since) TH_LOG("%s", flag->name);
	}
}

TEST(legacy_clone_takes_the_low_32_bits_except_newtime)
{
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		const struct cc_flag *flag = &cc_flags[i];
		bool expressible = flag->bit <= 0xffffffffULL &&
				   flag->bit != CC_CLONE_NEWTIME;

		EXPECT_EQ(expressible, !!(flag->apis & CC_API_CLONE))
			TH_LOG("%s", flag->name);
	}
}

TEST(clone3_takes_everything_but_detached)
{
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		const struct cc_flag *flag = &cc_flags[i];

		EXPECT_EQ(flag->bit != CC_CLONE_DETACHED,
			  !!(flag->apis & CC_API_CLONE3))
			TH_LOG("%s", flag->name);
	}
}

TEST(unshare_takes_exactly_its_documented_flags)
{
	const uint64_t unshare_bits =
		CC_CLONE_FS | CC_CLONE_FILES | CC_CLONE_NEWNS |
		CC_CLONE_SYSVSEM | CC_CLONE_NEWUTS | CC_CLONE_NEWIPC |
		CC_CLONE_NEWUSER | CC_CLONE_NEWPID | CC_CLONE_NEWNET |
		CC_CLONE_NEWCGROUP | CC_CLONE_NEWTIME |
		CC_CLONE_VM | CC_CLONE_SIGHAND | CC_CLONE_THREAD;
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		const struct cc_flag *flag = &cc_flags[i];

		EXPECT_EQ(!!(flag->bit & unshare_bits),
			  !!(flag->apis & CC_API_UNSHARE))
			TH_LOG("%s", flag->name);
	}
}

TEST(every_flag_prints_its_name)
{
	char buf[64];
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		size_t n = print_flags(buf, sizeof(buf), cc_flags[i].bit, 0);

		EXPECT_STREQ(cc_flags[i].name, buf);
		EXPECT_EQ(strlen(cc_flags[i].name), n);
	}
}

TEST(every_flag_parses_back_by_name)
{
	struct cc_parse_error err;
	uint64_t flags, sig;
	size_t i;

	for (i = 0; i < cc_flag_count; i++) {
		const char *name = cc_flags[i].name;

		ASSERT_EQ(0, parse_text(name, &flags, &sig, &err))
			TH_LOG("%s: %s", name, err.msg);
		EXPECT_EQ(cc_flags[i].bit, flags) TH_LOG("%s", name);
		EXPECT_EQ(0U, sig) TH_LOG("%s", name);
		EXPECT_EQ(&cc_flags[i], cc_flag_by_name(name, strlen(name)));
	}
}

TEST(flag_by_name_uses_len_not_the_terminator)
{
	const char *text = "CLONE_VMX";

	EXPECT_EQ(cc_flag_by_bit(CC_CLONE_VM), cc_flag_by_name(text, 8));
	EXPECT_EQ(NULL, cc_flag_by_name(text, 9));
	EXPECT_EQ(NULL, cc_flag_by_name(text, 7));
	EXPECT_EQ(NULL, cc_flag_by_name(text, 0));
	EXPECT_EQ(NULL, cc_flag_by_name("clone_vm", 8));
}

TEST(flag_by_bit_rejects_zero_combinations_and_unknown_bits)
{
	EXPECT_EQ(NULL, cc_flag_by_bit(0));
	EXPECT_EQ(NULL, cc_flag_by_bit(CC_CLONE_VM | CC_CLONE_FS));
	EXPECT_EQ(NULL, cc_flag_by_bit(1ULL << 0));
	EXPECT_EQ(NULL, cc_flag_by_bit(1ULL << 34));
	EXPECT_EQ(NULL, cc_flag_by_bit(1ULL << 63));
}

TEST(print_names_in_ascending_bit_order)
{
	char buf[256];

	print_flags(buf, sizeof(buf),
		    CC_CLONE_INTO_CGROUP | CC_CLONE_FS | CC_CLONE_VM |
		    CC_CLONE_NEWTIME, 0);
	EXPECT_STREQ("CLONE_NEWTIME|CLONE_VM|CLONE_FS|CLONE_INTO_CGROUP", buf);
}

TEST(print_empty_set_as_zero)
{
	char buf[16];

	EXPECT_EQ(1U, print_flags(buf, sizeof(buf), 0, 0));
	EXPECT_STREQ("0", buf);
}

TEST(print_signal_alone_without_zero)
{
	char buf[32];

	print_flags(buf, sizeof(buf), 0, 17);
	EXPECT_STREQ("SIGCHLD", buf);
	print_flags(buf, sizeof(buf), CC_CLONE_VM, 17);
	EXPECT_STREQ("CLONE_VM|SIGCHLD", buf);
}

TEST(print_unknown_bits_as_one_hex_word)
{
	static const struct {
		const char *name;
		uint64_t flags;
		uint64_t sig;
		const char *text;
	} rows[] = {
		{ "high_bit", 1ULL << 63, 0, "0x8000000000000000" },
		{ "bit_34", 1ULL << 34, 0, "0x400000000" },
		{ "two_unknown", (1ULL << 34) | (1ULL << 40), 0, "0x10400000000" },
		{ "after_names", CC_CLONE_VM | CC_CLONE_IO | (1ULL << 40), 0,
		  "CLONE_VM|CLONE_IO|0x10000000000" },
		{ "low_byte", 0x11, 0, "0x11" },
		{ "low_byte_and_signal", 0x11 | CC_CLONE_VM, 17,
		  "CLONE_VM|0x11|SIGCHLD" },
		{ "newtime_inside_low_byte", 0x91, 0, "CLONE_NEWTIME|0x11" },
		{ "everything", ~0ULL, 0, NULL },
	};
	char buf[1024], expected[1024];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *text = rows[i].text;

		if (!text) {
			/* Every name, then every bit the table does not name. */
			size_t j;

			expected[0] = '\0';
			for (j = 0; j < cc_flag_count; j++) {
				strcat(expected, cc_flags[j].name);
				strcat(expected, "|");
			}
			snprintf(expected + strlen(expected),
				 sizeof(expected) - strlen(expected),
				 "0x%" PRIx64, ~all_table_bits());
			text = expected;
		}
		print_flags(buf, sizeof(buf), rows[i].flags, rows[i].sig);
		EXPECT_STREQ(text, buf) TH_LOG("row %s", rows[i].name);
	}
}

TEST(print_truncates_like_snprintf)
{
	const uint64_t flags = CC_CLONE_VM | CC_CLONE_FS;
	const char *full = "CLONE_VM|CLONE_FS|SIGCHLD";
	char buf[8];

	EXPECT_EQ(strlen(full), print_flags(NULL, 0, flags, 17));
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(strlen(full), print_flags(buf, sizeof(buf), flags, 17));
	EXPECT_STREQ("CLONE_V", buf);
	memset(buf, 'x', sizeof(buf));
	EXPECT_EQ(strlen(full), print_flags(buf, 1, flags, 17));
	EXPECT_EQ('\0', buf[0]);
	EXPECT_EQ('x', buf[1]);
}

TEST(flag_sets_round_trip_with_every_signal)
{
	static const struct {
		const char *name;
		uint64_t flags;
	} rows[] = {
		{ "empty", 0 },
		{ "vm", CC_CLONE_VM },
		{ "thread_set", CC_CLONE_VM | CC_CLONE_FS | CC_CLONE_FILES |
		  CC_CLONE_SIGHAND | CC_CLONE_THREAD | CC_CLONE_SYSVSEM |
		  CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID |
		  CC_CLONE_CHILD_CLEARTID },
		{ "namespaces", CC_CLONE_NEWNS | CC_CLONE_NEWCGROUP |
		  CC_CLONE_NEWUTS | CC_CLONE_NEWIPC | CC_CLONE_NEWUSER |
		  CC_CLONE_NEWPID | CC_CLONE_NEWNET | CC_CLONE_NEWTIME },
		{ "clone3_only", CC_CLONE_CLEAR_SIGHAND | CC_CLONE_INTO_CGROUP },
		{ "low_byte", 0x7f },
		{ "low_byte_with_newtime", 0xff },
		{ "unknown_high", 0xfffffffc00000000ULL },
		{ "all_table_bits", 0 /* filled in below */ },
		{ "all_bits", ~0ULL },
	};
	char buf[1024];
	size_t i;
	uint64_t sig;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		uint64_t flags = rows[i].flags;

		if (!strcmp(rows[i].name, "all_table_bits"))
			flags = all_table_bits();
		for (sig = 0; sig <= 64; sig++) {
			struct cc_parse_error err;
			uint64_t parsed_flags = 1, parsed_sig = 99;

			print_flags(buf, sizeof(buf), flags, sig);
			ASSERT_EQ(0, parse_text(buf, &parsed_flags, &parsed_sig, &err))
				TH_LOG("row %s, \"%s\": %s", rows[i].name, buf, err.msg);
			EXPECT_EQ(flags, parsed_flags)
				TH_LOG("row %s, \"%s\"", rows[i].name, buf);
			EXPECT_EQ(sig, parsed_sig)
				TH_LOG("row %s, \"%s\"", rows[i].name, buf);
		}
	}
}

TEST(flag_sets_round_trip_without_a_signal_slot)
{
	const uint64_t sets[] = { 0, CC_CLONE_VM, 0x91, ~0ULL, all_table_bits() };
	struct cc_parse_error err;
	char buf[1024];
	uint64_t flags;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sets); i++) {
		print_flags(buf, sizeof(buf), sets[i], 0);
		ASSERT_EQ(0, parse_text(buf, &flags, NULL, &err)) TH_LOG("%s", err.msg);
		EXPECT_EQ(sets[i], flags) TH_LOG("\"%s\"", buf);
	}
}

TEST(parse_numbers_as_bits)
{
	static const struct {
		const char *text;
		uint64_t flags;
	} rows[] = {
		{ "0", 0 },
		{ "0x0", 0 },
		{ "256", CC_CLONE_VM },
		{ "0x100|0x200", CC_CLONE_VM | CC_CLONE_FS },
		{ "0X300", CC_CLONE_VM | CC_CLONE_FS },
		{ "0xABCdef", 0xabcdef },
		{ "CLONE_VM|0x100", CC_CLONE_VM },
		{ "CLONE_VM|CLONE_VM", CC_CLONE_VM },
		{ "017", 17 },	/* decimal, never octal */
		{ "18446744073709551615", UINT64_MAX },
		{ "0xffffffffffffffff", UINT64_MAX },
		{ "0x0000000000000000000001", 1 },
	};
	struct cc_parse_error err;
	uint64_t flags, sig;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		ASSERT_EQ(0, parse_text(rows[i].text, &flags, &sig, &err))
			TH_LOG("\"%s\": %s", rows[i].text, err.msg);
		EXPECT_EQ(rows[i].flags, flags) TH_LOG("\"%s\"", rows[i].text);
		EXPECT_EQ(0U, sig) TH_LOG("\"%s\"", rows[i].text);
	}
}

TEST(parse_takes_signal_in_any_position)
{
	struct cc_parse_error err;
	uint64_t flags, sig;

	ASSERT_EQ(0, parse_text("SIGUSR1|CLONE_VM", &flags, &sig, &err));
	EXPECT_EQ(CC_CLONE_VM, flags);
	EXPECT_EQ(10U, sig);
	ASSERT_EQ(0, parse_text("CLONE_VM|SIGRTMIN+2|CLONE_FS", &flags, &sig, &err));
	EXPECT_EQ(CC_CLONE_VM | CC_CLONE_FS, flags);
	EXPECT_EQ(34U, sig);
	ASSERT_EQ(0, parse_text("CHLD", &flags, &sig, &err));
	EXPECT_EQ(0U, flags);
	EXPECT_EQ(17U, sig);
}

TEST(parse_uses_len_not_the_terminator)
{
	const char *text = "CLONE_VM|CLONE_FS";
	struct cc_parse_error err;
	uint64_t flags;

	ASSERT_EQ(0, cc_flags_parse(text, 8, &flags, NULL, &err));
	EXPECT_EQ(CC_CLONE_VM, flags);
	/* Cut just after the '|': an empty last word. */
	ASSERT_EQ(-1, cc_flags_parse(text, 9, &flags, NULL, &err));
	EXPECT_EQ(9U, err.pos);
}

TEST(parse_error_leaves_outputs_untouched)
{
	struct cc_parse_error err;
	uint64_t flags = 42, sig = 43;

	ASSERT_EQ(-1, parse_text("CLONE_VM|SIGCHLD|CLONE_VN", &flags, &sig, &err));
	EXPECT_EQ(42U, flags);
	EXPECT_EQ(43U, sig);
}

TEST(parse_error_without_err_just_fails)
{
	uint64_t flags;

	EXPECT_EQ(-1, parse_text("CLONE_VN", &flags, NULL, NULL));
}

FIXTURE(bad_flags) {};

FIXTURE_VARIANT(bad_flags) {
	const char *text;
	bool signal_slot;	/* pass an exit_signal pointer */
	size_t pos;
	const char *msg;	/* a substring of the message */
};

FIXTURE_SETUP(bad_flags) {}
FIXTURE_TEARDOWN(bad_flags) {}

FIXTURE_VARIANT_ADD(bad_flags, unknown_name) {
	.text = "CLONE_VM|CLONE_VN", .signal_slot = true,
	.pos = 9, .msg = "unknown flag \"CLONE_VN\"",
};

FIXTURE_VARIANT_ADD(bad_flags, lower_case_name) {
	.text = "clone_vm", .signal_slot = true,
	.pos = 0, .msg = "unknown flag \"clone_vm\"",
};

FIXTURE_VARIANT_ADD(bad_flags, empty_text) {
	.text = "", .signal_slot = true,
	.pos = 0, .msg = "empty flag set",
};

FIXTURE_VARIANT_ADD(bad_flags, double_bar) {
	.text = "CLONE_VM||CLONE_FS", .signal_slot = true,
	.pos = 9, .msg = "empty flag name",
};

FIXTURE_VARIANT_ADD(bad_flags, leading_bar) {
	.text = "|CLONE_VM", .signal_slot = true,
	.pos = 0, .msg = "empty flag name",
};

FIXTURE_VARIANT_ADD(bad_flags, trailing_bar) {
	.text = "CLONE_VM|", .signal_slot = true,
	.pos = 9, .msg = "empty flag name",
};

FIXTURE_VARIANT_ADD(bad_flags, lone_bar) {
	.text = "|", .signal_slot = true,
	.pos = 0, .msg = "empty flag name",
};

FIXTURE_VARIANT_ADD(bad_flags, space_inside) {
	.text = "CLONE_VM|CLONE_FS CLONE_FILES", .signal_slot = true,
	.pos = 9, .msg = "unknown flag \"CLONE_FS CLONE_FILES\"",
};

FIXTURE_VARIANT_ADD(bad_flags, signal_without_slot) {
	.text = "CLONE_VM|SIGCHLD", .signal_slot = false,
	.pos = 9, .msg = "a signal \"SIGCHLD\" where only flags are allowed",
};

FIXTURE_VARIANT_ADD(bad_flags, second_signal) {
	.text = "SIGCHLD|CLONE_VM|SIGUSR1", .signal_slot = true,
	.pos = 17, .msg = "a second exit signal \"SIGUSR1\"; the first was SIGCHLD",
};

FIXTURE_VARIANT_ADD(bad_flags, same_signal_twice_by_alias) {
	.text = "SIGCLD|SIGCHLD", .signal_slot = true,
	.pos = 7, .msg = "a second exit signal \"SIGCHLD\"; the first was SIGCHLD",
};

FIXTURE_VARIANT_ADD(bad_flags, bad_hex_digit) {
	.text = "CLONE_VM|0x1g", .signal_slot = true,
	.pos = 9, .msg = "bad number \"0x1g\"",
};

FIXTURE_VARIANT_ADD(bad_flags, bare_hex_prefix) {
	.text = "0x", .signal_slot = true,
	.pos = 0, .msg = "bad number \"0x\"",
};

FIXTURE_VARIANT_ADD(bad_flags, digits_then_letters) {
	.text = "CLONE_FS|17abc", .signal_slot = true,
	.pos = 9, .msg = "bad number \"17abc\"",
};

FIXTURE_VARIANT_ADD(bad_flags, decimal_overflow) {
	.text = "CLONE_VM|18446744073709551616", .signal_slot = true,
	.pos = 9, .msg = "\"18446744073709551616\" does not fit in 64 bits",
};

FIXTURE_VARIANT_ADD(bad_flags, hex_overflow) {
	.text = "0x10000000000000000", .signal_slot = true,
	.pos = 0, .msg = "does not fit in 64 bits",
};

FIXTURE_VARIANT_ADD(bad_flags, negative_number) {
	.text = "-1", .signal_slot = true,
	.pos = 0, .msg = "unknown flag \"-1\"",
};

FIXTURE_VARIANT_ADD(bad_flags, realtime_signal_out_of_range) {
	.text = "CLONE_VM|SIGRT_33", .signal_slot = true,
	.pos = 9, .msg = "unknown flag \"SIGRT_33\"",
};

FIXTURE_VARIANT_ADD(bad_flags, long_word_is_cut_in_message) {
	.text = "CLONE_VM|CLONE_THIS_NAME_IS_FAR_TOO_LONG_TO_QUOTE_IN_FULL_HERE",
	.signal_slot = true,
	.pos = 9, .msg = "...\"",
};

TEST_F(bad_flags, fails_at_the_offending_word)
{
	struct cc_parse_error err = { .pos = 12345 };
	uint64_t flags = 0, sig = 0;

	ASSERT_EQ(-1, cc_flags_parse(variant->text, strlen(variant->text),
				     &flags, variant->signal_slot ? &sig : NULL,
				     &err));
	EXPECT_EQ(variant->pos, err.pos) TH_LOG("message: %s", err.msg);
	EXPECT_NE(NULL, strstr(err.msg, variant->msg))
		TH_LOG("message \"%s\" lacks \"%s\"", err.msg, variant->msg);
}

TEST(signal_names_match_strace)
{
	static const char *const names[] = {
		NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
		"SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV",
		"SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
		"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
		"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM",
		"SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
	};
	char buf[32];
	uint64_t sig;

	for (sig = 1; sig < ARRAY_SIZE(names); sig++) {
		EXPECT_EQ((const char *)buf, cc_signal_name(sig, buf, sizeof(buf)));
		EXPECT_STREQ(names[sig], buf);
	}
}

TEST(realtime_signals_print_as_sigrt_n)
{
	char buf[32], expected[32];
	uint64_t sig;

	for (sig = 32; sig <= 64; sig++) {
		snprintf(expected, sizeof(expected), "SIGRT_%" PRIu64, sig - 32);
		EXPECT_STREQ(expected, cc_signal_name(sig, buf, sizeof(buf)));
	}
}

TEST(unnamed_signals_print_in_decimal)
{
	char buf[32];

	EXPECT_STREQ("0", cc_signal_name(0, buf, sizeof(buf)));
	EXPECT_STREQ("65", cc_signal_name(65, buf, sizeof(buf)));
	EXPECT_STREQ("255", cc_signal_name(255, buf, sizeof(buf)));
	EXPECT_STREQ("18446744073709551615",
		     cc_signal_name(UINT64_MAX, buf, sizeof(buf)));
}

TEST(signal_name_truncates_to_the_buffer)
{
	char buf[4];

	EXPECT_STREQ("SIG", cc_signal_name(17, buf, sizeof(buf)));
}

TEST(signals_round_trip_by_name_and_number)
{
	const uint64_t big[] = { 100, 1000, 1ULL << 32, UINT64_MAX };
	char buf[32];
	uint64_t sig, parsed;
	size_t i;

	for (sig = 0; sig <= 300; sig++) {
		cc_signal_name(sig, buf, sizeof(buf));
		ASSERT_EQ(0, cc_signal_parse(buf, strlen(buf), &parsed)) TH_LOG("%s", buf);
		EXPECT_EQ(sig, parsed) TH_LOG("%s", buf);
	}
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		cc_signal_name(big[i], buf, sizeof(buf));
		ASSERT_EQ(0, cc_signal_parse(buf, strlen(buf), &parsed)) TH_LOG("%s", buf);
		EXPECT_EQ(big[i], parsed) TH_LOG("%s", buf);
	}
}

TEST(signal_parse_accepts_aliases_and_short_forms)
{
	static const struct {
		const char *text;
		uint64_t sig;
	} rows[] = {
		{ "SIGIOT", 6 },
		{ "SIGCLD", 17 },
		{ "SIGPOLL", 29 },
		{ "IOT", 6 },
		{ "CHLD", 17 },
		{ "USR1", 10 },
		{ "SIGRTMIN+0", 32 },
		{ "SIGRTMIN+3", 35 },
		{ "SIGRTMIN+32", 64 },
		{ "RTMIN+1", 33 },
		{ "SIGRT_0", 32 },
		{ "SIGRT_32", 64 },
		{ "RT_5", 37 },
		{ "0", 0 },
		{ "17", 17 },
		{ "0x11", 17 },
		{ "18446744073709551615", UINT64_MAX },
	};
	uint64_t sig;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		ASSERT_EQ(0, cc_signal_parse(rows[i].text, strlen(rows[i].text), &sig))
			TH_LOG("\"%s\"", rows[i].text);
		EXPECT_EQ(rows[i].sig, sig) TH_LOG("\"%s\"", rows[i].text);
	}
}

TEST(signal_parse_rejects_junk)
{
	static const char *const rows[] = {
		"", "SIG", "SIGFOO", "sigchld", "SIGCHLD ", " SIGCHLD",
		"SIGRT_", "SIGRT_33", "SIGRT_x", "SIGRT_+1", "SIGRT_100",
		"SIGRTMIN+", "SIGRTMIN+33", "SIGRTMIN-1", "SIGRTMAX+1",
		"SIGSIGCHLD", "SIG17", "0x", "17x", "-1",
		"18446744073709551616", "0x10000000000000000",
	};
	uint64_t sig = 7;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		const char *text = rows[i];

		EXPECT_EQ(-1, cc_signal_parse(text, strlen(text), &sig))
			TH_LOG("\"%s\"", text);
	}
	EXPECT_EQ(7U, sig);
}

TEST(signal_parse_uses_len_not_the_terminator)
{
	uint64_t sig;

	ASSERT_EQ(0, cc_signal_parse("SIGCHLDREN", 7, &sig));
	EXPECT_EQ(17U, sig);
	ASSERT_EQ(0, cc_signal_parse("170", 2, &sig));
	EXPECT_EQ(17U, sig);
}

TEST_HARNESS_MAIN
