/* Calendar JSON definitions: the accepted forms and every validation error with its line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

/* Parse NUL-terminated text, as most hosts will. */
static svcr_status parse_text(const char *json, svcr_calendar **out)
{
    return svcr_calendar_parse(json, strlen(json), out);
}

static const char full_json[] =
    "{\n"
    "  \"name\": \"emea-support\",\n"
    "  \"utc_offset\": \"+01:00\",\n"
    "  \"hours\": {\n"
    "    \"mon-thu\": [\"08:30-12:00\", \"13:00-17:30\"],\n"
    "    \"friday\": [\"08:30-12:00\", \"12:00-15:00\"],\n"
    "    \"Sat\": [\"10:00:00-12:00:00\"],\n"
    "    \"sunday\": []\n"
    "  },\n"
    "  \"holidays\": [\"2026-12-25\", {\"date\": \"2026-12-26\", \"name\": \"Boxing Day\"}],\n"
    "  \"closures\": [{\"date\": \"2026-12-24\", \"closed\": \"12:00-24:00\", \"name\": \"Christmas Eve\"}],\n"
    "  \"offset_changes\": [\n"
    "    {\"from\": \"2026-03-29T01:00:00Z\", \"utc_offset\": \"+02:00\"},\n"
    "    {\"from\": 1792890000, \"utc_offset\": 3600}\n"
    "  ]\n"
    "}\n";

static int64_t at(const char *text)
{
    int64_t t = 0;
    if (svcr_time_parse(text, &t) != SVCR_OK)
        fail_msg("%s: %s", text, svcr_error_message());
    return t;
}

static int64_t day_seconds(const svcr_calendar *calendar, const char *day, const char *next)
{
    int64_t out = -1;
    assert_int_equal(svcr_calendar_between(calendar, at(day), at(next), &out), SVCR_OK);
    return out;
}

static void reads_a_full_definition(void **state)
{
    (void)state;
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_parse(full_json, strlen(full_json), &calendar), SVCR_OK);
    assert_string_equal(svcr_calendar_name(calendar), "emea-support");
    /* Monday 2026-12-21: 3.5 + 4.5 hours; the Friday intervals touch and are joined. */
    assert_int_equal(day_seconds(calendar, "2026-12-21T00:00:00+01:00", "2026-12-22T00:00:00+01:00"), 8 * 3600);
    assert_int_equal(day_seconds(calendar, "2026-12-18T00:00:00+01:00", "2026-12-19T00:00:00+01:00"),
                     6 * 3600 + 1800);
    assert_int_equal(day_seconds(calendar, "2026-12-19T00:00:00+01:00", "2026-12-20T00:00:00+01:00"), 2 * 3600);
    assert_int_equal(day_seconds(calendar, "2026-12-20T00:00:00+01:00", "2026-12-21T00:00:00+01:00"), 0);
    /* Christmas Eve (Thursday) closes at noon; Christmas (Friday) and Boxing Day (Saturday) are
     * holidays. */
    assert_int_equal(day_seconds(calendar, "2026-12-24T00:00:00+01:00", "2026-12-25T00:00:00+01:00"),
                     3 * 3600 + 1800);
    assert_int_equal(day_seconds(calendar, "2026-12-25T00:00:00+01:00", "2026-12-28T00:00:00+01:00"), 0);
    /* Summer time: 08:30 local is 06:30Z. */
    int64_t out;
    assert_int_equal(svcr_calendar_next_open(calendar, at("2026-07-06T00:00:00Z"), &out), SVCR_OK);
    assert_int_equal(out, at("2026-07-06T06:30:00Z"));
    assert_int_equal(svcr_calendar_next_open(calendar, at("2026-11-02T00:00:00Z"), &out), SVCR_OK);
    assert_int_equal(out, at("2026-11-02T07:30:00Z"));
    svcr_calendar_free(calendar);
}

static void reads_short_forms(void **state)
{
    (void)state;
    svcr_calendar *calendar = NULL;
    assert_int_equal(parse_text("{\"hours\": \"24x7\", \"holidays\": [\"2026-01-01\"]}", &calendar),
                     SVCR_OK);
    assert_string_equal(svcr_calendar_name(calendar), "");
    assert_int_equal(day_seconds(calendar, "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z"), 86400);
    svcr_calendar_free(calendar);

    /* A range wraps around the week; negative offsets as text. */
    assert_int_equal(parse_text("{\"hours\": {\"fri-mon\": [\"10:00-11:00\"]}, \"utc_offset\": \"-04:30\"}",
                                         &calendar),
                     SVCR_OK);
    assert_int_equal(day_seconds(calendar, "2026-11-16T00:00:00-04:30", "2026-11-23T00:00:00-04:30"), 4 * 3600);
    bool open;
    assert_int_equal(svcr_calendar_is_open(calendar, at("2026-11-22T10:30:00-04:30"), &open), SVCR_OK);
    assert_true(open);
    assert_int_equal(svcr_calendar_is_open(calendar, at("2026-11-18T10:30:00-04:30"), &open), SVCR_OK);
    assert_false(open);
    svcr_calendar_free(calendar);
}

/* Parsing @p json fails with SVCR_EPARSE at line:column, with a message containing @p words. */
static void rejects(const char *json, int line, int column, const char *words)
{
    svcr_calendar *calendar = (svcr_calendar *)0x1;
    svcr_status status = svcr_calendar_parse(json, strlen(json), &calendar);
    if (status != SVCR_EPARSE || svcr_error_line() != line || svcr_error_column() != column ||
        strstr(svcr_error_message(), words) == NULL)
        fail_msg("%s\n-> %s at %d:%d: %s (want %d:%d, \"%s\")", json, svcr_status_name(status),
                 svcr_error_line(), svcr_error_column(), svcr_error_message(), line, column, words);
    assert_ptr_equal(calendar, (svcr_calendar *)0x1);
}

static void overlapping_intervals(void **state)
{
    (void)state;
    rejects("{\n"
            "  \"hours\": {\n"
            "    \"monday\": [\"09:00-12:00\", \"11:00-13:00\"]\n"
            "  }\n"
            "}",
            3, 31, "11:00-13:00 overlaps 09:00-12:00 on Monday");
    assert_non_null(strstr(svcr_error_message(), "calendar JSON: line 3, column 31: /hours/monday/1: "));
    /* Across keys: a range and a single day. */
    rejects("{\"hours\": {\"mon-fri\": [\"09:00-17:00\"],\n \"wed\": [\"16:30-18:00\"]}}", 2, 10,
            "overlaps 09:00-17:00 on Wednesday");
}

static void bad_dates_and_times(void **state)
{
    (void)state;
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [\"2026-12-25\", \"2026-02-29\"]}", 2,
            29, "2026-02-29 is not a date");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [\"25.12.2026\"]}", 2, 15,
            "expected a date \"YYYY-MM-DD\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [{\"date\": \"2026-13-01\"}]}", 2, 24,
            "is not a date");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [{\"name\": \"x\"}]}", 2, 15,
            "needs a \"date\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [{\"date\": \"2026-12-25\", \"name\": 3}]}",
            2, 15, "\"name\" must be a string");
    rejects("{\"hours\": {\"mon\": [\"25:00-26:00\"]}}", 1, 20, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": [\"24:30-24:45\"]}}", 1, 20, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": [\"9:00-17:00\"]}}", 1, 20, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": [\"17:00-09:00\"]}}", 1, 20, "does not open before it closes");
    rejects("{\"hours\": {\"mon\": [\"09:00-09:00\"]}}", 1, 20, "does not open before it closes");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00x\"]}}", 1, 20, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": [900]}}", 1, 20, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": \"09:00-17:00\"}}", 1, 19, "expected an array of intervals");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"closures\": [{\"date\": \"2026-12-24\", \"closed\": \"12-17\"}]}",
            2, 48, "expected a local time interval");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"closures\": [{\"date\": \"2026-02-30\", \"closed\": \"12:00-17:00\"}]}",
            2, 24, "is not a date");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"closures\": [{\"date\": \"2026-12-24\"}]}", 2, 15,
            "expected {\"date\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"closures\": [\"2026-12-24\"]}", 2, 15,
            "expected {\"date\"");
}

static void unknown_names(void **state)
{
    (void)state;
    rejects("{\n  \"hours\": {\"funday\": [\"09:00-17:00\"]}\n}", 2, 23, "unknown weekday \"funday\"");
    rejects("{\"hours\": {\"mon-\": []}}", 1, 20, "unknown weekday \"mon-\"");
    /* Keys with '/' and '~' are escaped in the JSON Pointer and still located. */
    rejects("{\"hours\": {\"mon\": [],\n \"mon/~fri\": []}}", 2, 14, "unknown weekday \"mon/~fri\"");
    assert_non_null(strstr(svcr_error_message(), "/hours/mon~1~0fri:"));
    rejects("{\"hours\": {\"mon-fri-sat\": []}}", 1, 27, "unknown weekday");
    rejects("{\"hours\": {\"mon\": []},\n \"holydays\": []}", 2, 14, "unknown member \"holydays\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": [{\"date\": \"2026-12-25\", \"when\": 1}]}",
            2, 46, "unknown member \"when\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"closures\": [{\"date\": \"2026-12-24\", \"closed\": \"12:00-13:00\", \"x\": 1}]}",
            2, 68, "unknown member \"x\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": 0, \"utc_offset\": 0, \"to\": 1}]}",
            2, 56, "unknown member \"to\"");
}

static void offsets(void **state)
{
    (void)state;
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n"
            " \"offset_changes\": [\n"
            "   {\"from\": \"2026-10-25T01:00:00Z\", \"utc_offset\": \"+01:00\"},\n"
            "   {\"from\": \"2026-03-29T01:00:00Z\", \"utc_offset\": \"+02:00\"}\n"
            " ]}",
            4, 13, "is not after the previous one at 2026-10-25T01:00:00Z");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": 5, \"utc_offset\": 0}, {\"from\": 5, \"utc_offset\": 60}]}",
            2, 60, "is not after the previous one");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": \"yesterday\", \"utc_offset\": 0}]}",
            2, 30, "is not a time");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": true, \"utc_offset\": 0}]}",
            2, 30, "expected an instant");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": 99999999999999, \"utc_offset\": 0}]}",
            2, 30, "outside years 0001-9999");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": 0, \"utc_offset\": \"+19:00\"}]}",
            2, 47, "beyond 18 hours");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [{\"from\": 0}]}", 2, 21,
            "expected {\"from\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": [0]}", 2, 21, "expected {\"from\"");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"offset_changes\": {}}", 2, 20, "must be an array");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"utc_offset\": 90000}", 2, 16, "beyond 18 hours");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"utc_offset\": \"+1:00\"}", 2, 16, "expected a UTC offset");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"utc_offset\": \"+01:60\"}", 2, 16, "expected a UTC offset");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"utc_offset\": 1.5}", 2, 16, "expected a UTC offset");
}

static void structure(void **state)
{
    (void)state;
    rejects("[1, 2]", 1, 1, "a calendar is a JSON object");
    rejects("{\"name\": \"x\"}", 1, 1, "needs opening \"hours\"");
    rejects("{\"name\": 7, \"hours\": \"24x7\"}", 1, 10, "/name: must be a string");
    rejects("{\"hours\": \"9 to 5\"}", 1, 11, "expected an object of weekdays");
    rejects("{\"hours\": {\n  \"sat\": []}}", 1, 11, "no opening hours on any weekday");
    rejects("{\"hours\": {\"mon\": [\"09:00-17:00\"]},\n \"holidays\": \"2026-12-25\"}", 2, 14, "must be an array");
    rejects("{\n  \"hours\": {\"mon\": [\"09:00-17:00\"]},\n  \"holidays\": [\"2026-12-25\",]\n}", 3, 29, "");
    rejects("{\"hours\": 1, \"hours\": 2}", 1, 20, "duplicate");
}

static void bad_arguments(void **state)
{
    (void)state;
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_parse(NULL, 0, &calendar), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "json"));
    assert_int_equal(parse_text("{\"hours\": \"24x7\"}", NULL), SVCR_EINVAL);
    assert_null(calendar);
    /* Only the given length is read: text after it (here not even JSON) is ignored. */
    const char framed[] = "{\"hours\": \"24x7\"}<not part of it>";
    assert_int_equal(svcr_calendar_parse(framed, strlen("{\"hours\": \"24x7\"}"), &calendar), SVCR_OK);
    svcr_calendar_free(calendar);
    calendar = NULL;
    assert_int_equal(svcr_calendar_parse(framed, sizeof framed - 1, &calendar), SVCR_EPARSE);
}

static svcr_status parse_full(void *unused)
{
    (void)unused;
    svcr_calendar *calendar;
    svcr_status status = svcr_calendar_parse(full_json, strlen(full_json), &calendar);
    if (status == SVCR_OK)
        svcr_calendar_free(calendar);
    return status;
}

static void parse_survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(parse_full, NULL);
    print_message("calendar parse: %ld allocation points\n", points);
    assert_true(points >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_a_full_definition),
        cmocka_unit_test(reads_short_forms),
        cmocka_unit_test(overlapping_intervals),
        cmocka_unit_test(bad_dates_and_times),
        cmocka_unit_test(unknown_names),
        cmocka_unit_test(offsets),
        cmocka_unit_test(structure),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(parse_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
