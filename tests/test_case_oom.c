/* Allocation failure in every allocating call on a case or workflow that already exists: each
 * allocation of the call fails in turn, and the call must return SVCR_ENOMEM, leave the case (its
 * JSON) and the workflow exactly as they were, and leave them usable: the same call then succeeds
 * and the case takes its next event. Constructors and parsers are exhausted in the module tests
 * (test_case_*.c, test_workflow_*.c); this file covers the calls on live objects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

typedef struct objects {
    svcr_workflow *desk;
    svcr_case *c; /* working; 8 log entries and 4 fact changes: the next of either grows its array */
    svcr_case *copy;
    svcr_timer_config *config;
    char *json;
    char *case_json;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o == NULL || (o->desk = fixture_desk()) == NULL || svcr_case_new(o->desk, "C-1", T0, &o->c) != SVCR_OK ||
        svcr_case_set_fact_string(o->c, "summary", "Parcel lost") != SVCR_OK ||
        svcr_case_apply(o->c, "start", "agent", T0 + MINUTE, NULL) != SVCR_OK ||
        svcr_case_set_fact_integer(o->c, "severity", 2) != SVCR_OK ||
        svcr_case_set_fact_boolean(o->c, "vip", 0) != SVCR_OK)
        return NULL;
    /* Four fact changes fill the history's first block: the next change grows it. */
    svcr_money ten = {1000, "EUR"};
    if (svcr_case_set_fact_money(o->c, "refund", ten) != SVCR_OK)
        return NULL;
    for (int i = 0; i < 7; i++)
        if (svcr_case_apply(o->c, "note", "agent", T0 + 2 * MINUTE + i, NULL) != SVCR_OK)
            return NULL;
    if (svcr_case_encode(o->c, &o->case_json) != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_case_free(o->c);
    svcr_case_free(o->copy);
    svcr_timer_config_free(o->config);
    svcr_workflow_free(o->desk);
    svcr_free(o->json);
    svcr_free(o->case_json);
    free(o);
}

static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL, *json = NULL;
    assert_int_equal(svcr_case_encode(o->c, &json), SVCR_OK);
    test_text_take(&text, json);
    assert_int_equal(svcr_workflow_encode(o->desk, &json), SVCR_OK);
    test_text_take(&text, json);
    test_text_append(&text, "%p %p %p", (void *)o->copy, (void *)o->config, (void *)o->json);
    return text;
}

/* The case takes its next events (from working or waiting): a note, facts, solving. */
static svcr_status next_events(objects *o)
{
    int64_t at = T0 + DAY;
    svcr_status s = SVCR_OK;
    if (strcmp(svcr_case_state(o->c), "waiting") == 0)
        s = svcr_case_apply(o->c, "customer_replied", "agent", at, NULL);
    if (s == SVCR_OK)
        s = svcr_case_apply(o->c, "note", "agent", at + 1, "Checked with the courier");
    if (s == SVCR_OK)
        s = svcr_case_set_fact_string(o->c, "summary", "Parcel lost; resent");
    if (s == SVCR_OK)
        s = svcr_case_set_fact_integer(o->c, "severity", 3);
    if (s == SVCR_OK)
        s = svcr_case_apply(o->c, "solve", "agent", at + 2, NULL);
    return s;
}

#define CASE_CALL(name, expression) TEST_CALL(name, next_events, expression)

static const svcr_money refund = {2500, "EUR"};

CASE_CALL(case_set_fact_replace, svcr_case_set_fact_string(o->c, "summary", "Parcel lost in the depot at Leeds"))
CASE_CALL(case_set_fact_integer, svcr_case_set_fact_integer(o->c, "severity", 4))
CASE_CALL(case_set_fact_boolean, svcr_case_set_fact_boolean(o->c, "vip", 1))
CASE_CALL(case_set_fact_money, svcr_case_set_fact_money(o->c, "refund", refund))
CASE_CALL(case_unset_fact, svcr_case_unset_fact(o->c, "severity"))
CASE_CALL(case_apply_grows_log, svcr_case_apply(o->c, "ask_customer", "agent", T0 + HOUR, NULL))
CASE_CALL(case_apply_note, svcr_case_apply(o->c, "note", "supervisor", T0 + HOUR, "Called the customer back"))
CASE_CALL(case_encode, (svcr_free(o->json), o->json = NULL, svcr_case_encode(o->c, &o->json)))
CASE_CALL(case_replay, (svcr_case_free(o->copy), o->copy = NULL, svcr_case_replay(o->c, NULL, &o->copy)))
CASE_CALL(case_decode, (svcr_case_free(o->copy), o->copy = NULL,
                        svcr_case_decode(o->desk, o->case_json, strlen(o->case_json), &o->copy)))
CASE_CALL(workflow_encode, (svcr_free(o->json), o->json = NULL, svcr_workflow_encode(o->desk, &o->json)))
CASE_CALL(timer_config_new, (svcr_timer_config_free(o->config), o->config = NULL,
                             svcr_timer_config_new(o->desk, &o->config)))

static void a_case_survives_failed_calls(void **state)
{
    (void)state;
    long total = 0;
    total += test_alloc_exhaust_call(&case_set_fact_replace);
    total += test_alloc_exhaust_call(&case_set_fact_integer);
    total += test_alloc_exhaust_call(&case_set_fact_boolean);
    total += test_alloc_exhaust_call(&case_set_fact_money);
    total += test_alloc_exhaust_call(&case_unset_fact);
    total += test_alloc_exhaust_call(&case_apply_grows_log);
    total += test_alloc_exhaust_call(&case_apply_note);
    total += test_alloc_exhaust_call(&case_encode);
    total += test_alloc_exhaust_call(&case_replay);
    total += test_alloc_exhaust_call(&case_decode);
    total += test_alloc_exhaust_call(&workflow_encode);
    total += test_alloc_exhaust_call(&timer_config_new);
    assert_true(total > 12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_case_survives_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
