/* Runs build/examples/insight on cases stored as JSON lines and checks its JSON, its CSV and its
 * exit codes. Arguments: the path of the example program, then tests/data/insight.
 * cases.jsonl holds 8 five-step cases and 4 cases of workflow_with_customer.json. */
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

/* Run the program with @p args, in which each %s is the data directory. */
static void run(const char *args, int with_stderr, run_output *out)
{
    char expanded[2048];
    snprintf(expanded, sizeof expanded, args, data_dir, data_dir, data_dir);
    example_run(program, expanded, with_stderr, out);
}

static json_int_t integer_at(json_t *root, const char *path_a, const char *path_b, const char *key)
{
    json_t *node = json_object_get(json_object_get(root, path_a), path_b);
    return json_integer_value(key ? json_object_get(node, key) : node);
}

static void cases_give_the_insight_json(void **state)
{
    (void)state;
    run_output out;
    run("--workflow '%s/workflow_with_customer.json' --owner 'late delivery=logistics' '%s/cases.jsonl'", 0, &out);
    assert_int_equal(out.exit_code, 0);
    json_error_t error;
    json_t *root = json_loads(out.text, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "cases")), 12);
    assert_int_equal(integer_at(root, "by_state", "closed", NULL), 8);
    assert_int_equal(integer_at(root, "by_outcome", "recovered", NULL), 9);
    assert_int_equal(integer_at(root, "by_outcome", "not_recovered", NULL), 1);
    assert_int_equal(integer_at(root, "first_response", "count", NULL), 12);
    assert_int_equal(integer_at(root, "metrics", "recovery_rate", "numerator"), 9);
    assert_int_equal(integer_at(root, "metrics", "recovery_rate", "denominator"), 10);
    assert_int_equal(integer_at(root, "metrics", "reopen_rate", "numerator"), 1);
    assert_int_equal(integer_at(root, "repeat_complaints", "repeat_customers", NULL), 1);
    assert_int_equal(integer_at(root, "retention", "classified_cases", NULL), 4);
    json_decref(root);
    assert_non_null(strstr(out.text, "\"vital_few\":[\"late delivery\",\"damaged parcel\"]"));
    assert_non_null(
        strstr(out.text, "\"owners\":[{\"owner\":\"logistics\",\"cases\":6,\"causes\":[\"late delivery\"]}]"));
    assert_non_null(strstr(out.text, "\"expected_retained\":2.91,"));
}

static void csv_tables(void **state)
{
    (void)state;
    run_output out;
    run("--workflow '%s/workflow_with_customer.json' --csv pareto '%s/cases.jsonl'", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_string_equal(out.text, "cause,cases,share,cumulative_share,vital_few,owner\r\n"
                                  "late delivery,6,0.6,0.6,true,\r\n"
                                  "damaged parcel,2,0.2,0.8,true,\r\n"
                                  "\"billing, \"\"double\"\" charge\",1,0.1,0.9,false,\r\n"
                                  "wrong item,1,0.1,1,false,\r\n");
    run("--workflow '%s/workflow_with_customer.json' --csv causes < '%s/cases.jsonl'", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_non_null(strstr(out.text, "cause,cases,followed_up,recovered,recovery_rate,reopened,resolved,"
                                     "mean_resolution_seconds,owner\r\nlate delivery,6,6,6,1,0,6,16666.6666666667,\r\n"
                                     "damaged parcel,2,2,1,0.5,1,2,7000,\r\n"));
}

/* Output that cannot be written (a full disk) is a failure with a message, never exit 0. */
static void lost_output_is_a_failure(void **state)
{
    (void)state;
    run_output out;
    run("--workflow '%s/workflow_with_customer.json' --csv pareto '%s/cases.jsonl' > /dev/full", 0, &out); /* (its message is dropped) */
    assert_int_equal(out.exit_code, 1);
}

static void bad_input_exits_2_with_the_line(void **state)
{
    (void)state;
    run_output out;
    run("'%s/cases_bad.jsonl'", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "insight: line 2: case JSON: line 1, column 121: /log/0/event:"));
    assert_non_null(strstr(out.text, "does not allow event \"satisfied\""));
    /* a workflow neither built in nor loaded */
    run("'%s/cases.jsonl'", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "line 9: no built-in workflow \"desk-with-customers\""));
    run("'%s/no_such.jsonl'", 1, &out);
    assert_int_equal(out.exit_code, 2);
    run("--workflow '%s/cases.jsonl'", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "workflow JSON: line 2, column 1: end of file expected"));
    run("--csv pie", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "usage: insight"));
    run("--owner nobody", 1, &out);
    assert_int_equal(out.exit_code, 2);
    run("< /dev/null", 0, &out);
    assert_int_equal(out.exit_code, 0);
    assert_non_null(strstr(out.text, "{\"cases\":0,"));
}

/* What `svcr-desk export` writes is read as the desk's report reads it: the customer and the
 * severity (1-2 minor, 3-5 major) from the envelope around the case. */
static void desk_export_lines_are_read(void **state)
{
    (void)state;
    run_output out;
    run("'%s/desk_export.jsonl'", 0, &out);
    assert_int_equal(out.exit_code, 0);
    json_error_t error;
    json_t *root = json_loads(out.text, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "cases")), 13);
    assert_int_equal(integer_at(root, "by_state", "closed", NULL), 7);
    /* 13 customers, one case each: the envelope's customer ids */
    assert_int_equal(integer_at(root, "repeat_complaints", "customers", NULL), 13);
    /* severities 2,5,2,2,3,4,2 of the 7 closed (and 3 of the others finished): TARP classes */
    assert_int_equal(integer_at(root, "retention", "classified_cases", NULL), 10);
    json_t *table = json_object_get(json_object_get(root, "retention"), "table");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(table, 4), "cases")), 2); /* major, resolved */
    json_decref(root);
    /* A bad envelope names its line. */
    run("'%s/desk_export_bad.jsonl'", 1, &out);
    assert_int_equal(out.exit_code, 2);
    assert_non_null(strstr(out.text, "insight: line 2: \"severity\" must be 1 to 5"));
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s INSIGHT_PROGRAM DATA_DIR\n", argv[0]);
        return 2;
    }
    program = argv[1];
    data_dir = argv[2];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cases_give_the_insight_json),
        cmocka_unit_test(csv_tables),
        cmocka_unit_test(desk_export_lines_are_read),
        cmocka_unit_test(bad_input_exits_2_with_the_line),
        cmocka_unit_test(lost_output_is_a_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
