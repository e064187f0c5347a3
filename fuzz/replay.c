// SPDX-License-Identifier: GPL-2.0
/*
 * A main() for the fuzz targets without an engine: runs each file named
 * (or every file in each directory named) through LLVMFuzzerTestOneInput
 * once, as `make check` does with corpus/regressions.  A finding aborts,
 * as under the engine; otherwise it prints how many inputs ran and how
 * many distinct outcomes (signature slots, fuzz.h) they reached.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outcome/names.h"

#include "executor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
unsigned int cc_signature_slots_hit(void);	/* fuzz.h */

static unsigned long inputs;

static int run_file(const char *path)
{
	static uint8_t buf[1 << 16];
	FILE *f = fopen(path, "rb");
	size_t len;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, CC_ERRNO(errno));
		return -1;
	}
	len = fread(buf, 1, sizeof(buf), f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "replay: %s: %s\n", path,
			ferror(f) ? "read error" : "longer than 64 KiB");
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	inputs++;
	return 0;
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int run_path(const char *path)
{
	struct dirent **names;
	struct stat st;
	int n, i, status = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: %s: %s\n", path, CC_ERRNO(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	n = scandir(path, &names, NULL, compare_names);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, CC_ERRNO(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		char child[4096];

		if (names[i]->d_name[0] != '.') {
			snprintf(child, sizeof(child), "%s/%s", path,
				 names[i]->d_name);
			if (run_path(child))
				status = -1;
		}
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run_path(argv[i]))
			status = 1;
	printf("replay: %lu inputs, no finding; %u outcome-signature slots reached\n",
	       inputs, cc_signature_slots_hit());
	if (getenv("CLONECHECK_COSTS"))
		cc_executor_costs_print(stdout);
	return status;
}
