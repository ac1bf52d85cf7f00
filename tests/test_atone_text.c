/* The text format: what it accepts, parse errors with line:column and the cell, decision graphs
 * (inputs from other tables, cycles), and allocation failure while loading and evaluating. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static svcr_table *parse(const char *text)
{
    svcr_table *table = NULL;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    return table;
}

static void accepts_comments_separators_crlf_and_unnamed_rules(void **state)
{
    (void)state;
    const char text[] = "# a comment\r\n"
                        "\r\n"
                        "  table plain  \r\n"
                        "| tier: string |  | x: number || kind | annotation |\r\n"
                        "|:-------------|--|-----------||------|------------|\r\n"
                        "| \"gold\" | - | < 3 || credit | Café au lait, on us \r\n"
                        "   # comments between rules\r\n"
                        "| - | - | - || apology_only | - |\r\n";
    /* `|  |` is an empty header cell: not a valid column. */
    svcr_table *table = NULL;
    assert_int_equal(svcr_table_parse(text, sizeof text - 1, &table), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 4);
    assert_int_equal(svcr_error_column(), 19);
    assert_non_null(strstr(svcr_error_message(), "expected a column name"));

    const char good[] = "# a comment\r\n"
                        "\r\n"
                        "  table plain  \r\n"
                        "| tier: string | x: number || kind | annotation |\r\n"
                        "|:-------------|-----------||------|------------|\r\n"
                        "| \"gold\" | < 3 || credit | Café au lait, on us \r\n"
                        "   # comments between rules\r\n"
                        "| - | - || apology_only | - |\r\n";
    assert_int_equal(svcr_table_parse(good, sizeof good - 1, &table), SVCR_OK);
    assert_string_equal(svcr_table_name(table), "plain");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_string(facts, "tier", "gold"), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 1), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result), SVCR_ECONFLICT);
    assert_int_equal(svcr_table_result_offer_count(result), 0); /* unique: two rules match */
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 5), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result), SVCR_OK);
    const svcr_table_offer *offer = svcr_table_result_offer(result, 0);
    assert_string_equal(offer->rule, "2");
    assert_string_equal(offer->kind, "apology_only");
    assert_null(offer->annotation);
    const svcr_table_trace_step *step = svcr_table_result_trace(result, 0);
    assert_string_equal(step->rule, "1");
    assert_int_equal(step->line, 6);
    assert_false(step->matched);
    assert_string_equal(step->input, "x");
    assert_string_equal(step->test, "< 3");
    assert_true(svcr_table_result_trace(result, 1)->matched);
    assert_null(svcr_table_result_trace(result, 1)->input);
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 1), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_string(facts, "tier", "silver"), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_trace_count(result), 1);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void annotations_keep_text(void **state)
{
    (void)state;
    svcr_table *table = parse("table a\n| x: number || kind | annotation |\n| - || credit | Café: \"on us\" |\n");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->annotation, "Café: \"on us\"");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void bad(const char *text, svcr_status want, int line, int column, const char *message)
{
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse(text, strlen(text), &table);
    if (status != want || svcr_error_line() != line || svcr_error_column() != column ||
        strstr(svcr_error_message(), message) == NULL)
        fail_msg("%s\n-> %s %d:%d %s", text, svcr_status_name(status), svcr_error_line(), svcr_error_column(),
                 svcr_error_message());
    char position[64];
    snprintf(position, sizeof position, "line %d, column %d", line, column);
    assert_non_null(strstr(svcr_error_message(), position));
    assert_null(table);
}

static void parse_errors_have_line_column_and_cell(void **state)
{
    (void)state;
    bad("", SVCR_EPARSE, 1, 1, "no table");
    bad("# only a comment\n", SVCR_EPARSE, 1, 1, "no table");
    bad("| x || y |\n", SVCR_EPARSE, 1, 1, "a table row before any `table NAME`");
    bad("hit-policy first\n", SVCR_EPARSE, 1, 1, "expected `table NAME`");
    bad("table\n", SVCR_EPARSE, 1, 6, "a table name is");
    bad("table a b\n", SVCR_EPARSE, 1, 8, "a table name is");
    bad("table t\nfoo bar\n", SVCR_EPARSE, 2, 1, "unknown line \"foo\"");
    bad("table t\n| x: number | kind |\n", SVCR_EPARSE, 2, 3, "needs || between");
    bad("table t\n| x: number ||\n", SVCR_EPARSE, 2, 12, "no output column");
    bad("table t\n| x: number || kind |\n| 1 | 2 || refund |\n", SVCR_EPARSE, 3, 1, "2 input cells, the header has 1");
    bad("table t\n| x: number || kind |\n| 1 || refund | 5 |\n", SVCR_EPARSE, 3, 17, "2 output cells, the header has 1");
    bad("table t\n| x: number || kind |\n| 1 refund |\n", SVCR_EPARSE, 3, 1, "needs || between its input");
    bad("table t\n| x: number || kind || y |\n", SVCR_EPARSE, 2, 22, "a second ||");
    bad("table t\n| x: number || kind |\n| 1 || refund |\nhit-policy first\n", SVCR_EPARSE, 4, 1, "after the rules");
    bad("table t\n| x || kind |\n", SVCR_EPARSE, 2, 3, "needs a type");
    bad("table t\n| x: integer || kind |\n", SVCR_EPARSE, 2, 3, "unknown type \"integer\"");
    bad("table t\n| x: || kind |\n", SVCR_EPARSE, 2, 5, "expected a type after ':'");
    bad("table t\n| x: number extra || kind |\n", SVCR_EPARSE, 2, 13, "unexpected text in a column header");
    bad("table t\n| x: number || kind: string |\n", SVCR_EPARSE, 2, 22, "offer column \"kind\" takes no type");
    bad("table t\n| x: number | x: string || kind |\n", SVCR_EPARSE, 2, 15, "a second column \"x\"");
    bad("table t\n| x: number || amount |\n", SVCR_EPARSE, 1, 7, "an amount column but no kind column");
    bad("table t\n| x: number || note |\n", SVCR_EPARSE, 2, 16, "needs a type");
    bad("table t\n| rule | x: number || kind |\n| a | 1 || refund |\n| a | 2 || credit |\n", SVCR_EPARSE, 4, 3,
        "a second rule \"a\"");
    bad("table t\n| rule | x: number || kind |\n| - | 1 || refund |\n", SVCR_EPARSE, 3, 3, "the rule cell is empty");
    bad("table t\n| x: number || kind |\n| 1 || - |\n", SVCR_EPARSE, 3, 8, "every rule of an offer table names a kind");
    bad("table t\n| x: number || kind |\n| 1 || full refund |\n", SVCR_EPARSE, 3, 12, "expected a name");
    bad("table t\n| x: number || n: number |\n| 1 || 1 2 |\n", SVCR_EPARSE, 3, 10, "expected one number value");
    bad("table t\n| x: number || m: money |\n| 1 || 1 EUR |\n| 2 || 1 USD |\n", SVCR_ECURRENCY, 4, 8,
        "USD amount in a column of EUR");
    bad("table t\n| x: string || kind |\n| \"a || b |\n", SVCR_EPARSE, 3, 3, "unterminated string");
    bad("table t\n", SVCR_EPARSE, 1, 7, "table \"t\" has no header row");
    bad("table t\n| x: number || kind |\ntable t\n| y: number || kind |\n", SVCR_EPARSE, 3, 7, "a second table \"t\"");
    const char with_nul[] = "table t\n| x: number || kind |\n| 1 |\0| refund |\n";
    svcr_table *table = NULL;
    assert_int_equal(svcr_table_parse(with_nul, sizeof with_nul - 1, &table), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 3);
    assert_int_equal(svcr_error_column(), 6);
    assert_int_equal(svcr_table_parse(NULL, 0, &table), SVCR_EINVAL);
    assert_int_equal(svcr_table_parse("", 0, NULL), SVCR_EINVAL);
    svcr_table_free(NULL);
    assert_string_equal(svcr_table_name(NULL), "");
}

static void multibyte_characters_count_once_in_columns(void **state)
{
    (void)state;
    bad("table t\n| x: string || kind | annotation |\n| \"é\" | ü || credit | à |\n", SVCR_EPARSE, 3, 1,
        "2 input cells");
    bad("table t\n| x: string || kind |\n| \"é\", ü || credit |\n", SVCR_EPARSE, 3, 8, "double quotes");
}

/* ---- decision graphs --------------------------------------------------------------------- */

static const char graph[] = "table classify\n"
                            "hit-policy first\n"
                            "| delay: duration | broken: boolean || severity: number |\n"
                            "| > PT24H          | -               || 4                |\n"
                            "| -                | true            || 3                |\n"
                            "| > PT2H           | -               || 2                |\n"
                            "| -                | -               || 1                |\n"
                            "\n"
                            "table offer\n"
                            "| severity from classify | price: money || kind | amount |\n"
                            "| >= 3                   | -            || refund | 100% of price |\n"
                            "| < 3                    | -            || voucher | 10% of price |\n";

static void inputs_from_other_tables(void **state)
{
    (void)state;
    svcr_table *table = parse(graph);
    assert_string_equal(svcr_table_name(table), "offer");
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    size_t slot;
    assert_int_equal(svcr_table_facts_find(facts, "severity", &slot, NULL), SVCR_ENOTFOUND); /* computed */
    const char json[] = "{\"delay\": \"PT3H\", \"broken\": false, \"price\": {\"amount_minor\": 8000, \"currency\": \"EUR\"}}";
    assert_int_equal(svcr_table_facts_set_json(facts, json, sizeof json - 1, 0), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "voucher");
    assert_int_equal(svcr_table_result_offer(result, 0)->amount.amount_minor, 800);
    assert_string_equal(svcr_table_result_trace(result, 0)->table, "classify");
    assert_string_equal(svcr_table_result_trace(result, 1)->table, "classify");
    assert_string_equal(svcr_table_result_trace(result, 2)->table, "offer");
    assert_int_equal(svcr_table_facts_set_boolean(facts, "broken", true), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "refund");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);

    /* A collect-sum table gives one value; the top is the last table nobody reads. */
    table = parse("table score\nhit-policy collect-sum\n| late: boolean | rude: boolean || points: number |\n"
                  "| true | - || 2 |\n| - | true || 3 |\n"
                  "table unused\n| x: number || kind |\n| - || credit |\n"
                  "table decide\n| points: number from score || kind |\n| >= 5 || refund |\n| < 5 || apology_only |\n"
                  "table side\n| y: number || kind |\n| - || credit |\n");
    assert_string_equal(svcr_table_name(table), "side");
    svcr_table_free(table);
    table = parse("table score\nhit-policy C+\n| late: boolean | rude: boolean || points: number |\n"
                  "| true | - || 2 |\n| - | true || 3 |\n"
                  "table decide\n| points: number from score || kind |\n| >= 5 || refund |\n| < 5 || apology_only |\n");
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_boolean(facts, "late", true), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_boolean(facts, "rude", true), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "refund");
    assert_int_equal(svcr_table_facts_set_boolean(facts, "rude", false), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_string_equal(svcr_table_result_offer(result, 0)->kind, "apology_only");
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void graph_errors(void **state)
{
    (void)state;
    bad("table a\n| x from nowhere || kind |\n", SVCR_EPARSE, 2, 3, "no table \"nowhere\"");
    bad("table b\n| y: number || z: number |\ntable a\n| x from b || kind |\n", SVCR_EPARSE, 4, 3,
        "table \"b\" has no value output \"x\"");
    bad("table b\nhit-policy collect\n| y: number || x: number |\ntable a\n| x from b || kind |\n", SVCR_EPARSE, 5, 3,
        "gives a list");
    bad("table b\n| y: number || x: string |\ntable a\n| x: number from b || kind |\n", SVCR_EPARSE, 4, 3,
        "input \"x\" is number but table \"b\" gives string");
    bad("table b\n| y: string || x: number |\ntable a\n| y: number | x from b || kind |\n", SVCR_EPARSE, 4, 3,
        "another table reads fact \"y\" as string");
    bad("table a\n| x from b || y: number |\ntable b\n| y from a || x: number |\n", SVCR_ECONFLICT, 1, 7,
        "in a cycle: \"a\" -> \"b\" -> \"a\"");
    bad("table a\n| x from a || x: number |\n", SVCR_ECONFLICT, 1, 7, "in a cycle: \"a\" -> \"a\"");
    bad("table top\n| z: number || kind |\ntable a\n| x from c || y: number |\ntable b\n| y from a || z: number |\n"
        "table c\n| z from b || x: number |\n", SVCR_ECONFLICT, 3, 7, "\"a\" -> \"c\" -> \"b\" -> \"a\"");
}

/* ---- allocation failure ------------------------------------------------------------------ */

static svcr_status load_and_evaluate(void *state)
{
    (void)state;
    svcr_table *table = NULL;
    svcr_table_facts *facts = NULL;
    svcr_table_result *result = NULL;
    svcr_status status = svcr_table_parse(graph, sizeof graph - 1, &table);
    if (status == SVCR_OK)
        status = svcr_table_facts_new(table, &facts);
    if (status == SVCR_OK)
        status = svcr_table_result_new(table, &result);
    const char json[] = "{\"delay\": \"PT30H\", \"price\": {\"amount_minor\": 8000, \"currency\": \"EUR\"}}";
    if (status == SVCR_OK)
        status = svcr_table_facts_set_json(facts, json, sizeof json - 1, 0);
    if (status == SVCR_OK)
        status = svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, result);
    if (status == SVCR_OK && svcr_table_result_offer(result, 0)->amount.amount_minor != 8000)
        status = SVCR_EINVAL;
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    return status;
}

static svcr_status parse_priority_table(void *state)
{
    (void)state;
    const char text[] = "table t\nhit-policy output-order\npriority kind: refund, credit\npriority level: 2, 1\n"
                        "| rule | x: number | s: string || kind | level: number | amount | approval | annotation |\n"
                        "| a | not([1..2], 3) | \"x\", \"y\" || refund | 1 | 5.00 EUR floor 1.00 EUR | agent | A |\n"
                        "| b | < 2 | - || credit | 2 | 1.00 EUR per x cap 3.00 EUR | - | B |\n";
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse(text, sizeof text - 1, &table);
    svcr_table_free(table);
    return status;
}

static void allocation_failures_are_reported_and_leak_nothing(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(load_and_evaluate, NULL);
    assert_true(points > 20);
    print_message("allocation points: load+facts+result+eval of a 2-table graph: %ld\n", points);
    points = test_alloc_exhaust(parse_priority_table, NULL);
    assert_true(points > 20);
    print_message("allocation points: priority table with every cell kind: %ld\n", points);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_comments_separators_crlf_and_unnamed_rules),
        cmocka_unit_test(annotations_keep_text),
        cmocka_unit_test(parse_errors_have_line_column_and_cell),
        cmocka_unit_test(multibyte_characters_count_once_in_columns),
        cmocka_unit_test(inputs_from_other_tables),
        cmocka_unit_test(graph_errors),
        cmocka_unit_test(allocation_failures_are_reported_and_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
