// SPDX-License-Identifier: GPL-2.0
/*
 * clone3_args: the input is a raw struct clone_args and its size
 * (bytes.h, the clone3_args form), which the launcher places so that it
 * ends against a PROT_NONE page.  The kernel must refuse what the model
 * says it refuses, with the model's errno, and accept the rest: a read
 * past size shows as EFAULT where the model expects none.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz.h"
#include "engine/verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cc_exec_reply reply;
	struct cc_prediction pred;
	struct cc_request req;
	char model[1024], diff[1024], details[2200];

	/* Its row's fit: a child that exits at once; this judges acceptance. */
	cc_fuzz_input(CC_TARGET_CLONE3_ARGS, data, size, &req);
	cc_model_predict(&req, cc_fuzz_env(), &pred);
	if (cc_fuzz_run(CC_TARGET_CLONE3_ARGS, &req, &reply) != CC_RESULT_OK)
		return 0;
	cc_signature_mark(&pred, &reply.obs, 1);
	if (cc_verdict_part(&req, &pred.outcome, &reply.obs, CC_PART_RET, 0, diff,
			    sizeof(diff)))
		return 0;
	cc_prediction_print(model, sizeof(model), &pred, false);
	snprintf(details, sizeof(details), "model:   %s\nkernel:  %s\n%s", model,
		 diff,
		 reply.obs.outcome.ret == -14 && pred.outcome.ret != -14 ?
			 "EFAULT where the model expects none: the kernel read past size, or a pointer the model thinks it never touches\n" :
			 "");
	cc_fuzz_finding(CC_TARGET_CLONE3_ARGS,
			reply.obs.outcome.ret < 0 ? "the kernel refuses what it must accept, or with another errno" :
					    "the kernel accepts what it must refuse",
			&req, details);
}
