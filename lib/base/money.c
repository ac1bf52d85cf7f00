/* Money: int64 minor units + ISO 4217 code. Every operation is overflow-checked; products are
 * formed exactly in 128 bits and rounded once, by the mode the caller names. */
#include "base/compat.h"
#include "base/currency.h"
#include "base/error.h"
#include "base/rounding.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

/* Store @p value, or fail when the exact result did not fit (@p overflow). */
static svcr_status store(const char *function, bool overflow, int64_t value, const char *currency, svcr_money *out)
{
    if (overflow)
        return svcr__fail(SVCR_EOVERFLOW, "%s: result does not fit in 64-bit minor units (%s)",
                          function, currency);
    out->amount_minor = value;
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
    int64_t sum;
    bool overflow = svcr__add_overflow_i64(a.amount_minor, b.amount_minor, &sum);
    return store(__func__, overflow, sum, a.currency, out);
}

svcr_status svcr_money_subtract(svcr_money a, svcr_money b, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_same_currency(__func__, &a, &b);
    if (status != SVCR_OK)
        return status;
    int64_t difference;
    bool overflow = svcr__sub_overflow_i64(a.amount_minor, b.amount_minor, &difference);
    return store(__func__, overflow, difference, a.currency, out);
}

svcr_status svcr_money_multiply(svcr_money m, int64_t factor, svcr_money *out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_status status = check_currency(__func__, m.currency);
    if (status != SVCR_OK)
        return status;
    int64_t product;
    bool overflow = svcr__mul_overflow_i64(m.amount_minor, factor, &product);
    return store(__func__, overflow, product, m.currency, out);
}

/* The magnitude of @p x (INT64_MIN's too). */
static uint64_t magnitude(int64_t x)
{
    return x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
}

/* The product is exact in 128 bits (|amount * numerator| <= 2^126) and divided with its
 * remainder; see rounding.h. */
bool svcr__money_scale_exact(int64_t amount, int64_t numerator, int64_t denominator, svcr_rounding rounding,
                          int64_t *out)
{
    int sign = ((amount < 0) != (numerator < 0)) != (denominator < 0) ? -1 : 1;
    uint64_t divisor = magnitude(denominator);
    svcr__u128 product = svcr__mul_u64(magnitude(amount), magnitude(numerator));
    if (product.high >= divisor)
        return true; /* the quotient needs more than 64 bits */
    uint64_t remainder, quotient = svcr__div_u128(product, divisor, &remainder);
    if (remainder != 0) {
        /* remainder < divisor: compare it with the rest, not 2 * it. */
        uint64_t rest = divisor - remainder;
        if (svcr__rounds_away(sign, quotient % 2 != 0, remainder > rest, remainder == rest, rounding)) {
            if (quotient == UINT64_MAX)
                return true;
            quotient++;
        }
    }
    if (sign > 0) {
        *out = (int64_t)quotient;
        return quotient > INT64_MAX;
    }
    *out = (int64_t)(0 - quotient); /* two's complement: -2^63 fits */
    return quotient > (uint64_t)INT64_MAX + 1;
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
    int64_t scaled;
    bool overflow = svcr__money_scale_exact(m.amount_minor, numerator, denominator, rounding, &scaled);
    return store(__func__, overflow, scaled, m.currency, out);
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
    /* The magnitude in minor units, as digits come: at most 2^63 (INT64_MIN's) will do. */
    uint64_t value = 0;
    bool overflow = false;
    int integer_digits = 0, fraction_digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, integer_digits++) {
        if (value > (UINT64_MAX - 9) / 10)
            return svcr__fail(SVCR_EOVERFLOW, "%s: \"%s\" is too large for %s", __func__, text, currency);
        value = value * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, fraction_digits++) {
            if (fraction_digits == digits)
                return svcr__fail(SVCR_EINVAL, "%s: \"%s\" has more decimals than %s's %d", __func__,
                                  text, currency, digits);
            overflow = overflow || value > (UINT64_MAX - 9) / 10;
            value = value * 10 + (uint64_t)(*p - '0');
        }
    }
    if (*p != '\0' || (integer_digits == 0 && fraction_digits == 0))
        return svcr__fail(SVCR_EINVAL, "%s: \"%s\" is not a decimal amount", __func__, text);
    for (; fraction_digits < digits; fraction_digits++) {
        overflow = overflow || value > UINT64_MAX / 10;
        value *= 10;
    }
    overflow = overflow || value > (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX);
    return store(__func__, overflow, negative ? (int64_t)(0 - value) : (int64_t)value, currency, out);
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
