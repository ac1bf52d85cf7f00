/* Coverage: the error paths and edges of FEEL the per-concern tests leave out: null arguments of
 * every built-in, ISO 8601 corner cases, JSON escapes and malformed JSON, decimal text forms,
 * and temporal arithmetic at its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

#include "feel/json.h"
#include "feel/value.h"

/* "=VALUE" expects that JSON; "!TEXT" expects SVCR_EINVAL with TEXT in the message. */
static void expect(const char *expression, const char *context, const char *outcome)
{
    char *json = NULL;
    svcr_status status = svcr_feel_evaluate(expression, context, &json);
    if (outcome[0] == '=') {
        if (status != SVCR_OK)
            fail_msg("%s: %s", expression, svcr_error_message());
        if (strcmp(json, outcome + 1) != 0)
            fail_msg("%s: expected %s, got %s", expression, outcome + 1, json);
        svcr_free(json);
    } else {
        if (status == SVCR_OK)
            fail_msg("%s: evaluated to %s", expression, json);
        if (strstr(svcr_error_message(), outcome + 1) == NULL)
            fail_msg("%s: \"%s\" not in \"%s\"", expression, outcome + 1, svcr_error_message());
    }
}

static void null_arguments(void **state)
{
    (void)state;
    static const char *const nulls[] = {
        "substring(null, 1)", "upper case(null)", "lower case(null)", "contains(null, \"a\")", "starts with(\"a\", null)",
        "string length(null)", "floor(null)", "ceiling(1, null)", "decimal(null, 1)", "modulo(null, 1)",
        "list contains(null, 1)", "count(null)", "all(null)", "any(null)", "sum(null)", "max(null)",
        "years and months duration(null, date(\"2024-01-01\"))", "date(null, 1, 1)", "time(1, null, 1)",
        "date and time(date(\"2024-01-01\"), null)", "string(null)", "1 + null", "null * 2", "- null",
        "null.a", "null[1]", "null < 1", "1 >= null", "null between 1 and 2",
    };
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        expect(nulls[i], NULL, "=null");
}

static void more_values(void **state)
{
    (void)state;
    static const struct {
        const char *expression, *outcome;
    } rows[] = {
        {"time(\"24:00:00\")", "=\"00:00:00\""},
        {"time(\"10:00:00-05:30\")", "=\"10:00:00-05:30\""},
        {"time(\"10:00:00.1234567891\")", "=\"10:00:00.123456789\""},
        {"date(\"-0044-03-15\")", "=\"-0044-03-15\""},
        {"date(\"12024-01-01\")", "=\"12024-01-01\""},
        {"date(\"02024-01-01\")", "!not an ISO 8601 value"},
        {"duration(\"PT1.5M\")", "!not an ISO 8601 value"},
        {"duration(\"PT1S2M\")", "!not an ISO 8601 value"},
        {"duration(\"P1M1Y\")", "!not an ISO 8601 value"},
        {"duration(\"P1DT\")", "!not an ISO 8601 value"},
        {"duration(\"PT1.S\")", "!not an ISO 8601 value"},
        {"duration(\"-P1DT0.5S\")", "=\"-P1DT0.5S\""},
        {"duration(\"P100000000000000D\")", "!not an ISO 8601 value"},
        {"time(\"10:00:00+15:00\")", "!not an ISO 8601 value"},
        {"time(\"10:00:00+01\")", "!not an ISO 8601 value"},
        {"time(\"10:00:00.\")", "!not an ISO 8601 value"},
        {"date and time(\"2024-01-01T10:00:00\") - date and time(\"2024-01-01T09:00:00Z\")", "=null"},
        {"date(\"2024-01-02\") - date and time(\"2024-01-01T12:00:00\")", "=\"PT12H\""},
        {"date(\"0001-01-31\") - duration(\"P13M\")", "=\"-0001-12-31\""},
        {"date and time(\"2024-01-01T00:00:00\") - duration(\"PT0.5S\")", "=\"2023-12-31T23:59:59.5\""},
        {"duration(\"PT1S\") - duration(\"PT0.5S\")", "=\"PT0.5S\""},
        {"duration(\"-PT1S\") + duration(\"PT0.5S\")", "=\"-PT0.5S\""},
        {"time(\"10:00:00Z\") < time(\"11:00:00\")", "!cannot order time and time"},
        {"time(\"10:00:00Z\") = time(\"11:00:00+01:00\")", "=true"},
        {"duration(\"P1D\") * 1E+30", "!duration out of range"},
        {"duration(\"P1Y\") * 1E+30", "!duration out of range"},
        {"duration(\"P1Y\") / 0", "!division by zero"},
        {"duration(\"P1D\") * \"a\"", "!cannot multiply days and time duration and string"},
        {"date(\"2024-01-01\") * 2", "!cannot multiply date and number"},
        {"2 ** \"a\"", "!cannot raise number and string"},
        {"true + 1", "!cannot add boolean and number"},
        {"[1] / 2", "!cannot divide list and number"},
        {"if null then 1 else 2", "=2"},
        {"if \"yes\" then 1 else 2", "=2"},
        {"1 in (1, 2)", "=true"},
        {"3 in ([1..2], > 2)", "=true"},
        {"\"b\" in [\"a\", \"b\"]", "=true"},
        {"[1] in [[1]]", "=false"},
        {"? + 1", "!'?' outside a unary test"},
        {"{\"a b\": 1, c: {d: [1, {e: \"x\\\"y\\n\"}]}}", "={\"a b\": 1, \"c\": {\"d\": [1, {\"e\": \"x\\\"y\\n\"}]}}"},
        {"[1, 2, 3][item = 4]", "=[]"},
        {"[{a: 1}][a = 1].a", "=[1]"},
        {"5[item > 4]", "=[5]"},
        {"5[1]", "=5"},
        {"[1,2][-1]", "=2"},
        {"[1,2][0]", "=null"},
        {"date(\"2024-01-01\") = \"2024-01-01\"", "!cannot compare date with string"},
        {"not(1)", "=null"},
        {"1E+6144 * 10", "!number out of range"},
        {"x", "!unknown name 'x'"},
        {"string(1E+50) + string(-1.5E-50) + string(123.456E+40)", "=\"1E+50-1.5E-501.23456E+42\""},
        {"0.000000000000000000000000000000000000000001", "=1E-42"},
        {"1234567890123456789012345678901234567890123456789012345678901234567", "=1.234567890123456789012345678901235E+66"},
        {"123456789012345678901234567890123456789012345678901234567890123456755555", "=1.234567890123456789012345678901235E+71"},
        {"-5 + 3", "=-2"},
        {"3 - 5", "=-2"},
        {"0 * 5 + 0 / 5", "=0"},
        {"1E+200 + 1E-200", "=1E+200"},
        {"1E-200 - 1E+200", "=-1E+200"},
        {"(-2) ** 2 + (-2) ** 3", "=-4"},
        {"0.5 ** -2", "=4"},
        {"10 ** -7000", "=0"},
        {"decimal(1, 100000)", "!expects a number and an optional integer scale"},
        {"time(1, 2, 3, 4)", "!expects a time string"},
        {"date(\"2024-01-01\", 1)", "!expects a date string"},
        {"\"a\" + 1", "!cannot add string and number"},
        {"1 + \"a\"", "!cannot add number and string"},
        {"duration(\"P1Y\") + duration(\"P1M\")", "=\"P1Y1M\""},
        {"date(\"2024-01-01\") * duration(\"P1D\")", "!cannot multiply date and days and time duration"},
        {"duration(\"P1D\") - date(\"2024-01-01\")", "!cannot subtract days and time duration and date"},
        {"date(\"2024-01-01\") + date(\"2024-01-01\")", "!cannot add date and date"},
        {"duration(\"P1D\") + 2", "!cannot add days and time duration and number"},
        {"2 / duration(\"P1D\")", "!cannot divide number and days and time duration"},
        {"2 / duration(\"P1Y\")", "!cannot divide number and years and months duration"},
        {"duration(\"P1Y\") - 2", "!cannot subtract years and months duration and number"},
        {"duration(\"P1D\") / duration(\"P1Y\")", "!cannot divide days and time duration and years and months duration"},
        {"date(\"2024-01-01\").second", "!a date has no property 'second'"},
        {"duration(\"P1D\").months", "!a days and time duration has no property 'months'"},
        {"[1, null][item > 0]", "=[1]"},
        {"1 in (< null)", "=false"},
        {"1 in [null..2]", "=false"},
        {"5 in (true)", "=true"},
        {"null in (true)", "=false"},
        {"time(\"10:00:00\") + duration(\"P1D\")", "=\"10:00:00\""},
        {"date and time(\"2024-01-01T10:00:00\") + duration(\"P1Y\")", "=\"2025-01-01T10:00:00\""},
        {"time(\"10:00:00\") - date and time(\"2024-01-01T10:00:00\")", "!cannot subtract a date and time from a time"},
        {"date(\"2024-01-01\") - time(\"10:00:00\")", "!cannot subtract a time from a date"},
        {"duration(\"P1Y\") = duration(\"P12M\")", "=true"},
        {"date(\"2024-01-01\") = date(\"2024-01-01\")", "=true"},
        {"time(\"10:00:00\") = time(\"10:00:00Z\")", "!cannot compare time with time"},
        {"[1] = [1, 2]", "=false"},
        {"{a: 1} = {a: 2}", "=false"},
        {"{a: null} = {a: 1}", "=false"},
        {"[null] = [1]", "=false"},
        {"true = null", "=false"},
        {"\"x\" = \"x\"", "=true"},
        {"duration(\"PT1H\") = duration(\"PT60M\")", "=true"},
        {"substring(\"abc\", 4)", "=\"\""},
        {"substring(\"abc\", 1, -1)", "!substring: expects a string, a start and an optional length"},
        {"floor(1, \"a\")", "!floor: expects a number and an optional integer scale"},
        {"max()", "!max takes 1 to 1000000 arguments, not 0"},
        {"mean([])", "=null"},
        {"mean([\"a\"])", "!mean: expects numbers"},
        {"count([])", "=0"},
        {"append([1])", "=[1]"},
        {"concatenate()", "!concatenate takes 1 to 1000000 arguments, not 0"},
        {"all([])", "=true"},
        {"any([])", "=false"},
        {"date(\"2024-01-01\", 1, 1)", "!date: expects a date string, a date, or year, month and day"},
        {"time(\"10:00:00\", 1, 1)", "!time: expects a time string, or hour, minute, second [, offset]"},
        {"string(duration(\"P1D\"))", "=\"P1D\""},
        {"years and months duration(date and time(\"2024-01-01T10:00:00\"), date(\"2024-03-01\"))", "=\"P2M\""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        expect(rows[i].expression, NULL, rows[i].outcome);
    expect("a b + c", "{\"a b\": 1, \"c\": 2}", "=3");
    expect("a", "{\"a\": \"\\b\\f\\r\\t\\/\\u00e9\\u20ac\\ud83d\\ude00\\u0001\"}", "=\"\\u0008\\u000c\\r\\t/\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\u0001\"");
}

/* The lexer and parser on their less common paths, with variables "\u00e9", "a b" and "x". */
static void lexer_edges(void **state)
{
    (void)state;
    static const struct {
        const char *expression, *outcome;
    } rows[] = {
        {"1e5 + 1E-2", "=100000.01"},
        {"2e", "!line 1, column 2: unexpected a name after the end of the expression"},
        {"1 // comment", "=1"},
        {"/* c */ 1", "=1"},
        {"1\t+\f2\v", "=3"},
        {"\u00e9 + 1", "=2"},
        {"\x01", "!line 1, column 1: unexpected character '?'"},
        {"\"a\\\"b\\n\\t\\r\\q\"", "=\"a\\\"b\\n\\t\\rq\""},
        {"a  b + 1", "=3"},
        {".5 + 1", "=1.5"},
        {"1.", "!line 1, column 3: expected a name after '.' but found the end of the text"},
        {"\"\u00e9\" +", "!line 1, column 6: unexpected end of text: an expression is missing"},
        {"x in [1..2]", "=true"},
        {"(1, 2)", "!line 1, column 3: expected ')' but found ,"},
        {"{\"k\": 1}.k", "=1"},
        {"{a: 1,}", "!line 1, column 7: expected a context key but found }"},
        {"[1,]", "!line 1, column 4: unexpected ']'"},
        {"f(a: 1, 2)", "!line 1, column 1: unknown function 'f'"},
        {"-", "!line 1, column 2: unexpected end of text: an expression is missing"},
        {"not(1, 2)", "!line 1, column 1: not takes 1 to 1 arguments, not 2"},
        {"abs(-1) + -abs(1)", "=0"},
        {"1 - -1", "=2"},
        {"1--1", "=2"},
        {"@", "!line 1, column 1: unexpected character '@'"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        expect(rows[i].expression, "{\"\u00e9\": 1, \"a b\": 2, \"x\": 1.5}", rows[i].outcome);
}

static void json_reader(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, column;
        const char *message;
    } bad[] = {
        {"", 1, 1, "unexpected end of JSON"},
        {"{\"a\" 1}", 1, 6, "expected ':'"},
        {"{1: 2}", 1, 2, "expected a member name"},
        {"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"},
        {"[1 2]", 1, 4, "expected ',' or ']'"},
        {"\"abc", 1, 1, "unterminated string"},
        {"\"a\x01\"", 1, 3, "control character in a string"},
        {"\"\\q\"", 1, 2, "bad escape"},
        {"\"\\u12\"", 1, 6, "bad \\u escape"},
        {"\"\\udc00\"", 1, 8, "unpaired surrogate"},
        {"\"\\ud800\\u0041\"", 1, 14, "unpaired surrogate"},
        {"-", 1, 1, "malformed number"},
        {"1.", 1, 1, "malformed number"},
        {"1e+", 1, 1, "malformed number"},
        {"012", 1, 1, "malformed number"},
        {"1E+99999", 1, 1, "number out of range"},
        {"nul", 1, 1, "unexpected character"},
        {"{\"a\": 1}\n x", 2, 2, "text after the JSON value"},
        {"{\"a\": 1, \"a\": 2}", 1, 13, "duplicate member name"},
    };
    feel_arena arena = {0};
    int wrong = 0;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        feel_json_error error;
        const feel_value *v = svcr__feel_from_json(&arena, bad[i].text, strlen(bad[i].text), &error);
        if (v != NULL)
            fail_msg("%s accepted", bad[i].text);
        if (error.line != bad[i].line || error.column != bad[i].column || strstr(error.message, bad[i].message) == NULL) {
            print_error("%s: line %d, column %d: %s\n", bad[i].text, error.line, error.column, error.message);
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
    char deep[512];
    memset(deep, '[', sizeof deep);
    feel_json_error error;
    assert_null(svcr__feel_from_json(&arena, deep, sizeof deep, &error));
    assert_non_null(strstr(error.message, "nested too deeply"));
    /* Writing: a function is null; empty containers; every temporal kind. */
    feel_value f = {.kind = FEEL_FUNCTION};
    feel_text text = {0};
    svcr__feel_to_json(&text, &f);
    const feel_value *empty = svcr__feel_from_json(&arena, "[{}, []]", 8, &error);
    svcr__feel_to_json(&text, empty);
    assert_string_equal(text.data, "null[{}, []]");
    svcr__feel_text_free(&text);
    svcr__feel_arena_free(&arena);
}

static void comparisons(void **state)
{
    (void)state;
    feel_arena arena = {0};
    feel_value f1 = {.kind = FEEL_FUNCTION}, f2 = {.kind = FEEL_FUNCTION};
    assert_true(svcr__feel_equal(&f1, &f2)->as.boolean); /* both without a definition */
    const feel_value *d1 = svcr__feel_parse_temporal(&arena, FEEL_DATE, "2024-01-01", 10);
    const feel_value *d2 = svcr__feel_parse_temporal(&arena, FEEL_DATE, "2024-01-02", 10);
    assert_int_equal(svcr__feel_order(d1, d2), -1);
    const feel_value *y1 = svcr__feel_parse_temporal(&arena, FEEL_YEARS_MONTHS_DURATION, "P1Y", 3);
    const feel_value *y2 = svcr__feel_parse_temporal(&arena, FEEL_YEARS_MONTHS_DURATION, "P12M", 4);
    assert_int_equal(svcr__feel_order(y1, y2), 0);
    assert_int_equal(svcr__feel_order(d1, y1), 2);
    assert_int_equal(svcr__feel_order(&svcr__feel_true, &svcr__feel_false), 2);
    assert_null(svcr__feel_parse_temporal(&arena, FEEL_NUMBER, "1", 1));
    assert_string_equal(svcr__feel_kind_name((feel_kind)99), "unknown");
    char text[64];
    svcr__feel_format_temporal(&svcr__feel_true, text);
    assert_string_equal(text, "");
    svcr__feel_arena_free(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(null_arguments),
        cmocka_unit_test(more_values),
        cmocka_unit_test(lexer_edges),
        cmocka_unit_test(json_reader),
        cmocka_unit_test(comparisons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
