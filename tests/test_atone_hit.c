/* Hit policies: unique, any, first, priority, collect (plain, sum, min, max, count), rule order,
 * output order; violations are SVCR_ECONFLICT naming the rules; value outputs and aggregates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

typedef struct run {
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
} run;

/* Rules over one number input `x` (tests given), outputs as written. */
static run load(const char *policy, const char *extra, const char *header, const char *rows)
{
    char text[2048];
    snprintf(text, sizeof text, "table t\nhit-policy %s\n%s\n| rule | x: number || %s |\n%s", policy, extra,
             header, rows);
    run r = {0};
    if (svcr_table_parse(text, strlen(text), &r.table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    assert_int_equal(svcr_table_facts_new(r.table, &r.facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(r.table, &r.result), SVCR_OK);
    return r;
}

static svcr_status eval_x(run *r, int64_t x)
{
    assert_int_equal(svcr_table_facts_set_integer(r->facts, "x", x), SVCR_OK);
    return svcr_table_eval(r->table, r->facts, 0, r->result);
}

/* The rules of the offers, joined by spaces. */
static const char *rules(const run *r)
{
    static char out[256];
    out[0] = '\0';
    for (size_t i = 0; i < svcr_table_result_offer_count(r->result); i++) {
        strcat(out, i ? " " : "");
        strcat(out, svcr_table_result_offer(r->result, i)->rule);
    }
    return out;
}

static void done(run *r)
{
    svcr_table_result_free(r->result);
    svcr_table_facts_free(r->facts);
    svcr_table_free(r->table);
}

static const char rows[] = "| low  | < 5    || voucher | 10.00 EUR |\n"
                           "| mid  | [3..7] || credit  | 20.00 EUR |\n"
                           "| high | > 6    || refund  | 50.00 EUR |\n"
                           "| same | [3..4] || voucher | 10.00 EUR |\n";

static void unique_policy(void **state)
{
    (void)state;
    run r = load("unique", "", "kind | amount", "| a | < 3 || voucher | 5.00 EUR |\n| b | [3..5] || credit | 9.00 EUR |\n");
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "b");
    assert_int_equal(svcr_table_result_offer(&*r.result, 0)->amount.amount_minor, 900);
    assert_int_equal(eval_x(&r, 9), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(r.result), 0);
    assert_int_equal(svcr_table_result_trace_count(r.result), 0);
    done(&r);
    /* Two rules match: an error, and the result is emptied. */
    r = load("unique", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 1), SVCR_OK);
    assert_int_equal(eval_x(&r, 4), SVCR_ECONFLICT);
    assert_non_null(strstr(svcr_error_message(), "hit policy unique, but rules \"low\" (line 5) and \"mid\" (line 6)"));
    assert_int_equal(svcr_table_result_offer_count(r.result), 0);
    done(&r);
}

static void any_policy(void **state)
{
    (void)state;
    run r = load("any", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 1), SVCR_OK); /* low only */
    assert_string_equal(rules(&r), "low");
    assert_int_equal(eval_x(&r, 4), SVCR_ECONFLICT); /* low, mid (different), same */
    assert_non_null(strstr(svcr_error_message(), "with different outputs"));
    done(&r);
    r = load("A", "", "kind | amount", "| a | < 5 || voucher | 10.00 EUR |\n| b | [3..7] || voucher | 10.00 EUR |\n");
    assert_int_equal(eval_x(&r, 4), SVCR_OK); /* equal outputs: fine, the first */
    assert_string_equal(rules(&r), "a");
    done(&r);
}

static void first_policy(void **state)
{
    (void)state;
    run r = load("first", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "low");
    assert_int_equal(svcr_table_result_trace_count(r.result), 3); /* every match is traced */
    assert_int_equal(eval_x(&r, 7), SVCR_OK);
    assert_string_equal(rules(&r), "mid");
    done(&r);
}

static void priority_and_output_order(void **state)
{
    (void)state;
    const char *priority = "priority kind: refund, credit, voucher";
    run r = load("priority", priority, "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "mid");
    assert_int_equal(eval_x(&r, 7), SVCR_OK);
    assert_string_equal(rules(&r), "high");
    done(&r);
    r = load("output-order", priority, "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "mid low same");
    done(&r);
    /* Two lists: the second breaks ties of the first; values of a value output. */
    r = load("O", "priority kind: refund, voucher\npriority level: 2, 1", "kind | level: number",
             "| a | - || voucher | 1 |\n| b | - || voucher | 2 |\n| c | - || refund | 1 |\n");
    assert_int_equal(eval_x(&r, 0), SVCR_OK);
    assert_string_equal(rules(&r), "c b a");
    done(&r);
}

static void collect_and_rule_order(void **state)
{
    (void)state;
    run r = load("collect", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "low mid same");
    svcr_table_value v = {.size = sizeof v};
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_ENOTFOUND);
    done(&r);
    r = load("rule-order", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 7), SVCR_OK);
    assert_string_equal(rules(&r), "mid high");
    done(&r);
}

static void collect_aggregations(void **state)
{
    (void)state;
    svcr_table_value v = {.size = sizeof v};
    run r = load("collect-sum", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "low mid same");
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_MONEY);
    assert_int_equal(v.money.amount_minor, 4000);
    assert_string_equal(v.money.currency, "EUR");
    assert_int_equal(eval_x(&r, 5), SVCR_OK); /* no amount at all: null */
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_MONEY);
    done(&r);
    r = load("C>", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "mid");
    done(&r);
    r = load("collect-min", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_string_equal(rules(&r), "low");
    assert_int_equal(eval_x(&r, 100), SVCR_OK);
    assert_string_equal(rules(&r), "high");
    done(&r);
    r = load("collect-count", "", "kind | amount", rows);
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_NUMBER);
    assert_int_equal(v.number, 3 * SVCR_TABLE_NUMBER_SCALE);
    done(&r);
    /* Over a value output. */
    r = load("C+", "", "points: number", "| a | < 5 || 1.5 |\n| b | < 9 || 2 |\n| c | - || - |\n");
    assert_int_equal(eval_x(&r, 4), SVCR_OK);
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_OK);
    assert_int_equal(v.number, 3500000);
    assert_int_equal(eval_x(&r, 20), SVCR_OK);
    assert_int_equal(svcr_table_result_aggregate(r.result, &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_NULL);
    done(&r);
    r = load("C+", "", "points: number", "| a | - || 9223372036854 |\n| b | - || 9223372036854 |\n");
    assert_int_equal(eval_x(&r, 1), SVCR_EOVERFLOW);
    done(&r);
}

static void value_outputs(void **state)
{
    (void)state;
    run r = load("unique", "", "label: string | ok: boolean | wait: duration | fee: money | n: number",
                 "| a | < 5 || \"small\" | true | PT2H | 1.50 EUR | 2.25 |\n| b | >= 5 || - | - | - | - | - |\n");
    assert_int_equal(eval_x(&r, 1), SVCR_OK);
    svcr_table_value v = {.size = sizeof v};
    assert_int_equal(svcr_table_result_output(r.result, 0, "label", &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_STRING);
    assert_string_equal(v.string, "small");
    assert_int_equal(svcr_table_result_output(r.result, 0, "ok", &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_BOOLEAN);
    assert_int_equal(v.number, 1);
    assert_int_equal(svcr_table_result_output(r.result, 0, "wait", &v), SVCR_OK);
    assert_int_equal(v.number, 7200);
    assert_int_equal(svcr_table_result_output(r.result, 0, "fee", &v), SVCR_OK);
    assert_int_equal(v.money.amount_minor, 150);
    assert_int_equal(svcr_table_result_output(r.result, 0, "n", &v), SVCR_OK);
    assert_int_equal(v.number, 2250000);
    assert_null(svcr_table_result_offer(r.result, 0)->kind);
    assert_int_equal(svcr_table_result_output(r.result, 0, "nope", &v), SVCR_ENOTFOUND);
    assert_int_equal(svcr_table_result_output(r.result, 1, "n", &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_result_output(NULL, 0, "n", &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_result_output(r.result, 0, NULL, &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_result_output(r.result, 0, "n", NULL), SVCR_EINVAL);
    assert_int_equal(eval_x(&r, 7), SVCR_OK);
    assert_int_equal(svcr_table_result_output(r.result, 0, "n", &v), SVCR_OK);
    assert_int_equal(v.type, SVCR_TABLE_TYPE_NULL);
    assert_int_equal(svcr_table_result_aggregate(NULL, &v), SVCR_EINVAL);
    assert_int_equal(svcr_table_result_aggregate(r.result, NULL), SVCR_EINVAL);
    done(&r);
}

static void eval_errors(void **state)
{
    (void)state;
    run r = load("unique", "", "kind", "| a | - || apology_only |\n");
    run other = load("unique", "", "kind", "| a | - || apology_only |\n");
    assert_int_equal(svcr_table_eval(NULL, r.facts, 0, r.result), SVCR_EINVAL);
    assert_int_equal(svcr_table_eval(r.table, NULL, 0, r.result), SVCR_EINVAL);
    assert_int_equal(svcr_table_eval(r.table, r.facts, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_eval(r.table, r.facts, 4, r.result), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "unknown flags"));
    assert_int_equal(svcr_table_eval(r.table, other.facts, 0, r.result), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "facts were made for another table"));
    assert_int_equal(svcr_table_eval(r.table, r.facts, 0, other.result), SVCR_EINVAL);
    assert_int_equal(svcr_table_eval(r.table, r.facts, 0, r.result), SVCR_OK);
    const svcr_table_offer *offer = svcr_table_result_offer(r.result, 0);
    assert_string_equal(offer->kind, "apology_only");
    assert_false(offer->has_amount);
    assert_null(offer->approval);
    assert_null(svcr_table_result_offer(r.result, 1));
    assert_null(svcr_table_result_offer(NULL, 0));
    assert_null(svcr_table_result_trace(NULL, 0));
    assert_null(svcr_table_result_trace(r.result, 5));
    assert_int_equal(svcr_table_result_offer_count(NULL), 0);
    assert_int_equal(svcr_table_result_trace_count(NULL), 0);
    assert_int_equal(svcr_table_result_new(NULL, &r.result), SVCR_EINVAL);
    assert_int_equal(svcr_table_result_new(r.table, NULL), SVCR_EINVAL);
    svcr_table_result_free(NULL);
    done(&r);
    done(&other);
}

static void priority_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *message;
    } cases[] = {
        {"table t\nhit-policy priority\n| x: number || kind |\n| - || refund |\n", "needs `priority COLUMN"},
        {"table t\nhit-policy priority\npriority kind: refund\n| x: number || kind |\n| - || credit |\n",
         "its kind is not in the priority list of line 3"},
        {"table t\nhit-policy priority\npriority x: 1\n| x: number || kind |\n| - || credit |\n",
         "priority names \"x\""},
        {"table t\nhit-policy priority\npriority kind refund\n| x: number || kind |\n", "expected `priority COLUMN"},
        {"table t\nhit-policy wild\n", "unknown hit policy \"wild\""},
        {"table t\nrounding sideways\n", "unknown rounding \"sideways\""},
        {"table t\nhit-policy collect-sum\n| x: number || kind | note: string |\n", "collect with sum"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_table *table = NULL;
        assert_int_equal(svcr_table_parse(cases[i].text, strlen(cases[i].text), &table), SVCR_EPARSE);
        if (!strstr(svcr_error_message(), cases[i].message))
            fail_msg("case %zu: %s", i, svcr_error_message());
        assert_null(table);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unique_policy),
        cmocka_unit_test(any_policy),
        cmocka_unit_test(first_policy),
        cmocka_unit_test(priority_and_output_order),
        cmocka_unit_test(collect_and_rule_order),
        cmocka_unit_test(collect_aggregations),
        cmocka_unit_test(value_outputs),
        cmocka_unit_test(eval_errors),
        cmocka_unit_test(priority_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
