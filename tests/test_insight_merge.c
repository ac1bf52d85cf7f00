/* Insight merge: accumulators fed with parts of the data and merged give exactly what one pass
 * gives (JSON and CSV byte for byte); merge errors change nothing; allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "insight_data.h"
#include "support/test_alloc.h"
#include "support/read_all.h"

static const uint8_t expectations[2][22] = {
    {6, 6, 5, 5, 7, 7, 7, 6, 6, 6, 6, 6, 6, 6, 5, 6, 5, 5, 5, 5, 5, 5},
    {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
};
static const uint8_t perceptions[2][22] = {
    {5, 6, 5, 4, 5, 6, 6, 6, 5, 4, 5, 5, 6, 6, 5, 6, 6, 4, 5, 4, 5, 3},
    {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
};
static const uint8_t points[2][5] = {{10, 30, 25, 20, 15}, {20, 20, 20, 20, 20}};

/* A pseudo-random case, from its number: many states, causes, customers, times. */
static svcr_status add_generated_case(svcr_insight *insight, uint64_t n)
{
    static const char *const states[] = {"identify", "apologize", "listen", "fix", "atone", "follow_up", "closed"};
    static const char *const causes[] = {"late", "damaged", "billing", "rude", "wrong item", "lost", "double charge"};
    uint64_t x = n * 0x9E3779B97F4A7C15u;
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9u;
    x ^= x >> 32;
    char customer[32];
    snprintf(customer, sizeof customer, "C-%llu", (unsigned long long)(x % 97));
    svcr_insight_timer timers[2] = {{sizeof(svcr_insight_timer), "first_response", (svcr_insight_flag)(x >> 7 & 3 ? 1 + (x >> 9 & 1) : 0)},
                                    {sizeof(svcr_insight_timer), "resolution", (svcr_insight_flag)(x >> 11 & 1 ? 2 : 1)}};
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.state = states[x % 7];
    r.opened_at = (int64_t)(x >> 13 & 0xFFFF);
    r.first_response_seconds = x >> 5 & 7 ? (int64_t)(x >> 17 & 0xFFFFF) : -1;
    r.resolution_seconds = x >> 23 & 3 ? (int64_t)(x >> 27 & 0x3FFFFF) : -1;
    r.follow_up = (svcr_insight_follow_up)((x >> 37) % 3);
    r.closed = x >> 39 & 1;
    r.reopen_count = (uint32_t)(x >> 40 & 3) == 3;
    r.customer = x >> 42 & 7 ? customer : NULL;
    r.root_cause = x >> 45 & 3 ? causes[(x >> 47) % 7 * ((x >> 50) % 3) % 7] : NULL;
    r.severity = (svcr_insight_severity)((x >> 52) % 3);
    r.has_satisfaction = x >> 54 & 1;
    r.satisfaction = (int32_t)((x >> 55) % 11);
    r.solicited = (svcr_insight_flag)((x >> 59) % 3);
    const svcr_insight_timer *pointers[2] = {&timers[0], &timers[1]};
    r.timers = pointers;
    r.timer_count = 2;
    return svcr_insight_add(insight, &r);
}

static svcr_insight *make(void)
{
    svcr_insight_options options = sample_options();
    svcr_insight *insight;
    assert_int_equal(svcr_insight_new(&options, &insight), SVCR_OK);
    return insight;
}

/* JSON and both CSV tables, concatenated, to compare accumulators. */
static char *everything(const svcr_insight *insight)
{
    char *json, *pareto, *causes;
    assert_int_equal(svcr_insight_encode(insight, &json), SVCR_OK);
    assert_int_equal(svcr_insight_pareto_csv(insight, &pareto), SVCR_OK);
    assert_int_equal(svcr_insight_causes_csv(insight, &causes), SVCR_OK);
    size_t length = strlen(json) + strlen(pareto) + strlen(causes) + 1;
    char *all = test_malloc(length);
    snprintf(all, length, "%s%s%s", json, pareto, causes);
    svcr_free(json);
    svcr_free(pareto);
    free(causes);
    return all;
}

static void merge_equals_one_pass_on_the_sample(void **state)
{
    (void)state;
    svcr_insight *single = make();
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(add_sample_case(single, &sample_cases[i]), SVCR_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(svcr_insight_add_baseline(single, sample_baseline[i]), SVCR_OK);
    for (int k = 0; k < 2; k++)
        assert_int_equal(svcr_insight_add_servqual(single, expectations[k], perceptions[k], points[k]), SVCR_OK);
    assert_int_equal(set_sample_owners(single), SVCR_OK);

    /* three parts: cases 0-2 (with the owners), 3-6 (baseline, one respondent), 7-9 (the other) */
    svcr_insight *parts[3] = {make(), make(), make()};
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(add_sample_case(parts[i < 3 ? 0 : i < 7 ? 1 : 2], &sample_cases[i]), SVCR_OK);
    assert_int_equal(set_sample_owners(parts[0]), SVCR_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(svcr_insight_add_baseline(parts[1], sample_baseline[i]), SVCR_OK);
    assert_int_equal(svcr_insight_add_servqual(parts[1], expectations[0], perceptions[0], points[0]), SVCR_OK);
    assert_int_equal(svcr_insight_add_servqual(parts[2], expectations[1], perceptions[1], points[1]), SVCR_OK);

    /* merged in a different order than added: (2 + 0) + 1 */
    assert_int_equal(svcr_insight_merge(parts[2], parts[0]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[2], parts[1]), SVCR_OK);
    char *a = everything(single), *b = everything(parts[2]);
    assert_string_equal(a, b);
    test_free(a);
    test_free(b);
    /* the part merged from is unchanged */
    assert_int_equal(svcr_insight_case_count(parts[0]), 3);
    for (int i = 0; i < 3; i++)
        svcr_insight_free(parts[i]);
    svcr_insight_free(single);
}

/* 5000 generated cases: one pass against 7 accumulators fed round-robin, merged as a tree. */
static void merge_equals_one_pass_on_generated_cases(void **state)
{
    (void)state;
    enum { CASES = 5000, PARTS = 7 };
    svcr_insight *single = make(), *parts[PARTS];
    for (int p = 0; p < PARTS; p++)
        parts[p] = make();
    for (uint64_t n = 0; n < CASES; n++) {
        assert_int_equal(add_generated_case(single, n), SVCR_OK);
        assert_int_equal(add_generated_case(parts[n % PARTS], n), SVCR_OK);
    }
    assert_int_equal(svcr_insight_merge(parts[0], parts[1]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[2], parts[3]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[4], parts[5]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[4], parts[6]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[2], parts[4]), SVCR_OK);
    assert_int_equal(svcr_insight_merge(parts[0], parts[2]), SVCR_OK);
    char *a = everything(single), *b = everything(parts[0]);
    assert_string_equal(a, b);
    assert_int_equal(svcr_insight_case_count(parts[0]), CASES);
    test_free(a);
    test_free(b);
    for (int p = 0; p < PARTS; p++)
        svcr_insight_free(parts[p]);
    svcr_insight_free(single);
}

/* Merged into an empty accumulator, the times keep their minimum and maximum (an empty one has
 * no minimum of its own, not 0). */
static void merge_into_an_empty_accumulator_keeps_the_extremes(void **state)
{
    (void)state;
    svcr_insight *into = make(), *from = make();
    static const int64_t times[] = {9, 5, 300};
    for (size_t i = 0; i < 3; i++) {
        svcr_insight_record r;
        svcr_insight_record_init(&r, sizeof r);
        r.state = "open";
        r.first_response_seconds = times[i];
        assert_int_equal(svcr_insight_add(from, &r), SVCR_OK);
    }
    assert_int_equal(svcr_insight_merge(into, from), SVCR_OK);
    svcr_insight_time_stats t = {.size = sizeof t};
    assert_int_equal(svcr_insight_times(into, SVCR_INSIGHT_TIME_FIRST_RESPONSE, &t), SVCR_OK);
    assert_int_equal(t.count, 3);
    assert_int_equal(t.min, 5);
    assert_int_equal(t.max, 300);
    svcr_insight_free(into);
    svcr_insight_free(from);
}

static void merge_errors_change_nothing(void **state)
{
    (void)state;
    svcr_insight *a = make(), *b = make(), *other;
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(add_sample_case(a, &sample_cases[i]), SVCR_OK);
    assert_int_equal(add_sample_case(b, &sample_cases[0]), SVCR_OK);
    char *before = everything(a);
    assert_int_equal(svcr_insight_merge(NULL, b), SVCR_EINVAL);
    assert_int_equal(svcr_insight_merge(a, NULL), SVCR_EINVAL);
    assert_int_equal(svcr_insight_merge(a, a), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "into itself"));

    svcr_insight_options options = sample_options();
    options.quick_resolution_seconds = 3600;
    assert_int_equal(svcr_insight_new(&options, &other), SVCR_OK);
    assert_int_equal(svcr_insight_merge(a, other), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "different options"));
    svcr_insight_free(other);
    options = sample_options();
    options.customer_fact = "client";
    assert_int_equal(svcr_insight_new(&options, &other), SVCR_OK);
    assert_int_equal(svcr_insight_merge(a, other), SVCR_EINVAL);
    svcr_insight_free(other);

    /* a merge whose sums would overflow */
    other = make();
    svcr_insight_record r;
    svcr_insight_record_init(&r, sizeof r);
    r.first_response_seconds = INT64_MAX;
    assert_int_equal(svcr_insight_add(other, &r), SVCR_OK);
    assert_int_equal(svcr_insight_merge(a, other), SVCR_EOVERFLOW);
    svcr_insight_free(other);

    char *after = everything(a);
    assert_string_equal(before, after);
    test_free(before);
    test_free(after);
    svcr_insight_free(a);
    svcr_insight_free(b);
}

static svcr_status merge_parts(void *unused)
{
    (void)unused;
    svcr_insight_options options = sample_options();
    svcr_insight *a = NULL, *b = NULL;
    svcr_status status = svcr_insight_new(&options, &a);
    if (status == SVCR_OK)
        status = svcr_insight_new(&options, &b);
    for (size_t i = 0; status == SVCR_OK && i < 10; i++)
        status = add_sample_case(i < 4 ? a : b, &sample_cases[i]);
    if (status == SVCR_OK)
        status = set_sample_owners(b);
    if (status == SVCR_OK)
        status = svcr_insight_add_servqual(b, expectations[0], perceptions[0], points[0]);
    if (status == SVCR_OK)
        status = svcr_insight_merge(a, b);
    svcr_insight_free(a);
    svcr_insight_free(b);
    return status;
}

static void merge_survives_every_allocation_failure(void **state)
{
    (void)state;
    long points_exercised = test_alloc_exhaust(merge_parts, NULL);
    print_message("insight merge: 2 accumulators + 10 cases + owners + merge: %ld allocation points\n",
                  points_exercised);
    assert_true(points_exercised > 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merge_equals_one_pass_on_the_sample),
        cmocka_unit_test(merge_equals_one_pass_on_generated_cases),
        cmocka_unit_test(merge_into_an_empty_accumulator_keeps_the_extremes),
        cmocka_unit_test(merge_errors_change_nothing),
        cmocka_unit_test(merge_survives_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
