// SPDX-License-Identifier: GPL-2.0
/*
 * The body of every reproducer `clonecheck repro` writes; the lines
 * above it define REPRO_* for one call.  It makes the call with raw
 * syscalls (x86-64), parks the child in a pipe read, reads what it
 * shares from /proc, lets it go, reaps it, and prints each expected
 * value beside the one it got.  Exit status 0: as expected; 1: not.
 * Builds alone, with gcc -static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef REPRO_FLAGS	/* a plain clone3, when built on its own */
#define REPRO_CLONE3		1
#define REPRO_FLAGS		0ULL
#define REPRO_EXIT_SIGNAL	17ULL
#define REPRO_SIZE		88
#define REPRO_TAIL		{ 0 }
#define REPRO_STACK		0	/* 0 none, 1 mapped, 2 raw */
#define REPRO_STACK_ADDR	0ULL
#define REPRO_STACK_SIZE	0ULL
#define REPRO_TLS		0ULL	/* 0: a valid block of ours */
#define REPRO_PARENT_TID	0	/* 0 a word of ours, 1 NULL, 2 faults, 3 the parent_tid word */
#define REPRO_CHILD_TID		0
#define REPRO_PIDFD		0
#define REPRO_ARGS_BAD		0
#define REPRO_SET_TID		{ 0 }
#define REPRO_SET_TID_SIZE	0
#define REPRO_CGROUP		0ULL	/* the raw value, for the kinds a repro can make */
#define REPRO_NOBODY		0
#define REPRO_NPROC		-1
#define REPRO_EXIT_CODE		0
#define EXPECT_RET		0	/* 0: a child; else -errno */
#define EXPECT_EXIT_SIGNAL	17
#define EXPECT_PROPS		""	/* the sharing the model predicts, by name */
#endif

struct repro_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		 stack_size, tls, set_tid, set_tid_size, cgroup;
	uint8_t tail[4096];
};

int repro_ready_fd, repro_go_fd, repro_wait = 1, repro_exit_code = REPRO_EXIT_CODE;
volatile int repro_child_mark;
char repro_byte;
static int failures;

/* The child runs only the instructions after the syscall: no stack, no libc. */
#define CHILD_PATH							\
	"test %%rax, %%rax\n\t"						\
	"jnz 1f\n\t"							\
	"movl $1, repro_child_mark(%%rip)\n\t"				\
	"cmpl $0, repro_wait(%%rip)\n\t"				\
	"je 2f\n\t"							\
	"mov $1, %%eax\n\t"						\
	"movl repro_ready_fd(%%rip), %%edi\n\t"				\
	"lea repro_byte(%%rip), %%rsi\n\t"				\
	"mov $1, %%edx\n\t"						\
	"syscall\n\t"							\
	"xor %%eax, %%eax\n\t"						\
	"movl repro_go_fd(%%rip), %%edi\n\t"				\
	"lea repro_byte(%%rip), %%rsi\n\t"				\
	"mov $1, %%edx\n\t"						\
	"syscall\n\t"							\
	"2:\n\t"							\
	"mov $60, %%eax\n\t"						\
	"movl repro_exit_code(%%rip), %%edi\n\t"			\
	"syscall\n\t"							\
	"1:\n\t"

static long raw_clone3(void *args, size_t size)
{
	long ret;

	asm volatile("syscall\n\t" CHILD_PATH
		     : "=a"(ret) : "a"(435L), "D"(args), "S"(size)
		     : "rcx", "r11", "rdx", "memory");
	return ret;
}

static long raw_clone(uint64_t flags, uint64_t stack, uint64_t parent_tid,
		      uint64_t child_tid, uint64_t tls)
{
	register uint64_t r10 asm("r10") = child_tid;
	register uint64_t r8 asm("r8") = tls;
	long ret;

	asm volatile("syscall\n\t" CHILD_PATH
		     : "=a"(ret) : "a"(56L), "D"(flags), "S"(stack),
		       "d"(parent_tid), "r"(r10), "r"(r8)
		     : "rcx", "r11", "memory");
	return ret;
}

static void check(const char *what, long long expected, long long got)
{
	printf("%-32s expected %-8lld got %-8lld%s\n", what, expected, got,
	       expected == got ? "" : "   <-- differs");
	failures += expected != got;
}

static void note(const char *what, const char *text)
{
	printf("%-32s %s\n", what, text);
}

/* A "Name:\tvalue" line of /proc/<tid>/status, as a number in base. */
static long long status_field(long tid, const char *name, int base)
{
	char path[64], line[256];
	long long value = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/status", tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, strlen(name)) && line[strlen(name)] == ':')
			value = strtoll(line + strlen(name) + 1, NULL, base);
	fclose(f);
	return value;
}

static int same_ns(long tid, const char *ns)
{
	char a[64], b[64], la[64] = "", lb[64] = "";

	snprintf(a, sizeof(a), "/proc/%ld/ns/%s", tid, ns);
	snprintf(b, sizeof(b), "/proc/self/ns/%s", ns);
	if (readlink(a, la, sizeof(la) - 1) < 0 || readlink(b, lb, sizeof(lb) - 1) < 0)
		return -1;
	return !strcmp(la, lb);
}

static int expects(const char *prop)
{
	const char *list = " " EXPECT_PROPS " ";
	char word[64];

	snprintf(word, sizeof(word), " %s ", prop);
	return strstr(list, word) != NULL;
}

static void measure(long tid)
{
	static const char *const ns[] = { "mnt", "pid_for_children", "net", "uts",
					  "ipc", "user", "cgroup", "time_for_children" };
	static const char *const ns_prop[] = {
		"mount_namespace", "pid_namespace", "network_namespace",
		"uts_namespace", "ipc_namespace", "user_namespace",
		"cgroup_namespace", "time_namespace",
	};
	char path[64], what[64];
	int fd, i;

	check("memory (CLONE_VM)", expects("memory"), repro_child_mark);
	check("thread group (CLONE_THREAD)", expects("thread_group"),
	      status_field(tid, "Tgid", 10) == getpid());
	check("parent (CLONE_PARENT)", expects("parent"),
	      status_field(tid, "PPid", 10) == getppid());
	umask(077);
	check("umask (CLONE_FS)", expects("fs_umask"),
	      status_field(tid, "Umask", 8) == 077);
	signal(SIGUSR2, SIG_IGN);
	check("signal handlers (CLONE_SIGHAND)", expects("signal_handlers"),
	      (status_field(tid, "SigIgn", 16) >> (SIGUSR2 - 1)) & 1);
	fd = open("/", O_RDONLY);
	snprintf(path, sizeof(path), "/proc/%ld/fd/%d", tid, fd);
	check("fd table (CLONE_FILES)", expects("fd_table"), access(path, F_OK) == 0);
	for (i = 0; i < 8; i++) {
		int same = same_ns(tid, ns[i]);

		snprintf(what, sizeof(what), "new %s", ns_prop[i]);
		if (same >= 0)
			check(what, expects(ns_prop[i]), !same);
	}
}

/* The struct ends against a PROT_NONE page: a read past size faults. */
static struct repro_clone_args *place_args(size_t size)
{
	size_t pages = (size + 4095) / 4096 + 1;
	char *map = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (map == MAP_FAILED)
		return NULL;
	mprotect(map + (pages - 1) * 4096, 4096, PROT_NONE);
	return (struct repro_clone_args *)(map + (pages - 1) * 4096 - size);
}

static uint64_t pointer(int kind, uint64_t word, uint64_t parent_tid_word)
{
	static char *bad;

	if (!bad)
		bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return kind == 1 ? 0 : kind == 2 ? (uint64_t)bad :
	       kind == 3 ? parent_tid_word : word;
}

int main(void)
{
	static int32_t parent_tid_word, child_tid_word, pidfd_word = -1;
	static int32_t set_tid[32] = REPRO_SET_TID;
	static uint8_t tail[] = REPRO_TAIL;
	static uint64_t tls_block[64];
	int ready[2], go[2], stack_kind = REPRO_STACK;
	uint64_t stack = REPRO_STACK_ADDR, stack_size = REPRO_STACK_SIZE, flags = REPRO_FLAGS;
	uint64_t tls = REPRO_TLS ? REPRO_TLS : (uint64_t)tls_block;
	struct repro_clone_args full = { 0 }, *args;
	size_t size = REPRO_SIZE;
	sigset_t all, pending;
	siginfo_t si;
	long ret;
	int sig;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe(ready) || pipe(go))
		return 2;
	repro_ready_fd = ready[1];
	repro_go_fd = go[0];
	/* The parent stays blocked in vfork until the child exits. */
	repro_wait = !(flags & 0x4000);
	if (stack_kind == 1) {
		char *map = mmap(NULL, stack_size + 4096, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		mprotect(map, 4096, PROT_NONE);
		stack = (uint64_t)map + 4096;
	}
	/* Exit signals stay pending, to be read after the child is gone. */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	if (REPRO_NPROC >= 0) {
		struct rlimit rl = { REPRO_NPROC, RLIM_INFINITY };

		setrlimit(RLIMIT_NPROC, &rl);
	}
	if (REPRO_NOBODY && (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
			     setresuid(65534, 65534, 65534))) {
		perror("repro: cannot become uid 65534");
		return 2;
	}

	full.flags = flags;
	full.pidfd = pointer(REPRO_PIDFD, (uint64_t)&pidfd_word, (uint64_t)&parent_tid_word);
	full.child_tid = pointer(REPRO_CHILD_TID, (uint64_t)&child_tid_word, 0);
	full.parent_tid = pointer(REPRO_PARENT_TID, (uint64_t)&parent_tid_word, 0);
	full.exit_signal = REPRO_EXIT_SIGNAL;
	full.stack = stack;
	full.stack_size = stack_size;
	full.tls = tls;
	full.set_tid = REPRO_SET_TID_SIZE ? (uint64_t)set_tid : 0;
	full.set_tid_size = REPRO_SET_TID_SIZE;
	full.cgroup = REPRO_CGROUP;
	memcpy(full.tail, tail, sizeof(tail));

	if (REPRO_CLONE3) {
		args = place_args(size);
		if (!args)
			return 2;
		memcpy(args, &full, size < sizeof(full) ? size : sizeof(full));
		ret = raw_clone3(REPRO_ARGS_BAD ? (void *)pointer(2, 0, 0) : args, size);
	} else {
		/* Legacy clone: the stack argument is its top. */
		ret = raw_clone(flags | REPRO_EXIT_SIGNAL, stack ? stack + stack_size : 0,
				full.parent_tid, full.child_tid, tls);
	}
	check("return (0: a child; -errno)", EXPECT_RET, ret > 0 ? 0 : ret);
	if (ret <= 0)
		return failures ? 1 : 0;

	if (repro_wait) {
		struct pollfd pfd = { .fd = ready[0], .events = POLLIN };

		/* A watchdog, not a synchronisation: the child writes first. */
		if (poll(&pfd, 1, 5000) == 1 && read(ready[0], &repro_byte, 1) == 1)
			measure(ret);
		else
			note("the child", "never reached its pipe: nothing measured");
		if (write(go[1], "g", 1) != 1)
			return 2;
	} else {
		note("CLONE_VFORK", "the child had exited when the call returned");
		check("memory (CLONE_VM)", expects("memory"), repro_child_mark);
	}
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, ret, &si, WEXITED | __WALL) == 0)
		check("child exit status", REPRO_EXIT_CODE,
		      si.si_code == CLD_EXITED ? si.si_status : -si.si_status);
	else
		note("the child", "not ours to wait for (a thread, or CLONE_PARENT)");
	sigpending(&pending);
	for (sig = 1; sig < 65; sig++)
		if (sigismember(&pending, sig))
			break;
	check("exit signal", EXPECT_EXIT_SIGNAL, sig < 65 ? sig : 0);
	printf("%s\n", failures ? "REPRODUCED: the kernel differs from the model" :
				  "not reproduced: the kernel did what the model expects");
	return failures ? 1 : 0;
}
