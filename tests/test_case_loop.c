/* The recovery loop on the "four-stage" built-in: each stage's guard, notifications as records,
 * a service guarantee paid through the spending limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

typedef struct fixture {
    svcr_workflow *wf;
    svcr_taxonomy *taxonomy;
    svcr_case *c; /* four-stage, in resolution, assigned to ann */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    size_t length;
    char *text = fixture_read("taxonomy.json", &length);
    if (svcr_workflow_builtin("four-stage", &f->wf) != SVCR_OK ||
        svcr_taxonomy_parse(text, length, &f->taxonomy) != SVCR_OK || svcr_case_new(f->wf, "C-2", T0, &f->c) != SVCR_OK ||
        svcr_case_bind_taxonomy(f->c, f->taxonomy) != SVCR_OK ||
        svcr_case_assign(f->c, "ann", "supervisor", "sue", T0) != SVCR_OK ||
        svcr_case_change_fact(f->c, "expectation", "Parcel by Friday", "agent", "ann", T0) != SVCR_OK ||
        svcr_case_apply_as(f->c, "identified", "agent", "ann", T0 + MINUTE, NULL) != SVCR_OK)
        return -1;
    free(text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    svcr_case_free(f->c);
    svcr_taxonomy_free(f->taxonomy);
    svcr_workflow_free(f->wf);
    free(f);
    return 0;
}

static void each_stage_of_the_four_stage_process_is_real(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    char *json;
    assert_int_equal(svcr_case_change_fact(c, "resolution", "Resent by courier", "agent", "ann", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "resolved", "agent", "ann", T0 + HOUR, NULL), SVCR_OK);
    assert_string_equal(svcr_case_state(c), "communication_and_classification");
    assert_int_equal(svcr_case_change_fact(c, "communication", "Told her why", "agent", "ann", T0 + HOUR), SVCR_OK);
    /* classification needs a code of the taxonomy */
    assert_int_equal(svcr_case_change_fact(c, "root_cause", "bad luck", "agent", "ann", T0 + HOUR), SVCR_EGUARD);
    assert_int_equal(svcr_case_apply_as(c, "classified", "agent", "ann", T0 + HOUR, NULL), SVCR_EGUARD);
    assert_int_equal(svcr_case_change_fact(c, "root_cause", "Carrier delay", "agent", "ann", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "classified", "agent", "ann", T0 + 2 * HOUR, NULL), SVCR_OK);
    /* integration needs the owner notified */
    assert_int_equal(svcr_case_apply_as(c, "integrated", "agent", "ann", T0 + 2 * HOUR, NULL), SVCR_EGUARD);
    assert_non_null(strstr(svcr_error_message(), "needs fact \"owner_notified\""));
    assert_int_equal(svcr_case_notify_owner(c, "agent", "ann", T0 + 2 * HOUR, &json), SVCR_OK);
    assert_string_equal(json, "{\"kind\":\"owner\",\"key\":\"C-2/owner/logistics/carrier/late\",\"case\":\"C-2\","
                              "\"workflow\":\"four-stage\",\"assignee\":\"ann\",\"code\":\"logistics/carrier/late\","
                              "\"name\":\"Late delivery\",\"team\":\"Carrier desk\",\"contact\":\"carriers@example.com\","
                              "\"at\":\"2026-11-23T11:00:00Z\",\"actor\":\"ann\"}");
    svcr_free(json);
    assert_int_equal(svcr_case_change_fact(c, "satisfaction", "5", "agent", "ann", T0 + DAY), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "integrated", "agent", "ann", T0 + DAY, NULL), SVCR_OK);
    assert_string_equal(svcr_case_state(c), "closed");
    /* without a taxonomy the root cause cannot be classified at all */
    svcr_case *bare;
    assert_int_equal(svcr_case_new(f->wf, "C-3", T0, &bare), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(bare, "root_cause", "logistics/carrier/late"), SVCR_EGUARD);
    assert_non_null(strstr(svcr_error_message(), "no taxonomy for it is bound"));
    svcr_case_free(bare);
    /* the whole history still decodes (the taxonomy is bound again afterwards) */
    svcr_case *copy;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_int_equal(svcr_case_decode(f->wf, json, strlen(json), &copy), SVCR_OK);
    svcr_case_free(copy);
    svcr_free(json);
}

static void transitions_breaches_and_approvals_become_records(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    char *json;
    assert_int_equal(svcr_case_notify_transition(c, 0, &json), SVCR_OK);
    assert_string_equal(json, "{\"kind\":\"transition\",\"key\":\"C-2/log/1\",\"case\":\"C-2\",\"workflow\":\"four-stage\","
                              "\"assignee\":\"ann\",\"event\":\"identified\",\"from\":\"identification\","
                              "\"to\":\"resolution\",\"at\":\"2026-11-23T09:01:00Z\",\"role\":\"agent\",\"actor\":\"ann\"}");
    svcr_free(json);
    assert_int_equal(svcr_case_notify_transition(c, 1, &json), SVCR_EINVAL);
    /* the resolution state's work is due in two days */
    assert_int_equal(svcr_case_notify_breach(c, NULL, "resolution", T0 + DAY, &json), SVCR_ESTATE);
    assert_int_equal(svcr_case_notify_breach(c, NULL, "resolution", T0 + 3 * DAY, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"kind\":\"breach\",\"key\":\"C-2/breach/resolution/2026-11-23T09:01:00Z\""));
    assert_non_null(strstr(json, "\"breached_at\":\"2026-11-25T09:01:00Z\""));
    svcr_free(json);
    /* 60.00 EUR is above the agent's 25.00 EUR: ask the supervisor */
    assert_int_equal(svcr_case_change_fact(c, "compensation", "60.00 EUR", "agent", "ann", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_notify_approval_request(c, "compensation", "agent", "ann", T0 + HOUR, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"kind\":\"approval_requested\",\"key\":\"C-2/approval/compensation/60.00 EUR\""));
    assert_non_null(strstr(json, "\"amount\":\"60.00 EUR\",\"role\":\"agent\",\"requested_by\":\"ann\","
                                 "\"approver_role\":\"supervisor\""));
    svcr_free(json);
    assert_int_equal(svcr_case_notify_approval_request(c, "compensation", "manager", "mo", T0 + HOUR, &json),
                     SVCR_ESTATE);
    assert_int_equal(svcr_case_notify_owner(c, "agent", "ann", T0 + HOUR, &json), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "the root cause (\"root_cause\") is not set"));
}

static void a_guarantee_pays_through_the_same_limits(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    svcr_money payout = {5000, "EUR"};
    char *before, *after;
    assert_int_equal(svcr_case_encode(c, &before), SVCR_OK);
    assert_int_equal(svcr_case_invoke_guarantee(c, "On time or 50 EUR back", payout, "compensation", "agent", "ann",
                                                T0 + HOUR), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "compensation 50.00 EUR is above role \"agent\"'s limit of 25.00 EUR; "
                                                 "the lowest role that may approve it: supervisor"));
    assert_int_equal(svcr_case_encode(c, &after), SVCR_OK);
    assert_string_equal(before, after); /* nothing recorded */
    svcr_free(after);
    assert_false(svcr_case_has_fact(c, "compensation"));
    assert_int_equal(svcr_case_approve(c, "compensation", payout, "supervisor", "sue", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_invoke_guarantee(c, "On time or 50 EUR back", payout, "compensation", "agent", "ann",
                                                T0 + HOUR), SVCR_OK);
    svcr_money paid;
    assert_int_equal(svcr_case_get_fact_money(c, "compensation", &paid), SVCR_OK);
    assert_int_equal(paid.amount_minor, 5000);
    svcr_log_entry e = {.size = sizeof e};
    assert_int_equal(svcr_case_log_entry(c, 1, &e), SVCR_OK);
    assert_string_equal(e.event, "guarantee_invoked");
    assert_string_equal(e.note, "On time or 50 EUR back");
    assert_string_equal(e.actor, "ann");
    svcr_money negative = {-1, "EUR"};
    assert_int_equal(svcr_case_invoke_guarantee(c, "x", negative, "compensation", "agent", "ann", T0 + HOUR), SVCR_EINVAL);
    svcr_free(before);
    /* a workflow without the event refuses it */
    svcr_workflow *five;
    svcr_case *other;
    assert_int_equal(svcr_workflow_builtin("five-step", &five), SVCR_OK);
    assert_int_equal(svcr_case_new(five, "C-9", T0, &other), SVCR_OK);
    assert_int_equal(svcr_case_invoke_guarantee(other, "x", payout, "compensation", "agent", NULL, T0), SVCR_ESTATE);
    assert_false(svcr_case_has_fact(other, "compensation"));
    svcr_case_free(other);
    svcr_workflow_free(five);
}

/* Each notification refuses what it cannot honestly record, naming the case and the argument. */
static void notifications_refuse_bad_requests_naming_them(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    char *json = NULL;
    assert_int_equal(svcr_case_notify_transition(NULL, 0, &json), SVCR_EINVAL);
    assert_int_equal(svcr_case_notify_transition(c, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_case_notify_transition(c, 7, &json), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "index 7 is out of range (case \"C-2\" has 1 log entries)"));
    assert_int_equal(svcr_case_notify_breach(c, NULL, NULL, T0, &json), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "timer"));
    assert_int_equal(svcr_case_notify_breach(c, NULL, "resolution", T0 + DAY, &json), SVCR_ESTATE);
    assert_non_null(strstr(svcr_error_message(), "case \"C-2\": timer \"resolution\" has not breached"));
    assert_int_equal(svcr_case_notify_breach(c, NULL, "no-such-timer", T0 + DAY, &json), SVCR_ENOTFOUND);
    /* owner: an unknown role, a time before the last event; nothing is recorded */
    assert_int_equal(svcr_case_notify_owner(c, NULL, "ann", T0 + HOUR, &json), SVCR_EINVAL);
    assert_int_equal(svcr_case_change_fact(c, "root_cause", "broken parcel", "agent", "ann", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_notify_owner(c, "janitor", "ann", T0 + HOUR, &json), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "\"janitor\" is not a role of workflow \"four-stage\""));
    assert_int_equal(svcr_case_notify_owner(c, "agent", "ann", T0, &json), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "the time is earlier than the case's last event"));
    assert_false(svcr_case_has_fact(c, "owner_notified"));
    /* a code without an owner of its own goes to its nearest owning ancestor; without an actor
     * the record has none, and the fact is still recorded */
    assert_int_equal(svcr_case_notify_owner(c, "agent", NULL, T0 + HOUR, &json), SVCR_OK);
    assert_null(strstr(json, "\"actor\""));
    assert_non_null(strstr(json, "\"key\":\"C-2/owner/logistics/carrier/damaged\""));
    assert_non_null(strstr(json, "\"team\":\"Operations\",\"contact\":\"ops@example.com\""));
    svcr_free(json);
    assert_true(svcr_case_has_fact(c, "owner_notified"));
    /* approval requests: a fact not set, a fact no limit covers, an unknown role */
    assert_int_equal(svcr_case_notify_approval_request(c, NULL, "agent", "ann", T0 + HOUR, &json), SVCR_EINVAL);
    assert_int_equal(svcr_case_notify_approval_request(c, "compensation", "agent", "ann", T0 + HOUR, &json),
                     SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "fact \"compensation\" is not set or no spending limits cover it"));
    assert_int_equal(svcr_case_notify_approval_request(c, "nonsense", "agent", "ann", T0 + HOUR, &json), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_change_fact(c, "compensation", "60.00 EUR", "agent", "ann", T0 + HOUR), SVCR_OK);
    assert_int_equal(svcr_case_notify_approval_request(c, "compensation", "janitor", "ann", T0 + HOUR, &json), SVCR_EPERM);
    assert_non_null(strstr(svcr_error_message(), "\"janitor\" is not a role of workflow \"four-stage\""));
    /* without a requester the record has no "requested_by" */
    assert_int_equal(svcr_case_notify_approval_request(c, "compensation", "agent", NULL, T0 + HOUR, &json), SVCR_OK);
    assert_null(strstr(json, "requested_by"));
    assert_non_null(strstr(json, "\"approver_role\":\"supervisor\""));
    svcr_free(json);
}

static void a_guarantee_refuses_bad_payouts_and_arguments(void **state)
{
    fixture *f = *state;
    svcr_case *c = f->c;
    svcr_money payout = {1000, "EUR"}, no_currency = {1000, "E1"};
    assert_int_equal(svcr_case_invoke_guarantee(NULL, "x", payout, "compensation", "agent", "ann", T0 + HOUR), SVCR_EINVAL);
    assert_int_equal(svcr_case_invoke_guarantee(c, NULL, payout, "compensation", "agent", "ann", T0 + HOUR), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "promise"));
    assert_int_equal(svcr_case_invoke_guarantee(c, "x", payout, NULL, "agent", "ann", T0 + HOUR), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "fact"));
    assert_int_equal(svcr_case_invoke_guarantee(c, "x", payout, "compensation", NULL, "ann", T0 + HOUR), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "role"));
    assert_int_equal(svcr_case_invoke_guarantee(c, "x", no_currency, "compensation", "agent", "ann", T0 + HOUR),
                     SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "the payout's currency is not an ISO 4217 code"));
    assert_false(svcr_case_has_fact(c, "compensation"));
    /* a payout within the agent's limit, at a time before the last event: refused, nothing recorded */
    assert_int_equal(svcr_case_invoke_guarantee(c, "x", payout, "compensation", "agent", "ann", T0 - HOUR), SVCR_EINVAL);
    assert_false(svcr_case_has_fact(c, "compensation"));
    assert_int_equal(svcr_case_log_count(c), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(each_stage_of_the_four_stage_process_is_real, setup, teardown),
        cmocka_unit_test_setup_teardown(transitions_breaches_and_approvals_become_records, setup, teardown),
        cmocka_unit_test_setup_teardown(a_guarantee_pays_through_the_same_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(notifications_refuse_bad_requests_naming_them, setup, teardown),
        cmocka_unit_test_setup_teardown(a_guarantee_refuses_bad_payouts_and_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
