/* Workflow definitions from JSON: what loads, what is rejected (with line:column), accessors,
 * encoding back, and allocation failure. */
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
    "  \"name\": \"mini\",\n"
    "  \"title\": \"Mini\",\n"
    "  \"reopen_grace\": 3600,\n"
    "  \"roles\": [\"agent\", \"supervisor\"],\n"
    "  \"facts\": [{\"name\": \"wish\", \"type\": \"string\"}, {\"name\": \"cost\", \"type\": \"money\"}],\n"
    "  \"states\": [\n"
    "    {\"name\": \"open\", \"kind\": \"initial\", \"guidance\": \"Say sorry.\"},\n"
    "    {\"name\": \"waiting\", \"kind\": \"waiting-on-customer\"},\n"
    "    {\"name\": \"done\", \"kind\": \"closed\", \"due_after\": \"1h30m\"}\n"
    "  ],\n"
    "  \"transitions\": [\n"
    "    {\"event\": \"ask\", \"from\": \"open\", \"to\": \"waiting\"},\n"
    "    {\"event\": \"answered\", \"from\": \"waiting\", \"to\": \"open\"},\n"
    "    {\"event\": \"close\", \"from\": \"open\", \"to\": \"done\", \"requires\": [\"wish\"], "
    "\"roles\": [\"supervisor\"]},\n"
    "    {\"event\": \"reopen\", \"from\": \"done\", \"to\": \"open\", \"reopen\": true}\n"
    "  ]\n"
    "}\n";

static const char *variant(const char *find, const char *replace)
{
    return fixture_variant(valid, find, replace);
}

/* Parsing @p doc fails with @p status at the first occurrence of @p mark, with a message
 * containing @p message; nothing is returned. */
static void expect_error(const char *doc, svcr_status status, const char *mark, const char *message)
{
    svcr_workflow *wf = (svcr_workflow *)0x1;
    svcr_status got = svcr_workflow_parse(doc, strlen(doc), &wf);
    if (got != status)
        fail_msg("expected %s, got %s: %s\n%s", svcr_status_name(status), svcr_status_name(got),
                 svcr_error_message(), doc);
    assert_ptr_equal(wf, (svcr_workflow *)0x1);
    fixture_assert_message_has(message);
    fixture_assert_error_at(doc, mark);
}

static void invalid(const char *find, const char *replace, const char *mark, const char *message)
{
    expect_error(variant(find, replace), SVCR_EPARSE, mark, message);
}

static void loads_a_valid_definition(void **state)
{
    (void)state;
    svcr_workflow *wf = NULL;
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), &wf), SVCR_OK);
    assert_string_equal(svcr_workflow_name(wf), "mini");
    assert_string_equal(svcr_workflow_title(wf), "Mini");
    assert_int_equal(svcr_workflow_reopen_grace(wf), 3600);
    assert_string_equal(svcr_workflow_initial_state(wf), "open");
    assert_int_equal(svcr_workflow_state_count(wf), 3);
    assert_int_equal(svcr_workflow_event_count(wf), 4);
    assert_string_equal(svcr_workflow_event_name(wf, 3), "reopen");
    assert_null(svcr_workflow_event_name(wf, 4));
    assert_int_equal(svcr_workflow_role_count(wf), 2);
    assert_string_equal(svcr_workflow_role_name(wf, 1), "supervisor");
    assert_null(svcr_workflow_role_name(wf, 2));
    assert_int_equal(svcr_workflow_fact_count(wf), 2);
    assert_int_equal(svcr_workflow_transition_count(wf), 4);

    svcr_state_info s = {.size = sizeof s};
    assert_int_equal(svcr_workflow_state(wf, 0, &s), SVCR_OK);
    assert_string_equal(s.name, "open");
    assert_int_equal(s.kind, SVCR_STATE_INITIAL);
    assert_string_equal(s.guidance, "Say sorry.");
    assert_int_equal(s.due_after, -1);
    assert_int_equal(svcr_workflow_find_state(wf, "done", &s), SVCR_OK);
    assert_int_equal(s.index, 2);
    assert_int_equal(s.kind, SVCR_STATE_CLOSED);
    assert_string_equal(s.guidance, "");
    assert_int_equal(s.due_after, 5400);
    assert_int_equal(svcr_workflow_find_state(wf, "waiting", &s), SVCR_OK);
    assert_int_equal(s.kind, SVCR_STATE_WAITING);

    svcr_fact_info f = {.size = sizeof f};
    assert_int_equal(svcr_workflow_fact(wf, 1, &f), SVCR_OK);
    assert_string_equal(f.name, "cost");
    assert_int_equal(f.type, SVCR_FACT_MONEY);
    assert_int_equal(svcr_workflow_find_fact(wf, "wish", &f), SVCR_OK);
    assert_int_equal(f.index, 0);
    assert_int_equal(f.type, SVCR_FACT_STRING);

    svcr_transition_info t = {.size = sizeof t};
    assert_int_equal(svcr_workflow_find_transition(wf, "open", "close", &t), SVCR_OK);
    assert_int_equal(t.index, 2);
    assert_string_equal(t.to, "done");
    assert_int_equal(t.required_fact_count, 1);
    assert_string_equal(t.required_facts[0], "wish");
    assert_int_equal(t.role_count, 1);
    assert_string_equal(t.roles[0], "supervisor");
    assert_false(t.reopen);
    assert_int_equal(svcr_workflow_transition(wf, 3, &t), SVCR_OK);
    assert_string_equal(t.event, "reopen");
    assert_true(t.reopen);
    assert_int_equal(t.role_count, 2); /* no "roles": every role */
    assert_int_equal(t.required_fact_count, 0);
    svcr_workflow_free(wf);
}

static void defaults_apply(void **state)
{
    (void)state;
    const char doc[] = "{\"name\": \"tiny\", \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, "
                       "{\"name\": \"b\"}, {\"name\": \"z\", \"kind\": \"resolved\"}], \"transitions\": ["
                       "{\"event\": \"go\", \"from\": \"a\", \"to\": \"b\"}, {\"event\": \"end\", \"from\": \"b\", "
                       "\"to\": \"z\"}]}";
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(doc, strlen(doc), &wf), SVCR_OK);
    assert_string_equal(svcr_workflow_title(wf), "");
    assert_int_equal(svcr_workflow_reopen_grace(wf), 14 * 86400);
    assert_int_equal(svcr_workflow_role_count(wf), 1);
    assert_string_equal(svcr_workflow_role_name(wf, 0), "agent");
    assert_int_equal(svcr_workflow_fact_count(wf), 0);
    svcr_state_info s = {.size = sizeof s};
    assert_int_equal(svcr_workflow_find_state(wf, "b", &s), SVCR_OK);
    assert_int_equal(s.kind, SVCR_STATE_ACTIVE);
    svcr_workflow_free(wf);
}

static void syntax_errors_have_line_and_column(void **state)
{
    (void)state;
    const char doc[] = "{\n  \"name\": \"x\",\n  \"states\": [,]\n}";
    svcr_workflow *wf = NULL;
    assert_int_equal(svcr_workflow_parse(doc, strlen(doc), &wf), SVCR_EPARSE);
    assert_null(wf);
    assert_int_equal(svcr_error_line(), 3);
    assert_true(svcr_error_column() > 0);
    assert_non_null(strstr(svcr_error_message(), "workflow JSON: line 3"));
    /* Only the given length is read. */
    assert_int_equal(svcr_workflow_parse(valid, 10, &wf), SVCR_EPARSE);
    expect_error("[1, 2]", SVCR_EPARSE, "[", "must be an object");
}

static void rejects_structural_mistakes(void **state)
{
    (void)state;
    invalid("\"title\"", "\"colour\"", "\"Mini\"", "unknown member \"colour\"");
    invalid("\"name\": \"mini\"", "\"name\": 7", "7", "/name: must be a string");
    invalid("\"name\": \"mini\"", "\"name\": \"\"", "\"\"", "must not be empty");
    invalid("\"name\": \"mini\",", "", "{", "missing member \"name\"");
    invalid("\"reopen_grace\": 3600", "\"reopen_grace\": \"14 days\"", "\"14 days\"", "must be a duration");
    invalid("\"reopen_grace\": 3600", "\"reopen_grace\": -1", "-1", "must be a duration");
    invalid("\"roles\": [\"agent\", \"supervisor\"]", "\"roles\": []", "[]", "at least one role");
    invalid("\"roles\": [\"agent\", \"supervisor\"]", "\"roles\": \"agent\"", "\"agent\"", "must be an array");
    invalid("[\"agent\", \"supervisor\"]", "[\"agent\", \"agent\"]", "\"agent\"]", "duplicate role \"agent\"");
    invalid("[\"agent\", \"supervisor\"]", "[\"agent\", 3]", "3]", "non-empty string");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"wish\", \"type\": \"money\"}",
            "{\"name\": \"wish\", \"type\": \"money\"}", "duplicate fact \"wish\"");
    invalid("\"type\": \"money\"", "\"type\": \"euro\"", "\"euro\"", "unknown fact type \"euro\"");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\"}", "{\"name\": \"cost\"}",
            "missing member \"type\"");
    expect_error("{\"name\": \"e\", \"states\": [], \"transitions\": []}", SVCR_EPARSE, "[]", "at least one state");
    invalid("\"kind\": \"waiting-on-customer\"", "\"kind\": \"pending\"", "\"pending\"", "unknown state kind");
    invalid("\"kind\": \"waiting-on-customer\"", "\"kind\": \"initial\"", "\"initial\"}",
            "a second initial state");
    invalid("\"kind\": \"initial\", ", "", "[\n    {", "no state has kind \"initial\"");
    invalid("{\"name\": \"waiting\",", "{\"name\": \"open\",", "{\"name\": \"open\", \"kind\": \"wait",
            "duplicate state \"open\"");
    invalid("\"due_after\": \"1h30m\"", "\"due_after\": \"30m1h\"", "\"30m1h\"", "must be a duration");
    invalid("\"guidance\": \"Say sorry.\"", "\"guidance\": false", "false", "must be a string");
}

static void rejects_bad_transitions(void **state)
{
    (void)state;
    invalid("\"to\": \"waiting\"", "\"to\": \"wating\"", "\"wating\"", "unknown state \"wating\"");
    invalid("\"from\": \"waiting\"", "\"from\": \"nowhere\"", "\"nowhere\"", "unknown state \"nowhere\"");
    invalid("\"requires\": [\"wish\"]", "\"requires\": [\"wsh\"]", "\"wsh\"", "unknown fact \"wsh\"");
    invalid("\"requires\": [\"wish\"]", "\"requires\": [\"wish\", \"wish\"]", "\"wish\"]",
            "fact \"wish\" is required twice");
    invalid("\"requires\": [\"wish\"]", "\"requires\": [1]", "1]", "must be a string");
    invalid("\"roles\": [\"supervisor\"]", "\"roles\": [\"boss\"]", "\"boss\"", "unknown role \"boss\"");
    invalid("\"roles\": [\"supervisor\"]", "\"roles\": []", "[]}", "at least one role");
    invalid("\"roles\": [\"supervisor\"]", "\"roles\": [\"agent\", \"agent\"]", "\"agent\"]}",
            "role \"agent\" is listed twice");
    invalid("\"reopen\": true", "\"reopen\": 1", "1}", "must be true or false");
    invalid("{\"event\": \"ask\",", "{\"event\": \"ask\", \"when\": 1,", "1,", "unknown member \"when\"");
    invalid("{\"event\": \"ask\", ", "{", "{\"from\": \"open\", \"to\": \"waiting\"}", "missing member \"event\"");
    invalid("\"event\": \"answered\", \"from\": \"waiting\"", "\"event\": \"answered\", \"from\": \"waiting\", "
            "\"reopen\": true", "true, \"to\"", "a reopen must leave a resolved or closed state");
    /* One transition per (state, event). */
    invalid("{\"event\": \"close\"", "{\"event\": \"ask\"", "\"ask\", \"from\": \"open\", \"to\": \"done\"",
            "state \"open\" already has a transition for event \"ask\" (/transitions/0)");
    expect_error("{\"name\": \"e\", \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}], \"transitions\": {}}",
                 SVCR_EPARSE, "{}", "must be an array");
}

/* The less common mistakes in facts, states and transitions, each at its member. */
static void rejects_bad_fact_options_and_names(void **state)
{
    (void)state;
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"money\", \"taxonomy\": true}",
            "{\"name\": \"cost\", \"type\": \"money\", \"taxonomy\"", "only a string fact holds taxonomy codes");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"money\", \"taxonomy\": 1}",
            "1}", "must be true or false");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"money\", \"scale\": [1, 5]}",
            "[1, 5]", "only an integer fact has a scale");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"integer\", \"scale\": 5}",
            "5}", "must be [lowest, highest], two integers, lowest first");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"integer\", \"scale\": [1, \"5\"]}",
            "[1, \"5\"]", "must be [lowest, highest]");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"integer\", \"scale\": [1, 5, 9]}",
            "[1, 5, 9]", "must be [lowest, highest]");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"cost\", \"type\": \"money\", \"description\": 3}",
            "3}", "/facts/1/description: must be a string");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "{\"name\": \"\", \"type\": \"money\"}", "\"\"",
            "must not be empty");
    invalid("{\"name\": \"cost\", \"type\": \"money\"}", "3", "3]", "/facts/1: must be an object");
    invalid("[{\"name\": \"wish\", \"type\": \"string\"}, {\"name\": \"cost\", \"type\": \"money\"}]", "{}", "{}",
            "/facts: must be an array");
    invalid("\"title\": \"Mini\"", "\"title\": [\"Mini\"]", "[\"Mini\"]", "/title: must be a string");
    invalid("{\"name\": \"waiting\", \"kind\": \"waiting-on-customer\"}", "{\"kind\": \"waiting-on-customer\"}",
            "{\"kind\": \"waiting-on-customer\"}", "missing member \"name\"");
    invalid("{\"name\": \"waiting\", \"kind\": \"waiting-on-customer\"}", "{\"name\": \"waiting\", \"kind\": 4}", "4}",
            "/states/1/kind: must be a string");
    invalid("{\"name\": \"waiting\", \"kind\": \"waiting-on-customer\"}", "\"waiting\"", "\"waiting\",\n",
            "/states/1: must be an object");
    invalid("\"roles\": [\"supervisor\"]", "\"roles\": [7]", "7]", "/transitions/2/roles/0: a role must be a string");
    invalid("\"roles\": [\"supervisor\"]", "\"roles\": \"supervisor\"", "\"supervisor\"}", "/transitions/2/roles: must be an array");
    invalid("\"requires\": [\"wish\"]", "\"requires\": \"wish\"", "\"wish\", \"roles\"", "/transitions/2/requires: must be an array");
    invalid("\"from\": \"waiting\"", "\"from\": 2", "2,", "/transitions/1/from: must be a string");
    invalid("{\"event\": \"ask\", \"from\": \"open\", \"to\": \"waiting\"}", "[]", "[],", "/transitions/0: must be an object");
    invalid("{\"event\": \"ask\",", "{\"event\": \"\",", "\"\"", "must not be empty");
}

static void rejects_unreachable_states_and_dead_ends(void **state)
{
    (void)state;
    /* Nothing leads into "waiting" any more. */
    invalid("{\"event\": \"ask\", \"from\": \"open\", \"to\": \"waiting\"}",
            "{\"event\": \"ask\", \"from\": \"open\", \"to\": \"open\"}", "{\"name\": \"waiting\"",
            "state \"waiting\" is unreachable from the initial state \"open\"");
    /* "waiting" has a way in but none out to a resolved or closed state. */
    invalid("{\"event\": \"answered\", \"from\": \"waiting\", \"to\": \"open\"}",
            "{\"event\": \"answered\", \"from\": \"waiting\", \"to\": \"waiting\"}", "{\"name\": \"waiting\"",
            "state \"waiting\" (waiting-on-customer) has no way out");
    /* A cycle among non-final states is no way out either. */
    const char cycle[] = "{\"name\": \"c\", \"states\": [{\"name\": \"a\", \"kind\": \"initial\"}, {\"name\": \"b\"}],"
                         "\"transitions\": [{\"event\": \"x\", \"from\": \"a\", \"to\": \"b\"},"
                         "{\"event\": \"y\", \"from\": \"b\", \"to\": \"a\"}]}";
    expect_error(cycle, SVCR_EPARSE, "{\"name\": \"a\"", "state \"a\" (initial) has no way out");
}

static void encodes_back_to_an_equal_definition(void **state)
{
    (void)state;
    svcr_workflow *wf, *again;
    char *json, *json_again;
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), &wf), SVCR_OK);
    assert_int_equal(svcr_workflow_encode(wf, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"reopen_grace\":\"1h\""));
    assert_non_null(strstr(json, "\"due_after\":\"1h30m\""));
    assert_non_null(strstr(json, "\"roles\":[\"supervisor\"]"));
    assert_int_equal(svcr_workflow_parse(json, strlen(json), &again), SVCR_OK);
    assert_int_equal(svcr_workflow_encode(again, &json_again), SVCR_OK);
    assert_string_equal(json, json_again);
    svcr_free(json);
    svcr_free(json_again);
    svcr_workflow_free(again);
    svcr_workflow_free(wf);
}

static void accessors_reject_bad_arguments(void **state)
{
    (void)state;
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), &wf), SVCR_OK);
    svcr_state_info s = {.size = sizeof s};
    svcr_fact_info f = {.size = sizeof f};
    svcr_transition_info t = {.size = sizeof t};
    char *json;

    assert_int_equal(svcr_workflow_parse(NULL, 0, &wf), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"json\" is NULL"));
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), NULL), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_encode(NULL, &json), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_encode(wf, NULL), SVCR_EINVAL);

    assert_null(svcr_workflow_name(NULL));
    assert_null(svcr_workflow_title(NULL));
    assert_null(svcr_workflow_initial_state(NULL));
    assert_int_equal(svcr_workflow_reopen_grace(NULL), -1);
    assert_int_equal(svcr_workflow_state_count(NULL), 0);
    assert_int_equal(svcr_workflow_event_count(NULL), 0);
    assert_null(svcr_workflow_event_name(NULL, 0));
    assert_int_equal(svcr_workflow_role_count(NULL), 0);
    assert_null(svcr_workflow_role_name(NULL, 0));
    assert_int_equal(svcr_workflow_fact_count(NULL), 0);
    assert_int_equal(svcr_workflow_transition_count(NULL), 0);

    assert_int_equal(svcr_workflow_state(NULL, 0, &s), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_state(wf, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_state(wf, 3, &s), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "index 3 is out of range"));
    svcr_state_info unsized = {0};
    assert_int_equal(svcr_workflow_state(wf, 0, &unsized), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "size"));
    assert_int_equal(svcr_workflow_find_state(wf, NULL, &s), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_state(NULL, "open", &s), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_state(wf, "opne", &s), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(), "workflow \"mini\" has no state \"opne\"");

    assert_int_equal(svcr_workflow_fact(NULL, 0, &f), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_fact(wf, 2, &f), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_fact(wf, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_fact(wf, "wishes", &f), SVCR_ENOTFOUND);
    assert_int_equal(svcr_workflow_find_fact(wf, NULL, &f), SVCR_EINVAL);

    assert_int_equal(svcr_workflow_transition(NULL, 0, &t), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_transition(wf, 4, &t), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_transition(wf, NULL, "ask", &t), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_transition(wf, "open", NULL, &t), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_transition(wf, "open", "ask", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_workflow_find_transition(wf, "shut", "ask", &t), SVCR_ENOTFOUND);
    assert_int_equal(svcr_workflow_find_transition(wf, "open", "answered", &t), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(),
                        "workflow \"mini\": state \"open\" does not allow event \"answered\"; allowed: ask, close");
    assert_int_equal(svcr_workflow_find_transition(wf, "open", "nope", &t), SVCR_ENOTFOUND);

    assert_string_equal(svcr_state_kind_name(SVCR_STATE_WAITING), "waiting-on-customer");
    assert_string_equal(svcr_state_kind_name((svcr_state_kind)99), "unknown");
    assert_string_equal(svcr_fact_type_name(SVCR_FACT_BOOLEAN), "boolean");
    assert_string_equal(svcr_fact_type_name((svcr_fact_type)-1), "unknown");
    svcr_workflow_free(wf);
    svcr_workflow_free(NULL);
}

/* A caller compiled against an older, smaller struct gets only the fields it knows. */
static void info_structs_fill_only_what_fits(void **state)
{
    (void)state;
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(valid, strlen(valid), &wf), SVCR_OK);
    svcr_state_info s;
    memset(&s, 0xAB, sizeof s);
    s.size = offsetof(svcr_state_info, kind);
    assert_int_equal(svcr_workflow_state(wf, 1, &s), SVCR_OK);
    assert_string_equal(s.name, "waiting");
    assert_int_equal(s.size, offsetof(svcr_state_info, kind));
    unsigned char untouched;
    memcpy(&untouched, &s.kind, 1);
    assert_int_equal(untouched, 0xAB);
    svcr_workflow_free(wf);
}

static void the_readme_example_is_valid(void **state)
{
    (void)state;
    const char *doc = fixture_readme_json(1);
    assert_non_null(doc);
    svcr_workflow *wf;
    if (svcr_workflow_parse(doc, strlen(doc), &wf) != SVCR_OK)
        fail_msg("README workflow: %s", svcr_error_message());
    assert_string_equal(svcr_workflow_name(wf), "desk");
    svcr_workflow_free(wf);
}

static svcr_status parse_encode_free(void *unused)
{
    (void)unused;
    svcr_workflow *wf;
    svcr_status st = svcr_workflow_parse(valid, strlen(valid), &wf);
    if (st != SVCR_OK)
        return st;
    char *json;
    st = svcr_workflow_encode(wf, &json);
    if (st == SVCR_OK)
        svcr_free(json);
    svcr_workflow_free(wf);
    return st;
}

/* Failing halfway through validation must not leak what was built so far. */
static svcr_status parse_invalid(void *unused)
{
    (void)unused;
    const char *doc = variant("{\"event\": \"ask\", \"from\": \"open\", \"to\": \"waiting\"}",
                              "{\"event\": \"ask\", \"from\": \"open\", \"to\": \"open\"}");
    svcr_workflow *wf;
    svcr_status st = svcr_workflow_parse(doc, strlen(doc), &wf);
    return st == SVCR_EPARSE ? SVCR_OK : st;
}

static void allocation_failures_are_reported_and_leak_nothing(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(parse_encode_free, NULL);
    assert_true(points >= 3);
    print_message("workflow parse + encode: %ld allocation points\n", points);
    points = test_alloc_exhaust(parse_invalid, NULL);
    print_message("workflow parse (invalid): %ld allocation points\n", points);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_a_valid_definition),
        cmocka_unit_test(defaults_apply),
        cmocka_unit_test(syntax_errors_have_line_and_column),
        cmocka_unit_test(rejects_structural_mistakes),
        cmocka_unit_test(rejects_bad_transitions),
        cmocka_unit_test(rejects_bad_fact_options_and_names),
        cmocka_unit_test(rejects_unreachable_states_and_dead_ends),
        cmocka_unit_test(encodes_back_to_an_equal_definition),
        cmocka_unit_test(accessors_reject_bad_arguments),
        cmocka_unit_test(info_structs_fill_only_what_fits),
        cmocka_unit_test(the_readme_example_is_valid),
        cmocka_unit_test(allocation_failures_are_reported_and_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
