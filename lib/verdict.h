/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdict: compares an expectation with an observation and says what
 * differs in words a kernel developer can act on:
 *   "CLONE_FILES requested, but fd 200 opened by the child is not open
 *    in the caller"
 */
#ifndef CLONECHECK_VERDICT_H
#define CLONECHECK_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probe.h"
#include "request.h"

struct cc_expect {
	int64_t ret;		/* 0: a child is created; else -errno */
	uint32_t props;		/* CC_P() bits that must be true; the rest false */
	uint64_t exit_signal;	/* signal the parent gets at the end; 0: none */
	enum cc_exit_kind exit_kind;
	int32_t exit_value;
};

/* "EINVAL" for 22; a number for errnos without a name here. */
const char *cc_errno_name(int err, char *buf, size_t len);

/*
 * Each check returns true when the observation matches; otherwise it
 * writes one sentence to msg.
 */
bool cc_verdict_ret(const struct cc_expect *exp,
		    const struct cc_observation *obs, char *msg, size_t len);
bool cc_verdict_prop(const struct cc_request *req, const struct cc_expect *exp,
		     const struct cc_observation *obs, enum cc_prop prop,
		     char *msg, size_t len);
bool cc_verdict_exit(const struct cc_expect *exp,
		     const struct cc_observation *obs, char *msg, size_t len);
bool cc_verdict_exit_signal(const struct cc_expect *exp,
			    const struct cc_observation *obs, char *msg,
			    size_t len);

/*
 * Every check above, one sentence a line; returns the number of
 * differences (0: pass).
 */
int cc_verdict(const struct cc_request *req, const struct cc_expect *exp,
	       const struct cc_observation *obs, char *buf, size_t len);

#endif
