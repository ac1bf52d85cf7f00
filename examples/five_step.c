/* Walk one recovery case through the default "five-step" workflow: at each step print the
 * guidance for the agent and the events allowed now, record the facts the step needs, and apply
 * the event. Along the way, show an event the workflow refuses and why, and where the case's
 * timers (first response, resolution, follow-up) stand in office hours.
 *
 * Build: cc five_step.c $(pkg-config --cflags --libs svcrecover) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <svcrecover.h>

/* Print @p text wrapped at 78 columns, each line indented by @p indent spaces. */
static void print_wrapped(const char *text, int indent)
{
    const int width = 78 - indent;
    while (*text) {
        int n = (int)strlen(text);
        if (n > width) {
            n = width;
            while (n > 0 && text[n] != ' ')
                n--;
            if (n == 0)
                n = width;
        }
        printf("%*s%.*s\n", indent, "", n, text);
        text += n;
        while (*text == ' ')
            text++;
    }
}

static void print_time(const char *label, int64_t t)
{
    char text[SVCR_TIME_FORMAT_SIZE];
    svcr_time_format(t, text, sizeof text);
    printf("%s%s\n", label, text);
}

static int check(svcr_status status)
{
    if (status != SVCR_OK) {
        fprintf(stderr, "five_step: %s: %s\n", svcr_status_name(status), svcr_error_message());
        exit(1);
    }
    return 0;
}

/* The step the case is in: its name, kind and guidance, and what may happen next. */
static void print_step(const svcr_case *c, int number)
{
    svcr_state_info state = {.size = sizeof state};
    check(svcr_case_state_info(c, &state));
    printf("\n%d. %s (%s)\n", number, state.name, svcr_state_kind_name(state.kind));
    print_wrapped(state.guidance, 3);
    if (state.due_after >= 0)
        print_time("   Due by: ", svcr_case_state_since(c) + state.due_after);
    const char *events[16];
    size_t count;
    check(svcr_case_allowed_events(c, "agent", events, 16, &count));
    printf("   Allowed now:");
    for (size_t i = 0; i < count && i < 16; i++)
        printf(" %s", events[i]);
    printf("\n");
}

static void record(svcr_case *c, const char *fact, const char *value)
{
    check(svcr_case_set_fact_string(c, fact, value));
    printf("   Recorded %s: \"%s\"\n", fact, value);
}

static void apply(svcr_case *c, const char *event, int64_t at)
{
    const char *from = svcr_case_state(c);
    check(svcr_case_apply(c, event, "agent", at, NULL));
    printf("   -> %s: %s -> %s\n", event, from, svcr_case_state(c));
}

/* Try an event the workflow should refuse, and show the refusal. */
static void try_refused(svcr_case *c, const char *event, int64_t at)
{
    char when[SVCR_TIME_FORMAT_SIZE];
    svcr_time_format(at, when, sizeof when);
    svcr_status status = svcr_case_apply(c, event, "agent", at, NULL);
    printf("   Trying \"%s\" at %s is refused (%s):\n", event, when, svcr_status_name(status));
    print_wrapped(svcr_error_message(), 5);
}

/* "1h05m" for a number of seconds. */
static void format_duration(int64_t seconds, char *buf, size_t size)
{
    int64_t minutes = (seconds < 0 ? -seconds : seconds) / 60;
    if (minutes >= 60)
        snprintf(buf, size, "%s%lldh%02lldm", seconds < 0 ? "-" : "", (long long)(minutes / 60),
                 (long long)(minutes % 60));
    else
        snprintf(buf, size, "%s%lldm", seconds < 0 ? "-" : "", (long long)minutes);
}

/* One line per timer of the workflow: where it stands at @p at. */
static void print_timers(const svcr_case *c, const svcr_timer_config *config, int64_t at)
{
    const svcr_workflow *wf = svcr_case_workflow(c);
    char when[SVCR_TIME_FORMAT_SIZE];
    svcr_time_format(at, when, sizeof when);
    printf("   Timers at %s:\n", when);
    for (size_t i = 0; i < svcr_workflow_timer_count(wf); i++) {
        svcr_timer_info info = {.size = sizeof info};
        svcr_timer_status s = {.size = sizeof s};
        check(svcr_workflow_timer(wf, i, &info));
        check(svcr_case_timer(c, config, info.name, at, &s));
        char elapsed[32], target[32], due[SVCR_TIME_FORMAT_SIZE] = "";
        format_duration(s.elapsed, elapsed, sizeof elapsed);
        format_duration(s.target, target, sizeof target);
        if (s.has_due)
            svcr_time_format(s.due_at, due, sizeof due);
        printf("     %-15s %-11s %s of %s (%s)%s%s%s\n", info.name, svcr_timer_state_name(s.state), elapsed, target,
               info.calendar, s.has_due ? ", due " : "", due,
               s.state == SVCR_TIMER_STOPPED ? (s.met ? ", met" : ", breached") : "");
    }
}

int main(void)
{
    svcr_workflow *wf;
    check(svcr_workflow_builtin("five-step", &wf));
    printf("libsvcrecover %s: workflow \"%s\" (%s)\n", svcr_version(), svcr_workflow_name(wf),
           svcr_workflow_title(wf));

    int64_t opened;
    check(svcr_time_parse("2026-11-23T09:00:00Z", &opened));
    const int64_t minute = 60, hour = 3600;
    svcr_case *c;
    check(svcr_case_new(wf, "C-1042", opened, &c));

    /* The timers count in named calendars; "business" is office hours, Monday to Friday. */
    svcr_calendar *office;
    svcr_timer_config *timers;
    const char *office_json = "{\"name\": \"office\", \"hours\": {\"mon-fri\": [\"09:00-17:00\"]}}";
    check(svcr_calendar_parse(office_json, strlen(office_json), &office));
    check(svcr_timer_config_new(wf, &timers));
    check(svcr_timer_config_bind_calendar(timers, "business", office));
    printf("Case %s: a customer's parcel did not arrive before their weekend trip.\n", svcr_case_id(c));
    print_time("Opened: ", opened);

    print_step(c, 1);
    record(c, "expectation", "Parcel delivered by Friday, as promised at checkout; it did not come.");
    apply(c, "identified", opened + 5 * minute);

    print_step(c, 2);
    try_refused(c, "fixed", opened + 6 * minute);
    apply(c, "apologized", opened + 7 * minute);

    print_step(c, 3);
    apply(c, "listened", opened + 15 * minute);

    print_step(c, 4);
    try_refused(c, "fixed", opened + 16 * minute);
    record(c, "customer_wish", "Send a replacement by express courier before Saturday.");
    apply(c, "fixed", opened + 40 * minute);

    print_step(c, 5);
    record(c, "atonement", "Refund of the shipping fee and a EUR 10 voucher.");
    svcr_money voucher;
    check(svcr_money_parse_decimal("14.90", "EUR", &voucher));
    check(svcr_case_set_fact_money(c, "compensation", voucher));
    printf("   Recorded compensation: 14.90 EUR\n");
    apply(c, "atoned", opened + 45 * minute);

    print_step(c, 6);
    print_timers(c, timers, opened + 50 * minute);
    try_refused(c, "satisfied", opened + 24 * hour + 30 * minute);
    record(c, "root_cause", "carrier: missed the express hand-over cut-off");
    apply(c, "satisfied", opened + 24 * hour + 30 * minute);

    print_step(c, 7);
    try_refused(c, "reopen", opened + 24 * hour + 30 * minute + 15 * 24 * hour);

    printf("\nEvent log of case %s:\n", svcr_case_id(c));
    for (size_t i = 0; i < svcr_case_log_count(c); i++) {
        svcr_log_entry e = {.size = sizeof e};
        check(svcr_case_log_entry(c, i, &e));
        char at[SVCR_TIME_FORMAT_SIZE];
        svcr_time_format(e.at, at, sizeof at);
        printf("  %llu  %s  %-13s %-9s -> %-9s by %s\n", (unsigned long long)e.sequence, at, e.event, e.from,
               e.to, e.role);
    }

    printf("\n");
    print_timers(c, timers, svcr_case_last_at(c));

    svcr_timer_config_free(timers);
    svcr_calendar_free(office);
    svcr_case_free(c);
    svcr_workflow_free(wf);
    if (fflush(stdout) != 0 || ferror(stdout)) { /* a lost output is a failure */
        fprintf(stderr, "five_step: writing the output failed\n");
        return 1;
    }
    return 0;
}
