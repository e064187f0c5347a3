/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The caller's steps of a request (spec/request.h), taken by the
 * launcher's caller before the call.
 */
#ifndef CLONECHECK_STEPS_H
#define CLONECHECK_STEPS_H

#include <stddef.h>

#include "engine/result.h"
#include "spec/request.h"

/*
 * Takes req's steps in this process, in request.h's order: OK, SKIP (a
 * step this caller may not take, with the evidence in why) or BROKEN.
 * pidns=init forks: the parent waits and exits with the child's status,
 * or broken_status when the child was killed, saying so in broken (the
 * launch's shared report, which outlives this process).
 */
enum cc_result cc_steps_take(const struct cc_request *req, int broken_status,
			     char *broken, size_t broken_len, char *why,
			     size_t len);

#endif
