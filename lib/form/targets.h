/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzz targets: one row each, the one list everything else reads
 * (the targets themselves, `clonecheck targets`, encode, decode and
 * repro, make seeds, the smoke test, the OSS-Fuzz build).  A target's
 * code is fuzz/<name>.c; adding one is a row here and that file.
 *
 *   X(ID, name, form, entries, fit, about)
 *
 *   ID       CC_TARGET_<ID>
 *   name     the target's name, and its file's
 *   form     how its input decodes: REQUEST (cc_request_decode) or
 *            CLONE_ARGS (a raw struct clone_args, cc_clone_args_decode)
 *   entries  the entry points its seeds call: CC_TARGET_<entries>
 *   fit      what it does to a decoded request after cc_request_fit
 *            (fit.h): NONE, or JUDGE_RETURN (a child that exits at
 *            once: it judges acceptance only)
 *   about    one line
 */
#ifndef CLONECHECK_FORM_TARGETS_H
#define CLONECHECK_FORM_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "spec/env.h"
#include "spec/request.h"

#define CC_FUZZ_TARGETS(X)						\
	X(ORACLE, clone_oracle, REQUEST, ANY, NONE,			\
	  "one request: the kernel's answer must be the model's")	\
	X(DIFF, clone_diff, REQUEST, RAW, NONE,				\
	  "one request through every entry point that can spell it: they must agree where the model says they do") \
	X(CLONE3_ARGS, clone3_args, CLONE_ARGS, CLONE3, JUDGE_RETURN,	\
	  "a raw struct clone_args of fuzzed size against a PROT_NONE page: accepted and refused as the model says")

enum cc_target_id {
#define CC_TARGET_ENUM(ID, ...) CC_TARGET_##ID,
	CC_FUZZ_TARGETS(CC_TARGET_ENUM)
#undef CC_TARGET_ENUM
	CC_TARGET_COUNT
};

/* How a target's input decodes. */
enum cc_form {
	CC_FORM_REQUEST,	/* the request form (bytes.h) */
	CC_FORM_CLONE_ARGS,	/* the clone3_args form (bytes.h) */
};

/* Entry points a target's seeds call, as 1 << enum cc_entry bits. */
#define CC_TARGET_ANY		((1u << CC_ENTRY_COUNT) - 1)
#define CC_TARGET_RAW		((1u << CC_ENTRY_CLONE) | (1u << CC_ENTRY_CLONE3) | \
				 (1u << CC_ENTRY_LIBC))
#define CC_TARGET_CLONE3	(1u << CC_ENTRY_CLONE3)

/* A target's hook after cc_request_fit. */
enum cc_target_fit {
	CC_TARGET_FIT_NONE,
	CC_TARGET_FIT_JUDGE_RETURN,	/* child=exit:0: only the return is judged */
};

struct cc_fuzz_target {
	const char *name;
	enum cc_form form;
	unsigned int entries;
	enum cc_target_fit fit;
	const char *about;
};

extern const struct cc_fuzz_target cc_fuzz_targets[CC_TARGET_COUNT];

/* The target of that name, or NULL. */
const struct cc_fuzz_target *cc_fuzz_target(const char *name);

/* The target whose name path holds (a corpus, an input), else clone_oracle. */
const struct cc_fuzz_target *cc_fuzz_target_of_path(const char *path);

/* "request" or "clone_args". */
const char *cc_form_name(enum cc_form form);

/* Decodes an input of target t: never fails (bytes.h). */
void cc_fuzz_decode(const struct cc_fuzz_target *t, const uint8_t *data,
		    size_t size, struct cc_request *req);

/*
 * Encodes req as an input of target t.  Returns the length, or 0 when
 * t's seeds do not call req's entry point.
 */
size_t cc_fuzz_encode(const struct cc_fuzz_target *t,
		      const struct cc_request *req, uint8_t *buf, size_t len);

/* What t runs of a decoded request: cc_request_fit, then t's hook. */
void cc_fuzz_fit(const struct cc_fuzz_target *t, struct cc_request *req,
		 const struct cc_env *env);

#endif
