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
 *	what the model knows about this machine and this process
 *   clonecheck rules
 *	the model's rules in the kernel's order: name, in force on this
 *	kernel (yes/no), errno, entry points, versions, function, condition
 *   clonecheck sweep [--max-flags N]
 *	every combination of up to N (3) flags from the flag table, plus
 *	bit 63, through raw clone and raw clone3, then clone3 struct sizes
 *	and exit signals: the model against the kernel, every disagreement
 *	listed as a request to replay with `clonecheck run`
 *
 * Exit status: 0 the kernel agrees with the model (run) or the request
 * parsed (explain); 1 they disagree; 2 usage or a request that does not
 * parse (the error points at the word); 3 the request cannot run here
 * (SKIP) or the fixture broke.
 */
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "context.h"
#include "env.h"
#include "launch.h"
#include "model.h"
#include "request.h"
#include "verdict.h"

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
		"       clonecheck sweep [--max-flags N]\n"
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

static void print_observation(FILE *out, const struct cc_observation *obs,
			      bool json)
{
	struct cc_expect seen = {
		.ret = obs->ret > 0 ? 0 : obs->ret,
		.props = obs->props,
		.exit_signal = obs->exit_signal,
		.exit_kind = obs->exit_kind,
		.exit_value = obs->exit_value,
	};
	struct cc_prediction as_seen = { .expect = seen };
	char text[1024];

	/* The observation in the prediction's words, so the two line up. */
	cc_prediction_print(text, sizeof(text), &as_seen, json);
	if (json)
		fputs(text, out);
	else if (obs->ret < 0)
		fprintf(out, "observed:   refused with %s\n",
			cc_errno_name((int)-obs->ret, text, sizeof(text)));
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

static int cmd_explain_or_run(const char *text, bool json, bool run)
{
	struct cc_request req;
	struct cc_prediction pred;
	struct cc_observation obs;
	enum cc_launch_result result;
	struct cc_env env;
	char canonical[CC_REQUEST_TEXT_MAX], buf[4096];
	int differences;

	if (parse_or_complain(text, &req))
		return EXIT_USAGE;
	cc_env_detect(&env);
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
	if (!run) {
		if (json)
			printf("}\n");
		return EXIT_AGREE;
	}

	result = cc_launch(&req, &obs);
	if (result != CC_LAUNCH_OK) {
		const char *why = result == CC_LAUNCH_SKIP ? obs.skip : obs.broken;
		const char *what = result == CC_LAUNCH_SKIP ? "skip" : "broken";

		if (json) {
			printf(", \"verdict\": \"%s\", \"why\": ", what);
			json_string(stdout, why);
			printf("}\n");
		} else {
			printf("verdict:    %s: %s\n", what, why);
		}
		return EXIT_NOT_RUN;
	}
	differences = cc_verdict(&req, &pred.expect, &obs, buf, sizeof(buf));
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

struct sweep {
	const struct cc_env *env;
	unsigned long requests, agree, skipped, disagree;
};

static void sweep_one(struct sweep *sw, const struct cc_request *req)
{
	struct cc_prediction pred;
	struct cc_observation obs;
	enum cc_launch_result result;
	char text[CC_REQUEST_TEXT_MAX], diff[4096];

	sw->requests++;
	cc_model_predict(req, sw->env, &pred);
	result = cc_launch(req, &obs);
	cc_request_print(text, sizeof(text), req);
	if (result != CC_LAUNCH_OK) {
		sw->skipped++;
		printf("# %s %s: %s\n", result == CC_LAUNCH_SKIP ? "skip" : "broken",
		       text, result == CC_LAUNCH_SKIP ? obs.skip : obs.broken);
		return;
	}
	if (!cc_verdict(req, &pred.expect, &obs, diff, sizeof(diff))) {
		sw->agree++;
		return;
	}
	sw->disagree++;
	printf("disagree: %s\n", text);
	cc_prediction_print(text, sizeof(text), &pred, false);
	printf("  model: %s\n  kernel:\n%s", text, diff);
}

/* Every set of up to max flags from the table (and bit 63). */
static void sweep_flags(struct sweep *sw, enum cc_entry entry, int max)
{
	uint64_t bits[64];
	size_t n = 0, i, j, k;
	struct cc_request req;

	for (i = 0; i < cc_flag_count; i++)
		bits[n++] = cc_flags[i].bit;
	bits[n++] = 1ULL << 63;

	cc_request_init(&req, entry);
	req.stack = CC_STACK_MMAP;
	req.stack_size = 64 << 10;
	sweep_one(sw, &req);
	for (i = 0; i < n; i++) {
		req.flags = bits[i];
		sweep_one(sw, &req);
		if (max < 2)
			continue;
		for (j = i + 1; j < n; j++) {
			req.flags = bits[i] | bits[j];
			sweep_one(sw, &req);
			if (max < 3)
				continue;
			for (k = j + 1; k < n; k++) {
				req.flags = bits[i] | bits[j] | bits[k];
				sweep_one(sw, &req);
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

static int cmd_sweep(int max)
{
	struct sweep sw = { 0 };
	struct timespec start, end;
	struct cc_env env;
	double seconds;
	char why[200];
	int err;

	/*
	 * Throwaway mount, UTS, IPC and network namespaces first, where
	 * this process may: a kernel that ignored a CLONE_NEW* flag would
	 * change those, not the host's.
	 */
	if (cc_env_has_cap(CAP_SYS_ADMIN)) {
		err = cc_context_sandbox();
		if (err) {
			fprintf(stderr, "clonecheck sweep: throwaway namespaces: %s\n",
				strerror(-err));
			return EXIT_NOT_RUN;
		}
	} else if (cc_env_userns_blocked(why, sizeof(why))) {
		printf("# unprivileged and %s: namespace rows run as they are\n", why);
	}
	cc_env_detect(&env);
	sw.env = &env;
	clock_gettime(CLOCK_MONOTONIC, &start);
	sweep_flags(&sw, CC_ENTRY_CLONE, max);
	sweep_flags(&sw, CC_ENTRY_CLONE3, max);
	sweep_sizes_and_signals(&sw);
	clock_gettime(CLOCK_MONOTONIC, &end);
	seconds = (double)(end.tv_sec - start.tv_sec) +
		  (double)(end.tv_nsec - start.tv_nsec) / 1e9;
	printf("sweep: %lu requests (up to %d flags of %zu, plus bit 63; sizes and exit signals), %lu agree, %lu disagree, %lu not run; agreement %.2f%% in %.1f s\n",
	       sw.requests, max, cc_flag_count, sw.agree, sw.disagree, sw.skipped,
	       sw.requests - sw.skipped ?
		       100.0 * (double)sw.agree / (double)(sw.requests - sw.skipped) :
		       0.0,
	       seconds);
	return sw.disagree ? EXIT_DISAGREE : EXIT_AGREE;
}

int main(int argc, char **argv)
{
	bool json = false;
	int max_flags = 3;
	const char *cmd, *text = NULL;
	int i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--max-flags") && i + 1 < argc) {
			char *end;

			max_flags = (int)strtol(argv[++i], &end, 10);
			if (*end || max_flags < 1 || max_flags > 3) {
				fprintf(stderr, "clonecheck: --max-flags takes 1, 2 or 3, not \"%s\"\n",
					argv[i]);
				return EXIT_USAGE;
			}
		}
		else if (!text)
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
	if (!strcmp(cmd, "env")) {
		struct cc_env env;

		cc_env_detect(&env);
		cc_env_print(stdout, &env, json);
		if (json)
			printf("\n");
		return EXIT_AGREE;
	}
	if (!strcmp(cmd, "rules"))
		return cmd_rules();
	if (!strcmp(cmd, "sweep"))
		return cmd_sweep(max_flags);
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return EXIT_AGREE;
	}
	fprintf(stderr, "clonecheck: unknown command \"%s\"\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
