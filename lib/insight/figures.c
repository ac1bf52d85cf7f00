/* Reading an accumulator: counts, times, rates, the Pareto, the paradox and retention. */
#include "insight/internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/sized.h"

uint64_t svcr_insight_case_count(const svcr_insight *insight)
{
    return insight ? insight->cases : 0;
}

uint64_t svcr_insight_state_count(const svcr_insight *insight, const char *state)
{
    if (insight == NULL || state == NULL)
        return 0;
    size_t length;
    uint32_t hash = svcr__intern_hash(state, &length);
    size_t index = svcr__intern_find(&insight->states, state, length, hash);
    return index == SVCR__INTERN_ABSENT ? 0 : *(const uint64_t *)svcr__intern_value(&insight->states, index);
}

uint64_t svcr_insight_outcome_count(const svcr_insight *insight, svcr_insight_follow_up outcome)
{
    if (insight == NULL || (unsigned)outcome > SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED)
        return 0;
    return insight->outcome[outcome];
}

static svcr_status histogram_of(const svcr_insight *insight, svcr_insight_time which, const svcr__histogram **out)
{
    if (which == SVCR_INSIGHT_TIME_FIRST_RESPONSE)
        *out = &insight->first_response;
    else if (which == SVCR_INSIGHT_TIME_RESOLUTION)
        *out = &insight->resolution;
    else
        return svcr__fail(SVCR_EINVAL, "insight: %d is not a kind of time", (int)which);
    return SVCR_OK;
}

svcr_status svcr_insight_times(const svcr_insight *insight, svcr_insight_time which,
                               svcr_insight_time_stats *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_SIZED_ARG(out);
    const svcr__histogram *h = NULL;
    svcr_status status = histogram_of(insight, which, &h);
    if (status != SVCR_OK)
        return status;
    svcr_insight_time_stats full = {.count = h->count}, *fig = &full;
    if (h->count > 0) {
        fig->min = h->min;
        fig->max = h->max;
        fig->mean = (double)h->sum / (double)h->count;
        fig->p50 = svcr__histogram_percentile(h, 50, 100);
        fig->p90 = svcr__histogram_percentile(h, 90, 100);
        fig->p99 = svcr__histogram_percentile(h, 99, 100);
    }
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_insight_percentile(const svcr_insight *insight, svcr_insight_time which, double fraction,
                                    int64_t *seconds)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(seconds);
    const svcr__histogram *h = NULL;
    svcr_status status = histogram_of(insight, which, &h);
    if (status != SVCR_OK)
        return status;
    if (!(fraction > 0 && fraction <= 1))
        return svcr__fail(SVCR_EINVAL, "insight: a percentile must be more than 0 and at most 1");
    if (h->count == 0)
        return svcr__fail(SVCR_ENOTFOUND, "insight: no case has a time to %s",
                          which == SVCR_INSIGHT_TIME_FIRST_RESPONSE ? "first response" : "resolution");
    /* in millionths, so that 0.9 is exactly 900000 / 1000000 */
    uint64_t millionths = (uint64_t)llround(fraction * 1e6);
    *seconds = svcr__histogram_percentile(h, millionths ? millionths : 1, 1000000);
    return SVCR_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Metrics                                                                                     */
/* ------------------------------------------------------------------------------------------ */

enum fixed_metric {
    RESPONDED_SHARE,
    RECOVERY_RATE,
    REOPEN_RATE,
    REPEAT_COMPLAINT_RATE,
    ROOT_CAUSE_SHARE,
    SOLICITED_SHARE,
    OWNER_MAPPED_SHARE,
    EXPECTED_RETENTION,
    FIXED_METRICS
};

static const char *const fixed_metric_names[FIXED_METRICS] = {
    "responded_share",  "recovery_rate",   "reopen_rate",        "repeat_complaint_rate",
    "root_cause_share", "solicited_share", "owner_mapped_share", "expected_retention",
};

static svcr_insight_metric_value ratio(const char *name, uint64_t numerator, uint64_t denominator)
{
    return (svcr_insight_metric_value){sizeof(svcr_insight_metric_value), name, denominator ? (double)numerator / (double)denominator : 0, numerator,
                                       denominator};
}

/* Σ cases × repurchase basis points over the TARP classes. */
static uint64_t retained_basis_points(const svcr_insight *insight, uint64_t *classified)
{
    uint64_t total = 0;
    *classified = 0;
    for (int s = 0; s < 2; s++) {
        for (int r = 0; r < 3; r++) {
            total += insight->retention[s][r] * insight->options.repurchase[s][r];
            *classified += insight->retention[s][r];
        }
    }
    return total;
}

static svcr_insight_metric_value fixed_metric(const svcr_insight *insight, int metric)
{
    const char *name = fixed_metric_names[metric];
    switch (metric) {
    case RESPONDED_SHARE:
        return ratio(name, insight->responded, insight->cases);
    case RECOVERY_RATE:
        return ratio(name, insight->outcome[SVCR_INSIGHT_FOLLOW_UP_SATISFIED],
                     insight->outcome[SVCR_INSIGHT_FOLLOW_UP_SATISFIED] + insight->outcome[SVCR_INSIGHT_FOLLOW_UP_NOT_SATISFIED]);
    case REOPEN_RATE:
        return ratio(name, insight->reopened, insight->closed);
    case REPEAT_COMPLAINT_RATE:
        return ratio(name, insight->repeat_customers, insight->customers.map.count);
    case ROOT_CAUSE_SHARE:
        return ratio(name, insight->closed_with_cause, insight->closed);
    case SOLICITED_SHARE:
        return ratio(name, insight->solicited_yes, insight->solicited_known);
    case OWNER_MAPPED_SHARE: {
        uint64_t owned = 0;
        for (size_t n = 0; n < insight->causes.count; n++)
            owned += svcr__insight_owner(insight, svcr__intern_key(&insight->causes,
                                                                   n)) != NULL;
        return ratio(name, owned, insight->causes.count);
    }
    default: {
        uint64_t classified;
        uint64_t basis_points = retained_basis_points(insight, &classified);
        svcr_insight_metric_value value = {sizeof value, name, 0, basis_points / 10000, classified};
        if (classified > 0)
            value.value = (double)basis_points / ((double)classified * 10000);
        return value;
    }
    }
}

/* The timer that is @p rank-th in name order. */
static const svcr__timer_stats *timer_by_rank(const svcr_insight *insight, size_t rank)
{
    const svcr__intern *timers = &insight->timers;
    for (size_t i = 0; i < timers->count; i++) {
        const char *name = svcr__intern_key(timers, i);
        size_t before = 0;
        for (size_t j = 0; j < timers->count; j++)
            before += strcmp(svcr__intern_key(timers, j), name) < 0;
        if (before == rank)
            return svcr__intern_value(timers, i);
    }
    return NULL;
}

size_t svcr_insight_metric_count(const svcr_insight *insight)
{
    return insight ? FIXED_METRICS + insight->timers.count : 0;
}

svcr_status svcr_insight_metric(const svcr_insight *insight, size_t index, svcr_insight_metric_value *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_SIZED_ARG(out);
    if (index >= svcr_insight_metric_count(insight))
        return svcr__fail(SVCR_EINVAL, "%s: index %zu is out of range (%zu metrics)", __func__, index,
                          svcr_insight_metric_count(insight));
    svcr_insight_metric_value full;
    if (index < FIXED_METRICS) {
        full = fixed_metric(insight, (int)index);
    } else {
        const svcr__timer_stats *timer = timer_by_rank(insight, index - FIXED_METRICS);
        full = ratio(timer->metric_name, timer->met, timer->met + timer->breached);
    }
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_insight_metric_find(const svcr_insight *insight, const char *name, svcr_insight_metric_value *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(name);
    SVCR_REQUIRE_SIZED_ARG(out);
    for (size_t i = 0; i < svcr_insight_metric_count(insight); i++) {
        svcr_insight_metric_value metric = {.size = sizeof metric};
        svcr_insight_metric(insight, i, &metric);
        if (strcmp(metric.name, name) == 0) {
            SVCR_FILL_SIZED(out, metric);
            return SVCR_OK;
        }
    }
    return svcr__fail(SVCR_ENOTFOUND, "insight: no metric \"%s\"", name);
}

/* ------------------------------------------------------------------------------------------ */
/* Paradox and retention                                                                       */
/* ------------------------------------------------------------------------------------------ */

static svcr_insight_satisfaction satisfaction(const svcr__score_sum *sum, double *variance)
{
    svcr_insight_satisfaction s = {sum->count, 0, 0};
    *variance = 0;
    if (sum->count > 0)
        s.mean = (double)sum->sum / (double)sum->count;
    if (sum->count > 1) {
        long double n = (long double)sum->count;
        long double squares = (long double)sum->sum_squares - (long double)sum->sum * (long double)sum->sum / n;
        *variance = squares > 0 ? (double)(squares / (n - 1)) : 0;
        s.stddev = sqrt(*variance);
    }
    return s;
}

svcr_status svcr_insight_paradox(const svcr_insight *insight, svcr_insight_paradox_figures *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_SIZED_ARG(out);
    double recovered_variance, baseline_variance, ignored;
    svcr_insight_paradox_figures full, *fig = &full;
    *fig = (svcr_insight_paradox_figures){
        .recovered = satisfaction(&insight->recovered_scores, &recovered_variance),
        .not_recovered = satisfaction(&insight->not_recovered_scores, &ignored),
        .no_failure = satisfaction(&insight->baseline_scores, &baseline_variance),
    };
    fig->defined = fig->recovered.count > 0 && fig->no_failure.count > 0;
    if (fig->defined)
        fig->index = fig->recovered.mean - fig->no_failure.mean;
    double error = recovered_variance / (double)fig->recovered.count +
                   baseline_variance / (double)(fig->no_failure.count ? fig->no_failure.count : 1);
    if (fig->recovered.count > 1 && fig->no_failure.count > 1 && error > 0)
        fig->welch_t = fig->index / sqrt(error);
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

svcr_status svcr_insight_retention(const svcr_insight *insight, svcr_insight_retention_figures *out)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_SIZED_ARG(out);
    svcr_insight_retention_figures full = {0}, *fig = &full;
    memcpy(fig->cases, insight->retention, sizeof fig->cases);
    uint64_t basis_points = retained_basis_points(insight, &fig->classified);
    fig->expected_retained = (double)basis_points / 10000;
    if (fig->classified > 0)
        fig->rate = (double)basis_points / ((double)fig->classified * 10000);
    SVCR_FILL_SIZED(out, full);
    return SVCR_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Pareto                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static int by_cases_then_name(const void *a, const void *b)
{
    const svcr_insight_cause *x = a, *y = b;
    if (x->cases != y->cases)
        return x->cases > y->cases ? -1 : 1;
    return strcmp(x->cause, y->cause);
}

svcr_status svcr__insight_pareto(const svcr_insight *insight, svcr_insight_cause **causes, size_t *count)
{
    size_t n = insight->causes.count;
    svcr_insight_cause *rows = NULL;
    if (n > 0 && (rows = svcr__calloc(n, sizeof *rows)) == NULL)
        return svcr__fail_nomem("building the root-cause Pareto");
    for (size_t i = 0; i < n; i++) {
        size_t position = i;
        const svcr__cause_stats *stats = svcr__intern_value(&insight->causes, position);
        rows[i] = (svcr_insight_cause){
            .size = sizeof(svcr_insight_cause),
            .cause = svcr__intern_key(&insight->causes, position),
            .owner = svcr__insight_owner(insight, svcr__intern_key(&insight->causes, position)),
            .cases = stats->cases,
            .followed_up = stats->followed_up,
            .recovered = stats->recovered,
            .reopened = stats->reopened,
            .resolved = stats->resolved,
            .mean_resolution_seconds = stats->resolved ? (double)stats->resolution_sum / (double)stats->resolved : 0,
        };
    }
    if (n > 1)
        qsort(rows, n, sizeof *rows, by_cases_then_name);
    uint64_t total = insight->caused, cumulative = 0;
    for (size_t i = 0; i < n; i++) {
        /* vital few: every cause until the cumulative count reaches 80% (integer comparison) */
        rows[i].vital_few = cumulative * 5 < total * 4;
        cumulative += rows[i].cases;
        rows[i].share = (double)rows[i].cases / (double)total;
        rows[i].cumulative_share = (double)cumulative / (double)total;
    }
    *causes = rows;
    *count = n;
    return SVCR_OK;
}

svcr_status svcr_insight_pareto(const svcr_insight *insight, svcr_insight_cause *const *causes, size_t capacity,
                                size_t *count)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(count);
    if (causes == NULL && capacity > 0)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"causes\" is NULL but capacity is %zu", __func__, capacity);
    for (size_t i = 0; i < capacity; i++) {
        if (causes[i] == NULL)
            return svcr__fail(SVCR_EINVAL, "%s: causes[%zu] is NULL", __func__, i);
        if (causes[i]->size < sizeof(size_t))
            return svcr__fail(SVCR_EINVAL, "%s: causes[%zu]->size is %zu; set it to the struct's sizeof",
                              __func__, i, causes[i]->size);
    }
    svcr_insight_cause *rows = NULL;
    size_t n = 0;
    svcr_status status = svcr__insight_pareto(insight, &rows, &n);
    if (status != SVCR_OK)
        return status;
    for (size_t i = 0; i < n && i < capacity; i++)
        SVCR_FILL_SIZED(causes[i], rows[i]);
    svcr__free(rows);
    *count = n;
    return SVCR_OK;
}
