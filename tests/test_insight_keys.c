/* Insight keys: the repeat-complaint rate counts each customer once however long or alike the ids
 * (short ones, long ones that differ only at the end), through many customers, through
 * svcr_insight_add_many() and svcr_insight_add(), only inside the window, and across merges; states
 * keep their counts while their table grows between cases that name the same states. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "support/read_all.h"

enum { CUSTOMERS = 3000, BATCH = 37 };

/* Customer @p i's id: its number in base 62 at the end, '-' before it to 1 + i % 40 characters, so
 * the long ids share a prefix of up to 38 characters and differ only in the last few. */
static void customer_id(size_t i, char id[48])
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char number[8];
    size_t n = 0, length = 1 + i % 40;
    do {
        number[n++] = digits[i % 62];
        i /= 62;
    } while (i != 0);
    length = length < n ? n : length;
    memset(id, '-', length - n);
    for (size_t k = 0; k < n; k++)
        id[length - 1 - k] = number[k];
    id[length] = '\0';
}

/* Customer i complains 1 + i % 3 times in the window, and once more before it when i % 3 == 0. */
static unsigned cases_of(size_t i)
{
    return 1 + (unsigned)(i % 3);
}

static svcr_insight *make(void)
{
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.window_start = 1000;
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    return insight;
}

/* The records of round @p round (0 to 3): customers with more than @p round cases; round 3 is the
 * cases before the window. Ids go to @p ids. */
static size_t round_records(unsigned round, svcr_insight_record *records, char (*ids)[48])
{
    size_t count = 0;
    for (size_t i = 0; i < CUSTOMERS; i++) {
        if (round < 3 ? cases_of(i) <= round : i % 3 != 0)
            continue;
        svcr_insight_record *r = &records[count];
        svcr_insight_record_init(r, sizeof *(r));
        customer_id(i, ids[count]);
        r->customer = ids[count];
        r->opened_at = round < 3 ? 1000 + (int64_t)i : 999;
        r->state = "open";
        count++;
    }
    return count;
}

/* Add round @p round to @p insight: by svcr_insight_add_many() in batches, or one at a time. */
static void add_round(svcr_insight *insight, unsigned round, bool many)
{
    static svcr_insight_record records[CUSTOMERS];
    static const svcr_insight_record *list[CUSTOMERS];
    static char ids[CUSTOMERS][48];
    size_t count = round_records(round, records, ids);
    for (size_t i = 0; i < count; i++)
        list[i] = &records[i];
    for (size_t i = 0; i < count; i += BATCH) {
        size_t batch = count - i < BATCH ? count - i : BATCH, added = 0;
        if (many) {
            assert_int_equal(svcr_insight_add_many(insight, &list[i], batch, &added), SVCR_OK);
            assert_int_equal(added, batch);
        } else {
            for (size_t k = 0; k < batch; k++)
                assert_int_equal(svcr_insight_add(insight, &records[i + k]), SVCR_OK);
        }
    }
}

static void assert_repeat_rate(const svcr_insight *insight)
{
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "repeat_complaint_rate", &m), SVCR_OK);
    assert_int_equal(m.denominator, CUSTOMERS);
    assert_int_equal(m.numerator, CUSTOMERS - CUSTOMERS / 3); /* those with 2 or 3 cases */
}

static void ids_are_distinct_and_varied(void **state)
{
    (void)state;
    char a[48], b[48];
    size_t longest = 0;
    for (size_t i = 0; i < CUSTOMERS; i++) {
        customer_id(i, a);
        customer_id(i + 1, b);
        assert_string_not_equal(a, b);
        longest = strlen(a) > longest ? strlen(a) : longest;
    }
    assert_int_equal(longest, 40);
}

static void each_customer_counts_once(void **state)
{
    (void)state;
    for (int many = 0; many < 2; many++) {
        svcr_insight *insight = make();
        for (unsigned round = 0; round < 4; round++)
            add_round(insight, round, many);
        assert_repeat_rate(insight);
        svcr_insight_free(insight);
    }
}

static void merged_parts_count_each_customer_once(void **state)
{
    (void)state;
    svcr_insight *single = make(), *parts[3] = {make(), make(), make()};
    for (unsigned round = 0; round < 4; round++) {
        add_round(single, round, true);
        add_round(parts[round % 3], round, round % 2);
    }
    assert_int_equal(svcr_insight_merge(parts[1], parts[2]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[0], parts[1]), SVCR_OK);
    assert_repeat_rate(parts[0]);
    char *a, *b;
    assert_int_equal(svcr_insight_encode(single, &a), SVCR_OK);
    assert_int_equal(svcr_insight_encode(parts[0], &b), SVCR_OK);
    assert_string_equal(a, b);
    svcr_free(a);
    svcr_free(b);
    for (int p = 0; p < 3; p++)
        svcr_insight_free(parts[p]);
    svcr_insight_free(single);
}

/* Rounds of cases over more and more states (short and long names): each round names every state
 * so far again, then new ones, so the table grows while states seen before keep being counted. */
static void states_count_right_while_the_table_grows(void **state)
{
    (void)state;
    enum { STATES = 400, ROUNDS = 8 };
    static uint64_t expected[STATES];
    memset(expected, 0, sizeof expected);
    svcr_insight *insight = make();
    char names[STATES][48];
    for (size_t i = 0; i < STATES; i++)
        customer_id(i * 7, names[i]);
    for (size_t round = 1; round <= ROUNDS; round++) {
        size_t known = STATES * round / ROUNDS;
        for (size_t i = 0; i < known; i++) {
            svcr_insight_record r;
            svcr_insight_record_init(&r, sizeof r);
            r.state = names[i];
            assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
            expected[i]++;
        }
    }
    for (size_t i = 0; i < STATES; i++)
        assert_int_equal(svcr_insight_state_count(insight, names[i]), expected[i]);
    svcr_insight_free(insight);
}

/* A record opened at @p at for @p customer. */
static svcr_status add_customer_case(svcr_insight *insight, const char *customer, int64_t at)
{
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.customer = customer;
    r.opened_at = at;
    return svcr_insight_add(insight, &r);
}

static void assert_repeat(const svcr_insight *insight, uint64_t repeat, uint64_t customers)
{
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "repeat_complaint_rate", &m), SVCR_OK);
    assert_int_equal(m.numerator, repeat);
    assert_int_equal(m.denominator, customers);
}

/* The repeat-complaint window counts cases opened at or after window_start and before window_end
 * (insight.h): the end itself is outside. */
static void repeat_window_includes_its_start_and_excludes_its_end(void **state)
{
    (void)state;
    svcr_insight_options options;
    svcr_insight_options_init(&options, sizeof options);
    options.window_start = 1000;
    options.window_end = 2000;
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    assert_int_equal(add_customer_case(insight, "at-start-and-end", 1000), SVCR_OK);
    assert_int_equal(add_customer_case(insight, "at-start-and-end", 2000), SVCR_OK); /* outside */
    assert_int_equal(add_customer_case(insight, "twice-inside", 1000), SVCR_OK);
    assert_int_equal(add_customer_case(insight, "twice-inside", 1999), SVCR_OK);
    assert_int_equal(add_customer_case(insight, "only-at-end", 2000), SVCR_OK);      /* outside */
    assert_int_equal(add_customer_case(insight, "only-before", 999), SVCR_OK);       /* outside */
    assert_int_equal(add_customer_case(insight, "before-and-in", 999), SVCR_OK);     /* outside */
    assert_int_equal(add_customer_case(insight, "before-and-in", 1500), SVCR_OK);
    assert_repeat(insight, 1, 3); /* twice-inside, of at-start-and-end, twice-inside, before-and-in */
    assert_int_equal(svcr_insight_case_count(insight), 8);
    svcr_insight_free(insight);
}

/* Merging adds each customer's cases: one and one make a repeat customer, two and one stay one. */
static void merging_adds_each_customers_cases(void **state)
{
    (void)state;
    svcr_insight *a, *b;
    assert_int_equal(svcr_insight_new(NULL, &a), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &b), SVCR_OK);
    assert_int_equal(add_customer_case(a, "once-in-each", 1), SVCR_OK);
    assert_int_equal(add_customer_case(b, "once-in-each", 2), SVCR_OK);
    assert_int_equal(add_customer_case(a, "twice-then-once", 1), SVCR_OK);
    assert_int_equal(add_customer_case(a, "twice-then-once", 2), SVCR_OK);
    assert_int_equal(add_customer_case(b, "twice-then-once", 3), SVCR_OK);
    assert_int_equal(add_customer_case(a, "only-in-a", 1), SVCR_OK);
    assert_int_equal(add_customer_case(b, "a customer id longer than sixteen bytes", 1), SVCR_OK);
    assert_repeat(a, 1, 3);
    assert_repeat(b, 0, 3);
    assert_int_equal(svcr_insight_merge(a, b), SVCR_OK);
    assert_repeat(a, 2, 4);
    assert_repeat(b, 0, 3); /* the source is unchanged */
    svcr_insight_free(a);
    svcr_insight_free(b);
}

/* A timer named twice in one record counts twice, under one name. */
static void a_timer_named_twice_in_one_record_counts_twice(void **state)
{
    (void)state;
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    svcr_insight_timer timers[3] = {{sizeof(svcr_insight_timer), "callback", SVCR_INSIGHT_FLAG_YES},
                                    {sizeof(svcr_insight_timer), "callback", SVCR_INSIGHT_FLAG_NO},
                                    {sizeof(svcr_insight_timer), "other", SVCR_INSIGHT_FLAG_UNKNOWN}};
    const svcr_insight_timer *pointers[3] = {&timers[0], &timers[1], &timers[2]};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.timers = pointers;
    r.timer_count = 3;
    assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    svcr_insight_metric_value m = {.size = sizeof m};
    assert_int_equal(svcr_insight_metric_find(insight, "callback_within_goal_share", &m), SVCR_OK);
    assert_int_equal(m.numerator, 1);
    assert_int_equal(m.denominator, 2);
    assert_int_equal(svcr_insight_metric_find(insight, "other_within_goal_share", &m), SVCR_ENOTFOUND);
    svcr_insight_free(insight);
}

/* Causes whose names differ only past the 15th or 16th byte (where a table keeps a key apart from
 * its entry) are counted apart, and each finds its own owner, also after a merge. */
static void causes_that_differ_only_at_the_end_are_apart(void **state)
{
    (void)state;
    static const char *const causes[] = {"carrier-missed-", "carrier-missed-1", "carrier-missed-12",
                                         "carrier-missed-2", "carrier-missed-13"};
    enum { CAUSES = sizeof causes / sizeof causes[0] };
    svcr_insight *a, *b;
    assert_int_equal(svcr_insight_new(NULL, &a), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &b), SVCR_OK);
    for (size_t c = 0; c < CAUSES; c++) {
        for (size_t k = 0; k <= c; k++) {
            svcr_insight_record r;
            svcr_insight_record_init(&r, sizeof r);
            r.root_cause = causes[c];
            assert_int_equal(svcr_insight_add(k % 2 ? a : b, &r), SVCR_OK);
        }
        char owner[32];
        snprintf(owner, sizeof owner, "owner of %zu", c);
        assert_int_equal(svcr_insight_set_owner(c % 2 ? a : b, causes[c], owner), SVCR_OK);
    }
    assert_int_equal(svcr_insight_set_owner(a, causes[1], "owner of 1, replaced"), SVCR_OK);
    assert_int_equal(svcr_insight_merge(a, b), SVCR_OK);
    svcr_insight_cause *rows = NULL;
    size_t count;
    assert_int_equal(svcr_test_insight_pareto(a, &rows, &count), SVCR_OK);
    assert_int_equal(count, CAUSES);
    for (size_t i = 0; i < count; i++) { /* most cases first: the last cause (c + 1 cases each) */
        size_t c = CAUSES - 1 - i;
        assert_string_equal(rows[i].cause, causes[c]);
        assert_int_equal(rows[i].cases, c + 1);
        char owner[32];
        snprintf(owner, sizeof owner, c == 1 ? "owner of 1, replaced" : "owner of %zu", c);
        assert_string_equal(rows[i].owner, owner);
    }
    free(rows);
    svcr_insight_free(a);
    svcr_insight_free(b);
}

/* Ids of one length whose 32-bit hashes are equal (FNV-1a folded, found by search): the table
 * tells them apart by their text, inline (short) or stored (long). */
static void ids_with_the_same_hash_are_apart(void **state)
{
    (void)state;
    static const char *const pairs[2][2] = {{"C-0132196", "C-0276651"},
                                             {"customer number 0075827", "customer number 0103908"}};
    svcr_insight *insight, *merged;
    assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
    assert_int_equal(svcr_insight_new(NULL, &merged), SVCR_OK);
    for (int p = 0; p < 2; p++) {
        assert_int_equal(add_customer_case(insight, pairs[p][0], 1), SVCR_OK);
        assert_int_equal(add_customer_case(insight, pairs[p][1], 1), SVCR_OK);
        assert_int_equal(add_customer_case(insight, pairs[p][1], 2), SVCR_OK);
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.state = pairs[p][0];
        assert_int_equal(svcr_insight_add(insight, &r), SVCR_OK);
    }
    assert_repeat(insight, 2, 4);
    assert_int_equal(svcr_insight_state_count(insight, pairs[0][0]), 1);
    assert_int_equal(svcr_insight_state_count(insight, pairs[0][1]), 0);
    assert_int_equal(svcr_insight_state_count(insight, pairs[1][1]), 0);
    assert_int_equal(svcr_insight_merge(merged, insight), SVCR_OK);
    assert_repeat(merged, 2, 4);
    svcr_insight_free(insight);
    svcr_insight_free(merged);
}

/* A short id (kept in its slot) and a long one (stored) whose 32-bit hashes are equal (found by
 * search): told apart by their length before their text, whichever came first. */
static void ids_of_different_lengths_with_the_same_hash_are_apart(void **state)
{
    (void)state;
    static const char *const ids[2] = {"S-03b407", "long-customer-id-00214d"};
    for (int first = 0; first < 2; first++) {
        svcr_insight *insight;
        assert_int_equal(svcr_insight_new(NULL, &insight), SVCR_OK);
        assert_int_equal(add_customer_case(insight, ids[first], 1), SVCR_OK);
        assert_int_equal(add_customer_case(insight, ids[1 - first], 1), SVCR_OK);
        assert_repeat(insight, 0, 2);
        assert_int_equal(add_customer_case(insight, ids[1 - first], 2), SVCR_OK);
        assert_repeat(insight, 1, 2);
        svcr_insight_free(insight);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_are_distinct_and_varied),
        cmocka_unit_test(each_customer_counts_once),
        cmocka_unit_test(merged_parts_count_each_customer_once),
        cmocka_unit_test(states_count_right_while_the_table_grows),
        cmocka_unit_test(repeat_window_includes_its_start_and_excludes_its_end),
        cmocka_unit_test(merging_adds_each_customers_cases),
        cmocka_unit_test(a_timer_named_twice_in_one_record_counts_twice),
        cmocka_unit_test(causes_that_differ_only_at_the_end_are_apart),
        cmocka_unit_test(ids_with_the_same_hash_are_apart),
        cmocka_unit_test(ids_of_different_lengths_with_the_same_hash_are_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
