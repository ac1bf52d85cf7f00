/* Private: name -> index lookup for a fixed list of names (states, events, roles, facts).
 *
 * An open-addressing hash table of indexes into the caller's name array: one hash of the name
 * and, on a hit, one string compare. It sits on the hot path of svcr_case_apply(), hence inline. */
#ifndef SVCR_WORKFLOW_NAMES_H
#define SVCR_WORKFLOW_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "workflow/arena.h"

typedef struct svcr__name_index {
    uint32_t mask;   /* slot count - 1; the slot count is a power of two above twice the names */
    uint32_t *slots; /* index + 1 of the name hashed there; 0 = empty */
} svcr__name_index;

static inline uint32_t svcr__name_hash(const char *name)
{
    uint32_t hash = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        hash = (hash ^ *p) * 16777619u;
    return hash;
}

/* Make an empty index with room for @p capacity names, from @p arena. Returns 0, or -1 on
 * allocation failure. */
int svcr__name_index_init(svcr__name_index *index, svcr__arena *arena, size_t capacity);

/* Add names[i] (the index holds fewer than its capacity). When an equal name is indexed already,
 * nothing is added and its index is returned (a duplicate); otherwise -1. */
long svcr__name_index_add(svcr__name_index *index, const char *const *names, size_t i);

/* The index of @p name in @p names, or -1. */
static inline long svcr__name_index_find(const svcr__name_index *index, const char *const *names,
                                         const char *name)
{
    for (uint32_t slot = svcr__name_hash(name) & index->mask;; slot = (slot + 1) & index->mask) {
        uint32_t entry = index->slots[slot];
        if (entry == 0)
            return -1;
        if (strcmp(names[entry - 1], name) == 0)
            return (long)entry - 1;
    }
}

#endif
