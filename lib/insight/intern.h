/* Private: a table of distinct strings (states, root causes, customers, timers, owners), each
 * with a fixed-size value, in insertion order. Open addressing with linear probing; keys are
 * copied into chunked storage that never moves, so key pointers stay valid.
 *
 * Updates that must not fail halfway reserve first: svcr__intern_reserve() makes room for some
 * number of new keys and key bytes (the only step that allocates), after which
 * svcr__intern_insert() and svcr__intern_store() cannot fail. */
#ifndef SVCR_INSIGHT_INTERN_H
#define SVCR_INSIGHT_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct svcr__chunk svcr__chunk;

typedef struct svcr__intern {
    size_t value_size;
    uint32_t *slots;       /* entry index + 1; 0 is empty */
    size_t slot_count;     /* 0 or a power of two, at least twice count */
    const char **keys;     /* by entry index */
    uint64_t *hashes;      /* by entry index */
    unsigned char *values; /* by entry index, value_size bytes each, zeroed on insert */
    size_t count, capacity;
    size_t key_bytes;      /* total length of the keys with their NULs */
    svcr__chunk *chunks;   /* key storage, newest first */
    char *free_text;       /* unused room in the newest chunk */
    size_t free_length;
} svcr__intern;

enum { SVCR__INTERN_ABSENT = SIZE_MAX };

void svcr__intern_init(svcr__intern *table, size_t value_size);
void svcr__intern_free(svcr__intern *table);
uint64_t svcr__intern_hash(const char *key, size_t length);
/* The index of @p key, or SVCR__INTERN_ABSENT. */
size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Make room for @p new_keys more keys and @p text_bytes of text (keys with their NULs and other
 * stored strings). Returns 0, or -1 when out of memory (the table is then unchanged). */
int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes);
/* The index of @p key, inserting it (with a zeroed value) when absent; needs a reservation. */
size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Copy @p length bytes of @p text followed by @p suffix into the reserved storage; return the copy. */
const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix);

static inline void *svcr__intern_value(const svcr__intern *table, size_t index)
{
    return table->values + index * table->value_size;
}

#endif
