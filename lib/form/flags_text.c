// SPDX-License-Identifier: GPL-2.0
/*
 * The strace-style text form of flag sets and signals: parsing and
 * printing, on caller buffers and constant tables only.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "form/text.h"
#include "form/words.h"
#include "outcome/names.h"
#include "spec/flags.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Other spellings people paste in; printing always uses the names above. */
static const struct {
	const char *name;	/* without the SIG prefix */
	uint64_t sig;
} signal_aliases[] = {
	{ "IOT", 6 },
	{ "CLD", 17 },
	{ "POLL", 29 },
};

static bool starts_with_digit(struct cc_word w)
{
	return w.len > 0 && w.text[0] >= '0' && w.text[0] <= '9';
}

/* The n of SIGRT_n: plain decimal digits, at most CC_SIGRT_LAST - CC_SIGRT_FIRST. */
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
	if (n > CC_SIGRT_LAST - CC_SIGRT_FIRST)
		return false;
	*sig = CC_SIGRT_FIRST + n;
	return true;
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

	for (i = 1; i < cc_signal_name_count; i++) {
		if (cc_signal_names[i] &&
		    cc_word_is(w, cc_signal_names[i] + strlen("SIG"))) {
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

static void out_put(struct cc_text_out *out, const char *s)
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

static void out_word(struct cc_text_out *out, const char *s)
{
	if (out->needed > 0)
		out_put(out, "|");
	out_put(out, s);
}

size_t cc_flags_print(char *buf, size_t len, uint64_t flags,
		      uint64_t exit_signal)
{
	struct cc_text_out out = { buf, len, 0 };
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
