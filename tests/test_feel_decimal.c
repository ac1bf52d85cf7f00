/* FEEL's exact decimals (lib/feel/decimal.c): 34 significant digits, half-even rounding, exact
 * division to that precision, integer powers, the decimal128 range, and the text forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "feel/decimal.h"

static feel_decimal parse(const char *text)
{
    feel_decimal d;
    assert_int_equal(svcr__decimal_parse(text, strlen(text), &d), FEEL_DECIMAL_OK);
    return d;
}

/* A parsed value that stays valid for the next few calls (an address to pass). */
static const feel_decimal *P(const char *text)
{
    static feel_decimal slots[8];
    static int next;
    feel_decimal *d = &slots[next++ % 8];
    *d = parse(text);
    return d;
}

static const char *format(const feel_decimal *d)
{
    static char text[FEEL_DECIMAL_TEXT_MAX];
    svcr__decimal_format(d, text);
    return text;
}

typedef feel_decimal_status (*operation)(const feel_decimal *, const feel_decimal *, feel_decimal *);

static void check(operation op, const char *a, const char *b, const char *expected)
{
    feel_decimal x = parse(a), y = parse(b), r;
    assert_int_equal(op(&x, &y, &r), FEEL_DECIMAL_OK);
    if (strcmp(format(&r), expected) != 0)
        fail_msg("%s op %s: expected %s, got %s", a, b, expected, format(&r));
}

static void text_round_trip(void **state)
{
    (void)state;
    static const char *const same[] = {"0", "1", "-1", "0.1", "-0.001", "123456789012345678901234567890.1234",
                                       "1E+400", "1E-400", "0.00001", "99.9899999"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        feel_decimal d = parse(same[i]);
        assert_string_equal(format(&d), same[i]);
    }
    static const struct {
        const char *in, *out;
    } normalised[] = {{".872", "0.872"}, {"-0.0", "0"}, {"1.500", "1.5"}, {"12e2", "1200"}, {"+7", "7"},
                      {"0001.10", "1.1"}, {"1.5E-3", "0.0015"},
                      /* 35 digits: rounded half-even to 34 */
                      {"1.0000000000000000000000000000000005", "1"},
                      {"1.0000000000000000000000000000000015", "1.000000000000000000000000000000002"},
                      {"9.9999999999999999999999999999999999", "10"},
                      /* below decimal128's smallest exponent: zero */
                      {"1E-7000", "0"}};
    for (size_t i = 0; i < sizeof normalised / sizeof normalised[0]; i++) {
        feel_decimal d = parse(normalised[i].in);
        assert_string_equal(format(&d), normalised[i].out);
    }
    feel_decimal d;
    static const char *const bad[] = {"", "-", ".", "1.2.3", "1e", "1e+", "abc", "1 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(svcr__decimal_parse(bad[i], strlen(bad[i]), &d), FEEL_DECIMAL_SYNTAX);
    assert_int_equal(svcr__decimal_parse("1E+7000", 7, &d), FEEL_DECIMAL_OVERFLOW);
}

static void arithmetic(void **state)
{
    (void)state;
    check(svcr__decimal_add, "0.1", "0.2", "0.3");
    check(svcr__decimal_add, "1E+100", "1", "1E+100"); /* the 1 is 67 digits below the 34 kept */
    check(svcr__decimal_add, "1E+33", "1", "1000000000000000000000000000000001");
    check(svcr__decimal_add, "1E+34", "1", "10000000000000000000000000000000000"); /* 35 digits: the 1 rounds away */
    check(svcr__decimal_add, "-5", "5", "0");
    check(svcr__decimal_subtract, "-10", "-5", "-5");
    check(svcr__decimal_subtract, "1", "0.0000000000000000000000000000000001", "0.9999999999999999999999999999999999");
    check(svcr__decimal_multiply, "1.2", "1000", "1200");
    check(svcr__decimal_multiply, "-10", "-5", "50");
    check(svcr__decimal_multiply, "99999999999999999999999999999999.99", "99999999999999999999999999999999.99",
          "9.999999999999999999999999999999998E+63");
    check(svcr__decimal_divide, "1", "3", "0.3333333333333333333333333333333333");
    check(svcr__decimal_divide, "2", "3", "0.6666666666666666666666666666666667");
    check(svcr__decimal_divide, "-10", "-5", "2");
    check(svcr__decimal_divide, "1", "8", "0.125");
    check(svcr__decimal_divide, "30", "-15", "-2");
    check(svcr__decimal_power, "2", "100", "1267650600228229401496703205376");
    check(svcr__decimal_power, "10", "-5", "0.00001");
    check(svcr__decimal_power, "7", "5", "16807");
    check(svcr__decimal_power, "0", "0", "1");
    check(svcr__decimal_power, "-2", "3", "-8");
    /* The TCK's loan payment: (p*r/12)/(1-(1+r/12)**-n) for 600000 at 3.75% over 360 months. */
    feel_decimal p = parse("600000"), r = parse("0.0375"), n = parse("-360"), twelve = parse("12"), one = parse("1");
    feel_decimal a, b, c;
    svcr__decimal_multiply(&p, &r, &a);
    svcr__decimal_divide(&a, &twelve, &a);
    svcr__decimal_divide(&r, &twelve, &b);
    svcr__decimal_add(&one, &b, &b);
    svcr__decimal_power(&b, &n, &c);
    svcr__decimal_subtract(&one, &c, &c);
    svcr__decimal_divide(&a, &c, &a);
    assert_string_equal(format(&a), "2778.693549432766768088520383236299");
}

static void errors_and_ranges(void **state)
{
    (void)state;
    feel_decimal one = parse("1"), zero = parse("0"), big = parse("9E+6144"), half = parse("0.5"), r;
    assert_int_equal(svcr__decimal_divide(&one, &zero, &r), FEEL_DECIMAL_DIVIDE_BY_ZERO);
    assert_int_equal(svcr__decimal_power(&zero, P("-1"), &r), FEEL_DECIMAL_DIVIDE_BY_ZERO);
    assert_int_equal(svcr__decimal_multiply(&big, &big, &r), FEEL_DECIMAL_OVERFLOW);
    assert_int_equal(svcr__decimal_add(&big, &big, &r), FEEL_DECIMAL_OVERFLOW);
    assert_int_equal(svcr__decimal_power(&one, &half, &r), FEEL_DECIMAL_UNSUPPORTED);
    assert_int_equal(svcr__decimal_power(&one, P("1E+10"), &r), FEEL_DECIMAL_UNSUPPORTED);
    /* A power whose result underflows is zero; one that overflows says so. */
    assert_int_equal(svcr__decimal_power(P("10"), P("-9000"), &r), FEEL_DECIMAL_OK);
    assert_true(svcr__decimal_is_zero(&r));
    assert_int_equal(svcr__decimal_power(P("10"), P("9000"), &r), FEEL_DECIMAL_OVERFLOW);
}

static void compare_and_round(void **state)
{
    (void)state;
    assert_int_equal(svcr__decimal_compare(P("99.9899999"), P("99.99")), -1);
    assert_int_equal(svcr__decimal_compare(P("1.50"), P("1.5")), 0);
    assert_int_equal(svcr__decimal_compare(P("-2"), P("1")), -1);
    assert_int_equal(svcr__decimal_compare(P("-2"), P("-3")), 1);
    assert_int_equal(svcr__decimal_compare(P("0"), P("-0.1")), 1);
    assert_int_equal(svcr__decimal_compare(P("1E+10"), P("9999999999")), 1);
    int64_t v;
    assert_true(svcr__decimal_to_int64(P("1200"), &v));
    assert_int_equal(v, 1200);
    assert_true(svcr__decimal_to_int64(P("-999999999999999999"), &v));
    assert_false(svcr__decimal_to_int64(P("1E+19"), &v));
    assert_false(svcr__decimal_to_int64(P("1.5"), &v));
    static const struct {
        const char *in;
        int32_t scale;
        feel_rounding mode;
        const char *out;
    } rounds[] = {
        {"2.5", 0, FEEL_ROUND_HALF_EVEN, "2"},   {"3.5", 0, FEEL_ROUND_HALF_EVEN, "4"},
        {"2.5", 0, FEEL_ROUND_HALF_UP, "3"},     {"-2.5", 0, FEEL_ROUND_FLOOR, "-3"},
        {"-2.5", 0, FEEL_ROUND_CEILING, "-2"},   {"2.1", 0, FEEL_ROUND_CEILING, "3"},
        {"2.9", 0, FEEL_ROUND_DOWN, "2"},        {"1.2345", 2, FEEL_ROUND_HALF_EVEN, "1.23"},
        {"1250", -2, FEEL_ROUND_HALF_EVEN, "1200"}, {"0.0001", 2, FEEL_ROUND_CEILING, "0.01"},
        {"0.0001", 2, FEEL_ROUND_HALF_EVEN, "0"}, {"7", 2, FEEL_ROUND_HALF_EVEN, "7"},
    };
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++) {
        feel_decimal r;
        assert_int_equal(svcr__decimal_round(P(rounds[i].in), rounds[i].scale, rounds[i].mode, &r), FEEL_DECIMAL_OK);
        if (strcmp(format(&r), rounds[i].out) != 0)
            fail_msg("round %s: expected %s, got %s", rounds[i].in, rounds[i].out, format(&r));
    }
    feel_decimal i;
    svcr__decimal_from_int(INT64_MIN, &i);
    assert_string_equal(format(&i), "-9223372036854775808");
    assert_true(svcr__decimal_is_integer(&i));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_round_trip),
        cmocka_unit_test(arithmetic),
        cmocka_unit_test(errors_and_ranges),
        cmocka_unit_test(compare_and_round),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
