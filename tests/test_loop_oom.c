/* Allocation failure in the recovery loop's parsers (taxonomies, limits, survey responses) and in
 * every allocating call on a live case (actors, assignment, approvals, notifications, a
 * guarantee): each allocation fails in turn; the call returns SVCR_ENOMEM, leaves the case's JSON
 * as it was, and the case then takes its next step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

static const char limits_json[] = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"events\": [\"resolved\"],"
                                  " \"roles\": {\"agent\": \"25.00 EUR\", \"manager\": \"unlimited\"}}]}";
static const char survey_json[] = "{\"customer\": \"K-7\", \"score\": 2, \"scale\": [1, 5], \"at\": 0,"
                                  " \"comment\": \"Late\", \"had_problem\": true}";

static svcr_status parse_taxonomy(void *state)
{
    (void)state;
    size_t length;
    char *text = fixture_read("taxonomy.json", &length);
    svcr_taxonomy *t = NULL;
    svcr_status st = svcr_taxonomy_parse(text, length, &t);
    svcr_taxonomy_free(t);
    free(text);
    return st;
}

static svcr_status parse_limits(void *state)
{
    (void)state;
    svcr_workflow *wf = NULL;
    svcr_limits *limits = NULL;
    svcr_status st = svcr_workflow_builtin("four-stage", &wf);
    if (st == SVCR_OK)
        st = svcr_limits_parse(wf, limits_json, strlen(limits_json), &limits);
    svcr_limits_free(limits);
    svcr_workflow_free(wf);
    return st;
}

static svcr_status parse_survey(void *state)
{
    (void)state;
    svcr_survey_response *r = NULL;
    svcr_status st = svcr_survey_response_parse(survey_json, strlen(survey_json), &r);
    svcr_free(r);
    return st;
}

static svcr_status pareto_by_code(void *state)
{
    (void)state;
    size_t length = 0, count = 0;
    char *text = fixture_read("taxonomy.json", &length);
    svcr_taxonomy *t = NULL;
    svcr_insight *insight = NULL;
    svcr_insight_code_row row = {.size = sizeof row}, *rows[] = {&row};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.root_cause = "carrier delay";
    svcr_status st = svcr_taxonomy_parse(text, length, &t);
    if (st == SVCR_OK)
        st = svcr_insight_new(NULL, &insight);
    if (st == SVCR_OK)
        st = svcr_insight_add(insight, &r);
    if (st == SVCR_OK)
        st = svcr_insight_pareto_by_code(insight, t, 1, rows, 1, &count);
    svcr_insight_free(insight);
    svcr_taxonomy_free(t);
    free(text);
    return st;
}

typedef struct objects {
    svcr_workflow *wf;
    svcr_taxonomy *taxonomy;
    svcr_case *c; /* four-stage, in communication_and_classification, classified, 60.00 EUR compensation */
    svcr_case *copy;
    char *json;
    char *case_json;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    size_t length;
    char *text = fixture_read("taxonomy.json", &length);
    svcr_money approved = {2000, "EUR"};
    if (o == NULL || svcr_workflow_builtin("four-stage", &o->wf) != SVCR_OK ||
        svcr_taxonomy_parse(text, length, &o->taxonomy) != SVCR_OK || svcr_case_new(o->wf, "C-1", T0, &o->c) != SVCR_OK ||
        svcr_case_bind_taxonomy(o->c, o->taxonomy) != SVCR_OK ||
        svcr_case_assign(o->c, "ann", "supervisor", "sue", T0) != SVCR_OK ||
        svcr_case_change_fact(o->c, "expectation", "On time", "agent", "ann", T0) != SVCR_OK ||
        svcr_case_apply_as(o->c, "identified", "agent", "ann", T0 + 1, "Called") != SVCR_OK ||
        svcr_case_change_fact(o->c, "resolution", "Resent", "agent", "ann", T0 + 2) != SVCR_OK ||
        svcr_case_apply_as(o->c, "resolved", "agent", "ann", T0 + 3, NULL) != SVCR_OK ||
        svcr_case_change_fact(o->c, "communication", "Told", "agent", "ann", T0 + 4) != SVCR_OK ||
        svcr_case_change_fact(o->c, "root_cause", "carrier delay", "agent", "ann", T0 + 4) != SVCR_OK ||
        svcr_case_approve(o->c, "compensation", approved, "manager", "mia", T0 + 4) != SVCR_OK ||
        svcr_case_change_fact(o->c, "compensation", "60.00 EUR", "agent", "ann", T0 + 4) != SVCR_OK ||
        svcr_case_encode(o->c, &o->case_json) != SVCR_OK)
        return NULL;
    free(text);
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_case_free(o->c);
    svcr_case_free(o->copy);
    svcr_taxonomy_free(o->taxonomy);
    svcr_workflow_free(o->wf);
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
    test_text_append(&text, "%s %p %p", svcr_case_assignee(o->c) ? svcr_case_assignee(o->c) : "-", (void *)o->copy,
                     (void *)o->json);
    return text;
}

/* The case takes its next step: classified by a new person. */
static svcr_status next_step(objects *o)
{
    return svcr_case_apply_as(o->c, "classified", "agent", "zoe", T0 + HOUR, "Classified");
}

#define CALL(name, expression) TEST_CALL(name, next_step, expression)

static const svcr_money sixty = {6000, "EUR"}, twenty = {2000, "EUR"};

CALL(apply_as_new_actor, svcr_case_apply_as(o->c, "guarantee_invoked", "manager", "mo", T0 + 5, "Paid"))
CALL(change_fact_new_actor, svcr_case_change_fact(o->c, "communication", "Told twice", "agent", "bea", T0 + 5))
CALL(assign_new_person, svcr_case_assign(o->c, "bob", "supervisor", "sue", T0 + 5))
CALL(approve, svcr_case_approve(o->c, "compensation", sixty, "manager", "mia", T0 + 5))
CALL(notify_transition, (svcr_free(o->json), o->json = NULL, svcr_case_notify_transition(o->c, 0, &o->json)))
CALL(notify_owner, (svcr_free(o->json), o->json = NULL, svcr_case_notify_owner(o->c, "agent", "ann", T0 + 5, &o->json)))
CALL(notify_approval_request, (svcr_free(o->json), o->json = NULL,
                               svcr_case_notify_approval_request(o->c, "compensation", "agent", "ann", T0 + 5, &o->json)))
CALL(invoke_guarantee, svcr_case_invoke_guarantee(o->c, "On time or 20 EUR", twenty, "compensation", "agent", "eve", T0 + 5))
CALL(encode, (svcr_free(o->json), o->json = NULL, svcr_case_encode(o->c, &o->json)))
CALL(decode, (svcr_case_free(o->copy), o->copy = NULL,
              svcr_case_decode(o->wf, o->case_json, strlen(o->case_json), &o->copy)))
CALL(replay, (svcr_case_free(o->copy), o->copy = NULL, svcr_case_replay(o->c, NULL, &o->copy)))

static void parsers_fail_cleanly(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust(parse_taxonomy, NULL) > 10);
    assert_true(test_alloc_exhaust(parse_limits, NULL) > 2);
    assert_true(test_alloc_exhaust(parse_survey, NULL) > 0);
    assert_true(test_alloc_exhaust(pareto_by_code, NULL) > 3);
}

static void a_case_survives_failed_loop_calls(void **state)
{
    (void)state;
    long total = 0;
    total += test_alloc_exhaust_call(&apply_as_new_actor);
    total += test_alloc_exhaust_call(&change_fact_new_actor);
    total += test_alloc_exhaust_call(&assign_new_person);
    total += test_alloc_exhaust_call(&approve);
    total += test_alloc_exhaust_call(&notify_transition);
    total += test_alloc_exhaust_call(&notify_owner);
    total += test_alloc_exhaust_call(&notify_approval_request);
    total += test_alloc_exhaust_call(&invoke_guarantee);
    total += test_alloc_exhaust_call(&encode);
    total += test_alloc_exhaust_call(&decode);
    total += test_alloc_exhaust_call(&replay);
    assert_true(total > 11);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsers_fail_cleanly),
        cmocka_unit_test(a_case_survives_failed_loop_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
