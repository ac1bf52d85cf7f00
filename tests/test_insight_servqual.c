/* SERVQUAL: a worked example by hand, the mean of two respondents, invalid scores and weights. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

/* Worked example. Gaps (perception - expectation) per item:
 *   tangibles 1-4:       5-6, 6-6, 5-5, 4-5           = -1  0  0 -1   mean -0.5
 *   reliability 5-9:     5-7, 6-7, 6-7, 6-6, 5-6      = -2 -1 -1  0 -1 mean -1.0
 *   responsiveness 10-13: 4-6, 5-6, 5-6, 6-6          = -2 -1 -1  0   mean -1.0
 *   assurance 14-17:     6-6, 5-5, 6-6, 6-5           =  0  0  0  1   mean  0.25
 *   empathy 18-22:       4-5, 5-5, 4-5, 5-5, 3-5      = -1  0 -1  0 -2 mean -0.8
 * unweighted = (-0.5 - 1 - 1 + 0.25 - 0.8) / 5 = -0.61
 * points 10 / 30 / 25 / 20 / 15: weighted = -0.05 - 0.30 - 0.25 + 0.05 - 0.12 = -0.67 */
static const uint8_t expectations[22] = {6, 6, 5, 5, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 6, 5, 5, 5, 5, 5, 5};
static const uint8_t perceptions[22] = {5, 6, 5, 4, 5, 6, 6, 6, 5, 4, 5, 5, 6, 6, 5, 6, 6, 4, 5, 4, 5, 3};
static const uint8_t points[5] = {10, 30, 25, 20, 15};

static void close_to(double got, double want)
{
    if (fabs(got - want) > 1e-12)
        fail_msg("got %.17g, want %.17g", got, want);
}

static void worked_example(void **state)
{
    (void)state;
    svcr_servqual_result r = {.size = sizeof r};
    assert_int_equal(svcr_servqual_score(expectations, perceptions, points, &r), SVCR_OK);
    assert_int_equal(r.respondents, 1);
    static const double item_gaps[22] = {-1, 0, 0, -1, -2, -1, -1, 0, -1, -2, -1, -1, 0, 0, 0, 0, 1, -1, 0, -1, 0, -2};
    for (int i = 0; i < 22; i++)
        assert_true(r.item_gap[i] == item_gaps[i]);
    static const double gaps[5] = {-0.5, -1.0, -1.0, 0.25, -0.8};
    static const double expected_e[5] = {5.5, 6.6, 6.0, 5.5, 5.0};
    static const double expected_p[5] = {5.0, 5.6, 5.0, 5.75, 4.2};
    for (int d = 0; d < 5; d++) {
        close_to(r.dimension_gap[d], gaps[d]);
        close_to(r.expectation[d], expected_e[d]);
        close_to(r.perception[d], expected_p[d]);
        assert_true(r.weight[d] == points[d]);
    }
    close_to(r.unweighted, -0.61);
    assert_true(r.weighted == -0.67); /* -1340 / 2000, one exact division */
    assert_string_equal(svcr_servqual_dimension_name(SVCR_SERVQUAL_TANGIBLES), "tangibles");
    assert_string_equal(svcr_servqual_dimension_name(SVCR_SERVQUAL_RELIABILITY), "reliability");
    assert_string_equal(svcr_servqual_dimension_name(SVCR_SERVQUAL_RESPONSIVENESS), "responsiveness");
    assert_string_equal(svcr_servqual_dimension_name(SVCR_SERVQUAL_ASSURANCE), "assurance");
    assert_string_equal(svcr_servqual_dimension_name(SVCR_SERVQUAL_EMPATHY), "empathy");
    assert_null(svcr_servqual_dimension_name((svcr_servqual_dimension)5));
    assert_null(svcr_servqual_dimension_name((svcr_servqual_dimension)-1));
}

/* A second respondent with no gaps and equal points halves every mean gap. */
static void respondents_are_averaged(void **state)
{
    (void)state;
    uint8_t fours[22];
    memset(fours, 4, sizeof fours);
    static const uint8_t equal[5] = {20, 20, 20, 20, 20};
    svcr_insight *insight;
    svcr_servqual_result r = {.size = sizeof r};
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_servqual(insight, &r), SVCR_OK);
    assert_int_equal(r.respondents, 0);
    assert_true(r.weighted == 0);
    assert_int_equal(svcr_insight_add_servqual(insight, expectations, perceptions, points), SVCR_OK);
    assert_int_equal(svcr_insight_add_servqual(insight, fours, fours, equal), SVCR_OK);
    assert_int_equal(svcr_insight_servqual(insight, &r), SVCR_OK);
    assert_int_equal(r.respondents, 2);
    assert_true(r.item_gap[4] == -1.0);
    close_to(r.dimension_gap[0], -0.25);
    close_to(r.dimension_gap[4], -0.4);
    close_to(r.expectation[0], 4.75);
    assert_true(r.weight[0] == 15.0);
    close_to(r.unweighted, -0.305);
    assert_true(r.weighted == -0.335);

    char *json;
    assert_int_equal(svcr_insight_encode(insight, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"servqual\":{\"respondents\":2,\"item_gaps\":[-0.5,0.0,0.0,-0.5,-1.0,"));
    assert_non_null(strstr(json, "{\"name\":\"tangibles\",\"expectation\":4.75,\"perception\":4.5,\"gap\":-0.25,"
                                 "\"points\":15.0}"));
    assert_non_null(strstr(json, "\"unweighted\":-0.305,\"weighted\":-0.335}"));
    svcr_free(json);
    assert_int_equal(svcr_insight_servqual(NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_insight_servqual(insight, NULL), SVCR_EINVAL);
    svcr_insight_free(insight);
}

static void invalid_scores_and_weights_are_errors(void **state)
{
    (void)state;
    svcr_servqual_result r = {.size = sizeof r};
    uint8_t bad[22];
    memcpy(bad, expectations, sizeof bad);
    bad[6] = 8;
    assert_int_equal(svcr_servqual_score(bad, perceptions, points, &r), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(), "SERVQUAL item 7: expectation 8 is outside 1 to 7");
    bad[6] = 0;
    assert_int_equal(svcr_servqual_score(bad, perceptions, points, &r), SVCR_EINVAL);
    memcpy(bad, perceptions, sizeof bad);
    bad[21] = 0;
    assert_int_equal(svcr_servqual_score(expectations, bad, points, &r), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(), "SERVQUAL item 22: perception 0 is outside 1 to 7");
    static const uint8_t short_points[5] = {10, 30, 25, 20, 14}, long_points[5] = {100, 0, 0, 0, 1};
    assert_int_equal(svcr_servqual_score(expectations, perceptions, short_points, &r), SVCR_EINVAL);
    assert_string_equal(svcr_error_message(),
                        "SERVQUAL: the points allocated to the five dimensions sum to 99, not 100");
    assert_int_equal(svcr_servqual_score(expectations, perceptions, long_points, &r), SVCR_EINVAL);
    assert_int_equal(svcr_servqual_score(NULL, perceptions, points, &r), SVCR_EINVAL);
    assert_int_equal(svcr_servqual_score(expectations, NULL, points, &r), SVCR_EINVAL);
    assert_int_equal(svcr_servqual_score(expectations, perceptions, NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_servqual_score(expectations, perceptions, points, NULL), SVCR_EINVAL);

    /* the accumulator counts nothing for a rejected respondent */
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_add_servqual(insight, expectations, perceptions, short_points), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_servqual(NULL, expectations, perceptions, points), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_servqual(insight, NULL, perceptions, points), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_servqual(insight, expectations, NULL, points), SVCR_EINVAL);
    assert_int_equal(svcr_insight_add_servqual(insight, expectations, perceptions, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_servqual(insight, &r), SVCR_OK);
    assert_int_equal(r.respondents, 0);
    svcr_insight_free(insight);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(worked_example),
        cmocka_unit_test(respondents_are_averaged),
        cmocka_unit_test(invalid_scores_and_weights_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
