/* Private: a log-bucketed histogram of durations in seconds, for percentiles in O(1) memory.
 *
 * Values below 128 have a bucket each (exact). From 128 up, each power of two [2^e, 2^(e+1)) is
 * split into 64 buckets of width 2^(e-6), at most 1/64 of any value in them. A percentile is the
 * middle of the bucket holding the nearest-rank value x, so it is within half a width of x: at most
 * x/128 away. Count, sum, min and max are kept exactly. */
#ifndef SVCR_INSIGHT_HISTOGRAM_H
#define SVCR_INSIGHT_HISTOGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/compat.h"

enum {
    SVCR__HISTOGRAM_SUB_BITS = 6,                                   /* 64 buckets per power of two */
    SVCR__HISTOGRAM_EXACT = 2 << SVCR__HISTOGRAM_SUB_BITS,          /* values below 128 are exact */
    SVCR__HISTOGRAM_BUCKETS = SVCR__HISTOGRAM_EXACT + (62 - SVCR__HISTOGRAM_SUB_BITS) * (1 << SVCR__HISTOGRAM_SUB_BITS),
};

typedef struct svcr__histogram {
    uint64_t count;
    int64_t sum, min, max;
    uint64_t buckets[SVCR__HISTOGRAM_BUCKETS];
} svcr__histogram;

/* Would adding @p value (>= 0), or all of @p other, overflow the sum? */
static inline bool svcr__histogram_add_overflows(const svcr__histogram *h, int64_t value)
{
    int64_t sum;
    return svcr__add_overflow_i64(h->sum, value, &sum);
}
bool svcr__histogram_merge_overflows(const svcr__histogram *h, const svcr__histogram *other);

/* The bucket of @p value (>= 0): the value itself below SVCR__HISTOGRAM_EXACT, else from its
 * highest set bit and the SUB_BITS bits below it. */
static inline int svcr__histogram_bucket(int64_t value)
{
    if (value < SVCR__HISTOGRAM_EXACT)
        return (int)value;
    int exponent = 63 - svcr__clz64((uint64_t)value); /* 7 to 62 */
    int sub = (int)((value >> (exponent - SVCR__HISTOGRAM_SUB_BITS)) & ((1 << SVCR__HISTOGRAM_SUB_BITS) - 1));
    return SVCR__HISTOGRAM_EXACT + (exponent - SVCR__HISTOGRAM_SUB_BITS - 1) * (1 << SVCR__HISTOGRAM_SUB_BITS) + sub;
}

static inline void svcr__histogram_add(svcr__histogram *h, int64_t value)
{
    if (h->count == 0 || value < h->min)
        h->min = value;
    if (h->count == 0 || value > h->max)
        h->max = value;
    h->count++;
    h->sum += value;
    h->buckets[svcr__histogram_bucket(value)]++;
}
void svcr__histogram_merge(svcr__histogram *h, const svcr__histogram *other);
/* The value at rank ceil(count * numerator / denominator) (0 < numerator <= denominator), as the
 * middle of its bucket clamped to [min, max]; count must not be 0. */
int64_t svcr__histogram_percentile(const svcr__histogram *h, uint64_t numerator, uint64_t denominator);

#endif
