/* Private: the layout of an insight accumulator, shared by the files of lib/insight. */
#ifndef SVCR_INSIGHT_INTERNAL_H
#define SVCR_INSIGHT_INTERNAL_H

#include <svcrecover/insight.h>

#include "insight/customers.h"
#include "insight/histogram.h"
#include "insight/intern.h"

/* Per-cause figures (the value of the causes table). */
typedef struct svcr__cause_stats {
    uint64_t cases, followed_up, recovered, reopened, resolved;
    int64_t resolution_sum;
} svcr__cause_stats;

/* Per-timer figures (the value of the timers table). */
typedef struct svcr__timer_stats {
    uint64_t met, breached;
    const char *metric_name; /* "<timer>_within_goal_share", in the table's storage */
} svcr__timer_stats;

/* Exact sums of integer scores, for a mean and a standard deviation. */
typedef struct svcr__score_sum {
    uint64_t count;
    int64_t sum, sum_squares;
} svcr__score_sum;

/* SERVQUAL respondents as exact integer sums. */
typedef struct svcr__servqual_sum {
    uint64_t respondents;
    int64_t expectation[SVCR_SERVQUAL_ITEMS];
    int64_t perception[SVCR_SERVQUAL_ITEMS];
    int64_t points[SVCR_SERVQUAL_DIMENSIONS];
    /* Σ over respondents and dimensions of (sum of the dimension's gaps) × points × (20 / items
     * in the dimension): the weighted score times 2000, kept whole (20 = lcm of 4 and 5). */
    int64_t weighted;
} svcr__servqual_sum;

struct svcr_insight {
    svcr_insight_options options; /* the names point at copies owned here */
    uint64_t cases, responded, closed, reopened, closed_with_cause, caused, solicited_yes, solicited_known;
    uint64_t outcome[3];          /* by svcr_insight_follow_up */
    uint64_t retention[2][3];     /* by [severity - 1][resolution] */
    svcr__histogram first_response, resolution;
    svcr__score_sum recovered_scores, not_recovered_scores, baseline_scores;
    svcr__servqual_sum servqual;
    svcr__intern states;    /* uint64_t cases */
    svcr__intern causes;    /* svcr__cause_stats */
    svcr__customers customers; /* customers with cases in the repeat-complaint window */
    uint64_t repeat_customers; /* customers with two or more cases in the window */
    svcr__intern timers;    /* svcr__timer_stats */
    svcr__intern owners;    /* const char * owner, in the table's storage */
};

/* Names of the items of enums, for JSON and CSV. */
extern const char *const svcr__follow_up_names[3];
extern const char *const svcr__severity_names[2];
extern const char *const svcr__resolution_names[3];

/* The owner of a cause, or NULL. */
const char *svcr__insight_owner(const svcr_insight *insight, const char *cause);

/* Root causes in Pareto order (cases descending, then name) with every figure; *causes is NULL
 * when there are none. Returns SVCR_ENOMEM (recorded) on allocation failure. */
svcr_status svcr__insight_pareto(const svcr_insight *insight, svcr_insight_cause **causes, size_t *count);

/* Check a SERVQUAL respondent (arrays not NULL); SVCR_EINVAL (recorded) names the bad item or the point total. */
svcr_status svcr__servqual_check(const uint8_t *expectations, const uint8_t *perceptions, const uint8_t *points);
/* Add a checked respondent to @p sum; false (and nothing added) if a sum would overflow. */
bool svcr__servqual_add(svcr__servqual_sum *sum, const uint8_t *expectations, const uint8_t *perceptions,
                        const uint8_t *points);
bool svcr__servqual_merge(svcr__servqual_sum *into, const svcr__servqual_sum *from);
/* Means of the respondents in @p sum. */
void svcr__servqual_result(const svcr__servqual_sum *sum, svcr_servqual_result *out);

#endif
