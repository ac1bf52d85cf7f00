/* Private: a table of distinct strings (states, root causes, customers, timers, owners), each
 * with a fixed-size value, in insertion order. Open addressing with linear probing over an array
 * of entry numbers; each entry holds its key's hash and length, the key itself when short (most
 * customer ids and causes), and the value, so a lookup that hits touches two cache lines.
 * Longer keys are copied into chunked storage that never moves.
 *
 * Updates that must not fail halfway reserve first: svcr__intern_reserve() makes room for some
 * number of new keys and bytes of text (the only step that allocates), after which
 * svcr__intern_add(), svcr__intern_insert() and svcr__intern_store() cannot fail.
 * Key pointers stay valid until the table next grows. */
#ifndef SVCR_INSIGHT_INTERN_H
#define SVCR_INSIGHT_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct svcr__chunk svcr__chunk;

enum {
    SVCR__INTERN_INLINE = 20,           /* keys shorter than this live in their entry */
    SVCR__INTERN_HEAD = 32,             /* hash, length, inline key or pointer */
};
#define SVCR__INTERN_ABSENT SIZE_MAX

typedef struct svcr__intern {
    size_t value_size, stride;
    uint32_t *slots;         /* entry index + 1; 0 is empty */
    size_t slot_count;       /* 0 or a power of two, at least twice count */
    unsigned char *entries;  /* count entries of stride bytes: head, then value */
    size_t count, capacity;
    size_t long_key_bytes;   /* bytes the keys too long for their entry take in the text storage */
    svcr__chunk *chunks;     /* long keys and other stored text, newest first */
    char *free_text;         /* unused room in the newest chunk */
    size_t free_length;
} svcr__intern;

void svcr__intern_init(svcr__intern *table, size_t value_size);
void svcr__intern_free(svcr__intern *table);
uint64_t svcr__intern_hash(const char *key, size_t length);
/* The index of @p key, or SVCR__INTERN_ABSENT. */
size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Make room for @p new_keys more keys and @p text_bytes of text (svcr__intern_text_for() of each
 * new key, and anything for svcr__intern_store()). Returns 0, or -1 when out of memory (the table's contents
 * are then unchanged). */
int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes);
/* Add @p key, known to be absent, with a zeroed value; needs a reservation. Returns its index. */
size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* The index of @p key, adding it when absent; needs a reservation. */
size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Copy @p length bytes of @p text followed by @p suffix into the reserved storage; return the copy. */
const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix);

/* The text storage a new key of @p length bytes takes. */
static inline size_t svcr__intern_text_for(size_t length)
{
    return length < SVCR__INTERN_INLINE ? 0 : length + 1;
}

static inline unsigned char *svcr__intern_entry(const svcr__intern *table, size_t index)
{
    return table->entries + index * table->stride;
}

static inline void *svcr__intern_value(const svcr__intern *table, size_t index)
{
    return svcr__intern_entry(table, index) + SVCR__INTERN_HEAD;
}

static inline uint64_t svcr__intern_key_hash(const svcr__intern *table, size_t index)
{
    return *(const uint64_t *)svcr__intern_entry(table, index);
}

/* The key of entry @p index (valid until the table grows). */
const char *svcr__intern_key(const svcr__intern *table, size_t index);

#endif
