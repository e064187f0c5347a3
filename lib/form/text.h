/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text forms: a request on one line (the keys are listed in
 * spec/request.h), a flag set in strace's spelling
 * ("CLONE_VM|CLONE_FS|SIGCHLD", unknown bits as "0x..."), a signal.
 * Parsers point at the byte they could not take; printers write the
 * canonical form, which parses back to an equal value.
 */
#ifndef CLONECHECK_FORM_TEXT_H
#define CLONECHECK_FORM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "spec/request.h"

/* Where a text failed to parse: byte offset into the text and why. */
struct cc_parse_error {
	size_t pos;
	char msg[240];
};

/*
 * Parses "SIGCHLD", "SIGRT_3", "SIGRTMIN+3", "CHLD" or a decimal or 0x
 * number.  Returns 0, or -1 when the word is none of these.
 */
int cc_signal_parse(const char *word, size_t len, uint64_t *sig);

/*
 * Parses a flag set such as "CLONE_VM|CLONE_FS|SIGCHLD" or "0".
 * Each word is a flag name, a number (decimal or 0x), or, when
 * exit_signal is not NULL, one signal name which goes to *exit_signal.
 * A number that is a multiple of bits is allowed.  Returns 0, or -1 with
 * err->pos pointing at the offending word (offset into text).
 */
int cc_flags_parse(const char *text, size_t len, uint64_t *flags,
		   uint64_t *exit_signal, struct cc_parse_error *err);

/*
 * Prints flags in strace's spelling: names in bit order, bits without a
 * name as one trailing 0x number, and, if exit_signal is not 0, the
 * signal name last (legacy clone style).  An empty set prints "0".
 * Returns the length the full text needs (snprintf semantics).
 */
size_t cc_flags_print(char *buf, size_t len, uint64_t flags,
		      uint64_t exit_signal);

/*
 * Parses the text form of a request.  Returns 0, or -1 with err->pos at
 * the offending word and err->msg saying what is wrong with it.
 */
int cc_request_parse(const char *text, struct cc_request *req,
		     struct cc_parse_error *err);

/* Canonical text form; snprintf semantics. */
size_t cc_request_print(char *buf, size_t len, const struct cc_request *req);

/*
 * Prints a parse error as the text, a caret under the offending
 * position and the message, e.g.
 *   clone flags=CLONE_VN
 *               ^ unknown flag "CLONE_VN"
 */
void cc_parse_error_print(FILE *out, const char *text,
			  const struct cc_parse_error *err);

/* The printers' snprintf-style output: writes what fits, counts what was needed. */
struct cc_text_out {
	char *buf;
	size_t size;
	size_t needed;
};

#endif
