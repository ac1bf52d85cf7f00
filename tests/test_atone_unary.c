/* Unary tests: every form (-, comparisons, ranges with open and closed ends, lists, not(...),
 * booleans, null, strings, money, durations), and the compiled interval lookup agreeing with
 * the plain linear scan on random facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "atone/model.h"

/* A one-input table `| x: TYPE || kind |` with one rule whose test is @p test. */
static svcr_table *one_test(const char *type, const char *test)
{
    char text[512];
    snprintf(text, sizeof text, "table t\nhit-policy collect\n| x: %s || kind |\n| %s || hit |\n", type, test);
    svcr_table *table = NULL;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s: %s", test, svcr_error_message());
    return table;
}

/* Does @p test hold for the fact given as JSON (e.g. "3", "\"gold\"", "null")? */
static bool holds(const char *type, const char *test, const char *json_value)
{
    svcr_table *table = one_test(type, test);
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    char json[256];
    snprintf(json, sizeof json, "{\"x\": %s}", json_value);
    if (svcr_table_facts_set_json(facts, json, strlen(json), 0) != SVCR_OK)
        fail_msg("%s: %s", json, svcr_error_message());
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    bool matched = svcr_table_result_offer_count(result) == 1;
    /* The linear scan must agree. */
    assert_int_equal(svcr__atone_eval_linear(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result) == 1, matched);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    return matched;
}

#define HOLDS(type, test, value) assert_true(holds(type, test, value))
#define FAILS(type, test, value) assert_false(holds(type, test, value))

static void any_matches_everything_and_null(void **state)
{
    (void)state;
    HOLDS("number", "-", "3");
    HOLDS("number", "-", "null");
    HOLDS("string", "-", "\"whatever\"");
    HOLDS("boolean", "-", "false");
}

static void comparisons(void **state)
{
    (void)state;
    HOLDS("number", "< 3", "2.999999");
    FAILS("number", "< 3", "3");
    HOLDS("number", "<= 3", "3");
    FAILS("number", "<= 3", "3.000001");
    HOLDS("number", "> 3", "3.000001");
    FAILS("number", "> 3", "3");
    HOLDS("number", ">= 3", "3");
    FAILS("number", ">= 3", "2.5");
    HOLDS("number", "= 3", "3");
    HOLDS("number", "!= 3", "4");
    FAILS("number", "!= 3", "3");
    HOLDS("number", "!= 3", "null");
    FAILS("number", "< 3", "null");
    HOLDS("number", "<-2.5", "-3");
    HOLDS("number", "3", "3.0");
    FAILS("number", "3", "3.5");
}

static void ranges_with_open_and_closed_ends(void **state)
{
    (void)state;
    HOLDS("number", "[1..5]", "1");
    HOLDS("number", "[1..5]", "5");
    FAILS("number", "(1..5]", "1");
    HOLDS("number", "(1..5]", "1.000001");
    FAILS("number", "[1..5)", "5");
    HOLDS("number", "[1..5)", "4.999999");
    FAILS("number", "(1..5)", "5");
    FAILS("number", "]1..5[", "1"); /* FEEL's other spelling of open ends */
    FAILS("number", "]1..5[", "5");
    HOLDS("number", "]1..5[", "3");
    FAILS("number", "[1..5]", "0.999999");
    FAILS("number", "[1..5]", "null");
}

static void lists_and_not(void **state)
{
    (void)state;
    HOLDS("string", "\"gold\",\"platinum\"", "\"platinum\"");
    FAILS("string", "\"gold\", \"platinum\"", "\"silver\"");
    FAILS("string", "\"gold\"", "\"a string no rule mentions\"");
    HOLDS("string", "not(\"gold\", \"platinum\")", "\"silver\"");
    HOLDS("string", "not(\"gold\")", "\"a string no rule mentions\"");
    FAILS("string", "not(\"gold\")", "\"gold\"");
    HOLDS("string", "not(\"gold\")", "null");
    FAILS("string", "not(null)", "null");
    HOLDS("string", "null", "null");
    HOLDS("number", "< 1, [3..4], > 10", "3.5");
    FAILS("number", "< 1, [3..4], > 10", "5");
    HOLDS("number", "not([1..5], 7)", "6");
    FAILS("number", "not([1..5], 7)", "7");
    HOLDS("string", "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"");
    HOLDS("string", "\"a|b\"", "\"a|b\"");
}

static void booleans_money_durations(void **state)
{
    (void)state;
    HOLDS("boolean", "true", "true");
    FAILS("boolean", "true", "false");
    HOLDS("boolean", "not(true)", "false");
    HOLDS("money", ">= 100.00 EUR", "{\"amount_minor\": 10000, \"currency\": \"EUR\"}");
    FAILS("money", ">= 100.00 EUR", "{\"amount_minor\": 9999, \"currency\": \"EUR\"}");
    HOLDS("money", "[0 JPY..500 JPY)", "{\"amount_minor\": 499, \"currency\": \"JPY\"}");
    HOLDS("duration", "> PT4H", "\"PT4H0M1S\"");
    FAILS("duration", "> PT4H", "\"PT4H\"");
    HOLDS("duration", "[P1D..P1W]", "\"P2DT3H\"");
    HOLDS("duration", "duration(\"PT30M\")", "1800");
    HOLDS("duration", "< -PT1H", "\"-PT2H\"");
}

static void bad_tests(const char *type, const char *test, int column, const char *message)
{
    char text[512];
    snprintf(text, sizeof text, "table t\n| x: %s || kind |\n| %s || hit |\n", type, test);
    svcr_table *table = (svcr_table *)&text; /* must stay untouched */
    svcr_status status = svcr_table_parse(text, strlen(text), &table);
    if (status == SVCR_OK)
        fail_msg("%s %s: parsed", type, test);
    assert_ptr_equal(table, (svcr_table *)&text);
    if (svcr_error_line() != 3 || svcr_error_column() != column || !strstr(svcr_error_message(), message))
        fail_msg("%s %s: %d:%d %s", type, test, svcr_error_line(), svcr_error_column(), svcr_error_message());
    char cell[300];
    snprintf(cell, sizeof cell, "cell \"%s", test);
    if (!strstr(svcr_error_message(), cell))
        fail_msg("%s %s: %s", type, test, svcr_error_message());
}

static void malformed_tests_report_line_and_column(void **state)
{
    (void)state;
    /* The cell starts at column 3. */
    bad_tests("number", "[1..", 7, "expected a number");
    bad_tests("number", "[5..1]", 3, "empty range");
    bad_tests("number", "(1..1]", 3, "empty range");
    bad_tests("number", "1 2", 5, "expected ','");
    bad_tests("number", "1.1234567", 3, "at most six decimals");
    bad_tests("number", "99999999999999999999", 3, "within 64 bits");
    bad_tests("number", "[1..2", 8, "expected ] or )");
    bad_tests("number", "[1 2]", 6, "expected ..");
    bad_tests("string", "gold", 3, "double quotes");
    bad_tests("string", "\"gold", 3, "unterminated");
    bad_tests("string", "< \"b\"", 3, "not ordered");
    bad_tests("string", "[\"a\"..\"b\"]", 3, "not ordered");
    bad_tests("boolean", "yes", 3, "true or false");
    bad_tests("money", "< 100", 5, "amount and a currency");
    bad_tests("money", "1.001 EUR", 3, "more decimals");
    bad_tests("money", "1 EUR, 2 USD", 10, "USD amount in a column of EUR");
    bad_tests("duration", "P1Y", 3, "ISO 8601 duration");
    bad_tests("duration", "PT", 3, "ISO 8601 duration");
    bad_tests("number", "not(1", 8, "expected ')' to close not(");
    bad_tests("number", "not(1) 2", 10, "text after not");
    bad_tests("number", "", 4, "empty cell");
    bad_tests("number", "1,", 5, "expected a number");
}

/* Random tests and facts: the compiled lookup selects exactly the rules the linear scan does. */
static uint64_t lcg(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

static void random_test(uint64_t *seed, char *out, size_t size)
{
    int a = (int)(lcg(seed) % 20), b = a + (int)(lcg(seed) % 10);
    switch (lcg(seed) % 8) {
    case 0: snprintf(out, size, "-"); break;
    case 1: snprintf(out, size, "< %d", a); break;
    case 2: snprintf(out, size, ">= %d.5", a); break;
    case 3: snprintf(out, size, "%c%d..%d%c", lcg(seed) % 2 ? '[' : '(', a, b + 1, lcg(seed) % 2 ? ']' : ')'); break;
    case 4: snprintf(out, size, "%d, %d, > %d", a, b, b + 5); break;
    case 5: snprintf(out, size, "not([%d..%d])", a, b); break;
    case 6: snprintf(out, size, "null, %d", a); break;
    default: snprintf(out, size, "!= %d", a); break;
    }
}

static void lookup_agrees_with_linear_scan(void **state)
{
    (void)state;
    uint64_t seed = 42;
    static char text[65536];
    size_t n = (size_t)snprintf(text, sizeof text, "table r\nhit-policy rule-order\n| a: number | b: number | c: number || kind |\n");
    for (int r = 0; r < 150; r++) {
        char t[3][64];
        for (int i = 0; i < 3; i++)
            random_test(&seed, t[i], sizeof t[i]);
        n += (size_t)snprintf(text + n, sizeof text - n, "| %s | %s | %s || k%d |\n", t[0], t[1], t[2], r);
    }
    svcr_table *table;
    if (svcr_table_parse(text, n, &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_table_facts *facts;
    svcr_table_result *fast, *slow;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &fast), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &slow), SVCR_OK);
    static const char *const names[] = {"a", "b", "c"};
    for (int round = 0; round < 3000; round++) {
        for (int i = 0; i < 3; i++) {
            uint64_t pick = lcg(&seed) % 12;
            if (pick == 0)
                assert_int_equal(svcr_table_facts_unset(facts, names[i]), SVCR_OK);
            else {
                char decimal[32];
                snprintf(decimal, sizeof decimal, "%d.%d", (int)(lcg(&seed) % 40) - 5, (int)(lcg(&seed) % 2) * 5);
                assert_int_equal(svcr_table_facts_set_decimal(facts, names[i], decimal), SVCR_OK);
            }
        }
        assert_int_equal(svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, fast), SVCR_OK);
        assert_int_equal(svcr__atone_eval_linear(table, facts, SVCR_TABLE_EVAL_EXPLAIN, slow), SVCR_OK);
        assert_int_equal(svcr_table_result_offer_count(fast), svcr_table_result_offer_count(slow));
        for (size_t k = 0; k < svcr_table_result_offer_count(fast); k++)
            assert_string_equal(svcr_table_result_offer(fast, k)->rule, svcr_table_result_offer(slow, k)->rule);
        assert_int_equal(svcr_table_result_trace_count(fast), 150);
        for (size_t k = 0; k < 150; k++)
            assert_int_equal(svcr_table_result_trace(fast, k)->matched, svcr_table_result_trace(slow, k)->matched);
    }
    svcr_table_result_free(fast);
    svcr_table_result_free(slow);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(any_matches_everything_and_null),
        cmocka_unit_test(comparisons),
        cmocka_unit_test(ranges_with_open_and_closed_ends),
        cmocka_unit_test(lists_and_not),
        cmocka_unit_test(booleans_money_durations),
        cmocka_unit_test(malformed_tests_report_line_and_column),
        cmocka_unit_test(lookup_agrees_with_linear_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
