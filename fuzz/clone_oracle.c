// SPDX-License-Identifier: GPL-2.0
/*
 * clone_oracle: one request, decoded from the input, run in the
 * executor; the kernel's answer (errno, sharing profile, how the child
 * ended, the exit signal) must be the model's.  Any difference is a
 * finding: a kernel or libc change, or a rule the model lacks.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "engine/verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_exec_reply reply;
	struct cc_prediction pred;
	struct cc_request req;
	char model[1024], diff[4096], details[5200];

	cc_fuzz_input(CC_TARGET_ORACLE, data, size, &req);
	cc_model_predict(&req, cc_fuzz_env(), &pred);
	if (cc_fuzz_run(CC_TARGET_ORACLE, &req, &reply) != CC_RESULT_OK)
		return 0;
	cc_signature_mark(&pred, &reply.obs, 0);
	if (!cc_verdict(&req, &pred.outcome, &reply.obs, diff, sizeof(diff)))
		return 0;
	cc_prediction_print(model, sizeof(model), &pred, false);
	snprintf(details, sizeof(details), "model:   %s\nkernel:\n%s", model, diff);
	cc_fuzz_finding(CC_TARGET_ORACLE, "the kernel disagrees with the model", &req,
			details);
}
