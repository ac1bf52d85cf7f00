/* Private: a table of distinct strings (states, root causes, customers, timers, owners), each with
 * a value of a fixed size. Open addressing with linear probing over a power-of-two array of slots,
 * at most three quarters used. A slot holds the entry itself: its key's hash and length, the key
 * length and the key when shorter than SVCR__INTERN_INLINE bytes (most customer ids and causes),
 * or else a pointer to its copy, then the value; so a lookup reads one slot, usually one cache
 * line. Hashes are not kept: growing the table hashes the keys again. Longer keys and
 * other text (svcr__intern_store()) are copied into chunked storage that never moves. A dense list
 * keeps the entries' insertion order for iterating.
 *
 * An entry is addressed by its slot position, which changes when the table grows. Updates that
 * must not fail halfway reserve first: svcr__intern_reserve() makes room for some number of new
 * keys and bytes of text (the only step that allocates; it may grow the table, so look keys up
 * after it), after which svcr__intern_add(), svcr__intern_insert() and svcr__intern_store()
 * cannot fail. */
#ifndef SVCR_INSIGHT_INTERN_H
#define SVCR_INSIGHT_INTERN_H

#include <stddef.h>
#include <stdint.h>

typedef struct svcr__chunk svcr__chunk;

enum { SVCR__INTERN_INLINE = 16 }; /* keys shorter than this live in their slot, with their NUL */

#define SVCR__INTERN_ABSENT SIZE_MAX

/* The head of a slot; the value follows it. */
typedef struct svcr__intern_head {
    uint32_t length;
    uint32_t number; /* the entry's insertion number + 1; 0 in an empty slot */
    union {
        char text[SVCR__INTERN_INLINE]; /* a key shorter than SVCR__INTERN_INLINE */
        const char *stored;             /* a longer key, in the text storage */
    } key;
} svcr__intern_head;

typedef struct svcr__intern {
    size_t value_size, stride; /* a slot takes stride bytes: head, then value */
    unsigned char *slots;
    size_t slot_count;         /* 0, or 2 to the power slot_bits */
    unsigned slot_bits;
    uint32_t *order;           /* slot position of the 1st, 2nd, ... entry added */
    size_t count, order_capacity;
    size_t key_bytes;          /* text storage the keys take: svcr__intern_text_for() of each */
    svcr__chunk *chunks;       /* long keys and other stored text, newest first */
    char *free_text;           /* unused room in the newest chunk */
    size_t free_length;
} svcr__intern;

void svcr__intern_init(svcr__intern *table, size_t value_size);
void svcr__intern_free(svcr__intern *table);
/* The hash of @p key, the table's one; its length into *@p length unless NULL. */
uint64_t svcr__intern_hash(const char *key, size_t *length);
/* The slot position of @p key (@p length bytes, with its svcr__intern_hash()), or SVCR__INTERN_ABSENT. */
size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Make room for @p new_keys more keys and @p text_bytes of text (svcr__intern_text_for() of each
 * new key, and anything for svcr__intern_store()). Returns 0, or -1 when out of memory (the
 * table's contents are then unchanged). Slot positions found before are no longer valid. */
int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes);
/* Add @p key, known to be absent, with a zeroed value; needs a reservation. Returns its position. */
size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* The position of @p key, adding it when absent; needs a reservation. */
size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash);
/* Start loading the slot where a lookup of a key with @p hash begins, so that a lookup soon after
 * does not wait for memory. */
void svcr__intern_prefetch(const svcr__intern *table, uint64_t hash);
/* Copy @p length bytes of @p text followed by @p suffix into the reserved storage; return the copy. */
const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix);

/* The text storage a new key of @p length bytes takes. */
static inline size_t svcr__intern_text_for(size_t length)
{
    return length < SVCR__INTERN_INLINE ? 0 : length + 1;
}

/* The position of the @p n-th entry added (0-based, below count). */
static inline size_t svcr__intern_position(const svcr__intern *table, size_t n)
{
    return table->order[n];
}

static inline const svcr__intern_head *svcr__intern_slot(const svcr__intern *table, size_t position)
{
    return (const svcr__intern_head *)(table->slots + position * table->stride);
}

/* The key at @p position (valid until the table grows). */
static inline const char *svcr__intern_key(const svcr__intern *table, size_t position)
{
    const svcr__intern_head *head = svcr__intern_slot(table, position);
    return head->length < SVCR__INTERN_INLINE ? head->key.text : head->key.stored;
}

static inline void *svcr__intern_value(const svcr__intern *table, size_t position)
{
    return table->slots + position * table->stride + sizeof(svcr__intern_head);
}

#endif
