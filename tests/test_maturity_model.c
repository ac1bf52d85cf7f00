/* Maturity criteria models: the built-in model, custom models, validation with line:column,
 * encoding, thresholds, and allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>
#include <svcrecover.h>
#include "support/test_alloc.h"

/* A small valid model: one criterion per stage, one of them "at_most". */
static const char custom_model[] =
    "{\"criteria\": [\n"
    "  {\"id\": \"answered\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"Answered?\"},\n"
    "  {\"id\": \"owner\", \"stage\": 3, \"kind\": \"bool\", \"question\": \"Owner?\", \"source\": \"us\"},\n"
    "  {\"id\": \"backlog_days\", \"stage\": 4, \"kind\": \"number\", \"threshold\": 2.5,\n"
    "   \"direction\": \"at_most\", \"question\": \"Days of backlog?\"},\n"
    "  {\"id\": \"causes\", \"stage\": 5, \"kind\": \"number\", \"threshold\": 0.75,\n"
    "   \"direction\": \"at_least\", \"question\": \"Share with a cause?\"}\n"
    "]}\n";

static void stage_names(void **state)
{
    (void)state;
    assert_string_equal(svcr_maturity_stage_name(1), "Moribund");
    assert_string_equal(svcr_maturity_stage_name(2), "Reactive");
    assert_string_equal(svcr_maturity_stage_name(3), "Active Listening");
    assert_string_equal(svcr_maturity_stage_name(4), "Solicitous");
    assert_string_equal(svcr_maturity_stage_name(5), "Infused");
    assert_null(svcr_maturity_stage_name(0));
    assert_null(svcr_maturity_stage_name(6));
}

static void builtin_model_covers_the_issue(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_count(model), 20);
    size_t per_stage[6] = {0};
    for (size_t i = 0; i < svcr_maturity_model_count(model); i++) {
        svcr_maturity_criterion c = {.size = sizeof c};
        assert_int_equal(svcr_maturity_model_criterion(model, i, &c), SVCR_OK);
        per_stage[c.stage]++;
        assert_true(strlen(c.question) > 0);
        assert_true(strlen(c.source) > 0); /* every default says where it comes from */
    }
    assert_int_equal(per_stage[2], 3);
    assert_int_equal(per_stage[3], 7);
    assert_int_equal(per_stage[4], 4);
    assert_int_equal(per_stage[5], 6);

    static const struct {
        const char *id;
        int stage;
        svcr_maturity_kind kind;
        double threshold;
    } expected[] = {
        {"complaint_channel", 2, SVCR_MATURITY_BOOLEAN, 0},
        {"complaints_recorded", 2, SVCR_MATURITY_BOOLEAN, 0},
        {"complaints_answered", 2, SVCR_MATURITY_NUMBER, 0.5},
        {"process_owner", 3, SVCR_MATURITY_BOOLEAN, 0},
        {"response_guidelines", 3, SVCR_MATURITY_BOOLEAN, 0},
        {"response_time_goals", 3, SVCR_MATURITY_BOOLEAN, 0},
        {"complaints_tracked", 3, SVCR_MATURITY_NUMBER, 0.95},
        {"acknowledged_within_goal", 3, SVCR_MATURITY_NUMBER, 0.9},
        {"resolved_within_goal", 3, SVCR_MATURITY_NUMBER, 0.9},
        {"staff_trained", 3, SVCR_MATURITY_BOOLEAN, 0},
        {"post_service_surveys", 4, SVCR_MATURITY_BOOLEAN, 0},
        {"surveys_open_cases", 4, SVCR_MATURITY_BOOLEAN, 0},
        {"solicited_share", 4, SVCR_MATURITY_NUMBER, 0.2},
        {"detractors_followed_up_48h", 4, SVCR_MATURITY_NUMBER, 0.8},
        {"root_cause_classified", 5, SVCR_MATURITY_NUMBER, 0.95},
        {"root_cause_analysis", 5, SVCR_MATURITY_BOOLEAN, 0},
        {"process_owners_notified", 5, SVCR_MATURITY_NUMBER, 0.9},
        {"improvement_projects", 5, SVCR_MATURITY_BOOLEAN, 0},
        {"repeat_complaints_falling", 5, SVCR_MATURITY_BOOLEAN, 0},
        {"management_review", 5, SVCR_MATURITY_BOOLEAN, 0},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        size_t index;
        svcr_maturity_criterion c = {.size = sizeof c};
        assert_int_equal(svcr_maturity_model_find(model, expected[i].id, &index), SVCR_OK);
        assert_int_equal(index, i);
        assert_int_equal(svcr_maturity_model_criterion(model, index, &c), SVCR_OK);
        assert_string_equal(c.id, expected[i].id);
        assert_int_equal(c.stage, expected[i].stage);
        assert_int_equal(c.kind, expected[i].kind);
        assert_true(c.threshold == expected[i].threshold);
        assert_int_equal(c.direction, SVCR_MATURITY_AT_LEAST);
    }
    svcr_maturity_model_free(model);
}

static char *read_source_file(const char *relative, size_t *length)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", SVCR_SOURCE_ROOT, relative);
    FILE *file = fopen(path, "rb");
    assert_non_null(file);
    char *text = malloc(1 << 16);
    assert_non_null(text);
    *length = fread(text, 1, 1 << 16, file);
    assert_true(*length < (1 << 16));
    fclose(file);
    return text;
}

/* The compiled-in model is the installed data file, criterion for criterion. */
static void builtin_model_is_the_data_file(void **state)
{
    (void)state;
    size_t length;
    char *text = read_source_file("lib/maturity/criteria.json", &length);
    svcr_maturity_model *from_file, *builtin;
    assert_int_equal(svcr_maturity_model_parse(text, length, &from_file), SVCR_OK);
    assert_int_equal(svcr_maturity_model_builtin(&builtin), SVCR_OK);
    assert_int_equal(svcr_maturity_model_count(from_file), svcr_maturity_model_count(builtin));
    for (size_t i = 0; i < svcr_maturity_model_count(builtin); i++) {
        svcr_maturity_criterion a = {.size = sizeof a}, b = {.size = sizeof b};
        assert_int_equal(svcr_maturity_model_criterion(from_file, i, &a), SVCR_OK);
        assert_int_equal(svcr_maturity_model_criterion(builtin, i, &b), SVCR_OK);
        assert_string_equal(a.id, b.id);
        assert_string_equal(a.question, b.question);
        assert_string_equal(a.source, b.source);
        assert_true(a.threshold == b.threshold);
    }
    svcr_maturity_model_free(from_file);
    svcr_maturity_model_free(builtin);
    free(text);
}

static void encode_has_the_issue_shape(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    char *json;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_encode(model, &json), SVCR_OK);
    /* 0.9 is written as 0.9, not with seventeen digits */
    assert_non_null(strstr(json, "{\"id\":\"acknowledged_within_goal\",\"stage\":3,\"kind\":\"number\","
                                 "\"threshold\":0.9,\"direction\":\"at_least\",\"question\":\""));
    assert_non_null(strstr(json, "{\"id\":\"complaint_channel\",\"stage\":2,\"kind\":\"bool\",\"question\":\""));
    assert_null(strstr(json, "source"));

    json_error_t error;
    json_t *root = json_loads(json, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_object_size(root), 1);
    json_t *list = json_object_get(root, "criteria");
    assert_int_equal(json_array_size(list), 20);
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        int number = strcmp(json_string_value(json_object_get(item, "kind")), "number") == 0;
        assert_int_equal(json_object_size(item), number ? 6 : 4);
    }
    json_decref(root);

    /* what encode writes, parse reads back to the same model */
    svcr_maturity_model *again;
    char *json_again;
    assert_int_equal(svcr_maturity_model_parse(json, strlen(json), &again), SVCR_OK);
    assert_int_equal(svcr_maturity_model_encode(again, &json_again), SVCR_OK);
    assert_string_equal(json, json_again);
    svcr_free(json);
    svcr_free(json_again);
    svcr_maturity_model_free(again);
    svcr_maturity_model_free(model);
}

static void custom_model_loads(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    assert_int_equal(svcr_maturity_model_parse(custom_model, strlen(custom_model), &model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_count(model), 4);
    svcr_maturity_criterion c = {.size = sizeof c};
    assert_int_equal(svcr_maturity_model_criterion(model, 1, &c), SVCR_OK);
    assert_string_equal(c.source, "us");
    assert_int_equal(svcr_maturity_model_criterion(model, 0, &c), SVCR_OK);
    assert_string_equal(c.source, "");
    assert_int_equal(svcr_maturity_model_criterion(model, 2, &c), SVCR_OK);
    assert_string_equal(c.id, "backlog_days");
    assert_int_equal(c.kind, SVCR_MATURITY_NUMBER);
    assert_int_equal(c.direction, SVCR_MATURITY_AT_MOST);
    assert_true(c.threshold == 2.5);
    char *json;
    assert_int_equal(svcr_maturity_model_encode(model, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"threshold\":2.5,\"direction\":\"at_most\""));
    svcr_free(json);
    svcr_maturity_model_free(model);
}

/* Each broken model fails with SVCR_EPARSE at the line:column of the offending value. */
static void bad_models_report_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int line, column;
        const char *message;
    } cases[] = {
        {"{\"criteria\": [\n  {\"id\": \"a\",}\n]}", 2, 14, "line 2, column 14"},
        {"[1, 2]", 1, 1, "must be an object"},
        {"{}", 1, 1, "needs a \"criteria\" array"},
        {"{\"criteria\": {}}", 1, 14, "needs a \"criteria\" array"},
        {"{\"criteria\": [],\n \"extra\": 1}", 2, 11, "unknown member \"extra\""},
        {"{\"criteria\": [\n  7\n]}", 2, 3, "must be an object"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\",\n"
         "   \"treshold\": 1}\n]}",
         3, 16, "unknown member \"treshold\""},
        {"{\"criteria\": [{\"stage\": 2}]}", 1, 15, "\"id\" must be a string"},
        {"{\"criteria\": [\n  {\"id\": \"Bad Id\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\"}]}", 2, 10,
         "id \"Bad Id\" must be"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 1, \"kind\": \"bool\", \"question\": \"q\"}]}", 2, 24,
         "\"stage\" must be an integer from 2 to 5"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 6, \"kind\": \"bool\", \"question\": \"q\"}]}", 2, 24,
         "\"stage\" must be"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": \"3\", \"kind\": \"bool\", \"question\": \"q\"}]}", 2, 24,
         "\"stage\" must be"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"text\", \"question\": \"q\"}]}", 2, 35,
         "\"kind\" must be \"bool\" or \"number\""},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\",\n"
         "   \"threshold\": 1}]}",
         3, 17, "takes no threshold or direction"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"number\", \"question\": \"q\",\n"
         "   \"direction\": \"at_least\"}]}",
         2, 3, "needs a numeric \"threshold\""},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"number\", \"question\": \"q\",\n"
         "   \"threshold\": 0.5, \"direction\": \"above\"}]}",
         3, 35, "\"direction\" must be \"at_least\" or \"at_most\""},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"\"}]}", 2, 55,
         "\"question\" must be a non-empty string"},
        {"{\"criteria\": [\n  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\", \"source\": 1}]}",
         2, 70, "\"source\" must be a string"},
        {"{\"criteria\": [\n"
         "  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\"},\n"
         "  {\"id\": \"a\", \"stage\": 3, \"kind\": \"bool\", \"question\": \"q\"}]}",
         3, 10, "duplicate criterion id \"a\""},
        {"{\"criteria\": [\n"
         "  {\"id\": \"a\", \"stage\": 2, \"kind\": \"bool\", \"question\": \"q\"},\n"
         "  {\"id\": \"b\", \"stage\": 3, \"kind\": \"bool\", \"question\": \"q\"},\n"
         "  {\"id\": \"c\", \"stage\": 5, \"kind\": \"bool\", \"question\": \"q\"}]}",
         1, 14, "stage 4 (Solicitous) has no criteria"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_maturity_model *model = (svcr_maturity_model *)0x1;
        svcr_status status = svcr_maturity_model_parse(cases[i].json, strlen(cases[i].json), &model);
        if (status != SVCR_EPARSE || svcr_error_line() != cases[i].line || svcr_error_column() != cases[i].column ||
            strstr(svcr_error_message(), cases[i].message) == NULL)
            fail_msg("case %zu: got %s at %d:%d \"%s\", want %d:%d \"%s\"", i, svcr_status_name(status),
                     svcr_error_line(), svcr_error_column(), svcr_error_message(), cases[i].line, cases[i].column,
                     cases[i].message);
        assert_ptr_equal(model, (svcr_maturity_model *)0x1);
    }
}

static void model_functions_reject_bad_arguments(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_criterion c = {.size = sizeof c};
    size_t index = 99;
    char *json;
    assert_int_equal(svcr_maturity_model_builtin(NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_parse(NULL, 0, &model), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_parse("{}", 2, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"out\""));
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_encode(NULL, &json), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_encode(model, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_count(NULL), 0);
    assert_int_equal(svcr_maturity_model_criterion(NULL, 0, &c), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_criterion(model, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_criterion(model, 20, &c), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "index 20 is out of range"));
    assert_int_equal(svcr_maturity_model_find(NULL, "x", &index), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_find(model, NULL, &index), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_find(model, "x", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_find(model, "no_such", &index), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "\"no_such\""));
    assert_int_equal(index, 99);
    svcr_maturity_model_free(model);
    svcr_maturity_model_free(NULL);
}

static void thresholds_are_configurable(void **state)
{
    (void)state;
    svcr_maturity_model *model;
    svcr_maturity_criterion c = {.size = sizeof c};
    size_t index;
    assert_int_equal(svcr_maturity_model_builtin(&model), SVCR_OK);
    assert_int_equal(svcr_maturity_model_set_threshold(model, "acknowledged_within_goal", 0.8), SVCR_OK);
    assert_int_equal(svcr_maturity_model_find(model, "acknowledged_within_goal", &index), SVCR_OK);
    assert_int_equal(svcr_maturity_model_criterion(model, index, &c), SVCR_OK);
    assert_true(c.threshold == 0.8);

    assert_int_equal(svcr_maturity_model_set_threshold(NULL, "x", 1), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_set_threshold(model, NULL, 1), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_set_threshold(model, "nope", 1), SVCR_ENOTFOUND);
    assert_int_equal(svcr_maturity_model_set_threshold(model, "process_owner", 1), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"process_owner\" is yes/no"));
    assert_int_equal(svcr_maturity_model_set_threshold(model, "acknowledged_within_goal", 0.0 / 0.0), SVCR_EINVAL);
    assert_int_equal(svcr_maturity_model_criterion(model, index, &c), SVCR_OK);
    assert_true(c.threshold == 0.8); /* unchanged by the failures */
    svcr_maturity_model_free(model);
}

static svcr_status builtin_and_encode(void *unused)
{
    (void)unused;
    svcr_maturity_model *model;
    char *json;
    svcr_status status = svcr_maturity_model_builtin(&model);
    if (status != SVCR_OK)
        return status;
    status = svcr_maturity_model_encode(model, &json);
    if (status == SVCR_OK)
        svcr_free(json);
    svcr_maturity_model_free(model);
    return status;
}

static svcr_status parse_custom(void *unused)
{
    (void)unused;
    svcr_maturity_model *model;
    svcr_status status = svcr_maturity_model_parse(custom_model, strlen(custom_model), &model);
    svcr_maturity_model_free(status == SVCR_OK ? model : NULL);
    return status;
}

static void models_survive_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(builtin_and_encode, NULL);
    assert_true(points >= 60); /* 3 strings per criterion, the array, the model, the dump */
    print_message("maturity model: builtin + encode: %ld allocation points\n", points);
    points = test_alloc_exhaust(parse_custom, NULL);
    print_message("maturity model: parse: %ld allocation points\n", points);
    assert_true(points >= 14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stage_names),
        cmocka_unit_test(builtin_model_covers_the_issue),
        cmocka_unit_test(builtin_model_is_the_data_file),
        cmocka_unit_test(encode_has_the_issue_shape),
        cmocka_unit_test(custom_model_loads),
        cmocka_unit_test(bad_models_report_line_and_column),
        cmocka_unit_test(model_functions_reject_bad_arguments),
        cmocka_unit_test(thresholds_are_configurable),
        cmocka_unit_test(models_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
