/* Offer amounts: fixed, percentage, per unit (numbers and durations), floor and cap, the
 * table's rounding, overflow, currency mismatch, a missing fact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>

/* Evaluate a one-rule table with inputs price (money), n (number), wait (duration). */
static svcr_status amount_of(const char *rounding, const char *amount, const char *facts_json, svcr_money *out)
{
    char text[1024];
    snprintf(text, sizeof text,
             "table t\nrounding %s\n| price: money | n: number | wait: duration || kind | amount |\n"
             "| - | - | - || credit | %s |\n", rounding, amount);
    svcr_table *table;
    if (svcr_table_parse(text, strlen(text), &table) != SVCR_OK)
        fail_msg("%s: %s", amount, svcr_error_message());
    svcr_table_facts *facts;
    svcr_table_result *result;
    assert_int_equal(svcr_table_facts_new(table, &facts), SVCR_OK);
    assert_int_equal(svcr_table_result_new(table, &result), SVCR_OK);
    if (svcr_table_facts_set_json(facts, facts_json, strlen(facts_json), 0) != SVCR_OK)
        fail_msg("%s", svcr_error_message());
    svcr_status status = svcr_table_eval(table, facts, 0, result);
    if (status == SVCR_OK) {
        assert_int_equal(svcr_table_result_offer_count(result), 1);
        assert_true(svcr_table_result_offer(result, 0)->has_amount);
        *out = svcr_table_result_offer(result, 0)->amount;
    }
    svcr_table_result_free(result);
    svcr_table_facts_free(facts);
    svcr_table_free(table);
    return status;
}

static void expect(const char *rounding, const char *amount, const char *facts, int64_t minor, const char *currency)
{
    svcr_money m;
    if (amount_of(rounding, amount, facts, &m) != SVCR_OK)
        fail_msg("%s: %s", amount, svcr_error_message());
    if (m.amount_minor != minor || strcmp(m.currency, currency) != 0)
        fail_msg("%s (%s) with %s: %lld %s", amount, rounding, facts, (long long)m.amount_minor, m.currency);
}

#define PRICE(minor, cur) "{\"price\": {\"amount_minor\": " #minor ", \"currency\": \"" cur "\"}, \"n\": 2.5, \"wait\": \"PT90M\"}"

static void fixed_percentage_and_per_unit(void **state)
{
    (void)state;
    expect("half-up", "25.00 EUR", "{}", 2500, "EUR");
    expect("half-up", "1500 JPY", "{}", 1500, "JPY");
    expect("half-up", "50% of price", PRICE(12000, "EUR"), 6000, "EUR");
    expect("half-up", "12.5% of price", PRICE(999, "USD"), 125, "USD"); /* 124.875 */
    expect("half-up", "100% of price", PRICE(5, "KWD"), 5, "KWD");
    expect("half-up", "4.00 EUR per n", PRICE(1, "EUR"), 1000, "EUR");       /* 2.5 x 4 */
    expect("half-up", "10.00 EUR per hour of wait", PRICE(1, "EUR"), 1500, "EUR"); /* 1.5 h */
    expect("half-up", "1.00 EUR per minute of wait", PRICE(1, "EUR"), 9000, "EUR");
    expect("half-up", "7.00 EUR per day of wait", PRICE(1, "EUR"), 44, "EUR");  /* 43.75 */
    expect("half-up", "70.00 EUR per week of wait", PRICE(1, "EUR"), 63, "EUR"); /* 62.5 */
}

static void rounding_is_the_tables(void **state)
{
    (void)state;
    /* 50% of 0.05 EUR = 2.5 cents */
    expect("half-up", "50% of price", PRICE(5, "EUR"), 3, "EUR");
    expect("half-even", "50% of price", PRICE(5, "EUR"), 2, "EUR");
    expect("half-down", "50% of price", PRICE(5, "EUR"), 2, "EUR");
    expect("down", "50% of price", PRICE(5, "EUR"), 2, "EUR");
    expect("up", "50% of price", PRICE(5, "EUR"), 3, "EUR");
    expect("floor", "50% of price", PRICE(-5, "EUR"), -3, "EUR");
    expect("ceiling", "50% of price", PRICE(-5, "EUR"), -2, "EUR");
}

static void floor_and_cap(void **state)
{
    (void)state;
    expect("half-up", "50% of price floor 20.00 EUR cap 200.00 EUR", PRICE(1000, "EUR"), 2000, "EUR");
    expect("half-up", "50% of price, floor 20.00 EUR, cap 200.00 EUR", PRICE(100000, "EUR"), 20000, "EUR");
    expect("half-up", "50% of price, cap 200.00 EUR", PRICE(30000, "EUR"), 15000, "EUR");
    expect("half-up", "10.00 EUR per hour of wait, floor 30.00 EUR", PRICE(1, "EUR"), 3000, "EUR");
    expect("half-up", "10.00 EUR per n cap 20.00 EUR", PRICE(1, "EUR"), 2000, "EUR");
}

static void overflow_mismatch_and_missing_facts(void **state)
{
    (void)state;
    svcr_money m = {7, "XXX"};
    assert_int_equal(amount_of("half-up", "200% of price", PRICE(9223372036854775807, "EUR"), &m), SVCR_EOVERFLOW);
    assert_non_null(strstr(svcr_error_message(), "table \"t\", rule \"1\": amount:"));
    assert_int_equal(amount_of("half-up", "92233720368547758.07 EUR per n", PRICE(1, "EUR"), &m), SVCR_EOVERFLOW);
    assert_int_equal(amount_of("half-up", "50% of price cap 10.00 EUR", PRICE(100000, "USD"), &m), SVCR_ECURRENCY);
    assert_non_null(strstr(svcr_error_message(), "currency mismatch"));
    assert_int_equal(amount_of("half-up", "50% of price", "{}", &m), SVCR_EGUARD);
    assert_non_null(strstr(svcr_error_message(), "needs fact \"price\", which is not set"));
    assert_int_equal(amount_of("half-up", "1.00 EUR per hour of wait", "{}", &m), SVCR_EGUARD);
    assert_int_equal(m.amount_minor, 7); /* untouched */
}

static void bad_amounts(const char *amount, svcr_status want, int column, const char *message)
{
    char text[1024];
    snprintf(text, sizeof text,
             "table t\n| price: money | n: number | wait: duration || kind | amount |\n| - | - | - || credit | %s |\n",
             amount);
    svcr_table *table = NULL;
    svcr_status status = svcr_table_parse(text, strlen(text), &table);
    if (status != want || svcr_error_line() != 3 || svcr_error_column() != column ||
        !strstr(svcr_error_message(), message))
        fail_msg("%s: %s %d:%d %s", amount, svcr_status_name(status), svcr_error_line(), svcr_error_column(),
                 svcr_error_message());
    assert_null(table);
}

static void malformed_amounts(void **state)
{
    (void)state;
    /* The amount cell starts at column 25. */
    bad_amounts("25", SVCR_EPARSE, 25, "expected an amount and a currency");
    bad_amounts("1.001 EUR", SVCR_EPARSE, 25, "more decimals");
    bad_amounts("50% price", SVCR_EPARSE, 29, "expected `of INPUT`");
    bad_amounts("50% of cost", SVCR_EPARSE, 32, "no input column \"cost\"");
    bad_amounts("50% of n", SVCR_EPARSE, 32, "input \"n\" is number, this needs money");
    bad_amounts("1.00 EUR per price", SVCR_EPARSE, 38, "input \"price\" is money, this needs number");
    bad_amounts("1.00 EUR per hour of n", SVCR_EPARSE, 46, "input \"n\" is number, this needs duration");
    bad_amounts("1.00 EUR cap 5.00 USD", SVCR_ECURRENCY, 25, "cap USD in an amount of EUR");
    bad_amounts("50% of price floor 1.00 EUR cap 5.00 USD", SVCR_ECURRENCY, 25, "cap USD");
    bad_amounts("1.00 EUR floor 5.00 EUR cap 2.00 EUR", SVCR_EPARSE, 25, "the floor is above the cap");
    bad_amounts("1.00 EUR floor 1.00 EUR floor 2.00 EUR", SVCR_EPARSE, 49, "a second floor");
    bad_amounts("1.00 EUR cap 1.00 EUR cap 2.00 EUR", SVCR_EPARSE, 47, "a second cap");
    bad_amounts("1.00 EUR maybe", SVCR_EPARSE, 34, "expected floor AMOUNT, cap AMOUNT");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fixed_percentage_and_per_unit),
        cmocka_unit_test(rounding_is_the_tables),
        cmocka_unit_test(floor_and_cap),
        cmocka_unit_test(overflow_mismatch_and_missing_facts),
        cmocka_unit_test(malformed_amounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
