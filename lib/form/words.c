// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "form/words.h"

bool cc_word_is(struct cc_word w, const char *s)
{
	return strlen(s) == w.len && memcmp(w.text, s, w.len) == 0;
}

bool cc_word_skip_prefix(struct cc_word *w, const char *prefix)
{
	size_t n = strlen(prefix);

	if (w->len < n || memcmp(w->text, prefix, n) != 0)
		return false;
	w->text += n;
	w->len -= n;
	return true;
}

struct cc_word cc_word_until(struct cc_word w, char c)
{
	const char *at = memchr(w.text, c, w.len);

	if (at)
		w.len = at - w.text;
	return w;
}

struct cc_word cc_word_after(struct cc_word w, char c)
{
	struct cc_word head = cc_word_until(w, c);
	struct cc_word rest = { w.text + head.len, 0 };

	if (head.len < w.len) {
		rest.text++;
		rest.len = w.len - head.len - 1;
	}
	return rest;
}

enum cc_number_status cc_parse_digits(struct cc_word w, unsigned int base,
				      uint64_t *value)
{
	bool too_big = false;
	uint64_t v = 0;
	size_t i;

	if (w.len == 0)
		return CC_NUMBER_BAD;
	for (i = 0; i < w.len; i++) {
		char c = w.text[i];
		unsigned int digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return CC_NUMBER_BAD;
		if (digit >= base)
			return CC_NUMBER_BAD;
		/* Keep scanning: junk later on is the better diagnosis. */
		if (v > (UINT64_MAX - digit) / base)
			too_big = true;
		v = v * base + digit;
	}
	if (too_big)
		return CC_NUMBER_TOO_BIG;
	*value = v;
	return CC_NUMBER_OK;
}

enum cc_number_status cc_parse_number(struct cc_word w, uint64_t *value)
{
	if (w.len >= 2 && w.text[0] == '0' &&
	    (w.text[1] == 'x' || w.text[1] == 'X')) {
		w.text += 2;
		w.len -= 2;
		return cc_parse_digits(w, 16, value);
	}
	return cc_parse_digits(w, 10, value);
}

const char *cc_excerpt(char *buf, size_t size, struct cc_word w,
		       size_t max_len)
{
	size_t n = w.len < max_len ? w.len : max_len;
	size_t i;

	if (n > size - 4)
		n = size - 4;
	for (i = 0; i < n; i++) {
		unsigned char c = w.text[i];

		buf[i] = (c >= 0x20 && c < 0x7f) ? c : '?';
	}
	if (n < w.len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}
