/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdict: compares an expectation with an observation (the outcome
 * diff, outcome/outcome.h) and says what differs in words a kernel
 * developer can act on, with the evidence the probes left:
 *   "CLONE_FILES requested, but fd 200 opened by the child is not open
 *    in the caller"
 */
#ifndef CLONECHECK_ENGINE_VERDICT_H
#define CLONECHECK_ENGINE_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/probe.h"
#include "outcome/outcome.h"
#include "spec/request.h"

/*
 * Every difference between exp and what obs saw, one sentence a line;
 * returns the number of differences (0: pass).  req may be NULL.
 */
int cc_verdict(const struct cc_request *req, const struct cc_outcome *exp,
	       const struct cc_observation *obs, char *buf, size_t len);

/*
 * One part only (for CC_PART_PROPS, the one property prop): true when
 * it matches; else one sentence, without a newline, in msg.
 */
bool cc_verdict_part(const struct cc_request *req, const struct cc_outcome *exp,
		     const struct cc_observation *obs, enum cc_part part,
		     enum cc_prop prop, char *msg, size_t len);

#endif
