/* An evaluation's result as JSON (svcr_table_result_json): the offers with kind, amount,
 * currency, approval and rule; the trace with each step's table, rule, line and match, the
 * failed test of an explained rule and the outcome of a matched rule that gave no offer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

static const char ec2_table[] =
    "table ec2-sla-credit\n"
    "hit-policy unique\n"
    "\n"
    "| rule | uptime_percent: number required | monthly_bill: money || kind   | amount                               | approval   |\n"
    "|------|---------------------------------|---------------------||--------|--------------------------------------|------------|\n"
    "| met  | >= 99.99                        | -                   || none   | -                                    | -          |\n"
    "| 10   | [99.0..99.99)                   | -                   || credit | 10% of monthly_bill minimum 1.01 USD | -          |\n"
    "| 100  | < 99.0                          | -                   || credit | 100% of monthly_bill                 | supervisor |\n";

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

/* Evaluate @p facts (JSON) with @p flags and compare the result's JSON with @p expected. */
static void expect_json(run *r, const char *facts, unsigned flags, const char *expected)
{
    assert_int_equal(svcr_table_facts_set_json(r->facts, facts, strlen(facts), 0), SVCR_OK);
    assert_int_equal(svcr_table_eval(r->table, r->facts, flags, r->result), SVCR_OK);
    char *json = NULL;
    assert_int_equal(svcr_table_result_json(r->result, &json), SVCR_OK);
    assert_string_equal(json, expected);
    svcr_free(json);
}

#define EC2(uptime, bill_cents) \
    "{\"uptime_percent\": " uptime ", \"monthly_bill\": {\"amount_minor\": " bill_cents ", \"currency\": \"USD\"}}"

static void an_offer_carries_kind_amount_approval_and_rule(void **state)
{
    (void)state;
    run r = load(ec2_table);
    expect_json(&r, EC2("98.5", "2000"), 0,
                "{\"offers\":[{\"kind\":\"credit\",\"amount_minor\":2000,\"currency\":\"USD\","
                "\"approval\":\"supervisor\",\"rule\":\"100\"}],"
                "\"trace\":[{\"table\":\"ec2-sla-credit\",\"rule\":\"100\",\"line\":8,\"matched\":true}]}");
    expect_json(&r, EC2("99.5", "50000"), 0,
                "{\"offers\":[{\"kind\":\"credit\",\"amount_minor\":5000,\"currency\":\"USD\","
                "\"approval\":null,\"rule\":\"10\"}],"
                "\"trace\":[{\"table\":\"ec2-sla-credit\",\"rule\":\"10\",\"line\":7,\"matched\":true}]}");
    /* An offer with no amount: amount_minor 0 and currency null. */
    expect_json(&r, EC2("99.999", "50000"), 0,
                "{\"offers\":[{\"kind\":\"none\",\"amount_minor\":0,\"currency\":null,"
                "\"approval\":null,\"rule\":\"met\"}],"
                "\"trace\":[{\"table\":\"ec2-sla-credit\",\"rule\":\"met\",\"line\":6,\"matched\":true}]}");
    unload(&r);
}

static void the_trace_explains_failed_tests_and_offers_not_made(void **state)
{
    (void)state;
    run r = load(ec2_table);
    /* 10% of 10.00 USD is below the minimum: no offer, and the step says why. */
    expect_json(&r, EC2("99.5", "1000"), 0,
                "{\"offers\":[],"
                "\"trace\":[{\"table\":\"ec2-sla-credit\",\"rule\":\"10\",\"line\":7,\"matched\":true,"
                "\"outcome\":\"amount below the minimum 1.01 USD: no offer\"}]}");
    /* Explained: the rules that did not match name their first failed input and its test. */
    expect_json(&r, EC2("99.5", "1000"), SVCR_TABLE_EVAL_EXPLAIN,
                "{\"offers\":[],"
                "\"trace\":[{\"table\":\"ec2-sla-credit\",\"rule\":\"met\",\"line\":6,\"matched\":false,"
                "\"input\":\"uptime_percent\",\"test\":\">= 99.99\"},"
                "{\"table\":\"ec2-sla-credit\",\"rule\":\"10\",\"line\":7,\"matched\":true,"
                "\"outcome\":\"amount below the minimum 1.01 USD: no offer\"},"
                "{\"table\":\"ec2-sla-credit\",\"rule\":\"100\",\"line\":8,\"matched\":false,"
                "\"input\":\"uptime_percent\",\"test\":\"< 99.0\"}]}");
    unload(&r);
}

static void a_table_without_kind_or_approval_columns_gives_nulls(void **state)
{
    (void)state;
    run r = load("table plain\n"
                 "| tier: string || annotation |\n"
                 "|--------------||------------|\n"
                 "| \"gold\" || Thank them |\n");
    expect_json(&r, "{\"tier\": \"gold\"}", 0,
                "{\"offers\":[{\"kind\":null,\"amount_minor\":0,\"currency\":null,\"approval\":null,\"rule\":\"1\"}],"
                "\"trace\":[{\"table\":\"plain\",\"rule\":\"1\",\"line\":4,\"matched\":true}]}");
    unload(&r);
}

static void null_arguments_are_named_and_nothing_is_written(void **state)
{
    (void)state;
    run r = load(ec2_table);
    char *json = NULL;
    assert_int_equal(svcr_table_result_json(NULL, &json), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "result"));
    assert_null(json);
    assert_int_equal(svcr_table_result_json(r.result, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "json"));
    /* Before any evaluation: no offers and no trace. */
    assert_int_equal(svcr_table_result_json(r.result, &json), SVCR_OK);
    assert_string_equal(json, "{\"offers\":[],\"trace\":[]}");
    svcr_free(json);
    unload(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_offer_carries_kind_amount_approval_and_rule),
        cmocka_unit_test(the_trace_explains_failed_tests_and_offers_not_made),
        cmocka_unit_test(a_table_without_kind_or_approval_columns_gives_nulls),
        cmocka_unit_test(null_arguments_are_named_and_nothing_is_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
