/* Metric maps: which measured metric (e.g. one of insight's rates) answers which criterion. */
#include "maturity/model.h"

#include <math.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error.h"

typedef struct metric_entry {
    char *metric;
    char *criterion;
} metric_entry;

struct svcr_maturity_metric_map {
    metric_entry *entries;
    size_t count, capacity;
};

/* insight's metric names (see svcrecover/insight.h) -> the built-in model's criteria. */
static const char *const builtin_map[][2] = {
    {"responded_share", "complaints_answered"},
    {"first_response_within_goal_share", "acknowledged_within_goal"},
    {"resolution_within_goal_share", "resolved_within_goal"},
    {"solicited_share", "solicited_share"},
    {"root_cause_share", "root_cause_classified"},
    {"owner_mapped_share", "process_owners_notified"},
};

svcr_status svcr_maturity_metric_map_new(svcr_maturity_metric_map **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_maturity_metric_map *map = svcr__calloc(1, sizeof *map);
    if (map == NULL)
        return svcr__fail_nomem("making a metric map");
    *out = map;
    return SVCR_OK;
}

void svcr_maturity_metric_map_free(svcr_maturity_metric_map *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->count; i++) {
        svcr__free(map->entries[i].metric);
        svcr__free(map->entries[i].criterion);
    }
    svcr__free(map->entries);
    svcr__free(map);
}

static metric_entry *find_metric(const svcr_maturity_metric_map *map, const char *metric)
{
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->entries[i].metric, metric) == 0)
            return &map->entries[i];
    return NULL;
}

svcr_status svcr_maturity_metric_map_set(svcr_maturity_metric_map *map, const char *metric, const char *criterion)
{
    SVCR_REQUIRE_ARG(map);
    SVCR_REQUIRE_ARG(metric);
    SVCR_REQUIRE_ARG(criterion);
    if (metric[0] == '\0' || criterion[0] == '\0')
        return svcr__fail(SVCR_EINVAL, "%s: metric and criterion names must not be empty", __func__);
    char *criterion_copy = svcr__strdup(criterion);
    if (criterion_copy == NULL)
        return svcr__fail_nomem("mapping a metric");
    metric_entry *entry = find_metric(map, metric);
    if (entry != NULL) {
        svcr__free(entry->criterion);
        entry->criterion = criterion_copy;
        return SVCR_OK;
    }
    char *metric_copy = svcr__strdup(metric);
    if (metric_copy == NULL ||
        svcr__grow((void **)&map->entries, &map->capacity, map->count + 1, sizeof *map->entries) != 0) {
        svcr__free(metric_copy);
        svcr__free(criterion_copy);
        return svcr__fail_nomem("mapping a metric");
    }
    map->entries[map->count++] = (metric_entry){metric_copy, criterion_copy};
    return SVCR_OK;
}

svcr_status svcr_maturity_metric_map_builtin(svcr_maturity_metric_map **out)
{
    SVCR_REQUIRE_ARG(out);
    svcr_maturity_metric_map *map;
    svcr_status status = svcr_maturity_metric_map_new(&map);
    if (status != SVCR_OK)
        return status;
    for (size_t i = 0; i < sizeof builtin_map / sizeof builtin_map[0]; i++) {
        status = svcr_maturity_metric_map_set(map, builtin_map[i][0], builtin_map[i][1]);
        if (status != SVCR_OK) {
            svcr_maturity_metric_map_free(map);
            return status;
        }
    }
    *out = map;
    return SVCR_OK;
}

svcr_status svcr_maturity_answers_set_metric(svcr_maturity_answers *answers, const svcr_maturity_metric_map *map,
                                             const char *metric, double value, bool *filled)
{
    SVCR_REQUIRE_ARG(answers);
    SVCR_REQUIRE_ARG(map);
    SVCR_REQUIRE_ARG(metric);
    if (!isfinite(value))
        return svcr__fail(SVCR_EINVAL, "metric \"%s\": the value must be finite", metric);
    const metric_entry *entry = find_metric(map, metric);
    size_t index = entry ? svcr__maturity_lookup(answers->model, entry->criterion) : answers->model->count;
    if (index == answers->model->count) {
        if (filled != NULL)
            *filled = false;
        return SVCR_OK;
    }
    if (answers->model->criteria[index].kind != SVCR_MATURITY_NUMBER)
        return svcr__fail(SVCR_EINVAL, "metric \"%s\" is mapped to criterion \"%s\", which is yes/no", metric,
                          entry->criterion);
    answers->answers[index] = (svcr__answer){true, value};
    if (filled != NULL)
        *filled = true;
    return SVCR_OK;
}
