/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fuzz targets share: the executor's env, fitting a request to
 * what this machine allows, the outcome signature fed to the engine as
 * coverage, and the one way a finding is reported.
 *
 * A finding prints the request as text, what was expected and what was
 * seen, and how to replay it, then aborts: the engine keeps the input
 * (libFuzzer's crash-*, AFL++'s crashes/) and `clonecheck repro` turns
 * it into a standalone C program.
 */
#ifndef CLONECHECK_FUZZ_H
#define CLONECHECK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "spec/env.h"
#include "executor.h"
#include "spec/model.h"
#include "spec/request.h"

/* Which decoder a target's inputs go through (clonecheck decode, repro). */
enum cc_fuzz_form {
	CC_FORM_REQUEST,	/* cc_request_decode */
	CC_FORM_CLONE_ARGS,	/* cc_clone_args_decode */
};

/* Starts the executor (once) and returns the env its inputs see. */
const struct cc_env *cc_fuzz_env(void);

/* cc_request_fit (fit.h) with the env of the executor's inputs. */
void cc_fuzz_fit(struct cc_request *req);

/* Runs req in the executor; a leak or a broken launch is a finding. */
enum cc_result cc_fuzz_run(const char *target,
				  const struct cc_request *req,
				  struct cc_exec_reply *reply);

/*
 * Reports a finding and aborts.  what is one line; details may hold
 * several ("model: ...\nkernel: ...").
 */
void __attribute__((noreturn))
cc_fuzz_finding(const char *target, const char *what,
		const struct cc_request *req, const char *details);

/*
 * The outcome signature: which rule the model applied, the errno, the
 * sharing bits observed, the namespaces made, how the child ended; never
 * pids or times.  Marks the engine's extra coverage (libFuzzer's
 * __libfuzzer_extra_counters, AFL++'s __afl_coverage_interesting), so
 * inputs that reach a new outcome are kept.  salt tells apart the
 * places one target calls it from (clone_diff's entry points).
 */
void cc_signature_mark(const struct cc_prediction *pred,
		       const struct cc_observation *obs, unsigned int salt);

/* Number of signature slots, and how many are set (tests, bench). */
#define CC_SIGNATURE_SLOTS 256
unsigned int cc_signature_slots_hit(void);

#endif
