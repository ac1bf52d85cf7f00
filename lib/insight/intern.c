/* The string table of intern.h. */
#include "insight/intern.h"

#include <string.h>

#include "base/alloc.h"

enum { CHUNK_SIZE = 64 * 1024 };

struct svcr__chunk {
    svcr__chunk *next;
    char text[];
};

void svcr__intern_init(svcr__intern *table, size_t value_size)
{
    memset(table, 0, sizeof *table);
    table->value_size = value_size;
}

void svcr__intern_free(svcr__intern *table)
{
    for (svcr__chunk *chunk = table->chunks, *next; chunk != NULL; chunk = next) {
        next = chunk->next;
        svcr__free(chunk);
    }
    svcr__free(table->slots);
    svcr__free(table->keys);
    svcr__free(table->hashes);
    svcr__free(table->values);
    memset(table, 0, sizeof *table);
}

/* FNV-1a, then a final mix so linear probing on the low bits spreads well. */
uint64_t svcr__intern_hash(const char *key, size_t length)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < length; i++) {
        h ^= (unsigned char)key[i];
        h *= 1099511628211u;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93u;
    h ^= h >> 32;
    return h;
}

size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    if (table->slot_count == 0)
        return SVCR__INTERN_ABSENT;
    size_t mask = table->slot_count - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        uint32_t entry = table->slots[slot];
        if (entry == 0)
            return SVCR__INTERN_ABSENT;
        size_t index = entry - 1;
        if (table->hashes[index] == hash && strncmp(table->keys[index], key, length) == 0 &&
            table->keys[index][length] == '\0')
            return index;
    }
}

static void place(uint32_t *slots, size_t slot_count, uint64_t hash, size_t index)
{
    size_t mask = slot_count - 1;
    size_t slot = hash & mask;
    while (slots[slot] != 0)
        slot = (slot + 1) & mask;
    slots[slot] = (uint32_t)(index + 1);
}

static int reserve_entries(svcr__intern *table, size_t needed)
{
    if (needed > UINT32_MAX - 1)
        return -1;
    if (needed > table->capacity) {
        size_t capacity = table->capacity < 8 ? 8 : table->capacity;
        while (capacity < needed)
            capacity *= 2;
        /* grow all three arrays before committing any, so a failure changes nothing visible */
        const char **keys = svcr__reallocarray(table->keys, capacity, sizeof *keys);
        if (keys == NULL)
            return -1;
        table->keys = keys;
        uint64_t *hashes = svcr__reallocarray(table->hashes, capacity, sizeof *hashes);
        if (hashes == NULL)
            return -1;
        table->hashes = hashes;
        unsigned char *values = svcr__reallocarray(table->values, capacity, table->value_size);
        if (values == NULL)
            return -1;
        table->values = values;
        table->capacity = capacity;
    }
    if (needed * 2 > table->slot_count) {
        size_t slot_count = table->slot_count < 16 ? 16 : table->slot_count;
        while (slot_count < needed * 2)
            slot_count *= 2;
        uint32_t *slots = svcr__calloc(slot_count, sizeof *slots);
        if (slots == NULL)
            return -1;
        for (size_t i = 0; i < table->count; i++)
            place(slots, slot_count, table->hashes[i], i);
        svcr__free(table->slots);
        table->slots = slots;
        table->slot_count = slot_count;
    }
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

size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t index = svcr__intern_find(table, key, length, hash);
    if (index != SVCR__INTERN_ABSENT)
        return index;
    index = table->count++;
    table->keys[index] = svcr__intern_store(table, key, length, "");
    table->hashes[index] = hash;
    memset(svcr__intern_value(table, index), 0, table->value_size);
    table->key_bytes += length + 1;
    place(table->slots, table->slot_count, hash, index);
    return index;
}
