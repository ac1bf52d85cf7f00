/* Maturity answers: set by id, read from JSON (errors at line:column), filled from metrics
 * through a metric map; allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static svcr_maturity_model *builtin(void)
{
    svcr_maturity_model *model;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    return model;
}

/* Score and return the number of criteria answered (not missing). */
static size_t answered(const svcr_maturity_model *model, const svcr_maturity_answers *answers)
{
    svcr_maturity_result *result;
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    size_t count = svcr_maturity_model_count(model) - svcr_maturity_result_missing_count(result);
    svcr_maturity_result_free(result);
    return count;
}

/* The stage-2 tally of a scoring, for checking single answers. */
static svcr_maturity_stage_score reactive(const svcr_maturity_model *model, const svcr_maturity_answers *answers)
{
    svcr_maturity_result *result;
    svcr_maturity_stage_score score = {.size = sizeof score};
    assert_int_equal(svcr_maturity_score(model, answers, &result), SVCR_OK);
    assert_int_equal(svcr_maturity_result_stage_score(result, 2, &score), SVCR_OK);
    svcr_maturity_result_free(result);
    return score;
}

static void answers_set_by_id(void **state)
{
    (void)state;
    svcr_maturity_model *model = builtin();
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    assert_int_equal(answered(model, answers), 0);

    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaint_channel", true), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaints_recorded", false), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaints_answered", 0.4), SVCR_OK);
    svcr_maturity_stage_score score = reactive(model, answers);
    assert_int_equal(score.met, 1);
    assert_int_equal(score.unmet, 2);
    assert_int_equal(score.missing, 0);

    /* a later answer replaces an earlier one */
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaints_recorded", true), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, "complaints_answered", 1, 2), SVCR_OK);
    score = reactive(model, answers);
    assert_int_equal(score.met, 3);
    assert_true(score.share == 1.0);

    assert_int_equal(svcr_maturity_answers_unset(answers, "complaints_answered"), SVCR_OK);
    score = reactive(model, answers);
    assert_int_equal(score.met, 2);
    assert_int_equal(score.missing, 1);
    svcr_maturity_answers_free(answers);
    svcr_maturity_answers_free(NULL);
    svcr_maturity_model_free(model);
}

static void answer_setters_reject_bad_arguments(void **state)
{
    (void)state;
    svcr_maturity_model *model = builtin();
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_answers_new(NULL, &answers), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_new(model, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaints_answered", 0.75), SVCR_OK);

    assert_int_equal(svcr_maturity_answers_set_boolean(NULL, "complaint_channel", true), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, NULL, true), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "no_such", true), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "\"no_such\""));
    assert_int_equal(svcr_maturity_answers_set_boolean(answers, "complaints_answered", true), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"complaints_answered\" takes a number"));

    assert_int_equal(svcr_maturity_answers_set_number(NULL, "complaints_answered", 1), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_number(answers, NULL, 1), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "no_such", 1), SVCR_ENOTFOUND);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaint_channel", 1), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "takes yes/no"));
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaints_answered", 1.0 / 0.0), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_number(answers, "complaints_answered", 0.0 / 0.0), SVCR_EINVAL);

    assert_int_equal(svcr_maturity_answers_set_ratio(NULL, "complaints_answered", 1, 2), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, NULL, 1, 2), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, "complaints_answered", 1, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "denominator"));
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, "complaint_channel", 1, 2), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_ratio(answers, "no_such", 1, 2), SVCR_ENOTFOUND);

    assert_int_equal(svcr_maturity_answers_unset(NULL, "complaints_answered"), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_unset(answers, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_unset(answers, "no_such"), SVCR_ENOTFOUND);

    /* nothing changed: the one answer given is still there and still met */
    svcr_maturity_stage_score score = reactive(model, answers);
    assert_int_equal(score.met, 1);
    assert_int_equal(score.missing, 2);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

static void answers_from_json(void **state)
{
    (void)state;
    svcr_maturity_model *model = builtin();
    static const char json[] = "{\"answers\": {\"complaint_channel\": true, \"complaints_recorded\": null,\n"
                               "  \"complaints_answered\": 0.93, \"process_owner\": false, \"solicited_share\": 1}}";
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_answers_parse(model, json, strlen(json), &answers), SVCR_OK);
    assert_int_equal(answered(model, answers), 4); /* null leaves the criterion missing */
    svcr_maturity_stage_score score = reactive(model, answers);
    assert_int_equal(score.met, 2);
    assert_int_equal(score.missing, 1);
    svcr_maturity_answers_free(answers);

    static const char empty[] = "{\"answers\": {}}";
    assert_int_equal(svcr_maturity_answers_parse(model, empty, strlen(empty), &answers), SVCR_OK);
    assert_int_equal(answered(model, answers), 0);
    svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
}

static void bad_answers_json_reports_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int line, column;
        const char *message;
    } cases[] = {
        {"{\"answers\": {\n  \"complaint_channel\": yes}}", 2, 26, "answers JSON: line 2, column 26"},
        {"[]", 1, 1, "needs an \"answers\" object"},
        {"{\"answers\": [true]}", 1, 13, "needs an \"answers\" object"},
        {"{\"answers\": {},\n \"stage\": 3}", 2, 11, "unknown member \"stage\""},
        {"{\"answers\": {\n  \"complaint_channel\": true,\n  \"complaint_chanel\": true}}", 3, 23,
         "no maturity criterion \"complaint_chanel\""},
        {"{\"answers\": {\n  \"complaint_channel\": 1}}", 2, 24, "\"complaint_channel\" takes true or false"},
        {"{\"answers\": {\n  \"complaints_answered\": \"93%\"}}", 2, 26, "\"complaints_answered\" takes a number"},
        {"{\"answers\": {\n  \"complaints_answered\": true}}", 2, 26, "takes a number"},
    };
    svcr_maturity_model *model = builtin();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_maturity_answers *answers = (svcr_maturity_answers *)0x1;
        svcr_status status = svcr_maturity_answers_parse(model, cases[i].json, strlen(cases[i].json), &answers);
        if (status != SVCR_EPARSE || svcr_error_line() != cases[i].line || svcr_error_column() != cases[i].column ||
            strstr(svcr_error_message(), cases[i].message) == NULL)
            fail_msg("case %zu: got %s at %d:%d \"%s\", want %d:%d \"%s\"", i, svcr_status_name(status),
                     svcr_error_line(), svcr_error_column(), svcr_error_message(), cases[i].line, cases[i].column,
                     cases[i].message);
        assert_ptr_equal(answers, (svcr_maturity_answers *)0x1);
    }
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_answers_parse(NULL, "{}", 2, &answers), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_parse(model, NULL, 2, &answers), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_parse(model, "{}", 2, NULL), SVCR_EINVAL);
    svcr_maturity_model_free(model);
}

static void metrics_fill_mapped_criteria(void **state)
{
    (void)state;
    svcr_maturity_model *model = builtin();
    svcr_maturity_metric_map *map;
    svcr_maturity_answers *answers;
    assert_int_equal(svcr_maturity_metric_map_builtin(&map), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_new(model, &answers), SVCR_OK);
    static const char *const metrics[] = {"responded_share",  "first_response_within_goal_share",
                                          "resolution_within_goal_share", "solicited_share",
                                          "root_cause_share", "owner_mapped_share"};
    for (size_t i = 0; i < sizeof metrics / sizeof metrics[0]; i++) {
        bool filled = false;
        assert_int_equal(svcr_maturity_answers_set_metric(answers, map, metrics[i], 0.5, &filled), SVCR_OK);
        assert_true(filled);
    }
    assert_int_equal(answered(model, answers), 6);

    /* an insight metric nobody mapped is skipped, not an error */
    bool filled = true;
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "reopen_rate", 0.1, &filled), SVCR_OK);
    assert_false(filled);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "reopen_rate", 0.1, NULL), SVCR_OK);
    assert_int_equal(answered(model, answers), 6);

    /* host mappings: replace one, add one to a yes/no criterion (an error when used) */
    assert_int_equal(svcr_maturity_metric_map_set(map, "responded_share", "complaints_tracked"), SVCR_OK);
    assert_int_equal(svcr_maturity_metric_map_set(map, "trained", "staff_trained"), SVCR_OK);
    assert_int_equal(svcr_maturity_metric_map_set(map, "ghost", "not_in_this_model"), SVCR_OK);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "responded_share", 0.97, &filled), SVCR_OK);
    assert_true(filled);
    assert_int_equal(answered(model, answers), 7);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "ghost", 0.97, &filled), SVCR_OK);
    assert_false(filled);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "trained", 1, &filled), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"staff_trained\", which is yes/no"));
    assert_int_equal(answered(model, answers), 7);

    assert_int_equal(svcr_maturity_answers_set_metric(NULL, map, "x", 1, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, NULL, "x", 1, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, NULL, 1, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_answers_set_metric(answers, map, "solicited_share", 0.0 / 0.0, NULL),
                     SVCR_EINVAL);
    svcr_maturity_answers_free(answers);
    svcr_maturity_metric_map_free(map);
    svcr_maturity_model_free(model);
}

static void metric_maps_reject_bad_arguments(void **state)
{
    (void)state;
    svcr_maturity_metric_map *map;
    assert_int_equal(svcr_maturity_metric_map_new(NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_builtin(NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_new(&map), SVCR_OK);
    assert_int_equal(svcr_maturity_metric_map_set(NULL, "a", "b"), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_set(map, NULL, "b"), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_set(map, "a", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_set(map, "", "b"), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_metric_map_set(map, "a", ""), SVCR_EINVAL);
    svcr_maturity_metric_map_free(map);
    svcr_maturity_metric_map_free(NULL);
}

static svcr_status parse_answers(void *unused)
{
    (void)unused;
    static const char json[] = "{\"answers\": {\"complaint_channel\": true, \"complaints_answered\": 0.93}}";
    svcr_maturity_model *model;
    svcr_maturity_answers *answers;
    svcr_status status = svcr_maturity_model_builtin(&model);
    if (status != SVCR_OK)
        return status;
    status = svcr_maturity_answers_parse(model, json, strlen(json), &answers);
    if (status == SVCR_OK)
        svcr_maturity_answers_free(answers);
    svcr_maturity_model_free(model);
    return status;
}

static svcr_status build_metric_map(void *unused)
{
    (void)unused;
    svcr_maturity_metric_map *map;
    svcr_status status = svcr_maturity_metric_map_builtin(&map);
    if (status != SVCR_OK)
        return status;
    status = svcr_maturity_metric_map_set(map, "first_response_within_goal_share", "complaints_tracked");
    if (status == SVCR_OK)
        status = svcr_maturity_metric_map_set(map, "new_metric", "staff_trained");
    svcr_maturity_metric_map_free(map);
    return status;
}

static void answers_survive_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(parse_answers, NULL);
    print_message("maturity answers: builtin model + answers JSON: %ld allocation points\n", points);
    assert_true(points > 60);
    points = test_alloc_exhaust(build_metric_map, NULL);
    print_message("maturity metric map: builtin + 2 sets: %ld allocation points\n", points);
    assert_true(points >= 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(answers_set_by_id),
        cmocka_unit_test(answer_setters_reject_bad_arguments),
        cmocka_unit_test(answers_from_json),
        cmocka_unit_test(bad_answers_json_reports_line_and_column),
        cmocka_unit_test(metrics_fill_mapped_criteria),
        cmocka_unit_test(metric_maps_reject_bad_arguments),
        cmocka_unit_test(answers_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
