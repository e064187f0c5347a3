// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck-deny-clone3 ERRNO -- COMMAND...
 *
 * Runs COMMAND under a seccomp filter that answers every clone3 with
 * ERRNO (ENOSYS or EPERM) and allows everything else: the environment of
 * a kernel before 5.3 (ENOSYS), or of the container runtimes whose
 * default profile refused clone3 with EPERM and so broke glibc 2.34's
 * threads, which fall back to clone on ENOSYS only.  The suite must not
 * FAIL in either: it SKIPs what needs clone3 and says why.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "outcome/names.h"
#include "clone_filter.h"

int main(int argc, char **argv)
{
	int err;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: clonecheck-deny-clone3 ENOSYS|EPERM -- COMMAND...\n");
		return 125;
	}
	if (!strcmp(argv[1], "ENOSYS")) {
		err = ENOSYS;
	} else if (!strcmp(argv[1], "EPERM")) {
		err = EPERM;
	} else {
		fprintf(stderr, "clonecheck-deny-clone3: \"%s\" is not ENOSYS or EPERM\n",
			argv[1]);
		return 125;
	}

	if (install_clone_filter(SECCOMP_RET_ALLOW,
				 SECCOMP_RET_ERRNO | (unsigned int)err, true)) {
		fprintf(stderr, "clonecheck-deny-clone3: installing the filter: %s\n",
			CC_ERRNO(errno));
		return 125;
	}
	execvp(argv[3], argv + 3);
	fprintf(stderr, "clonecheck-deny-clone3: cannot run %s: %s\n", argv[3],
		CC_ERRNO(errno));
	return 127;
}
