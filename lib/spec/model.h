/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model: an executable specification of clone(2) and clone3(2).
 *
 * From a request and the environment it predicts, without running
 * anything, what the call returns and, when a child is made, what the
 * probes will see: the same struct cc_outcome a case row writes by hand.
 *
 * A refusal is the first rule, in the kernel's own order, whose
 * condition holds.  Rules are data (model.c, cc_rules[]): the errno, the
 * entry points, the kernel versions, the function the check lives in,
 * and the condition, as a flag mask plus, where flags do not say it all,
 * a predicate over the call and the environment.
 *
 * The model never looks at what the kernel answered.
 */
#ifndef CLONECHECK_MODEL_H
#define CLONECHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spec/env.h"
#include "spec/fixes.h"
#include "spec/request.h"
#include "outcome/outcome.h"

/*
 * x86-64 with 4-level paging: the first address above user space
 * (TASK_SIZE_MAX).  The running kernel's is in the env (5-level paging
 * moves it); this one stands where no env is, as in the fuzz form.
 */
#define CC_TASK_SIZE_MAX	0x00007ffffffff000ULL

/* The end of user space on the machine the env describes. */
static inline uint64_t cc_env_top(const struct cc_env *env)
{
	return env && env->task_size_max ? env->task_size_max : CC_TASK_SIZE_MAX;
}

/* Which entry points a rule applies to. */
enum cc_rule_entry {
	CC_RULE_CLONE	= 1 << 0,	/* raw clone(2) */
	CC_RULE_CLONE3	= 1 << 1,	/* raw clone3(2) */
	CC_RULE_LIBC	= 1 << 2,	/* the libc clone() wrapper */
	CC_RULE_LEGACY	= CC_RULE_CLONE | CC_RULE_LIBC,
	CC_RULE_ALL	= CC_RULE_CLONE | CC_RULE_CLONE3 | CC_RULE_LIBC,
};

/*
 * What the kernel receives: the request after the entry point's own
 * translation (legacy clone cuts flags to 32 bits and takes the exit
 * signal from the low byte; clone3 reads only `size` bytes).
 */
struct cc_call {
	const struct cc_request *req;
	unsigned int entry;		/* one enum cc_rule_entry bit */
	uint64_t flags;
	uint64_t exit_signal;
	uint64_t stack, stack_size;	/* clone3's view; 0 when none */
	uint32_t set_tid_size;		/* 0 when size leaves it out */
	bool tail_nonzero;		/* a non-zero byte past the kernel's struct */
	bool pidfd_is_parent_tid;	/* both point at one address */
	bool cgroup_read;		/* clone_args.cgroup within size */
	bool legacy_stack_null;		/* legacy clone of a stack=at: whose top,
					   as the register holds it (32 bits
					   for an i386 caller), is 0: no stack
					   (the child takes the caller's sp) */
	bool tls_explicit;		/* the request names the tls argument */
	uint64_t tls;			/* ... as copy_thread gets it: a 32-bit
					   caller's legacy clone passes the
					   low half of what the request names */
};

struct cc_rule {
	const char *name;		/* "sighand_without_vm" */
	const char *function;		/* "copy_process", "glibc clone()" */
	int err;			/* positive errno */
	unsigned int entries;		/* enum cc_rule_entry bits */
	unsigned int since, until;	/* kernel versions [since, until); 0: open */
	/*
	 * A change that stable releases took (spec/fixes.h): the rule is
	 * out of force where the kernel has until_fix, and in force only
	 * where it has since_fix.
	 */
	const struct cc_fix *until_fix, *since_fix;
	uint64_t mask, value;		/* (flags & mask) == value; value 0: any bit of mask */
	bool (*also)(const struct cc_call *call, const struct cc_env *env);
	const char *says;		/* the condition in words */
};

extern const struct cc_rule cc_rules[];
extern const size_t cc_rule_count;

struct cc_prediction {
	struct cc_outcome outcome;	/* what the call comes to */
	const struct cc_rule *rule;	/* the refusing rule; NULL: success */
	struct cc_call call;		/* what the kernel was given */
	struct cc_env env;		/* the environment, with the request's caller */
};

/*
 * The environment as the request's caller sees it: env with the
 * request's as= and nproc= applied.
 */
void cc_model_env_for(const struct cc_request *req, const struct cc_env *env,
		      struct cc_env *out);

/* Predicts req made in env. */
void cc_model_predict(const struct cc_request *req, const struct cc_env *env,
		      struct cc_prediction *out);

/* Whether a rule is in force on a kernel version. */
bool cc_rule_in_force(const struct cc_rule *rule, unsigned int kernel);

/*
 * The predicted outcome (outcome.h's printer), with the rule and its
 * kernel function when one refuses the call.  json: one object.
 * snprintf semantics.
 */
size_t cc_prediction_print(char *buf, size_t len,
			   const struct cc_prediction *pred, bool json);

/* The refusing rule as the outcome printer's cause; NULL when none. */
const struct cc_cause *cc_prediction_cause(const struct cc_prediction *pred,
					   struct cc_cause *cause);

/*
 * Compares a prediction with an expectation written by hand (a case
 * row), on the parts selected (enum cc_part bits).  Returns the number
 * of differences, each a line in buf, naming the rule and its kernel
 * function where the call's result differs.
 */
int cc_model_diff(const struct cc_prediction *pred,
		  const struct cc_outcome *row, unsigned int parts, char *buf,
		  size_t len);

/*
 * The task-creating syscall a libc's fork(), vfork(), posix_spawn() or
 * pthread_create() makes (engine/recorder.h records them).
 */
enum cc_syscall_kind {
	CC_SYSCALL_CLONE,
	CC_SYSCALL_CLONE3,
	CC_SYSCALL_FORK,
	CC_SYSCALL_VFORK,
};

struct cc_libc_call {
	enum cc_syscall_kind syscall;
	uint64_t flags;		/* without the exit signal */
	uint64_t exit_signal;
};

const char *cc_syscall_kind_name(enum cc_syscall_kind kind);

/*
 * What the env's libc makes for a reference entry point: the call, then,
 * where the libc falls back from clone3 on ENOSYS and the env's clone3
 * answers ENOSYS, the fallback.  Returns how many (0: not a reference).
 */
int cc_model_libc_calls(enum cc_entry entry, const struct cc_env *env,
			struct cc_libc_call calls[2]);

/*
 * Whether raise() in a child of the libc's clone() without CLONE_VM
 * signals that child.  musl before 1.2.5 leaves the child the caller's
 * thread structure, whose cached tid raise() uses (tkill): the signal
 * goes to the caller.  musl 1.2.5 refreshes it (__post_Fork), glibc's
 * raise() asks the kernel for the tid (since 2.34).
 */
bool cc_model_libc_clone_raise_reaches_child(const struct cc_env *env);

#endif
