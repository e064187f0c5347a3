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

#include "bytes.h"
#include "fuzz.h"

#define TARGET "clone_diff"

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

static int64_t ret_class(int64_t ret)
{
	return ret > 0 ? 0 : ret;
}

/* What differs between a and b that the model does not predict. */
static size_t unexplained(const struct outcome *a, const struct outcome *b,
			  char *buf, size_t len)
{
	const struct cc_expect *pa = &a->pred.expect, *pb = &b->pred.expect;
	size_t used = 0;
	uint32_t both, props;

	buf[0] = '\0';
	if (ret_class(a->obs.ret) != ret_class(b->obs.ret) && pa->ret == pb->ret)
		used += snprintf(buf + used, len - used, "the return (a child or an errno); ");
	if (ret_class(a->obs.ret) || ret_class(b->obs.ret) || pa->ret || pb->ret)
		return used;
	if ((a->obs.exit_kind != b->obs.exit_kind ||
	     a->obs.exit_value != b->obs.exit_value) &&
	    pa->exit_kind == pb->exit_kind && pa->exit_value == pb->exit_value)
		used += snprintf(buf + used, len - used, "how the child ended; ");
	if (a->obs.exit_signal != b->obs.exit_signal &&
	    pa->exit_signal == pb->exit_signal)
		used += snprintf(buf + used, len - used, "the exit signal; ");
	both = a->obs.measured & b->obs.measured;
	props = (a->obs.props ^ b->obs.props) & both & ~(pa->props ^ pb->props);
	for (unsigned int p = 0; p < CC_PROP_COUNT && used < len; p++)
		if (props & (1u << p))
			used += snprintf(buf + used, len - used, "%s; ",
					 cc_prop_name(p));
	return used < len ? used : len - 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cc_reader r = { .data = data, .len = size };
	static struct outcome outcomes[SPELLINGS];
	static struct cc_exec_reply reply;
	struct cc_request base;
	char what[600], a[1024], b[1024], details[3000];
	unsigned int n = 0, i;

	cc_request_decode(&r, &base);
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
		cc_fuzz_fit(&o->req);
		if (o->req.entry != spellings[i].entry)
			continue;	/* clone3 unavailable: nothing to compare */
		cc_model_predict(&o->req, cc_fuzz_env(), &o->pred);
		if (cc_fuzz_run(TARGET, &o->req, &reply) != CC_LAUNCH_OK)
			continue;
		o->obs = reply.obs;
		cc_signature_mark(&o->pred, &o->obs, 2 + i);
		n++;
	}
	for (i = 1; i < n; i++) {
		if (!unexplained(&outcomes[0], &outcomes[i], what, sizeof(what)))
			continue;
		cc_fuzz_describe(a, sizeof(a), &outcomes[0].obs);
		cc_fuzz_describe(b, sizeof(b), &outcomes[i].obs);
		snprintf(details, sizeof(details),
			 "differs, though the model predicts the same: %s\n%-18s %s\n%-18s %s\n",
			 what, outcomes[0].spelling->name, a,
			 outcomes[i].spelling->name, b);
		cc_fuzz_finding(TARGET, "two entry points disagree",
				&outcomes[i].req, details);
	}
	return 0;
}
