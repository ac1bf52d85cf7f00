/* Money: int64 minor units + ISO 4217 code. Every operation is overflow-checked; products are
 * formed exactly in 128 bits and rounded once, by the mode the caller names. */
#include "base/currency.h"
#include "base/error.h"
#include "base/rounding.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

__extension__ typedef __int128 wide; /* exact products of two int64 values */

static bool currency_is_well_formed(const char *code)
{
    for (int i = 0; i < 3; i++)
        if (code[i] < 'A' || code[i] > 'Z')
            return false;
    return code[3] == '\0';
}

/* A currency enters money only as an ISO 4217 code the library knows, so every amount has a
 * known minor unit: "ZZZ" is three letters but not money. */
static svcr_status check_currency(const char *function, const char *code)
{
    if (!currency_is_well_formed(code))
        return svcr__fail(SVCR_EINVAL, "%s: currency \"%.8s\" is not a three-letter ISO 4217 code",
                          function, code);
    if (svcr__currency_digits(code) < 0)
        return svcr__fail(SVCR_EINVAL, "%s: currency \"%s\" is not an ISO 4217 currency code the "
                          "library knows", function, code);
    return SVCR_OK;
}

static svcr_status check_same_currency(const char *function, const svcr_money *a, const svcr_money *b)
{
    svcr_status status = check_currency(function, a->currency);
    if (status == SVCR_OK)
        status = check_currency(function, b->currency);
    if (status == SVCR_OK && memcmp(a->currency, b->currency, 4) != 0)
        return svcr__fail(SVCR_ECURRENCY, "%s: currency mismatch: %s and %s", function, a->currency,
                          b->currency);
    return status;
}

static svcr_status store(const char *function, wide value, const char *currency, svcr_money *out)
{
    if (value > INT64_MAX || value < INT64_MIN)
        return svcr__fail(SVCR_EOVERFLOW, "%s: result does not fit in 64-bit minor units (%s)",
                          function, currency);
    out->amount_minor = (int64_t)value;
    memcpy(out->currency, currency, 4);
    return SVCR_OK;
}

svcr_status svcr_money_make(int64_t amount_minor, const char *currency, svcr_money *out)
{
    SVCR_REQUIRE_ARG(currency);
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_currency(__func__, currency);
    if (status != SVCR_OK)
        return status;
    out->amount_minor = amount_minor;
    memcpy(out->currency, currency, 4);
    return SVCR_OK;
}

svcr_status svcr_money_add(svcr_money a, svcr_money b, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_same_currency(__func__, &a, &b);
    if (status != SVCR_OK)
        return status;
    return store(__func__, (wide)a.amount_minor + b.amount_minor, a.currency, out);
}

svcr_status svcr_money_subtract(svcr_money a, svcr_money b, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_same_currency(__func__, &a, &b);
    if (status != SVCR_OK)
        return status;
    return store(__func__, (wide)a.amount_minor - b.amount_minor, a.currency, out);
}

svcr_status svcr_money_multiply(svcr_money m, int64_t factor, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_currency(__func__, m.currency);
    if (status != SVCR_OK)
        return status;
    return store(__func__, (wide)m.amount_minor * factor, m.currency, out);
}

/* Fast path when the product fits in 64 bits (almost always: offers are small amounts);
 * false when it does not, and the exact 128-bit path must be taken. */
static bool scale_in_64_bits(int64_t amount, int64_t numerator, int64_t denominator,
                             svcr_rounding rounding, int64_t *out)
{
    int64_t product;
    if (__builtin_mul_overflow(amount, numerator, &product) || denominator == INT64_MIN ||
        product == INT64_MIN)
        return false;
    if (denominator < 0) {
        product = -product;
        denominator = -denominator;
    }
    int64_t quotient = product / denominator, remainder = product % denominator;
    if (remainder != 0) {
        int sign = product < 0 ? -1 : 1;
        /* |remainder| < denominator <= INT64_MAX: compare it with the rest, not 2 * it. */
        int64_t magnitude = remainder < 0 ? -remainder : remainder;
        int64_t rest = denominator - magnitude;
        if (svcr__rounds_away(sign, quotient % 2 != 0, magnitude > rest, magnitude == rest, rounding))
            quotient += sign;
    }
    *out = quotient;
    return true;
}

/* Divide exactly-known @p numerator by @p denominator (non-zero) and round the quotient. */
static wide divide_rounded(wide numerator, wide denominator, svcr_rounding rounding)
{
    if (denominator < 0) {
        numerator = -numerator;
        denominator = -denominator;
    }
    wide quotient = numerator / denominator; /* truncates toward zero */
    wide remainder = numerator % denominator; /* same sign as numerator */
    if (remainder == 0)
        return quotient;
    int sign = numerator < 0 ? -1 : 1;
    wide twice = (remainder < 0 ? -remainder : remainder) * 2;
    bool away = svcr__rounds_away(sign, quotient % 2 != 0, twice > denominator, twice == denominator, rounding);
    return away ? quotient + sign : quotient;
}

svcr_status svcr_money_scale(svcr_money m, int64_t numerator, int64_t denominator,
                             svcr_rounding rounding, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_currency(__func__, m.currency);
    if (status != SVCR_OK)
        return status;
    if (denominator == 0)
        return svcr__fail(SVCR_EINVAL, "%s: denominator is 0", __func__);
    if ((int)rounding < (int)SVCR_ROUND_HALF_EVEN || (int)rounding > (int)SVCR_ROUND_FLOOR)
        return svcr__fail(SVCR_EINVAL, "%s: rounding mode %d is not an svcr_rounding", __func__,
                          (int)rounding);
    int64_t quick;
    if (scale_in_64_bits(m.amount_minor, numerator, denominator, rounding, &quick)) {
        out->amount_minor = quick;
        memcpy(out->currency, m.currency, 4);
        return SVCR_OK;
    }
    /* |amount * numerator| < 2^126, so the 128-bit product is exact. */
    wide product = (wide)m.amount_minor * numerator;
    return store(__func__, divide_rounded(product, denominator, rounding), m.currency, out);
}

svcr_status svcr_money_percentage(svcr_money m, int64_t basis_points, svcr_rounding rounding,
                                  svcr_money *out)
{
    return svcr_money_scale(m, basis_points, 10000, rounding, out);
}

svcr_status svcr_money_compare(svcr_money a, svcr_money b, int *order)
{
    SVCR_REQUIRE_ARG(order);
    svcr_status status = check_same_currency(__func__, &a, &b);
    if (status != SVCR_OK)
        return status;
    *order = (a.amount_minor > b.amount_minor) - (a.amount_minor < b.amount_minor);
    return SVCR_OK;
}

int svcr_currency_minor_digits(const char *currency)
{
    if (currency == NULL) {
        svcr__fail(SVCR_EINVAL, "%s: argument \"currency\" is NULL", __func__);
        return -1;
    }
    if (check_currency(__func__, currency) != SVCR_OK)
        return -1;
    return svcr__currency_digits(currency);
}

svcr_status svcr_money_parse_decimal(const char *text, const char *currency, svcr_money *out)
{
    SVCR_REQUIRE_ARG(text);
    SVCR_REQUIRE_ARG(currency);
    SVCR_REQUIRE_ARG(out);
    int digits = svcr_currency_minor_digits(currency);
    if (digits < 0)
        return SVCR_EINVAL;
    const char *p = text;
    bool negative = false;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    wide value = 0;
    int integer_digits = 0, fraction_digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, integer_digits++) {
        value = value * 10 + (*p - '0');
        if (value > (wide)INT64_MAX * 10)
            return svcr__fail(SVCR_EOVERFLOW, "%s: \"%s\" is too large for %s", __func__, text, currency);
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, fraction_digits++) {
            if (fraction_digits == digits)
                return svcr__fail(SVCR_EINVAL, "%s: \"%s\" has more decimals than %s's %d", __func__,
                                  text, currency, digits);
            value = value * 10 + (*p - '0');
        }
    }
    if (*p != '\0' || (integer_digits == 0 && fraction_digits == 0))
        return svcr__fail(SVCR_EINVAL, "%s: \"%s\" is not a decimal amount", __func__, text);
    for (; fraction_digits < digits; fraction_digits++)
        value *= 10;
    return store(__func__, negative ? -value : value, currency, out);
}

svcr_status svcr_money_format(svcr_money m, char *buf, size_t size)
{
    SVCR_REQUIRE_ARG(buf);
    if (size > 0)
        buf[0] = '\0';
    int digits = svcr_currency_minor_digits(m.currency);
    if (digits < 0)
        return SVCR_EINVAL;
    /* Work on the magnitude as unsigned so INT64_MIN formats correctly. */
    uint64_t magnitude = m.amount_minor < 0 ? 0 - (uint64_t)m.amount_minor : (uint64_t)m.amount_minor;
    uint64_t scale = 1;
    for (int i = 0; i < digits; i++)
        scale *= 10;
    int written;
    if (digits == 0)
        written = snprintf(buf, size, "%s%" PRIu64 " %s", m.amount_minor < 0 ? "-" : "", magnitude,
                           m.currency);
    else
        written = snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64 " %s", m.amount_minor < 0 ? "-" : "",
                           magnitude / scale, digits, magnitude % scale, m.currency);
    if (written < 0 || (size_t)written >= size) {
        if (size > 0)
            buf[0] = '\0';
        return svcr__fail(SVCR_EINVAL, "%s: buffer of %zu bytes is too small", __func__, size);
    }
    return SVCR_OK;
}
