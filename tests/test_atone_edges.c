/* Decision tables, the edges the per-concern atone tests leave out: literals at the limits of
 * each type, unusual but valid unary tests, facts JSON at the limits, and the text format's
 * header and priority-list mistakes, each reported at its line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

/* Does the one-rule table `| x: TYPE || kind |` with test @p test match the fact @p json_value? */
static bool matches(const char *type, const char *test, const char *json_value)
{
    char text[512], json[256];
    snprintf(text, sizeof text, "table t\nhit-policy collect\n| x: %s || kind |\n| %s || hit |\n", type, test);
    snprintf(json, sizeof json, "{\"x\": %s}", json_value);
    svcr_table *table = NULL;
    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s: %s", test, svcr_error_message());
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    if (svcr_table_facts_set_json(facts, json, strlen(json), 0) != SVCR_OK)
        fail_msg("%s: %s", json, svcr_error_message());
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    bool matched = svcr_table_result_offer_count(result) == 1;
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    return matched;
}

#define MATCHES(type, test, value) assert_true(matches(type, test, value))
#define MISSES(type, test, value) assert_false(matches(type, test, value))

/* Parsing @p text fails with @p status at @p line:@p column with @p message. */
static void rejected(const char *text, svcr_status status, int line, int column, const char *message)
{
    svcr_table *table = (svcr_table *)0x1;
    svcr_status got = svcr_table_parse(text, strlen(text), &table);
    if (got != status || svcr_error_line() != line || svcr_error_column() != column ||
        strstr(svcr_error_message(), message) == NULL)
        fail_msg("%s\n-> %s at %d:%d: %s (want %s at %d:%d, \"%s\")", text, svcr_status_name(got),
                 svcr_error_line(), svcr_error_column(), svcr_error_message(), svcr_status_name(status), line,
                 column, message);
    assert_ptr_equal(table, (svcr_table *)0x1);
}

/* A one-rule table whose only test is @p test is rejected at column @p column of line 3. */
static void bad_test(const char *type, const char *test, int column, const char *message)
{
    char text[512];
    snprintf(text, sizeof text, "table t\n| x: %s || kind |\n| %s || hit |\n", type, test);
    rejected(text, SVCR_EPARSE, 3, column, message);
}

static void numbers_at_the_limits(void **state)
{
    (void)state;
    MATCHES("number", "+5", "5");
    MATCHES("number", "-2.5", "-2.5");
    /* Nothing lies above the largest number, and != the largest is everything else. */
    MISSES("number", "> 9223372036854.775807", "9223372036854");
    MATCHES("number", "!= 9223372036854.775807", "9223372036854");
    MATCHES("number", "!= 9223372036854.775807", "null");
    MISSES("number", "< -9223372036854.775807", "-9223372036854");
    bad_test("number", "9223372036854.775808", 3, "within 64 bits");
    bad_test("number", "9223372036855", 3, "within 64 bits");
    bad_test("number", "- 1", 3, "expected a number");
}

static void ranges_sets_and_not(void **state)
{
    (void)state;
    /* ]a..b[ is the ISO form of an open range. */
    MATCHES("number", "]1..5[", "4");
    MISSES("number", "]1..5[", "5");
    MISSES("number", "]1..5[", "1");
    MATCHES("number", "[1..1]", "1");
    bad_test("duration", "(PT1S..PT2S)", 3, "empty range"); /* whole seconds: nothing between */
    MATCHES("number", "(1..2)", "1.5"); /* numbers have six decimals */
    bad_test("number", "[1..1)", 3, "empty range");
    /* Overlapping, adjacent and disjoint parts of one list. */
    MATCHES("number", "[1..5], [3..8], > 100", "7");
    MATCHES("number", "[1..3], [3.000001..6]", "3.5");
    MISSES("number", "[1..3], > 100", "50");
    MATCHES("number", "not (1, 2)", "3");
    MISSES("number", "not (1, 2)", "2");
    MATCHES("number", "not(< 5, > 10)", "null"); /* unset matches not(...) without null */
    bad_test("number", "not(1 2)", 9, "expected ',' between tests or ')' to close not(");
}

static void strings_booleans_money_and_durations(void **state)
{
    (void)state;
    MATCHES("string", "\"a\\\"b\"", "\"a\\\"b\"");
    MATCHES("string", "\"back\\\\slash\"", "\"back\\\\slash\"");
    MATCHES("boolean", "false", "false");
    MISSES("boolean", "false", "true");
    bad_test("boolean", "truex", 3, "expected true or false");
    MATCHES("money", "+1.00 EUR", "{\"amount_minor\": 100, \"currency\": \"EUR\"}");
    MATCHES("money", ">= -1.50 EUR", "{\"amount_minor\": -150, \"currency\": \"EUR\"}");
    bad_test("money", "100EUR", 3, "expected an amount and a currency, e.g. 100.00 EUR");
    bad_test("money", "100 EURO", 3, "expected an amount and a currency");
    bad_test("money", "100 eur", 3, "expected an amount and a currency");
    bad_test("money", "EUR", 3, "expected an amount and a currency");
    bad_test("money", "11111111111111111111111111111111111111111111111111 EUR", 3, "amount too large");
    MATCHES("duration", "P1W", "\"P7D\"");
    MATCHES("duration", "-PT1H", "-3600");
    MATCHES("duration", "duration(\"P1DT12H\")", "129600");
    MATCHES("duration", "[PT30M..PT1H30M]", "\"PT1H\"");
    bad_test("duration", "duration(\"PT1H\"", 17, "expected \") after the duration");
    bad_test("duration", "T1H", 3, "ISO 8601 duration");
    bad_test("duration", "P1D1W", 3, "ISO 8601 duration");
    bad_test("duration", "PT1H1H", 3, "ISO 8601 duration");
    bad_test("duration", "P99999999999999999999D", 3, "ISO 8601 duration");
    bad_test("duration", "P99999999999999W", 3, "ISO 8601 duration");
}

static void facts_json_at_the_limits(void **state)
{
    (void)state;
    const char text[] = "table t\nhit-policy collect\n"
                        "| n: number | m: money | d: duration || kind |\n"
                        "| > 0 | - | - || n |\n"
                        "| - | > 0.00 EUR | - || m |\n"
                        "| - | - | > PT1H || d |\n";
    svcr_table *table;
    svcr_table_facts *facts;
    assert_int_equal(svcr_table_parse(text, strlen(text), &table), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    static const struct {
        const char *json, *message;
        int column;
    } bad[] = {
        {"{\"n\": 9223372036855}", "fact \"n\" is too large", 7},
        {"{\"n\": 1e-7}", "fact \"n\" is a number with at most six decimals", 7},
        {"{\"m\": {\"amount_minor\": 1.5, \"currency\": \"EUR\"}}", "fact \"m\" is money", 7},
        {"{\"m\": {\"amount_minor\": 1, \"currency\": 978}}", "fact \"m\" is money", 7},
        {"{\"m\": {\"amount_minor\": 1, \"currency\": \"EUR\", \"note\": \"x\"}}", "fact \"m\" is money", 7},
        {"{\"m\": {\"amount\": 1, \"currency\": \"EUR\"}}", "fact \"m\" is money", 7},
        {"{\"d\": \"PT1H \"}", "fact \"d\" is a duration", 7},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        svcr_status status = svcr_table_facts_set_json(facts, bad[i].json, strlen(bad[i].json), 0);
        if (status != SVCR_EPARSE || svcr_error_line() != 1 || svcr_error_column() != bad[i].column ||
            strstr(svcr_error_message(), bad[i].message) == NULL)
            fail_msg("%s -> %s %d:%d %s", bad[i].json, svcr_status_name(status), svcr_error_line(),
                     svcr_error_column(), svcr_error_message());
    }
    /* Small decimals written with an exponent are read exactly. */
    const char tiny[] = "{\"n\": 1e-6, \"d\": \"PT2H\"}";
    assert_int_equal(svcr_table_facts_set_json(facts, tiny, strlen(tiny), 0), SVCR_OK);
    svcr_table_result *result;
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 2);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "n");
    assert_string_equal(svcr_table_result_offer(result, 1)->kind, "d");
    /* A name too long for a JSON Pointer is still reported, by its own name. */
    char json[400];
    char name[300];
    memset(name, 'q', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    snprintf(json, sizeof json, "{\"%s\": 1}", name);
    assert_int_equal(svcr_table_facts_set_json(facts, json, strlen(json), 0), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no fact \"qqqqqqqq"));
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void text_headers_and_priority_lists(void **state)
{
    (void)state;
    rejected("table t\n| x: number from || kind |\n| 1 || a |\n", SVCR_EPARSE, 2, 13,
             "unexpected text in a column header; write name: type, name: type required or name: type from table");
    rejected("table t\n| x: number from ! || kind |\n| 1 || a |\n", SVCR_EPARSE, 2, 18,
             "expected a table name after 'from'");
    rejected("table t\n| x: number junk || kind |\n| 1 || a |\n", SVCR_EPARSE, 2, 13,
             "unexpected text in a column header");
    rejected("table t\n| x: number || kind: string extra |\n| 1 || a |\n", SVCR_EPARSE, 2, 29,
             "unexpected text in a column header; write name: type");
    assert_null(strstr(svcr_error_message(), "from table")); /* outputs have no "from" */
    rejected("table t\nhit-policy priority\npriority : \"a\"\n| x: number || kind |\n| 1 || \"a\" |\n",
             SVCR_EPARSE, 3, 10, "expected `priority COLUMN: value, value, ...`");
    rejected("table t\nhit-policy priority\npriority kind \"a\"\n| x: number || kind |\n| 1 || \"a\" |\n",
             SVCR_EPARSE, 3, 14, "expected `priority COLUMN");
    rejected("table t\nhit-policy priority\npriority kind\n| x: number || kind |\n| 1 || \"a\" |\n",
             SVCR_EPARSE, 3, 14, "expected `priority COLUMN");
    rejected("table t\nhit-policy priority\npriority kind:\n| x: number || kind |\n| 1 || \"a\" |\n",
             SVCR_EPARSE, 3, 15, "a priority list needs at least one value");
    rejected("table t\nhit-policy priority\npriority kind: \"a\", , \"b\"\n| x: number || kind |\n| 1 || \"a\" |\n",
             SVCR_EPARSE, 3, 21, "empty value in a priority list");
    /* A quoted value may hold a comma. */
    const char text[] = "table t\nhit-policy priority\npriority kind: \"a, b\", \"c\"\n"
                        "| x: number || kind |\n| > 0 || \"c\" |\n| > 1 || \"a, b\" |\n";
    svcr_table *table;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 5), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 1);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "a, b");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_at_the_limits),
        cmocka_unit_test(ranges_sets_and_not),
        cmocka_unit_test(strings_booleans_money_and_durations),
        cmocka_unit_test(facts_json_at_the_limits),
        cmocka_unit_test(text_headers_and_priority_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
