/* The rounding step of money arithmetic, shared by svcr_money_scale and the decision tables'
 * compiled amounts (private to the library). */
#ifndef SVCR_BASE_ROUNDING_H
#define SVCR_BASE_ROUNDING_H

#include <svcrecover/base.h>

#include <stdbool.h>
#include <stdint.h>

/* Should a truncated quotient of a product with @p sign move one unit away from zero, given
 * whether it is odd and how the remainder compares with half the denominator? */
static inline bool svcr__rounds_away(int sign, bool quotient_is_odd, bool above_half, bool exactly_half,
                                     svcr_rounding rounding)
{
    switch (rounding) {
    case SVCR_ROUND_UP: return true;
    case SVCR_ROUND_DOWN: return false;
    case SVCR_ROUND_CEILING: return sign > 0;
    case SVCR_ROUND_FLOOR: return sign < 0;
    case SVCR_ROUND_HALF_UP: return above_half || exactly_half;
    case SVCR_ROUND_HALF_DOWN: return above_half;
    case SVCR_ROUND_HALF_EVEN:
    default: return above_half || (exactly_half && quotient_is_odd);
    }
}

/* @p amount * @p numerator / @p denominator, rounded once by @p rounding: the arithmetic of
 * svcr_money_scale(), for callers that checked its inputs already (a denominator that is not 0, a
 * valid rounding mode; the currency plays no part). The decision tables call it for every matched
 * rule's amount, with inputs checked when the table was compiled and the facts were set. Returns
 * whether the rounded quotient does not fit in int64 (then *out is unspecified). */
bool svcr__money_scale_exact(int64_t amount, int64_t numerator, int64_t denominator,
                             svcr_rounding rounding, int64_t *out);

#endif
