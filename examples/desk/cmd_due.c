/* svcr-desk due [--at TIME] [--within DURATION]: the agenda.
 *
 * Every stored case keeps its running timers' due times in the `due` table (refreshed each time
 * the case is saved). The desk puts them on the library's agenda, which walks them in due order
 * up to at + within, split into overdue and coming up. (A desk with millions of open timers would
 * load only that range: `due_by_time` indexes due_at for it.) */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "90m", "24h", "2d", "3600" (seconds). */
static int parse_duration(const char *text, int64_t *out)
{
    char *end;
    long long v = strtoll(text, &end, 10);
    int64_t unit = strcmp(end, "") == 0 || strcmp(end, "s") == 0 ? 1
                   : strcmp(end, "m") == 0                       ? 60
                   : strcmp(end, "h") == 0                       ? 3600
                   : strcmp(end, "d") == 0                       ? 86400
                                                                 : 0;
    if (end == text || unit == 0 || v < 0 || v > 3650LL * 86400 / unit)
        return desk_bad_input("--within: \"%s\" is not a duration such as 90m, 24h or 2d", text);
    *out = v * unit;
    return DESK_OK;
}

static int add_due(desk *d, const char *case_id, const char *timer, int64_t due_at, void *user)
{
    (void)d;
    if (svcr_agenda_add(user, case_id, timer, due_at) != SVCR_OK)
        return desk_library_error("due");
    return DESK_OK;
}

/* Every running timer of every case, from the due index, onto the agenda. */
static int load_agenda(desk *d, svcr_agenda *agenda)
{
    return desk_db_each_due(d, add_due, agenda);
}

/* Walk the agenda up to @p until, in due order, with each case's state and customer. */
static int list_due(desk *d, const svcr_agenda *agenda, int64_t at, int64_t until, json_t *overdue,
                    json_t *coming)
{
    svcr_agenda_cursor *cursor;
    if (svcr_agenda_cursor_new(agenda, until + 1, &cursor) != SVCR_OK)
        return desk_library_error("due");
    int rc = DESK_OK;
    svcr_agenda_entry e = {.size = sizeof e};
    svcr_status status;
    while (rc == DESK_OK && (status = svcr_agenda_cursor_next(cursor, &e)) == SVCR_OK) {
        desk_case_brief brief;
        if ((rc = desk_db_case_brief(d, e.case_id, &brief)) != DESK_OK)
            break;
        char t[SVCR_TIME_FORMAT_SIZE];
        json_array_append_new(
            e.due < at ? overdue : coming,
            json_pack("{sssssssIssss?ss?}", "case", e.case_id, "timer", e.timer, "due_at",
                      desk_time_text(e.due, t), "seconds_left", (json_int_t)(e.due - at), "state",
                      brief.state, "customer", brief.customer, "tier", brief.tier));
        desk_case_brief_clear(&brief);
    }
    if (rc == DESK_OK && status != SVCR_ENOTFOUND)
        rc = desk_library_error("due");
    svcr_agenda_cursor_free(cursor);
    return rc;
}

int desk_cmd_due(desk *d, int argc, char **argv)
{
    const char *at_text = NULL, *within_text = NULL;
    int64_t at = d->now, within = 86400;
    int rc = DESK_OK;
    for (int i = 0; i < argc; i++) {
        int m;
        if ((m = desk_option(argc, argv, &i, "--at", &at_text)) ||
            (m = desk_option(argc, argv, &i, "--within", &within_text))) {
            if (m < 0)
                return DESK_BAD_INPUT;
        } else {
            return desk_bad_input("due: unexpected argument \"%s\"", argv[i]);
        }
    }
    if (at_text != NULL && (rc = desk_parse_time(at_text, "--at", &at)) != DESK_OK)
        return rc;
    if ((rc = desk_check_time(at, "due: --at")) != DESK_OK) /* at + within must not overflow */
        return rc;
    if (within_text != NULL && (rc = parse_duration(within_text, &within)) != DESK_OK)
        return rc;

    svcr_agenda *agenda;
    if (svcr_agenda_new(&agenda) != SVCR_OK)
        return desk_library_error("due");
    rc = load_agenda(d, agenda);
    json_t *overdue = json_array(), *coming = json_array();
    if (rc == DESK_OK)
        rc = list_due(d, agenda, at, at + within, overdue, coming);
    size_t running = svcr_agenda_count(agenda);
    svcr_agenda_free(agenda);
    if (rc != DESK_OK) {
        json_decref(overdue);
        json_decref(coming);
        return rc;
    }
    desk_print_agenda(d, at, within, running, overdue, coming);
    return DESK_OK;
}

void desk_print_agenda(const desk *d, int64_t at, int64_t within, size_t running, json_t *overdue,
                       json_t *coming)
{
    char t[SVCR_TIME_FORMAT_SIZE], dur[32];
    if (d->json) {
        desk_print_json(d, json_pack("{sssIsIsoso}", "at", desk_time_text(at, t), "within_seconds",
                                     (json_int_t)within, "running", (json_int_t)running, "overdue",
                                     overdue, "due", coming));
        return;
    }
    desk_printf(d, "agenda at %s: %zu timers running, %zu overdue, %zu due within %s\n",
                desk_time_text(at, t), running, json_array_size(overdue), json_array_size(coming),
                desk_duration_text(within, dur));
    json_t *lists[2] = {overdue, coming};
    for (int l = 0; l < 2; l++) {
        size_t i;
        json_t *e;
        json_array_foreach(lists[l], i, e) {
            json_int_t left = json_integer_value(json_object_get(e, "seconds_left"));
            const char *customer = json_string_value(json_object_get(e, "customer"));
            const char *tier = json_string_value(json_object_get(e, "tier"));
            desk_printf(d, "  %-8s %-10s %-15s due %s  %-8s %-11s %-10s %s %s\n",
                        i == 0 ? (l == 0 ? "overdue" : "due") : "",
                        json_string_value(json_object_get(e, "case")),
                        json_string_value(json_object_get(e, "timer")),
                        json_string_value(json_object_get(e, "due_at")),
                        desk_duration_text(left, dur), left < 0 ? "overdue" : "left",
                        json_string_value(json_object_get(e, "state")),
                        customer != NULL ? customer : "", tier != NULL ? tier : "");
        }
    }
    json_decref(overdue);
    json_decref(coming);
}
