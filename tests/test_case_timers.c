/* Timers per case: running, paused while waiting on the customer, stopped (met or breached), each
 * reopen rule, business calendars, target overrides, and that replay gives the same answers.
 *
 * The "business" calendar is Monday to Friday 09:00-17:00 UTC; T0 is Monday 2026-11-23 09:00. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

typedef struct fixture {
    svcr_workflow *desk, *five_step;
    svcr_calendar *office;
    svcr_timer_config *desk_config, *five_step_config;
} fixture;

static const char office_json[] = "{\"name\": \"office\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]}}";

static int setup(void **state)
{
    static fixture f;
    if ((f.desk = fixture_desk()) == NULL || svcr_workflow_builtin("five-step", &f.five_step) != SVCR_OK ||
        svcr_calendar_parse(office_json, strlen(office_json), &f.office) ||
        svcr_timer_config_new(f.desk, &f.desk_config) || svcr_timer_config_new(f.five_step, &f.five_step_config) ||
        svcr_timer_config_bind_calendar(f.desk_config, "business", f.office) ||
        svcr_timer_config_bind_calendar(f.five_step_config, "business", f.office))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_timer_config_free(f->desk_config);
    svcr_timer_config_free(f->five_step_config);
    svcr_calendar_free(f->office);
    svcr_workflow_free(f->desk);
    svcr_workflow_free(f->five_step);
    return 0;
}

static svcr_timer_status status(const svcr_case *c, const svcr_timer_config *config, const char *timer, int64_t at)
{
    svcr_timer_status s = {.size = sizeof s};
    if (svcr_case_timer(c, config, timer, at, &s) != SVCR_OK)
        fail_msg("%s: %s", timer, svcr_error_message());
    return s;
}

static void apply(svcr_case *c, const char *event, const char *role, int64_t at)
{
    if (svcr_case_apply(c, event, role, at, NULL) != SVCR_OK)
        fail_msg("%s: %s", event, svcr_error_message());
}

static svcr_case *desk_case(const fixture *f, int64_t opened)
{
    svcr_case *c;
    assert_int_equal(svcr_case_new(f->desk, "T-1", opened, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "Room not ready"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "severity", 2), SVCR_OK);
    return c;
}

static void runs_and_meets_or_breaches(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, T0);
    svcr_timer_status s = status(c, f->desk_config, "response", T0 + 20 * MINUTE);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_string_equal(s.name, "response");
    assert_int_equal(s.target, HOUR);
    assert_int_equal(s.started_at, T0);
    assert_int_equal(s.elapsed, 20 * MINUTE);
    assert_int_equal(s.remaining, 40 * MINUTE);
    assert_true(s.has_due);
    assert_int_equal(s.due_at, T0 + HOUR);
    assert_false(s.breached);

    /* Not answered by 10:30: overdue by half an hour since 10:00. */
    s = status(c, f->desk_config, "response", T0 + 90 * MINUTE);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.remaining, -30 * MINUTE);
    assert_true(s.breached);
    assert_int_equal(s.breached_at, T0 + HOUR);
    assert_int_equal(s.due_at, T0 + HOUR);

    apply(c, "start", "agent", T0 + 2 * HOUR);
    s = status(c, f->desk_config, "response", T0 + 5 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_int_equal(s.stopped_at, T0 + 2 * HOUR);
    assert_int_equal(s.elapsed, 2 * HOUR);
    assert_false(s.met);
    assert_true(s.breached);
    assert_int_equal(s.breached_at, T0 + HOUR);
    assert_false(s.has_due);
    /* Looking back at a time before the stop gives the status as it was then. */
    s = status(c, f->desk_config, "response", T0 + 30 * MINUTE);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_false(s.breached);

    /* "handling" starts with the event "start" and counts around the clock (24x7). */
    s = status(c, f->desk_config, "handling", T0 + HOUR);
    assert_int_equal(s.state, SVCR_TIMER_NOT_STARTED);
    assert_int_equal(s.started_at, 0);
    s = status(c, f->desk_config, "handling", T0 + 3 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.started_at, T0 + 2 * HOUR);
    assert_int_equal(s.due_at, T0 + 6 * HOUR);
    svcr_case_free(c);

    /* Met: answered after 45 minutes, stopped exactly at the target is met too. */
    c = desk_case(f, T0);
    apply(c, "start", "agent", T0 + HOUR);
    s = status(c, f->desk_config, "response", T0 + DAY);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_true(s.met);
    assert_false(s.breached);
    assert_int_equal(s.remaining, 0);
    svcr_case_free(c);
}

/* Business hours: opened Friday 16:00, the 1-hour response is due at Friday 17:00 and the
 * 8-hour resolution on Monday 16:00; nothing counts over the weekend. */
static void counts_business_time_over_a_weekend(void **state)
{
    fixture *f = *state;
    int64_t friday = T0 - 3 * DAY + 7 * HOUR; /* 2026-11-20T16:00:00Z */
    svcr_case *c = desk_case(f, friday);
    svcr_timer_status s = status(c, f->desk_config, "response", friday);
    assert_int_equal(s.due_at, friday + HOUR);
    s = status(c, f->desk_config, "resolution", friday);
    assert_int_equal(s.due_at, T0 + 7 * HOUR);
    /* Sunday noon: one business hour has passed, the response is overdue since Friday 17:00. */
    s = status(c, f->desk_config, "response", T0 - DAY + 3 * HOUR);
    assert_int_equal(s.elapsed, HOUR);
    assert_int_equal(s.remaining, 0);
    assert_false(s.breached);
    s = status(c, f->desk_config, "response", T0 + MINUTE);
    assert_true(s.breached);
    assert_int_equal(s.breached_at, friday + HOUR);
    assert_int_equal(s.remaining, -MINUTE);
    svcr_case_free(c);
}

/* Issue 4: pause while waiting on the customer, and resume. */
static void pauses_while_waiting_on_the_customer(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, T0);
    apply(c, "start", "agent", T0 + 30 * MINUTE);
    apply(c, "ask_customer", "agent", T0 + HOUR);
    svcr_timer_status s = status(c, f->desk_config, "resolution", T0 + DAY + HOUR);
    assert_int_equal(s.state, SVCR_TIMER_PAUSED);
    assert_int_equal(s.elapsed, HOUR);
    assert_int_equal(s.remaining, 7 * HOUR);
    assert_false(s.has_due);
    s = status(c, f->desk_config, "handling", T0 + DAY + HOUR);
    assert_int_equal(s.state, SVCR_TIMER_PAUSED);
    assert_int_equal(s.elapsed, 30 * MINUTE);

    apply(c, "customer_replied", "agent", T0 + DAY + 2 * HOUR); /* Tuesday 11:00 */
    s = status(c, f->desk_config, "resolution", T0 + DAY + 3 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.elapsed, 2 * HOUR);
    assert_int_equal(s.remaining, 6 * HOUR);
    assert_int_equal(s.due_at, T0 + 2 * DAY + HOUR); /* Tuesday 12:00 + 6 business hours: Wednesday 10:00 */
    s = status(c, f->desk_config, "handling", T0 + DAY + 3 * HOUR);
    assert_int_equal(s.elapsed, 90 * MINUTE);
    assert_int_equal(s.due_at, T0 + DAY + 3 * HOUR + 150 * MINUTE);

    apply(c, "solve", "agent", T0 + DAY + 4 * HOUR);
    s = status(c, f->desk_config, "resolution", T0 + 3 * DAY);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_true(s.met);
    assert_int_equal(s.elapsed, 3 * HOUR);
    svcr_case_free(c);
}

/* Issue 4: what a reopen does, for each rule. The case is solved on Monday at 12:00 and reopened
 * at 14:00. */
static void each_reopen_rule(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, T0);
    apply(c, "start", "agent", T0 + 30 * MINUTE);
    apply(c, "solve", "agent", T0 + 3 * HOUR);
    apply(c, "reopen", "agent", T0 + 5 * HOUR);
    int64_t later = T0 + 6 * HOUR;

    /* "stop": the response stays as it was. */
    svcr_timer_status s = status(c, f->desk_config, "response", later);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_int_equal(s.stopped_at, T0 + 30 * MINUTE);
    assert_true(s.met);

    /* "resume": 3 business hours before solving, plus the hour since the reopen. */
    s = status(c, f->desk_config, "resolution", later);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.started_at, T0);
    assert_int_equal(s.elapsed, 4 * HOUR);
    assert_int_equal(s.due_at, T0 + DAY + 2 * HOUR); /* 2 hours on Monday, 2 on Tuesday */
    assert_int_equal(s.stopped_at, 0);

    /* "restart": a new cycle from the reopen. */
    s = status(c, f->desk_config, "handling", later);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.started_at, T0 + 5 * HOUR);
    assert_int_equal(s.elapsed, HOUR);
    assert_int_equal(s.remaining, 3 * HOUR);

    /* Solving again stops the resumed and restarted timers; their new outcomes hold. */
    apply(c, "solve", "agent", T0 + 7 * HOUR);
    s = status(c, f->desk_config, "resolution", T0 + DAY);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_int_equal(s.elapsed, 5 * HOUR);
    assert_true(s.met);
    s = status(c, f->desk_config, "handling", T0 + DAY);
    assert_int_equal(s.elapsed, 2 * HOUR);
    assert_int_equal(s.stopped_at, T0 + 7 * HOUR);
    svcr_case_free(c);
}

/* five-step: first response and resolution in business hours, the follow-up 24 hours after the
 * case enters follow_up, again after each return to it. */
static void five_step_timers(void **state)
{
    fixture *f = *state;
    assert_int_equal(svcr_workflow_timer_count(f->five_step), 3);
    svcr_timer_info info = {.size = sizeof info};
    assert_int_equal(svcr_workflow_timer(f->five_step, 0, &info), SVCR_OK);
    assert_string_equal(info.name, "first_response");
    assert_string_equal(info.calendar, "business");
    assert_int_equal(info.target, HOUR);
    assert_int_equal(info.on_reopen, SVCR_TIMER_STAY);
    assert_int_equal(svcr_workflow_find_timer(f->five_step, "resolution", &info), SVCR_OK);
    assert_int_equal(info.target, 16 * HOUR);
    assert_int_equal(info.on_reopen, SVCR_TIMER_RESUME);
    assert_int_equal(svcr_workflow_find_timer(f->five_step, "follow_up", &info), SVCR_OK);
    assert_int_equal(info.index, 2);
    assert_string_equal(info.calendar, "24x7");
    assert_int_equal(info.target, DAY);
    assert_int_equal(info.paused_in_count, 0);

    svcr_case *c;
    assert_int_equal(svcr_case_new(f->five_step, "T-5", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "x"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "customer_wish", "x"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "atonement", "x"), SVCR_OK);
    apply(c, "identified", "agent", T0 + 10 * MINUTE);
    apply(c, "apologized", "agent", T0 + 20 * MINUTE);
    apply(c, "listened", "agent", T0 + 30 * MINUTE);
    apply(c, "fixed", "agent", T0 + 2 * HOUR);
    svcr_timer_status s = status(c, f->five_step_config, "follow_up", T0 + 2 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_NOT_STARTED);
    apply(c, "atoned", "agent", T0 + 3 * HOUR);
    s = status(c, f->five_step_config, "follow_up", T0 + 4 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.due_at, T0 + 3 * HOUR + DAY);
    s = status(c, f->five_step_config, "first_response", T0 + 4 * HOUR);
    assert_true(s.met);
    assert_int_equal(s.elapsed, 20 * MINUTE);
    s = status(c, f->five_step_config, "resolution", T0 + 4 * HOUR);
    assert_true(s.met);
    assert_int_equal(s.elapsed, 2 * HOUR);

    /* Not satisfied: back to fix (the follow-up stops), then a new follow-up cycle. */
    apply(c, "not_satisfied", "agent", T0 + DAY + 4 * HOUR);
    s = status(c, f->five_step_config, "follow_up", T0 + DAY + 5 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_STOPPED);
    assert_false(s.met); /* 25 hours: a day late */
    assert_int_equal(s.breached_at, T0 + 3 * HOUR + DAY);
    apply(c, "fixed", "agent", T0 + DAY + 6 * HOUR);
    apply(c, "atoned", "agent", T0 + DAY + 6 * HOUR);
    s = status(c, f->five_step_config, "follow_up", T0 + DAY + 7 * HOUR);
    assert_int_equal(s.state, SVCR_TIMER_RUNNING);
    assert_int_equal(s.started_at, T0 + DAY + 6 * HOUR);
    assert_false(s.breached);
    svcr_case_free(c);
}

static void targets_are_overridable(void **state)
{
    fixture *f = *state;
    svcr_timer_config *config;
    assert_int_equal(svcr_timer_config_new(f->desk, &config), SVCR_OK);
    assert_int_equal(svcr_timer_config_bind_calendar(config, "business", f->office), SVCR_OK);
    assert_int_equal(svcr_timer_config_set_target(config, "response", 15 * MINUTE), SVCR_OK);
    svcr_case *c = desk_case(f, T0);
    svcr_timer_status s = status(c, config, "response", T0);
    assert_int_equal(s.target, 15 * MINUTE);
    assert_int_equal(s.due_at, T0 + 15 * MINUTE);
    /* The workflow is untouched: another configuration still has the hour. */
    s = status(c, f->desk_config, "response", T0);
    assert_int_equal(s.target, HOUR);

    /* Binding "24x7" replaces the always-open default of "handling" too. */
    assert_int_equal(svcr_timer_config_bind_calendar(config, "24x7", f->office), SVCR_OK);
    apply(c, "start", "agent", T0 + 7 * HOUR); /* 16:00 */
    s = status(c, config, "handling", T0 + 7 * HOUR);
    assert_int_equal(s.due_at, T0 + DAY + 3 * HOUR); /* 1 hour on Monday, 3 on Tuesday */

    assert_int_equal(svcr_timer_config_set_target(config, "nothing", 1), SVCR_ENOTFOUND);
    assert_int_equal(svcr_timer_config_set_target(config, "response", -1), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_set_target(NULL, "response", 1), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_set_target(config, NULL, 1), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_bind_calendar(config, "buisness", f->office), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(), "svcr_timer_config_bind_calendar: no timer of workflow \"desk\" "
                                              "counts in calendar \"buisness\" (used: business, 24x7)");
    assert_int_equal(svcr_timer_config_bind_calendar(NULL, "business", f->office), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_bind_calendar(config, NULL, f->office), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_bind_calendar(config, "business", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_new(NULL, &config), SVCR_EINVAL);
    assert_int_equal(svcr_timer_config_new(f->desk, NULL), SVCR_EINVAL);
    svcr_timer_config_free(config);
    svcr_timer_config_free(NULL);
    svcr_case_free(c);
}

/* Unbound, "business" is the default Monday-Friday 09:00-17:00 UTC: the same answers as the office
 * calendar bound explicitly; another unbound name is still an error naming it. */
static void business_defaults_to_office_hours(void **state)
{
    fixture *f = *state;
    svcr_case *c = NULL;
    assert_int_equal(svcr_case_new(f->five_step, "D-1", T0 + 4 * DAY + 7 * HOUR, &c), SVCR_OK); /* Friday 16:00 */
    svcr_timer_config *plain = NULL;
    assert_int_equal(svcr_timer_config_new(f->five_step, &plain), SVCR_OK);
    const int64_t times[] = {T0 + 4 * DAY + 7 * HOUR, T0 + 5 * DAY, T0 + 7 * DAY + HOUR, T0 + 9 * DAY};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        svcr_timer_status bound = status(c, f->five_step_config, "resolution", times[i]);
        svcr_timer_status none = status(c, NULL, "resolution", times[i]);
        svcr_timer_status unbound = status(c, plain, "resolution", times[i]);
        assert_int_equal(none.elapsed, bound.elapsed);
        assert_int_equal(none.due_at, bound.due_at);
        assert_int_equal(unbound.remaining, bound.remaining);
    }
    /* Friday 16:00 + 16 business hours: Tuesday 16:00. */
    assert_int_equal(status(c, NULL, "resolution", T0 + 4 * DAY + 7 * HOUR).due_at, T0 + 8 * DAY + 7 * HOUR);
    /* A host's binding replaces the default: always open, due 16 hours later (Saturday 08:00). */
    svcr_calendar *always = NULL;
    assert_int_equal(svcr_calendar_new_24x7(&always), SVCR_OK);
    assert_int_equal(svcr_timer_config_bind_calendar(plain, "business", always), SVCR_OK);
    assert_int_equal(status(c, plain, "resolution", T0 + 4 * DAY + 7 * HOUR).due_at, T0 + 4 * DAY + 23 * HOUR);
    svcr_timer_config_free(plain);
    svcr_calendar_free(always);
    svcr_case_free(c);

    /* The desk workflow with its response timer counting in "night": nothing stands in for that. */
    size_t length = 0;
    char *desk = fixture_read("workflow_desk.json", &length);
    assert_non_null(desk);
    const char *night = fixture_variant(desk, "\"calendar\": \"business\"", "\"calendar\": \"night\"");
    free(desk);
    svcr_workflow *wf = NULL;
    assert_int_equal(svcr_workflow_parse(night, strlen(night), &wf), SVCR_OK);
    assert_int_equal(svcr_case_new(wf, "T-1", T0, &c), SVCR_OK);
    svcr_timer_status s = {.size = sizeof s};
    assert_int_equal(svcr_case_timer(c, NULL, "response", T0, &s), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(), "svcr_case_timer: case \"T-1\": timer \"response\" counts in calendar "
                                              "\"night\", which is not bound (svcr_timer_config_bind_calendar)");
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

static void rejects_bad_arguments(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, T0);
    svcr_timer_status s = {.size = sizeof s};
    assert_int_equal(svcr_case_timer(c, NULL, "handling", T0, &s), SVCR_OK); /* 24x7 needs no binding */
    assert_int_equal(svcr_case_timer(c, f->five_step_config, "response", T0, &s), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "is for workflow \"five-step\""));
    assert_int_equal(svcr_case_timer(c, f->desk_config, "nothing", T0, &s), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_timer(c, f->desk_config, "response", T0 - 1, &s), SVCR_EINVAL);
    assert_int_equal(svcr_case_timer(NULL, f->desk_config, "response", T0, &s), SVCR_EINVAL);
    assert_int_equal(svcr_case_timer(c, f->desk_config, NULL, T0, &s), SVCR_EINVAL);
    assert_int_equal(svcr_case_timer(c, f->desk_config, "response", T0, NULL), SVCR_EINVAL);
    svcr_timer_status unsized = {0};
    assert_int_equal(svcr_case_timer(c, f->desk_config, "response", T0, &unsized), SVCR_EINVAL);
    assert_string_equal(svcr_timer_state_name(SVCR_TIMER_PAUSED), "paused");
    assert_string_equal(svcr_timer_state_name((svcr_timer_state)9), "unknown");

    svcr_timer_info info = {.size = sizeof info};
    /* Three declared timers and the one the state "solved" declares with "due_after". */
    assert_int_equal(svcr_workflow_timer_count(f->desk), 4);
    assert_int_equal(svcr_workflow_timer(f->desk, 3, &info), SVCR_OK);
    assert_string_equal(info.name, "solved");
    assert_int_equal(info.target, DAY);
    assert_int_equal(svcr_workflow_timer(f->desk, 4, &info), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_timer(NULL, 0, &info), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_timer(f->desk, "nothing", &info), SVCR_ENOTFOUND);
    assert_int_equal(svcr_workflow_find_timer(f->desk, NULL, &info), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_timer_count(NULL), 0);
    assert_int_equal(svcr_workflow_find_timer(f->desk, "resolution", &info), SVCR_OK);
    assert_int_equal(info.paused_in_count, 1);
    assert_string_equal(info.paused_in[0], "waiting");
    svcr_case_free(c);
}

/* A case opened before 1970 asked about at the last representable second: the elapsed time
 * does not fit in 64 bits. Reported as out of range, not wrapped into "not breached". */
static void far_times_do_not_overflow(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, -DAY);
    apply(c, "start", "agent", -DAY + HOUR);
    svcr_timer_status s = {.size = sizeof s};
    assert_int_equal(svcr_case_timer(c, f->desk_config, "handling", INT64_MAX, &s), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "out of range"));
    s = status(c, f->desk_config, "handling", 400 * DAY);
    assert_true(s.breached);
    assert_int_equal(s.elapsed, 401 * DAY - HOUR);
    svcr_case_free(c);
}

/* Computed from the log: a replayed and a decoded case give the same statuses. */
static void replay_gives_the_same_answers(void **state)
{
    fixture *f = *state;
    svcr_case *c = desk_case(f, T0);
    apply(c, "start", "agent", T0 + 30 * MINUTE);
    apply(c, "ask_customer", "agent", T0 + HOUR);
    apply(c, "customer_replied", "agent", T0 + DAY);
    apply(c, "solve", "agent", T0 + DAY + HOUR);
    apply(c, "reopen", "agent", T0 + DAY + 2 * HOUR);
    char *json = fixture_snapshot(c);
    svcr_case *decoded, *replayed;
    assert_int_equal(svcr_case_decode(f->desk, json, strlen(json), &decoded), SVCR_OK);
    assert_int_equal(svcr_case_replay(c, NULL, &replayed), SVCR_OK);
    static const char *const timers[] = {"response", "resolution", "handling"};
    for (size_t i = 0; i < 3; i++)
        for (int64_t at = T0; at < T0 + 3 * DAY; at += 5 * HOUR) {
            svcr_timer_status a = status(c, f->desk_config, timers[i], at);
            svcr_timer_status b = status(decoded, f->desk_config, timers[i], at);
            svcr_timer_status r = status(replayed, f->desk_config, timers[i], at);
            assert_memory_equal(&a, &b, sizeof a);
            assert_memory_equal(&a, &r, sizeof a);
        }
    svcr_free(json);
    svcr_case_free(decoded);
    svcr_case_free(replayed);
    svcr_case_free(c);
}

static svcr_status config_and_status(void *wf)
{
    svcr_timer_config *config;
    svcr_status st = svcr_timer_config_new(wf, &config);
    if (st != SVCR_OK)
        return st;
    svcr_case *c;
    if ((st = svcr_case_new(wf, "T-9", T0, &c)) == SVCR_OK) {
        svcr_timer_status s = {.size = sizeof s};
        if ((st = svcr_timer_config_set_target(config, "handling", HOUR)) == SVCR_OK)
            st = svcr_case_timer(c, config, "handling", T0 + HOUR, &s);
        svcr_case_free(c);
    }
    svcr_timer_config_free(config);
    return st;
}

static void allocation_failures_are_reported(void **state)
{
    fixture *f = *state;
    long points = test_alloc_exhaust(config_and_status, f->desk);
    print_message("timer config + status: %ld allocation points\n", points);
    assert_int_equal(points, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_and_meets_or_breaches),
        cmocka_unit_test(counts_business_time_over_a_weekend),
        cmocka_unit_test(pauses_while_waiting_on_the_customer),
        cmocka_unit_test(each_reopen_rule),
        cmocka_unit_test(five_step_timers),
        cmocka_unit_test(targets_are_overridable),
        cmocka_unit_test(business_defaults_to_office_hours),
        cmocka_unit_test(rejects_bad_arguments),
        cmocka_unit_test(far_times_do_not_overflow),
        cmocka_unit_test(replay_gives_the_same_answers),
        cmocka_unit_test(allocation_failures_are_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
