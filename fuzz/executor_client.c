// SPDX-License-Identifier: GPL-2.0
/*
 * The fuzz target's side of the executor (executor.h): start it once,
 * then one message and one reply per input.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outcome/names.h"

#include "executor.h"

/* Where the build put the executor; a copy beside the target wins. */
#ifndef CC_EXECUTOR_PATH
#define CC_EXECUTOR_PATH ""
#endif

static int channel = -1;
static pid_t executor;
static struct cc_exec_reply hello;

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "clonecheck fuzz: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	_exit(2);
}

/*
 * The executor: $CLONECHECK_EXECUTOR, else beside the target, else in
 * the plain build's bin/ beside the target's fuzz/ (so a copy of the
 * build finds its own, wherever it was copied to), else where the build
 * that made the target put it.
 */
static void find_executor(char *path, size_t len)
{
	const char *env = getenv("CLONECHECK_EXECUTOR");
	char exe[4096], *dir;
	ssize_t n;

	if (env && *env) {
		snprintf(path, len, "%s", env);
		if (access(path, X_OK))
			die("CLONECHECK_EXECUTOR=%s: %s", env, CC_ERRNO(errno));
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		dir = dirname(exe);
		snprintf(path, len, "%s/%s", dir, CC_EXEC_NAME);
		if (access(path, X_OK) == 0)
			return;
		snprintf(path, len, "%s/../bin/%s", dir, CC_EXEC_NAME);
		if (access(path, X_OK) == 0)
			return;
	}
	snprintf(path, len, "%s", CC_EXECUTOR_PATH);
	if (!path[0] || access(path, X_OK))
		die("cannot find %s beside the target, in ../bin or at \"%s\" (%s); build it (make fuzz) or set CLONECHECK_EXECUTOR",
		    CC_EXEC_NAME, CC_EXECUTOR_PATH, CC_ERRNO(errno));
}

/*
 * Where the inputs' time goes (CLONECHECK_COSTS): the points an input
 * passes, in order, each from the launch's or the executor's stamps;
 * a phase runs from the last point passed to the next.
 */
static const struct {
	bool exec;		/* an enum cc_exec_stamp, else enum cc_stamp */
	int stamp;
	const char *phase;	/* what the time up to this point went to */
} points[] = {
	{ true, CC_EXEC_STAMP_INPUT, NULL },
	{ true, CC_EXEC_STAMP_INIT, "to the resident, or an init: namespaces, /proc" },
	{ false, CC_STAMP_CALLER, "launch: shared page and caller (a vfork, or a fork)" },
	{ false, CC_STAMP_STEPS, "caller steps (as=, userns=, unshare=, pidns= ...)" },
	{ false, CC_STAMP_CALLED, "the call: its setup (stack, cgroup, limits) and the syscall" },
	{ false, CC_STAMP_CHILD_GONE, "the child runs, and is waited for" },
	{ false, CC_STAMP_PROBED, "probes read" },
	{ false, CC_STAMP_REAPED, "warden reaps and cleans up" },
	{ true, CC_EXEC_STAMP_TORN_DOWN, "the resident's check, or the init's pid namespace gone" },
	{ true, CC_EXEC_STAMP_CHECKED, "leak check" },
};
#define NPOINTS (sizeof(points) / sizeof(points[0]))

/* Each input's in all, and in its class: [1] makes a namespace. */
struct costs {
	unsigned long inputs;
	double phase_us[NPOINTS];
	double ipc_us;		/* the round trip less the executor's time */
	double total_us;	/* the round trip */
};
static struct costs costs_all, costs_class[2];

static void costs_add(const struct cc_request *req,
		      const struct cc_exec_reply *reply, uint64_t round_trip_ns)
{
	struct costs *into[] = { &costs_all,
				 &costs_class[cc_request_makes_namespace(req)] };
	uint64_t prev = reply->stamp_ns[CC_EXEC_STAMP_INPUT], at;
	double phase_us[NPOINTS] = { 0 }, ipc_us;
	size_t i, c;

	if (!prev || !reply->stamp_ns[CC_EXEC_STAMP_CHECKED])
		return;
	for (i = 1; i < NPOINTS; i++) {
		at = points[i].exec ? reply->stamp_ns[points[i].stamp] :
				      reply->obs.stamp_ns[points[i].stamp];
		if (!at || at < prev)
			continue;
		phase_us[i] = (double)(at - prev) / 1e3;
		prev = at;
	}
	ipc_us = (double)(round_trip_ns -
			  (reply->stamp_ns[CC_EXEC_STAMP_CHECKED] -
			   reply->stamp_ns[CC_EXEC_STAMP_INPUT])) / 1e3;
	for (c = 0; c < 2; c++) {
		for (i = 1; i < NPOINTS; i++)
			into[c]->phase_us[i] += phase_us[i];
		into[c]->ipc_us += ipc_us;
		into[c]->total_us += (double)round_trip_ns / 1e3;
		into[c]->inputs++;
	}
}

static double costs_mean(const struct costs *c, double sum)
{
	return c->inputs ? sum / (double)c->inputs : 0;
}

void cc_executor_costs_print(FILE *out)
{
	const struct costs *col[] = { &costs_all, &costs_class[0], &costs_class[1] };
	size_t i, c;

	fprintf(out, "executor: where an input's time goes, mean over %lu inputs (us), in all and by whether the request makes a namespace:\n",
		costs_all.inputs);
	fprintf(out, "  %-62s %9s %9s %9s\n", "", "all", "none", "one");
	fprintf(out, "  %-62s %9lu %9lu %9lu\n", "inputs", costs_all.inputs,
		costs_class[0].inputs, costs_class[1].inputs);
	for (i = 1; i < NPOINTS; i++) {
		fprintf(out, "  %-62s", points[i].phase);
		for (c = 0; c < 3; c++)
			fprintf(out, " %9.1f", costs_mean(col[c], col[c]->phase_us[i]));
		fputc('\n', out);
	}
	fprintf(out, "  %-62s", "the target's side and the round trip over the socket");
	for (c = 0; c < 3; c++)
		fprintf(out, " %9.1f", costs_mean(col[c], col[c]->ipc_us));
	fprintf(out, "\n  %-62s", "an input in all");
	for (c = 0; c < 3; c++)
		fprintf(out, " %9.1f", costs_mean(col[c], col[c]->total_us));
	fprintf(out, "\n  %-62s", "inputs per second");
	for (c = 0; c < 3; c++)
		fprintf(out, " %9.0f", col[c]->total_us > 0 ?
			1e6 * (double)col[c]->inputs / col[c]->total_us : 0);
	fputc('\n', out);
}

static int exchange(struct cc_exec_msg *msg, struct cc_exec_reply *reply)
{
	static uint32_t count;

	/* Unique across the forks of one target (AFL++'s fork server). */
	msg->seq = (uint64_t)getpid() << 32 | ++count;
	if (cc_exec_send(channel, msg, sizeof(*msg)))
		return -1;
	/* A reply to an input of a fork that died is skipped. */
	do {
		if (cc_exec_recv(channel, reply, sizeof(*reply)) ||
		    reply->magic != CC_EXEC_MAGIC)
			return -1;
	} while (reply->seq != msg->seq);
	return 0;
}

void cc_executor_start(void)
{
	struct cc_exec_msg msg = { .magic = CC_EXEC_MAGIC, .op = CC_EXEC_HELLO };
	char path[4096];
	int sv[2];

	if (channel >= 0)
		return;
	find_executor(path, sizeof(path));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		die("socketpair: %s", CC_ERRNO(errno));
	/* A plain fork, once: a fault injector leaves plain forks alone. */
	executor = fork();
	if (executor < 0)
		die("fork: %s", CC_ERRNO(errno));
	if (executor == 0) {
		if (dup2(sv[1], 0) < 0)
			_exit(127);
		execl(path, CC_EXEC_NAME, (char *)NULL);
		fprintf(stderr, "clonecheck fuzz: exec %s: %s\n", path,
			CC_ERRNO(errno));
		_exit(127);
	}
	close(sv[1]);
	channel = sv[0];
	if (exchange(&msg, &hello) || hello.result != CC_RESULT_OK)
		die("the executor %s did not answer its hello%s%s", path,
		    hello.obs.broken[0] ? ": " : "", hello.obs.broken);
}

const struct cc_env *cc_executor_env(void)
{
	cc_executor_start();
	return &hello.env;
}

bool cc_executor_isolated(void)
{
	cc_executor_start();
	return hello.isolated;
}

enum cc_result cc_executor_run(const struct cc_request *req,
				     struct cc_exec_reply *reply)
{
	struct cc_exec_msg msg = { .magic = CC_EXEC_MAGIC, .op = CC_EXEC_RUN };
	int status;

	uint64_t start;

	cc_executor_start();
	msg.req = *req;
	start = cc_monotonic_ns();
	if (exchange(&msg, reply)) {
		/* Its death is a finding too: say how it ended. */
		close(channel);
		channel = -1;
		while (waitpid(executor, &status, __WALL) < 0 && errno == EINTR)
			;
		fprintf(stderr, "clonecheck fuzz: the executor died (%s %d) during an input\n",
			WIFSIGNALED(status) ? "signal" : "status",
			WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		abort();
	}
	costs_add(req, reply, cc_monotonic_ns() - start);
	return (enum cc_result)reply->result;
}

void cc_executor_stop(void)
{
	int status;

	if (channel < 0)
		return;
	close(channel);
	channel = -1;
	while (waitpid(executor, &status, __WALL) < 0 && errno == EINTR)
		;
}
