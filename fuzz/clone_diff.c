// SPDX-License-Identifier: GPL-2.0
/*
 * clone_diff: one request spelled through every entry point that can
 * express it: raw clone3 with struct sizes 88, 80 and 64, raw clone and
 * the libc clone() wrapper.  Their outcomes must agree wherever the
 * model says they agree; where the model predicts a difference (clone
 * refuses PIDFD with PARENT_SETTID, glibc refuses a NULL stack, ...)
 * they may differ.  The model is consulted for the difference only, so
 * this target finds what the entry points do differently even where
 * the model is wrong about all of them alike.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

struct spelling {
	enum cc_entry entry;
	uint32_t size;
	const char *name;
};

static const struct spelling spellings[] = {
	{ CC_ENTRY_CLONE3, CC_CLONE_ARGS_SIZE_VER2, "clone3 (size 88)" },
	{ CC_ENTRY_CLONE3, CC_CLONE_ARGS_SIZE_VER1, "clone3 (size 80)" },
	{ CC_ENTRY_CLONE3, CC_CLONE_ARGS_SIZE_VER0, "clone3 (size 64)" },
	{ CC_ENTRY_CLONE, 0, "clone" },
	{ CC_ENTRY_LIBC, 0, "the libc clone()" },
};
#define SPELLINGS (sizeof(spellings) / sizeof(spellings[0]))

/* Whether the request says the same thing through this entry point. */
static bool expressible(const struct cc_request *req, const struct spelling *s)
{
	bool legacy = s->entry != CC_ENTRY_CLONE3;

	if (legacy)
		return !(req->flags >> 32) && req->exit_signal <= 0xff &&
		       !req->set_tid_size && req->cgroup == CC_CGROUP_NONE &&
		       !req->args_bad &&
		       (s->entry != CC_ENTRY_LIBC || req->stack != CC_STACK_NONE);
	/* Smaller structs leave set_tid and cgroup out. */
	if (s->size < CC_CLONE_ARGS_SIZE_VER2 &&
	    (req->cgroup != CC_CGROUP_NONE || req->flags & CC_CLONE_INTO_CGROUP))
		return false;
	if (s->size < CC_CLONE_ARGS_SIZE_VER1 && req->set_tid_size)
		return false;
	return true;
}

struct outcome {
	const struct spelling *spelling;
	struct cc_request req;
	struct cc_prediction pred;
	struct cc_observation obs;
};

/*
 * What differs between the two observations that the model does not
 * predict: the outcome diff of a and b, on the parts and properties
 * where the predictions for a and b agree.  Where the model predicts
 * different returns, nothing is compared (one may be refused).
 */
static int unexplained(const struct outcome *a, const struct outcome *b,
		       char *buf, size_t len)
{
	struct cc_outcome_delta predicted;
	char a_says[64], b_says[64];

	cc_outcome_compare(&a->pred.outcome, &b->pred.outcome, CC_PART_ALL,
			   CC_PROPS_ALL, &predicted);
	if (predicted.parts & CC_PART_RET)
		return 0;
	snprintf(a_says, sizeof(a_says), "%s gives", a->spelling->name);
	snprintf(b_says, sizeof(b_says), "%s gives", b->spelling->name);
	return cc_outcome_diff(a_says, &a->obs.outcome, b_says, &b->obs.outcome,
			       CC_PART_ALL & ~predicted.parts,
			       CC_PROPS_ALL & ~predicted.props, NULL, buf, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct cc_fuzz_target *self = &cc_fuzz_targets[CC_TARGET_DIFF];
	static struct outcome outcomes[SPELLINGS];
	static struct cc_exec_reply reply;
	struct cc_request base;
	char what[1500], a[1024], b[1024], details[4000];
	unsigned int n = 0, i;

	cc_fuzz_decode(self, data, size, &base);
	base.tail_len = 0;
	for (i = 0; i < SPELLINGS; i++) {
		struct outcome *o = &outcomes[n];

		if (!expressible(&base, &spellings[i]))
			continue;
		o->spelling = &spellings[i];
		o->req = base;
		o->req.entry = spellings[i].entry;
		if (spellings[i].size)
			o->req.clone3_size = spellings[i].size;
		cc_fuzz_fit(self, &o->req, cc_fuzz_env());
		if (o->req.entry != spellings[i].entry)
			continue;	/* clone3 unavailable: nothing to compare */
		cc_model_predict(&o->req, cc_fuzz_env(), &o->pred);
		if (cc_fuzz_run(CC_TARGET_DIFF, &o->req, &reply) != CC_RESULT_OK)
			continue;
		o->obs = reply.obs;
		cc_signature_mark(&o->pred, &o->obs, 2 + i);
		n++;
	}
	for (i = 1; i < n; i++) {
		if (!unexplained(&outcomes[0], &outcomes[i], what, sizeof(what)))
			continue;
		cc_outcome_print(a, sizeof(a), &outcomes[0].obs.outcome, NULL,
				 false);
		cc_outcome_print(b, sizeof(b), &outcomes[i].obs.outcome, NULL,
				 false);
		snprintf(details, sizeof(details),
			 "differs where the model predicts the same:\n%s%-18s %s\n%-18s %s\n",
			 what, outcomes[0].spelling->name, a,
			 outcomes[i].spelling->name, b);
		cc_fuzz_finding(CC_TARGET_DIFF, "two entry points disagree",
				&outcomes[i].req, details);
	}
	return 0;
}
