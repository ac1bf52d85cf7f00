/* Agenda entries: adding (and re-adding), moving, removing, looking up; limits and failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "agenda/internal.h"
#include "support/test_alloc.h"

static svcr_agenda *new_agenda(void)
{
    svcr_agenda *agenda = NULL;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    return agenda;
}

static int64_t due_of(const svcr_agenda *agenda, const char *case_id, const char *timer)
{
    int64_t due = 0;
    if (svcr_agenda_find(agenda, case_id, timer, &due) != SVCR_OK)
        fail_msg("%s/%s: %s", case_id, timer, svcr_error_message());
    return due;
}

static void assert_next(const svcr_agenda *agenda, const char *case_id, const char *timer, int64_t due)
{
    svcr_agenda_entry entry = {.size = sizeof entry};
    assert_int_equal(svcr_agenda_next(agenda, &entry), SVCR_OK);
    assert_string_equal(entry.case_id, case_id);
    assert_string_equal(entry.timer, timer);
    assert_int_equal(entry.due, due);
}

static void add_get_and_next(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    svcr_agenda_entry entry = {.size = sizeof entry};
    assert_int_equal(svcr_agenda_count(agenda), 0);
    assert_int_equal(svcr_agenda_next(agenda, &entry), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "empty"));

    assert_int_equal(svcr_agenda_add(agenda, "C-1", "first_response", 1000), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 9000), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-2", "first_response", 500), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 3);
    assert_next(agenda, "C-2", "first_response", 500);
    assert_int_equal(due_of(agenda, "C-1", "first_response"), 1000);
    assert_int_equal(due_of(agenda, "C-1", "resolution"), 9000);

    /* Adding an existing key moves it: one entry per (case, timer). */
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 100), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 3);
    assert_next(agenda, "C-1", "resolution", 100);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 20000), SVCR_OK);
    assert_next(agenda, "C-2", "first_response", 500);
    assert_int_equal(due_of(agenda, "C-1", "resolution"), 20000);

    /* Negative and extreme times are fine. */
    assert_int_equal(svcr_agenda_add(agenda, "C-3", "follow_up", INT64_MIN), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-4", "follow_up", INT64_MAX), SVCR_OK);
    assert_next(agenda, "C-3", "follow_up", INT64_MIN);
    svcr_agenda_free(agenda);
    svcr_agenda_free(NULL);
}

static void move_and_remove(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 1000), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-2", "resolution", 2000), SVCR_OK);
    assert_int_equal(svcr_agenda_move(agenda, "C-2", "resolution", 10), SVCR_OK);
    assert_next(agenda, "C-2", "resolution", 10);
    assert_int_equal(svcr_agenda_move(agenda, "C-2", "resolution", 3000), SVCR_OK);
    assert_next(agenda, "C-1", "resolution", 1000);

    /* Moving or removing a key that is not there changes nothing. */
    assert_int_equal(svcr_agenda_move(agenda, "C-3", "resolution", 5), SVCR_ENOTFOUND);
    assert_string_equal(svcr_error_message(),
                        "svcr_agenda_move: case \"C-3\" has no timer \"resolution\" on the agenda");
    assert_int_equal(svcr_agenda_move(agenda, "C-1", "no_such_timer", 5), SVCR_ENOTFOUND);
    assert_int_equal(svcr_agenda_remove(agenda, "C-3", "resolution"), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "svcr_agenda_remove: case \"C-3\""));
    assert_int_equal(svcr_agenda_remove(agenda, "C-1", "no_such_timer"), SVCR_ENOTFOUND);
    int64_t due = 77;
    assert_int_equal(svcr_agenda_find(agenda, "C-3", "resolution", &due), SVCR_ENOTFOUND);
    assert_int_equal(svcr_agenda_find(agenda, "C-1", "no_such_timer", &due), SVCR_ENOTFOUND);
    assert_int_equal(due, 77);
    assert_int_equal(svcr_agenda_count(agenda), 2);

    assert_int_equal(svcr_agenda_remove(agenda, "C-1", "resolution"), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 1);
    assert_int_equal(svcr_agenda_find(agenda, "C-1", "resolution", &due), SVCR_ENOTFOUND);
    assert_next(agenda, "C-2", "resolution", 3000);
    assert_int_equal(svcr_agenda_remove(agenda, "C-1", "resolution"), SVCR_ENOTFOUND);
    assert_int_equal(svcr_agenda_remove(agenda, "C-2", "resolution"), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 0);
    /* The freed entries are reused. */
    assert_int_equal(svcr_agenda_add(agenda, "C-9", "resolution", 1), SVCR_OK);
    assert_next(agenda, "C-9", "resolution", 1);
    svcr_agenda_free(agenda);
}

static void remove_a_whole_case(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    const char *timers[] = {"first_response", "resolution", "follow_up"};
    for (int t = 0; t < 3; t++) {
        assert_int_equal(svcr_agenda_add(agenda, "C-1", timers[t], 100 + t), SVCR_OK);
        assert_int_equal(svcr_agenda_add(agenda, "C-2", timers[t], 200 + t), SVCR_OK);
    }
    assert_int_equal(svcr_agenda_remove(agenda, "C-1", "resolution"), SVCR_OK);
    size_t removed = 99;
    assert_int_equal(svcr_agenda_remove_case(agenda, "C-1", &removed), SVCR_OK);
    assert_int_equal(removed, 2);
    assert_int_equal(svcr_agenda_count(agenda), 3);
    assert_next(agenda, "C-2", "first_response", 200);
    assert_int_equal(svcr_agenda_remove_case(agenda, "C-404", &removed), SVCR_OK);
    assert_int_equal(removed, 0);
    assert_int_equal(svcr_agenda_remove_case(agenda, "C-2", NULL), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 0);
    svcr_agenda_free(agenda);
}

static void long_and_boundary_ids(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    const char *ids[] = {"x", "123456789012345" /* 15: inline */, "1234567890123456" /* 16: own block */,
                         "3f2504e0-4f89-11d3-9a0c-0305e82c3301"};
    for (int i = 0; i < 4; i++)
        assert_int_equal(svcr_agenda_add(agenda, ids[i], "resolution", 40 - i), SVCR_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(due_of(agenda, ids[i], "resolution"), 40 - i);
    assert_next(agenda, ids[3], "resolution", 37);
    /* Ids differing only after the inline part are distinct keys. */
    assert_int_equal(svcr_agenda_add(agenda, "1234567890123457", "resolution", 5), SVCR_OK);
    assert_int_equal(svcr_agenda_count(agenda), 5);
    assert_int_equal(svcr_agenda_remove(agenda, ids[2], "resolution"), SVCR_OK);
    assert_int_equal(svcr_agenda_remove(agenda, ids[3], "resolution"), SVCR_OK);
    assert_int_equal(due_of(agenda, "1234567890123457", "resolution"), 5);
    svcr_agenda_free(agenda);
}

/* The key index compares the whole key: under an equal hash (a collision, forced here), the same
 * case with another timer, or another case with the same timer, is not the entry. */
static void keys_differing_only_in_timer_or_id_are_told_apart(void **state)
{
    (void)state;
    svcr_agenda *agenda;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "response", 100), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 200), SVCR_OK);
    long response = svcr__agenda_timer_find(agenda, "response");
    long resolution = svcr__agenda_timer_find(agenda, "resolution");
    assert_true(response >= 0 && resolution >= 0 && response != resolution);
    uint32_t hash = svcr__agenda_hash("C-1", (uint32_t)response);
    size_t position;
    uint32_t entry = svcr__agenda_find(agenda, "C-1", (uint32_t)response, hash, &position);
    assert_int_not_equal(entry, AGENDA_NO_ENTRY);
    assert_int_equal(svcr__agenda_entry_at(agenda, entry)->timer, response);
    assert_int_equal(svcr__agenda_find(agenda, "C-1", (uint32_t)resolution, hash, &position), AGENDA_NO_ENTRY);
    assert_int_equal(svcr__agenda_find(agenda, "C-2", (uint32_t)response, hash, &position), AGENDA_NO_ENTRY);
    svcr_agenda_free(agenda);
}

static void bad_arguments(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    svcr_agenda_entry entry = {.size = sizeof entry};
    int64_t due;
    size_t count;
    assert_int_equal(svcr_agenda_new(NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_add(NULL, "C-1", "t", 0), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_add(agenda, NULL, "t", 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"case_id\" is NULL"));
    assert_int_equal(svcr_agenda_add(agenda, "C-1", NULL, 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"timer\" is NULL"));
    assert_int_equal(svcr_agenda_add(agenda, "", "t", 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "case id is empty"));
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "", 0), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "timer name is empty"));
    assert_int_equal(svcr_agenda_move(NULL, "C-1", "t", 0), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_move(agenda, NULL, "t", 0), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_move(agenda, "C-1", NULL, 0), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_remove(NULL, "C-1", "t"), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_remove(agenda, NULL, "t"), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_remove(agenda, "C-1", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_remove_case(NULL, "C-1", &count), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_remove_case(agenda, NULL, &count), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_find(NULL, "C-1", "t", &due), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_find(agenda, NULL, "t", &due), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_find(agenda, "C-1", NULL, &due), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_find(agenda, "C-1", "t", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_next(NULL, &entry), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_next(agenda, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_reserve(NULL, 10), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_count(NULL), 0);
    assert_int_equal(svcr_agenda_count(agenda), 0);
    svcr_agenda_free(agenda);
}

static void limits(void **state)
{
    (void)state;
    svcr_agenda *agenda = new_agenda();
    assert_int_equal(svcr_agenda_reserve(agenda, (size_t)SVCR_AGENDA_MAX_ENTRIES + 1), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "at most 134217726 entries"));
    assert_int_equal(svcr_agenda_reserve(agenda, 100000), SVCR_OK);
    assert_int_equal(svcr_agenda_reserve(agenda, 10), SVCR_OK);

    /* Every timer name up to the limit, then one too many. */
    char name[16];
    for (unsigned t = 0; t < SVCR_AGENDA_MAX_TIMERS; t++) {
        snprintf(name, sizeof name, "t%u", t);
        if (svcr_agenda_add(agenda, "C-1", name, t) != SVCR_OK)
            fail_msg("timer %u: %s", t, svcr_error_message());
    }
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "one_too_many", 0), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "at most 65535 timer names"));
    assert_int_equal(svcr_agenda_add(agenda, "C-2", "t7", 0), SVCR_OK);
    size_t removed;
    assert_int_equal(svcr_agenda_remove_case(agenda, "C-1", &removed), SVCR_OK);
    assert_int_equal(removed, SVCR_AGENDA_MAX_TIMERS);
    assert_int_equal(svcr_agenda_count(agenda), 1);
    svcr_agenda_free(agenda);

    /* A full agenda refuses a new key before touching anything (the count is faked: holding
     * 134 million entries takes 6 GB). */
    agenda = new_agenda();
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "t", 5), SVCR_OK);
    agenda->count = SVCR_AGENDA_MAX_ENTRIES;
    assert_int_equal(svcr_agenda_add(agenda, "C-2", "t", 0), SVCR_EOVERFLOW);
    agenda->count = 1;
    assert_int_equal(svcr_agenda_count(agenda), 1);
    svcr_agenda_free(agenda);
}

/* Many keys, enough to grow every structure several times, with removals between. */
static svcr_status churn(void *unused)
{
    (void)unused;
    svcr_agenda *agenda = NULL;
    svcr_status status = svcr_agenda_new(&agenda);
    char id[48];
    for (int i = 0; i < 300 && status == SVCR_OK; i++) {
        snprintf(id, sizeof id, i % 7 == 0 ? "a-long-case-identifier-%d" : "C-%d", i);
        status = svcr_agenda_add(agenda, id, i % 3 == 0 ? "resolution" : i % 3 == 1 ? "first_response" : "follow_up",
                                 (i * 7919) % 1000);
        if (status == SVCR_OK && i % 5 == 0)
            status = svcr_agenda_remove(agenda, id, i % 3 == 0 ? "resolution" : i % 3 == 1 ? "first_response" : "follow_up");
        if (status == SVCR_OK && i % 4 == 0)
            status = svcr_agenda_add(agenda, id, "extra", i);
    }
    if (status == SVCR_OK) {
        svcr_agenda_cursor *cursor = NULL;
        status = svcr_agenda_cursor_new(agenda, 500, &cursor);
        svcr_agenda_entry entry = {.size = sizeof entry};
        int64_t last = INT64_MIN;
        while (status == SVCR_OK && (status = svcr_agenda_cursor_next(cursor, &entry)) == SVCR_OK) {
            if (entry.due < last || entry.due >= 500)
                status = SVCR_ECONFLICT;
            last = entry.due;
        }
        if (status == SVCR_ENOTFOUND)
            status = SVCR_OK;
        svcr_agenda_cursor_free(cursor);
    }
    svcr_agenda_free(agenda);
    return status;
}

static void survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(churn, NULL);
    print_message("agenda churn: %ld allocation points\n", points);
    assert_true(points > 20);
}

/* A failed add leaves the agenda exactly as it was, whichever allocation failed. */
static void failed_add_changes_nothing(void **state)
{
    (void)state;
    for (long n = 1;; n++) {
        test_alloc_install();
        svcr_agenda *agenda = new_agenda();
        char id[32];
        for (int i = 0; i < 12; i++) { /* 12 keys fill the first index table */
            snprintf(id, sizeof id, "C-%d", i);
            assert_int_equal(svcr_agenda_add(agenda, id, "resolution", 100 + i), SVCR_OK);
        }
        test_alloc_fail_at(n);
        svcr_status status = svcr_agenda_add(agenda, "a-case-id-longer-than-fifteen", "new_timer", 1);
        int failed = test_alloc_failure_happened();
        test_alloc_fail_at(0);
        if (!failed) {
            assert_int_equal(status, SVCR_OK);
            svcr_agenda_free(agenda);
            test_alloc_uninstall();
            assert_true(n > 3);
            break;
        }
        assert_int_equal(status, SVCR_ENOMEM);
        assert_int_equal(svcr_agenda_count(agenda), 12);
        assert_next(agenda, "C-0", "resolution", 100);
        int64_t due;
        assert_int_equal(svcr_agenda_find(agenda, "a-case-id-longer-than-fifteen", "new_timer", &due),
                         SVCR_ENOTFOUND);
        for (int i = 0; i < 12; i++) {
            snprintf(id, sizeof id, "C-%d", i);
            assert_int_equal(due_of(agenda, id, "resolution"), 100 + i);
        }
        /* and it still works */
        assert_int_equal(svcr_agenda_add(agenda, "a-case-id-longer-than-fifteen", "new_timer", 1), SVCR_OK);
        assert_next(agenda, "a-case-id-longer-than-fifteen", "new_timer", 1);
        svcr_agenda_free(agenda);
        assert_int_equal(test_alloc_live(), 0);
        test_alloc_uninstall();
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_get_and_next),
        cmocka_unit_test(move_and_remove),
        cmocka_unit_test(remove_a_whole_case),
        cmocka_unit_test(long_and_boundary_ids),
        cmocka_unit_test(keys_differing_only_in_timer_or_id_are_told_apart),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(limits),
        cmocka_unit_test(survives_every_allocation_failure),
        cmocka_unit_test(failed_add_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
