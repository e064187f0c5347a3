// SPDX-License-Identifier: GPL-2.0
/*
 * What the fuzz targets share; see fuzz.h.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "engine/verdict.h"
#include "form/text.h"

/*
 * Both engines call this before the first input, and AFL++ before its
 * fork server starts: one executor serves every fork.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* A stray exit signal is the executor's to report, not ours to die of. */
	cc_exec_take_stray_signals(true);
	cc_executor_start();
	return 0;
}

const struct cc_env *cc_fuzz_env(void)
{
	return cc_executor_env();
}

void cc_fuzz_input(enum cc_target_id id, const uint8_t *data, size_t size,
		   struct cc_request *req)
{
	cc_fuzz_decode(&cc_fuzz_targets[id], data, size, req);
	cc_fuzz_fit(&cc_fuzz_targets[id], req, cc_fuzz_env());
}

void cc_fuzz_finding(enum cc_target_id id, const char *what,
		     const struct cc_request *req, const char *details)
{
	const char *target = cc_fuzz_targets[id].name;
	char text[CC_REQUEST_TEXT_MAX];

	cc_request_print(text, sizeof(text), req);
	fprintf(stderr,
		"\n==clonecheck== %s: %s\n"
		"request: %s\n"
		"%s%s"
		"replay:  clonecheck run '%s'\n"
		"C repro: clonecheck repro --target %s <the input file the engine saved>\n",
		target, what, text, details ? details : "",
		details && *details && details[strlen(details) - 1] != '\n' ? "\n" : "",
		text, target);
	fflush(stderr);
#ifdef CC_FUZZ_REPRO
	/* A reproducer (tools/repro_main.c) says so and exits 1. */
	printf("REPRODUCED: %s: %s\n", target, what);
	exit(1);
#else
	abort();
#endif
}

#ifdef CC_FUZZ_REPRO
/* A reproducer prints each launch: what the model expects, what came. */
static void print_launch(const struct cc_request *req, enum cc_result result,
			 const struct cc_exec_reply *reply)
{
	char text[CC_REQUEST_TEXT_MAX], buf[1024];
	struct cc_prediction pred;

	cc_request_print(text, sizeof(text), req);
	cc_model_predict(req, cc_fuzz_env(), &pred);
	printf("request:  %s\n", text);
	cc_prediction_print(buf, sizeof(buf), &pred, false);
	printf("expected: %s\n", buf);
	if (result == CC_RESULT_OK)
		cc_outcome_print(buf, sizeof(buf), &reply->obs.outcome, NULL, false);
	printf("got:      %s%s\n", result == CC_RESULT_SKIP ? "skip: " :
	       result == CC_RESULT_BROKEN ? "broken: " : "",
	       result == CC_RESULT_OK ? buf : result == CC_RESULT_SKIP ?
	       reply->obs.skip : reply->obs.broken);
	fflush(stdout);
}
#else
static void print_launch(const struct cc_request *req, enum cc_result result,
			 const struct cc_exec_reply *reply)
{
	(void)req;
	(void)result;
	(void)reply;
}
#endif

enum cc_result cc_fuzz_run(enum cc_target_id id, const struct cc_request *req,
			   struct cc_exec_reply *reply)
{
	enum cc_result result = cc_executor_run(req, reply);
	char details[600];

	print_launch(req, result, reply);

	if (reply->leak[0]) {
		snprintf(details, sizeof(details), "left behind: %s\n",
			 reply->leak);
		cc_fuzz_finding(id, "the input left the host changed", req,
				details);
	}
	if (result == CC_RESULT_BROKEN) {
		snprintf(details, sizeof(details), "launch: %s\n",
			 reply->obs.broken);
		cc_fuzz_finding(id, "the launch broke", req, details);
	}
	return result;
}

/* ---- the outcome signature ---- */

#if defined(CC_FUZZ_AFL)
/* AFL++'s compiler pass gives every call site its own map slot. */
void __afl_coverage_interesting(uint8_t val, uint32_t id);
#define SLOT1(n)  case (n): __afl_coverage_interesting(1, (n)); break;
#define SLOT4(n)  SLOT1(n) SLOT1((n) + 1) SLOT1((n) + 2) SLOT1((n) + 3)
#define SLOT16(n) SLOT4(n) SLOT4((n) + 4) SLOT4((n) + 8) SLOT4((n) + 12)
#define SLOT64(n) SLOT16(n) SLOT16((n) + 16) SLOT16((n) + 32) SLOT16((n) + 48)

static void engine_mark(unsigned int slot)
{
	switch (slot) {
	SLOT64(0) SLOT64(64) SLOT64(128) SLOT64(192)
	}
}
#else
static void engine_mark(unsigned int slot)
{
	(void)slot;
}
#endif

/* libFuzzer reads and clears this section around every input. */
__attribute__((section("__libfuzzer_extra_counters"), used))
static uint8_t extra_counters[CC_SIGNATURE_SLOTS];

/* Since the process started: for tests and the benchmark. */
static uint8_t slots_ever[CC_SIGNATURE_SLOTS];
static unsigned long rules_ever[512 / (8 * sizeof(unsigned long))];

/*
 * CLONECHECK_SIGNATURE=off: the engine is not fed the signature (the
 * benchmark's contrast, tools/fuzz-signature); slots are still counted.
 */
static bool signature_fed(void)
{
	static int fed = -1;

	if (fed < 0) {
		const char *v = getenv("CLONECHECK_SIGNATURE");

		fed = !(v && !strcmp(v, "off"));
	}
	return fed;
}

static void mark(unsigned int slot)
{
	slot %= CC_SIGNATURE_SLOTS;
	slots_ever[slot] = 1;
	if (!signature_fed())
		return;
	extra_counters[slot] = 1;
	engine_mark(slot);
}

static void note_rule(unsigned int rule)
{
	const unsigned int bits = 8 * sizeof(rules_ever[0]);

	if (rule < bits * (sizeof(rules_ever) / sizeof(rules_ever[0])))
		rules_ever[rule / bits] |= 1UL << (rule % bits);
}

unsigned int cc_signature_rules_hit(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < sizeof(rules_ever) / sizeof(rules_ever[0]); i++)
		n += (unsigned int)__builtin_popcountl(rules_ever[i]);
	return n;
}

/*
 * CLONECHECK_SIGNATURE_REPORT=FILE: at exit, "slots N rules M" into FILE,
 * what this process reached (tools/fuzz-signature reads it).
 */
static void report_signature(void)
{
	const char *path = getenv("CLONECHECK_SIGNATURE_REPORT");
	FILE *f;

	if (!path || !*path || !(f = fopen(path, "w")))
		return;
	fprintf(f, "slots %u rules %u\n", cc_signature_slots_hit(),
		cc_signature_rules_hit());
	fclose(f);
}

__attribute__((constructor)) static void report_signature_at_exit(void)
{
	if (getenv("CLONECHECK_SIGNATURE_REPORT"))
		atexit(report_signature);
}

unsigned int cc_signature_slots_hit(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < CC_SIGNATURE_SLOTS; i++)
		n += slots_ever[i];
	return n;
}

static uint32_t mix(uint32_t h, uint32_t v)
{
	return (h ^ v) * 0x01000193u;
}

/*
 * Slots: 0-63 the errno (0: a child), 64-127 the model's rule, 128-159
 * each sharing bit seen, 160-191 exit kind × exit signal class, 192-255
 * a hash of all of it.
 */
void cc_signature_mark(const struct cc_prediction *pred,
		       const struct cc_observation *obs, unsigned int salt)
{
	unsigned int err = obs->outcome.ret < 0 ? (unsigned int)-obs->outcome.ret : 0;
	unsigned int rule = pred->rule ? (unsigned int)(pred->rule - cc_rules) + 1 : 0;
	unsigned int sigclass = !obs->outcome.exit_signal ? 0 :
				obs->outcome.exit_signal == 17 ? 1 :
				obs->outcome.exit_signal < 32 ? 2 : 3;
	uint32_t h = mix(0x811c9dc5u, salt);
	unsigned int i;

	note_rule(rule);
	mark(err % 64);
	mark(64 + rule % 64);
	for (i = 0; i < CC_PROP_COUNT && i < 32; i++)
		if (obs->outcome.props & (1u << i))
			mark(128 + i);
	mark(160 + ((unsigned int)obs->outcome.end % 8) * 4 + sigclass);
	h = mix(h, err);
	h = mix(h, rule);
	h = mix(h, obs->outcome.props);
	h = mix(h, obs->outcome.end);
	h = mix(h, sigclass);
	mark(192 + h % 64);
}
