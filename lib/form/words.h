/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Words cut out of a larger text, and the number parsing and quoting the
 * text forms (flags.c, request.c) share.  Internal to lib/: caller
 * buffers only, no allocation, no state.
 */
#ifndef CLONECHECK_TEXT_H
#define CLONECHECK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A word with a length, cut out of the text being parsed. */
struct cc_word {
	const char *text;
	size_t len;
};

bool cc_word_is(struct cc_word w, const char *s);

/* Drops prefix from the front of *w if it is there; says whether it was. */
bool cc_word_skip_prefix(struct cc_word *w, const char *prefix);

/* The part of w before the first c, or all of w. */
struct cc_word cc_word_until(struct cc_word w, char c);

/* The part of w after the first c, or an empty word at its end. */
struct cc_word cc_word_after(struct cc_word w, char c);

enum cc_number_status {
	CC_NUMBER_OK,
	CC_NUMBER_BAD,		/* empty, or a byte that is not a digit */
	CC_NUMBER_TOO_BIG,	/* well formed, but above UINT64_MAX */
};

/* Digits in base 10 or 16, nothing else. */
enum cc_number_status cc_parse_digits(struct cc_word w, unsigned int base,
				      uint64_t *value);

/* Decimal, or hex after 0x; never octal, whatever strtoul would do. */
enum cc_number_status cc_parse_number(struct cc_word w, uint64_t *value);

/*
 * A word quoted in a message: cut to max_len bytes (with "..." after it)
 * so the message stays within struct cc_parse_error, unprintable bytes
 * shown as '?'.  Returns buf.
 */
const char *cc_excerpt(char *buf, size_t size, struct cc_word w,
		       size_t max_len);

#endif
