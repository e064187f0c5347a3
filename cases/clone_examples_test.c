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

#define EXAMPLE_STACK_SIZE (64 * 1024)
#define EXAMPLE_FILE "example.txt"
#define EXAMPLE_TEXT "written by the parent"
#define EXAMPLE_NOT_WRITTEN 1L	/* open_result before the child writes it */

struct example_shared {
	int go[2];		/* pipe: inherited whether or not memory is shared */
	volatile int32_t written;
	long open_result;
	char text[64];
};

static int child_writes(void *arg, uint64_t sp)
{
	struct example_shared *shared = arg;

	(void)sp;
	shared->written = 42;
	return 0;
}

/*
 * Waits for the parent's go, then reads EXAMPLE_FILE from the shared cwd.
 * The go comes through a pipe, so a child that lost CLONE_VM still gets
 * it and the test fails instead of hanging.
 */
static int child_reads_file(void *arg, uint64_t sp)
{
	struct example_shared *shared = arg;
	char go;
	long fd, len;

	(void)sp;
	if (sys_read(shared->go[0], &go, 1) != 1)
		return 3;
	fd = sys_openat(-100 /* AT_FDCWD */, EXAMPLE_FILE, O_RDONLY);
	shared->open_result = fd;
	if (fd < 0)
		return 1;
	len = sys_read((int)fd, shared->text, sizeof(shared->text) - 1);
	sys_close((int)fd);
	return len > 0 ? 0 : 2;
}

FIXTURE(example) {
	struct example_shared shared;
	uint8_t *stack;
	char dir[256];
	char start[4096];
};

/*
 * The directory a test made and has not removed yet, in a page the
 * harness's main process shares with every test's process: a test can
 * die before its teardown (a wrong exit signal kills it; a failed
 * ASSERT skips the teardown in some harness versions), and then the
 * next test's setup, or the main process on its way out, removes it.
 */
static char *example_made_dir;

static void __attribute__((constructor)) example_made_dir_map(void)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	example_made_dir = page == MAP_FAILED ? NULL : page;
}

static void example_remove_dir(void)
{
	char path[300];

	if (!example_made_dir || !example_made_dir[0])
		return;
	snprintf(path, sizeof(path), "%s/%s", example_made_dir, EXAMPLE_FILE);
	unlink(path);
	rmdir(example_made_dir);
	example_made_dir[0] = '\0';
}

/* Test processes leave by _exit(): only the main process gets here. */
static void __attribute__((destructor)) example_made_dir_unmap(void)
{
	example_remove_dir();
}

FIXTURE_SETUP(example)
{
	ASSERT_NE(NULL, example_made_dir);
	example_remove_dir();
	self->stack = mmap(NULL, EXAMPLE_STACK_SIZE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	ASSERT_NE(MAP_FAILED, self->stack);
	ASSERT_NE(NULL, getcwd(self->start, sizeof(self->start)));
	ASSERT_EQ(0, pipe2(self->shared.go, O_CLOEXEC));
	self->shared.open_result = EXAMPLE_NOT_WRITTEN;
}

FIXTURE_TEARDOWN(example)
{
	example_remove_dir();
	munmap(self->stack, EXAMPLE_STACK_SIZE);
	close(self->shared.go[0]);
	close(self->shared.go[1]);
	if (chdir(self->start))
		TH_LOG("cannot return to %s", self->start);
}

static pid_t example_clone(FIXTURE_DATA(example) *self, uint64_t flags,
			cc_child_fn fn)
{
	return (pid_t)cc_arch_clone_call(CC_NR_clone, (long)(flags | SIGCHLD),
					 (long)(self->stack + EXAMPLE_STACK_SIZE),
					 0, 0, 0, fn, &self->shared);
}

static int example_wait(pid_t pid)
{
	int status = -1;

	while (waitpid(pid, &status, __WALL) < 0 && errno == EINTR)
		;
	example_remove_dir();
	return status;
}

/* Tells the child to go after moving to a new directory and writing. */
static void parent_writes_then_go(struct __test_metadata *_metadata,
				  FIXTURE_DATA(example) *self)
{
	const char *run = getenv("CLONECHECK_RUN");
	int fd;

	/* Named for the run, as its cgroups are (tools/host-snapshot RUN). */
	if (run && *run)
		snprintf(self->dir, sizeof(self->dir),
			 "/tmp/clonecheck.%s-example.XXXXXX", run);
	else
		snprintf(self->dir, sizeof(self->dir),
			 "/tmp/clonecheck-example.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(example_made_dir, 4096, "%s", self->dir);
	ASSERT_EQ(0, chdir(self->dir));
	fd = open(EXAMPLE_FILE, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(EXAMPLE_TEXT), write(fd, EXAMPLE_TEXT, strlen(EXAMPLE_TEXT)));
	close(fd);
	ASSERT_EQ(1, write(self->shared.go[1], "g", 1));
}

TEST_F(example, clone_vm_sigchld_child_writes_parent_memory)
{
	pid_t pid = example_clone(self, CC_CLONE_VM, child_writes);
	int status;

	ASSERT_LT(0, pid);
	status = example_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_EQ(42, self->shared.written)
		TH_LOG("CLONE_VM requested, but the child's write is not in the parent's memory");
}

TEST_F(example, clone_vm_fs_child_reads_file_written_by_parent)
{
	pid_t pid = example_clone(self, CC_CLONE_VM | CC_CLONE_FS,
			       child_reads_file);
	int status;

	ASSERT_LT(0, pid);
	parent_writes_then_go(_metadata, self);
	status = example_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
		TH_LOG("CLONE_FS requested, but the child could not open %s in the parent's new cwd %s (result %ld)",
		       EXAMPLE_FILE, self->dir, self->shared.open_result);
	EXPECT_STREQ(EXAMPLE_TEXT, self->shared.text);
}

/* The negative: without CLONE_FS the parent's chdir leaves the child behind. */
TEST_F(example, clone_vm_without_fs_child_misses_file)
{
	pid_t pid = example_clone(self, CC_CLONE_VM, child_reads_file);
	int status;

	ASSERT_LT(0, pid);
	parent_writes_then_go(_metadata, self);
	status = example_wait(pid);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(1, WEXITSTATUS(status));
	ASSERT_NE(EXAMPLE_NOT_WRITTEN, self->shared.open_result)
		TH_LOG("CLONE_VM requested, but the child's result is not in the parent's memory");
	EXPECT_EQ(-ENOENT, self->shared.open_result)
		TH_LOG("CLONE_FS not requested, but the child followed the parent into %s",
		       self->dir);
}

TEST_HARNESS_MAIN
