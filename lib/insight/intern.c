/* The string table of intern.h. */
#include "insight/intern.h"

#include <string.h>

#include "base/alloc.h"
#include "base/compat.h"
#include "base/hash.h"

void svcr__intern_init(svcr__intern *table, size_t value_size)
{
    memset(table, 0, sizeof *table);
    table->value_size = value_size;
    table->stride = sizeof(svcr__intern_head) + (value_size + 7) / 8 * 8;
    table->index = (svcr__hashmap)SVCR__HASHMAP_INIT;
}

void svcr__intern_free(svcr__intern *table)
{
    svcr__storage_free(&table->text);
    svcr__free(table->entries);
    svcr__hashmap_free(&table->index);
    svcr__intern_init(table, table->value_size);
}

uint32_t svcr__intern_hash(const char *key, size_t *length)
{
    return svcr__hash_fold(svcr__hash_text(key, SVCR__HASH_SEED, length));
}

size_t svcr__intern_find(const svcr__intern *table, const char *key, size_t length, uint32_t hash)
{
    size_t position;
    for (uint32_t n = svcr__hashmap_first(&table->index, hash, &position); n != SVCR__HASHMAP_ABSENT;
         n = svcr__hashmap_next(&table->index, hash, &position))
        if (svcr__intern_entry(table, n)->length == length && memcmp(svcr__intern_key(table, n), key, length) == 0)
            return n;
    return SVCR__INTERN_ABSENT;
}

int svcr__intern_reserve(svcr__intern *table, size_t new_keys, size_t text_bytes)
{
    if (new_keys > SVCR__HASHMAP_VALUE_MAX - table->count)
        return -1;
    size_t needed = table->count + new_keys;
    if ((needed > table->capacity &&
         svcr__grow((void **)&table->entries, &table->capacity, needed, table->stride) != 0) ||
        svcr__hashmap_reserve(&table->index, needed) != 0)
        return -1;
    return svcr__storage_reserve(&table->text, text_bytes);
}

const char *svcr__intern_store(svcr__intern *table, const char *text, size_t length, const char *suffix)
{
    return svcr__storage_store(&table->text, text, length, suffix);
}

size_t svcr__intern_add(svcr__intern *table, const char *key, size_t length, uint32_t hash)
{
    size_t number = table->count++;
    unsigned char *entry = table->entries + number * table->stride;
    memset(entry, 0, table->stride);
    svcr__intern_head *head = (svcr__intern_head *)entry;
    head->length = length;
    if (length < SVCR__INTERN_INLINE)
        memcpy(head->key.text, key, length);
    else
        head->key.stored = svcr__intern_store(table, key, length, "");
    table->key_bytes += svcr__intern_text_for(length);
    svcr__hashmap_put(&table->index, hash, (uint32_t)number, NULL); /* cannot fail: room reserved */
    return number;
}

size_t svcr__intern_insert(svcr__intern *table, const char *key, size_t length, uint32_t hash)
{
    size_t number = svcr__intern_find(table, key, length, hash);
    return number != SVCR__INTERN_ABSENT ? number : svcr__intern_add(table, key, length, hash);
}
