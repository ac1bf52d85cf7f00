/* Empowerment with limits: spending limits per role, approvals, and their JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

static const char limits_json[] =
    "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"events\": [\"atoned\"],\n"
    "  \"roles\": {\"agent\": \"25.00 EUR\", \"supervisor\": \"100.00 EUR\", \"manager\": \"unlimited\"}}]}";

typedef struct fixture {
    svcr_workflow *wf;
    svcr_limits *limits;
    svcr_case *c; /* five-step, in "atone" with a 198.00 EUR compensation */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    svcr_money eur = {19800, "EUR"};
    if (svcr_workflow_builtin("five-step", &f->wf) != SVCR_OK ||
        svcr_limits_parse(f->wf, limits_json, strlen(limits_json), &f->limits) != SVCR_OK ||
        svcr_case_new(f->wf, "C-2", T0, &f->c) != SVCR_OK || svcr_case_bind_limits(f->c, f->limits) != SVCR_OK ||
        svcr_case_set_fact_string(f->c, "expectation", "Delivered on time") != SVCR_OK ||
        svcr_case_apply_as(f->c, "identified", "agent", "ann", T0 + 1, NULL) != SVCR_OK ||
        svcr_case_apply_as(f->c, "apologized", "agent", "ann", T0 + 2, NULL) != SVCR_OK ||
        svcr_case_apply_as(f->c, "listened", "agent", "ann", T0 + 3, NULL) != SVCR_OK ||
        svcr_case_set_fact_string(f->c, "customer_wish", "A refund") != SVCR_OK ||
        svcr_case_apply_as(f->c, "fixed", "agent", "ann", T0 + 4, NULL) != SVCR_OK ||
        svcr_case_set_fact_string(f->c, "atonement", "Full refund") != SVCR_OK ||
        svcr_case_set_fact_money(f->c, "compensation", eur) != SVCR_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_case_free(f->c);
    svcr_limits_free(f->limits);
    svcr_workflow_free(f->wf);
    free(f);
    return 0;
}

static void an_amount_above_the_roles_limit_is_refused(void **state)
{
    fixture *f = *state;
    assert_int_equal(svcr_case_apply_as(f->c, "atoned", "agent", "ann", T0 + 5, NULL), SVCR_EPERM);
    assert_string_equal(svcr_error_message(),
                        "case \"C-2\": event \"atoned\": compensation 198.00 EUR is above role \"agent\"'s limit of "
                        "25.00 EUR; the lowest role that may approve it: manager");
    assert_string_equal(svcr_case_state(f->c), "atone");
    /* svcr_case_check says the same */
    assert_int_equal(svcr_case_check(f->c, "atoned", "supervisor", T0 + 5), SVCR_EPERM);
    assert_int_equal(svcr_case_check(f->c, "atoned", "manager", T0 + 5), SVCR_OK);
}

static void an_approval_by_a_role_that_covers_it_lets_the_agent_commit(void **state)
{
    fixture *f = *state;
    svcr_money amount = {19800, "EUR"}, less = {5000, "EUR"}, usd = {19800, "USD"}, zero = {0, "EUR"};
    /* a supervisor may approve up to 100.00 EUR only */
    assert_int_equal(svcr_case_approve(f->c, "compensation", amount, "supervisor", "sue", T0 + 5), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "role \"supervisor\" may approve compensation up to 100.00 EUR, not "
                                                 "198.00 EUR; the lowest role that may approve it: manager"));
    assert_int_equal(svcr_case_approve(f->c, "compensation", usd, "manager", "mia", T0 + 5), SVCR_ECURRENCY);
    assert_int_equal(svcr_case_approve(f->c, "compensation", zero, "manager", "mia", T0 + 5), SVCR_EINVAL);
    assert_int_equal(svcr_case_approve(f->c, "atonement", amount, "manager", "mia", T0 + 5), SVCR_ENOTFOUND);
    /* an approval below the amount does not cover it */
    assert_int_equal(svcr_case_approve(f->c, "compensation", less, "supervisor", "sue", T0 + 5), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(f->c, "atoned", "agent", "ann", T0 + 6, NULL), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "the approval of 50.00 EUR by \"sue\" is below it"));
    assert_int_equal(svcr_case_approve(f->c, "compensation", amount, "manager", "mia", T0 + 7), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(f->c, "atoned", "agent", "ann", T0 + 8, NULL), SVCR_OK);
    /* the approvals travel with the case */
    char *json, *again;
    svcr_case *copy;
    assert_int_equal(svcr_case_encode(f->c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"approvals\":[{\"after\":4,\"fact\":\"compensation\",\"amount\":\"50.00 EUR\","
                                 "\"at\":\"2026-11-23T09:00:05Z\",\"role\":\"supervisor\",\"approver\":\"sue\"}"));
    assert_int_equal(svcr_case_decode(f->wf, json, strlen(json), &copy), SVCR_OK);
    assert_int_equal(svcr_case_encode(copy, &again), SVCR_OK);
    assert_string_equal(json, again);
    svcr_free(again);
    svcr_case_free(copy);
    assert_int_equal(svcr_case_replay(f->c, NULL, &copy), SVCR_OK);
    assert_int_equal(svcr_case_encode(copy, &again), SVCR_OK);
    assert_string_equal(json, again);
    svcr_free(again);
    svcr_case_free(copy);
    svcr_free(json);
}

static void the_lowest_role_for_an_amount(void **state)
{
    fixture *f = *state;
    const char *role;
    svcr_money a = {2000, "EUR"}, b = {5000, "EUR"}, c = {19800, "EUR"}, usd = {100, "USD"};
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", a, &role), SVCR_OK);
    assert_string_equal(role, "agent");
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", b, &role), SVCR_OK);
    assert_string_equal(role, "supervisor");
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", c, &role), SVCR_OK);
    assert_string_equal(role, "manager");
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", usd, &role), SVCR_ECURRENCY);
    assert_int_equal(svcr_limits_lowest_role(f->limits, "refund", a, &role), SVCR_ENOTFOUND);
    bool unlimited;
    svcr_money limit;
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "supervisor", &unlimited, &limit), SVCR_OK);
    assert_false(unlimited);
    assert_int_equal(limit.amount_minor, 10000);
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "manager", &unlimited, &limit), SVCR_OK);
    assert_true(unlimited);
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "clerk", &unlimited, &limit), SVCR_ENOTFOUND);
}

static void bad_limits_are_refused_with_their_position(void **state)
{
    fixture *f = *state;
    svcr_limits *out = NULL;
    const char *usd = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\",\n"
                      " \"roles\": {\"agent\": \"25.00 USD\"}}]}";
    assert_int_equal(svcr_limits_parse(f->wf, usd, strlen(usd), &out), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "line 2"));
    assert_non_null(strstr(svcr_error_message(), "the limit is in USD but fact \"compensation\" is limited in EUR"));
    const char *role = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {\"clerk\": \"1.00 EUR\"}}]}";
    assert_int_equal(svcr_limits_parse(f->wf, role, strlen(role), &out), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "\"clerk\" is not a role of workflow \"five-step\""));
    const char *string_fact = "{\"limits\": [{\"fact\": \"atonement\", \"currency\": \"EUR\", \"roles\": {}}]}";
    assert_int_equal(svcr_limits_parse(f->wf, string_fact, strlen(string_fact), &out), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "limits apply to money facts"));
    const char *twice = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {}},"
                        "{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {}}]}";
    assert_int_equal(svcr_limits_parse(f->wf, twice, strlen(twice), &out), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "has limits already"));
    const char *negative = "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {\"agent\": \"-1.00 EUR\"}}]}";
    assert_int_equal(svcr_limits_parse(f->wf, negative, strlen(negative), &out), SVCR_EPARSE);
    assert_null(out);
    /* limits made for another workflow cannot be bound */
    svcr_workflow *desk = fixture_desk();
    svcr_case *c;
    assert_int_equal(svcr_case_new(desk, "D-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_bind_limits(c, f->limits), SVCR_EINVAL);
    svcr_case_free(c);
    svcr_workflow_free(desk);
}

static void a_workflow_declares_limits_and_writes_them_back(void **state)
{
    (void)state;
    char *text = fixture_read("workflow_desk.json", NULL);
    char *end = strrchr(text, '}');
    strcpy(end, ", \"limits\": [{\"fact\": \"refund\", \"currency\": \"EUR\", \"roles\": {\"agent\": \"10.00 EUR\", "
                "\"supervisor\": \"unlimited\"}}]}");
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(text, strlen(text), &wf), SVCR_OK);
    assert_non_null(svcr_workflow_limits(wf));
    char *json;
    assert_int_equal(svcr_workflow_encode(wf, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"limits\":[{\"fact\":\"refund\",\"currency\":\"EUR\",\"roles\":{\"agent\":\"10.00 EUR\","
                                 "\"supervisor\":\"unlimited\"}}]"));
    svcr_workflow *again;
    assert_int_equal(svcr_workflow_parse(json, strlen(json), &again), SVCR_OK);
    svcr_workflow_free(again);
    /* the desk's request_refund requires the refund: the workflow's own limits apply */
    svcr_case *c;
    svcr_money refund = {4000, "EUR"};
    assert_int_equal(svcr_case_new(wf, "D-2", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "Late"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "start", "agent", T0, NULL), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_money(c, "refund", refund), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "request_refund", "agent", T0 + 1, NULL), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "refund 40.00 EUR is above role \"agent\"'s limit of 10.00 EUR; the "
                                                 "lowest role that may approve it: supervisor"));
    assert_int_equal(svcr_case_apply(c, "request_refund", "supervisor", T0 + 1, NULL), SVCR_OK);
    svcr_case_free(c);
    svcr_free(json);
    svcr_workflow_free(wf);
    free(text);
}

typedef struct bad_limits {
    const char *json;
    const char *message; /* a part of svcr_error_message(), with the JSON pointer */
} bad_limits;

#define ENTRY(members) "{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", " members "}]}"

/* Every other malformed limits document: refused with the member's JSON pointer, nothing made. */
static void every_malformed_limit_names_its_member(void **state)
{
    fixture *f = *state;
    static const bad_limits cases[] = {
        {"[]", "must be an object"},
        {"{}", "missing member \"limits\""},
        {"{\"limits\": {}}", "/limits: must be an array of limits, one per money fact"},
        {"{\"limits\": [3]}", "/limits/0"},
        {"{\"limits\": [{\"currency\": \"EUR\", \"roles\": {}}]}", "fact"},
        {"{\"limits\": [{\"fact\": \"compensation\", \"roles\": {}}]}", "currency"},
        {"{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\", \"roles\": {}, \"cap\": 1}]}", "cap"},
        {"{\"limits\": [{\"fact\": \"bonus\", \"currency\": \"EUR\", \"roles\": {}}]}",
         "/limits/0/fact: workflow \"five-step\" declares no fact \"bonus\""},
        {"{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EURO\", \"roles\": {}}]}",
         "/limits/0/currency: \"EURO\" is not an ISO 4217 currency code"},
        {"{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"E1R\", \"roles\": {}}]}",
         "/limits/0/currency: \"E1R\" is not an ISO 4217 currency code"},
        {"{\"limits\": [{\"fact\": \"compensation\", \"currency\": \"EUR\"}]}", "/limits/0: missing member \"roles\""},
        {ENTRY("\"roles\": [\"agent\"]"), "/limits/0/roles: must be an object: role -> \"25.00 EUR\" or \"unlimited\""},
        {ENTRY("\"roles\": {\"agent\": 25}"), "/limits/0/roles/agent: must be money such as \"25.00 EUR\", or \"unlimited\""},
        {ENTRY("\"roles\": {\"agent\": \"25.00\"}"), "/limits/0/roles/agent: must be money such as"},
        {ENTRY("\"roles\": {\"agent\": \"lots EUR\"}"), "/limits/0/roles/agent: must be money such as"},
        {ENTRY("\"roles\": {\"agent\": \"-1.00 EUR\"}"), "/limits/0/roles/agent: a limit cannot be negative"},
        {ENTRY("\"roles\": {}, \"events\": \"atoned\""), "events"},
        {ENTRY("\"roles\": {}, \"events\": [\"danced\"]"), "/limits/0/events/0: must be an event of workflow \"five-step\""},
        {ENTRY("\"roles\": {}, \"events\": [\"atoned\", 7]"), "/limits/0/events/1: must be an event of workflow"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_limits *out = NULL;
        assert_int_equal(svcr_limits_parse(f->wf, cases[i].json, strlen(cases[i].json), &out), SVCR_EPARSE);
        if (strstr(svcr_error_message(), cases[i].message) == NULL)
            fail_msg("case %zu: \"%s\" does not contain \"%s\"", i, svcr_error_message(), cases[i].message);
        assert_null(out);
    }
}

static void limit_queries_refuse_bad_arguments(void **state)
{
    fixture *f = *state;
    const char *role = NULL;
    bool unlimited;
    svcr_money limit, negative = {-1, "EUR"}, eur = {100, "EUR"};
    assert_int_equal(svcr_limits_parse(NULL, "{}", 2, &f->limits), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "wf"));
    assert_int_equal(svcr_limits_parse(f->wf, NULL, 0, &f->limits), SVCR_EINVAL);
    assert_int_equal(svcr_limits_parse(f->wf, "{}", 2, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", negative, &role), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "the amount is negative"));
    assert_int_equal(svcr_limits_lowest_role(NULL, "compensation", eur, &role), SVCR_EINVAL);
    assert_int_equal(svcr_limits_lowest_role(f->limits, NULL, eur, &role), SVCR_EINVAL);
    assert_int_equal(svcr_limits_lowest_role(f->limits, "compensation", eur, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_limits_lowest_role(f->limits, "atonement", eur, &role), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no spending limits for fact \"atonement\""));
    assert_null(role);
    assert_int_equal(svcr_limits_role_limit(NULL, "compensation", "agent", &unlimited, &limit), SVCR_EINVAL);
    assert_int_equal(svcr_limits_role_limit(f->limits, NULL, "agent", &unlimited, &limit), SVCR_EINVAL);
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", NULL, &unlimited, &limit), SVCR_EINVAL);
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "agent", NULL, &limit), SVCR_EINVAL);
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "agent", &unlimited, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_limits_role_limit(f->limits, "bonus", "agent", &unlimited, &limit), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no spending limits for fact \"bonus\""));
    assert_int_equal(svcr_limits_role_limit(f->limits, "compensation", "clerk", &unlimited, &limit), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "\"clerk\" is not a role of workflow \"five-step\""));
    assert_null(svcr_workflow_limits(NULL));
    assert_null(svcr_workflow_limits(f->wf)); /* the five-step built-in declares none */
    svcr_limits_free(NULL);
}

/* A role with no limit may commit nothing: above every limit and no unlimited role, no one may. */
static void an_amount_no_role_may_commit_is_refused(void **state)
{
    fixture *f = *state;
    const char *text = ENTRY("\"roles\": {\"agent\": \"25.00 EUR\", \"supervisor\": \"100.00 EUR\"}");
    svcr_limits *capped = NULL;
    const char *role = NULL;
    svcr_money big = {20000, "EUR"}, zero = {0, "EUR"};
    assert_int_equal(svcr_limits_parse(f->wf, text, strlen(text), &capped), SVCR_OK);
    assert_int_equal(svcr_limits_lowest_role(capped, "compensation", big, &role), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "no role may commit 200.00 EUR of fact \"compensation\""));
    assert_null(role);
    assert_int_equal(svcr_limits_lowest_role(capped, "compensation", zero, &role), SVCR_OK);
    assert_non_null(role); /* any role may commit nothing */
    svcr_limits_free(capped);
}

/* A workflow's limits with "events" are written back with them and read again the same. */
static void limits_with_events_are_written_back(void **state)
{
    (void)state;
    char *text = fixture_read("workflow_desk.json", NULL);
    char *end = strrchr(text, '}');
    strcpy(end, ", \"limits\": [{\"fact\": \"refund\", \"currency\": \"EUR\", \"events\": [\"request_refund\"], "
                "\"roles\": {\"agent\": \"10.00 EUR\"}}]}");
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(text, strlen(text), &wf), SVCR_OK);
    char *json, *again_json;
    assert_int_equal(svcr_workflow_encode(wf, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"limits\":[{\"fact\":\"refund\",\"currency\":\"EUR\",\"roles\":{\"agent\":\"10.00 EUR\"},"
                                 "\"events\":[\"request_refund\"]}]"));
    svcr_workflow *again;
    assert_int_equal(svcr_workflow_parse(json, strlen(json), &again), SVCR_OK);
    assert_int_equal(svcr_workflow_encode(again, &again_json), SVCR_OK);
    assert_string_equal(json, again_json);
    svcr_free(again_json);
    svcr_workflow_free(again);
    svcr_free(json);
    svcr_workflow_free(wf);
    /* a limit on a workflow's own document is checked as the standalone one */
    free(text);
    text = fixture_read("workflow_desk.json", NULL);
    strcpy(strrchr(text, '}'), ", \"limits\": {}}");
    assert_int_equal(svcr_workflow_parse(text, strlen(text), &wf), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/limits: must be an array of limits"));
    free(text);
}

/* Decoding @p doc fails with SVCR_EPARSE, the message containing @p message. */
static void expect_decode_error(const svcr_workflow *wf, const char *doc, const char *message)
{
    svcr_case *c = (svcr_case *)0x1;
    svcr_status got = svcr_case_decode(wf, doc, strlen(doc), &c);
    if (got != SVCR_EPARSE)
        fail_msg("expected SVCR_EPARSE, got %s: %s", svcr_status_name(got), svcr_error_message());
    assert_ptr_equal(c, (svcr_case *)0x1);
    fixture_assert_message_has(message);
}

/* Assignments, approvals and facts of every type travel with the case; a bad member of any of
 * them is refused with its JSON pointer. */
static void assignments_and_approvals_decode_and_errors_name_their_member(void **state)
{
    fixture *f = *state;
    svcr_money fifty = {5000, "EUR"};
    assert_int_equal(svcr_case_assign(f->c, "ann", "supervisor", "sue", T0 + 5), SVCR_OK);
    assert_int_equal(svcr_case_approve(f->c, "compensation", fifty, "supervisor", "sue", T0 + 5), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_boolean(f->c, "solicited", true), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_integer(f->c, "satisfaction", 4), SVCR_OK);
    char *json, *again;
    assert_int_equal(svcr_case_encode(f->c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"solicited\":true"));
    assert_non_null(strstr(json, "\"satisfaction\":4"));
    svcr_case *copy;
    assert_int_equal(svcr_case_decode(f->wf, json, strlen(json), &copy), SVCR_OK);
    assert_string_equal(svcr_case_assignee(copy), "ann");
    assert_int_equal(svcr_case_encode(copy, &again), SVCR_OK);
    assert_string_equal(json, again);
    svcr_free(again);
    svcr_case_free(copy);

    const svcr_workflow *wf = f->wf;
#define V(find, replace) fixture_variant(json, (find), (replace))
    /* approvals */
    expect_decode_error(wf, V("\"amount\":\"50.00 EUR\"", "\"amount\":\"fifty\""),
                        "/approvals/0/amount: must be money such as \"12.50 EUR\"");
    expect_decode_error(wf, V(",\"amount\":\"50.00 EUR\"", ""), "/approvals/0: missing member \"amount\"");
    expect_decode_error(wf, V("\"approver\":\"sue\"", "\"approver\":5"), "/approvals/0/approver");
    expect_decode_error(wf, V("\"role\":\"supervisor\",\"approver\"", "\"role\":\"clerk\",\"approver\""),
                        "/approvals/0: svcr_case_decode: ");
    fixture_assert_message_has("\"clerk\"");
    expect_decode_error(wf, V("{\"after\":4,\"fact\":\"compensation\",\"amount\"", "{\"after\":9,\"fact\":\"compensation\",\"amount\""),
                        "/approvals/0/after: must be the number of log entries before the change");
    expect_decode_error(wf, V("\"amount\":\"50.00 EUR\"", "\"amount\":\"50.00 EUR\",\"colour\":1"),
                        "unknown member \"colour\"");
    /* assignments */
    expect_decode_error(wf, V("\"assignee\":\"ann\"", "\"assignee\":\"\""),
                        "/assignments/0/assignee: \"assignee\" must be a person's id, or null for unassigned");
    expect_decode_error(wf, V("\"assignee\":\"ann\",", ""),
                        "/assignments/0: \"assignee\" must be a person's id, or null for unassigned");
    expect_decode_error(wf, V("\"role\":\"supervisor\",\"actor\":\"sue\"}", "\"role\":\"boss\",\"actor\":\"sue\"}"),
                        "/assignments/0/role: \"boss\" is not a role of workflow \"five-step\"");
    expect_decode_error(wf, V("\"role\":\"supervisor\",\"actor\":\"sue\"}", "\"role\":\"supervisor\",\"actor\":\"\"}"),
                        "/assignments/0");
    expect_decode_error(wf, V("\"assignee\":\"ann\",\"at\":\"2026-11-23T09:00:05Z\"", "\"assignee\":\"ann\",\"at\":\"soon\""),
                        "/assignments/0/at: must be a time");
    expect_decode_error(wf, "{\"workflow\": \"five-step\", \"id\": \"x\", \"opened_at\": 0, \"assignments\": 1}",
                        "/assignments: must be an array");
    expect_decode_error(wf, "{\"workflow\": \"five-step\", \"id\": \"x\", \"opened_at\": 0, \"approvals\": {}}",
                        "/approvals: must be an array");
    /* facts of each type */
    expect_decode_error(wf, V("\"value\":true", "\"value\":\"yes\""), "must be boolean");
    expect_decode_error(wf, V("\"value\":4", "\"value\":\"4\""), "must be integer");
    expect_decode_error(wf, V("\"solicited\":true", "\"solicited\":false"), "/facts/solicited: differs from the value the history sets");
    expect_decode_error(wf, V("\"satisfaction\":4", "\"satisfaction\":5"), "/facts/satisfaction: differs from the value the history sets");
    /* a log entry's actor must be a non-empty id */
    expect_decode_error(wf, V("\"actor\":\"ann\"}", "\"actor\":\"\"}"), "/log/0");
#undef V
    svcr_free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_amount_above_the_roles_limit_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(an_approval_by_a_role_that_covers_it_lets_the_agent_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(the_lowest_role_for_an_amount, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_limits_are_refused_with_their_position, setup, teardown),
        cmocka_unit_test(a_workflow_declares_limits_and_writes_them_back),
        cmocka_unit_test_setup_teardown(every_malformed_limit_names_its_member, setup, teardown),
        cmocka_unit_test_setup_teardown(limit_queries_refuse_bad_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(an_amount_no_role_may_commit_is_refused, setup, teardown),
        cmocka_unit_test(limits_with_events_are_written_back),
        cmocka_unit_test_setup_teardown(assignments_and_approvals_decode_and_errors_name_their_member, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
