/* Approval authority (who may make an offer, to whom to escalate) and the service-guarantee
 * check against Hart's five criteria. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static void default_levels(void **state)
{
    (void)state;
    svcr_authority *authority;
    assert_int_equal(svcr_authority_new(NULL, 0, &authority), SVCR_OK);
    svcr_approval a = {.size = sizeof a};
    assert_int_equal(svcr_authority_check(authority, "agent", "agent", &a), SVCR_OK);
    assert_true(a.allowed);
    assert_null(a.escalate_to);
    assert_int_equal(svcr_authority_check(authority, "agent", "manager", &a), SVCR_OK);
    assert_false(a.allowed);
    assert_string_equal(a.escalate_to, "manager");
    assert_int_equal(svcr_authority_check(authority, "manager", "supervisor", &a), SVCR_OK);
    assert_true(a.allowed);
    assert_int_equal(svcr_authority_check(authority, "supervisor", NULL, &a), SVCR_OK);
    assert_true(a.allowed);
    assert_int_equal(svcr_authority_check(authority, "intern", "agent", &a), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no approval level \"intern\""));
    assert_int_equal(svcr_authority_check(authority, "agent", "ceo", &a), SVCR_ENOTFOUND);
    assert_int_equal(svcr_authority_check(NULL, "agent", "agent", &a), SVCR_EINVAL);
    assert_int_equal(svcr_authority_check(authority, NULL, "agent", &a), SVCR_EINVAL);
    assert_int_equal(svcr_authority_check(authority, "agent", "agent", NULL), SVCR_EINVAL);
    svcr_authority_free(authority);
    svcr_authority_free(NULL);
}

static void configured_levels_and_results(void **state)
{
    (void)state;
    const char *const levels[] = {"agent", "team_lead", "director"};
    svcr_authority *authority;
    assert_int_equal(svcr_authority_new(levels, 3, &authority), SVCR_OK);
    const char text[] = "table t\nhit-policy collect\n| x: number || kind | approval |\n"
                        "| - || voucher | agent |\n| > 1 || refund | director |\n| > 5 || credit | team_lead |\n";
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_parse(text, sizeof text - 1, &table), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    svcr_approval a = {.size = sizeof a};
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 9), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_authority_check_result(authority, "team_lead", result, &a), SVCR_OK);
    assert_false(a.allowed);
    assert_string_equal(a.escalate_to, "director");
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 0), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_authority_check_result(authority, "agent", result, &a), SVCR_OK);
    assert_true(a.allowed);
    svcr_authority *defaults;
    assert_int_equal(svcr_authority_new(NULL, 0, &defaults), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_integer(facts, "x", 9), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_authority_check_result(defaults, "agent", result, &a), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "\"director\""));
    assert_int_equal(svcr_authority_check_result(NULL, "agent", result, &a), SVCR_EINVAL);
    assert_int_equal(svcr_authority_check_result(defaults, NULL, result, &a), SVCR_EINVAL);
    assert_int_equal(svcr_authority_check_result(defaults, "agent", NULL, &a), SVCR_EINVAL);
    assert_int_equal(svcr_authority_check_result(defaults, "agent", result, NULL), SVCR_EINVAL);
    svcr_authority_free(defaults);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    svcr_authority_free(authority);
}

static void invalid_levels(void **state)
{
    (void)state;
    svcr_authority *authority = NULL;
    const char *const twice[] = {"agent", "agent"};
    const char *const empty[] = {"agent", ""};
    const char *const null[] = {NULL};
    assert_int_equal(svcr_authority_new(twice, 2, &authority), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"agent\" is given twice"));
    assert_int_equal(svcr_authority_new(empty, 2, &authority), SVCR_EINVAL);
    assert_int_equal(svcr_authority_new(null, 1, &authority), SVCR_EINVAL);
    assert_int_equal(svcr_authority_new(twice, 0, &authority), SVCR_EINVAL);
    assert_int_equal(svcr_authority_new(NULL, 2, &authority), SVCR_EINVAL);
    assert_int_equal(svcr_authority_new(NULL, 0, NULL), SVCR_EINVAL);
    assert_null(authority);
}

static svcr_status authority_scenario(void *state)
{
    (void)state;
    svcr_authority *authority = NULL; /* stays NULL on failure */
    svcr_status status = svcr_authority_new(NULL, 0, &authority);
    svcr_authority_free(authority);
    return status;
}

static void authority_allocation_failures(void **state)
{
    (void)state;
    assert_int_equal(test_alloc_exhaust(authority_scenario, NULL), 5);
}

/* ---- guarantees --------------------------------------------------------------------------- */

static svcr_guarantee good_guarantee(void)
{
    return (svcr_guarantee){
        .size = sizeof(svcr_guarantee),
        .promise = "Your pizza in 30 minutes or it is free.",
        .conditions = NULL,
        .condition_count = 0,
        .payout = {1200, "EUR"},
        .price = {1200, "EUR"},
        .invoke_steps = 1,
        .collect_days = 0,
    };
}

static void a_good_guarantee_passes(void **state)
{
    (void)state;
    svcr_guarantee g = good_guarantee();
    svcr_guarantee_report *report = NULL;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_OK);
    assert_true(report->passed);
    for (int c = 0; c < SVCR_GUARANTEE_CRITERIA; c++) {
        assert_true(report->criterion_passed[c]);
        assert_string_equal(report->reason[c], "");
    }
    svcr_free(report);
}

static void each_criterion_fails_with_a_reason(void **state)
{
    (void)state;
    const char *const conditions[] = {"Not valid on public holidays", "Within the city limits"};
    svcr_guarantee g = good_guarantee();
    g.conditions = conditions;
    g.condition_count = 2;
    g.promise = "We guarantee that every order placed through any of our official channels will be delivered "
                "to the address you gave within the time window shown, and if that does not happen we will "
                "consider a gesture.";
    g.payout = (svcr_money){300, "EUR"};
    g.invoke_steps = 4;
    g.collect_days = 30;
    svcr_guarantee_report *report = NULL;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_OK);
    assert_false(report->passed);
    for (int c = 0; c < SVCR_GUARANTEE_CRITERIA; c++)
        assert_false(report->criterion_passed[c]);
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_UNCONDITIONAL], "2 condition(s)"));
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_UNCONDITIONAL], "Not valid on public holidays"));
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_UNDERSTANDABLE], "the promise has 36 words, at most 30"));
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_MEANINGFUL], "the payout 3.00 EUR is less than 50.00% of the price 12.00 EUR"));
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_EASY_TO_INVOKE], "4 steps, at most 2"));
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_EASY_TO_COLLECT], "30 days, at most 1"));

    /* Thresholds are the host's: relax them and it passes; a long sentence fails alone. */
    svcr_guarantee_thresholds t;
    assert_int_equal(svcr_guarantee_thresholds_init(&t, sizeof t), SVCR_OK);
    t.max_conditions = 2;
    t.max_promise_words = 50;
    t.max_sentence_words = 40;
    t.min_payout_basis_points = 2500;
    t.max_invoke_steps = 4;
    t.max_collect_days = 30;
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_true(report->passed);
    t.max_sentence_words = 20;
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_false(report->criterion_passed[SVCR_GUARANTEE_UNDERSTANDABLE]);
    assert_non_null(strstr(report->reason[SVCR_GUARANTEE_UNDERSTANDABLE], "a sentence of the promise has 36 words"));
    g.promise = "  ";
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_string_equal(report->reason[SVCR_GUARANTEE_UNDERSTANDABLE], "the promise is empty");

    /* Meaningful is exact at its boundary and for shares far above 100% of a large price. */
    t.min_payout_basis_points = 2501; /* 3.00 EUR is 25.00% of 12.00 EUR: just short */
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_false(report->criterion_passed[SVCR_GUARANTEE_MEANINGFUL]);
    g.price = (svcr_money){INT64_MAX / 2, "EUR"};
    g.payout = (svcr_money){INT64_MAX, "EUR"};
    t.min_payout_basis_points = 20000; /* the payout is twice the price plus one unit */
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_true(report->criterion_passed[SVCR_GUARANTEE_MEANINGFUL]);
    t.min_payout_basis_points = 20001; /* the least meaningful payout is past INT64_MAX */
    svcr_free(report);
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_OK);
    assert_false(report->criterion_passed[SVCR_GUARANTEE_MEANINGFUL]);
    svcr_free(report);
}

static void guarantee_errors(void **state)
{
    (void)state;
    svcr_guarantee g = good_guarantee();
    svcr_guarantee_report *report = NULL;
    svcr_guarantee_report *before = report;
    svcr_guarantee_thresholds t;
    assert_int_equal(svcr_guarantee_check(NULL, NULL, &report), SVCR_EINVAL);
    assert_int_equal(svcr_guarantee_check(&g, NULL, NULL), SVCR_EINVAL);
    g.size = 0;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_EINVAL);
    g = good_guarantee();
    g.promise = NULL;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_EINVAL);
    g = good_guarantee();
    g.condition_count = 1;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_EINVAL);
    g = good_guarantee();
    g.invoke_steps = -1;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_EINVAL);
    g = good_guarantee();
    g.price.amount_minor = 0;
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_EINVAL);
    g = good_guarantee();
    g.payout = (svcr_money){1200, "USD"};
    assert_int_equal(svcr_guarantee_check(&g, NULL, &report), SVCR_ECURRENCY);
    g = good_guarantee();
    assert_int_equal(svcr_guarantee_thresholds_init(&t, sizeof t), SVCR_OK);
    t.min_payout_basis_points = -1;
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_EINVAL);
    t.size = 0;
    assert_int_equal(svcr_guarantee_check(&g, &t, &report), SVCR_EINVAL);
    assert_memory_equal(&report, &before, sizeof report);
    assert_int_equal(svcr_guarantee_thresholds_init(NULL, sizeof(svcr_guarantee_thresholds)), SVCR_EINVAL);
    assert_string_equal(svcr_guarantee_criterion_name(SVCR_GUARANTEE_EASY_TO_INVOKE), "easy to invoke");
    assert_string_equal(svcr_guarantee_criterion_name(SVCR_GUARANTEE_CRITERIA), "unknown");
    assert_string_equal(svcr_guarantee_criterion_name((svcr_guarantee_criterion)-1), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_levels),
        cmocka_unit_test(configured_levels_and_results),
        cmocka_unit_test(invalid_levels),
        cmocka_unit_test(authority_allocation_failures),
        cmocka_unit_test(a_good_guarantee_passes),
        cmocka_unit_test(each_criterion_fails_with_a_reason),
        cmocka_unit_test(guarantee_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
