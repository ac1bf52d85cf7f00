/* What compiling a table precomputes gives what the general paths give: the offers and trace of
 * the compiled lookup against the linear scan, amounts against base's money functions. (The
 * random tables of test_atone_differential.c reach the lookup's other corners.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "atone/model.h"

static uint64_t lcg(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

static void computed_sources_have_their_currency_checked(void **state)
{
    (void)state;
    atone_input input = {.name = "total", .type = SVCR_TABLE_TYPE_MONEY, .computed = true};
    atone_table table = {.name = "t", .rounding = SVCR_ROUND_HALF_UP, .inputs = &input, .input_count = 1};
    atone_rule rule = {.name = "r", .amount = {.form = ATONE_AMOUNT_SCALED, .numerator = 1, .denominator = 2}};
    svcr__atone_amount_prepare(&table, &rule);
    assert_true(rule.amount.at_eval);
    atone_slot counted = {3000000, "", true}; /* a count, not money */
    svcr_money out;
    assert_int_equal(svcr__atone_amount_compute(&table, &rule, &counted, &out), SVCR_EINVAL);
    atone_slot money = {3000, "EUR", true};
    assert_int_equal(svcr__atone_amount_compute(&table, &rule, &money, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 1500);
}

/* ---- the compiled lookup, offers and trace against the linear scan ------------------------ */

static const char *const tiers[] = {"basic", "silver", "gold", "platinum", "unknown"};

static void random_row(uint64_t *seed, char *out, size_t size, int r)
{
    char c[5][80];
    int a = (int)(lcg(seed) % 6), b = a + (int)(lcg(seed) % 3);
    switch (lcg(seed) % 4) {
    case 0: snprintf(c[0], sizeof c[0], "-"); break;
    case 1: snprintf(c[0], sizeof c[0], "[%d..%d]", a, b); break;
    case 2: snprintf(c[0], sizeof c[0], "> %d, %d", b, a); break;
    default: snprintf(c[0], sizeof c[0], "(%d..%d)", a, b + 1); break;
    }
    switch (lcg(seed) % 3) {
    case 0: snprintf(c[1], sizeof c[1], "-"); break;
    case 1: snprintf(c[1], sizeof c[1], "\"%s\", \"%s\"", tiers[lcg(seed) % 4], tiers[lcg(seed) % 4]); break;
    default: snprintf(c[1], sizeof c[1], "not(\"%s\")", tiers[lcg(seed) % 4]); break;
    }
    int p = (int)(lcg(seed) % 50) * 10, q = p + 10 + (int)(lcg(seed) % 50) * 10;
    switch (lcg(seed) % 4) {
    case 0: snprintf(c[2], sizeof c[2], "-"); break;
    case 1: snprintf(c[2], sizeof c[2], "[%d.00 EUR..%d.00 EUR]", p, q); break;
    case 2: snprintf(c[2], sizeof c[2], "[%d.00 EUR..%d.00 EUR)", p, q); break;
    default: snprintf(c[2], sizeof c[2], "> %d.50 EUR", p); break;
    }
    switch (lcg(seed) % 3) {
    case 0: snprintf(c[3], sizeof c[3], "-"); break;
    case 1: snprintf(c[3], sizeof c[3], "[PT%dH..PT%dH]", a * 4, b * 4 + 1); break;
    default: snprintf(c[3], sizeof c[3], "<= PT%dM", (int)(lcg(seed) % 600)); break;
    }
    snprintf(c[4], sizeof c[4], "%s", lcg(seed) % 3 == 0 ? "-" : lcg(seed) % 2 ? "true" : "false");
    static const char *const amounts[] = {"-", "25.00 EUR", "35% of price", "12.5% of price cap 40.00 EUR",
                                          "0.10 EUR per hour of delay", "100% of price floor 5.00 EUR"};
    snprintf(out, size, "| r%d | %s | %s | %s | %s | %s || credit | %s |\n", r, c[0], c[1], c[2], c[3], c[4],
             amounts[lcg(seed) % 6]);
}

static void set_random_facts(uint64_t *seed, svcr_table_facts *facts)
{
    if (lcg(seed) % 10 == 0)
        assert_int_equal(svcr_table_facts_unset(facts, "severity"), SVCR_OK);
    else {
        char decimal[32];
        snprintf(decimal, sizeof decimal, "%d.%d", (int)(lcg(seed) % 10) - 1, (int)(lcg(seed) % 4) * 25);
        assert_int_equal(svcr_table_facts_set_decimal(facts, "severity", decimal), SVCR_OK);
    }
    assert_int_equal(svcr_table_facts_set_string(facts, "tier", tiers[lcg(seed) % 5]), SVCR_OK);
    int64_t cents = (int64_t)(lcg(seed) % 60000) - 500;
    if (lcg(seed) % 4 == 0)
        cents = (cents / 100) * 100 + (int64_t)(lcg(seed) % 3) - 1; /* at and next to a cut */
    assert_int_equal(svcr_table_facts_set_money(facts, "price", (svcr_money){cents, "EUR"}), SVCR_OK);
    int64_t seconds = (int64_t)(lcg(seed) % (40 * 3600));
    if (lcg(seed) % 3 == 0)
        seconds = (seconds / 3600) * 3600 + (int64_t)(lcg(seed) % 3) - 1;
    assert_int_equal(svcr_table_facts_set_duration(facts, "delay", seconds), SVCR_OK);
    assert_int_equal(svcr_table_facts_set_boolean(facts, "repeat", lcg(seed) % 2), SVCR_OK);
}

static void same_offers(const svcr_table_result *a, const svcr_table_result *b)
{
    assert_int_equal(svcr_table_result_offer_count(a), svcr_table_result_offer_count(b));
    for (size_t k = 0; k < svcr_table_result_offer_count(a); k++) {
        const svcr_table_offer *x = svcr_table_result_offer(a, k), *y = svcr_table_result_offer(b, k);
        assert_string_equal(x->rule, y->rule);
        assert_int_equal(x->has_amount, y->has_amount);
        assert_int_equal(x->amount.amount_minor, y->amount.amount_minor);
        assert_string_equal(x->amount.currency, y->amount.currency);
    }
    assert_null(svcr_table_result_offer(a, svcr_table_result_offer_count(a)));
}

static void lookup_offers_and_trace_agree_with_linear_scan(void **state)
{
    (void)state;
    static const char *const policies[] = {"collect", "rule-order", "first", "collect-sum", "collect-max"};
    uint64_t seed = 2026;
    for (size_t pol = 0; pol < sizeof policies / sizeof policies[0]; pol++) {
        static char text[1 << 16];
        size_t n = (size_t)snprintf(text, sizeof text,
                                    "table t\nhit-policy %s\nrounding half-even\n"
                                    "| rule | severity: number | tier: string | price: money | delay: duration | "
                                    "repeat: boolean || kind | amount |\n", policies[pol]);
        for (int r = 0; r < 90; r++)
            random_row(&seed, text + n, sizeof text - n, r), n += strlen(text + n);
        svcr_table *table;
        if (svcr_table_parse(text, n, &table) != SVCR_OK)
            fail_msg("%s", svcr_error_message());
        svcr_table_facts *facts;
        svcr_table_result *fast, *slow, *explained;
        assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
        assert_int_equal(svcr_table_result_new(table, &fast), SVCR_OK);
        assert_int_equal(svcr_table_result_new(table, &slow), SVCR_OK);
        assert_int_equal(svcr_table_result_new(table, &explained), SVCR_OK);
        for (int round = 0; round < 2000; round++) {
            set_random_facts(&seed, facts);
            svcr_status status = svcr_table_eval(table, facts, 0, fast);
            assert_int_equal(svcr__atone_eval_linear(table, facts, 0, slow), status);
            assert_int_equal(svcr_table_eval(table, facts, SVCR_TABLE_EVAL_EXPLAIN, explained), status);
            if (status != SVCR_OK) {
                assert_int_equal(status, SVCR_EGUARD); /* an amount on an unset value: none here */
                continue;
            }
            same_offers(fast, slow);
            same_offers(fast, explained);
            svcr_table_value total_fast = {.size = sizeof total_fast}, total_slow = {.size = sizeof total_slow};
            if (svcr_table_result_aggregate(fast, &total_fast) == SVCR_OK) {
                assert_int_equal(svcr_table_result_aggregate(slow, &total_slow), SVCR_OK);
                assert_int_equal(total_fast.type, total_slow.type);
                assert_int_equal(total_fast.money.amount_minor, total_slow.money.amount_minor);
            }
            /* Without explaining, the trace is the matched rules of the explained trace. */
            assert_int_equal(svcr_table_result_trace_count(fast), svcr_table_result_trace_count(slow));
            size_t k = 0;
            for (size_t e = 0; e < svcr_table_result_trace_count(explained); e++) {
                const svcr_table_trace_step *step = svcr_table_result_trace(explained, e);
                if (!step->matched)
                    continue;
                const svcr_table_trace_step *lazy = svcr_table_result_trace(fast, k++);
                assert_non_null(lazy);
                assert_string_equal(lazy->rule, step->rule);
                assert_string_equal(lazy->table, step->table);
                assert_int_equal(lazy->line, step->line);
                assert_true(lazy->matched);
                assert_null(lazy->input);
            }
            assert_int_equal(k, svcr_table_result_trace_count(fast));
            assert_null(svcr_table_result_trace(fast, k));
        }
        svcr_table_result_free(fast);
        svcr_table_result_free(slow);
        svcr_table_result_free(explained);
        svcr_table_facts_free(facts);
        svcr_table_free(table);
    }
}

/* Percentages and per-unit amounts are base's svcr_money_scale() of their input. */
static void percentages_are_money_scale(void **state)
{
    (void)state;
    static const char text_n[] = "table t\nhit-policy collect\nrounding half-even\n"
                                 "| price: money | n: number || kind | amount |\n"
                                 "| - | - || credit | 12.5% of price |\n"
                                 "| - | - || credit | 33.333333% of price |\n"
                                 "| - | - || credit | 0.10 EUR per n |\n";
    svcr_table *table;
    assert_int_equal(svcr_table_parse(text_n, sizeof text_n - 1, &table), SVCR_OK);
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    uint64_t seed = 99;
    for (int round = 0; round < 5000; round++) {
        int64_t cents = (int64_t)(lcg(&seed) % 2000000) - 1000000;
        int64_t n = (int64_t)(lcg(&seed) % 20000000) - 10000000;
        assert_int_equal(svcr_table_facts_set_money(facts, "price", (svcr_money){cents, "EUR"}), SVCR_OK);
        svcr_table_value v = {sizeof v, SVCR_TABLE_TYPE_NUMBER, n, NULL, {0, ""}};
        size_t slot;
        assert_int_equal(svcr_table_facts_find(facts, "n", &slot, NULL), SVCR_OK);
        assert_int_equal(svcr_table_facts_set_at(facts, slot, &v), SVCR_OK);
        assert_int_equal(svcr_table_eval(table, facts, 0, result), SVCR_OK);
        assert_int_equal(svcr_table_result_offer_count(result), 3);
        svcr_money want;
        assert_int_equal(svcr_money_scale((svcr_money){cents, "EUR"}, 12500000, 100000000, SVCR_ROUND_HALF_EVEN, &want), SVCR_OK);
        assert_int_equal(svcr_table_result_offer(result, 0)->amount.amount_minor, want.amount_minor);
        assert_int_equal(svcr_money_scale((svcr_money){cents, "EUR"}, 33333333, 100000000, SVCR_ROUND_HALF_EVEN, &want), SVCR_OK);
        assert_int_equal(svcr_table_result_offer(result, 1)->amount.amount_minor, want.amount_minor);
        assert_int_equal(svcr_money_scale((svcr_money){10, "EUR"}, n, SVCR_TABLE_NUMBER_SCALE, SVCR_ROUND_HALF_EVEN, &want), SVCR_OK);
        assert_int_equal(svcr_table_result_offer(result, 2)->amount.amount_minor, want.amount_minor);
    }
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(computed_sources_have_their_currency_checked),
        cmocka_unit_test(lookup_offers_and_trace_agree_with_linear_scan),
        cmocka_unit_test(percentages_are_money_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
