/* Insight keys: the repeat-complaint rate counts each customer once however long or alike the ids
 * (short ones, long ones that differ only at the end), through many customers, through
 * svcr_insight_add(), only inside the window, and across merges; states
 * keep their counts while their table grows between cases that name the same states. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

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

/* Add round @p round to @p insight in batches, one record at a time. */
static void add_round(svcr_insight *insight, unsigned round, bool many)
{
    static svcr_insight_record records[CUSTOMERS];
    static char ids[CUSTOMERS][48];
    size_t count = round_records(round, records, ids);
    for (size_t i = 0; i < count; i += BATCH) {
        size_t batch = count - i < BATCH ? count - i : BATCH, added = 0;
        (void)many;
        (void)added;
        for (size_t k = 0; k < batch; k++)
            assert_int_equal(svcr_insight_add(insight, &records[i + k]), SVCR_OK);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ids_are_distinct_and_varied),
        cmocka_unit_test(each_customer_counts_once),
        cmocka_unit_test(merged_parts_count_each_customer_once),
        cmocka_unit_test(states_count_right_while_the_table_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
