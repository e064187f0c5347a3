// SPDX-License-Identifier: GPL-2.0
/*
 * Every probe tells a difference: for each property, a request that
 * should turn it on and the closest request that should not.  The probe
 * must report on for the first, off for the second, and must have run
 * for both.  A probe that always says "shared" (or never does) fails
 * here before any case table is consulted.
 */

#include "../cases/cases.h"

FIXTURE(probe) {
	struct case_run with;
	struct case_run without;
};

FIXTURE_VARIANT(probe) {
	enum cc_prop prop;	/* its row's on and off requests */
};

FIXTURE_SETUP(probe)
{
	const struct cc_prop_info *row = &cc_props[variant->prop];
	/* Rows in a user namespace need one; the others need nothing. */
	unsigned int needs = strstr(row->on, "CLONE_NEWUSER") ?
			     CASE_NEEDS_USERNS : 0;

	case_launch_if(&self->with, row->on, needs);
	case_launch_if(&self->without, row->off, needs);
}

FIXTURE_TEARDOWN(probe)
{
}

/* A row per property, from the property table (outcome/props.h). */
#define PROBE_ROW(ID, name, ...)					\
	FIXTURE_VARIANT_ADD(probe, name) {				\
		.prop = CC_PROP_##ID,					\
	};
CC_PROPS(PROBE_ROW)

TEST_F(probe, tells_on_from_off)
{
	const struct cc_outcome *on = &self->with.obs.outcome;
	const struct cc_outcome *off = &self->without.obs.outcome;
	const struct cc_prop_info *row = &cc_props[variant->prop];
	uint32_t bit = 1u << variant->prop;

	CASE_REQUIRE(&self->with);
	CASE_REQUIRE(&self->without);
	ASSERT_LT(0, on->ret);
	ASSERT_LT(0, off->ret);
	ASSERT_FALSE(on->unmeasured & bit)
		TH_LOG("%s did not run for \"%s\"", row->name, row->on);
	ASSERT_FALSE(off->unmeasured & bit)
		TH_LOG("%s did not run for \"%s\"", row->name, row->off);
	EXPECT_TRUE(on->props & bit)
		TH_LOG("%s probe says off for \"%s\"", row->name, row->on);
	EXPECT_FALSE(off->props & bit)
		TH_LOG("%s probe says on for \"%s\"", row->name, row->off);
}

/* Every property has a probe and a row, and the rows are the table's. */
TEST(every_property_has_a_probe_row)
{
	const struct __fixture_variant_metadata *v;
	uint32_t covered = 0;
	int prop;

	for (v = _probe_fixture_object.variant; v; v = v->next)
		covered |= 1u << ((const FIXTURE_VARIANT(probe) *)v->data)->prop;
	EXPECT_EQ(CC_PROPS_ALL, covered);
	for (prop = 0; prop < CC_PROP_COUNT; prop++) {
		EXPECT_TRUE(cc_probes[prop]->measure != NULL)
			TH_LOG("%s has no measurement", cc_prop_name(prop));
		EXPECT_TRUE(cc_probes[prop]->describe != NULL)
			TH_LOG("%s has no sentence", cc_prop_name(prop));
	}
}

TEST_HARNESS_MAIN
