/* Insight from cases with their timers: per-timer "share within goal" fed from svcr_case_timer(). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"
#include "support/read_all.h"

/* Monday 2026-11-23 09:00 UTC; the office calendar is open 09:00-17:00 Monday to Friday (UTC). */
static const int64_t monday_9 = 1795424400;
enum { MINUTE = 60, HOUR = 3600 };

typedef struct fixture {
    svcr_workflow *wf;
    svcr_calendar *office;
    svcr_timer_config *config;
    svcr_case *prompt; /* apologized after 30 minutes, fixed after an hour: both goals met */
    svcr_case *slow;   /* apologized after 2 business hours: first response breached */
} fixture;

static void walk(svcr_case *c, const char *const *events, const int64_t *offsets, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (svcr_case_apply(c, events[i], "agent", monday_9 + offsets[i], NULL) != SVCR_OK)
            fail_msg("%s: %s", events[i], svcr_error_message());
}

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    assert_int_equal(svcr_workflow_builtin("five-step", &f.wf), SVCR_OK);
    const char *office = "{\"name\": \"office\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]}}";
    assert_int_equal(svcr_calendar_parse(office, strlen(office), &f.office), SVCR_OK);
    assert_int_equal(svcr_timer_config_new(f.wf, &f.config), SVCR_OK);
    assert_int_equal(svcr_timer_config_bind_calendar(f.config, "business", f.office), SVCR_OK);

    static const char *const events[] = {"identified", "apologized", "listened", "fixed"};
    static const int64_t prompt_at[] = {10 * MINUTE, 30 * MINUTE, 40 * MINUTE, HOUR};
    static const int64_t slow_at[] = {10 * MINUTE, 2 * HOUR, 2 * HOUR + MINUTE};
    assert_int_equal(svcr_case_new(f.wf, "C-1", monday_9, &f.prompt), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(f.prompt, "expectation", "delivery Monday"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(f.prompt, "customer_wish", "redeliver"), SVCR_OK);
    walk(f.prompt, events, prompt_at, 4);
    assert_int_equal(svcr_case_new(f.wf, "C-2", monday_9, &f.slow), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(f.slow, "expectation", "delivery Monday"), SVCR_OK);
    walk(f.slow, events, slow_at, 3);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_case_free(f->prompt);
    svcr_case_free(f->slow);
    svcr_timer_config_free(f->config);
    svcr_calendar_free(f->office);
    svcr_workflow_free(f->wf);
    return 0;
}

static svcr_insight_flag outcome_of(const svcr_insight_timer *timers, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(timers[i].name, name) == 0)
            return timers[i].met_goal;
    fail_msg("no timer %s", name);
    return SVCR_INSIGHT_FLAG_UNKNOWN;
}

static void timer_outcomes_are_met_breached_or_unknown(void **state)
{
    fixture *f = *state;
    svcr_insight_timer timers[8], *pointers[8];
    svcr_test_timer_pointers(timers, 8, pointers);
    size_t count = 0;
    int64_t at = monday_9 + 3 * HOUR;
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, f->config, at, pointers, 8, &count), SVCR_OK);
    assert_int_equal(count, svcr_workflow_timer_count(f->wf));
    assert_int_equal(outcome_of(timers, count, "first_response"), SVCR_INSIGHT_FLAG_YES);
    assert_int_equal(outcome_of(timers, count, "resolution"), SVCR_INSIGHT_FLAG_YES);
    assert_int_equal(outcome_of(timers, count, "follow_up"), SVCR_INSIGHT_FLAG_UNKNOWN); /* not started */

    assert_int_equal(svcr_insight_timers_from_case(f->slow, f->config, at, pointers, 8, &count), SVCR_OK);
    assert_int_equal(outcome_of(timers, count, "first_response"), SVCR_INSIGHT_FLAG_NO);
    assert_int_equal(outcome_of(timers, count, "resolution"), SVCR_INSIGHT_FLAG_UNKNOWN); /* running, in time */
}

static void add_case_at_feeds_share_within_goal(void **state)
{
    fixture *f = *state;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    svcr_insight *insight = NULL;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    int64_t at = monday_9 + 3 * HOUR;
    assert_int_equal(svcr_insight_add_case(insight, f->prompt, f->config, at), SVCR_OK);
    assert_int_equal(svcr_insight_add_case(insight, f->slow, f->config, at), SVCR_OK);
    svcr_insight_metric_value metric = {.size = sizeof metric};
    assert_int_equal(svcr_insight_metric_find(insight, "first_response_within_goal_share", &metric), SVCR_OK);
    assert_int_equal(metric.numerator, 1);
    assert_int_equal(metric.denominator, 2);
    assert_int_equal(svcr_insight_metric_find(insight, "resolution_within_goal_share", &metric), SVCR_OK);
    assert_int_equal(metric.numerator, 1);
    assert_int_equal(metric.denominator, 1); /* the slow case's resolution is still running */
    assert_int_equal(svcr_insight_case_count(insight), 2);
    svcr_insight_free(insight);
}

static void errors_change_nothing(void **state)
{
    fixture *f = *state;
    svcr_insight_timer timers[8], *pointers[8];
    svcr_test_timer_pointers(timers, 8, pointers);
    size_t count = 99;
    assert_int_equal(svcr_insight_timers_from_case(NULL, f->config, monday_9, pointers, 8, &count), SVCR_EINVAL);
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, f->config, monday_9, pointers, 8, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, f->config, monday_9, NULL, 8, &count), SVCR_EINVAL);
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, f->config, monday_9, pointers, 1, &count), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "buffer holds 1"));
    /* An unknown time is refused and changes nothing. */
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, f->config, monday_9 - 1, pointers, 8, &count),
                     SVCR_EINVAL);
    assert_int_equal(count, 99);
    /* Without a configuration "business" is the default calendar (Monday-Friday 09:00-17:00 UTC). */
    assert_int_equal(svcr_insight_timers_from_case(f->prompt, NULL, monday_9, pointers, 8, &count), SVCR_OK);
    assert_int_equal(count, svcr_workflow_timer_count(f->wf));

    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    svcr_insight *insight = NULL;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_add_case(insight, f->prompt, f->config, monday_9 - 1), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_case(NULL, f->prompt, f->config, monday_9), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_case(insight, NULL, f->config, monday_9), SVCR_EINVAL);
    assert_int_equal(svcr_insight_case_count(insight), 0);
    /* Without a configuration the case counts and its timers are left out. */
    assert_int_equal(svcr_insight_add_case(insight, f->prompt, NULL, monday_9), SVCR_OK);
    assert_int_equal(svcr_insight_case_count(insight), 1);
    svcr_insight_metric_value metric = {.size = sizeof metric};
    assert_int_equal(svcr_insight_metric_find(insight, "first_response_within_goal_share", &metric),
                     SVCR_ENOTFOUND);
    svcr_insight_free(insight);
}

static svcr_status add_with_timers(void *state)
{
    fixture *f = state;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    svcr_insight *insight = NULL;
    svcr_status status = svcr_insight_new(&options, &insight);
    if (status == SVCR_OK)
        status = svcr_insight_add_case(insight, f->prompt, f->config, monday_9 + 3 * HOUR);
    if (status == SVCR_OK)
        status = svcr_insight_add_case(insight, f->slow, f->config, monday_9 + 3 * HOUR);
    svcr_insight_free(insight);
    return status;
}

static void survives_every_allocation_failure(void **state)
{
    assert_true(test_alloc_exhaust(add_with_timers, *state) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(timer_outcomes_are_met_breached_or_unknown),
        cmocka_unit_test(add_case_at_feeds_share_within_goal),
        cmocka_unit_test(errors_change_nothing),
        cmocka_unit_test(survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
