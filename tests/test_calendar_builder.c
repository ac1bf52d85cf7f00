/* Building calendars in code: every builder call's success and error paths, and the 24x7 calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

enum { HOUR = 3600 };

static int64_t at(const char *text)
{
    int64_t t = 0;
    if (svcr_time_parse(text, &t) != SVCR_OK)
        fail_msg("%s: %s", text, svcr_error_message());
    return t;
}

static int64_t week_seconds(const svcr_calendar *calendar, const char *monday)
{
    int64_t out = -1;
    assert_int_equal(svcr_calendar_between(calendar, at(monday), at(monday) + 7 * 86400, &out), SVCR_OK);
    return out;
}

static void builds_what_was_added(void **state)
{
    (void)state;
    svcr_calendar_builder *builder;
    assert_int_equal(svcr_calendar_builder_new("desk", &builder), SVCR_OK);
    for (int weekday = 1; weekday <= 5; weekday++) {
        assert_int_equal(svcr_calendar_builder_add_hours(builder, weekday, 13 * HOUR, 17 * HOUR), SVCR_OK);
        assert_int_equal(svcr_calendar_builder_add_hours(builder, weekday, 9 * HOUR, 12 * HOUR), SVCR_OK);
    }
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 2026, 11, 24), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 2026, 11, 24), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_closure(builder, 2026, 11, 25, 11 * HOUR, 14 * HOUR), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_closure(builder, 2026, 11, 28, 0, 86400), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_set_utc_offset(builder, -5 * HOUR), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, at("2027-03-14T07:00:00Z"), -4 * HOUR),
                     SVCR_OK);

    svcr_calendar *calendar;
    assert_int_equal(svcr_calendar_builder_build(builder, &calendar), SVCR_OK);
    assert_string_equal(svcr_calendar_name(calendar), "desk");
    assert_int_equal(week_seconds(calendar, "2026-11-16T00:00:00-05:00"), 5 * 7 * HOUR);
    /* Tuesday is a holiday; Wednesday loses 11:00-12:00 and 13:00-14:00. */
    assert_int_equal(week_seconds(calendar, "2026-11-23T00:00:00-05:00"), 4 * 7 * HOUR - 2 * HOUR);
    int32_t offset;
    assert_int_equal(svcr_calendar_utc_offset(calendar, at("2027-03-14T07:00:00Z"), &offset), SVCR_OK);
    assert_int_equal(offset, -4 * HOUR);
    svcr_calendar_free(calendar);

    /* The builder is unchanged by building and may build again. */
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 6, 10 * HOUR, 12 * HOUR), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_build(builder, &calendar), SVCR_OK);
    assert_int_equal(week_seconds(calendar, "2026-11-16T00:00:00-05:00"), 5 * 7 * HOUR + 2 * HOUR);
    svcr_calendar_free(calendar);
    svcr_calendar_builder_free(builder);
    svcr_calendar_builder_free(NULL);
}

static void refuses_bad_values_and_changes_nothing(void **state)
{
    (void)state;
    svcr_calendar_builder *builder;
    assert_int_equal(svcr_calendar_builder_new(NULL, &builder), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 1, 9 * HOUR, 17 * HOUR), SVCR_OK);

    assert_int_equal(svcr_calendar_builder_add_hours(builder, 0, 9 * HOUR, 17 * HOUR), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "weekday 0"));
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 8, 9 * HOUR, 17 * HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 2, -1, 17 * HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 2, 9 * HOUR, 86401), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 2, 9 * HOUR, 9 * HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 1, 16 * HOUR, 18 * HOUR), SVCR_ECONFLICT);
    assert_string_equal(svcr_error_message(), "16:00-18:00 overlaps 09:00-17:00 on Monday");
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 1, 8 * HOUR, 18 * HOUR), SVCR_ECONFLICT);
    assert_int_equal(svcr_calendar_builder_add_hours(builder, 1, 8 * HOUR, 9 * HOUR + 30), SVCR_ECONFLICT);
    assert_string_equal(svcr_error_message(), "08:00-09:00:30 overlaps 09:00-17:00 on Monday");

    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 2025, 2, 29), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "2025-02-29 is not a date"));
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 0, 1, 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 10000, 1, 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 2026, 0, 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_holiday(builder, 2026, 4, 31), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_closure(builder, 2026, 4, 31, 0, HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_closure(builder, 2026, 4, 30, HOUR, 0), SVCR_EINVAL);

    assert_int_equal(svcr_calendar_builder_set_utc_offset(builder, 18 * HOUR + 1), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "beyond 18 hours"));
    assert_int_equal(svcr_calendar_builder_set_utc_offset(builder, -18 * HOUR - 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, 1000, 19 * HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, INT64_MAX, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "outside years 0001-9999"));
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, 1000, HOUR), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, 1000, 0), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_offset_change(builder, 999, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "is not after the previous one"));

    /* None of the refused calls changed the builder: still 9-17 Mondays, UTC, one change. */
    svcr_calendar *calendar;
    assert_int_equal(svcr_calendar_builder_build(builder, &calendar), SVCR_OK);
    assert_string_equal(svcr_calendar_name(calendar), "");
    assert_int_equal(week_seconds(calendar, "2026-11-16T00:00:00+01:00"), 8 * HOUR);
    int32_t offset;
    assert_int_equal(svcr_calendar_utc_offset(calendar, 0, &offset), SVCR_OK);
    assert_int_equal(offset, 0);
    assert_int_equal(svcr_calendar_utc_offset(calendar, 1000, &offset), SVCR_OK);
    assert_int_equal(offset, HOUR);
    svcr_calendar_free(calendar);
    svcr_calendar_builder_free(builder);
}

static void refuses_null_and_empty(void **state)
{
    (void)state;
    svcr_calendar_builder *builder;
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_builder_new("x", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_hours(NULL, 1, 0, 1), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"builder\" is NULL"));
    assert_int_equal(svcr_calendar_builder_add_holiday(NULL, 2026, 1, 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_closure(NULL, 2026, 1, 1, 0, 1), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_set_utc_offset(NULL, 0), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_add_offset_change(NULL, 0, 0), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_build(NULL, &calendar), SVCR_EINVAL);

    assert_int_equal(svcr_calendar_builder_new("closed", &builder), SVCR_OK);
    assert_int_equal(svcr_calendar_builder_build(builder, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_calendar_builder_build(builder, &calendar), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(), "calendar \"closed\" has no opening hours on any weekday");
    assert_null(calendar);
    svcr_calendar_builder_free(builder);
}

static svcr_status build_full(void *unused)
{
    (void)unused;
    svcr_calendar_builder *builder;
    svcr_calendar *calendar;
    svcr_status status = svcr_calendar_builder_new("desk", &builder);
    if (status != SVCR_OK)
        return status;
    for (int weekday = 1; weekday <= 5 && status == SVCR_OK; weekday++)
        status = svcr_calendar_builder_add_hours(builder, weekday, 9 * HOUR, 17 * HOUR);
    for (int day = 1; day <= 10 && status == SVCR_OK; day++)
        status = svcr_calendar_builder_add_holiday(builder, 2026, 12, day);
    if (status == SVCR_OK)
        status = svcr_calendar_builder_add_closure(builder, 2026, 12, 24, 12 * HOUR, 24 * HOUR);
    for (int i = 0; i < 6 && status == SVCR_OK; i++)
        status = svcr_calendar_builder_add_offset_change(builder, i * 1000, i * HOUR);
    if (status == SVCR_OK)
        status = svcr_calendar_builder_build(builder, &calendar);
    if (status == SVCR_OK)
        svcr_calendar_free(calendar);
    svcr_calendar_builder_free(builder);
    return status;
}

static svcr_status make_24x7(void *unused)
{
    (void)unused;
    svcr_calendar *calendar;
    svcr_status status = svcr_calendar_new_24x7(&calendar);
    if (status == SVCR_OK)
        svcr_calendar_free(calendar);
    return status;
}

static void survives_every_allocation_failure(void **state)
{
    (void)state;
    long builder_points = test_alloc_exhaust(build_full, NULL);
    long always_points = test_alloc_exhaust(make_24x7, NULL);
    print_message("calendar builder: %ld allocation points; 24x7: %ld\n", builder_points, always_points);
    assert_true(builder_points >= 10);
    assert_true(always_points >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_what_was_added),
        cmocka_unit_test(refuses_bad_values_and_changes_nothing),
        cmocka_unit_test(refuses_null_and_empty),
        cmocka_unit_test(survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
