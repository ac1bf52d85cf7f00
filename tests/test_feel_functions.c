/* FEEL's built-in functions and the arithmetic of dates, times and durations, through
 * svcr_feel_evaluate(): each value a rule author relies on, and each misuse giving null with a
 * reason (SVCR_EINVAL and the message) rather than a wrong value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

typedef struct row {
    const char *expression, *expected;
} row;

static void expect_values(const row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *json = NULL;
        svcr_status status = svcr_feel_evaluate(rows[i].expression, "{\"d\": \"2024-01-31\", \"xs\": [3, 1, 2]}", &json);
        if (status != SVCR_OK)
            fail_msg("%s: %s", rows[i].expression, svcr_error_message());
        if (strcmp(json, rows[i].expected) != 0)
            fail_msg("%s: expected %s, got %s", rows[i].expression, rows[i].expected, json);
        svcr_free(json);
    }
}

static void conversions(void **state)
{
    (void)state;
    static const row rows[] = {
        {"date(2024, 2, 29)", "\"2024-02-29\""},
        {"date(date and time(\"2024-05-06T07:08:09\"))", "\"2024-05-06\""},
        {"date(d)", "\"2024-01-31\""},
        {"time(10, 30, 0)", "\"10:30:00\""},
        {"time(10, 30, 0, duration(\"PT2H\"))", "\"10:30:00+02:00\""},
        {"time(date and time(\"2024-05-06T07:08:09Z\"))", "\"07:08:09Z\""},
        {"date and time(date(\"2024-05-06\"), time(\"07:08:09\"))", "\"2024-05-06T07:08:09\""},
        {"date and time(\"2024-05-06\")", "\"2024-05-06T00:00:00\""},
        {"duration(\"P2Y3M\")", "\"P2Y3M\""},
        {"years and months duration(date(\"2020-01-31\"), date(\"2024-03-01\"))", "\"P4Y1M\""},
        {"years and months duration(date(\"2024-03-01\"), date(\"2020-01-31\"))", "\"-P4Y1M\""},
        {"string(1.50)", "\"1.5\""},
        {"string(true)", "\"true\""},
        {"string(\"x\")", "\"x\""},
        {"string(date(\"2024-01-02\"))", "\"2024-01-02\""},
        {"string(null)", "null"},
        {"number(\"-12.50\")", "-12.5"},
        {"number(null)", "null"},
        {"not(null)", "null"},
        {"date(null)", "null"},
        {"time(null)", "null"},
        {"date and time(null)", "null"},
        {"duration(null)", "null"},
    };
    expect_values(rows, sizeof rows / sizeof rows[0]);
}

static void strings_numbers_lists(void **state)
{
    (void)state;
    static const row rows[] = {
        {"substring(\"foobar\", 3)", "\"obar\""},
        {"substring(\"foobar\", -2, 1)", "\"a\""},
        {"substring(\"foobar\", 3, 10)", "\"obar\""},
        {"string length(\"\")", "0"},
        {"lower case(\"ABC d\")", "\"abc d\""},
        {"contains(\"foobar\", \"ob\")", "true"},
        {"contains(\"foo\", \"foobar\")", "false"},
        {"starts with(\"foobar\", \"foo\")", "true"},
        {"ends with(\"foobar\", \"bar\")", "true"},
        {"ends with(\"foobar\", \"foo\")", "false"},
        {"abs(-2.5)", "2.5"},
        {"abs(null)", "null"},
        {"floor(1.25, 1)", "1.2"},
        {"ceiling(-1.25, 1)", "-1.2"},
        {"decimal(1.125, 2)", "1.12"},
        {"round half up(1.125, 2)", "1.13"},
        {"modulo(-7, 3)", "2"},
        {"modulo(7, -3)", "-2"},
        {"min(xs)", "1"},
        {"max(3, 9, 4)", "9"},
        {"max(\"a\", \"c\", \"b\")", "\"c\""},
        {"min([])", "null"},
        {"sum(xs)", "6"},
        {"sum([])", "null"},
        {"mean(xs)", "2"},
        {"mean(1, 2)", "1.5"},
        {"count(xs)", "3"},
        {"all([true, true])", "true"},
        {"all([true, false, null])", "false"},
        {"all(true, null)", "null"},
        {"any([false, true])", "true"},
        {"any(false, false)", "false"},
        {"list contains(xs, 2)", "true"},
        {"list contains(xs, 5)", "false"},
        {"append(xs, 4, 5)", "[3, 1, 2, 4, 5]"},
        {"concatenate([1], [], [2, 3])", "[1, 2, 3]"},
        {"xs[2]", "1"},
        {"xs[5]", "null"},
        {"xs[-5]", "null"},
        {"xs[item >= 2]", "[3, 2]"},
        {"[{a: 1}, {a: 2}][a > 1]", "[{\"a\": 2}]"},
        {"[{a: 1}, {a: 2}].a", "[1, 2]"},
        {"{a: {b: 3}}.a.b", "3"},
        {"{a: 1}.z", "null"},
        {"null.a", "null"},
        {"[1, 2] = [1, 2]", "true"},
        {"[1, 2] = [1, 3]", "false"},
        {"[1, 2] = [1]", "false"},
        {"{a: 1} = {a: 1}", "true"},
        {"{a: 1} = {b: 1}", "false"},
        {"{a: 1} = {a: 1, b: 2}", "false"},
        {"\"a\" != \"b\"", "true"},
        {"1 != null", "true"},
        {"true = false", "false"},
        {"-(1 + 2)", "-3"},
        {"- null", "null"},
        {"1 between 2 and 3", "false"},
        {"null between 2 and 3", "null"},
        {"false or null", "null"},
        {"false or false", "false"},
        {"2 ** 3 ** 2", "64"},
        {"\"a\" < \"b\"", "true"},
        {"null < 1", "null"},
    };
    expect_values(rows, sizeof rows / sizeof rows[0]);
}

static void temporal_arithmetic(void **state)
{
    (void)state;
    static const row rows[] = {
        {"date(\"2024-03-31\") - duration(\"P1M\")", "\"2024-02-29\""},
        {"duration(\"P1Y\") + date(\"2023-02-28\")", "\"2024-02-28\""},
        {"date(\"2024-01-01\") - date(\"2023-01-01\")", "\"P365D\""},
        {"date and time(\"2024-01-01T23:30:00\") + duration(\"PT45M\")", "\"2024-01-02T00:15:00\""},
        {"date and time(\"2024-01-01T00:00:00+01:00\") = date and time(\"2023-12-31T23:00:00Z\")", "true"},
        {"time(\"23:00:00\") + duration(\"PT2H\")", "\"01:00:00\""},
        {"time(\"10:00:00\") - time(\"08:30:00\")", "\"PT1H30M\""},
        {"duration(\"PT1H\") + duration(\"PT30M\")", "\"PT1H30M\""},
        {"duration(\"PT1H\") - duration(\"PT90M\")", "\"-PT30M\""},
        {"duration(\"P1Y\") - duration(\"P3M\")", "\"P9M\""},
        {"duration(\"PT1H\") * 1.5", "\"PT1H30M\""},
        {"2 * duration(\"P1D\")", "\"P2D\""},
        {"duration(\"P1D\") / 4", "\"PT6H\""},
        {"duration(\"P1Y\") * 1.5", "\"P1Y6M\""},
        {"duration(\"P1Y\") / 5", "\"P2M\""},
        {"duration(\"P1D\") / duration(\"PT6H\")", "4"},
        {"duration(\"P1Y\") / duration(\"P3M\")", "4"},
        {"-duration(\"PT1S\")", "\"-PT1S\""},
        {"-duration(\"P1M\")", "\"-P1M\""},
        {"duration(\"PT0.25S\") * 2", "\"PT0.5S\""},
        {"date(\"2024-05-06\").year + date(\"2024-05-06\").month + date(\"2024-05-06\").day", "2035"},
        {"date(\"2024-05-06\").weekday", "1"},
        {"time(\"07:08:09\").hour * 10000 + time(\"07:08:09\").minute * 100 + time(\"07:08:09\").second", "70809"},
        {"duration(\"P1DT2H3M4S\").days + duration(\"P1DT2H3M4S\").hours + duration(\"P1DT2H3M4S\").minutes + "
         "duration(\"P1DT2H3M4S\").seconds",
         "10"},
        {"duration(\"P2Y3M\").years * 100 + duration(\"P2Y3M\").months", "203"},
        {"date(\"2024-01-01\") < date(\"2024-01-02\")", "true"},
        {"duration(\"PT1H\") > duration(\"PT59M\")", "true"},
        {"duration(\"P1Y\") > duration(\"P11M\")", "true"},
        {"date(\"2024-06-01\") in [date(\"2024-01-01\")..date(\"2024-12-31\")]", "true"},
    };
    expect_values(rows, sizeof rows / sizeof rows[0]);
}

static void misuse(void **state)
{
    (void)state;
    static const row rows[] = {
        {"date(\"2023-02-29\")", "date: not an ISO 8601 value of this type"},
        {"date(2023, 2, 29)", "date: expects a date string"},
        {"date(1)", "date: expects a date string"},
        {"time(25, 0, 0)", "time: expects a time string"},
        {"date and time(1)", "date and time: expects"},
        {"duration(1)", "duration: expects a string"},
        {"years and months duration(1, 2)", "expects two dates"},
        {"string([1])", "string: cannot convert a list"},
        {"number(1)", "number: expects a string"},
        {"number(\"x\")", "number: not a number"},
        {"string length(1)", "string length: expects a string"},
        {"substring(\"abc\", 0)", "substring: start out of range"},
        {"substring(1, 1)", "substring: expects a string"},
        {"upper case(1)", "upper case: expects a string"},
        {"contains(\"a\", 1)", "contains: expects two strings"},
        {"abs(\"a\")", "abs: expects a number"},
        {"floor(\"a\")", "floor: expects a number"},
        {"modulo(1, 0)", "modulo: division by zero"},
        {"modulo(\"a\", 1)", "modulo: expects two numbers"},
        {"max(1, \"a\")", "max: items cannot be compared"},
        {"min([[1]])", "min: item cannot be compared"},
        {"sum(1, \"a\")", "sum: expects numbers"},
        {"list contains(1, 1)", "list contains: expects a list"},
        {"concatenate(1)", "concatenate: expects lists"},
        {"append(1, 2)", "append: expects a list first"},
        {"xs(1)", "'xs' is a list, not a function"},
        {"xs[1.5]", "a list index must be an integer"},
        {"1.a", "a number has no property 'a'"},
        {"date(\"2024-01-01\").hour", "a date has no property 'hour'"},
        {"duration(\"P1D\").years", "has no property 'years'"},
        {"-\"a\"", "cannot negate a string"},
        {"\"a\" - \"b\"", "cannot subtract string and string"},
        {"time(\"10:00:00\") + duration(\"P1Y\")", "cannot add years and months to a time"},
        {"time(\"10:00:00\") - date(\"2024-01-01\")", "cannot subtract a date from a time"},
        {"1 < \"a\"", "cannot order number and string"},
        {"1 = \"a\"", "cannot compare number with string"},
        {"?", "'?' outside a unary test"},
        {"duration(\"PT1H\") / 0", "division by zero"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *json = NULL;
        svcr_status status = svcr_feel_evaluate(rows[i].expression, "{\"xs\": [1, 2]}", &json);
        if (status != SVCR_EINVAL)
            fail_msg("%s: status %d (%s)", rows[i].expression, (int)status, status == SVCR_OK ? json : "");
        if (strstr(svcr_error_message(), rows[i].expected) == NULL)
            fail_msg("%s: \"%s\" not in \"%s\"", rows[i].expression, rows[i].expected, svcr_error_message());
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conversions),
        cmocka_unit_test(strings_numbers_lists),
        cmocka_unit_test(temporal_arithmetic),
        cmocka_unit_test(misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
