/* The built-in tables: severity-value is monotone in severity and in tier (never a smaller
 * atonement for a bigger problem or a more valued customer), and so are its approval levels;
 * hotel-stay evaluates as documented; lookup by name and text. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

static const char *const tiers[] = {"basic", "silver", "gold", "platinum"};
static const char *const kind_order[] = {"apology_only", "voucher", "credit", "partial_refund", "refund"};

static int kind_rank(const char *kind)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(kind, kind_order[i]) == 0)
            return i;
    fail_msg("unexpected kind %s", kind);
    return -1;
}

typedef struct size {
    int64_t total;   /* the sum of the amounts, minor units */
    int best_kind;   /* the highest kind offered */
    int approval;    /* the highest approval level needed */
} size;

static size atonement(svcr_table *table, svcr_table_facts *facts, svcr_table_result *result, svcr_authority *authority,
                      int severity, const char *tier)
{
    assert_int_equal(svcr_table_facts_set_integer(facts, "severity", severity), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_string(facts, "tier", tier), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_money(facts, "price", (svcr_money){20000, "EUR"}), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_true(svcr_table_result_offer_count(result) >= 1);
    size s = {0, 0, 0};
    for (size_t i = 0; i < svcr_table_result_offer_count(result); i++) {
        const svcr_table_offer *offer = svcr_table_result_offer(result, i);
        if (offer->has_amount)
            s.total += offer->amount.amount_minor;
        int rank = kind_rank(offer->kind);
        s.best_kind = rank > s.best_kind ? rank : s.best_kind;
    }
    static const char *const levels[] = {"agent", "supervisor", "manager"};
    for (int level = 0; level < 3; level++) {
        svcr_approval approval = {.size = sizeof approval};
        assert_int_equal(svcr_authority_check_result(authority, levels[level], result, &approval), SVCR_OK);
        if (approval.allowed) {
            s.approval = level;
            break;
        }
    }
    return s;
}

static void severity_value_is_monotone_in_both_inputs(void **state)
{
    (void)state;
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
    svcr_authority *authority;
    assert_int_equal(svcr_table_builtin("severity-value", &table), SVCR_OK);
    assert_string_equal(svcr_table_name(table), "severity-value");
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    assert_int_equal(svcr_authority_new(NULL, 0, &authority), SVCR_OK);
    size grid[6][4];
    for (int severity = 1; severity <= 5; severity++)
        for (int tier = 0; tier < 4; tier++)
            grid[severity][tier] = atonement(table, facts, result, authority, severity, tiers[tier]);
    for (int severity = 1; severity <= 5; severity++)
        for (int tier = 0; tier < 4; tier++) {
            size here = grid[severity][tier];
            const size *next[2] = {severity < 5 ? &grid[severity + 1][tier] : NULL,
                                   tier < 3 ? &grid[severity][tier + 1] : NULL};
            for (int k = 0; k < 2; k++)
                if (next[k] != NULL && (next[k]->total < here.total || next[k]->best_kind < here.best_kind ||
                                        next[k]->approval < here.approval))
                    fail_msg("not monotone at severity %d, tier %s (%s)", severity, tiers[tier],
                             k ? "tier up" : "severity up");
        }
    /* The ends of the scale. */
    assert_int_equal(grid[1][0].total, 0);
    assert_int_equal(grid[1][0].best_kind, 0);
    assert_int_equal(grid[5][3].total, 25000); /* full refund plus 25% credit */
    assert_int_equal(grid[5][3].approval, 2);
    /* Out of the scale: no rule. */
    assert_int_equal(svcr_table_facts_set_integer(facts, "severity", 6), SVCR_OK);
    assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
    assert_int_equal(svcr_table_result_offer_count(result), 0);
    svcr_authority_free(authority);
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

static void hotel_stay(void **state)
{
    (void)state;
    svcr_table *table;
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_builtin("hotel-stay", &table), SVCR_OK);
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    static const struct {
        const char *json;
        const char *rule;
        int64_t amount;
    } cases[] = {
        {"{\"issue\": \"overbooked\", \"nightly_rate\": {\"amount_minor\": 18000, \"currency\": \"EUR\"}}", "walked", 18000},
        {"{\"issue\": \"room_not_ready\", \"unresolved\": \"PT2H\"}", "not-ready-long", 3000},
        {"{\"issue\": \"room_not_ready\", \"unresolved\": \"PT5H30M\"}", "not-ready-long", 8250},
        {"{\"issue\": \"room_not_ready\", \"unresolved\": \"PT20H\"}", "not-ready-long", 15000},
        {"{\"issue\": \"room_not_ready\", \"unresolved\": \"PT1H\", \"loyalty\": \"gold\"}", "not-ready-short", -1},
        {"{\"issue\": \"room_not_ready\", \"unresolved\": \"PT1H\"}", "not-ready-brief", 1500},
        {"{\"issue\": \"cleanliness\", \"unresolved\": \"PT5H\", \"nightly_rate\": {\"amount_minor\": 50000, \"currency\": \"EUR\"}}", "dirty-long", 20000},
        {"{\"issue\": \"amenity_broken\", \"unresolved\": \"PT1H\", \"nights\": 3}", "broken-stay", 3000},
        {"{\"issue\": \"noise\", \"loyalty\": \"platinum\", \"nightly_rate\": {\"amount_minor\": 12345, \"currency\": \"EUR\"}}", "noise-valued", 2469},
        {"{\"issue\": \"billing_error\"}", "billing", 2000},
        {"{\"issue\": \"noise\"}", "otherwise", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        svcr_table_facts_clear(facts);
        assert_int_equal(svcr_table_facts_set_json(facts, cases[i].json, strlen(cases[i].json), 0), SVCR_OK);
        if (svcr_table_eval(table, facts, 0, result) != SVCR_OK)
            fail_msg("%s: %s", cases[i].json, svcr_error_message());
        const svcr_table_offer *offer = svcr_table_result_offer(result, 0);
        assert_non_null(offer);
        assert_string_equal(offer->rule, cases[i].rule);
        assert_int_equal(offer->has_amount, cases[i].amount >= 0);
        if (cases[i].amount >= 0)
            assert_int_equal(offer->amount.amount_minor, cases[i].amount);
    }
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

/* Many threads evaluate one shared table, each with its own facts and result. */
typedef struct worker {
    const svcr_table *table;
    int tier;
    int64_t total;
    int failures;
} worker;

static void *work(void *data)
{
    worker *w = data;
    svcr_table_facts *facts;
    svcr_table_result *result;
    if (svcr_table_facts_new(w->table, &facts) != SVCR_OK || svcr_table_result_new(w->table, &result) != SVCR_OK) {
        w->failures++;
        return NULL;
    }
    svcr_table_facts_set_string(facts, "tier", tiers[w->tier]);
    svcr_table_facts_set_money(facts, "price", (svcr_money){10000, "EUR"});
    for (int i = 0; i < 20000; i++) {
        svcr_table_facts_set_integer(facts, "severity", i % 5 + 1);
        if (svcr_table_eval(w->table, facts, 0, result) != SVCR_OK)
            w->failures++;
        for (size_t k = 0; k < svcr_table_result_offer_count(result); k++)
            if (svcr_table_result_offer(result, k)->has_amount)
                w->total += svcr_table_result_offer(result, k)->amount.amount_minor;
    }
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    return NULL;
}

static void threads_share_a_compiled_table(void **state)
{
    (void)state;
    svcr_table *table;
    assert_int_equal(svcr_table_builtin("severity-value", &table), SVCR_OK);
    worker workers[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        workers[i] = (worker){table, i, 0, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    /* Per 5 evaluations (severity 1..5) of a 100.00 EUR price: the sums of the grid's rows. */
    static const int64_t per_round[4] = {0 + 1000 + 2500 + 5000 + 10000, 0 + 1500 + 3000 + 6000 + 11000,
                                         1000 + 2000 + 4000 + 7500 + 12000, 1000 + 2500 + 5000 + 11000 + 12500};
    for (int i = 0; i < 4; i++) {
        assert_int_equal(workers[i].failures, 0);
        assert_int_equal(workers[i].total, per_round[i] * 4000);
    }
    svcr_table_free(table);
}

static void lookup_by_name(void **state)
{
    (void)state;
    const char *text = NULL;
    assert_int_equal(svcr_table_builtin_text("severity-value", &text), SVCR_OK);
    assert_non_null(strstr(text, "table severity-value"));
    svcr_table *table = NULL;
    assert_int_equal(svcr_table_builtin("nope", &table), SVCR_ENOTFOUND);
    assert_non_null(strstr(svcr_error_message(), "there are: hotel-stay, severity-value"));
    assert_null(table);
    assert_int_equal(svcr_table_builtin_text("nope", &text), SVCR_ENOTFOUND);
    assert_int_equal(svcr_table_builtin(NULL, &table), SVCR_EINVAL);
    assert_int_equal(svcr_table_builtin("hotel-stay", NULL), SVCR_EINVAL);
    assert_int_equal(svcr_table_builtin_text(NULL, &text), SVCR_EINVAL);
    assert_int_equal(svcr_table_builtin_text("hotel-stay", NULL), SVCR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(severity_value_is_monotone_in_both_inputs),
        cmocka_unit_test(hotel_stay),
        cmocka_unit_test(threads_share_a_compiled_table),
        cmocka_unit_test(lookup_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
