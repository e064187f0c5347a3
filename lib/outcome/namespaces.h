/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The namespace types: the one table every part that lists namespaces
 * derives from (the namespace properties, the env's per-type limits, the
 * model's per-type rules, the namespace cases).
 *
 *   X(ID, proc, word, flag, config)
 *
 *   ID      CC_NS_<ID>; its property is CC_PROP_NS_<ID>
 *   proc    its /proc/self/ns entry; its count limit is the sysctl
 *           user.max_<proc>_namespaces
 *   word    its property's name: <word>_namespace
 *   flag    the CLONE_* flag that makes one (CC_<flag>, spec/flags.h)
 *   config  the kernel option it needs ("": always there)
 *
 * A data table only: this header includes nothing, and the flag column
 * is a token the spec layer turns into a bit (CC_##flag).
 */
#ifndef CLONECHECK_OUTCOME_NAMESPACES_H
#define CLONECHECK_OUTCOME_NAMESPACES_H

/*
 * R(X, row...) for each row: R picks and reorders columns for X, so other
 * tables (the properties) can be made of these rows.
 */
#define CC_NAMESPACES_WITH(R, X)					\
	R(X, MNT, mnt, mount, CLONE_NEWNS, "")				\
	R(X, PID, pid, pid, CLONE_NEWPID, "CONFIG_PID_NS")		\
	R(X, NET, net, network, CLONE_NEWNET, "CONFIG_NET_NS")		\
	R(X, UTS, uts, uts, CLONE_NEWUTS, "CONFIG_UTS_NS")		\
	R(X, IPC, ipc, ipc, CLONE_NEWIPC, "CONFIG_IPC_NS")		\
	R(X, USER, user, user, CLONE_NEWUSER, "CONFIG_USER_NS")		\
	R(X, CGROUP, cgroup, cgroup, CLONE_NEWCGROUP, "CONFIG_CGROUPS")	\
	R(X, TIME, time, time, CLONE_NEWTIME, "CONFIG_TIME_NS")

#define CC_NS_ROW(X, ...) X(__VA_ARGS__)
#define CC_NAMESPACES(X) CC_NAMESPACES_WITH(CC_NS_ROW, X)

enum cc_ns_type {
#define CC_NS_ENUM(ID, ...) CC_NS_##ID,
	CC_NAMESPACES(CC_NS_ENUM)
#undef CC_NS_ENUM
	CC_NS_COUNT
};

/* The /proc/self/ns entry of each type ("mnt"), in CC_NS_* order. */
extern const char *const cc_ns_names[CC_NS_COUNT];

/* The kernel option each type needs ("CONFIG_TIME_NS"; "" for none). */
extern const char *const cc_ns_configs[CC_NS_COUNT];

#endif
