// SPDX-License-Identifier: GPL-2.0
/*
 * The property, feature and namespace tables, made from their lists
 * (props.h, namespaces.h).
 */
#include "outcome/props.h"

const char *const cc_ns_names[CC_NS_COUNT] = {
#define NS_NAME(ID, proc, ...) [CC_NS_##ID] = #proc,
	CC_NAMESPACES(NS_NAME)
#undef NS_NAME
};

const char *const cc_ns_configs[CC_NS_COUNT] = {
#define NS_CONFIG(ID, proc, word, flag, config) [CC_NS_##ID] = config,
	CC_NAMESPACES(NS_CONFIG)
#undef NS_CONFIG
};

const struct cc_prop_info cc_props[CC_PROP_COUNT] = {
#define PROP_INFO(ID, name, governed_by, needs, where, on, off)		\
	[CC_PROP_##ID] = { #name, governed_by, CC_FEATURE_##needs,	\
			   CC_PROP_IN_##where, on, off },
	CC_PROPS(PROP_INFO)
#undef PROP_INFO
};

static const char *const feature_names[CC_FEATURE_COUNT] = {
#define FEATURE_NAME(ID, what) [CC_FEATURE_##ID] = what,
	CC_FEATURES(FEATURE_NAME)
#undef FEATURE_NAME
};

const char *cc_prop_name(enum cc_prop prop)
{
	return (unsigned int)prop < CC_PROP_COUNT ? cc_props[prop].name : "?";
}

const char *cc_feature_name(enum cc_feature feature)
{
	return (unsigned int)feature < CC_FEATURE_COUNT ?
		feature_names[feature] : "?";
}

uint32_t cc_props_needing(uint32_t features)
{
	uint32_t props = 0;
	int prop;

	for (prop = 0; prop < CC_PROP_COUNT; prop++)
		if (features & (1u << cc_props[prop].needs))
			props |= 1u << prop;
	return props;
}
