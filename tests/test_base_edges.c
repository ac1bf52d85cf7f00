/* Edges of the base module the per-concern tests leave out: every way a time can be malformed,
 * money arguments on the error paths, the allocator hook's checks, and locating a JSON Pointer in
 * text that uses every kind of JSON whitespace, escape and nesting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/json_util.h"

static void assert_message_has(const char *part)
{
    if (strstr(svcr_error_message(), part) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", svcr_error_message(), part);
}

static int64_t parsed(const char *text)
{
    int64_t t = 0;
    if (svcr_time_parse(text, &t) != SVCR_OK)
        fail_msg("%s: %s", text, svcr_error_message());
    return t;
}

/* Each malformed time is rejected with the reason in the message, and nothing is written. */
static void time_parse_names_each_mistake(void **state)
{
    (void)state;
    static const struct {
        const char *text, *why;
    } bad[] = {
        {"-", "expected YYYY-MM-DD"},
        {"2026-", "expected YYYY-MM-DD"},
        {"2026-11", "expected YYYY-MM-DD"},
        {"2026-11/23", "expected YYYY-MM-DD"},
        {"2026-1-23", "expected YYYY-MM-DD"},
        {"2026-00-10", "no such date"},
        {"2026-11-00", "no such date"},
        {"1900-02-29", "no such date"}, /* divisible by 100, not by 400: no leap day */
        {"2026-11-23T9:00Z", "expected hh:mm after the date"},
        {"2026-11-23T0900Z", "expected hh:mm after the date"},
        {"2026-11-23T09:0Z", "expected hh:mm after the date"},
        {"2026-11-23T09:00:5Z", "expected two digits of seconds"},
        {"2026-11-23T24:00Z", "out of range"},
        {"2026-11-23T23:60Z", "out of range"},
        {"2026-11-23T23:59:61Z", "out of range"},
        {"2026-11-23T09:00+1:00", "bad UTC offset"},
        {"2026-11-23T09:00+01:0", "bad UTC offset"},
        {"2026-11-23T09:00+01:60", "bad UTC offset"},
        {"2026-11-23T09:00+24:00", "bad UTC offset"},
        {"2026-11-23T09:00", "missing Z or UTC offset"},
        {"2026-11-23x", "unexpected text after the time"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        svcr_status status = svcr_time_parse(bad[i].text, &t);
        if (status != SVCR_EINVAL)
            fail_msg("\"%s\" gave %s", bad[i].text, svcr_status_name(status));
        assert_int_equal(t, 42);
        assert_message_has(bad[i].text);
        assert_message_has(bad[i].why);
    }
}

static void time_parse_accepts_every_documented_spelling(void **state)
{
    (void)state;
    const int64_t nine = parsed("2026-11-23T09:00:00Z");
    assert_int_equal(parsed("2026-11-23t09:00:00z"), nine);
    assert_int_equal(parsed("2026-11-23 09:00:00Z"), nine);
    assert_int_equal(parsed("2026-11-23T14:30+0530"), nine);
    assert_int_equal(parsed("2026-11-23T09:00:00.Z"), nine);
    /* A leap second is read as the last second of its minute. */
    assert_int_equal(parsed("2016-12-31T23:59:60Z"), parsed("2016-12-31T23:59:59Z"));
    /* Years divisible by 400 have a leap day. */
    assert_int_equal(parsed("2000-03-01") - parsed("2000-02-29"), 86400);
    assert_int_equal(parsed("@-0"), 0);
}

static void time_format_with_no_room_writes_nothing(void **state)
{
    (void)state;
    char buf[4] = "xyz";
    assert_int_equal(svcr_time_format(0, buf, 0), SVCR_EINVAL);
    assert_string_equal(buf, "xyz");
    assert_message_has("buffer of 0 bytes is too small");
}

static void money_arguments_are_checked_first(void **state)
{
    (void)state;
    svcr_money eur = {1250, "EUR"}, bad = {1, "EU"}, out = {7, "USD"};
    assert_int_equal(svcr_money_add(eur, eur, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_money_subtract(eur, eur, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_money_add(bad, eur, &out), SVCR_EINVAL);
    assert_message_has("svcr_money_add");
    assert_int_equal(svcr_money_subtract(eur, bad, &out), SVCR_EINVAL);
    assert_message_has("svcr_money_subtract");
    assert_int_equal(out.amount_minor, 7);
    assert_string_equal(out.currency, "USD");
}

static void money_scale_handles_extreme_denominators(void **state)
{
    (void)state;
    svcr_money eur = {1250, "EUR"}, out;
    /* 1250 / INT64_MIN is a tiny negative fraction: it rounds to zero or away from it. */
    assert_int_equal(svcr_money_scale(eur, 1, INT64_MIN, SVCR_ROUND_HALF_EVEN, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 0);
    assert_int_equal(svcr_money_scale(eur, 1, INT64_MIN, SVCR_ROUND_FLOOR, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, -1);
    /* INT64_MIN / -1 does not fit: an overflow, not a trap. */
    svcr_money least = {INT64_MIN, "EUR"};
    assert_int_equal(svcr_money_scale(least, 1, -1, SVCR_ROUND_HALF_EVEN, &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_scale(least, 1, 1, SVCR_ROUND_HALF_EVEN, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, INT64_MIN);
}

static void money_format_without_minor_units_and_without_room(void **state)
{
    (void)state;
    char buf[SVCR_MONEY_FORMAT_SIZE];
    svcr_money yen = {-1250, "JPY"};
    assert_int_equal(svcr_money_format(yen, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "-1250 JPY");
    char small[4] = "xyz";
    assert_int_equal(svcr_money_format(yen, small, 0), SVCR_EINVAL);
    assert_string_equal(small, "xyz");
    assert_int_equal(svcr_money_format(yen, small, sizeof small), SVCR_EINVAL);
    assert_string_equal(small, "");
    assert_message_has("too small");
}

static void *test_malloc_fn(size_t size, void *user_data)
{
    (void)user_data;
    return malloc(size);
}

static void *test_realloc_fn(void *ptr, size_t size, void *user_data)
{
    (void)user_data;
    return realloc(ptr, size);
}

static void test_free_fn(void *ptr, void *user_data)
{
    (void)user_data;
    free(ptr);
}

static void allocator_needs_all_three_functions(void **state)
{
    (void)state;
    const svcr_allocator no_realloc = {sizeof(svcr_allocator), test_malloc_fn, NULL, test_free_fn, NULL};
    const svcr_allocator no_free = {sizeof(svcr_allocator), test_malloc_fn, test_realloc_fn, NULL, NULL};
    assert_int_equal(svcr_set_allocator(&no_realloc), SVCR_EINVAL);
    assert_message_has("malloc_fn, realloc_fn and free_fn must all be set");
    assert_int_equal(svcr_set_allocator(&no_free), SVCR_EINVAL);
    const svcr_allocator all = {sizeof(svcr_allocator), test_malloc_fn, test_realloc_fn, test_free_fn, NULL};
    assert_int_equal(svcr_set_allocator(&all), SVCR_OK);
    svcr_calendar *calendar = NULL;
    assert_int_equal(svcr_calendar_new_24x7(&calendar), SVCR_OK);
    svcr_calendar_free(calendar);
    assert_int_equal(svcr_set_allocator(NULL), SVCR_OK);
}

/* Tabs, carriage returns, escaped quotes and backslashes, multi-byte characters and nested
 * containers before the value sought. */
static const char tricky[] =
    "\t{\r\n"
    "\t\"skip\" :\t{\"q\\\"uote\": \"a\\\\\", \"list\": [[1, {\"k\": []}], \"]\"], \"n\": -1.5e3},\r\n"
    "\t\"t~i\": {\"é/\": [ 10 ,\t20 ]},\n"
    "\t\"last\": null\n"
    "}";

static void locate(const char *pointer, int want_line, int want_column, int want_exact)
{
    int line = 0, column = 0;
    int exact = svcr__json_locate(tricky, strlen(tricky), pointer, &line, &column);
    if (line != want_line || column != want_column || exact != want_exact)
        fail_msg("%s: got %d:%d exact=%d, want %d:%d exact=%d", pointer, line, column, exact, want_line,
                 want_column, want_exact);
}

static void json_pointers_are_located_past_any_valid_json(void **state)
{
    (void)state;
    locate("", 1, 2, 1);
    locate("/skip/n", 2, 66, 1);
    locate("/t~0i/\xc3\xa9~1/1", 3, 23, 1);
    locate("/last", 4, 10, 1);
    /* Absent: the deepest enclosing value that was found. */
    locate("/t~0i/\xc3\xa9~1/2", 3, 16, 0);
    locate("/t~0i/\xc3\xa9~1/x", 3, 16, 0);
    locate("/last/0", 4, 10, 0);
    locate("/t~0i/other", 3, 9, 0);
    locate("/t~", 1, 2, 0);
    /* Truncated text ends the search without reading past it. */
    int line = 0, column = 0;
    assert_int_equal(svcr__json_locate(tricky, 30, "/last", &line, &column), 0);
    assert_int_equal(svcr__json_locate("{\"a\": \"open", 11, "/b", &line, &column), 0);
    assert_int_equal(svcr__json_locate("[1, 2", 5, "/2", &line, &column), 0);
    assert_int_equal(svcr__json_locate("[1, 2", 5, "/1", &line, &column), 1);
    assert_int_equal(column, 5);
    assert_int_equal(svcr__json_locate("{\"a\" 1}", 7, "/a", &line, &column), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_parse_names_each_mistake),
        cmocka_unit_test(time_parse_accepts_every_documented_spelling),
        cmocka_unit_test(time_format_with_no_room_writes_nothing),
        cmocka_unit_test(money_arguments_are_checked_first),
        cmocka_unit_test(money_scale_handles_extreme_denominators),
        cmocka_unit_test(money_format_without_minor_units_and_without_room),
        cmocka_unit_test(allocator_needs_all_three_functions),
        cmocka_unit_test(json_pointers_are_located_past_any_valid_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
