/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The properties: every yes/no observation the probes make of a child.
 * One table; the enum, the names, the case tests of every sharing row
 * (cases/cases.h), the probe self-tests (tests/probes_test.c) and the
 * engine's probe table (engine/probes.c) are derived from it.
 *
 *   X(ID, name, governed_by, needs, where, on, off)
 *
 *   ID           CC_PROP_<ID>, and the bit CC_P(<ID>)
 *   name         the short name in test names, reports and JSON
 *   governed_by  what turns it on, for reports ("CLONE_FILES")
 *   needs        the kernel feature its probe needs (CC_FEATURE_<needs>)
 *   where        ALL: every launch measures it, so every sharing row
 *                tests it; SETUP: only a request that sets it up does
 *                (cgroup=new)
 *   on, off      the closest two requests for which the property must be
 *                on and off: the probe's own test
 *
 * One property per namespace type follows the sharing ones, made from
 * the rows of namespaces.h: the child is in a new namespace of the type.
 * As there, the _WITH form hands each row to R(X, row...).
 *
 * Adding a property: a row here, its probe in engine/probes.c, and the
 * flags that turn it on in the model (spec/model.c, sharing_props).
 */
#ifndef CLONECHECK_OUTCOME_PROPS_H
#define CLONECHECK_OUTCOME_PROPS_H

#include <stdint.h>

#include "outcome/namespaces.h"

#define CC_SHARING_PROPS_WITH(R, X)					\
	R(X, MEMORY, memory, "CLONE_VM", NONE, ALL,			\
	  "clone flags=CLONE_VM stack=mmap:64k",			\
	  "clone stack=mmap:64k")					\
	R(X, FILES, fd_table, "CLONE_FILES", NONE, ALL,			\
	  "clone flags=CLONE_FILES", "clone")				\
	R(X, FS_UMASK, fs_umask, "CLONE_FS", NONE, ALL,			\
	  "clone flags=CLONE_FS", "clone")				\
	R(X, FS_CWD, fs_cwd, "CLONE_FS", NONE, ALL,			\
	  "clone flags=CLONE_FS", "clone")				\
	R(X, SIGHAND, signal_handlers, "CLONE_SIGHAND", NONE, ALL,	\
	  "clone flags=CLONE_VM|CLONE_SIGHAND stack=mmap:64k",		\
	  "clone flags=CLONE_VM stack=mmap:64k")			\
	R(X, THREAD_GROUP, thread_group, "CLONE_THREAD", NONE, ALL,	\
	  "clone3 flags=CLONE_VM|CLONE_SIGHAND|CLONE_THREAD exit_signal=0 stack=mmap:64k", \
	  "clone3 flags=CLONE_VM|CLONE_SIGHAND exit_signal=0 stack=mmap:64k") \
	R(X, PARENT, parent, "CLONE_PARENT", NONE, ALL,			\
	  "clone flags=CLONE_PARENT", "clone")				\
	R(X, SYSVSEM, sysvsem_undo, "CLONE_SYSVSEM", SYSVIPC, ALL,	\
	  "clone flags=CLONE_SYSVSEM", "clone")				\
	R(X, TLS, tls, "CLONE_SETTLS", NONE, ALL,			\
	  "clone flags=CLONE_SETTLS", "clone")				\
	R(X, PARENT_TID, parent_settid, "CLONE_PARENT_SETTID", NONE, ALL, \
	  "clone flags=CLONE_PARENT_SETTID", "clone")			\
	R(X, CHILD_TID, child_settid, "CLONE_CHILD_SETTID", NONE, ALL,	\
	  "clone flags=CLONE_CHILD_SETTID", "clone")			\
	R(X, CLEAR_TID, child_cleartid, "CLONE_CHILD_CLEARTID", NONE, ALL, \
	  "clone flags=CLONE_VM|CLONE_CHILD_CLEARTID stack=mmap:64k",	\
	  "clone flags=CLONE_VM stack=mmap:64k")			\
	R(X, PIDFD, pidfd, "CLONE_PIDFD", PIDFD, ALL,			\
	  "clone3 flags=CLONE_PIDFD", "clone3")				\
	R(X, VFORK, vfork_suspends_caller, "CLONE_VFORK", NONE, ALL,	\
	  "clone flags=CLONE_VFORK", "clone")				\
	R(X, CLEAR_SIGHAND, clear_sighand, "CLONE_CLEAR_SIGHAND", NONE, ALL, \
	  "clone3 flags=CLONE_CLEAR_SIGHAND", "clone3")			\
	R(X, OWN_STACK, own_stack, "the stack argument", NONE, ALL,	\
	  "clone stack=mmap:64k", "clone")				\
	R(X, CGROUP, cgroup, "CLONE_INTO_CGROUP", CGROUP2, SETUP,	\
	  "clone3 flags=CLONE_INTO_CGROUP cgroup=new",			\
	  "clone3 cgroup=new")						\
	R(X, IO, io_context, "CLONE_IO", BLOCK, ALL,			\
	  "clone flags=CLONE_IO", "clone")

#define CC_SHARING_PROPS(X) CC_SHARING_PROPS_WITH(CC_NS_ROW, X)

/*
 * A namespace row as a property row.  In a new user namespace the other
 * types need no privilege, so that is where their probe is shown.
 */
#define CC_NS_PROP(X, ID, proc, word, flag, config)			\
	X(NS_##ID, word##_namespace, #flag, NS_##ID, ALL,		\
	  "clone3 flags=CLONE_NEWUSER|" #flag, "clone3")

#define CC_PROPS(X) CC_SHARING_PROPS(X) CC_NAMESPACES_WITH(CC_NS_PROP, X)

enum cc_prop {
#define CC_PROP_ENUM(ID, ...) CC_PROP_##ID,
	CC_PROPS(CC_PROP_ENUM)
#undef CC_PROP_ENUM
	CC_PROP_COUNT
};

_Static_assert(CC_PROP_COUNT <= 32, "properties are bits of a uint32_t");
_Static_assert(CC_PROP_NS_TIME - CC_PROP_NS_MNT + 1 == CC_NS_COUNT,
	       "one property per namespace type");

#define CC_P(ID)	(1u << CC_PROP_##ID)
#define CC_PROPS_ALL	((uint32_t)((1ull << CC_PROP_COUNT) - 1))
/* The namespace properties, and the property of namespace type t. */
#define CC_PROP_NS(t)	((enum cc_prop)(CC_PROP_NS_MNT + (t)))
#define CC_PROPS_NS	(((1u << CC_NS_COUNT) - 1) << CC_PROP_NS_MNT)

/*
 * What a probe needs of the kernel: without it the property cannot be
 * measured there (the row SKIPs it, saying so), which is not a verdict.
 *
 *   X(ID, what)
 */
#define CC_NS_FEATURE(X, ID, proc, word, flag, config)			\
	X(NS_##ID, #proc " namespaces (/proc/self/ns/" #proc ")")

#define CC_FEATURES(X)							\
	X(NONE, "nothing")						\
	X(BLOCK, "ioprio_set(2) (CONFIG_BLOCK)")			\
	X(SYSVIPC, "System V semaphores (CONFIG_SYSVIPC)")		\
	X(PIDFD, "pidfd_open(2) (Linux 5.3)")					\
	X(CGROUP2, "a cgroup2 mount")					\
	X(MQUEUE, "POSIX message queues (CONFIG_POSIX_MQUEUE)")		\
	X(CGROUP_V1, "cgroup v1 hierarchies (CONFIG_CGROUP_V1 since 6.11)") \
	CC_NAMESPACES_WITH(CC_NS_FEATURE, X)

enum cc_feature {
#define CC_FEATURE_ENUM(ID, what) CC_FEATURE_##ID,
	CC_FEATURES(CC_FEATURE_ENUM)
#undef CC_FEATURE_ENUM
	CC_FEATURE_COUNT
};

/* Where a property is measured (the where column). */
enum cc_prop_where {
	CC_PROP_IN_ALL,		/* every launch */
	CC_PROP_IN_SETUP,	/* a request that sets it up */
};

/* A property's row. */
struct cc_prop_info {
	const char *name;		/* "fd_table" */
	const char *governed_by;	/* "CLONE_FILES" */
	enum cc_feature needs;
	enum cc_prop_where where;
	const char *on, *off;		/* the probe's own test */
};

extern const struct cc_prop_info cc_props[CC_PROP_COUNT];

/* "fd_table"; "?" for a value outside the table. */
const char *cc_prop_name(enum cc_prop prop);

/* What a feature is, in words: "ioprio_set(2) (CONFIG_BLOCK)". */
const char *cc_feature_name(enum cc_feature feature);

/* The CC_P() bits of the properties that need a feature of features (CC_FEATURE_* bits). */
uint32_t cc_props_needing(uint32_t features);

#endif
