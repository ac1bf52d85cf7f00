/* A case's timers: what the agenda indexes, what show prints and what report counts.
 *
 * The workflow declares them (five-step: first response within 1 business hour, resolution within
 * 16 business hours, the follow-up a day after it is due); the library computes each one's status
 * from the case's log at any moment, counting business time in the desk's calendar. */
#include "desk.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

int desk_check_time(int64_t t, const char *what)
{
    /* The library's one time range (years 0001-9999): within it the desk's sums (at + within,
     * due - at, at - 30 days) cannot overflow. */
    if (t < SVCR_TIME_MIN || t > SVCR_TIME_MAX)
        return desk_bad_input("%s: %" PRId64 " is outside the years 0001-9999", what, t);
    return DESK_OK;
}

/* The timer @p index of the case's workflow at @p at into *o; *started is false for a timer that
 * has not started. A timer the library cannot compute (its due time would leave the years
 * 0001-9999) is reported naming the case and the timer: it is never dropped in silence. */
static int timer_outcome(const desk_case *dc, size_t index, int64_t at, desk_timer_outcome *o,
                         bool *started)
{
    const svcr_workflow *wf = svcr_case_workflow(dc->c);
    svcr_timer_info info = {.size = sizeof info};
    svcr_timer_status st = {.size = sizeof st};
    if (svcr_workflow_timer(wf, index, &info) != SVCR_OK)
        return desk_library_error(svcr_case_id(dc->c));
    if (svcr_case_timer(dc->c, dc->timers, info.name, at, &st) != SVCR_OK) {
        char what[256];
        snprintf(what, sizeof what, "case %s: timer %s", svcr_case_id(dc->c), info.name);
        return desk_library_error(what);
    }
    *started = st.state != SVCR_TIMER_NOT_STARTED;
    *o = (desk_timer_outcome){
        .name = st.name,
        .state = st.state,
        .due_at = st.has_due ? st.due_at : 0,
        .has_due = st.has_due != 0,
        .remaining = st.remaining,
        .status = st.breached ? DESK_TIMER_BREACHED
                  : st.met    ? DESK_TIMER_MET
                              : DESK_TIMER_RUNNING,
        .breached_at = st.breached_at,
        .stopped = st.state == SVCR_TIMER_STOPPED,
        .business = strcmp(info.calendar, "24x7") != 0,
    };
    return DESK_OK;
}

int desk_case_timers(const desk_case *dc, int64_t at, desk_timer_outcome **out, size_t *count)
{
    /* Every timer the workflow has (it may declare up to the library's limit, not a desk's). */
    size_t capacity = svcr_workflow_timer_count(svcr_case_workflow(dc->c));
    desk_timer_outcome *timers = malloc((capacity > 0 ? capacity : 1) * sizeof *timers);
    if (timers == NULL)
        return desk_failure("case %s: out of memory", svcr_case_id(dc->c));
    if (at < svcr_case_opened_at(dc->c))
        at = svcr_case_opened_at(dc->c);
    size_t n = 0;
    for (size_t i = 0; i < capacity; i++) {
        bool started = false;
        int rc = timer_outcome(dc, i, at, &timers[n], &started);
        if (rc != DESK_OK) {
            free(timers);
            return rc;
        }
        n += started;
    }
    *out = timers;
    *count = n;
    return DESK_OK;
}

int desk_case_due(const desk_case *dc, desk_due **out, size_t *count)
{
    size_t timer_count = 0, due = 0;
    desk_timer_outcome *timers = NULL;
    int rc = desk_case_timers(dc, svcr_case_last_at(dc->c), &timers, &timer_count);
    if (rc != DESK_OK)
        return rc;
    desk_due *list = malloc((timer_count > 0 ? timer_count : 1) * sizeof *list);
    if (list == NULL) {
        free(timers);
        return desk_failure("out of memory");
    }
    /* The agenda holds what is still counting, overdue or not; paused timers wait. */
    for (size_t i = 0; i < timer_count; i++)
        if (timers[i].state == SVCR_TIMER_RUNNING && timers[i].has_due)
            list[due++] = (desk_due){timers[i].name, timers[i].due_at};
    free(timers);
    *out = list;
    *count = due;
    return DESK_OK;
}

static const char *status_name(const desk_timer_outcome *o)
{
    if (o->state == SVCR_TIMER_PAUSED)
        return "paused";
    return o->status == DESK_TIMER_MET ? "met" : o->status == DESK_TIMER_BREACHED ? "breached" : "running";
}

json_t *desk_case_timers_json(const desk_case *dc, int64_t at)
{
    size_t count = 0;
    desk_timer_outcome *timers = NULL;
    if (desk_case_timers(dc, at, &timers, &count) != DESK_OK)
        return json_null(); /* "timers": null, not an empty list: the message says why */
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++) {
        char t[SVCR_TIME_FORMAT_SIZE];
        json_t *timer = json_pack("{sssssbsI}", "timer", timers[i].name, "status",
                                  status_name(&timers[i]), "stopped", timers[i].stopped,
                                  "remaining_seconds", (json_int_t)timers[i].remaining);
        if (timers[i].has_due)
            json_object_set_new(timer, "due_at", json_string(desk_time_text(timers[i].due_at, t)));
        if (timers[i].status == DESK_TIMER_BREACHED)
            json_object_set_new(timer, "breached_at",
                                json_string(desk_time_text(timers[i].breached_at, t)));
        json_array_append_new(list, timer);
    }
    free(timers);
    return list;
}

void desk_case_print_timers(const desk *d, const desk_case *dc, int64_t at)
{
    size_t count = 0;
    desk_timer_outcome *timers = NULL;
    if (desk_case_timers(dc, at, &timers, &count) != DESK_OK) {
        desk_printf(d, "  timers    (not shown: see the message above)\n");
        return;
    }
    for (size_t i = 0; i < count; i++) {
        char t[SVCR_TIME_FORMAT_SIZE], dur[32];
        const desk_timer_outcome *o = &timers[i];
        desk_printf(d, "  %-9s %-14s %s", i == 0 ? "timers" : "", o->name, status_name(o));
        if (o->stopped && o->status == DESK_TIMER_BREACHED)
            desk_printf(d, " at %s\n", desk_time_text(o->breached_at, t));
        else if (o->stopped)
            desk_printf(d, "\n");
        else if (o->has_due && o->remaining >= 0)
            desk_printf(d, ", due %s, %s%s left\n", desk_time_text(o->due_at, t),
                        desk_duration_text(o->remaining, dur), o->business ? " of business time" : "");
        else if (o->has_due)
            desk_printf(d, ", was due %s, %s%s overdue\n", desk_time_text(o->due_at, t),
                        desk_duration_text(o->remaining, dur) /* the sign dropped */, o->business ? " of business time" : "");
        else
            desk_printf(d, ", %s%s left\n", desk_duration_text(o->remaining, dur),
                        o->business ? " of business time" : "");
    }
    free(timers);
}
