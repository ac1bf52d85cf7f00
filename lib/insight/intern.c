/* The string table of intern.h. */
#include "insight/intern.h"

#include <string.h>

#include "base/alloc.h"

enum { CHUNK_SIZE = 64 * 1024, LENGTH_AT = 8, KEY_AT = 12 };

struct svcr__chunk {
    svcr__chunk *next;
    char text[];
};

void svcr__intern_init(svcr__intern *table, size_t value_size)
{
    memset(table, 0, sizeof *table);
    table->value_size = value_size;
    table->stride = SVCR__INTERN_HEAD + (value_size + 7) / 8 * 8;
}

void svcr__intern_free(svcr__intern *table)
{
    for (svcr__chunk *chunk = table->chunks, *next; chunk != NULL; chunk = next) {
        next = chunk->next;
        svcr__free(chunk);
    }
    svcr__free(table->slots);
    svcr__free(table->entries);
    memset(table, 0, sizeof *table);
}

/* Eight bytes at a time, multiply-xorshift mixing (the finaliser is splitmix64's). */
uint64_t svcr__intern_hash(const char *key, size_t length)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ length;
    for (; length >= 8; key += 8, length -= 8) {
        uint64_t word;
        memcpy(&word, key, 8);
        h = (h ^ word) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < length; i++) /* under 8 bytes: cheaper than a variable-length memcpy */
        tail |= (uint64_t)(unsigned char)key[i] << (8 * i);
    h = (h ^ tail) * 0x94D049BB133111EBu;
    h ^= h >> 32;
    h *= 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 29);
}

static uint32_t key_length(const unsigned char *entry)
{
    uint32_t length;
    memcpy(&length, entry + LENGTH_AT, sizeof length);
    return length;
}

static const char *entry_key(const unsigned char *entry)
{
    if (key_length(entry) < SVCR__INTERN_INLINE)
        return (const char *)entry + KEY_AT;
    const char *key;
    memcpy(&key, entry + KEY_AT, sizeof key);
    return key;
}

const char *svcr__intern_key(const svcr__intern *table, size_t index)
{
    return entry_key(svcr__intern_entry(table, index));
}

size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    if (table->slot_count == 0)
        return SVCR__INTERN_ABSENT;
    size_t mask = table->slot_count - 1;
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        uint32_t number = table->slots[slot];
        if (number == 0)
            return SVCR__INTERN_ABSENT;
        const unsigned char *entry = svcr__intern_entry(table, number - 1);
        if (svcr__intern_key_hash(table, number - 1) == hash && key_length(entry) == length &&
            memcmp(entry_key(entry), key, length) == 0)
            return number - 1;
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
        unsigned char *entries = svcr__reallocarray(table->entries, capacity, table->stride);
        if (entries == NULL)
            return -1;
        table->entries = entries;
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
            place(slots, slot_count, svcr__intern_key_hash(table, i), i);
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

size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t index = table->count++;
    unsigned char *entry = svcr__intern_entry(table, index);
    memset(entry, 0, table->stride);
    memcpy(entry, &hash, sizeof hash);
    uint32_t length32 = (uint32_t)length;
    memcpy(entry + LENGTH_AT, &length32, sizeof length32);
    if (length < SVCR__INTERN_INLINE) {
        memcpy(entry + KEY_AT, key, length);
    } else {
        const char *stored = svcr__intern_store(table, key, length, "");
        memcpy(entry + KEY_AT, &stored, sizeof stored);
    }
    table->long_key_bytes += svcr__intern_text_for(length);
    place(table->slots, table->slot_count, hash, index);
    return index;
}

size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t index = svcr__intern_find(table, key, length, hash);
    return index != SVCR__INTERN_ABSENT ? index : svcr__intern_add(table, key, length, hash);
}
