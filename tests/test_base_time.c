/* Time parsing and formatting, and the private civil-calendar arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/civil.h"

static int64_t parsed(const char *text)
{
    int64_t t = 0;
    if (svcr_time_parse(text, &t) != SVCR_OK)
        fail_msg("%s: %s", text, svcr_error_message());
    return t;
}

static void parses_iso_8601_and_epoch(void **state)
{
    (void)state;
    assert_int_equal(parsed("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(parsed("2026-11-23T09:00:00Z"), 1795424400);
    assert_int_equal(parsed("2026-11-23T10:00:00+01:00"), 1795424400);
    assert_int_equal(parsed("2026-11-23T04:30:00-0430"), 1795424400);
    assert_int_equal(parsed("2026-11-23T09:00Z"), 1795424400);
    assert_int_equal(parsed("2026-11-23T09:00:00.750Z"), 1795424400);
    assert_int_equal(parsed("2026-11-23"), 1795392000);
    assert_int_equal(parsed("2024-02-29T12:00:00Z"), 1709208000);
    assert_int_equal(parsed("1969-12-31T23:59:59Z"), -1);
    assert_int_equal(parsed("@1795424400"), 1795424400);
    assert_int_equal(parsed("@-86400"), -86400);
    assert_int_equal(parsed("0001-01-01T00:00:00Z"), SVCR_TIME_MIN);
    assert_int_equal(parsed("9999-12-31T23:59:59Z"), SVCR_TIME_MAX);
    assert_int_equal(parsed("@-62135596800"), SVCR_TIME_MIN);
}

static void rejects_malformed_times_without_writing(void **state)
{
    (void)state;
    const char *bad[] = {"",           "-",          "2026-13-01",           "2026-02-29",
                         "2026-11-31", "2026-11-23T25:00:00Z", "2026-11-23T09:00:00", "2026/11/23",
                         "yesterday",  "2026-11-23T09:00:00Zjunk", "2026-11-23T09:00:00+25:00",
                         "12a", "2026", "20261123", "1795424400", "-86400", "@", "@12a", "@-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        svcr_status status = svcr_time_parse(bad[i], &t);
        if (status != SVCR_EINVAL)
            fail_msg("\"%s\" gave %s", bad[i], svcr_status_name(status));
        assert_int_equal(t, 42);
        assert_non_null(strstr(svcr_error_message(), "not a time"));
    }
    int64_t t = 42;
    assert_int_equal(svcr_time_parse("2026", &t), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "a bare number is ambiguous"));
    assert_int_equal(svcr_time_parse("@99999999999999999999", &t), SVCR_EOVERFLOW);
    assert_int_equal(svcr_time_parse(NULL, &t), SVCR_EINVAL);
    assert_int_equal(svcr_time_parse("0", NULL), SVCR_EINVAL);
    assert_int_equal(t, 42);
}

/* One range everywhere: the calendars work in years 0001-9999, so parsing refuses the rest. */
static void accepts_only_years_0001_to_9999(void **state)
{
    (void)state;
    const char *outside[] = {"0000-01-01T00:00:00Z", "0000-12-31T23:59:59Z", "0000-06-15",
                             "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
                             "@-62135596801", "@253402300800", "@9223372036854775807",
                             "@-9223372036854775808"};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        int64_t t = 42;
        svcr_status status = svcr_time_parse(outside[i], &t);
        if (status != SVCR_EOVERFLOW)
            fail_msg("\"%s\" gave %s", outside[i], svcr_status_name(status));
        assert_int_equal(t, 42);
        assert_non_null(strstr(svcr_error_message(), "outside years 0001-9999"));
    }
    char buf[SVCR_TIME_FORMAT_SIZE];
    assert_int_equal(svcr_time_format(SVCR_TIME_MIN - 1, buf, sizeof buf), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "outside years 0001-9999"));
    assert_int_equal(svcr_time_format(SVCR_TIME_MIN, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "0001-01-01T00:00:00Z");
    assert_int_equal(svcr_time_format(SVCR_TIME_MAX + 1, buf, sizeof buf), SVCR_EINVAL);
}

static void formats_utc(void **state)
{
    (void)state;
    char buf[SVCR_TIME_FORMAT_SIZE];
    assert_int_equal(svcr_time_format(1795424400, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "2026-11-23T09:00:00Z");
    assert_int_equal(svcr_time_format(-1, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    assert_int_equal(svcr_time_format(1709208000, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "2024-02-29T12:00:00Z");
    char small[10];
    assert_int_equal(svcr_time_format(0, small, sizeof small), SVCR_EINVAL);
    assert_string_equal(small, "");
    assert_int_equal(svcr_time_format(INT64_MAX, buf, sizeof buf), SVCR_EINVAL);
    /* Found by fuzzing: the day's seconds overflowed before the range check near INT64_MIN. */
    assert_int_equal(svcr_time_format(INT64_MIN, buf, sizeof buf), SVCR_EINVAL);
    assert_int_equal(svcr_time_format(INT64_MIN + 1, buf, sizeof buf), SVCR_EINVAL);
    assert_int_equal(svcr_time_format(0, NULL, 4), SVCR_EINVAL);
}

static void format_then_parse_round_trips(void **state)
{
    (void)state;
    char buf[SVCR_TIME_FORMAT_SIZE];
    for (int64_t t = -5000000000LL; t < 5000000000LL; t += 7777777) {
        assert_int_equal(svcr_time_format(t, buf, sizeof buf), SVCR_OK);
        assert_int_equal(parsed(buf), t);
    }
}

static void civil_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(svcr__days_from_civil(1970, 1, 1), 0);
    assert_int_equal(svcr__days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(svcr__iso_weekday(0), 4);                                    /* Thursday */
    assert_int_equal(svcr__iso_weekday(svcr__days_from_civil(2026, 11, 23)), 1); /* Monday */
    assert_int_equal(svcr__iso_weekday(-1), 3);
    assert_true(svcr__is_leap_year(2000));
    assert_false(svcr__is_leap_year(1900));
    assert_int_equal(svcr__days_in_month(2024, 2), 29);
    assert_int_equal(svcr__days_in_month(2100, 2), 28);
    assert_int_equal(svcr__day_of(-1), -1);
    assert_int_equal(svcr__day_of(86399), 0);
    for (int64_t d = -800000; d < 800000; d += 997) {
        int64_t y;
        int m, day;
        svcr__civil_from_days(d, &y, &m, &day);
        assert_int_equal(svcr__days_from_civil(y, m, day), d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_iso_8601_and_epoch),
        cmocka_unit_test(rejects_malformed_times_without_writing),
        cmocka_unit_test(accepts_only_years_0001_to_9999),
        cmocka_unit_test(formats_utc),
        cmocka_unit_test(format_then_parse_round_trips),
        cmocka_unit_test(civil_arithmetic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
