// SPDX-License-Identifier: GPL-2.0
/*
 * A child running the case's own code; see clonefn.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "spec/flags.h"
#include "engine/clonefn.h"
#include "engine/sys.h"

/* The libc wrapper calls int fn(void *): this carries the real one. */
struct libc_start {
	cc_child_fn fn;
	void *arg;
};

static int libc_start(void *p)
{
	struct libc_start *start = p;

	return start->fn(start->arg,
			 (uint64_t)(uintptr_t)__builtin_frame_address(0));
}

long cc_clone_fn(enum cc_entry entry, uint64_t flags, uint64_t exit_signal,
	      cc_child_fn fn, void *arg)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t span = CC_CLONEFN_STACK_SIZE + page;
	/* Static: a CLONE_VM child may read it after this frame is gone. */
	static struct libc_start start;
	struct cc_clone_args args = { 0 };
	uint8_t *base, *low, *top;
	long ret;

	/* A guard page below: an overflow faults in the child, nowhere else. */
	base = mmap(NULL, span, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (base == MAP_FAILED)
		return -errno;
	if (mprotect(base, page, PROT_NONE)) {
		ret = -errno;
		munmap(base, span);
		return ret;
	}
	low = base + page;
	top = low + CC_CLONEFN_STACK_SIZE;

	switch (entry) {
	case CC_ENTRY_CLONE:
		ret = cc_arch_clone_call(CC_NR_clone,
					 (long)(flags | (exit_signal & CC_CSIGNAL)),
					 (long)top, 0, 0, 0, fn, arg);
		break;
	case CC_ENTRY_CLONE3:
		args.flags = flags;
		args.exit_signal = exit_signal;
		args.stack = (uint64_t)(uintptr_t)low;
		args.stack_size = CC_CLONEFN_STACK_SIZE;
		ret = cc_arch_clone_call(CC_NR_clone3, (long)&args,
					 sizeof(args), 0, 0, 0, fn, arg);
		break;
	case CC_ENTRY_LIBC:
		start.fn = fn;
		start.arg = arg;
		ret = clone(libc_start, top,
			    (int)(flags | (exit_signal & CC_CSIGNAL)), &start);
		if (ret < 0)
			ret = -errno;
		break;
	default:
		ret = -EINVAL;
	}
	/*
	 * Unmapped only when no child was made: even without CLONE_VM in
	 * flags, a kernel that wrongly shares the memory (the injector's
	 * add-vm) leaves the child running on it, and a child on a freed
	 * stack runs on whatever is mapped there next.
	 */
	if (ret < 0)
		munmap(base, span);
	return ret;
}

void cc_clone_fn_request(enum cc_entry entry, uint64_t flags,
			 uint64_t exit_signal, struct cc_request *req)
{
	cc_request_init(req, entry);
	req->flags = flags;
	req->exit_signal = exit_signal;
	req->stack = CC_STACK_MMAP;
	req->stack_size = CC_CLONEFN_STACK_SIZE;
}

int cc_turns_open(struct cc_turns *t)
{
	if (pipe2(t->to_child, O_CLOEXEC))
		return -errno;
	if (pipe2(t->to_caller, O_CLOEXEC)) {
		int err = -errno;

		close(t->to_child[0]);
		close(t->to_child[1]);
		return err;
	}
	return 0;
}

void cc_turns_caller_close(struct cc_turns *t)
{
	close(t->to_child[0]);
	close(t->to_caller[1]);
}

int cc_turns_go(struct cc_turns *t)
{
	if (write(t->to_child[1], "g", 1) == 1 || errno == EPIPE)
		return 0;
	return -errno;
}

bool cc_turns_done(struct cc_turns *t)
{
	ssize_t n;
	char c;

	do
		n = read(t->to_caller[0], &c, 1);
	while (n < 0 && errno == EINTR);
	return n == 1;
}
