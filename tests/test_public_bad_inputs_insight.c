/* Bad inputs of insight.h and maturity.h. Rows of docs/bad-inputs.md (tests/bad_inputs_table.py);
 * see bad_inputs.h. The snapshot is the accumulators', the model's and the result's JSON plus what
 * the answers and the metric map score, so a refused call must change none of them. */
#include "bad_inputs/bad_inputs.h"
#include "case_fixture.h"

#include <inttypes.h>
#include <math.h>
#include "support/read_all.h"

typedef struct fixture {
    svcr_insight *insight;  /* default options, two records, an owner */
    svcr_insight *other;    /* a quick resolution time of one hour, no severity fact */
    svcr_insight *odd;      /* root cause read from the integer fact "severity" */
    svcr_insight *graded;   /* severity read from the string fact "summary" */
    svcr_workflow *desk;
    svcr_workflow *night;   /* desk with its response timer counting in "night" */
    svcr_timer_config *unbound; /* for night, with no calendar bound */
    svcr_case *c;           /* desk case: summary "Late", severity 2 */
    svcr_case *night_case;  /* a case of night */
    svcr_maturity_model *model;
    svcr_maturity_model *custom; /* one yes/no criterion per stage */
    svcr_maturity_answers *answers; /* complaint_channel yes, complaints_answered 0.9 */
    svcr_maturity_answers *custom_answers;
    svcr_maturity_metric_map *map;
    svcr_maturity_result *result;
    /* out-parameters the rows pass: they must stay untouched */
    svcr_insight *insight_out;
    svcr_insight_record record;
    svcr_insight_timer timers[4];
    svcr_insight_timer *timer_pointers[4];
    size_t count;
    svcr_insight_time_stats stats;
    int64_t seconds;
    svcr_insight_metric_value metric;
    svcr_insight_cause *causes;
    svcr_insight_paradox_figures paradox;
    svcr_insight_retention_figures retention;
    svcr_servqual_result servqual;
    char *text_out;
    svcr_maturity_model *model_out;
    svcr_maturity_answers *answers_out;
    svcr_maturity_metric_map *map_out;
    svcr_maturity_result *result_out;
    svcr_maturity_criterion criterion;
    svcr_maturity_stage_score stage_score;
    svcr_maturity_gap gap;
    bool filled;
} fixture;

static uint8_t zeros[22], sevens[22], ones[22], points[5] = {20, 20, 20, 20, 20}, bad_points[5] = {20, 20, 20, 20, 21};

static void append_json(char **text, svcr_status status, char **json)
{
    assert_int_equal(status, SVCR_OK);
    bad_append_owned(text, *json);
    *json = NULL;
}

static char *snapshot(void *data)
{
    fixture *f = data;
    char *text = NULL, *json = NULL;
    append_json(&text, svcr_insight_encode(f->insight, &json), &json);
    append_json(&text, svcr_insight_encode(f->other, &json), &json);
    append_json(&text, svcr_insight_causes_csv(f->insight, &json), &json);
    append_json(&text, svcr_maturity_model_encode(f->model, &json), &json);
    append_json(&text, svcr_maturity_model_encode(f->custom, &json), &json);
    append_json(&text, svcr_maturity_result_encode(f->result, &json), &json);
    svcr_maturity_result *scored = NULL;
    assert_int_equal(svcr_maturity_score(f->model, f->answers, &scored), SVCR_OK);
    append_json(&text, svcr_maturity_result_encode(scored, &json), &json);
    svcr_maturity_result_free(scored);
    svcr_maturity_answers *probe = NULL;
    assert_int_equal(svcr_maturity_answers_new(f->model, &probe), SVCR_OK);
    static const char *const metrics[] = {"responded_share", "solicited_share", "root_cause_share", "custom_share"};
    for (int i = 0; i < 4; i++) {
        bool filled = false;
        assert_int_equal(svcr_maturity_answers_set_metric(probe, f->map, metrics[i], 0.5, &filled), SVCR_OK);
        bad_append(&text, "%s:%d ", metrics[i], (int)filled);
    }
    svcr_maturity_answers_free(probe);
    bad_append(&text, "\noutputs %p %zu %p %zu %" PRIu64 " %" PRId64 " %p %p %d %" PRIu64 " %" PRIu64 " %p",
               (void *)f->insight_out, f->record.size, (const void *)f->timers[0].name, f->count, f->stats.count,
               f->seconds, (const void *)f->metric.name, (void *)f->causes, (int)f->paradox.defined,
               f->retention.classified, f->servqual.respondents, (void *)f->text_out);
    bad_append(&text, " %p %p %p %p %p %zu %zu %p %d", (void *)f->model_out, (void *)f->answers_out, (void *)f->map_out,
               (void *)f->result_out, (const void *)f->criterion.id, f->stage_score.total, f->stage_score.met,
               (const void *)f->gap.id, (int)f->filled);
    return text;
}

/* The desk workflow with its response timer counting in "night", a calendar nothing stands in for
 * (an unbound "business" is the default office hours), or NULL. */
static svcr_workflow *fixture_night_desk(void)
{
    size_t length = 0;
    char *desk = fixture_read("workflow_desk.json", &length);
    if (desk == NULL)
        return NULL;
    const char *night = fixture_variant(desk, "\"calendar\": \"business\"", "\"calendar\": \"night\"");
    free(desk);
    svcr_workflow *wf = NULL;
    return svcr_workflow_parse(night, strlen(night), &wf) == SVCR_OK ? wf : NULL;
}

static int setup(void **state)
{
    static fixture f;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    if (svcr_insight_new(NULL, &f.insight) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    options.quick_resolution_seconds = HOUR;
    options.severity_fact = NULL;
    if (svcr_insight_new(&options, &f.other) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    svcr_insight_options_init(&options, sizeof options);
    options.root_cause_fact = "severity";
    if (svcr_insight_new(&options, &f.odd) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    svcr_insight_options_init(&options, sizeof options);
    options.severity_fact = "summary";
    if (svcr_insight_new(&options, &f.graded) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = "closed";
    r.opened_at = T0;
    r.first_response_seconds = 600;
    r.resolution_seconds = 7200;
    r.follow_up = SVCR_INSIGHT_FOLLOW_UP_SATISFIED;
    r.closed = true;
    r.customer = "K-1";
    r.root_cause = "courier";
    r.severity = SVCR_INSIGHT_SEVERITY_MINOR;
    if (svcr_insight_add(f.insight, &r) != SVCR_OK || svcr_insight_add(f.insight, &r) != SVCR_OK ||
        svcr_insight_set_owner(f.insight, "courier", "logistics") != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    if ((f.desk = fixture_desk()) == NULL || svcr_case_new(f.desk, "C-1", T0, &f.c) != SVCR_OK ||
        (f.night = fixture_night_desk()) == NULL || svcr_case_new(f.night, "N-1", T0, &f.night_case) != SVCR_OK ||
        svcr_timer_config_new(f.night, &f.unbound) != SVCR_OK ||
        svcr_case_set_fact_string(f.c, "summary", "Late") != SVCR_OK || svcr_case_set_fact_integer(f.c, "severity", 2) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    const char custom_json[] = "{\"criteria\": [{\"id\": \"c2\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\"},\n"
                               " {\"id\": \"c3\", \"stage\": 3, \"kind\": \"bool\", \"question\": \"q\"},\n"
                               " {\"id\": \"c4\", \"stage\": 4, \"kind\": \"bool\", \"question\": \"q\"},\n"
                               " {\"id\": \"c5\", \"stage\": 5, \"kind\": \"bool\", \"question\": \"q\"}]}";
    if (svcr_maturity_model_builtin(&f.model) != SVCR_OK ||
        svcr_maturity_model_parse(custom_json, sizeof custom_json - 1, &f.custom) != SVCR_OK ||
        svcr_maturity_answers_new(f.model, &f.answers) != SVCR_OK ||
        svcr_maturity_answers_new(f.custom, &f.custom_answers) != SVCR_OK ||
        svcr_maturity_answers_set_boolean(f.answers, "complaint_channel", true) != SVCR_OK ||
        svcr_maturity_answers_set_number(f.answers, "complaints_answered", 0.9) != SVCR_OK ||
        svcr_maturity_metric_map_builtin(&f.map) != SVCR_OK ||
        svcr_maturity_metric_map_set(f.map, "custom_share", "complaints_tracked") != SVCR_OK ||
        svcr_maturity_score(f.model, f.answers, &f.result) != SVCR_OK)
        { print_error("setup line %d: %s\n", __LINE__, svcr_error_message()); return -1; }
    for (int i = 0; i < 22; i++) {
        sevens[i] = 7;
        ones[i] = 1;
    }
    /* The sized out-parameters carry their size, as a caller's would (the 0.2 struct rule). */
    svcr_test_timer_pointers(f.timers, 4, f.timer_pointers);
    f.stats.size = sizeof f.stats;
    f.metric.size = sizeof f.metric;
    f.paradox.size = sizeof f.paradox;
    f.retention.size = sizeof f.retention;
    f.servqual.size = sizeof f.servqual;
    f.criterion.size = sizeof f.criterion;
    f.stage_score.size = sizeof f.stage_score;
    f.gap.size = sizeof f.gap;
    bad_inputs_watch(snapshot, &f);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f == NULL)
        return 0;
    svcr_insight_free(f->insight);
    svcr_insight_free(f->other);
    svcr_insight_free(f->odd);
    svcr_insight_free(f->graded);
    svcr_case_free(f->c);
    svcr_case_free(f->night_case);
    svcr_timer_config_free(f->unbound);
    svcr_workflow_free(f->desk);
    svcr_workflow_free(f->night);
    svcr_maturity_result_free(f->result);
    svcr_maturity_metric_map_free(f->map);
    svcr_maturity_answers_free(f->answers);
    svcr_maturity_answers_free(f->custom_answers);
    svcr_maturity_model_free(f->model);
    svcr_maturity_model_free(f->custom);
    return 0;
}

static void accumulate_rows(void **state)
{
    fixture *f = *state;
    svcr_insight *in = f->insight;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    svcr_insight_timer nameless = {sizeof nameless, NULL, SVCR_INSIGHT_FLAG_YES};
    BAD_IGNORED("svcr_insight_record_init", "NULL", svcr_insight_record_init(NULL, sizeof(svcr_insight_record)));
    BAD_IGNORED("svcr_insight_options_init", "NULL", svcr_insight_options_init(NULL, sizeof(svcr_insight_options)));
    BAD("svcr_insight_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_new(NULL, NULL));
    options.size = 0;
    BAD("svcr_insight_new", "options->size 0", SVCR_EINVAL, "options->size is 0 (use svcr_insight_options_init())",
        svcr_insight_new(&options, &f->insight_out));
    svcr_insight_options_init(&options, sizeof options);
    options.quick_resolution_seconds = -1;
    BAD("svcr_insight_new", "a negative quick resolution time", SVCR_EINVAL, "quick_resolution_seconds must not be negative",
        svcr_insight_new(&options, &f->insight_out));
    svcr_insight_options_init(&options, sizeof options);
    options.window_start = 100;
    options.window_end = 50;
    BAD("svcr_insight_new", "a window that ends before it starts", SVCR_EINVAL,
        "the repeat-complaint window must end after it starts", svcr_insight_new(&options, &f->insight_out));
    svcr_insight_options_init(&options, sizeof options);
    options.repurchase[1][2] = 10001;
    BAD("svcr_insight_new", "a repurchase figure of 10001", SVCR_EINVAL, "repurchase[1][2] is 10001 basis points (most 10000)",
        svcr_insight_new(&options, &f->insight_out));
    svcr_insight_options_init(&options, sizeof options);
    options.satisfied_event = "";
    BAD("svcr_insight_new", "an empty event name", SVCR_EINVAL, "an event or fact name is empty",
        svcr_insight_new(&options, &f->insight_out));
    BAD_IGNORED("svcr_insight_free", "NULL", svcr_insight_free(NULL));
    BAD("svcr_insight_add", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_add(NULL, &r));
    BAD("svcr_insight_add", "NULL record", SVCR_EINVAL, "\"record\" is NULL", svcr_insight_add(in, NULL));
    r.size = 0;
    BAD("svcr_insight_add", "record->size 0", SVCR_EINVAL, "record->size is 0 (use svcr_insight_record_init())",
        svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.resolution_seconds = -2;
    BAD("svcr_insight_add", "a time of -2", SVCR_EINVAL, "a time is negative (-1 means none)", svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.root_cause = "courier\xff";
    BAD("svcr_insight_add", "a root cause that is not UTF-8", SVCR_EINVAL, "root_cause is not valid UTF-8",
        svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.follow_up = (svcr_insight_follow_up)7;
    BAD("svcr_insight_add", "follow_up 7", SVCR_EINVAL, "follow_up, severity or solicited is out of range", svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.root_cause = "";
    BAD("svcr_insight_add", "an empty root cause", SVCR_EINVAL, "root_cause is empty (use NULL for not known)",
        svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.has_satisfaction = true;
    r.satisfaction = 10001;
    BAD("svcr_insight_add", "satisfaction 10001", SVCR_EINVAL, "is outside -10000 to 10000", svcr_insight_add(in, &r));
    svcr_insight_record_init(&r, sizeof r);
    r.timer_count = 1;
    BAD("svcr_insight_add", "timer_count 1 with NULL timers", SVCR_EINVAL, "timer_count is 1 but timers is NULL",
        svcr_insight_add(in, &r));
    const svcr_insight_timer *nameless_list[] = {&nameless};
    r.timers = nameless_list;
    BAD("svcr_insight_add", "a timer without a name", SVCR_EINVAL, "timer 0 has no name", svcr_insight_add(in, &r));
    svcr_insight_record empty_customer;
    svcr_insight_record_init(&empty_customer, sizeof empty_customer);
    empty_customer.customer = "";
    const svcr_insight_record *bad_list[] = {&empty_customer, &empty_customer}, *hole[] = {NULL};
    BAD("svcr_insight_add_many", "NULL records with count 2", SVCR_EINVAL, "argument \"records\" is NULL",
        svcr_insight_add_many(in, NULL, 2, &f->count));
    BAD("svcr_insight_add_many", "a first record with an empty customer", SVCR_EINVAL, "customer is empty",
        svcr_insight_add_many(in, bad_list, 2, &f->count));
    BAD("svcr_insight_add_many", "a NULL entry", SVCR_EINVAL, "records[0] is NULL",
        svcr_insight_add_many(in, hole, 1, &f->count));
    BAD("svcr_insight_add_baseline", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_add_baseline(NULL, 5));
    BAD("svcr_insight_add_baseline", "score -10001", SVCR_EINVAL, "-10001 is outside -10000 to 10000",
        svcr_insight_add_baseline(in, -10001));
    BAD("svcr_insight_add_servqual", "NULL perceptions", SVCR_EINVAL, "\"perceptions\" is NULL",
        svcr_insight_add_servqual(in, sevens, NULL, points));
    BAD("svcr_insight_add_servqual", "an expectation of 0", SVCR_EINVAL, "SERVQUAL item 1: expectation 0 is outside 1 to 7",
        svcr_insight_add_servqual(in, zeros, sevens, points));
    BAD("svcr_insight_add_servqual", "points summing to 101", SVCR_EINVAL, "sum to 101, not 100",
        svcr_insight_add_servqual(in, sevens, ones, bad_points));
    BAD("svcr_insight_set_owner", "NULL cause", SVCR_EINVAL, "\"cause\" is NULL", svcr_insight_set_owner(in, NULL, "x"));
    BAD("svcr_insight_set_owner", "an owner that is not UTF-8", SVCR_EINVAL, "cause and owner must be valid UTF-8",
        svcr_insight_set_owner(in, "courier", "logistics\xc3"));
    BAD("svcr_insight_set_owner", "an empty owner", SVCR_EINVAL, "cause and owner must not be empty",
        svcr_insight_set_owner(in, "courier", ""));
    BAD("svcr_insight_merge", "NULL from", SVCR_EINVAL, "\"from\" is NULL", svcr_insight_merge(in, NULL));
    BAD("svcr_insight_merge", "the same accumulator twice", SVCR_EINVAL, "cannot merge an accumulator into itself",
        svcr_insight_merge(in, in));
    BAD("svcr_insight_merge", "accumulators with different options", SVCR_EINVAL,
        "the accumulators were made with different options", svcr_insight_merge(f->other, in));
}

static void case_rows(void **state)
{
    fixture *f = *state;
    BAD("svcr_insight_record_from_case", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_insight_record_from_case(f->insight, NULL, &f->record));
    BAD("svcr_insight_record_from_case", "NULL record", SVCR_EINVAL, "\"record\" is NULL",
        svcr_insight_record_from_case(f->insight, f->c, NULL));
    BAD("svcr_insight_record_from_case", "a root-cause fact of type integer", SVCR_EINVAL,
        "insight: fact \"severity\" must be of type string", svcr_insight_record_from_case(f->odd, f->c, &f->record));
    BAD("svcr_insight_record_from_case", "a severity fact that is not \"minor\" or \"major\"", SVCR_EINVAL,
        "fact \"summary\" is \"Late\", not \"minor\" or \"major\"", svcr_insight_record_from_case(f->graded, f->c, &f->record));
    BAD("svcr_insight_add_case", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_add_case(NULL, f->c, NULL, 0));
    BAD("svcr_insight_add_case", "a root-cause fact of type integer", SVCR_EINVAL, "must be of type string",
        svcr_insight_add_case(f->odd, f->c, NULL, 0));
    BAD("svcr_insight_timers_from_case", "NULL count", SVCR_EINVAL, "\"count\" is NULL",
        svcr_insight_timers_from_case(f->c, NULL, T0, f->timer_pointers, 4, NULL));
    BAD("svcr_insight_timers_from_case", "NULL timers with capacity 4", SVCR_EINVAL, "argument \"timers\" is NULL",
        svcr_insight_timers_from_case(f->c, NULL, T0, NULL, 4, &f->count));
    BAD("svcr_insight_timers_from_case", "room for 2 of 4 timers", SVCR_EINVAL, "the workflow has 4 timers but the buffer holds 2",
        svcr_insight_timers_from_case(f->c, NULL, T0, f->timer_pointers, 2, &f->count));
    BAD("svcr_insight_timers_from_case", "no calendar bound for \"night\"", SVCR_ENOTFOUND,
        "counts in calendar \"night\", which is not bound",
        svcr_insight_timers_from_case(f->night_case, NULL, T0, f->timer_pointers, 4, &f->count));
    BAD("svcr_insight_add_case", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_insight_add_case(f->insight, NULL, NULL, T0));
    BAD("svcr_insight_add_case", "no calendar bound for \"night\"", SVCR_ENOTFOUND, "which is not bound",
        svcr_insight_add_case(f->other, f->night_case, f->unbound, T0));
    BAD("svcr_insight_add_case", "a time before the opening", SVCR_EINVAL, "before the case was opened",
        svcr_insight_add_case(f->other, f->night_case, f->unbound, T0 - 1));
}

static void figure_rows(void **state)
{
    fixture *f = *state;
    const svcr_insight *in = f->insight;
    BAD_RETURNS("svcr_insight_case_count", "NULL insight", "0", "", svcr_insight_case_count(NULL) == 0);
    BAD_RETURNS("svcr_insight_state_count", "NULL state", "0", "", svcr_insight_state_count(in, NULL) == 0);
    BAD_RETURNS("svcr_insight_state_count", "NULL insight", "0", "", svcr_insight_state_count(NULL, "closed") == 0);
    BAD_RETURNS("svcr_insight_outcome_count", "a value that is not an outcome (9)", "0", "",
                svcr_insight_outcome_count(in, (svcr_insight_follow_up)9) == 0);
    BAD("svcr_insight_times", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_times(in, SVCR_INSIGHT_TIME_RESOLUTION, NULL));
    BAD("svcr_insight_times", "which 5", SVCR_EINVAL, "insight: 5 is not a kind of time",
        svcr_insight_times(in, (svcr_insight_time)5, &f->stats));
    BAD("svcr_insight_percentile", "fraction 0", SVCR_EINVAL, "a percentile must be more than 0 and at most 1",
        svcr_insight_percentile(in, SVCR_INSIGHT_TIME_RESOLUTION, 0.0, &f->seconds));
    BAD("svcr_insight_percentile", "fraction 1.5", SVCR_EINVAL, "a percentile must be more than 0 and at most 1",
        svcr_insight_percentile(in, SVCR_INSIGHT_TIME_RESOLUTION, 1.5, &f->seconds));
    BAD("svcr_insight_percentile", "fraction NaN", SVCR_EINVAL, "a percentile must be more than 0",
        svcr_insight_percentile(in, SVCR_INSIGHT_TIME_RESOLUTION, NAN, &f->seconds));
    BAD("svcr_insight_percentile", "no case has the time", SVCR_ENOTFOUND, "insight: no case has a time to",
        svcr_insight_percentile(f->other, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, &f->seconds));
    BAD("svcr_insight_percentile", "NULL seconds", SVCR_EINVAL, "\"seconds\" is NULL",
        svcr_insight_percentile(in, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, NULL));
    BAD_RETURNS("svcr_insight_metric_count", "NULL insight", "0", "", svcr_insight_metric_count(NULL) == 0);
    BAD("svcr_insight_metric", "index past the end", SVCR_EINVAL, "index 999 is out of range",
        svcr_insight_metric(in, 999, &f->metric));
    BAD("svcr_insight_metric", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_metric(NULL, 0, &f->metric));
    BAD("svcr_insight_metric_find", "NULL name", SVCR_EINVAL, "\"name\" is NULL", svcr_insight_metric_find(in, NULL, &f->metric));
    BAD("svcr_insight_metric_find", "unknown name", SVCR_ENOTFOUND, "insight: no metric \"happiness\"",
        svcr_insight_metric_find(in, "happiness", &f->metric));
    BAD("svcr_insight_pareto", "NULL causes with capacity 1", SVCR_EINVAL, "\"causes\" is NULL",
        svcr_insight_pareto(in, NULL, 1, &f->count));
    BAD("svcr_insight_pareto", "NULL count", SVCR_EINVAL, "\"count\" is NULL", svcr_insight_pareto(in, NULL, 0, NULL));
    BAD("svcr_insight_paradox", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_paradox(in, NULL));
    BAD("svcr_insight_paradox", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_paradox(NULL, &f->paradox));
    BAD("svcr_insight_retention", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_retention(in, NULL));
    BAD("svcr_insight_servqual", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_servqual(in, NULL));
    BAD("svcr_insight_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_insight_encode(in, NULL));
    BAD("svcr_insight_encode", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_encode(NULL, &f->text_out));
    BAD("svcr_insight_pareto_csv", "NULL csv", SVCR_EINVAL, "\"csv\" is NULL", svcr_insight_pareto_csv(in, NULL));
    size_t state_length = 0;
    BAD("svcr_insight_state_encode", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_state_encode(NULL, (unsigned char **)&f->text_out, &state_length));
    BAD("svcr_insight_state_encode", "NULL bytes", SVCR_EINVAL, "\"bytes\" is NULL", svcr_insight_state_encode(in, NULL, &state_length));
    BAD("svcr_insight_state_encode", "NULL length", SVCR_EINVAL, "\"length\" is NULL",
        svcr_insight_state_encode(in, (unsigned char **)&f->text_out, NULL));
    unsigned char *encoded = NULL, *bytes;
    assert_int_equal(svcr_insight_state_encode(in, &encoded, &state_length), SVCR_OK);
    assert_non_null(bytes = calloc(1, state_length + 1)); /* room for a byte after the end */
    memcpy(bytes, encoded, state_length);
    svcr_free(encoded);
    BAD("svcr_insight_state_decode", "NULL bytes", SVCR_EINVAL, "\"bytes\" is NULL",
        svcr_insight_state_decode(NULL, state_length, &f->insight_out));
    BAD("svcr_insight_state_decode", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_state_decode(bytes, state_length, NULL));
    BAD("svcr_insight_state_decode", "bytes that are no insight state", SVCR_EPARSE, "not an insight state",
        svcr_insight_state_decode((const unsigned char *)"{\"cases\": 1}", 12, &f->insight_out));
    BAD("svcr_insight_state_decode", "truncated bytes", SVCR_EPARSE, "truncated: 40 of its",
        svcr_insight_state_decode(bytes, 40, &f->insight_out));
    BAD("svcr_insight_state_decode", "bytes after the end", SVCR_EPARSE, "1 bytes after its end",
        svcr_insight_state_decode(bytes, state_length + 1, &f->insight_out));
    BAD("svcr_insight_state_decode", "a version it does not read", SVCR_EPARSE, "version 9 is not supported",
        (bytes[4] = 9, svcr_insight_state_decode(bytes, state_length, &f->insight_out)));
    bytes[4] = 1;
    BAD("svcr_insight_state_decode", "a changed byte", SVCR_EPARSE, "corrupt: the checksum does not match",
        (bytes[20] ^= 1, svcr_insight_state_decode(bytes, state_length, &f->insight_out)));
    free(bytes);
    BAD("svcr_insight_causes_csv", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_causes_csv(NULL, &f->text_out));
    BAD("svcr_servqual_score", "NULL expectations", SVCR_EINVAL, "\"expectations\" is NULL",
        svcr_servqual_score(NULL, sevens, points, &f->servqual));
    BAD("svcr_servqual_score", "a perception of 8", SVCR_EINVAL, "SERVQUAL item 1: perception 8 is outside 1 to 7",
        (sevens[0] = 8, svcr_servqual_score(ones, sevens, points, &f->servqual)));
    sevens[0] = 7;
    BAD("svcr_servqual_score", "points summing to 101", SVCR_EINVAL, "sum to 101, not 100",
        svcr_servqual_score(sevens, ones, bad_points, &f->servqual));
    BAD_RETURNS("svcr_servqual_dimension_name", "dimension 5", "NULL", "", svcr_servqual_dimension_name((svcr_servqual_dimension)5) == NULL);
    BAD_RETURNS("svcr_servqual_dimension_name", "dimension -1", "NULL", "", svcr_servqual_dimension_name((svcr_servqual_dimension)-1) == NULL);
}

static void maturity_rows(void **state)
{
    fixture *f = *state;
    const char *trailing_comma = "{\"criteria\": [\n  {\"id\": \"a\",}\n]}";
    const char *bad_stage = "{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 1, \"kind\": \"bool\", \"question\": \"q\"}]}";
    const char *misspelt = "{\"answers\": {\n  \"complaint_channel\": true,\n  \"complaint_chanel\": true}}";
    const char *wrong_type = "{\"answers\": {\n  \"complaint_channel\": 1}}";
    BAD_RETURNS("svcr_maturity_stage_name", "stage 0", "NULL", "", svcr_maturity_stage_name(0) == NULL);
    BAD_RETURNS("svcr_maturity_stage_name", "stage 6", "NULL", "", svcr_maturity_stage_name(6) == NULL);
    BAD("svcr_maturity_model_builtin", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_model_builtin(NULL));
    BAD("svcr_maturity_model_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_maturity_model_parse(NULL, 0, &f->model_out));
    BAD("svcr_maturity_model_parse", "malformed JSON (trailing comma)", SVCR_EPARSE, "line 2, column 14",
        svcr_maturity_model_parse(trailing_comma, strlen(trailing_comma), &f->model_out));
    BAD("svcr_maturity_model_parse", "stage 1", SVCR_EPARSE, "\"stage\" must be an integer from 2 to 5",
        svcr_maturity_model_parse(bad_stage, strlen(bad_stage), &f->model_out));
    BAD_IGNORED("svcr_maturity_model_free", "NULL", svcr_maturity_model_free(NULL));
    BAD("svcr_maturity_model_encode", "NULL model", SVCR_EINVAL, "\"model\" is NULL", svcr_maturity_model_encode(NULL, &f->text_out));
    BAD("svcr_maturity_model_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_maturity_model_encode(f->model, NULL));
    BAD_RETURNS("svcr_maturity_model_count", "NULL model", "0", "", svcr_maturity_model_count(NULL) == 0);
    BAD("svcr_maturity_model_criterion", "index 20 of 20", SVCR_EINVAL, "index 20 is out of range (the model has 20 criteria)",
        svcr_maturity_model_criterion(f->model, 20, &f->criterion));
    BAD("svcr_maturity_model_criterion", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_model_criterion(f->model, 0, NULL));
    BAD("svcr_maturity_model_find", "unknown id", SVCR_ENOTFOUND, "no maturity criterion \"happiness\"",
        svcr_maturity_model_find(f->model, "happiness", &f->count));
    BAD("svcr_maturity_model_find", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_model_find(f->model, NULL, &f->count));
    BAD("svcr_maturity_model_set_threshold", "unknown id", SVCR_ENOTFOUND, "no maturity criterion \"happiness\"",
        svcr_maturity_model_set_threshold(f->model, "happiness", 0.5));
    BAD("svcr_maturity_model_set_threshold", "a yes/no criterion", SVCR_EINVAL,
        "criterion \"complaint_channel\" is yes/no: it has no threshold", svcr_maturity_model_set_threshold(f->model, "complaint_channel", 0.5));
    BAD("svcr_maturity_model_set_threshold", "threshold infinity", SVCR_EINVAL, "the threshold must be finite",
        svcr_maturity_model_set_threshold(f->model, "complaints_answered", INFINITY));
    BAD("svcr_maturity_answers_new", "NULL model", SVCR_EINVAL, "\"model\" is NULL", svcr_maturity_answers_new(NULL, &f->answers_out));
    BAD("svcr_maturity_answers_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_answers_new(f->model, NULL));
    BAD("svcr_maturity_answers_parse", "NULL model", SVCR_EINVAL, "\"model\" is NULL",
        svcr_maturity_answers_parse(NULL, "{}", 2, &f->answers_out));
    BAD("svcr_maturity_answers_parse", "a misspelt id", SVCR_EPARSE, "line 3, column 23: /answers/complaint_chanel: no maturity criterion",
        svcr_maturity_answers_parse(f->model, misspelt, strlen(misspelt), &f->answers_out));
    BAD("svcr_maturity_answers_parse", "a number for a yes/no criterion", SVCR_EPARSE, "\"complaint_channel\" takes true or false",
        svcr_maturity_answers_parse(f->model, wrong_type, strlen(wrong_type), &f->answers_out));
    BAD_IGNORED("svcr_maturity_answers_free", "NULL", svcr_maturity_answers_free(NULL));
    BAD("svcr_maturity_answers_set_boolean", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL",
        svcr_maturity_answers_set_boolean(NULL, "complaint_channel", true));
    BAD("svcr_maturity_answers_set_boolean", "a number criterion", SVCR_EINVAL, "criterion \"complaints_answered\" takes",
        svcr_maturity_answers_set_boolean(f->answers, "complaints_answered", true));
    BAD("svcr_maturity_answers_set_boolean", "unknown id", SVCR_ENOTFOUND, "no maturity criterion \"happiness\"",
        svcr_maturity_answers_set_boolean(f->answers, "happiness", true));
    BAD("svcr_maturity_answers_set_number", "NaN", SVCR_EINVAL, "the answer must be a finite number",
        svcr_maturity_answers_set_number(f->answers, "complaints_answered", NAN));
    BAD("svcr_maturity_answers_set_number", "a yes/no criterion", SVCR_EINVAL, "criterion \"complaint_channel\" takes",
        svcr_maturity_answers_set_number(f->answers, "complaint_channel", 1.0));
    BAD("svcr_maturity_answers_set_ratio", "denominator 0", SVCR_EINVAL, "the denominator of a share must not be 0",
        svcr_maturity_answers_set_ratio(f->answers, "complaints_answered", 1, 0));
    BAD("svcr_maturity_answers_set_ratio", "unknown id", SVCR_ENOTFOUND, "no maturity criterion \"happiness\"",
        svcr_maturity_answers_set_ratio(f->answers, "happiness", 1, 2));
    BAD("svcr_maturity_answers_unset", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_answers_unset(f->answers, NULL));
    BAD("svcr_maturity_answers_unset", "unknown id", SVCR_ENOTFOUND, "no maturity criterion \"happiness\"",
        svcr_maturity_answers_unset(f->answers, "happiness"));
    BAD("svcr_maturity_metric_map_builtin", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_metric_map_builtin(NULL));
    BAD("svcr_maturity_metric_map_new", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_metric_map_new(NULL));
    BAD("svcr_maturity_metric_map_set", "NULL metric", SVCR_EINVAL, "\"metric\" is NULL",
        svcr_maturity_metric_map_set(f->map, NULL, "complaints_tracked"));
    BAD("svcr_maturity_metric_map_set", "an empty criterion", SVCR_EINVAL, "metric and criterion names must not be empty",
        svcr_maturity_metric_map_set(f->map, "custom_share", ""));
    BAD_IGNORED("svcr_maturity_metric_map_free", "NULL", svcr_maturity_metric_map_free(NULL));
    BAD("svcr_maturity_answers_set_metric", "NULL map", SVCR_EINVAL, "\"map\" is NULL",
        svcr_maturity_answers_set_metric(f->answers, NULL, "responded_share", 0.5, &f->filled));
    BAD("svcr_maturity_answers_set_metric", "an infinite value", SVCR_EINVAL, "metric \"responded_share\": the value must be finite",
        svcr_maturity_answers_set_metric(f->answers, f->map, "responded_share", INFINITY, &f->filled));
    BAD("svcr_maturity_answers_set_metric", "a metric mapped to a yes/no criterion", SVCR_EINVAL,
        "metric \"channel_share\" is mapped to criterion \"complaint_channel\", which is yes/no",
        (svcr_maturity_metric_map_set(f->map, "channel_share", "complaint_channel") == SVCR_OK
             ? svcr_maturity_answers_set_metric(f->answers, f->map, "channel_share", 0.5, &f->filled) : SVCR_OK));
    BAD("svcr_maturity_score", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL", svcr_maturity_score(f->model, NULL, &f->result_out));
    BAD("svcr_maturity_score", "answers made for another model", SVCR_EINVAL, "the answers were made for another criteria model",
        svcr_maturity_score(f->model, f->custom_answers, &f->result_out));
    BAD_IGNORED("svcr_maturity_result_free", "NULL", svcr_maturity_result_free(NULL));
    BAD_RETURNS("svcr_maturity_result_stage", "NULL result", "0", "", svcr_maturity_result_stage(NULL) == 0);
    BAD("svcr_maturity_result_stage_score", "stage 1", SVCR_EINVAL, "stage 1 has no criteria (stages 2 to 5 do)",
        svcr_maturity_result_stage_score(f->result, 1, &f->stage_score));
    BAD("svcr_maturity_result_stage_score", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_result_stage_score(f->result, 2, NULL));
    BAD_RETURNS("svcr_maturity_result_gap_count", "NULL result", "0", "", svcr_maturity_result_gap_count(NULL) == 0);
    BAD("svcr_maturity_result_gap", "index past the end", SVCR_EINVAL, "index 99 is out of range",
        svcr_maturity_result_gap(f->result, 99, &f->gap));
    BAD_RETURNS("svcr_maturity_result_missing_count", "NULL result", "0", "", svcr_maturity_result_missing_count(NULL) == 0);
    BAD_RETURNS("svcr_maturity_result_missing", "NULL result", "NULL", "", svcr_maturity_result_missing(NULL, 0) == NULL);
    BAD_RETURNS("svcr_maturity_result_missing", "index past the end", "NULL", "", svcr_maturity_result_missing(f->result, 99) == NULL);
    BAD("svcr_maturity_result_encode", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_maturity_result_encode(NULL, &f->text_out));
    BAD("svcr_maturity_result_encode", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_maturity_result_encode(f->result, NULL));
}


/* NULL for each pointer argument not already given NULL above. */
static void null_rows(void **state)
{
    fixture *f = *state;
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    BAD("svcr_insight_add_many", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_add_many(NULL, NULL, 0, &f->count));
    BAD("svcr_insight_record_from_case", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_record_from_case(NULL, f->c, &f->record));
    BAD("svcr_insight_add_case", "NULL c", SVCR_EINVAL, "\"c\" is NULL", svcr_insight_add_case(f->insight, NULL, NULL, 0));
    BAD("svcr_insight_timers_from_case", "NULL c", SVCR_EINVAL, "\"c\" is NULL",
        svcr_insight_timers_from_case(NULL, NULL, T0, f->timer_pointers, 4, &f->count));
    BAD("svcr_insight_add_case", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_add_case(NULL, f->c, NULL, T0));
    BAD("svcr_insight_add_servqual", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_add_servqual(NULL, sevens, sevens, points));
    BAD("svcr_insight_add_servqual", "NULL expectations", SVCR_EINVAL, "\"expectations\" is NULL",
        svcr_insight_add_servqual(f->insight, NULL, sevens, points));
    BAD("svcr_insight_add_servqual", "NULL points", SVCR_EINVAL, "\"points\" is NULL",
        svcr_insight_add_servqual(f->insight, sevens, sevens, NULL));
    BAD("svcr_insight_set_owner", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_set_owner(NULL, "late", "x"));
    BAD("svcr_insight_set_owner", "NULL owner", SVCR_EINVAL, "\"owner\" is NULL", svcr_insight_set_owner(f->insight, "late", NULL));
    BAD("svcr_insight_merge", "NULL into", SVCR_EINVAL, "\"into\" is NULL", svcr_insight_merge(NULL, f->other));
    BAD_RETURNS("svcr_insight_outcome_count", "NULL insight", "0", "", svcr_insight_outcome_count(NULL, SVCR_INSIGHT_FOLLOW_UP_NONE) == 0);
    BAD("svcr_insight_times", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_times(NULL, SVCR_INSIGHT_TIME_RESOLUTION, &f->stats));
    BAD("svcr_insight_percentile", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_percentile(NULL, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, &f->seconds));
    BAD("svcr_insight_metric", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_metric(f->insight, 0, NULL));
    BAD("svcr_insight_metric_find", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL",
        svcr_insight_metric_find(NULL, "recovery_rate", &f->metric));
    BAD("svcr_insight_metric_find", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_insight_metric_find(f->insight, "recovery_rate", NULL));
    BAD("svcr_insight_pareto", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_pareto(NULL, NULL, 0, &f->count));
    BAD("svcr_insight_retention", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_retention(NULL, &f->retention));
    BAD("svcr_insight_servqual", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_servqual(NULL, &f->servqual));
    BAD("svcr_insight_pareto_csv", "NULL insight", SVCR_EINVAL, "\"insight\" is NULL", svcr_insight_pareto_csv(NULL, &f->text_out));
    BAD("svcr_insight_causes_csv", "NULL csv", SVCR_EINVAL, "\"csv\" is NULL", svcr_insight_causes_csv(f->insight, NULL));
    BAD("svcr_servqual_score", "NULL perceptions", SVCR_EINVAL, "\"perceptions\" is NULL",
        svcr_servqual_score(sevens, NULL, points, &f->servqual));
    BAD("svcr_servqual_score", "NULL points", SVCR_EINVAL, "\"points\" is NULL", svcr_servqual_score(sevens, sevens, NULL, &f->servqual));
    BAD("svcr_servqual_score", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_servqual_score(sevens, sevens, points, NULL));

    svcr_maturity_model *m = f->model;
    svcr_maturity_answers *a = f->answers;
    BAD("svcr_maturity_model_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_model_parse("{}", 2, NULL));
    BAD("svcr_maturity_model_criterion", "NULL model", SVCR_EINVAL, "\"model\" is NULL",
        svcr_maturity_model_criterion(NULL, 0, &f->criterion));
    BAD("svcr_maturity_model_find", "NULL model", SVCR_EINVAL, "\"model\" is NULL",
        svcr_maturity_model_find(NULL, "complaint_channel", &f->count));
    BAD("svcr_maturity_model_find", "NULL index", SVCR_EINVAL, "\"index\" is NULL", svcr_maturity_model_find(m, "complaint_channel", NULL));
    BAD("svcr_maturity_model_set_threshold", "NULL model", SVCR_EINVAL, "\"model\" is NULL",
        svcr_maturity_model_set_threshold(NULL, "complaints_answered", 0.5));
    BAD("svcr_maturity_model_set_threshold", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_model_set_threshold(m, NULL, 0.5));
    BAD("svcr_maturity_answers_parse", "NULL json", SVCR_EINVAL, "\"json\" is NULL", svcr_maturity_answers_parse(m, NULL, 0, &f->answers_out));
    BAD("svcr_maturity_answers_parse", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_answers_parse(m, "{}", 2, NULL));
    BAD("svcr_maturity_answers_set_boolean", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_answers_set_boolean(a, NULL, true));
    BAD("svcr_maturity_answers_set_number", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL",
        svcr_maturity_answers_set_number(NULL, "complaints_answered", 0.5));
    BAD("svcr_maturity_answers_set_number", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_answers_set_number(a, NULL, 0.5));
    BAD("svcr_maturity_answers_set_ratio", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL",
        svcr_maturity_answers_set_ratio(NULL, "complaints_answered", 1, 2));
    BAD("svcr_maturity_answers_set_ratio", "NULL id", SVCR_EINVAL, "\"id\" is NULL", svcr_maturity_answers_set_ratio(a, NULL, 1, 2));
    BAD("svcr_maturity_answers_unset", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL",
        svcr_maturity_answers_unset(NULL, "complaint_channel"));
    BAD("svcr_maturity_metric_map_set", "NULL map", SVCR_EINVAL, "\"map\" is NULL",
        svcr_maturity_metric_map_set(NULL, "custom_share", "complaints_tracked"));
    BAD("svcr_maturity_metric_map_set", "NULL criterion", SVCR_EINVAL, "\"criterion\" is NULL",
        svcr_maturity_metric_map_set(f->map, "custom_share", NULL));
    BAD("svcr_maturity_answers_set_metric", "NULL answers", SVCR_EINVAL, "\"answers\" is NULL",
        svcr_maturity_answers_set_metric(NULL, f->map, "responded_share", 0.5, &f->filled));
    BAD("svcr_maturity_answers_set_metric", "NULL metric", SVCR_EINVAL, "\"metric\" is NULL",
        svcr_maturity_answers_set_metric(a, f->map, NULL, 0.5, &f->filled));
    BAD("svcr_maturity_score", "NULL model", SVCR_EINVAL, "\"model\" is NULL", svcr_maturity_score(NULL, a, &f->result_out));
    BAD("svcr_maturity_score", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_score(m, a, NULL));
    BAD("svcr_maturity_result_stage_score", "NULL result", SVCR_EINVAL, "\"result\" is NULL",
        svcr_maturity_result_stage_score(NULL, 2, &f->stage_score));
    BAD("svcr_maturity_result_gap", "NULL result", SVCR_EINVAL, "\"result\" is NULL", svcr_maturity_result_gap(NULL, 0, &f->gap));
    BAD("svcr_maturity_result_gap", "NULL out", SVCR_EINVAL, "\"out\" is NULL", svcr_maturity_result_gap(f->result, 0, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(accumulate_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(case_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(figure_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(maturity_rows, bad_inputs_verify),
        cmocka_unit_test_teardown(null_rows, bad_inputs_verify),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
