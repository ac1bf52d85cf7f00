/* What is due: the cursor over entries due before T, counting overdue entries, and a random
 * comparison with a plain list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/test_alloc.h"

static svcr_agenda *sample(void)
{
    svcr_agenda *agenda = NULL;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "first_response", 300), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-1", "resolution", 900), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-2", "first_response", 100), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-3", "follow_up", 300), SVCR_OK);
    assert_int_equal(svcr_agenda_add(agenda, "C-4", "resolution", 200), SVCR_OK);
    return agenda;
}

static size_t overdue(const svcr_agenda *agenda, int64_t at)
{
    size_t count = 99;
    assert_int_equal(svcr_agenda_count_overdue(agenda, at, &count), SVCR_OK);
    return count;
}

static void counts_entries_due_strictly_before(void **state)
{
    (void)state;
    svcr_agenda *agenda = sample();
    assert_int_equal(overdue(agenda, 100), 0);
    assert_int_equal(overdue(agenda, 101), 1);
    assert_int_equal(overdue(agenda, 300), 2);
    assert_int_equal(overdue(agenda, 301), 4);
    assert_int_equal(overdue(agenda, INT64_MAX), 5);
    svcr_agenda_free(agenda);
    svcr_agenda *empty;
    assert_int_equal(svcr_agenda_new(&empty), SVCR_OK);
    assert_int_equal(overdue(empty, INT64_MAX), 0);
    size_t count;
    assert_int_equal(svcr_agenda_count_overdue(NULL, 0, &count), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_count_overdue(empty, 0, NULL), SVCR_EINVAL);
    svcr_agenda_free(empty);
}

static void cursor_walks_in_due_order(void **state)
{
    (void)state;
    svcr_agenda *agenda = sample();
    svcr_agenda_cursor *cursor;
    svcr_agenda_entry entry = {.size = sizeof entry};
    assert_int_equal(svcr_agenda_cursor_new(agenda, 301, &cursor), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    assert_string_equal(entry.case_id, "C-2");
    assert_string_equal(entry.timer, "first_response");
    assert_int_equal(entry.due, 100);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    assert_string_equal(entry.case_id, "C-4");
    assert_int_equal(entry.due, 200);
    /* Two entries due at 300, in either order. */
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    assert_int_equal(entry.due, 300);
    const char *first = entry.case_id;
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    assert_int_equal(entry.due, 300);
    assert_true(strcmp(first, "C-1") == 0 ? strcmp(entry.case_id, "C-3") == 0 : strcmp(entry.case_id, "C-1") == 0);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "no more entries due before 301"));
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ENOTFOUND);
    svcr_agenda_cursor_free(cursor);

    /* Nothing due: the walk is empty at once. */
    assert_int_equal(svcr_agenda_cursor_new(agenda, 100, &cursor), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ENOTFOUND);
    svcr_agenda_cursor_free(cursor);
    svcr_agenda_cursor_free(NULL);
    svcr_agenda_free(agenda);
}

static void cursor_notices_changes(void **state)
{
    (void)state;
    svcr_agenda *agenda = sample();
    svcr_agenda_cursor *cursor;
    svcr_agenda_entry entry = {.size = sizeof entry};
    assert_int_equal(svcr_agenda_cursor_new(agenda, INT64_MAX, &cursor), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    /* Failed calls change nothing, so the cursor goes on. */
    assert_int_equal(svcr_agenda_remove(agenda, "C-404", "resolution"), SVCR_ENOTFOUND);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_OK);
    assert_int_equal(svcr_agenda_move(agenda, "C-1", "resolution", 5), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ESTATE);
    assert_non_null(strstr(svcr_error_message(), "the agenda changed"));
    svcr_agenda_cursor_free(cursor);

    assert_int_equal(svcr_agenda_cursor_new(NULL, 0, &cursor), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_cursor_new(agenda, 0, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_cursor_new(agenda, INT64_MAX, &cursor), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(NULL, &entry), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_cursor_next(cursor, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_agenda_add(agenda, "C-5", "resolution", 5), SVCR_OK);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ESTATE);
    svcr_agenda_cursor_free(cursor);
    svcr_agenda_free(agenda);
}

/* ---- Random operations against a plain list. ---- */

enum { CASES = 400, TIMERS = 4 };
static const char *const timer_names[TIMERS] = {"first_response", "resolution", "follow_up", "a"};

typedef struct plain {
    int64_t due[CASES][TIMERS];
    bool present[CASES][TIMERS];
} plain;

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static int64_t rnd(int64_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (int64_t)(rng_state % (uint64_t)n);
}

static void case_name(int c, char buf[40])
{
    /* Every fifth id is too long to be stored inline. */
    snprintf(buf, 40, c % 5 == 0 ? "long-case-identifier-%05d" : "C-%d", c);
}

static void check_walk(const svcr_agenda *agenda, const plain *p, int64_t before)
{
    size_t expected = 0;
    for (int c = 0; c < CASES; c++)
        for (int t = 0; t < TIMERS; t++)
            expected += p->present[c][t] && p->due[c][t] < before;
    assert_int_equal(overdue(agenda, before), expected);
    svcr_agenda_cursor *cursor;
    assert_int_equal(svcr_agenda_cursor_new(agenda, before, &cursor), SVCR_OK);
    svcr_agenda_entry entry = {.size = sizeof entry};
    int64_t last = INT64_MIN;
    size_t seen = 0;
    static bool visited[CASES][TIMERS];
    memset(visited, 0, sizeof visited);
    svcr_status status;
    while ((status = svcr_agenda_cursor_next(cursor, &entry)) == SVCR_OK) {
        assert_true(entry.due >= last);
        assert_true(entry.due < before);
        last = entry.due;
        int c = atoi(strrchr(entry.case_id, '-') + 1), t = 0;
        while (strcmp(timer_names[t], entry.timer) != 0)
            t++;
        assert_true(p->present[c][t]);
        assert_false(visited[c][t]);
        assert_int_equal(p->due[c][t], entry.due);
        visited[c][t] = true;
        seen++;
    }
    assert_int_equal(status, SVCR_ENOTFOUND);
    assert_int_equal(seen, expected);
    svcr_agenda_cursor_free(cursor);
}

static void agrees_with_a_plain_list(void **state)
{
    (void)state;
    static plain p;
    memset(&p, 0, sizeof p);
    svcr_agenda *agenda;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    size_t count = 0;
    char id[40];
    for (int step = 0; step < 40000; step++) {
        int c = (int)rnd(CASES), t = (int)rnd(TIMERS);
        int64_t due = rnd(1000); /* a small range: many ties */
        case_name(c, id);
        switch (rnd(6)) {
        case 0:
        case 1:
        case 2:
            assert_int_equal(svcr_agenda_add(agenda, id, timer_names[t], due), SVCR_OK);
            count += !p.present[c][t];
            p.present[c][t] = true;
            p.due[c][t] = due;
            break;
        case 3:
            assert_int_equal(svcr_agenda_move(agenda, id, timer_names[t], due),
                             p.present[c][t] ? SVCR_OK : SVCR_ENOTFOUND);
            p.due[c][t] = due;
            break;
        case 4:
            assert_int_equal(svcr_agenda_remove(agenda, id, timer_names[t]),
                             p.present[c][t] ? SVCR_OK : SVCR_ENOTFOUND);
            count -= p.present[c][t];
            p.present[c][t] = false;
            break;
        default:
            if (rnd(20) == 0) {
                size_t removed, want = 0;
                for (int u = 0; u < TIMERS; u++) {
                    want += p.present[c][u];
                    p.present[c][u] = false;
                }
                assert_int_equal(svcr_agenda_remove_case(agenda, id, &removed), SVCR_OK);
                assert_int_equal(removed, want);
                count -= want;
            } else {
                int64_t got;
                if (p.present[c][t]) {
                    assert_int_equal(svcr_agenda_find(agenda, id, timer_names[t], &got), SVCR_OK);
                    assert_int_equal(got, p.due[c][t]);
                } else {
                    assert_int_equal(svcr_agenda_find(agenda, id, timer_names[t], &got), SVCR_ENOTFOUND);
                }
            }
        }
        assert_int_equal(svcr_agenda_count(agenda), count);
        if (step % 2000 == 0)
            check_walk(agenda, &p, rnd(1100));
        svcr_agenda_entry next = {.size = sizeof next};
        if (count == 0) {
            assert_int_equal(svcr_agenda_next(agenda, &next), SVCR_ENOTFOUND);
            continue;
        }
        assert_int_equal(svcr_agenda_next(agenda, &next), SVCR_OK);
        int64_t least = INT64_MAX;
        if (step % 50 == 0) {
            for (int a = 0; a < CASES; a++)
                for (int b = 0; b < TIMERS; b++)
                    if (p.present[a][b] && p.due[a][b] < least)
                        least = p.due[a][b];
            assert_int_equal(next.due, least);
        }
    }
    check_walk(agenda, &p, INT64_MAX);
    svcr_agenda_free(agenda);
}

static svcr_status walk(void *unused)
{
    (void)unused;
    svcr_agenda *agenda;
    svcr_status status = svcr_agenda_new(&agenda);
    if (status != SVCR_OK)
        return status;
    status = svcr_agenda_reserve(agenda, 200);
    char id[16];
    for (int i = 0; i < 200 && status == SVCR_OK; i++) {
        snprintf(id, sizeof id, "C-%d", i);
        status = svcr_agenda_add(agenda, id, "resolution", (i * 37) % 200);
    }
    svcr_agenda_cursor *cursor = NULL;
    if (status == SVCR_OK)
        status = svcr_agenda_cursor_new(agenda, 150, &cursor);
    svcr_agenda_entry entry = {.size = sizeof entry};
    size_t n = 0;
    while (status == SVCR_OK && (status = svcr_agenda_cursor_next(cursor, &entry)) == SVCR_OK)
        n++;
    if (status == SVCR_ENOTFOUND)
        status = n == 150 ? SVCR_OK : SVCR_ECONFLICT;
    svcr_agenda_cursor_free(cursor);
    svcr_agenda_free(agenda);
    return status;
}

static void walk_survives_every_allocation_failure(void **state)
{
    (void)state;
    long points = test_alloc_exhaust(walk, NULL);
    print_message("agenda reserve + walk: %ld allocation points\n", points);
    assert_true(points > 5);
}

/* A cursor whose allocation fails can simply be asked again. */
static void cursor_failure_can_be_retried(void **state)
{
    (void)state;
    test_alloc_install();
    svcr_agenda *agenda;
    assert_int_equal(svcr_agenda_new(&agenda), SVCR_OK);
    char id[16];
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "C-%d", i);
        assert_int_equal(svcr_agenda_add(agenda, id, "resolution", i), SVCR_OK);
    }
    svcr_agenda_cursor *cursor;
    assert_int_equal(svcr_agenda_cursor_new(agenda, INT64_MAX, &cursor), SVCR_OK);
    svcr_agenda_entry entry = {.size = sizeof entry};
    for (int64_t want = 0; want < 100; want++) {
        test_alloc_fail_at(1);
        svcr_status status = svcr_agenda_cursor_next(cursor, &entry);
        if (status == SVCR_ENOMEM)
            status = svcr_agenda_cursor_next(cursor, &entry);
        assert_int_equal(status, SVCR_OK);
        assert_int_equal(entry.due, want);
    }
    test_alloc_fail_at(0);
    assert_int_equal(svcr_agenda_cursor_next(cursor, &entry), SVCR_ENOTFOUND);
    svcr_agenda_cursor_free(cursor);
    svcr_agenda_free(agenda);
    assert_int_equal(test_alloc_live(), 0);
    test_alloc_uninstall();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_entries_due_strictly_before),
        cmocka_unit_test(cursor_walks_in_due_order),
        cmocka_unit_test(cursor_notices_changes),
        cmocka_unit_test(agrees_with_a_plain_list),
        cmocka_unit_test(walk_survives_every_allocation_failure),
        cmocka_unit_test(cursor_failure_can_be_retried),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
