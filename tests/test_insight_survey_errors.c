/* Survey responses a host reads line by line: every malformed line is refused with a message
 * naming the member at fault, leaves the output untouched, and the accepted forms of "scale" and
 * "at" read as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

typedef struct bad_line {
    const char *json;
    const char *message; /* a part of svcr_error_message() */
} bad_line;

static void malformed_lines_are_refused_naming_the_member(void **state)
{
    (void)state;
    static const bad_line lines[] = {
        {"[1, 2]", "must be an object"},
        {"{\"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": false}", "customer"},
        {"{\"customer\": \"\", \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": false}", "customer"},
        {"{\"customer\": \"K\", \"comment\": 4, \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": false}", "comment"},
        {"{\"customer\": \"K\", \"score\": 3, \"at\": 0, \"had_problem\": false}", "missing member \"scale\""},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 1, \"at\": 0, \"had_problem\": false}", "/scale: must be [lowest, highest]"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 1001, \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": [5, 1], \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": [1, 2, 3], \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": [-1001, 5], \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": [1, 1001], \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": [\"1\", 5], \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": \"5\", \"at\": 0, \"had_problem\": false}", "/scale: must be"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": \"yes\"}", "had_problem"},
        {"{\"customer\": \"K\", \"scale\": 5, \"at\": 0, \"had_problem\": false}", "missing member \"score\""},
        {"{\"customer\": \"K\", \"score\": \"3\", \"scale\": 5, \"at\": 0, \"had_problem\": false}", "/score: must be an integer within the scale 1-5"},
        {"{\"customer\": \"K\", \"score\": -3, \"scale\": [-2, 2], \"at\": 0, \"had_problem\": false}", "/score: must be an integer within the scale -2-2"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"had_problem\": false}", "missing member \"at\""},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": \"yesterday\", \"had_problem\": false}", "/at: must be a time"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": 1.5, \"had_problem\": false}", "/at: must be a time"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": 9999999999999, \"had_problem\": false}", "/at: must be a time"},
        {"{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": false, \"extra\": 1}", "extra"},
        {"{\"customer\": \"K\", ", "survey response"},
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        svcr_survey_response *untouched = NULL;
        assert_int_equal(svcr_survey_response_parse(lines[i].json, strlen(lines[i].json), &untouched), SVCR_EPARSE);
        if (strstr(svcr_error_message(), lines[i].message) == NULL)
            fail_msg("line %zu: \"%s\" does not contain \"%s\"", i, svcr_error_message(), lines[i].message);
        assert_null(untouched);
    }
}

static void scales_and_times_read_in_every_documented_form(void **state)
{
    (void)state;
    /* A scale [low, high] with negative ends, a time in seconds, no comment. */
    const char *line = "{\"customer\": \"K-9\", \"score\": -1, \"scale\": [-2, 2], \"at\": 86400, \"had_problem\": false}";
    svcr_survey_response *r = NULL;
    assert_int_equal(svcr_survey_response_parse(line, strlen(line), &r), SVCR_OK);
    assert_string_equal(r->customer, "K-9");
    assert_int_equal(r->score, -1);
    assert_int_equal(r->scale_min, -2);
    assert_int_equal(r->scale_max, 2);
    assert_int_equal(r->at, 86400);
    assert_null(r->comment);
    assert_false(r->had_problem);
    bool open = true;
    assert_int_equal(svcr_survey_triage(r, -2, &open), SVCR_OK);
    assert_false(open);
    assert_int_equal(svcr_survey_triage(r, -3, &open), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "threshold -3 is outside the response's scale -2-2"));
    svcr_free(r);
}

static void null_arguments_are_named(void **state)
{
    (void)state;
    svcr_survey_response *r = NULL;
    bool open;
    assert_int_equal(svcr_survey_response_parse(NULL, 0, &r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "json"));
    assert_int_equal(svcr_survey_response_parse("{}", 2, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "out"));
    assert_int_equal(svcr_survey_triage(NULL, 1, &open), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "response"));
    const char *line = "{\"customer\": \"K\", \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": true}";
    assert_int_equal(svcr_survey_response_parse(line, strlen(line), &r), SVCR_OK);
    assert_int_equal(svcr_survey_triage(r, 1, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "open_solicited_case"));
    assert_int_equal(svcr_insight_add_survey(NULL, r), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "insight"));
    svcr_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(malformed_lines_are_refused_naming_the_member),
        cmocka_unit_test(scales_and_times_read_in_every_documented_form),
        cmocka_unit_test(null_arguments_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
