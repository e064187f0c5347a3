/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The executor: the small process that runs fuzz inputs, and the
 * messages between it and a fuzz target.
 *
 *   fuzz target (libFuzzer or AFL++, ASan, tens of MiB)
 *     └─ clonecheck-executor   own mount, UTS, IPC and net namespaces;
 *        │                     dies with the target (parent-death signal)
 *        ├─ resident           pid 1 of a pid namespace of its own, with
 *        │  │                  its own /proc, kept from input to input;
 *        │  │                  each input's launch warden (launch.h),
 *        │  │                  checks itself after; SIGKILLed by a
 *        │  │                  watchdog, replaced after an input that
 *        │  │                  left anything
 *        │  └─ caller → child  (launch.h); each caller forked before
 *        │                     its input comes, between inputs
 *        └─ input init         for a set_tid at the resident's level, and
 *           │                  the hello: pid 1 of a new pid namespace
 *           │                  with its own /proc, where the pids taken
 *           │                  are known; the launch's warden
 *           └─ caller → child  (launch.h)
 *
 * The target forks the executor once and execs it, so every input's
 * fork is made by a small uninstrumented process (fork cost grows with
 * the parent's memory), and nothing an input does reaches the target or
 * the host: the resident's wait for an input ends only when its pid
 * namespace holds nothing but the resident, and when the resident or
 * an input's init ends, the kernel kills every process of its pid
 * namespace.  Without CAP_SYS_ADMIN the executor makes those
 * namespaces inside a user namespace of its own (its ids mapped to
 * themselves), and each input drops the capabilities that gives it, so
 * it runs as unprivileged as the executor was.  Only where user
 * namespaces are not to be had does it run each input in an init of
 * its own in a process group of its own, as a subreaper, and say so in
 * its hello.
 *
 * After every input the executor checks that nothing was left behind:
 * no child of its own, the same fds, the same mounts, the same SysV
 * semaphores and hostname, no cgroup directory of the input's run.
 * Every count is of its own namespaces, never of the machine's, so
 * another program (another clonecheck run) cannot show as a leak.
 * What it finds comes back in reply.leak, and the target aborts on it.
 */
#ifndef CLONECHECK_FUZZ_EXECUTOR_H
#define CLONECHECK_FUZZ_EXECUTOR_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "spec/env.h"
#include "engine/launch.h"
#include "engine/probe.h"
#include "spec/request.h"

#define CC_EXEC_MAGIC		0x63636578u	/* "ccex" */
#define CC_EXEC_NAME		"clonecheck-executor"
/* Beyond the launch's own watchdog: the whole input, then SIGKILL. */
#define CC_EXEC_WATCHDOG_SECONDS (CC_WATCHDOG_SECONDS + 5)
/* Inputs with CLONE_NEWNET running at once, across every executor. */
#define CC_EXEC_NEWNET_SLOTS	2

enum cc_exec_op {
	CC_EXEC_HELLO,		/* reply with the env an input's caller sees */
	CC_EXEC_RUN,		/* launch msg.req */
};

/*
 * seq comes back in the reply: under AFL++'s fork server every input
 * runs in a fresh fork of the target sharing one executor, and a fork
 * killed mid-input leaves a reply the next fork must not take for its
 * own.
 */
struct cc_exec_msg {
	uint32_t magic;
	uint32_t op;
	uint64_t seq;
	struct cc_request req;
};

/*
 * The executor's own points of an input, as the launch's (enum
 * cc_stamp in engine/probe.h): where the time of a fuzz input goes.
 */
enum cc_exec_stamp {
	CC_EXEC_STAMP_INPUT,	/* the executor starts the input's init, or
				   sends it to the resident */
	CC_EXEC_STAMP_INIT,	/* the init is ready (namespaces, /proc), or
				   the resident has the input */
	CC_EXEC_STAMP_TORN_DOWN, /* the init reaped (its pid namespace gone),
				    or the resident checked itself */
	CC_EXEC_STAMP_CHECKED,	/* the leak check done */
	CC_EXEC_STAMP_COUNT
};

struct cc_exec_reply {
	uint32_t magic;
	int32_t result;		/* enum cc_result */
	uint64_t seq;		/* the message's */
	uint32_t isolated;	/* inputs run in pid namespaces of their own */
	struct cc_env env;	/* HELLO */
	struct cc_observation obs;	/* RUN */
	char leak[400];		/* what the input left behind; "" if nothing */
	uint64_t stamp_ns[CC_EXEC_STAMP_COUNT];	/* enum cc_exec_stamp */
};

/* Whole messages over the socket, both ways; -1 when the peer is gone. */
static inline int cc_exec_send(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = send(fd, (const char *)buf + done, len - done,
				 MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static inline int cc_exec_recv(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/*
 * The signals a child's exit may raise in the target or the executor
 * when the kernel gets the exit signal wrong (any of 1 to 64, the fault
 * the suite exists to catch), and whose default action would end or
 * stop them before they report it: each gets a handler that does
 * nothing (SA_RESTART), or SIG_DFL back.  Left alone: what the engines and sanitizers stop or
 * report on (INT, TERM, QUIT, ALRM for libFuzzer's -timeout, XFSZ, XCPU,
 * the faults), what is ignored by default (CHLD, CONT, URG, WINCH), and
 * the libc's own (glibc's 32 and 33, which sigaction refuses).  A
 * handler, unlike SIG_IGN, does not pass through exec.
 */
static inline void cc_exec_stray_signal(int sig)
{
	(void)sig;
}

static inline void cc_exec_take_stray_signals(bool take)
{
	struct sigaction sa = { .sa_handler = take ? cc_exec_stray_signal : SIG_DFL,
				.sa_flags = SA_RESTART };
	int sig;

	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		switch (sig) {
		case SIGINT: case SIGTERM: case SIGQUIT: case SIGALRM:
		case SIGXFSZ: case SIGXCPU: case SIGKILL: case SIGSTOP:
		case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE:
		case SIGTRAP: case SIGSYS: case SIGABRT:
		case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
			continue;
		}
		sigaction(sig, &sa, NULL);
	}
}

/* ---- the fuzz target's side (fuzz/executor_client.c) ---- */

/*
 * Starts the executor ($CLONECHECK_EXECUTOR, else beside the target,
 * else where the build put it), and reads its hello.  Exits the process
 * with a message when it cannot: a target without its executor has
 * nothing to test.
 */
void cc_executor_start(void);

/* The env of an input's caller, from the hello. */
const struct cc_env *cc_executor_env(void);
bool cc_executor_isolated(void);

/* Runs one request; reply->obs and reply->leak say what happened. */
enum cc_result cc_executor_run(const struct cc_request *req,
				     struct cc_exec_reply *reply);

/*
 * With CLONECHECK_COSTS set, where the inputs' time went so far, as
 * microseconds per input and phase, to out (make bench): for all the
 * inputs, those whose request makes no namespace and those that make
 * one (cc_request_makes_namespace), with each column's inputs per
 * second.
 */
void cc_executor_costs_print(FILE *out);

/* Ends the executor and reaps it (tests; targets let exit do it). */
void cc_executor_stop(void);

#endif
