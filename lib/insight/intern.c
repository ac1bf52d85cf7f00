/* The string table of intern.h. */
#include "insight/intern.h"

#include <string.h>

#include "base/alloc.h"
#include "base/hash.h"

enum { CHUNK_SIZE = 64 * 1024 };

struct svcr__chunk {
    svcr__chunk *next;
    char text[];
};

void svcr__intern_init(svcr__intern *table, size_t value_size)
{
    memset(table, 0, sizeof *table);
    table->value_size = value_size;
    table->stride = sizeof(svcr__intern_head) + (value_size + 7) / 8 * 8;
}

void svcr__intern_free(svcr__intern *table)
{
    for (svcr__chunk *chunk = table->chunks, *next; chunk != NULL; chunk = next) {
        next = chunk->next;
        svcr__free(chunk);
    }
    svcr__free(table->slots);
    svcr__free(table->order);
    memset(table, 0, sizeof *table);
}

uint64_t svcr__intern_hash(const char *key, size_t *length)
{
    return svcr__hash_text(key, SVCR__HASH_SEED, length);
}

static svcr__intern_head *slot_at(unsigned char *slots, size_t stride, size_t position)
{
    return (svcr__intern_head *)(slots + position * stride);
}

/* The slot where the probe for @p hash starts: its low slot_bits bits. */
static size_t first_slot(uint64_t hash, unsigned slot_bits)
{
    return (size_t)(hash & (((size_t)1 << slot_bits) - 1));
}

size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    if (table->slot_count == 0)
        return SVCR__INTERN_ABSENT;
    size_t mask = table->slot_count - 1;
    for (size_t i = first_slot(hash, table->slot_bits);; i = (i + 1) & mask) {
        const svcr__intern_head *slot = svcr__intern_slot(table, i);
        if (slot->number == 0)
            return SVCR__INTERN_ABSENT;
        if (slot->length == length && memcmp(svcr__intern_key(table, i), key, length) == 0)
            return i;
    }
}

void svcr__intern_prefetch(const svcr__intern *table, uint64_t hash)
{
#if defined(__GNUC__) || defined(__clang__)
    if (table->slot_count > 0)
        __builtin_prefetch(table->slots + first_slot(hash, table->slot_bits) * table->stride);
#else
    (void)table;
    (void)hash;
#endif
}

/* The first free position for @p hash in @p slots. */
static size_t free_position(unsigned char *slots, unsigned slot_bits, size_t stride, uint64_t hash)
{
    size_t mask = ((size_t)1 << slot_bits) - 1, i = first_slot(hash, slot_bits);
    while (slot_at(slots, stride, i)->number != 0)
        i = (i + 1) & mask;
    return i;
}

static int reserve_entries(svcr__intern *table, size_t needed)
{
    if (needed >= UINT32_MAX)
        return -1;
    if (needed > table->order_capacity &&
        svcr__grow((void **)&table->order, &table->order_capacity, needed, sizeof *table->order) != 0)
        return -1;
    if (needed * 4 <= table->slot_count * 3)
        return 0;
    unsigned slot_bits = table->slot_bits < 4 ? 4 : table->slot_bits;
    while (needed * 4 > ((size_t)3 << slot_bits))
        slot_bits++;
    size_t slot_count = (size_t)1 << slot_bits;
    unsigned char *slots = svcr__calloc(slot_count, table->stride);
    if (slots == NULL)
        return -1;
    for (size_t n = 0; n < table->count; n++) {
        const unsigned char *old = table->slots + table->order[n] * table->stride;
        uint64_t hash = svcr__intern_hash(svcr__intern_key(table, table->order[n]), NULL);
        size_t position = free_position(slots, slot_bits, table->stride, hash);
        memcpy(slots + position * table->stride, old, table->stride);
        table->order[n] = (uint32_t)position;
    }
    svcr__free(table->slots);
    table->slots = slots;
    table->slot_count = slot_count;
    table->slot_bits = slot_bits;
    return 0;
}

int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes)
{
    if (new_keys > SIZE_MAX / 4 - table->count || reserve_entries(table, table->count + new_keys) != 0)
        return -1;
    if (text_bytes > table->free_length) {
        size_t size = text_bytes > CHUNK_SIZE ? text_bytes : CHUNK_SIZE;
        svcr__chunk *chunk = svcr__malloc(sizeof *chunk + size);
        if (chunk == NULL)
            return -1;
        chunk->next = table->chunks;
        table->chunks = chunk;
        table->free_text = chunk->text;
        table->free_length = size;
    }
    return 0;
}

const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix)
{
    size_t suffix_length = strlen(suffix);
    char *copy = table->free_text;
    memcpy(copy, text, length);
    memcpy(copy + length, suffix, suffix_length + 1);
    table->free_text += length + suffix_length + 1;
    table->free_length -= length + suffix_length + 1;
    return copy;
}

size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t position = free_position(table->slots, table->slot_bits, table->stride, hash);
    svcr__intern_head *head = slot_at(table->slots, table->stride, position); /* zeroed when allocated */
    head->length = (uint32_t)length;
    head->number = (uint32_t)table->count + 1;
    if (length < SVCR__INTERN_INLINE)
        memcpy(head->key.text, key, length);
    else
        head->key.stored = svcr__intern_store(table, key, length, "");
    table->key_bytes += svcr__intern_text_for(length);
    table->order[table->count++] = (uint32_t)position;
    return position;
}

size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t position = svcr__intern_find(table, key, length, hash);
    return position != SVCR__INTERN_ABSENT ? position : svcr__intern_add(table, key, length, hash);
}
