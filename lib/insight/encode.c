/* Insight results as JSON. */
#include "insight/internal.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"
#include "base/json_util.h"

static json_t *ratio_json(uint64_t numerator, uint64_t denominator)
{
    return denominator ? json_real((double)numerator / (double)denominator) : json_null();
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of @p table in name order (NULL for an empty table or on allocation failure). */
static const char **sorted_keys(const svcr__intern *table)
{
    const char **keys = table->count ? svcr__calloc(table->count, sizeof *keys) : NULL;
    if (keys != NULL) {
        for (size_t i = 0; i < table->count; i++)
            keys[i] = svcr__intern_key(table, i);
        qsort(keys, table->count, sizeof *keys, by_key);
    }
    return keys;
}

static size_t index_of(const svcr__intern *table, const char *key)
{
    size_t length;
    uint32_t hash = svcr__intern_hash(key, &length);
    return svcr__intern_find(table, key, length, hash);
}

static json_t *states_json(const svcr_insight *insight, const char **keys)
{
    json_t *states = json_object();
    for (size_t i = 0; states != NULL && i < insight->states.count; i++) {
        uint64_t cases = *(const uint64_t *)svcr__intern_value(&insight->states, index_of(&insight->states, keys[i]));
        if (json_object_set_new(states, keys[i], json_integer((json_int_t)cases)) != 0) {
            json_decref(states);
            return NULL;
        }
    }
    return states;
}

static json_t *timers_json(const svcr_insight *insight, const char **keys)
{
    json_t *timers = json_array();
    for (size_t i = 0; timers != NULL && i < insight->timers.count; i++) {
        const svcr__timer_stats *t = svcr__intern_value(&insight->timers, index_of(&insight->timers, keys[i]));
        if (json_array_append_new(timers, json_pack("{sssIsIso}", "name", keys[i], "met", (json_int_t)t->met,
                                                    "breached", (json_int_t)t->breached, "within_goal_share",
                                                    ratio_json(t->met, t->met + t->breached))) != 0) {
            json_decref(timers);
            return NULL;
        }
    }
    return timers;
}

static json_t *times_json(const svcr_insight *insight, svcr_insight_time which)
{
    svcr_insight_time_stats t = {.size = sizeof t};
    svcr_insight_times(insight, which, &t);
    if (t.count == 0)
        return json_pack("{sIsnsnsnsnsnsnsf}", "count", (json_int_t)0, "min", "max", "mean", "p50", "p90", "p99",
                         "error_bound", SVCR_INSIGHT_PERCENTILE_ERROR);
    return json_pack("{sIsIsIsfsIsIsIsf}", "count", (json_int_t)t.count, "min", (json_int_t)t.min, "max",
                     (json_int_t)t.max, "mean", t.mean, "p50", (json_int_t)t.p50, "p90", (json_int_t)t.p90, "p99",
                     (json_int_t)t.p99, "error_bound", SVCR_INSIGHT_PERCENTILE_ERROR);
}

static json_t *metrics_json(const svcr_insight *insight)
{
    json_t *metrics = json_object();
    for (size_t i = 0; metrics != NULL && i < svcr_insight_metric_count(insight); i++) {
        svcr_insight_metric_value m = {.size = sizeof m};
        svcr_insight_metric(insight, i, &m);
        json_t *value = m.denominator ? json_real(m.value) : json_null();
        if (json_object_set_new(metrics, m.name,
                                json_pack("{sosIsI}", "value", value, "numerator", (json_int_t)m.numerator,
                                          "denominator", (json_int_t)m.denominator)) != 0) {
            json_decref(metrics);
            return NULL;
        }
    }
    return metrics;
}

static json_t *window_bound(int64_t t, int64_t unbounded)
{
    return t == unbounded ? json_null() : json_integer(t);
}

static json_t *repeat_json(const svcr_insight *insight)
{
    return json_pack("{sososIsIso}", "window_start", window_bound(insight->options.window_start, INT64_MIN),
                     "window_end", window_bound(insight->options.window_end, INT64_MAX), "customers",
                     (json_int_t)insight->customers.map.count, "repeat_customers", (json_int_t)insight->repeat_customers,
                     "rate", ratio_json(insight->repeat_customers, insight->customers.map.count));
}

static json_t *pareto_json(const svcr_insight *insight, const svcr_insight_cause *rows, size_t count)
{
    json_t *causes = json_array(), *vital = json_array();
    json_t *pareto = json_pack("{sIsoso}", "classified_cases", (json_int_t)insight->caused, "causes", causes,
                               "vital_few", vital);
    int failed = pareto == NULL;
    for (size_t i = 0; !failed && i < count; i++) {
        const svcr_insight_cause *r = &rows[i];
        failed |= json_array_append_new(
            causes, json_pack("{sssIsfsfsbss?sIsIsosIsIso}", "cause", r->cause, "cases", (json_int_t)r->cases,
                              "share", r->share, "cumulative_share", r->cumulative_share, "vital_few", r->vital_few,
                              "owner", r->owner, "followed_up", (json_int_t)r->followed_up, "recovered",
                              (json_int_t)r->recovered, "recovery_rate", ratio_json(r->recovered, r->followed_up),
                              "reopened", (json_int_t)r->reopened, "resolved", (json_int_t)r->resolved,
                              "mean_resolution_seconds",
                              r->resolved ? json_real(r->mean_resolution_seconds) : json_null()));
        if (r->vital_few)
            failed |= json_array_append_new(vital, json_string(r->cause));
    }
    if (failed) {
        json_decref(pareto);
        return NULL;
    }
    return pareto;
}

/* One process owner's share of the notification list. */
typedef struct owner_group {
    const char *owner;
    uint64_t cases;
    json_t *causes;
} owner_group;

static int by_cases_then_owner(const void *a, const void *b)
{
    const owner_group *x = a, *y = b;
    if (x->cases != y->cases)
        return x->cases > y->cases ? -1 : 1;
    return strcmp(x->owner, y->owner);
}

/* Owners to notify, each with their causes in Pareto order; causes nobody owns. */
static json_t *notifications_json(const svcr_insight_cause *rows, size_t count)
{
    owner_group *groups = count ? svcr__calloc(count, sizeof *groups) : NULL;
    if (count > 0 && groups == NULL)
        return NULL;
    size_t group_count = 0;
    json_t *unowned = json_array();
    int failed = unowned == NULL;
    for (size_t i = 0; !failed && i < count; i++) {
        if (rows[i].owner == NULL) {
            failed |= json_array_append_new(unowned, json_string(rows[i].cause));
            continue;
        }
        size_t g = 0;
        while (g < group_count && strcmp(groups[g].owner, rows[i].owner) != 0)
            g++;
        if (g == group_count) {
            groups[group_count++] = (owner_group){rows[i].owner, 0, json_array()};
            failed |= groups[g].causes == NULL;
        }
        groups[g].cases += rows[i].cases;
        failed |= json_array_append_new(groups[g].causes, json_string(rows[i].cause));
    }
    if (group_count > 1)
        qsort(groups, group_count, sizeof *groups, by_cases_then_owner);
    json_t *owners = json_array();
    for (size_t g = 0; g < group_count; g++)
        failed |= json_array_append_new(owners, json_pack("{sssIso}", "owner", groups[g].owner, "cases",
                                                          (json_int_t)groups[g].cases, "causes", groups[g].causes));
    svcr__free(groups);
    json_t *notifications = json_pack("{soso}", "owners", owners, "unowned_causes", unowned);
    if (failed) {
        json_decref(notifications);
        return NULL;
    }
    return notifications;
}

static json_t *satisfaction_json(const svcr_insight_satisfaction *s)
{
    return json_pack("{sIsoso}", "count", (json_int_t)s->count, "mean", s->count ? json_real(s->mean) : json_null(),
                     "stddev", s->count > 1 ? json_real(s->stddev) : json_null());
}

static json_t *paradox_json(const svcr_insight *insight)
{
    svcr_insight_paradox_figures p = {.size = sizeof p};
    svcr_insight_paradox(insight, &p);
    bool t_defined = p.recovered.count > 1 && p.no_failure.count > 1;
    return json_pack("{sosososososo}", "recovered", satisfaction_json(&p.recovered), "not_recovered",
                     satisfaction_json(&p.not_recovered), "no_failure", satisfaction_json(&p.no_failure), "index",
                     p.defined ? json_real(p.index) : json_null(), "welch_t",
                     t_defined ? json_real(p.welch_t) : json_null(), "holds",
                     p.defined ? json_boolean(p.index > 0) : json_null());
}

static json_t *retention_json(const svcr_insight *insight)
{
    svcr_insight_retention_figures r = {.size = sizeof r};
    svcr_insight_retention(insight, &r);
    json_t *table = json_array();
    int failed = table == NULL;
    for (int s = 0; s < 2 && !failed; s++)
        for (int c = 0; c < 3 && !failed; c++)
            failed = svcr__json_append(table, json_pack("{sssssIsf}", "severity", svcr__severity_names[s], "resolution",
                                                   svcr__resolution_names[c], "cases", (json_int_t)r.cases[s][c],
                                                   "repurchase", insight->options.repurchase[s][c] / 10000.0)) != 0;
    if (failed) {
        json_decref(table);
        return NULL;
    }
    return json_pack("{sIsfsoso}", "classified_cases", (json_int_t)r.classified, "expected_retained",
                     r.expected_retained, "rate", r.classified ? json_real(r.rate) : json_null(), "table", table);
}

static json_t *servqual_json(const svcr_insight *insight)
{
    svcr_servqual_result q = {.size = sizeof q};
    svcr_insight_servqual(insight, &q);
    if (q.respondents == 0)
        return json_null();
    json_t *items = json_array(), *dimensions = json_array();
    int failed = items == NULL || dimensions == NULL;
    for (int i = 0; i < SVCR_SERVQUAL_ITEMS && !failed; i++)
        failed = svcr__json_append(items, json_real(q.item_gap[i])) != 0;
    for (int d = 0; d < SVCR_SERVQUAL_DIMENSIONS && !failed; d++)
        failed = svcr__json_append(dimensions, json_pack("{sssfsfsfsf}", "name", svcr_servqual_dimension_name((svcr_servqual_dimension)d),
                                                    "expectation", q.expectation[d], "perception", q.perception[d],
                                                    "gap", q.dimension_gap[d], "points", q.weight[d])) != 0;
    if (failed) {
        json_decref(items);
        json_decref(dimensions);
        return NULL;
    }
    return json_pack("{sIsososfsf}", "respondents", (json_int_t)q.respondents, "item_gaps", items, "dimensions",
                     dimensions, "unweighted", q.unweighted, "weighted", q.weighted);
}

static json_t *encode(const svcr_insight *insight, const char **state_keys, const char **timer_keys,
                      const svcr_insight_cause *rows, size_t count)
{
    json_t *by_outcome = json_object();
    /* A count that cannot be made fails the whole encoding rather than going missing. */
    for (int i = 0; by_outcome != NULL && i < 3; i++)
        if (svcr__json_put(by_outcome, svcr__follow_up_names[i], json_integer((json_int_t)insight->outcome[i])) != 0) {
            json_decref(by_outcome);
            by_outcome = NULL;
        }
    return json_pack("{sIsosososososososososososo}", "cases", (json_int_t)insight->cases, "by_state",
                     states_json(insight, state_keys), "by_outcome", by_outcome, "first_response",
                     times_json(insight, SVCR_INSIGHT_TIME_FIRST_RESPONSE), "resolution",
                     times_json(insight, SVCR_INSIGHT_TIME_RESOLUTION), "timers", timers_json(insight, timer_keys), "metrics",
                     metrics_json(insight), "repeat_complaints", repeat_json(insight), "pareto",
                     pareto_json(insight, rows, count), "notifications", notifications_json(rows, count), "paradox",
                     paradox_json(insight), "retention", retention_json(insight), "servqual", servqual_json(insight));
}

svcr_status svcr_insight_encode(const svcr_insight *insight, char **json)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(json);
    svcr_insight_cause *rows = NULL;
    size_t count = 0;
    svcr_status status = svcr__insight_pareto(insight, &rows, &count);
    if (status != SVCR_OK)
        return status;
    const char **state_keys = sorted_keys(&insight->states);
    const char **timer_keys = sorted_keys(&insight->timers);
    json_t *root = NULL;
    if ((state_keys != NULL || insight->states.count == 0) && (timer_keys != NULL || insight->timers.count == 0))
        root = encode(insight, state_keys, timer_keys, rows, count);
    char *text = root ? svcr__json_dump_reals(root, SVCR__JSON_REAL_DIGITS) : NULL;
    json_decref(root);
    svcr__free(state_keys);
    svcr__free(timer_keys);
    svcr__free(rows);
    if (text == NULL)
        return svcr__fail_nomem("encoding insight results");
    *json = text;
    return SVCR_OK;
}
