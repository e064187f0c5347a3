// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict: the outcome diff, with the observation's evidence in the
 * sentences; see verdict.h.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "engine/machine.h"
#include "engine/verdict.h"
#include "outcome/names.h"
#include "spec/flags.h"

struct evidence {
	const struct cc_request *req;
	const struct cc_observation *obs;
};

static size_t explain_ret(const struct cc_observation *obs,
			  const struct cc_outcome *exp, char *buf, size_t len)
{
	const struct cc_outcome *seen = &obs->outcome;

	if (cc_outcome_child(exp))
		return snprintf(buf, len,
				"expected the call to create a child, but it failed with %s",
				CC_ERRNO(seen->ret));
	if (cc_outcome_child(seen))
		return snprintf(buf, len,
				"expected %s, but the call succeeded (child %lld)",
				CC_ERRNO(exp->ret), (long long)seen->ret);
	return snprintf(buf, len, "expected %s, but the call failed with %s",
			CC_ERRNO(exp->ret), CC_ERRNO(seen->ret));
}

static size_t explain_prop(const struct evidence *ev, enum cc_prop prop,
			   char *buf, size_t len)
{
	const struct cc_observation *obs = ev->obs;
	const char *flag = cc_props[prop].governed_by;
	bool seen = obs->outcome.props & (1u << prop);
	const struct cc_flag *f;
	char what[300];

	if (obs->outcome.unmeasured & (1u << prop))
		return snprintf(buf, len, "%s was not measured: %s",
				cc_prop_name(prop),
				cc_outcome_child(&obs->outcome) ?
				"the child did not reach its probes" :
				"no child was created");
	cc_probe_describe(obs, prop, seen, what, sizeof(what));
	f = cc_flag_by_name(flag, strlen(flag));
	if (f && ev->req && ev->req->entry <= CC_ENTRY_LIBC)
		return snprintf(buf, len, "%s %s, but %s", flag,
				ev->req->flags & f->bit ? "requested" :
				"not requested", what);
	return snprintf(buf, len, "%s: expected %s %s, but %s",
			ev->req ? cc_entry_name(ev->req->entry) : "the call",
			cc_prop_name(prop), seen ? "off" : "on", what);
}

/* The expectation, for explain_ret: the explainer sees only its ctx. */
struct verdict_ctx {
	struct evidence ev;
	const struct cc_outcome *exp;
};

static size_t explain(const void *ctx, enum cc_part part, enum cc_prop prop,
		      const char *plain, char *buf, size_t len)
{
	const struct verdict_ctx *v = ctx;
	const struct cc_child_report *rep = &v->ev.obs->child;

	switch (part) {
	case CC_PART_RET:
		return explain_ret(v->ev.obs, v->exp, buf, len);
	case CC_PART_PROPS:
		return explain_prop(&v->ev, prop, buf, len);
	case CC_PART_END:
		if (!rep->failed_step)
			return 0;
		return snprintf(buf, len, "%s; the child's probe step \"%s\" failed with %s",
				plain, cc_child_step_name(rep->failed_step),
				CC_ERRNO(rep->failed_errno));
	default:
		return 0;
	}
}

/*
 * The notification itself: do_notify_parent says how the child ended
 * (si_code CLD_EXITED with the exit code, CLD_KILLED or CLD_DUMPED with
 * the signal), and it must say what the wait saw.  Its si_pid is the
 * child's already: another one's signal is not taken for it.  Checked
 * when the expected signal came and the child's end is known.
 */
static int notification_differs(const struct cc_outcome *exp,
				const struct cc_observation *obs, char *buf,
				size_t len)
{
	const struct cc_outcome *seen = &obs->outcome;
	bool exited = obs->exit_signal_code == CLD_EXITED;
	bool killed = obs->exit_signal_code == CLD_KILLED ||
		      obs->exit_signal_code == CLD_DUMPED;

	if (!seen->exit_signal || seen->exit_signal != exp->exit_signal ||
	    seen->end != exp->end || seen->end_value != exp->end_value)
		return 0;
	if (seen->end == CC_END_EXITED &&
	    (!exited || obs->exit_signal_status != seen->end_value))
		return snprintf(buf, len,
				"the exit signal %s says si_code %d si_status %d, but the child exited with %lld\n",
				CC_SIGNAL_NAME(seen->exit_signal),
				obs->exit_signal_code, obs->exit_signal_status,
				(long long)seen->end_value) > 0;
	if (seen->end == CC_END_KILLED &&
	    (!killed || obs->exit_signal_status != seen->end_value))
		return snprintf(buf, len,
				"the exit signal %s says si_code %d si_status %d, but the child was killed by %s\n",
				CC_SIGNAL_NAME(seen->exit_signal),
				obs->exit_signal_code, obs->exit_signal_status,
				CC_SIGNAL_NAME(seen->end_value)) > 0;
	return 0;
}

int cc_verdict(const struct cc_request *req, const struct cc_outcome *exp,
	       const struct cc_observation *obs, char *buf, size_t len)
{
	struct verdict_ctx v = { { req, obs }, exp };
	struct cc_explainer ex = { explain, &v };
	/* What the kernel lacks the feature for shows nothing either way. */
	uint32_t shown = CC_PROPS_ALL & ~cc_props_needing(cc_env_absent_features());
	int count;
	size_t used;

	count = cc_outcome_diff("expected", exp, "observed", &obs->outcome,
				CC_PART_ALL, shown, &ex, buf, len);
	used = len ? strnlen(buf, len) : 0;
	return count + notification_differs(exp, obs, buf + used,
					    len > used ? len - used : 0);
}

bool cc_verdict_part(const struct cc_request *req, const struct cc_outcome *exp,
		     const struct cc_observation *obs, enum cc_part part,
		     enum cc_prop prop, char *msg, size_t len)
{
	struct verdict_ctx v = { { req, obs }, exp };
	struct cc_explainer ex = { explain, &v };
	/* Every other part is a matter of the child existing at all. */
	unsigned int parts = part | CC_PART_RET;
	int count;

	/* A property test needs a value, whichever way it was to go. */
	if (part == CC_PART_PROPS && cc_outcome_child(&obs->outcome) &&
	    (obs->outcome.unmeasured & (1u << prop))) {
		explain_prop(&v.ev, prop, msg, len);
		return false;
	}
	count = cc_outcome_diff("expected", exp, "observed", &obs->outcome,
				parts, part == CC_PART_PROPS ? 1u << prop : 0,
				&ex, msg, len);
	/* One line: drop its newline. */
	if (count && len && strlen(msg) && msg[strlen(msg) - 1] == '\n')
		msg[strlen(msg) - 1] = '\0';
	return count == 0;
}
