/* Cases as JSON, the edges the main case JSON tests leave out: boolean and integer facts,
 * money written the wrong way, and each member of the document and of a log entry missing or of
 * the wrong type. Each rejected document gives SVCR_EPARSE at the line:column of the culprit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

static const char workflow_json[] =
    "{\"name\": \"typed\", \"facts\": ["
    "{\"name\": \"s\", \"type\": \"string\"}, {\"name\": \"i\", \"type\": \"integer\"},"
    "{\"name\": \"b\", \"type\": \"boolean\"}, {\"name\": \"m\", \"type\": \"money\"}],"
    "\"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, {\"name\": \"z\", \"kind\": \"resolved\"}],"
    "\"transitions\": [{\"event\": \"go\", \"from\": \"a\", \"to\": \"z\"}]}";

static const char valid[] =
    "{\n"
    "  \"workflow\": \"typed\",\n"
    "  \"id\": \"T-1\",\n"
    "  \"opened_at\": 1795424400,\n"
    "  \"state\": \"z\",\n"
    "  \"facts\": {\"i\": 42, \"b\": true, \"m\": \"10.00 EUR\"},\n"
    "  \"log\": [\n"
    "    {\"seq\": 1, \"event\": \"go\", \"from\": \"a\", \"to\": \"z\", \"at\": 1795424460, \"role\": \"agent\", "
    "\"note\": \"done\"}\n"
    "  ],\n"
    "  \"fact_changes\": [\n"
    "    {\"after\": 0, \"fact\": \"i\", \"value\": 42},\n"
    "    {\"after\": 0, \"fact\": \"b\", \"value\": true},\n"
    "    {\"after\": 1, \"fact\": \"m\", \"value\": \"10.00 EUR\"}\n"
    "  ]\n"
    "}\n";

static int setup(void **state)
{
    svcr_workflow *wf;
    if (svcr_workflow_parse(workflow_json, strlen(workflow_json), &wf) != SVCR_OK)
        return -1;
    *state = wf;
    return 0;
}

static int teardown(void **state)
{
    svcr_workflow_free(*state);
    return 0;
}

static void expect_error(const svcr_workflow *wf, const char *doc, const char *mark, const char *message)
{
    svcr_case *c = (svcr_case *)0x1;
    svcr_status got = svcr_case_decode(wf, doc, strlen(doc), &c);
    if (got != SVCR_EPARSE)
        fail_msg("expected SVCR_EPARSE, got %s: %s\n%s", svcr_status_name(got), svcr_error_message(), doc);
    assert_ptr_equal(c, (svcr_case *)0x1);
    fixture_assert_message_has(message);
    fixture_assert_error_at(doc, mark);
}

static void invalid(const svcr_workflow *wf, const char *find, const char *replace, const char *mark,
                    const char *message)
{
    expect_error(wf, fixture_variant(valid, find, replace), mark, message);
}

static void boolean_and_integer_facts_round_trip(void **state)
{
    const svcr_workflow *wf = *state;
    svcr_case *c;
    if (svcr_case_decode(wf, valid, strlen(valid), &c) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    bool b = false;
    int64_t i = 0;
    svcr_money m;
    assert_int_equal(svcr_case_get_fact_boolean(c, "b", &b), SVCR_OK);
    assert_true(b);
    assert_int_equal(svcr_case_get_fact_integer(c, "i", &i), SVCR_OK);
    assert_int_equal(i, 42);
    assert_int_equal(svcr_case_get_fact_money(c, "m", &m), SVCR_OK);
    assert_int_equal(m.amount_minor, 1000);
    assert_string_equal(m.currency, "EUR");
    char *json;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"facts\":{\"i\":42,\"b\":true,\"m\":\"10.00 EUR\"}"));
    assert_non_null(strstr(json, "{\"after\":0,\"fact\":\"b\",\"value\":true}"));
    svcr_free(json);
    svcr_case_free(c);
}

static void fact_values_of_the_wrong_type(void **state)
{
    const svcr_workflow *wf = *state;
    invalid(wf, "\"value\": 42", "\"value\": \"42\"", "\"42\"", "/fact_changes/0/value: must be integer");
    invalid(wf, "\"value\": true", "\"value\": 1", "1}", "/fact_changes/1/value: must be boolean");
    invalid(wf, "\"value\": \"10.00 EUR\"", "\"value\": 1000", "1000", "must be money such as \"12.50 EUR\"");
    invalid(wf, "\"value\": \"10.00 EUR\"", "\"value\": \"10.00EUR\"", "\"10.00EUR\"", "must be money");
    invalid(wf, "\"value\": \"10.00 EUR\"",
            "\"value\": \"1000000000000000000000000000000000000000000000000000000000000000000.00 EUR\"",
            "\"100000", "must be money");
    invalid(wf, "\"value\": \"10.00 EUR\"", "\"value\": \"10.00 EURO\"", "\"10.00 EURO\"", "must be money");
    /* The summary is checked against the history, value by value and currency by currency. */
    invalid(wf, "\"m\": \"10.00 EUR\"}", "\"m\": \"10.00 USD\"}", "\"10.00 USD\"",
            "/facts/m: differs from the value the history sets");
    invalid(wf, "\"b\": true,", "\"b\": false,", "false", "/facts/b: differs");
    invalid(wf, "\"i\": 42,", "\"i\": 41,", "41", "/facts/i: differs");
    invalid(wf, "\"i\": 42,", "\"i\": \"x\",", "\"x\"", "/facts/i: must be integer");
}

static void members_missing_or_of_the_wrong_type(void **state)
{
    const svcr_workflow *wf = *state;
    invalid(wf, "\"workflow\": \"typed\",\n", "", "{", "missing member \"workflow\"");
    invalid(wf, "\"id\": \"T-1\",\n", "", "{", "missing member \"id\"");
    invalid(wf, "\"id\": \"T-1\"", "\"id\": 1", "1,", "/id: must be a string");
    invalid(wf, "\"opened_at\": 1795424400,\n", "", "{", "missing member \"opened_at\"");
    invalid(wf, "\"opened_at\": 1795424400", "\"opened_at\": true", "true", "/opened_at: must be a time");
    invalid(wf, "\"state\": \"z\"", "\"state\": 5", "5,", "/state: the history leads to state \"z\"");
    invalid(wf, "\"fact\": \"i\", ", "", "{\"after\": 0, \"value\": 42}", "missing member \"fact\"");
    invalid(wf, "{\"after\": 0, \"fact\": \"i\"", "{\"after\": \"0\", \"fact\": \"i\"", "\"0\"",
            "/fact_changes/0/after: must be the number of log entries");
    invalid(wf, "{\"after\": 0, \"fact\": \"i\"", "{\"after\": -1, \"fact\": \"i\"", "-1, \"fact\"",
            "/fact_changes/0/after: must be the number of log entries before the change, from 0 to 1");
}

static void log_entries_missing_members_or_of_the_wrong_type(void **state)
{
    const svcr_workflow *wf = *state;
    const char *entry = "{\"seq\": 1";
    invalid(wf, "\"event\": \"go\", ", "", entry, "/log/0: missing member \"event\"");
    invalid(wf, "\"from\": \"a\", ", "", entry, "/log/0: missing member \"from\"");
    invalid(wf, "\"to\": \"z\", ", "", entry, "/log/0: missing member \"to\"");
    invalid(wf, "\"at\": 1795424460, ", "", entry, "/log/0: missing member \"at\"");
    invalid(wf, "\"at\": 1795424460", "\"at\": \"soon\"", "\"soon\"", "/log/0/at: must be a time");
    invalid(wf, "\"at\": 1795424460", "\"at\": [1795424460]", "[1795424460]", "/log/0/at: must be a time");
    invalid(wf, "\"note\": \"done\"", "\"note\": 7", "7}", "/log/0/note: must be a string");
    invalid(wf, "\"seq\": 1", "\"seq\": \"1\"", "\"1\"", "/log/0/seq: must be 1");
    invalid(wf, "\"from\": \"a\"", "\"from\": [\"a\"]", "[\"a\"]", "/log/0/from: must be a string");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boolean_and_integer_facts_round_trip),
        cmocka_unit_test(fact_values_of_the_wrong_type),
        cmocka_unit_test(members_missing_or_of_the_wrong_type),
        cmocka_unit_test(log_entries_missing_members_or_of_the_wrong_type),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
