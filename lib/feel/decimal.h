/* Private: FEEL numbers, exact decimals of up to 34 significant digits (IEEE 754 decimal128's
 * precision, which FEEL prescribes), rounded half-even. No binary floating point is used: the
 * coefficient is an integer in base-10^9 limbs and the value is coefficient * 10^exponent. */
#ifndef SVCR_FEEL_DECIMAL_H
#define SVCR_FEEL_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    FEEL_DECIMAL_DIGITS = 34,     /* significant digits kept after every operation */
    FEEL_DECIMAL_LIMBS = 5,       /* room for 45 digits: the working precision of power */
    FEEL_DECIMAL_EMAX = 6144,     /* decimal128's largest adjusted exponent */
    FEEL_DECIMAL_EMIN = -6143,    /* below this a result is rounded to zero */
    FEEL_DECIMAL_TEXT_MAX = 128,  /* enough for any formatted value, with its NUL */
};

/* Normalised: no trailing zeros in the coefficient; zero is +0 with exponent 0. */
typedef struct feel_decimal {
    uint32_t limb[FEEL_DECIMAL_LIMBS]; /* little-endian base 10^9 */
    int32_t exponent;
    bool negative;
} feel_decimal;

typedef enum feel_decimal_status {
    FEEL_DECIMAL_OK = 0,
    FEEL_DECIMAL_DIVIDE_BY_ZERO,
    FEEL_DECIMAL_OVERFLOW,     /* beyond decimal128's range */
    FEEL_DECIMAL_UNSUPPORTED,  /* a power with a non-integer or huge exponent */
    FEEL_DECIMAL_SYNTAX,
} feel_decimal_status;

void svcr__decimal_from_int(int64_t value, feel_decimal *out);
/* [-+]digits[.digits][(e|E)[-+]digits], or ".5": exact up to 34 digits, then rounded. */
feel_decimal_status svcr__decimal_parse(const char *text, size_t length, feel_decimal *out);
feel_decimal_status svcr__decimal_add(const feel_decimal *a, const feel_decimal *b, feel_decimal *out);
feel_decimal_status svcr__decimal_subtract(const feel_decimal *a, const feel_decimal *b, feel_decimal *out);
feel_decimal_status svcr__decimal_multiply(const feel_decimal *a, const feel_decimal *b, feel_decimal *out);
feel_decimal_status svcr__decimal_divide(const feel_decimal *a, const feel_decimal *b, feel_decimal *out);
/* a ** b for an integer b (|b| <= 999999999). */
feel_decimal_status svcr__decimal_power(const feel_decimal *a, const feel_decimal *b, feel_decimal *out);
void svcr__decimal_negate(const feel_decimal *a, feel_decimal *out);
int svcr__decimal_compare(const feel_decimal *a, const feel_decimal *b);
bool svcr__decimal_is_zero(const feel_decimal *a);
bool svcr__decimal_is_integer(const feel_decimal *a);
/* The value when it is an integer that fits; false otherwise. */
bool svcr__decimal_to_int64(const feel_decimal *a, int64_t *out);
typedef enum feel_rounding { FEEL_ROUND_HALF_EVEN, FEEL_ROUND_HALF_UP, FEEL_ROUND_FLOOR, FEEL_ROUND_CEILING, FEEL_ROUND_DOWN } feel_rounding;
/* @p a rounded to @p scale digits after the point (negative: to tens, hundreds...). */
feel_decimal_status svcr__decimal_round(const feel_decimal *a, int32_t scale, feel_rounding mode, feel_decimal *out);
/* Plain notation ("-12.5", "0.00001") when short enough, else scientific ("1E+400"). */
void svcr__decimal_format(const feel_decimal *a, char text[FEEL_DECIMAL_TEXT_MAX]);

#endif
