/* Runs build/examples/maturity as a user would and checks its exact JSON output and exit codes.
 * Arguments: the path of the example program, then tests/data/maturity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "example_run.h"

static const char *program;
static const char *data_dir;

typedef example_output run_output;

static void run(const char *args, int with_stderr, run_output *out)
{
    example_run(program, args, with_stderr, out);
}

static void run_with_file(const char *before, const char *file, const char *after, int with_stderr, run_output *out)
{
    char args[1024];
    snprintf(args, sizeof args, "%s '%s/%s' %s", before, data_dir, file, after);
    run(args, with_stderr, out);
}

static void criteria_prints_the_model(void **state)
{
    (void)state;
    run_output out;
    run("--criteria", 0, &out);
    assert_int_equal(out.exit_code, 0);
    json_error_t error;
    json_t *root = json_loads(out.text, 0, &error);
    assert_non_null(root);
    json_t *criteria = json_object_get(root, "criteria");
    assert_int_equal(json_array_size(criteria), 20);
    json_t *first = json_array_get(criteria, 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), "complaint_channel");
    assert_int_equal(json_integer_value(json_object_get(first, "stage")), 2);
    assert_string_equal(json_string_value(json_object_get(first, "kind")), "bool");
    assert_non_null(json_object_get(first, "question"));
    json_decref(root);
    assert_non_null(strstr(out.text, "{\"id\":\"acknowledged_within_goal\",\"stage\":3,\"kind\":\"number\","
                                     "\"threshold\":0.9,\"direction\":\"at_least\",\"question\":"));
}

static void answers_give_stage_gaps_and_missing(void **state)
{
    (void)state;
    run_output out;
    run_with_file("", "answers_active_listening.json", "", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_string_equal(
        out.text,
        "{\"stage\":3,\"stage_name\":\"Active Listening\",\"stages\":["
        "{\"stage\":2,\"name\":\"Reactive\",\"total\":3,\"met\":3,\"unmet\":0,\"missing\":0,\"share\":1.0},"
        "{\"stage\":3,\"name\":\"Active Listening\",\"total\":7,\"met\":7,\"unmet\":0,\"missing\":0,\"share\":1.0},"
        "{\"stage\":4,\"name\":\"Solicitous\",\"total\":4,\"met\":1,\"unmet\":2,\"missing\":1,\"share\":0.25},"
        "{\"stage\":5,\"name\":\"Infused\",\"total\":6,\"met\":0,\"unmet\":0,\"missing\":6,\"share\":0.0}],"
        "\"gaps\":[{\"id\":\"surveys_open_cases\",\"given\":false,\"needed\":true},"
        "{\"id\":\"solicited_share\",\"given\":0.12,\"needed\":0.2}],"
        "\"missing\":[\"detractors_followed_up_48h\",\"root_cause_classified\",\"root_cause_analysis\","
        "\"process_owners_notified\",\"improvement_projects\",\"repeat_complaints_falling\","
        "\"management_review\"]}\n");
}

static void custom_model_through_the_cli(void **state)
{
    (void)state;
    run_output out;
    char before[512];
    snprintf(before, sizeof before, "--model '%s/model_small.json'", data_dir);
    run_with_file(before, "answers_small.json", "", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_non_null(strstr(out.text, "{\"stage\":3,\"stage_name\":\"Active Listening\","));
    assert_non_null(strstr(out.text, "\"gaps\":[{\"id\":\"backlog_days\",\"given\":3.0,\"needed\":2.5}],"
                                     "\"missing\":[\"causes\"]}"));
    run_with_file("--criteria --model", "model_small.json", "", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_non_null(strstr(out.text, "\"threshold\":2.5,\"direction\":\"at_most\""));
}

/* Output that cannot be written (a full disk) is a failure with a message, never exit 0. */
static void lost_output_is_a_failure(void **state)
{
    (void)state;
    run_output out;
    run("--criteria > /dev/full", 0, &out); /* (its message is dropped) */
    assert_int_equal(out.exit_code, 1);
    run("--help > /dev/full", 0, &out); /* (its message is dropped) */
    assert_int_equal(out.exit_code, 1);
}

static void bad_input_exits_2_with_a_message(void **state)
{
    (void)state;
    run_output out;
    run_with_file("", "answers_unknown_id.json", "", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "line 4, column 27"));
    assert_non_null(strstr(out.text, "no maturity criterion \"complaints_recordd\""));

    run_with_file("", "answers_syntax_error.json", "", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "line 4"));

    run_with_file("", "no_such_file.json", "", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "cannot open"));

    run_with_file("--model", "answers_small.json", "--criteria", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "line 1, column 13: /answers: unknown member \"answers\""));

    run("", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "usage: maturity"));
    run("--criteria extra.json", 1, &out);
    assert_int_equal(out.exit_code, 2);
    run("--bogus", 1, &out);
    assert_int_equal(out.exit_code, 2);
    run("--help", 1, &out);
    assert_int_equal(out.exit_code, 0);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s MATURITY_PROGRAM DATA_DIR\n", argv[0]);
        return 2;
    }
    program = argv[1];
    data_dir = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(criteria_prints_the_model),
        cmocka_unit_test(answers_give_stage_gaps_and_missing),
        cmocka_unit_test(custom_model_through_the_cli),
        cmocka_unit_test(bad_input_exits_2_with_a_message),
        cmocka_unit_test(lost_output_is_a_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
