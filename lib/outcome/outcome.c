// SPDX-License-Identifier: GPL-2.0
/*
 * The outcome's one printer and one diff; see outcome.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "outcome/outcome.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct out {
	char *buf;
	size_t size, used;
};

__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	size_t room = o->used < o->size ? o->size - o->used : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->used : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->used += (size_t)n;
}

static void put_json_string(struct out *o, const char *s)
{
	put(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			put(o, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			put(o, "\\u%04x", (unsigned char)*s);
		else
			put(o, "%c", *s);
	}
	put(o, "\"");
}

static const char *const end_names[] = {
	[CC_END_NONE] = "none",		[CC_END_EXITED] = "exited",
	[CC_END_KILLED] = "killed",	[CC_END_THREAD] = "thread",
	[CC_END_REAPED] = "reaped",	[CC_END_VANISHED] = "vanished",
};

_Static_assert(ARRAY_SIZE(end_names) == CC_END_COUNT, "end names");

const char *cc_end_name(enum cc_end end)
{
	return (unsigned int)end < CC_END_COUNT ? end_names[end] : "?";
}

const char *cc_outcome_ret_text(const struct cc_outcome *o, char *buf,
				size_t len)
{
	if (cc_outcome_child(o))
		return "a child";
	return cc_errno_name((int)-o->ret, buf, len);
}

const char *cc_outcome_end_text(const struct cc_outcome *o, char *buf,
				size_t len)
{
	char sig[32];

	switch (o->end) {
	case CC_END_EXITED:
		snprintf(buf, len, "exit status %d", o->end_value);
		break;
	case CC_END_KILLED:
		snprintf(buf, len, "killed by %s",
			 cc_signal_name((uint64_t)o->end_value, sig, sizeof(sig)));
		break;
	case CC_END_THREAD:
		snprintf(buf, len, "a thread that ran to its end");
		break;
	case CC_END_REAPED:
		snprintf(buf, len, "reaped before anyone could wait for it");
		break;
	case CC_END_VANISHED:
		snprintf(buf, len, "gone before finishing its probes");
		break;
	default:
		snprintf(buf, len, "no child");
		break;
	}
	return buf;
}

const char *cc_outcome_exit_signal_text(const struct cc_outcome *o,
					char *buf, size_t len)
{
	if (!o->exit_signal)
		return "none";
	return cc_signal_name(o->exit_signal, buf, len);
}

/* The end as the rest of "a child; it ...". */
static void put_end_phrase(struct out *o, const struct cc_outcome *oc)
{
	char sig[32];

	switch (oc->end) {
	case CC_END_EXITED:
		put(o, "exits with %d", oc->end_value);
		break;
	case CC_END_KILLED:
		put(o, "is killed by %s",
		    cc_signal_name((uint64_t)oc->end_value, sig, sizeof(sig)));
		break;
	case CC_END_THREAD:
		put(o, "ends as a thread");
		break;
	case CC_END_REAPED:
		put(o, "is reaped before the caller can wait for it");
		break;
	case CC_END_VANISHED:
		put(o, "vanishes before finishing its probes");
		break;
	default:
		put(o, "is not seen to end");
		break;
	}
}

static void put_props(struct out *o, uint32_t props, bool json)
{
	bool first = true;
	int prop;

	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		if (!(props & (1u << prop)))
			continue;
		if (json)
			put(o, "%s\"%s\"", first ? "" : ", ", cc_prop_name(prop));
		else
			put(o, " %s", cc_prop_name(prop));
		first = false;
	}
}

size_t cc_outcome_print(char *buf, size_t len, const struct cc_outcome *oc,
			const struct cc_cause *cause, bool json)
{
	struct out o = { buf, len, 0 };
	char name[CC_ERRNO_NAME_MAX];

	if (len)
		buf[0] = '\0';
	if (json) {
		put(&o, "{\"ret\": \"%s\"", cc_outcome_child(oc) ? "child" :
		    cc_errno_name((int)-oc->ret, name, sizeof(name)));
		if (cause) {
			put(&o, ", \"rule\": ");
			put_json_string(&o, cause->rule);
			put(&o, ", \"function\": ");
			put_json_string(&o, cause->function);
			put(&o, ", \"says\": ");
			put_json_string(&o, cause->says);
		}
		if (cc_outcome_child(oc)) {
			put(&o, ", \"end\": \"%s\", \"end_value\": %d, \"exit_signal\": %" PRIu64 ", \"props\": [",
			    cc_end_name(oc->end), oc->end_value, oc->exit_signal);
			put_props(&o, oc->props, true);
			put(&o, "]");
			if (oc->unmeasured) {
				put(&o, ", \"unmeasured\": [");
				put_props(&o, oc->unmeasured, true);
				put(&o, "]");
			}
		}
		put(&o, "}");
		return o.used;
	}
	if (!cc_outcome_child(oc)) {
		put(&o, "%s %s", cc_err_caller_signal((int)-oc->ret) ?
		    "no return: the" : "refused with",
		    cc_errno_name((int)-oc->ret, name, sizeof(name)));
		if (cause)
			put(&o, " by rule %s in %s: %s", cause->rule,
			    cause->function, cause->says);
		return o.used;
	}
	put(&o, "a child; it ");
	put_end_phrase(&o, oc);
	put(&o, "; the parent gets %s; on:", oc->exit_signal ?
	    cc_signal_name(oc->exit_signal, name, sizeof(name)) :
	    "no exit signal");
	if (oc->props & ~oc->unmeasured)
		put_props(&o, oc->props & ~oc->unmeasured, false);
	else
		put(&o, " nothing shared");
	if (oc->unmeasured == CC_PROPS_ALL) {
		put(&o, "; nothing measured");
	} else if (oc->unmeasured) {
		put(&o, "; not measured:");
		put_props(&o, oc->unmeasured, false);
	}
	return o.used;
}

static bool end_differs(const struct cc_outcome *a, const struct cc_outcome *b)
{
	if (a->end != b->end)
		return true;
	return (a->end == CC_END_EXITED || a->end == CC_END_KILLED) &&
	       a->end_value != b->end_value;
}

void cc_outcome_compare(const struct cc_outcome *a, const struct cc_outcome *b,
			unsigned int parts, uint32_t props_mask,
			struct cc_outcome_delta *d)
{
	int prop;

	memset(d, 0, sizeof(*d));
	if (cc_outcome_child(a) != cc_outcome_child(b) ||
	    (!cc_outcome_child(a) && a->ret != b->ret)) {
		if (parts & CC_PART_RET)
			d->parts |= CC_PART_RET;
		return;
	}
	/* A refusal has nothing but its errno to compare. */
	if (!cc_outcome_child(a))
		return;
	if ((parts & CC_PART_END) && end_differs(a, b))
		d->parts |= CC_PART_END;
	if ((parts & CC_PART_EXIT_SIGNAL) && a->exit_signal != b->exit_signal)
		d->parts |= CC_PART_EXIT_SIGNAL;
	if (!(parts & CC_PART_PROPS))
		return;
	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		uint32_t bit = 1u << prop;
		bool a_has = !(a->unmeasured & bit), b_has = !(b->unmeasured & bit);

		if (!(props_mask & bit) || (!a_has && !b_has))
			continue;
		if (a_has && b_has) {
			if ((a->props ^ b->props) & bit)
				d->props |= bit;
		} else if ((a_has ? a->props : b->props) & bit) {
			/* Wanted on by one side, never measured by the other. */
			d->props |= bit;
			d->unmeasured |= bit;
		}
	}
	if (d->props)
		d->parts |= CC_PART_PROPS;
}

static const char *prop_value(const struct cc_outcome *o, uint32_t bit)
{
	if (o->unmeasured & bit)
		return "not measured";
	return o->props & bit ? "on" : "off";
}

/* The plain line, then the explainer's words if it has any. */
static void put_line(struct out *o, const struct cc_explainer *ex,
		     enum cc_part part, enum cc_prop prop, const char *plain)
{
	char words[600];
	size_t n = 0;

	if (ex && ex->explain)
		n = ex->explain(ex->ctx, part, prop, plain, words, sizeof(words));
	put(o, "%s\n", n ? words : plain);
}

int cc_outcome_diff(const char *a_says, const struct cc_outcome *a,
		    const char *b_says, const struct cc_outcome *b,
		    unsigned int parts, uint32_t props_mask,
		    const struct cc_explainer *ex, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	struct cc_outcome_delta d;
	char plain[400], at[64], bt[64];
	int count = 0, prop;

	if (len)
		buf[0] = '\0';
	cc_outcome_compare(a, b, parts, props_mask, &d);
	if (d.parts & CC_PART_RET) {
		snprintf(plain, sizeof(plain), "the call: %s %s, %s %s", a_says,
			 cc_outcome_ret_text(a, at, sizeof(at)), b_says,
			 cc_outcome_ret_text(b, bt, sizeof(bt)));
		put_line(&o, ex, CC_PART_RET, 0, plain);
		return 1;
	}
	if (d.parts & CC_PART_END) {
		snprintf(plain, sizeof(plain), "how the child ended: %s %s, %s %s",
			 a_says, cc_outcome_end_text(a, at, sizeof(at)), b_says,
			 cc_outcome_end_text(b, bt, sizeof(bt)));
		put_line(&o, ex, CC_PART_END, 0, plain);
		count++;
	}
	if (d.parts & CC_PART_EXIT_SIGNAL) {
		snprintf(plain, sizeof(plain), "the exit signal: %s %s, %s %s",
			 a_says, cc_outcome_exit_signal_text(a, at, sizeof(at)),
			 b_says, cc_outcome_exit_signal_text(b, bt, sizeof(bt)));
		put_line(&o, ex, CC_PART_EXIT_SIGNAL, 0, plain);
		count++;
	}
	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		uint32_t bit = 1u << prop;

		if (!(d.props & bit))
			continue;
		snprintf(plain, sizeof(plain), "%s: %s %s, %s %s",
			 cc_prop_name(prop), a_says, prop_value(a, bit), b_says,
			 prop_value(b, bit));
		put_line(&o, ex, CC_PART_PROPS, prop, plain);
		count++;
	}
	return count;
}
