// SPDX-License-Identifier: GPL-2.0
/*
 * What the engine reads about the machine from the strings kernels and
 * distributions really write: the upstream version where each one keeps
 * it.  The strings are those of real kernels (Debian 12's 6.1 and 6.12,
 * Ubuntu 22.04's 5.15, Fedora, an upstream build).
 */
#include "kselftest_harness.h"
#include "engine/machine.h"

#define V(a, b, c)	CC_KERNEL_VERSION(a, b, c)

FIXTURE(kernel_version) {};
FIXTURE_SETUP(kernel_version) {}
FIXTURE_TEARDOWN(kernel_version) {}

FIXTURE_VARIANT(kernel_version) {
	const char *release, *proc_version, *signature;
	unsigned int version;
};

/* Debian: uname -r is the ABI name; the sublevel is in /proc/version. */
FIXTURE_VARIANT_ADD(kernel_version, debian_6_1) {
	.release = "6.1.0-57-amd64",
	.proc_version = "Linux version 6.1.0-57-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-3 (2026-10-08)",
	.version = V(6, 1, 192),
};

FIXTURE_VARIANT_ADD(kernel_version, debian_6_12_cloud) {
	.release = "6.12.117+deb12-cloud-amd64",
	.proc_version = "Linux version 6.12.117+deb12-cloud-amd64 (debian-kernel@lists.debian.org) (x86_64-linux-gnu-gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.12.117-1~deb12u1 (2026-11-02)",
	.version = V(6, 12, 117),
};

/* A compiler's "Debian 12.2.0" alone names no kernel. */
FIXTURE_VARIANT_ADD(kernel_version, debian_compiler_only) {
	.release = "6.1.0-57-amd64",
	.proc_version = "Linux version 6.1.0-57-amd64 (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP",
	.version = V(6, 1, 0),
};

/* Ubuntu: the signature ends with the upstream version. */
FIXTURE_VARIANT_ADD(kernel_version, ubuntu_5_15) {
	.release = "5.15.0-91-generic",
	.proc_version = "Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0) #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023",
	.signature = "Ubuntu 5.15.0-91.101-generic 5.15.131",
	.version = V(5, 15, 131),
};

FIXTURE_VARIANT_ADD(kernel_version, fedora) {
	.release = "6.11.4-301.fc41.x86_64",
	.proc_version = "Linux version 6.11.4-301.fc41.x86_64 (mockbuild@a0ca5d8e4b1b4f4b8e1e0b4f3c6a0c6f) (gcc (GCC) 14.2.1 20240912 (Red Hat 14.2.1-3)) #1 SMP PREEMPT_DYNAMIC Sun Oct 20 15:02:33 UTC 2024",
	.version = V(6, 11, 4),
};

FIXTURE_VARIANT_ADD(kernel_version, upstream_rc) {
	.release = "6.19.0-rc3",
	.proc_version = "Linux version 6.19.0-rc3 (dev@box) (gcc 15.3.0) #1 SMP",
	.version = V(6, 19, 0),
};

/* A signature or build string of another series is not believed. */
FIXTURE_VARIANT_ADD(kernel_version, other_series_ignored) {
	.release = "6.1.0-57-amd64",
	.proc_version = "Linux version 6.1.0-57-amd64 #1 SMP Debian 6.12.117-1",
	.signature = "Ubuntu 5.15.0-91.101-generic 5.15.131",
	.version = V(6, 1, 0),
};

/* Past 255 the sublevel byte saturates: as late in its series as can be. */
FIXTURE_VARIANT_ADD(kernel_version, sublevel_saturates) {
	.release = "4.19.325",
	.version = V(4, 19, 255),
};

FIXTURE_VARIANT_ADD(kernel_version, no_version) {
	.release = "custom",
	.version = 0,
};

TEST_F(kernel_version, parsed)
{
	unsigned int got = cc_kernel_version_parse(variant->release,
						   variant->proc_version,
						   variant->signature);
	char want_text[32], got_text[32];

	EXPECT_EQ(variant->version, got)
		TH_LOG("%s: got %s, want %s", variant->release,
		       cc_version_text(got_text, sizeof(got_text), got),
		       cc_version_text(want_text, sizeof(want_text),
				       variant->version));
}

TEST_HARNESS_MAIN
