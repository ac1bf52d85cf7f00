/* Satisfaction and solicitation: the built-in workflows' satisfaction score, survey responses,
 * detractors, the paradox against never-failed respondents, and the measured solicited share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

/* A five-step case followed up and closed satisfied with @p score; solicited when asked. */
static svcr_case *recovered_case(const svcr_workflow *wf, const char *id, int64_t score, bool solicited)
{
    svcr_case *c;
    static const char *const steps[] = {"identified", "apologized", "listened", "fixed", "atoned", "satisfied"};
    if (svcr_case_new(wf, id, T0, &c) != SVCR_OK || svcr_case_set_fact_string(c, "expectation", "On time") != SVCR_OK ||
        svcr_case_set_fact_string(c, "customer_wish", "Resend") != SVCR_OK ||
        svcr_case_set_fact_string(c, "atonement", "Voucher") != SVCR_OK ||
        svcr_case_set_fact_string(c, "root_cause", "carrier") != SVCR_OK ||
        svcr_case_set_fact_boolean(c, "solicited", solicited) != SVCR_OK)
        return NULL;
    for (int i = 0; i < 6; i++) {
        if (i == 5 && svcr_case_change_fact(c, "satisfaction", score == 5 ? "5" : "4", "agent", "ann", T0 + 5) != SVCR_OK)
            return NULL;
        if (svcr_case_apply_as(c, steps[i], "agent", "ann", T0 + 1 + i, NULL) != SVCR_OK)
            return NULL;
    }
    return c;
}

static void built_in_workflows_record_satisfaction_on_a_scale(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        svcr_workflow *wf;
        assert_int_equal(svcr_workflow_builtin(svcr_workflow_builtin_name(i), &wf), SVCR_OK);
        svcr_fact_info info = {.size = sizeof info};
        assert_int_equal(svcr_workflow_find_fact(wf, "satisfaction", &info), SVCR_OK);
        assert_int_equal(info.type, SVCR_FACT_INTEGER);
        assert_true(info.has_scale);
        assert_int_equal(info.scale_min, 1);
        assert_int_equal(info.scale_max, 5);
        assert_int_equal(svcr_workflow_find_fact(wf, "solicited", &info), SVCR_OK);
        svcr_case *c;
        assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
        assert_int_equal(svcr_case_set_fact_integer(c, "satisfaction", 6), SVCR_EINVAL);
        assert_non_null(strstr(svcr_error_message(), "fact \"satisfaction\": 6 is outside its scale 1-5"));
        assert_int_equal(svcr_case_change_fact(c, "satisfaction", "0", "agent", NULL, T0), SVCR_EINVAL);
        assert_false(svcr_case_has_fact(c, "satisfaction"));
        assert_int_equal(svcr_case_set_fact_integer(c, "satisfaction", 5), SVCR_OK);
        svcr_case_free(c);
        svcr_workflow_free(wf);
    }
    const char *bad = "{\"name\": \"x\", \"facts\": [{\"name\": \"s\", \"type\": \"integer\", \"scale\": [5, 1]}],"
                      " \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, {\"name\": \"b\", \"kind\": \"closed\"}],"
                      " \"transitions\": [{\"event\": \"go\", \"from\": \"a\", \"to\": \"b\"}]}";
    svcr_workflow *wf = NULL;
    assert_int_equal(svcr_workflow_parse(bad, strlen(bad), &wf), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/facts/0/scale: must be [lowest, highest]"));
}

static void a_survey_response_is_read_and_checked(void **state)
{
    (void)state;
    const char *line = "{\"customer\": \"K-7\", \"score\": 2, \"scale\": [1, 5], \"at\": \"2026-11-23T09:00:00Z\","
                       " \"comment\": \"Late again\", \"had_problem\": true}";
    svcr_survey_response *r;
    assert_int_equal(svcr_survey_response_parse(line, strlen(line), &r), SVCR_OK);
    assert_string_equal(r->customer, "K-7");
    assert_int_equal(r->score, 2);
    assert_int_equal(r->scale_max, 5);
    assert_int_equal(r->at, T0);
    assert_string_equal(r->comment, "Late again");
    assert_true(r->had_problem);
    bool open;
    assert_int_equal(svcr_survey_triage(r, 2, &open), SVCR_OK);
    assert_true(open); /* a detractor: the host opens a solicited case */
    assert_int_equal(svcr_survey_triage(r, 1, &open), SVCR_OK);
    assert_false(open);
    assert_int_equal(svcr_survey_triage(r, 9, &open), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "threshold 9 is outside the response's scale 1-5"));
    svcr_free(r);
    svcr_survey_response *untouched = NULL;
    const char *outside = "{\"customer\": \"K-7\", \"score\": 7, \"scale\": 5, \"at\": 0, \"had_problem\": false}";
    assert_int_equal(svcr_survey_response_parse(outside, strlen(outside), &untouched), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/score: must be an integer within the scale 1-5"));
    const char *no_problem = "{\"customer\": \"K-7\", \"score\": 3, \"scale\": 5, \"at\": 0}";
    assert_int_equal(svcr_survey_response_parse(no_problem, strlen(no_problem), &untouched), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "missing member \"had_problem\""));
    assert_null(untouched);
}

static void the_paradox_and_the_solicited_share_are_measured(void **state)
{
    (void)state;
    svcr_workflow *wf;
    svcr_insight *insight;
    assert_int_equal(svcr_workflow_builtin("five-step", &wf), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    static const char *const ids[] = {"C-1", "C-2", "C-3", "C-4"};
    for (int i = 0; i < 4; i++) {
        svcr_case *c = recovered_case(wf, ids[i], i < 2 ? 5 : 4, i == 0);
        assert_non_null(c);
        assert_int_equal(svcr_insight_add_case(insight, c, NULL, T0 + DAY), SVCR_OK);
        svcr_case_free(c);
    }
    static const char *const lines[] = {
        "{\"customer\": \"K-1\", \"score\": 4, \"scale\": 5, \"at\": 0, \"had_problem\": false}",
        "{\"customer\": \"K-2\", \"score\": 3, \"scale\": 5, \"at\": 0, \"had_problem\": false}",
        "{\"customer\": \"K-3\", \"score\": 1, \"scale\": 5, \"at\": 0, \"had_problem\": true}",
    };
    for (int i = 0; i < 3; i++) {
        svcr_survey_response *r;
        assert_int_equal(svcr_survey_response_parse(lines[i], strlen(lines[i]), &r), SVCR_OK);
        assert_int_equal(svcr_insight_add_survey(insight, r), SVCR_OK);
        svcr_free(r);
    }
    svcr_insight_paradox_figures p = {.size = sizeof p};
    assert_int_equal(svcr_insight_paradox(insight, &p), SVCR_OK);
    assert_true(p.defined);
    assert_int_equal(p.recovered.count, 4);
    assert_int_equal(p.no_failure.count, 2); /* the respondent with a problem is not a baseline */
    assert_true(p.index > 0.99 && p.index < 1.01); /* 4.5 against 3.5 */
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "solicited_share", &m), SVCR_OK);
    assert_int_equal(m.numerator, 1);
    assert_int_equal(m.denominator, 4);
    svcr_insight_free(insight);
    svcr_workflow_free(wf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(built_in_workflows_record_satisfaction_on_a_scale),
        cmocka_unit_test(a_survey_response_is_read_and_checked),
        cmocka_unit_test(the_paradox_and_the_solicited_share_are_measured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
