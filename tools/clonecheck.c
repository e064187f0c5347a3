// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck: one request from the command line.
 *
 *   clonecheck run [--json] 'clone3 flags=CLONE_VM|CLONE_FILES stack=mmap:64k'
 *	performs the request and prints the model's prediction (with the
 *	rule and its kernel function), the observation and the verdict
 *   clonecheck explain [--json] 'REQUEST'
 *	prints the prediction only; nothing runs
 *   clonecheck env [--json]
 *	every field the model reads, for this process and for the caller
 *	a launch makes (the one run and explain predict for)
 *   clonecheck rules
 *	the model's rules in the kernel's order: name, in force on this
 *	kernel (yes/no), errno, entry points, versions, function, condition
 *   clonecheck encode [--target T] 'REQUEST' > FILE
 *	writes the request as a fuzz input of target T (default
 *	clone_oracle); clone3_args inputs are raw struct clone_args
 *   clonecheck decode [--target T] [--fitted] FILE
 *	prints a fuzz input as the request it decodes to, then, when the
 *	target fits it (fit.h), as the target runs it; --fitted: only the
 *	latter.  T defaults to the target named in the file's path, else
 *	clone_oracle
 *   clonecheck repro [--target T] FILE > repro.c
 *	a standalone C program that makes the input's call with raw
 *	syscalls, and prints what the model expects and what it got
 *   clonecheck targets
 *	the fuzz targets, one a line: name, input form (request or
 *	clone_args), the entry points its seeds call, what it checks
 *   clonecheck clean
 *	removes what runs that died left behind (the cgroups they made:
 *	engine/cgroup.h), a line for each; a live run's are left alone
 *   clonecheck dict
 *	a libFuzzer/AFL++ dictionary: every CLONE_* flag as the byte the
 *	request form names it by and as the u64 clone_args holds, and the
 *	exit signals and struct sizes worth trying
 *   clonecheck sweep [--max-flags N] [--jobs N]
 *	every combination of up to N (4) flags from the flag table, plus
 *	bit 63, each also with the flags it needs to be accepted (THREAD
 *	brings SIGHAND, SIGHAND VM, ...), through raw clone and raw
 *	clone3, then clone3 struct sizes and exit signals: the model
 *	against the kernel, every disagreement listed as a request to
 *	replay with `clonecheck run`; over N workers (one a core)
 *
 * Exit status: 0 the kernel agrees with the model (run) or the request
 * parsed (explain); 1 they disagree; 2 usage or a request that does not
 * parse (the error points at the word); 3 the request cannot run here
 * (SKIP) or the fixture broke.
 */
#include <ctype.h>
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/cgroup.h"
#include "engine/context.h"
#include "engine/launch.h"
#include "engine/machine.h"
#include "engine/verdict.h"
#include "form/bytes.h"
#include "form/fit.h"
#include "form/targets.h"
#include "form/text.h"
#include "outcome/names.h"
#include "spec/env.h"
#include "spec/model.h"
#include "spec/request.h"

#define EXIT_AGREE	0
#define EXIT_DISAGREE	1
#define EXIT_USAGE	2
#define EXIT_NOT_RUN	3

static void usage(FILE *out)
{
	fprintf(out,
		"usage: clonecheck run [--json] 'REQUEST'\n"
		"       clonecheck explain [--json] 'REQUEST'\n"
		"       clonecheck env [--json]\n"
		"       clonecheck rules\n"
		"       clonecheck fixes\n"
		"       clonecheck encode [--target T] 'REQUEST' > FILE\n"
		"       clonecheck decode [--target T] [--fitted] FILE\n"
		"       clonecheck repro [--target T] FILE > repro.c\n"
		"       clonecheck dict\n"
		"       clonecheck sweep [--max-flags N] [--jobs N]\n"
		"       clonecheck targets\n"
		"       clonecheck clean\n"
		"T: a fuzz target (clonecheck targets lists them)\n"
		"REQUEST, for example: 'clone3 flags=CLONE_VM|CLONE_FILES exit_signal=SIGCHLD stack=mmap:64k'\n"
		"(the keys are listed in lib/request.h and the README)\n");
}

/* A JSON string body: quotes and backslashes escaped. */
static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/* The observation in the prediction's words (one printer), so they line up. */
static void print_observation(FILE *out, const struct cc_observation *obs,
			      bool json)
{
	char text[1024];

	cc_outcome_print(text, sizeof(text), &obs->outcome, NULL, json);
	if (json)
		fputs(text, out);
	else
		fprintf(out, "observed:   %s\n", text);
}

static int parse_or_complain(const char *text, struct cc_request *req)
{
	struct cc_parse_error err;

	if (cc_request_parse(text, req, &err) == 0)
		return 0;
	fprintf(stderr, "clonecheck: the request does not parse:\n");
	cc_parse_error_print(stderr, text, &err);
	return -1;
}

/* --json: the parse error as one object on stdout, and in words on stderr. */
static int parse_or_complain_json(const char *text, struct cc_request *req)
{
	struct cc_parse_error err;

	if (cc_request_parse(text, req, &err) == 0)
		return 0;
	printf("{\"request\": ");
	json_string(stdout, text);
	printf(", \"error\": ");
	json_string(stdout, err.msg);
	printf(", \"position\": %zu}\n", err.pos);
	fprintf(stderr, "clonecheck: the request does not parse:\n");
	cc_parse_error_print(stderr, text, &err);
	return -1;
}

/*
 * Under CLONECHECK_KERNEL_VERSION the model judges another kernel than
 * the one that answers: say so, once, beside the prediction.
 */
static void note_kernel_override(bool json)
{
	unsigned int model = cc_env_kernel_version();
	unsigned int running = cc_env_running_kernel_version();
	char a[16], b[16];

	if (model == running)
		return;
	cc_version_text(a, sizeof(a), model);
	cc_version_text(b, sizeof(b), running);
	if (json)
		printf(", \"model_kernel\": \"%s\", \"running_kernel\": \"%s\"", a, b);
	else
		printf("note:       the model judges kernel %s (CLONECHECK_KERNEL_VERSION); the running kernel is %s\n",
		       a, b);
}

static int cmd_explain_or_run(const char *text, bool json, bool run)
{
	struct cc_request req;
	struct cc_prediction pred;
	struct cc_observation obs;
	enum cc_result result;
	struct cc_env self, env;
	char canonical[CC_REQUEST_TEXT_MAX], buf[4096];
	int differences;

	if (json ? parse_or_complain_json(text, &req) : parse_or_complain(text, &req))
		return EXIT_USAGE;
	/* The process that makes the call is the launch's caller. */
	cc_env_detect(&self);
	cc_launch_caller_env(&self, &env);
	cc_model_predict(&req, &env, &pred);
	cc_request_print(canonical, sizeof(canonical), &req);
	cc_prediction_print(buf, sizeof(buf), &pred, json);
	if (json) {
		printf("{\"request\": ");
		json_string(stdout, canonical);
		printf(", \"prediction\": %s", buf);
	} else {
		printf("request:    %s\n", canonical);
		printf("prediction: %s\n", buf);
	}
	note_kernel_override(json);
	if (!run) {
		if (json)
			printf("}\n");
		return EXIT_AGREE;
	}

	result = cc_launch(&req, &obs);
	if (result != CC_RESULT_OK) {
		const char *why = result == CC_RESULT_SKIP ? obs.skip : obs.broken;
		const char *what = result == CC_RESULT_SKIP ? "skip" : "broken";

		if (json) {
			printf(", \"verdict\": \"%s\", \"why\": ", what);
			json_string(stdout, why);
			printf("}\n");
		} else {
			printf("verdict:    %s: %s\n", what, why);
		}
		return EXIT_NOT_RUN;
	}
	differences = cc_verdict(&req, &pred.outcome, &obs, buf, sizeof(buf));
	if (json) {
		printf(", \"observation\": ");
		print_observation(stdout, &obs, true);
		printf(", \"verdict\": \"%s\", \"differences\": ",
		       differences ? "disagree" : "agree");
		json_string(stdout, buf);
		printf("}\n");
	} else {
		print_observation(stdout, &obs, false);
		if (differences)
			printf("verdict:    the kernel disagrees with the model:\n%s",
			       buf);
		else
			printf("verdict:    the kernel agrees with the model\n");
	}
	return differences ? EXIT_DISAGREE : EXIT_AGREE;
}

/* ---- fuzz inputs ---- */

/* --target T: one of the table's (form/targets.h). */
static const struct cc_fuzz_target *check_target(const char *name)
{
	const struct cc_fuzz_target *t = cc_fuzz_target(name);
	int i;

	if (t)
		return t;
	fprintf(stderr, "clonecheck: unknown fuzz target \"%s\"; expected", name);
	for (i = 0; i < CC_TARGET_COUNT; i++)
		fprintf(stderr, "%s %s", i ? (i + 1 == CC_TARGET_COUNT ? " or" : ",") : "",
			cc_fuzz_targets[i].name);
	fprintf(stderr, "\n");
	return NULL;
}

/* No --target: the target whose name the path holds, else clone_oracle. */
static const struct cc_fuzz_target *target_of(const struct cc_fuzz_target *t,
					      const char *path)
{
	return t ? t : cc_fuzz_target_of_path(path);
}

/* clonecheck targets: name, input form, the entry points of its seeds. */
static int cmd_targets(void)
{
	int i, e;

	for (i = 0; i < CC_TARGET_COUNT; i++) {
		const struct cc_fuzz_target *t = &cc_fuzz_targets[i];
		const char *sep = "";

		printf("%-14s %-10s ", t->name, cc_form_name(t->form));
		for (e = 0; e < CC_ENTRY_COUNT; e++)
			if (t->entries & (1u << e)) {
				printf("%s%s", sep, cc_entry_name(e));
				sep = ",";
			}
		printf("  %s\n", t->about);
	}
	return EXIT_AGREE;
}

static int cmd_encode(const struct cc_fuzz_target *t, const char *text)
{
	uint8_t buf[CC_REQUEST_BYTES_MAX];
	struct cc_request req;
	size_t len;

	if (parse_or_complain(text, &req))
		return EXIT_USAGE;
	len = cc_fuzz_encode(t, &req, buf, sizeof(buf));
	if (!len) {
		fprintf(stderr, "clonecheck encode: %s does not take %s calls (clonecheck targets says which it takes)\n",
			t->name, cc_entry_name(req.entry));
		return EXIT_USAGE;
	}
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout)) {
		perror("clonecheck encode: stdout");
		return EXIT_NOT_RUN;
	}
	return EXIT_AGREE;
}

/* Reads a fuzz input's bytes: 0, or -1 having said why. */
static int read_input(const char *path, uint8_t *buf, size_t size, size_t *len)
{
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "clonecheck: %s: %s\n", path, CC_ERRNO(errno));
		return -1;
	}
	*len = fread(buf, 1, size, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "clonecheck: %s: %s\n", path,
			ferror(f) ? "read error" : "longer than 64 KiB; not a fuzz input");
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* Reads a fuzz input and decodes it as t's inputs. */
static int decode_file(const struct cc_fuzz_target *t, const char *path,
		       struct cc_request *req)
{
	static uint8_t buf[1 << 16];
	size_t len;

	if (read_input(path, buf, sizeof(buf), &len))
		return -1;
	cc_fuzz_decode(t, buf, len, req);
	return 0;
}

/* What the target runs: the request fitted as in fuzz/ (targets.h). */
static void fit_for_target(const struct cc_fuzz_target *t,
			   struct cc_request *req)
{
	struct cc_env env;

	cc_env_detect(&env);
	cc_fuzz_fit(t, req, &env);
}

static int cmd_decode(const struct cc_fuzz_target *t, const char *path,
		      bool fitted_only)
{
	char text[CC_REQUEST_TEXT_MAX], fitted_text[CC_REQUEST_TEXT_MAX];
	struct cc_request req, fitted;

	if (decode_file(t, path, &req))
		return EXIT_USAGE;
	cc_request_print(text, sizeof(text), &req);
	fitted = req;
	fit_for_target(t, &fitted);
	cc_request_print(fitted_text, sizeof(fitted_text), &fitted);
	if (fitted_only)
		printf("%s\n", fitted_text);
	else if (printf("%s\n", text) && strcmp(text, fitted_text))
		printf("# as %s runs it: %s\n", t->name, fitted_text);
	return EXIT_AGREE;
}

/*
 * The engine's own code as one translation unit, tools/repro_main.c
 * last (tools/amalgamate, made by the build).
 */
static const char repro_source[] =
#include "repro.inc"
	;

#ifdef __i386__
#define REPRO_BUILD "gcc -m32 -static"
#else
#define REPRO_BUILD "gcc -static"
#endif

/*
 * A standalone C program that runs the input through t as the fuzz
 * target does, with the engine's own code: the input's bytes and the
 * target's name, then the engine.
 */
static int cmd_repro(const struct cc_fuzz_target *t, const char *path)
{
	static uint8_t input[1 << 16];
	char text[CC_REQUEST_TEXT_MAX];
	struct cc_request req;
	size_t len, i;

	if (read_input(path, input, sizeof(input), &len))
		return EXIT_USAGE;
	cc_fuzz_decode(t, input, len, &req);
	fit_for_target(t, &req);
	cc_request_print(text, sizeof(text), &req);

	printf("// SPDX-License-Identifier: GPL-2.0\n"
	       "/*\n * clonecheck reproducer for %s (target %s), as fitted here:\n"
	       " *   %s\n"
	       " * It runs the input as the target does, with the engine's own code\n"
	       " * below: decoded, fitted, launched in the executor, judged by the\n"
	       " * model and the target; each launch prints what the model expects\n"
	       " * and what the kernel did.\n"
	       " * Build and run: %s -o repro repro.c && ./repro\n"
	       " * Exit status 1: reproduced (the target's finding); 0: not.\n */\n",
	       path, t->name, text, REPRO_BUILD);
	printf("#define CC_FUZZ_REPRO\t\t1\n"
	       "#define REPRO_TARGET\t\t\"%s\"\n"
	       "#define REPRO_TEST_ONE_INPUT\tcc_repro_%s\n"
	       "#define REPRO_INPUT_SIZE\t%zu\n"
	       "static const unsigned char repro_input[%zu] = {",
	       t->name, t->name, len, len ? len : 1);
	for (i = 0; i < len; i++)
		printf("%s0x%02x,", i % 12 ? " " : "\n\t", input[i]);
	printf("\n};\n\n");
	fputs(repro_source, stdout);
	if (fflush(stdout)) {
		perror("clonecheck repro: stdout");
		return EXIT_NOT_RUN;
	}
	return EXIT_AGREE;
}

static void dict_entry(const char *name, const char *suffix, uint64_t v,
		       unsigned int bytes)
{
	unsigned int i;

	printf("%s%s=\"", name, suffix);
	for (i = 0; i < bytes; i++)
		printf("\\x%02x", (unsigned int)(v >> (8 * i)) & 0xff);
	printf("\"\n");
}

static int cmd_dict(void)
{
	static const struct { const char *name; uint64_t v; } values[] = {
		{ "sigchld", SIGCHLD }, { "sigusr1", SIGUSR1 },
		{ "signal_64", 64 }, { "signal_65", 65 },
		{ "size_64", 64 }, { "size_80", 80 }, { "size_88", 88 },
		{ "size_4096", 4096 }, { "size_4097", 4097 },
		{ "task_size_max", CC_ARCH_TASK_SIZE_4LEVEL },
		{ "task_size_max_5level", CC_ARCH_TASK_SIZE_5LEVEL },
		{ "bit_63", 1ULL << 63 },
	};
	size_t i;

	printf("# clonecheck fuzz dictionary, written by `clonecheck dict`.\n"
	       "# NAME_byte: the flag's byte in the request form (bytes.h);\n"
	       "# NAME_u64: the value as struct clone_args holds it.\n");
	for (i = 0; i < cc_flag_count; i++) {
		char name[64];
		size_t k;

		for (k = 0; cc_flags[i].name[k] && k < sizeof(name) - 1; k++)
			name[k] = (char)tolower((unsigned char)cc_flags[i].name[k]);
		name[k] = '\0';
		dict_entry(name, "_byte", i, 1);
		dict_entry(name, "_u64", cc_flags[i].bit, 8);
	}
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		dict_entry(values[i].name, "_u64", values[i].v, 8);
	return EXIT_AGREE;
}

/*
 * The kernel changes the model and the case rows date by commit
 * (spec/fixes.h), one a line: name, sha, whether the kernel judged has
 * it, a release without it, the release with it, then the hint a row
 * prints when it fails.
 */
static int cmd_fixes(void)
{
	unsigned int kernel = cc_env_kernel_version();
	char without[16], with[16], hint[300];
	size_t i;

	for (i = 0; i < CC_FIX_COUNT; i++) {
		const struct cc_fix *f = &cc_fixes[i];

		cc_fix_hint(hint, sizeof(hint), f);
		printf("%s %s %s %s %s  %s\n", f->name, f->sha,
		       cc_kernel_has_fix(f, kernel) ? "has" : "lacks",
		       cc_version_text(without, sizeof(without),
				       cc_fix_version_without(f)),
		       cc_version_text(with, sizeof(with), f->mainline), hint);
	}
	return EXIT_AGREE;
}

static int cmd_rules(void)
{
	unsigned int kernel = cc_env_kernel_version();
	char errname[32], since[16], until[16];
	size_t i;

	for (i = 0; i < cc_rule_count; i++) {
		const struct cc_rule *r = &cc_rules[i];

		cc_version_text(since, sizeof(since), r->since);
		cc_version_text(until, sizeof(until), r->until);
		printf("%-42s %-3s %-8s %-22s %s%s%s%s%s  %s: %s\n", r->name,
		       cc_rule_in_force(r, kernel) ? "yes" : "no",
		       cc_errno_name(r->err, errname, sizeof(errname)),
		       r->entries == CC_RULE_ALL ? "clone,clone3,libc" :
		       r->entries == CC_RULE_CLONE3 ? "clone3" :
		       r->entries == CC_RULE_LIBC ? "libc" :
		       r->entries == CC_RULE_LEGACY ? "clone,libc" : "?",
		       r->since ? "since " : "", r->since ? since : "",
		       r->since && r->until ? ", " : "",
		       r->until ? "before " : "", r->until ? until : "",
		       r->function, r->says);
	}
	return EXIT_AGREE;
}

/* ---- the sweep ---- */

/*
 * Each of the sweep's workers walks the whole enumeration and launches
 * every jobs-th request from its own: the enumeration is the same in
 * each, so the workers share it out without talking.
 */
#define SWEEP_JOBS_MAX	64

struct sweep {
	const struct cc_env *env;
	unsigned long requests, agree, skipped, disagree;
	unsigned long walked;		/* requests of the enumeration so far */
	unsigned int worker, jobs;
};

static void sweep_one(struct sweep *sw, const struct cc_request *req)
{
	struct cc_prediction pred;
	struct cc_observation obs;
	enum cc_result result;
	char text[CC_REQUEST_TEXT_MAX], diff[4096];

	if (sw->walked++ % sw->jobs != sw->worker)
		return;
	sw->requests++;
	cc_model_predict(req, sw->env, &pred);
	result = cc_launch(req, &obs);
	cc_request_print(text, sizeof(text), req);
	if (result != CC_RESULT_OK) {
		sw->skipped++;
		printf("# %s %s: %s\n", result == CC_RESULT_SKIP ? "skip" : "broken",
		       text, result == CC_RESULT_SKIP ? obs.skip : obs.broken);
		return;
	}
	if (!cc_verdict(req, &pred.outcome, &obs, diff, sizeof(diff))) {
		sw->agree++;
		return;
	}
	sw->disagree++;
	printf("disagree: %s\n", text);
	cc_prediction_print(text, sizeof(text), &pred, false);
	printf("  model: %s\n  kernel:\n%s", text, diff);
}

/*
 * The requests already made, so a set and its companions' closure are
 * swept once: an open-addressing set of (entry, flags, signal, cgroup).
 */
#define SWEEP_SEEN_SLOTS (1u << 18)

struct sweep_key {
	uint64_t flags, exit_signal;
	uint32_t entry, cgroup;
};

static bool sweep_seen(const struct cc_request *req)
{
	static struct sweep_key *slots;
	static bool *used;
	struct sweep_key key = { req->flags, req->exit_signal, req->entry,
				 req->cgroup };
	uint64_t h = (key.flags ^ (key.exit_signal << 7) ^
		      ((uint64_t)key.entry << 59) ^ ((uint64_t)key.cgroup << 61)) *
		     0x9e3779b97f4a7c15ULL;
	uint32_t i = (uint32_t)(h >> 40) & (SWEEP_SEEN_SLOTS - 1);

	if (!slots) {
		slots = calloc(SWEEP_SEEN_SLOTS, sizeof(*slots));
		used = calloc(SWEEP_SEEN_SLOTS, sizeof(*used));
		if (!slots || !used)
			return false;
	}
	for (;; i = (i + 1) & (SWEEP_SEEN_SLOTS - 1)) {
		if (!used[i]) {
			used[i] = true;
			slots[i] = key;
			return false;
		}
		if (!memcmp(&slots[i], &key, sizeof(key)))
			return true;
	}
}

static void sweep_once(struct sweep *sw, const struct cc_request *req)
{
	if (!sweep_seen(req))
		sweep_one(sw, req);
}

/*
 * The set, then the set with what its flags need to be accepted:
 * CLONE_THREAD brings CLONE_SIGHAND, CLONE_SIGHAND brings CLONE_VM
 * (copy_process), CLONE_INTO_CGROUP a cgroup to go into, and through
 * clone3 CLONE_THREAD and CLONE_PARENT an exit signal of 0
 * (clone3_args_valid).  Either may be refused for another reason: that
 * is what the sweep is for.
 */
static void sweep_set(struct sweep *sw, struct cc_request *req, uint64_t flags)
{
	struct cc_request full = *req;

	req->flags = flags;
	sweep_once(sw, req);
	full.flags = flags;
	if (full.flags & CC_CLONE_THREAD)
		full.flags |= CC_CLONE_SIGHAND;
	if (full.flags & CC_CLONE_SIGHAND)
		full.flags |= CC_CLONE_VM;
	if (full.flags & CC_CLONE_INTO_CGROUP)
		full.cgroup = CC_CGROUP_NEW;
	if (full.entry == CC_ENTRY_CLONE3 &&
	    (full.flags & (CC_CLONE_THREAD | CC_CLONE_PARENT)))
		full.exit_signal = 0;
	sweep_once(sw, &full);
}

/* Every set of up to max flags from the table (and bit 63). */
static void sweep_flags(struct sweep *sw, enum cc_entry entry, int max)
{
	uint64_t bits[64];
	size_t n = 0, i, j, k, l;
	struct cc_request req;

	for (i = 0; i < cc_flag_count; i++)
		bits[n++] = cc_flags[i].bit;
	bits[n++] = 1ULL << 63;

	cc_request_init(&req, entry);
	req.stack = CC_STACK_MMAP;
	req.stack_size = 64 << 10;
	sweep_set(sw, &req, 0);
	for (i = 0; i < n; i++) {
		sweep_set(sw, &req, bits[i]);
		for (j = i + 1; max >= 2 && j < n; j++) {
			sweep_set(sw, &req, bits[i] | bits[j]);
			for (k = j + 1; max >= 3 && k < n; k++) {
				sweep_set(sw, &req, bits[i] | bits[j] | bits[k]);
				for (l = k + 1; max >= 4 && l < n; l++)
					sweep_set(sw, &req, bits[i] | bits[j] |
						  bits[k] | bits[l]);
			}
		}
	}
}

static void sweep_sizes_and_signals(struct sweep *sw)
{
	static const uint32_t sizes[] = { 0, 63, 64, 72, 80, 88, 96, 4096, 4097 };
	static const uint64_t signals[] = { 0, SIGCHLD, SIGUSR1, 64, 65, 0x111 };
	struct cc_request req;
	size_t i, j;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (j = 0; j < sizeof(signals) / sizeof(signals[0]); j++) {
			cc_request_init(&req, CC_ENTRY_CLONE3);
			req.clone3_size = sizes[i];
			req.exit_signal = signals[j];
			sweep_one(sw, &req);
			/* The same signal through legacy clone, once. */
			if (i == 0) {
				cc_request_init(&req, CC_ENTRY_CLONE);
				req.exit_signal = signals[j];
				sweep_one(sw, &req);
			}
		}
	/* A non-zero tail byte, at each distance past the struct. */
	for (i = 0; i < 16; i++) {
		cc_request_init(&req, CC_ENTRY_CLONE3);
		req.clone3_size = CC_CLONE_ARGS_SIZE_VER2 + 16;
		req.tail_len = 16;
		req.tail[i] = 0x5a;
		sweep_one(sw, &req);
	}
}

/* One worker's share of the sweep: its counts, its lines to outfd. */
static void sweep_share(struct sweep *sw, int max, int outfd)
{
	fflush(stdout);
	if (dup2(outfd, STDOUT_FILENO) < 0) {
		fprintf(stderr, "clonecheck sweep: worker %u: dup2: %s\n",
			sw->worker, CC_ERRNO(errno));
		_exit(EXIT_NOT_RUN);
	}
	sweep_flags(sw, CC_ENTRY_CLONE, max);
	sweep_flags(sw, CC_ENTRY_CLONE3, max);
	sweep_sizes_and_signals(sw);
	fflush(stdout);
}

/*
 * The sweep over jobs workers, one a core: 66 000 launches one after
 * another took 241 s here, two workers on two cores 160 s.  Each
 * worker is a fork that writes its lines to a memfd and its counts to
 * a shared page; they are printed worker by worker, so one
 * disagreement's lines stay together.  0, or an exit status.
 */
static int sweep_workers(struct sweep *total, int max, unsigned int jobs)
{
	struct sweep *shares;
	int outfd[SWEEP_JOBS_MAX], status = EXIT_AGREE;
	unsigned int w, made;
	pid_t pid[SWEEP_JOBS_MAX];
	char buf[8192];
	ssize_t len;

	shares = mmap(NULL, jobs * sizeof(*shares), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shares == MAP_FAILED) {
		fprintf(stderr, "clonecheck sweep: mmap: %s\n", CC_ERRNO(errno));
		return EXIT_NOT_RUN;
	}
	fflush(stdout);
	for (made = 0; made < jobs; made++) {
		shares[made] = *total;
		shares[made].worker = made;
		shares[made].jobs = jobs;
		outfd[made] = memfd_create("clonecheck-sweep", MFD_CLOEXEC);
		if (outfd[made] < 0) {
			fprintf(stderr, "clonecheck sweep: memfd_create: %s\n",
				CC_ERRNO(errno));
			status = EXIT_NOT_RUN;
			break;
		}
		pid[made] = fork();
		if (pid[made] == 0) {
			sweep_share(&shares[made], max, outfd[made]);
			_exit(EXIT_AGREE);
		}
		if (pid[made] < 0) {
			fprintf(stderr, "clonecheck sweep: fork: %s\n", CC_ERRNO(errno));
			close(outfd[made]);
			status = EXIT_NOT_RUN;
			break;
		}
	}
	for (w = 0; w < made; w++) {
		int wstatus;

		/* __WALL: whatever exit signal the kernel gave the worker. */
		while (waitpid(pid[w], &wstatus, __WALL) < 0 && errno == EINTR)
			;
		lseek(outfd[w], 0, SEEK_SET);
		while ((len = read(outfd[w], buf, sizeof(buf))) > 0)
			fwrite(buf, 1, (size_t)len, stdout);
		close(outfd[w]);
		if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != EXIT_AGREE) {
			fprintf(stderr, "clonecheck sweep: worker %u of %u ended with status 0x%x: its share was not swept whole\n",
				w + 1, jobs, wstatus);
			status = EXIT_NOT_RUN;
		}
		total->requests += shares[w].requests;
		total->agree += shares[w].agree;
		total->skipped += shares[w].skipped;
		total->disagree += shares[w].disagree;
	}
	munmap(shares, jobs * sizeof(*shares));
	return status;
}

static int cmd_sweep(int max, unsigned int jobs)
{
	struct sweep sw = { 0 };
	struct timespec start, end;
	struct cc_env self, env;
	double seconds;
	char why[200];
	int err, status;

	/*
	 * Throwaway mount, UTS, IPC and network namespaces first, where
	 * this process may: a kernel that ignored a CLONE_NEW* flag would
	 * change those, not the host's.
	 */
	if (cc_env_has_cap(CAP_SYS_ADMIN)) {
		err = cc_enter_throwaway_namespaces();
		if (err) {
			fprintf(stderr, "clonecheck sweep: throwaway namespaces: %s\n",
				CC_ERRNO(err));
			return EXIT_NOT_RUN;
		}
	} else if (cc_env_userns_blocked(why, sizeof(why))) {
		printf("# unprivileged and %s: namespace rows run as they are\n", why);
	}
	cc_env_detect(&self);
	if (self.pid_for_children_differs && !self.pid_for_children_entered) {
		/* The first launch's warden would be that namespace's init. */
		fprintf(stderr, "clonecheck sweep: this process's pid_for_children has no init yet (after unshare(CLONE_NEWPID)): only one launch could be made; run the sweep from a process inside the namespace (unshare --pid --fork)\n");
		return EXIT_NOT_RUN;
	}
	cc_launch_caller_env(&self, &env);
	sw.env = &env;
	clock_gettime(CLOCK_MONOTONIC, &start);
	status = sweep_workers(&sw, max, jobs);
	clock_gettime(CLOCK_MONOTONIC, &end);
	seconds = (double)(end.tv_sec - start.tv_sec) +
		  (double)(end.tv_nsec - start.tv_nsec) / 1e9;
	printf("sweep: %lu requests (up to %d flags of %zu, plus bit 63, each set also with its companions; sizes and exit signals), %lu agree, %lu disagree, %lu not run; agreement %.2f%% in %.1f s over %u workers\n",
	       sw.requests, max, cc_flag_count, sw.agree, sw.disagree, sw.skipped,
	       sw.requests - sw.skipped ?
		       100.0 * (double)sw.agree / (double)(sw.requests - sw.skipped) :
		       0.0,
	       seconds, jobs);
	if (status != EXIT_AGREE)
		return status;
	return sw.disagree ? EXIT_DISAGREE : EXIT_AGREE;
}

int main(int argc, char **argv)
{
	bool json = false, fitted = false;
	int max_flags = 4;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	const struct cc_fuzz_target *target = NULL;
	const char *cmd, *text = NULL;
	int i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return EXIT_AGREE;
		}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--fitted"))
			fitted = true;
		else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			target = check_target(argv[++i]);
			if (!target)
				return EXIT_USAGE;
		} else if (!strcmp(argv[i], "--max-flags") && i + 1 < argc) {
			char *end;

			max_flags = (int)strtol(argv[++i], &end, 10);
			if (*end || max_flags < 1 || max_flags > 4) {
				fprintf(stderr, "clonecheck: --max-flags takes 1 to 4, not \"%s\"\n",
					argv[i]);
				return EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--jobs") && i + 1 < argc) {
			char *end;

			jobs = strtol(argv[++i], &end, 10);
			if (*end || jobs < 1 || jobs > SWEEP_JOBS_MAX) {
				fprintf(stderr, "clonecheck: --jobs takes 1 to %d, not \"%s\"\n",
					SWEEP_JOBS_MAX, argv[i]);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			fprintf(stderr, "clonecheck: unknown option \"%s\"%s\n", argv[i],
				!strcmp(argv[i], "--target") || !strcmp(argv[i], "--max-flags") ||
				!strcmp(argv[i], "--jobs") ?
				" without its value" : "");
			usage(stderr);
			return EXIT_USAGE;
		} else if (!text)
			text = argv[i];
		else {
			fprintf(stderr, "clonecheck: one request at a time; quote it as one argument: '%s ...'\n",
				text);
			return EXIT_USAGE;
		}
	}
	if (!strcmp(cmd, "run") || !strcmp(cmd, "explain")) {
		if (!text) {
			fprintf(stderr, "clonecheck %s: which request? for example: clonecheck %s 'clone3 flags=CLONE_VM stack=mmap:64k'\n",
				cmd, cmd);
			return EXIT_USAGE;
		}
		return cmd_explain_or_run(text, json, !strcmp(cmd, "run"));
	}
	if (!strcmp(cmd, "encode") || !strcmp(cmd, "decode") ||
	    !strcmp(cmd, "repro")) {
		if (!text) {
			fprintf(stderr, "clonecheck %s: which %s?\n", cmd,
				strcmp(cmd, "encode") ? "input file" : "request");
			return EXIT_USAGE;
		}
		if (!strcmp(cmd, "encode"))
			return cmd_encode(target_of(target, NULL), text);
		if (!strcmp(cmd, "decode"))
			return cmd_decode(target_of(target, text), text, fitted);
		return cmd_repro(target_of(target, text), text);
	}
	if (!strcmp(cmd, "env")) {
		struct cc_env self, caller;

		/* This process, and the launch caller run and explain predict for. */
		cc_env_detect(&self);
		cc_launch_caller_env(&self, &caller);
		printf(json ? "{\"process\": " : "process: ");
		cc_env_print(stdout, &self, json);
		printf(json ? ", \"caller\": " : "caller:  ");
		cc_env_print(stdout, &caller, json);
		if (json)
			printf("}\n");
		return EXIT_AGREE;
	}
	if (!strcmp(cmd, "rules"))
		return cmd_rules();
	if (!strcmp(cmd, "fixes"))
		return cmd_fixes();
	if (!strcmp(cmd, "targets"))
		return cmd_targets();
	if (!strcmp(cmd, "clean")) {
		cc_cgroup_sweep(stdout);
		return EXIT_AGREE;
	}
	if (!strcmp(cmd, "dict"))
		return cmd_dict();
	if (!strcmp(cmd, "sweep")) {
		/* Default: a worker a core (sysconf's -1 or more: clamped). */
		if (jobs < 1)
			jobs = 1;
		if (jobs > SWEEP_JOBS_MAX)
			jobs = SWEEP_JOBS_MAX;
		return cmd_sweep(max_flags, (unsigned int)jobs);
	}
	fprintf(stderr, "clonecheck: unknown command \"%s\"\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
