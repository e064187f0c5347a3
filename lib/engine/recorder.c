// SPDX-License-Identifier: GPL-2.0
/*
 * The libc's task-creating calls, recorded; see recorder.h.
 *
 * A process of its own (the caller) makes the reference call, so the
 * filter (which no one can remove) dies with it; its parent is the
 * supervisor, which gets the filter's listener over a socket.  Not a
 * thread of the caller's: where clone3 is refused (EPERM) glibc cannot
 * start one.  The filter stops clone, clone3, fork and vfork for the
 * caller and every task it makes; the supervisor notes each, reading a
 * clone3 struct from the caller's memory (its child's: no ptrace scope
 * refuses that), and lets it go on.
 */
#include <errno.h>
#include <fcntl.h>
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
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/machine.h"
#include "engine/recorder.h"
#include "engine/sys.h"
#include "outcome/names.h"
#include "tracee_regs.h"

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
	int fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -errno;
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	return fd < 0 ? -errno : fd;
}

/*
 * The caller's memory through /proc/PID/mem, where process_vm_readv is
 * not there (no CONFIG_CROSS_MEMORY_ATTACH, as in a minimal kernel).
 * Returns 0, or -1 with errno.
 */
static int read_memory(pid_t pid, uint64_t address, void *buf, size_t len)
{
	char path[32];
	ssize_t got;
	int fd, err;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	got = pread64(fd, buf, len, (off64_t)address);
	err = errno;
	close(fd);
	if (got == (ssize_t)len)
		return 0;
	errno = got < 0 ? err : EIO;
	return -1;
}

/* One stopped call: noted, then let go on as made. */
static void note_call(struct cc_recording *out,
		      const struct seccomp_notif *req)
{
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
		remote.iov_base = (void *)(uintptr_t)req->data.args[0];
		remote.iov_len = req->data.args[1] < sizeof(args) ?
				 req->data.args[1] : sizeof(args);
		if (process_vm_readv(req->pid, &local, 1, &remote, 1, 0) < 0 &&
		    read_memory(req->pid, req->data.args[0], &args,
				remote.iov_len)) {
			out->unread = errno;
			out->count--;
			return;
		}
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
		/*
		 * No join: the call is what counts, and the caller's exit
		 * ends the thread.  A 32-bit glibc 2.36's pthread_join waits
		 * with the 32-bit time futex, which a kernel without
		 * CONFIG_COMPAT_32BIT_TIME lacks (it aborts: found by make
		 * vmcheck on the minimal kernel).
		 */
		errno = pthread_create(&thread, NULL, thread_start, NULL);
		if (errno)
			return -1;
		errno = pthread_detach(thread);
		return errno ? -1 : 0;
	default:
		errno = EINVAL;
		return -1;
	}
	if (pid < 0)
		return -1;
	return waitpid(pid, &status, __WALL) == pid ? 0 : -1;
}

/* What the caller tells its supervisor, then its exit status says. */
enum caller_code {
	CALLER_MADE = 0,	/* the reference call made its task */
	CALLER_NO_NOTIFY,	/* the kernel has no user notification */
	CALLER_NO_FILTER,	/* any other refusal of the filter */
	CALLER_CALL_FAILED,	/* the reference call failed: errno follows */
};

/* The caller: the filter, its listener to the supervisor, the call. */
static void __attribute__((noreturn)) caller(int sock, enum cc_entry entry)
{
	char control[CMSG_SPACE(sizeof(int))] = { 0 };
	int listener = install_filter(), message[2] = { 0, 0 };
	struct iovec iov = { message, sizeof(message) };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cmsg;

	if (listener < 0) {
		message[0] = listener == -EINVAL || listener == -ENOSYS ?
			     CALLER_NO_NOTIFY : CALLER_NO_FILTER;
		message[1] = -listener;
		_exit(send(sock, message, sizeof(message), 0) < 0);
	}
	msg.msg_control = control;
	msg.msg_controllen = sizeof(control);
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &listener, sizeof(int));
	if (sendmsg(sock, &msg, 0) < 0)
		_exit(1);
	close(listener);
	if (make_reference(entry)) {
		message[0] = CALLER_CALL_FAILED;
		message[1] = errno;
		_exit(send(sock, message, sizeof(message), 0) < 0);
	}
	_exit(0);
}

/* The listener the caller sent, or -1 with its message read. */
static int receive_listener(int sock, int message[2])
{
	char control[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { message, 2 * sizeof(int) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cmsg;
	int fd = -1;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) <= 0)
		return -1;
	cmsg = CMSG_FIRSTHDR(&msg);
	if (cmsg && cmsg->cmsg_level == SOL_SOCKET &&
	    cmsg->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
	return fd;
}

/*
 * The supervisor: each stopped call noted and continued, until the
 * caller and every task that holds its end of the socket are gone.
 * Returns 0, 2 for a SKIP, 1 for a failure; why said.
 */
static int supervise(int sock, int listener, struct cc_recording *out,
		     char *why, size_t len)
{
	struct pollfd fds[2] = {
		{ .fd = listener, .events = POLLIN },
		{ .fd = sock, .events = POLLIN },
	};
	bool clone3_enosys = cc_env_clone3() == CC_CLONE3_ENOSYS;
	int message[2] = { 0, 0 };
	ssize_t got;

	for (;;) {
		struct seccomp_notif req;
		struct seccomp_notif_resp resp;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return snprintf(why, len, "poll: %s", CC_ERRNO(errno)), 1;
		}
		if (fds[1].revents) {
			/* A message (the call failed), or the end of the caller. */
			got = recv(sock, message, sizeof(message), 0);
			if (got == sizeof(message) &&
			    message[0] == CALLER_CALL_FAILED)
				return snprintf(why, len,
						"the reference call failed: %s",
						CC_ERRNO(message[1])), 1;
			return 0;
		}
		if (!(fds[0].revents & POLLIN))
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req)) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			return snprintf(why, len, "SECCOMP_IOCTL_NOTIF_RECV: %s",
					CC_ERRNO(errno)), 1;
		}
		note_call(out, &req);
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		/*
		 * Where clone3 answers ENOSYS, the answer is ENOSYS here too:
		 * a tracer's (the fault injector's) would not be asked, as
		 * this filter's answer comes first (SECCOMP_RET_USER_NOTIF
		 * before SECCOMP_RET_TRACE), and a kernel's or an ERRNO
		 * filter's is that one.
		 */
		if (req.data.nr == CC_NR_clone3 && clone3_enosys)
			resp.error = -ENOSYS;
		else
			resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) &&
		    errno != ENOENT) {
			/* Before 5.5 the flag is unknown: EINVAL. */
			snprintf(why, len, errno == EINVAL ?
				 "needs SECCOMP_USER_NOTIF_FLAG_CONTINUE (Linux 5.5): the supervisor's answer is refused with EINVAL" :
				 "SECCOMP_IOCTL_NOTIF_SEND: %s", CC_ERRNO(errno));
			return errno == EINVAL ? 2 : 1;
		}
	}
}

/* In the recording process: 0, 2 for a SKIP, 1 for a failure; why said. */
static int record_here(enum cc_entry entry, struct cc_recording *out,
		       char *why, size_t len)
{
	int sock[2], message[2] = { 0, 0 }, listener, code, status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sock))
		return snprintf(why, len, "socketpair: %s", CC_ERRNO(errno)), 1;
	pid = fork();
	if (pid < 0)
		return snprintf(why, len, "fork: %s", CC_ERRNO(errno)), 1;
	if (pid == 0) {
		close(sock[0]);
		caller(sock[1], entry);
	}
	close(sock[1]);
	listener = receive_listener(sock[0], message);
	if (listener >= 0)
		code = supervise(sock[0], listener, out, why, len);
	else if (message[0] == CALLER_NO_NOTIFY)
		code = 2, snprintf(why, len, "needs seccomp user notification (SECCOMP_FILTER_FLAG_NEW_LISTENER, Linux 5.0): seccomp answers %s",
				   CC_ERRNO(message[1]));
	else if (message[0] == CALLER_NO_FILTER)
		code = 1, snprintf(why, len, "cannot install the recording filter: seccomp answers %s",
				   CC_ERRNO(message[1]));
	else
		code = 1, snprintf(why, len, "the recording caller sent no listener");
	/* Closing the listener lets a call still stopped go on (ENOSYS). */
	if (listener >= 0)
		close(listener);
	close(sock[0]);
	if (waitpid(pid, &status, __WALL) != pid)
		return snprintf(why, len, "waitpid: %s", CC_ERRNO(errno)), 1;
	if (!code && status)
		return snprintf(why, len,
				"the recording caller ended with status 0x%x",
				status), 1;
	return code;
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
	if (waitpid(pid, &status, __WALL) != pid || status) {
		snprintf(why, len,
			 "the recording process ended with status 0x%x", status);
		munmap(sh, sizeof(*sh));
		return -1;
	}
	*out = sh->rec;
	if (!sh->code && out->unread) {
		snprintf(sh->why, sizeof(sh->why),
			 "a clone3 struct could not be read from the caller (process_vm_readv, then /proc/PID/mem): %s",
			 CC_ERRNO(out->unread));
		sh->code = 1;
	}
	*skip = sh->code == 2;
	snprintf(why, len, "%s", sh->code ? sh->why : "");
	status = sh->code ? -1 : 0;
	munmap(sh, sizeof(*sh));
	return status;
}
