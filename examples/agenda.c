/* agenda: what is due and overdue across several recovery cases.
 *
 * Four cases on the built-in five-step workflow, with office hours 09:00-17:00 Monday to Friday
 * in Berlin (UTC+1 in winter). After each event the host asks the case for its timers and puts
 * every running timer's due time on the agenda, or takes it off when the timer stopped; then,
 * at a few moments, it asks the agenda what is overdue and what comes next.
 *
 * A starting point for a host: keep one svcr_agenda for all open cases, refresh a case's entries
 * whenever the case changes, and poll "due before now" from the desk's main loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

static void check(svcr_status status, const char *what)
{
    if (status != SVCR_OK) {
        fprintf(stderr, "agenda: %s: %s: %s\n", what, svcr_status_name(status), svcr_error_message());
        exit(1);
    }
}

static const char *when(int64_t t, char buf[SVCR_TIME_FORMAT_SIZE])
{
    check(svcr_time_format(t, buf, SVCR_TIME_FORMAT_SIZE), "formatting a time");
    return buf;
}

static int64_t at(const char *text)
{
    int64_t t;
    check(svcr_time_parse(text, &t), text);
    return t;
}

/* Put each running timer of the case on the agenda at its due time; take the others off. */
static void refresh(svcr_agenda *agenda, const svcr_case *c, const svcr_timer_config *config, int64_t now)
{
    const svcr_workflow *wf = svcr_case_workflow(c);
    for (size_t i = 0; i < svcr_workflow_timer_count(wf); i++) {
        svcr_timer_info info = {.size = sizeof info};
        svcr_timer_status status = {.size = sizeof status};
        check(svcr_workflow_timer(wf, i, &info), "reading a timer");
        check(svcr_case_timer(c, config, info.name, now, &status), info.name);
        if (status.state == SVCR_TIMER_RUNNING && status.has_due)
            check(svcr_agenda_add(agenda, svcr_case_id(c), info.name, status.due_at), "adding to the agenda");
        else if (svcr_agenda_remove(agenda, svcr_case_id(c), info.name) == SVCR_ENOTFOUND)
            svcr_error_clear(); /* it was not on the agenda: nothing to take off */
    }
}

static void apply(svcr_agenda *agenda, svcr_case *c, const svcr_timer_config *config, const char *fact,
                  const char *value, const char *event, const char *time)
{
    if (fact != NULL)
        check(svcr_case_set_fact_string(c, fact, value), fact);
    check(svcr_case_apply(c, event, "agent", at(time), NULL), event);
    refresh(agenda, c, config, at(time));
}

static void report(const svcr_agenda *agenda, const char *time)
{
    char a[SVCR_TIME_FORMAT_SIZE], b[SVCR_TIME_FORMAT_SIZE];
    int64_t now = at(time);
    size_t overdue = 0;
    check(svcr_agenda_count_overdue(agenda, now, &overdue), "counting overdue entries");
    printf("\nAt %s: %zu deadline(s) on the agenda, %zu overdue\n", when(now, a), svcr_agenda_count(agenda),
           overdue);
    svcr_agenda_cursor *cursor;
    svcr_agenda_entry entry = {.size = sizeof entry};
    check(svcr_agenda_cursor_new(agenda, now, &cursor), "walking the agenda");
    svcr_status status;
    while ((status = svcr_agenda_cursor_next(cursor, &entry)) == SVCR_OK)
        printf("  OVERDUE  %-6s %-15s was due %s (%lld min ago)\n", entry.case_id, entry.timer,
               when(entry.due, b), (long long)((now - entry.due) / 60));
    if (status != SVCR_ENOTFOUND) /* SVCR_ENOTFOUND marks the end of the walk */
        check(status, "walking the agenda");
    svcr_agenda_cursor_free(cursor);
    if (svcr_agenda_next(agenda, &entry) == SVCR_OK && entry.due >= now)
        printf("  next     %-6s %-15s due %s\n", entry.case_id, entry.timer, when(entry.due, b));
}

int main(void)
{
    /* Office hours in local time; the offset schedule is what a host feeds from its tz database. */
    static const char office_json[] =
        "{\"name\": \"berlin-office\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]},"
        " \"holidays\": [\"2026-12-25\", \"2026-12-26\"], \"utc_offset\": \"+01:00\"}";
    svcr_workflow *wf;
    svcr_calendar *office;
    svcr_timer_config *config;
    svcr_agenda *agenda;
    check(svcr_workflow_builtin("five-step", &wf), "loading five-step");
    check(svcr_calendar_parse(office_json, strlen(office_json), &office), "parsing the calendar");
    check(svcr_timer_config_new(wf, &config), "making the timer configuration");
    check(svcr_timer_config_bind_calendar(config, "business", office), "binding the calendar");
    check(svcr_agenda_new(&agenda), "making the agenda");

    /* Four complaints on Monday 23 November 2026 (times in UTC; Berlin is an hour ahead). */
    static const char *const ids[] = {"C-101", "C-102", "C-103", "C-104"};
    static const char *const opened[] = {"2026-11-23T08:05:00Z", "2026-11-23T09:30:00Z",
                                         "2026-11-23T14:50:00Z", "2026-11-23T15:40:00Z"};
    svcr_case *cases[4];
    for (int i = 0; i < 4; i++) {
        check(svcr_case_new(wf, ids[i], at(opened[i]), &cases[i]), ids[i]);
        refresh(agenda, cases[i], config, at(opened[i]));
    }
    printf("Four cases opened on Monday; office hours 09:00-17:00 Berlin time, Mon-Fri.\n");
    printf("five-step timers: first_response 1 business hour, resolution 16 business hours, "
           "follow_up 24 h after entering follow_up.\n");

    /* C-101 is handled promptly, all the way to follow-up. */
    apply(agenda, cases[0], config, "expectation", "router delivered by Saturday", "identified", "2026-11-23T08:20:00Z");
    apply(agenda, cases[0], config, NULL, NULL, "apologized", "2026-11-23T08:25:00Z");
    apply(agenda, cases[0], config, NULL, NULL, "listened", "2026-11-23T08:40:00Z");
    apply(agenda, cases[0], config, "customer_wish", "courier delivery today", "fixed", "2026-11-23T11:00:00Z");
    apply(agenda, cases[0], config, "atonement", "free delivery voucher", "atoned", "2026-11-23T11:05:00Z");
    /* C-102 gets an apology, then waits. C-103 and C-104 wait for a first response. */
    apply(agenda, cases[1], config, "expectation", "refund within 5 days", "identified", "2026-11-23T10:00:00Z");
    apply(agenda, cases[1], config, NULL, NULL, "apologized", "2026-11-23T10:15:00Z");

    report(agenda, "2026-11-23T15:30:00Z"); /* Monday 16:30 in Berlin */
    report(agenda, "2026-11-24T09:00:00Z"); /* Tuesday 10:00 */
    report(agenda, "2026-11-25T16:00:00Z"); /* Wednesday 17:00: the resolution deadlines pass */

    for (int i = 0; i < 4; i++)
        svcr_case_free(cases[i]);
    svcr_agenda_free(agenda);
    svcr_timer_config_free(config);
    svcr_calendar_free(office);
    svcr_workflow_free(wf);
    if (fflush(stdout) != 0 || ferror(stdout)) { /* a lost output is a failure */
        fprintf(stderr, "agenda: writing the output failed\n");
        return 1;
    }
    return 0;
}
