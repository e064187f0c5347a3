/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Glue between the kselftest harness and the engine, for case tables.
 *
 * A property matrix is a fixture whose variants are named rows: a
 * request in text form and the expectation written out by hand.  Every
 * row runs every property test, so the runner prints lines such as
 *
 *   ok 12 flag.clone3_files.fd_table
 *
 * (fixture, row = entry point and flag, test = property).
 *
 * A launch that cannot run here SKIPs with the reason; a launch whose
 * fixture broke FAILs with "broken fixture", never with a kernel verdict.
 * Both are checked in each test body, not in FIXTURE_SETUP, because the
 * 6.1 harness runs the body even after a SKIP in the setup.
 */
#ifndef CLONECHECK_CASES_H
#define CLONECHECK_CASES_H

#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "engine/launch.h"
#include "engine/machine.h"
#include "engine/sys.h"
#include "engine/verdict.h"
#include "form/text.h"
#include "outcome/names.h"
#include "spec/env.h"
#include "spec/flags.h"
#include "spec/model.h"

#define P(name) CC_P(name)

/*
 * Before the harness starts: a CLONECHECK_KERNEL_VERSION that is no
 * version stops the program with its error (exit 2), not each test.
 */
__attribute__((constructor)) static void case_check_kernel_version(void)
{
	cc_env_kernel_version();
}

struct case_run {
	const char *text;
	const char *platform;	/* the row's libc and ABI column; NULL: all */
	struct cc_request req;
	struct cc_observation obs;
	enum cc_result result;
};

/* What a row needs beyond the request itself; unmet, the row SKIPs. */
enum case_needs {
	CASE_NEEDS_USERNS	= 1 << 0,	/* may create a user namespace */
	CASE_NEEDS_ADMIN	= 1 << 1,	/* CAP_SYS_ADMIN (namespaces without NEWUSER) */
	/*
	 * Not a need: the row states what kernels before its flags or
	 * fixes do (a refusal), so a kernel too old for them is no SKIP.
	 */
	CASE_STATES_EARLIER	= 1 << 2,
};

/* False, with the run marked SKIP and the reason, when needs are unmet. */
/*
 * With CLONECHECK_REQUESTS_OUT=FILE, every model test appends its row's
 * request, as canonical text, to FILE: the fuzz seeds come from the
 * case tables this way (tools/make-seeds).
 */
static inline void case_record_request(const struct cc_request *req)
{
	const char *path = getenv("CLONECHECK_REQUESTS_OUT");
	char text[CC_REQUEST_TEXT_MAX + 1];
	size_t len;
	int fd;

	if (!path || !*path)
		return;
	len = cc_request_print(text, sizeof(text) - 1, req);
	if (len >= sizeof(text) - 1)
		return;
	text[len++] = '\n';
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, text, len) != (ssize_t)len)
		perror(path);
	close(fd);
}

/*
 * A namespace type the request asks for that the kernel lacks: the row
 * needs it (the model predicts the kernel's EINVAL for it, and the
 * sweep and the fuzz targets check that).  True with why set.
 */
static inline bool case_flags_need_absent(uint64_t flags, char *why,
					  size_t len)
{
	char seen[200];
	int type;

	for (type = 0; type < CC_NS_COUNT; type++) {
		if (!(flags & cc_ns_flags[type]))
			continue;
		if (cc_env_feature(CC_FEATURE_NS_MNT + type, seen,
				   sizeof(seen)) == CC_ABSENT) {
			snprintf(why, len, "needs %s namespaces: %.150s",
				 cc_ns_names[type], seen);
			return true;
		}
	}
	return false;
}

static inline bool case_request_needs_absent(const char *text, char *why,
					     size_t len)
{
	struct cc_parse_error err;
	struct cc_request req;

	if (!text || cc_request_parse(text, &req, &err))
		return false;	/* the launch says what is wrong with it */
	return case_flags_need_absent(req.flags, why, len);
}

/*
 * clone3 takes CLONE_NEWTIME since "fork: allow CLONE_NEWTIME in clone3
 * flags" (a402f1e35313, 6.3; stable 6.2.7, 6.1.20, 5.15.103, 5.10.175);
 * before, clone3_args_valid refuses it as a CSIGNAL bit, with EINVAL.
 * The rows and the model (spec/model.c) take the releases from one
 * table (spec/fixes.c); tests/model_versions.sh holds the two together.
 */
static inline bool case_clone3_takes_newtime(void)
{
	return cc_kernel_has_fix(&cc_fixes[CC_FIX_CLONE3_NEWTIME],
				 cc_env_kernel_version());
}

/*
 * A row that states what a kernel with its flags does: on a kernel
 * older than a flag (spec/flags.c's since), or one whose clone3 refuses
 * CLONE_NEWTIME, it states nothing.  True with why set.
 */
static inline bool case_request_too_new(const char *text, char *why,
					size_t len)
{
	unsigned int kernel = cc_env_kernel_version(), major, minor;
	struct cc_parse_error err;
	struct cc_request req;
	char version[16];
	size_t i;

	if (!text || cc_request_parse(text, &req, &err))
		return false;
	for (i = 0; i < cc_flag_count; i++) {
		if (!(req.flags & cc_flags[i].bit) || !cc_flags[i].since ||
		    sscanf(cc_flags[i].since, "%u.%u", &major, &minor) != 2 ||
		    kernel >= CC_KERNEL_VERSION(major, minor, 0))
			continue;
		snprintf(why, len, "needs kernel %s for %s (this one is %s)",
			 cc_flags[i].since, cc_flags[i].name,
			 cc_version_text(version, sizeof(version), kernel));
		return true;
	}
	if (req.set_tid_size && kernel < CC_KERNEL_VERSION(5, 5, 0)) {
		snprintf(why, len, "needs kernel 5.5 for set_tid (this one is %s)",
			 cc_version_text(version, sizeof(version), kernel));
		return true;
	}
	if (req.entry == CC_ENTRY_CLONE3 && (req.flags & CC_CLONE_NEWTIME) &&
	    !case_clone3_takes_newtime()) {
		snprintf(why, len, "clone3 refuses CLONE_NEWTIME on %s: it takes it since a402f1e35313 (6.3; stable 6.2.7, 6.1.20, 5.15.103, 5.10.175)",
			 cc_version_text(version, sizeof(version), kernel));
		return true;
	}
	return false;
}

static inline bool case_needs_met(struct case_run *run, unsigned int needs)
{
	char *why = run->obs.skip;
	size_t len = sizeof(run->obs.skip);

	if (case_request_needs_absent(run->text, why, len) ||
	    (!(needs & CASE_STATES_EARLIER) &&
	     case_request_too_new(run->text, why, len))) {
		run->result = CC_RESULT_SKIP;
		return false;
	}

	if ((needs & CASE_NEEDS_USERNS) && cc_env_userns_blocked(why, len)) {
		run->result = CC_RESULT_SKIP;
		return false;
	}
	if ((needs & CASE_NEEDS_ADMIN) && !cc_env_has_cap(CAP_SYS_ADMIN)) {
		snprintf(why, len, "needs CAP_SYS_ADMIN: the row states what a privileged caller gets (namespaces without CLONE_NEWUSER, set_tid, RLIMIT_NPROC exemption)");
		run->result = CC_RESULT_SKIP;
		return false;
	}
	return true;
}

/*
 * One launch per row, not per test: the harness runs each test of a row
 * in a process of its own, one row after another, and every test judges
 * one part of the same call.  The last row's report is kept in memory
 * shared by the harness's processes (mapped before main, so every test
 * process inherits it), under a key that names the row; a test of the
 * same row reads it instead of making the call again.
 * CLONECHECK_FRESH_LAUNCHES=1 makes every test launch.
 */
#define CASE_ROW_CACHE_SIZE (64 * 1024)	/* a row report fits; pages on touch */

struct case_row_cache {
	char key[CC_REQUEST_TEXT_MAX];
	bool valid;
	size_t size;
	unsigned char data[];
};

static struct case_row_cache *case_row_cache;

__attribute__((constructor)) static void case_row_cache_map(void)
{
	const char *fresh = getenv("CLONECHECK_FRESH_LAUNCHES");
	void *page;

	if (fresh && !strcmp(fresh, "1"))
		return;
	page = mmap(NULL, CASE_ROW_CACHE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (page != MAP_FAILED)
		case_row_cache = page;
}

/* Copies the report of row key into data if it is the one kept. */
static inline bool case_row_cached(const char *key, void *data, size_t size)
{
	struct case_row_cache *c = case_row_cache;

	if (!c || !c->valid || c->size != size || strcmp(c->key, key))
		return false;
	memcpy(data, c->data, size);
	return true;
}

/* Keeps the report of row key for the row's next test. */
static inline void case_row_keep(const char *key, const void *data,
				 size_t size)
{
	struct case_row_cache *c = case_row_cache;

	if (!c || strlen(key) >= sizeof(c->key) ||
	    size > CASE_ROW_CACHE_SIZE - sizeof(*c))
		return;
	c->valid = false;
	snprintf(c->key, sizeof(c->key), "%s", key);
	memcpy(c->data, data, size);
	c->size = size;
	c->valid = true;
}

struct case_launch_report {
	struct cc_request req;
	struct cc_observation obs;
	enum cc_result result;
};

static inline void case_launch(struct case_run *run, const char *text)
{
	struct case_launch_report kept;

	run->text = text;
	if (case_row_cached(text, &kept, sizeof(kept))) {
		run->req = kept.req;
		run->obs = kept.obs;
		run->result = kept.result;
		return;
	}
	run->result = cc_launch_text(text, &run->req, &run->obs);
	kept.req = run->req;
	kept.obs = run->obs;
	kept.result = run->result;
	case_row_keep(text, &kept, sizeof(kept));
}

/*
 * A row's platform column: the C libraries and the ABIs whose behaviour
 * the row states.  Words "glibc", "musl", "musl>=1.2.5", "musl<1.2.5"
 * name libcs, "x86_64" and "i386" ABIs; the row holds where one of its
 * libc words (if it has any) and one of its ABI words (if any) hold.
 * NULL or "": everywhere.  The model test of a row runs everywhere, with
 * the environment's libc and ABI set to the row's first ones where the
 * running ones are not the row's: the model's libc and ABI columns are
 * checked on every build, the launch only where it applies.
 */
static inline bool case_libc_word(const char *word, size_t n,
				  enum cc_libc *libc, unsigned int *from,
				  unsigned int *until)
{
	unsigned int major, minor, patch = 0, version;
	const char *op;
	size_t name_len;

	op = word + strcspn(word, "<>= ");
	name_len = (size_t)(op - word) < n ? (size_t)(op - word) : n;
	if (name_len == 5 && !strncmp(word, "glibc", 5))
		*libc = CC_LIBC_GLIBC;
	else if (name_len == 4 && !strncmp(word, "musl", 4))
		*libc = CC_LIBC_MUSL;
	else
		return false;
	*from = 0;
	*until = 0;
	if (name_len == n)
		return true;
	if (sscanf(op + (op[0] == '>' ? 2 : 1), "%u.%u.%u", &major, &minor,
		   &patch) < 2)
		return false;
	version = CC_KERNEL_VERSION(major, minor, patch);
	if (!strncmp(op, ">=", 2))
		*from = version;
	else if (op[0] == '<')
		*until = version;
	else
		return false;
	return true;
}

static inline bool case_abi_word(const char *word, size_t n, enum cc_abi *abi)
{
	if (n == 6 && !strncmp(word, "x86_64", 6))
		*abi = CC_ABI_X86_64;
	else if (n == 4 && !strncmp(word, "i386", 4))
		*abi = CC_ABI_I386;
	else
		return false;
	return true;
}

/* What a platform column says: its libc and ABI words, each side met? */
struct case_platform {
	bool libc_named, libc_held, abi_named, abi_held, bad_word;
	enum cc_libc first_libc;
	unsigned int first_from, first_until;
	enum cc_abi first_abi;
};

static inline void case_platform_read(const char *spec, enum cc_libc libc,
				      unsigned int version, enum cc_abi abi,
				      struct case_platform *p)
{
	unsigned int from, until;
	enum cc_libc want;
	enum cc_abi want_abi;
	size_t n;

	memset(p, 0, sizeof(*p));
	for (; spec && *spec; spec += n) {
		spec += strspn(spec, " ");
		n = strcspn(spec, " ");
		if (!n)
			continue;
		if (case_libc_word(spec, n, &want, &from, &until)) {
			if (!p->libc_named) {
				p->first_libc = want;
				p->first_from = from;
				p->first_until = until;
			}
			p->libc_named = true;
			p->libc_held |= want == libc && version >= from &&
					(!until || version < until);
		} else if (case_abi_word(spec, n, &want_abi)) {
			if (!p->abi_named)
				p->first_abi = want_abi;
			p->abi_named = true;
			p->abi_held |= want_abi == abi;
		} else {
			p->bad_word = true;
		}
	}
}

/*
 * Whether the libc (version) and ABI are ones the row states; a word
 * that does not parse holds nowhere, so a typo in a table SKIPs every
 * launch, visibly.
 */
static inline bool case_platform_holds(const char *spec, enum cc_libc libc,
				       unsigned int version, enum cc_abi abi)
{
	struct case_platform p;

	case_platform_read(spec, libc, version, abi, &p);
	return !p.bad_word && (!p.libc_named || p.libc_held) &&
	       (!p.abi_named || p.abi_held);
}

/* env as the row's platform: each side unchanged where it holds. */
static inline void case_platform_env(const char *spec, struct cc_env *env)
{
	struct case_platform p;

	case_platform_read(spec, env->libc, env->libc_version, env->abi, &p);
	if (p.abi_named && !p.abi_held)
		env->abi = p.first_abi;
	if (p.libc_named && !p.libc_held) {
		env->libc = p.first_libc;
		/* A version inside the word's range: its start, or below its end. */
		env->libc_version = p.first_from ? p.first_from :
				    p.first_until ? p.first_until - 1 :
				    p.first_libc == CC_LIBC_GLIBC ?
					CC_KERNEL_VERSION(2, 36, 0) :
					CC_KERNEL_VERSION(1, 2, 3);
	}
}

/*
 * False where the running libc and ABI are ones the platform column
 * states; else true, with the SKIP's reason in why.
 */
static inline bool case_platform_skip(const char *platform, char *why,
				      size_t len)
{
	unsigned int libc_version;
	enum cc_libc libc = cc_env_libc(&libc_version);
	char version[16];

	if (case_platform_holds(platform, libc, libc_version, CC_ARCH_ABI))
		return false;
	snprintf(why, len,
		 "needs \"%s\": the row states what that libc or ABI does (this one is %s %s, %s)",
		 platform, cc_env_libc_name(libc),
		 cc_version_text(version, sizeof(version), libc_version),
		 CC_ARCH_NAME);
	return true;
}

static inline void case_launch_if(struct case_run *run, const char *text,
				  unsigned int needs)
{
	run->text = text;
	if (!case_needs_met(run, needs))
		return;
	if (case_platform_skip(run->platform, run->obs.skip,
			       sizeof(run->obs.skip))) {
		run->result = CC_RESULT_SKIP;
		return;
	}
	case_launch(run, text);
}

/* SKIP with why, or fail as a broken fixture, unless result is OK. */
#define CASE_REQUIRE_RESULT(result, why)				\
	do {								\
		if ((result) == CC_RESULT_SKIP)				\
			SKIP(return, "%s", why);			\
		if ((result) != CC_RESULT_OK) {				\
			TH_LOG(CC_BROKEN_MARK ": %s", why);		\
			ASSERT_EQ((int)CC_RESULT_OK, (int)(result));	\
		}							\
	} while (0)

/* SKIP or fail (broken fixture) unless the launch produced a verdict. */
#define CASE_REQUIRE(run)						\
	do {								\
		if ((run)->result == CC_RESULT_SKIP)			\
			SKIP(return, "%s", (run)->obs.skip);		\
		if ((run)->result != CC_RESULT_OK) {			\
			TH_LOG(CC_BROKEN_MARK ": %s: %s",		\
			       (run)->text, (run)->obs.broken);		\
			ASSERT_EQ((int)CC_RESULT_OK, (int)(run)->result);		\
		}							\
	} while (0)

#define CASE_CHECK(ok, run, msg)					\
	do {								\
		if (!(ok))						\
			TH_LOG("%s: %s", (run)->text, msg);		\
		EXPECT_TRUE(ok);					\
	} while (0)

/* One part of the outcome (one property for CC_PART_PROPS). */
#define CASE_VERDICT(run, exp, part, prop, msg)				\
	cc_verdict_part(&(run)->req, exp, &(run)->obs, part, prop, msg,	\
			sizeof(msg))

#define CASE_CHECK_RET(run, exp)					\
	do {								\
		char _msg[400];						\
		CASE_REQUIRE(run);					\
		CASE_CHECK(CASE_VERDICT(run, exp, CC_PART_RET, 0, _msg), \
			   run, _msg);					\
	} while (0)

/* Later checks only make sense once the call ended as expected. */
#define CASE_REQUIRE_RET(run, exp)					\
	do {								\
		char _msg[400];						\
		CASE_REQUIRE(run);					\
		if (!CASE_VERDICT(run, exp, CC_PART_RET, 0, _msg)) {	\
			TH_LOG("%s: %s", (run)->text, _msg);		\
			ASSERT_TRUE(0);					\
		}							\
	} while (0)

/* Properties are only comparable when the call was to succeed and did. */
#define CASE_REQUIRE_CHILD(run, exp)					\
	do {								\
		CASE_REQUIRE_RET(run, exp);				\
		if ((exp)->ret < 0)					\
			SKIP(return, "the call is expected to fail: no child to probe"); \
	} while (0)

/*
 * A property's probe needs a kernel feature (outcome/props.h): where it
 * is absent, on evidence, the property SKIPs saying so; where the probe
 * for it got an answer neither "present" nor "absent", that is a
 * kernel verdict and the test FAILs.
 */
#define CASE_REQUIRE_FEATURE(feature)					\
	do {								\
		char _seen[200];					\
		switch (cc_env_feature(feature, _seen, sizeof(_seen))) { \
		case CC_ABSENT:						\
			SKIP(return, "needs %s: %s",			\
			     cc_feature_name(feature), _seen);		\
		case CC_ANSWER_UNEXPECTED:				\
			TH_LOG("probing for %s: %s",			\
			       cc_feature_name(feature), _seen);	\
			ASSERT_TRUE(0);					\
		default:						\
			break;						\
		}							\
	} while (0)

/*
 * A row that expects a property the kernel lacks the feature for (its
 * flag given: CLONE_SYSVSEM without System V IPC) SKIPs, or FAILs on an
 * unexpected probe answer: cc_verdict leaves such a property out of
 * every comparison, and the row would otherwise pass on nothing.
 */
#define CASE_REQUIRE_FEATURES_OF(exp)					\
	do {								\
		int _p;							\
		for (_p = 0; _p < CC_PROP_COUNT; _p++)			\
			if ((exp)->props & (1u << _p))			\
				CASE_REQUIRE_FEATURE(cc_props[_p].needs); \
	} while (0)

#define CASE_CHECK_PROP(run, exp, prop)					\
	do {								\
		char _msg[400];						\
		CASE_REQUIRE_CHILD(run, exp);				\
		CASE_REQUIRE_FEATURE(cc_props[prop].needs);		\
		CASE_CHECK(CASE_VERDICT(run, exp, CC_PART_PROPS, prop, _msg), \
			   run, _msg);					\
	} while (0)

/*
 * Each namespace type: new where the request asked, the caller's
 * elsewhere; a type the kernel lacks has nothing to compare.
 */
#define CASE_CHECK_NAMESPACES(run, exp)					\
	do {								\
		char _msg[400], _seen[200];				\
		int _type;						\
		CASE_REQUIRE_CHILD(run, exp);				\
		for (_type = 0; _type < CC_NS_COUNT; _type++) {		\
			enum cc_feature _f = cc_props[CC_PROP_NS(_type)].needs; \
			enum cc_presence _has =				\
				cc_env_feature(_f, _seen, sizeof(_seen)); \
			if (_has == CC_ABSENT)				\
				continue;				\
			CASE_CHECK(_has == CC_PRESENT, run, _seen);	\
			CASE_CHECK(CASE_VERDICT(run, exp, CC_PART_PROPS, \
						CC_PROP_NS(_type), _msg), \
				   run, _msg);				\
		}							\
	} while (0)

#define CASE_CHECK_EXIT(run, exp)					\
	do {								\
		char _msg[400];						\
		CASE_REQUIRE_RET(run, exp);				\
		CASE_CHECK(CASE_VERDICT(run, exp, CC_PART_END, 0, _msg), \
			   run, _msg);					\
	} while (0)

#define CASE_CHECK_EXIT_SIGNAL(run, exp)				\
	do {								\
		char _msg[400];						\
		CASE_REQUIRE_RET(run, exp);				\
		CASE_CHECK(CASE_VERDICT(run, exp, CC_PART_EXIT_SIGNAL, 0, \
					_msg), run, _msg);		\
	} while (0)

/*
 * A row the launch would SKIP because clone3 is out of reach has no
 * verdict to compare the model with either.
 */
#define CASE_MODEL_SKIP_UNREACHABLE(req)				\
	do {								\
		if ((req)->entry == CC_ENTRY_CLONE3 &&			\
		    cc_env_clone3() != CC_CLONE3_AVAILABLE)		\
			SKIP(return, "%s", cc_env_clone3_reason());	\
	} while (0)

/*
 * The model against a row: the prediction for text, in this process's
 * environment, must match what the row states on the parts in what
 * (enum cc_part bits).  Nothing runs: the row's expectation and the
 * model are two sources of truth checked against each other.
 */
#define CASE_CHECK_MODEL(text, exp, what) \
	CASE_CHECK_MODEL_PLATFORM(text, exp, what, 0, NULL)

/* The same, with the properties in ignore left out of the comparison. */
#define CASE_CHECK_MODEL_IGNORING(text, exp, what, ignore) \
	CASE_CHECK_MODEL_PLATFORM(text, exp, what, ignore, NULL)

/* The same, in the environment of the row's platform column (case_platform_env). */
#define CASE_CHECK_MODEL_PLATFORM(text, exp, what, ignore, platform)		\
	do {								\
		struct cc_outcome _exp = *(exp);				\
		struct cc_request _req;					\
		struct cc_parse_error _err;				\
		struct cc_prediction _pred;				\
		struct cc_env _env;					\
		char _diff[2048];					\
		int _count;						\
		ASSERT_EQ(0, cc_request_parse(text, &_req, &_err))	\
			TH_LOG("%s: does not parse: %s", text, _err.msg); \
		case_record_request(&_req);				\
		CASE_MODEL_SKIP_UNREACHABLE(&_req);			\
		cc_env_detect(&_env);					\
		case_platform_env(platform, &_env);				\
		cc_model_predict(&_req, &_env, &_pred);			\
		/* What this machine cannot show, the row cannot state. */ \
		_exp.props = (_exp.props & ~((ignore) |			\
			      cc_props_needing(_env.absent_features))) | \
			     (_pred.outcome.props & (ignore));		\
		_count = cc_model_diff(&_pred, &_exp, what, _diff,	\
				       sizeof(_diff));			\
		if (_count)						\
			TH_LOG("the model disagrees with the row \"%s\":\n%s", \
			       text, _diff);				\
		EXPECT_EQ(0, _count);					\
	} while (0)

/*
 * The model against a row that states only the errno (0: a child) of a
 * request made in a context described by env.
 */
#define CASE_CHECK_MODEL_ERRNO(req, env, want)				\
	do {								\
		struct cc_prediction _pred;				\
		char _text[CC_REQUEST_TEXT_MAX], _name[2][32];		\
		int _got;						\
		case_record_request(req);				\
		CASE_MODEL_SKIP_UNREACHABLE(req);			\
		cc_model_predict(req, env, &_pred);			\
		_got = _pred.outcome.ret < 0 ? (int)-_pred.outcome.ret : 0; \
		if (_got != (want)) {					\
			cc_request_print(_text, sizeof(_text), req);	\
			TH_LOG("the model disagrees with the row \"%s\": the row expects %s, the model predicts %s (%s%s%s)", \
			       _text,					\
			       (want) ? cc_errno_name(want, _name[0], 32) : "a child", \
			       _got ? cc_errno_name(_got, _name[1], 32) : "a child", \
			       _pred.rule ? _pred.rule->name : "no rule refuses it", \
			       _pred.rule ? " in " : "",		\
			       _pred.rule ? _pred.rule->function : "");	\
		}							\
		EXPECT_EQ(want, _got);					\
	} while (0)

/* A row's model test: no launch, only the prediction. */
#define CASE_IS_MODEL_TEST() (!strcmp(_metadata->name, "model"))

/* SKIP unless the row's needs are met, as its other tests do. */
#define CASE_MODEL_NEEDS(run, request, needs)				\
	do {								\
		(run)->text = (request);				\
		if (!case_needs_met(run, needs))			\
			SKIP(return, "%s", (run)->obs.skip);		\
	} while (0)

#define CASE_MODEL_TEST(fixture, what)					\
	TEST_F(fixture, model)						\
	{								\
		CASE_MODEL_NEEDS(&self->run, variant->request, variant->needs); \
		CASE_CHECK_MODEL_PLATFORM(variant->request, &variant->expect, what, \
				      0, variant->platform);		\
	}

/*
 * A property matrix: FIXTURE, its variant (request + expectation) and a
 * setup that launches the row.  Add rows with FIXTURE_VARIANT_ADD.
 */
#define CASE_MATRIX(fixture)						\
	FIXTURE(fixture) {						\
		struct case_run run;					\
	};								\
	FIXTURE_VARIANT(fixture) {					\
		const char *request;					\
		struct cc_outcome expect;				\
		unsigned int needs;	/* enum case_needs */		\
		const char *platform;	/* libc and ABI: case_platform_holds */ \
	};								\
	FIXTURE_SETUP(fixture)						\
	{								\
		self->run.platform = variant->platform;				\
		if (!CASE_IS_MODEL_TEST())				\
			case_launch_if(&self->run, variant->request,	\
				       variant->needs);			\
	}								\
	FIXTURE_TEARDOWN(fixture)					\
	{								\
	}

#define CASE_PROP_TEST(fixture, test, prop)				\
	TEST_F(fixture, test)						\
	{								\
		CASE_CHECK_PROP(&self->run, &variant->expect, prop);	\
	}

/*
 * One test per sharing property every launch measures, named after it
 * (outcome/props.h); those a request must set up have tests of their own.
 */
#define CASE_SHARING_PROP_TEST(fixture, ID, name, governed_by, needs, where, ...) \
	CASE_SHARING_PROP_TEST_##where(fixture, name, CC_PROP_##ID)
#define CASE_SHARING_PROP_TEST_ALL(fixture, name, prop)			\
	CASE_PROP_TEST(fixture, name, prop)
#define CASE_SHARING_PROP_TEST_SETUP(fixture, name, prop)

/*
 * The tests every sharing row runs: the call, the end, each property,
 * the namespaces (each type new or the caller's), and the model.
 */
#define CASE_SHARING_TESTS(fixture)					\
	TEST_F(fixture, returns)					\
	{								\
		CASE_CHECK_RET(&self->run, &variant->expect);		\
	}								\
	TEST_F(fixture, exit_status)					\
	{								\
		CASE_CHECK_EXIT(&self->run, &variant->expect);		\
	}								\
	TEST_F(fixture, exit_signal)					\
	{								\
		CASE_CHECK_EXIT_SIGNAL(&self->run, &variant->expect);	\
	}								\
	CC_SHARING_PROPS_WITH(CASE_SHARING_PROP_TEST, fixture)		\
	TEST_F(fixture, namespaces)					\
	{								\
		CASE_CHECK_NAMESPACES(&self->run, &variant->expect);	\
	}								\
	CASE_MODEL_TEST(fixture, CC_PART_ALL)				\
	/* SIG_IGN survives CLONE_CLEAR_SIGHAND and exec alike. */	\
	TEST_F(fixture, ignored_signal_kept)				\
	{								\
		CASE_REQUIRE_CHILD(&self->run, &variant->expect);	\
		EXPECT_EQ(CC_SIG_IGN, self->run.obs.child.ignored_seen)	\
			TH_LOG("%s: the child lost the caller's SIG_IGN for SIGUSR2",\
			       self->run.text);				\
	}

/* Expectation shorthands, so a row reads as what the child shows. */
#define EXITED_0	.end = CC_END_EXITED, .end_value = 0
#define THREAD_ENDED	.end = CC_END_THREAD
#define KILLED_BY(sig)	.end = CC_END_KILLED, .end_value = (sig)
#define REFUSED(err)	.ret = -(err), .end = CC_END_NONE
/* The call never returned: the caller died of sig first (a libc's wrapper). */
#define CALLER_KILLED_BY(sig)	REFUSED(CC_CALLER_KILLED_BY(sig))

#endif
