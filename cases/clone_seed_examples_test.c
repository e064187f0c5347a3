// SPDX-License-Identifier: GPL-2.0
/*
 * The examples clonecheck started from, written as plain programs that
 * call the trampoline directly rather than going through the engine, so
 * they also check the engine's own view of CLONE_VM and CLONE_FS.
 *
 *   clone(CLONE_VM | SIGCHLD): the child's write is the parent's memory.
 *   clone(CLONE_VM | CLONE_FS): the parent changes directory and writes a
 *   file after the child started; the child opens the file by its
 *   relative name, which only works because the cwd is shared, and
 *   reads it into memory the parent sees.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cases.h"
#include "spec/flags.h"
#include "engine/sys.h"

#define SEED_STACK_SIZE (64 * 1024)
#define SEED_FILE "seed.txt"
#define SEED_TEXT "written by the parent"
#define SEED_NOT_WRITTEN 1L	/* open_result before the child writes it */

struct seed_shared {
	int go[2];		/* pipe: inherited whether or not memory is shared */
	volatile int32_t written;
	long open_result;
	char text[64];
};

static int child_writes(void *arg, uint64_t sp)
{
	struct seed_shared *shared = arg;

	(void)sp;
	shared->written = 42;
	return 0;
}

/*
 * Waits for the parent's go, then reads SEED_FILE from the shared cwd.
 * The go comes through a pipe, so a child that lost CLONE_VM still gets
 * it and the test fails instead of hanging.
 */
static int child_reads_file(void *arg, uint64_t sp)
{
	struct seed_shared *shared = arg;
	char go;
	long fd, len;

	(void)sp;
	if (sys_read(shared->go[0], &go, 1) != 1)
		return 3;
	fd = sys_openat(-100 /* AT_FDCWD */, SEED_FILE, O_RDONLY);
	shared->open_result = fd;
	if (fd < 0)
		return 1;
	len = sys_read((int)fd, shared->text, sizeof(shared->text) - 1);
	sys_close((int)fd);
	return len > 0 ? 0 : 2;
}

FIXTURE(seed) {
	struct seed_shared shared;
	uint8_t *stack;
	char dir[64];
	char start[4096];
};

FIXTURE_SETUP(seed)
{
	self->stack = mmap(NULL, SEED_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	ASSERT_NE(MAP_FAILED, self->stack);
	ASSERT_NE(NULL, getcwd(self->start, sizeof(self->start)));
	snprintf(self->dir, sizeof(self->dir), "/tmp/clonecheck-seed.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_EQ(0, pipe2(self->shared.go, O_CLOEXEC));
	self->shared.open_result = SEED_NOT_WRITTEN;
}

FIXTURE_TEARDOWN(seed)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", self->dir, SEED_FILE);
	unlink(path);
	rmdir(self->dir);
	munmap(self->stack, SEED_STACK_SIZE);
	close(self->shared.go[0]);
	close(self->shared.go[1]);
	if (chdir(self->start))
		TH_LOG("cannot return to %s", self->start);
}

static pid_t seed_clone(FIXTURE_DATA(seed) *self, uint64_t flags,
			cc_child_fn fn)
{
	return (pid_t)cc_arch_clone_call(CC_NR_clone, (long)(flags | SIGCHLD),
					 (long)(self->stack + SEED_STACK_SIZE),
					 0, 0, 0, fn, &self->shared);
}

static int seed_wait(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* Tells the child to go after moving to the new directory and writing. */
static void parent_writes_then_go(struct __test_metadata *_metadata,
				  FIXTURE_DATA(seed) *self)
{
	int fd;

	ASSERT_EQ(0, chdir(self->dir));
	fd = open(SEED_FILE, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(SEED_TEXT), write(fd, SEED_TEXT, strlen(SEED_TEXT)));
	close(fd);
	ASSERT_EQ(1, write(self->shared.go[1], "g", 1));
}

TEST_F(seed, clone_vm_sigchld_child_writes_parent_memory)
{
	pid_t pid = seed_clone(self, CC_CLONE_VM, child_writes);
	int status;

	ASSERT_LT(0, pid);
	status = seed_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(42, self->shared.written)
		TH_LOG("CLONE_VM requested, but the child's write is not in the parent's memory");
}

TEST_F(seed, clone_vm_fs_child_reads_file_written_by_parent)
{
	pid_t pid = seed_clone(self, CC_CLONE_VM | CC_CLONE_FS,
			       child_reads_file);
	int status;

	ASSERT_LT(0, pid);
	parent_writes_then_go(_metadata, self);
	status = seed_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("CLONE_FS requested, but the child could not open %s in the parent's new cwd %s (result %ld)",
		       SEED_FILE, self->dir, self->shared.open_result);
	EXPECT_STREQ(SEED_TEXT, self->shared.text);
}

/* The negative: without CLONE_FS the parent's chdir leaves the child behind. */
TEST_F(seed, clone_vm_without_fs_child_misses_file)
{
	pid_t pid = seed_clone(self, CC_CLONE_VM, child_reads_file);
	int status;

	ASSERT_LT(0, pid);
	parent_writes_then_go(_metadata, self);
	status = seed_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
	ASSERT_NE(SEED_NOT_WRITTEN, self->shared.open_result)
		TH_LOG("CLONE_VM requested, but the child's result is not in the parent's memory");
	EXPECT_EQ(-ENOENT, self->shared.open_result)
		TH_LOG("CLONE_FS not requested, but the child followed the parent into %s",
		       self->dir);
}

TEST_HARNESS_MAIN
