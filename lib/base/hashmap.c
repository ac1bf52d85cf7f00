/* The hash map's growing, adding and removing; see hashmap.h. */
#include "base/hashmap.h"

#include "base/alloc.h"

#include <string.h>

/* Slots for @p count values with the map at most three quarters full, each of @p words words;
 * 0 when too many. */
static size_t slots_for(size_t count, size_t words)
{
    size_t slots = 8;
    while (count > slots / 4 * 3) {
        if (slots > SIZE_MAX / 2 / sizeof(uint64_t) / words)
            return 0;
        slots *= 2;
    }
    return slots;
}

/* The first free slot (all zero: header and payload) of the probe run of @p hash in @p slots, of
 * @p slot_count slots of @p words words with one free. */
static size_t free_slot(const uint64_t *slots, size_t slot_count, size_t words, uint32_t hash)
{
    size_t mask = slot_count - 1, i = hash & mask;
    while (slots[i * words] != 0)
        i = (i + 1) & mask;
    return i;
}

void svcr__hashmap_free(svcr__hashmap *map)
{
    svcr__free(map->slots);
    *map = (svcr__hashmap){NULL, 0, 0, map->payload_words};
}

int svcr__hashmap_reserve(svcr__hashmap *map, size_t count)
{
    if (count <= map->slot_count / 4 * 3)
        return 0;
    if (count > (size_t)SVCR__HASHMAP_VALUE_MAX + 1)
        return -1;
    size_t words = 1 + map->payload_words, slot_count = slots_for(count, words);
    uint64_t *slots = slot_count ? svcr__calloc(slot_count, words * sizeof *slots) : NULL;
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < map->slot_count; i++)
        if (map->slots[i * words] != 0) {
            size_t to = free_slot(slots, slot_count, words, (uint32_t)(map->slots[i * words] >> 32));
            memcpy(slots + to * words, map->slots + i * words, words * sizeof *slots);
        }
    svcr__free(map->slots);
    map->slots = slots;
    map->slot_count = slot_count;
    return 0;
}

int svcr__hashmap_put(svcr__hashmap *map, uint32_t hash, uint32_t value, size_t *position)
{
    if (value > SVCR__HASHMAP_VALUE_MAX || svcr__hashmap_reserve(map, map->count + 1) != 0)
        return -1;
    size_t words = 1 + map->payload_words, at = free_slot(map->slots, map->slot_count, words, hash);
    map->slots[at * words] = (uint64_t)hash << 32 | ((uint64_t)value + 1);
    map->count++;
    if (position != NULL)
        *position = at;
    return 0;
}

void svcr__hashmap_remove_at(svcr__hashmap *map, size_t position)
{
    /* Backward-shift deletion: pull later members of the probe run into the hole unless that
     * would put them before their home slot, so lookups never need tombstones. */
    size_t words = 1 + map->payload_words, mask = map->slot_count - 1, hole = position;
    for (size_t i = (position + 1) & mask; map->slots[i * words] != 0; i = (i + 1) & mask) {
        size_t home = (uint32_t)(map->slots[i * words] >> 32) & mask;
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            memcpy(map->slots + hole * words, map->slots + i * words, words * sizeof *map->slots);
            hole = i;
        }
    }
    memset(map->slots + hole * words, 0, words * sizeof *map->slots);
    map->count--;
}

void svcr__strmap_free(svcr__strmap *map)
{
    svcr__hashmap_free(&map->index);
    svcr__free(map->entries);
    *map = (svcr__strmap)SVCR__STRMAP_INIT;
}

int svcr__strmap_reserve(svcr__strmap *map, size_t count)
{
    /* Entries first: a failure of the index after it leaves only unused room behind. */
    if (count > map->capacity &&
        svcr__grow((void **)&map->entries, &map->capacity, count, sizeof *map->entries) != 0)
        return -1;
    return svcr__hashmap_reserve(&map->index, count);
}

int svcr__strmap_put(svcr__strmap *map, const char *key, size_t length, uintptr_t value,
                     const svcr__strmap_entry **entry)
{
    uint32_t hash = svcr__hash32(key, length);
    const svcr__strmap_entry *existing = svcr__strmap_find(map, key, length, hash);
    if (existing != NULL) {
        if (entry != NULL)
            *entry = existing;
        return 1;
    }
    if (svcr__strmap_reserve(map, map->count + 1) != 0)
        return -1;
    svcr__strmap_entry *added = &map->entries[map->count];
    *added = (svcr__strmap_entry){key, length, value};
    svcr__hashmap_put(&map->index, hash, (uint32_t)map->count, NULL); /* reserved: cannot fail */
    map->count++;
    if (entry != NULL)
        *entry = added;
    return 0;
}
