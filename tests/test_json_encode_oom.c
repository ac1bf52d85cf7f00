/* Allocation failure inside jansson while the library writes JSON (workflows, cases,
 * notifications, evaluation results): each failure in turn must give SVCR_ENOMEM, leave the case
 * exactly as it was (a notification that records a fact records nothing) and leak nothing; the
 * same call then succeeds. Parsing is left out: jansson reports some of its own allocation
 * failures while parsing as syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

typedef struct objects {
    svcr_workflow *wf; /* four-stage */
    svcr_workflow *desk; /* the desk's workflow with limits that name their events */
    svcr_taxonomy *taxonomy;
    svcr_case *c; /* four-stage, assigned, approved, with a root cause and a compensation */
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result; /* severity-value, explained */
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    size_t length;
    char *taxonomy = fixture_read("taxonomy.json", &length);
    char *desk = fixture_read("workflow_desk.json", NULL);
    svcr_money fifty = {5000, "EUR"}, price = {10000, "EUR"};
    if (o == NULL || taxonomy == NULL || desk == NULL)
        return NULL;
    strcpy(strrchr(desk, '}'), ", \"limits\": [{\"fact\": \"refund\", \"currency\": \"EUR\", \"events\": "
                               "[\"request_refund\"], \"roles\": {\"agent\": \"10.00 EUR\", \"supervisor\": \"unlimited\"}}]}");
    svcr_status s = svcr_workflow_builtin("four-stage", &o->wf);
    if (s == SVCR_OK)
        s = svcr_workflow_parse(desk, strlen(desk), &o->desk);
    if (s == SVCR_OK)
        s = svcr_taxonomy_parse(taxonomy, length, &o->taxonomy);
    if (s == SVCR_OK)
        s = svcr_case_new(o->wf, "C-7", T0, &o->c);
    if (s == SVCR_OK)
        s = svcr_case_bind_taxonomy(o->c, o->taxonomy);
    if (s == SVCR_OK)
        s = svcr_case_assign(o->c, "ann", "supervisor", "sue", T0);
    if (s == SVCR_OK)
        s = svcr_case_change_fact(o->c, "expectation", "Parcel by Friday", "agent", "ann", T0);
    if (s == SVCR_OK)
        s = svcr_case_apply_as(o->c, "identified", "agent", "ann", T0 + MINUTE, "Late parcel");
    if (s == SVCR_OK)
        s = svcr_case_approve(o->c, "compensation", fifty, "supervisor", "sue", T0 + HOUR);
    if (s == SVCR_OK)
        s = svcr_case_change_fact(o->c, "compensation", "50.00 EUR", "agent", "ann", T0 + HOUR);
    if (s == SVCR_OK)
        s = svcr_case_change_fact(o->c, "root_cause", "late parcel", "agent", "ann", T0 + HOUR);
    if (s == SVCR_OK)
        s = svcr_table_builtin("severity-value", &o->table);
    if (s == SVCR_OK)
        s = svcr_table_facts_new(o->table, &o->facts);
    if (s == SVCR_OK)
        s = svcr_table_result_new(o->table, &o->result);
    if (s == SVCR_OK)
        s = svcr_table_facts_set_integer(o->facts, "severity", 3);
    if (s == SVCR_OK)
        s = svcr_table_facts_set_string(o->facts, "tier", "gold");
    if (s == SVCR_OK)
        s = svcr_table_facts_set_money(o->facts, "price", price);
    if (s == SVCR_OK)
        s = svcr_table_eval(o->table, o->facts, SVCR_TABLE_EVAL_EXPLAIN, o->result);
    free(taxonomy);
    free(desk);
    if (s != SVCR_OK)
        return NULL;
    test_alloc_fail_json(1);
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    test_alloc_fail_json(0);
    svcr_table_result_free(o->result);
    svcr_table_facts_free(o->facts);
    svcr_table_free(o->table);
    svcr_case_free(o->c);
    svcr_taxonomy_free(o->taxonomy);
    svcr_workflow_free(o->desk);
    svcr_workflow_free(o->wf);
    free(o);
}

/* The case as JSON (its whole history) and the result's offer count. */
static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL, *json = NULL;
    test_alloc_fail_json(0);
    assert_int_equal(svcr_case_encode(o->c, &json), SVCR_OK);
    test_text_take(&text, json);
    test_text_append(&text, "offers %zu", svcr_table_result_offer_count(o->result));
    test_alloc_fail_json(1);
    return text;
}

static svcr_status encode_four_stage(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_workflow_encode(o->wf, &json);
    if (s == SVCR_OK && strstr(json, "\"name\":\"four-stage\"") == NULL)
        s = SVCR_ESTATE;
    svcr_free(json);
    return s;
}

static svcr_status encode_desk(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_workflow_encode(o->desk, &json);
    if (s == SVCR_OK && strstr(json, "\"events\":[\"request_refund\"]") == NULL)
        s = SVCR_ESTATE;
    svcr_free(json);
    return s;
}

/* five-phase declares timers of its own ("timers"), written back with their triggers. */
static svcr_status encode_five_phase(objects *o)
{
    (void)o;
    svcr_workflow *wf = NULL;
    char *json = NULL;
    test_alloc_fail_json(0); /* the built-in is parsed from JSON: only its writing may fail */
    svcr_status s = svcr_workflow_builtin("five-phase", &wf);
    test_alloc_fail_json(1);
    if (s == SVCR_OK)
        s = svcr_workflow_encode(wf, &json);
    if (s == SVCR_OK && strstr(json, "\"timers\":[") == NULL)
        s = SVCR_ESTATE;
    svcr_free(json);
    svcr_workflow_free(wf);
    return s;
}

static svcr_status encode_case(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_case_encode(o->c, &json);
    if (s == SVCR_OK && (strstr(json, "\"approvals\":[") == NULL || strstr(json, "\"assignments\":[") == NULL))
        s = SVCR_ESTATE;
    svcr_free(json);
    return s;
}

static svcr_status notify_transition(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_case_notify_transition(o->c, 0, &json);
    svcr_free(json);
    return s;
}

static svcr_status notify_breach(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_case_notify_breach(o->c, NULL, "resolution", T0 + 3 * DAY, &json);
    svcr_free(json);
    return s;
}

static svcr_status notify_owner(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_case_notify_owner(o->c, "agent", "ann", T0 + 2 * HOUR, &json);
    svcr_free(json);
    return s;
}

static svcr_status notify_approval(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_case_notify_approval_request(o->c, "compensation", "agent", "ann", T0 + 2 * HOUR, &json);
    svcr_free(json);
    return s;
}

static svcr_status result_json(objects *o)
{
    char *json = NULL;
    svcr_status s = svcr_table_result_json(o->result, &json);
    if (s == SVCR_OK && strstr(json, "\"trace\":[{") == NULL)
        s = SVCR_ESTATE;
    svcr_free(json);
    return s;
}

static svcr_status done(objects *o)
{
    (void)o;
    return SVCR_OK;
}

TEST_CALL(workflow_encode_four_stage, done, encode_four_stage(o))
TEST_CALL(workflow_encode_with_limits, done, encode_desk(o))
TEST_CALL(workflow_encode_with_timers, done, encode_five_phase(o))
TEST_CALL(case_encode_with_records, done, encode_case(o))
TEST_CALL(case_notify_transition, done, notify_transition(o))
TEST_CALL(case_notify_breach, done, notify_breach(o))
TEST_CALL(case_notify_owner, done, notify_owner(o))
TEST_CALL(case_notify_approval_request, done, notify_approval(o))
TEST_CALL(table_result_json, done, result_json(o))

static void workflows_encode_or_fail_cleanly(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&workflow_encode_four_stage) > 20);
    assert_true(test_alloc_exhaust_call(&workflow_encode_with_limits) > 20);
    assert_true(test_alloc_exhaust_call(&workflow_encode_with_timers) > 20);
}

static void cases_and_notifications_encode_or_fail_cleanly(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&case_encode_with_records) > 20);
    assert_true(test_alloc_exhaust_call(&case_notify_transition) > 5);
    assert_true(test_alloc_exhaust_call(&case_notify_breach) > 5);
    /* It also records owner_notified: on failure, not even that. */
    assert_true(test_alloc_exhaust_call(&case_notify_owner) > 5);
    assert_true(test_alloc_exhaust_call(&case_notify_approval_request) > 5);
}

static void results_encode_or_fail_cleanly(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&table_result_json) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(workflows_encode_or_fail_cleanly),
        cmocka_unit_test(cases_and_notifications_encode_or_fail_cleanly),
        cmocka_unit_test(results_encode_or_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
