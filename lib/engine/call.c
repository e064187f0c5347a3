// SPDX-License-Identifier: GPL-2.0
/*
 * The call itself: each entry point's arguments from the request; see
 * call.h.  The caller that runs this is a throwaway process (launch.c).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine/call.h"
#include "engine/machine.h"
#include "engine/sys.h"
#include "outcome/names.h"

static uint64_t pointer_arg(struct cc_call_setup *st, enum cc_ptr_kind kind,
			    volatile int32_t *word)
{
	switch (kind) {
	case CC_PTR_NULL:
		return 0;
	case CC_PTR_BAD:
		return (uint64_t)(uintptr_t)st->bad_address;
	case CC_PTR_PARENT_TID:
		return (uint64_t)(uintptr_t)&st->sh->parent_tid_word;
	default:
		return (uint64_t)(uintptr_t)word;
	}
}

/* At most: the stack, the TLS block, the faulting page, clone3's struct. */
#define NOTED_MAX 8

static struct noted_memory {
	void *addr;
	size_t len;	/* 0: a heap block */
} noted[NOTED_MAX];
static int noted_count;

static int note_memory(void *addr, size_t len)
{
	if (noted_count == NOTED_MAX)
		return -1;
	noted[noted_count].addr = addr;
	noted[noted_count].len = len;
	noted_count++;
	return 0;
}

int cc_call_note_mapping(void *addr, size_t len)
{
	return note_memory(addr, len);
}

int cc_call_note_heap(void *block)
{
	return note_memory(block, 0);
}

void cc_call_release_noted(void)
{
	while (noted_count > 0) {
		struct noted_memory *m = &noted[--noted_count];

		if (m->len)
			munmap(m->addr, m->len);
		else
			free(m->addr);
	}
}

int cc_call_prepare_stack(struct cc_call_setup *st)
{
	const struct cc_request *req = st->req;
	long page = sysconf(_SC_PAGESIZE);
	uint8_t *base;

	switch (req->stack) {
	case CC_STACK_NONE:
		return 0;
	case CC_STACK_AT:
		st->stack_lo = cc_request_address(req->stack_addr,
						  req->stack_from_top,
						  cc_env_task_size_max());
		st->stack_hi = st->stack_lo + req->stack_size;
		st->stack_top = st->stack_hi;
		return 0;
	case CC_STACK_MALLOC:
		base = aligned_alloc(16, (req->stack_size + 15) & ~15ULL);
		if (!base)
			return -1;
		if (cc_call_note_heap(base)) {
			free(base);
			return -1;
		}
		st->stack_lo = (uint64_t)(uintptr_t)base;
		st->stack_hi = st->stack_lo + req->stack_size;
		st->stack_top = st->stack_hi & ~15ULL;
		return 0;
	case CC_STACK_MMAP:
	case CC_STACK_MISALIGNED:
		/* A guard page below, so an overflow faults instead of
		 * scribbling over whatever lies beneath. */
		base = mmap(NULL, req->stack_size + page, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (base == MAP_FAILED)
			return -1;
		if (cc_call_note_mapping(base, req->stack_size + page)) {
			munmap(base, req->stack_size + page);
			return -1;
		}
		if (mprotect(base, page, PROT_NONE))
			return -1;
		st->stack_lo = (uint64_t)(uintptr_t)(base + page);
		st->stack_hi = st->stack_lo + req->stack_size;
		st->stack_top = st->stack_hi;
		if (req->stack == CC_STACK_MISALIGNED)
			st->stack_top -= 8;
		return 0;
	default:
		return -1;
	}
}

static long call_raw_clone(struct cc_call_setup *st)
{
	const struct cc_request *req = st->req;
	struct cc_shared *sh = st->sh;
	uint64_t ptid;
	long a[5];

	/* Legacy clone returns the pidfd through parent_tid. */
	if (req->flags & CC_CLONE_PIDFD)
		ptid = pointer_arg(st, req->pidfd, &sh->pidfd_word);
	else
		ptid = pointer_arg(st, req->parent_tid, &sh->parent_tid_word);
	cc_arch_clone_args(a, req->flags | (req->exit_signal & CC_CSIGNAL),
			   st->stack_top, ptid,
			   pointer_arg(st, req->child_tid, &sh->child_tid_word),
			   st->obs->tls_requested);
	return cc_arch_clone_call(CC_NR_clone, a[0], a[1], a[2], a[3], a[4],
				  cc_child_main, sh);
}

static long call_raw_clone3(struct cc_call_setup *st)
{
	const struct cc_request *req = st->req;
	struct cc_shared *sh = st->sh;
	struct cc_clone_args args = {
		.flags = req->flags,
		.pidfd = pointer_arg(st, req->pidfd, &sh->pidfd_word),
		.child_tid = pointer_arg(st, req->child_tid, &sh->child_tid_word),
		.parent_tid =
			pointer_arg(st, req->parent_tid, &sh->parent_tid_word),
		.exit_signal = req->exit_signal,
		.tls = st->obs->tls_requested,
		.set_tid = req->set_tid_ptr == CC_PTR_NULL ? 0 :
			   req->set_tid_ptr == CC_PTR_BAD ?
				(uint64_t)(uintptr_t)st->bad_address :
			   req->set_tid_size ? (uint64_t)(uintptr_t)req->set_tid : 0,
		.set_tid_size = req->set_tid_size,
		.cgroup = st->cgroup_value,
	};
	uint64_t size = req->clone3_size;
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	uint64_t span = (size + page - 1) / page * page + page;
	uint8_t *area, *start;

	/* Any stack the request names, one whose end wraps past 2^64 too. */
	if (req->stack != CC_STACK_NONE) {
		args.stack = st->stack_lo;
		args.stack_size = st->stack_top - st->stack_lo;
	}
	/*
	 * The struct ends where a PROT_NONE page begins, so a kernel that
	 * reads one byte past the size it was given faults (EFAULT).  Fresh
	 * anonymous memory is zero: only the struct and the tail are written,
	 * so even a huge size costs nothing but address space.
	 */
	area = mmap(NULL, span, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (area != MAP_FAILED && cc_call_note_mapping(area, span)) {
		munmap(area, span);
		area = MAP_FAILED;
		errno = ENOMEM;
	}
	if (area == MAP_FAILED || mprotect(area + span - page, page, PROT_NONE)) {
		snprintf(st->obs->broken, sizeof(st->obs->broken),
			 "cannot place a %llu-byte clone_args: %s",
			 (unsigned long long)size, CC_ERRNO(errno));
		return CC_CALL_BROKEN;
	}
	start = area + span - page - size;
	memcpy(start, &args, size < sizeof(args) ? size : sizeof(args));
	if (size > sizeof(args))
		memcpy(start + sizeof(args), req->tail,
		       req->tail_len < size - sizeof(args) ?
			       req->tail_len : size - sizeof(args));
	if (req->args_bad)
		start = st->bad_address;
	return cc_arch_clone_call(CC_NR_clone3, (long)start, size, 0, 0, 0,
				  cc_child_main, sh);
}

static int libc_child(void *arg)
{
	return cc_child_main(arg, (uint64_t)(uintptr_t)__builtin_frame_address(0));
}

static void *pthread_child(void *arg)
{
	struct cc_shared *sh = arg;

	/* pthread_create() does not say the tid; a child that exits at once
	 * never reaches the probes that report it. */
	__atomic_store_n(&sh->pthread_tid, (int32_t)syscall(SYS_gettid),
			 __ATOMIC_RELEASE);
	return (void *)(intptr_t)cc_child_main(
		arg, (uint64_t)(uintptr_t)__builtin_frame_address(0));
}

static long call_libc_clone(struct cc_call_setup *st)
{
	const struct cc_request *req = st->req;
	struct cc_shared *sh = st->sh;
	int ret;

	/* glibc's clone() takes an int: bits above 31 cannot be spelled. */
	ret = clone(libc_child, (void *)(uintptr_t)st->stack_top,
		    (int)(req->flags | (req->exit_signal & CC_CSIGNAL)), sh,
		    (int *)(uintptr_t)(req->flags & CC_CLONE_PIDFD ?
			    pointer_arg(st, req->pidfd, &sh->pidfd_word) :
			    pointer_arg(st, req->parent_tid, &sh->parent_tid_word)),
		    (void *)(uintptr_t)st->obs->tls_requested,
		    (int *)(uintptr_t)pointer_arg(st, req->child_tid,
						  &sh->child_tid_word));
	return ret < 0 ? -errno : ret;
}

static long call_reference(struct cc_call_setup *st)
{
	struct cc_shared *sh = st->sh;
	char fd_text[16];
	char *argv[] = { sh->exec_helper, fd_text, NULL };
	char *envp[] = { NULL };
	pid_t pid;
	int err;

	switch (st->req->entry) {
	case CC_ENTRY_FORK:
		pid = fork();
		if (pid == 0)
			sys_exit(cc_child_main(sh, cc_arch_stack_pointer()));
		return pid < 0 ? -errno : pid;
	case CC_ENTRY_VFORK:
		pid = vfork();
		if (pid == 0)
			sys_exit(cc_child_main(sh, cc_arch_stack_pointer()));
		return pid < 0 ? -errno : pid;
	case CC_ENTRY_POSIX_SPAWN:
		snprintf(fd_text, sizeof(fd_text), "%d", sh->memfd);
		err = posix_spawn(&pid, sh->exec_helper_path, NULL, NULL, argv,
				  envp);
		return err ? -err : pid;
	case CC_ENTRY_PTHREAD:
		err = pthread_create(&st->thread, NULL, pthread_child, sh);
		return err ? -err : 0;	/* the tid comes from the child */
	default:
		return -EINVAL;
	}
}

long cc_call_perform(struct cc_call_setup *st)
{
	switch (st->req->entry) {
	case CC_ENTRY_CLONE:
		return call_raw_clone(st);
	case CC_ENTRY_CLONE3:
		return call_raw_clone3(st);
	case CC_ENTRY_LIBC:
		return call_libc_clone(st);
	default:
		return call_reference(st);
	}
}
