/* SERVQUAL (Parasuraman, Zeithaml and Berry): 22 items in five dimensions, expectation and
 * perception on a 1-7 scale, gaps weighted by the 100 points a respondent allocates. */
#include "insight/internal.h"

#include <string.h>

#include "base/error.h"
#include "base/sized.h"

/* First item (0-based) of each dimension, and one past the last. */
static const int dimension_start[SVCR_SERVQUAL_DIMENSIONS + 1] = {0, 4, 9, 13, 17, 22};
static const char *const dimension_names[SVCR_SERVQUAL_DIMENSIONS] = {"tangibles", "reliability", "responsiveness",
                                                                       "assurance", "empathy"};
enum { ITEMS_LCM = 20 }; /* least common multiple of the dimension sizes (4 and 5) */

const char *svcr_servqual_dimension_name(svcr_servqual_dimension dimension)
{
    return (unsigned)dimension < SVCR_SERVQUAL_DIMENSIONS ? dimension_names[dimension] : NULL;
}

svcr_status svcr__servqual_check(const uint8_t *expectations, const uint8_t *perceptions, const uint8_t *points)
{
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++) {
        if (expectations[i] < 1 || expectations[i] > 7)
            return svcr__fail(SVCR_EINVAL, "SERVQUAL item %d: expectation %u is outside 1 to 7", i + 1,
                              expectations[i]);
        if (perceptions[i] < 1 || perceptions[i] > 7)
            return svcr__fail(SVCR_EINVAL, "SERVQUAL item %d: perception %u is outside 1 to 7", i + 1, perceptions[i]);
    }
    int total = 0;
    for (int d = 0; d < SVCR_SERVQUAL_DIMENSIONS; d++)
        total += points[d];
    if (total != 100)
        return svcr__fail(SVCR_EINVAL, "SERVQUAL: the points allocated to the five dimensions sum to %d, not 100",
                          total);
    return SVCR_OK;
}

/* One respondent's contribution, as the sums kept by svcr__servqual_sum. */
static void respondent_sums(const uint8_t *expectations, const uint8_t *perceptions, const uint8_t *points,
                            svcr__servqual_sum *one)
{
    memset(one, 0, sizeof *one);
    one->respondents = 1;
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++) {
        one->expectation[i] = expectations[i];
        one->perception[i] = perceptions[i];
    }
    for (int d = 0; d < SVCR_SERVQUAL_DIMENSIONS; d++) {
        int64_t gap = 0;
        for (int i = dimension_start[d]; i < dimension_start[d + 1]; i++)
            gap += perceptions[i] - expectations[i];
        one->points[d] = points[d];
        one->weighted += gap * points[d] * (ITEMS_LCM / (dimension_start[d + 1] - dimension_start[d]));
    }
}

bool svcr__servqual_merge(svcr__servqual_sum *into, const svcr__servqual_sum *from)
{
    svcr__servqual_sum sum = *into;
    bool overflow = svcr__add_overflow_u64(sum.respondents, from->respondents, &sum.respondents) ||
                    svcr__add_overflow_i64(sum.weighted, from->weighted, &sum.weighted);
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        overflow = overflow || svcr__add_overflow_i64(sum.expectation[i], from->expectation[i], &sum.expectation[i]) ||
                   svcr__add_overflow_i64(sum.perception[i], from->perception[i], &sum.perception[i]);
    for (int d = 0; d < SVCR_SERVQUAL_DIMENSIONS; d++)
        overflow = overflow || svcr__add_overflow_i64(sum.points[d], from->points[d], &sum.points[d]);
    if (overflow)
        return false;
    *into = sum;
    return true;
}

bool svcr__servqual_add(svcr__servqual_sum *sum, const uint8_t *expectations, const uint8_t *perceptions,
                        const uint8_t *points)
{
    svcr__servqual_sum one;
    respondent_sums(expectations, perceptions, points, &one);
    return svcr__servqual_merge(sum, &one);
}

void svcr__servqual_result(const svcr__servqual_sum *sum, svcr_servqual_result *out)
{
    memset(out, 0, sizeof *out);
    out->respondents = sum->respondents;
    if (sum->respondents == 0)
        return;
    double n = (double)sum->respondents;
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS; i++)
        out->item_gap[i] = (double)(sum->perception[i] - sum->expectation[i]) / n;
    double dimension_total = 0;
    for (int d = 0; d < SVCR_SERVQUAL_DIMENSIONS; d++) {
        int64_t expectation = 0, perception = 0;
        for (int i = dimension_start[d]; i < dimension_start[d + 1]; i++) {
            expectation += sum->expectation[i];
            perception += sum->perception[i];
        }
        double items = n * (dimension_start[d + 1] - dimension_start[d]);
        out->expectation[d] = (double)expectation / items;
        out->perception[d] = (double)perception / items;
        out->dimension_gap[d] = (double)(perception - expectation) / items;
        out->weight[d] = (double)sum->points[d] / n;
        dimension_total += out->dimension_gap[d];
    }
    out->unweighted = dimension_total / SVCR_SERVQUAL_DIMENSIONS;
    out->weighted = (double)sum->weighted / (n * 100 * ITEMS_LCM);
}

svcr_status svcr_servqual_score(const uint8_t *expectations, const uint8_t *perceptions, const uint8_t *points,
                                svcr_servqual_result *out)
{
    SVCR_REQUIRE_ARG(expectations);
    SVCR_REQUIRE_ARG(perceptions);
    SVCR_REQUIRE_ARG(points);
    SVCR_REQUIRE_SIZED_ARG(out);
    svcr_status status = svcr__servqual_check(expectations, perceptions, points);
    if (status != SVCR_OK)
        return status;
    svcr__servqual_sum one;
    respondent_sums(expectations, perceptions, points, &one);
    svcr_servqual_result full;
    svcr__servqual_result(&one, &full);
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_insight_servqual(const svcr_insight *insight, svcr_servqual_result *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_SIZED_ARG(out);
    svcr_servqual_result full;
    svcr__servqual_result(&insight->servqual, &full);
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}
