/* The string table of intern.h. */
#include "insight/intern.h"

#include <stdbool.h>
#include <string.h>

#include "base/alloc.h"

/* Slot head: hash (8 bytes), key length (4), insertion number + 1 (4; 0 marks an empty slot),
 * then the key and its NUL when shorter than SVCR__INTERN_INLINE, else a pointer to it. */
enum { CHUNK_SIZE = 64 * 1024, LENGTH_AT = 8, NUMBER_AT = 12, KEY_AT = 16 };

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
    svcr__free(table->order);
    memset(table, 0, sizeof *table);
}

/* Keys of up to 16 bytes as their two words, mixed once; longer ones eight bytes at a time. */
uint64_t svcr__intern_hash(const char *key, size_t length)
{
    uint64_t image[2];
    if (length <= 16) {
        svcr__intern_image(key, length, image);
        return svcr__intern_mix(image[0] ^ length, image[1]);
    }
    uint64_t h = length;
    for (; length >= 16; key += 16, length -= 16) {
        memcpy(image, key, 16);
        h = svcr__intern_mix(image[0] ^ h, image[1]);
    }
    svcr__intern_image(key, length, image);
    return svcr__intern_mix(image[0] ^ h, image[1] ^ length);
}

static uint32_t read32(const unsigned char *slot, size_t at)
{
    uint32_t value;
    memcpy(&value, slot + at, sizeof value);
    return value;
}

static uint64_t read64(const unsigned char *slot, size_t at)
{
    uint64_t value;
    memcpy(&value, slot + at, sizeof value);
    return value;
}

static const char *slot_key(const unsigned char *slot)
{
    if (read32(slot, LENGTH_AT) < SVCR__INTERN_INLINE)
        return (const char *)slot + KEY_AT;
    const char *key;
    memcpy(&key, slot + KEY_AT, sizeof key);
    return key;
}

const char *svcr__intern_key(const svcr__intern *table, size_t position)
{
    return slot_key(table->slots + position * table->stride);
}

/* Find a key whose image (when inline) is already made. */
static size_t find(const svcr__intern *table, const char *key, size_t length, uint64_t hash, const uint64_t image[2])
{
    if (table->slot_count == 0)
        return SVCR__INTERN_ABSENT;
    size_t mask = table->slot_count - 1;
    bool inline_key = length < SVCR__INTERN_INLINE; /* compared as the two words of its slot */
    for (size_t position = hash & mask;; position = (position + 1) & mask) {
        const unsigned char *slot = table->slots + position * table->stride;
        if (read32(slot, NUMBER_AT) == 0)
            return SVCR__INTERN_ABSENT;
        if (*(const uint64_t *)slot != hash || read32(slot, LENGTH_AT) != length)
            continue;
        if (inline_key ? read64(slot, KEY_AT) == image[0] && read64(slot, KEY_AT + 8) == image[1]
                       : memcmp(slot_key(slot), key, length) == 0)
            return position;
    }
}

size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    uint64_t image[2] = {0, 0};
    if (length < SVCR__INTERN_INLINE)
        svcr__intern_image(key, length, image);
    return find(table, key, length, hash, image);
}

size_t svcr__intern_find_noting(svcr__intern *table, const char *key, size_t length, uint64_t *hash)
{
    *hash = svcr__intern_hash(key, length);
    if (length == 0 || length >= SVCR__INTERN_INLINE)
        return svcr__intern_find(table, key, length, *hash);
    uint64_t image[2];
    svcr__intern_image(key, length, image);
    size_t position = find(table, key, length, *hash, image);
    if (position != SVCR__INTERN_ABSENT)
        *svcr__intern_memo_for(table, image, length) =
            (svcr__intern_memo){{image[0], image[1]}, *hash, (uint32_t)length, (uint32_t)position};
    return position;
}

/* The first free position for @p hash in @p slots. */
static size_t free_position(const unsigned char *slots, size_t slot_count, size_t stride, uint64_t hash)
{
    size_t mask = slot_count - 1;
    size_t position = hash & mask;
    while (read32(slots + position * stride, NUMBER_AT) != 0)
        position = (position + 1) & mask;
    return position;
}

static int reserve_entries(svcr__intern *table, size_t needed)
{
    if (needed > UINT32_MAX - 1)
        return -1;
    if (needed > table->order_capacity) {
        size_t capacity = table->order_capacity < 8 ? 8 : table->order_capacity;
        while (capacity < needed)
            capacity *= 2;
        uint32_t *order = svcr__reallocarray(table->order, capacity, sizeof *order);
        if (order == NULL)
            return -1;
        table->order = order;
        table->order_capacity = capacity;
    }
    if (needed * 4 > table->slot_count * 3) {
        size_t slot_count = table->slot_count < 16 ? 16 : table->slot_count;
        while (needed * 4 > slot_count * 3)
            slot_count *= 2;
        unsigned char *slots = svcr__calloc(slot_count, table->stride);
        if (slots == NULL)
            return -1;
        for (size_t n = 0; n < table->count; n++) {
            const unsigned char *old = table->slots + table->order[n] * table->stride;
            size_t position = free_position(slots, slot_count, table->stride, *(const uint64_t *)old);
            memcpy(slots + position * table->stride, old, table->stride);
            table->order[n] = (uint32_t)position;
        }
        svcr__free(table->slots);
        table->slots = slots;
        table->slot_count = slot_count;
        memset(table->memo, 0, sizeof table->memo);
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
    size_t position = free_position(table->slots, table->slot_count, table->stride, hash);
    unsigned char *slot = table->slots + position * table->stride;
    uint32_t length32 = (uint32_t)length, number = (uint32_t)(table->count + 1);
    memset(slot, 0, table->stride);
    memcpy(slot, &hash, sizeof hash);
    memcpy(slot + LENGTH_AT, &length32, sizeof length32);
    memcpy(slot + NUMBER_AT, &number, sizeof number);
    if (length < SVCR__INTERN_INLINE) {
        memcpy(slot + KEY_AT, key, length);
    } else {
        const char *stored = svcr__intern_store(table, key, length, "");
        memcpy(slot + KEY_AT, &stored, sizeof stored);
    }
    table->long_key_bytes += svcr__intern_text_for(length);
    table->order[table->count++] = (uint32_t)position;
    return position;
}

size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint64_t hash)
{
    size_t position = svcr__intern_find(table, key, length, hash);
    return position != SVCR__INTERN_ABSENT ? position : svcr__intern_add(table, key, length, hash);
}
