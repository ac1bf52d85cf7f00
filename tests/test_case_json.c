/* Cases as JSON: the encoded form, byte-for-byte round trips, and decoding that validates the
 * history against the workflow with errors at line:column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

static int setup(void **state)
{
    svcr_workflow *wf;
    if (svcr_workflow_builtin("five-step", &wf) != SVCR_OK)
        return -1;
    *state = wf;
    return 0;
}

static int teardown(void **state)
{
    svcr_workflow_free(*state);
    return 0;
}

static void encodes_the_documented_format(void **state)
{
    svcr_case *c;
    assert_int_equal(svcr_case_new(*state, "J-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "Parcel by Friday"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "identified", "agent", T0 + MINUTE, "upset"), SVCR_OK);
    svcr_money voucher = {1000, "EUR"};
    assert_int_equal(svcr_case_set_fact_money(c, "compensation", voucher), SVCR_OK);
    char *json;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_string_equal(json,
                        "{\"workflow\":\"five-step\",\"id\":\"J-1\",\"opened_at\":\"2026-11-23T09:00:00Z\","
                        "\"state\":\"apologize\",\"facts\":{\"expectation\":\"Parcel by Friday\","
                        "\"compensation\":\"10.00 EUR\"},\"log\":[{\"seq\":1,\"event\":\"identified\","
                        "\"from\":\"identify\",\"to\":\"apologize\",\"at\":\"2026-11-23T09:01:00Z\","
                        "\"role\":\"agent\",\"note\":\"upset\"}],\"fact_changes\":[{\"after\":0,"
                        "\"fact\":\"expectation\",\"value\":\"Parcel by Friday\"},{\"after\":1,"
                        "\"fact\":\"compensation\",\"value\":\"10.00 EUR\"}]}");
    svcr_free(json);
    assert_int_equal(svcr_case_encode(NULL, &json), SVCR_EINVAL);
    assert_int_equal(svcr_case_encode(c, NULL), SVCR_EINVAL);
    svcr_case_free(c);
}

/* Every kind of content: all fact types, cleared facts, notes, non-ASCII text, a reopen, and a
 * time outside ISO 8601's years (written as a number). */
static svcr_case *rich_case(const svcr_workflow *wf)
{
    static const char doc[] =
        "{\"name\": \"rich\", \"roles\": [\"agent\", \"lead\"], \"facts\": ["
        "{\"name\": \"s\", \"type\": \"string\"}, {\"name\": \"i\", \"type\": \"integer\"},"
        "{\"name\": \"b\", \"type\": \"boolean\"}, {\"name\": \"m\", \"type\": \"money\"}],"
        "\"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, {\"name\": \"z\", \"kind\": \"resolved\"}],"
        "\"transitions\": [{\"event\": \"go\", \"from\": \"a\", \"to\": \"z\", \"requires\": [\"s\", \"b\"]},"
        "{\"event\": \"reopen\", \"from\": \"z\", \"to\": \"a\", \"reopen\": true, \"roles\": [\"lead\"]}]}";
    (void)wf;
    svcr_workflow *rich;
    assert_int_equal(svcr_workflow_parse(doc, strlen(doc), &rich), SVCR_OK);
    svcr_case *c;
    assert_int_equal(svcr_case_new(rich, "R-\xE2\x82\xAC \"quoted\"", SVCR_TIME_MIN, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "s", "Caf\xC3\xA9 \xF0\x9F\x98\x80 \\ \n tab\t"), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_boolean(c, "b", 0), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "i", INT64_MIN), SVCR_OK);
    svcr_money m = {-12345, "KWD"};
    assert_int_equal(svcr_case_set_fact_money(c, "m", m), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "go", "agent", T0, "n\xC3\xB6te"), SVCR_OK);
    assert_int_equal(svcr_case_unset_fact(c, "i"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "reopen", "lead", T0 + DAY, NULL), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(c, "i", INT64_MAX), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "go", "agent", T0 + 2 * DAY, NULL), SVCR_OK);
    return c;
}

static void round_trips_byte_for_byte(void **state)
{
    svcr_case *c = rich_case(*state);
    const svcr_workflow *wf = svcr_case_workflow(c);
    char *first, *second;
    assert_int_equal(svcr_case_encode(c, &first), SVCR_OK);
    svcr_case *d;
    if (svcr_case_decode(wf, first, strlen(first), &d) != SVCR_OK)
        fail_msg("%s\n%s", svcr_error_message(), first);
    assert_int_equal(svcr_case_encode(d, &second), SVCR_OK);
    assert_string_equal(first, second);
    assert_string_equal(svcr_case_id(d), svcr_case_id(c));
    assert_int_equal(svcr_case_opened_at(d), SVCR_TIME_MIN);
    assert_non_null(strstr(first, "\"opened_at\":\"0001-01-01T00:00:00Z\""));
    assert_string_equal(svcr_case_state(d), "z");
    assert_int_equal(svcr_case_log_count(d), 3);
    int64_t i;
    assert_int_equal(svcr_case_get_fact_integer(d, "i", &i), SVCR_OK);
    assert_int_equal(i, INT64_MAX);
    svcr_free(first);
    svcr_free(second);
    svcr_case_free(d);
    svcr_case_free(c);
    svcr_workflow_free((svcr_workflow *)wf);
}

/* A hand-written case may leave out the summary and use seconds for times. */
static void decodes_a_minimal_hand_written_case(void **state)
{
    const char doc[] = "{\"workflow\": \"five-step\", \"id\": \"H-1\", \"opened_at\": 1795424400,"
                       " \"fact_changes\": [{\"after\": 0, \"fact\": \"expectation\", \"value\": \"x\"}],"
                       " \"log\": [{\"event\": \"identified\", \"from\": \"identify\", \"to\": \"apologize\","
                       " \"at\": 1795424460, \"role\": \"agent\"}]}";
    svcr_case *c;
    if (svcr_case_decode(*state, doc, strlen(doc), &c) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    assert_string_equal(svcr_case_state(c), "apologize");
    assert_int_equal(svcr_case_last_at(c), T0 + MINUTE);
    svcr_case_free(c);
}

static const char valid[] =
    "{\n"
    "  \"workflow\": \"five-step\",\n"
    "  \"id\": \"J-1\",\n"
    "  \"opened_at\": \"2026-11-23T09:00:00Z\",\n"
    "  \"state\": \"listen\",\n"
    "  \"facts\": {\"expectation\": \"Parcel by Friday\", \"compensation\": \"10.00 EUR\"},\n"
    "  \"log\": [\n"
    "    {\"seq\": 1, \"event\": \"identified\", \"from\": \"identify\", \"to\": \"apologize\", "
    "\"at\": \"2026-11-23T09:01:00Z\", \"role\": \"agent\", \"note\": \"upset\"},\n"
    "    {\"seq\": 2, \"event\": \"apologized\", \"from\": \"apologize\", \"to\": \"listen\", "
    "\"at\": \"2026-11-23T09:02:00Z\", \"role\": \"agent\"}\n"
    "  ],\n"
    "  \"fact_changes\": [\n"
    "    {\"after\": 0, \"fact\": \"expectation\", \"value\": \"Parcel by Friday\"},\n"
    "    {\"after\": 2, \"fact\": \"compensation\", \"value\": \"10.00 EUR\"}\n"
    "  ]\n"
    "}\n";

static const char *variant(const char *find, const char *replace)
{
    return fixture_variant(valid, find, replace);
}

/* Decoding @p doc fails with SVCR_EPARSE at the first occurrence of @p mark, the message
 * containing @p message. */
static void expect_error(const svcr_workflow *wf, const char *doc, const char *mark, const char *message)
{
    svcr_case *c = (svcr_case *)0x1;
    svcr_status got = svcr_case_decode(wf, doc, strlen(doc), &c);
    if (got != SVCR_EPARSE)
        fail_msg("expected SVCR_EPARSE, got %s: %s", svcr_status_name(got), svcr_error_message());
    assert_ptr_equal(c, (svcr_case *)0x1);
    fixture_assert_message_has(message);
    fixture_assert_error_at(doc, mark);
}

static void decode_validates_by_replaying(void **state)
{
    const svcr_workflow *wf = *state;
    svcr_case *c;
    assert_int_equal(svcr_case_decode(wf, valid, strlen(valid), &c), SVCR_OK);
    svcr_case_free(c);

    expect_error(wf, variant("\"five-step\"", "\"four-step\""), "\"four-step\"",
                 "case JSON: line 2, column 15: /workflow: the case follows workflow \"four-step\", not \"five-step\"");
    expect_error(wf, variant("\"seq\": 2", "\"seq\": 3"), "3,", "/log/1/seq: must be 2");
    expect_error(wf, variant("\"from\": \"apologize\", \"to\": \"listen\"", "\"from\": \"listen\", \"to\": \"listen\""),
                 "\"listen\", \"to\"", "the case was in state \"apologize\" here, not \"listen\"");
    expect_error(wf, variant("\"to\": \"listen\"", "\"to\": \"fix\""), "\"fix\"",
                 "event \"apologized\" leads to state \"listen\", not \"fix\"");
    expect_error(wf, variant("\"event\": \"apologized\"", "\"event\": \"fixed\""), "\"fixed\"",
                 "/log/1/event: case \"J-1\": state \"apologize\" does not allow event \"fixed\"; allowed: apologized");
    expect_error(wf, variant("    {\"after\": 0, \"fact\": \"expectation\", \"value\": \"Parcel by Friday\"},\n", ""),
                 "\"identified\"", "/log/0/event: case \"J-1\": event \"identified\" needs fact \"expectation\"");
    expect_error(wf, variant("\"2026-11-23T09:02:00Z\"", "\"2026-11-23T09:00:30Z\""), "\"2026-11-23T09:00:30Z\"",
                 "earlier than the case's last event at 2026-11-23T09:01:00Z");
    expect_error(wf, variant("\"role\": \"agent\"}", "\"role\": \"clerk\"}"), "\"clerk\"",
                 "\"clerk\" is not a role of workflow \"five-step\"");
    expect_error(wf, variant("\"state\": \"listen\"", "\"state\": \"fix\""), "\"fix\"",
                 "/state: the history leads to state \"listen\"");
    expect_error(wf, variant("\"compensation\": \"10.00 EUR\"", "\"compensation\": \"12.00 EUR\""), "\"12.00 EUR\"",
                 "/facts/compensation: differs from the value the history sets");
    expect_error(wf, variant(", \"compensation\": \"10.00 EUR\"}", "}"), "{\"expectation\"",
                 "fact \"compensation\" is set by the history but missing here");
    expect_error(wf, variant("\"facts\": {", "\"facts\": {\"root_cause\": \"x\", "), "\"x\"",
                 "fact \"root_cause\" is not set by the history");
    expect_error(wf, variant("\"expectation\": \"Parcel by Friday\", \"compensation\"",
                             "\"expectation\": 5, \"compensation\""),
                 "5,", "/facts/expectation: must be string");
    expect_error(wf, variant("{\"after\": 2, \"fact\": \"compensation\"", "{\"after\": 2, \"fact\": \"refund\""),
                 "{\"after\": 2", "/fact_changes/1: svcr_case_decode: case \"J-1\": workflow \"five-step\" declares no "
                 "fact \"refund\"");
    expect_error(wf, variant("\"value\": \"10.00 EUR\"", "\"value\": \"ten euros\""), "\"ten euros\"",
                 "/fact_changes/1/value: must be money such as \"12.50 EUR\"");
    expect_error(wf, variant("\"value\": \"Parcel by Friday\"", "\"value\": true"), "true",
                 "/fact_changes/0/value: must be string");
    expect_error(wf, variant("{\"after\": 0,", "{\"after\": 3,"), "3,", "must be the number of log entries");
    expect_error(wf, variant("\"value\": \"10.00 EUR\"}", "\"value\": \"10.00 EUR\"},\n    {\"after\": 1, \"fact\": "
                             "\"expectation\", \"value\": null}"), "1, \"fact\": \"expectation\", \"value\": null",
                 "from 2 to 2 and in order");
    expect_error(wf, variant("{\"after\": 0, \"fact\": \"expectation\", ",
                             "{\"after\": 0, \"fact\": \"expectation\"}, {"),
                 "{\"after\": 0, \"fact\": \"expectation\"}", "missing member \"value\"");
    expect_error(wf, variant("\"2026-11-23T09:00:00Z\"", "\"yesterday\""), "\"yesterday\"",
                 "/opened_at: must be a time");
    /* Times are in years 0001-9999, the calendars' range, or the case is refused on entry. */
    expect_error(wf, variant("\"2026-11-23T09:00:00Z\"", "\"0000-11-23T09:00:00Z\""), "\"0000-11-23T09:00:00Z\"",
                 "/opened_at: must be a time in years 0001-9999");
    expect_error(wf, variant("\"2026-11-23T09:00:00Z\"", "-62135596801"), "-62135596801",
                 "/opened_at: must be a time in years 0001-9999");
    expect_error(wf, variant("\"2026-11-23T09:02:00Z\"", "253402300800"), "253402300800",
                 "/log/1/at: must be a time in years 0001-9999");
    expect_error(wf, variant("\"id\": \"J-1\",", "\"id\": \"J-1\", \"colour\": 1,"), "1,", "unknown member \"colour\"");
    expect_error(wf, variant("\"id\": \"J-1\"", "\"id\": \"\""), "\"\"", "/id: svcr_case_new: the case id must be");
    expect_error(wf, variant(", \"role\": \"agent\", \"note\"", ", \"note\""), "{\"seq\": 1",
                 "missing member \"role\"");
    expect_error(wf, "{\"workflow\": \"five-step\", \"id\": \"x\", \"opened_at\": 0, \"log\": {}}", "{}",
                 "/log: must be an array");
    expect_error(wf, "{\"workflow\": \"five-step\", \"id\": \"x\", \"opened_at\": 0, \"fact_changes\": 1}", "1}",
                 "/fact_changes: must be an array");
    expect_error(wf, "{\"workflow\": \"five-step\", \"id\": \"x\", \"opened_at\": 0, \"facts\": []}", "[]",
                 "/facts: must be an object");
    expect_error(wf, "[1]", "[", "must be an object");

    svcr_case *untouched = (svcr_case *)0x1;
    const char broken[] = "{\n  \"workflow\": \"five-step\",\n  \"id\": }";
    assert_int_equal(svcr_case_decode(wf, broken, strlen(broken), &untouched), SVCR_EPARSE);
    assert_int_equal(svcr_error_line(), 3);
    assert_non_null(strstr(svcr_error_message(), "case JSON: line 3"));
    assert_int_equal(svcr_case_decode(NULL, valid, strlen(valid), &untouched), SVCR_EINVAL);
    assert_int_equal(svcr_case_decode(wf, NULL, 0, &untouched), SVCR_EINVAL);
    assert_int_equal(svcr_case_decode(wf, valid, strlen(valid), NULL), SVCR_EINVAL);
    assert_ptr_equal(untouched, (svcr_case *)0x1);
}

/* Opening and applying refuse times outside years 0001-9999, which no calendar can count in. */
static void opening_and_applying_stay_in_years_1_to_9999(void **state)
{
    const svcr_workflow *wf = *state;
    svcr_case *c = (svcr_case *)0x1;
    assert_int_equal(svcr_case_new(wf, "Y-0", SVCR_TIME_MIN - 1, &c), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "outside years 0001-9999"));
    assert_ptr_equal(c, (svcr_case *)0x1);
    assert_int_equal(svcr_case_new(wf, "Y-1", SVCR_TIME_MIN, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "x"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "identified", "agent", SVCR_TIME_MAX + 1, NULL), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "after year 9999"));
    assert_int_equal(svcr_case_log_count(c), 0);
    assert_int_equal(svcr_case_apply(c, "identified", "agent", SVCR_TIME_MAX, NULL), SVCR_OK);
    svcr_case_free(c);
}

static void the_readme_example_is_valid(void **state)
{
    const char *doc = fixture_readme_json(2);
    assert_non_null(doc);
    svcr_case *c;
    if (svcr_case_decode(*state, doc, strlen(doc), &c) != SVCR_OK)
        fail_msg("README case: %s", svcr_error_message());
    assert_string_equal(svcr_case_state(c), "apologize");
    svcr_case_free(c);
}

static svcr_status encode_decode(void *wf)
{
    svcr_case *c, *d = NULL;
    svcr_status st = svcr_case_decode(wf, valid, strlen(valid), &c);
    if (st != SVCR_OK)
        return st;
    char *json = NULL;
    if ((st = svcr_case_encode(c, &json)) == SVCR_OK)
        st = svcr_case_decode(wf, json, strlen(json), &d);
    svcr_free(json);
    svcr_case_free(d);
    svcr_case_free(c);
    return st;
}

static void allocation_failures_are_reported(void **state)
{
    long points = test_alloc_exhaust(encode_decode, *state);
    print_message("case decode + encode + decode: %ld allocation points\n", points);
    assert_true(points >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(encodes_the_documented_format),
        cmocka_unit_test(round_trips_byte_for_byte),
        cmocka_unit_test(decodes_a_minimal_hand_written_case),
        cmocka_unit_test(decode_validates_by_replaying),
        cmocka_unit_test(opening_and_applying_stay_in_years_1_to_9999),
        cmocka_unit_test(the_readme_example_is_valid),
        cmocka_unit_test(allocation_failures_are_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
