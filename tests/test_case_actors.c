/* Who did it: actors on log entries and fact changes, assignment, and their JSON and replay. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "case_fixture.h"

static void events_record_the_person_beside_the_role(void **state)
{
    (void)state;
    svcr_workflow *wf = fixture_desk();
    svcr_case *c;
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "summary", "Parcel lost", "agent", "ann", T0 + 10), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "start", "agent", "ann", T0 + MINUTE, "picked up"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "note", "agent", T0 + 2 * MINUTE, NULL), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "note", "supervisor", "sue", T0 + 3 * MINUTE, NULL), SVCR_OK);
    svcr_log_entry e = {.size = sizeof e};
    assert_int_equal(svcr_case_log_entry(c, 0, &e), SVCR_OK);
    assert_string_equal(e.actor, "ann");
    assert_string_equal(e.role, "agent");
    assert_string_equal(e.note, "picked up");
    assert_int_equal(svcr_case_log_entry(c, 1, &e), SVCR_OK);
    assert_null(e.actor); /* svcr_case_apply records no person */
    assert_int_equal(svcr_case_log_entry(c, 2, &e), SVCR_OK);
    assert_string_equal(e.actor, "sue");
    char *json;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"fact\":\"summary\",\"value\":\"Parcel lost\",\"at\":\"2026-11-23T09:00:10Z\","
                                 "\"role\":\"agent\",\"actor\":\"ann\""));
    assert_non_null(strstr(json, "\"role\":\"supervisor\",\"actor\":\"sue\""));
    svcr_free(json);
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

static void fact_changes_take_text_of_the_declared_type(void **state)
{
    (void)state;
    svcr_workflow *wf = fixture_desk();
    svcr_case *c;
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "severity", "3", "agent", "ann", T0), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "vip", "true", "agent", NULL, T0), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "refund", "12.50 EUR", "supervisor", "sue", T0), SVCR_OK);
    int64_t severity;
    bool vip;
    svcr_money refund;
    assert_int_equal(svcr_case_get_fact_integer(c, "severity", &severity), SVCR_OK);
    assert_int_equal(severity, 3);
    assert_int_equal(svcr_case_get_fact_boolean(c, "vip", &vip), SVCR_OK);
    assert_true(vip);
    assert_int_equal(svcr_case_get_fact_money(c, "refund", &refund), SVCR_OK);
    assert_int_equal(refund.amount_minor, 1250);
    assert_int_equal(svcr_case_change_fact(c, "vip", NULL, "agent", "ann", T0), SVCR_OK);
    assert_false(svcr_case_has_fact(c, "vip"));
    /* bad input: refused, nothing recorded */
    char *before, *after;
    assert_int_equal(svcr_case_encode(c, &before), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "severity", "three", "agent", "ann", T0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"three\" is not a decimal integer"));
    assert_int_equal(svcr_case_change_fact(c, "refund", "12.50", "agent", "ann", T0), SVCR_EINVAL);
    assert_int_equal(svcr_case_change_fact(c, "vip", "yes", "agent", "ann", T0), SVCR_EINVAL);
    assert_int_equal(svcr_case_change_fact(c, "colour", "red", "agent", "ann", T0), SVCR_ENOTFOUND);
    assert_int_equal(svcr_case_change_fact(c, "severity", "2", "clerk", "ann", T0), SVCR_EPERM);
    assert_int_equal(svcr_case_change_fact(c, "severity", "2", "agent", "", T0), SVCR_EINVAL);
    assert_int_equal(svcr_case_change_fact(c, "severity", "2", "agent", "ann", T0 - 1), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "earlier than the case's last event"));
    assert_int_equal(svcr_case_encode(c, &after), SVCR_OK);
    assert_string_equal(before, after);
    svcr_free(before);
    svcr_free(after);
    svcr_case_free(c);
    svcr_workflow_free(wf);
}

static void a_case_has_an_assignee_kept_in_its_history(void **state)
{
    (void)state;
    svcr_workflow *wf = fixture_desk();
    svcr_case *c, *copy, *replayed;
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_null(svcr_case_assignee(c));
    assert_int_equal(svcr_case_assign(c, "ann", "supervisor", "sue", T0 + 1), SVCR_OK);
    assert_string_equal(svcr_case_assignee(c), "ann");
    assert_int_equal(svcr_case_set_fact_string(c, "summary", "Late"), SVCR_OK);
    assert_int_equal(svcr_case_apply_as(c, "start", "agent", "ann", T0 + 2, NULL), SVCR_OK);
    assert_int_equal(svcr_case_assign(c, "bob", "supervisor", "sue", T0 + 3), SVCR_OK);
    assert_string_equal(svcr_case_assignee(c), "bob");
    char *json, *again;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"assignments\":[{\"after\":0,\"assignee\":\"ann\",\"at\":\"2026-11-23T09:00:01Z\","
                                 "\"role\":\"supervisor\",\"actor\":\"sue\"},{\"after\":1,\"assignee\":\"bob\""));
    assert_int_equal(svcr_case_decode(wf, json, strlen(json), &copy), SVCR_OK);
    assert_string_equal(svcr_case_assignee(copy), "bob");
    assert_int_equal(svcr_case_encode(copy, &again), SVCR_OK);
    assert_string_equal(json, again);
    assert_int_equal(svcr_case_replay(c, NULL, &replayed), SVCR_OK);
    svcr_free(again);
    assert_int_equal(svcr_case_encode(replayed, &again), SVCR_OK);
    assert_string_equal(json, again);
    assert_int_equal(svcr_case_assign(c, NULL, "agent", "bob", T0 + 4), SVCR_OK);
    assert_null(svcr_case_assignee(c));
    assert_int_equal(svcr_case_assign(c, "", "agent", "bob", T0 + 4), SVCR_EINVAL);
    assert_int_equal(svcr_case_assign(c, "ann", "boss", "bob", T0 + 4), SVCR_EPERM);
    assert_int_equal(svcr_case_assign(c, "ann", "agent", "bob", T0), SVCR_EINVAL);
    assert_null(svcr_case_assignee(c));
    svcr_free(json);
    svcr_free(again);
    svcr_case_free(c);
    svcr_case_free(copy);
    svcr_case_free(replayed);
    svcr_workflow_free(wf);
}

static void json_without_actors_still_decodes(void **state)
{
    (void)state;
    svcr_workflow *wf = fixture_desk();
    const char *old = "{\"workflow\":\"desk\",\"id\":\"C-9\",\"opened_at\":\"2026-11-23T09:00:00Z\",\"state\":\"working\","
                      "\"facts\":{\"summary\":\"Late\"},\"log\":[{\"seq\":1,\"event\":\"start\",\"from\":\"new\","
                      "\"to\":\"working\",\"at\":\"2026-11-23T09:01:00Z\",\"role\":\"agent\"}],"
                      "\"fact_changes\":[{\"after\":0,\"fact\":\"summary\",\"value\":\"Late\"}]}";
    svcr_case *c;
    assert_int_equal(svcr_case_decode(wf, old, strlen(old), &c), SVCR_OK);
    svcr_log_entry e = {.size = sizeof e};
    assert_int_equal(svcr_case_log_entry(c, 0, &e), SVCR_OK);
    assert_null(e.actor);
    assert_null(svcr_case_assignee(c));
    char *json;
    assert_int_equal(svcr_case_encode(c, &json), SVCR_OK);
    assert_string_equal(json, old);
    svcr_free(json);
    svcr_case_free(c);
    /* an unknown role in a fact change is refused with its position */
    const char *bad = "{\"workflow\":\"desk\",\"id\":\"C-9\",\"opened_at\":\"2026-11-23T09:00:00Z\","
                      "\"fact_changes\":[{\"after\":0,\"fact\":\"summary\",\"value\":\"Late\",\"role\":\"boss\"}]}";
    assert_int_equal(svcr_case_decode(wf, bad, strlen(bad), &c), SVCR_EPARSE);
    assert_non_null(strstr(svcr_error_message(), "/fact_changes/0/role: \"boss\" is not a role"));
    svcr_workflow_free(wf);
}

static void replay_on_another_workflow_keeps_roles_by_name(void **state)
{
    (void)state;
    svcr_workflow *wf = fixture_desk(), *reordered;
    char *text = fixture_read("workflow_desk.json", NULL);
    char *roles = strstr(text, "[\"agent\", \"supervisor\"]");
    assert_non_null(roles);
    memcpy(roles, "[\"supervisor\", \"agent\"]", strlen("[\"supervisor\", \"agent\"]"));
    assert_int_equal(svcr_workflow_parse(text, strlen(text), &reordered), SVCR_OK);
    svcr_case *c, *copy;
    assert_int_equal(svcr_case_new(wf, "C-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_change_fact(c, "summary", "Late", "agent", "ann", T0), SVCR_OK);
    assert_int_equal(svcr_case_assign(c, "bob", "supervisor", "sue", T0), SVCR_OK);
    assert_int_equal(svcr_case_replay(c, reordered, &copy), SVCR_OK);
    char *json;
    assert_int_equal(svcr_case_encode(copy, &json), SVCR_OK);
    assert_non_null(strstr(json, "\"role\":\"agent\",\"actor\":\"ann\""));
    assert_non_null(strstr(json, "\"assignee\":\"bob\",\"at\":\"2026-11-23T09:00:00Z\",\"role\":\"supervisor\""));
    svcr_free(json);
    svcr_case_free(copy);
    svcr_case_free(c);
    svcr_workflow_free(reordered);
    svcr_workflow_free(wf);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(events_record_the_person_beside_the_role),
        cmocka_unit_test(fact_changes_take_text_of_the_declared_type),
        cmocka_unit_test(a_case_has_an_assignee_kept_in_its_history),
        cmocka_unit_test(json_without_actors_still_decodes),
        cmocka_unit_test(replay_on_another_workflow_keeps_roles_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
