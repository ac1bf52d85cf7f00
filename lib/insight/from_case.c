/* Reading the record insight needs from an svcr_case: its log, its workflow and its facts. */
#include "insight/internal.h"

#include <string.h>

#include "base/error.h"
#include "base/sized.h"

static bool is_event(const char *event, const char *wanted)
{
    return wanted != NULL && strcmp(event, wanted) == 0;
}

/* Walk the log: first response, first resolution, closing, reopens, the last follow-up.
 * SVCR_EOVERFLOW when an event lies further from the opening than int64_t seconds hold. */
static svcr_status read_log(const svcr_insight_options *options, const svcr_case *c, svcr_insight_record *r)
{
    const svcr_workflow *wf = svcr_case_workflow(c);
    size_t length = svcr_case_log_count(c);
    for (size_t i = 0; i < length; i++) {
        svcr_log_entry entry = {.size = sizeof entry};
        svcr_state_info to = {.size = sizeof to};
        svcr_transition_info transition = {.size = sizeof transition};
        if (svcr_case_log_entry(c, i, &entry) != SVCR_OK || svcr_workflow_find_state(wf, entry.to, &to) != SVCR_OK)
            continue;
        int64_t elapsed;
        if (svcr__sub_overflow_i64(entry.at, r->opened_at, &elapsed))
            return svcr__fail(SVCR_EOVERFLOW, "insight: case \"%s\": the time from its opening to event %zu does not fit "
                              "in 64-bit seconds", svcr_case_id(c), i + 1);
        if (r->first_response_seconds < 0 && is_event(entry.event, options->first_response_event))
            r->first_response_seconds = elapsed;
        if (r->resolution_seconds < 0 && (to.kind == SVCR_STATE_RESOLVED || to.kind == SVCR_STATE_CLOSED))
            r->resolution_seconds = elapsed;
        r->closed = r->closed || to.kind == SVCR_STATE_CLOSED;
        if (svcr_workflow_find_transition(wf, entry.from, entry.event, &transition) == SVCR_OK && transition.reopen)
            r->reopen_count++;
        if (is_event(entry.event, options->satisfied_event))
            r->follow_up = SVCR_INSIGHT_FOLLOW_UP_SATISFIED;
        else if (is_event(entry.event, options->not_satisfied_event))
            r->follow_up = SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED;
    }
    return SVCR_OK;
}

/* Check the status of reading fact @p name: *found tells whether it is set. A fact that is not
 * declared or not set is not known; one of another type is an error. */
static svcr_status got_fact(svcr_status status, const char *name, const char *type, bool *found)
{
    *found = status == SVCR_OK;
    if (status == SVCR_EINVAL)
        return svcr__fail(SVCR_EINVAL, "insight: fact \"%s\" must be of type %s", name, type);
    return SVCR_OK;
}

static svcr_status read_facts(const svcr_insight_options *o, const svcr_case *c, svcr_insight_record *r)
{
    const char *text = NULL;
    int64_t integer = 0;
    bool flag = false;
    bool found = false;
    svcr_status status = SVCR_OK;
    if (o->root_cause_fact != NULL) {
        status = got_fact(svcr_case_get_fact_string(c, o->root_cause_fact, &text), o->root_cause_fact, "string", &found);
        if (found)
            r->root_cause = text;
    }
    if (status == SVCR_OK && o->customer_fact != NULL) {
        status = got_fact(svcr_case_get_fact_string(c, o->customer_fact, &text), o->customer_fact, "string", &found);
        if (found)
            r->customer = text;
    }
    if (status == SVCR_OK && o->severity_fact != NULL) {
        status = got_fact(svcr_case_get_fact_string(c, o->severity_fact, &text), o->severity_fact, "string", &found);
        if (found && strcmp(text, "minor") == 0)
            r->severity = SVCR_INSIGHT_SEVERITY_MINOR;
        else if (found && strcmp(text, "major") == 0)
            r->severity = SVCR_INSIGHT_SEVERITY_MAJOR;
        else if (found)
            return svcr__fail(SVCR_EINVAL, "insight: fact \"%s\" is \"%s\", not \"minor\" or \"major\"",
                              o->severity_fact, text);
    }
    if (status == SVCR_OK && o->satisfaction_fact != NULL) {
        status = got_fact(svcr_case_get_fact_integer(c, o->satisfaction_fact, &integer), o->satisfaction_fact,
                          "integer", &found);
        if (found && (integer < SVCR_INSIGHT_SCORE_MIN || integer > SVCR_INSIGHT_SCORE_MAX))
            return svcr__fail(SVCR_EINVAL, "insight: fact \"%s\" is %lld, outside %d to %d", o->satisfaction_fact,
                              (long long)integer, SVCR_INSIGHT_SCORE_MIN, SVCR_INSIGHT_SCORE_MAX);
        r->has_satisfaction = found;
        r->satisfaction = found ? (int32_t)integer : 0;
    }
    if (status == SVCR_OK && o->solicited_fact != NULL) {
        status = got_fact(svcr_case_get_fact_boolean(c, o->solicited_fact, &flag), o->solicited_fact, "boolean",
                          &found);
        if (found)
            r->solicited = flag ? SVCR_INSIGHT_FLAG_YES : SVCR_INSIGHT_FLAG_NO;
    }
    return status;
}

svcr_status svcr_insight_record_from_case(const svcr_insight *insight, const svcr_case *c, svcr_insight_record *record)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(record);
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = svcr_case_state(c);
    r.opened_at = svcr_case_opened_at(c);
    svcr_status status = read_log(&insight->options, c, &r);
    if (status == SVCR_OK)
        status = read_facts(&insight->options, c, &r);
    if (status != SVCR_OK)
        return status;
    *record = r;
    return SVCR_OK;
}


svcr_status svcr_insight_timers_from_case(const svcr_case *c, const svcr_timer_config *config, int64_t at,
                                          svcr_insight_timer *const *timers, size_t capacity, size_t *count)
{
    SVCR_REQUIRE_ARG(c);
    SVCR_REQUIRE_ARG(count);
    const svcr_workflow *wf = svcr_case_workflow(c);
    size_t total = svcr_workflow_timer_count(wf);
    if (total > capacity)
        return svcr__fail(SVCR_EINVAL, "%s: the workflow has %zu timers but the buffer holds %zu", __func__,
                          total, capacity);
    if (total > 0 && timers == NULL)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"timers\" is NULL", __func__);
    for (size_t i = 0; i < total; i++) {
        if (timers[i] == NULL)
            return svcr__fail(SVCR_EINVAL, "%s: timers[%zu] is NULL", __func__, i);
        if (timers[i]->size < sizeof(size_t))
            return svcr__fail(SVCR_EINVAL, "%s: timers[%zu]->size is %zu; set it to the struct's sizeof",
                              __func__, i, timers[i]->size);
    }
    for (size_t i = 0; i < total; i++) {
        svcr_timer_info info = {.size = sizeof info};
        svcr_timer_status status = {.size = sizeof status};
        svcr_status st = svcr_workflow_timer(wf, i, &info);
        if (st == SVCR_OK)
            st = svcr_case_timer(c, config, info.name, at, &status);
        if (st != SVCR_OK)
            return st; /* nothing written to *count: the buffer's contents are not a result */
        /* A breach is final for the goal even while the timer still runs; "met" needs a stop. */
        svcr_insight_timer full = {0, info.name,
                                   status.breached ? SVCR_INSIGHT_FLAG_NO
                                   : status.met    ? SVCR_INSIGHT_FLAG_YES
                                                   : SVCR_INSIGHT_FLAG_UNKNOWN};
        SVCR_FILL_SIZED(timers[i], full);
    }
    *count = total;
    return SVCR_OK;
}

/* Workflows declare a handful of timers; more than this is refused rather than allocated for. */
enum { MAX_TIMERS_PER_CASE = 32 };

svcr_status svcr_insight_add_case(svcr_insight *insight, const svcr_case *c, const svcr_timer_config *config,
                                  int64_t at)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(c);
    svcr_insight_timer timers[MAX_TIMERS_PER_CASE];
    svcr_insight_timer *pointers[MAX_TIMERS_PER_CASE];
    for (size_t i = 0; i < MAX_TIMERS_PER_CASE; i++) {
        timers[i].size = sizeof timers[i];
        pointers[i] = &timers[i];
    }
    svcr_insight_record record;
    svcr_status status = svcr_insight_record_from_case(insight, c, &record);
    if (status == SVCR_OK && config != NULL) /* without a configuration the timers are left out */
        status = svcr_insight_timers_from_case(c, config, at, pointers, MAX_TIMERS_PER_CASE, &record.timer_count);
    if (status != SVCR_OK)
        return status;
    if (config != NULL)
        record.timers = (const svcr_insight_timer *const *)pointers;
    return svcr_insight_add(insight, &record);
}
