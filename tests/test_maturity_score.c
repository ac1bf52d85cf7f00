/* Maturity scoring: every stage boundary, cumulative stages, exact thresholds, missing answers,
 * gaps, the result JSON, custom models; allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

/* Answer every criterion of stages 2..@p through so that it is met, numbers exactly at their
 * threshold (the boundary must count as met). */
static void meet_through(const svcr_maturity_model *model, svcr_maturity_answers *answers, int through)
{
    for (size_t i = 0; i < svcr_maturity_model_count(model); i++) {
        svcr_maturity_criterion c = {.size = sizeof c};
        assert_int_equal(svcr_maturity_model_criterion(model, i, &c), SVCR_OK);
        if ((int)c.stage > through)
            continue;
        if (c.kind == SVCR_MATURITY_BOOLEAN)
            assert_int_equal(svcr_maturity_answers_set_boolean(answers, c.id, true), SVCR_OK);
        else
            assert_int_equal(svcr_maturity_answers_set_number(answers, c.id, c.threshold), SVCR_OK);
    }
}

static int stage_of(const svcr_maturity_model *model, const svcr_maturity_answers *answers)
{
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    int stage = svcr_maturity_result_stage(result);
    svcr_maturity_result_free(result);
    return stage;
}

static void nothing_answered_is_moribund(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_MORIBUND);
    assert_int_equal(svcr_maturity_result_gap_count(result), 0); /* nothing answered: no gap, all missing */
    assert_int_equal(svcr_maturity_result_missing_count(result), 20);
    assert_string_equal(svcr_maturity_result_missing(result, 0), "complaint_channel");
    assert_string_equal(svcr_maturity_result_missing(result, 19), "management_review");
    for (int stage = 2; stage <= 5; stage++) {
        svcr_maturity_stage_score score = {.size = sizeof score};
        assert_int_equal(svcr_maturity_result_stage_score(result, stage, &score), SVCR_OK);
        assert_int_equal(score.stage, stage);
        assert_int_equal(score.met, 0);
        assert_int_equal(score.missing, score.total);
        assert_true(score.share == 0.0);
    }
    svcr_maturity_result_free(result);

    /* answering every Reactive criterion "no" is still Moribund, now with gaps */
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaint_channel", false), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaints_recorded", false), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaints_answered", 0), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_MORIBUND);
    assert_int_equal(svcr_maturity_result_gap_count(result), 3);
    svcr_maturity_gap gap = {.size = sizeof gap};
    assert_int_equal(svcr_maturity_result_gap(result, 2, &gap), SVCR_OK);
    assert_string_equal(gap.id, "complaints_answered");
    assert_true(gap.given == 0 && gap.needed == 0.5);
    assert_int_equal(svcr_maturity_result_gap(result, 0, &gap), SVCR_OK);
    assert_string_equal(gap.id, "complaint_channel");
    assert_int_equal(gap.kind, SVCR_MATURITY_BOOLEAN);
    assert_true(gap.given == 0 && gap.needed == 1);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

/* For each stage s: all of 2..s met gives s; one criterion of s failing gives s - 1, with that
 * criterion as the only gap. Checked for every criterion in turn. */
static void every_stage_boundary(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    for (int stage = 2; stage <= 5; stage++) {
        svcr_maturity_answers *answers;
        assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
        meet_through(model, answers, stage);
        assert_int_equal(stage_of(model, answers), stage);

        for (size_t i = 0; i < svcr_maturity_model_count(model); i++) {
            svcr_maturity_criterion c = {.size = sizeof c};
            assert_int_equal(svcr_maturity_model_criterion(model, i, &c), SVCR_OK);
            if ((int)c.stage != stage)
                continue;
            /* just short of the threshold: one step of 1/1000 (exactly representable shares
             * would be wrong here: 0.899 is below 0.9 as a double too) */
            if (c.kind == SVCR_MATURITY_BOOLEAN)
                assert_int_equal(svcr_maturity_answers_set_boolean(answers, c.id, false), SVCR_OK);
            else
                assert_int_equal(svcr_maturity_answers_set_ratio(answers, c.id,
                                                                 (uint64_t)(c.threshold * 1000 + 0.5) - 1, 1000),
                                 SVCR_OK);
            svcr_maturity_result *result;
            assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
            assert_int_equal(svcr_maturity_result_stage(result), stage - 1);
            assert_int_equal(svcr_maturity_result_gap_count(result), 1);
            svcr_maturity_gap gap = {.size = sizeof gap};
            assert_int_equal(svcr_maturity_result_gap(result, 0, &gap), SVCR_OK);
            assert_string_equal(gap.id, c.id);
            assert_int_equal(gap.stage, stage);
            assert_true(gap.needed == (c.kind == SVCR_MATURITY_BOOLEAN ? 1 : c.threshold));
            svcr_maturity_stage_score score = {.size = sizeof score};
            assert_int_equal(svcr_maturity_result_stage_score(result, stage, &score), SVCR_OK);
            assert_int_equal(score.unmet, 1);
            assert_int_equal(score.met, score.total - 1);
            svcr_maturity_result_free(result);
            /* restore */
            if (c.kind == SVCR_MATURITY_BOOLEAN)
                assert_int_equal(svcr_maturity_answers_set_boolean(answers, c.id, true), SVCR_OK);
            else
                assert_int_equal(svcr_maturity_answers_set_number(answers, c.id, c.threshold), SVCR_OK);
        }
        svcr_maturity_answers_free(answers);
    }
    svcr_maturity_model_free(model);
}

static void stages_are_cumulative(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    meet_through(model, answers, 5);
    assert_int_equal(stage_of(model, answers), SVCR_MATURITY_INFUSED);
    /* an Infused-looking organisation without response-time goals is Reactive */
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "response_time_goals", false), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_REACTIVE);
    svcr_maturity_stage_score score = {.size = sizeof score};
    assert_int_equal(svcr_maturity_result_stage_score(result, 3, &score), SVCR_OK);
    assert_int_equal(score.met, 6);
    assert_int_equal(score.total, 7);
    assert_true(score.share == 6.0 / 7.0);
    for (int stage = 4; stage <= 5; stage++) {
        assert_int_equal(svcr_maturity_result_stage_score(result, stage, &score), SVCR_OK);
        assert_true(score.share == 1.0); /* met, but it does not count */
    }
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

/* A missing answer is never taken as met: it blocks the stage and is listed as missing, not as
 * a gap. */
static void missing_answers_are_reported_not_guessed(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    meet_through(model, answers, 4);
    assert_int_equal(svcr_maturity_answers_unset(answers, "solicited_share"), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "surveys_open_cases", false), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_ACTIVE_LISTENING);
    assert_int_equal(svcr_maturity_result_gap_count(result), 1);
    svcr_maturity_gap gap = {.size = sizeof gap};
    assert_int_equal(svcr_maturity_result_gap(result, 0, &gap), SVCR_OK);
    assert_string_equal(gap.id, "surveys_open_cases");
    assert_int_equal(svcr_maturity_result_missing_count(result), 7); /* solicited_share + all of stage 5 */
    assert_string_equal(svcr_maturity_result_missing(result, 0), "solicited_share");
    assert_string_equal(svcr_maturity_result_missing(result, 1), "root_cause_classified");
    assert_null(svcr_maturity_result_missing(result, 7));
    svcr_maturity_stage_score score = {.size = sizeof score};
    assert_int_equal(svcr_maturity_result_stage_score(result, 4, &score), SVCR_OK);
    assert_int_equal(score.met, 2);
    assert_int_equal(score.unmet, 1);
    assert_int_equal(score.missing, 1);
    assert_true(score.share == 0.5);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

/* Shares at a threshold compare exactly: 9/10 meets 0.9, 899/1000 does not, and JSON 0.9 is the
 * same double as a share of 9 in 10. */
static void thresholds_compare_exactly(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    meet_through(model, answers, 3);
    static const struct {
        uint64_t numerator, denominator;
    } shares[] = {{9, 10}, {90, 100}, {900000, 1000000}, {899, 1000}, {899999999, 1000000000}, {91, 100}, {1, 1}};
    for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
        assert_int_equal(svcr_maturity_answers_set_ratio(answers, "acknowledged_within_goal", shares[i].numerator,
                                                         shares[i].denominator),
                         SVCR_OK);
        int want = shares[i].numerator * 10 >= shares[i].denominator * 9 ? 3 : 2;
        assert_int_equal(stage_of(model, answers), want);
    }
    static const char json[] = "{\"answers\": {\"acknowledged_within_goal\": 0.9}}";
    svcr_maturity_answers *from_json;
    assert_int_equal(svcr_maturity_answers_parse(model, json, strlen(json), &from_json), SVCR_OK);
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_score(model, from_json, &result), SVCR_OK);
    svcr_maturity_stage_score score = {.size = sizeof score};
    assert_int_equal(svcr_maturity_result_stage_score(result, 3, &score), SVCR_OK);
    assert_int_equal(score.met, 1);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(from_json);

    /* a configured threshold applies to scoring */
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, "acknowledged_within_goal", 85, 100), SVCR_OK);
    assert_int_equal(stage_of(model, answers), 2);
    assert_int_equal(svcr_maturity_model_set_threshold(model, "acknowledged_within_goal", 0.85), SVCR_OK);
    assert_int_equal(stage_of(model, answers), 3);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

static void custom_model_with_at_most(void **state)
{
    (void)state;
    static const char model_json[] =
        "{\"criteria\": [\n"
        "  {\"id\": \"answered\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"Answered?\"},\n"
        "  {\"id\": \"owner\", \"stage\": 3, \"kind\": \"bool\", \"question\": \"Owner?\"},\n"
        "  {\"id\": \"backlog_days\", \"stage\": 4, \"kind\": \"number\", \"threshold\": 2.5,\n"
        "   \"direction\": \"at_most\", \"question\": \"Days of backlog?\"},\n"
        "  {\"id\": \"causes\", \"stage\": 5, \"kind\": \"number\", \"threshold\": 0.75,\n"
        "   \"direction\": \"at_least\", \"question\": \"Share with a cause?\"}\n"
        "]}\n";
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_model_parse(model_json, strlen(model_json), &model), SVCR_OK);
    static const char answers_json[] = "{\"answers\": {\"answered\": true, \"owner\": true, \"backlog_days\": 2.5, "
                                       "\"causes\": 0.5}}";
    assert_int_equal(svcr_maturity_answers_parse(model, answers_json, strlen(answers_json), &answers), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_SOLICITOUS); /* 2.5 <= 2.5 */
    char *json;
    assert_int_equal(svcr_maturity_result_encode(result, &json), SVCR_OK);
    assert_string_equal(
        json, "{\"stage\":4,\"stage_name\":\"Solicitous\",\"stages\":["
              "{\"stage\":2,\"name\":\"Reactive\",\"total\":1,\"met\":1,\"unmet\":0,\"missing\":0,\"share\":1.0},"
              "{\"stage\":3,\"name\":\"Active Listening\",\"total\":1,\"met\":1,\"unmet\":0,\"missing\":0,"
              "\"share\":1.0},"
              "{\"stage\":4,\"name\":\"Solicitous\",\"total\":1,\"met\":1,\"unmet\":0,\"missing\":0,\"share\":1.0},"
              "{\"stage\":5,\"name\":\"Infused\",\"total\":1,\"met\":0,\"unmet\":1,\"missing\":0,\"share\":0.0}],"
              "\"gaps\":[{\"id\":\"causes\",\"given\":0.5,\"needed\":0.75}],\"missing\":[]}");
    svcr_free(json);
    svcr_maturity_result_free(result);

    assert_int_equal(svcr_maturity_answers_set_number(answers, "backlog_days", 2.6), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage(result), SVCR_MATURITY_ACTIVE_LISTENING);
    svcr_maturity_gap gap = {.size = sizeof gap};
    assert_int_equal(svcr_maturity_result_gap(result, 0, &gap), SVCR_OK);
    assert_string_equal(gap.id, "backlog_days");
    assert_int_equal(gap.direction, SVCR_MATURITY_AT_MOST);
    assert_true(gap.given == 2.6 && gap.needed == 2.5);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

static void result_json_for_the_builtin_model(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    static const char answers_json[] =
        "{\"answers\": {\"complaint_channel\": true, \"complaints_recorded\": true, \"complaints_answered\": 0.8,"
        " \"process_owner\": true, \"response_guidelines\": false, \"complaints_tracked\": 0.93}}";
    assert_int_equal(svcr_maturity_answers_parse(model, answers_json, strlen(answers_json), &answers), SVCR_OK);
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    char *json;
    assert_int_equal(svcr_maturity_result_encode(result, &json), SVCR_OK);
    assert_string_equal(
        json, "{\"stage\":2,\"stage_name\":\"Reactive\",\"stages\":["
              "{\"stage\":2,\"name\":\"Reactive\",\"total\":3,\"met\":3,\"unmet\":0,\"missing\":0,\"share\":1.0},"
              "{\"stage\":3,\"name\":\"Active Listening\",\"total\":7,\"met\":1,\"unmet\":2,\"missing\":4,"
              "\"share\":0.142857142857143},"
              "{\"stage\":4,\"name\":\"Solicitous\",\"total\":4,\"met\":0,\"unmet\":0,\"missing\":4,\"share\":0.0},"
              "{\"stage\":5,\"name\":\"Infused\",\"total\":6,\"met\":0,\"unmet\":0,\"missing\":6,\"share\":0.0}],"
              "\"gaps\":[{\"id\":\"response_guidelines\",\"given\":false,\"needed\":true},"
              "{\"id\":\"complaints_tracked\",\"given\":0.93,\"needed\":0.95}],"
              "\"missing\":[\"response_time_goals\",\"acknowledged_within_goal\",\"resolved_within_goal\","
              "\"staff_trained\",\"post_service_surveys\",\"surveys_open_cases\",\"solicited_share\","
              "\"detractors_followed_up_48h\",\"root_cause_classified\",\"root_cause_analysis\","
              "\"process_owners_notified\",\"improvement_projects\",\"repeat_complaints_falling\","
              "\"management_review\"]}");
    svcr_free(json);
    svcr_maturity_result_free(result);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

static void result_functions_reject_bad_arguments(void **state)
{
    (void)state;
    svcr_maturity_model *model, *other;
    svcr_maturity_answers *answers;
    svcr_maturity_result *result = (svcr_maturity_result *)0x1;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_builtin(&other), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    assert_int_equal(svcr_maturity_score(NULL, answers, &result), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_score(model, NULL, &result), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_score(model, answers, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_score(other, answers, &result), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "another criteria model"));
    assert_ptr_equal(result, (svcr_maturity_result *)0x1);

    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    svcr_maturity_stage_score score = {.size = sizeof score};
    svcr_maturity_gap gap = {.size = sizeof gap};
    char *json;
    assert_int_equal(svcr_maturity_result_stage(NULL), 0);
    assert_int_equal(svcr_maturity_result_stage_score(NULL, 2, &score), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_stage_score(result, 2, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_stage_score(result, 1, &score), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "stage 1 has no criteria"));
    assert_int_equal(svcr_maturity_result_stage_score(result, 6, &score), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_gap_count(NULL), 0);
    assert_int_equal(svcr_maturity_result_gap(NULL, 0, &gap), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_gap(result, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_gap(result, 0, &gap), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_missing_count(NULL), 0);
    assert_null(svcr_maturity_result_missing(NULL, 0));
    assert_int_equal(svcr_maturity_result_encode(NULL, &json), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_result_encode(result, NULL), SVCR_EINVAL);
    svcr_maturity_result_free(result);
    svcr_maturity_result_free(NULL);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(other);
    svcr_maturity_model_free(model);
}

/* The whole path a host takes: model, answers from JSON and from metrics, score, encode. */
static svcr_status score_and_encode(void *unused)
{
    (void)unused;
    static const char json[] = "{\"answers\": {\"complaint_channel\": true, \"complaints_recorded\": true,"
                               " \"complaints_answered\": 0.93, \"process_owner\": false}}";
    svcr_maturity_model *model = NULL;
    svcr_maturity_answers *answers = NULL;
    svcr_maturity_metric_map *map = NULL;
    svcr_maturity_result *result = NULL;
    char *text = NULL;
    svcr_status status = svcr_maturity_model_builtin(&model);
    if (status == SVCR_OK)
        status = svcr_maturity_answers_parse(model, json, strlen(json), &answers);
    if (status == SVCR_OK)
        status = svcr_maturity_metric_map_builtin(&map);
    if (status == SVCR_OK)
        status = svcr_maturity_answers_set_metric(answers, map, "resolution_within_goal_share", 0.5, NULL);
    if (status == SVCR_OK)
        status = svcr_maturity_score(model, answers, &result);
    if (status == SVCR_OK)
        status = svcr_maturity_result_encode(result, &text);
    svcr_free(text);
    svcr_maturity_result_free(result);
    svcr_maturity_metric_map_free(map);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return status;
}

static void scoring_survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(score_and_encode, NULL);
    print_message("maturity: model + answers + metric map + score + encode: %ld allocation points\n", points);
    assert_true(points > 70);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nothing_answered_is_moribund),
        cmocka_unit_test(every_stage_boundary),
        cmocka_unit_test(stages_are_cumulative),
        cmocka_unit_test(missing_answers_are_reported_not_guessed),
        cmocka_unit_test(thresholds_compare_exactly),
        cmocka_unit_test(custom_model_with_at_most),
        cmocka_unit_test(result_json_for_the_builtin_model),
        cmocka_unit_test(result_functions_reject_bad_arguments),
        cmocka_unit_test(scoring_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
