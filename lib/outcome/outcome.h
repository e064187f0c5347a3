/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The outcome of a call: what it returned, how the child ended, the exit
 * signal the parent got, and which properties were on.  One type for
 * what a case row expects, what the model predicts and what the probes
 * observed, with one printer and one diff, so the three always line up
 * and are always said in the same words.
 *
 *   a child; it exits with 0; the parent gets SIGCHLD; on: memory fd_table
 *   refused with EINVAL by rule sighand_without_vm in copy_process: ...
 */
#ifndef CLONECHECK_OUTCOME_OUTCOME_H
#define CLONECHECK_OUTCOME_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "outcome/names.h"
#include "outcome/props.h"

/* How the child ended. */
enum cc_end {
	CC_END_NONE,		/* no child was made */
	CC_END_EXITED,		/* it exited; end_value is the status */
	CC_END_KILLED,		/* a signal killed it; end_value is the signal */
	CC_END_THREAD,		/* a thread that ran to its end: no status */
	CC_END_REAPED,		/* reaped at once: nobody could wait for it */
	CC_END_VANISHED,	/* gone without finishing its probes (a fault) */
	CC_END_COUNT
};

struct cc_outcome {
	int64_t ret;		/* -errno: refused; else a child (its tid, once seen) */
	enum cc_end end;
	int32_t end_value;	/* exit status or signal number */
	uint64_t exit_signal;	/* the parent's signal at the end; 0: none */
	uint32_t props;		/* CC_P() bits that are on; the rest are off */
	uint32_t unmeasured;	/* CC_P() bits without a value (observations) */
};

/* Whether the outcome is a child (else a refusal). */
static inline bool cc_outcome_child(const struct cc_outcome *o)
{
	return o->ret >= 0;
}

/* Why a call was refused, when a rule of the model says so. */
struct cc_cause {
	const char *rule;	/* "sighand_without_vm" */
	const char *function;	/* "copy_process" */
	const char *says;	/* the condition in words */
};

/*
 * One line (json: one object): a refusal with its errno and, when cause
 * is not NULL, the rule; or the child's end, the exit signal and the
 * properties on (and those not measured).  snprintf semantics.
 */
size_t cc_outcome_print(char *buf, size_t len, const struct cc_outcome *o,
			const struct cc_cause *cause, bool json);

/* The parts of an outcome a comparison looks at. */
enum cc_part {
	CC_PART_RET		= 1 << 0,
	CC_PART_END		= 1 << 1,
	CC_PART_EXIT_SIGNAL	= 1 << 2,
	CC_PART_PROPS		= 1 << 3,
	CC_PART_ALL		= 0xf,
};

/*
 * What differs between a and b, on the parts asked for and, of the
 * properties, on those in props_mask.  A refusal is compared on its
 * errno only: when either is refused, or the two differ in their
 * return, nothing else is compared.  A property without a value on one
 * side differs only where the other side wants it on.
 */
struct cc_outcome_delta {
	unsigned int parts;	/* enum cc_part bits that differ */
	uint32_t props;		/* the properties that differ */
	uint32_t unmeasured;	/* of those, the ones a side did not measure */
};

void cc_outcome_compare(const struct cc_outcome *a, const struct cc_outcome *b,
			unsigned int parts, uint32_t props_mask,
			struct cc_outcome_delta *delta);

/*
 * Words for one difference, written by the one who knows more than the
 * two outcomes (the verdict knows the fd the probe used, the model its
 * rule).  Returns the length written, or 0 to have the plain line.
 */
struct cc_explainer {
	size_t (*explain)(const void *ctx, enum cc_part part, enum cc_prop prop,
			  const char *plain, char *buf, size_t len);
	const void *ctx;
};

/*
 * Every difference, one line each, with the sides named by a_says and
 * b_says ("expected", "observed"):
 *
 *   the call: expected EINVAL, observed EPERM
 *   how the child ended: expected exit status 0, observed killed by SIGSEGV
 *   the exit signal: expected SIGCHLD, observed none
 *   fd_table: expected on, observed off
 *
 * Returns the number of differences.  explainer may be NULL.
 */
int cc_outcome_diff(const char *a_says, const struct cc_outcome *a,
		    const char *b_says, const struct cc_outcome *b,
		    unsigned int parts, uint32_t props_mask,
		    const struct cc_explainer *explainer, char *buf,
		    size_t len);

/* The words for one part of an outcome, as the diff uses them. */
const char *cc_outcome_ret_text(const struct cc_outcome *o, char *buf,
				size_t len);
const char *cc_outcome_end_text(const struct cc_outcome *o, char *buf,
				size_t len);
const char *cc_outcome_exit_signal_text(const struct cc_outcome *o,
					char *buf, size_t len);

/* The name of an end for JSON ("exited"). */
const char *cc_end_name(enum cc_end end);

#endif
