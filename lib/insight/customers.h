/* Private: the customers with cases in the repeat-complaint window, each with its number of cases
 * there (1, or 2 for two or more: the repeat rate needs no more). A million customers is an
 * ordinary load, and every case looks its customer up, so the set keeps each id in its slot of the
 * base hash map (base/hashmap.h, two payload words a slot), not in a separate entry: a lookup
 * reads one slot. The slot's value is the id's length; its payload holds the id itself when
 * shorter than SVCR__CUSTOMER_INLINE bytes (NUL-padded), or else a pointer to its copy in the
 * set's storage, and in its last byte the number of cases.
 *
 * svcr__customers_reserve() makes room first (the only step that allocates), after which
 * svcr__customers_cases() cannot fail. */
#ifndef SVCR_INSIGHT_CUSTOMERS_H
#define SVCR_INSIGHT_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/hashmap.h"
#include "insight/storage.h"

enum { SVCR__CUSTOMER_INLINE = 15 }; /* ids shorter than this live in their slot */

typedef struct svcr__customers {
    svcr__hashmap map;    /* hash of an id -> its length; payload: the id (or a pointer) and cases */
    svcr__storage text;   /* ids of SVCR__CUSTOMER_INLINE bytes or more */
    size_t text_bytes;    /* storage the ids take: svcr__customers_text_for() of each */
} svcr__customers;

void svcr__customers_init(svcr__customers *set);
void svcr__customers_free(svcr__customers *set);

/* The storage a new id of @p length bytes takes. */
static inline size_t svcr__customers_text_for(size_t length)
{
    return length < SVCR__CUSTOMER_INLINE ? 0 : length + 1;
}

/* Make room for @p new_ids more ids taking @p text_bytes of storage. Returns 0, or -1 when out of
 * memory (the set unchanged). */
int svcr__customers_reserve(svcr__customers *set, size_t new_ids, size_t text_bytes);

/* The number of cases of the id of @p length bytes (at most SVCR__HASHMAP_VALUE_MAX) whose
 * svcr__hash32() is @p hash, for the caller to update: 0 for an id not seen before, which is added
 * (room reserved). */
uint8_t *svcr__customers_cases(svcr__customers *set, const char *id, size_t length, uint32_t hash);

/* Start loading the slot where a lookup of @p hash begins, so that a lookup soon after does not
 * wait for memory. */
void svcr__customers_prefetch(const svcr__customers *set, uint32_t hash);

/* Iteration: start with *position = 0; each call gives the next id, its length and its number of
 * cases and returns true, or returns false at the end. */
bool svcr__customers_each(const svcr__customers *set, size_t *position, const char **id, size_t *length,
                          uint8_t *cases);

#endif
