/* svcr-desk report [--at TIME] [--questionnaire FILE]
 *
 * What the cases tell us (the fourth stage of recovery: "yield data"): every case opened by
 * --at is fed to an insight accumulator (times to respond and resolve, recovery, reopen and
 * repeat-complaint rates, expected retention, timers within goal, the root-cause Pareto with the
 * process owners to notify), the timer breaches are counted per week, and the maturity stage is
 * scored from those measured figures plus the answers of a questionnaire (--questionnaire FILE,
 * or the one stored in the database's meta table under "questionnaire").
 *
 * The desk's own data goes in beside the case: the customer (for repeat complaints), severity
 * 1-2 as a minor and 3-5 as a major problem (for the TARP retention table), and the timers. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* Timer breaches per week (weeks start on Monday, UTC) and timer name. Both grow with the data:
 * a report over years of cases shows every week, and a workflow may have any number of timers. */
typedef struct breach_week {
    int64_t start;
    unsigned *counts; /* by timer index; timers beyond size have 0 */
    size_t size;
} breach_week;

typedef struct breaches {
    const char **timers; /* names owned by the workflows */
    size_t timer_count, timer_capacity;
    breach_week *weeks; /* in order */
    size_t week_count, week_capacity;
} breaches;

typedef struct report {
    int64_t at;
    svcr_insight *insight;
    breaches breaches;
    long skipped; /* cases opened after --at */
} report;

static int64_t monday_of(int64_t t)
{
    int64_t day = t >= 0 ? t / DAY : (t - DAY + 1) / DAY;
    int64_t weekday = ((day + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday: Monday is 0 */
    return (day - weekday) * DAY;
}

static unsigned breach_count(const breaches *b, size_t w, size_t t)
{
    return t < b->weeks[w].size ? b->weeks[w].counts[t] : 0;
}

/* Make room for one more element in *array (of *capacity elements of @p size bytes). */
static bool grow(void **array, size_t *capacity, size_t needed, size_t size)
{
    if (needed <= *capacity)
        return true;
    size_t capacity_now = *capacity > 0 ? *capacity * 2 : 16;
    if (capacity_now < needed)
        capacity_now = needed;
    if (capacity_now > SIZE_MAX / size)
        return false;
    void *grown = realloc(*array, capacity_now * size);
    if (grown == NULL)
        return false;
    *array = grown;
    *capacity = capacity_now;
    return true;
}

static int count_breach(breaches *b, const char *timer, int64_t at)
{
    size_t t = 0;
    while (t < b->timer_count && strcmp(b->timers[t], timer) != 0)
        t++;
    if (t == b->timer_count) {
        if (!grow((void **)&b->timers, &b->timer_capacity, t + 1, sizeof *b->timers))
            return desk_failure("report: out of memory");
        b->timers[b->timer_count++] = timer;
    }
    /* The week, found by bisection in the ordered weeks, or inserted in its place. */
    int64_t week = monday_of(at);
    size_t low = 0, high = b->week_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (b->weeks[middle].start < week)
            low = middle + 1;
        else
            high = middle;
    }
    size_t w = low;
    if (w == b->week_count || b->weeks[w].start != week) {
        if (!grow((void **)&b->weeks, &b->week_capacity, b->week_count + 1, sizeof *b->weeks))
            return desk_failure("report: out of memory");
        memmove(&b->weeks[w + 1], &b->weeks[w], (b->week_count - w) * sizeof *b->weeks);
        b->weeks[w] = (breach_week){week, NULL, 0};
        b->week_count++;
    }
    breach_week *row = &b->weeks[w];
    if (t >= row->size) {
        unsigned *counts = realloc(row->counts, b->timer_count * sizeof *counts);
        if (counts == NULL)
            return desk_failure("report: out of memory");
        memset(counts + row->size, 0, (b->timer_count - row->size) * sizeof *counts);
        row->counts = counts;
        row->size = b->timer_count;
    }
    row->counts[t]++;
    return DESK_OK;
}

static void breaches_free(breaches *b)
{
    for (size_t w = 0; w < b->week_count; w++)
        free(b->weeks[w].counts);
    free(b->weeks);
    free(b->timers);
}

static int add_case(desk *d, const desk_case_row *row, void *user)
{
    report *r = user;
    if (row->opened_at > r->at) {
        r->skipped++;
        return DESK_OK;
    }
    desk_case dc;
    int rc = desk_case_from_row(d, row, &dc);
    if (rc != DESK_OK)
        return rc;
    svcr_insight_record record;
    svcr_insight_record_init(&record, sizeof record);
    if (svcr_insight_record_from_case(r->insight, dc.c, &record) != SVCR_OK)
        rc = desk_library_error("report");
    record.customer = dc.customer;
    record.severity = dc.severity == 0   ? SVCR_INSIGHT_SEVERITY_UNKNOWN
                      : dc.severity <= 2 ? SVCR_INSIGHT_SEVERITY_MINOR
                                         : SVCR_INSIGHT_SEVERITY_MAJOR;
    size_t count = 0;
    desk_timer_outcome *outcomes = NULL;
    if (rc == DESK_OK)
        rc = desk_case_timers(&dc, r->at, &outcomes, &count);
    for (size_t i = 0; rc == DESK_OK && i < count; i++)
        if (outcomes[i].status == DESK_TIMER_BREACHED)
            rc = count_breach(&r->breaches, outcomes[i].name, outcomes[i].breached_at);
    free(outcomes);
    size_t capacity = svcr_workflow_timer_count(svcr_case_workflow(dc.c));
    /* The library fills our structs (each with its size) through a list of pointers to them. */
    svcr_insight_timer *timers = calloc(capacity > 0 ? capacity : 1, sizeof *timers);
    svcr_insight_timer **pointers = calloc(capacity > 0 ? capacity : 1, sizeof *pointers);
    if ((timers == NULL || pointers == NULL) && rc == DESK_OK)
        rc = desk_failure("report: out of memory");
    for (size_t i = 0; rc == DESK_OK && i < capacity; i++) {
        timers[i].size = sizeof timers[i];
        pointers[i] = &timers[i];
    }
    if (rc == DESK_OK && svcr_insight_timers_from_case(dc.c, dc.timers, r->at, pointers, capacity,
                                                       &record.timer_count) != SVCR_OK)
        rc = desk_library_error("report");
    record.timers = (const svcr_insight_timer *const *)pointers;
    if (rc == DESK_OK && svcr_insight_add(r->insight, &record) != SVCR_OK)
        rc = desk_library_error("report");
    free(timers);
    free(pointers);
    desk_case_clear(&dc);
    return rc;
}

/* The process owner of each root cause, from meta "owners": {"carrier delay": "logistics"}. */
static int load_owners(desk *d, svcr_insight *insight)
{
    char *text;
    int rc = desk_db_meta_get(d, "owners", &text);
    if (rc != DESK_OK || text == NULL)
        return rc;
    json_t *owners = json_loads(text, 0, NULL);
    free(text);
    const char *cause;
    json_t *owner;
    json_object_foreach(owners, cause, owner) {
        if (json_is_string(owner) &&
            svcr_insight_set_owner(insight, cause, json_string_value(owner)) != SVCR_OK) {
            rc = desk_library_error("report: owners");
            break;
        }
    }
    json_decref(owners);
    return rc;
}

/* ---- maturity ------------------------------------------------------------------------------- */

typedef struct maturity {
    svcr_maturity_model *model;
    svcr_maturity_result *result;
    json_t *from_data; /* the metrics that answered criteria */
} maturity;

static int score_maturity(desk *d, const svcr_insight *insight, const char *questionnaire,
                          maturity *m)
{
    memset(m, 0, sizeof *m);
    char *text = NULL;
    size_t length = 0;
    int rc = DESK_OK;
    const char *source = questionnaire;
    if (questionnaire != NULL) {
        rc = desk_read_file(questionnaire, "report", &text, &length);
    } else {
        rc = desk_db_meta_get(d, "questionnaire", &text);
        length = text != NULL ? strlen(text) : 0;
        source = "the stored questionnaire";
    }
    if (rc != DESK_OK)
        return rc;
    svcr_maturity_answers *answers = NULL;
    svcr_maturity_metric_map *map = NULL;
    if (svcr_maturity_model_builtin(&m->model) != SVCR_OK ||
        svcr_maturity_metric_map_builtin(&map) != SVCR_OK)
        rc = desk_library_error("report: maturity");
    else if (text != NULL && svcr_maturity_answers_parse(m->model, text, length, &answers) != SVCR_OK)
        rc = desk_bad_input("report: %s: %s", source, svcr_error_message());
    else if (text == NULL && svcr_maturity_answers_new(m->model, &answers) != SVCR_OK)
        rc = desk_library_error("report: maturity");
    free(text);
    /* Measured figures answer the criteria they are mapped to, over the questionnaire's word. */
    m->from_data = json_array();
    for (size_t i = 0; rc == DESK_OK && i < svcr_insight_metric_count(insight); i++) {
        svcr_insight_metric_value metric = {.size = sizeof metric};
        bool filled = false;
        if (svcr_insight_metric(insight, i, &metric) != SVCR_OK || metric.denominator == 0)
            continue;
        if (svcr_maturity_answers_set_metric(answers, map, metric.name, metric.value, &filled) != SVCR_OK)
            rc = desk_library_error("report: maturity");
        else if (filled)
            json_array_append_new(m->from_data, json_string(metric.name));
    }
    if (rc == DESK_OK && svcr_maturity_score(m->model, answers, &m->result) != SVCR_OK)
        rc = desk_library_error("report: maturity");
    svcr_maturity_answers_free(answers);
    svcr_maturity_metric_map_free(map);
    return rc;
}

static void maturity_free(maturity *m)
{
    svcr_maturity_result_free(m->result);
    svcr_maturity_model_free(m->model);
    json_decref(m->from_data);
}

/* ---- output --------------------------------------------------------------------------------- */

static json_t *decode_library_json(char *text)
{
    json_t *value = text != NULL ? json_loads(text, 0, NULL) : NULL;
    svcr_free(text);
    return value;
}

static json_t *pareto_json(const svcr_insight_cause *causes, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, json_pack("{sssIsfsfsbss?}", "cause", causes[i].cause, "count",
                                              (json_int_t)causes[i].cases, "share", causes[i].share,
                                              "cumulative_share", causes[i].cumulative_share,
                                              "vital_few", causes[i].vital_few, "owner",
                                              causes[i].owner));
    return json_pack("{so}", "causes", list);
}

static json_t *breaches_json(const breaches *b)
{
    json_t *timers = json_array(), *weekly = json_array();
    for (size_t t = 0; t < b->timer_count; t++)
        json_array_append_new(timers, json_string(b->timers[t]));
    for (size_t w = 0; w < b->week_count; w++) {
        char day[SVCR_TIME_FORMAT_SIZE];
        desk_time_text(b->weeks[w].start, day);
        day[10] = '\0'; /* the date only */
        json_t *by_timer = json_object();
        unsigned total = 0;
        for (size_t t = 0; t < b->timer_count; t++) {
            total += breach_count(b, w, t);
            json_object_set_new(by_timer, b->timers[t], json_integer(breach_count(b, w, t)));
        }
        json_array_append_new(weekly, json_pack("{sssiso}", "week", day, "total", (int)total,
                                                "by_timer", by_timer));
    }
    return json_pack("{soso}", "timers", timers, "weekly", weekly);
}

static const char *percent(double share, char buf[16])
{
    snprintf(buf, 16, "%.0f%%", 100.0 * share);
    return buf;
}

static void print_time_stats(const desk *d, const svcr_insight *insight, svcr_insight_time which,
                             const char *label)
{
    svcr_insight_time_stats s = {.size = sizeof s};
    char p50[32], p90[32];
    if (svcr_insight_times(insight, which, &s) != SVCR_OK || s.count == 0)
        return;
    desk_printf(d, "  %-27s median %s, 90%% within %s (%llu cases)\n", label,
                desk_duration_text(s.p50, p50), desk_duration_text(s.p90, p90),
                (unsigned long long)s.count);
}

static void print_metric(const desk *d, const svcr_insight *insight, const char *name,
                         const char *label)
{
    svcr_insight_metric_value m = {.size = sizeof m};
    char buf[16];
    if (svcr_insight_metric_find(insight, name, &m) == SVCR_OK && m.denominator > 0)
        desk_printf(d, "  %-27s %s (%llu of %llu)\n", label, percent(m.value, buf),
                    (unsigned long long)m.numerator, (unsigned long long)m.denominator);
}

static void print_report(const desk *d, const report *r, json_t *insight_json,
                         const svcr_insight_cause *causes, size_t cause_count, const maturity *m)
{
    char t[SVCR_TIME_FORMAT_SIZE], buf[16];
    const svcr_insight *in = r->insight;
    uint64_t cases = svcr_insight_case_count(in);
    desk_printf(d, "report at %s: %llu case%s", desk_time_text(r->at, t),
                (unsigned long long)cases, cases == 1 ? "" : "s");
    if (r->skipped > 0) /* say what is left out */
        desk_printf(d, " (%ld opened later not counted)", r->skipped);
    desk_printf(d, "\n");
    const char *state;
    json_t *n;
    desk_printf(d, "  %-27s", "by state");
    json_object_foreach(json_object_get(insight_json, "by_state"), state, n)
        desk_printf(d, " %s %lld", state, (long long)json_integer_value(n));
    desk_printf(d, "\n");
    print_time_stats(d, in, SVCR_INSIGHT_TIME_FIRST_RESPONSE, "first response");
    print_time_stats(d, in, SVCR_INSIGHT_TIME_RESOLUTION, "resolution");
    print_metric(d, in, "recovery_rate", "recovered at follow-up");
    print_metric(d, in, "reopen_rate", "reopened");
    print_metric(d, in, "repeat_complaint_rate", "repeat complaints (30d)");
    print_metric(d, in, "root_cause_share", "root cause classified");
    svcr_insight_retention_figures retention = {.size = sizeof retention};
    if (svcr_insight_retention(in, &retention) == SVCR_OK && retention.classified > 0)
        desk_printf(d, "  %-27s %s of %llu customers would buy again (TARP figures)\n",
                    "expected retention", percent(retention.rate, buf),
                    (unsigned long long)retention.classified);
    static const char suffix[] = "_within_goal_share";
    for (size_t i = 0; i < svcr_insight_metric_count(in); i++) {
        svcr_insight_metric_value metric = {.size = sizeof metric};
        size_t len;
        if (svcr_insight_metric(in, i, &metric) != SVCR_OK || metric.denominator == 0 ||
            (len = strlen(metric.name)) < sizeof suffix ||
            strcmp(metric.name + len - (sizeof suffix - 1), suffix) != 0)
            continue;
        int name_length = (int)(len - (sizeof suffix - 1));
        int pad = name_length + 12 < 27 ? 27 - (name_length + 12) : 0; /* " within goal" */
        desk_printf(d, "  %.*s within goal%*s %s (%llu of %llu)\n", name_length, metric.name, pad,
                    "", percent(metric.value, buf), (unsigned long long)metric.numerator,
                    (unsigned long long)metric.denominator);
    }

    desk_printf(d, "\nroot causes (Pareto; * the vital few that make 80%%):\n");
    uint64_t top = cause_count > 0 ? causes[0].cases : 1;
    for (size_t i = 0; i < cause_count; i++) {
        const svcr_insight_cause *c = &causes[i];
        char bar[41], cumulative[16];
        size_t width = (size_t)(40 * c->cases / (top > 0 ? top : 1));
        memset(bar, '#', width);
        bar[width] = '\0';
        desk_printf(d, "  %c %-24s %4llu %4s %-40s %4s  %s%s\n", c->vital_few ? '*' : ' ', c->cause,
                    (unsigned long long)c->cases, percent(c->share, buf), bar,
                    percent(c->cumulative_share, cumulative), c->owner ? "tell " : "no owner",
                    c->owner ? c->owner : "");
    }

    desk_printf(d, "\ntimer breaches per week (from Monday):\n");
    for (size_t w = 0; w < r->breaches.week_count; w++) {
        desk_printf(d, "  %.10s ", desk_time_text(r->breaches.weeks[w].start, t));
        for (size_t k = 0; k < r->breaches.timer_count; k++)
            desk_printf(d, " %s %u", r->breaches.timers[k], breach_count(&r->breaches, w, k));
        desk_printf(d, "\n");
    }
    if (r->breaches.week_count == 0)
        desk_printf(d, "  none\n");

    int stage = svcr_maturity_result_stage(m->result);
    desk_printf(d, "\nmaturity: stage %d, %s\n", stage, svcr_maturity_stage_name(stage));
    for (int s = 2; s <= 5; s++) {
        svcr_maturity_stage_score score = {.size = sizeof score};
        if (svcr_maturity_result_stage_score(m->result, s, &score) == SVCR_OK)
            desk_printf(d, "  %-17s %zu of %zu criteria met%s\n", svcr_maturity_stage_name(s),
                        score.met, score.total,
                        score.missing ? " (some unanswered)" : "");
    }
    for (size_t i = 0; i < svcr_maturity_result_gap_count(m->result); i++) {
        svcr_maturity_gap gap = {.size = sizeof gap};
        if (svcr_maturity_result_gap(m->result, i, &gap) != SVCR_OK)
            continue;
        if (gap.kind == SVCR_MATURITY_BOOLEAN)
            desk_printf(d, "  %s %s: answered no\n", i == 0 ? "to reach the next stage:" : "                        ",
                        gap.id);
        else
            desk_printf(d, "  %s %s: %.2f, needs %s %.2f\n",
                        i == 0 ? "to reach the next stage:" : "                        ", gap.id,
                        gap.given, gap.direction == SVCR_MATURITY_AT_LEAST ? "at least" : "at most",
                        gap.needed);
    }
    for (size_t i = 0; i < svcr_maturity_result_missing_count(m->result); i++)
        desk_printf(d, "  %s %s\n", i == 0 ? "not answered:" : "             ",
                    svcr_maturity_result_missing(m->result, i));
}

int desk_cmd_report(desk *d, int argc, char **argv)
{
    const char *at_text = NULL, *questionnaire = NULL;
    for (int i = 0; i < argc; i++) {
        int m;
        if ((m = desk_option(argc, argv, &i, "--at", &at_text)) ||
            (m = desk_option(argc, argv, &i, "--questionnaire", &questionnaire))) {
            if (m < 0)
                return DESK_BAD_INPUT;
        } else {
            return desk_bad_input("report: unexpected argument \"%s\"", argv[i]);
        }
    }
    report r = {.at = d->now};
    int rc = DESK_OK;
    if (at_text != NULL && (rc = desk_parse_time(at_text, "--at", &r.at)) != DESK_OK)
        return rc;
    if ((rc = desk_check_time(r.at, "report: --at")) != DESK_OK) /* before r.at - 30 days */
        return rc;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.window_start = r.at - 30 * DAY; /* repeat complaints: within the last 30 days */
    options.window_end = r.at;
    if (svcr_insight_new(&options, &r.insight) != SVCR_OK)
        return desk_library_error("report");
    rc = load_owners(d, r.insight);
    if (rc == DESK_OK)
        rc = desk_db_each(d, add_case, &r);
    maturity m = {0};
    if (rc == DESK_OK)
        rc = score_maturity(d, r.insight, questionnaire, &m);
    char *text = NULL;
    svcr_insight_cause *causes = NULL;
    size_t cause_count = 0;
    if (rc == DESK_OK && (svcr_insight_encode(r.insight, &text) != SVCR_OK ||
                          svcr_insight_pareto(r.insight, NULL, 0, &cause_count) != SVCR_OK))
        rc = desk_library_error("report");
    /* Read every cause into rows of our own, each with its size (the library's struct rule). */
    svcr_insight_cause **cause_rows = NULL;
    if (rc == DESK_OK && cause_count > 0) {
        causes = calloc(cause_count, sizeof *causes);
        cause_rows = calloc(cause_count, sizeof *cause_rows);
        if (causes == NULL || cause_rows == NULL)
            rc = desk_failure("report: out of memory");
        for (size_t i = 0; rc == DESK_OK && i < cause_count; i++) {
            causes[i].size = sizeof causes[i];
            cause_rows[i] = &causes[i];
        }
        if (rc == DESK_OK && svcr_insight_pareto(r.insight, cause_rows, cause_count, &cause_count) != SVCR_OK)
            rc = desk_library_error("report");
    }
    json_t *insight_json = decode_library_json(text);
    if (rc == DESK_OK && d->json) {
        char *maturity_text = NULL;
        svcr_maturity_result_encode(m.result, &maturity_text);
        json_t *maturity_json = decode_library_json(maturity_text);
        json_object_set(maturity_json, "from_data", m.from_data);
        char t[SVCR_TIME_FORMAT_SIZE];
        desk_print_json(d, json_pack("{sssIsIsOsososo}", "at", desk_time_text(r.at, t), "cases",
                                     (json_int_t)svcr_insight_case_count(r.insight),
                                     "cases_opened_later", (json_int_t)r.skipped, "insight",
                                     insight_json, "pareto", pareto_json(causes, cause_count),
                                     "timer_breaches", breaches_json(&r.breaches), "maturity",
                                     maturity_json));
    } else if (rc == DESK_OK) {
        print_report(d, &r, insight_json, causes, cause_count, &m);
    }
    json_decref(insight_json);
    free(causes);
    free(cause_rows);
    maturity_free(&m);
    svcr_insight_free(r.insight);
    breaches_free(&r.breaches);
    return rc;
}
