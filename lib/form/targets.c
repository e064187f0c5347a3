// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzz target table and what it drives; see targets.h.
 */
#include <string.h>

#include "form/bytes.h"
#include "form/fit.h"
#include "form/targets.h"

const struct cc_fuzz_target cc_fuzz_targets[CC_TARGET_COUNT] = {
#define TARGET_ROW(ID, name, form, entries, fit, about)			\
	[CC_TARGET_##ID] = { #name, CC_FORM_##form, CC_TARGET_##entries, \
			     CC_TARGET_FIT_##fit, about },
	CC_FUZZ_TARGETS(TARGET_ROW)
#undef TARGET_ROW
};

const struct cc_fuzz_target *cc_fuzz_target(const char *name)
{
	int i;

	for (i = 0; i < CC_TARGET_COUNT; i++)
		if (!strcmp(name, cc_fuzz_targets[i].name))
			return &cc_fuzz_targets[i];
	return NULL;
}

const struct cc_fuzz_target *cc_fuzz_target_of_path(const char *path)
{
	int i;

	for (i = 0; path && i < CC_TARGET_COUNT; i++)
		if (strstr(path, cc_fuzz_targets[i].name))
			return &cc_fuzz_targets[i];
	return &cc_fuzz_targets[CC_TARGET_ORACLE];
}

const char *cc_form_name(enum cc_form form)
{
	return form == CC_FORM_CLONE_ARGS ? "clone_args" : "request";
}

void cc_fuzz_decode(const struct cc_fuzz_target *t, const uint8_t *data,
		    size_t size, struct cc_request *req)
{
	struct cc_reader r = { .data = data, .len = size };

	if (t->form == CC_FORM_CLONE_ARGS)
		cc_clone_args_decode(&r, req);
	else
		cc_request_decode(&r, req);
}

size_t cc_fuzz_encode(const struct cc_fuzz_target *t,
		      const struct cc_request *req, uint8_t *buf, size_t len)
{
	struct cc_writer w = { .data = buf, .cap = len };

	if (!(t->entries & (1u << req->entry)))
		return 0;
	if (t->form == CC_FORM_CLONE_ARGS)
		cc_clone_args_encode(&w, req);
	else
		cc_request_encode(&w, req);
	return w.len;
}

void cc_fuzz_fit(const struct cc_fuzz_target *t, struct cc_request *req,
		 const struct cc_env *env)
{
	cc_request_fit(req, env);
	if (t->fit == CC_TARGET_FIT_JUDGE_RETURN) {
		/* What the child shares is clone_oracle's to judge. */
		req->child = CC_CHILD_EXIT;
		req->child_exit_code = 0;
	}
}
