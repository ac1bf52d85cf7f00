/* Read a whole list that the library writes into caller-supplied structs (the 0.2 struct rule:
 * arrays of pointers with a capacity, the full count reported): ask for the count, then read
 * into a malloc'd array of structs, each with its size set. Free the array with free(). */
#ifndef SVCR_TEST_READ_ALL_H
#define SVCR_TEST_READ_ALL_H

#include <stdlib.h>

#include <svcrecover.h>

/* Make room for @p n structs of @p size bytes whose first member is their size, and pointers to
 * them; NULL when out of memory. */
static inline void *svcr_test_sized_array(size_t n, size_t size, void ***pointers)
{
    char *items = calloc(n ? n : 1, size);
    *pointers = calloc(n ? n : 1, sizeof **pointers);
    if (items == NULL || *pointers == NULL) {
        free(items);
        free(*pointers);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        *(size_t *)(items + i * size) = size;
        (*pointers)[i] = items + i * size;
    }
    return items;
}

/* Point @p pointers at the @p n timer outcomes and set their sizes, for a record's timers or
 * svcr_insight_timers_from_case(). Returns @p pointers. */
static inline svcr_insight_timer **svcr_test_timer_pointers(svcr_insight_timer *timers, size_t n,
                                                            svcr_insight_timer **pointers)
{
    for (size_t i = 0; i < n; i++) {
        timers[i].size = sizeof timers[i];
        pointers[i] = &timers[i];
    }
    return pointers;
}

/* svcr_phrase_set_new() from an array of specs (each with its size set), as tests write them. */
static inline svcr_status svcr_test_phrase_set_new(const svcr_phrase_spec *specs, size_t count,
                                                   svcr_phrase_set **out)
{
    if (specs == NULL)
        return svcr_phrase_set_new(NULL, count, out);
    const svcr_phrase_spec **pointers = calloc(count ? count : 1, sizeof *pointers);
    if (pointers == NULL)
        return SVCR_ENOMEM;
    for (size_t i = 0; i < count; i++)
        pointers[i] = &specs[i];
    svcr_status status = svcr_phrase_set_new(pointers, count, out);
    free(pointers);
    return status;
}

/* svcr_phrase_check() into a malloc'd array (NULL when there are no matches). */
static inline svcr_status svcr_test_phrase_check(const svcr_phrase_set *set, const char *text, size_t length,
                                                 svcr_phrase_match **matches, size_t *count)
{
    size_t n = 0;
    svcr_status status = svcr_phrase_check(set, text, length, NULL, 0, &n);
    if (status != SVCR_OK)
        return status;
    void **pointers = NULL;
    svcr_phrase_match *items = svcr_test_sized_array(n, sizeof *items, &pointers);
    if (items == NULL)
        return SVCR_ENOMEM;
    status = svcr_phrase_check(set, text, length, (svcr_phrase_match *const *)pointers, n, count);
    free(pointers);
    if (status != SVCR_OK || n == 0) {
        free(items);
        items = NULL;
    }
    if (status == SVCR_OK)
        *matches = items;
    return status;
}

/* svcr_insight_pareto() into a malloc'd array (NULL when there are no causes). */
static inline svcr_status svcr_test_insight_pareto(const svcr_insight *insight, svcr_insight_cause **causes,
                                                   size_t *count)
{
    size_t n = 0;
    svcr_status status = svcr_insight_pareto(insight, NULL, 0, &n);
    if (status != SVCR_OK)
        return status;
    void **pointers = NULL;
    svcr_insight_cause *items = svcr_test_sized_array(n, sizeof *items, &pointers);
    if (items == NULL)
        return SVCR_ENOMEM;
    status = svcr_insight_pareto(insight, (svcr_insight_cause *const *)pointers, n, count);
    free(pointers);
    if (status != SVCR_OK || n == 0) {
        free(items);
        items = NULL;
    }
    if (status == SVCR_OK)
        *causes = items;
    return status;
}

#endif
