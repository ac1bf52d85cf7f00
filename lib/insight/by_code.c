/* The root-cause Pareto by taxonomy code and level: the per-cause rows resolved through a
 * taxonomy and rolled up, each with the owner to notify. Built on svcr_insight_pareto(), so the
 * accumulator itself stays free of taxonomies. */
#include <svcrecover/insight.h>

#include "base/alloc.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct code_row {
    const char *code; /* NULL: unresolved */
    uint64_t cases, followed_up, recovered;
} code_row;

static int by_cases(const void *a, const void *b)
{
    const code_row *x = a, *y = b;
    if (x->cases != y->cases)
        return x->cases > y->cases ? -1 : 1;
    if (x->code == NULL || y->code == NULL)
        return x->code == NULL ? (y->code == NULL ? 0 : 1) : -1; /* the unresolved row last among equals */
    return strcmp(x->code, y->code);
}

/* The rows of @p insight's Pareto in one block: pointers, then the structs. */
static svcr_status read_causes(const svcr_insight *insight, svcr_insight_cause ***out, size_t *count)
{
    svcr_status st = svcr_insight_pareto(insight, NULL, 0, count);
    if (st != SVCR_OK)
        return st;
    size_t n = *count ? *count : 1;
    svcr_insight_cause **causes = svcr__malloc(n * (sizeof *causes + sizeof **causes));
    if (causes == NULL)
        return svcr__fail_nomem("reading the Pareto by code");
    svcr_insight_cause *rows = (svcr_insight_cause *)(causes + n);
    for (size_t i = 0; i < n; i++) {
        rows[i] = (svcr_insight_cause){.size = sizeof rows[i]};
        causes[i] = &rows[i];
    }
    if ((st = svcr_insight_pareto(insight, causes, *count, count)) != SVCR_OK) {
        svcr__free(causes);
        return st;
    }
    *out = causes;
    return SVCR_OK;
}

svcr_status svcr_insight_pareto_by_code(const svcr_insight *insight, const svcr_taxonomy *taxonomy, size_t level,
                                        svcr_insight_code_row *const *rows, size_t capacity, size_t *count)
{
    SVCR_REQUIRE_ARG(insight);
    SVCR_REQUIRE_ARG(taxonomy);
    SVCR_REQUIRE_ARG(count);
    if (rows == NULL && capacity > 0)
        return svcr__fail(SVCR_EINVAL, "%s: argument \"rows\" is NULL but capacity is %zu", __func__, capacity);
    for (size_t i = 0; i < capacity; i++)
        if (rows[i] == NULL || rows[i]->size < sizeof(size_t))
            return svcr__fail(SVCR_EINVAL, "%s: rows[%zu] is NULL or its size is not set", __func__, i);
    svcr_insight_cause **causes = NULL;
    size_t n = 0;
    svcr_status st = read_causes(insight, &causes, &n);
    if (st != SVCR_OK)
        return st;
    code_row *grouped = svcr__calloc(n ? n : 1, sizeof *grouped);
    if (grouped == NULL) {
        svcr__free(causes);
        return svcr__fail_nomem("reading the Pareto by code");
    }
    size_t groups = 0;
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = NULL;
        if (svcr_taxonomy_resolve(taxonomy, causes[i]->cause, &code) != SVCR_OK)
            code = NULL;
        if (code != NULL && level > 0)
            svcr_taxonomy_ancestor(taxonomy, code, level, &code);
        size_t g = 0;
        while (g < groups && grouped[g].code != code)
            g++;
        if (g == groups)
            grouped[groups++].code = code;
        grouped[g].cases += causes[i]->cases;
        grouped[g].followed_up += causes[i]->followed_up;
        grouped[g].recovered += causes[i]->recovered;
        total += causes[i]->cases;
    }
    svcr__free(causes);
    svcr_error_clear(); /* the resolutions that found nothing are not errors here */
    qsort(grouped, groups, sizeof *grouped, by_cases);
    uint64_t running = 0;
    bool reached = false;
    for (size_t g = 0; g < groups && g < capacity; g++) {
        svcr_taxonomy_node_info node = {.size = sizeof node};
        bool known = grouped[g].code != NULL && svcr_taxonomy_find(taxonomy, grouped[g].code, &node) == SVCR_OK;
        running += grouped[g].cases;
        svcr_insight_code_row full = {rows[g]->size,
                                      grouped[g].code,
                                      known ? node.name : "unresolved",
                                      known ? node.level : 0,
                                      known ? node.owner_team : NULL,
                                      known ? node.owner_contact : NULL,
                                      grouped[g].cases,
                                      total ? (double)grouped[g].cases / (double)total : 0,
                                      total ? (double)running / (double)total : 0,
                                      !reached,
                                      grouped[g].followed_up,
                                      grouped[g].recovered};
        reached = reached || (total && running * 10 >= total * 8);
        memcpy(rows[g], &full, rows[g]->size < sizeof full ? rows[g]->size : sizeof full);
    }
    *count = groups;
    svcr__free(grouped);
    return SVCR_OK;
}
