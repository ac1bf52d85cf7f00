/* Private: name -> index lookup for a fixed list of names (states, events, roles, facts, timers,
 * calendars): a string-key map (base/hashmap.h) whose keys are the workflow's own copies of the
 * names, so it stays valid for as long as the workflow. */
#ifndef SVCR_WORKFLOW_NAMES_H
#define SVCR_WORKFLOW_NAMES_H

#include <stddef.h>
#include <string.h>

#include "base/hashmap.h"

typedef struct svcr__name_index {
    svcr__strmap map; /* name -> index */
} svcr__name_index;

/* Make room for @p capacity names, so that adding them cannot fail. Returns 0, or -1 on
 * allocation failure. */
static inline int svcr__name_index_init(svcr__name_index *index, size_t capacity)
{
    return svcr__strmap_reserve(&index->map, capacity);
}

static inline void svcr__name_index_free(svcr__name_index *index)
{
    svcr__strmap_free(&index->map);
}

/* The index of @p name, or -1. */
static inline long svcr__name_index_find(const svcr__name_index *index, const char *name)
{
    const svcr__strmap_entry *entry = svcr__strmap_get_text(&index->map, name);
    return entry == NULL ? -1 : (long)entry->value;
}

/* Add @p name (kept, not copied) as index @p i; the index holds fewer names than its capacity.
 * When an equal name is indexed already, nothing is added and its index is returned (a
 * duplicate); otherwise -1. */
static inline long svcr__name_index_add(svcr__name_index *index, const char *name, size_t i)
{
    const svcr__strmap_entry *existing = NULL;
    if (svcr__strmap_put(&index->map, name, strlen(name), i, &existing) == 1)
        return (long)existing->value;
    return -1;
}

#endif
