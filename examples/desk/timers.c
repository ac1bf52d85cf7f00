/* A case's timers: what the agenda indexes, what show prints and what report counts.
 *
 * Until the timer engine lands, the deadlines are those the workflow puts on its states (the
 * follow-up, due a day after it is entered): each visit to such a state is one timer, met if the
 * case left the state in time, breached at the deadline otherwise. */
#include "desk.h"

size_t desk_case_timer_outcomes(const desk_case *dc, int64_t at, desk_timer_outcome *out,
                                size_t capacity)
{
    const svcr_workflow *wf = svcr_case_workflow(dc->c);
    size_t count = 0, length = svcr_case_log_length(dc->c);
    for (size_t i = 0; i < length; i++) {
        svcr_log_entry entered = {.size = sizeof entered};
        svcr_state_info state = {.size = sizeof state};
        if (svcr_case_log_entry(dc->c, i, &entered) != SVCR_OK ||
            svcr_workflow_find_state(wf, entered.to, &state) != SVCR_OK || state.due_after < 0)
            continue;
        desk_timer_outcome o = {.name = state.name, .due_at = entered.at + state.due_after,
                                .status = DESK_TIMER_RUNNING};
        svcr_log_entry left = {.size = sizeof left};
        bool has_left = i + 1 < length && svcr_case_log_entry(dc->c, i + 1, &left) == SVCR_OK;
        int64_t end = has_left ? left.at : at;
        o.stopped = has_left;
        if (end > o.due_at) {
            o.status = DESK_TIMER_BREACHED;
            o.breached_at = o.due_at;
        } else if (has_left) {
            o.status = DESK_TIMER_MET;
        }
        if (count < capacity)
            out[count] = o;
        count++;
    }
    return count;
}

size_t desk_case_due(const desk_case *dc, desk_due *out, size_t capacity)
{
    desk_timer_outcome timers[16];
    size_t count = desk_case_timer_outcomes(dc, INT64_MIN, timers, 16), due = 0;
    /* Only the timers still running count (at INT64_MIN nothing has breached yet). */
    for (size_t i = 0; i < count && i < 16; i++)
        if (timers[i].status == DESK_TIMER_RUNNING && due < capacity)
            out[due++] = (desk_due){timers[i].name, timers[i].due_at};
    return due;
}

static const char *status_name(int status)
{
    return status == DESK_TIMER_MET ? "met" : status == DESK_TIMER_BREACHED ? "breached" : "running";
}

json_t *desk_case_timers_json(const desk_case *dc, int64_t at)
{
    desk_timer_outcome timers[16];
    size_t count = desk_case_timer_outcomes(dc, at, timers, 16);
    json_t *list = json_array();
    for (size_t i = 0; i < count && i < 16; i++) {
        char t[SVCR_TIME_FORMAT_SIZE];
        json_array_append_new(list, json_pack("{sssssssI}", "timer", timers[i].name, "status",
                                              status_name(timers[i].status), "due_at",
                                              desk_time_text(timers[i].due_at, t), "seconds_left",
                                              (json_int_t)(timers[i].due_at - at)));
    }
    return list;
}

void desk_case_print_timers(const desk *d, const desk_case *dc, int64_t at)
{
    desk_timer_outcome timers[16];
    size_t count = desk_case_timer_outcomes(dc, at, timers, 16);
    for (size_t i = 0; i < count && i < 16; i++) {
        char t[SVCR_TIME_FORMAT_SIZE], dur[32];
        const desk_timer_outcome *o = &timers[i];
        desk_printf(d, "  %-9s %-14s %-8s due %s", i == 0 ? "timers" : "", o->name,
                    status_name(o->status), desk_time_text(o->due_at, t));
        if (o->status == DESK_TIMER_RUNNING)
            desk_printf(d, ", %s left", desk_duration_text(o->due_at - at, dur));
        else if (o->status == DESK_TIMER_BREACHED && !o->stopped)
            desk_printf(d, ", %s overdue", desk_duration_text(at - o->due_at, dur));
        desk_printf(d, "\n");
    }
}
