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

#include "executor.h"
#include "form/targets.h"
#include "spec/env.h"
#include "spec/model.h"
#include "spec/request.h"

/* Starts the executor (once) and returns the env its inputs see. */
const struct cc_env *cc_fuzz_env(void);

/*
 * An input of target id as the target runs it: decoded (its row's form)
 * and fitted to the env of the executor's inputs (cc_fuzz_fit).
 */
void cc_fuzz_input(enum cc_target_id id, const uint8_t *data, size_t size,
		   struct cc_request *req);

/* Runs req in the executor; a leak or a broken launch is a finding. */
enum cc_result cc_fuzz_run(enum cc_target_id id, const struct cc_request *req,
			   struct cc_exec_reply *reply);

/*
 * Reports a finding and aborts.  what is one line; details may hold
 * several ("model: ...\nkernel: ...").
 */
void __attribute__((noreturn))
cc_fuzz_finding(enum cc_target_id id, const char *what,
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

/* How many of the model's rules (cc_rules[], or none) inputs reached. */
unsigned int cc_signature_rules_hit(void);

#endif
