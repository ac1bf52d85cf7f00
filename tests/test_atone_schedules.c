/* Published compensation schedules that need what the text format gained for them: amounts
 * computed from an input with a cap (`fare * 2 cap 1075.00 USD`, US DOT denied boarding,
 * 14 CFR 250.5), a minimum below which no offer is made (the Amazon EC2 SLA's "greater than one
 * dollar"), and inputs marked required. The tables are README's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

static const char dot_table[] =
    "table dot-denied-boarding\n"
    "hit-policy unique\n"
    "\n"
    "| rule     | international: boolean required | hours_late: number required | fare: money || kind | amount                   | approval |\n"
    "|----------|---------------------------------|-----------------------------|-------------||------|--------------------------|----------|\n"
    "| on-time  | -                               | < 1                         | -           || none | -                        | agent    |\n"
    "| dom-200  | false                           | [1..2]                      | -           || cash | fare * 2 cap 1075.00 USD | agent    |\n"
    "| dom-400  | false                           | > 2                         | -           || cash | fare * 4 cap 2150.00 USD | agent    |\n"
    "| intl-200 | true                            | [1..4]                      | -           || cash | fare * 2 cap 1075.00 USD | agent    |\n"
    "| intl-400 | true                            | > 4                         | -           || cash | fare * 4 cap 2150.00 USD | agent    |\n";

static const char ec2_table[] =
    "table ec2-sla-credit\n"
    "hit-policy unique\n"
    "\n"
    "| rule | uptime_percent: number required | monthly_bill: money || kind   | amount                                |\n"
    "|------|---------------------------------|---------------------||--------|---------------------------------------|\n"
    "| met  | >= 99.99                        | -                   || none   | -                                     |\n"
    "| 10   | [99.0..99.99)                   | -                   || credit | 10% of monthly_bill minimum 1.01 USD  |\n"
    "| 30   | [95.0..99.0)                    | -                   || credit | 30% of monthly_bill minimum 1.01 USD  |\n"
    "| 100  | < 95.0                          | -                   || credit | 100% of monthly_bill minimum 1.01 USD |\n";

typedef struct run {
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
} run;

static run load(const char *text)
{
    run r;
    if (svcr_table_parse(text, strlen(text), &r.table) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    assert_int_equal(svcr_table_facts_new(r.table, &r.facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(r.table, &r.result), SVCR_OK);
    return r;
}

static void unload(run *r)
{
    svcr_table_result_free(r->result);
    svcr_table_facts_free(r->facts);
    svcr_table_free(r->table);
}

/* Evaluate with @p json as the facts (all others unset): the status. */
static svcr_status eval_json(run *r, const char *json, unsigned flags)
{
    svcr_table_facts_clear(r->facts);
    if (svcr_table_facts_set_json(r->facts, json, strlen(json), 0) != SVCR_OK)
        fail_msg("%s: %s", json, svcr_error_message());
    return svcr_table_eval(r->table, r->facts, flags, r->result);
}

/* The one offer of @p json's evaluation: its rule and amount in cents (-1: no amount). */
static void expect_offer(run *r, const char *json, const char *rule, int64_t cents)
{
    if (eval_json(r, json, 0) != SVCR_OK)
        fail_msg("%s: %s", json, svcr_error_message());
    size_t n;
    const svcr_table_offer *const *offers = svcr_table_result_offers(r->result, &n);
    if (n != 1)
        fail_msg("%s: %zu offers, want rule %s", json, n, rule);
    assert_string_equal(offers[0]->rule, rule);
    assert_int_equal(offers[0]->has_amount, cents >= 0);
    if (cents >= 0) {
        assert_int_equal(offers[0]->amount.amount_minor, cents);
        assert_string_equal(offers[0]->amount.currency, "USD");
    }
}

#define DOT(intl, hours, fare_cents) \
    "{\"international\": " intl ", \"hours_late\": " hours ", \"fare\": {\"amount_minor\": " fare_cents \
    ", \"currency\": \"USD\"}}"

static void denied_boarding_pays_a_multiple_of_the_fare_up_to_the_cap(void **state)
{
    (void)state;
    run r = load(dot_table);
    expect_offer(&r, DOT("false", "0.5", "30000"), "on-time", -1);
    expect_offer(&r, DOT("false", "1", "30000"), "dom-200", 60000);      /* 200% of 300.00 */
    expect_offer(&r, DOT("false", "2", "53750"), "dom-200", 107500);     /* exactly the cap */
    expect_offer(&r, DOT("false", "2", "70000"), "dom-200", 107500);     /* 1400.00 capped */
    expect_offer(&r, DOT("false", "2.000001", "20000"), "dom-400", 80000);
    expect_offer(&r, DOT("false", "9", "90000"), "dom-400", 215000);     /* 3600.00 capped */
    expect_offer(&r, DOT("true", "3", "12345"), "intl-200", 24690);
    expect_offer(&r, DOT("true", "4.5", "12345"), "intl-400", 49380);
    unload(&r);
}

static void a_missing_required_input_is_an_error_naming_it(void **state)
{
    (void)state;
    run r = load(dot_table);
    /* Without "international" no rule but on-time could match: an error, not "no offer". */
    assert_int_equal(eval_json(&r, "{\"hours_late\": 3, \"fare\": {\"amount_minor\": 100, \"currency\": \"USD\"}}", 0),
                     SVCR_EGUARD);
    assert_string_equal(svcr_error_message(),
                        "table \"dot-denied-boarding\": required input \"international\" is not set");
    assert_int_equal(svcr_table_result_offer_count(r.result), 0);
    assert_int_equal(eval_json(&r, "{\"international\": false}", 0), SVCR_EGUARD);
    assert_string_equal(svcr_error_message(),
                        "table \"dot-denied-boarding\": required input \"hours_late\" is not set");
    /* An input not marked required may stay unset (fare: for on-time it is not needed). */
    expect_offer(&r, "{\"international\": false, \"hours_late\": 0}", "on-time", -1);
    unload(&r);
}

#define EC2(uptime, bill_cents) \
    "{\"uptime_percent\": " uptime ", \"monthly_bill\": {\"amount_minor\": " bill_cents ", \"currency\": \"USD\"}}"

static void a_credit_below_the_minimum_is_not_made_and_the_trace_says_so(void **state)
{
    (void)state;
    run r = load(ec2_table);
    expect_offer(&r, EC2("99.99", "500000"), "met", -1);
    expect_offer(&r, EC2("99.989999", "500000"), "10", 50000);
    expect_offer(&r, EC2("99.0", "1010"), "10", 101);    /* 1.01: the least credit issued */
    expect_offer(&r, EC2("98.999999", "500"), "30", 150);
    expect_offer(&r, EC2("94.999999", "101"), "100", 101);

    /* 10% of 10.00 USD is 1.00: not greater than one dollar, so no credit. */
    assert_int_equal(eval_json(&r, EC2("99.5", "1000"), 0), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(r.result), 0);
    assert_int_equal(svcr_table_result_trace_count(r.result), 1);
    const svcr_table_trace_step *step = svcr_table_result_trace(r.result, 0);
    assert_string_equal(step->rule, "10");
    assert_true(step->matched);
    assert_string_equal(step->outcome, "amount below the minimum 1.01 USD: no offer");

    /* Explained: the same step among every rule's; the other rules' have no outcome. */
    assert_int_equal(eval_json(&r, EC2("99.5", "1000"), SVCR_TABLE_EVAL_EXPLAIN), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(r.result), 0);
    assert_int_equal(svcr_table_result_trace_count(r.result), 4);
    for (size_t k = 0; k < 4; k++) {
        step = svcr_table_result_trace(r.result, k);
        if (k == 1)
            assert_string_equal(step->outcome, "amount below the minimum 1.01 USD: no offer");
        else
            assert_null(step->outcome);
    }
    /* And a credit made has no outcome in its step. */
    assert_int_equal(eval_json(&r, EC2("99.5", "5000"), 0), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(r.result), 1);
    assert_null(svcr_table_result_trace(r.result, 0)->outcome);
    unload(&r);
}

/* A minimum drops offers before aggregation: the sum counts only those made. */
static void minimums_apply_before_aggregation(void **state)
{
    (void)state;
    run r = load("table t\nhit-policy collect-sum\n"
                 "| bill: money || kind | amount |\n"
                 "| - || credit | 1% of bill minimum 1.00 EUR |\n"
                 "| - || credit | 10% of bill minimum 1.00 EUR |\n"
                 "| - || credit | 2.00 EUR minimum 5.00 EUR |\n");
    assert_int_equal(eval_json(&r, "{\"bill\": {\"amount_minor\": 5000, \"currency\": \"EUR\"}}", 0), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(r.result), 1); /* 10%: 5.00; 1%: 0.50 dropped */
    svcr_table_value total = {.size = sizeof total};
    assert_int_equal(svcr_table_result_aggregate(r.result, &total), SVCR_OK);
    assert_int_equal(total.money.amount_minor, 500);
    unload(&r);
}

/* Bad amounts and headers: each an error at its line and column. */
static void bad_new_syntax_is_refused_where_it_stands(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *header;
        svcr_status status;
        int column;
        const char *message;
    } cases[] = {
        {"fare / 0", "fare: money", SVCR_EPARSE, 24, "division by zero"},
        {"fare * x", "fare: money", SVCR_EPARSE, 24, "expected a number after `*`"},
        {"n * 2", "n: number", SVCR_EPARSE, 17, "input \"n\" is number, this needs money"},
        {"other * 2", "fare: money", SVCR_EPARSE, 17, "no input column \"other\" in this table"},
        {"fare * 2 minimum 1.00 EUR minimum 2.00 EUR", "fare: money", SVCR_EPARSE, 43, "a second minimum"},
        {"2.00 USD minimum 1.00 EUR", "fare: money", SVCR_ECURRENCY, 17, "minimum EUR in an amount of USD"},
        {"fare * 2 cap 10.00 USD minimum 1.00 EUR", "fare: money", SVCR_ECURRENCY, 17,
         "minimum EUR in an amount of USD"},
        {"fare * 2 at least 1.00 EUR", "fare: money", SVCR_EPARSE, 26,
         "expected floor AMOUNT, cap AMOUNT, minimum AMOUNT or the end of the cell"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[400];
        snprintf(text, sizeof text, "table t\n| %s || kind | amount |\n| - || credit | %s |\n", cases[i].header,
                 cases[i].cell);
        svcr_table *table = NULL;
        svcr_status status = svcr_table_parse(text, strlen(text), &table);
        if (status != cases[i].status || svcr_error_line() != 3 || svcr_error_column() != cases[i].column ||
            strstr(svcr_error_message(), cases[i].message) == NULL)
            fail_msg("%s: %s at 3:%d: %s", cases[i].cell, svcr_status_name(status), svcr_error_column(),
                     svcr_error_message());
        assert_null(table);
    }
    static const char from_required[] = "table a\nhit-policy first\n| x: number || y: number |\n| - || 1 |\n"
                                        "table b\n| y: number required from a || kind |\n| - || credit |\n";
    svcr_table *table = NULL;
    assert_int_equal(svcr_table_parse(from_required, strlen(from_required), &table), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 6);
    assert_int_equal(svcr_error_column(), 13);
    assert_non_null(strstr(svcr_error_message(), "cannot be required"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(denied_boarding_pays_a_multiple_of_the_fare_up_to_the_cap),
        cmocka_unit_test(a_missing_required_input_is_an_error_naming_it),
        cmocka_unit_test(a_credit_below_the_minimum_is_not_made_and_the_trace_says_so),
        cmocka_unit_test(minimums_apply_before_aggregation),
        cmocka_unit_test(bad_new_syntax_is_refused_where_it_stands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
