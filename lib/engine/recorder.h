/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a libc's fork(), vfork(), posix_spawn() and pthread_create() ask
 * the kernel for: the task-creating syscalls each makes, with their
 * flags and exit signal, recorded through a seccomp user-notification
 * filter that lets every call go on as made (SECCOMP_USER_NOTIF_FLAG_
 * CONTINUE, Linux 5.5).  The probes see what a task shares; this sees
 * the call itself, which is what differs between libcs.
 */
#ifndef CLONECHECK_RECORDER_H
#define CLONECHECK_RECORDER_H

#include <stddef.h>
#include <stdint.h>

#include "spec/model.h"

#define CC_RECORDED_MAX 8

struct cc_recording {
	int count;
	struct cc_libc_call calls[CC_RECORDED_MAX];
	int unread;	/* a clone3 struct could not be read: the errno */
};

/*
 * Makes the reference call (CC_ENTRY_FORK ... CC_ENTRY_PTHREAD) once in
 * a process of its own and records the calls.  Returns 0, or -1 with
 * why (a SKIP's reason where the kernel lacks the means, on the
 * evidence of its answer; else what broke) in why.
 */
int cc_record_reference(enum cc_entry entry, struct cc_recording *out,
			bool *skip, char *why, size_t len);

#endif
