/* Insight fed with svcr_case objects: what it reads from the log, the workflow and the facts;
 * facts of the wrong type; allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static const int64_t T0 = 1795424400; /* 2026-11-23T09:00:00Z */

/* A small workflow declaring every fact insight can read. */
static const char workflow_json[] =
    "{\"name\": \"insight-test\", \"roles\": [\"agent\"],\n"
    " \"facts\": [{\"name\": \"root_cause\", \"type\": \"string\"}, {\"name\": \"customer\", \"type\": \"string\"},\n"
    "            {\"name\": \"severity\", \"type\": \"string\"}, {\"name\": \"satisfaction\", \"type\": \"integer\"},\n"
    "            {\"name\": \"solicited\", \"type\": \"boolean\"}, {\"name\": \"client\", \"type\": \"integer\"}],\n"
    " \"states\": [{\"name\": \"open\", \"kind\": \"initial\"}, {\"name\": \"working\"},\n"
    "            {\"name\": \"follow_up\", \"kind\": \"resolved\"}, {\"name\": \"closed\", \"kind\": \"closed\"}],\n"
    " \"transitions\": [{\"event\": \"apologized\", \"from\": \"open\", \"to\": \"working\"},\n"
    "                 {\"event\": \"fixed\", \"from\": \"working\", \"to\": \"follow_up\"},\n"
    "                 {\"event\": \"satisfied\", \"from\": \"follow_up\", \"to\": \"closed\"},\n"
    "                 {\"event\": \"not_satisfied\", \"from\": \"follow_up\", \"to\": \"working\"},\n"
    "                 {\"event\": \"reopen\", \"from\": \"closed\", \"to\": \"working\", \"reopen\": true}]}";

static void apply(svcr_case *c, const char *event, int64_t at)
{
    if (svcr_case_apply(c, event, "agent", at, NULL) != SVCR_OK)
        fail_msg("%s: %s", event, svcr_error_message());
}

/* The built-in five-step workflow: not satisfied once, then satisfied, then reopened. */
static void five_step_case(void **state)
{
    (void)state;
    svcr_workflow *wf;
    svcr_case *c;
    svcr_insight *insight;
    assert_int_equal(svcr_workflow_builtin("five-step", &wf), SVCR_OK);
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);

    svcr_insight_record r;
    assert_int_equal(svcr_insight_record_from_case(insight, c, &r), SVCR_OK);
    assert_string_equal(r.state, "identify");
    assert_true(r.opened_at == T0);
    assert_true(r.first_response_seconds == -1 && r.resolution_seconds == -1);
    assert_int_equal(r.follow_up, SVCR_INSIGHT_FOLLOW_UP_NONE);
    assert_false(r.closed);
    assert_null(r.root_cause);

    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "parcel by Friday"), SVCR_OK);
    apply(c, "identified", T0 + 60);
    apply(c, "apologized", T0 + 300);
    apply(c, "listened", T0 + 600);
    assert_int_equal(svcr_case_set_fact_string(c, "customer_wish", "redeliver"), SVCR_OK);
    apply(c, "fixed", T0 + 3600);
    assert_int_equal(svcr_case_set_fact_string(c, "atonement", "shipping refunded"), SVCR_OK);
    apply(c, "atoned", T0 + 4000); /* enters follow_up, a resolved state */
    apply(c, "not_satisfied", T0 + 90000);
    apply(c, "fixed", T0 + 95000);
    apply(c, "atoned", T0 + 96000);
    assert_int_equal(svcr_case_set_fact_string(c, "root_cause", "carrier missed pickup"), SVCR_OK);
    apply(c, "satisfied", T0 + 100000);
    apply(c, "reopen", T0 + 200000);

    assert_int_equal(svcr_insight_record_from_case(insight, c, &r), SVCR_OK);
    assert_string_equal(r.state, "fix");
    assert_true(r.first_response_seconds == 300);
    assert_true(r.resolution_seconds == 4000);
    assert_int_equal(r.follow_up, SVCR_INSIGHT_FOLLOW_UP_SATISFIED);
    assert_true(r.closed);
    assert_int_equal(r.reopen_count, 1);
    assert_string_equal(r.root_cause, "carrier missed pickup");
    assert_null(r.customer); /* five-step declares no customer fact */
    assert_int_equal(r.severity, SVCR_INSIGHT_SEVERITY_UNKNOWN);
    assert_false(r.has_satisfaction);
    assert_int_equal(r.solicited, SVCR_INSIGHT_FLAG_UNKNOWN);
    assert_int_equal(r.timer_count, 0);

    assert_int_equal(svcr_insight_add_case(insight, c, NULL, 0), SVCR_OK);
    assert_int_equal(svcr_insight_case_count(insight), 1);
    assert_int_equal(svcr_insight_state_count(insight, "fix"), 1);
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "reopen_rate", &m), SVCR_OK);
    assert_int_equal(m.numerator, 1);
    assert_int_equal(m.denominator, 1);

    svcr_insight_free(insight);
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

static void facts_fill_the_record(void **state)
{
    (void)state;
    svcr_workflow *wf;
    svcr_case *c;
    svcr_insight *insight;
    assert_int_equal(svcr_workflow_parse(workflow_json, strlen(workflow_json), &wf), SVCR_OK);
    assert_int_equal(svcr_case_new(wf, "C-2", T0, &c), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "customer", "C-7"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "severity", "major"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "satisfaction", 9), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_boolean(c, "solicited", 1), SVCR_OK);
    apply(c, "apologized", T0 + 10);
    apply(c, "fixed", T0 + 20);
    apply(c, "satisfied", T0 + 30);

    svcr_insight_record r;
    assert_int_equal(svcr_insight_record_from_case(insight, c, &r), SVCR_OK);
    assert_string_equal(r.customer, "C-7");
    assert_int_equal(r.severity, SVCR_INSIGHT_SEVERITY_MAJOR);
    assert_true(r.has_satisfaction);
    assert_int_equal(r.satisfaction, 9);
    assert_int_equal(r.solicited, SVCR_INSIGHT_FLAG_YES);
    assert_true(r.resolution_seconds == 20);
    assert_true(r.closed);
    assert_int_equal(svcr_insight_add_case(insight, c, NULL, 0), SVCR_OK);
    svcr_insight_paradox_figures p = {.size = sizeof p};
    assert_int_equal(svcr_insight_paradox(insight, &p), SVCR_OK);
    assert_int_equal(p.recovered.count, 1);
    assert_true(p.recovered.mean == 9.0);
    svcr_insight_free(insight);

    /* options that read other names, or skip a value */
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.first_response_event = "fixed";
    options.satisfied_event = NULL;
    options.customer_fact = NULL;
    options.severity_fact = NULL;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_record_from_case(insight, c, &r), SVCR_OK);
    assert_true(r.first_response_seconds == 20);
    assert_int_equal(r.follow_up, SVCR_INSIGHT_FOLLOW_UP_NONE);
    assert_null(r.customer);
    assert_int_equal(r.severity, SVCR_INSIGHT_SEVERITY_UNKNOWN);
    svcr_insight_free(insight);

    /* a fact of the wrong type, a severity that is not minor or major, a score out of range */
    svcr_insight_options_init(&options, sizeof options);
    options.customer_fact = "client";
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "client", 42), SVCR_OK);
    r.state = "untouched";
    assert_int_equal(svcr_insight_record_from_case(insight, c, &r), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(), "insight: fact \"client\" must be of type string");
    assert_string_equal(r.state, "untouched");
    assert_int_equal(svcr_insight_add_case(insight, c, NULL, 0), SVCR_EINVAL);
    assert_int_equal(svcr_insight_case_count(insight), 0);
    svcr_insight_free(insight);

    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "severity", "huge"), SVCR_OK);
    assert_int_equal(svcr_insight_add_case(insight, c, NULL, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"huge\", not \"minor\" or \"major\""));
    assert_int_equal(svcr_case_set_fact_string(c, "severity", "minor"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "satisfaction", 100000), SVCR_OK);
    assert_int_equal(svcr_insight_add_case(insight, c, NULL, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"satisfaction\" is 100000"));
    assert_int_equal(svcr_insight_case_count(insight), 0);

    assert_int_equal(svcr_insight_record_from_case(NULL, c, &r), SVCR_EINVAL);
    assert_int_equal(svcr_insight_record_from_case(insight, NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_insight_record_from_case(insight, c, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_case(NULL, c, NULL, 0), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_case(insight, NULL, NULL, 0), SVCR_EINVAL);
    svcr_insight_free(insight);
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

static svcr_status cases_into_insight(void *unused)
{
    (void)unused;
    svcr_workflow *wf = NULL;
    svcr_insight *insight = NULL;
    char *json = NULL;
    svcr_status status = svcr_workflow_parse(workflow_json, strlen(workflow_json), &wf);
    if (status == SVCR_OK)
        status = svcr_insight_new(NULL, &insight);
    for (int i = 0; status == SVCR_OK && i < 3; i++) {
        svcr_case *c;
        char id[16];
        snprintf(id, sizeof id, "C-%d", i);
        status = svcr_case_new(wf, id, T0, &c);
        if (status != SVCR_OK)
            break;
        status = svcr_case_set_fact_string(c, "customer", i < 2 ? "C-1" : "C-2");
        if (status == SVCR_OK)
            status = svcr_case_set_fact_string(c, "root_cause", i ? "late" : "rude");
        if (status == SVCR_OK)
            status = svcr_case_apply(c, "apologized", "agent", T0 + 100, NULL);
        if (status == SVCR_OK)
            status = svcr_insight_add_case(insight, c, NULL, 0);
        svcr_case_free(c);
    }
    if (status == SVCR_OK)
        status = svcr_insight_encode(insight, &json);
    svcr_free(json);
    svcr_insight_free(insight);
    svcr_workflow_free(wf);
    return status;
}

static void cases_survive_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(cases_into_insight, NULL);
    print_message("insight from cases: workflow + 3 cases + insight + JSON: %ld allocation points\n", points);
    assert_true(points > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_step_case),
        cmocka_unit_test(facts_fill_the_record),
        cmocka_unit_test(cases_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
