// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck-bench [ITERATIONS]: microseconds per call of the engine
 * (a full launch: warden, caller, call, probes, verdict data) against a
 * bare loop that makes the same call and waits for the child, per entry
 * point.  Run by make bench; figures, not assertions.
 *
 * clonecheck-bench --corpus DIR [ROUNDS]: the bare loop over a fuzz
 * corpus instead: each file's request (decoded and fitted as the target
 * DIR's path names does, else as clone_oracle), made as a raw clone3,
 * or clone, and waited for; what a fuzz target's exec/s is measured
 * against.  Flags a bare loop in this very process cannot survive
 * (THREAD, PARENT, VFORK, SETTLS, the tid and pidfd pointers,
 * INTO_CGROUP) are left out.  Then the same calls, each made by a
 * caller forked for it: the bound of an executor that forks one.  Both
 * again for the requests that make no namespace and those that make
 * one.
 *
 * clonecheck-bench --forks: whether process creation scales across the
 * cores (fork_scaling).
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "outcome/names.h"
#include "form/bytes.h"
#include "spec/env.h"
#include "form/fit.h"
#include "form/targets.h"
#include "engine/launch.h"
#include "engine/sys.h"
#include "engine/machine.h"

#define STACK_SIZE (64 * 1024)

static uint8_t *bench_stack;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int child_exit0(void *arg, uint64_t sp)
{
	(void)arg, (void)sp;
	return 0;
}

static int libc_child_exit0(void *arg)
{
	(void)arg;
	return 0;
}

static void *thread_exit0(void *arg)
{
	return arg;
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR)
		;
}

/* One bare call of the entry point with flags, and its wait. */
static int bare_call(enum cc_entry entry, uint64_t flags)
{
	struct cc_clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
		.stack = (uint64_t)(uintptr_t)bench_stack,
		.stack_size = STACK_SIZE,
	};
	char *argv[] = { "/bin/true", NULL };
	char *envp[] = { NULL };
	pthread_t thread;
	long pid;

	switch (entry) {
	case CC_ENTRY_CLONE:
		pid = cc_arch_clone_call(CC_NR_clone, (long)(flags | SIGCHLD),
					 (long)(bench_stack + STACK_SIZE), 0, 0,
					 0, child_exit0, NULL);
		break;
	case CC_ENTRY_CLONE3:
		pid = cc_arch_clone_call(CC_NR_clone3, (long)&args, sizeof(args),
					 0, 0, 0, child_exit0, NULL);
		break;
	case CC_ENTRY_LIBC:
		pid = clone(libc_child_exit0, bench_stack + STACK_SIZE,
			    (int)flags | SIGCHLD, NULL);
		break;
	case CC_ENTRY_FORK:
		pid = fork();
		if (pid == 0)
			_exit(0);
		break;
	case CC_ENTRY_VFORK:
		pid = vfork();
		if (pid == 0)
			_exit(0);
		break;
	case CC_ENTRY_POSIX_SPAWN: {
		pid_t spawned;

		if (posix_spawn(&spawned, argv[0], NULL, NULL, argv, envp))
			return -1;
		pid = spawned;
		break;
	}
	case CC_ENTRY_PTHREAD:
		if (pthread_create(&thread, NULL, thread_exit0, NULL))
			return -1;
		pthread_join(thread, NULL);
		return 0;
	default:
		return -1;
	}
	if (pid < 0)
		return -1;
	reap((pid_t)pid);
	return 0;
}

struct bench_row {
	const char *request;	/* what the engine launches */
	enum cc_entry entry;	/* and the bare loop calls */
	uint64_t flags;
};

static const struct bench_row rows[] = {
	{ "clone stack=mmap:64k", CC_ENTRY_CLONE, 0 },
	{ "clone flags=CLONE_VM stack=mmap:64k", CC_ENTRY_CLONE, CC_CLONE_VM },
	{ "clone3 stack=mmap:64k", CC_ENTRY_CLONE3, 0 },
	{ "clone3 flags=CLONE_VM stack=mmap:64k", CC_ENTRY_CLONE3, CC_CLONE_VM },
	{ "libc stack=mmap:64k", CC_ENTRY_LIBC, 0 },
	{ "libc flags=CLONE_VM stack=mmap:64k", CC_ENTRY_LIBC, CC_CLONE_VM },
	{ "fork", CC_ENTRY_FORK, 0 },
	{ "vfork", CC_ENTRY_VFORK, 0 },
	{ "posix_spawn", CC_ENTRY_POSIX_SPAWN, 0 },
	{ "pthread", CC_ENTRY_PTHREAD, 0 },
};

static double engine_us(const char *text, int iterations)
{
	struct cc_observation obs;
	struct cc_request req;
	double start = now_us();
	int i;

	for (i = 0; i < iterations; i++) {
		if (cc_launch_text(text, &req, &obs) != CC_RESULT_OK) {
			fprintf(stderr, "bench: %s: %s%s\n", text, obs.broken,
				obs.skip);
			return -1;
		}
	}
	return (now_us() - start) / iterations;
}

static double bare_us(const struct bench_row *row, int iterations)
{
	double start = now_us();
	int i;

	for (i = 0; i < iterations; i++)
		if (bare_call(row->entry, row->flags)) {
			fprintf(stderr, "bench: bare %s failed: %s\n",
				row->request, CC_ERRNO(errno));
			return -1;
		}
	return (now_us() - start) / iterations;
}

/* Flags the bare loop leaves out: they need the launcher's care. */
#define BARE_UNSAFE (CC_CLONE_THREAD | CC_CLONE_PARENT | CC_CLONE_VFORK | \
		     CC_CLONE_SETTLS | CC_CLONE_PARENT_SETTID |	\
		     CC_CLONE_CHILD_SETTID | CC_CLONE_CHILD_CLEARTID |	\
		     CC_CLONE_PIDFD | CC_CLONE_INTO_CGROUP | CC_CSIGNAL)

/* The corpus's calls, as the bare loop makes them. */
struct bare_calls {
	size_t n;
	uint64_t flags[4096];
	enum cc_entry entries[4096];
	bool makes_namespace[4096];
};

/*
 * Microseconds per call over rounds of those of calls in class (-1:
 * all, else whether the request makes a namespace), each made here or
 * (forked) from a caller forked for it and waited for, as a launch's
 * is.  0 when the class holds none.
 */
static double calls_us(const struct bare_calls *calls, int class, int rounds,
		       bool forked)
{
	double start = now_us();
	size_t i, made = 0;
	int r;

	for (r = 0; r < rounds; r++)
		for (i = 0; i < calls->n; i++) {
			pid_t caller;

			if (class >= 0 && calls->makes_namespace[i] != class)
				continue;
			made++;
			if (!forked) {
				bare_call(calls->entries[i], calls->flags[i]);
				continue;
			}
			caller = fork();
			if (caller == 0) {
				bare_call(calls->entries[i], calls->flags[i]);
				_exit(0);
			}
			if (caller > 0)
				reap(caller);
		}
	return made ? (now_us() - start) / (double)made : 0;
}

/* Forks, each exiting at once and waited for, for seconds: how many. */
static unsigned long forks_for(double seconds)
{
	double end = now_us() + seconds * 1e6;
	unsigned long forks = 0;
	pid_t pid;

	while (now_us() < end) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			break;
		reap(pid);
		forks++;
	}
	return forks;
}

/*
 * Whether process creation scales across the cores: fork loops, one
 * alone, then one on each core at once.  Where it does not (a
 * paravirtualised guest whose page-table work is serialised), no
 * process an executor forks ahead, beside a launch, leaves the
 * launch's path: its fork slows the launch instead.
 */
static void fork_scaling(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long alone, together = 0, each;
	int pipefd[2];
	long i;

	alone = forks_for(1);
	if (cores < 2 || pipe(pipefd)) {
		printf("process creation: %lu forks/s from one process\n", alone);
		return;
	}
	for (i = 0; i < cores; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			each = forks_for(1);
			_exit(write(pipefd[1], &each, sizeof(each)) != sizeof(each));
		}
	}
	close(pipefd[1]);
	while (read(pipefd[0], &each, sizeof(each)) == sizeof(each))
		together += each;
	close(pipefd[0]);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	printf("process creation: %lu forks/s from one process, %lu/s from %ld at once (%.2f times one)\n",
	       alone, together, cores, alone ? (double)together / (double)alone : 0);
}

static int bare_corpus(const char *dir, int rounds)
{
	static uint8_t buf[1 << 16];
	static struct bare_calls calls;
	static const char *const class_names[] = {
		"requests that make no namespace", "requests that make one",
	};
	const struct cc_fuzz_target *target;
	size_t in_class[2] = { 0 };
	struct dirent *entry;
	struct cc_env env;
	double bare, forked;
	DIR *d = opendir(dir);
	int class;

	if (!d) {
		fprintf(stderr, "bench: %s: %s\n", dir, CC_ERRNO(errno));
		return 1;
	}
	/* The target the corpus is named for decodes it its own way. */
	target = cc_fuzz_target_of_path(dir);
	cc_env_detect(&env);
	while ((entry = readdir(d)) && calls.n < 4096) {
		char path[4096];
		struct cc_request req;
		size_t n = calls.n, len;
		FILE *f;

		if (entry->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		cc_fuzz_decode(target, buf, len, &req);
		cc_fuzz_fit(target, &req, &env);
		calls.entries[n] = req.entry == CC_ENTRY_CLONE3 ? CC_ENTRY_CLONE3 :
								  CC_ENTRY_CLONE;
		/* Legacy clone keeps its low 32 bits. */
		calls.flags[n] = req.flags & ~BARE_UNSAFE &
				 (calls.entries[n] == CC_ENTRY_CLONE ?
				  0xffffffffULL : ~0ULL);
		calls.makes_namespace[n] = cc_request_makes_namespace(&req);
		in_class[calls.makes_namespace[n]]++;
		calls.n++;
	}
	closedir(d);
	if (!calls.n) {
		fprintf(stderr, "bench: %s holds no input\n", dir);
		return 1;
	}
	bare = calls_us(&calls, -1, rounds, false);
	printf("bare loop over %s: %zu requests x %d rounds, %.1f us per call, %.0f calls/s\n",
	       dir, calls.n, rounds, bare, 1e6 / bare);
	/*
	 * The same calls, each from a caller forked for it (as a launch's
	 * is) and waited for: the most an executor that forks a caller per
	 * input could reach, whatever else it saves.
	 */
	forked = calls_us(&calls, -1, rounds, true);
	printf("  each from a caller forked for it: %.1f us per call, %.0f calls/s (%.2f of the bare loop)\n",
	       forked, 1e6 / forked, bare / forked);
	/*
	 * By class: a caller's steps (userns=, unshare=, pidns=) are not
	 * in the bare loop, but its flags' namespaces are.
	 */
	for (class = 0; class < 2; class++) {
		if (!in_class[class])
			continue;
		bare = calls_us(&calls, class, rounds, false);
		forked = calls_us(&calls, class, rounds, true);
		printf("  %s (%zu): bare %.1f us per call, %.0f calls/s; from a forked caller %.0f calls/s (%.2f)\n",
		       class_names[class], in_class[class], bare, 1e6 / bare,
		       1e6 / forked, bare / forked);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int iterations = argc > 1 ? atoi(argv[1]) : 300;
	char exit_only[CC_REQUEST_TEXT_MAX];
	size_t i;

	if (argc > 1 && !strcmp(argv[1], "--forks")) {
		fork_scaling();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "--corpus")) {
		bench_stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (bench_stack == MAP_FAILED)
			return 1;
		return bare_corpus(argv[2], argc > 3 ? atoi(argv[3]) : 5);
	}

	if (iterations <= 0) {
		fprintf(stderr, "usage: %s [ITERATIONS > 0]\n", argv[0]);
		return 2;
	}
	bench_stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (bench_stack == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	printf("%d calls each; microseconds per call\n", iterations);
	printf("%-38s %9s %9s %8s %7s\n", "request", "probes", "no probes",
	       "bare", "ratio");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double probed, plain, bare;

		snprintf(exit_only, sizeof(exit_only), "%s child=exit:0",
			 rows[i].request);
		probed = engine_us(rows[i].request, iterations);
		/* The references run their own child code: no exit:0 form. */
		plain = rows[i].entry <= CC_ENTRY_LIBC ?
			engine_us(exit_only, iterations) : 0;
		bare = bare_us(&rows[i], iterations);
		if (probed < 0 || plain < 0 || bare < 0)
			return 1;
		printf("%-38s %9.1f ", rows[i].request, probed);
		if (plain)
			printf("%9.1f", plain);
		else
			printf("%9s", "-");
		printf(" %8.1f %6.1fx\n", bare, probed / bare);
	}
	return 0;
}
