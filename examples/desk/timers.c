/* A case's timers: what the agenda indexes and what show prints.
 *
 * Until the timer engine lands, the only deadline is the one the workflow puts on a state
 * (the follow-up, due a day after it is entered). */
#include "desk.h"

static bool state_deadline(const desk_case *dc, desk_due *out)
{
    svcr_state_info state = {.size = sizeof state};
    if (svcr_case_state_info(dc->c, &state) != SVCR_OK || state.due_after < 0)
        return false;
    out->timer = state.name;
    out->due_at = svcr_case_state_since(dc->c) + state.due_after;
    return true;
}

size_t desk_case_due(const desk_case *dc, desk_due *out, size_t capacity)
{
    return capacity > 0 && state_deadline(dc, out) ? 1 : 0;
}

json_t *desk_case_timers_json(const desk_case *dc, int64_t at)
{
    json_t *timers = json_array();
    desk_due due;
    if (state_deadline(dc, &due)) {
        char t[SVCR_TIME_FORMAT_SIZE];
        json_array_append_new(timers, json_pack("{sssssIsb}", "timer", due.timer, "due_at",
                                                desk_time_text(due.due_at, t), "remaining",
                                                (json_int_t)(due.due_at - at), "overdue",
                                                due.due_at < at));
    }
    return timers;
}

void desk_case_print_timers(const desk *d, const desk_case *dc, int64_t at)
{
    desk_due due;
    if (!state_deadline(dc, &due))
        return;
    char t[SVCR_TIME_FORMAT_SIZE], dur[32];
    desk_printf(d, "  %-9s %-14s due %s, %s %s\n", "timers", due.timer,
                desk_time_text(due.due_at, t), desk_duration_text(due.due_at - at, dur),
                due.due_at < at ? "overdue" : "left");
}
