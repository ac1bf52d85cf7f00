/* Allocation failure in every allocating call on an agenda or cursor that already exists: each
 * allocation of the call fails in turn, and the call must return SVCR_ENOMEM, leave the agenda's
 * entries exactly as they were (and a cursor where it was), and leave both usable. The agenda's
 * own churn scenarios (test_agenda_entries.c, test_agenda_due.c) exhaust whole workloads. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/test_alloc.h"

enum { ENTRIES = 40 };

typedef struct objects {
    svcr_agenda *agenda; /* ENTRIES entries "C-<i>"/"response" due at 1000 - i, plus one long id */
    svcr_agenda_cursor *cursor; /* over everything, not yet advanced */
    svcr_agenda_cursor *made;
    svcr_agenda_entry entry;
} objects;

static void *setup(void)
{
    objects *o = calloc(1, sizeof *o);
    if (o != NULL)
        o->entry.size = sizeof o->entry;
    if (o == NULL || svcr_agenda_new(&o->agenda) != SVCR_OK)
        return NULL;
    for (int i = 0; i < ENTRIES; i++) {
        char id[16];
        snprintf(id, sizeof id, "C-%d", i);
        if (svcr_agenda_add(o->agenda, id, "response", 1000 - i) != SVCR_OK)
            return NULL;
    }
    if (svcr_agenda_add(o->agenda, "a-case-id-long-enough-to-be-stored-outside-the-entry", "resolution", 5000) !=
            SVCR_OK ||
        svcr_agenda_cursor_new(o->agenda, INT64_MAX, &o->cursor) != SVCR_OK)
        return NULL;
    return o;
}

static void teardown(void *data)
{
    objects *o = data;
    svcr_agenda_cursor_free(o->cursor);
    svcr_agenda_cursor_free(o->made);
    svcr_agenda_free(o->agenda);
    free(o);
}

static char *snapshot(void *data)
{
    objects *o = data;
    char *text = NULL;
    svcr_agenda_cursor *all = NULL;
    assert_int_equal(svcr_agenda_cursor_new(o->agenda, INT64_MAX, &all), SVCR_OK);
    svcr_agenda_entry e = {.size = sizeof e};
    while (svcr_agenda_cursor_next(all, &e) == SVCR_OK)
        test_text_append(&text, "%s/%s@%" PRId64 " ", e.case_id, e.timer, e.due);
    svcr_agenda_cursor_free(all);
    test_text_append(&text, "count %zu made %p entry %p", svcr_agenda_count(o->agenda), (void *)o->made,
                     (const void *)o->entry.case_id);
    return text;
}

/* The agenda still works: add, move, remove, and the cursor yields the earliest entry first. */
static svcr_status still_usable(objects *o)
{
    svcr_status s = svcr_agenda_add(o->agenda, "C-new", "follow_up", 1);
    if (s == SVCR_OK)
        s = svcr_agenda_move(o->agenda, "C-new", "follow_up", 2000);
    if (s == SVCR_OK)
        s = svcr_agenda_remove(o->agenda, "C-new", "follow_up");
    return s;
}

static svcr_status add_new_timer_and_long_id(void *data)
{
    objects *o = data;
    return svcr_agenda_add(o->agenda, "another-case-id-long-enough-to-be-stored-outside", "escalation", 7);
}

static svcr_status add_new_timer_and_long_id_use(void *data)
{
    svcr_status s = add_new_timer_and_long_id(data);
    return s == SVCR_OK ? still_usable(data) : s;
}

static svcr_status reserve(void *data)
{
    objects *o = data;
    return svcr_agenda_reserve(o->agenda, 100000);
}

static svcr_status reserve_use(void *data)
{
    svcr_status s = reserve(data);
    return s == SVCR_OK ? still_usable(data) : s;
}

static svcr_status cursor_new(void *data)
{
    objects *o = data;
    return svcr_agenda_cursor_new(o->agenda, 1000, &o->made);
}

static svcr_status cursor_new_use(void *data)
{
    objects *o = data;
    svcr_status s = cursor_new(data);
    svcr_agenda_entry e = {.size = sizeof e};
    if (s == SVCR_OK)
        s = svcr_agenda_cursor_next(o->made, &e);
    return s == SVCR_OK && e.due == 1000 - (ENTRIES - 1) ? still_usable(o) : SVCR_ESTATE;
}

static svcr_status cursor_next(void *data)
{
    objects *o = data;
    return svcr_agenda_cursor_next(o->cursor, &o->entry);
}

/* After a failed step the cursor is where it was: the next call yields the earliest entry, then
 * the one after it. */
static svcr_status cursor_next_use(void *data)
{
    objects *o = data;
    svcr_agenda_entry first = {.size = sizeof first}, second = {.size = sizeof second};
    svcr_status s = svcr_agenda_cursor_next(o->cursor, &first);
    if (s == SVCR_OK)
        s = svcr_agenda_cursor_next(o->cursor, &second);
    if (s != SVCR_OK)
        return s;
    return first.due == 1000 - (ENTRIES - 1) && second.due == first.due + 1 ? SVCR_OK : SVCR_ESTATE;
}

static const test_call agenda_add = {setup, add_new_timer_and_long_id, snapshot, add_new_timer_and_long_id_use,
                                     teardown};
static const test_call agenda_reserve = {setup, reserve, snapshot, reserve_use, teardown};
static const test_call agenda_cursor_new = {setup, cursor_new, snapshot, cursor_new_use, teardown};
static const test_call agenda_cursor_next = {setup, cursor_next, snapshot, cursor_next_use, teardown};

static void an_agenda_survives_failed_calls(void **state)
{
    (void)state;
    assert_true(test_alloc_exhaust_call(&agenda_add) >= 2);
    assert_true(test_alloc_exhaust_call(&agenda_reserve) >= 1);
    assert_true(test_alloc_exhaust_call(&agenda_cursor_new) >= 1);
    assert_true(test_alloc_exhaust_call(&agenda_cursor_next) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_agenda_survives_failed_calls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
