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
 *	the model's rules in the kernel's order, with versions
 *
 * Exit status: 0 the kernel agrees with the model (run) or the request
 * parsed (explain); 1 they disagree; 2 usage or a request that does not
 * parse (the error points at the word); 3 the request cannot run here
 * (SKIP) or the fixture broke.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void version_text(char *buf, size_t len, unsigned int v)
{
	snprintf(buf, len, "%u.%u.%u", v >> 16, (v >> 8) & 0xff, v & 0xff);
}

static int cmd_rules(void)
{
	char errname[32], since[16], until[16];
	size_t i;

	for (i = 0; i < cc_rule_count; i++) {
		const struct cc_rule *r = &cc_rules[i];

		version_text(since, sizeof(since), r->since);
		version_text(until, sizeof(until), r->until);
		printf("%-42s %-8s %-22s %s%s%s%s%s  %s: %s\n", r->name,
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

int main(int argc, char **argv)
{
	bool json = false;
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
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
		usage(stdout);
		return EXIT_AGREE;
	}
	fprintf(stderr, "clonecheck: unknown command \"%s\"\n", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
