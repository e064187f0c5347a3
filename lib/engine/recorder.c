// SPDX-License-Identifier: GPL-2.0
/*
 * The libc's task-creating calls, recorded; see recorder.h.
 *
 * A process of its own makes the reference call, so the filter (which
 * no one can remove) dies with it.  Its supervisor is a thread started
 * before the filter, which applies to the installing thread only (no
 * TSYNC): the supervisor's own calls are never stopped.  The filter
 * stops clone, clone3, fork and vfork for the calling thread and every
 * task it makes; the supervisor notes each and lets it go on.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/recorder.h"
#include "engine/sys.h"
#include "outcome/names.h"
#include "tracee_regs.h"

struct recorder_state {
	int listener;
	int go[2];		/* readable once the listener is there */
	int stop[2];		/* readable at the end */
	struct cc_recording *out;
	char *why;
	size_t len;
	int failed;
};

static int install_filter(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_AUDIT_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_clone, 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_clone3, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_fork, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, CC_NR_vfork, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
	};
	struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]), .filter = code,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

/* One stopped call: noted, then let go on as made. */
static void note_call(struct recorder_state *st,
		      const struct seccomp_notif *req)
{
	struct cc_recording *out = st->out;
	struct cc_libc_call *call;
	struct cc_clone_args args = { 0 };
	struct iovec local = { &args, sizeof(args) }, remote;

	if (out->count == CC_RECORDED_MAX)
		return;
	call = &out->calls[out->count++];
	switch (req->data.nr) {
	case CC_NR_clone:
		call->syscall = CC_SYSCALL_CLONE;
		call->flags = (uint32_t)req->data.args[0] & ~0xffULL;
		call->exit_signal = req->data.args[0] & 0xff;
		break;
	case CC_NR_clone3:
		call->syscall = CC_SYSCALL_CLONE3;
		/* The struct is in the caller's memory, which is ours. */
		remote.iov_base = (void *)(uintptr_t)req->data.args[0];
		remote.iov_len = req->data.args[1] < sizeof(args) ?
				 req->data.args[1] : sizeof(args);
		if (process_vm_readv(req->pid, &local, 1, &remote, 1, 0) < 0)
			args.flags = ~0ULL;	/* no match for any row */
		call->flags = args.flags;
		call->exit_signal = args.exit_signal;
		break;
	case CC_NR_fork:
		call->syscall = CC_SYSCALL_FORK;
		call->exit_signal = SIGCHLD;
		break;
	default:
		call->syscall = CC_SYSCALL_VFORK;
		call->flags = CC_CLONE_VM | CC_CLONE_VFORK;
		call->exit_signal = SIGCHLD;
		break;
	}
}

static void *supervise(void *arg)
{
	struct recorder_state *st = arg;
	struct pollfd fds[2] = { { .fd = -1 } };
	char byte;

	/* The listener exists only once the main thread has its filter. */
	if (read(st->go[0], &byte, 1) != 1 || st->listener < 0)
		return NULL;
	fds[0] = (struct pollfd){ .fd = st->listener, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = st->stop[0], .events = POLLIN };
	for (;;) {
		struct seccomp_notif req;
		struct seccomp_notif_resp resp;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!(fds[0].revents & POLLIN))
			break;		/* the stop pipe, or the listener gone */
		memset(&req, 0, sizeof(req));
		if (ioctl(st->listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			break;
		}
		note_call(st, &req);
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(st->listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) &&
		    errno != ENOENT) {
			/* Before 5.5 the flag is unknown: EINVAL. */
			snprintf(st->why, st->len, "%s",
				 errno == EINVAL ?
				 "needs SECCOMP_USER_NOTIF_FLAG_CONTINUE (Linux 5.5): the supervisor's answer was refused with EINVAL" :
				 "the supervisor could not answer a stopped call");
			st->failed = errno == EINVAL ? 2 : 1;
			/* The call stays stopped until the listener closes. */
			close(st->listener);
			st->listener = -1;
			break;
		}
	}
	return NULL;
}

static void *thread_start(void *arg)
{
	return arg;
}

/* The reference call itself; 0 when it made its task and reaped it. */
static int make_reference(enum cc_entry entry)
{
	char *argv[] = { "/", NULL }, *envp[] = { NULL };
	pthread_t thread;
	pid_t pid;
	int status;

	switch (entry) {
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
	case CC_ENTRY_POSIX_SPAWN:
		/*
		 * An exec that fails (a directory: EACCES) needs no program on
		 * the machine; the call is what counts, and posix_spawn reaps
		 * a child whose exec failed before it says so.
		 */
		status = posix_spawn(&pid, "/", NULL, NULL, argv, envp);
		errno = status;
		return status == EACCES ? 0 : -1;
	case CC_ENTRY_PTHREAD:
		if (pthread_create(&thread, NULL, thread_start, NULL))
			return -1;
		return pthread_join(thread, NULL) ? -1 : 0;
	default:
		return -1;
	}
	if (pid < 0)
		return -1;
	return waitpid(pid, &status, 0) == pid ? 0 : -1;
}

/* In the recording process: 0, 2 for a SKIP, 1 for a failure; why said. */
static int record_here(enum cc_entry entry, struct cc_recording *out,
		       char *why, size_t len)
{
	struct recorder_state st = {
		.listener = -1, .out = out, .why = why, .len = len,
	};
	pthread_t supervisor;
	int made, made_errno;

	if (pipe(st.go) || pipe(st.stop))
		return snprintf(why, len, "pipe: %s", CC_ERRNO(errno)), 1;
	/* The supervisor first: a thread started later would be filtered. */
	if (pthread_create(&supervisor, NULL, supervise, &st))
		return snprintf(why, len, "cannot start the supervisor"), 1;
	st.listener = install_filter();
	if (st.listener < 0) {
		int err = -st.listener;

		st.listener = -1;
		close(st.go[1]);
		pthread_join(supervisor, NULL);
		snprintf(why, len, err == EINVAL || err == ENOSYS ?
			 "needs seccomp user notification (SECCOMP_FILTER_FLAG_NEW_LISTENER, Linux 5.0): seccomp answers %s" :
			 "cannot install the recording filter: seccomp answers %s",
			 cc_errno_name(err, (char[CC_ERRNO_NAME_MAX]){ 0 },
				       CC_ERRNO_NAME_MAX));
		return err == EINVAL || err == ENOSYS ? 2 : 1;
	}
	if (write(st.go[1], "g", 1) != 1)
		return snprintf(why, len, "pipe: %s", CC_ERRNO(errno)), 1;
	made = make_reference(entry);
	made_errno = errno;
	close(st.stop[1]);
	pthread_join(supervisor, NULL);
	if (st.failed)
		return st.failed;
	if (made)
		return snprintf(why, len, "the reference call failed: %s",
				CC_ERRNO(made_errno)), 1;
	return 0;
}

int cc_record_reference(enum cc_entry entry, struct cc_recording *out,
			bool *skip, char *why, size_t len)
{
	struct shared {
		struct cc_recording rec;
		int code;
		char why[256];
	} *sh;
	pid_t pid;
	int status = 0;

	*skip = false;
	memset(out, 0, sizeof(*out));
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return snprintf(why, len, "mmap: %s", CC_ERRNO(errno)), -1;
	memset(sh, 0, sizeof(*sh));
	sh->code = 1;
	snprintf(sh->why, sizeof(sh->why), "the recording process ended early");
	pid = fork();
	if (pid == 0) {
		sh->code = record_here(entry, &sh->rec, sh->why,
				       sizeof(sh->why));
		_exit(0);
	}
	if (pid < 0) {
		snprintf(why, len, "fork: %s", CC_ERRNO(errno));
		munmap(sh, sizeof(*sh));
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid || status) {
		snprintf(why, len,
			 "the recording process ended with status 0x%x", status);
		munmap(sh, sizeof(*sh));
		return -1;
	}
	*out = sh->rec;
	*skip = sh->code == 2;
	snprintf(why, len, "%s", sh->code ? sh->why : "");
	status = sh->code ? -1 : 0;
	munmap(sh, sizeof(*sh));
	return status;
}
