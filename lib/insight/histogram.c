/* The log-bucketed histogram of histogram.h. */
#include "insight/histogram.h"

enum { SUB = SVCR__HISTOGRAM_SUB_BITS, SUB_COUNT = 1 << SVCR__HISTOGRAM_SUB_BITS };

/* The middle of a bucket: its lower bound plus half its width. */
static int64_t bucket_middle(int bucket)
{
    if (bucket < SVCR__HISTOGRAM_EXACT)
        return bucket;
    int exponent = (bucket - SVCR__HISTOGRAM_EXACT) / SUB_COUNT + SUB + 1;
    int sub = (bucket - SVCR__HISTOGRAM_EXACT) % SUB_COUNT;
    int64_t lower = (int64_t)(SUB_COUNT + sub) << (exponent - SUB);
    return lower + ((int64_t)1 << (exponent - SUB)) / 2;
}

bool svcr__histogram_merge_overflows(const svcr__histogram *h, const svcr__histogram *other)
{
    return svcr__histogram_add_overflows(h, other->sum);
}

void svcr__histogram_merge(svcr__histogram *h, const svcr__histogram *other)
{
    if (other->count == 0)
        return;
    if (h->count == 0 || other->min < h->min)
        h->min = other->min;
    if (h->count == 0 || other->max > h->max)
        h->max = other->max;
    h->count += other->count;
    h->sum += other->sum;
    for (int i = 0; i < SVCR__HISTOGRAM_BUCKETS; i++)
        h->buckets[i] += other->buckets[i];
}

int64_t svcr__histogram_percentile(const svcr__histogram *h, uint64_t numerator, uint64_t denominator)
{
    /* rank = ceil(count * numerator / denominator) without overflowing the product */
    uint64_t whole = h->count / denominator, rest = h->count % denominator;
    uint64_t rank = whole * numerator + (rest * numerator + denominator - 1) / denominator;
    if (rank == 0)
        rank = 1;
    uint64_t seen = 0;
    int bucket = 0;
    for (; bucket < SVCR__HISTOGRAM_BUCKETS - 1; bucket++) {
        seen += h->buckets[bucket];
        if (seen >= rank)
            break;
    }
    int64_t value = bucket_middle(bucket);
    return value < h->min ? h->min : value > h->max ? h->max : value;
}
