/* Timers as workflow data: what loads, what is rejected (with line:column), and writing back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"
#include "support/test_alloc.h"

static const char valid[] =
    "{\n"
    "  \"name\": \"t\",\n"
    "  \"states\": [\n"
    "    {\"name\": \"open\", \"kind\": \"initial\"},\n"
    "    {\"name\": \"waiting\", \"kind\": \"waiting-on-customer\"},\n"
    "    {\"name\": \"done\", \"kind\": \"closed\", \"due_after\": \"2h\"}\n"
    "  ],\n"
    "  \"transitions\": [\n"
    "    {\"event\": \"ask\", \"from\": \"open\", \"to\": \"waiting\"},\n"
    "    {\"event\": \"answered\", \"from\": \"waiting\", \"to\": \"open\"},\n"
    "    {\"event\": \"close\", \"from\": \"open\", \"to\": \"done\"},\n"
    "    {\"event\": \"reopen\", \"from\": \"done\", \"to\": \"open\", \"reopen\": true}\n"
    "  ],\n"
    "  \"timers\": [\n"
    "    {\"name\": \"reply\", \"start\": \"opened\", \"stop\": [{\"event\": \"ask\"}, {\"enter\": \"done\"}],\n"
    "     \"target\": \"30m\", \"calendar\": \"business\", \"pause_in\": [\"waiting\"], \"on_reopen\": \"restart\"},\n"
    "    {\"name\": \"total\", \"start\": {\"leave\": \"open\"}, \"stop\": {\"event\": \"close\"}, \"target\": 3600}\n"
    "  ]\n"
    "}\n";

static const char *variant(const char *find, const char *replace)
{
    return fixture_variant(valid, find, replace);
}

static void invalid(const char *find, const char *replace, const char *mark, const char *message)
{
    const char *doc = variant(find, replace);
    svcr_workflow *wf = (svcr_workflow *)0x1;
    svcr_status got = svcr_workflow_parse(doc, strlen(doc), &wf);
    if (got != SVCR_EPARSE)
        fail_msg("expected SVCR_EPARSE, got %s: %s", svcr_status_name(got), svcr_error_message());
    assert_ptr_equal(wf, (svcr_workflow *)0x1);
    fixture_assert_message_has(message);
    fixture_assert_error_at(doc, mark);
}

static void loads_declared_and_state_timers(void **state)
{
    (void)state;
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), &wf), SVCR_OK);
    assert_int_equal(svcr_workflow_timer_count(wf), 3);
    svcr_timer_info t = {.size = sizeof t};
    assert_int_equal(svcr_workflow_timer(wf, 0, &t), SVCR_OK);
    assert_string_equal(t.name, "reply");
    assert_string_equal(t.calendar, "business");
    assert_int_equal(t.target, 1800);
    assert_int_equal(t.on_reopen, SVCR_TIMER_RESTART);
    assert_int_equal(t.paused_in_count, 1);
    assert_string_equal(t.paused_in[0], "waiting");
    assert_int_equal(svcr_workflow_timer(wf, 1, &t), SVCR_OK);
    assert_string_equal(t.name, "total");
    assert_string_equal(t.calendar, "24x7"); /* the default */
    assert_int_equal(t.on_reopen, SVCR_TIMER_RESUME);
    assert_int_equal(t.paused_in_count, 0);
    assert_int_equal(svcr_workflow_timer(wf, 2, &t), SVCR_OK);
    assert_string_equal(t.name, "done"); /* from the state's "due_after" */
    assert_int_equal(t.target, 7200);
    assert_int_equal(t.on_reopen, SVCR_TIMER_STAY);

    /* Writing back keeps "due_after" on its state and the rest under "timers". */
    char *json, *again_json;
    assert_int_equal(svcr_workflow_encode(wf, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"timers\":[{\"name\":\"reply\",\"start\":\"opened\",\"stop\":[{\"event\":\"ask\"},"
                                 "{\"enter\":\"done\"}],\"target\":\"30m\",\"calendar\":\"business\","
                                 "\"pause_in\":[\"waiting\"],\"on_reopen\":\"restart\"},{\"name\":\"total\","
                                 "\"start\":{\"leave\":\"open\"},\"stop\":{\"event\":\"close\"},\"target\":\"1h\","
                                 "\"calendar\":\"24x7\",\"on_reopen\":\"resume\"}]"));
    assert_non_null(strstr(json, "\"due_after\":\"2h\""));
    svcr_workflow *again;
    assert_int_equal(svcr_workflow_parse(json, strlen(json), &again), SVCR_OK);
    assert_int_equal(svcr_workflow_encode(again, &again_json), SVCR_OK);
    assert_string_equal(json, again_json);
    svcr_free(json);
    svcr_free(again_json);
    svcr_workflow_free(again);
    svcr_workflow_free(wf);
}

static void rejects_bad_timers(void **state)
{
    (void)state;
    invalid("{\"event\": \"ask\"}", "{\"event\": \"asc\"}", "\"asc\"", "/timers/0/stop/0/event: unknown event \"asc\"");
    invalid("{\"enter\": \"done\"}", "{\"enter\": \"dne\"}", "\"dne\"", "unknown state \"dne\"");
    invalid("{\"leave\": \"open\"}", "{\"leave\": 4}", "4}", "must be a string");
    invalid("{\"event\": \"ask\"}", "{\"event\": \"ask\", \"enter\": \"done\"}", "{\"event\": \"ask\", \"enter\"",
            "must be {\"event\": ...}, {\"enter\": state} or {\"leave\": state}");
    invalid("{\"event\": \"close\"}", "{\"exit\": \"open\"}", "\"open\"}, \"target\": 3600", "unknown member \"exit\"");
    invalid("\"start\": \"opened\"", "\"start\": \"created\"", "\"created\"",
            "must be \"opened\", {\"event\": ...}, {\"enter\": state} or {\"leave\": state}");
    invalid("\"stop\": {\"event\": \"close\"}", "\"stop\": \"opened\"", "\"opened\", \"target\": 3600",
            "/timers/1/stop: must be {\"event\"");
    invalid("\"stop\": {\"event\": \"close\"}", "\"stop\": []", "[]", "must name from 1 to");
    invalid("\"stop\": {\"event\": \"close\"}, ", "", "{\"name\": \"total\"", "missing member \"stop\"");
    invalid(", \"target\": 3600", "", "{\"name\": \"total\"", "missing member \"target\"");
    invalid("\"target\": \"30m\"", "\"target\": \"soon\"", "\"soon\"", "must be a duration");
    invalid("\"on_reopen\": \"restart\"", "\"on_reopen\": \"again\"", "\"again\"",
            "must be \"resume\", \"restart\" or \"stop\"");
    invalid("\"pause_in\": [\"waiting\"]", "\"pause_in\": [\"wait\"]", "\"wait\"", "unknown state \"wait\"");
    invalid("\"pause_in\": [\"waiting\"]", "\"pause_in\": [\"waiting\", \"waiting\"]", "\"waiting\"]",
            "state \"waiting\" is listed twice");
    invalid("\"pause_in\": [\"waiting\"]", "\"pause_in\": [1]", "1]", "must be a state's name");
    invalid("\"calendar\": \"business\"", "\"calendar\": \"\"", "\"\"", "must not be empty");
    invalid("\"name\": \"total\"", "\"name\": \"reply\"", "\"reply\", \"start\": {",
            "a second timer \"reply\" (timers/0 has that name)");
    invalid("\"name\": \"total\"", "\"name\": \"done\"", "\"2h\"", "/states/2/due_after: a second timer \"done\"");
    invalid("\"target\": 3600}", "\"target\": 3600, \"owner\": \"x\"}", "\"x\"", "unknown member \"owner\"");

    const char not_a_list[] = "{\"name\": \"x\", \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, "
                              "{\"name\": \"b\", \"kind\": \"closed\"}], \"transitions\": [{\"event\": \"e\", "
                              "\"from\": \"a\", \"to\": \"b\"}], \"timers\": 1}";
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(not_a_list, strlen(not_a_list), &wf), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/timers: must be an array"));
    fixture_assert_error_at(not_a_list, "1}");
}

static svcr_status parse_and_encode(void *unused)
{
    (void)unused;
    svcr_workflow *wf;
    svcr_status st = svcr_workflow_parse(valid, strlen(valid), &wf);
    if (st != SVCR_OK)
        return st;
    char *json;
    if ((st = svcr_workflow_encode(wf, &json)) == SVCR_OK)
        svcr_free(json);
    svcr_workflow_free(wf);
    return st;
}

static void allocation_failures_are_reported(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(parse_and_encode, NULL);
    print_message("workflow with timers, parse + encode: %ld allocation points\n", points);
    assert_true(points > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_declared_and_state_timers),
        cmocka_unit_test(rejects_bad_timers),
        cmocka_unit_test(allocation_failures_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
