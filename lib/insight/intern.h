/* Private: a table of distinct strings (states, root causes, timers, owners), each with
 * a value of a fixed size: the base hash map (base/hashmap.h) from a key's hash to its entry, and
 * the entries in the order they were added. An entry holds its key's length and the key itself
 * when shorter than SVCR__INTERN_INLINE bytes (most states, causes and timers), or else a pointer to
 * its copy, then the value; so a lookup reads a map slot and one entry. Longer keys and other text
 * (svcr__intern_store()) are copied into storage that never moves (storage.h).
 *
 * An entry is addressed by its number (0 for the first added), which never changes: iterate from
 * 0 to count - 1. Updates that must not fail halfway reserve first: svcr__intern_reserve() makes
 * room for some number of new keys and bytes of text (the only step that allocates), after which
 * svcr__intern_add(), svcr__intern_insert() and svcr__intern_store() cannot fail.
 *
 * (The customers, a million or more, are not kept here but in customers.h, each id in its map
 * slot, so that a lookup reads one slot rather than a slot and an entry.) */
#ifndef SVCR_INSIGHT_INTERN_H
#define SVCR_INSIGHT_INTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/hashmap.h"
#include "insight/storage.h"

enum { SVCR__INTERN_INLINE = 16 }; /* keys shorter than this live in their entry, with their NUL */

#define SVCR__INTERN_ABSENT SIZE_MAX

/* The head of an entry; its value follows. */
typedef struct svcr__intern_head {
    union {
        char text[SVCR__INTERN_INLINE]; /* a key shorter than SVCR__INTERN_INLINE */
        const char *stored;             /* a longer key, in the text storage */
    } key;
    size_t length;
} svcr__intern_head;

typedef struct svcr__intern {
    size_t value_size, stride; /* an entry takes stride bytes: head, then value */
    unsigned char *entries;    /* count of capacity, in the order they were added */
    size_t count, capacity;
    svcr__hashmap index;       /* svcr__intern_hash() of a key -> its entry number */
    size_t key_bytes;          /* text storage the keys take: svcr__intern_text_for() of each */
    svcr__storage text;        /* long keys and other stored text */
} svcr__intern;

void svcr__intern_init(svcr__intern *table, size_t value_size);
void svcr__intern_free(svcr__intern *table);
/* The hash of @p key (base/hash.h, as the map takes it); its length into *@p length unless NULL. */
uint32_t svcr__intern_hash(const char *key, size_t *length);
/* The entry number of @p key (@p length bytes, with its svcr__intern_hash()), or SVCR__INTERN_ABSENT. */
size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint32_t hash);
/* Make room for @p new_keys more keys and @p text_bytes of text (svcr__intern_text_for() of each
 * new key, and anything for svcr__intern_store()). Returns 0, or -1 when out of memory (the
 * table's contents are then unchanged). */
int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes);
/* Add @p key, known to be absent, with a zeroed value; needs a reservation. Returns its number. */
size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint32_t hash);
/* The number of @p key's entry, adding it when absent; needs a reservation. */
size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint32_t hash);
/* Copy @p length bytes of @p text followed by @p suffix into the reserved storage; return the copy. */
const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix);

/* The text storage a new key of @p length bytes takes. */
static inline size_t svcr__intern_text_for(size_t length)
{
    return length < SVCR__INTERN_INLINE ? 0 : length + 1;
}

static inline const svcr__intern_head *svcr__intern_entry(const svcr__intern *table, size_t number)
{
    return (const svcr__intern_head *)(table->entries + number * table->stride);
}

static inline const char *svcr__intern_key(const svcr__intern *table, size_t number)
{
    const svcr__intern_head *head = svcr__intern_entry(table, number);
    return head->length < SVCR__INTERN_INLINE ? head->key.text : head->key.stored;
}

static inline void *svcr__intern_value(const svcr__intern *table, size_t number)
{
    return table->entries + number * table->stride + sizeof(svcr__intern_head);
}

#endif
