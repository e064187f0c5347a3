// SPDX-License-Identifier: GPL-2.0
/*
 * clonecheck-probe-helper FD: runs the child's probes in a freshly
 * exec'ed image, for posix_spawn and for children that exec.  FD is the
 * shared page, inherited across exec.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "engine/probe.h"

int main(int argc, char **argv)
{
	struct stat sb;
	char *end;
	long fd;
	void *sh;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FD (run by clonecheck, not by hand)\n",
			argv[0]);
		return 2;
	}
	fd = strtol(argv[1], &end, 10);
	if (*end || fd < 0 || fstat((int)fd, &sb) ||
	    (size_t)sb.st_size < sizeof(struct cc_shared)) {
		fprintf(stderr, "%s: \"%s\" is not the shared page's fd\n",
			argv[0], argv[1]);
		return 2;
	}
	sh = mmap(NULL, (size_t)sb.st_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		  (int)fd, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 2;
	}
	return cc_child_probe(sh, cc_arch_stack_pointer(), 1);
}
