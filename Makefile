# SPDX-License-Identifier: GPL-2.0
#
# clonecheck.  The two commands:
#   make check   run every case against this machine's kernel and libc
#   make test    the project's own tests: unit tests, the lint, probe
#                self-tests, the cases with no traces left and from a
#                private checkout, clone3 denied, the mutation score
#                (every injected fault caught, the host left clean), the
#                model faults, the sweep and the fuzz targets
# And: make mutation (the table), make soak (no flakes, unprivileged,
# two runs at once), make lint.
# Both install what they need (make deps) when something is missing.
#
# KSRC=/path/to/linux takes the kselftest harness from a kernel tree;
# otherwise it comes from Debian's linux-source-6.12 package.

# LIBC=musl builds every program static against musl (Debian's
# musl-tools: musl-gcc) in build/musl, with the kernel's uapi headers,
# which musl does not ship, on the include path; LIBC=glibc is the
# default.  The musl version goes into the binaries (musl has no call
# that says it) for the model's libc column.
LIBC		?= glibc
ifeq ($(LIBC),musl)
CC		:= musl-gcc
BUILD		?= build/musl
else ifneq ($(LIBC),glibc)
$(error LIBC=$(LIBC): the libcs are glibc and musl)
endif
CC		?= gcc
# A compiler not yet installed (musl-gcc before make deps LIBC=musl) says
# nothing: the machine's own architecture then, so deps can still run.
ARCH		?= $(shell { $(CC) -dumpmachine 2>/dev/null || uname -m; } | sed "s/-.*//; s/^i[3-6]86$$/i386/")
# ARCH=i386 builds 32-bit programs (gcc -m32, Debian's gcc-multilib) in
# build/i386: on a 64-bit kernel they reach kernel_clone through the
# compat entry points (lib/arch/i386/).  Debian's musl-tools builds for
# the host architecture only: a 32-bit musl needs the i386 foreign
# architecture added to dpkg (musl-dev:i386), which this build does not
# do to a machine.
ifeq ($(ARCH),i386)
ifeq ($(LIBC),musl)
$(error ARCH=i386 LIBC=musl: Debian's musl-tools has no 32-bit musl-gcc; it needs `dpkg --add-architecture i386` and musl-dev:i386, which the build does not do to a machine)
endif
ARCH_FLAGS	:= -m32
BUILD		?= build/i386
else ifneq ($(ARCH),x86_64)
$(error ARCH=$(ARCH): the ports are lib/arch/x86_64 and lib/arch/i386)
endif
BUILD		?= build
BIN		:= $(BUILD)/bin
INC		:= $(BUILD)/include
KSRC		?=
LINUX_SOURCE_PKG := linux-source-6.12
LINUX_SOURCE_TAR := /usr/src/$(LINUX_SOURCE_PKG).tar.xz

# Debian packages the build needs, and the command each one provides.
DEB_PACKAGES	:= make gcc libc6-dev linux-libc-dev xz-utils python3 perl
ifeq ($(LIBC),musl)
DEB_PACKAGES	+= musl-tools
endif
ifeq ($(ARCH),i386)
DEB_PACKAGES	+= gcc-multilib
endif
ifeq ($(KSRC),)
DEB_PACKAGES	+= $(LINUX_SOURCE_PKG)
endif

# CFLAGS is the user's (make CFLAGS="-O0 -g -Werror"); the flags the
# project needs are added on top, so setting CFLAGS never drops them.
CFLAGS		?= -O2 -g
CC_FLAGS	= $(ARCH_FLAGS) -std=gnu11 -Wall -Wextra -D_GNU_SOURCE $(CFLAGS) $(EXTRA_FLAGS)
CC_CPPFLAGS	= -Ilib -Ilib/arch/$(ARCH) -isystem $(INC) $(LIBC_CPPFLAGS) $(CPPFLAGS)
# -z now: every symbol bound once, at start.  The harness forks a child
# per test, and each child would otherwise resolve the symbols it calls
# again, writing (and so copying) the GOT: a fifth of a case program's
# CPU here.  With the libraries, so an LDFLAGS given keeps it.
LDLIBS		+= -lpthread -Wl,-z,now
ifeq ($(LIBC),musl)
UAPI		:= $(BUILD)/uapi
MUSL_LOADER	:= /usr/lib/$(shell gcc -dumpmachine | sed "s/-gnu$$/-musl/")/libc.so
MUSL_VERSION	= $(shell $(MUSL_LOADER) 2>&1 | sed -n "s/^Version //p")
LIBC_CPPFLAGS	= -isystem $(UAPI) -DCC_MUSL_VERSION='"$(MUSL_VERSION)"'
LDFLAGS		+= -static
endif

LIB_SRCS	:= $(filter-out lib/engine/probe_helper.c,$(wildcard lib/*/*.c))
ARCH_SRCS	:= $(wildcard lib/arch/$(ARCH)/*.S lib/arch/$(ARCH)/*.c)
LIB_OBJS	:= $(patsubst %,$(BUILD)/obj/%.o,$(LIB_SRCS) $(ARCH_SRCS))
LIB		:= $(BUILD)/libclonecheck.a
HEADERS		:= $(wildcard lib/*/*.h lib/arch/$(ARCH)/*.h cases/*.h tools/*.h fuzz/*.h)

CASE_SRCS	:= $(wildcard cases/*_test.c)
CASES		:= $(patsubst cases/%.c,$(BIN)/%,$(CASE_SRCS))
UNIT_SRCS	:= $(wildcard tests/*_test.c)
UNITS		:= $(patsubst tests/%.c,$(BIN)/%,$(UNIT_SRCS))
HELPER		:= $(BIN)/clonecheck-probe-helper
BENCH		:= $(BIN)/clonecheck-bench
INJECTOR	:= $(BIN)/clonecheck-inject
DENY_CLONE3	:= $(BIN)/clonecheck-deny-clone3
CLI		:= $(BIN)/clonecheck
HARNESS		:= $(INC)/kselftest_harness.h

# Fuzz targets (fuzz/*.c but the support files).  FUZZ_ENGINE picks the
# main: none (fuzz/replay.c: runs files once, for make check and make
# test), libfuzzer or afl; make fuzz and make afl build those in
# $(BUILD)/libfuzzer and $(BUILD)/afl through a sub-make.  The executor
# that runs the inputs is always the plain build's.
FUZZ_SUPPORT	:= fuzz/fuzz.c fuzz/executor_client.c
FUZZ_TARGETS	:= $(filter-out fuzz/replay fuzz/executor $(FUZZ_SUPPORT:.c=), \
			$(patsubst %.c,%,$(wildcard fuzz/*.c)))
FUZZ_NAMES	:= $(notdir $(FUZZ_TARGETS))
FUZZ_ENGINE	?= none
EXECUTOR_BIN	:= $(BIN)/clonecheck-executor
EXECUTOR	?= $(abspath $(EXECUTOR_BIN))
FUZZ_BINS	:= $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_NAMES))
FUZZ_SUPPORT_OBJS := $(patsubst %,$(BUILD)/obj/%.o,$(FUZZ_SUPPORT))
ifeq ($(FUZZ_ENGINE),libfuzzer)
FUZZ_MAIN	:=
FUZZ_LDFLAGS	:= -fsanitize=fuzzer
else ifeq ($(FUZZ_ENGINE),oss-fuzz)
# OSS-Fuzz and ClusterFuzzLite name the engine's flags themselves.
FUZZ_MAIN	:=
FUZZ_LDFLAGS	:= $(LIB_FUZZING_ENGINE)
else ifeq ($(FUZZ_ENGINE),afl)
FUZZ_MAIN	:= /usr/lib/afl/libAFLDriver.a
FUZZ_LDFLAGS	:=
else
FUZZ_MAIN	:= $(BUILD)/obj/fuzz/replay.c.o
FUZZ_LDFLAGS	:=
endif

.PHONY: all check test lint mutation soak deps clean bench bench-signature sweep seeds fuzz afl \
	fuzz-targets fuzz-build-libfuzzer fuzz-build-afl deps-fuzz deps-vm \
	vm-suite vm-programs vmcheck vmcheck-test kernel-minimal
# Keep objects that pattern rules chain through, so a rerun builds nothing.
.SECONDARY:

all: $(CASES) $(UNITS) $(HELPER) $(INJECTOR) $(DENY_CLONE3) $(CLI) \
	$(EXECUTOR_BIN) $(FUZZ_BINS)

# ---- setup ----

# Installs the Debian packages above (as root), or says what to install.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
			grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "deps: missing Debian packages:$$(echo $$missing)" >&2; \
		echo "deps: as root, run: apt-get install -y $(APT_INSTALL_FLAGS) $$(echo $$missing)" >&2; \
		exit 1; \
	fi; \
	echo "deps: installing $$(echo $$missing)"; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_INSTALL_FLAGS) $$missing || \
	{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_INSTALL_FLAGS) $$missing; }

# musl ships no kernel headers: its build sees the system's uapi
# directories (linux-libc-dev) and nothing else of glibc's.
$(UAPI):
	@command -v musl-gcc >/dev/null || $(MAKE) --no-print-directory deps
	@mkdir -p $@
	@for d in linux asm-generic; do ln -sfn /usr/include/$$d $@/$$d; done
	@ln -sfn /usr/include/$$(gcc -dumpmachine)/asm $@/asm

# The harness header is kernel code: taken at build time, never committed.
$(HARNESS):
	@mkdir -p $(INC)
	@if [ -n "$(KSRC)" ]; then \
		test -f "$(KSRC)/tools/testing/selftests/kselftest_harness.h" || \
		{ echo "KSRC=$(KSRC) has no tools/testing/selftests/kselftest_harness.h" >&2; exit 1; }; \
		cp "$(KSRC)/tools/testing/selftests/kselftest.h" \
		   "$(KSRC)/tools/testing/selftests/kselftest_harness.h" $(INC)/; \
	else \
		test -f $(LINUX_SOURCE_TAR) || $(MAKE) --no-print-directory deps; \
		echo "extracting the kselftest harness from $(LINUX_SOURCE_TAR)"; \
		tar -xJf $(LINUX_SOURCE_TAR) -C $(INC) --strip-components=4 \
			$(LINUX_SOURCE_PKG)/tools/testing/selftests/kselftest.h \
			$(LINUX_SOURCE_PKG)/tools/testing/selftests/kselftest_harness.h; \
	fi
	@test -f $@

# ---- build ----

# The child side of a clone may run with a foreign TLS base and no libc.
# Every probe part has one signature, so some leave arguments unused.
# (Reproducers carry these flags as pragmas: tools/amalgamate child-side.)
CHILD_FLAGS	:= -fno-stack-protector -fno-builtin
CHILD_SRCS	:= lib/engine/child.c lib/engine/probes.c
$(BUILD)/obj/lib/engine/child.c.o: EXTRA_FLAGS = $(CHILD_FLAGS)
$(BUILD)/obj/lib/engine/probes.c.o: EXTRA_FLAGS = $(CHILD_FLAGS) -Wno-unused-parameter
# The harness's TEST() wrappers leave parameters unused; clang says so.
$(BUILD)/obj/cases/%.c.o $(BUILD)/obj/tests/%.c.o: EXTRA_FLAGS = -Wno-unused-parameter

# Only the harness programs need the kselftest header: the fuzz targets
# build without a kernel tree (OSS-Fuzz).
$(patsubst %,$(BUILD)/obj/%.o,$(CASE_SRCS) $(UNIT_SRCS)): | $(HARNESS)

$(BUILD)/obj/%.c.o: %.c $(HEADERS) | $(UAPI)
	@mkdir -p $(dir $@)
	$(CC) $(CC_CPPFLAGS) $(CC_FLAGS) -c -o $@ $<

$(BUILD)/obj/%.S.o: %.S | $(UAPI)
	@mkdir -p $(dir $@)
	$(CC) $(CC_CPPFLAGS) $(CC_FLAGS) -c -o $@ $<

# Made afresh: an object whose source is gone must not linger in it.
$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN)/%: $(BUILD)/obj/cases/%.c.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/%: $(BUILD)/obj/tests/%.c.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Every CC_CLONE_* macro of the flag header, for the test that the
# table has each (tests/flags_test.c).
$(INC)/flag_macros.inc: lib/spec/flags.h
	@mkdir -p $(INC)
	sed -n 's/^#define CC_\(CLONE_[A-Z_]*\)[[:space:]].*/FLAG_MACRO(\1)/p' $< > $@

$(BUILD)/obj/tests/flags_test.c.o: $(INC)/flag_macros.inc

# The reproducers clonecheck repro writes carry the engine's own code:
# the library and the trampoline, fuzz/'s shared code, executor and
# probe helper, each target's input function, and tools/repro_main.c,
# as one translation unit (tools/amalgamate) that goes in as a string.
REPRO_SRCS	:= $(filter-out $(CHILD_SRCS),$(LIB_SRCS)) \
		   $(foreach f,$(CHILD_SRCS),child-side $(f)) \
		   $(ARCH_SRCS) fuzz/fuzz.c fuzz/executor_client.c \
		   rename=main=cc_repro_executor_main fuzz/executor.c \
		   rename=main=cc_repro_helper_main lib/engine/probe_helper.c \
		   $(foreach t,$(FUZZ_NAMES),rename=LLVMFuzzerTestOneInput=cc_repro_$(t) \
			fuzz/$(t).c) \
		   tools/repro_main.c
# Per build, not in the INC the sub-makes share: it is the build's ARCH.
REPRO_DIR	:= $(BUILD)/repro
$(REPRO_DIR)/repro.c: tools/amalgamate $(filter %.c %.S,$(REPRO_SRCS)) $(HEADERS)
	@mkdir -p $(REPRO_DIR)
	tools/amalgamate $(ARCH) "$(CC) $(ARCH_FLAGS) -E -P $(CC_CPPFLAGS)" \
		$(REPRO_SRCS) > $@.tmp && mv $@.tmp $@

$(REPRO_DIR)/repro.inc: $(REPRO_DIR)/repro.c
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/"/; s/$$/\\n"/' $< > $@

$(BUILD)/obj/tools/clonecheck.c.o: $(REPRO_DIR)/repro.inc
$(BUILD)/obj/tools/clonecheck.c.o: EXTRA_FLAGS = -I$(REPRO_DIR)

# It compiles, as a user's gcc -static will: a static name two files
# share, or a macro one leaks into the next, fails the build, not a
# reproducer in a user's hands.
$(REPRO_DIR)/repro.o: $(REPRO_DIR)/repro.c
	$(CC) $(ARCH_FLAGS) -std=gnu11 -Wall -Wno-unused-function -Werror \
		$(LIBC_CPPFLAGS) -DCC_FUZZ_REPRO -c -o $@ $<

$(CLI): $(BUILD)/obj/tools/clonecheck.c.o $(LIB) | $(REPRO_DIR)/repro.o
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BIN)/clonecheck-%: $(BUILD)/obj/tools/%.c.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The fuzz targets find their executor here; the AFL build marks the
# outcome signature through AFL++'s __afl_coverage_interesting.
$(BUILD)/obj/fuzz/%.c.o: EXTRA_FLAGS = -DCC_EXECUTOR_PATH='"$(EXECUTOR)"' \
	$(if $(filter afl,$(FUZZ_ENGINE)),-DCC_FUZZ_AFL)

$(BUILD)/fuzz/%: $(BUILD)/obj/fuzz/%.c.o $(FUZZ_SUPPORT_OBJS) $(FUZZ_MAIN) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CC_FLAGS) $(LDFLAGS) $(FUZZ_LDFLAGS) -o $@ $^ $(LDLIBS)

# The executor and the probe helper are linked static: each fuzz input
# forks from the executor, a fork costs with every mapping it copies
# (and each page written after it), and an exec of the helper skips the
# loader.  An input took 8-10 % less time.
$(EXECUTOR_BIN) $(HELPER): LDFLAGS += -static

$(EXECUTOR_BIN): $(BUILD)/obj/fuzz/executor.c.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(HELPER): $(BUILD)/obj/lib/engine/probe_helper.c.o $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(CC_FLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# ---- fuzzing ----

FUZZ_SECONDS	?= 60
JOBS		?= 1
FUZZ_DEB_PACKAGES := clang libclang-rt-14-dev afl++
# libFuzzer: ASan and UBSan on the target; the executor stays plain.
LIBFUZZER_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		    -fno-sanitize-recover=undefined
SUB_MAKE	= $(MAKE) --no-print-directory INC=$(abspath $(INC)) \
		  EXECUTOR=$(EXECUTOR)

fuzz-targets: $(FUZZ_BINS)

deps-fuzz:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_DEB_PACKAGES)"

fuzz-build-libfuzzer: deps-fuzz $(EXECUTOR_BIN) $(HELPER) $(CLI) | $(HARNESS)
	@$(SUB_MAKE) BUILD=$(BUILD)/libfuzzer CC=clang FUZZ_ENGINE=libfuzzer \
		CFLAGS="$(LIBFUZZER_CFLAGS)" LDFLAGS="-fsanitize=address,undefined" \
		fuzz-targets

fuzz-build-afl: deps-fuzz $(EXECUTOR_BIN) $(HELPER) $(CLI) | $(HARNESS)
	@$(SUB_MAKE) BUILD=$(BUILD)/afl CC=afl-clang-fast FUZZ_ENGINE=afl \
		CFLAGS="-O2 -g" AFL_QUIET=1 fuzz-targets

# Each target for FUZZ_SECONDS from its seeds; JOBS processes per target.
fuzz: fuzz-build-libfuzzer
	@tools/fuzz-run libfuzzer $(FUZZ_SECONDS) $(JOBS) $(BUILD) $(FUZZ_NAMES)

afl: fuzz-build-afl
	@tools/fuzz-run afl $(FUZZ_SECONDS) $(JOBS) $(BUILD) $(FUZZ_NAMES)

# The seeds (corpus/<target>/) and dictionary from the case tables.
seeds: $(CASES) $(CLI)
	@tools/make-seeds $(BIN) corpus $(CASES)

# ---- run ----

# Every case program, then every fuzz finding's reproducer
# (corpus/regressions), as one KTAP document, then one summary line.
# A build the kernel cannot run at all (32-bit programs on a kernel
# without ia32 emulation) is one SKIP with the reason (tools/runs-here).
check: $(CASES) $(HELPER) $(FUZZ_BINS) $(EXECUTOR_BIN) $(CLI)
	@tools/runs-here check $(CLI); status=$$?; \
	[ $$status -eq 3 ] && exit 0; [ $$status -eq 0 ] || exit 1; \
	$(CLI) clean && $(SUITE_ENV) tools/ktap-run check $(CASES) tests/fuzz_regressions.sh

# The project's own tests, then the suite proving itself: the cases with
# a snapshot of the machine around them (no traces), under seccomp
# filters that deny clone3, under every fault of the injector (the
# mutation score must stay 100%), the model tests under a model missing
# each rule in turn, and the model against the kernel (the sweep).
SUITE_ENV	= BIN=$(BIN) BUILD=$(BUILD) CASES="$(CASES)" \
		  FUZZ_NAMES="$(FUZZ_NAMES)"

test: $(UNITS) $(CASES) $(HELPER) $(INJECTOR) $(DENY_CLONE3) $(CLI) \
	$(EXECUTOR_BIN) $(FUZZ_BINS)
	@$(CLI) clean
	@$(SUITE_ENV) tools/ktap-run test $(UNITS) tests/lint.sh tests/ktap_run.sh \
		tests/no_traces.sh tests/private_checkout.sh \
		tests/clone3_denied.sh tests/mutation.sh tests/model_faults.sh \
		tests/model_versions.sh tests/fix_rows.sh tests/kernel_tools.sh \
		tests/sweep.sh tests/fuzz_regressions.sh tests/repro.sh \
		tests/fuzz_run.sh tests/fuzz_smoke.sh

# The rules kept by more than discipline (tools/lint says which); make
# test also shows each one failing on a violation planted on purpose.
lint: $(INJECTOR) $(CLI)
	@tools/lint $(BIN)

# The mutation table alone: fault, calls changed, killed or survived.
mutation: $(CASES) $(HELPER) $(INJECTOR)
	@tools/mutation $(INJECTOR) $(CASES)

# No flakes (the cases 20 times, half of them with every core busy), the
# unprivileged run (uid 65534: no FAIL, every SKIP says what it needs),
# and make check as root and as uid 65534 at once, five times.
soak: $(CASES) $(HELPER) $(FUZZ_BINS) $(EXECUTOR_BIN) $(CLI)
	@$(SUITE_ENV) tools/ktap-run soak tests/soak.sh tests/unprivileged.sh \
		tests/concurrent.sh

# The model against the kernel: every combination of up to four flags,
# each also with the flags it needs, through clone and clone3, clone3
# sizes and exit signals; lists every disagreement as a request for
# `clonecheck run`.
sweep: $(CLI) $(HELPER)
	@$(CLI) sweep

# Figures, not assertions: the case run's wall time, then per entry point
# the engine's cost per call against a bare call-and-wait loop, then per
# fuzz target the bare loop over its seeds and where an input's time
# goes (each phase of the executor and the launch, over the seeds; both
# also split by whether the request makes a namespace), the fuzz
# targets' exec/s under each engine (BENCH_FUZZ_SECONDS each) and
# the time clone_oracle takes to catch each injected fault
# (BENCH_FAULT_SECONDS at most).
BENCH_FUZZ_SECONDS ?= 20
BENCH_FAULT_SECONDS ?= 30
# Each fault's time to detect is the median of BENCH_FAULT_RUNS runs from
# each start: up to 2 x RUNS x BENCH_FAULT_SECONDS a fault, most far less.
BENCH_FAULT_RUNS ?= 5
# Then make vmcheck's wall time per kernel, boot included, one kernel at
# a time with every core, and where each guest's time goes.
BENCH_KERNELS	?= debian-6.1 minimal
bench: $(CASES) $(HELPER) $(BENCH) $(FUZZ_BINS) $(INJECTOR) fuzz-build-libfuzzer \
		fuzz-build-afl deps-vm vm-suite
	@start=$$(date +%s%N); tools/ktap-run check $(CASES) >/dev/null; \
	status=$$?; end=$$(date +%s%N); \
	echo "case run: $$(( (end - start) / 1000000 )) ms for $(words $(CASES)) programs (status $$status)"
	@$(BENCH) $(BENCH_ITERATIONS)
	@BENCH_FAULT_RUNS=$(BENCH_FAULT_RUNS) tools/fuzz-bench $(BUILD) \
		$(BENCH_FUZZ_SECONDS) $(BENCH_FAULT_SECONDS) \
		$(FUZZ_NAMES)
	@for k in $(BENCH_KERNELS); do \
		VMCHECK_OUT=$(BUILD)/bench-vmcheck tools/vmcheck $(STATIC) $(KERNELS) $$k 2>/dev/null | \
		sed -n 's/^# \([^ ]*: kernel .*\)/vmcheck: \1/p; s/^#   \([^ ]*: boot .*\)/vmcheck: seconds: \1/p'; \
	done

# Whether the outcome signature helps (tools/fuzz-signature): clone_oracle
# from an empty corpus with the engine fed the signature and without it,
# SIGNATURE_RUNS times each: slots and rules reached in SIGNATURE_SECONDS,
# and the time to report each of SIGNATURE_FAULTS (BENCH_FAULT_SECONDS at
# most).  About 2 x RUNS x (SECONDS + the faults' times).
SIGNATURE_SECONDS ?= 60
SIGNATURE_RUNS	?= 5
SIGNATURE_FAULTS ?= drop-vm drop-sighand exit-signal-none parent-settid-tgid
bench-signature: fuzz-build-libfuzzer $(INJECTOR)
	@tools/fuzz-signature $(BUILD) $(SIGNATURE_SECONDS) $(BENCH_FAULT_SECONDS) \
		$(SIGNATURE_RUNS) $(SIGNATURE_FAULTS)

# ---- other kernels ----

# make vmcheck KERNEL='debian-6.1 minimal': the suite, built static, in a
# busybox initramfs under qemu on each kernel (tools/vmcheck says how and
# tools/vm/kernel which kernels it takes).  KERNEL_ARGS, VMCHECK_TIMEOUT,
# INJECT=FAULT and LEAN=1 (minimal means minimal-lean) as tools/vmcheck
# says.  Kernels are cached in $(KERNELS).
KERNEL		?= debian-6.1 minimal
# One cache for every build: LIBC=musl's and ARCH=i386's use build's.
KERNELS		:= $(patsubst %/musl,%,$(patsubst %/i386,%,$(BUILD)))/kernels
STATIC		:= $(BUILD)/static
VM_DEB_PACKAGES	:= qemu-system-x86 busybox-static cpio
KERNEL_DEB_PACKAGES := $(LINUX_SOURCE_PKG) flex bison bc libelf-dev libssl-dev
VM_KERNELS	= $(if $(LEAN),$(patsubst minimal,minimal-lean,$(KERNEL)),$(KERNEL))

# --no-install-recommends: qemu's recommends are a desktop's worth.
deps-vm:
	@$(MAKE) --no-print-directory deps \
		DEB_PACKAGES="$(VM_DEB_PACKAGES) $(if $(filter minimal%,$(VM_KERNELS)),$(KERNEL_DEB_PACKAGES))" \
		APT_INSTALL_FLAGS=--no-install-recommends

# What the guest runs, built static (a sub-make with BUILD=$(STATIC)).
# VM_BUILDS='musl i386': each kernel runs those builds too (LIBC=musl,
# ARCH=i386, static), as the kernel "LABEL+musl", "LABEL+i386".
VM_BUILDS	?=
VM_BUILD_DIRS	:= $(foreach b,$(VM_BUILDS),$(b)=$(abspath build/$(b)/static))
$(foreach b,$(VM_BUILDS),$(if $(filter musl i386,$(b)),,\
	$(error VM_BUILDS=$(VM_BUILDS): the further builds are musl and i386)))
vm-suite: | $(HARNESS)
	@$(MAKE) --no-print-directory BUILD=$(STATIC) INC=$(abspath $(INC)) \
		LDFLAGS="$(LDFLAGS) -static" vm-programs
	@$(foreach b,$(VM_BUILDS),$(MAKE) --no-print-directory deps \
		$(if $(filter musl,$(b)),LIBC=musl,ARCH=i386) && \
	$(MAKE) --no-print-directory $(if $(filter musl,$(b)),LIBC=musl,ARCH=i386) \
		BUILD=build/$(b)/static INC=$(abspath $(INC)) \
		LDFLAGS="-static" vm-programs &&) true

vm-programs: $(CASES) $(HELPER) $(INJECTOR) $(CLI) $(EXECUTOR_BIN) $(FUZZ_BINS)

vmcheck: deps-vm vm-suite
	@INJECT=$(INJECT) VMCHECK_BUILDS="$(VM_BUILD_DIRS)" \
		tools/vmcheck $(STATIC) $(KERNELS) $(VM_KERNELS)

# vmcheck's own checks fail when they must (tests/vmcheck.sh), on the
# minimal kernel: a guest out of time, a panic, injected faults, a control.
vmcheck-test: override KERNEL = minimal
vmcheck-test: deps-vm vm-suite
	@tools/vm/kernel $(KERNELS) minimal >/dev/null
	@BUILD=$(BUILD) tools/ktap-run vmtest tests/vmcheck.sh

# The minimal 6.12 (LEAN=1: without the optional parts), built once.
kernel-minimal:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(KERNEL_DEB_PACKAGES)"
	@tools/vm/kernel $(KERNELS) minimal$(if $(LEAN),-lean) >/dev/null

clean:
	rm -rf $(BUILD)
