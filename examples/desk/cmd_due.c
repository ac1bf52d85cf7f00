/* svcr-desk due [--at TIME] [--within DURATION]: the agenda.
 *
 * Every stored case keeps its running timers' due times in the `due` index (refreshed each time
 * the case is saved), so the agenda is one indexed range query: everything due before
 * at + within, in due order, split into overdue and coming up. */
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
    if (within_text != NULL && (rc = parse_duration(within_text, &within)) != DESK_OK)
        return rc;

    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d->db,
                           "SELECT due.case_id, due.timer, due.due_at, cases.state, "
                           "cases.customer, cases.tier FROM due JOIN cases ON cases.id = "
                           "due.case_id WHERE due.due_at <= ?1 ORDER BY due.due_at, due.case_id",
                           -1, &st, NULL) != SQLITE_OK)
        return desk_db_error(d, "reading the agenda");
    sqlite3_bind_int64(st, 1, at + within);
    json_t *overdue = json_array(), *coming = json_array();
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t due_at = sqlite3_column_int64(st, 2);
        char t[SVCR_TIME_FORMAT_SIZE];
        json_t *entry = json_pack("{sssssssIssss?ss?}", "case", sqlite3_column_text(st, 0),
                                  "timer", sqlite3_column_text(st, 1), "due_at",
                                  desk_time_text(due_at, t), "seconds_left",
                                  (json_int_t)(due_at - at), "state", sqlite3_column_text(st, 3),
                                  "customer", sqlite3_column_text(st, 4), "tier",
                                  sqlite3_column_text(st, 5));
        json_array_append_new(due_at < at ? overdue : coming, entry);
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE) {
        json_decref(overdue);
        json_decref(coming);
        return desk_db_error(d, "reading the agenda");
    }
    desk_print_agenda(d, at, within, overdue, coming);
    return DESK_OK;
}

void desk_print_agenda(const desk *d, int64_t at, int64_t within, json_t *overdue, json_t *coming)
{
    char t[SVCR_TIME_FORMAT_SIZE], dur[32];
    if (d->json) {
        desk_print_json(d, json_pack("{sssIsoso}", "at", desk_time_text(at, t), "within_seconds",
                                     (json_int_t)within, "overdue", overdue, "due", coming));
        return;
    }
    desk_printf(d, "agenda at %s: %zu overdue, %zu due within %s\n", desk_time_text(at, t),
                json_array_size(overdue), json_array_size(coming), desk_duration_text(within, dur));
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
