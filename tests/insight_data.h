/* A hand-computed set of ten cases shared by the insight tests (see test_insight_metrics.c for
 * every figure worked out). Include once per test program. */
#ifndef SVCR_TEST_INSIGHT_DATA_H
#define SVCR_TEST_INSIGHT_DATA_H

#include <svcrecover.h>

enum { Y = SVCR_INSIGHT_FLAG_YES, N = SVCR_INSIGHT_FLAG_NO, U = SVCR_INSIGHT_FLAG_UNKNOWN };
enum { SAT = SVCR_INSIGHT_FOLLOW_UP_SATISFIED, NOT = SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED, NONE = SVCR_INSIGHT_FOLLOW_UP_NONE };
enum { MINOR = SVCR_INSIGHT_SEVERITY_MINOR, MAJOR = SVCR_INSIGHT_SEVERITY_MAJOR, UNKNOWN = SVCR_INSIGHT_SEVERITY_UNKNOWN };

typedef struct sample_case {
    const char *state;
    int64_t opened_at, first_response, resolution;
    int follow_up;
    bool closed;
    uint32_t reopens;
    const char *customer, *cause;
    int severity;
    int satisfaction; /* -1: none */
    int solicited;
    int first_response_met, resolution_met; /* timer outcomes */
} sample_case;

/* Opened at i * 100 (case 6 at 5000, outside the window [0, 1000) the tests use). */
static const sample_case sample_cases[10] = {
    {"closed", 100, 10, 100, SAT, true, 0, "A", "late", MINOR, 9, N, Y, U},
    {"closed", 200, 20, 200, SAT, true, 1, "A", "late", MAJOR, 8, N, Y, U},
    {"closed", 300, 30, 90000, NOT, true, 0, "B", "damaged", MINOR, 3, Y, N, U},
    {"fix", 400, 40, -1, NONE, false, 0, "C", NULL, MAJOR, -1, N, Y, U},
    {"closed", 500, 50, 300, SAT, true, 0, "D", "late", MINOR, 10, Y, Y, U},
    {"closed", 5000, -1, 400, SAT, true, 0, "A", "billing", UNKNOWN, 7, U, U, U},
    {"follow_up", 700, 60, 500, NONE, false, 0, "E", "damaged", MINOR, -1, N, N, U},
    {"closed", 800, 70, 100000, SAT, true, 0, "B", "late", MAJOR, 9, N, Y, N},
    {"closed", 900, 80, -1, NONE, true, 0, NULL, NULL, MAJOR, -1, N, U, U},
    {"apologize", 950, -1, -1, NONE, false, 0, "F", NULL, UNKNOWN, -1, U, U, U},
};

static const int32_t sample_baseline[4] = {8, 7, 9, 8};

static svcr_status add_sample_case(svcr_insight *insight, const sample_case *s)
{
    svcr_insight_timer timers[2];
    size_t timer_count = 0;
    if (s->first_response_met != U)
        timers[timer_count++] = (svcr_insight_timer){sizeof(svcr_insight_timer), "first_response", (svcr_insight_flag)s->first_response_met};
    if (s->resolution_met != U)
        timers[timer_count++] = (svcr_insight_timer){sizeof(svcr_insight_timer), "resolution", (svcr_insight_flag)s->resolution_met};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = s->state;
    r.opened_at = s->opened_at;
    r.first_response_seconds = s->first_response;
    r.resolution_seconds = s->resolution;
    r.follow_up = (svcr_insight_follow_up)s->follow_up;
    r.closed = s->closed;
    r.reopen_count = s->reopens;
    r.customer = s->customer;
    r.root_cause = s->cause;
    r.severity = (svcr_insight_severity)s->severity;
    r.has_satisfaction = s->satisfaction >= 0;
    r.satisfaction = s->satisfaction >= 0 ? s->satisfaction : 0;
    r.solicited = (svcr_insight_flag)s->solicited;
    const svcr_insight_timer *pointers[2] = {&timers[0], &timers[1]};
    r.timers = timer_count ? pointers : NULL;
    r.timer_count = timer_count;
    return svcr_insight_add(insight, &r);
}

/* Options with the repeat-complaint window [0, 1000). */
static svcr_insight_options sample_options(void)
{
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.window_start = 0;
    options.window_end = 1000;
    return options;
}

/* Owners: late and damaged belong to logistics; fraud (never seen) to risk; billing to nobody. */
static svcr_status set_sample_owners(svcr_insight *insight)
{
    svcr_status status = svcr_insight_set_owner(insight, "late", "logistics");
    if (status == SVCR_OK)
        status = svcr_insight_set_owner(insight, "damaged", "logistics");
    if (status == SVCR_OK)
        status = svcr_insight_set_owner(insight, "fraud", "risk");
    return status;
}

#endif
