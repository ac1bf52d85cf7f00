/* Private: the set of customers seen in the repeat-complaint window, with how many cases each had
 * (1, or 2 for two or more: the repeat rate needs no more). This is the one table that grows with
 * the data (one entry per customer), so an entry is 16 bytes: open addressing with linear probing
 * over a power-of-two array, at most three quarters full, so a lookup reads one cache line or two.
 *
 * A slot holds a key of up to SVCR__CUSTOMER_INLINE bytes itself, padded with NULs, and in its last
 * byte the tag: the cases seen (0 for an empty slot) and, for a longer key, a flag; a longer key
 * keeps a pointer to its copy (in chunked text storage that never moves) and 56 bits of its hash.
 *
 * Like intern.h: svcr__customers_reserve() is the only step that allocates; it may move the entries,
 * so look keys up (again) after it; svcr__customers_count() then cannot fail. */
#ifndef SVCR_INSIGHT_CUSTOMERS_H
#define SVCR_INSIGHT_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "insight/intern.h"

enum { SVCR__CUSTOMER_INLINE = 15 };

/* A customer id prepared for lookups: its slot image and hash, made once. */
typedef struct svcr__customer_key {
    const char *key;
    size_t length;
    uint64_t image[2]; /* the slot a new entry gets, its tag saying one case */
    uint64_t hash;
} svcr__customer_key;

typedef struct svcr__customers {
    uint64_t *slots;   /* slot_count slots of two words */
    size_t slot_count; /* 0 or a power of two */
    size_t count;      /* distinct customers */
    size_t repeat;     /* customers with two or more cases */
    size_t long_key_bytes;
    svcr__intern text; /* storage of the keys too long for their slot (no entries) */
} svcr__customers;

#define SVCR__CUSTOMER_ABSENT SIZE_MAX

void svcr__customers_init(svcr__customers *set);
void svcr__customers_free(svcr__customers *set);
/* Prepare @p id (not NULL, @p length bytes) for the functions below. */
void svcr__customer_key_make(svcr__customer_key *key, const char *id, size_t length);

/* Start fetching the slot where a lookup of @p key begins. */
static inline void svcr__customers_prefetch(const svcr__customers *set, const svcr__customer_key *key)
{
    if (set->slot_count > 0)
        __builtin_prefetch(set->slots + 2 * (key->hash & (set->slot_count - 1)), 1);
}

/* The slot position of @p key, or SVCR__CUSTOMER_ABSENT. */
size_t svcr__customers_find(const svcr__customers *set, const svcr__customer_key *key);
/* Make room for @p new_keys more customers whose keys take @p long_bytes of text (the length + 1
 * of each key longer than SVCR__CUSTOMER_INLINE). Returns 0, or -1 when out of memory (the set is
 * then unchanged). Positions found before are no longer valid. */
int svcr__customers_reserve(svcr__customers *set, size_t new_keys, size_t long_bytes);
/* Count @p cases (1 or 2) more for @p key at @p position (from svcr__customers_find() after the
 * reservation), adding it when absent; needs a reservation when absent. */
void svcr__customers_count(svcr__customers *set, const svcr__customer_key *key, size_t position, unsigned cases);
/* Add every customer of @p from to @p set, with its cases; needs a reservation for all of them. */
void svcr__customers_merge(svcr__customers *set, const svcr__customers *from);

/* Text storage @p key takes when added. */
static inline size_t svcr__customer_text_for(const svcr__customer_key *key)
{
    return key->length > SVCR__CUSTOMER_INLINE ? key->length + 1 : 0;
}

#endif
