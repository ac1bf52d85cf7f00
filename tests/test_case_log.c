/* The event log and replay: entries as recorded, notes, and rebuilding a case from its history. */
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

/* A case whose guards depend on the order of fact changes: "expectation" is set only around
 * "identified", and the atonement is changed after it was used. */
static svcr_case *history_case(const svcr_workflow *wf)
{
    svcr_case *c;
    assert_int_equal(svcr_case_new(wf, "L-1", T0, &c), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "expectation", "Delivery by Friday"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "identified", "agent", T0 + MINUTE, "called in, upset"), SVCR_OK);
    assert_int_equal(svcr_case_unset_fact(c, "expectation"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "apologized", "supervisor", T0 + 2 * MINUTE, NULL), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "listened", "agent", T0 + 3 * MINUTE, ""), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "customer_wish", "Replacement"), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "fixed", "manager", T0 + HOUR, NULL), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "atonement", "Voucher"), SVCR_OK);
    svcr_money voucher = {1000, "EUR"};
    assert_int_equal(svcr_case_set_fact_money(c, "compensation", voucher), SVCR_OK);
    assert_int_equal(svcr_case_apply(c, "atoned", "agent", T0 + HOUR, NULL), SVCR_OK);
    assert_int_equal(svcr_case_set_fact_string(c, "atonement", "Voucher and refund"), SVCR_OK);
    return c;
}

static void entries_record_what_happened(void **state)
{
    svcr_case *c = history_case(*state);
    assert_int_equal(svcr_case_log_count(c), 5);
    svcr_log_entry e = {.size = sizeof e};
    assert_int_equal(svcr_case_log_entry(c, 0, &e), SVCR_OK);
    assert_int_equal(e.size, sizeof e);
    assert_int_equal(e.sequence, 1);
    assert_string_equal(e.event, "identified");
    assert_string_equal(e.from, "identify");
    assert_string_equal(e.to, "apologize");
    assert_int_equal(e.at, T0 + MINUTE);
    assert_string_equal(e.role, "agent");
    assert_string_equal(e.note, "called in, upset");
    assert_int_equal(svcr_case_log_entry(c, 1, &e), SVCR_OK);
    assert_int_equal(e.sequence, 2);
    assert_string_equal(e.role, "supervisor");
    assert_null(e.note);
    assert_int_equal(svcr_case_log_entry(c, 2, &e), SVCR_OK);
    assert_null(e.note); /* an empty note is no note */
    assert_int_equal(svcr_case_log_entry(c, 4, &e), SVCR_OK);
    assert_int_equal(e.sequence, 5);
    assert_string_equal(e.to, "follow_up");

    assert_int_equal(svcr_case_log_entry(c, 5, &e), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "index 5 is out of range (case \"L-1\" has 5 log entries)"));
    assert_int_equal(svcr_case_log_entry(NULL, 0, &e), SVCR_EINVAL);
    assert_int_equal(svcr_case_log_entry(c, 0, NULL), SVCR_EINVAL);
    svcr_log_entry unsized = {0};
    assert_int_equal(svcr_case_log_entry(c, 0, &unsized), SVCR_EINVAL);
    assert_int_equal(svcr_case_log_count(NULL), 0);

    /* An older, smaller struct gets only what fits. */
    svcr_log_entry small;
    memset(&small, 0x5A, sizeof small);
    small.size = offsetof(svcr_log_entry, at);
    assert_int_equal(svcr_case_log_entry(c, 0, &small), SVCR_OK);
    assert_string_equal(small.to, "apologize");
    unsigned char untouched;
    memcpy(&untouched, &small.at, 1);
    assert_int_equal(untouched, 0x5A);
    svcr_case_free(c);
}

static void replay_rebuilds_the_identical_case(void **state)
{
    svcr_case *c = history_case(*state);
    svcr_case *r;
    assert_int_equal(svcr_case_replay(c, NULL, &r), SVCR_OK);
    char *original = fixture_snapshot(c), *replayed = fixture_snapshot(r);
    assert_string_equal(original, replayed);
    assert_string_equal(svcr_case_state(r), "follow_up");
    assert_int_equal(svcr_case_state_since(r), svcr_case_state_since(c));
    assert_false(svcr_case_has_fact(r, "expectation"));
    const char *atonement;
    assert_int_equal(svcr_case_get_fact_string(r, "atonement", &atonement), SVCR_OK);
    assert_string_equal(atonement, "Voucher and refund");
    svcr_free(original);
    svcr_free(replayed);
    svcr_case_free(r);

    /* On an equal workflow loaded separately, too. */
    svcr_workflow *copy;
    char *json;
    assert_int_equal(svcr_workflow_encode(*state, &json), SVCR_OK);
    assert_int_equal(svcr_workflow_parse(json, strlen(json), &copy), SVCR_OK);
    assert_int_equal(svcr_case_replay(c, copy, &r), SVCR_OK);
    assert_ptr_equal(svcr_case_workflow(r), copy);
    svcr_case_free(r);
    svcr_workflow_free(copy);
    svcr_free(json);
    svcr_case_free(c);
}

static void replay_on_a_revised_workflow_names_the_failing_step(void **state)
{
    svcr_case *c = history_case(*state);
    char *json;
    assert_int_equal(svcr_workflow_encode(*state, &json), SVCR_OK);
    /* The revision requires the compensation before apologizing. */
    const char *find = "{\"event\":\"apologized\",\"from\":\"apologize\",\"to\":\"listen\"}";
    char revised[16384];
    char *at = strstr(json, find);
    assert_non_null(at);
    snprintf(revised, sizeof revised, "%.*s{\"event\":\"apologized\",\"from\":\"apologize\",\"to\":\"listen\","
             "\"requires\":[\"compensation\"]}%s", (int)(at - json), json, at + strlen(find));
    svcr_workflow *wf;
    assert_int_equal(svcr_workflow_parse(revised, strlen(revised), &wf), SVCR_OK);
    svcr_case *r = (svcr_case *)0x1;
    assert_int_equal(svcr_case_replay(c, wf, &r), SVCR_EGUARD);
    assert_ptr_equal(r, (svcr_case *)0x1);
    assert_string_equal(svcr_error_message(),
                        "svcr_case_replay: log entry 2: case \"L-1\": event \"apologized\" needs fact "
                        "\"compensation\"");
    svcr_workflow_free(wf);

    /* A workflow that lacks the facts fails at the first fact change. */
    svcr_workflow *desk = fixture_desk();
    assert_int_equal(svcr_case_replay(c, desk, &r), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "svcr_case_replay: fact change 1:"));
    assert_non_null(strstr(svcr_error_message(), "declares no fact \"expectation\""));
    svcr_workflow_free(desk);

    assert_int_equal(svcr_case_replay(NULL, NULL, &r), SVCR_EINVAL);
    assert_int_equal(svcr_case_replay(c, NULL, NULL), SVCR_EINVAL);
    svcr_free(json);
    svcr_case_free(c);
}

static svcr_status build_and_replay(void *wf)
{
    svcr_case *c, *r;
    svcr_status st = svcr_case_new(wf, "L-2", T0, &c);
    if (st != SVCR_OK)
        return st;
    if ((st = svcr_case_set_fact_string(c, "expectation", "x")) == SVCR_OK &&
        (st = svcr_case_apply(c, "identified", "agent", T0, "note")) == SVCR_OK &&
        (st = svcr_case_apply(c, "apologized", "agent", T0, NULL)) == SVCR_OK &&
        (st = svcr_case_replay(c, NULL, &r)) == SVCR_OK)
        svcr_case_free(r);
    svcr_case_free(c);
    return st;
}

static void allocation_failures_are_reported(void **state)
{
    long points = test_alloc_exhaust(build_and_replay, *state);
    print_message("log + replay: %ld allocation points\n", points);
    assert_true(points >= 8);
}

/* Events up to the end of time: entries keep their exact times once the log needs more than 32
 * bits for them (the first eight in the short form, then converted). */
static svcr_status log_to_the_end_of_time(void *state)
{
    static const int64_t far[] = {T0 + ((int64_t)1 << 32), SVCR_TIME_MAX - 1, SVCR_TIME_MAX};
    svcr_case *c;
    svcr_status st = svcr_case_new(state, "L-3", T0, &c);
    if (st != SVCR_OK)
        return st;
    if ((st = svcr_case_set_fact_string(c, "summary", "late")) == SVCR_OK)
        st = svcr_case_apply(c, "start", "agent", T0 + MINUTE, NULL);
    for (int i = 0; i < 7 && st == SVCR_OK; i++)
        st = svcr_case_apply(c, "note", "agent", T0 + HOUR + i, i % 2 ? "n" : NULL);
    for (int i = 0; i < 3 && st == SVCR_OK; i++) {
        char before[64];
        snprintf(before, sizeof before, "%zu %lld", svcr_case_log_count(c), (long long)svcr_case_last_at(c));
        st = svcr_case_apply(c, "note", i ? "supervisor" : "agent", far[i], "far");
        if (st != SVCR_OK) { /* a failed event changes nothing */
            char after[64];
            snprintf(after, sizeof after, "%zu %lld", svcr_case_log_count(c), (long long)svcr_case_last_at(c));
            assert_string_equal(after, before);
        }
    }
    if (st == SVCR_OK) {
        assert_int_equal(svcr_case_log_count(c), 11);
        svcr_log_entry e = {.size = sizeof e};
        for (size_t i = 0; i < 11; i++) {
            assert_int_equal(svcr_case_log_entry(c, i, &e), SVCR_OK);
            assert_true(e.at == (i == 0 ? T0 + MINUTE : i < 8 ? T0 + HOUR + (int64_t)i - 1 : far[i - 8]));
            assert_string_equal(e.role, i < 9 ? "agent" : "supervisor");
        }
        assert_non_null(e.note);
        assert_string_equal(e.note, "far");
        assert_true(svcr_case_last_at(c) == SVCR_TIME_MAX);
        assert_true(svcr_case_state_since(c) == T0 + MINUTE);
        svcr_case *r;
        char *json, *again;
        if ((st = svcr_case_encode(c, &json)) == SVCR_OK) {
            if ((st = svcr_case_replay(c, NULL, &r)) == SVCR_OK) {
                if ((st = svcr_case_encode(r, &again)) == SVCR_OK) {
                    assert_string_equal(again, json);
                    svcr_free(again);
                }
                svcr_case_free(r);
            }
            svcr_free(json);
        }
    }
    svcr_case_free(c);
    return st;
}

static void a_log_can_span_any_times(void **state)
{
    (void)state;
    svcr_workflow *desk = fixture_desk();
    assert_non_null(desk);
    assert_int_equal(log_to_the_end_of_time(desk), SVCR_OK);
    long points = test_alloc_exhaust(log_to_the_end_of_time, desk);
    print_message("log to the end of time: %ld allocation points\n", points);
    svcr_workflow_free(desk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_record_what_happened),
        cmocka_unit_test(replay_rebuilds_the_identical_case),
        cmocka_unit_test(replay_on_a_revised_workflow_names_the_failing_step),
        cmocka_unit_test(allocation_failures_are_reported),
        cmocka_unit_test(a_log_can_span_any_times),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
