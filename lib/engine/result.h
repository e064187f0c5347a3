/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The result class of running anything in the engine (a launch, a
 * privilege context, a fuzz input): a verdict can be reached, the thing
 * cannot run here (a SKIP, with what is missing), or the suite itself
 * failed (a broken fixture, LTP's TBROK: never a verdict on the kernel).
 */
#ifndef CLONECHECK_ENGINE_RESULT_H
#define CLONECHECK_ENGINE_RESULT_H

enum cc_result {
	CC_RESULT_OK,		/* it ran: there is something to judge */
	CC_RESULT_SKIP,		/* it cannot run here; the reason says why */
	CC_RESULT_BROKEN,	/* the fixture failed; the reason says how */
};

/* What a test prints before failing on a broken fixture (tools/ktap-run counts it). */
#define CC_BROKEN_MARK "broken fixture, not a kernel verdict"

#endif
