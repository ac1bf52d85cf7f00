/* Private: overflow checks for the sums of lib/insight, in plain C. */
#ifndef SVCR_INSIGHT_CHECKED_H
#define SVCR_INSIGHT_CHECKED_H

#include <stdbool.h>
#include <stdint.h>

/* Would @p a + @p b overflow an int64_t? */
static inline bool svcr__add_overflows(int64_t a, int64_t b)
{
    return b > 0 ? a > INT64_MAX - b : a < INT64_MIN - b;
}

/* Would @p a - @p b overflow an int64_t? */
static inline bool svcr__sub_overflows(int64_t a, int64_t b)
{
    return b < 0 ? a > INT64_MAX + b : a < INT64_MIN + b;
}

/* Add @p b to *@p a unless that overflows; true when it would (and *@p a is unchanged). */
static inline bool svcr__add_to(int64_t *a, int64_t b)
{
    if (svcr__add_overflows(*a, b))
        return true;
    *a += b;
    return false;
}

/* The same for counts. */
static inline bool svcr__add_count_to(uint64_t *a, uint64_t b)
{
    if (*a > UINT64_MAX - b)
        return true;
    *a += b;
    return false;
}

#endif
