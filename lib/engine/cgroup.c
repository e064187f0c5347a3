// SPDX-License-Identifier: GPL-2.0
/*
 * The suite's own cgroup directories; see cgroup.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/cgroup.h"
#include "engine/machine.h"
#include "outcome/names.h"

static char run_name[64];

void cc_cgroup_set_run(const char *run)
{
	snprintf(run_name, sizeof(run_name), "%s", run ? run : "");
}

static void random_word(char *out, size_t len)
{
	unsigned long long r = 0;

	/* Without getrandom, the clock and pid still make the name unlikely to repeat. */
	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r)) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (unsigned long long)ts.tv_nsec * 2654435761ULL ^
		    (unsigned long long)ts.tv_sec << 20 ^ (unsigned long long)getpid();
	}
	snprintf(out, len, "%016llx", r);
}

int cc_cgroup_make(struct cc_cgroup *cg, char *why, size_t len)
{
	char point[256], root[256], name[128], word[24];

	memset(cg, 0, sizeof(*cg));
	cg->lock_fd = -1;
	if (cc_env_cgroup2_mount(point, sizeof(point), root, sizeof(root))) {
		snprintf(why, len, "needs a cgroup2 mount: CLONE_INTO_CGROUP needs one");
		return -1;
	}
	random_word(word, sizeof(word));
	if (run_name[0])
		snprintf(name, sizeof(name), CC_CGROUP_PREFIX "%s.%s", run_name, word);
	else if (getenv("CLONECHECK_RUN") && *getenv("CLONECHECK_RUN"))
		snprintf(name, sizeof(name), CC_CGROUP_PREFIX "%.40s-p%d.%s",
			 getenv("CLONECHECK_RUN"), getpid(), word);
	else
		snprintf(name, sizeof(name), CC_CGROUP_PREFIX "p%d.%s", getpid(), word);
	snprintf(cg->dir, sizeof(cg->dir), "%s/%s", point, name);
	if (mkdir(cg->dir, 0755)) {
		snprintf(why, len,
			 "cannot create a cgroup under %s: %s (needs root or a delegated cgroup2 subtree)",
			 point, CC_ERRNO(errno));
		cg->dir[0] = '\0';
		return -1;
	}
	/* Held until we remove it, or die: then a sweep may take it. */
	cg->lock_fd = open(cg->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg->lock_fd >= 0 && flock(cg->lock_fd, LOCK_EX | LOCK_NB)) {
		close(cg->lock_fd);
		cg->lock_fd = -1;
	}
	snprintf(cg->member, sizeof(cg->member), "0::%.120s/%s",
		 strcmp(root, "/") ? root : "", name);
	return 0;
}

int cc_cgroup_remove(struct cc_cgroup *cg, int gone_ok)
{
	int err = 0;

	if (!cg->dir[0])
		return 0;	/* none was made */
	if (rmdir(cg->dir) && !(gone_ok && errno == ENOENT))
		err = -errno;
	if (cg->lock_fd >= 0)
		close(cg->lock_fd);
	cg->lock_fd = -1;
	cg->dir[0] = '\0';
	return err;
}

int cc_cgroup_sweep(FILE *note)
{
	char point[256], root[256], path[600];
	struct dirent *entry;
	int removed = 0, fd;
	struct stat st;
	DIR *dir;

	if (cc_env_cgroup2_mount(point, sizeof(point), root, sizeof(root)))
		return 0;
	dir = opendir(point);
	if (!dir)
		return 0;
	while ((entry = readdir(dir))) {
		if (strncmp(entry->d_name, CC_CGROUP_PREFIX,
			    strlen(CC_CGROUP_PREFIX)) &&
		    strncmp(entry->d_name, "clonecheck-", strlen("clonecheck-")))
			continue;
		snprintf(path, sizeof(path), "%s/%s", point, entry->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			continue;
		/*
		 * Its maker holds the lock while it lives, from a moment after
		 * the mkdir: one younger than a minute is left alone.
		 */
		if (fstat(fd, &st) || st.st_mtime > time(NULL) - 60 ||
		    flock(fd, LOCK_EX | LOCK_NB)) {
			close(fd);
			continue;
		}
		if (rmdir(path) == 0) {
			removed++;
			if (note)
				fprintf(note, "# removed %s, left behind by a run that died\n",
					path);
		} else if (note) {
			fprintf(note, "# %s, left behind by a run that died, cannot be removed: %s\n",
				path, CC_ERRNO(errno));
		}
		close(fd);
	}
	closedir(dir);
	return removed;
}
