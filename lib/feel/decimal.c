/* FEEL's exact decimal arithmetic. Every operation works on an exact multi-limb integer
 * (base 10^9, ample room for the widest intermediate: a 45-digit product shifted for alignment)
 * and rounds once, half-even, to 34 significant digits. Division is long division digit by
 * digit, carried one digit past the precision and a sticky bit, so the rounding is exact too. */
#include "feel/decimal.h"

#include <stdio.h>
#include <string.h>

#define LIMB_BASE 1000000000u
enum { BIG_LIMBS = 40, POWER_DIGITS = 42, ALIGN_LIMIT = 120 };

static const uint32_t pow10_small[10] = {1,      10,      100,      1000,      10000,
                                         100000, 1000000, 10000000, 100000000, 1000000000};

typedef struct big {
    uint32_t d[BIG_LIMBS];
    int n; /* limbs in use; the top one is not zero; zero has n == 0 */
} big;

static void big_trim(big *b)
{
    while (b->n > 0 && b->d[b->n - 1] == 0)
        b->n--;
}

static bool big_mul_small(big *b, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)(t % LIMB_BASE);
        carry = t / LIMB_BASE;
    }
    if (carry != 0) {
        if (b->n == BIG_LIMBS)
            return false;
        b->d[b->n++] = (uint32_t)carry;
    }
    big_trim(b);
    return true;
}

static bool big_add_small(big *b, uint32_t a)
{
    uint64_t carry = a;
    for (int i = 0; i < b->n && carry != 0; i++) {
        uint64_t t = b->d[i] + carry;
        b->d[i] = (uint32_t)(t % LIMB_BASE);
        carry = t / LIMB_BASE;
    }
    if (carry != 0) {
        if (b->n == BIG_LIMBS)
            return false;
        b->d[b->n++] = (uint32_t)carry;
    }
    return true;
}

/* b /= m; returns the remainder. */
static uint32_t big_divmod_small(big *b, uint32_t m)
{
    uint64_t r = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        uint64_t t = r * LIMB_BASE + b->d[i];
        b->d[i] = (uint32_t)(t / m);
        r = t % m;
    }
    big_trim(b);
    return (uint32_t)r;
}

static int big_compare(const big *a, const big *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static bool big_add(big *a, const big *b)
{
    uint32_t carry = 0;
    int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) {
        uint32_t x = i < a->n ? a->d[i] : 0, y = i < b->n ? b->d[i] : 0;
        uint32_t t = x + y + carry;
        carry = t >= LIMB_BASE;
        a->d[i] = carry ? t - LIMB_BASE : t;
    }
    a->n = n;
    if (carry) {
        if (n == BIG_LIMBS)
            return false;
        a->d[a->n++] = 1;
    }
    return true;
}

/* a -= b, where a >= b. */
static void big_subtract(big *a, const big *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = t < 0;
        a->d[i] = (uint32_t)(t < 0 ? t + LIMB_BASE : t);
    }
    big_trim(a);
}

static bool big_multiply(const big *a, const big *b, big *out)
{
    if (a->n + b->n > BIG_LIMBS)
        return false;
    uint64_t acc[2 * BIG_LIMBS] = {0};
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n; j++) {
            uint64_t t = acc[i + j] + (uint64_t)a->d[i] * b->d[j] + carry;
            acc[i + j] = t % LIMB_BASE;
            carry = t / LIMB_BASE;
        }
        acc[i + b->n] += carry;
    }
    out->n = a->n + b->n;
    for (int i = 0; i < out->n; i++)
        out->d[i] = (uint32_t)acc[i];
    big_trim(out);
    return true;
}

static int big_digits(const big *b)
{
    if (b->n == 0)
        return 0;
    int digits = 9 * (b->n - 1);
    for (uint32_t top = b->d[b->n - 1]; top != 0; top /= 10)
        digits++;
    return digits;
}

/* b *= 10^k. */
static bool big_shift_up(big *b, int64_t k)
{
    if (b->n == 0)
        return true;
    int64_t limbs = k / 9;
    if (limbs + b->n > BIG_LIMBS)
        return false;
    if (limbs > 0) {
        memmove(b->d + limbs, b->d, (size_t)b->n * sizeof b->d[0]);
        memset(b->d, 0, (size_t)limbs * sizeof b->d[0]);
        b->n += (int)limbs;
    }
    return big_mul_small(b, pow10_small[k % 9]);
}

/* b /= 10^k, keeping the last digit removed in *digit and whether anything else removed was
 * non-zero in *sticky (k >= 1). */
static void big_shift_down(big *b, int64_t k, uint32_t *digit, bool *sticky)
{
    while (k > 1) {
        int64_t chunk = k - 1 > 9 ? 9 : k - 1;
        if (b->n == 0) {
            k = 1;
            break;
        }
        if (big_divmod_small(b, pow10_small[chunk]) != 0)
            *sticky = true;
        k -= chunk;
    }
    *digit = big_divmod_small(b, 10);
}

static bool round_up_wanted(feel_rounding mode, bool negative, uint32_t digit, bool sticky, bool odd)
{
    switch (mode) {
    case FEEL_ROUND_HALF_EVEN:
        return digit > 5 || (digit == 5 && (sticky || odd));
    case FEEL_ROUND_HALF_UP:
        return digit >= 5;
    case FEEL_ROUND_FLOOR:
        return negative && (digit != 0 || sticky);
    case FEEL_ROUND_CEILING:
        return !negative && (digit != 0 || sticky);
    case FEEL_ROUND_DOWN:
        return false;
    }
    return false;
}

static void to_big(const feel_decimal *a, big *out)
{
    memcpy(out->d, a->limb, sizeof a->limb);
    out->n = FEEL_DECIMAL_LIMBS;
    big_trim(out);
}

/* Round @p c * 10^exponent to @p precision digits (half-even, @p sticky: the exact value was a
 * bit more than c), normalise and range-check it into *out. */
static feel_decimal_status finish(big *c, int64_t exponent, bool negative, int precision, bool sticky,
                                  feel_decimal *out)
{
    int digits = big_digits(c);
    if (digits > precision) {
        int64_t drop = digits - precision;
        uint32_t digit;
        big_shift_down(c, drop, &digit, &sticky);
        exponent += drop;
        if (round_up_wanted(FEEL_ROUND_HALF_EVEN, negative, digit, sticky, c->n > 0 && (c->d[0] & 1))) {
            big_add_small(c, 1);
            if (big_digits(c) > precision) {
                big_divmod_small(c, 10);
                exponent++;
            }
        }
    }
    if (c->n == 0) {
        memset(out, 0, sizeof *out);
        return FEEL_DECIMAL_OK;
    }
    while (c->d[0] % 10 == 0) {
        big_divmod_small(c, 10);
        exponent++;
    }
    digits = big_digits(c);
    if (exponent + digits - 1 > FEEL_DECIMAL_EMAX)
        return FEEL_DECIMAL_OVERFLOW;
    if (exponent + digits - 1 < FEEL_DECIMAL_EMIN) {
        memset(out, 0, sizeof *out);
        return FEEL_DECIMAL_OK;
    }
    memset(out, 0, sizeof *out);
    memcpy(out->limb, c->d, (size_t)c->n * sizeof c->d[0]);
    out->exponent = (int32_t)exponent;
    out->negative = negative;
    return FEEL_DECIMAL_OK;
}

void svcr__decimal_from_int(int64_t value, feel_decimal *out)
{
    big c = {{0}, 0};
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    while (magnitude != 0) {
        c.d[c.n++] = (uint32_t)(magnitude % LIMB_BASE);
        magnitude /= LIMB_BASE;
    }
    finish(&c, 0, value < 0, FEEL_DECIMAL_DIGITS, false, out);
}

bool svcr__decimal_is_zero(const feel_decimal *a)
{
    for (int i = 0; i < FEEL_DECIMAL_LIMBS; i++)
        if (a->limb[i] != 0)
            return false;
    return true;
}

feel_decimal_status svcr__decimal_parse(const char *text, size_t length, feel_decimal *out)
{
    size_t i = 0;
    bool negative = false;
    if (i < length && (text[i] == '-' || text[i] == '+'))
        negative = text[i++] == '-';
    big c = {{0}, 0};
    int64_t exponent = 0;
    bool sticky = false, any_digit = false, point = false;
    int kept = 0;
    for (; i < length; i++) {
        char ch = text[i];
        if (ch == '.' && !point) {
            point = true;
            continue;
        }
        if (ch < '0' || ch > '9')
            break;
        any_digit = true;
        if (kept == 0 && ch == '0') {
            if (point)
                exponent--;
            continue;
        }
        if (kept < 60) {
            big_mul_small(&c, 10);
            big_add_small(&c, (uint32_t)(ch - '0'));
            kept++;
            if (point)
                exponent--;
        } else {
            sticky = sticky || ch != '0';
            if (!point)
                exponent++;
        }
    }
    if (!any_digit)
        return FEEL_DECIMAL_SYNTAX;
    if (i < length && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        bool exponent_negative = false;
        if (i < length && (text[i] == '-' || text[i] == '+'))
            exponent_negative = text[i++] == '-';
        if (i == length || text[i] < '0' || text[i] > '9')
            return FEEL_DECIMAL_SYNTAX;
        int64_t e = 0;
        for (; i < length && text[i] >= '0' && text[i] <= '9'; i++)
            if (e < 100000000)
                e = e * 10 + (text[i] - '0');
        exponent += exponent_negative ? -e : e;
    }
    if (i != length)
        return FEEL_DECIMAL_SYNTAX;
    /* A digit beyond the 60 kept can only break a tie: keep it as a sticky 1 one place lower. */
    if (sticky) {
        big_mul_small(&c, 10);
        big_add_small(&c, 1);
        exponent--;
    }
    return finish(&c, exponent, negative && c.n > 0, FEEL_DECIMAL_DIGITS, false, out);
}

static feel_decimal_status add_signed(const feel_decimal *a, bool a_negative, const feel_decimal *b,
                                      bool b_negative, feel_decimal *out)
{
    if (svcr__decimal_is_zero(b)) {
        *out = *a;
        out->negative = a_negative && !svcr__decimal_is_zero(a);
        return FEEL_DECIMAL_OK;
    }
    if (svcr__decimal_is_zero(a)) {
        *out = *b;
        out->negative = b_negative;
        return FEEL_DECIMAL_OK;
    }
    const feel_decimal *hi = a, *lo = b;
    bool hi_negative = a_negative, lo_negative = b_negative;
    if (a->exponent < b->exponent) {
        hi = b, lo = a;
        hi_negative = b_negative, lo_negative = a_negative;
    }
    int64_t difference = (int64_t)hi->exponent - lo->exponent;
    big h, l;
    to_big(hi, &h);
    to_big(lo, &l);
    if (difference > ALIGN_LIMIT) {
        /* lo is below the last of hi's 34 digits by more than 80 places: it can only act as a
         * sticky bit below hi, which half-even rounding of hi's own <= 34 digits ignores. */
        *out = *hi;
        out->negative = hi_negative;
        return FEEL_DECIMAL_OK;
    }
    big_shift_up(&h, difference);
    bool negative;
    if (hi_negative == lo_negative) {
        big_add(&h, &l);
        negative = hi_negative;
    } else if (big_compare(&h, &l) >= 0) {
        big_subtract(&h, &l);
        negative = hi_negative;
    } else {
        big_subtract(&l, &h);
        h = l;
        negative = lo_negative;
    }
    return finish(&h, lo->exponent, negative && h.n > 0, FEEL_DECIMAL_DIGITS, false, out);
}

feel_decimal_status svcr__decimal_add(const feel_decimal *a, const feel_decimal *b, feel_decimal *out)
{
    return add_signed(a, a->negative, b, b->negative, out);
}

feel_decimal_status svcr__decimal_subtract(const feel_decimal *a, const feel_decimal *b, feel_decimal *out)
{
    return add_signed(a, a->negative, b, !b->negative, out);
}

void svcr__decimal_negate(const feel_decimal *a, feel_decimal *out)
{
    *out = *a;
    out->negative = !a->negative && !svcr__decimal_is_zero(a);
}

static feel_decimal_status multiply_to(const feel_decimal *a, const feel_decimal *b, int precision,
                                       feel_decimal *out)
{
    big x, y, product;
    to_big(a, &x);
    to_big(b, &y);
    big_multiply(&x, &y, &product);
    return finish(&product, (int64_t)a->exponent + b->exponent, (a->negative != b->negative) && product.n > 0,
                  precision, false, out);
}

feel_decimal_status svcr__decimal_multiply(const feel_decimal *a, const feel_decimal *b, feel_decimal *out)
{
    return multiply_to(a, b, FEEL_DECIMAL_DIGITS, out);
}

static feel_decimal_status divide_to(const feel_decimal *a, const feel_decimal *b, int precision,
                                     feel_decimal *out)
{
    if (svcr__decimal_is_zero(b))
        return FEEL_DECIMAL_DIVIDE_BY_ZERO;
    if (svcr__decimal_is_zero(a)) {
        memset(out, 0, sizeof *out);
        return FEEL_DECIMAL_OK;
    }
    big dividend, divisor;
    to_big(a, &dividend);
    to_big(b, &divisor);
    int64_t shift = big_digits(&divisor) + precision + 2 - big_digits(&dividend);
    if (shift < 0)
        shift = 0;
    big_shift_up(&dividend, shift);
    /* The dividend's decimal digits, most significant first. */
    char digits[BIG_LIMBS * 9];
    int count = 0;
    for (int i = dividend.n - 1; i >= 0; i--) {
        uint32_t limb = dividend.d[i];
        char chunk[9];
        for (int k = 8; k >= 0; k--) {
            chunk[k] = (char)(limb % 10);
            limb /= 10;
        }
        int start = 0;
        if (i == dividend.n - 1)
            while (start < 8 && chunk[start] == 0)
                start++;
        for (int k = start; k < 9; k++)
            digits[count++] = chunk[k];
    }
    big remainder = {{0}, 0}, quotient = {{0}, 0};
    for (int i = 0; i < count; i++) {
        big_mul_small(&remainder, 10);
        big_add_small(&remainder, (uint32_t)digits[i]);
        uint32_t q = 0;
        while (big_compare(&remainder, &divisor) >= 0) {
            big_subtract(&remainder, &divisor);
            q++;
        }
        big_mul_small(&quotient, 10);
        big_add_small(&quotient, q);
    }
    return finish(&quotient, (int64_t)a->exponent - shift - b->exponent,
                  a->negative != b->negative, precision, remainder.n > 0, out);
}

feel_decimal_status svcr__decimal_divide(const feel_decimal *a, const feel_decimal *b, feel_decimal *out)
{
    return divide_to(a, b, FEEL_DECIMAL_DIGITS, out);
}

feel_decimal_status svcr__decimal_power(const feel_decimal *a, const feel_decimal *b, feel_decimal *out)
{
    int64_t n;
    if (!svcr__decimal_to_int64(b, &n) || n > 999999999 || n < -999999999)
        return FEEL_DECIMAL_UNSUPPORTED;
    feel_decimal result, x = *a;
    svcr__decimal_from_int(1, &result);
    if (n < 0 && svcr__decimal_is_zero(a))
        return FEEL_DECIMAL_DIVIDE_BY_ZERO;
    uint64_t m = n < 0 ? (uint64_t)-n : (uint64_t)n;
    /* Square-and-multiply at 42 digits, so the rounding of each step stays below the 34 kept. */
    while (m != 0) {
        feel_decimal_status status;
        if (m & 1) {
            status = multiply_to(&result, &x, POWER_DIGITS, &result);
            if (status != FEEL_DECIMAL_OK)
                return status == FEEL_DECIMAL_OVERFLOW && n < 0 ? (memset(out, 0, sizeof *out), FEEL_DECIMAL_OK)
                                                               : status;
        }
        m >>= 1;
        if (m != 0) {
            status = multiply_to(&x, &x, POWER_DIGITS, &x);
            if (status != FEEL_DECIMAL_OK)
                return status == FEEL_DECIMAL_OVERFLOW && n < 0 ? (memset(out, 0, sizeof *out), FEEL_DECIMAL_OK)
                                                               : status;
        }
    }
    if (n < 0) {
        feel_decimal one;
        svcr__decimal_from_int(1, &one);
        return divide_to(&one, &result, FEEL_DECIMAL_DIGITS, out);
    }
    big c;
    to_big(&result, &c);
    return finish(&c, result.exponent, result.negative, FEEL_DECIMAL_DIGITS, false, out);
}

int svcr__decimal_compare(const feel_decimal *a, const feel_decimal *b)
{
    bool a_zero = svcr__decimal_is_zero(a), b_zero = svcr__decimal_is_zero(b);
    if (a_zero && b_zero)
        return 0;
    if (a_zero)
        return b->negative ? 1 : -1;
    if (b_zero)
        return a->negative ? -1 : 1;
    if (a->negative != b->negative)
        return a->negative ? -1 : 1;
    int sign = a->negative ? -1 : 1;
    big x, y;
    to_big(a, &x);
    to_big(b, &y);
    int64_t ax = (int64_t)a->exponent + big_digits(&x), bx = (int64_t)b->exponent + big_digits(&y);
    if (ax != bx)
        return ax < bx ? -sign : sign;
    if (a->exponent > b->exponent)
        big_shift_up(&x, (int64_t)a->exponent - b->exponent);
    else
        big_shift_up(&y, (int64_t)b->exponent - a->exponent);
    return sign * big_compare(&x, &y);
}

bool svcr__decimal_is_integer(const feel_decimal *a)
{
    return a->exponent >= 0 || svcr__decimal_is_zero(a);
}

bool svcr__decimal_to_int64(const feel_decimal *a, int64_t *out)
{
    if (!svcr__decimal_is_integer(a))
        return false;
    big c;
    to_big(a, &c);
    if (big_digits(&c) + (int64_t)a->exponent > 18)
        return false;
    int64_t value = 0;
    for (int i = c.n - 1; i >= 0; i--)
        value = value * LIMB_BASE + c.d[i];
    for (int32_t e = 0; e < a->exponent; e++)
        value *= 10;
    *out = a->negative ? -value : value;
    return true;
}

feel_decimal_status svcr__decimal_round(const feel_decimal *a, int32_t scale, feel_rounding mode, feel_decimal *out)
{
    if (svcr__decimal_is_zero(a) || a->exponent >= -(int64_t)scale) {
        *out = *a;
        return FEEL_DECIMAL_OK;
    }
    big c;
    to_big(a, &c);
    int64_t drop = -(int64_t)scale - a->exponent;
    uint32_t digit;
    bool sticky = false;
    big_shift_down(&c, drop, &digit, &sticky);
    if (round_up_wanted(mode, a->negative, digit, sticky, c.n > 0 && (c.d[0] & 1)))
        big_add_small(&c, 1);
    return finish(&c, -(int64_t)scale, a->negative && c.n > 0, FEEL_DECIMAL_DIGITS, false, out);
}

void svcr__decimal_format(const feel_decimal *a, char text[FEEL_DECIMAL_TEXT_MAX])
{
    big c;
    to_big(a, &c);
    char digits[FEEL_DECIMAL_LIMBS * 9 + 1];
    int n = 0;
    if (c.n == 0)
        digits[n++] = '0';
    for (int i = c.n - 1; i >= 0; i--) {
        char chunk[9];
        uint32_t limb = c.d[i];
        for (int k = 8; k >= 0; k--) {
            chunk[k] = (char)('0' + limb % 10);
            limb /= 10;
        }
        int start = 0;
        if (i == c.n - 1)
            while (start < 8 && chunk[start] == '0')
                start++;
        for (int k = start; k < 9; k++)
            digits[n++] = chunk[k];
    }
    digits[n] = '\0';
    char *p = text;
    if (a->negative)
        *p++ = '-';
    int64_t e = a->exponent;
    if (e >= 0 && n + e <= 40) {
        memcpy(p, digits, (size_t)n);
        p += n;
        for (int64_t i = 0; i < e; i++)
            *p++ = '0';
    } else if (e < 0 && -e <= 40) {
        int64_t integer_digits = n + e;
        if (integer_digits > 0) {
            memcpy(p, digits, (size_t)integer_digits);
            p += integer_digits;
            *p++ = '.';
            memcpy(p, digits + integer_digits, (size_t)(n - integer_digits));
            p += n - integer_digits;
        } else {
            *p++ = '0';
            *p++ = '.';
            for (int64_t i = 0; i < -integer_digits; i++)
                *p++ = '0';
            memcpy(p, digits, (size_t)n);
            p += n;
        }
    } else {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, digits + 1, (size_t)(n - 1));
            p += n - 1;
        }
        int64_t adjusted = e + n - 1;
        p += snprintf(p, 16, "E%+d", (int)adjusted);
    }
    *p = '\0';
}
