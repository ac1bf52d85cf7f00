/* Allocation failure in every allocating call on a calendar builder that already exists: each
 * allocation of the call fails in turn, and the call must return SVCR_ENOMEM, leave the builder
 * exactly as it was (what it builds is unchanged) and leave it usable: the same call then succeeds
 * and the builder still builds. test_calendar_builder.c and test_calendar_json.c exhaust making
 * whole calendars. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"

#define MONDAY_2026_12_21 INT64_C(1797811200)

typedef struct objects {
    svcr_calendar_builder *builder; /* each array full at its first block of 4 */
    svcr_calendar *built;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o == NULL || svcr_calendar_builder_new("emea", &o->builder) != SVCR_OK ||
        svcr_calendar_builder_set_utc_offset(o->builder, 3600) != SVCR_OK)
        return NULL;
    for (int i = 0; i < 4; i++)
        if (svcr_calendar_builder_add_hours(o->builder, 1 + i, 9 * 3600, 17 * 3600) != SVCR_OK ||
            svcr_calendar_builder_add_holiday(o->builder, 2026, 12, 24 + i) != SVCR_OK ||
            svcr_calendar_builder_add_offset_change(o->builder, MONDAY_2026_12_21 + i * 86400, 3600 * (i % 2))
                != SVCR_OK)
            return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_calendar_builder_free(o->builder);
    svcr_calendar_free(o->built);
    free(o);
}

/* What the builder builds, sampled every half hour over three weeks: open or closed, offset. */
static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL;
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_builder_build(o->builder, &calendar), SVCR_OK);
    test_text_append(&text, "%s:", svcr_calendar_name(calendar));
    for (int64_t t = MONDAY_2026_12_21 - 7 * 86400; t < MONDAY_2026_12_21 + 14 * 86400; t += 1800) {
        bool open = false;
        int32_t offset = 0;
        assert_int_equal(svcr_calendar_is_open(calendar, t, &open), SVCR_OK);
        assert_int_equal(svcr_calendar_utc_offset(calendar, t, &offset), SVCR_OK);
        test_text_append(&text, "%c%d", open ? 'o' : 'c', (int)(offset / 3600));
    }
    svcr_calendar_free(calendar);
    test_text_append(&text, " built %p", (void *)o->built);
    return text;
}

/* The builder still takes hours and builds a calendar that counts business time. */
static svcr_status still_builds(objects *o)
{
    svcr_status s = svcr_calendar_builder_add_hours(o->builder, 6, 10 * 3600, 12 * 3600);
    svcr_calendar *calendar = NULL;
    int64_t out = 0;
    if (s == SVCR_OK)
        s = svcr_calendar_builder_build(o->builder, &calendar);
    if (s == SVCR_OK)
        s = svcr_calendar_add(calendar, MONDAY_2026_12_21, 3600, &out);
    svcr_calendar_free(calendar);
    return s;
}

#define BUILDER_CALL(name, expression) TEST_CALL(name, still_builds, expression)

BUILDER_CALL(builder_add_hours, svcr_calendar_builder_add_hours(o->builder, 5, 8 * 3600, 12 * 3600))
BUILDER_CALL(builder_add_holiday, svcr_calendar_builder_add_holiday(o->builder, 2027, 1, 1))
BUILDER_CALL(builder_add_closure, svcr_calendar_builder_add_closure(o->builder, 2026, 12, 31, 12 * 3600, 86400))
BUILDER_CALL(builder_add_offset_change,
             svcr_calendar_builder_add_offset_change(o->builder, MONDAY_2026_12_21 + 30 * 86400, 7200))
BUILDER_CALL(builder_build, (svcr_calendar_free(o->built), o->built = NULL,
                             svcr_calendar_builder_build(o->builder, &o->built)))

static void a_builder_survives_failed_calls(void **state)
{
    (void)state;
    assert_int_equal(test_alloc_exhaust_call(&builder_add_hours), 1);
    assert_int_equal(test_alloc_exhaust_call(&builder_add_holiday), 1);
    assert_int_equal(test_alloc_exhaust_call(&builder_add_closure), 1);
    assert_int_equal(test_alloc_exhaust_call(&builder_add_offset_change), 1);
    assert_true(test_alloc_exhaust_call(&builder_build) > 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_builder_survives_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
