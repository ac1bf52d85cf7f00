/* The hash map's growing, adding and removing; see hashmap.h. */
#include "base/hashmap.h"

#include "base/alloc.h"

/* Slots for @p count values with the map at most three quarters full. */
static size_t slots_for(size_t count)
{
    size_t slots = 8;
    while (count > slots / 4 * 3) {
        if (slots > SIZE_MAX / 2 / sizeof(uint64_t))
            return 0;
        slots *= 2;
    }
    return slots;
}

/* Put a used slot into @p slots (of @p slot_count), which has a free slot for it. */
static void place(uint64_t *slots, size_t slot_count, uint64_t slot)
{
    size_t mask = slot_count - 1, i = (uint32_t)(slot >> 32) & mask;
    while (slots[i] != 0)
        i = (i + 1) & mask;
    slots[i] = slot;
}

void svcr__hashmap_free(svcr__hashmap *map)
{
    svcr__free(map->slots);
    *map = (svcr__hashmap)SVCR__HASHMAP_INIT;
}

int svcr__hashmap_reserve(svcr__hashmap *map, size_t count)
{
    if (count <= map->slot_count / 4 * 3)
        return 0;
    if (count > (size_t)SVCR__HASHMAP_VALUE_MAX + 1)
        return -1;
    size_t slot_count = slots_for(count);
    uint64_t *slots = slot_count ? svcr__calloc(slot_count, sizeof *slots) : NULL;
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < map->slot_count; i++)
        if (map->slots[i] != 0)
            place(slots, slot_count, map->slots[i]);
    svcr__free(map->slots);
    map->slots = slots;
    map->slot_count = slot_count;
    return 0;
}

int svcr__hashmap_put(svcr__hashmap *map, uint32_t hash, uint32_t value)
{
    if (value > SVCR__HASHMAP_VALUE_MAX || svcr__hashmap_reserve(map, map->count + 1) != 0)
        return -1;
    place(map->slots, map->slot_count, (uint64_t)hash << 32 | ((uint64_t)value + 1));
    map->count++;
    return 0;
}

void svcr__hashmap_remove_at(svcr__hashmap *map, size_t position)
{
    /* Backward-shift deletion: pull later members of the probe run into the hole unless that
     * would put them before their home slot, so lookups never need tombstones. */
    size_t mask = map->slot_count - 1, hole = position;
    for (size_t i = (position + 1) & mask; map->slots[i] != 0; i = (i + 1) & mask) {
        size_t home = (uint32_t)(map->slots[i] >> 32) & mask;
        if (((i - home) & mask) >= ((i - hole) & mask)) {
            map->slots[hole] = map->slots[i];
            hole = i;
        }
    }
    map->slots[hole] = 0;
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
    svcr__hashmap_put(&map->index, hash, (uint32_t)map->count); /* reserved: cannot fail */
    map->count++;
    if (entry != NULL)
        *entry = added;
    return 0;
}
