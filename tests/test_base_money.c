/* Money: construction, overflow-checked arithmetic, explicit rounding, parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <svcrecover.h>
#include "base/currency.h"

/* Compare field by field: the struct has padding bytes that memcmp would read. */
#define assert_money_equal(a, b)                                                                   \
    do {                                                                                           \
        assert_int_equal((a).amount_minor, (b).amount_minor);                                      \
        assert_string_equal((a).currency, (b).currency);                                           \
    } while (0)

static svcr_money eur(int64_t minor)
{
    svcr_money m;
    assert_int_equal(svcr_money_make(minor, "EUR", &m), SVCR_OK);
    return m;
}

static void make_checks_the_code(void **state)
{
    (void)state;
    svcr_money m = {7, "XXX"};
    assert_int_equal(svcr_money_make(1250, "EUR", &m), SVCR_OK);
    assert_int_equal(m.amount_minor, 1250);
    assert_string_equal(m.currency, "EUR");
    svcr_money untouched = m;
    assert_int_equal(svcr_money_make(1, "eur", &m), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"eur\""));
    assert_int_equal(svcr_money_make(1, "EURO", &m), SVCR_EINVAL);
    assert_int_equal(svcr_money_make(1, "EU", &m), SVCR_EINVAL);
    assert_int_equal(svcr_money_make(1, NULL, &m), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "currency"));
    assert_int_equal(svcr_money_make(1, "EUR", NULL), SVCR_EINVAL);
    assert_money_equal(m, untouched);
}

/* The table's own lookup takes exactly three letters: a known code with more after it is not
 * that code (the public calls check the form first; the lookup must not rely on it). */
static void currency_lookup_takes_exactly_three_letters(void **state)
{
    (void)state;
    assert_int_equal(svcr__currency_digits("JPY"), 0);
    assert_int_equal(svcr__currency_digits("BHD"), 3);
    assert_int_equal(svcr__currency_digits("JPYX"), -1);
    assert_int_equal(svcr__currency_digits("EURO"), -1);
    assert_int_equal(svcr__currency_digits("EU"), -1);
    assert_int_equal(svcr__currency_digits(""), -1);
}

static void add_subtract_multiply_check_overflow_and_currency(void **state)
{
    (void)state;
    svcr_money out = {0, "EUR"};
    assert_int_equal(svcr_money_add(eur(1000), eur(250), &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 1250);
    assert_int_equal(svcr_money_subtract(eur(1000), eur(2500), &out), SVCR_OK);
    assert_int_equal(out.amount_minor, -1500);
    assert_int_equal(svcr_money_multiply(eur(1500), 3, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 4500);

    svcr_money before = out;
    assert_int_equal(svcr_money_add(eur(INT64_MAX), eur(1), &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_subtract(eur(INT64_MIN), eur(1), &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_multiply(eur(INT64_MAX / 2 + 1), 2, &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_multiply(eur(INT64_MIN), -1, &out), SVCR_EOVERFLOW);
    assert_money_equal(out, before);

    svcr_money usd;
    svcr_money_make(100, "USD", &usd);
    assert_int_equal(svcr_money_add(eur(100), usd, &out), SVCR_ECURRENCY);
    assert_non_null(strstr(svcr_error_message(), "EUR and USD"));
    assert_int_equal(svcr_money_subtract(eur(100), usd, &out), SVCR_ECURRENCY);
    assert_int_equal(svcr_money_add(eur(1), eur(1), NULL), SVCR_EINVAL);
    svcr_money bad = {1, "e1x"};
    assert_int_equal(svcr_money_add(bad, bad, &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_multiply(bad, 2, &out), SVCR_EINVAL);
    assert_money_equal(out, before);
}

static int64_t scaled(int64_t amount, int64_t num, int64_t den, svcr_rounding mode)
{
    svcr_money out;
    assert_int_equal(svcr_money_scale(eur(amount), num, den, mode, &out), SVCR_OK);
    return out.amount_minor;
}

static void every_rounding_mode_on_ties_and_non_ties(void **state)
{
    (void)state;
    /* 25 / 10 = 2.5 ; -25 / 10 = -2.5 ; 35 / 10 = 3.5 ; 26 / 10 = 2.6 */
    assert_int_equal(scaled(25, 1, 10, SVCR_ROUND_HALF_EVEN), 2);
    assert_int_equal(scaled(35, 1, 10, SVCR_ROUND_HALF_EVEN), 4);
    assert_int_equal(scaled(-25, 1, 10, SVCR_ROUND_HALF_EVEN), -2);
    assert_int_equal(scaled(25, 1, 10, SVCR_ROUND_HALF_UP), 3);
    assert_int_equal(scaled(-25, 1, 10, SVCR_ROUND_HALF_UP), -3);
    assert_int_equal(scaled(25, 1, 10, SVCR_ROUND_HALF_DOWN), 2);
    assert_int_equal(scaled(26, 1, 10, SVCR_ROUND_HALF_DOWN), 3);
    assert_int_equal(scaled(21, 1, 10, SVCR_ROUND_UP), 3);
    assert_int_equal(scaled(-21, 1, 10, SVCR_ROUND_UP), -3);
    assert_int_equal(scaled(29, 1, 10, SVCR_ROUND_DOWN), 2);
    assert_int_equal(scaled(-29, 1, 10, SVCR_ROUND_DOWN), -2);
    assert_int_equal(scaled(21, 1, 10, SVCR_ROUND_CEILING), 3);
    assert_int_equal(scaled(-29, 1, 10, SVCR_ROUND_CEILING), -2);
    assert_int_equal(scaled(29, 1, 10, SVCR_ROUND_FLOOR), 2);
    assert_int_equal(scaled(-21, 1, 10, SVCR_ROUND_FLOOR), -3);
    /* A negative denominator flips the sign; exact results are not rounded. */
    assert_int_equal(scaled(30, 1, -10, SVCR_ROUND_UP), -3);
    assert_int_equal(scaled(1000, 3, 4, SVCR_ROUND_UP), 750);
}

static void percentage_uses_basis_points_exactly(void **state)
{
    (void)state;
    svcr_money out;
    /* 50% of EUR 120.00 */
    assert_int_equal(svcr_money_scale(eur(12000), 5000, 10000, SVCR_ROUND_HALF_EVEN, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 6000);
    /* 33.33% of EUR 0.10 = 3.333 cents */
    assert_int_equal(svcr_money_scale(eur(10), 3333, 10000, SVCR_ROUND_UP, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 4);
    /* A huge amount times a big percentage still computes exactly in 128 bits, then overflows. */
    assert_int_equal(svcr_money_scale(eur(INT64_MAX), 20000, 10000, SVCR_ROUND_DOWN, &out),
                     SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_scale(eur(INT64_MAX), 5000, 10000, SVCR_ROUND_DOWN, &out), SVCR_OK);
    assert_int_equal(out.amount_minor, INT64_MAX / 2);
    assert_int_equal(svcr_money_scale(eur(1), 1, 0, SVCR_ROUND_UP, &out), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "denominator"));
    assert_int_equal(svcr_money_scale(eur(1), 1, 2, (svcr_rounding)42, &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_scale(eur(1), 1, 2, SVCR_ROUND_UP, NULL), SVCR_EINVAL);
}

/* An independent oracle for rounding: from the exact floor and ceiling of the quotient, pick
 * by the definition of each mode. */
__extension__ typedef __int128 wide;

static wide floor_div(wide n, wide d)
{
    wide q = n / d;
    if ((n % d != 0) && ((n < 0) != (d < 0)))
        q--;
    return q;
}

static wide oracle(wide n, wide d, svcr_rounding mode)
{
    wide lo = floor_div(n, d), hi = lo + (n % d != 0);
    if (lo == hi)
        return lo;
    /* Distance from lo, as a fraction r = (n - lo*d)/d in (0,1): compare 2r with 1. */
    wide twice = 2 * (n - lo * d), whole = d;
    if (d < 0) {
        twice = -twice;
        whole = -whole;
    }
    int half = twice > whole ? 1 : twice == whole ? 0 : -1;
    int positive = lo >= 0; /* the exact value lies in (lo, hi): positive iff lo >= 0 */
    switch (mode) {
    case SVCR_ROUND_CEILING: return hi;
    case SVCR_ROUND_FLOOR: return lo;
    case SVCR_ROUND_UP: return positive ? hi : lo;
    case SVCR_ROUND_DOWN: return positive ? lo : hi;
    case SVCR_ROUND_HALF_UP: return half > 0 ? hi : half < 0 ? lo : (positive ? hi : lo);
    case SVCR_ROUND_HALF_DOWN: return half > 0 ? hi : half < 0 ? lo : (positive ? lo : hi);
    default: return half > 0 ? hi : half < 0 ? lo : (lo % 2 == 0 ? lo : hi);
    }
}

/* Small products and huge ones (beyond 64 bits, down to INT64_MIN) agree with the oracle on
 * every mode and sign. */
static void rounding_matches_an_independent_oracle(void **state)
{
    (void)state;
    const svcr_rounding modes[] = {SVCR_ROUND_HALF_EVEN, SVCR_ROUND_HALF_UP, SVCR_ROUND_HALF_DOWN,
                                   SVCR_ROUND_UP,        SVCR_ROUND_DOWN,    SVCR_ROUND_CEILING,
                                   SVCR_ROUND_FLOOR};
    const int64_t amounts[] = {0, 1, -1, 5, -5, 15, -15, 25, 999, -1001, 12345,
                               INT64_MAX / 3, INT64_MIN / 5, INT64_MAX, INT64_MIN};
    const int64_t numerators[] = {-3, -1, 0, 1, 2, 3, 7, 5000, 1000003, INT64_MIN};
    const int64_t denominators[] = {1, 2, 3, -2, 7, 10, 10000, 2000006, INT64_MAX, INT64_MIN, -1};
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++)
        for (size_t a = 0; a < sizeof amounts / sizeof amounts[0]; a++)
            for (size_t n = 0; n < sizeof numerators / sizeof numerators[0]; n++)
                for (size_t d = 0; d < sizeof denominators / sizeof denominators[0]; d++) {
                    wide expected = oracle((wide)amounts[a] * numerators[n], denominators[d], modes[m]);
                    svcr_money out = {0, "EUR"};
                    svcr_status status = svcr_money_scale(eur(amounts[a]), numerators[n], denominators[d],
                                                          modes[m], &out);
                    if (expected > INT64_MAX || expected < INT64_MIN) {
                        assert_int_equal(status, SVCR_EOVERFLOW);
                        continue;
                    }
                    assert_int_equal(status, SVCR_OK);
                    if (out.amount_minor != (int64_t)expected)
                        fail_msg("%lld * %lld / %lld mode %d: got %lld, expected %lld",
                                 (long long)amounts[a], (long long)numerators[n],
                                 (long long)denominators[d], (int)modes[m], (long long)out.amount_minor,
                                 (long long)expected);
                }
}

static void compare_orders_same_currency_only(void **state)
{
    (void)state;
    int order = 99;
    assert_int_equal(svcr_money_compare(eur(5), eur(7), &order), SVCR_OK);
    assert_int_equal(order, -1);
    assert_int_equal(svcr_money_compare(eur(7), eur(7), &order), SVCR_OK);
    assert_int_equal(order, 0);
    assert_int_equal(svcr_money_compare(eur(8), eur(7), &order), SVCR_OK);
    assert_int_equal(order, 1);
    svcr_money gbp;
    svcr_money_make(7, "GBP", &gbp);
    order = 99;
    assert_int_equal(svcr_money_compare(eur(7), gbp, &order), SVCR_ECURRENCY);
    assert_int_equal(order, 99);
    assert_int_equal(svcr_money_compare(eur(7), eur(7), NULL), SVCR_EINVAL);
}

static void minor_digits_follow_iso_4217(void **state)
{
    (void)state;
    assert_int_equal(svcr_currency_minor_digits("EUR"), 2);
    assert_int_equal(svcr_currency_minor_digits("JPY"), 0);
    assert_int_equal(svcr_currency_minor_digits("KWD"), 3);
    assert_int_equal(svcr_currency_minor_digits("CLF"), 4);
    assert_int_equal(svcr_currency_minor_digits("ZZZ"), -1); /* three letters, not a currency */
    assert_int_equal(svcr_error_status(), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "\"ZZZ\" is not an ISO 4217 currency code"));
    assert_int_equal(svcr_currency_minor_digits("XTS"), -1); /* the test code has no minor unit */
    assert_int_equal(svcr_currency_minor_digits("HRK"), -1); /* withdrawn in 2023 */
    assert_int_equal(svcr_currency_minor_digits("AED"), 2);  /* the first and last of the table */
    assert_int_equal(svcr_currency_minor_digits("ZWG"), 2);
    assert_int_equal(svcr_currency_minor_digits("UYW"), 4);
    assert_int_equal(svcr_currency_minor_digits("zz"), -1);
    assert_int_equal(svcr_error_status(), SVCR_EINVAL);
    assert_int_equal(svcr_currency_minor_digits(NULL), -1);
}

static void parse_decimal_is_exact(void **state)
{
    (void)state;
    svcr_money out = {0, "EUR"};
    assert_int_equal(svcr_money_parse_decimal("12.5", "EUR", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 1250);
    assert_int_equal(svcr_money_parse_decimal("-0.07", "EUR", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, -7);
    assert_int_equal(svcr_money_parse_decimal("1500", "JPY", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 1500);
    assert_string_equal(out.currency, "JPY");
    assert_int_equal(svcr_money_parse_decimal("1.234", "KWD", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 1234);
    assert_int_equal(svcr_money_parse_decimal(".5", "EUR", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, 50);

    svcr_money before = out;
    assert_int_equal(svcr_money_parse_decimal("1.005", "EUR", &out), SVCR_EINVAL);
    assert_non_null(strstr(svcr_error_message(), "more decimals"));
    assert_int_equal(svcr_money_parse_decimal("1.5", "JPY", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("12,50", "EUR", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("", "EUR", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("-", "EUR", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("abc", "EUR", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("99999999999999999999", "EUR", &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_parse_decimal("92233720368547758.08", "EUR", &out), SVCR_EOVERFLOW);
    assert_int_equal(svcr_money_parse_decimal("1", "Eur", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal(NULL, "EUR", &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("1", NULL, &out), SVCR_EINVAL);
    assert_int_equal(svcr_money_parse_decimal("1", "EUR", NULL), SVCR_EINVAL);
    assert_money_equal(out, before);
    assert_int_equal(svcr_money_parse_decimal("92233720368547758.07", "EUR", &out), SVCR_OK);
    assert_int_equal(out.amount_minor, INT64_MAX);
}

static void format_writes_major_units(void **state)
{
    (void)state;
    char buf[SVCR_MONEY_FORMAT_SIZE];
    assert_int_equal(svcr_money_format(eur(1250), buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "12.50 EUR");
    assert_int_equal(svcr_money_format(eur(-7), buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "-0.07 EUR");
    assert_int_equal(svcr_money_format(eur(INT64_MIN), buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "-92233720368547758.08 EUR");
    svcr_money yen;
    svcr_money_make(1500, "JPY", &yen);
    assert_int_equal(svcr_money_format(yen, buf, sizeof buf), SVCR_OK);
    assert_string_equal(buf, "1500 JPY");
    char small[6];
    assert_int_equal(svcr_money_format(eur(1250), small, sizeof small), SVCR_EINVAL);
    assert_string_equal(small, "");
    assert_int_equal(svcr_money_format(eur(1), NULL, 8), SVCR_EINVAL);
    svcr_money bad = {1, "12A"};
    assert_int_equal(svcr_money_format(bad, buf, sizeof buf), SVCR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(make_checks_the_code),
        cmocka_unit_test(currency_lookup_takes_exactly_three_letters),
        cmocka_unit_test(add_subtract_multiply_check_overflow_and_currency),
        cmocka_unit_test(every_rounding_mode_on_ties_and_non_ties),
        cmocka_unit_test(percentage_uses_basis_points_exactly),
        cmocka_unit_test(rounding_matches_an_independent_oracle),
        cmocka_unit_test(compare_orders_same_currency_only),
        cmocka_unit_test(minor_digits_follow_iso_4217),
        cmocka_unit_test(parse_decimal_is_exact),
        cmocka_unit_test(format_writes_major_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
